/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>

#include "liaison-cli-private.h"
#include "liaison-json.h"
#include "liaison-map-compare.h"
#include "liaison-map-export.h"
#include "liaison-map-impact.h"
#include "liaison-store-groups.h"

/*
 * map, impact, compare, rules and group: the dependency map of map.md, what
 * depends on a node, what changed between two time ranges, the allow-list
 * rules for a firewall, and the user groups. The
 * map is made by the core with the FILTER words (liaison-cli-options.c);
 * this file names the node, picks the format and prints.
 */

static const struct {
  LiaisonCliFormat  cli;
  LiaisonMapFormat  map;
} map_formats[] = {
  { LIAISON_CLI_FORMAT_JSON, LIAISON_MAP_FORMAT_JSON },
  { LIAISON_CLI_FORMAT_DOT, LIAISON_MAP_FORMAT_DOT },
  { LIAISON_CLI_FORMAT_SVG, LIAISON_MAP_FORMAT_SVG },
  { LIAISON_CLI_FORMAT_PNG, LIAISON_MAP_FORMAT_PNG },
  { LIAISON_CLI_FORMAT_NFTABLES, LIAISON_MAP_FORMAT_NFTABLES },
  { LIAISON_CLI_FORMAT_CSV, LIAISON_MAP_FORMAT_CSV },
};

static LiaisonMapFormat
map_format (LiaisonCliFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (map_formats); i++)
    if (map_formats[i].cli == format)
      return map_formats[i].map;
  g_return_val_if_reached (LIAISON_MAP_FORMAT_JSON);
}

static LiaisonMap *
make_map (LiaisonStore              *store,
          const LiaisonCliOptions   *options,
          const LiaisonMapGrouping  *grouping,
          int                       *status)
{
  g_autoptr(GError) error = NULL;
  LiaisonMap *map = liaison_map_new (store, &options->filter, grouping, NULL, &error);

  if (map == NULL)
    *status = liaison_cli_fail (error);
  return map;
}

/* map and rules: the map in @options' format, to --output or stdout. */
static int
write_map (const LiaisonCliOptions  *options,
           LiaisonStore             *store,
           LiaisonMap               *map)
{
  g_autoptr(GError) error = NULL;
  LiaisonMapExport export = { map_format (options->format), store, NULL };

  if (options->output != NULL)
    {
      if (!liaison_map_export_file (map, &export, options->output, NULL, &error))
        return liaison_cli_fail (error);
    }
  else
    {
      g_autoptr(GOutputStream) stream = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

      fflush (stdout);
      if (!liaison_map_export (map, &export, stream, NULL, &error))
        return liaison_cli_fail_stream (error);
    }
  return LIAISON_CLI_STATUS_OK;
}

/* map */

static int
command_map (const LiaisonCliCommand  *command,
             int                       argc,
             char                    **argv)
{
  g_autofree char *group = NULL;
  GOptionEntry entries[] = {
    { "group", 0, 0, G_OPTION_ARG_STRING, &group,
      N_("Nodes by device (default), subnet, subnet:BITS or groups"), N_("HOW") },
    { NULL }
  };
  g_auto(LiaisonCliOptions) options = { 0 };
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(LiaisonMap) map = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonMapGrouping grouping = { 0 };
  int status = LIAISON_CLI_STATUS_OK;

  if (!liaison_cli_parse_options (command, entries, &options, &argc, &argv, &status))
    return status;

  if (group != NULL && !liaison_map_grouping_parse (group, &grouping, &error))
    return liaison_cli_usage_error ("%s: --group: %s", command->name, error->message);

  /* A PNG on a terminal is noise, and can upset it. */
  if (options.format == LIAISON_CLI_FORMAT_PNG && options.output == NULL && isatty (STDOUT_FILENO))
    return liaison_cli_usage_error (_("%s: a PNG is not written to a terminal: give --output FILE "
                                      "or redirect standard output"), command->name);

  if ((store = liaison_cli_open_store (&status)) == NULL ||
      (map = make_map (store, &options, &grouping, &status)) == NULL)
    return status;

  return write_map (&options, store, map);
}

