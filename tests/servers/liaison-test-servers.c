/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-test-servers"

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "liaison-test-servers.h"

/* What sshd needs for a port or more; a ForceCommand for the /proc host. */
#define SSHD_CONFIG \
  "ListenAddress 127.0.0.1\n" \
  "HostKey %s/host_key\n" \
  "AuthorizedKeysFile %s/authorized_keys\n" \
  "StrictModes no\n" \
  "PermitRootLogin prohibit-password\n" \
  "PasswordAuthentication no\n" \
  "KbdInteractiveAuthentication no\n" \
  "UsePAM no\n" \
  "PidFile none\n" \
  "MaxStartups 200\n" \
  "MaxSessions 200\n"

#define PROC_HOST_NAME "liaison-proc-host"

/* sshd listens on 16 ports at most. */
#define PORTS_PER_SSHD 16

/* A server ends with the test, even one that crashed. */
static void
end_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static GSubprocessLauncher *
server_launcher (GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_set_child_setup (launcher, end_with_parent, NULL, NULL);
  return launcher;
}

static char *
find_sshd (void)
{
  if (g_file_test ("/usr/sbin/sshd", G_FILE_TEST_IS_EXECUTABLE))
    return g_strdup ("/usr/sbin/sshd");
  return g_find_program_in_path ("sshd");
}

static void
run_sync (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
}

static void
make_key (const char *path)
{
  const char *argv[] = { "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "liaison-test", "-f", path, NULL };

  run_sync (argv);
}

static char *
read_key (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return g_strstrip (contents);
}

/* Whether this test may give an sshd a host name of its own. */
static gboolean
can_name_host (void)
{
  const char *argv[] = { "unshare", "--uts", "true", NULL };
  g_autofree char *unshare = g_find_program_in_path ("unshare");
  int status = 0;

  return unshare != NULL &&
         g_spawn_sync (NULL, (char **) argv, NULL,
                       G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                       NULL, NULL, NULL, NULL, &status, NULL) &&
         g_spawn_check_wait_status (status, NULL);
}

static void
wait_for_port (guint16 port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GSocketConnection) connection = NULL;

      connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);
      if (connection != NULL)
        return;
      g_usleep (20000);
    }
  g_error ("sshd did not listen on port %u", port);
}

/* One sshd on @ports (at most 16) with @extra in its config. */
static void
start_sshd (LiaisonTestSshd *sshd,
            const guint16   *ports,
            guint            n_ports,
            const char      *extra,
            gboolean         named)
{
  g_autoptr(GSubprocessLauncher) launcher = server_launcher (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autoptr(GString) config = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *sshd_path = find_sshd ();
  g_autofree char *config_path = g_strdup_printf ("%s/sshd_config.%u", sshd->dir, sshd->servers->len);
  g_autofree char *log_path = g_strdup_printf ("%s/sshd.%u.log", sshd->dir, sshd->servers->len);
  GSubprocess *process;

  g_string_printf (config, SSHD_CONFIG, sshd->dir, sshd->dir);
  for (guint i = 0; i < n_ports; i++)
    g_string_append_printf (config, "Port %u\n", ports[i]);
  if (extra != NULL)
    g_string_append (config, extra);
  g_file_set_contents (config_path, config->str, -1, &error);
  g_assert_no_error (error);

  g_subprocess_launcher_set_stderr_file_path (launcher, log_path);
  if (named)
    process = g_subprocess_launcher_spawn (launcher, &error, "unshare", "--uts", "sh", "-c",
                                           "hostname " PROC_HOST_NAME " && exec \"$0\" -D -e -f \"$1\"",
                                           sshd_path, config_path, NULL);
  else
    process = g_subprocess_launcher_spawn (launcher, &error, sshd_path, "-D", "-e", "-f", config_path, NULL);
  g_assert_no_error (error);
  g_ptr_array_add (sshd->servers, process);

  for (guint i = 0; i < n_ports; i++)
    wait_for_port (ports[i]);
}

static void
add_known_host (LiaisonTestSshd *sshd,
                guint16          port)
{
  g_autofree char *known_hosts = g_build_filename (sshd->dir, "known_hosts", NULL);
  g_autofree char *host_key = g_build_filename (sshd->dir, "host_key.pub", NULL);
  g_autofree char *key = read_key (host_key);
  g_autofree char *old = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) fields = g_strsplit (key, " ", 3);

  g_file_get_contents (known_hosts, &old, NULL, NULL);
  line = g_strdup_printf ("%s[127.0.0.1]:%u %s %s\n", old != NULL ? old : "", port, fields[0], fields[1]);
  g_file_set_contents (known_hosts, line, -1, &error);
  g_assert_no_error (error);
}

