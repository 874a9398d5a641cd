/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <locale.h>
#include <pwd.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cli-fixture.h"

/*
 * liaison-cli.c: the global options, the command table, and the database
 * that every command opens.
 */

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  static const UsageCase cases[] = {
    { { NULL }, "liaison-cli: a command is required (see “liaison-cli --help”)\n" },
    { { "frobnicate" }, "liaison-cli: unknown command “frobnicate” (see “liaison-cli --help”)\n" },
    { { "--bogus", "list" }, "liaison-cli: unknown option “--bogus” (see “liaison-cli --help”)\n" },
  };

  assert_usage_errors (fixture, cases, G_N_ELEMENTS (cases));
}

static const char usage_text[] =
  "Usage: liaison-cli [--database FILE] COMMAND [OPTIONS] [FILE...]\n"
  "\n"
  "Commands:\n"
  "  add             add a service communication; prints its id\n"
  "  edit ID         change the given fields of one service communication\n"
  "  delete ID...    delete service communications (and their classic statistics)\n"
  "  list            list service communications\n"
  "  import-netstat  import netstat samples (format detected; '-' reads stdin)\n"
  "  sample-host     take a netstat sample of this machine now\n"
  "  import-netflow  import flow records into sample windows\n"
  "  watch-netflow   import each file a collector finishes in DIR\n"
  "  sample-ssh      take a netstat sample of each remote host over SSH\n"
  "  stats           show statistics records\n"
  "  export-stats    write all statistics as JSON; stdout by default\n"
  "  map             the dependency map: who talks to whom\n"
  "  impact          what depends on a node (or what it depends on)\n"
  "  compare         what is new, gone or kept between two time ranges\n"
  "  rules           allow-list firewall rules from the map\n"
  "  group           user groups of devices and addresses\n"
  "\n"
  "Options:\n"
  "  --database FILE  the database (default: $LIAISON_DATABASE, else\n"
  "                   $XDG_DATA_HOME/liaison/liaison.db)\n"
  "  --allow-shared   use a database that another user owns or others\n"
  "                   may write to\n"
  "  -h, --help       show this help\n"
  "  --version        show the version\n"
  "\n"
  "Run “liaison-cli COMMAND --help” for the options of a command.\n";

/* The help lists every command of the command table, in its order. */
static void
test_help (Fixture       *fixture,
           gconstpointer  data)
{
  g_auto(Result) result = { 0 };

  RUN (fixture, &result, "--help");
  g_assert_cmpint (result.status, ==, 0);
  g_assert_true (g_str_has_prefix (result.out, "Usage: liaison-cli [--database FILE] COMMAND [OPTIONS] [FILE...]\n"));
  g_assert_cmpstr (result.err, ==, "");
  assert_result (&result, 0, usage_text, "");

  RUN (fixture, &result, "-h");
  assert_result (&result, 0, usage_text, "");

  RUN (fixture, &result, "--version");
  assert_result (&result, 0, "liaison-cli " PACKAGE_VERSION "\n", "");

  g_assert_false (g_file_test (fixture->db, G_FILE_TEST_EXISTS));
}

