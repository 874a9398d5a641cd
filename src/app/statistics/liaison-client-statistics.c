/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-client-statistics"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-client-statistics.h"
#include "liaison-format.h"
#include "liaison-tooltip.h"

/*
 * The figures of one client of a listener, grouped as the seed groups them:
 * Netstat, Extrapolated from Netstat, Netflow (statistics.md sections 3.3
 * and 4). Each figure's name carries the seed's description as a tooltip,
 * with the active and gap spans described as statistics.md 4.5 reads them.
 * A figure never measured reads as a dash. Each value label is named after
 * its figure (`netflow-active-span`), for styling and for tests. Times are
 * in the display zone and follow it when it changes.
 */

struct _LiaisonClientStatistics
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (LiaisonClientStatistics, liaison_client_statistics, ADW_TYPE_BIN)

typedef enum
{
  VALUE_COUNT,
  VALUE_DECIMAL,
  VALUE_PERCENT,
  VALUE_TIME,
  VALUE_DURATION,
} ValueKind;

typedef struct
{
  const char *name;
  const char *label;
  const char *description;
} Figure;

/* The seed's descriptions, with the spans corrected (statistics.md 4.5). */

static const Figure netstat_figures[] = {
  { "netstat-total-samples", N_("Total Samples"),
    N_("How many times Liaison has discovered the listener (using netstat) since this connection was discovered.") },
  { "netstat-active-samples", N_("Active Samples"),
    N_("How many times Liaison found this connection itself.") },
  { "netstat-total-ports", N_("Total Ports"),
    N_("How many open connections (client ports) were found. This is a running total.") },
  { "netstat-average-client-connections", N_("Average Client Connections"),
    N_("A calculated number: Netstat Total Ports / Netstat Active Samples.") },
  { "netstat-first-found", N_("Client Connection First Found"),
    N_("First time Liaison detected this connection.") },
  { "netstat-last-found", N_("Client Connection Last Found"),
    N_("Last time Liaison detected this connection.") },
  { "netstat-runs", N_("Activity Runs"),
    N_("Stretches of consecutive samples in which Liaison found this connection. A sample in which the "
       "listener was not found breaks none of them; the timeline draws them.") },
};

static const Figure extrapolated_figures[] = {
  { "weight", N_("Weight"),
    N_("Weight of connection: the average number of open client connections (Netstat Total Ports / Netstat Active Samples).") },
  { "persistence", N_("Persistence"),
    /* xgettext:no-c-format */
    N_("Persistence of connection: the percentage of time that the connection is found when this listener is active "
       "(Netstat Active Samples / Netstat Total Samples × 100). Total Samples only grows when Liaison actually "
       "discovers the listener, so a service that only runs on weekends can still be connected 100% of the time.") },
};

static const Figure netflow_figures[] = {
  { "netflow-active-samples", N_("Active Samples"),
    N_("How many samples this connection was found in (this depends on how netflow is configured).") },
  { "netflow-total-events", N_("Total Events"),
    N_("How many events happened within all the samples.") },
  { "netflow-total-ports", N_("Total Ports"),
    N_("Running total of how many client ports were found.") },
  { "netflow-average-client-connections", N_("Average Client Connections"),
    N_("A calculated number: Netflow Total Ports / Netflow Active Samples.") },
  { "netflow-first-found", N_("First Found"),
    N_("First time Liaison detected this connection.") },
  { "netflow-last-found", N_("Last Found"),
    N_("Last time Liaison detected this connection.") },
  { "netflow-active-span", N_("Client Active Span"),
    N_("A running total of the time between First Found and Last Found in which a connection was found "
       "at least once per sample interval: two communications less than one sample interval apart count "
       "as active, even across a sample boundary.") },
  { "netflow-gap-span", N_("Client Gap Span"),
    N_("A running total of the time between First Found and Last Found in which no connection was found "
       "for longer than a full sample interval.") },
  { "netflow-pending", N_("Pending"),
    N_("The time after Last Found up to the end of the newest netflow sample. The next sample decides "
       "whether it was active or a gap; until then it counts in neither span.") },
  { "netflow-silent", N_("Silent For"),
    N_("The time after Last Found up to the end of the newest netflow sample, once it is longer than a "
       "sample interval: whatever comes next, it will be a gap. How long the client has not been seen.") },
};

