/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-format"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "liaison-format.h"

/*
 * Figures as people read them: durations in the two largest units that
 * matter ("1 min 35 s", "2 h 4 min", "3 d 2 h"), times in the local zone,
 * numbers with the locale's grouping and decimal mark.
 */

#define MS_PER_SECOND G_GINT64_CONSTANT (1000)
#define MS_PER_MINUTE (60 * MS_PER_SECOND)
#define MS_PER_HOUR   (60 * MS_PER_MINUTE)
#define MS_PER_DAY    (24 * MS_PER_HOUR)

/**
 * liaison_format_duration:
 * @milliseconds: a duration
 *
 * Returns: (transfer full): the duration in at most two units, the smaller
 *   one left out when it is zero: `0 s`, `250 ms`, `5 s`, `1 min 5 s`,
 *   `2 h`, `2 h 4 min`, `3 d 2 h`
 */
char *
liaison_format_duration (gint64 milliseconds)
{
  g_autofree char *text = NULL;
  gint64 ms;
  int major, minor;

  if (milliseconds < 0)
    {
      g_autofree char *positive = liaison_format_duration (-milliseconds);

      /* TRANSLATORS: a negative duration; %s is the duration */
      return g_strdup_printf (_("−%s"), positive);
    }

  if (milliseconds == 0)
    /* TRANSLATORS: a duration of zero seconds */
    return g_strdup (_("0 s"));

  if (milliseconds < MS_PER_SECOND)
    /* TRANSLATORS: a duration in milliseconds */
    return g_strdup_printf (_("%d ms"), (int) milliseconds);

  /* Whole seconds, to the nearest; the smaller unit is then cut off. */
  ms = (milliseconds + MS_PER_SECOND / 2) / MS_PER_SECOND * MS_PER_SECOND;

  if (ms < MS_PER_MINUTE)
    /* TRANSLATORS: a duration in seconds */
    return g_strdup_printf (_("%d s"), (int) (ms / MS_PER_SECOND));

  if (ms < MS_PER_HOUR)
    {
      major = (int) (ms / MS_PER_MINUTE);
      minor = (int) (ms % MS_PER_MINUTE / MS_PER_SECOND);
      if (minor == 0)
        /* TRANSLATORS: a duration in minutes */
        return g_strdup_printf (_("%d min"), major);
      /* TRANSLATORS: a duration in minutes and seconds */
      return g_strdup_printf (_("%d min %d s"), major, minor);
    }

  if (ms < MS_PER_DAY)
    {
      major = (int) (ms / MS_PER_HOUR);
      minor = (int) (ms % MS_PER_HOUR / MS_PER_MINUTE);
      if (minor == 0)
        /* TRANSLATORS: a duration in hours */
        return g_strdup_printf (_("%d h"), major);
      /* TRANSLATORS: a duration in hours and minutes */
      return g_strdup_printf (_("%d h %d min"), major, minor);
    }

  major = (int) MIN (ms / MS_PER_DAY, G_MAXINT);
  minor = (int) (ms % MS_PER_DAY / MS_PER_HOUR);
  if (minor == 0)
    /* TRANSLATORS: a duration in days */
    text = g_strdup_printf (_("%d d"), major);
  else
    /* TRANSLATORS: a duration in days and hours */
    text = g_strdup_printf (_("%d d %d h"), major, minor);

  return g_steal_pointer (&text);
}

static GDateTime *
date_time_new (LiaisonTime  time,
               GTimeZone   *zone)
{
  g_autoptr(GDateTime) utc = NULL;

  utc = g_date_time_new_from_unix_utc (time / 1000 - (time % 1000 < 0 ? 1 : 0));
  if (utc == NULL)
    return NULL;
  return g_date_time_to_timezone (utc, zone);
}

static char *
format_in_zone (LiaisonTime  time,
                GTimeZone   *zone,
                const char  *format)
{
  g_autoptr(GDateTime) date_time = NULL;

  if (time == LIAISON_TIME_NONE)
    return g_strdup (LIAISON_FORMAT_NONE);

  date_time = date_time_new (time, zone);
  if (date_time == NULL)
    return liaison_time_dup_string (time);

  return g_date_time_format (date_time, format);
}

/**
 * liaison_format_time:
 *
 * Returns: (transfer full): @time in the local time zone, to the second, or
 *   a dash for %LIAISON_TIME_NONE
 */
char *
liaison_format_time (LiaisonTime time)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();

  /* TRANSLATORS: a date and time, see the GDateTime format documentation */
  return format_in_zone (time, local, _("%Y-%m-%d %H:%M:%S"));
}

/**
 * liaison_format_time_short:
 *
 * Returns: (transfer full): @time in the local time zone, to the minute
 */
char *
liaison_format_time_short (LiaisonTime time)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();

  /* TRANSLATORS: a date and time without seconds, see the GDateTime format documentation */
  return format_in_zone (time, local, _("%Y-%m-%d %H:%M"));
}

/**
 * liaison_format_time_tooltip:
 *
 * Returns: (transfer full): what a time's tooltip says: the time in UTC and
 *   the exact value as stored and exported
 */
char *
liaison_format_time_tooltip (LiaisonTime time)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autofree char *in_utc = NULL;
  g_autofree char *in_local = NULL;
  g_autofree char *exact = NULL;

  if (time == LIAISON_TIME_NONE)
    return g_strdup (_("Never measured"));

  /* TRANSLATORS: a date and time, see the GDateTime format documentation */
  in_utc = format_in_zone (time, utc, _("%Y-%m-%d %H:%M:%S"));
  /* TRANSLATORS: a time zone as an offset and abbreviation, e.g. “+01:00 CET” */
  in_local = format_in_zone (time, local, _("%:z %Z"));
  exact = liaison_time_dup_string (time);

  /* TRANSLATORS: the tooltip of a time: the time in UTC, the local time
   * zone, and the exact value as exported */
  return g_strdup_printf (_("%s UTC\nLocal time zone: %s\nExact: %s"),
                          in_utc, in_local, exact);
}

/**
 * liaison_format_count:
 *
 * Returns: (transfer full): @value with the locale's digit grouping
 */
char *
liaison_format_count (gint64 value)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, value);
}

/**
 * liaison_format_decimal:
 *
 * Returns: (transfer full): @value with two decimals in the locale's
 *   format, or a dash when @value is negative (a ratio with no divisor)
 */
char *
liaison_format_decimal (double value)
{
  if (value < 0 || !isfinite (value))
    return g_strdup (LIAISON_FORMAT_NONE);
  return g_strdup_printf ("%'.2f", value);
}

/**
 * liaison_format_percent:
 *
 * Returns: (transfer full): @value as a percentage with one decimal, or a
 *   dash when @value is negative (a ratio with no divisor)
 */
char *
liaison_format_percent (double value)
{
  g_autofree char *number = NULL;

  if (value < 0 || !isfinite (value))
    return g_strdup (LIAISON_FORMAT_NONE);

  number = g_strdup_printf ("%'.1f", value);
  /* TRANSLATORS: a percentage; %s is the number */
  return g_strdup_printf (_("%s %%"), number);
}
