/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-communication-model"

#include "config.h"

#include <glib/gstdio.h>

#include "liaison-communication-model-private.h"
#include "liaison-communication-row.h"
#include "liaison-communication-selection.h"
#include "liaison-test-utils.h"

typedef LiaisonTestFixture Fixture;

#define N_ROWS LIAISON_TEST_ROWS
#define BIG_ROWS LIAISON_TEST_MANY_ROWS

static const LiaisonTestSetup rows = { LIAISON_TEST_DATABASE, liaison_test_fill_rows };
static const LiaisonTestSetup many_rows = { LIAISON_TEST_DATABASE, liaison_test_fill_many_rows };

static void
assert_same_rows (LiaisonCommunicationModel *model,
                  LiaisonStore              *store,
                  const LiaisonQuery        *query)
{
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GError) error = NULL;
  guint limit = LIAISON_COMMUNICATION_MODEL_BLOCK_SIZE * LIAISON_COMMUNICATION_MODEL_CACHE_BLOCKS;
  guint n;

  expected = liaison_store_query_page (store, query, 0, G_MAXINT, &error);
  g_assert_no_error (error);

  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, ==, expected->len);

  /* Forwards, then backwards, then jumping about: the same rows each time,
   * and never more objects held than the cache. */
  for (guint pass = 0; pass < 3; pass++)
    {
      for (guint k = 0; k < n; k++)
        {
          guint i = pass == 0 ? k : pass == 1 ? n - 1 - k : (k * 7919) % n;
          g_autoptr(LiaisonCommunicationRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);
          LiaisonCommunication *item = row != NULL ? liaison_communication_row_get_communication (row) : NULL;
          LiaisonCommunication *want = g_ptr_array_index (expected, i);

          g_assert_nonnull (item);
          g_assert_cmpint (liaison_communication_get_id (item), ==, liaison_communication_get_id (want));
          g_assert_cmpint (liaison_communication_model_get_id (model, i), ==, liaison_communication_get_id (want));
          for (LiaisonColumn c = 0; c < LIAISON_N_COLUMNS; c++)
            {
              g_autofree char *got = liaison_communication_dup_column_text (item, c);
              g_autofree char *exp = liaison_communication_dup_column_text (want, c);

              g_assert_cmpstr (got, ==, exp);
            }
          g_assert_cmpuint (liaison_communication_model_get_n_cached (model), <=, limit);
        }
    }

  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), n));
}

static const struct { const char *search; LiaisonColumn sort; gboolean descending; } cases[] = {
  { NULL, LIAISON_COLUMN_ID, FALSE },
  { NULL, LIAISON_COLUMN_PORT, TRUE },
  { NULL, LIAISON_COLUMN_CLIENT_IP, FALSE },
  { NULL, LIAISON_COLUMN_CLIENT_DEVICE, TRUE },
  { "web", LIAISON_COLUMN_CLIENT_DEVICE, FALSE },
  { "WEB0", LIAISON_COLUMN_LISTENER_IP, TRUE },
  { "192.168.2.", LIAISON_COLUMN_PORT, FALSE },
  { "udp", LIAISON_COLUMN_CLIENT_PROCESS_NAME, TRUE },
  { "no such text", LIAISON_COLUMN_ID, FALSE },
};

static void
test_queries (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(LiaisonCommunicationModel) model = liaison_communication_model_new (fixture->store);
  g_autoptr(GError) error = NULL;

  g_assert_true (liaison_communication_model_reload (model, &error));
  g_assert_no_error (error);
  g_assert_cmpint (liaison_communication_model_get_total (model), ==, N_ROWS);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      LiaisonQuery query = { cases[i].search, cases[i].sort, cases[i].descending };

      g_test_message ("search %s, sort %s%s", cases[i].search,
                      liaison_column_to_string (cases[i].sort),
                      cases[i].descending ? " descending" : "");
      liaison_communication_model_set_search (model, cases[i].search);
      liaison_communication_model_set_sort (model, cases[i].sort, cases[i].descending);
      assert_same_rows (model, fixture->store, &query);
      g_assert_cmpint (liaison_communication_model_get_total (model), ==, N_ROWS);
    }
}

