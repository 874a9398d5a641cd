/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-time"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "liaison-error.h"
#include "liaison-time.h"

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
static gint64
days_from_civil (gint64 y, guint m, guint d)
{
  gint64 era;
  guint yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = (guint) (y - era * 400);
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (gint64) doe - 719468;
}

static void
civil_from_days (gint64 z, gint64 *y, guint *m, guint *d)
{
  gint64 era;
  guint doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = (guint) (z - era * 146097);
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = (gint64) yoe + era * 400 + (*m <= 2);
}

static gboolean
read_digits (const char **p, const char *end, guint count, guint *out)
{
  guint v = 0;

  if (end - *p < (gssize) count)
    return FALSE;
  for (guint i = 0; i < count; i++)
    {
      char c = (*p)[i];
      if (c < '0' || c > '9')
        return FALSE;
      v = v * 10 + (guint) (c - '0');
    }
  *p += count;
  *out = v;
  return TRUE;
}

static guint
days_in_month (guint y, guint m)
{
  static const guint days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
    return 29;
  return days[m - 1];
}

/**
 * liaison_time_parse:
 * @text: an ISO 8601 time: `2026-11-27T00:01:15Z`, `2026-11-27 00:01:15.250`,
 *   `2026-11-27T01:01:15+01:00`; or whole seconds since the epoch (`@1795000000`)
 * @len: length of @text, or -1
 * @local_time: read a time with no offset as local time instead of UTC
 * @out: (out): the moment
 *
 * Returns: whether @text is a valid time
 */
gboolean
liaison_time_parse (const char  *text,
                    gssize       len,
                    gboolean     local_time,
                    LiaisonTime *out)
{
  const char *p = text;
  const char *end;
  guint year, month, day, hour = 0, minute = 0, second = 0, millis = 0;
  gint64 offset_minutes = 0;
  gboolean has_offset = FALSE;
  gint64 seconds;

  if (len < 0)
    len = strlen (text);
  end = text + len;

  while (p < end && g_ascii_isspace (*p))
    p++;
  while (end > p && g_ascii_isspace (end[-1]))
    end--;

  if (p < end && *p == '@')
    {
      gint64 v = 0;
      gboolean neg = FALSE;

      p++;
      if (p < end && *p == '-')
        {
          neg = TRUE;
          p++;
        }
      if (p == end || end - p > 12)
        return FALSE;
      for (; p < end; p++)
        {
          if (*p < '0' || *p > '9')
            return FALSE;
          v = v * 10 + (*p - '0');
        }
      *out = (neg ? -v : v) * 1000;
      return TRUE;
    }

  if (!read_digits (&p, end, 4, &year) || p == end || *p++ != '-' ||
      !read_digits (&p, end, 2, &month) || p == end || *p++ != '-' ||
      !read_digits (&p, end, 2, &day))
    return FALSE;

  if (month < 1 || month > 12 || day < 1 || day > days_in_month (year, month))
    return FALSE;

  if (p < end && (*p == 'T' || *p == 't' || *p == ' '))
    {
      p++;
      if (!read_digits (&p, end, 2, &hour) || p == end || *p++ != ':' ||
          !read_digits (&p, end, 2, &minute))
        return FALSE;
      if (p < end && *p == ':')
        {
          p++;
          if (!read_digits (&p, end, 2, &second))
            return FALSE;
          if (p < end && (*p == '.' || *p == ','))
            {
              guint scale = 100;
              p++;
              if (p == end || *p < '0' || *p > '9')
                return FALSE;
              for (; p < end && *p >= '0' && *p <= '9'; p++)
                {
                  millis += (guint) (*p - '0') * scale;
                  scale /= 10;
                }
            }
        }
      if (hour > 23 || minute > 59 || second > 60)
        return FALSE;
      if (second == 60)
        second = 59;
    }

  if (p < end && (*p == 'Z' || *p == 'z'))
    {
      p++;
      has_offset = TRUE;
    }
  else if (p < end && (*p == '+' || *p == '-'))
    {
      int sign = *p == '-' ? -1 : 1;
      guint oh, om = 0;

      p++;
      if (!read_digits (&p, end, 2, &oh))
        return FALSE;
      if (p < end && *p == ':')
        p++;
      if (p < end && !read_digits (&p, end, 2, &om))
        return FALSE;
      if (oh > 23 || om > 59)
        return FALSE;
      offset_minutes = sign * (gint64) (oh * 60 + om);
      has_offset = TRUE;
    }

  if (p != end)
    return FALSE;

  if (!has_offset && local_time)
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
      g_autoptr(GDateTime) dt = g_date_time_new (tz, year, month, day, hour, minute, second);

      if (dt == NULL)
        return FALSE;
      *out = g_date_time_to_unix (dt) * 1000 + millis;
      return TRUE;
    }

  seconds = days_from_civil (year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  seconds -= offset_minutes * 60;
  *out = seconds * 1000 + millis;
  return TRUE;
}

