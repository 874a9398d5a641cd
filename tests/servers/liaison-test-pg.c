/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-test-pg"

#include "config.h"

#include <stdlib.h>

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <glib/gstdio.h>
#include <unistd.h>

#ifdef HAVE_LIBPQ
#include <libpq-fe.h>
#endif

#include "liaison-test-pg.h"

static void
run_cluster (const char  *action,
             const char  *dir,
             char       **out)
{
  const char *argv[] = { LIAISON_PG_CLUSTER, action, dir, NULL };
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("build-aux/pg-cluster %s %s: %s", action, dir, err);
}

/**
 * liaison_test_pg_configured:
 *
 * Returns: whether LIAISON_TEST_SERVER names a server for the tests: then
 *   the suites that honour it keep every database of theirs there, each a
 *   schema of its own
 */
gboolean
liaison_test_pg_configured (void)
{
  const char *server = g_getenv ("LIAISON_TEST_SERVER");

  return server != NULL && *server != '\0';
}

/**
 * liaison_test_pg_new:
 *
 * Returns: (transfer full): an empty schema of the test's own
 */
LiaisonTestPg *
liaison_test_pg_new (void)
{
  static guint count;
  LiaisonTestPg *pg = g_new0 (LiaisonTestPg, 1);
  const char *server = g_getenv ("LIAISON_TEST_SERVER");
  g_autofree char *create = NULL;
  g_autoptr(GError) error = NULL;

#ifndef HAVE_LIBPQ
  g_error ("a test needs a PostgreSQL server, but this build has no libpq");
#endif
  if (liaison_test_pg_configured ())
    pg->server = g_strdup (server);
  else
    {
      pg->dir = g_dir_make_tmp ("liaison-pg-XXXXXX", &error);
      g_assert_no_error (error);
      g_chmod (pg->dir, 0755);
      run_cluster ("start", pg->dir, &pg->server);
      g_strstrip (pg->server);
    }

#ifdef HAVE_LIBPQ
  {
    PQconninfoOption *options = PQconninfoParse (pg->server, NULL);
    const char *host = NULL, *port = "5432";

    for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
      if (g_str_equal (o->keyword, "user") && o->val != NULL)
        pg->owner = g_strdup (o->val);
      else if (g_str_equal (o->keyword, "dbname") && o->val != NULL)
        pg->database = g_strdup (o->val);
      else if (g_str_equal (o->keyword, "host") && o->val != NULL)
        host = o->val;
      else if (g_str_equal (o->keyword, "port") && o->val != NULL)
        port = o->val;
    pg->socket = g_strdup_printf ("%s/.s.PGSQL.%s", host != NULL ? host : "/run/postgresql", port);
    PQconninfoFree (options);
  }
#endif
  if (pg->owner == NULL)
    pg->owner = g_strdup (g_get_user_name ());
  if (pg->database == NULL)
    pg->database = g_strdup (pg->owner);

  pg->schema = g_strdup_printf ("test_server_%d_%u", (int) getpid (), ++count);
  create = g_strdup_printf ("CREATE SCHEMA %s", pg->schema);
  liaison_test_pg_exec (pg, create);
  pg->uri = g_strdup_printf ("%s%soptions=-csearch_path%%3D%s", pg->server,
                             strchr (pg->server, '?') != NULL ? "&" : "?", pg->schema);
  pg->reader_uri = g_strdup_printf ("%s&user=liaison_reader", pg->uri);
  return pg;
}

#ifdef HAVE_LIBPQ
static void
ignore_notice (void       *arg,
               const char *message)
{
}
#endif

/* Runs @sql as the owner, on the server's database. */
void
liaison_test_pg_exec (LiaisonTestPg *pg,
                      const char    *sql)
{
#ifdef HAVE_LIBPQ
  PGconn *conn = PQconnectdb (pg->server);
  PGresult *result;

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("%s: %s", pg->server, PQerrorMessage (conn));
  PQsetNoticeProcessor (conn, ignore_notice, NULL);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  PQclear (result);
  PQfinish (conn);
#endif
}

/* Ends every other connection that @uri's role has to its database, as a
 * server restart or a dropped network would (a role may end its own).
 * Returns how many. */
int
liaison_test_pg_terminate (const char *uri)
{
  int ended = 0;
#ifdef HAVE_LIBPQ
  PGconn *conn = PQconnectdb (uri);
  PGresult *result;

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("%s: %s", uri, PQerrorMessage (conn));
  result = PQexec (conn, "SELECT count(pg_terminate_backend (pid)) FROM pg_stat_activity"
                         " WHERE usename = current_user AND datname = current_database()"
                         " AND pid <> pg_backend_pid()");
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("terminate: %s", PQresultErrorMessage (result));
  ended = atoi (PQgetvalue (result, 0, 0));
  PQclear (result);
  PQfinish (conn);
#endif
  return ended;
}

