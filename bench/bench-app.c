/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-app"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>

#include "bench-common.h"
#include "liaison-application-private.h"
#include "liaison-communication-model-private.h"
#include "liaison-communications-page-private.h"
#include "liaison-store-communications.h"
#include "liaison-store-observations-private.h"
#include "liaison-window-private.h"

/*
 * The Communications window over a big database (issue 3, point 8): time
 * to the first rows on screen, to a sort and to a search (until the next
 * frame after the model changed), the longest frame while scrolling to the
 * end and back, and peak resident memory. Needs a display (Xvfb).
 *
 *   bench-app [--rows N] [--runs R]
 *
 * Each run is a fresh process; the table shows the median of the runs.
 */

static int opt_rows = 1000000;
static int opt_runs = 3;
static gboolean opt_child;
static gboolean opt_counts;

#define SCROLL_STEPS 60

typedef enum
{
  PHASE_FIRST_ROWS,
  PHASE_SORT,
  PHASE_SEARCH,
  PHASE_CLEAR_SEARCH,
  PHASE_SCROLL,
  PHASE_DONE,
} Phase;

typedef struct
{
  gint64 process_start;
  LiaisonWindow *window;
  LiaisonCommunicationsPage *page;
  GtkColumnView *view;
  GListModel *model;
  Phase phase;
  gboolean changed;       /* the model emitted items-changed in this phase */
  gint64 phase_start;
  gint64 last_paint;
  double max_frame_ms;
  int scroll_step;
  double first_rows_ms, sort_ms, search_ms, clear_ms;
  LiaisonCommunicationModelStats phase_stats;   /* at the start of the phase */
  LiaisonCommunicationModelStats frame_stats;   /* at the last paint */
  LiaisonCommunicationModelStats max_frame_cost; /* of the longest scroll frame */
} Bench;

static const char *phase_names[] = { "first_rows", "sort", "search", "clear_search", "scroll", "done" };

/* --counts: what each phase asked of the model, on stderr. */
static void
print_counts (Bench      *bench,
              const char *what,
              const LiaisonCommunicationModelStats *from,
              const LiaisonCommunicationModelStats *to)
{
  if (!opt_counts)
    return;
  g_printerr ("COUNTS %-14s get_item %10" G_GUINT64_FORMAT "  store reads %8" G_GUINT64_FORMAT
              "  rows read %10" G_GUINT64_FORMAT "\n",
              what, to->get_item_calls - from->get_item_calls,
              to->fetches - from->fetches, to->rows_fetched - from->rows_fetched);
}

static char *
database_path (void)
{
  g_autofree char *dir = bench_cache_dir (NULL);

  return g_strdup_printf ("%s/liaison-bench-app-%d.db", dir, opt_rows);
}

static gboolean
build_database (const char  *path,
                GError     **error)
{
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  g_autoptr(LiaisonStore) store = NULL;
  gint64 start = g_get_monotonic_time ();

  bench_remove_database (partial);
  store = liaison_store_open (partial, error);
  if (store == NULL || !liaison_store_begin (store, error))
    return FALSE;

  for (int i = 0; i < opt_rows; i++)
    {
      LiaisonObservation o = { 0 };
      char client_ip[32], listener_ip[32], client_device[16], listener_device[16];
      guint client = (guint) i % 65536, slot = (guint) i / 65536;
      static const char *processes[] = { "curl", "psql", "java", "nginx", "sshd", "" };

      g_snprintf (client_ip, sizeof client_ip, "10.%u.%u.%u", client / 62500 + 1, (client / 250) % 250, client % 250 + 1);
      g_snprintf (listener_ip, sizeof listener_ip, "172.16.%u.%u", slot, (client * 7) % 250 + 1);
      g_snprintf (client_device, sizeof client_device, "ws-%05u", client);
      g_snprintf (listener_device, sizeof listener_device, "srv-%04u", (client * 7 + slot) % 2000);
      o.client_ip = client_ip;
      o.listener_ip = listener_ip;
      o.port = 1024 + (guint) (i * 37) % 40000;
      o.protocol = i % 7 == 0 ? "udp" : "tcp";
      o.process = processes[i % G_N_ELEMENTS (processes)];
      o.client_device = client_device;
      o.listener_device = listener_device;
      o.time_first = G_GINT64_CONSTANT (1793577600000) + (LiaisonTime) (i % 86400) * 1000;
      o.time_last = o.time_first + 60000;
      o.source = "netstat";
      if (!liaison_store_observe_communication (store, &o, error))
        {
          liaison_store_rollback (store);
          return FALSE;
        }
    }

  if (!liaison_store_commit (store, error))
    return FALSE;
  g_clear_object (&store);
  g_printerr ("built %d rows in %.1f s\n", opt_rows, bench_ms (start, g_get_monotonic_time ()) / 1000.0);

  if (g_rename (partial, path) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "cannot rename %s", partial);
      return FALSE;
    }
  return TRUE;
}

