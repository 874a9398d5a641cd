/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "liaison-error.h"
#include "liaison-store-ownership-private.h"
#include "liaison-store-schema-private.h"
#include "liaison-search.h"
#include "liaison-store-private.h"
#include "liaison-store-statistics-private.h"
#include "liaison-store-runs-private.h"

/* Above this many rows written (records read), a transaction may write more
 * pages than a write-ahead log should hold: about 800 bytes a row, so
 * under a gigabyte below it. */
#define LARGE_TRANSACTION_ROWS 1000000

/* Above this many, a transaction has the large page cache even in WAL mode:
 * an import of a hundred thousand new pairs writes its rows into indexes
 * of some dozens of megabytes, in no order that a small cache could keep. */
#define LARGE_CACHE_ROWS 100000

/* The advisory lock that a write transaction holds on a server ("Lia" and 1). */
#define LIAISON_WRITE_LOCK 1282015489

/* How often work that a server aborted for another's sake runs again
 * before its error is shown, and the first pause before it does: 10, 20,
 * 40, 80 and 160 ms, a third of a second in all. */
#define RETRIES 5
#define RETRY_PAUSE_US 10000

G_DEFINE_FINAL_TYPE (LiaisonStore, liaison_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  CONNECTION_LOST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A prepared statement and the SQL text it was prepared from (the key of
 * `statements`). */
typedef struct
{
  char        *sql;
  LiaisonStmt  stmt;
} CachedStatement;

static void
cached_statement_free (gpointer data)
{
  CachedStatement *cached = data;

  if (cached->stmt.lite != NULL)
    sqlite3_finalize (cached->stmt.lite);
  else
    liaison_pg_stmt_free (cached->stmt.pg);
  g_free (cached->sql);
  g_free (cached);
}

static void
liaison_store_finalize (GObject *object)
{
  LiaisonStore *self = (LiaisonStore *)object;

  self->closing = TRUE;
  g_clear_pointer (&self->by_pointer, g_hash_table_unref);
  /* Statements before their connection. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->devices, g_hash_table_unref);
  g_clear_pointer (&self->held_last, g_array_unref);
  g_clear_pointer (&self->looked_up, g_hash_table_unref);
  liaison_store_drop_held_statistics (self);
  if (self->db != NULL)
    {
      if (self->depth > 0 || self->reading > 0)
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  liaison_pg_close (self);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (liaison_store_parent_class)->finalize (object);
}

static void
liaison_store_class_init (LiaisonStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = liaison_store_finalize;

  /**
   * LiaisonStore::changed:
   *
   * Emitted after a transaction that changed the database was committed.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  /**
   * LiaisonStore::connection-lost:
   *
   * Emitted, in the context liaison_store_watch_others() was called in,
   * when a server's connection drops; liaison_store_reconnect() tries again.
   */
  signals[CONNECTION_LOST] = g_signal_new ("connection-lost",
                                           G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 0);
}

static void
liaison_store_init (LiaisonStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            cached_statement_free);
  self->by_pointer = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->devices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->search_base = G_MAXINT64;
}

/**
 * liaison_store_default_path:
 *
 * Returns: (transfer full): `$LIAISON_DATABASE`, else
 *   `$XDG_DATA_HOME/liaison/liaison.db`
 */
char *
liaison_store_default_path (void)
{
  const char *env = g_getenv ("LIAISON_DATABASE");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "liaison", "liaison.db", NULL);
}

gboolean
liaison_store_set_error (LiaisonStore  *self,
                         GError       **error)
{
  if (self->engine == LIAISON_ENGINE_POSTGRESQL)
    return liaison_pg_set_error (self, error);
  return liaison_sqlite_set_error (self, SQLITE_ERROR, error);
}

gboolean
liaison_store_exec (LiaisonStore  *self,
                    const char    *sql,
                    GError       **error)
{
  if (self->engine == LIAISON_ENGINE_POSTGRESQL)
    return liaison_pg_exec (self, sql, error);
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return liaison_store_set_error (self, error);
  return TRUE;
}

