/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-test"

#include "config.h"

#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <string.h>

#include "liaison-communication-model-private.h"
#include "liaison-communications-page-private.h"
#include "liaison-device-completion-private.h"
#include "liaison-import.h"
#include "liaison-store-private.h"
#include "liaison-test-utils.h"

static LiaisonApplication *test_app;

/* One application per test program, as in the real one. */
void
liaison_test_init (int    *argc,
                   char ***argv)
{
  g_autoptr(GError) error = NULL;

  g_test_init (argc, argv, NULL);
  adw_init ();

  test_app = liaison_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (test_app), NULL, &error);
  g_assert_no_error (error);
}

static gboolean
wake_up (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @condition holds or @timeout_ms passed. */
gboolean
liaison_test_wait (LiaisonTestCondition condition,
                   gpointer             user_data,
                   guint                timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint tick = g_timeout_add (20, wake_up, NULL);
  gboolean done;

  while (!(done = condition (user_data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (tick);
  return done;
}

/* Dispatches everything pending (layout, signals, idles). */
void
liaison_test_flush (void)
{
  for (guint i = 0; i < 1000 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

static gboolean
window_mapped (gpointer user_data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (user_data));
}

static void
fixture_setup (LiaisonTestFixture *fixture,
               gconstpointer       data)
{
  const LiaisonTestSetup *setup = data;
  LiaisonTestStart start = setup != NULL ? setup->start : LIAISON_TEST_WINDOW;
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("liaison-gui-XXXXXX", &error);
  g_assert_no_error (error);
  if (liaison_test_pg_configured ())
    {
      fixture->pg = liaison_test_pg_new ();
      fixture->path = g_strdup (fixture->pg->uri);
    }
  else
    fixture->path = g_build_filename (fixture->dir, "liaison.db", NULL);

  g_assert_nonnull (test_app);
  fixture->app = g_object_ref (test_app);
  liaison_application_set_database_path (fixture->app, fixture->path);

  if (start == LIAISON_TEST_FOLDER)
    return;

  fixture->store = liaison_store_open (fixture->path, &error);
  g_assert_no_error (error);
  if (setup != NULL && setup->fill != NULL)
    setup->fill (fixture->store);

  if (start == LIAISON_TEST_DATABASE)
    return;

  fixture->window = liaison_window_new (fixture->app, fixture->store);
  g_object_ref_sink (fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (liaison_test_wait (window_mapped, fixture->window, 5000));
  liaison_test_flush ();
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        remove_tree (path);
      else
        g_remove (path);
    }
  g_rmdir (dir);
}

/*
 * GTK 4.8 loads the texture of an icon a widget looks up on a thread of its
 * own (GTK_ICON_LOOKUP_PRELOAD), and that thread may drop the last
 * reference to the icon while the icon theme still caches it: a window
 * shown meanwhile that looks the same icon up takes a reference to a
 * finalized object (a critical, fatal here). Seen once in about sixty runs
 * of test-hosts-window beside other tests, at the next test's
 * gtk_window_present(). The windows gone, their loads are given time to end
 * before the next test shows its own.
 */
static void
let_icon_loads_end (void)
{
  gint64 end = g_get_monotonic_time () + 300 * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    {
      liaison_test_flush ();
      g_usleep (10 * G_TIME_SPAN_MILLISECOND);
    }
}

static void
fixture_teardown (LiaisonTestFixture *fixture,
                  gconstpointer       data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  /* Dialogs left open by a test go first. */
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != fixture->window)
      gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (toplevels);

  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  liaison_test_flush ();
  g_clear_object (&fixture->window);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->app);
  liaison_test_flush ();
  let_icon_loads_end ();

  remove_tree (fixture->dir);
  g_clear_pointer (&fixture->pg, liaison_test_pg_free);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->dir, g_free);
}

/**
 * liaison_test_add:
 * @setup: (nullable): what the test starts from; %NULL for a main window on
 *   an empty database
 *
 * Adds the test @func at @path; it gets a #LiaisonTestFixture and @setup.
 */
void
liaison_test_add (const char             *path,
                  LiaisonTestFunc         func,
                  const LiaisonTestSetup *setup)
{
  g_test_add_vtable (path, sizeof (LiaisonTestFixture), setup,
                     (GTestFixtureFunc) fixture_setup,
                     (GTestFixtureFunc) func,
                     (GTestFixtureFunc) fixture_teardown);
}

/**
 * liaison_test_add_file:
 *
 * liaison_test_add() for a test of what only a database file has (its
 * path, its folder, a file chooser): not registered when the tests keep
 * their databases on a server (LIAISON_TEST_SERVER).
 */
void
liaison_test_add_file (const char             *path,
                       LiaisonTestFunc         func,
                       const LiaisonTestSetup *setup)
{
  if (!liaison_test_pg_configured ())
    liaison_test_add (path, func, setup);
}

gint64
liaison_test_add_row (LiaisonStore *store,
                      const char   *client_ip,
                      const char   *listener_ip,
                      const char   *port,
                      const char   *client_device)
{
  LiaisonCommunicationInput input = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id;

  input.client_ip = client_ip;
  input.listener_ip = listener_ip;
  input.port = port;
  input.protocol = "tcp";
  input.client_device = client_device;

  id = liaison_store_add_communication (store, &input, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

/* Types @text at the end of @editable, one character at a time. */
void
liaison_test_type (GtkEditable *editable,
                   const char  *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      int position = (int) g_utf8_strlen (gtk_editable_get_text (editable), -1);

      gtk_editable_insert_text (editable, p, (int) (g_utf8_next_char (p) - p), &position);
      liaison_test_flush ();
    }
}

/* The first widget of @type at or below @root for which @match (when
 * given) says yes, or %NULL. */
GtkWidget *
liaison_test_find_widget (GtkWidget        *root,
                          GType             type,
                          LiaisonTestMatch  match,
                          gconstpointer     data)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && (match == NULL || match (root, data)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = liaison_test_find_widget (child, type, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Whether a label at or below @widget reads @text (a toast's title, say). */
gboolean
liaison_test_shows_label (GtkWidget  *widget,
                          const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (liaison_test_shows_label (child, text))
      return TRUE;

  return FALSE;
}

static void
append_label_texts (GtkWidget *widget,
                    GString   *texts)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (texts, "%s%s", texts->len > 0 ? "\n" : "", gtk_label_get_label (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    append_label_texts (child, texts);
}

/* The texts of the labels at or below @widget, in widget order, a line each. */
char *
liaison_test_label_texts (GtkWidget *widget)
{
  GString *texts = g_string_new (NULL);

  append_label_texts (widget, texts);
  return g_string_free (texts, FALSE);
}

typedef struct
{
  GtkWidget  *widget;
  const char *text;
} Label;

static gboolean
label_shown (gpointer user_data)
{
  Label *label = user_data;

  return liaison_test_shows_label (label->widget, label->text);
}

/* Runs the main loop until a label at or below @widget reads @text (a
 * toast that comes after another, say); whether it did. */
gboolean
liaison_test_wait_for_label (GtkWidget  *widget,
                             const char *text,
                             guint       timeout_ms)
{
  Label label = { widget, text };

  return liaison_test_wait (label_shown, &label, timeout_ms);
}

static gboolean
window_open (gpointer user_data)
{
  return liaison_test_find_window (GPOINTER_TO_SIZE (user_data)) != NULL;
}

static gboolean
window_gone (gpointer user_data)
{
  return liaison_test_find_window (GPOINTER_TO_SIZE (user_data)) == NULL;
}

/* The window of @type that opens (a dialog, say), once it is there. */
GtkWindow *
liaison_test_wait_for_window (GType type)
{
  g_assert_true (liaison_test_wait (window_open, GSIZE_TO_POINTER (type), 5000));

  return liaison_test_find_window (type);
}

static gboolean
question_open (gpointer heading)
{
  GList *toplevels = gtk_window_list_toplevels ();
  gboolean found = FALSE;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        g_strcmp0 (adw_message_dialog_get_heading (l->data), heading) == 0)
      found = TRUE;
  g_list_free (toplevels);
  return found;
}

/* The question (an AdwMessageDialog) headed @heading, once it shows. */
AdwMessageDialog *
liaison_test_wait_for_question (const char *heading)
{
  GList *toplevels;
  AdwMessageDialog *question = NULL;

  g_assert_true (liaison_test_wait (question_open, (gpointer) heading, 5000));
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        g_strcmp0 (adw_message_dialog_get_heading (l->data), heading) == 0)
      question = l->data;
  g_list_free (toplevels);
  return question;
}

static gboolean
button_labelled (GtkWidget     *widget,
                 gconstpointer  label)
{
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
question_gone (gpointer user_data)
{
  GtkWidget **question = user_data;

  return *question == NULL || !gtk_widget_get_visible (*question);
}

/* Answers @question with its button labelled @label, as a click does, and
 * waits until it has gone. */
void
liaison_test_answer (AdwMessageDialog *question,
                     const char       *label)
{
  GtkWidget *button = liaison_test_find_widget (GTK_WIDGET (question), GTK_TYPE_BUTTON, button_labelled, label);
  GtkWidget *weak = GTK_WIDGET (question);

  g_assert_nonnull (button);
  g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
  gtk_widget_activate (button);
  g_assert_true (liaison_test_wait (question_gone, &weak, 5000));
  if (weak != NULL)
    g_object_remove_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
}

/* Waits until no window of @type is open. */
void
liaison_test_wait_for_no_window (GType type)
{
  g_assert_true (liaison_test_wait (window_gone, GSIZE_TO_POINTER (type), 5000));
}

/* The one open window of @type, or %NULL. */
GtkWindow *
liaison_test_find_window (GType type)
{
  GList *toplevels = gtk_window_list_toplevels ();
  GtkWindow *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);

  return found;
}

/*
 * Presses @keys (as xdotool names them: "ctrl+f") on the keyboard of the
 * display, with @window focused: real key events, from the X server through
 * GDK to the window, its shortcut controllers and the application's
 * accelerators, as a user's. The test goes on when they have been sent;
 * what they do shows once the main loop ran (liaison_test_wait()).
 */
void
liaison_test_press_keys (GtkWindow  *window,
                         const char *keys)
{
  const char *xdotool = g_getenv ("LIAISON_XDOTOOL");
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_nonnull (xdotool);
  g_assert_true (GDK_IS_X11_SURFACE (surface));

  xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
  {
    const char *argv[] = { xdotool, "windowfocus", "--sync", xid, "key", keys, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                  &out, &err, &status, &error);
  }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("xdotool %s failed: %s", keys, err);
}

static gboolean
never (gpointer user_data)
{
  return FALSE;
}

/* Gives @window @width × @height and lets it lay itself out. */
void
liaison_test_resize (LiaisonWindow *window,
                     int            width,
                     int            height)
{
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  liaison_test_wait (never, NULL, 400);
}

/* Whether @label shows all of its text. */
gboolean
liaison_test_label_in_full (GtkWidget *label)
{
  int natural;

  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return gtk_widget_get_width (label) >= natural &&
         !pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label)));
}

/* Whether @text in @widget's font fits the width @widget was given inside
 * its padding (an inscription says nothing of what it cuts). */
gboolean
liaison_test_text_fits (GtkWidget  *widget,
                        const char *text)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  g_test_message ("“%s”: %d px of %d", text, width, gtk_widget_get_width (widget));
  return width <= gtk_widget_get_width (widget);
}

static void
collect_column_titles (GtkWidget *widget,
                       GPtrArray *titles)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) && parent != NULL &&
      g_str_equal (G_OBJECT_TYPE_NAME (gtk_widget_get_parent (parent)), "GtkColumnViewTitle"))
    g_ptr_array_add (titles, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_column_titles (child, titles);
}

