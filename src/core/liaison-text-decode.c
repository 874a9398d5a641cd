/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-text-decode"

#include "config.h"

#include <string.h>

#include "liaison-text-decode.h"

/* 0x80-0xFF of CP850 (the OEM code page of Western European Windows
 * consoles; CP437's letters are at the same places). */
static const gunichar cp850[128] = {
  0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7,
  0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5,
  0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9,
  0x00FF, 0x00D6, 0x00DC, 0x00F8, 0x00A3, 0x00D8, 0x00D7, 0x0192,
  0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA, 0x00BA,
  0x00BF, 0x00AE, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,
  0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x00C1, 0x00C2, 0x00C0,
  0x00A9, 0x2563, 0x2551, 0x2557, 0x255D, 0x00A2, 0x00A5, 0x2510,
  0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x00E3, 0x00C3,
  0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x00A4,
  0x00F0, 0x00D0, 0x00CA, 0x00CB, 0x00C8, 0x0131, 0x00CD, 0x00CE,
  0x00CF, 0x2518, 0x250C, 0x2588, 0x2584, 0x00A6, 0x00CC, 0x2580,
  0x00D3, 0x00DF, 0x00D4, 0x00D2, 0x00F5, 0x00D5, 0x00B5, 0x00FE,
  0x00DE, 0x00DA, 0x00DB, 0x00D9, 0x00FD, 0x00DD, 0x00AF, 0x00B4,
  0x00AD, 0x00B1, 0x2017, 0x00BE, 0x00B6, 0x00A7, 0x00F7, 0x00B8,
  0x00B0, 0x00A8, 0x00B7, 0x00B9, 0x00B3, 0x00B2, 0x25A0, 0x00A0,
};

/* 0x80-0x9F of Windows-1252 (the ANSI code page), where the five bytes it
 * leaves undefined stand for themselves; from 0xA0 up it is Latin-1, each
 * byte the character of the same number. */
