/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-client-table"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "liaison-client-lane.h"
#include "liaison-client-table-private.h"
#include "liaison-format.h"
#include "liaison-tooltip.h"

/*
 * The clients of the selected listener: one sortable row each, with a
 * small lane of its activity on the timeline's time axis, and a filter
 * (search, silent at least, seen within, a time range dragged out on the
 * timeline). The rows that show, in their order, are the timeline's
 * lanes; the selected one is the one whose figures show.
 *
 * Columns that do not fit leave, least wanted first, as the table gets
 * narrow; every figure stays in the selected client's detail.
 */

#define MS_HOUR G_GINT64_CONSTANT (3600000)
#define AXIS_DELAY_MS 80
#define MS_DAY  (24 * MS_HOUR)

struct _LiaisonClientTable
{
  GtkBox               parent_instance;

  GListStore          *rows;
  GtkCustomFilter     *filter;
  GtkFilterListModel  *filtered;
  GtkSortListModel    *sorted;
  GtkSingleSelection  *selection;
  char                *search;
  LiaisonTime          data_end;
  LiaisonTime          range_start;
  LiaisonTime          range_end;
  double               axis_start;
  double               axis_end;
  int                  width_shown;
  guint                columns_source;
  guint                axis_source;
  GtkColumnViewColumn *columns[LIAISON_N_CLIENT_COLUMNS];

  /* template */
  GtkSearchEntry      *search_entry;
  GtkLabel            *count_label;
  GtkDropDown         *silent_dropdown;
  GtkDropDown         *seen_dropdown;
  GtkRevealer         *range_revealer;
  GtkLabel            *range_label;
  GtkStack            *stack;
  GtkScrolledWindow   *scroller;
  GtkColumnView       *column_view;
};

