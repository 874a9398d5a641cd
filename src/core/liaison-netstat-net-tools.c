/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-netstat-parser"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-netstat-private.h"

/* net-tools `netstat -tanp`, `-tunap`, with -e (User, Inode) and -o (Timer),
 * in the language of the machine: the title, the notes and the column
 * headers are translated, the state words too (liaison-netstat-states.c).
 * A row is read by its shape:
 *
 *   Proto Recv-Q Send-Q Local Foreign [State] [User Inode] [PID/Program] [Timer]
 *
 * where State may have a space (Czech "POSLEDNÍ ACK"), is empty for an
 * unconnected udp socket, Program may have spaces ("600/sshd: /usr/sbin"),
 * and Timer is one word and `(0.00/0/0)` in any language ("off (0.00/0/0)",
 * "vyp (0,71/2/0)", "オフ (0.00/0/0)"), so it never becomes part of a name. */

/* Past the digits at @i of @token (at least one): FALSE when there are none. */
static gboolean
skip_digits (Span   token,
             gsize *i)
{
  gsize start = *i;

  while (*i < token.len && g_ascii_isdigit (token.p[*i]))
    (*i)++;
  return *i > start;
}

/* `(0.00/0/0)`, `(0,71/2/0)`, `((0.00/0/0)`: -?D+[.,]D+ / -?D+ / -?D+ */
static gboolean
is_timer (Span token)
{
  gsize i = 0;

  while (i < token.len && token.p[i] == '(')
    i++;
  if (i == 0 || token.len < i + 6 || token.p[token.len - 1] != ')')
    return FALSE;

  for (guint part = 0; part < 3; part++)
    {
      if (token.p[i] == '-')
        i++;
      if (!skip_digits (token, &i))
        return FALSE;
      if (part == 0)
        {
          if (i >= token.len || (token.p[i] != '.' && token.p[i] != ','))
            return FALSE;
          i++;
          if (!skip_digits (token, &i))
            return FALSE;
        }
      if (part < 2)
        {
          if (i >= token.len || token.p[i] != '/')
            return FALSE;
          i++;
        }
    }
  return i == token.len - 1;
}

/* @rest without a trailing Timer column (its word and its numbers). */
static Span
strip_timer (Span rest)
{
  Span last;
  const char *word_end;

  if (rest.len == 0 || rest.p[rest.len - 1] != ')')
    return rest;

  last.p = rest.p + rest.len;
  while (last.p > rest.p && !is_space (last.p[-1]))
    last.p--;
  last.len = rest.p + rest.len - last.p;
  if (!is_timer (last))
    return rest;

  word_end = last.p;
  while (word_end > rest.p && is_space (word_end[-1]))
    word_end--;
  if (word_end == rest.p)
    return rest;
  while (word_end > rest.p && !is_space (word_end[-1]))
    word_end--;

  return netstat_trim (rest.p, word_end - rest.p);
}

/* An empty span may have no text at all: memchr() must not see it. */
static gboolean
has_slash (Span span)
{
  return span.len > 0 && memchr (span.p, '/', span.len) != NULL;
}

/* "1234/python3", "-" when netstat could not tell, "1279" (a PID alone),
 * "mongod" (a name alone) */
static Span
program_name (Span field)
{
  const char *slash;
  Span none = { NULL, 0 };

  if (field.len == 0 || span_eq (field, "-") || span_is_digits (field))
    return none;
  slash = memchr (field.p, '/', field.len);
  if (slash != NULL)
    return (Span) { slash + 1, field.p + field.len - slash - 1 };
  return field;
}

gboolean
netstat_net_tools_line (NetstatParser  *self,
                        const char     *line,
                        gsize           len,
                        GError        **error)
{
  Span f[NETSTAT_MAX_FIELDS];
  Span trimmed = netstat_trim (line, len);
  Span rest = { line + len, 0 };          /* no columns after the fifth */
  Span t[4];
  guint n;
  guint nt;
  guint skip = 0;
  gsize state_len;
  Row row = { 0 };

  /* "(Not all processes could be identified, ...)" and its like, in the
   * machine's language, over one or more lines */
  if (self->in_note || trimmed.p[0] == '(')
    {
      self->in_note = trimmed.p[trimmed.len - 1] != ')';
      return TRUE;
    }

  n = netstat_split_first (line, len, f, 6);

  /* The column header starts with "Proto" in every language. */
  if (span_eq (f[0], "Proto"))
    return TRUE;

  if (span_eq (f[0], "tcp") || span_eq (f[0], "tcp6"))
    row.protocol = LIAISON_PROTOCOL_TCP;
  else if (span_eq (f[0], "udp") || span_eq (f[0], "udp6"))
    row.protocol = LIAISON_PROTOCOL_UDP;
  else if (span_eq (f[0], "raw") || span_eq (f[0], "raw6") ||
           span_eq (f[0], "udpl") || span_eq (f[0], "udpl6"))
    return TRUE;
  else if (netstat_is_title_line (trimmed))
    {
      /* "Active Internet connections (servers and established)"; after the
       * rows, the title of the UNIX domain socket section */
      self->done = self->rows_seen;
      return TRUE;
    }
  else
    return netstat_fail_protocol (self, error, f[0]);

  self->rows_seen = TRUE;
  row.family_hint = f[0].p[f[0].len - 1] == '6' ? 6 : 4;

  if (row.protocol == LIAISON_PROTOCOL_TCP && n < 6)
    return netstat_fail_columns (self, error, 6, n);
  if (n < 5)
    return netstat_fail_columns (self, error, 5, n);

  row.local = f[3];
  row.peer = f[4];
  if (n > 5)
    rest = strip_timer (netstat_rest_of_line (line, len, f[5]));

  state_len = netstat_match_state (STATE_WORDS_NET_TOOLS, rest, &row.state);
  if (state_len == 0)
    {
      /* udp: a connected socket says ESTABLISHED, an unconnected one leaves
       * the column empty, so the next field is User or PID/Program name. */
      Span word = { rest.p, 0 };

      while (word.len < rest.len && !is_space (word.p[word.len]))
        word.len++;
      if (row.protocol == LIAISON_PROTOCOL_TCP ||
          (word.len > 0 && !g_ascii_isdigit (word.p[0]) && !span_eq (word, "-") && !has_slash (word)))
        return netstat_fail_state (self, error, word);
      row.state = STATE_NONE;
    }
  rest = netstat_trim (rest.p + state_len, rest.len - state_len);

  /* -e: User (a number with -n, else a name) and Inode before the program */
  nt = netstat_split_first (rest.p, rest.len, t, 3);
  if (nt >= 2 && span_is_digits (t[1]) &&
      (span_is_digits (t[0]) ||
       (!has_slash (t[0]) && !span_eq (t[0], "-") &&
        (nt == 2 || has_slash (t[2]) || span_eq (t[2], "-")))))
    skip = 2;
  if (skip > 0)
    rest = nt > skip ? netstat_rest_of_line (rest.p, rest.len, t[skip]) : (Span) { rest.p + rest.len, 0 };

  row.process = program_name (rest);

  return netstat_add_row (self, &row, PORT_AFTER_COLON, error);
}
