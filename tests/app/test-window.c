/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include "liaison-communication-dialog.h"
#include "liaison-communications-page-private.h"
#include "liaison-import.h"
#include "liaison-statistics-page-private.h"
#include "liaison-test-utils.h"

typedef LiaisonTestFixture Fixture;

static LiaisonCommunicationsPage *
get_page (Fixture *fixture)
{
  return LIAISON_COMMUNICATIONS_PAGE (liaison_window_get_communications_page (fixture->window));
}

/* The list reads the database in the background after a change: what it
 * shows once it has read it. */
static void
wait_for_list (Fixture *fixture)
{
  LiaisonCommunicationModel *model = liaison_communications_page_get_model (get_page (fixture));
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (liaison_communication_model_get_loading (model) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (liaison_communication_model_get_loading (model));
}

static LiaisonCommunication *
get_row (Fixture *fixture,
         guint    position)
{
  LiaisonCommunicationModel *model = liaison_communications_page_get_model (get_page (fixture));

  wait_for_list (fixture);
  g_autoptr(LiaisonCommunicationRow) row = g_list_model_get_item (G_LIST_MODEL (model), position);
  LiaisonCommunication *communication = row != NULL ? liaison_communication_row_get_communication (row) : NULL;

  return communication != NULL ? g_object_ref (communication) : NULL;
}

static guint
n_rows (Fixture *fixture)
{
  wait_for_list (fixture);
  return g_list_model_get_n_items (G_LIST_MODEL (liaison_communications_page_get_model (get_page (fixture))));
}

static gboolean
dialog_open (gpointer user_data)
{
  return liaison_test_find_window (LIAISON_TYPE_COMMUNICATION_DIALOG) != NULL;
}

static gboolean
dialog_closed (gpointer user_data)
{
  return liaison_test_find_window (LIAISON_TYPE_COMMUNICATION_DIALOG) == NULL;
}

static LiaisonCommunicationDialog *
open_add_dialog (Fixture *fixture)
{
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "add", NULL);
  g_assert_true (liaison_test_wait (dialog_open, NULL, 5000));

  return LIAISON_COMMUNICATION_DIALOG (liaison_test_find_window (LIAISON_TYPE_COMMUNICATION_DIALOG));
}

static void
type_into (LiaisonCommunicationDialog *dialog,
           LiaisonColumn               column,
           const char                 *text)
{
  liaison_test_type (liaison_communication_dialog_get_entry (dialog, column), text);
}

static void
clear_entry (LiaisonCommunicationDialog *dialog,
             LiaisonColumn               column)
{
  gtk_editable_delete_text (liaison_communication_dialog_get_entry (dialog, column), 0, -1);
  liaison_test_flush ();
}

/* Enter in a field: what the Return key binding of the entry's text emits. */
static void
press_enter (GtkEditable *editable)
{
  GtkEditable *text = gtk_editable_get_delegate (editable);

  g_assert_true (GTK_IS_TEXT (text));
  g_signal_emit_by_name (text, "activate");
  liaison_test_flush ();
}

static gboolean
save_sensitive (LiaisonCommunicationDialog *dialog)
{
  return gtk_widget_get_sensitive (liaison_communication_dialog_get_save_button (dialog));
}

static void
test_empty_database (Fixture       *fixture,
                     gconstpointer  data)
{
  LiaisonCommunicationsPage *page = get_page (fixture);

  g_assert_cmpuint (n_rows (fixture), ==, 0);
  g_assert_cmpstr (liaison_communications_page_get_visible_child_name (page), ==, "empty");
  g_assert_true (GTK_IS_BIN_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (page))));
  g_assert_true (ADW_IS_BIN (liaison_window_get_statistics_bin (fixture->window)));
}

