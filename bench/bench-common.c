/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-bench"

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench-common.h"

#ifdef HAVE_LIBPQ
#include <libpq-fe.h>
#endif

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* A well-mixed 32-bit hash of @x: deterministic "random" figures for generators. */
guint32
bench_mix (guint32 x)
{
  x ^= x >> 16;
  x *= 0x7feb352dU;
  x ^= x >> 15;
  x *= 0x846ca68bU;
  x ^= x >> 16;
  return x;
}

/* The median of @n values (the mean of the two middle ones when @n is even). */
double
bench_median (const double *values,
              guint         n)
{
  g_autofree double *sorted = NULL;

  if (n == 0)
    return 0.0;
  sorted = g_memdup2 (values, n * sizeof (double));
  qsort (sorted, n, sizeof (double), compare_double);
  if (n % 2 == 1)
    return sorted[n / 2];
  return (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
}

static gint64
status_field_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, field);
  if (line == NULL)
    return -1;
  return g_ascii_strtoll (line + strlen (field), NULL, 10);
}

/* The high-water mark of this process's resident memory, in KiB. */
gint64
bench_peak_rss_kb (void)
{
  return status_field_kb ("VmHWM:");
}

gint64
bench_current_rss_kb (void)
{
  return status_field_kb ("VmRSS:");
}

/*
 * Runs @argv to completion, its standard output going to @stdout_path (or
 * nowhere when %NULL) and its standard error nowhere; @elapsed_ms is the
 * wall time from start to exit, measured here. Fails when the program
 * cannot start or does not exit with 0.
 */
gboolean
bench_run (const char * const  *argv,
           const char          *stdout_path,
           double              *elapsed_ms,
           GError             **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDERR_SILENCE;
  gint64 start;

  if (stdout_path == NULL)
    flags |= G_SUBPROCESS_FLAGS_STDOUT_SILENCE;
  launcher = g_subprocess_launcher_new (flags);
  if (stdout_path != NULL)
    g_subprocess_launcher_set_stdout_file_path (launcher, stdout_path);

  start = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawnv (launcher, argv, error);
  if (process == NULL)
    return FALSE;
  if (!g_subprocess_wait_check (process, NULL, error))
    return FALSE;
  *elapsed_ms = bench_ms (start, g_get_monotonic_time ());
  return TRUE;
}

#define SCHEMA_OPTION "options=-csearch_path%3D"

/*
 * A benchmark's database: the file @name in @dir, or with @server (a
 * PostgreSQL URI) a schema of its own in the server's database, named
 * after @name, as the tests' fixtures make theirs. The schema exists
 * (empty when new); bench_remove_database() empties it again.
 */
char *
bench_database (const char *server,
                const char *dir,
                const char *name)
{
  g_autoptr(GString) schema = NULL;
  char *uri;

  if (server == NULL)
    return g_build_filename (dir, name, NULL);

  schema = g_string_new ("bench_");
  for (const char *p = name; *p != '\0' && *p != '.'; p++)
    g_string_append_c (schema, g_ascii_isalnum (*p) ? g_ascii_tolower (*p) : '_');
  uri = g_strconcat (server, strchr (server, '?') != NULL ? "&" : "?", SCHEMA_OPTION, schema->str, NULL);
  /* The search's trigram extension in public, as the tests keep it, so
   * that dropping one benchmark's schema leaves the others' indexes. */
  bench_server_exec (server, "DO $$ BEGIN CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;"
                     " EXCEPTION WHEN insufficient_privilege OR undefined_file OR invalid_schema_name"
                     " THEN NULL; END $$");
  bench_server_exec (uri, "CREATE SCHEMA IF NOT EXISTS %s", schema->str);
  return uri;
}

/* Runs one statement (a printf format) on the server of @uri; exits on failure. */
void
bench_server_exec (const char *uri,
                   const char *format,
                   ...)
{
#ifdef HAVE_LIBPQ
  g_autofree char *sql = NULL;
  PGconn *conn;
  PGresult *result;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  conn = PQconnectdb (uri);
  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("%s: %s", uri, PQerrorMessage (conn));
  result = PQexec (conn, "SET client_min_messages = warning");
  PQclear (result);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  PQclear (result);
  PQfinish (conn);
#else
  g_error ("%s: this build has no libpq", uri);
#endif
}

/* Removes a database and its WAL companions, so that a run starts fresh;
 * on a server (bench_database()), empties its schema. */
void
bench_remove_database (const char *path)
{
  const char *schema = strstr (path, SCHEMA_OPTION);

  if (g_str_has_prefix (path, "postgresql://") && schema != NULL)
    {
      g_autofree char *name = g_strndup (schema + strlen (SCHEMA_OPTION),
                                         strcspn (schema + strlen (SCHEMA_OPTION), "&"));

      bench_server_exec (path, "DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s", name, name);
      return;
    }
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (journal);
}

/*
 * One line of the results table, tab-separated, picked up by run-all.sh:
 * RESULT, what was measured, the median, its unit, the goal, and whether
 * the goal is met ("yes", "NO", or "-" where there is no goal).
 */
void
bench_result (const char *name,
              double      value,
              const char *unit,
              const char *goal,
              const char *verdict)
{
  g_print ("RESULT\t%s\t%.*f\t%s\t%s\t%s\n",
           name, value >= 100.0 ? 0 : value >= 10.0 ? 1 : 2, value, unit,
           goal != NULL ? goal : "-", verdict != NULL ? verdict : "-");
}

