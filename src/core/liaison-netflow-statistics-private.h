/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "liaison-listener-set-private.h"
#include "liaison-netflow-parser.h"
#include "liaison-store.h"
#include "liaison-time.h"

G_BEGIN_DECLS

LiaisonNetflowSample *liaison_netflow_sample_new              (guint                      interval,
                                                               const LiaisonListenerSet  *known);
void                  liaison_netflow_sample_free             (LiaisonNetflowSample      *sample);
void                  liaison_netflow_sample_add              (LiaisonNetflowSample      *sample,
                                                               const LiaisonFlow         *flows,
                                                               guint                      n_flows);

/* Progress within a file: @applied of its @records applied so far. */
typedef void          (*LiaisonApplyProgress)                 (guint64                    applied,
                                                               guint64                    records,
                                                               gpointer                   user_data);

gboolean              liaison_statistics_apply_netflow        (LiaisonStore              *store,
                                                               guint                      interval,
                                                               const LiaisonFlowFile     *file,
                                                               GCancellable              *cancellable,
                                                               LiaisonApplyProgress       progress,
                                                               gpointer                   user_data,
                                                               GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonNetflowSample, liaison_netflow_sample_free)

G_END_DECLS
