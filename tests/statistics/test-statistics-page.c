/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "liaison-client-statistics.h"
#include "liaison-client-table-private.h"
#include "liaison-format.h"
#include "liaison-stat-listener.h"

#include "liaison-import.h"
#include "liaison-statistics-page-private.h"
#include "liaison-timeline-private.h"
#include "statistics-fixture.h"
#include "statistics-widgets.h"

/* Widgets */

/* The page under test: run_until_idle() also waits for it to read. */
static LiaisonStatisticsPage *current_page;

static void
run_until_idle (void)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  /* Let idles (the reload after "changed") and layout run, and the page
   * read its listeners in the background. */
  do
    {
      for (int i = 0; i < 50; i++)
        while (g_main_context_iteration (NULL, FALSE))
          ;
      if (current_page != NULL && liaison_statistics_page_get_loading (current_page))
        g_usleep (1000);
    }
  while (current_page != NULL && liaison_statistics_page_get_loading (current_page) &&
         g_get_monotonic_time () < end);
  g_assert_true (current_page == NULL || !liaison_statistics_page_get_loading (current_page));
  if (current_page != NULL)
    wait_for_frame (GTK_WIDGET (current_page));
}

/* A search entry tells of a change after a short delay. */
static void
wait_for_search (void)
{
  gint64 end = g_get_monotonic_time () + 400 * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  run_until_idle ();
}

/* A page @width pixels wide. A window wider than the screen (the CI's
 * Xvfb screen is 1400 pixels wide) holds it in a scrolled window that
 * gives it its width all the same. */
static LiaisonStatisticsPage *
page_in_window_of_size (Fixture    *fixture,
                        GtkWindow **window,
                        int         width,
                        int         height)
{
  LiaisonStatisticsPage *page = liaison_statistics_page_new (fixture->store);
  GdkDisplay *display = gdk_display_get_default ();
  GdkMonitor *monitor = g_list_model_get_n_items (gdk_display_get_monitors (display)) > 0
                        ? g_list_model_get_item (gdk_display_get_monitors (display), 0) : NULL;
  GdkRectangle screen = { 0, 0, G_MAXINT, G_MAXINT };
  GtkWidget *child = GTK_WIDGET (page);

  /* The listeners are read in the background: the page is made at once. */
  g_assert_true (liaison_statistics_page_get_loading (page));
  current_page = page;
  g_object_add_weak_pointer (G_OBJECT (page), (gpointer *) &current_page);
  *window = GTK_WINDOW (gtk_window_new ());
  if (monitor != NULL)
    {
      gdk_monitor_get_geometry (monitor, &screen);
      g_object_unref (monitor);
    }
  if (width > screen.width || height > screen.height)
    {
      child = gtk_scrolled_window_new ();
      gtk_widget_set_size_request (GTK_WIDGET (page), width, height);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (child), GTK_WIDGET (page));
    }
  gtk_window_set_default_size (*window, MIN (width, screen.width), MIN (height, screen.height));
  gtk_window_set_child (*window, child);
  gtk_window_present (*window);
  run_until_idle ();

  return page;
}

static LiaisonStatisticsPage *
page_in_window (Fixture    *fixture,
                GtkWindow **window)
{
  return page_in_window_of_size (fixture, window, 1200, 800);
}

