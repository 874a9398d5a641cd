/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-listener-statistics"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-client-row.h"
#include "liaison-client-statistics.h"
#include "liaison-client-table.h"
#include "liaison-format.h"
#include "liaison-job.h"
#include "liaison-listener-statistics.h"
#include "liaison-statistics.h"
#include "liaison-timeline-private.h"
#include "liaison-toast.h"
#include "liaison-tooltip.h"

/*
 * The statistics of one listener, as the Statistics page shows the one
 * selected: its address and a line about it; the activity timeline of its
 * clients, one lane each in the client table's order; the client table;
 * and the figures of the client selected there (the seed's groups and its
 * classic statistics).
 *
 * The two follow each other: a click on a lane selects its client, the
 * selected client's lane is highlighted and scrolled to, a time range
 * dragged out on the axis filters the table, and the table's lanes share
 * the timeline's time axis.
 */

#define MAX_CLASSIC_ROWS 500

struct _LiaisonListenerStatistics
{
  GtkBox               parent_instance;

  LiaisonStatListener *listener;     /* the one shown */
  guint                n_clients;
  GList               *classic_rows;
  gboolean             selecting_lane;
  guint                lane_count_source;
  GCancellable        *reading;      /* of the read in a worker, if any */

  /* template */
  GtkButton           *back_button;
  GtkLabel            *listener_title;
  GtkLabel            *listener_subtitle;
  GtkLabel            *lane_count;
  GtkFlowBox          *legend;
  LiaisonTimeline     *timeline;
  GtkScrollbar        *lanes_scrollbar;
  LiaisonClientTable  *client_table;
  GtkBox              *detail;
  GtkBox              *detail_figures;
  AdwPreferencesGroup *classic_group;
};

G_DEFINE_FINAL_TYPE (LiaisonListenerStatistics, liaison_listener_statistics, GTK_TYPE_BOX)

/* Reading */

typedef struct
{
  LiaisonStatListener *listener;
  GPtrArray           *records;     /* LiaisonStatRecord */
  GHashTable          *classic;     /* client IP -> GPtrArray of LiaisonClassicRecord */
  guint                n_classic;
} Read;

static gboolean
same_device (LiaisonStatListener *listener,
             const char          *device)
{
  /* A loopback listener is one per device; any other is one per address. */
  if (!liaison_stat_listener_get_is_loopback (listener))
    return TRUE;
  return g_strcmp0 (liaison_stat_listener_get_device (listener), device) == 0;
}

static gboolean
collect_record (const LiaisonStatRecord  *record,
                gpointer                  user_data,
                GError                  **error)
{
  Read *read = user_data;

  if (same_device (read->listener, record->listener_device))
    g_ptr_array_add (read->records, liaison_stat_record_copy (record));
  return TRUE;
}

static gboolean
collect_classic (const LiaisonClassicRecord  *record,
                 gpointer                     user_data,
                 GError                     **error)
{
  Read *read = user_data;
  GPtrArray *of_client;

  if (read->n_classic >= MAX_CLASSIC_ROWS)
    return TRUE;
  of_client = g_hash_table_lookup (read->classic, record->client_ip);
  if (of_client == NULL)
    {
      of_client = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_classic_record_free);
      g_hash_table_insert (read->classic, g_strdup (record->client_ip), of_client);
    }
  g_ptr_array_add (of_client, liaison_classic_record_copy (record));
  read->n_classic++;
  return TRUE;
}

/* The host whose samples measured the listener's clients. */
static const char *
netstat_host (GPtrArray *records)
{
  for (guint i = 0; i < records->len; i++)
    {
      const LiaisonStatRecord *record = g_ptr_array_index (records, i);

      if (record->has_netstat && record->ns_host != NULL)
        return record->ns_host;
    }
  return NULL;
}

/* Detail */

static void
clear_classic (LiaisonListenerStatistics *self)
{
  for (GList *l = self->classic_rows; l != NULL; l = l->next)
    adw_preferences_group_remove (self->classic_group, l->data);
  g_clear_pointer (&self->classic_rows, g_list_free);
}

