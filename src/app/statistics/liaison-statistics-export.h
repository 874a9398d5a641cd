/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "liaison-statistics.h"

G_BEGIN_DECLS

void     liaison_statistics_export_async  (const char               *database_path,
                                           const LiaisonStatFilter  *filter,
                                           GFile                    *file,
                                           gsize                    *progress,
                                           GCancellable             *cancellable,
                                           GAsyncReadyCallback       callback,
                                           gpointer                  user_data);
gboolean liaison_statistics_export_finish (GAsyncResult             *result,
                                           GError                  **error);

G_END_DECLS