/* rules */

static int
command_rules (const LiaisonCliCommand  *command,
               int                       argc,
               char                    **argv)
{
  g_auto(LiaisonCliOptions) options = { 0 };
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(LiaisonMap) map = NULL;
  int status = LIAISON_CLI_STATUS_OK;

  if (!liaison_cli_parse_options (command, NULL, &options, &argc, &argv, &status))
    return status;

  if ((store = liaison_cli_open_store (&status)) == NULL ||
      (map = make_map (store, &options, NULL, &status)) == NULL)
    return status;

  return write_map (&options, store, map);
}

/* impact */

/* Whether @name is a user group: then the map shows groups as nodes. */
static gboolean
names_group (LiaisonStore  *store,
             const char    *name,
             gboolean      *is_group,
             GError       **error)
{
  g_autoptr(GPtrArray) groups = liaison_store_list_groups (store, error);
  g_autofree char *stripped = g_strstrip (g_strdup (name));

  if (groups == NULL)
    return FALSE;
  *is_group = FALSE;
  for (guint i = 0; i < groups->len; i++)
    if (g_str_equal (((LiaisonGroup *) g_ptr_array_index (groups, i))->name, stripped))
      *is_group = TRUE;
  return TRUE;
}

static void
print_impact_text (LiaisonMap          *map,
                   const LiaisonImpact *impact,
                   gboolean             through_hubs)
{
  g_autofree char *origin = liaison_cli_printable (liaison_map_get_node (map, impact->origin)->id);
  guint n = impact->nodes->len;

  if (impact->direction == LIAISON_IMPACT_DEPENDENTS)
    /* Translators: the first line of `liaison-cli impact NODE`; %s is the node. */
    printf (ngettext ("Dependents of %s, what breaks if it goes away: %u node\n",
                      "Dependents of %s, what breaks if it goes away: %u nodes\n", n), origin, n);
  else
    /* Translators: the first line of `liaison-cli impact NODE --dependencies`. */
    printf (ngettext ("Dependencies of %s, what it needs to move with it: %u node\n",
                      "Dependencies of %s, what it needs to move with it: %u nodes\n", n), origin, n);
  if (n == 0)
    return;

  /* Translators: the header of the list of `liaison-cli impact`: the
   * first column is 5 characters wide, right-aligned, then two spaces. */
  printf ("%s\n", _("depth  node"));
  for (guint i = 0; i < n; i++)
    {
      const LiaisonImpactNode *found = &g_array_index (impact->nodes, LiaisonImpactNode, i);
      g_autofree char *id = liaison_cli_printable (liaison_map_get_node (map, found->node)->id);

      if (found->hub && !through_hubs)
        /* Translators: a hub in the list of `liaison-cli impact`, which it stops at. */
        printf (_("%5u  %s (hub: not followed)\n"), found->distance, id);
      else if (found->hub)
        /* Translators: a hub in the list of `liaison-cli impact --through-hubs`. */
        printf (_("%5u  %s (hub)\n"), found->distance, id);
      else
        printf ("%5u  %s\n", found->distance, id);
    }

  for (guint i = 0; i < impact->cycles->len; i++)
    {
      GArray *cycle = g_ptr_array_index (impact->cycles, i);
      g_autoptr(GString) nodes = g_string_new (NULL);

      for (guint j = 0; j < cycle->len; j++)
        {
          g_autofree char *id = liaison_cli_printable (liaison_map_get_node (map, g_array_index (cycle, guint, j))->id);

          g_string_append_printf (nodes, "%s%s", j > 0 ? ", " : "", id);
        }
      /* Translators: the nodes of one cycle, after the list of `liaison-cli impact`. */
      printf (_("cycle  %s\n"), nodes->str);
    }
}

