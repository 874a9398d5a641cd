/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-application"

#include "config.h"

#include "liaison-communication-dialog-private.h"
#include "liaison-communications-page-private.h"
#include "liaison-application-private.h"
#include "liaison-statistics-page-private.h"
#include "liaison-test-pg.h"
#include "liaison-test-utils.h"

/*
 * The application follows the database-path setting: whoever writes it
 * (the Preferences window, or anyone), the main window gives way to one on
 * that database; a file that is no database puts the setting back.
 */

typedef LiaisonTestFixture Fixture;

static LiaisonWindow *
other_window (Fixture *fixture)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (fixture->app));

  for (GList *l = windows; l != NULL; l = l->next)
    if (LIAISON_IS_WINDOW (l->data) && l->data != (gpointer) fixture->window)
      return l->data;

  return NULL;
}

static void
test_follows_the_setting (Fixture       *fixture,
                          gconstpointer  data)
{
  GSettings *settings = liaison_application_get_settings (fixture->app);
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.db", NULL);
  g_autoptr(LiaisonStore) other = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonCommunicationsPage *page;
  LiaisonWindow *window;
  int width, height, old_width, old_height;

  other = liaison_store_open (other_path, &error);
  g_assert_no_error (error);
  liaison_test_add_row (other, "192.0.2.10", "192.0.2.20", "443", "other-client");
  g_clear_object (&other);
  gtk_window_get_default_size (GTK_WINDOW (fixture->window), &old_width, &old_height);

  g_settings_set_string (settings, "database-path", other_path);
  liaison_test_flush ();

  /* One main window, on the other database, of the same size. */
  window = other_window (fixture);
  g_assert_nonnull (window);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  g_assert_cmpstr (liaison_store_get_path (liaison_window_get_store (window)), ==, other_path);
  g_assert_true (liaison_application_get_store (fixture->app) == liaison_window_get_store (window));
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, old_width);
  g_assert_cmpint (height, ==, old_height);
  page = LIAISON_COMMUNICATIONS_PAGE (liaison_window_get_communications_page (window));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (liaison_communications_page_get_model (page))), ==, 1);

  /* A cleared setting means the default database at the next start: the
   * window stays on this one. */
  g_settings_reset (settings, "database-path");
  liaison_test_flush ();
  g_assert_true (other_window (fixture) == window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_cmpstr (liaison_store_get_path (liaison_window_get_store (window)), ==, other_path);

  gtk_window_destroy (GTK_WINDOW (window));
  liaison_test_flush ();
}

static void
test_refuses_what_is_no_database (Fixture       *fixture,
                                  gconstpointer  data)
{
  GSettings *settings = liaison_application_get_settings (fixture->app);
  g_autofree char *bad_path = g_build_filename (fixture->dir, "notes.db", NULL);
  g_autofree char *remembered = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;

  g_file_set_contents (bad_path, "These are notes, not a database, and long enough to show it.\n", -1, &error);
  g_assert_no_error (error);

  g_settings_set_string (settings, "database-path", bad_path);
  liaison_test_flush ();

  /* Nothing changed, and the setting is back. */
  g_assert_null (other_window (fixture));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  remembered = g_settings_get_string (settings, "database-path");
  g_assert_cmpstr (remembered, ==, "");

  /* A dialog over the window says why. */
  dialog = liaison_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Cannot Open the Database");
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (fixture->window));
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), !=, "");
}

/* Open Other Database… in the main menu: a chooser, and the file chosen
 * becomes the database the window shows, and names. */
