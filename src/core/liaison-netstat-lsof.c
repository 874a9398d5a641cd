/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-netstat-parser"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-netstat-private.h"

/* `lsof -i -n -P` on Linux and macOS:
 *
 *   COMMAND  PID USER  FD  TYPE DEVICE SIZE/OFF NODE NAME
 *   python3 7102 root  4u  IPv4  86096      0t0  TCP 127.0.0.1:8080->127.0.0.3:55007 (ESTABLISHED)
 *   udpsrv  7195 root  3u  IPv4  86087      0t0  UDP 127.0.0.1:5514
 *
 * COMMAND is the process name, cut after 9 bytes, with every byte beyond
 * ASCII written `\xNN`. A socket open in several descriptors or processes is
 * printed once for each; its DEVICE (the socket) makes it one socket, the
 * first process's. lsof is not translated. */

/* `\xc3\x9cb` is "Üb"; a character cut by lsof's width is dropped. */
static Span
command_name (NetstatParser *self,
              Span           command)
{
  GString *s;
  const char *end;
  Span none = { NULL, 0 };

  if (memchr (command.p, '\\', command.len) == NULL)
    return command;

  if (self->scratch == NULL)
    self->scratch = g_string_new (NULL);
  s = self->scratch;
  g_string_truncate (s, 0);

  for (gsize i = 0; i < command.len; i++)
    {
      int high;
      int low;

      if (command.p[i] == '\\' && i + 3 < command.len && command.p[i + 1] == 'x' &&
          (high = g_ascii_xdigit_value (command.p[i + 2])) >= 0 &&
          (low = g_ascii_xdigit_value (command.p[i + 3])) >= 0)
        {
          g_string_append_c (s, (char) (high * 16 + low));
          i += 3;
        }
      else
        g_string_append_c (s, command.p[i]);
    }

  /* Cut the part of a character that lsof's width left. */
  while (!g_utf8_validate_len (s->str, s->len, &end))
    {
      if (g_utf8_get_char_validated (end, s->str + s->len - end) != (gunichar) -2)
        return command;         /* not UTF-8: keep lsof's own spelling */
      g_string_truncate (s, end - s->str);
    }

  return s->len > 0 ? (Span) { s->str, s->len } : none;
}

gboolean
netstat_lsof_line (NetstatParser  *self,
                   const char     *line,
                   gsize           len,
                   GError        **error)
{
  Span f[NETSTAT_MAX_FIELDS];
  guint n;
  guint k;
  Span name;
  Span state_word = { NULL, 0 };
  const char *arrow;
  g_autofree char *device = NULL;
  Row row = { 0 };

  n = MIN (netstat_split_fields (line, len, f, NETSTAT_MAX_FIELDS), NETSTAT_MAX_FIELDS);

  if (span_eq (f[0], "COMMAND") ||
      (!self->rows_seen && (span_has_prefix (f[0], "lsof:") || is_space (line[0]))))
    return TRUE;

  for (k = 3; k <= 7 && k + 3 < n; k++)
    if (span_eq (f[k], "IPv4") || span_eq (f[k], "IPv6"))
      break;
  if (k > 7 || k + 3 >= n)
    return netstat_fail_columns (self, error, 9, n);
  self->rows_seen = TRUE;

  if (span_eq (f[k + 3], "TCP"))
    row.protocol = LIAISON_PROTOCOL_TCP;
  else if (span_eq (f[k + 3], "UDP"))
    row.protocol = LIAISON_PROTOCOL_UDP;
  else
    return netstat_fail_protocol (self, error, f[k + 3]);
  row.family_hint = f[k].p[3] == '4' ? 4 : 6;

  if (n < k + 5)
    return netstat_fail_columns (self, error, k + 5, n);

  /* One socket, one row. */
  device = g_strdup_printf ("%.*s %.*s", (int) f[k + 1].len, f[k + 1].p, (int) f[k + 3].len, f[k + 3].p);
  if (self->lsof_devices == NULL)
    self->lsof_devices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!g_hash_table_add (self->lsof_devices, g_steal_pointer (&device)))
    return TRUE;

  /* NAME: LOCAL[->PEER] [(STATE)] */
  name = f[k + 4];
  if (n > k + 5)
    {
      state_word = f[k + 5];
      if (state_word.len < 3 || state_word.p[0] != '(' || state_word.p[state_word.len - 1] != ')')
        return netstat_fail_value (self, error, _("“%s” is not an address and port"),
                                   netstat_rest_of_line (line, len, f[k + 4]));
      state_word.p++;
      state_word.len -= 2;
      if (!netstat_lookup_state (STATE_WORDS_LSOF, state_word, &row.state))
        return netstat_fail_state (self, error, state_word);
    }

  arrow = g_strstr_len (name.p, name.len, "->");
  if (arrow != NULL)
    {
      row.local = (Span) { name.p, arrow - name.p };
      row.peer = (Span) { arrow + 2, name.p + name.len - arrow - 2 };
      /* a UDP socket with a peer is connected */
      if (row.protocol == LIAISON_PROTOCOL_UDP && row.state == STATE_NONE)
        row.state = STATE_ESTABLISHED;
    }
  else
    {
      row.local = name;
      row.peer = (Span) { "*:*", 3 };
    }

  row.process = command_name (self, f[0]);
  return netstat_add_row (self, &row, PORT_AFTER_COLON, error);
}
