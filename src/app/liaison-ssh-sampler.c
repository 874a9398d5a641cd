/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-ssh-sampler"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "liaison-error.h"
#include "liaison-ssh-round.h"
#include "liaison-ssh-sampler.h"

/*
 * The remote hosts of the Hosts window: their list (the ssh-hosts
 * setting: hosts are a user's setting like their ssh config, not data of
 * one database, and liaison-cli takes its hosts as arguments), rounds over
 * all of them by hand or every N minutes while Liaison is open, a test of
 * one host that files nothing, and what each host said last.
 *
 * No password is ever asked for or kept: ssh runs in batch mode, with the
 * user's keys and agent.
 */

struct _LiaisonSshSampler
{
  GObject          parent_instance;

  LiaisonStore    *store;
  GSettings       *settings;
  LiaisonSchedule *schedule;
  LiaisonSshRound *round;          /* under way */
  GCancellable    *cancellable;
  gboolean         testing;        /* the round is a test */
  GHashTable      *states;         /* host -> LiaisonSshHostState */
};

G_DEFINE_FINAL_TYPE (LiaisonSshSampler, liaison_ssh_sampler, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_DONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  HOST_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
state_free (LiaisonSshHostState *state)
{
  g_free (state->text);
  g_free (state);
}

static LiaisonSshHostState *
ensure_state (LiaisonSshSampler *self,
              const char        *host)
{
  LiaisonSshHostState *state = g_hash_table_lookup (self->states, host);

  if (state == NULL)
    {
      state = g_new0 (LiaisonSshHostState, 1);
      state->time = LIAISON_TIME_NONE;
      g_hash_table_insert (self->states, g_strdup (host), state);
    }
  return state;
}

/* A host that could not even be asked. */
static void
set_state (LiaisonSshSampler *self,
           const char        *host,
           const char        *text)
{
  LiaisonSshHostState *state = ensure_state (self, host);

  g_free (state->text);
  state->text = g_strdup (text);
  state->failed = TRUE;
  state->time = liaison_time_now ();
  g_signal_emit (self, signals[HOST_CHANGED], 0, host);
}

/* What a host's result reads as in its row. */
static char *
result_text (const LiaisonSshResult *result,
             gboolean                testing)
{
  g_autofree char *text = NULL;

  if (result->error != NULL && !g_error_matches (result->error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE))
    {
      const char *message = result->error->message;
      gsize host_length = strlen (result->host);

      /* The row names the host already. */
      if (strncmp (message, result->host, host_length) == 0 && g_str_has_prefix (message + host_length, ": "))
        message += host_length + 2;
      return g_strdup (message);
    }

  if (testing)
    /* Translators: a test of a host that worked: “Works: db01 answers with
     * ss -tunapH, 42 sockets” */
    text = g_strdup_printf (ngettext ("Works: %s answers with %s, %u socket",
                                      "Works: %s answers with %s, %u sockets", result->sockets),
                            result->device, result->tool, result->sockets);
  else if (result->error != NULL)
    /* Translators: “Sampled as db01 with ss -tunapH: already sampled in the
     * 5m period from …; skipped” */
    text = g_strdup_printf (_("Sampled as %s with %s: %s"), result->device, result->tool,
                            result->error->message);
  else
    /* Translators: “Sampled as db01 with ss -tunapH: 3 new communications” */
    text = g_strdup_printf (ngettext ("Sampled as %s with %s: %u new communication",
                                      "Sampled as %s with %s: %u new communications",
                                      result->summary.new_communications),
                            result->device, result->tool, result->summary.new_communications);

  if (result->sudo_refused)
    {
      /* Translators: after what a host said, when sudo was asked for. */
      g_autofree char *more = g_strdup_printf (_("%s; without sudo (sudo -n was refused)"), text);

      return g_steal_pointer (&more);
    }
  return g_steal_pointer (&text);
}

static void
on_host_done (LiaisonSshRound        *round,
              const LiaisonSshResult *result,
              LiaisonSshSampler      *self)
{
  LiaisonSshHostState *state = ensure_state (self, result->host);

  g_free (state->text);
  state->text = result_text (result, self->testing);
  state->failed = result->error != NULL &&
                  !g_error_matches (result->error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE);
  state->time = result->time;
  state->busy = FALSE;

  /* Another connection wrote: tell this one's lists. */
  if (result->imported)
    liaison_store_changed (self->store);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE]);
  g_signal_emit (self, signals[HOST_CHANGED], 0, result->host);
}

