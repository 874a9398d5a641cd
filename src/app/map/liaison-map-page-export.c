/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-map-page-export"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-file-choice.h"
#include "liaison-job.h"
#include "liaison-local-file.h"
#include "liaison-map-page-export.h"
#include "liaison-toast.h"

/*
 * Export from the Map page: the map shown, as a DOT, SVG or PNG drawing of
 * the same layout, as JSON, or its lines as allow-list rules (nftables,
 * CSV), written by the core's exports (liaison_map_export(), what
 * `liaison-cli map` and `rules` write) in a worker thread, to a file that
 * appears only once it is complete. The rules read their addresses from
 * the database, on the worker's own connection.
 */

static const struct
{
  LiaisonMapFormat  format;
  const char       *title;
  const char       *file_name;
  const char       *mime_type;
  const char       *filter_name;
} formats[] = {
  { LIAISON_MAP_FORMAT_SVG, N_("Export Map as SVG"), "dependency-map.svg", "image/svg+xml", N_("SVG images") },
  { LIAISON_MAP_FORMAT_PNG, N_("Export Map as PNG"), "dependency-map.png", "image/png", N_("PNG images") },
  { LIAISON_MAP_FORMAT_DOT, N_("Export Map as Graphviz DOT"), "dependency-map.gv", "text/vnd.graphviz", N_("Graphviz files") },
  { LIAISON_MAP_FORMAT_JSON, N_("Export Map as JSON"), "dependency-map.json", "application/json", N_("JSON files") },
  { LIAISON_MAP_FORMAT_NFTABLES, N_("Export Firewall Rules for nftables"), "allow-list.nft", "text/plain", N_("nftables rulesets") },
  { LIAISON_MAP_FORMAT_CSV, N_("Export Firewall Rules as CSV"), "allow-list.csv", "text/csv", N_("CSV files") },
};

typedef struct
{
  LiaisonMapScene  *scene;
  LiaisonMapFormat  format;
  GFile            *file;
  LiaisonStore     *store;     /* the worker's, while it writes */
} Export;

static void
export_free (Export *export)
{
  g_clear_pointer (&export->scene, liaison_map_scene_unref);
  g_clear_object (&export->file);
  g_free (export);
}

static gboolean
write_map (GOutputStream  *stream,
           gpointer        user_data,
           GCancellable   *cancellable,
           GError        **error)
{
  Export *export = user_data;
  LiaisonMapExport options = { export->format, export->store, liaison_map_scene_get_layout (export->scene) };

  return liaison_map_export (liaison_map_scene_get_map (export->scene), &options, stream, cancellable, error);
}

static gboolean
export_job (LiaisonStore  *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Export *export = data;
  gboolean ok;

  export->store = store;
  ok = liaison_local_file_write (export->file, write_map, export, cancellable, error);
  export->store = NULL;
  return ok;
}

static void
export_done (gpointer      widget,
             gpointer      data,
             const GError *error)
{
  Export *export = data;

  liaison_toast_add_export (widget, error, export->file);
}

/**
 * liaison_map_page_export_to_file:
 * @widget: the widget that asked: the toast shows near it
 * @database_path: the database the map was made from
 *
 * Writes @scene's map to @file in @format, in a worker thread.
 */
void
liaison_map_page_export_to_file (GtkWidget        *widget,
                                 const char       *database_path,
                                 LiaisonMapScene  *scene,
                                 LiaisonMapFormat  format,
                                 GFile            *file)
{
  Export *export;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (database_path != NULL);
  g_return_if_fail (scene != NULL);
  g_return_if_fail (G_IS_FILE (file));

  export = g_new0 (Export, 1);
  export->scene = liaison_map_scene_ref (scene);
  export->format = format;
  export->file = g_object_ref (file);
  liaison_job_run (widget, liaison_job_connection_new (database_path), export_job, export, (GDestroyNotify) export_free,
                   NULL, export_done);
}

typedef struct
{
  GtkWidget        *widget;
  char             *database_path;
  LiaisonMapScene  *scene;
  LiaisonMapFormat  format;
} Choice;

static void
choice_free (Choice *choice)
{
  g_clear_object (&choice->widget);
  g_free (choice->database_path);
  g_clear_pointer (&choice->scene, liaison_map_scene_unref);
  g_free (choice);
}

static void
on_file_chosen (gpointer  user_data,
                GFile    *file)
{
  Choice *choice = user_data;

  liaison_map_page_export_to_file (choice->widget, choice->database_path, choice->scene, choice->format, file);
}

/**
 * liaison_map_page_export:
 * @widget: the widget that asked: the chooser is modal to its window, and
 *   the toast shows near it
 *
 * Asks for a file, then writes @scene's map to it in @format.
 */
void
liaison_map_page_export (GtkWidget        *widget,
                         const char       *database_path,
                         LiaisonMapScene  *scene,
                         LiaisonMapFormat  format)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;
  Choice *choice;
  guint i;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (scene != NULL);

  for (i = 0; i < G_N_ELEMENTS (formats) && formats[i].format != format; i++)
    ;
  g_return_if_fail (i < G_N_ELEMENTS (formats));

  chooser = gtk_file_chooser_native_new (_(formats[i].title),
                                         GTK_WINDOW (gtk_widget_get_ancestor (widget, GTK_TYPE_WINDOW)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), formats[i].file_name);
  gtk_file_filter_set_name (filter, _(formats[i].filter_name));
  gtk_file_filter_add_mime_type (filter, formats[i].mime_type);
  gtk_file_filter_add_suffix (filter, strrchr (formats[i].file_name, '.') + 1);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  choice = g_new0 (Choice, 1);
  choice->widget = g_object_ref (widget);
  choice->database_path = g_strdup (database_path);
  choice->scene = liaison_map_scene_ref (scene);
  choice->format = format;
  liaison_file_choice_show (chooser, on_file_chosen, choice, (GDestroyNotify) choice_free);
}
