/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "liaison-communication.h"

G_BEGIN_DECLS

GtkSorter     *liaison_column_sorter_new        (LiaisonColumn  column);
gboolean       liaison_column_view_sorter_get_primary (GtkSorter     *column_view_sorter,
                                                       LiaisonColumn *column,
                                                       gboolean      *descending);

G_END_DECLS