/**
 * liaison_test_get_column_titles:
 *
 * Returns: (transfer container): the labels of @view's column titles shown
 */
GPtrArray *
liaison_test_get_column_titles (GtkColumnView *view)
{
  GPtrArray *titles = g_ptr_array_new ();

  collect_column_titles (GTK_WIDGET (view), titles);
  return titles;
}

/* The main window's Communications page. */
LiaisonCommunicationsPage *
liaison_test_get_page (LiaisonTestFixture *fixture)
{
  g_assert_nonnull (fixture->window);

  return LIAISON_COMMUNICATIONS_PAGE (liaison_window_get_communications_page (fixture->window));
}

static gboolean
list_settled (gpointer user_data)
{
  /* A server's rows come from a worker too. */
  return !liaison_communication_model_get_loading (user_data) &&
         liaison_communication_model_get_n_fetching (user_data) == 0;
}

/* The list reads the database in the background after a change: how many
 * rows it shows once it has read it. */
guint
liaison_test_n_rows (LiaisonTestFixture *fixture)
{
  LiaisonCommunicationModel *model = liaison_communications_page_get_model (liaison_test_get_page (fixture));

  g_assert_true (liaison_test_wait (list_settled, model, 5000));
  return g_list_model_get_n_items (G_LIST_MODEL (model));
}

