/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "liaison-time.h"

G_BEGIN_DECLS

/* statistics.md section 4.4 */

/* An activity interval [start, end] of a sample whose interval is @interval seconds. */
typedef struct
{
  LiaisonTime start;
  LiaisonTime end;
  guint32     interval;
} LiaisonSpanInterval;

/* The order liaison_spans_add() merges intervals in: by start, then the
 * larger sample interval (of two starting together, it is kept for the
 * hole before them, whichever came first), then the later end. */
static inline int
liaison_span_interval_compare (const LiaisonSpanInterval *a,
                               const LiaisonSpanInterval *b)
{
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->interval != b->interval)
    return a->interval > b->interval ? -1 : 1;
  if (a->end != b->end)
    return a->end > b->end ? -1 : 1;
  return 0;
}

typedef struct
{
  LiaisonTime from;
  LiaisonTime to;
  guint32     to_interval;      /* the interval of the sample holding the activity that ends the gap */
} LiaisonGap;

/*
 * The spans of one pair, as stored: first and last found, the interval of
 * the sample holding first_found, and the gap segments in time order. What
 * lies between first and last and is not a gap is active.
 */
typedef struct
{
  LiaisonTime first;            /* LIAISON_TIME_NONE: nothing yet */
  LiaisonTime last;
  guint32     first_interval;
  GArray     *gaps;             /* LiaisonGap */
} LiaisonSpans;

void     liaison_spans_init      (LiaisonSpans              *spans);
void     liaison_spans_clear     (LiaisonSpans              *spans);
void     liaison_spans_add       (LiaisonSpans              *spans,
                                  const LiaisonSpanInterval *intervals,
                                  gsize                      n_intervals);
gint64   liaison_spans_gap_ms    (const LiaisonSpans        *spans);
gint64   liaison_spans_active_ms (const LiaisonSpans        *spans);
gint64   liaison_spans_pending_ms (const LiaisonSpans       *spans,
                                   LiaisonTime               newest_window_end);
void     liaison_spans_tail      (const LiaisonSpans        *spans,
                                  LiaisonTime                newest_window_end,
                                  guint32                    interval,
                                  gint64                    *pending_ms,
                                  gint64                    *silent_ms);

G_END_DECLS
