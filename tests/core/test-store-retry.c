/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>

#include "liaison-error.h"
#include "liaison-store-communications.h"
#include "liaison-store-groups.h"
#include "liaison-test-fixture.h"

/*
 * Work a server aborts for another's sake (a serialization failure, a
 * deadlock) runs again, unseen (team.md 3). The server itself fails it: a
 * trigger raises the SQLSTATE while a sequence, which no rollback takes
 * back, counts its calls.
 */

#define EXPORTED_AT "2026-12-01T00:00:00Z"

/* A trigger on @table, before each @event statement, that fails with
 * @state on its first call (or on every call when @always) and counts its
 * calls in the sequence calls, which starts at @start: a reference that
 * starts at 2 never fails, and counts the same. */
static void
fail_on (LiaisonTestFixture *f,
         const char         *table,
         const char         *event,
         const char         *state,
         gint64              start,
         gboolean            always)
{
  const char *schema = f->pg->schema;
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("CREATE SEQUENCE %s.calls START %" G_GINT64_FORMAT ";"
                         "CREATE FUNCTION %s.fail_once () RETURNS trigger LANGUAGE plpgsql AS $$"
                         " BEGIN"
                         "  IF nextval ('%s.calls') <= %d THEN"
                         "   RAISE EXCEPTION 'could not serialize access' USING ERRCODE = '%s';"
                         "  END IF;"
                         "  RETURN NULL;"
                         " END $$;"
                         "CREATE TRIGGER fail_once BEFORE %s ON %s.%s"
                         " FOR EACH STATEMENT EXECUTE FUNCTION %s.fail_once ()",
                         schema, start, schema, schema, always ? G_MAXINT : 1, state,
                         event, schema, table, schema);
  liaison_test_pg_exec (f->pg, sql);
}

/* The same trigger function, also before each @event statement on @table. */
static void
also_on (LiaisonTestFixture *f,
         const char         *name,
         const char         *event,
         const char         *table)
{
  const char *schema = f->pg->schema;
  g_autofree char *sql = g_strdup_printf ("ALTER SEQUENCE %s.calls RESTART WITH 1;"
                                          "CREATE TRIGGER %s BEFORE %s ON %s.%s"
                                          " FOR EACH STATEMENT EXECUTE FUNCTION %s.fail_once ()",
                                          schema, name, event, schema, table, schema);

  liaison_test_pg_exec (f->pg, sql);
}

static gint64
calls (LiaisonTestFixture *f)
{
  return liaison_test_query_int (f->store, "SELECT last_value FROM calls");
}


/* The service communications as listed, without their ids (a sequence
 * that a rolled back attempt used is not given back). */
static char *
list_without_ids (LiaisonStore *store)
{
  return liaison_test_query_text (store,
                                  "SELECT string_agg (client_ip || '>' || listener_ip || ':' || port || '/' || protocol"
                                  " || ' ' || coalesce (first_detected, 0) || '-' || coalesce (last_detected, 0)"
                                  " || ' ' || source, ';' ORDER BY client_key, listener_key, port, protocol)"
                                  " FROM communication");
}

static void
import_sample (LiaisonTestFixture *f)
{
  g_autofree char *path = liaison_test_data_path ("netflow", "nfcapd.sample1.csv");
  const char *paths[] = { path, NULL };
  g_autoptr(GError) error = NULL;

  liaison_test_import_netflow (f, 60, paths, NULL, &error);
  g_assert_no_error (error);
}

/* An import whose first attempt the server fails lands whole, the same as
 * one that never failed: the same export, the same rows, the same figures. */
static void
test_import_serialization (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(LiaisonTestFixture) reference = liaison_test_fixture_new ();
  g_autofree char *export_retried = NULL;
  g_autofree char *export_reference = NULL;
  g_autofree char *list_retried = NULL;
  g_autofree char *list_reference = NULL;
  g_autofree char *figures_retried = NULL;
  g_autofree char *figures_reference = NULL;

  fail_on (f, "communication", "INSERT", "serialization_failure", 1, FALSE);
  fail_on (reference, "communication", "INSERT", "serialization_failure", 2, FALSE);

  import_sample (f);
  import_sample (reference);

  /* Failed once, then ran as often as where it never failed. */
  g_assert_cmpint (calls (reference), >, 1);
  g_assert_cmpint (calls (f), ==, calls (reference));

  export_retried = liaison_test_export (f->store, NULL, EXPORTED_AT);
  export_reference = liaison_test_export (reference->store, NULL, EXPORTED_AT);
  g_assert_cmpstr (export_retried, ==, export_reference);
  list_retried = list_without_ids (f->store);
  list_reference = list_without_ids (reference->store);
  g_assert_nonnull (list_reference);
  g_assert_cmpstr (list_retried, ==, list_reference);
  figures_retried = liaison_test_netflow_figures (f->store);
  figures_reference = liaison_test_netflow_figures (reference->store);
  g_assert_cmpstr (figures_retried, ==, figures_reference);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM sample"), ==, 1);
}

