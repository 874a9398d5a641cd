/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>

#include "liaison-span.h"
#include "liaison-test-fixture.h"

/* statistics.md sections 4.4 and 5 */

#define SECOND 1000

static LiaisonTime
at (const char *hms)
{
  g_autofree char *text = g_strconcat ("2026-11-27T", hms, "Z", NULL);

  return liaison_test_time (text);
}

static LiaisonSpanInterval
point (const char *hms,
       guint32     interval)
{
  return (LiaisonSpanInterval) { at (hms), LIAISON_TIME_NONE, interval };
}

static LiaisonSpanInterval
span (const char *from,
      const char *to,
      guint32     interval)
{
  return (LiaisonSpanInterval) { at (from), at (to), interval };
}

static void
assert_gap (const LiaisonSpans *spans,
            guint               i,
            const char         *from,
            const char         *to,
            guint32             to_interval)
{
  const LiaisonGap *gap;

  g_assert_cmpuint (i, <, spans->gaps->len);
  gap = &g_array_index (spans->gaps, LiaisonGap, i);
  g_assert_cmpint (gap->from, ==, at (from));
  g_assert_cmpint (gap->to, ==, at (to));
  g_assert_cmpuint (gap->to_interval, ==, to_interval);
}

/* One batch gives the same spans in every order of its intervals: of two
 * starting together, the larger interval is the first run's. */
static void
test_one_batch_any_order (void)
{
  const LiaisonSpanInterval given[4] = {
    span ("00:00:00", "00:00:10", 60),
    span ("00:00:00", "00:00:30", 300),
    span ("00:02:00", "00:02:05", 60),
    span ("00:05:00", "00:05:01", 300),
  };

  guint orders = 0;

  /* every order: four indexes of two bits each, all different */
  for (guint code = 0; code < 256; code++)
    {
      LiaisonSpanInterval batch[4];
      LiaisonSpans spans;
      guint seen = 0;

      for (guint k = 0; k < 4; k++)
        {
          batch[k] = given[(code >> (2 * k)) & 3];
          seen |= 1u << ((code >> (2 * k)) & 3);
        }
      if (seen != 15)
        continue;
      orders++;
      g_test_message ("order %u %u %u %u", code & 3, (code >> 2) & 3, (code >> 4) & 3, code >> 6);

      liaison_spans_init (&spans);
      liaison_spans_add (&spans, batch, 4);
      g_assert_cmpint (spans.first, ==, at ("00:00:00"));
      g_assert_cmpuint (spans.first_interval, ==, 300);
      g_assert_cmpint (spans.last, ==, at ("00:05:01"));
      /* 90 s without a flow is longer than I = 60; 175 s is not longer than 300 */
      g_assert_cmpuint (spans.gaps->len, ==, 1);
      assert_gap (&spans, 0, "00:00:30", "00:02:00", 60);
      liaison_spans_clear (&spans);
    }
  g_assert_cmpuint (orders, ==, 24);
}

/* Section 5: three samples, I = 60, in all six orders. */
static void
test_seed_example (void)
{
  const LiaisonSpanInterval batches[3][2] = {
    { point ("00:01:15", 60), point ("00:01:45", 60) },
    { point ("00:02:10", 60), point ("00:02:45", 60) },
    { point ("00:03:50", 60), point ("00:03:55", 60) },
  };
  static const guint orders[6][3] = {
    { 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 }, { 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 },
  };

  for (guint o = 0; o < G_N_ELEMENTS (orders); o++)
    {
      LiaisonSpans spans;

      g_test_message ("order %u %u %u", orders[o][0], orders[o][1], orders[o][2]);

      liaison_spans_init (&spans);
      for (guint b = 0; b < 3; b++)
        liaison_spans_add (&spans, batches[orders[o][b]], 2);

      g_assert_cmpint (spans.first, ==, at ("00:01:15"));
      g_assert_cmpint (spans.last, ==, at ("00:03:55"));
      g_assert_cmpuint (spans.first_interval, ==, 60);
      g_assert_cmpuint (spans.gaps->len, ==, 1);
      assert_gap (&spans, 0, "00:02:45", "00:03:50", 60);
      g_assert_cmpint (liaison_spans_active_ms (&spans), ==, 95 * SECOND);
      g_assert_cmpint (liaison_spans_gap_ms (&spans), ==, 65 * SECOND);
      g_assert_cmpint (liaison_spans_pending_ms (&spans, at ("00:04:00")), ==, 5 * SECOND);

      liaison_spans_clear (&spans);
    }
}