static void
write_config (LiaisonTestSshd *sshd)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  text = g_strdup_printf ("%s"
                          "Host nowhere\n"
                          "  HostName nowhere.invalid\n"
                          "Host *\n"
                          "  User %s\n"
                          "  IdentitiesOnly yes\n"
                          "  IdentityAgent none\n"
                          "  UserKnownHostsFile %s/known_hosts\n"
                          "  GlobalKnownHostsFile /dev/null\n"
                          "Host * !refused-key-host\n"
                          "  IdentityFile %s/user_key\n",
                          sshd->hosts->str, g_get_user_name (), sshd->dir, sshd->dir);
  g_file_set_contents (sshd->config, text, -1, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

/**
 * liaison_test_sshd_new:
 * @dir: (nullable): a folder for the keys, configs and logs; %NULL for a
 *   new temporary one, removed with the servers
 *
 * Returns: (nullable): the servers, or %NULL when sshd, ssh or ssh-keygen
 *   is missing (the test is marked skipped, saying which)
 */
LiaisonTestSshd *
liaison_test_sshd_new (const char *dir)
{
  static const char * const programs[] = { "ssh", "ssh-keygen" };
  g_autoptr(LiaisonTestSshd) sshd = NULL;
  g_autofree char *sshd_path = find_sshd ();
  g_autofree char *procbin = NULL;
  g_autofree char *force = NULL;
  g_autofree char *user_key = NULL;
  g_autofree char *other_key = NULL;
  g_autofree char *authorized = NULL;
  g_autofree char *key_path = NULL;
  g_autoptr(GError) error = NULL;
  guint16 ss_port, proc_port, slow_port, stuck_port;
  gboolean named;

  if (sshd_path == NULL)
    {
      g_test_skip ("sshd is not installed (Debian: openssh-server)");
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (programs); i++)
    {
      g_autofree char *path = g_find_program_in_path (programs[i]);

      if (path == NULL)
        {
          g_autofree char *message = g_strdup_printf ("%s is not installed (Debian: openssh-client)", programs[i]);

          g_test_skip (message);
          return NULL;
        }
    }

  /* As root, sshd wants its privilege separation folder. */
  if (geteuid () == 0)
    g_mkdir_with_parents ("/run/sshd", 0755);

  sshd = g_new0 (LiaisonTestSshd, 1);
  if (dir == NULL)
    {
      sshd->dir = g_dir_make_tmp ("liaison-sshd-XXXXXX", &error);
      g_assert_no_error (error);
      sshd->own_dir = TRUE;
      dir = sshd->dir;
    }
  else
    sshd->dir = g_strdup (dir);
  sshd->config = g_build_filename (dir, "ssh_config", NULL);
  sshd->servers = g_ptr_array_new_with_free_func (g_object_unref);
  sshd->hosts = g_string_new (NULL);

  key_path = g_build_filename (dir, "host_key", NULL);
  make_key (key_path);
  user_key = g_build_filename (dir, "user_key", NULL);
  make_key (user_key);
  other_key = g_build_filename (dir, "other_key", NULL);
  make_key (other_key);
  g_free (key_path);
  key_path = g_build_filename (dir, "user_key.pub", NULL);
  authorized = read_key (key_path);
  g_free (key_path);
  key_path = g_build_filename (dir, "authorized_keys", NULL);
  g_file_set_contents (key_path, authorized, -1, &error);
  g_assert_no_error (error);

  /* The /proc host: only sh, cat and hostname on its PATH. */
  procbin = g_build_filename (dir, "procbin", NULL);
  g_assert_cmpint (g_mkdir (procbin, 0755), ==, 0);
  for (guint i = 0; i < 3; i++)
    {
      static const char * const tools[] = { "sh", "cat", "hostname" };
      g_autofree char *target = g_find_program_in_path (tools[i]);
      g_autofree char *link = g_build_filename (procbin, tools[i], NULL);

      g_assert_nonnull (target);
      g_assert_cmpint (symlink (target, link), ==, 0);
    }
  force = g_strdup_printf ("ForceCommand env PATH=%s /bin/sh -c \"$SSH_ORIGINAL_COMMAND\"\n", procbin);

  ss_port = liaison_test_free_port (G_SOCKET_TYPE_STREAM);
  start_sshd (sshd, &ss_port, 1, NULL, FALSE);
  sshd->ss_port = ss_port;
  proc_port = liaison_test_free_port (G_SOCKET_TYPE_STREAM);
  named = can_name_host ();
  start_sshd (sshd, &proc_port, 1, force, named);
  sshd->ss_device = g_strdup (g_get_host_name ());
  sshd->proc_device = g_strdup (named ? PROC_HOST_NAME : g_get_host_name ());

  /* The slow host answers after two seconds. */
  slow_port = liaison_test_free_port (G_SOCKET_TYPE_STREAM);
  start_sshd (sshd, &slow_port, 1, "ForceCommand sleep 2; /bin/sh -c \"$SSH_ORIGINAL_COMMAND\"\n", FALSE);

  /* The stuck host answers after a minute: a round that waits for it on a
   * busy machine is told from one that stopped it. */
  stuck_port = liaison_test_free_port (G_SOCKET_TYPE_STREAM);
  start_sshd (sshd, &stuck_port, 1, "ForceCommand sleep 60; /bin/sh -c \"$SSH_ORIGINAL_COMMAND\"\n", FALSE);

  add_known_host (sshd, ss_port);
  add_known_host (sshd, proc_port);
  add_known_host (sshd, slow_port);
  add_known_host (sshd, stuck_port);

  g_string_append_printf (sshd->hosts,
                          "Host ss-host\n  HostName 127.0.0.1\n  Port %u\n"
                          "Host proc-host\n  HostName 127.0.0.1\n  Port %u\n"
                          "Host unknown-key-host\n  HostName 127.0.0.1\n  Port %u\n  HostKeyAlias unknown-key-host\n"
                          "Host refused-key-host\n  HostName 127.0.0.1\n  Port %u\n  IdentityFile %s\n"
                          "Host closed-port-host\n  HostName 127.0.0.1\n  Port %u\n"
                          "Host slow-host slow-host-2 slow-host-3\n  HostName 127.0.0.1\n  Port %u\n"
                          "Host stuck-host stuck-host-2\n  HostName 127.0.0.1\n  Port %u\n",
                          ss_port, proc_port, ss_port, ss_port, other_key,
                          liaison_test_free_port (G_SOCKET_TYPE_STREAM), slow_port, stuck_port);
  write_config (sshd);

  return g_steal_pointer (&sshd);
}

/* @n more hosts, host01 and on, each a port of its own. */
void
liaison_test_sshd_add_hosts (LiaisonTestSshd *sshd,
                             guint            n)
{
  while (n > 0)
    {
      guint16 ports[PORTS_PER_SSHD];
      guint count = MIN (n, PORTS_PER_SSHD);

      for (guint i = 0; i < count; i++)
        {
          ports[i] = liaison_test_free_port (G_SOCKET_TYPE_STREAM);
          add_known_host (sshd, ports[i]);
          g_string_append_printf (sshd->hosts, "Host host%02u\n  HostName 127.0.0.1\n  Port %u\n",
                                  ++sshd->n_hosts, ports[i]);
        }
      start_sshd (sshd, ports, count, NULL, FALSE);
      n -= count;
    }
  write_config (sshd);
}

void
liaison_test_sshd_free (LiaisonTestSshd *sshd)
{
  for (guint i = 0; i < sshd->servers->len; i++)
    {
      GSubprocess *process = g_ptr_array_index (sshd->servers, i);

      g_subprocess_send_signal (process, SIGTERM);
      g_subprocess_wait (process, NULL, NULL);
    }
  g_ptr_array_unref (sshd->servers);
  g_string_free (sshd->hosts, TRUE);
  if (sshd->own_dir)
    remove_tree (sshd->dir);
  g_free (sshd->dir);
  g_free (sshd->config);
  g_free (sshd->ss_device);
  g_free (sshd->proc_device);
  g_free (sshd);
}

/* nfcapd ------------------------------------------------------------------- */

guint
liaison_test_count_files (const char *dir,
                          const char *prefix)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;
  guint count = 0;

  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    if (g_str_has_prefix (name, prefix))
      count++;
  return count;
}

