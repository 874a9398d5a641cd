/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-output-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gunixoutputstream.h>

#include "liaison-error.h"
#include "liaison-output-file.h"

/*
 * The temporary file is `.NAME.liaison-PID-XXXXXX` beside the target: hidden,
 * in the same file system (so the rename is atomic), and named after the
 * process that writes it, so that a later write to the same target can tell
 * a file left by a killed process (whose PID is gone) and remove it.
 *
 * A symbolic link at the target is followed, as `>` in a shell would: the
 * file it points to is replaced and the link stays. A new file is readable
 * by its owner only, like the database it comes from; an existing one keeps
 * its mode.
 */

#define MAX_LINKS 40

static gboolean
set_errno_error (GError     **error,
                 int          saved,
                 const char  *path,
                 gboolean     creating)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
               creating ? _("%s: cannot create the file: %s") : _("%s: cannot write the file: %s"),
               path, g_strerror (saved));
  return FALSE;
}

/* The file that writing to @path writes: @path with its symbolic links followed. */
static char *
resolve_target (const char  *path,
                GError     **error)
{
  g_autofree char *current = g_strdup (path);

  for (guint i = 0; i < MAX_LINKS; i++)
    {
      g_autofree char *link = NULL;
      g_autoptr(GError) link_error = NULL;

      link = g_file_read_link (current, &link_error);
      if (link == NULL)
        return g_steal_pointer (&current);

      if (g_path_is_absolute (link))
        {
          g_free (current);
          current = g_steal_pointer (&link);
        }
      else
        {
          g_autofree char *dir = g_path_get_dirname (current);

          g_free (current);
          current = g_build_filename (dir, link, NULL);
        }
    }

  return set_errno_error (error, ELOOP, path, TRUE), NULL;
}

/* Removes the temporary files for @base in @dir whose writers are gone. */
static void
remove_stale (const char *dir,
              const char *base)
{
  g_autofree char *prefix = g_strdup_printf (".%s.liaison-", base);
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;

  if (folder == NULL)
    return;

  while ((name = g_dir_read_name (folder)) != NULL)
    {
      const char *rest;
      char *end = NULL;
      gint64 pid;

      if (!g_str_has_prefix (name, prefix))
        continue;

      rest = name + strlen (prefix);
      pid = g_ascii_strtoll (rest, &end, 10);
      if (end == rest || *end != '-' || strlen (end + 1) != 6 || pid <= 0 || pid > G_MAXINT)
        continue;

      if (pid == getpid () || kill ((pid_t) pid, 0) == 0 || errno != ESRCH)
        continue;

      {
        g_autofree char *stale = g_build_filename (dir, name, NULL);

        g_unlink (stale);
      }
    }
}

/**
 * liaison_output_file_write:
 * @path: the file to write
 * @func: writes the content
 *
 * Calls @func with a stream to a temporary file beside @path, and renames
 * that file over @path when @func and the writes succeeded. On failure the
 * temporary file is removed and @path is as it was; an error of @func is
 * passed on as it is, others name @path.
 */
gboolean
liaison_output_file_write (const char        *path,
                           LiaisonOutputFunc  func,
                           gpointer           user_data,
                           GCancellable      *cancellable,
                           GError           **error)
{
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temp = NULL;
  g_autoptr(GOutputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  mode_t mode = 0600;
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  target = resolve_target (path, error);
  if (target == NULL)
    return FALSE;

  if (g_stat (target, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        return set_errno_error (error, EISDIR, path, TRUE);
      mode = st.st_mode & 07777;
    }

  dir = g_path_get_dirname (target);
  base = g_path_get_basename (target);
  remove_stale (dir, base);

  temp = g_strdup_printf ("%s%s.%s.liaison-%d-XXXXXX", dir, G_DIR_SEPARATOR_S, base, (int) getpid ());
  fd = g_mkstemp_full (temp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_errno_error (error, errno, path, TRUE);

  if (fchmod (fd, mode) != 0)
    {
      int saved = errno;

      close (fd);
      g_unlink (temp);
      return set_errno_error (error, saved, path, TRUE);
    }

  stream = g_unix_output_stream_new (fd, FALSE);
  if (!func (stream, user_data, cancellable, &local_error) ||
      !g_output_stream_flush (stream, cancellable, &local_error) ||
      fsync (fd) != 0)
    {
      int saved = errno;

      g_output_stream_close (stream, NULL, NULL);
      close (fd);
      g_unlink (temp);
      if (local_error == NULL)
        return set_errno_error (error, saved, path, FALSE);
      if (local_error->domain == LIAISON_ERROR ||
          g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, local_error->domain, local_error->code,
                     _("%s: cannot write the file: %s"), path, local_error->message);
      return FALSE;
    }

  g_output_stream_close (stream, NULL, NULL);
  if (close (fd) != 0)
    {
      int saved = errno;

      g_unlink (temp);
      return set_errno_error (error, saved, path, FALSE);
    }

  /* Cancelled after the last byte: still nothing written. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_unlink (temp);
      return FALSE;
    }

  if (g_rename (temp, target) != 0)
    {
      int saved = errno;

      g_unlink (temp);
      return set_errno_error (error, saved, path, FALSE);
    }

  return TRUE;
}
