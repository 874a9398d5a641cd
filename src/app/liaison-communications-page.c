/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-communications-page"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-column-sorter.h"
#include "liaison-communication-cell.h"
#include "liaison-communication-dialog.h"
#include "liaison-communication-model.h"
#include "liaison-communication-selection.h"
#include "liaison-communications-page-private.h"
#include "liaison-format.h"
#include "liaison-store-server.h"
#include "liaison-toast.h"

/*
 * The Communications page: the list of service communications, its
 * search, its columns, and the dialogs it opens. Its cells are in
 * liaison-communication-cell.c, its actions in
 * liaison-communications-page-actions.c.
 */

/* The widths are the least a column gets: more when its title or its
 * widest value needs more in the current language and time zone
 * (column_width()); the expanding columns share what is left. */
static const LiaisonColumnInfo column_infos[] = {
  { LIAISON_COLUMN_CLIENT_DEVICE, N_("Client"), LIAISON_CELL_DEVICE_LINK, 176, TRUE, FALSE },
  { LIAISON_COLUMN_CLIENT_IP, N_("Client IP"), LIAISON_CELL_TEXT, 120, FALSE, TRUE },
  { LIAISON_COLUMN_LISTENER_DEVICE, N_("Listener"), LIAISON_CELL_TEXT, 126, TRUE, FALSE },
  { LIAISON_COLUMN_LISTENER_IP, N_("Listener IP"), LIAISON_CELL_TEXT, 120, FALSE, TRUE },
  { LIAISON_COLUMN_PORT, N_("Port"), LIAISON_CELL_TEXT, 60, FALSE, TRUE },
  { LIAISON_COLUMN_PROTOCOL, N_("Protocol"), LIAISON_CELL_TEXT, 60, FALSE, FALSE },
  { LIAISON_COLUMN_CLIENT_PROCESS_NAME, N_("Client Process"), LIAISON_CELL_TEXT, 110, TRUE, FALSE },
  { LIAISON_COLUMN_CLIENT_PROCESS_DISPLAY_NAME, N_("Display Name"), LIAISON_CELL_TEXT, 120, TRUE, FALSE },
  { LIAISON_COLUMN_FIRST_DETECTED, N_("First Detected"), LIAISON_CELL_TIME, 120, FALSE, TRUE },
  { LIAISON_COLUMN_LAST_DETECTED, N_("Last Detected"), LIAISON_CELL_TIME, 120, FALSE, TRUE },
  { LIAISON_COLUMN_SOURCE, N_("Source"), LIAISON_CELL_TEXT, 60, FALSE, FALSE },
};

G_STATIC_ASSERT (G_N_ELEMENTS (column_infos) == LIAISON_COMMUNICATIONS_PAGE_N_COLUMNS);

G_DEFINE_FINAL_TYPE (LiaisonCommunicationsPage, liaison_communications_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SEARCH_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWindow *
get_window (LiaisonCommunicationsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Columns */

static char **
get_hidden_columns (LiaisonCommunicationsPage *self)
{
  return g_settings_get_strv (self->settings, "hidden-columns");
}

static void
apply_hidden_columns (LiaisonCommunicationsPage *self)
{
  g_auto(GStrv) hidden = get_hidden_columns (self);

  for (guint i = 0; i < G_N_ELEMENTS (column_infos); i++)
    {
      const char *name = liaison_column_to_string (column_infos[i].column);
      gboolean visible = !g_strv_contains ((const char * const *) hidden, name);
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->column_actions), name);

      gtk_column_view_column_set_visible (self->columns[i], visible);
      g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (visible));
    }
}

