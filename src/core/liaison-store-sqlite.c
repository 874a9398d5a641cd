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
#include "liaison-search.h"
#include "liaison-store-ownership-private.h"
#include "liaison-store-private.h"
#include "liaison-store-runs-private.h"
#include "liaison-store-schema-private.h"

/*
 * A store's SQLite file: opening it, its schema version, and its journal.
 */

/* How long a write waits for another process's lock before giving up. */
#define BUSY_TIMEOUT_MS 5000

/* The page cache of a connection, and of a large transaction (256 MiB), in
 * KiB: plain numbers, since they are spelled into a PRAGMA with
 * G_STRINGIFY(). */
#define CACHE_KIB 8192
#define LARGE_CACHE_KIB 262144

/* The page size of a database Liaison makes. SQLite's default is 4 KiB;
 * with 16 KiB, a first import of a million flows over 100,000 pairs takes
 * 0.93 of the time (fewer pages to balance, to write and to read back), as
 * does the next window's, and a fleet's samples a little less. A database
 * of a few hundred records grows by a few hundred kilobytes (each table
 * and index holds at least a page). A database keeps the size it was made
 * with. */
#define PAGE_SIZE 16384

/* `PRAGMA application_id` of a Liaison database ("Lias"): what tells it
 * from another program's SQLite file, as file(1) does. Databases made
 * before it was set have 0 and Liaison's tables; it is set when a
 * database is made or migrated. */
#define LIAISON_APPLICATION_ID 0x4c696173

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
liaison_sqlite_set_error (LiaisonStore  *self,
                          int            rc,
                          GError       **error)
{
  return set_db_error (self->path, self->db, rc, error);
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

  if (!liaison_store_query_int (self, "PRAGMA application_id", &application_id, error) ||
      !liaison_store_query_int (self, "PRAGMA user_version", version, error) ||
      !liaison_store_query_int (self, "SELECT count(*) FROM sqlite_schema", &tables, error))
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

      if (!liaison_store_query_int (self,
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

/* Runs @sql, whose one row is a journal mode; whether it is @mode. */
static gboolean
journal_mode_is (LiaisonStore *self,
                 const char   *sql,
                 const char   *mode)
{
  sqlite3_stmt *stmt = NULL;
  gboolean is = FALSE;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);
      is = text != NULL && g_ascii_strcasecmp (text, mode) == 0;
    }
  sqlite3_finalize (stmt);
  return is;
}

/* Once per process, before SQLite starts. SQLite counts every allocation
 * under one lock shared by all its connections, for figures Liaison never
 * reads: 4 % of a large import's processor time went to that lock. A
 * statement's journal stays in memory, as it did when all temporary data
 * did (temp_store, liaison_sqlite_open()): with 16 KiB pages, SQLite's
 * 64 KiB before writing it to a file is four pages, which one statement
 * of many rows passes. Should some other part of the program have started
 * SQLite first, the settings are refused and the count stays and the
 * journals go to a file past 64 KiB, which changes nothing else. */
static void
configure_sqlite (void)
{
  static gsize configured;

  if (g_once_init_enter (&configured))
    {
      sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
      sqlite3_config (SQLITE_CONFIG_STMTJRNL_SPILL, -1);
      g_once_init_leave (&configured, 1);
    }
}

/* Opens self->path as an SQLite database (liaison_store_open()). */
gboolean
liaison_sqlite_open (LiaisonStore  *self,
                     gboolean       create,
                     GError       **error)
{
  g_autofree char *dir = NULL;
  gboolean created;
  gint64 version = 0;
  int rc;

  if (!liaison_store_check_ownership (self->path, error))
    return FALSE;

  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_IO,
                   _("%s: cannot create the folder: %s"), dir, g_strerror (saved));
      return FALSE;
    }

  created = !g_file_test (self->path, G_FILE_TEST_EXISTS);
  if (created && !create)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE,
                   _("%s: the database is gone (moved or deleted)"), self->path);
      return FALSE;
    }
  if (created)
    {
      int fd = g_open (self->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd < 0)
        {
          int saved = errno;
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_IO,
                       _("%s: cannot create the database: %s"), self->path, g_strerror (saved));
          return FALSE;
        }
      close (fd);
    }
  else if (g_file_test (self->path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE,
                   _("%s: is a folder, not a database"), self->path);
      return FALSE;
    }

  configure_sqlite ();
  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_db_error (self->path, self->db, rc, error);
      return FALSE;
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
      return FALSE;
    }

  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE,
                   _("%s: cannot write to the database: it is read-only"), self->path);
      return FALSE;
    }

  /* Nothing is written before this. */
  if (!check_database (self, &version, error))
    return FALSE;
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);

  /* Only before anything is written (the journal mode writes the header). */
  if (version == 0 && !liaison_store_exec (self, "PRAGMA page_size = " G_STRINGIFY (PAGE_SIZE), error))
    return FALSE;

  if (!liaison_store_exec (self, "PRAGMA foreign_keys = ON", error))
    return FALSE;

  if (!journal_mode_is (self, "PRAGMA journal_mode = WAL", "wal"))
    return set_db_error (self->path, self->db, SQLITE_ERROR, error);

  if (!liaison_store_exec (self, "PRAGMA synchronous = NORMAL", error) ||
      /* Temporary data in memory until the page cache is full, then in a
       * file: SQLite's sorter then keeps its keys in one growing block,
       * where it took an allocation for each when temporary data could only
       * be in memory. Making the indexes of a first import of 100,000
       * pairs again (in sqlite3) took about 0.8 of the processor time. */
      !liaison_store_exec (self, "PRAGMA temp_store = FILE", error) ||
      !liaison_store_exec (self, "PRAGMA cache_size = -" G_STRINGIFY (CACHE_KIB), error))
    return FALSE;

  if (!liaison_store_search_index_open (self, error))
    return FALSE;

  if (!migrate (self, version, error))
    return FALSE;

  return TRUE;
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
void
liaison_sqlite_leave_wal (LiaisonStore *self)
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

/* A transaction that stays in WAL mode but writes many rows: the large page
 * cache, until liaison_sqlite_return_to_wal(). */
void
liaison_sqlite_large_cache (LiaisonStore *self)
{
  self->large_cache = sqlite3_exec (self->db, "PRAGMA cache_size = -" G_STRINGIFY (LARGE_CACHE_KIB),
                                    NULL, NULL, NULL) == SQLITE_OK;
}

void
liaison_sqlite_return_to_wal (LiaisonStore *self)
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

