/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-map-legend"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-map-page-parts.h"
#include "liaison-map-style.h"

/*
 * What the lines and outlines of the map mean: a sample of each, drawn by
 * the map's own style, beside words a screen reader reads as they are.
 * The outlines of impact show only while a node is selected.
 */

struct _LiaisonMapLegend
{
  AdwBin     parent_instance;

  GtkWidget *box;
  GtkWidget *impact;      /* the rows of the selection's outlines */
};

G_DEFINE_FINAL_TYPE (LiaisonMapLegend, liaison_map_legend, ADW_TYPE_BIN)

enum
{
  SWATCH_OUTLINE_DEPENDENT = LIAISON_LINK_N_CLASSES,
  SWATCH_OUTLINE_DEPENDENCY,
};

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  guint kind = GPOINTER_TO_UINT (user_data);
  LiaisonMapStyle style;

  liaison_map_style_init (&style, GTK_WIDGET (area));
  if (kind < LIAISON_LINK_N_CLASSES)
    liaison_map_style_draw_swatch (&style, cr, kind, kind <= LIAISON_LINK_STEADY ? 3 : 2, 2, height / 2.0, width - 4);
  else
    {
      static const double dashes[] = { 3, 2 };

      cairo_rectangle (cr, 3, 2.5, width - 6, height - 5);
      gdk_cairo_set_source_rgba (cr, kind == SWATCH_OUTLINE_DEPENDENT ? &style.dependent : &style.dependency);
      cairo_set_line_width (cr, 2);
      if (kind == SWATCH_OUTLINE_DEPENDENCY)
        cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_stroke (cr);
    }
  liaison_map_style_clear (&style);
}

static void
add_row (GtkWidget  *grid,
         int         row,
         guint       kind,
         const char *text)
{
  GtkWidget *swatch = gtk_drawing_area_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 28);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 14);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch, GUINT_TO_POINTER (kind), NULL);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_accessible_update_state (GTK_ACCESSIBLE (swatch), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_grid_attach (GTK_GRID (grid), swatch, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), label, 1, row, 1, 1);
}

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
liaison_map_legend_class_init (LiaisonMapLegendClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_css_name (widget_class, "maplegend");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
liaison_map_legend_init (LiaisonMapLegend *self)
{
  GtkWidget *lines = gtk_grid_new ();
  GtkWidget *width = gtk_label_new (_("Wider: more connections at a time"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Legend"), -1);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  adw_bin_set_child (ADW_BIN (self), self->box);

  gtk_box_append (GTK_BOX (self->box), heading (_("Lines by persistence")));
  gtk_grid_set_column_spacing (GTK_GRID (lines), 8);
  gtk_grid_set_row_spacing (GTK_GRID (lines), 2);
  add_row (lines, 0, LIAISON_LINK_STRONG, _("80 % or more of the samples"));
  add_row (lines, 1, LIAISON_LINK_STEADY, _("50 % or more"));
  add_row (lines, 2, LIAISON_LINK_OCCASIONAL, _("20 % or more, dashed"));
  add_row (lines, 3, LIAISON_LINK_RARE, _("less, dotted"));
  add_row (lines, 4, LIAISON_LINK_FLOWS, _("only netflow figures"));
  add_row (lines, 5, LIAISON_LINK_UNMEASURED, _("not measured, dotted grey"));
  gtk_box_append (GTK_BOX (self->box), lines);

  gtk_label_set_xalign (GTK_LABEL (width), 0);
  gtk_widget_add_css_class (width, "dim-label");
  gtk_box_append (GTK_BOX (self->box), width);

  self->impact = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (self->impact), 8);
  gtk_grid_set_row_spacing (GTK_GRID (self->impact), 2);
  gtk_widget_set_margin_top (self->impact, 4);
  add_row (self->impact, 0, SWATCH_OUTLINE_DEPENDENT, _("breaks if the selected node goes"));
  add_row (self->impact, 1, SWATCH_OUTLINE_DEPENDENCY, _("the selected node needs it, dashed"));
  gtk_widget_set_visible (self->impact, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->impact);
}

GtkWidget *
liaison_map_legend_new (void)
{
  return g_object_new (LIAISON_TYPE_MAP_LEGEND, NULL);
}

/* Shows the outlines of impact, while a node is selected. */
void
liaison_map_legend_set_selection (LiaisonMapLegend *self,
                                  gboolean          selection)
{
  g_return_if_fail (LIAISON_IS_MAP_LEGEND (self));

  gtk_widget_set_visible (self->impact, selection);
}
