/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-map"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "liaison-error.h"
#include "liaison-json.h"
#include "liaison-map-export.h"
#include "liaison-map-private.h"
#include "liaison-map-reader-private.h"
#include "liaison-output-file.h"

/*
 * The map's exports (map.md 6): the map as JSON, its drawing as DOT, SVG
 * or PNG (liaison-map-layout.c), and allow-list rules for a firewall as an
 * nftables ruleset or CSV.
 *
 * Edges into hubs are in the JSON and in the rules: a hub is drawn apart
 * and impact stops at it, but its clients still need to reach it.
 */

/* Text is written in pieces of about this much. */
#define CHUNK (64 * 1024)

static const char *format_names[] = { "json", "dot", "svg", "png", "nftables", "csv" };

/**
 * liaison_map_format_parse:
 * @text: json, dot, svg, png, nftables or csv
 */
gboolean
liaison_map_format_parse (const char        *text,
                          LiaisonMapFormat  *format,
                          GError           **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (text != NULL && g_ascii_strcasecmp (text, format_names[i]) == 0)
      {
        *format = (LiaisonMapFormat) i;
        return TRUE;
      }
  g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
               _("“%s” is not a format of the map (json, dot, svg, png, nftables or csv)"),
               text != NULL ? text : "");
  return FALSE;
}

static gboolean
flush (GString        *out,
       gsize           at_least,
       GOutputStream  *stream,
       GCancellable   *cancellable,
       GError        **error)
{
  if (out->len < at_least)
    return TRUE;
  if (!g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error))
    return FALSE;
  g_string_truncate (out, 0);
  return TRUE;
}

/* JSON ---------------------------------------------------------------------- */

static void
append_node (GString    *out,
             LiaisonMap *map,
             guint       index)
{
  const LiaisonMapNode *node = liaison_map_get_node (map, index);
  g_auto(GStrv) addresses = liaison_map_dup_addresses (map, index);

  g_string_append (out, "    {\n      \"id\": ");
  liaison_json_append_string (out, node->id);
  g_string_append_printf (out, ",\n      \"kind\": \"%s\",\n      \"addresses\": [",
                          liaison_map_node_kind_to_string (node->kind));
  for (guint i = 0; addresses[i] != NULL; i++)
    {
      g_string_append (out, i > 0 ? ", " : "");
      liaison_json_append_string (out, addresses[i]);
    }
  g_string_append_printf (out, "],\n      \"hub\": %s,\n      \"client_nodes\": %u,\n      \"listener_nodes\": %u\n    }",
                          node->hub ? "true" : "false", node->client_nodes, node->listener_nodes);
}

static void
append_count (GString  *out,
              gboolean  known,
              gint64    value)
{
  if (known)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, value);
  else
    g_string_append (out, "null");
}

static void
append_ratio (GString *out,
              double   value)
{
  if (value < 0)
    g_string_append (out, "null");
  else
    liaison_json_append_ratio (out, value);
}

static void
append_edge (GString              *out,
             LiaisonMap           *map,
             const LiaisonMapEdge *edge,
             gboolean              to_hub)
{
  g_string_append (out, "    {\n      \"client\": ");
  liaison_json_append_string (out, liaison_map_get_node (map, edge->client)->id);
  g_string_append (out, ",\n      \"listener\": ");
  liaison_json_append_string (out, liaison_map_get_node (map, edge->listener)->id);
  g_string_append_printf (out, ",\n      \"port\": %u,\n      \"protocol\": \"%s\",\n      \"service\": ",
                          edge->port, edge->protocol);
  liaison_json_append_string (out, edge->service);
  g_string_append_printf (out, ",\n      \"records\": %" G_GINT64_FORMAT ",\n      \"persistence_percent\": ",
                          edge->records);
  append_ratio (out, edge->persistence_percent);
  g_string_append (out, ",\n      \"weight\": ");
  append_ratio (out, edge->weight);
  g_string_append (out, ",\n      \"flow_events\": ");
  append_count (out, edge->has_netflow, edge->flow_events);
  g_string_append (out, ",\n      \"flow_active_samples\": ");
  append_count (out, edge->has_netflow, edge->flow_active_samples);
  g_string_append (out, ",\n      \"flow_active_span\": ");
  liaison_json_append_duration (out, edge->has_netflow ? edge->flow_active_span : -1);
  g_string_append (out, ",\n      \"first_found\": ");
  liaison_json_append_time (out, edge->first_found);
  g_string_append (out, ",\n      \"last_found\": ");
  liaison_json_append_time (out, edge->last_found);
  g_string_append (out, ",\n      \"silent_span\": ");
  liaison_json_append_duration (out, edge->silent_span);
  g_string_append_printf (out, ",\n      \"to_hub\": %s\n    }", to_hub ? "true" : "false");
}

