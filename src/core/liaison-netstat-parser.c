/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-netstat-parser"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <string.h>

#include "liaison-error.h"
#include "liaison-netstat-parser.h"
#include "liaison-netstat-parser-private.h"

/* statistics.md sections 3.1 and 3.2.
 *
 * The parser reads the text in place, one line at a time: a line is split into
 * fields that point into the input, so a row costs no allocation but its
 * process name. */

#define MAX_LINE_LENGTH (64 * 1024)
#define MAX_FIELDS      16
#define EXCERPT_LENGTH  80

typedef struct
{
  const char *p;
  gsize       len;
} Span;

typedef enum
{
  STATE_NONE,           /* no state column: udp in net-tools and Windows */
  STATE_ESTABLISHED,
  STATE_SYN_SENT,
  STATE_SYN_RECV,
  STATE_FIN_WAIT1,
  STATE_FIN_WAIT2,
  STATE_TIME_WAIT,
  STATE_CLOSE,          /* CLOSE, CLOSED, UNCONN, BOUND, DELETE_TCB */
  STATE_CLOSE_WAIT,
  STATE_LAST_ACK,
  STATE_LISTEN,
  STATE_CLOSING,
} SocketState;

typedef struct
{
  const char  *name;
  SocketState  state;
} StateName;

/* Most frequent first. */
static const StateName ss_states[] = {
  { "ESTAB", STATE_ESTABLISHED },
  { "TIME-WAIT", STATE_TIME_WAIT },
  { "LISTEN", STATE_LISTEN },
  { "UNCONN", STATE_CLOSE },
  { "CLOSE-WAIT", STATE_CLOSE_WAIT },
  { "SYN-SENT", STATE_SYN_SENT },
  { "SYN-RECV", STATE_SYN_RECV },
  { "FIN-WAIT-1", STATE_FIN_WAIT1 },
  { "FIN-WAIT-2", STATE_FIN_WAIT2 },
  { "LAST-ACK", STATE_LAST_ACK },
  { "CLOSING", STATE_CLOSING },
  { "CLOSED", STATE_CLOSE },
  { "CLOSE", STATE_CLOSE },
  { NULL, 0 }
};

static const StateName net_tools_states[] = {
  { "ESTABLISHED", STATE_ESTABLISHED },
  { "TIME_WAIT", STATE_TIME_WAIT },
  { "LISTEN", STATE_LISTEN },
  { "CLOSE_WAIT", STATE_CLOSE_WAIT },
  { "SYN_SENT", STATE_SYN_SENT },
  { "SYN_RECV", STATE_SYN_RECV },
  { "FIN_WAIT1", STATE_FIN_WAIT1 },
  { "FIN_WAIT2", STATE_FIN_WAIT2 },
  { "LAST_ACK", STATE_LAST_ACK },
  { "CLOSING", STATE_CLOSING },
  { "CLOSE", STATE_CLOSE },
  { NULL, 0 }
};

static const StateName windows_states[] = {
  { "ESTABLISHED", STATE_ESTABLISHED },
  { "TIME_WAIT", STATE_TIME_WAIT },
  { "LISTENING", STATE_LISTEN },
  { "CLOSE_WAIT", STATE_CLOSE_WAIT },
  { "SYN_SENT", STATE_SYN_SENT },
  { "SYN_RECEIVED", STATE_SYN_RECV },
  { "FIN_WAIT_1", STATE_FIN_WAIT1 },
  { "FIN_WAIT_2", STATE_FIN_WAIT2 },
  { "LAST_ACK", STATE_LAST_ACK },
  { "CLOSING", STATE_CLOSING },
  { "CLOSED", STATE_CLOSE },
  { "DELETE_TCB", STATE_CLOSE },
  { "BOUND", STATE_CLOSE },
  { NULL, 0 }
};

/* /proc/net/tcp "st" column: the kernel's TCP_* numbers. UDP uses 01 for a
 * connected socket and 07 for an unconnected one. */
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

