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
