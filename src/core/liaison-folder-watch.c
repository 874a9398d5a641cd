/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-folder-watch"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "liaison-error.h"
#include "liaison-folder-watch.h"
#include "liaison-store.h"

/*
 * A collector's folder, watched: each flow file that a collector finishes
 * in it is imported as it appears, in the order of the names, each in its
 * own transaction, on a database connection of a worker thread.
 *
 * Finished means: a regular file at the top of the folder whose name is
 * not one a collector writes to (nfcapd writes `nfcapd.current.PID` and
 * renames it to `nfcapd.YYYYMMDDhhmm` when its interval ends; others write
 * `.name`, `*.tmp` or `*.part`), and that nobody has written to for a
 * second. A file whose content was imported before (by an earlier run, or
 * by another watcher) is recognised by its content hash and skipped.
 *
 * A file monitor tells of new files at once; a rescan every few seconds
 * finds what it misses (network folders, a folder from the document
 * portal, files that were still being written). Stopping waits for the
 * import under way.
 */

#define SETTLE_MS 1000
#define RESCAN_MS 5000

struct _LiaisonFolderWatch
{
  GObject           parent_instance;

  GFile            *folder;
  guint             interval;
  char             *database_path;

  gboolean          running;
  GFileMonitor     *monitor;
  guint             rescan_id;
  guint             soon_id;
  GHashTable       *seen;            /* name -> Seen: finished files already taken */
  GSequence        *pending;         /* names waiting for import, in order */
  gboolean          busy;            /* a file is being imported */
  LiaisonStore     *store;           /* the worker's connection */
  char             *folder_error;    /* the last error reading the folder, said once */

  guint             imported;
  guint             failed;
};

G_DEFINE_FINAL_TYPE (LiaisonFolderWatch, liaison_folder_watch, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_RUNNING,
  PROP_IMPORTED,
  PROP_FAILED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FILE_DONE,
  FOLDER_ERROR,
  STOPPED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A file as it was when it was taken: changed, it is looked at again. */
typedef struct
{
  goffset size;
  guint64 mtime_us;
} Seen;

typedef struct
{
  char                 *name;
  char                 *path;
  guint                 interval;
  LiaisonImportSummary  summary;
  GError               *error;
  LiaisonTime           time;
} Import;

static void
import_free (Import *import)
{
  g_free (import->name);
  g_free (import->path);
  g_clear_error (&import->error);
  g_free (import);
}

/* Which names a collector is still writing to. */
static gboolean
is_unfinished_name (const char *name)
{
  return name[0] == '.' ||
         g_str_has_suffix (name, ".current") ||
         strstr (name, ".current.") != NULL ||
         g_str_has_suffix (name, ".tmp") ||
         g_str_has_suffix (name, ".part") ||
         g_str_has_suffix (name, "~");
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return strcmp (a, b);
}

static void scan (LiaisonFolderWatch *self);
static void import_next (LiaisonFolderWatch *self);

static void
set_busy (LiaisonFolderWatch *self,
          gboolean            busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static gboolean
on_soon (gpointer user_data)
{
  LiaisonFolderWatch *self = user_data;

  self->soon_id = 0;
  scan (self);
  return G_SOURCE_REMOVE;
}

/* Looks at the folder again in @ms, unless a look comes sooner. */
static void
scan_in (LiaisonFolderWatch *self,
         guint               ms)
{
  if (self->soon_id != 0 || !self->running)
    return;
  self->soon_id = g_timeout_add (ms, on_soon, self);
}

static void
say_folder_error (LiaisonFolderWatch *self,
                  const GError       *error)
{
  g_autofree char *shown = g_file_get_parse_name (self->folder);
  g_autofree char *message = g_strdup_printf (_("%s: cannot read the folder: %s"), shown, error->message);
  g_autoptr(GError) folder_error = NULL;

  /* Once, not at every rescan. */
  if (g_strcmp0 (message, self->folder_error) == 0)
    return;
  g_free (self->folder_error);
  self->folder_error = g_strdup (message);

  folder_error = g_error_new_literal (LIAISON_ERROR, LIAISON_ERROR_IO, message);
  g_signal_emit (self, signals[FOLDER_ERROR], 0, folder_error);
}

/* A finished file not taken yet goes into the queue; one written to just
 * now raises @settling to when it may be finished. */
static void
take_file (LiaisonFolderWatch *self,
           GFileInfo          *info,
           gint64              now,
           gint64             *settling)
{
  const char *name = g_file_info_get_name (info);
  guint64 mtime_us;
  Seen *seen;

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR || is_unfinished_name (name))
    return;

  mtime_us = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) * G_USEC_PER_SEC +
             g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC);
  seen = g_hash_table_lookup (self->seen, name);
  if (seen != NULL && seen->size == g_file_info_get_size (info) && seen->mtime_us == mtime_us)
    return;

  if ((gint64) mtime_us > now - SETTLE_MS * 1000)
    {
      *settling = MAX (*settling, (gint64) mtime_us + SETTLE_MS * 1000 - now);
      return;
    }

  seen = g_new (Seen, 1);
  seen->size = g_file_info_get_size (info);
  seen->mtime_us = mtime_us;
  g_hash_table_replace (self->seen, g_strdup (name), seen);
  g_sequence_insert_sorted (self->pending, g_strdup (name), compare_names, NULL);
}