/* Shows @time in the display zone, again whenever it changes. */

static G_DEFINE_QUARK (liaison-shown-time, shown_time)

static void
show_time (GtkWidget *label)
{
  LiaisonTime time = *(LiaisonTime *) g_object_get_qdata (G_OBJECT (label), shown_time_quark ());
  g_autofree char *text = liaison_format_time (time);

  gtk_label_set_label (GTK_LABEL (label), text);
}

static void
follow_display_zone (GtkWidget   *label,
                     LiaisonTime  time)
{
  g_object_set_qdata_full (G_OBJECT (label), shown_time_quark (), g_memdup2 (&time, sizeof time), g_free);
  g_signal_connect_object (liaison_display_zone_get_default (), "notify::time-zone",
                           G_CALLBACK (show_time), label, G_CONNECT_SWAPPED);
}

static char *
format_value (ValueKind  kind,
              gboolean   measured,
              gint64     integer,
              double     real,
              char     **tooltip)
{
  *tooltip = NULL;

  if (!measured)
    return g_strdup (LIAISON_FORMAT_NONE);

  switch (kind)
    {
    case VALUE_COUNT:
      return liaison_format_count (integer);
    case VALUE_DECIMAL:
      return liaison_format_decimal (real);
    case VALUE_PERCENT:
      return liaison_format_percent (real);
    case VALUE_TIME:
      if (integer == LIAISON_TIME_NONE)
        return g_strdup (LIAISON_FORMAT_NONE);
      *tooltip = liaison_format_time_tooltip (integer);
      return liaison_format_time (integer);
    case VALUE_DURATION:
      {
        char seconds[LIAISON_TIME_STRLEN];

        liaison_duration_to_string (integer, seconds);
        /* TRANSLATORS: the tooltip of a duration: the exact number of seconds */
        *tooltip = g_strdup_printf (_("%s seconds"), seconds);
        return liaison_format_duration (integer);
      }
    default:
      g_assert_not_reached ();
    }
}

static void
add_figure (GtkGrid      *grid,
            int           row,
            const Figure *figure,
            ValueKind     kind,
            gboolean      measured,
            gint64        integer,
            double        real)
{
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  GtkWidget *name;
  GtkWidget *value;

  text = format_value (kind, measured, integer, real, &tooltip);

  name = g_object_new (GTK_TYPE_LABEL,
                       "label", _(figure->label),
                       "xalign", 0.0f,
                       "hexpand", TRUE,
                       "wrap", TRUE,
                       "wrap-mode", PANGO_WRAP_WORD_CHAR,
                       NULL);
  gtk_widget_add_css_class (name, "dim-label");

  value = g_object_new (GTK_TYPE_LABEL,
                        "label", text,
                        "name", figure->name,
                        "xalign", 1.0f,
                        "valign", GTK_ALIGN_BASELINE,
                        NULL);
  liaison_tooltip_set_text (name, _(figure->description));
  liaison_tooltip_set_text (value, tooltip);
  gtk_widget_add_css_class (value, "numeric");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (value),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, name, NULL,
                                  -1);
  if (tooltip == NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (value),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(figure->description),
                                    -1);

  if (kind == VALUE_TIME && measured && integer != LIAISON_TIME_NONE)
    follow_display_zone (value, integer);

  gtk_grid_attach (grid, name, 0, row, 1, 1);
  gtk_grid_attach (grid, value, 1, row, 1, 1);
}