typedef struct
{
  guint calls;
  guint removed;
  guint added;
} Changes;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->calls++;
  changes->removed += removed;
  changes->added += added;
}

static void
test_one_change_per_query (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(LiaisonCommunicationModel) model = liaison_communication_model_new (fixture->store);
  g_autoptr(GError) error = NULL;
  Changes changes = { 0 };
  gint64 id;

  g_assert_true (liaison_communication_model_reload (model, &error));
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &changes);

  liaison_communication_model_set_sort (model, LIAISON_COLUMN_PORT, FALSE);
  g_assert_cmpuint (changes.calls, ==, 1);

  /* A change in the store is followed at once. */
  id = liaison_test_add_row (fixture->store, "10.200.0.1", "10.200.0.2", "1", NULL);
  g_assert_cmpuint (changes.calls, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_ROWS + 1);
  g_assert_true (liaison_communication_model_find_id (model, id, NULL));
}

/* A store change reaches the views as the rows that changed, not as a new list. */
static void
test_store_change_is_narrow (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(LiaisonCommunicationModel) model = liaison_communication_model_new (fixture->store);
  g_autoptr(GError) error = NULL;
  Changes changes = { 0 };
  gint64 id;

  g_assert_true (liaison_communication_model_reload (model, &error));
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &changes);

  /* Nothing handed out yet: deleting row 500 is that one row going. */
  id = liaison_communication_model_get_id (model, 500);
  g_assert_true (liaison_store_delete_communications (fixture->store, &id, 1, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.calls, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_ROWS - 1);
  g_assert_false (liaison_communication_model_find_id (model, id, NULL));
}

/* A big list shown in a column view, for the re-query tests. */

static guint cells_built;

static void
setup_label (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  g_object_set_data (G_OBJECT (label), "test-list-item", list_item);
  gtk_list_item_set_child (list_item, label);
  cells_built++;
}

static void
render_label (LiaisonCommunicationRow *row,
              GParamSpec              *pspec,
              GtkListItem             *list_item)
{
  LiaisonColumn column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (list_item), "column"));
  LiaisonCommunication *item = liaison_communication_row_get_communication (row);
  g_autofree char *text = item != NULL ? liaison_communication_dup_column_text (item, column) : NULL;

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), text != NULL ? text : "");
}

static void
bind_label (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item)
{
  LiaisonCommunicationRow *row = gtk_list_item_get_item (list_item);

  g_object_set_data (G_OBJECT (list_item), "column", g_object_get_data (G_OBJECT (factory), "column"));
  render_label (row, NULL, list_item);
  g_signal_connect (row, "notify::communication", G_CALLBACK (render_label), list_item);
}

static void
unbind_label (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (list_item), render_label, list_item);
}

/* Every bound cell shows its own row's value: none is left showing the row
 * that was at its position before a re-query. */
static void
assert_cells_current (GtkWidget                 *widget,
                      LiaisonCommunicationModel *model,
                      guint                     *checked)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (widget), "test-list-item");

  if (list_item != NULL && gtk_list_item_get_item (list_item) != NULL)
    {
      guint position = gtk_list_item_get_position (list_item);
      LiaisonColumn column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (list_item), "column"));
      g_autoptr(LiaisonCommunicationRow) row = g_list_model_get_item (G_LIST_MODEL (model), position);
      g_autofree char *want = liaison_communication_dup_column_text (liaison_communication_row_get_communication (row), column);

      g_assert_true (gtk_list_item_get_item (list_item) == (gpointer) row);
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (widget)), ==, want != NULL ? want : "");
      (*checked)++;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    assert_cells_current (child, model, checked);
}

static gboolean
rows_shown (gpointer user_data)
{
  LiaisonCommunicationModelStats stats;

  liaison_communication_model_get_stats (user_data, &stats);
  return stats.get_item_calls > 0;
}

