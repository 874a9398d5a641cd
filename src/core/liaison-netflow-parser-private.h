/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean liaison_netflow_is_nfcapd (const char *data,
                                    gsize       length);

G_END_DECLS
