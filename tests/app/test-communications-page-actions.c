/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-communications-page-actions"

#include "config.h"

#include "liaison-communications-page-private.h"
#include "liaison-test-utils.h"

/*
 * The Communications page's actions on the selection.
 */

typedef LiaisonTestFixture Fixture;

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static GArray *
all_ids (Fixture *fixture)
{
  LiaisonCommunicationModel *model = liaison_communications_page_get_model (liaison_test_get_page (fixture));
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      gint64 id = liaison_communication_model_get_id (model, i);

      g_array_append_val (ids, id);
    }
  g_array_sort (ids, compare_ids);

  return ids;
}

static gboolean
has_rows (gpointer user_data)
{
  Fixture *fixture = user_data;
  LiaisonCommunicationModel *model = liaison_communications_page_get_model (liaison_test_get_page (fixture));

  return !liaison_communication_model_get_loading (model) &&
         g_list_model_get_n_items (G_LIST_MODEL (model)) == GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (model), "expected"));
}

/* Whether the list comes to show @n rows within @timeout_ms. */
static gboolean
wait_rows (Fixture *fixture,
           guint    n,
           guint    timeout_ms)
{
  LiaisonCommunicationModel *model = liaison_communications_page_get_model (liaison_test_get_page (fixture));

  g_object_set_data (G_OBJECT (model), "expected", GUINT_TO_POINTER (n));
  return liaison_test_wait (has_rows, fixture, timeout_ms);
}

static void
test_delete_and_undo (Fixture       *fixture,
                      gconstpointer  data)
{
  LiaisonCommunicationsPage *page = liaison_test_get_page (fixture);
  GtkSelectionModel *selection = liaison_communications_page_get_selection (page);
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  g_autoptr(GArray) selected = NULL;
  gint64 kept;
  AdwToast *toast;

  liaison_test_add_row (fixture->store, "10.0.0.1", "10.0.0.9", "22", "alpha");
  kept = liaison_test_add_row (fixture->store, "10.0.0.2", "10.0.0.9", "22", "beta");
  liaison_test_add_row (fixture->store, "10.0.0.3", "10.0.0.9", "22", "gamma");
  liaison_test_flush ();
  g_assert_cmpuint (liaison_test_n_rows (fixture), ==, 3);
  before = all_ids (fixture);

  /* Select the first and the last row. */
  gtk_selection_model_select_item (selection, 0, TRUE);
  gtk_selection_model_select_item (selection, 2, FALSE);
  liaison_test_flush ();
  selected = liaison_communications_page_get_selected_ids (page);
  g_assert_cmpuint (selected->len, ==, 2);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (page)));

  /* Delete: gone, with a toast offering Undo. */
  gtk_widget_activate_action (GTK_WIDGET (page), "page.delete", NULL);
  g_assert_true (wait_rows (fixture, 1, 5000));
  g_assert_cmpint (liaison_communication_model_get_id (liaison_communications_page_get_model (page), 0), ==, kept);
  g_assert_cmpint (liaison_store_count_communications (fixture->store, NULL), ==, 1);

  toast = liaison_communications_page_get_undo_toast (page);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "2 communications deleted");
  g_assert_cmpuint (adw_toast_get_timeout (toast), ==, 10);

  /* Undo brings them back with the same ids. */
  g_signal_emit_by_name (toast, "button-clicked");
  g_assert_true (wait_rows (fixture, 3, 5000));
  after = all_ids (fixture);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < after->len; i++)
    g_assert_cmpint (g_array_index (after, gint64, i), ==, g_array_index (before, gint64, i));

  /* Ctrl+A selects everything. */
  gtk_widget_activate_action (GTK_WIDGET (page), "page.select-all", NULL);
  liaison_test_flush ();
  g_clear_pointer (&selected, g_array_unref);
  selected = liaison_communications_page_get_selected_ids (page);
  g_assert_cmpuint (selected->len, ==, 3);
}

typedef struct
{
  GtkWidget  *window;
  const char *title;
} Toast;

static gboolean
toast_gone (gpointer user_data)
{
  Toast *toast = user_data;

  return !liaison_test_shows_label (toast->window, toast->title);
}

