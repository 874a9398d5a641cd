/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-store-map-private.h"

G_BEGIN_DECLS

gboolean liaison_map_read_rows (LiaisonStore          *store,
                                const LiaisonMapRange *range,
                                LiaisonMapRowFunc      func,
                                gpointer               user_data,
                                GCancellable          *cancellable,
                                GError               **error);

G_END_DECLS
