/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-address.h"
#include "liaison-store-observations-private.h"

G_BEGIN_DECLS

/* The service communications an import observes, as a batch (statistics.md 3.5). */
typedef struct _LiaisonObservationBatch LiaisonObservationBatch;

LiaisonObservationBatch *liaison_observation_batch_new           (LiaisonStore              *store,
                                                                  GError                   **error);
void                     liaison_observation_batch_free          (LiaisonObservationBatch   *batch);
void                     liaison_observation_batch_look_up       (LiaisonObservationBatch   *batch);
gboolean                 liaison_observation_batch_add           (LiaisonObservationBatch   *batch,
                                                                  const LiaisonAddress      *client,
                                                                  const LiaisonAddress      *listener,
                                                                  LiaisonObservation        *o,
                                                                  GError                   **error);
gboolean                 liaison_observation_batch_flush         (LiaisonObservationBatch   *batch,
                                                                  GError                   **error);
gboolean                 liaison_observation_batch_client_device (LiaisonObservationBatch   *batch,
                                                                  const LiaisonAddress      *client,
                                                                  const LiaisonAddress      *listener,
                                                                  const LiaisonObservation  *o,
                                                                  const char               **device);

gboolean                 liaison_observation_batch_made_without_devices (LiaisonObservationBatch   *batch,
                                                                          const LiaisonAddress      *client,
                                                                          const LiaisonAddress      *listener,
                                                                          const LiaisonObservation  *o);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonObservationBatch, liaison_observation_batch_free)

G_END_DECLS
