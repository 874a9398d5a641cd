/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-job"

#include "config.h"

#include <glib/gstdio.h>

#include "liaison-error.h"
#include "liaison-job.h"
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
  gboolean  done;
  gboolean  ok;
  GError   *error;
  GThread  *thread;
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

  liaison_job_run (NULL, fixture->path, count_rows, &work, NULL, NULL, job_done, &outcome);
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

  liaison_job_run (NULL, fixture->path, count_rows, &work, NULL, NULL, job_done, &outcome);
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
  liaison_job_run (NULL, fixture->path, count_rows, &work, NULL, cancellable, job_done, &outcome);
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
    liaison_job_run_on (NULL, connection, count_rows, &works[i], NULL, NULL, job_done, &outcomes[i]);
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

  liaison_job_run (NULL, gone, count_rows, &work, NULL, NULL, job_done, &outcome);
  g_assert_true (liaison_test_wait (is_done, &outcome, 10000));

  g_assert_false (outcome.ok);
  g_assert_nonnull (outcome.error);
  g_assert_null (work.worker_thread);
  g_assert_false (g_file_test (gone, G_FILE_TEST_EXISTS));
  g_clear_error (&outcome.error);
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

  return g_test_run ();
}
