/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-sample-host"

#include "config.h"

#include "liaison-sample-host-private.h"
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

  /* The toast counts what the database now holds: it was empty. A machine
   * with no connection at all is told so instead (the next test). */
  found = liaison_store_count_communications (fixture->store, NULL);
  g_assert_cmpint (found, >=, 0);
  if (found > 0)
    message = g_strdup_printf (found == 1 ? "Sampled %s: %" G_GINT64_FORMAT " new communication"
                                          : "Sampled %s: %" G_GINT64_FORMAT " new communications",
                               g_get_host_name (), found);
  else
    message = g_strdup_printf ("Sampled %s: only listening sockets, no connections yet. "
                               "Sample again while clients are connected.", g_get_host_name ());
  g_assert_true (liaison_test_wait_for_label (GTK_WIDGET (fixture->window), message, 5000));
  /* And the list shows it. */
  g_assert_cmpuint (liaison_test_n_rows (fixture), ==, found);
}

static const LiaisonTestSetup no_database = { LIAISON_TEST_FOLDER };

/* What the toast says for what a sample found. */
static void
test_describe (Fixture       *fixture,
               gconstpointer  data)
{
  static const struct {
    guint       records;
    guint       new_communications;
    guint       updated_communications;
    const char *said;
  } cases[] = {
    { 40, 3, 0, "Sampled web01: 3 new communications" },
    { 40, 1, 0, "Sampled web01: 1 new communication" },
    { 40, 3, 6, "Sampled web01: 3 new communications, 6 updated" },
    { 40, 0, 6, "Sampled web01: 6 communications updated" },
    { 40, 0, 1, "Sampled web01: 1 communication updated" },
    /* Listeners and no client yet: not "0 new communications". */
    { 12, 0, 0, "Sampled web01: only listening sockets, no connections yet. Sample again while clients are connected." },
    { 0, 0, 0, "Sampled web01: no sockets found" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      LiaisonImportSummary summary = { 0 };
      g_autofree char *said = NULL;

      summary.files = 1;
      summary.records = cases[i].records;
      summary.new_communications = cases[i].new_communications;
      summary.updated_communications = cases[i].updated_communications;
      said = liaison_sample_host_describe ("web01", &summary);
      g_assert_cmpstr (said, ==, cases[i].said);
    }
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  liaison_test_add ("/sample-host/samples-this-host", test_samples_this_host, NULL);
  liaison_test_add ("/sample-host/describe", test_describe, &no_database);

  return g_test_run ();
}
