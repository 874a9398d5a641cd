/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-span"

#include "config.h"

#include <stdlib.h>

#include "liaison-span.h"

/*
 * The span arithmetic of statistics.md section 4.4.
 *
 * The stored form keeps only what lies between first and last and is a gap;
 * everything else is one active run. Adding intervals rebuilds those runs,
 * merges them with the new intervals and measures the holes again, so the
 * result does not depend on the order of the batches.
 */

/* An active run: an interval, its end never before its start. */
typedef LiaisonSpanInterval Run;

void
liaison_spans_init (LiaisonSpans *spans)
{
  g_return_if_fail (spans != NULL);

  spans->first = LIAISON_TIME_NONE;
  spans->last = LIAISON_TIME_NONE;
  spans->first_interval = 0;
  spans->gaps = g_array_new (FALSE, FALSE, sizeof (LiaisonGap));
}

void
liaison_spans_clear (LiaisonSpans *spans)
{
  g_return_if_fail (spans != NULL);

  g_clear_pointer (&spans->gaps, g_array_unref);
  spans->first = LIAISON_TIME_NONE;
  spans->last = LIAISON_TIME_NONE;
  spans->first_interval = 0;
}

static int
compare_runs (gconstpointer a,
              gconstpointer b)
{
  return liaison_span_interval_compare (a, b);
}

/**
 * liaison_spans_add:
 * @spans: the stored spans of one pair
 * @intervals: (array length=n_intervals): new activity intervals, any order
 *   (in start order, the larger interval and then the later end first
 *   where starts are equal, they need no sorting)
 * @n_intervals: how many
 *
 * Adds activity intervals, from one or several samples, to @spans.
 * An interval whose end is %LIAISON_TIME_NONE (or before its start) is a
 * point at its start.
 */
void
liaison_spans_add (LiaisonSpans              *spans,
                   const LiaisonSpanInterval *intervals,
                   gsize                      n_intervals)
{
  g_autofree Run *runs = NULL;
  gsize n_runs = 0;
  gsize n_gaps;
  gsize n_merged = 0;

  g_return_if_fail (spans != NULL);
  g_return_if_fail (intervals != NULL || n_intervals == 0);

  if (n_intervals == 0)
    return;

  if (spans->gaps == NULL)
    spans->gaps = g_array_new (FALSE, FALSE, sizeof (LiaisonGap));
  n_gaps = spans->first == LIAISON_TIME_NONE ? 0 : spans->gaps->len;

  runs = g_new (Run, n_intervals + n_gaps + 1);

  /* The active runs of the stored form. */
  if (spans->first != LIAISON_TIME_NONE)
    {
      LiaisonTime start = spans->first;
      guint32 interval = spans->first_interval;

      for (gsize i = 0; i < n_gaps; i++)
        {
          const LiaisonGap *gap = &g_array_index (spans->gaps, LiaisonGap, i);

          runs[n_runs++] = (Run) { start, gap->from, interval };
          start = gap->to;
          interval = gap->to_interval;
        }
      runs[n_runs++] = (Run) { start, MAX (start, spans->last), interval };
    }

  for (gsize i = 0; i < n_intervals; i++)
    {
      const LiaisonSpanInterval *in = &intervals[i];
      LiaisonTime end = in->end;

      if (end == LIAISON_TIME_NONE || end < in->start)
        end = in->start;
      runs[n_runs++] = (Run) { in->start, end, in->interval };
    }

  /* Stored runs come before new ones, and a caller may give the
   * intervals in this order (start, then the larger interval, then the
   * later end): then they are in order already. */
  for (gsize i = 1; i < n_runs; i++)
    if (liaison_span_interval_compare (&runs[i - 1], &runs[i]) > 0)
      {
        qsort (runs, n_runs, sizeof (Run), compare_runs);
        break;
      }

  /* Merge where they overlap or touch. */
  for (gsize i = 0; i < n_runs; i++)
    {
      if (n_merged > 0 && runs[i].start <= runs[n_merged - 1].end)
        {
          runs[n_merged - 1].end = MAX (runs[n_merged - 1].end, runs[i].end);
          continue;
        }
      runs[n_merged++] = runs[i];
    }

  /* Each hole is active when it is no longer than the interval of the
   * sample holding the later of the two, else a gap. */
  g_array_set_size (spans->gaps, 0);
  for (gsize i = 1; i < n_merged; i++)
    {
      gint64 hole = runs[i].start - runs[i - 1].end;

      if (hole > (gint64) runs[i].interval * 1000)
        {
          LiaisonGap gap = { runs[i - 1].end, runs[i].start, runs[i].interval };

          g_array_append_val (spans->gaps, gap);
        }
    }

  spans->first = runs[0].start;
  spans->first_interval = runs[0].interval;
  spans->last = runs[n_merged - 1].end;
}

gint64
liaison_spans_gap_ms (const LiaisonSpans *spans)
{
  gint64 sum = 0;

  g_return_val_if_fail (spans != NULL, 0);

  if (spans->first == LIAISON_TIME_NONE || spans->gaps == NULL)
    return 0;

  for (guint i = 0; i < spans->gaps->len; i++)
    {
      const LiaisonGap *gap = &g_array_index (spans->gaps, LiaisonGap, i);

      sum += gap->to - gap->from;
    }
  return sum;
}

gint64
liaison_spans_active_ms (const LiaisonSpans *spans)
{
  g_return_val_if_fail (spans != NULL, 0);

  if (spans->first == LIAISON_TIME_NONE || spans->last == LIAISON_TIME_NONE)
    return 0;
  return (spans->last - spans->first) - liaison_spans_gap_ms (spans);
}

/* The time after last found up to the end of the newest sample window: not yet classified. */
gint64
liaison_spans_pending_ms (const LiaisonSpans *spans,
                          LiaisonTime         newest_window_end)
{
  g_return_val_if_fail (spans != NULL, 0);

  if (spans->last == LIAISON_TIME_NONE || newest_window_end == LIAISON_TIME_NONE)
    return 0;
  return MAX (0, newest_window_end - spans->last);
}

/**
 * liaison_spans_tail:
 * @newest_window_end: E, the end of the newest sample window in the database
 * @interval: I, the pair's sample interval in seconds
 * @pending_ms: (out): what the next sample can still make active
 * @silent_ms: (out): what will be a gap whatever comes next
 *
 * Statistics.md 4.4: the time after last found up to E is pending while it
 * is at most I long, and silent (“silent for”) once it is longer.
 */
void
liaison_spans_tail (const LiaisonSpans *spans,
                    LiaisonTime         newest_window_end,
                    guint32             interval,
                    gint64             *pending_ms,
                    gint64             *silent_ms)
{
  gint64 after = liaison_spans_pending_ms (spans, newest_window_end);

  *pending_ms = after <= (gint64) interval * 1000 ? after : 0;
  *silent_ms = after > (gint64) interval * 1000 ? after : 0;
}
