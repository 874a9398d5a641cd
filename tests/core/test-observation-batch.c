/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "liaison-store-communications.h"
#include "liaison-test-fixture.h"

/*
 * The batch of a sample's new service communications (statistics.md 3.5),
 * through netstat imports. They are written together: the rows, their ids
 * and the records must be those of one observation at a time. More rows
 * than one statement writes, merges inside the sample (a loopback
 * conversation seen from both ends, an unknown process filled in, a second
 * process), IPv4-mapped addresses; then a sample of another host that adds
 * rows beside ones it merges into.
 */

/* The first sample of test_netstat_new_rows(), of host gw01. */
static GString *
new_rows_sample (void)
{
  GString *sample = g_string_new (LIAISON_TEST_SS_HEADER
                                  "LISTEN 0 128 0.0.0.0:80 0.0.0.0:*\n"
                                  "LISTEN 0 128 127.0.0.1:5432 0.0.0.0:*\n"
                                  "LISTEN 0 128 [::]:443 [::]:*\n");

  /* 150 clients of 10.0.0.9:80, the 7th with two ports. */
  for (guint i = 150; i >= 1; i--)
    g_string_append_printf (sample, "ESTAB 0 0 10.0.0.9:80 10.1.0.%u:40000\n", i);
  g_string_append (sample,
                   "ESTAB 0 0 10.0.0.9:80 10.1.0.7:40001\n"
                   "ESTAB 0 0 [::ffff:10.0.0.9]:443 [::ffff:10.2.0.1]:50000\n"
                   "ESTAB 0 0 127.0.0.1:5432 127.0.0.1:41000 users:((\"postgres\",pid=1,fd=3))\n"
                   "ESTAB 0 0 127.0.0.1:5432 127.0.0.1:41001 users:((\"postgres\",pid=1,fd=4))\n"
                   "ESTAB 0 0 127.0.0.1:41000 127.0.0.1:5432 users:((\"psql\",pid=2,fd=3))\n"
                   "ESTAB 0 0 127.0.0.1:41001 127.0.0.1:5432 users:((\"pgbench\",pid=3,fd=3))\n"
                   "ESTAB 0 0 127.0.0.1:5432 127.0.0.2:42000 users:((\"postgres\",pid=1,fd=5))\n"
                   "ESTAB 0 0 10.0.0.9:45002 10.3.0.1:8080 users:((\"wget\",pid=5,fd=3))\n"
                   "ESTAB 0 0 10.0.0.9:45001 10.3.0.1:8080 users:((\"curl\",pid=4,fd=3))\n"
                   "ESTAB 0 0 10.0.0.9:45000 10.3.0.1:8080\n"
                   "ESTAB 0 0 10.0.0.9:45003 10.3.0.2:8080 users:((\"curl\",pid=4,fd=4))\n"
                   "ESTAB 0 0 10.0.0.9:45004 10.1.0.3:80 users:((\"curl\",pid=4,fd=5))\n");
  return sample;
}

/* The second one, of web02: 10.0.0.9 with no process, and 70 new clients. */
static GString *
new_rows_second_sample (void)
{
  GString *sample = g_string_new (LIAISON_TEST_SS_HEADER "LISTEN 0 128 0.0.0.0:8080 0.0.0.0:*\n"
                                                         "ESTAB 0 0 10.3.0.1:8080 10.0.0.9:45001\n");

  for (guint i = 1; i <= 70; i++)
    g_string_append_printf (sample, "ESTAB 0 0 10.3.0.1:8080 10.4.0.%u:40000\n", i);
  return sample;
}

