/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "cli-fixture.h"
#include "liaison-store-schema-private.h"
#include "liaison-test-pg.h"

/*
 * liaison-cli on a team's PostgreSQL server (team.md), several at once, in
 * schemas of the tests' own (liaison-test-pg.h: on $LIAISON_TEST_SERVER,
 * else on a cluster of their own).
 */

static void
run_on (Fixture    *fixture,
        const char *database,
        Result     *result,
        const char *const *args)
{
  g_autoptr(GError) error = NULL;
  RunOptions options = { database, NULL, NULL, FALSE, NULL, NULL };

  g_assert_true (run_with (fixture, &options, result, args, &error));
  g_assert_no_error (error);
}

/* export-stats with exported_at masked. */
static char *
exported (Fixture    *fixture,
          const char *database)
{
  g_auto(Result) result = { 0 };
  const char *args[] = { "export-stats", NULL };
  LiaisonTime before = (g_get_real_time () / 1000000) * 1000;
  LiaisonTime after;

  run_on (fixture, database, &result, args);
  after = g_get_real_time () / 1000 + 1000;
  assert_result (&result, 0, result.out, "");
  return mask_exported_at (result.out, before, after);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* `list --format csv` without the id column (ids follow the order rows
 * came in, which concurrent imports need not share), rows sorted. */
static char *
rows_without_ids (Fixture    *fixture,
                  const char *database)
{
  g_auto(Result) result = { 0 };
  const char *args[] = { "list", "--format", "csv", NULL };
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  run_on (fixture, database, &result, args);
  assert_result (&result, 0, result.out, "");
  lines = g_strsplit (result.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      g_ptr_array_add (rows, strchr (lines[i], ',') != NULL ? strchr (lines[i], ',') + 1 : lines[i]);
  g_ptr_array_sort (rows, compare_strings);
  g_ptr_array_add (rows, NULL);
  return g_strjoinv ("\n", (char **) rows->pdata);
}

/* Starts liaison-cli import-netflow of @file into @database, in the background. */
static GSubprocess *
start_import (const char *database,
              const char *file)
{
  g_autoptr(GError) error = NULL;
  GSubprocess *process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                           &error, cli_path (), "--database", database,
                                           "import-netflow", "--interval", "60", file, NULL);

  g_assert_no_error (error);
  return process;
}

static int
finish (GSubprocess *process,
        char       **err)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, err, &error));
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

/* Imports by several people at once all land, and the result is the
 * sequential one (team.md 3). */
