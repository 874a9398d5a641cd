/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "liaison-timeline-lanes.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_TIMELINE (liaison_timeline_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonTimeline, liaison_timeline, LIAISON, TIMELINE, GtkWidget)

void           liaison_timeline_set_lanes          (LiaisonTimeline           *self,
                                                    const LiaisonTimelineLane *lanes,
                                                    guint                      n_lanes);
void           liaison_timeline_set_moments        (LiaisonTimeline           *self,
                                                    const LiaisonTime         *moments,
                                                    guint                      n_moments);
void           liaison_timeline_update_lanes       (LiaisonTimeline           *self,
                                                    const LiaisonTimelineLane *lanes,
                                                    guint                      n_lanes);
void           liaison_timeline_set_selected_lane  (LiaisonTimeline           *self,
                                                    guint                      lane);
void           liaison_timeline_zoom_to_fit        (LiaisonTimeline           *self);
GtkAdjustment *liaison_timeline_get_vadjustment    (LiaisonTimeline           *self);
void           liaison_timeline_get_visible_lanes  (LiaisonTimeline           *self,
                                                    guint                     *first,
                                                    guint                     *end);
void           liaison_timeline_scroll_to_lane     (LiaisonTimeline           *self,
                                                    guint                      lane);
void           liaison_timeline_set_selected_range (LiaisonTimeline           *self,
                                                    LiaisonTime                start,
                                                    LiaisonTime                end);

G_END_DECLS
