/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * Small helpers shared by the benchmark programs: timing, medians, peak
 * memory, running another program, and the `RESULT` lines that
 * run-all.sh gathers into one table.
 */

/* Milliseconds between two g_get_monotonic_time() readings. */
static inline double
bench_ms (gint64 start_us,
          gint64 end_us)
{
  return (double) (end_us - start_us) / 1000.0;
}

guint32  bench_mix             (guint32        x);
double   bench_median          (const double  *values,
                                guint          n);
gint64   bench_peak_rss_kb     (void);
gint64   bench_current_rss_kb  (void);
gboolean bench_run             (const char * const  *argv,
                                const char          *stdout_path,
                                double              *elapsed_ms,
                                GError             **error);
void     bench_remove_database (const char    *path);
char    *bench_database        (const char    *server,
                                const char    *dir,
                                const char    *name);
void     bench_server_exec     (const char    *uri,
                                const char    *format,
                                ...) G_GNUC_PRINTF (2, 3);
char    *bench_cache_dir       (const char    *chosen);
void     bench_result          (const char    *name,
                                double         value,
                                const char    *unit,
                                const char    *goal,
                                const char    *verdict);
void     bench_print_runs      (const char    *label,
                                const double  *values,
                                guint          n,
                                const char    *unit);
gboolean bench_files_options   (int           *argc,
                                char        ***argv,
                                const char    *program,
                                const char    *summary,
                                gint          *runs);
gboolean bench_records_result  (const char    *what,
                                const char    *name,
                                const char    *label,
                                const double  *ms,
                                const double  *cpu_ms,
                                guint          runs,
                                guint64        records);
double   bench_cpu_ms          (void);

/* A figure that a child run prints as `RESULT key value`; goal 0: none. */
typedef struct
{
  const char *key;
  const char *label;
  const char *unit;
  double      goal;
} BenchMeasure;

gboolean bench_run_children    (const char * const  *child_argv,
                                const BenchMeasure  *measures,
                                guint                n_measures,
                                int                  runs,
                                double              *values,
                                GError             **error);
void     bench_print_table     (const BenchMeasure  *measures,
                                guint                n_measures,
                                int                  runs,
                                const double        *values);

G_END_DECLS
