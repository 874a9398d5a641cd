/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-runs.h"

G_BEGIN_DECLS

/*
 * The stored form of a record's runs: the record's first and last found
 * are the ends of its first and last run; a blob beside them holds only
 * what lies between (the breaks), so that a record seen in one run stores
 * nothing, and a record whose history predates runs says so (its first
 * run, from first found to the last found it had then, is not known in
 * between).
 */

gboolean  liaison_runs_decode (const guint8 *blob,
                               gsize         length,
                               LiaisonTime   first,
                               LiaisonTime   last,
                               GArray       *runs,
                               gboolean     *first_unknown);
guint8   *liaison_runs_encode (const GArray *runs,
                               gboolean      first_unknown,
                               gsize        *length);
void      liaison_runs_add    (GArray       *runs,
                               gboolean      first_unknown,
                               LiaisonTime   time,
                               LiaisonTime   before,
                               LiaisonTime   after);
gboolean  liaison_runs_split  (GArray       *runs,
                               gboolean      first_unknown,
                               LiaisonTime   time,
                               LiaisonTime   before,
                               LiaisonTime   after);

/* Unsigned LEB128, also for the host's sample moments. */
void      liaison_varint_put  (GByteArray   *out,
                               guint64       value);
gboolean  liaison_varint_get  (const guint8 **p,
                               const guint8  *end,
                               guint64      *value);

G_END_DECLS
