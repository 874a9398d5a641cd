/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "liaison-error.h"
#include "liaison-store-private.h"
#include "liaison-store-schema-private.h"
#include "liaison-store-server.h"

/*
 * A store on a team's PostgreSQL server (team.md), through libpq: the
 * connection, prepared statements with SQLite's meaning (liaison-store-
 * private.h), and the one place where the two dialects differ
 * (liaison_pg_translate()).
 */

gboolean
liaison_store_is_server_uri (const char *path)
{
  return path != NULL &&
         (g_ascii_strncasecmp (path, "postgresql://", strlen ("postgresql://")) == 0 ||
          g_ascii_strncasecmp (path, "postgres://", strlen ("postgres://")) == 0);
}

#ifndef HAVE_LIBPQ

void liaison_pg_watch (LiaisonStore *self) { }
LiaisonStoreConnection *liaison_store_connection_new (LiaisonStore *store) { g_assert_not_reached (); }
gboolean liaison_store_connection_open (LiaisonStoreConnection *self, GError **error) { g_assert_not_reached (); }
void liaison_store_connection_free (LiaisonStoreConnection *self) { }
void liaison_pg_adopt (LiaisonStore *self, LiaisonStoreConnection *connection) { g_assert_not_reached (); }

gboolean
liaison_pg_open (LiaisonStore  *self,
                 GError       **error)
{
  /* Not quoted: a URI may hold a password. */
  g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_UNSUPPORTED,
               _("this build of Liaison cannot open a PostgreSQL server (it was built without libpq); "
                 "give the path of a file"));
  return FALSE;
}

void liaison_pg_close (LiaisonStore *self) { }
LiaisonPgStmt *liaison_pg_prepare (LiaisonStore *self, const char *sql, GError **error) { g_assert_not_reached (); }
void liaison_pg_stmt_free (LiaisonPgStmt *stmt) { }
gboolean liaison_pg_exec (LiaisonStore *self, const char *sql, GError **error) { g_assert_not_reached (); }
gboolean liaison_pg_set_error (LiaisonStore *self, GError **error) { g_assert_not_reached (); }
void liaison_pg_keep_error (LiaisonStore *self, const PGresult *result) { }
gboolean liaison_pg_data_version (LiaisonStore *self, gint64 *version, GError **error) { g_assert_not_reached (); }
void liaison_pg_set_cancellable (LiaisonStore *self, GCancellable *cancellable) { }
int liaison_pg_bind_int64 (LiaisonPgStmt *stmt, int index, gint64 value) { g_assert_not_reached (); }
int liaison_pg_bind_text (LiaisonPgStmt *stmt, int index, const char *text, int length, gboolean copy) { g_assert_not_reached (); }
int liaison_pg_bind_blob (LiaisonPgStmt *stmt, int index, const void *blob, int length, gboolean copy) { g_assert_not_reached (); }
int liaison_pg_bind_null (LiaisonPgStmt *stmt, int index) { g_assert_not_reached (); }
int liaison_pg_bind_parameter_count (LiaisonPgStmt *stmt) { g_assert_not_reached (); }
int liaison_pg_step (LiaisonPgStmt *stmt) { g_assert_not_reached (); }
gint64 liaison_pg_column_int64 (LiaisonPgStmt *stmt, int index) { g_assert_not_reached (); }
const unsigned char *liaison_pg_column_text (LiaisonPgStmt *stmt, int index) { g_assert_not_reached (); }
const void *liaison_pg_column_blob (LiaisonPgStmt *stmt, int index) { g_assert_not_reached (); }
int liaison_pg_column_bytes (LiaisonPgStmt *stmt, int index) { g_assert_not_reached (); }
int liaison_pg_column_type (LiaisonPgStmt *stmt, int index) { g_assert_not_reached (); }
int liaison_pg_column_count (LiaisonPgStmt *stmt) { g_assert_not_reached (); }
int liaison_pg_reset (LiaisonPgStmt *stmt) { g_assert_not_reached (); }
int liaison_pg_clear_bindings (LiaisonPgStmt *stmt) { g_assert_not_reached (); }

#else /* HAVE_LIBPQ */

#include <glib-unix.h>
#include <libpq-fe.h>

/* Type oids of the results Liaison reads (pg_type.dat). */
#define BOOLOID    16
#define BYTEAOID   17
#define INT8OID    20
#define INT2OID    21
#define INT4OID    23
#define TEXTOID    25
#define NUMERICOID 1700

