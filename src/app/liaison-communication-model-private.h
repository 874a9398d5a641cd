/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-communication-model.h"

G_BEGIN_DECLS

/*
 * What the selection (liaison-communication-selection.c) reads of the
 * model while it announces a reload, and what the tests and benchmarks
 * count.
 */

/* Rows are read from the database in blocks of this many... */
#define LIAISON_COMMUNICATION_MODEL_BLOCK_SIZE 100
/* ...and at most this many blocks are kept. */
#define LIAISON_COMMUNICATION_MODEL_CACHE_BLOCKS 6

/* Counters, for tests and benchmarks. */
typedef struct
{
  guint64 get_item_calls;   /* g_list_model_get_item() */
  guint64 fetches;          /* liaison_store_get_communications() calls */
  guint64 rows_fetched;     /* rows asked for by those calls */
} LiaisonCommunicationModelStats;

const gint64 *liaison_communication_model_peek_ids        (LiaisonCommunicationModel      *self,
                                                           guint                          *n_ids);
gint64        liaison_communication_model_get_previous_id (LiaisonCommunicationModel      *self,
                                                           guint                           position);
LiaisonCommunication *liaison_communication_model_peek_shown (LiaisonCommunicationModel *self,
                                                              guint                      position);
const char   *liaison_communication_model_get_search      (LiaisonCommunicationModel      *self);
guint         liaison_communication_model_get_n_cached    (LiaisonCommunicationModel      *self);
guint         liaison_communication_model_get_n_fetching  (LiaisonCommunicationModel      *self);
void          liaison_communication_model_get_stats       (LiaisonCommunicationModel      *self,
                                                           LiaisonCommunicationModelStats *stats);

G_END_DECLS
