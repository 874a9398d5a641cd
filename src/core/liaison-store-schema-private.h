/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

guint       liaison_schema_version   (void);
const char *liaison_schema_migration (guint version);
const char *liaison_schema_pg_migration (guint version);
guint       liaison_schema_pg_version (void);
const char *liaison_schema_pg        (void);
const char *liaison_schema_pg_search (void);

/*
 * On a server made before that index, the text a search looks through: a
 * communication's searched columns (those liaison_contains() is given in
 * liaison-store-search.c) in one value, folded as liaison_contains() folds
 * (ASCII only: lower() in the "C" collation). A trigram index (pg_trgm)
 * over it finds the rows whose value holds a search of three characters or
 * more; the rows it gives are tested column by column all the same.
 */
#define LIAISON_PG_SEARCH_TEXT \
  "lower ((client_ip || ' ' || coalesce (client_device, '') || ' ' || listener_ip" \
  " || ' ' || coalesce (listener_device, '') || ' ' || CAST (port AS TEXT) || ' ' || protocol" \
  " || ' ' || client_process_name || ' ' || coalesce (client_process_display_name, '')" \
  " || ' ' || source) COLLATE \"C\")"

G_END_DECLS
