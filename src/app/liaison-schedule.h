/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "liaison-time.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_SCHEDULE (liaison_schedule_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonSchedule, liaison_schedule, LIAISON, SCHEDULE, GObject)

LiaisonSchedule *liaison_schedule_new         (void);
gboolean         liaison_schedule_get_enabled (LiaisonSchedule *self);
void             liaison_schedule_set_enabled (LiaisonSchedule *self,
                                               gboolean         enabled);
guint            liaison_schedule_get_minutes (LiaisonSchedule *self);
void             liaison_schedule_set_minutes (LiaisonSchedule *self,
                                               guint            minutes);
gint64           liaison_schedule_get_period  (LiaisonSchedule *self);
LiaisonTime      liaison_schedule_get_next    (LiaisonSchedule *self);

G_END_DECLS
