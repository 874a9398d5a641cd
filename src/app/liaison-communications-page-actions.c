/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-communications-page-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-communication-model-private.h"
#include "liaison-communication-row.h"
#include "liaison-communications-page-private.h"
#include "liaison-device-dialog.h"
#include "liaison-export-csv.h"
#include "liaison-format.h"
#include "liaison-job.h"
#include "liaison-meanwhile-dialog.h"
#include "liaison-store-server.h"
#include "liaison-toast.h"

/*
 * The Communications page's actions (page.*) and their keys: on the
 * selected rows (delete, copy, export, set devices, edit, show
 * statistics), the export of the whole list, undo of the last delete,
 * select all, the context menu, and the search.
 *
 * Ctrl+F, Ctrl+E and Ctrl+Z are the page's own too, but not class key bindings,
 * which work only while the focus is inside the page: they are declared
 * in liaison-communications-page.ui on a shortcut controller of managed
 * scope, which the window runs whatever has the focus, and only while the
 * page shows. The Statistics page declares its own Ctrl+F and Ctrl+E the
 * same way, so the page in view wins.
 */

/* Delete and undo: the page keeps its last deletion, to put back with the
 * toast's Undo or with Ctrl+Z, also once the toast has gone, until the
 * next deletion. */

static gboolean
dismiss_toast (gpointer toast)
{
  adw_toast_dismiss (toast);
  return G_SOURCE_REMOVE;
}

/* Takes a toast away once it has surely come in: libadwaita 1.2 reads a
 * toast it has freed when it is dismissed while it still slides in (for
 * 300 ms), as a quick Delete then Ctrl+Z would. */
static void
dismiss_soon (AdwToast *toast)
{
  g_timeout_add_full (G_PRIORITY_DEFAULT, 500, dismiss_toast, g_object_ref (toast), g_object_unref);
}

static void
forget_undo_toast (LiaisonCommunicationsPage *self)
{
  if (self->undo_toast == NULL)
    return;

  g_object_remove_weak_pointer (G_OBJECT (self->undo_toast), (gpointer *) &self->undo_toast);
  self->undo_toast = NULL;
}

static gboolean
restore_job (LiaisonStore  *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  return liaison_store_restore_deletion (store, data, error);
}

static void
on_restored (gpointer      source,
             gpointer      data,
             const GError *error)
{
  LiaisonCommunicationsPage *self = source;

  if (error != NULL)
    liaison_toast_add_error (GTK_WIDGET (self), error);
  else if (self->store != NULL)
    liaison_store_changed (self->store);
}

