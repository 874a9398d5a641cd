/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-netflow-parser"
#define _GNU_SOURCE /* F_SETPIPE_SZ */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <gio/gio.h>
#include <gio/gunixinputstream.h>

#include "liaison-netflow-private.h"

/*
 * nfcapd binary files (NetFlow v5/v9, IPFIX, sFlow as nfcapd and sfcapd
 * store them), read through the nfdump program: it prints one row a record
 * (milliseconds, full IPv6 addresses, UTC), which the nfdump room reads.
 * Positions in messages are record numbers (`FILE: record 4: ...`), not
 * lines of nfdump's output, which the user never sees. A file with no usable
 * record covers the window of its own first-seen time, from its stat
 * record (`nfdump -I`), never the file's modification time.
 */

/* What nfdump prints for an nfcapd file: milliseconds and full IPv6
 * addresses; the start as seconds since 1970, which nfdump prints in less
 * time than a date (liaison-netflow-nfdump.c). */
#define NFDUMP_FORMAT "fmt:%tsr,%te,%sa,%da,%sp,%dp,%pr"

/* The pipe from nfdump: 1 MiB, the most Linux gives a user by default. */
#define PIPE_ROOM (1024 * 1024)

/* nfdump's output buffer when it writes its rows into the pipe (see
 * spawn_nfdump()): a quarter of the pipe. 64 KiB was slower; 1 MiB the
 * same. */
#define STDIO_ROOM "256K"

/* The first line nfdump wrote to stderr, for a message. */
static char *
first_line (GBytes *bytes)
{
  gsize len = 0;
  const char *text = bytes ? g_bytes_get_data (bytes, &len) : NULL;
  const char *newline;

  if (text == NULL)
    return g_strdup ("");
  while (len > 0 && g_ascii_isspace (*text))
    {
      text++;
      len--;
    }
  newline = memchr (text, '\n', len);
  if (newline != NULL)
    len = newline - text;
  while (len > 0 && g_ascii_isspace (text[len - 1]))
    len--;
  return flow_quote (text, len);
}

/* coreutils' stdbuf, when it starts @nfdump here with a larger buffer (it
 * needs a library of its own, which some systems lack); NULL otherwise.
 * Tried once a process (about 2 ms). */
static const char *
working_stdbuf (const char *nfdump)
{
  static char *stdbuf;
  static gsize tried;

  if (g_once_init_enter (&tried))
    {
      g_autofree char *path = g_find_program_in_path ("stdbuf");
      int status = 0;

      if (path != NULL)
        {
          const char *argv[] = { path, "-o" STDIO_ROOM, nfdump, "-V", NULL };

          if (g_spawn_sync (NULL, (char **) argv, NULL,
                            G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                            NULL, NULL, NULL, NULL, &status, NULL) &&
              g_spawn_check_wait_status (status, NULL))
            stdbuf = g_steal_pointer (&path);
        }
      g_once_init_leave (&tried, 1);
    }
  return stdbuf;
}

/* Starts nfdump with @args and `-r @path`, its messages to @stderr_fd
 * (taken) or to a pipe when it is -1. With @streamed, it writes its
 * output in large pieces. */
