/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <string.h>

#include "liaison-error.h"
#include "liaison-store-pg-copy-private.h"

/*
 * The netflow parts of the statistics records (statistics.md 4) as an
 * import writes them: read one or scanned in key order, added in batches,
 * updated, and their gaps and window runs.
 */

/* A record's netflow counters and spans from column @first on: active
 * samples, events, ports, first and last found, the interval of the first,
 * the newest run of windows. */
static void
netflow_columns (LiaisonStmt          *stmt,
                 int                    first,
                 LiaisonNetflowCounts  *counts,
                 LiaisonSpans          *spans)
{
  counts->active_samples = liaison_stmt_column_int64 (stmt, first);
  counts->total_events = liaison_stmt_column_int64 (stmt, first + 1);
  counts->total_ports = liaison_stmt_column_int64 (stmt, first + 2);
  spans->first = liaison_column_time (stmt, first + 3);
  spans->last = liaison_column_time (stmt, first + 4);
  spans->first_interval = liaison_stmt_column_int (stmt, first + 5);
  counts->run_from = liaison_column_time (stmt, first + 6);
  counts->run_to = liaison_column_time (stmt, first + 7);
}

/*
 * The statistics records of a netflow sample read in one ordered scan
 * (liaison_store_scan_netflow_records()): when a sample updates most of the
 * table, two cursors that walk the records and their gap segments in the
 * order of the identity index, beside the sample's pairs in the same order,
 * read them for less than a lookup each.
 */
struct _LiaisonNetflowScan
{
  LiaisonStore *store;
  LiaisonStmt *records;       /* from the store's cache, reset when done */
  LiaisonStmt *gaps;
  int           record_rc;     /* LIAISON_ROW: `records` is on a row not taken yet */
  int           gap_rc;
  guint8        last[LIAISON_ADDRESS_KEY_LEN * 2 + 8];  /* the last key asked for */
  gsize         last_len;
};

#define SCAN_ORDER " ORDER BY r.listener_key, r.port, r.protocol, r.client_key, r.scope"

/* The identity index's order of @key, as bytes that memcmp() orders so:
 * listener key, port (big-endian), protocol, client key, scope (a key is
 * a netflow pair's, whose protocol is tcp or udp and scope ""). FALSE for
 * a key that does not fit. */
static gboolean
scan_key (const LiaisonRecordKey *key,
          guint8                 *out,
          gsize                  *len)
{
  const char *protocol = liaison_protocol_to_string ((LiaisonProtocol) key->protocol);

  if (protocol == NULL || strlen (protocol) != 3 || key->scope == NULL || *key->scope != '\0')
    return FALSE;
  liaison_address_to_key (key->listener, out);
  out[LIAISON_ADDRESS_KEY_LEN] = key->port >> 8;
  out[LIAISON_ADDRESS_KEY_LEN + 1] = key->port & 0xff;
  memcpy (out + LIAISON_ADDRESS_KEY_LEN + 2, protocol, 3);
  liaison_address_to_key (key->client, out + LIAISON_ADDRESS_KEY_LEN + 5);
  *len = LIAISON_ADDRESS_KEY_LEN * 2 + 5;
  return TRUE;
}

