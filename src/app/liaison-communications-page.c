/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-communications-page"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-column-sorter.h"
#include "liaison-communication-dialog.h"
#include "liaison-communication-model.h"
#include "liaison-communication-row.h"
#include "liaison-communication-selection.h"
#include "liaison-communications-page.h"
#include "liaison-error.h"
#include "liaison-export-csv.h"
#include "liaison-format.h"

/*
 * The Communications page: the list of service communications, its
 * search, its columns, and the actions on the selected rows.
 */

typedef enum
{
  CELL_TEXT,
  CELL_DEVICE_LINK,
  CELL_TIME,
} CellKind;

typedef struct
{
  LiaisonColumn  column;
  const char    *title;
  CellKind       kind;
  int            width;
  gboolean       expand;
  gboolean       numeric;
} ColumnInfo;

static const ColumnInfo column_infos[] = {
  { LIAISON_COLUMN_CLIENT_DEVICE, N_("Client"), CELL_DEVICE_LINK, 150, TRUE, FALSE },
  { LIAISON_COLUMN_CLIENT_IP, N_("Client IP"), CELL_TEXT, 130, FALSE, TRUE },
  { LIAISON_COLUMN_LISTENER_DEVICE, N_("Listener"), CELL_TEXT, 140, TRUE, FALSE },
  { LIAISON_COLUMN_LISTENER_IP, N_("Listener IP"), CELL_TEXT, 130, FALSE, TRUE },
  { LIAISON_COLUMN_PORT, N_("Port"), CELL_TEXT, 70, FALSE, TRUE },
  { LIAISON_COLUMN_PROTOCOL, N_("Protocol"), CELL_TEXT, 80, FALSE, FALSE },
  { LIAISON_COLUMN_CLIENT_PROCESS_NAME, N_("Client Process"), CELL_TEXT, 130, TRUE, FALSE },
  { LIAISON_COLUMN_CLIENT_PROCESS_DISPLAY_NAME, N_("Client Process Display Name"), CELL_TEXT, 170, TRUE, FALSE },
  { LIAISON_COLUMN_FIRST_DETECTED, N_("First Detected"), CELL_TIME, 160, FALSE, TRUE },
  { LIAISON_COLUMN_LAST_DETECTED, N_("Last Detected"), CELL_TIME, 160, FALSE, TRUE },
  { LIAISON_COLUMN_SOURCE, N_("Source"), CELL_TEXT, 80, FALSE, FALSE },
};

struct _LiaisonCommunicationsPage
{
  GtkWidget                  parent_instance;

  LiaisonStore              *store;
  LiaisonCommunicationModel *model;
  LiaisonCommunicationSelection *selection;
  GSettings                 *settings;
  GSimpleActionGroup        *column_actions;
  GMenu                     *columns_menu;
  GtkColumnViewColumn       *columns[G_N_ELEMENTS (column_infos)];
  GtkWidget                 *context_popover;
  AdwToast                  *undo_toast;       /* weak */
  GHashTable                *time_cells;       /* bound GtkListItem → ColumnInfo */
  guint                      n_selected;
  guint                      search_source;    /* the search debounce */
  GtkWidget                 *search_spinner;
  gint64                     select_when_shown; /* a saved row to select once the list has it, or 0 */
  guint                      spinner_source;   /* shows the spinner when a search takes a while */

  GtkWidget                 *box;
  GtkWidget                 *search_bar;
  GtkWidget                 *search_entry;
  GtkWidget                 *stack;
  GtkWidget                 *column_view;
  GtkWidget                 *action_bar;
  GtkWidget                 *selection_label;
  GMenuModel                *context_menu;
};

