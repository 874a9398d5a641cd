/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "liaison-cli-private.h"

/*
 * The options of one command: its own entries, then the shared ones its row
 * of the command table names, in one GOptionContext; the values of the
 * shared ones are checked here, once for every command that takes them.
 */

static const struct {
  LiaisonCliFormat  format;
  const char       *name;
} format_names[] = {
  { LIAISON_CLI_FORMAT_TEXT, "text" },
  { LIAISON_CLI_FORMAT_CSV, "csv" },
  { LIAISON_CLI_FORMAT_JSON, "json" },
};

void
liaison_cli_options_clear (LiaisonCliOptions *options)
{
  g_clear_pointer (&options->output, g_free);
  g_clear_pointer (&options->format_text, g_free);
}

/* After the command's own entries, so that its --help lists them last. */
static void
add_shared_entries (GOptionContext          *context,
                    const LiaisonCliCommand *command,
                    LiaisonCliOptions       *options)
{
  const GOptionEntry format_entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &options->format_text,
      command->formats != NULL ? command->formats->description : NULL, N_("FORMAT") },
    { NULL }
  };
  const GOptionEntry local_time_entries[] = {
    { "local-time", 0, 0, G_OPTION_ARG_NONE, &options->local_time,
      N_("Times without an offset are local time, not UTC"), NULL },
    { NULL }
  };
  const GOptionEntry output_entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options->output,
      N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };

  if (command->formats != NULL)
    g_option_context_add_main_entries (context, format_entries, GETTEXT_PACKAGE);
  if (command->options & LIAISON_CLI_OPTION_LOCAL_TIME)
    g_option_context_add_main_entries (context, local_time_entries, GETTEXT_PACKAGE);
  if (command->options & LIAISON_CLI_OPTION_OUTPUT)
    g_option_context_add_main_entries (context, output_entries, GETTEXT_PACKAGE);
}

static gboolean
check_format (const LiaisonCliCommand *command,
              LiaisonCliOptions       *options,
              int                     *status)
{
  const LiaisonCliFormats *formats = command->formats;

  options->format = formats->fallback;
  if (options->format_text == NULL)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if ((formats->accepted & format_names[i].format) != 0 &&
        g_str_equal (options->format_text, format_names[i].name))
      {
        options->format = format_names[i].format;
        return TRUE;
      }

  *status = liaison_cli_usage_error (_("%s: --format: unknown format “%s” (%s)"), command->name,
                                     options->format_text, _(formats->choices));
  return FALSE;
}

/*
 * Parses the options of @command: its own @entries (NULL: none), then the
 * shared ones it takes, into @options. @argv[0] is the command's name; the
 * other arguments stay in @argv. Returns FALSE (and sets @status) when the
 * command must stop.
 */
gboolean
liaison_cli_parse_options (const LiaisonCliCommand   *command,
                           const GOptionEntry        *entries,
                           LiaisonCliOptions         *options,
                           int                       *argc,
                           char                    ***argv,
                           int                       *status)
{
  static const GOptionEntry no_entries[] = { { NULL } };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("liaison-cli %s", command->name);

  g_set_prgname (prgname);
  context = g_option_context_new (command->parameters);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, command->summary);
  g_option_context_add_main_entries (context, entries != NULL ? entries : no_entries, GETTEXT_PACKAGE);
  add_shared_entries (context, command, options);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = liaison_cli_usage_error (_("%s: %s (see “liaison-cli %s --help”)"), command->name,
                                         error->message, command->name);
      return FALSE;
    }

  /* GOption leaves a "--" that ends the options in place. */
  for (int i = 1; i < *argc; i++)
    if (g_strcmp0 ((*argv)[i], "--") == 0)
      {
        memmove (&(*argv)[i], &(*argv)[i + 1], (*argc - i) * sizeof (char *));
        (*argc)--;
        break;
      }

  if (command->parameters == NULL && *argc > 1)
    {
      *status = liaison_cli_usage_error (_("%s: unexpected argument “%s”"), command->name, (*argv)[1]);
      return FALSE;
    }

  if (command->formats != NULL && !check_format (command, options, status))
    return FALSE;

  if (options->output != NULL && *options->output == '\0')
    {
      *status = liaison_cli_usage_error (_("%s: %s is empty"), command->name, "--output");
      return FALSE;
    }

  return TRUE;
}

/* --interval SECONDS of a netflow command: required, 1 or more. */
gboolean
liaison_cli_parse_interval (const LiaisonCliCommand *command,
                            const char              *text,
                            guint                   *interval,
                            int                     *status)
{
  guint64 value;

  if (text == NULL)
    {
      *status = liaison_cli_usage_error (_("%s: %s is required"), command->name, "--interval");
      return FALSE;
    }
  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT32, &value, NULL))
    {
      *status = liaison_cli_usage_error (_("--interval: “%s” is not a number of seconds (1 or more)"), text);
      return FALSE;
    }
  *interval = (guint) value;
  return TRUE;
}

/* The time that @option gave as @text, read as local time with
 * --local-time; LIAISON_TIME_NONE without the option. */
gboolean
liaison_cli_parse_time (const LiaisonCliOptions *options,
                        const char              *option,
                        const char              *text,
                        LiaisonTime             *out,
                        int                     *status)
{
  if (text == NULL)
    {
      *out = LIAISON_TIME_NONE;
      return TRUE;
    }
  if (!liaison_time_parse (text, -1, options->local_time, out))
    {
      *status = liaison_cli_usage_error (_("%s: “%s” is not a time (ISO 8601, for example 2026-11-27T00:01:15Z)"),
                                         option, text);
      return FALSE;
    }
  return TRUE;
}