static void
test_concurrent_imports (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(LiaisonTestPg) together = liaison_test_pg_new ();
  g_autoptr(LiaisonTestPg) one_by_one = liaison_test_pg_new ();
  g_auto(GStrv) files = write_seed_files (fixture);
  GSubprocess *processes[3];
  g_autofree char *together_export = NULL;
  g_autofree char *sequential_export = NULL;
  g_autofree char *together_rows = NULL;
  g_autofree char *sequential_rows = NULL;


  /* The schema is made by the first to come; the others wait for it. */
  for (guint i = 0; i < G_N_ELEMENTS (processes); i++)
    processes[i] = start_import (together->uri, files[i]);
  for (guint i = 0; i < G_N_ELEMENTS (processes); i++)
    {
      g_autofree char *err = NULL;

      g_assert_cmpint (finish (processes[i], &err), ==, 0);
      g_assert_cmpstr (err, ==, "");
      g_object_unref (processes[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (processes); i++)
    {
      g_autoptr(GSubprocess) process = start_import (one_by_one->uri, files[i]);
      g_autofree char *err = NULL;

      g_assert_cmpint (finish (process, &err), ==, 0);
    }

  together_export = exported (fixture, together->uri);
  sequential_export = exported (fixture, one_by_one->uri);
  g_assert_cmpstr (together_export, ==, sequential_export);
  g_assert_nonnull (strstr (together_export, "\"active_samples\": "));

  together_rows = rows_without_ids (fixture, together->uri);
  sequential_rows = rows_without_ids (fixture, one_by_one->uri);
  g_assert_cmpstr (together_rows, ==, sequential_rows);
}

/* The same file imported by two people at once: taken once, refused once. */
static void
test_duplicate_once (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(LiaisonTestPg) schema = liaison_test_pg_new ();
  g_auto(GStrv) files = write_seed_files (fixture);
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) second = NULL;
  g_autofree char *first_err = NULL;
  g_autofree char *second_err = NULL;
  g_autofree char *refused = g_strdup_printf ("liaison-cli: %s: already imported", files[0]);
  int first_status, second_status;

  first = start_import (schema->uri, files[0]);
  second = start_import (schema->uri, files[0]);
  first_status = finish (first, &first_err);
  second_status = finish (second, &second_err);
  g_test_message ("first import: exit %d, %s", first_status, first_err);
  g_test_message ("second import: exit %d, %s", second_status, second_err);

  g_assert_cmpint (MIN (first_status, second_status), ==, 0);
  g_assert_cmpint (MAX (first_status, second_status), ==, 2);
  g_assert_true (g_str_has_prefix (first_status == 2 ? first_err : second_err, refused));
  g_assert_cmpstr (first_status == 2 ? second_err : first_err, ==, "");
}

/* The same inputs give the same document and rows in a file and on a
 * server (team.md 2). */
static void
test_same_as_file (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(LiaisonTestPg) schema = liaison_test_pg_new ();
  g_auto(GStrv) files = write_seed_files (fixture);
  g_autofree char *server_export = NULL;
  g_autofree char *file_export = NULL;
  g_autofree char *server_rows = NULL;
  g_autofree char *file_rows = NULL;

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_auto(Result) on_server = { 0 };
      g_auto(Result) in_file = { 0 };
      const char *args[] = { "import-netflow", "--interval", "60", files[i], NULL };

      run_on (fixture, schema->uri, &on_server, args);
      run_on (fixture, fixture->db, &in_file, args);
      assert_result (&on_server, 0, in_file.out, in_file.err);
    }
  {
    g_auto(Result) on_server = { 0 };
    g_auto(Result) in_file = { 0 };
    const char *args[] = { "add", "--client-ip", "10.9.0.1", "--listener-ip", "10.9.0.2", "--port", "22",
                           "--protocol", "tcp", "--client-device", "Laptop", NULL };

    run_on (fixture, schema->uri, &on_server, args);
    run_on (fixture, fixture->db, &in_file, args);
    assert_result (&on_server, 0, in_file.out, in_file.err);
  }

  server_export = exported (fixture, schema->uri);
  file_export = exported (fixture, fixture->db);
  g_assert_cmpstr (server_export, ==, file_export);

  server_rows = rows_without_ids (fixture, schema->uri);
  file_rows = rows_without_ids (fixture, fixture->db);
  g_assert_cmpstr (server_rows, ==, file_rows);

  {
    g_auto(Result) on_server = { 0 };
    g_auto(Result) in_file = { 0 };
    const char *args[] = { "stats", NULL };

    run_on (fixture, schema->uri, &on_server, args);
    run_on (fixture, fixture->db, &in_file, args);
    assert_result (&on_server, 0, in_file.out, "");
  }
}

/* Adds the first service communication, 10.9.0.1 to 10.9.0.2:22/tcp. */
static void
add_first (Fixture    *fixture,
           const char *uri)
{
  g_auto(Result) made = { 0 };
  const char *add[] = { "add", "--client-ip", "10.9.0.1", "--listener-ip", "10.9.0.2", "--port", "22",
                        "--protocol", "tcp", NULL };

  run_on (fixture, uri, &made, add);
  assert_result (&made, 0, "1\n", "");
}

/* A schema written by a newer Liaison is refused and left as it was. */
static void
test_newer_schema (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(LiaisonTestPg) schema = liaison_test_pg_new ();
  g_auto(Result) refused = { 0 };
  g_autofree char *update = NULL;
  g_autofree char *expected = NULL;
  const char *list[] = { "list", NULL };

  add_first (fixture, schema->uri);
  update = g_strdup_printf ("UPDATE %s.liaison_schema SET version = 99", schema->schema);
  liaison_test_pg_exec (schema, update);

  run_on (fixture, schema->uri, &refused, list);
  expected = g_strdup_printf ("liaison-cli: %s: this database was written by a newer version of Liaison "
                              "(database version 99, this version understands up to %u); "
                              "update Liaison to open it\n", schema->uri, liaison_schema_pg_version ());
  assert_result (&refused, 1, "", expected);

  {
    g_autofree char *check = g_strdup_printf ("UPDATE %s.liaison_schema SET version = %u", schema->schema,
                                              liaison_schema_pg_version ());
    g_auto(Result) again = { 0 };

    liaison_test_pg_exec (schema, check);
    run_on (fixture, schema->uri, &again, list);
    g_assert_cmpint (again.status, ==, 0);
    g_assert_nonnull (strstr (again.out, "10.9.0.1"));
  }
}

