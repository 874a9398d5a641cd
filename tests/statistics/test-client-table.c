/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "liaison-client-statistics.h"
#include "liaison-client-table-private.h"
#include "liaison-listener-statistics.h"
#include "liaison-statistics-page-private.h"
#include "liaison-test-fixture.h"
#include "liaison-timeline-private.h"
#include "statistics-widgets.h"

/* The client table in the Statistics page, under a display: its rows are
 * the core's records of the listener, its sorting is the timeline's lane
 * order, its filter and the timeline's clicks and time ranges steer it.
 *
 * web01's week and the seed example: 10.0.0.5:443 has 10.0.0.9 (netstat
 * on the 20th and 21st, netflow on the 27th, silent for 65 s) and
 * 10.0.0.10 (netstat on the 20th and the 23rd, silent for 5 days). */

typedef struct
{
  LiaisonTestFixture    *fixture;
  GtkWindow             *window;
  LiaisonStatisticsPage *page;
  LiaisonClientTable    *table;
  LiaisonTimeline       *timeline;
} Page;

/* Until the page has read what it reads and drawn a frame. */
static void
settle (Page *page)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (liaison_statistics_page_get_loading (page->page) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (liaison_statistics_page_get_loading (page->page));
  wait_for_frame (GTK_WIDGET (page->window));
}

/* The page of @page's fixture in a window, 10.0.0.5:443/tcp chosen. */
static void
page_show (Page *page)
{
  page->page = liaison_statistics_page_new (page->fixture->store);
  page->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (page->window, 1400, 900);
  gtk_window_set_child (page->window, GTK_WIDGET (page->page));
  gtk_window_present (page->window);
  settle (page);

  liaison_statistics_page_show_listener (page->page, "10.0.0.5", 443, "tcp");
  settle (page);
  page->table = LIAISON_CLIENT_TABLE (find_widget (GTK_WIDGET (page->page), LIAISON_TYPE_CLIENT_TABLE, NULL));
  page->timeline = LIAISON_TIMELINE (find_widget (GTK_WIDGET (page->page), LIAISON_TYPE_TIMELINE, NULL));
  g_assert_nonnull (page->table);
  g_assert_nonnull (page->timeline);
}

static void
page_open (Page *page)
{
  static const char fourth[] =
    LIAISON_TEST_CSV_HEADER
    "2026-11-27T00:04:20Z,,10.0.0.77,52001,10.0.0.6,443,tcp\n";

  page->fixture = liaison_test_fixture_new ();
  liaison_test_import_web01_week (page->fixture);
  for (guint i = 0; i < 3; i++)
    liaison_test_import_netflow_text (page->fixture, 60, liaison_test_seed_files[i]);
  liaison_test_import_netflow_text (page->fixture, 60, fourth);

  page_show (page);
}

static void
page_close (Page *page)
{
  gtk_window_destroy (page->window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_pointer (&page->fixture, liaison_test_fixture_free);
}

/* The clients shown, in order, "10.0.0.9 10.0.0.10". */
static char *
shown_clients (Page *page)
{
  GListModel *shown = liaison_client_table_get_shown (page->table);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(LiaisonClientRow) row = g_list_model_get_item (shown, i);

      g_string_append_printf (text, "%s%s", i > 0 ? " " : "", liaison_client_row_get_client (row));
    }
  return g_string_free (text, FALSE);
}

/* The timeline's lanes, by their clients, in order. */
static char *
lane_clients (Page *page)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < liaison_timeline_get_n_lanes (page->timeline); i++)
    {
      g_autofree char *description = liaison_timeline_dup_lane_description (page->timeline, i);

      *strchr (description, ':') = '\0';
      g_string_append_printf (text, "%s%s", i > 0 ? " " : "", description);
    }
  return g_string_free (text, FALSE);
}

