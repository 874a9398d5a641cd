/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "liaison-error.h"
#include "liaison-time.h"

static void
test_time_parse (void)
{
  static const struct { const char *in; gint64 ms; } cases[] = {
    { "2026-11-27T00:01:15Z", G_GINT64_CONSTANT (1795737675000) },
    { "2026-11-27 00:01:15", G_GINT64_CONSTANT (1795737675000) },
    { "2026-11-27T00:01:15.250Z", G_GINT64_CONSTANT (1795737675250) },
    { "2026-11-27T00:01:15,5", G_GINT64_CONSTANT (1795737675500) },
    { "2026-11-27T01:01:15+01:00", G_GINT64_CONSTANT (1795737675000) },
    { "2026-11-26T19:01:15-0500", G_GINT64_CONSTANT (1795737675000) },
    { "1970-01-01T00:00:00Z", 0 },
    { "2024-02-29", G_GINT64_CONSTANT (1709164800000) },
    { "@1795737675", G_GINT64_CONSTANT (1795737675000) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      LiaisonTime t = 0;

      g_assert_true (liaison_time_parse (cases[i].in, -1, FALSE, &t));
      g_assert_cmpint (t, ==, cases[i].ms);
    }
}

static void
test_time_invalid (void)
{
  static const char *bad[] = { "", "yesterday", "2026-13-01", "2026-02-30", "2023-02-29",
                               "2026-11-27T24:00:00", "2026-11-27T00:60", "2026-11-27T00:01:15Q",
                               "2026-11-27T00:01:15+25:00", "26-11-27" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      LiaisonTime t = 0;

      g_assert_false (liaison_time_parse (bad[i], -1, FALSE, &t));
    }
}

static void
test_time_local (void)
{
  LiaisonTime utc = 0, local = 0;
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) dt = g_date_time_new (tz, 2026, 11, 27, 0, 1, 15);

  g_assert_true (liaison_time_parse ("2026-11-27 00:01:15", -1, FALSE, &utc));
  g_assert_true (liaison_time_parse ("2026-11-27 00:01:15", -1, TRUE, &local));
  g_assert_cmpint (local, ==, g_date_time_to_unix (dt) * 1000);
  /* An explicit offset wins over --local-time. */
  g_assert_true (liaison_time_parse ("2026-11-27 00:01:15Z", -1, TRUE, &local));
  g_assert_cmpint (local, ==, utc);
}

static void
test_time_format (void)
{
  char buf[LIAISON_TIME_STRLEN];

  liaison_time_to_string (G_GINT64_CONSTANT (1795737675000), buf);
  g_assert_cmpstr (buf, ==, "2026-11-27T00:01:15Z");
  liaison_time_to_string (G_GINT64_CONSTANT (1795737675250), buf);
  g_assert_cmpstr (buf, ==, "2026-11-27T00:01:15.250Z");
  liaison_time_to_string (-1, buf);
  g_assert_cmpstr (buf, ==, "1969-12-31T23:59:59.999Z");
  liaison_time_to_string (G_GINT64_CONSTANT (951782400000), buf);
  g_assert_cmpstr (buf, ==, "2000-02-29T00:00:00Z");

  liaison_duration_to_string (95000, buf);
  g_assert_cmpstr (buf, ==, "95");
  liaison_duration_to_string (250, buf);
  g_assert_cmpstr (buf, ==, "0.25");
  liaison_duration_to_string (1001, buf);
  g_assert_cmpstr (buf, ==, "1.001");
  liaison_duration_to_string (0, buf);
  g_assert_cmpstr (buf, ==, "0");
}

static void
test_time_round_trip (void)
{
  /* Every second of a leap day and around the epoch turns back into itself. */
  for (gint64 t = G_GINT64_CONSTANT (951782400000) - 86400000; t < G_GINT64_CONSTANT (951782400000) + 86400000 * 2; t += 997)
    {
      char buf[LIAISON_TIME_STRLEN];
      LiaisonTime back = 0;

      liaison_time_to_string (t, buf);
      g_assert_true (liaison_time_parse (buf, -1, FALSE, &back));
      g_assert_cmpint (back, ==, t);
    }
}

/* cli.md: a DURATION is `90s`, `5m`, `2h`, `7d`. */
static void
test_duration_parse (void)
{
  static const struct { const char *text; gint64 ms; } good[] = {
    { "90s", 90000 },
    { "5m", 300000 },
    { "2h", 7200000 },
    { "7d", 604800000 },
    { " 10m ", 600000 },
    { "0s", 0 },
  };
  static const char * const bad[] = { "", "5", "m", "5x", "-5m", "5 m", "1.5h", "5mm", "99999999999999d" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      gint64 ms = -1;

      g_assert_true (liaison_duration_parse (good[i].text, &ms, NULL));
      g_assert_cmpint (ms, ==, good[i].ms);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = g_strdup_printf ("“%s” is not a duration (a whole number and s, m, h or d: 90s, 5m, 2h, 7d)",
                                                   bad[i]);
      gint64 ms = -1;

      g_assert_false (liaison_duration_parse (bad[i], &ms, &error));
      g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, expected);
      g_assert_cmpint (ms, ==, -1);
    }
}

/* The other way: back to the largest whole unit. */
static void
test_duration_format (void)
{
  static const struct { gint64 ms; const char *text; } cases[] = {
    { 90000, "90s" }, { 300000, "5m" }, { 7200000, "2h" }, { 604800000, "7d" },
    { 5400000, "90m" }, { 0, "0s" }, { 1500, "1s" }, { 86400000 + 1000, "86401s" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char buf[LIAISON_TIME_STRLEN];
      gint64 back = -1;

      liaison_duration_format (cases[i].ms, buf);
      g_assert_cmpstr (buf, ==, cases[i].text);
      g_assert_true (liaison_duration_parse (buf, &back, NULL));
      g_assert_cmpint (back, ==, cases[i].ms / 1000 * 1000);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/time/parse", test_time_parse);
  g_test_add_func ("/time/invalid", test_time_invalid);
  g_test_add_func ("/time/local", test_time_local);
  g_test_add_func ("/time/format", test_time_format);
  g_test_add_func ("/time/round-trip", test_time_round_trip);
  g_test_add_func ("/time/duration-parse", test_duration_parse);
  g_test_add_func ("/time/duration-format", test_duration_format);

  return g_test_run ();
}
