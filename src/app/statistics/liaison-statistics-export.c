/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-statistics-export"

#include "config.h"


#include "liaison-export.h"
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
  char      *database_path;
  char      *listener_ip;
  guint      port;
  char      *protocol;
  gboolean   filtered;
  GFile     *file;
  gsize     *progress;
} ExportData;

static void
export_data_free (gpointer data)
{
  ExportData *export = data;

  g_free (export->database_path);
  g_free (export->listener_ip);
  g_free (export->protocol);
  g_clear_object (&export->file);
  g_free (export);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *export = task_data;
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GFileOutputStream) file_stream = NULL;
  g_autoptr(GOutputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonStatFilter filter = { export->listener_ip, export->port, export->protocol };
  LiaisonTime now;

  store = liaison_store_open (export->database_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  file_stream = g_file_replace (export->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                cancellable, &error);
  if (file_stream == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  stream = g_object_new (LIAISON_TYPE_COUNTING_STREAM,
                         "base-stream", file_stream,
                         "close-base-stream", TRUE,
                         NULL);
  LIAISON_COUNTING_STREAM (stream)->progress = export->progress;

  /* Whole seconds, as the command line writes it. */
  now = liaison_time_now ();
  now -= now % 1000;

  if (!liaison_export_statistics (store, export->filtered ? &filter : NULL, now,
                                  stream, cancellable, &error) ||
      !g_output_stream_close (stream, cancellable, &error))
    {
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      /* Closing a replacing stream that was cancelled keeps the old file. */
      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (file_stream), abandon, NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
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
  g_autoptr(GTask) task = NULL;
  ExportData *export;

  g_return_if_fail (database_path != NULL);
  g_return_if_fail (G_IS_FILE (file));

  export = g_new0 (ExportData, 1);
  export->database_path = g_strdup (database_path);
  export->file = g_object_ref (file);
  export->progress = progress;
  if (filter != NULL)
    {
      export->filtered = TRUE;
      export->listener_ip = g_strdup (filter->listener_ip);
      export->port = filter->port;
      export->protocol = g_strdup (filter->protocol);
    }

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_statistics_export_async);
  g_task_set_task_data (task, export, export_data_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
liaison_statistics_export_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
