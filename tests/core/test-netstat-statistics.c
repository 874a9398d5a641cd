/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "liaison-store-private.h"
#include "liaison-test-fixture.h"

/* The netstat statistics (statistics.md 3.2 to 3.5), through imports. */

static void
assert_netstat (const LiaisonStatRecord *r,
                gint64                   total_samples,
                gint64                   active_samples,
                gint64                   total_ports,
                const char              *first,
                const char              *last)
{
  g_assert_true (r->has_netstat);
  g_assert_cmpint (r->ns_total_samples, ==, total_samples);
  g_assert_cmpint (r->ns_active_samples, ==, active_samples);
  g_assert_cmpint (r->ns_total_ports, ==, total_ports);
  g_assert_cmpint (r->ns_first_found, ==, liaison_test_time (first));
  g_assert_cmpint (r->ns_last_found, ==, liaison_test_time (last));
}

/* A sample older than the ones imported before moves first_detected and
 * ns_first_found back and leaves the last ones alone; a newer one the
 * reverse; a repeated conversation keeps its row. */
static void
test_netstat_out_of_order_times (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GPtrArray) records = NULL;
  const LiaisonStatRecord *r;
  const char *row = "SELECT %s FROM communication WHERE client_ip = '10.0.0.9'"
                    " AND listener_ip = '10.0.0.5' AND port = 443";
  g_autofree char *first_sql = g_strdup_printf (row, "first_detected");
  g_autofree char *last_sql = g_strdup_printf (row, "last_detected");
  g_autofree char *count_sql = g_strdup_printf (row, "count(*)");

  liaison_test_import_netstat_text (f, "web01", "2026-11-21T00:00:00Z", liaison_test_web01_saturday);
  g_assert_cmpint (liaison_test_query_int (f->store, first_sql), ==, liaison_test_time ("2026-11-21T00:00:00Z"));
  g_assert_cmpint (liaison_test_query_int (f->store, last_sql), ==, liaison_test_time ("2026-11-21T00:00:00Z"));

  liaison_test_import_netstat_text (f, "web01", "2026-11-20T00:00:00Z", liaison_test_web01_friday);
  g_assert_cmpint (liaison_test_query_int (f->store, count_sql), ==, 1);
  g_assert_cmpint (liaison_test_query_int (f->store, first_sql), ==, liaison_test_time ("2026-11-20T00:00:00Z"));
  g_assert_cmpint (liaison_test_query_int (f->store, last_sql), ==, liaison_test_time ("2026-11-21T00:00:00Z"));

  liaison_test_import_netstat_text (f, "web01", "2026-11-28T00:00:00Z", liaison_test_web01_next_saturday);
  liaison_test_import_netstat_text (f, "web01", "2026-11-27T00:00:00Z", liaison_test_web01_monday);
  g_assert_cmpint (liaison_test_query_int (f->store, count_sql), ==, 1);
  g_assert_cmpint (liaison_test_query_int (f->store, first_sql), ==, liaison_test_time ("2026-11-20T00:00:00Z"));
  g_assert_cmpint (liaison_test_query_int (f->store, last_sql), ==, liaison_test_time ("2026-11-21T00:00:00Z"));
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM communication WHERE first_detected IS NULL"
                                                     " OR last_detected IS NULL OR first_detected > last_detected"), ==, 0);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT last_detected FROM communication WHERE client_ip = '10.0.0.10'"
                                                     " AND listener_ip = '10.0.0.5' AND port = 443"), ==, liaison_test_time ("2026-11-27T00:00:00Z"));

  /* The statistics records: the same figures in any order. */
  records = liaison_test_records (f->store);
  r = liaison_test_find_record (records, "10.0.0.5", 443, "10.0.0.9", NULL);
  assert_netstat (r, 4, 2, 3, "2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z");
  g_assert_cmpstr (r->listener_device, ==, "web01");
  r = liaison_test_find_record (records, "10.0.0.5", 443, "10.0.0.10", NULL);
  assert_netstat (r, 3, 2, 2, "2026-11-20T00:00:00Z", "2026-11-27T00:00:00Z");
}

