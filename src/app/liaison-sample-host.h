/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-import.h"
#include "liaison-schedule.h"
#include "liaison-store.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_HOST_SAMPLER (liaison_host_sampler_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonHostSampler, liaison_host_sampler, LIAISON, HOST_SAMPLER, GObject)

LiaisonHostSampler *liaison_host_sampler_new             (LiaisonStore         *store,
                                                          GSettings            *settings);
void                liaison_host_sampler_sample_async    (LiaisonHostSampler   *self,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean            liaison_host_sampler_sample_finish   (LiaisonHostSampler   *self,
                                                          GAsyncResult         *result,
                                                          LiaisonImportSummary *summary,
                                                          GError              **error);
LiaisonSchedule    *liaison_host_sampler_get_schedule    (LiaisonHostSampler   *self);
gboolean            liaison_host_sampler_get_busy        (LiaisonHostSampler   *self);
LiaisonTime         liaison_host_sampler_get_last_time  (LiaisonHostSampler   *self);
const char         *liaison_host_sampler_get_last_result (LiaisonHostSampler   *self);

void                liaison_sample_host                  (GtkWidget            *widget,
                                                          LiaisonHostSampler   *sampler,
                                                          GSimpleAction        *action);

G_END_DECLS
