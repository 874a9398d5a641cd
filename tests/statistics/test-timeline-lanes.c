/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-timeline-lanes"

#include "config.h"

#include "liaison-format.h"
#include "liaison-timeline-lanes.h"
#include "statistics-fixture.h"

/* The timeline's lanes as geometry, without a display: totals, the
 * rectangles in view, and what is under a point. */

/* The seed example (statistics.md section 5): 95 s active, a gap of 65 s,
 * 5 s pending. */
static LiaisonTimelineLanes *
seed_lanes (void)
{
  LiaisonGap gap;
  LiaisonTimelineLane lane = seed_lane (&gap);

  return liaison_timeline_lanes_new (&lane, 1);
}

/* A widget of 624 × 200 pixels: a plot of 600 between margins of 12. */
static LiaisonTimelineView
view_of (const char *start,
         const char *end,
         double      v_offset)
{
  return (LiaisonTimelineView) {
    .ruler = { at (start), at (end), LIAISON_TIMELINE_PAD_X, 600 },
    .width = 624,
    .height = 200,
    .v_offset = v_offset,
  };
}

static void
test_totals (void)
{
  g_autoptr(LiaisonTimelineLanes) lanes = seed_lanes ();
  g_autoptr(LiaisonTimelineLanes) none = liaison_timeline_lanes_new (NULL, 0);
  g_autofree char *description = liaison_timeline_lanes_describe (lanes, 0);
  double start, end;

  g_assert_cmpuint (liaison_timeline_lanes_get_n_lanes (lanes), ==, 1);
  g_assert_cmpstr (liaison_timeline_lanes_get_label (lanes, 0), ==, "10.1.1.1");
  g_assert_cmpstr (description, ==, "10.1.1.1: active 1 min 35 s, gap 1 min 5 s, pending 5 s");
  g_assert_true (liaison_timeline_lanes_has_spans (lanes));
  g_assert_false (liaison_timeline_lanes_has_spans (none));

  /* Fitting: the spans and the pending tail, 165 s, with 4 % on each side. */
  liaison_timeline_lanes_fit (lanes, &start, &end);
  g_assert_cmpfloat_with_epsilon (start, at ("2026-11-27T00:01:15Z") - 6600.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (end, at ("2026-11-27T00:04:00Z") + 6600.0, 1e-6);
}

static void
test_descriptions (void)
{
  g_autoptr(GArray) input = g_array_new (FALSE, TRUE, sizeof (LiaisonTimelineLane));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LiaisonTimelineLanes) lanes = NULL;
  g_autoptr(LiaisonTimelineLanes) none = liaison_timeline_lanes_new (NULL, 0);
  g_autofree char *all = NULL;
  g_autofree char *nothing = liaison_timeline_lanes_describe_all (none);
  g_autofree char *first = NULL;

  for (guint i = 0; i < 52; i++)
    {
      LiaisonTimelineLane lane = { NULL, LIAISON_TIME_NONE, LIAISON_TIME_NONE, NULL, 0, LIAISON_TIME_NONE };

      lane.label = g_strdup_printf ("10.0.0.%u", i);
      g_ptr_array_add (labels, (char *) lane.label);
      g_array_append_val (input, lane);
    }
  lanes = liaison_timeline_lanes_new ((LiaisonTimelineLane *) (gpointer) input->data, input->len);
  all = liaison_timeline_lanes_describe_all (lanes);
  first = liaison_timeline_lanes_describe (lanes, 0);

  g_assert_cmpstr (first, ==, "10.0.0.0: no netflow spans");
  g_assert_true (g_str_has_prefix (all, "10.0.0.0: no netflow spans; 10.0.0.1: no netflow spans; "));
  g_assert_true (g_str_has_suffix (all, "; 10.0.0.49: no netflow spans; and 2 more clients"));
  g_assert_cmpstr (nothing, ==, "No clients");
  g_assert_false (liaison_timeline_lanes_has_spans (lanes));
}

/* The segment that holds a moment: a segment holds its start, a gap not
 * its end; the pending tail holds its end. */
