/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-listener-statistics"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-client-statistics.h"
#include "liaison-format.h"
#include "liaison-listener-statistics.h"
#include "liaison-statistics.h"
#include "liaison-timeline.h"

/*
 * The statistics of one listener, as the Statistics page shows the one
 * selected: its address and a line about it, the span timeline of its
 * clients, the figures of each client, and the classic (per client
 * process) statistics.
 */

/* Beyond this, the figures of the first clients show and a note says so;
 * the timeline always has every client. */
#define MAX_CLIENT_GROUPS 200
#define MAX_CLASSIC_ROWS  500

struct _LiaisonListenerStatistics
{
  GtkBox               parent_instance;

  LiaisonStatListener *listener;
  guint                n_clients;
  GList               *classic_rows;

  /* template */
  GtkLabel            *listener_title;
  GtkLabel            *listener_subtitle;
  LiaisonTimeline     *timeline;
  GtkBox              *clients_box;
  GtkLabel            *clients_note;
  AdwPreferencesGroup *classic_group;
};

G_DEFINE_FINAL_TYPE (LiaisonListenerStatistics, liaison_listener_statistics, GTK_TYPE_BOX)

typedef struct
{
  LiaisonStatListener *listener;
  GArray              *lanes;         /* LiaisonTimelineLane */
  GPtrArray           *strings;
  GPtrArray           *gap_arrays;
  GPtrArray           *groups;        /* GtkWidget */
  guint                n_clients;
} DetailState;

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
  DetailState *state = user_data;
  LiaisonTimelineLane lane = { 0 };

  if (!same_device (state->listener, record->listener_device))
    return TRUE;

  state->n_clients++;

  lane.label = g_strdup (record->client_ip);
  g_ptr_array_add (state->strings, (char *) lane.label);
  lane.first = LIAISON_TIME_NONE;
  lane.last = LIAISON_TIME_NONE;
  lane.pending_end = LIAISON_TIME_NONE;
  if (record->has_netflow && record->nf_first_found != LIAISON_TIME_NONE)
    {
      GArray *gaps = g_array_copy (record->nf_gaps);

      g_ptr_array_add (state->gap_arrays, gaps);
      lane.first = record->nf_first_found;
      lane.last = record->nf_last_found;
      lane.gaps = (const LiaisonGap *) (gpointer) gaps->data;
      lane.n_gaps = gaps->len;
      if (record->nf_pending_ms > 0)
        lane.pending_end = record->nf_last_found + record->nf_pending_ms;
    }
  g_array_append_val (state->lanes, lane);

  if (state->groups->len < MAX_CLIENT_GROUPS)
    g_ptr_array_add (state->groups, g_object_ref_sink (liaison_client_statistics_new (record)));

  return TRUE;
}

static gboolean
collect_classic (const LiaisonClassicRecord  *record,
                 gpointer                     user_data,
                 GError                     **error)
{
  LiaisonListenerStatistics *self = user_data;

  if (g_list_length (self->classic_rows) >= MAX_CLASSIC_ROWS)
    return TRUE;

  {
    GtkWidget *row = liaison_classic_row_new (record);

    adw_preferences_group_add (self->classic_group, row);
    self->classic_rows = g_list_prepend (self->classic_rows, row);
  }
  return TRUE;
}

static void
clear (LiaisonListenerStatistics *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->clients_box))) != NULL)
    gtk_box_remove (self->clients_box, child);

  for (GList *l = self->classic_rows; l != NULL; l = l->next)
    adw_preferences_group_remove (self->classic_group, l->data);
  g_clear_pointer (&self->classic_rows, g_list_free);
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
  clients = g_strdup_printf (ngettext ("%u client", "%u clients", self->n_clients), self->n_clients);
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

/**
 * liaison_listener_statistics_show:
 * @store: (nullable): where the statistics are
 * @listener: (nullable): the listener to show, or %NULL for none
 *
 * Shows the statistics of @listener in @store, as many as could be read.
 *
 * Returns: whether all were read
 */
