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
#include "liaison-store-runs-private.h"

/* How long a write waits for another process's lock before giving up. */
#define BUSY_TIMEOUT_MS 5000

/* The page cache of a connection, and of a large transaction (in KiB). */
#define CACHE_KIB 8192
#define LARGE_CACHE_KIB (256 * 1024)

/* Above this many rows written (records read), a transaction may write more
 * pages than a write-ahead log should hold: about 800 bytes a row, so
 * under a gigabyte below it. */
#define LARGE_TRANSACTION_ROWS 1000000

/* Above this many, a transaction has the large page cache even in WAL mode:
 * an import of a hundred thousand new pairs writes its rows into indexes
 * of some dozens of megabytes, in no order that a small cache could keep. */
#define LARGE_CACHE_ROWS 100000

/* `PRAGMA application_id` of a Liaison database ("Lias"): what tells it
 * from another program's SQLite file, as file(1) does. Databases made
 * before it was set have 0 and Liaison's tables; it is set when a
 * database is made or migrated. */
#define LIAISON_APPLICATION_ID 0x4c696173

G_DEFINE_FINAL_TYPE (LiaisonStore, liaison_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A prepared statement and the SQL text it was prepared from (the key of
 * `statements`). */
typedef struct
{
  char         *sql;
  LiaisonStmt *stmt;
} CachedStatement;

static void
cached_statement_free (gpointer data)
{
  CachedStatement *cached = data;

  sqlite3_finalize (cached->stmt);
  g_free (cached->sql);
  g_free (cached);
}

static void
liaison_store_finalize (GObject *object)
{
  LiaisonStore *self = (LiaisonStore *)object;

  g_clear_pointer (&self->by_pointer, g_hash_table_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->devices, g_hash_table_unref);
  g_clear_pointer (&self->held_last, g_array_unref);
  if (self->db != NULL)
    {
      if (self->depth > 0 || self->reading > 0)
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
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

static gboolean
set_db_error (const char  *path,
              sqlite3     *db,
              int          rc,
              GError     **error)
{
  int code = db != NULL ? sqlite3_extended_errcode (db) : rc;
  /* SQLite's message may quote the file: a name in a damaged schema. */
  g_autofree char *msg = liaison_error_printable (db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc), -1);

  switch (code & 0xff)
    {
    case SQLITE_NOTADB:
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE,
                   _("%s: not a Liaison database (%s)"), path, msg);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE,
                   _("%s: the database is locked by another program; try again when it is done (%s)"),
                   path, msg);
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE,
                   _("%s: cannot write to the database (%s)"), path, msg);
      break;

    case SQLITE_FULL:
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE,
                   _("%s: the disk is full (%s)"), path, msg);
      break;

    default:
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE,
                   _("%s: database error: %s"), path, msg);
      break;
    }

  return FALSE;
}

gboolean
liaison_store_set_error (LiaisonStore  *self,
                         GError       **error)
{
  return set_db_error (self->path, self->db, SQLITE_ERROR, error);
}

/* Runs @stmt, a statement that returns no row. */
gboolean
liaison_store_step_done (LiaisonStore  *self,
                         LiaisonStmt  *stmt,
                         GError       **error)
{
  if (liaison_stmt_step (stmt) != LIAISON_DONE)
    return liaison_store_set_error (self, error);
  return TRUE;
}

gboolean
liaison_store_exec (LiaisonStore  *self,
                    const char    *sql,
                    GError       **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return liaison_store_set_error (self, error);
  return TRUE;
}

static gboolean
query_int (LiaisonStore  *self,
           const char    *sql,
           gint64        *out,
           GError       **error)
{
  LiaisonStmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return liaison_store_set_error (self, error);

  rc = liaison_stmt_step (stmt);
  if (rc == LIAISON_ROW)
    *out = liaison_stmt_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  if (rc != LIAISON_ROW)
    return liaison_store_set_error (self, error);
  return TRUE;
}

static gboolean
refuse_foreign (LiaisonStore  *self,
                GError       **error)
{
  g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE,
               _("%s: this SQLite database was not made by Liaison"), self->path);
  return FALSE;
}

/*
 * Whether this version may use the database, read without writing to it:
 * a file Liaison refuses is left as it was, byte for byte. @version gets
 * its schema version (0 for a new, empty file).
 */