/* All six events in one batch give the same figures as three batches. */
static void
test_seed_example_one_batch (void)
{
  const LiaisonSpanInterval all[] = {
    point ("00:03:55", 60), point ("00:01:45", 60), point ("00:02:10", 60),
    point ("00:01:15", 60), point ("00:03:50", 60), point ("00:02:45", 60),
  };
  LiaisonSpans spans;

  liaison_spans_init (&spans);
  liaison_spans_add (&spans, all, G_N_ELEMENTS (all));
  g_assert_cmpuint (spans.gaps->len, ==, 1);
  assert_gap (&spans, 0, "00:02:45", "00:03:50", 60);
  g_assert_cmpint (liaison_spans_active_ms (&spans), ==, 95 * SECOND);
  g_assert_cmpint (liaison_spans_gap_ms (&spans), ==, 65 * SECOND);
  liaison_spans_clear (&spans);
}

/* A hole exactly as long as the interval is active; one millisecond more is a gap. */
static void
test_hole_equal_to_interval (void)
{
  const LiaisonSpanInterval events[] = { point ("00:00:00", 60), point ("00:01:00", 60) };
  LiaisonSpans spans;

  liaison_spans_init (&spans);
  liaison_spans_add (&spans, events, G_N_ELEMENTS (events));
  g_assert_cmpuint (spans.gaps->len, ==, 0);
  g_assert_cmpint (liaison_spans_active_ms (&spans), ==, 60 * SECOND);
  g_assert_cmpint (liaison_spans_gap_ms (&spans), ==, 0);
  liaison_spans_clear (&spans);
}

static void
test_hole_one_ms_longer (void)
{
  const LiaisonSpanInterval events[] = { point ("00:00:00", 60), point ("00:01:00.001", 60) };
  LiaisonSpans spans;

  liaison_spans_init (&spans);
  liaison_spans_add (&spans, events, G_N_ELEMENTS (events));
  g_assert_cmpuint (spans.gaps->len, ==, 1);
  assert_gap (&spans, 0, "00:00:00", "00:01:00.001", 60);
  g_assert_cmpint (liaison_spans_active_ms (&spans), ==, 0);
  g_assert_cmpint (liaison_spans_gap_ms (&spans), ==, 60 * SECOND + 1);
  liaison_spans_clear (&spans);
}

/* The hole is compared with the interval of the sample holding the later interval. */
static void
test_interval_of_later_sample (void)
{
  /* 90 s hole: a gap for I = 60, active for I = 300. */
  const LiaisonSpanInterval later_short[] = { point ("00:00:00", 300), point ("00:01:30", 60) };
  const LiaisonSpanInterval later_long[] = { point ("00:00:00", 60), point ("00:01:30", 300) };
  LiaisonSpans spans;

  liaison_spans_init (&spans);
  liaison_spans_add (&spans, later_short, 2);
  g_assert_cmpuint (spans.gaps->len, ==, 1);
  assert_gap (&spans, 0, "00:00:00", "00:01:30", 60);
  g_assert_cmpuint (spans.first_interval, ==, 300);
  liaison_spans_clear (&spans);

  liaison_spans_init (&spans);
  liaison_spans_add (&spans, later_long, 2);
  g_assert_cmpuint (spans.gaps->len, ==, 0);
  g_assert_cmpint (liaison_spans_active_ms (&spans), ==, 90 * SECOND);
  g_assert_cmpuint (spans.first_interval, ==, 60);
  liaison_spans_clear (&spans);
}

static void
test_overlapping_flows (void)
{
  /* [0, 10] and [5, 20] are one interval; the hole to 01:40 is 80 s: a gap. */
  const LiaisonSpanInterval flows[] = {
    span ("00:00:05", "00:00:20", 60),
    span ("00:00:00", "00:00:10", 60),
    span ("00:01:40", "00:01:50", 60),
    span ("00:01:41", "00:01:45", 60),
  };
  LiaisonSpans spans;

  liaison_spans_init (&spans);
  liaison_spans_add (&spans, flows, G_N_ELEMENTS (flows));
  g_assert_cmpint (spans.first, ==, at ("00:00:00"));
  g_assert_cmpint (spans.last, ==, at ("00:01:50"));
  g_assert_cmpuint (spans.gaps->len, ==, 1);
  assert_gap (&spans, 0, "00:00:20", "00:01:40", 60);
  g_assert_cmpint (liaison_spans_gap_ms (&spans), ==, 80 * SECOND);
  g_assert_cmpint (liaison_spans_active_ms (&spans), ==, 30 * SECOND);
  liaison_spans_clear (&spans);
}

