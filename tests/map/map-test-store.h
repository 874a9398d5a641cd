/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-map-scene.h"
#include "liaison-store.h"

G_BEGIN_DECLS

/*
 * The Map page's tests' store: the hand-built store of the map's core tests
 * (tests/core/map-fixture.h: a web tier, two databases in a cycle, a DNS
 * server everyone asks, loopback on web01 and db01, the group "shop" of
 * web01 and web02), in a temporary folder of its own, written there by
 * make-map-store. Also the scene of its map, made as the page makes it.
 */

typedef struct
{
  char         *dir;
  char         *database;
  LiaisonStore *store;
} MapTestStore;

MapTestStore    *map_test_store_new   (void);
void             map_test_store_free  (MapTestStore             *self);
LiaisonMapScene *map_test_store_scene (MapTestStore             *self,
                                       const LiaisonMapFilter   *filter,
                                       const LiaisonMapGrouping *grouping);
char            *map_test_store_export (MapTestStore            *self,
                                        const LiaisonMapFilter  *filter,
                                        const LiaisonMapGrouping *grouping,
                                        const char              *format);

guint            map_test_store_find_link (LiaisonMapScene  *scene,
                                           const char       *client,
                                           const char       *listener);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MapTestStore, map_test_store_free)

G_END_DECLS
