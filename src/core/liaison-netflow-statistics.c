/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-statistics"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "liaison-error.h"
#include "liaison-listener-set-private.h"
#include "liaison-memory-private.h"
#include "liaison-netflow-sample-private.h"
#include "liaison-netflow-statistics-private.h"
#include "liaison-observation-batch-private.h"
#include "liaison-span.h"
#include "liaison-store-communications-private.h"
#include "liaison-store-listeners-private.h"
#include "liaison-store-pg-copy-private.h"

/*
 * The netflow statistics (statistics.md 4.2 to 4.4), in two steps: the
 * gathering of a file's flows per pair (liaison-netflow-sample.c), and
 * here the applying (apply_sample()): each
 * pair's service communication and statistics record are updated once, in
 * the order of the records' identity index, inside the caller's
 * transaction. What a pair adds is computed one pair at a time; new service
 * communications and new records are held and written several to a
 * statement, in the order one pair at a time would have written them, so
 * they get the same ids and values (liaison_store_set_single_rows() writes
 * them one by one, for the tests to compare).
 */

/*
 * Sorts in place, with the comparison inline: a file's ports and intervals
 * are sorted pair by pair, a million values in all, where qsort()'s call per
 * comparison costs more than the comparison. Insertion sort below 24
 * values, else quicksort on the median of three, the smaller side first.
 * The order is total, so the result is the one qsort() gives.
 */
#define DEFINE_SORT(name, type, less)                                         \
  static void                                                                 \
  name (type  *v,                                                             \
        gsize  n)                                                             \
  {                                                                           \
    while (n > 24)                                                            \
      {                                                                       \
        type *m = &v[n / 2], *last = &v[n - 1], pivot, t;                     \
        gsize i = 0, j = n - 1;                                               \
                                                                              \
        if (less (*m, *v)) { t = *m; *m = *v; *v = t; }                       \
        if (less (*last, *m)) { t = *last; *last = *m; *m = t; }              \
        if (less (*m, *v)) { t = *m; *m = *v; *v = t; }                       \
        pivot = *m;                                                           \
        for (;;)                                                              \
          {                                                                   \
            while (less (v[i], pivot))                                        \
              i++;                                                            \
            while (less (pivot, v[j]))                                        \
              j--;                                                            \
            if (i >= j)                                                       \
              break;                                                          \
            t = v[i]; v[i] = v[j]; v[j] = t;                                  \
            i++;                                                              \
            j--;                                                              \
          }                                                                   \
        /* [0, j] and [j + 1, n): recurse on the smaller */                   \
        if (j + 1 < n - j - 1)                                                \
          {                                                                   \
            name (v, j + 1);                                                  \
            v += j + 1;                                                       \
            n -= j + 1;                                                       \
          }                                                                   \
        else                                                                  \
          {                                                                   \
            name (v + j + 1, n - j - 1);                                      \
            n = j + 1;                                                        \
          }                                                                   \
      }                                                                       \
    for (gsize i = 1; i < n; i++)                                             \
      {                                                                       \
        type x = v[i];                                                        \
        gsize k = i;                                                          \
                                                                              \
        for (; k > 0 && less (x, v[k - 1]); k--)                              \
          v[k] = v[k - 1];                                                    \
        v[k] = x;                                                             \
      }                                                                       \
  }

#define PORT_LESS(x, y) ((x) < (y))
/* In the order liaison_spans_add() merges in, so that it need not sort. */
#define INTERVAL_LESS(x, y) (liaison_span_interval_compare (&(x), &(y)) < 0)

DEFINE_SORT (sort_ports, guint64, PORT_LESS)
DEFINE_SORT (sort_intervals, LiaisonSpanInterval, INTERVAL_LESS)

/* Puts a pair's ports and intervals in order, for count_events() and
 * liaison_spans_add(). */
static void
sort_pair (guint64             *ports,
           LiaisonSpanInterval *intervals,
           guint                n)
{
  sort_ports (ports, n);

  /* Flows usually come in time order; sort only when they do not. */
  for (guint i = 1; i < n; i++)
    if (INTERVAL_LESS (intervals[i], intervals[i - 1]))
      {
        sort_intervals (intervals, n);
        break;
      }
}

/* Section 4.3: events and ports of a pair per sample window, summed over
 * the windows of the file, from its @ports in order; @windows gets the
 * windows, in order. */
