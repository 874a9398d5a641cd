/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "liaison-map-scene.h"
#include "liaison-map-style.h"

G_BEGIN_DECLS

/*
 * Drawing a part of the map into an image, on any thread: the lines with
 * their arrows and port labels, then the nodes with theirs, of what lies in
 * the part only. What is too small to read at the scale (labels, arrows,
 * dashes) is left out. The map view asks for the part in view and a margin
 * around it, and shows the image until the view moves out of it.
 */

/* What a node is to the selected one. */
typedef enum
{
  LIAISON_MAP_MARK_NONE = 0,
  LIAISON_MAP_MARK_DEPENDENT = 1 << 0,     /* it breaks if the selected node goes */
  LIAISON_MAP_MARK_DEPENDENCY = 1 << 1,    /* the selected node needs it */
  LIAISON_MAP_MARK_SELECTED = 1 << 2,
} LiaisonMapMark;

typedef struct
{
  LiaisonMapScene *scene;
  LiaisonMapStyle  style;
  double           scale;       /* device pixels per point */
  double           x;           /* the point at the image's top left corner */
  double           y;
  int              width;       /* device pixels */
  int              height;
  guint8          *marks;       /* LiaisonMapMark per node; NULL: nothing selected */
} LiaisonMapRenderJob;

LiaisonMapRenderJob *liaison_map_render_job_new  (LiaisonMapScene           *scene,
                                                  const LiaisonMapStyle     *style,
                                                  const guint8              *marks);
void                 liaison_map_render_job_free (LiaisonMapRenderJob       *job);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonMapRenderJob, liaison_map_render_job_free)

cairo_surface_t     *liaison_map_render          (const LiaisonMapRenderJob *job,
                                                  GCancellable              *cancellable);

/* The sizes of the map's text, in points. */
#define LIAISON_MAP_NODE_FONT_SIZE 10.0
#define LIAISON_MAP_LINK_FONT_SIZE 8.0

G_END_DECLS