/* {"node", "direction", "depth", "through_hubs", "filters", "nodes": [{"id", "kind",
 * "distance", "hub"}], "cycles": [[ids]]}, one node a line. */
static void
print_impact_json (LiaisonMap          *map,
                   const LiaisonImpact *impact,
                   guint                depth,
                   gboolean             through_hubs)
{
  g_autoptr(GString) out = g_string_new ("{\n  \"node\": ");
  g_autofree char *filters = liaison_map_describe_filters (map);

  liaison_json_append_string (out, liaison_map_get_node (map, impact->origin)->id);
  g_string_append_printf (out, ",\n  \"direction\": \"%s\",\n  \"depth\": ",
                          impact->direction == LIAISON_IMPACT_DEPENDENTS ? "dependents" : "dependencies");
  if (depth > 0)
    g_string_append_printf (out, "%u", depth);
  else
    g_string_append (out, "null");
  g_string_append_printf (out, ",\n  \"through_hubs\": %s,\n  \"filters\": ", through_hubs ? "true" : "false");
  liaison_json_append_string (out, filters);
  g_string_append (out, ",\n  \"nodes\": [");
  for (guint i = 0; i < impact->nodes->len; i++)
    {
      const LiaisonImpactNode *found = &g_array_index (impact->nodes, LiaisonImpactNode, i);
      const LiaisonMapNode *node = liaison_map_get_node (map, found->node);

      g_string_append (out, i > 0 ? ",\n    {\"id\": " : "\n    {\"id\": ");
      liaison_json_append_string (out, node->id);
      g_string_append_printf (out, ", \"kind\": \"%s\", \"distance\": %u, \"hub\": %s}",
                              liaison_map_node_kind_to_string (node->kind), found->distance,
                              found->hub ? "true" : "false");
    }
  g_string_append (out, impact->nodes->len > 0 ? "\n  ],\n  \"cycles\": [" : "],\n  \"cycles\": [");
  for (guint i = 0; i < impact->cycles->len; i++)
    {
      GArray *cycle = g_ptr_array_index (impact->cycles, i);

      g_string_append (out, i > 0 ? ",\n    [" : "\n    [");
      for (guint j = 0; j < cycle->len; j++)
        {
          g_string_append (out, j > 0 ? ", " : "");
          liaison_json_append_string (out, liaison_map_get_node (map, g_array_index (cycle, guint, j))->id);
        }
      g_string_append_c (out, ']');
    }
  g_string_append (out, impact->cycles->len > 0 ? "\n  ]\n}\n" : "]\n}\n");
  fwrite (out->str, 1, out->len, stdout);
}

static int
command_impact (const LiaisonCliCommand  *command,
                int                       argc,
                char                    **argv)
{
  gboolean dependencies = FALSE;
  gboolean through_hubs = FALSE;
  g_autofree char *depth_text = NULL;
  GOptionEntry entries[] = {
    { "dependencies", 0, 0, G_OPTION_ARG_NONE, &dependencies,
      N_("What NODE depends on, instead of what depends on it"), NULL },
    { "depth", 0, 0, G_OPTION_ARG_STRING, &depth_text,
      N_("Follow paths of at most N edges"), N_("N") },
    { "through-hubs", 0, 0, G_OPTION_ARG_NONE, &through_hubs,
      N_("Go on through hubs (--hide-hubs) instead of stopping at them"), NULL },
    { NULL }
  };
  g_auto(LiaisonCliOptions) options = { 0 };
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(LiaisonMap) map = NULL;
  g_autoptr(LiaisonImpact) impact = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonMapGrouping grouping = { 0 };
  int status = LIAISON_CLI_STATUS_OK;
  guint64 depth = 0;
  guint origin;

  if (!liaison_cli_parse_options (command, entries, &options, &argc, &argv, &status))
    return status;

  if (argc < 2)
    return liaison_cli_usage_error (_("%s: a NODE is required (a device, an address or a group)"), command->name);
  if (argc > 2)
    return liaison_cli_usage_error (_("%s: unexpected argument “%s”"), command->name, argv[2]);
  if (depth_text != NULL && !g_ascii_string_to_unsigned (depth_text, 10, 1, G_MAXUINT, &depth, NULL))
    return liaison_cli_usage_error (_("%s: --depth: “%s” is not a number of edges (1 or more)"),
                                    command->name, depth_text);

  if ((store = liaison_cli_open_store (&status)) == NULL)
    return status;
  if (!names_group (store, argv[1], &grouping.groups, &error))
    return liaison_cli_fail (error);
  if ((map = make_map (store, &options, &grouping, &status)) == NULL)
    return status;
  if (!liaison_map_lookup_node (map, argv[1], &origin, &error))
    return liaison_cli_usage_error ("%s: %s", command->name, error->message);

  impact = liaison_map_impact (map, origin,
                               dependencies ? LIAISON_IMPACT_DEPENDENCIES : LIAISON_IMPACT_DEPENDENTS,
                               (guint) depth, through_hubs);
  if (options.format == LIAISON_CLI_FORMAT_JSON)
    print_impact_json (map, impact, (guint) depth, through_hubs);
  else
    print_impact_text (map, impact, through_hubs);
  return liaison_cli_finish_stdout (LIAISON_CLI_STATUS_OK);
}

