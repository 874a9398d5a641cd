/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-netstat-parser"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-netstat-private.h"

/* FreeBSD and macOS `netstat -an`, `-anv`, `-Aan`, `-AanP`:
 *
 *   [Tcpcb | Socket Flowhash] Proto Recv-Q Send-Q Local Foreign (state) [-v columns]
 *
 * with Proto tcp4, tcp6, tcp46 (a dual-stack socket), udp4, udp6, udp46,
 * the port after the last dot (`10.0.0.5.443`, `::1.443`, `*.22`, `*.*`),
 * no state for udp, and with -v on macOS either a `pid` column or (macOS
 * 13 and later) a `process:pid` one whose name may have spaces. BSD netstat
 * is not translated, and cuts an address that does not fit its column
 * unless run with -W. */

static gboolean
is_protocol (Span             word,
             LiaisonProtocol *protocol,
             guint8          *family)
{
  if (span_eq (word, "tcp4") || span_eq (word, "udp4"))
    *family = 4;
  else if (span_eq (word, "tcp6") || span_eq (word, "udp6") ||
           span_eq (word, "tcp46") || span_eq (word, "udp46"))
    *family = 6;
  else
    return FALSE;
  *protocol = word.p[0] == 't' ? LIAISON_PROTOCOL_TCP : LIAISON_PROTOCOL_UDP;
  return TRUE;
}

static gsize
offset_of (const char *line,
           gsize       len,
           const char *word)
{
  const char *found = g_strstr_len (line, len, word);

  return found != NULL ? (gsize) (found - line) + 1 : 0;
}

/* The header: the columns before Proto, the width of the address columns,
 * and where -v's pid or process:pid is among the columns after (state). */
static void
read_header (NetstatParser *self,
             const char    *line,
             gsize          len,
             const Span    *f,
             guint          n)
{
  gsize local = offset_of (line, len, "Local Address");
  gsize foreign = offset_of (line, len, "Foreign Address");
  guint state = n;

  for (guint i = 0; i < n && i < 3; i++)
    if (span_eq (f[i], "Proto"))
      self->bsd_prefix = i;
  if (local > 0 && foreign > local)
    self->bsd_width = foreign - local - 1;

  for (guint i = 0; i < n; i++)
    {
      if (span_eq (f[i], "(state)"))
        state = i;
      else if (i > state && (span_eq (f[i], "pid") || span_eq (f[i], "process:pid")))
        {
          self->bsd_pid_column = i - state - 1;
          self->bsd_process_pid = span_eq (f[i], "process:pid");
          break;
        }
    }
}

/* macOS -v: `caddy:610`, `Helium Helper:5660`; from the columns after the
 * state, @first the one the header puts it in. */
static Span
process_of (const Span *f,
            guint       n,
            guint       first)
{
  Span none = { NULL, 0 };

  for (guint i = first; i < n; i++)
    {
      const char *colon = NULL;

      for (gsize k = f[i].len; k > 0; k--)
        if (f[i].p[k - 1] == ':')
          {
            colon = f[i].p + k - 1;
            break;
          }
      if (colon != NULL && colon + 1 < f[i].p + f[i].len &&
          span_is_digits ((Span) { colon + 1, f[i].p + f[i].len - colon - 1 }))
        return colon > f[first].p ? (Span) { f[first].p, colon - f[first].p } : none;
    }
  return none;
}

static gboolean
read_endpoint (NetstatParser  *self,
               Span            text,
               Endpoint       *out,
               GError        **error)
{
  if (self->bsd_width > 0 && text.len >= self->bsd_width &&
      netstat_parse_endpoint (text, PORT_AFTER_DOT, out) == ENDPOINT_BAD &&
      memchr (text.p, ':', text.len) != NULL)
    return netstat_fail_value (self, error, _("“%s” is cut short (netstat shortens addresses "
                                              "that do not fit): run netstat -W"), text);
  return netstat_read_endpoint (self, text, PORT_AFTER_DOT, out, error);
}

gboolean
netstat_bsd_line (NetstatParser  *self,
                  const char     *line,
                  gsize           len,
                  GError        **error)
{
  Span f[NETSTAT_MAX_FIELDS];
  guint n;
  guint i;
  guint after;
  LiaisonProtocol protocol = LIAISON_PROTOCOL_TCP;
  guint8 family = 0;
  SocketState state = STATE_NONE;
  Endpoint local;
  Endpoint peer;
  Span process = { NULL, 0 };

  /* what a row needs: the columns up to -v's process, whose name may have spaces */
  n = netstat_split_first (line, len, f, MIN (NETSTAT_MAX_FIELDS,
                                              self->bsd_prefix + 7 +
                                              (self->bsd_pid_column >= 0 ? self->bsd_pid_column + 4 : 0)));

  for (i = 0; i < 3 && i < n; i++)
    if (is_protocol (f[i], &protocol, &family))
      break;

  if (i == 3 || i == n)
    {
      Span trimmed = netstat_trim (line, len);

      if (g_strstr_len (line, len, "Proto") != NULL && !self->rows_seen)
        read_header (self, line, len, f,
                     MIN (netstat_split_fields (line, len, f, NETSTAT_MAX_FIELDS), NETSTAT_MAX_FIELDS));
      else if (span_has_prefix (trimmed, "Active ") || span_has_prefix (trimmed, "Registered "))
        self->done = self->rows_seen;
      else if (n > self->bsd_prefix + 4 && span_is_digits (f[self->bsd_prefix + 1]))
        return TRUE;    /* icm4, icm6 and other protocols that are not ours */
      else
        return netstat_fail_protocol (self, error, f[MIN (self->bsd_prefix, n - 1)]);
      return TRUE;
    }

  self->rows_seen = TRUE;
  if (n < i + 5 + (protocol == LIAISON_PROTOCOL_TCP))
    return netstat_fail_columns (self, error, i + 5 + (protocol == LIAISON_PROTOCOL_TCP), n);

  after = i + 5;
  if (protocol == LIAISON_PROTOCOL_TCP)
    {
      if (!netstat_lookup_state (STATE_WORDS_BSD, f[i + 5], &state))
        return netstat_fail_state (self, error, f[i + 5]);
      after++;
    }

  if (!read_endpoint (self, f[i + 3], &local, error) ||
      !read_endpoint (self, f[i + 4], &peer, error))
    return FALSE;

  if (self->bsd_process_pid && after + self->bsd_pid_column < n)
    process = process_of (f, n, after + self->bsd_pid_column);

  if (local.star)
    netstat_set_wildcard (&local.address, family);
  /* a udp socket with a peer is connected */
  if (protocol == LIAISON_PROTOCOL_UDP && !peer.star)
    state = STATE_ESTABLISHED;
  netstat_append_socket (self, &local.address, local.port, &peer.address, peer.port,
                         protocol, state, process);
  return TRUE;
}