static void
on_column_toggled (GSimpleAction             *action,
                   GVariant                  *state,
                   LiaisonCommunicationsPage *self)
{
  g_auto(GStrv) hidden = get_hidden_columns (self);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) result = NULL;
  const char *name = g_action_get_name (G_ACTION (action));
  gboolean visible = g_variant_get_boolean (state);
  guint n_visible = 0;

  for (guint i = 0; i < G_N_ELEMENTS (column_infos); i++)
    if (gtk_column_view_column_get_visible (self->columns[i]))
      n_visible++;

  /* Never hide the last column. */
  if (!visible && n_visible <= 1)
    return;

  for (guint i = 0; hidden[i] != NULL; i++)
    if (g_strcmp0 (hidden[i], name) != 0)
      g_strv_builder_add (builder, hidden[i]);
  if (!visible)
    g_strv_builder_add (builder, name);

  result = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "hidden-columns", (const char * const *) result);
}

/* A new order or search shows its first rows. Scrolling there before the
 * model changes also lets the view keep its row widgets through the
 * change (see LiaisonCommunicationSelection). */
static void
show_top (LiaisonCommunicationsPage *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));

  if (adjustment != NULL)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

static void
on_sorter_changed (LiaisonCommunicationsPage *self,
                   GtkSorterChange            change,
                   GtkSorter                 *sorter)
{
  LiaisonColumn column = LIAISON_COLUMN_ID;
  gboolean descending = FALSE;

  if (!liaison_column_view_sorter_get_primary (sorter, &column, &descending))
    {
      column = LIAISON_COLUMN_ID;
      descending = FALSE;
    }

  if (self->model != NULL)
    {
      show_top (self);
      liaison_communication_model_set_sort (self->model, column, descending);
    }
}

/* The width of @text in the list's font, or in its titles' (9 pt bold,
 * as Adwaita draws a column view's header). */
static int
text_width (GtkWidget  *view,
            const char *text,
            gboolean    title,
            gboolean    numeric)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (view, text);
  int width;

  /* Figures are drawn with tabular digits (style.css). */
  if (numeric)
    {
      g_autoptr(PangoAttrList) attributes = pango_attr_list_new ();

      pango_attr_list_insert (attributes, pango_attr_font_features_new ("tnum"));
      pango_layout_set_attributes (layout, attributes);
    }

  if (title)
    {
      PangoContext *context = pango_layout_get_context (layout);
      g_autoptr(PangoFontDescription) font = pango_font_description_copy (pango_context_get_font_description (context));

      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      pango_font_description_set_size (font, 9 * PANGO_SCALE);
      pango_layout_set_font_description (layout, font);
    }

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* What a title takes besides its text: the button's padding and border,
 * and the sort arrow with its spacing (Adwaita's column view header). */
#define TITLE_EXTRA (6 + 6 + 1 + 6 + 16)
/* A cell's padding (style.css) and the column's border. */
#define CELL_EXTRA (20 + 2)
/* Room for how an inscription rounds the width of a long text. */
#define ROUNDING 8

/* The width a column needs: its title in full, and the widest of the
 * values it can show when those are few (times, ports, sources). */
static int
column_width (GtkWidget               *view,
              const LiaisonColumnInfo *info)
{
  int width = MAX (info->width, text_width (view, _(info->title), TRUE, FALSE) + TITLE_EXTRA);
  const char *values[4] = { NULL };
  g_autofree char *time = NULL;

  switch ((int) info->column)
    {
    case LIAISON_COLUMN_PORT:
      values[0] = "65535";
      break;
    case LIAISON_COLUMN_PROTOCOL:
      values[0] = "TCP";
      values[1] = "UDP";
      break;
    case LIAISON_COLUMN_SOURCE:
      values[0] = C_("source", "Manual");
      values[1] = C_("source", "Netstat");
      values[2] = C_("source", "Netflow");
      break;
    case LIAISON_COLUMN_CLIENT_IP:
    case LIAISON_COLUMN_LISTENER_IP:
      values[0] = "255.255.255.255";
      break;
    case LIAISON_COLUMN_FIRST_DETECTED:
    case LIAISON_COLUMN_LAST_DETECTED:
      /* Wide digits, in the zone times are shown in now. */
      time = liaison_format_time (G_GINT64_CONSTANT (1798761599000));  /* 2026-12-31T23:59:59Z */
      values[0] = time;
      width = MAX (width, text_width (view, time, FALSE, TRUE) + CELL_EXTRA + ROUNDING);
      break;
    default:
      break;
    }

  for (guint i = 0; values[i] != NULL; i++)
    width = MAX (width, text_width (view, values[i], FALSE, info->numeric) + CELL_EXTRA);

  return width;
}

/* Every column as wide as it needs, again when the time zone changes. */
static void
size_columns (LiaisonCommunicationsPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (column_infos); i++)
    gtk_column_view_column_set_fixed_width (self->columns[i], column_width (self->column_view, &column_infos[i]));
}

