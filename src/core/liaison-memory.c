/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-memory"

#include "config.h"

#include <string.h>
#include <sys/mman.h>

#include "liaison-memory-private.h"

/*
 * The large arrays of an import. A million flows fill some hundred
 * megabytes of new memory, and the kernel backs each 4 KiB page of it
 * at its first write, with a fault: a fifth of a first import's time was
 * the kernel's, most of it those. Where the kernel may (transparent huge
 * pages in "madvise" mode, as Debian and Fedora ship them), these blocks
 * are backed by 2 MiB pages instead, asked for before anything is written
 * into them: a block grown by g_realloc() would be written (copied) first.
 */

/* The size of a huge page on x86-64, and of most on arm64. */
#define HUGE_PAGE ((gsize) 2 << 20)

static void
advise_huge (gpointer block,
             gsize    size)
{
#ifdef MADV_HUGEPAGE
  guintptr start = ((guintptr) block + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
  guintptr end = ((guintptr) block + size) & ~(HUGE_PAGE - 1);

  /* Only a block of a few huge pages: a small one stays small. */
  if (size >= 2 * HUGE_PAGE && end > start)
    (void) madvise ((gpointer) start, end - start, MADV_HUGEPAGE);
#endif
}

/**
 * liaison_memory_alloc_huge:
 * @size: bytes
 *
 * As g_malloc(), for a large array about to be filled.
 *
 * Returns: (transfer full): the block, for g_free()
 */
gpointer
liaison_memory_alloc_huge (gsize size)
{
  gpointer block = g_malloc (size);

  advise_huge (block, size);
  return block;
}

/**
 * liaison_memory_grow_huge:
 * @block: (transfer full) (nullable): a block of liaison_memory_alloc_huge()
 *   or g_malloc()
 * @used: the bytes of @block in use, kept
 * @size: the bytes wanted, at least @used
 *
 * As g_realloc(), for a large array being filled.
 *
 * Returns: (transfer full): the block, for g_free()
 */
gpointer
liaison_memory_grow_huge (gpointer block,
                          gsize    used,
                          gsize    size)
{
  gpointer grown;

  g_return_val_if_fail (used <= size, NULL);

  grown = liaison_memory_alloc_huge (size);
  if (used > 0)
    memcpy (grown, block, used);
  g_free (block);
  return grown;
}