static GtkWidget *
find_client (GtkWidget  *root,
             const char *client_ip)
{
  if (LIAISON_IS_CLIENT_STATISTICS (root))
    {
      GtkWidget *label = find_widget (root, GTK_TYPE_LABEL, "client-ip");

      if (label != NULL && g_strcmp0 (gtk_label_get_label (GTK_LABEL (label)), client_ip) == 0)
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_client (child, client_ip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The text of the figure @name of @client_ip. */
static const char *
figure (LiaisonStatisticsPage *page,
        const char            *client_ip,
        const char            *name)
{
  GtkWidget *client = find_client (GTK_WIDGET (page), client_ip);
  GtkWidget *label;

  g_assert_nonnull (client);
  g_assert_true (gtk_widget_is_drawable (client));
  label = find_widget (client, GTK_TYPE_LABEL, name);
  g_assert_nonnull (label);

  return gtk_label_get_label (GTK_LABEL (label));
}

/* The search of the listener list (the client table has one too). */
static GtkWidget *
listener_search (LiaisonStatisticsPage *page)
{
  return GTK_WIDGET (liaison_statistics_page_get_search_entry (page));
}

/* The selected listener's title: the page's title-2 label. */
static const char *
title (LiaisonStatisticsPage *page)
{
  g_autoptr(GPtrArray) todo = g_ptr_array_new ();

  g_ptr_array_add (todo, page);
  while (todo->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (todo, 0);

      if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "title-2"))
        return gtk_label_get_label (GTK_LABEL (widget));
      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (todo, child);
    }
  return NULL;
}

/* The seed example: 95 s active, 65 s gap, 5 s pending; netstat never measured. */
static void
test_seed_example (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWindow *window;
  LiaisonStatisticsPage *page;
  LiaisonTimeline *timeline;
  g_autofree char *description = NULL;

  import_netflow (fixture, 0, 2);
  page = page_in_window (fixture, &window);

  g_assert_cmpstr (title (page), ==, "10.0.0.5:443/tcp");

  g_assert_cmpstr (figure (page, "10.1.1.1", "netflow-active-samples"), ==, "3");
  g_assert_cmpstr (figure (page, "10.1.1.1", "netflow-total-events"), ==, "6");
  g_assert_cmpstr (figure (page, "10.1.1.1", "netflow-total-ports"), ==, "6");
  g_assert_cmpstr (figure (page, "10.1.1.1", "netflow-average-client-connections"), ==, "2.00");
  g_assert_cmpstr (figure (page, "10.1.1.1", "netflow-first-found"), ==, "2026-11-27 00:01:15");
  g_assert_cmpstr (figure (page, "10.1.1.1", "netflow-last-found"), ==, "2026-11-27 00:03:55");
  g_assert_cmpstr (figure (page, "10.1.1.1", "netflow-active-span"), ==, "1 min 35 s");
  g_assert_cmpstr (figure (page, "10.1.1.1", "netflow-gap-span"), ==, "1 min 5 s");
  g_assert_cmpstr (figure (page, "10.1.1.1", "netflow-pending"), ==, "5 s");

  /* Netflow but no netstat: dashes, never 0. */
  g_assert_cmpstr (figure (page, "10.1.1.1", "netstat-total-samples"), ==, "—");
  g_assert_cmpstr (figure (page, "10.1.1.1", "netstat-active-samples"), ==, "—");
  g_assert_cmpstr (figure (page, "10.1.1.1", "netstat-total-ports"), ==, "—");
  g_assert_cmpstr (figure (page, "10.1.1.1", "netstat-average-client-connections"), ==, "—");
  g_assert_cmpstr (figure (page, "10.1.1.1", "netstat-first-found"), ==, "—");
  g_assert_cmpstr (figure (page, "10.1.1.1", "netstat-last-found"), ==, "—");
  g_assert_cmpstr (figure (page, "10.1.1.1", "weight"), ==, "—");
  g_assert_cmpstr (figure (page, "10.1.1.1", "persistence"), ==, "—");

  timeline = LIAISON_TIMELINE (find_widget (GTK_WIDGET (page), LIAISON_TYPE_TIMELINE, NULL));
  g_assert_nonnull (timeline);
  g_assert_cmpuint (liaison_timeline_get_n_lanes (timeline), ==, 1);
  description = liaison_timeline_dup_lane_description (timeline, 0);
  g_assert_cmpstr (description, ==, "10.1.1.1: active 1 min 35 s, gap 1 min 5 s, pending 5 s");

  gtk_window_destroy (window);
  run_until_idle ();
}

/* The page follows the store: the third sample turns 15 s pending into
 * 5 s active, a 65 s gap and 5 s pending. */
static void
test_reload (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWindow *window;
  LiaisonStatisticsPage *page = page_in_window (fixture, &window);
  GtkWidget *stack = find_widget (GTK_WIDGET (page), GTK_TYPE_STACK, NULL);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");

  import_netflow (fixture, 0, 1);
  run_until_idle ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "statistics");
  g_assert_cmpstr (figure (page, "10.1.1.1", "netflow-active-span"), ==, "1 min 30 s");
  g_assert_cmpstr (figure (page, "10.1.1.1", "netflow-gap-span"), ==, "0 s");
  g_assert_cmpstr (figure (page, "10.1.1.1", "netflow-pending"), ==, "15 s");

  import_netflow (fixture, 2, 2);
  run_until_idle ();
  g_assert_cmpstr (figure (page, "10.1.1.1", "netflow-active-span"), ==, "1 min 35 s");
  g_assert_cmpstr (figure (page, "10.1.1.1", "netflow-gap-span"), ==, "1 min 5 s");
  g_assert_cmpstr (figure (page, "10.1.1.1", "netflow-pending"), ==, "5 s");

  gtk_window_destroy (window);
  run_until_idle ();
}

