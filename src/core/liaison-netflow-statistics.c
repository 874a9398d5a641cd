/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-statistics"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "liaison-error.h"
#include "liaison-listener-set-private.h"
#include "liaison-netflow-statistics-private.h"
#include "liaison-span.h"
#include "liaison-store-listeners-private.h"
#include "liaison-store-observations-private.h"
#include "liaison-store-statistics-private.h"

/*
 * The netflow statistics (statistics.md 4.2 to 4.4): the flows of one
 * sample are oriented and gathered per (client, listener) pair in memory;
 * then each pair's service communication and statistics record are
 * updated once, inside a savepoint of the caller's transaction.
 */

/* A (client, listener) pair: the identity of its statistics record. */
typedef struct
{
  LiaisonAddress listener;
  LiaisonAddress client;
  guint16        port;
  guint8         protocol;
} PairKey;

/* The flows of one pair in one file. */
typedef struct
{
  PairKey      key;
  GArray      *intervals;      /* LiaisonSpanInterval */
  GArray      *ports;          /* guint64: window << 17 | client port << 1 | (1 when listener -> client) */
  LiaisonTime  first;
  LiaisonTime  last;
} Pair;

/* A flow's sample window (statistics.md 4): the window of the epoch grid
 * of I that holds its start. Flows before 1990 are never read, so the
 * index is positive and fits in the 47 bits above the port. */
#define WINDOW_SHIFT 17

static guint
pair_hash (gconstpointer data)
{
  const PairKey *k = data;

  return (liaison_address_hash (&k->listener) * 31u) ^ liaison_address_hash (&k->client) ^
         ((guint) k->port << 8) ^ k->protocol;
}

static gboolean
pair_equal (gconstpointer a,
            gconstpointer b)
{
  const PairKey *x = a;
  const PairKey *y = b;

  return x->port == y->port && x->protocol == y->protocol &&
         liaison_address_equal (&x->client, &y->client) &&
         liaison_address_equal (&x->listener, &y->listener);
}

static void
pair_free (gpointer data)
{
  Pair *pair = data;

  g_array_unref (pair->intervals);
  g_array_unref (pair->ports);
  g_free (pair);
}

/* The order of the records' identity index: listener, port, protocol, client. */
static int
pair_compare (gconstpointer a,
              gconstpointer b)
{
  const PairKey *x = &(*(Pair * const *) a)->key;
  const PairKey *y = &(*(Pair * const *) b)->key;
  int c;

  if ((c = liaison_address_compare (&x->listener, &y->listener)) != 0)
    return c;
  if (x->port != y->port)
    return x->port < y->port ? -1 : 1;
  if (x->protocol != y->protocol)
    return x->protocol < y->protocol ? -1 : 1;
  return liaison_address_compare (&x->client, &y->client);
}

static int
interval_compare (gconstpointer a,
                  gconstpointer b)
{
  const LiaisonSpanInterval *x = a;
  const LiaisonSpanInterval *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return 0;
}