gboolean
liaison_listener_statistics_show (LiaisonListenerStatistics  *self,
                                  LiaisonStore               *store,
                                  LiaisonStatListener        *listener,
                                  GError                    **error)
{
  g_autoptr(GArray) lanes = NULL;
  g_autoptr(GPtrArray) strings = NULL;
  g_autoptr(GPtrArray) gap_arrays = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  LiaisonStatFilter filter;
  DetailState state;
  gboolean read;

  g_return_val_if_fail (LIAISON_IS_LISTENER_STATISTICS (self), FALSE);
  g_return_val_if_fail (listener == NULL || LIAISON_IS_STORE (store), FALSE);

  clear (self);
  g_set_object (&self->listener, listener);

  if (listener == NULL)
    {
      liaison_timeline_set_lanes (self->timeline, NULL, 0);
      return TRUE;
    }

  filter.listener_ip = liaison_stat_listener_get_listener_ip (listener);
  filter.port = liaison_stat_listener_get_port (listener);
  filter.protocol = liaison_stat_listener_get_protocol (listener);

  lanes = g_array_new (FALSE, TRUE, sizeof (LiaisonTimelineLane));
  strings = g_ptr_array_new_with_free_func (g_free);
  gap_arrays = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  groups = g_ptr_array_new_with_free_func (g_object_unref);
  state = (DetailState) { listener, lanes, strings, gap_arrays, groups, 0 };

  /* The records and the classic records of one state of the database. */
  read = liaison_store_begin_read (store, error);
  if (read)
    {
      read = liaison_statistics_foreach_record (store, &filter, collect_record, &state, error) &&
             liaison_statistics_foreach_classic (store, &filter, collect_classic, self, error);
      liaison_store_end_read (store);
    }

  gtk_label_set_label (self->listener_title, liaison_stat_listener_get_title (listener));
  self->n_clients = state.n_clients;
  show_subtitle (self);

  liaison_timeline_set_lanes (self->timeline, (const LiaisonTimelineLane *) (gpointer) lanes->data, lanes->len);

  for (guint i = 0; i < groups->len; i++)
    gtk_box_append (self->clients_box, g_ptr_array_index (groups, i));

  if (state.n_clients > groups->len)
    {
      g_autofree char *note = NULL;

      /* TRANSLATORS: when a listener has very many clients */
      note = g_strdup_printf (ngettext ("The figures of the first %u of %u client are shown; the timeline has them all.",
                                        "The figures of the first %u of %u clients are shown; the timeline has them all.",
                                        state.n_clients),
                              groups->len, state.n_clients);
      gtk_label_set_label (self->clients_note, note);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->clients_note), state.n_clients > groups->len);
  gtk_widget_set_visible (GTK_WIDGET (self->classic_group), self->classic_rows != NULL);

  return read;
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

/* Object */

static void
liaison_listener_statistics_dispose (GObject *object)
{
  LiaisonListenerStatistics *self = LIAISON_LISTENER_STATISTICS (object);

  g_clear_pointer (&self->classic_rows, g_list_free);
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

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/liaison/Liaison/statistics/liaison-listener-statistics.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonListenerStatistics, listener_title);
  gtk_widget_class_bind_template_child (widget_class, LiaisonListenerStatistics, listener_subtitle);
  gtk_widget_class_bind_template_child (widget_class, LiaisonListenerStatistics, timeline);
  gtk_widget_class_bind_template_child (widget_class, LiaisonListenerStatistics, clients_box);
  gtk_widget_class_bind_template_child (widget_class, LiaisonListenerStatistics, clients_note);
  gtk_widget_class_bind_template_child (widget_class, LiaisonListenerStatistics, classic_group);
  gtk_widget_class_bind_template_callback (widget_class, zoom_in_cb);
  gtk_widget_class_bind_template_callback (widget_class, zoom_out_cb);
  gtk_widget_class_bind_template_callback (widget_class, zoom_to_fit_cb);
}

static void
liaison_listener_statistics_init (LiaisonListenerStatistics *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (liaison_display_zone_get_default (), "notify::time-zone",
                           G_CALLBACK (show_subtitle), self, G_CONNECT_SWAPPED);
}
