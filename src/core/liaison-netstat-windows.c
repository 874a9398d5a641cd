/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-netstat-parser"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-netstat-private.h"

/* Windows `netstat -ano`, `-an`, `-anob`, in the language of the machine
 * (the title, the header and the state words are translated):
 *
 *   TCP    10.0.0.5:443    10.0.0.9:51512    ESTABLISHED    1234
 *
 * With -b the lines after a socket name its process, `[chrome.exe]`, after a
 * line with the service when the process is a service host (`  RpcSs`), or
 * say that it cannot be told ("Can not obtain ownership information", in
 * the machine's language). The PID column names no process by itself. */

static gboolean
is_row (const Span *f,
        guint       n)
{
  return span_eq (f[0], "TCP") || span_eq (f[0], "UDP") ||
         (n >= 3 && memchr (f[1].p, ':', f[1].len) != NULL && memchr (f[2].p, ':', f[2].len) != NULL);
}

/* A line that is not a socket: the title and the header before the rows,
 * or -b's lines about the socket before it. */
static void
read_owner_line (NetstatParser *self,
                 Span           trimmed,
                 guint          n)
{
  LiaisonSocket *socket;

  if (!self->have_last_socket)
    return;

  socket = &g_array_index (self->table->sockets, LiaisonSocket, self->last_socket);

  if (trimmed.len >= 2 && trimmed.p[0] == '[' && trimmed.p[trimmed.len - 1] == ']')
    {
      g_autofree char *name = g_strndup (trimmed.p + 1, trimmed.len - 2);

      g_clear_pointer (&socket->process, g_free);
      if (*name != '\0')
        socket->process = self->service != NULL
                            ? g_strdup_printf ("%s (%s)", name, self->service)
                            : g_steal_pointer (&name);
      self->have_last_socket = FALSE;
    }
  else if (n == 1 && self->service == NULL)
    self->service = g_strndup (trimmed.p, trimmed.len);
  else
    self->have_last_socket = FALSE;
}

gboolean
netstat_windows_line (NetstatParser  *self,
                      const char     *line,
                      gsize           len,
                      GError        **error)
{
  Span f[NETSTAT_MAX_FIELDS];
  guint n;
  Row row = { 0 };

  n = netstat_split_first (line, len, f, 5);

  if (!is_row (f, n))
    {
      read_owner_line (self, netstat_trim (line, len), n);
      return TRUE;
    }

  if (span_eq (f[0], "TCP"))
    {
      row.protocol = LIAISON_PROTOCOL_TCP;
      if (n < 4)
        return netstat_fail_columns (self, error, 4, n);
      if (!netstat_lookup_state (STATE_WORDS_WINDOWS, f[3], &row.state))
        return netstat_fail_state (self, error, f[3]);
    }
  else if (span_eq (f[0], "UDP"))
    {
      row.protocol = LIAISON_PROTOCOL_UDP;
      if (n < 3)
        return netstat_fail_columns (self, error, 3, n);
      row.state = STATE_NONE;
    }
  else
    return netstat_fail_protocol (self, error, f[0]);

  row.local = f[1];
  row.peer = f[2];

  if (!netstat_add_row (self, &row, PORT_AFTER_COLON, error))
    return FALSE;

  self->last_socket = self->table->sockets->len - 1;
  self->have_last_socket = TRUE;
  g_clear_pointer (&self->service, g_free);
  return TRUE;
}
