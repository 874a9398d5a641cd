/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-cli-private.h"
#include "liaison-error.h"
#include "liaison-folder-watch.h"
#include "liaison-ssh-round.h"

/* watch-netflow and sample-ssh: samples that keep coming. */

#define DEFAULT_JOBS 8

/* watch-netflow ------------------------------------------------------------ */

typedef struct
{
  LiaisonCliRepeat    repeat;
  LiaisonFolderWatch *watch;
} WatchNetflow;

static void
on_file_done (LiaisonFolderWatch       *watch,
              const LiaisonWatchedFile *file,
              WatchNetflow             *run)
{
  /* A file imported before, by this command or another: quietly skipped. */
  if (g_error_matches (file->error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE))
    return;

  if (file->error != NULL)
    liaison_cli_print_sample_error (file->time, file->error);
  else
    {
      g_autofree char *counts = liaison_cli_sample_counts (&file->summary, FALSE);

      liaison_cli_print_sample (file->time, file->name, counts);
    }
}

static void
on_folder_error (LiaisonFolderWatch *watch,
                 const GError       *error,
                 WatchNetflow       *run)
{
  liaison_cli_print_sample_error (liaison_time_now (), error);
}

static void
on_watch_stopped (LiaisonFolderWatch *watch,
                  WatchNetflow       *run)
{
  liaison_cli_repeat_quit (&run->repeat);
}

static void
watch_netflow_stop (gpointer data)
{
  WatchNetflow *run = data;

  liaison_folder_watch_stop (run->watch);
}

static int
command_watch_netflow (const LiaisonCliCommand  *command,
                       int                       argc,
                       char                    **argv)
{
  g_auto(LiaisonCliOptions) options = { 0 };
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;
  WatchNetflow run = { 0 };
  int status = LIAISON_CLI_STATUS_OK;

  if (!liaison_cli_parse_options (command, NULL, &options, &argc, &argv, &status))
    return status;

  if (argc != 2)
    return liaison_cli_usage_error (_("%s: one DIR is required"), command->name);

  if ((store = liaison_cli_open_store_to_write (&status)) == NULL)
    return status;

  folder = g_file_new_for_commandline_arg (argv[1]);
  run.watch = liaison_folder_watch_new (folder, options.interval, liaison_store_get_path (store));
  g_signal_connect (run.watch, "file-done", G_CALLBACK (on_file_done), &run);
  g_signal_connect (run.watch, "folder-error", G_CALLBACK (on_folder_error), &run);
  g_signal_connect (run.watch, "stopped", G_CALLBACK (on_watch_stopped), &run);
  liaison_cli_repeat_init (&run.repeat, watch_netflow_stop, &run);

  if (liaison_folder_watch_start (run.watch, &error))
    liaison_cli_repeat_run (&run.repeat);
  else
    status = liaison_cli_fail (error);

  liaison_cli_repeat_clear (&run.repeat);
  g_clear_object (&run.watch);
  return liaison_cli_finish_stdout (status);
}

/* sample-ssh --------------------------------------------------------------- */

typedef struct
{
  LiaisonCliRepeat    repeat;
  LiaisonSshSettings  settings;
  char              **hosts;
  guint               jobs;
  const char         *database_path;
  gint64              every;
  gint64              period;
  GCancellable       *cancellable;     /* of the round under way */
  gboolean            failed;
} SampleSsh;

static void
on_host_done (LiaisonSshRound        *round,
              const LiaisonSshResult *result,
              SampleSsh              *run)
{
  g_autofree char *text = NULL;
  g_autofree char *device = NULL;
  g_autofree char *tool = NULL;
  const char *outcome;
  g_autofree char *counts = NULL;

  if (result->error != NULL && !g_error_matches (result->error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE))
    {
      liaison_cli_print_sample_error (result->time, result->error);
      run->failed = TRUE;
      return;
    }

  if (result->error != NULL)
    outcome = result->error->message;
  else
    outcome = counts = liaison_cli_sample_counts (&result->summary, TRUE);

  device = liaison_cli_printable (result->device);
  tool = liaison_cli_printable (result->tool);
  /* Translators: “sampled db01 with ss -tunapH: 42 sockets, 3 new service
   * communications, 5 new statistics records”: the host's own name, the
   * tool that answered, what the sample added. */
  text = g_strdup_printf (_("sampled %s with %s: %s"), device, tool, outcome);
  if (result->sudo_refused)
    {
      /* Translators: after a sample taken without sudo, when it was asked for. */
      g_autofree char *more = g_strdup_printf (_("%s; without sudo (sudo -n was refused)"), text);

      g_free (text);
      text = g_steal_pointer (&more);
    }
  liaison_cli_print_sample (result->time, result->host, text);
}

static void start_round (gpointer data);

static void
on_round_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  SampleSsh *run = user_data;
  g_autoptr(GError) error = NULL;

  if (!liaison_ssh_round_run_finish (LIAISON_SSH_ROUND (object), result, &error))
    {
      liaison_cli_print_sample_error (liaison_time_now (), error);
      /* Stopped before it was done: a single round did not do its work. */
      if (run->every == 0)
        run->failed = TRUE;
    }
  g_clear_object (&run->cancellable);

  if (run->every > 0 && !run->repeat.stopping)
    liaison_cli_repeat_schedule (&run->repeat, run->every, start_round);
  else
    liaison_cli_repeat_quit (&run->repeat);
}

