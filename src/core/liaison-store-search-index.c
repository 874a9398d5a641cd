/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include "liaison-search.h"
#include "liaison-store-private.h"
#include "liaison-store-schema-private.h"

/*
 * Keeping the search index (communication_search) in step with the
 * communication table.
 *
 * The index keeps no copy of the values (a contentless table: one write
 * less per row), so taking a row out of it needs the values it was indexed
 * with. The store notes them before it changes or deletes a row; at commit
 * the index takes those rows out and puts in the rows as they are then,
 * with every row added since the transaction began: a full-text table
 * written one statement per row would flush its pending data every time.
 */

/* Rows whose index entry is stale, refreshed at commit: with what the
 * index holds for them (indexed = 1), to take out first. A table of this
 * connection, made when it opens. */
gboolean
liaison_store_search_index_open (LiaisonStore  *self,
                                 GError       **error)
{
  if (self->engine == LIAISON_ENGINE_POSTGRESQL)
    return TRUE;
  return liaison_store_exec (self,
                             "CREATE TEMP TABLE search_dirty (id INTEGER PRIMARY KEY, indexed INTEGER NOT NULL,"
                             " c0, c1, c2, c3, c4, c5, c6)",
                             error);
}

/* Rows added to `communication` in a transaction get ids above the largest
 * one at its start (AUTOINCREMENT never reuses an id): their search index
 * entries are written at commit from that range, without a mark per row.
 * Before the schema exists there is no table, and every mark is kept. */
void
liaison_store_search_index_begin (LiaisonStore *self)
{
  LiaisonStmt *stmt;

  self->search_base = G_MAXINT64;
  if (self->engine == LIAISON_ENGINE_POSTGRESQL)
    return;
  stmt = liaison_store_prepare (self,
                                "SELECT coalesce(max(id), 0) FROM communication",
                                NULL);
  if (stmt == NULL)
    return;
  if (liaison_stmt_step (stmt) == LIAISON_ROW)
    self->search_base = liaison_stmt_column_int64 (stmt, 0);
  liaison_stmt_release (stmt);
}

/* What the search index holds for row c (liaison-search.h): not its
 * source nor its protocol, which a search finds by their own indexes
 * (liaison-store-search.c). */
#define SEARCH_INDEXED_VALUES \
  " " LIAISON_SEARCH_INDEXED ("c.client_ip") ", " LIAISON_SEARCH_INDEXED ("c.client_device") "," \
  " " LIAISON_SEARCH_INDEXED ("c.listener_ip") ", " LIAISON_SEARCH_INDEXED ("c.listener_device") "," \
  " " LIAISON_SEARCH_INDEXED ("c.port") ", " LIAISON_SEARCH_INDEXED ("c.client_process_name") "," \
  " " LIAISON_SEARCH_INDEXED ("c.client_process_display_name")

#define SEARCH_COLUMNS \
  "client_ip, client_device, listener_ip, listener_device, port," \
  " client_process_name, client_process_display_name"

/* Notes row @id with @sql (binding it as ?1) unless it was added in this
 * transaction: those are indexed from the range of new ids at commit. */
static gboolean
note_search_row (LiaisonStore  *self,
                 gint64         id,
                 const char    *sql,
                 GError       **error)
{
  g_autoptr(LiaisonStmt) stmt = NULL;

  /* A server has no index of its own: its searches read the rows. */
  if (self->engine == LIAISON_ENGINE_POSTGRESQL)
    return TRUE;

  g_return_val_if_fail (self->depth > 0, FALSE);

  if (id > self->search_base)
    return TRUE;

  stmt = liaison_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  liaison_stmt_bind_int64 (stmt, 1, id);
  return liaison_store_step_done (self, stmt, error);
}

/**
 * liaison_store_search_row_changing:
 *
 * To be called before row @id of `communication` is changed or deleted in
 * a transaction.
 */
gboolean
liaison_store_search_row_changing (LiaisonStore  *self,
                                   gint64         id,
                                   GError       **error)
{
  /* The first time in the transaction only: the row is then as indexed. */
  return note_search_row (self, id,
                          "INSERT OR IGNORE INTO temp.search_dirty"
                          " SELECT c.id, 1," SEARCH_INDEXED_VALUES
                          " FROM communication AS c WHERE c.id = ?1",
                          error);
}

