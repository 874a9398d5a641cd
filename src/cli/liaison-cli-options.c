/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "liaison-address.h"
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
  { LIAISON_CLI_FORMAT_DOT, "dot" },
  { LIAISON_CLI_FORMAT_SVG, "svg" },
  { LIAISON_CLI_FORMAT_PNG, "png" },
  { LIAISON_CLI_FORMAT_NFTABLES, "nftables" },
};

/* What --format takes in the commands that print text or JSON. */
const LiaisonCliFormats liaison_cli_text_json_formats = {
  .accepted = LIAISON_CLI_FORMAT_TEXT | LIAISON_CLI_FORMAT_JSON,
  .fallback = LIAISON_CLI_FORMAT_TEXT,
  .description = N_("text (default) or json"),
  .choices = N_("text or json"),
};

void
liaison_cli_options_clear (LiaisonCliOptions *options)
{
  g_clear_pointer (&options->output, g_free);
  g_clear_pointer (&options->format_text, g_free);
  g_clear_pointer (&options->interval_text, g_free);
  g_clear_pointer (&options->min_persistence_text, g_free);
  g_clear_pointer (&options->min_events_text, g_free);
  g_clear_pointer (&options->hide_ports_text, g_free);
  g_clear_pointer (&options->protocol_text, g_free);
  g_clear_pointer (&options->hide_hubs_text, g_free);
  g_clear_pointer (&options->silent_text, g_free);
  g_clear_pointer (&options->seen_within_text, g_free);
  g_clear_pointer (&options->from_text, g_free);
  g_clear_pointer (&options->to_text, g_free);
  g_clear_pointer (&options->hide_ports, g_free);
  memset (&options->filter, 0, sizeof options->filter);
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

  /* The FILTER words of cli.md, in its order. */
  const GOptionEntry filter_entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &options->from_text,
      N_("Only what was seen at or after TIME (ISO 8601)"), N_("TIME") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &options->to_text,
      N_("Only what was seen before TIME (ISO 8601)"), N_("TIME") },
    { "min-persistence", 0, 0, G_OPTION_ARG_STRING, &options->min_persistence_text,
      N_("Only edges active in at least PERCENT of their netstat samples"), N_("PERCENT") },
    { "min-events", 0, 0, G_OPTION_ARG_STRING, &options->min_events_text,
      N_("Only edges with at least N netflow events"), N_("N") },
    { "hide-loopback", 0, 0, G_OPTION_ARG_NONE, &options->filter.hide_loopback,
      N_("Leave out a device’s connections to itself"), NULL },
    { "hide-ports", 0, 0, G_OPTION_ARG_STRING, &options->hide_ports_text,
      N_("Leave out these ports (comma-separated)"), N_("LIST") },
    { "protocol", 0, 0, G_OPTION_ARG_STRING, &options->protocol_text,
      N_("Only tcp or only udp"), N_("PROTOCOL") },
    { "hide-hubs", 0, 0, G_OPTION_ARG_STRING, &options->hide_hubs_text,
      N_("Set apart listeners with more than N client nodes, and stop impact at them"), N_("N") },
    { "silent-at-least", 0, 0, G_OPTION_ARG_STRING, &options->silent_text,
      N_("Only edges silent for at least DURATION (90s, 5m, 2h, 7d)"), N_("DURATION") },
    { "seen-within", 0, 0, G_OPTION_ARG_STRING, &options->seen_within_text,
      N_("Only edges seen within the last DURATION (silent for less)"), N_("DURATION") },
    { NULL }
  };

  if (command->options & LIAISON_CLI_OPTION_FILTER)
    g_option_context_add_main_entries (context, filter_entries, GETTEXT_PACKAGE);
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

  return liaison_cli_stop_usage (status, _("%s: --format: unknown format “%s” (%s)"), command->name,
                                 options->format_text, _(formats->choices));
}

/* A whole number from @min, or FALSE. */
static gboolean
parse_count (const char *text,
             guint64     min,
             guint64     max,
             guint64    *out)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  return g_ascii_string_to_unsigned (stripped, 10, min, max, out, NULL);
}

