/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-netstat-parser"

#include "config.h"

#include "liaison-netstat-private.h"

/* statistics.md 3.1: the format is told from the content, and from the shape
 * of the table, not from English words: net-tools and Windows print their
 * titles and column headers in the language of the machine. A table is known
 * by its first row (the protocol column, the address forms); the lines before
 * it may be only what that tool prints before its rows. Where there is no row
 * at all, an English header still tells an empty table. */

#define MAX_PREAMBLE 8

static const char * const net_tools_protocols[] = {
  "tcp", "tcp6", "udp", "udp6", "raw", "raw6", "udpl", "udpl6", NULL
};

static const char * const bsd_protocols[] = {
  "tcp4", "tcp6", "tcp46", "udp4", "udp6", "udp46", NULL
};

static gboolean
span_in (Span               span,
         const char * const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (span_eq (span, words[i]))
      return TRUE;
  return FALSE;
}

/* `(servers and established)` ends every title line of net-tools, in every
 * language; BSD's and Windows' titles are checked by their position. */
gboolean
netstat_is_title_line (Span trimmed)
{
  return trimmed.len > 0 && trimmed.p[trimmed.len - 1] == ')' &&
         memchr (trimmed.p, '(', trimmed.len) != NULL;
}

/* Which separator comes last before the port: `10.0.0.1:22` / `::1:22` /
 * `0.0.0.0:*` or BSD's `10.0.0.1.22` / `::1.22` / `*.*`. */
PortSeparator
netstat_port_separator (Span endpoint)
{
  for (gsize i = endpoint.len; i > 0; i--)
    {
      if (endpoint.p[i - 1] == ':')
        return PORT_AFTER_COLON;
      if (endpoint.p[i - 1] == '.')
        return PORT_AFTER_DOT;
    }
  return PORT_AFTER_COLON;
}

gboolean
netstat_is_ss_row (const Span *f,
                   guint       n,
                   gboolean   *netid)
{
  SocketState state;

  if (n >= 5 && netstat_lookup_state (STATE_WORDS_SS, f[0], &state))
    {
      *netid = FALSE;
      return TRUE;
    }
  if (n >= 6 && (span_eq (f[0], "tcp") || span_eq (f[0], "udp")) &&
      netstat_lookup_state (STATE_WORDS_SS, f[1], &state))
    {
      *netid = TRUE;
      return TRUE;
    }
  return FALSE;
}

static gboolean
is_net_tools_row (const Span *f,
                  guint       n)
{
  return n >= 5 && span_in (f[0], net_tools_protocols) &&
         span_is_digits (f[1]) && span_is_digits (f[2]) &&
         netstat_port_separator (f[3]) == PORT_AFTER_COLON &&
         netstat_port_separator (f[4]) == PORT_AFTER_COLON;
}

static gboolean
is_bsd_row (const Span *f,
            guint       n)
{
  /* -A puts one (FreeBSD's Tcpcb) or two (macOS's Socket, Flowhash)
   * columns before Proto. */
  for (guint i = 0; i <= 2 && i + 5 <= n; i++)
    if (span_in (f[i], bsd_protocols))
      return span_is_digits (f[i + 1]) && span_is_digits (f[i + 2]) &&
             netstat_port_separator (f[i + 3]) == PORT_AFTER_DOT &&
             netstat_port_separator (f[i + 4]) == PORT_AFTER_DOT;
  return FALSE;
}

static gboolean
is_windows_row (const Span *f,
                guint       n)
{
  return n >= 3 && (span_eq (f[0], "TCP") || span_eq (f[0], "UDP")) &&
         memchr (f[1].p, ':', f[1].len) != NULL && memchr (f[2].p, ':', f[2].len) != NULL;
}

/* COMMAND PID [TID TASKCMD] USER FD TYPE DEVICE SIZE/OFF NODE NAME */
static gboolean
is_lsof_row (const Span *f,
             guint       n)
{
  for (guint k = 3; k <= 7 && k + 3 < n; k++)
    if ((span_eq (f[k], "IPv4") || span_eq (f[k], "IPv6")) &&
        (span_eq (f[k + 3], "TCP") || span_eq (f[k + 3], "UDP")))
      return span_is_digits (f[1]);
  return FALSE;
}

static gboolean
is_lsof_header (const Span *f,
                guint       n)
{
  return n >= 5 && span_eq (f[0], "COMMAND") && span_eq (f[1], "PID") &&
         n <= NETSTAT_MAX_FIELDS && span_eq (f[n - 1], "NAME");
}

/* `#TYPE ...`, or a header that names LocalAddress and LocalPort (quoted or
 * not, separated by commas or by semicolons as -UseCulture writes them). */
static gboolean
is_powershell_csv (Span trimmed)
{
  return span_has_prefix (trimmed, "#TYPE ") ||
         (g_strstr_len (trimmed.p, trimmed.len, "LocalAddress") != NULL &&
          g_strstr_len (trimmed.p, trimmed.len, "LocalPort") != NULL &&
          (memchr (trimmed.p, ',', trimmed.len) != NULL || memchr (trimmed.p, ';', trimmed.len) != NULL));
}

/* Only English headers and no row: an empty table of a tool that speaks
 * English, as before. */
