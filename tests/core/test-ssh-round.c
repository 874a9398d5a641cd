/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ssh-round"

#include "config.h"

#include <string.h>

#include "liaison-error.h"
#include "liaison-ssh-round.h"
#include "liaison-test-fixture.h"
#include "liaison-test-servers.h"

/*
 * liaison-ssh-round.c against real sshd servers on loopback (see
 * tests/servers): what each host's sample holds, compared with sockets the
 * test itself holds open; each failure's words; the time limit per host;
 * hosts at a time; cancelling.
 */

typedef struct
{
  GMainLoop  *loop;
  GHashTable *results;          /* host -> Outcome */
  GError     *error;            /* of the round */
  GCancellable *cancel_after;   /* cancelled when the first host is done */
} Run;

typedef struct
{
  char                 *device;
  char                 *tool;
  guint                 sockets;
  gboolean              imported;
  LiaisonImportSummary  summary;
  char                 *message;
} Outcome;

static void
outcome_free (Outcome *outcome)
{
  g_free (outcome->device);
  g_free (outcome->tool);
  g_free (outcome->message);
  g_free (outcome);
}

static void
on_host_done (LiaisonSshRound        *round,
              const LiaisonSshResult *result,
              Run                    *run)
{
  Outcome *outcome = g_new0 (Outcome, 1);

  outcome->device = g_strdup (result->device);
  outcome->tool = g_strdup (result->tool);
  outcome->sockets = result->sockets;
  outcome->imported = result->imported;
  outcome->summary = result->summary;
  outcome->message = result->error != NULL ? g_strdup (result->error->message) : NULL;
  g_assert_false (g_hash_table_contains (run->results, result->host));
  g_hash_table_insert (run->results, g_strdup (result->host), outcome);

  if (run->cancel_after != NULL)
    g_cancellable_cancel (run->cancel_after);
}

static void
on_round_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Run *run = user_data;

  liaison_ssh_round_run_finish (LIAISON_SSH_ROUND (object), result, &run->error);
  g_main_loop_quit (run->loop);
}