/* compare */

/* A figure of one range: a ratio or a count, empty (csv), null (json) or
 * "-" (text) where it cannot be told. */
static void
append_told (GString    *out,
             double      ratio,
             gint64      count,
             const char *none)
{
  if (ratio >= 0)
    liaison_json_append_ratio (out, ratio);
  else if (count >= 0)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, count);
  else
    g_string_append (out, none);
}

static void
print_compare_text (GArray                *rows,
                    const LiaisonMapRange *before,
                    const LiaisonMapRange *after)
{
  char times[4][LIAISON_TIME_STRLEN];
  guint counts[3] = { 0 };
  g_autoptr(GString) out = g_string_new (NULL);

  liaison_time_to_string (before->from, times[0]);
  liaison_time_to_string (before->to, times[1]);
  liaison_time_to_string (after->from, times[2]);
  liaison_time_to_string (after->to, times[3]);
  for (guint i = 0; i < rows->len; i++)
    counts[g_array_index (rows, LiaisonCompareRow, i).state]++;
  /* Translators: the first line of `liaison-cli compare`: the two ranges,
   * then how many address pairs are new, gone and kept. */
  g_string_append_printf (out, _("From %s..%s to %s..%s: %u new, %u gone, %u kept\n"),
                          times[0], times[1], times[2], times[3], counts[0], counts[1], counts[2]);
  for (guint i = 0; i < rows->len; i++)
    {
      const LiaisonCompareRow *row = &g_array_index (rows, LiaisonCompareRow, i);

      g_string_append_printf (out, "%-4s  %s -> %s %u/%s", liaison_compare_state_to_string (row->state),
                              row->client_ip, row->listener_ip, row->port, row->protocol);
      if (row->service != NULL)
        g_string_append_printf (out, " (%s)", row->service);
      if (row->state == LIAISON_COMPARE_KEPT)
        {
          /* Translators: the figures of a kept pair in `liaison-cli compare`, before -> after. */
          g_string_append (out, _("  persistence "));
          append_told (out, row->persistence[0], -1, "-");
          g_string_append (out, " -> ");
          append_told (out, row->persistence[1], -1, "-");
          /* Translators: as above, the flow events before -> after. */
          g_string_append (out, _(", events "));
          append_told (out, -1, row->events[0], "-");
          g_string_append (out, " -> ");
          append_told (out, -1, row->events[1], "-");
        }
      g_string_append_c (out, '\n');
    }
  fwrite (out->str, 1, out->len, stdout);
}

/* state,client_ip,listener_ip,port,protocol,service,before_persistence_percent,
 * after_persistence_percent,before_flow_events,after_flow_events; and as JSON,
 * an array of objects with these keys. */
