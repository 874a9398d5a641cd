/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-statistics"

#include "config.h"

#include <string.h>

#include "liaison-memory-private.h"
#include "liaison-netflow-sample-private.h"

/*
 * Gathering a file's flows (statistics.md 4.2): each flow is oriented and
 * filed under its (client, listener) pair, in memory, in an open-addressing
 * table. It touches no database, so an import gathers the next files while
 * it applies one, and a file read in pieces is gathered piece by piece.
 */

static inline guint64
mix (guint64 h,
     guint64 v)
{
  h ^= v;
  h *= G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  return h ^ (h >> 29);
}

/* Keys are zeroed before they are filled: padding included, equal pairs
 * have equal bytes. */
static guint64
pair_key_hash (const PairKey *key)
{
  guint64 words[(sizeof (PairKey) + 7) / 8] = { 0 };
  guint64 h = 0;

  memcpy (words, key, sizeof *key);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    h = mix (h, words[i]);
  return h;
}

static void
grow_slots (LiaisonNetflowSample *sample)
{
  guint size = (sample->mask + 1) * 2;
  guint mask = size - 1;

  g_free (sample->slots);
  sample->slots = g_new0 (guint32, size);
  sample->mask = mask;
  for (guint i = 0; i < sample->pairs->len; i++)
    {
      guint slot = (guint) pair_key_hash (&g_array_index (sample->pairs, Pair, i).key) & mask;

      while (sample->slots[slot] != 0)
        slot = (slot + 1) & mask;
      sample->slots[slot] = i + 1;
    }
}

/* The pair of @key, whose pair_key_hash() is @hash, made when it is new:
 * its index. */
static guint32
find_pair (LiaisonNetflowSample *sample,
           const PairKey        *key,
           guint64               hash)
{
  guint slot;
  Pair pair;

  if (sample->last_pair != 0 &&
      memcmp (&g_array_index (sample->pairs, Pair, sample->last_pair - 1).key, key, sizeof *key) == 0)
    return sample->last_pair - 1;

  for (slot = (guint) hash & sample->mask; sample->slots[slot] != 0; slot = (slot + 1) & sample->mask)
    {
      guint32 index = sample->slots[slot] - 1;

      if (memcmp (&g_array_index (sample->pairs, Pair, index).key, key, sizeof *key) == 0)
        {
          sample->last_pair = index + 1;
          return index;
        }
    }

  memset (&pair, 0, sizeof pair);
  pair.key = *key;
  pair.first = LIAISON_TIME_NONE;
  pair.last = LIAISON_TIME_NONE;
  g_array_append_val (sample->pairs, pair);
  sample->slots[slot] = sample->pairs->len;
  sample->last_pair = sample->pairs->len;
  if (sample->pairs->len * 2 > sample->mask + 1)
    grow_slots (sample);
  return sample->pairs->len - 1;
}

/**
 * liaison_netflow_sample_new:
 * @interval: I, the sample interval in seconds (at least 1)
 * @known: (nullable): the known listeners (statistics.md 4.2); it must
 *   outlive the sample and not change meanwhile
 *
 * Returns: (transfer full): an empty sample, to gather a file's flows in
 */
LiaisonNetflowSample *
liaison_netflow_sample_new (guint                     interval,
                            const LiaisonListenerSet *known)
{
  LiaisonNetflowSample *sample = g_new0 (LiaisonNetflowSample, 1);

  g_return_val_if_fail (interval > 0, NULL);

  sample->interval = interval;
  sample->known = known;
  sample->any_known = known != NULL && !liaison_listener_set_is_empty (known);
  sample->pairs = g_array_new (FALSE, FALSE, sizeof (Pair));
  sample->mask = 1023;
  sample->slots = g_new0 (guint32, sample->mask + 1);
  return sample;
}

void
liaison_netflow_sample_free (LiaisonNetflowSample *sample)
{
  if (sample == NULL)
    return;
  g_clear_pointer (&sample->pairs, g_array_unref);
  g_free (sample->filed);
  g_free (sample->slots);
  g_free (sample);
}

static inline gboolean
is_ephemeral (guint16 port)
{
  return port >= 32768;
}

/* Section 4.2: which side of a flow listens. Returns TRUE when dst does. */
static gboolean
dst_listens (const LiaisonNetflowSample *sample,
             const LiaisonFlow          *flow)
{
  gboolean src_ephemeral, dst_ephemeral;

  if (flow->oriented == LIAISON_FLOW_SRC_CLIENT)
    return TRUE;
  if (flow->oriented == LIAISON_FLOW_SRC_LISTENER)
    return FALSE;
  if (sample->any_known)
    {
      if (liaison_listener_set_covers (sample->known, &flow->dst, flow->dst_port, flow->protocol))
        return TRUE;
      if (liaison_listener_set_covers (sample->known, &flow->src, flow->src_port, flow->protocol))
        return FALSE;
    }

  src_ephemeral = is_ephemeral (flow->src_port);
  dst_ephemeral = is_ephemeral (flow->dst_port);
  if (src_ephemeral != dst_ephemeral)
    return src_ephemeral;

  /* Neither or both: the lower port listens. A port of 0 (none) never
   * listens. */
  if (flow->dst_port == 0)
    return FALSE;
  if (flow->src_port == 0)
    return TRUE;
  if (flow->dst_port != flow->src_port)
    return flow->dst_port < flow->src_port;

  /* Equal ports (NTP 123 <-> 123): the lower address, so that both
   * directions fold onto one pair. */
  return liaison_address_compare (&flow->dst, &flow->src) <= 0;
}

