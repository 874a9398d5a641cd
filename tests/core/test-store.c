/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <string.h>

#include "liaison-csv.h"
#include "liaison-error.h"
#include "liaison-export.h"
#include "liaison-store-communications.h"
#include "liaison-store-private.h"
#include "liaison-test-fixture.h"

/* Opening a database, and transactions. */

/* A new database and the folder made for it are the owner's alone. */
static void
test_open_creates_private_file (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_folder_new ();
  g_autofree char *dir = g_build_filename (f->dir, "sub", NULL);
  g_autofree char *path = g_build_filename (dir, "liaison.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) store = liaison_store_open (path, &error);
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
}

static void
test_open_wal_and_version (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  sqlite3 *db = liaison_store_get_db (f->store);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA foreign_keys", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), >=, 1);
  sqlite3_finalize (stmt);
}

static void
test_open_newer_refused (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) again = NULL;
  g_autofree char *expected = NULL;

  g_assert_true (liaison_store_exec (f->store, "PRAGMA user_version = 999", NULL));
  g_clear_object (&f->store);

  again = liaison_store_open (f->db, &error);
  g_assert_null (again);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_NEWER_DATABASE);
  expected = g_strdup_printf ("%s: this database was written by a newer version of Liaison", f->db);
  g_assert_true (g_str_has_prefix (error->message, expected));
}

/* A newer Liaison's database in WAL mode, whose last writer died with
 * its log not yet checkpointed: refusing it checkpoints nothing, and the
 * database and its log are as they were. */
static void
test_open_newer_log_unchanged (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) again = NULL;
  g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);
  g_autofree char *db_before = NULL, *db_after = NULL, *wal_before = NULL, *wal_after = NULL;
  gsize db_before_len = 0, db_after_len = 0, wal_before_len = 0, wal_after_len = 0;
  pid_t pid;
  int status = 0;

  g_clear_object (&f->store);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      sqlite3 *db = NULL;

      if (sqlite3_open (f->db, &db) != SQLITE_OK ||
          sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL) != SQLITE_OK)
        _exit (1);
      _exit (0);                /* no close: the log stays */
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);

  g_assert_true (g_file_get_contents (f->db, &db_before, &db_before_len, NULL));
  g_assert_true (g_file_get_contents (wal, &wal_before, &wal_before_len, NULL));
  g_assert_cmpuint (wal_before_len, >, 0);

  again = liaison_store_open (f->db, &error);
  g_assert_null (again);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_NEWER_DATABASE);

  g_assert_true (g_file_get_contents (f->db, &db_after, &db_after_len, NULL));
  g_assert_true (g_file_get_contents (wal, &wal_after, &wal_after_len, NULL));
  g_assert_cmpmem (db_after, db_after_len, db_before, db_before_len);
  g_assert_cmpmem (wal_after, wal_after_len, wal_before, wal_before_len);
}

static void
test_open_not_a_database (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autofree char *path = g_build_filename (f->dir, "notes.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) store = NULL;
  g_autofree char *expected = g_strdup_printf ("%s: not a Liaison database", path);

  g_assert_true (g_file_set_contents (path, "these are not the rows you are looking for\n", -1, NULL));
  store = liaison_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE);
  g_assert_true (g_str_has_prefix (error->message, expected));
}

static void
test_open_foreign_sqlite (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autofree char *path = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) store = NULL;
  g_autofree char *expected = g_strdup_printf ("%s: this SQLite database was not made by Liaison", path);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE liaison_test_time (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = liaison_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE);
  g_assert_cmpstr (error->message, ==, expected);
}

/* SQLite's message about a damaged schema quotes a name from the file:
 * the error is still valid UTF-8 (GLib wants it), controls escaped. */
static void
test_open_damaged_schema (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) again = NULL;
  sqlite3 *db = NULL;

  g_clear_object (&f->store);
  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA writable_schema = ON;"
                                 "UPDATE sqlite_schema SET name = CAST (X'62ff1b5b324a' AS TEXT),"
                                 " sql = 'CREATE INDEX broken' WHERE name = 'communication_by_port'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  again = liaison_store_open (f->db, &error);
  g_assert_null (again);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE);
  g_test_message ("%s", error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (strstr (error->message, "b\357\277\275\\x1B[2J"));
}

