/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <stddef.h>
#include <string.h>

#include "liaison-error.h"
#include "liaison-record-identity-private.h"
#include "liaison-store-private.h"
#include "liaison-store-runs-private.h"
#include "liaison-store-statistics-private.h"

/*
 * An import of many netstat samples of a host, such as a week of them,
 * touches the same statistics records sample after sample: each sample
 * counts itself in every record of the listeners it discovered (3.3 step
 * 2), in every classic record of its host (3.4), and in the record of each
 * of its conversations. Written as they come, each record is rewritten
 * once a sample. Held, they are counted in memory and each record is
 * written once, when the import's transaction commits.
 *
 * Exactness: a record's figures are the same sums and the same runs
 * (liaison_store_runs_after(), which SQLite's liaison_runs_add() calls) in
 * the same order. Whatever reads or makes records in between writes what
 * is held first: a new record must not receive the counts of samples
 * before it (liaison_store_write_held_samples()), and a late sample reads
 * the runs of records around it (liaison_store_write_held_records()).
 */

/* Counted samples of one listener of a host (the rows of
 * liaison_store_count_listener_sample()). */
typedef struct
{
  gint64          samples;
  guint16         port;
  guint8          protocol;
  guint8          wildcard;     /* 0: the address; 1: ::, every address; 2: 0.0.0.0, every IPv4 address */
  LiaisonAddress  address;      /* all zero for a wildcard */
  char            host[];
} HeldListener;

#define HELD_LISTENER_KEY_START offsetof (HeldListener, port)
#define HELD_LISTENER_KEY_END   offsetof (HeldListener, host)

static guint
held_listener_hash (gconstpointer data)
{
  const HeldListener *held = data;
  guint hash = g_str_hash (held->host);

  for (gsize i = HELD_LISTENER_KEY_START; i < HELD_LISTENER_KEY_END; i++)
    hash = hash * 31 + ((const guint8 *) held)[i];
  return hash;
}

static gboolean
held_listener_equal (gconstpointer a,
                     gconstpointer b)
{
  const guint8 *x = a;
  const guint8 *y = b;

  return memcmp (x + HELD_LISTENER_KEY_START, y + HELD_LISTENER_KEY_START,
                 HELD_LISTENER_KEY_END - HELD_LISTENER_KEY_START) == 0 &&
         strcmp (((const HeldListener *) a)->host, ((const HeldListener *) b)->host) == 0;
}

/* A statistics record's netstat figures as the samples so far left them
 * (what liaison_store_count_inbound()'s update sets). */
typedef struct
{
  gint64       id;
  gint64       active_samples;
  gint64       total_ports;
  LiaisonTime  first;
  LiaisonTime  last;
  GBytes      *runs;
} HeldRecord;

static void
held_record_free (gpointer data)
{
  HeldRecord *record = data;

  g_clear_pointer (&record->runs, g_bytes_unref);
  g_free (record);
}

/**
 * liaison_store_hold_statistics:
 *
 * Inside a transaction: from now on until it ends, the netstat statistics
 * that samples rewrite in records they do not make are counted in memory,
 * and written when the transaction commits. Not for a store that writes
 * single rows (the reference the tests hold this against).
 */
void
liaison_store_hold_statistics (LiaisonStore *self)
{
  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  if (self->single_rows || self->held_listeners != NULL)
    return;
  self->held_listeners = g_hash_table_new_full (held_listener_hash, held_listener_equal, g_free, NULL);
  self->held_classic = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->held_records = g_hash_table_new_full (liaison_record_identity_hash, liaison_record_identity_equal,
                                              g_free, held_record_free);
}

/* Lets go of what is held, written or not, and holds no more. */
void
liaison_store_drop_held_statistics (LiaisonStore *self)
{
  g_clear_pointer (&self->held_listeners, g_hash_table_unref);
  g_clear_pointer (&self->held_classic, g_hash_table_unref);
  g_clear_pointer (&self->held_records, g_hash_table_unref);
}