static void
build_columns (LiaisonCommunicationsPage *self)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (self->column_view);

  self->column_actions = g_simple_action_group_new ();
  self->columns_menu = g_menu_new ();

  for (guint i = 0; i < G_N_ELEMENTS (column_infos); i++)
    {
      const LiaisonColumnInfo *info = &column_infos[i];
      const char *name = liaison_column_to_string (info->column);
      g_autoptr(GtkListItemFactory) factory = liaison_communication_cell_factory_new (self, info);
      g_autoptr(GtkSorter) sorter = liaison_column_sorter_new (info->column);
      g_autoptr(GSimpleAction) action = NULL;
      g_autofree char *detailed = NULL;
      GtkColumnViewColumn *column;

      column = gtk_column_view_column_new (_(info->title), g_object_ref (factory));
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, info->expand);
      gtk_column_view_column_set_header_menu (column, G_MENU_MODEL (self->columns_menu));
      gtk_column_view_append_column (view, column);
      self->columns[i] = column;

      action = g_simple_action_new_stateful (name, NULL, g_variant_new_boolean (TRUE));
      g_signal_connect_object (action, "change-state", G_CALLBACK (on_column_toggled), self, 0);
      g_action_map_add_action (G_ACTION_MAP (self->column_actions), G_ACTION (action));

      detailed = g_strdup_printf ("columns.%s", name);
      g_menu_append (self->columns_menu, _(info->title), detailed);
    }

  gtk_widget_insert_action_group (GTK_WIDGET (self), "columns", G_ACTION_GROUP (self->column_actions));
  size_columns (self);

  g_signal_connect_object (gtk_column_view_get_sorter (view), "changed",
                           G_CALLBACK (on_sorter_changed), self, G_CONNECT_SWAPPED);
}

/* State */

static void
update_stack (LiaisonCommunicationsPage *self)
{
  const char *name = "list";

  if (self->model == NULL || !self->loaded)
    name = "loading";
  else if (liaison_communication_model_get_total (self->model) == 0)
    name = "empty";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0)
    name = "no-results";

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), name);
}

static void
update_selection (LiaisonCommunicationsPage *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  g_autofree char *text = NULL;
  guint n = 0;

  if (self->selection != NULL)
    {
      selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
      n = (guint) MIN (gtk_bitset_get_size (selected), G_MAXUINT);
    }

  self->n_selected = n;
  text = g_strdup_printf (ngettext ("%u selected", "%u selected", n), n);
  gtk_label_set_text (GTK_LABEL (self->selection_label), text);
  gtk_action_bar_set_revealed (GTK_ACTION_BAR (self->action_bar), n > 0);

  liaison_communications_page_update_actions (self);
}

static void
on_model_error (LiaisonCommunicationsPage *self,
                const GError              *error)
{
  liaison_toast_add_error (GTK_WIDGET (self), error);
}

/**
 * liaison_communications_page_get_selected_ids:
 *
 * Returns: (transfer full): the ids of the selected rows, in list order
 */