/* LIAISON_DATABASE names the database when --database does not. */
static void
test_environment (Fixture       *fixture,
                  gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *other = g_build_filename (fixture->dir, "sub", "other.db", NULL);
  g_autofree char *csv = NULL;
  const char *add[] = { "add", "--client-ip", "10.0.0.9", "--listener-ip", "10.0.0.5", "--port", "443",
                        "--protocol", "tcp", NULL };
  const char *list[] = { "list", "--format", "csv", NULL };
  RunOptions env = { NULL, NULL, other, FALSE };
  RunOptions both = { fixture->db, NULL, other, FALSE };
  GStatBuf st;

  g_assert_true (run_with (fixture, &env, &result, add, &error));
  assert_result (&result, 0, "1\n", "");
  /* Created with its folder, for its owner only. */
  g_assert_cmpint (g_stat (other, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* --database wins over the environment. */
  g_assert_true (run_with (fixture, &both, &result, list, &error));
  assert_result (&result, 0, CSV_HEADER, "");

  g_assert_true (run_with (fixture, &env, &result, list, &error));
  assert_result (&result, 0, CSV_HEADER "1,10.0.0.9,,10.0.0.5,,443,tcp,,,,,manual\n", "");
  csv = dump (fixture);
  g_assert_cmpstr (csv, ==, CSV_HEADER);
}

static void
test_not_a_database (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autofree char *text = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  const char *not_db = "these are notes, not a database; a database would start with its header\n"
                       "and this text is long enough for SQLite to read a whole header of it.\n";

  g_free (fixture->db);
  fixture->db = write_file (fixture, "notes.txt", not_db);
  err = g_strdup_printf ("liaison-cli: %s: not a Liaison database (file is not a database)\n", fixture->db);

  RUN (fixture, &result, "list");
  assert_result (&result, 1, "", err);
  RUN (fixture, &result, "add", "--client-ip", "10.0.0.9", "--listener-ip", "10.0.0.5", "--port", "443",
       "--protocol", "tcp");
  assert_result (&result, 1, "", err);

  g_assert_true (g_file_get_contents (fixture->db, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, not_db);

  /* A folder in its place. */
  g_free (fixture->db);
  fixture->db = g_build_filename (fixture->dir, "folder.db", NULL);
  g_assert_cmpint (g_mkdir (fixture->db, 0700), ==, 0);
  g_free (err);
  err = g_strdup_printf ("liaison-cli: %s: is a folder, not a database\n", fixture->db);
  RUN (fixture, &result, "list");
  assert_result (&result, 1, "", err);
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *folder = g_build_filename (fixture->dir, "ro", NULL);
  g_autofree char *copy = g_build_filename (folder, "liaison.db", NULL);
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  gboolean as_root = geteuid () == 0;
  const char *add[] = { "add", "--client-ip", "10.0.0.8", "--listener-ip", "10.0.0.5", "--port", "443",
                        "--protocol", "tcp", NULL };
  RunOptions options = { copy, NULL, NULL, as_root };

  add_row (fixture, "1", "--client-ip", "10.0.0.9", "--listener-ip", "10.0.0.5", "--port", "443",
           "--protocol", "tcp", NULL);
  before = dump (fixture);

  /* A copy of the database (checkpointed: the copy holds everything). */
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (fixture->db, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (g_file_get_contents (fixture->db, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));
  g_assert_cmpint (g_chmod (copy, 0400), ==, 0);

  /* root writes whatever the mode says: the CLI runs as nobody then, owning
   * a read-only file in a folder it may write to. */
  if (as_root)
    {
      g_assert_cmpint (chown (folder, NOBODY, NOBODY), ==, 0);
      g_assert_cmpint (chown (copy, NOBODY, NOBODY), ==, 0);
      g_assert_cmpint (g_chmod (fixture->dir, 0711), ==, 0);
      if (access (cli_path (), X_OK) != 0 ||
          !run_with (fixture, &options, &result, add, &error) ||
          result.status == 99)
        {
          g_test_skip ("running as root and liaison-cli cannot be run as nobody here");
          return;
        }
    }
  else
    {
      g_assert_true (run_with (fixture, &options, &result, add, &error));
    }

  err = g_strdup_printf ("liaison-cli: %s: cannot write to the database: it is read-only\n", copy);
  if (result.status == 1 && strstr (result.err, "cannot create") != NULL)
    {
      /* nobody could not reach the folder at all (a parent is closed to others). */
      g_test_skip (result.err);
      return;
    }
  assert_result (&result, 1, "", err);

  /* The copy is as it was. */
  {
    g_autofree char *now = NULL;
    gsize now_length = 0;

    g_assert_true (g_file_get_contents (copy, &now, &now_length, NULL));
    g_assert_cmpmem (now, now_length, contents, length);
  }
  after = dump (fixture);
  g_assert_cmpstr (after, ==, before);
}

/* Another process holds the write lock: the CLI gives up after its busy
 * timeout (about 5 s) with a message, instead of hanging. */
static void
test_locked (Fixture       *fixture,
             gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *err = NULL;
  sqlite3 *db = NULL;
  gint64 start, elapsed;

  add_row (fixture, "1", "--client-ip", "10.0.0.9", "--listener-ip", "10.0.0.5", "--port", "443",
           "--protocol", "tcp", NULL);
  before = dump (fixture);

  g_assert_cmpint (sqlite3_open (fixture->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);

  start = g_get_monotonic_time ();
  RUN (fixture, &result, "add", "--client-ip", "10.0.0.8", "--listener-ip", "10.0.0.5", "--port", "443",
       "--protocol", "tcp");
  elapsed = g_get_monotonic_time () - start;

  err = g_strdup_printf ("liaison-cli: %s: the database is locked by another program; "
                         "try again when it is done (database is locked)\n", fixture->db);
  assert_result (&result, 1, "", err);
  g_assert_cmpint (elapsed, >=, 4 * G_USEC_PER_SEC);
  g_assert_cmpint (elapsed, <, 30 * G_USEC_PER_SEC);

  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  after = dump (fixture);
  g_assert_cmpstr (after, ==, before);
}

static char *
read_bytes (const char *path,
            gsize      *length)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, NULL));
  return contents;
}

static void
sqlite_exec (const char *path,
             const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* Runs `list` on @path, which must be refused with @status and a message
 * that starts with @err_prefix; the file is still @before, byte for byte,
 * and no write-ahead log or shared-memory file was made beside it. (The
 * caller reads @before: closing a file it has opened drops this process's
 * locks on it, those of a lock holder too.) */
static void
assert_refused_unchanged (Fixture    *fixture,
                          const char *path,
                          const char *before,
                          gsize       before_length,
                          int         status,
                          const char *err_prefix)
{
  g_auto(Result) result = { 0 };
  g_autofree char *after = NULL;
  g_autofree char *prefix = g_strdup_printf ("liaison-cli: %s: %s", path, err_prefix);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  const char *list[] = { "list", NULL };
  RunOptions options = { path, NULL, NULL, FALSE };
  g_autoptr(GError) error = NULL;
  gsize after_length = 0;

  g_assert_true (run_with (fixture, &options, &result, list, &error));
  g_test_message ("%s", result.err);
  g_assert_cmpint (result.status, ==, status);
  g_assert_cmpstr (result.out, ==, "");
  g_assert_true (g_str_has_prefix (result.err, prefix));

  after = read_bytes (path, &after_length);
  g_assert_cmpmem (after, after_length, before, before_length);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
}

static void
assert_refused (Fixture    *fixture,
                const char *path,
                int         status,
                const char *err_prefix)
{
  g_autofree char *before = NULL;
  gsize length = 0;

  before = read_bytes (path, &length);
  assert_refused_unchanged (fixture, path, before, length, status, err_prefix);
}

/* A database Liaison refuses is left exactly as it was: one of a newer
 * Liaison, another program's SQLite files (whatever their user_version),
 * and one that another program holds locked. (A read-only one: see
 * /cli/read-only.) Each is in rollback-journal mode, as a copy made with
 * `sqlite3 .backup` is: switching it to WAL would change its header. */
static void
test_refused_unchanged (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *newer = g_build_filename (fixture->dir, "newer.db", NULL);
  g_autofree char *foreign = g_build_filename (fixture->dir, "foreign.db", NULL);
  g_autofree char *foreign_old = g_build_filename (fixture->dir, "foreign-1.db", NULL);
  g_autofree char *foreign_id = g_build_filename (fixture->dir, "foreign-id.db", NULL);
  g_autofree char *locked = g_build_filename (fixture->dir, "locked.db", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  sqlite3 *holder = NULL;

  add_row (fixture, "1", "--client-ip", "10.0.0.9", "--listener-ip", "10.0.0.5", "--port", "443",
           "--protocol", "tcp", NULL);
  sqlite_exec (fixture->db, "PRAGMA journal_mode = DELETE");
  contents = read_bytes (fixture->db, &length);

  g_assert_true (g_file_set_contents (newer, contents, length, NULL));
  sqlite_exec (newer, "PRAGMA user_version = 99");
  assert_refused (fixture, newer, 1, "this database was written by a newer version of Liaison");

  sqlite_exec (foreign, "CREATE TABLE notes (text); PRAGMA user_version = 99");
  assert_refused (fixture, foreign, 1, "this SQLite database was not made by Liaison\n");
  sqlite_exec (foreign_old, "CREATE TABLE notes (text); PRAGMA user_version = 1");
  assert_refused (fixture, foreign_old, 1, "this SQLite database was not made by Liaison\n");
  sqlite_exec (foreign_id, "CREATE TABLE notes (text); PRAGMA application_id = 1234");
  assert_refused (fixture, foreign_id, 1, "this SQLite database was not made by Liaison\n");

  /* Another program holds it: the command gives up after its busy timeout. */
  g_assert_true (g_file_set_contents (locked, contents, length, NULL));
  g_assert_cmpint (sqlite3_open (locked, &holder), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (holder, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  assert_refused_unchanged (fixture, locked, contents, length, 1, "the database is locked by another program");
  g_assert_cmpint (sqlite3_exec (holder, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (holder), ==, SQLITE_OK);

  /* Once free, the same file opens: it was Liaison's all along. */
  {
    g_auto(Result) result = { 0 };
    const char *list[] = { "list", "--format", "csv", NULL };
    RunOptions options = { locked, NULL, NULL, FALSE };
    g_autoptr(GError) error = NULL;

    g_assert_true (run_with (fixture, &options, &result, list, &error));
    assert_result (&result, 0, CSV_HEADER "1,10.0.0.9,,10.0.0.5,,443,tcp,,,,,manual\n", "");
  }
}

#define SHARED_HINT "; to use it as it is, allow a shared database with --allow-shared (or LIAISON_ALLOW_SHARED=1)\n"

/* Runs `list --format csv` on @path with @args before the command and
 * LIAISON_ALLOW_SHARED set to @allow (NULL: unset). */
static void
run_list_on (Fixture    *fixture,
             const char *path,
             const char *global,
             const char *allow,
             Result     *result)
{
  g_autoptr(GError) error = NULL;
  const char *with_global[] = { global, "list", "--format", "csv", NULL };
  const char *plain[] = { "list", "--format", "csv", NULL };
  RunOptions options = { path, NULL, NULL, FALSE, NULL, allow };

  g_assert_true (run_with (fixture, &options, result, global != NULL ? with_global : plain, &error));
}

/* A database others may write to, or in a folder others may write to, is
 * refused with a message that says why and what to do, and left as it
 * was; --allow-shared or LIAISON_ALLOW_SHARED=1 use it all the same. */
static void
test_writable_by_others (Fixture       *fixture,
                         gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *shared = g_build_filename (fixture->dir, "shared", NULL);
  g_autofree char *in_shared = g_build_filename (shared, "liaison.db", NULL);
  gsize before_length = 0, after_length = 0;
  const char *rows = CSV_HEADER "1,10.0.0.9,,10.0.0.5,,443,tcp,,,,,manual\n";

  add_row (fixture, "1", "--client-ip", "10.0.0.9", "--listener-ip", "10.0.0.5", "--port", "443",
           "--protocol", "tcp", NULL);
  g_assert_cmpint (g_chmod (fixture->db, 0666), ==, 0);
  before = read_bytes (fixture->db, &before_length);

  run_list_on (fixture, fixture->db, NULL, NULL, &result);
  err = g_strdup_printf ("liaison-cli: %s: other users may write to %s (mode 0666): run “chmod o-w %s”"
                         SHARED_HINT, fixture->db, fixture->db, fixture->db);
  assert_result (&result, 1, "", err);
  after = read_bytes (fixture->db, &after_length);
  g_assert_cmpmem (after, after_length, before, before_length);

  run_list_on (fixture, fixture->db, "--allow-shared", NULL, &result);
  assert_result (&result, 0, rows, "");
  run_list_on (fixture, fixture->db, NULL, "1", &result);
  assert_result (&result, 0, rows, "");
  run_list_on (fixture, fixture->db, NULL, "0", &result);
  assert_result (&result, 1, "", err);

  /* As the message says. */
  g_assert_cmpint (g_chmod (fixture->db, 0640), ==, 0);
  run_list_on (fixture, fixture->db, NULL, NULL, &result);
  assert_result (&result, 0, rows, "");

  /* A folder anyone may write to: no database is made there. */
  g_assert_cmpint (g_mkdir (shared, 0700), ==, 0);
  g_assert_cmpint (g_chmod (shared, 01777), ==, 0);
  run_list_on (fixture, in_shared, NULL, NULL, &result);
  g_free (err);
  err = g_strdup_printf ("liaison-cli: %s: other users may write to the database's folder %s (mode 1777) "
                         "and so replace the database or put a journal of their own beside it: "
                         "move it to a folder of your own" SHARED_HINT, in_shared, shared);
  assert_result (&result, 1, "", err);
  g_assert_false (g_file_test (in_shared, G_FILE_TEST_EXISTS));

  run_list_on (fixture, in_shared, "--allow-shared", NULL, &result);
  assert_result (&result, 0, CSV_HEADER, "");
}

/* A database, or its folder, that belongs to another user is refused the
 * same way. Only root can give a file away: the test needs it (CI runs
 * as root). */
static void
test_other_user (Fixture       *fixture,
                 gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *theirs = g_build_filename (fixture->dir, "theirs", NULL);
  g_autofree char *in_theirs = g_build_filename (theirs, "liaison.db", NULL);
  g_autofree char *wal = g_strconcat (fixture->db, "-wal", NULL);
  g_autofree char *owner = NULL;
  struct passwd *nobody;
  gsize before_length = 0, after_length = 0;
  const char *rows = CSV_HEADER "1,10.0.0.9,,10.0.0.5,,443,tcp,,,,,manual\n";

  if (geteuid () != 0)
    {
      g_test_skip ("giving a file to another user needs root");
      return;
    }

  add_row (fixture, "1", "--client-ip", "10.0.0.9", "--listener-ip", "10.0.0.5", "--port", "443",
           "--protocol", "tcp", NULL);
  g_assert_cmpint (chown (fixture->db, NOBODY, NOBODY), ==, 0);
  before = read_bytes (fixture->db, &before_length);

  run_list_on (fixture, fixture->db, NULL, NULL, &result);
  nobody = getpwuid (NOBODY);
  owner = nobody != NULL ? g_strdup_printf ("%s (uid %d)", nobody->pw_name, NOBODY) : g_strdup_printf ("uid %d", NOBODY);
  err = g_strdup_printf ("liaison-cli: %s: the database belongs to another user, %s, who can "
                         "read and change everything written to it: use a copy of your own" SHARED_HINT,
                         fixture->db, owner);
  assert_result (&result, 1, "", err);
  after = read_bytes (fixture->db, &after_length);
  g_assert_cmpmem (after, after_length, before, before_length);

  run_list_on (fixture, fixture->db, "--allow-shared", NULL, &result);
  assert_result (&result, 0, rows, "");

  /* A write-ahead log of another user's beside one's own database. */
  g_assert_cmpint (chown (fixture->db, 0, 0), ==, 0);
  g_assert_true (g_file_set_contents (wal, "", 0, NULL));
  g_assert_cmpint (chown (wal, NOBODY, NOBODY), ==, 0);
  run_list_on (fixture, fixture->db, NULL, NULL, &result);
  g_assert_cmpint (result.status, ==, 1);
  g_free (err);
  err = g_strdup_printf ("liaison-cli: %s: the database's file %s belongs to another user, ", fixture->db, wal);
  g_assert_true (g_str_has_prefix (result.err, err));
  g_assert_cmpint (g_unlink (wal), ==, 0);

  /* Another user's folder. */
  g_assert_cmpint (g_mkdir (theirs, 0755), ==, 0);
  g_assert_cmpint (chown (theirs, NOBODY, NOBODY), ==, 0);
  run_list_on (fixture, in_theirs, NULL, NULL, &result);
  g_assert_cmpint (result.status, ==, 1);
  g_free (err);
  err = g_strdup_printf ("liaison-cli: %s: the database's folder %s belongs to another user, ", in_theirs, theirs);
  g_assert_true (g_str_has_prefix (result.err, err));
  g_assert_true (g_str_has_suffix (result.err, ", who can replace the database: move it to a folder of your own"
                                   SHARED_HINT));
  g_assert_false (g_file_test (in_theirs, G_FILE_TEST_EXISTS));
}

/* No message writes a control character to the terminal: values quoted
 * in messages (an option's value, a file name, a field of a file) come out
 * escaped, C1 controls and all. */
static void
test_escaped_messages (Fixture       *fixture,
                       gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autofree char *name = g_build_filename (fixture->dir, "\033[2J\302\233" "31m.csv", NULL);
  g_autofree char *err = NULL;
  g_autofree char *bad = NULL;

  RUN (fixture, &result, "add", "--client-ip", "\033]0;owned\007", "--listener-ip", "10.0.0.5",
       "--port", "443", "--protocol", "tcp");
  assert_result (&result, 2, "", "liaison-cli: --client-ip: “\\x1B]0;owned\\x07” is not an IP address\n");

  RUN (fixture, &result, "list", "--sort", "id:\033[2J");
  assert_result (&result, 2, "",
                 "liaison-cli: list: --sort: unknown order “\\x1B[2J” in “id:\\x1B[2J” (asc or desc)\n");

  /* A file name. */
  RUN (fixture, &result, "import-netflow", "--interval", "60", name);
  g_assert_cmpint (result.status, ==, 1);
  g_test_message ("%s", result.err);
  err = g_strdup_printf ("liaison-cli: %s/\\x1B[2J\\u009B31m.csv: ", fixture->dir);
  g_assert_true (g_str_has_prefix (result.err, err));

  /* A value in a file. */
  bad = write_file (fixture, "bad.csv",
                    "start,end,client_ip,client_port,listener_ip,listener_port,protocol\n"
                    "2026-11-27T00:01:15Z,,10.0.0.9\302\2330m,52001,10.0.0.5,443,tcp\n");
  RUN (fixture, &result, "import-netflow", "--interval", "60", bad);
  g_free (err);
  err = g_strdup_printf ("liaison-cli: %s:2: “10.0.0.9\\u009B0m” is not an IP address\n", bad);
  assert_result (&result, 2, "", err);
}

/* team.md's URIs name a server, never a file: a server that cannot be
 * reached is said so, with libpq's reason, the URI shown without its
 * password, and no folder named after the scheme appears where the
 * command ran. */
static void
test_server_uri (Fixture       *fixture,
                 gconstpointer  data)
{
  static const struct {
    const char *uri;
    const char *shown;
  } uris[] = {
    { "postgresql://alice:secret@db.invalid/liaison", "postgresql://alice@db.invalid/liaison" },
    { "postgres:///liaison?host=/nonexistent-liaison&password=secret", "postgres:///liaison?host=/nonexistent-liaison" },
    { "PostgreSQL://db.invalid/liaison", "PostgreSQL://db.invalid/liaison" },
  };
  const char *list[] = { "list", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (uris); i++)
    {
      g_auto(Result) by_option = { 0 };
      g_auto(Result) by_environment = { 0 };
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = g_strdup_printf ("liaison-cli: %s: cannot connect to the server: ", uris[i].shown);
      RunOptions option = { uris[i].uri, NULL, NULL, FALSE };
      RunOptions environment = { NULL, NULL, uris[i].uri, FALSE };

      g_assert_true (run_with (fixture, &option, &by_option, list, &error));
      g_assert_cmpint (by_option.status, ==, 1);
      g_assert_cmpstr (by_option.out, ==, "");
      g_assert_true (g_str_has_prefix (by_option.err, expected));
      g_assert_null (strstr (by_option.err, "secret"));
      g_assert_true (run_with (fixture, &environment, &by_environment, list, &error));
      g_assert_cmpint (by_environment.status, ==, 1);
      g_assert_cmpstr (by_environment.err, ==, by_option.err);
    }
  g_assert_false (g_file_test ("postgresql:", G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test ("postgres:", G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test ("PostgreSQL:", G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  add_test ("/cli/usage", test_usage);
  add_test ("/cli/help", test_help);
  add_test ("/cli/environment", test_environment);
  add_test ("/cli/not-a-database", test_not_a_database);
  add_test ("/cli/read-only", test_read_only);
  add_test ("/cli/locked", test_locked);
  add_test ("/cli/escaped-messages", test_escaped_messages);
  add_test ("/cli/refused-unchanged", test_refused_unchanged);
  add_test ("/cli/ownership/writable-by-others", test_writable_by_others);
  add_test ("/cli/ownership/other-user", test_other_user);
  add_test ("/cli/server-uri", test_server_uri);

  return g_test_run ();
}