/* Another connection to an open database never makes a new one. */
static void
test_open_existing (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *gone = g_build_filename (f->dir, "moved-away.db", NULL);
  g_autoptr(LiaisonStore) again = liaison_store_open_existing (f->db, &error);
  g_autoptr(LiaisonStore) missing = NULL;
  g_autofree char *expected = g_strdup_printf ("%s: the database is gone (moved or deleted)", gone);

  g_assert_no_error (error);
  g_assert_nonnull (again);

  missing = liaison_store_open_existing (gone, &error);
  g_assert_null (missing);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_false (g_file_test (gone, G_FILE_TEST_EXISTS));
}

/* A row's source is one of three, and checking it builds nothing for the
 * row (no temporary index, which an IN list of three would fill for each). */
static void
test_open_source_check (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  static const char insert[] =
    "INSERT INTO communication (client_ip, client_key, listener_ip, listener_key, port, protocol, source)"
    " VALUES ('192.0.2.1', x'01', '192.0.2.2', x'02', 80, 'tcp', ?1)";
  static const char *const sources[] = { "manual", "netstat", "netflow", "netflows", "Manual", "" };
  g_autofree char *explain = g_strconcat ("EXPLAIN ", insert, NULL);
  sqlite3 *db = liaison_store_get_db (f->store);
  sqlite3_stmt *stmt = NULL;
  guint opcodes = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db, explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), !=, "OpenEphemeral");
      opcodes++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (opcodes, >, 10);

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      int rc;

      g_assert_cmpint (sqlite3_prepare_v2 (db, insert, -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, sources[i], -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      g_assert_cmpint (rc, ==, i < 3 ? SQLITE_DONE : SQLITE_CONSTRAINT_CHECK);
      if (rc != SQLITE_DONE)
        g_assert_nonnull (strstr (sqlite3_errmsg (db), "CHECK constraint failed"));
      sqlite3_finalize (stmt);
      g_assert_true (liaison_store_exec (f->store, "DELETE FROM communication", NULL));
    }
}

static void
test_nested_rollback (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  LiaisonCommunicationInput ok = { "10.0.0.1", "10.0.0.5", "443", "tcp" };

  g_assert_true (liaison_store_begin (f->store, &error));
  g_assert_cmpint (liaison_store_add_communication (f->store, &ok, &error), >, 0);
  /* A failing add inside rolls back only itself. */
  g_assert_cmpint (liaison_store_add_communication (f->store, &ok, &error), ==, 0);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE);
  g_assert_cmpint (liaison_store_count_communications (f->store, NULL), ==, 1);
  liaison_store_rollback (f->store);
  g_assert_cmpint (liaison_store_count_communications (f->store, NULL), ==, 0);
}

