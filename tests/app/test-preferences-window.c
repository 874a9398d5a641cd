/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-preferences-window"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "liaison-communication-dialog.h"
#include "liaison-communication-model.h"
#include "liaison-communications-page-private.h"
#include "liaison-import.h"
#include "liaison-preferences-window-private.h"
#include "liaison-store-server.h"
#include "liaison-test-pg.h"
#include "liaison-test-utils.h"

typedef LiaisonTestFixture Fixture;

/* 2026-01-02 03:04:05 UTC; the tests run in a zone two hours east of UTC. */
#define SAMPLE_TIME ((LiaisonTime) 1767323045 * 1000)
#define SHOWN_LOCAL "2026-01-02 05:04:05"
#define SHOWN_UTC   "2026-01-02 03:04:05 UTC"

static LiaisonPreferencesWindow *
open_preferences (Fixture *fixture)
{
  LiaisonPreferencesWindow *preferences;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "preferences", NULL);
  liaison_test_wait_for_window (LIAISON_TYPE_PREFERENCES_WINDOW);
  liaison_test_flush ();

  preferences = LIAISON_PREFERENCES_WINDOW (liaison_test_find_window (LIAISON_TYPE_PREFERENCES_WINDOW));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (preferences)) == GTK_WINDOW (fixture->window));

  return preferences;
}

/* A widget whose "title" is @title. */
static gboolean
has_title (GtkWidget     *widget,
           gconstpointer  title)
{
  g_autofree char *value = NULL;

  g_object_get (widget, "title", &value, NULL);
  return g_strcmp0 (value, title) == 0;
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *texts)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (texts, (gpointer) gtk_label_get_text (GTK_LABEL (widget)));
  /* The list's cells are inscriptions. */
  if (GTK_IS_INSCRIPTION (widget) && gtk_widget_get_mapped (widget) &&
      gtk_inscription_get_text (GTK_INSCRIPTION (widget)) != NULL)
    g_ptr_array_add (texts, (gpointer) gtk_inscription_get_text (GTK_INSCRIPTION (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, texts);
}

/* Whether a shown label of the Communications page reads @text. */
static gboolean
page_shows (LiaisonWindow *window,
            const char    *text)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  collect_labels (liaison_window_get_communications_page (window), texts);
  for (guint i = 0; i < texts->len; i++)
    if (g_str_equal (g_ptr_array_index (texts, i), text))
      return TRUE;

  return FALSE;
}

static gboolean
shows_local_time (gpointer user_data)
{
  return page_shows (user_data, SHOWN_LOCAL);
}

static gboolean
shows_utc_time (gpointer user_data)
{
  return page_shows (user_data, SHOWN_UTC) && !page_shows (user_data, SHOWN_LOCAL);
}