#define assert_order(page, expected) \
  G_STMT_START { \
    g_autofree char *shown_ = shown_clients (page); \
    g_autofree char *lanes_ = lane_clients (page); \
    g_assert_cmpstr (shown_, ==, (expected)); \
    g_assert_cmpstr (lanes_, ==, (expected)); \
  } G_STMT_END

/* One row per record of the listener, sorted by any column both ways; the
 * lanes follow the rows. */
static void
test_rows_and_sort (void)
{
  static const struct
  {
    LiaisonClientColumn column;
    const char         *ascending;
  } cases[] = {
    { LIAISON_CLIENT_COLUMN_CLIENT, "10.0.0.9 10.0.0.10" },
    { LIAISON_CLIENT_COLUMN_WEIGHT, "10.0.0.10 10.0.0.9" },
    { LIAISON_CLIENT_COLUMN_NETFLOW_EVENTS, "10.0.0.10 10.0.0.9" },
    { LIAISON_CLIENT_COLUMN_SILENT, "10.0.0.9 10.0.0.10" },
    { LIAISON_CLIENT_COLUMN_LAST_FOUND, "10.0.0.10 10.0.0.9" },
  };
  Page page = { 0 };
  g_autoptr(GPtrArray) records = NULL;
  guint n_records = 0;

  page_open (&page);

  records = liaison_test_records (page.fixture->store);
  for (guint i = 0; i < records->len; i++)
    {
      const LiaisonStatRecord *r = g_ptr_array_index (records, i);

      n_records += g_str_equal (r->listener_ip, "10.0.0.5") && r->port == 443;
    }
  g_assert_cmpuint (liaison_client_table_get_n_rows (page.table), ==, n_records);
  g_assert_cmpstr (liaison_client_table_get_count_text (page.table), ==, "2 clients");
  assert_order (&page, "10.0.0.9 10.0.0.10");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GtkColumnView *view = liaison_client_table_get_column_view (page.table);
      GtkColumnViewColumn *column = liaison_client_table_get_column (page.table, cases[i].column);
      g_auto(GStrv) clients = g_strsplit (cases[i].ascending, " ", 2);
      g_autofree char *descending = g_strdup_printf ("%s %s", clients[1], clients[0]);

      g_test_message ("column %u", cases[i].column);
      gtk_column_view_sort_by_column (view, column, GTK_SORT_ASCENDING);
      assert_order (&page, cases[i].ascending);
      gtk_column_view_sort_by_column (view, column, GTK_SORT_DESCENDING);
      assert_order (&page, descending);
    }

  page_close (&page);
}

/* The filter's search, and what the table says when nothing matches. */
static void
test_filter (void)
{
  Page page = { 0 };

  page_open (&page);

  liaison_client_table_set_filter (page.table, "0.10", 0, 0);
  assert_order (&page, "10.0.0.10");
  g_assert_cmpstr (liaison_client_table_get_count_text (page.table), ==, "1 of 2 clients");

  /* Silent a day or more (the second choice of its drop-down). */
  liaison_client_table_set_filter (page.table, "", 2, 0);
  assert_order (&page, "10.0.0.10");
  /* Seen in the last day of the data (the second choice of its own). */
  liaison_client_table_set_filter (page.table, "", 0, 2);
  assert_order (&page, "10.0.0.9");

  liaison_client_table_set_filter (page.table, "10.99", 0, 0);
  assert_order (&page, "");
  g_assert_true (liaison_client_table_get_showing_none (page.table));
  g_assert_cmpstr (liaison_client_table_get_count_text (page.table), ==, "0 of 2 clients");

  liaison_client_table_set_filter (page.table, "", 0, 0);
  g_assert_false (liaison_client_table_get_showing_none (page.table));
  assert_order (&page, "10.0.0.9 10.0.0.10");

  page_close (&page);
}

/* Another listener asked for twice while it is read in a worker (as the
 * page asks again when its listeners are read again): it comes as
 * another, without the search of the one shown before. */
