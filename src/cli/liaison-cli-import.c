/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-cli"

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "liaison-cli-private.h"
#include "liaison-error.h"
#include "liaison-import.h"
#include "liaison-live-sample.h"

/* import-netstat, sample-host and import-netflow: samples into the store. */

static void
print_summary (const LiaisonImportSummary *summary)
{
  g_autofree char *skipped = liaison_flow_skips_describe (&summary->skipped);
  g_autofree char *files = NULL;
  g_autofree char *counts = liaison_cli_sample_counts (summary, FALSE);

  files = g_strdup_printf (ngettext ("imported %u file", "imported %u files", summary->files),
                           summary->files);

  /* Translators: the summary of an import: “imported 2 files”, then what
   * they added: “120 records, 3 new service communications, 5 new
   * statistics records”. */
  printf (_("%s: %s"), files, counts);
  if (skipped != NULL)
    /* Translators: after the summary of an import, what was skipped:
     * “; skipped 3 records: 2 ICMP, 1 to port 0” */
    printf (_("; %s"), skipped);
  putchar ('\n');
}

/* On a terminal, a line per file as it is applied: a day of files takes a
 * while. On standard error, so that standard output keeps the summary. */
static void
print_progress (guint    done,
                guint    total,
                double   within,
                gpointer user_data)
{
  /* A line a file: not within one. */
  if (within > 0)
    return;
  /* Translators: progress of an import, on a terminal: “applied file 3 of 288” */
  fprintf (stderr, _("applied file %u of %u\n"), done, total);
}

static int
run_import (const LiaisonImportOptions  *options,
            int                          argc,
            char                       **argv)
{
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  LiaisonImportSummary summary = { 0 };
  int status = LIAISON_CLI_STATUS_OK;

  for (int i = 1; i < argc; i++)
    g_ptr_array_add (paths, argv[i]);
  g_ptr_array_add (paths, NULL);

  if ((store = liaison_cli_open_store_to_write (&status)) == NULL)
    return status;

  if (!liaison_import_files (store, options, (const char * const *) paths->pdata, NULL,
                             isatty (STDERR_FILENO) ? print_progress : NULL, NULL, &summary, &error))
    return liaison_cli_fail (error);

  print_summary (&summary);
  return liaison_cli_finish_stdout (LIAISON_CLI_STATUS_OK);
}

static int
command_import_netstat (const LiaisonCliCommand  *command,
                        int                       argc,
                        char                    **argv)
{
  g_autofree char *host = NULL;
  g_autofree char *time_text = NULL;
  GOptionEntry entries[] = {
    { "host", 0, 0, G_OPTION_ARG_STRING, &host, N_("The host (device name) the samples were taken on"), N_("NAME") },
    { "time", 0, 0, G_OPTION_ARG_STRING, &time_text, N_("When the samples were taken (default: each file's modification time)"), N_("TIME") },
    { NULL }
  };
  g_auto(LiaisonCliOptions) options = { 0 };
  LiaisonImportOptions import = { 0 };
  int status = LIAISON_CLI_STATUS_OK;

  if (!liaison_cli_parse_options (command, entries, &options, &argc, &argv, &status))
    return status;

  if (host == NULL || *g_strstrip (host) == '\0')
    return liaison_cli_usage_error (_("%s: %s is required"), command->name, "--host");
  if (argc < 2)
    return liaison_cli_usage_error (_("%s: at least one FILE is required ('-' reads stdin)"), command->name);

  import.kind = LIAISON_SAMPLE_NETSTAT;
  import.host = host;
  import.local_time = options.local_time;
  if (!liaison_cli_parse_time (&options, "--time", time_text, &import.time, &status))
    return status;
  import.start = LIAISON_TIME_NONE;

  return run_import (&import, argc, argv);
}

static int
command_import_netflow (const LiaisonCliCommand  *command,
                        int                       argc,
                        char                    **argv)
{
  g_autofree char *start_text = NULL;
  gboolean strict = FALSE;
  GOptionEntry entries[] = {
    { "start", 0, 0, G_OPTION_ARG_STRING, &start_text, N_("The sample window of a file with no usable record"), N_("TIME") },
    { "strict", 0, 0, G_OPTION_ARG_NONE, &strict, N_("Refuse a record that is not a service communication instead of skipping it"), NULL },
    { NULL }
  };
  g_auto(LiaisonCliOptions) options = { 0 };
  LiaisonImportOptions import = { 0 };
  int status = LIAISON_CLI_STATUS_OK;

  if (!liaison_cli_parse_options (command, entries, &options, &argc, &argv, &status))
    return status;

  if (argc < 2)
    return liaison_cli_usage_error (_("%s: at least one FILE is required ('-' reads stdin)"), command->name);

  import.kind = LIAISON_SAMPLE_NETFLOW;
  import.interval = options.interval;
  import.local_time = options.local_time;
  import.strict = strict;
  import.time = LIAISON_TIME_NONE;
  if (!liaison_cli_parse_time (&options, "--start", start_text, &import.start, &status))
    return status;

  return run_import (&import, argc, argv);
}