static void
print_compare_table (GArray   *rows,
                     gboolean  json)
{
  g_autoptr(GString) out = g_string_new (json ? "[" : "state,client_ip,listener_ip,port,protocol,service,"
                                                "before_persistence_percent,after_persistence_percent,"
                                                "before_flow_events,after_flow_events\n");
  const char *none = json ? "null" : "";

  for (guint i = 0; i < rows->len; i++)
    {
      const LiaisonCompareRow *row = &g_array_index (rows, LiaisonCompareRow, i);

      if (json)
        {
          g_string_append_printf (out, "%s\n  {\"state\": \"%s\", \"client_ip\": \"%s\", \"listener_ip\": \"%s\", "
                                  "\"port\": %u, \"protocol\": \"%s\", \"service\": ",
                                  i > 0 ? "," : "", liaison_compare_state_to_string (row->state),
                                  row->client_ip, row->listener_ip, row->port, row->protocol);
          if (row->service != NULL)
            liaison_json_append_string (out, row->service);
          else
            g_string_append (out, "null");
        }
      else
        g_string_append_printf (out, "%s,%s,%s,%u,%s,%s", liaison_compare_state_to_string (row->state),
                                row->client_ip, row->listener_ip, row->port, row->protocol,
                                row->service != NULL ? row->service : "");
      g_string_append (out, json ? ", \"before_persistence_percent\": " : ",");
      append_told (out, row->persistence[0], -1, none);
      g_string_append (out, json ? ", \"after_persistence_percent\": " : ",");
      append_told (out, row->persistence[1], -1, none);
      g_string_append (out, json ? ", \"before_flow_events\": " : ",");
      append_told (out, -1, row->events[0], none);
      g_string_append (out, json ? ", \"after_flow_events\": " : ",");
      append_told (out, -1, row->events[1], none);
      g_string_append (out, json ? "}" : "\n");
    }
  if (json)
    g_string_append (out, rows->len > 0 ? "\n]\n" : "]\n");
  fwrite (out->str, 1, out->len, stdout);
}

