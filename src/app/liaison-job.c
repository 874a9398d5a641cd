/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-job"

#include "config.h"

#include "liaison-error.h"
#include "liaison-job.h"
#include "liaison-store-server.h"

/*
 * A job is a GTask run in a thread of GIO's pool. Its connection is opened
 * with liaison_store_open_existing() by the first job that needs it: a
 * worker's connection goes to a database that is open already, and a file
 * moved or deleted meanwhile is an error, never a new, empty database. It
 * sees what the main thread's connection committed.
 */

struct _LiaisonJobConnection
{
  gatomicrefcount  ref_count;
  char            *path;
  GMutex           lock;     /* held by the job using the store */
  LiaisonStore    *store;    /* opened by the first job */
};

/**
 * liaison_job_connection_new:
 * @database_path: the database file
 *
 * Returns: (transfer full): a connection to @database_path for jobs, opened
 *   when the first job runs on it
 */
LiaisonJobConnection *
liaison_job_connection_new (const char *database_path)
{
  LiaisonJobConnection *self;

  g_return_val_if_fail (database_path != NULL, NULL);

  self = g_new0 (LiaisonJobConnection, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->path = g_strdup (database_path);
  g_mutex_init (&self->lock);

  return self;
}

LiaisonJobConnection *
liaison_job_connection_ref (LiaisonJobConnection *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
liaison_job_connection_unref (LiaisonJobConnection *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_object (&self->store);
  g_mutex_clear (&self->lock);
  g_free (self->path);
  g_free (self);
}

/**
 * liaison_job_connection_kept:
 * @store: the database, as the main thread has it open
 *
 * A worker connection to @store's database kept with @store: for a
 * person's writes and the reads of the dialogs, one after another, without
 * opening a connection each (a server's takes round trips).
 *
 * Returns: (transfer full): the connection, opened when its first job runs
 */
LiaisonJobConnection *
liaison_job_connection_kept (LiaisonStore *store)
{
  static const char key[] = "liaison-job-kept-connection";
  LiaisonJobConnection *connection;

  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);

  connection = g_object_get_data (G_OBJECT (store), key);
  if (connection == NULL)
    {
      connection = liaison_job_connection_new (liaison_store_get_path (store));
      g_object_set_data_full (G_OBJECT (store), key, connection,
                              (GDestroyNotify) liaison_job_connection_unref);
    }
  return liaison_job_connection_ref (connection);
}

typedef struct
{
  LiaisonJobConnection *connection;
  LiaisonJobFunc        func;
  gpointer              data;
  GDestroyNotify        data_free;
  LiaisonJobDone        done;      /* or %NULL, for liaison_job_run_async() */
  GCancellable        **latest;    /* liaison_job_run_latest()'s, or %NULL */
} Job;

static void
job_free (Job *job)
{
  if (job->data_free != NULL && job->data != NULL)
    job->data_free (job->data);
  g_clear_pointer (&job->connection, liaison_job_connection_unref);
  g_free (job);
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  LiaisonJobConnection *connection = job->connection;
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GError) error = NULL;
  guint attempt = 0;
  gboolean ok;

  /* Given up before it began. */
  if (g_task_return_error_if_cancelled (task))
    return;

  locker = g_mutex_locker_new (&connection->lock);
  if (connection->store == NULL &&
      (connection->store = liaison_store_open_existing (connection->path, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Reads a server aborted for another's sake run again; a write has run
   * again in the store already, and its error says it gave up. */
  while (!(ok = job->func (connection->store, job->data, cancellable, &error)) &&
         !g_cancellable_is_cancelled (cancellable) &&
         liaison_store_retry (connection->store, &attempt, &error))
    ;
  if (!ok)
    {
      /* A kept connection to a server that failed (lost, most often) is
       * opened again by the next job, instead of failing every one. */
      if (liaison_store_path_is_server (connection->path) && !g_cancellable_is_cancelled (cancellable) &&
          g_error_matches (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE))
        g_clear_object (&connection->store);
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    g_task_return_boolean (task, TRUE);
}

/* Runs @func on @connection in a worker thread, reporting to @callback. */
static void
run_task (gpointer              source_object,
          LiaisonJobConnection *connection,
          LiaisonJobFunc        func,
          gpointer              data,
          GDestroyNotify        data_free,
          LiaisonJobDone        done,
          GCancellable        **latest,
          GCancellable         *cancellable,
          GAsyncReadyCallback   callback,
          gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  job = g_new0 (Job, 1);
  job->connection = connection;
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->done = done;
  job->latest = latest;

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_job_run);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  /* What the job did, not whether someone asked it to stop meanwhile: a
   * job that finished before it saw the cancellation has done its work. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, job_thread);
}

static void
report_done (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  liaison_job_finish (result, &error);
  if (job->latest != NULL)
    {
      /* A newer job took over, or the object gave the job up. */
      if (*job->latest != g_task_get_cancellable (G_TASK (result)))
        return;
      g_clear_object (job->latest);
    }
  job->done (source_object, job->data, error);
}

/**
 * liaison_job_run:
 * @source_object: (nullable): what the job is for; kept alive until it is done
 * @connection: (transfer full): the worker connection to run on:
 *   liaison_job_connection_new() for a job of its own,
 *   liaison_job_connection_ref() of one kept, or liaison_job_connection_kept()
 * @func: the work, run in a worker thread
 * @data: (transfer full): what @func works with and on
 * @data_free: (nullable): frees @data when the job is gone
 * @cancellable: (nullable): stops the job; it then reports %G_IO_ERROR_CANCELLED
 * @done: called on the main thread when the job is done
 *
 * Runs @func on @connection in a worker thread; jobs on one connection run
 * one after another.
 */
void
liaison_job_run (gpointer              source_object,
                 LiaisonJobConnection *connection,
                 LiaisonJobFunc        func,
                 gpointer              data,
                 GDestroyNotify        data_free,
                 GCancellable         *cancellable,
                 LiaisonJobDone        done)
{
  g_return_if_fail (source_object == NULL || G_IS_OBJECT (source_object));
  g_return_if_fail (connection != NULL);
  g_return_if_fail (func != NULL);
  g_return_if_fail (done != NULL);

  run_task (source_object, connection, func, data, data_free, done, NULL, cancellable, report_done, NULL);
}

/**
 * liaison_job_run_latest:
 * @source_object: what the job is for; kept alive until it is done
 * @latest: where @source_object keeps the cancellable of its latest job of
 *   this kind, or %NULL when none is under way
 *
 * Runs @func as liaison_job_run() does, as the latest of its kind: it
 * cancels the job @latest says is under way and puts its own cancellable
 * there. Only the latest reports: @done is called when the job is done if
 * @latest still holds its cancellable, which is then cleared. Whatever
 * clears or replaces @latest meanwhile gives the job up.
 */
void
liaison_job_run_latest (gpointer              source_object,
                        LiaisonJobConnection *connection,
                        LiaisonJobFunc        func,
                        gpointer              data,
                        GDestroyNotify        data_free,
                        GCancellable        **latest,
                        LiaisonJobDone        done)
{
  g_return_if_fail (G_IS_OBJECT (source_object));
  g_return_if_fail (connection != NULL);
  g_return_if_fail (func != NULL);
  g_return_if_fail (latest != NULL);
  g_return_if_fail (done != NULL);

  if (*latest != NULL)
    g_cancellable_cancel (*latest);
  g_clear_object (latest);
  *latest = g_cancellable_new ();
  run_task (source_object, connection, func, data, data_free, done, latest, *latest, report_done, NULL);
}

/**
 * liaison_job_run_async:
 *
 * Runs @func as liaison_job_run() does, for an asynchronous function of
 * GIO's kind: @callback calls liaison_job_finish().
 */
void
liaison_job_run_async (LiaisonJobConnection *connection,
                       LiaisonJobFunc        func,
                       gpointer              data,
                       GDestroyNotify        data_free,
                       GCancellable         *cancellable,
                       GAsyncReadyCallback   callback,
                       gpointer              user_data)
{
  g_return_if_fail (connection != NULL);
  g_return_if_fail (func != NULL);

  run_task (NULL, connection, func, data, data_free, NULL, NULL, cancellable, callback, user_data);
}

/**
 * liaison_job_finish:
 *
 * Returns: whether the job's function succeeded (and the job was not
 *   cancelled meanwhile)
 */
gboolean
liaison_job_finish (GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_job_run, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