/* Every finished file not taken yet goes into the queue. */
static void
scan (LiaisonFolderWatch *self)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time ();
  gint64 settling = 0;
  GFileInfo *info;

  if (!self->running)
    return;

  children = g_file_enumerate_children (self->folder,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                        G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                        G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                                        G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, &error);
  if (children == NULL)
    {
      say_folder_error (self, error);
      return;
    }
  g_clear_pointer (&self->folder_error, g_free);

  while ((info = g_file_enumerator_next_file (children, NULL, &error)) != NULL)
    {
      take_file (self, info, now, &settling);
      g_object_unref (info);
    }
  if (error != NULL)
    say_folder_error (self, error);

  if (settling > 0)
    scan_in (self, (guint) (settling / 1000) + 50);

  import_next (self);
}

static gboolean
on_rescan (gpointer user_data)
{
  scan (user_data);
  return G_SOURCE_CONTINUE;
}

static void
on_changed (GFileMonitor      *monitor,
            GFile             *file,
            GFile             *other_file,
            GFileMonitorEvent  event,
            gpointer           user_data)
{
  LiaisonFolderWatch *self = user_data;

  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_RENAMED:
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
      scan_in (self, SETTLE_MS / 4);
      break;

    default:
      break;
    }
}

/* The worker --------------------------------------------------------------- */

static void
import_file (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LiaisonFolderWatch *self = source_object;
  Import *import = task_data;
  LiaisonImportOptions options = { 0 };
  const char *paths[] = { import->path, NULL };

  if (self->store == NULL)
    self->store = liaison_store_open_existing (self->database_path, &import->error);

  options.kind = LIAISON_SAMPLE_NETFLOW;
  options.interval = import->interval;
  options.time = LIAISON_TIME_NONE;
  options.start = LIAISON_TIME_NONE;
  if (self->store != NULL)
    liaison_import_files (self->store, &options, paths, NULL, NULL, NULL, &import->summary, &import->error);

  import->time = liaison_time_now ();
  g_task_return_boolean (task, TRUE);
}

static void
on_imported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  LiaisonFolderWatch *self = LIAISON_FOLDER_WATCH (object);
  Import *import = g_task_get_task_data (G_TASK (result));
  LiaisonWatchedFile file = { 0 };

  file.name = import->name;
  file.path = import->path;
  file.time = import->time;
  file.summary = import->summary;
  file.error = import->error;

  if (import->error == NULL)
    {
      self->imported++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORTED]);
    }
  else if (!g_error_matches (import->error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE))
    {
      self->failed++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILED]);
    }

  g_signal_emit (self, signals[FILE_DONE], 0, &file);

  set_busy (self, FALSE);
  if (self->running)
    import_next (self);
  else
    g_signal_emit (self, signals[STOPPED], 0);
}

static void
import_next (LiaisonFolderWatch *self)
{
  g_autoptr(GTask) task = NULL;
  GSequenceIter *first;
  Import *import;

  if (self->busy || !self->running || g_sequence_is_empty (self->pending))
    return;

  first = g_sequence_get_begin_iter (self->pending);
  import = g_new0 (Import, 1);
  import->name = g_strdup (g_sequence_get (first));
  import->path = g_build_filename (g_file_peek_path (self->folder), import->name, NULL);
  import->interval = self->interval;
  g_sequence_remove (first);

  set_busy (self, TRUE);
  task = g_task_new (self, NULL, on_imported, NULL);
  g_task_set_source_tag (task, import_next);
  g_task_set_task_data (task, import, (GDestroyNotify) import_free);
  g_task_run_in_thread (task, import_file);
}

/* GObject ------------------------------------------------------------------ */

static void
stop_watching (LiaisonFolderWatch *self)
{
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  g_clear_handle_id (&self->rescan_id, g_source_remove);
  g_clear_handle_id (&self->soon_id, g_source_remove);
}

static void
liaison_folder_watch_dispose (GObject *object)
{
  LiaisonFolderWatch *self = (LiaisonFolderWatch *)object;

  stop_watching (self);

  G_OBJECT_CLASS (liaison_folder_watch_parent_class)->dispose (object);
}

static void
liaison_folder_watch_finalize (GObject *object)
{
  LiaisonFolderWatch *self = (LiaisonFolderWatch *)object;

  g_clear_object (&self->folder);
  g_clear_object (&self->store);
  g_clear_pointer (&self->database_path, g_free);
  g_clear_pointer (&self->seen, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_sequence_free);
  g_clear_pointer (&self->folder_error, g_free);

  G_OBJECT_CLASS (liaison_folder_watch_parent_class)->finalize (object);
}

