/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-communication-cell"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-communication-cell.h"
#include "liaison-communication-row.h"
#include "liaison-communications-page-private.h"
#include "liaison-format.h"

/*
 * The cells of the Communications list: what a cell of each column is made
 * of (an inscription, or a link button for the client device, and a dash
 * when a row has none: a flow names no device), what it
 * shows of its row (times in the time zone of the setting), and how it
 * follows its row when a reload puts another service communication there.
 * A list item knows its page, its column and its row through qdata, set
 * once at setup and bind.
 */

static G_DEFINE_QUARK (liaison-list-item, list_item)
static G_DEFINE_QUARK (liaison-cell-info, cell_info)
static G_DEFINE_QUARK (liaison-cell-page, cell_page)
static G_DEFINE_QUARK (liaison-cell-row, cell_row)

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
  /* The cell is the box the link is in. */
  GtkListItem *list_item = g_object_get_qdata (G_OBJECT (gtk_widget_get_parent (GTK_WIDGET (button))),
                                               list_item_quark ());

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

/* A device link says the whole name, which a narrow column may cut, and
 * what a click does. */
static gboolean
on_link_query_tooltip (GtkWidget  *widget,
                       int         x,
                       int         y,
                       gboolean    keyboard_mode,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  const char *name = gtk_inscription_get_text (GTK_INSCRIPTION (gtk_button_get_child (GTK_BUTTON (widget))));
  g_autofree char *text = NULL;

  /* TRANSLATORS: the tooltip of a client device in the list: its name, then what a click does */
  text = g_strdup_printf (_("%s\nEdit this service communication"), name != NULL ? name : "");
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
setup_cell (GtkSignalListItemFactory  *factory,
            GtkListItem               *list_item,
            LiaisonCommunicationsPage *self)
{
  const LiaisonColumnInfo *info = g_object_get_data (G_OBJECT (factory), "column-info");
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

  if (info->kind == LIAISON_CELL_DEVICE_LINK)
    {
      GtkWidget *link;
      GtkWidget *none;

      /* The link is as wide as its text wants, within the column: an
       * inscription asks for its natural characters, not its text, so
       * they follow the name shown (render_cell()). */
      gtk_inscription_set_nat_chars (GTK_INSCRIPTION (label), 16);
      link = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (link), label);
      gtk_widget_set_halign (link, GTK_ALIGN_START);
      gtk_widget_set_has_tooltip (link, TRUE);
      g_signal_connect (link, "query-tooltip", G_CALLBACK (on_link_query_tooltip), NULL);
      gtk_widget_add_css_class (link, "liaison-device-link");
      g_signal_connect_object (link, "clicked", G_CALLBACK (on_device_link_clicked), self, 0);

      /* No device: a dash, as a figure never measured reads, not a link
       * that says so in every row of a netflow import. */
      none = gtk_inscription_new (LIAISON_FORMAT_NONE);
      gtk_inscription_set_xalign (GTK_INSCRIPTION (none), 0.0f);
      gtk_widget_add_css_class (none, "dim-label");
      gtk_widget_add_css_class (none, "liaison-no-device");
      gtk_accessible_update_property (GTK_ACCESSIBLE (none),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("No device"),
                                      -1);

      gtk_widget_add_css_class (link, "liaison-cell");
      gtk_widget_add_css_class (none, "liaison-cell");
      child = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      gtk_box_append (GTK_BOX (child), link);
      gtk_box_append (GTK_BOX (child), none);
    }
  else
    {
      child = label;
      gtk_widget_add_css_class (child, "liaison-cell");
    }

  g_object_set_qdata (G_OBJECT (child), list_item_quark (), list_item);
  /* What the cell redraws with when its row changes, set once: a bound
   * cell (the only kind told of changes) exists only inside the page. */
  g_object_set_qdata (G_OBJECT (list_item), cell_page_quark (), self);
  g_object_set_qdata (G_OBJECT (list_item), cell_info_quark (), (gpointer) info);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_cell_pressed), NULL);
  gtk_widget_add_controller (child, GTK_EVENT_CONTROLLER (gesture));

  gtk_list_item_set_child (list_item, child);
}

/* How many of the characters @inscription counts in (the widest of an
 * average character and a digit) make @text: at least sixteen, so that a
 * short name keeps the link it had. */
static guint
chars_for (GtkWidget  *inscription,
           const char *text)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (inscription, text);
  PangoFontMetrics *metrics = pango_context_get_metrics (gtk_widget_get_pango_context (inscription), NULL, NULL);
  int char_width = MAX (pango_font_metrics_get_approximate_char_width (metrics),
                        pango_font_metrics_get_approximate_digit_width (metrics));
  int width;

  pango_font_metrics_unref (metrics);
  pango_layout_get_size (layout, &width, NULL);
  if (char_width <= 0)
    return 16;
  return MAX (16, (guint) ((width + char_width - 1) / char_width));
}

