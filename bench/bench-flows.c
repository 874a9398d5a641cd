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
  g_autoptr(GError) error = NULL;
  gboolean all_met = TRUE;

  if (!bench_files_options (&argc, &argv, "bench-flows", "FILE... - time the flow parser on each file",
                            &opt_runs))
    return 2;

  for (int f = 1; f < argc; f++)
    {
      g_autofree double *ms = g_new0 (double, opt_runs);
      g_autofree double *cpu_ms = g_new0 (double, opt_runs);
      g_autofree char *label = NULL;
      g_autofree char *name = g_path_get_basename (argv[f]);
      guint64 records = 0, usable = 0;

      for (gint run = 0; run < opt_runs; run++)
        {
          g_autoptr(LiaisonFlowFile) file = NULL;
          gint64 start = g_get_monotonic_time ();
          double cpu_start = bench_cpu_ms ();

          file = liaison_netflow_read_file (argv[f], NULL, &error);
          ms[run] = bench_ms (start, g_get_monotonic_time ());
          cpu_ms[run] = bench_cpu_ms () - cpu_start;
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
      if (!bench_records_result ("flow parse", name, label, ms, cpu_ms, opt_runs, records))
        all_met = FALSE;
    }

  return all_met ? 0 : 3;
}
