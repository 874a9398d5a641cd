/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-communication-dialog"

#include "config.h"

#include "liaison-communication-dialog-private.h"
#include "liaison-communications-page-private.h"
#include "liaison-device-completion-private.h"
#include "liaison-test-utils.h"

/*
 * The Add and Edit dialog, typed into as a user would: what it saves, what
 * it refuses and why, that its messages do not move the form, and that
 * Escape loses nothing typed.
 */

typedef LiaisonTestFixture Fixture;

/* The Edit dialog of the list's first row, once its row has been read. */
static LiaisonCommunicationDialog *
edit_first_row (LiaisonCommunicationsPage *page)
{
  liaison_communications_page_edit (page, 0);
  return LIAISON_COMMUNICATION_DIALOG (liaison_test_wait_for_window (LIAISON_TYPE_COMMUNICATION_DIALOG));
}

static LiaisonCommunicationDialog *
open_add_dialog (Fixture *fixture)
{
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "add", NULL);
  return LIAISON_COMMUNICATION_DIALOG (liaison_test_wait_for_window (LIAISON_TYPE_COMMUNICATION_DIALOG));
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
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static void
press_cancel (LiaisonCommunicationDialog *dialog)
{
  GtkWidget *cancel = liaison_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, is_button_labelled, "_Cancel");

  g_assert_nonnull (cancel);
  gtk_widget_activate (cancel);
  liaison_test_flush ();
}

/* Answers the question with its button labelled @label, as a click does. */
static void
answer (AdwMessageDialog *question,
        const char       *label)
{
  GtkWidget *button = liaison_test_find_widget (GTK_WIDGET (question), GTK_TYPE_BUTTON, is_button_labelled, label);

  g_assert_nonnull (button);
  gtk_widget_activate (button);
  liaison_test_wait_for_no_window (ADW_TYPE_MESSAGE_DIALOG);
}

static gboolean
save_sensitive (LiaisonCommunicationDialog *dialog)
{
  return gtk_widget_get_sensitive (liaison_communication_dialog_get_save_button (dialog));
}

