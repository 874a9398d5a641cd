/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-memory"
#define _GNU_SOURCE /* gettid */

#include "config.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "liaison-memory-private.h"

/*
 * The memory of an import. A million flows fill some hundred megabytes of
 * new memory, and the kernel backs each 4 KiB page of it at its first
 * write, with a fault: a fifth of a first import's time was the kernel's,
 * most of it those. Where the kernel may (transparent huge pages in
 * "madvise" mode, as Debian and Fedora ship them), memory is backed by
 * 2 MiB pages instead, asked for before anything is written into it: the
 * large arrays of an import, as blocks of their own (a block grown by
 * g_realloc() would be written, copied, first), and the heap that the
 * rest comes from, SQLite's pages among it, by a reserve at its top.
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

/* The pieces liaison_memory_reserve_heap() asks for until the heap grows:
 * under glibc's least threshold for mapping a block of its own (128 KiB),
 * so that they come from the heap. */
#define RESERVE_PIECE ((gsize) 64 << 10)

/* glibc's own M_TOP_PAD. */
#define DEFAULT_TOP_PAD (128 << 10)

/**
 * liaison_memory_reserve_heap:
 * @size: bytes of address space
 *
 * Where the C library's heap is glibc's and this is the main thread (whose
 * allocations come from the heap that grows with brk): makes the free
 * top of the heap at least @size, growing it now if it is smaller, asks
 * the kernel to back it with huge pages (liaison_memory_alloc_huge()),
 * and keeps it in the heap once freed. Nothing is written into it: pages
 * are backed as the allocations that follow first write them. SQLite's
 * page cache and sorter, the hash tables and the small arrays of an
 * import then take one fault a 2 MiB page instead of 512. The heap's
 * later growth, past @size, is as before. Once a process; elsewhere
 * (another thread, another allocator, the sanitizers' own) it does
 * nothing.
 *
 * Returns: whether the heap has the reserve, now or from before
 */
gboolean
liaison_memory_reserve_heap (gsize size)
{
#if defined(__GLIBC__) && defined(MADV_HUGEPAGE)
  static gsize tried;
  static gboolean reserved;

  if (getpid () != gettid ())
    return FALSE;

  if (g_once_init_enter (&tried))
    {
      struct mallinfo2 info = mallinfo2 ();
      char *before = sbrk (0), *after;

      /* The heap gives back its top only beyond twice @size. */
      mallopt (M_TRIM_THRESHOLD, (int) MIN (2 * size, (gsize) G_MAXINT));

      /* Pieces are taken (each holding the one before) until one does not
       * fit in the top, and the heap grows by it and @size more: no more
       * than the top holds, and a few that come from elsewhere. */
      if (before != (char *) -1 && info.keepcost < size)
        {
          gsize most = info.keepcost / RESERVE_PIECE + 64;
          gpointer *chain = NULL;

          mallopt (M_TOP_PAD, (int) MIN (size, (gsize) G_MAXINT));
          for (gsize n = 0; n < most && sbrk (0) == before; n++)
            {
              gpointer *piece = malloc (RESERVE_PIECE);

              if (piece == NULL)
                break;
              *piece = chain;
              chain = piece;
            }
          while (chain != NULL)
            {
              gpointer *next = *chain;

              free (chain);
              chain = next;
            }
          mallopt (M_TOP_PAD, DEFAULT_TOP_PAD);
        }

      /* The top of the heap, free now, up to its end: inside what the
       * heap took with brk (mallinfo2's arena), as a heap that grew in
       * one piece has it. */
      after = sbrk (0);
      info = mallinfo2 ();
      if (before != (char *) -1 && after != (char *) -1 && info.keepcost >= size &&
          info.keepcost <= info.arena && info.arena <= (guintptr) after)
        {
          advise_huge ((gpointer) ((guintptr) after - info.keepcost), info.keepcost);
          reserved = TRUE;
        }
      g_once_init_leave (&tried, 1);
    }
  return reserved;
#else
  (void) size;
  return FALSE;
#endif
}
