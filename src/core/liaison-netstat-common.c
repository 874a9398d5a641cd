/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-netstat-parser"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-netstat-private.h"

/* What every format family of the netstat parser uses: fields that point
 * into the text, messages that name the line and the value, endpoints, and
 * the classification of statistics.md 3.2. */

#define EXCERPT_LENGTH 80

/* ' ', \t, \v, \f, \r */
const guint8 netstat_blank[256] = {
  ['\t'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1, [' '] = 1,
};

/* The first @max fields only: how many there are of them. */
guint
netstat_split_first (const char *p,
                     gsize       len,
                     Span       *fields,
                     guint       max)
{
  const char *end = p + len;
  guint n = 0;

  while (n < max)
    {
      const char *start;

      while (p < end && is_space (*p))
        p++;
      if (p >= end)
        break;
      start = p;
      while (p < end && !is_space (*p))
        p++;
      fields[n].p = start;
      fields[n].len = p - start;
      n++;
    }

  return n;
}

/* All fields: the first @max stored, all counted. */
guint
netstat_split_fields (const char *p,
                      gsize       len,
                      Span        *fields,
                      guint       max)
{
  guint n = netstat_split_first (p, len, fields, max);
  Span rest;
  Span last;

  if (n < max)
    return n;
  rest = (Span) { fields[n - 1].p + fields[n - 1].len, p + len - (fields[n - 1].p + fields[n - 1].len) };
  while (netstat_split_first (rest.p, rest.len, &last, 1) == 1)
    {
      n++;
      rest = (Span) { last.p + last.len, rest.p + rest.len - (last.p + last.len) };
    }
  return n;
}

/* From @field to the end of the line, without trailing blanks. */
Span
netstat_rest_of_line (const char *line,
                      gsize       len,
                      Span        field)
{
  Span rest = { field.p, line + len - field.p };

  while (rest.len > 0 && is_space (rest.p[rest.len - 1]))
    rest.len--;
  return rest;
}

Span
netstat_trim (const char *p,
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

/* Decimal digits only, at most @max. */
gboolean
netstat_parse_uint (Span   text,
                    guint  max,
                    guint *out)
{
  guint64 value = 0;

  if (!span_is_digits (text))
    return FALSE;
  for (gsize i = 0; i < text.len; i++)
    {
      value = value * 10 + (guint) (text.p[i] - '0');
      if (value > max)
        return FALSE;
    }
  *out = (guint) value;
  return TRUE;
}

/* A value for a message: the whole of it when short, else its start, as
 * liaison_error_printable() shows it. The text has been checked to be
 * UTF-8, so the cut is made between characters. */
char *
netstat_excerpt (Span span)
{
  const char *cut;
  g_autofree char *shown = NULL;

  if (span.len <= EXCERPT_LENGTH)
    return liaison_error_printable (span.p, span.len);

  cut = g_utf8_find_prev_char (span.p, span.p + EXCERPT_LENGTH + 1);
  if (cut == NULL)
    cut = span.p;
  shown = liaison_error_printable (span.p, cut - span.p);
  return g_strconcat (shown, "…", NULL);
}

/* @format has one `%s`, for @value. */
gboolean
netstat_fail_value (NetstatParser  *self,
                    GError        **error,
                    const char     *format,
                    Span            value)
{
  g_autofree char *text = netstat_excerpt (value);

  return netstat_fail (self, error, format, text);
}

gboolean
netstat_fail_columns (NetstatParser  *self,
                      GError        **error,
                      guint           expected,
                      guint           found)
{
  return netstat_fail (self, error, _("expected %u columns, found %u"), expected, found);
}

gboolean
netstat_fail_state (NetstatParser  *self,
                    GError        **error,
                    Span            word)
{
  return netstat_fail_value (self, error, _("unknown state “%s”"), word);
}

gboolean
netstat_fail_protocol (NetstatParser  *self,
                       GError        **error,
                       Span            word)
{
  return netstat_fail_value (self, error, _("unknown protocol “%s”"), word);
}

static gsize
last_separator (Span          text,
                PortSeparator separator)
{
  char c = separator == PORT_AFTER_DOT ? '.' : ':';

  for (gsize i = text.len; i > 0; i--)
    if (text.p[i - 1] == c)
      return i;
  return 0;
}

/* `ADDRESS:PORT`: `10.0.0.1:22`, `[::1]:443`, `::1:443` (net-tools),
 * `*:22`, `0.0.0.0:*`, `127.0.0.53%lo:53`, `[fe80::1]%eth0:546`, `[fe80::1%4]:546`;
 * with PORT_AFTER_DOT the BSD forms `10.0.0.1.22`, `::1.443`, `*.22`, `*.*`. */
EndpointResult
netstat_parse_endpoint (Span           text,
                        PortSeparator  separator,
                        Endpoint      *out)
{
  const char *host = text.p;
  const char *port;
  const char *percent;
  gsize after = last_separator (text, separator);
  gsize host_len;
  gsize port_len;
  guint value = 0;

  memset (out, 0, sizeof *out);

  if (after == 0)
    return ENDPOINT_BAD;

  host_len = after - 1;
  port = text.p + after;
  port_len = text.len - after;

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
is_name (const char *p,
         gsize       len)
{
  gboolean letter = FALSE;

  if (len == 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      char c = p[i];

      if (g_ascii_isalpha (c))
        letter = TRUE;
      else if (!g_ascii_isdigit (c) && c != '-' && c != '.' && c != '_')
        return FALSE;
    }
  return letter;
}

/* `localhost:ssh`, `kbrazil-mac.attl.62979`, `40.77.18.167.https`: what a
 * tool prints without -n. */
static gboolean
names_instead_of_numbers (Span          text,
                          PortSeparator separator)
{
  gsize after = last_separator (text, separator);
  Span host;
  Span port;

  if (after == 0)
    return FALSE;
  host = (Span) { text.p, after - 1 };
  port = (Span) { text.p + after, text.len - after };

  if (host.len > 0 && host.p[0] == '[')
    return FALSE;
  if (is_name (port.p, port.len) && !g_ascii_isdigit (port.p[0]))
    return TRUE;
  return is_name (host.p, host.len);
}

gboolean
netstat_read_endpoint (NetstatParser  *self,
                       Span            text,
                       PortSeparator   separator,
                       Endpoint       *out,
                       GError        **error)
{
  switch (netstat_parse_endpoint (text, separator, out))
    {
    case ENDPOINT_OK:
      return TRUE;
    case ENDPOINT_BAD_PORT:
      return netstat_fail_value (self, error, _("port “%s” is not between 1 and 65535"), out->port_text);
    case ENDPOINT_BAD:
    default:
      if (names_instead_of_numbers (text, separator))
        {
          g_autofree char *value = netstat_excerpt (text);

          /* TRANSLATORS: the second %s is a command and its option, as "netstat -n" */
          return netstat_fail (self, error, _("“%s” is a name, not an address and port: "
                                              "run %s to print numbers"),
                               value, self->tool);
        }
      return netstat_fail_value (self, error, _("“%s” is not an address and port"), text);
    }
}

void
netstat_set_wildcard (LiaisonAddress *address,
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

void
netstat_append_socket (NetstatParser        *self,
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

gboolean
netstat_add_row (NetstatParser  *self,
                 const Row      *row,
                 PortSeparator   separator,
                 GError        **error)
{
  Endpoint local;
  Endpoint peer;

  if (!netstat_read_endpoint (self, row->local, separator, &local, error) ||
      !netstat_read_endpoint (self, row->peer, separator, &peer, error))
    return FALSE;

  /* `*` is a wildcard of the row's family. Without a hint from the row (tcp6,
   * a concrete address on the other side), it is ss's dual-stack `::`. */
  if (local.star)
    {
      guint8 family = row->family_hint;

      if (family == 0)
        family = peer.star ? 6 : peer.address.family;
      netstat_set_wildcard (&local.address, family);
    }

  netstat_append_socket (self, &local.address, local.port, &peer.address, peer.port,
                         row->protocol, row->state, row->process);
  return TRUE;
}