/* The channel on which every commit that changed something is announced,
 * with the schema of the inventory it changed. */
#define CHANGES_CHANNEL "liaison_changes"

static void notice_others (LiaisonStore *self);

struct _LiaisonPgStmt
{
  LiaisonStore *store;          /* not owned: the cache that holds this belongs to it */
  char         *name;
  char         *sql;            /* as the store's rooms wrote it */
  int           n_params;
  char        **values;         /* per parameter: NULL binds NULL */
  int          *lengths;
  int          *formats;        /* 1 for a blob */
  guint8       *owned;          /* whether values[i] is ours to free */
  char        **buffers;        /* per parameter, for integers */
  PGresult     *result;
  int           row;            /* the row the last step reached; -1 before */
  int           n_rows;
  GHashTable   *blobs;          /* column -> decoded bytea of the current row */
  gboolean      prepared;       /* the server holds it */
};

static void
clear_error (LiaisonStore *self)
{
  g_clear_pointer (&self->pg_error, g_free);
  g_clear_pointer (&self->pg_sqlstate, g_free);
}

/* Keeps the message of a failed @result (or of the connection). */
static void
keep_error (LiaisonStore   *self,
            const PGresult *result)
{
  const char *message = result != NULL ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  const char *state = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;

  clear_error (self);
  if (message == NULL)
    message = PQerrorMessage (self->pg);
  self->pg_error = g_strstrip (g_strdup (message != NULL && *message != '\0' ? message : "unknown error"));
  self->pg_sqlstate = g_strdup (state);
}

/* For the other rooms on a server: keeps the error of a failed @result,
 * or of the connection when it is NULL, for liaison_pg_set_error(). */
void
liaison_pg_keep_error (LiaisonStore   *self,
                       const PGresult *result)
{
  keep_error (self, result);
}

gboolean
liaison_pg_set_error (LiaisonStore  *self,
                      GError       **error)
{
  const char *state = self->pg_sqlstate != NULL ? self->pg_sqlstate : "";

  if (g_str_has_prefix (state, "54000"))
    g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                 _("%s: a value is too long for the server (%s)"), self->path, self->pg_error);
  else if (g_str_has_prefix (state, "42501"))
    g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_READ_ONLY,
                 _("%s: the role may not change the inventory (%s)"), self->path, self->pg_error);
  /* serialization_failure and deadlock_detected: the work may be run again. */
  else if ((g_str_equal (state, "40001") || g_str_equal (state, "40P01")) &&
           PQstatus (self->pg) == CONNECTION_OK)
    g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_RETRY,
                 _("%s: database error: %s"), self->path, self->pg_error);
  else if (g_str_has_prefix (state, "08") || PQstatus (self->pg) != CONNECTION_OK)
    g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE,
                 _("%s: the connection to the server was lost: %s"), self->path,
                 self->pg_error != NULL ? self->pg_error : PQerrorMessage (self->pg));
  else
    g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE,
                 _("%s: database error: %s"), self->path,
                 self->pg_error != NULL ? self->pg_error : "unknown error");
  return FALSE;
}

/* Whether @result is a success; else keeps its error. Frees @result. */
static gboolean
result_ok (LiaisonStore *self,
           PGresult     *result)
{
  ExecStatusType status = PQresultStatus (result);
  gboolean ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;

  if (!ok)
    keep_error (self, result);
  else
    {
      const char *tuples = PQcmdTuples (result);
      self->pg_changes = tuples != NULL && *tuples != '\0' ? g_ascii_strtoll (tuples, NULL, 10) : 0;
    }
  PQclear (result);
  return ok;
}

gboolean
liaison_pg_exec (LiaisonStore  *self,
                 const char    *sql,
                 GError       **error)
{
  g_autofree char *translated = liaison_pg_translate (sql, NULL);

  if (!result_ok (self, PQexec (self->pg, translated)))
    return liaison_pg_set_error (self, error);
  return TRUE;
}

/* Runs @sql and reads its one integer (0 when it gives NULL or no row). */
gboolean
liaison_pg_query_int (LiaisonStore  *self,
                      const char    *sql,
                      gint64        *out,
                      GError       **error)
{
  PGresult *result = PQexec (self->pg, sql);

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      keep_error (self, result);
      PQclear (result);
      return liaison_pg_set_error (self, error);
    }
  *out = PQntuples (result) > 0 && !PQgetisnull (result, 0, 0)
         ? g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10) : 0;
  PQclear (result);
  return TRUE;
}