static void
test_kinds (void)
{
  static const struct
  {
    guint               lane;
    const char         *time;
    LiaisonTimelineKind kind;
    const char         *start;
    const char         *end;
  } cases[] = {
    { 0, "2026-11-27T00:01:00Z", LIAISON_TIMELINE_NONE, NULL, NULL },
    { 0, "2026-11-27T00:01:15Z", LIAISON_TIMELINE_ACTIVE, "2026-11-27T00:01:15Z", "2026-11-27T00:02:45Z" },
    { 0, "2026-11-27T00:02:00Z", LIAISON_TIMELINE_ACTIVE, "2026-11-27T00:01:15Z", "2026-11-27T00:02:45Z" },
    { 0, "2026-11-27T00:02:45Z", LIAISON_TIMELINE_GAP, "2026-11-27T00:02:45Z", "2026-11-27T00:03:50Z" },
    { 0, "2026-11-27T00:03:00Z", LIAISON_TIMELINE_GAP, "2026-11-27T00:02:45Z", "2026-11-27T00:03:50Z" },
    { 0, "2026-11-27T00:03:50Z", LIAISON_TIMELINE_ACTIVE, "2026-11-27T00:03:50Z", "2026-11-27T00:03:55Z" },
    { 0, "2026-11-27T00:03:52Z", LIAISON_TIMELINE_ACTIVE, "2026-11-27T00:03:50Z", "2026-11-27T00:03:55Z" },
    { 0, "2026-11-27T00:03:58Z", LIAISON_TIMELINE_PENDING, "2026-11-27T00:03:55Z", "2026-11-27T00:04:00Z" },
    { 0, "2026-11-27T00:04:00Z", LIAISON_TIMELINE_PENDING, "2026-11-27T00:03:55Z", "2026-11-27T00:04:00Z" },
    { 0, "2026-11-27T00:04:00.001Z", LIAISON_TIMELINE_NONE, NULL, NULL },
    { 1, "2026-11-27T00:02:00Z", LIAISON_TIMELINE_NONE, NULL, NULL },
  };
  g_autoptr(LiaisonTimelineLanes) lanes = seed_lanes ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      LiaisonTime start = 0, end = 0;

      g_test_message ("lane %u at %s", cases[i].lane, cases[i].time);
      g_assert_cmpint (liaison_timeline_lanes_kind_at (lanes, cases[i].lane, at (cases[i].time), &start, &end),
                       ==, cases[i].kind);
      if (cases[i].start == NULL)
        continue;
      g_assert_cmpint (start, ==, at (cases[i].start));
      g_assert_cmpint (end, ==, at (cases[i].end));
    }
}

static void
assert_segment (GArray              *segments,
                guint                index,
                LiaisonTimelineKind  kind,
                double               x,
                double               y,
                double               width,
                double               height)
{
  const LiaisonTimelineSegment *segment;

  g_assert_cmpuint (index, <, segments->len);
  segment = &g_array_index (segments, LiaisonTimelineSegment, index);
  g_test_message ("segment %u: kind %d at %.2f, %.2f, %.2f x %.2f", index,
                  segment->kind, segment->x, segment->y, segment->width, segment->height);
  g_assert_cmpint (segment->kind, ==, kind);
  g_assert_cmpfloat_with_epsilon (segment->x, x, 1e-3);
  g_assert_cmpfloat_with_epsilon (segment->y, y, 1e-3);
  g_assert_cmpfloat_with_epsilon (segment->width, width, 1e-3);
  g_assert_cmpfloat_with_epsilon (segment->height, height, 1e-3);
}

/* 00:03:30 to 00:04:00 over 600 pixels: 20 pixels a second. The bar of
 * the first lane is at y = 44 + 21; the gap is a line of 2 in its middle. */