static guint64
rows_read_by (LiaisonCommunicationModel *model,
              void                     (*change) (LiaisonCommunicationModel *model))
{
  LiaisonCommunicationModelStats before, after;

  liaison_communication_model_get_stats (model, &before);
  change (model);
  /* The views catch up: layout, bind, paint. */
  for (guint i = 0; i < 5; i++)
    {
      liaison_test_flush ();
      g_usleep (20000);
    }
  liaison_test_flush ();
  liaison_communication_model_get_stats (model, &after);

  g_test_message ("%" G_GUINT64_FORMAT " get_item calls, %" G_GUINT64_FORMAT " rows read",
                  after.get_item_calls - before.get_item_calls, after.rows_fetched - before.rows_fetched);
  /* Not the whole list: what a view shows and keeps around it (GtkListView
   * keeps up to 200 rows bound), read a block at a time. */
  g_assert_cmpuint (after.get_item_calls - before.get_item_calls, <=, 2000);
  return after.rows_fetched - before.rows_fetched;
}

static void
sort_by_port (LiaisonCommunicationModel *model)
{
  liaison_communication_model_set_sort (model, LIAISON_COLUMN_PORT, TRUE);
}

static void
sort_by_client_ip (LiaisonCommunicationModel *model)
{
  liaison_communication_model_set_sort (model, LIAISON_COLUMN_CLIENT_IP, FALSE);
}

static void
search_web (LiaisonCommunicationModel *model)
{
  liaison_communication_model_set_search (model, "web0");
}

static void
search_rare (LiaisonCommunicationModel *model)
{
  liaison_communication_model_set_search (model, "10.0.1.1");
}

static void
clear_search (LiaisonCommunicationModel *model)
{
  liaison_communication_model_set_search (model, NULL);
}

/* A window with a column view of @selection, a label per column from
 * Client (device) to Port. */
static GtkWidget *
show_in_window (LiaisonCommunicationSelection *selection,
                GtkWidget                    **view)
{
  GtkWidget *window, *scrolled;

  *view = gtk_column_view_new (GTK_SELECTION_MODEL (g_object_ref (selection)));
  for (LiaisonColumn c = LIAISON_COLUMN_CLIENT_DEVICE; c <= LIAISON_COLUMN_PORT; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

      g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (c));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_label), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_label), NULL);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_label), NULL);
      gtk_column_view_append_column (GTK_COLUMN_VIEW (*view),
                                     g_object_ref_sink (gtk_column_view_column_new (liaison_column_to_string (c), factory)));
    }
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), *view);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
test_requery_reads_a_bounded_number_of_rows (Fixture       *fixture,
                                             gconstpointer  data)
{
  g_autoptr(LiaisonCommunicationModel) model = liaison_communication_model_new (fixture->store);
  g_autoptr(LiaisonCommunicationSelection) selection = NULL;
  g_autoptr(GError) error = NULL;
  void (*changes[]) (LiaisonCommunicationModel *) = {
    sort_by_port, search_web, sort_by_client_ip, clear_search, search_rare, clear_search,
  };
  GtkWidget *window, *view;
  const guint bound = 2 * 1000;
  gint64 selected_id;
  gboolean kept = TRUE;
  guint position;

  g_assert_true (liaison_communication_model_reload (model, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, BIG_ROWS);
  selection = liaison_communication_selection_new (model);

  window = show_in_window (selection, &view);
  g_assert_true (liaison_test_wait (rows_shown, model, 5000));
  liaison_test_flush ();

  /* One row selected (a "web01" one): it stays selected, by id, wherever a
   * re-query puts it, until a search leaves it out. */
  selected_id = liaison_communication_model_get_id (model, 10);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (selection), 10, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      g_autoptr(GtkBitset) selected = NULL;
      guint built = cells_built, checked = 0;
      guint n_before = g_list_model_get_n_items (G_LIST_MODEL (model));
      guint64 rows = rows_read_by (model, changes[i]);

      g_assert_cmpuint (rows, <=, bound);
      /* The view kept its row widgets (the list is at its top) and only
       * their text changed, unless the list grew from fewer rows than it
       * shows; every cell shows the row now at its position. */
      if (n_before >= 1000)
        g_assert_cmpuint (cells_built, ==, built);
      assert_cells_current (view, model, &checked);
      g_assert_cmpuint (checked, >, 0);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==,
                        g_list_model_get_n_items (G_LIST_MODEL (model)));

      selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (selection));
      kept = kept && liaison_communication_model_find_id (model, selected_id, &position);
      if (i < 4)
        g_assert_true (kept);
      if (kept)
        {
          g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1);
          g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (selection), position));
        }
      else
        {
          g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 0);
        }
    }

  /* Selecting everything builds no rows either. */
  {
    LiaisonCommunicationModelStats before, after;
    g_autoptr(GtkBitset) selected = NULL;

    liaison_communication_model_get_stats (model, &before);
    gtk_selection_model_select_all (GTK_SELECTION_MODEL (selection));
    liaison_test_flush ();
    liaison_communication_model_get_stats (model, &after);
    selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (selection));
    g_assert_cmpuint (gtk_bitset_get_size (selected), ==, BIG_ROWS);
    g_assert_cmpuint (after.rows_fetched - before.rows_fetched, <=, bound);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  liaison_test_flush ();
}