GArray *
liaison_communications_page_get_selected_ids (LiaisonCommunicationsPage *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;

  g_return_val_if_fail (LIAISON_IS_COMMUNICATIONS_PAGE (self), ids);

  if (self->selection == NULL)
    return ids;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      gint64 id = liaison_communication_model_get_id (self->model, position);

      g_array_append_val (ids, id);
    }

  return ids;
}

/* Scrolls to a row and makes it the selection. */
static void
select_position (LiaisonCommunicationsPage *self,
                 guint                      position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (self->column_view);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child))
        {
          gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
          break;
        }
    }

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
}

/* Dialogs */

static void
on_dialog_saved (LiaisonCommunicationsPage *self,
                 gint64                     id)
{
  guint position;

  if (self->model == NULL)
    return;
  /* The list may not have read the saved row yet: then once it has. */
  if (liaison_communication_model_get_loading (self->model))
    self->select_when_shown = id;
  else if (liaison_communication_model_find_id (self->model, id, &position))
    select_position (self, position);
}

static void
on_dialog_delete_requested (LiaisonCommunicationsPage *self,
                            gint64                     id)
{
  liaison_communications_page_delete_ids (self, &id, 1);
}

/* The Add dialog, or the Edit dialog of @communication. */
GtkWindow *
liaison_communications_page_open_dialog (LiaisonCommunicationsPage *self,
                                         LiaisonCommunication      *communication)
{
  LiaisonCommunicationDialog *dialog;

  if (self->store == NULL)
    return NULL;

  dialog = liaison_communication_dialog_new (get_window (self), self->store, communication);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_dialog_saved), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "delete-requested", G_CALLBACK (on_dialog_delete_requested),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WINDOW (dialog);
}

/**
 * liaison_communications_page_add:
 *
 * Opens the Add Service Communication dialog.
 *
 * Returns: (transfer none): the dialog
 */
GtkWindow *
liaison_communications_page_add (LiaisonCommunicationsPage *self)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATIONS_PAGE (self), NULL);

  return liaison_communications_page_open_dialog (self, NULL);
}

static void
on_row_activated (LiaisonCommunicationsPage *self,
                  guint                      position)
{
  liaison_communications_page_edit (self, position);
}

/* Context menu */

static gboolean
select_row_at (LiaisonCommunicationsPage *self,
               double                     x,
               double                     y)
{
  GtkWidget *picked = gtk_widget_pick (self->column_view, x, y, GTK_PICK_DEFAULT);
  GtkListItem *list_item = NULL;
  guint position;

  for (GtkWidget *w = picked; w != NULL && w != self->column_view; w = gtk_widget_get_parent (w))
    {
      list_item = liaison_communication_cell_get_list_item (w);
      if (list_item != NULL)
        break;
      /* A click on a cell's padding: look at its content. */
      if (gtk_widget_get_first_child (w) != NULL &&
          (list_item = liaison_communication_cell_get_list_item (gtk_widget_get_first_child (w))) != NULL)
        break;
    }

  if (list_item == NULL || gtk_list_item_get_item (list_item) == NULL)
    return FALSE;

  position = gtk_list_item_get_position (list_item);
  if (!gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), position))
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);

  return TRUE;
}

/* Shows the context menu at (@x, @y) of the list. */
void
liaison_communications_page_popup_context_menu (LiaisonCommunicationsPage *self,
                                                double                     x,
                                                double                     y)
{
  graphene_point_t point;

  if (self->context_popover == NULL)
    {
      self->context_popover = gtk_popover_menu_new_from_model (self->context_menu);
      gtk_widget_set_parent (self->context_popover, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->context_popover), FALSE);
      gtk_widget_set_halign (self->context_popover, GTK_ALIGN_START);
    }

  if (!gtk_widget_compute_point (self->column_view, GTK_WIDGET (self),
                                 &GRAPHENE_POINT_INIT (x, y), &point))
    return;

  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_popover),
                               &(GdkRectangle) { (int) point.x, (int) point.y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_popover));
}