static void
test_netstat_statistics (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GPtrArray) records = NULL;
  const LiaisonStatRecord *r;

  liaison_test_import_web01_week (f);
  records = liaison_test_records (f->store);

  /* 443 <- 10.0.0.9: active Friday (2 ports) and Saturday (1 port); 443 is
   * discovered in all 4 samples. weight 1.5, persistence 50. */
  r = liaison_test_find_record (records, "10.0.0.5", 443, "10.0.0.9", NULL);
  assert_netstat (r, 4, 2, 3, "2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z");
  g_assert_cmpfloat_with_epsilon (liaison_stat_ratio (r->ns_total_ports, r->ns_active_samples), 1.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (100 * liaison_stat_ratio (r->ns_active_samples, r->ns_total_samples), 50.0, 1e-9);
  g_assert_cmpstr (r->listener_device, ==, "web01");
  g_assert_false (r->has_netflow);

  r = liaison_test_find_record (records, "10.0.0.5", 443, "10.0.0.10", NULL);
  assert_netstat (r, 4, 2, 2, "2026-11-20T00:00:00Z", "2026-11-23T00:00:00Z");

  /* Only on weekends: total_samples grows only when 8080 is found, so
   * persistence is 100 (section 3.3). */
  r = liaison_test_find_record (records, "10.0.0.5", 8080, "10.0.0.11", NULL);
  assert_netstat (r, 2, 2, 4, "2026-11-21T00:00:00Z", "2026-11-28T00:00:00Z");
  g_assert_cmpfloat_with_epsilon (100 * liaison_stat_ratio (r->ns_active_samples, r->ns_total_samples), 100.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (liaison_stat_ratio (r->ns_total_ports, r->ns_active_samples), 2.0, 1e-9);

  /* [::]:22 covers the IPv4 address; the record names the concrete one. */
  r = liaison_test_find_record (records, "10.0.0.5", 22, "10.0.0.30", NULL);
  assert_netstat (r, 1, 1, 1, "2026-11-20T00:00:00Z", "2026-11-20T00:00:00Z");

  /* Loopback: discovered Friday, Saturday, Monday; not the next Saturday. */
  r = liaison_test_find_record (records, "127.0.0.1", 5432, "127.0.0.1", "web01");
  assert_netstat (r, 3, 1, 1, "2026-11-20T00:00:00Z", "2026-11-20T00:00:00Z");

  /* Outbound connections make no listener record; TIME-WAIT and SYN-SENT count nothing. */
  g_assert_cmpuint (records->len, ==, 5);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM communication WHERE listener_ip = '10.0.0.21'"), ==, 0);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM communication WHERE client_ip = '10.0.0.9'"
                                                     " AND port = 443"), ==, 1);

  /* The listeners netstat found, kept per host (wildcards as they are). */
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM listener WHERE host = 'web01' AND source = 'netstat'"), ==, 4);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM listener WHERE ip = '::' AND port = 22"), ==, 1);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT last_found FROM listener WHERE ip = '0.0.0.0' AND port = 443"), ==,
                   liaison_test_time ("2026-11-28T00:00:00Z"));

  /* export.md order: listener address numerically, then port, then client. */
  {
    static const char *order[] = {
      "10.0.0.5:22<-10.0.0.30", "10.0.0.5:443<-10.0.0.9", "10.0.0.5:443<-10.0.0.10",
      "10.0.0.5:8080<-10.0.0.11", "127.0.0.1:5432<-127.0.0.1",
    };
    for (guint i = 0; i < records->len; i++)
      {
        const LiaisonStatRecord *x = g_ptr_array_index (records, i);
        g_autofree char *text = g_strdup_printf ("%s:%u<-%s", x->listener_ip, x->port, x->client_ip);
        g_assert_cmpstr (text, ==, order[i]);
      }
  }
}