/* How the record under the cursor compares with @key (of scan_key()). */
static int
scan_compare_row (LiaisonStmt *stmt,
                  const guint8 *key)
{
  const guint8 *listener = liaison_stmt_column_blob (stmt, 1);
  const guint8 *client = liaison_stmt_column_blob (stmt, 4);
  const char *protocol = (const char *) liaison_stmt_column_text (stmt, 3);
  const char *scope = (const char *) liaison_stmt_column_text (stmt, 5);
  int listener_len = liaison_stmt_column_bytes (stmt, 1);
  int client_len = liaison_stmt_column_bytes (stmt, 4);
  gint64 port = liaison_stmt_column_int64 (stmt, 2);
  gint64 key_port = (key[LIAISON_ADDRESS_KEY_LEN] << 8) | key[LIAISON_ADDRESS_KEY_LEN + 1];
  int c;

  /* Keys are 17 bytes; the index orders blobs by memcmp(), then length. */
  c = memcmp (listener, key, MIN (listener_len, LIAISON_ADDRESS_KEY_LEN));
  if (c != 0 || listener_len != LIAISON_ADDRESS_KEY_LEN)
    return c != 0 ? c : (listener_len < LIAISON_ADDRESS_KEY_LEN ? -1 : 1);
  if (port != key_port)
    return port < key_port ? -1 : 1;
  /* the key's protocol: three letters, not a string */
  if ((c = strncmp (protocol, (const char *) (key + LIAISON_ADDRESS_KEY_LEN + 2), 3)) != 0)
    return c;
  if (protocol[3] != '\0')
    return 1;
  c = memcmp (client, key + LIAISON_ADDRESS_KEY_LEN + 5, MIN (client_len, LIAISON_ADDRESS_KEY_LEN));
  if (c != 0 || client_len != LIAISON_ADDRESS_KEY_LEN)
    return c != 0 ? c : (client_len < LIAISON_ADDRESS_KEY_LEN ? -1 : 1);
  return *scope == '\0' ? 0 : 1;
}

/* The greatest id of a statistics record, 0 for none: about how many there are. */
gboolean
liaison_store_max_stat_record_id (LiaisonStore  *self,
                                  gint64        *max,
                                  GError       **error)
{
  return liaison_store_query_int (self, "SELECT coalesce(max(id), 0) FROM stat_record", max, error);
}

/* The records of the identities staged on a server (LIAISON_PG_STAGED_IDENTITIES) alone. */
#define STAGED_ONLY \
  " JOIN " LIAISON_PG_STAGED_IDENTITIES " AS k ON k.listener_key = r.listener_key AND k.port = r.port" \
  " AND k.protocol = r.protocol AND k.client_key = r.client_key AND k.scope = r.scope"
#define SCAN_RECORDS \
  "SELECT r.id, r.listener_key, r.port, r.protocol, r.client_key, r.scope," \
  "  r.nf_active_samples, r.nf_total_events, r.nf_total_ports," \
  "  r.nf_first_found, r.nf_last_found, r.nf_first_interval," \
  "  r.nf_run_from, r.nf_run_to" \
  " FROM stat_record AS r"
#define SCAN_GAPS \
  "SELECT g.record_id, r.listener_key, r.port, r.protocol, r.client_key, r.scope," \
  "  g.gap_from, g.gap_to, g.to_interval" \
  " FROM stat_record AS r JOIN gap_segment AS g ON g.record_id = r.id"

/**
 * liaison_store_scan_netflow_records:
 * @staged: read only the records of the identities staged on the server
 *   (liaison_store_look_up_identities() said so), in one read, instead of
 *   all of them
 *
 * Starts reading the statistics records in the order of their identity
 * for liaison_netflow_scan_read(), inside the caller's transaction.
 *
 * Returns: (transfer full): the scan, or %NULL with @error set
 */
LiaisonNetflowScan *
liaison_store_scan_netflow_records (LiaisonStore  *self,
                                    gboolean       staged,
                                    GError       **error)
{
  g_autoptr(LiaisonNetflowScan) scan = g_new0 (LiaisonNetflowScan, 1);

  scan->store = self;
  scan->records = liaison_store_prepare (self,
                                         staged ? SCAN_RECORDS STAGED_ONLY SCAN_ORDER : SCAN_RECORDS SCAN_ORDER,
                                         error);
  if (scan->records == NULL)
    return NULL;
  scan->gaps = liaison_store_prepare (self,
                                      staged ? SCAN_GAPS STAGED_ONLY SCAN_ORDER ", g.gap_from"
                                             : SCAN_GAPS SCAN_ORDER ", g.gap_from",
                                      error);
  if (scan->gaps == NULL)
    {
      liaison_stmt_reset (scan->records);
      scan->records = NULL;
      return NULL;
    }
  scan->record_rc = liaison_stmt_step (scan->records);
  scan->gap_rc = liaison_stmt_step (scan->gaps);
  if ((scan->record_rc != LIAISON_ROW && scan->record_rc != LIAISON_DONE) ||
      (scan->gap_rc != LIAISON_ROW && scan->gap_rc != LIAISON_DONE))
    {
      liaison_store_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&scan);
}

