/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "liaison-stat-listener.h"
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

GtkFileChooserNative *liaison_statistics_export_chooser_new (GtkWindow           *parent,
                                                             LiaisonStatListener *listener);

G_END_DECLS
