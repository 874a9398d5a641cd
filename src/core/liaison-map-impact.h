/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-map.h"

G_BEGIN_DECLS

/*
 * Impact (map.md 4): what depends on a node (what breaks if it goes away)
 * and what it depends on (what must move with it), with the shortest path
 * length to each.
 */

typedef enum
{
  LIAISON_IMPACT_DEPENDENTS,      /* nodes with a path to the origin */
  LIAISON_IMPACT_DEPENDENCIES,    /* nodes the origin has a path to */
} LiaisonImpactDirection;

typedef struct
{
  guint    node;
  guint    distance;              /* edges on the shortest path: 1 is direct */
  gboolean hub;                   /* a hub, listed but not gone through */
} LiaisonImpactNode;

typedef struct
{
  guint                   origin;
  LiaisonImpactDirection  direction;
  GArray                 *nodes;   /* LiaisonImpactNode, by distance then node; never the origin */
  GPtrArray              *cycles;  /* GArray of guint nodes in node order, each cycle once */
} LiaisonImpact;

LiaisonImpact *liaison_map_impact  (LiaisonMap              *map,
                                    guint                    origin,
                                    LiaisonImpactDirection   direction,
                                    guint                    max_depth,
                                    gboolean                 through_hubs);
void           liaison_impact_free (LiaisonImpact           *impact);
void           liaison_map_impact_counts (LiaisonMap             *map,
                                          LiaisonImpactDirection  direction,
                                          guint                  *counts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonImpact, liaison_impact_free)

G_END_DECLS