void
liaison_netflow_scan_free (LiaisonNetflowScan *scan)
{
  if (scan == NULL)
    return;
  if (scan->records != NULL)
    liaison_stmt_reset (scan->records);
  if (scan->gaps != NULL)
    liaison_stmt_reset (scan->gaps);
  g_free (scan);
}

/**
 * liaison_netflow_scan_read:
 *
 * liaison_store_read_netflow_record() from the scan. Keys asked for in
 * the order of the identity index take the next records of the scan; a
 * key out of that order, or one the scan cannot order, is looked up.
 */
gboolean
liaison_netflow_scan_read (LiaisonNetflowScan      *scan,
                           const LiaisonRecordKey  *key,
                           gint64                  *record_id,
                           LiaisonNetflowCounts    *counts,
                           LiaisonSpans            *spans,
                           GError                 **error)
{
  guint8 target[sizeof scan->last];
  gsize len = 0;
  LiaisonStmt *stmt = scan->records;
  int c = 1;

  if (!scan_key (key, target, &len) ||
      (scan->last_len > 0 && memcmp (target, scan->last, len) <= 0))
    return liaison_store_read_netflow_record (scan->store, key, record_id, counts, spans, error);
  memcpy (scan->last, target, len);
  scan->last_len = len;

  *record_id = 0;
  memset (counts, 0, sizeof *counts);
  counts->run_from = counts->run_to = LIAISON_TIME_NONE;

  while (scan->record_rc == LIAISON_ROW && (c = scan_compare_row (stmt, target)) < 0)
    scan->record_rc = liaison_stmt_step (stmt);
  if (scan->record_rc != LIAISON_ROW && scan->record_rc != LIAISON_DONE)
    return liaison_store_set_error (scan->store, error);
  if (scan->record_rc != LIAISON_ROW || c != 0)
    return TRUE;

  *record_id = liaison_stmt_column_int64 (stmt, 0);
  if (liaison_stmt_column_type (stmt, 6) != LIAISON_NULL)
    {
      netflow_columns (stmt, 6, counts, spans);

      /* Its gap segments: those of records before it, not asked for, are
       * passed over. */
      while (scan->gap_rc == LIAISON_ROW && (c = scan_compare_row (scan->gaps, target)) <= 0)
        {
          if (c == 0)
            {
              LiaisonGap gap;

              gap.from = liaison_stmt_column_int64 (scan->gaps, 6);
              gap.to = liaison_stmt_column_int64 (scan->gaps, 7);
              gap.to_interval = liaison_stmt_column_int (scan->gaps, 8);
              g_array_append_val (spans->gaps, gap);
            }
          scan->gap_rc = liaison_stmt_step (scan->gaps);
        }
      if (scan->gap_rc != LIAISON_ROW && scan->gap_rc != LIAISON_DONE)
        return liaison_store_set_error (scan->store, error);
    }

  scan->record_rc = liaison_stmt_step (stmt);
  if (scan->record_rc != LIAISON_ROW && scan->record_rc != LIAISON_DONE)
    return liaison_store_set_error (scan->store, error);
  return TRUE;
}

/**
 * liaison_store_read_netflow_record:
 * @record_id: (out): the record's id, 0 when there is none
 * @counts: (out): its netflow counters, 0 when it has none
 * @spans: (inout): an empty #LiaisonSpans; takes the record's stored spans
 *   and gap segments when it has a netflow part
 *
 * Reads what statistics.md 4.3 and 4.4 add a sample's flows to.
 */