/**
 * liaison_test_nfcapd_new:
 * @dir: the folder nfcapd writes to (it must exist)
 *
 * Returns: (nullable): nfcapd, rotating every 2 seconds, or %NULL when it
 *   is not installed (the test is marked skipped)
 */
LiaisonTestNfcapd *
liaison_test_nfcapd_new (const char *dir)
{
  g_autoptr(LiaisonTestNfcapd) nfcapd = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *program = g_find_program_in_path ("nfcapd");
  g_autofree char *port = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline;

  if (program == NULL)
    {
      g_test_skip ("nfcapd is not installed (Debian: nfdump)");
      return NULL;
    }

  nfcapd = g_new0 (LiaisonTestNfcapd, 1);
  nfcapd->dir = g_strdup (dir);
  nfcapd->port = liaison_test_free_port (G_SOCKET_TYPE_DATAGRAM);
  port = g_strdup_printf ("%u", nfcapd->port);

  launcher = server_launcher (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  nfcapd->process = g_subprocess_launcher_spawn (launcher, &error, program, "-w", dir, "-t", "2",
                                                 "-b", "127.0.0.1", "-p", port, NULL);
  g_assert_no_error (error);

  /* Listening once it has opened its first file. */
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (liaison_test_count_files (dir, "nfcapd.current.") == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (20000);
    }

  nfcapd->socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, 0, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&nfcapd);
}

