/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include "liaison-store-private.h"

/* Binding values to a statement, reading them from its rows, and stepping
 * it to its end or to its one integer: the same calls on either engine. */

/* Runs @stmt, a statement that returns no row. */
gboolean
liaison_store_step_done (LiaisonStore  *self,
                         LiaisonStmt   *stmt,
                         GError       **error)
{
  return liaison_store_read_done (self, liaison_stmt_step (stmt), error);
}

/* Whether @rc, what the last step of a statement gave, says that it ran to
 * its end (LIAISON_DONE); else the store's error. */
gboolean
liaison_store_read_done (LiaisonStore  *self,
                         int            rc,
                         GError       **error)
{
  return rc == LIAISON_DONE || liaison_store_set_error (self, error);
}

void
liaison_bind_text (LiaisonStmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text == NULL)
    liaison_stmt_bind_null (stmt, index);
  else
    liaison_stmt_bind_text (stmt, index, text, -1, LIAISON_TRANSIENT);
}

/* Binds the sort key of @address (liaison_address_to_key()). */
void
liaison_bind_address_key (LiaisonStmt         *stmt,
                          int                   index,
                          const LiaisonAddress *address)
{
  guint8 key[LIAISON_ADDRESS_KEY_LEN];

  liaison_address_to_key (address, key);
  liaison_stmt_bind_blob (stmt, index, key, sizeof key, LIAISON_TRANSIENT);
}

void
liaison_bind_time (LiaisonStmt *stmt,
                   int           index,
                   gint64        time)
{
  if (time == G_MININT64)
    liaison_stmt_bind_null (stmt, index);
  else
    liaison_stmt_bind_int64 (stmt, index, time);
}

gint64
liaison_column_time (LiaisonStmt *stmt,
                     int           index)
{
  if (liaison_stmt_column_type (stmt, index) == LIAISON_NULL)
    return G_MININT64;
  return liaison_stmt_column_int64 (stmt, index);
}

char *
liaison_column_dup_text (LiaisonStmt *stmt,
                         int           index)
{
  const unsigned char *text = liaison_stmt_column_text (stmt, index);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

/* The one integer of @sql, a query without parameters. */
gboolean
liaison_store_query_int (LiaisonStore  *self,
                         const char    *sql,
                         gint64        *value,
                         GError       **error)
{
  return liaison_store_query_int_with (self, sql, 0, value, error);
}

/* Whether the one integer of @sql, a query without parameters, is not 0. */
gboolean
liaison_store_query_bool (LiaisonStore  *self,
                          const char    *sql,
                          gboolean      *value,
                          GError       **error)
{
  gint64 number = 0;

  if (!liaison_store_query_int (self, sql, &number, error))
    return FALSE;
  *value = number != 0;
  return TRUE;
}

/* The one integer of @sql with @param bound as ?1, if it has parameters. */
gboolean
liaison_store_query_int_with (LiaisonStore  *self,
                              const char    *sql,
                              gint64         param,
                              gint64        *value,
                              GError       **error)
{
  g_autoptr(LiaisonStmt) stmt = liaison_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (liaison_stmt_bind_parameter_count (stmt) > 0)
    liaison_stmt_bind_int64 (stmt, 1, param);
  return liaison_store_step_int (self, stmt, value, error);
}

/* Steps @stmt, a query whose row holds an integer first, and reads it. */
gboolean
liaison_store_step_int (LiaisonStore  *self,
                        LiaisonStmt   *stmt,
                        gint64        *value,
                        GError       **error)
{
  if (liaison_stmt_step (stmt) != LIAISON_ROW)
    return liaison_store_set_error (self, error);
  *value = liaison_stmt_column_int64 (stmt, 0);
  return TRUE;
}