static void
test_other_listener_twice (void)
{
  Page page = { 0 };
  g_autoptr(LiaisonJobConnection) connection = NULL;
  g_autoptr(GPtrArray) listeners = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonListenerStatistics *statistics;
  LiaisonStatListener *other = NULL;

  page_open (&page);
  liaison_client_table_set_filter (page.table, "0.10", 0, 0);
  assert_order (&page, "10.0.0.10");

  listeners = liaison_stat_listeners_load (page.fixture->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < listeners->len; i++)
    if (liaison_stat_listener_matches (g_ptr_array_index (listeners, i), "10.0.0.6", 443, "tcp"))
      other = g_ptr_array_index (listeners, i);
  g_assert_nonnull (other);

  statistics = LIAISON_LISTENER_STATISTICS (find_widget (GTK_WIDGET (page.page), LIAISON_TYPE_LISTENER_STATISTICS, NULL));
  g_assert_nonnull (statistics);
  connection = liaison_job_connection_new (page.fixture->db);
  liaison_listener_statistics_show_later (statistics, connection, other);
  liaison_listener_statistics_show_later (statistics, connection, other);
  settle (&page);

  assert_order (&page, "10.0.0.77");
  g_assert_cmpstr (liaison_client_table_get_count_text (page.table), ==, "1 client");

  page_close (&page);
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The client whose figures show under the table. */
static const char *
detail_client (Page *page)
{
  GtkWidget *statistics = find_widget (GTK_WIDGET (page->page), LIAISON_TYPE_CLIENT_STATISTICS, NULL);
  GtkWidget *label;

  g_assert_nonnull (statistics);
  g_assert_true (gtk_widget_is_drawable (statistics));
  label = find_named (statistics, "client-ip");
  g_assert_nonnull (label);
  return gtk_label_get_label (GTK_LABEL (label));
}

/* A click on a lane selects its client, whose figures show; a time range
 * dragged out on the axis keeps the clients seen in it, until a click on
 * the axis clears it. */
static void
test_timeline_steers (void)
{
  Page page = { 0 };
  LiaisonClientRow *selected;

  page_open (&page);

  g_assert_cmpstr (detail_client (&page), ==, "10.0.0.9");
  liaison_timeline_click (page.timeline, 300, liaison_timeline_get_lane_y (page.timeline, 1));
  settle (&page);
  selected = liaison_client_table_get_selected (page.table);
  g_assert_nonnull (selected);
  g_assert_cmpstr (liaison_client_row_get_client (selected), ==, "10.0.0.10");
  g_assert_cmpstr (detail_client (&page), ==, "10.0.0.10");

  /* From the 22nd to the 24th: 10.0.0.10's run on the 23rd. */
  liaison_timeline_set_visible_range (page.timeline, liaison_test_time ("2026-11-19T00:00:00Z"),
                                      liaison_test_time ("2026-11-29T00:00:00Z"));
  liaison_timeline_drag (page.timeline, liaison_timeline_time_to_x (page.timeline, liaison_test_time ("2026-11-22T00:00:00Z")),
                         20, 0, 0);
  liaison_timeline_drag (page.timeline, liaison_timeline_time_to_x (page.timeline, liaison_test_time ("2026-11-22T00:00:00Z")),
                         20,
                         liaison_timeline_time_to_x (page.timeline, liaison_test_time ("2026-11-24T00:00:00Z")) -
                         liaison_timeline_time_to_x (page.timeline, liaison_test_time ("2026-11-22T00:00:00Z")), 0);
  liaison_timeline_drag_end (page.timeline, 100, 0);
  settle (&page);
  assert_order (&page, "10.0.0.10");
  g_assert_cmpstr (liaison_client_table_get_count_text (page.table), ==, "1 of 2 clients");

  liaison_timeline_click (page.timeline, 300, 20);
  settle (&page);
  assert_order (&page, "10.0.0.9 10.0.0.10");

  page_close (&page);
}

/* The timeline's lane count as the page shows it. */
static const char *
lane_count (Page *page)
{
  GtkWidget *label = find_widget (GTK_WIDGET (page->page), GTK_TYPE_LABEL, "lane-count");

  g_assert_nonnull (label);
  return gtk_label_get_label (GTK_LABEL (label));
}

/* Thirty clients of 10.0.0.5:443, one sample: the timeline says which of
 * its lanes are in view, its scrollbar reaches the last, and it follows
 * the table's filter. */
static void
test_lane_count (void)
{
  Page page = { 0 };
  g_autoptr(GString) sample = g_string_new (LIAISON_TEST_SS_HEADER
                                            "LISTEN     0      128     10.0.0.5:443         0.0.0.0:*\n");
  GtkAdjustment *adjustment;
  GtkWidget *scrollbar;
  guint first, end;

  page.fixture = liaison_test_fixture_new ();
  for (guint i = 0; i < 30; i++)
    g_string_append_printf (sample, "ESTAB      0      0       10.0.0.5:443         10.0.3.%u:%u\n", i + 1, 40000 + i);
  liaison_test_import_netstat_text (page.fixture, "web01", "2026-11-27T00:00:00Z", sample->str);
  page_show (&page);

  liaison_timeline_get_visible_lanes (page.timeline, &first, &end);
  g_assert_cmpuint (first, ==, 0);
  g_assert_cmpuint (end, <, 30);
  {
    g_autofree char *expected = g_strdup_printf ("lanes 1–%u of 30", end);

    g_assert_cmpstr (lane_count (&page), ==, expected);
  }
  scrollbar = find_widget (GTK_WIDGET (page.page), GTK_TYPE_SCROLLBAR, "lanes-scrollbar");
  g_assert_nonnull (scrollbar);
  g_assert_true (gtk_scrollbar_get_adjustment (GTK_SCROLLBAR (scrollbar)) ==
                 liaison_timeline_get_vadjustment (page.timeline));
  g_assert_true (gtk_widget_is_drawable (scrollbar));

  /* The scrollbar's end shows the last lane. */
  adjustment = liaison_timeline_get_vadjustment (page.timeline);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  settle (&page);
  liaison_timeline_get_visible_lanes (page.timeline, &first, &end);
  g_assert_cmpuint (end, ==, 30);
  {
    g_autofree char *expected = g_strdup_printf ("lanes %u–30 of 30", first + 1);

    g_assert_cmpstr (lane_count (&page), ==, expected);
  }

  /* Two clients match (10.0.3.3 and 10.0.3.30): two lanes, all in view,
   * no scrollbar. */
  liaison_client_table_set_filter (page.table, "10.0.3.3", 0, 0);
  settle (&page);
  g_assert_cmpstr (liaison_client_table_get_count_text (page.table), ==, "2 of 30 clients");
  g_assert_cmpuint (liaison_timeline_get_n_lanes (page.timeline), ==, 2);
  g_assert_cmpstr (lane_count (&page), ==, "2 lanes");
  g_assert_false (gtk_widget_is_drawable (scrollbar));

  /* Closed while sorted the other way: the column view drops its sorter
   * as it goes, which reorders the rows of a table being taken apart. */
  liaison_client_table_set_filter (page.table, "", 0, 0);
  gtk_column_view_sort_by_column (liaison_client_table_get_column_view (page.table),
                                  liaison_client_table_get_column (page.table, LIAISON_CLIENT_COLUMN_CLIENT),
                                  GTK_SORT_DESCENDING);
  settle (&page);
  page_close (&page);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/statistics/client-table/rows-and-sort", test_rows_and_sort);
  g_test_add_func ("/statistics/client-table/filter", test_filter);
  g_test_add_func ("/statistics/client-table/other-listener-twice", test_other_listener_twice);
  g_test_add_func ("/statistics/client-table/timeline-steers", test_timeline_steers);
  g_test_add_func ("/statistics/client-table/lane-count", test_lane_count);

  return g_test_run ();
}
