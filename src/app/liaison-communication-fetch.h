/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-job.h"
#include "liaison-store-communications.h"

G_BEGIN_DECLS

/*
 * What the list's model (liaison-communication-model.c) has a worker read
 * on its own connection: the ids of a search and order, and the service
 * communications at some of its positions.
 */

GArray *liaison_communication_query_rows (LiaisonStore        *store,
                                          const LiaisonQuery  *query,
                                          gint64              *total,
                                          GError             **error);

typedef struct
{
  char         *search;
  LiaisonColumn sort;
  gboolean      descending;
  GArray       *ids;        /* found */
  gint64        total;      /* found */
} LiaisonQueryJob;

void     liaison_query_job_free (LiaisonQueryJob *job);
gboolean liaison_query_job_run  (LiaisonStore     *store,
                                 gpointer          data,
                                 GCancellable     *cancellable,
                                 GError          **error);

typedef struct
{
  guint      generation;    /* of the model's ids asked about */
  guint      n;
  guint     *positions;
  gint64    *ids;           /* the ids at @positions */
  GPtrArray *fetched;       /* found: LiaisonCommunication, in any order */
} LiaisonFetchJob;

LiaisonFetchJob *liaison_fetch_job_new  (guint             generation,
                                         guint             n);
void             liaison_fetch_job_free (LiaisonFetchJob  *job);
gboolean         liaison_fetch_job_run  (LiaisonStore     *store,
                                         gpointer          data,
                                         GCancellable     *cancellable,
                                         GError          **error);

G_END_DECLS
