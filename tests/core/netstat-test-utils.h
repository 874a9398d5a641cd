/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "liaison-netstat-parser.h"

G_BEGIN_DECLS

char                *read_data   (const char                *name,
                                  gsize                     *length);
LiaisonNetstatTable *parse_data  (const char                *name);
char                *socket_text (const LiaisonSocket       *socket,
                                  gboolean                   with_process);
char                *table_text  (const LiaisonNetstatTable *table,
                                  gboolean                   with_process);

G_END_DECLS