static void
test_search_follows_changes (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonDeletion) deletion = NULL;
  gint64 kept = liaison_test_add (f->store, "10.0.0.1", "10.0.0.5", "443", "tcp", "keeper");
  gint64 gone = 0, fresh = 0;
  LiaisonCommunicationInput rename = { .client_device = "renamed-host" };

  /* Added, changed and deleted inside one transaction. */
  g_assert_true (liaison_store_begin (f->store, &error));
  gone = liaison_test_add (f->store, "10.0.0.2", "10.0.0.5", "443", "tcp", "goner");
  fresh = liaison_test_add (f->store, "10.0.0.3", "10.0.0.5", "443", "tcp", "freshling");
  g_assert_true (liaison_store_edit_communication (f->store, kept, &rename, &error));
  g_assert_true (liaison_store_delete_communications (f->store, &gone, 1, &deletion, &error));
  g_assert_true (liaison_store_commit (f->store, &error));
  g_assert_no_error (error);

  liaison_test_assert_ids (f->store, "freshling", LIAISON_COLUMN_ID, FALSE, (gint64[]) { fresh }, 1);
  liaison_test_assert_ids (f->store, "renamed-host", LIAISON_COLUMN_ID, FALSE, (gint64[]) { kept }, 1);
  liaison_test_assert_ids (f->store, "goner", LIAISON_COLUMN_ID, FALSE, NULL, 0);

  /* A restored row is found again. */
  g_assert_true (liaison_store_restore_deletion (f->store, deletion, &error));
  g_assert_no_error (error);
  liaison_test_assert_ids (f->store, "goner", LIAISON_COLUMN_ID, FALSE, (gint64[]) { gone }, 1);

  /* Rows indexed before the transaction: changed twice, by hand and by a
   * device set on them, and deleted; each found by its new values only. */
  {
    LiaisonCommunicationInput first = { .client_process_name = "firstname" };
    LiaisonCommunicationInput second = { .client_process_name = "secondname" };

    g_assert_true (liaison_store_begin (f->store, &error));
    g_assert_true (liaison_store_edit_communication (f->store, kept, &first, &error));
    g_assert_true (liaison_store_edit_communication (f->store, kept, &second, &error));
    g_assert_true (liaison_store_set_devices (f->store, &kept, 1, LIAISON_COLUMN_CLIENT_DEVICE, "other-host", &error));
    g_assert_true (liaison_store_delete_communications (f->store, &fresh, 1, NULL, &error));
    g_assert_true (liaison_store_commit (f->store, &error));
    g_assert_no_error (error);

    liaison_test_assert_ids (f->store, "keeper", LIAISON_COLUMN_ID, FALSE, NULL, 0);
    liaison_test_assert_ids (f->store, "firstname", LIAISON_COLUMN_ID, FALSE, NULL, 0);
    liaison_test_assert_ids (f->store, "secondname", LIAISON_COLUMN_ID, FALSE, (gint64[]) { kept }, 1);
    liaison_test_assert_ids (f->store, "renamed-host", LIAISON_COLUMN_ID, FALSE, NULL, 0);
    liaison_test_assert_ids (f->store, "other-host", LIAISON_COLUMN_ID, FALSE, (gint64[]) { kept }, 1);
    liaison_test_assert_ids (f->store, "freshling", LIAISON_COLUMN_ID, FALSE, NULL, 0);
    liaison_test_assert_ids (f->store, "10.0.0.", LIAISON_COLUMN_ID, FALSE, (gint64[]) { kept, gone }, 2);
  }

  /* A change rolled back leaves the index as it was. */
  {
    LiaisonCommunicationInput third = { .client_process_name = "thirdname" };

    g_assert_true (liaison_store_begin (f->store, &error));
    g_assert_true (liaison_store_edit_communication (f->store, kept, &third, &error));
    g_assert_true (liaison_store_delete_communications (f->store, &gone, 1, NULL, &error));
    liaison_store_rollback (f->store);

    liaison_test_assert_ids (f->store, "thirdname", LIAISON_COLUMN_ID, FALSE, NULL, 0);
    liaison_test_assert_ids (f->store, "secondname", LIAISON_COLUMN_ID, FALSE, (gint64[]) { kept }, 1);
    liaison_test_assert_ids (f->store, "goner", LIAISON_COLUMN_ID, FALSE, (gint64[]) { gone }, 1);
  }

  /* And the index is whole. */
  g_assert_true (liaison_store_exec (f->store,
                                     "INSERT INTO search_value_index (search_value_index, rank)"
                                     " VALUES ('integrity-check', 0)",
                                     &error));
  g_assert_no_error (error);
}

static void
test_device_after_rollback (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) devices = NULL;
  LiaisonCommunicationInput in = { "10.0.0.1", "10.0.0.5", "443", "tcp", .client_device = "phantom" };

  /* A device made in a transaction that is rolled back is made again later. */
  g_assert_true (liaison_store_begin (f->store, &error));
  g_assert_cmpint (liaison_store_add_communication (f->store, &in, &error), >, 0);
  liaison_store_rollback (f->store);

  g_assert_cmpint (liaison_store_add_communication (f->store, &in, &error), >, 0);
  g_assert_no_error (error);
  devices = liaison_store_list_devices (f->store, &error);
  g_assert_cmpuint (g_strv_length (devices), ==, 1);
  g_assert_cmpstr (devices[0], ==, "phantom");
}

/* Large transactions */

static gboolean
journal_mode_is (LiaisonStore *store,
                 const char   *mode)
{
  g_autofree char *now = liaison_test_query_text (store, "PRAGMA journal_mode");

  return g_strcmp0 (now, mode) == 0;
}

