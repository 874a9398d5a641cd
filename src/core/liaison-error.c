/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-error"

#include "config.h"

#include <string.h>

#include "liaison-error.h"

/*
 * The core's error domain. An error may also carry the time it is about
 * (when a file was imported before), so that the application can say it
 * as a person reads a time while the command line keeps ISO 8601.
 */

typedef struct
{
  LiaisonTime time;
} LiaisonErrorPrivate;

static void
liaison_error_private_init (LiaisonErrorPrivate *priv)
{
  priv->time = LIAISON_TIME_NONE;
}

static void
liaison_error_private_copy (const LiaisonErrorPrivate *src,
                            LiaisonErrorPrivate       *dest)
{
  dest->time = src->time;
}

static void
liaison_error_private_clear (LiaisonErrorPrivate *priv)
{
}

G_DEFINE_EXTENDED_ERROR (LiaisonError, liaison_error)

/**
 * liaison_error_set_time:
 * @error: an error of the #LIAISON_ERROR domain
 * @time: the time its message names, as liaison_time_to_string() writes it
 */
void
liaison_error_set_time (GError      *error,
                        LiaisonTime  time)
{
  g_return_if_fail (error != NULL && error->domain == LIAISON_ERROR);

  liaison_error_get_private (error)->time = time;
}

/**
 * liaison_error_get_time:
 *
 * Returns: the time @error's message names, or %LIAISON_TIME_NONE
 */
LiaisonTime
liaison_error_get_time (const GError *error)
{
  if (error == NULL || error->domain != LIAISON_ERROR)
    return LIAISON_TIME_NONE;

  return liaison_error_get_private (error)->time;
}

/* Whether @error is the user's to fix: bad usage or bad input (exit status 2). */
gboolean
liaison_error_is_bad_input (const GError *error)
{
  if (error == NULL || error->domain != LIAISON_ERROR)
    return FALSE;

  return error->code == LIAISON_ERROR_INVALID ||
         error->code == LIAISON_ERROR_DUPLICATE ||
         error->code == LIAISON_ERROR_NOT_FOUND ||
         error->code == LIAISON_ERROR_READ_ONLY;
}

/**
 * liaison_error_set_line:
 *
 * Sets @error to the bad input at @line of @file_name, in the one form
 * every importer reports it: `FILE:LINE: what is wrong, with the value`.
 *
 * Returns: %FALSE, for `return liaison_error_set_line (...)`
 */
gboolean
liaison_error_set_line (GError     **error,
                        const char  *file_name,
                        guint        line,
                        const char  *format,
                        ...)
{
  g_autofree char *what = NULL;
  g_autofree char *name = liaison_error_printable (file_name, -1);
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  /* The values in @format are the parser's to quote (liaison_error_printable()). */
  g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID, "%s:%u: %s", name, line, what);
  return FALSE;
}

/* The invisible marks that reorder the text around them: a value could
 * make the rest of its line read otherwise than it is. */
static gboolean
is_bidi_control (gunichar c)
{
  return c == 0x061c || c == 0x200e || c == 0x200f ||
         (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/**
 * liaison_error_printable:
 * @text: a value to show in a message or on a terminal; any bytes
 * @length: its length in bytes, or -1 when it ends with a nul
 *
 * The one form every message quotes a value in (the parsers' errors,
 * liaison-cli's messages and its text output): text that a terminal shows
 * as it is, on one line. Bytes that are not UTF-8 become U+FFFD; control
 * characters are written as escapes, `\t`, `\n`, `\r`, `\xHH` for the
 * other C0 controls and DEL, `\u0080` to `\u009F` for the C1 controls (a
 * terminal reads U+009B as ESC [), and `\uXXXX` for the bidirectional
 * controls. A backslash stays as it is, so that a message that is escaped
 * again does not change.
 *
 * Returns: (transfer full): the printable text
 */
char *
liaison_error_printable (const char *text,
                         gssize      length)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  if (length < 0)
    length = (gssize) strlen (text);

  valid = g_utf8_make_valid (text, length);
  out = g_string_sized_new ((gsize) length + 8);
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02X", c);
      else if ((c >= 0x80 && c <= 0x9f) || is_bidi_control (c))
        g_string_append_printf (out, "\\u%04X", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (out, FALSE);
}
