/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "liaison-flow-skip.h"
#include "liaison-store.h"
#include "liaison-time.h"

G_BEGIN_DECLS

typedef enum
{
  LIAISON_SAMPLE_NETSTAT,
  LIAISON_SAMPLE_NETFLOW,
} LiaisonSampleKind;

typedef struct
{
  LiaisonSampleKind kind;
  const char       *host;            /* netstat: required */
  LiaisonTime       time;            /* netstat: T, or LIAISON_TIME_NONE for each file's modification time */
  guint             interval;        /* netflow: I in seconds, required */
  LiaisonTime       start;           /* netflow: the window of a file with no usable record, or LIAISON_TIME_NONE */
  gboolean          local_time;      /* times in files with no offset are local */
  gboolean          strict;          /* netflow: a record that is not a service communication is an error */
} LiaisonImportOptions;

/* What an import added, for a message to the user. */
typedef struct
{
  guint  files;
  guint  records;                    /* sockets or flows read */
  guint  new_communications;
  guint  updated_communications;     /* ones there before, seen again or filled in */
  guint  new_statistics;
  LiaisonFlowSkips skipped;          /* netflow: records that are not service communications */
} LiaisonImportSummary;

/* Progress: @done of @total files read and applied, and @within (0 to 1)
 * of the records of the file after them: 0 once a file is done, then more
 * as the next file's records are applied (flow files, every 1,024 pairs).
 * It never goes back. Called on the importing thread. */
typedef void (*LiaisonImportProgress) (guint    done,
                                       guint    total,
                                       double   within,
                                       gpointer user_data);

LiaisonSampleKind liaison_import_detect      (const char  *data,
                                              gsize        length);
char    *liaison_import_describe_file        (const char                  *path,
                                              LiaisonSampleKind           *kind,
                                              GError                     **error);
gboolean liaison_import_files                (LiaisonStore                *store,
                                              const LiaisonImportOptions  *options,
                                              const char * const          *paths,
                                              GCancellable                *cancellable,
                                              LiaisonImportProgress        progress,
                                              gpointer                     user_data,
                                              LiaisonImportSummary        *summary,
                                              GError                     **error);

G_END_DECLS
