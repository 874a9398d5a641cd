/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>

#include "cli-fixture.h"
#include "liaison-test-servers.h"

/*
 * liaison-cli-sampling.c: sample-ssh against sshd servers the test starts,
 * and watch-netflow on the folder of a real nfcapd (tests/servers).
 */

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *owned = g_build_filename (fixture->dir, "owned", NULL);
  g_autofree char *proxy = g_strdup_printf ("-oProxyCommand=touch %s", owned);
  g_autofree char *proxy_error = g_strdup_printf ("liaison-cli: “%s” is not a host: a host may not start with “-”\n", proxy);
  const UsageCase cases[] = {
    { { "sample-ssh" }, "liaison-cli: sample-ssh: at least one HOST is required\n" },
    { { "sample-ssh", "--", proxy }, NULL },
    { { "sample-ssh", "web01", "--", "-p22" }, "liaison-cli: “-p22” is not a host: a host may not start with “-”\n" },
    { { "sample-ssh", "--ssh-option", "-oProxyCommand=x", "web01" },
      "liaison-cli: --ssh-option: “-oProxyCommand=x” is not an ssh option: give it as ssh -o takes it, for example Port=2222\n" },
    { { "sample-ssh", "--jobs", "0", "web01" }, "liaison-cli: --jobs: 0 is not a number of hosts at a time (1 to 1000)\n" },
    { { "sample-ssh", "--timeout", "0s", "web01" }, "liaison-cli: --timeout: “0s” is too short: at least 1s\n" },
    { { "sample-ssh", "--every", "5m", "--period", "5m", "web01" },
      "liaison-cli: sample-ssh: give either --every or --period\n" },
    { { "watch-netflow", "/tmp" }, "liaison-cli: watch-netflow: --interval is required\n" },
    { { "watch-netflow", "--interval", "300" }, "liaison-cli: watch-netflow: one DIR is required\n" },
    { { "watch-netflow", "--interval", "300", "/tmp", "/var" }, "liaison-cli: watch-netflow: one DIR is required\n" },
    { { "watch-netflow", "--interval", "x", "/tmp" },
      "liaison-cli: --interval: “x” is not a number of seconds (1 or more)\n" },
  };
  UsageCase with_proxy[G_N_ELEMENTS (cases)];

  memcpy (with_proxy, cases, sizeof cases);
  with_proxy[1].err = proxy_error;
  assert_usage_errors (fixture, with_proxy, G_N_ELEMENTS (with_proxy));
  /* ssh never saw the host as an option. */
  g_assert_false (g_file_test (owned, G_FILE_TEST_EXISTS));
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* The lines of @text, each without its time (and "liaison-cli: " before
 * it on stderr), sorted. */
static char *
lines_without_times (const char *text,
                     gboolean    errors)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GPtrArray) rest = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);
  gsize skip = errors ? strlen ("liaison-cli: ") : 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '\0')
        continue;
      g_assert_cmpuint (strlen (lines[i]), >, skip + 21);
      g_assert_true (!errors || g_str_has_prefix (lines[i], "liaison-cli: "));
      g_assert_cmpint (lines[i][skip + 19], ==, 'Z');
      g_assert_cmpint (lines[i][skip + 20], ==, ' ');
      g_ptr_array_add (rest, g_strdup (lines[i] + skip + 21));
    }
  g_ptr_array_sort (rest, compare_lines);
  for (guint i = 0; i < rest->len; i++)
    g_string_append_printf (out, "%s\n", (const char *) g_ptr_array_index (rest, i));
  return g_string_free (out, FALSE);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

/* Two hosts sampled, four failing ones said on stderr, exit 1; the
 * records are the test's own sockets. */
