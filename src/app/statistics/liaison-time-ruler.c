/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-time-ruler"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "liaison-format.h"
#include "liaison-time-ruler.h"

/*
 * The timeline's axis: a visible time range laid onto pixels, and the
 * ticks on it. Ticks fall on round moments of the display zone (the
 * time-zone setting) at a step from 10 ms to 50 years, chosen so that
 * labels are at least MIN_TICK_SPACE pixels apart; days and months step
 * by the calendar, so a tick stays on midnight across a change of daylight
 * saving time. Plain GLib: the timeline turns ticks into drawn text.
 */

#define MIN_TICK_SPACE 110.0
#define MAX_TICKS      1000
#define MIN_MS_PER_PX  1.0
#define MAX_SPAN_MS    (1000.0 * 86400 * 365.25 * 200)

/**
 * liaison_time_ruler_time_to_x:
 *
 * Returns: the x coordinate of @time:
 *   `x0 + (time - start) * width / (end - start)`
 */
double
liaison_time_ruler_time_to_x (const LiaisonTimeRuler *self,
                              LiaisonTime             time)
{
  return self->x0 + ((double) time - self->start) * self->width / (self->end - self->start);
}

/**
 * liaison_time_ruler_x_to_time:
 *
 * Returns: the moment at @x, the inverse of liaison_time_ruler_time_to_x()
 *   rounded to the millisecond
 */
LiaisonTime
liaison_time_ruler_x_to_time (const LiaisonTimeRuler *self,
                              double                  x)
{
  return (LiaisonTime) llround (self->start + (x - self->x0) * (self->end - self->start) / self->width);
}

double
liaison_time_ruler_ms_per_px (const LiaisonTimeRuler *self)
{
  return (self->end - self->start) / self->width;
}

/**
 * liaison_time_ruler_zoom:
 * @factor: more than 1 zooms in, less than 1 zooms out
 * @x: the x coordinate that stays where it is
 *
 * Zooms, down to a millisecond a pixel and out to 200 years.
 */
void
liaison_time_ruler_zoom (LiaisonTimeRuler *self,
                         double            factor,
                         double            x)
{
  double anchor = self->start + (x - self->x0) * liaison_time_ruler_ms_per_px (self);
  double fraction = (x - self->x0) / self->width;
  double span = (self->end - self->start) / factor;

  span = CLAMP (span, MIN_MS_PER_PX * self->width, MAX_SPAN_MS);
  self->start = anchor - fraction * span;
  self->end = self->start + span;
}

/* Steps: nice ones from milliseconds to years */

typedef enum { STEP_MS, STEP_DAYS, STEP_MONTHS } StepUnit;

typedef struct
{
  StepUnit unit;
  gint64   size;        /* milliseconds, days or months */
  gint64   approx_ms;
} Step;

#define MS_SEC  G_GINT64_CONSTANT (1000)
#define MS_MIN  (60 * MS_SEC)
#define MS_HOUR (60 * MS_MIN)
#define MS_DAY  (24 * MS_HOUR)

static const Step steps[] = {
  { STEP_MS, 10, 10 }, { STEP_MS, 20, 20 }, { STEP_MS, 50, 50 },
  { STEP_MS, 100, 100 }, { STEP_MS, 200, 200 }, { STEP_MS, 500, 500 },
  { STEP_MS, 1 * MS_SEC, 1 * MS_SEC }, { STEP_MS, 2 * MS_SEC, 2 * MS_SEC }, { STEP_MS, 5 * MS_SEC, 5 * MS_SEC },
  { STEP_MS, 10 * MS_SEC, 10 * MS_SEC }, { STEP_MS, 15 * MS_SEC, 15 * MS_SEC }, { STEP_MS, 30 * MS_SEC, 30 * MS_SEC },
  { STEP_MS, 1 * MS_MIN, 1 * MS_MIN }, { STEP_MS, 2 * MS_MIN, 2 * MS_MIN }, { STEP_MS, 5 * MS_MIN, 5 * MS_MIN },
  { STEP_MS, 10 * MS_MIN, 10 * MS_MIN }, { STEP_MS, 15 * MS_MIN, 15 * MS_MIN }, { STEP_MS, 30 * MS_MIN, 30 * MS_MIN },
  { STEP_MS, 1 * MS_HOUR, 1 * MS_HOUR }, { STEP_MS, 2 * MS_HOUR, 2 * MS_HOUR }, { STEP_MS, 3 * MS_HOUR, 3 * MS_HOUR },
  { STEP_MS, 6 * MS_HOUR, 6 * MS_HOUR }, { STEP_MS, 12 * MS_HOUR, 12 * MS_HOUR },
  { STEP_DAYS, 1, MS_DAY }, { STEP_DAYS, 2, 2 * MS_DAY }, { STEP_DAYS, 7, 7 * MS_DAY },
  { STEP_MONTHS, 1, 30 * MS_DAY }, { STEP_MONTHS, 2, 61 * MS_DAY }, { STEP_MONTHS, 3, 91 * MS_DAY },
  { STEP_MONTHS, 6, 182 * MS_DAY }, { STEP_MONTHS, 12, 365 * MS_DAY }, { STEP_MONTHS, 24, 730 * MS_DAY },
  { STEP_MONTHS, 60, 1826 * MS_DAY }, { STEP_MONTHS, 120, 3652 * MS_DAY },
  { STEP_MONTHS, 600, 18262 * MS_DAY },
};

