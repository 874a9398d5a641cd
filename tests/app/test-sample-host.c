/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-sample-host"

#include "config.h"

#include "liaison-test-utils.h"

/*
 * Sample This Host: the window's action samples this computer in the
 * background, stays disabled meanwhile, and a toast tells what it found.
 */

typedef LiaisonTestFixture Fixture;

static gboolean
sample_taken (gpointer user_data)
{
  Fixture *fixture = user_data;

  return g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->window), "sample-host");
}


static void
test_samples_this_host (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *message = NULL;
  gint64 found;

  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->window), "sample-host"));
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "sample-host", NULL);

  /* One sample at a time; a toast stays while it is taken. */
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->window), "sample-host"));
  liaison_test_flush ();
  g_assert_true (liaison_test_shows_label (GTK_WIDGET (fixture->window), "Sampling this host…"));

  g_assert_true (liaison_test_wait (sample_taken, fixture, 30000));

  /* The toast counts what the database now holds: it was empty. */
  found = liaison_store_count_communications (fixture->store, NULL);
  g_assert_cmpint (found, >=, 0);
  message = g_strdup_printf (found == 1 ? "Sampled %s: %" G_GINT64_FORMAT " new communication"
                                        : "Sampled %s: %" G_GINT64_FORMAT " new communications",
                             g_get_host_name (), found);
  g_assert_true (liaison_test_wait_for_label (GTK_WIDGET (fixture->window), message, 5000));
  /* And the list shows it. */
  g_assert_cmpuint (liaison_test_n_rows (fixture), ==, found);
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  liaison_test_add ("/sample-host/samples-this-host", test_samples_this_host, NULL);

  return g_test_run ();
}
