/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "netstat-test-utils.h"

/* What the tests of socket tables share: reading the captures of
 * tests/data/netstat, and a socket as one line of text to compare. */

char *
read_data (const char *name,
           gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "netstat", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

LiaisonNetstatTable *
parse_data (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  LiaisonNetstatTable *table;
  gsize length;

  contents = read_data (name, &length);
  table = liaison_netstat_parse (name, contents, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

/* One socket as text: "tcp 127.0.0.1:8080 -> 127.0.0.3:55007 counted [python3]". */
char *
socket_text (const LiaisonSocket *socket,
             gboolean             with_process)
{
  static const char * const kinds[] = { "listening", "counted", "ignored" };
  g_autofree char *local = liaison_address_dup_string (&socket->local);
  g_autofree char *peer = socket->peer.family != 0 ? liaison_address_dup_string (&socket->peer) : g_strdup ("-");

  return g_strdup_printf ("%s %s:%u -> %s:%u %s [%s]",
                          liaison_protocol_to_string (socket->protocol), local, socket->local_port,
                          peer, socket->peer_port, kinds[socket->kind],
                          with_process && socket->process != NULL ? socket->process : "");
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The sockets as sorted lines, for comparing two tables. */
char *
table_text (const LiaisonNetstatTable *table,
            gboolean                   with_process)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < table->sockets->len; i++)
    g_ptr_array_add (lines, socket_text (&g_array_index (table->sockets, LiaisonSocket, i), with_process));
  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (s, "%s\n", (const char *) g_ptr_array_index (lines, i));
  return g_string_free (s, FALSE);
}