/* The figures of the selected client. */
static void
show_detail (LiaisonListenerStatistics *self)
{
  LiaisonClientRow *row = liaison_client_table_get_selected (self->client_table);
  GtkWidget *child;
  GPtrArray *classic;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->detail_figures))) != NULL)
    gtk_box_remove (self->detail_figures, child);
  clear_classic (self);

  gtk_widget_set_visible (GTK_WIDGET (self->detail), row != NULL);
  if (row == NULL)
    return;

  gtk_box_append (self->detail_figures, liaison_client_statistics_new (liaison_client_row_get_record (row)));
  classic = liaison_client_row_get_classic (row);
  for (guint i = 0; i < classic->len; i++)
    {
      GtkWidget *classic_row = liaison_classic_row_new (g_ptr_array_index (classic, i));

      adw_preferences_group_add (self->classic_group, classic_row);
      self->classic_rows = g_list_prepend (self->classic_rows, classic_row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->classic_group), self->classic_rows != NULL);
}

/* Lanes */

static void
update_lane_count (LiaisonListenerStatistics *self)
{
  guint n = liaison_timeline_get_n_lanes (self->timeline);
  guint first = 0, end = 0;
  g_autofree char *text = NULL;
  g_autofree char *n_text = liaison_format_count (n);

  liaison_timeline_get_visible_lanes (self->timeline, &first, &end);
  if (n == 0)
    text = g_strdup (_("No clients"));
  else if (first == 0 && end >= n)
    /* TRANSLATORS: %s is a number of lanes, e.g. “1,000” */
    text = g_strdup_printf (ngettext ("%s lane", "%s lanes", n), n_text);
  else
    {
      g_autofree char *first_text = liaison_format_count (first + 1);
      g_autofree char *end_text = liaison_format_count (end);

      /* TRANSLATORS: the lanes in view of all the timeline's, e.g. “lanes 9–16 of 1,000” */
      text = g_strdup_printf (_("lanes %s–%s of %s"), first_text, end_text, n_text);
    }
  gtk_label_set_label (self->lane_count, text);
  gtk_widget_set_visible (GTK_WIDGET (self->lanes_scrollbar), n > 0 && !(first == 0 && end >= n));
}

static void
select_lane_of_selected (LiaisonListenerStatistics *self)
{
  guint position = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (liaison_client_table_get_shown (self->client_table)));

  liaison_timeline_set_selected_lane (self->timeline, position);
  if (position != GTK_INVALID_LIST_POSITION && !self->selecting_lane)
    liaison_timeline_scroll_to_lane (self->timeline, position);
}

/* The timeline's lanes: the rows that show, in the table's order. */
static GArray *
shown_lanes (LiaisonListenerStatistics *self)
{
  GListModel *shown = liaison_client_table_get_shown (self->client_table);
  guint n = g_list_model_get_n_items (shown);
  GArray *lanes = g_array_sized_new (FALSE, TRUE, sizeof (LiaisonTimelineLane), n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LiaisonClientRow) row = g_list_model_get_item (shown, i);
      LiaisonTimelineLane lane = liaison_client_row_get_lane (row);

      g_array_append_val (lanes, lane);
    }
  return lanes;
}

static void
rows_changed_cb (LiaisonListenerStatistics *self)
{
  g_autoptr(GArray) lanes = shown_lanes (self);

  liaison_timeline_update_lanes (self->timeline, (const LiaisonTimelineLane *) (gpointer) lanes->data, lanes->len);
  select_lane_of_selected (self);
  update_lane_count (self);
}

static void
selection_changed_cb (LiaisonListenerStatistics *self)
{
  show_detail (self);
  select_lane_of_selected (self);
}

static void
lane_activated_cb (LiaisonListenerStatistics *self,
                   guint                      lane)
{
  self->selecting_lane = TRUE;
  liaison_client_table_select (self->client_table, lane);
  self->selecting_lane = FALSE;
}

static void
range_selected_cb (LiaisonListenerStatistics *self,
                   gint64                     start,
                   gint64                     end)
{
  liaison_client_table_set_range (self->client_table, start, end);
}

static void
range_cleared_cb (LiaisonListenerStatistics *self)
{
  liaison_timeline_set_selected_range (self->timeline, LIAISON_TIME_NONE, LIAISON_TIME_NONE);
}

