/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/*
 * A file's search index (search_value_index) holds every value followed by
 * two U+0001 characters: then each occurrence of a one- or two-character
 * search begins one of the index's trigrams, and the values that contain it
 * are the values of the index terms that begin with it.
 * LIAISON_SEARCH_INDEXED (column) is the SQL expression of what the index
 * holds for a value (NULL stays NULL; a port becomes its digits). Schema
 * version 2 rebuilt the index this way.
 */
#define LIAISON_SEARCH_END "char(1, 1)"
#define LIAISON_SEARCH_INDEXED(column) column " || " LIAISON_SEARCH_END

int   liaison_search_register (sqlite3    *db);
char *liaison_search_fold     (const char *text);

G_END_DECLS
