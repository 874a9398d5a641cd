/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-netstat-parser.h"

G_BEGIN_DECLS

LiaisonNetstatTable *liaison_netstat_table_new (guint reserved);

G_END_DECLS
