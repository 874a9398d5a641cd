/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-bench"

#include "config.h"

#include <glib.h>

#include "bench-common.h"
#include "liaison-ssh-round.h"
#include "liaison-store.h"
#include "liaison-test-servers.h"

/*
 * bench-ssh: a round of sample-ssh over N hosts (50 by default: ports of
 * sshd servers on 127.0.0.1, started here as the tests start them) at
 * --jobs 8, against what one host costs on its own: `ss -tunapH` run here,
 * the SSH set-up (`ssh HOST true`), and each host sampled alone. The goal
 * (issue 14): the round within twice what the hosts cost at best, that is
 * ceil(N / jobs) waves of the slowest host's own `ss` time plus SSH set-up.
 *
 *   bench-ssh [--hosts N] [--jobs N] [--runs N]
 */

static gint opt_hosts = 50;
static gint opt_jobs = 8;
static gint opt_runs = 3;

typedef struct
{
  GMainLoop *loop;
  guint      failed;
} Round;

static void
on_host_done (LiaisonSshRound        *round,
              const LiaisonSshResult *result,
              Round                  *data)
{
  if (result->error != NULL)
    {
      g_printerr ("bench-ssh: %s\n", result->error->message);
      data->failed++;
    }
}

static void
on_round_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Round *data = user_data;

  liaison_ssh_round_run_finish (LIAISON_SSH_ROUND (object), result, NULL);
  g_main_loop_quit (data->loop);
}

/* One round over @hosts; its time in milliseconds, or a negative number
 * when a host failed. */
static double
run_round (const LiaisonSshSettings *settings,
           const char * const       *hosts,
           guint                     jobs,
           const char               *database)
{
  g_autoptr(LiaisonSshRound) round = liaison_ssh_round_new (settings, hosts, jobs, database, 0);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Round data = { loop, 0 };
  gint64 start;

  g_signal_connect (round, "host-done", G_CALLBACK (on_host_done), &data);
  start = g_get_monotonic_time ();
  liaison_ssh_round_run (round, NULL, on_round_done, &data);
  g_main_loop_run (loop);
  return data.failed > 0 ? -1 : bench_ms (start, g_get_monotonic_time ());
}

static double
median_of_program (const char * const *argv,
                   guint               runs)
{
  g_autofree double *ms = g_new0 (double, runs);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < runs; i++)
    if (!bench_run (argv, "/dev/null", &ms[i], &error))
      g_error ("bench-ssh: %s: %s", argv[0], error->message);
  return bench_median (ms, runs);
}

int
main (int   argc,
      char *argv[])
{
  GOptionEntry entries[] = {
    { "hosts", 'n', 0, G_OPTION_ARG_INT, &opt_hosts, "Hosts in the round (default 50)", "N" },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &opt_jobs, "Hosts at a time (default 8)", "N" },
    { "runs", 'r', 0, G_OPTION_ARG_INT, &opt_runs, "Repetitions (default 3)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- time a round of sample-ssh over sshd on loopback");
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonTestSshd) sshd = NULL;
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GPtrArray) hosts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *sshd_path = g_find_program_in_path ("sshd");
  g_autofree char *database = NULL;
  g_autofree double *alone = NULL;
  g_autofree double *rounds = NULL;
  g_autofree double *asked = NULL;
  g_autofree char *ideal_text = NULL;
  LiaisonSshSettings settings = { 0 };
  double ss_ms, setup_ms, slowest = 0, round_ms, ideal;
  guint waves;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || opt_hosts < 1 || opt_jobs < 1 || opt_runs < 1)
    {
      g_printerr ("bench-ssh: %s\n", error != NULL ? error->message : "--hosts, --jobs and --runs are 1 or more");
      return 2;
    }
  if (!g_file_test ("/usr/sbin/sshd", G_FILE_TEST_IS_EXECUTABLE) && sshd_path == NULL)
    {
      g_printerr ("bench-ssh: sshd is not installed (Debian: openssh-server)\n");
      return 1;
    }

  sshd = liaison_test_sshd_new (NULL);
  g_assert_nonnull (sshd);
  liaison_test_sshd_add_hosts (sshd, (guint) opt_hosts);
  for (gint i = 1; i <= opt_hosts; i++)
    g_ptr_array_add (hosts, g_strdup_printf ("host%02d", i));
  g_ptr_array_add (hosts, NULL);

  database = g_build_filename (sshd->dir, "bench.db", NULL);
  store = liaison_store_open (database, &error);
  g_assert_no_error (error);
  settings.config_file = sshd->config;
  settings.time_limit = 120 * 1000;

  /* What one host costs: its ss here, the SSH set-up, both through a round of one. */
  {
    const char *ss[] = { "ss", "-tunapH", NULL };
    const char *ssh[] = { "ssh", "-F", sshd->config, "-o", "BatchMode=yes", "host01", "true", NULL };

    ss_ms = median_of_program (ss, 5);
    setup_ms = median_of_program (ssh, 5);
  }
  alone = g_new0 (double, opt_hosts);
  for (gint i = 0; i < opt_hosts; i++)
    {
      const char *one[] = { g_ptr_array_index (hosts, i), NULL };

      alone[i] = run_round (&settings, one, 1, NULL);
      if (alone[i] < 0)
        return 1;
      slowest = MAX (slowest, alone[i]);
    }

  /* Asked only, then asked and filed: the difference is Liaison's import. */
  asked = g_new0 (double, opt_runs);
  rounds = g_new0 (double, opt_runs);
  for (gint run = 0; run < opt_runs; run++)
    {
      asked[run] = run_round (&settings, (const char * const *) hosts->pdata, (guint) opt_jobs, NULL);
      rounds[run] = run_round (&settings, (const char * const *) hosts->pdata, (guint) opt_jobs, database);
      if (rounds[run] < 0 || asked[run] < 0)
        return 1;
    }
  round_ms = bench_median (rounds, opt_runs);

  waves = ((guint) opt_hosts + (guint) opt_jobs - 1) / (guint) opt_jobs;
  ideal = waves * slowest;

  g_print ("ss -tunapH here: %.1f ms; ssh set-up (ssh HOST true): %.1f ms\n", ss_ms, setup_ms);
  g_print ("one host alone (ssh, fixed command, parse): median %.1f ms, slowest %.1f ms\n",
           bench_median (alone, opt_hosts), slowest);
  bench_print_runs ("round, asked only (nothing filed)", asked, opt_runs, "ms");
  bench_print_runs ("round, asked and filed", rounds, opt_runs, "ms");
  g_print ("%d hosts at --jobs %d: %u waves of the slowest host = %.1f ms at best\n",
           opt_hosts, opt_jobs, waves, ideal);

  ideal_text = g_strdup_printf ("<= 2 x %.0f ms", ideal);
  bench_result ("sample-ssh round (filed)", round_ms, "ms", ideal_text,
                round_ms <= 2 * ideal ? "met" : "NOT MET");
  return round_ms <= 2 * ideal ? 0 : 1;
}