/* ss prints these for other socket types (-w, -x, -0, ...); they are not ours. */
static const char * const other_ss_netids[] = {
  "raw", "u_str", "u_dgr", "u_seq", "nl", "p_raw", "p_dgr", "mptcp", "sctp",
  "tipc", "v_str", "v_dgr", "xdp", "icmp", "icmp6", "u_str_p", NULL
};

typedef struct
{
  const char          *file_name;
  LiaisonNetstatTable *table;
  guint                line;

  /* ss: whether rows start with the Netid column */
  gboolean             ss_netid;
  /* /proc/net: the protocol of the file whose header came last */
  LiaisonProtocol      proc_protocol;
  /* net-tools: the Internet part is over (a UNIX domain socket section follows) */
  gboolean             done;
} Parser;

/* One row, before its endpoints are read. */
typedef struct
{
  LiaisonProtocol protocol;
  guint8          family_hint;  /* 4 or 6 when the row says (tcp6, udp6), else 0 */
  Span            local;
  Span            peer;
  SocketState     state;
  Span            process;      /* len 0: unknown */
} Row;

typedef enum
{
  ENDPOINT_OK,
  ENDPOINT_BAD,
  ENDPOINT_BAD_PORT,
} EndpointResult;

typedef struct
{
  LiaisonAddress address;       /* family 0 when the address is `*` */
  gboolean       star;
  guint          port;          /* 0 when the port is `*` */
  Span           port_text;
} Endpoint;

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static inline gboolean
span_eq (Span        span,
         const char *text)
{
  gsize len = strlen (text);

  return span.len == len && memcmp (span.p, text, len) == 0;
}

static inline gboolean
span_has_prefix (Span        span,
                 const char *prefix)
{
  gsize len = strlen (prefix);

  return span.len >= len && memcmp (span.p, prefix, len) == 0;
}

static guint
split_fields (const char *p,
              gsize       len,
              Span       *fields,
              guint       max)
{
  guint n = 0;
  gsize i = 0;

  for (;;)
    {
      gsize start;

      while (i < len && is_space (p[i]))
        i++;
      if (i >= len)
        break;
      start = i;
      while (i < len && !is_space (p[i]))
        i++;
      if (n < max)
        {
          fields[n].p = p + start;
          fields[n].len = i - start;
        }
      n++;
    }

  return n;
}

/* From @field to the end of the line, without trailing blanks. */
static Span
rest_of_line (const char *line,
              gsize       len,
              Span        field)
{
  Span rest = { field.p, line + len - field.p };

  while (rest.len > 0 && is_space (rest.p[rest.len - 1]))
    rest.len--;
  return rest;
}

static Span
trim (const char *p,
      gsize       len)
{
  while (len > 0 && is_space (*p))
    {
      p++;
      len--;
    }
  while (len > 0 && is_space (p[len - 1]))
    len--;
  return (Span) { p, len };
}

/* A value for a message: the whole of it when short, else its start. The
 * input has been checked to be UTF-8, so the cut is made between characters. */
static char *
excerpt (Span span)
{
  const char *cut;

  if (span.len <= EXCERPT_LENGTH)
    return g_strndup (span.p, span.len);

  cut = g_utf8_find_prev_char (span.p, span.p + EXCERPT_LENGTH + 1);
  if (cut == NULL)
    cut = span.p;
  return g_strdup_printf ("%.*s…", (int) (cut - span.p), span.p);
}

/* Bad input at the parser's line; FALSE. */
#define fail(self, error, ...) \
  liaison_error_set_line ((error), (self)->file_name, (self)->line, __VA_ARGS__)

/* @format has one `%s`, for @value. */
static gboolean
fail_value (Parser      *self,
            GError     **error,
            const char  *format,
            Span         value)
{
  g_autofree char *text = excerpt (value);

  return fail (self, error, format, text);
}

static gboolean
fail_columns (Parser  *self,
              GError **error,
              guint    expected,
              guint    found)
{
  return fail (self, error, _("expected %u columns, found %u"), expected, found);
}