static void
test_add_and_edit (Fixture       *fixture,
                   gconstpointer  data)
{
  LiaisonCommunicationsPage *page = get_page (fixture);
  LiaisonCommunicationDialog *dialog;
  g_autoptr(LiaisonCommunication) row = NULL;
  g_autoptr(LiaisonCommunication) edited = NULL;
  g_autoptr(LiaisonCommunication) stored = NULL;
  g_autoptr(GError) error = NULL;
  GtkEditable *entry;
  gint64 id;

  /* Add, through the real dialog, typed as a user would. */
  dialog = open_add_dialog (fixture);
  g_assert_false (save_sensitive (dialog));
  g_assert_false (gtk_widget_get_visible (liaison_communication_dialog_get_delete_button (dialog)));

  type_into (dialog, LIAISON_COLUMN_CLIENT_IP, "10.1.2.3");
  type_into (dialog, LIAISON_COLUMN_LISTENER_IP, "10.9.8.7");
  g_assert_false (save_sensitive (dialog));
  type_into (dialog, LIAISON_COLUMN_PORT, "5432");
  g_assert_true (save_sensitive (dialog));
  gtk_drop_down_set_selected (liaison_communication_dialog_get_protocol (dialog), 0);
  type_into (dialog, LIAISON_COLUMN_CLIENT_DEVICE, "app01");
  type_into (dialog, LIAISON_COLUMN_LISTENER_DEVICE, "db01");
  type_into (dialog, LIAISON_COLUMN_CLIENT_PROCESS_DISPLAY_NAME, "Billing");
  type_into (dialog, LIAISON_COLUMN_CLIENT_PROCESS_NAME, "java");
  g_assert_true (save_sensitive (dialog));

  /* Enter in a field saves. */
  entry = liaison_communication_dialog_get_entry (dialog, LIAISON_COLUMN_CLIENT_PROCESS_NAME);
  press_enter (entry);
  g_assert_true (liaison_test_wait (dialog_closed, NULL, 5000));
  liaison_test_flush ();

  g_assert_cmpuint (n_rows (fixture), ==, 1);
  g_assert_cmpstr (liaison_communications_page_get_visible_child_name (page), ==, "list");
  row = get_row (fixture, 0);
  g_assert_cmpstr (liaison_communication_get_client_ip (row), ==, "10.1.2.3");
  g_assert_cmpstr (liaison_communication_get_listener_ip (row), ==, "10.9.8.7");
  g_assert_cmpuint (liaison_communication_get_port (row), ==, 5432);
  g_assert_cmpstr (liaison_communication_get_protocol (row), ==, "tcp");
  g_assert_cmpstr (liaison_communication_get_client_device (row), ==, "app01");
  g_assert_cmpstr (liaison_communication_get_listener_device (row), ==, "db01");
  g_assert_cmpstr (liaison_communication_get_client_process_display_name (row), ==, "Billing");
  g_assert_cmpstr (liaison_communication_get_client_process_name (row), ==, "java");
  g_assert_cmpstr (liaison_communication_get_source (row), ==, "manual");
  id = liaison_communication_get_id (row);
  /* The new row is the selection. */
  g_assert_true (gtk_selection_model_is_selected (liaison_communications_page_get_selection (page), 0));

  /* Edit: the same form, filled in; Save waits for a change. */
  dialog = LIAISON_COMMUNICATION_DIALOG (liaison_communications_page_edit (page, 0));
  g_assert_nonnull (dialog);
  liaison_test_flush ();
  g_assert_cmpint (liaison_communication_dialog_get_id (dialog), ==, id);
  g_assert_true (gtk_widget_get_visible (liaison_communication_dialog_get_delete_button (dialog)));
  g_assert_cmpstr (gtk_editable_get_text (liaison_communication_dialog_get_entry (dialog, LIAISON_COLUMN_CLIENT_IP)),
                   ==, "10.1.2.3");
  g_assert_cmpstr (gtk_editable_get_text (liaison_communication_dialog_get_entry (dialog, LIAISON_COLUMN_CLIENT_DEVICE)),
                   ==, "app01");
  g_assert_false (save_sensitive (dialog));

  clear_entry (dialog, LIAISON_COLUMN_CLIENT_DEVICE);
  type_into (dialog, LIAISON_COLUMN_CLIENT_DEVICE, "app02");
  clear_entry (dialog, LIAISON_COLUMN_PORT);
  type_into (dialog, LIAISON_COLUMN_PORT, "5433");
  g_assert_true (save_sensitive (dialog));
  gtk_widget_activate (liaison_communication_dialog_get_save_button (dialog));
  g_assert_true (liaison_test_wait (dialog_closed, NULL, 5000));
  liaison_test_flush ();

  g_assert_cmpuint (n_rows (fixture), ==, 1);
  edited = get_row (fixture, 0);
  g_assert_cmpint (liaison_communication_get_id (edited), ==, id);
  g_assert_cmpstr (liaison_communication_get_client_device (edited), ==, "app02");
  g_assert_cmpuint (liaison_communication_get_port (edited), ==, 5433);
  g_assert_cmpstr (liaison_communication_get_client_process_display_name (edited), ==, "Billing");

  stored = liaison_store_get_communication (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_communication_get_client_device (stored), ==, "app02");
}

