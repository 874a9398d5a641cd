/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "liaison-time.h"

G_BEGIN_DECLS

/*
 * Activity runs (statistics.md 3.6): the stretches of consecutive samples
 * of a host in which a record was active, each from the moment of its
 * first sample to the moment of its last.
 */
typedef struct
{
  LiaisonTime first;
  LiaisonTime last;
} LiaisonRun;

guint    liaison_runs_find (const LiaisonRun *runs,
                            guint             n_runs,
                            LiaisonTime       time);
gboolean liaison_runs_meet (const LiaisonRun *runs,
                            guint             n_runs,
                            LiaisonTime       from,
                            LiaisonTime       to);

G_END_DECLS
