/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-address.h"
#include "liaison-listener-set-private.h"
#include "liaison-store.h"
#include "liaison-time.h"

G_BEGIN_DECLS

/*
 * The sample moments of one host, each with the listeners its sample
 * discovered (statistics.md 3.3 step 1), as activity runs (3.6) need
 * them: the neighbours of a moment among those at which a listener was
 * discovered.
 */
typedef struct _LiaisonHostMoments LiaisonHostMoments;

LiaisonHostMoments *liaison_host_moments_new        (LiaisonStore              *store,
                                                     const char                *host);
void                liaison_host_moments_free       (LiaisonHostMoments        *self);
gboolean            liaison_host_moments_add        (LiaisonHostMoments        *self,
                                                     LiaisonTime                time,
                                                     const LiaisonListenerSet  *discovered,
                                                     GError                   **error);
gboolean            liaison_host_moments_neighbours (LiaisonHostMoments        *self,
                                                     LiaisonTime                time,
                                                     const LiaisonAddress      *listener,
                                                     guint16                    port,
                                                     guint8                     protocol,
                                                     LiaisonTime               *before,
                                                     LiaisonTime               *after,
                                                     GError                   **error);
gboolean            liaison_host_moments_list       (LiaisonHostMoments        *self,
                                                     const LiaisonAddress      *listener,
                                                     guint16                    port,
                                                     guint8                     protocol,
                                                     GArray                    *times,
                                                     GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonHostMoments, liaison_host_moments_free)

G_END_DECLS
