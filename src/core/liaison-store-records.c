/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "liaison-error.h"
#include "liaison-runs-private.h"
#include "liaison-store-private.h"
#include "liaison-store-records-private.h"

/* The statistics records and the classic records, read back. */

static const char *
protocol_static (const unsigned char *text)
{
  return text != NULL && strcmp ((const char *) text, "udp") == 0 ? "udp" : "tcp";
}

/* The end of the newest netflow sample period (LIAISON_TIME_NONE: none). */
gboolean
liaison_store_newest_window_end (LiaisonStore  *self,
                                 LiaisonTime   *end,
                                 GError       **error)
{
  g_autoptr(LiaisonStmt) stmt = NULL;

  stmt = liaison_store_prepare (self,
                                "SELECT max(window_end) FROM sample WHERE kind = 'netflow'",
                                error);
  if (stmt == NULL)
    return FALSE;

  if (liaison_stmt_step (stmt) != LIAISON_ROW)
    return liaison_store_set_error (self, error);

  *end = liaison_column_time (stmt, 0);
  return TRUE;
}

/* Appends the WHERE clause of @filter, on the table named @prefix: ?1 the
 * listener's key, ?2 the port, ?3 the protocol. With @by_listener_only,
 * only the listener's key may choose an index: the communication table's
 * indexes of a port and of a protocol each hold most of its rows (every
 * TCP communication), and SQLite, without statistics to tell, would walk
 * one of them to find one listener's. */
static void
filter_sql (GString                   *sql,
            const char                *prefix,
            gboolean                   by_listener_only,
            const LiaisonRecordFilter *filter)
{
  const char *plain = filter->by_listener && by_listener_only ? "+" : "";
  gboolean where = FALSE;

  if (filter->by_listener)
    {
      g_string_append_printf (sql, " WHERE %s.listener_key = ?1", prefix);
      where = TRUE;
    }
  if (filter->port != 0)
    {
      g_string_append_printf (sql, " %s %s%s.port = ?2", where ? "AND" : "WHERE", plain, prefix);
      where = TRUE;
    }
  if (filter->protocol != NULL)
    g_string_append_printf (sql, " %s %s%s.protocol = ?3", where ? "AND" : "WHERE", plain, prefix);
}

static void
bind_filter (LiaisonStmt              *stmt,
             const LiaisonRecordFilter *filter)
{
  if (filter->by_listener)
    liaison_stmt_bind_blob (stmt, 1, filter->listener_key, LIAISON_ADDRESS_KEY_LEN, LIAISON_TRANSIENT);
  if (filter->port != 0)
    liaison_stmt_bind_int (stmt, 2, filter->port);
  if (filter->protocol != NULL)
    liaison_bind_text (stmt, 3, filter->protocol);
}

/* A query of records: @select, the WHERE clause of a filter on the table
 * named @prefix (filter_sql()), then @order. */
typedef struct
{
  const char *select;
  const char *prefix;
  gboolean    by_listener_only;
  const char *order;
} FilteredQuery;

/* Prepares @query with @filter, bound. */
static LiaisonStmt *
prepare_filtered (LiaisonStore               *self,
                  const FilteredQuery        *query,
                  const LiaisonRecordFilter  *filter,
                  GError                    **error)
{
  g_autoptr(GString) sql = g_string_new (query->select);
  LiaisonStmt *stmt;

  filter_sql (sql, query->prefix, query->by_listener_only, filter);
  g_string_append (sql, query->order);
  stmt = liaison_store_prepare (self, sql->str, error);
  if (stmt != NULL)
    bind_filter (stmt, filter);
  return stmt;
}

static void
set_string (GString    **string,
            const char  *text,
            char       **out)
{
  if (text == NULL)
    {
      *out = NULL;
      return;
    }
  if (*string == NULL)
    *string = g_string_new (NULL);
  g_string_assign (*string, text);
  *out = (*string)->str;
}

typedef struct
{
  GString *listener_ip;
  GString *client_ip;
  GString *listener_device;
  GString *client_device;
  GString *ns_host;
} RecordText;

static void
record_text_clear (RecordText *text)
{
  for (GString **s = &text->listener_ip; s <= &text->ns_host; s++)
    if (*s != NULL)
      g_string_free (*s, TRUE);
}

/* Decodes the runs blob in @column beside first and last found. */
static gboolean
read_runs (LiaisonStore  *self,
           LiaisonStmt  *stmt,
           int            column,
           LiaisonTime    first,
           LiaisonTime    last,
           GArray        *runs,
           gboolean      *first_unknown,
           GError       **error)
{
  if (liaison_runs_decode (liaison_stmt_column_blob (stmt, column), liaison_stmt_column_bytes (stmt, column),
                           first, last, runs, first_unknown))
    return TRUE;

  g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE,
               _("%s: the database is damaged: the activity runs of a record cannot be read"),
               liaison_store_get_path (self));
  return FALSE;
}