static void
put16 (guint8 *p, guint16 v)
{
  v = GUINT16_TO_BE (v);
  memcpy (p, &v, 2);
}

static void
put32 (guint8 *p, guint32 v)
{
  v = GUINT32_TO_BE (v);
  memcpy (p, &v, 4);
}

static void
put_address (guint8 *p, const char *text)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (text);

  g_assert_nonnull (address);
  memcpy (p, g_inet_address_to_bytes (address), 4);
}

/* One NetFlow v5 packet with one TCP flow that started two seconds ago. */
void
liaison_test_nfcapd_send (LiaisonTestNfcapd *nfcapd,
                          const char        *client,
                          guint16            client_port,
                          const char        *listener)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) to = g_inet_socket_address_new (loopback, nfcapd->port);
  g_autoptr(GError) error = NULL;
  guint8 packet[24 + 48] = { 0 };
  guint8 *flow = packet + 24;
  gint64 now = g_get_real_time ();
  const guint32 uptime = 3600000;

  /* Header: version, count, uptime, seconds, nanoseconds, sequence. */
  put16 (packet, 5);
  put16 (packet + 2, 1);
  put32 (packet + 4, uptime);
  put32 (packet + 8, (guint32) (now / G_USEC_PER_SEC));
  put32 (packet + 12, (guint32) (now % G_USEC_PER_SEC) * 1000);
  put32 (packet + 16, nfcapd->sequence++);

  /* The flow: addresses, packets, bytes, first and last (uptime), ports,
   * TCP flags, protocol. */
  put_address (flow, client);
  put_address (flow + 4, listener);
  put32 (flow + 16, 4);
  put32 (flow + 20, 400);
  put32 (flow + 24, uptime - 2000);
  put32 (flow + 28, uptime - 1000);
  put16 (flow + 32, client_port);
  put16 (flow + 34, 443);
  flow[37] = 0x1b;
  flow[38] = 6;

  g_socket_send_to (nfcapd->socket, to, (const char *) packet, sizeof packet, NULL, &error);
  g_assert_no_error (error);
}

