/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-cli"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "liaison-cli-private.h"
#include "liaison-error.h"
#include "liaison-store-server.h"

/*
 * liaison-cli (cli.md): the global options, the command table and what
 * every command reports through. A new group of commands is a file
 * liaison-cli-<group>.c with its rows of the table, and one line below.
 */

/* The command table, in the order of `liaison-cli --help`. */
static const LiaisonCliCommand * const command_groups[] = {
  liaison_cli_communications_commands,
  liaison_cli_import_commands,
  liaison_cli_sampling_commands,
  liaison_cli_statistics_commands,
  liaison_cli_map_commands,
};

static const char usage_start[] =
  /* Translators: the start of “liaison-cli --help”, before the lines of
   * the commands; the command names and option names stay as they are. */
  N_("Usage: liaison-cli [--database FILE] COMMAND [OPTIONS] [FILE...]\n"
  "\n"
  "Commands:\n");

static const char usage_end[] =
  /* Translators: the end of “liaison-cli --help”, after the lines of the
   * commands; the option names stay as they are. */
  N_("\n"
  "Options:\n"
  "  --database FILE  the database (default: $LIAISON_DATABASE, else\n"
  "                   $XDG_DATA_HOME/liaison/liaison.db)\n"
  "  --allow-shared   use a database that another user owns or others\n"
  "                   may write to\n"
  "  -h, --help       show this help\n"
  "  --version        show the version\n"
  "\n"
  "Run “liaison-cli COMMAND --help” for the options of a command.\n");

static const char *database_path;

/* One line on stderr, as liaison_error_printable() shows it: a newline
 * inside a message would break the "one line each" promise of cli.md, and
 * a value with terminal escapes (a file name, a field) must not reach the
 * terminal as such. */
void
liaison_cli_print_error (const char *format,
                         ...)
{
  g_autofree char *message = NULL;
  g_autofree char *shown = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  shown = liaison_error_printable (message, -1);
  fprintf (stderr, "liaison-cli: %s\n", shown);
}

/* Prints @error and returns the exit status it means. */
int
liaison_cli_fail (const GError *error)
{
  liaison_cli_print_error ("%s", error->message);

  if (liaison_error_is_bad_input (error) || error->domain == G_OPTION_ERROR)
    return LIAISON_CLI_STATUS_USAGE;
  return LIAISON_CLI_STATUS_FAILURE;
}

static int
usage_error_valist (const char *format,
                    va_list     args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  liaison_cli_print_error ("%s", message);
  return LIAISON_CLI_STATUS_USAGE;
}

int
liaison_cli_usage_error (const char *format,
                         ...)
{
  va_list args;
  int status;

  va_start (args, format);
  status = usage_error_valist (format, args);
  va_end (args);
  return status;
}

/* For a check that answers whether the command goes on: prints the usage
 * error, sets @status to its exit status and returns FALSE. */
gboolean
liaison_cli_stop_usage (int        *status,
                        const char *format,
                        ...)
{
  va_list args;

  va_start (args, format);
  *status = usage_error_valist (format, args);
  va_end (args);
  return FALSE;
}

/* Prints the @error of a stream to standard output and returns the exit
 * status it means: the core's own errors as they are, any other as a
 * failed write. */
int
liaison_cli_fail_stream (const GError *error)
{
  if (error->domain == LIAISON_ERROR)
    return liaison_cli_fail (error);
  liaison_cli_print_error (_("cannot write to standard output: %s"), error->message);
  return LIAISON_CLI_STATUS_FAILURE;
}

/* Ends a command that printed to stdout: a failed write is a failure too. */
int
liaison_cli_finish_stdout (int status)
{
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      int saved = errno;

      liaison_cli_print_error (_("cannot write to standard output: %s"), g_strerror (saved));
      return LIAISON_CLI_STATUS_FAILURE;
    }
  return status;
}

/* Text for a terminal: control characters would break the layout. */
char *
liaison_cli_printable (const char *text)
{
  GString *out = g_string_new (NULL);
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        g_string_append_c (out, '?');
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* The database of --database, else the default (cli.md); a connection
 * that crosses the network unencrypted is warned about (team.md 1). */
LiaisonStore *
liaison_cli_open_store (int *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStoreDescription) description = NULL;
  g_autofree char *warning = NULL;
  LiaisonStore *store = liaison_store_open (database_path, &error);

  if (store == NULL)
    {
      *status = liaison_cli_fail (error);
      return NULL;
    }
  description = liaison_store_describe (store);
  warning = liaison_store_description_warning (description);
  if (warning != NULL)
    /* TRANSLATORS: a warning on stderr before a command's output */
    liaison_cli_print_error (_("warning: %s"), warning);
  return store;
}

/* The same, for a command that writes: a role that may only read stops
 * here, before any work, with the privilege it lacks (team.md 3). */
LiaisonStore *
liaison_cli_open_store_to_write (int *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) store = liaison_cli_open_store (status);

  if (store != NULL && !liaison_store_check_writable (store, &error))
    {
      *status = liaison_cli_fail (error);
      return NULL;
    }
  return g_steal_pointer (&store);
}

static int
print_usage (void)
{
  fputs (_(usage_start), stdout);
  for (guint g = 0; g < G_N_ELEMENTS (command_groups); g++)
    for (const LiaisonCliCommand *command = command_groups[g]; command->name != NULL; command++)
      fputs (_(command->help), stdout);
  fputs (_(usage_end), stdout);
  return liaison_cli_finish_stdout (LIAISON_CLI_STATUS_OK);
}

static const LiaisonCliCommand *
find_command (const char *name)
{
  for (guint g = 0; g < G_N_ELEMENTS (command_groups); g++)
    for (const LiaisonCliCommand *command = command_groups[g]; command->name != NULL; command++)
      if (g_str_equal (name, command->name))
        return command;
  return NULL;
}

int
main (int    argc,
      char **argv)
{
  const LiaisonCliCommand *command;
  const char *localedir;
  int i;

  /* $LIAISON_LOCALEDIR: the translations of an uninstalled build (tests). */
  localedir = g_getenv ("LIAISON_LOCALEDIR");
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("liaison-cli");

  for (i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--database"))
        {
          if (i + 1 >= argc)
            return liaison_cli_usage_error (_("--database needs a FILE"));
          database_path = argv[++i];
        }
      else if (g_str_has_prefix (arg, "--database="))
        database_path = arg + strlen ("--database=");
      else if (g_str_equal (arg, "--allow-shared"))
        {
          /* The store reads it wherever a command opens the database. */
          g_setenv ("LIAISON_ALLOW_SHARED", "1", TRUE);
        }
      else if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        return print_usage ();
      else if (g_str_equal (arg, "--version"))
        {
          puts ("liaison-cli " PACKAGE_VERSION);
          return liaison_cli_finish_stdout (LIAISON_CLI_STATUS_OK);
        }
      else if (arg[0] == '-')
        return liaison_cli_usage_error (_("unknown option “%s” (see “liaison-cli --help”)"), arg);
      else
        break;
    }

  if (database_path != NULL && *database_path == '\0')
    return liaison_cli_usage_error (_("--database needs a FILE"));

  if (i >= argc)
    return liaison_cli_usage_error (_("a command is required (see “liaison-cli --help”)"));

  command = find_command (argv[i]);
  if (command == NULL)
    return liaison_cli_usage_error (_("unknown command “%s” (see “liaison-cli --help”)"), argv[i]);

  return command->run (command, argc - i, argv + i);
}