static gboolean
check_database (LiaisonStore  *self,
                gint64        *version,
                GError       **error)
{
  gint64 application_id = 0;
  gint64 tables = 0;
  guint latest = liaison_schema_version ();

  if (!query_int (self, "PRAGMA application_id", &application_id, error) ||
      !query_int (self, "PRAGMA user_version", version, error) ||
      !query_int (self, "SELECT count(*) FROM sqlite_schema", &tables, error))
    return FALSE;

  if (application_id != 0 && application_id != LIAISON_APPLICATION_ID)
    return refuse_foreign (self, error);

  /* Every Liaison that writes a version above this one's sets the id. */
  if (*version > latest && application_id == LIAISON_APPLICATION_ID)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NEWER_DATABASE,
                   _("%s: this database was written by a newer version of Liaison "
                     "(database version %lld, this version understands up to %u); "
                     "update Liaison to open it"),
                   self->path, (long long) *version, latest);
      return FALSE;
    }
  if (*version > latest)
    return refuse_foreign (self, error);

  if (*version == 0)
    return tables == 0 || refuse_foreign (self, error);

  /* Made before the id: Liaison's own tables tell. */
  if (application_id == 0)
    {
      gint64 ours = 0;

      if (!query_int (self,
                      "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
                      " AND name IN ('communication', 'stat_record', 'sample')",
                      &ours, error))
        return FALSE;
      if (ours != 3)
        return refuse_foreign (self, error);
    }

  return TRUE;
}

/* Brings a database that check_database() accepted at @version up to date. */
static gboolean
migrate (LiaisonStore  *self,
         gint64         version,
         GError       **error)
{
  guint latest = liaison_schema_version ();
  g_autofree char *application_id = NULL;

  if (version == latest)
    return TRUE;

  if (!liaison_store_begin (self, error))
    return FALSE;

  for (guint v = (guint) version + 1; v <= latest; v++)
    {
      g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %u", v);

      if (!liaison_store_exec (self, liaison_schema_migration (v), error) ||
          !liaison_store_exec (self, pragma, error))
        {
          liaison_store_rollback (self);
          return FALSE;
        }
    }

  application_id = g_strdup_printf ("PRAGMA application_id = %d", LIAISON_APPLICATION_ID);
  if (!liaison_store_exec (self, application_id, error))
    {
      liaison_store_rollback (self);
      return FALSE;
    }

  return liaison_store_commit (self, error);
}

/* A team server's URI (team.md), which this version does not open: taken
 * as a file name, it would make a folder named "postgresql:". */
static gboolean
is_server_uri (const char *path)
{
  return g_ascii_strncasecmp (path, "postgresql://", strlen ("postgresql://")) == 0 ||
         g_ascii_strncasecmp (path, "postgres://", strlen ("postgres://")) == 0;
}

