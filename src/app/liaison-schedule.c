/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-schedule"

#include "config.h"

#include "liaison-live-sample.h"
#include "liaison-schedule-private.h"

/*
 * "Every N minutes while Liaison is open": LiaisonSchedule::due at the
 * start of each period of N minutes on the clock's grid (10:00, 10:05, ...
 * for 5), the grid liaison-cli's --every and the systemd timer use too, so
 * that samplers of one schedule meet in a period and one sample is kept.
 * Its two properties are bound to settings by its owner.
 */

struct _LiaisonSchedule
{
  GObject      parent_instance;

  gboolean     enabled;
  guint        minutes;
  LiaisonTime  next;
  guint        timeout_id;
};

G_DEFINE_FINAL_TYPE (LiaisonSchedule, liaison_schedule, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENABLED,
  PROP_MINUTES,
  PROP_NEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  DUE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void arm (LiaisonSchedule *self);

static gboolean
on_timeout (gpointer user_data)
{
  LiaisonSchedule *self = user_data;

  self->timeout_id = 0;
  liaison_schedule_fire (self);
  return G_SOURCE_REMOVE;
}

/* The next start of a period, a little after it (see liaison-cli-repeat.c). */
static void
arm (LiaisonSchedule *self)
{
  LiaisonTime now = liaison_time_now ();
  LiaisonTime next = LIAISON_TIME_NONE;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->enabled && self->minutes > 0)
    {
      gint64 period = liaison_schedule_get_period (self);

      next = liaison_period_start (now, period) + period;
      self->timeout_id = g_timeout_add ((guint) (next - now + 20), on_timeout, self);
    }

  if (next != self->next)
    {
      self->next = next;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT]);
    }
}

void
liaison_schedule_fire (LiaisonSchedule *self)
{
  g_return_if_fail (LIAISON_IS_SCHEDULE (self));

  g_signal_emit (self, signals[DUE], 0);
  arm (self);
}

static void
liaison_schedule_dispose (GObject *object)
{
  LiaisonSchedule *self = (LiaisonSchedule *)object;

  g_clear_handle_id (&self->timeout_id, g_source_remove);

  G_OBJECT_CLASS (liaison_schedule_parent_class)->dispose (object);
}

static void
liaison_schedule_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LiaisonSchedule *self = LIAISON_SCHEDULE (object);

  switch (prop_id)
    {
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;

    case PROP_MINUTES:
      g_value_set_uint (value, self->minutes);
      break;

    case PROP_NEXT:
      g_value_set_int64 (value, self->next);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_schedule_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LiaisonSchedule *self = LIAISON_SCHEDULE (object);

  switch (prop_id)
    {
    case PROP_ENABLED:
      liaison_schedule_set_enabled (self, g_value_get_boolean (value));
      break;

    case PROP_MINUTES:
      liaison_schedule_set_minutes (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_schedule_class_init (LiaisonScheduleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = liaison_schedule_dispose;
  object_class->get_property = liaison_schedule_get_property;
  object_class->set_property = liaison_schedule_set_property;

  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MINUTES] =
    g_param_spec_uint ("minutes", NULL, NULL, 1, 24 * 60, 5,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * LiaisonSchedule:next:
   *
   * When it is due next, or LIAISON_TIME_NONE when it is off.
   */
  properties[PROP_NEXT] =
    g_param_spec_int64 ("next", NULL, NULL, G_MININT64, G_MAXINT64, LIAISON_TIME_NONE,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[DUE] =
    g_signal_new ("due", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
liaison_schedule_init (LiaisonSchedule *self)
{
  self->minutes = 5;
  self->next = LIAISON_TIME_NONE;
}

LiaisonSchedule *
liaison_schedule_new (void)
{
  return g_object_new (LIAISON_TYPE_SCHEDULE, NULL);
}

gboolean
liaison_schedule_get_enabled (LiaisonSchedule *self)
{
  g_return_val_if_fail (LIAISON_IS_SCHEDULE (self), FALSE);

  return self->enabled;
}

void
liaison_schedule_set_enabled (LiaisonSchedule *self,
                              gboolean         enabled)
{
  g_return_if_fail (LIAISON_IS_SCHEDULE (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;
  self->enabled = enabled;
  arm (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

guint
liaison_schedule_get_minutes (LiaisonSchedule *self)
{
  g_return_val_if_fail (LIAISON_IS_SCHEDULE (self), 0);

  return self->minutes;
}

void
liaison_schedule_set_minutes (LiaisonSchedule *self,
                              guint            minutes)
{
  g_return_if_fail (LIAISON_IS_SCHEDULE (self));
  g_return_if_fail (minutes > 0);

  if (self->minutes == minutes)
    return;
  self->minutes = minutes;
  arm (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MINUTES]);
}

/* The length of a period in milliseconds. */
gint64
liaison_schedule_get_period (LiaisonSchedule *self)
{
  g_return_val_if_fail (LIAISON_IS_SCHEDULE (self), 0);

  return (gint64) self->minutes * 60 * 1000;
}

LiaisonTime
liaison_schedule_get_next (LiaisonSchedule *self)
{
  g_return_val_if_fail (LIAISON_IS_SCHEDULE (self), LIAISON_TIME_NONE);

  return self->next;
}
