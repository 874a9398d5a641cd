/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-error.h"
#include "liaison-store-communications.h"
#include "liaison-store-communications-private.h"
#include "liaison-store-private.h"

/*
 * Deleting service communications, and putting them back (undo).
 */

/* A value of a deleted row, as the engine gave it. */
typedef struct
{
  int     type;             /* LIAISON_NULL, LIAISON_INTEGER, LIAISON_TEXT or LIAISON_BLOB */
  gint64  integer;
  GBytes *bytes;            /* text (without its NUL) or blob */
} KeptValue;

/* Keeps the value in @column of @stmt's row in @value. */
static void
kept_value_read (KeptValue   *value,
                 LiaisonStmt *stmt,
                 int          column)
{
  value->type = liaison_stmt_column_type (stmt, column);
  switch (value->type)
    {
    case LIAISON_NULL:
      break;
    case LIAISON_INTEGER:
      value->integer = liaison_stmt_column_int64 (stmt, column);
      break;
    case LIAISON_BLOB:
      {
        const void *data = liaison_stmt_column_blob (stmt, column);
        value->bytes = g_bytes_new (data, (gsize) liaison_stmt_column_bytes (stmt, column));
      }
      break;
    default:
      {
        const unsigned char *text = liaison_stmt_column_text (stmt, column);
        value->type = LIAISON_TEXT;
        value->bytes = g_bytes_new (text, (gsize) liaison_stmt_column_bytes (stmt, column));
      }
      break;
    }
}

static void
kept_value_bind (const KeptValue *value,
                 LiaisonStmt     *stmt,
                 int              index)
{
  gsize size = 0;
  const void *data = value->bytes != NULL ? g_bytes_get_data (value->bytes, &size) : NULL;

  switch (value->type)
    {
    case LIAISON_INTEGER:
      liaison_stmt_bind_int64 (stmt, index, value->integer);
      break;
    case LIAISON_TEXT:
      liaison_stmt_bind_text (stmt, index, size > 0 ? data : "", (int) size, LIAISON_STATIC);
      break;
    case LIAISON_BLOB:
      liaison_stmt_bind_blob (stmt, index, size > 0 ? data : "", (int) size, LIAISON_STATIC);
      break;
    default:
      liaison_stmt_bind_null (stmt, index);
      break;
    }
}

static void
kept_value_clear (gpointer data)
{
  KeptValue *value = data;

  g_clear_pointer (&value->bytes, g_bytes_unref);
}

/* A deleted selection: each table's rows as the engine's values, in column order. */
typedef struct
{
  const char *table;
  const char *key;
  guint       n_columns;
  GPtrArray  *rows;           /* (element-type GArray): each row's n_columns KeptValue */
} DeletedTable;

struct _LiaisonDeletion
{
  guint        count;
  DeletedTable tables[2];
};

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
      GArray *values = g_array_sized_new (FALSE, TRUE, sizeof (KeptValue), n);

      g_array_set_clear_func (values, kept_value_clear);
      g_array_set_size (values, n);
      table->n_columns = n;
      for (guint c = 0; c < n; c++)
        kept_value_read (&g_array_index (values, KeptValue, c), stmt, (int) c);
      g_ptr_array_add (table->rows, values);
    }
  return liaison_store_read_done (self, rc, error);
}

static LiaisonDeletion *
deletion_new (void)
{
  LiaisonDeletion *kept = g_new0 (LiaisonDeletion, 1);

  kept->tables[0] = (DeletedTable) { "communication", "id", 0, g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref) };
  kept->tables[1] = (DeletedTable) { "classic_stat", "communication_id", 0, g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref) };
  return kept;
}

/* Deletes the rows @ids inside a transaction, keeping them in @kept (and
 * their classic statistics when @with_statistics, for an undo). */
static gboolean
delete_rows (LiaisonStore     *self,
             LiaisonDeletion  *kept,
             const gint64     *ids,
             guint             n_ids,
             gboolean          with_statistics,
             GError          **error)
{
  for (guint i = 0; i < n_ids; i++)
    {
      g_autoptr(LiaisonStmt) stmt = NULL;
      guint before = kept->tables[0].rows->len;

      if (!keep_rows (self, &kept->tables[0], ids[i], error))
        return FALSE;
      if (kept->tables[0].rows->len == before)
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND,
                       _("there is no service communication with id %lld"), (long long) ids[i]);
          return FALSE;
        }
      if (with_statistics && !keep_rows (self, &kept->tables[1], ids[i], error))
        return FALSE;

      if (!liaison_store_search_row_changing (self, ids[i], error))
        return FALSE;

      stmt = liaison_store_prepare (self, "DELETE FROM communication WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      liaison_stmt_bind_int64 (stmt, 1, ids[i]);
      if (!liaison_store_step_done (self, stmt, error))
        return FALSE;
      kept->count++;
    }
  return TRUE;
}