static void
test_touching_flows (void)
{
  /* With I = 0 every hole is a gap; touching intervals leave no hole. */
  const LiaisonSpanInterval flows[] = {
    span ("00:00:10", "00:00:20", 0),
    span ("00:00:00", "00:00:10", 0),
    span ("00:00:20", "00:00:30", 0),
    span ("00:00:30.001", "00:00:31", 0),
  };
  LiaisonSpans spans;

  liaison_spans_init (&spans);
  liaison_spans_add (&spans, flows, G_N_ELEMENTS (flows));
  g_assert_cmpuint (spans.gaps->len, ==, 1);
  assert_gap (&spans, 0, "00:00:30", "00:00:30.001", 0);
  g_assert_cmpint (liaison_spans_active_ms (&spans), ==, 31 * SECOND - 1);
  g_assert_cmpint (liaison_spans_gap_ms (&spans), ==, 1);
  liaison_spans_clear (&spans);
}

static void
test_single_event (void)
{
  const LiaisonSpanInterval event = point ("00:01:15", 60);
  LiaisonSpans spans;

  liaison_spans_init (&spans);
  g_assert_cmpint (spans.first, ==, LIAISON_TIME_NONE);
  g_assert_cmpint (liaison_spans_active_ms (&spans), ==, 0);
  g_assert_cmpint (liaison_spans_pending_ms (&spans, at ("00:02:00")), ==, 0);

  liaison_spans_add (&spans, &event, 1);
  g_assert_cmpint (spans.first, ==, at ("00:01:15"));
  g_assert_cmpint (spans.last, ==, spans.first);
  g_assert_cmpuint (spans.gaps->len, ==, 0);
  g_assert_cmpint (liaison_spans_active_ms (&spans), ==, 0);
  g_assert_cmpint (liaison_spans_gap_ms (&spans), ==, 0);
  g_assert_cmpint (liaison_spans_pending_ms (&spans, at ("00:02:00")), ==, 45 * SECOND);
  /* A window that ends before last found leaves nothing pending. */
  g_assert_cmpint (liaison_spans_pending_ms (&spans, at ("00:01:00")), ==, 0);

  /* The same event again changes nothing. */
  liaison_spans_add (&spans, &event, 1);
  g_assert_cmpint (spans.last, ==, spans.first);
  g_assert_cmpuint (spans.gaps->len, ==, 0);
  liaison_spans_clear (&spans);
}

/* One long connection that the exporter cut at each sample boundary. */
static void
test_long_flow_split (void)
{
  const LiaisonSpanInterval parts[3] = {
    span ("00:00:50", "00:01:00", 60),
    span ("00:01:00", "00:02:00", 60),
    span ("00:02:00", "00:04:10", 60),
  };
  static const guint orders[][3] = { { 0, 1, 2 }, { 2, 0, 1 }, { 1, 2, 0 } };

  for (guint o = 0; o < G_N_ELEMENTS (orders); o++)
    {
      LiaisonSpans spans;

      liaison_spans_init (&spans);
      for (guint i = 0; i < 3; i++)
        liaison_spans_add (&spans, &parts[orders[o][i]], 1);
      g_assert_cmpint (spans.first, ==, at ("00:00:50"));
      g_assert_cmpint (spans.last, ==, at ("00:04:10"));
      g_assert_cmpuint (spans.gaps->len, ==, 0);
      g_assert_cmpint (liaison_spans_active_ms (&spans), ==, 200 * SECOND);
      g_assert_cmpint (liaison_spans_pending_ms (&spans, at ("00:05:00")), ==, 50 * SECOND);
      liaison_spans_clear (&spans);
    }
}

static void
assert_split_gap (const LiaisonSpans *spans)
{
  g_assert_cmpint (spans->first, ==, at ("00:00:10"));
  g_assert_cmpint (spans->last, ==, at ("00:05:10"));
  g_assert_cmpuint (spans->gaps->len, ==, 2);
  assert_gap (spans, 0, "00:00:10", "00:02:20", 60);
  assert_gap (spans, 1, "00:02:50", "00:05:10", 60);
  g_assert_cmpint (liaison_spans_gap_ms (spans), ==, (130 + 140) * SECOND);
  g_assert_cmpint (liaison_spans_active_ms (spans), ==, 30 * SECOND);
}