static LiaisonStore *
store_open (const char  *path,
            gboolean     create,
            GError     **error)
{
  g_autoptr(LiaisonStore) self = g_object_new (LIAISON_TYPE_STORE, NULL);
  g_autofree char *dir = NULL;
  gboolean created;
  gint64 version = 0;
  int rc;

  self->path = path != NULL ? g_strdup (path) : liaison_store_default_path ();

  /* Not quoted: a URI may hold a password. */
  if (is_server_uri (self->path))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_UNSUPPORTED,
                   _("a PostgreSQL server cannot be the database yet: this version of Liaison keeps "
                     "its inventory in a file; give the path of a file"));
      return NULL;
    }

  if (!liaison_store_check_ownership (self->path, error))
    return NULL;

  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_IO,
                   _("%s: cannot create the folder: %s"), dir, g_strerror (saved));
      return NULL;
    }

  created = !g_file_test (self->path, G_FILE_TEST_EXISTS);
  if (created && !create)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE,
                   _("%s: the database is gone (moved or deleted)"), self->path);
      return NULL;
    }
  if (created)
    {
      int fd = g_open (self->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd < 0)
        {
          int saved = errno;
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_IO,
                       _("%s: cannot create the database: %s"), self->path, g_strerror (saved));
          return NULL;
        }
      close (fd);
    }
  else if (g_file_test (self->path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE,
                   _("%s: is a folder, not a database"), self->path);
      return NULL;
    }

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_db_error (self->path, self->db, rc, error);
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  /* Until the file is known to be ours, closing it must not write to it
   * (a checkpoint of another program's write-ahead log). The file is
   * input like any other: its schema runs nothing but SQLite's own
   * functions, and SQL cannot corrupt it (SQLite's advice for
   * databases from elsewhere). */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  if ((rc = liaison_search_register (self->db)) != SQLITE_OK ||
      (rc = liaison_store_runs_register (self->db)) != SQLITE_OK)
    {
      set_db_error (self->path, self->db, rc, error);
      return NULL;
    }

  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE,
                   _("%s: cannot write to the database: it is read-only"), self->path);
      return NULL;
    }

  /* Nothing is written before this. */
  if (!check_database (self, &version, error))
    return NULL;
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);

  if (!liaison_store_exec (self, "PRAGMA foreign_keys = ON", error))
    return NULL;

  {
    LiaisonStmt *stmt = NULL;
    const char *mode = NULL;

    if (sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL) != SQLITE_OK)
      {
        set_db_error (self->path, self->db, SQLITE_ERROR, error);
        return NULL;
      }
    rc = liaison_stmt_step (stmt);
    if (rc == LIAISON_ROW)
      mode = (const char *) liaison_stmt_column_text (stmt, 0);
    if (rc != LIAISON_ROW || mode == NULL || g_ascii_strcasecmp (mode, "wal") != 0)
      {
        set_db_error (self->path, self->db, rc, error);
        sqlite3_finalize (stmt);
        return NULL;
      }
    sqlite3_finalize (stmt);
  }

  if (!liaison_store_exec (self, "PRAGMA synchronous = NORMAL", error) ||
      !liaison_store_exec (self, "PRAGMA temp_store = MEMORY", error) ||
      !liaison_store_exec (self, "PRAGMA cache_size = -" G_STRINGIFY (CACHE_KIB), error))
    return NULL;

  if (!liaison_store_search_index_open (self, error))
    return NULL;

  if (!migrate (self, version, error))
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
  LiaisonStmt *stmt = NULL;

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
      liaison_stmt_reset (cached->stmt);
      liaison_stmt_clear_bindings (cached->stmt);
      return cached->stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      liaison_store_set_error (self, error);
      return NULL;
    }

  cached = g_new (CachedStatement, 1);
  cached->sql = g_strdup (sql);
  cached->stmt = stmt;
  g_hash_table_insert (self->statements, cached->sql, cached);
  remember_address (self, sql, cached);
  return stmt;
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

  if (self->depth == 0)
    sql = g_strdup ("BEGIN IMMEDIATE");
  else
    sql = g_strdup_printf ("SAVEPOINT liaison_%u", self->depth);

  if (!liaison_store_exec (self, sql, error))
    return FALSE;

  if (self->depth == 0)
    liaison_store_search_index_begin (self);

  self->depth++;
  return TRUE;
}

/* Runs @sql, whose one row is a journal mode; whether it is @mode. */
static gboolean
journal_mode_is (LiaisonStore *self,
                 const char   *sql,
                 const char   *mode)
{
  LiaisonStmt *stmt = NULL;
  gboolean is = FALSE;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  if (liaison_stmt_step (stmt) == LIAISON_ROW)
    is = g_ascii_strcasecmp ((const char *) liaison_stmt_column_text (stmt, 0), mode) == 0;
  sqlite3_finalize (stmt);
  return is;
}

/*
 * A write-ahead log holds every page that the open transaction writes,
 * and no checkpoint can take one into the database before the commit: an
 * import of ten million pairs grew it to the size of the whole database,
 * 7.8 GB. SQLite advises a rollback journal for transactions of more than
 * some dozens of megabytes: it holds only the pages that were in the
 * database before (none, for the rows an import adds), while the new pages
 * go to the database as the page cache spills. So a large transaction
 * leaves WAL mode for its time, when no other connection has the database
 * open (leaving it needs that); with a bigger page cache, so that fewer
 * pages spill, and synchronous = FULL, which a rollback journal needs to
 * survive a power cut. Another program that opens the database meanwhile
 * waits for the lock, as it would for any write. Should the process die,
 * the next one to open the database rolls the journal back, then returns
 * it to WAL.
 */
static void
leave_wal (LiaisonStore *self)
{
  /* Another connection: give up at once and keep the log. */
  sqlite3_busy_timeout (self->db, 0);
  self->large = journal_mode_is (self, "PRAGMA journal_mode = DELETE", "delete");
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  if (!self->large)
    return;

  sqlite3_exec (self->db,
                "PRAGMA synchronous = FULL; PRAGMA cache_size = -" G_STRINGIFY (LARGE_CACHE_KIB),
                NULL, NULL, NULL);
}

static void
return_to_wal (LiaisonStore *self)
{
  if (self->large_cache)
    {
      self->large_cache = FALSE;
      sqlite3_exec (self->db, "PRAGMA cache_size = -" G_STRINGIFY (CACHE_KIB), NULL, NULL, NULL);
    }
  if (!self->large)
    return;
  self->large = FALSE;
  /* If another program holds the database now, the next open sets WAL. */
  journal_mode_is (self, "PRAGMA journal_mode = WAL", "wal");
  sqlite3_exec (self->db, "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -" G_STRINGIFY (CACHE_KIB),
                NULL, NULL, NULL);
}