static void
test_segments (void)
{
  g_autoptr(LiaisonTimelineLanes) lanes = seed_lanes ();
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (LiaisonTimelineSegment));
  LiaisonTimelineView view = view_of ("2026-11-27T00:03:30Z", "2026-11-27T00:04:00Z", 0);

  liaison_timeline_lanes_add_segments (lanes, &view, 0, segments);

  g_assert_cmpuint (segments->len, ==, 3);
  /* The pending tail first, under the bars' rounded ends. */
  assert_segment (segments, 0, LIAISON_TIMELINE_PENDING, 512, 65, 100, 14);
  /* The gap from far off the left edge: cut 20 pixels beyond it. The
   * active span before the gap is out of view and left out. */
  assert_segment (segments, 1, LIAISON_TIMELINE_GAP, -20, 71, 432, 2);
  assert_segment (segments, 2, LIAISON_TIMELINE_ACTIVE, 412, 65, 100, 14);

  /* Zoomed out to a day, the gap of 65 s is under a pixel: one bar, and
   * 160 s of it still three pixels wide. */
  g_array_set_size (segments, 0);
  view = view_of ("2026-11-27T00:00:00Z", "2026-11-28T00:00:00Z", 0);
  liaison_timeline_lanes_add_segments (lanes, &view, 0, segments);
  g_assert_cmpuint (segments->len, ==, 2);
  g_assert_cmpint (g_array_index (segments, LiaisonTimelineSegment, 0).kind, ==, LIAISON_TIMELINE_PENDING);
  assert_segment (segments, 1, LIAISON_TIMELINE_ACTIVE,
                  12 + (75 + 160 / 2.0) / 144.0 - 1.5, 65, 3, 14);
}

/* Of 10,000 gaps of a millisecond and one of 100 s, only that one is wide
 * enough to see; the blocks of unseen gaps are skipped whole. */
static double
x_at (gint64 ms)
{
  /* 02:50:00 over 600 pixels: 17 s a pixel */
  return 12 + ms / 17000.0;
}

static void
test_narrow_gaps (void)
{
  g_autofree LiaisonGap *gaps = g_new (LiaisonGap, 10000);
  LiaisonTime t0 = at ("2026-11-27T00:00:00Z");
  LiaisonTimelineLane lane = { "10.1.1.1", t0, t0 + 10200000, gaps, 10000, LIAISON_TIME_NONE };
  g_autoptr(LiaisonTimelineLanes) lanes = NULL;
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (LiaisonTimelineSegment));
  LiaisonTimelineView view = view_of ("2026-11-27T00:00:00Z", "2026-11-27T02:50:00Z", 0);

  for (guint k = 0; k < 10000; k++)
    {
      gaps[k].from = t0 + k * 1000 + 500 + (k > 5000 ? 100000 : 0);
      gaps[k].to = gaps[k].from + (k == 5000 ? 100000 : 1);
      gaps[k].to_interval = 1;
    }
  lanes = liaison_timeline_lanes_new (&lane, 1);

  liaison_timeline_lanes_add_segments (lanes, &view, 0, segments);
  g_assert_cmpuint (segments->len, ==, 3);
  assert_segment (segments, 0, LIAISON_TIMELINE_GAP, x_at (5000500), 71, 100000 / 17000.0, 2);
  assert_segment (segments, 1, LIAISON_TIMELINE_ACTIVE, 12, 65, x_at (5000500) - 12, 14);
  assert_segment (segments, 2, LIAISON_TIMELINE_ACTIVE, x_at (5100500), 65, 612 - x_at (5100500), 14);
}

/* Ten lanes in 156 pixels under the axis, scrolled by 50. */
static void
test_visible_lanes (void)
{
  g_autoptr(GArray) input = g_array_new (FALSE, TRUE, sizeof (LiaisonTimelineLane));
  g_autoptr(LiaisonTimelineLanes) lanes = NULL;
  LiaisonTimelineView view = view_of ("2026-11-27T00:00:00Z", "2026-11-27T00:10:00Z", 50);
  guint first, end;

  for (guint i = 0; i < 10; i++)
    {
      LiaisonTimelineLane lane = { "10.0.0.1", LIAISON_TIME_NONE, LIAISON_TIME_NONE, NULL, 0, LIAISON_TIME_NONE };

      g_array_append_val (input, lane);
    }
  lanes = liaison_timeline_lanes_new ((LiaisonTimelineLane *) (gpointer) input->data, input->len);

  g_assert_cmpfloat_with_epsilon (liaison_timeline_lanes_max_v_offset (lanes, &view), 400 - 156, 1e-9);
  liaison_timeline_lanes_visible (lanes, &view, &first, &end);
  g_assert_cmpuint (first, ==, 1);
  g_assert_cmpuint (end, ==, 6);
  g_assert_cmpfloat_with_epsilon (liaison_timeline_lanes_top (&view, 1), 44 + 40 - 50, 1e-9);

  view.v_offset = 244;
  liaison_timeline_lanes_visible (lanes, &view, &first, &end);
  g_assert_cmpuint (first, ==, 6);
  g_assert_cmpuint (end, ==, 10);
}