/* Netstat figures where netstat measured, dashes for netflow there; and
 * showing a listener from elsewhere, in any spelling, through a search
 * that hides it. */
/* The save dialog an export opens (GTK's own, without a portal). */
static GtkWindow *
wait_for_save_dialog (void)
{
  for (guint tries = 0; tries < 500; tries++)
    {
      g_autoptr(GListModel) windows = gtk_window_get_toplevels ();

      g_object_ref (windows);
      for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
        {
          g_autoptr(GtkWindow) window = g_list_model_get_item (windows, i);

          if (GTK_IS_FILE_CHOOSER_DIALOG (window))
            return window;
        }
      g_usleep (10000);
      run_until_idle ();
    }
  g_assert_not_reached ();
}

static void
test_netstat_and_show_listener (Fixture       *fixture,
                                gconstpointer  data)
{
  GtkWindow *window;
  GtkWindow *chooser;
  LiaisonStatisticsPage *page;
  GtkWidget *search;
  g_autofree char *name = NULL;

  import_netflow (fixture, 0, 2);
  import_netstat (fixture, NETSTAT_SAMPLE);
  page = page_in_window (fixture, &window);

  search = listener_search (page);
  gtk_editable_set_text (GTK_EDITABLE (search), "443");
  wait_for_search ();

  liaison_statistics_page_show_listener (page, "::ffff:10.0.0.7", 22, "tcp");
  run_until_idle ();
  g_assert_cmpstr (title (page), ==, "10.0.0.7:22/tcp");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "");

  g_assert_cmpstr (figure (page, "10.0.0.9", "netstat-total-samples"), ==, "1");
  g_assert_cmpstr (figure (page, "10.0.0.9", "netstat-active-samples"), ==, "1");
  g_assert_cmpstr (figure (page, "10.0.0.9", "netstat-total-ports"), ==, "2");
  g_assert_cmpstr (figure (page, "10.0.0.9", "netstat-average-client-connections"), ==, "2.00");
  g_assert_cmpstr (figure (page, "10.0.0.9", "weight"), ==, "2.00");
  g_assert_cmpstr (figure (page, "10.0.0.9", "persistence"), ==, "100.0 %");
  g_assert_cmpstr (figure (page, "10.0.0.9", "netstat-first-found"), ==, "2026-11-27 00:05:00");
  g_assert_cmpstr (figure (page, "10.0.0.9", "netflow-active-samples"), ==, "—");
  g_assert_cmpstr (figure (page, "10.0.0.9", "netflow-active-span"), ==, "—");
  g_assert_cmpstr (figure (page, "10.0.0.9", "netflow-pending"), ==, "—");

  liaison_statistics_page_show_listener (page, "10.0.0.5", 443, "TCP");
  run_until_idle ();
  g_assert_cmpstr (title (page), ==, "10.0.0.5:443/tcp");

  /* Exporting the listener shown suggests a file name that says which. */
  gtk_widget_activate_action (GTK_WIDGET (page), "statistics.export-selected", NULL);
  chooser = wait_for_save_dialog ();
  g_assert_cmpstr (gtk_window_get_title (chooser), ==, "Export Listener Statistics");
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpstr (name, ==, "liaison-statistics-10.0.0.5-443-tcp.json");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  run_until_idle ();

  gtk_window_destroy (window);
  run_until_idle ();
}

