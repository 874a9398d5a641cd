/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-live-sample"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "liaison-content-hash.h"
#include "liaison-error.h"
#include "liaison-live-sample.h"
#include "liaison-netstat-statistics-private.h"
#include "liaison-store-private.h"
#include "liaison-store-samples-private.h"

/*
 * A live sample has no file whose content could identify it, so it is
 * identified by the device and the moment: one taken by hand is never the
 * same as another. A sample taken on a schedule is identified by the
 * device and the period of the schedule that holds its moment, on the
 * clock's grid (for 5m: 10:00, 10:05, ...). Two samplers of one device on
 * the same schedule (the application and the systemd timer, two terminals)
 * thus meet in each period, and the second is refused like a file imported
 * twice: the samples table's content hash keeps one.
 */

/**
 * liaison_period_start:
 * @time: a moment
 * @period: the length of a period in milliseconds, more than 0
 *
 * Returns: the start of the period on the epoch grid that holds @time
 */
LiaisonTime
liaison_period_start (LiaisonTime time,
                      gint64      period)
{
  gint64 q;

  g_return_val_if_fail (period > 0, time);

  q = time / period;
  if (time % period != 0 && time < 0)
    q--;
  return q * period;
}

static char *
identity_hash (const LiaisonLiveSample *sample)
{
  g_autofree char *identity = NULL;

  if (sample->period > 0)
    identity = g_strdup_printf ("live sample\n%s\nperiod %" G_GINT64_FORMAT "\n%" G_GINT64_FORMAT,
                                sample->host, sample->period,
                                liaison_period_start (sample->time, sample->period));
  else
    identity = g_strdup_printf ("this host\n%s\n%" G_GINT64_FORMAT, sample->host, sample->time);

  return liaison_content_hash ((const guint8 *) identity, strlen (identity));
}

static gboolean
check_period_free (LiaisonStore             *store,
                   const LiaisonLiveSample  *sample,
                   const char               *checksum,
                   GError                  **error)
{
  LiaisonTime imported_at = LIAISON_TIME_NONE;
  gboolean found = FALSE;
  char start[LIAISON_TIME_STRLEN];
  char length[LIAISON_TIME_STRLEN];

  if (!liaison_store_find_sample (store, checksum, &found, NULL, &imported_at, error))
    return FALSE;
  if (!found)
    return TRUE;

  liaison_time_to_string (liaison_period_start (sample->time, sample->period), start);
  liaison_duration_format (sample->period, length);
  g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE,
               /* Translators: “already sampled in the 5m period from
                * 2026-12-03T10:05:00Z; skipped”: a device sampled twice in
                * one period of a schedule. */
               _("already sampled in the %s period from %s; skipped"),
               length, start);
  return FALSE;
}

typedef struct
{
  const LiaisonLiveSample *sample;
  const char              *checksum;
  const LiaisonSampleRow  *row;
  LiaisonNewRows           added;
} Filing;

/* Inside a transaction: files the sample and counts what it added. */
static gboolean
file_sample (LiaisonStore  *store,
             gpointer       data,
             GError       **error)
{
  Filing *filing = data;
  const LiaisonLiveSample *sample = filing->sample;
  LiaisonNewRows base = { 0 };

  return (sample->period == 0 || check_period_free (store, sample, filing->checksum, error)) &&
         liaison_store_new_rows_begin (store, &base, error) &&
         liaison_statistics_apply_netstat (store, sample->host, sample->time, sample->table, error) &&
         liaison_store_add_sample (store, filing->row, error) &&
         liaison_store_new_rows_count (store, &base, &filing->added, error);
}

/**
 * liaison_live_sample_import:
 * @store: the store
 * @sample: the socket table and where it came from
 * @summary: (out) (optional): what the sample added
 * @error: return location for an error
 *
 * Files @sample as one netstat sample of its host, in one transaction. A
 * sample of a period that already has one of the same host is refused with
 * %LIAISON_ERROR_DUPLICATE, and nothing is written.
 */
gboolean
liaison_live_sample_import (LiaisonStore             *store,
                            const LiaisonLiveSample  *sample,
                            LiaisonImportSummary     *summary,
                            GError                  **error)
{
  g_autofree char *checksum = NULL;
  LiaisonSampleRow row = { 0 };
  Filing filing = { 0 };

  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);
  g_return_val_if_fail (sample != NULL && sample->table != NULL, FALSE);
  g_return_val_if_fail (sample->host != NULL && sample->host[0] != '\0', FALSE);

  if (summary != NULL)
    memset (summary, 0, sizeof *summary);

  checksum = identity_hash (sample);

  row.kind = "netstat";
  row.content_hash = checksum;
  row.file_name = sample->name;
  row.host = sample->host;
  row.sample_time = sample->time;
  row.window_start = LIAISON_TIME_NONE;
  row.window_end = LIAISON_TIME_NONE;
  row.records = sample->table->sockets->len;
  row.imported_at = liaison_time_now ();

  filing.sample = sample;
  filing.checksum = checksum;
  filing.row = &row;
  if (!liaison_store_write (store, file_sample, &filing, error))
    return FALSE;

  if (summary != NULL)
    {
      summary->files = 1;
      summary->records = sample->table->sockets->len;
      summary->new_communications = filing.added.communication;
      summary->updated_communications = filing.added.updated_communication;
      summary->new_statistics = filing.added.record;
    }

  return TRUE;
}

/**
 * liaison_live_sample_this_host:
 * @store: the store
 * @host: (nullable): the name to file the sample under; %NULL for this
 *   machine's host name
 * @period: the period of the schedule that takes it, in milliseconds; 0
 *   for a sample taken by hand
 * @summary: (out) (optional): what the sample added
 * @error: return location for an error
 *
 * Takes a netstat sample of this machine now and files it.
 */
gboolean
liaison_live_sample_this_host (LiaisonStore          *store,
                               const char            *host,
                               gint64                 period,
                               LiaisonImportSummary  *summary,
                               GError               **error)
{
  g_autoptr(LiaisonNetstatTable) table = NULL;
  LiaisonLiveSample sample = { 0 };

  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);

  if (summary != NULL)
    memset (summary, 0, sizeof *summary);

  table = liaison_netstat_read_this_host (error);
  if (table == NULL)
    return FALSE;

  sample.host = host != NULL && host[0] != '\0' ? host : g_get_host_name ();
  sample.name = "this host";
  sample.time = liaison_time_now ();
  sample.period = period;
  sample.table = table;

  return liaison_live_sample_import (store, &sample, summary, error);
}
