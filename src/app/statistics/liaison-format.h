/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "liaison-time.h"

G_BEGIN_DECLS

/* What a figure that was never measured reads as. */
#define LIAISON_FORMAT_NONE "—"

char *liaison_format_duration     (gint64      milliseconds);
char *liaison_format_time         (LiaisonTime time);
char *liaison_format_time_short   (LiaisonTime time);
char *liaison_format_time_tooltip (LiaisonTime time);
char *liaison_format_count        (gint64      value);
char *liaison_format_decimal      (double      value);
char *liaison_format_percent      (double      value);

G_END_DECLS
