/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "liaison-error.h"
#include "liaison-runs-private.h"
#include "liaison-store-private.h"
#include "liaison-store-runs-private.h"

/*
 * The tables of activity runs (statistics.md 3.6).
 *
 * netstat_moments holds each host's sample moments in chunks of up to a
 * few hundred bytes (a row that fits a page beside its neighbours): a chunk
 * starts at its first moment and holds, per moment, the unsigned LEB128
 * numbers of its distance from the moment before (the first: 0) and the id
 * of the set of listeners its sample discovered. discovered_set holds each
 * such set once per host, found again by a digest of its bytes: a host's
 * samples mostly discover the same listeners.
 */

void
liaison_runs_row_clear (LiaisonRunsRow *row)
{
  g_clear_pointer (&row->scope, g_free);
  g_clear_pointer (&row->runs, g_bytes_unref);
}

/**
 * liaison_store_runs_after:
 * @blob: (nullable): a record's runs
 * @first: its first found; %LIAISON_TIME_NONE: none
 * @last: its last found
 * @time: an active moment
 * @before: the latest moment before it at which the listener was discovered
 * @after: the earliest after it
 * @runs_out: (out): the runs after the moment; %NULL for none
 *
 * What liaison_runs_add() in SQL sets beside the first and last found it
 * changes: SQLite calls it as a function, a server's statements bind it.
 *
 * Returns: %FALSE when @blob is damaged
 */
gboolean
liaison_store_runs_after (GBytes      *blob,
                          LiaisonTime  first,
                          LiaisonTime  last,
                          LiaisonTime  time,
                          LiaisonTime  before,
                          LiaisonTime  after,
                          GBytes     **runs_out)
{
  g_autoptr(GArray) runs = NULL;
  gboolean first_unknown = FALSE;
  const guint8 *data = blob != NULL ? g_bytes_get_data (blob, NULL) : NULL;
  gsize bytes = blob != NULL ? g_bytes_get_size (blob) : 0;
  guint8 *encoded;
  gsize length;

  *runs_out = NULL;
  if (first == LIAISON_TIME_NONE || time == LIAISON_TIME_NONE)
    return TRUE;

  /* Samples in time order: the moment extends the last run (nothing was
   * discovered since its end) or repeats its end, and the breaks stay as
   * they are, unless the last run is a first one not known in between. */
  if (time >= last && (time == last || before == LIAISON_TIME_NONE || before <= last))
    {
      /* Flags alone, with bit 0: one run, not known in between. */
      if (time == last || data == NULL || bytes != 1 || (data[0] & 1) == 0)
        {
          *runs_out = blob != NULL ? g_bytes_ref (blob) : NULL;
          return TRUE;
        }
    }

  runs = g_array_new (FALSE, FALSE, sizeof (LiaisonRun));
  if (!liaison_runs_decode (data, bytes, first, last, runs, &first_unknown))
    return FALSE;
  liaison_runs_add (runs, first_unknown, time, before, after);

  encoded = liaison_runs_encode (runs, first_unknown, &length);
  if (encoded != NULL)
    *runs_out = g_bytes_new_take (encoded, length);
  return TRUE;
}

/* liaison_runs_add (runs, first, last, time, before, after) in SQL:
 * liaison_store_runs_after(). */
static void
runs_add_function (sqlite3_context  *context,
                   int               argc,
                   sqlite3_value   **argv)
{
  g_autoptr(GBytes) blob = NULL;
  g_autoptr(GBytes) runs = NULL;
  LiaisonTime values[5];

  for (int i = 0; i < 5; i++)
    values[i] = sqlite3_value_type (argv[i + 1]) == LIAISON_NULL ? LIAISON_TIME_NONE
                                                                 : sqlite3_value_int64 (argv[i + 1]);
  if (sqlite3_value_type (argv[0]) != SQLITE_NULL)
    blob = g_bytes_new_static (sqlite3_value_blob (argv[0]), (gsize) sqlite3_value_bytes (argv[0]));

  if (!liaison_store_runs_after (blob, values[0], values[1], values[2], values[3], values[4], &runs))
    sqlite3_result_error (context, "the activity runs of a statistics record are damaged", -1);
  else if (runs == NULL)
    sqlite3_result_null (context);
  else if (runs == blob)
    sqlite3_result_value (context, argv[0]);
  else
    sqlite3_result_blob (context, g_bytes_get_data (runs, NULL), (int) g_bytes_get_size (runs),
                         SQLITE_TRANSIENT);
}

