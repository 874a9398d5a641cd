/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "liaison-error.h"
#include "liaison-map-private.h"
#include "liaison-runs-private.h"
#include "liaison-store-map-private.h"
#include "liaison-store-private.h"
#include "liaison-store-records-private.h"

/* Rows between two looks at the cancellable. */
#define CHECK_EVERY 16384

/*
 * The devices named for each address, one seek per distinct (address,
 * scope, device) in the partial indexes of schema version 3: a few
 * thousand seeks rather than a read of a million rows. Listener sides come
 * first: the host an address was found listening on owns it.
 *
 * "Greater than (k, s, d)" is asked as "at least (k, s, d + U+0001)", the
 * least text above d: SQLite seeks to the first entry at least its bound
 * and steps over the equal ones, and a device has hundreds of rows.
 */
static gboolean
foreach_device_side (LiaisonStore          *store,
                     const char            *sql,
                     gboolean               listener_side,
                     LiaisonMapDeviceFunc   func,
                     gpointer               user_data,
                     GCancellable          *cancellable,
                     GError               **error)
{
  g_autoptr(GBytes) key = g_bytes_new (NULL, 0);
  g_autofree char *scope = g_strdup ("");
  g_autofree char *device = g_strdup ("");

  for (;;)
    {
      g_autoptr(LiaisonStmt) stmt = liaison_store_prepare (store, sql, error);
      gsize key_len;
      int rc;

      if (stmt == NULL)
        return FALSE;
      /* An empty blob, not NULL, before the first key. */
      if (g_bytes_get_size (key) == 0)
        liaison_stmt_bind_zeroblob (stmt, 1, 0);
      else
        liaison_stmt_bind_blob (stmt, 1, g_bytes_get_data (key, NULL), (int) g_bytes_get_size (key), LIAISON_STATIC);
      liaison_bind_text (stmt, 2, scope);
      liaison_bind_text (stmt, 3, device);

      rc = liaison_stmt_step (stmt);
      if (rc == LIAISON_DONE)
        return TRUE;
      if (rc != LIAISON_ROW)
        return liaison_store_set_error (store, error);

      /* Where the next seek starts. */
      g_bytes_unref (key);
      key = g_bytes_new (liaison_stmt_column_blob (stmt, 0), (gsize) liaison_stmt_column_bytes (stmt, 0));
      g_free (scope);
      scope = liaison_column_dup_text (stmt, 1);
      g_free (device);
      device = liaison_column_dup_text (stmt, 2);
      if (scope == NULL || device == NULL)
        return liaison_store_set_error (store, error);

      if (liaison_map_check_cancelled (cancellable, error))
        return FALSE;
      if (g_bytes_get_size (key) == LIAISON_ADDRESS_KEY_LEN &&
          !func (g_bytes_get_data (key, &key_len), scope, device, listener_side, user_data, error))
        return FALSE;
    }
}

#define DEVICE_SEEK(table, side) \
  "SELECT " side "_key, scope, " side "_device FROM " table \
  " WHERE " side "_device IS NOT NULL" \
  "   AND (" side "_key, scope, " side "_device) >= (?1, ?2, ?3 || char(1))" \
  " ORDER BY " side "_key, scope, " side "_device LIMIT 1"

/* The map reads tables and indexes from end to end: a page read once is
 * not read again, so a small page cache does, and the map's connections
 * run beside the application's others. */
#define READING_CACHE "PRAGMA cache_size = -512"

/**
 * liaison_store_map_open_reader:
 *
 * Readies @store, a connection of the map's own reading threads.
 */
gboolean
liaison_store_map_open_reader (LiaisonStore  *store,
                               GError       **error)
{
  return liaison_store_exec (store, READING_CACHE, error);
}

/**
 * liaison_store_map_foreach_device:
 *
 * Calls @func for each distinct (address, scope, device) that a service
 * communication or a statistics record names: every listener side, then
 * every client side.
 */
