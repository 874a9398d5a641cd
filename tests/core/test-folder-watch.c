/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-folder-watch"

#include "config.h"

#include <string.h>
#include <time.h>
#include <utime.h>

#include <glib/gstdio.h>

#include "liaison-error.h"
#include "liaison-folder-watch.h"
#include "liaison-test-fixture.h"
#include "liaison-test-servers.h"

/*
 * liaison-folder-watch.c with a real nfcapd rotating its file every two
 * seconds, fed NetFlow v5 on loopback: each finished file imported once,
 * in order, none that nfcapd still writes; a restart and a second watcher
 * skip what was imported; a bad file is said and the watch goes on.
 */

typedef struct
{
  GPtrArray *events;     /* "imported NAME", "skipped NAME", "failed MESSAGE", "stopped" */
} Events;

static void
on_file_done (LiaisonFolderWatch       *watch,
              const LiaisonWatchedFile *file,
              Events                   *events)
{
  if (file->error == NULL)
    g_ptr_array_add (events->events, g_strdup_printf ("imported %s", file->name));
  else if (g_error_matches (file->error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE))
    g_ptr_array_add (events->events, g_strdup_printf ("skipped %s", file->name));
  else
    g_ptr_array_add (events->events, g_strdup_printf ("failed %s", file->error->message));
}

static void
on_stopped (LiaisonFolderWatch *watch,
            Events             *events)
{
  g_ptr_array_add (events->events, g_strdup ("stopped"));
}

static LiaisonFolderWatch *
watch_new (LiaisonTestFixture *f,
           const char         *dir,
           Events             *events)
{
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  LiaisonFolderWatch *watch = liaison_folder_watch_new (folder, 60, f->db);

  if (events->events == NULL)
    events->events = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (watch, "file-done", G_CALLBACK (on_file_done), events);
  g_signal_connect (watch, "stopped", G_CALLBACK (on_stopped), events);
  g_assert_true (liaison_folder_watch_start (watch, &error));
  g_assert_no_error (error);
  return watch;
}

static void
events_clear (Events *events)
{
  g_clear_pointer (&events->events, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Events, events_clear)

/* Runs the main loop until @events has @n events, for 30 s at most. */
static void
wait_for_events (Events *events,
                 guint   n)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (events->events->len < n)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
}

/* Stops @watch and waits for the import under way, if any: a watch let go
 * of in the middle of one would say so later, to @events gone by then. */
static void
let_go (LiaisonFolderWatch *watch,
        Events             *events)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  liaison_folder_watch_stop (watch);
  while (liaison_folder_watch_get_busy (watch))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_signal_handlers_disconnect_by_data (watch, events);
}

static guint
count_events (Events     *events,
              const char *prefix)
{
  guint n = 0;

  for (guint i = 0; i < events->events->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (events->events, i), prefix))
      n++;
  return n;
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The files nfcapd has finished in @dir so far, in the order of their
 * names, which is nfcapd's order of time. */
static GPtrArray *
finished_files (const char *dir)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    if (g_str_has_prefix (name, "nfcapd.2"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return names;
}

/* The events of @events that are `@prefix NAME` for one of @names. */
static guint
count_events_of (Events     *events,
                 const char *prefix,
                 GPtrArray  *names)
{
  guint n = 0;

  for (guint i = 0; i < events->events->len; i++)
    {
      const char *event = g_ptr_array_index (events->events, i);

      if (g_str_has_prefix (event, prefix) &&
          g_ptr_array_find_with_equal_func (names, event + strlen (prefix), g_str_equal, NULL))
        n++;
    }
  return n;
}

/* Runs the main loop until each of @names is imported or skipped, for
 * 30 s at most; files nfcapd finishes meanwhile may be too. */
static void
wait_for_files (Events    *events,
                GPtrArray *names)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (count_events_of (events, "imported ", names) + count_events_of (events, "skipped ", names) < names->len)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
}

/* Sends a flow now and then until nfcapd has finished @n files. */
static void
feed_until (LiaisonTestNfcapd *nfcapd,
            guint              n)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  guint16 port = 40000;

  while (liaison_test_count_files (nfcapd->dir, "nfcapd.2") < n)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      liaison_test_nfcapd_send (nfcapd, "10.1.2.3", port++, "10.9.9.9");
      for (guint i = 0; i < 25; i++)
        {
          g_main_context_iteration (NULL, FALSE);
          g_usleep (10000);
        }
    }
}

