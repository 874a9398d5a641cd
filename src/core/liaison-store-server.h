/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-store.h"

G_BEGIN_DECLS

/*
 * What a store is connected to (team.md 1): what Test connection shows,
 * where the window says its data lives, whether the role may write, and
 * whether the connection crosses the network unencrypted.
 */
typedef struct
{
  gboolean  server;              /* a PostgreSQL server, else an SQLite file */
  char     *version;             /* "PostgreSQL 15.5", "SQLite 3.40.1" */
  char     *database;            /* the database's name, or the file */
  char     *role;                /* the role logged in as; NULL for a file */
  char     *host;                /* the host name, or the socket's folder; NULL for a file */
  gboolean  socket;              /* reached through a Unix socket */
  gboolean  loopback;            /* reached on a loopback address */
  gboolean  encrypted;           /* TLS or GSSAPI encryption in use */
  gboolean  read_only;           /* the role may only read */
} LiaisonStoreDescription;

LiaisonStoreDescription *liaison_store_describe               (LiaisonStore                  *self);
LiaisonStoreDescription *liaison_store_test_connection        (const char                    *path,
                                                               GError                       **error);
void                     liaison_store_description_free       (LiaisonStoreDescription       *description);
gboolean                 liaison_store_description_is_exposed (const LiaisonStoreDescription *description);
char                    *liaison_store_description_location   (const LiaisonStoreDescription *description);
char                    *liaison_store_description_warning    (const LiaisonStoreDescription *description);

gboolean                 liaison_store_path_is_server         (const char                    *path);
gboolean                 liaison_store_is_read_only           (LiaisonStore                  *self);
const char              *liaison_store_read_only_reason       (void);
gboolean                 liaison_store_check_writable         (LiaisonStore                  *self,
                                                               GError                       **error);
char                    *liaison_store_uri_without_password   (const char                    *uri,
                                                               gboolean                      *had_password);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonStoreDescription, liaison_store_description_free)

G_END_DECLS
