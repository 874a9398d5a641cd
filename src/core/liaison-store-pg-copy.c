/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <string.h>

#include "liaison-store-pg-copy-private.h"

/*
 * Bulk writes on a team's server: an import's rows go with COPY ... FROM
 * STDIN (libpq's PQputCopyData), new rows straight into their table,
 * changes and lookups into a temporary staging table of the session that
 * one INSERT ... SELECT, UPDATE ... FROM or SELECT ... JOIN merges. What
 * the rows hold is computed in C by the same code as on a file; this room
 * only carries them, a few round trips for thousands of rows.
 *
 * Staging tables are the session's own (CREATE TEMP TABLE, emptied at each
 * use and at commit), so that importers on several connections never meet
 * in them; a rolled-back import leaves nothing in them either.
 */

#ifndef HAVE_LIBPQ

gboolean liaison_pg_insert_communications (LiaisonStore *self, const LiaisonNewCommunication *rows, guint n_rows, gint64 *last_id, GError **error) { g_assert_not_reached (); }
gboolean liaison_pg_add_netflow_records (LiaisonStore *self, const LiaisonNetflowRecordRow *rows, guint n_rows, gint64 *first_id, GError **error) { g_assert_not_reached (); }
gboolean liaison_pg_update_netflow_records (LiaisonStore *self, const LiaisonNetflowRecordUpdate *rows, guint n_rows, GError **error) { g_assert_not_reached (); }
gboolean liaison_pg_add_gaps (LiaisonStore *self, const LiaisonGapRow *rows, guint n_rows, GError **error) { g_assert_not_reached (); }
gboolean liaison_pg_add_window_runs (LiaisonStore *self, const LiaisonWindowRunRow *rows, guint n_rows, GError **error) { g_assert_not_reached (); }
gboolean liaison_pg_write_last_detected (LiaisonStore *self, const LiaisonHeldTime *held, guint n_held, GError **error) { g_assert_not_reached (); }
gboolean liaison_pg_read_identities (LiaisonStore *self, const LiaisonIdentity *identities, guint n_identities, LiaisonIdentityRow row, gpointer data, GError **error) { g_assert_not_reached (); }

#else /* HAVE_LIBPQ */

#include <libpq-fe.h>

/* Rows are sent in pieces of about this many bytes. */
#define COPY_CHUNK (256 * 1024)

/* One COPY ... FROM STDIN under way: its rows in the text format. */
typedef struct
{
  LiaisonStore *store;
  GString      *buffer;
  gboolean      failed;       /* a piece did not go: the connection's error is kept */
  gboolean      first;        /* no field yet in the row */
} Copy;

/* Starts @sql, a COPY ... FROM STDIN. */
static gboolean
copy_begin (Copy          *copy,
            LiaisonStore  *self,
            const char    *sql,
            GError       **error)
{
  PGresult *result;

  memset (copy, 0, sizeof *copy);
  if (self->pg_cancellable != NULL &&
      g_cancellable_set_error_if_cancelled (self->pg_cancellable, error))
    return FALSE;
  if (self->statement_hook != NULL)
    self->statement_hook (sql, self->statement_hook_data);

  result = PQexec (self->pg, sql);
  if (PQresultStatus (result) != PGRES_COPY_IN)
    {
      liaison_pg_keep_error (self, result);
      PQclear (result);
      return liaison_pg_set_error (self, error);
    }
  PQclear (result);
  copy->store = self;
  copy->buffer = g_string_sized_new (COPY_CHUNK + 4096);
  copy->first = TRUE;
  return TRUE;
}

static void
copy_send (Copy *copy)
{
  if (!copy->failed && copy->buffer->len > 0 &&
      PQputCopyData (copy->store->pg, copy->buffer->str, (int) copy->buffer->len) != 1)
    copy->failed = TRUE;
  g_string_truncate (copy->buffer, 0);
}

static void
copy_separate (Copy *copy)
{
  if (!copy->first)
    g_string_append_c (copy->buffer, '\t');
  copy->first = FALSE;
}

static void
copy_null (Copy *copy)
{
  copy_separate (copy);
  g_string_append (copy->buffer, "\\N");
}

static void
copy_int64 (Copy   *copy,
            gint64  value)
{
  copy_separate (copy);
  g_string_append_printf (copy->buffer, "%" G_GINT64_FORMAT, value);
}

