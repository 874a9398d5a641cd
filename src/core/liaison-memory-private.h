/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gpointer liaison_memory_alloc_huge (gsize    size);
gpointer liaison_memory_grow_huge  (gpointer block,
                                    gsize    used,
                                    gsize    size);
gboolean liaison_memory_reserve_heap (gsize    size);

G_END_DECLS