static void
notice_nothing (void       *arg,
                const char *message)
{
}

/* Connects with libpq's @keywords and @values (the first value may be a
 * URI when @expand_dbname) and starts the session every connection of a
 * store has: UTF-8, times in UTC, the others' changes listened to. Blocks
 * for the round trips; @path names the server in messages. */
static PGconn *
pg_connect (const char *const  *keywords,
            const char *const  *values,
            gboolean            expand_dbname,
            const char         *path,
            GError            **error)
{
  static const char *const session[] = { "SET TIME ZONE 'UTC'", "LISTEN " CHANGES_CHANNEL };
  PGconn *pg = PQconnectdbParams (keywords, values, expand_dbname);

  if (pg == NULL || PQstatus (pg) != CONNECTION_OK)
    goto fail;
  PQsetNoticeProcessor (pg, notice_nothing, NULL);
  if (PQserverVersion (pg) < 130000)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE,
                   _("%s: the server runs PostgreSQL %d; Liaison needs 13 or newer"),
                   path, PQserverVersion (pg) / 10000);
      PQfinish (pg);
      return NULL;
    }
  if (PQsetClientEncoding (pg, "UTF8") != 0)
    goto fail;
  for (guint i = 0; i < G_N_ELEMENTS (session); i++)
    {
      PGresult *result = PQexec (pg, session[i]);
      gboolean ok = PQresultStatus (result) == PGRES_COMMAND_OK;

      PQclear (result);
      if (!ok)
        goto fail;
    }
  return pg;

fail:
  {
    g_autofree char *message = g_strstrip (g_strdup (pg != NULL ? PQerrorMessage (pg) : "out of memory"));

    g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE,
                 _("%s: cannot connect to the server: %s"), path, message);
    g_clear_pointer (&pg, PQfinish);
    return NULL;
  }
}

gboolean
liaison_pg_open (LiaisonStore  *self,
                 GError       **error)
{
  g_autofree char *uri = g_steal_pointer (&self->path);
  const char *const keywords[] = { "dbname", NULL };
  const char *const values[] = { uri, NULL };
  gint64 may_write = 0;

  self->path = liaison_store_uri_without_password (uri, NULL);
  self->pg = pg_connect (keywords, values, TRUE, self->path, error);
  if (self->pg == NULL)
    return FALSE;

  if (!liaison_pg_check_schema (self, error))
    return FALSE;

  /* A role that may not insert into communication opens read-only. */
  if (!liaison_pg_query_int (self, "SELECT has_table_privilege ('communication', 'INSERT')::int"
                             " * has_table_privilege ('communication', 'UPDATE')::int",
                             &may_write, error))
    return FALSE;
  self->read_only = may_write == 0;
  if (!liaison_store_search_index_open_server (self, error))
    return FALSE;

  /* Inventories in other schemas of the database announce theirs too. */
  {
    PGresult *result = PQexec (self->pg, "SELECT current_schema()");

    if (PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) == 1)
      self->pg_schema = g_strdup (PQgetvalue (result, 0, 0));
    PQclear (result);
  }
  return TRUE;
}

void
liaison_pg_close (LiaisonStore *self)
{
  if (self->pg_watch != NULL)
    g_source_destroy (self->pg_watch);
  g_clear_pointer (&self->pg_watch, g_source_unref);
  g_clear_pointer (&self->pg, PQfinish);
  g_clear_pointer (&self->pg_schema, g_free);
  clear_error (self);
}