static void
test_netstat_loopback_hosts (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GPtrArray) records = NULL;
  const LiaisonStatRecord *r;

  liaison_test_import_netstat_text (f, "web01", "2026-11-20T00:00:00Z", liaison_test_web01_friday);
  liaison_test_import_netstat_text (f, "db01", "2026-11-20T00:00:00Z", liaison_test_db01_sample);
  records = liaison_test_records (f->store);

  /* 127.0.0.1:5432 on db01 and on web01 never merge. */
  r = liaison_test_find_record (records, "127.0.0.1", 5432, "127.0.0.1", "db01");
  assert_netstat (r, 1, 1, 1, "2026-11-20T00:00:00Z", "2026-11-20T00:00:00Z");
  r = liaison_test_find_record (records, "127.0.0.1", 5432, "127.0.0.1", "web01");
  assert_netstat (r, 1, 1, 1, "2026-11-20T00:00:00Z", "2026-11-20T00:00:00Z");
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM stat_record WHERE listener_ip = '127.0.0.1'"), ==, 2);

  /* One service communication per host, each seen from both ends: the
   * client side's process fills the listener side's unknown one. */
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM communication WHERE listener_ip = '127.0.0.1'"), ==, 2);
  {
    g_autofree char *rows = liaison_test_query_text (f->store, "SELECT group_concat(scope || ':' || client_process_name || ':'"
                                                               " || client_device || ':' || listener_device, ' ')"
                                                               " FROM (SELECT * FROM communication WHERE listener_ip = '127.0.0.1'"
                                                               " ORDER BY scope)");
    g_assert_cmpstr (rows, ==, "db01:psql:db01:db01 web01:psql:web01:web01");
  }

  /* A second sample of db01 leaves web01's record alone. */
  liaison_test_import_netstat_text (f, "db01", "2026-11-21T00:00:00Z", LIAISON_TEST_DB01_SAMPLE "\n");
  g_clear_pointer (&records, g_ptr_array_unref);
  records = liaison_test_records (f->store);
  r = liaison_test_find_record (records, "127.0.0.1", 5432, "127.0.0.1", "db01");
  assert_netstat (r, 2, 2, 2, "2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z");
  r = liaison_test_find_record (records, "127.0.0.1", 5432, "127.0.0.1", "web01");
  assert_netstat (r, 1, 1, 1, "2026-11-20T00:00:00Z", "2026-11-20T00:00:00Z");
}

/* Samples of two hosts, out of time order, with loopback conversations seen
 * from both ends: every row of both tables, written in batches (the rows
 * of a new database held, the last detections a sample moves written
 * together) or one row at a time. */
static char *
import_samples (gboolean single_rows)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autofree char *communications = NULL;
  g_autofree char *records = NULL;

  liaison_store_set_single_rows (f->store, single_rows);
  liaison_test_import_netstat_text (f, "web01", "2026-11-21T00:00:00Z", liaison_test_web01_saturday);
  liaison_test_import_netstat_text (f, "db01", "2026-11-20T00:00:00Z", liaison_test_db01_sample);
  liaison_test_import_netstat_text (f, "web01", "2026-11-20T00:00:00Z", liaison_test_web01_friday);
  liaison_test_import_netstat_text (f, "web01", "2026-11-28T00:00:00Z", liaison_test_web01_next_saturday);
  liaison_test_import_netstat_text (f, "db01", "2026-11-21T00:00:00Z", LIAISON_TEST_DB01_SAMPLE "\n");
  liaison_test_import_netstat_text (f, "web01", "2026-11-27T00:00:00Z", liaison_test_web01_monday);

  communications = liaison_test_query_text (f->store,
    "SELECT group_concat(id || ' ' || client_ip || '>' || listener_ip || ':' || port || '/' || protocol || ' '"
    " || client_process_name || ' ' || coalesce(client_device, '-') || ' ' || coalesce(listener_device, '-')"
    " || ' ' || first_detected || '-' || last_detected || ' ' || source || ' ' || scope, ';')"
    " FROM (SELECT * FROM communication ORDER BY id)");
  records = liaison_test_query_text (f->store,
    "SELECT group_concat(id || ' ' || client_ip || '>' || listener_ip || ':' || port || ' ' || scope || ' '"
    " || ns_total_samples || ' ' || ns_active_samples || ' ' || ns_total_ports || ' '"
    " || ns_first_found || '-' || ns_last_found || ' ' || coalesce(hex(ns_runs), '-'), ';')"
    " FROM (SELECT * FROM stat_record ORDER BY id)");
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM communication WHERE scope = 'db01'"), >, 0);
  return g_strdup_printf ("communications %s\nrecords %s\n", communications, records);
}

