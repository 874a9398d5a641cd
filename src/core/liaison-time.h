/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A moment: milliseconds since 1970-01-01T00:00:00Z. */
typedef gint64 LiaisonTime;

/* No time: a figure never measured. */
#define LIAISON_TIME_NONE G_MININT64

/* Big enough for "-YYYYYY-MM-DDTHH:MM:SS.mmmZ" and a nul. */
#define LIAISON_TIME_STRLEN 32

gboolean  liaison_time_parse            (const char  *text,
                                         gssize       len,
                                         gboolean     local_time,
                                         LiaisonTime *out);
void      liaison_time_to_string        (LiaisonTime  time,
                                         char         buf[LIAISON_TIME_STRLEN]);
char     *liaison_time_dup_string       (LiaisonTime  time);
void      liaison_duration_to_string    (gint64       milliseconds,
                                         char         buf[LIAISON_TIME_STRLEN]);
gboolean  liaison_duration_parse        (const char  *text,
                                         gint64      *milliseconds,
                                         GError     **error);
void      liaison_duration_format       (gint64       milliseconds,
                                         char         buf[LIAISON_TIME_STRLEN]);
LiaisonTime liaison_time_now            (void);

/* The earlier of two moments, either of which may be none. */
static inline LiaisonTime
liaison_time_earlier (LiaisonTime a,
                      LiaisonTime b)
{
  return a == LIAISON_TIME_NONE ? b : b == LIAISON_TIME_NONE ? a : MIN (a, b);
}

/* The later of two moments, either of which may be none (none is before
 * every moment). */
static inline LiaisonTime
liaison_time_later (LiaisonTime a,
                    LiaisonTime b)
{
  return MAX (a, b);
}

G_END_DECLS