/* A netstat sample of web01 (ss -tanp) with a local client process. */
static const char *netstat_process_sample =
  "State     Recv-Q Send-Q      Local Address:Port        Peer Address:Port Process\n"
  "LISTEN    0      5               127.0.0.1:8080             0.0.0.0:*     users:((\"python3\",pid=6283,fd=3))\n"
  "ESTAB     0      0               127.0.0.1:8080           127.0.0.1:57916 users:((\"python3\",pid=6283,fd=8))\n"
  "ESTAB     0      0               127.0.0.1:57916          127.0.0.1:8080  users:((\"clienta\",pid=6823,fd=3))\n";

static void
collect_texts (GtkWidget *widget,
               GPtrArray *texts)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (texts, (gpointer) gtk_label_get_label (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, texts);
}

/* Whether a label on show in @page reads @text. */
static gboolean
shows (LiaisonStatisticsPage *page,
       const char            *text)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  collect_texts (GTK_WIDGET (page), texts);
  for (guint i = 0; i < texts->len; i++)
    if (g_str_equal (g_ptr_array_index (texts, i), text))
      return TRUE;
  return FALSE;
}

/* Whether a tick of the axis reads @label. */
static gboolean
has_tick (LiaisonTimeline *timeline,
          const char      *label)
{
  const char *tick;

  for (guint i = 0; (tick = liaison_timeline_get_tick_label (timeline, i)) != NULL; i++)
    if (g_str_equal (tick, label))
      return TRUE;
  return FALSE;
}

/* The tooltip over the last active span of the seed example. */
static char *
active_tooltip (LiaisonTimeline *timeline)
{
  LiaisonTime start, end, middle;

  g_assert_true (liaison_time_parse ("2026-11-27T00:03:30Z", -1, FALSE, &start));
  g_assert_true (liaison_time_parse ("2026-11-27T00:04:00Z", -1, FALSE, &end));
  g_assert_true (liaison_time_parse ("2026-11-27T00:03:52Z", -1, FALSE, &middle));
  liaison_timeline_set_visible_range (timeline, start, end);

  return liaison_timeline_dup_tooltip_markup (timeline,
                                              liaison_timeline_time_to_x (timeline, middle),
                                              liaison_timeline_get_lane_y (timeline, 0) + 7,
                                              NULL);
}

static void
set_axis_range (LiaisonTimeline *timeline)
{
  LiaisonTime start, end;

  g_assert_true (liaison_time_parse ("2026-11-27T00:00:00Z", -1, FALSE, &start));
  g_assert_true (liaison_time_parse ("2026-11-27T00:20:00Z", -1, FALSE, &end));
  liaison_timeline_set_visible_range (timeline, start, end);
}

/* What the page shows in one zone, with local time two hours east of UTC. */
typedef struct
{
  const char *setting;
  /* 10.0.0.5:443/tcp: the seed example */
  const char *netflow_first_found;
  const char *netflow_last_found;
  const char *netflow_subtitle;
  const char *last_found_cell;
  const char *tooltip;
  const char *tick;             /* on the axis from 00:00 to 00:20 UTC */
  const char *other_tick;       /* the same moment in the other zone */
  /* 127.0.0.1:8080/tcp on web01: a netstat sample with processes */
  const char *netstat_first_found;
  const char *netstat_subtitle;
} Shown;

static const Shown in_utc = {
  "utc",
  "2026-11-27 00:01:15 UTC",
  "2026-11-27 00:03:55 UTC",
  "1 client · last found 2026-11-27 00:03:55 UTC",
  "2026-11-27 00:03 UTC",
  "<b>Active</b> · 10.1.1.1\nFrom 2026-11-27 00:03:50 UTC\nTo 2026-11-27 00:03:55 UTC\nDuration 5 s",
  "00:10",
  "02:10",
  "2026-11-27 00:05:00 UTC",
  "On web01 · 1 client · last found 2026-11-27 00:05:00 UTC",
};