static void
add_rows (LiaisonStore *store,
          guint         first,
          guint         n)
{
  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *client = g_strdup_printf ("10.2.%u.%u", i / 250, i % 250 + 1);

      liaison_test_add (store, client, "10.0.0.5", "443", "tcp", NULL);
    }
}

/* Past a million rows, a transaction goes through a rollback journal (the
 * write-ahead log would hold every page it writes), and the database is
 * in WAL mode again after it; not when another connection has the
 * database open, nor for a small one. */
static void
test_large_journal (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(LiaisonStore) other = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (liaison_store_begin_large (f->store, 2000000, &error));
  g_assert_true (journal_mode_is (f->store, "delete"));
  /* with a page cache of 256 MiB and a full sync, which a rollback journal needs */
  g_assert_cmpint (liaison_test_query_int (f->store, "PRAGMA cache_size"), ==, -256 * 1024);
  g_assert_cmpint (liaison_test_query_int (f->store, "PRAGMA synchronous"), ==, 2);
  add_rows (f->store, 0, 10);
  g_assert_true (liaison_store_commit (f->store, &error));
  g_assert_true (journal_mode_is (f->store, "wal"));
  g_assert_cmpint (liaison_test_query_int (f->store, "PRAGMA cache_size"), ==, -8192);
  g_assert_cmpint (liaison_test_query_int (f->store, "PRAGMA synchronous"), ==, 1);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM communication"), ==, 10);

  /* Rolled back: the same. */
  g_assert_true (liaison_store_begin_large (f->store, 2000000, &error));
  g_assert_true (journal_mode_is (f->store, "delete"));
  add_rows (f->store, 10, 10);
  liaison_store_rollback (f->store);
  g_assert_true (journal_mode_is (f->store, "wal"));
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM communication"), ==, 10);

  /* Small. */
  g_assert_true (liaison_store_begin_large (f->store, 1000, &error));
  g_assert_true (journal_mode_is (f->store, "wal"));
  liaison_store_rollback (f->store);

  /* Another connection is open: the log it is. */
  other = liaison_store_open_existing (f->db, &error);
  g_assert_no_error (error);
  g_assert_true (liaison_store_begin_large (f->store, 2000000, &error));
  g_assert_no_error (error);
  g_assert_true (journal_mode_is (f->store, "wal"));
  add_rows (f->store, 10, 10);
  g_assert_true (liaison_store_commit (f->store, &error));
  g_assert_cmpint (liaison_test_query_int (other, "SELECT count(*) FROM communication"), ==, 20);
}

/* From a hundred thousand rows, the first import into a database with no
 * statistics record goes through a rollback journal too: its pages are
 * new, and the log would have them written twice. Not the next. */
static void
test_large_first_fill (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (liaison_store_begin_large (f->store, 99999, &error));
  g_assert_true (journal_mode_is (f->store, "wal"));
  liaison_store_rollback (f->store);

  g_assert_true (liaison_store_begin_large (f->store, 100000, &error));
  g_assert_no_error (error);
  g_assert_true (journal_mode_is (f->store, "delete"));
  liaison_store_rollback (f->store);
  g_assert_true (journal_mode_is (f->store, "wal"));

  liaison_test_import_netflow_text (f, 60, liaison_test_seed_files[0]);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM stat_record"), >, 0);
  g_assert_true (liaison_store_begin_large (f->store, 100000, &error));
  g_assert_true (journal_mode_is (f->store, "wal"));
  liaison_store_rollback (f->store);
}

/* A new database has pages of 16 KiB. One made with another page size
 * keeps it, and is read and written as before. */