static const gunichar windows_1252[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

/* How much of a file tells what kind of bytes it holds. */
#define SNIFF_LENGTH (64 * 1024)

guint
liaison_text_line_at (const char *text,
                      const char *position)
{
  guint line = 1;

  for (const char *p = text; p < position; p++)
    {
      p = memchr (p, '\n', position - p);
      if (p == NULL)
        break;
      line++;
    }
  return line;
}

/* Eight ASCII characters, none of them NUL. */
static inline gboolean
ascii_word (const guint8 *p)
{
  guint64 v;

  memcpy (&v, p, 8);
  return ((v | ((v - G_GUINT64_CONSTANT (0x0101010101010101)) & ~v)) &
          G_GUINT64_CONSTANT (0x8080808080808080)) == 0;
}

/* g_utf8_validate_len() eight bytes at a time where the text is ASCII, as
 * socket tables are but for names and words of some languages. */
static gboolean
validate_utf8 (const char  *text,
               gsize        length,
               const char **end)
{
  const guint8 *p = (const guint8 *) text;
  const guint8 *limit = p + length;

  while (p < limit)
    {
      /* no byte >= 0x80 and no zero byte: 32 ASCII characters at once */
      while (limit - p >= 32 && ascii_word (p) && ascii_word (p + 8) &&
             ascii_word (p + 16) && ascii_word (p + 24))
        p += 32;
      if (p == limit)
        break;
      if (limit - p >= 8 && ascii_word (p))
        {
          p += 8;
          continue;
        }

      if (*p == 0)
        break;
      if (*p < 0x80)
        p++;
      else
        {
          gunichar c = g_utf8_get_char_validated ((const char *) p, limit - p);

          if (c == (gunichar) -1 || c == (gunichar) -2)
            break;
          p += g_utf8_skip[*p];
        }
    }

  *end = (const char *) p;
  return p == limit;
}

static gboolean
is_control (guint8 c)
{
  /* \t \n \v \f \r, and DOS's end-of-file mark and escape, are text */
  return c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r' &&
         c != 0x1a && c != 0x1b;
}

/* Plain UTF-16 without a byte-order mark: the zero bytes of ASCII text in
 * every other place. 1 little endian, 2 big endian, 0 neither. */
static int
utf16_without_mark (const guint8 *data,
                    gsize         length)
{
  gsize pairs = MIN (length, 512) / 2;
  gsize low_zero = 0;
  gsize high_zero = 0;

  if (pairs < 4)
    return 0;
  for (gsize i = 0; i < pairs; i++)
    {
      guint8 a = data[2 * i];
      guint8 b = data[2 * i + 1];

      if (b == 0 && a != 0 && a < 0x80)
        low_zero++;
      else if (a == 0 && b != 0 && b < 0x80)
        high_zero++;
    }
  if (low_zero * 10 >= pairs * 9)
    return 1;
  if (high_zero * 10 >= pairs * 9)
    return 2;
  return 0;
}

static void
decode_utf16 (LiaisonText  *out,
              const guint8 *data,
              gsize         length,
              gboolean      big_endian)
{
  GString *s = g_string_sized_new (length / 2 + length / 4 + 16);
  gsize i;

  for (i = 0; i + 1 < length; i += 2)
    {
      gunichar c = big_endian ? (data[i] << 8) | data[i + 1] : data[i] | (data[i + 1] << 8);

      if (c >= 0xD800 && c < 0xDC00 && i + 3 < length)
        {
          gunichar low = big_endian ? (data[i + 2] << 8) | data[i + 3] : data[i + 2] | (data[i + 3] << 8);

          if (low >= 0xDC00 && low < 0xE000)
            {
              c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
              i += 2;
            }
        }
      if ((c >= 0xD800 && c < 0xE000) || c == 0)
        {
          out->status = LIAISON_TEXT_BAD_UTF16;
          out->line = liaison_text_line_at (s->str, s->str + s->len);
          break;
        }
      g_string_append_unichar (s, c);
    }
  if (out->status == LIAISON_TEXT_OK && i < length)
    {
      out->status = LIAISON_TEXT_BAD_UTF16;
      out->line = liaison_text_line_at (s->str, s->str + s->len);
    }

  out->encoding = big_endian ? LIAISON_TEXT_UTF16BE : LIAISON_TEXT_UTF16LE;
  out->length = s->len;
  out->owned = g_string_free (s, FALSE);
  out->text = out->owned;
}

/**
 * liaison_text_decode:
 * @data: the bytes of a file
 * @length: their length
 * @out: (out caller-allocates): the text; free with liaison_text_clear()
 *
 * Makes @data UTF-8 when it is UTF-8 (with or without a byte-order mark) or
 * UTF-16. Text in a code page is left as it is, with status
 * %LIAISON_TEXT_NOT_UTF8: the caller knows which code pages its format can
 * come in (liaison_text_from_code_page()). Anything else has a status that
 * says what it looks like, and the line where that starts.
 */
void
liaison_text_decode (const char  *data,
                     gsize        length,
                     LiaisonText *out)
{
  const guint8 *bytes = (const guint8 *) data;
  const char *end = NULL;
  int utf16;

  memset (out, 0, sizeof *out);
  out->text = data;
  out->length = length;
  out->line = 1;

  if (length >= 4 && ((bytes[0] == 0xFF && bytes[1] == 0xFE && bytes[2] == 0 && bytes[3] == 0) ||
                      (bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0xFE && bytes[3] == 0xFF)))
    {
      out->status = LIAISON_TEXT_UTF32;
      return;
    }
  if (length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
    {
      decode_utf16 (out, bytes + 2, length - 2, FALSE);
      return;
    }
  if (length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
    {
      decode_utf16 (out, bytes + 2, length - 2, TRUE);
      return;
    }
  if (length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
    {
      out->encoding = LIAISON_TEXT_UTF8_BOM;
      out->text += 3;
      out->length -= 3;
    }
  else if (length >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B)
    {
      out->status = LIAISON_TEXT_GZIP;
      return;
    }
  else if (length >= 4 && memcmp (data, "PK\3\4", 4) == 0)
    {
      out->status = LIAISON_TEXT_ZIP;
      return;
    }

  if (validate_utf8 (out->text, out->length, &end))
    return;

  if ((utf16 = utf16_without_mark ((const guint8 *) out->text, out->length)) != 0)
    {
      decode_utf16 (out, (const guint8 *) out->text, out->length, utf16 == 2);
      return;
    }

  /* Not UTF-8: text in a code page, or binary data if there is a byte no
   * text has (a NUL anywhere, another control character near the start),
   * wherever that comes first. */
  {
    const char *nul = memchr (out->text, '\0', out->length);
    gsize head = MIN (out->length, MAX (SNIFF_LENGTH, (gsize) (end - out->text) + 1));
    const char *first = NULL;

    for (const guint8 *p = (const guint8 *) out->text; p < (const guint8 *) out->text + head; p++)
      if (is_control (*p))
        {
          first = (const char *) p;
          break;
        }
    if (first == NULL || (nul != NULL && nul < first))
      first = nul;
    if (first != NULL)
      {
        out->status = LIAISON_TEXT_BINARY;
        out->line = liaison_text_line_at (out->text, MIN (first, end));
        return;
      }
  }

  out->status = LIAISON_TEXT_NOT_UTF8;
  out->line = liaison_text_line_at (out->text, end);
  out->byte = (guint8) *end;
}

/* The character that @byte, 0x80 or more, stands for in @code_page. */
static gunichar
code_page_char (LiaisonTextEncoding code_page,
                guint8              byte)
{
  if (code_page == LIAISON_TEXT_CP850)
    return cp850[byte - 0x80];
  return byte >= 0xA0 ? byte : windows_1252[byte - 0x80];
}

/* The code page under which more of the bytes beyond ASCII are letters;
 * @preferred when they tie. */
LiaisonTextEncoding
liaison_text_guess_code_page (const char          *data,
                              gsize                length,
                              LiaisonTextEncoding  preferred)
{
  gsize letters_850 = 0;
  gsize letters_1252 = 0;

  for (gsize i = 0; i < MIN (length, 4 * SNIFF_LENGTH); i++)
    {
      guint8 c = (guint8) data[i];

      if (c < 0x80)
        continue;
      letters_850 += g_unichar_isalpha (code_page_char (LIAISON_TEXT_CP850, c));
      letters_1252 += g_unichar_isalpha (code_page_char (LIAISON_TEXT_WINDOWS_1252, c));
    }

  if (letters_850 == letters_1252)
    return preferred;
  return letters_850 > letters_1252 ? LIAISON_TEXT_CP850 : LIAISON_TEXT_WINDOWS_1252;
}

/* Replaces @text with @data read in @code_page. */
void
liaison_text_from_code_page (LiaisonText         *text,
                             const char          *data,
                             gsize                length,
                             LiaisonTextEncoding  code_page)
{
  GString *s = g_string_sized_new (length + length / 8 + 16);

  for (gsize i = 0; i < length;)
    {
      gsize run = i;

      while (run < length && (guint8) data[run] < 0x80)
        run++;
      g_string_append_len (s, data + i, run - i);
      if (run < length)
        g_string_append_unichar (s, code_page_char (code_page, (guint8) data[run]));
      i = run + 1;
    }

  liaison_text_clear (text);
  text->encoding = code_page;
  text->status = LIAISON_TEXT_OK;
  text->line = 1;
  text->length = s->len;
  text->owned = g_string_free (s, FALSE);
  text->text = text->owned;
}

void
liaison_text_clear (LiaisonText *text)
{
  g_clear_pointer (&text->owned, g_free);
  text->text = NULL;
  text->length = 0;
}
