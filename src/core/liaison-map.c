/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-map"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "liaison-error.h"
#include "liaison-map-private.h"

/* The map once made (liaison-map-builder.c makes it): its addresses and
 * scopes, its nodes and edges, and the names and addresses that find a node. */

gboolean
liaison_map_check_cancelled (GCancellable  *cancellable,
                             GError       **error)
{
  if (cancellable == NULL || !g_cancellable_is_cancelled (cancellable))
    return FALSE;
  g_set_error_literal (error, LIAISON_ERROR, LIAISON_ERROR_CANCELLED, _("the map was cancelled"));
  return TRUE;
}

/* Addresses -------------------------------------------------------------- */

/* The words an address is found by in address_index: family and scope,
 * then the sixteen address bytes. */
void
liaison_map_address_words (const guint8 *key,
                           guint         scope,
                           guint32       words[5])
{
  words[0] = key[0] | (guint32) scope << 8;
  memcpy (words + 1, key + 1, 16);
}

/* The one-word id of an IPv4 address that is not loopback (most of them). */
static inline guint64
ipv4_id (const guint8 *key)
{
  return G_GUINT64_CONSTANT (1) << 32 | (guint64) key[1] << 24 | (guint64) key[2] << 16 |
         (guint64) key[3] << 8 | key[4];
}

gboolean
liaison_map_key_is_loopback (const guint8 *key)
{
  static const guint8 v6_loopback[16] = { [15] = 1 };

  if (key[0] == 4)
    return key[1] == 127;
  return key[0] == 6 && memcmp (key + 1, v6_loopback, 16) == 0;
}

void
liaison_map_address_text (const guint8 *key,
                          char          buf[LIAISON_ADDRESS_STRLEN])
{
  LiaisonAddress address;

  address.family = key[0];
  memcpy (address.bytes, key + 1, 16);
  liaison_address_to_string (&address, buf);
}

/* The index of @scope among the map's scopes ("" is 0), or G_MAXUINT when it has none. */
static guint
scope_index (LiaisonMap *map,
             const char *scope)
{
  guint value;

  if (scope == NULL || *scope == '\0')
    return 0;
  value = GPOINTER_TO_UINT (g_hash_table_lookup (map->scope_ids, scope));
  return value == 0 ? G_MAXUINT : value - 1;
}

guint
liaison_map_intern_scope (LiaisonMap *map,
                          const char *scope)
{
  guint index = scope_index (map, scope);
  char *copy;

  if (index != G_MAXUINT)
    return index;
  copy = g_strdup (scope);
  g_ptr_array_add (map->scopes, copy);
  g_hash_table_insert (map->scope_ids, copy, GUINT_TO_POINTER (map->scopes->len));
  return map->scopes->len - 1;
}

/* The address of @key in @scope (an index into scopes, 0 unless @key is
 * loopback), if the map has it. */
gboolean
liaison_map_address_lookup (LiaisonMap   *map,
                            const guint8 *key,
                            guint         scope,
                            guint        *address)
{
  guint32 words[5];

  if (key[0] == 4 && scope == 0 && !liaison_map_key_is_loopback (key))
    return liaison_id_table_lookup (&map->ipv4_index, ipv4_id (key), address);
  liaison_map_address_words (key, scope, words);
  return liaison_key_table_lookup (&map->address_index, words, address);
}

/* Adds the address of @key in @scope, with @device as the device named for it. */
guint
liaison_map_address_add (LiaisonMap   *map,
                         const guint8 *key,
                         guint         scope,
                         const char   *device)
{
  LiaisonMapAddress address = { 0 };
  guint index = map->addresses->len;

  if (key[0] == 4 && scope == 0 && !liaison_map_key_is_loopback (key))
    liaison_id_table_insert (&map->ipv4_index, ipv4_id (key), index, NULL);
  else
    {
      guint32 words[5];

      liaison_map_address_words (key, scope, words);
      liaison_key_table_insert (&map->address_index, words, index, NULL);
    }

  memcpy (address.key, key, LIAISON_ADDRESS_KEY_LEN);
  address.scope = scope;
  /* A loopback address belongs to the host it was seen on. */
  if (scope != 0)
    device = g_ptr_array_index (map->scopes, scope);
  if (device != NULL && *device != '\0')
    address.device = g_string_chunk_insert_const (map->strings, device);
  address.node = G_MAXUINT;
  address.pnode = G_MAXUINT;
  g_array_append_val (map->addresses, address);
  return index;
}

