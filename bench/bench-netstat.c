/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-bench"

#include "config.h"

#include <glib.h>

#include "bench-common.h"
#include "liaison-netstat-parser.h"

/*
 * bench-netstat: how fast liaison_netstat_parse() reads each socket table
 * format (statistics.md 3.1), in records per second on one core; the goal
 * is 1,000,000 for every text format. Each FILE is read into memory once;
 * each run parses it from memory (decoding included).
 *
 *   bench-netstat [--runs N] FILE...
 */

static gint opt_runs = 3;

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  gboolean all_met = TRUE;

  if (!bench_files_options (&argc, &argv, "bench-netstat", "FILE... - time the netstat parser on each file",
                            &opt_runs))
    return 2;

  for (int f = 1; f < argc; f++)
    {
      g_autofree char *data = NULL;
      g_autofree double *ms = g_new0 (double, opt_runs);
      g_autofree double *cpu_ms = g_new0 (double, opt_runs);
      g_autofree char *label = NULL;
      g_autofree char *name = g_path_get_basename (argv[f]);
      gsize length;
      guint records = 0;

      if (!g_file_get_contents (argv[f], &data, &length, &error))
        {
          g_printerr ("bench-netstat: %s\n", error->message);
          return 1;
        }

      for (gint run = 0; run < opt_runs; run++)
        {
          g_autoptr(LiaisonNetstatTable) table = NULL;
          gint64 start = g_get_monotonic_time ();
          double cpu_start = bench_cpu_ms ();

          table = liaison_netstat_parse (name, data, length, &error);
          ms[run] = bench_ms (start, g_get_monotonic_time ());
          cpu_ms[run] = bench_cpu_ms () - cpu_start;
          if (table == NULL)
            {
              g_printerr ("bench-netstat: %s\n", error->message);
              return 1;
            }
          records = table->sockets->len;
        }

      label = g_strdup_printf ("%s: %u records, %.1f MB", name, records, length / 1e6);
      if (!bench_records_result ("netstat parse", name, label, ms, cpu_ms, opt_runs, records))
        all_met = FALSE;
    }

  return all_met ? 0 : 3;
}
