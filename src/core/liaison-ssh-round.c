/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-ssh-round"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-error.h"
#include "liaison-live-sample.h"
#include "liaison-ssh-round.h"
#include "liaison-store.h"

/*
 * A round of remote samples: every host of a list sampled over SSH once,
 * up to `jobs` ssh processes at a time, each within the time limit per
 * host. A host's answer is parsed and filed in a worker thread, one host
 * after the other on one database connection, each host its own
 * transaction, while the other hosts' ssh go on. One host that fails says
 * why in its result and takes nothing from the others.
 *
 * Cancelling stops every ssh under way and starts no other; the sample
 * being filed at that moment is filed, the ones waiting are not.
 *
 * Everything but the worker runs on the global default main context.
 */

struct _LiaisonSshRound
{
  GObject             parent_instance;

  LiaisonSshSettings  settings;
  GPtrArray          *hosts;
  guint               jobs;
  char               *database_path;     /* NULL: a test, nothing is filed */
  gint64              period;

  GTask              *task;              /* the round's, while it runs */
  GSource            *cancelled_source;
  gboolean            cancelled;
  guint               next;              /* the next host to start */
  GPtrArray          *running;           /* HostRun: ssh under way */
  GQueue              waiting;           /* HostRun: answered, waiting for the worker */
  gboolean            working;
  LiaisonStore       *store;             /* the worker's connection */
  guint               done;
  guint               failed;
};

G_DEFINE_FINAL_TYPE (LiaisonSshRound, liaison_ssh_round, G_TYPE_OBJECT)

enum {
  HOST_DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  LiaisonSshRound  *round;
  LiaisonSshShell   shell;
  GSubprocess      *process;
  GCancellable     *cancellable;
  guint             timeout_id;
  gboolean          timed_out;
  gint64            deadline;          /* monotonic, microseconds */
  LiaisonSshOutput *output;
  LiaisonSshResult  result;
} HostRun;

static void start_next (LiaisonSshRound *self);

static void
host_run_free (HostRun *run)
{
  g_clear_handle_id (&run->timeout_id, g_source_remove);
  g_clear_object (&run->process);
  g_clear_object (&run->cancellable);
  g_clear_pointer (&run->output, liaison_ssh_output_free);
  g_free (run->result.host);
  g_free (run->result.device);
  g_free (run->result.tool);
  g_clear_error (&run->result.error);
  g_free (run);
}

static void
check_finished (LiaisonSshRound *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->task == NULL || self->running->len > 0 || self->working ||
      !g_queue_is_empty (&self->waiting) || (self->next < self->hosts->len && !self->cancelled))
    return;

  task = g_steal_pointer (&self->task);
  if (self->cancelled_source != NULL)
    {
      g_source_destroy (self->cancelled_source);
      g_clear_pointer (&self->cancelled_source, g_source_unref);
    }

  if (self->cancelled)
    g_task_return_new_error (task, LIAISON_ERROR, LIAISON_ERROR_CANCELLED,
                             _("the round was cancelled after %u of %u hosts"),
                             self->done, self->hosts->len);
  else
    g_task_return_boolean (task, TRUE);
}

/* @run is over: tell, and forget it. */
static void
report (LiaisonSshRound *self,
        HostRun         *run)
{
  self->done++;
  if (run->result.error != NULL &&
      !g_error_matches (run->result.error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE))
    self->failed++;

  g_signal_emit (self, signals[HOST_DONE], 0, &run->result);
  host_run_free (run);
}

/* The worker ------------------------------------------------------------------- */

