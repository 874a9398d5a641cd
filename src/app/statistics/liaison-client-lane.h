/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "liaison-client-row.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_CLIENT_LANE (liaison_client_lane_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonClientLane, liaison_client_lane, LIAISON, CLIENT_LANE, GtkWidget)

GtkWidget *liaison_client_lane_new      (void);
void       liaison_client_lane_set_row  (LiaisonClientLane *self,
                                         LiaisonClientRow  *row);
void       liaison_client_lane_set_axis (LiaisonClientLane *self,
                                         double             start,
                                         double             end);

G_END_DECLS