gboolean
liaison_store_map_foreach_device (LiaisonStore          *store,
                                  LiaisonMapDeviceFunc   func,
                                  gpointer               user_data,
                                  GCancellable          *cancellable,
                                  GError               **error)
{
  static const struct { const char *sql; gboolean listener_side; } sides[] = {
    { DEVICE_SEEK ("communication", "listener"), TRUE },
    { DEVICE_SEEK ("stat_record", "listener"), TRUE },
    { DEVICE_SEEK ("communication", "client"), FALSE },
    { DEVICE_SEEK ("stat_record", "client"), FALSE },
  };

  g_autofree char *restore = NULL;
  gboolean ok = TRUE;
  gint64 cache;

  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);

  if (!liaison_store_query_int (store, "PRAGMA cache_size", &cache, error))
    return FALSE;
  restore = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, cache);
  if (!liaison_store_exec (store, READING_CACHE, error))
    return FALSE;

  for (guint i = 0; ok && i < G_N_ELEMENTS (sides); i++)
    ok = foreach_device_side (store, sides[i].sql, sides[i].listener_side, func, user_data, cancellable, error);
  return liaison_store_exec (store, restore, ok ? error : NULL) && ok;
}

/* The time of the newest netstat sample of each host (host -> LiaisonTime),
 * one seek per host. */
static GHashTable *
newest_netstat_samples (LiaisonStore  *store,
                        GError       **error)
{
  g_autoptr(GHashTable) newest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *host = g_strdup ("");

  for (;;)
    {
      g_autoptr(LiaisonStmt) next = liaison_store_prepare (store,
                                                           "SELECT host, max(sample_time) FROM sample"
                                                           " WHERE kind = 'netstat' AND host = ("
                                                           "   SELECT host FROM sample WHERE kind = 'netstat'"
                                                           "   AND host > ?1 ORDER BY host LIMIT 1)"
                                                           " GROUP BY host",
                                                           error);
      LiaisonTime time;
      int rc;

      if (next == NULL)
        return NULL;
      liaison_bind_text (next, 1, host);
      rc = liaison_stmt_step (next);
      if (rc == LIAISON_DONE)
        break;
      if (rc != LIAISON_ROW)
        {
          liaison_store_set_error (store, error);
          return NULL;
        }
      g_free (host);
      host = liaison_column_dup_text (next, 0);
      time = liaison_column_time (next, 1);
      g_hash_table_insert (newest, g_strdup (host), g_memdup2 (&time, sizeof time));
    }
  return g_steal_pointer (&newest);
}

/*
 * Both statements begin with the same columns: the two keys, the port and
 * protocol as port * 2 + udp, and the scope. A million rows
 * make every call to SQLite count: the figures are put together in SQL
 * where that saves calls, and a time that may be NULL comes as
 * LIAISON_TIME_NONE.
 */
#define ENDPOINT_COLUMNS \
  "client_key, listener_key, port * 2 + CASE WHEN protocol = 'udp' THEN 1 ELSE 0 END, scope"
#define TIME_OR_NONE(column) "coalesce(" column ", -9223372036854775807 - 1)"

/* FALSE for a row whose keys are not address keys (a damaged database). */
static gboolean
read_endpoints (LiaisonStmt  *stmt,
                LiaisonMapRow *row)
{
  guint port_protocol;

  if (liaison_stmt_column_bytes (stmt, 0) != LIAISON_ADDRESS_KEY_LEN ||
      liaison_stmt_column_bytes (stmt, 1) != LIAISON_ADDRESS_KEY_LEN)
    return FALSE;
  row->client_key = liaison_stmt_column_blob (stmt, 0);
  row->listener_key = liaison_stmt_column_blob (stmt, 1);
  row->scope = (const char *) liaison_stmt_column_text (stmt, 3);
  if (row->scope == NULL)
    row->scope = "";
  port_protocol = (guint) liaison_stmt_column_int (stmt, 2);
  row->port = port_protocol >> 1;
  row->protocol = port_protocol & 1 ? LIAISON_PROTOCOL_UDP : LIAISON_PROTOCOL_TCP;
  return TRUE;
}

/* Time ranges (map.md 3, statistics.md 3.6) ----------------------------- */