static void
test_open_database_from_menu (Fixture       *fixture,
                              gconstpointer  data)
{
  GSettings *settings = liaison_application_get_settings (fixture->app);
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.db", NULL);
  g_autoptr(GFile) other = g_file_new_for_path (other_path);
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMenuModel) menu = NULL;
  GtkFileChooser *chooser;
  g_autofree char *setting = NULL;
  LiaisonWindow *window;
  gboolean in_menu = FALSE;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "liaison.db — Liaison");

  /* In the main menu. */
  menu = g_object_ref (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (liaison_test_find_widget (GTK_WIDGET (fixture->window),
                                                                                                   GTK_TYPE_MENU_BUTTON,
                                                                                                   NULL, NULL))));
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      for (int j = 0; section != NULL && j < g_menu_model_get_n_items (section); j++)
        {
          g_autofree char *action = NULL;

          if (g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION, "s", &action) &&
              g_str_equal (action, "app.open-database"))
            in_menu = TRUE;
        }
    }
  g_assert_true (in_menu);

  store = liaison_store_open (other_path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "open-database", NULL);
  chooser = GTK_FILE_CHOOSER (liaison_test_wait_for_window (GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (chooser)), ==, "Open Other Database");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  liaison_test_wait_for_no_window (GTK_TYPE_FILE_CHOOSER_DIALOG);

  /* What its Open does with the file. */
  liaison_application_open_database (fixture->app, other);
  liaison_test_flush ();
  setting = g_settings_get_string (settings, "database-path");
  g_assert_cmpstr (setting, ==, other_path);
  window = other_window (fixture);
  g_assert_nonnull (window);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "other.db — Liaison");

  g_settings_reset (settings, "database-path");
  gtk_window_destroy (GTK_WINDOW (window));
  liaison_test_flush ();
}

static void
collect_shortcuts (GtkWidget  *widget,
                   GHashTable *shortcuts)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      char *title = NULL, *accelerator = NULL;

      g_object_get (widget, "title", &title, "accelerator", &accelerator, NULL);
      g_hash_table_insert (shortcuts, title, accelerator != NULL ? accelerator : g_strdup (""));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shortcuts (child, shortcuts);
}

/* The Keyboard Shortcuts window lists the keys of the timeline and Ctrl+Z. */
static void
test_shortcuts_window (Fixture       *fixture,
                       gconstpointer  data)
{
  static const struct { const char *title; const char *accelerator; } expected[] = {
    { "Undo the last delete", "<Control>z" },
    { "Zoom in", "plus equal" },
    { "Zoom out", "minus" },
    { "Zoom to fit", "0 Home" },
    { "Move back in time", "Left" },
    { "Move forward in time", "Right" },
    { "Zoom the map in", "<Control>plus" },
    { "Zoom the map out", "<Control>minus" },
    { "Fit the map", "<Control>0" },
  };
  g_autoptr(GHashTable) shortcuts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GtkWindow *window;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "shortcuts", NULL);
  window = liaison_test_wait_for_window (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_cmpstr (gtk_window_get_title (window), ==, "Keyboard Shortcuts");
  collect_shortcuts (GTK_WIDGET (window), shortcuts);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_test_message ("%s", expected[i].title);
      g_assert_true (g_hash_table_contains (shortcuts, expected[i].title));
      g_assert_cmpstr (g_hash_table_lookup (shortcuts, expected[i].title), ==, expected[i].accelerator);
    }
}

/* The empty Statistics page's icon is in the icon theme from the start:
 * the theme lists the icons there are when it first looks, before any
 * Statistics page exists (it showed as a broken image). In a process of
 * its own, so that no earlier test has made a page. */
static void
test_statistics_icon_from_the_start (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(LiaisonApplication) app = liaison_application_new (G_APPLICATION_DEFAULT_FLAGS);
      GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());

      g_assert_null (g_type_class_peek (LIAISON_TYPE_STATISTICS_PAGE));
      gtk_icon_theme_add_resource_path (theme, "/io/github/liaison/Liaison/icons");
      g_assert_true (gtk_icon_theme_has_icon (theme, "liaison-statistics-symbolic"));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