/* Registers the SQL functions of runs on a new connection. */
int
liaison_store_runs_register (sqlite3 *db)
{
  return sqlite3_create_function (db, "liaison_runs_add", 6,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                  NULL, runs_add_function, NULL, NULL);
}

/* Steps @stmt, which finds one row or none, and puts the blob of its
 * @column in @bytes (emptied first); *@found says whether there was a row. */
static gboolean
read_blob_row (LiaisonStore  *self,
               LiaisonStmt   *stmt,
               int            column,
               GByteArray    *bytes,
               gboolean      *found,
               GError       **error)
{
  int rc = liaison_stmt_step (stmt);

  g_byte_array_set_size (bytes, 0);
  *found = rc == LIAISON_ROW;
  if (*found)
    g_byte_array_append (bytes, liaison_stmt_column_blob (stmt, column), liaison_stmt_column_bytes (stmt, column));
  return *found || liaison_store_read_done (self, rc, error);
}

/**
 * liaison_store_read_moments:
 * @where: which chunk, by its start against @time
 * @start: (out): the chunk's start, %LIAISON_TIME_NONE when there is none
 * @moments: emptied, then given the chunk's bytes
 *
 * Reads one chunk of @host's sample moments.
 */
gboolean
liaison_store_read_moments (LiaisonStore         *self,
                            const char           *host,
                            LiaisonTime           time,
                            LiaisonMomentsWhere   where,
                            LiaisonTime          *start,
                            GByteArray           *moments,
                            GError              **error)
{
  static const char *sql[] = {
    "SELECT start, moments FROM netstat_moments WHERE host = ?1 AND start < ?2 ORDER BY start DESC LIMIT 1",
    "SELECT start, moments FROM netstat_moments WHERE host = ?1 AND start <= ?2 ORDER BY start DESC LIMIT 1",
    "SELECT start, moments FROM netstat_moments WHERE host = ?1 AND start > ?2 ORDER BY start LIMIT 1",
  };
  g_autoptr(LiaisonStmt) stmt = liaison_store_prepare (self, sql[where + 1], error);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  liaison_bind_text (stmt, 1, host);
  liaison_stmt_bind_int64 (stmt, 2, time);

  *start = LIAISON_TIME_NONE;
  if (!read_blob_row (self, stmt, 1, moments, &found, error))
    return FALSE;
  if (found)
    *start = liaison_stmt_column_int64 (stmt, 0);
  return TRUE;
}

/**
 * liaison_store_write_moments:
 * @old_start: the start the chunk had, or %LIAISON_TIME_NONE for a new one
 * @start: its start now
 * @moments: (array length=length) (nullable): its bytes, or %NULL to delete it
 *
 * Writes one chunk of @host's sample moments.
 */