static const Shown in_local = {
  "local",
  "2026-11-27 02:01:15",
  "2026-11-27 02:03:55",
  "1 client · last found 2026-11-27 02:03:55",
  "2026-11-27 02:03",
  "<b>Active</b> · 10.1.1.1\nFrom 2026-11-27 02:03:50\nTo 2026-11-27 02:03:55\nDuration 5 s",
  "02:10",
  "00:10",
  "2026-11-27 02:05:00",
  "On web01 · 1 client · last found 2026-11-27 02:05:00",
};

/* 10.0.0.5:443/tcp is shown: its figures, the line under its address, its
 * row's last found, the timeline's ticks and tooltip. */
static void
assert_netflow_shown (LiaisonStatisticsPage *page,
                      LiaisonTimeline       *timeline,
                      const Shown           *shown)
{
  g_autofree char *tooltip = NULL;

  g_assert_cmpstr (figure (page, "10.1.1.1", "netflow-first-found"), ==, shown->netflow_first_found);
  g_assert_cmpstr (figure (page, "10.1.1.1", "netflow-last-found"), ==, shown->netflow_last_found);
  g_assert_true (shows (page, shown->netflow_subtitle));
  g_assert_true (shows (page, shown->last_found_cell));

  tooltip = active_tooltip (timeline);
  g_assert_cmpstr (tooltip, ==, shown->tooltip);

  set_axis_range (timeline);
  g_assert_true (has_tick (timeline, shown->tick));
  g_assert_false (has_tick (timeline, shown->other_tick));
}

/* 127.0.0.1:8080/tcp is shown: its netstat figure, its classic row and
 * the line under its address. */
static void
assert_netstat_shown (LiaisonStatisticsPage *page,
                      const Shown           *shown)
{
  GtkWidget *classic = find_widget (GTK_WIDGET (page), GTK_TYPE_LABEL, "classic-first-found");

  g_assert_cmpstr (figure (page, "127.0.0.1", "netstat-first-found"), ==, shown->netstat_first_found);
  g_assert_nonnull (classic);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (classic)), ==, shown->netstat_first_found);
  g_assert_true (shows (page, shown->netstat_subtitle));
}

static void
show_listener (LiaisonStatisticsPage *page,
               const char            *listener_ip,
               guint                  port)
{
  liaison_statistics_page_show_listener (page, listener_ip, port, "tcp");
  run_until_idle ();
}

/* With the time-zone setting on UTC, the page's times, the timeline's
 * ticks and its tooltips are in UTC, said so; on local time they are in
 * the local zone; and a change of the setting shows at once, without
 * choosing the listener again. */
static void
test_time_zone (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  LiaisonStatisticsPage *page;
  LiaisonTimeline *timeline;
  GtkWindow *window;

  g_setenv ("TZ", "Etc/GMT-2", TRUE);
  g_settings_set_string (settings, "time-zone", in_utc.setting);
  liaison_display_zone_follow_settings (liaison_display_zone_get_default (), settings);

  import_netflow (fixture, 0, 2);
  import_netstat (fixture, netstat_process_sample);
  page = page_in_window (fixture, &window);
  timeline = LIAISON_TIMELINE (find_widget (GTK_WIDGET (page), LIAISON_TYPE_TIMELINE, NULL));

  show_listener (page, "10.0.0.5", 443);
  assert_netflow_shown (page, timeline, &in_utc);
  show_listener (page, "127.0.0.1", 8080);
  assert_netstat_shown (page, &in_utc);

  /* Local time, at once */
  g_settings_set_string (settings, "time-zone", in_local.setting);
  run_until_idle ();
  assert_netstat_shown (page, &in_local);
  show_listener (page, "10.0.0.5", 443);
  assert_netflow_shown (page, timeline, &in_local);
  g_assert_false (shows (page, in_utc.last_found_cell));

  /* And back to UTC while the listener shows, the axis too */
  g_settings_set_string (settings, "time-zone", in_utc.setting);
  run_until_idle ();
  g_assert_true (has_tick (timeline, in_utc.tick));
  g_assert_false (has_tick (timeline, in_local.tick));
  assert_netflow_shown (page, timeline, &in_utc);

  g_settings_set_string (settings, "time-zone", "local");
  g_setenv ("TZ", "UTC", TRUE);
  gtk_window_destroy (window);
  run_until_idle ();
}