gboolean
liaison_store_read_netflow_record (LiaisonStore            *self,
                                   const LiaisonRecordKey  *key,
                                   gint64                  *record_id,
                                   LiaisonNetflowCounts    *counts,
                                   LiaisonSpans            *spans,
                                   GError                 **error)
{
  g_autoptr(LiaisonStmt) stmt = NULL;
  gboolean has_netflow = FALSE;
  int rc;

  *record_id = 0;
  memset (counts, 0, sizeof *counts);
  counts->run_from = counts->run_to = LIAISON_TIME_NONE;

  stmt = liaison_store_prepare (self,
                                "SELECT id, nf_active_samples, nf_total_events, nf_total_ports,"
                                "  nf_first_found, nf_last_found, nf_first_interval, nf_run_from, nf_run_to"
                                " FROM stat_record" LIAISON_RECORD_KEY_WHERE,
                                error);
  if (stmt == NULL)
    return FALSE;
  liaison_bind_record_key (stmt, key);

  rc = liaison_stmt_step (stmt);
  if (rc == LIAISON_ROW)
    {
      *record_id = liaison_stmt_column_int64 (stmt, 0);
      has_netflow = liaison_stmt_column_type (stmt, 1) != LIAISON_NULL;
      if (has_netflow)
        {
          netflow_columns (stmt, 1, counts, spans);
        }
    }
  else if (!liaison_store_read_done (self, rc, error))
    return FALSE;
  g_clear_pointer (&stmt, liaison_stmt_release);

  if (!has_netflow)
    return TRUE;

  stmt = liaison_store_prepare (self,
                                "SELECT gap_from, gap_to, to_interval FROM gap_segment"
                                " WHERE record_id = ?1 ORDER BY gap_from",
                                error);
  if (stmt == NULL)
    return FALSE;
  liaison_stmt_bind_int64 (stmt, 1, *record_id);
  while ((rc = liaison_stmt_step (stmt)) == LIAISON_ROW)
    {
      LiaisonGap gap;

      gap.from = liaison_stmt_column_int64 (stmt, 0);
      gap.to = liaison_stmt_column_int64 (stmt, 1);
      gap.to_interval = liaison_stmt_column_int (stmt, 2);
      g_array_append_val (spans->gaps, gap);
    }
  return liaison_store_read_done (self, rc, error);
}

/* Netflow records written by one statement of liaison_store_add_netflow_records(). */
#define NETFLOW_RECORDS_PER_STATEMENT 64
#define NETFLOW_RECORD_VALUES 18

/* A device of a record's service communications, from ?b on: none when
 * the caller knows they name none (?b+7), else the first that names one. */
static char *
record_device_sql (const char *column,
                   guint       b)
{
  return g_strdup_printf ("CASE WHEN ?%u THEN NULL ELSE (SELECT %s FROM communication"
                          " WHERE client_key = ?%u AND listener_key = ?%u AND port = ?%u"
                          " AND protocol = ?%u AND scope = ?%u AND %s IS NOT NULL LIMIT 1) END",
                          b + 7, column, b + 5, b + 1, b + 2, b + 3, b + 6, column);
}

/* The texts and keys of a record, alive while its statement runs. */
typedef struct
{
  char   listener_ip[LIAISON_ADDRESS_STRLEN];
  char   client_ip[LIAISON_ADDRESS_STRLEN];
  guint8 listener_key[LIAISON_ADDRESS_KEY_LEN];
  guint8 client_key[LIAISON_ADDRESS_KEY_LEN];
} RecordTexts;

/*
 * The statement of liaison_store_add_netflow_records() for @rows records:
 * per record, from ?(1 + 18 i): listener ip and key, port, protocol,
 * client ip and key, scope, whether its devices are known to be none, the
 * interval, active samples, events, ports, first and last found, the
 * interval of the first, the gap span and the newest run of windows.
 */
