/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-format"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <math.h>

#include "liaison-error.h"
#include "liaison-format.h"

/*
 * Figures as people read them, the same on every page: durations in the
 * two largest units that matter ("1 min 35 s", "2 h 4 min", "3 d 2 h"),
 * times in the zone of the *time-zone* setting, numbers with the locale's
 * grouping and decimal mark.
 *
 * The zone is one for the whole process: the display zone, which the
 * application binds to the setting. What shows a time formats it here and
 * listens to the display zone's notify::time-zone to format it again.
 */

#define MS_PER_SECOND G_GINT64_CONSTANT (1000)
#define MS_PER_MINUTE (60 * MS_PER_SECOND)
#define MS_PER_HOUR   (60 * MS_PER_MINUTE)
#define MS_PER_DAY    (24 * MS_PER_HOUR)

/**
 * liaison_format_duration:
 * @milliseconds: a duration
 *
 * Returns: (transfer full): the duration in at most two units, the smaller
 *   one left out when it is zero: `0 s`, `250 ms`, `5 s`, `1 min 5 s`,
 *   `2 h`, `2 h 4 min`, `3 d 2 h`
 */
char *
liaison_format_duration (gint64 milliseconds)
{
  g_autofree char *text = NULL;
  gint64 ms;
  int major, minor;

  if (milliseconds < 0)
    {
      g_autofree char *positive = liaison_format_duration (-milliseconds);

      /* TRANSLATORS: a negative duration; %s is the duration */
      return g_strdup_printf (_("−%s"), positive);
    }

  if (milliseconds == 0)
    /* TRANSLATORS: a duration of zero seconds */
    return g_strdup (_("0 s"));

  if (milliseconds < MS_PER_SECOND)
    /* TRANSLATORS: a duration in milliseconds */
    return g_strdup_printf (_("%d ms"), (int) milliseconds);

  /* Whole seconds, to the nearest; the smaller unit is then cut off. */
  ms = (milliseconds + MS_PER_SECOND / 2) / MS_PER_SECOND * MS_PER_SECOND;

  if (ms < MS_PER_MINUTE)
    /* TRANSLATORS: a duration in seconds */
    return g_strdup_printf (_("%d s"), (int) (ms / MS_PER_SECOND));

  if (ms < MS_PER_HOUR)
    {
      major = (int) (ms / MS_PER_MINUTE);
      minor = (int) (ms % MS_PER_MINUTE / MS_PER_SECOND);
      if (minor == 0)
        /* TRANSLATORS: a duration in minutes */
        return g_strdup_printf (_("%d min"), major);
      /* TRANSLATORS: a duration in minutes and seconds */
      return g_strdup_printf (_("%d min %d s"), major, minor);
    }

  if (ms < MS_PER_DAY)
    {
      major = (int) (ms / MS_PER_HOUR);
      minor = (int) (ms % MS_PER_HOUR / MS_PER_MINUTE);
      if (minor == 0)
        /* TRANSLATORS: a duration in hours */
        return g_strdup_printf (_("%d h"), major);
      /* TRANSLATORS: a duration in hours and minutes */
      return g_strdup_printf (_("%d h %d min"), major, minor);
    }

  major = (int) MIN (ms / MS_PER_DAY, G_MAXINT);
  minor = (int) (ms % MS_PER_DAY / MS_PER_HOUR);
  if (minor == 0)
    /* TRANSLATORS: a duration in days */
    text = g_strdup_printf (_("%d d"), major);
  else
    /* TRANSLATORS: a duration in days and hours */
    text = g_strdup_printf (_("%d d %d h"), major, minor);

  return g_steal_pointer (&text);
}

/* The display zone */

G_DEFINE_ENUM_TYPE (LiaisonTimeZone, liaison_time_zone,
                    G_DEFINE_ENUM_VALUE (LIAISON_TIME_ZONE_LOCAL, "local"),
                    G_DEFINE_ENUM_VALUE (LIAISON_TIME_ZONE_UTC, "utc"))

struct _LiaisonDisplayZone
{
  GObject          parent_instance;

  LiaisonTimeZone  time_zone;
};

enum {
  PROP_0,
  PROP_TIME_ZONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonDisplayZone, liaison_display_zone, G_TYPE_OBJECT)

