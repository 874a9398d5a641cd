/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-bench"

#include "config.h"

#include <glib.h>

#include "bench-common.h"
#include "liaison-netflow-parser.h"

/*
 * bench-flows: how fast liaison_netflow_read_file() reads each flow log
 * format (Zeek conn.log TSV and JSON, AWS VPC Flow Logs; plain or gzip), in
 * records per second on one core, every record counted whether it is a
 * service communication or skipped. The goal is 1,000,000 for every format,
 * gzip included. Each run reads the file from the page cache (the first run
 * warms it), decompresses it and parses every line.
 *
 *   bench-flows [--runs N] FILE...
 */

static gint opt_runs = 3;

int
main (int   argc,
      char *argv[])
{
  GOptionEntry entries[] = {
    { "runs", 'r', 0, G_OPTION_ARG_INT, &opt_runs, "Repetitions (default 3)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE... - time the flow parser on each file");
  g_autoptr(GError) error = NULL;
  gboolean all_met = TRUE;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc < 2 || opt_runs < 1)
    {
      g_printerr ("bench-flows: %s\n", error != NULL ? error->message : "FILE... and --runs N >= 1");
      return 2;
    }

  for (int f = 1; f < argc; f++)
    {
      g_autofree double *ms = g_new0 (double, opt_runs);
      g_autofree char *label = NULL;
      g_autofree char *name = g_path_get_basename (argv[f]);
      guint64 records = 0, usable = 0;
      double median, rate;

      for (gint run = 0; run < opt_runs; run++)
        {
          g_autoptr(LiaisonFlowFile) file = NULL;
          gint64 start = g_get_monotonic_time ();

          file = liaison_netflow_read_file (argv[f], NULL, &error);
          ms[run] = bench_ms (start, g_get_monotonic_time ());
          if (file == NULL)
            {
              g_printerr ("bench-flows: %s\n", error->message);
              return 1;
            }
          usable = file->flows->len;
          records = usable + liaison_flow_skips_total (&file->skipped);
        }

      label = g_strdup_printf ("%s: %" G_GUINT64_FORMAT " records (%" G_GUINT64_FORMAT " communications)",
                               name, records, usable);
      bench_print_runs (label, ms, opt_runs, "ms");
      median = bench_median (ms, opt_runs);
      rate = records / (median / 1000.0);
      g_clear_pointer (&label, g_free);
      label = g_strdup_printf ("flow parse %s (records/s)", name);
      bench_result (label, rate, "records/s", ">= 1000000", rate >= 1e6 ? "yes" : "NO");
      all_met = all_met && rate >= 1e6;
    }

  return all_met ? 0 : 3;
}
