/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-bench"

#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench-rng.h"

/*
 * gen-nfcapd: makes an nfcapd file the way a router's collector makes it.
 * It starts the real `nfcapd` on a loopback port, sends it N flows as
 * NetFlow v5 packets (30 records each, as routers send them), stops it and
 * moves the file it wrote to --output. The flows are the same for the same
 * options: the first connections go to every (client, listener) pair in
 * turn (each window starting where the one before it stopped), then pairs are drawn at random, a tenth of them carrying a third
 * of the flows; each connection is a request flow and a reply flow, and all
 * start inside one 300 s window. The file's own bytes (nfcapd's
 * statistics, its compression blocks) are nfcapd's.
 *
 * UDP may drop packets when nfcapd falls behind: the program counts the
 * flows in the file (`nfdump -I`) and sends again, more slowly, until none
 * is missing.
 */

#define RECORDS_PER_PACKET 30
#define WINDOW_SECONDS 300
#define UPTIME_MS 3600000u

static const guint16 tcp_ports[] = { 443, 80, 22, 5432, 3306, 6379, 8080, 9200, 25, 993 };
static const guint16 udp_ports[] = { 53, 123, 161, 514 };

typedef struct
{
  guint8 buf[24 + 48 * RECORDS_PER_PACKET];
  guint  n;
  guint  sequence;
} Packet;

static void
put16 (guint8  *p,
       guint16  v)
{
  v = g_htons (v);
  memcpy (p, &v, 2);
}

static void
put32 (guint8  *p,
       guint32  v)
{
  v = g_htonl (v);
  memcpy (p, &v, 4);
}

/* The listener and client of pair @k: clients 10.x.y.z, listeners 172.16.y.z. */
static void
pair_of (guint    k,
         guint32 *client,
         guint32 *listener,
         guint16 *port,
         guint8  *protocol)
{
  guint32 h = k * 2654435761u;
  guint listener_index = (h >> 8) % 2048;

  *client = (10u << 24) | (1u + k / 65024) << 16 | ((k / 254) % 256) << 8 | (1u + k % 254);
  *listener = (172u << 24) | (16u << 16) | (listener_index / 254) << 8 | (1u + listener_index % 254);
  if (h % 10 == 0)
    {
      *protocol = 17;
      *port = udp_ports[(h >> 4) % G_N_ELEMENTS (udp_ports)];
    }
  else
    {
      *protocol = 6;
      *port = tcp_ports[(h >> 4) % G_N_ELEMENTS (tcp_ports)];
    }
}

static void
add_record (Packet  *packet,
            guint32  src,
            guint32  dst,
            guint16  src_port,
            guint16  dst_port,
            guint8   protocol,
            guint32  first_ms,
            guint32  last_ms,
            guint32  packets,
            guint32  bytes)
{
  guint8 *r = packet->buf + 24 + 48 * packet->n;

  memset (r, 0, 48);
  put32 (r, src);
  put32 (r + 4, dst);
  put32 (r + 16, packets);
  put32 (r + 20, bytes);
  put32 (r + 24, first_ms);
  put32 (r + 28, last_ms);
  put16 (r + 32, src_port);
  put16 (r + 34, dst_port);
  r[37] = protocol == 6 ? 0x1b : 0;
  r[38] = protocol;
  packet->n++;
}

static gboolean
send_packet (int                        fd,
             const struct sockaddr_in  *to,
             Packet                    *packet,
             guint32                    unix_secs)
{
  put16 (packet->buf, 5);
  put16 (packet->buf + 2, packet->n);
  put32 (packet->buf + 4, UPTIME_MS);
  put32 (packet->buf + 8, unix_secs);
  put32 (packet->buf + 12, 0);
  put32 (packet->buf + 16, packet->sequence);
  memset (packet->buf + 20, 0, 4);
  packet->sequence += packet->n;
  if (sendto (fd, packet->buf, 24 + 48 * packet->n, 0, (const struct sockaddr *) to, sizeof *to) < 0)
    {
      g_printerr ("gen-nfcapd: sendto: %s\n", g_strerror (errno));
      return FALSE;
    }
  packet->n = 0;
  return TRUE;
}