static void
liaison_display_zone_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LiaisonDisplayZone *self = LIAISON_DISPLAY_ZONE (object);

  switch (prop_id)
    {
    case PROP_TIME_ZONE:
      g_value_set_enum (value, self->time_zone);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_display_zone_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LiaisonDisplayZone *self = LIAISON_DISPLAY_ZONE (object);

  switch (prop_id)
    {
    case PROP_TIME_ZONE:
      if (self->time_zone != (LiaisonTimeZone) g_value_get_enum (value))
        {
          self->time_zone = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_display_zone_class_init (LiaisonDisplayZoneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = liaison_display_zone_get_property;
  object_class->set_property = liaison_display_zone_set_property;

  /* Named and valued as the setting, so that the two bind directly. */
  properties[PROP_TIME_ZONE] =
    g_param_spec_enum ("time-zone", NULL, NULL,
                       LIAISON_TYPE_TIME_ZONE, LIAISON_TIME_ZONE_LOCAL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_display_zone_init (LiaisonDisplayZone *self)
{
  self->time_zone = LIAISON_TIME_ZONE_LOCAL;
}

/**
 * liaison_display_zone_get_default:
 *
 * Returns: (transfer none): the zone every shown time is in; local time
 *   until it follows the setting
 */
LiaisonDisplayZone *
liaison_display_zone_get_default (void)
{
  static LiaisonDisplayZone *instance;

  if (g_once_init_enter (&instance))
    g_once_init_leave (&instance, g_object_new (LIAISON_TYPE_DISPLAY_ZONE, NULL));

  return instance;
}

/**
 * liaison_display_zone_follow_settings:
 * @settings: the application's settings
 *
 * Makes @self follow the *time-zone* key of @settings from now on.
 */
void
liaison_display_zone_follow_settings (LiaisonDisplayZone *self,
                                      GSettings          *settings)
{
  g_return_if_fail (LIAISON_IS_DISPLAY_ZONE (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_settings_bind (settings, "time-zone", self, "time-zone", G_SETTINGS_BIND_GET);
}

static gboolean
shown_in_utc (void)
{
  return liaison_display_zone_get_default ()->time_zone == LIAISON_TIME_ZONE_UTC;
}

static GTimeZone *
shown_time_zone_new (void)
{
  return shown_in_utc () ? g_time_zone_new_utc () : g_time_zone_new_local ();
}

/* Times */

static GDateTime *
date_time_new (LiaisonTime  time,
               GTimeZone   *zone)
{
  g_autoptr(GDateTime) utc = NULL;

  utc = g_date_time_new_from_unix_utc (time / 1000 - (time % 1000 < 0 ? 1 : 0));
  if (utc == NULL)
    return NULL;
  return g_date_time_to_timezone (utc, zone);
}

/**
 * liaison_format_date_time_new:
 *
 * Returns: (transfer full) (nullable): @time, to the second, in the
 *   display zone; %NULL when it is out of #GDateTime's range
 */
GDateTime *
liaison_format_date_time_new (LiaisonTime time)
{
  g_autoptr(GTimeZone) zone = shown_time_zone_new ();

  return date_time_new (time, zone);
}

static char *
format_in_zone (LiaisonTime  time,
                GTimeZone   *zone,
                const char  *format)
{
  g_autoptr(GDateTime) date_time = NULL;

  if (time == LIAISON_TIME_NONE)
    return g_strdup (LIAISON_FORMAT_NONE);

  date_time = date_time_new (time, zone);
  if (date_time == NULL)
    return liaison_time_dup_string (time);

  return g_date_time_format (date_time, format);
}

/* @time in the display zone, written by @local_format or @utc_format. */
static char *
format_shown (LiaisonTime  time,
              const char  *local_format,
              const char  *utc_format)
{
  g_autoptr(GTimeZone) zone = shown_time_zone_new ();

  return format_in_zone (time, zone, shown_in_utc () ? utc_format : local_format);
}

/**
 * liaison_format_time:
 *
 * Returns: (transfer full): @time in the display zone, to the second, with
 *   “UTC” after it when that is the zone, or a dash for %LIAISON_TIME_NONE
 */
char *
liaison_format_time (LiaisonTime time)
{
  return format_shown (time,
                       /* TRANSLATORS: a date and time, see the GDateTime format documentation */
                       _("%Y-%m-%d %H:%M:%S"),
                       /* TRANSLATORS: a date and time in UTC, see the GDateTime format documentation */
                       _("%Y-%m-%d %H:%M:%S UTC"));
}

/**
 * liaison_format_time_short:
 *
 * Returns: (transfer full): @time in the display zone, to the minute
 */
char *
liaison_format_time_short (LiaisonTime time)
{
  return format_shown (time,
                       /* TRANSLATORS: a date and time without seconds, see the GDateTime format documentation */
                       _("%Y-%m-%d %H:%M"),
                       /* TRANSLATORS: a date and time in UTC without seconds, see the GDateTime format documentation */
                       _("%Y-%m-%d %H:%M UTC"));
}

/**
 * liaison_format_date:
 *
 * Returns: (transfer full): the day of @time in the display zone, with its
 *   weekday: `Fri 27 Nov 2026`
 */
char *
liaison_format_date (LiaisonTime time)
{
  return format_shown (time,
                       /* TRANSLATORS: a date with its weekday, see the GDateTime format documentation */
                       _("%a %-d %b %Y"),
                       /* TRANSLATORS: a date in UTC with its weekday, see the GDateTime format documentation */
                       _("%a %-d %b %Y UTC"));
}

/**
 * liaison_format_time_long:
 *
 * Returns: (transfer full): @time in the display zone as a person says it,
 *   with its weekday, to the minute: `Fri 27 Nov 2026, 10:15`
 */
char *
liaison_format_time_long (LiaisonTime time)
{
  return format_shown (time,
                       /* TRANSLATORS: a date with its weekday and a time, see the GDateTime format documentation */
                       _("%a %-d %b %Y, %H:%M"),
                       /* TRANSLATORS: a date with its weekday and a time in UTC, see the GDateTime format documentation */
                       _("%a %-d %b %Y, %H:%M UTC"));
}

/**
 * liaison_format_error:
 *
 * Returns: (transfer full): @error's message, with the time it names (when
 *   a file was imported before) as liaison_format_time_long() says it
 *   instead of in ISO 8601
 */
char *
liaison_format_error (const GError *error)
{
  LiaisonTime time;
  char iso[LIAISON_TIME_STRLEN];
  g_autofree char *said = NULL;
  const char *at;

  g_return_val_if_fail (error != NULL, NULL);

  time = liaison_error_get_time (error);
  if (time == LIAISON_TIME_NONE)
    return g_strdup (error->message);

  liaison_time_to_string (time, iso);
  at = strstr (error->message, iso);
  if (at == NULL)
    return g_strdup (error->message);

  said = liaison_format_time_long (time);
  return g_strdup_printf ("%.*s%s%s", (int) (at - error->message), error->message, said, at + strlen (iso));
}

/**
 * liaison_format_time_tooltip:
 *
 * Returns: (transfer full): what a time's tooltip says: the time in UTC and
 *   the exact value as stored and exported
 */
char *
liaison_format_time_tooltip (LiaisonTime time)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autofree char *in_utc = NULL;
  g_autofree char *in_local = NULL;
  g_autofree char *exact = NULL;

  if (time == LIAISON_TIME_NONE)
    return g_strdup (_("Never measured"));

  /* TRANSLATORS: a date and time, see the GDateTime format documentation */
  in_utc = format_in_zone (time, utc, _("%Y-%m-%d %H:%M:%S"));
  /* TRANSLATORS: a time zone as an offset and abbreviation, e.g. “+01:00 CET” */
  in_local = format_in_zone (time, local, _("%:z %Z"));
  exact = liaison_time_dup_string (time);

  /* TRANSLATORS: the tooltip of a time: the time in UTC, the local time
   * zone, and the exact value as exported */
  return g_strdup_printf (_("%s UTC\nLocal time zone: %s\nExact: %s"),
                          in_utc, in_local, exact);
}

/**
 * liaison_format_communications_found:
 * @n_new: service communications an import added
 * @n_updated: ones it saw again or filled in
 *
 * Returns: (transfer full): what an import found, for a toast: `3 new
 *   communications, 6 updated`, `6 communications updated`, or that it
 *   found nothing new
 */
char *
liaison_format_communications_found (guint n_new,
                                     guint n_updated)
{
  g_autofree char *found = NULL;

  if (n_new == 0 && n_updated == 0)
    return g_strdup (_("no new or updated communications"));

  if (n_new == 0)
    return g_strdup_printf (ngettext ("%u communication updated", "%u communications updated", n_updated),
                            n_updated);

  found = g_strdup_printf (ngettext ("%u new communication", "%u new communications", n_new), n_new);
  if (n_updated == 0)
    return g_steal_pointer (&found);

  /* TRANSLATORS: %s is "N new communications", %u how many others were updated */
  return g_strdup_printf (ngettext ("%s, %u updated", "%s, %u updated", n_updated), found, n_updated);
}

/**
 * liaison_format_count:
 *
 * Returns: (transfer full): @value with the locale's digit grouping
 */
char *
liaison_format_count (gint64 value)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, value);
}

/**
 * liaison_format_decimal:
 *
 * Returns: (transfer full): @value with two decimals in the locale's
 *   format, or a dash when @value is negative (a ratio with no divisor)
 */
char *
liaison_format_decimal (double value)
{
  if (value < 0 || !isfinite (value))
    return g_strdup (LIAISON_FORMAT_NONE);
  return g_strdup_printf ("%'.2f", value);
}

/**
 * liaison_format_percent:
 *
 * Returns: (transfer full): @value as a percentage with one decimal, or a
 *   dash when @value is negative (a ratio with no divisor)
 */
char *
liaison_format_percent (double value)
{
  g_autofree char *number = NULL;

  if (value < 0 || !isfinite (value))
    return g_strdup (LIAISON_FORMAT_NONE);

  number = g_strdup_printf ("%'.1f", value);
  /* TRANSLATORS: a percentage; %s is the number */
  return g_strdup_printf (_("%s %%"), number);
}

/**
 * liaison_format_communication_fields:
 * @text: gives the text of each field of @row
 *
 * One service communication in one line, from its fields' texts:
 * "10.0.0.1 (web01) → 10.0.0.2 (db01) 80/tcp, curl “Fetch”".
 */
char *
liaison_format_communication_fields (LiaisonColumnText  text,
                                     gpointer           row)
{
  g_autofree char *client_ip = text (row, LIAISON_COLUMN_CLIENT_IP);
  g_autofree char *client_device = text (row, LIAISON_COLUMN_CLIENT_DEVICE);
  g_autofree char *listener_ip = text (row, LIAISON_COLUMN_LISTENER_IP);
  g_autofree char *listener_device = text (row, LIAISON_COLUMN_LISTENER_DEVICE);
  g_autofree char *port = text (row, LIAISON_COLUMN_PORT);
  g_autofree char *protocol = text (row, LIAISON_COLUMN_PROTOCOL);
  g_autofree char *process = text (row, LIAISON_COLUMN_CLIENT_PROCESS_NAME);
  g_autofree char *display_name = text (row, LIAISON_COLUMN_CLIENT_PROCESS_DISPLAY_NAME);
  GString *line = g_string_new (NULL);

  g_string_append (line, client_ip != NULL ? client_ip : "");
  if (client_device != NULL && *client_device != '\0')
    g_string_append_printf (line, " (%s)", client_device);
  g_string_append_printf (line, " → %s", listener_ip != NULL ? listener_ip : "");
  if (listener_device != NULL && *listener_device != '\0')
    g_string_append_printf (line, " (%s)", listener_device);
  g_string_append_printf (line, " %s/%s", port != NULL ? port : "", protocol != NULL ? protocol : "");
  if (process != NULL && *process != '\0')
    g_string_append_printf (line, ", %s", process);
  if (display_name != NULL && *display_name != '\0')
    g_string_append_printf (line, " “%s”", display_name);
  return g_string_free (line, FALSE);
}

static char *
row_text (gpointer      row,
          LiaisonColumn column)
{
  return liaison_communication_dup_column_text (row, column);
}

/* liaison_format_communication_fields() of a row. */
char *
liaison_format_communication (LiaisonCommunication *row)
{
  return liaison_format_communication_fields (row_text, row);
}