static void
test_open_page_size (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *integrity = NULL;
  sqlite3 *db = NULL;
  gint64 records;

  g_assert_cmpint (liaison_test_query_int (f->store, "PRAGMA page_size"), ==, 16384);
  liaison_test_import_netflow_text (f, 60, liaison_test_seed_files[0]);
  records = liaison_test_query_int (f->store, "SELECT count(*) FROM stat_record");
  g_assert_cmpint (records, >, 0);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM sample"), ==, 1);
  g_clear_object (&f->store);

  /* As a database made before, with SQLite's default page size. */
  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA page_size = 4096; VACUUM;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  f->store = liaison_store_open (f->db, &error);
  g_assert_no_error (error);
  g_assert_true (journal_mode_is (f->store, "wal"));
  g_assert_cmpint (liaison_test_query_int (f->store, "PRAGMA page_size"), ==, 4096);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM stat_record"), ==, records);
  liaison_test_import_netflow_text (f, 60, liaison_test_seed_files[1]);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM sample"), ==, 2);
  g_assert_cmpint (liaison_test_query_int (f->store, "PRAGMA page_size"), ==, 4096);
  integrity = liaison_test_query_text (f->store, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
}

/* A process killed in the middle of a large transaction leaves a hot
 * journal: the next open rolls it back and returns to WAL. */
static void
test_large_killed (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(LiaisonStore) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *journal = g_strconcat (f->db, "-journal", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  int ready[2];
  char byte;
  pid_t pid;
  int status = 0;

  add_rows (f->store, 0, 500);
  before = liaison_test_dump_database (f->store);
  g_clear_object (&f->store);

  g_assert_cmpint (pipe (ready), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      LiaisonStore *store = liaison_store_open (f->db, NULL);

      /* A small page cache: pages spill to the database before the commit. */
      if (store == NULL || !liaison_store_begin_large (store, 2000000, NULL) ||
          !journal_mode_is (store, "delete") ||
          !liaison_store_exec (store, "PRAGMA cache_size = 20", NULL))
        _exit (1);
      add_rows (store, 500, 20000);
      if (write (ready[1], "x", 1) != 1)
        _exit (1);
      pause ();
      _exit (0);
    }
  close (ready[1]);
  g_assert_cmpint (read (ready[0], &byte, 1), ==, 1);
  close (ready[0]);
  g_assert_true (g_file_test (journal, G_FILE_TEST_EXISTS));
  {
    GStatBuf st;

    /* The new rows are in the database file already. */
    g_assert_cmpint (g_stat (f->db, &st), ==, 0);
    g_assert_cmpint (st.st_size, >, 1024 * 1024);
  }
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));

  again = liaison_store_open (f->db, &error);
  g_assert_no_error (error);
  {
    g_autofree char *check = liaison_test_query_text (again, "PRAGMA integrity_check");

    g_assert_cmpstr (check, ==, "ok");
  }
  g_assert_true (journal_mode_is (again, "wal"));
  after = liaison_test_dump_database (again);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
}

/* Reads of one state of the database */

/* The text a read gives: a document, the records, a CSV. */
typedef char *(*ReadText) (LiaisonStore *store,
                           gpointer      user_data);

/* What @read gives, read plainly and then while @in commits in the middle:
 * the same both times, in @before. Returns what it gives after the commit. */
static char *
read_across_commit (LiaisonTestIntruder  *in,
                    ReadText              read,
                    gpointer              user_data,
                    char                **before)
{
  g_autofree char *during = NULL;

  *before = read (in->f->store, user_data);
  liaison_test_intruder_arm (in);
  during = read (in->f->store, user_data);
  liaison_test_intruder_disarm (in);
  g_assert_cmpstr (during, ==, *before);
  return read (in->f->store, user_data);
}

static char *
export_text (LiaisonStore *store,
             gpointer      user_data)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (liaison_export_statistics (store, NULL, 0, out, NULL, &error));
  g_assert_no_error (error);
  return liaison_test_memory_text (out);
}

static void
commit_saturday (LiaisonTestFixture *f)
{
  liaison_test_import_netstat_text (f, "web01", "2026-11-28T10:00:00Z", liaison_test_web01_saturday);
}

/* An import that commits between the statistics and the classic
 * statistics: the document is wholly from before it. */
static void
test_read_export_snapshot (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  LiaisonTestIntruder in = { f, "FROM classic_stat", 0, commit_saturday };

  liaison_test_import_netstat_text (f, "web01", "2026-11-27T10:00:00Z", liaison_test_web01_friday);
  after = read_across_commit (&in, export_text, NULL, &before);

  /* The import did change both parts. */
  {
    const char *after_classic = strstr (after, "\"classic_statistics\"");
    const char *before_classic = strstr (before, "\"classic_statistics\"");
    g_autofree char *after_statistics = g_strndup (after, after_classic - after);
    g_autofree char *before_statistics = g_strndup (before, before_classic - before);

    g_assert_cmpstr (after_classic, !=, before_classic);
    g_assert_cmpstr (after_statistics, !=, before_statistics);
  }
}

