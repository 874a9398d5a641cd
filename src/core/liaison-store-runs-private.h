/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "liaison-address.h"
#include "liaison-store.h"
#include "liaison-time.h"

G_BEGIN_DECLS

/*
 * What activity runs (statistics.md 3.6) need kept: each host's sample
 * moments with the listeners each sample discovered (netstat_moments,
 * discovered_set), and the runs of records (stat_record.ns_runs,
 * classic_stat.runs).
 */

/* A record of a host whose runs a late sample may split. */
typedef struct
{
  gint64          id;             /* stat_record.id, or the communication id of a classic record */
  LiaisonAddress  listener;       /* statistics records only */
  LiaisonAddress  client;
  guint16         port;
  guint8          protocol;
  char           *scope;
  LiaisonTime     first;
  LiaisonTime     last;
  GBytes         *runs;           /* NULL: one known run */
} LiaisonRunsRow;

void     liaison_runs_row_clear               (LiaisonRunsRow  *row);

int      liaison_store_runs_register          (sqlite3         *db);
gboolean liaison_store_runs_after             (GBytes          *blob,
                                               LiaisonTime      first,
                                               LiaisonTime      last,
                                               LiaisonTime      time,
                                               LiaisonTime      before,
                                               LiaisonTime      after,
                                               GBytes         **runs_out);

/* Which chunk of moments liaison_store_read_moments() reads. */
typedef enum
{
  LIAISON_MOMENTS_BEFORE = -1,    /* the last starting before the time */
  LIAISON_MOMENTS_AT = 0,         /* the last starting at or before it */
  LIAISON_MOMENTS_AFTER = 1,      /* the first starting after it */
} LiaisonMomentsWhere;

gboolean liaison_store_read_moments           (LiaisonStore    *self,
                                               const char      *host,
                                               LiaisonTime      time,
                                               LiaisonMomentsWhere where,
                                               LiaisonTime     *start,
                                               GByteArray      *moments,
                                               GError         **error);
gboolean liaison_store_write_moments          (LiaisonStore    *self,
                                               const char      *host,
                                               LiaisonTime      old_start,
                                               LiaisonTime      start,
                                               const guint8    *moments,
                                               gsize            length,
                                               GError         **error);
gboolean liaison_store_discovered_set_id      (LiaisonStore    *self,
                                               const char      *host,
                                               const guint8    *listeners,
                                               gsize            length,
                                               gint64          *id,
                                               GError         **error);
gboolean liaison_store_read_discovered_set    (LiaisonStore    *self,
                                               gint64           id,
                                               GByteArray      *listeners,
                                               GError         **error);

gboolean liaison_store_runs_around            (LiaisonStore    *self,
                                               gboolean         classic,
                                               const char      *host,
                                               LiaisonTime      time,
                                               GArray          *rows,
                                               GError         **error);
gboolean liaison_store_set_runs               (LiaisonStore    *self,
                                               gboolean         classic,
                                               gint64           id,
                                               const guint8    *runs,
                                               gsize            length,
                                               GError         **error);

G_END_DECLS