LiaisonPgStmt *
liaison_pg_prepare (LiaisonStore  *self,
                    const char    *sql,
                    GError       **error)
{
  LiaisonPgStmt *stmt = g_new0 (LiaisonPgStmt, 1);
  g_autofree char *translated = liaison_pg_translate (sql, &stmt->n_params);
  g_autofree Oid *types = NULL;

  stmt->store = self;
  stmt->sql = g_strdup (sql);
  stmt->name = g_strdup_printf ("liaison_%u", ++self->pg_names);
  stmt->row = -1;
  stmt->values = g_new0 (char *, MAX (stmt->n_params, 1));
  stmt->lengths = g_new0 (int, MAX (stmt->n_params, 1));
  stmt->formats = g_new0 (int, MAX (stmt->n_params, 1));
  stmt->owned = g_new0 (guint8, MAX (stmt->n_params, 1));
  stmt->buffers = g_new0 (char *, MAX (stmt->n_params, 1));

  /* A parameter the text does not use (SQLite lets ?2 come without ?1)
   * still needs a type: text, whose value is never read. */
  types = g_new0 (Oid, MAX (stmt->n_params, 1));
  for (int i = 0; i < stmt->n_params; i++)
    {
      g_autofree char *param = g_strdup_printf ("$%d", i + 1);
      const char *at = translated;
      gboolean used = FALSE;

      while (!used && (at = strstr (at, param)) != NULL)
        {
          at += strlen (param);
          used = !g_ascii_isdigit (*at);
        }
      if (!used)
        types[i] = TEXTOID;
    }

  if (!result_ok (self, PQprepare (self->pg, stmt->name, translated, stmt->n_params, types)))
    {
      liaison_pg_stmt_free (stmt);
      liaison_pg_set_error (self, error);
      return NULL;
    }
  stmt->prepared = TRUE;
  return stmt;
}

/* As sqlite3_clear_bindings(): every parameter NULL. */
int
liaison_pg_clear_bindings (LiaisonPgStmt *stmt)
{
  for (int i = 0; i < stmt->n_params; i++)
    {
      if (stmt->owned[i])
        g_free (stmt->values[i]);
      stmt->values[i] = NULL;
      stmt->owned[i] = FALSE;
      stmt->formats[i] = 0;
      stmt->lengths[i] = 0;
    }
  return SQLITE_OK;
}

/* As sqlite3_reset(): the statement can run again; its error, if any,
 * was told by its step. */
int
liaison_pg_reset (LiaisonPgStmt *stmt)
{
  g_clear_pointer (&stmt->result, PQclear);
  g_clear_pointer (&stmt->blobs, g_hash_table_unref);
  stmt->row = -1;
  stmt->n_rows = 0;
  return SQLITE_OK;
}

void
liaison_pg_stmt_free (LiaisonPgStmt *stmt)
{
  if (stmt == NULL)
    return;
  liaison_pg_reset (stmt);
  liaison_pg_clear_bindings (stmt);
  for (int i = 0; i < stmt->n_params; i++)
    g_free (stmt->buffers[i]);
  /* A store that closes drops its statements with its connection. */
  if (stmt->prepared && !stmt->store->closing &&
      stmt->store->pg != NULL && PQstatus (stmt->store->pg) == CONNECTION_OK)
    {
      g_autofree char *deallocate = g_strdup_printf ("DEALLOCATE %s", stmt->name);
      PQclear (PQexec (stmt->store->pg, deallocate));
    }
  g_free (stmt->buffers);
  g_free (stmt->owned);
  g_free (stmt->formats);
  g_free (stmt->lengths);
  g_free (stmt->values);
  g_free (stmt->name);
  g_free (stmt->sql);
  g_free (stmt);
}

/* Binds parameter @index to @value, @length bytes in @format (1 binary),
 * copied when @copy says so; a NULL @value binds NULL. */
static int
set_value (LiaisonPgStmt *stmt,
           int            index,
           const char    *value,
           int            length,
           int            format,
           gboolean       copy)
{
  int i = index - 1;

  if (i < 0 || i >= stmt->n_params)
    return SQLITE_RANGE;
  if (value == NULL)
    length = format = 0;
  if (stmt->owned[i])
    g_free (stmt->values[i]);
  stmt->owned[i] = copy && value != NULL;
  if (stmt->owned[i])
    {
      stmt->values[i] = g_malloc ((gsize) length + 1);
      memcpy (stmt->values[i], value, (gsize) length);
      stmt->values[i][length] = '\0';
    }
  else
    stmt->values[i] = (char *) value;
  stmt->lengths[i] = length;
  stmt->formats[i] = format;
  return SQLITE_OK;
}

int
liaison_pg_bind_int64 (LiaisonPgStmt *stmt,
                       int            index,
                       gint64         value)
{
  int i = index - 1;

  if (i < 0 || i >= stmt->n_params)
    return SQLITE_RANGE;
  if (stmt->buffers[i] == NULL)
    stmt->buffers[i] = g_malloc (24);
  g_snprintf (stmt->buffers[i], 24, "%" G_GINT64_FORMAT, value);
  return set_value (stmt, index, stmt->buffers[i], (int) strlen (stmt->buffers[i]), 0, FALSE);
}