static void
test_invalid_input (Fixture       *fixture,
                    gconstpointer  data)
{
  LiaisonCommunicationDialog *dialog = open_add_dialog (fixture);
  GtkLabel *reason_ip = liaison_communication_dialog_get_reason_label (dialog, LIAISON_COLUMN_CLIENT_IP);
  GtkLabel *reason_port = liaison_communication_dialog_get_reason_label (dialog, LIAISON_COLUMN_PORT);
  GtkEditable *client_ip = liaison_communication_dialog_get_entry (dialog, LIAISON_COLUMN_CLIENT_IP);
  GtkEditable *port = liaison_communication_dialog_get_entry (dialog, LIAISON_COLUMN_PORT);
  g_autoptr(GError) expected = NULL;

  /* A pristine form does not complain, but cannot be saved. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (reason_ip)));
  g_assert_false (save_sensitive (dialog));

  type_into (dialog, LIAISON_COLUMN_CLIENT_IP, "10.0.0.300");
  type_into (dialog, LIAISON_COLUMN_LISTENER_IP, "10.0.0.1");
  type_into (dialog, LIAISON_COLUMN_PORT, "70000");

  g_assert_false (save_sensitive (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (reason_ip)));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (client_ip), "error"));
  g_assert_false (liaison_communication_validate_field (LIAISON_COLUMN_CLIENT_IP, "10.0.0.300", &expected));
  g_assert_cmpstr (gtk_label_get_text (reason_ip), ==, expected->message);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (reason_port)));
  g_assert_cmpstr (gtk_label_get_text (reason_port), !=, "");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (port), "error"));

  /* Enter does not save an invalid form. */
  press_enter (port);
  g_assert_nonnull (liaison_test_find_window (LIAISON_TYPE_COMMUNICATION_DIALOG));
  g_assert_cmpint (liaison_store_count_communications (fixture->store, NULL), ==, 0);

  /* Fixing one field clears its reason; the other still holds Save back. */
  clear_entry (dialog, LIAISON_COLUMN_CLIENT_IP);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (reason_ip)));   /* now: required */
  type_into (dialog, LIAISON_COLUMN_CLIENT_IP, "10.0.0.30");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (reason_ip)));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (client_ip), "error"));
  g_assert_false (save_sensitive (dialog));

  clear_entry (dialog, LIAISON_COLUMN_PORT);
  type_into (dialog, LIAISON_COLUMN_PORT, "443");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (reason_port)));
  g_assert_true (save_sensitive (dialog));

  /* Escape cancels. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  g_assert_true (liaison_test_wait (dialog_closed, NULL, 5000));
  g_assert_cmpint (liaison_store_count_communications (fixture->store, NULL), ==, 0);
}

static void
test_duplicate (Fixture       *fixture,
                gconstpointer  data)
{
  LiaisonCommunicationDialog *dialog;

  liaison_test_add_row (fixture->store, "10.0.0.1", "10.0.0.2", "80", NULL);
  liaison_test_flush ();

  dialog = open_add_dialog (fixture);
  type_into (dialog, LIAISON_COLUMN_CLIENT_IP, "10.0.0.1");
  type_into (dialog, LIAISON_COLUMN_LISTENER_IP, "10.0.0.2");
  type_into (dialog, LIAISON_COLUMN_PORT, "80");
  g_assert_true (save_sensitive (dialog));
  liaison_communication_dialog_save (dialog);
  liaison_test_flush ();

  /* Refused, with the core's message; the dialog stays. */
  g_assert_nonnull (liaison_test_find_window (LIAISON_TYPE_COMMUNICATION_DIALOG));
  g_assert_nonnull (liaison_communication_dialog_get_message (dialog));
  g_assert_cmpstr (liaison_communication_dialog_get_message (dialog), !=, "");
  g_assert_false (save_sensitive (dialog));
  g_assert_cmpint (liaison_store_count_communications (fixture->store, NULL), ==, 1);

  /* Any change lifts the refusal. */
  clear_entry (dialog, LIAISON_COLUMN_PORT);
  type_into (dialog, LIAISON_COLUMN_PORT, "81");
  g_assert_null (liaison_communication_dialog_get_message (dialog));
  g_assert_true (save_sensitive (dialog));
}

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
  LiaisonCommunicationModel *model = liaison_communications_page_get_model (get_page (fixture));
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      gint64 id = liaison_communication_model_get_id (model, i);

      g_array_append_val (ids, id);
    }
  g_array_sort (ids, compare_ids);

  return ids;
}

