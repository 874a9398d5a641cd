/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-map.h"

G_BEGIN_DECLS

/*
 * Compare (map.md 5): what changed between two time ranges, per (client
 * address, listener address, port, protocol).
 */

typedef enum
{
  LIAISON_COMPARE_NEW,          /* seen in after, not in before */
  LIAISON_COMPARE_GONE,         /* seen in before, not in after */
  LIAISON_COMPARE_KEPT,         /* seen in both */
} LiaisonCompareState;

typedef struct
{
  LiaisonCompareState  state;
  char                *client_ip;
  char                *listener_ip;
  guint                port;
  const char          *protocol;         /* "tcp" or "udp" */
  const char          *service;          /* NULL: no name */
  /* Kept ones only, [0] before and [1] after, where they can be told: */
  double               persistence[2];   /* percent; -1: cannot be told */
  gint64               events[2];        /* flow events; -1: cannot be told */
} LiaisonCompareRow;

GArray      *liaison_map_compare               (LiaisonStore            *store,
                                                const LiaisonMapFilter  *filter,
                                                const LiaisonMapRange   *before,
                                                const LiaisonMapRange   *after,
                                                GCancellable            *cancellable,
                                                GError                 **error);
const char  *liaison_compare_state_to_string   (LiaisonCompareState      state);

G_END_DECLS
