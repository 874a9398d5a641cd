/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "liaison-store.h"

G_BEGIN_DECLS

/*
 * Work on the database off the main thread. A job runs a function in a
 * worker thread on a database connection of the worker's own (an SQLite
 * connection belongs to one thread at a time) and reports back on the main
 * thread: with what it did to its data and the error, if any, as a
 * LiaisonJobDone; or, as a GTask does, to a callback that calls
 * liaison_job_finish().
 */

/* Runs in the worker thread; returns FALSE and sets @error on failure.
 * When a server aborts its reads for another's sake, it runs again from
 * the start (liaison_store_retry()): it puts what it found into @data only
 * once it has found it, so that a run that failed leaves @data as it was
 * given. */
typedef gboolean (*LiaisonJobFunc) (LiaisonStore  *store,
                                    gpointer       data,
                                    GCancellable  *cancellable,
                                    GError       **error);

/* A worker connection kept from one job to the next (its page cache stays
 * warm), used by one job at a time. */
typedef struct _LiaisonJobConnection LiaisonJobConnection;

LiaisonJobConnection *liaison_job_connection_new   (const char           *database_path);
LiaisonJobConnection *liaison_job_connection_ref   (LiaisonJobConnection *self);
LiaisonJobConnection *liaison_job_connection_kept  (LiaisonStore         *store);
void                  liaison_job_connection_unref (LiaisonJobConnection *self);

/* Runs on the main thread when a job is done: @data is the job's, with
 * what its function put there (freed once this returns); @error what went
 * wrong, %NULL when it succeeded (%G_IO_ERROR_CANCELLED when it was given
 * up before it began). */
typedef void (*LiaisonJobDone) (gpointer      source_object,
                                gpointer      data,
                                const GError *error);

void     liaison_job_run       (gpointer              source_object,
                                LiaisonJobConnection *connection,
                                LiaisonJobFunc        func,
                                gpointer              data,
                                GDestroyNotify        data_free,
                                GCancellable         *cancellable,
                                LiaisonJobDone        done);
void     liaison_job_run_latest (gpointer              source_object,
                                 LiaisonJobConnection *connection,
                                 LiaisonJobFunc        func,
                                 gpointer              data,
                                 GDestroyNotify        data_free,
                                 GCancellable        **latest,
                                 LiaisonJobDone        done);
void     liaison_job_run_async (LiaisonJobConnection *connection,
                                LiaisonJobFunc        func,
                                gpointer              data,
                                GDestroyNotify        data_free,
                                GCancellable         *cancellable,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data);
gboolean liaison_job_finish    (GAsyncResult         *result,
                                GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonJobConnection, liaison_job_connection_unref)

G_END_DECLS