static void
test_add_and_edit (Fixture       *fixture,
                   gconstpointer  data)
{
  LiaisonCommunicationsPage *page = liaison_test_get_page (fixture);
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
  adw_combo_row_set_selected (liaison_communication_dialog_get_protocol (dialog), 0);
  type_into (dialog, LIAISON_COLUMN_CLIENT_DEVICE, "app01");
  type_into (dialog, LIAISON_COLUMN_LISTENER_DEVICE, "db01");
  type_into (dialog, LIAISON_COLUMN_CLIENT_PROCESS_DISPLAY_NAME, "Billing");
  type_into (dialog, LIAISON_COLUMN_CLIENT_PROCESS_NAME, "java");
  g_assert_true (save_sensitive (dialog));

  /* Enter in a field saves. */
  entry = liaison_communication_dialog_get_entry (dialog, LIAISON_COLUMN_CLIENT_PROCESS_NAME);
  press_enter (entry);
  liaison_test_wait_for_no_window (LIAISON_TYPE_COMMUNICATION_DIALOG);
  liaison_test_flush ();

  g_assert_cmpuint (liaison_test_n_rows (fixture), ==, 1);
  g_assert_cmpstr (liaison_communications_page_get_visible_child_name (page), ==, "list");
  row = liaison_test_get_row (fixture, 0);
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
  dialog = edit_first_row (page);
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
  liaison_test_wait_for_no_window (LIAISON_TYPE_COMMUNICATION_DIALOG);
  liaison_test_flush ();

  g_assert_cmpuint (liaison_test_n_rows (fixture), ==, 1);
  edited = liaison_test_get_row (fixture, 0);
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

  /* Cancel closes the form, saving nothing, without a question. */
  press_cancel (dialog);
  liaison_test_wait_for_no_window (LIAISON_TYPE_COMMUNICATION_DIALOG);
  g_assert_null (liaison_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpint (liaison_store_count_communications (fixture->store, NULL), ==, 0);
}

static gboolean
shows_message (gpointer dialog)
{
  return liaison_communication_dialog_get_message (dialog) != NULL;
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
  /* Save waits while the row is written. */
  g_assert_false (save_sensitive (dialog));
  g_assert_true (liaison_test_wait (shows_message, dialog, 5000));

  /* Refused, with the core's message; the dialog stays with what was typed. */
  g_assert_nonnull (liaison_test_find_window (LIAISON_TYPE_COMMUNICATION_DIALOG));
  g_assert_cmpstr (gtk_editable_get_text (liaison_communication_dialog_get_entry (dialog, LIAISON_COLUMN_PORT)), ==, "80");
  g_assert_cmpstr (liaison_communication_dialog_get_message (dialog), !=, "");
  g_assert_false (save_sensitive (dialog));
  g_assert_cmpint (liaison_store_count_communications (fixture->store, NULL), ==, 1);

  /* Any change lifts the refusal. */
  clear_entry (dialog, LIAISON_COLUMN_PORT);
  type_into (dialog, LIAISON_COLUMN_PORT, "81");
  g_assert_null (liaison_communication_dialog_get_message (dialog));
  g_assert_true (save_sensitive (dialog));
}

/* Escape (window.close) on a form with something typed in asks before it
 * loses it; on an untouched form it just closes. */
static void
test_escape_asks (Fixture       *fixture,
                  gconstpointer  data)
{
  LiaisonCommunicationDialog *dialog = open_add_dialog (fixture);
  GtkEditable *client_ip = liaison_communication_dialog_get_entry (dialog, LIAISON_COLUMN_CLIENT_IP);
  AdwMessageDialog *question;

  type_into (dialog, LIAISON_COLUMN_CLIENT_IP, "10.1.2.3");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  question = ADW_MESSAGE_DIALOG (liaison_test_wait_for_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Discard the New Service Communication?");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  /* Keep Editing: the form stays, with what was typed. */
  answer (question, "_Keep Editing");
  g_assert_true (liaison_test_find_window (LIAISON_TYPE_COMMUNICATION_DIALOG) == GTK_WINDOW (dialog));
  g_assert_cmpstr (gtk_editable_get_text (client_ip), ==, "10.1.2.3");

  /* Discard: the form goes, nothing is saved. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  question = ADW_MESSAGE_DIALOG (liaison_test_wait_for_window (ADW_TYPE_MESSAGE_DIALOG));
  answer (question, "_Discard");
  liaison_test_wait_for_no_window (LIAISON_TYPE_COMMUNICATION_DIALOG);
  g_assert_cmpint (liaison_store_count_communications (fixture->store, NULL), ==, 0);

  /* An untouched form has nothing to lose. */
  dialog = open_add_dialog (fixture);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  liaison_test_wait_for_no_window (LIAISON_TYPE_COMMUNICATION_DIALOG);
  g_assert_null (liaison_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
}

/* The Edit form asks only once something was changed. */
static void
test_escape_asks_edit (Fixture       *fixture,
                       gconstpointer  data)
{
  LiaisonCommunicationsPage *page = liaison_test_get_page (fixture);
  LiaisonCommunicationDialog *dialog;
  AdwMessageDialog *question;

  liaison_test_add_row (fixture->store, "10.0.0.1", "10.0.0.2", "80", "web01");
  liaison_test_flush ();
  g_assert_cmpuint (liaison_test_n_rows (fixture), ==, 1);

  dialog = edit_first_row (page);
  liaison_test_flush ();
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  liaison_test_wait_for_no_window (LIAISON_TYPE_COMMUNICATION_DIALOG);
  g_assert_null (liaison_test_find_window (ADW_TYPE_MESSAGE_DIALOG));

  dialog = edit_first_row (page);
  liaison_test_flush ();
  type_into (dialog, LIAISON_COLUMN_CLIENT_DEVICE, "-old");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  question = ADW_MESSAGE_DIALOG (liaison_test_wait_for_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Discard Your Changes?");
  answer (question, "_Discard");
  liaison_test_wait_for_no_window (LIAISON_TYPE_COMMUNICATION_DIALOG);
  g_assert_cmpstr (liaison_communication_get_client_device (liaison_test_get_row (fixture, 0)), ==, "web01");
}

/* Typing a device suggests the known ones; Escape then closes the
 * suggestions and nothing else; Down and Enter take one. Real keys. */
static void
test_escape_closes_suggestions (Fixture       *fixture,
                                gconstpointer  data)
{
  LiaisonCommunicationDialog *dialog;
  GtkWidget *device;
  g_auto(GStrv) suggested = NULL;

  liaison_test_add_row (fixture->store, "10.0.0.1", "10.0.0.2", "80", "web01");
  liaison_test_add_row (fixture->store, "10.0.0.3", "10.0.0.2", "80", "web02");
  liaison_test_add_row (fixture->store, "10.0.0.4", "10.0.0.2", "80", "db01");
  liaison_test_flush ();

  dialog = open_add_dialog (fixture);
  device = GTK_WIDGET (liaison_communication_dialog_get_entry (dialog, LIAISON_COLUMN_CLIENT_DEVICE));
  gtk_widget_grab_focus (device);
  liaison_test_press_keys (GTK_WINDOW (dialog), "w");
  g_assert_true (liaison_test_wait (liaison_test_suggestions_shown, device, 5000));
  suggested = liaison_device_completion_get_suggestions (device);
  g_assert_cmpstrv (suggested, ((const char *[]) { "web01", "web02", NULL }));

  liaison_test_press_keys (GTK_WINDOW (dialog), "Escape");
  g_assert_true (liaison_test_wait (liaison_test_suggestions_hidden, device, 5000));
  liaison_test_flush ();
  g_assert_true (liaison_test_find_window (LIAISON_TYPE_COMMUNICATION_DIALOG) == GTK_WINDOW (dialog));
  g_assert_null (liaison_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (device)), ==, "w");

  /* The next keys go on into the same field. */
  liaison_test_press_keys (GTK_WINDOW (dialog), "e");
  g_assert_true (liaison_test_wait (liaison_test_suggestions_shown, device, 5000));
  liaison_test_press_keys (GTK_WINDOW (dialog), "Down");
  liaison_test_press_keys (GTK_WINDOW (dialog), "Down");
  liaison_test_press_keys (GTK_WINDOW (dialog), "Return");
  g_assert_true (liaison_test_wait (liaison_test_suggestions_hidden, device, 5000));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (device)), ==, "web02");
  g_assert_true (liaison_test_find_window (LIAISON_TYPE_COMMUNICATION_DIALOG) == GTK_WINDOW (dialog));

  /* With no suggestion open, Escape is the form's: it asks. */
  liaison_test_press_keys (GTK_WINDOW (dialog), "Escape");
  g_assert_nonnull (liaison_test_wait_for_window (ADW_TYPE_MESSAGE_DIALOG));
}

static gboolean
never (gpointer user_data)
{
  return FALSE;
}

static double
row_top (LiaisonCommunicationDialog *dialog,
         LiaisonColumn               column)
{
  GtkWidget *row = GTK_WIDGET (liaison_communication_dialog_get_entry (dialog, column));
  graphene_rect_t bounds;

  /* A few frames: the window lays itself out again. */
  liaison_test_wait (never, NULL, 200);
  g_assert_true (gtk_widget_compute_bounds (row, GTK_WIDGET (dialog), &bounds));
  return bounds.origin.y;
}

/* A reason appears and goes in a space kept for it: no field moves. */
static void
test_messages_keep_their_place (Fixture       *fixture,
                                gconstpointer  data)
{
  LiaisonCommunicationDialog *dialog = open_add_dialog (fixture);
  LiaisonColumn columns[] = { LIAISON_COLUMN_PORT, LIAISON_COLUMN_CLIENT_DEVICE,
                              LIAISON_COLUMN_CLIENT_PROCESS_NAME };
  double before[G_N_ELEMENTS (columns)];

  gtk_window_set_default_size (GTK_WINDOW (dialog), 560, 900);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    before[i] = row_top (dialog, columns[i]);

  /* One wrong field, then two, then none. */
  type_into (dialog, LIAISON_COLUMN_CLIENT_IP, "10.0.0.300");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (liaison_communication_dialog_get_reason_label (dialog, LIAISON_COLUMN_CLIENT_IP))));
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    g_assert_cmpfloat (row_top (dialog, columns[i]), ==, before[i]);

  type_into (dialog, LIAISON_COLUMN_PORT, "0");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (liaison_communication_dialog_get_reason_label (dialog, LIAISON_COLUMN_PORT))));
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    g_assert_cmpfloat (row_top (dialog, columns[i]), ==, before[i]);

  clear_entry (dialog, LIAISON_COLUMN_CLIENT_IP);
  type_into (dialog, LIAISON_COLUMN_CLIENT_IP, "10.0.0.30");
  clear_entry (dialog, LIAISON_COLUMN_PORT);
  type_into (dialog, LIAISON_COLUMN_PORT, "443");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (liaison_communication_dialog_get_reason_label (dialog, LIAISON_COLUMN_PORT))));
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    g_assert_cmpfloat (row_top (dialog, columns[i]), ==, before[i]);
}

