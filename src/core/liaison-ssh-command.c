/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-ssh-command"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "liaison-error.h"
#include "liaison-ssh-command.h"

/*
 * Sampling a host over SSH, one host at a time: the ssh command line, the
 * command the host runs, and what its answer says.
 *
 * ssh is the user's own OpenSSH client, so ~/.ssh/config, the agent, jump
 * hosts and known_hosts work as in a terminal. Some options come first and
 * cannot be overridden (ssh keeps the first value it reads of an option):
 * BatchMode=yes, so that ssh never asks for a password or a passphrase,
 * StrictHostKeyChecking=yes, so that it never accepts a host key it does
 * not know, and no RemoteCommand or forwardings of the user's config. The host comes after `--` and may not start with `-`, so
 * that it can never be read as an option (`-oProxyCommand=...`).
 *
 * The command the host runs is fixed text, never built from what a user
 * typed: it prints a marker line, the host's own name, and the socket table
 * of the first tool that works, with a marker line before it and one after.
 */

#define MARK "@@liaison:"

/* POSIX hosts: through `sh -c` whatever the login shell is (fish and tcsh
 * included): one line, no single quote, no backslash, no `!` inside. */
#define POSIX_START \
  "sh -c 'echo " MARK "host; hostname 2>/dev/null || uname -n; S=; T=; "
#define POSIX_SUDO \
  "if sudo -n true 2>/dev/null; then S=\"sudo -n\"; else echo " MARK "sudo-refused; fi; "
#define POSIX_TABLE \
  "if t=$($S ss -tunapH 2>/dev/null); then T=\"ss -tunapH\"; " \
  "elif t=$($S ss -tunap 2>/dev/null); then T=\"ss -tunap\"; " \
  "elif t=$($S netstat -tunap 2>/dev/null); then T=\"netstat -tunap\"; " \
  "elif [ -r /proc/net/tcp ]; then T=/proc/net; " \
  "t=$(for f in tcp tcp6 udp udp6; do if [ -r /proc/net/$f ]; then cat /proc/net/$f; fi; done); " \
  "elif t=$(netstat -an 2>/dev/null); then T=\"netstat -an\"; fi; " \
  "if [ -n \"$T\" ]; then echo \"" MARK "table $T\"; printf \"%s\\n\" \"$t\"; " \
  "else echo " MARK "none; fi; echo " MARK "end'"

static const char posix_command[] = POSIX_START POSIX_TABLE;
static const char posix_sudo_command[] = POSIX_START POSIX_SUDO POSIX_TABLE;

/* Windows OpenSSH: cmd.exe runs it as it is; PowerShell hands the quoted
 * text to cmd. Windows' netstat has no process names, only PIDs. */
static const char windows_command[] =
  "cmd /c \"echo " MARK "host & hostname & echo " MARK "table netstat -ano & netstat -ano & echo " MARK "end\"";

void
liaison_ssh_settings_clear (LiaisonSshSettings *settings)
{
  g_clear_pointer (&settings->program, g_free);
  g_clear_pointer (&settings->config_file, g_free);
  g_clear_pointer (&settings->options, g_strfreev);
}

static gboolean
has_control (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_iscntrl (*p))
      return TRUE;
  return FALSE;
}

/**
 * liaison_ssh_check_host:
 * @host: a host as ssh takes it: `[user@]name`, or a Host of ~/.ssh/config
 *
 * Refuses what ssh could read as something else than a host: an option
 * (`-oProxyCommand=...`), or a name with spaces or control characters.
 */
gboolean
liaison_ssh_check_host (const char  *host,
                        GError     **error)
{
  if (host == NULL || *host == '\0')
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID, _("a host name is empty"));
      return FALSE;
    }
  if (host[0] == '-')
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                   _("“%s” is not a host: a host may not start with “-”"), host);
      return FALSE;
    }
  if (has_control (host) || strpbrk (host, " \t") != NULL || !g_utf8_validate (host, -1, NULL))
    {
      g_autofree char *shown = g_strescape (host, NULL);

      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                   _("“%s” is not a host: a host has no spaces or control characters"), shown);
      return FALSE;
    }
  return TRUE;
}

/**
 * liaison_ssh_check_option:
 * @option: an option as `ssh -o` takes it: `Port=2222`, `ProxyJump bastion`
 */
gboolean
liaison_ssh_check_option (const char  *option,
                          GError     **error)
{
  if (option == NULL || *option == '\0' || option[0] == '-' || has_control (option) ||
      !g_utf8_validate (option, -1, NULL))
    {
      g_autofree char *shown = g_strescape (option != NULL ? option : "", NULL);

      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                   _("“%s” is not an ssh option: give it as ssh -o takes it, for example Port=2222"),
                   shown);
      return FALSE;
    }
  return TRUE;
}

/**
 * liaison_ssh_argv:
 * @settings: how to run ssh
 * @host: a host that liaison_ssh_check_host() accepts
 * @shell: the shell the host is taken to have
 *
 * Returns: (transfer full): the command line that samples @host
 */