static void
test_delete_and_undo (Fixture       *fixture,
                      gconstpointer  data)
{
  LiaisonCommunicationsPage *page = get_page (fixture);
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
  g_assert_cmpuint (n_rows (fixture), ==, 3);
  before = all_ids (fixture);

  /* Select the first and the last row. */
  gtk_selection_model_select_item (selection, 0, TRUE);
  gtk_selection_model_select_item (selection, 2, FALSE);
  liaison_test_flush ();
  selected = liaison_communications_page_get_selected_ids (page);
  g_assert_cmpuint (selected->len, ==, 2);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (page)));

  /* Delete: gone at once, with a toast offering Undo. */
  gtk_widget_activate_action (GTK_WIDGET (page), "page.delete", NULL);
  liaison_test_flush ();
  g_assert_cmpuint (n_rows (fixture), ==, 1);
  g_assert_cmpint (liaison_communication_model_get_id (liaison_communications_page_get_model (page), 0), ==, kept);
  g_assert_cmpint (liaison_store_count_communications (fixture->store, NULL), ==, 1);

  toast = liaison_communications_page_get_undo_toast (page);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "2 communications deleted");
  g_assert_cmpuint (adw_toast_get_timeout (toast), ==, 10);

  /* Undo brings them back with the same ids. */
  g_signal_emit_by_name (toast, "button-clicked");
  liaison_test_flush ();
  g_assert_cmpuint (n_rows (fixture), ==, 3);
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

static gboolean
search_applied (gpointer user_data)
{
  Fixture *fixture = user_data;

  return n_rows (fixture) == 1;
}

static gboolean
search_empty (gpointer user_data)
{
  Fixture *fixture = user_data;

  return n_rows (fixture) == 0;
}

static gboolean
list_settled (gpointer user_data)
{
  Fixture *fixture = user_data;

  return !liaison_communication_model_get_loading (liaison_communications_page_get_model (get_page (fixture)));
}

static void
test_search_and_sort (Fixture       *fixture,
                      gconstpointer  data)
{
  LiaisonCommunicationsPage *page = get_page (fixture);
  GtkColumnView *view = liaison_communications_page_get_column_view (page);
  GListModel *columns = gtk_column_view_get_columns (view);
  g_autoptr(GtkColumnViewColumn) port_column = NULL;
  g_autoptr(LiaisonCommunication) first = NULL;
  g_autoptr(LiaisonCommunication) found = NULL;
  GtkSearchEntry *entry = liaison_communications_page_get_search_entry (page);

  liaison_test_add_row (fixture->store, "10.0.0.1", "10.0.0.9", "8080", "zeta");
  liaison_test_add_row (fixture->store, "10.0.0.2", "10.0.0.9", "22", "eta");
  liaison_test_add_row (fixture->store, "10.0.0.3", "10.0.0.9", "443", "theta");
  liaison_test_flush ();

  /* Sorting by a header asks the database. Port is the fifth column. */
  port_column = g_list_model_get_item (columns, 4);
  g_assert_cmpstr (gtk_column_view_column_get_title (port_column), ==, "Port");
  gtk_column_view_sort_by_column (view, port_column, GTK_SORT_DESCENDING);
  /* The query runs in the background: the window goes on meanwhile. */
  g_assert_true (liaison_communication_model_get_loading (liaison_communications_page_get_model (page)));
  g_assert_true (liaison_test_wait (list_settled, fixture, 5000));
  first = get_row (fixture, 0);
  g_assert_cmpuint (liaison_communication_get_port (first), ==, 8080);
  g_clear_object (&first);

  gtk_column_view_sort_by_column (view, port_column, GTK_SORT_ASCENDING);
  g_assert_true (liaison_test_wait (list_settled, fixture, 5000));
  first = get_row (fixture, 0);
  g_assert_cmpuint (liaison_communication_get_port (first), ==, 22);

  /* Search filters as the user types. */
  gtk_widget_activate_action (GTK_WIDGET (page), "page.search", NULL);
  liaison_test_flush ();
  liaison_test_type (GTK_EDITABLE (entry), "thet");
  g_assert_true (liaison_test_wait (search_applied, fixture, 5000));
  found = get_row (fixture, 0);
  g_assert_cmpstr (liaison_communication_get_client_device (found), ==, "theta");

  gtk_editable_set_text (GTK_EDITABLE (entry), "no such thing");
  g_assert_true (liaison_test_wait (search_empty, fixture, 5000));
  g_assert_cmpstr (liaison_communications_page_get_visible_child_name (page), ==, "no-results");
}

