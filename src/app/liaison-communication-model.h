/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "liaison-store-communications.h"
#include "liaison-types.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_COMMUNICATION_MODEL (liaison_communication_model_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonCommunicationModel, liaison_communication_model, LIAISON, COMMUNICATION_MODEL, GObject)

LiaisonCommunicationModel *liaison_communication_model_new            (LiaisonStore              *store);
void                       liaison_communication_model_set_search     (LiaisonCommunicationModel *self,
                                                                       const char                *search);
void                       liaison_communication_model_set_sort       (LiaisonCommunicationModel *self,
                                                                       LiaisonColumn              column,
                                                                       gboolean                   descending);
gboolean                   liaison_communication_model_reload         (LiaisonCommunicationModel *self,
                                                                       GError                   **error);
void                       liaison_communication_model_refresh        (LiaisonCommunicationModel *self);
void                       liaison_communication_model_set_fetch_later (LiaisonCommunicationModel *self,
                                                                        gboolean                   later);
void                       liaison_communication_model_set_background (LiaisonCommunicationModel *self,
                                                                       gboolean                   background);
gboolean                   liaison_communication_model_get_loading    (LiaisonCommunicationModel *self);
gint64                     liaison_communication_model_get_id         (LiaisonCommunicationModel *self,
                                                                       guint                      position);
gboolean                   liaison_communication_model_find_id        (LiaisonCommunicationModel *self,
                                                                       gint64                     id,
                                                                       guint                     *position);
gint64                     liaison_communication_model_get_total      (LiaisonCommunicationModel *self);

G_END_DECLS
