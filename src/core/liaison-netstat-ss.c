/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-netstat-parser"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-netstat-private.h"

/* iproute2 `ss`: -tan, -tanp, -tunap, -tuanp, with or without the Netid
 * column, -e extras, -H (no header). ss is not translated. */

/* ss prints these for other socket types (-w, -x, -0, ...); they are not ours. */
static const char * const other_netids[] = {
  "raw", "u_str", "u_dgr", "u_seq", "nl", "p_raw", "p_dgr", "mptcp", "sctp",
  "tipc", "v_str", "v_dgr", "xdp", "icmp", "icmp6", "u_str_p", NULL
};

/* The first name of `users:(("name",pid=1,fd=3),("other",pid=2,fd=4))`. */
static Span
process_name (Span rest)
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

gboolean
netstat_ss_line (NetstatParser  *self,
                 const char     *line,
                 gsize           len,
                 GError        **error)
{
  Span f[NETSTAT_MAX_FIELDS];
  guint n;
  guint i = 0;
  Row row = { 0 };

  /* The second line of a socket with -i, -m or -e details. */
  if (line[0] == '\t')
    return TRUE;

  n = netstat_split_first (line, len, f, 7);

  if (span_eq (f[0], "Netid") || span_eq (f[0], "State"))
    {
      self->ss_netid = span_eq (f[0], "Netid");
      return TRUE;
    }

  /* ss -H: the first row says whether there is a Netid column. */
  if (!self->rows_seen)
    {
      gboolean netid;

      if (netstat_is_ss_row (f, MIN (n, NETSTAT_MAX_FIELDS), &netid))
        self->ss_netid = netid;
      self->rows_seen = TRUE;
    }

  if (self->ss_netid)
    {
      if (n < 6)
        return netstat_fail_columns (self, error, 6, n);

      if (span_eq (f[0], "tcp"))
        row.protocol = LIAISON_PROTOCOL_TCP;
      else if (span_eq (f[0], "udp"))
        row.protocol = LIAISON_PROTOCOL_UDP;
      else
        {
          for (guint k = 0; other_netids[k] != NULL; k++)
            if (span_eq (f[0], other_netids[k]))
              return TRUE;
          return netstat_fail_protocol (self, error, f[0]);
        }
      i = 1;
    }
  else
    {
      if (n < 5)
        return netstat_fail_columns (self, error, 5, n);
      /* ss -tan: without the Netid column every row is TCP. */
      row.protocol = LIAISON_PROTOCOL_TCP;
    }

  if (!netstat_lookup_state (STATE_WORDS_SS, f[i], &row.state))
    return netstat_fail_state (self, error, f[i]);

  row.local = f[i + 3];
  row.peer = f[i + 4];
  if (n > i + 5)
    row.process = process_name (netstat_rest_of_line (line, len, f[i + 5]));

  return netstat_add_row (self, &row, PORT_AFTER_COLON, error);
}