gboolean
liaison_store_write_moments (LiaisonStore  *self,
                             const char    *host,
                             LiaisonTime    old_start,
                             LiaisonTime    start,
                             const guint8  *moments,
                             gsize          length,
                             GError       **error)
{
  g_autoptr(LiaisonStmt) stmt = NULL;

  if (old_start != LIAISON_TIME_NONE && (old_start != start || moments == NULL))
    {
      stmt = liaison_store_prepare (self, "DELETE FROM netstat_moments WHERE host = ?1 AND start = ?2", error);
      if (stmt == NULL)
        return FALSE;
      liaison_bind_text (stmt, 1, host);
      liaison_stmt_bind_int64 (stmt, 2, old_start);
      if (!liaison_store_step_done (self, stmt, error))
        return FALSE;
      g_clear_pointer (&stmt, liaison_stmt_release);
    }
  if (moments == NULL)
    return TRUE;

  stmt = liaison_store_prepare (self,
                                "INSERT INTO netstat_moments (host, start, moments) VALUES (?1, ?2, ?3)"
                                " ON CONFLICT (host, start) DO UPDATE SET moments = excluded.moments",
                                error);
  if (stmt == NULL)
    return FALSE;
  liaison_bind_text (stmt, 1, host);
  liaison_stmt_bind_int64 (stmt, 2, start);
  liaison_stmt_bind_blob (stmt, 3, moments, (int) length, LIAISON_STATIC);
  return liaison_store_step_done (self, stmt, error);
}

/**
 * liaison_store_discovered_set_id:
 * @listeners: (array length=length): liaison_listener_set_to_bytes() of a set
 * @id: (out): the id of that set of @host
 *
 * Finds the set of listeners, or keeps it as a new one.
 */
gboolean
liaison_store_discovered_set_id (LiaisonStore  *self,
                                 const char    *host,
                                 const guint8  *listeners,
                                 gsize          length,
                                 gint64        *id,
                                 GError       **error)
{
  g_autoptr(LiaisonStmt) stmt = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest_bytes[20];
  gsize digest_length = sizeof digest_bytes;
  gint64 digest;
  int rc;

  g_checksum_update (checksum, listeners, length);
  g_checksum_get_digest (checksum, digest_bytes, &digest_length);
  memcpy (&digest, digest_bytes, sizeof digest);

  stmt = liaison_store_prepare (self, "SELECT id, listeners FROM discovered_set WHERE host = ?1 AND digest = ?2", error);
  if (stmt == NULL)
    return FALSE;
  liaison_bind_text (stmt, 1, host);
  liaison_stmt_bind_int64 (stmt, 2, digest);
  while ((rc = liaison_stmt_step (stmt)) == LIAISON_ROW)
    if ((gsize) liaison_stmt_column_bytes (stmt, 1) == length &&
        (length == 0 || memcmp (liaison_stmt_column_blob (stmt, 1), listeners, length) == 0))
      {
        *id = liaison_stmt_column_int64 (stmt, 0);
        return TRUE;
      }
  if (!liaison_store_read_done (self, rc, error))
    return FALSE;
  g_clear_pointer (&stmt, liaison_stmt_release);

  stmt = liaison_store_prepare (self, "INSERT INTO discovered_set (host, digest, listeners) VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  liaison_bind_text (stmt, 1, host);
  liaison_stmt_bind_int64 (stmt, 2, digest);
  liaison_stmt_bind_blob (stmt, 3, length > 0 ? listeners : (const guint8 *) "", (int) length, LIAISON_STATIC);
  if (!liaison_store_step_done (self, stmt, error))
    return FALSE;
  *id = liaison_store_last_insert_id (self);
  return TRUE;
}

/* The bytes of a set of listeners kept by liaison_store_discovered_set_id(). */
gboolean
liaison_store_read_discovered_set (LiaisonStore  *self,
                                   gint64         id,
                                   GByteArray    *listeners,
                                   GError       **error)
{
  g_autoptr(LiaisonStmt) stmt = liaison_store_prepare (self, "SELECT listeners FROM discovered_set WHERE id = ?1", error);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  liaison_stmt_bind_int64 (stmt, 1, id);
  if (!read_blob_row (self, stmt, 0, listeners, &found, error))
    return FALSE;
  if (found)
    return TRUE;
  /* A moment names a set that is not there: the database was damaged. */
  g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE,
               _("%s: the database is damaged: a netstat sample names a set of listeners that is missing"),
               liaison_store_get_path (self));
  return FALSE;
}