GStrv
liaison_ssh_argv (const LiaisonSshSettings *settings,
                  const char               *host,
                  LiaisonSshShell           shell)
{
  g_autoptr(GStrvBuilder) argv = g_strv_builder_new ();
  const char *command;

  g_return_val_if_fail (settings != NULL, NULL);
  g_return_val_if_fail (liaison_ssh_check_host (host, NULL), NULL);

  g_strv_builder_add (argv, settings->program != NULL ? settings->program : "ssh");
  /* First, so that no option of the user or of ~/.ssh/config overrides them:
   * never a prompt, never an unknown host key, the fixed command and no
   * other, no forwarding that could fail or linger. */
  g_strv_builder_add_many (argv, "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
                           "-o", "RemoteCommand=none", "-o", "ClearAllForwardings=yes", NULL);
  if (settings->config_file != NULL)
    g_strv_builder_add_many (argv, "-F", settings->config_file, NULL);
  for (guint i = 0; settings->options != NULL && settings->options[i] != NULL; i++)
    g_strv_builder_add_many (argv, "-o", settings->options[i], NULL);
  /* After the user's, which win. */
  g_strv_builder_add_many (argv, "-o", "ConnectTimeout=10", "-T", "-n", "--", host, NULL);

  if (shell == LIAISON_SSH_SHELL_WINDOWS)
    command = windows_command;
  else
    command = settings->sudo ? posix_sudo_command : posix_command;
  g_strv_builder_add (argv, command);

  return g_strv_builder_end (argv);
}

void
liaison_ssh_output_free (LiaisonSshOutput *output)
{
  g_free (output->device);
  g_free (output->tool);
  g_clear_pointer (&output->table, g_bytes_unref);
  g_free (output);
}

/* Text from a host for a one-line message: valid UTF-8, no control
 * characters, at most 200 bytes. */
static char *
printable_line (const char *start,
                gsize       length)
{
  g_autofree char *valid = g_utf8_make_valid (start, length);
  GString *out = g_string_new (NULL);

  g_strstrip (valid);
  for (const char *p = valid; *p != '\0' && out->len < 200; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (out, g_unichar_iscntrl (c) ? ' ' : c);
    }
  return g_string_free (out, FALSE);
}

/* The lines of @bytes, without their line ends. */
static GPtrArray *
split_lines (GBytes *bytes)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  gsize length = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &length) : NULL;
  const char *end = data + length;

  for (const char *p = data; p != NULL && p < end;)
    {
      const char *newline = memchr (p, '\n', end - p);
      const char *stop = newline != NULL ? newline : end;

      g_ptr_array_add (lines, printable_line (p, stop - p));
      p = stop + 1;
    }
  return lines;
}

static const char *
find_line (GPtrArray  *lines,
           const char *needle)
{
  for (guint i = 0; i < lines->len; i++)
    if (strstr (g_ptr_array_index (lines, i), needle) != NULL)
      return g_ptr_array_index (lines, i);
  return NULL;
}

static const char *
first_line (GPtrArray *lines)
{
  for (guint i = 0; i < lines->len; i++)
    if (*(const char *) g_ptr_array_index (lines, i) != '\0')
      return g_ptr_array_index (lines, i);
  return NULL;
}

static const char *
last_line (GPtrArray *lines)
{
  for (guint i = lines->len; i > 0; i--)
    if (*(const char *) g_ptr_array_index (lines, i - 1) != '\0')
      return g_ptr_array_index (lines, i - 1);
  return NULL;
}

/* What ssh said, without its "ssh: " in front. */
static const char *
quoted (const char *line)
{
  return g_str_has_prefix (line, "ssh: ") ? line + 5 : line;
}

/* ssh itself failed (exit status 255): say which way, in words a user acts on. */
static void
set_ssh_error (const char  *host,
               GBytes      *err,
               int          status,
               GError     **error)
{
  static const char * const unreachable[] = {
    "Connection refused", "No route to host", "Network is unreachable",
    "Connection timed out", "Operation timed out",
  };
  static const char * const closed[] = {
    "Connection closed by", "Connection reset", "kex_exchange_identification",
  };
  g_autoptr(GPtrArray) lines = split_lines (err);
  const char *line;

  if ((line = find_line (lines, "Could not resolve hostname")) != NULL)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_IO,
                   _("%s: the host name does not resolve (%s)"), host, quoted (line));
      return;
    }
  if ((line = find_line (lines, "has changed and you have requested strict checking")) != NULL ||
      (find_line (lines, "REMOTE HOST IDENTIFICATION HAS CHANGED") != NULL &&
       (line = find_line (lines, "Host key verification failed")) != NULL))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_IO,
                   _("%s: the host key has changed since it was recorded in known_hosts; not connecting (%s)"),
                   host, quoted (line));
      return;
    }
  if ((line = find_line (lines, "host key is known for")) != NULL ||
      (line = find_line (lines, "Host key verification failed")) != NULL)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_IO,
                   _("%s: the host key is unknown; check it and add it to known_hosts, for example by logging in once with ssh (%s)"),
                   host, quoted (line));
      return;
    }
  if ((line = find_line (lines, "Permission denied")) != NULL)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_IO,
                   _("%s: the key was refused; Liaison logs in only with a key or the agent, never with a password (%s)"),
                   host, quoted (line));
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (unreachable); i++)
    if ((line = find_line (lines, unreachable[i])) != NULL)
      {
        g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_IO,
                     _("%s: unreachable (%s)"), host, quoted (line));
        return;
      }
  for (guint i = 0; i < G_N_ELEMENTS (closed); i++)
    if ((line = find_line (lines, closed[i])) != NULL)
      {
        g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_IO,
                     _("%s: the connection closed before the login (%s)"), host, quoted (line));
        return;
      }

  if ((line = last_line (lines)) != NULL)
    g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_IO, _("%s: ssh failed (%s)"), host, quoted (line));
  else
    g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_IO,
                 _("%s: ssh failed with exit status %d"), host, status);
}