static LiaisonStore *
store_open (const char  *path,
            gboolean     create,
            GError     **error)
{
  g_autoptr(LiaisonStore) self = g_object_new (LIAISON_TYPE_STORE, NULL);

  self->path = path != NULL ? g_strdup (path) : liaison_store_default_path ();

  if (liaison_store_is_server_uri (self->path))
    {
      self->engine = LIAISON_ENGINE_POSTGRESQL;
      if (!liaison_pg_open (self, error))
        return NULL;
    }
  else if (!liaison_sqlite_open (self, create, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * liaison_store_open:
 * @path: (nullable): the database file, or %NULL for liaison_store_default_path()
 * @error: return location for an error
 *
 * Opens the database, creating it and its folder (readable and writable by
 * the owner only) on first use, and brings its schema up to date.
 *
 * Returns: (transfer full): the store, or %NULL
 */
LiaisonStore *
liaison_store_open (const char  *path,
                    GError     **error)
{
  return store_open (path, TRUE, error);
}

/**
 * liaison_store_open_existing:
 *
 * Like liaison_store_open(), but for another connection to a database that
 * is open already (a worker thread's): it is never created, so a file moved
 * or deleted meanwhile is an error rather than a new, empty database.
 */
LiaisonStore *
liaison_store_open_existing (const char  *path,
                             GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return store_open (path, FALSE, error);
}

const char *
liaison_store_get_path (LiaisonStore *self)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);

  return self->path;
}

sqlite3 *
liaison_store_get_db (LiaisonStore *self)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);

  return self->db;
}

/* Addresses of SQL built at run time keep changing: the table is only a
 * shortcut, so it is emptied rather than left to grow. */
#define MAX_ADDRESSES 1024

static void
remember_address (LiaisonStore    *self,
                  const char      *sql,
                  CachedStatement *cached)
{
  if (g_hash_table_size (self->by_pointer) >= MAX_ADDRESSES)
    g_hash_table_remove_all (self->by_pointer);
  g_hash_table_insert (self->by_pointer, (gpointer) sql, cached);
}

/**
 * liaison_store_prepare:
 *
 * Returns: (transfer none): a cached statement for @sql, reset and with no
 *   bindings; hold it in a g_autoptr(LiaisonStmt)
 */
LiaisonStmt *
liaison_store_prepare (LiaisonStore  *self,
                       const char    *sql,
                       GError       **error)
{
  CachedStatement *cached;
  LiaisonStmt stmt = { NULL, NULL };

  /* Most callers pass the same string constant every time: find it by its
   * address, which costs less than hashing a long text on every call. The
   * text is still compared, so SQL built at run time that happens to reuse
   * an address finds its own statement. */
  cached = g_hash_table_lookup (self->by_pointer, sql);
  if (cached == NULL || strcmp (cached->sql, sql) != 0)
    {
      cached = g_hash_table_lookup (self->statements, sql);
      if (cached != NULL)
        remember_address (self, sql, cached);
    }

  if (cached != NULL)
    {
      liaison_stmt_reset (&cached->stmt);
      liaison_stmt_clear_bindings (&cached->stmt);
      return &cached->stmt;
    }

  if (self->engine == LIAISON_ENGINE_POSTGRESQL)
    {
      if ((stmt.pg = liaison_pg_prepare (self, sql, error)) == NULL)
        return NULL;
    }
  else if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt.lite, NULL) != SQLITE_OK)
    {
      liaison_store_set_error (self, error);
      return NULL;
    }

  cached = g_new (CachedStatement, 1);
  cached->sql = g_strdup (sql);
  cached->stmt = stmt;
  g_hash_table_insert (self->statements, cached->sql, cached);
  remember_address (self, sql, cached);
  return &cached->stmt;
}

/**
 * liaison_store_begin:
 *
 * Starts a transaction, or a savepoint inside the one already open. Every
 * begin is matched by one liaison_store_commit() or liaison_store_rollback().
 */