static void
test_sample_ssh (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(LiaisonTestSshd) sshd = liaison_test_sshd_new (fixture->dir);
  g_autoptr(LiaisonTestSockets) sockets = NULL;
  g_auto(Result) result = { 0 };
  g_autofree char *csv = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected_out = NULL;
  g_autofree char *expected_err = NULL;
  g_autofree char *ss_tcp = NULL;
  g_autofree char *ss_udp = NULL;
  g_autofree char *proc_tcp = NULL;
  g_autoptr(GRegex) counts = g_regex_new (": [0-9]+ sockets, [0-9]+ new service communications?, [0-9]+ new statistics records?$",
                                          G_REGEX_MULTILINE, 0, NULL);
  g_autofree char *masked = NULL;
  g_autofree char *port = NULL;

  if (sshd == NULL)
    return;

  sockets = liaison_test_sockets_new ();
  RUN (fixture, &result, "sample-ssh", "--ssh-config", sshd->config, "--jobs", "3",
       "ss-host", "proc-host", "unknown-key-host", "refused-key-host", "nowhere");
  g_assert_cmpint (result.status, ==, 1);

  masked = g_regex_replace_literal (counts, result.out, -1, 0, ": COUNTS", 0, NULL);
  out = lines_without_times (masked, FALSE);
  expected_out = g_strdup_printf ("proc-host: sampled %s with /proc/net: COUNTS\n"
                                  "ss-host: sampled %s with ss -tunapH: COUNTS\n",
                                  sshd->proc_device, sshd->ss_device);
  g_assert_cmpstr (out, ==, expected_out);

  err = lines_without_times (result.err, TRUE);
  g_assert_true (g_str_has_prefix (err, "nowhere: the host name does not resolve (Could not resolve hostname nowhere.invalid: "));
  expected_err = g_strdup_printf ("refused-key-host: the key was refused; Liaison logs in only with a key or the "
                                  "agent, never with a password (%s@127.0.0.1: Permission denied (publickey).)\n"
                                  "unknown-key-host: the host key is unknown; check it and add it to known_hosts, "
                                  "for example by logging in once with ssh (No ED25519 host key is known for "
                                  "unknown-key-host and you have requested strict checking.)\n",
                                  g_get_user_name ());
  g_assert_true (g_str_has_suffix (err, expected_err));
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM sample"), ==, 2);

  /* What the hosts saw of the test's own sockets. */
  csv = dump (fixture);
  ss_tcp = liaison_test_sockets_process (sockets, csv, sshd->ss_device, "tcp");
  g_assert_cmpstr (ss_tcp, ==, sockets->process);
  ss_udp = liaison_test_sockets_process (sockets, csv, sshd->ss_device, "udp");
  g_assert_cmpstr (ss_udp, ==, sockets->process);
  if (g_strcmp0 (sshd->proc_device, sshd->ss_device) != 0)
    {
      proc_tcp = liaison_test_sockets_process (sockets, csv, sshd->proc_device, "tcp");
      g_assert_cmpstr (proc_tcp, ==, "");
    }

  /* All hosts answer: exit 0. An --ssh-option reaches ssh: the address
   * alone, with ss-host's port. */
  port = g_strdup_printf ("Port=%u", sshd->ss_port);
  RUN (fixture, &result, "sample-ssh", "--ssh-config", sshd->config, "--ssh-option", port, "127.0.0.1");
  g_assert_cmpstr (result.err, ==, "");
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, " 127.0.0.1: sampled "));
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM sample"), ==, 3);
}

/* --every: rounds until SIGTERM, a host that fails each time said each
 * time; --period: the second round of the period skips. */
static void
test_sample_ssh_every (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(LiaisonTestSshd) sshd = liaison_test_sshd_new (fixture->dir);
  g_auto(Result) result = { 0 };
  g_auto(Result) again = { 0 };
  g_autoptr(GRegex) skipped = g_regex_new ("^[0-9T:Z-]+ ss-host: sampled [^ ]+ with ss -tunapH: already sampled "
                                           "in the 1d period from [0-9-]+T00:00:00Z; skipped\n$", 0, 0, NULL);
  g_auto(GStrv) err_lines = NULL;
  Background *background;

  if (sshd == NULL)
    return;

  background = RUN_BACKGROUND (fixture, "sample-ssh", "--ssh-config", sshd->config, "--every", "2s",
                               "ss-host", "closed-port-host");
  wait_for_lines (background, 2);
  stop_background (background, SIGTERM, &result);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM sample"), ==, count_lines (result.out));
  /* The closed port each round, said and passed over. */
  err_lines = g_strsplit (result.err, "\n", -1);
  g_assert_cmpuint (g_strv_length (err_lines), >=, 3);
  g_assert_nonnull (strstr (err_lines[0], " closed-port-host: unreachable (connect to host 127.0.0.1 port "));
  g_assert_nonnull (strstr (err_lines[1], " closed-port-host: unreachable (connect to host 127.0.0.1 port "));

  RUN (fixture, &result, "sample-ssh", "--ssh-config", sshd->config, "--period", "1d", "ss-host");
  g_assert_cmpint (result.status, ==, 0);
  RUN (fixture, &again, "sample-ssh", "--ssh-config", sshd->config, "--period", "1d", "ss-host");
  g_assert_cmpint (again.status, ==, 0);
  g_assert_cmpstr (again.err, ==, "");
  /* Unless midnight came between the two. */
  if (strncmp (result.out, again.out, 10) == 0)
    g_assert_true (g_regex_match (skipped, again.out, 0, NULL));
}