G_DEFINE_FINAL_TYPE (LiaisonCommunicationsPage, liaison_communications_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SEARCH_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GQuark list_item_quark;
static GQuark cell_info_quark;
static GQuark cell_page_quark;
static GQuark cell_row_quark;

/* Toasts go to the window's overlay. */
static void
add_toast (LiaisonCommunicationsPage *self,
           AdwToast                  *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
toast_error (LiaisonCommunicationsPage *self,
             const GError              *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  add_toast (self, toast);
}

static GtkWindow *
get_window (LiaisonCommunicationsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Cells */

static char *
format_time (LiaisonCommunicationsPage *self,
             LiaisonTime                time)
{
  return liaison_format_time (time);
}

static char *
cell_text (LiaisonCommunicationsPage *self,
           LiaisonCommunication      *item,
           LiaisonColumn              column)
{
  g_autofree char *text = NULL;

  switch ((int) column)
    {
    case LIAISON_COLUMN_FIRST_DETECTED:
      return format_time (self, liaison_communication_get_first_detected (item));

    case LIAISON_COLUMN_LAST_DETECTED:
      return format_time (self, liaison_communication_get_last_detected (item));

    case LIAISON_COLUMN_PROTOCOL:
      text = liaison_communication_dup_column_text (item, column);
      return g_ascii_strup (text != NULL ? text : "", -1);

    case LIAISON_COLUMN_SOURCE:
      {
        const char *source = liaison_communication_get_source (item);

        if (g_strcmp0 (source, "manual") == 0)
          return g_strdup (C_("source", "Manual"));
        if (g_strcmp0 (source, "netstat") == 0)
          return g_strdup (C_("source", "Netstat"));
        if (g_strcmp0 (source, "netflow") == 0)
          return g_strdup (C_("source", "Netflow"));
        return g_strdup (source);
      }

    default:
      text = liaison_communication_dup_column_text (item, column);
      return g_steal_pointer (&text);
    }
}

/*
 * GTK 4.8 handles a Ctrl- or Shift-click on a column view row twice (once
 * for the cell, once for the row: gtk#4819), so such a click would select
 * and unselect at once. The cell's own content takes the click first,
 * changes the selection once, and claims the click for itself.
 */
static void
on_cell_pressed (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 gpointer         user_data)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  gboolean modify = (state & GDK_CONTROL_MASK) != 0;
  gboolean extend = (state & GDK_SHIFT_MASK) != 0;

  if (n_press != 1 || (!modify && !extend))
    return;

  gtk_widget_activate_action (widget, "listitem.select", "(bb)", modify, extend);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_device_link_clicked (GtkButton                 *button,
                        LiaisonCommunicationsPage *self)
{
  GtkListItem *list_item = g_object_get_qdata (G_OBJECT (button), list_item_quark);

  if (list_item != NULL && gtk_list_item_get_item (list_item) != NULL)
    liaison_communications_page_edit (self, gtk_list_item_get_position (list_item));
}

/* Long free text may be cut short: it shows in full on hover. Asked for
 * when the tooltip is about to show, not set at every bind: in GTK 4.8 each
 * gtk_widget_set_tooltip_text() asks the display where the pointer is, a
 * round trip to the X server, ~400 of them a frame while scrolling. */
static gboolean
on_cell_query_tooltip (GtkWidget  *widget,
                       int         x,
                       int         y,
                       gboolean    keyboard_mode,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  const char *text = gtk_inscription_get_text (GTK_INSCRIPTION (widget));

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
setup_cell (GtkSignalListItemFactory  *factory,
            GtkListItem               *list_item,
            LiaisonCommunicationsPage *self)
{
  const ColumnInfo *info = g_object_get_data (G_OBJECT (factory), "column-info");
  GtkGesture *gesture;
  GtkWidget *label;
  GtkWidget *child;

  /* A GtkInscription, not a GtkLabel: its size does not depend on its
   * text, so binding a row to other data measures nothing again. */
  label = gtk_inscription_new (NULL);
  gtk_inscription_set_xalign (GTK_INSCRIPTION (label), 0.0f);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (label), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (label), 4);
  if (info->numeric)
    gtk_widget_add_css_class (label, "numeric");
  if (info->column == LIAISON_COLUMN_CLIENT_PROCESS_NAME ||
      info->column == LIAISON_COLUMN_CLIENT_PROCESS_DISPLAY_NAME)
    {
      gtk_widget_set_has_tooltip (label, TRUE);
      g_signal_connect (label, "query-tooltip", G_CALLBACK (on_cell_query_tooltip), NULL);
    }

  if (info->kind == CELL_DEVICE_LINK)
    {
      /* The link is as wide as its text wants, within the column: an
       * inscription asks for its natural characters, not its text. */
      gtk_inscription_set_nat_chars (GTK_INSCRIPTION (label), 16);
      child = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (child), label);
      gtk_widget_set_halign (child, GTK_ALIGN_START);
      gtk_widget_set_tooltip_text (child, _("Edit this service communication"));
      gtk_widget_add_css_class (child, "liaison-device-link");
      g_signal_connect_object (child, "clicked", G_CALLBACK (on_device_link_clicked), self, 0);
    }
  else
    {
      child = label;
    }

  gtk_widget_add_css_class (child, "liaison-cell");
  g_object_set_qdata (G_OBJECT (child), list_item_quark, list_item);
  /* What the cell redraws with when its row changes, set once: a bound
   * cell (the only kind told of changes) exists only inside the page. */
  g_object_set_qdata (G_OBJECT (list_item), cell_page_quark, self);
  g_object_set_qdata (G_OBJECT (list_item), cell_info_quark, (gpointer) info);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_cell_pressed), NULL);
  gtk_widget_add_controller (child, GTK_EVENT_CONTROLLER (gesture));

  gtk_list_item_set_child (list_item, child);
}