static void
test_netstat_new_rows (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GString) sample = new_rows_sample ();
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *rows = NULL;
  LiaisonTime t1 = liaison_test_time ("2026-11-20T00:00:00Z");
  LiaisonTime t2 = liaison_test_time ("2026-11-21T00:00:00Z");

  liaison_test_import_netstat_text (f, "gw01", "2026-11-20T00:00:00Z", sample->str);

  /* Inbound conversations first, in the order of listener and client, then
   * outbound ones; a row's values are those after the whole sample. */
  for (guint i = 1; i <= 150; i++)
    g_string_append_printf (expected, "%u 10.1.0.%u|10.0.0.9:80/tcp||gw01||\n", i, i);
  g_string_append (expected,
                   "151 10.2.0.1|10.0.0.9:443/tcp||gw01||\n"
                   "152 127.0.0.1|127.0.0.1:5432/tcp|gw01|gw01|pgbench|gw01\n"
                   "153 127.0.0.2|127.0.0.1:5432/tcp|gw01|gw01||gw01\n"
                   "154 10.0.0.9|10.1.0.3:80/tcp|gw01||curl|\n"
                   "155 10.0.0.9|10.3.0.1:8080/tcp|gw01||curl|\n"
                   "156 10.0.0.9|10.3.0.1:8080/tcp|gw01||wget|\n"
                   "157 10.0.0.9|10.3.0.2:8080/tcp|gw01||curl|\n"
                   "158 127.0.0.1|127.0.0.1:5432/tcp|gw01|gw01|psql|gw01\n");
  rows = liaison_test_query_text (f->store, "SELECT group_concat(id || ' ' || client_ip || '|' || listener_ip || ':' || port || '/' || protocol"
                                            " || '|' || coalesce(client_device, '') || '|' || coalesce(listener_device, '')"
                                            " || '|' || client_process_name || '|' || scope || char(10), '')"
                                            " FROM (SELECT * FROM communication ORDER BY id)");
  g_assert_cmpstr (rows, ==, expected->str);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM communication WHERE source = 'netstat'"
                                                     " AND first_detected = 1795132800000 AND last_detected = 1795132800000"
                                                     " AND client_process_display_name IS NULL AND user_fields = 0"), ==, 158);
  g_assert_cmpint (t1, ==, 1795132800000);

  /* One record per inbound conversation, in the same order; the loopback
   * ones name the client device their service communications have (for
   * 127.0.0.2, whose client side the sample does not show, only they do). */
  g_string_truncate (expected, 0);
  for (guint i = 1; i <= 150; i++)
    g_string_append_printf (expected, "%u 10.1.0.%u|10.0.0.9:80||gw01|%u\n", i, i, i == 7 ? 2 : 1);
  g_string_append (expected,
                   "151 10.2.0.1|10.0.0.9:443||gw01|1\n"
                   "152 127.0.0.1|127.0.0.1:5432|gw01|gw01|2\n"
                   "153 127.0.0.2|127.0.0.1:5432|gw01|gw01|1\n");
  g_clear_pointer (&rows, g_free);
  rows = liaison_test_query_text (f->store, "SELECT group_concat(id || ' ' || client_ip || '|' || listener_ip || ':' || port"
                                            " || '|' || coalesce(client_device, '') || '|' || coalesce(listener_device, '')"
                                            " || '|' || ns_total_ports || char(10), '')"
                                            " FROM (SELECT * FROM stat_record ORDER BY id)");
  g_assert_cmpstr (rows, ==, expected->str);

  /* The search index has every new row. */
  g_assert_cmpint (liaison_test_indexed_rows (f->store), ==, 158);

  /* web02 (10.3.0.1) sees 10.0.0.9 with no process: both rows of that
   * conversation get their listener device and time; its 70 other clients
   * are new rows. */
  g_string_free (sample, TRUE);
  sample = new_rows_second_sample ();
  liaison_test_import_netstat_text (f, "web02", "2026-11-21T00:00:00Z", sample->str);

  g_string_truncate (expected, 0);
  g_string_append_printf (expected,
                          "155 10.0.0.9|curl|gw01|web02|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "\n"
                          "156 10.0.0.9|wget|gw01|web02|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "\n",
                          t1, t2, t1, t2);
  for (guint i = 1; i <= 70; i++)
    g_string_append_printf (expected, "%u 10.4.0.%u|||web02|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "\n",
                            158 + i, i, t2, t2);
  g_clear_pointer (&rows, g_free);
  rows = liaison_test_query_text (f->store, "SELECT group_concat(id || ' ' || client_ip || '|' || client_process_name"
                                            " || '|' || coalesce(client_device, '') || '|' || coalesce(listener_device, '')"
                                            " || '|' || first_detected || '|' || last_detected || char(10), '')"
                                            " FROM (SELECT * FROM communication WHERE listener_ip = '10.3.0.1' ORDER BY id)");
  g_assert_cmpstr (rows, ==, expected->str);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM communication"), ==, 228);
  g_assert_cmpint (liaison_test_indexed_rows (f->store), ==, 228);
  /* SQLite's own search index has the value row 155 took (a server keeps its own by triggers). */
  if (!liaison_test_on_server ())
    g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM search_value WHERE value = 'web02'"
                                                       " AND key = x'' AND id IN (SELECT rowid FROM search_value_index"
                                                       " WHERE search_value_index MATCH '\"web02\"')"), ==, 1);
}

/* What the samples of test_netstat_new_rows() and the real captures make,
 * as text: every column of the service communications but the id, in id
 * order, and every statistics record. */
