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
  gboolean      done;
  gboolean      ok;
  GError       *error;
  GThread      *thread;
} Outcome;

typedef struct
{
  LiaisonStore *main_store;
  GThread      *main_thread;
  GThread      *worker_thread;
  LiaisonStore *worker_store;   /* not owned: only compared */
  gint64        count;
  gint          inside;         /* jobs running when this one began, itself included */
  gboolean      fail;
  Outcome       outcome;
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

static void
note_outcome (Outcome      *outcome,
              const GError *error)
{
  outcome->ok = error == NULL;
  outcome->error = error != NULL ? g_error_copy (error) : NULL;
  outcome->thread = g_thread_self ();
  outcome->done = TRUE;
}

static void
job_done (gpointer      source_object,
          gpointer      data,
          const GError *error)
{
  note_outcome (&((Work *) data)->outcome, error);
}

/* What read_done() saw of the list's rows, before the job's data went. */
static struct
{
  Outcome outcome;
  gint64  total;
  guint   n_ids;
} listed;

static void
read_done (gpointer      source_object,
           gpointer      data,
           const GError *error)
{
  LiaisonQueryJob *found = data;

  listed.total = found->total;
  listed.n_ids = found->ids != NULL ? found->ids->len : 0;
  note_outcome (&listed.outcome, error);
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
  Outcome *outcome = &work.outcome;

  liaison_test_add_row (fixture->store, "10.0.0.1", "10.0.0.2", "80", NULL);
  liaison_test_add_row (fixture->store, "10.0.0.3", "10.0.0.2", "80", NULL);

  liaison_job_run (NULL, liaison_job_connection_new (fixture->path), count_rows, &work, NULL, NULL, job_done);
  g_assert_true (liaison_test_wait (is_done, outcome, 10000));

  g_assert_no_error (outcome->error);
  g_assert_true (outcome->ok);
  g_assert_cmpint (work.count, ==, 2);
  g_assert_true (work.worker_thread != work.main_thread);
  g_assert_true (work.worker_store != work.main_store);
  g_assert_true (outcome->thread == work.main_thread);
}

/* What the function says went wrong is what the job reports. */
static void
test_reports_errors (Fixture       *fixture,
                     gconstpointer  data)
{
  Work work = { fixture->store, g_thread_self (), .fail = TRUE };
  Outcome *outcome = &work.outcome;

  liaison_job_run (NULL, liaison_job_connection_new (fixture->path), count_rows, &work, NULL, NULL, job_done);
  g_assert_true (liaison_test_wait (is_done, outcome, 10000));

  g_assert_false (outcome->ok);
  g_assert_error (outcome->error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
  g_assert_cmpstr (outcome->error->message, ==, "the job failed as asked");
  g_clear_error (&outcome->error);
}

/* A job given up before it began never runs. */
static void
test_cancelled_before_it_began (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Work work = { fixture->store, g_thread_self () };
  Outcome *outcome = &work.outcome;

  g_cancellable_cancel (cancellable);
  liaison_job_run (NULL, liaison_job_connection_new (fixture->path), count_rows, &work, NULL, cancellable, job_done);
  g_assert_true (liaison_test_wait (is_done, outcome, 10000));

  g_assert_false (outcome->ok);
  g_assert_error (outcome->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (work.worker_thread);
  g_clear_error (&outcome->error);
}

/* Jobs on a kept connection share it, one at a time. */
static void
test_kept_connection (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(LiaisonJobConnection) connection = liaison_job_connection_new (fixture->path);
  Work works[4] = { { 0 } };

  for (guint i = 0; i < G_N_ELEMENTS (works); i++)
    liaison_job_run (NULL, liaison_job_connection_ref (connection), count_rows, &works[i], NULL, NULL, job_done);
  for (guint i = 0; i < G_N_ELEMENTS (works); i++)
    {
      g_assert_true (liaison_test_wait (is_done, &works[i].outcome, 10000));
      g_assert_true (works[i].outcome.ok);
      g_assert_true (works[i].worker_store == works[0].worker_store);
      g_assert_cmpint (works[i].inside, ==, 1);
    }
}

/* Whether the jobs for @user_data, an object, are gone: they held it. */
static gboolean
is_let_go (gpointer user_data)
{
  return g_atomic_int_get (&((GObject *) user_data)->ref_count) == 1;
}

/* Of two jobs of a kind for one object, only the latest reports: the one
 * before it is cancelled, and what it did is not told. */
static void
test_only_the_latest_reports (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GObject) owner = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(LiaisonJobConnection) connection = liaison_job_connection_new (fixture->path);
  Work first = { fixture->store, g_thread_self () };
  Work second = { fixture->store, g_thread_self () };
  GCancellable *latest = NULL;
  GCancellable *first_cancellable;

  liaison_test_add_row (fixture->store, "10.0.0.1", "10.0.0.2", "80", NULL);

  liaison_job_run_latest (owner, liaison_job_connection_ref (connection), count_rows, &first, NULL, &latest, job_done);
  first_cancellable = latest;
  g_assert_nonnull (first_cancellable);
  liaison_job_run_latest (owner, liaison_job_connection_ref (connection), count_rows, &second, NULL, &latest, job_done);
  g_assert_true (latest != first_cancellable);
  g_assert_true (g_cancellable_is_cancelled (first_cancellable));

  g_assert_true (liaison_test_wait (is_let_go, owner, 10000));
  g_assert_true (second.outcome.done);
  g_assert_true (second.outcome.ok);
  g_assert_cmpint (second.count, ==, 1);
  g_assert_false (first.outcome.done);
  g_assert_null (latest);
}

/* A worker's connection goes to a database that exists: a file gone
 * meanwhile is an error, never a new, empty database. */
static void
test_database_gone (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *gone = g_build_filename (fixture->dir, "gone.db", NULL);
  Work work = { fixture->store, g_thread_self () };
  Outcome *outcome = &work.outcome;

  liaison_job_run (NULL, liaison_job_connection_new (gone), count_rows, &work, NULL, NULL, job_done);
  g_assert_true (liaison_test_wait (is_done, outcome, 10000));

  g_assert_false (outcome->ok);
  g_assert_nonnull (outcome->error);
  g_assert_null (work.worker_thread);
  g_assert_false (g_file_test (gone, G_FILE_TEST_EXISTS));
  g_clear_error (&outcome->error);
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
  Outcome *outcome = &listed.outcome;
  g_autoptr(LiaisonJobConnection) connection = liaison_job_connection_new (fixture->path);
  g_autoptr(GError) error = NULL;
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
                   (GDestroyNotify) liaison_query_job_free, NULL, read_done);
  g_assert_true (liaison_test_wait (is_done, outcome, 10000));
  g_assert_no_error (outcome->error);
  g_assert_true (outcome->ok);
  g_assert_cmpint (listed.total, ==, 3);
  g_assert_cmpuint (listed.n_ids, ==, 3);

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
  liaison_test_add ("/job/only-the-latest-reports", test_only_the_latest_reports, &database);
  liaison_test_add ("/job/database-gone", test_database_gone, &database);
  /* A file has no such failure. */
  if (liaison_test_pg_configured ())
    liaison_test_add ("/job/read-again-on-server", test_read_again_on_server, &database);

  return g_test_run ();
}
