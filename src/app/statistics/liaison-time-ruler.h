/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "liaison-time.h"

G_BEGIN_DECLS

/* A visible time range laid onto pixels: @start at x = @x0, @end at
 * x = @x0 + @width. The ends are fractional milliseconds, so that zooming
 * around a point keeps it exactly where it is. */
typedef struct
{
  double start;
  double end;
  double x0;
  double width;
} LiaisonTimeRuler;

/* A tick of the axis, at a round moment of the display zone. */
typedef struct
{
  double  x;
  char   *label;  /* the moment, as fine as the step between ticks */
  char   *date;   /* under sub-day ticks, the date where it changes; else NULL */
} LiaisonTick;

double       liaison_time_ruler_time_to_x   (const LiaisonTimeRuler *self,
                                             LiaisonTime             time);
LiaisonTime  liaison_time_ruler_x_to_time   (const LiaisonTimeRuler *self,
                                             double                  x);
double       liaison_time_ruler_ms_per_px   (const LiaisonTimeRuler *self);
void         liaison_time_ruler_zoom        (LiaisonTimeRuler       *self,
                                             double                  factor,
                                             double                  x);
GArray      *liaison_time_ruler_ticks       (const LiaisonTimeRuler *self,
                                             double                  from_x,
                                             double                  to_x,
                                             char                  **edge_date);

G_END_DECLS