static gboolean
never (gpointer user_data)
{
  return FALSE;
}

/* Waits until the toast @title has come in, as a user sees it before
 * closing it (libadwaita 1.2 reads a toast it freed when it is dismissed
 * while it still slides in). */
static void
wait_for_toast_in (Fixture    *fixture,
                   const char *title)
{
  g_assert_true (liaison_test_wait_for_label (GTK_WIDGET (fixture->window), title, 5000));
  liaison_test_wait (never, NULL, 500);
}

/* Waits until the toast @title has gone from @fixture's window. */
static void
wait_for_toast_gone (Fixture    *fixture,
                     const char *title)
{
  Toast toast = { GTK_WIDGET (fixture->window), title };

  g_assert_true (liaison_test_wait (toast_gone, &toast, 5000));
}

/* Ctrl+Z undoes the last delete, as the toast's button does, also once the
 * toast has gone; it is the Communications page's key, so on the
 * Statistics page it does nothing. Real keys. */
static void
test_ctrl_z_undoes (Fixture       *fixture,
                    gconstpointer  data)
{
  LiaisonCommunicationsPage *page = liaison_test_get_page (fixture);
  GtkSelectionModel *selection = liaison_communications_page_get_selection (page);
  AdwToast *toast;

  liaison_test_add_row (fixture->store, "10.0.0.1", "10.0.0.9", "22", "alpha");
  liaison_test_add_row (fixture->store, "10.0.0.2", "10.0.0.9", "22", "beta");
  liaison_test_flush ();
  g_assert_cmpuint (liaison_test_n_rows (fixture), ==, 2);

  /* Nothing deleted yet: nothing to undo. */
  liaison_test_press_keys (GTK_WINDOW (fixture->window), "ctrl+z");
  g_assert_false (wait_rows (fixture, 3, 1000));
  g_assert_cmpint (liaison_store_count_communications (fixture->store, NULL), ==, 2);

  gtk_selection_model_select_item (selection, 0, TRUE);
  liaison_test_flush ();
  gtk_widget_activate_action (GTK_WIDGET (page), "page.delete", NULL);
  g_assert_true (wait_rows (fixture, 1, 5000));
  toast = liaison_communications_page_get_undo_toast (page);
  g_assert_nonnull (toast);
  /* The user reads it, and closes it. */
  wait_for_toast_in (fixture, "1 communication deleted");
  adw_toast_dismiss (toast);
  wait_for_toast_gone (fixture, "1 communication deleted");

  /* On the Statistics page the key is not the list's. */
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (fixture->window->stack), "statistics");
  liaison_test_flush ();
  liaison_test_press_keys (GTK_WINDOW (fixture->window), "ctrl+z");
  g_assert_false (wait_rows (fixture, 2, 1000));
  g_assert_cmpint (liaison_store_count_communications (fixture->store, NULL), ==, 1);

  /* Back on the list, Ctrl+Z puts the row back, once. */
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (fixture->window->stack), "communications");
  liaison_test_flush ();
  liaison_test_press_keys (GTK_WINDOW (fixture->window), "ctrl+z");
  g_assert_true (wait_rows (fixture, 2, 5000));
  g_assert_cmpint (liaison_store_count_communications (fixture->store, NULL), ==, 2);
  g_assert_null (liaison_communications_page_get_undo_toast (page));

  liaison_test_press_keys (GTK_WINDOW (fixture->window), "ctrl+z");
  liaison_test_flush ();
  g_assert_cmpint (liaison_store_count_communications (fixture->store, NULL), ==, 2);
}

