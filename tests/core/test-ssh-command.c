/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ssh-command"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "liaison-error.h"
#include "liaison-ssh-command.h"
#include "liaison-test-fixture.h"

/*
 * liaison-ssh-command.c: the ssh command line, the fixed command a host
 * runs (run here by this machine's own sh, as a host's would), and what
 * the answers and ssh's failures say.
 */

/* Hosts and options that ssh could read as something else are refused. */
static void
test_refused_hosts (void)
{
  static const char * const good[] = { "web01", "root@db01", "db01.example.com", "fe80::1", "bastion-2" };
  static const struct { const char *host; const char *message; } bad[] = {
    { "-oProxyCommand=touch /tmp/owned", "“-oProxyCommand=touch /tmp/owned” is not a host: a host may not start with “-”" },
    { "-p22", "“-p22” is not a host: a host may not start with “-”" },
    { "", "a host name is empty" },
    { "web01 -oProxyCommand=x", "“web01 -oProxyCommand=x” is not a host: a host has no spaces or control characters" },
    { "web01\n-F", "“web01\\n-F” is not a host: a host has no spaces or control characters" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (liaison_ssh_check_host (good[i], NULL));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (liaison_ssh_check_host (bad[i].host, &error));
      g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, bad[i].message);
    }
}

static void
test_refused_options (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (liaison_ssh_check_option ("Port=2222", NULL));
  g_assert_true (liaison_ssh_check_option ("ProxyJump bastion", NULL));

  g_assert_false (liaison_ssh_check_option ("-oProxyCommand=x", &error));
  g_assert_cmpstr (error->message, ==,
                   "“-oProxyCommand=x” is not an ssh option: give it as ssh -o takes it, for example Port=2222");
  g_clear_error (&error);
  g_assert_false (liaison_ssh_check_option ("", &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
}

/* BatchMode and strict host keys first, the user's options, the host after
 * "--", then the fixed command, whatever the host is called. */
static void
test_argv (void)
{
  char *options[] = { "Port=2222", "StrictHostKeyChecking=no", NULL };
  LiaisonSshSettings settings = { 0 };
  g_auto(GStrv) argv = NULL;
  g_auto(GStrv) other = NULL;
  g_auto(GStrv) windows = NULL;
  guint n;

  settings.config_file = "/tmp/ssh_config";
  settings.options = options;
  argv = liaison_ssh_argv (&settings, "root@web01", LIAISON_SSH_SHELL_POSIX);
  n = g_strv_length (argv);
  g_assert_cmpuint (n, ==, 22);
  {
    const char *expected[] = {
      "ssh", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-o", "RemoteCommand=none",
      "-o", "ClearAllForwardings=yes", "-F", "/tmp/ssh_config",
      "-o", "Port=2222", "-o", "StrictHostKeyChecking=no", "-o", "ConnectTimeout=10", "-T", "-n", "--",
      "root@web01",
    };

    for (guint i = 0; i < G_N_ELEMENTS (expected) - 1; i++)
      g_assert_cmpstr (argv[i], ==, expected[i]);
    g_assert_cmpstr (argv[n - 2], ==, "root@web01");
  }

  /* The command is the same text for every host. */
  other = liaison_ssh_argv (&settings, "db02", LIAISON_SSH_SHELL_POSIX);
  g_assert_cmpstr (argv[n - 1], ==, other[g_strv_length (other) - 1]);
  g_assert_null (strstr (argv[n - 1], "web01"));
  g_assert_true (g_str_has_prefix (argv[n - 1], "sh -c 'echo @@liaison:host; hostname"));
  g_assert_nonnull (strstr (argv[n - 1], "ss -tunapH"));
  g_assert_nonnull (strstr (argv[n - 1], "netstat -tunap"));
  g_assert_nonnull (strstr (argv[n - 1], "/proc/net/$f"));
  g_assert_null (strstr (argv[n - 1], "sudo"));

  settings.sudo = TRUE;
  g_strfreev (other);
  other = liaison_ssh_argv (&settings, "db02", LIAISON_SSH_SHELL_POSIX);
  g_assert_nonnull (strstr (other[g_strv_length (other) - 1], "sudo -n true"));

  windows = liaison_ssh_argv (&settings, "win01", LIAISON_SSH_SHELL_WINDOWS);
  g_assert_cmpstr (windows[g_strv_length (windows) - 1], ==,
                   "cmd /c \"echo @@liaison:host & hostname & echo @@liaison:table netstat -ano & netstat -ano & echo @@liaison:end\"");
}

/* Runs the fixed command the way a host's login shell does, with @path. */
static LiaisonSshOutput *
run_here (gboolean     sudo,
          const char  *path,
          GError     **error)
{
  LiaisonSshSettings settings = { 0 };
  g_auto(GStrv) argv = NULL;
  g_auto(GStrv) env = g_get_environ ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GBytes) out_bytes = NULL;
  g_autoptr(GBytes) err_bytes = NULL;
  const char *shell[] = { "/bin/sh", "-c", NULL, NULL };
  gboolean other_shell = TRUE;
  int status = 0;

  settings.sudo = sudo;
  argv = liaison_ssh_argv (&settings, "here", LIAISON_SSH_SHELL_POSIX);
  shell[2] = argv[g_strv_length (argv) - 1];
  if (path != NULL)
    env = g_environ_setenv (env, "PATH", path, TRUE);

  g_assert_true (g_spawn_sync (NULL, (char **) shell, env, 0, NULL, NULL, &out, &err, &status, NULL));
  out_bytes = g_bytes_new (out, strlen (out));
  err_bytes = g_bytes_new (err, strlen (err));
  return liaison_ssh_output_read ("here", LIAISON_SSH_SHELL_POSIX, out_bytes, err_bytes,
                                  WEXITSTATUS (status), &other_shell, error);
}

static guint
count_sockets (const LiaisonSshOutput *output)
{
  g_autoptr(LiaisonNetstatTable) table = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (output->table, &length);

  table = liaison_netstat_parse (output->tool, data, length, &error);
  g_assert_no_error (error);
  return table->sockets->len;
}

/* On this machine the command finds ss; the sockets are the table's. */
static void
test_command_here (void)
{
  g_autoptr(LiaisonSshOutput) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ss = g_find_program_in_path ("ss");

  if (ss == NULL)
    {
      g_test_skip ("ss is not installed (Debian: iproute2)");
      return;
    }

  output = run_here (FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (output->device, ==, g_get_host_name ());
  g_assert_cmpstr (output->tool, ==, "ss -tunapH");
  g_assert_false (output->sudo_refused);
  g_assert_cmpuint (count_sockets (output), >, 0);
}

/* Without ss and netstat on the PATH, it reads /proc/net. */
static void
test_command_proc (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_folder_new ();
  g_autoptr(LiaisonSshOutput) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bin = g_build_filename (f->dir, "bin", NULL);
  static const char * const tools[] = { "sh", "cat", "hostname" };

  g_assert_cmpint (g_mkdir (bin, 0755), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      g_autofree char *target = g_find_program_in_path (tools[i]);
      g_autofree char *link = g_build_filename (bin, tools[i], NULL);

      g_assert_cmpint (symlink (target, link), ==, 0);
    }

  output = run_here (TRUE, bin, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (output->device, ==, g_get_host_name ());
  g_assert_cmpstr (output->tool, ==, "/proc/net");
  /* No sudo on that PATH either. */
  g_assert_true (output->sudo_refused);
  g_assert_cmpuint (count_sockets (output), >, 0);
}

static LiaisonSshOutput *
read_answer (LiaisonSshShell   shell,
             const char       *out,
             const char       *err,
             int               status,
             gboolean         *other_shell,
             GError          **error)
{
  g_autoptr(GBytes) out_bytes = g_bytes_new (out, strlen (out));
  g_autoptr(GBytes) err_bytes = g_bytes_new (err, strlen (err));

  return liaison_ssh_output_read ("web01", shell, out_bytes, err_bytes, status, other_shell, error);
}

/* Windows OpenSSH: cmd's echo keeps a space before "&", lines end in CRLF. */
static void
test_windows_answer (void)
{
  g_autofree char *table = liaison_test_read_data ("netstat", "windows-netstat-ano.txt", NULL);
  g_autofree char *out = g_strdup_printf ("@@liaison:host \r\nWIN-SRV01\r\n@@liaison:table netstat -ano \r\n%s@@liaison:end\r\n",
                                          table);
  g_autoptr(LiaisonSshOutput) output = NULL;
  g_autoptr(GError) error = NULL;
  gboolean other_shell = TRUE;

  output = read_answer (LIAISON_SSH_SHELL_WINDOWS, out, "", 0, &other_shell, &error);
  g_assert_no_error (error);
  g_assert_false (other_shell);
  g_assert_cmpstr (output->device, ==, "WIN-SRV01");
  g_assert_cmpstr (output->tool, ==, "netstat -ano");
  g_assert_cmpmem (g_bytes_get_data (output->table, NULL), g_bytes_get_size (output->table),
                   table, strlen (table));
  g_assert_cmpuint (count_sockets (output), ==, 25);
}

/* What a login script prints comes before the first marker, and is left out. */
static void
test_login_noise (void)
{
  const char *out = "Welcome to db01!\n@@liaison:host\ndb01.example.com\n@@liaison:sudo-refused\n"
                    "@@liaison:table ss -tunapH\n"
                    "tcp   LISTEN 0      4096       0.0.0.0:22        0.0.0.0:*    users:((\"sshd\",pid=1,fd=3))\n"
                    "@@liaison:end\n";
  g_autoptr(LiaisonSshOutput) output = NULL;
  g_autoptr(GError) error = NULL;
  gboolean other_shell = TRUE;

  output = read_answer (LIAISON_SSH_SHELL_POSIX, out, "", 0, &other_shell, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (output->device, ==, "db01.example.com");
  g_assert_cmpstr (output->tool, ==, "ss -tunapH");
  g_assert_true (output->sudo_refused);
  g_assert_cmpuint (count_sockets (output), ==, 1);
}

/* An answer is taken whole or not at all; each failure says which. */
static void
test_failures (void)
{
  static const struct {
    const char *out;
    const char *err;
    int         status;
    gboolean    other_shell;
    const char *message;
  } cases[] = {
    { "@@liaison:host\nweb01\n@@liaison:table ss -tunapH\ntcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:*\n", "", 141, FALSE,
      "web01: the answer ended before the socket table was whole (exit status 141)" },
    { "@@liaison:host\nweb01\n@@liaison:none\n@@liaison:end\n", "", 0, FALSE,
      "web01: no socket tool: none of ss, netstat and /proc/net works there" },
    { "", "'sh' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n", 1, TRUE,
      "web01: the host’s shell did not run the sampling command ('sh' is not recognized as an internal or external command,)" },
    { "This account is currently not available.\n", "", 1, TRUE,
      "web01: the host’s shell did not run the sampling command (This account is currently not available.)" },
    { "", "ssh: Could not resolve hostname web01: Name or service not known\r\n", 255, FALSE,
      "web01: the host name does not resolve (Could not resolve hostname web01: Name or service not known)" },
    { "", "ssh: connect to host 10.0.0.5 port 22: Connection refused\r\n", 255, FALSE,
      "web01: unreachable (connect to host 10.0.0.5 port 22: Connection refused)" },
    { "", "ssh: connect to host 10.0.0.5 port 22: Connection timed out\r\n", 255, FALSE,
      "web01: unreachable (connect to host 10.0.0.5 port 22: Connection timed out)" },
    { "", "No ED25519 host key is known for web01 and you have requested strict checking.\r\n"
          "Host key verification failed.\r\n", 255, FALSE,
      "web01: the host key is unknown; check it and add it to known_hosts, for example by logging in once with ssh "
      "(No ED25519 host key is known for web01 and you have requested strict checking.)" },
    { "", "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\r\n"
          "@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\r\n"
          "Host key for web01 has changed and you have requested strict checking.\r\n"
          "Host key verification failed.\r\n", 255, FALSE,
      "web01: the host key has changed since it was recorded in known_hosts; not connecting "
      "(Host key for web01 has changed and you have requested strict checking.)" },
    { "", "root@web01: Permission denied (publickey,password).\r\n", 255, FALSE,
      "web01: the key was refused; Liaison logs in only with a key or the agent, never with a password "
      "(root@web01: Permission denied (publickey,password).)" },
    { "", "kex_exchange_identification: Connection closed by remote host\r\n"
          "Connection closed by 10.0.0.5 port 22\r\n", 255, FALSE,
      "web01: the connection closed before the login (kex_exchange_identification: Connection closed by remote host)" },
    { "", "", 255, FALSE, "web01: ssh failed with exit status 255" },
    { "", "channel 0: open failed: administratively prohibited\n", 255, FALSE,
      "web01: ssh failed (channel 0: open failed: administratively prohibited)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LiaisonSshOutput) output = NULL;
      g_autoptr(GError) error = NULL;
      gboolean other_shell = !cases[i].other_shell;

      output = read_answer (LIAISON_SSH_SHELL_POSIX, cases[i].out, cases[i].err, cases[i].status,
                            &other_shell, &error);
      g_assert_null (output);
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_assert_cmpint (other_shell, ==, cases[i].other_shell);
    }
}

/* After the Windows command, nothing else is tried. */
static void
test_no_third_shell (void)
{
  g_autoptr(LiaisonSshOutput) output = NULL;
  g_autoptr(GError) error = NULL;
  gboolean other_shell = TRUE;

  output = read_answer (LIAISON_SSH_SHELL_WINDOWS, "", "cmd: not found\n", 127, &other_shell, &error);
  g_assert_null (output);
  g_assert_false (other_shell);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_UNSUPPORTED);
  g_assert_cmpstr (error->message, ==, "web01: the host’s shell did not run the sampling command (cmd: not found)");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ssh-command/refused-hosts", test_refused_hosts);
  g_test_add_func ("/ssh-command/refused-options", test_refused_options);
  g_test_add_func ("/ssh-command/argv", test_argv);
  g_test_add_func ("/ssh-command/here", test_command_here);
  g_test_add_func ("/ssh-command/proc", test_command_proc);
  g_test_add_func ("/ssh-command/windows", test_windows_answer);
  g_test_add_func ("/ssh-command/login-noise", test_login_noise);
  g_test_add_func ("/ssh-command/failures", test_failures);
  g_test_add_func ("/ssh-command/no-third-shell", test_no_third_shell);

  return g_test_run ();
}