enum {
  SELECTION_CHANGED,
  ROWS_CHANGED,
  RANGE_CLEARED,
  AXIS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* None of them has arguments. */
static const char * const signal_names[N_SIGNALS] = {
  [SELECTION_CHANGED] = "selection-changed",  /* the selected client changed */
  [ROWS_CHANGED] = "rows-changed",            /* the rows that show, or their order, changed */
  [RANGE_CLEARED] = "range-cleared",          /* the time range filter was cleared in the table */
  [AXIS_CHANGED] = "axis-changed",            /* the lanes' time range changed (liaison_client_table_set_axis()) */
};

G_DEFINE_FINAL_TYPE (LiaisonClientTable, liaison_client_table, GTK_TYPE_BOX)

/* The columns: title, fixed width (the lane's: the least it takes, and it
 * takes the room left), and whether its figures are numbers. */
static const struct
{
  const char *title;
  int         width;
  gboolean    numeric;
} column_info[LIAISON_N_CLIENT_COLUMNS] = {
  [LIAISON_CLIENT_COLUMN_CLIENT] =          { N_("Client"), 140, FALSE },
  [LIAISON_CLIENT_COLUMN_DEVICE] =          { N_("Device"), 110, FALSE },
  [LIAISON_CLIENT_COLUMN_PERSISTENCE] =     { N_("Persistence"), 104, TRUE },
  [LIAISON_CLIENT_COLUMN_WEIGHT] =          { N_("Weight"), 80, TRUE },
  [LIAISON_CLIENT_COLUMN_NETSTAT_SAMPLES] = { N_("Netstat Samples"), 136, TRUE },
  [LIAISON_CLIENT_COLUMN_NETFLOW_EVENTS] =  { N_("Netflow Events"), 126, TRUE },
  [LIAISON_CLIENT_COLUMN_ACTIVE] =          { N_("Active"), 96, TRUE },
  [LIAISON_CLIENT_COLUMN_GAP] =             { N_("Gap"), 96, TRUE },
  [LIAISON_CLIENT_COLUMN_SILENT] =          { N_("Silent For"), 100, TRUE },
  [LIAISON_CLIENT_COLUMN_LAST_FOUND] =      { N_("Last Found"), 140, FALSE },
  [LIAISON_CLIENT_COLUMN_ACTIVITY] =        { N_("Activity"), 200, FALSE },
};

/* The columns from the most wanted to the least: those that fit show. */
static const LiaisonClientColumn column_priority[LIAISON_N_CLIENT_COLUMNS] = {
  LIAISON_CLIENT_COLUMN_CLIENT,
  LIAISON_CLIENT_COLUMN_SILENT,
  LIAISON_CLIENT_COLUMN_ACTIVITY,
  LIAISON_CLIENT_COLUMN_LAST_FOUND,
  LIAISON_CLIENT_COLUMN_PERSISTENCE,
  LIAISON_CLIENT_COLUMN_NETSTAT_SAMPLES,
  LIAISON_CLIENT_COLUMN_DEVICE,
  LIAISON_CLIENT_COLUMN_NETFLOW_EVENTS,
  LIAISON_CLIENT_COLUMN_WEIGHT,
  LIAISON_CLIENT_COLUMN_ACTIVE,
  LIAISON_CLIENT_COLUMN_GAP,
};

/* The choices of the two drop-downs, in milliseconds (0: any). */
static const gint64 silent_choices[] = { 0, MS_HOUR, MS_DAY, 7 * MS_DAY, 30 * MS_DAY };
static const gint64 seen_choices[] = { 0, MS_HOUR, MS_DAY, 7 * MS_DAY, 30 * MS_DAY };

/* Filter */

static gboolean
row_shows (gpointer item,
           gpointer user_data)
{
  LiaisonClientTable *self = user_data;
  LiaisonClientFilter filter = {
    .search = self->search,
    .silent_at_least = silent_choices[MIN (gtk_drop_down_get_selected (self->silent_dropdown),
                                           G_N_ELEMENTS (silent_choices) - 1)],
    .seen_within = seen_choices[MIN (gtk_drop_down_get_selected (self->seen_dropdown),
                                     G_N_ELEMENTS (seen_choices) - 1)],
    .data_end = self->data_end,
    .range_start = self->range_start,
    .range_end = self->range_end,
  };

  return liaison_client_row_matches (item, &filter);
}

static void
update_count (LiaisonClientTable *self)
{
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *text = NULL;

  g_autofree char *shown_text = liaison_format_count (shown);
  g_autofree char *total_text = liaison_format_count (total);

  if (shown == total)
    /* TRANSLATORS: %s is a number of clients, e.g. “1,000” */
    text = g_strdup_printf (ngettext ("%s client", "%s clients", total), total_text);
  else
    /* TRANSLATORS: clients that match the filters, of all the listener's */
    text = g_strdup_printf (ngettext ("%s of %s client", "%s of %s clients", total), shown_text, total_text);
  gtk_label_set_label (self->count_label, text);
  gtk_stack_set_visible_child_name (self->stack, shown > 0 || total == 0 ? "rows" : "none");
}

static void
filter_changed_cb (LiaisonClientTable *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_free (self->search);
  self->search = text[0] != '\0' ? g_utf8_casefold (text, -1) : NULL;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
stop_search_cb (LiaisonClientTable *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
show_range (LiaisonClientTable *self)
{
  gboolean shown = self->range_start != LIAISON_TIME_NONE;

  if (shown)
    {
      g_autofree char *from = liaison_format_time (self->range_start);
      g_autofree char *to = liaison_format_time (self->range_end);
      g_autofree char *text = NULL;

      /* TRANSLATORS: the time range dragged out on the timeline's axis */
      text = g_strdup_printf (_("Seen from %s to %s"), from, to);
      gtk_label_set_label (self->range_label, text);
    }
  gtk_revealer_set_reveal_child (self->range_revealer, shown);
}

/**
 * liaison_client_table_set_range:
 * @start: the start, or %LIAISON_TIME_NONE for any time
 *
 * Shows only the clients seen in a time range (statistics.md 3.6).
 */
void
liaison_client_table_set_range (LiaisonClientTable *self,
                                LiaisonTime         start,
                                LiaisonTime         end)
{
  g_return_if_fail (LIAISON_IS_CLIENT_TABLE (self));

  self->range_start = start;
  self->range_end = start == LIAISON_TIME_NONE ? LIAISON_TIME_NONE : end;
  show_range (self);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
clear_range_cb (LiaisonClientTable *self)
{
  liaison_client_table_set_range (self, LIAISON_TIME_NONE, LIAISON_TIME_NONE);
  g_signal_emit (self, signals[RANGE_CLEARED], 0);
}

static void
clear_filters (LiaisonClientTable *self)
{
  g_signal_handlers_block_by_func (self->search_entry, filter_changed_cb, self);
  g_signal_handlers_block_by_func (self->silent_dropdown, filter_changed_cb, self);
  g_signal_handlers_block_by_func (self->seen_dropdown, filter_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->silent_dropdown, 0);
  gtk_drop_down_set_selected (self->seen_dropdown, 0);
  g_signal_handlers_unblock_by_func (self->search_entry, filter_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->silent_dropdown, filter_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->seen_dropdown, filter_changed_cb, self);
  g_clear_pointer (&self->search, g_free);
  self->range_start = self->range_end = LIAISON_TIME_NONE;
  show_range (self);
}

static void
clear_filters_cb (LiaisonClientTable *self)
{
  gboolean had_range = self->range_start != LIAISON_TIME_NONE;

  clear_filters (self);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_LESS_STRICT);
  if (had_range)
    g_signal_emit (self, signals[RANGE_CLEARED], 0);
}

/* Rows */

/**
 * liaison_client_table_set_rows:
 * @rows: (element-type LiaisonClientRow): the listener's clients
 * @data_end: where the data ends: what “seen within” counts back from
 * @keep_filters: the same listener again: keep the filters and the
 *   selected client
 */
void
liaison_client_table_set_rows (LiaisonClientTable *self,
                               GPtrArray          *rows,
                               LiaisonTime         data_end,
                               gboolean            keep_filters)
{
  LiaisonClientRow *selected;
  g_autofree char *client = NULL;

  g_return_if_fail (LIAISON_IS_CLIENT_TABLE (self));

  selected = liaison_client_table_get_selected (self);
  if (keep_filters && selected != NULL)
    client = g_strdup (liaison_client_row_get_client (selected));
  if (!keep_filters)
    clear_filters (self);

  self->data_end = data_end;
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows != NULL ? rows->pdata : NULL, rows != NULL ? rows->len : 0);

  if (client == NULL || !liaison_client_table_select_client (self, client))
    liaison_client_table_select (self, 0);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/**
 * liaison_client_table_get_shown:
 *
 * Returns: (transfer none): the rows that show, in their order: the
 *   lanes of the timeline
 */
GListModel *
liaison_client_table_get_shown (LiaisonClientTable *self)
{
  g_return_val_if_fail (LIAISON_IS_CLIENT_TABLE (self), NULL);
  return G_LIST_MODEL (self->selection);
}

/* Returns: the number of the listener's clients, shown or not */
guint
liaison_client_table_get_n_rows (LiaisonClientTable *self)
{
  g_return_val_if_fail (LIAISON_IS_CLIENT_TABLE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->rows));
}

/* Returns: (transfer none) (nullable): the selected client */
LiaisonClientRow *
liaison_client_table_get_selected (LiaisonClientTable *self)
{
  g_return_val_if_fail (LIAISON_IS_CLIENT_TABLE (self), NULL);
  return gtk_single_selection_get_selected_item (self->selection);
}

/* Selects the row shown at @position and scrolls to it. */
void
liaison_client_table_select (LiaisonClientTable *self,
                             guint               position)
{
  GtkWidget *list_view;

  g_return_if_fail (LIAISON_IS_CLIENT_TABLE (self));

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->selection)))
    return;
  gtk_single_selection_set_selected (self->selection, position);

  /* GtkColumnView (4.8) scrolls through its inner list view's action. */
  for (list_view = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       list_view != NULL && !GTK_IS_LIST_VIEW (list_view);
       list_view = gtk_widget_get_next_sibling (list_view))
    ;
  if (list_view != NULL)
    gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", position);
}

