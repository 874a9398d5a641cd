/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-map"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "liaison-error.h"
#include "liaison-map-private.h"
#include "liaison-map-reader-private.h"
#include "liaison-services.h"
#include "liaison-store-private.h"

/* Reads of the map with its connections side by side before it is read on
 * one connection alone (liaison_map_new()). */
#define MAP_READ_ATTEMPTS 3

/*
 * The map is made in one pass over the store (liaison-store-map.c), in the
 * order the rows lie in the database, summing each row into its edge in a
 * hash table: memory grows with the addresses and the edges, not with the
 * rows. Sorting or grouping a million rows in SQL takes seconds; reading
 * them takes a fraction of one.
 *
 * 1. The devices named for each address, from the indexes of the service
 *    communications and statistics records: an address belongs to the
 *    device a row names for it anywhere (a listener side first), so that
 *    every edge of web01's address is an edge of web01 (map.md 1). A
 *    loopback address belongs to the host it was seen on. Nothing after
 *    this depends on the order of the rows, which come from two threads.
 * 2. Each statistics record and each service communication: its addresses
 *    go to their nodes (a user group, the device, the subnet or the address
 *    itself), the row to the edge of its two nodes, port and protocol. A
 *    (client address, listener address, port, protocol) pair is counted in
 *    `records` once, however many rows (processes, both parts) it has.
 * 3. The figures of each edge, the filters of map.md 3, the hubs, and the
 *    nodes in a fixed order: groups, devices, subnets, addresses.
 */

/* A node while the map is being made. */
typedef struct
{
  LiaisonMapNodeKind  kind;
  const char         *name;                              /* interned */
  guint8              sort_key[LIAISON_ADDRESS_KEY_LEN + 1]; /* subnets and addresses */
  guint               final;                             /* G_MAXUINT: not in the map */
  guint               clients;
  guint               listeners;
  gboolean            in_map;
} PNode;

/* The sums of one edge. */
typedef struct
{
  guint            client;             /* PNode */
  guint            listener;
  guint            port;
  LiaisonProtocol  protocol;
  gint64           records;
  gboolean         has_netstat;
  gint64           ns_total;
  gint64           ns_active;
  gint64           ns_ports;
  gboolean         has_netflow;
  gint64           nf_events;
  gint64           nf_samples;
  gint64           nf_span;
  LiaisonTime      first;
  LiaisonTime      last;
  gint64           silent;
} EdgeSum;

/* An address just looked up, kept for the next row (rows of one sample lie together). */
typedef struct
{
  guint8  key[LIAISON_ADDRESS_KEY_LEN];
  guint   scope;
  guint   address;
  gboolean valid;
} LastAddress;

typedef struct
{
  LiaisonMap      *map;
  GArray          *pnodes;            /* PNode */
  GHashTable      *pnode_index;       /* "kind:name" -> PNode + 1 */
  GHashTable      *device_pnodes;     /* interned device -> PNode + 1 */
  GArray          *sums;              /* EdgeSum */
  LiaisonTripleTable sum_index;       /* client node, listener node, port << 1 | udp -> EdgeSum */
  GPtrArray       *pairs;             /* per listener address: LiaisonIdTable of pair_key() */
  GHashTable      *device_groups;     /* device -> interned group name */
  GHashTable      *address_groups;    /* canonical address -> interned group name */
  guint8          *hidden_ports;      /* a bit per port */
  gboolean         one_protocol;
  LiaisonProtocol  protocol;
  LastAddress      last[2];           /* client, listener */
} Builder;

/* The address of one side of @row (0 client, 1 listener), added if new.
 * The previous row's is kept: the rows of one sample share addresses. */
static guint
row_address (Builder             *b,
             guint                side,
             const LiaisonMapRow *row)
{
  const guint8 *key = side == 0 ? row->client_key : row->listener_key;
  LastAddress *last = &b->last[side];
  guint scope = 0;
  guint index;

  if (liaison_map_key_is_loopback (key))
    scope = liaison_map_intern_scope (b->map, row->scope);

  if (last->valid && last->scope == scope && memcmp (last->key, key, LIAISON_ADDRESS_KEY_LEN) == 0)
    return last->address;

  /* One the devices did not name has no device (a loopback one has its host). */
  if (!liaison_map_address_lookup (b->map, key, scope, &index))
    index = liaison_map_address_add (b->map, key, scope, NULL);
  memcpy (last->key, key, LIAISON_ADDRESS_KEY_LEN);
  last->scope = scope;
  last->address = index;
  last->valid = TRUE;
  return index;
}

