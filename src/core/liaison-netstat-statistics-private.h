/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-netstat-parser.h"
#include "liaison-store.h"
#include "liaison-time.h"

G_BEGIN_DECLS

gboolean liaison_statistics_apply_netstat (LiaisonStore              *store,
                                           const char                *host,
                                           LiaisonTime                time,
                                           const LiaisonNetstatTable *table,
                                           GError                   **error);

G_END_DECLS
