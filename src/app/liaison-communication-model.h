/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "liaison-store-communications.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_COMMUNICATION_ROW (liaison_communication_row_get_type ())
G_DECLARE_FINAL_TYPE (LiaisonCommunicationRow, liaison_communication_row, LIAISON, COMMUNICATION_ROW, GObject)

LiaisonCommunication *liaison_communication_row_get_communication (LiaisonCommunicationRow *self);

#define LIAISON_TYPE_COMMUNICATION_MODEL (liaison_communication_model_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonCommunicationModel, liaison_communication_model, LIAISON, COMMUNICATION_MODEL, GObject)

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
void                       liaison_communication_model_set_background (LiaisonCommunicationModel *self,
                                                                       gboolean                   background);
gboolean                   liaison_communication_model_get_loading   (LiaisonCommunicationModel *self);
gint64                     liaison_communication_model_get_id        (LiaisonCommunicationModel *self,
                                                                      guint                      position);
gboolean                   liaison_communication_model_find_id       (LiaisonCommunicationModel *self,
                                                                      gint64                     id,
                                                                      guint                     *position);
const gint64              *liaison_communication_model_peek_ids      (LiaisonCommunicationModel *self,
                                                                      guint                     *n_ids);
gint64                     liaison_communication_model_get_previous_id (LiaisonCommunicationModel *self,
                                                                        guint                      position);
gint64                     liaison_communication_model_get_total     (LiaisonCommunicationModel *self);
guint                      liaison_communication_model_get_n_cached  (LiaisonCommunicationModel *self);
void                       liaison_communication_model_get_stats     (LiaisonCommunicationModel      *self,
                                                                      LiaisonCommunicationModelStats *stats);

#define LIAISON_TYPE_COMMUNICATION_SELECTION (liaison_communication_selection_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonCommunicationSelection, liaison_communication_selection, LIAISON, COMMUNICATION_SELECTION, GObject)

/* A reload that adds more rows than this is shown to views as the old rows
 * going and then the new ones coming. */
#define LIAISON_COMMUNICATION_SELECTION_SPLIT_ABOVE 10000
/* ...after replacing this many rows at the top in place (GTK 4.8's list
 * views keep widgets for 200 rows). */
#define LIAISON_COMMUNICATION_SELECTION_IN_PLACE 400

/* A reload keeps the selection of at most this many of the rows it replaces. */
#define LIAISON_COMMUNICATION_SELECTION_KEEP_MAX 100000

LiaisonCommunicationSelection *liaison_communication_selection_new       (LiaisonCommunicationModel     *model);
LiaisonCommunicationModel     *liaison_communication_selection_get_model (LiaisonCommunicationSelection *self);

G_END_DECLS