/* Puts the last deletion back, in a worker; its toast is gone or going. */
static void
restore_deletion (LiaisonCommunicationsPage *self)
{
  g_autoptr(LiaisonDeletion) deletion = g_steal_pointer (&self->deletion);

  forget_undo_toast (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.undo", FALSE);

  if (deletion == NULL || self->store == NULL)
    return;

  liaison_job_run (self, liaison_job_connection_kept (self->store), restore_job,
                   g_steal_pointer (&deletion), (GDestroyNotify) liaison_deletion_free,
                   NULL, on_restored);
}

/**
 * liaison_communications_page_undo:
 *
 * Puts back the rows of the last deletion, if there is one to undo, and
 * takes its toast away.
 */
void
liaison_communications_page_undo (LiaisonCommunicationsPage *self)
{
  if (self->undo_toast != NULL)
    dismiss_soon (self->undo_toast);
  restore_deletion (self);
}

/* The toast went (its time ran out, the user closed it): nothing to take
 * away any more, but Ctrl+Z still undoes. */
static void
on_undo_toast_dismissed (AdwToast                  *toast,
                         LiaisonCommunicationsPage *self)
{
  if (self->undo_toast == toast)
    forget_undo_toast (self);
}

/* The toast's Undo: the toast goes by itself. */
static void
on_undo_clicked (AdwToast                  *toast,
                 LiaisonCommunicationsPage *self)
{
  restore_deletion (self);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  liaison_communications_page_undo (LIAISON_COMMUNICATIONS_PAGE (widget));
}

/* Shows what a delete did, with Undo when it deleted something; @gone
 * rows were deleted by someone else before. Takes @deletion. */
static void
show_deletion (LiaisonCommunicationsPage *self,
               LiaisonDeletion           *deletion,
               guint                      gone)
{
  guint count = liaison_deletion_get_count (deletion);
  g_autofree char *deleted = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  deleted = g_strdup_printf (ngettext ("%u communication deleted",
                                       "%u communications deleted", count), count);
  title = liaison_meanwhile_done_title (deleted, gone);
  toast = adw_toast_new (title);
  if (count == 0)
    {
      liaison_deletion_free (deletion);
      liaison_toast_add (GTK_WIDGET (self), toast);
      return;
    }

  /* Only the last deletion can be undone: an older toast goes. */
  g_clear_pointer (&self->deletion, liaison_deletion_free);
  self->deletion = deletion;
  if (self->undo_toast != NULL)
    dismiss_soon (self->undo_toast);
  forget_undo_toast (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.undo", TRUE);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_timeout (toast, 10);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked), self, 0);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_undo_toast_dismissed), self, 0);

  self->undo_toast = toast;
  g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &self->undo_toast);

  liaison_toast_add (GTK_WIDGET (self), toast);
}

/* A delete on what the person saw (team.md 3). */
typedef struct
{
  LiaisonCommunicationsPage *self;
  LiaisonDeletion           *deletion;   /* of the last try */
} Delete;

static void
delete_free (gpointer data)
{
  Delete *d = data;

  /* Delete again once this one is done, not twice on the same rows. */
  d->self->writing--;
  liaison_communications_page_update_actions (d->self);
  g_object_unref (d->self);
  g_clear_pointer (&d->deletion, liaison_deletion_free);
  g_free (d);
}

static gboolean
delete_write (LiaisonStore      *store,
              GPtrArray         *seen,
              LiaisonMeanwhile **meanwhile,
              gpointer           user_data,
              GError           **error)
{
  Delete *d = user_data;

  g_clear_pointer (&d->deletion, liaison_deletion_free);
  return liaison_store_delete_communications_seen (store, seen, &d->deletion, meanwhile, error);
}

static void
delete_done (GPtrArray        *seen,
             guint             gone,
             LiaisonMeanwhile *meanwhile,
             gpointer          user_data)
{
  Delete *d = user_data;

  show_deletion (d->self, g_steal_pointer (&d->deletion), gone + meanwhile->gone->len);
}

/* Deletes the rows @ids as the list showed them (@shown), in a worker.
 * When someone else changed some meanwhile, the person chooses. */
static void
delete_chosen (LiaisonCommunicationsPage  *self,
               const gint64               *ids,
               LiaisonCommunication      **shown,
               guint                       n)
{
  const LiaisonMeanwhileWords words = {
    _("Delete the changed ones as well, or keep them and delete only the others?"),
    _("_Keep Changed"),
    _("_Delete Anyway"),
    TRUE,
  };
  Delete *d = g_new0 (Delete, 1);

  d->self = g_object_ref (self);
  self->writing++;
  liaison_communications_page_update_actions (self);
  liaison_meanwhile_write (GTK_WIDGET (self), self->store, ids, shown, n,
                           &(LiaisonMeanwhileWrite) { words, delete_write, delete_done, d, delete_free });
}

/* The rows @ids as the list shows them: at @positions, or wherever the
 * list has them when @positions is %NULL; %NULL where it holds none. */
static LiaisonCommunication **
shown_rows (LiaisonCommunicationsPage *self,
            const gint64              *ids,
            const guint               *positions,
            guint                      n)
{
  LiaisonCommunication **shown = g_new0 (LiaisonCommunication *, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      guint position;

      if (positions != NULL)
        shown[i] = liaison_communication_model_peek_shown (self->model, positions[i]);
      else if (liaison_communication_model_find_id (self->model, ids[i], &position))
        shown[i] = liaison_communication_model_peek_shown (self->model, position);
    }
  return shown;
}

/* The selected rows' ids in list order, and each as the list shows it
 * (@shown); %NULL when there are none to write to. */
static GArray *
selected_rows (LiaisonCommunicationsPage   *self,
               LiaisonCommunication      ***shown)
{
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree guint *positions = NULL;
  GtkBitsetIter iter;
  guint n, position, i = 0;

  if (self->store == NULL || self->selection == NULL || self->n_selected == 0)
    return NULL;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  n = (guint) gtk_bitset_get_size (selected);
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  positions = g_new (guint, MAX (n, 1));

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok && i < n;
       ok = gtk_bitset_iter_next (&iter, &position), i++)
    {
      gint64 id = liaison_communication_model_get_id (self->model, position);

      positions[i] = position;
      g_array_append_val (ids, id);
    }

  *shown = shown_rows (self, (const gint64 *) (gpointer) ids->data, positions, ids->len);
  return g_steal_pointer (&ids);
}

