/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The data generators' random numbers: xorshift64*, small, fast and the
 * same everywhere, so that the same options give the same bytes.
 */

typedef struct { guint64 s; } Rng;

static inline guint64
rng_next (Rng *rng)
{
  rng->s ^= rng->s >> 12;
  rng->s ^= rng->s << 25;
  rng->s ^= rng->s >> 27;
  return rng->s * G_GUINT64_CONSTANT (2685821657736338717);
}

/* A number in [0, n). */
static inline guint32
rng_below (Rng    *rng,
           guint32 n)
{
  return (guint32) ((rng_next (rng) >> 32) % n);
}

/* A number in [0, 1). */
static inline double
rng_unit (Rng *rng)
{
  return (double) (rng_next (rng) >> 11) / 9007199254740992.0;
}

G_END_DECLS
