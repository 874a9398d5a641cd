/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "liaison-map-impact.h"
#include "liaison-map-layout.h"
#include "liaison-map.h"

G_BEGIN_DECLS

/*
 * A map and its layout, with what the Map page asks of them many times a
 * second: which nodes and lines lie in a rectangle (a grid over the
 * layout), what is under the pointer, the order the keyboard goes through
 * the nodes, and each node's counts of dependents and dependencies. Plain
 * GLib, made in a worker thread, immutable and counted by reference: the
 * page, its drawing thread and an export can hold one at once.
 *
 * Coordinates are the layout's: points, x to the right, y down.
 */

typedef struct
{
  double x0;
  double y0;
  double x1;
  double y1;
} LiaisonMapRect;

/* An item of the scene: a node (its index), or a line (n_nodes + its index). */
#define LIAISON_MAP_SCENE_NONE G_MAXUINT

typedef struct _LiaisonMapScene LiaisonMapScene;

LiaisonMapScene        *liaison_map_scene_new               (LiaisonMap             *map,
                                                             LiaisonMapLayout       *layout);
LiaisonMapScene        *liaison_map_scene_ref               (LiaisonMapScene        *scene);
void                    liaison_map_scene_unref             (LiaisonMapScene        *scene);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonMapScene, liaison_map_scene_unref)

LiaisonMap             *liaison_map_scene_get_map           (LiaisonMapScene        *scene);
const LiaisonMapLayout *liaison_map_scene_get_layout        (LiaisonMapScene        *scene);
guint                   liaison_map_scene_get_n_nodes       (LiaisonMapScene        *scene);
guint                   liaison_map_scene_get_n_links       (LiaisonMapScene        *scene);
void                    liaison_map_scene_get_bounds        (LiaisonMapScene        *scene,
                                                             LiaisonMapRect         *bounds);
void                    liaison_map_scene_get_node_rect     (LiaisonMapScene        *scene,
                                                             guint                   node,
                                                             LiaisonMapRect         *rect);

void                    liaison_map_scene_query             (LiaisonMapScene        *scene,
                                                             const LiaisonMapRect   *area,
                                                             GArray                 *nodes,
                                                             GArray                 *links);
guint                   liaison_map_scene_node_at           (LiaisonMapScene        *scene,
                                                             double                  x,
                                                             double                  y);
guint                   liaison_map_scene_link_at           (LiaisonMapScene        *scene,
                                                             double                  x,
                                                             double                  y,
                                                             double                  tolerance);

guint                   liaison_map_scene_node_at_position  (LiaisonMapScene        *scene,
                                                             guint                   position);
guint                   liaison_map_scene_get_position      (LiaisonMapScene        *scene,
                                                             guint                   node);
guint                   liaison_map_scene_neighbour         (LiaisonMapScene        *scene,
                                                             guint                   node,
                                                             int                     dx,
                                                             int                     dy);

guint                   liaison_map_scene_get_n_dependents  (LiaisonMapScene        *scene,
                                                             guint                   node);
guint                   liaison_map_scene_get_n_dependencies (LiaisonMapScene       *scene,
                                                             guint                   node);
char                   *liaison_map_scene_dup_node_label    (LiaisonMapScene        *scene,
                                                             guint                   node);
char                   *liaison_map_scene_dup_node_tooltip  (LiaisonMapScene        *scene,
                                                             guint                   node);
char                   *liaison_map_scene_dup_link_tooltip  (LiaisonMapScene        *scene,
                                                             guint                   link);
char                   *liaison_map_scene_dup_description   (LiaisonMapScene        *scene);

guint                   liaison_map_scene_find_node         (LiaisonMapScene        *scene,
                                                             const char             *id);

G_END_DECLS