/* Shows in a cell what its row holds now. */
static void
render_cell (LiaisonCommunicationsPage *self,
             GtkListItem               *list_item,
             const ColumnInfo          *info)
{
  LiaisonCommunicationRow *row = gtk_list_item_get_item (list_item);
  LiaisonCommunication *item = row != NULL ? liaison_communication_row_get_communication (row) : NULL;
  GtkWidget *child = gtk_list_item_get_child (list_item);
  GtkWidget *label = GTK_IS_BUTTON (child) ? gtk_button_get_child (GTK_BUTTON (child)) : child;
  g_autofree char *text = NULL;

  if (item != NULL)
    text = cell_text (self, item, info->column);

  if (info->kind == CELL_DEVICE_LINK)
    {
      gboolean unnamed = text == NULL || *text == '\0';
      const char *name = unnamed ? _("No device") : text;

      gtk_inscription_set_text (GTK_INSCRIPTION (label), name);
      gtk_widget_set_visible (child, item != NULL);
      if (unnamed != gtk_widget_has_css_class (child, "unnamed"))
        {
          if (unnamed)
            gtk_widget_add_css_class (child, "unnamed");
          else
            gtk_widget_remove_css_class (child, "unnamed");
        }
      /* The button speaks as the device it names. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
    }
  else
    {
      gtk_inscription_set_text (GTK_INSCRIPTION (label), text != NULL ? text : "");
    }
}

/* A reload put another service communication at the cell's position. */
static void
on_row_communication_changed (LiaisonCommunicationRow *row,
                              GParamSpec              *pspec,
                              GtkListItem             *list_item)
{
  render_cell (g_object_get_qdata (G_OBJECT (list_item), cell_page_quark), list_item,
               g_object_get_qdata (G_OBJECT (list_item), cell_info_quark));
}

static void
bind_cell (GtkSignalListItemFactory  *factory,
           GtkListItem               *list_item,
           LiaisonCommunicationsPage *self)
{
  const ColumnInfo *info = g_object_get_data (G_OBJECT (factory), "column-info");
  LiaisonCommunicationRow *row = gtk_list_item_get_item (list_item);

  render_cell (self, list_item, info);

  if (row != NULL)
    {
      g_object_set_qdata_full (G_OBJECT (list_item), cell_row_quark, g_object_ref (row), g_object_unref);
      g_signal_connect (row, "notify::communication", G_CALLBACK (on_row_communication_changed), list_item);
    }

  /* Time cells are told when the time-zone setting changes. */
  if (info->kind == CELL_TIME && self->time_cells != NULL)
    g_hash_table_insert (self->time_cells, list_item, (gpointer) info);
}

static void
unbind_cell (GtkSignalListItemFactory  *factory,
             GtkListItem               *list_item,
             LiaisonCommunicationsPage *self)
{
  LiaisonCommunicationRow *row = g_object_get_qdata (G_OBJECT (list_item), cell_row_quark);

  if (row != NULL)
    {
      g_signal_handlers_disconnect_by_func (row, on_row_communication_changed, list_item);
      g_object_set_qdata (G_OBJECT (list_item), cell_row_quark, NULL);
    }

  if (self->time_cells != NULL)
    g_hash_table_remove (self->time_cells, list_item);
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

static GtkListItemFactory *
cell_factory_new (LiaisonCommunicationsPage *self,
                  const ColumnInfo          *info)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "column-info", (gpointer) info);
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_cell), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cell), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_cell), self, 0);
  g_signal_connect_object (factory, "teardown", G_CALLBACK (unbind_cell), self, 0);

  return factory;
}

/* The time-zone setting changed: the shown times follow at once. */
static void
on_time_zone_changed (LiaisonCommunicationsPage *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->time_cells);
  while (g_hash_table_iter_next (&iter, &key, &value))
    render_cell (self, key, value);
}

