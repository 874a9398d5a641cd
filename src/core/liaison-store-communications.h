/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-communication.h"
#include "liaison-store.h"

G_BEGIN_DECLS

/*
 * The service communications: entered, edited and read
 * (liaison-store-communications.c), deleted and put back
 * (liaison-store-deletion.c), listed and searched (liaison-store-search.c).
 */

/* How a list is filtered and ordered. */
typedef struct
{
  const char    *search;      /* NULL or "": everything; else a case-insensitive substring of any text column */
  LiaisonColumn  sort;
  gboolean       descending;
} LiaisonQuery;

/* A deleted selection, kept so that it can be put back exactly. */
typedef struct _LiaisonDeletion LiaisonDeletion;

void                  liaison_deletion_free                   (LiaisonDeletion                 *deletion);
guint                 liaison_deletion_get_count              (LiaisonDeletion                 *deletion);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonDeletion, liaison_deletion_free)

/* What someone else did to rows since a person saw them (team.md 3,
 * liaison-store-meanwhile.c). */
typedef struct
{
  GPtrArray *seen;      /* LiaisonCommunication: the rows changed meanwhile, as the person saw them */
  GPtrArray *now;       /* LiaisonCommunication: the same rows as they are now, in the same order */
  GArray    *gone;      /* gint64: the ids of the rows deleted meanwhile */
} LiaisonMeanwhile;

void                  liaison_meanwhile_free                  (LiaisonMeanwhile                *meanwhile);
GPtrArray            *liaison_meanwhile_resolve               (LiaisonMeanwhile                *meanwhile,
                                                               GPtrArray                       *seen,
                                                               gboolean                         anyway);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonMeanwhile, liaison_meanwhile_free)

gint64                liaison_store_add_communication         (LiaisonStore                    *self,
                                                               const LiaisonCommunicationInput *input,
                                                               GError                         **error);
gboolean              liaison_store_edit_communication        (LiaisonStore                    *self,
                                                               gint64                           id,
                                                               const LiaisonCommunicationInput *input,
                                                               GError                         **error);
gboolean              liaison_store_edit_communication_seen   (LiaisonStore                    *self,
                                                               LiaisonCommunication            *seen,
                                                               const LiaisonCommunicationInput *input,
                                                               LiaisonCommunication           **current,
                                                               GError                         **error);
gboolean              liaison_store_delete_communications     (LiaisonStore                    *self,
                                                               const gint64                    *ids,
                                                               guint                            n_ids,
                                                               LiaisonDeletion                **deletion,
                                                               GError                         **error);
gboolean              liaison_store_delete_communications_seen (LiaisonStore                   *self,
                                                               GPtrArray                       *seen,
                                                               LiaisonDeletion                **deletion,
                                                               LiaisonMeanwhile               **meanwhile,
                                                               GError                         **error);
gboolean              liaison_store_restore_deletion          (LiaisonStore                    *self,
                                                               LiaisonDeletion                 *deletion,
                                                               GError                         **error);
gboolean              liaison_store_set_devices               (LiaisonStore                    *self,
                                                               const gint64                    *ids,
                                                               guint                            n_ids,
                                                               LiaisonColumn                    column,
                                                               const char                      *device,
                                                               GError                         **error);
gboolean              liaison_store_set_devices_seen          (LiaisonStore                    *self,
                                                               GPtrArray                       *seen,
                                                               LiaisonColumn                    column,
                                                               const char                      *device,
                                                               LiaisonMeanwhile               **meanwhile,
                                                               GError                         **error);
LiaisonCommunication *liaison_store_get_communication         (LiaisonStore                    *self,
                                                               gint64                           id,
                                                               GError                         **error);
GPtrArray            *liaison_store_get_communications        (LiaisonStore                    *self,
                                                               const gint64                    *ids,
                                                               guint                            n_ids,
                                                               GError                         **error);
GArray               *liaison_store_query_ids                 (LiaisonStore                    *self,
                                                               const LiaisonQuery              *query,
                                                               GError                         **error);
GPtrArray            *liaison_store_query_page                (LiaisonStore                    *self,
                                                               const LiaisonQuery              *query,
                                                               guint                            offset,
                                                               guint                            limit,
                                                               GError                         **error);
gint64                liaison_store_count_communications      (LiaisonStore                    *self,
                                                               GError                         **error);
GStrv                 liaison_store_list_devices              (LiaisonStore                    *self,
                                                               GError                         **error);

G_END_DECLS