static void
start_round (gpointer data)
{
  SampleSsh *run = data;
  g_autoptr(LiaisonSshRound) round = NULL;

  round = liaison_ssh_round_new (&run->settings, (const char * const *) run->hosts, run->jobs,
                                 run->database_path, run->period);
  g_signal_connect (round, "host-done", G_CALLBACK (on_host_done), run);
  run->cancellable = g_cancellable_new ();
  liaison_ssh_round_run (round, run->cancellable, on_round_done, run);
}

/* A round under way stops after the sample being filed; between rounds,
 * at once. */
static void
sample_ssh_stop (gpointer data)
{
  SampleSsh *run = data;

  if (run->cancellable != NULL)
    g_cancellable_cancel (run->cancellable);
  else
    liaison_cli_repeat_quit (&run->repeat);
}

static int
command_sample_ssh (const LiaisonCliCommand  *command,
                    int                       argc,
                    char                    **argv)
{
  g_autofree char *every_text = NULL;
  g_autofree char *period_text = NULL;
  g_autofree char *timeout_text = NULL;
  g_autofree char *config_file = NULL;
  g_auto(GStrv) ssh_options = NULL;
  gboolean sudo = FALSE;
  int jobs = DEFAULT_JOBS;
  GOptionEntry entries[] = {
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs, N_("Sample up to N hosts at a time (default: 8)"), N_("N") },
    { "every", 0, 0, G_OPTION_ARG_STRING, &every_text, N_("Sample the hosts again every DURATION (90s, 5m, 2h, 7d) until interrupted"), N_("DURATION") },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period_text, N_("Take one sample of each host for the DURATION period of the clock that holds now; a host sampled in it already is skipped (for timers)"), N_("DURATION") },
    { "timeout", 0, 0, G_OPTION_ARG_STRING, &timeout_text, N_("The time limit per host (default: 30s)"), N_("DURATION") },
    { "sudo", 0, 0, G_OPTION_ARG_NONE, &sudo, N_("Run the socket tool through “sudo -n” where the host allows it, to see the processes of every user"), NULL },
    { "ssh-option", 'o', 0, G_OPTION_ARG_STRING_ARRAY, &ssh_options, N_("Pass OPTION to ssh as “-o OPTION” (for example ProxyJump=bastion); may be repeated"), N_("OPTION") },
    { "ssh-config", 'F', 0, G_OPTION_ARG_FILENAME, &config_file, N_("Read ssh's settings from FILE instead of ~/.ssh/config"), N_("FILE") },
    { NULL }
  };
  g_auto(LiaisonCliOptions) options = { 0 };
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GError) error = NULL;
  SampleSsh run = { 0 };
  gint64 time_limit = 0;
  int status = LIAISON_CLI_STATUS_OK;

  if (!liaison_cli_parse_options (command, entries, &options, &argc, &argv, &status))
    return status;

  if (jobs < 1 || jobs > 1000)
    return liaison_cli_usage_error (_("--jobs: %d is not a number of hosts at a time (1 to 1000)"), jobs);
  if (!liaison_cli_parse_schedule (command, every_text, period_text, &run.every, &run.period, &status) ||
      !liaison_cli_parse_duration ("--timeout", timeout_text, &time_limit, &status))
    return status;
  for (guint i = 0; ssh_options != NULL && ssh_options[i] != NULL; i++)
    if (!liaison_ssh_check_option (ssh_options[i], &error))
      return liaison_cli_usage_error ("--ssh-option: %s", error->message);
  if (config_file != NULL && *config_file == '\0')
    return liaison_cli_usage_error (_("%s: %s is empty"), command->name, "--ssh-config");
  if (argc < 2)
    return liaison_cli_usage_error (_("%s: at least one HOST is required"), command->name);
  for (int i = 1; i < argc; i++)
    if (!liaison_ssh_check_host (argv[i], &error))
      return liaison_cli_fail (error);

  if ((store = liaison_cli_open_store_to_write (&status)) == NULL)
    return status;

  run.settings.program = g_strdup ("ssh");
  run.settings.config_file = g_steal_pointer (&config_file);
  run.settings.options = g_steal_pointer (&ssh_options);
  run.settings.sudo = sudo;
  run.settings.time_limit = time_limit > 0 ? time_limit : LIAISON_SSH_DEFAULT_TIME_LIMIT;
  run.hosts = argv + 1;
  run.jobs = (guint) jobs;
  run.database_path = liaison_store_get_path (store);

  liaison_cli_repeat_init (&run.repeat, sample_ssh_stop, &run);
  start_round (&run);
  liaison_cli_repeat_run (&run.repeat);
  liaison_ssh_settings_clear (&run.settings);
  return liaison_cli_repeat_finish (&run.repeat, run.every, run.failed);
}

const LiaisonCliCommand liaison_cli_sampling_commands[] = {
  {
    .name = "watch-netflow",
    /* Translators: its line in “liaison-cli --help”: keep the command and the column of the text. */
    .help = N_("  watch-netflow   import each file a collector finishes in DIR\n"),
    .parameters = N_("DIR"),
    .summary = N_("Imports each flow file that a collector (nfcapd -w DIR) finishes in DIR, as it appears, until interrupted."),
    .options = LIAISON_CLI_OPTION_INTERVAL,
    .run = command_watch_netflow,
  },
  {
    .name = "sample-ssh",
    /* Translators: its line in “liaison-cli --help”: keep the command and the column of the text. */
    .help = N_("  sample-ssh      take a netstat sample of each remote host over SSH\n"),
    .parameters = N_("HOST..."),
    .summary = N_("Takes a netstat sample of each remote host over SSH now, and again every DURATION with --every. HOST is as ssh takes it: [user@]name, or a Host of ~/.ssh/config."),
    .run = command_sample_ssh,
  },
  { NULL }
};
