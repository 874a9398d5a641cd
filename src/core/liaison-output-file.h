/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * A file that appears at its path only when it is complete: written to a
 * hidden temporary file beside the target and renamed over it at the end,
 * so a failure, a cancellation or a kill leaves the old file (or none).
 */

/* Writes the whole content to @stream; returns FALSE and sets @error to stop. */
typedef gboolean (*LiaisonOutputFunc) (GOutputStream  *stream,
                                       gpointer        user_data,
                                       GCancellable   *cancellable,
                                       GError        **error);

gboolean liaison_output_file_write (const char        *path,
                                    LiaisonOutputFunc  func,
                                    gpointer           user_data,
                                    GCancellable      *cancellable,
                                    GError           **error);

G_END_DECLS