/* Whether a sample's count of a listener was held (else it is to be written). */
gboolean
liaison_store_hold_listener_sample (LiaisonStore           *self,
                                    const char             *host,
                                    const LiaisonListener  *listener)
{
  gsize host_length = strlen (host);
  HeldListener *key;
  HeldListener *held;

  if (self->held_listeners == NULL)
    return FALSE;

  key = g_malloc0 (sizeof (HeldListener) + host_length + 1);
  key->port = listener->port;
  key->protocol = listener->protocol;
  key->wildcard = listener->address != NULL ? 0 : listener->ipv4_only ? 2 : 1;
  if (listener->address != NULL)
    key->address = *listener->address;
  memcpy (key->host, host, host_length);

  held = g_hash_table_lookup (self->held_listeners, key);
  if (held == NULL)
    {
      held = key;
      g_hash_table_add (self->held_listeners, held);
    }
  else
    g_free (key);
  held->samples++;
  return TRUE;
}

/* The same for the classic records of @host (3.4). */
gboolean
liaison_store_hold_classic_sample (LiaisonStore *self,
                                   const char   *host)
{
  gint64 *samples;

  if (self->held_classic == NULL)
    return FALSE;

  samples = g_hash_table_lookup (self->held_classic, host);
  if (samples == NULL)
    {
      samples = g_new0 (gint64, 1);
      g_hash_table_insert (self->held_classic, g_strdup (host), samples);
    }
  (*samples)++;
  return TRUE;
}

/**
 * liaison_store_write_held_samples:
 *
 * Writes the samples held of listeners and of classic records, and holds
 * on from nothing: what a record made from now on counts starts from it.
 */
gboolean
liaison_store_write_held_samples (LiaisonStore  *self,
                                  GError       **error)
{
  GHashTableIter iter;
  gpointer key, value;

  if (self->held_listeners == NULL)
    return TRUE;

  g_hash_table_iter_init (&iter, self->held_listeners);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const HeldListener *held = key;
      LiaisonListener listener = { held->wildcard == 0 ? &held->address : NULL, held->wildcard == 2,
                                   held->port, held->protocol };

      if (!liaison_store_add_listener_samples (self, held->host, &listener, held->samples, error))
        return FALSE;
      g_hash_table_iter_remove (&iter);
    }

  g_hash_table_iter_init (&iter, self->held_classic);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (!liaison_store_add_classic_samples (self, key, *(const gint64 *) value, error))
        return FALSE;
      g_hash_table_iter_remove (&iter);
    }
  return TRUE;
}

/* Reads the record of @count to hold it; none when the update of
 * liaison_store_count_inbound() would not find it either. */
static gboolean
read_held_record (LiaisonStore                    *self,
                  const LiaisonConversationCount  *count,
                  HeldRecord                     **record,
                  GError                         **error)
{
  g_autoptr(LiaisonStmt) stmt = NULL;
  int rc;

  *record = NULL;
  stmt = liaison_store_prepare (self,
                                "SELECT id, ns_active_samples, ns_total_ports, ns_first_found, ns_last_found, ns_runs"
                                " FROM stat_record" LIAISON_COUNTED_RECORD_WHERE,
                                error);
  if (stmt == NULL)
    return FALSE;
  liaison_bind_record_key (stmt, &count->record);

  rc = liaison_stmt_step (stmt);
  if (rc == LIAISON_DONE)
    return TRUE;
  if (rc != LIAISON_ROW)
    return liaison_store_set_error (self, error);

  *record = g_new0 (HeldRecord, 1);
  (*record)->id = liaison_stmt_column_int64 (stmt, 0);
  (*record)->active_samples = liaison_stmt_column_int64 (stmt, 1);
  (*record)->total_ports = liaison_stmt_column_int64 (stmt, 2);
  (*record)->first = liaison_column_time (stmt, 3);
  (*record)->last = liaison_column_time (stmt, 4);
  if (liaison_stmt_column_type (stmt, 5) != LIAISON_NULL)
    (*record)->runs = g_bytes_new (liaison_stmt_column_blob (stmt, 5), (gsize) liaison_stmt_column_bytes (stmt, 5));
  return TRUE;
}

/**
 * liaison_store_hold_inbound:
 * @held: (out): whether the record was counted in memory
 *
 * liaison_store_count_inbound() in memory, for a record that exists and
 * only needs its counters: the same figures its update would set.
 */