static void
test_netstat_as_single_rows (void)
{
  g_autofree char *batched = import_samples (FALSE);
  g_autofree char *single = import_samples (TRUE);

  g_assert_nonnull (strstr (batched, "web01"));
  g_assert_cmpstr (batched, ==, single);
}

/* Groups of samples, each group one host's: two of web01 given out of
 * order, db01's, web01's again, then two late ones of web01 (older than
 * some imported before): the first makes a run of 10.0.0.9 that the
 * second splits. New conversations come after the first sample of a group
 * (their records count the samples from theirs on). */
typedef struct
{
  const char *host;
  guint       n;
  const char *times[3];
  const char *contents[3];
} SampleGroup;

static const SampleGroup sample_groups[] = {
  { "web01", 2, { "2026-11-21T00:00:00Z", "2026-11-20T00:00:00Z" },
    { liaison_test_web01_saturday, liaison_test_web01_friday } },
  { "db01", 2, { "2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z" },
    { liaison_test_db01_sample, LIAISON_TEST_DB01_SAMPLE "\n" } },
  { "web01", 3, { "2026-11-23T00:00:00Z", "2026-11-27T00:00:00Z", "2026-11-28T00:00:00Z" },
    { liaison_test_web01_monday, liaison_test_web01_friday, liaison_test_web01_next_saturday } },
  { "web01", 3, { "2026-11-25T00:00:00Z", "2026-11-26T00:00:00Z", "2026-11-30T00:00:00Z" },
    { liaison_test_web01_saturday, liaison_test_web01_monday, liaison_test_web01_saturday } },
};

/* Every figure of the statistics tables and the service communications,
 * by identity (a server's ids count the rows of a rolled back import too). */
static char *
statistics_text (LiaisonStore *store)
{
  g_autofree char *communications = NULL;
  g_autofree char *records = NULL;
  g_autofree char *classic = NULL;

  communications = liaison_test_query_text (store,
    "SELECT group_concat(line, ';') FROM (SELECT client_ip || '>' || listener_ip || ':' || port || '/' || protocol"
    " || ' ' || client_process_name || ' ' || coalesce(client_device, '-') || ' ' || coalesce(listener_device, '-')"
    " || ' ' || first_detected || '-' || last_detected || ' ' || scope AS line FROM communication ORDER BY line)");
  records = liaison_test_query_text (store,
    "SELECT group_concat(line, ';') FROM (SELECT client_ip || '>' || listener_ip || ':' || port || ' ' || scope || ' '"
    " || ns_host || ' ' || coalesce(client_device, '-') || ' ' || coalesce(listener_device, '-') || ' '"
    " || ns_total_samples || ' ' || ns_active_samples || ' ' || ns_total_ports || ' '"
    " || ns_first_found || '-' || ns_last_found || ' ' || coalesce(hex(ns_runs), '-') AS line"
    " FROM stat_record ORDER BY line)");
  classic = liaison_test_query_text (store,
    "SELECT group_concat(line, ';') FROM (SELECT c.client_ip || '>' || c.listener_ip || ':' || c.port || ' '"
    " || c.client_process_name || ' ' || s.host || ' ' || s.total_samples || ' ' || s.active_samples || ' '"
    " || s.total_ports || ' ' || s.first_found || '-' || s.last_found || ' ' || coalesce(hex(s.runs), '-') AS line"
    " FROM classic_stat s JOIN communication c ON c.id = s.communication_id ORDER BY line)");
  return g_strdup_printf ("communications %s\nrecords %s\nclassic %s\n", communications, records, classic);
}

/* The groups, each in one import (the statistics held and written once),
 * or each sample alone, in time order within its group, one row at a time. */
