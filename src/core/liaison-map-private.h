/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* For the map's own rooms (builder, filter, impact, layout, export): what a map holds. */

#include "liaison-address.h"
#include "liaison-key-table-private.h"
#include "liaison-map.h"
#include "liaison-store-map-private.h"

G_BEGIN_DECLS

/* Every address the map read, with the node it went to. */
typedef struct
{
  guint8       key[LIAISON_ADDRESS_KEY_LEN];
  guint        scope;          /* index into scopes; 0 is "" */
  const char  *device;         /* interned; NULL: none named */
  guint        node;           /* final node, or G_MAXUINT when it is in no node of the map */
  guint        pnode;          /* node while the map is being made (G_MAXUINT: not yet) */
  gboolean     used;           /* in a pair of an edge that passed the filters */
} LiaisonMapAddress;

struct _LiaisonMap
{
  LiaisonMapFilter    filter;          /* hide_ports points to the map's own copy */
  LiaisonMapGrouping  grouping;
  guint              *hide_ports;

  GArray             *nodes;           /* LiaisonMapNode */
  GPtrArray          *node_ids;        /* owned ids of nodes */
  GArray             *edges;           /* LiaisonMapEdge: drawn ones, then those into hubs */
  guint               n_drawn;

  GArray             *addresses;       /* LiaisonMapAddress */
  LiaisonIdTable      ipv4_index;      /* IPv4 address that is not loopback -> address */
  LiaisonKeyTable     address_index;   /* the others: key and scope -> address */
  GPtrArray          *scopes;          /* owned scope texts */
  GHashTable         *scope_ids;       /* scope -> index + 1 */
  GArray             *node_addresses;  /* address indexes sorted by node then key, one per distinct key */
  guint              *node_first;      /* per node: its first entry in node_addresses; one more at the end */
  LiaisonTripleTable  edge_index;      /* client node, listener node, port << 1 | udp -> edge */
  GHashTable         *names;           /* device or group name -> node index + 1 */
  GHashTable         *groups;          /* every user group's name (owned) */
  GStringChunk       *strings;         /* interned devices and group names */
};

gboolean        liaison_map_check_cancelled (GCancellable       *cancellable,
                                             GError            **error);
void            liaison_map_address_words   (const guint8       *key,
                                             guint               scope,
                                             guint32             words[5]);
gboolean        liaison_map_find_address    (LiaisonMap         *map,
                                             const guint8       *key,
                                             const char         *scope,
                                             guint              *address);
gboolean        liaison_map_find_edge       (LiaisonMap         *map,
                                             guint               client,
                                             guint               listener,
                                             guint               port,
                                             LiaisonProtocol     protocol,
                                             guint              *edge);
void            liaison_map_address_text    (const guint8       *key,
                                             char                buf[LIAISON_ADDRESS_STRLEN]);
gboolean        liaison_map_is_self_pair    (LiaisonMap         *map,
                                             guint               client,
                                             guint               listener);

/* The map's own tables, filled by the builder (liaison-map-builder.c). */
LiaisonMap     *liaison_map_alloc           (const LiaisonMapFilter   *filter,
                                             const LiaisonMapGrouping *grouping);
gboolean        liaison_map_key_is_loopback (const guint8       *key);
guint           liaison_map_intern_scope    (LiaisonMap         *map,
                                             const char         *scope);
gboolean        liaison_map_address_lookup  (LiaisonMap         *map,
                                             const guint8       *key,
                                             guint               scope,
                                             guint              *address);
guint           liaison_map_address_add     (LiaisonMap         *map,
                                             const guint8       *key,
                                             guint               scope,
                                             const char         *device);
guint           liaison_map_sort_ports      (guint              *ports,
                                             guint               n_ports);

G_END_DECLS
