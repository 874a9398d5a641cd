/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "liaison-error.h"
#include "liaison-store-communications.h"
#include "liaison-test-fixture.h"

/* Service communications entered and changed by hand. */

static void
test_add_and_get (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  LiaisonCommunicationInput in = {
    .client_ip = "::ffff:10.0.0.9", .listener_ip = "[2001:DB8::5]", .port = "443", .protocol = "TCP",
    .client_device = "app01", .listener_device = "web01",
    .client_process_name = "curl", .client_process_display_name = "Nightly fetch",
  };
  gint64 id = liaison_store_add_communication (f->store, &in, &error);
  g_autoptr(LiaisonCommunication) c = NULL;
  g_auto(GStrv) devices = NULL;

  g_assert_no_error (error);
  c = liaison_store_get_communication (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_communication_get_client_ip (c), ==, "10.0.0.9");
  g_assert_cmpstr (liaison_communication_get_listener_ip (c), ==, "2001:db8::5");
  g_assert_cmpuint (liaison_communication_get_port (c), ==, 443);
  g_assert_cmpstr (liaison_communication_get_protocol (c), ==, "tcp");
  g_assert_cmpstr (liaison_communication_get_client_device (c), ==, "app01");
  g_assert_cmpstr (liaison_communication_get_listener_device (c), ==, "web01");
  g_assert_cmpstr (liaison_communication_get_client_process_name (c), ==, "curl");
  g_assert_cmpstr (liaison_communication_get_client_process_display_name (c), ==, "Nightly fetch");
  g_assert_cmpstr (liaison_communication_get_source (c), ==, "manual");
  g_assert_cmpint (liaison_communication_get_first_detected (c), ==, LIAISON_TIME_NONE);

  devices = liaison_store_list_devices (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (devices), ==, 2);
  g_assert_cmpstr (devices[0], ==, "app01");
  g_assert_cmpstr (devices[1], ==, "web01");
}

static void
test_add_invalid (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  static const struct { LiaisonCommunicationInput in; const char *message; } cases[] = {
    { { "10.0.0.300", "10.0.0.5", "443", "tcp" }, "“10.0.0.300” is not an IP address" },
    { { "10.0.0.9", "web", "443", "tcp" }, "“web” is not an IP address" },
    { { "10.0.0.9", "10.0.0.5", "0", "tcp" }, "port “0” is not between 1 and 65535" },
    { { "10.0.0.9", "10.0.0.5", "70000", "tcp" }, "port “70000” is not between 1 and 65535" },
    { { "10.0.0.9", "10.0.0.5", "https", "tcp" }, "port “https” is not a number" },
    { { "10.0.0.9", "10.0.0.5", "443", "icmp" }, "protocol “icmp” is not tcp or udp" },
    { { NULL, "10.0.0.5", "443", "tcp" }, "a client IP address is required" },
    { { "10.0.0.9", "10.0.0.5", NULL, "tcp" }, "a port is required" },
    { { "0.0.0.0", "10.0.0.5", "443", "tcp" }, "“0.0.0.0” is not an IP address" },
  };
  g_autofree char *before = liaison_test_list (f->store);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (liaison_store_add_communication (f->store, &cases[i].in, &error), ==, 0);
      g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  {
    g_autofree char *after = liaison_test_list (f->store);
    g_assert_cmpstr (before, ==, after);
  }
}

static void
test_add_duplicate (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  gint64 first = liaison_test_add (f->store, "10.0.0.9", "10.0.0.5", "443", "tcp", "curl");
  g_autoptr(GError) error = NULL;
  LiaisonCommunicationInput again = { "::ffff:10.0.0.9", "10.0.0.5", "443", "tcp", .client_process_name = "curl" };
  g_autofree char *expected = g_strdup_printf ("service communication 10.0.0.9 → 10.0.0.5:443/tcp from process curl "
                                               "exists already as id %" G_GINT64_FORMAT, first);

  g_assert_cmpint (liaison_store_add_communication (f->store, &again, &error), ==, 0);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE);
  g_assert_cmpstr (error->message, ==, expected);

  /* Another process, or another protocol, is another communication. */
  liaison_test_add (f->store, "10.0.0.9", "10.0.0.5", "443", "tcp", "wget");
  liaison_test_add (f->store, "10.0.0.9", "10.0.0.5", "443", "udp", "curl");
}