static void
build_columns (LiaisonCommunicationsPage *self)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (self->column_view);

  self->column_actions = g_simple_action_group_new ();
  self->columns_menu = g_menu_new ();

  for (guint i = 0; i < G_N_ELEMENTS (column_infos); i++)
    {
      const ColumnInfo *info = &column_infos[i];
      const char *name = liaison_column_to_string (info->column);
      g_autoptr(GtkListItemFactory) factory = cell_factory_new (self, info);
      g_autoptr(GtkSorter) sorter = liaison_column_sorter_new (info->column);
      g_autoptr(GSimpleAction) action = NULL;
      g_autofree char *detailed = NULL;
      GtkColumnViewColumn *column;

      column = gtk_column_view_column_new (_(info->title), g_object_ref (factory));
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, info->width);
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

  g_signal_connect_object (gtk_column_view_get_sorter (view), "changed",
                           G_CALLBACK (on_sorter_changed), self, G_CONNECT_SWAPPED);
}

/* State */

static void
update_stack (LiaisonCommunicationsPage *self)
{
  const char *name = "list";

  if (self->model == NULL || liaison_communication_model_get_total (self->model) == 0)
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

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.delete", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.copy", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.export-selected", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.set-client-device", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.set-listener-device", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.edit-selected", n == 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.show-statistics", n == 1);
}

static void
on_model_error (LiaisonCommunicationsPage *self,
                const GError              *error)
{
  toast_error (self, error);
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

static GtkWindow *
open_dialog (LiaisonCommunicationsPage *self,
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

  return open_dialog (self, NULL);
}

/**
 * liaison_communications_page_edit:
 *
 * Opens the Edit dialog for the row at @position.
 *
 * Returns: (transfer none) (nullable): the dialog
 */
GtkWindow *
liaison_communications_page_edit (LiaisonCommunicationsPage *self,
                                  guint                      position)
{
  g_autoptr(LiaisonCommunication) communication = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (LIAISON_IS_COMMUNICATIONS_PAGE (self), NULL);

  if (self->model == NULL || position >= g_list_model_get_n_items (G_LIST_MODEL (self->model)))
    return NULL;

  /* Read the row afresh: the list may show an older copy. */
  communication = liaison_store_get_communication (self->store,
                                                   liaison_communication_model_get_id (self->model, position),
                                                   &error);
  if (communication == NULL)
    {
      toast_error (self, error);
      return NULL;
    }

  return open_dialog (self, communication);
}

static void
on_row_activated (LiaisonCommunicationsPage *self,
                  guint                      position)
{
  liaison_communications_page_edit (self, position);
}

/* Delete and undo */

static void
on_undo_clicked (AdwToast                  *toast,
                 LiaisonCommunicationsPage *self)
{
  LiaisonDeletion *deletion = g_object_steal_data (G_OBJECT (toast), "liaison-deletion");
  g_autoptr(GError) error = NULL;

  if (deletion == NULL)
    return;

  if (!liaison_store_restore_deletion (self->store, deletion, &error))
    toast_error (self, error);

  liaison_deletion_free (deletion);
}

void
liaison_communications_page_delete_ids (LiaisonCommunicationsPage *self,
                                        const gint64              *ids,
                                        guint                      n_ids)
{
  g_autoptr(GError) error = NULL;
  LiaisonDeletion *deletion = NULL;
  AdwToast *toast;
  g_autofree char *title = NULL;

  g_return_if_fail (LIAISON_IS_COMMUNICATIONS_PAGE (self));

  if (n_ids == 0 || self->store == NULL)
    return;

  if (!liaison_store_delete_communications (self->store, ids, n_ids, &deletion, &error))
    {
      toast_error (self, error);
      return;
    }

  title = g_strdup_printf (ngettext ("%u communication deleted",
                                     "%u communications deleted", n_ids), n_ids);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_timeout (toast, 10);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "liaison-deletion", deletion,
                          (GDestroyNotify) liaison_deletion_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked), self, 0);

  if (self->undo_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->undo_toast), (gpointer *) &self->undo_toast);
  self->undo_toast = toast;
  g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &self->undo_toast);

  add_toast (self, toast);
}