/*
 * {"format": "liaison-map", "version": 1, "generator", "filters" and
 * "grouping" (the words of liaison-cli that made the map), "nodes",
 * "edges"}, laid out as
 * export.md's document: two spaces a level, one member a line, figures
 * never measured null, times ISO 8601 UTC, durations in seconds.
 */
static gboolean
export_json (LiaisonMap     *map,
             GOutputStream  *stream,
             GCancellable   *cancellable,
             GError        **error)
{
  g_autoptr(GString) out = g_string_sized_new (CHUNK + 4096);
  g_autofree char *filters = liaison_map_describe_filters (map);
  g_autofree char *grouping = liaison_map_describe_grouping (map);
  const LiaisonMapEdge *edges, *hub_edges;
  guint n_edges, n_hub_edges;

  edges = liaison_map_get_edges (map, &n_edges);
  hub_edges = liaison_map_get_hub_edges (map, &n_hub_edges);

  g_string_append (out, "{\n  \"format\": \"liaison-map\",\n  \"version\": 1,\n"
                        "  \"generator\": \"liaison " PACKAGE_VERSION "\",\n  \"filters\": ");
  liaison_json_append_string (out, filters);
  g_string_append (out, ",\n  \"grouping\": ");
  liaison_json_append_string (out, grouping);
  g_string_append (out, ",\n  \"nodes\": [");
  for (guint i = 0; i < liaison_map_get_n_nodes (map); i++)
    {
      g_string_append (out, i > 0 ? ",\n" : "\n");
      append_node (out, map, i);
      if (!flush (out, CHUNK, stream, cancellable, error))
        return FALSE;
    }
  g_string_append (out, liaison_map_get_n_nodes (map) > 0 ? "\n  ],\n  \"edges\": [" : "],\n  \"edges\": [");
  for (guint i = 0; i < n_edges + n_hub_edges; i++)
    {
      g_string_append (out, i > 0 ? ",\n" : "\n");
      append_edge (out, map, i < n_edges ? &edges[i] : &hub_edges[i - n_edges], i >= n_edges);
      if (!flush (out, CHUNK, stream, cancellable, error))
        return FALSE;
    }
  g_string_append (out, n_edges + n_hub_edges > 0 ? "\n  ]\n}\n" : "]\n}\n");
  return flush (out, 0, stream, cancellable, error);
}

/* Rules ---------------------------------------------------------------------- */

/* One (client address, listener address, port, protocol) of an edge. */
typedef struct
{
  guint        edge;
  guint        client;          /* map addresses */
  guint        listener;
  gint64       ns_total;        /* 0: no netstat part */
  gint64       ns_active;
  gint64       events;          /* -1: no netflow part */
  LiaisonTime  last_found;
} Pair;

typedef struct
{
  LiaisonMap *map;
  GArray     *pairs;            /* Pair */
  GHashTable *index;            /* client, listener, port << 1 | udp (as a string of 3 words) -> pair + 1 */
} Rules;

static guint
pair_hash (gconstpointer data)
{
  const guint32 *words = data;

  return (words[0] * 2654435761u) ^ (words[1] * 40503u) ^ words[2];
}

static gboolean
pair_equal (gconstpointer a,
            gconstpointer b)
{
  return memcmp (a, b, 3 * sizeof (guint32)) == 0;
}

