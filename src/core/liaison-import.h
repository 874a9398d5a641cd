/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

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
  LiaisonTime       start;           /* netflow: S, or LIAISON_TIME_NONE for the epoch grid */
  gboolean          local_time;      /* times in files with no offset are local */
} LiaisonImportOptions;

/* What an import added, for a message to the user. */
typedef struct
{
  guint  files;
  guint  records;                    /* sockets or flows read */
  guint  new_communications;
  guint  updated_communications;     /* ones there before, seen again or filled in */
  guint  new_statistics;
} LiaisonImportSummary;

/* Progress: @done of @total files read and applied. Called on the importing thread. */
typedef void (*LiaisonImportProgress) (guint    done,
                                       guint    total,
                                       gpointer user_data);

LiaisonSampleKind liaison_import_detect      (const char  *data,
                                              gsize        length);
gboolean liaison_import_files                (LiaisonStore                *store,
                                              const LiaisonImportOptions  *options,
                                              const char * const          *paths,
                                              GCancellable                *cancellable,
                                              LiaisonImportProgress        progress,
                                              gpointer                     user_data,
                                              LiaisonImportSummary        *summary,
                                              GError                     **error);
gboolean liaison_import_this_host            (LiaisonStore                *store,
                                              const char                  *host,
                                              LiaisonImportSummary        *summary,
                                              GError                     **error);

G_END_DECLS