static void
liaison_folder_watch_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LiaisonFolderWatch *self = LIAISON_FOLDER_WATCH (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;

    case PROP_IMPORTED:
      g_value_set_uint (value, self->imported);
      break;

    case PROP_FAILED:
      g_value_set_uint (value, self->failed);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_folder_watch_class_init (LiaisonFolderWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = liaison_folder_watch_dispose;
  object_class->finalize = liaison_folder_watch_finalize;
  object_class->get_property = liaison_folder_watch_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_IMPORTED] =
    g_param_spec_uint ("imported", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FAILED] =
    g_param_spec_uint ("failed", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LiaisonFolderWatch::file-done:
   * @file: (type gpointer): a LiaisonWatchedFile, valid during the emission
   *
   * A finished file was imported, or was imported before, or failed.
   */
  signals[FILE_DONE] =
    g_signal_new ("file-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  /**
   * LiaisonFolderWatch::folder-error:
   * @error: why the folder cannot be read; said once until it can again
   */
  signals[FOLDER_ERROR] =
    g_signal_new ("folder-error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);

  /**
   * LiaisonFolderWatch::stopped:
   *
   * The watch was stopped and the import under way, if any, is done.
   */
  signals[STOPPED] =
    g_signal_new ("stopped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
liaison_folder_watch_init (LiaisonFolderWatch *self)
{
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->pending = g_sequence_new (g_free);
}

/**
 * liaison_folder_watch_new:
 * @folder: the folder a collector writes its files into
 * @interval: the netflow sample interval of its files, in seconds
 * @database_path: the database the files go into
 */
LiaisonFolderWatch *
liaison_folder_watch_new (GFile      *folder,
                          guint       interval,
                          const char *database_path)
{
  LiaisonFolderWatch *self;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);
  g_return_val_if_fail (interval > 0, NULL);
  g_return_val_if_fail (database_path != NULL, NULL);

  self = g_object_new (LIAISON_TYPE_FOLDER_WATCH, NULL);
  self->folder = g_object_ref (folder);
  self->interval = interval;
  self->database_path = g_strdup (database_path);
  return self;
}

/**
 * liaison_folder_watch_start:
 *
 * Starts watching: the files already in the folder are taken first (those
 * imported before are skipped), then each new one as it is finished.
 *
 * Returns: %FALSE when the folder is not one
 */
gboolean
liaison_folder_watch_start (LiaisonFolderWatch  *self,
                            GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *shown = NULL;

  g_return_val_if_fail (LIAISON_IS_FOLDER_WATCH (self), FALSE);
  g_return_val_if_fail (!self->running, FALSE);

  shown = g_file_get_parse_name (self->folder);
  if (g_file_peek_path (self->folder) == NULL)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                   _("%s: not a folder on this computer"), shown);
      return FALSE;
    }
  if (g_file_query_file_type (self->folder, G_FILE_QUERY_INFO_NONE, NULL) != G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                   g_file_query_exists (self->folder, NULL) ? _("%s: not a folder")
                                                            : _("%s: no such folder"),
                   shown);
      return FALSE;
    }

  self->monitor = g_file_monitor_directory (self->folder, G_FILE_MONITOR_WATCH_MOVES, NULL, &local_error);
  if (self->monitor != NULL)
    g_signal_connect (self->monitor, "changed", G_CALLBACK (on_changed), self);
  /* Without a monitor the rescan does it all. */
  self->rescan_id = g_timeout_add (RESCAN_MS, on_rescan, self);

  self->running = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  scan (self);
  return TRUE;
}

/**
 * liaison_folder_watch_stop:
 *
 * Stops watching. The file being imported, if any, is imported first;
 * LiaisonFolderWatch::stopped tells when nothing runs any more.
 */
void
liaison_folder_watch_stop (LiaisonFolderWatch *self)
{
  g_return_if_fail (LIAISON_IS_FOLDER_WATCH (self));

  if (!self->running)
    return;

  stop_watching (self);
  self->running = FALSE;
  /* Started again, it looks at every file again (and skips those imported). */
  g_hash_table_remove_all (self->seen);
  g_sequence_remove_range (g_sequence_get_begin_iter (self->pending),
                           g_sequence_get_end_iter (self->pending));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  if (!self->busy)
    g_signal_emit (self, signals[STOPPED], 0);
}

GFile *
liaison_folder_watch_get_folder (LiaisonFolderWatch *self)
{
  g_return_val_if_fail (LIAISON_IS_FOLDER_WATCH (self), NULL);

  return self->folder;
}

/* Whether a file is being imported now. */
gboolean
liaison_folder_watch_get_busy (LiaisonFolderWatch *self)
{
  g_return_val_if_fail (LIAISON_IS_FOLDER_WATCH (self), FALSE);

  return self->busy;
}

gboolean
liaison_folder_watch_get_running (LiaisonFolderWatch *self)
{
  g_return_val_if_fail (LIAISON_IS_FOLDER_WATCH (self), FALSE);

  return self->running;
}

guint
liaison_folder_watch_get_imported (LiaisonFolderWatch *self)
{
  g_return_val_if_fail (LIAISON_IS_FOLDER_WATCH (self), 0);

  return self->imported;
}

guint
liaison_folder_watch_get_failed (LiaisonFolderWatch *self)
{
  g_return_val_if_fail (LIAISON_IS_FOLDER_WATCH (self), 0);

  return self->failed;
}
