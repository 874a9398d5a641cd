/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-job"

#include "config.h"

#include <glib/gstdio.h>

#include "liaison-communication-fetch.h"
#include "liaison-error.h"
#include "liaison-job.h"
#include "liaison-store-private.h"
#include "liaison-test-utils.h"

/*
 * The job helper: work on the database in a worker thread, on a connection
 * of the worker's own, reported back on the main thread.
 */

typedef LiaisonTestFixture Fixture;

static const LiaisonTestSetup database = { LIAISON_TEST_DATABASE };

typedef struct
{
  LiaisonStore *main_store;
  GThread      *main_thread;
  GThread      *worker_thread;
  LiaisonStore *worker_store;   /* not owned: only compared */
  gint64        count;
  gint          inside;         /* jobs running when this one began, itself included */
  gboolean      fail;
} Work;

/* How many jobs are running now, over all of them. */
static gint jobs_running;

static gboolean
count_rows (LiaisonStore  *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Work *work = data;

  work->inside = g_atomic_int_add (&jobs_running, 1) + 1;
  work->worker_thread = g_thread_self ();
  work->worker_store = store;
  g_usleep (20000);
  work->count = liaison_store_count_communications (store, error);
  g_atomic_int_add (&jobs_running, -1);

  if (work->fail)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID, "the job failed as asked");
      return FALSE;
    }
  return work->count >= 0;
}

typedef struct
{
  gboolean      done;
  gboolean      ok;
  GError       *error;
  GThread      *thread;
  GAsyncResult *result;   /* read_done()'s, which keeps it */
  gpointer      data;     /* the job's data, as long as @result lives */
} Outcome;

static void
job_done (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->ok = liaison_job_finish (result, &outcome->error);
  outcome->thread = g_thread_self ();
  outcome->done = TRUE;
}

/* job_done(), keeping the result and with it the job's data. */
static void
read_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->result = g_object_ref (result);
  outcome->data = liaison_job_get_data (result);
  job_done (object, result, user_data);
}

static gboolean
is_done (gpointer user_data)
{
  return ((Outcome *) user_data)->done;
}

/* A job sees what the main connection committed, from a thread and a
 * connection of its own, and reports back on the main thread. */
static void
test_runs_on_its_own_connection (Fixture       *fixture,
                                 gconstpointer  data)
{
  Work work = { fixture->store, g_thread_self () };
  Outcome outcome = { 0 };

  liaison_test_add_row (fixture->store, "10.0.0.1", "10.0.0.2", "80", NULL);
  liaison_test_add_row (fixture->store, "10.0.0.3", "10.0.0.2", "80", NULL);

  liaison_job_run (NULL, liaison_job_connection_new (fixture->path), count_rows, &work, NULL, NULL, job_done, &outcome);
  g_assert_true (liaison_test_wait (is_done, &outcome, 10000));

  g_assert_no_error (outcome.error);
  g_assert_true (outcome.ok);
  g_assert_cmpint (work.count, ==, 2);
  g_assert_true (work.worker_thread != work.main_thread);
  g_assert_true (work.worker_store != work.main_store);
  g_assert_true (outcome.thread == work.main_thread);
}