static char *
netflow_records_sql (guint rows)
{
  GString *sql = g_string_new ("INSERT INTO stat_record (listener_ip, listener_key, port, protocol,"
                               "  client_ip, client_key, scope, listener_device, client_device,"
                               "  nf_interval, nf_active_samples, nf_total_events, nf_total_ports,"
                               "  nf_first_found, nf_last_found, nf_first_interval, nf_gap_span,"
                               "  nf_run_from, nf_run_to) VALUES");

  for (guint i = 0; i < rows; i++)
    {
      guint b = 1 + NETFLOW_RECORD_VALUES * i;
      g_autofree char *listener_device = record_device_sql ("listener_device", b);
      g_autofree char *client_device = record_device_sql ("client_device", b);

      g_string_append_printf (sql, "%s (?%u, ?%u, ?%u, ?%u, ?%u, ?%u, ?%u, %s, %s,"
                              " ?%u, ?%u, ?%u, ?%u, ?%u, ?%u, ?%u, ?%u, ?%u, ?%u)",
                              i == 0 ? "" : ",", b, b + 1, b + 2, b + 3, b + 4, b + 5, b + 6,
                              listener_device, client_device,
                              b + 8, b + 9, b + 10, b + 11, b + 12, b + 13, b + 14, b + 15, b + 16, b + 17);
    }
  return g_string_free (sql, FALSE);
}

/**
 * liaison_netflow_part_init:
 * @counts: the windows the pair was active in, its events and ports
 * @spans: the pair's spans after the sample
 *
 * The netflow part of a record as it is written after a sample.
 */
void
liaison_netflow_part_init (LiaisonNetflowPart          *part,
                           guint                        interval,
                           const LiaisonNetflowCounts  *counts,
                           const LiaisonSpans          *spans)
{
  part->interval = interval;
  part->counts = *counts;
  part->first = spans->first;
  part->last = spans->last;
  part->first_interval = spans->first_interval;
  part->gap_ms = liaison_spans_gap_ms (spans);
}

/* Binds the netflow part of a record to @stmt: @first is the parameter of
 * nf_interval; the nine others follow it in the order of the table's
 * columns, up to nf_run_to. */
static void
bind_netflow_part (LiaisonStmt               *stmt,
                   int                        first,
                   const LiaisonNetflowPart  *part)
{
  liaison_stmt_bind_int (stmt, first, part->interval);
  liaison_stmt_bind_int64 (stmt, first + 1, part->counts.active_samples);
  liaison_stmt_bind_int64 (stmt, first + 2, part->counts.total_events);
  liaison_stmt_bind_int64 (stmt, first + 3, part->counts.total_ports);
  liaison_bind_time (stmt, first + 4, part->first);
  liaison_bind_time (stmt, first + 5, part->last);
  liaison_stmt_bind_int (stmt, first + 6, part->first_interval);
  liaison_stmt_bind_int64 (stmt, first + 7, part->gap_ms);
  liaison_bind_time (stmt, first + 8, part->counts.run_from);
  liaison_bind_time (stmt, first + 9, part->counts.run_to);
}

/**
 * liaison_store_add_netflow_records:
 * @rows: (array length=n_rows): the records of pairs that have none, in the
 *   order of their ids to be
 * @first_id: (out) (optional): the id of the first; the others follow it
 *
 * Makes the statistics records of pairs that have none, naming the devices
 * of a service communication of each pair (unless the row says they name
 * none), several to a statement. Their gap segments are written with
 * liaison_store_replace_gaps().
 */
