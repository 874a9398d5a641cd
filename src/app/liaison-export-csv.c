/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-export-csv"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-csv.h"
#include "liaison-export-csv-private.h"
#include "liaison-file-choice.h"
#include "liaison-job.h"
#include "liaison-local-file.h"
#include "liaison-toast.h"

/*
 * Export Selected as CSV and Export All as CSV: a file chooser, then the
 * rows written in a worker thread a chunk at a time, exactly as
 * `liaison-cli list --format csv` prints them, to a file that appears (or
 * replaces the old one) only once it is complete. A LiaisonCsvExport says
 * how far it is and can be cancelled; a toast tells how it went.
 */

struct _LiaisonCsvExport
{
  GObject       parent_instance;

  GtkWidget    *widget;       /* the widget that asked: the toast shows near it */
  LiaisonStore *store;
  GArray       *ids;          /* gint64, in the order they are written */
  GFile        *file;
  GCancellable *cancellable;
  gint          written;      /* rows written, set by the worker (atomic) */
  guint         shown;        /* rows written, as last told */
  guint         poll_source;
  gboolean      running;
};

G_DEFINE_FINAL_TYPE (LiaisonCsvExport, liaison_csv_export, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_WRITTEN,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Called on the worker thread. */
static void
on_rows_written (guint    written,
                 guint    total,
                 gpointer user_data)
{
  LiaisonCsvExport *self = user_data;

  g_atomic_int_set (&self->written, (gint) written);
}

static gboolean
write_rows (GOutputStream  *stream,
            gpointer        user_data,
            GCancellable   *cancellable,
            GError        **error)
{
  LiaisonCsvExport *self = user_data;

  return liaison_csv_write_progress (self->store, (const gint64 *) (gpointer) self->ids->data, self->ids->len,
                                     stream, on_rows_written, self, cancellable, error);
}

static gboolean
export_job (LiaisonStore  *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  LiaisonCsvExport *self = data;

  return liaison_local_file_write (self->file, write_rows, self, cancellable, error);
}

/* Tells how far the worker is, a few times a second. */
static gboolean
poll_written (gpointer user_data)
{
  LiaisonCsvExport *self = user_data;
  guint written = (guint) g_atomic_int_get (&self->written);

  if (written != self->shown)
    {
      self->shown = written;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WRITTEN]);
    }

  return G_SOURCE_CONTINUE;
}

static void
export_done (gpointer      widget,
             gpointer      data,
             const GError *error)
{
  LiaisonCsvExport *self = data;
  gboolean ok;

  g_clear_handle_id (&self->poll_source, g_source_remove);
  poll_written (self);
  self->running = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  ok = liaison_toast_add_export (widget, error, self->file);
  g_signal_emit (self, signals[FINISHED], 0, ok);
}

/* GObject */

static void
liaison_csv_export_dispose (GObject *object)
{
  LiaisonCsvExport *self = (LiaisonCsvExport *)object;

  g_clear_handle_id (&self->poll_source, g_source_remove);
  g_clear_object (&self->widget);
  g_clear_object (&self->store);
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (liaison_csv_export_parent_class)->dispose (object);
}

static void
liaison_csv_export_finalize (GObject *object)
{
  LiaisonCsvExport *self = (LiaisonCsvExport *)object;

  g_clear_pointer (&self->ids, g_array_unref);

  G_OBJECT_CLASS (liaison_csv_export_parent_class)->finalize (object);
}

