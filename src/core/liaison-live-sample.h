/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-import.h"
#include "liaison-netstat-parser.h"
#include "liaison-store.h"
#include "liaison-time.h"

G_BEGIN_DECLS

/*
 * A socket table read live, from this host or from a remote one, filed as
 * one netstat sample of the device that was sampled.
 */
typedef struct
{
  const char                *host;     /* the device it is filed under */
  const char                *name;     /* the sample's name: "this host", "ssh web01" */
  LiaisonTime                time;     /* when it was taken */
  gint64                     period;   /* milliseconds of a schedule's period; 0: taken by hand */
  const LiaisonNetstatTable *table;
} LiaisonLiveSample;

gboolean    liaison_live_sample_import    (LiaisonStore             *store,
                                           const LiaisonLiveSample  *sample,
                                           LiaisonImportSummary     *summary,
                                           GError                  **error);
gboolean    liaison_live_sample_this_host (LiaisonStore             *store,
                                           const char               *host,
                                           gint64                    period,
                                           LiaisonImportSummary     *summary,
                                           GError                  **error);
LiaisonTime liaison_period_start          (LiaisonTime               time,
                                           gint64                    period);

G_END_DECLS