/* Selects the row of @client_ip, when it shows. */
gboolean
liaison_client_table_select_client (LiaisonClientTable *self,
                                    const char         *client_ip)
{
  GListModel *shown = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (shown);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LiaisonClientRow) row = g_list_model_get_item (shown, i);

      if (g_strcmp0 (liaison_client_row_get_client (row), client_ip) == 0)
        {
          liaison_client_table_select (self, i);
          return TRUE;
        }
    }
  return FALSE;
}

static void
axis_changed_cb (gpointer data)
{
  LiaisonClientTable *self = data;

  self->axis_source = 0;
  g_signal_emit (self, signals[AXIS_CHANGED], 0);
}

/* The time range across the rows' lanes: the timeline's. While it moves
 * (a zoom, a pan), the lanes follow when it rests for a moment, so that
 * the timeline's frames are the timeline's alone. */
void
liaison_client_table_set_axis (LiaisonClientTable *self,
                               double              start,
                               double              end)
{
  g_return_if_fail (LIAISON_IS_CLIENT_TABLE (self));

  if (start == self->axis_start && end == self->axis_end)
    return;
  self->axis_start = start;
  self->axis_end = end;
  g_clear_handle_id (&self->axis_source, g_source_remove);
  self->axis_source = g_timeout_add_once (AXIS_DELAY_MS, axis_changed_cb, self);
}

