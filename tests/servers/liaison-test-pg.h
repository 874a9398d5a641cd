/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * A PostgreSQL database for a test (team.md): a schema of the test's own on
 * the server LIAISON_TEST_SERVER names, else on a throwaway cluster that
 * build-aux/pg-cluster starts for it in a folder of its own. The role
 * liaison_reader (made by pg-cluster; CI's server has it too) may only
 * read what liaison_test_pg_grant_reader() gives it.
 *
 * liaison_test_pg_remote_uri() reaches the same server as another host
 * would: over TCP to this machine's network address (not loopback),
 * without TLS, through a relay of bytes to the server's socket.
 * liaison_test_pg_slow_uri() reaches it over TCP on loopback through a
 * relay that holds the bytes on their way, as a server far away does;
 * liaison_test_pg_drop_relayed() breaks the connections it relays, as a
 * network that fails does.
 */
typedef struct
{
  char *dir;          /* the test's own cluster, or NULL */
  char *server;       /* the owner's URI of the server's database */
  char *database;     /* that database's name */
  char *owner;        /* and the owner's */
  char *schema;
  char *uri;          /* the owner's, in the schema */
  char *reader_uri;   /* liaison_reader's, in the schema */
  char *socket;       /* the server's Unix socket */

  /*< private >*/
  GThread *relay;
  int      relay_listener;
  int      relay_stop[2];
  guint    relay_delay_ms;
  GMutex   relay_lock;
  GArray  *relay_clients;   /* the client sockets relayed now */
} LiaisonTestPg;

gboolean       liaison_test_pg_configured   (void);
LiaisonTestPg *liaison_test_pg_new          (void);
void           liaison_test_pg_exec         (LiaisonTestPg *pg,
                                             const char    *sql);
void           liaison_test_pg_grant_reader (LiaisonTestPg *pg);
int            liaison_test_pg_terminate    (const char    *uri);
char          *liaison_test_pg_remote_uri   (LiaisonTestPg *pg);
char          *liaison_test_pg_slow_uri     (LiaisonTestPg *pg,
                                             guint          delay_ms);
guint          liaison_test_pg_drop_relayed (LiaisonTestPg *pg);
void           liaison_test_pg_free         (LiaisonTestPg *pg);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonTestPg, liaison_test_pg_free)

G_END_DECLS
