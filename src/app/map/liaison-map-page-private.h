/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-map-page-parts.h"
#include "liaison-map-page.h"
#include "liaison-map-view.h"

G_BEGIN_DECLS

/* What the tests and the benchmark look at. */

gboolean              liaison_map_page_get_loading     (LiaisonMapPage         *self);
void                  liaison_map_page_show_impact     (LiaisonMapPage         *self);
GtkWidget            *liaison_map_page_get_shown       (LiaisonMapPage         *self);
LiaisonMapView       *liaison_map_page_get_view        (LiaisonMapPage         *self);
LiaisonMapImpactList *liaison_map_page_get_impact_list (LiaisonMapPage         *self,
                                                        LiaisonImpactDirection  direction);

G_END_DECLS
