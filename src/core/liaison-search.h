/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

int   liaison_search_register (sqlite3    *db);
char *liaison_search_fold     (const char *text);

G_END_DECLS