int
liaison_pg_bind_text (LiaisonPgStmt *stmt,
                      int            index,
                      const char    *text,
                      int            length,
                      gboolean       copy)
{
  /* Text goes as a C string: one given with its length may not end there,
   * and is copied with a NUL after it. */
  if (text != NULL && length < 0)
    length = (int) strlen (text);
  else
    copy = TRUE;
  return set_value (stmt, index, text, length, 0, copy);
}

int
liaison_pg_bind_blob (LiaisonPgStmt *stmt,
                      int            index,
                      const void    *blob,
                      int            length,
                      gboolean       copy)
{
  return set_value (stmt, index, blob, length, 1, copy);
}

int
liaison_pg_bind_null (LiaisonPgStmt *stmt,
                      int            index)
{
  return set_value (stmt, index, NULL, 0, 0, FALSE);
}

int
liaison_pg_bind_parameter_count (LiaisonPgStmt *stmt)
{
  return stmt->n_params;
}

int
liaison_pg_step (LiaisonPgStmt *stmt)
{
  LiaisonStore *self = stmt->store;

  if (stmt->result == NULL && self->pg_cancellable != NULL &&
      g_cancellable_is_cancelled (self->pg_cancellable))
    {
      clear_error (self);
      self->pg_error = g_strdup ("canceling statement due to user request");
      self->pg_sqlstate = g_strdup ("57014");
      return SQLITE_INTERRUPT;
    }

  if (stmt->result == NULL && self->statement_hook != NULL)
    self->statement_hook (stmt->sql, self->statement_hook_data);

  if (stmt->result == NULL)
    {
      PGresult *result = PQexecPrepared (self->pg, stmt->name, stmt->n_params,
                                         (const char *const *) stmt->values, stmt->lengths,
                                         stmt->formats, 0);
      ExecStatusType status = PQresultStatus (result);

      if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        {
          keep_error (self, result);
          PQclear (result);
          return liaison_store_failed_constraint (self) ? SQLITE_CONSTRAINT : SQLITE_ERROR;
        }
      {
        const char *tuples = PQcmdTuples (result);
        self->pg_changes = tuples != NULL && *tuples != '\0' ? g_ascii_strtoll (tuples, NULL, 10) : 0;
      }
      stmt->result = result;
      stmt->n_rows = status == PGRES_TUPLES_OK ? PQntuples (result) : 0;
      stmt->row = -1;
      /* Notifications that came with the result read no more from the socket. */
      if (self->pg_watch != NULL)
        notice_others (self);
    }

  g_clear_pointer (&stmt->blobs, g_hash_table_unref);
  if (stmt->row + 1 < stmt->n_rows)
    {
      stmt->row++;
      return SQLITE_ROW;
    }
  stmt->row = stmt->n_rows;
  return SQLITE_DONE;
}

static gboolean
has_value (LiaisonPgStmt *stmt,
           int            index)
{
  return stmt->result != NULL && stmt->row >= 0 && stmt->row < stmt->n_rows &&
         index >= 0 && index < PQnfields (stmt->result) &&
         !PQgetisnull (stmt->result, stmt->row, index);
}

gint64
liaison_pg_column_int64 (LiaisonPgStmt *stmt,
                         int            index)
{
  const char *text;

  if (!has_value (stmt, index))
    return 0;
  text = PQgetvalue (stmt->result, stmt->row, index);
  if (PQftype (stmt->result, index) == BOOLOID)
    return text[0] == 't';
  return g_ascii_strtoll (text, NULL, 10);
}

const unsigned char *
liaison_pg_column_text (LiaisonPgStmt *stmt,
                        int            index)
{
  if (!has_value (stmt, index))
    return NULL;
  if (PQftype (stmt->result, index) == BYTEAOID)
    return liaison_pg_column_blob (stmt, index);
  return (const unsigned char *) PQgetvalue (stmt->result, stmt->row, index);
}