/**
 * liaison_store_begin_large:
 * @rows: about how many rows the transaction will write (or records it
 *   will read to write them)
 *
 * liaison_store_begin() for a transaction that may be large, such as an
 * import: above a million rows it is written through a rollback journal
 * rather than the write-ahead log, whose size would grow with the
 * transaction (see leave_wal()). Inside a transaction, a savepoint.
 */
gboolean
liaison_store_begin_large (LiaisonStore  *self,
                           guint64        rows,
                           GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);

  if (self->depth == 0 && self->reading == 0 && rows > LARGE_TRANSACTION_ROWS)
    leave_wal (self);
  if (self->depth == 0 && !self->large && rows >= LARGE_CACHE_ROWS)
    self->large_cache = sqlite3_exec (self->db, "PRAGMA cache_size = -" G_STRINGIFY (LARGE_CACHE_KIB),
                                      NULL, NULL, NULL) == SQLITE_OK;
  if (!liaison_store_begin (self, error))
    {
      if (self->depth == 0)
        return_to_wal (self);
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

  if (self->depth == 1 && !liaison_store_search_index_refresh (self, error))
    {
      liaison_store_rollback (self);
      return FALSE;
    }

  if (self->depth == 1)
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
      return_to_wal (self);
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

  sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  self->depth--;
  if (self->depth == 0)
    return_to_wal (self);
  /* Devices added since may be gone; times held are let go. */
  g_hash_table_remove_all (self->devices);
  g_clear_pointer (&self->held_last, g_array_unref);
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
  if (self->reading == 0 && self->depth == 0 &&
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
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* PRAGMA data_version: it changes when another connection commits. */
gboolean
liaison_store_data_version (LiaisonStore  *self,
                            gint64        *version,
                            GError       **error)
{
  return query_int (self, "PRAGMA data_version", version, error);
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

  stmt = liaison_store_prepare (self, "INSERT OR IGNORE INTO device (name) VALUES (?)", error);
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
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LiaisonStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self->depth > 0, FALSE);

  stmt = liaison_store_prepare (self,
                                "SELECT name, sql FROM sqlite_schema"
                                " WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL"
                                "   AND sql NOT LIKE 'CREATE UNIQUE %'"
                                " ORDER BY name",
                                error);
  if (stmt == NULL)
    return FALSE;
  liaison_stmt_bind_text (stmt, 1, table, -1, LIAISON_STATIC);
  while ((rc = liaison_stmt_step (stmt)) == LIAISON_ROW)
    {
      g_ptr_array_add (names, g_strdup ((const char *) liaison_stmt_column_text (stmt, 0)));
      g_ptr_array_add (deferred, g_strdup ((const char *) liaison_stmt_column_text (stmt, 1)));
    }
  if (rc != LIAISON_DONE)
    return liaison_store_set_error (self, error);
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

  /* Checked every thousand virtual machine steps: well under a millisecond. */
  sqlite3_progress_handler (self->db, cancellable != NULL ? 1000 : 0,
                            cancellable != NULL ? is_cancelled : NULL, cancellable);
}

void
liaison_bind_text (LiaisonStmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text == NULL)
    liaison_stmt_bind_null (stmt, index);
  else
    liaison_stmt_bind_text (stmt, index, text, -1, LIAISON_TRANSIENT);
}

/* Binds the sort key of @address (liaison_address_to_key()). */
void
liaison_bind_address_key (LiaisonStmt         *stmt,
                          int                   index,
                          const LiaisonAddress *address)
{
  guint8 key[LIAISON_ADDRESS_KEY_LEN];

  liaison_address_to_key (address, key);
  liaison_stmt_bind_blob (stmt, index, key, sizeof key, LIAISON_TRANSIENT);
}

void
liaison_bind_time (LiaisonStmt *stmt,
                   int           index,
                   gint64        time)
{
  if (time == G_MININT64)
    liaison_stmt_bind_null (stmt, index);
  else
    liaison_stmt_bind_int64 (stmt, index, time);
}

gint64
liaison_column_time (LiaisonStmt *stmt,
                     int           index)
{
  if (liaison_stmt_column_type (stmt, index) == LIAISON_NULL)
    return G_MININT64;
  return liaison_stmt_column_int64 (stmt, index);
}

char *
liaison_column_dup_text (LiaisonStmt *stmt,
                         int           index)
{
  const unsigned char *text = liaison_stmt_column_text (stmt, index);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}