/* The button that activates @action. */
static GtkWidget *
find_action (GtkWidget  *root,
             const char *action)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The page as drawn, to a PNG: for looking at what the tests saw. */
static void
save_page (LiaisonStatisticsPage *page,
           const char            *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (page));
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (GTK_WIDGET (page));
  int height = gtk_widget_get_height (GTK_WIDGET (page));
  cairo_surface_t *surface;
  cairo_t *cr;

  if (g_getenv ("LIAISON_TEST_SAVE") == NULL)
    {
      gtk_snapshot_free_to_node (snapshot);
      return;
    }
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  /* The window's background, under the page's own. */
  {
    GdkRGBA background;

    if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (page)), "window_bg_color",
                                         &background))
      gdk_rgba_parse (&background, "white");
    gdk_cairo_set_source_rgba (cr, &background);
    cairo_paint (cr);
  }
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_write_to_png (surface, name);
  cairo_surface_destroy (surface);
}

/* The client table's columns take no more width than the table shows: no
 * column is cut off at the table's edge. (GTK 4.8 measures a column view
 * with its hidden columns: the shown columns' widths are summed here.) */
static void
assert_rows_fit (LiaisonStatisticsPage *page)
{
  LiaisonClientTable *table = LIAISON_CLIENT_TABLE (find_widget (GTK_WIDGET (page), LIAISON_TYPE_CLIENT_TABLE, NULL));
  GtkColumnView *view = liaison_client_table_get_column_view (table);
  GListModel *columns = gtk_column_view_get_columns (view);
  /* The rows scroll up and down in a scroller of their own, inside the
   * one that is the table's width. */
  GtkWidget *rows = gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *scroller = gtk_widget_get_ancestor (gtk_widget_get_parent (rows), GTK_TYPE_SCROLLED_WINDOW);
  int needed = 0;
  guint shown = 0;

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (gtk_column_view_column_get_visible (column))
        {
          needed += gtk_column_view_column_get_fixed_width (column);
          shown++;
        }
    }
  g_test_message ("the client table shows %d px, its %u columns need %d", gtk_widget_get_width (scroller), shown,
                  needed);
  g_assert_cmpuint (shown, >=, 3);
  g_assert_cmpint (gtk_widget_get_width (scroller), >, 0);
  g_assert_cmpint (needed, <=, gtk_widget_get_width (scroller));
}

/* At 360, 800 and 1600 pixels wide, in light and dark style: the page
 * never needs more width than the window has (nothing is clipped), and
 * below about 700 pixels it shows one pane at a time, the listeners
 * first, then the one chosen with a button back to them. */