static GtkGrid *
add_card (GtkBox     *column,
          const char *title,
          const char *subtitle)
{
  GtkWidget *card;
  GtkWidget *heading;
  GtkWidget *grid;

  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_valign (card, GTK_ALIGN_START);

  heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_object_set (heading, "margin-top", 12, "margin-start", 12, "margin-end", 12, NULL);
  gtk_box_append (GTK_BOX (heading),
                  g_object_new (GTK_TYPE_LABEL,
                                "label", title,
                                "xalign", 0.0f,
                                "hexpand", TRUE,
                                "css-classes", (const char *[]) { "heading", NULL },
                                NULL));
  if (subtitle != NULL)
    gtk_box_append (GTK_BOX (heading),
                    g_object_new (GTK_TYPE_LABEL,
                                  "label", subtitle,
                                  "css-classes", (const char *[]) { "caption", "dim-label", NULL },
                                  NULL));
  gtk_box_append (GTK_BOX (card), heading);

  grid = g_object_new (GTK_TYPE_GRID,
                       "row-spacing", 6,
                       "column-spacing", 18,
                       "margin-start", 12,
                       "margin-end", 12,
                       "margin-bottom", 12,
                       NULL);
  gtk_box_append (GTK_BOX (card), grid);

  gtk_box_append (column, card);

  return GTK_GRID (grid);
}

/* A column of cards; the columns wrap under each other when narrow. */
static GtkBox *
add_column (GtkFlowBox *flow_box)
{
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  gtk_widget_set_valign (column, GTK_ALIGN_START);
  gtk_flow_box_append (flow_box, column);
  /* The flow box child would take the focus. */
  gtk_widget_set_focusable (gtk_widget_get_parent (column), FALSE);

  return GTK_BOX (column);
}

static void
liaison_client_statistics_class_init (LiaisonClientStatisticsClass *klass)
{
}

static void
liaison_client_statistics_init (LiaisonClientStatistics *self)
{
}

/**
 * liaison_client_statistics_new:
 * @record: the statistics record of one client of a listener
 *
 * Returns: (transfer floating): the client's figures
 */
