/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-test"

#include "config.h"

#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <string.h>

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

void
liaison_test_fixture_setup (LiaisonTestFixture *fixture,
                            gconstpointer       data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("liaison-gui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "liaison.db", NULL);

  g_assert_nonnull (test_app);
  fixture->app = g_object_ref (test_app);
  liaison_application_set_database_path (fixture->app, fixture->path);

  fixture->store = liaison_store_open (fixture->path, &error);
  g_assert_no_error (error);

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

      g_remove (path);
    }
  g_rmdir (dir);
}

void
liaison_test_fixture_teardown (LiaisonTestFixture *fixture,
                               gconstpointer       data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  /* Dialogs left open by a test go first. */
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != fixture->window)
      gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (toplevels);

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  liaison_test_flush ();
  g_clear_object (&fixture->window);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->app);
  liaison_test_flush ();

  remove_tree (fixture->dir);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->dir, g_free);
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
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}