/* Nodes ------------------------------------------------------------------ */

static const char *kind_words[] = { "group", "device", "subnet", "address" };

static guint
pnode_get (Builder            *b,
           LiaisonMapNodeKind  kind,
           const char         *name,
           const guint8       *sort_key)
{
  g_autofree char *id = g_strdup_printf ("%s:%s", kind_words[kind], name);
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (b->pnode_index, id));
  PNode node = { 0 };

  if (index != 0)
    return index - 1;

  node.kind = kind;
  node.name = g_string_chunk_insert_const (b->map->strings, name);
  if (sort_key != NULL)
    memcpy (node.sort_key, sort_key, sizeof node.sort_key);
  node.final = G_MAXUINT;
  g_array_append_val (b->pnodes, node);
  g_hash_table_insert (b->pnode_index, g_steal_pointer (&id), GUINT_TO_POINTER (b->pnodes->len));
  return b->pnodes->len - 1;
}

/* The subnet of an address-only node: its name and its sort key. */
static guint
subnet_node (Builder      *b,
             const guint8 *key)
{
  guint bits = key[0] == 4 ? b->map->grouping.ipv4_bits : b->map->grouping.ipv6_bits;
  guint8 prefix[LIAISON_ADDRESS_KEY_LEN + 1] = { 0 };
  char text[LIAISON_ADDRESS_STRLEN];
  g_autofree char *name = NULL;

  prefix[0] = key[0];
  for (guint i = 0; i < 16; i++)
    {
      guint bits_here = bits > i * 8 ? MIN (bits - i * 8, 8) : 0;

      prefix[1 + i] = key[1 + i] & (guint8) (0xff00 >> bits_here);
    }
  prefix[LIAISON_ADDRESS_KEY_LEN] = (guint8) bits;
  liaison_map_address_text (prefix, text);
  name = g_strdup_printf ("%s/%u", text, bits);
  return pnode_get (b, LIAISON_MAP_NODE_SUBNET, name, prefix);
}

/* The node of an address (map.md 1): its group, its device, its subnet, or itself. */
static guint
address_node (Builder *b,
              guint    index)
{
  LiaisonMap *map = b->map;
  LiaisonMapAddress *address = &g_array_index (map->addresses, LiaisonMapAddress, index);
  const char *group = NULL;
  char text[LIAISON_ADDRESS_STRLEN];
  guint pnode;

  if (address->pnode != G_MAXUINT)
    return address->pnode;

  liaison_map_address_text (address->key, text);
  if (map->grouping.groups)
    {
      if (address->scope == 0)
        group = g_hash_table_lookup (b->address_groups, text);
      if (group == NULL && address->device != NULL)
        group = g_hash_table_lookup (b->device_groups, address->device);
    }

  if (group != NULL)
    pnode = pnode_get (b, LIAISON_MAP_NODE_GROUP, group, NULL);
  else if (address->device != NULL)
    pnode = pnode_get (b, LIAISON_MAP_NODE_DEVICE, address->device, NULL);
  else if (map->grouping.subnets)
    pnode = subnet_node (b, address->key);
  else
    {
      guint8 sort_key[LIAISON_ADDRESS_KEY_LEN + 1] = { 0 };

      memcpy (sort_key, address->key, LIAISON_ADDRESS_KEY_LEN);
      pnode = pnode_get (b, LIAISON_MAP_NODE_ADDRESS, text, sort_key);
    }

  /* pnode_get() leaves the addresses alone: @address is still valid. */
  address->pnode = pnode;
  if (address->device != NULL)
    g_hash_table_insert (b->device_pnodes, (gpointer) address->device, GUINT_TO_POINTER (pnode + 1));
  return pnode;
}

/* Reading the store ------------------------------------------------------- */

