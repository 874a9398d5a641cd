/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-export-csv"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-csv.h"
#include "liaison-export-csv-private.h"
#include "liaison-job.h"
#include "liaison-local-file.h"
#include "liaison-toast.h"

/*
 * Export Selected as CSV: a file chooser, then the rows written in a worker
 * thread, exactly as `liaison-cli list --format csv` prints them, to a file
 * that appears (or replaces the old one) only once it is complete. A toast
 * tells how it went.
 */

typedef struct
{
  GFile  *file;
  GArray *ids;     /* gint64 */
} ExportCsv;

static void
export_csv_free (ExportCsv *export)
{
  g_clear_object (&export->file);
  g_clear_pointer (&export->ids, g_array_unref);
  g_free (export);
}

typedef struct
{
  LiaisonStore *store;
  GArray       *ids;
} Rows;

static gboolean
write_rows (GOutputStream  *stream,
            gpointer        user_data,
            GCancellable   *cancellable,
            GError        **error)
{
  Rows *rows = user_data;

  return liaison_csv_write (rows->store, (const gint64 *) (gpointer) rows->ids->data, rows->ids->len,
                            stream, cancellable, error);
}

static gboolean
export_csv_job (LiaisonStore  *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  ExportCsv *export = data;
  Rows rows = { store, export->ids };

  return liaison_local_file_write (export->file, write_rows, &rows, cancellable, error);
}

static void
export_csv_done (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ExportCsv *export = liaison_job_get_data (result);

  liaison_toast_add_export (GTK_WIDGET (object), result, export->file);
}

/**
 * liaison_export_csv_to_file:
 * @widget: the widget that asked: the toast shows near it
 * @ids: the rows, in the order they are written
 *
 * Writes the rows @ids of @store to @file in a worker thread.
 */
void
liaison_export_csv_to_file (GtkWidget    *widget,
                            LiaisonStore *store,
                            GArray       *ids,
                            GFile        *file)
{
  ExportCsv *export;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (LIAISON_IS_STORE (store));
  g_return_if_fail (ids != NULL);
  g_return_if_fail (G_IS_FILE (file));

  export = g_new0 (ExportCsv, 1);
  export->file = g_object_ref (file);
  export->ids = g_array_ref (ids);

  liaison_job_run (widget, liaison_store_get_path (store), export_csv_job,
                   export, (GDestroyNotify) export_csv_free,
                   NULL, export_csv_done, NULL);
}

typedef struct
{
  GtkWidget    *widget;
  LiaisonStore *store;
  GArray       *ids;
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
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     Choice          *choice)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        liaison_export_csv_to_file (choice->widget, choice->store, choice->ids, file);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/**
 * liaison_export_csv:
 * @widget: the widget that asked: the chooser is modal to its window and
 *   the toast shows near it
 *
 * Asks for a file, then writes the rows @ids of @store to it.
 */
void
liaison_export_csv (GtkWidget    *widget,
                    LiaisonStore *store,
                    GArray       *ids)
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
  chooser = gtk_file_chooser_native_new (_("Export Selected as CSV"),
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
  g_signal_connect_data (chooser, "response", G_CALLBACK (on_chooser_response),
                         choice, (GClosureNotify) (void (*) (void)) choice_free, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