/* Someone else changes the row while the form is open: saving says so,
 * shows both, and the person keeps theirs or takes the other (team.md 3). */
static LiaisonCommunicationDialog *
edit_after_other_change (Fixture *fixture)
{
  LiaisonCommunicationsPage *page = liaison_test_get_page (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) other = NULL;
  LiaisonCommunicationInput theirs = { .client_device = "web02" };
  LiaisonCommunicationDialog *dialog;
  gint64 id;

  liaison_test_add_row (fixture->store, "10.0.0.1", "10.0.0.2", "80", "web01");
  liaison_test_flush ();
  g_assert_cmpuint (liaison_test_n_rows (fixture), ==, 1);
  dialog = edit_first_row (page);
  liaison_test_flush ();
  id = liaison_communication_dialog_get_id (dialog);

  other = liaison_store_open_existing (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (liaison_store_edit_communication (other, id, &theirs, &error));
  g_assert_no_error (error);

  type_into (dialog, LIAISON_COLUMN_LISTENER_DEVICE, "db01");
  liaison_communication_dialog_save (dialog);
  return dialog;
}

static void
test_conflict_keep_mine (Fixture       *fixture,
                         gconstpointer  data)
{
  LiaisonCommunicationDialog *dialog = edit_after_other_change (fixture);
  AdwMessageDialog *question = ADW_MESSAGE_DIALOG (liaison_test_wait_for_window (ADW_TYPE_MESSAGE_DIALOG));
  LiaisonCommunication *row;

  g_assert_true (GTK_WIDGET (question) == liaison_communication_dialog_get_conflict_dialog (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Changed Meanwhile");
  g_assert_cmpstr (adw_message_dialog_get_body (question), ==,
                   "Someone else changed this service communication after you opened it.\n\n"
                   "Now: 10.0.0.1 (web02) → 10.0.0.2 80/tcp\n"
                   "Yours: 10.0.0.1 (web01) → 10.0.0.2 (db01) 80/tcp\n\n"
                   "Keeping yours writes the fields you changed over theirs.");
  answer (question, "_Keep Mine");
  liaison_test_wait_for_no_window (LIAISON_TYPE_COMMUNICATION_DIALOG);

  /* Theirs where only they changed, mine where I did. */
  row = liaison_test_get_row (fixture, 0);
  g_assert_cmpstr (liaison_communication_get_client_device (row), ==, "web02");
  g_assert_cmpstr (liaison_communication_get_listener_device (row), ==, "db01");
}

static void
test_conflict_take_theirs (Fixture       *fixture,
                           gconstpointer  data)
{
  AdwMessageDialog *question;
  LiaisonCommunication *row;

  edit_after_other_change (fixture);
  question = ADW_MESSAGE_DIALOG (liaison_test_wait_for_window (ADW_TYPE_MESSAGE_DIALOG));
  answer (question, "_Take Theirs");
  liaison_test_wait_for_no_window (LIAISON_TYPE_COMMUNICATION_DIALOG);

  liaison_communication_model_reload (liaison_communications_page_get_model (liaison_test_get_page (fixture)), NULL);
  liaison_test_flush ();
  row = liaison_test_get_row (fixture, 0);
  g_assert_cmpstr (liaison_communication_get_client_device (row), ==, "web02");
  g_assert_null (liaison_communication_get_listener_device (row));
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  liaison_test_add ("/communication-dialog/add-and-edit", test_add_and_edit, NULL);
  liaison_test_add ("/communication-dialog/invalid-input", test_invalid_input, NULL);
  liaison_test_add ("/communication-dialog/duplicate", test_duplicate, NULL);
  liaison_test_add ("/communication-dialog/escape-asks", test_escape_asks, NULL);
  liaison_test_add ("/communication-dialog/escape-asks-edit", test_escape_asks_edit, NULL);
  liaison_test_add ("/communication-dialog/escape-closes-suggestions", test_escape_closes_suggestions, NULL);
  liaison_test_add ("/communication-dialog/messages-keep-their-place", test_messages_keep_their_place, NULL);
  liaison_test_add ("/communication-dialog/conflict/keep-mine", test_conflict_keep_mine, NULL);
  liaison_test_add ("/communication-dialog/conflict/take-theirs", test_conflict_take_theirs, NULL);

  return g_test_run ();
}