static const Step *
choose_step (double ms_per_pixel)
{
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i].approx_ms / ms_per_pixel >= MIN_TICK_SPACE)
      return &steps[i];
  return &steps[G_N_ELEMENTS (steps) - 1];
}

static char *
tick_label (const Step *step,
            GDateTime  *date_time,
            LiaisonTime time)
{
  if (step->unit == STEP_MS && step->size < MS_SEC)
    {
      g_autofree char *seconds = g_date_time_format (date_time, "%H:%M:%S");
      int ms = (int) (((time % 1000) + 1000) % 1000);

      return g_strdup_printf ("%s.%03d", seconds, ms);
    }
  if (step->unit == STEP_MS && step->size < MS_MIN)
    return g_date_time_format (date_time, "%H:%M:%S");
  if (step->unit == STEP_MS)
    return g_date_time_format (date_time, "%H:%M");
  if (step->unit == STEP_DAYS)
    /* TRANSLATORS: a day on the timeline's axis, see the GDateTime format documentation */
    return g_date_time_format (date_time, _("%b %-d"));
  if (step->size < 12)
    /* TRANSLATORS: a month on the timeline's axis, see the GDateTime format documentation */
    return g_date_time_format (date_time, _("%b %Y"));
  return g_date_time_format (date_time, "%Y");
}

static void
tick_clear (gpointer data)
{
  LiaisonTick *tick = data;

  g_clear_pointer (&tick->label, g_free);
  g_clear_pointer (&tick->date, g_free);
}

/* The first tick at or before @time, and the next one after a tick. */
static LiaisonTime
tick_floor (const Step  *step,
            LiaisonTime  time)
{
  g_autoptr(GDateTime) local = liaison_format_date_time_new (time);
  gint64 offset;

  if (local == NULL)
    return time;
  offset = g_date_time_get_utc_offset (local) / 1000;

  if (step->unit == STEP_MS)
    {
      gint64 shifted = time + offset;
      gint64 floored = shifted - (((shifted % step->size) + step->size) % step->size);

      return floored - offset;
    }
  if (step->unit == STEP_DAYS)
    {
      gint64 shifted = time + offset;
      gint64 days = shifted >= 0 ? shifted / MS_DAY : -((-shifted + MS_DAY - 1) / MS_DAY);

      /* Weeks start on Monday: day 4 of the epoch was one. */
      if (step->size == 7)
        days -= (((days - 4) % 7) + 7) % 7;
      else
        days -= ((days % step->size) + step->size) % step->size;
      return days * MS_DAY - offset;
    }
  else
    {
      int months = g_date_time_get_year (local) * 12 + g_date_time_get_month (local) - 1;
      g_autoptr(GDateTime) first = NULL;

      months -= months % (int) step->size;
      first = g_date_time_new (g_date_time_get_timezone (local), months / 12, months % 12 + 1, 1, 0, 0, 0);
      return first != NULL ? g_date_time_to_unix (first) * 1000 : time;
    }
}

static LiaisonTime
tick_next (const Step  *step,
           LiaisonTime  tick)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) next = NULL;

  if (step->unit == STEP_MS)
    return tick + step->size;

  local = liaison_format_date_time_new (tick);
  if (local == NULL)
    return tick + step->approx_ms;

  /* Calendar arithmetic keeps local midnight across daylight saving changes. */
  if (step->unit == STEP_DAYS)
    next = g_date_time_add_days (local, (int) step->size);
  else
    next = g_date_time_add_months (local, (int) step->size);
  if (next == NULL)
    return tick + step->approx_ms;

  return g_date_time_to_unix (next) * 1000;
}

/**
 * liaison_time_ruler_ticks:
 * @from_x: where the axis starts to show
 * @to_x: where it stops
 * @edge_date: (out) (optional): under sub-day ticks, the date at @from_x,
 *   else %NULL
 *
 * Returns: (transfer full) (element-type LiaisonTick): the ticks between
 *   @from_x and @to_x, left to right, in the display zone
 */
GArray *
liaison_time_ruler_ticks (const LiaisonTimeRuler  *self,
                          double                   from_x,
                          double                   to_x,
                          char                   **edge_date)
{
  const Step *step = choose_step (liaison_time_ruler_ms_per_px (self));
  LiaisonTime start = liaison_time_ruler_x_to_time (self, from_x);
  LiaisonTime end = liaison_time_ruler_x_to_time (self, to_x);
  GArray *ticks = g_array_new (FALSE, TRUE, sizeof (LiaisonTick));
  int previous_day = -1;

  g_array_set_clear_func (ticks, tick_clear);

  for (LiaisonTime t = tick_floor (step, start); t <= end; t = tick_next (step, t))
    {
      g_autoptr(GDateTime) local = liaison_format_date_time_new (t);
      LiaisonTick tick = { 0 };
      int day;

      if (local == NULL || ticks->len > MAX_TICKS)
        break;

      tick.x = liaison_time_ruler_time_to_x (self, t);
      tick.label = tick_label (step, local, t);

      /* Under sub-day ticks, the date where it changes. */
      day = g_date_time_get_day_of_year (local) + 400 * g_date_time_get_year (local);
      if (step->unit == STEP_MS && previous_day != -1 && day != previous_day)
        tick.date = liaison_format_date (t);
      previous_day = day;

      g_array_append_val (ticks, tick);
    }

  if (edge_date != NULL)
    {
      g_autoptr(GDateTime) edge = liaison_format_date_time_new (start);

      *edge_date = step->unit == STEP_MS && edge != NULL ? liaison_format_date (start) : NULL;
    }

  return ticks;
}
