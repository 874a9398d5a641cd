/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-map"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "liaison-communication.h"
#include "liaison-error.h"
#include "liaison-map-private.h"

/* A map's filters and grouping: checked, read from the words of
 * liaison-cli (cli.md) and said in them again. */

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

/* Puts @ports in order, each once; returns how many are left. */
guint
liaison_map_sort_ports (guint *ports,
                        guint  n_ports)
{
  guint n = 0;

  if (n_ports == 0)
    return 0;
  qsort (ports, n_ports, sizeof (guint), compare_uint);
  for (guint i = 0; i < n_ports; i++)
    if (n == 0 || ports[i] != ports[n - 1])
      ports[n++] = ports[i];
  return n;
}

static void
append_time (GString     *out,
             const char  *word,
             LiaisonTime  time)
{
  char buf[LIAISON_TIME_STRLEN];

  liaison_time_to_string (time, buf);
  g_string_append_printf (out, "%s%s", word, buf);
}

static void
append_duration (GString *out,
                 gint64   ms)
{
  static const struct { gint64 ms; char unit; } units[] = {
    { 86400000, 'd' }, { 3600000, 'h' }, { 60000, 'm' }, { 1000, 's' },
  };
  char buf[LIAISON_TIME_STRLEN];

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (ms % units[i].ms == 0)
      {
        g_string_append_printf (out, "%" G_GINT64_FORMAT "%c", ms / units[i].ms, units[i].unit);
        return;
      }
  liaison_duration_to_string (ms, buf);
  g_string_append_printf (out, "%ss", buf);
}

/**
 * liaison_map_describe_filters:
 *
 * Returns: (transfer full): the filters that made the map, in the words of
 *   liaison-cli (cli.md), "" when there were none
 */
char *
liaison_map_describe_filters (LiaisonMap *map)
{
  const LiaisonMapFilter *filter;
  GString *out;

  g_return_val_if_fail (map != NULL, NULL);

  filter = &map->filter;
  out = g_string_new (NULL);
  if (filter->time_range && filter->range.from != G_MININT64 + 1)
    append_time (out, " --from ", filter->range.from);
  if (filter->time_range && filter->range.to != G_MAXINT64)
    append_time (out, " --to ", filter->range.to);
  if (filter->min_persistence > 0)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (out, " --min-persistence %s",
                              g_ascii_formatd (buf, sizeof buf, "%g", filter->min_persistence));
    }
  if (filter->min_events > 0)
    g_string_append_printf (out, " --min-events %" G_GINT64_FORMAT, filter->min_events);
  if (filter->hide_loopback)
    g_string_append (out, " --hide-loopback");
  for (guint i = 0; i < filter->n_hide_ports; i++)
    g_string_append_printf (out, "%s%u", i == 0 ? " --hide-ports " : ",", filter->hide_ports[i]);
  if (filter->protocol != NULL)
    g_string_append_printf (out, " --protocol %s", filter->protocol);
  if (filter->hide_hubs > 0)
    g_string_append_printf (out, " --hide-hubs %u", filter->hide_hubs);
  if (filter->silent_at_least > 0)
    {
      g_string_append (out, " --silent-at-least ");
      append_duration (out, filter->silent_at_least);
    }
  if (filter->seen_within > 0)
    {
      g_string_append (out, " --seen-within ");
      append_duration (out, filter->seen_within);
    }

  if (out->len > 0)
    g_string_erase (out, 0, 1);
  return g_string_free (out, FALSE);
}

/**
 * liaison_map_describe_grouping:
 *
 * Returns: (transfer full): how the nodes were put together, as liaison-cli's
 *   --group says it: "device", "subnet:24", "groups" (or "groups, subnet:24")
 */
char *
liaison_map_describe_grouping (LiaisonMap *map)
{
  GString *out;

  g_return_val_if_fail (map != NULL, NULL);

  out = g_string_new (map->grouping.groups ? "groups" : NULL);
  if (map->grouping.subnets)
    {
      g_string_append_printf (out, "%ssubnet:%u", out->len > 0 ? ", " : "", map->grouping.ipv4_bits);
      if (map->grouping.ipv6_bits != 64)
        g_string_append_printf (out, ",%u", map->grouping.ipv6_bits);
    }
  if (out->len == 0)
    g_string_append (out, "device");
  return g_string_free (out, FALSE);
}