/* A bytea column of the current row, decoded from its text form (\x...). */
static GBytes *
column_bytes_of (LiaisonPgStmt *stmt,
                 int            index)
{
  GBytes *bytes;
  const char *text;
  gsize length;
  guint8 *data;

  if (stmt->blobs == NULL)
    stmt->blobs = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                         (GDestroyNotify) g_bytes_unref);
  bytes = g_hash_table_lookup (stmt->blobs, GINT_TO_POINTER (index));
  if (bytes != NULL)
    return bytes;

  text = PQgetvalue (stmt->result, stmt->row, index);
  length = strlen (text);
  if (length >= 2 && text[0] == '\\' && text[1] == 'x')
    {
      gsize n = (length - 2) / 2;
      data = g_malloc (n + 1);
      for (gsize i = 0; i < n; i++)
        data[i] = (guint8) (g_ascii_xdigit_value (text[2 + 2 * i]) << 4 |
                            g_ascii_xdigit_value (text[3 + 2 * i]));
      data[n] = '\0';
      bytes = g_bytes_new_take (data, n);
    }
  else
    bytes = g_bytes_new (text, length);
  g_hash_table_insert (stmt->blobs, GINT_TO_POINTER (index), bytes);
  return bytes;
}

const void *
liaison_pg_column_blob (LiaisonPgStmt *stmt,
                        int            index)
{
  if (!has_value (stmt, index))
    return NULL;
  if (PQftype (stmt->result, index) != BYTEAOID)
    return PQgetvalue (stmt->result, stmt->row, index);
  return g_bytes_get_data (column_bytes_of (stmt, index), NULL);
}

int
liaison_pg_column_bytes (LiaisonPgStmt *stmt,
                         int            index)
{
  if (!has_value (stmt, index))
    return 0;
  if (PQftype (stmt->result, index) != BYTEAOID)
    return PQgetlength (stmt->result, stmt->row, index);
  return (int) g_bytes_get_size (column_bytes_of (stmt, index));
}

int
liaison_pg_column_type (LiaisonPgStmt *stmt,
                        int            index)
{
  if (!has_value (stmt, index))
    return SQLITE_NULL;
  switch (PQftype (stmt->result, index))
    {
    case BYTEAOID:
      return SQLITE_BLOB;
    case BOOLOID:
    case INT2OID:
    case INT4OID:
    case INT8OID:
    case NUMERICOID:
      return SQLITE_INTEGER;
    default:
      return SQLITE_TEXT;
    }
}

int
liaison_pg_column_count (LiaisonPgStmt *stmt)
{
  return stmt->result != NULL ? PQnfields (stmt->result) : 0;
}

/* Counts the notifications that libpq has read, and notes those of other
 * connections. */
static void
take_notifications (LiaisonStore *self)
{
  PGnotify *notify;
  int own = PQbackendPID (self->pg);

  while ((notify = PQnotifies (self->pg)) != NULL)
    {
      /* Another schema's inventory is not this one's change. */
      if (g_strcmp0 (notify->extra, self->pg_schema) == 0)
        {
          self->pg_notified++;
          if (notify->be_pid != own)
            self->pg_others_changed = TRUE;
        }
      PQfreemem (notify);
    }
}

/* Every commit that changed something is announced (liaison_store_commit());
 * the version counts the announcements, of this connection and others. */
gboolean
liaison_pg_data_version (LiaisonStore  *self,
                         gint64        *version,
                         GError       **error)
{
  if (!PQconsumeInput (self->pg))
    {
      keep_error (self, NULL);
      return liaison_pg_set_error (self, error);
    }
  take_notifications (self);
  *version = self->pg_notified;
  return TRUE;
}

static gboolean emit_others_changed (gpointer data);

static void
notice_others (LiaisonStore *self)
{
  take_notifications (self);
  if (self->pg_others_changed)
    {
      GSource *idle = g_idle_source_new ();

      g_source_set_callback (idle, emit_others_changed, g_object_ref (self), g_object_unref);
      g_source_attach (idle, g_source_get_context (self->pg_watch));
      g_source_unref (idle);
    }
}

static gboolean
emit_others_changed (gpointer data)
{
  LiaisonStore *self = data;

  if (self->pg_others_changed)
    {
      self->pg_others_changed = FALSE;
      liaison_store_changed (self);
    }
  return G_SOURCE_REMOVE;
}

static gboolean
on_server_readable (int           fd,
                    GIOCondition  condition,
                    gpointer      data)
{
  LiaisonStore *self = data;

  /* A lost connection: said at once; the next statement fails with the
   * server's error until a reconnect. */
  if (!PQconsumeInput (self->pg) || PQstatus (self->pg) != CONNECTION_OK)
    {
      g_clear_pointer (&self->pg_watch, g_source_unref);
      liaison_store_connection_lost (self);
      return G_SOURCE_REMOVE;
    }
  take_notifications (self);
  emit_others_changed (self);
  return G_SOURCE_CONTINUE;
}

