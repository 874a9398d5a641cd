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

/* The database behind a store: an SQLite file, or a PostgreSQL server
 * (team.md) reached through libpq. */
typedef enum
{
  LIAISON_ENGINE_SQLITE,
  LIAISON_ENGINE_POSTGRESQL,
} LiaisonEngine;

typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;
typedef struct _LiaisonPgStmt LiaisonPgStmt;

struct _LiaisonStore
{
  GObject     parent_instance;

  char       *path;         /* a file, or a server's URI without its password */
  LiaisonEngine engine;
  sqlite3    *db;           /* SQLite */
  PGconn     *pg;           /* PostgreSQL */
  char       *pg_error;     /* the server's message for the last failed statement */
  char       *pg_sqlstate;  /* and its SQLSTATE */
  gint64      pg_changes;   /* rows the last statement changed */
  gint64      pg_notified;  /* notifications received: the data version */
  char       *pg_schema;    /* the schema the inventory is in */
  GCancellable *pg_cancellable; /* liaison_store_set_cancellable()'s (not owned) */
  GSource    *pg_watch;     /* the source that reads notifications, in the watching context */
  gboolean    pg_was_watched; /* and whether there was one before a lost connection */
  gboolean    pg_others_changed; /* another connection committed since the last ::changed */
  void      (*statement_hook) (const char *sql, gpointer data);
  gpointer    statement_hook_data;
  gulong      pg_cancel_handler;
  guint       pg_names;     /* prepared statements made */
  gboolean    read_only;    /* the role may not write (team.md 3) */
  gboolean    pg_search_grams; /* the server has the search's own index */
  gboolean    closing;      /* finalizing: statements need not be given back */
  GHashTable *statements;   /* SQL text -> CachedStatement */
  GHashTable *by_pointer;   /* SQL text address -> CachedStatement (not owned) */
  guint       depth;        /* transaction nesting: 0 none, 1 BEGIN, >1 savepoints */
  guint       reading;      /* liaison_store_begin_read() nesting */
  gboolean    large;        /* the open transaction is liaison_store_begin_large()'s */
  gboolean    large_cache;  /* it has the large page cache in WAL mode */
  GHashTable *devices;      /* names known to be in `device` (owned keys) */
  gint64      search_base;  /* communication ids above it were added in this transaction */
  gboolean    single_rows;  /* imports write one row a statement (the tests' reference) */
  GArray     *held_last;    /* LiaisonHeldTime: communications' last detections not written yet, NULL: none held */
  GHashTable *looked_up;    /* identity -> its rows read ahead (liaison_store_look_up_identities()), NULL: none */
  GHashTable *held_listeners; /* samples counted of listeners, not written yet (liaison_store_hold_statistics()), NULL: none held */
  GHashTable *held_classic;   /* host -> samples counted of its classic records */
  GHashTable *held_records;   /* record identity -> its figures counted in memory */
};

/*
 * A prepared statement of either engine. The store's rooms use only these
 * calls, which keep SQLite's meaning (indexes from 1 for parameters, from 0
 * for columns; the result codes below), so that one SQL text and one piece
 * of code serve both engines. SQLite's are called directly.
 */
typedef struct
{
  sqlite3_stmt  *lite;
  LiaisonPgStmt *pg;
} LiaisonStmt;

#define LIAISON_ROW        SQLITE_ROW
#define LIAISON_DONE       SQLITE_DONE
#define LIAISON_CONSTRAINT SQLITE_CONSTRAINT
#define LIAISON_NULL       SQLITE_NULL
#define LIAISON_INTEGER    SQLITE_INTEGER
#define LIAISON_BLOB       SQLITE_BLOB
#define LIAISON_TEXT       SQLITE_TEXT
#define LIAISON_STATIC     SQLITE_STATIC
#define LIAISON_TRANSIENT  SQLITE_TRANSIENT