/* The columns a row needs to be seen in a range, read with ranges only. */
#define RECORD_SEEN_COLUMNS \
  ", ns_first_found, ns_runs, nf_first_found, nf_last_found," \
  "  EXISTS (SELECT 1 FROM gap_segment AS g WHERE g.record_id = stat_record.id" \
  "    AND g.gap_from < max (?2, nf_first_found) AND g.gap_to > min (?3, nf_last_found))," \
  "  EXISTS (SELECT 1 FROM gap_segment AS g WHERE g.record_id = stat_record.id" \
  "    AND g.gap_from < max (?4, nf_first_found) AND g.gap_to > min (?5, nf_last_found))"

/* Binds each range [from, to) as the closed [from, to - 1] that runs meet,
 * from ?@first on; a missing second range repeats the first. */
static void
bind_ranges (LiaisonStmt          *stmt,
             int                    first,
             const LiaisonMapRange *ranges,
             guint                  n_ranges)
{
  for (guint i = 0; n_ranges > 0 && i < LIAISON_MAP_MAX_RANGES; i++)
    {
      const LiaisonMapRange *range = &ranges[MIN (i, n_ranges - 1)];

      liaison_stmt_bind_int64 (stmt, first + 2 * (int) i, range->from);
      liaison_stmt_bind_int64 (stmt, first + 2 * (int) i + 1, range->to - 1);
    }
}

/* Decodes the runs blob in @column beside @first and @last into @runs and
 * points @row at them; FALSE when it is damaged. */
static gboolean
read_row_runs (LiaisonStore  *store,
               LiaisonStmt  *stmt,
               int            column,
               LiaisonTime    first,
               LiaisonTime    last,
               GArray        *runs,
               LiaisonMapRow *row,
               GError       **error)
{
  g_array_set_size (runs, 0);
  row->runs = NULL;
  row->n_runs = 0;
  row->first_run_unknown = FALSE;
  if (first == LIAISON_TIME_NONE)
    return TRUE;
  if (!liaison_runs_decode (liaison_stmt_column_blob (stmt, column), (gsize) liaison_stmt_column_bytes (stmt, column),
                            first, last, runs, &row->first_run_unknown))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE,
                   _("%s: the database is damaged: the activity runs of a record cannot be read"),
                   liaison_store_get_path (store));
      return FALSE;
    }
  row->runs = (const LiaisonRun *) (gpointer) runs->data;
  row->n_runs = runs->len;
  return TRUE;
}

/* Which ranges @row was seen in: a run meets it, or the netflow activity
 * interval does where the range, clipped to it, does not lie inside one gap
 * (@in_gap, from SQL). */
static guint
row_seen (const LiaisonMapRow   *row,
          const LiaisonMapRange *ranges,
          guint                  n_ranges,
          const gboolean        *in_gap)
{
  guint seen = 0;

  for (guint i = 0; i < n_ranges; i++)
    {
      LiaisonTime from = ranges[i].from, to = ranges[i].to - 1;

      if (row->n_runs > 0 && liaison_runs_meet (row->runs, row->n_runs, from, to))
        seen |= 1u << i;
      else if (row->nf_first_found != LIAISON_TIME_NONE && row->nf_first_found <= to &&
               row->nf_last_found >= from && !in_gap[i])
        seen |= 1u << i;
    }
  return seen;
}

/**
 * liaison_store_map_foreach_record:
 *
 * Calls @func for every statistics record, with its silence worked out.
 */