/* ISO 8601 UTC with `Z`; milliseconds only when they are not zero. */
void
liaison_time_to_string (LiaisonTime time,
                        char        buf[LIAISON_TIME_STRLEN])
{
  gint64 days, secs, y;
  guint m, d, ms;

  ms = (guint) (((time % 1000) + 1000) % 1000);
  secs = (time - ms) / 1000;
  days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
  secs -= days * 86400;
  civil_from_days (days, &y, &m, &d);

  if (ms != 0)
    g_snprintf (buf, LIAISON_TIME_STRLEN, "%04" G_GINT64_FORMAT "-%02u-%02uT%02u:%02u:%02u.%03uZ",
                y, m, d, (guint) (secs / 3600), (guint) (secs / 60 % 60), (guint) (secs % 60), ms);
  else
    g_snprintf (buf, LIAISON_TIME_STRLEN, "%04" G_GINT64_FORMAT "-%02u-%02uT%02u:%02u:%02uZ",
                y, m, d, (guint) (secs / 3600), (guint) (secs / 60 % 60), (guint) (secs % 60));
}

char *
liaison_time_dup_string (LiaisonTime time)
{
  char buf[LIAISON_TIME_STRLEN];

  liaison_time_to_string (time, buf);
  return g_strdup (buf);
}

/* A duration as a JSON number of seconds, at most 3 decimals: `95`, `0.25`. */
void
liaison_duration_to_string (gint64 milliseconds,
                            char   buf[LIAISON_TIME_STRLEN])
{
  gint64 abs_ms = milliseconds < 0 ? -milliseconds : milliseconds;
  const char *sign = milliseconds < 0 ? "-" : "";
  guint frac = (guint) (abs_ms % 1000);

  if (frac == 0)
    g_snprintf (buf, LIAISON_TIME_STRLEN, "%s%" G_GINT64_FORMAT, sign, abs_ms / 1000);
  else
    {
      int n = g_snprintf (buf, LIAISON_TIME_STRLEN, "%s%" G_GINT64_FORMAT ".%03u", sign, abs_ms / 1000, frac);
      while (n > 0 && buf[n - 1] == '0')
        buf[--n] = '\0';
    }
}

/**
 * liaison_duration_parse:
 * @text: a whole number and a unit: `90s`, `5m`, `2h`, `7d`
 * @milliseconds: (out): the duration
 * @error: return location for a #LIAISON_ERROR_INVALID error
 */
gboolean
liaison_duration_parse (const char  *text,
                        gint64      *milliseconds,
                        GError     **error)
{
  static const struct { char unit; gint64 ms; } units[] = {
    { 's', 1000 }, { 'm', 60 * 1000 }, { 'h', 3600 * 1000 }, { 'd', 86400 * 1000 },
  };
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  gsize len = strlen (stripped);
  guint64 count;

  if (len >= 2 && g_ascii_isdigit (stripped[0]))
    for (guint i = 0; i < G_N_ELEMENTS (units); i++)
      {
        if (stripped[len - 1] != units[i].unit)
          continue;
        stripped[len - 1] = '\0';
        /* Up to a thousand years. */
        if (!g_ascii_string_to_unsigned (stripped, 10, 0, 365000 * (86400 * 1000 / units[i].ms),
                                         &count, NULL))
          break;
        *milliseconds = (gint64) count * units[i].ms;
        return TRUE;
      }

  g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
               _("“%s” is not a duration (a whole number and s, m, h or d: 90s, 5m, 2h, 7d)"),
               text != NULL ? text : "");
  return FALSE;
}

/* A duration as liaison_duration_parse() reads it, in its largest whole
 * unit: `90s`, `5m`, `2h`, `7d`; a fraction of a second is rounded down. */
void
liaison_duration_format (gint64 milliseconds,
                         char   buf[LIAISON_TIME_STRLEN])
{
  static const struct { char unit; gint64 ms; } units[] = {
    { 'd', 86400 * 1000 }, { 'h', 3600 * 1000 }, { 'm', 60 * 1000 },
  };
  gint64 seconds = MAX (milliseconds, 0) / 1000;

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (seconds > 0 && (seconds * 1000) % units[i].ms == 0)
      {
        g_snprintf (buf, LIAISON_TIME_STRLEN, "%" G_GINT64_FORMAT "%c",
                    seconds * 1000 / units[i].ms, units[i].unit);
        return;
      }
  g_snprintf (buf, LIAISON_TIME_STRLEN, "%" G_GINT64_FORMAT "s", seconds);
}

LiaisonTime
liaison_time_now (void)
{
  return g_get_real_time () / 1000;
}