static gboolean
on_device (const guint8  *key,
           const char    *scope,
           const char    *device,
           gboolean       listener_side,
           gpointer       user_data,
           GError       **error)
{
  Builder *b = user_data;
  guint scope_at = liaison_map_key_is_loopback (key) ? liaison_map_intern_scope (b->map, scope) : 0;
  guint index;

  /* The first side to name one wins: listener sides come first. */
  if (!liaison_map_address_lookup (b->map, key, scope_at, &index))
    liaison_map_address_add (b->map, key, scope_at, device);
  return TRUE;
}

static gboolean
on_member (const char  *group,
           const char  *kind,
           const char  *member,
           gpointer     user_data,
           GError     **error)
{
  Builder *b = user_data;
  const char *name = g_string_chunk_insert_const (b->map->strings, group);

  g_hash_table_add (b->map->groups, (gpointer) name);
  if (g_str_equal (kind, "device"))
    g_hash_table_insert (b->device_groups, g_string_chunk_insert_const (b->map->strings, member), (gpointer) name);
  else
    g_hash_table_insert (b->address_groups, g_strdup (member), (gpointer) name);
  return TRUE;
}

static LiaisonTime
time_min (LiaisonTime a,
          LiaisonTime b)
{
  return a == LIAISON_TIME_NONE ? b : b == LIAISON_TIME_NONE ? a : MIN (a, b);
}

static LiaisonTime
time_max (LiaisonTime a,
          LiaisonTime b)
{
  return a == LIAISON_TIME_NONE ? b : b == LIAISON_TIME_NONE ? a : MAX (a, b);
}

/* A client and a port and protocol, as a key of a listener's set (never 0). */
static inline guint64
pair_key (guint client,
          guint port_protocol)
{
  return (guint64) client << 18 | (port_protocol + 1);
}

static gboolean
on_row (const LiaisonMapRow  *row,
        gpointer              user_data,
        GError              **error)
{
  Builder *b = user_data;
  LiaisonMap *map = b->map;
  guint client, listener, client_node, listener_node;
  guint port_protocol = row->port << 1 | (row->protocol == LIAISON_PROTOCOL_UDP);
  gboolean new_pair;
  EdgeSum *sum;
  guint index;

  if ((b->one_protocol && row->protocol != b->protocol) ||
      (b->hidden_ports[row->port >> 3] & (1 << (row->port & 7))) != 0)
    return TRUE;

  client = row_address (b, 0, row);
  listener = row_address (b, 1, row);
  client_node = address_node (b, client);
  listener_node = address_node (b, listener);

  if (map->filter.hide_loopback && liaison_map_is_self_pair (map, client, listener))
    return TRUE;

  /* One small set per listener: the rows of one listener mostly come
   * together (a sample's), and so stay in the processor's cache. */
  if (listener >= b->pairs->len)
    g_ptr_array_set_size (b->pairs, (listener + 1) * 2);
  if (g_ptr_array_index (b->pairs, listener) == NULL)
    {
      LiaisonIdTable *set = g_new (LiaisonIdTable, 1);

      liaison_id_table_init (set, FALSE);
      g_ptr_array_index (b->pairs, listener) = set;
    }
  liaison_id_table_insert (g_ptr_array_index (b->pairs, listener), pair_key (client, port_protocol), 0, &new_pair);
  index = liaison_triple_table_insert (&b->sum_index, client_node, listener_node, port_protocol,
                                       b->sums->len, NULL);
  if (index == b->sums->len)
    {
      EdgeSum empty = { 0 };

      empty.client = client_node;
      empty.listener = listener_node;
      empty.port = row->port;
      empty.protocol = row->protocol;
      empty.first = LIAISON_TIME_NONE;
      empty.last = LIAISON_TIME_NONE;
      empty.silent = -1;
      g_array_append_val (b->sums, empty);
    }
  sum = &g_array_index (b->sums, EdgeSum, index);

  sum->records += new_pair;
  if (row->is_record && row->has_netstat)
    {
      sum->has_netstat = TRUE;
      sum->ns_total += row->ns_total_samples;
      sum->ns_active += row->ns_active_samples;
      sum->ns_ports += row->ns_total_ports;
    }
  if (row->is_record && row->has_netflow)
    {
      sum->has_netflow = TRUE;
      sum->nf_events += row->nf_total_events;
      sum->nf_samples += row->nf_active_samples;
      sum->nf_span += row->nf_active_span;
    }
  sum->first = time_min (sum->first, row->first_found);
  sum->last = time_max (sum->last, row->last_found);
  if (row->silent_span >= 0 && (sum->silent < 0 || row->silent_span < sum->silent))
    sum->silent = row->silent_span;
  return TRUE;
}