static gboolean
print_record (const LiaisonStatRecord  *record,
              gpointer                  user_data,
              GError                  **error)
{
  g_string_append_printf (user_data, "%s:%u <- %s: %lld active, pending %lld ms\n",
                          record->listener_ip, record->port, record->client_ip,
                          (long long) record->nf_active_samples, (long long) record->nf_pending_ms);
  return TRUE;
}

static char *
records_text (LiaisonStore *store,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);

  g_assert_true (liaison_statistics_foreach_record (store, NULL, print_record, out, &error));
  g_assert_no_error (error);
  return g_string_free (out, FALSE);
}

static void
commit_later_window (LiaisonTestFixture *f)
{
  liaison_test_import_netflow_text (f, 60,
                                    "start,end,client_ip,client_port,listener_ip,listener_port,protocol\n"
                                    "2026-11-27T00:09:10Z,,10.0.0.77,52001,10.0.0.6,22,tcp\n");
}

/* The newest window end (for the pending spans) and the records are read
 * from one state: a later window committed between them is not seen. */
static void
test_read_records_snapshot (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  LiaisonTestIntruder in = { f, "FROM stat_record", 0, commit_later_window };

  liaison_test_import_netflow_text (f, 60, liaison_test_seed_files[0]);
  after = read_across_commit (&in, records_text, NULL, &before);
  g_assert_cmpstr (after, !=, before);
}

static char *
csv_text (LiaisonStore *store,
          gpointer      user_data)
{
  GArray *ids = user_data;

  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (liaison_csv_write (store, (const gint64 *) (gpointer) ids->data, ids->len, out, NULL, &error));
  g_assert_no_error (error);
  return liaison_test_memory_text (out);
}

static void
commit_edit (LiaisonTestFixture *f)
{
  g_autoptr(GError) error = NULL;
  LiaisonCommunicationInput input = { .client_device = "edited meanwhile" };

  g_assert_true (liaison_store_edit_communication (f->store, 700, &input, &error));
  g_assert_no_error (error);
}

/* A CSV of more rows than one chunk reads: an edit committed between two
 * chunks is not seen. */
static void
test_read_csv_snapshot (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  LiaisonTestIntruder in = { f, "json_each", 1, commit_edit };

  g_assert_true (liaison_store_begin (f->store, &error));
  for (guint i = 1; i <= 800; i++)
    {
      g_autofree char *client = g_strdup_printf ("10.1.%u.%u", i / 250, i % 250 + 1);
      gint64 id = liaison_test_add (f->store, client, "10.0.0.5", "443", "tcp", NULL);

      g_array_append_val (ids, id);
    }
  g_assert_true (liaison_store_commit (f->store, &error));
  after = read_across_commit (&in, csv_text, ids, &before);
  g_assert_nonnull (strstr (after, "edited meanwhile"));
}

static void
count_changed (LiaisonStore *store,
               guint        *count)
{
  (*count)++;
}

/* On a server, a store told to watch hears another connection's commit and
 * says ::changed once; its own commit it says once too, not again when its
 * own notification comes back. */
static void
test_server_others_changes (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) other = liaison_store_open_existing (f->db, &error);
  gint64 deadline;
  guint changed = 0;

  g_assert_no_error (error);
  liaison_store_watch_others (f->store);
  g_signal_connect (f->store, "changed", G_CALLBACK (count_changed), &changed);

  liaison_test_add (other, "10.0.0.1", "10.0.0.5", "443", "tcp", NULL);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (changed == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM communication"), ==, 1);

  liaison_test_add (f->store, "10.0.0.2", "10.0.0.5", "443", "tcp", NULL);
  g_assert_cmpuint (changed, ==, 2);
  deadline = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (changed, ==, 2);
}

/* On a server, a connection that drops is said at once, statements fail
 * with the server's reason, and a reconnect brings the store back. */
