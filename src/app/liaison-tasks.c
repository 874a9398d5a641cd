/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-tasks"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-csv.h"
#include "liaison-export.h"
#include "liaison-import.h"
#include "liaison-tasks.h"

/*
 * The window's background jobs: sampling this host, exporting the
 * statistics, exporting rows as CSV. Each runs in a worker thread on a
 * database connection of its own (SQLite connections belong to one
 * thread), so the window stays responsive; the result comes back as a
 * toast.
 */

typedef struct
{
  char                 *path;       /* the database */
  GFile                *file;       /* the file written, for exports */
  GArray               *ids;        /* rows, for the CSV export */
  char                 *host;
  AdwToast             *busy_toast; /* "working…", dismissed when done */
  LiaisonImportSummary  summary;
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->path, g_free);
  g_clear_object (&job->file);
  g_clear_pointer (&job->ids, g_array_unref);
  g_clear_pointer (&job->host, g_free);
  g_clear_object (&job->busy_toast);
  g_free (job);
}

static Job *
job_new (LiaisonWindow *window)
{
  Job *job = g_new0 (Job, 1);

  job->path = g_strdup (liaison_store_get_path (liaison_window_get_store (window)));
  return job;
}

static void
toast_message (LiaisonWindow *window,
               const char    *message,
               gboolean       important)
{
  AdwToast *toast = adw_toast_new (message);

  if (important)
    adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  liaison_window_add_toast (window, toast);
}

/* Throws away what was written so far: a replaced file stays as it was. */
static void
abandon_stream (GOutputStream *stream)
{
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();

  g_cancellable_cancel (cancelled);
  g_output_stream_close (stream, cancelled, NULL);
}

static void
set_action_enabled (LiaisonWindow *window,
                    const char    *name,
                    gboolean       enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (window), name);

  if (G_IS_SIMPLE_ACTION (action))
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* Sample This Host */

static void
sample_host_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(LiaisonStore) store = NULL;
  GError *error = NULL;

  store = liaison_store_open (job->path, &error);
  if (store == NULL ||
      !liaison_import_this_host (store, job->host, &job->summary, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
sample_host_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  LiaisonWindow *window = LIAISON_WINDOW (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  set_action_enabled (window, "sample-host", TRUE);
  if (job->busy_toast != NULL)
    adw_toast_dismiss (job->busy_toast);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      toast_message (window, error->message, TRUE);
      return;
    }

  /* Another connection wrote: tell this one's lists. */
  liaison_store_changed (liaison_window_get_store (window));

  message = g_strdup_printf (ngettext ("Sampled %s: %u new communication",
                                       "Sampled %s: %u new communications",
                                       job->summary.new_communications),
                             job->host, job->summary.new_communications);
  toast_message (window, message, FALSE);
}

void
liaison_tasks_sample_host (LiaisonWindow *window)
{
  g_autoptr(GTask) task = NULL;
  Job *job = job_new (window);

  job->host = g_strdup (g_get_host_name ());

  set_action_enabled (window, "sample-host", FALSE);
  job->busy_toast = g_object_ref_sink (adw_toast_new (_("Sampling this host…")));
  adw_toast_set_timeout (job->busy_toast, 0);
  liaison_window_add_toast (window, g_object_ref (job->busy_toast));

  task = g_task_new (window, NULL, sample_host_done, NULL);
  g_task_set_source_tag (task, liaison_tasks_sample_host);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, sample_host_thread);
}

static void
export_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  LiaisonWindow *window = LIAISON_WINDOW (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      toast_message (window, error->message, TRUE);
      return;
    }

  name = g_file_get_basename (job->file);
  /* Translators: %s is a file name */
  message = g_strdup_printf (_("Exported to “%s”"), name);
  toast_message (window, message, FALSE);
}

static GtkFileChooserNative *
save_chooser_new (LiaisonWindow *window,
                  const char    *title,
                  const char    *file_name,
                  const char    *filter_name,
                  const char    *mime_type,
                  const char    *pattern)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (window),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);

  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  return chooser;
}

/* Export Selected as CSV */

static void
export_csv_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  GError *error = NULL;

  store = liaison_store_open (job->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  stream = g_file_replace (job->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                           cancellable, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (!liaison_csv_write (store, (const gint64 *) (gpointer) job->ids->data, job->ids->len,
                          G_OUTPUT_STREAM (stream), cancellable, &error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &error))
    {
      abandon_stream (G_OUTPUT_STREAM (stream));
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/* Writes the rows @ids to @file in a worker thread; a toast tells how it went. */
void
liaison_tasks_export_csv_to_file (LiaisonWindow *window,
                                  GArray        *ids,
                                  GFile         *file)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (LIAISON_IS_WINDOW (window));
  g_return_if_fail (ids != NULL);
  g_return_if_fail (G_IS_FILE (file));

  job = job_new (window);
  job->file = g_object_ref (file);
  job->ids = g_array_ref (ids);

  task = g_task_new (window, NULL, export_done, NULL);
  g_task_set_source_tag (task, liaison_tasks_export_csv_to_file);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, export_csv_thread);
}

static void
on_export_csv_response (GtkNativeDialog *chooser,
                        int              response,
                        LiaisonWindow   *window)
{
  GArray *ids = g_object_get_data (G_OBJECT (chooser), "liaison-ids");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      liaison_tasks_export_csv_to_file (window, ids, file);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (window);
}

void
liaison_tasks_export_csv (LiaisonWindow *window,
                          GArray        *ids)
{
  GtkFileChooserNative *chooser;

  g_return_if_fail (LIAISON_IS_WINDOW (window));

  if (ids->len == 0)
    return;

  chooser = save_chooser_new (window, _("Export Selected as CSV"), "service-communications.csv",
                              _("CSV files"), "text/csv", "*.csv");
  g_object_set_data_full (G_OBJECT (chooser), "liaison-ids", g_array_ref (ids),
                          (GDestroyNotify) g_array_unref);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_csv_response),
                    g_object_ref (window));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