/**
 * liaison_test_get_row:
 *
 * Returns: (transfer full) (nullable): the service communication the list
 *   shows at @position, once it has read the database
 */
LiaisonCommunication *
liaison_test_get_row (LiaisonTestFixture *fixture,
                      guint               position)
{
  LiaisonCommunicationModel *model = liaison_communications_page_get_model (liaison_test_get_page (fixture));
  g_autoptr(LiaisonCommunicationRow) row = NULL;
  LiaisonCommunication *communication;

  g_assert_true (liaison_test_wait (list_settled, model, 5000));
  row = g_list_model_get_item (G_LIST_MODEL (model), position);
  g_assert_true (liaison_test_wait (list_settled, model, 5000));
  communication = row != NULL ? liaison_communication_row_get_communication (row) : NULL;

  return communication != NULL ? g_object_ref (communication) : NULL;
}

/* Imports the netstat sample tests/data/netstat/@name, taken on @host at
 * @time, into @store, and tells the store's lists. */
void
liaison_test_import_netstat (LiaisonStore *store,
                             const char   *name,
                             const char   *host,
                             LiaisonTime   time)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "netstat", name, NULL);
  const char *paths[] = { path, NULL };
  LiaisonImportOptions options = { 0 };
  g_autoptr(GError) error = NULL;

  options.kind = LIAISON_SAMPLE_NETSTAT;
  options.host = host;
  options.time = time;
  options.start = LIAISON_TIME_NONE;

  g_assert_true (liaison_import_files (store, &options, paths, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  liaison_store_changed (store);
}

/* GTK 4.8's file chooser shows an error dialog for a folder whose reading
 * a close cancelled: a chooser is ready to close once it shows its folder. */
static gboolean
chooser_ready (gpointer user_data)
{
  GtkWindow *chooser = liaison_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG);
  GtkWidget *files = chooser != NULL ? liaison_test_find_widget (GTK_WIDGET (chooser), GTK_TYPE_TREE_VIEW, NULL, NULL) : NULL;

  return files != NULL && gtk_tree_view_get_model (GTK_TREE_VIEW (files)) != NULL;
}