/* Sends @flows flows over @pairs pairs to @port, pausing @pause_us every 32 packets. */
static gboolean
send_flows (guint16 port,
            guint64 flows,
            guint   pairs,
            gint64  start,
            guint   pause_us)
{
  struct sockaddr_in to = { 0 };
  Packet packet = { 0 };
  Rng rng = { G_GUINT64_CONSTANT (0x9E3779B97F4A7C15) };
  guint32 unix_secs = (guint32) (start + WINDOW_SECONDS);
  guint hot = MAX (pairs / 10, 1);
  guint64 sent = 0, conn = 0;
  /* The next window goes on to the pairs this one had no room for: the
   * files of a day cover all pairs even when one file holds fewer. */
  guint64 first_pair = ((guint64) (start / WINDOW_SECONDS) * (flows / 2)) % pairs;
  guint packets = 0;
  int fd = socket (AF_INET, SOCK_DGRAM, 0);

  to.sin_family = AF_INET;
  to.sin_port = g_htons (port);
  to.sin_addr.s_addr = g_htonl (INADDR_LOOPBACK);

  while (sent < flows)
    {
      guint k = conn < pairs ? (guint) ((conn + first_pair) % pairs)
                             : (rng_below (&rng, 3) == 0 ? rng_below (&rng, hot) : rng_below (&rng, pairs));
      guint32 client, listener;
      guint16 service, client_port = 32768 + rng_below (&rng, 28232);
      guint8 protocol;
      /* uptime at the flow's start: the window is [unix_secs - 300 s, unix_secs) */
      guint32 first = UPTIME_MS - WINDOW_SECONDS * 1000u + rng_below (&rng, WINDOW_SECONDS * 1000u - 2000);
      guint32 last = first + rng_below (&rng, 2000);

      pair_of (k, &client, &listener, &service, &protocol);
      for (guint side = 0; side < 2 && sent < flows; side++, sent++)
        {
          if (side == 0)
            add_record (&packet, client, listener, client_port, service, protocol, first, last, 3, 400);
          else
            add_record (&packet, listener, client, service, client_port, protocol, first, last, 2, 1200);
          if (packet.n == RECORDS_PER_PACKET)
            {
              if (!send_packet (fd, &to, &packet, unix_secs))
                return FALSE;
              if (++packets % 32 == 0 && pause_us > 0)
                g_usleep (pause_us);
            }
        }
      conn++;
    }
  if (packet.n > 0 && !send_packet (fd, &to, &packet, unix_secs))
    return FALSE;
  close (fd);
  return TRUE;
}

static guint16
free_port (void)
{
  struct sockaddr_in addr = { 0 };
  socklen_t len = sizeof addr;
  int fd = socket (AF_INET, SOCK_DGRAM, 0);
  guint16 port;

  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = g_htonl (INADDR_LOOPBACK);
  bind (fd, (struct sockaddr *) &addr, sizeof addr);
  getsockname (fd, (struct sockaddr *) &addr, &len);
  port = g_ntohs (addr.sin_port);
  close (fd);
  return port;
}

/* The flows nfdump counts in @path, or -1. */
static gint64
count_flows (const char *path)
{
  const char *argv[] = { "nfdump", "-I", "-r", path, NULL };
  g_autofree char *out = NULL;
  const char *p;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &out, NULL, &status, NULL) || status != 0)
    return -1;
  p = strstr (out, "\nFlows: ");
  return p != NULL ? g_ascii_strtoll (p + 8, NULL, 10) : -1;
}

/* One try: nfcapd in @dir, the flows sent, nfcapd stopped; the file it wrote. */
static char *
make_file (const char *dir,
           guint64     flows,
           guint       pairs,
           gint64      start,
           guint       pause_us)
{
  guint16 port = free_port ();
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  const char *argv[] = { "nfcapd", "-w", dir, "-b", "127.0.0.1", "-p", port_text, "-B", "33554432", "-t", "3600",
                         "-y", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;
  GPid pid;
  int status = 0;
  gboolean ok;

  if (!g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD |
                      G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid, &error))
    {
      g_printerr ("gen-nfcapd: cannot run nfcapd: %s\n", error->message);
      return NULL;
    }
  g_usleep (700 * 1000);
  ok = send_flows (port, flows, pairs, start, pause_us);
  g_usleep (500 * 1000);
  kill (pid, SIGTERM);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
  if (!ok)
    return NULL;

  listing = g_dir_open (dir, 0, NULL);
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "nfcapd.") && !g_str_has_prefix (name, "nfcapd.current"))
      return g_build_filename (dir, name, NULL);
  g_printerr ("gen-nfcapd: nfcapd wrote no file\n");
  return NULL;
}

int
main (int    argc,
      char **argv)
{
  gint64 flows = 1000000, pairs = 10000, start = 1795737600;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "flows", 'n', 0, G_OPTION_ARG_INT64, &flows, "Number of flows (1000000)", "N" },
    { "pairs", 'p', 0, G_OPTION_ARG_INT64, &pairs, "Number of (client, listener) pairs (10000)", "N" },
    { "start", 's', 0, G_OPTION_ARG_INT64, &start, "Start of the 300 s window, Unix seconds (2026-11-27 00:00 UTC)", "SECONDS" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "The nfcapd file to write", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- make an nfcapd file with nfcapd");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || output == NULL || flows <= 0 || pairs <= 0 ||
      pairs > 16000000)
    {
      g_printerr ("gen-nfcapd: %s\n", error != NULL ? error->message : "give --output FILE, and positive counts");
      return 2;
    }

  for (guint pause_us = 200; pause_us <= 51200; pause_us *= 2)
    {
      g_autofree char *dir = g_dir_make_tmp ("gen-nfcapd-XXXXXX", NULL);
      g_autofree char *file = make_file (dir, (guint64) flows, (guint) pairs, start, pause_us);
      gint64 got = file != NULL ? count_flows (file) : -1;

      if (got == flows && g_rename (file, output) == 0)
        {
          g_rmdir (dir);
          return 0;
        }
      if (file != NULL)
        g_unlink (file);
      g_rmdir (dir);
      if (got < 0)
        return 1;
      g_printerr ("gen-nfcapd: nfcapd kept %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " flows; sending more slowly\n",
                  got, flows);
    }
  g_printerr ("gen-nfcapd: nfcapd kept dropping packets\n");
  return 1;
}