/* Every file nfcapd finished, imported once, in order; none it still writes. */
static void
test_nfcapd (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autofree char *dir = g_build_filename (f->dir, "flows", NULL);
  g_autoptr(LiaisonTestNfcapd) nfcapd = NULL;
  g_autoptr(LiaisonFolderWatch) watch = NULL;
  g_auto(Events) events = { 0 };
  g_autofree char *names = NULL;
  g_autofree char *list = NULL;
  guint finished;

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  nfcapd = liaison_test_nfcapd_new (dir);
  if (nfcapd == NULL)
    return;

  watch = watch_new (f, dir, &events);
  feed_until (nfcapd, 3);
  finished = liaison_test_count_files (dir, "nfcapd.2");
  wait_for_events (&events, finished);

  /* Each in the order of its name, which is nfcapd's order of time. */
  g_assert_cmpuint (count_events (&events, "imported nfcapd.2"), ==, events.events->len);
  for (guint i = 1; i < events.events->len; i++)
    g_assert_cmpint (strcmp (g_ptr_array_index (events.events, i - 1), g_ptr_array_index (events.events, i)), <, 0);
  g_assert_cmpuint (liaison_folder_watch_get_imported (watch), ==, events.events->len);
  g_assert_cmpuint (liaison_folder_watch_get_failed (watch), ==, 0);

  names = liaison_test_query_text (f->store, "SELECT group_concat(file_name, ' ') FROM (SELECT file_name FROM sample ORDER BY id)");
  g_assert_null (strstr (names, ".current."));
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(DISTINCT file_name) FROM sample"), ==,
                   events.events->len);

  /* The flows are there: 10.1.2.3 -> 10.9.9.9:443. */
  list = liaison_test_list (f->store);
  g_assert_nonnull (strstr (list, ",10.1.2.3,-,10.9.9.9,-,443,tcp,"));

  liaison_folder_watch_stop (watch);
  g_assert_cmpstr (g_ptr_array_index (events.events, events.events->len - 1), ==, "stopped");
  g_assert_false (liaison_folder_watch_get_running (watch));
  let_go (watch, &events);
}

/* Started again (and a second watcher beside): what was imported is
 * skipped, what is new is imported, nothing twice. */
static void
test_restart (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autofree char *dir = g_build_filename (f->dir, "flows", NULL);
  g_autoptr(LiaisonTestNfcapd) nfcapd = NULL;
  g_autoptr(LiaisonFolderWatch) first = NULL;
  g_autoptr(LiaisonFolderWatch) again = NULL;
  g_autoptr(LiaisonFolderWatch) beside = NULL;
  g_auto(Events) before = { 0 };
  g_auto(Events) after = { 0 };
  g_auto(Events) other = { 0 };
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *in_database = NULL;
  guint imported, finished;

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  nfcapd = liaison_test_nfcapd_new (dir);
  if (nfcapd == NULL)
    return;

  first = watch_new (f, dir, &before);
  feed_until (nfcapd, 2);
  wait_for_events (&before, liaison_test_count_files (dir, "nfcapd.2"));
  liaison_folder_watch_stop (first);
  imported = count_events (&before, "imported ");

  /* nfcapd goes on while nobody watches. */
  feed_until (nfcapd, imported + 2);

  again = watch_new (f, dir, &after);
  beside = watch_new (f, dir, &other);
  /* nfcapd goes on, a file every two seconds: the files counted are those
   * finished now; any later one may be on its way in. */
  names = finished_files (dir);
  finished = names->len;
  wait_for_files (&after, names);
  wait_for_files (&other, names);

  g_assert_cmpuint (count_events_of (&after, "skipped ", names) + count_events_of (&other, "skipped ", names), ==,
                    finished + imported);
  g_assert_cmpuint (count_events_of (&after, "imported ", names) + count_events_of (&other, "imported ", names), ==,
                    finished - imported);

  /* Each of them in the database once (by its path), and nothing twice. */
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);

      g_string_append_printf (expected, "%s%s", i > 0 ? " " : "", path);
    }
  in_database = liaison_test_query_text (f->store, "SELECT group_concat(file_name, ' ') FROM"
                                                   " (SELECT file_name FROM sample ORDER BY file_name)");
  g_test_message ("in the database: %s", in_database);
  g_assert_true (g_str_has_prefix (in_database, expected->str));
  g_assert_true (in_database[expected->len] == '\0' || in_database[expected->len] == ' ');
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM sample"), ==,
                   liaison_test_query_int (f->store, "SELECT count(DISTINCT file_name) FROM sample"));

  let_go (first, &before);
  let_go (again, &after);
  let_go (beside, &other);
}

/* Names a collector writes to wait; a file written just now waits a
 * second; a bad file is said and the watch goes on. */