static gboolean
lookup_state (const StateName *names,
              Span             text,
              SocketState     *out)
{
  for (guint i = 0; names[i].name != NULL; i++)
    if (span_eq (text, names[i].name))
      {
        *out = names[i].state;
        return TRUE;
      }
  return FALSE;
}

/* `ADDRESS:PORT`: `10.0.0.1:22`, `[::1]:443`, `::1:443` (net-tools),
 * `*:22`, `0.0.0.0:*`, `127.0.0.53%lo:53`, `[fe80::1]%eth0:546`, `[fe80::1%4]:546`. */
static EndpointResult
parse_endpoint (Span      text,
                Endpoint *out)
{
  const char *host = text.p;
  const char *colon = NULL;
  const char *port;
  const char *percent;
  gsize host_len;
  gsize port_len;
  guint value = 0;

  memset (out, 0, sizeof *out);

  for (gsize i = text.len; i > 0; i--)
    if (text.p[i - 1] == ':')
      {
        colon = text.p + i - 1;
        break;
      }
  if (colon == NULL)
    return ENDPOINT_BAD;

  host_len = colon - host;
  port = colon + 1;
  port_len = text.p + text.len - port;

  if (host_len > 0 && host[0] == '[')
    {
      const char *close = memchr (host, ']', host_len);

      if (close == NULL)
        return ENDPOINT_BAD;
      if (close + 1 < host + host_len && close[1] != '%')
        return ENDPOINT_BAD;
      host_len = close - host - 1;
      host++;
    }

  percent = memchr (host, '%', host_len);
  if (percent != NULL)
    host_len = percent - host;

  if (host_len == 1 && host[0] == '*')
    out->star = TRUE;
  else if (!liaison_address_parse (host, host_len, &out->address))
    return ENDPOINT_BAD;

  out->port_text.p = port;
  out->port_text.len = port_len;

  if (port_len == 1 && port[0] == '*')
    return ENDPOINT_OK;
  if (port_len == 0)
    return ENDPOINT_BAD;

  for (gsize i = 0; i < port_len; i++)
    {
      if (!g_ascii_isdigit (port[i]))
        return ENDPOINT_BAD;
      if (value <= 65535)
        value = value * 10 + (port[i] - '0');
    }
  if (value > 65535)
    return ENDPOINT_BAD_PORT;

  out->port = value;
  return ENDPOINT_OK;
}

static gboolean
read_endpoint (Parser    *self,
               Span       text,
               Endpoint  *out,
               GError   **error)
{
  switch (parse_endpoint (text, out))
    {
    case ENDPOINT_OK:
      return TRUE;
    case ENDPOINT_BAD_PORT:
      return fail_value (self, error, _("port “%s” is not between 1 and 65535"), out->port_text);
    case ENDPOINT_BAD:
    default:
      return fail_value (self, error, _("“%s” is not an address and port"), text);
    }
}

static void
set_wildcard (LiaisonAddress *address,
              guint8          family)
{
  memset (address, 0, sizeof *address);
  address->family = family;
}

/* statistics.md section 3.2 */
static LiaisonSocketKind
classify (LiaisonProtocol protocol,
          SocketState     state,
          gboolean        has_peer,
          guint           local_port)
{
  if (local_port == 0)
    return LIAISON_SOCKET_IGNORED;

  if (protocol == LIAISON_PROTOCOL_TCP)
    {
      if (state == STATE_LISTEN)
        return LIAISON_SOCKET_LISTENING;
      if (!has_peer)
        return LIAISON_SOCKET_IGNORED;
      switch (state)
        {
        case STATE_NONE:
        case STATE_TIME_WAIT:
        case STATE_CLOSE:
        case STATE_SYN_SENT:
          return LIAISON_SOCKET_IGNORED;
        default:
          return LIAISON_SOCKET_CONNECTION;
        }
    }

  if (!has_peer)
    return state == STATE_NONE || state == STATE_CLOSE ? LIAISON_SOCKET_LISTENING : LIAISON_SOCKET_IGNORED;
  return state == STATE_ESTABLISHED ? LIAISON_SOCKET_CONNECTION : LIAISON_SOCKET_IGNORED;
}