static void
on_round_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  LiaisonSshSampler *self = user_data;
  GHashTableIter iter;
  gpointer host, value;

  liaison_ssh_round_run_finish (LIAISON_SSH_ROUND (object), result, NULL);

  g_clear_object (&self->round);
  g_clear_object (&self->cancellable);

  /* Hosts a cancelled round left keep what they said before. */
  g_hash_table_iter_init (&iter, self->states);
  while (g_hash_table_iter_next (&iter, &host, &value))
    if (((LiaisonSshHostState *) value)->busy)
      {
        ((LiaisonSshHostState *) value)->busy = FALSE;
        g_signal_emit (self, signals[HOST_CHANGED], 0, host);
      }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_object_unref (self);
}

static void
start_round (LiaisonSshSampler  *self,
             const char * const *listed,
             gboolean            testing,
             gint64              period)
{
  g_autofree char *config_file = g_settings_get_string (self->settings, "ssh-config-file");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) hosts = NULL;
  LiaisonSshSettings settings = { 0 };

  if (self->round != NULL)
    return;

  /* A host the setting got from elsewhere that ssh could take for an
   * option is never given to ssh: its row says why. */
  for (guint i = 0; listed[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      if (liaison_ssh_check_host (listed[i], &error))
        {
          g_strv_builder_add (builder, listed[i]);
          continue;
        }
      set_state (self, listed[i], error->message);
    }
  hosts = g_strv_builder_end (builder);
  if (hosts[0] == NULL)
    return;

  settings.program = "ssh";
  settings.config_file = *config_file != '\0' ? config_file : NULL;
  settings.sudo = g_settings_get_boolean (self->settings, "ssh-sudo");
  settings.time_limit = LIAISON_SSH_DEFAULT_TIME_LIMIT;

  self->testing = testing;
  self->round = liaison_ssh_round_new (&settings, (const char * const *) hosts,
                                       g_settings_get_uint (self->settings, "ssh-jobs"),
                                       testing ? NULL : liaison_store_get_path (self->store), period);
  self->cancellable = g_cancellable_new ();
  g_signal_connect (self->round, "host-done", G_CALLBACK (on_host_done), self);

  for (guint i = 0; hosts[i] != NULL; i++)
    {
      ensure_state (self, hosts[i])->busy = TRUE;
      g_signal_emit (self, signals[HOST_CHANGED], 0, hosts[i]);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE]);
  liaison_ssh_round_run (self->round, self->cancellable, on_round_done, g_object_ref (self));
}

/* A period of the schedule began: a round, unless the last one still runs
 * (then that period has none). */
static void
on_due (LiaisonSshSampler *self)
{
  g_auto(GStrv) hosts = liaison_ssh_sampler_dup_hosts (self);

  if (self->round != NULL)
    {
      g_message ("the round of the remote hosts still runs: the period that begins now has none");
      return;
    }
  start_round (self, (const char * const *) hosts, FALSE, liaison_schedule_get_period (self->schedule));
}

static void
liaison_ssh_sampler_dispose (GObject *object)
{
  LiaisonSshSampler *self = (LiaisonSshSampler *)object;

  g_clear_object (&self->schedule);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (liaison_ssh_sampler_parent_class)->dispose (object);
}

static void
liaison_ssh_sampler_finalize (GObject *object)
{
  LiaisonSshSampler *self = (LiaisonSshSampler *)object;

  g_clear_pointer (&self->states, g_hash_table_unref);

  G_OBJECT_CLASS (liaison_ssh_sampler_parent_class)->finalize (object);
}

