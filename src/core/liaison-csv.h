/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "liaison-communication.h"
#include "liaison-store.h"

G_BEGIN_DECLS

/*
 * Service communications as CSV (RFC 4180 quoting, "\n" line ends): the
 * format of `liaison-cli list --format csv` and of the app's Export Selected
 * as CSV. The header is the column names of LiaisonColumn, in order.
 *
 * A cell that starts with `=`, `+`, `-`, `@`, a tab, a carriage return or
 * a line feed is written after a `'`, so that a spreadsheet shows it as
 * text instead of running it as a formula; LIAISON_CSV_RAW writes every
 * cell as it is stored (`list --raw`, for scripts).
 */

typedef enum
{
  LIAISON_CSV_NONE = 0,
  LIAISON_CSV_RAW = 1 << 0,
} LiaisonCsvFlags;

/* Called after each chunk of rows is written: @written of @total rows. */
typedef void (*LiaisonCsvProgress) (guint    written,
                                    guint    total,
                                    gpointer user_data);

gboolean liaison_csv_write          (LiaisonStore        *store,
                                     const gint64        *ids,
                                     guint                n_ids,
                                     GOutputStream       *stream,
                                     GCancellable        *cancellable,
                                     GError             **error);
gboolean liaison_csv_write_full     (LiaisonStore        *store,
                                     const gint64        *ids,
                                     guint                n_ids,
                                     LiaisonCsvFlags      flags,
                                     GOutputStream       *stream,
                                     GCancellable        *cancellable,
                                     GError             **error);
gboolean liaison_csv_write_progress (LiaisonStore        *store,
                                     const gint64        *ids,
                                     guint                n_ids,
                                     GOutputStream       *stream,
                                     LiaisonCsvProgress   progress,
                                     gpointer             user_data,
                                     GCancellable        *cancellable,
                                     GError             **error);

G_END_DECLS