static gboolean
rows_on_screen (Bench *bench)
{
  GtkWidget *list = gtk_widget_get_last_child (GTK_WIDGET (bench->view));

  return g_list_model_get_n_items (bench->model) > 0 &&
         list != NULL && gtk_widget_get_first_child (list) != NULL &&
         gtk_widget_get_mapped (gtk_widget_get_first_child (list));
}

static void
start_phase (Bench *bench,
             Phase  phase)
{
  LiaisonCommunicationModelStats now;

  liaison_communication_model_get_stats (LIAISON_COMMUNICATION_MODEL (bench->model), &now);
  print_counts (bench, phase_names[bench->phase], &bench->phase_stats, &now);
  bench->phase_stats = now;
  bench->phase = phase;
  bench->changed = FALSE;
  bench->phase_start = g_get_monotonic_time ();

  switch (phase)
    {
    case PHASE_SORT:
      {
        g_autoptr(GtkColumnViewColumn) port = g_list_model_get_item (gtk_column_view_get_columns (bench->view), 4);

        gtk_column_view_sort_by_column (bench->view, port, GTK_SORT_DESCENDING);
      }
      break;

    case PHASE_SEARCH:
      gtk_editable_set_text (GTK_EDITABLE (liaison_communications_page_get_search_entry (bench->page)), "srv-0042");
      break;

    case PHASE_CLEAR_SEARCH:
      gtk_editable_set_text (GTK_EDITABLE (liaison_communications_page_get_search_entry (bench->page)), "");
      break;

    case PHASE_SCROLL:
      bench->scroll_step = 0;
      bench->max_frame_ms = 0;
      bench->last_paint = 0;
      break;

    case PHASE_FIRST_ROWS:
    case PHASE_DONE:
    default:
      break;
    }

  if (opt_counts && (phase == PHASE_SORT || phase == PHASE_SEARCH || phase == PHASE_CLEAR_SEARCH))
    g_printerr ("COUNTS %-14s applied in %.1f ms (query and items-changed)\n", phase_names[phase],
                bench_ms (bench->phase_start, g_get_monotonic_time ()));
}

static void
on_items_changed (Bench *bench)
{
  bench->changed = TRUE;
}

static void
on_after_paint (GdkFrameClock *clock,
                Bench         *bench)
{
  gint64 now = g_get_monotonic_time ();

  switch (bench->phase)
    {
    case PHASE_FIRST_ROWS:
      if (rows_on_screen (bench))
        {
          bench->first_rows_ms = bench_ms (bench->process_start, now);
          start_phase (bench, PHASE_SORT);
        }
      break;

    case PHASE_SORT:
      if (bench->changed)
        {
          bench->sort_ms = bench_ms (bench->phase_start, now);
          start_phase (bench, PHASE_SEARCH);
        }
      break;

    case PHASE_SEARCH:
      if (bench->changed)
        {
          bench->search_ms = bench_ms (bench->phase_start, now);
          start_phase (bench, PHASE_CLEAR_SEARCH);
        }
      break;

    case PHASE_CLEAR_SEARCH:
      if (bench->changed)
        {
          bench->clear_ms = bench_ms (bench->phase_start, now);
          start_phase (bench, PHASE_SCROLL);
        }
      break;

    case PHASE_SCROLL:
      {
        GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (bench->view));
        double end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
        int step = bench->scroll_step++;
        double fraction;
        LiaisonCommunicationModelStats stats;

        liaison_communication_model_get_stats (LIAISON_COMMUNICATION_MODEL (bench->model), &stats);
        if (opt_counts && bench->last_paint != 0)
          g_printerr ("COUNTS frame %3d      %6.1f ms  store reads %3" G_GUINT64_FORMAT "\n", step,
                      bench_ms (bench->last_paint, now), stats.fetches - bench->frame_stats.fetches);
        if (bench->last_paint != 0 && bench_ms (bench->last_paint, now) > bench->max_frame_ms)
          {
            bench->max_frame_ms = bench_ms (bench->last_paint, now);
            bench->max_frame_cost.get_item_calls = stats.get_item_calls - bench->frame_stats.get_item_calls;
            bench->max_frame_cost.fetches = stats.fetches - bench->frame_stats.fetches;
            bench->max_frame_cost.rows_fetched = stats.rows_fetched - bench->frame_stats.rows_fetched;
          }
        bench->last_paint = now;
        bench->frame_stats = stats;

        if (step > 2 * SCROLL_STEPS)
          {
            LiaisonCommunicationModelStats zero = { 0 };

            print_counts (bench, "scroll", &bench->phase_stats, &stats);
            print_counts (bench, "longest frame", &zero, &bench->max_frame_cost);
            bench->phase = PHASE_DONE;
            break;
          }
        /* Down to the end in SCROLL_STEPS frames, then back up. */
        fraction = step <= SCROLL_STEPS ? (double) step / SCROLL_STEPS
                                        : (double) (2 * SCROLL_STEPS - step) / SCROLL_STEPS;
        gtk_adjustment_set_value (adjustment, end * fraction);
      }
      break;

    case PHASE_DONE:
    default:
      break;
    }

  /* Keep frames coming while a phase waits for one. */
  if (bench->phase != PHASE_DONE)
    gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
}