gboolean
liaison_store_map_foreach_record (LiaisonStore          *store,
                                  const LiaisonMapRange *ranges,
                                  guint                  n_ranges,
                                  LiaisonMapRowFunc      func,
                                  gpointer               user_data,
                                  GCancellable          *cancellable,
                                  GError               **error)
{
  g_autoptr(GHashTable) newest = NULL;
  g_autoptr(LiaisonStmt) stmt = NULL;
  g_autoptr(GString) last_host = g_string_new (NULL);
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (LiaisonRun));
  g_autofree char *sql = NULL;
  const LiaisonTime *host_newest = NULL;
  LiaisonTime window_end = LIAISON_TIME_NONE;
  LiaisonMapRow row = { 0 };
  guint n = 0;
  int rc;

  if (!liaison_store_newest_window_end (store, &window_end, error) ||
      (newest = newest_netstat_samples (store, error)) == NULL)
    return FALSE;

  /* A part never measured has NULL counters; counted samples are never 0.
   * A netflow part is silent (statistics.md 4.4) once the hole after it,
   * up to the end of the newest window (?1), is longer than its interval. */
  sql = g_strconcat ("SELECT " ENDPOINT_COLUMNS ","
                     "  ns_host, ns_total_samples, ns_active_samples, ns_total_ports,"
                     "  ns_last_found, nf_active_samples, nf_total_events,"
                     "  nf_last_found - nf_first_found - nf_gap_span,"
                     "  " TIME_OR_NONE ("min (coalesce (ns_first_found, nf_first_found),"
                     "                       coalesce (nf_first_found, ns_first_found))") ","
                     "  " TIME_OR_NONE ("max (coalesce (ns_last_found, nf_last_found),"
                     "                       coalesce (nf_last_found, ns_last_found))") ","
                     "  CASE WHEN CAST (?1 AS BIGINT) IS NULL OR nf_last_found IS NULL THEN -1"
                     "    WHEN ?1 - nf_last_found > nf_interval * 1000 THEN ?1 - nf_last_found"
                     "    ELSE 0 END",
                     n_ranges > 0 ? RECORD_SEEN_COLUMNS : "",
                     " FROM stat_record", NULL);
  stmt = liaison_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  liaison_bind_time (stmt, 1, window_end);
  bind_ranges (stmt, 2, ranges, n_ranges);

  row.is_record = TRUE;
  while ((rc = liaison_stmt_step (stmt)) == LIAISON_ROW)
    {
      if (++n % CHECK_EVERY == 0 && liaison_map_check_cancelled (cancellable, error))
        return FALSE;
      if (!read_endpoints (stmt, &row))
        continue;

      row.first_found = liaison_stmt_column_int64 (stmt, 12);
      row.last_found = liaison_stmt_column_int64 (stmt, 13);
      row.silent_span = liaison_stmt_column_int64 (stmt, 14);

      row.ns_total_samples = liaison_stmt_column_int64 (stmt, 5);
      row.has_netstat = row.ns_total_samples > 0;
      if (row.has_netstat)
        {
          const char *host = (const char *) liaison_stmt_column_text (stmt, 4);

          row.ns_active_samples = liaison_stmt_column_int64 (stmt, 6);
          row.ns_total_ports = liaison_stmt_column_int64 (stmt, 7);

          /* The records of one host mostly lie together. */
          if (host == NULL)
            host_newest = NULL;
          else if (host_newest == NULL || !g_str_equal (host, last_host->str))
            {
              g_string_assign (last_host, host);
              host_newest = g_hash_table_lookup (newest, host);
            }
          /* Not active in its host's newest sample: silent since it was last found there. */
          if (host_newest != NULL && liaison_stmt_column_type (stmt, 8) != LIAISON_NULL)
            {
              gint64 silent = MAX (0, *host_newest - liaison_stmt_column_int64 (stmt, 8));

              if (row.silent_span < 0 || silent < row.silent_span)
                row.silent_span = silent;
            }
        }

      row.nf_active_samples = liaison_stmt_column_int64 (stmt, 9);
      row.has_netflow = row.nf_active_samples > 0;
      if (row.has_netflow)
        {
          row.nf_total_events = liaison_stmt_column_int64 (stmt, 10);
          row.nf_active_span = liaison_stmt_column_int64 (stmt, 11);
        }

      if (n_ranges > 0)
        {
          gboolean in_gap[LIAISON_MAP_MAX_RANGES] = { liaison_stmt_column_int (stmt, 19), liaison_stmt_column_int (stmt, 20) };

          if (!read_row_runs (store, stmt, 16,
                              row.has_netstat ? liaison_column_time (stmt, 15) : LIAISON_TIME_NONE,
                              liaison_column_time (stmt, 8), runs, &row, error))
            return FALSE;
          row.ns_host = row.has_netstat ? (const char *) liaison_stmt_column_text (stmt, 4) : NULL;
          row.nf_first_found = row.has_netflow ? liaison_column_time (stmt, 17) : LIAISON_TIME_NONE;
          row.nf_last_found = row.has_netflow ? liaison_column_time (stmt, 18) : LIAISON_TIME_NONE;
          if ((row.seen = row_seen (&row, ranges, n_ranges, in_gap)) == 0)
            continue;
        }

      if (!func (&row, user_data, error))
        return FALSE;
    }
  return liaison_store_read_done (store, rc, error);
}