static void
test_server_reconnect (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) other = liaison_store_open_existing (f->db, &error);
  g_autofree char *terminate = NULL;
  g_autofree char *prefix = NULL;
  gint64 deadline;
  guint lost = 0, changed = 0;

  g_assert_no_error (error);
  liaison_test_add (f->store, "10.0.0.1", "10.0.0.5", "443", "tcp", NULL);
  liaison_store_watch_others (f->store);
  g_signal_connect (f->store, "connection-lost", G_CALLBACK (count_changed), &lost);
  g_signal_connect (f->store, "changed", G_CALLBACK (count_changed), &changed);

  terminate = g_strdup_printf ("SELECT pg_terminate_backend (%" G_GINT64_FORMAT ")::int",
                               liaison_test_query_int (f->store, "SELECT pg_backend_pid ()"));
  g_assert_cmpint (liaison_test_query_int (other, terminate), ==, 1);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (lost == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (lost, ==, 1);

  g_assert_false (liaison_store_begin (f->store, &error));
  prefix = g_strdup_printf ("%s: the connection to the server was lost: ", liaison_store_get_path (f->store));
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_clear_error (&error);

  g_assert_true (liaison_store_reconnect (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM communication"), ==, 1);

  /* Watched again: another's change comes through. */
  liaison_test_add (other, "10.0.0.2", "10.0.0.5", "443", "tcp", NULL);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (changed == 1 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (changed, ==, 2);
}

/* A query stops when the connection's cancellable is cancelled. */
static void
test_read_query_cancelled (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  LiaisonQuery query = { "10.1.0.", LIAISON_COLUMN_ID, FALSE };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;

  /* Enough rows for the query to outlast the connection's first check. */
  g_assert_true (liaison_store_begin (f->store, &error));
  for (guint i = 0; i < 500; i++)
    {
      char client[32];

      g_snprintf (client, sizeof client, "10.1.%u.%u", i / 250, 1 + i % 250);
      liaison_test_add (f->store, client, "10.0.0.5", "443", "tcp", NULL);
    }
  g_assert_true (liaison_store_commit (f->store, &error));

  /* A cancellable not cancelled changes nothing. */
  liaison_store_set_cancellable (f->store, cancellable);
  ids = liaison_store_query_ids (f->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 250);
  g_clear_pointer (&ids, g_array_unref);

  /* Once cancelled, a query stops with an error and returns nothing... */
  g_cancellable_cancel (cancellable);
  ids = liaison_store_query_ids (f->store, &query, &error);
  g_assert_null (ids);
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* ...until the connection is given no cancellable again. */
  liaison_store_set_cancellable (f->store, NULL);
  ids = liaison_store_query_ids (f->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 250);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  liaison_test_add_file_func ("/store/open/private-file", test_open_creates_private_file);
  liaison_test_add_file_func ("/store/open/wal-and-version", test_open_wal_and_version);
  liaison_test_add_file_func ("/store/open/newer-refused", test_open_newer_refused);
  liaison_test_add_file_func ("/store/open/newer-log-unchanged", test_open_newer_log_unchanged);
  liaison_test_add_file_func ("/store/open/not-a-database", test_open_not_a_database);
  liaison_test_add_file_func ("/store/open/foreign-sqlite", test_open_foreign_sqlite);
  liaison_test_add_file_func ("/store/open/damaged-schema", test_open_damaged_schema);
  liaison_test_add_file_func ("/store/open/existing", test_open_existing);
  liaison_test_add_file_func ("/store/open/page-size", test_open_page_size);
  liaison_test_add_file_func ("/store/open/source-check", test_open_source_check);
  g_test_add_func ("/store/transaction/nested-rollback", test_nested_rollback);
  liaison_test_add_file_func ("/store/transaction/search-follows-changes", test_search_follows_changes);
  g_test_add_func ("/store/transaction/device-after-rollback", test_device_after_rollback);
  liaison_test_add_file_func ("/store/large/journal", test_large_journal);
  liaison_test_add_file_func ("/store/large/first-fill", test_large_first_fill);
  liaison_test_add_file_func ("/store/large/killed", test_large_killed);
  g_test_add_func ("/store/read/export-snapshot", test_read_export_snapshot);
  g_test_add_func ("/store/read/records-snapshot", test_read_records_snapshot);
  g_test_add_func ("/store/read/csv-snapshot", test_read_csv_snapshot);
  g_test_add_func ("/store/read/query-cancelled", test_read_query_cancelled);
  if (liaison_test_on_server ())
    {
      g_test_add_func ("/store/server/others-changes", test_server_others_changes);
      g_test_add_func ("/store/server/reconnect", test_server_reconnect);
    }

  return g_test_run ();
}