/* Runs a round over @hosts; returns how long it took, in seconds. */
static double
run_round (LiaisonTestSshd    *sshd,
           const char * const *hosts,
           guint               jobs,
           gint64              time_limit,
           const char         *database_path,
           gboolean            cancel_after_first,
           Run                *run)
{
  g_autoptr(LiaisonSshRound) round = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  LiaisonSshSettings settings = { 0 };
  gint64 start;

  settings.config_file = sshd->config;
  settings.time_limit = time_limit;
  run->loop = g_main_loop_new (NULL, FALSE);
  run->results = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) outcome_free);
  run->cancel_after = cancel_after_first ? cancellable : NULL;

  round = liaison_ssh_round_new (&settings, hosts, jobs, database_path, 0);
  g_assert_cmpuint (liaison_ssh_round_get_total (round), ==, g_strv_length ((char **) hosts));
  g_signal_connect (round, "host-done", G_CALLBACK (on_host_done), run);

  start = g_get_monotonic_time ();
  liaison_ssh_round_run (round, cancellable, on_round_done, run);
  g_main_loop_run (run->loop);

  g_assert_cmpuint (liaison_ssh_round_get_done (round), ==, g_hash_table_size (run->results));
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->loop, g_main_loop_unref);
  g_clear_pointer (&run->results, g_hash_table_unref);
  g_clear_error (&run->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static const Outcome *
outcome_of (Run        *run,
            const char *host)
{
  const Outcome *outcome = g_hash_table_lookup (run->results, host);

  g_assert_nonnull (outcome);
  return outcome;
}

/* Two hosts with their samples in the database; four that fail, each
 * saying why, and take nothing from the others. */
static void
test_round (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(LiaisonTestSshd) sshd = liaison_test_sshd_new (f->dir);
  g_autoptr(LiaisonTestSockets) sockets = NULL;
  g_auto(Run) run = { 0 };
  g_autofree char *list = NULL;
  g_autofree char *samples = NULL;
  g_autofree char *ss_tcp = NULL;
  g_autofree char *ss_udp = NULL;
  g_autofree char *proc_tcp = NULL;
  g_autofree char *refused = NULL;
  const char *hosts[] = { "ss-host", "proc-host", "unknown-key-host", "refused-key-host",
                          "closed-port-host", "nowhere", NULL };
  const Outcome *outcome;

  if (sshd == NULL)
    return;

  sockets = liaison_test_sockets_new ();
  run_round (sshd, hosts, 8, 30000, f->db, FALSE, &run);
  g_assert_no_error (run.error);
  g_assert_cmpuint (g_hash_table_size (run.results), ==, 6);

  outcome = outcome_of (&run, "ss-host");
  g_assert_null (outcome->message);
  g_assert_cmpstr (outcome->device, ==, sshd->ss_device);
  g_assert_cmpstr (outcome->tool, ==, "ss -tunapH");
  g_assert_true (outcome->imported);
  g_assert_cmpuint (outcome->summary.records, ==, outcome->sockets);
  g_assert_cmpuint (outcome->summary.new_communications, >=, 2);

  outcome = outcome_of (&run, "proc-host");
  g_assert_null (outcome->message);
  g_assert_cmpstr (outcome->device, ==, sshd->proc_device);
  g_assert_cmpstr (outcome->tool, ==, "/proc/net");
  g_assert_true (outcome->imported);

  outcome = outcome_of (&run, "unknown-key-host");
  g_assert_cmpstr (outcome->message, ==,
                   "unknown-key-host: the host key is unknown; check it and add it to known_hosts, for example by "
                   "logging in once with ssh (No ED25519 host key is known for unknown-key-host and you have "
                   "requested strict checking.)");
  g_assert_null (outcome->device);
  g_assert_false (outcome->imported);

  refused = g_strdup_printf ("refused-key-host: the key was refused; Liaison logs in only with a key or the "
                             "agent, never with a password (%s@127.0.0.1: Permission denied (publickey).)",
                             g_get_user_name ());
  g_assert_cmpstr (outcome_of (&run, "refused-key-host")->message, ==, refused);

  outcome = outcome_of (&run, "closed-port-host");
  g_assert_true (g_str_has_prefix (outcome->message, "closed-port-host: unreachable (connect to host 127.0.0.1 port "));
  g_assert_true (g_str_has_suffix (outcome->message, ": Connection refused)"));

  g_assert_true (g_str_has_prefix (outcome_of (&run, "nowhere")->message,
                                   "nowhere: the host name does not resolve (Could not resolve hostname nowhere.invalid: "));

  /* The samples: one of each host that answered, under the name it gave. */
  samples = liaison_test_query_text (f->store, "SELECT group_concat(host || ' ' || file_name, '; ') FROM "
                                               "(SELECT host, file_name FROM sample ORDER BY file_name)");
  {
    g_autofree char *expected = g_strdup_printf ("%s ssh proc-host; %s ssh ss-host",
                                                 sshd->proc_device, sshd->ss_device);

    g_assert_cmpstr (samples, ==, expected);
  }

  /* The test's own connections, as each host saw them: ss names the
   * process, /proc cannot. */
  list = liaison_test_list (f->store);
  ss_tcp = liaison_test_sockets_process (sockets, list, sshd->ss_device, "tcp");
  g_assert_cmpstr (ss_tcp, ==, sockets->process);
  ss_udp = liaison_test_sockets_process (sockets, list, sshd->ss_device, "udp");
  g_assert_cmpstr (ss_udp, ==, sockets->process);
  if (g_strcmp0 (sshd->proc_device, sshd->ss_device) != 0)
    {
      proc_tcp = liaison_test_sockets_process (sockets, list, sshd->proc_device, "tcp");
      g_assert_cmpstr (proc_tcp, ==, "-");
    }
}

/* The statistics record of the test's listener: one active sample each. */
static void
test_records (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(LiaisonTestSshd) sshd = liaison_test_sshd_new (f->dir);
  g_autoptr(LiaisonTestSockets) sockets = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_auto(Run) run = { 0 };
  const char *hosts[] = { "ss-host", "proc-host", NULL };
  const LiaisonStatRecord *record;

  if (sshd == NULL)
    return;

  sockets = liaison_test_sockets_new ();
  run_round (sshd, hosts, 2, 30000, f->db, FALSE, &run);
  g_assert_no_error (run.error);

  records = liaison_test_records (f->store);
  record = liaison_test_find_record (records, "127.0.0.1", sockets->tcp_port, "127.0.0.1", sshd->ss_device);
  g_assert_nonnull (record);
  g_assert_cmpint (record->ns_active_samples, ==, g_strcmp0 (sshd->proc_device, sshd->ss_device) == 0 ? 2 : 1);
  g_assert_cmpint (record->ns_total_ports, ==, record->ns_active_samples);
  if (g_strcmp0 (sshd->proc_device, sshd->ss_device) != 0)
    {
      record = liaison_test_find_record (records, "127.0.0.1", sockets->tcp_port, "127.0.0.1", sshd->proc_device);
      g_assert_nonnull (record);
      g_assert_cmpint (record->ns_active_samples, ==, 1);
    }
  /* The UDP socket listens unconnected: its client is outbound only, and
   * makes no record of the listener's. */
  for (guint i = 0; i < records->len; i++)
    g_assert_cmpuint (((const LiaisonStatRecord *) g_ptr_array_index (records, i))->port, !=, sockets->udp_port);
}

/* A host that does not answer in time is given up, at its time limit. */
static void
test_time_limit (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_folder_new ();
  g_autoptr(LiaisonTestSshd) sshd = liaison_test_sshd_new (f->dir);
  g_auto(Run) run = { 0 };
  const char *hosts[] = { "stuck-host", NULL };
  double took;

  if (sshd == NULL)
    return;

  took = run_round (sshd, hosts, 2, 1000, NULL, FALSE, &run);
  g_assert_no_error (run.error);
  g_assert_cmpstr (outcome_of (&run, "stuck-host")->message, ==,
                   "stuck-host: no answer within 1s (the time limit per host)");
  /* Not the minute the host would have taken. */
  g_assert_cmpfloat (took, <, 20.0);
}

/* Up to `jobs` hosts at a time: three hosts of two seconds each. */
static void
test_jobs (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_folder_new ();
  g_autoptr(LiaisonTestSshd) sshd = liaison_test_sshd_new (f->dir);
  g_auto(Run) together = { 0 };
  g_auto(Run) one_by_one = { 0 };
  const char *hosts[] = { "slow-host", "slow-host-2", "slow-host-3", NULL };
  double took, took_one_by_one;

  if (sshd == NULL)
    return;

  took = run_round (sshd, hosts, 3, 30000, NULL, FALSE, &together);
  g_assert_cmpuint (g_hash_table_size (together.results), ==, 3);
  for (guint i = 0; hosts[i] != NULL; i++)
    {
      g_assert_null (outcome_of (&together, hosts[i])->message);
      /* A test files nothing. */
      g_assert_false (outcome_of (&together, hosts[i])->imported);
      g_assert_cmpuint (outcome_of (&together, hosts[i])->sockets, >, 0);
    }

  took_one_by_one = run_round (sshd, hosts, 1, 30000, NULL, FALSE, &one_by_one);
  g_assert_cmpuint (g_hash_table_size (one_by_one.results), ==, 3);
  g_assert_cmpfloat (took_one_by_one, >=, 6.0);
  /* Together, the three waits of two seconds overlap: the round saves at
   * least two of them whatever each connection's own time on a busy
   * machine (both rounds make the same three). */
  g_assert_cmpfloat (took + 3.0, <, took_one_by_one);
}

/* Cancelled, a round stops the ssh under way and files what it has. */
static void
test_cancel (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_folder_new ();
  g_autoptr(LiaisonTestSshd) sshd = liaison_test_sshd_new (f->dir);
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  const char *hosts[] = { "stuck-host", "ss-host", "stuck-host-2", NULL };
  double took;

  if (sshd == NULL)
    return;

  /* The round's timing is the point: a file, whatever the other tests run
   * on, so that filing ss-host's sample cannot outlast the slow hosts. */
  f->store = liaison_store_open (f->db, &error);
  g_assert_no_error (error);

  /* Two at a time: ss-host answers first; then the stuck one and the
   * other stuck one, which took ss-host's turn, are stopped. (A quick host
   * there could finish while ss-host's sample is still being filed, on a
   * server more so.) */
  took = run_round (sshd, hosts, 2, 30000, f->db, TRUE, &run);
  g_assert_error (run.error, LIAISON_ERROR, LIAISON_ERROR_CANCELLED);
  g_assert_cmpstr (run.error->message, ==, "the round was cancelled after 1 of 3 hosts");
  g_assert_cmpuint (g_hash_table_size (run.results), ==, 1);
  g_assert_true (outcome_of (&run, "ss-host")->imported);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM sample"), ==, 1);
  /* Stopped, not waited for: they would have taken a minute. */
  g_assert_cmpfloat (took, <, 20.0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ssh-round/round", test_round);
  g_test_add_func ("/ssh-round/records", test_records);
  g_test_add_func ("/ssh-round/time-limit", test_time_limit);
  g_test_add_func ("/ssh-round/jobs", test_jobs);
  g_test_add_func ("/ssh-round/cancel", test_cancel);

  return g_test_run ();
}