static void
test_open (Fixture       *fixture,
           gconstpointer  data)
{
  LiaisonPreferencesWindow *preferences = open_preferences (fixture);
  AdwActionRow *row;
  GtkWidget *button;
  g_auto(GStrv) accels = NULL;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (preferences)), ==, "Preferences");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (preferences)) == GTK_WINDOW (fixture->window));

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture->app), "app.preferences");
  g_assert_cmpstrv (accels, ((const char * const[]) { "<Control>comma", NULL }));

  /* The database row names the open file. */
  row = ADW_ACTION_ROW (liaison_test_find_widget (GTK_WIDGET (preferences), ADW_TYPE_ACTION_ROW, has_title, "Database File"));
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, fixture->path);

  button = liaison_test_find_widget (GTK_WIDGET (row), GTK_TYPE_BUTTON, NULL, NULL);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Open Other Database…");

  /* A second activation shows the same window. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "preferences", NULL);
  liaison_test_flush ();
  g_assert_true (liaison_test_find_window (LIAISON_TYPE_PREFERENCES_WINDOW) == GTK_WINDOW (preferences));
}

static void
test_interval (Fixture       *fixture,
               gconstpointer  data)
{
  LiaisonPreferencesWindow *preferences = open_preferences (fixture);
  GSettings *settings = liaison_window_get_settings (fixture->window);
  GtkSpinButton *spin;

  spin = GTK_SPIN_BUTTON (liaison_test_find_widget (GTK_WIDGET (preferences), GTK_TYPE_SPIN_BUTTON, NULL, NULL));
  g_assert_nonnull (spin);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, g_settings_get_uint (settings, "netflow-interval"));

  gtk_spin_button_set_value (spin, 60);
  liaison_test_flush ();
  g_assert_cmpuint (g_settings_get_uint (settings, "netflow-interval"), ==, 60);

  g_settings_set_uint (settings, "netflow-interval", 900);
  liaison_test_flush ();
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 900);

  g_settings_reset (settings, "netflow-interval");
}

static void
test_time_zone (Fixture       *fixture,
                gconstpointer  data)
{
  LiaisonPreferencesWindow *preferences;
  GSettings *settings = liaison_window_get_settings (fixture->window);
  AdwComboRow *row;

  g_settings_set_enum (settings, "time-zone", 0);
  liaison_test_import_netstat (fixture->store, "netstat-tanp.txt", "web01", SAMPLE_TIME);
  g_assert_true (liaison_test_wait (shows_local_time, fixture->window, 5000));

  preferences = open_preferences (fixture);
  row = ADW_COMBO_ROW (liaison_test_find_widget (GTK_WIDGET (preferences), ADW_TYPE_COMBO_ROW, NULL, NULL));
  g_assert_nonnull (row);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);

  /* Choosing UTC turns the shown times at once. */
  adw_combo_row_set_selected (row, 1);
  g_assert_cmpint (g_settings_get_enum (settings, "time-zone"), ==, 1);
  g_assert_true (liaison_test_wait (shows_utc_time, fixture->window, 5000));

  /* And back, also when the setting changes elsewhere. */
  g_settings_set_enum (settings, "time-zone", 0);
  liaison_test_flush ();
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
  g_assert_true (liaison_test_wait (shows_local_time, fixture->window, 5000));
}

static void
test_open_database (Fixture       *fixture,
                    gconstpointer  data)
{
  LiaisonPreferencesWindow *preferences = open_preferences (fixture);
  GSettings *settings = liaison_window_get_settings (fixture->window);
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.db", NULL);
  g_autoptr(GFile) other = g_file_new_for_path (other_path);
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *remembered = NULL;
  LiaisonWindow *window;
  AdwActionRow *row;

  /* A database with one row of its own. */
  store = liaison_store_open (other_path, &error);
  g_assert_no_error (error);
  liaison_test_add_row (store, "192.0.2.10", "192.0.2.20", "443", "other-client");
  g_clear_object (&store);

  liaison_preferences_window_open_database (preferences, other);
  liaison_test_flush ();

  /* One main window, on the new database; the old one is gone. */
  window = LIAISON_WINDOW (liaison_test_find_window (LIAISON_TYPE_WINDOW));
  g_assert_nonnull (window);
  g_assert_true (window != fixture->window);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  g_assert_cmpstr (liaison_store_get_path (liaison_window_get_store (window)), ==, other_path);
  g_assert_true (liaison_application_get_store (fixture->app) == liaison_window_get_store (window));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (liaison_communications_page_get_model (
                      LIAISON_COMMUNICATIONS_PAGE (liaison_window_get_communications_page (window))))), ==, 1);

  /* It is remembered for the next start. */
  remembered = g_settings_get_string (settings, "database-path");
  g_assert_cmpstr (remembered, ==, other_path);

  /* The preferences stay open, over the new window, naming the new file. */
  g_assert_true (liaison_test_find_window (LIAISON_TYPE_PREFERENCES_WINDOW) == GTK_WINDOW (preferences));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (preferences)) == GTK_WINDOW (window));
  row = ADW_ACTION_ROW (liaison_test_find_widget (GTK_WIDGET (preferences), ADW_TYPE_ACTION_ROW, has_title, "Database File"));
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, other_path);

  g_settings_reset (settings, "database-path");

  /* The fixture only knows its own window. */
  gtk_window_destroy (GTK_WINDOW (preferences));
  gtk_window_destroy (GTK_WINDOW (window));
  liaison_test_flush ();
}

