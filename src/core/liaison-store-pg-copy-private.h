/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-store-communications-private.h"
#include "liaison-store-private.h"
#include "liaison-store-statistics-private.h"

G_BEGIN_DECLS

/*
 * Bulk writes on a team's server (liaison-store-pg-copy.c): rows go with
 * COPY ... FROM STDIN, straight into a table or into a temporary staging
 * table that one set-based statement merges, instead of a round trip a
 * row. The rooms call them when liaison_store_copies_rows() says so, and
 * write the same rows a statement at a time otherwise.
 */

/* A communication's last detection, held until it is written
 * (liaison_store_hold_last_detected()). */
typedef struct
{
  gint64      id;
  LiaisonTime last;
} LiaisonHeldTime;

/* One identity of service communications (the columns of
 * communication_identity but the process), canonical addresses. */
struct _LiaisonIdentity
{
  LiaisonAddress client;
  LiaisonAddress listener;
  guint          port;
  const char    *protocol;
  const char    *scope;
};

/* The staging table of liaison_pg_read_identities(): ord, client_key,
 * listener_key, port, protocol, scope. */
#define LIAISON_PG_STAGED_IDENTITIES "liaison_stage_identity"

/* Reads one row of liaison_pg_read_identities(): @index is the identity's
 * in the array given, the row's columns are read from @stmt. */
typedef void (*LiaisonIdentityRow) (LiaisonStmt *stmt,
                                    guint        index,
                                    gpointer     data);

gboolean liaison_pg_insert_communications  (LiaisonStore                      *self,
                                            const LiaisonNewCommunication     *rows,
                                            guint                              n_rows,
                                            gint64                            *last_id,
                                            GError                           **error);
gboolean liaison_pg_add_netflow_records    (LiaisonStore                      *self,
                                            const LiaisonNetflowRecordRow     *rows,
                                            guint                              n_rows,
                                            gint64                            *first_id,
                                            GError                           **error);
gboolean liaison_pg_update_netflow_records (LiaisonStore                      *self,
                                            const LiaisonNetflowRecordUpdate  *rows,
                                            guint                              n_rows,
                                            GError                           **error);
gboolean liaison_pg_add_gaps               (LiaisonStore                      *self,
                                            const LiaisonGapRow               *rows,
                                            guint                              n_rows,
                                            GError                           **error);
gboolean liaison_pg_add_window_runs        (LiaisonStore                      *self,
                                            const LiaisonWindowRunRow         *rows,
                                            guint                              n_rows,
                                            GError                           **error);
gboolean liaison_pg_write_last_detected    (LiaisonStore                      *self,
                                            const LiaisonHeldTime             *held,
                                            guint                              n_held,
                                            GError                           **error);
gboolean liaison_pg_read_identities        (LiaisonStore                      *self,
                                            const LiaisonIdentity             *identities,
                                            guint                              n_identities,
                                            LiaisonIdentityRow                 row,
                                            gpointer                           data,
                                            GError                           **error);

G_END_DECLS