/* A time; LIAISON_TIME_NONE is NULL, as liaison_bind_time() binds it. */
static void
copy_time (Copy        *copy,
           LiaisonTime  time)
{
  if (time == LIAISON_TIME_NONE)
    copy_null (copy);
  else
    copy_int64 (copy, time);
}

/* A text; NULL is NULL. */
static void
copy_text (Copy       *copy,
           const char *text)
{
  if (text == NULL)
    {
      copy_null (copy);
      return;
    }
  copy_separate (copy);
  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '\\': g_string_append (copy->buffer, "\\\\"); break;
      case '\t': g_string_append (copy->buffer, "\\t"); break;
      case '\n': g_string_append (copy->buffer, "\\n"); break;
      case '\r': g_string_append (copy->buffer, "\\r"); break;
      default: g_string_append_c (copy->buffer, *p); break;
      }
}

/* An address's key as bytea: \x and its hex digits, the backslash escaped. */
static void
copy_address_key (Copy                 *copy,
                  const LiaisonAddress *address)
{
  static const char digits[] = "0123456789abcdef";
  guint8 key[LIAISON_ADDRESS_KEY_LEN];

  liaison_address_to_key (address, key);
  copy_separate (copy);
  g_string_append (copy->buffer, "\\\\x");
  for (guint i = 0; i < LIAISON_ADDRESS_KEY_LEN; i++)
    {
      g_string_append_c (copy->buffer, digits[key[i] >> 4]);
      g_string_append_c (copy->buffer, digits[key[i] & 0xf]);
    }
}

static void
copy_address (Copy                 *copy,
              const LiaisonAddress *address)
{
  char text[LIAISON_ADDRESS_STRLEN];

  liaison_address_to_string (address, text);
  copy_text (copy, text);
}

static void
copy_end_row (Copy *copy)
{
  g_string_append_c (copy->buffer, '\n');
  copy->first = TRUE;
  if (copy->buffer->len >= COPY_CHUNK)
    copy_send (copy);
}

/* Sends the rest and ends the COPY: whether the server took every row. */
static gboolean
copy_end (Copy    *copy,
          GError **error)
{
  LiaisonStore *self = copy->store;
  PGresult *result;
  gboolean ok;

  copy_send (copy);
  g_string_free (copy->buffer, TRUE);
  copy->buffer = NULL;
  if (PQputCopyEnd (self->pg, copy->failed ? "the rows could not be sent" : NULL) != 1)
    copy->failed = TRUE;

  ok = !copy->failed;
  while ((result = PQgetResult (self->pg)) != NULL)
    {
      if (PQresultStatus (result) != PGRES_COMMAND_OK)
        {
          if (ok)
            liaison_pg_keep_error (self, result);
          ok = FALSE;
        }
      PQclear (result);
    }
  if (!ok)
    {
      if (self->pg_error == NULL)
        liaison_pg_keep_error (self, NULL);
      return liaison_pg_set_error (self, error);
    }
  return TRUE;
}

/* Writes row @i of a COPY's rows, @row, field by field. */
typedef void (*CopyRow) (Copy          *copy,
                         gconstpointer  row,
                         guint          i);

/* Runs @sql, a COPY ... FROM STDIN, with @n_rows rows of @row_size bytes
 * each, written by @put. */
static gboolean
copy_rows (LiaisonStore   *self,
           const char     *sql,
           gconstpointer   rows,
           gsize           row_size,
           guint           n_rows,
           CopyRow         put,
           GError        **error)
{
  Copy copy;

  if (!copy_begin (&copy, self, sql, error))
    return FALSE;
  for (guint i = 0; i < n_rows; i++)
    {
      put (&copy, (const guint8 *) rows + i * row_size, i);
      copy_end_row (&copy);
    }
  return copy_end (&copy, error);
}

/* Makes the session's staging table @name with @columns, or empties it. */
static gboolean
stage (LiaisonStore  *self,
       const char    *name,
       const char    *columns,
       GError       **error)
{
  g_autofree char *sql = g_strdup_printf ("CREATE TEMP TABLE IF NOT EXISTS %s (%s) ON COMMIT DELETE ROWS;"
                                          " TRUNCATE %s", name, columns, name);

  return liaison_pg_exec (self, sql, error);
}