/**
 * liaison_store_search_row_added:
 *
 * To be called after row @id was inserted into `communication` in a
 * transaction: a new row, or one an undo brings back.
 */
gboolean
liaison_store_search_row_added (LiaisonStore  *self,
                                gint64         id,
                                GError       **error)
{
  /* An id brought back is not in the index, unless it was deleted in this
   * transaction: then it was noted as indexed, and stays so. */
  return note_search_row (self, id,
                          "INSERT OR IGNORE INTO temp.search_dirty (id, indexed) VALUES (?1, 0)",
                          error);
}

/* At the commit of a transaction: the index takes out the rows noted and
 * puts in the rows as they are now, with every row added. */
gboolean
liaison_store_search_index_refresh (LiaisonStore  *self,
                                    GError       **error)
{
  static const char *steps[] = {
    "INSERT INTO communication_search (communication_search, rowid, " SEARCH_COLUMNS ")"
    " SELECT 'delete', id, c0, c1, c2, c3, c4, c5, c6 FROM temp.search_dirty WHERE indexed",
    "INSERT INTO communication_search (rowid, " SEARCH_COLUMNS ")"
    " SELECT c.id," SEARCH_INDEXED_VALUES
    " FROM temp.search_dirty AS d JOIN communication AS c ON c.id = d.id"
    " WHERE d.id <= ?1"
    " UNION ALL"
    " SELECT c.id," SEARCH_INDEXED_VALUES
    " FROM communication AS c WHERE c.id > ?1",
    "DELETE FROM temp.search_dirty",
  };
  gint64 dirty = 0;

  /* A server has no index of its own: its searches read the rows. */
  if (self->engine == LIAISON_ENGINE_POSTGRESQL)
    return TRUE;

  if (!liaison_store_query_int_with (self,
                                     "SELECT EXISTS (SELECT 1 FROM temp.search_dirty)"
                                     " OR EXISTS (SELECT 1 FROM communication WHERE id > ?1)",
                                     self->search_base, &dirty, error))
    return FALSE;
  if (!dirty)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(LiaisonStmt) stmt = liaison_store_prepare (self, steps[i], error);

      if (stmt == NULL)
        return FALSE;
      if (liaison_stmt_bind_parameter_count (stmt) > 0)
        liaison_stmt_bind_int64 (stmt, 1, self->search_base);
      if (!liaison_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Whether the server has the search's own index (search_value,
 * liaison-store-schema.c) and this role may read it. */
static gboolean
server_has_grams (LiaisonStore  *self,
                  gboolean      *has,
                  GError       **error)
{
  return liaison_store_query_bool (self,
                                   "SELECT coalesce (has_table_privilege (to_regclass ('search_value'), 'SELECT'),"
                                   " FALSE)::int",
                                   has, error);
}

/*
 * A server made before the search had its index of values gets it from
 * the table's owner when opened: in one transaction, one owner at a time
 * (the lock that guards making the schema), so that a search never sees
 * half of it. Any other role opens it as it is and searches without it, as
 * that version did (liaison-store-search.c). self->pg_search_grams says
 * which.
 */
gboolean
liaison_store_search_index_open_server (LiaisonStore  *self,
                                        GError       **error)
{
  gboolean owns = FALSE;

  if (!server_has_grams (self, &self->pg_search_grams, error))
    return FALSE;
  if (self->pg_search_grams || self->read_only)
    return TRUE;
  /* The table's owner (or a member of the role that owns it) may index it. */
  if (!liaison_pg_owns (self, "communication", &owns, error))
    return FALSE;
  if (!owns)
    return TRUE;

  if (!liaison_pg_exec (self, LIAISON_PG_SCHEMA_LOCK, error))
    return FALSE;
  if (!server_has_grams (self, &self->pg_search_grams, error) ||
      (!self->pg_search_grams && !liaison_pg_exec (self, liaison_schema_pg_search (), error)) ||
      !liaison_pg_exec (self, "COMMIT", error))
    {
      g_autoptr(GError) ignored = NULL;

      self->pg_search_grams = FALSE;
      liaison_pg_exec (self, "ROLLBACK", &ignored);
      return FALSE;
    }
  self->pg_search_grams = TRUE;
  return TRUE;
}