static int
command_compare (const LiaisonCliCommand  *command,
                 int                       argc,
                 char                    **argv)
{
  g_autofree char *before_text = NULL;
  g_autofree char *after_text = NULL;
  GOptionEntry entries[] = {
    { "before", 0, 0, G_OPTION_ARG_STRING, &before_text,
      N_("The first time range, FROM..TO (ISO 8601 times)"), N_("FROM..TO") },
    { "after", 0, 0, G_OPTION_ARG_STRING, &after_text,
      N_("The second time range, FROM..TO"), N_("FROM..TO") },
    { NULL }
  };
  g_auto(LiaisonCliOptions) options = { 0 };
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonMapRange before, after;
  int status = LIAISON_CLI_STATUS_OK;

  if (!liaison_cli_parse_options (command, entries, &options, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return liaison_cli_usage_error (_("%s: unexpected argument “%s”"), command->name, argv[1]);
  if (options.filter.time_range)
    return liaison_cli_usage_error (_("%s: the time ranges are --before and --after, not --from and --to"),
                                    command->name);
  if (!liaison_cli_parse_range (command->name, "--before", before_text, &before, &status) ||
      !liaison_cli_parse_range (command->name, "--after", after_text, &after, &status))
    return status;

  if ((store = liaison_cli_open_store (&status)) == NULL)
    return status;
  if ((rows = liaison_map_compare (store, &options.filter, &before, &after, NULL, &error)) == NULL)
    return liaison_cli_fail (error);

  if (options.format == LIAISON_CLI_FORMAT_TEXT)
    print_compare_text (rows, &before, &after);
  else
    print_compare_table (rows, options.format == LIAISON_CLI_FORMAT_JSON);
  return liaison_cli_finish_stdout (LIAISON_CLI_STATUS_OK);
}

/* group */

static void
print_groups_text (GPtrArray *groups)
{
  for (guint i = 0; i < groups->len; i++)
    {
      LiaisonGroup *group = g_ptr_array_index (groups, i);
      g_autofree char *name = liaison_cli_printable (group->name);
      g_autoptr(GString) members = g_string_new (NULL);

      for (guint j = 0; group->devices[j] != NULL; j++)
        {
          g_autofree char *device = liaison_cli_printable (group->devices[j]);

          g_string_append_printf (members, "%s%s", members->len > 0 ? ", " : "", device);
        }
      for (guint j = 0; group->addresses[j] != NULL; j++)
        g_string_append_printf (members, "%s%s", members->len > 0 ? ", " : "", group->addresses[j]);

      if (members->len > 0)
        printf ("%s: %s\n", name, members->str);
      else
        /* Translators: a group without members in `liaison-cli group list`. */
        printf (_("%s: no members\n"), name);
    }
}

static void
append_json_strv (GString            *out,
                  const char * const *strv)
{
  g_string_append_c (out, '[');
  for (guint i = 0; strv[i] != NULL; i++)
    {
      g_string_append (out, i > 0 ? ", " : "");
      liaison_json_append_string (out, strv[i]);
    }
  g_string_append_c (out, ']');
}

/* [{"name", "devices", "addresses"}], one group a line. */
static void
print_groups_json (GPtrArray *groups)
{
  g_autoptr(GString) out = g_string_new ("[");

  for (guint i = 0; i < groups->len; i++)
    {
      LiaisonGroup *group = g_ptr_array_index (groups, i);

      g_string_append (out, i > 0 ? ",\n  {\"name\": " : "\n  {\"name\": ");
      liaison_json_append_string (out, group->name);
      g_string_append (out, ", \"devices\": ");
      append_json_strv (out, (const char * const *) group->devices);
      g_string_append (out, ", \"addresses\": ");
      append_json_strv (out, (const char * const *) group->addresses);
      g_string_append_c (out, '}');
    }
  g_string_append (out, groups->len > 0 ? "\n]\n" : "]\n");
  fwrite (out->str, 1, out->len, stdout);
}

static int
command_group (const LiaisonCliCommand  *command,
               int                       argc,
               char                    **argv)
{
  g_auto(LiaisonCliOptions) options = { 0 };
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status = LIAISON_CLI_STATUS_OK;
  const char *action;
  const char * const *members;

  if (!liaison_cli_parse_options (command, NULL, &options, &argc, &argv, &status))
    return status;

  if (argc < 2)
    return liaison_cli_usage_error (_("%s: add, remove or list is required"), command->name);
  action = argv[1];
  members = argc > 3 ? (const char * const *) argv + 3 : NULL;

  if (g_str_equal (action, "list"))
    {
      g_autoptr(GPtrArray) groups = NULL;

      if (argc > 2)
        return liaison_cli_usage_error (_("%s: unexpected argument “%s”"), command->name, argv[2]);
      if ((store = liaison_cli_open_store (&status)) == NULL)
        return status;
      if ((groups = liaison_store_list_groups (store, &error)) == NULL)
        return liaison_cli_fail (error);
      if (options.format == LIAISON_CLI_FORMAT_JSON)
        print_groups_json (groups);
      else
        print_groups_text (groups);
      return liaison_cli_finish_stdout (LIAISON_CLI_STATUS_OK);
    }

  if (!g_str_equal (action, "add") && !g_str_equal (action, "remove"))
    return liaison_cli_usage_error (_("%s: unknown action “%s” (add, remove or list)"), command->name, action);
  if (options.format_text != NULL)
    return liaison_cli_usage_error (_("%s: --format is for list only"), command->name);
  if (argc < 3)
    return liaison_cli_usage_error (_("%s %s: a group NAME is required"), command->name, action);
  if (g_str_equal (action, "add") && members == NULL)
    return liaison_cli_usage_error (_("%s add: at least one MEMBER is required (a device or an address)"),
                                    command->name);

  if ((store = liaison_cli_open_store_to_write (&status)) == NULL)
    return status;
  if (g_str_equal (action, "add")
      ? !liaison_store_group_add (store, argv[2], members, &error)
      : !liaison_store_group_remove (store, argv[2], members, &error))
    return liaison_cli_fail (error);
  return LIAISON_CLI_STATUS_OK;
}

static const LiaisonCliFormats map_command_formats = {
  .accepted = LIAISON_CLI_FORMAT_DOT | LIAISON_CLI_FORMAT_JSON | LIAISON_CLI_FORMAT_SVG | LIAISON_CLI_FORMAT_PNG,
  .fallback = LIAISON_CLI_FORMAT_DOT,
  .description = N_("dot (default), json, svg or png"),
  .choices = N_("dot, json, svg or png"),
};

static const LiaisonCliFormats compare_formats = {
  .accepted = LIAISON_CLI_FORMAT_TEXT | LIAISON_CLI_FORMAT_CSV | LIAISON_CLI_FORMAT_JSON,
  .fallback = LIAISON_CLI_FORMAT_TEXT,
  .description = N_("text (default), csv or json"),
  .choices = N_("text, csv or json"),
};

static const LiaisonCliFormats rules_formats = {
  .accepted = LIAISON_CLI_FORMAT_NFTABLES | LIAISON_CLI_FORMAT_CSV,
  .fallback = LIAISON_CLI_FORMAT_NFTABLES,
  .description = N_("nftables (default) or csv"),
  .choices = N_("nftables or csv"),
};

const LiaisonCliCommand liaison_cli_map_commands[] = {
  {
    .name = "map",
    /* Translators: its line in “liaison-cli --help”: keep the command and the column of the text. */
    .help = N_("  map             the dependency map: who talks to whom\n"),
    .summary = N_("Writes the dependency map as Graphviz DOT, JSON, SVG or PNG."),
    .formats = &map_command_formats,
    .options = LIAISON_CLI_OPTION_FILTER | LIAISON_CLI_OPTION_OUTPUT,
    .run = command_map,
  },
  {
    .name = "impact",
    /* Translators: its line in “liaison-cli --help”: keep the command and the column of the text. */
    .help = N_("  impact          what depends on a node (or what it depends on)\n"),
    .parameters = N_("NODE"),
    .summary = N_("Lists what depends on NODE (a device, an address or a group): what breaks if it goes away."),
    .formats = &liaison_cli_text_json_formats,
    .options = LIAISON_CLI_OPTION_FILTER,
    .run = command_impact,
  },
  {
    .name = "compare",
    /* Translators: its line in “liaison-cli --help”: keep the command and the column of the text. */
    .help = N_("  compare         what is new, gone or kept between two time ranges\n"),
    .summary = N_("Lists the address pairs that are new, gone or kept between the time ranges "
                  "--before and --after, with their persistence and flow events in each."),
    .formats = &compare_formats,
    .options = LIAISON_CLI_OPTION_FILTER,
    .run = command_compare,
  },
  {
    .name = "rules",
    /* Translators: its line in “liaison-cli --help”: keep the command and the column of the text. */
    .help = N_("  rules           allow-list firewall rules from the map\n"),
    .summary = N_("Writes allow-list rules for the map’s edges, as an nftables ruleset or CSV."),
    .formats = &rules_formats,
    .options = LIAISON_CLI_OPTION_FILTER | LIAISON_CLI_OPTION_OUTPUT,
    .run = command_rules,
  },
  {
    .name = "group",
    /* Translators: its line in “liaison-cli --help”: keep the command and the column of the text. */
    .help = N_("  group           user groups of devices and addresses\n"),
    .parameters = N_("add NAME MEMBER… | remove NAME [MEMBER…] | list"),
    .summary = N_("Adds to, removes from or lists the user groups, which the map can show as one node."),
    .formats = &liaison_cli_text_json_formats,
    .run = command_group,
  },
  { NULL }
};
