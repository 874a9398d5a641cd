/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-error.h"
#include "liaison-store-communications.h"
#include "liaison-store-private.h"

/*
 * Deleting service communications, and putting them back (undo).
 */

/* A deleted selection: each table's rows as SQLite values, in column order. */
typedef struct
{
  const char *table;
  const char *key;
  guint       n_columns;
  GPtrArray  *rows;           /* sqlite3_value *[n_columns] as GPtrArray of GPtrArray */
} DeletedTable;

struct _LiaisonDeletion
{
  guint        count;
  DeletedTable tables[2];
};

static void
value_array_free (gpointer data)
{
  GPtrArray *values = data;

  for (guint i = 0; i < values->len; i++)
    sqlite3_value_free (g_ptr_array_index (values, i));
  g_ptr_array_free (values, TRUE);
}

void
liaison_deletion_free (LiaisonDeletion *deletion)
{
  if (deletion == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (deletion->tables); i++)
    g_clear_pointer (&deletion->tables[i].rows, g_ptr_array_unref);
  g_free (deletion);
}

guint
liaison_deletion_get_count (LiaisonDeletion *deletion)
{
  g_return_val_if_fail (deletion != NULL, 0);
  return deletion->count;
}

static gboolean
keep_rows (LiaisonStore  *self,
           DeletedTable  *table,
           gint64         id,
           GError       **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s WHERE %s = ?", table->table, table->key);
  g_autoptr(LiaisonStmt) stmt = liaison_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  liaison_stmt_bind_int64 (stmt, 1, id);

  while ((rc = liaison_stmt_step (stmt)) == LIAISON_ROW)
    {
      guint n = (guint) liaison_stmt_column_count (stmt);
      GPtrArray *values = g_ptr_array_sized_new (n);

      table->n_columns = n;
      for (guint c = 0; c < n; c++)
        g_ptr_array_add (values, sqlite3_value_dup (sqlite3_column_value (stmt, (int) c)));
      g_ptr_array_add (table->rows, values);
    }
  if (rc != LIAISON_DONE)
    return liaison_store_set_error (self, error);
  return TRUE;
}

/**
 * liaison_store_delete_communications:
 * @deletion: (out) (optional): what was deleted, to give to
 *   liaison_store_restore_deletion() for an undo
 *
 * Deletes service communications and their classic statistics. Ids that do
 * not exist are refused.
 */
gboolean
liaison_store_delete_communications (LiaisonStore     *self,
                                     const gint64     *ids,
                                     guint             n_ids,
                                     LiaisonDeletion **deletion,
                                     GError          **error)
{
  g_autoptr(LiaisonDeletion) kept = g_new0 (LiaisonDeletion, 1);

  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);

  kept->tables[0] = (DeletedTable) { "communication", "id", 0, g_ptr_array_new_with_free_func (value_array_free) };
  kept->tables[1] = (DeletedTable) { "classic_stat", "communication_id", 0, g_ptr_array_new_with_free_func (value_array_free) };

  if (!liaison_store_begin (self, error))
    return FALSE;

  for (guint i = 0; i < n_ids; i++)
    {
      g_autoptr(LiaisonStmt) stmt = NULL;
      guint before = kept->tables[0].rows->len;

      if (!keep_rows (self, &kept->tables[0], ids[i], error))
        goto fail;
      if (kept->tables[0].rows->len == before)
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND,
                       _("there is no service communication with id %lld"), (long long) ids[i]);
          goto fail;
        }
      if (deletion != NULL && !keep_rows (self, &kept->tables[1], ids[i], error))
        goto fail;

      if (!liaison_store_search_row_changing (self, ids[i], error))
        goto fail;

      stmt = liaison_store_prepare (self, "DELETE FROM communication WHERE id = ?", error);
      if (stmt == NULL)
        goto fail;
      liaison_stmt_bind_int64 (stmt, 1, ids[i]);
      if (liaison_stmt_step (stmt) != LIAISON_DONE)
        {
          liaison_store_set_error (self, error);
          goto fail;
        }
      kept->count++;
    }

  if (!liaison_store_commit (self, error))
    return FALSE;

  if (deletion != NULL)
    *deletion = g_steal_pointer (&kept);
  return TRUE;

fail:
  liaison_store_rollback (self);
  return FALSE;
}

/**
 * liaison_store_restore_deletion:
 *
 * Puts back what liaison_store_delete_communications() deleted, with the
 * same ids and classic statistics. Fails, changing nothing, when one of the
 * rows was added again meanwhile.
 */
gboolean
liaison_store_restore_deletion (LiaisonStore     *self,
                                LiaisonDeletion  *deletion,
                                GError          **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  g_return_val_if_fail (deletion != NULL, FALSE);

  if (!liaison_store_begin (self, error))
    return FALSE;

  for (guint t = 0; t < G_N_ELEMENTS (deletion->tables); t++)
    {
      DeletedTable *table = &deletion->tables[t];
      g_autoptr(GString) sql = NULL;

      if (table->rows->len == 0)
        continue;

      sql = g_string_new (NULL);
      g_string_append_printf (sql, "INSERT INTO %s VALUES (", table->table);
      for (guint c = 0; c < table->n_columns; c++)
        g_string_append (sql, c == 0 ? "?" : ", ?");
      g_string_append_c (sql, ')');

      for (guint r = 0; r < table->rows->len; r++)
        {
          GPtrArray *values = g_ptr_array_index (table->rows, r);
          g_autoptr(LiaisonStmt) stmt = liaison_store_prepare (self, sql->str, error);
          int rc;

          if (stmt == NULL)
            goto fail;
          for (guint c = 0; c < values->len; c++)
            sqlite3_bind_value (stmt, (int) c + 1, g_ptr_array_index (values, c));

          rc = liaison_stmt_step (stmt);
          if ((rc & 0xff) == LIAISON_CONSTRAINT)
            {
              g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE,
                           _("cannot undo the deletion: one of the service communications exists again"));
              goto fail;
            }
          if (rc != LIAISON_DONE)
            {
              liaison_store_set_error (self, error);
              goto fail;
            }
          if (t == 0 && !liaison_store_search_row_added (self, sqlite3_value_int64 (g_ptr_array_index (values, 0)), error))
            goto fail;
        }
    }

  return liaison_store_commit (self, error);

fail:
  liaison_store_rollback (self);
  return FALSE;
}
