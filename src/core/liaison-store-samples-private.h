/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-store.h"
#include "liaison-time.h"

G_BEGIN_DECLS

/* An imported sample (table `sample`). */
typedef struct
{
  const char  *kind;            /* "netstat" or "netflow" */
  const char  *content_hash;
  const char  *file_name;
  const char  *host;            /* netstat; NULL for netflow */
  LiaisonTime  sample_time;     /* netstat: T; else LIAISON_TIME_NONE */
  LiaisonTime  window_start;    /* netflow: S; else LIAISON_TIME_NONE */
  LiaisonTime  window_end;
  guint        interval;        /* netflow: I; else 0 */
  guint        records;
  LiaisonTime  imported_at;
} LiaisonSampleRow;

/* The largest ids of the tables an import adds rows to, or how many rows
 * were added above such ids; and how many service communications that
 * were there before the import it changed. */
typedef struct
{
  gint64 communication;
  gint64 record;
  gint64 updated_communication;
} LiaisonNewRows;

gboolean liaison_store_find_sample     (LiaisonStore            *self,
                                        const char              *content_hash,
                                        gboolean                *found,
                                        char                   **file_name,
                                        LiaisonTime             *imported_at,
                                        GError                 **error);
gboolean liaison_store_add_sample      (LiaisonStore            *self,
                                        const LiaisonSampleRow  *sample,
                                        GError                 **error);
void     liaison_store_note_updated    (LiaisonStore            *self,
                                        gint64                   communication_id);
gboolean liaison_store_new_rows_begin  (LiaisonStore            *self,
                                        LiaisonNewRows          *base,
                                        GError                 **error);
gboolean liaison_store_new_rows_count  (LiaisonStore            *self,
                                        const LiaisonNewRows    *base,
                                        LiaisonNewRows          *added,
                                        GError                 **error);

G_END_DECLS