static void
test_hit (void)
{
  g_autoptr(LiaisonTimelineLanes) lanes = seed_lanes ();
  LiaisonTimelineView view = view_of ("2026-11-27T00:03:30Z", "2026-11-27T00:04:00Z", 0);
  LiaisonTimelineHit hit;

  /* In the bar of the last active span (x 412 to 512). */
  g_assert_true (liaison_timeline_lanes_hit (lanes, &view, 450, 70, &hit));
  g_assert_cmpuint (hit.lane, ==, 0);
  g_assert_cmpint (hit.kind, ==, LIAISON_TIMELINE_ACTIVE);
  g_assert_cmpint (hit.start, ==, at ("2026-11-27T00:03:50Z"));
  g_assert_cmpint (hit.end, ==, at ("2026-11-27T00:03:55Z"));

  /* Anywhere in the lane's row, by its time. */
  g_assert_true (liaison_timeline_lanes_hit (lanes, &view, 300, 45, &hit));
  g_assert_cmpint (hit.kind, ==, LIAISON_TIMELINE_GAP);
  g_assert_true (liaison_timeline_lanes_hit (lanes, &view, 600, 83, &hit));
  g_assert_cmpint (hit.kind, ==, LIAISON_TIMELINE_PENDING);

  /* Beside the lane's segments: the lane, none of them. */
  g_assert_true (liaison_timeline_lanes_hit (lanes, &view, 620, 70, &hit));
  g_assert_cmpuint (hit.lane, ==, 0);
  g_assert_cmpint (hit.kind, ==, LIAISON_TIMELINE_NONE);

  /* On the axis, and below the last lane: nothing. */
  g_assert_false (liaison_timeline_lanes_hit (lanes, &view, 450, 43, &hit));
  g_assert_false (liaison_timeline_lanes_hit (lanes, &view, 450, 84, &hit));

  /* Scrolled, the rows move up with the lanes. */
  view.v_offset = 30;
  g_assert_false (liaison_timeline_lanes_hit (lanes, &view, 450, 60, &hit));
  g_assert_true (liaison_timeline_lanes_hit (lanes, &view, 450, 50, &hit));
  g_assert_cmpint (hit.kind, ==, LIAISON_TIMELINE_ACTIVE);

  /* Within three pixels' time beside a bar is on it: 6 s a pixel, and a
   * bar of a minute from x = 312 to 322. */
  view = view_of ("2026-11-27T00:00:00Z", "2026-11-27T01:00:00Z", 0);
  {
    LiaisonTimelineLane lane = { "10.1.1.2", at ("2026-11-27T00:30:00Z"), at ("2026-11-27T00:31:00Z"),
                                 NULL, 0, LIAISON_TIME_NONE };
    g_autoptr(LiaisonTimelineLanes) bar = liaison_timeline_lanes_new (&lane, 1);

    g_assert_true (liaison_timeline_lanes_hit (bar, &view, 323, 70, &hit));
    g_assert_cmpint (hit.kind, ==, LIAISON_TIMELINE_ACTIVE);
    g_assert_cmpint (hit.start, ==, at ("2026-11-27T00:30:00Z"));
    g_assert_true (liaison_timeline_lanes_hit (bar, &view, 311, 70, &hit));
    g_assert_cmpint (hit.kind, ==, LIAISON_TIMELINE_ACTIVE);
    g_assert_true (liaison_timeline_lanes_hit (bar, &view, 326, 70, &hit));
    g_assert_cmpint (hit.kind, ==, LIAISON_TIMELINE_NONE);
  }
}