static void
append_socket (Parser               *self,
               const LiaisonAddress *local,
               guint                 local_port,
               const LiaisonAddress *peer,
               guint                 peer_port,
               LiaisonProtocol       protocol,
               SocketState           state,
               Span                  process)
{
  LiaisonSocket socket;
  gboolean has_peer;

  has_peer = peer->family != 0 && peer_port != 0 && !liaison_address_is_any (peer);

  memset (&socket, 0, sizeof socket);
  socket.protocol = protocol;
  socket.kind = classify (protocol, state, has_peer, local_port);
  socket.local = *local;
  socket.local_port = local_port;
  if (has_peer && state != STATE_LISTEN)
    {
      socket.peer = *peer;
      socket.peer_port = peer_port;
    }
  socket.process = process.len > 0 ? g_strndup (process.p, process.len) : NULL;
  socket.line = self->line;

  g_array_append_val (self->table->sockets, socket);
}

static gboolean
add_row (Parser     *self,
         const Row  *row,
         GError    **error)
{
  Endpoint local;
  Endpoint peer;

  if (!read_endpoint (self, row->local, &local, error) ||
      !read_endpoint (self, row->peer, &peer, error))
    return FALSE;

  /* `*` is a wildcard of the row's family. Without a hint from the row (tcp6,
   * a concrete address on the other side), it is ss's dual-stack `::`. */
  if (local.star)
    {
      guint8 family = row->family_hint;

      if (family == 0)
        family = peer.star ? 6 : peer.address.family;
      set_wildcard (&local.address, family);
    }

  append_socket (self, &local.address, local.port, &peer.address, peer.port,
                 row->protocol, row->state, row->process);
  return TRUE;
}

/* The first name of `users:(("name",pid=1,fd=3),("other",pid=2,fd=4))`. */
static Span
ss_process_name (Span rest)
{
  static const char users[] = "users:((\"";
  const char *start;
  const char *quote;
  Span none = { NULL, 0 };

  if (rest.len == 0)
    return none;

  start = g_strstr_len (rest.p, rest.len, users);
  if (start == NULL)
    return none;
  start += strlen (users);

  quote = memchr (start, '"', rest.p + rest.len - start);
  if (quote == NULL)
    return none;

  return (Span) { start, quote - start };
}

static gboolean
parse_ss_line (Parser      *self,
               const char  *line,
               gsize        len,
               GError     **error)
{
  Span f[MAX_FIELDS];
  guint n;
  guint i = 0;
  Row row = { 0 };

  /* The second line of a socket with -i, -m or -e details. */
  if (line[0] == '\t')
    return TRUE;

  n = split_fields (line, len, f, MAX_FIELDS);

  if (span_eq (f[0], "Netid") || span_eq (f[0], "State"))
    {
      self->ss_netid = span_eq (f[0], "Netid");
      return TRUE;
    }

  if (self->ss_netid)
    {
      if (n < 6)
        return fail_columns (self, error, 6, n);

      if (span_eq (f[0], "tcp"))
        row.protocol = LIAISON_PROTOCOL_TCP;
      else if (span_eq (f[0], "udp"))
        row.protocol = LIAISON_PROTOCOL_UDP;
      else
        {
          for (guint k = 0; other_ss_netids[k] != NULL; k++)
            if (span_eq (f[0], other_ss_netids[k]))
              return TRUE;
          return fail_value (self, error, _("unknown protocol “%s”"), f[0]);
        }
      i = 1;
    }
  else
    {
      if (n < 5)
        return fail_columns (self, error, 5, n);
      /* ss -tan: without the Netid column every row is TCP. */
      row.protocol = LIAISON_PROTOCOL_TCP;
    }

  if (!lookup_state (ss_states, f[i], &row.state))
    return fail_value (self, error, _("unknown state “%s”"), f[i]);

  row.local = f[i + 3];
  row.peer = f[i + 4];
  if (n > i + 5)
    row.process = ss_process_name (rest_of_line (line, len, f[i + 5]));

  return add_row (self, &row, error);
}