/* liaison-store-pg.c */
int                  liaison_pg_bind_int64        (LiaisonPgStmt *stmt, int index, gint64 value);
int                  liaison_pg_bind_text         (LiaisonPgStmt *stmt, int index, const char *text, int length, gboolean copy);
int                  liaison_pg_bind_blob         (LiaisonPgStmt *stmt, int index, const void *blob, int length, gboolean copy);
int                  liaison_pg_bind_null         (LiaisonPgStmt *stmt, int index);
int                  liaison_pg_bind_parameter_count (LiaisonPgStmt *stmt);
int                  liaison_pg_step              (LiaisonPgStmt *stmt);
gint64               liaison_pg_column_int64      (LiaisonPgStmt *stmt, int index);
const unsigned char *liaison_pg_column_text       (LiaisonPgStmt *stmt, int index);
const void          *liaison_pg_column_blob       (LiaisonPgStmt *stmt, int index);
int                  liaison_pg_column_bytes      (LiaisonPgStmt *stmt, int index);
int                  liaison_pg_column_type       (LiaisonPgStmt *stmt, int index);
int                  liaison_pg_column_count      (LiaisonPgStmt *stmt);
int                  liaison_pg_reset             (LiaisonPgStmt *stmt);
int                  liaison_pg_clear_bindings    (LiaisonPgStmt *stmt);

#define LIAISON_STMT_CALL(stmt, lite_call, pg_call) \
  (G_LIKELY ((stmt)->lite != NULL) ? (lite_call) : (pg_call))

/* liaison_stmt_NAME (stmt, index) and liaison_stmt_NAME (stmt): SQLite's
 * sqlite3_NAME() or the server's liaison_pg_NAME(), by the statement's engine. */