static void
test_hidden_columns (Fixture       *fixture,
                     gconstpointer  data)
{
  LiaisonCommunicationsPage *page = get_page (fixture);
  GActionGroup *actions = liaison_communications_page_get_columns_actions (page);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_auto(GStrv) hidden = NULL;
  g_autoptr(GtkColumnViewColumn) column = NULL;

  column = g_list_model_get_item (gtk_column_view_get_columns (liaison_communications_page_get_column_view (page)), 1);
  g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, "Client IP");
  g_assert_true (gtk_column_view_column_get_visible (column));

  g_action_group_change_action_state (actions, "client_ip", g_variant_new_boolean (FALSE));
  liaison_test_flush ();
  hidden = g_settings_get_strv (settings, "hidden-columns");
  g_assert_true (g_strv_contains ((const char * const *) hidden, "client_ip"));
  g_assert_false (gtk_column_view_column_get_visible (column));

  g_action_group_change_action_state (actions, "client_ip", g_variant_new_boolean (TRUE));
  liaison_test_flush ();
  g_assert_true (gtk_column_view_column_get_visible (column));
}

/* Ctrl+F and Ctrl+E: the page in view owns them */

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
statistics_search (Fixture *fixture)
{
  GtkWidget *entry = find_descendant (GTK_WIDGET (fixture->window->statistics_page), GTK_TYPE_SEARCH_ENTRY);

  g_assert_nonnull (entry);
  return entry;
}

/* Whether the keyboard focus is in @widget. */
static gboolean
has_focus_in (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static gboolean
statistics_search_focused (gpointer user_data)
{
  return has_focus_in (statistics_search (user_data));
}

static gboolean
communications_search_focused (gpointer user_data)
{
  Fixture *fixture = user_data;
  GtkSearchEntry *entry = liaison_communications_page_get_search_entry (get_page (fixture));
  gboolean search_mode = FALSE;

  g_object_get (get_page (fixture), "search-mode", &search_mode, NULL);
  return search_mode && has_focus_in (GTK_WIDGET (entry));
}

static gboolean
communications_search_closed (gpointer user_data)
{
  gboolean search_mode = TRUE;

  g_object_get (get_page (user_data), "search-mode", &search_mode, NULL);
  return !search_mode;
}

static void
show_page (Fixture    *fixture,
           const char *name)
{
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (fixture->window->stack), name);
  liaison_test_flush ();
}

static void
test_find_acts_on_the_page_in_view (Fixture       *fixture,
                                    gconstpointer  data)
{
  GtkWidget *search_button = fixture->window->search_button;

  /* On the Statistics page, Ctrl+F goes to its listener search... */
  show_page (fixture, "statistics");
  liaison_test_press_keys (GTK_WINDOW (fixture->window), "ctrl+f");
  g_assert_true (liaison_test_wait (statistics_search_focused, fixture, 5000));
  /* ...and leaves the Communications page's search alone. */
  liaison_test_flush ();
  g_assert_true (communications_search_closed (fixture));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (search_button)));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (fixture->window->stack)), ==, "statistics");

  /* On the Communications page, it opens that page's search, as the
   * header bar's search button shows... */
  show_page (fixture, "communications");
  liaison_test_press_keys (GTK_WINDOW (fixture->window), "ctrl+f");
  g_assert_true (liaison_test_wait (communications_search_focused, fixture, 5000));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (search_button)));
  g_assert_false (has_focus_in (statistics_search (fixture)));

  /* ...and closes it again. */
  liaison_test_press_keys (GTK_WINDOW (fixture->window), "ctrl+f");
  g_assert_true (liaison_test_wait (communications_search_closed, fixture, 5000));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (search_button)));
}

