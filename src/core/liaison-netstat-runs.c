/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-statistics"

#include "config.h"

#include <string.h>

#include "liaison-host-moments-private.h"
#include "liaison-netstat-runs-private.h"
#include "liaison-record-identity-private.h"
#include "liaison-runs-private.h"
#include "liaison-store-runs-private.h"

/*
 * Activity runs for one netstat sample of host H at moment T.
 *
 * An active record's run update (liaison_runs_add(), done by the store in
 * the same statement that counts the sample) needs the latest and the
 * earliest moment around T at which the record's listener was discovered:
 * the same for every record of a listener, so found once per listener.
 * A classic record counts every sample of its host (3.4), so any moment.
 *
 * A record that was not active at T, whose listener the sample discovered,
 * has its run split at T when T lies inside one. That can only happen when
 * H has a sample after T (the sample came late), so only then are the
 * records around T read.
 */

struct _LiaisonNetstatRuns
{
  LiaisonStore             *store;
  char                     *host;
  LiaisonTime               time;
  const LiaisonListenerSet *discovered;
  LiaisonHostMoments       *moments;
  GHashTable               *neighbours;   /* listener -> LiaisonTime[2] */
  LiaisonTime               host_before;
  LiaisonTime               host_after;
  gboolean                  late;
  GHashTable               *active;       /* record identities active at T, when late */
  GHashTable               *active_classic;
};

/**
 * liaison_netstat_runs_begin:
 * @discovered: the listeners the sample discovered (3.3 step 1)
 *
 * Keeps the sample's moment and prepares the run updates of its records.
 */
LiaisonNetstatRuns *
liaison_netstat_runs_begin (LiaisonStore              *store,
                            const char                *host,
                            LiaisonTime                time,
                            const LiaisonListenerSet  *discovered,
                            GError                   **error)
{
  LiaisonNetstatRuns *self = g_new0 (LiaisonNetstatRuns, 1);

  self->store = g_object_ref (store);
  self->host = g_strdup (host);
  self->time = time;
  self->discovered = discovered;
  self->moments = liaison_host_moments_new (store, host);
  self->neighbours = g_hash_table_new_full (liaison_record_identity_hash, liaison_record_identity_equal, g_free, g_free);

  if (!liaison_host_moments_add (self->moments, time, discovered, error) ||
      !liaison_host_moments_neighbours (self->moments, time, NULL, 0, 0,
                                        &self->host_before, &self->host_after, error))
    {
      liaison_netstat_runs_free (self);
      return NULL;
    }

  self->late = self->host_after != LIAISON_TIME_NONE;
  if (self->late)
    {
      self->active = g_hash_table_new_full (liaison_record_identity_hash, liaison_record_identity_equal, g_free, NULL);
      self->active_classic = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
    }
  return self;
}

void
liaison_netstat_runs_free (LiaisonNetstatRuns *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->moments, liaison_host_moments_free);
  g_clear_pointer (&self->neighbours, g_hash_table_unref);
  g_clear_pointer (&self->active, g_hash_table_unref);
  g_clear_pointer (&self->active_classic, g_hash_table_unref);
  g_clear_object (&self->store);
  g_free (self->host);
  g_free (self);
}

/**
 * liaison_netstat_runs_listener:
 * @before: (out): the latest moment of the host before the sample's at
 *   which @listener was discovered, or %LIAISON_TIME_NONE
 * @after: (out): the earliest one after it, or %LIAISON_TIME_NONE
 */
gboolean
liaison_netstat_runs_listener (LiaisonNetstatRuns    *self,
                               const LiaisonAddress  *listener,
                               guint16                port,
                               guint8                 protocol,
                               LiaisonTime           *before,
                               LiaisonTime           *after,
                               GError               **error)
{
  LiaisonRecordIdentity *key = liaison_record_identity_new (listener, port, protocol, NULL, NULL);
  LiaisonTime *found = g_hash_table_lookup (self->neighbours, key);

  if (found == NULL)
    {
      found = g_new (LiaisonTime, 2);
      if (!liaison_host_moments_neighbours (self->moments, self->time, listener, port, protocol,
                                            &found[0], &found[1], error))
        {
          g_free (found);
          g_free (key);
          return FALSE;
        }
      g_hash_table_insert (self->neighbours, key, found);
    }
  else
    g_free (key);

  *before = found[0];
  *after = found[1];
  return TRUE;
}