static gboolean
parse_net_tools_line (Parser      *self,
                      const char  *line,
                      gsize        len,
                      GError     **error)
{
  Span f[MAX_FIELDS];
  Span trimmed = trim (line, len);
  guint n;
  guint process_field = 0;
  Row row = { 0 };

  /* "Active Internet connections (servers and established)", the column
   * header, and the note non-root users get about process names. */
  if (span_has_prefix (trimmed, "Active Internet connections") ||
      span_has_prefix (trimmed, "Proto ") ||
      span_has_prefix (trimmed, "(Not all processes") ||
      span_has_prefix (trimmed, "will not be shown"))
    return TRUE;

  /* netstat -a without -t/-u goes on with UNIX domain sockets. */
  if (span_has_prefix (trimmed, "Active "))
    {
      self->done = TRUE;
      return TRUE;
    }

  n = split_fields (line, len, f, MAX_FIELDS);

  if (span_eq (f[0], "tcp") || span_eq (f[0], "tcp6"))
    row.protocol = LIAISON_PROTOCOL_TCP;
  else if (span_eq (f[0], "udp") || span_eq (f[0], "udp6"))
    row.protocol = LIAISON_PROTOCOL_UDP;
  else if (span_eq (f[0], "raw") || span_eq (f[0], "raw6") ||
           span_eq (f[0], "udpl") || span_eq (f[0], "udpl6"))
    return TRUE;
  else
    return fail_value (self, error, _("unknown protocol “%s”"), f[0]);

  row.family_hint = f[0].p[f[0].len - 1] == '6' ? 6 : 4;

  if (row.protocol == LIAISON_PROTOCOL_TCP)
    {
      if (n < 6)
        return fail_columns (self, error, 6, n);
      if (!lookup_state (net_tools_states, f[5], &row.state))
        return fail_value (self, error, _("unknown state “%s”"), f[5]);
      process_field = 6;
    }
  else
    {
      if (n < 5)
        return fail_columns (self, error, 5, n);
      row.state = STATE_NONE;
      process_field = 5;
      /* A connected udp socket says ESTABLISHED; an unconnected one leaves
       * the column empty, so the next field is "PID/Program name". */
      if (n > 5 && !g_ascii_isdigit (f[5].p[0]) && !span_eq (f[5], "-"))
        {
          if (!lookup_state (net_tools_states, f[5], &row.state))
            return fail_value (self, error, _("unknown state “%s”"), f[5]);
          process_field = 6;
        }
    }

  row.local = f[3];
  row.peer = f[4];

  /* "1234/python3", or "-" when netstat could not tell */
  if (n > process_field && process_field < MAX_FIELDS)
    {
      Span rest = rest_of_line (line, len, f[process_field]);
      const char *slash = memchr (rest.p, '/', rest.len);

      if (slash != NULL)
        {
          row.process.p = slash + 1;
          row.process.len = rest.p + rest.len - row.process.p;
        }
    }

  return add_row (self, &row, error);
}

static gboolean
parse_windows_line (Parser      *self,
                    const char  *line,
                    gsize        len,
                    GError     **error)
{
  Span f[MAX_FIELDS];
  guint n;
  Row row = { 0 };

  n = split_fields (line, len, f, MAX_FIELDS);

  /* "Active Connections" and "Proto  Local Address  Foreign Address  State  PID" */
  if (span_eq (f[0], "Active") || span_eq (f[0], "Proto"))
    return TRUE;

  if (span_eq (f[0], "TCP"))
    {
      row.protocol = LIAISON_PROTOCOL_TCP;
      if (n < 4)
        return fail_columns (self, error, 4, n);
      if (!lookup_state (windows_states, f[3], &row.state))
        return fail_value (self, error, _("unknown state “%s”"), f[3]);
    }
  else if (span_eq (f[0], "UDP"))
    {
      row.protocol = LIAISON_PROTOCOL_UDP;
      if (n < 3)
        return fail_columns (self, error, 3, n);
      row.state = STATE_NONE;
    }
  else
    return fail_value (self, error, _("unknown protocol “%s”"), f[0]);

  /* The PID column names no process by itself. */
  row.local = f[1];
  row.peer = f[2];

  return add_row (self, &row, error);
}

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