static gboolean
detect_by_header (const Span           *f,
                  guint                 n,
                  Span                  trimmed,
                  LiaisonNetstatFormat *format)
{
  if (span_has_prefix (trimmed, "Active Connections") ||
      (n >= 2 && span_eq (f[0], "Proto") && span_eq (f[1], "Local")))
    *format = LIAISON_NETSTAT_FORMAT_WINDOWS;
  else if (n >= 2 && span_eq (f[0], "Proto") && span_eq (f[1], "Recv-Q") &&
           g_strstr_len (trimmed.p, trimmed.len, "(state)") != NULL)
    *format = LIAISON_NETSTAT_FORMAT_BSD;
  else if (span_has_prefix (trimmed, "Active Internet connections") ||
           span_has_prefix (trimmed, "(Not all processes") ||
           (n >= 2 && span_eq (f[0], "Proto") && span_eq (f[1], "Recv-Q")))
    *format = LIAISON_NETSTAT_FORMAT_NET_TOOLS;
  else
    return FALSE;
  return TRUE;
}

/**
 * netstat_detect:
 * @text: UTF-8 text (bytes beyond ASCII may be a code page's)
 * @format: (out): the format
 * @line: (out): when there is none, the first line that is not blank (0: the
 *   text is empty)
 *
 * Returns: whether @text is a socket table of a format Liaison reads
 */
gboolean
netstat_detect (const char           *text,
                gsize                 length,
                LiaisonNetstatFormat *format,
                guint                *line)
{
  const char *p = text;
  const char *end = text + length;
  guint number = 0;
  guint first = 0;
  guint before = 0;             /* non-blank lines before this one */
  gboolean net_tools_preamble = TRUE;
  gboolean in_note = FALSE;
  gboolean lsof_preamble = TRUE;
  gboolean header_known = FALSE;
  LiaisonNetstatFormat by_header = LIAISON_NETSTAT_FORMAT_SS;

  while (p < end)
    {
      const char *newline = memchr (p, '\n', end - p);
      gsize len = (newline != NULL ? newline : end) - p;
      const char *s = p;
      Span f[NETSTAT_MAX_FIELDS];
      Span trimmed;
      guint n;
      gboolean netid;

      p = newline != NULL ? newline + 1 : end;
      number++;

      trimmed = netstat_trim (s, len);
      if (trimmed.len == 0)
        continue;
      if (first == 0)
        first = number;
      n = netstat_split_fields (s, len, f, NETSTAT_MAX_FIELDS);

      if (before == 0)
        {
          if (trimmed.p[0] == '[' || trimmed.p[0] == '{' ||
              span_has_prefix (trimmed, "\xEF\xBB\xBF[") || span_has_prefix (trimmed, "\xEF\xBB\xBF{"))
            *format = LIAISON_NETSTAT_FORMAT_POWERSHELL_JSON;
          else if (is_powershell_csv (trimmed))
            *format = LIAISON_NETSTAT_FORMAT_POWERSHELL_CSV;
          else if (n >= 2 && ((span_eq (f[0], "Netid") && span_eq (f[1], "State")) ||
                              (span_eq (f[0], "State") && span_eq (f[1], "Recv-Q"))))
            *format = LIAISON_NETSTAT_FORMAT_SS;
          else if (netstat_is_ss_row (f, MIN (n, NETSTAT_MAX_FIELDS), &netid))
            *format = LIAISON_NETSTAT_FORMAT_SS;
          else if (n >= 2 && span_eq (f[0], "sl") && span_eq (f[1], "local_address"))
            *format = LIAISON_NETSTAT_FORMAT_PROC;
          else
            goto rows;
          return TRUE;
        }

    rows:
      n = MIN (n, NETSTAT_MAX_FIELDS);
      if (lsof_preamble && (is_lsof_header (f, n) || is_lsof_row (f, n)))
        {
          *format = LIAISON_NETSTAT_FORMAT_LSOF;
          return TRUE;
        }
      if (net_tools_preamble && is_net_tools_row (f, n))
        {
          *format = LIAISON_NETSTAT_FORMAT_NET_TOOLS;
          return TRUE;
        }
      if (before <= 2 && is_bsd_row (f, n))
        {
          *format = LIAISON_NETSTAT_FORMAT_BSD;
          return TRUE;
        }
      if (before <= 2 && is_windows_row (f, n))
        {
          *format = LIAISON_NETSTAT_FORMAT_WINDOWS;
          return TRUE;
        }

      /* Not a row: what may come before one? */
      if (!header_known)
        header_known = detect_by_header (f, n, trimmed, &by_header);
      lsof_preamble = lsof_preamble && (span_has_prefix (trimmed, "lsof: ") || is_space (s[0]));
      if (in_note)
        in_note = trimmed.p[trimmed.len - 1] != ')';
      else if (trimmed.p[0] == '(')
        in_note = trimmed.p[trimmed.len - 1] != ')';
      else if (!span_eq (f[0], "Proto") && !netstat_is_title_line (trimmed))
        net_tools_preamble = FALSE;

      if (++before >= MAX_PREAMBLE)
        break;
    }

  if (header_known)
    {
      *format = by_header;
      return TRUE;
    }

  *line = first;
  return FALSE;
}