typedef struct
{
  LiaisonSeenRows  rows;
  gboolean         with_statistics;  /* kept for an undo */
  LiaisonDeletion *kept;
} Delete;

/* Inside a transaction: deletes @ids, or, when @seen is given, the rows
 * of @seen still there once liaison_store_check_seen() finds no change. */
static gboolean
delete_seen_rows (LiaisonStore  *self,
                  gpointer       data,
                  GError       **error)
{
  Delete *del = data;
  g_autoptr(GArray) ids = liaison_store_check_ids (self, &del->rows, error);

  g_clear_pointer (&del->kept, liaison_deletion_free);
  del->kept = deletion_new ();
  return ids != NULL &&
         delete_rows (self, del->kept, (const gint64 *) (gpointer) ids->data, ids->len, del->with_statistics, error);
}

/* One transaction: delete_seen_rows(). */
static gboolean
delete_checked (LiaisonStore      *self,
                GPtrArray         *seen,
                const gint64      *ids,
                guint              n_ids,
                LiaisonDeletion  **deletion,
                LiaisonMeanwhile **meanwhile,
                GError           **error)
{
  Delete del = { { seen, ids, n_ids, NULL }, deletion != NULL, NULL };
  gboolean ok = liaison_store_write (self, delete_seen_rows, &del, error);

  liaison_meanwhile_give (&del.rows, meanwhile);
  if (ok && deletion != NULL)
    *deletion = g_steal_pointer (&del.kept);
  g_clear_pointer (&del.kept, liaison_deletion_free);
  return ok;
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
  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);

  return delete_checked (self, NULL, ids, n_ids, deletion, NULL, error);
}

/**
 * liaison_store_delete_communications_seen:
 * @seen: (element-type LiaisonCommunication): the rows as the person saw
 *   them when they chose to delete them
 * @deletion: (out) (optional): what was deleted, for an undo; its count
 *   leaves out the rows deleted meanwhile
 * @meanwhile: (out) (optional) (transfer full): what someone else did to
 *   @seen since (liaison_store_check_seen())
 *
 * Deletes what a person saw (team.md 3), checked and deleted in one
 * transaction: rows deleted meanwhile are just gone; when someone else
 * changed one, nothing is deleted and the error is %LIAISON_ERROR_CONFLICT.
 * To delete it anyway, call again with the rows as they are now; to keep
 * those, call again without them.
 */
gboolean
liaison_store_delete_communications_seen (LiaisonStore      *self,
                                          GPtrArray         *seen,
                                          LiaisonDeletion  **deletion,
                                          LiaisonMeanwhile **meanwhile,
                                          GError           **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  g_return_val_if_fail (seen != NULL, FALSE);

  return delete_checked (self, seen, NULL, 0, deletion, meanwhile, error);
}

/* Inside a transaction: puts back the rows of @data, a LiaisonDeletion. */
static gboolean
restore_rows (LiaisonStore  *self,
              gpointer       data,
              GError       **error)
{
  LiaisonDeletion *deletion = data;

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
          GArray *values = g_ptr_array_index (table->rows, r);
          g_autoptr(LiaisonStmt) stmt = liaison_store_prepare (self, sql->str, error);
          int rc;

          if (stmt == NULL)
            return FALSE;
          for (guint c = 0; c < values->len; c++)
            kept_value_bind (&g_array_index (values, KeptValue, c), stmt, (int) c + 1);

          rc = liaison_stmt_step (stmt);
          if (rc != LIAISON_DONE && liaison_store_failed_constraint (self))
            {
              g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE,
                           _("cannot undo the deletion: one of the service communications exists again"));
              return FALSE;
            }
          if (!liaison_store_read_done (self, rc, error))
            return FALSE;
          if (t == 0 && !liaison_store_search_row_added (self, g_array_index (values, KeptValue, 0).integer, error))
            return FALSE;
        }
    }

  return TRUE;
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

  return liaison_store_write (self, restore_rows, deletion, error);
}