/* Shows in a cell what its row holds now. */
static void
render_cell (LiaisonCommunicationsPage *self,
             GtkListItem               *list_item,
             const LiaisonColumnInfo   *info)
{
  LiaisonCommunicationRow *row = gtk_list_item_get_item (list_item);
  LiaisonCommunication *item = row != NULL ? liaison_communication_row_get_communication (row) : NULL;
  GtkWidget *child = gtk_list_item_get_child (list_item);
  g_autofree char *text = NULL;

  if (item != NULL)
    text = cell_text (self, item, info->column);

  if (info->kind == LIAISON_CELL_DEVICE_LINK)
    {
      GtkWidget *link = gtk_widget_get_first_child (child);
      GtkWidget *none = gtk_widget_get_last_child (child);
      gboolean unnamed = text == NULL || *text == '\0';

      gtk_widget_set_visible (link, item != NULL && !unnamed);
      gtk_widget_set_visible (none, item != NULL && unnamed);
      if (!unnamed)
        {
          GtkInscription *name = GTK_INSCRIPTION (gtk_button_get_child (GTK_BUTTON (link)));
          guint chars = chars_for (GTK_WIDGET (name), text);

          gtk_inscription_set_text (name, text);
          /* A long name reads in full where the column has the room; a
           * name as long as the last one measures nothing again. */
          if (gtk_inscription_get_nat_chars (name) != chars)
            gtk_inscription_set_nat_chars (name, chars);
          /* The button speaks as the device it names. */
          gtk_accessible_update_property (GTK_ACCESSIBLE (link),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                          -1);
        }
    }
  else
    {
      /* A row whose service communication is still on its way from a
       * server shows a dim ellipsis until it comes. */
      gtk_inscription_set_text (GTK_INSCRIPTION (child), item != NULL ? (text != NULL ? text : "") : "…");
      if ((item == NULL) != gtk_widget_has_css_class (child, "dim-label"))
        {
          if (item == NULL)
            gtk_widget_add_css_class (child, "dim-label");
          else
            gtk_widget_remove_css_class (child, "dim-label");
        }
    }
}

/* A reload put another service communication at the cell's position. */
static void
on_row_communication_changed (LiaisonCommunicationRow *row,
                              GParamSpec              *pspec,
                              GtkListItem             *list_item)
{
  render_cell (g_object_get_qdata (G_OBJECT (list_item), cell_page_quark ()), list_item,
               g_object_get_qdata (G_OBJECT (list_item), cell_info_quark ()));
}

static void
bind_cell (GtkSignalListItemFactory  *factory,
           GtkListItem               *list_item,
           LiaisonCommunicationsPage *self)
{
  const LiaisonColumnInfo *info = g_object_get_data (G_OBJECT (factory), "column-info");
  LiaisonCommunicationRow *row = gtk_list_item_get_item (list_item);

  render_cell (self, list_item, info);

  if (row != NULL)
    {
      g_object_set_qdata_full (G_OBJECT (list_item), cell_row_quark (), g_object_ref (row), g_object_unref);
      g_signal_connect (row, "notify::communication", G_CALLBACK (on_row_communication_changed), list_item);
    }

  /* Time cells are told when the time-zone setting changes. */
  if (info->kind == LIAISON_CELL_TIME && self->time_cells != NULL)
    g_hash_table_insert (self->time_cells, list_item, (gpointer) info);
}

static void
unbind_cell (GtkSignalListItemFactory  *factory,
             GtkListItem               *list_item,
             LiaisonCommunicationsPage *self)
{
  LiaisonCommunicationRow *row = g_object_get_qdata (G_OBJECT (list_item), cell_row_quark ());

  if (row != NULL)
    {
      g_signal_handlers_disconnect_by_func (row, on_row_communication_changed, list_item);
      g_object_set_qdata (G_OBJECT (list_item), cell_row_quark (), NULL);
    }

  if (self->time_cells != NULL)
    g_hash_table_remove (self->time_cells, list_item);
}

/**
 * liaison_communication_cell_get_list_item:
 * @widget: a cell's content
 *
 * Returns: (transfer none) (nullable): the list item whose cell @widget is
 */
GtkListItem *
liaison_communication_cell_get_list_item (GtkWidget *widget)
{
  return g_object_get_qdata (G_OBJECT (widget), list_item_quark ());
}

/**
 * liaison_communication_cell_factory_new:
 * @page: the page whose list the cells are in
 * @info: the column
 *
 * Returns: (transfer full): the factory of the cells of one column
 */
GtkListItemFactory *
liaison_communication_cell_factory_new (LiaisonCommunicationsPage *self,
                                        const LiaisonColumnInfo   *info)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "column-info", (gpointer) info);
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_cell), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cell), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_cell), self, 0);
  g_signal_connect_object (factory, "teardown", G_CALLBACK (unbind_cell), self, 0);

  return factory;
}

/**
 * liaison_communication_cell_follow_time_zone:
 *
 * The time-zone setting changed: the times shown follow at once.
 */
void
liaison_communication_cell_follow_time_zone (LiaisonCommunicationsPage *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->time_cells);
  while (g_hash_table_iter_next (&iter, &key, &value))
    render_cell (self, key, value);
}
