/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-netflow-parser"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include <gio/gio.h>

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

/* What nfdump prints for an nfcapd file: milliseconds and full IPv6 addresses. */
#define NFDUMP_FORMAT "fmt:%ts,%te,%sa,%da,%sp,%dp,%pr"

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

/* Runs nfdump with @args on @path; its output, or NULL. */
static GBytes *
run_nfdump (const char          *path,
            const char          *display_name,
            const char * const  *args,
            GBytes             **err,
            GError             **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *program = g_find_program_in_path (NFDUMP_PROGRAM);
  GBytes *out = NULL;

  if (program == NULL)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_UNSUPPORTED,
                   _("%s: is an nfcapd file; reading it needs the nfdump program, which is not installed"),
                   display_name);
      return NULL;
    }

  g_ptr_array_add (argv, program);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, "-r");
  g_ptr_array_add (argv, (gpointer) path);
  g_ptr_array_add (argv, NULL);

  /* TZ=UTC makes nfdump print UTC, whatever the zone of this machine. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "TZ", "UTC", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &local_error);
  if (process == NULL ||
      !g_subprocess_communicate (process, NULL, NULL, &out, err, &local_error))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_IO,
                   _("%s: could not run nfdump: %s"), display_name, local_error->message);
      g_clear_pointer (&out, g_bytes_unref);
      return NULL;
    }

  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    {
      g_autofree char *message = first_line (*err);

      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                   _("%s: nfdump failed: %s"), display_name,
                   *message ? message : _("no message"));
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

LiaisonFlowFile *
flow_read_nfcapd (const char                    *path,
                  const char                    *display_name,
                  const LiaisonFlowReadOptions  *options,
                  GError                       **error)
{
  /* -q: no header and no summary; -6: IPv6 addresses in full. */
  static const char * const args[] = { "-q", "-6", "-o", NFDUMP_FORMAT, NULL };
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(LiaisonFlowFile) file = g_new0 (LiaisonFlowFile, 1);
  FlowParser parser;
  const char *data;
  gsize length;
  gboolean ok;

  out = run_nfdump (path, display_name, args, &err, error);
  if (out == NULL)
    return NULL;

  file->flows = g_array_new (FALSE, FALSE, sizeof (LiaisonFlow));
  file->format = LIAISON_NETFLOW_FORMAT_NFCAPD;
  file->earliest_start = LIAISON_TIME_NONE;
  file->latest_start = LIAISON_TIME_NONE;
  file->first_seen = LIAISON_TIME_NONE;

  memset (&parser, 0, sizeof parser);
  parser.file_name = display_name;
  parser.strict = options != NULL && options->strict;
  parser.by_record = TRUE;
  parser.file = file;
  flow_nfdump_begin_rows (&parser);

  data = g_bytes_get_data (out, &length);
  ok = flow_read_text (&parser, data, length, error);
  if (parser.free_state != NULL)
    parser.free_state (parser.state);
  if (!ok)
    return NULL;

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

  if (file->flows->len == 0 && !read_first_seen (path, display_name, &file->first_seen, error))
    return NULL;

  return g_steal_pointer (&file);
}
