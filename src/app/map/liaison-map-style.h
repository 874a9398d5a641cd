/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "liaison-map-layout.h"

G_BEGIN_DECLS

/*
 * The colours, patterns and fonts the map is drawn with, taken from the
 * widget's style (light or dark) on the main thread, then handed by value
 * to the thread that draws. Persistence is told by colour and by pattern,
 * impact by colour and by outline, so that no colour carries a meaning
 * alone.
 */

typedef struct
{
  gboolean              dark;
  GdkRGBA               background;
  GdkRGBA               foreground;
  GdkRGBA               node_fill[4];         /* by LiaisonMapNodeKind */
  GdkRGBA               node_border;
  GdkRGBA               hub_fill;
  GdkRGBA               hub_border;
  GdkRGBA               link[LIAISON_LINK_N_CLASSES];
  GdkRGBA               accent;               /* the selected node, the focus */
  GdkRGBA               dependent;            /* what breaks if the selected node goes */
  GdkRGBA               dependency;           /* what the selected node needs */
  PangoFontDescription *font;                 /* the family; sizes are the map's */
} LiaisonMapStyle;

void          liaison_map_style_init   (LiaisonMapStyle       *style,
                                        GtkWidget             *widget);
void          liaison_map_style_copy   (LiaisonMapStyle       *dest,
                                        const LiaisonMapStyle *src);
void          liaison_map_style_clear  (LiaisonMapStyle       *style);
gboolean      liaison_map_style_equal  (const LiaisonMapStyle *a,
                                        const LiaisonMapStyle *b);

const double *liaison_map_style_dashes (LiaisonLinkClass       link_class,
                                        guint                 *n_dashes);
void          liaison_map_style_set_line (cairo_t             *cr,
                                        LiaisonLinkClass       link_class,
                                        double                 width);
void          liaison_map_style_draw_swatch (const LiaisonMapStyle *style,
                                        cairo_t               *cr,
                                        LiaisonLinkClass       link_class,
                                        double                 width,
                                        double                 x,
                                        double                 y,
                                        double                 length);

G_END_DECLS