static void
on_secondary_pressed (GtkGestureClick           *gesture,
                      int                        n_press,
                      double                     x,
                      double                     y,
                      LiaisonCommunicationsPage *self)
{
  if (!select_row_at (self, x, y))
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  liaison_communications_page_popup_context_menu (self, x, y);
}

/* Search */

static void
apply_search (LiaisonCommunicationsPage *self)
{
  g_clear_handle_id (&self->search_source, g_source_remove);

  if (self->model != NULL)
    {
      show_top (self);
      liaison_communication_model_set_search (self->model,
                                              gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
    }
}

static gboolean
show_spinner (gpointer user_data)
{
  LiaisonCommunicationsPage *self = user_data;

  self->spinner_source = 0;
  gtk_widget_set_visible (self->search_spinner, TRUE);
  gtk_spinner_start (GTK_SPINNER (self->search_spinner));
  return G_SOURCE_REMOVE;
}

/* A search or sort runs in the background: a spinner beside the search
 * entry says so, once it has taken long enough to notice. */
static void
on_loading_changed (LiaisonCommunicationsPage *self)
{
  g_clear_handle_id (&self->spinner_source, g_source_remove);
  if (liaison_communication_model_get_loading (self->model))
    {
      self->spinner_source = g_timeout_add (150, show_spinner, self);
    }
  else
    {
      gint64 id = self->select_when_shown;
      guint position;

      gtk_spinner_stop (GTK_SPINNER (self->search_spinner));
      gtk_widget_set_visible (self->search_spinner, FALSE);
      if (!self->loaded)
        {
          self->loaded = TRUE;
          update_stack (self);
        }

      self->select_when_shown = 0;
      if (id > 0 && liaison_communication_model_find_id (self->model, id, &position))
        select_position (self, position);
    }
}

static gboolean
search_timeout (gpointer user_data)
{
  LiaisonCommunicationsPage *self = user_data;

  self->search_source = 0;
  apply_search (self);

  return G_SOURCE_REMOVE;
}

/*
 * GtkSearchEntry waits 150 ms after a key before "search-changed" (and
 * GTK 4.8 cannot shorten that), so the page follows "changed" with its
 * own shorter pause: a word typed at speed is still searched once, and a
 * single change shows sooner. An emptied entry applies at once.
 */
#define SEARCH_DELAY_MS 60

static void
on_search_changed (LiaisonCommunicationsPage *self,
                   GtkEditable               *entry)
{
  const char *text = gtk_editable_get_text (entry);

  g_clear_handle_id (&self->search_source, g_source_remove);
  if (text == NULL || *text == '\0')
    apply_search (self);
  else
    self->search_source = g_timeout_add_full (G_PRIORITY_DEFAULT, SEARCH_DELAY_MS,
                                              search_timeout, self, NULL);
}

static void
on_stop_search (LiaisonCommunicationsPage *self,
                GtkSearchEntry            *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), FALSE);
  gtk_widget_grab_focus (self->column_view);
}

static void
on_search_mode_changed (LiaisonCommunicationsPage *self)
{
  if (!gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (self->search_bar)))
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE]);
}

static void
on_root_changed (LiaisonCommunicationsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_search_bar_set_key_capture_widget (GTK_SEARCH_BAR (self->search_bar),
                                         root != NULL ? GTK_WIDGET (root) : NULL);
}

/* GObject */