/* sample-host --every DURATION, or --period DURATION (a timer's one
 * sample): a line per sample; a failed one is said and the next comes. */
typedef struct
{
  LiaisonCliRepeat  repeat;
  LiaisonStore     *store;
  const char       *host;
  gint64            every;
  gint64            period;
  gboolean          failed;
} SampleHost;

static void
sample_host_once (gpointer data)
{
  SampleHost *run = data;
  g_autoptr(GError) error = NULL;
  LiaisonImportSummary summary = { 0 };
  const char *host = run->host != NULL ? run->host : g_get_host_name ();
  LiaisonTime now = liaison_time_now ();

  if (liaison_live_sample_this_host (run->store, host, run->period, &summary, &error))
    {
      g_autofree char *counts = liaison_cli_sample_counts (&summary, TRUE);

      liaison_cli_print_sample (now, host, counts);
    }
  else if (g_error_matches (error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE))
    liaison_cli_print_sample (now, host, error->message);
  else
    {
      g_prefix_error (&error, "%s: ", host);
      liaison_cli_print_sample_error (now, error);
      run->failed = TRUE;
    }

  if (run->every > 0)
    liaison_cli_repeat_schedule (&run->repeat, run->every, sample_host_once);
  else
    liaison_cli_repeat_quit (&run->repeat);
}

/* A sample runs on the main thread: a signal is handled after it. */
static void
sample_host_stop (gpointer data)
{
  SampleHost *run = data;

  liaison_cli_repeat_quit (&run->repeat);
}

static int
command_sample_host (const LiaisonCliCommand  *command,
                     int                       argc,
                     char                    **argv)
{
  g_autofree char *host = NULL;
  g_autofree char *every_text = NULL;
  g_autofree char *period_text = NULL;
  GOptionEntry entries[] = {
    { "host", 0, 0, G_OPTION_ARG_STRING, &host, N_("The device name to record (default: this machine's host name)"), N_("NAME") },
    { "every", 0, 0, G_OPTION_ARG_STRING, &every_text, N_("Take a sample every DURATION (90s, 5m, 2h, 7d) until interrupted"), N_("DURATION") },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period_text, N_("Take one sample for the DURATION period of the clock that holds now; skipped when this host has one (for timers)"), N_("DURATION") },
    { NULL }
  };
  g_auto(LiaisonCliOptions) options = { 0 };
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonImportSummary summary = { 0 };
  SampleHost run = { 0 };
  int status = LIAISON_CLI_STATUS_OK;

  if (!liaison_cli_parse_options (command, entries, &options, &argc, &argv, &status))
    return status;

  if (host != NULL && *g_strstrip (host) == '\0')
    return liaison_cli_usage_error (_("%s: %s is empty"), command->name, "--host");
  if (!liaison_cli_parse_schedule (command, every_text, period_text, &run.every, &run.period, &status))
    return status;

  if ((store = liaison_cli_open_store_to_write (&status)) == NULL)
    return status;

  if (run.every == 0 && run.period == 0)
    {
      if (!liaison_live_sample_this_host (store, host, 0, &summary, &error))
        return liaison_cli_fail (error);

      print_summary (&summary);
      return liaison_cli_finish_stdout (LIAISON_CLI_STATUS_OK);
    }

  run.store = store;
  run.host = host;
  liaison_cli_repeat_init (&run.repeat, sample_host_stop, &run);
  sample_host_once (&run);
  if (run.every > 0)
    liaison_cli_repeat_run (&run.repeat);
  return liaison_cli_repeat_finish (&run.repeat, run.every, run.failed);
}

const LiaisonCliCommand liaison_cli_import_commands[] = {
  {
    .name = "import-netstat",
    /* Translators: its line in “liaison-cli --help”: keep the command and the column of the text. */
    .help = N_("  import-netstat  import netstat samples (format detected; '-' reads stdin)\n"),
    .parameters = N_("FILE..."),
    .summary = N_("Imports netstat samples (format detected from the content; '-' reads stdin)."),
    .options = LIAISON_CLI_OPTION_LOCAL_TIME,
    .run = command_import_netstat,
  },
  {
    .name = "sample-host",
    /* Translators: its line in “liaison-cli --help”: keep the command and the column of the text. */
    .help = N_("  sample-host     take a netstat sample of this machine now\n"),
    .summary = N_("Takes a netstat sample of this machine now, and again every DURATION with --every."),
    .run = command_sample_host,
  },
  {
    .name = "import-netflow",
    /* Translators: its line in “liaison-cli --help”: keep the command and the column of the text. */
    .help = N_("  import-netflow  import flow records into sample windows\n"),
    .parameters = N_("FILE..."),
    .summary = N_("Imports flow records (nfcapd, nfdump CSV, Zeek conn.log, AWS VPC Flow Logs, "
                  "Liaison CSV; plain or gzip) into sample windows ('-' reads stdin)."),
    .options = LIAISON_CLI_OPTION_INTERVAL | LIAISON_CLI_OPTION_LOCAL_TIME,
    .run = command_import_netflow,
  },
  { NULL }
};
