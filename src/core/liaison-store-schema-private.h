/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

guint       liaison_schema_version   (void);
const char *liaison_schema_migration (guint version);
const char *liaison_schema_pg        (void);

G_END_DECLS