gboolean
liaison_store_begin (LiaisonStore  *self,
                     GError       **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  /* A write cannot start from a snapshot that may be old already. */
  g_return_val_if_fail (self->reading == 0 || self->depth > 0, FALSE);

  /* Writers take turns, on a server as in a file (team.md 3): a writer
   * waits for the one before to commit, then sees what it wrote, so that
   * concurrent imports add up to the sequential result and nothing needs
   * retrying. */
  if (self->depth == 0 && self->engine == LIAISON_ENGINE_POSTGRESQL)
    sql = g_strdup ("BEGIN ISOLATION LEVEL READ COMMITTED;"
                    " SELECT pg_advisory_xact_lock (" G_STRINGIFY (LIAISON_WRITE_LOCK) ")");
  else if (self->depth == 0)
    sql = g_strdup ("BEGIN IMMEDIATE");
  else
    sql = g_strdup_printf ("SAVEPOINT liaison_%u", self->depth);

  if (!liaison_store_exec (self, sql, error))
    {
      /* BEGIN went through but the lock failed (a deadlock): the
       * transaction is open, and aborted. */
      if (self->depth == 0 && self->engine == LIAISON_ENGINE_POSTGRESQL)
        liaison_store_exec (self, "ROLLBACK", NULL);
      return FALSE;
    }

  if (self->depth == 0)
    liaison_store_search_index_begin (self);

  self->depth++;
  return TRUE;
}

/* Whether a transaction of @rows fills a database that holds no
 * statistics record yet: then nearly every page it writes is new, and the
 * write-ahead log would hold them all only for its checkpoint to write
 * them again, where a rollback journal holds just the few pages that were
 * there before (a fresh 1,000,000-record import on 100,000 pairs: 8 %
 * less wall time). */
static gboolean
first_fill (LiaisonStore *self,
            guint64       rows)
{
  gboolean any = TRUE;

  return rows >= LARGE_CACHE_ROWS && liaison_store_has_stat_records (self, &any, NULL) && !any;
}

/**
 * liaison_store_begin_large:
 * @rows: about how many rows the transaction will write (or records it
 *   will read to write them)
 *
 * liaison_store_begin() for a transaction that may be large, such as an
 * import: above a million rows, or from a hundred thousand into a
 * database with no statistics record yet, it is written through a
 * rollback journal rather than the write-ahead log, whose size would grow
 * with the transaction (see leave_wal()). Inside a transaction, a savepoint.
 */
gboolean
liaison_store_begin_large (LiaisonStore  *self,
                           guint64        rows,
                           GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);

  if (self->depth == 0 && self->reading == 0 && self->engine == LIAISON_ENGINE_SQLITE &&
      (rows > LARGE_TRANSACTION_ROWS || first_fill (self, rows)))
    liaison_sqlite_leave_wal (self);
  if (self->depth == 0 && self->engine == LIAISON_ENGINE_SQLITE && !self->large && rows >= LARGE_CACHE_ROWS)
    liaison_sqlite_large_cache (self);
  if (!liaison_store_begin (self, error))
    {
      if (self->depth == 0)
        liaison_sqlite_return_to_wal (self);
      return FALSE;
    }
  return TRUE;
}

gboolean
liaison_store_commit (LiaisonStore  *self,
                      GError       **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->depth == 1 &&
      (!liaison_store_write_held_statistics (self, error) ||
       !liaison_store_search_index_refresh (self, error)))
    {
      liaison_store_rollback (self);
      return FALSE;
    }

  /* The others' windows refresh (liaison_store_data_version()). */
  if (self->depth == 1 && self->engine == LIAISON_ENGINE_POSTGRESQL)
    sql = g_strdup ("SELECT pg_notify ('liaison_changes', current_schema ()); COMMIT");
  else if (self->depth == 1)
    sql = g_strdup ("COMMIT");
  else
    sql = g_strdup_printf ("RELEASE liaison_%u", self->depth - 1);

  if (!liaison_store_exec (self, sql, error))
    {
      liaison_store_rollback (self);
      return FALSE;
    }

  self->depth--;
  if (self->depth == 0)
    {
      liaison_store_drop_held_statistics (self);
      liaison_sqlite_return_to_wal (self);
      liaison_store_changed (self);
    }
  return TRUE;
}

void
liaison_store_rollback (LiaisonStore *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  if (self->depth == 1)
    sql = g_strdup ("ROLLBACK");
  else
    sql = g_strdup_printf ("ROLLBACK TO liaison_%u; RELEASE liaison_%u",
                           self->depth - 1, self->depth - 1);

  liaison_store_exec (self, sql, NULL);
  self->depth--;
  if (self->depth == 0)
    liaison_sqlite_return_to_wal (self);
  /* Devices added since may be gone; times held are let go. */
  g_hash_table_remove_all (self->devices);
  g_clear_pointer (&self->held_last, g_array_unref);
  g_clear_pointer (&self->looked_up, g_hash_table_unref);
  liaison_store_drop_held_statistics (self);
}

