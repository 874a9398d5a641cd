/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "liaison-output-file.h"

G_BEGIN_DECLS

char     *liaison_local_file_get_path (GFile              *file,
                                       GError            **error);
gboolean  liaison_local_file_write    (GFile              *file,
                                       LiaisonOutputFunc   func,
                                       gpointer            user_data,
                                       GCancellable       *cancellable,
                                       GError            **error);

GtkFileChooserNative *liaison_local_file_database_chooser_new (GtkWindow *parent);
void                  liaison_local_file_add_filters          (GtkFileChooser *chooser,
                                                               GtkFileFilter  *files);

G_END_DECLS
