/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-communication-selection"

#include "config.h"

#include "liaison-communication-model.h"
#include "liaison-communication-selection.h"
#include "liaison-test-utils.h"

/*
 * The selection of the Communications list: it keeps rows selected by id
 * through a re-query and tells views of a big change in steps.
 */

typedef LiaisonTestFixture Fixture;

static const LiaisonTestSetup rows = { LIAISON_TEST_DATABASE, liaison_test_fill_rows };
static const LiaisonTestSetup many_rows = { LIAISON_TEST_DATABASE, liaison_test_fill_many_rows };

typedef struct
{
  guint calls;
  guint missing;      /* positions the views were told of that had no item */
} StepCheck;

/* At every step of a change as the selection tells it, every position it
 * says it has gives an item. */
static void
check_step (GListModel *selection,
            guint       position,
            guint       removed,
            guint       added,
            StepCheck  *check)
{
  guint n = g_list_model_get_n_items (selection);
  guint probes[] = { 0, position, n / 2, n > 0 ? n - 1 : 0 };

  check->calls++;
  for (guint i = 0; i < G_N_ELEMENTS (probes) && n > 0; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (selection, MIN (probes[i], n - 1));

      if (item == NULL)
        check->missing++;
    }
}

/* A search that leaves 20,000 of 50,000 rows reaches views in steps; the
 * first (rows replaced in place) still counts 50,000. */
static void
test_steps_give_items (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(LiaisonCommunicationModel) model = liaison_communication_model_new (fixture->store);
  g_autoptr(LiaisonCommunicationSelection) selection = NULL;
  g_autoptr(GError) error = NULL;
  StepCheck check = { 0 };

  g_assert_true (liaison_communication_model_reload (model, &error));
  selection = liaison_communication_selection_new (model);
  g_signal_connect (selection, "items-changed", G_CALLBACK (check_step), &check);

  liaison_communication_model_set_search (model, "web0");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 20000);
  g_assert_cmpuint (check.calls, ==, 3);
  g_assert_cmpuint (check.missing, ==, 0);
}

/* The selection keeps rows selected by id through a re-query and forgets the
 * ones the new list leaves out; the views see a list as long as the model's. */
static void
test_selection_follows_ids (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(LiaisonCommunicationModel) model = liaison_communication_model_new (fixture->store);
  g_autoptr(LiaisonCommunicationSelection) selection = NULL;
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ids[3];
  guint position;

  g_assert_true (liaison_communication_model_reload (model, &error));
  selection = liaison_communication_selection_new (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, LIAISON_TEST_ROWS);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      guint at = 100 + 400 * i;

      ids[i] = liaison_communication_model_get_id (model, at);
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (selection), at, FALSE);
    }

  liaison_communication_model_set_sort (model, LIAISON_COLUMN_CLIENT_IP, TRUE);
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (selection));
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_assert_true (liaison_communication_model_find_id (model, ids[i], &position));
      g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (selection), position));
    }

  /* A search that leaves out one of them. */
  liaison_communication_model_set_search (model, "no such text");
  g_clear_pointer (&selected, gtk_bitset_unref);
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (selection));
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  liaison_test_add ("/communication-selection/steps-give-items", test_steps_give_items, &many_rows);
  liaison_test_add ("/communication-selection/follows-ids", test_selection_follows_ids, &rows);

  return g_test_run ();
}
