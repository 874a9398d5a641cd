/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean liaison_sample_timer_is_available (void);
gboolean liaison_sample_timer_get_enabled  (void);
gboolean liaison_sample_timer_set_enabled  (gboolean   enabled,
                                            GError   **error);

G_END_DECLS
