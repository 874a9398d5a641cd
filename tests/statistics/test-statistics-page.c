/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "liaison-client-statistics.h"
#include "liaison-format.h"
#include "liaison-import.h"
#include "liaison-statistics-page-private.h"
#include "liaison-timeline-private.h"
#include "statistics-fixture.h"

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

static LiaisonStatisticsPage *
page_in_window (Fixture    *fixture,
                GtkWindow **window)
{
  LiaisonStatisticsPage *page = liaison_statistics_page_new (fixture->store);

  /* The listeners are read in the background: the page is made at once. */
  g_assert_true (liaison_statistics_page_get_loading (page));
  current_page = page;
  g_object_add_weak_pointer (G_OBJECT (page), (gpointer *) &current_page);
  *window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (*window, 1200, 800);
  gtk_window_set_child (*window, GTK_WIDGET (page));
  gtk_window_present (*window);
  run_until_idle ();

  return page;
}

static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (name == NULL || g_strcmp0 (gtk_widget_get_name (root), name) == 0))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, name);

      if (found != NULL)
        return found;
    }
  return NULL;
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
static void
test_netstat_and_show_listener (Fixture       *fixture,
                                gconstpointer  data)
{
  GtkWindow *window;
  LiaisonStatisticsPage *page;
  GtkWidget *search;

  import_netflow (fixture, 0, 2);
  import_netstat (fixture, NETSTAT_SAMPLE);
  page = page_in_window (fixture, &window);

  search = find_widget (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY, NULL);
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
  g_test_add ("/statistics/page/no-client-port", Fixture, NULL,
              fixture_set_up, test_no_client_port, fixture_tear_down);

  return g_test_run ();
}