/**
 * liaison_communications_page_delete_ids:
 *
 * Deletes the rows @ids as the list shows them; a toast offers to undo it.
 */
void
liaison_communications_page_delete_ids (LiaisonCommunicationsPage *self,
                                        const gint64              *ids,
                                        guint                      n_ids)
{
  g_autofree LiaisonCommunication **shown = NULL;

  g_return_if_fail (LIAISON_IS_COMMUNICATIONS_PAGE (self));

  if (n_ids == 0 || self->store == NULL)
    return;

  shown = shown_rows (self, ids, NULL, n_ids);
  delete_chosen (self, ids, shown, n_ids);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LiaisonCommunicationsPage *self = LIAISON_COMMUNICATIONS_PAGE (widget);
  g_autofree LiaisonCommunication **shown = NULL;
  g_autoptr(GArray) ids = selected_rows (self, &shown);

  if (ids != NULL && self->writing == 0)
    delete_chosen (self, (const gint64 *) (gpointer) ids->data, shown, ids->len);
}

/* Edit: the row is read afresh (the list may show an older copy) in a
 * worker, and its dialog opens once it is there; one at a time. */

typedef struct
{
  gint64                id;
  LiaisonCommunication *communication;  /* as it is now, once read */
} ReadRow;

static void
read_row_free (ReadRow *read)
{
  g_clear_object (&read->communication);
  g_free (read);
}

static gboolean
read_row_job (LiaisonStore  *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  ReadRow *read = data;

  read->communication = liaison_store_get_communication (store, read->id, error);
  return read->communication != NULL;
}

static void
on_row_read (gpointer      source,
             gpointer      data,
             const GError *error)
{
  LiaisonCommunicationsPage *self = source;
  ReadRow *read = data;

  self->opening = FALSE;
  if (error != NULL)
    liaison_toast_add_error (GTK_WIDGET (self), error);
  else if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    liaison_communications_page_open_dialog (self, read->communication);
}

/**
 * liaison_communications_page_edit:
 *
 * Opens the Edit dialog for the row at @position, once a worker has read it.
 */
void
liaison_communications_page_edit (LiaisonCommunicationsPage *self,
                                  guint                      position)
{
  ReadRow *read;

  g_return_if_fail (LIAISON_IS_COMMUNICATIONS_PAGE (self));

  if (self->model == NULL || position >= g_list_model_get_n_items (G_LIST_MODEL (self->model)) || self->opening)
    return;
  if (self->read_only)
    {
      liaison_toast_add (GTK_WIDGET (self), adw_toast_new (liaison_store_read_only_reason ()));
      return;
    }

  read = g_new0 (ReadRow, 1);
  read->id = liaison_communication_model_get_id (self->model, position);
  self->opening = TRUE;
  liaison_job_run (self, liaison_job_connection_kept (self->store), read_row_job, read, (GDestroyNotify) read_row_free,
                   NULL, on_row_read);
}

static void
edit_selected_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LiaisonCommunicationsPage *self = LIAISON_COMMUNICATIONS_PAGE (widget);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  if (gtk_bitset_get_size (selected) == 1)
    liaison_communications_page_edit (self, gtk_bitset_get_minimum (selected));
}