static gboolean
model_settled (gpointer user_data)
{
  return !liaison_communication_model_get_loading (user_data);
}

/* How often the model stopped loading. */
static void
count_settled (LiaisonCommunicationModel *model,
               GParamSpec                *pspec,
               guint                     *settled)
{
  if (!liaison_communication_model_get_loading (model))
    (*settled)++;
}

static void
count_items_changed (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *calls)
{
  (*calls)++;
}

/* In the background, a search and then an order asked for at once: the
 * model says it is loading, keeps its rows meanwhile, and ends with the rows
 * of the newer query, told once; the query it replaced never shows. */
static void
test_background_queries (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(LiaisonCommunicationModel) model = liaison_communication_model_new (fixture->store);
  g_autoptr(GError) error = NULL;
  guint calls = 0;

  guint settled = 0;

  g_assert_true (liaison_communication_model_reload (model, &error));
  liaison_communication_model_set_background (model, TRUE);
  g_signal_connect (model, "items-changed", G_CALLBACK (count_items_changed), &calls);
  g_signal_connect (model, "notify::loading", G_CALLBACK (count_settled), &settled);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      LiaisonQuery query = { cases[i].search, cases[i].sort, cases[i].descending };
      guint before = g_list_model_get_n_items (G_LIST_MODEL (model));
      gboolean changes = g_strcmp0 (cases[i].search, liaison_communication_model_get_search (model)) != 0 ||
                         cases[i].sort != (i == 0 ? LIAISON_COLUMN_ID : cases[i - 1].sort) ||
                         cases[i].descending != (i == 0 ? FALSE : cases[i - 1].descending);

      calls = 0;
      settled = 0;
      liaison_communication_model_set_search (model, cases[i].search);
      liaison_communication_model_set_sort (model, cases[i].sort, cases[i].descending);
      g_assert_true (liaison_communication_model_get_loading (model) == changes);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, before);
      g_assert_true (liaison_test_wait (model_settled, model, 10000));
      assert_same_rows (model, fixture->store, &query);
      g_assert_cmpuint (calls, <=, 1);
      /* The search replaced by the order did not end the loading. */
      g_assert_cmpuint (settled, ==, changes ? 1 : 0);
    }

  /* A change in the store too. */
  liaison_communication_model_set_search (model, NULL);
  g_assert_true (liaison_test_wait (model_settled, model, 10000));
  liaison_test_add_row (fixture->store, "10.9.9.9", "10.9.9.1", "9999", "late");
  g_assert_true (liaison_communication_model_get_loading (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_ROWS);
  g_assert_true (liaison_test_wait (model_settled, model, 10000));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_ROWS + 1);

  /* Turning the background off stops a query on the way: nothing changes. */
  calls = 0;
  liaison_communication_model_set_search (model, "web");
  g_assert_true (liaison_communication_model_get_loading (model));
  liaison_communication_model_set_background (model, FALSE);
  g_assert_false (liaison_communication_model_get_loading (model));
  for (guint i = 0; i < 10; i++)
    {
      liaison_test_flush ();
      g_usleep (10000);
    }
  g_assert_cmpuint (calls, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_ROWS + 1);
}

static void
let_views_catch_up (LiaisonCommunicationModel *model)
{
  g_assert_true (liaison_test_wait (model_settled, model, 10000));
  for (guint i = 0; i < 5; i++)
    {
      liaison_test_flush ();
      g_usleep (20000);
    }
}

static void
assert_shows_model (GtkWidget                 *view,
                    LiaisonCommunicationModel *model)
{
  guint checked = 0;

  assert_cells_current (view, model, &checked);
  g_assert_cmpuint (checked, >, 100);
}

