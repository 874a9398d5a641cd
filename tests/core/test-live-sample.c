/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-live-sample"

#include "config.h"

#include <string.h>

#include "liaison-error.h"
#include "liaison-live-sample.h"
#include "liaison-test-fixture.h"

/*
 * Live samples (liaison-live-sample.c): one sample of a device per moment
 * when taken by hand, one per period of a schedule, each its own
 * transaction.
 */

static void
test_period_start (void)
{
  const gint64 five = 5 * 60 * 1000;

  g_assert_cmpint (liaison_period_start (liaison_test_time ("2026-12-03T10:07:31Z"), five), ==,
                   liaison_test_time ("2026-12-03T10:05:00Z"));
  g_assert_cmpint (liaison_period_start (liaison_test_time ("2026-12-03T10:05:00Z"), five), ==,
                   liaison_test_time ("2026-12-03T10:05:00Z"));
  /* Before the epoch the grid goes on down. */
  g_assert_cmpint (liaison_period_start (-1, five), ==, -five);
  g_assert_cmpint (liaison_period_start (-five, five), ==, -five);
}

static void
import_db01 (LiaisonTestFixture    *f,
             const char            *host,
             const char            *time,
             gint64                 period,
             LiaisonImportSummary  *summary,
             GError               **error)
{
  g_autoptr(LiaisonNetstatTable) table = NULL;
  LiaisonLiveSample sample = { 0 };

  table = liaison_netstat_parse ("db01", liaison_test_db01_sample, strlen (liaison_test_db01_sample), NULL);
  g_assert_nonnull (table);

  sample.host = host;
  sample.name = "ssh db01";
  sample.time = liaison_test_time (time);
  sample.period = period;
  sample.table = table;
  liaison_live_sample_import (f->store, &sample, summary, error);
}

/* Two samplers on one schedule write one sample of a device per period. */
static void
test_one_sample_per_period (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  LiaisonImportSummary summary = { 0 };
  const gint64 five = 5 * 60 * 1000;
  g_autoptr(GPtrArray) records = NULL;

  import_db01 (f, "db01", "2026-12-03T10:05:01Z", five, &summary, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary.files, ==, 1);
  g_assert_cmpuint (summary.records, ==, 3);
  g_assert_cmpuint (summary.new_communications, ==, 1);
  g_assert_cmpuint (summary.new_statistics, ==, 1);

  /* The same device later in the same period: refused, nothing written. */
  before = liaison_test_dump_database (f->store);
  import_db01 (f, "db01", "2026-12-03T10:09:59Z", five, &summary, &error);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE);
  g_assert_cmpstr (error->message, ==,
                   "already sampled in the 5m period from 2026-12-03T10:05:00Z; skipped");
  g_assert_cmpuint (summary.files, ==, 0);
  after = liaison_test_dump_database (f->store);
  g_assert_cmpstr (after, ==, before);
  g_clear_error (&error);

  /* Another device in that period, and the same device in the next one. */
  import_db01 (f, "db02", "2026-12-03T10:06:00Z", five, NULL, &error);
  g_assert_no_error (error);
  import_db01 (f, "db01", "2026-12-03T10:10:00Z", five, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM sample"), ==, 3);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM sample WHERE host = 'db01'"), ==, 2);

  /* Each sample counts: db01's loopback record was seen twice. */
  records = liaison_test_records (f->store);
  g_assert_cmpint (liaison_test_find_record (records, "127.0.0.1", 5432, "127.0.0.1", "db01")->ns_total_samples, ==, 2);
  g_assert_cmpint (liaison_test_find_record (records, "127.0.0.1", 5432, "127.0.0.1", "db02")->ns_total_samples, ==, 1);
}

/* A sample taken by hand is never the same as another. */
static void
test_by_hand_never_refused (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;

  import_db01 (f, "db01", "2026-12-03T10:05:01Z", 0, NULL, &error);
  g_assert_no_error (error);
  import_db01 (f, "db01", "2026-12-03T10:05:02Z", 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM sample"), ==, 2);
  names = liaison_test_query_text (f->store, "SELECT group_concat(file_name) FROM sample");
  g_assert_cmpstr (names, ==, "ssh db01,ssh db01");
}

/* This machine, on a schedule: the second sample of the period is skipped. */
static void
test_this_host_period (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  LiaisonImportSummary summary = { 0 };
  const gint64 day = 86400 * 1000;
  g_autofree char *names = NULL;

  g_assert_true (liaison_live_sample_this_host (f->store, "probe01", day, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.files, ==, 1);
  g_assert_cmpuint (summary.records, >, 0);

  /* Unless the day ends between the two, they share a period. */
  if (liaison_period_start (liaison_time_now (), day) ==
      liaison_period_start (liaison_test_query_int (f->store, "SELECT sample_time FROM sample"), day))
    {
      g_assert_false (liaison_live_sample_this_host (f->store, "probe01", day, &summary, &error));
      g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE);
      g_assert_true (g_str_has_prefix (error->message, "already sampled in the 1d period from "));
      g_clear_error (&error);
    }

  /* By hand it always goes in. */
  g_assert_true (liaison_live_sample_this_host (f->store, "probe01", 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(DISTINCT content_hash) FROM sample"), >=, 2);
  names = liaison_test_query_text (f->store, "SELECT DISTINCT host || ' ' || file_name FROM sample");
  g_assert_cmpstr (names, ==, "probe01 this host");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/live-sample/period-start", test_period_start);
  g_test_add_func ("/live-sample/one-per-period", test_one_sample_per_period);
  g_test_add_func ("/live-sample/by-hand", test_by_hand_never_refused);
  g_test_add_func ("/live-sample/this-host-period", test_this_host_period);

  return g_test_run ();
}