gboolean
liaison_store_hold_inbound (LiaisonStore                    *self,
                            LiaisonTime                      time,
                            const LiaisonConversationCount  *count,
                            gboolean                        *held,
                            GError                         **error)
{
  g_autofree LiaisonRecordIdentity *identity = NULL;
  GBytes *runs = NULL;
  HeldRecord *record;

  *held = FALSE;
  if (self->held_records == NULL)
    return TRUE;

  identity = liaison_record_identity_new (count->record.listener, count->record.port, count->record.protocol,
                                          count->record.client, count->record.scope);
  record = g_hash_table_lookup (self->held_records, identity);
  if (record == NULL)
    {
      if (!read_held_record (self, count, &record, error))
        return FALSE;
      if (record == NULL)
        return TRUE;
      g_hash_table_insert (self->held_records, g_steal_pointer (&identity), record);
    }

  if (!liaison_store_runs_after (record->runs, record->first, record->last, time,
                                 count->run_before, count->run_after, &runs))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE,
                   "%s: the activity runs of a statistics record are damaged",
                   liaison_store_get_path (self));
      return FALSE;
    }
  g_clear_pointer (&record->runs, g_bytes_unref);
  record->runs = runs;
  record->active_samples++;
  record->total_ports += count->ports;
  if (record->first == LIAISON_TIME_NONE || time < record->first)
    record->first = time;
  if (record->last == LIAISON_TIME_NONE || time > record->last)
    record->last = time;
  *held = TRUE;
  return TRUE;
}

static int
held_record_compare (gconstpointer a,
                     gconstpointer b)
{
  const HeldRecord *x = *(const HeldRecord * const *) a;
  const HeldRecord *y = *(const HeldRecord * const *) b;

  return x->id < y->id ? -1 : x->id > y->id;
}

/**
 * liaison_store_write_held_records:
 *
 * Writes the records held, each once, in the order of their ids, and
 * holds on from nothing.
 */
gboolean
liaison_store_write_held_records (LiaisonStore  *self,
                                  GError       **error)
{
  g_autoptr(GPtrArray) records = NULL;
  GHashTableIter iter;
  gpointer value;

  if (self->held_records == NULL || g_hash_table_size (self->held_records) == 0)
    return TRUE;

  records = g_ptr_array_sized_new (g_hash_table_size (self->held_records));
  g_hash_table_iter_init (&iter, self->held_records);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (records, value);
  g_ptr_array_sort (records, held_record_compare);
  for (guint i = 0; i < records->len; i++)
    {
      const HeldRecord *record = g_ptr_array_index (records, i);
      g_autoptr(LiaisonStmt) stmt = NULL;

      stmt = liaison_store_prepare (self,
                                    "UPDATE stat_record SET ns_active_samples = ?2, ns_total_ports = ?3,"
                                    "  ns_first_found = ?4, ns_last_found = ?5, ns_runs = ?6"
                                    " WHERE id = ?1",
                                    error);
      if (stmt == NULL)
        return FALSE;
      liaison_stmt_bind_int64 (stmt, 1, record->id);
      liaison_stmt_bind_int64 (stmt, 2, record->active_samples);
      liaison_stmt_bind_int64 (stmt, 3, record->total_ports);
      liaison_bind_time (stmt, 4, record->first);
      liaison_bind_time (stmt, 5, record->last);
      if (record->runs == NULL)
        liaison_stmt_bind_null (stmt, 6);
      else
        liaison_stmt_bind_blob (stmt, 6, g_bytes_get_data (record->runs, NULL),
                                (int) g_bytes_get_size (record->runs), LIAISON_STATIC);
      if (!liaison_store_step_done (self, stmt, error))
        return FALSE;
    }

  g_clear_pointer (&records, g_ptr_array_unref);
  g_hash_table_remove_all (self->held_records);
  return TRUE;
}

/* Writes all that is held; the transaction is about to commit. */
gboolean
liaison_store_write_held_statistics (LiaisonStore  *self,
                                     GError       **error)
{
  return liaison_store_write_held_samples (self, error) &&
         liaison_store_write_held_records (self, error);
}