static char *
tooltip_at (LiaisonTimelineLanes      *lanes,
            const LiaisonTimelineView *view,
            double                     x)
{
  LiaisonTimelineHit hit;

  g_assert_true (liaison_timeline_lanes_hit (lanes, view, x, 70, &hit));
  return liaison_timeline_lanes_dup_tooltip (lanes, &hit);
}

/* The tooltip's times are in the display zone: UTC, said so, or local
 * time, here two hours east of UTC. */
static void
test_tooltips (void)
{
  g_autoptr(LiaisonTimelineLanes) lanes = seed_lanes ();
  LiaisonTimelineView view = view_of ("2026-11-27T00:03:30Z", "2026-11-27T00:04:00Z", 0);
  LiaisonDisplayZone *zone = liaison_display_zone_get_default ();

  g_setenv ("TZ", "Etc/GMT-2", TRUE);

  g_object_set (zone, "time-zone", LIAISON_TIME_ZONE_UTC, NULL);
  {
    g_autofree char *active = tooltip_at (lanes, &view, 450);
    g_autofree char *pending = tooltip_at (lanes, &view, 600);
    g_autofree char *beside = tooltip_at (lanes, &view, 620);

    g_assert_cmpstr (active, ==, "<b>Active</b> · 10.1.1.1\n"
                                 "From 2026-11-27 00:03:50 UTC\nTo 2026-11-27 00:03:55 UTC\nDuration 5 s");
    g_assert_cmpstr (pending, ==, "<b>Pending</b> · 10.1.1.1\n"
                                  "From 2026-11-27 00:03:55 UTC\nTo 2026-11-27 00:04:00 UTC\nDuration 5 s\n"
                                  "<small>Not classified until the next sample</small>");
    g_assert_cmpstr (beside, ==, "10.1.1.1: active 1 min 35 s, gap 1 min 5 s, pending 5 s");
  }

  g_object_set (zone, "time-zone", LIAISON_TIME_ZONE_LOCAL, NULL);
  {
    g_autofree char *gap = tooltip_at (lanes, &view, 300);

    g_assert_cmpstr (gap, ==, "<b>Gap</b> · 10.1.1.1\n"
                              "From 2026-11-27 02:02:45\nTo 2026-11-27 02:03:50\nDuration 1 min 5 s");
  }

  /* A client's address is text, not markup. */
  {
    LiaisonTimelineLane lane = { "<b>", at ("2026-11-27T00:03:40Z"), at ("2026-11-27T00:03:45Z"),
                                 NULL, 0, LIAISON_TIME_NONE };
    g_autoptr(LiaisonTimelineLanes) odd = liaison_timeline_lanes_new (&lane, 1);
    g_autofree char *active = tooltip_at (odd, &view, 300);
    g_autofree char *beside = tooltip_at (odd, &view, 600);

    g_assert_true (g_str_has_prefix (active, "<b>Active</b> · &lt;b&gt;\n"));
    g_assert_cmpstr (beside, ==, "&lt;b&gt;: active 5 s, gap 0 s, pending 0 s");
  }

  g_setenv ("TZ", "UTC", TRUE);
}

/* A lane's netstat runs and the sample moments of its listener: 10.0.0.9
 * seen from 00:00 to 00:10 and at 00:20, samples every five minutes from
 * 23:55 to 00:25 (those at 00:15 and 00:25 did not see it). */
static const LiaisonRun netstat_runs[] = {
  { 0, 600000 }, { 1200000, 1200000 },
};
static const LiaisonTime moments[] = {
  -300000, 0, 300000, 600000, 900000, 1200000, 1500000,
};

static LiaisonTimelineLane
runs_lane (LiaisonTime t0,
           LiaisonRun *runs)
{
  for (guint i = 0; i < G_N_ELEMENTS (netstat_runs); i++)
    runs[i] = (LiaisonRun) { t0 + netstat_runs[i].first, t0 + netstat_runs[i].last };

  return (LiaisonTimelineLane) {
    .label = "10.0.0.9",
    .first = LIAISON_TIME_NONE,
    .last = LIAISON_TIME_NONE,
    .pending_end = LIAISON_TIME_NONE,
    .runs = runs,
    .n_runs = G_N_ELEMENTS (netstat_runs),
  };
}

