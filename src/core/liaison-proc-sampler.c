/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-proc-sampler"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <unistd.h>

#include "liaison-error.h"
#include "liaison-netstat-parser-private.h"

/* This host's socket table, read now from /proc the way `ss -tuanp` reads it:
 * the sockets from /proc/net, their processes from the `socket:[INODE]` links
 * in /proc/PID/fd. Neither ss nor netstat is needed. */

static const char * const socket_tables[] = {
  "/proc/net/tcp",
  "/proc/net/tcp6",
  "/proc/net/udp",
  "/proc/net/udp6",
};

/* The inode column (the tenth) of a /proc/net row; 0 when there is none. */
static guint64
row_inode (const char *line,
           gsize       len)
{
  guint field = 0;
  gsize i = 0;

  for (;;)
    {
      gsize start;
      guint64 inode = 0;

      while (i < len && g_ascii_isspace (line[i]))
        i++;
      if (i >= len)
        return 0;
      start = i;
      while (i < len && !g_ascii_isspace (line[i]))
        i++;

      if (field++ < 9)
        continue;

      for (gsize k = start; k < i; k++)
        {
          if (!g_ascii_isdigit (line[k]) || inode > G_MAXUINT64 / 10)
            return 0;
          inode = inode * 10 + (guint64) (line[k] - '0');
        }
      return inode;
    }
}

/* The inode of each socket of @table, parsed from @data, in the same order.
 * The parser adds sockets in line order, so one pass finds them all. */
static void
collect_inodes (const LiaisonNetstatTable *table,
                const char                *data,
                gsize                      length,
                GArray                    *inodes)
{
  const char *p = data;
  const char *end = data + length;
  guint line = 1;

  for (guint i = 0; i < table->sockets->len; i++)
    {
      const LiaisonSocket *socket = &g_array_index (table->sockets, LiaisonSocket, i);
      const char *newline;
      guint64 inode = 0;

      while (line < socket->line && p < end)
        {
          newline = memchr (p, '\n', end - p);
          p = newline != NULL ? newline + 1 : end;
          line++;
        }

      if (line == socket->line && p < end)
        {
          newline = memchr (p, '\n', end - p);
          inode = row_inode (p, (newline != NULL ? newline : end) - p);
        }

      g_array_append_val (inodes, inode);
    }
}

static char *
read_comm (const char *pid)
{
  g_autofree char *path = g_build_filename ("/proc", pid, "comm", NULL);
  g_autofree char *comm = NULL;

  if (!g_file_get_contents (path, &comm, NULL, NULL))
    return NULL;

  g_strchomp (comm);
  if (comm[0] == '\0' || !g_utf8_validate (comm, -1, NULL))
    return NULL;

  return g_steal_pointer (&comm);
}

/* Fills @owners (inode → process name, all %NULL on entry) from the file
 * descriptors of every process this user may look at. The first process
 * found owns a socket that several share, as in ss. */
static void
find_owners (GHashTable *owners)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  guint unknown = g_hash_table_size (owners);
  const char *pid;

  if (proc == NULL)
    return;

  while (unknown > 0 && (pid = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *fd_path = NULL;
      g_autofree char *comm = NULL;
      g_autoptr(GDir) fds = NULL;
      gboolean comm_read = FALSE;
      const char *fd;

      if (!g_ascii_isdigit (pid[0]) || strspn (pid, "0123456789") != strlen (pid))
        continue;

      fd_path = g_build_filename ("/proc", pid, "fd", NULL);
      fds = g_dir_open (fd_path, 0, NULL);
      if (fds == NULL)
        continue;

      while (unknown > 0 && (fd = g_dir_read_name (fds)) != NULL)
        {
          g_autofree char *link_path = g_build_filename (fd_path, fd, NULL);
          char target[64];
          ssize_t n;
          guint64 inode;
          char *inode_end = NULL;
          gpointer key;
          gpointer value;

          n = readlink (link_path, target, sizeof target - 1);
          if (n <= 0)
            continue;
          target[n] = '\0';

          if (!g_str_has_prefix (target, "socket:["))
            continue;
          inode = g_ascii_strtoull (target + strlen ("socket:["), &inode_end, 10);
          if (inode_end == NULL || strcmp (inode_end, "]") != 0)
            continue;

          if (!g_hash_table_lookup_extended (owners, &inode, &key, &value) || value != NULL)
            continue;

          if (!comm_read)
            {
              comm = read_comm (pid);
              comm_read = TRUE;
            }
          if (comm == NULL)
            break;

          /* The key belongs to the caller's array: no key is freed here. */
          g_hash_table_insert (owners, key, g_strdup (comm));
          unknown--;
        }
    }
}

/**
 * liaison_netstat_read_this_host:
 * @error: return location for an error
 *
 * Reads the socket table of this machine now, from /proc/net/tcp, tcp6, udp
 * and udp6, with the name of the process of each socket when this user may
 * see it (%NULL otherwise).
 *
 * Returns: (transfer full): the table, format %LIAISON_NETSTAT_FORMAT_THIS_HOST
 */
LiaisonNetstatTable *
liaison_netstat_read_this_host (GError **error)
{
  g_autoptr(LiaisonNetstatTable) table = NULL;
  g_autoptr(GArray) inodes = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(GHashTable) owners = NULL;
  guint tables_read = 0;

  table = liaison_netstat_table_new (0);
  table->format = LIAISON_NETSTAT_FORMAT_THIS_HOST;

  for (guint i = 0; i < G_N_ELEMENTS (socket_tables); i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(LiaisonNetstatTable) part = NULL;
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!g_file_get_contents (socket_tables[i], &contents, &length, &local_error))
        {
          /* No IPv6 on this machine: no tcp6 and udp6. */
          if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
            continue;
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_IO,
                       _("Could not read this host’s sockets: %s"), local_error->message);
          return NULL;
        }

      part = liaison_netstat_parse (socket_tables[i], contents, length, error);
      if (part == NULL)
        return NULL;
      tables_read++;

      collect_inodes (part, contents, length, inodes);
      /* The sockets of /proc/net carry no process name, so moving them
       * leaves nothing for @part to free twice. */
      g_array_append_vals (table->sockets, part->sockets->data, part->sockets->len);
      g_array_set_size (part->sockets, 0);
    }

  if (tables_read == 0)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_UNSUPPORTED,
                   _("This system has no socket tables in /proc/net"));
      return NULL;
    }

  owners = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  for (guint i = 0; i < inodes->len; i++)
    {
      guint64 *inode = &g_array_index (inodes, guint64, i);

      if (*inode != 0)
        g_hash_table_insert (owners, inode, NULL);
    }

  find_owners (owners);

  for (guint i = 0; i < table->sockets->len; i++)
    {
      LiaisonSocket *socket = &g_array_index (table->sockets, LiaisonSocket, i);
      guint64 inode = g_array_index (inodes, guint64, i);

      if (inode != 0)
        socket->process = g_strdup (g_hash_table_lookup (owners, &inode));
    }

  return g_steal_pointer (&table);
}