static gboolean
parse_proc_line (Parser      *self,
                 const char  *line,
                 gsize        len,
                 GError     **error)
{
  Span f[MAX_FIELDS];
  guint n;
  LiaisonAddress local;
  LiaisonAddress peer;
  guint local_port;
  guint peer_port;
  guint32 state;
  Span none = { NULL, 0 };

  n = split_fields (line, len, f, MAX_FIELDS);

  /* Each file has its own header; udp's ends with "ref pointer drops". */
  if (span_eq (f[0], "sl"))
    {
      self->proc_protocol = g_strstr_len (line, len, "drops") != NULL
                              ? LIAISON_PROTOCOL_UDP
                              : LIAISON_PROTOCOL_TCP;
      return TRUE;
    }

  if (n < 10)
    return fail_columns (self, error, 10, n);

  if (!parse_proc_endpoint (f[1], &local, &local_port))
    return fail_value (self, error, _("“%s” is not an address and port"), f[1]);
  if (!parse_proc_endpoint (f[2], &peer, &peer_port))
    return fail_value (self, error, _("“%s” is not an address and port"), f[2]);

  if (f[3].len != 2 || !parse_hex (f[3].p, 2, &state) ||
      state >= G_N_ELEMENTS (proc_states) || proc_states[state] == STATE_NONE)
    return fail_value (self, error, _("unknown state “%s”"), f[3]);

  append_socket (self, &local, local_port, &peer, peer_port,
                 self->proc_protocol, proc_states[state], none);
  return TRUE;
}

typedef gboolean (*LineParser) (Parser *, const char *, gsize, GError **);

/* The format, from the first line that is not blank. */
static gboolean
detect_format (Parser     *self,
               const char *line,
               gsize       len)
{
  Span f[MAX_FIELDS];
  Span trimmed = trim (line, len);
  guint n;
  SocketState state;

  n = split_fields (line, len, f, MAX_FIELDS);

  if (n >= 2 && span_eq (f[0], "sl") && span_eq (f[1], "local_address"))
    self->table->format = LIAISON_NETSTAT_FORMAT_PROC;
  else if (n >= 2 && span_eq (f[0], "Netid") && span_eq (f[1], "State"))
    self->table->format = LIAISON_NETSTAT_FORMAT_SS;
  else if (n >= 2 && span_eq (f[0], "State") && span_eq (f[1], "Recv-Q"))
    self->table->format = LIAISON_NETSTAT_FORMAT_SS;
  else if (span_has_prefix (trimmed, "Active Internet connections") ||
           span_has_prefix (trimmed, "(Not all processes") ||
           (n >= 2 && span_eq (f[0], "Proto") && span_eq (f[1], "Recv-Q")))
    self->table->format = LIAISON_NETSTAT_FORMAT_NET_TOOLS;
  else if (span_has_prefix (trimmed, "Active Connections") ||
           (n >= 2 && span_eq (f[0], "Proto") && span_eq (f[1], "Local")))
    self->table->format = LIAISON_NETSTAT_FORMAT_WINDOWS;
  /* ss -H: no header */
  else if (n >= 5 && lookup_state (ss_states, f[0], &state))
    self->table->format = LIAISON_NETSTAT_FORMAT_SS;
  else if (n >= 6 && (span_eq (f[0], "tcp") || span_eq (f[0], "udp")) &&
           lookup_state (ss_states, f[1], &state))
    {
      self->table->format = LIAISON_NETSTAT_FORMAT_SS;
      self->ss_netid = TRUE;
    }
  else
    return FALSE;

  return TRUE;
}

