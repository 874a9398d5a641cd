/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "liaison-time.h"

G_BEGIN_DECLS

#define LIAISON_ERROR (liaison_error_quark ())

/**
 * LiaisonError:
 * @LIAISON_ERROR_INVALID: bad input a user gave or fed in (a file, a value); nothing was written
 * @LIAISON_ERROR_DUPLICATE: the thing exists already (a service communication, an imported file)
 * @LIAISON_ERROR_NOT_FOUND: no such row
 * @LIAISON_ERROR_DATABASE: the database failed (not a database, read-only, locked, full)
 * @LIAISON_ERROR_NEWER_DATABASE: the database was written by a newer Liaison
 * @LIAISON_ERROR_IO: the file system failed
 * @LIAISON_ERROR_UNSUPPORTED: something needed is missing (for example the nfdump program)
 * @LIAISON_ERROR_CANCELLED: the user cancelled
 * @LIAISON_ERROR_READ_ONLY: the database may be read but not changed (a server role without the privilege)
 * @LIAISON_ERROR_CONFLICT: someone else changed the row since it was read for an edit
 * @LIAISON_ERROR_RETRY: a server aborted the transaction for another's sake (a serialization
 *   failure, a deadlock): the same work, run again from its start, may succeed. Liaison runs it
 *   again (liaison_store_retry()); once it gives up, the error is %LIAISON_ERROR_DATABASE
 *
 * The first three and READ_ONLY are the user's to fix (liaison-cli exits 2), the others are
 * failures (exit 1).
 */
typedef enum
{
  LIAISON_ERROR_INVALID,
  LIAISON_ERROR_DUPLICATE,
  LIAISON_ERROR_NOT_FOUND,
  LIAISON_ERROR_DATABASE,
  LIAISON_ERROR_NEWER_DATABASE,
  LIAISON_ERROR_IO,
  LIAISON_ERROR_UNSUPPORTED,
  LIAISON_ERROR_CANCELLED,
  LIAISON_ERROR_READ_ONLY,
  LIAISON_ERROR_CONFLICT,
  LIAISON_ERROR_RETRY,
} LiaisonError;

GQuark      liaison_error_quark        (void);
gboolean    liaison_error_is_bad_input (const GError *error);
void        liaison_error_set_time     (GError       *error,
                                        LiaisonTime   time);
LiaisonTime liaison_error_get_time     (const GError *error);
gboolean liaison_error_set_line      (GError      **error,
                                      const char   *file_name,
                                      guint         line,
                                      const char   *format,
                                      ...) G_GNUC_PRINTF (4, 5);
char    *liaison_error_printable     (const char   *text,
                                      gssize        length);

G_END_DECLS