/* The file chooser that opens, once it is ready to be answered. */
GtkFileChooser *
liaison_test_wait_for_chooser (void)
{
  GtkWindow *chooser = liaison_test_wait_for_window (GTK_TYPE_FILE_CHOOSER_DIALOG);

  g_assert_true (liaison_test_wait (chooser_ready, NULL, 5000));
  return GTK_FILE_CHOOSER (chooser);
}

/* The samples the database at @database_path holds, read through a
 * connection of the test's own. */
gint64
liaison_test_count_samples (const char *database_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) store = liaison_store_open_existing (database_path, &error);
  gint64 count = -1;

  g_assert_no_error (error);
  g_assert_true (liaison_store_query_int (store, "SELECT count(*) FROM sample", &count, &error));
  g_assert_no_error (error);
  return count;
}

/* Answers @chooser as its buttons do, and waits until it is gone. */
void
liaison_test_answer_chooser (GtkFileChooser *chooser,
                             int             response)
{
  gtk_dialog_response (GTK_DIALOG (chooser), response);
  liaison_test_wait_for_no_window (GTK_TYPE_FILE_CHOOSER_DIALOG);
}

typedef struct
{
  GtkFileChooser *chooser;
  GFile          *file;
} ChosenWait;

static gboolean
chooser_on_file (gpointer user_data)
{
  ChosenWait *wait = user_data;
  g_autoptr(GFile) chosen = gtk_file_chooser_get_file (wait->chooser);

  return chosen != NULL && g_file_equal (chosen, wait->file);
}

