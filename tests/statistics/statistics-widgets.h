/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * What the Statistics page's widget tests (and its benchmark) do with the
 * widgets: find one in a tree, wait until one is drawn.
 */

GtkWidget *find_widget    (GtkWidget  *root,
                           GType       type,
                           const char *name);
void       wait_for_frame (GtkWidget  *widget);

G_END_DECLS
