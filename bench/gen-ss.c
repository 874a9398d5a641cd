/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-bench"

#include "config.h"

#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "bench-rng.h"

/*
 * gen-ss: writes a deterministic `ss -tanp` sample of one busy host: a few
 * hundred LISTEN sockets (on 0.0.0.0, the host's address, 127.0.0.1, [::]
 * and dual-stack *), then N connections: mostly ESTAB inbound to those
 * listeners and ESTAB outbound to remote services, each with its process
 * (`users:(("nginx",pid=1203,fd=57))`), plus TIME-WAIT sockets (no process)
 * and a few sockets in the other states. Columns are laid out as ss lays
 * them out: state, Recv-Q, Send-Q, then the addresses right-aligned on
 * their `:`. Every 4-tuple is distinct, as in a real socket table. The same
 * options give the same bytes.
 */

#define HOST_V4 "10.0.0.5"
#define HOST_V6 "[2001:db8::5]"
#define N_CLIENTS 4000
#define N_REMOTES 300
#define EPHEMERAL_FIRST 32768
#define EPHEMERAL_COUNT 28232

typedef enum { BIND_ANY4, BIND_HOST4, BIND_LOOPBACK, BIND_ANY6, BIND_DUAL } Bind;

typedef struct
{
  Bind        bind;
  guint       port;
  const char *process;
  guint       pid;
  guint       workers;     /* processes sharing the socket, as nginx workers do */
  guint       next_fd;
} Listener;

typedef struct
{
  const char *state;
  char        local[48];
  char        local_port[8];
  char        peer[48];
  char        peer_port[8];
  char        users[96];
  guint       send_q;
} Row;

static const guint well_known[] = {
  22, 25, 53, 80, 111, 443, 465, 587, 993, 995, 2049, 3000, 3306, 5432, 5672, 6379,
  8080, 8443, 9090, 9100, 9200, 9300, 11211, 15672, 27017,
};

static const char *server_processes[] = {
  "nginx", "sshd", "postgres", "mysqld", "redis-server", "java", "node", "haproxy",
  "memcached", "beam.smp", "dockerd", "containerd", "prometheus", "node_exporter",
  "grafana-server", "mongod", "named", "rpcbind", "master", "dovecot",
};

static const char *client_processes[] = {
  "curl", "java", "python3", "node", "postgres", "filebeat", "prometheus", "ruby",
  "php-fpm", "apt-get", "git", "ssh", "rsync", "telegraf", "consul", "vault",
};

static void
client_address (char   *buf,
                gsize   size,
                guint   index,
                Bind    bind)
{
  switch (bind)
    {
    case BIND_LOOPBACK:
      g_snprintf (buf, size, "127.0.0.1");
      break;
    case BIND_ANY6:
      g_snprintf (buf, size, "[2001:db8:20::%x]", index + 1);
      break;
    case BIND_DUAL:
      g_snprintf (buf, size, "[::ffff:10.%u.%u.%u]", 20 + index / 62500, (index / 250) % 250, index % 250 + 1);
      break;
    default:
      g_snprintf (buf, size, "10.%u.%u.%u", 20 + index / 62500, (index / 250) % 250, index % 250 + 1);
      break;
    }
}

static const char *
local_address (Bind bind)
{
  switch (bind)
    {
    case BIND_LOOPBACK: return "127.0.0.1";
    case BIND_ANY6:     return HOST_V6;
    case BIND_DUAL:     return "[::ffff:" HOST_V4 "]";
    default:            return HOST_V4;
    }
}

static void
users (char       *buf,
       gsize       size,
       const char *process,
       guint       pid,
       guint       fd,
       guint       workers)
{
  GString *text = g_string_new ("users:(");

  for (guint w = 0; w < MAX (workers, 1); w++)
    g_string_append_printf (text, "%s(\"%s\",pid=%u,fd=%u)", w > 0 ? "," : "", process, pid + w, fd);
  g_string_append_c (text, ')');
  g_strlcpy (buf, text->str, size);
  g_string_free (text, TRUE);
}