/* The toast that can undo the last deletion, while it lives (for tests). */
AdwToast *
liaison_communications_page_get_undo_toast (LiaisonCommunicationsPage *self)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATIONS_PAGE (self), NULL);

  return self->undo_toast;
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LiaisonCommunicationsPage *self = LIAISON_COMMUNICATIONS_PAGE (widget);
  g_autoptr(GArray) ids = liaison_communications_page_get_selected_ids (self);

  liaison_communications_page_delete_ids (self, (const gint64 *) (gpointer) ids->data, ids->len);
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

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LiaisonCommunicationsPage *self = LIAISON_COMMUNICATIONS_PAGE (widget);
  g_autoptr(GArray) ids = liaison_communications_page_get_selected_ids (self);
  g_autoptr(GArray) columns = g_array_new (FALSE, FALSE, sizeof (LiaisonColumn));
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *title = NULL;
  const guint chunk = 500;

  /* The columns as the user sees them, in the order shown. */
  {
    GListModel *view_columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (self->column_view));

    for (guint i = 0; i < g_list_model_get_n_items (view_columns); i++)
      {
        g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (view_columns, i);

        if (!gtk_column_view_column_get_visible (column))
          continue;
        for (guint c = 0; c < G_N_ELEMENTS (column_infos); c++)
          if (self->columns[c] == column)
            g_array_append_val (columns, column_infos[c].column);
      }
  }

  for (guint first = 0; first < ids->len; first += chunk)
    {
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(GError) error = NULL;

      rows = liaison_store_get_communications (self->store,
                                               &g_array_index (ids, gint64, first),
                                               MIN (chunk, ids->len - first),
                                               &error);
      if (rows == NULL)
        {
          toast_error (self, error);
          return;
        }
      append_tsv (text, rows, (const LiaisonColumn *) (gpointer) columns->data, columns->len);
    }

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text->str);

  title = g_strdup_printf (ngettext ("%u communication copied",
                                     "%u communications copied", ids->len), ids->len);
  add_toast (self, adw_toast_new (title));
}

/* Export */

static void
export_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LiaisonCommunicationsPage *self = LIAISON_COMMUNICATIONS_PAGE (widget);
  g_autoptr(GArray) ids = liaison_communications_page_get_selected_ids (self);

  if (self->store != NULL)
    liaison_export_csv (widget, self->store, ids);
}

/* Set devices */

typedef struct
{
  LiaisonCommunicationsPage *page;
  GArray                    *ids;
  LiaisonColumn              column;
  GtkWidget                 *entry;
} SetDevice;

static void
set_device_free (SetDevice *data)
{
  g_clear_object (&data->page);
  g_clear_pointer (&data->ids, g_array_unref);
  g_free (data);
}

static void
on_set_device_response (AdwMessageDialog *dialog,
                        const char       *response,
                        SetDevice        *data)
{
  LiaisonCommunicationsPage *self = data->page;
  g_autoptr(GError) error = NULL;
  g_autofree char *device = NULL;
  g_autofree char *title = NULL;

  if (g_strcmp0 (response, "set") != 0)
    return;

  device = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (data->entry))));

  if (!liaison_store_set_devices (self->store,
                                  (const gint64 *) (gpointer) data->ids->data, data->ids->len,
                                  data->column,
                                  *device != '\0' ? device : NULL,
                                  &error))
    {
      toast_error (self, error);
      return;
    }

  if (data->column == LIAISON_COLUMN_CLIENT_DEVICE)
    title = g_strdup_printf (ngettext ("Client device set for %u communication",
                                       "Client device set for %u communications",
                                       data->ids->len), data->ids->len);
  else
    title = g_strdup_printf (ngettext ("Listener device set for %u communication",
                                       "Listener device set for %u communications",
                                       data->ids->len), data->ids->len);
  add_toast (self, adw_toast_new (title));
}