static void
liaison_communications_page_dispose (GObject *object)
{
  LiaisonCommunicationsPage *self = (LiaisonCommunicationsPage *)object;

  g_clear_handle_id (&self->search_source, g_source_remove);
  g_clear_handle_id (&self->spinner_source, g_source_remove);

  if (self->undo_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->undo_toast), (gpointer *) &self->undo_toast);
  self->undo_toast = NULL;
  g_clear_pointer (&self->deletion, liaison_deletion_free);
  if (self->export != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->export, self);
      liaison_csv_export_cancel (self->export);
      g_clear_object (&self->export);
    }

  /* Destroying the columns changes the sorter: nothing may follow now. */
  if (self->column_view != NULL)
    {
      g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->column_view)), self);
      gtk_column_view_set_model (GTK_COLUMN_VIEW (self->column_view), NULL);
    }
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->model != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->model, self);
      /* A search still running is not wanted any more. */
      liaison_communication_model_set_background (self->model, FALSE);
    }

  g_clear_pointer (&self->context_popover, gtk_widget_unparent);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIAISON_TYPE_COMMUNICATIONS_PAGE);

  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->column_actions);
  g_clear_object (&self->columns_menu);

  G_OBJECT_CLASS (liaison_communications_page_parent_class)->dispose (object);
}

static void
liaison_communications_page_finalize (GObject *object)
{
  LiaisonCommunicationsPage *self = (LiaisonCommunicationsPage *)object;

  g_clear_pointer (&self->time_cells, g_hash_table_unref);

  G_OBJECT_CLASS (liaison_communications_page_parent_class)->finalize (object);
}

static void
liaison_communications_page_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  LiaisonCommunicationsPage *self = LIAISON_COMMUNICATIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (self->search_bar)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_communications_page_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  LiaisonCommunicationsPage *self = LIAISON_COMMUNICATIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SEARCH_MODE:
      gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), g_value_get_boolean (value));
      if (g_value_get_boolean (value))
        gtk_widget_grab_focus (self->search_entry);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_communications_page_class_init (LiaisonCommunicationsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_communications_page_dispose;
  object_class->finalize = liaison_communications_page_finalize;
  object_class->get_property = liaison_communications_page_get_property;
  object_class->set_property = liaison_communications_page_set_property;

  properties[PROP_SEARCH_MODE] =
    g_param_spec_boolean ("search-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/liaison/Liaison/liaison-communications-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCommunicationsPage, box);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCommunicationsPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCommunicationsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCommunicationsPage, search_spinner);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCommunicationsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCommunicationsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCommunicationsPage, action_bar);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCommunicationsPage, selection_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCommunicationsPage, export_revealer);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCommunicationsPage, export_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCommunicationsPage, export_progress);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCommunicationsPage, context_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  liaison_communications_page_class_add_actions (widget_class);
}

static void
liaison_communications_page_init (LiaisonCommunicationsPage *self)
{
  GtkGesture *gesture;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_search_bar_connect_entry (GTK_SEARCH_BAR (self->search_bar), GTK_EDITABLE (self->search_entry));

  self->settings = g_settings_new (APPLICATION_ID);
  self->time_cells = g_hash_table_new (NULL, NULL);
  build_columns (self);
  apply_hidden_columns (self);
  g_signal_connect_object (self->settings, "changed::hidden-columns",
                           G_CALLBACK (apply_hidden_columns), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (liaison_display_zone_get_default (), "notify::time-zone",
                           G_CALLBACK (liaison_communication_cell_follow_time_zone), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (liaison_display_zone_get_default (), "notify::time-zone",
                           G_CALLBACK (size_columns), self, G_CONNECT_SWAPPED);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (on_secondary_pressed), self, 0);
  gtk_widget_add_controller (self->column_view, GTK_EVENT_CONTROLLER (gesture));

  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (on_search_mode_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::root", G_CALLBACK (on_root_changed), NULL);

  update_selection (self);
  update_stack (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.undo", FALSE);
}

void
liaison_communications_page_set_store (LiaisonCommunicationsPage *self,
                                       LiaisonStore              *store)
{
  g_autoptr(GError) error = NULL;
  gboolean server;

  g_return_if_fail (LIAISON_IS_COMMUNICATIONS_PAGE (self));
  g_return_if_fail (LIAISON_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->read_only = liaison_store_is_read_only (store);
  self->model = liaison_communication_model_new (store);
  g_signal_connect_object (self->model, "error", G_CALLBACK (on_model_error), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::n-items", G_CALLBACK (update_stack), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::total", G_CALLBACK (update_stack), self, G_CONNECT_SWAPPED);

  /* A file's rows are there at once; a server's come from a worker, the
   * page saying it loads meanwhile (team.md 3). */
  server = liaison_store_path_is_server (liaison_store_get_path (store));
  liaison_communication_model_set_background (self->model, server);
  liaison_communication_model_set_fetch_later (self->model, server);
  on_sorter_changed (self, GTK_SORTER_CHANGE_DIFFERENT,
                     gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->column_view)));
  if (server && !liaison_communication_model_get_loading (self->model))
    liaison_communication_model_refresh (self->model);
  else if (!server)
    {
      if (!liaison_communication_model_reload (self->model, &error))
        g_warning ("Cannot read the service communications: %s", error->message);
      self->loaded = TRUE;
    }
  /* From now on, a search or a sort does not hold up the window. */
  liaison_communication_model_set_background (self->model, TRUE);
  g_signal_connect_object (self->model, "notify::loading", G_CALLBACK (on_loading_changed), self, G_CONNECT_SWAPPED);

  self->selection = liaison_communication_selection_new (self->model);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (update_selection), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (update_selection), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (GTK_COLUMN_VIEW (self->column_view), GTK_SELECTION_MODEL (self->selection));

  update_stack (self);
  update_selection (self);
}

LiaisonCommunicationModel *
liaison_communications_page_get_model (LiaisonCommunicationsPage *self)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATIONS_PAGE (self), NULL);

  return self->model;
}

GtkSelectionModel *
liaison_communications_page_get_selection (LiaisonCommunicationsPage *self)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATIONS_PAGE (self), NULL);

  return GTK_SELECTION_MODEL (self->selection);
}