/* Edges ------------------------------------------------------------------- */

static void
edge_from_sum (LiaisonMapEdge *edge,
               const EdgeSum  *sum)
{
  memset (edge, 0, sizeof *edge);
  edge->client = sum->client;
  edge->listener = sum->listener;
  edge->port = sum->port;
  edge->protocol = liaison_protocol_to_string (sum->protocol);
  edge->service = liaison_service_name (sum->port, edge->protocol);
  edge->records = sum->records;

  edge->has_netstat = sum->has_netstat;
  edge->ns_total_samples = sum->ns_total;
  edge->ns_active_samples = sum->ns_active;
  edge->ns_total_ports = sum->ns_ports;
  edge->persistence_percent = sum->ns_total > 0 ? 100.0 * (double) sum->ns_active / (double) sum->ns_total : -1;
  edge->weight = sum->ns_active > 0 ? (double) sum->ns_ports / (double) sum->ns_active : -1;

  edge->has_netflow = sum->has_netflow;
  edge->flow_events = sum->nf_events;
  edge->flow_active_samples = sum->nf_samples;
  edge->flow_active_span = sum->nf_span;

  edge->first_found = sum->first;
  edge->last_found = sum->last;
  edge->silent_span = sum->silent;
}

/* map.md 3: an edge with no netstat part passes a persistence filter only
 * when it has netflow events; likewise an edge with no netflow part passes
 * an events filter only when netstat found it. */
static gboolean
edge_passes (const LiaisonMapFilter *filter,
             const LiaisonMapEdge   *edge)
{
  if (filter->min_persistence > 0 &&
      !(edge->has_netstat ? edge->persistence_percent >= filter->min_persistence
                          : edge->has_netflow && edge->flow_events > 0))
    return FALSE;
  if (filter->min_events > 0 &&
      !(edge->has_netflow ? edge->flow_events >= filter->min_events : edge->has_netstat))
    return FALSE;
  if (filter->silent_at_least > 0 &&
      (edge->silent_span < 0 || edge->silent_span < filter->silent_at_least))
    return FALSE;
  /* Seen within D: known to be silent for less than D. */
  if (filter->seen_within > 0 &&
      (edge->silent_span < 0 || edge->silent_span >= filter->seen_within))
    return FALSE;
  return TRUE;
}

static int
compare_edges (gconstpointer a,
               gconstpointer b)
{
  const LiaisonMapEdge *x = a, *y = b;

  if (x->client != y->client)
    return x->client < y->client ? -1 : 1;
  if (x->listener != y->listener)
    return x->listener < y->listener ? -1 : 1;
  if (x->protocol != y->protocol)
    return strcmp (x->protocol, y->protocol);
  return (x->port > y->port) - (x->port < y->port);
}

static int
compare_pnodes (gconstpointer a,
                gconstpointer b,
                gpointer      data)
{
  const PNode *pnodes = data;
  const PNode *x = &pnodes[*(const guint *) a], *y = &pnodes[*(const guint *) b];

  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  if (x->kind == LIAISON_MAP_NODE_SUBNET || x->kind == LIAISON_MAP_NODE_ADDRESS)
    return memcmp (x->sort_key, y->sort_key, sizeof x->sort_key);
  return strcmp (x->name, y->name);
}

/* Counts, for each node, the other nodes calling it and those it calls. */
static void
count_neighbours (Builder *b,
                  GArray  *edges)
{
  LiaisonKeyTable seen;

  liaison_key_table_init (&seen, 2);
  for (guint i = 0; i < edges->len; i++)
    {
      const LiaisonMapEdge *edge = &g_array_index (edges, LiaisonMapEdge, i);
      guint32 words[2] = { edge->client, edge->listener };
      gboolean inserted;

      if (edge->client == edge->listener)
        continue;
      liaison_key_table_insert (&seen, words, 0, &inserted);
      if (inserted)
        {
          g_array_index (b->pnodes, PNode, edge->listener).clients++;
          g_array_index (b->pnodes, PNode, edge->client).listeners++;
        }
    }
  liaison_key_table_clear (&seen);
}

