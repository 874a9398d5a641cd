/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-map-view"

#include "config.h"


#include "bench-common.h"
#include "liaison-application-private.h"
#include "liaison-communication-model.h"
#include "liaison-communications-page-private.h"
#include "liaison-map-page-private.h"
#include "liaison-map-view-private.h"
#include "liaison-statistics-page-private.h"
#include "liaison-window-private.h"

/*
 * The Map page over the map of bench-map's database grouped by /24 (1,900
 * nodes, 11,961 lines for 13,456 edges): the window opens on its
 * Communications page, as it does, and once that and the Statistics page
 * have read the database the Map page is shown. Measured: how long until
 * the map is on screen, how long each frame takes while the view pans and
 * zooms as a hand would, and the peak resident memory of the whole window
 * (all three pages over a million service communications). Needs a display
 * (Xvfb) and the database bench-map builds.
 *
 *   bench-map-view [--database FILE] [--runs R]
 *
 * A frame's time is the frame clock's, from its before-paint to its
 * after-paint: layout, snapshot, the renderer and the copy to the X
 * server. Each run is a fresh process; the table shows the median.
 */

static char *opt_database;
static int opt_runs = 3;
static gboolean opt_child;
static gboolean opt_verbose;

#define PAN_FRAMES  120
#define ZOOM_FRAMES 60

typedef enum
{
  PHASE_OTHER_PAGES,
  PHASE_FIRST_MAP,
  PHASE_PAN,
  PHASE_ZOOM_IN,
  PHASE_ZOOM_OUT,
  PHASE_SETTLE,
  PHASE_PAN_CLOSE,
  PHASE_DONE,
} Phase;

static const char *phase_names[] = { "other pages", "first map", "pan", "zoom in", "zoom out", "settle", "pan close up", "done" };

typedef struct
{
  gint64          start;
  LiaisonWindow  *window;
  LiaisonMapPage *page;
  LiaisonMapView *view;
  Phase           phase;
  int             step;
  gint64          frame_start;
  double          frame_cpu_start;
  gint64          map_start;
  double          first_map_ms;
  GArray         *frames;         /* double: ms of work per frame while moving */
  GArray         *frames_cpu;     /* double: ms of the main thread's processor time */
  double          max_phase[PHASE_DONE];
  guint           slow;           /* frames over 16 ms */
} Bench;

static void
next_phase (Bench *bench)
{
  if (opt_verbose)
    g_printerr ("end of %s: resident %.1f MB, peak %.1f MB\n", phase_names[bench->phase],
                bench_current_rss_kb () / 1024.0, bench_peak_rss_kb () / 1024.0);
  bench->phase++;
  bench->step = 0;
}

/* The main thread's processor time: a frame's work, without the time the
 * machine gave to other processes meanwhile. */
static double
thread_cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

static void
on_before_paint (GdkFrameClock *clock,
                 Bench         *bench)
{
  bench->frame_start = g_get_monotonic_time ();
  bench->frame_cpu_start = thread_cpu_ms ();
}