static gboolean
parse_filter_time (const LiaisonCliCommand *command,
                   const char              *option,
                   const char              *text,
                   LiaisonTime             *out,
                   int                     *status)
{
  if (text == NULL || liaison_time_parse (text, -1, FALSE, out))
    return TRUE;
  return liaison_cli_stop_usage (status, _("%s: %s: “%s” is not a time (ISO 8601, for example 2026-11-27T00:01:15Z)"),
                                 command->name, option, text);
}

/* The FILTER words, checked and put into options->filter. */
static gboolean
check_filter (const LiaisonCliCommand *command,
              LiaisonCliOptions       *options,
              int                     *status)
{
  LiaisonMapFilter *filter = &options->filter;
  g_autoptr(GError) error = NULL;
  guint64 count;

  if (options->min_persistence_text != NULL)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (options->min_persistence_text));
      char *end = NULL;
      double value = g_ascii_strtod (stripped, &end);

      if (*stripped == '\0' || end == NULL || *end != '\0' || !(value >= 0 && value <= 100))
        return liaison_cli_stop_usage (status, _("%s: --min-persistence: “%s” is not a percentage from 0 to 100"),
                                       command->name, options->min_persistence_text);
      filter->min_persistence = value;
    }

  if (options->min_events_text != NULL)
    {
      if (!parse_count (options->min_events_text, 0, G_MAXINT64, &count))
        return liaison_cli_stop_usage (status, _("%s: --min-events: “%s” is not a whole number of events"),
                                       command->name, options->min_events_text);
      filter->min_events = (gint64) count;
    }

  if (options->hide_hubs_text != NULL)
    {
      if (!parse_count (options->hide_hubs_text, 1, G_MAXUINT, &count))
        return liaison_cli_stop_usage (status, _("%s: --hide-hubs: “%s” is not a number of client nodes (1 or more)"),
                                       command->name, options->hide_hubs_text);
      filter->hide_hubs = (guint) count;
    }

  if (options->protocol_text != NULL)
    {
      LiaisonProtocol protocol;

      if (!liaison_protocol_from_string (options->protocol_text, &protocol))
        return liaison_cli_stop_usage (status, _("%s: --protocol: “%s” is not a protocol (tcp or udp)"),
                                       command->name, options->protocol_text);
      filter->protocol = liaison_protocol_to_string (protocol);
    }

  if (options->hide_ports_text != NULL &&
      (options->hide_ports = liaison_map_ports_parse (options->hide_ports_text, &filter->n_hide_ports,
                                                      &error)) == NULL)
    return liaison_cli_stop_usage (status, _("%s: --hide-ports: “%s”: %s"), command->name,
                                   options->hide_ports_text, error->message);
  filter->hide_ports = options->hide_ports;

  if (options->silent_text != NULL &&
      !liaison_duration_parse (options->silent_text, &filter->silent_at_least, &error))
    return liaison_cli_stop_usage (status, "%s: --silent-at-least: %s", command->name, error->message);
  if (options->seen_within_text != NULL &&
      !liaison_duration_parse (options->seen_within_text, &filter->seen_within, &error))
    return liaison_cli_stop_usage (status, "%s: --seen-within: %s", command->name, error->message);

  /* map.md 3: [from, to); an open end reaches as far as time does. */
  if (options->from_text != NULL || options->to_text != NULL)
    {
      LiaisonTime from = LIAISON_TIME_NONE, to = LIAISON_TIME_NONE;

      if (!parse_filter_time (command, "--from", options->from_text, &from, status) ||
          !parse_filter_time (command, "--to", options->to_text, &to, status))
        return FALSE;
      filter->time_range = TRUE;
      filter->range.from = from == LIAISON_TIME_NONE ? G_MININT64 + 1 : from;
      filter->range.to = to == LIAISON_TIME_NONE ? G_MAXINT64 : to;
      if (!liaison_map_filter_validate (filter, &error))
        return liaison_cli_stop_usage (status, "%s: --from, --to: %s", command->name, error->message);
    }
  return TRUE;
}

/**
 * liaison_cli_parse_range:
 *
 * Parses "FROM..TO" (compare's --before and --after) into @range, [FROM, TO).
 */