static void
test_sizes (Fixture       *fixture,
            gconstpointer  data)
{
  static const struct { int width; int height; gboolean folded; } sizes[] = {
    { 360, 600, TRUE }, { 800, 600, FALSE }, { 1600, 1000, FALSE },
  };

  import_netflow (fixture, 0, 2);
  import_netstat (fixture, NETSTAT_SAMPLE);

  for (guint dark = 0; dark < 2; dark++)
    for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
      {
        GtkWindow *window;
        LiaisonStatisticsPage *page;
        AdwLeaflet *leaflet;
        GtkWidget *back;
        int minimum, natural;
        g_autofree char *name = g_strdup_printf ("statistics-page-%d%s.png", sizes[i].width, dark ? "-dark" : "");

        adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                            dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
        page = page_in_window_of_size (fixture, &window, sizes[i].width, sizes[i].height);
        run_until_idle ();
        g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (page)), ==, sizes[i].width);

        gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
        g_test_message ("%d px: the page needs at least %d", sizes[i].width, minimum);
        g_assert_cmpint (minimum, <=, sizes[i].width);

        /* Styles and the page's crossfade settle in a few frames. */
        for (gint64 until = g_get_monotonic_time () + 400000; g_get_monotonic_time () < until; )
          g_main_context_iteration (NULL, FALSE);
        run_until_idle ();

        leaflet = ADW_LEAFLET (find_widget (GTK_WIDGET (page), ADW_TYPE_LEAFLET, NULL));
        g_assert_cmpint (adw_leaflet_get_folded (leaflet), ==, sizes[i].folded);
        if (sizes[i].folded)
          g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "listeners");
        save_page (page, name);

        /* The listener, then back. */
        liaison_statistics_page_show_listener (page, "10.0.0.5", 443, "tcp");
        run_until_idle ();
        g_assert_cmpstr (title (page), ==, "10.0.0.5:443/tcp");
        g_assert_cmpstr (figure (page, "10.1.1.1", "netflow-active-span"), ==, "1 min 35 s");
        back = find_action (GTK_WIDGET (page), "statistics.back");
        g_assert_nonnull (back);
        g_assert_cmpint (gtk_widget_is_drawable (back), ==, sizes[i].folded);
        if (!sizes[i].folded)
          assert_rows_fit (page);
        if (sizes[i].folded)
          {
            g_autofree char *listener_name = g_strdup_printf ("statistics-page-%d-listener%s.png", sizes[i].width,
                                                              dark ? "-dark" : "");

            g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "listener");
            while (adw_leaflet_get_child_transition_running (leaflet))
              g_main_context_iteration (NULL, TRUE);
            run_until_idle ();
            save_page (page, listener_name);
            assert_rows_fit (page);
            gtk_widget_activate_action (GTK_WIDGET (page), "statistics.back", NULL);
            run_until_idle ();
            g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "listeners");
          }
        gtk_window_destroy (window);
        run_until_idle ();
      }

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* The listeners the list shows. */
static GListModel *
listed_model (LiaisonStatisticsPage *page)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (find_widget (GTK_WIDGET (page), ADW_TYPE_LEAFLET, NULL));
  GtkWidget *sidebar = adw_leaflet_get_child_by_name (leaflet, "listeners");
  GtkColumnView *view = GTK_COLUMN_VIEW (find_widget (sidebar, GTK_TYPE_COLUMN_VIEW, NULL));

  return G_LIST_MODEL (gtk_column_view_get_model (view));
}

/* The listeners the list shows, by their titles. */
static char *
listed (LiaisonStatisticsPage *page)
{
  GListModel *model = listed_model (page);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LiaisonStatListener) listener = g_list_model_get_item (model, i);

      g_string_append_printf (text, "%s%s", i > 0 ? " " : "", liaison_stat_listener_get_title (listener));
    }
  return g_string_free (text, FALSE);
}

#define assert_listed(page, expected) \
  G_STMT_START { \
    g_autofree char *listed_ = listed (page); \
    g_assert_cmpstr (listed_, ==, (expected)); \
  } G_STMT_END

/* The listener list finds a listener by a client's address too, and says
 * when nothing matches. */