static void
on_after_paint (GdkFrameClock *clock,
                Bench         *bench)
{
  gint64 now = g_get_monotonic_time ();
  double width = gtk_widget_get_width (GTK_WIDGET (bench->view));
  double height = gtk_widget_get_height (GTK_WIDGET (bench->view));
  gboolean moving = bench->phase == PHASE_PAN || bench->phase == PHASE_ZOOM_IN ||
                    bench->phase == PHASE_ZOOM_OUT || bench->phase == PHASE_PAN_CLOSE;

  /* The frame just painted showed the last step. */
  if (moving && bench->step > 0 && bench->frame_start != 0)
    {
      double ms = bench_ms (bench->frame_start, now);
      double cpu = thread_cpu_ms () - bench->frame_cpu_start;

      g_array_append_val (bench->frames, ms);
      g_array_append_val (bench->frames_cpu, cpu);
      bench->max_phase[bench->phase] = MAX (bench->max_phase[bench->phase], ms);
      bench->slow += ms > 16.0;
      if (opt_verbose && ms > 8)
        g_printerr ("%-12s %3d %6.2f ms (processor %.2f ms)\n", phase_names[bench->phase], bench->step, ms, cpu);
    }

  switch (bench->phase)
    {
    case PHASE_OTHER_PAGES:
      {
        LiaisonCommunicationModel *model =
          liaison_communications_page_get_model (LIAISON_COMMUNICATIONS_PAGE (bench->window->communications_page));

        if (g_list_model_get_n_items (G_LIST_MODEL (model)) > 0 && !liaison_communication_model_get_loading (model) &&
            !liaison_statistics_page_get_loading (bench->window->statistics_page))
          {
            next_phase (bench);
            bench->map_start = now;
            adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (bench->window->stack), "map");
          }
      }
      break;

    case PHASE_FIRST_MAP:
      if (opt_verbose && bench->step++ % 20 == 0)
        g_printerr ("waiting for the map: resident %.1f MB\n", bench_current_rss_kb () / 1024.0);
      if (liaison_map_view_is_rendered (bench->view))
        {
          bench->first_map_ms = bench_ms (bench->map_start, now);
          next_phase (bench);
        }
      break;

    case PHASE_PAN:
      /* Right and down, then back, as a drag would. */
      if (bench->step == PAN_FRAMES)
        next_phase (bench);
      else
        liaison_map_view_pan (bench->view, bench->step < PAN_FRAMES / 2 ? -14 : 14,
                              bench->step < PAN_FRAMES / 2 ? -7 : 7);
      bench->step++;
      break;

    case PHASE_ZOOM_IN:
    case PHASE_ZOOM_OUT:
      /* Around the pointer, a little off the centre, as Ctrl+scroll would. */
      if (bench->step == ZOOM_FRAMES)
        next_phase (bench);
      else
        liaison_map_view_zoom (bench->view, bench->phase == PHASE_ZOOM_IN ? 1.05 : 1 / 1.04,
                               width * 0.4, height * 0.6);
      bench->step++;
      break;

    case PHASE_SETTLE:
      /* Close enough to read the labels, then a new image. */
      if (bench->step++ == 0)
        liaison_map_view_zoom (bench->view, 1.0 / liaison_map_view_get_zoom (bench->view), width / 2, height / 2);
      else if (liaison_map_view_is_rendered (bench->view))
        next_phase (bench);
      break;

    case PHASE_PAN_CLOSE:
      /* Far enough to leave the image drawn around the view, more than once. */
      if (bench->step == 2 * PAN_FRAMES)
        next_phase (bench);
      else
        liaison_map_view_pan (bench->view, bench->step < PAN_FRAMES ? -25 : 25, bench->step < PAN_FRAMES ? -4 : 4);
      bench->step++;
      break;

    case PHASE_DONE:
    default:
      break;
    }

  bench->frame_start = 0;
  if (bench->phase != PHASE_DONE)
    gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static int
