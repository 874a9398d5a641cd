/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-json"

#include "config.h"

#include <string.h>

#include "liaison-json.h"

/**
 * liaison_json_append_string:
 * @text: (nullable): any text; bytes that are not UTF-8 become U+FFFD
 *
 * Appends @text as a JSON string (RFC 8259), or null: `"` and `\` escaped,
 * every control character below U+0020 and DEL written as `\b \f \n \r \t`
 * or `\u00xx` (as json-glib writes them, but U+001F too, which json-glib
 * up to 1.6 at least leaves as it is), every other character as it is.
 */
void
liaison_json_append_string (GString    *out,
                            const char *text)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (*p < 0x20 || *p == 0x7f)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
        }
    }
  g_string_append_c (out, '"');
}

/* Six decimals at most, without trailing zeros but with one decimal at least. */
void
liaison_json_append_ratio (GString *out,
                           double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  gsize len;

  g_ascii_formatd (buf, sizeof buf, "%.6f", value);
  len = strlen (buf);
  while (len > 2 && buf[len - 1] == '0' && buf[len - 2] != '.')
    len--;
  g_string_append_len (out, buf, (gssize) len);
}

void
liaison_json_append_time (GString     *out,
                          LiaisonTime  time)
{
  char buf[LIAISON_TIME_STRLEN];

  if (time == LIAISON_TIME_NONE)
    {
      g_string_append (out, "null");
      return;
    }
  liaison_time_to_string (time, buf);
  g_string_append_printf (out, "\"%s\"", buf);
}

/* Seconds, three decimals at most; null for a negative (unknown) duration. */
void
liaison_json_append_duration (GString *out,
                              gint64   milliseconds)
{
  char buf[LIAISON_TIME_STRLEN];

  if (milliseconds < 0)
    {
      g_string_append (out, "null");
      return;
    }
  liaison_duration_to_string (milliseconds, buf);
  g_string_append (out, buf);
}