/* The id the last row of the last statement got, and those before it. */
static gboolean
last_id (LiaisonStore  *self,
         gint64        *id,
         GError       **error)
{
  *id = liaison_store_last_insert_id (self);
  if (*id <= 0)
    return liaison_pg_set_error (self, error);
  return TRUE;
}

static void
put_communication (Copy          *copy,
                   gconstpointer  data,
                   guint          i)
{
  const LiaisonNewCommunication *row = data;

  copy_address (copy, row->client);
  copy_address_key (copy, row->client);
  copy_text (copy, row->client_device);
  copy_address (copy, row->listener);
  copy_address_key (copy, row->listener);
  copy_text (copy, row->listener_device);
  copy_int64 (copy, row->port);
  copy_text (copy, row->protocol);
  copy_text (copy, row->process);
  copy_text (copy, row->display_name);
  copy_time (copy, row->first);
  copy_time (copy, row->last);
  copy_text (copy, row->source);
  copy_text (copy, row->scope);
  copy_int64 (copy, row->user_fields);
}

/**
 * liaison_pg_insert_communications:
 *
 * liaison_store_insert_communications() with one COPY: the rows get
 * consecutive ids in their order (imports hold the server's write lock).
 */
gboolean
liaison_pg_insert_communications (LiaisonStore                   *self,
                                  const LiaisonNewCommunication  *rows,
                                  guint                           n_rows,
                                  gint64                         *last,
                                  GError                        **error)
{
  return copy_rows (self,
                    "COPY communication (client_ip, client_key, client_device, listener_ip, listener_key,"
                    " listener_device, port, protocol, client_process_name, client_process_display_name,"
                    " first_detected, last_detected, source, scope, user_fields) FROM STDIN",
                    rows, sizeof *rows, n_rows, put_communication, error) &&
         last_id (self, last, error);
}

/* A netflow record's counters and spans, in the order of the staging tables. */
static void
copy_netflow_part (Copy                      *copy,
                   const LiaisonNetflowPart  *part)
{
  copy_int64 (copy, part->interval);
  copy_int64 (copy, part->counts.active_samples);
  copy_int64 (copy, part->counts.total_events);
  copy_int64 (copy, part->counts.total_ports);
  copy_time (copy, part->first);
  copy_time (copy, part->last);
  copy_int64 (copy, part->first_interval);
  copy_int64 (copy, part->gap_ms);
  copy_time (copy, part->counts.run_from);
  copy_time (copy, part->counts.run_to);
}

#define NETFLOW_PART_COLUMNS \
  "nf_interval BIGINT, nf_active_samples BIGINT, nf_total_events BIGINT, nf_total_ports BIGINT," \
  " nf_first_found BIGINT, nf_last_found BIGINT, nf_first_interval BIGINT, nf_gap_span BIGINT," \
  " nf_run_from BIGINT, nf_run_to BIGINT"
#define NETFLOW_PART_NAMES \
  "nf_interval, nf_active_samples, nf_total_events, nf_total_ports, nf_first_found, nf_last_found," \
  " nf_first_interval, nf_gap_span, nf_run_from, nf_run_to"

/* A device of a staged record's service communications: none when the
 * row says they name none, else the first that names one (as
 * liaison_store_add_netflow_records() names it on a file). */
#define STAGED_DEVICE(column) \
  "CASE WHEN s.no_devices THEN NULL ELSE (SELECT c." column " FROM communication AS c" \
  " WHERE c.client_key = s.client_key AND c.listener_key = s.listener_key AND c.port = s.port" \
  " AND c.protocol = s.protocol AND c.scope = s.scope AND c." column " IS NOT NULL LIMIT 1) END"

static void
put_netflow_record (Copy          *copy,
                    gconstpointer  data,
                    guint          i)
{
  const LiaisonNetflowRecordRow *row = data;

  copy_int64 (copy, i);
  copy_address (copy, row->key.listener);
  copy_address_key (copy, row->key.listener);
  copy_int64 (copy, row->key.port);
  copy_text (copy, liaison_protocol_to_string ((LiaisonProtocol) row->key.protocol));
  copy_address (copy, row->key.client);
  copy_address_key (copy, row->key.client);
  copy_text (copy, row->key.scope);
  copy_text (copy, row->no_devices ? "t" : "f");
  copy_netflow_part (copy, &row->part);
}

/**
 * liaison_pg_add_netflow_records:
 *
 * liaison_store_add_netflow_records(): the rows into a staging table with
 * COPY, then one INSERT ... SELECT in their order, which gives them
 * consecutive ids.
 */