/* An older sample imported later splits a gap where its intervals fall. */
static void
test_older_sample_splits_gap (void)
{
  const LiaisonSpanInterval first_sample = point ("00:00:10", 60);
  const LiaisonSpanInterval middle_sample[] = { point ("00:02:20", 60), point ("00:02:50", 60) };
  const LiaisonSpanInterval last_sample = point ("00:05:10", 60);
  LiaisonSpans in_order, late;

  liaison_spans_init (&in_order);
  liaison_spans_add (&in_order, &first_sample, 1);
  liaison_spans_add (&in_order, middle_sample, 2);
  liaison_spans_add (&in_order, &last_sample, 1);
  assert_split_gap (&in_order);

  liaison_spans_init (&late);
  liaison_spans_add (&late, &first_sample, 1);
  liaison_spans_add (&late, &last_sample, 1);
  g_assert_cmpuint (late.gaps->len, ==, 1);
  assert_gap (&late, 0, "00:00:10", "00:05:10", 60);
  g_assert_cmpint (liaison_spans_active_ms (&late), ==, 0);

  liaison_spans_add (&late, middle_sample, 2);
  assert_split_gap (&late);

  liaison_spans_clear (&in_order);
  liaison_spans_clear (&late);
}

/* An older sample can also close a gap entirely, and extend first found. */
static void
test_older_sample_closes_gap (void)
{
  const LiaisonSpanInterval newer[] = { point ("00:00:10", 60), point ("00:01:40", 60) };
  const LiaisonSpanInterval older[] = { point ("00:00:50", 60), point ("00:00:05", 30) };
  LiaisonSpans spans;

  liaison_spans_init (&spans);
  liaison_spans_add (&spans, newer, 2);
  g_assert_cmpuint (spans.gaps->len, ==, 1);

  liaison_spans_add (&spans, older, 2);
  g_assert_cmpint (spans.first, ==, at ("00:00:05"));
  g_assert_cmpuint (spans.first_interval, ==, 30);
  g_assert_cmpuint (spans.gaps->len, ==, 0);
  g_assert_cmpint (liaison_spans_active_ms (&spans), ==, 95 * SECOND);
  liaison_spans_clear (&spans);
}

/* Spans rebuilt from their stored form (as the store reads them) grow the same way. */
static void
test_stored_form (void)
{
  const LiaisonSpanInterval more = point ("00:06:00", 300);
  LiaisonGap gap = { at ("00:01:00"), at ("00:08:00"), 300 };
  LiaisonSpans spans;

  liaison_spans_init (&spans);
  spans.first = at ("00:00:00");
  spans.last = at ("00:09:00");
  spans.first_interval = 300;
  g_array_append_val (spans.gaps, gap);

  /* 00:06:00 splits the 7 min gap: 5 min after 00:01:00 is active, 2 min before 00:08:00 too. */
  liaison_spans_add (&spans, &more, 1);
  g_assert_cmpuint (spans.gaps->len, ==, 0);
  g_assert_cmpint (liaison_spans_active_ms (&spans), ==, 9 * 60 * SECOND);

  liaison_spans_clear (&spans);
  g_assert_null (spans.gaps);
  g_assert_cmpint (spans.first, ==, LIAISON_TIME_NONE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/span/seed-example", test_seed_example);
  g_test_add_func ("/span/one-batch-any-order", test_one_batch_any_order);
  g_test_add_func ("/span/seed-example-one-batch", test_seed_example_one_batch);
  g_test_add_func ("/span/hole-equal-to-interval", test_hole_equal_to_interval);
  g_test_add_func ("/span/hole-one-ms-longer", test_hole_one_ms_longer);
  g_test_add_func ("/span/interval-of-later-sample", test_interval_of_later_sample);
  g_test_add_func ("/span/overlapping-flows", test_overlapping_flows);
  g_test_add_func ("/span/touching-flows", test_touching_flows);
  g_test_add_func ("/span/single-event", test_single_event);
  g_test_add_func ("/span/long-flow-split", test_long_flow_split);
  g_test_add_func ("/span/older-sample-splits-gap", test_older_sample_splits_gap);
  g_test_add_func ("/span/older-sample-closes-gap", test_older_sample_closes_gap);
  g_test_add_func ("/span/stored-form", test_stored_form);

  return g_test_run ();
}
