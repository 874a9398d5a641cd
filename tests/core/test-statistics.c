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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/statistics/filter", test_netstat_filter);

  return g_test_run ();
}