gboolean
liaison_pg_add_netflow_records (LiaisonStore                   *self,
                                const LiaisonNetflowRecordRow  *rows,
                                guint                           n_rows,
                                gint64                         *first_id,
                                GError                        **error)
{
  gint64 last = 0;

  if (!stage (self, "liaison_stage_record",
              "ord BIGINT, listener_ip TEXT COLLATE \"C\", listener_key BYTEA, port BIGINT,"
              " protocol TEXT COLLATE \"C\", client_ip TEXT COLLATE \"C\", client_key BYTEA,"
              " scope TEXT COLLATE \"C\", no_devices BOOLEAN, " NETFLOW_PART_COLUMNS,
              error) ||
      !copy_rows (self, "COPY liaison_stage_record FROM STDIN", rows, sizeof *rows, n_rows,
                  put_netflow_record, error) ||
      !liaison_pg_exec (self,
                        "INSERT INTO stat_record (listener_ip, listener_key, port, protocol, client_ip, client_key,"
                        "  scope, listener_device, client_device, " NETFLOW_PART_NAMES ")"
                        " SELECT s.listener_ip, s.listener_key, s.port, s.protocol, s.client_ip, s.client_key,"
                        "  s.scope, " STAGED_DEVICE ("listener_device") ", " STAGED_DEVICE ("client_device") ","
                        "  s.nf_interval, s.nf_active_samples, s.nf_total_events, s.nf_total_ports,"
                        "  s.nf_first_found, s.nf_last_found, s.nf_first_interval, s.nf_gap_span,"
                        "  s.nf_run_from, s.nf_run_to"
                        " FROM liaison_stage_record AS s ORDER BY s.ord",
                        error) ||
      !last_id (self, &last, error))
    return FALSE;
  if (first_id != NULL)
    *first_id = last - (n_rows - 1);
  return TRUE;
}

static void
put_netflow_update (Copy          *copy,
                    gconstpointer  data,
                    guint          i)
{
  const LiaisonNetflowRecordUpdate *row = data;

  copy_int64 (copy, row->record_id);
  copy_netflow_part (copy, &row->part);
}

/**
 * liaison_pg_update_netflow_records:
 *
 * liaison_store_update_netflow_records(): the rows into a staging table
 * with COPY, then one UPDATE ... FROM.
 */
gboolean
liaison_pg_update_netflow_records (LiaisonStore                      *self,
                                   const LiaisonNetflowRecordUpdate  *rows,
                                   guint                              n_rows,
                                   GError                           **error)
{
  return stage (self, "liaison_stage_update", "id BIGINT, " NETFLOW_PART_COLUMNS, error) &&
         copy_rows (self, "COPY liaison_stage_update FROM STDIN", rows, sizeof *rows, n_rows,
                    put_netflow_update, error) &&
         liaison_pg_exec (self,
                          "UPDATE stat_record AS r SET nf_interval = s.nf_interval,"
                          "  nf_active_samples = s.nf_active_samples, nf_total_events = s.nf_total_events,"
                          "  nf_total_ports = s.nf_total_ports, nf_first_found = s.nf_first_found,"
                          "  nf_last_found = s.nf_last_found, nf_first_interval = s.nf_first_interval,"
                          "  nf_gap_span = s.nf_gap_span, nf_run_from = s.nf_run_from, nf_run_to = s.nf_run_to"
                          " FROM liaison_stage_update AS s WHERE r.id = s.id",
                          error);
}

static void
put_gap (Copy          *copy,
         gconstpointer  data,
         guint          i)
{
  const LiaisonGapRow *row = data;

  copy_int64 (copy, row->record_id);
  copy_int64 (copy, row->gap.from);
  copy_int64 (copy, row->gap.to);
  copy_int64 (copy, row->gap.to_interval);
}

/**
 * liaison_pg_add_gaps:
 *
 * liaison_store_add_gaps() with one COPY into gap_segment.
 */
gboolean
liaison_pg_add_gaps (LiaisonStore         *self,
                     const LiaisonGapRow  *rows,
                     guint                 n_rows,
                     GError              **error)
{
  return copy_rows (self, "COPY gap_segment (record_id, gap_from, gap_to, to_interval) FROM STDIN",
                    rows, sizeof *rows, n_rows, put_gap, error);
}

