/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void liaison_listener_columns_set_up (GtkColumnViewColumn *listener,
                                      GtkColumnViewColumn *device,
                                      GtkColumnViewColumn *clients,
                                      GtkColumnViewColumn *last_found);

G_END_DECLS