#define SERVER_ROWS 150
#define RELAY_DELAY_MS 400
/* Well under one round trip (2 × 400 ms), which any wait on the server
 * costs: building the main window, the list's first cells and the
 * Statistics page take ~100 ms of the main thread here, up to ~450 ms
 * when the machine is busy. */
#define LONGEST_PAUSE_MS 700

/* The main loop's heartbeat: how long it went without a turn. */
typedef struct
{
  gint64 last;
  gint64 longest;
  guint  beats;
  guint  wanted;
  guint  tick;
} Beat;

static gboolean
beat (gpointer data)
{
  Beat *b = data;
  gint64 now = g_get_monotonic_time ();

  b->longest = MAX (b->longest, now - b->last);
  b->last = now;
  b->beats++;
  return G_SOURCE_CONTINUE;
}

static gboolean
beat_after (gpointer data)
{
  Beat *b = data;

  return b->beats >= b->wanted;
}

/* Starts the heartbeat, asked to turn every 5 ms; returns when. */
static gint64
beat_start (Beat *b)
{
  b->last = g_get_monotonic_time ();
  b->tick = g_timeout_add (5, beat, b);
  return b->last;
}

/* Stops the heartbeat after one more turn, so that the pause before it
 * counts: a main thread that waited for one round trip would have paused
 * 800 ms. */
static void
beat_stop_never_waited (Beat *b)
{
  b->wanted = b->beats + 1;
  g_assert_true (liaison_test_wait (beat_after, b, 1000));
  g_test_message ("the main loop paused at most %.1f ms", b->longest / 1000.0);
  g_assert_cmpint (b->longest, <, LONGEST_PAUSE_MS * 1000);
  g_source_remove (b->tick);
}

/* Whether this is the test's own process; else runs the test in one,
 * given @seconds, and checks that it passed. */