static void
put_window_run (Copy          *copy,
                gconstpointer  data,
                guint          i)
{
  const LiaisonWindowRunRow *row = data;

  copy_int64 (copy, row->record_id);
  copy_int64 (copy, row->run.from);
  copy_int64 (copy, row->run.to);
}

/**
 * liaison_pg_add_window_runs:
 *
 * liaison_store_add_window_runs() with one COPY into nf_window_run.
 */
gboolean
liaison_pg_add_window_runs (LiaisonStore               *self,
                            const LiaisonWindowRunRow  *rows,
                            guint                       n_rows,
                            GError                    **error)
{
  return copy_rows (self, "COPY nf_window_run (record_id, run_from, run_to) FROM STDIN",
                    rows, sizeof *rows, n_rows, put_window_run, error);
}

static void
put_held_time (Copy          *copy,
               gconstpointer  data,
               guint          i)
{
  const LiaisonHeldTime *held = data;

  copy_int64 (copy, held->id);
  copy_time (copy, held->last);
}

/**
 * liaison_pg_write_last_detected:
 * @held: (array length=n_held): one time per row
 *
 * The last detections held by an import (liaison_store_write_last_detected()):
 * COPY into a staging table, then one UPDATE ... FROM.
 */
gboolean
liaison_pg_write_last_detected (LiaisonStore           *self,
                                const LiaisonHeldTime  *held,
                                guint                   n_held,
                                GError                **error)
{
  return stage (self, "liaison_stage_last", "id BIGINT, last_detected BIGINT", error) &&
         copy_rows (self, "COPY liaison_stage_last FROM STDIN", held, sizeof *held, n_held, put_held_time, error) &&
         liaison_pg_exec (self,
                          "UPDATE communication AS c SET last_detected = s.last_detected"
                          " FROM liaison_stage_last AS s WHERE c.id = s.id",
                          error);
}

static void
put_identity (Copy          *copy,
              gconstpointer  data,
              guint          i)
{
  const LiaisonIdentity *identity = data;

  copy_int64 (copy, i);
  copy_address_key (copy, &identity->client);
  copy_address_key (copy, &identity->listener);
  copy_int64 (copy, identity->port);
  copy_text (copy, identity->protocol);
  copy_text (copy, identity->scope);
}

/**
 * liaison_pg_read_identities:
 * @row: (nullable): called for each row of the table of one of
 *   @identities: column 0 is the index of its identity, columns 1 to 7 are
 *   those of liaison-store-observations.c's lookup (id, process, client
 *   device, listener device, user fields, first and last detected); %NULL
 *   reads nothing
 *
 * Reads the service communications of many identities at once: the
 * identities into a staging table with COPY, then one SELECT ... JOIN. The
 * identities stay staged (LIAISON_PG_STAGED_IDENTITIES) until the next call
 * or the end of the transaction.
 */
gboolean
liaison_pg_read_identities (LiaisonStore           *self,
                            const LiaisonIdentity  *identities,
                            guint                   n_identities,
                            LiaisonIdentityRow      row,
                            gpointer                data,
                            GError                **error)
{
  g_autoptr(LiaisonStmt) stmt = NULL;
  int rc;

  if (!stage (self, LIAISON_PG_STAGED_IDENTITIES,
              "ord BIGINT, client_key BYTEA, listener_key BYTEA, port BIGINT, protocol TEXT COLLATE \"C\","
              " scope TEXT COLLATE \"C\"",
              error) ||
      !copy_rows (self, "COPY liaison_stage_identity FROM STDIN", identities, sizeof *identities, n_identities,
                  put_identity, error))
    return FALSE;
  if (row == NULL)
    return TRUE;

  stmt = liaison_store_prepare (self,
                                "SELECT s.ord, c.id, c.client_process_name, c.client_device, c.listener_device,"
                                "  c.user_fields, c.first_detected, c.last_detected"
                                " FROM liaison_stage_identity AS s JOIN communication AS c"
                                "  ON c.client_key = s.client_key AND c.listener_key = s.listener_key"
                                "  AND c.port = s.port AND c.protocol = s.protocol AND c.scope = s.scope",
                                error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = liaison_stmt_step (stmt)) == LIAISON_ROW)
    row (stmt, (guint) liaison_stmt_column_int64 (stmt, 0), data);
  return liaison_store_read_done (self, rc, error);
}

#endif /* HAVE_LIBPQ */