run_child (void)
{
  g_autoptr(LiaisonApplication) app = NULL;
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  Bench bench = { 0 };
  GdkFrameClock *clock;
  double p99;

  bench.start = g_get_monotonic_time ();
  bench.frames = g_array_new (FALSE, FALSE, sizeof (double));
  bench.frames_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  adw_init ();

  app = liaison_application_new (G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    goto fail;
  liaison_application_set_database_path (app, opt_database);
  settings = g_settings_new (APPLICATION_ID);
  g_settings_set_string (settings, "map-grouping", "subnet");

  store = liaison_store_open (opt_database, &error);
  if (store == NULL)
    goto fail;

  bench.window = liaison_window_new (app, store);
  g_object_ref_sink (bench.window);
  gtk_window_set_default_size (GTK_WINDOW (bench.window), 1400, 900);
  bench.page = bench.window->map_page;
  bench.view = liaison_map_page_get_view (bench.page);

  gtk_widget_realize (GTK_WIDGET (bench.window));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (bench.window));
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), &bench);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &bench);
  gtk_window_present (GTK_WINDOW (bench.window));

  while (bench.phase != PHASE_DONE)
    g_main_context_iteration (NULL, TRUE);

  g_array_sort (bench.frames, compare_doubles);
  g_array_sort (bench.frames_cpu, compare_doubles);
  p99 = g_array_index (bench.frames, double, (bench.frames->len * 99) / 100);
  g_print ("RESULT first_map %.1f\nRESULT longest_frame %.1f\nRESULT longest_frame_cpu %.1f\n"
           "RESULT p99_frame %.1f\nRESULT median_frame %.1f\nRESULT slow_frames %u\nRESULT peak_rss %.1f\n",
           bench.first_map_ms, g_array_index (bench.frames, double, bench.frames->len - 1),
           g_array_index (bench.frames_cpu, double, bench.frames_cpu->len - 1), p99,
           g_array_index (bench.frames, double, bench.frames->len / 2), bench.slow, bench_peak_rss_kb () / 1024.0);
  g_printerr ("%u frames; longest by phase: pan %.1f, zoom in %.1f, zoom out %.1f, pan close up %.1f ms; %u renders\n",
              bench.frames->len, bench.max_phase[PHASE_PAN], bench.max_phase[PHASE_ZOOM_IN],
              bench.max_phase[PHASE_ZOOM_OUT], bench.max_phase[PHASE_PAN_CLOSE],
              liaison_map_view_get_n_renders (bench.view));

  g_signal_handlers_disconnect_by_data (clock, &bench);
  gtk_window_destroy (GTK_WINDOW (bench.window));
  g_clear_object (&bench.window);
  g_array_unref (bench.frames);
  g_array_unref (bench.frames_cpu);
  return 0;

fail:
  g_printerr ("bench-map-view: %s\n", error->message);
  return 1;
}

static const BenchMeasure measures[] = {
  { "first_map", "map on screen, from showing the page", "ms", 0 },
  { "longest_frame", "longest frame, panning and zooming", "ms", 16 },
  { "longest_frame_cpu", "longest frame, main thread's processor time", "ms", 16 },
  { "p99_frame", "99th percentile frame", "ms", 0 },
  { "median_frame", "median frame", "ms", 0 },
  { "slow_frames", "frames over 16 ms", "", 0 },
  { "peak_rss", "peak resident memory (VmHWM)", "MB", 300 },
};

int
main (int   argc,
      char *argv[])
{
  GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &opt_database, "The database bench-map built (/tmp/bench-map-1000000.db)", "FILE" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &opt_runs, "Runs, each a fresh process (3)", "N" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &opt_verbose, "Print every frame (on stderr)", NULL },
    { "child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &opt_child, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- the Map page over a map of 1,900 nodes");
  g_autoptr(GError) error = NULL;
  g_autofree double *values = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || opt_runs < 1)
    {
      g_printerr ("bench-map-view: %s\n", error != NULL ? error->message : "--runs must be positive");
      return 2;
    }
  if (opt_database == NULL)
    opt_database = g_build_filename (g_get_tmp_dir (), "bench-map-1000000.db", NULL);
  if (!g_file_test (opt_database, G_FILE_TEST_EXISTS))
    {
      g_printerr ("bench-map-view: %s does not exist: run bench-map first, which builds it\n", opt_database);
      return 1;
    }

  if (opt_child)
    return run_child ();

  values = g_new0 (double, G_N_ELEMENTS (measures) * opt_runs);
  {
    const char *child_argv[] = { argv[0], "--child", "--database", opt_database,
                                 opt_verbose ? "--verbose" : NULL, NULL };

    if (!bench_run_children (child_argv, measures, G_N_ELEMENTS (measures), opt_runs, values, &error))
      {
        g_printerr ("bench-map-view: %s\n", error->message);
        return 1;
      }
  }

  g_print ("bench-map-view: %s, %d runs (median; each run)\n\n", opt_database, opt_runs);
  bench_print_table (measures, G_N_ELEMENTS (measures), opt_runs, values);
  return 0;
}