static gboolean
on_rule_row (const LiaisonMapRow  *row,
             gpointer              user_data,
             GError              **error)
{
  Rules *rules = user_data;
  LiaisonMap *map = rules->map;
  const LiaisonMapAddress *client, *listener;
  guint32 key[3];
  guint client_index, listener_index, edge_index, found;
  Pair *pair;

  if (!liaison_map_find_address (map, row->client_key, row->scope, &client_index) ||
      !liaison_map_find_address (map, row->listener_key, row->scope, &listener_index))
    return TRUE;
  client = &g_array_index (map->addresses, LiaisonMapAddress, client_index);
  listener = &g_array_index (map->addresses, LiaisonMapAddress, listener_index);
  if (client->node == G_MAXUINT || listener->node == G_MAXUINT ||
      !liaison_map_find_edge (map, client->node, listener->node, row->port, row->protocol, &edge_index))
    return TRUE;
  /* The map left these rows out (a device talking to itself) even where
   * their nodes have an edge. */
  if (map->filter.hide_loopback && liaison_map_is_self_pair (map, client_index, listener_index))
    return TRUE;

  key[0] = client_index;
  key[1] = listener_index;
  key[2] = row->port << 1 | (row->protocol == LIAISON_PROTOCOL_UDP);
  found = GPOINTER_TO_UINT (g_hash_table_lookup (rules->index, key));
  if (found == 0)
    {
      Pair empty = { edge_index, client_index, listener_index, 0, 0, -1, LIAISON_TIME_NONE };

      g_array_append_val (rules->pairs, empty);
      found = rules->pairs->len;
      g_hash_table_insert (rules->index, g_memdup2 (key, sizeof key), GUINT_TO_POINTER (found));
    }
  pair = &g_array_index (rules->pairs, Pair, found - 1);

  if (row->is_record && row->has_netstat)
    {
      pair->ns_total += row->ns_total_samples;
      pair->ns_active += row->ns_active_samples;
    }
  if (row->is_record && row->has_netflow)
    pair->events = MAX (pair->events, 0) + row->nf_total_events;
  if (row->last_found != LIAISON_TIME_NONE)
    pair->last_found = MAX (pair->last_found, row->last_found);
  return TRUE;
}

/* Pairs by listener node, edge, then client and listener address. */
static int
compare_pairs (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  LiaisonMap *map = data;
  const Pair *x = a, *y = b;
  const LiaisonMapEdge *ex = &g_array_index (map->edges, LiaisonMapEdge, x->edge);
  const LiaisonMapEdge *ey = &g_array_index (map->edges, LiaisonMapEdge, y->edge);
  int c;

  if (ex->listener != ey->listener)
    return ex->listener < ey->listener ? -1 : 1;
  if (x->edge != y->edge)
    {
      if (ex->client != ey->client)
        return ex->client < ey->client ? -1 : 1;
      if ((c = strcmp (ex->protocol, ey->protocol)) != 0)
        return c;
      return ex->port < ey->port ? -1 : 1;
    }
  if ((c = memcmp (g_array_index (map->addresses, LiaisonMapAddress, x->client).key,
                   g_array_index (map->addresses, LiaisonMapAddress, y->client).key,
                   LIAISON_ADDRESS_KEY_LEN)) != 0)
    return c;
  return memcmp (g_array_index (map->addresses, LiaisonMapAddress, x->listener).key,
                 g_array_index (map->addresses, LiaisonMapAddress, y->listener).key,
                 LIAISON_ADDRESS_KEY_LEN);
}