static void
test_open_database_fails (Fixture       *fixture,
                          gconstpointer  data)
{
  LiaisonPreferencesWindow *preferences = open_preferences (fixture);
  GSettings *settings = liaison_window_get_settings (fixture->window);
  g_autofree char *bad_path = g_build_filename (fixture->dir, "notes.db", NULL);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *remembered = NULL;

  g_file_set_contents (bad_path, "These are notes, not a database, and long enough to show it.\n", -1, &error);
  g_assert_no_error (error);

  liaison_preferences_window_open_database (preferences, bad);
  liaison_test_flush ();

  /* Nothing changed. */
  g_assert_true (liaison_test_find_window (LIAISON_TYPE_WINDOW) == GTK_WINDOW (fixture->window));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (preferences)) == GTK_WINDOW (fixture->window));
  remembered = g_settings_get_string (settings, "database-path");
  g_assert_cmpstr (remembered, ==, "");
}

/* A widget that acts through the action @name. */
static gboolean
has_action (GtkWidget     *widget,
            gconstpointer  name)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), name) == 0;
}

static gboolean
tested (gpointer user_data)
{
  return gtk_widget_is_sensitive (user_data);
}

static gboolean
shows_two_rows (gpointer user_data)
{
  GListModel *model = G_LIST_MODEL (liaison_communications_page_get_model (user_data));

  return g_list_model_get_n_items (model) == 2;
}

static gboolean
banner_shown (gpointer user_data)
{
  return gtk_revealer_get_reveal_child (GTK_REVEALER (LIAISON_WINDOW (user_data)->connection_banner));
}

static gboolean
banner_hidden (gpointer window)
{
  return !banner_shown (window);
}