/**
 * liaison_store_retry:
 * @attempt: (inout): how often the work ran again already; 0 at first
 * @error: the error the work failed with
 *
 * Whether work that failed with @error, a server's serialization failure
 * or deadlock (%LIAISON_ERROR_RETRY), should run again from its start
 * (team.md 3): then @error is cleared after a short pause that grows with
 * @attempt. Inside a transaction or read, the one who began it runs it
 * again, so the error stays. After the last attempt the error stays and
 * becomes %LIAISON_ERROR_DATABASE, shown as any other of the server's.
 */
gboolean
liaison_store_retry (LiaisonStore  *self,
                     guint         *attempt,
                     GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  g_return_val_if_fail (attempt != NULL, FALSE);

  if (error == NULL || !g_error_matches (*error, LIAISON_ERROR, LIAISON_ERROR_RETRY) ||
      self->depth > 0 || self->reading > 0)
    return FALSE;
  if (*attempt >= RETRIES)
    {
      (*error)->code = LIAISON_ERROR_DATABASE;
      return FALSE;
    }
  g_debug ("running again after: %s", (*error)->message);
  g_usleep ((gulong) RETRY_PAUSE_US << *attempt);
  (*attempt)++;
  g_clear_error (error);
  return TRUE;
}

/**
 * liaison_store_write:
 * @write: the work, run inside the transaction; it neither begins nor
 *   ends one, and starts from its inputs each time it runs
 *
 * Runs @write in a transaction of its own (liaison_store_begin()): it is
 * committed when @write succeeds, else rolled back, and run again while a
 * server aborts it for another's sake (liaison_store_retry()). Inside a
 * transaction, a savepoint that the outer transaction's retry covers.
 */
