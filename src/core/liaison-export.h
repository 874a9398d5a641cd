/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "liaison-statistics.h"
#include "liaison-store.h"

G_BEGIN_DECLS

/* Writes the statistics document of export.md to @stream, streaming. @filter
 * may be NULL (everything). @exported_at is the time written as exported_at. */
gboolean liaison_export_statistics (LiaisonStore             *store,
                                    const LiaisonStatFilter  *filter,
                                    LiaisonTime               exported_at,
                                    GOutputStream            *stream,
                                    GCancellable             *cancellable,
                                    GError                  **error);

G_END_DECLS