static void
shown_changed_cb (LiaisonClientTable *self,
                  guint               position,
                  guint               removed,
                  guint               added,
                  GListModel         *model)
{
  update_count (self);
  g_signal_emit (self, signals[ROWS_CHANGED], 0);
}

static void
selection_changed_cb (LiaisonClientTable *self)
{
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

/* Cells */

/* Cells are inscriptions: text that needs no size negotiation, quick to
 * make and to bind for the couple of hundred rows a list keeps. */
static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  LiaisonClientColumn column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = g_object_new (GTK_TYPE_INSCRIPTION,
                                   "xalign", column_info[column].numeric ? 1.0f : 0.0f,
                                   "text-overflow", GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END,
                                   NULL);

  if (column_info[column].numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  LiaisonClientColumn column = GPOINTER_TO_UINT (user_data);
  LiaisonClientRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = liaison_client_row_dup_text (row, column);
  g_autofree char *tooltip = NULL;

  gtk_inscription_set_text (GTK_INSCRIPTION (label), text);
  if (g_str_equal (text, LIAISON_FORMAT_NONE))
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_remove_css_class (label, "dim-label");
  if (column == LIAISON_CLIENT_COLUMN_LAST_FOUND && liaison_client_row_get_last_found (row) != LIAISON_TIME_NONE)
    tooltip = liaison_format_time_tooltip (liaison_client_row_get_last_found (row));
  liaison_tooltip_set_text (label, tooltip);
}

static void
lane_axis_changed_cb (LiaisonClientLane  *lane,
                      LiaisonClientTable *self)
{
  liaison_client_lane_set_axis (lane, self->axis_start, self->axis_end);
}

static void
setup_lane_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               LiaisonClientTable       *self)
{
  GtkWidget *lane = liaison_client_lane_new ();

  gtk_list_item_set_child (item, lane);
  g_signal_connect_object (self, "axis-changed", G_CALLBACK (lane_axis_changed_cb), lane, G_CONNECT_SWAPPED);
}

static void
bind_lane_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              LiaisonClientTable       *self)
{
  LiaisonClientLane *lane = LIAISON_CLIENT_LANE (gtk_list_item_get_child (item));

  liaison_client_lane_set_row (lane, gtk_list_item_get_item (item));
  liaison_client_lane_set_axis (lane, self->axis_start, self->axis_end);
}

static void
unbind_lane_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  liaison_client_lane_set_row (LIAISON_CLIENT_LANE (gtk_list_item_get_child (item)), NULL);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  return liaison_client_row_compare ((LiaisonClientRow *) a, (LiaisonClientRow *) b, GPOINTER_TO_UINT (user_data));
}