static void
update_lane_count_idle (gpointer data)
{
  LiaisonListenerStatistics *self = data;

  self->lane_count_source = 0;
  update_lane_count (self);
}

/* The view changes while the timeline is allocated, too: the lane count
 * and the scrollbar change size, so they follow after. */
static void
view_changed_cb (LiaisonListenerStatistics *self)
{
  LiaisonTime start, end;

  liaison_timeline_get_visible_range (self->timeline, &start, &end);
  liaison_client_table_set_axis (self->client_table, start, end);
  if (self->lane_count_source == 0)
    self->lane_count_source = g_idle_add_once (update_lane_count_idle, self);
}

/* Under the listener's address: its device, clients and last found, in
 * the display zone. */
static void
show_subtitle (LiaisonListenerStatistics *self)
{
  g_autofree char *last = NULL;
  g_autofree char *clients = NULL;
  g_autofree char *subtitle = NULL;

  if (self->listener == NULL)
    return;

  last = liaison_format_time (liaison_stat_listener_get_last_found (self->listener));
  {
    g_autofree char *count = liaison_format_count (self->n_clients);

    /* TRANSLATORS: %s is a number of clients, e.g. “1,000” */
    clients = g_strdup_printf (ngettext ("%s client", "%s clients", self->n_clients), count);
  }
  if (liaison_stat_listener_get_device (self->listener) != NULL)
    /* TRANSLATORS: under the listener's address: its device, the number of
     * clients and when a client was last found */
    subtitle = g_strdup_printf (_("On %s · %s · last found %s"),
                                liaison_stat_listener_get_device (self->listener), clients, last);
  else
    /* TRANSLATORS: under the listener's address: the number of clients and
     * when a client was last found */
    subtitle = g_strdup_printf (_("%s · last found %s"), clients, last);
  gtk_label_set_label (self->listener_subtitle, subtitle);
}

/* Reads the listener's records, classic records and sample moments. */
static gboolean
read_listener (LiaisonStore         *store,
               LiaisonStatListener  *listener,
               Read                 *read,
               GArray               *moments,
               LiaisonTime          *newest_end,
               GError              **error)
{
  LiaisonStatFilter filter;
  const char *host;
  gboolean ok;

  filter.listener_ip = liaison_stat_listener_get_listener_ip (listener);
  filter.port = liaison_stat_listener_get_port (listener);
  filter.protocol = liaison_stat_listener_get_protocol (listener);

  /* All of one state of the database. */
  if (!liaison_store_begin_read (store, error))
    return FALSE;
  if (!liaison_statistics_foreach_record (store, &filter, collect_record, read, error) ||
      !liaison_statistics_foreach_classic (store, &filter, collect_classic, read, error) ||
      !liaison_statistics_newest_window_end (store, newest_end, error))
    {
      liaison_store_end_read (store);
      return FALSE;
    }

  host = netstat_host (read->records);
  ok = host == NULL ||
       liaison_statistics_listener_moments (store, host, filter.listener_ip, filter.port, filter.protocol,
                                            moments, error);
  liaison_store_end_read (store);
  return ok;
}

/* What is read of a listener: on the main thread from a file, in a worker
 * from a server (team.md 3). */
typedef struct
{
  Read         read;
  GArray      *moments;
  LiaisonTime  newest_end;
  gboolean     read_all;
  GError      *error;      /* why not */
} Reading;

static Reading *
reading_new (LiaisonStatListener *listener)
{
  Reading *reading = g_new0 (Reading, 1);

  reading->read.listener = g_object_ref (listener);
  reading->read.records = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_stat_record_free);
  reading->read.classic = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  reading->moments = g_array_new (FALSE, FALSE, sizeof (LiaisonTime));
  reading->newest_end = LIAISON_TIME_NONE;
  return reading;
}

static void
reading_free (gpointer data)
{
  Reading *reading = data;

  g_clear_object (&reading->read.listener);
  g_clear_pointer (&reading->read.records, g_ptr_array_unref);
  g_clear_pointer (&reading->read.classic, g_hash_table_unref);
  g_clear_pointer (&reading->moments, g_array_unref);
  g_clear_error (&reading->error);
  g_free (reading);
}

