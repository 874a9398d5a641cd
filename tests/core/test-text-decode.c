/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-test"
#include "config.h"

#include <glib.h>
#include <string.h>

#include "liaison-text-decode.h"

/* liaison-text-decode.c reads UTF-8 many bytes at a time: what it says of a
 * text must not depend on where in those blocks the text ends, or where its
 * one bad byte or its letters beyond ASCII fall. */

#define LONGEST 100

/* Lines of ASCII, @length bytes, then a letter that is not the text's: a
 * reader that looks past the end finds more text there. */
static char *
ascii_lines (gsize length)
{
  char *text = g_malloc (length + 1);

  for (gsize i = 0; i < length; i++)
    text[i] = i % 10 == 9 ? '\n' : (char) ('a' + i % 26);
  text[length] = 'Z';
  return text;
}

static guint
line_of (const char *text,
         gsize       at)
{
  guint line = 1;

  for (gsize i = 0; i < at; i++)
    line += text[i] == '\n';
  return line;
}

static void
test_ascii_any_length (void)
{
  for (gsize length = 0; length <= LONGEST; length++)
    {
      g_autofree char *text = ascii_lines (length);
      /* the same text in a block of its own size, for the sanitizers */
      g_autofree char *exact = g_memdup2 (text, length);
      LiaisonText out = { 0 };

      liaison_text_decode (text, length, &out);
      g_assert_cmpint (out.status, ==, LIAISON_TEXT_OK);
      g_assert_cmpint (out.encoding, ==, LIAISON_TEXT_UTF8);
      g_assert_cmpuint (out.length, ==, length);
      liaison_text_clear (&out);

      liaison_text_decode (exact, length, &out);
      g_assert_cmpint (out.status, ==, LIAISON_TEXT_OK);
      liaison_text_clear (&out);
    }
}

static void
test_bad_byte_anywhere (void)
{
  for (gsize length = 1; length <= LONGEST; length++)
    for (gsize at = 0; at < length; at++)
      {
        g_autofree char *text = ascii_lines (length);
        LiaisonText out = { 0 };

        text[at] = (char) 0xFF;
        liaison_text_decode (text, length, &out);
        g_assert_cmpint (out.status, ==, LIAISON_TEXT_NOT_UTF8);
        g_assert_cmpuint (out.byte, ==, 0xFF);
        g_assert_cmpuint (out.line, ==, line_of (text, at));
        liaison_text_clear (&out);
      }
}

static void
test_letters_anywhere (void)
{
  /* "é" is two bytes of UTF-8: valid wherever it falls, even across a block */
  for (gsize length = 2; length <= LONGEST; length++)
    for (gsize at = 0; at + 1 < length; at++)
      {
        g_autofree char *text = ascii_lines (length);
        LiaisonText out = { 0 };

        memcpy (text + at, "\xC3\xA9", 2);
        liaison_text_decode (text, length, &out);
        g_assert_cmpint (out.status, ==, LIAISON_TEXT_OK);
        g_assert_cmpuint (out.length, ==, length);
        liaison_text_clear (&out);
      }
}

static void
test_nul_is_binary (void)
{
  for (gsize length = 1; length <= LONGEST; length++)
    {
      g_autofree char *text = ascii_lines (length);
      LiaisonText out = { 0 };

      text[length / 2] = '\0';
      liaison_text_decode (text, length, &out);
      g_assert_cmpint (out.status, ==, LIAISON_TEXT_BINARY);
      g_assert_cmpuint (out.line, ==, line_of (text, length / 2));
      liaison_text_clear (&out);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text-decode/ascii-any-length", test_ascii_any_length);
  g_test_add_func ("/text-decode/bad-byte-anywhere", test_bad_byte_anywhere);
  g_test_add_func ("/text-decode/letters-anywhere", test_letters_anywhere);
  g_test_add_func ("/text-decode/nul-is-binary", test_nul_is_binary);

  return g_test_run ();
}