static void
file_answer (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LiaisonSshRound *self = source_object;
  HostRun *run = task_data;
  LiaisonSshResult *result = &run->result;
  g_autoptr(LiaisonNetstatTable) table = NULL;
  g_autofree char *name = g_strdup_printf ("%s (%s)", result->host, result->tool);
  g_autofree char *sample_name = g_strdup_printf ("ssh %s", result->host);
  LiaisonLiveSample sample = { 0 };
  gsize length = 0;
  const char *data = g_bytes_get_data (run->output->table, &length);

  table = liaison_netstat_parse (name, data != NULL ? data : "", length, &result->error);
  if (table == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  result->sockets = table->sockets->len;

  if (self->database_path == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (self->store == NULL)
    self->store = liaison_store_open_existing (self->database_path, &result->error);

  sample.host = result->device;
  sample.name = sample_name;
  sample.time = result->time;
  sample.period = self->period;
  sample.table = table;
  if (self->store != NULL)
    result->imported = liaison_live_sample_import (self->store, &sample, &result->summary,
                                                   &result->error);

  g_task_return_boolean (task, TRUE);
}

static void kick_worker (LiaisonSshRound *self);

static void
on_filed (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  LiaisonSshRound *self = LIAISON_SSH_ROUND (object);
  HostRun *run = g_task_get_task_data (G_TASK (result));

  self->working = FALSE;
  report (self, run);
  kick_worker (self);
  check_finished (self);
}

static void
kick_worker (LiaisonSshRound *self)
{
  g_autoptr(GTask) task = NULL;
  HostRun *run;

  if (self->working)
    return;

  /* Cancelled: what waits is not filed. */
  if (self->cancelled)
    while ((run = g_queue_pop_head (&self->waiting)) != NULL)
      host_run_free (run);

  if ((run = g_queue_pop_head (&self->waiting)) == NULL)
    return;

  self->working = TRUE;
  task = g_task_new (self, NULL, on_filed, NULL);
  g_task_set_source_tag (task, kick_worker);
  g_task_set_task_data (task, run, NULL);
  g_task_run_in_thread (task, file_answer);
}

/* ssh ----------------------------------------------------------------------- */

static void launch (LiaisonSshRound *self,
                    HostRun         *run);

static void
run_failed (LiaisonSshRound *self,
            HostRun         *run,
            GError          *error)
{
  g_ptr_array_remove (self->running, run);
  run->result.error = error;
  run->result.time = liaison_time_now ();
  report (self, run);
  start_next (self);
  check_finished (self);
}

static gboolean
on_timeout (gpointer user_data)
{
  HostRun *run = user_data;

  run->timeout_id = 0;
  run->timed_out = TRUE;
  g_subprocess_force_exit (run->process);
  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_REMOVE;
}

static GError *
timeout_error (LiaisonSshRound *self,
               HostRun         *run)
{
  char limit[LIAISON_TIME_STRLEN];

  liaison_duration_format (self->settings.time_limit, limit);
  return g_error_new (LIAISON_ERROR, LIAISON_ERROR_IO,
                      _("%s: no answer within %s (the time limit per host)"),
                      run->result.host, limit);
}

static void
on_communicated (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GSubprocess *process = G_SUBPROCESS (object);
  HostRun *run = user_data;
  LiaisonSshRound *self = run->round;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  gboolean other_shell = FALSE;
  int status;

  g_clear_handle_id (&run->timeout_id, g_source_remove);

  if (!g_subprocess_communicate_finish (process, result, &out, &err, &error))
    {
      if (run->timed_out)
        run_failed (self, run, timeout_error (self, run));
      else if (self->cancelled)
        {
          g_ptr_array_remove (self->running, run);
          host_run_free (run);
          check_finished (self);
        }
      else
        run_failed (self, run, g_error_new (LIAISON_ERROR, LIAISON_ERROR_IO, "%s: %s",
                                            run->result.host, error->message));
      return;
    }

  status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  run->output = liaison_ssh_output_read (run->result.host, run->shell, out, err, status,
                                         &other_shell, &error);
  if (run->output == NULL && other_shell && !self->cancelled)
    {
      /* Not a POSIX shell: a Windows OpenSSH server, perhaps. */
      run->shell = LIAISON_SSH_SHELL_WINDOWS;
      launch (self, run);
      return;
    }
  if (run->output == NULL)
    {
      run_failed (self, run, g_steal_pointer (&error));
      return;
    }

  run->result.time = liaison_time_now ();
  run->result.device = g_strdup (run->output->device);
  run->result.tool = g_strdup (run->output->tool);
  run->result.sudo_refused = run->output->sudo_refused;

  g_ptr_array_remove (self->running, run);
  g_queue_push_tail (&self->waiting, run);
  kick_worker (self);
  start_next (self);
}

static void
launch (LiaisonSshRound *self,
        HostRun         *run)
{
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  gint64 left = (run->deadline - g_get_monotonic_time ()) / 1000;

  g_clear_object (&run->process);
  if (left <= 0)
    {
      run_failed (self, run, timeout_error (self, run));
      return;
    }

  argv = liaison_ssh_argv (&self->settings, run->result.host, run->shell);
  run->process = g_subprocess_newv ((const char * const *) argv,
                                    G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                    G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                    &error);
  if (run->process == NULL)
    {
      run_failed (self, run, g_error_new (LIAISON_ERROR, LIAISON_ERROR_UNSUPPORTED,
                                          _("%s: cannot run %s: %s"), run->result.host, argv[0],
                                          error->message));
      return;
    }

  run->timeout_id = g_timeout_add ((guint) MIN (left, G_MAXUINT), on_timeout, run);
  /* Nothing to read: ssh gets an empty stdin, never the terminal. */
  g_subprocess_communicate_async (run->process, empty, run->cancellable, on_communicated, run);
}

static void
start_next (LiaisonSshRound *self)
{
  while (!self->cancelled && self->running->len < self->jobs && self->next < self->hosts->len)
    {
      HostRun *run = g_new0 (HostRun, 1);

      run->round = self;
      run->shell = LIAISON_SSH_SHELL_POSIX;
      run->cancellable = g_cancellable_new ();
      run->deadline = g_get_monotonic_time () + self->settings.time_limit * 1000;
      run->result.host = g_strdup (g_ptr_array_index (self->hosts, self->next));
      self->next++;

      g_ptr_array_add (self->running, run);
      launch (self, run);
    }
}

static gboolean
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  LiaisonSshRound *self = user_data;

  self->cancelled = TRUE;
  for (guint i = 0; i < self->running->len; i++)
    {
      HostRun *run = g_ptr_array_index (self->running, i);

      if (run->process != NULL)
        g_subprocess_force_exit (run->process);
      g_cancellable_cancel (run->cancellable);
    }
  kick_worker (self);
  check_finished (self);

  g_clear_pointer (&self->cancelled_source, g_source_unref);
  return G_SOURCE_REMOVE;
}

/* GObject ------------------------------------------------------------------ */

static void
liaison_ssh_round_finalize (GObject *object)
{
  LiaisonSshRound *self = (LiaisonSshRound *)object;

  g_assert (self->task == NULL);

  liaison_ssh_settings_clear (&self->settings);
  g_clear_pointer (&self->hosts, g_ptr_array_unref);
  g_clear_pointer (&self->running, g_ptr_array_unref);
  g_clear_pointer (&self->database_path, g_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (liaison_ssh_round_parent_class)->finalize (object);
}

static void
liaison_ssh_round_class_init (LiaisonSshRoundClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = liaison_ssh_round_finalize;

  /**
   * LiaisonSshRound::host-done:
   * @result: (type gpointer): a LiaisonSshResult, valid during the emission
   *
   * A host was sampled (and its sample filed), skipped, or failed.
   */
  signals[HOST_DONE] =
    g_signal_new ("host-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
liaison_ssh_round_init (LiaisonSshRound *self)
{
  self->hosts = g_ptr_array_new_with_free_func (g_free);
  self->running = g_ptr_array_new ();
  g_queue_init (&self->waiting);
}

/**
 * liaison_ssh_round_new:
 * @settings: how to run ssh (copied)
 * @hosts: the hosts, each accepted by liaison_ssh_check_host()
 * @jobs: how many hosts at a time, at least 1
 * @database_path: (nullable): the database the samples go into; %NULL to
 *   only test the hosts
 * @period: the period of the schedule the round belongs to, in
 *   milliseconds; 0 for a round started by hand
 */
LiaisonSshRound *
liaison_ssh_round_new (const LiaisonSshSettings *settings,
                       const char * const       *hosts,
                       guint                     jobs,
                       const char               *database_path,
                       gint64                    period)
{
  LiaisonSshRound *self;

  g_return_val_if_fail (settings != NULL, NULL);
  g_return_val_if_fail (hosts != NULL, NULL);
  g_return_val_if_fail (jobs > 0, NULL);

  self = g_object_new (LIAISON_TYPE_SSH_ROUND, NULL);
  self->settings.program = g_strdup (settings->program);
  self->settings.config_file = g_strdup (settings->config_file);
  self->settings.options = g_strdupv (settings->options);
  self->settings.sudo = settings->sudo;
  self->settings.time_limit = settings->time_limit > 0 ? settings->time_limit : LIAISON_SSH_DEFAULT_TIME_LIMIT;
  for (guint i = 0; hosts[i] != NULL; i++)
    {
      g_return_val_if_fail (liaison_ssh_check_host (hosts[i], NULL), self);
      g_ptr_array_add (self->hosts, g_strdup (hosts[i]));
    }
  self->jobs = jobs;
  self->database_path = g_strdup (database_path);
  self->period = period;

  return self;
}

/**
 * liaison_ssh_round_run:
 * @cancellable: (nullable): cancels the round, from the main context
 *
 * Samples every host; LiaisonSshRound::host-done tells each one's result
 * as it comes. A round runs once.
 */
void
liaison_ssh_round_run (LiaisonSshRound     *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (LIAISON_IS_SSH_ROUND (self));
  g_return_if_fail (self->task == NULL && self->next == 0);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, liaison_ssh_round_run);
  /* A cancelled round says how far it got. */
  g_task_set_check_cancellable (self->task, FALSE);

  if (cancellable != NULL)
    {
      self->cancelled_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (self->cancelled_source, G_SOURCE_FUNC (on_cancelled), self, NULL);
      g_source_attach (self->cancelled_source, NULL);
    }

  start_next (self);
  check_finished (self);
}

/**
 * liaison_ssh_round_run_finish:
 *
 * Returns: %TRUE when every host had its turn (each host's own failure is
 *   in its result), %FALSE with %LIAISON_ERROR_CANCELLED when the round was
 *   cancelled
 */
gboolean
liaison_ssh_round_run_finish (LiaisonSshRound  *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

guint
liaison_ssh_round_get_total (LiaisonSshRound *self)
{
  g_return_val_if_fail (LIAISON_IS_SSH_ROUND (self), 0);

  return self->hosts->len;
}

/* Hosts done so far: sampled, skipped or failed. */
guint
liaison_ssh_round_get_done (LiaisonSshRound *self)
{
  g_return_val_if_fail (LIAISON_IS_SSH_ROUND (self), 0);

  return self->done;
}

guint
liaison_ssh_round_get_failed (LiaisonSshRound *self)
{
  g_return_val_if_fail (LIAISON_IS_SSH_ROUND (self), 0);

  return self->failed;
}