/* As many as could be read; the reason for the rest in reading->error. */
static void
read_into (LiaisonStore *store,
           Reading      *reading)
{
  reading->read_all = read_listener (store, reading->read.listener, &reading->read, reading->moments,
                                     &reading->newest_end, &reading->error);
}

static void
show_reading (LiaisonListenerStatistics *self,
              Reading                   *reading)
{
  LiaisonStatListener *listener = reading->read.listener;
  GPtrArray *records = reading->read.records;
  GHashTable *classic = reading->read.classic;
  GArray *moments = reading->moments;
  /* The listener shown, not the one last asked for: one asked for twice
   * while it is read in a worker is another still, when it comes. */
  gboolean same = self->listener != NULL &&
                  g_str_equal (liaison_stat_listener_get_key (listener), liaison_stat_listener_get_key (self->listener));
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) lanes = NULL;
  LiaisonTime netstat_end, data_end;

  netstat_end = moments->len > 0 ? g_array_index (moments, LiaisonTime, moments->len - 1) : LIAISON_TIME_NONE;
  data_end = MAX (reading->newest_end, netstat_end);
  rows = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < records->len; i++)
    {
      const LiaisonStatRecord *record = g_ptr_array_index (records, i);
      LiaisonClientRow *row = liaison_client_row_new (record, netstat_end);
      GPtrArray *of_client = g_hash_table_lookup (classic, record->client_ip);

      for (guint k = 0; of_client != NULL && k < of_client->len; k++)
        liaison_client_row_add_classic (row, g_ptr_array_index (of_client, k));
      /* A client's classic records show with its first record. */
      g_hash_table_remove (classic, record->client_ip);
      data_end = MAX (data_end, liaison_client_row_get_end (row));
      g_ptr_array_add (rows, row);
    }

  g_set_object (&self->listener, listener);
  gtk_label_set_label (self->listener_title, liaison_stat_listener_get_title (listener));
  self->n_clients = rows->len;
  show_subtitle (self);

  /* The lanes and the figures follow once, after the rows. */
  liaison_timeline_set_moments (self->timeline, (const LiaisonTime *) (gpointer) moments->data, moments->len);
  g_signal_handlers_block_by_func (self->client_table, rows_changed_cb, self);
  g_signal_handlers_block_by_func (self->client_table, selection_changed_cb, self);
  liaison_client_table_set_rows (self->client_table, rows, data_end, same);
  g_signal_handlers_unblock_by_func (self->client_table, selection_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->client_table, rows_changed_cb, self);

  lanes = shown_lanes (self);
  if (same)
    liaison_timeline_update_lanes (self->timeline, (const LiaisonTimelineLane *) (gpointer) lanes->data, lanes->len);
  else
    {
      liaison_timeline_set_lanes (self->timeline, (const LiaisonTimelineLane *) (gpointer) lanes->data, lanes->len);
      liaison_timeline_set_selected_range (self->timeline, LIAISON_TIME_NONE, LIAISON_TIME_NONE);
    }
  select_lane_of_selected (self);
  update_lane_count (self);
  show_detail (self);
}

/* Gives up the reading in a worker, if any; shows none for %NULL. */
static void
take_listener (LiaisonListenerStatistics *self,
               LiaisonStatListener       *listener)
{
  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  if (listener == NULL)
    {
      g_clear_object (&self->listener);
      liaison_client_table_set_rows (self->client_table, NULL, LIAISON_TIME_NONE, FALSE);
      liaison_timeline_set_lanes (self->timeline, NULL, 0);
    }
}

/**
 * liaison_listener_statistics_show:
 * @store: (nullable): where the statistics are
 * @listener: (nullable): the listener to show, or %NULL for none
 *
 * Shows the statistics of @listener in @store, as many as could be read.
 * The same listener again keeps the view, the filters and the client
 * selected.
 *
 * Returns: whether all were read
 */
