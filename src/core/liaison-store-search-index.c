/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include "liaison-search.h"
#include "liaison-store-private.h"
#include "liaison-store-schema-private.h"

/*
 * Keeping a file's search index (search_value and search_value_index,
 * liaison-store-schema.c, version 8) in step with the communication table.
 *
 * The index holds each distinct searched value once, not each row: at
 * commit, the values of the rows added or changed in the transaction that
 * it does not hold yet go in, a few thousand for a network's hundred
 * thousand rows. Nothing is taken out: a value no row holds any longer
 * finds no row, as on a server. The rows to read at commit are those noted
 * changed (search_dirty) and every row added since the transaction began:
 * no mark per new row.
 */

/* Rows changed in the transaction, whose values the index may not hold:
 * a table of this connection, made when it opens. */
gboolean
liaison_store_search_index_open (LiaisonStore  *self,
                                 GError       **error)
{
  if (self->engine == LIAISON_ENGINE_POSTGRESQL)
    return TRUE;
  return liaison_store_exec (self, "CREATE TEMP TABLE search_dirty (id INTEGER PRIMARY KEY)", error);
}

/* Rows added to `communication` in a transaction get ids above the largest
 * one at its start (AUTOINCREMENT never reuses an id): their values are
 * indexed at commit from that range, without a mark per row. Before the
 * schema exists there is no table, and every mark is kept. */
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

/* Notes row @id unless it was added in this transaction: those are read
 * from the range of new ids at commit. */
static gboolean
note_search_row (LiaisonStore  *self,
                 gint64         id,
                 GError       **error)
{
  g_autoptr(LiaisonStmt) stmt = NULL;

  /* A server keeps its index of values by triggers (liaison-store-schema.c). */
  if (self->engine == LIAISON_ENGINE_POSTGRESQL)
    return TRUE;

  g_return_val_if_fail (self->depth > 0, FALSE);

  if (id > self->search_base)
    return TRUE;

  stmt = liaison_store_prepare (self, "INSERT OR IGNORE INTO temp.search_dirty (id) VALUES (?1)", error);
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
  return note_search_row (self, id, error);
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
  return note_search_row (self, id, error);
}

/* The searched values of row c, each value followed by its key: an
 * address's, or NULL for any other value (x'' in search_value). Not its
 * source nor its protocol, which a search finds by their own indexes
 * (liaison-store-search.c). */
#define SEARCHED_VALUES \
  " c.client_ip, c.client_key, c.listener_ip, c.listener_key, c.client_device, NULL," \
  " c.listener_device, NULL, c.port, NULL, c.client_process_name, NULL, c.client_process_display_name, NULL"
#define N_SEARCHED_VALUES 7

/* Adds to search_value the values of the rows of @rows (SEARCHED_VALUES)
 * that it does not hold: each distinct one tried once. An address and a
 * name may be the same text (a device named after its address): they are
 * told apart by the key. */
static gboolean
add_values (LiaisonStore  *self,
            LiaisonStmt   *rows,
            GError       **error)
{
  g_autoptr(LiaisonStmt) add = NULL;
  g_autoptr(GHashTable) addresses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int rc;

  add = liaison_store_prepare (self, "INSERT OR IGNORE INTO search_value (value, key) VALUES (?1, ?2)", error);
  if (add == NULL)
    return FALSE;
  while ((rc = liaison_stmt_step (rows)) == LIAISON_ROW)
    for (int i = 0; i < N_SEARCHED_VALUES; i++)
      {
        const char *value = (const char *) liaison_stmt_column_text (rows, 2 * i);
        gboolean address = liaison_stmt_column_type (rows, 2 * i + 1) != LIAISON_NULL;
        GHashTable *seen = address ? addresses : names;

        if (value == NULL || *value == '\0' || g_hash_table_contains (seen, value))
          continue;
        g_hash_table_add (seen, g_strdup (value));
        liaison_stmt_bind_text (add, 1, value, -1, SQLITE_STATIC);
        if (address)
          liaison_stmt_bind_blob (add, 2, liaison_stmt_column_blob (rows, 2 * i + 1),
                                  liaison_stmt_column_bytes (rows, 2 * i + 1), SQLITE_STATIC);
        else
          liaison_stmt_bind_zeroblob (add, 2, 0);
        if (!liaison_store_step_done (self, add, error))
          return FALSE;
        liaison_stmt_reset (add);
      }
  return liaison_store_read_done (self, rc, error);
}

/* At the commit of a transaction: the index takes the values of the rows
 * noted and of every row added that it does not hold. */
gboolean
liaison_store_search_index_refresh (LiaisonStore  *self,
                                    GError       **error)
{
  g_autoptr(LiaisonStmt) rows = NULL;
  g_autoptr(LiaisonStmt) index = NULL;
  gint64 dirty = 0;
  gint64 before = 0;

  /* A server keeps its index of values by triggers. */
  if (self->engine == LIAISON_ENGINE_POSTGRESQL)
    return TRUE;

  if (!liaison_store_query_int_with (self,
                                     "SELECT EXISTS (SELECT 1 FROM temp.search_dirty)"
                                     " OR EXISTS (SELECT 1 FROM communication WHERE id > ?1)",
                                     self->search_base, &dirty, error))
    return FALSE;
  if (!dirty)
    return TRUE;

  if (!liaison_store_query_int (self, "SELECT coalesce (max(id), 0) FROM search_value", &before, error))
    return FALSE;
  rows = liaison_store_prepare (self,
                                "SELECT" SEARCHED_VALUES
                                " FROM temp.search_dirty AS d JOIN communication AS c ON c.id = d.id"
                                " WHERE d.id <= ?1"
                                " UNION ALL"
                                " SELECT" SEARCHED_VALUES " FROM communication AS c WHERE c.id > ?1",
                                error);
  if (rows == NULL)
    return FALSE;
  liaison_stmt_bind_int64 (rows, 1, self->search_base);
  if (!add_values (self, rows, error))
    return FALSE;
  g_clear_pointer (&rows, liaison_stmt_release);

  /* The values added have the largest ids. */
  index = liaison_store_prepare (self,
                                 "INSERT INTO search_value_index (rowid, value)"
                                 " SELECT id, " LIAISON_SEARCH_INDEXED ("value") " FROM search_value WHERE id > ?1",
                                 error);
  if (index == NULL)
    return FALSE;
  liaison_stmt_bind_int64 (index, 1, before);
  return liaison_store_step_done (self, index, error) &&
         liaison_store_exec (self, "DELETE FROM temp.search_dirty", error);
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