static void
test_loopback_scoped_by_device (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  LiaisonCommunicationInput db1 = { "127.0.0.1", "127.0.0.1", "5432", "tcp", .listener_device = "db01" };
  LiaisonCommunicationInput db2 = { "127.0.0.1", "127.0.0.1", "5432", "tcp", .listener_device = "db02" };

  g_assert_cmpint (liaison_store_add_communication (f->store, &db1, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (liaison_store_add_communication (f->store, &db2, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (liaison_store_add_communication (f->store, &db2, &error), ==, 0);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE);
}

static void
test_edit (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  gint64 id = liaison_test_add (f->store, "10.0.0.9", "10.0.0.5", "443", "tcp", NULL);
  gint64 other = liaison_test_add (f->store, "10.0.0.9", "10.0.0.5", "8443", "tcp", NULL);
  g_autoptr(GError) error = NULL;
  LiaisonCommunicationInput change = { .port = "8080", .client_device = "app01" };
  LiaisonCommunicationInput clash = { .port = "8443" };
  LiaisonCommunicationInput clear = { .client_device = "" };
  g_autoptr(LiaisonCommunication) c = NULL;
  g_autoptr(LiaisonCommunication) d = NULL;
  g_autofree char *expected = g_strdup_printf ("service communication 10.0.0.9 → 10.0.0.5:8443/tcp exists already as id %"
                                               G_GINT64_FORMAT, other);

  g_assert_true (liaison_store_edit_communication (f->store, id, &change, &error));
  g_assert_no_error (error);
  c = liaison_store_get_communication (f->store, id, &error);
  g_assert_cmpuint (liaison_communication_get_port (c), ==, 8080);
  g_assert_cmpstr (liaison_communication_get_client_device (c), ==, "app01");
  g_assert_cmpstr (liaison_communication_get_listener_ip (c), ==, "10.0.0.5");

  g_assert_false (liaison_store_edit_communication (f->store, id, &clash, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  g_assert_true (liaison_store_edit_communication (f->store, id, &clear, &error));
  d = liaison_store_get_communication (f->store, id, &error);
  g_assert_null (liaison_communication_get_client_device (d));

  g_assert_false (liaison_store_edit_communication (f->store, 9999, &clear, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "there is no service communication with id 9999");
}

static void
test_set_devices (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  gint64 a = liaison_test_add (f->store, "10.0.0.1", "10.0.0.5", "443", "tcp", NULL);
  gint64 b = liaison_test_add (f->store, "10.0.0.2", "10.0.0.5", "443", "tcp", NULL);
  gint64 ids[] = { a, b };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_true (liaison_store_set_devices (f->store, ids, 2, LIAISON_COLUMN_LISTENER_DEVICE, "web01", &error));
  g_assert_no_error (error);
  rows = liaison_store_get_communications (f->store, ids, 2, &error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (liaison_communication_get_listener_device (g_ptr_array_index (rows, 0)), ==, "web01");
  g_assert_cmpstr (liaison_communication_get_listener_device (g_ptr_array_index (rows, 1)), ==, "web01");
}

/* An edit begun before someone else changed the row is refused with the
 * row as it is now; begun again from that, it is written (team.md 3). */
static void
test_edit_conflict (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) other = liaison_store_open_existing (f->db, &error);
  g_autoptr(LiaisonCommunication) seen = NULL;
  g_autoptr(LiaisonCommunication) current = NULL;
  g_autoptr(LiaisonCommunication) saved = NULL;
  LiaisonCommunicationInput in = { .client_ip = "10.0.0.9", .listener_ip = "10.0.0.5", .port = "443",
                                   .protocol = "tcp", .client_device = "app01" };
  LiaisonCommunicationInput theirs = { .client_device = "app02" };
  LiaisonCommunicationInput mine = { .listener_device = "web01" };
  gint64 id;

  g_assert_no_error (error);
  id = liaison_store_add_communication (f->store, &in, &error);
  g_assert_no_error (error);
  seen = liaison_store_get_communication (f->store, id, &error);
  g_assert_no_error (error);

  g_assert_true (liaison_store_edit_communication (other, id, &theirs, &error));
  g_assert_no_error (error);

  g_assert_false (liaison_store_edit_communication_seen (f->store, seen, &mine, &current, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_CONFLICT);
  g_assert_cmpstr (error->message, ==, "someone else changed this service communication after the edit began");
  g_clear_error (&error);
  g_assert_cmpstr (liaison_communication_get_client_device (current), ==, "app02");
  g_assert_null (liaison_communication_get_listener_device (current));
  saved = liaison_store_get_communication (f->store, id, &error);
  g_assert_null (liaison_communication_get_listener_device (saved));
  g_clear_object (&saved);

  /* Keeping mine: the edit again, from the row as it is now. */
  g_assert_true (liaison_store_edit_communication_seen (f->store, current, &mine, NULL, &error));
  g_assert_no_error (error);
  saved = liaison_store_get_communication (f->store, id, &error);
  g_assert_cmpstr (liaison_communication_get_client_device (saved), ==, "app02");
  g_assert_cmpstr (liaison_communication_get_listener_device (saved), ==, "web01");

  /* Deleted meanwhile: said so, nothing written. */
  g_assert_true (liaison_store_delete_communications (other, &id, 1, NULL, &error));
  g_assert_false (liaison_store_edit_communication_seen (f->store, saved, &mine, NULL, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND);
}

/* A device set on rows a person saw, after someone else changed one and
 * deleted another (team.md 3): nothing written until the person chooses;
 * kept (skipped), the changed row stays theirs; set anyway, it gets the
 * device over their change. */
static void
test_set_devices_seen (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) other = liaison_store_open_existing (f->db, &error);
  gint64 a = liaison_test_add (f->store, "10.0.0.1", "10.0.0.5", "443", "tcp", NULL);
  gint64 b = liaison_test_add (f->store, "10.0.0.2", "10.0.0.5", "443", "tcp", NULL);
  gint64 c = liaison_test_add (f->store, "10.0.0.3", "10.0.0.5", "443", "tcp", NULL);
  gint64 ids[] = { a, b, c };
  g_autoptr(GPtrArray) seen = liaison_store_get_communications (f->store, ids, 3, &error);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) retry = NULL;
  g_autoptr(LiaisonMeanwhile) conflict = NULL;
  g_autoptr(LiaisonMeanwhile) meanwhile = NULL;
  g_autoptr(LiaisonCommunication) b_now = NULL;
  LiaisonCommunicationInput theirs = { .listener_device = "web09" };

  g_assert_no_error (error);
  g_assert_true (liaison_store_edit_communication (other, b, &theirs, &error));
  g_assert_true (liaison_store_delete_communications (other, &c, 1, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (liaison_store_set_devices_seen (f->store, seen, LIAISON_COLUMN_CLIENT_DEVICE, "app-9",
                                                  &conflict, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpuint (conflict->now->len, ==, 1);
  b_now = g_object_ref (g_ptr_array_index (conflict->now, 0));
  g_assert_cmpint (liaison_communication_get_id (b_now), ==, b);
  g_assert_cmpstr (liaison_communication_get_listener_device (b_now), ==, "web09");
  g_assert_null (liaison_communication_get_listener_device (g_ptr_array_index (conflict->seen, 0)));
  g_assert_cmpuint (conflict->gone->len, ==, 1);
  g_assert_cmpint (g_array_index (conflict->gone, gint64, 0), ==, c);
  rows = liaison_store_get_communications (f->store, ids, 3, &error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_null (liaison_communication_get_client_device (g_ptr_array_index (rows, 0)));
  g_assert_null (liaison_communication_get_client_device (g_ptr_array_index (rows, 1)));
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Keep theirs: b left out; c is gone. */
  retry = liaison_meanwhile_resolve (conflict, seen, FALSE);
  g_assert_cmpuint (retry->len, ==, 2);
  g_assert_true (liaison_store_set_devices_seen (f->store, retry, LIAISON_COLUMN_CLIENT_DEVICE, "app-8",
                                                 &meanwhile, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (meanwhile->now->len, ==, 0);
  g_assert_cmpuint (meanwhile->gone->len, ==, 1);
  rows = liaison_store_get_communications (f->store, ids, 3, &error);
  g_assert_cmpstr (liaison_communication_get_client_device (g_ptr_array_index (rows, 0)), ==, "app-8");
  g_assert_null (liaison_communication_get_client_device (g_ptr_array_index (rows, 1)));
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Set anyway: b as it is now; their listener device stays. */
  g_ptr_array_remove_index (seen, 0);
  g_clear_pointer (&retry, g_ptr_array_unref);
  retry = liaison_meanwhile_resolve (conflict, seen, TRUE);
  g_assert_cmpuint (retry->len, ==, 2);
  g_assert_true (g_ptr_array_index (retry, 0) == b_now);
  g_assert_true (liaison_store_set_devices_seen (f->store, retry, LIAISON_COLUMN_CLIENT_DEVICE, "app-9", NULL, &error));
  g_assert_no_error (error);
  rows = liaison_store_get_communications (f->store, ids, 3, &error);
  g_assert_cmpstr (liaison_communication_get_client_device (g_ptr_array_index (rows, 0)), ==, "app-8");
  g_assert_cmpstr (liaison_communication_get_client_device (g_ptr_array_index (rows, 1)), ==, "app-9");
  g_assert_cmpstr (liaison_communication_get_listener_device (g_ptr_array_index (rows, 1)), ==, "web09");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-communications/add-and-get", test_add_and_get);
  g_test_add_func ("/store-communications/add-invalid", test_add_invalid);
  g_test_add_func ("/store-communications/add-duplicate", test_add_duplicate);
  g_test_add_func ("/store-communications/loopback-scoped", test_loopback_scoped_by_device);
  g_test_add_func ("/store-communications/edit", test_edit);
  g_test_add_func ("/store-communications/edit-conflict", test_edit_conflict);
  g_test_add_func ("/store-communications/set-devices", test_set_devices);
  g_test_add_func ("/store-communications/set-devices-seen", test_set_devices_seen);

  return g_test_run ();
}