int
main (int    argc,
      char **argv)
{
  gint n_connections = 100000;
  gint n_listeners = 300;
  gint64 seed = 1;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "connections", 'n', 0, G_OPTION_ARG_INT, &n_connections, "Number of connection sockets (100000)", "N" },
    { "listeners", 'l', 0, G_OPTION_ARG_INT, &n_listeners, "Number of LISTEN sockets (300)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Seed (1)", "N" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Output file (standard output)", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- write a generated `ss -tanp` sample");
  g_autoptr(GError) error = NULL;
  g_autofree Listener *listeners = NULL;
  g_autofree Row *rows = NULL;
  g_autofree guint *client_ports = NULL;
  static char buffer[1 << 20];
  guint n_rows, n_outbound = 0;
  int local_width = 13, peer_width = 12;    /* "Local Address", "Peer Address" */
  FILE *out;
  Rng rng;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("gen-ss: %s\n", error->message);
      return 2;
    }
  if (n_connections < 0 || n_listeners < 1 || n_listeners > 5000)
    {
      g_printerr ("gen-ss: --connections must be >= 0 and --listeners between 1 and 5000\n");
      return 2;
    }

  rng.s = (guint64) seed * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15) + 0x2545F4914F6CDD1D;
  for (int i = 0; i < 8; i++)
    rng_next (&rng);

  listeners = g_new0 (Listener, n_listeners);
  for (gint i = 0; i < n_listeners; i++)
    {
      guint r = rng_below (&rng, 100);
      Listener *l = &listeners[i];

      l->bind = r < 50 ? BIND_ANY4 : r < 75 ? BIND_HOST4 : r < 85 ? BIND_LOOPBACK : r < 95 ? BIND_ANY6 : BIND_DUAL;
      l->port = (guint) i < G_N_ELEMENTS (well_known) ? well_known[i] : 10000 + (guint) i * 7;
      l->process = server_processes[rng_below (&rng, G_N_ELEMENTS (server_processes))];
      l->pid = 1000 + (guint) i * 10;
      l->workers = g_str_equal (l->process, "nginx") ? 4 : 1;
      l->next_fd = 4;
    }

  n_rows = (guint) n_listeners + (guint) n_connections;
  rows = g_new0 (Row, n_rows);
  client_ports = g_new0 (guint, N_CLIENTS);

  for (gint i = 0; i < n_listeners; i++)
    {
      const Listener *l = &listeners[i];
      Row *row = &rows[i];

      row->state = "LISTEN";
      row->send_q = l->port < 1024 ? 128 : 4096;
      g_strlcpy (row->local, l->bind == BIND_ANY4 ? "0.0.0.0" : l->bind == BIND_ANY6 ? "[::]"
                             : l->bind == BIND_DUAL ? "*" : local_address (l->bind), sizeof row->local);
      g_snprintf (row->local_port, sizeof row->local_port, "%u", l->port);
      g_strlcpy (row->peer, l->bind == BIND_ANY6 ? "[::]" : l->bind == BIND_DUAL ? "*" : "0.0.0.0", sizeof row->peer);
      g_strlcpy (row->peer_port, "*", sizeof row->peer_port);
      users (row->users, sizeof row->users, l->process, l->pid, 3, l->workers);
    }

  for (gint k = 0; k < n_connections; k++)
    {
      Row *row = &rows[n_listeners + k];
      guint r = rng_below (&rng, 100);

      if (r < 68 || (r >= 88 && r < 96))
        {
          /* Inbound: a client of one of the listeners (busy ones first). */
          double u = rng_unit (&rng);
          Listener *l = &listeners[(guint) (u * u * u * n_listeners) % (guint) n_listeners];
          guint client = rng_below (&rng, N_CLIENTS);
          guint port = EPHEMERAL_FIRST + (client * 104729u + client_ports[client]++ * 7919u) % EPHEMERAL_COUNT;

          row->state = r < 68 ? "ESTAB" : "TIME-WAIT";
          g_strlcpy (row->local, local_address (l->bind), sizeof row->local);
          g_snprintf (row->local_port, sizeof row->local_port, "%u", l->port);
          client_address (row->peer, sizeof row->peer, client, l->bind);
          if (l->bind == BIND_LOOPBACK)
            port = EPHEMERAL_FIRST + (guint) k % EPHEMERAL_COUNT;
          g_snprintf (row->peer_port, sizeof row->peer_port, "%u", port);
          if (r < 68)
            users (row->users, sizeof row->users, l->process, l->pid + rng_below (&rng, l->workers),
                   l->next_fd++, 1);
        }
      else
        {
          /* Outbound, or a connection on its way in or out. */
          guint remote = rng_below (&rng, N_REMOTES);
          const char *process = client_processes[rng_below (&rng, G_N_ELEMENTS (client_processes))];
          guint port = EPHEMERAL_FIRST + (n_outbound++ * 7919u) % EPHEMERAL_COUNT;

          row->state = r < 88 ? "ESTAB"
                       : (const char *[]) { "CLOSE-WAIT", "FIN-WAIT-1", "FIN-WAIT-2", "SYN-SENT" }[r % 4];
          g_strlcpy (row->local, HOST_V4, sizeof row->local);
          g_snprintf (row->local_port, sizeof row->local_port, "%u", port);
          g_snprintf (row->peer, sizeof row->peer, "10.30.%u.%u", remote / 250, remote % 250 + 1);
          g_snprintf (row->peer_port, sizeof row->peer_port, "%u", well_known[remote % G_N_ELEMENTS (well_known)]);
          if (!g_str_equal (row->state, "FIN-WAIT-2"))
            users (row->users, sizeof row->users, process, 20000 + remote % 97, 3 + k % 1000, 1);
        }
      row->send_q = rng_below (&rng, 50) == 0 ? rng_below (&rng, 65536) : 0;
    }

  for (guint i = 0; i < n_rows; i++)
    {
      local_width = MAX (local_width, (int) strlen (rows[i].local));
      peer_width = MAX (peer_width, (int) strlen (rows[i].peer));
    }

  out = output != NULL ? fopen (output, "w") : stdout;
  if (out == NULL)
    {
      g_printerr ("gen-ss: %s: %s\n", output, g_strerror (errno));
      return 1;
    }
  setvbuf (out, buffer, _IOFBF, sizeof buffer);

  fprintf (out, "%-9s %-6s %-6s %*s:%-5s %*s:%-5s %s\n",
           "State", "Recv-Q", "Send-Q", local_width, "Local Address", "Port",
           peer_width, "Peer Address", "Port", "Process");
  for (guint i = 0; i < n_rows; i++)
    {
      const Row *row = &rows[i];

      fprintf (out, "%-9s %-6u %-6u %*s:%-5s %*s:%-5s %s\n",
               row->state, 0u, row->send_q,
               local_width, row->local, row->local_port,
               peer_width, row->peer, row->peer_port, row->users);
    }

  if (fflush (out) != 0 || (out != stdout && fclose (out) != 0))
    {
      g_printerr ("gen-ss: %s: %s\n", output != NULL ? output : "stdout", g_strerror (errno));
      return 1;
    }
  return 0;
}
