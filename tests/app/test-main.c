/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-main"

#include "config.h"

#include "liaison-test-utils.h"

/*
 * The real `liaison` program: it starts on a temporary database, owns its
 * name on the session bus (run this under dbus-run-session), quits when
 * app.quit is activated over D-Bus, exits 0 and prints nothing on stderr.
 */

#define OBJECT_PATH "/io/github/liaison/Liaison"

typedef struct
{
  gboolean exited;
  gboolean name_owned;
} State;

static gboolean
wake_up (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
wait_for (gboolean *flag,
          guint     timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint tick = g_timeout_add (20, wake_up, NULL);

  while (!*flag && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (tick);
  return *flag;
}

static void
on_name_appeared (GDBusConnection *connection,
                  const char      *name,
                  const char      *owner,
                  gpointer         user_data)
{
  ((State *) user_data)->name_owned = TRUE;
}

static void
on_exited (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  ((State *) user_data)->exited = TRUE;
}

static const LiaisonTestSetup folder = { LIAISON_TEST_FOLDER };

static void
test_start_and_quit (LiaisonTestFixture *fixture,
                     gconstpointer       data)
{
  const char *binary = g_getenv ("LIAISON_BINARY");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GBytes) err_bytes = NULL;
  g_autofree char *stderr_text = NULL;
  GInputStream *err_stream;
  State state = { 0 };
  guint watch;

  if (binary == NULL || g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("needs LIAISON_BINARY and a session bus (dbus-run-session)");
      return;
    }

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);

  watch = g_bus_watch_name_on_connection (bus, APPLICATION_ID, G_BUS_NAME_WATCHER_FLAGS_NONE,
                                          on_name_appeared, NULL, &state, NULL);

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE,
                              &error, binary, "--database", fixture->path, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (process, NULL, on_exited, &state);

  g_assert_true (wait_for (&state.name_owned, 30000));
  g_assert_false (state.exited);

  /* The window is up once the application answers on the bus. */
  reply = g_dbus_connection_call_sync (bus, APPLICATION_ID, OBJECT_PATH,
                                       "org.gtk.Actions", "List", NULL,
                                       G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE,
                                       10000, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&reply, g_variant_unref);

  reply = g_dbus_connection_call_sync (bus, APPLICATION_ID, OBJECT_PATH,
                                       "org.gtk.Actions", "Activate",
                                       g_variant_new ("(sava{sv})", "quit", NULL, NULL),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (wait_for (&state.exited, 30000));
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  err_stream = g_subprocess_get_stderr_pipe (process);
  err_bytes = g_input_stream_read_bytes (err_stream, 65536, NULL, &error);
  g_assert_no_error (error);
  stderr_text = g_strndup (g_bytes_get_data (err_bytes, NULL), g_bytes_get_size (err_bytes));
  g_assert_cmpstr (stderr_text, ==, "");

  /* The database was created where it was asked for. */
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_EXISTS));

  g_bus_unwatch_name (watch);
}

static void
test_version (LiaisonTestFixture *fixture,
              gconstpointer       data)
{
  const char *binary = g_getenv ("LIAISON_BINARY");
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (binary == NULL)
    {
      g_test_skip ("needs LIAISON_BINARY");
      return;
    }

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                              &error, binary, "--version", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_assert_cmpstr (out, ==, "liaison " PACKAGE_VERSION "\n");
  g_assert_cmpstr (err, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  liaison_test_add ("/main/version", test_version, &folder);
  liaison_test_add_file ("/main/start-and-quit", test_start_and_quit, &folder);

  return g_test_run ();
}