static gboolean
read_record (LiaisonStore      *self,
             LiaisonStmt      *stmt,
             RecordText        *text,
             LiaisonStatRecord *record,
             GError           **error)
{
  record->id = liaison_stmt_column_int64 (stmt, 0);
  set_string (&text->listener_ip, (const char *) liaison_stmt_column_text (stmt, 1), &record->listener_ip);
  record->port = liaison_stmt_column_int (stmt, 2);
  record->protocol = protocol_static (liaison_stmt_column_text (stmt, 3));
  set_string (&text->client_ip, (const char *) liaison_stmt_column_text (stmt, 4), &record->client_ip);
  set_string (&text->listener_device, (const char *) liaison_stmt_column_text (stmt, 5), &record->listener_device);
  set_string (&text->client_device, (const char *) liaison_stmt_column_text (stmt, 6), &record->client_device);

  record->has_netstat = liaison_stmt_column_type (stmt, 7) != LIAISON_NULL;
  record->ns_total_samples = liaison_stmt_column_int64 (stmt, 7);
  record->ns_active_samples = liaison_stmt_column_int64 (stmt, 8);
  record->ns_total_ports = liaison_stmt_column_int64 (stmt, 9);
  record->ns_first_found = liaison_column_time (stmt, 10);
  record->ns_last_found = liaison_column_time (stmt, 11);

  record->has_netflow = liaison_stmt_column_type (stmt, 13) != LIAISON_NULL;
  record->nf_interval = liaison_stmt_column_int (stmt, 12);
  record->nf_active_samples = liaison_stmt_column_int64 (stmt, 13);
  record->nf_total_events = liaison_stmt_column_int64 (stmt, 14);
  record->nf_total_ports = liaison_stmt_column_int64 (stmt, 15);
  record->nf_first_found = liaison_column_time (stmt, 16);
  record->nf_last_found = liaison_column_time (stmt, 17);
  g_array_set_size (record->nf_gaps, 0);

  set_string (&text->ns_host, (const char *) liaison_stmt_column_text (stmt, 18), &record->ns_host);
  return read_runs (self, stmt, 19, record->has_netstat ? record->ns_first_found : LIAISON_TIME_NONE,
                    record->ns_last_found, record->ns_runs, &record->ns_first_run_unknown, error);
}

/* The order of export.md: the same in both queries below, so that the gap
 * segments come in the order of their records. */
#define STAT_RECORD_ORDER " ORDER BY r.listener_key, r.port, r.protocol, r.client_key, r.listener_device, r.id"

static const FilteredQuery records_query = {
  "SELECT r.id, r.listener_ip, r.port, r.protocol, r.client_ip,"
  "  r.listener_device, r.client_device,"
  "  r.ns_total_samples, r.ns_active_samples, r.ns_total_ports,"
  "  r.ns_first_found, r.ns_last_found,"
  "  r.nf_interval, r.nf_active_samples, r.nf_total_events, r.nf_total_ports,"
  "  r.nf_first_found, r.nf_last_found,"
  "  r.ns_host, r.ns_runs"
  " FROM stat_record AS r",
  "r", FALSE, STAT_RECORD_ORDER
};

static const FilteredQuery gaps_query = {
  "SELECT g.record_id, g.gap_from, g.gap_to, g.to_interval"
  " FROM stat_record AS r JOIN gap_segment AS g ON g.record_id = r.id",
  "r", FALSE, STAT_RECORD_ORDER ", g.gap_from"
};

/**
 * liaison_store_foreach_stat_record:
 * @func: called for each record, in export.md order; the derived figures
 *   (nf_active_ms, nf_gap_ms, nf_pending_ms) are left 0
 *
 * Streams the statistics records with their gap segments; memory use does
 * not grow with the number of records.
 *
 * The records and their gap segments are two queries read side by side in
 * the same order: a join would give each record's columns again with
 * every one of its segments (a hundred times for a client of a hundred
 * silences), and reading them is what took the time.
 */