/* Only the last delete can be undone: its toast is the one that shows. */
static void
test_undo_is_the_last_delete (Fixture       *fixture,
                              gconstpointer  data)
{
  LiaisonCommunicationsPage *page = liaison_test_get_page (fixture);
  GtkSelectionModel *selection = liaison_communications_page_get_selection (page);
  g_autoptr(GObject) first_toast = NULL;

  liaison_test_add_row (fixture->store, "10.0.0.1", "10.0.0.9", "22", "alpha");
  liaison_test_add_row (fixture->store, "10.0.0.2", "10.0.0.9", "22", "beta");
  liaison_test_flush ();
  g_assert_cmpuint (liaison_test_n_rows (fixture), ==, 2);

  gtk_selection_model_select_item (selection, 0, TRUE);
  liaison_test_flush ();
  gtk_widget_activate_action (GTK_WIDGET (page), "page.delete", NULL);
  g_assert_true (wait_rows (fixture, 1, 5000));
  first_toast = g_object_ref (G_OBJECT (liaison_communications_page_get_undo_toast (page)));

  gtk_selection_model_select_item (selection, 0, TRUE);
  liaison_test_flush ();
  gtk_widget_activate_action (GTK_WIDGET (page), "page.delete", NULL);
  g_assert_true (wait_rows (fixture, 0, 5000));
  g_assert_true (liaison_communications_page_get_undo_toast (page) != ADW_TOAST (first_toast));
  g_assert_cmpstr (adw_toast_get_title (liaison_communications_page_get_undo_toast (page)), ==, "1 communication deleted");

  /* Undo: the second delete comes back, not the first. */
  gtk_widget_activate_action (GTK_WIDGET (page), "page.undo", NULL);
  g_assert_true (wait_rows (fixture, 1, 5000));
  g_assert_cmpstr (liaison_communication_get_client_device (liaison_test_get_row (fixture, 0)), ==, "beta");
  /* Nothing more to undo. */
  gtk_widget_activate_action (GTK_WIDGET (page), "page.undo", NULL);
  liaison_test_flush ();
  g_assert_cmpint (liaison_store_count_communications (fixture->store, NULL), ==, 1);
  /* The toasts go with the undo. */
  wait_for_toast_gone (fixture, "1 communication deleted");
}

/* The rows @ids as stored now. */
static GPtrArray *
stored_rows (Fixture      *fixture,
             const gint64 *ids,
             guint         n)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = liaison_store_get_communications (fixture->store, ids, n, &error);

  g_assert_no_error (error);
  return rows;
}

/* Someone else changes one of the selected rows and deletes another before
 * the person presses Delete (team.md 3): nothing is deleted, the question
 * shows the changed row as the list showed it and as it is now. */
static AdwMessageDialog *
delete_after_other_change (Fixture *fixture,
                           gint64   ids[3])
{
  LiaisonCommunicationsPage *page = liaison_test_get_page (fixture);
  LiaisonCommunicationInput theirs = { .client_device = "web02" };
  g_autoptr(LiaisonStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *changes = NULL;
  AdwMessageDialog *question;

  ids[0] = liaison_test_add_row (fixture->store, "10.0.0.1", "10.0.0.9", "22", "alpha");
  ids[1] = liaison_test_add_row (fixture->store, "10.0.0.2", "10.0.0.9", "22", "beta");
  ids[2] = liaison_test_add_row (fixture->store, "10.0.0.3", "10.0.0.9", "22", "gamma");
  liaison_test_flush ();
  g_assert_cmpuint (liaison_test_n_rows (fixture), ==, 3);
  gtk_widget_activate_action (GTK_WIDGET (page), "page.select-all", NULL);
  liaison_test_flush ();

  other = liaison_store_open_existing (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (liaison_store_edit_communication (other, ids[1], &theirs, &error));
  g_assert_true (liaison_store_delete_communications (other, &ids[2], 1, NULL, &error));
  g_assert_no_error (error);

  gtk_widget_activate_action (GTK_WIDGET (page), "page.delete", NULL);
  question = liaison_test_wait_for_question ("Changed Meanwhile");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (question)) == GTK_WINDOW (fixture->window));
  g_assert_cmpstr (adw_message_dialog_get_body (question), ==,
                   "Someone else changed 1 of these communications after the list showed it."
                   " 1 other was deleted by someone else meanwhile.\n\n"
                   "Delete the changed ones as well, or keep them and delete only the others?");
  changes = liaison_test_label_texts (adw_message_dialog_get_extra_child (question));
  g_assert_cmpstr (changes, ==,
                   "You saw\n10.0.0.2 (beta) → 10.0.0.9 22/tcp\n"
                   "Now\n10.0.0.2 (web02) → 10.0.0.9 22/tcp");
  g_assert_cmpint (liaison_store_count_communications (fixture->store, NULL), ==, 2);
  g_assert_null (liaison_communications_page_get_undo_toast (page));
  return question;
}

