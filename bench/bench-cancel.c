/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-bench"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "bench-common.h"
#include "liaison-error.h"
#include "liaison-export.h"
#include "liaison-import.h"

/*
 * bench-cancel: Cancel in the middle of a day of flow files. A database
 * first gets the first --base files in one import; then, for each delay
 * of --after, an import of the next --files files starts on a thread and
 * is cancelled after that delay, as the import dialog's Cancel does. It
 * reports how long the import took to return after the cancel (the goal:
 * under a second) and checks that the database is as it was: its export
 * (every statistics figure, every gap segment) is byte for byte the same.
 */

static char *opt_database = NULL;
static gint opt_base = 24;
static gint opt_files = 96;
static char *opt_after = NULL;

typedef struct
{
  LiaisonStore  *store;
  const char   **paths;
  GCancellable  *cancellable;
  guint          applied;      /* files applied when it stopped */
  gint64         returned_us;
  gboolean       ok;
  GError        *error;
} Run;

static void
on_progress (guint    done,
             guint    total,
             double   within,
             gpointer user_data)
{
  ((Run *) user_data)->applied = done;
}

static LiaisonImportOptions
netflow_options (void)
{
  LiaisonImportOptions options = { 0 };

  options.kind = LIAISON_SAMPLE_NETFLOW;
  options.interval = 300;
  options.time = LIAISON_TIME_NONE;
  options.start = LIAISON_TIME_NONE;
  return options;
}

static gpointer
import_thread (gpointer data)
{
  Run *run = data;
  LiaisonImportOptions options = netflow_options ();

  run->ok = liaison_import_files (run->store, &options, run->paths, run->cancellable, on_progress, run, NULL,
                                  &run->error);
  run->returned_us = g_get_monotonic_time ();
  return NULL;
}

/* SHA-256 of the export of every statistics record, or NULL. */
static char *
export_checksum (LiaisonStore  *store,
                 GError       **error)
{
  g_autofree char *path = g_strconcat (opt_database, ".json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  g_autoptr(GMappedFile) mapped = NULL;
  char *sum;

  if (stream == NULL ||
      !liaison_export_statistics (store, NULL, G_GINT64_CONSTANT (1795737600000), G_OUTPUT_STREAM (stream), NULL,
                                  error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error) ||
      (mapped = g_mapped_file_new (path, FALSE, error)) == NULL)
    return NULL;
  sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) g_mapped_file_get_contents (mapped),
                                     g_mapped_file_get_length (mapped));
  g_unlink (path);
  return sum;
}

int
main (int    argc,
      char **argv)
{
  GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &opt_database, "The database to make (default: in /tmp)", "FILE" },
    { "base", 0, 0, G_OPTION_ARG_INT, &opt_base, "Files imported first, in one import (24)", "N" },
    { "files", 0, 0, G_OPTION_ARG_INT, &opt_files, "Files of the import that is cancelled (96)", "N" },
    { "after", 0, 0, G_OPTION_ARG_STRING, &opt_after, "Cancel after these many seconds (\"1,5,20\")", "S,S,..." },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE... - Cancel in a day of flow files");
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GPtrArray) base = g_ptr_array_new ();
  g_autoptr(GPtrArray) next = g_ptr_array_new ();
  g_auto(GStrv) delays = NULL;
  g_autofree char *before = NULL;
  LiaisonImportOptions options = netflow_options ();
  gboolean all_met = TRUE;
  int status = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || opt_base < 0 || opt_files < 1 ||
      argc - 1 < opt_base + opt_files)
    {
      g_printerr ("bench-cancel: %s\n", error != NULL ? error->message : "give at least BASE + FILES files, in time order");
      return 2;
    }
  if (opt_database == NULL)
    opt_database = g_build_filename (g_get_tmp_dir (), "liaison-bench-cancel.db", NULL);
  delays = g_strsplit (opt_after != NULL ? opt_after : "1,5,20", ",", -1);

  for (gint i = 0; i < opt_base; i++)
    g_ptr_array_add (base, argv[1 + i]);
  g_ptr_array_add (base, NULL);
  for (gint i = 0; i < opt_files; i++)
    g_ptr_array_add (next, argv[1 + opt_base + i]);
  g_ptr_array_add (next, NULL);

  bench_remove_database (opt_database);
  store = liaison_store_open (opt_database, &error);
  if (store == NULL ||
      (opt_base > 0 &&
       !liaison_import_files (store, &options, (const char * const *) base->pdata, NULL, NULL, NULL, NULL, &error)) ||
      (before = export_checksum (store, &error)) == NULL)
    {
      g_printerr ("bench-cancel: %s\n", error->message);
      return 1;
    }
  g_print ("database with the first %d files: export sha256 %.16s...\n", opt_base, before);

  for (guint i = 0; delays[i] != NULL; i++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autofree char *after = NULL;
      g_autofree char *name = NULL;
      double seconds = g_ascii_strtod (delays[i], NULL);
      Run run = { store, (const char **) next->pdata, cancellable, 0, 0, FALSE, NULL };
      GThread *thread = g_thread_new ("import", import_thread, &run);
      gint64 cancelled_us;
      double stop_ms;
      gboolean same;

      g_usleep ((gulong) (seconds * G_USEC_PER_SEC));
      cancelled_us = g_get_monotonic_time ();
      g_cancellable_cancel (cancellable);
      g_thread_join (thread);
      stop_ms = bench_ms (cancelled_us, run.returned_us);

      if (run.ok || !g_error_matches (run.error, LIAISON_ERROR, LIAISON_ERROR_CANCELLED))
        {
          g_printerr ("bench-cancel: the import of %d files ended before its Cancel (%s): give a shorter delay\n",
                      opt_files, run.error != NULL ? run.error->message : "done");
          g_clear_error (&run.error);
          return 1;
        }
      g_clear_error (&run.error);
      after = export_checksum (store, &error);
      if (after == NULL)
        {
          g_printerr ("bench-cancel: %s\n", error->message);
          return 1;
        }
      same = g_str_equal (after, before);
      g_print ("  Cancel after %.1f s (%u of %d files applied): returned in %.0f ms; database %s\n",
               seconds, run.applied, opt_files, stop_ms, same ? "as it was" : "CHANGED");
      name = g_strdup_printf ("day: Cancel after %.0f s of %d files, time to return (ms)", seconds, opt_files);
      bench_result (name, stop_ms, "ms", "< 1000", stop_ms < 1000 && same ? "yes" : "NO");
      all_met = all_met && stop_ms < 1000 && same;
      if (!same)
        status = 1;
    }

  bench_remove_database (opt_database);
  return status != 0 ? status : all_met ? 0 : 3;
}