gboolean
liaison_cli_parse_range (const char      *command,
                         const char      *option,
                         const char      *text,
                         LiaisonMapRange *range,
                         int             *status)
{
  const char *dots = text != NULL ? strstr (text, "..") : NULL;
  g_autofree char *from = NULL;
  char from_text[LIAISON_TIME_STRLEN], to_text[LIAISON_TIME_STRLEN];

  if (text == NULL)
    return liaison_cli_stop_usage (status, _("%s: %s FROM..TO is required"), command, option);
  if (dots == NULL)
    return liaison_cli_stop_usage (status, _("%s: %s: “%s” is not a time range FROM..TO"), command, option, text);
  from = g_strndup (text, (gsize) (dots - text));
  if (!liaison_time_parse (from, -1, FALSE, &range->from) ||
      !liaison_time_parse (dots + 2, -1, FALSE, &range->to))
    return liaison_cli_stop_usage (status, _("%s: %s: “%s” is not a time range FROM..TO of two times "
                                             "(ISO 8601, for example 2026-11-27T00:01:15Z)"),
                                   command, option, text);
  if (range->from >= range->to)
    {
      liaison_time_to_string (range->from, from_text);
      liaison_time_to_string (range->to, to_text);
      return liaison_cli_stop_usage (status, _("%s: %s: the time range from %s to %s is empty"),
                                     command, option, from_text, to_text);
    }
  return TRUE;
}

/* --interval SECONDS of a netflow command: required, 1 or more. */
static gboolean
check_interval (const LiaisonCliCommand *command,
                LiaisonCliOptions       *options,
                int                     *status)
{
  const char *text = options->interval_text;
  guint64 value;

  if (text == NULL)
    return liaison_cli_stop_usage (status, _("%s: %s is required"), command->name, "--interval");
  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT32, &value, NULL))
    return liaison_cli_stop_usage (status, _("--interval: “%s” is not a number of seconds (1 or more)"), text);
  options->interval = (guint) value;
  return TRUE;
}

/*
 * Parses the options of @command: its own @entries (NULL: none) and the
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
  const GOptionEntry interval_entries[] = {
    { "interval", 0, 0, G_OPTION_ARG_STRING, &options->interval_text,
      N_("The sample interval in seconds (nfcapd rotates every 300)"), N_("SECONDS") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("liaison-cli %s", command->name);

  g_set_prgname (prgname);
  context = g_option_context_new (command->parameters);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, command->summary);
  /* --interval leads a netflow command's own options in its --help. */
  if (command->options & LIAISON_CLI_OPTION_INTERVAL)
    g_option_context_add_main_entries (context, interval_entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries != NULL ? entries : no_entries, GETTEXT_PACKAGE);
  add_shared_entries (context, command, options);

  if (!g_option_context_parse (context, argc, argv, &error))
    return liaison_cli_stop_usage (status, _("%s: %s (see “liaison-cli %s --help”)"), command->name,
                                   error->message, command->name);

  /* GOption leaves a "--" that ends the options in place. */
  for (int i = 1; i < *argc; i++)
    if (g_strcmp0 ((*argv)[i], "--") == 0)
      {
        memmove (&(*argv)[i], &(*argv)[i + 1], (*argc - i) * sizeof (char *));
        (*argc)--;
        break;
      }

  if (command->parameters == NULL && *argc > 1)
    return liaison_cli_stop_usage (status, _("%s: unexpected argument “%s”"), command->name, (*argv)[1]);

  if (command->formats != NULL && !check_format (command, options, status))
    return FALSE;

  if ((command->options & LIAISON_CLI_OPTION_FILTER) && !check_filter (command, options, status))
    return FALSE;

  if (options->output != NULL && *options->output == '\0')
    return liaison_cli_stop_usage (status, _("%s: %s is empty"), command->name, "--output");

  if ((command->options & LIAISON_CLI_OPTION_INTERVAL) && !check_interval (command, options, status))
    return FALSE;

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
    return liaison_cli_stop_usage (status, _("%s: “%s” is not a time (ISO 8601, for example 2026-11-27T00:01:15Z)"),
                                   option, text);
  return TRUE;
}
