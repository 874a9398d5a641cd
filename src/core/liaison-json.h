/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "liaison-time.h"

G_BEGIN_DECLS

/*
 * Small JSON documents written by hand into a GString, in the number and
 * time conventions of export.md: strings valid UTF-8 whatever they hold,
 * ratios with six decimals at most and one at least, times as ISO 8601
 * UTC, durations in seconds; what was never measured is null.
 */

void liaison_json_append_string   (GString     *out,
                                   const char  *text);
void liaison_json_append_ratio    (GString     *out,
                                   double       value);
void liaison_json_append_time     (GString     *out,
                                   LiaisonTime  time);
void liaison_json_append_duration (GString     *out,
                                   gint64       milliseconds);

G_END_DECLS
