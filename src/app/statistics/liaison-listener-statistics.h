/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-job.h"
#include "liaison-stat-listener.h"
#include "liaison-store.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_LISTENER_STATISTICS (liaison_listener_statistics_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonListenerStatistics, liaison_listener_statistics, LIAISON, LISTENER_STATISTICS, GtkBox)

gboolean liaison_listener_statistics_show             (LiaisonListenerStatistics  *self,
                                                       LiaisonStore               *store,
                                                       LiaisonStatListener        *listener,
                                                       GError                    **error);
void     liaison_listener_statistics_show_later       (LiaisonListenerStatistics  *self,
                                                       LiaisonJobConnection       *connection,
                                                       LiaisonStatListener        *listener);
gboolean liaison_listener_statistics_get_reading      (LiaisonListenerStatistics  *self);
void     liaison_listener_statistics_set_back_visible (LiaisonListenerStatistics  *self,
                                                       gboolean                    visible);

G_END_DECLS