GtkColumnView *
liaison_communications_page_get_column_view (LiaisonCommunicationsPage *self)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATIONS_PAGE (self), NULL);

  return GTK_COLUMN_VIEW (self->column_view);
}

GMenuModel *
liaison_communications_page_get_columns_menu (LiaisonCommunicationsPage *self)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATIONS_PAGE (self), NULL);

  return G_MENU_MODEL (self->columns_menu);
}

GActionGroup *
liaison_communications_page_get_columns_actions (LiaisonCommunicationsPage *self)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATIONS_PAGE (self), NULL);

  return G_ACTION_GROUP (self->column_actions);
}

GtkSearchEntry *
liaison_communications_page_get_search_entry (LiaisonCommunicationsPage *self)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATIONS_PAGE (self), NULL);

  return GTK_SEARCH_ENTRY (self->search_entry);
}

/* "empty", "no-results" or "list". */
const char *
liaison_communications_page_get_visible_child_name (LiaisonCommunicationsPage *self)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATIONS_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (GTK_STACK (self->stack));
}

/* The toast that can undo the last deletion, while it lives (for tests). */
AdwToast *
liaison_communications_page_get_undo_toast (LiaisonCommunicationsPage *self)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATIONS_PAGE (self), NULL);

  return self->undo_toast;
}

/* The columns shown, in the order shown. */
GArray *
liaison_communications_page_get_shown_columns (LiaisonCommunicationsPage *self)
{
  GListModel *view_columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (self->column_view));
  GArray *columns = g_array_new (FALSE, FALSE, sizeof (LiaisonColumn));

  for (guint i = 0; i < g_list_model_get_n_items (view_columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (view_columns, i);

      if (!gtk_column_view_column_get_visible (column))
        continue;
      for (guint c = 0; c < G_N_ELEMENTS (column_infos); c++)
        if (self->columns[c] == column)
          g_array_append_val (columns, column_infos[c].column);
    }

  return columns;
}