void
bench_print_runs (const char   *label,
                  const double *values,
                  guint         n,
                  const char   *unit)
{
  g_print ("  %-58s", label);
  for (guint i = 0; i < n; i++)
    g_print (" %10.1f", values[i]);
  g_print ("  %s (median %.1f)\n", unit, bench_median (values, n));
}

/**
 * bench_files_options:
 * @program: the program's name, for messages
 * @summary: what it does with each FILE
 * @runs: (inout): the repetitions, from `--runs`
 *
 * Reads `[--runs N] FILE...`, the options of the programs that time a
 * parser on each file; on an error prints it.
 *
 * Returns: whether there are files and the runs are at least one
 */
gboolean
bench_files_options (int         *argc,
                     char      ***argv,
                     const char  *program,
                     const char  *summary,
                     gint        *runs)
{
  GOptionEntry entries[] = {
    { "runs", 'r', 0, G_OPTION_ARG_INT, runs, "Repetitions (default 3)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (summary);
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, &error) || *argc < 2 || *runs < 1)
    {
      g_printerr ("%s: %s\n", program, error != NULL ? error->message : "FILE... and --runs N >= 1");
      return FALSE;
    }
  return TRUE;
}

/* This process's processor time in ms: what a run costs when the machine is
 * shared, as the wall time is on an idle one. */
double
bench_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/**
 * bench_records_result:
 * @what: what was timed, `netstat parse`
 * @name: the file's name
 * @label: the line of the runs
 * @ms: (array length=runs): each run's wall time
 * @cpu_ms: (array length=runs): each run's processor time
 * @records: the records each run read
 *
 * Prints the runs and the `RESULT` line of records per second of
 * processor time against the goal of a million on one core (the parsers
 * use one thread; on a shared machine the wall time also counts the time
 * others had the core).
 *
 * Returns: whether the median run met the goal
 */
gboolean
bench_records_result (const char   *what,
                      const char   *name,
                      const char   *label,
                      const double *ms,
                      const double *cpu_ms,
                      guint         runs,
                      guint64       records)
{
  g_autofree char *result = g_strdup_printf ("%s %s (records/s of processor time)", what, name);
  double rate;

  bench_print_runs (label, ms, runs, "ms");
  bench_print_runs ("  the same, processor time", cpu_ms, runs, "ms");
  rate = records / (bench_median (cpu_ms, runs) / 1000.0);
  bench_result (result, rate, "records/s", ">= 1000000", rate >= 1e6 ? "yes" : "NO");
  return rate >= 1e6;
}

/* Where a benchmark keeps its databases: @chosen (--cache-dir), else a
 * folder of this user's in the temporary folder. Not the temporary folder
 * itself: others may write there, and Liaison refuses a database in it. */
char *
bench_cache_dir (const char *chosen)
{
  g_autofree char *name = NULL;
  char *dir;

  if (chosen != NULL)
    return g_strdup (chosen);
  name = g_strdup_printf ("liaison-bench-%u", (guint) getuid ());
  dir = g_build_filename (g_get_tmp_dir (), name, NULL);
  g_mkdir_with_parents (dir, 0700);
  return dir;
}

/**
 * bench_run_children:
 * @child_argv: the program run again, in a fresh process, for each run
 * @values: (out caller-allocates): n_measures * runs values, measure by measure
 *
 * Runs @child_argv @runs times and reads each measure's value from the
 * `RESULT key value` lines it prints.
 */
gboolean
bench_run_children (const char * const  *child_argv,
                    const BenchMeasure  *measures,
                    guint                n_measures,
                    int                  runs,
                    double              *values,
                    GError             **error)
{
  for (int run = 0; run < runs; run++)
    {
      g_autofree char *out = NULL;
      g_auto(GStrv) lines = NULL;
      int status = 0;

      if (!g_spawn_sync (NULL, (char **) child_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                         &out, NULL, &status, error) ||
          !g_spawn_check_wait_status (status, error))
        {
          g_prefix_error (error, "run %d: ", run + 1);
          return FALSE;
        }

      lines = g_strsplit (out, "\n", -1);
      for (guint m = 0; m < n_measures; m++)
        {
          g_autofree char *prefix = g_strdup_printf ("RESULT %s ", measures[m].key);

          for (guint l = 0; lines[l] != NULL; l++)
            if (g_str_has_prefix (lines[l], prefix))
              values[m * runs + run] = g_ascii_strtod (lines[l] + strlen (prefix), NULL);
        }
    }
  return TRUE;
}

/* The table of medians and runs of bench_run_children()'s values. */
void
bench_print_table (const BenchMeasure *measures,
                   guint               n_measures,
                   int                 runs,
                   const double       *values)
{
  g_print ("%-48s %10s %8s  %s\n", "measure", "median", "goal", "runs");
  for (guint m = 0; m < n_measures; m++)
    {
      double median = bench_median (values + m * runs, runs);
      g_autoptr(GString) line = g_string_new (NULL);

      for (int run = 0; run < runs; run++)
        g_string_append_printf (line, "%s%.1f", run > 0 ? " " : "", values[m * runs + run]);
      if (measures[m].goal > 0)
        g_print ("%-48s %7.1f %-2s %5.0f %-2s  %s %s\n", measures[m].label, median, measures[m].unit,
                 measures[m].goal, measures[m].unit, line->str, median < measures[m].goal ? "" : "(goal missed)");
      else
        g_print ("%-48s %7.1f %-2s %8s  %s\n", measures[m].label, median, measures[m].unit, "", line->str);
    }
}