static gboolean
is_labelled (GtkWidget     *widget,
             gconstpointer  label)
{
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
setting_cleared (gpointer user_data)
{
  g_autofree char *path = g_settings_get_string (user_data, "database-path");

  return *path == '\0';
}

/* A main window other than @user_data shows. */
static gboolean
window_replaced (gpointer user_data)
{
  GtkWindow *window = liaison_test_find_window (LIAISON_TYPE_WINDOW);

  return window != NULL && window != user_data;
}

/* Clicks Test Connection on @uri and waits for its answer. */
static const char *
test_connection (LiaisonPreferencesWindow *preferences,
                 const char               *uri)
{
  GtkWidget *entry = liaison_test_find_widget (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW, has_title,
                                               "Server _URI (postgresql://host/database)");
  GtkWidget *row = liaison_test_find_widget (GTK_WIDGET (preferences), ADW_TYPE_ACTION_ROW, has_title, "Connection");
  GtkWidget *button = liaison_test_find_widget (row, GTK_TYPE_BUTTON, NULL, NULL);

  g_assert_true (gtk_widget_get_mapped (entry));
  g_assert_true (gtk_widget_get_mapped (button));
  gtk_editable_set_text (GTK_EDITABLE (entry), uri);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Connecting…");
  g_assert_true (liaison_test_wait (tested, button, 20000));
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* Team Server: Test Connection says what it reached or the server's error;
 * the URI is kept without its password; the window on a role that may
 * only read names the server and turns its writing actions off, saying
 * why (team.md 1 and 3). */
static void
test_team_server (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(LiaisonTestPg) pg = liaison_test_pg_new ();
  GSettings *settings = liaison_window_get_settings (fixture->window);
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) owner = liaison_store_open (pg->uri, &error);
  g_autoptr(LiaisonStoreDescription) reader = NULL;
  g_autofree char *unknown = g_strdup_printf ("%s&user=no_such_role", pg->uri);
  g_autofree char *typed = g_strdup_printf ("%s&password=s3cret", pg->reader_uri);
  g_autofree char *remote = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *remembered = NULL;
  g_autofree char *title = NULL;
  LiaisonPreferencesWindow *preferences;
  LiaisonCommunicationsPage *page;
  gint64 selected_id;
  guint position;
  GtkWidget *kind, *file_row, *entry, *password_row, *button;
  LiaisonWindow *window;

  g_assert_no_error (error);
  /* Sampling on a schedule, as one person's inventory may. */
  g_settings_set_boolean (settings, "sample-host-every", TRUE);
  g_settings_set_boolean (settings, "ssh-every", TRUE);
  liaison_test_add_row (owner, "192.0.2.10", "192.0.2.20", "443", "team-client");
  liaison_test_pg_grant_reader (pg);
  reader = liaison_store_test_connection (pg->reader_uri, &error);
  g_assert_no_error (error);

  preferences = open_preferences (fixture);
  kind = liaison_test_find_widget (GTK_WIDGET (preferences), ADW_TYPE_COMBO_ROW, has_title, "_Kept On");
  file_row = liaison_test_find_widget (GTK_WIDGET (preferences), ADW_TYPE_ACTION_ROW, has_title, "Database File");
  entry = liaison_test_find_widget (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW, has_title,
                                    "Server _URI (postgresql://host/database)");
  password_row = liaison_test_find_widget (GTK_WIDGET (preferences), ADW_TYPE_ACTION_ROW, has_title, "Passwords");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (kind)), ==, 0);
  g_assert_true (gtk_widget_get_mapped (file_row));
  g_assert_false (gtk_widget_get_visible (entry));

  /* Team Server shows the URI, Test Connection and where passwords come from. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind), 1);
  liaison_test_flush ();
  g_assert_false (gtk_widget_get_visible (file_row));
  g_assert_true (gtk_widget_get_mapped (entry));
  g_assert_true (gtk_widget_get_mapped (password_row));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (password_row)), ==,
                   "Liaison never saves a password. libpq looks for it in ~/.pgpass, in the PGPASSWORD "
                   "variable, or in a service file (~/.pg_service.conf, named by service= in the URI).");
  remembered = g_settings_get_string (settings, "database-path");
  g_assert_cmpstr (remembered, ==, "");
  g_clear_pointer (&remembered, g_free);

  /* The server's own error. */
  g_assert_nonnull (strstr (test_connection (preferences, unknown), "role \"no_such_role\" does not exist"));

  /* Applied, it cannot be opened: the setting goes back, the window stays. */
  g_signal_emit_by_name (entry, "apply");
  remembered = g_settings_get_string (settings, "database-path");
  g_assert_cmpstr (remembered, ==, unknown);
  g_clear_pointer (&remembered, g_free);
  g_assert_true (liaison_test_wait (setting_cleared, settings, 20000));
  liaison_test_flush ();
  g_assert_true (liaison_test_find_window (LIAISON_TYPE_WINDOW) == GTK_WINDOW (fixture->window));

  /* What it reached, the password typed or not. */
  expected = g_strdup_printf ("Reached %s, database “%s” as role “liaison_reader”: read only",
                              reader->version, pg->database);
  g_assert_true (g_str_has_prefix (reader->version, "PostgreSQL 1"));
  g_assert_cmpstr (test_connection (preferences, typed), ==, expected);

  /* Applied: kept without the password, which the page says; the server
   * is opened off the main thread. */
  g_signal_emit_by_name (entry, "apply");
  g_assert_true (liaison_test_wait (window_replaced, fixture->window, 20000));
  liaison_test_flush ();
  remembered = g_settings_get_string (settings, "database-path");
  g_assert_cmpstr (remembered, ==, pg->reader_uri);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, pg->reader_uri);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (password_row)), ==,
                   "The Password Was Not Saved");

  /* The window on it says where the data lives... */
  window = LIAISON_WINDOW (liaison_test_find_window (LIAISON_TYPE_WINDOW));
  g_assert_true (window != fixture->window);
  g_assert_true (liaison_store_is_read_only (liaison_window_get_store (window)));
  title = g_strdup_printf ("%s on localhost — Liaison", pg->database);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, title);

  /* ...and may not add, import, edit or delete, saying why. */
  button = liaison_test_find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, has_action, "win.add");
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Your role on the server may only read this inventory");
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "import"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "sample-host"));
  g_assert_false (liaison_schedule_get_enabled (liaison_host_sampler_get_schedule (window->host_sampler)));
  g_assert_false (liaison_schedule_get_enabled (liaison_ssh_sampler_get_schedule (window->ssh_sampler)));
  button = liaison_test_find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, has_action, "map.groups");
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Your role on the server may only read this inventory");
  page = LIAISON_COMMUNICATIONS_PAGE (liaison_window_get_communications_page (window));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (liaison_communications_page_get_model (page))), ==, 1);
  gtk_selection_model_select_item (liaison_communications_page_get_selection (page), 0, TRUE);
  liaison_test_flush ();
  button = liaison_test_find_widget (GTK_WIDGET (page), GTK_TYPE_BUTTON, has_action, "page.delete");
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Your role on the server may only read this inventory");
  button = liaison_test_find_widget (GTK_WIDGET (page), GTK_TYPE_BUTTON, has_action, "page.set-client-device");
  g_assert_false (gtk_widget_is_sensitive (button));
  liaison_communications_page_edit (page, 0);
  liaison_test_flush ();
  g_assert_null (liaison_test_find_window (LIAISON_TYPE_COMMUNICATION_DIALOG));
  button = liaison_test_find_widget (GTK_WIDGET (page), GTK_TYPE_BUTTON, has_action, "page.copy");
  g_assert_true (gtk_widget_is_sensitive (button));

  /* What the others write shows, and the selection stays on its row. */
  selected_id = liaison_communication_model_get_id (liaison_communications_page_get_model (page), 0);
  liaison_test_add_row (owner, "192.0.2.11", "192.0.2.20", "443", "team-client-2");
  g_assert_true (liaison_test_wait (shows_two_rows, page, 10000));
  g_assert_true (liaison_communication_model_find_id (liaison_communications_page_get_model (page), selected_id,
                                                      &position));
  {
    g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (liaison_communications_page_get_selection (page));

    g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1);
    g_assert_true (gtk_bitset_contains (selected, position));
  }

  /* The server drops the window's connections: a banner says so, and
   * Reconnect brings the window back, still showing what it did. */
  g_assert_false (banner_shown (window));
  g_assert_cmpint (liaison_test_pg_terminate (pg->reader_uri), >, 0);
  g_assert_true (liaison_test_wait (banner_shown, window, 10000));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (window->connection_label)), ==,
                   "The connection to the server was lost. Liaison tries again every few seconds; "
                   "what you typed is kept.");
  button = liaison_test_find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, is_labelled, "_Reconnect");
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (liaison_test_wait (banner_hidden, window, 10000));
  g_assert_true (liaison_test_wait (shows_two_rows, page, 10000));

  /* Over the network, unencrypted: warned about. */
  remote = liaison_test_pg_remote_uri (pg);
  if (remote != NULL)
    {
      g_autofree char *host = g_strndup (remote + strlen ("postgresql://"),
                                         strcspn (remote + strlen ("postgresql://"), ":"));
      g_autofree char *warned = g_strdup_printf ("Reached %s, database “%s” as role “%s”: may change the inventory\n"
                                                 "Warning: the connection to %s is not encrypted: the inventory and "
                                                 "any password cross the network readable (ask for "
                                                 "sslmode=verify-full in the URI)",
                                                 reader->version, pg->database, pg->owner, host);

      g_assert_cmpstr (test_connection (preferences, remote), ==, warned);
    }

  g_settings_reset (settings, "database-path");
  g_settings_reset (settings, "sample-host-every");
  g_settings_reset (settings, "ssh-every");
  gtk_window_destroy (GTK_WINDOW (preferences));
  gtk_window_destroy (GTK_WINDOW (window));
  liaison_test_flush ();
}

int
main (int   argc,
      char *argv[])
{
  /* Local time two hours east of UTC, so that the two settings differ. */
  g_setenv ("TZ", "Etc/GMT-2", TRUE);

  liaison_test_init (&argc, &argv);

  liaison_test_add_file ("/preferences-window/open", test_open, NULL);
  liaison_test_add ("/preferences-window/interval", test_interval, NULL);
  liaison_test_add ("/preferences-window/time-zone", test_time_zone, NULL);
  liaison_test_add_file ("/preferences-window/open-database", test_open_database, NULL);
  liaison_test_add_file ("/preferences-window/open-database-fails", test_open_database_fails, NULL);
  /* From a window on a file to a server of the test's own. */
  liaison_test_add_file ("/preferences-window/team-server", test_team_server, NULL);

  return g_test_run ();
}
