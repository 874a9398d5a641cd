/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "liaison-memory-private.h"

#define MIB ((gsize) 1 << 20)

/* The kernel's policy for transparent huge pages: "always", "madvise" or
 * "never" (the word in brackets). */
static char *
huge_page_policy (void)
{
  g_autofree char *text = NULL;
  const char *open, *close;

  if (!g_file_get_contents ("/sys/kernel/mm/transparent_hugepage/enabled", &text, NULL, NULL))
    return g_strdup ("never");
  open = strchr (text, '[');
  close = open != NULL ? strchr (open, ']') : NULL;
  return open != NULL && close != NULL ? g_strndup (open + 1, close - open - 1) : g_strdup ("never");
}

/* Whether the kernel may back the page at @address with a huge page: the
 * THPeligible line of its mapping in /proc/self/smaps. */
static gboolean
huge_eligible (gconstpointer address)
{
  g_autofree char *smaps = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean inside = FALSE;

  g_assert_true (g_file_get_contents ("/proc/self/smaps", &smaps, NULL, NULL));
  lines = g_strsplit (smaps, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint64 from, to;

      /* a mapping's first line: FROM-TO PERMISSIONS ... */
      if (sscanf (lines[i], "%" G_GINT64_MODIFIER "x-%" G_GINT64_MODIFIER "x ", &from, &to) == 2)
        inside = (guint64) (guintptr) address >= from && (guint64) (guintptr) address < to;
      else if (inside && g_str_has_prefix (lines[i], "THPeligible:"))
        return atoi (lines[i] + strlen ("THPeligible:")) == 1;
    }
  g_error ("no mapping of %p says whether it may have huge pages", address);
}

/* A large array grows with what it held, and is backed by huge pages
 * where the kernel offers them (not only where every mapping has them). */
static void
test_grow_huge (void)
{
  g_autofree char *policy = huge_page_policy ();
  guint8 *block = liaison_memory_alloc_huge (3 * MIB);
  guint8 *inner;

  for (gsize i = 0; i < 3 * MIB; i++)
    block[i] = (guint8) (i * 7 + i / 4096);
  block = liaison_memory_grow_huge (block, 3 * MIB, 16 * MIB);
  for (gsize i = 0; i < 3 * MIB; i++)
    if (block[i] != (guint8) (i * 7 + i / 4096))
      g_error ("byte %" G_GSIZE_FORMAT " changed as the block grew", i);
  memset (block + 3 * MIB, 0xa5, 13 * MIB);
  g_assert_cmpint (block[16 * MIB - 1], ==, 0xa5);

  /* the block's second huge page, whole inside it */
  inner = (guint8 *) (((guintptr) block + 2 * 2 * MIB) & ~(guintptr) (2 * MIB - 1));
  g_assert_cmpint (huge_eligible (inner), ==, strcmp (policy, "never") != 0);
  g_free (block);

  /* a small one is asked for nothing */
  block = liaison_memory_grow_huge (NULL, 0, 64);
  memset (block, 1, 64);
  g_free (block);
}

/* Whether @address is in the heap that grows with brk: a mapping that
 * /proc/self/maps names [heap]. */
static gboolean
in_brk_heap (gconstpointer address)
{
  g_autofree char *maps = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  lines = g_strsplit (maps, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint64 from, to;

      if (g_str_has_suffix (lines[i], "[heap]") &&
          sscanf (lines[i], "%" G_GINT64_MODIFIER "x-%" G_GINT64_MODIFIER "x ", &from, &to) == 2 &&
          (guint64) (guintptr) address >= from && (guint64) (guintptr) address < to)
        return TRUE;
    }
  return FALSE;
}

static gpointer
reserve_elsewhere (gpointer data)
{
  return GINT_TO_POINTER (liaison_memory_reserve_heap (64 * MIB));
}

/* The main thread's heap grows by the reserve at once, may have huge
 * pages there, and keeps it when what was allocated in it is freed; with
 * an allocator of its own (the sanitizers'), nothing is reserved. */
static void
test_reserve_heap (void)
{
  g_autofree char *policy = huge_page_policy ();
  g_autoptr(GThread) thread = NULL;
  gpointer probe = g_malloc (64);
  gboolean glibc_heap = in_brk_heap (probe);
  char *before = sbrk (0), *after;
  guint8 *pieces[512];

  g_free (probe);

  /* another thread's allocations come from another heap */
  thread = g_thread_new ("reserve", reserve_elsewhere, NULL);
  g_assert_false (GPOINTER_TO_INT (g_thread_join (g_steal_pointer (&thread))));
  g_assert_true (sbrk (0) == before);

  g_assert_cmpint (liaison_memory_reserve_heap (64 * MIB), ==, glibc_heap);
  after = sbrk (0);
  if (!glibc_heap)
    {
      g_assert_true (after == before);
      return;
    }
  g_assert_true (after > before);
  g_assert_cmpint (huge_eligible (after - 32 * MIB), ==, strcmp (policy, "never") != 0);

  /* filled and freed, the reserve stays the heap's */
  for (guint i = 0; i < G_N_ELEMENTS (pieces); i++)
    {
      pieces[i] = g_malloc (64 * 1024);
      memset (pieces[i], (int) i, 64 * 1024);
    }
  g_assert_true (in_brk_heap (pieces[G_N_ELEMENTS (pieces) - 1]));
  for (guint i = 0; i < G_N_ELEMENTS (pieces); i++)
    g_free (pieces[i]);
  g_assert_true (sbrk (0) == after);

  /* once a process */
  g_assert_true (liaison_memory_reserve_heap (64 * MIB));
  g_assert_true (sbrk (0) == after);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/memory/grow-huge", test_grow_huge);
  g_test_add_func ("/memory/reserve-heap", test_reserve_heap);

  return g_test_run ();
}