/* watch-netflow with a real nfcapd: a line per finished file, until
 * SIGINT; started again, the files it imported pass in silence. */
static void
test_watch_netflow (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (fixture->dir, "flows", NULL);
  g_autoptr(LiaisonTestNfcapd) nfcapd = NULL;
  g_autoptr(GRegex) line = g_regex_new ("^[0-9T:Z-]+ (nfcapd\\.[0-9]+): [0-9]+ records?, [0-9]+ new service "
                                        "communications?, [0-9]+ new statistics records?$", 0, 0, NULL);
  g_auto(Result) result = { 0 };
  g_auto(Result) again = { 0 };
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) again_lines = NULL;
  g_autofree char *csv = NULL;
  Background *background;
  guint16 port = 40000;
  guint first;

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  nfcapd = liaison_test_nfcapd_new (dir);
  if (nfcapd == NULL)
    return;

  background = RUN_BACKGROUND (fixture, "watch-netflow", "--interval", "60", dir);
  while (background->lines->len < 2)
    {
      liaison_test_nfcapd_send (nfcapd, "10.1.2.3", port++, "10.9.9.9");
      for (guint i = 0; i < 50; i++)
        {
          g_main_context_iteration (NULL, FALSE);
          g_usleep (10000);
        }
      g_assert_cmpuint (port, <, 40100);
    }
  stop_background (background, SIGINT, &result);
  g_assert_cmpstr (result.err, ==, "");
  g_assert_cmpint (result.status, ==, 0);

  lines = g_strsplit (result.out, "\n", -1);
  first = g_strv_length (lines) - 1;
  for (guint i = 0; i < first; i++)
    {
      g_autoptr(GMatchInfo) match = NULL;

      g_assert_true (g_regex_match (line, lines[i], 0, &match));
      if (i > 0)
        g_assert_cmpint (strcmp (lines[i - 1] + 21, lines[i] + 21), <, 0);
    }
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM sample"), ==, first);
  csv = dump (fixture);
  g_assert_nonnull (strstr (csv, ",10.1.2.3,,10.9.9.9,,443,tcp,"));

  /* Again: only what nfcapd finished since. */
  g_usleep (2500 * 1000);
  background = RUN_BACKGROUND (fixture, "watch-netflow", "--interval", "60", dir);
  wait_for_lines (background, 1);
  stop_background (background, SIGTERM, &again);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_cmpstr (again.err, ==, "");
  /* nfcapd may have finished more than one file by the time the line
   * came: each is a line of its own. */
  again_lines = g_strsplit (again.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (again_lines), >=, 2);
  for (guint i = 0; again_lines[i + 1] != NULL; i++)
    g_assert_true (g_regex_match (line, again_lines[i], 0, NULL));
  g_assert_cmpstr (again_lines[g_strv_length (again_lines) - 1], ==, "");
  for (guint i = 0; i < first; i++)
    g_assert_null (strstr (again.out, lines[i] + 21));
  g_assert_cmpint (query_int (fixture, "SELECT count(DISTINCT file_name) FROM sample"), ==,
                   query_int (fixture, "SELECT count(*) FROM sample"));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  add_test ("/cli/sampling/usage", test_usage);
  add_test ("/cli/sampling/sample-ssh", test_sample_ssh);
  add_test ("/cli/sampling/sample-ssh-every", test_sample_ssh_every);
  add_test ("/cli/sampling/watch-netflow", test_watch_netflow);

  return g_test_run ();
}