gboolean
liaison_listener_statistics_show (LiaisonListenerStatistics  *self,
                                  LiaisonStore               *store,
                                  LiaisonStatListener        *listener,
                                  GError                    **error)
{
  Reading *reading;
  gboolean read_all;

  g_return_val_if_fail (LIAISON_IS_LISTENER_STATISTICS (self), FALSE);
  g_return_val_if_fail (listener == NULL || LIAISON_IS_STORE (store), FALSE);

  take_listener (self, listener);
  if (listener == NULL)
    return TRUE;

  reading = reading_new (listener);
  read_into (store, reading);
  show_reading (self, reading);
  read_all = reading->read_all;
  if (!read_all)
    g_propagate_error (error, g_steal_pointer (&reading->error));
  reading_free (reading);
  return read_all;
}

/* In a worker thread, on a connection of its own. */
static gboolean
reading_job (LiaisonStore  *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  liaison_store_set_cancellable (store, cancellable);
  read_into (store, data);
  liaison_store_set_cancellable (store, NULL);
  return TRUE;
}

static void
reading_done (gpointer      source_object,
              gpointer      data,
              const GError *error)
{
  LiaisonListenerStatistics *self = source_object;
  Reading *reading = data;

  if (error == NULL)
    show_reading (self, reading);
  if (error != NULL || !reading->read_all)
    {
      g_debug ("Cannot read the statistics of %s: %s", liaison_stat_listener_get_title (reading->read.listener),
               (error != NULL ? error : reading->error)->message);
      liaison_toast_add (GTK_WIDGET (self), adw_toast_new (_("Cannot read the statistics")));
    }
}

/**
 * liaison_listener_statistics_show_later:
 * @connection: a worker's connection to the database the statistics are in
 * @listener: (nullable): the listener to show, or %NULL for none
 *
 * Shows the statistics of @listener as liaison_listener_statistics_show()
 * does, read in a worker: what shows stays until they come.
 */
void
liaison_listener_statistics_show_later (LiaisonListenerStatistics *self,
                                        LiaisonJobConnection      *connection,
                                        LiaisonStatListener       *listener)
{
  g_return_if_fail (LIAISON_IS_LISTENER_STATISTICS (self));
  g_return_if_fail (connection != NULL);

  take_listener (self, listener);
  if (listener == NULL)
    return;

  /* Unless another listener, or none, takes over. */
  liaison_job_run_latest (self, liaison_job_connection_ref (connection), reading_job, reading_new (listener), reading_free,
                          &self->reading, reading_done);
}

/* Whether a listener's statistics are being read in a worker (for tests). */
gboolean
liaison_listener_statistics_get_reading (LiaisonListenerStatistics *self)
{
  g_return_val_if_fail (LIAISON_IS_LISTENER_STATISTICS (self), FALSE);

  return self->reading != NULL;
}

/* Shows the button back to the listeners (when the page shows one pane at a time). */
void
liaison_listener_statistics_set_back_visible (LiaisonListenerStatistics *self,
                                              gboolean                   visible)
{
  g_return_if_fail (LIAISON_IS_LISTENER_STATISTICS (self));

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), visible);
}

/* The timeline's buttons */

static void
zoom_in_cb (LiaisonListenerStatistics *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self->timeline), "timeline.zoom-in", NULL);
}

static void
zoom_out_cb (LiaisonListenerStatistics *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self->timeline), "timeline.zoom-out", NULL);
}

static void
zoom_to_fit_cb (LiaisonListenerStatistics *self)
{
  liaison_timeline_zoom_to_fit (self->timeline);
}

/* The legend: a swatch and a name for each kind of segment. */
static void
add_legend (LiaisonListenerStatistics *self)
{
  static const struct
  {
    const char *swatch;
    const char *label;
    const char *tooltip;
  } items[] = {
    { "active", N_("Netflow active"), N_("Communications less than one sample interval apart") },
    { "gap", N_("Gap"), N_("No communication for longer than a sample interval") },
    { "pending", N_("Pending"), N_("Not classified until the next sample") },
    { "silent", N_("Silent"), N_("Not seen for longer than a sample interval, up to the end of the newest sample") },
    { "run", N_("Seen by netstat"), N_("Consecutive netstat samples that found the client") },
    { "absent", N_("Sample without it"), N_("A netstat sample that found the listener but not the client") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      GtkWidget *item = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 5);
      GtkWidget *swatch = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (swatch, "swatch");
      gtk_widget_add_css_class (swatch, items[i].swatch);
      gtk_box_append (GTK_BOX (item), swatch);
      gtk_box_append (GTK_BOX (item), gtk_label_new (_(items[i].label)));
      liaison_tooltip_set_text (item, _(items[i].tooltip));
      gtk_flow_box_append (self->legend, item);
      /* The flow box child would take the focus. */
      gtk_widget_set_focusable (gtk_widget_get_parent (item), FALSE);
    }
}

