/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "liaison-format.h"

/* Durations read as people say them. */
static void
test_durations (void)
{
  static const struct {
    gint64      ms;
    const char *text;
  } cases[] = {
    { 0, "0 s" },
    { 1, "1 ms" },
    { 250, "250 ms" },
    { 999, "999 ms" },
    { 1000, "1 s" },
    { 5000, "5 s" },
    { 5400, "5 s" },
    { 5600, "6 s" },
    { 59000, "59 s" },
    { 59600, "1 min" },
    { 60000, "1 min" },
    { 65000, "1 min 5 s" },
    { 95000, "1 min 35 s" },
    { 100000, "1 min 40 s" },
    { 3599000, "59 min 59 s" },
    { 3600000, "1 h" },
    { 3660000, "1 h 1 min" },
    { (2 * 3600 + 4 * 60 + 59) * G_GINT64_CONSTANT (1000), "2 h 4 min" },
    { 86400000, "1 d" },
    { (3 * 86400 + 2 * 3600 + 59 * 60) * G_GINT64_CONSTANT (1000), "3 d 2 h" },
    { 400 * G_GINT64_CONSTANT (86400000), "400 d" },
    { -65000, "−1 min 5 s" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = liaison_format_duration (cases[i].ms);

      g_test_message ("%" G_GINT64_FORMAT " ms", cases[i].ms);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* Times in the local zone (TZ=UTC here), with UTC and the exact value in
 * the tooltip; a time never measured is a dash. */
static void
test_times (void)
{
  static const struct {
    const char *iso;
    const char *text;
    const char *short_text;
    const char *exact;
  } cases[] = {
    { "2026-11-27T00:01:15Z", "2026-11-27 00:01:15", "2026-11-27 00:01", "2026-11-27T00:01:15Z" },
    { "2026-11-27T00:01:15.250Z", "2026-11-27 00:01:15", "2026-11-27 00:01", "2026-11-27T00:01:15.250Z" },
    { "1970-01-01T00:00:00Z", "1970-01-01 00:00:00", "1970-01-01 00:00", "1970-01-01T00:00:00Z" },
    { "1969-12-31T23:59:59.500Z", "1969-12-31 23:59:59", "1969-12-31 23:59", "1969-12-31T23:59:59.500Z" },
    { "2026-03-29T01:30:00+01:00", "2026-03-29 00:30:00", "2026-03-29 00:30", "2026-03-29T00:30:00Z" },
  };
  g_autofree char *none = liaison_format_time (LIAISON_TIME_NONE);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      LiaisonTime time;
      g_autofree char *text = NULL;
      g_autofree char *short_text = NULL;
      g_autofree char *tooltip = NULL;
      g_autofree char *exact = NULL;
      g_autofree char *utc = NULL;

      g_assert_true (liaison_time_parse (cases[i].iso, -1, FALSE, &time));
      text = liaison_format_time (time);
      short_text = liaison_format_time_short (time);
      tooltip = liaison_format_time_tooltip (time);
      exact = g_strdup_printf ("Exact: %s", cases[i].exact);
      utc = g_strdup_printf ("%s UTC\n", cases[i].text);

      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_cmpstr (short_text, ==, cases[i].short_text);
      g_assert_true (g_str_has_prefix (tooltip, utc));
      g_assert_nonnull (strstr (tooltip, exact));
    }

  g_assert_cmpstr (none, ==, "—");
}

static void
test_numbers (void)
{
  static const struct {
    double      value;
    const char *decimal;
    const char *percent;
  } cases[] = {
    { 0, "0.00", "0.0 %" },
    { 3, "3.00", "3.0 %" },
    { 1.5, "1.50", "1.5 %" },
    { 2.0 / 3.0, "0.67", "0.7 %" },
    { 100, "100.00", "100.0 %" },
    { -1, "—", "—" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *decimal = liaison_format_decimal (cases[i].value);
      g_autofree char *percent = liaison_format_percent (cases[i].value);

      g_assert_cmpstr (decimal, ==, cases[i].decimal);
      g_assert_cmpstr (percent, ==, cases[i].percent);
    }

  {
    g_autofree char *count = liaison_format_count (1234567);

    g_assert_cmpstr (count, ==, "1234567");
  }
}

static LiaisonTimeZone
shown_zone (void)
{
  LiaisonTimeZone zone;

  g_object_get (liaison_display_zone_get_default (), "time-zone", &zone, NULL);
  return zone;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

/* 2026-11-27T23:01:15.250Z in each zone. */
typedef struct
{
  const char     *setting;
  LiaisonTimeZone zone;
  const char     *time;
  const char     *time_short;
  const char     *date;
} Shown;

static const Shown in_local = {
  "local", LIAISON_TIME_ZONE_LOCAL, "2026-11-28 01:01:15", "2026-11-28 01:01", "Sat 28 Nov 2026",
};

static const Shown in_utc = {
  "utc", LIAISON_TIME_ZONE_UTC, "2026-11-27 23:01:15 UTC", "2026-11-27 23:01 UTC", "Fri 27 Nov 2026 UTC",
};

static void
assert_shown (GSettings   *settings,
              const Shown *shown)
{
  LiaisonTime time;
  g_autofree char *text = NULL;
  g_autofree char *short_text = NULL;
  g_autofree char *date = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *none = NULL;

  g_settings_set_string (settings, "time-zone", shown->setting);
  g_assert_true (liaison_time_parse ("2026-11-27T23:01:15.250Z", -1, FALSE, &time));
  text = liaison_format_time (time);
  short_text = liaison_format_time_short (time);
  date = liaison_format_date (time);
  tooltip = liaison_format_time_tooltip (time);
  none = liaison_format_time (LIAISON_TIME_NONE);

  g_assert_cmpint (shown_zone (), ==, shown->zone);
  g_assert_cmpstr (text, ==, shown->time);
  g_assert_cmpstr (short_text, ==, shown->time_short);
  g_assert_cmpstr (date, ==, shown->date);
  g_assert_cmpstr (tooltip, ==, "2026-11-27 23:01:15 UTC\nLocal time zone: +02:00 +02\nExact: 2026-11-27T23:01:15.250Z");
  g_assert_cmpstr (none, ==, "—");
}

/* Times follow the time-zone setting: local time two hours east of UTC
 * here, so that the two differ, or UTC, marked as such. The tooltip says
 * both either way. */
static void
test_display_zone (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  LiaisonDisplayZone *zone = liaison_display_zone_get_default ();
  guint notified = 0;
  gulong handler;

  g_setenv ("TZ", "Etc/GMT-2", TRUE);
  g_settings_set_string (settings, "time-zone", "local");
  liaison_display_zone_follow_settings (zone, settings);
  handler = g_signal_connect (zone, "notify::time-zone", G_CALLBACK (count_notify), &notified);

  assert_shown (settings, &in_local);
  g_assert_cmpuint (notified, ==, 0);
  assert_shown (settings, &in_utc);
  g_assert_cmpuint (notified, ==, 1);
  /* Setting the same zone again tells nobody. */
  assert_shown (settings, &in_utc);
  g_assert_cmpuint (notified, ==, 1);
  assert_shown (settings, &in_local);
  g_assert_cmpuint (notified, ==, 2);

  g_signal_handler_disconnect (zone, handler);
  g_setenv ("TZ", "UTC", TRUE);
}

/* A locale with grouping and a decimal comma, when the system has one. */
static void
test_numbers_locale (void)
{
  const char *old = setlocale (LC_NUMERIC, NULL);
  g_autofree char *saved = g_strdup (old);
  g_autofree char *decimal = NULL;
  g_autofree char *count = NULL;

  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("no de_DE.UTF-8 locale");
      return;
    }

  decimal = liaison_format_decimal (1234.5);
  count = liaison_format_count (1234567);
  setlocale (LC_NUMERIC, saved);

  g_assert_cmpstr (decimal, ==, "1.234,50");
  g_assert_cmpstr (count, ==, "1.234.567");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/durations", test_durations);
  g_test_add_func ("/format/times", test_times);
  g_test_add_func ("/format/display-zone", test_display_zone);
  g_test_add_func ("/format/numbers", test_numbers);
  g_test_add_func ("/format/numbers-locale", test_numbers_locale);

  return g_test_run ();
}
