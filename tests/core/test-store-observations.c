/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "liaison-store-communications.h"
#include "liaison-store-observations-private.h"
#include "liaison-test-fixture.h"

/* What an import's observation does to the service communications in the
 * table (statistics.md 3.5). */

static void
observe (LiaisonStore *store, const char *client, const char *listener, guint port,
         const char *process, const char *client_device, const char *listener_device,
         const char *scope, LiaisonTime t)
{
  g_autoptr(GError) error = NULL;
  LiaisonObservation o = {
    client, listener, port, "tcp", process, client_device, listener_device, scope, t, t, "netstat",
  };

  g_assert_true (liaison_store_begin (store, &error));
  g_assert_true (liaison_store_observe_communication (store, &o, &error));
  g_assert_no_error (error);
  g_assert_true (liaison_store_commit (store, &error));
}

static void
test_observe_merge_rule (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autofree char *text = NULL;

  /* Unknown process: one row. */
  observe (f->store, "10.0.0.9", "10.0.0.5", 443, NULL, NULL, "web01", NULL, 1000);
  /* A known process fills in the unknown row instead of adding one. */
  observe (f->store, "10.0.0.9", "10.0.0.5", 443, "curl", "app01", NULL, NULL, 2000);
  /* Another process makes its own row. */
  observe (f->store, "10.0.0.9", "10.0.0.5", 443, "wget", "app01", NULL, NULL, 3000);
  /* Unknown again updates every row of the conversation and adds none. */
  observe (f->store, "10.0.0.9", "10.0.0.5", 443, NULL, NULL, "web01", NULL, 4000);

  text = liaison_test_list (f->store);
  g_assert_cmpstr (text, ==,
                   "1,10.0.0.9,app01,10.0.0.5,web01,443,tcp,curl,-,1970-01-01T00:00:01Z,1970-01-01T00:00:04Z,netstat\n"
                   "2,10.0.0.9,app01,10.0.0.5,web01,443,tcp,wget,-,1970-01-01T00:00:03Z,1970-01-01T00:00:04Z,netstat\n");
}

static void
test_observe_keeps_user_values (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  LiaisonCommunicationInput in = { "10.0.0.9", "10.0.0.5", "443", "tcp", .listener_device = "frontend" };
  gint64 id = liaison_store_add_communication (f->store, &in, &error);
  g_autoptr(LiaisonCommunication) c = NULL;

  observe (f->store, "10.0.0.9", "10.0.0.5", 443, NULL, "app01", "web01", NULL, 5000);
  c = liaison_store_get_communication (f->store, id, &error);
  g_assert_cmpstr (liaison_communication_get_listener_device (c), ==, "frontend");
  g_assert_cmpstr (liaison_communication_get_client_device (c), ==, "app01");
  g_assert_cmpint (liaison_communication_get_last_detected (c), ==, 5000);
  g_assert_cmpstr (liaison_communication_get_source (c), ==, "manual");
}

static void
test_observe_loopback_hosts (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  observe (f->store, "127.0.0.1", "127.0.0.1", 5432, NULL, NULL, "db01", "db01", 1000);
  observe (f->store, "127.0.0.1", "127.0.0.1", 5432, NULL, NULL, "db02", "db02", 1000);
  observe (f->store, "127.0.0.1", "127.0.0.1", 5432, NULL, NULL, "db01", "db01", 2000);
  g_assert_cmpint (liaison_store_count_communications (f->store, NULL), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-observations/merge-rule", test_observe_merge_rule);
  g_test_add_func ("/store-observations/keeps-user-values", test_observe_keeps_user_values);
  g_test_add_func ("/store-observations/loopback-hosts", test_observe_loopback_hosts);

  return g_test_run ();
}
