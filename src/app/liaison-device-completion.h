/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void liaison_device_completion_attach (GtkWidget          *entry,
                                       const char * const *names);

G_END_DECLS
