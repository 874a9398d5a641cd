/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-communication-fetch"

#include "config.h"

#include "liaison-communication-fetch.h"

/* The ids of @query's rows, and how many rows there are in all. */
GArray *
liaison_communication_query_rows (LiaisonStore        *store,
                                  const LiaisonQuery  *query,
                                  gint64              *total,
                                  GError             **error)
{
  g_autoptr(GArray) ids = NULL;
  gboolean ok;

  /* The rows and the count of one state of the database. */
  if (!liaison_store_begin_read (store, error))
    return NULL;
  ids = liaison_store_query_ids (store, query, error);
  ok = ids != NULL &&
       (query->search == NULL || (*total = liaison_store_count_communications (store, error)) >= 0);
  liaison_store_end_read (store);
  if (!ok)
    return NULL;
  if (query->search == NULL)
    *total = ids->len;

  return g_steal_pointer (&ids);
}

void
liaison_query_job_free (LiaisonQueryJob *job)
{
  g_clear_pointer (&job->search, g_free);
  g_clear_pointer (&job->ids, g_array_unref);
  g_free (job);
}

/* In a worker thread; a newer query stops it through @cancellable. */
gboolean
liaison_query_job_run (LiaisonStore  *store,
                       gpointer       data,
                       GCancellable  *cancellable,
                       GError       **error)
{
  LiaisonQueryJob *job = data;
  LiaisonQuery query = { .search = job->search, .sort = job->sort, .descending = job->descending };

  liaison_store_set_cancellable (store, cancellable);
  job->ids = liaison_communication_query_rows (store, &query, &job->total, error);
  liaison_store_set_cancellable (store, NULL);

  return job->ids != NULL;
}

LiaisonFetchJob *
liaison_fetch_job_new (guint generation,
                       guint n)
{
  LiaisonFetchJob *job = g_new0 (LiaisonFetchJob, 1);

  job->generation = generation;
  job->n = n;
  job->positions = g_new (guint, MAX (n, 1));
  job->ids = g_new (gint64, MAX (n, 1));
  return job;
}

void
liaison_fetch_job_free (LiaisonFetchJob *job)
{
  g_free (job->positions);
  g_free (job->ids);
  g_clear_pointer (&job->fetched, g_ptr_array_unref);
  g_free (job);
}

/* In a worker thread: the service communications of the job's ids. */
gboolean
liaison_fetch_job_run (LiaisonStore  *store,
                       gpointer       data,
                       GCancellable  *cancellable,
                       GError       **error)
{
  LiaisonFetchJob *job = data;

  job->fetched = liaison_store_get_communications (store, job->ids, job->n, error);
  return job->fetched != NULL;
}
