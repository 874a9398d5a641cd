/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * The gathered flows of a file (liaison-netflow-sample.c) as the applying
 * of them (liaison-netflow-statistics.c) reads them.
 */

#include "liaison-address.h"
#include "liaison-netflow-statistics-private.h"
#include "liaison-record-identity-private.h"
#include "liaison-span.h"

G_BEGIN_DECLS

/* The flows of one pair in one file. */
typedef struct
{
  PairKey      key;
  guint32      n_flows;
  guint32      offset;         /* of its flows, once grouped */
  LiaisonTime  first;
  LiaisonTime  last;
} Pair;

/* A flow filed under its pair. */
typedef struct
{
  guint32             pair;
  LiaisonSpanInterval span;
  guint64             port;    /* window << 17 | client port << 1 | (1 when listener -> client) */
} Filed;

/* A flow's sample window (statistics.md 4): the window of the epoch grid
 * of I that holds its start. Flows before 1990 are never read, so the
 * index is positive and fits in the 47 bits above the port. */
#define WINDOW_SHIFT 17

struct _LiaisonNetflowSample
{
  guint                     interval;
  const LiaisonListenerSet *known;         /* not owned; NULL: none */
  gboolean                  any_known;
  GArray                   *pairs;         /* Pair */
  guint32                  *slots;         /* pair index + 1, 0: empty; open addressing */
  guint                     mask;
  Filed                    *filed;         /* as the flows came */
  guint64                   n_filed;
  guint64                   filed_size;    /* Filed that fit in @filed */
  guint32                   last_pair;     /* index + 1 of the last flow's pair */
  guint64                   flows;
};

int liaison_netflow_pair_index_compare (gconstpointer a,
                                        gconstpointer b,
                                        gpointer      user_data);

G_END_DECLS