static void
liaison_csv_export_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LiaisonCsvExport *self = LIAISON_CSV_EXPORT (object);

  switch (prop_id)
    {
    case PROP_WRITTEN:
      g_value_set_uint (value, self->shown);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_csv_export_class_init (LiaisonCsvExportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = liaison_csv_export_dispose;
  object_class->finalize = liaison_csv_export_finalize;
  object_class->get_property = liaison_csv_export_get_property;

  properties[PROP_WRITTEN] =
    g_param_spec_uint ("written", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LiaisonCsvExport::finished:
   * @success: whether the file was written
   */
  signals[FINISHED] = g_signal_new ("finished",
                                    G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
liaison_csv_export_init (LiaisonCsvExport *self)
{
}

guint
liaison_csv_export_get_written (LiaisonCsvExport *self)
{
  g_return_val_if_fail (LIAISON_IS_CSV_EXPORT (self), 0);

  return self->shown;
}

guint
liaison_csv_export_get_total (LiaisonCsvExport *self)
{
  g_return_val_if_fail (LIAISON_IS_CSV_EXPORT (self), 0);

  return self->ids->len;
}

gboolean
liaison_csv_export_get_running (LiaisonCsvExport *self)
{
  g_return_val_if_fail (LIAISON_IS_CSV_EXPORT (self), FALSE);

  return self->running;
}

GFile *
liaison_csv_export_get_file (LiaisonCsvExport *self)
{
  g_return_val_if_fail (LIAISON_IS_CSV_EXPORT (self), NULL);

  return self->file;
}

/* Stops the export between two chunks; the file is not written. */
void
liaison_csv_export_cancel (LiaisonCsvExport *self)
{
  g_return_if_fail (LIAISON_IS_CSV_EXPORT (self));

  g_cancellable_cancel (self->cancellable);
}

/**
 * liaison_export_csv_to_file:
 * @widget: the widget that asked: the toast shows near it
 * @ids: the rows, in the order they are written
 *
 * Writes the rows @ids of @store to @file in a worker thread.
 *
 * Returns: (transfer none): the export, running; it lives until it has
 *   finished
 */
LiaisonCsvExport *
liaison_export_csv_to_file (GtkWidget    *widget,
                            LiaisonStore *store,
                            GArray       *ids,
                            GFile        *file)
{
  LiaisonCsvExport *self;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  g_return_val_if_fail (ids != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (LIAISON_TYPE_CSV_EXPORT, NULL);
  self->widget = g_object_ref (widget);
  self->store = g_object_ref (store);
  self->ids = g_array_ref (ids);
  self->file = g_object_ref (file);
  self->cancellable = g_cancellable_new ();
  self->running = TRUE;
  self->poll_source = g_timeout_add (100, poll_written, self);

  /* The job holds the export until it has finished. */
  liaison_job_run (widget, liaison_job_connection_new (liaison_store_get_path (store)), export_job,
                   self, g_object_unref,
                   self->cancellable, export_done);

  return self;
}

typedef struct
{
  GtkWidget                *widget;
  LiaisonStore             *store;
  GArray                   *ids;
  LiaisonExportCsvStarted   started;
  gpointer                  user_data;
} Choice;

static void
choice_free (Choice *choice)
{
  g_clear_object (&choice->widget);
  g_clear_object (&choice->store);
  g_clear_pointer (&choice->ids, g_array_unref);
  g_free (choice);
}

static void
on_file_chosen (gpointer  user_data,
                GFile    *file)
{
  Choice *choice = user_data;
  LiaisonCsvExport *export = liaison_export_csv_to_file (choice->widget, choice->store, choice->ids, file);

  if (export != NULL && choice->started != NULL)
    choice->started (export, choice->user_data);
}

/**
 * liaison_export_csv:
 * @widget: the widget that asked: the chooser is modal to its window and
 *   the toast shows near it
 * @ids: the rows, in the order they are written
 * @title: the chooser's title: what is exported
 * @started: (nullable): told of the export once a file is chosen, to show
 *   how far it is
 *
 * Asks for a file, then writes the rows @ids of @store to it.
 */
void
liaison_export_csv (GtkWidget               *widget,
                    LiaisonStore            *store,
                    GArray                  *ids,
                    const char              *title,
                    LiaisonExportCsvStarted  started,
                    gpointer                 user_data)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;
  GtkRoot *root;
  Choice *choice;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (LIAISON_IS_STORE (store));
  g_return_if_fail (ids != NULL);

  if (ids->len == 0)
    return;

  root = gtk_widget_get_root (widget);
  chooser = gtk_file_chooser_native_new (title,
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "service-communications.csv");

  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  choice = g_new0 (Choice, 1);
  choice->widget = g_object_ref (widget);
  choice->store = g_object_ref (store);
  choice->ids = g_array_ref (ids);
  choice->started = started;
  choice->user_data = user_data;
  liaison_file_choice_show (chooser, on_file_chosen, choice, (GDestroyNotify) choice_free);
}
