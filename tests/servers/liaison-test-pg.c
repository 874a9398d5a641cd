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

/* Runs @sql as the owner, on the server's database; again after a
 * deadlock, while @deadlocks allows. */
static void
exec_as_owner (LiaisonTestPg *pg,
               const char    *sql,
               guint          deadlocks)
{
#ifdef HAVE_LIBPQ
  PGconn *conn = PQconnectdb (pg->server);
  PGresult *result;

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("%s: %s", pg->server, PQerrorMessage (conn));
  PQsetNoticeProcessor (conn, ignore_notice, NULL);
  while ((result = PQexec (conn, sql)) != NULL && PQresultStatus (result) != PGRES_COMMAND_OK &&
         deadlocks-- > 0 && g_strcmp0 (PQresultErrorField (result, PG_DIAG_SQLSTATE), "40P01") == 0)
    {
      PQclear (result);
      g_usleep (100 * 1000);
    }
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  PQclear (result);
  PQfinish (conn);
#endif
}

/* Runs @sql as the owner, on the server's database. */
void
liaison_test_pg_exec (LiaisonTestPg *pg,
                      const char    *sql)
{
  exec_as_owner (pg, sql, 0);
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
      g_clear_pointer (&pg->relay_clients, g_array_unref);
      g_mutex_clear (&pg->relay_lock);
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

      /* A connection of the test's app may still be reading a table when
       * the test ends (a refresh after the last change it was told of):
       * dropping its tables one by one can deadlock with that read, and
       * the server then gives up the drop. */
      exec_as_owner (pg, drop, 20);
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

/* A chunk of bytes on its way, due at a moment. */
typedef struct
{
  gint64  due;
  gsize   length;
  char    data[];
} Chunk;

typedef struct
{
  LiaisonTestPg *pg;
  int            client;
} Relayed;

/* Copies what comes on the client's socket to the server's and back, each
 * chunk after the relay's delay, until either side closes or the relay
 * stops; in a thread of its own, as many connections at once as come. */
static gpointer
relay_one (gpointer data)
{
  Relayed *relayed = data;
  LiaisonTestPg *pg = relayed->pg;
  struct sockaddr_un address = { .sun_family = AF_UNIX };
  int fd[2] = { relayed->client, socket (AF_UNIX, SOCK_STREAM, 0) };
  GQueue pending[2] = { G_QUEUE_INIT, G_QUEUE_INIT };  /* to fd[1 - i], read on fd[i] */
  gboolean open = TRUE;

  g_free (relayed);
  g_strlcpy (address.sun_path, pg->socket, sizeof address.sun_path);
  if (connect (fd[1], (struct sockaddr *) &address, sizeof address) != 0)
    open = FALSE;
  g_mutex_lock (&pg->relay_lock);
  g_array_append_val (pg->relay_clients, fd[0]);
  g_mutex_unlock (&pg->relay_lock);
  while (open)
    {
      struct pollfd fds[3] = { { fd[0], POLLIN }, { fd[1], POLLIN }, { pg->relay_stop[0], POLLIN } };
      gint64 now = g_get_monotonic_time (), next = G_MAXINT64;
      int timeout;

      for (guint i = 0; i < 2; i++)
        if (!g_queue_is_empty (&pending[i]))
          next = MIN (next, ((Chunk *) g_queue_peek_head (&pending[i]))->due);
      timeout = next == G_MAXINT64 ? -1 : (int) MAX (0, (next - now + 999) / 1000);
      if (poll (fds, 3, timeout) < 0 || fds[2].revents != 0)
        break;
      now = g_get_monotonic_time ();
      for (guint i = 0; i < 2 && open; i++)
        if (fds[i].revents != 0)
          {
            Chunk *chunk = g_malloc (sizeof (Chunk) + 65536);
            ssize_t n = read (fd[i], chunk->data, 65536);

            chunk->due = now + (gint64) pg->relay_delay_ms * 1000;
            chunk->length = n > 0 ? (gsize) n : 0;
            open = n > 0;
            if (open)
              g_queue_push_tail (&pending[i], chunk);
            else
              g_free (chunk);
          }
      for (guint i = 0; i < 2 && open; i++)
        while (open && !g_queue_is_empty (&pending[i]) &&
               ((Chunk *) g_queue_peek_head (&pending[i]))->due <= now)
          {
            g_autofree Chunk *chunk = g_queue_pop_head (&pending[i]);

            open = write (fd[1 - i], chunk->data, chunk->length) == (ssize_t) chunk->length;
          }
    }
  g_mutex_lock (&pg->relay_lock);
  for (guint i = 0; i < pg->relay_clients->len; i++)
    if (g_array_index (pg->relay_clients, int, i) == fd[0])
      g_array_remove_index_fast (pg->relay_clients, i--);
  g_mutex_unlock (&pg->relay_lock);
  for (guint i = 0; i < 2; i++)
    {
      g_queue_clear_full (&pending[i], g_free);
      close (fd[i]);
    }
  return NULL;
}

static gpointer
relay_run (gpointer data)
{
  LiaisonTestPg *pg = data;
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();

  for (;;)
    {
      struct pollfd fds[2] = { { pg->relay_listener, POLLIN }, { pg->relay_stop[0], POLLIN } };
      Relayed *relayed;
      int client;

      if (poll (fds, 2, -1) < 0 || fds[1].revents != 0)
        break;
      client = accept (pg->relay_listener, NULL, NULL);
      if (client < 0)
        continue;
      relayed = g_new0 (Relayed, 1);
      relayed->pg = pg;
      relayed->client = client;
      g_ptr_array_add (threads, g_thread_new ("pg-relay-one", relay_one, relayed));
    }
  /* Every connection sees the stop too. */
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (g_ptr_array_index (threads, i));
  return NULL;
}

/* Starts the relay on @address (port 0: a free one); returns its port. */
static guint16
start_relay (LiaisonTestPg      *pg,
             struct sockaddr_in *address,
             guint               delay_ms)
{
  socklen_t length = sizeof *address;

  g_assert_null (pg->relay);
  address->sin_port = 0;
  pg->relay_delay_ms = delay_ms;
  g_mutex_init (&pg->relay_lock);
  pg->relay_clients = g_array_new (FALSE, FALSE, sizeof (int));
  pg->relay_listener = socket (AF_INET, SOCK_STREAM, 0);
  g_assert_cmpint (bind (pg->relay_listener, (struct sockaddr *) address, sizeof *address), ==, 0);
  g_assert_cmpint (listen (pg->relay_listener, 16), ==, 0);
  g_assert_cmpint (getsockname (pg->relay_listener, (struct sockaddr *) address, &length), ==, 0);
  g_assert_cmpint (pipe (pg->relay_stop), ==, 0);
  pg->relay = g_thread_new ("pg-relay", relay_run, pg);
  return ntohs (address->sin_port);
}

/**
 * liaison_test_pg_slow_uri:
 * @delay_ms: how long every chunk of bytes takes, each way
 *
 * Returns: (transfer full): the owner's URI of the schema over TCP on
 *   127.0.0.1, through a relay that holds every chunk @delay_ms on its way,
 *   as a server far away does
 */
char *
liaison_test_pg_slow_uri (LiaisonTestPg *pg,
                          guint          delay_ms)
{
  struct sockaddr_in address = { .sin_family = AF_INET };
  guint16 port;

  address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  port = start_relay (pg, &address, delay_ms);
  return g_strdup_printf ("postgresql://127.0.0.1:%u/%s?user=%s&options=-csearch_path%%3D%s",
                          port, pg->database, pg->owner, pg->schema);
}

/**
 * liaison_test_pg_drop_relayed:
 *
 * Breaks every connection the relay holds now, both ways, as a network
 * that fails does; the relay takes new ones as before.
 *
 * Returns: how many it broke
 */
guint
liaison_test_pg_drop_relayed (LiaisonTestPg *pg)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_assert_nonnull (pg->relay);
  locker = g_mutex_locker_new (&pg->relay_lock);
  for (guint i = 0; i < pg->relay_clients->len; i++)
    shutdown (g_array_index (pg->relay_clients, int, i), SHUT_RDWR);
  return pg->relay_clients->len;
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
  char text[INET_ADDRSTRLEN] = "";
  guint16 port;

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

  port = start_relay (pg, &address, 0);
  inet_ntop (AF_INET, &address.sin_addr, text, sizeof text);
  return g_strdup_printf ("postgresql://%s:%u/%s?user=%s&options=-csearch_path%%3D%s",
                          text, port, pg->database, pg->owner, pg->schema);
}
