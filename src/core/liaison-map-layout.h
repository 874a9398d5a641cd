/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "liaison-map.h"

G_BEGIN_DECLS

/*
 * The map laid out by Graphviz, as geometry a widget draws without
 * Graphviz: points (1/72 inch), x to the right and y down from the top left
 * corner of the bounding box. The same layout gives the DOT, SVG and PNG
 * exports (liaison_map_layout_render()).
 */

typedef enum
{
  LIAISON_LAYOUT_AUTO,          /* dot up to a few hundred nodes, sfdp beyond */
  LIAISON_LAYOUT_DOT,           /* layered: clients left, what they call right (or above and below) */
  LIAISON_LAYOUT_SFDP,          /* force-directed, for large maps */
} LiaisonLayoutEngine;

typedef struct
{
  double x;
  double y;
} LiaisonPoint;

/* A node of the map, by the map's index. */
typedef struct
{
  double  x;                     /* the centre */
  double  y;
  double  width;
  double  height;
  char   *label;                 /* its text: the id, and "hub" or a count on a second line */
} LiaisonLayoutNode;

/*
 * A line from a client node to a listener node: the map's drawn edges
 * between the two, one per port, on one curve.
 */
typedef struct
{
  guint         client;
  guint         listener;
  guint         first_point;     /* a cubic Bézier curve in points[]: 1 + 3n points */
  guint         n_points;
  gboolean      has_arrow;
  LiaisonPoint  arrow_tip;       /* the arrowhead runs from the curve's last point to here */
  LiaisonPoint  label_at;        /* the centre of the label */
  double        label_width;
  double        label_height;
  char         *label;           /* "5432/postgresql, 443/https" */
  guint         first_edge;      /* its edges, as indexes into the map's drawn edges, in edges[] */
  guint         n_edges;
  double        persistence;     /* over its edges' netstat parts; -1: none */
  double        weight;          /* likewise; -1: none */
  gint64        flow_events;     /* -1: no netflow part */
} LiaisonLayoutLink;

typedef struct
{
  LiaisonLayoutEngine  engine;   /* the engine used */
  gboolean             down;     /* dot's ranks top to bottom, not left to right */
  double               width;
  double               height;
  guint                n_nodes;
  LiaisonLayoutNode   *nodes;
  guint                n_links;
  LiaisonLayoutLink   *links;
  guint                n_points;
  LiaisonPoint        *points;
  guint               *edges;    /* the map's drawn edges, link by link */
  guint               *edge_links; /* the link of each drawn edge */
} LiaisonMapLayout;

/*
 * How a line is drawn (map.md 2): persistence by colour and by pattern, so
 * that neither carries it alone; the drawings and the application's map
 * share these classes.
 */
typedef enum
{
  LIAISON_LINK_STRONG,          /* persistence 80 % or more: blue, solid */
  LIAISON_LINK_STEADY,          /* 50 % or more: green, solid */
  LIAISON_LINK_OCCASIONAL,      /* 20 % or more: orange, dashed */
  LIAISON_LINK_RARE,            /* less: red, dotted */
  LIAISON_LINK_FLOWS,           /* no netstat figures, netflow events: grey, solid */
  LIAISON_LINK_UNMEASURED,      /* neither: grey, dotted */
} LiaisonLinkClass;

#define LIAISON_LINK_N_CLASSES 6

LiaisonLinkClass  liaison_map_link_class     (const LiaisonLayoutLink *link);
double            liaison_map_link_width     (const LiaisonLayoutLink *link);

LiaisonMapLayout *liaison_map_layout_compute (LiaisonMap          *map,
                                              LiaisonLayoutEngine  engine,
                                              GCancellable        *cancellable,
                                              GError             **error);
void              liaison_map_layout_free    (LiaisonMapLayout    *layout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonMapLayout, liaison_map_layout_free)

gboolean          liaison_map_layout_render  (LiaisonMap          *map,
                                              const LiaisonMapLayout *layout,
                                              const char          *format,
                                              GOutputStream       *stream,
                                              GCancellable        *cancellable,
                                              GError             **error);

G_END_DECLS