gboolean
liaison_store_foreach_stat_record (LiaisonStore               *self,
                                   const LiaisonRecordFilter  *filter,
                                   LiaisonStatRecordFunc       func,
                                   gpointer                    user_data,
                                   GError                    **error)
{
  g_autoptr(LiaisonStmt) stmt = NULL;
  g_autoptr(LiaisonStmt) gaps_stmt = NULL;
  g_autoptr(GArray) gaps = NULL;
  g_autoptr(GArray) runs = NULL;
  RecordText text = { 0 };
  LiaisonStatRecord record;
  gboolean ok = TRUE, started = FALSE;
  int rc, gap_rc = LIAISON_DONE;

  stmt = prepare_filtered (self, &records_query, filter, error);
  if (stmt == NULL)
    return FALSE;
  gaps_stmt = prepare_filtered (self, &gaps_query, filter, error);
  if (gaps_stmt == NULL)
    return FALSE;

  gaps = g_array_new (FALSE, FALSE, sizeof (LiaisonGap));
  runs = g_array_new (FALSE, FALSE, sizeof (LiaisonRun));
  memset (&record, 0, sizeof record);
  record.nf_gaps = gaps;
  record.ns_runs = runs;

  while ((rc = liaison_stmt_step (stmt)) == LIAISON_ROW)
    {
      /* The first record has begun the read: the segments are of the
       * same state of the database. */
      if (!started)
        {
          gap_rc = liaison_stmt_step (gaps_stmt);
          started = TRUE;
        }
      if (!read_record (self, stmt, &text, &record, error))
        {
          ok = FALSE;
          break;
        }

      while (gap_rc == LIAISON_ROW && liaison_stmt_column_int64 (gaps_stmt, 0) == record.id)
        {
          LiaisonGap gap;

          gap.from = liaison_stmt_column_int64 (gaps_stmt, 1);
          gap.to = liaison_stmt_column_int64 (gaps_stmt, 2);
          gap.to_interval = liaison_stmt_column_int (gaps_stmt, 3);
          g_array_append_val (gaps, gap);
          gap_rc = liaison_stmt_step (gaps_stmt);
        }
      if (gap_rc != LIAISON_ROW && gap_rc != LIAISON_DONE)
        {
          ok = liaison_store_set_error (self, error);
          break;
        }

      if (!func (&record, user_data, error))
        {
          ok = FALSE;
          break;
        }
    }

  ok = ok && liaison_store_read_done (self, rc, error);

  record_text_clear (&text);
  return ok;
}

static const FilteredQuery classic_query = {
  "SELECT c.id, c.client_ip, c.listener_ip, c.port, c.protocol,"
  "  c.client_process_name, c.client_process_display_name, c.client_device,"
  "  s.total_samples, s.active_samples, s.total_ports, s.first_found, s.last_found, s.runs"
  " FROM classic_stat AS s JOIN communication AS c ON c.id = s.communication_id",
  "c", TRUE,
  " ORDER BY c.client_key, c.listener_key, c.port, c.protocol, c.client_process_name, c.id"
};

/**
 * liaison_store_foreach_classic:
 * @func: called for each record, in export.md order
 *
 * Streams the classic (per client service) statistics records.
 */
gboolean
liaison_store_foreach_classic (LiaisonStore               *self,
                               const LiaisonRecordFilter  *filter,
                               LiaisonClassicRecordFunc    func,
                               gpointer                    user_data,
                               GError                    **error)
{
  g_autoptr(LiaisonStmt) stmt = NULL;
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (LiaisonRun));
  int rc;

  stmt = prepare_filtered (self, &classic_query, filter, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = liaison_stmt_step (stmt)) == LIAISON_ROW)
    {
      LiaisonClassicRecord record;

      record.communication_id = liaison_stmt_column_int64 (stmt, 0);
      record.client_ip = (char *) liaison_stmt_column_text (stmt, 1);
      record.listener_ip = (char *) liaison_stmt_column_text (stmt, 2);
      record.port = liaison_stmt_column_int (stmt, 3);
      record.protocol = protocol_static (liaison_stmt_column_text (stmt, 4));
      record.client_process_name = (char *) liaison_stmt_column_text (stmt, 5);
      record.client_process_display_name = (char *) liaison_stmt_column_text (stmt, 6);
      record.client_device = (char *) liaison_stmt_column_text (stmt, 7);
      record.total_samples = liaison_stmt_column_int64 (stmt, 8);
      record.active_samples = liaison_stmt_column_int64 (stmt, 9);
      record.total_ports = liaison_stmt_column_int64 (stmt, 10);
      record.first_found = liaison_column_time (stmt, 11);
      record.last_found = liaison_column_time (stmt, 12);
      record.runs = runs;
      if (!read_runs (self, stmt, 13, record.first_found, record.last_found, runs, &record.first_run_unknown, error))
        return FALSE;

      if (!func (&record, user_data, error))
        return FALSE;
    }

  return liaison_store_read_done (self, rc, error);
}