/* Opens the selected row's listener on the Statistics page. */
static void
show_statistics_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LiaisonCommunicationsPage *self = LIAISON_COMMUNICATIONS_PAGE (widget);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  g_autoptr(LiaisonCommunicationRow) row = NULL;
  LiaisonCommunication *communication;

  if (gtk_bitset_get_size (selected) != 1)
    return;

  row = g_list_model_get_item (G_LIST_MODEL (self->selection), gtk_bitset_get_minimum (selected));
  communication = row != NULL ? liaison_communication_row_get_communication (row) : NULL;
  if (communication == NULL)
    return;

  gtk_widget_activate_action (widget, "win.show-statistics", "(sus)",
                              liaison_communication_get_listener_ip (communication),
                              liaison_communication_get_port (communication),
                              liaison_communication_get_protocol (communication));
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LiaisonCommunicationsPage *self = LIAISON_COMMUNICATIONS_PAGE (widget);

  if (self->selection != NULL)
    gtk_selection_model_select_all (GTK_SELECTION_MODEL (self->selection));
}

/* Copy */

/* Tab-separated lines of @columns; tabs and line breaks in a value become spaces. */
static void
append_tsv (GString             *out,
            GPtrArray           *communications,
            const LiaisonColumn *columns,
            guint                n_columns)
{
  for (guint i = 0; i < communications->len; i++)
    {
      LiaisonCommunication *communication = g_ptr_array_index (communications, i);

      for (guint c = 0; c < n_columns; c++)
        {
          g_autofree char *text = liaison_communication_dup_column_text (communication, columns[c]);

          if (c > 0)
            g_string_append_c (out, '\t');
          if (text != NULL)
            {
              g_strdelimit (text, "\t\r\n", ' ');
              g_string_append (out, text);
            }
        }
      g_string_append_c (out, '\n');
    }
}

/* What a copy reads in a worker. */
typedef struct
{
  GArray  *ids;
  GArray  *columns;
  GString *text;
} Copy;

static void
copy_free (Copy *copy)
{
  g_array_unref (copy->ids);
  g_array_unref (copy->columns);
  g_string_free (copy->text, TRUE);
  g_free (copy);
}

static gboolean
copy_job (LiaisonStore  *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Copy *copy = data;
  const guint chunk = 500;
  g_autoptr(GString) text = g_string_new (NULL);

  /* Every chunk from one state of the database. */
  if (!liaison_store_begin_read (store, error))
    return FALSE;
  for (guint first = 0; first < copy->ids->len; first += chunk)
    {
      g_autoptr(GPtrArray) rows = NULL;

      rows = liaison_store_get_communications (store,
                                               &g_array_index (copy->ids, gint64, first),
                                               MIN (chunk, copy->ids->len - first),
                                               error);
      if (rows == NULL)
        {
          liaison_store_end_read (store);
          return FALSE;
        }
      append_tsv (text, rows, (const LiaisonColumn *) (gpointer) copy->columns->data, copy->columns->len);
    }
  liaison_store_end_read (store);
  g_string_append_len (copy->text, text->str, (gssize) text->len);
  return TRUE;
}

static void
on_copied (gpointer      widget,
           gpointer      data,
           const GError *error)
{
  Copy *copy = data;
  g_autofree char *title = NULL;

  if (error != NULL)
    {
      liaison_toast_add_error (widget, error);
      return;
    }

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), copy->text->str);

  title = g_strdup_printf (ngettext ("%u communication copied",
                                     "%u communications copied", copy->ids->len), copy->ids->len);
  liaison_toast_add (widget, adw_toast_new (title));
}

