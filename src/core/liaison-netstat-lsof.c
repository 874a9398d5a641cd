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

/* DEVICE: the socket's inode (Linux) or kernel address (macOS, `0x...`). */
static gboolean
device_key (Span     device,
            gboolean udp,
            guint64 *key)
{
  guint64 value = 0;
  gsize i = 0;
  gboolean hex = device.len > 2 && device.p[0] == '0' && device.p[1] == 'x';

  if (hex)
    i = 2;
  if (i >= device.len || device.len - i > (hex ? 15 : 18))
    return FALSE;
  for (; i < device.len; i++)
    {
      int digit = hex ? g_ascii_xdigit_value (device.p[i]) : g_ascii_digit_value (device.p[i]);

      if (digit < 0)
        return FALSE;
      value = value * (hex ? 16 : 10) + (guint64) digit;
    }
  *key = value * 2 + (udp ? 1 : 0);
  return TRUE;
}

/* Whether @key is new; remembers it. */
static gboolean
remember_socket (NetstatParser *self,
                 guint64        key)
{
  gsize mask;
  gsize i;

  if (self->lsof_seen_used * 2 >= self->lsof_seen_size)
    {
      guint64 *old = self->lsof_seen;
      gsize old_size = self->lsof_seen_size;

      self->lsof_seen_size = MAX (1024, old_size * 2);
      self->lsof_seen = g_new0 (guint64, self->lsof_seen_size);
      self->lsof_seen_used = 0;
      for (gsize k = 0; k < old_size; k++)
        if (old[k] != 0)
          remember_socket (self, old[k] - 1);
      g_free (old);
    }

  mask = self->lsof_seen_size - 1;
  for (i = (key * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> 20 & mask;
       self->lsof_seen[i] != 0; i = (i + 1) & mask)
    if (self->lsof_seen[i] == key + 1)
      return FALSE;
  self->lsof_seen[i] = key + 1;
  self->lsof_seen_used++;
  return TRUE;
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
  guint64 key;
  Row row = { 0 };

  n = netstat_split_first (line, len, f, 13);

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
  if (device_key (f[k + 1], row.protocol == LIAISON_PROTOCOL_UDP, &key) && !remember_socket (self, key))
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