/**
 * liaison_store_map_foreach_communication:
 *
 * Calls @func for every service communication (no silence: -1); with
 * @ranges, for those seen in them.
 */
gboolean
liaison_store_map_foreach_communication (LiaisonStore          *store,
                                         const LiaisonMapRange *ranges,
                                         guint                  n_ranges,
                                         LiaisonMapRowFunc      func,
                                         gpointer               user_data,
                                         GCancellable          *cancellable,
                                         GError               **error)
{
  g_autoptr(LiaisonStmt) stmt = NULL;
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (LiaisonRun));
  LiaisonRun detected;
  LiaisonMapRow row = { 0 };
  guint n = 0;
  int rc;

  /* With ranges, a communication is seen by its classic statistics' runs
   * (statistics.md 3.6); one typed in by hand has none, and is seen when
   * its first to last detected meets the range. One that an import made is
   * seen through its statistics record, not its detected span, which runs
   * across the record's gaps. */
  stmt = liaison_store_prepare (store,
                                n_ranges > 0
                                ? "SELECT " ENDPOINT_COLUMNS ","
                                  "  " TIME_OR_NONE ("first_detected") ", " TIME_OR_NONE ("last_detected") ","
                                  "  " TIME_OR_NONE ("c.first_found") ", c.last_found, c.runs, c.host,"
                                  "  communication.source = 'manual'"
                                  " FROM communication LEFT JOIN classic_stat AS c"
                                  "   ON c.communication_id = communication.id"
                                : "SELECT " ENDPOINT_COLUMNS ","
                                  "  " TIME_OR_NONE ("first_detected") ", " TIME_OR_NONE ("last_detected")
                                  " FROM communication",
                                error);
  if (stmt == NULL)
    return FALSE;

  row.silent_span = -1;
  row.nf_first_found = row.nf_last_found = LIAISON_TIME_NONE;
  while ((rc = liaison_stmt_step (stmt)) == LIAISON_ROW)
    {
      if (++n % CHECK_EVERY == 0 && liaison_map_check_cancelled (cancellable, error))
        return FALSE;
      if (!read_endpoints (stmt, &row))
        continue;
      row.first_found = liaison_stmt_column_int64 (stmt, 4);
      row.last_found = liaison_stmt_column_int64 (stmt, 5);
      if (n_ranges > 0)
        {
          LiaisonTime classic_first = liaison_stmt_column_int64 (stmt, 6);

          if (!read_row_runs (store, stmt, 8, classic_first, liaison_column_time (stmt, 7), runs, &row, error))
            return FALSE;
          row.ns_host = (const char *) liaison_stmt_column_text (stmt, 9);
          if (classic_first == LIAISON_TIME_NONE && row.first_found != LIAISON_TIME_NONE &&
              liaison_stmt_column_int (stmt, 10))
            {
              detected = (LiaisonRun) { row.first_found, row.last_found };
              row.runs = &detected;
              row.n_runs = 1;
            }
          if ((row.seen = row_seen (&row, ranges, n_ranges, (gboolean[LIAISON_MAP_MAX_RANGES]) { 0 })) == 0)
            continue;
        }
      if (!func (&row, user_data, error))
        return FALSE;
    }
  return liaison_store_read_done (store, rc, error);
}

gboolean
liaison_store_map_foreach_member (LiaisonStore          *store,
                                  LiaisonMapMemberFunc   func,
                                  gpointer               user_data,
                                  GError               **error)
{
  g_autoptr(LiaisonStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);

  stmt = liaison_store_prepare (store,
                                "SELECT g.name, m.kind, m.member FROM user_group_member AS m"
                                " JOIN user_group AS g ON g.id = m.group_id",
                                error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = liaison_stmt_step (stmt)) == LIAISON_ROW)
    if (!func ((const char *) liaison_stmt_column_text (stmt, 0),
               (const char *) liaison_stmt_column_text (stmt, 1),
               (const char *) liaison_stmt_column_text (stmt, 2),
               user_data, error))
      return FALSE;
  return liaison_store_read_done (store, rc, error);
}