/* The nodes with edges, in their order, with ids unique in the map. */
static void
place_nodes (Builder *b,
             GArray  *edges)
{
  LiaisonMap *map = b->map;
  PNode *pnodes = (PNode *) (gpointer) b->pnodes->data;
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < edges->len; i++)
    {
      const LiaisonMapEdge *edge = &g_array_index (edges, LiaisonMapEdge, i);

      pnodes[edge->client].in_map = TRUE;
      pnodes[edge->listener].in_map = TRUE;
    }
  for (guint i = 0; i < b->pnodes->len; i++)
    if (pnodes[i].in_map)
      g_array_append_val (order, i);
  g_array_sort_with_data (order, compare_pnodes, pnodes);

  for (guint i = 0; i < order->len; i++)
    {
      PNode *pnode = &pnodes[g_array_index (order, guint, i)];
      LiaisonMapNode node = { 0 };
      char *id;

      /* A device named like a group (or an address) keeps its kind in its id. */
      if (g_hash_table_contains (taken, pnode->name))
        id = g_strdup_printf ("%s:%s", kind_words[pnode->kind], pnode->name);
      else
        id = g_strdup (pnode->name);
      g_ptr_array_add (map->node_ids, id);
      g_hash_table_add (taken, id);

      node.id = id;
      node.kind = pnode->kind;
      node.client_nodes = pnode->clients;
      node.listener_nodes = pnode->listeners;
      node.hub = map->filter.hide_hubs > 0 && pnode->clients > map->filter.hide_hubs;
      pnode->final = i;
      g_array_append_val (map->nodes, node);
      g_hash_table_insert (map->names, id, GUINT_TO_POINTER (i + 1));
    }
}

static int
compare_node_addresses (gconstpointer a,
                        gconstpointer b,
                        gpointer      data)
{
  const LiaisonMapAddress *addresses = data;
  const LiaisonMapAddress *x = &addresses[*(const guint *) a], *y = &addresses[*(const guint *) b];

  if (x->node != y->node)
    return x->node < y->node ? -1 : 1;
  return memcmp (x->key, y->key, LIAISON_ADDRESS_KEY_LEN);
}

/* Each address to its final node; each node's addresses, one per distinct key. */
static void
place_addresses (Builder *b)
{
  LiaisonMap *map = b->map;
  LiaisonMapAddress *addresses = (LiaisonMapAddress *) (gpointer) map->addresses->data;
  const PNode *pnodes = (const PNode *) (gpointer) b->pnodes->data;
  g_autoptr(GArray) used = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < map->addresses->len; i++)
    {
      LiaisonMapAddress *address = &addresses[i];

      address->node = address->pnode != G_MAXUINT ? pnodes[address->pnode].final : G_MAXUINT;
      if (address->used && address->node != G_MAXUINT)
        g_array_append_val (used, i);
    }
  g_array_sort_with_data (used, compare_node_addresses, addresses);

  map->node_addresses = g_array_new (FALSE, FALSE, sizeof (guint));
  map->node_first = g_new0 (guint, map->nodes->len + 1);
  for (guint i = 0; i < used->len; i++)
    {
      guint index = g_array_index (used, guint, i);

      if (i > 0)
        {
          const LiaisonMapAddress *previous = &addresses[g_array_index (used, guint, i - 1)];

          if (previous->node == addresses[index].node &&
              memcmp (previous->key, addresses[index].key, LIAISON_ADDRESS_KEY_LEN) == 0)
            continue;
        }
      g_array_append_val (map->node_addresses, index);
      map->node_first[addresses[index].node + 1] = map->node_addresses->len;
    }
  for (guint i = 1; i <= map->nodes->len; i++)
    {
      map->node_first[i] = MAX (map->node_first[i], map->node_first[i - 1]);
      g_array_index (map->nodes, LiaisonMapNode, i - 1).n_addresses = map->node_first[i] - map->node_first[i - 1];
    }
}