static void
test_search_clients (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWindow *window;
  LiaisonStatisticsPage *page;
  GtkWidget *search;

  import_netflow (fixture, 0, 2);
  import_netstat (fixture, NETSTAT_SAMPLE);
  page = page_in_window (fixture, &window);
  search = listener_search (page);

  /* 10.1.1.1 is a client of 10.0.0.5:443 only; 10.0.0.9 of 10.0.0.7:22. */
  assert_listed (page, "10.0.0.5:443/tcp 10.0.0.7:22/tcp");
  gtk_editable_set_text (GTK_EDITABLE (search), "10.1.1.1");
  wait_for_search ();
  assert_listed (page, "10.0.0.5:443/tcp");
  g_assert_cmpstr (title (page), ==, "10.0.0.5:443/tcp");
  gtk_editable_set_text (GTK_EDITABLE (search), "10.0.0.9");
  wait_for_search ();
  assert_listed (page, "10.0.0.7:22/tcp");
  g_assert_cmpstr (title (page), ==, "10.0.0.7:22/tcp");

  /* The searched texts lie side by side: the end of one listener's and
   * the start of the next find neither. */
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  wait_for_search ();
  {
    GListModel *model = listed_model (page);
    g_autoptr(LiaisonStatListener) first = g_list_model_get_item (model, 0);
    g_autoptr(LiaisonStatListener) second = g_list_model_get_item (model, 1);
    const char *end = liaison_stat_listener_get_search_text (first);
    g_autofree char *across = g_strconcat (end + strlen (end) - 3,
                                           liaison_stat_listener_get_search_text (second), NULL);

    across[8] = '\0';
    g_assert_null (strstr (end, across));
    g_assert_null (strstr (liaison_stat_listener_get_search_text (second), across));
    gtk_editable_set_text (GTK_EDITABLE (search), across);
    wait_for_search ();
    assert_listed (page, "");
  }

  gtk_editable_set_text (GTK_EDITABLE (search), "10.99.");
  wait_for_search ();
  g_assert_true (shows (page, "No Results"));
  g_assert_true (shows (page, "No listener, device or client address holds “10.99.”"));

  assert_listed (page, "");
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  wait_for_search ();
  g_assert_false (shows (page, "No Results"));
  assert_listed (page, "10.0.0.5:443/tcp 10.0.0.7:22/tcp");

  gtk_window_destroy (window);
  run_until_idle ();
}

/* Flows with no client port (Liaison's CSV leaves it empty) add no port
 * (statistics.md 4.1): Total Ports and the average are not known, and read
 * as a dash, not as 0 and 0.00. */
static void
test_no_client_port (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = write_file (fixture, "no-ports.csv",
                                      "start,end,client_ip,client_port,listener_ip,listener_port,protocol\n"
                                      "2026-11-27T00:01:15Z,,10.1.1.2,,10.0.0.5,443,tcp\n"
                                      "2026-11-27T00:01:45Z,,10.1.1.2,,10.0.0.5,443,tcp\n");
  const char *paths[] = { path, NULL };
  LiaisonImportOptions options = {
    .kind = LIAISON_SAMPLE_NETFLOW,
    .interval = 60,
    .start = LIAISON_TIME_NONE,
    .time = LIAISON_TIME_NONE,
  };
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  LiaisonStatisticsPage *page;

  liaison_import_files (fixture->store, &options, paths, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  page = page_in_window (fixture, &window);

  g_assert_cmpstr (figure (page, "10.1.1.2", "netflow-active-samples"), ==, "1");
  g_assert_cmpstr (figure (page, "10.1.1.2", "netflow-total-events"), ==, "2");
  g_assert_cmpstr (figure (page, "10.1.1.2", "netflow-total-ports"), ==, "—");
  g_assert_cmpstr (figure (page, "10.1.1.2", "netflow-average-client-connections"), ==, "—");

  gtk_window_destroy (window);
  run_until_idle ();
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/statistics/page/seed-example", Fixture, NULL,
              fixture_set_up, test_seed_example, fixture_tear_down);
  g_test_add ("/statistics/page/reload", Fixture, NULL,
              fixture_set_up, test_reload, fixture_tear_down);
  g_test_add ("/statistics/page/netstat-and-show-listener", Fixture, NULL,
              fixture_set_up, test_netstat_and_show_listener, fixture_tear_down);
  g_test_add ("/statistics/page/time-zone", Fixture, NULL,
              fixture_set_up, test_time_zone, fixture_tear_down);
  g_test_add ("/statistics/page/sizes", Fixture, NULL,
              fixture_set_up, test_sizes, fixture_tear_down);
  g_test_add ("/statistics/page/search-clients", Fixture, NULL,
              fixture_set_up, test_search_clients, fixture_tear_down);

  g_test_add ("/statistics/page/no-client-port", Fixture, NULL,
              fixture_set_up, test_no_client_port, fixture_tear_down);

  return g_test_run ();
}
