/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "liaison-output-file.h"

G_BEGIN_DECLS

char     *liaison_local_file_get_path (GFile              *file,
                                       GError            **error);
gboolean  liaison_local_file_write    (GFile              *file,
                                       LiaisonOutputFunc   func,
                                       gpointer            user_data,
                                       GCancellable       *cancellable,
                                       GError            **error);

G_END_DECLS
