/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-statistics-export"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-export.h"
#include "liaison-job.h"
#include "liaison-local-file.h"
#include "liaison-stat-listener.h"
#include "liaison-statistics-export.h"
#include "liaison-store.h"

/*
 * Export Statistics…, off the main thread: the worker opens its own store
 * on the database file (an SQLite connection belongs to one thread), writes
 * the document of export.md through liaison_export_statistics(), exactly
 * as `liaison-cli export-stats` does, and replaces the file only when the
 * whole document was written. The number of bytes written so far is
 * published for a progress indication.
 */

/* A stream that counts what passes through it. */

#define LIAISON_TYPE_COUNTING_STREAM (liaison_counting_stream_get_type ())
G_DECLARE_FINAL_TYPE (LiaisonCountingStream, liaison_counting_stream, LIAISON, COUNTING_STREAM, GFilterOutputStream)

struct _LiaisonCountingStream
{
  GFilterOutputStream  parent_instance;
  gsize               *progress;
  gsize                written;
};

G_DEFINE_FINAL_TYPE (LiaisonCountingStream, liaison_counting_stream, G_TYPE_FILTER_OUTPUT_STREAM)

static gssize
liaison_counting_stream_write (GOutputStream  *stream,
                               const void     *buffer,
                               gsize           count,
                               GCancellable   *cancellable,
                               GError        **error)
{
  LiaisonCountingStream *self = LIAISON_COUNTING_STREAM (stream);
  GOutputStream *base = g_filter_output_stream_get_base_stream (G_FILTER_OUTPUT_STREAM (stream));
  gssize written;

  written = g_output_stream_write (base, buffer, count, cancellable, error);
  if (written > 0)
    {
      self->written += written;
      if (self->progress != NULL)
        g_atomic_pointer_set (self->progress, self->written);
    }
  return written;
}

static void
liaison_counting_stream_class_init (LiaisonCountingStreamClass *klass)
{
  GOutputStreamClass *stream_class = G_OUTPUT_STREAM_CLASS (klass);

  stream_class->write_fn = liaison_counting_stream_write;
}

static void
liaison_counting_stream_init (LiaisonCountingStream *self)
{
}

/* The task */

typedef struct
{
  char         *listener_ip;
  guint         port;
  char         *protocol;
  gboolean      filtered;
  GFile        *file;
  gsize        *progress;
  LiaisonStore *store;      /* the worker's, while it writes */
} ExportData;

static void
export_data_free (gpointer data)
{
  ExportData *export = data;

  g_free (export->listener_ip);
  g_free (export->protocol);
  g_clear_object (&export->file);
  g_free (export);
}

static gboolean
write_document (GOutputStream  *file_stream,
                gpointer        user_data,
                GCancellable   *cancellable,
                GError        **error)
{
  ExportData *export = user_data;
  g_autoptr(GOutputStream) stream = NULL;
  LiaisonStatFilter filter = { export->listener_ip, export->port, export->protocol };
  LiaisonTime now;

  stream = g_object_new (LIAISON_TYPE_COUNTING_STREAM,
                         "base-stream", file_stream,
                         "close-base-stream", FALSE,
                         NULL);
  LIAISON_COUNTING_STREAM (stream)->progress = export->progress;

  /* Whole seconds, as the command line writes it. */
  now = liaison_time_now ();
  now -= now % 1000;

  return liaison_export_statistics (export->store, export->filtered ? &filter : NULL, now,
                                    stream, cancellable, error);
}

static gboolean
export_job (LiaisonStore  *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  ExportData *export = data;
  gboolean ok;

  export->store = store;
  ok = liaison_local_file_write (export->file, write_document, export, cancellable, error);
  export->store = NULL;

  return ok;
}

/**
 * liaison_statistics_export_async:
 * @database_path: the database file
 * @filter: (nullable): only these statistics
 * @file: where to write
 * @progress: (nullable): set, atomically, to the number of bytes written so far
 *
 * Writes the statistics document to @file in a worker thread.
 */
void
liaison_statistics_export_async (const char              *database_path,
                                 const LiaisonStatFilter *filter,
                                 GFile                   *file,
                                 gsize                   *progress,
                                 GCancellable            *cancellable,
                                 GAsyncReadyCallback      callback,
                                 gpointer                 user_data)
{
  ExportData *export;

  g_return_if_fail (database_path != NULL);
  g_return_if_fail (G_IS_FILE (file));

  export = g_new0 (ExportData, 1);
  export->file = g_object_ref (file);
  export->progress = progress;
  if (filter != NULL)
    {
      export->filtered = TRUE;
      export->listener_ip = g_strdup (filter->listener_ip);
      export->port = filter->port;
      export->protocol = g_strdup (filter->protocol);
    }

  liaison_job_run_async (liaison_job_connection_new (database_path), export_job, export, export_data_free,
                         cancellable, callback, user_data);
}

gboolean
liaison_statistics_export_finish (GAsyncResult  *result,
                                  GError       **error)
{
  return liaison_job_finish (result, error);
}

/**
 * liaison_statistics_export_chooser_new:
 * @parent: (nullable): the window the save dialog belongs to
 * @listener: (nullable): the one listener exported, or %NULL: all
 *
 * Returns: (transfer full): the modal save dialog of an export, with a
 *   file name that says what it holds
 */
GtkFileChooserNative *
liaison_statistics_export_chooser_new (GtkWindow           *parent,
                                       LiaisonStatListener *listener)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (listener != NULL)
    {
      g_autofree char *ip = g_strdup (liaison_stat_listener_get_listener_ip (listener));

      g_strdelimit (ip, ":", '-');
      name = g_strdup_printf ("liaison-statistics-%s-%u-%s.json", ip,
                              liaison_stat_listener_get_port (listener),
                              liaison_stat_listener_get_protocol (listener));
    }
  else
    name = g_strdup ("liaison-statistics.json");

  chooser = gtk_file_chooser_native_new (listener != NULL ? _("Export Listener Statistics") : _("Export Statistics"),
                                         parent, GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  gtk_file_filter_set_name (json, _("JSON files"));
  gtk_file_filter_add_mime_type (json, "application/json");
  gtk_file_filter_add_suffix (json, "json");
  liaison_local_file_add_filters (GTK_FILE_CHOOSER (chooser), json);
  return chooser;
}