static gboolean
in_own_process (guint seconds)
{
  if (g_test_subprocess ())
    return TRUE;
  g_test_trap_subprocess (NULL, seconds * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  return FALSE;
}

/* How long until @condition holds, with the heartbeat's longest pause since @beat began. */
static gint64
time_until (LiaisonTestCondition  condition,
            gpointer              data,
            Beat                 *b,
            gint64                start,
            const char           *what)
{
  g_assert_true (liaison_test_wait (condition, data, 60000));
  g_test_message ("%s after %.0f ms; the main loop paused at most %.1f ms",
                  what, (g_get_monotonic_time () - start) / 1000.0, b->longest / 1000.0);
  return g_get_monotonic_time () - start;
}

static gboolean
main_window_open (gpointer data)
{
  return liaison_test_find_window (LIAISON_TYPE_WINDOW) != NULL;
}

static gboolean
cell_shown (GtkWidget     *widget,
            gconstpointer  text)
{
  return GTK_IS_INSCRIPTION (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) == 0;
}

static gboolean
first_rows_shown (gpointer data)
{
  return liaison_test_find_widget (data, GTK_TYPE_INSCRIPTION, cell_shown, "client-000") != NULL &&
         liaison_test_find_widget (data, GTK_TYPE_INSCRIPTION, cell_shown, "client-005") != NULL;
}

static gboolean
listener_shown (gpointer data)
{
  return !liaison_statistics_page_get_loading (data) && liaison_test_shows_label (data, "127.0.0.1:8080/tcp") &&
         liaison_test_find_widget (data, GTK_TYPE_INSCRIPTION, cell_shown, "127.0.0.3") != NULL;
}


/* The test's server with SERVER_ROWS rows, client-000 and on; its owner's connection. */
static LiaisonStore *
open_server_rows (LiaisonTestPg *pg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) owner = liaison_store_open (pg->uri, &error);

  g_assert_no_error (error);
  g_assert_true (liaison_store_begin (owner, &error));
  for (guint i = 0; i < SERVER_ROWS; i++)
    {
      g_autofree char *client = g_strdup_printf ("10.0.%u.%u", i / 200, i % 200 + 1);
      g_autofree char *device = g_strdup_printf ("client-%03u", i);

      liaison_test_add_row (owner, client, "192.0.2.20", "443", device);
    }
  g_assert_true (liaison_store_commit (owner, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&owner);
}

/* The application on @pg's server far away, every chunk of bytes
 * RELAY_DELAY_MS on its way, each way; not activated yet. */
static LiaisonApplication *
far_away_application (LiaisonTestPg *pg)
{
  g_autofree char *uri = liaison_test_pg_slow_uri (pg, RELAY_DELAY_MS);
  g_autoptr(LiaisonApplication) app = liaison_application_new (G_APPLICATION_NON_UNIQUE);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  liaison_application_set_database_path (app, uri);
  return g_steal_pointer (&app);
}

/*
 * On a team's server far away (every chunk of bytes 400 ms on its way,
 * each way), the main loop keeps turning (team.md 3: the app never waits
 * on the server on its main thread): a window says it connects, the main
 * window takes its place, its list says it loads and then shows the rows,
 * the Statistics page loads its listeners and shows one asked for
 * meanwhile, with its clients. A main thread that waited for one round
 * trip would pause 800 ms; the heartbeat is asked to turn every 5 ms. In a
 * process of its own, so that the application opens its first database.
 */
static void
test_server_off_the_main_thread (void)
{
  g_autoptr(LiaisonTestPg) pg = NULL;
  g_autoptr(LiaisonStore) owner = NULL;
  g_autoptr(LiaisonApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonCommunicationsPage *page;
  LiaisonWindow *window;
  GtkWidget *statistics;
  Beat b = { 0 };
  gint64 start, opened, n_rows;

  if (!in_own_process (180))
    return;

  pg = liaison_test_pg_new ();
  owner = open_server_rows (pg);
  liaison_test_import_netstat (owner, "netstat-tanp.txt", "web01", LIAISON_TIME_NONE);
  n_rows = liaison_store_count_communications (owner, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n_rows, >, SERVER_ROWS);
  app = far_away_application (pg);

  start = beat_start (&b);
  g_application_activate (G_APPLICATION (app));

  /* At once, a window says where it connects to. */
  g_assert_nonnull (liaison_test_find_window (LIAISON_TYPE_LOADING_WINDOW));
  g_assert_true (liaison_test_shows_label (GTK_WIDGET (liaison_test_find_window (LIAISON_TYPE_LOADING_WINDOW)),
                                           "Connecting to the Team Server…"));
  g_assert_null (liaison_application_get_store (app));

  /* The main window takes its place; connecting took round trips. */
  opened = time_until (main_window_open, NULL, &b, start, "the main window opened");
  g_assert_cmpint (opened, >=, 2 * RELAY_DELAY_MS * 1000);
  window = LIAISON_WINDOW (liaison_test_find_window (LIAISON_TYPE_WINDOW));
  g_assert_null (liaison_test_find_window (LIAISON_TYPE_LOADING_WINDOW));
  g_assert_true (liaison_application_get_store (app) == liaison_window_get_store (window));
  page = LIAISON_COMMUNICATIONS_PAGE (liaison_window_get_communications_page (window));
  g_assert_cmpstr (liaison_communications_page_get_visible_child_name (page), ==, "loading");

  /* The rows, once they came. */
  time_until (first_rows_shown, page, &b, start, "the first rows showed");
  g_assert_cmpstr (liaison_communications_page_get_visible_child_name (page), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (liaison_communications_page_get_model (page))), ==,
                    (guint) n_rows);

  /* The Statistics page loads as well, and shows a listener asked for
   * while it loaded, its clients read in a worker too. */
  statistics = adw_bin_get_child (ADW_BIN (window->statistics_bin));
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (window->stack), "statistics");
  g_assert_true (liaison_statistics_page_get_loading (LIAISON_STATISTICS_PAGE (statistics)));
  liaison_statistics_page_show_listener (LIAISON_STATISTICS_PAGE (statistics), "127.0.0.1", 8080, "tcp");
  time_until (listener_shown, statistics, &b, start, "the Statistics page showed the listener");

  beat_stop_never_waited (&b);

  gtk_window_destroy (GTK_WINDOW (window));
  liaison_test_flush ();
}