static char *
import_groups (gboolean one_import_a_group)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();

  liaison_store_set_single_rows (f->store, !one_import_a_group);
  for (guint g = 0; g < G_N_ELEMENTS (sample_groups); g++)
    {
      const SampleGroup *group = &sample_groups[g];
      g_auto(GStrv) contents = g_new0 (char *, group->n + 1);
      guint order[3] = { 0, 1, 2 };

      /* A sample given again would be refused: the copies end differently. */
      for (guint i = 0; i < group->n; i++)
        {
          g_autofree char *ending = g_strnfill (3 * g + i, '\n');

          contents[i] = g_strconcat (group->contents[i], ending, NULL);
        }
      if (one_import_a_group)
        {
          liaison_test_import_netstat_texts (f, group->host, group->n, group->times, (const char * const *) contents);
          continue;
        }
      if (g == 0)
        order[0] = 1, order[1] = 0;
      for (guint i = 0; i < group->n; i++)
        liaison_test_import_netstat_text (f, group->host, group->times[order[i]], contents[order[i]]);
    }
  return statistics_text (f->store);
}

static void
test_netstat_samples_in_one_import (void)
{
  g_autofree char *held = import_groups (TRUE);
  g_autofree char *single = import_groups (FALSE);

  /* web01's loopback record: its listener discovered in 7 of web01's 8
   * samples (not the next Saturday), active on both Fridays. The 8080
   * record, made by the second sample of the first import, counts the 4
   * Saturdays from then on, not the Friday before it. */
  g_assert_nonnull (strstr (held, ";127.0.0.1>127.0.0.1:5432 web01 web01 web01 web01 7 2 2 "));
  g_assert_nonnull (strstr (held, ";10.0.0.11>10.0.0.5:8080  web01 - web01 4 4 10 "));
  g_assert_cmpstr (held, ==, single);
}

/* Classic statistics (section 3.4) ------------------------------------------ */

static void
test_classic_statistics (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GPtrArray) classic = NULL;
  const LiaisonClassicRecord *c;

  liaison_test_import_web01_week (f);
  classic = liaison_test_classic (f->store);

  /* Ordered by client_ip: 10.0.0.5 (curl) before 127.0.0.1 (psql). */
  g_assert_cmpuint (classic->len, ==, 2);

  /* curl: 4 samples of web01, active Friday (1 port) and Saturday (2 ports):
   * the numbers of the export.md example. */
  c = g_ptr_array_index (classic, 0);
  g_assert_cmpstr (c->client_ip, ==, "10.0.0.5");
  g_assert_cmpstr (c->listener_ip, ==, "10.0.0.20");
  g_assert_cmpuint (c->port, ==, 5432);
  g_assert_cmpstr (c->protocol, ==, "tcp");
  g_assert_cmpstr (c->client_process_name, ==, "curl");
  g_assert_cmpstr (c->client_device, ==, "web01");
  g_assert_cmpint (c->total_samples, ==, 4);
  g_assert_cmpint (c->active_samples, ==, 2);
  g_assert_cmpint (c->total_ports, ==, 3);
  g_assert_cmpfloat_with_epsilon (liaison_stat_ratio (c->total_ports, c->active_samples), 1.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (100 * liaison_stat_ratio (c->active_samples, c->total_samples), 50.0, 1e-9);
  g_assert_cmpint (c->first_found, ==, liaison_test_time ("2026-11-20T00:00:00Z"));
  g_assert_cmpint (c->last_found, ==, liaison_test_time ("2026-11-21T00:00:00Z"));

  /* psql over loopback: active only on Friday. */
  c = g_ptr_array_index (classic, 1);
  g_assert_cmpstr (c->client_ip, ==, "127.0.0.1");
  g_assert_cmpstr (c->client_process_name, ==, "psql");
  g_assert_cmpint (c->total_samples, ==, 4);
  g_assert_cmpint (c->active_samples, ==, 1);
  g_assert_cmpint (c->total_ports, ==, 1);

  /* A sample of another host does not count for web01's processes. */
  liaison_test_import_netstat_text (f, "db01", "2026-11-29T00:00:00Z", liaison_test_db01_sample);
  g_clear_pointer (&classic, g_ptr_array_unref);
  classic = liaison_test_classic (f->store);
  g_assert_cmpuint (classic->len, ==, 3);
  c = g_ptr_array_index (classic, 0);
  g_assert_cmpstr (c->client_process_name, ==, "curl");
  g_assert_cmpint (c->total_samples, ==, 4);

  g_assert_cmpfloat (liaison_stat_ratio (3, 0), ==, -1);
}

/* The merging rule (section 3.5) -------------------------------------------- */