/* A flow oriented, before it is filed. */
typedef struct
{
  const LiaisonFlow *flow;
  PairKey            key;
  guint64            hash;
  guint16            client_port;
  gboolean           forward;
} Oriented;

/* Flows are filed a batch at a time. With a hundred thousand pairs, the
 * table and the pairs are far larger than the processor's caches, and a
 * lookup waits on memory twice: for its slot, then for its pair. The
 * batch's slots are fetched together, then their pairs, then its flows
 * are filed; the fetches are hints, and the lookups are as before. */
#define FILE_BATCH 16

/* Orients @flow and makes its key; FALSE when it is not filed. */
static gboolean
orient (const LiaisonNetflowSample *sample,
        const LiaisonFlow          *flow,
        Oriented                   *o)
{
  if (flow->src.family == 0 || flow->dst.family == 0)
    return FALSE;

  o->flow = flow;
  o->forward = dst_listens (sample, flow);
  memset (&o->key, 0, sizeof o->key);
  o->key.protocol = flow->protocol;
  if (o->forward)
    {
      o->key.listener = flow->dst;
      o->key.port = flow->dst_port;
      o->key.client = flow->src;
      o->client_port = flow->src_port;
    }
  else
    {
      o->key.listener = flow->src;
      o->key.port = flow->src_port;
      o->key.client = flow->dst;
      o->client_port = flow->dst_port;
    }

  /* A listener needs a port. */
  if (o->key.port == 0)
    return FALSE;
  o->hash = pair_key_hash (&o->key);
  return TRUE;
}

/**
 * liaison_netflow_sample_add:
 * @flows: (array length=n_flows): flows of the sample's file
 *
 * Section 4.2: orients each flow and files it under its pair. A file may
 * be given in pieces, in the order of its records.
 */
void
liaison_netflow_sample_add (LiaisonNetflowSample *sample,
                            const LiaisonFlow    *flows,
                            guint                 n_flows)
{
  gint64 step = (gint64) sample->interval * 1000;
  Filed *filed;
  guint n = 0;

  if (sample->n_filed + n_flows > sample->filed_size)
    {
      gsize size = MAX (MAX (sample->filed_size * 2, sample->n_filed + n_flows), 1024);

      sample->filed = liaison_memory_grow_huge (sample->filed, sample->n_filed * sizeof (Filed), size * sizeof (Filed));
      sample->filed_size = size;
    }
  filed = sample->filed + sample->n_filed;

  for (guint i = 0; i < n_flows; i += FILE_BATCH)
    {
      Oriented batch[FILE_BATCH];
      guint n_batch = 0;

      for (guint j = i; j < n_flows && j < i + FILE_BATCH; j++)
        if (orient (sample, &flows[j], &batch[n_batch]))
          __builtin_prefetch (&sample->slots[(guint) batch[n_batch++].hash & sample->mask]);
      for (guint j = 0; j < n_batch; j++)
        {
          guint32 slot = sample->slots[(guint) batch[j].hash & sample->mask];

          if (slot != 0)
            __builtin_prefetch (&g_array_index (sample->pairs, Pair, slot - 1));
        }

      for (guint j = 0; j < n_batch; j++)
        {
          const Oriented *o = &batch[j];
          Filed *f = &filed[n++];
          Pair *pair;

          f->pair = find_pair (sample, &o->key, o->hash);
          f->span.start = o->flow->start;
          f->span.end = o->flow->end == LIAISON_TIME_NONE ? o->flow->start : MAX (o->flow->end, o->flow->start);
          f->span.interval = sample->interval;
          f->port = ((guint64) (f->span.start / step) << WINDOW_SHIFT) | ((guint64) o->client_port << 1) |
                    (o->forward ? 0 : 1);

          pair = &g_array_index (sample->pairs, Pair, f->pair);
          pair->n_flows++;
          pair->first = liaison_time_earlier (pair->first, f->span.start);
          pair->last = liaison_time_later (pair->last, f->span.end);
        }
    }

  sample->n_filed += n;
  sample->flows += n;
}

/* Orders pair indexes (guint32) by their pairs in @user_data, a GArray of Pair. */
int
liaison_netflow_pair_index_compare (gconstpointer a,
                                    gconstpointer b,
                                    gpointer      user_data)
{
  GArray *pairs = user_data;

  return liaison_pair_key_compare (&g_array_index (pairs, Pair, *(const guint32 *) a).key,
                                   &g_array_index (pairs, Pair, *(const guint32 *) b).key);
}