gboolean
liaison_store_add_netflow_records (LiaisonStore                  *self,
                                   const LiaisonNetflowRecordRow *rows,
                                   guint                          n_rows,
                                   gint64                        *first_id,
                                   GError                       **error)
{
  static char *sql_many, *sql_one;
  static gsize sql_made;
  RecordTexts *texts = NULL;
  guint per_statement = self->single_rows ? 1 : NETFLOW_RECORDS_PER_STATEMENT;
  guint done = 0;
  gboolean ok = TRUE;

  if (liaison_store_copies_rows (self, n_rows))
    return liaison_pg_add_netflow_records (self, rows, n_rows, first_id, error);

  if (g_once_init_enter (&sql_made))
    {
      sql_one = netflow_records_sql (1);
      sql_many = netflow_records_sql (NETFLOW_RECORDS_PER_STATEMENT);
      g_once_init_leave (&sql_made, 1);
    }

  texts = g_new (RecordTexts, MIN (n_rows, per_statement));
  while (ok && done < n_rows)
    {
      guint n = n_rows - done >= per_statement ? per_statement : 1;
      g_autoptr(LiaisonStmt) stmt = liaison_store_prepare (self, n > 1 ? sql_many : sql_one, error);

      if (stmt == NULL)
        {
          ok = FALSE;
          break;
        }
      for (guint i = 0; i < n; i++)
        {
          const LiaisonNetflowRecordRow *row = &rows[done + i];
          int b = 1 + NETFLOW_RECORD_VALUES * i;

          /* The texts and keys outlive the statement's step. */
          RecordTexts *t = &texts[i];

          liaison_address_to_string (row->key.listener, t->listener_ip);
          liaison_address_to_string (row->key.client, t->client_ip);
          liaison_address_to_key (row->key.listener, t->listener_key);
          liaison_address_to_key (row->key.client, t->client_key);
          liaison_stmt_bind_text (stmt, b, t->listener_ip, -1, LIAISON_STATIC);
          liaison_stmt_bind_blob (stmt, b + 1, t->listener_key, LIAISON_ADDRESS_KEY_LEN, LIAISON_STATIC);
          liaison_stmt_bind_int (stmt, b + 2, row->key.port);
          liaison_stmt_bind_text (stmt, b + 3, liaison_protocol_to_string ((LiaisonProtocol) row->key.protocol), -1, LIAISON_STATIC);
          liaison_stmt_bind_text (stmt, b + 4, t->client_ip, -1, LIAISON_STATIC);
          liaison_stmt_bind_blob (stmt, b + 5, t->client_key, LIAISON_ADDRESS_KEY_LEN, LIAISON_STATIC);
          liaison_stmt_bind_text (stmt, b + 6, row->key.scope, -1, LIAISON_STATIC);
          liaison_stmt_bind_int (stmt, b + 7, row->no_devices);
          bind_netflow_part (stmt, b + 8, &row->part);
        }
      ok = liaison_store_step_done (self, stmt, error);

      /* A rowid table gives the rows of one statement consecutive ids. */
      if (ok && done == 0 && first_id != NULL)
        *first_id = liaison_store_last_insert_id (self) - (n - 1);
      done += n;
    }

  g_free (texts);
  return ok;
}

/* Writes the netflow part of one statistics record. */
static gboolean
update_netflow_record (LiaisonStore                      *self,
                       const LiaisonNetflowRecordUpdate  *row,
                       GError                           **error)
{
  g_autoptr(LiaisonStmt) stmt = NULL;

  stmt = liaison_store_prepare (self,
                                "UPDATE stat_record SET nf_interval = ?2, nf_active_samples = ?3,"
                                "  nf_total_events = ?4, nf_total_ports = ?5, nf_first_found = ?6,"
                                "  nf_last_found = ?7, nf_first_interval = ?8, nf_gap_span = ?9,"
                                "  nf_run_from = ?10, nf_run_to = ?11"
                                " WHERE id = ?1",
                                error);
  if (stmt == NULL)
    return FALSE;
  liaison_stmt_bind_int64 (stmt, 1, row->record_id);
  bind_netflow_part (stmt, 2, &row->part);
  return liaison_store_step_done (self, stmt, error);
}

/**
 * liaison_store_update_netflow_records:
 * @rows: (array length=n_rows): the records' netflow parts after a sample
 *
 * update_netflow_record() of many records: on a server, in
 * one merge.
 */
