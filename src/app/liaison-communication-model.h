/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "liaison-store-communications.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_COMMUNICATION_MODEL (liaison_communication_model_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonCommunicationModel, liaison_communication_model, LIAISON, COMMUNICATION_MODEL, GObject)

/* Rows are read from the database in blocks of this many... */
#define LIAISON_COMMUNICATION_MODEL_BLOCK_SIZE 100
/* ...and at most this many blocks are kept. */
#define LIAISON_COMMUNICATION_MODEL_CACHE_BLOCKS 6

LiaisonCommunicationModel *liaison_communication_model_new           (LiaisonStore              *store);
LiaisonStore              *liaison_communication_model_get_store     (LiaisonCommunicationModel *self);
void                       liaison_communication_model_set_search    (LiaisonCommunicationModel *self,
                                                                      const char                *search);
const char                *liaison_communication_model_get_search    (LiaisonCommunicationModel *self);
void                       liaison_communication_model_set_sort      (LiaisonCommunicationModel *self,
                                                                      LiaisonColumn              column,
                                                                      gboolean                   descending);
gboolean                   liaison_communication_model_reload        (LiaisonCommunicationModel *self,
                                                                      GError                   **error);
gint64                     liaison_communication_model_get_id        (LiaisonCommunicationModel *self,
                                                                      guint                      position);
gboolean                   liaison_communication_model_find_id       (LiaisonCommunicationModel *self,
                                                                      gint64                     id,
                                                                      guint                     *position);
gint64                     liaison_communication_model_get_total     (LiaisonCommunicationModel *self);
guint                      liaison_communication_model_get_n_cached  (LiaisonCommunicationModel *self);

G_END_DECLS
