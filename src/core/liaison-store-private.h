/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * For the store's rooms (liaison-store-*.c), the core's own modules and the
 * tests: the SQLite connection behind a store.
 */

#include <sqlite3.h>

#include "liaison-address.h"
#include "liaison-store.h"

G_BEGIN_DECLS

struct _LiaisonStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;   /* SQL text -> CachedStatement */
  GHashTable *by_pointer;   /* SQL text address -> CachedStatement (not owned) */
  guint       depth;        /* transaction nesting: 0 none, 1 BEGIN, >1 savepoints */
  guint       reading;      /* liaison_store_begin_read() nesting */
  gboolean    large;        /* the open transaction is liaison_store_begin_large()'s */
  gboolean    large_cache;  /* it has the large page cache in WAL mode */
  GHashTable *devices;      /* names known to be in `device` (owned keys) */
  gint64      search_base;  /* communication ids above it were added in this transaction */
  gboolean    single_rows;  /* imports write one row a statement (the tests' reference) */
  GArray     *held_last;    /* HeldTime: communications' last detections not written yet, NULL: none held */
};

/* liaison-store.c */
sqlite3      *liaison_store_get_db               (LiaisonStore         *self);
sqlite3_stmt *liaison_store_prepare              (LiaisonStore         *self,
                                                  const char           *sql,
                                                  GError              **error);
gboolean      liaison_store_exec                 (LiaisonStore         *self,
                                                  const char           *sql,
                                                  GError              **error);
gboolean      liaison_store_step_done            (LiaisonStore         *self,
                                                  sqlite3_stmt         *stmt,
                                                  GError              **error);
gboolean      liaison_store_set_error            (LiaisonStore         *self,
                                                  GError              **error);
gboolean      liaison_store_data_version         (LiaisonStore         *self,
                                                  gint64               *version,
                                                  GError              **error);
gboolean      liaison_store_ensure_device        (LiaisonStore         *self,
                                                  const char           *name,
                                                  GError              **error);
void          liaison_store_set_single_rows      (LiaisonStore         *self,
                                                  gboolean              single_rows);
gboolean      liaison_store_defer_indexes        (LiaisonStore         *self,
                                                  const char           *table,
                                                  GPtrArray            *deferred,
                                                  GError              **error);
gboolean      liaison_store_restore_indexes      (LiaisonStore         *self,
                                                  GPtrArray            *deferred,
                                                  GError              **error);

/* Binding and reading values: a NULL text, or LIAISON_TIME_NONE for a time, binds NULL. */
void          liaison_bind_text                  (sqlite3_stmt         *stmt,
                                                  int                   index,
                                                  const char           *text);
void          liaison_bind_time                  (sqlite3_stmt         *stmt,
                                                  int                   index,
                                                  gint64                time);
void          liaison_bind_address_key           (sqlite3_stmt         *stmt,
                                                  int                   index,
                                                  const LiaisonAddress *address);
gint64        liaison_column_time                (sqlite3_stmt         *stmt,
                                                  int                   index);
char         *liaison_column_dup_text            (sqlite3_stmt         *stmt,
                                                  int                   index);

/* liaison-store-observations.c: an import that observes each conversation
 * once may hold the new last detections of the rows it updates, and write
 * them several to a statement. */
void          liaison_store_hold_last_detected   (LiaisonStore         *self);
gboolean      liaison_store_write_last_detected  (LiaisonStore         *self,
                                                  GError              **error);

/* liaison-store-search-index.c: call liaison_store_search_row_changing()
 * before a row of `communication` is changed or deleted in a transaction,
 * liaison_store_search_row_added() after one is inserted. */
gboolean      liaison_store_search_index_open    (LiaisonStore         *self,
                                                  GError              **error);
void          liaison_store_search_index_begin   (LiaisonStore         *self);
gboolean      liaison_store_search_index_refresh (LiaisonStore         *self,
                                                  GError              **error);
gboolean      liaison_store_search_row_changing  (LiaisonStore         *self,
                                                  gint64                id,
                                                  GError              **error);
gboolean      liaison_store_search_row_added     (LiaisonStore         *self,
                                                  gint64                id,
                                                  GError              **error);

/* A statement from liaison_store_prepare() belongs to the store's cache;
 * g_autoptr(LiaisonStmt) resets it when it goes out of scope. */
typedef sqlite3_stmt LiaisonStmt;

static inline void
liaison_stmt_release (LiaisonStmt *stmt)
{
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonStmt, liaison_stmt_release)

G_END_DECLS