gboolean
liaison_map_find_address (LiaisonMap   *map,
                          const guint8 *key,
                          const char   *scope_text,
                          guint        *address)
{
  guint scope = liaison_map_key_is_loopback (key) ? scope_index (map, scope_text) : 0;

  return scope != G_MAXUINT && liaison_map_address_lookup (map, key, scope, address);
}

/* Whether two addresses are one device talking to itself, over loopback or
 * its own address: what hide loopback leaves out. */
gboolean
liaison_map_is_self_pair (LiaisonMap *map,
                          guint       client,
                          guint       listener)
{
  const char *device = g_array_index (map->addresses, LiaisonMapAddress, client).device;

  return client == listener ||
         (device != NULL && device == g_array_index (map->addresses, LiaisonMapAddress, listener).device);
}

static void
map_clear (gpointer data)
{
  LiaisonMap *map = data;

  g_free (map->hide_ports);
  g_clear_pointer (&map->nodes, g_array_unref);
  g_clear_pointer (&map->node_ids, g_ptr_array_unref);
  g_clear_pointer (&map->edges, g_array_unref);
  g_clear_pointer (&map->addresses, g_array_unref);
  liaison_key_table_clear (&map->address_index);
  liaison_id_table_clear (&map->ipv4_index);
  g_clear_pointer (&map->scope_ids, g_hash_table_unref);
  g_clear_pointer (&map->scopes, g_ptr_array_unref);
  g_clear_pointer (&map->node_addresses, g_array_unref);
  g_free (map->node_first);
  liaison_triple_table_clear (&map->edge_index);
  g_clear_pointer (&map->names, g_hash_table_unref);
  g_clear_pointer (&map->groups, g_hash_table_unref);
  g_clear_pointer (&map->strings, g_string_chunk_free);
}

LiaisonMap *
liaison_map_alloc (const LiaisonMapFilter   *filter,
                   const LiaisonMapGrouping *grouping)
{
  LiaisonMap *map = g_atomic_rc_box_new0 (LiaisonMap);
  LiaisonProtocol protocol;

  if (filter != NULL)
    map->filter = *filter;
  map->hide_ports = g_memdup2 (map->filter.hide_ports, map->filter.n_hide_ports * sizeof (guint));
  map->filter.n_hide_ports = liaison_map_sort_ports (map->hide_ports, map->filter.n_hide_ports);
  map->filter.hide_ports = map->hide_ports;
  map->filter.protocol = liaison_protocol_from_string (map->filter.protocol, &protocol)
                         ? liaison_protocol_to_string (protocol) : NULL;
  if (grouping != NULL)
    map->grouping = *grouping;
  if (map->grouping.ipv4_bits == 0)
    map->grouping.ipv4_bits = 24;
  if (map->grouping.ipv6_bits == 0)
    map->grouping.ipv6_bits = 64;

  map->nodes = g_array_new (FALSE, FALSE, sizeof (LiaisonMapNode));
  map->node_ids = g_ptr_array_new_with_free_func (g_free);
  map->edges = g_array_new (FALSE, FALSE, sizeof (LiaisonMapEdge));
  map->addresses = g_array_new (FALSE, FALSE, sizeof (LiaisonMapAddress));
  liaison_key_table_init (&map->address_index, 5);
  liaison_id_table_init (&map->ipv4_index, TRUE);
  map->scopes = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (map->scopes, g_strdup (""));
  map->scope_ids = g_hash_table_new (g_str_hash, g_str_equal);
  map->names = g_hash_table_new (g_str_hash, g_str_equal);
  map->groups = g_hash_table_new (g_str_hash, g_str_equal);
  map->strings = g_string_chunk_new (4096);
  return map;
}

LiaisonMap *
liaison_map_ref (LiaisonMap *map)
{
  g_return_val_if_fail (map != NULL, NULL);

  return g_atomic_rc_box_acquire (map);
}

void
liaison_map_unref (LiaisonMap *map)
{
  if (map != NULL)
    g_atomic_rc_box_release_full (map, map_clear);
}

guint
liaison_map_get_n_nodes (LiaisonMap *map)
{
  g_return_val_if_fail (map != NULL, 0);

  return map->nodes->len;
}