GtkWidget *
liaison_client_statistics_new (const LiaisonStatRecord *record)
{
  LiaisonClientStatistics *self;
  g_autofree char *interval = NULL;
  GtkWidget *box;
  GtkWidget *header;
  GtkWidget *flow_box;
  GtkGrid *grid;
  GtkBox *column;
  gboolean ns = record->has_netstat;
  gboolean nf = record->has_netflow;
  double average_ns = ns ? liaison_stat_ratio (record->ns_total_ports, record->ns_active_samples) : -1;
  double persistence = ns ? liaison_stat_ratio (record->ns_active_samples, record->ns_total_samples) : -1;
  double average_nf = nf ? liaison_stat_ratio (record->nf_total_ports, record->nf_active_samples) : -1;

  g_return_val_if_fail (record != NULL, NULL);

  self = g_object_new (LIAISON_TYPE_CLIENT_STATISTICS, NULL);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  adw_bin_set_child (ADW_BIN (self), box);

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (header),
                  g_object_new (GTK_TYPE_LABEL,
                                "label", record->client_ip,
                                "name", "client-ip",
                                "selectable", TRUE,
                                "xalign", 0.0f,
                                "css-classes", (const char *[]) { "title-4", NULL },
                                NULL));
  if (record->client_device != NULL)
    gtk_box_append (GTK_BOX (header),
                    g_object_new (GTK_TYPE_LABEL,
                                  "label", record->client_device,
                                  "xalign", 0.0f,
                                  "valign", GTK_ALIGN_BASELINE,
                                  "css-classes", (const char *[]) { "dim-label", NULL },
                                  NULL));
  gtk_box_append (GTK_BOX (box), header);

  flow_box = g_object_new (GTK_TYPE_FLOW_BOX,
                           "selection-mode", GTK_SELECTION_NONE,
                           "homogeneous", TRUE,
                           "min-children-per-line", 1,
                           "max-children-per-line", 2,
                           "column-spacing", 12,
                           "row-spacing", 12,
                           NULL);
  gtk_box_append (GTK_BOX (box), flow_box);

  column = add_column (GTK_FLOW_BOX (flow_box));
  /* A first run from before runs were kept is outlined in the lanes; here it is said. */
  grid = add_card (column, _("Netstat"),
                   !ns ? _("Never measured")
                       : record->ns_first_run_unknown ? _("First run not known in between") : NULL);
  add_figure (grid, 0, &netstat_figures[0], VALUE_COUNT, ns, record->ns_total_samples, 0);
  add_figure (grid, 1, &netstat_figures[1], VALUE_COUNT, ns, record->ns_active_samples, 0);
  add_figure (grid, 2, &netstat_figures[2], VALUE_COUNT, ns, record->ns_total_ports, 0);
  add_figure (grid, 3, &netstat_figures[3], VALUE_DECIMAL, ns, 0, average_ns);
  add_figure (grid, 4, &netstat_figures[4], VALUE_TIME, ns, record->ns_first_found, 0);
  add_figure (grid, 5, &netstat_figures[5], VALUE_TIME, ns, record->ns_last_found, 0);
  add_figure (grid, 6, &netstat_figures[6], VALUE_COUNT, ns, record->ns_runs != NULL ? record->ns_runs->len : 0, 0);

  grid = add_card (column, _("Extrapolated from Netstat"), NULL);
  add_figure (grid, 0, &extrapolated_figures[0], VALUE_DECIMAL, ns, 0, average_ns);
  add_figure (grid, 1, &extrapolated_figures[1], VALUE_PERCENT, ns, 0,
              persistence < 0 ? -1 : 100 * persistence);

  if (nf && record->nf_interval > 0)
    {
      g_autofree char *duration = liaison_format_duration (record->nf_interval * G_GINT64_CONSTANT (1000));

      /* TRANSLATORS: the netflow sample interval, e.g. “every 1 min” */
      interval = g_strdup_printf (_("every %s"), duration);
    }
  column = add_column (GTK_FLOW_BOX (flow_box));
  grid = add_card (column, _("Netflow"), nf ? interval : _("Never measured"));
  add_figure (grid, 0, &netflow_figures[0], VALUE_COUNT, nf, record->nf_active_samples, 0);
  add_figure (grid, 1, &netflow_figures[1], VALUE_COUNT, nf, record->nf_total_events, 0);
  /* Flows with no client port (Liaison's CSV allows it) count no port
   * (statistics.md 4.1): no port counted at all is not known, not zero. */
  add_figure (grid, 2, &netflow_figures[2], VALUE_COUNT, nf && record->nf_total_ports > 0, record->nf_total_ports, 0);
  add_figure (grid, 3, &netflow_figures[3], VALUE_DECIMAL, nf && record->nf_total_ports > 0, 0, average_nf);
  add_figure (grid, 4, &netflow_figures[4], VALUE_TIME, nf, record->nf_first_found, 0);
  add_figure (grid, 5, &netflow_figures[5], VALUE_TIME, nf, record->nf_last_found, 0);
  add_figure (grid, 6, &netflow_figures[6], VALUE_DURATION, nf, record->nf_active_ms, 0);
  add_figure (grid, 7, &netflow_figures[7], VALUE_DURATION, nf, record->nf_gap_ms, 0);
  add_figure (grid, 8, &netflow_figures[8], VALUE_DURATION, nf, record->nf_pending_ms, 0);
  add_figure (grid, 9, &netflow_figures[9], VALUE_DURATION, nf, record->nf_silent_ms, 0);

  return GTK_WIDGET (self);
}

/* Classic statistics */

