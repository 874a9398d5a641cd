/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-error"

#include "config.h"

#include "liaison-error.h"

G_DEFINE_QUARK (liaison-error-quark, liaison_error)

/* Whether @error is the user's to fix: bad usage or bad input (exit status 2). */
gboolean
liaison_error_is_bad_input (const GError *error)
{
  if (error == NULL || error->domain != LIAISON_ERROR)
    return FALSE;

  return error->code == LIAISON_ERROR_INVALID ||
         error->code == LIAISON_ERROR_DUPLICATE ||
         error->code == LIAISON_ERROR_NOT_FOUND;
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
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID, "%s:%u: %s", file_name, line, what);
  return FALSE;
}
