/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-map.h"
#include "liaison-test-fixture.h"

G_BEGIN_DECLS

/*
 * The hand-built store of the map tests: a web tier (web01 10.0.1.11,
 * web02 10.0.1.12) behind outside clients (192.168.10.5, 192.168.10.6,
 * 192.168.20.7), two databases (db01 10.0.2.21 PostgreSQL, db02 10.0.2.22
 * MySQL, which calls web01 back: a cycle), a DNS server dns01 10.0.3.53
 * that everyone asks (a hub) and that asks an upstream 198.51.100.1,
 * loopback on web01 (6379) and db01 (5432), an outside API typed in by
 * hand (203.0.113.10:443), and the group "shop" of web01 and web02.
 *
 * Netstat samples of web01, web02, db01, db02 at T1 2026-11-20, T2 11-21,
 * T3 11-22 (midnight UTC), of dns01 at T3; two netflow files of 300 s,
 * 2026-11-22T00:00 and 00:05 (so E, the newest window end, is 00:10).
 */

LiaisonTestFixture   *map_fixture_new  (void);
LiaisonMap           *map_fixture_map  (LiaisonTestFixture       *fixture,
                                        const LiaisonMapFilter   *filter,
                                        const LiaisonMapGrouping *grouping);
const LiaisonMapEdge *map_fixture_edge (LiaisonMap               *map,
                                        const char               *client,
                                        const char               *listener,
                                        guint                     port,
                                        const char               *protocol);
void                  map_fixture_assert_nft_check (const char           *dir,
                                                    const char           *ruleset);

G_END_DECLS
