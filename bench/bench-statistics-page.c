/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-statistics-page"

#include "config.h"

#include <string.h>
#include <utime.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "bench-common.h"
#include "liaison-client-table-private.h"
#include "liaison-import.h"
#include "liaison-statistics-page-private.h"
#include "liaison-timeline-private.h"
#include "statistics-widgets.h"

/*
 * The Statistics page at real sizes (issue 13, point 5), under a display
 * (Xvfb): a listener with 1,000 clients and 100,000 netflow spans, and a
 * list of 100,000 listeners.
 *
 *   bench-statistics-page [--runs R] [--build-only DB]
 *
 * - first rows: from selecting the listener to the frame that shows the
 *   client table's first rows (goal 200 ms);
 * - sort: from clicking a column's sort to the frame that shows it
 *   (goal 100 ms);
 * - timeline frames: the longest of 40 frames while zooming and panning
 *   the timeline (goal 16 ms): the change's handling, then the frame's
 *   work from its before-paint to its after-paint (layout, drawing with
 *   the cairo renderer, the X server), and the median of the 40; of that
 *   the timeline's own work: the change, its render node and drawing it;
 *   the same window's frame work when nothing moves (the longest of 20);
 *   and the longest time from frame to frame, which is the frame clock's
 *   pace (a tick every 16.7 ms), not work;
 * - search: from a search of the 100,000 listeners (by a client's
 *   address) to the frame that shows its result (goal 100 ms).
 *
 * The data: web01 (10.0.0.5) listens on 443; a day of netstat samples every
 * five minutes and 200 netflow windows of five minutes, in which 1,000
 * clients come as people's clients do: most are always there, some only
 * in working hours, some come and go, some went silent hours ago. Each
 * client is active in every other netflow window: 100,000 gap segments.
 * --build-only writes that database and stops (for looking at the page).
 */

#define N_CLIENTS   1000
#define N_SAMPLES   288
#define N_WINDOWS   200
#define N_LISTENERS 100000
#define INTERVAL    300
#define T0          G_GINT64_CONSTANT (1795737600)   /* 2026-11-27T00:00:00Z */

static int opt_runs = 3;
static char *opt_build_only;

/* Data */

static char *
client_ip (guint c)
{
  return g_strdup_printf ("10.8.%u.%u", c / 250, c % 250 + 1);
}

/* Whether client @c is in netstat sample @s: four kinds of client. */
static gboolean
client_in_sample (guint c,
                  guint s)
{
  guint hour = s / 12;

  switch (c % 10)
    {
    case 6:
    case 7:
      return hour >= 8 && hour < 18;                       /* working hours */
    case 8:
      return ((s * 2654435761u) ^ (c * 40503u)) % 3 != 0;  /* comes and goes */
    case 9:
      return s < 100 + c % 50;                             /* went silent */
    default:
      return s % 97 != c % 97;                             /* nearly always */
    }
}