/* The host's moments before and after the sample's (classic records). */
void
liaison_netstat_runs_host (LiaisonNetstatRuns *self,
                           LiaisonTime        *before,
                           LiaisonTime        *after)
{
  *before = self->host_before;
  *after = self->host_after;
}

/* A statistics record was active in the sample. */
void
liaison_netstat_runs_active_record (LiaisonNetstatRuns     *self,
                                    const LiaisonRecordKey *key)
{
  if (!self->late)
    return;
  g_hash_table_add (self->active, liaison_record_identity_new (key->listener, key->port, key->protocol, key->client, key->scope));
}

/* A classic record was active in the sample. */
void
liaison_netstat_runs_active_classic (LiaisonNetstatRuns *self,
                                     gint64              communication_id)
{
  if (!self->late)
    return;
  g_hash_table_add (self->active_classic, g_memdup2 (&communication_id, sizeof communication_id));
}

/* Splits the runs of the records of @rows that the sample breaks. */
static gboolean
split_rows (LiaisonNetstatRuns  *self,
            gboolean             classic,
            GArray              *rows,
            GError             **error)
{
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (LiaisonRun));

  for (guint i = 0; i < rows->len; i++)
    {
      const LiaisonRunsRow *row = &g_array_index (rows, LiaisonRunsRow, i);
      g_autofree guint8 *blob = NULL;
      gboolean first_unknown;
      LiaisonTime before, after;
      gsize length;

      if (classic)
        {
          if (g_hash_table_contains (self->active_classic, &row->id))
            continue;
          before = self->host_before;
          after = self->host_after;
        }
      else
        {
          g_autofree LiaisonRecordIdentity *key = liaison_record_identity_new (&row->listener, row->port, row->protocol, &row->client, row->scope);

          /* Only a sample that discovered the listener breaks a run. */
          if (g_hash_table_contains (self->active, key) ||
              !liaison_listener_set_covers (self->discovered, &row->listener, row->port, row->protocol))
            continue;
          if (!liaison_netstat_runs_listener (self, &row->listener, row->port, row->protocol,
                                              &before, &after, error))
            return FALSE;
        }

      liaison_runs_decode (row->runs != NULL ? g_bytes_get_data (row->runs, NULL) : NULL,
                           row->runs != NULL ? g_bytes_get_size (row->runs) : 0,
                           row->first, row->last, runs, &first_unknown);
      if (!liaison_runs_split (runs, first_unknown, self->time, before, after))
        continue;

      blob = liaison_runs_encode (runs, first_unknown, &length);
      if (!liaison_store_set_runs (self->store, classic, row->id, blob, length, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * liaison_netstat_runs_finish:
 *
 * After the sample's records were counted: a late sample splits the runs
 * of the records it found not active.
 */
gboolean
liaison_netstat_runs_finish (LiaisonNetstatRuns  *self,
                             GError             **error)
{
  g_autoptr(GArray) rows = NULL;
  gboolean ok;

  if (!self->late)
    return TRUE;

  /* The runs of the records around T are read as they are. */
  if (!liaison_store_write_held_records (self->store, error))
    return FALSE;

  rows = g_array_new (FALSE, TRUE, sizeof (LiaisonRunsRow));
  g_array_set_clear_func (rows, (GDestroyNotify) liaison_runs_row_clear);

  ok = liaison_store_runs_around (self->store, FALSE, self->host, self->time, rows, error) &&
       split_rows (self, FALSE, rows, error);
  g_array_set_size (rows, 0);
  ok = ok &&
       liaison_store_runs_around (self->store, TRUE, self->host, self->time, rows, error) &&
       split_rows (self, TRUE, rows, error);
  return ok;
}
