/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "liaison-communication.h"
#include "liaison-time.h"

G_BEGIN_DECLS

/* What a figure that was never measured reads as. */
#define LIAISON_FORMAT_NONE "—"

/* The zone times are shown in: the values of the *time-zone* setting. */
typedef enum
{
  LIAISON_TIME_ZONE_LOCAL,
  LIAISON_TIME_ZONE_UTC,
} LiaisonTimeZone;

#define LIAISON_TYPE_TIME_ZONE (liaison_time_zone_get_type ())
GType liaison_time_zone_get_type (void);

#define LIAISON_TYPE_DISPLAY_ZONE (liaison_display_zone_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonDisplayZone, liaison_display_zone, LIAISON, DISPLAY_ZONE, GObject)

LiaisonDisplayZone *liaison_display_zone_get_default     (void);
void                liaison_display_zone_follow_settings (LiaisonDisplayZone *self,
                                                          GSettings          *settings);

GDateTime *liaison_format_date_time_new (LiaisonTime time);
char      *liaison_format_duration      (gint64      milliseconds);
char      *liaison_format_time          (LiaisonTime time);
char      *liaison_format_time_short    (LiaisonTime time);
char      *liaison_format_date          (LiaisonTime time);
char      *liaison_format_time_long     (LiaisonTime time);
char      *liaison_format_error         (const GError *error);
char      *liaison_format_time_tooltip  (LiaisonTime time);
char      *liaison_format_count         (gint64      value);
char      *liaison_format_communications_found (guint n_new,
                                                guint n_updated);
char      *liaison_format_decimal       (double      value);
char      *liaison_format_percent       (double      value);
/* The text of @column of a row (owned, %NULL for none). */
typedef char *(*LiaisonColumnText) (gpointer      row,
                                    LiaisonColumn column);

char      *liaison_format_communication_fields (LiaisonColumnText  text,
                                                gpointer           row);
char      *liaison_format_communication (LiaisonCommunication *row);

G_END_DECLS