gboolean
liaison_store_update_netflow_records (LiaisonStore                      *self,
                                      const LiaisonNetflowRecordUpdate  *rows,
                                      guint                              n_rows,
                                      GError                           **error)
{
  if (liaison_store_copies_rows (self, n_rows))
    return liaison_pg_update_netflow_records (self, rows, n_rows, error);
  for (guint i = 0; i < n_rows; i++)
    if (!update_netflow_record (self, &rows[i], error))
      return FALSE;
  return TRUE;
}

/* Binds row @i of @rows to @stmt. */
typedef void (*BindRow) (LiaisonStmt   *stmt,
                         gconstpointer  rows,
                         guint          i);

/* Runs @sql once for each of @n_rows rows, bound by @bind. */
static gboolean
insert_each (LiaisonStore   *self,
             const char     *sql,
             gconstpointer   rows,
             guint           n_rows,
             BindRow         bind,
             GError        **error)
{
  g_autoptr(LiaisonStmt) stmt = liaison_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n_rows; i++)
    {
      liaison_stmt_reset (stmt);
      bind (stmt, rows, i);
      if (!liaison_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static void
bind_gap (LiaisonStmt   *stmt,
          gconstpointer  rows,
          guint          i)
{
  const LiaisonGapRow *row = (const LiaisonGapRow *) rows + i;

  liaison_stmt_bind_int64 (stmt, 1, row->record_id);
  liaison_stmt_bind_int64 (stmt, 2, row->gap.from);
  liaison_stmt_bind_int64 (stmt, 3, row->gap.to);
  liaison_stmt_bind_int (stmt, 4, row->gap.to_interval);
}

static void
bind_window_run (LiaisonStmt   *stmt,
                 gconstpointer  rows,
                 guint          i)
{
  const LiaisonWindowRunRow *row = (const LiaisonWindowRunRow *) rows + i;

  liaison_stmt_bind_int64 (stmt, 1, row->record_id);
  liaison_stmt_bind_int64 (stmt, 2, row->run.from);
  liaison_stmt_bind_int64 (stmt, 3, row->run.to);
}

/**
 * liaison_store_add_gaps:
 * @rows: (array length=n_rows): gap segments of records that have none
 *   at their times
 *
 * Adds gap segments: on a server, with one COPY.
 */
gboolean
liaison_store_add_gaps (LiaisonStore         *self,
                        const LiaisonGapRow  *rows,
                        guint                 n_rows,
                        GError              **error)
{
  if (liaison_store_copies_rows (self, n_rows))
    return liaison_pg_add_gaps (self, rows, n_rows, error);
  return insert_each (self,
                      "INSERT INTO gap_segment (record_id, gap_from, gap_to, to_interval) VALUES (?1, ?2, ?3, ?4)",
                      rows, n_rows, bind_gap, error);
}

/**
 * liaison_store_add_window_runs:
 * @rows: (array length=n_rows): older runs of windows of records, none of
 *   which meets a run the record has
 *
 * Adds older runs of windows: on a server, with one COPY.
 */
gboolean
liaison_store_add_window_runs (LiaisonStore               *self,
                               const LiaisonWindowRunRow  *rows,
                               guint                       n_rows,
                               GError                    **error)
{
  if (liaison_store_copies_rows (self, n_rows))
    return liaison_pg_add_window_runs (self, rows, n_rows, error);
  return insert_each (self, "INSERT INTO nf_window_run (record_id, run_from, run_to) VALUES (?1, ?2, ?3)",
                      rows, n_rows, bind_window_run, error);
}

/**
 * liaison_store_replace_gaps:
 * @had_gaps: whether the record has gap segments now
 * @gaps: (element-type LiaisonGap): its gap segments from now on
 *
 * Rewrites the gap segments of a statistics record.
 */
gboolean
liaison_store_replace_gaps (LiaisonStore  *self,
                            gint64         record_id,
                            gboolean       had_gaps,
                            GArray        *gaps,
                            GError       **error)
{
  g_autoptr(LiaisonStmt) stmt = NULL;
  g_autofree LiaisonGapRow *rows = NULL;

  if (had_gaps)
    {
      stmt = liaison_store_prepare (self, "DELETE FROM gap_segment WHERE record_id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      liaison_stmt_bind_int64 (stmt, 1, record_id);
      if (!liaison_store_step_done (self, stmt, error))
        return FALSE;
      g_clear_pointer (&stmt, liaison_stmt_release);
    }

  rows = g_new (LiaisonGapRow, MAX (gaps->len, 1));
  for (guint i = 0; i < gaps->len; i++)
    {
      rows[i].record_id = record_id;
      rows[i].gap = g_array_index (gaps, LiaisonGap, i);
    }
  return liaison_store_add_gaps (self, rows, gaps->len, error);
}

/**
 * liaison_store_read_window_runs:
 * @runs: (element-type LiaisonWindowRun): where the runs go, in time order
 *
 * Reads the older runs of active sample windows of a record (all but its
 * newest, which the record holds) that meet or touch [@from, @to]. Runs do
 * not overlap, so their ends grow with their starts: the scan starts at the
 * first run that ends at @from or later.
 */
gboolean
liaison_store_read_window_runs (LiaisonStore  *self,
                                gint64         record_id,
                                LiaisonTime    from,
                                LiaisonTime    to,
                                GArray        *runs,
                                GError       **error)
{
  g_autoptr(LiaisonStmt) stmt = NULL;
  int rc;

  stmt = liaison_store_prepare (self,
                                "SELECT run_from, run_to FROM nf_window_run"
                                " WHERE record_id = ?1 AND run_to >= ?2 AND run_from <= ?3"
                                " ORDER BY run_to",
                                error);
  if (stmt == NULL)
    return FALSE;
  liaison_stmt_bind_int64 (stmt, 1, record_id);
  liaison_stmt_bind_int64 (stmt, 2, from);
  liaison_stmt_bind_int64 (stmt, 3, to);
  while ((rc = liaison_stmt_step (stmt)) == LIAISON_ROW)
    {
      LiaisonWindowRun run;

      run.from = liaison_stmt_column_int64 (stmt, 0);
      run.to = liaison_stmt_column_int64 (stmt, 1);
      g_array_append_val (runs, run);
    }
  return liaison_store_read_done (self, rc, error);
}

/**
 * liaison_store_replace_window_runs:
 * @had_runs: whether liaison_store_read_window_runs() found runs in the range
 * @runs: (element-type LiaisonWindowRun): the record's runs in [@from, @to]
 *   from now on
 *
 * Replaces the older runs of a record that meet or touch [@from, @to].
 */
gboolean
liaison_store_replace_window_runs (LiaisonStore  *self,
                                   gint64         record_id,
                                   LiaisonTime    from,
                                   LiaisonTime    to,
                                   gboolean       had_runs,
                                   GArray        *runs,
                                   GError       **error)
{
  g_autoptr(LiaisonStmt) stmt = NULL;
  g_autofree LiaisonWindowRunRow *rows = NULL;

  if (had_runs)
    {
      stmt = liaison_store_prepare (self,
                                    "DELETE FROM nf_window_run"
                                    " WHERE record_id = ?1 AND run_to >= ?2 AND run_from <= ?3",
                                    error);
      if (stmt == NULL)
        return FALSE;
      liaison_stmt_bind_int64 (stmt, 1, record_id);
      liaison_stmt_bind_int64 (stmt, 2, from);
      liaison_stmt_bind_int64 (stmt, 3, to);
      if (!liaison_store_step_done (self, stmt, error))
        return FALSE;
      g_clear_pointer (&stmt, liaison_stmt_release);
    }

  rows = g_new (LiaisonWindowRunRow, MAX (runs->len, 1));
  for (guint i = 0; i < runs->len; i++)
    {
      rows[i].record_id = record_id;
      rows[i].run = g_array_index (runs, LiaisonWindowRun, i);
    }
  return liaison_store_add_window_runs (self, rows, runs->len, error);
}
