/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "liaison-timeline-lanes.h"

G_BEGIN_DECLS

/* The colours of the timeline, from the theme (so that dark style works). */
typedef struct
{
  GdkRGBA accent;       /* netflow's active spans */
  GdkRGBA netstat;      /* netstat's activity runs */
  GdkRGBA foreground;
  GdkRGBA background;   /* what the lanes lie on */
} LiaisonTimelineColors;

void     liaison_timeline_colors_lookup  (GtkWidget                   *widget,
                                          LiaisonTimelineColors       *colors);
gboolean liaison_timeline_colors_equal   (const LiaisonTimelineColors *a,
                                          const LiaisonTimelineColors *b);
GdkRGBA  liaison_timeline_with_alpha     (const GdkRGBA               *color,
                                          float                        alpha);
void     liaison_timeline_paint_segments (GtkSnapshot                 *snapshot,
                                          GArray                      *segments,
                                          const LiaisonTimelineColors *colors);

G_END_DECLS