static void
index_edges (LiaisonMap *map)
{
  liaison_triple_table_init (&map->edge_index, TRUE);
  for (guint i = 0; i < map->edges->len; i++)
    {
      const LiaisonMapEdge *edge = &g_array_index (map->edges, LiaisonMapEdge, i);

      liaison_triple_table_insert (&map->edge_index, edge->client, edge->listener,
                                   edge->port << 1 | (edge->protocol[0] == 'u'), i, NULL);
    }
}

gboolean
liaison_map_find_edge (LiaisonMap      *map,
                       guint            client,
                       guint            listener,
                       guint            port,
                       LiaisonProtocol  protocol,
                       guint           *edge)
{
  return liaison_triple_table_lookup (&map->edge_index, client, listener,
                                      port << 1 | (protocol == LIAISON_PROTOCOL_UDP), edge);
}

/* The addresses of the pairs of kept edges are the nodes' addresses. */
static void
mark_used_addresses (Builder        *b,
                     const gboolean *kept)
{
  LiaisonMapAddress *addresses = (LiaisonMapAddress *) (gpointer) b->map->addresses->data;

  for (guint listener = 0; listener < b->pairs->len; listener++)
    {
      const LiaisonIdTable *set = g_ptr_array_index (b->pairs, listener);

      for (guint i = 0; set != NULL && i <= set->mask; i++)
        {
          guint client = (guint) (set->keys[i] >> 18);
          guint port_protocol = (guint) (set->keys[i] & ((1 << 18) - 1)) - 1;
          guint32 sum;

          if (set->keys[i] != 0 &&
              liaison_triple_table_lookup (&b->sum_index, addresses[client].pnode, addresses[listener].pnode,
                                           port_protocol, &sum) &&
              kept[sum])
            {
              addresses[client].used = TRUE;
              addresses[listener].used = TRUE;
            }
        }
    }
}

static void
finish (Builder *b)
{
  LiaisonMap *map = b->map;
  const PNode *pnodes;
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (LiaisonMapEdge));
  g_autoptr(GArray) hub_edges = g_array_new (FALSE, FALSE, sizeof (LiaisonMapEdge));
  g_autofree gboolean *kept_sums = g_new0 (gboolean, b->sums->len);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < b->sums->len; i++)
    {
      LiaisonMapEdge edge;

      edge_from_sum (&edge, &g_array_index (b->sums, EdgeSum, i));
      kept_sums[i] = edge_passes (&map->filter, &edge);
      if (kept_sums[i])
        g_array_append_val (kept, edge);
    }
  mark_used_addresses (b, kept_sums);

  count_neighbours (b, kept);
  place_nodes (b, kept);
  pnodes = (const PNode *) (gpointer) b->pnodes->data;

  /* Edges into hubs go apart (map.md 3). */
  for (guint i = 0; i < kept->len; i++)
    {
      LiaisonMapEdge edge = g_array_index (kept, LiaisonMapEdge, i);

      edge.client = pnodes[edge.client].final;
      edge.listener = pnodes[edge.listener].final;
      if (g_array_index (map->nodes, LiaisonMapNode, edge.listener).hub)
        g_array_append_val (hub_edges, edge);
      else
        g_array_append_val (map->edges, edge);
    }
  g_array_sort (map->edges, compare_edges);
  g_array_sort (hub_edges, compare_edges);
  map->n_drawn = map->edges->len;
  g_array_append_vals (map->edges, hub_edges->data, hub_edges->len);
  index_edges (map);

  place_addresses (b);

  /* Devices and groups by name, after the ids (which win). */
  g_hash_table_iter_init (&iter, b->device_pnodes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint final = pnodes[GPOINTER_TO_UINT (value) - 1].final;

      if (final != G_MAXUINT && !g_hash_table_contains (map->names, key))
        g_hash_table_insert (map->names, key, GUINT_TO_POINTER (final + 1));
    }
  for (guint i = 0; i < b->pnodes->len; i++)
    if (pnodes[i].kind == LIAISON_MAP_NODE_GROUP && pnodes[i].final != G_MAXUINT &&
        !g_hash_table_contains (map->names, pnodes[i].name))
      g_hash_table_insert (map->names, (gpointer) pnodes[i].name, GUINT_TO_POINTER (pnodes[i].final + 1));
}

static void
free_set (gpointer data)
{
  if (data != NULL)
    liaison_id_table_clear (data);
  g_free (data);
}