static void
test_unfinished_and_bad (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autofree char *dir = g_build_filename (f->dir, "flows", NULL);
  g_autoptr(LiaisonFolderWatch) watch = NULL;
  g_auto(Events) events = { 0 };
  g_autofree char *expected = NULL;
  g_autofree char *path = NULL;
  static const char * const unfinished[] = {
    "flows/nfcapd.current.4242", "flows/.flows.csv", "flows/flows.csv.tmp", "flows/flows.csv.part",
  };

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (unfinished); i++)
    g_free (liaison_test_write_file (f, unfinished[i], liaison_test_seed_files[0]));

  watch = watch_new (f, dir, &events);
  g_free (liaison_test_write_file (f, "flows/b-seed-2.csv", liaison_test_seed_files[1]));
  path = liaison_test_write_file (f, "flows/a-broken.csv",
                                  LIAISON_TEST_CSV_HEADER "yesterday,today,10.0.0.9,1,10.0.0.5,443,tcp\n");

  /* Written just now: both wait a second, then go in the order of names. */
  wait_for_events (&events, 2);
  expected = g_strdup_printf ("failed %s:2: ", path);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (events.events, 0), expected));
  g_assert_cmpstr (g_ptr_array_index (events.events, 1), ==, "imported b-seed-2.csv");
  g_assert_cmpuint (liaison_folder_watch_get_failed (watch), ==, 1);
  g_assert_cmpuint (liaison_folder_watch_get_imported (watch), ==, 1);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM sample"), ==, 1);

  /* Nothing else comes, at the next rescans either. */
  for (guint i = 0; i < 600; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_cmpuint (events.events->len, ==, 2);
  let_go (watch, &events);
}

/* Stopped during an import, it stops after that import. */
static void
on_busy (LiaisonFolderWatch *watch,
         GParamSpec         *pspec,
         gpointer            user_data)
{
  if (liaison_folder_watch_get_busy (watch))
    liaison_folder_watch_stop (watch);
}

static void
test_stop_after_import (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autofree char *dir = g_build_filename (f->dir, "flows", NULL);
  g_autoptr(LiaisonFolderWatch) watch = NULL;
  g_auto(Events) events = { 0 };
  g_autoptr(GFile) folder = NULL;

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("flows/seed-%u.csv", i + 1);
      g_autofree char *path = liaison_test_write_file (f, name, liaison_test_seed_files[i]);
      struct utimbuf minute_ago = { time (NULL) - 60, time (NULL) - 60 };

      g_assert_cmpint (g_utime (path, &minute_ago), ==, 0);
    }

  folder = g_file_new_for_path (dir);
  watch = liaison_folder_watch_new (folder, 60, f->db);
  events.events = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (watch, "file-done", G_CALLBACK (on_file_done), &events);
  g_signal_connect (watch, "stopped", G_CALLBACK (on_stopped), &events);
  g_signal_connect (watch, "notify::busy", G_CALLBACK (on_busy), NULL);
  g_assert_true (liaison_folder_watch_start (watch, NULL));

  wait_for_events (&events, 2);
  g_assert_cmpstr (g_ptr_array_index (events.events, 0), ==, "imported seed-1.csv");
  g_assert_cmpstr (g_ptr_array_index (events.events, 1), ==, "stopped");
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM sample"), ==, 1);
  let_go (watch, &events);
}

static void
test_no_folder (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autofree char *missing = g_build_filename (f->dir, "missing", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (missing);
  g_autofree char *plain = liaison_test_write_file (f, "not-a-folder", "");
  g_autoptr(GFile) file = g_file_new_for_path (plain);
  g_autoptr(LiaisonFolderWatch) watch = liaison_folder_watch_new (folder, 60, f->db);
  g_autoptr(LiaisonFolderWatch) not_folder = liaison_folder_watch_new (file, 60, f->db);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_strdup_printf ("%s: no such folder", missing);
  g_autofree char *expected_file = g_strdup_printf ("%s: not a folder", plain);

  g_assert_false (liaison_folder_watch_start (watch, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  g_assert_false (liaison_folder_watch_start (not_folder, &error));
  g_assert_cmpstr (error->message, ==, expected_file);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/folder-watch/nfcapd", test_nfcapd);
  g_test_add_func ("/folder-watch/restart", test_restart);
  g_test_add_func ("/folder-watch/unfinished-and-bad", test_unfinished_and_bad);
  g_test_add_func ("/folder-watch/stop-after-import", test_stop_after_import);
  g_test_add_func ("/folder-watch/no-folder", test_no_folder);

  return g_test_run ();
}