/**
 * liaison_netstat_parse:
 * @file_name: the name of the file, for messages
 * @data: the contents of the file
 * @length: the length of @data
 * @error: return location for a #LIAISON_ERROR_INVALID error
 *
 * Reads a socket table: the output of `ss`, of net-tools `netstat`, of
 * Windows `netstat -ano`, or the text of `/proc/net/tcp`, `tcp6`, `udp`,
 * `udp6` (several concatenated). The format is told from the content.
 *
 * Returns: (transfer full): the table, or %NULL with @error set
 */
LiaisonNetstatTable *
liaison_netstat_parse (const char  *file_name,
                       const char  *data,
                       gsize        length,
                       GError     **error)
{
  g_autoptr(LiaisonNetstatTable) table = NULL;
  Parser self = { 0 };
  LineParser parse_line = NULL;
  const char *p;
  const char *end;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data == NULL)
    data = "";
  p = data;
  end = data + length;

  table = liaison_netstat_table_new ();

  self.file_name = file_name != NULL ? file_name : "(input)";
  self.table = table;
  self.proc_protocol = LIAISON_PROTOCOL_TCP;

  while (p < end && !self.done)
    {
      const char *newline = memchr (p, '\n', end - p);
      const char *line = p;
      gsize len = (newline != NULL ? newline : end) - p;
      gsize i;

      p = newline != NULL ? newline + 1 : end;
      self.line++;

      if (len > 0 && line[len - 1] == '\r')
        len--;

      if (len > MAX_LINE_LENGTH)
        {
          fail (&self, error, _("line too long (%zu bytes)"), (size_t) len);
          return NULL;
        }

      if (!g_utf8_validate_len (line, len, NULL))
        {
          fail (&self, error, _("binary data, not a socket table"));
          return NULL;
        }

      for (i = 0; i < len && is_space (line[i]); i++)
        ;
      if (i == len)
        continue;

      if (parse_line == NULL)
        {
          if (!detect_format (&self, line, len))
            {
              fail (&self, error, _("not a socket table from ss, netstat, "
                                    "Windows netstat -ano or /proc/net"));
              return NULL;
            }

          switch (table->format)
            {
            case LIAISON_NETSTAT_FORMAT_SS:
              parse_line = parse_ss_line;
              break;
            case LIAISON_NETSTAT_FORMAT_NET_TOOLS:
              parse_line = parse_net_tools_line;
              break;
            case LIAISON_NETSTAT_FORMAT_WINDOWS:
              parse_line = parse_windows_line;
              break;
            case LIAISON_NETSTAT_FORMAT_PROC:
            case LIAISON_NETSTAT_FORMAT_THIS_HOST:
            default:
              parse_line = parse_proc_line;
              break;
            }
        }

      if (!parse_line (&self, line, len, error))
        return NULL;
    }

  if (parse_line == NULL)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                   _("%s: empty file, not a socket table"), self.file_name);
      return NULL;
    }

  return g_steal_pointer (&table);
}

static void
clear_socket (gpointer data)
{
  LiaisonSocket *socket = data;

  g_clear_pointer (&socket->process, g_free);
}

/* An empty table whose array frees the sockets' processes. */
LiaisonNetstatTable *
liaison_netstat_table_new (void)
{
  LiaisonNetstatTable *table = g_new0 (LiaisonNetstatTable, 1);

  table->sockets = g_array_new (FALSE, FALSE, sizeof (LiaisonSocket));
  g_array_set_clear_func (table->sockets, clear_socket);
  return table;
}

void
liaison_netstat_table_free (LiaisonNetstatTable *table)
{
  if (table == NULL)
    return;

  g_clear_pointer (&table->sockets, g_array_unref);
  g_free (table);
}
