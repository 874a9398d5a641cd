/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-sample-host"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-format.h"
#include "liaison-job.h"
#include "liaison-live-sample.h"
#include "liaison-sample-host-private.h"
#include "liaison-toast.h"

/*
 * Sample This Host: a netstat sample of this computer, taken and filed in
 * a worker thread, by hand (the window's action, with toasts that say so)
 * and every N minutes while Liaison is open (the sample-host-every and
 * sample-host-minutes settings). The sampler keeps the last sample's time
 * and what it added, or why it failed, for the Hosts window. The toast of
 * one taken by hand tells what it found: new and updated service
 * communications, or only listeners.
 */

struct _LiaisonHostSampler
{
  GObject          parent_instance;

  LiaisonStore    *store;
  LiaisonSchedule *schedule;
  gboolean         busy;
  LiaisonTime      last_time;
  char            *last_result;
};

G_DEFINE_FINAL_TYPE (LiaisonHostSampler, liaison_host_sampler, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_LAST_TIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  gint64               period;
  LiaisonTime          time;
  LiaisonImportSummary summary;   /* filled by the worker */
  GTask               *task;      /* told when it is done */
} Sample;

static void
sample_free (Sample *sample)
{
  g_clear_object (&sample->task);
  g_free (sample);
}

static gboolean
sample_job (LiaisonStore  *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Sample *sample = data;

  sample->time = liaison_time_now ();
  return liaison_live_sample_this_host (store, NULL, sample->period, &sample->summary, error);
}

static void
set_busy (LiaisonHostSampler *self,
          gboolean            busy)
{
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
on_sampled (gpointer      source,
            gpointer      data,
            const GError *error)
{
  LiaisonHostSampler *self = source;
  Sample *sample = data;

  g_free (self->last_result);
  if (error == NULL)
    {
      /* Another connection wrote: tell this one's lists. */
      liaison_store_changed (self->store);
      self->last_result = g_strdup_printf (ngettext ("%u new communication", "%u new communications",
                                                     sample->summary.new_communications),
                                           sample->summary.new_communications);
    }
  else
    self->last_result = g_strdup (error->message);
  self->last_time = sample->time;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_TIME]);
  set_busy (self, FALSE);

  if (error != NULL)
    g_task_return_error (sample->task, g_error_copy (error));
  else
    {
      LiaisonImportSummary *summary = g_memdup2 (&sample->summary, sizeof sample->summary);

      g_task_return_pointer (sample->task, summary, g_free);
    }
}

static void
sample (LiaisonHostSampler  *self,
        gint64               period,
        GAsyncReadyCallback  callback,
        gpointer             user_data)
{
  Sample *data = g_new0 (Sample, 1);

  data->task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (data->task, liaison_host_sampler_sample_async);
  data->period = period;
  set_busy (self, TRUE);
  liaison_job_run (self, liaison_job_connection_new (liaison_store_get_path (self->store)), sample_job, data,
                   (GDestroyNotify) sample_free, NULL, on_sampled);
}

/* The schedule's period began: one sample of it, unless one is under way. */
static void
on_due (LiaisonHostSampler *self)
{
  if (!self->busy)
    sample (self, liaison_schedule_get_period (self->schedule), NULL, NULL);
}

static void
liaison_host_sampler_dispose (GObject *object)
{
  LiaisonHostSampler *self = (LiaisonHostSampler *)object;

  g_clear_object (&self->schedule);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (liaison_host_sampler_parent_class)->dispose (object);
}

static void
liaison_host_sampler_finalize (GObject *object)
{
  LiaisonHostSampler *self = (LiaisonHostSampler *)object;

  g_free (self->last_result);

  G_OBJECT_CLASS (liaison_host_sampler_parent_class)->finalize (object);
}