/* Every pair of the map's edges, from the store, in the order of the rules. */
static GArray *
collect_pairs (LiaisonMap    *map,
               LiaisonStore  *store,
               GCancellable  *cancellable,
               GError       **error)
{
  Rules rules = { map, NULL, NULL };
  gboolean ok;

  if (store == NULL)
    {
      g_set_error_literal (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                           _("the rules are read from the database the map was made from; none was given"));
      return NULL;
    }

  rules.pairs = g_array_new (FALSE, FALSE, sizeof (Pair));
  rules.index = g_hash_table_new_full (pair_hash, pair_equal, g_free, NULL);
  ok = liaison_map_read_rows (store, map->filter.time_range ? &map->filter.range : NULL,
                              on_rule_row, &rules, cancellable, error);
  g_hash_table_unref (rules.index);
  if (!ok)
    {
      g_array_unref (rules.pairs);
      return NULL;
    }
  g_array_sort_with_data (rules.pairs, compare_pairs, map);
  return rules.pairs;
}

static void
append_address (GString                 *out,
                const LiaisonMapAddress *address)
{
  char text[LIAISON_ADDRESS_STRLEN];

  liaison_map_address_text (address->key, text);
  g_string_append (out, text);
}

/* A comment nft takes: no quote, no backslash, no control character, 128
 * bytes at most, cut where a character starts. */
static void
append_nft_comment (GString    *out,
                    const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  gsize length = 0;

  g_string_append (out, " comment \"");
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gsize size = (gsize) (g_utf8_next_char (p) - p);

      if (length + size > 128)
        break;
      if (*p == '"' || *p == '\\' || (guchar) *p < 0x20 || *p == 0x7f)
        g_string_append_c (out, '_');
      else
        g_string_append_len (out, p, (gssize) size);
      length += size;
    }
  g_string_append_c (out, '"');
}

static int
compare_address_keys (gconstpointer a,
                      gconstpointer b,
                      gpointer      data)
{
  LiaisonMap *map = data;

  return memcmp (g_array_index (map->addresses, LiaisonMapAddress, *(const guint *) a).key,
                 g_array_index (map->addresses, LiaisonMapAddress, *(const guint *) b).key,
                 LIAISON_ADDRESS_KEY_LEN);
}

/* The addresses of one family among @pairs (one edge's), each once: the
 * client side or the listener side, as an nft value or set. */
static gboolean
append_nft_set (GString       *out,
                LiaisonMap    *map,
                const Pair    *pairs,
                guint          n_pairs,
                guint8         family,
                gboolean       listeners)
{
  g_autoptr(GArray) addresses = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < n_pairs; i++)
    {
      guint address = listeners ? pairs[i].listener : pairs[i].client;
      guint other = listeners ? pairs[i].client : pairs[i].listener;

      if (g_array_index (map->addresses, LiaisonMapAddress, address).key[0] != family ||
          g_array_index (map->addresses, LiaisonMapAddress, other).key[0] != family ||
          g_hash_table_contains (seen, GUINT_TO_POINTER (address + 1)))
        continue;
      g_hash_table_add (seen, GUINT_TO_POINTER (address + 1));
      g_array_append_val (addresses, address);
    }
  if (addresses->len == 0)
    return FALSE;
  g_array_sort_with_data (addresses, compare_address_keys, map);

  g_string_append (out, addresses->len > 1 ? "{ " : "");
  for (guint i = 0; i < addresses->len; i++)
    {
      g_string_append (out, i > 0 ? ", " : "");
      append_address (out, &g_array_index (map->addresses, LiaisonMapAddress, g_array_index (addresses, guint, i)));
    }
  g_string_append (out, addresses->len > 1 ? " }" : "");
  return TRUE;
}

static void
append_nft_edge (GString    *out,
                 LiaisonMap *map,
                 const Pair *pairs,
                 guint       n_pairs)
{
  const LiaisonMapEdge *edge = &g_array_index (map->edges, LiaisonMapEdge, pairs[0].edge);
  g_autofree char *comment = g_strdup_printf ("%s -> %s %u/%s",
                                              liaison_map_get_node (map, edge->client)->id,
                                              liaison_map_get_node (map, edge->listener)->id, edge->port,
                                              edge->service != NULL ? edge->service : edge->protocol);

  for (guint family = 4; family <= 6; family += 2)
    {
      const char *ip = family == 4 ? "ip" : "ip6";
      gsize start = out->len;

      g_string_append_printf (out, "\t\t%s saddr ", ip);
      if (!append_nft_set (out, map, pairs, n_pairs, (guint8) family, FALSE))
        {
          g_string_truncate (out, start);
          continue;
        }
      g_string_append_printf (out, " %s daddr ", ip);
      append_nft_set (out, map, pairs, n_pairs, (guint8) family, TRUE);
      g_string_append_printf (out, " %s dport %u accept", edge->protocol, edge->port);
      append_nft_comment (out, comment);
      g_string_append_c (out, '\n');
    }
}