static gboolean
chooser_open (gpointer user_data)
{
  return liaison_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL;
}

static gboolean
chooser_closed (gpointer user_data)
{
  return liaison_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG) == NULL;
}

/* GTK 4.8's chooser shows an error for a folder whose reading a close
 * cancelled; it is closed once it shows the folder it read. */
static gboolean
chooser_ready (gpointer user_data)
{
  GtkWindow *chooser = liaison_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG);
  GtkWidget *files = chooser != NULL ? find_descendant (GTK_WIDGET (chooser), GTK_TYPE_TREE_VIEW) : NULL;

  return files != NULL && gtk_tree_view_get_model (GTK_TREE_VIEW (files)) != NULL;
}

static gboolean
statistics_loaded (gpointer user_data)
{
  Fixture *fixture = user_data;

  return !liaison_statistics_page_get_loading (fixture->window->statistics_page);
}

/* Presses @keys and returns the title of the file chooser they open. */
static char *
press_for_chooser (Fixture    *fixture,
                   const char *keys)
{
  GtkWindow *chooser;
  char *title;

  liaison_test_press_keys (GTK_WINDOW (fixture->window), keys);
  g_assert_true (liaison_test_wait (chooser_open, NULL, 5000));
  chooser = liaison_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG);
  title = g_strdup (gtk_window_get_title (chooser));

  g_assert_true (liaison_test_wait (chooser_ready, NULL, 5000));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  g_assert_true (liaison_test_wait (chooser_closed, NULL, 5000));

  return title;
}

static void
test_export_acts_on_the_page_in_view (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "netstat", "netstat-tanp.txt", NULL);
  const char *paths[] = { path, NULL };
  LiaisonImportOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *statistics_title = NULL;
  g_autofree char *communications_title = NULL;

  /* Listeners to export, and rows to select. */
  options.kind = LIAISON_SAMPLE_NETSTAT;
  options.host = "web01";
  options.time = LIAISON_TIME_NONE;
  options.start = LIAISON_TIME_NONE;
  g_assert_true (liaison_import_files (fixture->store, &options, paths, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  liaison_store_changed (fixture->store);
  g_assert_cmpuint (n_rows (fixture), >, 0);
  g_assert_true (liaison_test_wait (statistics_loaded, fixture, 5000));

  /* On the Statistics page, Ctrl+E exports the statistics. */
  show_page (fixture, "statistics");
  statistics_title = press_for_chooser (fixture, "ctrl+e");
  g_assert_cmpstr (statistics_title, ==, "Export Statistics");

  /* On the Communications page, it exports the selected rows. */
  show_page (fixture, "communications");
  gtk_widget_activate_action (GTK_WIDGET (get_page (fixture)), "page.select-all", NULL);
  liaison_test_flush ();
  communications_title = press_for_chooser (fixture, "ctrl+e");
  g_assert_cmpstr (communications_title, ==, "Export Selected as CSV");

  /* The application keeps no accelerator of its own for either key. */
  for (const char *accel[] = { "<Control>f", "<Control>e" }, **a = accel; a < accel + 2; a++)
    {
      g_auto(GStrv) actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (fixture->app), *a);

      g_assert_cmpuint (g_strv_length (actions), ==, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, liaison_test_fixture_setup, func, liaison_test_fixture_teardown)

  ADD ("/window/empty-database", test_empty_database);
  ADD ("/window/add-and-edit", test_add_and_edit);
  ADD ("/window/invalid-input", test_invalid_input);
  ADD ("/window/duplicate", test_duplicate);
  ADD ("/window/delete-and-undo", test_delete_and_undo);
  ADD ("/window/search-and-sort", test_search_and_sort);
  ADD ("/window/hidden-columns", test_hidden_columns);
  ADD ("/window/find-acts-on-the-page-in-view", test_find_acts_on_the_page_in_view);
  ADD ("/window/export-acts-on-the-page-in-view", test_export_acts_on_the_page_in_view);

  return g_test_run ();
}