/* The netstat swatch follows the timeline's purple, lighter in dark style. */
static void
dark_changed_cb (LiaisonListenerStatistics *self,
                 GParamSpec                *pspec,
                 AdwStyleManager           *manager)
{
  if (adw_style_manager_get_dark (manager))
    gtk_widget_add_css_class (GTK_WIDGET (self->legend), "dark");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->legend), "dark");
}

/* Object */

static void
liaison_listener_statistics_dispose (GObject *object)
{
  LiaisonListenerStatistics *self = LIAISON_LISTENER_STATISTICS (object);

  if (self->client_table != NULL)
    g_signal_handlers_disconnect_by_data (self->client_table, self);
  if (self->timeline != NULL)
    g_signal_handlers_disconnect_by_data (self->timeline, self);
  g_clear_pointer (&self->classic_rows, g_list_free);
  g_clear_handle_id (&self->lane_count_source, g_source_remove);
  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  g_clear_object (&self->listener);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIAISON_TYPE_LISTENER_STATISTICS);

  G_OBJECT_CLASS (liaison_listener_statistics_parent_class)->dispose (object);
}

static void
liaison_listener_statistics_class_init (LiaisonListenerStatisticsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_listener_statistics_dispose;

  g_type_ensure (LIAISON_TYPE_TIMELINE);
  g_type_ensure (LIAISON_TYPE_CLIENT_TABLE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/liaison/Liaison/statistics/liaison-listener-statistics.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonListenerStatistics, back_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonListenerStatistics, listener_title);
  gtk_widget_class_bind_template_child (widget_class, LiaisonListenerStatistics, listener_subtitle);
  gtk_widget_class_bind_template_child (widget_class, LiaisonListenerStatistics, lane_count);
  gtk_widget_class_bind_template_child (widget_class, LiaisonListenerStatistics, legend);
  gtk_widget_class_bind_template_child (widget_class, LiaisonListenerStatistics, timeline);
  gtk_widget_class_bind_template_child (widget_class, LiaisonListenerStatistics, lanes_scrollbar);
  gtk_widget_class_bind_template_child (widget_class, LiaisonListenerStatistics, client_table);
  gtk_widget_class_bind_template_child (widget_class, LiaisonListenerStatistics, detail);
  gtk_widget_class_bind_template_child (widget_class, LiaisonListenerStatistics, detail_figures);
  gtk_widget_class_bind_template_child (widget_class, LiaisonListenerStatistics, classic_group);
  gtk_widget_class_bind_template_callback (widget_class, zoom_in_cb);
  gtk_widget_class_bind_template_callback (widget_class, zoom_out_cb);
  gtk_widget_class_bind_template_callback (widget_class, zoom_to_fit_cb);
}

static void
liaison_listener_statistics_init (LiaisonListenerStatistics *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  add_legend (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (dark_changed_cb), self,
                           G_CONNECT_SWAPPED);
  dark_changed_cb (self, NULL, adw_style_manager_get_default ());
  gtk_scrollbar_set_adjustment (self->lanes_scrollbar, liaison_timeline_get_vadjustment (self->timeline));

  g_signal_connect_object (self->client_table, "rows-changed", G_CALLBACK (rows_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client_table, "selection-changed", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client_table, "range-cleared", G_CALLBACK (range_cleared_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "lane-activated", G_CALLBACK (lane_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "range-selected", G_CALLBACK (range_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "view-changed", G_CALLBACK (view_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (liaison_display_zone_get_default (), "notify::time-zone",
                           G_CALLBACK (show_subtitle), self, G_CONNECT_SWAPPED);
  gtk_widget_set_visible (GTK_WIDGET (self->detail), FALSE);
}