static void
add_columns (LiaisonClientTable *self)
{
  for (guint c = 0; c < LIAISON_N_CLIENT_COLUMNS; c++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (compare_rows, GUINT_TO_POINTER (c), NULL));
      GtkColumnViewColumn *column;

      if (c == LIAISON_CLIENT_COLUMN_ACTIVITY)
        {
          g_signal_connect (factory, "setup", G_CALLBACK (setup_lane_cb), self);
          g_signal_connect (factory, "bind", G_CALLBACK (bind_lane_cb), self);
          g_signal_connect (factory, "unbind", G_CALLBACK (unbind_lane_cb), NULL);
        }
      else
        {
          g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), GUINT_TO_POINTER (c));
          g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), GUINT_TO_POINTER (c));
        }

      column = gtk_column_view_column_new (_(column_info[c].title), g_object_ref (factory));
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_fixed_width (column, column_info[c].width);
      gtk_column_view_column_set_resizable (column, c != LIAISON_CLIENT_COLUMN_ACTIVITY);
      /* Until the table's width is known, the most wanted only. */
      gtk_column_view_column_set_visible (column, c == LIAISON_CLIENT_COLUMN_CLIENT ||
                                                  c == LIAISON_CLIENT_COLUMN_SILENT ||
                                                  c == LIAISON_CLIENT_COLUMN_ACTIVITY);
      gtk_column_view_append_column (self->column_view, column);
      self->columns[c] = column;
      g_object_unref (column);
    }
}

/* The least width of the lanes, when the first three columns alone fill
 * a phone's width. */
#define LANE_LEAST_WIDTH 64

/* Shows the columns that fit the table's width, the most wanted first
 * (the first three always), and gives the lanes the room left, so that the
 * rows never reach past the table's edge. The lanes'
 * width is set rather than expanded: GTK 4.8's rows keep their least
 * width when a column of the header expands. */
static gboolean
show_columns_cb (gpointer data)
{
  LiaisonClientTable *self = data;
  int used = 0, others = 0;

  self->columns_source = 0;
  for (guint i = 0; i < LIAISON_N_CLIENT_COLUMNS; i++)
    {
      LiaisonClientColumn c = column_priority[i];
      gboolean visible;

      used += column_info[c].width;
      visible = i < 3 || used <= self->width_shown;
      gtk_column_view_column_set_visible (self->columns[c], visible);
      if (visible && c != LIAISON_CLIENT_COLUMN_ACTIVITY)
        others += column_info[c].width;
    }
  gtk_column_view_column_set_fixed_width (self->columns[LIAISON_CLIENT_COLUMN_ACTIVITY],
                                          MAX (LANE_LEAST_WIDTH, self->width_shown - others));
  return G_SOURCE_REMOVE;
}

/* The table's width is its scroller's page: columns follow it, between
 * frames rather than inside an allocation. */
static void
width_changed_cb (LiaisonClientTable *self,
                  GtkAdjustment      *adjustment)
{
  int width = (int) gtk_adjustment_get_page_size (adjustment);

  if (width <= 0 || width == self->width_shown)
    return;
  self->width_shown = width;
  if (self->columns_source == 0)
    self->columns_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, show_columns_cb, self, NULL);
}

static GtkStringList *
choices (const char * const *labels)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; labels[i] != NULL; i++)
    gtk_string_list_append (list, _(labels[i]));
  return list;
}

/* Object */

static void
liaison_client_table_dispose (GObject *object)
{
  LiaisonClientTable *self = LIAISON_CLIENT_TABLE (object);

  g_clear_handle_id (&self->columns_source, g_source_remove);
  g_clear_handle_id (&self->axis_source, g_source_remove);
  /* The column view drops its columns, and with them its sorter's order,
   * as it goes: the table no longer follows its rows. */
  if (self->sorted != NULL)
    g_signal_handlers_disconnect_by_data (self->sorted, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIAISON_TYPE_CLIENT_TABLE);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->rows);

  G_OBJECT_CLASS (liaison_client_table_parent_class)->dispose (object);
}

static void
liaison_client_table_finalize (GObject *object)
{
  LiaisonClientTable *self = LIAISON_CLIENT_TABLE (object);

  g_free (self->search);

  G_OBJECT_CLASS (liaison_client_table_parent_class)->finalize (object);
}