static LiaisonTimelineLanes *
lanes_with_moments (const LiaisonTimelineLane *lane,
                    guint                      n_lanes,
                    LiaisonTime                t0)
{
  LiaisonTimelineLanes *lanes = liaison_timeline_lanes_new (lane, n_lanes);
  LiaisonTime at_t0[G_N_ELEMENTS (moments)];

  for (guint i = 0; i < G_N_ELEMENTS (moments); i++)
    at_t0[i] = t0 + moments[i];
  liaison_timeline_lanes_set_moments (lanes, at_t0, G_N_ELEMENTS (moments));
  return lanes;
}

/* 23:50 to 00:30 over 600 pixels: 4 s a pixel, 00:00 at x = 162. A lane
 * of runs only draws them in its bar's place, with a tick per sample from
 * its first run on: notches inside runs, marks where it was not seen. */
static void
test_runs (void)
{
  LiaisonTime t0 = at ("2026-11-27T00:00:00Z");
  LiaisonRun runs[G_N_ELEMENTS (netstat_runs)];
  LiaisonTimelineLane lane = runs_lane (t0, runs);
  g_autoptr(LiaisonTimelineLanes) lanes = lanes_with_moments (&lane, 1, t0);
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (LiaisonTimelineSegment));
  LiaisonTimelineView view = view_of ("2026-11-26T23:50:00Z", "2026-11-27T00:30:00Z", 0);
  g_autofree char *description = liaison_timeline_lanes_describe (lanes, 0);
  LiaisonTimelineHit hit;
  double start, end;

  g_assert_cmpstr (description, ==, "10.0.0.9: seen by netstat in 2 runs");
  g_assert_true (liaison_timeline_lanes_has_spans (lanes));

  liaison_timeline_lanes_add_segments (lanes, &view, 0, segments);
  g_assert_cmpuint (segments->len, ==, 2 + 6);
  assert_segment (segments, 0, LIAISON_TIMELINE_RUN, 162, 65, 150, 14);
  /* A run of one sample is as wide as a point. */
  assert_segment (segments, 1, LIAISON_TIMELINE_RUN, 462 - 1.5, 65, 3, 14);
  /* 23:55 is before the first run: no tick. */
  assert_segment (segments, 2, LIAISON_TIMELINE_SEEN_TICK, 161.5, 65, 1, 14);
  assert_segment (segments, 3, LIAISON_TIMELINE_SEEN_TICK, 236.5, 65, 1, 14);
  assert_segment (segments, 4, LIAISON_TIMELINE_SEEN_TICK, 311.5, 65, 1, 14);
  assert_segment (segments, 5, LIAISON_TIMELINE_TICK, 386.5, 76, 1, 3);
  assert_segment (segments, 6, LIAISON_TIMELINE_SEEN_TICK, 461.5, 65, 1, 14);
  /* After its last run, each sample that did not see it marks its absence. */
  assert_segment (segments, 7, LIAISON_TIMELINE_TICK, 536.5, 76, 1, 3);

  /* Zoomed out to three days, the samples are too close for ticks, and
   * the break of ten minutes is under a pixel and a half: one bar. */
  g_array_set_size (segments, 0);
  view = view_of ("2026-11-26T00:00:00Z", "2026-11-29T00:00:00Z", 0);
  liaison_timeline_lanes_add_segments (lanes, &view, 0, segments);
  g_assert_cmpuint (segments->len, ==, 1);
  g_assert_cmpint (g_array_index (segments, LiaisonTimelineSegment, 0).kind, ==, LIAISON_TIMELINE_RUN);

  /* The runs, and between them nothing. */
  view = view_of ("2026-11-26T23:50:00Z", "2026-11-27T00:30:00Z", 0);
  g_assert_true (liaison_timeline_lanes_hit (lanes, &view, 200, 70, &hit));
  g_assert_cmpint (hit.kind, ==, LIAISON_TIMELINE_RUN);
  g_assert_cmpint (hit.start, ==, t0);
  g_assert_cmpint (hit.end, ==, t0 + 600000);
  g_assert_true (liaison_timeline_lanes_hit (lanes, &view, 400, 50, &hit));
  g_assert_cmpint (hit.kind, ==, LIAISON_TIMELINE_NONE);
  g_assert_cmpint (liaison_timeline_lanes_run_at (lanes, 0, t0 + 1200000, NULL, NULL), ==, LIAISON_TIMELINE_RUN);

  /* The axis covers the runs' own times, never now. */
  liaison_timeline_lanes_fit (lanes, &start, &end);
  g_assert_cmpfloat_with_epsilon (start, t0 - 0.04 * 1200000, 1e-6);
  g_assert_cmpfloat_with_epsilon (end, t0 + 1.04 * 1200000, 1e-6);
}