/* Lets liaison_reader read (and only read) the tables made so far. */
void
liaison_test_pg_grant_reader (LiaisonTestPg *pg)
{
  g_autofree char *sql = g_strdup_printf ("GRANT USAGE ON SCHEMA %s TO liaison_reader;"
                                          " GRANT SELECT ON ALL TABLES IN SCHEMA %s TO liaison_reader",
                                          pg->schema, pg->schema);

  liaison_test_pg_exec (pg, sql);
}

void
liaison_test_pg_free (LiaisonTestPg *pg)
{
  if (pg == NULL)
    return;
  if (pg->relay != NULL)
    {
      g_assert_cmpint (write (pg->relay_stop[1], "", 1), ==, 1);
      g_thread_join (pg->relay);
      close (pg->relay_listener);
      close (pg->relay_stop[0]);
      close (pg->relay_stop[1]);
    }
  if (pg->dir != NULL)
    {
      const char *argv[] = { "rm", "-rf", pg->dir, NULL };

      run_cluster ("stop", pg->dir, NULL);
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
    }
  else
    {
      g_autofree char *drop = g_strdup_printf ("DROP SCHEMA %s CASCADE", pg->schema);

      liaison_test_pg_exec (pg, drop);
    }
  g_free (pg->dir);
  g_free (pg->server);
  g_free (pg->database);
  g_free (pg->socket);
  g_free (pg->owner);
  g_free (pg->schema);
  g_free (pg->uri);
  g_free (pg->reader_uri);
  g_free (pg);
}

/* Copies what comes on @client to the server's socket and back, until
 * either side closes or the relay stops. */
static void
relay_one (LiaisonTestPg *pg,
           int            client)
{
  struct sockaddr_un address = { .sun_family = AF_UNIX };
  int server = socket (AF_UNIX, SOCK_STREAM, 0);
  gboolean open = TRUE;

  g_strlcpy (address.sun_path, pg->socket, sizeof address.sun_path);
  if (connect (server, (struct sockaddr *) &address, sizeof address) != 0)
    open = FALSE;
  while (open)
    {
      struct pollfd fds[3] = { { client, POLLIN }, { server, POLLIN }, { pg->relay_stop[0], POLLIN } };
      char buffer[8192];

      if (poll (fds, 3, -1) < 0 || fds[2].revents != 0)
        break;
      for (guint i = 0; i < 2 && open; i++)
        if (fds[i].revents != 0)
          {
            ssize_t n = read (fds[i].fd, buffer, sizeof buffer);

            open = n > 0 && write (fds[1 - i].fd, buffer, n) == n;
          }
    }
  close (server);
  close (client);
}

static gpointer
relay_run (gpointer data)
{
  LiaisonTestPg *pg = data;

  for (;;)
    {
      struct pollfd fds[2] = { { pg->relay_listener, POLLIN }, { pg->relay_stop[0], POLLIN } };
      int client;

      if (poll (fds, 2, -1) < 0 || fds[1].revents != 0)
        return NULL;
      client = accept (pg->relay_listener, NULL, NULL);
      if (client >= 0)
        relay_one (pg, client);
    }
}

/**
 * liaison_test_pg_remote_uri:
 *
 * Returns: (transfer full) (nullable): the owner's URI of the schema over
 *   TCP to this machine's first network address that is not loopback;
 *   %NULL after g_test_skip() when it has none
 */
char *
liaison_test_pg_remote_uri (LiaisonTestPg *pg)
{
  struct ifaddrs *interfaces = NULL;
  struct sockaddr_in address = { 0 };
  socklen_t length = sizeof address;
  char text[INET_ADDRSTRLEN] = "";

  g_assert_null (pg->relay);
  g_assert_cmpint (getifaddrs (&interfaces), ==, 0);
  for (struct ifaddrs *i = interfaces; i != NULL && address.sin_family == 0; i = i->ifa_next)
    if (i->ifa_addr != NULL && i->ifa_addr->sa_family == AF_INET &&
        (i->ifa_flags & IFF_UP) && !(i->ifa_flags & IFF_LOOPBACK))
      memcpy (&address, i->ifa_addr, sizeof address);
  freeifaddrs (interfaces);
  if (address.sin_family == 0)
    {
      g_test_skip ("this machine has no network address but loopback");
      return NULL;
    }

  address.sin_port = 0;
  pg->relay_listener = socket (AF_INET, SOCK_STREAM, 0);
  g_assert_cmpint (bind (pg->relay_listener, (struct sockaddr *) &address, sizeof address), ==, 0);
  g_assert_cmpint (listen (pg->relay_listener, 4), ==, 0);
  g_assert_cmpint (getsockname (pg->relay_listener, (struct sockaddr *) &address, &length), ==, 0);
  g_assert_cmpint (pipe (pg->relay_stop), ==, 0);
  pg->relay = g_thread_new ("pg-relay", relay_run, pg);
  inet_ntop (AF_INET, &address.sin_addr, text, sizeof text);
  return g_strdup_printf ("postgresql://%s:%u/%s?user=%s&options=-csearch_path%%3D%s",
                          text, ntohs (address.sin_port), pg->database, pg->owner, pg->schema);
}
