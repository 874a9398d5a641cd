/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-listener-set-private.h"
#include "liaison-store-statistics-private.h"

G_BEGIN_DECLS

/*
 * What one netstat sample does to activity runs (statistics.md 3.6): its
 * moment is kept with the listeners it discovered; each active record is
 * given the neighbours its run update needs; and a sample older than
 * others of its host splits the runs it breaks.
 */
typedef struct _LiaisonNetstatRuns LiaisonNetstatRuns;

LiaisonNetstatRuns *liaison_netstat_runs_begin           (LiaisonStore              *store,
                                                          const char                *host,
                                                          LiaisonTime                time,
                                                          const LiaisonListenerSet  *discovered,
                                                          GError                   **error);
gboolean            liaison_netstat_runs_listener        (LiaisonNetstatRuns        *self,
                                                          const LiaisonAddress      *listener,
                                                          guint16                    port,
                                                          guint8                     protocol,
                                                          LiaisonTime               *before,
                                                          LiaisonTime               *after,
                                                          GError                   **error);
void                liaison_netstat_runs_host            (LiaisonNetstatRuns        *self,
                                                          LiaisonTime               *before,
                                                          LiaisonTime               *after);
void                liaison_netstat_runs_active_record   (LiaisonNetstatRuns        *self,
                                                          const LiaisonRecordKey    *key);
void                liaison_netstat_runs_active_classic  (LiaisonNetstatRuns        *self,
                                                          gint64                     communication_id);
gboolean            liaison_netstat_runs_finish          (LiaisonNetstatRuns        *self,
                                                          GError                   **error);
void                liaison_netstat_runs_free            (LiaisonNetstatRuns        *self);

G_END_DECLS