/* Keep the changed row: only the others go; Undo puts them back. */
static void
test_delete_changed_keep (Fixture       *fixture,
                          gconstpointer  data)
{
  LiaisonCommunicationsPage *page = liaison_test_get_page (fixture);
  g_autoptr(GPtrArray) rows = NULL;
  gint64 ids[3];

  liaison_test_answer (delete_after_other_change (fixture, ids), "_Keep Changed");
  g_assert_true (liaison_test_wait_for_label (GTK_WIDGET (fixture->window),
                                              "1 communication deleted, 1 was already deleted by someone else", 5000));
  rows = stored_rows (fixture, ids, 3);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (liaison_communication_get_id (g_ptr_array_index (rows, 0)), ==, ids[1]);
  g_assert_cmpstr (liaison_communication_get_client_device (g_ptr_array_index (rows, 0)), ==, "web02");
  g_assert_true (wait_rows (fixture, 1, 5000));

  gtk_widget_activate_action (GTK_WIDGET (page), "page.undo", NULL);
  g_assert_true (wait_rows (fixture, 2, 5000));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = stored_rows (fixture, ids, 3);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (liaison_communication_get_client_device (g_ptr_array_index (rows, 0)), ==, "alpha");
}

/* Delete anyway: the changed row goes too, as it is now, and comes back so. */
static void
test_delete_changed_anyway (Fixture       *fixture,
                            gconstpointer  data)
{
  LiaisonCommunicationsPage *page = liaison_test_get_page (fixture);
  g_autoptr(GPtrArray) rows = NULL;
  gint64 ids[3];

  liaison_test_answer (delete_after_other_change (fixture, ids), "_Delete Anyway");
  g_assert_true (liaison_test_wait_for_label (GTK_WIDGET (fixture->window),
                                              "2 communications deleted, 1 was already deleted by someone else", 5000));
  g_assert_cmpint (liaison_store_count_communications (fixture->store, NULL), ==, 0);
  g_assert_true (wait_rows (fixture, 0, 5000));

  gtk_widget_activate_action (GTK_WIDGET (page), "page.undo", NULL);
  g_assert_true (wait_rows (fixture, 2, 5000));
  rows = stored_rows (fixture, ids, 3);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (liaison_communication_get_client_device (g_ptr_array_index (rows, 0)), ==, "alpha");
  g_assert_cmpstr (liaison_communication_get_client_device (g_ptr_array_index (rows, 1)), ==, "web02");
}

/* Cancel: nothing deleted, nothing to undo. */
static void
test_delete_changed_cancel (Fixture       *fixture,
                            gconstpointer  data)
{
  LiaisonCommunicationsPage *page = liaison_test_get_page (fixture);
  gint64 ids[3];

  liaison_test_answer (delete_after_other_change (fixture, ids), "_Cancel");
  liaison_test_flush ();
  g_assert_cmpint (liaison_store_count_communications (fixture->store, NULL), ==, 2);
  g_assert_null (liaison_communications_page_get_undo_toast (page));
  gtk_widget_activate_action (GTK_WIDGET (page), "page.undo", NULL);
  liaison_test_flush ();
  g_assert_cmpint (liaison_store_count_communications (fixture->store, NULL), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  liaison_test_add ("/communications-page-actions/delete-and-undo", test_delete_and_undo, NULL);
  liaison_test_add ("/communications-page-actions/ctrl-z-undoes", test_ctrl_z_undoes, NULL);
  liaison_test_add ("/communications-page-actions/undo-is-the-last-delete", test_undo_is_the_last_delete, NULL);
  liaison_test_add ("/communications-page-actions/delete-changed/keep", test_delete_changed_keep, NULL);
  liaison_test_add ("/communications-page-actions/delete-changed/anyway", test_delete_changed_anyway, NULL);
  liaison_test_add ("/communications-page-actions/delete-changed/cancel", test_delete_changed_cancel, NULL);

  return g_test_run ();
}