static gboolean
write_samples (const char  *dir,
               GPtrArray   *netstat,
               GPtrArray   *netflow,
               GError     **error)
{
  for (guint s = 0; s < N_SAMPLES; s++)
    {
      g_autoptr(GString) text = g_string_new ("State  Recv-Q Send-Q Local Address:Port Peer Address:Port\n"
                                              "LISTEN 0      128    0.0.0.0:443        0.0.0.0:*\n"
                                              "LISTEN 0      128    0.0.0.0:22         0.0.0.0:*\n");
      char *path = g_strdup_printf ("%s/web01-%03u.txt", dir, s);

      for (guint c = 0; c < N_CLIENTS; c++)
        if (client_in_sample (c, s))
          {
            g_autofree char *ip = client_ip (c);

            g_string_append_printf (text, "ESTAB  0      0      10.0.0.5:443       %s:%u\n", ip, 32768 + (s * 7 + c) % 28000);
          }
      if (s % 6 == 0)
        g_string_append (text, "ESTAB  0      0      10.0.0.5:22        10.0.0.30:50022\n");
      g_ptr_array_add (netstat, path);
      if (!g_file_set_contents (path, text->str, text->len, error))
        return FALSE;
    }

  for (guint w = 0; w < N_WINDOWS; w++)
    {
      g_autoptr(GString) text = g_string_new ("start,end,client_ip,client_port,listener_ip,listener_port,protocol\n");
      char *path = g_strdup_printf ("%s/flows-%03u.csv", dir, w);

      for (guint c = 0; c < N_CLIENTS; c++)
        {
          g_autofree char *ip = client_ip (c);
          LiaisonTime start = (T0 + (gint64) w * INTERVAL + (c * 7) % 280) * 1000;
          char from[LIAISON_TIME_STRLEN], to[LIAISON_TIME_STRLEN];

          if ((w + c) % 2 != 0 || (c % 10 == 9 && w > 120))
            continue;
          liaison_time_to_string (start, from);
          liaison_time_to_string (start + 5000, to);
          g_string_append_printf (text, "%s,%s,%s,%u,10.0.0.5,443,tcp\n", from, to, ip, 40000 + w);
        }
      g_ptr_array_add (netflow, path);
      if (!g_file_set_contents (path, text->str, text->len, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
import (LiaisonStore         *store,
        LiaisonSampleKind     kind,
        GPtrArray            *paths,
        GError              **error)
{
  LiaisonImportOptions options = {
    .kind = kind,
    .host = kind == LIAISON_SAMPLE_NETSTAT ? "web01" : NULL,
    .interval = INTERVAL,
    .start = LIAISON_TIME_NONE,
    .time = LIAISON_TIME_NONE,
  };

  g_ptr_array_add (paths, NULL);
  return liaison_import_files (store, &options, (const char * const *) paths->pdata, NULL, NULL, NULL, NULL, error);
}

/* The sample moments: the files' modification times, five minutes apart. */
static void
set_times (GPtrArray *paths)
{
  for (guint i = 0; i < paths->len; i++)
    {
      struct utimbuf times = { T0 + i * INTERVAL, T0 + i * INTERVAL };

      g_utime (g_ptr_array_index (paths, i), &times);
    }
}

static gboolean
build_listener_database (const char  *path,
                         GError     **error)
{
  g_autofree char *dir = g_dir_make_tmp ("liaison-bench-page-XXXXXX", error);
  g_autoptr(GPtrArray) netstat = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) netflow = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LiaisonStore) store = NULL;
  gint64 start = g_get_monotonic_time ();
  gboolean ok;

  if (dir == NULL || !write_samples (dir, netstat, netflow, error))
    return FALSE;
  set_times (netstat);
  bench_remove_database (path);
  store = liaison_store_open (path, error);
  ok = store != NULL && import (store, LIAISON_SAMPLE_NETSTAT, netstat, error) &&
       import (store, LIAISON_SAMPLE_NETFLOW, netflow, error);

  for (guint i = 0; i < netstat->len; i++)
    if (g_ptr_array_index (netstat, i) != NULL)
      g_remove (g_ptr_array_index (netstat, i));
  for (guint i = 0; i < netflow->len; i++)
    if (g_ptr_array_index (netflow, i) != NULL)
      g_remove (g_ptr_array_index (netflow, i));
  g_rmdir (dir);

  g_printerr ("built %s in %.1f s\n", path, bench_ms (start, g_get_monotonic_time ()) / 1000.0);
  return ok;
}

/* 100,000 listeners, one client each. */
static gboolean
build_listeners_database (const char  *path,
                          GError     **error)
{
  g_autofree char *csv = g_strconcat (path, ".csv", NULL);
  g_autoptr(GString) text = g_string_new ("start,end,client_ip,client_port,listener_ip,listener_port,protocol\n");
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  g_autoptr(LiaisonStore) store = NULL;
  gboolean ok;

  for (guint i = 0; i < N_LISTENERS; i++)
    {
      char at[LIAISON_TIME_STRLEN];

      liaison_time_to_string ((T0 + i % 280) * 1000, at);
      g_string_append_printf (text, "%s,,10.9.%u.%u,%u,172.16.%u.%u,%u,tcp\n",
                              at, i / 250 % 250, i % 250 + 1, 40000 + i % 20000,
                              i / 250 % 250, i % 250 + 1, 1000 + i / 62500);
    }
  if (!g_file_set_contents (csv, text->str, text->len, error))
    return FALSE;
  bench_remove_database (path);
  store = liaison_store_open (path, error);
  g_ptr_array_add (paths, csv);
  ok = store != NULL && import (store, LIAISON_SAMPLE_NETFLOW, paths, error);
  g_remove (csv);
  return ok;
}

/* The page, measured */

typedef enum
{
  PHASE_LOADING,
  PHASE_FIRST_ROWS,
  PHASE_SORT,
  PHASE_TIMELINE,
  PHASE_BASELINE,
  PHASE_DONE,
} Phase;

typedef struct
{
  LiaisonStatisticsPage *page;
  LiaisonClientTable    *table;
  LiaisonTimeline       *timeline;
  Phase                  phase;
  gint64                 phase_start;
  gint64                 frame_begin;
  gboolean               selecting;
  double                 input_ms;
  int                    step;
  double                 first_rows_ms;
  double                 sort_ms;
  double                 max_frame_ms;
  double                 max_draw_ms;
  double                 baseline_ms;
  double                 max_interval_ms;
  double                 frames_ms[40];
} Bench;

/* A frame's work runs from its before-paint to its after-paint; between
 * frames the frame clock waits for its next tick (60 a second here). */
static void
on_before_paint (GdkFrameClock *clock,
                 Bench         *bench)
{
  bench->frame_begin = g_get_monotonic_time ();
}

/* The timeline's own part of a frame: its render node, drawn the way the
 * cairo renderer draws it, into an image of its size. */
static double
draw_timeline (LiaisonTimeline *timeline)
{
  gint64 start = g_get_monotonic_time ();
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  cairo_surface_t *surface;
  cairo_t *cr;

  GTK_WIDGET_GET_CLASS (timeline)->snapshot (GTK_WIDGET (timeline), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, gtk_widget_get_width (GTK_WIDGET (timeline)),
                                        gtk_widget_get_height (GTK_WIDGET (timeline)));
  cr = cairo_create (surface);
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_clear_pointer (&node, gsk_render_node_unref);
  return bench_ms (start, g_get_monotonic_time ());
}

/* Whether the client table shows rows on screen. */
static gboolean
rows_on_screen (Bench *bench)
{
  GtkColumnView *view = liaison_client_table_get_column_view (bench->table);
  GtkWidget *list = gtk_widget_get_last_child (GTK_WIDGET (view));

  return liaison_client_table_get_n_rows (bench->table) == N_CLIENTS &&
         list != NULL && gtk_widget_get_first_child (list) != NULL &&
         gtk_widget_get_mapped (gtk_widget_get_first_child (list));
}

/* Selects the listener from the main loop, as a click's event comes,
 * rather than inside a frame's after-paint (where the frame clock then
 * waited about 50 ms more for the next frame). */
static gboolean
select_listener_cb (gpointer data)
{
  Bench *bench = data;

  bench->phase = PHASE_FIRST_ROWS;
  bench->phase_start = g_get_monotonic_time ();
  liaison_statistics_page_show_listener (bench->page, "10.0.0.5", 443, "tcp");
  return G_SOURCE_REMOVE;
}

static void
on_after_paint (GdkFrameClock *clock,
                Bench         *bench)
{
  gint64 now = g_get_monotonic_time ();

  switch (bench->phase)
    {
    case PHASE_LOADING:
      if (!liaison_statistics_page_get_loading (bench->page) && !bench->selecting)
        {
          bench->selecting = TRUE;
          g_timeout_add (5, select_listener_cb, bench);
        }
      break;

    case PHASE_FIRST_ROWS:
      if (rows_on_screen (bench))
        {
          bench->first_rows_ms = bench_ms (bench->phase_start, now);
          bench->phase = PHASE_SORT;
          bench->phase_start = g_get_monotonic_time ();
          gtk_column_view_sort_by_column (liaison_client_table_get_column_view (bench->table),
                                          liaison_client_table_get_column (bench->table, LIAISON_CLIENT_COLUMN_SILENT),
                                          GTK_SORT_DESCENDING);
        }
      break;

    case PHASE_SORT:
      bench->sort_ms = bench_ms (bench->phase_start, now);
      bench->phase = PHASE_TIMELINE;
      bench->step = -10;
      break;

    case PHASE_TIMELINE:
      /* Ten frames first: the sort's rows are bound and drawn, as they
       * are before a person's hand reaches the timeline. */
      if (bench->step < 0)
        {
          bench->step++;
          break;
        }
      if (bench->step > 0)
        {
          /* The input's handling and the frame that shows it. */
          bench->frames_ms[bench->step - 1] = bench->input_ms + bench_ms (bench->frame_begin, now);
          bench->max_frame_ms = MAX (bench->max_frame_ms, bench->frames_ms[bench->step - 1]);
          bench->max_interval_ms = MAX (bench->max_interval_ms, bench_ms (bench->phase_start, now));
        }
      if (bench->step >= 40)
        {
          bench->phase = PHASE_BASELINE;
          bench->step = 0;
          break;
        }
      bench->phase_start = g_get_monotonic_time ();
      /* Zoom in ten times, pan ten times, zoom out ten times, pan back. */
      if (bench->step < 10)
        liaison_timeline_zoom (bench->timeline, 1.5, 300);
      else if (bench->step < 20)
        liaison_timeline_drag (bench->timeline, 400, 100, 0, 0), liaison_timeline_drag (bench->timeline, 400, 100, -80, -30);
      else if (bench->step < 30)
        liaison_timeline_zoom (bench->timeline, 1 / 1.5, 300);
      else
        liaison_timeline_drag (bench->timeline, 400, 100, 0, 0), liaison_timeline_drag (bench->timeline, 400, 100, 80, 30);
      bench->input_ms = bench_ms (bench->phase_start, g_get_monotonic_time ());
      bench->max_draw_ms = MAX (bench->max_draw_ms, bench->input_ms + draw_timeline (bench->timeline));
      bench->phase_start = g_get_monotonic_time ();
      bench->step++;
      break;

    case PHASE_BASELINE:
      /* The same window drawn again with nothing changed but the
       * timeline's need to be drawn: what any frame of it costs here. */
      if (bench->step > 0)
        bench->baseline_ms = MAX (bench->baseline_ms, bench_ms (bench->frame_begin, now));
      if (bench->step >= 20)
        {
          bench->phase = PHASE_DONE;
          break;
        }
      bench->phase_start = g_get_monotonic_time ();
      gtk_widget_queue_draw (GTK_WIDGET (bench->timeline));
      bench->step++;
      break;

    case PHASE_DONE:
    default:
      break;
    }

  if (bench->phase != PHASE_DONE)
    gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
}

static gboolean
measure_page (const char  *path,
              double      *first_rows_ms,
              double      *sort_ms,
              double      *frame_ms,
              double      *draw_ms,
              double      *baseline_ms,
              double      *interval_ms,
              double      *median_frame_ms,
              GError     **error)
{
  g_autoptr(LiaisonStore) store = liaison_store_open (path, error);
  GtkWindow *window;
  Bench bench = { 0 };
  GdkFrameClock *clock;
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  if (store == NULL)
    return FALSE;

  bench.page = liaison_statistics_page_new (store);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1600, 1000);
  gtk_window_set_child (window, GTK_WIDGET (bench.page));
  bench.table = LIAISON_CLIENT_TABLE (find_widget (GTK_WIDGET (bench.page), LIAISON_TYPE_CLIENT_TABLE, NULL));
  bench.timeline = LIAISON_TIMELINE (find_widget (GTK_WIDGET (bench.page), LIAISON_TYPE_TIMELINE, NULL));
  gtk_widget_realize (GTK_WIDGET (window));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), &bench);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &bench);
  gtk_window_present (window);

  while (bench.phase != PHASE_DONE && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handlers_disconnect_by_data (clock, &bench);
  gtk_window_destroy (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  if (bench.phase != PHASE_DONE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "the page did not get through its phases");
      return FALSE;
    }
  *first_rows_ms = bench.first_rows_ms;
  *sort_ms = bench.sort_ms;
  *frame_ms = bench.max_frame_ms;
  *draw_ms = bench.max_draw_ms;
  *baseline_ms = bench.baseline_ms;
  *interval_ms = bench.max_interval_ms;
  *median_frame_ms = bench_median (bench.frames_ms, 40);
  return TRUE;
}