gboolean
liaison_store_write (LiaisonStore       *self,
                     LiaisonStoreWrite   write,
                     gpointer            data,
                     GError            **error)
{
  g_autoptr(GError) local = NULL;
  guint attempt = 0;

  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  g_return_val_if_fail (write != NULL, FALSE);

  do
    {
      if (!liaison_store_begin (self, &local))
        continue;
      if (!write (self, data, &local))
        liaison_store_rollback (self);
      else if (liaison_store_commit (self, &local))
        return TRUE;
    }
  while (liaison_store_retry (self, &attempt, &local));

  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

/**
 * liaison_store_begin_read:
 *
 * Makes the reads that follow, until the matching liaison_store_end_read(),
 * see one state of the database: what another connection commits
 * meanwhile is not seen, so that a document or a list read with several
 * statements is wholly from before that commit or wholly from after it.
 * Read transactions nest, and inside a transaction of this connection
 * reads are consistent already. No write may start inside one.
 */
gboolean
liaison_store_begin_read (LiaisonStore  *self,
                          GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);

  /* SQLite takes the snapshot at the first read; the schema is read
   * here, so that it is the state at this call. */
  if (self->reading == 0 && self->depth == 0 && self->engine == LIAISON_ENGINE_POSTGRESQL)
    {
      if (!liaison_store_exec (self, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;"
                                     " SELECT 1 FROM liaison_schema", error))
        {
          liaison_store_exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
    }
  else if (self->reading == 0 && self->depth == 0 &&
           !liaison_store_exec (self, "BEGIN DEFERRED; SELECT count(*) FROM sqlite_schema", error))
    {
      if (!sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  self->reading++;
  return TRUE;
}

void
liaison_store_end_read (LiaisonStore *self)
{
  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (self->reading > 0);

  self->reading--;
  /* Nothing was written: ending it cannot fail for what it did. */
  if (self->reading == 0 && self->depth == 0)
    liaison_store_exec (self, "ROLLBACK", NULL);
}

/* PRAGMA data_version: it changes when another connection commits. */
gboolean
liaison_store_data_version (LiaisonStore  *self,
                            gint64        *version,
                            GError       **error)
{
  if (self->engine == LIAISON_ENGINE_POSTGRESQL)
    return liaison_pg_data_version (self, version, error);
  return liaison_store_query_int (self, "PRAGMA data_version", version, error);
}

/**
 * liaison_store_ensure_device:
 * @name: (nullable): a device name; %NULL is no device
 *
 * Makes sure @name is a row of `device`, as a row that names it needs.
 */
gboolean
liaison_store_ensure_device (LiaisonStore  *self,
                             const char    *name,
                             GError       **error)
{
  g_autoptr(LiaisonStmt) stmt = NULL;

  /* Names known to be there since the last rollback need no statement. */
  if (name == NULL || g_hash_table_contains (self->devices, name))
    return TRUE;

  stmt = liaison_store_prepare (self, "INSERT INTO device (name) VALUES (?) ON CONFLICT DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;
  liaison_bind_text (stmt, 1, name);
  if (!liaison_store_step_done (self, stmt, error))
    return FALSE;
  g_hash_table_add (self->devices, g_strdup (name));
  return TRUE;
}

/**
 * liaison_store_set_single_rows:
 *
 * Makes imports write one row a statement, as they do where no batch
 * applies: the reference the tests hold the batches against.
 */
void
liaison_store_set_single_rows (LiaisonStore *self,
                               gboolean      single_rows)
{
  self->single_rows = single_rows;
}

/**
 * liaison_store_watch_others:
 *
 * Makes the store emit ::changed, in the thread-default main context of
 * the caller, when another connection commits a change: on a team's
 * server, through its notifications (team.md 3), so that every window
 * shows what the others did. A file's store is told by its own program.
 */
void
liaison_store_watch_others (LiaisonStore *self)
{
  g_return_if_fail (LIAISON_IS_STORE (self));

  if (self->engine == LIAISON_ENGINE_POSTGRESQL)
    liaison_pg_watch (self);
}

/* Drops the indexes of @table that are not unique, or only @index of
 * them (a unique one too when @unique), and adds the statements that make
 * them again to @deferred. */
static gboolean
drop_indexes (LiaisonStore  *self,
              const char    *table,
              const char    *index,
              gboolean       unique,
              GPtrArray     *deferred,
              GError       **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LiaisonStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self->depth > 0, FALSE);

  /* On a server, only the table's owner may drop its indexes; dropping
   * one locks the others' reads of the table out until the commit, which
   * for a table that held nothing costs them nothing they could have read. */
  stmt = liaison_store_prepare (self,
                                self->engine == LIAISON_ENGINE_SQLITE
                                ? "SELECT name, sql FROM sqlite_schema"
                                  " WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL"
                                  "   AND (?3 OR sql NOT LIKE 'CREATE UNIQUE %') AND (?2 IS NULL OR name = ?2)"
                                  " ORDER BY name"
                                : "SELECT c.relname, pg_get_indexdef (i.indexrelid)"
                                  " FROM pg_index AS i JOIN pg_class AS c ON c.oid = i.indexrelid"
                                  " WHERE i.indrelid = to_regclass (?1) AND (CAST (?3 AS BOOLEAN) OR NOT i.indisunique)"
                                  "   AND pg_has_role (c.relowner, 'USAGE')"
                                  "   AND (CAST (?2 AS TEXT) IS NULL OR c.relname = ?2)"
                                  " ORDER BY c.relname",
                                error);
  if (stmt == NULL)
    return FALSE;
  liaison_stmt_bind_text (stmt, 1, table, -1, LIAISON_STATIC);
  liaison_bind_text (stmt, 2, index);
  liaison_stmt_bind_int64 (stmt, 3, unique && index != NULL);
  while ((rc = liaison_stmt_step (stmt)) == LIAISON_ROW)
    {
      g_ptr_array_add (names, g_strdup ((const char *) liaison_stmt_column_text (stmt, 0)));
      g_ptr_array_add (deferred, g_strdup ((const char *) liaison_stmt_column_text (stmt, 1)));
    }
  if (!liaison_store_read_done (self, rc, error))
    return FALSE;
  g_clear_pointer (&stmt, liaison_stmt_release);

  for (guint i = 0; i < names->len; i++)
    {
      /* A name from the schema, quoted as an identifier. */
      char *sql = sqlite3_mprintf ("DROP INDEX \"%w\"", (const char *) g_ptr_array_index (names, i));
      gboolean ok = liaison_store_exec (self, sql, error);

      sqlite3_free (sql);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/**
 * liaison_store_defer_indexes:
 * @table: the name of a table
 * @deferred: (element-type utf8): gets the statements that make again the
 *   indexes dropped
 *
 * Drops the indexes of @table that no write needs (all but the unique ones,
 * which hold an identity), inside the open transaction, before many rows go
 * into a table that holds few: an index made from all its rows at once
 * sorts them once, where each row inserted walks every index to its place.
 * liaison_store_restore_indexes() makes them again before the transaction
 * or savepoint ends; a rollback brings them back as well.
 */
gboolean
liaison_store_defer_indexes (LiaisonStore  *self,
                             const char    *table,
                             GPtrArray     *deferred,
                             GError       **error)
{
  return drop_indexes (self, table, NULL, FALSE, deferred, error);
}

/**
 * liaison_store_defer_index_for_updates:
 * @index: the name of an index of @table that is not unique
 * @n_updates: about how many of @table's rows are to change the columns
 *   of @index
 * @deferred: (element-type utf8): gets the statement that makes it again,
 *   when it is dropped
 *
 * As liaison_store_defer_indexes(), for one index, in a file, when a third
 * of the table's rows or more are to change its columns: each row's entry
 * moved costs about four times what the row costs in an index made anew
 * (a next window of the same 100,000 pairs moves every row's last
 * detection). On a server the index stays: dropping it would lock the
 * others' reads of the table out until the commit.
 */
gboolean
liaison_store_defer_index_for_updates (LiaisonStore  *self,
                                       const char    *table,
                                       const char    *index,
                                       guint          n_updates,
                                       GPtrArray     *deferred,
                                       GError       **error)
{
  gint64 rows = 0;
  char *sql;
  gboolean ok;

  if (self->engine != LIAISON_ENGINE_SQLITE || self->single_rows)
    return TRUE;
  /* the largest rowid: as many rows, or a few more than there are */
  sql = sqlite3_mprintf ("SELECT coalesce (max(rowid), 0) FROM \"%w\"", table);
  ok = liaison_store_query_int (self, sql, &rows, error);
  sqlite3_free (sql);
  if (!ok)
    return FALSE;
  if ((gint64) n_updates * 3 < rows)
    return TRUE;
  return drop_indexes (self, table, index, FALSE, deferred, error);
}

/**
 * liaison_store_defer_identity:
 * @index: the name of a unique index of @table
 * @deferred: (element-type utf8): gets the statement that makes it again
 *
 * As liaison_store_defer_indexes(), for the unique index of an identity,
 * in a file, when @table holds no row and the caller is to write rows
 * whose identities it knows to be distinct, in another order than the
 * index's: each row inserted would go to a random place of it (the
 * service communications of a netflow sample come in the order of their
 * statistics records, listener first; their identity is client first).
 * Nothing may look a row up by that identity until
 * liaison_store_restore_indexes(), which makes the index again and fails
 * if two rows share an identity. On a server the index stays.
 */
gboolean
liaison_store_defer_identity (LiaisonStore  *self,
                              const char    *table,
                              const char    *index,
                              GPtrArray     *deferred,
                              GError       **error)
{
  if (self->engine != LIAISON_ENGINE_SQLITE || self->single_rows)
    return TRUE;
  return drop_indexes (self, table, index, TRUE, deferred, error);
}

/**
 * liaison_store_restore_indexes:
 * @deferred: (element-type utf8): what liaison_store_defer_indexes() gave;
 *   emptied
 *
 * Makes the indexes liaison_store_defer_indexes() dropped again.
 */
gboolean
liaison_store_restore_indexes (LiaisonStore  *self,
                               GPtrArray     *deferred,
                               GError       **error)
{
  for (guint i = 0; i < deferred->len; i++)
    if (!liaison_store_exec (self, g_ptr_array_index (deferred, i), error))
      return FALSE;
  g_ptr_array_set_size (deferred, 0);
  return TRUE;
}

/* For the engines: the connection dropped. */
void
liaison_store_connection_lost (LiaisonStore *self)
{
  g_signal_emit (self, signals[CONNECTION_LOST], 0);
}

/**
 * liaison_store_reconnect:
 *
 * After ::connection-lost: connects to the server again, waiting for it.
 * On success the store emits ::changed, as what the others did meanwhile
 * is unknown. A file's store is always connected.
 */
gboolean
liaison_store_reconnect (LiaisonStore  *self,
                         GError       **error)
{
  g_autoptr(LiaisonStoreConnection) connection = NULL;

  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);

  if (self->engine == LIAISON_ENGINE_SQLITE)
    return TRUE;

  connection = liaison_store_connection_new (self);
  if (!liaison_store_connection_open (connection, error))
    return FALSE;
  liaison_store_adopt_connection (self, connection);
  return TRUE;
}

/**
 * liaison_store_adopt_connection:
 * @connection: opened with liaison_store_connection_open(), from
 *   liaison_store_connection_new() on this store
 *
 * After ::connection-lost: takes @connection in place of the lost one,
 * without waiting for the server (a window opens it in a worker), and
 * emits ::changed.
 */
void
liaison_store_adopt_connection (LiaisonStore           *self,
                                LiaisonStoreConnection *connection)
{
  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (self->engine == LIAISON_ENGINE_POSTGRESQL);
  g_return_if_fail (self->depth == 0 && self->reading == 0);
  g_return_if_fail (connection != NULL);

  /* The server forgot the prepared statements with the connection. */
  self->closing = TRUE;
  g_hash_table_remove_all (self->by_pointer);
  g_hash_table_remove_all (self->statements);
  self->closing = FALSE;
  liaison_pg_adopt (self, connection);
  liaison_store_changed (self);
}

/* Tells the models that the data changed. */
void
liaison_store_changed (LiaisonStore *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static int
is_cancelled (void *cancellable)
{
  return g_cancellable_is_cancelled (cancellable);
}

/**
 * liaison_store_set_cancellable:
 * @cancellable: (nullable): stops the statements run from now on when it
 *   is cancelled; it must live until this is set to %NULL again
 *
 * Lets another thread stop a long query on this connection (a list search
 * that a newer one replaces): the statement fails, and the caller finds
 * @cancellable cancelled.
 */
void
liaison_store_set_cancellable (LiaisonStore *self,
                               GCancellable *cancellable)
{
  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (self->engine == LIAISON_ENGINE_POSTGRESQL)
    {
      liaison_pg_set_cancellable (self, cancellable);
      return;
    }

  /* Checked every thousand virtual machine steps: well under a millisecond. */
  sqlite3_progress_handler (self->db, cancellable != NULL ? 1000 : 0,
                            cancellable != NULL ? is_cancelled : NULL, cancellable);
}

/* The id of the row the last INSERT added. */
gint64
liaison_store_last_insert_id (LiaisonStore *self)
{
  gint64 id = 0;

  if (self->engine == LIAISON_ENGINE_SQLITE)
    return sqlite3_last_insert_rowid (self->db);

  {
    g_autoptr(LiaisonStmt) stmt = liaison_store_prepare (self, "SELECT lastval()", NULL);
    if (stmt != NULL && liaison_stmt_step (stmt) == LIAISON_ROW)
      id = liaison_stmt_column_int64 (stmt, 0);
  }
  return id;
}

/* How many rows the last INSERT, UPDATE or DELETE changed. */
gint64
liaison_store_changes (LiaisonStore *self)
{
  if (self->engine == LIAISON_ENGINE_SQLITE)
    return sqlite3_changes (self->db);
  return self->pg_changes;
}

/* Whether the last statement failed on a constraint (a unique index, say). */
gboolean
liaison_store_failed_constraint (LiaisonStore *self)
{
  if (self->engine == LIAISON_ENGINE_SQLITE)
    return (sqlite3_extended_errcode (self->db) & 0xff) == SQLITE_CONSTRAINT;
  /* Class 23: integrity constraint violation. */
  return self->pg_sqlstate != NULL && g_str_has_prefix (self->pg_sqlstate, "23");
}

static int
trace_statement (unsigned  type,
                 void     *data,
                 void     *statement,
                 void     *expanded)
{
  LiaisonStore *self = data;
  const char *sql = sqlite3_sql (statement);

  if (sql != NULL && self->statement_hook != NULL)
    self->statement_hook (sql, self->statement_hook_data);
  return 0;
}

/* For the tests: @hook is called with the SQL of each statement as it
 * starts, on either engine (another connection may commit meanwhile). */
void
liaison_store_set_statement_hook (LiaisonStore *self,
                                  void        (*hook) (const char *sql,
                                                       gpointer    data),
                                  gpointer      data)
{
  self->statement_hook = hook;
  self->statement_hook_data = data;
  if (self->engine == LIAISON_ENGINE_SQLITE)
    sqlite3_trace_v2 (self->db, hook != NULL ? SQLITE_TRACE_STMT : 0,
                      hook != NULL ? trace_statement : NULL, self);
}
