/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

AdwToast *liaison_toast_new_text  (const char   *text);
void     liaison_toast_add        (GtkWidget    *widget,
                                   AdwToast     *toast);
void     liaison_toast_add_error  (GtkWidget    *widget,
                                   const GError *error);
gboolean liaison_toast_add_export (GtkWidget    *widget,
                                   const GError *error,
                                   GFile        *file);

G_END_DECLS