static void
builder_init (Builder    *b,
              LiaisonMap *map)
{
  memset (b, 0, sizeof *b);
  b->map = map;
  b->pnodes = g_array_new (FALSE, FALSE, sizeof (PNode));
  b->pnode_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  b->device_pnodes = g_hash_table_new (g_direct_hash, g_direct_equal);
  b->sums = g_array_new (FALSE, FALSE, sizeof (EdgeSum));
  liaison_triple_table_init (&b->sum_index, TRUE);
  b->pairs = g_ptr_array_new_with_free_func (free_set);
  b->device_groups = g_hash_table_new (g_str_hash, g_str_equal);
  b->address_groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  b->hidden_ports = g_new0 (guint8, 65536 / 8);
  for (guint i = 0; i < map->filter.n_hide_ports; i++)
    b->hidden_ports[(map->filter.hide_ports[i] & 0xffff) >> 3] |= (guint8) (1 << (map->filter.hide_ports[i] & 7));
  b->one_protocol = liaison_protocol_from_string (map->filter.protocol, &b->protocol);
}

static void
builder_clear (Builder *b)
{
  g_array_unref (b->pnodes);
  g_hash_table_unref (b->pnode_index);
  g_hash_table_unref (b->device_pnodes);
  g_array_unref (b->sums);
  liaison_triple_table_clear (&b->sum_index);
  g_ptr_array_unref (b->pairs);
  g_hash_table_unref (b->device_groups);
  g_hash_table_unref (b->address_groups);
  g_free (b->hidden_ports);
}

/**
 * liaison_map_new:
 * @store: the store to read (on the calling thread)
 * @filter: (nullable): which edges to keep; %NULL keeps every one
 * @grouping: (nullable): how to put nodes together; %NULL: devices and addresses
 * @cancellable: (nullable): stops the reading
 * @error: return location for an error: %LIAISON_ERROR_INVALID for a bad
 *   filter or grouping, %LIAISON_ERROR_CANCELLED, or a database error
 *
 * Computes the dependency map of the store (map.md 1 to 3).
 *
 * Returns: (transfer full): the map, or %NULL
 */
LiaisonMap *
liaison_map_new (LiaisonStore              *store,
                 const LiaisonMapFilter    *filter,
                 const LiaisonMapGrouping  *grouping,
                 GCancellable              *cancellable,
                 GError                   **error)
{
  g_autoptr(LiaisonMap) map = NULL;
  Builder b;
  gboolean ok;

  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);

  if (filter != NULL && !liaison_map_filter_validate (filter, error))
    return NULL;
  if (grouping != NULL &&
      (grouping->ipv4_bits > 32 || grouping->ipv6_bits > 128))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                   _("subnets are /1 to /32 for IPv4 and /1 to /128 for IPv6, not /%u and /%u"),
                   grouping->ipv4_bits, grouping->ipv6_bits);
      return NULL;
    }

  /* One state of the database. The rows are read by connections of their
   * own, side by side, which cannot share this one's snapshot: when another
   * program committed meanwhile (data_version moved), the map is read
   * again, and at the last try on this connection alone, in one read
   * transaction. */
  for (guint attempt = 0; ; attempt++)
    {
      gboolean alone = attempt == MAP_READ_ATTEMPTS - 1;
      gint64 before = 0, after = 0;

      map = liaison_map_alloc (filter, grouping);
      builder_init (&b, map);
      if (alone && !liaison_store_begin_read (store, error))
        ok = FALSE;
      else
        {
          ok = (alone || liaison_store_data_version (store, &before, error)) &&
               liaison_store_map_foreach_member (store, on_member, &b, error) &&
               liaison_store_map_foreach_device (store, on_device, &b, cancellable, error) &&
               liaison_map_read_rows (store, map->filter.time_range ? &map->filter.range : NULL,
                                      on_row, &b, cancellable, error) &&
               !liaison_map_check_cancelled (cancellable, error) &&
               (alone || liaison_store_data_version (store, &after, error));
          if (alone)
            liaison_store_end_read (store);
        }
      if (ok && before == after)
        finish (&b);
      builder_clear (&b);
      if (!ok || before == after)
        break;
      g_clear_pointer (&map, liaison_map_unref);
    }

  return ok ? g_steal_pointer (&map) : NULL;
}
