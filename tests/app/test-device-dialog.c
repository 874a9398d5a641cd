/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-device-dialog"

#include "config.h"

#include "liaison-communications-page-private.h"
#include "liaison-device-completion-private.h"
#include "liaison-test-utils.h"

/*
 * Set Client Device… and Set Listener Device…: one name for the selected
 * rows, typed into the dialog; an empty name clears the device.
 */

typedef LiaisonTestFixture Fixture;

static gboolean
has_label (GtkWidget     *widget,
           gconstpointer  label)
{
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}


/* Asks for the device of the selection through @action, types @name and
 * sets it; the toast says @done. */
static void
set_device (Fixture    *fixture,
            const char *action,
            const char *heading,
            const char *name,
            const char *done)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  GtkWidget *button;

  gtk_widget_activate_action (GTK_WIDGET (liaison_test_get_page (fixture)), action, NULL);
  dialog = ADW_MESSAGE_DIALOG (liaison_test_wait_for_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (fixture->window));

  entry = liaison_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, NULL, NULL);
  g_assert_nonnull (entry);
  liaison_test_type (GTK_EDITABLE (entry), name);
  button = liaison_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, has_label, "_Set Device");
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  liaison_test_wait_for_no_window (ADW_TYPE_MESSAGE_DIALOG);

  g_assert_true (liaison_test_wait_for_label (GTK_WIDGET (fixture->window), done, 5000));
}

static LiaisonCommunication *
stored (Fixture *fixture,
        gint64   id)
{
  g_autoptr(GError) error = NULL;
  LiaisonCommunication *communication = liaison_store_get_communication (fixture->store, id, &error);

  g_assert_no_error (error);
  return communication;
}

/* Three rows, for the tests to set devices of. */
static void
add_rows (Fixture *fixture,
          gint64   ids[3])
{
  ids[0] = liaison_test_add_row (fixture->store, "10.0.0.1", "10.0.0.9", "22", "old-a");
  ids[1] = liaison_test_add_row (fixture->store, "10.0.0.2", "10.0.0.9", "22", "old-b");
  ids[2] = liaison_test_add_row (fixture->store, "10.0.0.3", "10.0.0.9", "22", "old-c");
  g_assert_true (liaison_store_set_devices (fixture->store, &ids[2], 1, LIAISON_COLUMN_LISTENER_DEVICE, "db01", NULL));
  g_assert_cmpuint (liaison_test_n_rows (fixture), ==, 3);
}

/* The first two rows get one client device; the third keeps its own. */
static void
test_sets_the_selection (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkSelectionModel *selection = liaison_communications_page_get_selection (liaison_test_get_page (fixture));
  g_autoptr(LiaisonCommunication) first = NULL;
  g_autoptr(LiaisonCommunication) second = NULL;
  g_autoptr(LiaisonCommunication) third = NULL;
  gint64 ids[3];

  add_rows (fixture, ids);
  gtk_selection_model_select_item (selection, 0, TRUE);
  gtk_selection_model_select_item (selection, 1, FALSE);
  liaison_test_flush ();
  set_device (fixture, "page.set-client-device", "Set Client Device", "app-42",
              "Client device set for 2 communications");

  first = stored (fixture, ids[0]);
  second = stored (fixture, ids[1]);
  third = stored (fixture, ids[2]);
  g_assert_cmpstr (liaison_communication_get_client_device (first), ==, "app-42");
  g_assert_cmpstr (liaison_communication_get_client_device (second), ==, "app-42");
  g_assert_cmpstr (liaison_communication_get_client_device (third), ==, "old-c");
}

/* An empty name clears the device. */
static void
test_empty_name_clears (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkSelectionModel *selection = liaison_communications_page_get_selection (liaison_test_get_page (fixture));
  g_autoptr(LiaisonCommunication) third = NULL;
  gint64 ids[3];

  add_rows (fixture, ids);
  gtk_selection_model_select_item (selection, 2, TRUE);
  liaison_test_flush ();
  set_device (fixture, "page.set-listener-device", "Set Listener Device", "",
              "Listener device set for 1 communication");

  third = stored (fixture, ids[2]);
  g_assert_null (liaison_communication_get_listener_device (third));
  g_assert_cmpstr (liaison_communication_get_client_device (third), ==, "old-c");
}

/* Known devices are suggested; Escape closes the suggestions, not the
 * dialog; a second Escape is the dialog's Cancel. Real keys. */
static void
test_escape_closes_suggestions (Fixture       *fixture,
                                gconstpointer  data)
{
  GtkSelectionModel *selection = liaison_communications_page_get_selection (liaison_test_get_page (fixture));
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  g_auto(GStrv) suggested = NULL;
  gint64 ids[3];

  add_rows (fixture, ids);
  gtk_selection_model_select_item (selection, 0, TRUE);
  liaison_test_flush ();
  gtk_widget_activate_action (GTK_WIDGET (liaison_test_get_page (fixture)), "page.set-client-device", NULL);
  dialog = ADW_MESSAGE_DIALOG (liaison_test_wait_for_window (ADW_TYPE_MESSAGE_DIALOG));
  entry = liaison_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, NULL, NULL);
  gtk_widget_grab_focus (entry);

  liaison_test_press_keys (GTK_WINDOW (dialog), "o");
  g_assert_true (liaison_test_wait (liaison_test_suggestions_shown, entry, 5000));
  suggested = liaison_device_completion_get_suggestions (entry);
  g_assert_cmpstrv (suggested, ((const char *[]) { "old-a", "old-b", "old-c", NULL }));

  liaison_test_press_keys (GTK_WINDOW (dialog), "Escape");
  g_assert_true (liaison_test_wait (liaison_test_suggestions_hidden, entry, 5000));
  liaison_test_flush ();
  g_assert_true (liaison_test_find_window (ADW_TYPE_MESSAGE_DIALOG) == GTK_WINDOW (dialog));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "o");

  liaison_test_press_keys (GTK_WINDOW (dialog), "Escape");
  liaison_test_wait_for_no_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (liaison_communication_get_client_device (stored (fixture, ids[0])), ==, "old-a");
}