static void
test_merge_rule (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autofree char *rows = NULL;

  /* app01 runs two clients of web02:80. */
  liaison_test_import_netstat_text (f, "app01", "2026-11-20T00:00:00Z",
                                    LIAISON_TEST_SS_HEADER
                                       "ESTAB 0 0 10.0.0.7:40000 10.0.0.5:80 users:((\"curl\",pid=1,fd=3))\n"
                                       "ESTAB 0 0 10.0.0.7:40001 10.0.0.5:80 users:((\"wget\",pid=2,fd=3))\n");
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM communication"), ==, 2);

  /* web02 sees a connection from app01: unknown process, so it updates
   * both rows and creates none. */
  liaison_test_import_netstat_text (f, "web02", "2026-11-21T00:00:00Z",
                                    LIAISON_TEST_SS_HEADER
                                       "LISTEN 0 128 0.0.0.0:80 0.0.0.0:*\n"
                                       "ESTAB 0 0 10.0.0.5:80 10.0.0.7:40002\n");
  rows = liaison_test_query_text (f->store, "SELECT group_concat(client_process_name || ':' || client_device || ':'"
                                            " || listener_device || ':' || first_detected || ':' || last_detected || ':' || source, ' ')"
                                            " FROM (SELECT * FROM communication ORDER BY client_process_name)");
  {
    g_autofree char *expected = g_strdup_printf ("curl:app01:web02:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":netstat "
                                                 "wget:app01:web02:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":netstat",
                                                 liaison_test_time ("2026-11-20T00:00:00Z"), liaison_test_time ("2026-11-21T00:00:00Z"),
                                                 liaison_test_time ("2026-11-20T00:00:00Z"), liaison_test_time ("2026-11-21T00:00:00Z"));
    g_assert_cmpstr (rows, ==, expected);
  }

  /* Netflow makes a row with an unknown process; netstat on the client
   * later fills it in rather than adding one. */
  liaison_test_import_netflow_text (f, 300, LIAISON_TEST_CSV_HEADER
                                    "2026-11-22T00:00:00Z,,10.0.0.8,50000,10.0.0.5,80,tcp\n");
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM communication WHERE client_ip = '10.0.0.8'"), ==, 1);
  liaison_test_import_netstat_text (f, "app02", "2026-11-23T00:00:00Z",
                                    LIAISON_TEST_SS_HEADER
                                       "ESTAB 0 0 10.0.0.8:40000 10.0.0.5:80 users:((\"nc\",pid=1,fd=3))\n");
  g_clear_pointer (&rows, g_free);
  rows = liaison_test_query_text (f->store, "SELECT group_concat(client_process_name || ':' || client_device || ':' || source, ' ')"
                                            " FROM communication WHERE client_ip = '10.0.0.8'");
  g_assert_cmpstr (rows, ==, "nc:app02:netflow");

  /* Another process of the same client is a row of its own. */
  liaison_test_import_netstat_text (f, "app02", "2026-11-24T00:00:00Z",
                                    LIAISON_TEST_SS_HEADER
                                       "ESTAB 0 0 10.0.0.8:40001 10.0.0.5:80 users:((\"curl\",pid=1,fd=3))\n");
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM communication WHERE client_ip = '10.0.0.8'"), ==, 2);

  /* The statistics record of 10.0.0.8 -> 10.0.0.5:80 names the client device. */
  {
    g_autoptr(GPtrArray) records = liaison_test_records (f->store);
    const LiaisonStatRecord *r = liaison_test_find_record (records, "10.0.0.5", 80, "10.0.0.8", NULL);

    g_assert_cmpstr (r->client_device, ==, "app02");
    r = liaison_test_find_record (records, "10.0.0.5", 80, "10.0.0.7", NULL);
    g_assert_cmpstr (r->listener_device, ==, "web02");
    g_assert_cmpstr (r->client_device, ==, "app01");
  }
}