void
liaison_test_nfcapd_free (LiaisonTestNfcapd *nfcapd)
{
  if (nfcapd->process != NULL)
    {
      g_subprocess_send_signal (nfcapd->process, SIGTERM);
      g_subprocess_wait (nfcapd->process, NULL, NULL);
      g_object_unref (nfcapd->process);
    }
  g_clear_object (&nfcapd->socket);
  g_free (nfcapd->dir);
  g_free (nfcapd);
}

/* Own sockets ---------------------------------------------------------------- */

static GSocket *
loopback_socket (GSocketType  type,
                 guint16     *port)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  GSocket *socket;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, type, 0, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  if (port != NULL)
    *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  return socket;
}

static void
connect_to (GSocket *socket,
            guint16  port)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) to = g_inet_socket_address_new (loopback, port);
  g_autoptr(GError) error = NULL;

  g_socket_connect (socket, to, NULL, &error);
  g_assert_no_error (error);
}

/* A port of 127.0.0.1 nobody listens on now. */
guint16
liaison_test_free_port (int type)
{
  g_autoptr(GSocket) socket = NULL;
  guint16 port = 0;

  socket = loopback_socket (type, &port);
  return port;
}

LiaisonTestSockets *
liaison_test_sockets_new (void)
{
  LiaisonTestSockets *sockets = g_new0 (LiaisonTestSockets, 1);
  g_autoptr(GError) error = NULL;
  char *comm = NULL;

  sockets->listener = loopback_socket (G_SOCKET_TYPE_STREAM, &sockets->tcp_port);
  g_socket_listen (sockets->listener, &error);
  g_assert_no_error (error);
  sockets->client = loopback_socket (G_SOCKET_TYPE_STREAM, NULL);
  connect_to (sockets->client, sockets->tcp_port);
  sockets->accepted = g_socket_accept (sockets->listener, NULL, &error);
  g_assert_no_error (error);

  sockets->udp_server = loopback_socket (G_SOCKET_TYPE_DATAGRAM, &sockets->udp_port);
  sockets->udp_client = loopback_socket (G_SOCKET_TYPE_DATAGRAM, NULL);
  connect_to (sockets->udp_client, sockets->udp_port);

  g_file_get_contents ("/proc/self/comm", &comm, NULL, &error);
  g_assert_no_error (error);
  sockets->process = g_strstrip (comm);
  return sockets;
}

/* The columns of a communication from client_ip to protocol, as
 * `list --format csv` prints them, of a connection above seen on @device:
 * "127.0.0.1,web01,127.0.0.1,web01,41234,tcp" */
char *
liaison_test_sockets_row (const LiaisonTestSockets *sockets,
                          const char               *device,
                          const char               *protocol)
{
  return g_strdup_printf ("127.0.0.1,%s,127.0.0.1,%s,%u,%s", device, device,
                          g_str_equal (protocol, "udp") ? sockets->udp_port : sockets->tcp_port,
                          protocol);
}

/* In @list (rows of columns from client_ip on, as `list --format csv`
 * prints them), the process column of the connection of @protocol that
 * @device saw: "" or "-" for none; NULL when there is no such row. */
char *
liaison_test_sockets_process (const LiaisonTestSockets *sockets,
                              const char               *list,
                              const char               *device,
                              const char               *protocol)
{
  g_autofree char *columns = liaison_test_sockets_row (sockets, device, protocol);
  g_autofree char *needle = g_strdup_printf (",%s,", columns);
  const char *row = strstr (list, needle);
  const char *process, *end;

  if (row == NULL)
    return NULL;
  process = row + strlen (needle);
  end = strchr (process, ',');
  return g_strndup (process, end - process);
}

void
liaison_test_sockets_free (LiaisonTestSockets *sockets)
{
  g_clear_object (&sockets->listener);
  g_clear_object (&sockets->client);
  g_clear_object (&sockets->accepted);
  g_clear_object (&sockets->udp_server);
  g_clear_object (&sockets->udp_client);
  g_free (sockets->process);
  g_free (sockets);
}