/* A search of 100,000 listeners for a client's address, to its frame. */
static gboolean
measure_search (const char  *path,
                double      *search_ms,
                GError     **error)
{
  g_autoptr(LiaisonStore) store = liaison_store_open (path, error);
  LiaisonStatisticsPage *page;
  GtkWindow *window;
  GtkWidget *entry;
  gint64 start, deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  gint64 painted = 0;
  GdkFrameClock *clock;

  if (store == NULL)
    return FALSE;
  page = liaison_statistics_page_new (store);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1600, 1000);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  while (liaison_statistics_page_get_loading (page) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);

  entry = GTK_WIDGET (liaison_statistics_page_get_search_entry (page));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

  start = g_get_monotonic_time ();
  gtk_editable_set_text (GTK_EDITABLE (entry), "10.9.77.201");
  /* What the entry does after its delay, now. */
  g_signal_emit_by_name (entry, "search-changed");
  gtk_widget_queue_draw (GTK_WIDGET (window));
  while (painted == 0 && g_get_monotonic_time () < deadline)
    {
      gint64 before = gdk_frame_clock_get_frame_counter (clock);

      g_main_context_iteration (NULL, TRUE);
      if (gdk_frame_clock_get_frame_counter (clock) != before)
        painted = g_get_monotonic_time ();
    }
  *search_ms = bench_ms (start, painted);

  gtk_window_destroy (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return painted != 0;
}

