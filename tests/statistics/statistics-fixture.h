/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-store.h"
#include "liaison-timeline-lanes.h"

G_BEGIN_DECLS

/*
 * The statistics tests' fixture: a new database in a temporary folder, and
 * the samples of the seed example (statistics.md section 5) to import into
 * it: three netflow files of two events each between 10.1.1.1 and
 * 10.0.0.5:443/tcp, at an interval of 60 s.
 */

typedef struct
{
  char         *dir;
  char         *database;
  LiaisonStore *store;
} Fixture;

/* A netstat sample of web01 (ss -tan) with one inbound connection. */
#define NETSTAT_SAMPLE \
  "State      Recv-Q Send-Q Local Address:Port  Peer Address:Port\n" \
  "LISTEN     0      128    0.0.0.0:22          0.0.0.0:*\n" \
  "ESTAB      0      0      10.0.0.7:22         10.0.0.9:40001\n" \
  "ESTAB      0      0      10.0.0.7:22         10.0.0.9:40002\n"

/* The moment an ISO 8601 text names. */
LiaisonTime         at        (const char *iso);
LiaisonTimelineLane seed_lane (LiaisonGap *gap);

void  fixture_set_up    (Fixture       *fixture,
                         gconstpointer  data);
void  fixture_tear_down (Fixture       *fixture,
                         gconstpointer  data);
char *write_file        (Fixture       *fixture,
                         const char    *name,
                         const char    *contents);
void  import_netflow    (Fixture       *fixture,
                         guint          first,
                         guint          last);
void  import_netstat    (Fixture       *fixture,
                         const char    *sample);

G_END_DECLS
