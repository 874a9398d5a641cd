/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-time-ruler"

#include "config.h"

#include "liaison-format.h"
#include "liaison-time-ruler.h"
#include "statistics-fixture.h"

/* The timeline's axis, without a display: pixels, zoom, and the ticks with
 * their labels in the display zone. */

static void
show_in (LiaisonTimeZone  time_zone,
         const char      *tz)
{
  g_setenv ("TZ", tz, TRUE);
  g_object_set (liaison_display_zone_get_default (), "time-zone", time_zone, NULL);
}

/* A plot of 600 pixels after a margin of 12, as the timeline's. */
static LiaisonTimeRuler
ruler (const char *start,
       const char *end)
{
  return (LiaisonTimeRuler) { at (start), at (end), 12, 600 };
}

static void
test_mapping (void)
{
  LiaisonTimeRuler r = ruler ("2026-11-27T00:00:00Z", "2026-11-27T00:01:00Z");
  LiaisonTime t0 = at ("2026-11-27T00:00:00Z");

  /* 100 ms a pixel */
  g_assert_cmpfloat_with_epsilon (liaison_time_ruler_time_to_x (&r, t0), 12.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (liaison_time_ruler_time_to_x (&r, t0 + 30000), 312.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (liaison_time_ruler_time_to_x (&r, t0 - 1200), 0.0, 1e-9);
  g_assert_cmpint (liaison_time_ruler_x_to_time (&r, 312), ==, t0 + 30000);
  g_assert_cmpint (liaison_time_ruler_x_to_time (&r, 13), ==, t0 + 100);
  g_assert_cmpint (liaison_time_ruler_x_to_time (&r, 12.4), ==, t0 + 40);
  g_assert_cmpfloat_with_epsilon (liaison_time_ruler_ms_per_px (&r), 100.0, 1e-9);

  /* Zooming keeps the moment under the point where it is. */
  liaison_time_ruler_zoom (&r, 2.0, 312);
  g_assert_cmpfloat_with_epsilon (r.start, t0 + 15000.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (r.end, t0 + 45000.0, 1e-6);
  liaison_time_ruler_zoom (&r, 0.25, 112);
  g_assert_cmpfloat_with_epsilon (r.start, (double) t0, 1e-6);
  g_assert_cmpfloat_with_epsilon (r.end, t0 + 120000.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (liaison_time_ruler_time_to_x (&r, t0 + 20000), 112.0, 1e-6);

  /* Down to a millisecond a pixel, out to 200 years. */
  liaison_time_ruler_zoom (&r, 1e9, 312);
  g_assert_cmpfloat_with_epsilon (r.end - r.start, 600.0, 1e-6);
  liaison_time_ruler_zoom (&r, 1e-15, 312);
  g_assert_cmpfloat_with_epsilon (r.end - r.start, 1000.0 * 86400 * 365.25 * 200, 1.0);
}

typedef struct
{
  const char *time;    /* where the tick is */
  const char *label;
  const char *date;
} ExpectedTick;

static void
assert_ticks (const LiaisonTimeRuler *r,
              const ExpectedTick     *expected,
              guint                   n_expected,
              const char             *expected_edge_date)
{
  g_autofree char *edge_date = NULL;
  g_autoptr(GArray) ticks = liaison_time_ruler_ticks (r, 0, 624, &edge_date);

  for (guint i = 0; i < ticks->len; i++)
    {
      const LiaisonTick *tick = &g_array_index (ticks, LiaisonTick, i);

      g_test_message ("tick %u at %.1f: %s / %s", i, tick->x, tick->label, tick->date);
    }
  g_assert_cmpuint (ticks->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      const LiaisonTick *tick = &g_array_index (ticks, LiaisonTick, i);

      g_assert_cmpfloat_with_epsilon (tick->x, liaison_time_ruler_time_to_x (r, at (expected[i].time)), 1e-3);
      g_assert_cmpstr (tick->label, ==, expected[i].label);
      g_assert_cmpstr (tick->date, ==, expected[i].date);
    }
  g_assert_cmpstr (edge_date, ==, expected_edge_date);
}

/* A minute over 600 pixels: a tick every 15 s, the date where the day
 * changes and at the left edge; in UTC, said so. */
static void
test_seconds (void)
{
  static const ExpectedTick utc[] = {
    { "2026-11-26T23:59:45Z", "23:59:45", NULL },
    { "2026-11-27T00:00:00Z", "00:00:00", "Fri 27 Nov 2026 UTC" },
    { "2026-11-27T00:00:15Z", "00:00:15", NULL },
    { "2026-11-27T00:00:30Z", "00:00:30", NULL },
    { "2026-11-27T00:00:45Z", "00:00:45", NULL },
    { "2026-11-27T00:01:00Z", "00:01:00", NULL },
  };
  static const ExpectedTick local[] = {
    { "2026-11-26T23:59:45Z", "01:59:45", NULL },
    { "2026-11-27T00:00:00Z", "02:00:00", NULL },
    { "2026-11-27T00:00:15Z", "02:00:15", NULL },
    { "2026-11-27T00:00:30Z", "02:00:30", NULL },
    { "2026-11-27T00:00:45Z", "02:00:45", NULL },
    { "2026-11-27T00:01:00Z", "02:01:00", NULL },
  };
  LiaisonTimeRuler r = ruler ("2026-11-27T00:00:00Z", "2026-11-27T00:01:00Z");

  show_in (LIAISON_TIME_ZONE_UTC, "Etc/GMT-2");
  assert_ticks (&r, utc, G_N_ELEMENTS (utc), "Thu 26 Nov 2026 UTC");

  /* Local time two hours east of UTC: the same moments, other labels. */
  show_in (LIAISON_TIME_ZONE_LOCAL, "Etc/GMT-2");
  assert_ticks (&r, local, G_N_ELEMENTS (local), "Fri 27 Nov 2026");
}

/* A second over 600 pixels: a tick every 200 ms, to the millisecond. */
static void
test_milliseconds (void)
{
  static const ExpectedTick expected[] = {
    { "2026-11-26T23:59:59.800Z", "23:59:59.800", NULL },
    { "2026-11-27T00:00:00Z", "00:00:00.000", "Fri 27 Nov 2026 UTC" },
    { "2026-11-27T00:00:00.200Z", "00:00:00.200", NULL },
    { "2026-11-27T00:00:00.400Z", "00:00:00.400", NULL },
    { "2026-11-27T00:00:00.600Z", "00:00:00.600", NULL },
    { "2026-11-27T00:00:00.800Z", "00:00:00.800", NULL },
    { "2026-11-27T00:00:01Z", "00:00:01.000", NULL },
  };
  LiaisonTimeRuler r = ruler ("2026-11-27T00:00:00Z", "2026-11-27T00:00:01Z");

  show_in (LIAISON_TIME_ZONE_UTC, "UTC");
  assert_ticks (&r, expected, G_N_ELEMENTS (expected), "Thu 26 Nov 2026 UTC");
}

/* Thirty days: a tick every week, on Mondays; no dates under them. */
static void
test_weeks (void)
{
  static const ExpectedTick expected[] = {
    { "2026-11-23T00:00:00Z", "Nov 23", NULL },
    { "2026-11-30T00:00:00Z", "Nov 30", NULL },
    { "2026-12-07T00:00:00Z", "Dec 7", NULL },
    { "2026-12-14T00:00:00Z", "Dec 14", NULL },
    { "2026-12-21T00:00:00Z", "Dec 21", NULL },
  };
  LiaisonTimeRuler r = ruler ("2026-11-27T00:00:00Z", "2026-12-27T00:00:00Z");

  show_in (LIAISON_TIME_ZONE_UTC, "UTC");
  assert_ticks (&r, expected, G_N_ELEMENTS (expected), NULL);
}

/* Two years: a tick every six months. */
static void
test_months (void)
{
  static const ExpectedTick expected[] = {
    { "2025-07-01T00:00:00Z", "Jul 2025", NULL },
    { "2026-01-01T00:00:00Z", "Jan 2026", NULL },
    { "2026-07-01T00:00:00Z", "Jul 2026", NULL },
    { "2027-01-01T00:00:00Z", "Jan 2027", NULL },
    { "2027-07-01T00:00:00Z", "Jul 2027", NULL },
    { "2028-01-01T00:00:00Z", "Jan 2028", NULL },
  };
  LiaisonTimeRuler r = ruler ("2026-01-01T00:00:00Z", "2028-01-01T00:00:00Z");

  show_in (LIAISON_TIME_ZONE_UTC, "UTC");
  assert_ticks (&r, expected, G_N_ELEMENTS (expected), NULL);
}

/* Days in local time across the change to summer time: every tick stays
 * on local midnight, 23 hours after the one before it. */
static void
test_daylight_saving (void)
{
  static const ExpectedTick expected[] = {
    { "2026-03-26T23:00:00Z", "Mar 27", NULL },
    { "2026-03-27T23:00:00Z", "Mar 28", NULL },
    { "2026-03-28T23:00:00Z", "Mar 29", NULL },
    { "2026-03-29T22:00:00Z", "Mar 30", NULL },
    { "2026-03-30T22:00:00Z", "Mar 31", NULL },
    { "2026-03-31T22:00:00Z", "Apr 1", NULL },
    { "2026-04-01T22:00:00Z", "Apr 2", NULL },
  };
  LiaisonTimeRuler r = ruler ("2026-03-27T23:00:00Z", "2026-04-01T22:00:00Z");

  show_in (LIAISON_TIME_ZONE_LOCAL, "Europe/Berlin");
  assert_ticks (&r, expected, G_N_ELEMENTS (expected), NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/time-ruler/mapping", test_mapping);
  g_test_add_func ("/time-ruler/seconds", test_seconds);
  g_test_add_func ("/time-ruler/milliseconds", test_milliseconds);
  g_test_add_func ("/time-ruler/weeks", test_weeks);
  g_test_add_func ("/time-ruler/months", test_months);
  g_test_add_func ("/time-ruler/daylight-saving", test_daylight_saving);

  return g_test_run ();
}