static GtkWidget *
list_view_of (GtkWidget *column_view)
{
  for (GtkWidget *child = gtk_widget_get_first_child (column_view); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;
  g_assert_not_reached ();
}

/* What a view shows follows the store when rows go, come back, come in
 * between, or change while the view looks elsewhere: every cell shows the
 * row now at its position, never the one that was there. */
static void
test_cells_follow_changes (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(LiaisonCommunicationModel) model = liaison_communication_model_new (fixture->store);
  g_autoptr(LiaisonCommunicationSelection) selection = NULL;
  g_autoptr(LiaisonDeletion) deletion = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window, *view, *list;
  gint64 id;

  g_assert_true (liaison_communication_model_reload (model, &error));
  liaison_communication_model_set_background (model, TRUE);
  selection = liaison_communication_selection_new (model);
  window = show_in_window (selection, &view);
  list = list_view_of (view);
  g_assert_true (liaison_test_wait (rows_shown, model, 5000));
  let_views_catch_up (model);
  assert_shows_model (view, model);

  /* A row near the top goes: the rows after it move up. */
  id = liaison_communication_model_get_id (model, 5);
  g_assert_true (liaison_store_delete_communications (fixture->store, &id, 1, &deletion, &error));
  g_assert_no_error (error);
  let_views_catch_up (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_ROWS - 1);
  g_assert_cmpint (liaison_communication_model_get_id (model, 5), !=, id);
  assert_shows_model (view, model);

  /* Undo brings it back in between. */
  g_assert_true (liaison_store_restore_deletion (fixture->store, deletion, &error));
  g_assert_no_error (error);
  let_views_catch_up (model);
  g_assert_cmpint (liaison_communication_model_get_id (model, 5), ==, id);
  assert_shows_model (view, model);

  /* A new row that sorts in among the rows shown. */
  liaison_communication_model_set_sort (model, LIAISON_COLUMN_PORT, FALSE);
  let_views_catch_up (model);
  liaison_test_add_row (fixture->store, "10.250.0.1", "192.168.0.9", "2", "inserted");
  let_views_catch_up (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_ROWS + 1);
  assert_shows_model (view, model);

  /* Row 5 keeps its widget (it has the focus) while the view goes through
   * more blocks than the model caches; it changes meanwhile. */
  g_assert_true (gtk_widget_grab_focus (gtk_widget_get_first_child (list)));
  for (guint target = 200; target < N_ROWS; target += 200)
    {
      gtk_widget_activate_action (list, "list.scroll-to-item", "u", target);
      let_views_catch_up (model);
    }
  id = liaison_communication_model_get_id (model, 5);
  g_assert_true (liaison_store_set_devices (fixture->store, &id, 1, LIAISON_COLUMN_CLIENT_DEVICE,
                                            "changed-meanwhile", &error));
  g_assert_no_error (error);
  let_views_catch_up (model);
  gtk_widget_activate_action (list, "list.scroll-to-item", "u", 0);
  let_views_catch_up (model);
  assert_shows_model (view, model);

  gtk_window_destroy (GTK_WINDOW (window));
  liaison_test_flush ();
}

/* Many changes of every kind in a row, in a fixed pseudo-random order:
 * after each, the model holds exactly the rows of the core's query and
 * every cell shows the row now at its position. */
static void
test_cells_follow_random_changes (Fixture       *fixture,
                                  gconstpointer  data)
{
  static const char *searches[] = { NULL, "web", "10.3", "udp", "1", "zq", "Db0" };
  g_autoptr(LiaisonCommunicationModel) model = liaison_communication_model_new (fixture->store);
  g_autoptr(LiaisonCommunicationSelection) selection = NULL;
  g_autoptr(LiaisonDeletion) deletion = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261127);
  g_autoptr(GError) error = NULL;
  GtkWidget *window, *view, *list;
  const char *search = NULL;
  LiaisonColumn sort = LIAISON_COLUMN_ID;
  gboolean descending = FALSE;
  guint added = 0;

  g_assert_true (liaison_communication_model_reload (model, &error));
  liaison_communication_model_set_background (model, TRUE);
  selection = liaison_communication_selection_new (model);
  window = show_in_window (selection, &view);
  list = list_view_of (view);
  g_assert_true (liaison_test_wait (rows_shown, model, 5000));
  let_views_catch_up (model);

  for (guint step = 0; step < 60; step++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (model));
      guint action = g_rand_int_range (rand, 0, 7);
      LiaisonQuery query = { 0 };
      guint checked = 0;

      switch (action)
        {
        case 0: /* some rows go */
          if (n > 0)
            {
              gint64 ids[3];
              guint k = MIN (n, (guint) g_rand_int_range (rand, 1, 4));

              for (guint i = 0; i < k; i++)
                ids[i] = liaison_communication_model_get_id (model, g_rand_int_range (rand, 0, n));
              if (k == 3 && (ids[2] == ids[0] || ids[2] == ids[1]))
                k = 2;
              if (k >= 2 && ids[1] == ids[0])
                {
                  ids[1] = ids[k - 1];
                  k--;
                }
              g_clear_pointer (&deletion, liaison_deletion_free);
              g_assert_true (liaison_store_delete_communications (fixture->store, ids, k, &deletion, &error));
              g_assert_no_error (error);
            }
          break;
        case 1: /* undo */
          if (deletion != NULL)
            {
              g_assert_true (liaison_store_restore_deletion (fixture->store, deletion, &error));
              g_assert_no_error (error);
              g_clear_pointer (&deletion, liaison_deletion_free);
            }
          break;
        case 2: /* a new row */
          {
            g_autofree char *client = g_strdup_printf ("10.%u.9.%u", g_rand_int_range (rand, 0, 8), ++added);
            g_autofree char *port = g_strdup_printf ("%d", g_rand_int_range (rand, 1, 9000));

            liaison_test_add_row (fixture->store, client, "192.168.1.1", port, added % 2 ? "web09" : NULL);
          }
          break;
        case 3: /* another order */
          sort = g_rand_int_range (rand, 0, LIAISON_N_COLUMNS);
          descending = g_rand_boolean (rand);
          liaison_communication_model_set_sort (model, sort, descending);
          break;
        case 4: /* another search */
          search = searches[g_rand_int_range (rand, 0, G_N_ELEMENTS (searches))];
          liaison_communication_model_set_search (model, search);
          break;
        case 5: /* the view goes elsewhere */
          if (n > 0)
            gtk_widget_activate_action (list, "list.scroll-to-item", "u", g_rand_int_range (rand, 0, n));
          break;
        case 6: /* a row changes */
          if (n > 0)
            {
              gint64 id = liaison_communication_model_get_id (model, g_rand_int_range (rand, 0, n));
              g_autofree char *device = g_strdup_printf ("dev-%u", step);

              g_assert_true (liaison_store_set_devices (fixture->store, &id, 1, LIAISON_COLUMN_CLIENT_DEVICE,
                                                        device, &error));
              g_assert_no_error (error);
            }
          break;
        default:
          g_assert_not_reached ();
        }

      let_views_catch_up (model);
      g_test_message ("step %u: action %u, %u rows", step, action,
                      g_list_model_get_n_items (G_LIST_MODEL (model)));
      query.search = search;
      query.sort = sort;
      query.descending = descending;
      assert_same_rows (model, fixture->store, &query);
      assert_cells_current (view, model, &checked);
      if (g_list_model_get_n_items (G_LIST_MODEL (model)) > 0)
        g_assert_cmpuint (checked, >, 0);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  liaison_test_flush ();
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  liaison_test_add ("/communication-model/queries", test_queries, &rows);
  liaison_test_add ("/communication-model/background-queries", test_background_queries, &rows);
  liaison_test_add ("/communication-model/cells-follow-changes", test_cells_follow_changes, &rows);
  liaison_test_add ("/communication-model/cells-follow-random-changes", test_cells_follow_random_changes, &rows);
  liaison_test_add ("/communication-model/one-change-per-query", test_one_change_per_query, &rows);
  liaison_test_add ("/communication-model/store-change-is-narrow", test_store_change_is_narrow, &rows);
  liaison_test_add ("/communication-model/requery-reads-a-bounded-number-of-rows",
                    test_requery_reads_a_bounded_number_of_rows, &many_rows);

  return g_test_run ();
}
