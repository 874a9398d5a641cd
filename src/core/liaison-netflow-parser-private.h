/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "liaison-netflow-parser.h"

G_BEGIN_DECLS

gboolean liaison_netflow_is_nfcapd (const char            *data,
                                    gsize                  length);
gboolean liaison_netflow_sniff     (const char            *data,
                                    gsize                  length,
                                    LiaisonNetflowFormat  *format);

G_END_DECLS