typedef struct
{
  LiaisonCommunicationsPage *page;
  guint                      n;
} ListRows;

static gboolean
list_shows_n_rows (gpointer data)
{
  ListRows *rows = data;
  LiaisonCommunicationModel *model = liaison_communications_page_get_model (rows->page);

  return !liaison_communication_model_get_loading (model) &&
         g_list_model_get_n_items (G_LIST_MODEL (model)) == rows->n;
}

static gboolean
no_dialog_open (gpointer data)
{
  return liaison_test_find_window (LIAISON_TYPE_COMMUNICATION_DIALOG) == NULL;
}

static gboolean
dialog_open (gpointer data)
{
  return liaison_test_find_window (LIAISON_TYPE_COMMUNICATION_DIALOG) != NULL;
}

/* The scene of the tests on a server far away: the owner's connection to
 * the server with SERVER_ROWS rows, the application on it through the slow
 * relay, its main window once the list shows them, and the heartbeat. */
typedef struct
{
  LiaisonTestPg      *pg;
  LiaisonStore       *owner;
  LiaisonApplication *app;
  LiaisonWindow      *window;
  ListRows            rows;
  Beat                b;
  gint64              start;
} FarAway;

static void
far_away_open (FarAway *f)
{
  f->pg = liaison_test_pg_new ();
  f->owner = open_server_rows (f->pg);
  f->app = far_away_application (f->pg);
  g_application_activate (G_APPLICATION (f->app));
  g_assert_true (liaison_test_wait (main_window_open, NULL, 60000));
  f->window = LIAISON_WINDOW (liaison_test_find_window (LIAISON_TYPE_WINDOW));
  f->rows.page = LIAISON_COMMUNICATIONS_PAGE (liaison_window_get_communications_page (f->window));
  f->rows.n = SERVER_ROWS;
  g_assert_true (liaison_test_wait (list_shows_n_rows, &f->rows, 60000));

  /* From here on, every pause of the main loop counts. */
  f->start = beat_start (&f->b);
}

/* Checks that the main loop never waited, and ends the scene. */
static void
far_away_close (FarAway *f)
{
  beat_stop_never_waited (&f->b);
  gtk_window_destroy (GTK_WINDOW (f->window));
  liaison_test_flush ();
  g_clear_object (&f->app);
  g_clear_object (&f->owner);
  g_clear_pointer (&f->pg, liaison_test_pg_free);
}

/*
 * On the same server far away, what a person writes from the list does not
 * hold up the window either (team.md 3): a delete and its undo, and the
 * Edit dialog (its row read, its save), each done while the heartbeat
 * keeps turning, the result showing afterwards. In a process of its own.
 */