static void
count_events (const guint64 *ports,
              guint          n_ports,
              GArray        *windows,
              gint64        *events,
              gint64        *distinct_ports)
{
  *events = 0;
  *distinct_ports = 0;
  g_array_set_size (windows, 0);

  for (guint i = 0; i < n_ports; )
    {
      guint64 window_port = ports[i] >> 1;
      gint64 window = (gint64) (window_port >> (WINDOW_SHIFT - 1));
      gint64 forward = 0, reverse = 0;

      if (windows->len == 0 || g_array_index (windows, gint64, windows->len - 1) != window)
        g_array_append_val (windows, window);

      while (i < n_ports && (ports[i] >> 1) == window_port)
        {
          if (ports[i] & 1)
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

/* Whether the segments of @a are the first ones of @b, unchanged. */
static gboolean
gaps_lead (GArray *a,
           GArray *b)
{
  if (a->len > b->len)
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

static gboolean
gaps_equal (GArray *a,
            GArray *b)
{
  return a->len == b->len && gaps_lead (a, b);
}

/* A new record held until its statement, with where its gap segments and
 * older runs of windows wait. */
typedef struct
{
  guint gaps;                  /* first in `held_gaps` */
  guint n_gaps;
  guint runs;                  /* first in `held_runs` */
  guint n_runs;
} HeldExtras;

/* Held records are written when this many wait. */
#define RECORDS_HELD_MAX 4096

/* A netflow sample being applied. */
typedef struct
{
  LiaisonStore            *store;
  LiaisonNetflowSample    *sample;
  guint64                 *ports;        /* of every flow, grouped by pair */
  LiaisonSpanInterval     *intervals;
  LiaisonObservationBatch *batch;
  gboolean                 no_records;   /* the table had no statistics record */
  LiaisonNetflowScan      *scan;         /* the records read in order, NULL: looked up one by one */
  gboolean                 staged;       /* the pairs' keys are on the server (liaison_store_look_up_identities()) */
  LiaisonSpans             spans;        /* a pair's, reused */
  GArray                  *old_gaps;     /* LiaisonGap: a record's gap segments before the sample, reused */
  GArray                  *added_gaps;   /* LiaisonGap: those the sample adds after them, reused */
  GArray                  *windows;      /* gint64: a pair's sample windows in the file, reused */
  GArray                  *old_runs;     /* LiaisonWindowRun: a record's older runs of windows read, reused */
  GArray                  *runs;         /* LiaisonWindowRun: those and its newest, reused */
  GArray                  *new_runs;     /* LiaisonWindowRun: its older runs after the file, reused */
  GArray                  *held;         /* LiaisonNetflowRecordRow: new records not written yet */
  GArray                  *held_extras;  /* HeldExtras, one per held record */
  GArray                  *held_gaps;    /* LiaisonGap */
  GArray                  *held_runs;    /* LiaisonWindowRun */
  gboolean                 hold_updates; /* records' updates go together (liaison_store_copies_rows()) */
  GArray                  *updates;      /* LiaisonNetflowRecordUpdate: records' updates not written yet */
  GArray                  *update_gaps;  /* LiaisonGapRow: gap segments they add, not written yet */
  LiaisonApplyProgress     progress;
  gpointer                 progress_data;
} NetflowApply;

static void
netflow_apply_clear (NetflowApply *apply)
{
  g_clear_pointer (&apply->ports, g_free);
  g_clear_pointer (&apply->intervals, g_free);
  g_clear_pointer (&apply->batch, liaison_observation_batch_free);
  g_clear_pointer (&apply->scan, liaison_netflow_scan_free);
  liaison_spans_clear (&apply->spans);
  g_clear_pointer (&apply->old_gaps, g_array_unref);
  g_clear_pointer (&apply->added_gaps, g_array_unref);
  g_clear_pointer (&apply->windows, g_array_unref);
  g_clear_pointer (&apply->old_runs, g_array_unref);
  g_clear_pointer (&apply->runs, g_array_unref);
  g_clear_pointer (&apply->new_runs, g_array_unref);
  g_clear_pointer (&apply->held, g_array_unref);
  g_clear_pointer (&apply->held_extras, g_array_unref);
  g_clear_pointer (&apply->held_gaps, g_array_unref);
  g_clear_pointer (&apply->held_runs, g_array_unref);
  g_clear_pointer (&apply->updates, g_array_unref);
  g_clear_pointer (&apply->update_gaps, g_array_unref);
  if (apply->store != NULL)
    liaison_store_forget_identities (apply->store);
}

/* Puts the flows of each pair together (a counting sort by pair) and lets
 * go of them as they came. */
static void
group_flows (NetflowApply *apply)
{
  LiaisonNetflowSample *sample = apply->sample;
  guint64 n = sample->n_filed;
  guint32 offset = 0;

  for (guint i = 0; i < sample->pairs->len; i++)
    {
      Pair *pair = &g_array_index (sample->pairs, Pair, i);

      pair->offset = offset;
      offset += pair->n_flows;
      pair->n_flows = 0;
    }

  apply->ports = liaison_memory_alloc_huge (MAX (n, 1) * sizeof (guint64));
  apply->intervals = liaison_memory_alloc_huge (MAX (n, 1) * sizeof (LiaisonSpanInterval));
  for (guint64 i = 0; i < n; i++)
    {
      const Filed *f = &sample->filed[i];
      Pair *pair = &g_array_index (sample->pairs, Pair, f->pair);
      guint32 at = pair->offset + pair->n_flows++;

      apply->ports[at] = f->port;
      apply->intervals[at] = f->span;
    }
  g_clear_pointer (&sample->filed, g_free);
  sample->n_filed = sample->filed_size = 0;
}

/* Section 4.2: a pair's service communication, unknown process. Tells
 * whether the pair's rows are the batch's own and name no device. */
static gboolean
observe_pair (NetflowApply  *apply,
              const Pair    *pair,
              gboolean      *no_devices,
              GError       **error)
{
  LiaisonObservation observation = { 0 };

  observation.port = pair->key.port;
  observation.protocol = liaison_protocol_to_string ((LiaisonProtocol) pair->key.protocol);
  observation.time_first = pair->first;
  observation.time_last = pair->last;
  observation.source = "netflow";
  if (!liaison_observation_batch_add (apply->batch, &pair->key.client, &pair->key.listener, &observation, error))
    return FALSE;
  *no_devices = liaison_observation_batch_made_without_devices (apply->batch, &pair->key.client,
                                                               &pair->key.listener, &observation);
  return TRUE;
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
 * a window before it (an older file imported late). Sets apply->old_runs
 * to the older runs read and apply->new_runs to what they become. */
static gboolean
count_windows (NetflowApply          *apply,
               const Pair            *pair,
               gint64                 record_id,
               LiaisonNetflowCounts  *counts,
               GError               **error)
{
  gint64 step = (gint64) apply->sample->interval * 1000;
  gboolean have_newest = counts->run_from != LIAISON_TIME_NONE;
  LiaisonTime from, to;
  gint64 events, ports;

  count_events (apply->ports + pair->offset, pair->n_flows, apply->windows, &events, &ports);
  from = g_array_index (apply->windows, gint64, 0) * step;
  to = (g_array_index (apply->windows, gint64, apply->windows->len - 1) + 1) * step;

  g_array_set_size (apply->old_runs, 0);
  if (record_id != 0 && have_newest && from < counts->run_from &&
      !liaison_store_read_window_runs (apply->store, record_id, from, to, apply->old_runs, error))
    return FALSE;

  /* the older runs read and the newest, then the file's windows */
  g_array_set_size (apply->runs, 0);
  g_array_append_vals (apply->runs, apply->old_runs->data, apply->old_runs->len);
  if (have_newest)
    {
      LiaisonWindowRun newest = { counts->run_from, counts->run_to };

      g_array_append_val (apply->runs, newest);
    }

  counts->active_samples += merge_runs (apply->runs, apply->windows, step, apply->new_runs);
  counts->total_events += events;
  counts->total_ports += ports;

  /* the newest run goes back to the record, the rest to nf_window_run */
  counts->run_from = g_array_index (apply->new_runs, LiaisonWindowRun, apply->new_runs->len - 1).from;
  counts->run_to = g_array_index (apply->new_runs, LiaisonWindowRun, apply->new_runs->len - 1).to;
  g_array_set_size (apply->new_runs, apply->new_runs->len - 1);
  return TRUE;
}

/* Writes the new records held, with their gap segments and older runs:
 * their ids follow each other from the first. */
static gboolean
flush_records (NetflowApply  *apply,
               GError       **error)
{
  g_autoptr(GArray) gaps = NULL;
  g_autoptr(GArray) runs = NULL;
  gint64 first_id = 0;

  if (apply->held->len == 0)
    return TRUE;

  /* Their service communications are in the table first, as one pair at a
   * time would have them. */
  if (!liaison_observation_batch_flush (apply->batch, error) ||
      !liaison_store_add_netflow_records (apply->store, (const LiaisonNetflowRecordRow *) (gpointer) apply->held->data,
                                          apply->held->len, &first_id, error))
    return FALSE;

  gaps = g_array_sized_new (FALSE, FALSE, sizeof (LiaisonGapRow), apply->held_gaps->len);
  runs = g_array_sized_new (FALSE, FALSE, sizeof (LiaisonWindowRunRow), apply->held_runs->len);
  for (guint i = 0; i < apply->held_extras->len; i++)
    {
      const HeldExtras *extras = &g_array_index (apply->held_extras, HeldExtras, i);

      for (guint k = 0; k < extras->n_gaps; k++)
        {
          LiaisonGapRow row = { first_id + i, g_array_index (apply->held_gaps, LiaisonGap, extras->gaps + k) };

          g_array_append_val (gaps, row);
        }
      for (guint k = 0; k < extras->n_runs; k++)
        {
          LiaisonWindowRunRow row = { first_id + i, g_array_index (apply->held_runs, LiaisonWindowRun, extras->runs + k) };

          g_array_append_val (runs, row);
        }
    }
  if (!liaison_store_add_gaps (apply->store, (const LiaisonGapRow *) (gpointer) gaps->data, gaps->len, error) ||
      !liaison_store_add_window_runs (apply->store, (const LiaisonWindowRunRow *) (gpointer) runs->data, runs->len,
                                      error))
    return FALSE;

  g_array_set_size (apply->held, 0);
  g_array_set_size (apply->held_extras, 0);
  g_array_set_size (apply->held_gaps, 0);
  g_array_set_size (apply->held_runs, 0);
  return TRUE;
}

/* Holds the new record of @pair, with what it has after the file. */
static gboolean
hold_record (NetflowApply                *apply,
             const Pair                  *pair,
             const LiaisonNetflowCounts  *counts,
             gboolean                     no_devices,
             GError                     **error)
{
  LiaisonNetflowRecordRow row = { 0 };
  HeldExtras extras;

  row.key.listener = &pair->key.listener;
  row.key.client = &pair->key.client;
  row.key.port = pair->key.port;
  row.key.protocol = pair->key.protocol;
  row.key.scope = "";
  liaison_netflow_part_init (&row.part, apply->sample->interval, counts, &apply->spans);
  row.no_devices = no_devices;
  g_array_append_val (apply->held, row);

  extras.gaps = apply->held_gaps->len;
  extras.n_gaps = apply->spans.gaps->len;
  extras.runs = apply->held_runs->len;
  extras.n_runs = apply->new_runs->len;
  g_array_append_vals (apply->held_gaps, apply->spans.gaps->data, apply->spans.gaps->len);
  g_array_append_vals (apply->held_runs, apply->new_runs->data, apply->new_runs->len);
  g_array_append_val (apply->held_extras, extras);

  /* One by one, the reference: written at once. */
  if (apply->held->len >= RECORDS_HELD_MAX || apply->store->single_rows)
    return flush_records (apply, error);
  return TRUE;
}

/*
 * Writes the record's gap segments when the file changed them. A file
 * later than the record's spans only adds segments after the ones it had:
 * those alone are written, so that a pair's cost does not grow with the
 * gaps of every file before (a day of files had 70 a pair by its end).
 */
static gboolean
write_gaps (NetflowApply  *apply,
            gint64         record_id,
            GError       **error)
{
  GArray *old = apply->old_gaps, *gaps = apply->spans.gaps;

  if (gaps_equal (old, gaps))
    return TRUE;
  if (!gaps_lead (old, gaps))
    return liaison_store_replace_gaps (apply->store, record_id, old->len > 0, gaps, error);

  if (apply->hold_updates)
    {
      for (guint i = old->len; i < gaps->len; i++)
        {
          LiaisonGapRow row = { record_id, g_array_index (gaps, LiaisonGap, i) };

          g_array_append_val (apply->update_gaps, row);
        }
      return TRUE;
    }
  g_array_set_size (apply->added_gaps, 0);
  g_array_append_vals (apply->added_gaps, &g_array_index (gaps, LiaisonGap, old->len), gaps->len - old->len);
  return liaison_store_replace_gaps (apply->store, record_id, FALSE, apply->added_gaps, error);
}

/* Writes the updates of records held, with the gap segments they add. */
static gboolean
flush_updates (NetflowApply  *apply,
               GError       **error)
{
  if (!liaison_store_update_netflow_records (apply->store,
                                             (const LiaisonNetflowRecordUpdate *) (gpointer) apply->updates->data,
                                             apply->updates->len, error) ||
      !liaison_store_add_gaps (apply->store, (const LiaisonGapRow *) (gpointer) apply->update_gaps->data,
                               apply->update_gaps->len, error))
    return FALSE;
  g_array_set_size (apply->updates, 0);
  g_array_set_size (apply->update_gaps, 0);
  return TRUE;
}

/* Writes the netflow part of a record that was there before the file, or
 * holds it to be written with others. */
static gboolean
update_record (NetflowApply                *apply,
               gint64                       record_id,
               const LiaisonNetflowCounts  *counts,
               GError                     **error)
{
  LiaisonNetflowRecordUpdate row = { record_id };

  liaison_netflow_part_init (&row.part, apply->sample->interval, counts, &apply->spans);
  if (!apply->hold_updates)
    return liaison_store_update_netflow_records (apply->store, &row, 1, error);
  g_array_append_val (apply->updates, row);
  if (apply->updates->len >= RECORDS_HELD_MAX)
    return flush_updates (apply, error);
  return TRUE;
}

/* The pair's statistics record with the file's flows. */
static gboolean
apply_pair (NetflowApply  *apply,
            const Pair    *pair,
            GError       **error)
{
  LiaisonRecordKey key = { &pair->key.listener, &pair->key.client, pair->key.port, pair->key.protocol, "" };
  gint64 step = (gint64) apply->sample->interval * 1000;
  LiaisonNetflowCounts counts = { 0, 0, 0, LIAISON_TIME_NONE, LIAISON_TIME_NONE };
  gint64 record_id = 0;
  gboolean no_devices = FALSE;
  LiaisonTime from, to;

  apply->spans.first = apply->spans.last = LIAISON_TIME_NONE;
  apply->spans.first_interval = 0;
  g_array_set_size (apply->spans.gaps, 0);

  if (!observe_pair (apply, pair, &no_devices, error))
    return FALSE;

  /* Without a record before the sample, every pair makes a new one. */
  if ((!apply->no_records && apply->scan != NULL &&
       !liaison_netflow_scan_read (apply->scan, &key, &record_id, &counts, &apply->spans, error)) ||
      (!apply->no_records && apply->scan == NULL &&
       !liaison_store_read_netflow_record (apply->store, &key, &record_id, &counts, &apply->spans, error)) ||
      !count_windows (apply, pair, record_id, &counts, error))
    return FALSE;

  from = g_array_index (apply->windows, gint64, 0) * step;
  to = (g_array_index (apply->windows, gint64, apply->windows->len - 1) + 1) * step;

  g_array_set_size (apply->old_gaps, 0);
  g_array_append_vals (apply->old_gaps, apply->spans.gaps->data, apply->spans.gaps->len);

  /* Section 4.4: the pair's flows, in time order, into its spans. */
  liaison_spans_add (&apply->spans, apply->intervals + pair->offset, pair->n_flows);

  if (record_id == 0)
    return hold_record (apply, pair, &counts, no_devices, error);

  /* Gap rows and older runs are rewritten only when they changed. */
  return update_record (apply, record_id, &counts, error) &&
         write_gaps (apply, record_id, error) &&
         (runs_equal (apply->old_runs, apply->new_runs) ||
          liaison_store_replace_window_runs (apply->store, record_id, from, to, apply->old_runs->len > 0,
                                             apply->new_runs, error));
}

/* Pairs applied between two looks at the cancellable. */
#define PAIRS_PER_CHECK 1024

/* From this many pairs on, a sample into empty tables writes their rows
 * without the indexes that no write needs, and makes those after. */
#define DEFER_INDEXES_PAIRS 2048

/* A sample of this many pairs or more for every record in the table reads
 * the records in one scan rather than looking each up. */
#define SCAN_RECORDS_SHARE 4

/* Starts the scan of the records when the sample's pairs are many beside
 * them (one row at a time, the reference, looks each up). */
static gboolean
scan_records (NetflowApply  *apply,
              GError       **error)
{
  gint64 max_id = 0;

  if (apply->no_records || apply->store->single_rows)
    return TRUE;
  if (!liaison_store_max_stat_record_id (apply->store, &max_id, error))
    return FALSE;
  /* the pairs' records alone, in one read, on a server that holds the pairs */
  if (!apply->staged && (gint64) apply->sample->pairs->len * SCAN_RECORDS_SHARE < max_id)
    return TRUE;
  apply->scan = liaison_store_scan_netflow_records (apply->store, apply->staged, error);
  return apply->scan != NULL;
}

/* Whether the sample's rows go into empty tables and are many enough for
 * their indexes to be made after them (liaison_store_defer_indexes()). One
 * row at a time, the reference, keeps them. */
static gboolean
defer_indexes (NetflowApply  *apply,
               GPtrArray     *deferred,
               GError       **error)
{
  gboolean any_communication = TRUE;

  if (!apply->no_records || apply->store->single_rows || apply->sample->pairs->len < DEFER_INDEXES_PAIRS)
    return TRUE;
  if (!liaison_store_has_communications (apply->store, &any_communication, error))
    return FALSE;
  if (any_communication)
    return TRUE;
  /* Each pair is observed once, and the batch holds their rows: none is
   * looked up by its identity before the index is made again. */
  return liaison_store_defer_indexes (apply->store, "communication", deferred, error) &&
         liaison_store_defer_identity (apply->store, "communication", "communication_identity", deferred, error) &&
         liaison_store_defer_indexes (apply->store, "stat_record", deferred, error);
}

/* A next window of much of the same network moves the last detection of
 * most rows: their index is made again after, when that costs less. */
static gboolean
defer_last_detected (NetflowApply  *apply,
                     GPtrArray     *deferred,
                     GError       **error)
{
  if (deferred->len > 0 || apply->sample->pairs->len < DEFER_INDEXES_PAIRS)
    return TRUE;
  return liaison_store_defer_index_for_updates (apply->store, "communication", "communication_by_last_detected",
                                                apply->sample->pairs->len, deferred, error);
}

/* On a server, the service communications of the pairs are read at once
 * (liaison_store_look_up_identities()): each pair is observed once. */
static gboolean
look_up_pairs (NetflowApply  *apply,
               GError       **error)
{
  GArray *pairs = apply->sample->pairs;
  g_autofree LiaisonIdentity *identities = NULL;
  gboolean mapped = FALSE;

  if (!liaison_store_copies_rows (apply->store, pairs->len))
    return TRUE;
  identities = g_new0 (LiaisonIdentity, pairs->len);
  for (guint i = 0; i < pairs->len; i++)
    {
      const Pair *pair = &g_array_index (pairs, Pair, i);
      LiaisonIdentity *identity = &identities[i];

      /* as the batch's observation_identity() makes it: IPv4-mapped is IPv4, scope "" */
      identity->client = pair->key.client;
      identity->listener = pair->key.listener;
      liaison_address_unmap (&identity->client);
      liaison_address_unmap (&identity->listener);
      identity->port = pair->key.port;
      identity->protocol = liaison_protocol_to_string ((LiaisonProtocol) pair->key.protocol);
      identity->scope = "";
      mapped |= !liaison_address_equal (&identity->client, &pair->key.client) ||
                !liaison_address_equal (&identity->listener, &pair->key.listener);
    }
  if (!liaison_store_look_up_identities (apply->store, identities, pairs->len, &apply->staged, error))
    return FALSE;
  /* A record's key is its pair's as it came: the staged keys find it only
   * when they are the same. */
  apply->staged = apply->staged && !mapped;
  return TRUE;
}

/*
 * The pairs' flows, sorted in the order the pairs are applied, by a thread
 * of its own while the import's thread writes the rows of the pairs
 * before, and by the import's thread too when it would wait: on two cores,
 * the sorting (a third of a file's apply) is done beside the writing, not
 * before it. Each pair is sorted by the thread that claims it.
 */
typedef struct
{
  NetflowApply   *apply;
  const guint32  *order;
  guint           n_pairs;
  gint            claimed;  /* atomic: the pairs of @order claimed so far */
  gint           *done;     /* atomic, one for each pair of @order: sorted */
  gint            stop;     /* atomic */
  GThread        *thread;
} SortAhead;

/* Pairs from which sorting ahead pays for its thread. */
#define SORT_AHEAD_PAIRS 1024

static void
sort_ordered_pair (NetflowApply *apply,
                   const Pair   *pair)
{
  sort_pair (apply->ports + pair->offset, apply->intervals + pair->offset, pair->n_flows);
}

/* Sorts the next pair no thread claimed; FALSE when there is none. */
static gboolean
sort_next (SortAhead *ahead)
{
  guint i;

  if ((guint) g_atomic_int_get (&ahead->claimed) >= ahead->n_pairs || g_atomic_int_get (&ahead->stop))
    return FALSE;
  i = (guint) g_atomic_int_add (&ahead->claimed, 1);
  if (i >= ahead->n_pairs)
    return FALSE;
  sort_ordered_pair (ahead->apply, &g_array_index (ahead->apply->sample->pairs, Pair, ahead->order[i]));
  g_atomic_int_set (&ahead->done[i], 1);
  return TRUE;
}

static gpointer
sort_ahead_run (gpointer data)
{
  while (sort_next (data))
    ;
  return NULL;
}

/* Applies the sample's pairs in @order, every @n_pairs of them. */
static gboolean
apply_in_order (NetflowApply   *apply,
                const guint32  *order,
                guint           n_pairs,
                GCancellable   *cancellable,
                GError        **error)
{
  GArray *pairs = apply->sample->pairs;
  guint64 records = apply->sample->flows, applied = 0;
  g_autofree gint *done = g_new0 (gint, MAX (n_pairs, 1));
  SortAhead ahead = { apply, order, n_pairs, 0, done, 0, NULL };
  gboolean ok = TRUE;

  if (n_pairs >= SORT_AHEAD_PAIRS && g_get_num_processors () > 1)
    ahead.thread = g_thread_new ("liaison-sort-ahead", sort_ahead_run, &ahead);

  for (guint i = 0; ok && i < n_pairs; i++)
    {
      const Pair *pair = &g_array_index (pairs, Pair, order[i]);

      if (i % PAIRS_PER_CHECK == 0 && i > 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              ok = FALSE;
              break;
            }
          if (apply->progress != NULL)
            apply->progress (applied, records, apply->progress_data);
        }
      while (!g_atomic_int_get (&done[i]))
        if (!sort_next (&ahead))
          g_thread_yield ();
      ok = apply_pair (apply, pair, error);
      applied += pair->n_flows;
    }

  if (ahead.thread != NULL)
    {
      g_atomic_int_set (&ahead.stop, 1);
      g_thread_join (ahead.thread);
    }
  return ok;
}

static gboolean
apply_pairs (NetflowApply  *apply,
             GCancellable  *cancellable,
             GError       **error)
{
  LiaisonNetflowSample *sample = apply->sample;
  g_autofree guint32 *order = g_new (guint32, MAX (sample->pairs->len, 1));
  g_autoptr(GPtrArray) deferred = g_ptr_array_new_with_free_func (g_free);
  gboolean any_record = FALSE;

  apply->batch = liaison_observation_batch_new (apply->store, error);
  if (apply->batch == NULL || !liaison_store_has_stat_records (apply->store, &any_record, error))
    return FALSE;
  liaison_observation_batch_look_up (apply->batch);
  apply->no_records = !any_record;
  if (!defer_indexes (apply, deferred, error) || !defer_last_detected (apply, deferred, error))
    return FALSE;
  /* Each pair is observed once: its row's new last detection may wait. */
  liaison_store_hold_last_detected (apply->store);
  if (!look_up_pairs (apply, error) || !scan_records (apply, error))
    return FALSE;

  group_flows (apply);

  /* In key order, so that the records are written in index order. */
  for (guint i = 0; i < sample->pairs->len; i++)
    order[i] = i;
  g_qsort_with_data (order, sample->pairs->len, sizeof *order, liaison_netflow_pair_index_compare, sample->pairs);

  if (!apply_in_order (apply, order, sample->pairs->len, cancellable, error))
    return FALSE;

  /* A Cancel during the writes that were held is heard before the rest. */
  g_clear_pointer (&apply->scan, liaison_netflow_scan_free);
  return flush_records (apply, error) &&
         !g_cancellable_set_error_if_cancelled (cancellable, error) &&
         flush_updates (apply, error) &&
         liaison_store_write_last_detected (apply->store, error) &&
         liaison_observation_batch_flush (apply->batch, error) &&
         liaison_store_restore_indexes (apply->store, deferred, error);
}

/*
 * Applies the flows of one file, gathered in @sample, whose flows are let
 * go (statistics.md sections 4 to 4.4): each flow belongs to the sample
 * window of the epoch grid of the interval that holds its start, so a file
 * may bring several windows, and a window some other file brought already
 * counts once. The caller records the file in `sample`, whose newest window
 * end decides the pending spans. @store is inside a transaction that the
 * caller rolls back when this fails, or outside any: then either the whole
 * file is applied or nothing is. @progress is told how far it is.
 */
static gboolean
apply_sample (LiaisonStore          *store,
              LiaisonNetflowSample  *sample,
              GCancellable          *cancellable,
              LiaisonApplyProgress   progress,
              gpointer               progress_data,
              GError               **error)
{
  NetflowApply apply = { 0 };
  gboolean own = store->depth == 0;
  gboolean ok;

  /* No savepoint inside the caller's transaction: SQLite would copy every
   * page the file changes into its statement journal (in memory:
   * liaison-store-sqlite.c), and walk that list at the end of each statement;
   * a day of files grew it to hundreds of megabytes. */
  if (own && !liaison_store_begin (store, error))
    return FALSE;

  apply.store = store;
  apply.sample = sample;
  apply.progress = progress;
  apply.progress_data = progress_data;
  liaison_spans_init (&apply.spans);
  apply.old_gaps = g_array_new (FALSE, FALSE, sizeof (LiaisonGap));
  apply.added_gaps = g_array_new (FALSE, FALSE, sizeof (LiaisonGap));
  apply.windows = g_array_new (FALSE, FALSE, sizeof (gint64));
  apply.old_runs = g_array_new (FALSE, FALSE, sizeof (LiaisonWindowRun));
  apply.runs = g_array_new (FALSE, FALSE, sizeof (LiaisonWindowRun));
  apply.new_runs = g_array_new (FALSE, FALSE, sizeof (LiaisonWindowRun));
  apply.held = g_array_new (FALSE, FALSE, sizeof (LiaisonNetflowRecordRow));
  apply.held_extras = g_array_new (FALSE, FALSE, sizeof (HeldExtras));
  apply.held_gaps = g_array_new (FALSE, FALSE, sizeof (LiaisonGap));
  apply.held_runs = g_array_new (FALSE, FALSE, sizeof (LiaisonWindowRun));
  apply.hold_updates = liaison_store_copies_rows (store, LIAISON_COPY_MIN_ROWS);
  apply.updates = g_array_new (FALSE, FALSE, sizeof (LiaisonNetflowRecordUpdate));
  apply.update_gaps = g_array_new (FALSE, FALSE, sizeof (LiaisonGapRow));

  ok = apply_pairs (&apply, cancellable, error);
  netflow_apply_clear (&apply);

  if (!own)
    return ok;
  if (!ok)
    {
      liaison_store_rollback (store);
      return FALSE;
    }

  return liaison_store_commit (store, error);
}

/**
 * liaison_statistics_apply_netflow:
 * @store: the store, inside a transaction that the caller rolls back when
 *   this fails, or outside any
 * @interval: I, the sample interval in seconds
 * @file: the flows of one file
 * @cancellable: (nullable): stops the work, with a %G_IO_ERROR_CANCELLED error
 * @progress: (nullable): told every 1,024 pairs how many of the file's
 *   records are applied
 * @user_data: for @progress
 * @error: return location for an error
 *
 * apply_sample() of the flows of @file, oriented by the listeners the
 * store knows. A file that gathered its flows as it was read (its
 * sample's interval must be @interval) is applied as they were oriented
 * then, by the listeners it was given; its sample is spent.
 */
gboolean
liaison_statistics_apply_netflow (LiaisonStore           *store,
                                  guint                   interval,
                                  const LiaisonFlowFile  *file,
                                  GCancellable           *cancellable,
                                  LiaisonApplyProgress    progress,
                                  gpointer                user_data,
                                  GError                **error)
{
  g_autoptr(LiaisonNetflowSample) sample = NULL;
  LiaisonListenerSet known;
  gboolean ok;

  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);
  g_return_val_if_fail (file != NULL, FALSE);
  g_return_val_if_fail (file->sample == NULL || file->sample->interval == interval, FALSE);

  if (interval == 0)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                   _("the sample interval must be at least one second"));
      return FALSE;
    }

  if (file->sample != NULL)
    return apply_sample (store, file->sample, cancellable, progress, user_data, error);

  liaison_listener_set_init (&known);
  ok = liaison_store_load_known_listeners (store, &known, error);
  if (ok)
    {
      sample = liaison_netflow_sample_new (interval, &known);
      liaison_netflow_sample_add (sample, (const LiaisonFlow *) (gpointer) file->flows->data, file->flows->len);
      ok = apply_sample (store, sample, cancellable, progress, user_data, error);
    }
  g_clear_pointer (&sample, liaison_netflow_sample_free);
  liaison_listener_set_clear (&known);
  return ok;
}