#define LIAISON_STMT_OF_INDEX(type, name) \
  static inline type \
  liaison_stmt_##name (LiaisonStmt *stmt, int index) \
  { \
    return LIAISON_STMT_CALL (stmt, sqlite3_##name (stmt->lite, index), liaison_pg_##name (stmt->pg, index)); \
  }
#define LIAISON_STMT_OF_STMT(type, name) \
  static inline type \
  liaison_stmt_##name (LiaisonStmt *stmt) \
  { \
    return LIAISON_STMT_CALL (stmt, sqlite3_##name (stmt->lite), liaison_pg_##name (stmt->pg)); \
  }

static inline int
liaison_stmt_bind_int64 (LiaisonStmt *stmt, int index, gint64 value)
{
  return LIAISON_STMT_CALL (stmt, sqlite3_bind_int64 (stmt->lite, index, value),
                            liaison_pg_bind_int64 (stmt->pg, index, value));
}

static inline int
liaison_stmt_bind_int (LiaisonStmt *stmt, int index, int value)
{
  return liaison_stmt_bind_int64 (stmt, index, value);
}

static inline int
liaison_stmt_bind_text (LiaisonStmt *stmt, int index, const char *text, int length,
                        sqlite3_destructor_type destructor)
{
  return LIAISON_STMT_CALL (stmt, sqlite3_bind_text (stmt->lite, index, text, length, destructor),
                            liaison_pg_bind_text (stmt->pg, index, text, length, destructor != SQLITE_STATIC));
}

static inline int
liaison_stmt_bind_blob (LiaisonStmt *stmt, int index, const void *blob, int length,
                        sqlite3_destructor_type destructor)
{
  return LIAISON_STMT_CALL (stmt, sqlite3_bind_blob (stmt->lite, index, blob, length, destructor),
                            liaison_pg_bind_blob (stmt->pg, index, blob, length, destructor != SQLITE_STATIC));
}

static inline int
liaison_stmt_bind_zeroblob (LiaisonStmt *stmt, int index, int length)
{
  g_assert (length == 0);
  return liaison_stmt_bind_blob (stmt, index, "", 0, SQLITE_STATIC);
}

LIAISON_STMT_OF_INDEX (int, bind_null)
LIAISON_STMT_OF_STMT (int, bind_parameter_count)
LIAISON_STMT_OF_STMT (int, step)
LIAISON_STMT_OF_INDEX (gint64, column_int64)

static inline int
liaison_stmt_column_int (LiaisonStmt *stmt, int index)
{
  return (int) liaison_stmt_column_int64 (stmt, index);
}

LIAISON_STMT_OF_INDEX (const unsigned char *, column_text)
LIAISON_STMT_OF_INDEX (const void *, column_blob)
LIAISON_STMT_OF_INDEX (int, column_bytes)
LIAISON_STMT_OF_INDEX (int, column_type)
LIAISON_STMT_OF_STMT (int, column_count)

LIAISON_STMT_OF_STMT (int, reset)
LIAISON_STMT_OF_STMT (int, clear_bindings)

/* liaison-store.c */
sqlite3      *liaison_store_get_db               (LiaisonStore         *self);
LiaisonStmt  *liaison_store_prepare              (LiaisonStore         *self,
                                                  const char           *sql,
                                                  GError              **error);
gboolean      liaison_store_exec                 (LiaisonStore         *self,
                                                  const char           *sql,
                                                  GError              **error);
gboolean      liaison_store_step_done            (LiaisonStore         *self,
                                                  LiaisonStmt          *stmt,
                                                  GError              **error);
gboolean      liaison_store_read_done            (LiaisonStore         *self,
                                                  int                   rc,
                                                  GError              **error);
gboolean      liaison_store_set_error            (LiaisonStore         *self,
                                                  GError              **error);
/* Work inside a transaction that liaison_store_write() runs, maybe more than once. */
typedef gboolean (*LiaisonStoreWrite) (LiaisonStore  *self,
                                       gpointer       data,
                                       GError       **error);
gboolean      liaison_store_write                (LiaisonStore         *self,
                                                  LiaisonStoreWrite     write,
                                                  gpointer              data,
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
gboolean      liaison_store_defer_index_for_updates (LiaisonStore  *self,
                                                     const char    *table,
                                                     const char    *index,
                                                     guint          n_updates,
                                                     GPtrArray     *deferred,
                                                     GError       **error);
gboolean      liaison_store_defer_identity       (LiaisonStore         *self,
                                                  const char           *table,
                                                  const char           *index,
                                                  GPtrArray            *deferred,
                                                  GError              **error);
gboolean      liaison_store_restore_indexes      (LiaisonStore         *self,
                                                  GPtrArray            *deferred,
                                                  GError              **error);
gint64        liaison_store_last_insert_id       (LiaisonStore         *self);
gboolean      liaison_store_query_int            (LiaisonStore         *self,
                                                  const char           *sql,
                                                  gint64               *value,
                                                  GError              **error);
gboolean      liaison_store_query_int_with       (LiaisonStore         *self,
                                                  const char           *sql,
                                                  gint64                param,
                                                  gint64               *value,
                                                  GError              **error);
gboolean      liaison_store_step_int             (LiaisonStore         *self,
                                                  LiaisonStmt          *stmt,
                                                  gint64               *value,
                                                  GError              **error);
gboolean      liaison_store_query_bool           (LiaisonStore         *self,
                                                  const char           *sql,
                                                  gboolean             *value,
                                                  GError              **error);
void          liaison_store_set_statement_hook   (LiaisonStore         *self,
                                                  void                (*hook) (const char *sql,
                                                                               gpointer    data),
                                                  gpointer              data);
gint64        liaison_store_changes              (LiaisonStore         *self);
gboolean      liaison_store_failed_constraint    (LiaisonStore         *self);

/* liaison-store-sqlite.c */
gboolean      liaison_sqlite_open                (LiaisonStore         *self,
                                                  gboolean              create,
                                                  GError              **error);
gboolean      liaison_sqlite_set_error           (LiaisonStore         *self,
                                                  int                   rc,
                                                  GError              **error);
void          liaison_sqlite_leave_wal           (LiaisonStore         *self);
void          liaison_sqlite_return_to_wal       (LiaisonStore         *self);
void          liaison_sqlite_large_cache         (LiaisonStore         *self);

/* liaison-store-pg-schema.c. The lock that guards making or changing a
 * server's schema: two first users, or two owners of an older one, at once. */
#define LIAISON_PG_SCHEMA_LOCK "BEGIN; SELECT pg_advisory_xact_lock (1281976577)"
gboolean      liaison_pg_check_schema            (LiaisonStore         *self,
                                                  GError              **error);
gboolean      liaison_pg_owns                    (LiaisonStore         *self,
                                                  const char           *table,
                                                  gboolean             *owns,
                                                  GError              **error);

/* liaison-store-dialect.c */
char         *liaison_pg_translate               (const char           *sql,
                                                  int                  *n_params);

/* liaison-store-pg.c */
gboolean      liaison_store_is_server_uri        (const char           *path);
gboolean      liaison_pg_open                    (LiaisonStore         *self,
                                                  GError              **error);
void          liaison_pg_close                   (LiaisonStore         *self);
LiaisonPgStmt *liaison_pg_prepare                (LiaisonStore         *self,
                                                  const char           *sql,
                                                  GError              **error);
void          liaison_pg_stmt_free               (LiaisonPgStmt        *stmt);
gboolean      liaison_pg_exec                    (LiaisonStore         *self,
                                                  const char           *sql,
                                                  GError              **error);
gboolean      liaison_pg_query_int               (LiaisonStore         *self,
                                                  const char           *sql,
                                                  gint64               *out,
                                                  GError              **error);
gboolean      liaison_pg_set_error               (LiaisonStore         *self,
                                                  GError              **error);
void          liaison_pg_keep_error              (LiaisonStore         *self,
                                                  const PGresult       *result);
gboolean      liaison_pg_data_version            (LiaisonStore         *self,
                                                  gint64               *version,
                                                  GError              **error);
void          liaison_pg_watch                   (LiaisonStore         *self);
void          liaison_pg_adopt                   (LiaisonStore         *self,
                                                  LiaisonStoreConnection *connection);
void          liaison_store_connection_lost      (LiaisonStore         *self);
void          liaison_pg_set_cancellable         (LiaisonStore         *self,
                                                  GCancellable         *cancellable);

/* Binding and reading values: a NULL text, or LIAISON_TIME_NONE for a time, binds NULL. */
void          liaison_bind_text                  (LiaisonStmt          *stmt,
                                                  int                   index,
                                                  const char           *text);
void          liaison_bind_time                  (LiaisonStmt          *stmt,
                                                  int                   index,
                                                  gint64                time);
void          liaison_bind_address_key           (LiaisonStmt          *stmt,
                                                  int                   index,
                                                  const LiaisonAddress *address);
gint64        liaison_column_time                (LiaisonStmt          *stmt,
                                                  int                   index);
char         *liaison_column_dup_text            (LiaisonStmt          *stmt,
                                                  int                   index);

/* liaison-store-observations.c: an import that observes each conversation
 * once may hold the new last detections of the rows it updates, and write
 * them several to a statement. */
void          liaison_store_hold_last_detected   (LiaisonStore         *self);
gboolean      liaison_store_write_last_detected  (LiaisonStore         *self,
                                                  GError              **error);

/* liaison-store-observations.c: the rows of many identities read at once
 * on a server, for an import that observes each once. */
typedef struct _LiaisonIdentity LiaisonIdentity;
gboolean      liaison_store_look_up_identities   (LiaisonStore          *self,
                                                  const LiaisonIdentity *identities,
                                                  guint                  n_identities,
                                                  gboolean              *staged,
                                                  GError               **error);
void          liaison_store_forget_identities    (LiaisonStore          *self);

/* liaison-store-search-index.c: call liaison_store_search_row_changing()
 * before a row of `communication` is changed or deleted in a transaction,
 * liaison_store_search_row_added() after one is inserted. */
gboolean      liaison_store_search_index_open    (LiaisonStore         *self,
                                                  GError              **error);
gboolean      liaison_store_search_index_open_server (LiaisonStore     *self,
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

/* Whether @n_rows rows go to the database cheaper together than a statement
 * each: on a server, with COPY (liaison-store-pg-copy.c), when they are
 * many, and not when imports write one row a statement (the tests'
 * reference). */
#define LIAISON_COPY_MIN_ROWS 8

static inline gboolean
liaison_store_copies_rows (LiaisonStore *self,
                           guint         n_rows)
{
  return self->engine == LIAISON_ENGINE_POSTGRESQL && !self->single_rows && n_rows >= LIAISON_COPY_MIN_ROWS;
}

/* A statement from liaison_store_prepare() belongs to the store's cache;
 * g_autoptr(LiaisonStmt) resets it when it goes out of scope. */
static inline void
liaison_stmt_release (LiaisonStmt *stmt)
{
  if (stmt != NULL)
    {
      liaison_stmt_reset (stmt);
      liaison_stmt_clear_bindings (stmt);
    }
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonStmt, liaison_stmt_release)

G_END_DECLS