/* A lane with both: the netflow bar in the upper part, the runs under it;
 * a point at the runs' track is on a run. */
static void
test_both_tracks (void)
{
  LiaisonTime t0 = at ("2026-11-27T00:00:00Z");
  LiaisonRun runs[G_N_ELEMENTS (netstat_runs)];
  LiaisonTimelineLane lane = runs_lane (t0, runs);
  g_autoptr(LiaisonTimelineLanes) lanes = NULL;
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (LiaisonTimelineSegment));
  LiaisonTimelineView view = view_of ("2026-11-26T23:50:00Z", "2026-11-27T00:30:00Z", 0);
  g_autofree char *description = NULL;
  LiaisonTimelineHit hit;

  lane.first = t0 + 60000;
  lane.last = t0 + 120000;
  lanes = liaison_timeline_lanes_new (&lane, 1);
  description = liaison_timeline_lanes_describe (lanes, 0);
  g_assert_cmpstr (description, ==, "10.0.0.9: active 1 min, gap 0 s, pending 0 s; seen by netstat in 2 runs");

  liaison_timeline_lanes_add_segments (lanes, &view, 0, segments);
  g_assert_cmpuint (segments->len, ==, 3);
  assert_segment (segments, 0, LIAISON_TIMELINE_ACTIVE, 177, 65, 15, 7);
  assert_segment (segments, 1, LIAISON_TIMELINE_RUN, 162, 74, 150, 5);

  g_assert_true (liaison_timeline_lanes_hit (lanes, &view, 185, 68, &hit));
  g_assert_cmpint (hit.kind, ==, LIAISON_TIMELINE_ACTIVE);
  g_assert_true (liaison_timeline_lanes_hit (lanes, &view, 185, 76, &hit));
  g_assert_cmpint (hit.kind, ==, LIAISON_TIMELINE_RUN);
  g_assert_true (liaison_timeline_lanes_hit (lanes, &view, 250, 68, &hit));
  g_assert_cmpint (hit.kind, ==, LIAISON_TIMELINE_NONE);
}

/* Statistics.md 4.4: a tail longer than an interval is silent: an open,
 * thin gap from last found to the end of the newest sample, never pending;
 * and a first run from before runs were kept says it is not known. */
