/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Text as machines write it, made UTF-8: with or without a UTF-8 byte-order
 * mark, UTF-16 (little or big endian, with a byte-order mark or plainly
 * recognisable without one), or one of the code pages of a Western European
 * Windows console (CP850, which reads CP437's letters the same, and
 * Windows-1252). What is none of these is described by its status.
 */

typedef enum
{
  LIAISON_TEXT_UTF8,
  LIAISON_TEXT_UTF8_BOM,
  LIAISON_TEXT_UTF16LE,
  LIAISON_TEXT_UTF16BE,
  LIAISON_TEXT_CP850,
  LIAISON_TEXT_WINDOWS_1252,
} LiaisonTextEncoding;

typedef enum
{
  LIAISON_TEXT_OK,              /* UTF-8 throughout */
  LIAISON_TEXT_NOT_UTF8,        /* text with bytes that are not UTF-8: a code page, or cut characters */
  LIAISON_TEXT_BINARY,          /* NUL bytes or control characters */
  LIAISON_TEXT_GZIP,
  LIAISON_TEXT_ZIP,
  LIAISON_TEXT_UTF32,
  LIAISON_TEXT_BAD_UTF16,       /* a UTF-16 byte-order mark, then no UTF-16 */
} LiaisonTextStatus;

typedef struct
{
  const char          *text;      /* points into the input or into owned */
  gsize                length;
  char                *owned;
  LiaisonTextEncoding  encoding;
  LiaisonTextStatus    status;
  guint                line;      /* the line of the first byte that made status, from 1 */
  guint8               byte;      /* that byte (LIAISON_TEXT_NOT_UTF8) */
} LiaisonText;

void                liaison_text_decode           (const char          *data,
                                                   gsize                length,
                                                   LiaisonText         *out);
LiaisonTextEncoding liaison_text_guess_code_page  (const char          *data,
                                                   gsize                length,
                                                   LiaisonTextEncoding  preferred);
void                liaison_text_from_code_page   (LiaisonText         *text,
                                                   const char          *data,
                                                   gsize                length,
                                                   LiaisonTextEncoding  code_page);
guint               liaison_text_line_at          (const char          *text,
                                                   const char          *position);
void                liaison_text_clear            (LiaisonText         *text);

G_END_DECLS