/* What made the rules, in comment lines starting with @prefix. */
static void
append_header (GString    *out,
               LiaisonMap *map,
               const char *prefix)
{
  g_autofree char *filters = liaison_map_describe_filters (map);
  g_autofree char *grouping = liaison_map_describe_grouping (map);

  g_string_append_printf (out, "%sAllow-list rules from the dependency map of Liaison " PACKAGE_VERSION "\n", prefix);
  g_string_append_printf (out, "%sFilters: %s\n", prefix, filters[0] != '\0' ? filters : "none");
  g_string_append_printf (out, "%sNodes by: %s\n", prefix, grouping);
}

/*
 * One rule per edge: its client addresses and listener addresses (a set
 * when there are several), port and protocol; the edges of one listener
 * node together, under its name. The rules are in a regular chain of their
 * own table, which a base chain of the firewall jumps to; loading the file
 * again replaces them.
 */
static gboolean
write_nftables (LiaisonMap     *map,
                GArray         *pairs,
                GString        *out,
                GOutputStream  *stream,
                GCancellable   *cancellable,
                GError        **error)
{
  const Pair *all = (const Pair *) (gpointer) pairs->data;
  guint listener = G_MAXUINT;

  g_string_append (out, "# Use: nft -f FILE, then \"jump allow\" to this table's chain from an input or\n"
                        "# forward chain of the firewall (table inet liaison).\n\n"
                        "table inet liaison\n"
                        "flush table inet liaison\n\n"
                        "table inet liaison {\n"
                        "\tchain allow {\n");

  for (guint i = 0; i < pairs->len; )
    {
      const LiaisonMapEdge *edge = &g_array_index (map->edges, LiaisonMapEdge, all[i].edge);
      guint end = i;

      while (end < pairs->len && all[end].edge == all[i].edge)
        end++;
      if (edge->listener != listener)
        {
          g_autofree char *name = g_utf8_make_valid (liaison_map_get_node (map, edge->listener)->id, -1);

          for (char *p = name; *p != '\0'; p++)
            if ((guchar) *p < 0x20 || *p == 0x7f)
              *p = ' ';
          g_string_append_printf (out, "%s\t\t# %s\n", listener != G_MAXUINT ? "\n" : "", name);
          listener = edge->listener;
        }
      append_nft_edge (out, map, &all[i], end - i);
      if (!flush (out, CHUNK, stream, cancellable, error))
        return FALSE;
      i = end;
    }

  g_string_append (out, "\t}\n}\n");
  return TRUE;
}

/* One line per address pair:
 * client_ip,listener_ip,port,protocol,service,persistence_percent,flow_events,last_found */
static gboolean
write_csv (LiaisonMap     *map,
           GArray         *pairs,
           GString        *out,
           GOutputStream  *stream,
           GCancellable   *cancellable,
           GError        **error)
{
  g_string_append (out, "client_ip,listener_ip,port,protocol,service,persistence_percent,flow_events,last_found\n");
  for (guint i = 0; i < pairs->len; i++)
    {
      const Pair *pair = &g_array_index (pairs, Pair, i);
      const LiaisonMapEdge *edge = &g_array_index (map->edges, LiaisonMapEdge, pair->edge);

      append_address (out, &g_array_index (map->addresses, LiaisonMapAddress, pair->client));
      g_string_append_c (out, ',');
      append_address (out, &g_array_index (map->addresses, LiaisonMapAddress, pair->listener));
      g_string_append_printf (out, ",%u,%s,%s,", edge->port, edge->protocol,
                              edge->service != NULL ? edge->service : "");
      if (pair->ns_total > 0)
        liaison_json_append_ratio (out, 100.0 * (double) pair->ns_active / (double) pair->ns_total);
      g_string_append_c (out, ',');
      if (pair->events >= 0)
        g_string_append_printf (out, "%" G_GINT64_FORMAT, pair->events);
      g_string_append_c (out, ',');
      if (pair->last_found != LIAISON_TIME_NONE)
        {
          char time[LIAISON_TIME_STRLEN];

          liaison_time_to_string (pair->last_found, time);
          g_string_append (out, time);
        }
      g_string_append_c (out, '\n');
      if (!flush (out, CHUNK, stream, cancellable, error))
        return FALSE;
    }
  return TRUE;
}

