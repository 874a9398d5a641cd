/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib.h>

#include "liaison-address.h"
#include "liaison-error.h"
#include "liaison-netstat-parser.h"
#include "liaison-test-fixture.h"

/* The captures in tests/data/netstat were taken on one host at two moments
 * (the "-2" files are the later one), with the same sockets open:
 * a TCP server "python3" on 127.0.0.1:8080, a dual-stack server "dualsrv"
 * on *:6060, an IPv6 server "v6echo" on [::1]:9090, a UDP server "udpsrv"
 * on 127.0.0.1:5514 and [::1]:5515, and clients "clienta" and "clientb". */

typedef struct
{
  guint listening;
  guint counted;
  guint ignored;
} Counts;

static LiaisonNetstatTable *
parse_text (const char *file_name,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  LiaisonNetstatTable *table;

  table = liaison_netstat_parse (file_name, text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

static LiaisonNetstatTable *
parse_capture (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  LiaisonNetstatTable *table;
  gsize length;

  contents = liaison_test_read_data ("netstat", name, &length);
  table = liaison_netstat_parse (name, contents, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

static Counts
count_kinds (const LiaisonNetstatTable *table)
{
  Counts counts = { 0 };

  for (guint i = 0; i < table->sockets->len; i++)
    {
      const LiaisonSocket *socket = &g_array_index (table->sockets, LiaisonSocket, i);

      switch (socket->kind)
        {
        case LIAISON_SOCKET_LISTENING:
          counts.listening++;
          break;
        case LIAISON_SOCKET_CONNECTION:
          counts.counted++;
          break;
        case LIAISON_SOCKET_IGNORED:
        default:
          counts.ignored++;
          break;
        }
    }

  return counts;
}

static void
assert_counts (const LiaisonNetstatTable *table,
               guint                      total,
               guint                      listening,
               guint                      counted,
               guint                      ignored)
{
  Counts counts = count_kinds (table);

  g_assert_cmpuint (table->sockets->len, ==, total);
  g_assert_cmpuint (counts.listening, ==, listening);
  g_assert_cmpuint (counts.counted, ==, counted);
  g_assert_cmpuint (counts.ignored, ==, ignored);
}

static char *
address_text (const LiaisonAddress *address)
{
  return liaison_address_dup_string (address);
}

/* The socket with this local endpoint and peer (@peer NULL: no peer). */
static const LiaisonSocket *
find_socket (const LiaisonNetstatTable *table,
             LiaisonProtocol            protocol,
             const char                *local,
             guint                      local_port,
             const char                *peer,
             guint                      peer_port)
{
  const LiaisonSocket *found = NULL;

  for (guint i = 0; i < table->sockets->len; i++)
    {
      const LiaisonSocket *socket = &g_array_index (table->sockets, LiaisonSocket, i);
      g_autofree char *local_text = address_text (&socket->local);
      g_autofree char *peer_text = address_text (&socket->peer);

      if (socket->protocol != protocol ||
          socket->local_port != local_port ||
          g_strcmp0 (local_text, local) != 0)
        continue;

      if (peer == NULL ? socket->peer.family != 0 || socket->peer_port != 0
                       : socket->peer_port != peer_port || g_strcmp0 (peer_text, peer) != 0)
        continue;

      g_assert_null (found);  /* the key names one socket */
      found = socket;
    }

  return found;
}

static void
assert_socket (const LiaisonNetstatTable *table,
               LiaisonProtocol            protocol,
               const char                *local,
               guint                      local_port,
               const char                *peer,
               guint                      peer_port,
               LiaisonSocketKind          kind,
               const char                *process,
               guint                      line)
{
  const LiaisonSocket *socket = find_socket (table, protocol, local, local_port, peer, peer_port);

  if (socket == NULL)
    g_error ("no socket %s %s:%u -> %s:%u",
             liaison_protocol_to_string (protocol), local, local_port,
             peer ? peer : "(none)", peer_port);

  g_assert_cmpint (socket->kind, ==, kind);
  g_assert_cmpstr (socket->process, ==, process);
  if (line != 0)
    g_assert_cmpuint (socket->line, ==, line);
}

static void
assert_no_process (const LiaisonNetstatTable *table)
{
  for (guint i = 0; i < table->sockets->len; i++)
    g_assert_null (g_array_index (table->sockets, LiaisonSocket, i).process);
}

#define TCP LIAISON_PROTOCOL_TCP
#define UDP LIAISON_PROTOCOL_UDP
#define LISTENING LIAISON_SOCKET_LISTENING
#define COUNTED LIAISON_SOCKET_CONNECTION
#define IGNORED LIAISON_SOCKET_IGNORED

/* ss -tan: 25 rows, 3 LISTEN, 2 TIME-WAIT, 20 ESTAB. */
static void
test_ss_tan (void)
{
  g_autoptr(LiaisonNetstatTable) table = parse_capture ("ss-tan.txt");

  g_assert_cmpint (table->format, ==, LIAISON_NETSTAT_FORMAT_SS);
  assert_counts (table, 25, 3, 20, 2);
  assert_no_process (table);

  assert_socket (table, TCP, "127.0.0.1", 8080, NULL, 0, LISTENING, NULL, 2);
  /* `*:6060` with peer `*:*`: the dual-stack wildcard */
  assert_socket (table, TCP, "::", 6060, NULL, 0, LISTENING, NULL, 17);
  assert_socket (table, TCP, "::1", 9090, NULL, 0, LISTENING, NULL, 18);
  assert_socket (table, TCP, "127.0.0.1", 8080, "127.0.0.1", 57946, IGNORED, NULL, 10);
  assert_socket (table, TCP, "127.0.0.1", 57916, "127.0.0.1", 8080, COUNTED, NULL, 4);
  assert_socket (table, TCP, "127.0.0.1", 8080, "127.0.0.3", 55397, COUNTED, NULL, 7);
  /* [::ffff:127.0.0.1] is 127.0.0.1 */
  assert_socket (table, TCP, "127.0.0.1", 6060, "127.0.0.1", 37716, COUNTED, NULL, 20);
  assert_socket (table, TCP, "::1", 53510, "::1", 9090, COUNTED, NULL, 24);
}

static void
test_ss_tanp (void)
{
  g_autoptr(LiaisonNetstatTable) table = parse_capture ("ss-tanp.txt");

  g_assert_cmpint (table->format, ==, LIAISON_NETSTAT_FORMAT_SS);
  assert_counts (table, 25, 3, 20, 2);

  assert_socket (table, TCP, "127.0.0.1", 8080, NULL, 0, LISTENING, "python3", 2);
  assert_socket (table, TCP, "::", 6060, NULL, 0, LISTENING, "dualsrv", 17);
  assert_socket (table, TCP, "::1", 9090, NULL, 0, LISTENING, "v6echo", 18);
  assert_socket (table, TCP, "127.0.0.1", 57916, "127.0.0.1", 8080, COUNTED, "clienta", 4);
  assert_socket (table, TCP, "127.0.0.3", 38207, "127.0.0.1", 8080, COUNTED, "clientb", 15);
  assert_socket (table, TCP, "127.0.0.1", 6060, "127.0.0.1", 37720, COUNTED, "dualsrv", 26);
  /* a TIME-WAIT socket belongs to no process */
  assert_socket (table, TCP, "127.0.0.1", 8080, "127.0.0.1", 57944, IGNORED, NULL, 11);
}

static void
test_ss_tuanp (void)
{
  /* ss -tuanp and ss -tunap print the same table. */
  const char *names[] = { "ss-tuanp.txt", "ss-tunap.txt" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(LiaisonNetstatTable) table = parse_capture (names[i]);

      g_assert_cmpint (table->format, ==, LIAISON_NETSTAT_FORMAT_SS);
      assert_counts (table, 28, 5, 21, 2);

      assert_socket (table, UDP, "127.0.0.1", 5514, NULL, 0, LISTENING, "udpsrv", 2);
      assert_socket (table, UDP, "127.0.0.1", 60608, "127.0.0.1", 5514, COUNTED, "clienta", 3);
      assert_socket (table, UDP, "::1", 5515, NULL, 0, LISTENING, "udpsrv", 4);
      assert_socket (table, TCP, "127.0.0.1", 8080, NULL, 0, LISTENING, "python3", 5);
      assert_socket (table, TCP, "::", 6060, NULL, 0, LISTENING, "dualsrv", 20);
      assert_socket (table, TCP, "::1", 9090, "::1", 53518, COUNTED, "v6echo", 26);
      g_assert_null (find_socket (table, TCP, "127.0.0.1", 5514, NULL, 0));
    }
}

static void
test_ss_tuan (void)
{
  g_autoptr(LiaisonNetstatTable) table = parse_capture ("ss-tuan.txt");

  g_assert_cmpint (table->format, ==, LIAISON_NETSTAT_FORMAT_SS);
  assert_counts (table, 28, 5, 21, 2);
  assert_no_process (table);
  assert_socket (table, UDP, "127.0.0.1", 5514, NULL, 0, LISTENING, NULL, 2);
  assert_socket (table, UDP, "127.0.0.1", 60608, "127.0.0.1", 5514, COUNTED, NULL, 3);
}

/* The later snapshot: some connections closing. FIN-WAIT-2 and CLOSE-WAIT
 * still count; TIME-WAIT does not. */
static void
test_ss_closing (void)
{
  g_autoptr(LiaisonNetstatTable) tan = parse_capture ("ss-tan-2.txt");
  g_autoptr(LiaisonNetstatTable) tanp = parse_capture ("ss-tanp-2.txt");
  g_autoptr(LiaisonNetstatTable) tuanp = parse_capture ("ss-tuanp-2.txt");
  g_autoptr(LiaisonNetstatTable) tuan = parse_capture ("ss-tuan-2.txt");

  assert_counts (tan, 22, 3, 14, 5);
  assert_counts (tanp, 22, 3, 14, 5);
  assert_counts (tuanp, 25, 5, 15, 5);
  assert_counts (tuan, 25, 5, 15, 5);

  assert_socket (tan, TCP, "127.0.0.1", 37716, "127.0.0.1", 6060, COUNTED, NULL, 11);
  assert_socket (tan, TCP, "127.0.0.1", 6060, "127.0.0.1", 37716, COUNTED, NULL, 17);
  assert_socket (tan, TCP, "127.0.0.1", 57916, "127.0.0.1", 8080, IGNORED, NULL, 4);
  assert_socket (tanp, TCP, "::1", 53510, "::1", 9090, IGNORED, NULL, 0);
  /* the orphaned client side has no process; the server side is still dualsrv's */
  assert_socket (tanp, TCP, "127.0.0.1", 37716, "127.0.0.1", 6060, COUNTED, NULL, 11);
  assert_socket (tanp, TCP, "127.0.0.1", 6060, "127.0.0.1", 37716, COUNTED, "dualsrv", 17);
  assert_socket (tuanp, UDP, "127.0.0.1", 60608, "127.0.0.1", 5514, COUNTED, "clienta", 0);
}

static void
test_net_tools (void)
{
  g_autoptr(LiaisonNetstatTable) tanp = parse_capture ("netstat-tanp.txt");
  g_autoptr(LiaisonNetstatTable) tunap = parse_capture ("netstat-tunap.txt");

  g_assert_cmpint (tanp->format, ==, LIAISON_NETSTAT_FORMAT_NET_TOOLS);
  g_assert_cmpint (tunap->format, ==, LIAISON_NETSTAT_FORMAT_NET_TOOLS);
  assert_counts (tanp, 25, 3, 20, 2);
  assert_counts (tunap, 28, 5, 21, 2);

  assert_socket (tunap, TCP, "127.0.0.1", 8080, NULL, 0, LISTENING, "python3", 3);
  /* tcp6 `:::6060` */
  assert_socket (tunap, TCP, "::", 6060, NULL, 0, LISTENING, "python3", 18);
  assert_socket (tunap, TCP, "::1", 9090, NULL, 0, LISTENING, "python3", 19);
  /* "-": netstat could not tell */
  assert_socket (tunap, TCP, "127.0.0.1", 8080, "127.0.0.1", 57946, IGNORED, NULL, 11);
  /* a tcp6 row with an IPv4 address */
  assert_socket (tunap, TCP, "127.0.0.1", 6060, "127.0.0.1", 37716, COUNTED, "python3", 21);
  /* udp without a state: bound, listening; udp ESTABLISHED: connected */
  assert_socket (tunap, UDP, "127.0.0.1", 5514, NULL, 0, LISTENING, "python3", 28);
  assert_socket (tunap, UDP, "127.0.0.1", 60608, "127.0.0.1", 5514, COUNTED, "python3", 29);
  assert_socket (tunap, UDP, "::1", 5515, NULL, 0, LISTENING, "python3", 30);
}

static void
test_net_tools_closing (void)
{
  g_autoptr(LiaisonNetstatTable) tanp = parse_capture ("netstat-tanp-2.txt");
  g_autoptr(LiaisonNetstatTable) tunap = parse_capture ("netstat-tunap-2.txt");

  assert_counts (tanp, 22, 3, 14, 5);
  assert_counts (tunap, 25, 5, 15, 5);
  /* FIN_WAIT2 and CLOSE_WAIT count, TIME_WAIT does not */
  assert_socket (tanp, TCP, "127.0.0.1", 37716, "127.0.0.1", 6060, COUNTED, NULL, 12);
  assert_socket (tanp, TCP, "127.0.0.1", 6060, "127.0.0.1", 37716, COUNTED, "python3", 18);
  assert_socket (tanp, TCP, "127.0.0.3", 38207, "127.0.0.1", 8080, IGNORED, NULL, 14);
}

/* 20 TCP rows (6 LISTENING, 2 TIME_WAIT, 12 ESTABLISHED) and 5 UDP rows. */
static void
test_windows (void)
{
  g_autoptr(LiaisonNetstatTable) table = parse_capture ("windows-netstat-ano.txt");

  g_assert_cmpint (table->format, ==, LIAISON_NETSTAT_FORMAT_WINDOWS);
  assert_counts (table, 25, 11, 12, 2);
  /* a PID alone names no process */
  assert_no_process (table);

  assert_socket (table, TCP, "0.0.0.0", 135, NULL, 0, LISTENING, NULL, 5);
  assert_socket (table, TCP, "::", 445, NULL, 0, LISTENING, NULL, 18);
  assert_socket (table, TCP, "::1", 49670, NULL, 0, LISTENING, NULL, 19);
  assert_socket (table, TCP, "127.0.0.1", 50730, "127.0.0.1", 135, COUNTED, NULL, 16);
  assert_socket (table, TCP, "127.0.0.1", 8080, "127.0.0.1", 50701, IGNORED, NULL, 9);
  assert_socket (table, TCP, "::1", 50725, "::1", 49670, IGNORED, NULL, 24);
  assert_socket (table, UDP, "0.0.0.0", 5353, NULL, 0, LISTENING, NULL, 25);
  assert_socket (table, UDP, "::", 5353, NULL, 0, LISTENING, NULL, 28);
}

static void
test_proc_files (void)
{
  g_autoptr(LiaisonNetstatTable) tcp = parse_capture ("proc-net-tcp.txt");
  g_autoptr(LiaisonNetstatTable) tcp6 = parse_capture ("proc-net-tcp6.txt");
  g_autoptr(LiaisonNetstatTable) udp = parse_capture ("proc-net-udp.txt");
  g_autoptr(LiaisonNetstatTable) udp6 = parse_capture ("proc-net-udp6.txt");
  g_autoptr(LiaisonNetstatTable) tcp_2 = parse_capture ("proc-net-tcp-2.txt");
  g_autoptr(LiaisonNetstatTable) tcp6_2 = parse_capture ("proc-net-tcp6-2.txt");

  g_assert_cmpint (tcp->format, ==, LIAISON_NETSTAT_FORMAT_PROC);
  g_assert_cmpint (udp6->format, ==, LIAISON_NETSTAT_FORMAT_PROC);

  assert_counts (tcp, 15, 1, 12, 2);
  assert_counts (tcp6, 10, 2, 8, 0);
  assert_counts (udp, 2, 1, 1, 0);
  assert_counts (udp6, 1, 1, 0, 0);
  /* 05 FIN_WAIT2 counts, 06 TIME_WAIT does not; 08 CLOSE_WAIT counts */
  assert_counts (tcp_2, 13, 1, 8, 4);
  assert_counts (tcp6_2, 9, 2, 6, 1);

  /* 0100007F:1F90 0A */
  assert_socket (tcp, TCP, "127.0.0.1", 8080, NULL, 0, LISTENING, NULL, 2);
  assert_socket (tcp, TCP, "127.0.0.3", 55397, "127.0.0.1", 8080, COUNTED, NULL, 16);
  assert_socket (tcp, TCP, "127.0.0.1", 8080, "127.0.0.1", 57946, IGNORED, NULL, 10);
  assert_socket (tcp_2, TCP, "127.0.0.1", 37716, "127.0.0.1", 6060, COUNTED, NULL, 11);
  /* 00000000000000000000000000000000:17AC */
  assert_socket (tcp6, TCP, "::", 6060, NULL, 0, LISTENING, NULL, 2);
  /* 00000000000000000000000001000000:2382 */
  assert_socket (tcp6, TCP, "::1", 9090, NULL, 0, LISTENING, NULL, 3);
  /* 0000000000000000FFFF00000100007F:17AC, an IPv4-mapped address */
  assert_socket (tcp6, TCP, "127.0.0.1", 6060, "127.0.0.1", 37716, COUNTED, NULL, 5);
  /* udp 07 with no peer: bound; 01: connected */
  assert_socket (udp, UDP, "127.0.0.1", 5514, NULL, 0, LISTENING, NULL, 2);
  assert_socket (udp, UDP, "127.0.0.1", 60608, "127.0.0.1", 5514, COUNTED, NULL, 3);
  assert_socket (udp6, UDP, "::1", 5515, NULL, 0, LISTENING, NULL, 2);
}

static char *
concatenate_captures (const char * const *names,
                      gsize              *length)
{
  GString *all = g_string_new (NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *contents = NULL;
      gsize part_length;

      contents = liaison_test_read_data ("netstat", names[i], &part_length);
      g_string_append_len (all, contents, part_length);
    }

  *length = all->len;
  return g_string_free (all, FALSE);
}

static int
compare_sockets (gconstpointer a,
                 gconstpointer b)
{
  const LiaisonSocket *x = a;
  const LiaisonSocket *y = b;
  int c;

  if (x->protocol != y->protocol)
    return x->protocol < y->protocol ? -1 : 1;
  if ((c = liaison_address_compare (&x->local, &y->local)) != 0)
    return c;
  if (x->local_port != y->local_port)
    return x->local_port < y->local_port ? -1 : 1;
  if ((c = liaison_address_compare (&x->peer, &y->peer)) != 0)
    return c;
  if (x->peer_port != y->peer_port)
    return x->peer_port < y->peer_port ? -1 : 1;
  return (int) x->kind - (int) y->kind;
}

/* Same sockets, protocol, kind, endpoints (not process, not line). */
static void
assert_same_sockets (LiaisonNetstatTable *a,
                     LiaisonNetstatTable *b)
{
  g_assert_cmpuint (a->sockets->len, ==, b->sockets->len);
  g_array_sort (a->sockets, compare_sockets);
  g_array_sort (b->sockets, compare_sockets);

  for (guint i = 0; i < a->sockets->len; i++)
    g_assert_cmpint (compare_sockets (&g_array_index (a->sockets, LiaisonSocket, i),
                                      &g_array_index (b->sockets, LiaisonSocket, i)), ==, 0);
}

/* The four /proc/net files concatenated make one table, and it is the
 * table ss and netstat printed at the same moment. */
static void
test_same_moment (void)
{
  static const char * const first[] = {
    "proc-net-tcp.txt", "proc-net-tcp6.txt", "proc-net-udp.txt", "proc-net-udp6.txt", NULL
  };
  static const char * const second[] = {
    "proc-net-udp-2.txt", "proc-net-tcp-2.txt", "proc-net-udp6-2.txt", "proc-net-tcp6-2.txt", NULL
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *proc_text = NULL;
  g_autofree char *proc_text_2 = NULL;
  g_autoptr(LiaisonNetstatTable) proc = NULL;
  g_autoptr(LiaisonNetstatTable) proc_2 = NULL;
  g_autoptr(LiaisonNetstatTable) ss = parse_capture ("ss-tuanp.txt");
  g_autoptr(LiaisonNetstatTable) ss_2 = parse_capture ("ss-tuanp-2.txt");
  g_autoptr(LiaisonNetstatTable) net_tools = parse_capture ("netstat-tunap.txt");
  g_autoptr(LiaisonNetstatTable) net_tools_2 = parse_capture ("netstat-tunap-2.txt");
  gsize length;

  proc_text = concatenate_captures (first, &length);
  proc = liaison_netstat_parse ("proc.txt", proc_text, length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (proc->format, ==, LIAISON_NETSTAT_FORMAT_PROC);
  assert_counts (proc, 28, 5, 21, 2);
  /* each file's header says its protocol */
  assert_socket (proc, UDP, "127.0.0.1", 5514, NULL, 0, LISTENING, NULL, 29);
  assert_socket (proc, UDP, "::1", 5515, NULL, 0, LISTENING, NULL, 32);

  proc_text_2 = concatenate_captures (second, &length);
  proc_2 = liaison_netstat_parse ("proc-2.txt", proc_text_2, length, &error);
  g_assert_no_error (error);
  assert_counts (proc_2, 25, 5, 15, 5);
  assert_socket (proc_2, UDP, "127.0.0.1", 60608, "127.0.0.1", 5514, COUNTED, NULL, 3);
  assert_socket (proc_2, TCP, "127.0.0.1", 8080, NULL, 0, LISTENING, NULL, 5);

  assert_same_sockets (ss, proc);
  assert_same_sockets (net_tools, proc);
  assert_same_sockets (ss_2, proc_2);
  assert_same_sockets (net_tools_2, proc_2);
}

static void
test_ss_inline (void)
{
  const char *text =
    "Netid State      Recv-Q Send-Q        Local Address:Port    Peer Address:Port Process\n"
    "udp   UNCONN     0      0             127.0.0.53%lo:53           0.0.0.0:*     users:((\"systemd-resolve\",pid=512,fd=13))\n"
    "tcp   LISTEN     0      4096          127.0.0.53%lo:53           0.0.0.0:*     users:((\"systemd-resolve\",pid=512,fd=14))\n"
    "udp   UNCONN     0      0        [fe80::1]%eth0:546                 [::]:*     users:((\"NetworkManager\",pid=600,fd=20))\n"
    "tcp   LISTEN     0      128                     *:22                   *:*     users:((\"sshd\",pid=700,fd=3),(\"sshd\",pid=701,fd=3))\n"
    "tcp   LISTEN     0      511                     *:80             0.0.0.0:*     users:((\"nginx\",pid=800,fd=6),(\"nginx\",pid=801,fd=6))\n"
    "tcp   LISTEN     0      511                     *:81                [::]:*\n"
    "tcp   ESTAB      0      0       [::ffff:10.0.0.1]:443  [::ffff:10.0.0.9]:51512 users:((\"Web Content\",pid=900,fd=44)) timer:(keepalive,1min,0)\n"
    "\t cubic wscale:7,7 rto:204 rtt:0.5/0.25\n"
    "tcp   SYN-SENT   0      1                10.0.0.1:40000          10.0.0.2:443\n"
    "tcp   SYN-RECV   0      0                10.0.0.1:443            10.0.0.3:50000\n"
    "tcp   FIN-WAIT-1 0      1                10.0.0.1:443            10.0.0.4:50001\n"
    "tcp   LAST-ACK   0      1                10.0.0.1:443            10.0.0.5:50002\n"
    "tcp   CLOSING    0      1                10.0.0.1:443            10.0.0.6:50003\n"
    "tcp   UNCONN     0      0                       *:*                   *:*\n"
    "raw   UNCONN     0      0                       *:ipv6-icmp           *:*\n"
    "\n"
    "udp   ESTAB      0      0                10.0.0.1:5000           10.0.0.2:53\n"
    "udp   UNCONN     0      0                       *:5353                *:*\n"
    "udp   UNCONN     0      0                10.0.0.1:5001           10.0.0.2:53\n";
  g_autoptr(LiaisonNetstatTable) table = parse_text ("ss.txt", text);

  g_assert_cmpint (table->format, ==, LIAISON_NETSTAT_FORMAT_SS);
  assert_counts (table, 16, 7, 6, 3);

  /* %lo is dropped */
  assert_socket (table, UDP, "127.0.0.53", 53, NULL, 0, LISTENING, "systemd-resolve", 2);
  assert_socket (table, TCP, "127.0.0.53", 53, NULL, 0, LISTENING, "systemd-resolve", 3);
  assert_socket (table, UDP, "fe80::1", 546, NULL, 0, LISTENING, "NetworkManager", 4);
  /* the first of several processes */
  assert_socket (table, TCP, "::", 22, NULL, 0, LISTENING, "sshd", 5);
  /* `*` takes the family of the other side */
  assert_socket (table, TCP, "0.0.0.0", 80, NULL, 0, LISTENING, "nginx", 6);
  assert_socket (table, TCP, "::", 81, NULL, 0, LISTENING, NULL, 7);
  assert_socket (table, TCP, "10.0.0.1", 443, "10.0.0.9", 51512, COUNTED, "Web Content", 8);
  assert_socket (table, TCP, "10.0.0.1", 40000, "10.0.0.2", 443, IGNORED, NULL, 10);
  assert_socket (table, TCP, "10.0.0.1", 443, "10.0.0.3", 50000, COUNTED, NULL, 11);
  assert_socket (table, TCP, "10.0.0.1", 443, "10.0.0.4", 50001, COUNTED, NULL, 12);
  assert_socket (table, TCP, "10.0.0.1", 443, "10.0.0.5", 50002, COUNTED, NULL, 13);
  assert_socket (table, TCP, "10.0.0.1", 443, "10.0.0.6", 50003, COUNTED, NULL, 14);
  /* not bound to a port */
  assert_socket (table, TCP, "::", 0, NULL, 0, IGNORED, NULL, 15);
  assert_socket (table, UDP, "10.0.0.1", 5000, "10.0.0.2", 53, COUNTED, NULL, 18);
  assert_socket (table, UDP, "::", 5353, NULL, 0, LISTENING, NULL, 19);
  /* UDP counts only when connected */
  assert_socket (table, UDP, "10.0.0.1", 5001, "10.0.0.2", 53, IGNORED, NULL, 20);
}

/* ss -H: no header line; with and without the Netid column. */
static void
test_ss_no_header (void)
{
  g_autoptr(LiaisonNetstatTable) tan = NULL;
  g_autoptr(LiaisonNetstatTable) tuan = NULL;

  tan = parse_text ("a",
                    "LISTEN 0      128          0.0.0.0:22        0.0.0.0:*\n"
                    "ESTAB  0      0         10.0.0.1:22       10.0.0.7:60000 users:((\"sshd\",pid=1,fd=4))\n");
  g_assert_cmpint (tan->format, ==, LIAISON_NETSTAT_FORMAT_SS);
  assert_counts (tan, 2, 1, 1, 0);
  assert_socket (tan, TCP, "10.0.0.1", 22, "10.0.0.7", 60000, COUNTED, "sshd", 2);

  tuan = parse_text ("b",
                     "udp   UNCONN 0      0          0.0.0.0:68        0.0.0.0:*\n"
                     "tcp   ESTAB  0      0         10.0.0.1:22       10.0.0.7:60000\n");
  g_assert_cmpint (tuan->format, ==, LIAISON_NETSTAT_FORMAT_SS);
  assert_counts (tuan, 2, 1, 1, 0);
  assert_socket (tuan, UDP, "0.0.0.0", 68, NULL, 0, LISTENING, NULL, 1);
}

static void
test_net_tools_inline (void)
{
  const char *text =
    "(Not all processes could be identified, non-owned process info\n"
    " will not be shown, you would have to be root to see it all.)\n"
    "Active Internet connections (servers and established)\n"
    "Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name\n"
    "tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN      700/sshd: /usr/sbin\n"
    "tcp        0      0 10.0.0.1:443            10.0.0.9:51512          SYN_RECV    -\n"
    "tcp        0      1 10.0.0.1:40000          10.0.0.2:443            SYN_SENT    900/Web Content\n"
    "tcp        0      0 10.0.0.1:443            10.0.0.3:50000          CLOSE       -\n"
    "tcp6       0      0 :::22                   :::*                    LISTEN      700/sshd: /usr/sbin\n"
    "udp        0      0 0.0.0.0:68              0.0.0.0:*                           600/dhclient\n"
    "udp        0      0 10.0.0.1:5000           10.0.0.2:53             ESTABLISHED -\n"
    "udp6       0      0 :::5353                 :::*\n"
    "raw6       0      0 :::58                   :::*                    7           -\n"
    "Active UNIX domain sockets (servers and established)\n"
    "Proto RefCnt Flags       Type       State         I-Node   PID/Program name     Path\n"
    "unix  2      [ ACC ]     STREAM     LISTENING     12345    1/init               /run/systemd/private\n";
  g_autoptr(LiaisonNetstatTable) table = parse_text ("netstat.txt", text);

  g_assert_cmpint (table->format, ==, LIAISON_NETSTAT_FORMAT_NET_TOOLS);
  assert_counts (table, 8, 4, 2, 2);
  assert_socket (table, TCP, "0.0.0.0", 22, NULL, 0, LISTENING, "sshd: /usr/sbin", 5);
  assert_socket (table, TCP, "10.0.0.1", 443, "10.0.0.9", 51512, COUNTED, NULL, 6);
  assert_socket (table, TCP, "10.0.0.1", 40000, "10.0.0.2", 443, IGNORED, "Web Content", 7);
  assert_socket (table, TCP, "10.0.0.1", 443, "10.0.0.3", 50000, IGNORED, NULL, 8);
  assert_socket (table, TCP, "::", 22, NULL, 0, LISTENING, "sshd: /usr/sbin", 9);
  assert_socket (table, UDP, "0.0.0.0", 68, NULL, 0, LISTENING, "dhclient", 10);
  assert_socket (table, UDP, "10.0.0.1", 5000, "10.0.0.2", 53, COUNTED, NULL, 11);
  assert_socket (table, UDP, "::", 5353, NULL, 0, LISTENING, NULL, 12);
}

/* netstat -e: User and Inode, and a row that ends before the program (no
 * text at all for it: found by the fuzzer, as undefined behaviour). */
static void
test_net_tools_no_program (void)
{
  const char *text =
    "Proto Recv-Q Send-Q Local Address           Foreign Address         State       User       Inode      PID/Program name\n"
    "tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN      0          12345      700/sshd\n"
    "tcp        0      0 10.0.0.1:22             10.0.0.9:50000          ESTABLISHED 0          12346\n";
  g_autoptr(LiaisonNetstatTable) table = parse_text ("netstat-e.txt", text);

  g_assert_cmpint (table->format, ==, LIAISON_NETSTAT_FORMAT_NET_TOOLS);
  assert_counts (table, 2, 1, 1, 0);
  assert_socket (table, TCP, "0.0.0.0", 22, NULL, 0, LISTENING, "sshd", 2);
  assert_socket (table, TCP, "10.0.0.1", 22, "10.0.0.9", 50000, COUNTED, NULL, 3);
}

static void
test_windows_inline (void)
{
  const char *text =
    "\r\n"
    "Active Connections\r\n"
    "\r\n"
    "  Proto  Local Address          Foreign Address        State           PID\r\n"
    "  TCP    [fe80::1%4]:49670      [fe80::2%4]:50000      CLOSE_WAIT      3344\r\n"
    "  TCP    10.0.0.5:50001         10.0.0.9:443           SYN_SENT        12\r\n"
    "  TCP    10.0.0.5:443           10.0.0.9:51512         SYN_RECEIVED    4\r\n"
    "  TCP    10.0.0.5:443           10.0.0.9:51513         FIN_WAIT_2      4\r\n"
    "  TCP    10.0.0.5:50002         10.0.0.9:443           CLOSED          12\r\n"
    "  UDP    [::]:500               *:*                                    4012\r\n";
  g_autoptr(LiaisonNetstatTable) table = parse_text ("win.txt", text);

  g_assert_cmpint (table->format, ==, LIAISON_NETSTAT_FORMAT_WINDOWS);
  assert_counts (table, 6, 1, 3, 2);
  assert_socket (table, TCP, "fe80::1", 49670, "fe80::2", 50000, COUNTED, NULL, 5);
  assert_socket (table, TCP, "10.0.0.5", 50001, "10.0.0.9", 443, IGNORED, NULL, 6);
  assert_socket (table, TCP, "10.0.0.5", 443, "10.0.0.9", 51512, COUNTED, NULL, 7);
  assert_socket (table, TCP, "10.0.0.5", 443, "10.0.0.9", 51513, COUNTED, NULL, 8);
  assert_socket (table, TCP, "10.0.0.5", 50002, "10.0.0.9", 443, IGNORED, NULL, 9);
  assert_socket (table, UDP, "::", 500, NULL, 0, LISTENING, NULL, 10);
}

/* The content decides, never the name. */
static void
test_detect_by_content (void)
{
  static const struct { const char *name; const char *text; LiaisonNetstatFormat format; } cases[] = {
    { "netstat.txt", "State Recv-Q Send-Q Local Address:Port Peer Address:Port\n", LIAISON_NETSTAT_FORMAT_SS },
    { "ss.txt", "Proto Recv-Q Send-Q Local Address Foreign Address State\n", LIAISON_NETSTAT_FORMAT_NET_TOOLS },
    { "tcp", "\nActive Connections\n", LIAISON_NETSTAT_FORMAT_WINDOWS },
    { "windows.txt", "  sl  local_address rem_address   st\n", LIAISON_NETSTAT_FORMAT_PROC },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LiaisonNetstatTable) table = parse_text (cases[i].name, cases[i].text);

      g_assert_cmpint (table->format, ==, cases[i].format);
      g_assert_cmpuint (table->sockets->len, ==, 0);
    }
}

static char *
repeat (const char *prefix,
        const char *unit,
        guint       count,
        const char *suffix)
{
  GString *s = g_string_new (prefix);

  for (guint i = 0; i < count; i++)
    g_string_append (s, unit);
  g_string_append (s, suffix);
  return g_string_free (s, FALSE);
}

static void
test_bad_input (void)
{
#define SS_HEADER "State  Recv-Q Send-Q Local Address:Port Peer Address:Port\n"
#define SS_ROW "ESTAB  0      0      10.0.0.1:22        10.0.0.2:50000\n"
#define PROC_HEADER "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
#define NOT_A_TABLE "not a socket table that Liaison reads: ss, netstat (Linux, Windows, BSD, macOS), " \
  "PowerShell Get-NetTCPConnection or Get-NetUDPEndpoint (Export-Csv, ConvertTo-Json), lsof -i or /proc/net"
#define PROC_ROW(local, state) "   1: " local " 00000000:0000 " state " 00000000:00000000 00:00000000 00000000     0        0 11419 1\n"
  /* line 2: "ESTAB 0 0 " + 65527 × x: 65537 bytes, one too many */
  g_autofree char *too_long = repeat (SS_HEADER "ESTAB 0 0 ", "x", 65527, "\n");
  /* line 2: 65536 bytes, allowed; its long local address is what is wrong */
  g_autofree char *longest = repeat (SS_HEADER "ESTAB 0 0 ", "a", 65536 - 10 - 11, " 10.0.0.2:1\n");
  g_autofree char *ascii_message = repeat ("long.txt:2: “", "a", 80, "…” is not an address and port");
  /* a UTF-8 value is cut between characters: 41 two-byte "é" */
  g_autofree char *utf8_value = repeat (SS_HEADER "ESTAB 0 0 ", "é", 41, ":22 10.0.0.2:1\n");
  g_autofree char *utf8_message = repeat ("value.txt:2: “", "é", 40, "…” is not an address and port");
  const struct {
    const char *name;
    const char *text;
    gssize      length;
    const char *message;
  } cases[] = {
    { "ss.txt", SS_HEADER SS_ROW SS_ROW SS_ROW SS_ROW SS_ROW "ESTAB  0      0      10.0.0.300:22      10.0.0.2:50000\n", -1,
      "ss.txt:7: “10.0.0.300:22” is not an address and port" },
    { "ss.txt", SS_HEADER SS_ROW SS_ROW SS_ROW "\n" SS_ROW SS_ROW SS_ROW "FOO    0      0      10.0.0.1:22        10.0.0.2:50000\n", -1,
      "ss.txt:9: unknown state “FOO”" },
    { "ss.txt", SS_HEADER SS_ROW "ESTAB 0 0 10.0.0.1:22 10.0.0.2:70000\n", -1,
      "ss.txt:3: port “70000” is not between 1 and 65535" },
    { "ss.txt", SS_HEADER "ESTAB 0 0 10.0.0.1:99999999999999999999 10.0.0.2:1\n", -1,
      "ss.txt:2: port “99999999999999999999” is not between 1 and 65535" },
    { "ss.txt", SS_HEADER "ESTAB 0 0 10.0.0.1:ssh 10.0.0.2:1\n", -1,
      "ss.txt:2: “10.0.0.1:ssh” is a name, not an address and port: run ss -n to print numbers" },
    { "ss.txt", SS_HEADER "ESTAB 0 0 [::1:443 10.0.0.2:1\n", -1,
      "ss.txt:2: “[::1:443” is not an address and port" },
    { "ss.txt", SS_HEADER "ESTAB 0 0 [::1]x:443 10.0.0.2:1\n", -1,
      "ss.txt:2: “[::1]x:443” is not an address and port" },
    { "ss.txt", SS_HEADER "ESTAB 0 0 10.0.0.1 10.0.0.2:1\n", -1,
      "ss.txt:2: “10.0.0.1” is not an address and port" },
    { "ss.txt", SS_HEADER "ESTAB 0 0 10.0.0.1:22 10.0.0.2:\n", -1,
      "ss.txt:2: “10.0.0.2:” is not an address and port" },
    { "ss.txt", SS_HEADER "ESTAB 0 0 10.0.0.1:22\n", -1,
      "ss.txt:2: expected 5 columns, found 4" },
    { "ss.txt", "Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port\n"
                "sctp2 ESTAB 0 0 10.0.0.1:22 10.0.0.2:1\n", -1,
      "ss.txt:2: unknown protocol “sctp2”" },
    { "ss.txt", "Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port\n"
                "tcp ESTAB 0 0 10.0.0.1:22\n", -1,
      "ss.txt:2: expected 6 columns, found 5" },
    { "x.txt", "Active Internet connections (servers and established)\n"
               "Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name\n"
               "tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN      700/sshd\n"
               "tcp 0 0\n", -1,
      "x.txt:4: expected 6 columns, found 3" },
    { "x.txt", "Proto Recv-Q Send-Q Local Address           Foreign Address         State\n"
               "udp        0      0 10.0.0.1:53\n", -1,
      "x.txt:2: expected 5 columns, found 4" },
    { "x.txt", "Proto Recv-Q Send-Q Local Address           Foreign Address         State\n"
               "tcp        0      0 10.0.0.1:22             10.0.0.2:1              ESTAB\n", -1,
      "x.txt:2: unknown state “ESTAB”" },
    { "x.txt", "Proto Recv-Q Send-Q Local Address           Foreign Address         State\n"
               "udp        0      0 10.0.0.1:53             10.0.0.2:1              BOGUS\n", -1,
      "x.txt:2: unknown state “BOGUS”" },
    { "x.txt", "Proto Recv-Q Send-Q Local Address           Foreign Address         State\n"
               "sctp       0      0 10.0.0.1:53             10.0.0.2:1              LISTEN\n", -1,
      "x.txt:2: unknown protocol “sctp”" },
    { "w.txt", "Active Connections\n\n  Proto  Local Address  Foreign Address  State  PID\n"
               "  ICMP   10.0.0.1:1     10.0.0.2:2       ESTABLISHED 4\n", -1,
      "w.txt:4: unknown protocol “ICMP”" },
    { "w.txt", "Active Connections\n"
               "  TCP    10.0.0.1:1     10.0.0.2:2       ESTAB 4\n", -1,
      "w.txt:2: unknown state “ESTAB”" },
    { "w.txt", "Active Connections\n"
               "  TCP    10.0.0.1:1\n", -1,
      "w.txt:2: expected 4 columns, found 2" },
    { "tcp", PROC_HEADER PROC_ROW ("0100007F:1F90", "0A") PROC_ROW ("0100007G:1F90", "0A"), -1,
      "tcp:3: “0100007G:1F90” is not an address and port" },
    { "tcp", PROC_HEADER PROC_ROW ("0100007F:1F90", "0D"), -1,
      "tcp:2: unknown state “0D”" },
    { "tcp", PROC_HEADER PROC_ROW ("0100007F:1F90", "00"), -1,
      "tcp:2: unknown state “00”" },
    { "tcp", PROC_HEADER PROC_ROW ("0100007F:1F9", "0A"), -1,
      "tcp:2: “0100007F:1F9” is not an address and port" },
    { "tcp", PROC_HEADER PROC_ROW ("0100007F-1F90", "0A"), -1,
      "tcp:2: “0100007F-1F90” is not an address and port" },
    { "tcp", PROC_HEADER "   1: 0100007F:1F90 00000000:0000 0A\n", -1,
      "tcp:2: expected 10 columns, found 4" },
    { "bin.txt", SS_HEADER "ESTAB\0 0 0\n", sizeof SS_HEADER - 1 + 10,
      "bin.txt:2: binary data, not a socket table" },
    { "bin.txt", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16,
      "bin.txt:1: binary data, not a socket table" },
    { "latin1.txt", SS_HEADER "ESTAB 0 0 10.0.0.1:22 10.0.0.2:1 users:((\"caf\xe9\",pid=1,fd=3))\n", -1,
      "latin1.txt:2: the text is not UTF-8 (byte 0xE9): convert it to UTF-8 first, for example with iconv" },
    { "empty.txt", "", 0, "empty.txt: empty file, not a socket table" },
    { "null.txt", NULL, 0, "null.txt: empty file, not a socket table" },
    { "blank.txt", "\n  \r\n\t\n", -1, "blank.txt: empty file, not a socket table" },
    { "long.txt", too_long, -1, "long.txt:2: line too long (65537 bytes)" },
    { "long.txt", longest, -1, ascii_message },
    { "value.txt", utf8_value, -1, utf8_message },
    { "notes.txt", "Hello, these are my notes.\nESTAB 0 0 10.0.0.1:22 10.0.0.2:1\n", -1,
      "notes.txt:1: " NOT_A_TABLE },
    { "data.csv", "\n\nstart,end,client_ip\n", -1,
      "data.csv:3: " NOT_A_TABLE },
  };
#undef SS_HEADER
#undef SS_ROW
#undef PROC_HEADER
#undef PROC_ROW
#undef NOT_A_TABLE

  g_assert_cmpuint (strchr (too_long, '\n') - too_long, ==, 57);
  g_assert_cmpuint (strlen (too_long), ==, 57 + 1 + 65537 + 1);
  g_assert_cmpuint (strlen (longest), ==, 57 + 1 + 65536 + 1);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LiaisonNetstatTable) table = NULL;
      gsize length = cases[i].length >= 0 ? (gsize) cases[i].length : strlen (cases[i].text);

      g_test_message ("case %u: %s", i, cases[i].message);
      table = liaison_netstat_parse (cases[i].name, cases[i].text, length, &error);
      g_assert_null (table);
      g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
}

/* Generates `ss -tanp` text of @rows sockets: one LISTEN in 50, one TIME-WAIT
 * in 10 (those only where not listening), the rest ESTAB; a third IPv6, a
 * third IPv4-mapped, a third IPv4. */
static char *
generate_ss_tanp (guint  rows,
                  gsize *length)
{
  static const char * const names[] = { "python3", "nginx", "postgres", "Web Content" };
  GString *s = g_string_new ("State     Recv-Q Send-Q            Local Address:Port              Peer Address:Port Process\n");

  for (guint i = 0; i < rows; i++)
    {
      char local[64];
      char peer[64];
      const char *name = names[i % G_N_ELEMENTS (names)];

      if (i % 50 == 0)
        {
          g_string_append_printf (s, "LISTEN    0      128     %30s %30s users:((\"%s\",pid=%u,fd=3))\n",
                                  "0.0.0.0:443", "0.0.0.0:*", name, 1000 + i);
          continue;
        }

      if (i % 3 == 0)
        {
          g_snprintf (local, sizeof local, "[2001:db8::%x]:%u", i % 65536, 1024 + i % 60000);
          g_snprintf (peer, sizeof peer, "[2001:db8:1::%x]:443", (i * 7) % 65536);
        }
      else if (i % 3 == 1)
        {
          g_snprintf (local, sizeof local, "[::ffff:10.1.%u.%u]:%u", i % 256, (i / 256) % 256, 1024 + i % 60000);
          g_snprintf (peer, sizeof peer, "[::ffff:192.168.%u.7]:5432", i % 200);
        }
      else
        {
          g_snprintf (local, sizeof local, "10.0.%u.%u:%u", i % 256, (i / 256) % 256, 1024 + i % 60000);
          g_snprintf (peer, sizeof peer, "172.16.%u.9:8080", i % 256);
        }

      if (i % 10 == 5)
        g_string_append_printf (s, "TIME-WAIT 0      0      %30s %30s\n", local, peer);
      else
        g_string_append_printf (s, "ESTAB     0      0      %30s %30s users:((\"%s\",pid=%u,fd=%u))\n",
                                local, peer, name, 2000 + i % 3000, i % 1000);
    }

  *length = s->len;
  return g_string_free (s, FALSE);
}

static void
test_ss_large (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonNetstatTable) table = NULL;
  g_autofree char *text = NULL;
  gsize length;

  /* Speed is measured by bench/, not here: this checks a large table parses right. */
  text = generate_ss_tanp (100000, &length);
  table = liaison_netstat_parse ("ss-100k.txt", text, length, &error);
  g_assert_no_error (error);

  /* 2000 listening (i % 50 == 0); of the rest, i % 10 == 5 are TIME-WAIT:
   * 10000, none of them a multiple of 50. */
  assert_counts (table, 100000, 2000, 88000, 10000);
  assert_socket (table, TCP, "10.1.1.0", 1025, "192.168.1.7", 5432, COUNTED, "nginx", 3);
  assert_socket (table, TCP, "2001:db8::3", 1027, "2001:db8:1::15", 443, COUNTED, "Web Content", 5);
  assert_socket (table, TCP, "10.0.5.0", 1029, "172.16.5.9", 8080, IGNORED, NULL, 7);
}

static char *
read_own_comm (void)
{
  g_autoptr(GError) error = NULL;
  char *comm = NULL;

  g_file_get_contents ("/proc/self/comm", &comm, NULL, &error);
  g_assert_no_error (error);
  return g_strchomp (comm);
}

static guint
local_port_of (int fd)
{
  struct sockaddr_in address;
  socklen_t size = sizeof address;

  g_assert_cmpint (getsockname (fd, (struct sockaddr *) &address, &size), ==, 0);
  return ntohs (address.sin_port);
}

static int
open_socket (int  type,
             int *port)
{
  struct sockaddr_in address = { 0 };
  int fd = socket (AF_INET, type | SOCK_CLOEXEC, 0);

  g_assert_cmpint (fd, >=, 0);
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &address, sizeof address), ==, 0);
  *port = local_port_of (fd);
  return fd;
}

static void
test_this_host (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonNetstatTable) table = NULL;
  g_autofree char *comm = read_own_comm ();
  struct sockaddr_in address = { 0 };
  int listen_port;
  int udp_port;
  int listener = open_socket (SOCK_STREAM, &listen_port);
  int udp = open_socket (SOCK_DGRAM, &udp_port);
  int client;
  int server;
  guint client_port;

  g_assert_cmpint (listen (listener, 4), ==, 0);

  client = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  g_assert_cmpint (client, >=, 0);
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  address.sin_port = htons (listen_port);
  g_assert_cmpint (connect (client, (struct sockaddr *) &address, sizeof address), ==, 0);
  server = accept (listener, NULL, NULL);
  g_assert_cmpint (server, >=, 0);
  client_port = local_port_of (client);

  table = liaison_netstat_read_this_host (&error);
  g_assert_no_error (error);
  g_assert_nonnull (table);
  g_assert_cmpint (table->format, ==, LIAISON_NETSTAT_FORMAT_THIS_HOST);

  assert_socket (table, TCP, "127.0.0.1", listen_port, NULL, 0, LISTENING, comm, 0);
  assert_socket (table, TCP, "127.0.0.1", client_port, "127.0.0.1", listen_port, COUNTED, comm, 0);
  assert_socket (table, TCP, "127.0.0.1", listen_port, "127.0.0.1", client_port, COUNTED, comm, 0);
  assert_socket (table, UDP, "127.0.0.1", udp_port, NULL, 0, LISTENING, comm, 0);

  close (server);
  close (client);
  close (udp);
  close (listener);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/netstat/ss/tan", test_ss_tan);
  g_test_add_func ("/netstat/ss/tanp", test_ss_tanp);
  g_test_add_func ("/netstat/ss/tuanp", test_ss_tuanp);
  g_test_add_func ("/netstat/ss/tuan", test_ss_tuan);
  g_test_add_func ("/netstat/ss/closing", test_ss_closing);
  g_test_add_func ("/netstat/ss/addresses-and-states", test_ss_inline);
  g_test_add_func ("/netstat/ss/no-header", test_ss_no_header);
  g_test_add_func ("/netstat/ss/100k-rows", test_ss_large);
  g_test_add_func ("/netstat/net-tools/captures", test_net_tools);
  g_test_add_func ("/netstat/net-tools/closing", test_net_tools_closing);
  g_test_add_func ("/netstat/net-tools/inline", test_net_tools_inline);
  g_test_add_func ("/netstat/net-tools/no-program", test_net_tools_no_program);
  g_test_add_func ("/netstat/windows/capture", test_windows);
  g_test_add_func ("/netstat/windows/inline", test_windows_inline);
  g_test_add_func ("/netstat/proc/files", test_proc_files);
  g_test_add_func ("/netstat/same-moment", test_same_moment);
  g_test_add_func ("/netstat/detect-by-content", test_detect_by_content);
  g_test_add_func ("/netstat/bad-input", test_bad_input);
  g_test_add_func ("/netstat/this-host", test_this_host);

  return g_test_run ();
}