static void
liaison_ssh_sampler_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LiaisonSshSampler *self = LIAISON_SSH_SAMPLER (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->round != NULL);
      break;

    case PROP_DONE:
      g_value_set_uint (value, liaison_ssh_sampler_get_done (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_ssh_sampler_class_init (LiaisonSshSamplerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = liaison_ssh_sampler_dispose;
  object_class->finalize = liaison_ssh_sampler_finalize;
  object_class->get_property = liaison_ssh_sampler_get_property;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DONE] =
    g_param_spec_uint ("done", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LiaisonSshSampler::host-changed:
   * @host: the host whose state changed
   */
  signals[HOST_CHANGED] =
    g_signal_new ("host-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
liaison_ssh_sampler_init (LiaisonSshSampler *self)
{
  self->states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) state_free);
  self->schedule = liaison_schedule_new ();
  g_signal_connect_object (self->schedule, "due", G_CALLBACK (on_due), self, G_CONNECT_SWAPPED);
}

/**
 * liaison_ssh_sampler_new:
 * @store: the database the samples go into (told when one went in)
 * @settings: the application's settings: the hosts and how to sample them
 */
LiaisonSshSampler *
liaison_ssh_sampler_new (LiaisonStore *store,
                         GSettings    *settings)
{
  LiaisonSshSampler *self;

  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (LIAISON_TYPE_SSH_SAMPLER, NULL);
  self->store = g_object_ref (store);
  self->settings = g_object_ref (settings);
  g_settings_bind (settings, "ssh-minutes", self->schedule, "minutes", G_SETTINGS_BIND_GET);
  g_settings_bind (settings, "ssh-every", self->schedule, "enabled", G_SETTINGS_BIND_GET);
  return self;
}

/* The hosts, in the order they were added. */
char **
liaison_ssh_sampler_dup_hosts (LiaisonSshSampler *self)
{
  g_return_val_if_fail (LIAISON_IS_SSH_SAMPLER (self), NULL);

  return g_settings_get_strv (self->settings, "ssh-hosts");
}

/**
 * liaison_ssh_sampler_add_host:
 * @host: as ssh takes it: `[user@]name`, or a Host of the ssh settings
 *
 * Returns: %FALSE when @host is no host for ssh, or is in the list already
 */
gboolean
liaison_ssh_sampler_add_host (LiaisonSshSampler  *self,
                              const char         *host,
                              GError            **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (host != NULL ? host : ""));
  g_auto(GStrv) hosts = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) added = NULL;

  g_return_val_if_fail (LIAISON_IS_SSH_SAMPLER (self), FALSE);

  if (!liaison_ssh_check_host (stripped, error))
    return FALSE;

  hosts = liaison_ssh_sampler_dup_hosts (self);
  if (g_strv_contains ((const char * const *) hosts, stripped))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE, _("“%s” is in the list already"), stripped);
      return FALSE;
    }

  g_strv_builder_addv (builder, (const char **) hosts);
  g_strv_builder_add (builder, stripped);
  added = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "ssh-hosts", (const char * const *) added);
  return TRUE;
}

void
liaison_ssh_sampler_remove_host (LiaisonSshSampler *self,
                                 const char        *host)
{
  g_auto(GStrv) hosts = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) kept = NULL;

  g_return_if_fail (LIAISON_IS_SSH_SAMPLER (self));

  hosts = liaison_ssh_sampler_dup_hosts (self);
  for (guint i = 0; hosts[i] != NULL; i++)
    if (!g_str_equal (hosts[i], host))
      g_strv_builder_add (builder, hosts[i]);
  kept = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "ssh-hosts", (const char * const *) kept);
}

/* A round of every host, by hand. */
void
liaison_ssh_sampler_run (LiaisonSshSampler *self)
{
  g_auto(GStrv) hosts = NULL;

  g_return_if_fail (LIAISON_IS_SSH_SAMPLER (self));

  hosts = liaison_ssh_sampler_dup_hosts (self);
  start_round (self, (const char * const *) hosts, FALSE, 0);
}

/* Asks @host for its socket table, and files nothing. */
void
liaison_ssh_sampler_test (LiaisonSshSampler *self,
                          const char        *host)
{
  const char *hosts[] = { host, NULL };

  g_return_if_fail (LIAISON_IS_SSH_SAMPLER (self));
  g_return_if_fail (liaison_ssh_check_host (host, NULL));

  start_round (self, hosts, TRUE, 0);
}

/* Stops the round under way: its ssh end now, the sample being filed is. */
void
liaison_ssh_sampler_cancel (LiaisonSshSampler *self)
{
  g_return_if_fail (LIAISON_IS_SSH_SAMPLER (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

const LiaisonSshHostState *
liaison_ssh_sampler_get_state (LiaisonSshSampler *self,
                               const char        *host)
{
  g_return_val_if_fail (LIAISON_IS_SSH_SAMPLER (self), NULL);

  return g_hash_table_lookup (self->states, host);
}

LiaisonSchedule *
liaison_ssh_sampler_get_schedule (LiaisonSshSampler *self)
{
  g_return_val_if_fail (LIAISON_IS_SSH_SAMPLER (self), NULL);

  return self->schedule;
}

gboolean
liaison_ssh_sampler_get_running (LiaisonSshSampler *self)
{
  g_return_val_if_fail (LIAISON_IS_SSH_SAMPLER (self), FALSE);

  return self->round != NULL;
}

/* Hosts of the round under way that are done. */
guint
liaison_ssh_sampler_get_done (LiaisonSshSampler *self)
{
  g_return_val_if_fail (LIAISON_IS_SSH_SAMPLER (self), 0);

  return self->round != NULL ? liaison_ssh_round_get_done (self->round) : 0;
}

guint
liaison_ssh_sampler_get_total (LiaisonSshSampler *self)
{
  g_return_val_if_fail (LIAISON_IS_SSH_SAMPLER (self), 0);

  return self->round != NULL ? liaison_ssh_round_get_total (self->round) : 0;
}