/* Fails the test unless the schema's version is @version and it has the
 * index of export order that version 5 had exactly when @order_index. */
static void
assert_schema (LiaisonTestPg *schema,
               guint          version,
               gboolean       order_index)
{
  g_autofree char *check = g_strdup_printf (
    "DO $check$ BEGIN"
    "  IF (SELECT max(version) FROM %s.liaison_schema) <> %u"
    "     OR (to_regclass ('%s.stat_record_order') IS NOT NULL) <> %s THEN"
    "    RAISE EXCEPTION 'the schema is not at version %u';"
    "  END IF;"
    " END $check$", schema->schema, version, schema->schema, order_index ? "TRUE" : "FALSE", version);

  liaison_test_pg_exec (schema, check);
}

/* A schema of version 5 (with its index of export order) is brought up to
 * date by its owner's first opening; a reader is told to have the owner
 * open it, and changes nothing. */
static void
test_older_schema (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(LiaisonTestPg) schema = liaison_test_pg_new ();
  g_auto(Result) refused = { 0 };
  g_auto(Result) listed = { 0 };
  g_auto(Result) read = { 0 };
  g_autofree char *older = NULL;
  g_autofree char *expected = NULL;
  const char *list[] = { "list", "--format", "csv", NULL };

  add_first (fixture, schema->uri);
  older = g_strdup_printf ("SET search_path = %s; UPDATE liaison_schema SET version = 5;"
                           " CREATE INDEX stat_record_order ON stat_record"
                           " (listener_key, port, protocol, client_key, listener_device)", schema->schema);
  liaison_test_pg_exec (schema, older);
  liaison_test_pg_grant_reader (schema);

  run_on (fixture, schema->reader_uri, &refused, list);
  expected = g_strdup_printf ("liaison-cli: %s: the database's schema (version 5) is older than this version of "
                              "Liaison's (%u); its owner must open it once with this version to bring it "
                              "up to date\n", schema->reader_uri, liaison_schema_pg_version ());
  assert_result (&refused, 1, "", expected);
  assert_schema (schema, 5, TRUE);

  run_on (fixture, schema->uri, &listed, list);
  g_assert_cmpint (listed.status, ==, 0);
  g_assert_nonnull (strstr (listed.out, "10.9.0.1,,10.9.0.2,,22,tcp"));
  /* at the last version that changed a server: a step only a file needs
   * (the search index's, 7) does not make its owner open it again */
  assert_schema (schema, liaison_schema_pg_version (), FALSE);
  g_assert_cmpuint (liaison_schema_pg_version (), ==, 6);
  run_on (fixture, schema->reader_uri, &read, list);
  g_assert_cmpint (read.status, ==, 0);
  g_assert_nonnull (strstr (read.out, "10.9.0.1,,10.9.0.2,,22,tcp"));
}

/* A schema that holds someone else's tables is refused, and nothing is
 * made in it: only their table is there after. */
static void
test_foreign_tables (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(LiaisonTestPg) schema = liaison_test_pg_new ();
  g_auto(Result) refused = { 0 };
  g_autofree char *theirs = g_strdup_printf ("CREATE TABLE %s.invoice (id int)", schema->schema);
  g_autofree char *only_theirs = g_strdup_printf (
    "DO $check$ BEGIN"
    "  IF (SELECT string_agg (tablename, ',') FROM pg_catalog.pg_tables WHERE schemaname = '%s') <> 'invoice' THEN"
    "    RAISE EXCEPTION 'the schema holds more than its table';"
    "  END IF;"
    " END $check$", schema->schema);
  g_autofree char *expected = NULL;
  const char *list[] = { "list", NULL };

  liaison_test_pg_exec (schema, theirs);
  run_on (fixture, schema->uri, &refused, list);
  expected = g_strdup_printf ("liaison-cli: %s: the database's schema holds tables that are not Liaison's; "
                              "give Liaison a database (or schema) of its own\n", schema->uri);
  assert_result (&refused, 1, "", expected);
  liaison_test_pg_exec (schema, only_theirs);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  add_test ("/cli-server/concurrent-imports", test_concurrent_imports);
  add_test ("/cli-server/duplicate-once", test_duplicate_once);
  add_test ("/cli-server/same-as-file", test_same_as_file);
  add_test ("/cli-server/newer-schema", test_newer_schema);
  add_test ("/cli-server/older-schema", test_older_schema);
  add_test ("/cli-server/foreign-tables", test_foreign_tables);

  return g_test_run ();
}
