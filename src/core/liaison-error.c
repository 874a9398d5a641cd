/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-error"

#include "config.h"

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