static char *
imported_rows (LiaisonTestFixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) first = new_rows_sample ();
  g_autoptr(GString) second = new_rows_second_sample ();
  g_autofree char *capture = liaison_test_data_path ("netstat", "ss-tunap.txt");
  const char *paths[] = { capture, NULL };
  LiaisonImportOptions options = { 0 };
  g_autofree char *communications = NULL;
  g_autofree char *records = NULL;

  liaison_test_import_netstat_text (f, "gw01", "2026-11-20T00:00:00Z", first->str);
  liaison_test_import_netstat_text (f, "web02", "2026-11-21T00:00:00Z", second->str);
  options.kind = LIAISON_SAMPLE_NETSTAT;
  options.host = "lab01";
  options.time = liaison_test_time ("2026-11-27T05:07:04.460Z");
  options.start = LIAISON_TIME_NONE;
  g_assert_true (liaison_import_files (f->store, &options, paths, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  communications = liaison_test_query_text (f->store, "SELECT group_concat(concat_all, char(10)) FROM"
                                                      " (SELECT client_ip || '|' || hex(client_key) || '|' || coalesce(client_device, '-')"
                                                      "  || '|' || listener_ip || '|' || hex(listener_key) || '|' || coalesce(listener_device, '-')"
                                                      "  || '|' || port || '|' || protocol || '|' || client_process_name"
                                                      "  || '|' || coalesce(client_process_display_name, '-') || '|' || coalesce(CAST(first_detected AS TEXT), '-')"
                                                      "  || '|' || coalesce(CAST(last_detected AS TEXT), '-') || '|' || source || '|' || scope || '|' || user_fields"
                                                      "  AS concat_all FROM communication WHERE source != 'manual' ORDER BY id)");
  records = liaison_test_query_text (f->store, "SELECT group_concat(id || '|' || listener_ip || '|' || port || '|' || client_ip"
                                               " || '|' || coalesce(client_device, '-') || '|' || coalesce(listener_device, '-')"
                                               " || '|' || ns_total_samples || '|' || ns_active_samples || '|' || ns_total_ports, char(10))"
                                               " FROM (SELECT * FROM stat_record ORDER BY id)");
  return g_strconcat (communications, "\n--\n", records, NULL);
}

/* New rows are held and written together only while the table is empty;
 * beside an existing row, every observation goes to the store one at a
 * time. Both must make the same rows and records. */
static void
test_netstat_new_rows_either_way (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(LiaisonTestFixture) beside = liaison_test_fixture_new ();
  LiaisonCommunicationInput manual = { "192.0.2.1", "192.0.2.2", "9", "udp" };
  g_autoptr(GError) error = NULL;
  g_autofree char *together = NULL;
  g_autofree char *one_by_one = NULL;

  together = imported_rows (f);

  g_assert_cmpint (liaison_store_add_communication (beside->store, &manual, &error), >, 0);
  g_assert_no_error (error);
  one_by_one = imported_rows (beside);

  g_assert_cmpuint (strlen (together), >, 10000);
  g_assert_cmpstr (together, ==, one_by_one);
}

/* More new rows than a sample holds in memory: those written first are
 * merged into in the table. 10.0.0.9 connects to itself, so its client
 * side's process fills in the first row, written by then. */
static void
test_netstat_many_new_rows (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GString) sample = g_string_new (LIAISON_TEST_SS_HEADER "LISTEN 0 128 0.0.0.0:80 0.0.0.0:*\n");
  g_autofree char *rows = NULL;
  const guint clients = 20000;

  g_string_append (sample, "ESTAB 0 0 10.0.0.9:80 10.0.0.9:50000\n");
  for (guint i = 0; i < clients; i++)
    g_string_append_printf (sample, "ESTAB 0 0 10.0.0.9:80 10.1.%u.%u:40000\n", i / 200, i % 200 + 1);
  g_string_append (sample, "ESTAB 0 0 10.0.0.9:50000 10.0.0.9:80 users:((\"curl\",pid=4,fd=3))\n");
  liaison_test_import_netstat_text (f, "gw01", "2026-11-20T00:00:00Z", sample->str);

  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM communication"), ==, clients + 1);
  g_assert_cmpint (liaison_test_indexed_rows (f->store), ==, clients + 1);
  rows = liaison_test_query_text (f->store, "SELECT group_concat(id || ' ' || client_ip || '|' || coalesce(client_device, '')"
                                            " || '|' || listener_device || '|' || client_process_name, ' ')"
                                            " FROM (SELECT * FROM communication WHERE id IN (1, 2, 16384, 16385, 20001)"
                                            "   ORDER BY id)");
  g_assert_cmpstr (rows, ==, "1 10.0.0.9|gw01|gw01|curl 2 10.1.0.1||gw01| "
                             "16384 10.1.81.183||gw01| 16385 10.1.81.184||gw01| "
                             "20001 10.1.99.200||gw01|");
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM communication WHERE client_process_name = ''"
                                                     " AND client_device IS NULL AND listener_device = 'gw01'"), ==, clients);

  /* Records in the same order; 10.0.0.9's names its client device. */
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM stat_record"), ==, clients + 1);
  g_clear_pointer (&rows, g_free);
  rows = liaison_test_query_text (f->store, "SELECT group_concat(id || ' ' || client_ip || '|' || coalesce(client_device, ''), ' ')"
                                            " FROM stat_record WHERE id IN (1, 2, 20001)");
  g_assert_cmpstr (rows, ==, "1 10.0.0.9|gw01 2 10.1.0.1| 20001 10.1.99.200|");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/observation-batch/new-rows", test_netstat_new_rows);
  g_test_add_func ("/observation-batch/many-new-rows", test_netstat_many_new_rows);
  g_test_add_func ("/observation-batch/new-rows-either-way", test_netstat_new_rows_either_way);

  return g_test_run ();
}
