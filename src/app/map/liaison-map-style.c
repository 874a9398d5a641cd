/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-map-style"

#include "config.h"

#include <adwaita.h>

#include "liaison-map-style.h"

/*
 * The persistence colours are those of the DOT, SVG and PNG drawings (the
 * GNOME palette: blue, green, orange, red, grey), lighter on a dark
 * background so that they keep their contrast; the patterns are the
 * drawings' too (solid, dashed, dotted). Everything else comes from the
 * theme's named colours.
 */

static const char *light_links[LIAISON_LINK_N_CLASSES] = {
  "#1c71d8", "#26a269", "#e66100", "#c01c28", "#77767b", "#77767b",
};

static const char *dark_links[LIAISON_LINK_N_CLASSES] = {
  "#62a0ea", "#57e389", "#ffa348", "#ff7b63", "#9a9996", "#9a9996",
};

static void
lookup (GtkStyleContext *context,
        const char      *name,
        const char      *fallback,
        GdkRGBA         *color)
{
  if (!gtk_style_context_lookup_color (context, name, color))
    gdk_rgba_parse (color, fallback);
}

static GdkRGBA
mix (const GdkRGBA *a,
     const GdkRGBA *b,
     float          amount)
{
  return (GdkRGBA) {
    a->red + (b->red - a->red) * amount,
    a->green + (b->green - a->green) * amount,
    a->blue + (b->blue - a->blue) * amount,
    1,
  };
}

/**
 * liaison_map_style_init:
 *
 * Fills @style from @widget's style: call liaison_map_style_clear() after.
 */
void
liaison_map_style_init (LiaisonMapStyle *style,
                        GtkWidget       *widget)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  GdkRGBA card;

  memset (style, 0, sizeof *style);
  style->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  lookup (context, "view_bg_color", style->dark ? "#1e1e1e" : "#ffffff", &style->background);
  lookup (context, "view_fg_color", style->dark ? "#ffffff" : "#000000", &style->foreground);
  lookup (context, "card_bg_color", style->dark ? "#303030" : "#ffffff", &card);
  lookup (context, "accent_bg_color", "#3584e4", &style->accent);
  card.alpha = 1;
  style->background.alpha = 1;
  style->foreground.alpha = 1;

  /* Groups and subnets a little tinted, devices plain, addresses outlined. */
  style->node_fill[LIAISON_MAP_NODE_GROUP] = mix (&style->background, &style->accent, style->dark ? 0.30f : 0.16f);
  style->node_fill[LIAISON_MAP_NODE_DEVICE] = mix (&style->background, &style->foreground, style->dark ? 0.12f : 0.06f);
  style->node_fill[LIAISON_MAP_NODE_SUBNET] = mix (&style->background, &style->foreground, style->dark ? 0.20f : 0.11f);
  style->node_fill[LIAISON_MAP_NODE_ADDRESS] = style->background;
  style->node_border = mix (&style->background, &style->foreground, 0.55f);
  gdk_rgba_parse (&style->hub_border, style->dark ? "#ffa348" : "#c64600");
  style->hub_fill = mix (&style->background, &style->hub_border, style->dark ? 0.22f : 0.12f);

  for (guint i = 0; i < LIAISON_LINK_N_CLASSES; i++)
    gdk_rgba_parse (&style->link[i], style->dark ? dark_links[i] : light_links[i]);
  gdk_rgba_parse (&style->dependent, style->dark ? "#dc8add" : "#813d9c");
  gdk_rgba_parse (&style->dependency, style->dark ? "#f8e45c" : "#865e3c");

  style->font = pango_font_description_copy (font);
}

void
liaison_map_style_copy (LiaisonMapStyle       *dest,
                        const LiaisonMapStyle *src)
{
  *dest = *src;
  dest->font = src->font != NULL ? pango_font_description_copy (src->font) : NULL;
}

void
liaison_map_style_clear (LiaisonMapStyle *style)
{
  g_clear_pointer (&style->font, pango_font_description_free);
}

gboolean
liaison_map_style_equal (const LiaisonMapStyle *a,
                         const LiaisonMapStyle *b)
{
  LiaisonMapStyle x = *a, y = *b;

  x.font = y.font = NULL;
  return memcmp (&x, &y, sizeof x) == 0 &&
         (a->font == b->font || (a->font != NULL && b->font != NULL && pango_font_description_equal (a->font, b->font)));
}

/**
 * liaison_map_style_dashes:
 * @n_dashes: (out): how many; 0 is a solid line
 *
 * Returns: the dash pattern of a line of @link_class, in line widths
 */
const double *
liaison_map_style_dashes (LiaisonLinkClass  link_class,
                          guint            *n_dashes)
{
  static const double dashed[] = { 4, 2.5 };
  static const double dotted[] = { 0, 2.2 };

  switch (link_class)
    {
    case LIAISON_LINK_OCCASIONAL:
      *n_dashes = G_N_ELEMENTS (dashed);
      return dashed;
    case LIAISON_LINK_RARE:
    case LIAISON_LINK_UNMEASURED:
      *n_dashes = G_N_ELEMENTS (dotted);
      return dotted;
    case LIAISON_LINK_STRONG:
    case LIAISON_LINK_STEADY:
    case LIAISON_LINK_FLOWS:
    default:
      *n_dashes = 0;
      return NULL;
    }
}

/**
 * liaison_map_style_set_line:
 *
 * Sets the width, the dash pattern and the caps of a line of @link_class,
 * @width wide, on @cr.
 */
void
liaison_map_style_set_line (cairo_t          *cr,
                            LiaisonLinkClass  link_class,
                            double            width)
{
  double scaled[4];
  guint n;
  const double *dashes = liaison_map_style_dashes (link_class, &n);

  for (guint i = 0; i < n; i++)
    scaled[i] = dashes[i] * MAX (width, 1.5);
  cairo_set_line_width (cr, width);
  cairo_set_dash (cr, scaled, n, 0);
  /* Dots are round; dashes and solid lines end square. */
  cairo_set_line_cap (cr, n > 0 && dashes[0] == 0 ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
}

/**
 * liaison_map_style_draw_swatch:
 *
 * Draws a line of @link_class from (@x, @y), @length long to the right:
 * what the legend shows.
 */
void
liaison_map_style_draw_swatch (const LiaisonMapStyle *style,
                               cairo_t               *cr,
                               LiaisonLinkClass       link_class,
                               double                 width,
                               double                 x,
                               double                 y,
                               double                 length)
{
  cairo_save (cr);
  gdk_cairo_set_source_rgba (cr, &style->link[link_class]);
  liaison_map_style_set_line (cr, link_class, width);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x + length, y);
  cairo_stroke (cr);
  cairo_restore (cr);
}