static void
set_device_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LiaisonCommunicationsPage *self = LIAISON_COMMUNICATIONS_PAGE (widget);
  gboolean client = g_str_equal (action_name, "page.set-client-device");
  g_autoptr(GtkEntryCompletion) completion = gtk_entry_completion_new ();
  g_autoptr(GtkListStore) devices = gtk_list_store_new (1, G_TYPE_STRING);
  g_auto(GStrv) names = NULL;
  g_autofree char *body = NULL;
  SetDevice *data;
  GtkWidget *dialog;

  data = g_new0 (SetDevice, 1);
  data->page = g_object_ref (self);
  data->ids = liaison_communications_page_get_selected_ids (self);
  data->column = client ? LIAISON_COLUMN_CLIENT_DEVICE : LIAISON_COLUMN_LISTENER_DEVICE;

  if (data->ids->len == 0)
    {
      set_device_free (data);
      return;
    }

  if (client)
    body = g_strdup_printf (ngettext ("The client device of the selected communication. Leave it empty to clear it.",
                                      "The client device of the %u selected communications. Leave it empty to clear it.",
                                      data->ids->len), data->ids->len);
  else
    body = g_strdup_printf (ngettext ("The listener device of the selected communication. Leave it empty to clear it.",
                                      "The listener device of the %u selected communications. Leave it empty to clear it.",
                                      data->ids->len), data->ids->len);

  dialog = adw_message_dialog_new (get_window (self),
                                   client ? _("Set Client Device") : _("Set Listener Device"),
                                   body);

  data->entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (data->entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (data->entry), _("Device name"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  client ? _("Client Device") : _("Listener Device"),
                                  -1);
  names = liaison_store_list_devices (self->store, NULL);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    gtk_list_store_insert_with_values (devices, NULL, -1, 0, names[i], -1);
  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (devices));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_set_completion (GTK_ENTRY (data->entry), completion);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), data->entry);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "set", _("_Set Device"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "set",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "set");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_signal_connect_data (dialog, "response", G_CALLBACK (on_set_device_response),
                         data, (GClosureNotify) (void (*) (void)) set_device_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
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
      list_item = g_object_get_qdata (G_OBJECT (w), list_item_quark);
      if (list_item != NULL)
        break;
      /* A click on a cell's padding: look at its content. */
      if (gtk_widget_get_first_child (w) != NULL &&
          (list_item = g_object_get_qdata (G_OBJECT (gtk_widget_get_first_child (w)), list_item_quark)) != NULL)
        break;
    }

  if (list_item == NULL || gtk_list_item_get_item (list_item) == NULL)
    return FALSE;

  position = gtk_list_item_get_position (list_item);
  if (!gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), position))
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);

  return TRUE;
}

static void
popup_context_menu (LiaisonCommunicationsPage *self,
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
  popup_context_menu (self, x, y);
}

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

  popup_context_menu (self, point.x, point.y);
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
  gtk_widget_class_bind_template_child (widget_class, LiaisonCommunicationsPage, context_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_install_action (widget_class, "page.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "page.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "page.export-selected", NULL, export_selected_action);
  gtk_widget_class_install_action (widget_class, "page.set-client-device", NULL, set_device_action);
  gtk_widget_class_install_action (widget_class, "page.set-listener-device", NULL, set_device_action);
  gtk_widget_class_install_action (widget_class, "page.edit-selected", NULL, edit_selected_action);
  gtk_widget_class_install_action (widget_class, "page.show-statistics", NULL, show_statistics_action);
  gtk_widget_class_install_action (widget_class, "page.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "page.context-menu", NULL, context_menu_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "page.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "page.select-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "page.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "page.context-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "page.context-menu", NULL);

  list_item_quark = g_quark_from_static_string ("liaison-list-item");
  cell_info_quark = g_quark_from_static_string ("liaison-cell-info");
  cell_page_quark = g_quark_from_static_string ("liaison-cell-page");
  cell_row_quark = g_quark_from_static_string ("liaison-cell-row");
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
                           G_CALLBACK (on_time_zone_changed), self, G_CONNECT_SWAPPED);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (on_secondary_pressed), self, 0);
  gtk_widget_add_controller (self->column_view, GTK_EVENT_CONTROLLER (gesture));

  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (on_search_mode_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::root", G_CALLBACK (on_root_changed), NULL);

  update_selection (self);
  update_stack (self);
}

void
liaison_communications_page_set_store (LiaisonCommunicationsPage *self,
                                       LiaisonStore              *store)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LIAISON_IS_COMMUNICATIONS_PAGE (self));
  g_return_if_fail (LIAISON_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->model = liaison_communication_model_new (store);
  g_signal_connect_object (self->model, "error", G_CALLBACK (on_model_error), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::n-items", G_CALLBACK (update_stack), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::total", G_CALLBACK (update_stack), self, G_CONNECT_SWAPPED);

  on_sorter_changed (self, GTK_SORTER_CHANGE_DIFFERENT,
                     gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->column_view)));
  if (!liaison_communication_model_reload (self->model, &error))
    g_warning ("Cannot read the service communications: %s", error->message);
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