static void
test_silent_and_unknown (void)
{
  LiaisonGap gap;
  LiaisonTimelineLane lane = seed_lane (&gap);
  LiaisonRun run = { at ("2026-11-27T00:00:00Z"), at ("2026-11-27T00:01:00Z") };
  LiaisonTimelineLane old = {
    .label = "10.0.0.8", .first = LIAISON_TIME_NONE, .last = LIAISON_TIME_NONE,
    .pending_end = LIAISON_TIME_NONE, .runs = &run, .n_runs = 1, .first_run_unknown = TRUE,
  };
  LiaisonTimelineLane input[2];
  g_autoptr(LiaisonTimelineLanes) lanes = NULL;
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (LiaisonTimelineSegment));
  LiaisonTimelineView view = view_of ("2026-11-27T00:03:30Z", "2026-11-27T00:05:30Z", 0);
  g_autofree char *description = NULL;
  g_autofree char *silent = NULL;
  g_autofree char *unknown = NULL;
  LiaisonTimelineHit hit;
  double start, end;

  lane.pending_end = LIAISON_TIME_NONE;
  lane.silent_end = at ("2026-11-27T00:05:00Z");
  input[0] = lane;
  input[1] = old;
  lanes = liaison_timeline_lanes_new (input, 2);
  description = liaison_timeline_lanes_describe (lanes, 0);
  g_assert_cmpstr (description, ==, "10.1.1.1: active 1 min 35 s, gap 1 min 5 s, silent for 1 min 5 s");

  /* 00:03:30 to 00:05:30: 5 pixels a second; 00:03:55 at x = 137. */
  liaison_timeline_lanes_add_segments (lanes, &view, 0, segments);
  assert_segment (segments, 0, LIAISON_TIMELINE_SILENT, 137, 71, 325, 2);
  g_assert_cmpint (liaison_timeline_lanes_kind_at (lanes, 0, at ("2026-11-27T00:04:30Z"), NULL, NULL),
                   ==, LIAISON_TIMELINE_SILENT);
  g_assert_cmpint (liaison_timeline_lanes_kind_at (lanes, 0, at ("2026-11-27T00:05:01Z"), NULL, NULL),
                   ==, LIAISON_TIMELINE_NONE);
  g_assert_true (liaison_timeline_lanes_hit (lanes, &view, 300, 70, &hit));
  silent = liaison_timeline_lanes_dup_tooltip (lanes, &hit);
  g_assert_true (g_str_has_prefix (silent, "<b>Silent</b> · 10.1.1.1\n"));
  g_assert_true (g_str_has_suffix (silent, "Duration 1 min 5 s\n<small>Not seen for longer than a sample interval,"
                                           " up to the end of the newest sample</small>"));

  view = view_of ("2026-11-26T23:59:00Z", "2026-11-27T00:02:00Z", 0);
  g_array_set_size (segments, 0);
  liaison_timeline_lanes_add_segments (lanes, &view, 1, segments);
  g_assert_cmpuint (segments->len, ==, 1);
  g_assert_cmpint (g_array_index (segments, LiaisonTimelineSegment, 0).kind, ==, LIAISON_TIMELINE_UNKNOWN_RUN);
  g_assert_true (liaison_timeline_lanes_hit (lanes, &view, 312, 110, &hit));
  g_assert_cmpuint (hit.lane, ==, 1);
  g_assert_cmpint (hit.kind, ==, LIAISON_TIMELINE_UNKNOWN_RUN);
  unknown = liaison_timeline_lanes_dup_tooltip (lanes, &hit);
  g_assert_true (g_str_has_prefix (unknown, "<b>Seen by Netstat</b> · 10.0.0.8\n"));
  g_assert_true (g_str_has_suffix (unknown, "<small>Not known in between: recorded before Liaison kept activity runs</small>"));

  /* The silence is part of the data's own time. */
  liaison_timeline_lanes_fit (lanes, &start, &end);
  g_assert_cmpfloat (end, >, at ("2026-11-27T00:05:00Z"));
  g_assert_cmpfloat (start, <, at ("2026-11-27T00:00:00Z"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/timeline-lanes/totals", test_totals);
  g_test_add_func ("/timeline-lanes/descriptions", test_descriptions);
  g_test_add_func ("/timeline-lanes/kinds", test_kinds);
  g_test_add_func ("/timeline-lanes/segments", test_segments);
  g_test_add_func ("/timeline-lanes/narrow-gaps", test_narrow_gaps);
  g_test_add_func ("/timeline-lanes/visible-lanes", test_visible_lanes);
  g_test_add_func ("/timeline-lanes/hit", test_hit);
  g_test_add_func ("/timeline-lanes/tooltips", test_tooltips);
  g_test_add_func ("/timeline-lanes/runs", test_runs);
  g_test_add_func ("/timeline-lanes/both-tracks", test_both_tracks);
  g_test_add_func ("/timeline-lanes/silent-and-unknown", test_silent_and_unknown);

  return g_test_run ();
}