/* The selected rows as tab-separated lines of the shown columns, read in a worker. */
static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LiaisonCommunicationsPage *self = LIAISON_COMMUNICATIONS_PAGE (widget);
  Copy *copy;

  if (self->store == NULL)
    return;

  copy = g_new0 (Copy, 1);
  copy->ids = liaison_communications_page_get_selected_ids (self);
  copy->columns = liaison_communications_page_get_shown_columns (self);
  copy->text = g_string_new (NULL);
  liaison_job_run (self, liaison_job_connection_kept (self->store), copy_job, copy, (GDestroyNotify) copy_free,
                   NULL, on_copied);
}

/* Export: the selection, or the whole list as it shows (its search and
 * its order), written a chunk at a time while a bar under the list says
 * how far it is, with Cancel. One export at a time. */

static void
show_export_progress (LiaisonCommunicationsPage *self)
{
  LiaisonCsvExport *export = self->export;
  guint written = liaison_csv_export_get_written (export);
  guint total = liaison_csv_export_get_total (export);
  g_autofree char *name = g_file_get_basename (liaison_csv_export_get_file (export));
  g_autofree char *done = liaison_format_count (written);
  g_autofree char *all = liaison_format_count (total);
  g_autofree char *text = NULL;

  /* TRANSLATORS: while exporting: the file, how many rows are written and of how many */
  text = g_strdup_printf (ngettext ("Exporting to “%s”: %s of %s communication",
                                    "Exporting to “%s”: %s of %s communications", total),
                          name, done, all);
  gtk_label_set_text (GTK_LABEL (self->export_label), text);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->export_progress),
                                 total > 0 ? (double) written / total : 0.0);
}

static void
on_export_finished (LiaisonCommunicationsPage *self,
                    gboolean                   success,
                    LiaisonCsvExport          *export)
{
  if (self->export != export)
    return;

  g_signal_handlers_disconnect_by_data (export, self);
  g_clear_object (&self->export);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->export_revealer), FALSE);
  liaison_communications_page_update_actions (self);
}

/**
 * liaison_communications_page_follow_export:
 *
 * Shows how far @export is under the list, with Cancel, until it is done.
 */
void
liaison_communications_page_follow_export (LiaisonCommunicationsPage *self,
                                           LiaisonCsvExport          *export)
{
  g_return_if_fail (LIAISON_IS_COMMUNICATIONS_PAGE (self));
  g_return_if_fail (LIAISON_IS_CSV_EXPORT (export));

  if (!liaison_csv_export_get_running (export))
    return;

  g_set_object (&self->export, export);
  g_signal_connect_object (export, "notify::written", G_CALLBACK (show_export_progress), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (export, "finished", G_CALLBACK (on_export_finished), self, G_CONNECT_SWAPPED);
  show_export_progress (self);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->export_revealer), TRUE);
  liaison_communications_page_update_actions (self);
}

static void
on_export_started (LiaisonCsvExport *export,
                   gpointer          user_data)
{
  liaison_communications_page_follow_export (user_data, export);
}

static void
export_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LiaisonCommunicationsPage *self = LIAISON_COMMUNICATIONS_PAGE (widget);
  g_autoptr(GArray) ids = liaison_communications_page_get_selected_ids (self);

  if (self->store != NULL && self->export == NULL)
    liaison_export_csv (widget, self->store, ids, _("Export Selected as CSV"), on_export_started, self);
}

/* Every row of the list as it shows: what its search finds, in its order. */
static void
export_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LiaisonCommunicationsPage *self = LIAISON_COMMUNICATIONS_PAGE (widget);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n = self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;

  if (self->store == NULL || self->export != NULL)
    return;

  if (n == 0)
    {
      liaison_toast_add (widget, adw_toast_new (_("There are no service communications to export")));
      return;
    }

  g_array_set_size (ids, n);
  for (guint i = 0; i < n; i++)
    g_array_index (ids, gint64, i) = liaison_communication_model_get_id (self->model, i);

  liaison_export_csv (widget, self->store, ids, _("Export All as CSV"), on_export_started, self);
}

static void
on_cancel_export_clicked (LiaisonCommunicationsPage *self)
{
  if (self->export != NULL)
    liaison_csv_export_cancel (self->export);
}

