/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-netflow-parser.h"
#include "liaison-store.h"
#include "liaison-time.h"

G_BEGIN_DECLS

gboolean liaison_statistics_apply_netflow (LiaisonStore           *store,
                                           guint                   interval,
                                           const LiaisonFlowFile  *file,
                                           GError                **error);

G_END_DECLS