/* What the function says went wrong is what the job reports. */
static void
test_reports_errors (Fixture       *fixture,
                     gconstpointer  data)
{
  Work work = { fixture->store, g_thread_self (), .fail = TRUE };
  Outcome outcome = { 0 };

  liaison_job_run (NULL, liaison_job_connection_new (fixture->path), count_rows, &work, NULL, NULL, job_done, &outcome);
  g_assert_true (liaison_test_wait (is_done, &outcome, 10000));

  g_assert_false (outcome.ok);
  g_assert_error (outcome.error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
  g_assert_cmpstr (outcome.error->message, ==, "the job failed as asked");
  g_clear_error (&outcome.error);
}

/* A job given up before it began never runs. */
static void
test_cancelled_before_it_began (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Work work = { fixture->store, g_thread_self () };
  Outcome outcome = { 0 };

  g_cancellable_cancel (cancellable);
  liaison_job_run (NULL, liaison_job_connection_new (fixture->path), count_rows, &work, NULL, cancellable, job_done, &outcome);
  g_assert_true (liaison_test_wait (is_done, &outcome, 10000));

  g_assert_false (outcome.ok);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (work.worker_thread);
  g_clear_error (&outcome.error);
}

/* Jobs on a kept connection share it, one at a time. */
static void
test_kept_connection (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(LiaisonJobConnection) connection = liaison_job_connection_new (fixture->path);
  Work works[4] = { { 0 } };
  Outcome outcomes[4] = { { 0 } };

  for (guint i = 0; i < G_N_ELEMENTS (works); i++)
    liaison_job_run (NULL, liaison_job_connection_ref (connection), count_rows, &works[i], NULL, NULL, job_done, &outcomes[i]);
  for (guint i = 0; i < G_N_ELEMENTS (works); i++)
    {
      g_assert_true (liaison_test_wait (is_done, &outcomes[i], 10000));
      g_assert_true (outcomes[i].ok);
      g_assert_true (works[i].worker_store == works[0].worker_store);
      g_assert_cmpint (works[i].inside, ==, 1);
    }
}

/* A worker's connection goes to a database that exists: a file gone
 * meanwhile is an error, never a new, empty database. */
static void
test_database_gone (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *gone = g_build_filename (fixture->dir, "gone.db", NULL);
  Work work = { fixture->store, g_thread_self () };
  Outcome outcome = { 0 };

  liaison_job_run (NULL, liaison_job_connection_new (gone), count_rows, &work, NULL, NULL, job_done, &outcome);
  g_assert_true (liaison_test_wait (is_done, &outcome, 10000));

  g_assert_false (outcome.ok);
  g_assert_nonnull (outcome.error);
  g_assert_null (work.worker_thread);
  g_assert_false (g_file_test (gone, G_FILE_TEST_EXISTS));
  g_clear_error (&outcome.error);
}

/* A read that the server aborts for another's sake is read again: the
 * list's read fails once (a row-level security policy on communication
 * raises a serialization failure on a connection's first read, and takes
 * a lock that says so), and the list still gets every row. */
static void
test_read_again_on_server (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *schema = fixture->pg->schema;
  g_autofree char *sql = NULL;
  LiaisonQueryJob *job = g_new0 (LiaisonQueryJob, 1);
  Outcome outcome = { 0 };
  g_autoptr(LiaisonJobConnection) connection = liaison_job_connection_new (fixture->path);
  g_autoptr(GError) error = NULL;
  LiaisonQueryJob *found;
  gint64 locks = 0;

  liaison_test_add_row (fixture->store, "10.0.0.1", "10.0.0.2", "80", NULL);
  liaison_test_add_row (fixture->store, "10.0.0.3", "10.0.0.2", "80", NULL);
  liaison_test_add_row (fixture->store, "10.0.0.4", "10.0.0.2", "443", NULL);

  sql = g_strdup_printf ("CREATE FUNCTION %s.fail_read () RETURNS boolean LANGUAGE plpgsql AS $$"
                         " BEGIN"
                         "  IF NOT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory'"
                         "                 AND objid = 1282015490 AND pid = pg_backend_pid ())"
                         "     AND pg_try_advisory_lock (1282015490) THEN"
                         "   RAISE EXCEPTION 'could not serialize access' USING ERRCODE = 'serialization_failure';"
                         "  END IF;"
                         "  RETURN true;"
                         " END $$;"
                         "CREATE POLICY fail_read ON %s.communication FOR SELECT USING (%s.fail_read ());"
                         "ALTER TABLE %s.communication ENABLE ROW LEVEL SECURITY;"
                         "ALTER TABLE %s.communication FORCE ROW LEVEL SECURITY",
                         schema, schema, schema, schema, schema);
  liaison_test_pg_exec (fixture->pg, sql);

  job->sort = LIAISON_COLUMN_ID;
  liaison_job_run (NULL, liaison_job_connection_ref (connection), liaison_query_job_run, job,
                   (GDestroyNotify) liaison_query_job_free, NULL, read_done, &outcome);
  g_assert_true (liaison_test_wait (is_done, &outcome, 10000));
  g_assert_no_error (outcome.error);
  g_assert_true (outcome.ok);
  found = outcome.data;
  g_assert_cmpint (found->total, ==, 3);
  g_assert_cmpuint (found->ids->len, ==, 3);
  g_clear_pointer (&outcome.result, g_object_unref);

  /* It did fail once: the worker's connection holds the lock it took. */
  g_assert_true (liaison_store_query_int (fixture->store,
                                          "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                                          " AND objid = 1282015490", &locks, &error));
  g_assert_no_error (error);
  g_assert_cmpint (locks, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  liaison_test_add ("/job/runs-on-its-own-connection", test_runs_on_its_own_connection, &database);
  liaison_test_add ("/job/reports-errors", test_reports_errors, &database);
  liaison_test_add ("/job/cancelled-before-it-began", test_cancelled_before_it_began, &database);
  liaison_test_add ("/job/kept-connection", test_kept_connection, &database);
  liaison_test_add ("/job/database-gone", test_database_gone, &database);
  /* A file has no such failure. */
  if (liaison_test_pg_configured ())
    liaison_test_add ("/job/read-again-on-server", test_read_again_on_server, &database);

  return g_test_run ();
}