/* Waits until @chooser has taken @file (set in it a moment before: the
 * chooser takes it in when it has read the folder), then accepts it. */
void
liaison_test_accept_chooser_on (GtkFileChooser *chooser,
                                GFile          *file)
{
  ChosenWait wait = { chooser, file };

  g_assert_true (liaison_test_wait (chooser_on_file, &wait, 5000));
  liaison_test_answer_chooser (chooser, GTK_RESPONSE_ACCEPT);
}

/* LIAISON_TEST_ROWS rows for the tests of the list: devices in two cases,
 * processes, both protocols. */
void
liaison_test_fill_rows (LiaisonStore *store)
{
  static const char *devices[] = { "web01", "Web02", "db01", "cache", NULL };
  static const char *processes[] = { "nginx", "postgres", "", "java" };
  g_autoptr(GError) error = NULL;

  g_assert_true (liaison_store_begin (store, &error));
  for (guint i = 0; i < LIAISON_TEST_ROWS; i++)
    {
      LiaisonCommunicationInput input = { 0 };
      g_autofree char *client = g_strdup_printf ("10.%u.%u.%u", i % 7, (i / 7) % 250, 1 + i % 200);
      g_autofree char *listener = g_strdup_printf ("192.168.%u.%u", i % 3, 1 + i % 13);
      g_autofree char *port = g_strdup_printf ("%u", 1 + (i * 37) % 9000);

      input.client_ip = client;
      input.listener_ip = listener;
      input.port = port;
      input.protocol = i % 5 == 0 ? "udp" : "tcp";
      input.client_device = devices[i % 5];
      input.client_process_name = processes[i % 4];
      liaison_store_add_communication (store, &input, &error);
      g_assert_no_error (error);
    }
  g_assert_true (liaison_store_commit (store, &error));
}

/* LIAISON_TEST_MANY_ROWS rows, for the tests of big re-queries. */
void
liaison_test_fill_many_rows (LiaisonStore *store)
{
  static const char *devices[] = { "web01", "Web02", "db01", "cache", NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (liaison_store_begin (store, &error));
  for (guint i = 0; i < LIAISON_TEST_MANY_ROWS; i++)
    {
      LiaisonCommunicationInput input = { 0 };
      char client[32], port[16];

      g_snprintf (client, sizeof client, "10.%u.%u.%u", i / 62500, (i / 250) % 250, 1 + i % 250);
      g_snprintf (port, sizeof port, "%u", 1 + (i * 37) % 60000);
      input.client_ip = client;
      input.listener_ip = "192.168.0.1";
      input.port = port;
      input.protocol = "tcp";
      input.client_device = devices[i % 5];
      liaison_store_add_communication (store, &input, &error);
      g_assert_no_error (error);
    }
  g_assert_true (liaison_store_commit (store, &error));
}

/* Whether the device completion @user_data shows its suggestions. */
gboolean
liaison_test_suggestions_shown (gpointer user_data)
{
  GtkPopover *popover = liaison_device_completion_get_popover (user_data);

  return popover != NULL && gtk_widget_get_visible (GTK_WIDGET (popover));
}

gboolean
liaison_test_suggestions_hidden (gpointer user_data)
{
  return !liaison_test_suggestions_shown (user_data);
}

/* Whether a main window says that its server's connection was lost. */
gboolean
liaison_test_connection_banner_shown (gpointer window)
{
  return gtk_revealer_get_reveal_child (GTK_REVEALER (LIAISON_WINDOW (window)->connection_banner));
}

gboolean
liaison_test_connection_banner_hidden (gpointer window)
{
  return !liaison_test_connection_banner_shown (window);
}
