/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "liaison-error.h"
#include "liaison-test-fixture.h"

/* The statistics records as read back (export.md). */

static gboolean
count_filtered (const LiaisonStatRecord  *record,
                gpointer                  user_data,
                GError                  **error)
{
  guint *count = user_data;

  g_assert_cmpstr (record->listener_ip, ==, "10.0.0.5");
  g_assert_cmpuint (record->port, ==, 443);
  (*count)++;
  return TRUE;
}

static void
test_netstat_filter (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  LiaisonStatFilter filter = { "::ffff:10.0.0.5", 443, "tcp" };
  guint count = 0;

  liaison_test_import_web01_week (f);
  g_assert_true (liaison_statistics_foreach_record (f->store, &filter, count_filtered, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 2);

  filter.listener_ip = "not-an-address";
  g_assert_false (liaison_statistics_foreach_record (f->store, &filter, count_filtered, &count, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
}

/* Statistics.md section 5: the seed example leaves 5 s pending; a fourth
 * sample for 00:04-00:05 with another pair's records only makes the tail
 * 65 s, more than one interval: silent, no longer pending. The other
 * figures stay, in any order of the four files. */
static void
test_pending_and_silent (void)
{
  static const char fourth[] =
    LIAISON_TEST_CSV_HEADER
    "2026-11-27T00:04:20Z,,10.0.0.77,52001,10.0.0.5,443,tcp\n";
  static const guint orders[][4] = {
    { 0, 1, 2, 3 }, { 3, 2, 1, 0 }, { 3, 0, 2, 1 }, { 1, 3, 0, 2 },
  };

  for (guint o = 0; o < G_N_ELEMENTS (orders); o++)
    {
      g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
      g_autoptr(GPtrArray) records = NULL;
      const LiaisonStatRecord *r;

      for (guint i = 0; i < 4; i++)
        {
          guint file = orders[o][i];

          liaison_test_import_netflow_text (f, 60, file < 3 ? liaison_test_seed_files[file] : fourth);
        }

      records = liaison_test_records (f->store);
      r = liaison_test_find_record (records, "10.0.0.5", 443, "10.0.0.9", NULL);
      g_assert_cmpint (r->nf_active_ms, ==, 95000);
      g_assert_cmpint (r->nf_gap_ms, ==, 65000);
      g_assert_cmpint (r->nf_pending_ms, ==, 0);
      g_assert_cmpint (r->nf_silent_ms, ==, 65000);            /* 00:03:55 to 00:05:00 */

      /* The other pair's last record is 40 s before the end: pending. */
      r = liaison_test_find_record (records, "10.0.0.5", 443, "10.0.0.77", NULL);
      g_assert_cmpint (r->nf_pending_ms, ==, 40000);
      g_assert_cmpint (r->nf_silent_ms, ==, 0);
    }

  /* Without the fourth file, the seed's 5 s are pending and nothing is silent. */
  {
    g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
    g_autoptr(GPtrArray) records = NULL;

    for (guint i = 0; i < 3; i++)
      liaison_test_import_netflow_text (f, 60, liaison_test_seed_files[i]);
    records = liaison_test_records (f->store);
    g_assert_cmpint (liaison_test_find_record (records, "10.0.0.5", 443, "10.0.0.9", NULL)->nf_silent_ms, ==, 0);
    liaison_test_assert_seed_figures (f);
  }
}

/* Seen in a time range (statistics.md 3.6): a netstat run or a netflow
 * activity interval meets it. */
static void
test_seen_in (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GPtrArray) records = NULL;
  const LiaisonStatRecord *r;

  liaison_test_import_web01_week (f);
  for (guint i = 0; i < 3; i++)
    liaison_test_import_netflow_text (f, 60, liaison_test_seed_files[i]);
  records = liaison_test_records (f->store);

  /* 10.0.0.10: runs on the 20th and the 23rd only. */
  r = liaison_test_find_record (records, "10.0.0.5", 443, "10.0.0.10", NULL);
  g_assert_true (liaison_stat_record_seen_in (r, liaison_test_time ("2026-11-19T00:00:00Z"),
                                              liaison_test_time ("2026-11-20T00:00:00Z")));
  g_assert_false (liaison_stat_record_seen_in (r, liaison_test_time ("2026-11-20T00:00:01Z"),
                                               liaison_test_time ("2026-11-22T23:59:59Z")));
  g_assert_true (liaison_stat_record_seen_in (r, liaison_test_time ("2026-11-22T00:00:00Z"),
                                              liaison_test_time ("2026-11-24T00:00:00Z")));

  /* 10.0.0.9: netstat on the 20th and 21st, and the seed's netflow on the
   * 27th with its gap from 00:02:45 to 00:03:50. */
  r = liaison_test_find_record (records, "10.0.0.5", 443, "10.0.0.9", NULL);
  g_assert_true (r->has_netstat && r->has_netflow);
  g_assert_true (liaison_stat_record_seen_in (r, liaison_test_time ("2026-11-27T00:02:00Z"),
                                              liaison_test_time ("2026-11-27T00:02:10Z")));
  g_assert_false (liaison_stat_record_seen_in (r, liaison_test_time ("2026-11-27T00:03:00Z"),
                                               liaison_test_time ("2026-11-27T00:03:10Z")));
  g_assert_true (liaison_stat_record_seen_in (r, liaison_test_time ("2026-11-27T00:03:00Z"),
                                              liaison_test_time ("2026-11-27T00:03:50Z")));
  g_assert_false (liaison_stat_record_seen_in (r, liaison_test_time ("2026-11-24T00:00:00Z"),
                                               liaison_test_time ("2026-11-26T00:00:00Z")));
  g_assert_false (liaison_stat_record_seen_in (r, liaison_test_time ("2026-11-27T00:04:00Z"),
                                               liaison_test_time ("2026-11-28T00:00:00Z")));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/statistics/filter", test_netstat_filter);
  g_test_add_func ("/statistics/pending-and-silent", test_pending_and_silent);
  g_test_add_func ("/statistics/seen-in", test_seen_in);

  return g_test_run ();
}
