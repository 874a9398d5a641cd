/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-netstat-parser"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-netstat-private.h"

/* /proc/net/tcp, tcp6, udp, udp6: one file or several concatenated. */

/* The "st" column: the kernel's TCP_* numbers. UDP uses 01 for a connected
 * socket and 07 for an unconnected one. */
static const SocketState proc_states[] = {
  [0x01] = STATE_ESTABLISHED,
  [0x02] = STATE_SYN_SENT,
  [0x03] = STATE_SYN_RECV,
  [0x04] = STATE_FIN_WAIT1,
  [0x05] = STATE_FIN_WAIT2,
  [0x06] = STATE_TIME_WAIT,
  [0x07] = STATE_CLOSE,
  [0x08] = STATE_CLOSE_WAIT,
  [0x09] = STATE_LAST_ACK,
  [0x0A] = STATE_LISTEN,
  [0x0B] = STATE_CLOSING,
  [0x0C] = STATE_SYN_RECV,  /* TCP_NEW_SYN_RECV */
};

static inline int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

static gboolean
parse_hex (const char *p,
           gsize       len,
           guint32    *out)
{
  guint32 value = 0;

  for (gsize i = 0; i < len; i++)
    {
      int v = hex_value (p[i]);

      if (v < 0)
        return FALSE;
      value = (value << 4) | (guint32) v;
    }
  *out = value;
  return TRUE;
}

/* `0100007F:1F90`: the address as the kernel's 32-bit words printed in hex,
 * each in the byte order of a little-endian machine; the port in hex. */
static gboolean
parse_proc_endpoint (Span            text,
                     LiaisonAddress *address,
                     guint          *port)
{
  gsize hex_len;
  guint32 value;

  if (text.len == 8 + 1 + 4)
    hex_len = 8;
  else if (text.len == 32 + 1 + 4)
    hex_len = 32;
  else
    return FALSE;

  if (text.p[hex_len] != ':')
    return FALSE;

  memset (address, 0, sizeof *address);
  address->family = hex_len == 8 ? 4 : 6;

  for (gsize word = 0; word < hex_len / 8; word++)
    {
      if (!parse_hex (text.p + word * 8, 8, &value))
        return FALSE;
      address->bytes[word * 4 + 0] = value & 0xff;
      address->bytes[word * 4 + 1] = (value >> 8) & 0xff;
      address->bytes[word * 4 + 2] = (value >> 16) & 0xff;
      address->bytes[word * 4 + 3] = (value >> 24) & 0xff;
    }

  liaison_address_unmap (address);

  if (!parse_hex (text.p + hex_len + 1, 4, &value))
    return FALSE;
  *port = value;
  return TRUE;
}

gboolean
netstat_proc_line (NetstatParser  *self,
                   const char     *line,
                   gsize           len,
                   GError        **error)
{
  Span f[NETSTAT_MAX_FIELDS];
  guint n;
  LiaisonAddress local;
  LiaisonAddress peer;
  guint local_port;
  guint peer_port;
  guint32 state;
  Span none = { NULL, 0 };

  n = netstat_split_first (line, len, f, 10);

  /* Each file has its own header; udp's ends with "ref pointer drops". */
  if (span_eq (f[0], "sl"))
    {
      self->proc_protocol = g_strstr_len (line, len, "drops") != NULL
                              ? LIAISON_PROTOCOL_UDP
                              : LIAISON_PROTOCOL_TCP;
      return TRUE;
    }

  if (n < 10)
    return netstat_fail_columns (self, error, 10, n);

  if (!parse_proc_endpoint (f[1], &local, &local_port))
    return netstat_fail_value (self, error, _("“%s” is not an address and port"), f[1]);
  if (!parse_proc_endpoint (f[2], &peer, &peer_port))
    return netstat_fail_value (self, error, _("“%s” is not an address and port"), f[2]);

  if (f[3].len != 2 || !parse_hex (f[3].p, 2, &state) ||
      state >= G_N_ELEMENTS (proc_states) || proc_states[state] == STATE_NONE)
    return netstat_fail_state (self, error, f[3]);

  netstat_append_socket (self, &local, local_port, &peer, peer_port,
                         self->proc_protocol, proc_states[state], none);
  return TRUE;
}