/* The person asks to set the client device of the first two rows; while
 * the dialog is open someone else changes the second row; Set: the
 * question shows it both ways, and nothing is written until the answer
 * (team.md 3). */
static AdwMessageDialog *
set_after_other_change (Fixture *fixture,
                        gint64   ids[3])
{
  GtkSelectionModel *selection = liaison_communications_page_get_selection (liaison_test_get_page (fixture));
  LiaisonCommunicationInput theirs = { .listener_device = "web09" };
  g_autoptr(LiaisonStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *changes = NULL;
  AdwMessageDialog *dialog;
  AdwMessageDialog *question;
  GtkWidget *entry;
  GtkWidget *button;

  add_rows (fixture, ids);
  gtk_selection_model_select_item (selection, 0, TRUE);
  gtk_selection_model_select_item (selection, 1, FALSE);
  liaison_test_flush ();
  gtk_widget_activate_action (GTK_WIDGET (liaison_test_get_page (fixture)), "page.set-client-device", NULL);
  dialog = liaison_test_wait_for_question ("Set Client Device");
  entry = liaison_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, NULL, NULL);
  liaison_test_type (GTK_EDITABLE (entry), "app-42");

  other = liaison_store_open_existing (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (liaison_store_edit_communication (other, ids[1], &theirs, &error));
  g_assert_no_error (error);

  button = liaison_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, has_label, "_Set Device");
  gtk_widget_activate (button);
  question = liaison_test_wait_for_question ("Changed Meanwhile");
  g_assert_cmpstr (adw_message_dialog_get_body (question), ==,
                   "Someone else changed 1 of these communications after the list showed it.\n\n"
                   "Set the device of the changed ones as well, or leave them as they are now?");
  changes = liaison_test_label_texts (adw_message_dialog_get_extra_child (question));
  g_assert_cmpstr (changes, ==,
                   "You saw\n10.0.0.2 (old-b) → 10.0.0.9 22/tcp\n"
                   "Now\n10.0.0.2 (old-b) → 10.0.0.9 (web09) 22/tcp");
  g_assert_cmpstr (liaison_communication_get_client_device (stored (fixture, ids[0])), ==, "old-a");
  return question;
}

/* Leave the changed row: only the other gets the device. */
static void
test_changed_meanwhile_leave (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(LiaisonCommunication) first = NULL;
  g_autoptr(LiaisonCommunication) second = NULL;
  gint64 ids[3];

  liaison_test_answer (set_after_other_change (fixture, ids), "_Leave Changed");
  g_assert_true (liaison_test_wait_for_label (GTK_WIDGET (fixture->window), "Client device set for 1 communication", 5000));
  first = stored (fixture, ids[0]);
  second = stored (fixture, ids[1]);
  g_assert_cmpstr (liaison_communication_get_client_device (first), ==, "app-42");
  g_assert_cmpstr (liaison_communication_get_client_device (second), ==, "old-b");
  g_assert_cmpstr (liaison_communication_get_listener_device (second), ==, "web09");
}

/* Set anyway: both get it; the other's change to the second row stays. */
static void
test_changed_meanwhile_anyway (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(LiaisonCommunication) first = NULL;
  g_autoptr(LiaisonCommunication) second = NULL;
  gint64 ids[3];

  liaison_test_answer (set_after_other_change (fixture, ids), "_Set Anyway");
  g_assert_true (liaison_test_wait_for_label (GTK_WIDGET (fixture->window), "Client device set for 2 communications", 5000));
  first = stored (fixture, ids[0]);
  second = stored (fixture, ids[1]);
  g_assert_cmpstr (liaison_communication_get_client_device (first), ==, "app-42");
  g_assert_cmpstr (liaison_communication_get_client_device (second), ==, "app-42");
  g_assert_cmpstr (liaison_communication_get_listener_device (second), ==, "web09");
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  liaison_test_add ("/device-dialog/sets-the-selection", test_sets_the_selection, NULL);
  liaison_test_add ("/device-dialog/empty-name-clears", test_empty_name_clears, NULL);
  liaison_test_add ("/device-dialog/escape-closes-suggestions", test_escape_closes_suggestions, NULL);
  liaison_test_add ("/device-dialog/changed-meanwhile/leave", test_changed_meanwhile_leave, NULL);
  liaison_test_add ("/device-dialog/changed-meanwhile/anyway", test_changed_meanwhile_anyway, NULL);

  return g_test_run ();
}