/* The rules of the map's edges, under a header that says what made them. */
static gboolean
export_rules (LiaisonMap        *map,
              LiaisonStore      *store,
              LiaisonMapFormat   format,
              GOutputStream     *stream,
              GCancellable      *cancellable,
              GError           **error)
{
  g_autoptr(GArray) pairs = collect_pairs (map, store, cancellable, error);
  g_autoptr(GString) out = g_string_sized_new (CHUNK + 4096);

  if (pairs == NULL)
    return FALSE;
  if (format == LIAISON_MAP_FORMAT_NFTABLES)
    g_string_append (out, "#!/usr/sbin/nft -f\n");
  append_header (out, map, "# ");
  if (!(format == LIAISON_MAP_FORMAT_NFTABLES ? write_nftables : write_csv) (map, pairs, out, stream,
                                                                              cancellable, error))
    return FALSE;
  return flush (out, 0, stream, cancellable, error);
}

/* Exporting ------------------------------------------------------------------- */

/**
 * liaison_map_export:
 * @options: the format; the store for the rules; the layout for the drawings
 *
 * Writes the map in one of the formats of map.md 6.
 */
gboolean
liaison_map_export (LiaisonMap              *map,
                    const LiaisonMapExport  *options,
                    GOutputStream           *stream,
                    GCancellable            *cancellable,
                    GError                 **error)
{
  g_autoptr(LiaisonMapLayout) own_layout = NULL;
  const LiaisonMapLayout *layout;

  g_return_val_if_fail (map != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  switch (options->format)
    {
    case LIAISON_MAP_FORMAT_JSON:
      return export_json (map, stream, cancellable, error);

    case LIAISON_MAP_FORMAT_NFTABLES:
    case LIAISON_MAP_FORMAT_CSV:
      return export_rules (map, options->store, options->format, stream, cancellable, error);

    case LIAISON_MAP_FORMAT_DOT:
    case LIAISON_MAP_FORMAT_SVG:
    case LIAISON_MAP_FORMAT_PNG:
      layout = options->layout;
      if (layout == NULL)
        {
          layout = own_layout = liaison_map_layout_compute (map, LIAISON_LAYOUT_AUTO, cancellable, error);
          if (layout == NULL)
            return FALSE;
        }
      return liaison_map_layout_render (map, layout, format_names[options->format], stream, cancellable, error);

    default:
      g_return_val_if_reached (FALSE);
    }
}

typedef struct
{
  LiaisonMap             *map;
  const LiaisonMapExport *options;
} ExportFile;

static gboolean
write_export (GOutputStream  *stream,
              gpointer        user_data,
              GCancellable   *cancellable,
              GError        **error)
{
  ExportFile *file = user_data;

  return liaison_map_export (file->map, file->options, stream, cancellable, error);
}

/**
 * liaison_map_export_file:
 *
 * liaison_map_export() to @path, which appears only when it is complete.
 */
gboolean
liaison_map_export_file (LiaisonMap              *map,
                         const LiaisonMapExport  *options,
                         const char              *path,
                         GCancellable            *cancellable,
                         GError                 **error)
{
  ExportFile file = { map, options };

  g_return_val_if_fail (path != NULL, FALSE);

  return liaison_output_file_write (path, write_export, &file, cancellable, error);
}