const LiaisonMapNode *
liaison_map_get_node (LiaisonMap *map,
                      guint       index)
{
  g_return_val_if_fail (map != NULL, NULL);
  g_return_val_if_fail (index < map->nodes->len, NULL);

  return &g_array_index (map->nodes, LiaisonMapNode, index);
}

/**
 * liaison_map_get_edges:
 * @n_edges: (out): how many
 *
 * Returns: (array length=n_edges): the edges that are drawn, by client
 *   node, listener node, protocol and port
 */
const LiaisonMapEdge *
liaison_map_get_edges (LiaisonMap *map,
                       guint      *n_edges)
{
  g_return_val_if_fail (map != NULL, NULL);

  *n_edges = map->n_drawn;
  return (const LiaisonMapEdge *) (gpointer) map->edges->data;
}

/**
 * liaison_map_get_hub_edges:
 * @n_edges: (out): how many
 *
 * Returns: (array length=n_edges): the edges into hubs, which are not
 *   drawn and which impact stops at unless told otherwise
 */
const LiaisonMapEdge *
liaison_map_get_hub_edges (LiaisonMap *map,
                           guint      *n_edges)
{
  g_return_val_if_fail (map != NULL, NULL);

  *n_edges = map->edges->len - map->n_drawn;
  return &g_array_index (map->edges, LiaisonMapEdge, map->n_drawn);
}

/**
 * liaison_map_dup_addresses:
 *
 * Returns: (transfer full): the addresses of a node, in numeric order
 */
GStrv
liaison_map_dup_addresses (LiaisonMap *map,
                           guint       node)
{
  GStrv addresses;
  guint first, n;

  g_return_val_if_fail (map != NULL, NULL);
  g_return_val_if_fail (node < map->nodes->len, NULL);

  first = map->node_first[node];
  n = map->node_first[node + 1] - first;
  addresses = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      const LiaisonMapAddress *address = &g_array_index (map->addresses, LiaisonMapAddress,
                                                         g_array_index (map->node_addresses, guint, first + i));

      addresses[i] = g_malloc (LIAISON_ADDRESS_STRLEN);
      liaison_map_address_text (address->key, addresses[i]);
    }
  return addresses;
}

/**
 * liaison_map_lookup_node:
 * @text: a node's id, a device name, an address or a group name
 * @index: (out): the node
 * @error: return location for a %LIAISON_ERROR_INVALID error
 *
 * Finds the node a person names: a device in a collapsed group finds the
 * group, an address finds its device.
 */
gboolean
liaison_map_lookup_node (LiaisonMap  *map,
                         const char  *text,
                         guint       *index,
                         GError     **error)
{
  g_autofree char *name = g_strstrip (g_strdup (text != NULL ? text : ""));
  LiaisonAddress address;
  guint found;

  g_return_val_if_fail (map != NULL, FALSE);

  if ((found = GPOINTER_TO_UINT (g_hash_table_lookup (map->names, name))) != 0)
    {
      *index = found - 1;
      return TRUE;
    }

  if (liaison_address_parse (name, -1, &address))
    {
      guint8 key[LIAISON_ADDRESS_KEY_LEN];
      guint at;

      liaison_address_to_key (&address, key);
      if (liaison_address_is_loopback (&address))
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                       _("“%s” is a loopback address: it is part of each device it was seen on; name the device"),
                       name);
          return FALSE;
        }
      if (liaison_map_find_address (map, key, NULL, &at) &&
          g_array_index (map->addresses, LiaisonMapAddress, at).node != G_MAXUINT)
        {
          *index = g_array_index (map->addresses, LiaisonMapAddress, at).node;
          return TRUE;
        }
    }
  else if (g_hash_table_contains (map->groups, name) && !map->grouping.groups)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                   _("“%s” is a group, and this map does not show groups as nodes"), name);
      return FALSE;
    }

  g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
               _("“%s” is not in the map: no device, address or group of that name has an edge that passes the filters"),
               name);
  return FALSE;
}

/**
 * liaison_map_node_kind_to_string:
 *
 * Returns: the word for @kind in the map's documents: "group", "device",
 *   "subnet" or "address"
 */
const char *
liaison_map_node_kind_to_string (LiaisonMapNodeKind kind)
{
  static const char *names[] = { "group", "device", "subnet", "address" };

  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (names), "");

  return names[kind];
}