static void
liaison_client_table_class_init (LiaisonClientTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_client_table_dispose;
  object_class->finalize = liaison_client_table_finalize;

  for (guint i = 0; i < N_SIGNALS; i++)
    signals[i] = g_signal_new (signal_names[i], G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                               0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/liaison/Liaison/statistics/liaison-client-table.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonClientTable, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LiaisonClientTable, count_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonClientTable, silent_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LiaisonClientTable, seen_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LiaisonClientTable, range_revealer);
  gtk_widget_class_bind_template_child (widget_class, LiaisonClientTable, range_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonClientTable, stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonClientTable, scroller);
  gtk_widget_class_bind_template_child (widget_class, LiaisonClientTable, column_view);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_range_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_filters_cb);
}

static void
liaison_client_table_init (LiaisonClientTable *self)
{
  static const char *silent_labels[] = {
    N_("Silent or not"), N_("Silent 1 hour or more"), N_("Silent 1 day or more"),
    N_("Silent 1 week or more"), N_("Silent 30 days or more"), NULL,
  };
  static const char *seen_labels[] = {
    N_("Seen any time"), N_("Seen in the last hour"), N_("Seen in the last day"),
    N_("Seen in the last week"), N_("Seen in the last 30 days"), NULL,
  };

  self->range_start = self->range_end = LIAISON_TIME_NONE;
  self->data_end = LIAISON_TIME_NONE;
  self->axis_end = 1;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_list_store_new (LIAISON_TYPE_CLIENT_ROW);
  self->filter = gtk_custom_filter_new (row_shows, self, NULL);

  gtk_drop_down_set_model (self->silent_dropdown, G_LIST_MODEL (choices (silent_labels)));
  gtk_drop_down_set_model (self->seen_dropdown, G_LIST_MODEL (choices (seen_labels)));
  g_object_unref (gtk_drop_down_get_model (self->silent_dropdown));
  g_object_unref (gtk_drop_down_get_model (self->seen_dropdown));

  add_columns (self);

  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->rows)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->sorted, "items-changed", G_CALLBACK (shown_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_column_view_sort_by_column (self->column_view, self->columns[LIAISON_CLIENT_COLUMN_CLIENT], GTK_SORT_ASCENDING);
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->scroller), "changed",
                           G_CALLBACK (width_changed_cb), self, G_CONNECT_SWAPPED);
  update_count (self);
}

/* For the tests: the column view. */
GtkColumnView *
liaison_client_table_get_column_view (LiaisonClientTable *self)
{
  g_return_val_if_fail (LIAISON_IS_CLIENT_TABLE (self), NULL);
  return self->column_view;
}

/* For the tests: a column. */
GtkColumnViewColumn *
liaison_client_table_get_column (LiaisonClientTable  *self,
                                 LiaisonClientColumn  column)
{
  g_return_val_if_fail (LIAISON_IS_CLIENT_TABLE (self), NULL);
  g_return_val_if_fail (column < LIAISON_N_CLIENT_COLUMNS, NULL);
  return self->columns[column];
}

/* For the tests: the filter's widgets. */
void
liaison_client_table_set_filter (LiaisonClientTable *self,
                                 const char         *search,
                                 guint               silent_choice,
                                 guint               seen_choice)
{
  g_return_if_fail (LIAISON_IS_CLIENT_TABLE (self));

  gtk_drop_down_set_selected (self->silent_dropdown, silent_choice);
  gtk_drop_down_set_selected (self->seen_dropdown, seen_choice);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), search);
  filter_changed_cb (self);
}

/* For the tests: what the count and the empty state say. */
const char *
liaison_client_table_get_count_text (LiaisonClientTable *self)
{
  g_return_val_if_fail (LIAISON_IS_CLIENT_TABLE (self), NULL);
  return gtk_label_get_label (self->count_label);
}

gboolean
liaison_client_table_get_showing_none (LiaisonClientTable *self)
{
  g_return_val_if_fail (LIAISON_IS_CLIENT_TABLE (self), FALSE);
  return g_str_equal (gtk_stack_get_visible_child_name (self->stack), "none");
}