static int
run_child (void)
{
  g_autofree char *path = database_path ();
  g_autoptr(LiaisonApplication) app = NULL;
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GError) error = NULL;
  Bench bench = { 0 };
  GdkFrameClock *clock;

  bench.process_start = g_get_monotonic_time ();
  adw_init ();

  app = liaison_application_new (G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    goto fail;
  liaison_application_set_database_path (app, path);

  store = liaison_store_open (path, &error);
  if (store == NULL)
    goto fail;

  bench.window = liaison_window_new (app, store);
  g_object_ref_sink (bench.window);
  gtk_window_set_default_size (GTK_WINDOW (bench.window), 1200, 800);
  bench.page = LIAISON_COMMUNICATIONS_PAGE (liaison_window_get_communications_page (bench.window));
  bench.view = liaison_communications_page_get_column_view (bench.page);
  bench.model = G_LIST_MODEL (liaison_communications_page_get_model (bench.page));
  g_signal_connect_swapped (bench.model, "items-changed", G_CALLBACK (on_items_changed), &bench);

  gtk_widget_realize (GTK_WIDGET (bench.window));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (bench.window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &bench);
  gtk_window_present (GTK_WINDOW (bench.window));

  while (bench.phase != PHASE_DONE)
    g_main_context_iteration (NULL, TRUE);

  g_print ("RESULT first_rows %.1f\nRESULT sort %.1f\nRESULT search %.1f\nRESULT clear_search %.1f\n"
           "RESULT longest_frame %.1f\nRESULT peak_rss %.1f\n",
           bench.first_rows_ms, bench.sort_ms, bench.search_ms, bench.clear_ms,
           bench.max_frame_ms, bench_peak_rss_kb () / 1024.0);

  g_signal_handlers_disconnect_by_data (clock, &bench);
  g_signal_handlers_disconnect_by_data (bench.model, &bench);
  gtk_window_destroy (GTK_WINDOW (bench.window));
  g_clear_object (&bench.window);
  return 0;

fail:
  g_printerr ("bench-app: %s\n", error->message);
  return 1;
}

static const BenchMeasure measures[] = {
  { "first_rows", "first rows on screen, from process start", "ms", 1000 },
  { "sort", "sort by Port (descending) to next frame", "ms", 300 },
  { "search", "search \"srv-0042\" to next frame", "ms", 300 },
  { "clear_search", "clear the search to next frame", "ms", 300 },
  { "longest_frame", "longest frame, scrolling to the end and back", "ms", 100 },
  { "peak_rss", "peak resident memory (VmHWM)", "MB", 200 },
};

int
main (int   argc,
      char *argv[])
{
  GOptionEntry entries[] = {
    { "rows", 0, 0, G_OPTION_ARG_INT, &opt_rows, "Service communications in the database (1000000)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &opt_runs, "Runs, each a fresh process (3)", "N" },
    { "counts", 0, 0, G_OPTION_ARG_NONE, &opt_counts, "Print what each phase asked of the model (on stderr)", NULL },
    { "child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &opt_child, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- the Communications window over a big database");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *rows_text = NULL;
  g_autofree double *values = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || opt_rows < 1 || opt_runs < 1)
    {
      g_printerr ("bench-app: %s\n", error != NULL ? error->message : "--rows and --runs must be positive");
      return 2;
    }

  if (opt_child)
    return run_child ();

  path = database_path ();
  if (!g_file_test (path, G_FILE_TEST_EXISTS) && !build_database (path, &error))
    {
      g_printerr ("bench-app: %s\n", error->message);
      return 1;
    }

  rows_text = g_strdup_printf ("%d", opt_rows);
  values = g_new0 (double, G_N_ELEMENTS (measures) * opt_runs);

  {
    const char *child_argv[] = { argv[0], "--child", "--rows", rows_text, opt_counts ? "--counts" : NULL, NULL };

    if (!bench_run_children (child_argv, measures, G_N_ELEMENTS (measures), opt_runs, values, &error))
      {
        g_printerr ("bench-app: %s\n", error->message);
        return 1;
      }
  }

  g_print ("bench-app: %d service communications, %d runs (median; each run)\n\n", opt_rows, opt_runs);
  bench_print_table (measures, G_N_ELEMENTS (measures), opt_runs, values);
  return 0;
}