static int
guint64_compare (gconstpointer a,
                 gconstpointer b)
{
  guint64 x = *(const guint64 *) a;
  guint64 y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

static inline gboolean
is_ephemeral (guint16 port)
{
  return port >= 32768;
}

/* Section 4.2: which side of a flow listens. Returns TRUE when dst does. */
static gboolean
dst_listens (const LiaisonListenerSet *known,
             const LiaisonFlow        *flow)
{
  gboolean src_ephemeral, dst_ephemeral;

  if (flow->oriented == LIAISON_FLOW_SRC_CLIENT)
    return TRUE;
  if (flow->oriented == LIAISON_FLOW_SRC_LISTENER)
    return FALSE;
  if (liaison_listener_set_covers (known, &flow->dst, flow->dst_port, flow->protocol))
    return TRUE;
  if (liaison_listener_set_covers (known, &flow->src, flow->src_port, flow->protocol))
    return FALSE;

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

/* Section 4.3: events and ports of a pair per sample window, summed over
 * the windows of the file; @windows gets the windows, in order. */
static void
count_events (GArray *ports,
              GArray *windows,
              gint64 *events,
              gint64 *distinct_ports)
{
  *events = 0;
  *distinct_ports = 0;
  g_array_set_size (windows, 0);

  g_array_sort (ports, guint64_compare);

  for (guint i = 0; i < ports->len; )
    {
      guint64 window_port = g_array_index (ports, guint64, i) >> 1;
      gint64 window = (gint64) (window_port >> (WINDOW_SHIFT - 1));
      gint64 forward = 0, reverse = 0;

      if (windows->len == 0 || g_array_index (windows, gint64, windows->len - 1) != window)
        g_array_append_val (windows, window);

      while (i < ports->len && (g_array_index (ports, guint64, i) >> 1) == window_port)
        {
          if (g_array_index (ports, guint64, i) & 1)
            reverse++;
          else
            forward++;
          i++;
        }

      *events += MAX (forward, reverse);
      if ((window_port & 0xffff) != 0)
        (*distinct_ports)++;
    }
}

static gboolean
gaps_equal (GArray *a,
            GArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      const LiaisonGap *x = &g_array_index (a, LiaisonGap, i);
      const LiaisonGap *y = &g_array_index (b, LiaisonGap, i);

      if (x->from != y->from || x->to != y->to || x->to_interval != y->to_interval)
        return FALSE;
    }
  return TRUE;
}

/* A netflow sample being applied. */
typedef struct
{
  LiaisonStore *store;
  guint         interval;
  GHashTable   *pairs;        /* Pair (owned) */
  GPtrArray    *sorted;       /* Pair, in pair_compare() order */
  GArray       *old_gaps;     /* LiaisonGap: a record's gap segments before the sample, reused */
  GArray       *windows;      /* gint64: a pair's sample windows in the file, reused */
  GArray       *old_runs;     /* LiaisonWindowRun: a record's older runs of windows read, reused */
  GArray       *runs;         /* LiaisonWindowRun: those and its newest, reused */
  GArray       *new_runs;     /* LiaisonWindowRun: its older runs after the file, reused */
} NetflowSample;

static void
netflow_sample_clear (NetflowSample *sample)
{
  g_clear_pointer (&sample->sorted, g_ptr_array_unref);
  g_clear_pointer (&sample->pairs, g_hash_table_unref);
  g_clear_pointer (&sample->old_gaps, g_array_unref);
  g_clear_pointer (&sample->windows, g_array_unref);
  g_clear_pointer (&sample->old_runs, g_array_unref);
  g_clear_pointer (&sample->runs, g_array_unref);
  g_clear_pointer (&sample->new_runs, g_array_unref);
}

/* Section 4.2: orients each flow and adds it to the flows of its pair. */
static gboolean
gather_pairs (NetflowSample          *sample,
              const LiaisonFlowFile  *file,
              GError                **error)
{
  LiaisonListenerSet known;
  Pair *last_pair = NULL;
  gint64 step = (gint64) sample->interval * 1000;

  liaison_listener_set_init (&known);
  if (!liaison_store_load_known_listeners (sample->store, &known, error))
    {
      liaison_listener_set_clear (&known);
      return FALSE;
    }

  for (guint i = 0; i < file->flows->len; i++)
    {
      const LiaisonFlow *flow = &g_array_index (file->flows, LiaisonFlow, i);
      LiaisonSpanInterval span;
      PairKey key;
      Pair *pair;
      guint16 client_port;
      guint64 port_entry;
      gboolean forward;

      if (flow->src.family == 0 || flow->dst.family == 0)
        continue;

      forward = dst_listens (&known, flow);

      memset (&key, 0, sizeof key);
      key.protocol = flow->protocol;
      if (forward)
        {
          key.listener = flow->dst;
          key.port = flow->dst_port;
          key.client = flow->src;
          client_port = flow->src_port;
        }
      else
        {
          key.listener = flow->src;
          key.port = flow->src_port;
          key.client = flow->dst;
          client_port = flow->dst_port;
        }

      /* A listener needs a port. */
      if (key.port == 0)
        continue;

      if (last_pair != NULL && pair_equal (&last_pair->key, &key))
        pair = last_pair;
      else
        {
          pair = g_hash_table_lookup (sample->pairs, &key);
          if (pair == NULL)
            {
              pair = g_new0 (Pair, 1);
              pair->key = key;
              pair->intervals = g_array_new (FALSE, FALSE, sizeof (LiaisonSpanInterval));
              pair->ports = g_array_new (FALSE, FALSE, sizeof (guint64));
              pair->first = LIAISON_TIME_NONE;
              pair->last = LIAISON_TIME_NONE;
              g_hash_table_add (sample->pairs, pair);
            }
          last_pair = pair;
        }

      span.start = flow->start;
      span.end = flow->end == LIAISON_TIME_NONE ? flow->start : MAX (flow->end, flow->start);
      span.interval = sample->interval;
      g_array_append_val (pair->intervals, span);

      port_entry = ((guint64) (span.start / step) << WINDOW_SHIFT) | ((guint64) client_port << 1) |
                   (forward ? 0 : 1);
      g_array_append_val (pair->ports, port_entry);

      pair->first = liaison_time_earlier (pair->first, span.start);
      pair->last = liaison_time_later (pair->last, span.end);
    }

  liaison_listener_set_clear (&known);
  return TRUE;
}

/* The pairs in key order, so that the rows are written in index order. */
static void
sort_pairs (NetflowSample *sample)
{
  GHashTableIter iter;
  gpointer value;

  sample->sorted = g_ptr_array_sized_new (g_hash_table_size (sample->pairs));
  g_hash_table_iter_init (&iter, sample->pairs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (sample->sorted, value);
  g_ptr_array_sort (sample->sorted, pair_compare);
}

/* Section 4.2: a pair's service communication, unknown process. */
static gboolean
observe_pair (const NetflowSample  *sample,
              const Pair           *pair,
              GError              **error)
{
  LiaisonObservation observation = { 0 };
  char client_ip[LIAISON_ADDRESS_STRLEN];
  char listener_ip[LIAISON_ADDRESS_STRLEN];

  liaison_address_to_string (&pair->key.client, client_ip);
  liaison_address_to_string (&pair->key.listener, listener_ip);

  observation.client_ip = client_ip;
  observation.listener_ip = listener_ip;
  observation.port = pair->key.port;
  observation.protocol = liaison_protocol_to_string ((LiaisonProtocol) pair->key.protocol);
  observation.time_first = pair->first;
  observation.time_last = pair->last;
  observation.source = "netflow";
  return liaison_store_observe_communication (sample->store, &observation, error);
}

/* Section 4.4: adds the pair's flows to the spans. */
static void
add_spans (Pair         *pair,
           LiaisonSpans *spans)
{
  /* Flows usually come in time order; sort only when they do not. */
  for (guint i = 1; i < pair->intervals->len; i++)
    if (interval_compare (&g_array_index (pair->intervals, LiaisonSpanInterval, i - 1),
                          &g_array_index (pair->intervals, LiaisonSpanInterval, i)) > 0)
      {
        g_array_sort (pair->intervals, interval_compare);
        break;
      }
  liaison_spans_add (spans, (const LiaisonSpanInterval *) (gpointer) pair->intervals->data,
                     pair->intervals->len);
}

/* Unites the runs @old and the windows @windows (of @step ms) into @merged;
 * returns how many of the windows no run held. Both are in time order. */
static gint64
merge_runs (GArray *old,
            GArray *windows,
            gint64  step,
            GArray *merged)
{
  guint r = 0, w = 0;
  gint64 new_windows = 0;

  for (guint i = 0, k = 0; i < windows->len; i++)
    {
      gint64 from = g_array_index (windows, gint64, i) * step;

      while (k < old->len && g_array_index (old, LiaisonWindowRun, k).to <= from)
        k++;
      if (k == old->len || g_array_index (old, LiaisonWindowRun, k).from >= from + step)
        new_windows++;
    }

  g_array_set_size (merged, 0);
  while (r < old->len || w < windows->len)
    {
      LiaisonWindowRun next;

      if (w < windows->len &&
          (r == old->len || g_array_index (windows, gint64, w) * step < g_array_index (old, LiaisonWindowRun, r).from))
        {
          next.from = g_array_index (windows, gint64, w++) * step;
          next.to = next.from + step;
        }
      else
        next = g_array_index (old, LiaisonWindowRun, r++);

      if (merged->len > 0 && next.from <= g_array_index (merged, LiaisonWindowRun, merged->len - 1).to)
        {
          LiaisonWindowRun *last = &g_array_index (merged, LiaisonWindowRun, merged->len - 1);

          last->to = MAX (last->to, next.to);
        }
      else
        g_array_append_val (merged, next);
    }
  return new_windows;
}

static gboolean
runs_equal (GArray *a,
            GArray *b)
{
  return a->len == b->len &&
         (a->len == 0 || memcmp (a->data, b->data, (gsize) a->len * sizeof (LiaisonWindowRun)) == 0);
}

/* Sections 4 and 4.3: the pair's windows, events and ports in this file;
 * a window counts once, whatever file brought it first. The record holds
 * its newest run of windows; the older runs are read only when the file has
 * a window before it (an older file imported late). Sets sample->old_runs
 * to the older runs read and sample->new_runs to what they become. */
static gboolean
count_windows (NetflowSample         *sample,
               Pair                  *pair,
               gint64                 record_id,
               LiaisonNetflowCounts  *counts,
               GError               **error)
{
  gint64 step = (gint64) sample->interval * 1000;
  gboolean have_newest = counts->run_from != LIAISON_TIME_NONE;
  LiaisonTime from, to;
  gint64 events, ports;

  count_events (pair->ports, sample->windows, &events, &ports);
  from = g_array_index (sample->windows, gint64, 0) * step;
  to = (g_array_index (sample->windows, gint64, sample->windows->len - 1) + 1) * step;

  g_array_set_size (sample->old_runs, 0);
  if (record_id != 0 && have_newest && from < counts->run_from &&
      !liaison_store_read_window_runs (sample->store, record_id, from, to, sample->old_runs, error))
    return FALSE;

  /* the older runs read and the newest, then the file's windows */
  g_array_set_size (sample->runs, 0);
  g_array_append_vals (sample->runs, sample->old_runs->data, sample->old_runs->len);
  if (have_newest)
    {
      LiaisonWindowRun newest = { counts->run_from, counts->run_to };

      g_array_append_val (sample->runs, newest);
    }

  counts->active_samples += merge_runs (sample->runs, sample->windows, step, sample->new_runs);
  counts->total_events += events;
  counts->total_ports += ports;

  /* the newest run goes back to the record, the rest to nf_window_run */
  counts->run_from = g_array_index (sample->new_runs, LiaisonWindowRun, sample->new_runs->len - 1).from;
  counts->run_to = g_array_index (sample->new_runs, LiaisonWindowRun, sample->new_runs->len - 1).to;
  g_array_set_size (sample->new_runs, sample->new_runs->len - 1);
  return TRUE;
}

/* The pair's statistics record with the file's flows. */
static gboolean
apply_pair (NetflowSample  *sample,
            Pair           *pair,
            GError        **error)
{
  LiaisonRecordKey key = { &pair->key.listener, &pair->key.client, pair->key.port, pair->key.protocol, "" };
  gint64 step = (gint64) sample->interval * 1000;
  LiaisonNetflowCounts counts;
  LiaisonSpans spans;
  gint64 record_id = 0;
  gboolean ok;

  if (!observe_pair (sample, pair, error))
    return FALSE;

  liaison_spans_init (&spans);
  ok = liaison_store_read_netflow_record (sample->store, &key, &record_id, &counts, &spans, error) &&
       count_windows (sample, pair, record_id, &counts, error);
  if (ok)
    {
      LiaisonTime from = g_array_index (sample->windows, gint64, 0) * step;
      LiaisonTime to = (g_array_index (sample->windows, gint64, sample->windows->len - 1) + 1) * step;

      g_array_set_size (sample->old_gaps, 0);
      g_array_append_vals (sample->old_gaps, spans.gaps->data, spans.gaps->len);

      add_spans (pair, &spans);

      if (record_id == 0)
        ok = liaison_store_add_netflow_record (sample->store, &key, sample->interval, &counts, &spans,
                                               &record_id, error);
      else
        ok = liaison_store_update_netflow_record (sample->store, record_id, sample->interval, &counts, &spans,
                                                  error);

      /* Gap rows and older runs are rewritten only when they changed. */
      ok = ok &&
           (gaps_equal (sample->old_gaps, spans.gaps) ||
            liaison_store_replace_gaps (sample->store, record_id, sample->old_gaps->len > 0, spans.gaps, error)) &&
           (runs_equal (sample->old_runs, sample->new_runs) ||
            liaison_store_replace_window_runs (sample->store, record_id, from, to, sample->old_runs->len > 0,
                                               sample->new_runs, error));
    }

  liaison_spans_clear (&spans);
  return ok;
}

/**
 * liaison_statistics_apply_netflow:
 * @store: the store, normally inside a transaction
 * @interval: I, the sample interval in seconds
 * @file: the flows of one file
 * @error: return location for an error
 *
 * Applies the flows of one file (statistics.md sections 4 to 4.4): each
 * flow belongs to the sample window of the epoch grid of @interval that
 * holds its start, so a file may bring several windows, and a window some
 * other file brought already counts once. The caller records the file in
 * `sample`, whose newest window end decides the pending spans. Either the
 * whole file is applied or nothing is.
 */
gboolean
liaison_statistics_apply_netflow (LiaisonStore           *store,
                                  guint                   interval,
                                  const LiaisonFlowFile  *file,
                                  GError                **error)
{
  NetflowSample sample = { 0 };
  gboolean ok;

  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);
  g_return_val_if_fail (file != NULL, FALSE);

  if (interval == 0)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                   _("the sample interval must be at least one second"));
      return FALSE;
    }

  if (!liaison_store_begin (store, error))
    return FALSE;

  sample.store = store;
  sample.interval = interval;
  sample.pairs = g_hash_table_new_full (pair_hash, pair_equal, NULL, pair_free);
  sample.old_gaps = g_array_new (FALSE, FALSE, sizeof (LiaisonGap));
  sample.windows = g_array_new (FALSE, FALSE, sizeof (gint64));
  sample.old_runs = g_array_new (FALSE, FALSE, sizeof (LiaisonWindowRun));
  sample.runs = g_array_new (FALSE, FALSE, sizeof (LiaisonWindowRun));
  sample.new_runs = g_array_new (FALSE, FALSE, sizeof (LiaisonWindowRun));

  ok = gather_pairs (&sample, file, error);
  if (ok)
    sort_pairs (&sample);
  for (guint i = 0; ok && i < sample.sorted->len; i++)
    ok = apply_pair (&sample, g_ptr_array_index (sample.sorted, i), error);

  netflow_sample_clear (&sample);

  if (!ok)
    {
      liaison_store_rollback (store);
      return FALSE;
    }

  return liaison_store_commit (store, error);
}