/* The real captures of tests/data/netstat (facts in tests/data/README.md). */
static void
test_netstat_captures (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  static const struct {
    const char *listener_ip;
    guint       port;
    const char *client_ip;
    gint64      total_ports;
  } expected[] = {
    { "127.0.0.1", 6060, "127.0.0.1", 4 },
    { "127.0.0.1", 8080, "127.0.0.1", 5 },
    { "127.0.0.1", 8080, "127.0.0.3", 3 },
    { "::1", 6060, "::1", 2 },
    { "::1", 9090, "::1", 3 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) classic = NULL;
  g_autofree char *first = liaison_test_data_path ("netstat", "ss-tunap.txt");
  g_autofree char *second = liaison_test_data_path ("netstat", "ss-tunap-2.txt");
  const char *paths[2][2] = { { first, NULL }, { second, NULL } };
  const char *times[2] = { "2026-11-27T05:07:04.460Z", "2026-11-27T05:07:09.494Z" };
  guint found = 0;

  for (guint i = 0; i < 2; i++)
    {
      LiaisonImportOptions options = { 0 };

      options.kind = LIAISON_SAMPLE_NETSTAT;
      options.host = "lab01";
      options.time = liaison_test_time (times[i]);
      options.start = LIAISON_TIME_NONE;
      g_assert_true (liaison_import_files (f->store, &options, paths[i], NULL, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }

  /* README: five records, each total 2, active 2, persistence 100. */
  records = liaison_test_records (f->store);
  g_assert_cmpuint (records->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const LiaisonStatRecord *r = g_ptr_array_index (records, i);

      /* Also the export order: 127.0.0.1 before ::1, ports ascending. */
      g_assert_cmpstr (r->listener_ip, ==, expected[i].listener_ip);
      g_assert_cmpuint (r->port, ==, expected[i].port);
      g_assert_cmpstr (r->client_ip, ==, expected[i].client_ip);
      g_assert_cmpstr (r->protocol, ==, "tcp");
      g_assert_cmpstr (r->listener_device, ==, "lab01");
      assert_netstat (r, 2, 2, expected[i].total_ports, times[0], times[1]);
      found++;
    }
  g_assert_cmpuint (found, ==, 5);

  /* Classic: clienta -> 127.0.0.1:8080 with 3 then 2 ports; clientb ->
   * 127.0.0.1:6060 with 2 then 1 (the orphaned FIN-WAIT-2 socket has no
   * process); clienta -> 127.0.0.1:5514/udp, 1 each time. */
  classic = liaison_test_classic (f->store);
  for (guint i = 0; i < classic->len; i++)
    {
      const LiaisonClassicRecord *c = g_ptr_array_index (classic, i);
      g_autofree char *text = g_strdup_printf ("%s>%s:%u/%s %s %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                                               c->client_ip, c->listener_ip, c->port, c->protocol,
                                               c->client_process_name, c->total_samples,
                                               c->active_samples, c->total_ports);

      if (g_str_equal (c->client_ip, "127.0.0.1") && c->port == 8080)
        g_assert_cmpstr (text, ==, "127.0.0.1>127.0.0.1:8080/tcp clienta 2/2/5");
      else if (g_str_equal (c->client_ip, "127.0.0.1") && c->port == 6060)
        g_assert_cmpstr (text, ==, "127.0.0.1>127.0.0.1:6060/tcp clientb 2/2/3");
      else if (c->port == 5514)
        g_assert_cmpstr (text, ==, "127.0.0.1>127.0.0.1:5514/udp clienta 2/2/2");
    }
  /* 8080 x2 clients, 6060 x2, 9090, 5514 */
  g_assert_cmpuint (classic->len, ==, 6);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/netstat-statistics/statistics", test_netstat_statistics);
  g_test_add_func ("/netstat-statistics/out-of-order-times", test_netstat_out_of_order_times);
  g_test_add_func ("/netstat-statistics/loopback-hosts", test_netstat_loopback_hosts);
  g_test_add_func ("/netstat-statistics/classic", test_classic_statistics);
  g_test_add_func ("/netstat-statistics/merge-rule", test_merge_rule);
  g_test_add_func ("/netstat-statistics/captures", test_netstat_captures);
  g_test_add_func ("/netstat-statistics/bulk/single-rows", test_netstat_as_single_rows);
  g_test_add_func ("/netstat-statistics/bulk/one-import", test_netstat_samples_in_one_import);

  return g_test_run ();
}