/* An edit that meets a deadlock is written once it runs again. */
static void
test_edit_deadlock (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  LiaisonCommunicationInput input = { .client_device = "web-1" };
  g_autofree char *device = NULL;
  gint64 id = liaison_test_add (f->store, "10.0.0.9", "10.0.0.5", "443", "tcp", NULL);

  fail_on (f, "communication", "UPDATE", "deadlock_detected", 1, FALSE);

  g_assert_true (liaison_store_edit_communication (f->store, id, &input, &error));
  g_assert_no_error (error);
  g_assert_cmpint (calls (f), ==, 2);
  device = liaison_test_query_text (f->store, "SELECT client_device FROM communication");
  g_assert_cmpstr (device, ==, "web-1");
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM device WHERE name = 'web-1'"), ==, 1);
}

/* A group change and an added row: the same. */
static void
test_group_and_add_serialization (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  const char *members[] = { "10.0.0.5", NULL };
  g_autofree char *list = NULL;

  fail_on (f, "user_group_member", "INSERT", "serialization_failure", 1, FALSE);
  g_assert_true (liaison_store_group_add (f->store, "web", members, &error));
  g_assert_no_error (error);
  g_assert_cmpint (calls (f), ==, 2);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM user_group"), ==, 1);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM user_group_member"), ==, 1);

  also_on (f, "fail_add", "INSERT", "communication");
  liaison_test_add (f->store, "10.0.0.9", "10.0.0.5", "443", "tcp", NULL);
  g_assert_cmpint (calls (f), ==, 2);
  list = list_without_ids (f->store);
  g_assert_cmpstr (list, ==, "10.0.0.9>10.0.0.5:443/tcp 0-0 manual");
}

/* A failure that comes back every time ends with the server's error after
 * the retries, and nothing written. */
static void
test_import_fails_forever (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = liaison_test_data_path ("netflow", "nfcapd.sample1.csv");
  const char *paths[] = { path, NULL };

  fail_on (f, "communication", "INSERT", "serialization_failure", 1, TRUE);

  g_assert_false (liaison_test_import_netflow (f, 60, paths, NULL, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE);
  g_assert_true (g_str_has_suffix (error->message, "database error: could not serialize access"));
  /* The first attempt and five more. */
  g_assert_cmpint (calls (f), ==, 6);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM communication"), ==, 0);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM sample"), ==, 0);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM stat_record"), ==, 0);
  g_clear_error (&error);

  /* The same for an edit: the row stays as it was. */
  {
    g_autofree char *drop = g_strdup_printf ("DROP TRIGGER fail_once ON %s.communication", f->pg->schema);
    gint64 id;
    LiaisonCommunicationInput input = { .client_device = "web-1" };
    g_autofree char *device = NULL;

    liaison_test_pg_exec (f->pg, drop);
    id = liaison_test_add (f->store, "10.0.0.9", "10.0.0.5", "443", "tcp", NULL);
    also_on (f, "fail_edit", "UPDATE", "communication");
    g_assert_false (liaison_store_edit_communication (f->store, id, &input, &error));
    g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE);
    g_assert_cmpint (calls (f), ==, 6);
    device = liaison_test_query_text (f->store, "SELECT coalesce (client_device, '-') FROM communication");
    g_assert_cmpstr (device, ==, "-");
    g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM device"), ==, 0);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  /* A file's SQLite has no such failure: these run on a server. */
  if (liaison_test_on_server ())
    {
      g_test_add_func ("/store-retry/import-serialization", test_import_serialization);
      g_test_add_func ("/store-retry/edit-deadlock", test_edit_deadlock);
      g_test_add_func ("/store-retry/group-and-add-serialization", test_group_and_add_serialization);
      g_test_add_func ("/store-retry/fails-forever", test_import_fails_forever);
    }

  return g_test_run ();
}