static GtkWidget *
add_classic_figure (AdwExpanderRow *expander,
                    const char     *name,
                    const char     *label,
                    const char     *text,
                    const char     *tooltip)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *value;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  value = g_object_new (GTK_TYPE_LABEL,
                        "label", text,
                        "name", name,
                        "css-classes", (const char *[]) { "numeric", NULL },
                        NULL);
  liaison_tooltip_set_text (value, tooltip);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
  adw_expander_row_add_row (expander, row);

  return value;
}

/**
 * liaison_classic_row_new:
 * @record: a classic (per client service) statistics record
 *
 * Returns: (transfer floating): an expander row with the record's figures
 */
GtkWidget *
liaison_classic_row_new (const LiaisonClassicRecord *record)
{
  GtkWidget *row;
  GtkWidget *value;
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped_title = NULL;
  g_autofree char *escaped_subtitle = NULL;
  g_autofree char *total = liaison_format_count (record->total_samples);
  g_autofree char *active = liaison_format_count (record->active_samples);
  g_autofree char *ports = liaison_format_count (record->total_ports);
  g_autofree char *average = liaison_format_decimal (liaison_stat_ratio (record->total_ports,
                                                                         record->active_samples));
  double ratio = liaison_stat_ratio (record->active_samples, record->total_samples);
  g_autofree char *persistence = liaison_format_percent (ratio < 0 ? -1 : 100 * ratio);
  g_autofree char *first = liaison_format_time (record->first_found);
  g_autofree char *first_tooltip = NULL;
  g_autofree char *last = liaison_format_time (record->last_found);
  g_autofree char *last_tooltip = NULL;
  const char *process = record->client_process_display_name != NULL
                        ? record->client_process_display_name
                        : record->client_process_name;

  if (record->first_found != LIAISON_TIME_NONE)
    first_tooltip = liaison_format_time_tooltip (record->first_found);
  if (record->last_found != LIAISON_TIME_NONE)
    last_tooltip = liaison_format_time_tooltip (record->last_found);

  if (record->client_device != NULL)
    /* TRANSLATORS: a classic statistics row's subtitle: client IP, client
     * device and the persistence, e.g. “10.0.0.9 on app01 · persistence 50.0 %” */
    subtitle = g_strdup_printf (_("%s on %s · persistence %s"),
                                record->client_ip, record->client_device, persistence);
  else
    /* TRANSLATORS: a classic statistics row's subtitle: client IP and the
     * persistence, e.g. “10.0.0.9 · persistence 50.0 %” */
    subtitle = g_strdup_printf (_("%s · persistence %s"), record->client_ip, persistence);

  escaped_title = g_markup_escape_text (process != NULL ? process : "", -1);
  escaped_subtitle = g_markup_escape_text (subtitle, -1);
  row = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), escaped_subtitle);
  if (process != NULL && record->client_process_name != NULL &&
      g_strcmp0 (process, record->client_process_name) != 0)
    liaison_tooltip_set_text (row, record->client_process_name);

  add_classic_figure (ADW_EXPANDER_ROW (row), "classic-total-samples", _("Total Samples"), total, NULL);
  add_classic_figure (ADW_EXPANDER_ROW (row), "classic-active-samples", _("Active Samples"), active, NULL);
  add_classic_figure (ADW_EXPANDER_ROW (row), "classic-total-ports", _("Total Ports"), ports, NULL);
  add_classic_figure (ADW_EXPANDER_ROW (row), "classic-average-client-connections",
                      _("Average Client Connections"), average, NULL);
  add_classic_figure (ADW_EXPANDER_ROW (row), "classic-persistence", _("Persistence"), persistence, NULL);
  value = add_classic_figure (ADW_EXPANDER_ROW (row), "classic-first-found", _("First Found"), first, first_tooltip);
  if (record->first_found != LIAISON_TIME_NONE)
    follow_display_zone (value, record->first_found);
  value = add_classic_figure (ADW_EXPANDER_ROW (row), "classic-last-found", _("Last Found"), last, last_tooltip);
  if (record->last_found != LIAISON_TIME_NONE)
    follow_display_zone (value, record->last_found);

  return row;
}