/* The line of @data that starts at @p equals the marker @word (spaces and
 * a carriage return after it aside). */
static const char *
marker_end (const char *p,
            const char *end,
            const char *word)
{
  gsize n = strlen (MARK);
  gsize w = strlen (word);

  if ((gsize) (end - p) < n + w || memcmp (p, MARK, n) != 0 || memcmp (p + n, word, w) != 0)
    return NULL;
  return p + n + w;
}

static const char *
next_line (const char *p,
           const char *end)
{
  const char *newline = memchr (p, '\n', end - p);

  return newline != NULL ? newline + 1 : end;
}

/* The rest of the line after a marker, stripped. */
static char *
rest_of_line (const char *p,
              const char *end)
{
  const char *stop = memchr (p, '\n', end - p);

  return printable_line (p, (stop != NULL ? stop : end) - p);
}

/**
 * liaison_ssh_output_read:
 * @host: the host as it was given, for messages
 * @shell: the shell the command was written for
 * @out: what ssh printed on standard output
 * @err: what ssh printed on standard error
 * @status: ssh's exit status
 * @other_shell: (out): set when the host's shell did not run the command,
 *   so that the command for another shell may be tried
 * @error: return location for an error that says what went wrong with @host
 *
 * Returns: (transfer full) (nullable): the host's name and socket table
 */
LiaisonSshOutput *
liaison_ssh_output_read (const char       *host,
                         LiaisonSshShell   shell,
                         GBytes           *out,
                         GBytes           *err,
                         int               status,
                         gboolean         *other_shell,
                         GError          **error)
{
  g_autoptr(LiaisonSshOutput) output = g_new0 (LiaisonSshOutput, 1);
  gsize length = 0;
  const char *data = out != NULL ? g_bytes_get_data (out, &length) : NULL;
  const char *end = data + length;
  const char *p = data;
  const char *table_start = NULL;
  gboolean none = FALSE;

  *other_shell = FALSE;

  if (status == 255)
    {
      set_ssh_error (host, err, status, error);
      return NULL;
    }

  /* Whatever a login script printed comes before the first marker. */
  while (p != NULL && p < end && marker_end (p, end, "host") == NULL)
    p = next_line (p, end);
  if (p == NULL || p >= end)
    {
      g_autoptr(GPtrArray) err_lines = split_lines (err);
      g_autoptr(GPtrArray) out_lines = split_lines (out);
      const char *said = first_line (err_lines);

      if (said == NULL)
        said = first_line (out_lines);
      *other_shell = shell == LIAISON_SSH_SHELL_POSIX;
      if (said != NULL)
        g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_UNSUPPORTED,
                     _("%s: the host’s shell did not run the sampling command (%s)"), host, said);
      else
        g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_UNSUPPORTED,
                     _("%s: the host’s shell did not run the sampling command (exit status %d)"),
                     host, status);
      return NULL;
    }

  p = next_line (p, end);
  output->device = rest_of_line (p, end);
  p = next_line (p, end);

  for (; p < end && table_start == NULL && !none; p = next_line (p, end))
    {
      const char *rest;

      if (marker_end (p, end, "sudo-refused") != NULL)
        output->sudo_refused = TRUE;
      else if (marker_end (p, end, "none") != NULL)
        none = TRUE;
      else if ((rest = marker_end (p, end, "table ")) != NULL)
        {
          output->tool = rest_of_line (rest, end);
          table_start = next_line (p, end);
        }
    }

  if (none)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_UNSUPPORTED,
                   _("%s: no socket tool: none of ss, netstat and /proc/net works there"), host);
      return NULL;
    }

  /* The end marker: the table is whole. */
  for (const char *line = table_start; line != NULL && line < end; line = next_line (line, end))
    if (marker_end (line, end, "end") != NULL)
      {
        output->table = g_bytes_new (table_start, line - table_start);
        break;
      }

  if (output->table == NULL)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_IO,
                   _("%s: the answer ended before the socket table was whole (exit status %d)"),
                   host, status);
      return NULL;
    }

  if (output->device[0] == '\0')
    {
      g_free (output->device);
      output->device = g_strdup (host);
    }

  return g_steal_pointer (&output);
}