static GSubprocess *
spawn_nfdump (const char          *path,
              const char          *display_name,
              const char * const  *args,
              GSubprocessFlags     flags,
              int                  stderr_fd,
              gboolean             streamed,
              GError             **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *program = g_find_program_in_path (NFDUMP_PROGRAM);
  const char *stdbuf;
  GSubprocess *process;

  if (program == NULL)
    {
      if (stderr_fd >= 0)
        close (stderr_fd);
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_UNSUPPORTED,
                   _("%s: is an nfcapd file; reading it needs the nfdump program, which is not installed"),
                   display_name);
      return NULL;
    }

  /* nfdump prints through stdio, whose buffer for a pipe is 4 KiB: 36,000
   * writes for a million records, each waking the reader. coreutils'
   * stdbuf starts it with a larger buffer (nfdump into `cat`: a quarter
   * less processor time); without a stdbuf that works, nfdump runs as it
   * is. */
  if (streamed && (stdbuf = working_stdbuf (program)) != NULL)
    {
      g_ptr_array_add (argv, (gpointer) stdbuf);
      g_ptr_array_add (argv, "-o" STDIO_ROOM);
    }
  g_ptr_array_add (argv, program);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, "-r");
  g_ptr_array_add (argv, (gpointer) path);
  g_ptr_array_add (argv, NULL);

  /* TZ=UTC makes nfdump print UTC, whatever the zone of this machine. */
  launcher = g_subprocess_launcher_new (flags | (stderr_fd < 0 ? G_SUBPROCESS_FLAGS_STDERR_PIPE : 0));
  g_subprocess_launcher_setenv (launcher, "TZ", "UTC", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C", TRUE);
  if (stderr_fd >= 0)
    g_subprocess_launcher_take_stderr_fd (launcher, stderr_fd);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &local_error);
  if (process == NULL)
    g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_IO,
                 _("%s: could not run nfdump: %s"), display_name, local_error->message);
  return process;
}

/* Whether nfdump ended well; else the error, with its first message. */
static gboolean
check_exit (GSubprocess  *process,
            const char   *display_name,
            GBytes       *err,
            GError      **error)
{
  g_autofree char *message = NULL;

  if (g_subprocess_get_if_exited (process) && g_subprocess_get_exit_status (process) == 0)
    return TRUE;

  message = first_line (err);
  g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
               _("%s: nfdump failed: %s"), display_name,
               *message ? message : _("no message"));
  return FALSE;
}

/* Runs nfdump with @args on @path; its output, or NULL. */
static GBytes *
run_nfdump (const char          *path,
            const char          *display_name,
            const char * const  *args,
            GBytes             **err,
            GError             **error)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) local_error = NULL;
  GBytes *out = NULL;

  process = spawn_nfdump (path, display_name, args, G_SUBPROCESS_FLAGS_STDOUT_PIPE, -1, FALSE, error);
  if (process == NULL)
    return NULL;
  if (!g_subprocess_communicate (process, NULL, NULL, &out, err, &local_error))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_IO,
                   _("%s: could not run nfdump: %s"), display_name, local_error->message);
      g_clear_pointer (&out, g_bytes_unref);
      return NULL;
    }

  if (!check_exit (process, display_name, *err, error))
    {
      g_clear_pointer (&out, g_bytes_unref);
      return NULL;
    }
  return out;
}

/* The value of `NAME: value` in nfdump -I's output, or -1. */
static gint64
stat_value (const char *text,
            const char *name)
{
  g_autofree char *key = g_strconcat ("\n", name, ": ", NULL);
  g_autofree char *at_start = g_strconcat (name, ": ", NULL);
  const char *p;
  char *end;
  gint64 value;

  if (g_str_has_prefix (text, at_start))
    p = text + strlen (at_start);
  else if ((p = strstr (text, key)) != NULL)
    p += strlen (key);
  else
    return -1;

  value = g_ascii_strtoll (p, &end, 10);
  return end == p || value < 0 ? -1 : value;
}

/* The first-seen time of the file's stat record, left NONE when it has none. */
static gboolean
read_first_seen (const char   *path,
                 const char   *display_name,
                 LiaisonTime  *first_seen,
                 GError      **error)
{
  static const char * const args[] = { "-I", NULL };
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autofree char *text = NULL;
  gint64 seconds, millis;

  out = run_nfdump (path, display_name, args, &err, error);
  if (out == NULL)
    return FALSE;

  text = g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
  seconds = stat_value (text, "First");
  millis = stat_value (text, "msec_first");
  /* A time before 1990 is an exporter's clock that was never set, as for
   * records (statistics.md 4.1): it tells no window. */
  if (seconds > 0 && seconds * 1000 >= FLOW_EPOCH_1990)
    *first_seen = seconds * 1000 + MAX (millis, 0);
  return TRUE;
}