/**
 * liaison_map_filter_validate:
 *
 * Returns: %FALSE, with a %LIAISON_ERROR_INVALID error naming the value,
 *   when a figure of @filter is out of its range
 */
gboolean
liaison_map_filter_validate (const LiaisonMapFilter  *filter,
                             GError                 **error)
{
  LiaisonProtocol protocol;

  g_return_val_if_fail (filter != NULL, FALSE);

  if (isnan (filter->min_persistence) || filter->min_persistence < 0 || filter->min_persistence > 100)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                   _("a minimum persistence is a percentage from 0 to 100, not %g"), filter->min_persistence);
      return FALSE;
    }
  if (filter->min_events < 0)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                   _("a minimum of events is 0 or more, not %lld"), (long long) filter->min_events);
      return FALSE;
    }
  if (filter->time_range && filter->range.from >= filter->range.to)
    {
      char from[LIAISON_TIME_STRLEN], to[LIAISON_TIME_STRLEN];

      liaison_time_to_string (filter->range.from, from);
      liaison_time_to_string (filter->range.to, to);
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                   _("the time range from %s to %s is empty"), from, to);
      return FALSE;
    }
  if (filter->silent_at_least < 0 || filter->seen_within < 0)
    {
      g_set_error_literal (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                           _("a silence is a duration of 0 or more"));
      return FALSE;
    }
  if (filter->protocol != NULL && !liaison_protocol_from_string (filter->protocol, &protocol))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                   _("“%s” is not a protocol (tcp or udp)"), filter->protocol);
      return FALSE;
    }
  for (guint i = 0; i < filter->n_hide_ports; i++)
    if (filter->hide_ports[i] < 1 || filter->hide_ports[i] > 65535)
      {
        char port[16];

        g_snprintf (port, sizeof port, "%u", filter->hide_ports[i]);
        g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                     _("port “%s” is not between 1 and 65535"), port);
        return FALSE;
      }
  return TRUE;
}

/**
 * liaison_map_grouping_parse:
 * @text: `device`, `subnet`, `subnet:BITS` (IPv4; IPv6 subnets are /64) or `groups`
 */
gboolean
liaison_map_grouping_parse (const char          *text,
                            LiaisonMapGrouping  *grouping,
                            GError             **error)
{
  g_autofree char *word = g_strstrip (g_strdup (text != NULL ? text : ""));
  guint64 bits = 24;

  memset (grouping, 0, sizeof *grouping);
  if (g_str_equal (word, "device"))
    return TRUE;
  if (g_str_equal (word, "groups"))
    {
      grouping->groups = TRUE;
      return TRUE;
    }
  if (g_str_equal (word, "subnet") ||
      (g_str_has_prefix (word, "subnet:") &&
       g_ascii_string_to_unsigned (word + strlen ("subnet:"), 10, 1, 32, &bits, NULL)))
    {
      grouping->subnets = TRUE;
      grouping->ipv4_bits = (guint) bits;
      grouping->ipv6_bits = 64;
      return TRUE;
    }

  if (g_str_has_prefix (word, "subnet:"))
    g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                 _("“%s”: the bits of an IPv4 subnet are 1 to 32"), word);
  else
    g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                 _("“%s” is not a grouping (device, subnet, subnet:BITS or groups)"), word);
  return FALSE;
}

/**
 * liaison_map_ports_parse:
 * @text: ports separated by commas: `22,123`
 * @n_ports: (out): how many
 *
 * Returns: (transfer full) (array length=n_ports): the ports in order, each
 *   once, or %NULL with a %LIAISON_ERROR_INVALID error
 */
guint *
liaison_map_ports_parse (const char  *text,
                         guint       *n_ports,
                         GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ",", -1);
  g_autoptr(GArray) ports = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint port;

      if (!liaison_communication_validate_field (LIAISON_COLUMN_PORT, parts[i], error))
        return NULL;
      port = (guint) g_ascii_strtoull (g_strstrip (parts[i]), NULL, 10);
      g_array_append_val (ports, port);
    }
  if (ports->len == 0)
    {
      g_set_error_literal (error, LIAISON_ERROR, LIAISON_ERROR_INVALID, _("a port is required"));
      return NULL;
    }

  *n_ports = liaison_map_sort_ports ((guint *) (gpointer) ports->data, ports->len);
  return (guint *) (gpointer) g_array_free (g_steal_pointer (&ports), FALSE);
}
