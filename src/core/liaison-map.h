/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "liaison-store.h"
#include "liaison-time.h"

G_BEGIN_DECLS

/*
 * The dependency map (map.md): who talks to whom, computed from the store.
 * A map is immutable once made and counted by reference, so a worker
 * thread can make it and the interface read it.
 */

typedef enum
{
  LIAISON_MAP_NODE_GROUP,       /* a user group, collapsed */
  LIAISON_MAP_NODE_DEVICE,
  LIAISON_MAP_NODE_SUBNET,      /* address-only nodes of one subnet */
  LIAISON_MAP_NODE_ADDRESS,     /* an address no device is named for */
} LiaisonMapNodeKind;

/* How nodes are put together (map.md 1). All zero: devices and addresses. */
typedef struct
{
  gboolean subnets;             /* address-only nodes into subnets */
  guint    ipv4_bits;           /* 1-32, 0: 24 */
  guint    ipv6_bits;           /* 1-128, 0: 64 */
  gboolean groups;              /* user groups collapse to one node */
} LiaisonMapGrouping;

/* A time range [from, to) (map.md 3): a record is seen in it when a netstat
 * run or a netflow activity interval meets it (statistics.md 3.6). An open
 * end is G_MININT64 + 1 or G_MAXINT64. */
typedef struct
{
  LiaisonTime from;
  LiaisonTime to;
} LiaisonMapRange;

/* Which edges the map keeps (map.md 3). All zero: every edge. */
typedef struct
{
  gboolean     time_range;        /* only records seen in range */
  LiaisonMapRange range;
  double       min_persistence;   /* percent, 0-100; 0: no filter */
  gint64       min_events;        /* flow events; 0: no filter */
  gboolean     hide_loopback;     /* drop self-edges of devices */
  const guint *hide_ports;        /* ports to leave out */
  guint        n_hide_ports;
  const char  *protocol;          /* "tcp", "udp", or NULL for both */
  guint        hide_hubs;         /* a listener node with more client nodes is a hub; 0: none */
  gint64       silent_at_least;   /* ms; 0: no filter */
  gint64       seen_within;       /* ms: only edges silent for less; 0: no filter */
} LiaisonMapFilter;

typedef struct
{
  const char         *id;             /* unique in the map: what a NODE names */
  LiaisonMapNodeKind  kind;
  guint               n_addresses;
  guint               client_nodes;   /* other nodes calling it, hub edges included */
  guint               listener_nodes; /* other nodes it calls */
  gboolean            hub;            /* its incoming edges are apart (liaison_map_get_hub_edges()) */
} LiaisonMapNode;

/* An edge and its figures (map.md 2). */
typedef struct
{
  guint        client;               /* node indexes */
  guint        listener;
  guint        port;
  const char  *protocol;             /* "tcp" or "udp" */
  const char  *service;              /* NULL: no name */
  gint64       records;              /* (client address, listener address) pairs */

  gboolean     has_netstat;          /* else the next five are 0 / -1 */
  gint64       ns_total_samples;
  gint64       ns_active_samples;
  gint64       ns_total_ports;
  double       persistence_percent;  /* -1: none */
  double       weight;               /* -1: none */

  gboolean     has_netflow;          /* else the next three are 0 */
  gint64       flow_events;
  gint64       flow_active_samples;
  gint64       flow_active_span;     /* ms */

  LiaisonTime  first_found;
  LiaisonTime  last_found;
  gint64       silent_span;          /* ms, the smallest of its records'; -1: not known */
} LiaisonMapEdge;

typedef struct _LiaisonMap LiaisonMap;

LiaisonMap           *liaison_map_new             (LiaisonStore              *store,
                                                   const LiaisonMapFilter    *filter,
                                                   const LiaisonMapGrouping  *grouping,
                                                   GCancellable              *cancellable,
                                                   GError                   **error);
LiaisonMap           *liaison_map_ref             (LiaisonMap                *map);
void                  liaison_map_unref           (LiaisonMap                *map);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonMap, liaison_map_unref)

guint                 liaison_map_get_n_nodes     (LiaisonMap                *map);
const LiaisonMapNode *liaison_map_get_node        (LiaisonMap                *map,
                                                   guint                      index);
const LiaisonMapEdge *liaison_map_get_edges       (LiaisonMap                *map,
                                                   guint                     *n_edges);
const LiaisonMapEdge *liaison_map_get_hub_edges   (LiaisonMap                *map,
                                                   guint                     *n_edges);
GStrv                 liaison_map_dup_addresses   (LiaisonMap                *map,
                                                   guint                      node);
gboolean              liaison_map_lookup_node     (LiaisonMap                *map,
                                                   const char                *text,
                                                   guint                     *index,
                                                   GError                   **error);
const char           *liaison_map_node_kind_to_string (LiaisonMapNodeKind      kind);
char                 *liaison_map_describe_filters  (LiaisonMap               *map);
char                 *liaison_map_describe_grouping (LiaisonMap               *map);

gboolean              liaison_map_filter_validate (const LiaisonMapFilter    *filter,
                                                   GError                   **error);
gboolean              liaison_map_grouping_parse  (const char                *text,
                                                   LiaisonMapGrouping        *grouping,
                                                   GError                   **error);
guint                *liaison_map_ports_parse     (const char                *text,
                                                   guint                     *n_ports,
                                                   GError                   **error);

G_END_DECLS