/* A new connection to a store's server, made in a worker while the store
 * goes on being used (team.md 3: the app never waits on the server on its
 * main thread). */
struct _LiaisonStoreConnection
{
  char   *path;       /* without password, for messages */
  GStrv   keywords;   /* libpq's, as the store's connection has them */
  GStrv   values;
  PGconn *pg;         /* once opened */
};

/**
 * liaison_store_connection_new:
 * @store: a store on a server
 *
 * Takes what @store's connection was made with (host, database, role,
 * options, a password given), without asking the server anything.
 *
 * Returns: (transfer full): a connection to open with
 *   liaison_store_connection_open(), in any thread
 */
LiaisonStoreConnection *
liaison_store_connection_new (LiaisonStore *store)
{
  LiaisonStoreConnection *self = g_new0 (LiaisonStoreConnection, 1);
  PQconninfoOption *options = PQconninfo (store->pg);
  g_autoptr(GStrvBuilder) keywords = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) values = g_strv_builder_new ();

  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    if (o->val != NULL)
      {
        g_strv_builder_add (keywords, o->keyword);
        g_strv_builder_add (values, o->val);
      }
  PQconninfoFree (options);
  self->path = g_strdup (store->path);
  self->keywords = g_strv_builder_end (keywords);
  self->values = g_strv_builder_end (values);
  return self;
}

/**
 * liaison_store_connection_open:
 *
 * Connects and starts the session as the store's own connection had it;
 * blocks for the round trips this takes.
 */
gboolean
liaison_store_connection_open (LiaisonStoreConnection  *self,
                               GError                 **error)
{
  g_return_val_if_fail (self != NULL && self->pg == NULL, FALSE);

  self->pg = pg_connect ((const char *const *) self->keywords, (const char *const *) self->values,
                         FALSE, self->path, error);
  return self->pg != NULL;
}

void
liaison_store_connection_free (LiaisonStoreConnection *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->pg, PQfinish);
  g_free (self->path);
  g_strfreev (self->keywords);
  /* A password among them is not left in freed memory. */
  for (char **v = self->values; v != NULL && *v != NULL; v++)
    explicit_bzero (*v, strlen (*v));
  g_strfreev (self->values);
  g_free (self);
}

/* Takes @connection's opened connection in place of the lost one, without
 * a round trip, and watches it if the lost one was watched. */
void
liaison_pg_adopt (LiaisonStore           *self,
                  LiaisonStoreConnection *connection)
{
  gboolean watched = self->pg_watch != NULL || self->pg_was_watched;

  if (self->pg_watch != NULL)
    g_source_destroy (self->pg_watch);
  g_clear_pointer (&self->pg_watch, g_source_unref);
  g_clear_pointer (&self->pg, PQfinish);
  self->pg = g_steal_pointer (&connection->pg);
  clear_error (self);
  if (watched)
    liaison_pg_watch (self);
}

/* Reads the server's notifications as they come (liaison_store_watch_others()). */
void
liaison_pg_watch (LiaisonStore *self)
{
  if (self->pg_watch != NULL || PQsocket (self->pg) < 0)
    return;
  self->pg_was_watched = TRUE;
  self->pg_watch = g_unix_fd_source_new (PQsocket (self->pg), G_IO_IN);
  g_source_set_callback (self->pg_watch, G_SOURCE_FUNC (on_server_readable), self, NULL);
  g_source_attach (self->pg_watch, g_main_context_get_thread_default ());
}

static void
cancel_query (GCancellable *cancellable,
              PGcancel     *cancel)
{
  char message[256];

  PQcancel (cancel, message, sizeof message);
}

/* A long query is stopped by the server when @cancellable is cancelled,
 * and none starts once it is. */
void
liaison_pg_set_cancellable (LiaisonStore *self,
                            GCancellable *cancellable)
{
  if (self->pg_cancellable != NULL)
    g_cancellable_disconnect (self->pg_cancellable, self->pg_cancel_handler);
  self->pg_cancellable = cancellable;
  self->pg_cancel_handler = 0;
  if (cancellable != NULL)
    self->pg_cancel_handler = g_cancellable_connect (cancellable, G_CALLBACK (cancel_query),
                                                     PQgetCancel (self->pg), (GDestroyNotify) PQfreeCancel);
}

#endif /* HAVE_LIBPQ */
