/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "liaison-content-hash.h"

static void
test_content_hash (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint8 buf[100] = { 0 };
  g_autofree char *empty = liaison_content_hash ((const guint8 *) "", 0);
  g_autofree char *again = NULL;

  /* The length is part of the text, so files of different sizes never match. */
  g_assert_true (g_str_has_prefix (empty, "c128-0-"));
  g_assert_cmpuint (strlen (empty), ==, strlen ("c128-0-") + 32);

  /* Every length from 0 to 100 of zeros, and every single-bit change of a
   * 100-byte buffer, gives a fingerprint of its own. */
  for (gsize n = 0; n <= sizeof buf; n++)
    g_assert_true (g_hash_table_add (seen, liaison_content_hash (buf, n)));
  for (guint byte = 0; byte < sizeof buf; byte++)
    for (guint bit = 0; bit < 8; bit++)
      {
        buf[byte] ^= 1u << bit;
        g_assert_true (g_hash_table_add (seen, liaison_content_hash (buf, sizeof buf)));
        buf[byte] ^= 1u << bit;
      }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 101 + 800);

  /* The same bytes, the same fingerprint. */
  again = liaison_content_hash ((const guint8 *) "", 0);
  g_assert_cmpstr (again, ==, empty);
}

/* Bytes that come in pieces, of any sizes: the fingerprint of all at once. */
static void
test_content_hash_pieces (void)
{
  guint8 buf[1000];
  g_autofree char *whole = NULL;

  for (guint i = 0; i < sizeof buf; i++)
    buf[i] = (guint8) (i * 7 + 3);
  whole = liaison_content_hash (buf, sizeof buf);

  for (gsize piece = 1; piece <= 70; piece++)
    {
      LiaisonContentHash state;
      g_autofree char *pieces = NULL;

      liaison_content_hash_init (&state);
      for (gsize at = 0; at < sizeof buf; at += piece)
        liaison_content_hash_update (&state, buf + at, MIN (piece, sizeof buf - at));
      pieces = liaison_content_hash_end (&state);
      g_assert_cmpstr (pieces, ==, whole);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/content-hash/distinct", test_content_hash);
  g_test_add_func ("/content-hash/pieces", test_content_hash_pieces);

  return g_test_run ();
}