static void
liaison_host_sampler_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LiaisonHostSampler *self = LIAISON_HOST_SAMPLER (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_LAST_TIME:
      g_value_set_int64 (value, self->last_time);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_host_sampler_class_init (LiaisonHostSamplerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = liaison_host_sampler_dispose;
  object_class->finalize = liaison_host_sampler_finalize;
  object_class->get_property = liaison_host_sampler_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * LiaisonHostSampler:last-time:
   *
   * When the last sample was taken (or failed); the last result goes with it.
   */
  properties[PROP_LAST_TIME] =
    g_param_spec_int64 ("last-time", NULL, NULL, G_MININT64, G_MAXINT64, LIAISON_TIME_NONE,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_host_sampler_init (LiaisonHostSampler *self)
{
  self->last_time = LIAISON_TIME_NONE;
  self->schedule = liaison_schedule_new ();
  g_signal_connect_object (self->schedule, "due", G_CALLBACK (on_due), self, G_CONNECT_SWAPPED);
}

/**
 * liaison_host_sampler_new:
 * @store: the database the samples go into (told when one went in)
 * @settings: the application's settings, for the schedule
 */
LiaisonHostSampler *
liaison_host_sampler_new (LiaisonStore *store,
                          GSettings    *settings)
{
  LiaisonHostSampler *self;

  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (LIAISON_TYPE_HOST_SAMPLER, NULL);
  self->store = g_object_ref (store);
  g_settings_bind (settings, "sample-host-minutes", self->schedule, "minutes", G_SETTINGS_BIND_GET);
  g_settings_bind (settings, "sample-host-every", self->schedule, "enabled", G_SETTINGS_BIND_GET);
  return self;
}

/* A sample taken by hand, now. */
void
liaison_host_sampler_sample_async (LiaisonHostSampler  *self,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (LIAISON_IS_HOST_SAMPLER (self));

  sample (self, 0, callback, user_data);
}

gboolean
liaison_host_sampler_sample_finish (LiaisonHostSampler    *self,
                                    GAsyncResult          *result,
                                    LiaisonImportSummary  *summary,
                                    GError               **error)
{
  g_autofree LiaisonImportSummary *added = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  added = g_task_propagate_pointer (G_TASK (result), error);
  if (added != NULL && summary != NULL)
    *summary = *added;
  return added != NULL;
}

LiaisonSchedule *
liaison_host_sampler_get_schedule (LiaisonHostSampler *self)
{
  g_return_val_if_fail (LIAISON_IS_HOST_SAMPLER (self), NULL);

  return self->schedule;
}

gboolean
liaison_host_sampler_get_busy (LiaisonHostSampler *self)
{
  g_return_val_if_fail (LIAISON_IS_HOST_SAMPLER (self), FALSE);

  return self->busy;
}

LiaisonTime
liaison_host_sampler_get_last_time (LiaisonHostSampler *self)
{
  g_return_val_if_fail (LIAISON_IS_HOST_SAMPLER (self), LIAISON_TIME_NONE);

  return self->last_time;
}

/* What the last sample added ("3 new communications"), or why it was not
 * taken; NULL before the first. */
const char *
liaison_host_sampler_get_last_result (LiaisonHostSampler *self)
{
  g_return_val_if_fail (LIAISON_IS_HOST_SAMPLER (self), NULL);

  return self->last_result;
}

/* By hand, with toasts ------------------------------------------------------- */

typedef struct
{
  GtkWidget     *widget;
  GSimpleAction *action;
  AdwToast      *busy_toast;  /* "Sampling…", dismissed when done */
} SampleHost;

static void
sample_host_free (SampleHost *sample)
{
  g_clear_object (&sample->widget);
  g_clear_object (&sample->action);
  g_clear_object (&sample->busy_toast);
  g_free (sample);
}

/**
 * liaison_sample_host_describe:
 *
 * Returns: (transfer full): what a sample of @host found, for its toast:
 *   the new and the updated service communications, or that it found
 *   listening sockets and no connection yet, or no socket at all
 */
char *
liaison_sample_host_describe (const char                 *host,
                              const LiaisonImportSummary *summary)
{
  g_autofree char *found = NULL;

  if (summary->new_communications > 0 || summary->updated_communications > 0)
    {
      found = liaison_format_communications_found (summary->new_communications,
                                                   summary->updated_communications);
      /* TRANSLATORS: the host sampled and what it found, e.g. "3 new communications" */
      return g_strdup_printf (_("Sampled %s: %s"), host, found);
    }

  if (summary->records > 0)
    return g_strdup_printf (_("Sampled %s: only listening sockets, no connections yet. Sample again while clients are connected."),
                            host);

  return g_strdup_printf (_("Sampled %s: no sockets found"), host);
}

static void
sample_host_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SampleHost *sample = user_data;
  LiaisonImportSummary summary = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;

  if (sample->action != NULL)
    g_simple_action_set_enabled (sample->action, TRUE);
  adw_toast_dismiss (sample->busy_toast);

  if (!liaison_host_sampler_sample_finish (LIAISON_HOST_SAMPLER (object), result, &summary, &error))
    liaison_toast_add_error (sample->widget, error);
  else
    {
      message = liaison_sample_host_describe (g_get_host_name (), &summary);
      toast = adw_toast_new (message);
      /* Where it can be done every few minutes. */
      adw_toast_set_button_label (toast, _("_Schedule"));
      adw_toast_set_action_name (toast, "win.hosts");
      liaison_toast_add (sample->widget, toast);
    }

  sample_host_free (sample);
}

/**
 * liaison_sample_host:
 * @widget: the widget that asked: the toasts show near it
 * @sampler: this computer's sampler
 * @action: (nullable): the action that asked, disabled until the sample is in
 *
 * Samples this computer now, in a worker thread, saying so in toasts.
 */
void
liaison_sample_host (GtkWidget          *widget,
                     LiaisonHostSampler *sampler,
                     GSimpleAction      *action)
{
  SampleHost *sample;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (LIAISON_IS_HOST_SAMPLER (sampler));
  g_return_if_fail (action == NULL || G_IS_SIMPLE_ACTION (action));

  sample = g_new0 (SampleHost, 1);
  sample->widget = g_object_ref (widget);
  sample->action = action != NULL ? g_object_ref (action) : NULL;

  if (action != NULL)
    g_simple_action_set_enabled (action, FALSE);
  sample->busy_toast = adw_toast_new (_("Sampling this host…"));
  adw_toast_set_timeout (sample->busy_toast, 0);
  liaison_toast_add (widget, g_object_ref (sample->busy_toast));

  liaison_host_sampler_sample_async (sampler, sample_host_done, sample);
}
