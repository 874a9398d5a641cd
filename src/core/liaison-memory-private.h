/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The heap an import on the main thread finds backed by huge pages
 * (liaison_memory_reserve_heap()): address space, not memory; a first
 * import of a million flows over 100,000 pairs fills about 110 MB of it. */
#define LIAISON_MEMORY_IMPORT_HEAP ((gsize) 256 << 20)

gpointer liaison_memory_alloc_huge (gsize    size);
gpointer liaison_memory_grow_huge  (gpointer block,
                                    gsize    used,
                                    gsize    size);
gboolean liaison_memory_reserve_heap (gsize    size);

G_END_DECLS