static void
set_device_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LiaisonCommunicationsPage *self = LIAISON_COMMUNICATIONS_PAGE (widget);
  g_autofree LiaisonCommunication **shown = NULL;
  /* The rows as the person sees them when they ask. */
  g_autoptr(GArray) ids = selected_rows (self, &shown);

  if (ids != NULL)
    liaison_device_dialog_present (widget, self->store, (const gint64 *) (gpointer) ids->data, shown, ids->len,
                                   g_str_equal (action_name, "page.set-client-device")
                                   ? LIAISON_COLUMN_CLIENT_DEVICE : LIAISON_COLUMN_LISTENER_DEVICE);
}

/* Context menu */

static void
context_menu_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LiaisonCommunicationsPage *self = LIAISON_COMMUNICATIONS_PAGE (widget);
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));
  graphene_point_t point = GRAPHENE_POINT_INIT (24, 24);

  if (self->n_selected == 0)
    return;

  /* Point at the focused row when there is one. */
  if (focus != NULL && gtk_widget_is_ancestor (focus, self->column_view))
    {
      graphene_rect_t bounds;

      if (gtk_widget_compute_bounds (focus, self->column_view, &bounds))
        point = GRAPHENE_POINT_INIT (bounds.origin.x + 24, bounds.origin.y + bounds.size.height / 2);
    }

  liaison_communications_page_popup_context_menu (self, point.x, point.y);
}

/* Search */

/* Opens the search, or closes it when it is open. */
static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LiaisonCommunicationsPage *self = LIAISON_COMMUNICATIONS_PAGE (widget);

  g_object_set (self, "search-mode",
                !gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (self->search_bar)), NULL);
}

/* Which actions there are to take on the selection now. */
void
liaison_communications_page_update_actions (LiaisonCommunicationsPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  guint n = self->n_selected;
  gboolean writable = !self->read_only;

  gtk_widget_action_set_enabled (widget, "page.delete", n > 0 && writable && self->writing == 0);
  gtk_widget_action_set_enabled (widget, "page.copy", n > 0);
  gtk_widget_action_set_enabled (widget, "page.export-selected", n > 0 && self->export == NULL);
  gtk_widget_action_set_enabled (widget, "page.export-all", self->export == NULL);
  gtk_widget_action_set_enabled (widget, "page.set-client-device", n > 0 && writable);
  gtk_widget_action_set_enabled (widget, "page.set-listener-device", n > 0 && writable);
  gtk_widget_action_set_enabled (widget, "page.edit-selected", n == 1 && writable);
  gtk_widget_action_set_enabled (widget, "page.show-statistics", n == 1);
}

void
liaison_communications_page_class_add_actions (GtkWidgetClass *widget_class)
{
  static const struct { const char *name; GtkWidgetActionActivateFunc activate; } actions[] = {
    { "page.delete", delete_action },
    { "page.undo", undo_action },
    { "page.copy", copy_action },
    { "page.export-selected", export_selected_action },
    { "page.export-all", export_all_action },
    { "page.set-client-device", set_device_action },
    { "page.set-listener-device", set_device_action },
    { "page.edit-selected", edit_selected_action },
    { "page.show-statistics", show_statistics_action },
    { "page.select-all", select_all_action },
    { "page.context-menu", context_menu_action },
    { "page.search", search_action },
  };
  static const struct { guint keyval; GdkModifierType modifiers; const char *action; } keys[] = {
    { GDK_KEY_Delete, 0, "page.delete" },
    { GDK_KEY_a, GDK_CONTROL_MASK, "page.select-all" },
    { GDK_KEY_c, GDK_CONTROL_MASK, "page.copy" },
    { GDK_KEY_F10, GDK_SHIFT_MASK, "page.context-menu" },
    { GDK_KEY_Menu, 0, "page.context-menu" },
  };

  gtk_widget_class_bind_template_callback (widget_class, on_cancel_export_clicked);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_class_install_action (widget_class, actions[i].name, NULL, actions[i].activate);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_widget_class_add_binding_action (widget_class, keys[i].keyval, keys[i].modifiers, keys[i].action, NULL);
}