static void
test_server_writes_off_the_main_thread (void)
{
  g_autoptr(LiaisonCommunication) edited = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonCommunicationDialog *dialog;
  FarAway f = { 0 };
  gint64 id;

  if (!in_own_process (240))
    return;

  far_away_open (&f);

  /* Delete: nothing waits for the server; the row goes once it is done. */
  id = liaison_communication_model_get_id (liaison_communications_page_get_model (f.rows.page), 0);
  gtk_selection_model_select_item (liaison_communications_page_get_selection (f.rows.page), 0, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (f.rows.page), "page.delete", NULL);
  g_assert_cmpint (liaison_store_count_communications (f.owner, NULL), ==, SERVER_ROWS);
  f.rows.n = SERVER_ROWS - 1;
  time_until (list_shows_n_rows, &f.rows, &f.b, f.start, "the deleted row went");
  g_assert_cmpint (liaison_store_count_communications (f.owner, NULL), ==, SERVER_ROWS - 1);

  /* Undo puts it back the same way. */
  gtk_widget_activate_action (GTK_WIDGET (f.rows.page), "page.undo", NULL);
  f.rows.n = SERVER_ROWS;
  time_until (list_shows_n_rows, &f.rows, &f.b, f.start, "the deleted row came back");
  g_assert_cmpint (liaison_store_count_communications (f.owner, NULL), ==, SERVER_ROWS);

  /* Edit: the dialog opens once its row is read, and Save waits while it
   * writes; the dialog closes once the row is written. */
  liaison_communications_page_edit (f.rows.page, 0);
  time_until (dialog_open, NULL, &f.b, f.start, "the Edit dialog opened");
  dialog = LIAISON_COMMUNICATION_DIALOG (liaison_test_find_window (LIAISON_TYPE_COMMUNICATION_DIALOG));
  g_assert_cmpint (liaison_communication_dialog_get_id (dialog), ==, id);
  gtk_editable_set_text (liaison_communication_dialog_get_entry (dialog, LIAISON_COLUMN_CLIENT_DEVICE), "far-away");
  g_assert_true (gtk_widget_get_sensitive (liaison_communication_dialog_get_save_button (dialog)));
  liaison_communication_dialog_save (dialog);
  g_assert_false (gtk_widget_get_sensitive (liaison_communication_dialog_get_save_button (dialog)));
  g_assert_nonnull (liaison_test_find_window (LIAISON_TYPE_COMMUNICATION_DIALOG));
  time_until (no_dialog_open, NULL, &f.b, f.start, "the Edit dialog saved");
  edited = liaison_store_get_communication (f.owner, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_communication_get_client_device (edited), ==, "far-away");

  far_away_close (&f);
}

/*
 * On the same server far away, a connection that the network breaks is
 * made again without holding up the window (team.md 3): the banner comes,
 * and goes once the window's connection is back, the main loop turning all
 * the while; the list reads again, and what someone else writes afterwards
 * shows, as the new connection hears of it. In a process of its own.
 */
static void
test_server_reconnects_off_the_main_thread (void)
{
  FarAway f = { 0 };

  if (!in_own_process (180))
    return;

  far_away_open (&f);

  /* The window's connection and its pages' break. */
  g_assert_cmpuint (liaison_test_pg_drop_relayed (f.pg), >, 0);
  time_until (liaison_test_connection_banner_shown, f.window, &f.b, f.start, "the banner came");
  time_until (liaison_test_connection_banner_hidden, f.window, &f.b, f.start, "the banner went");

  /* The list reads again; then another person's row shows. */
  time_until (list_shows_n_rows, &f.rows, &f.b, f.start, "the list read again");
  liaison_test_add_row (f.owner, "10.9.0.1", "192.0.2.20", "443", "came-meanwhile");
  f.rows.n = SERVER_ROWS + 1;
  time_until (list_shows_n_rows, &f.rows, &f.b, f.start, "the other's row showed");

  far_away_close (&f);
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  g_test_add_func ("/application/server-off-the-main-thread", test_server_off_the_main_thread);
  g_test_add_func ("/application/server-writes-off-the-main-thread", test_server_writes_off_the_main_thread);
  g_test_add_func ("/application/server-reconnects-off-the-main-thread",
                   test_server_reconnects_off_the_main_thread);
  liaison_test_add ("/application/follows-the-setting", test_follows_the_setting, NULL);
  liaison_test_add ("/application/refuses-what-is-no-database", test_refuses_what_is_no_database, NULL);
  liaison_test_add ("/application/shortcuts-window", test_shortcuts_window, NULL);
  liaison_test_add_file ("/application/open-database-from-menu", test_open_database_from_menu, NULL);
  g_test_add_func ("/application/statistics-icon-from-the-start", test_statistics_icon_from_the_start);

  return g_test_run ();
}
