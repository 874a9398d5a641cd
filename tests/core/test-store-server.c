/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-server"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "liaison-error.h"
#include "liaison-store-server.h"
#include "liaison-test-fixture.h"
#include "liaison-test-pg.h"

/* What a store is connected to (team.md 1 and 3). */

static void
test_describe_file (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_folder_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStoreDescription) d = liaison_store_test_connection (f->db, &error);
  g_autofree char *location = NULL;
  g_autofree char *version = g_strdup_printf ("SQLite %s", sqlite3_libversion ());

  g_assert_no_error (error);
  g_assert_false (d->server);
  g_assert_cmpstr (d->version, ==, version);
  g_assert_cmpstr (d->database, ==, f->db);
  g_assert_null (d->role);
  g_assert_false (d->read_only);
  location = liaison_store_description_location (d);
  g_assert_cmpstr (location, ==, "liaison.db");
  g_assert_null (liaison_store_description_warning (d));
}

/* Owner and reader on a real server; the reader may only read, and a
 * write is refused naming the privilege it lacks; a role the server does
 * not know gets the server's error; a connection over the network without
 * encryption is warned about. */
static void
test_describe_server (void)
{
  g_autoptr(LiaisonTestPg) pg = liaison_test_pg_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) owner = liaison_store_open (pg->uri, &error);
  g_autoptr(LiaisonStore) reader = NULL;
  g_autoptr(LiaisonStoreDescription) d = NULL;
  g_autoptr(LiaisonStoreDescription) r = NULL;
  g_autofree char *location = NULL;
  g_autofree char *expected_location = NULL;
  g_autofree char *expected_error = NULL;
  g_autofree char *unknown_uri = NULL;
  g_autoptr(LiaisonStoreDescription) unknown = NULL;
  g_autofree char *remote_uri = NULL;
  g_autoptr(LiaisonStoreDescription) remote = NULL;
  g_autofree char *warning = NULL;
  g_autofree char *expected_warning = NULL;

  g_assert_no_error (error);
  d = liaison_store_describe (owner);
  g_assert_true (d->server);
  g_assert_true (g_str_has_prefix (d->version, "PostgreSQL 1"));
  g_assert_null (strchr (d->version + strlen ("PostgreSQL "), ' '));
  g_assert_cmpstr (d->database, ==, pg->database);
  g_assert_cmpstr (d->role, ==, pg->owner);
  g_assert_true (d->socket);
  g_assert_false (d->read_only);
  g_assert_false (liaison_store_is_read_only (owner));
  g_assert_true (liaison_store_check_writable (owner, &error));
  g_assert_no_error (error);
  location = liaison_store_description_location (d);
  expected_location = g_strdup_printf ("%s on localhost", pg->database);
  g_assert_cmpstr (location, ==, expected_location);
  g_assert_null (liaison_store_description_warning (d));

  liaison_test_pg_grant_reader (pg);
  r = liaison_store_test_connection (pg->reader_uri, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (r->role, ==, "liaison_reader");
  g_assert_cmpstr (r->database, ==, pg->database);
  g_assert_true (r->read_only);

  reader = liaison_store_open (pg->reader_uri, &error);
  g_assert_no_error (error);
  g_assert_true (liaison_store_is_read_only (reader));
  g_assert_false (liaison_store_check_writable (reader, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_READ_ONLY);
  expected_error = g_strdup_printf ("%s: role “liaison_reader” may only read this inventory: "
                                    "it lacks INSERT and UPDATE on table communication",
                                    liaison_store_get_path (reader));
  g_assert_cmpstr (error->message, ==, expected_error);
  g_assert_true (liaison_error_is_bad_input (error));
  g_clear_error (&error);

  /* A role the server does not know: the server's own words. */
  unknown_uri = g_strdup_printf ("%s&user=no_such_role", pg->uri);
  unknown = liaison_store_test_connection (unknown_uri, &error);
  g_assert_null (unknown);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "role \"no_such_role\" does not exist"));
  g_clear_error (&error);

  /* The same server as another host would reach it: over the network,
   * unencrypted, warned about. */
  remote_uri = liaison_test_pg_remote_uri (pg);
  if (remote_uri == NULL)
    return;
  remote = liaison_store_test_connection (remote_uri, &error);
  g_assert_no_error (error);
  g_assert_false (remote->socket);
  g_assert_false (remote->loopback);
  g_assert_false (remote->encrypted);
  g_assert_true (liaison_store_description_is_exposed (remote));
  warning = liaison_store_description_warning (remote);
  expected_warning = g_strdup_printf ("the connection to %s is not encrypted: the inventory and any password "
                                      "cross the network readable (ask for sslmode=verify-full in the URI)",
                                      remote->host);
  g_assert_cmpstr (warning, ==, expected_warning);
  g_assert_true (g_str_has_prefix (remote_uri + strlen ("postgresql://"), remote->host));
}

/* Only a connection that leaves this computer unencrypted is warned about. */
static void
test_warning (void)
{
  LiaisonStoreDescription d = { .server = TRUE, .database = "liaison", .host = "db.example.org" };
  g_autofree char *warning = NULL;
  g_autofree char *location = liaison_store_description_location (&d);

  g_assert_cmpstr (location, ==, "liaison on db.example.org");
  warning = liaison_store_description_warning (&d);
  g_assert_cmpstr (warning, ==, "the connection to db.example.org is not encrypted: the inventory and any "
                                "password cross the network readable (ask for sslmode=verify-full in the URI)");
  d.encrypted = TRUE;
  g_assert_null (liaison_store_description_warning (&d));
  d.encrypted = FALSE;
  d.loopback = TRUE;
  g_assert_null (liaison_store_description_warning (&d));
  d.loopback = FALSE;
  d.socket = TRUE;
  g_assert_null (liaison_store_description_warning (&d));
}

/* What the preferences keep of a typed URI. */
static void
test_uri_without_password (void)
{
  static const struct { const char *typed; const char *kept; gboolean had; } cases[] = {
    { "postgresql://ann:s3cret@db.example.org/liaison?sslmode=verify-full",
      "postgresql://ann@db.example.org/liaison?sslmode=verify-full", TRUE },
    { "postgres://db.example.org:5433/liaison?password=s3cret&sslmode=require",
      "postgres://db.example.org:5433/liaison?sslmode=require", TRUE },
    { "postgresql:///liaison?host=/run/postgresql&password=x",
      "postgresql:///liaison?host=/run/postgresql", TRUE },
    { "postgresql://ann@db.example.org/liaison", "postgresql://ann@db.example.org/liaison", FALSE },
    { "postgresql:///?service=liaison", "postgresql:///?service=liaison", FALSE },
    { "/home/ann/liaison.db", "/home/ann/liaison.db", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean had = !cases[i].had;
      g_autofree char *kept = liaison_store_uri_without_password (cases[i].typed, &had);

      g_assert_cmpstr (kept, ==, cases[i].kept);
      g_assert_cmpint (had, ==, cases[i].had);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-server/describe-file", test_describe_file);
  g_test_add_func ("/store-server/describe-server", test_describe_server);
  g_test_add_func ("/store-server/warning", test_warning);
  g_test_add_func ("/store-server/uri-without-password", test_uri_without_password);

  return g_test_run ();
}