static void
read_address (LiaisonStmt   *stmt,
              int             column,
              LiaisonAddress *address)
{
  const guint8 *key = liaison_stmt_column_blob (stmt, column);

  memset (address, 0, sizeof *address);
  if (key == NULL || liaison_stmt_column_bytes (stmt, column) != LIAISON_ADDRESS_KEY_LEN)
    return;
  address->family = key[0];
  memcpy (address->bytes, key + 1, 16);
}

/**
 * liaison_store_runs_around:
 * @classic: classic records (of client processes on @host), else the
 *   statistics records whose netstat part is @host's
 * @rows: (element-type LiaisonRunsRow): where the records are appended
 *
 * Reads the records of @host with a run that may hold @time strictly
 * inside: first found before it and last found after it.
 */
gboolean
liaison_store_runs_around (LiaisonStore  *self,
                           gboolean       classic,
                           const char    *host,
                           LiaisonTime    time,
                           GArray        *rows,
                           GError       **error)
{
  g_autoptr(LiaisonStmt) stmt = NULL;
  int rc;

  if (classic)
    stmt = liaison_store_prepare (self,
                                  "SELECT communication_id, NULL, NULL, 0, '', '', first_found, last_found, runs"
                                  " FROM classic_stat WHERE host = ?1 AND first_found < ?2 AND last_found > ?2",
                                  error);
  else
    stmt = liaison_store_prepare (self,
                                  "SELECT id, listener_key, client_key, port, protocol, scope,"
                                  "  ns_first_found, ns_last_found, ns_runs"
                                  " FROM stat_record WHERE ns_host = ?1 AND ns_first_found < ?2 AND ns_last_found > ?2",
                                  error);
  if (stmt == NULL)
    return FALSE;
  liaison_bind_text (stmt, 1, host);
  liaison_stmt_bind_int64 (stmt, 2, time);

  while ((rc = liaison_stmt_step (stmt)) == LIAISON_ROW)
    {
      LiaisonRunsRow row = { 0 };
      LiaisonProtocol protocol = LIAISON_PROTOCOL_TCP;

      row.id = liaison_stmt_column_int64 (stmt, 0);
      read_address (stmt, 1, &row.listener);
      read_address (stmt, 2, &row.client);
      row.port = liaison_stmt_column_int (stmt, 3);
      liaison_protocol_from_string ((const char *) liaison_stmt_column_text (stmt, 4), &protocol);
      row.protocol = protocol;
      row.scope = g_strdup ((const char *) liaison_stmt_column_text (stmt, 5));
      row.first = liaison_stmt_column_int64 (stmt, 6);
      row.last = liaison_stmt_column_int64 (stmt, 7);
      if (liaison_stmt_column_type (stmt, 8) != LIAISON_NULL)
        row.runs = g_bytes_new (liaison_stmt_column_blob (stmt, 8), liaison_stmt_column_bytes (stmt, 8));
      g_array_append_val (rows, row);
    }
  return liaison_store_read_done (self, rc, error);
}

/* Writes the runs blob of a record (NULL: one known run). */
gboolean
liaison_store_set_runs (LiaisonStore  *self,
                        gboolean       classic,
                        gint64         id,
                        const guint8  *runs,
                        gsize          length,
                        GError       **error)
{
  g_autoptr(LiaisonStmt) stmt = NULL;

  stmt = liaison_store_prepare (self,
                                classic ? "UPDATE classic_stat SET runs = ?2 WHERE communication_id = ?1"
                                        : "UPDATE stat_record SET ns_runs = ?2 WHERE id = ?1",
                                error);
  if (stmt == NULL)
    return FALSE;
  liaison_stmt_bind_int64 (stmt, 1, id);
  if (runs != NULL)
    liaison_stmt_bind_blob (stmt, 2, runs, (int) length, LIAISON_STATIC);
  return liaison_store_step_done (self, stmt, error);
}