/* The start of what nfdump wrote to @fd (a file), at most 4 KiB. */
static GBytes *
read_stderr (int fd)
{
  char buf[4096];
  gssize n = pread (fd, buf, sizeof buf, 0);

  return g_bytes_new (buf, n > 0 ? (gsize) n : 0);
}

/* Runs nfdump on @path and parses its rows as it writes them: the rows of
 * a big file are read while nfdump still decodes the rest. */
static gboolean
stream_nfdump (const char   *path,
               const char   *display_name,
               GCancellable *cancellable,
               FlowParser   *parser,
               GBytes      **err,
               GError      **error)
{
  /* -q: no header and no summary; -6: IPv6 addresses in full. */
  static const char * const args[] = { "-q", "-6", "-o", NFDUMP_FORMAT, NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *err_path = NULL;
  GInputStream *stdout_pipe;
  gboolean ok;
  int err_fd;

  /* Its messages go to a file of their own: a pipe nobody reads while the
   * rows are read could fill and stop nfdump. */
  err_fd = g_file_open_tmp ("liaison-nfdump-XXXXXX", &err_path, &local_error);
  if (err_fd < 0)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_IO,
                   _("%s: could not run nfdump: %s"), display_name, local_error->message);
      return FALSE;
    }
  g_unlink (err_path);

  process = spawn_nfdump (path, display_name, args, G_SUBPROCESS_FLAGS_STDOUT_PIPE, dup (err_fd), TRUE, error);
  if (process == NULL)
    {
      close (err_fd);
      return FALSE;
    }

  /* Room in the pipe for what nfdump writes while the rows before are
   * parsed, so that they are read in batches (liaison-netflow-parser.c).
   * Without it (a system that allows less), the rows are read as before. */
  stdout_pipe = g_subprocess_get_stdout_pipe (process);
#ifdef F_SETPIPE_SZ
  if (G_IS_UNIX_INPUT_STREAM (stdout_pipe))
    (void) fcntl (g_unix_input_stream_get_fd (G_UNIX_INPUT_STREAM (stdout_pipe)), F_SETPIPE_SZ, PIPE_ROOM);
#endif

  ok = flow_read_stream (parser, stdout_pipe, 0, cancellable, error);
  if (!ok)
    g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, NULL);
  *err = read_stderr (err_fd);
  close (err_fd);
  return ok && check_exit (process, display_name, *err, error);
}

LiaisonFlowFile *
flow_read_nfcapd (const char                    *path,
                  const char                    *display_name,
                  const LiaisonFlowReadOptions  *options,
                  GError                       **error)
{
  g_autoptr(GBytes) err = NULL;
  g_autoptr(LiaisonFlowFile) file = flow_file_new (options);
  FlowParser parser;
  gboolean ok;

  file->format = LIAISON_NETFLOW_FORMAT_NFCAPD;

  memset (&parser, 0, sizeof parser);
  parser.file_name = display_name;
  parser.strict = options != NULL && options->strict;
  parser.by_record = TRUE;
  parser.file = file;
  flow_nfdump_begin_rows (&parser);

  ok = stream_nfdump (path, display_name, options != NULL ? options->cancellable : NULL, &parser, &err, error);
  if (parser.free_state != NULL)
    parser.free_state (parser.state);
  if (!ok)
    return NULL;

  /* The records grew by doubling as they came: an import holds several
   * files' records at once, so they keep only the room they fill. */
  if (file->flows->len > 0)
    {
      GArray *exact = g_array_sized_new (FALSE, FALSE, sizeof (LiaisonFlow), file->flows->len);

      g_array_append_vals (exact, file->flows->data, file->flows->len);
      g_array_unref (file->flows);
      file->flows = exact;
    }

  /* nfdump reports some unreadable files on stderr only. */
  if (parser.line == 0 && err != NULL && g_bytes_get_size (err) > 0)
    {
      g_autofree char *message = first_line (err);

      if (*message)
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                       _("%s: nfdump failed: %s"), display_name, message);
          return NULL;
        }
    }

  if (liaison_flow_file_count (file) == 0 && !read_first_seen (path, display_name, &file->first_seen, error))
    return NULL;

  return g_steal_pointer (&file);
}