int
main (int    argc,
      char **argv)
{
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &opt_runs, "Repetitions (3)", "R" },
    { "build-only", 0, 0, G_OPTION_ARG_FILENAME, &opt_build_only, "Only write the listener's database", "DB" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- the Statistics page at real sizes");
  g_autoptr(GError) error = NULL;
  g_autofree char *listener_db = g_build_filename (g_get_tmp_dir (), "liaison-bench-page-1000.db", NULL);
  g_autofree char *listeners_db = g_build_filename (g_get_tmp_dir (), "liaison-bench-page-listeners.db", NULL);
  g_autofree double *first = NULL, *sort = NULL, *frame = NULL, *draw = NULL, *baseline = NULL, *search = NULL;
  g_autofree double *interval = NULL, *median_frame = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (opt_build_only != NULL)
    return build_listener_database (opt_build_only, &error) ? 0 : (g_printerr ("%s\n", error->message), 1);

  if ((!g_file_test (listener_db, G_FILE_TEST_EXISTS) && !build_listener_database (listener_db, &error)) ||
      (!g_file_test (listeners_db, G_FILE_TEST_EXISTS) && !build_listeners_database (listeners_db, &error)))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  gtk_init ();
  adw_init ();

  first = g_new0 (double, opt_runs);
  sort = g_new0 (double, opt_runs);
  frame = g_new0 (double, opt_runs);
  draw = g_new0 (double, opt_runs);
  baseline = g_new0 (double, opt_runs);
  interval = g_new0 (double, opt_runs);
  median_frame = g_new0 (double, opt_runs);
  search = g_new0 (double, opt_runs);
  for (int r = 0; r < opt_runs; r++)
    if (!measure_page (listener_db, &first[r], &sort[r], &frame[r], &draw[r], &baseline[r], &interval[r], &median_frame[r], &error) ||
        !measure_search (listeners_db, &search[r], &error))
      {
        g_printerr ("%s\n", error->message);
        return 1;
      }

  g_print ("The Statistics page: a listener of %d clients and %d netflow spans, and %d listeners\n",
           N_CLIENTS, N_CLIENTS * N_WINDOWS / 2, N_LISTENERS);
  bench_print_runs ("first rows of the client table after selecting it", first, opt_runs, "ms");
  bench_print_runs ("sorting the table by Silent For", sort, opt_runs, "ms");
  bench_print_runs ("longest timeline frame zooming and panning (input and frame work)", frame, opt_runs, "ms");
  bench_print_runs ("  of which the timeline's own work (geometry, drawing)", draw, opt_runs, "ms");
  bench_print_runs ("  the median of those 40 frames", median_frame, opt_runs, "ms");
  bench_print_runs ("  the same window's frame work with nothing moved", baseline, opt_runs, "ms");
  bench_print_runs ("  longest time from one of those frames to the next (the clock's pace)", interval, opt_runs, "ms");
  bench_print_runs ("search of 100,000 listeners by a client's address", search, opt_runs, "ms");
  bench_result ("page: first rows", bench_median (first, opt_runs), "ms", "200 ms",
                bench_median (first, opt_runs) <= 200 ? "ok" : "slow");
  bench_result ("page: sort", bench_median (sort, opt_runs), "ms", "100 ms",
                bench_median (sort, opt_runs) <= 100 ? "ok" : "slow");
  bench_result ("page: timeline frame", bench_median (frame, opt_runs), "ms", "16 ms",
                bench_median (frame, opt_runs) <= 16 ? "ok" : "slow");
  bench_result ("page: listener search", bench_median (search, opt_runs), "ms", "100 ms",
                bench_median (search, opt_runs) <= 100 ? "ok" : "slow");
  return 0;
}
