/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "liaison-error.h"
#include "liaison-store-private.h"
#include "liaison-store-server.h"

#ifdef HAVE_LIBPQ
#include <libpq-fe.h>
#endif

/*
 * What a store is connected to (team.md 1 and 3): the answer of Test
 * connection, the place the window names, the privilege a read-only role
 * lacks, and the warning for an unencrypted connection to another host.
 * Everything but the privilege is what libpq knows of the connection
 * already: describing a store never waits on the server.
 */

void
liaison_store_description_free (LiaisonStoreDescription *description)
{
  if (description == NULL)
    return;
  g_free (description->version);
  g_free (description->database);
  g_free (description->role);
  g_free (description->host);
  g_free (description);
}

#ifdef HAVE_LIBPQ
static void
describe_server (LiaisonStore            *self,
                 LiaisonStoreDescription *description)
{
  const char *version = PQparameterStatus (self->pg, "server_version");
  const char *host = PQhost (self->pg);
  const char *address = PQhostaddr (self->pg);

  description->server = TRUE;
  /* "15.5", not the packager's "15.5 (Debian 15.5-0+deb12u1)" after it */
  description->version = g_strdup_printf ("PostgreSQL %.*s", version != NULL ? (int) strcspn (version, " ") : 1,
                                          version != NULL ? version : "?");
  description->database = g_strdup (PQdb (self->pg));
  description->role = g_strdup (PQuser (self->pg));
  description->host = g_strdup (host);
  /* libpq names a socket by its folder (or @name, in the abstract namespace). */
  description->socket = host == NULL || *host == '\0' || *host == '/' || *host == '@';
  if (!description->socket)
    {
      g_autoptr(GInetAddress) inet = address != NULL && *address != '\0'
                                     ? g_inet_address_new_from_string (address) : NULL;

      description->loopback = inet != NULL ? g_inet_address_get_is_loopback (inet)
                                           : g_ascii_strcasecmp (host, "localhost") == 0;
    }
  description->encrypted = PQsslInUse (self->pg) || PQgssEncInUse (self->pg);
}
#endif

/**
 * liaison_store_describe:
 *
 * Returns: (transfer full): what @self is connected to
 */
LiaisonStoreDescription *
liaison_store_describe (LiaisonStore *self)
{
  LiaisonStoreDescription *description = g_new0 (LiaisonStoreDescription, 1);

  g_return_val_if_fail (LIAISON_IS_STORE (self), description);

  description->read_only = self->read_only;
#ifdef HAVE_LIBPQ
  if (self->engine == LIAISON_ENGINE_POSTGRESQL && self->pg != NULL)
    {
      describe_server (self, description);
      return description;
    }
#endif
  description->version = g_strdup_printf ("SQLite %s", sqlite3_libversion ());
  description->database = g_strdup (self->path);
  description->socket = TRUE;
  return description;
}

/**
 * liaison_store_test_connection:
 * @path: a file, or a server's URI
 *
 * What Test connection does: opens the store at @path, says what it
 * reached and closes it again. It waits on the server: call it off the
 * main thread.
 *
 * Returns: (transfer full): the description, or %NULL with the store's
 *   error (for a server, the server's own message)
 */
LiaisonStoreDescription *
liaison_store_test_connection (const char  *path,
                               GError     **error)
{
  g_autoptr(LiaisonStore) store = liaison_store_open (path, error);

  return store != NULL ? liaison_store_describe (store) : NULL;
}

/* Whether the connection crosses the network unencrypted (team.md 1): a
 * host that is neither a Unix socket nor loopback, without TLS. */
gboolean
liaison_store_description_is_exposed (const LiaisonStoreDescription *description)
{
  return description->server && !description->socket && !description->loopback &&
         !description->encrypted;
}

/**
 * liaison_store_description_location:
 *
 * Returns: (transfer full): where the data lives, in a few words: the
 *   database and its host ("liaison on db.example.org"), or the file's name
 */
char *
liaison_store_description_location (const LiaisonStoreDescription *description)
{
  if (!description->server)
    return g_path_get_basename (description->database);
  if (description->socket)
    /* TRANSLATORS: where the data lives: a database on a PostgreSQL server
     * of this computer, reached through its socket */
    return g_strdup_printf (_("%s on localhost"), description->database);
  /* TRANSLATORS: where the data lives: a database, then the server's host name */
  return g_strdup_printf (_("%s on %s"), description->database, description->host);
}

/**
 * liaison_store_description_warning:
 *
 * Returns: (transfer full) (nullable): the warning for a connection that
 *   crosses the network unencrypted, or %NULL
 */
char *
liaison_store_description_warning (const LiaisonStoreDescription *description)
{
  if (!liaison_store_description_is_exposed (description))
    return NULL;
  return g_strdup_printf (_("the connection to %s is not encrypted: the inventory and any password "
                            "cross the network readable (ask for sslmode=verify-full in the URI)"),
                          description->host);
}

/* Whether @path names a server (a postgresql:// or postgres:// URI), not a file. */
gboolean
liaison_store_path_is_server (const char *path)
{
  return liaison_store_is_server_uri (path);
}

gboolean
liaison_store_is_read_only (LiaisonStore *self)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);

  return self->read_only;
}

/* Why a writing action is off: its tooltip in the app. */
const char *
liaison_store_read_only_reason (void)
{
  return _("Your role on the server may only read this inventory");
}

/* The privileges on `communication` the role lacks, as "INSERT and UPDATE". */
static char *
missing_privileges (LiaisonStore *self)
{
#ifdef HAVE_LIBPQ
  static const char * const privileges[] = { "INSERT", "UPDATE" };
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  PGresult *result = PQexec (self->pg,
                             "SELECT has_table_privilege ('communication', 'INSERT'),"
                             " has_table_privilege ('communication', 'UPDATE')");

  if (PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) == 1)
    for (guint i = 0; i < G_N_ELEMENTS (privileges); i++)
      if (g_strcmp0 (PQgetvalue (result, 0, i), "t") != 0)
        g_ptr_array_add (missing, (gpointer) privileges[i]);
  PQclear (result);
  if (missing->len == 2)
    /* TRANSLATORS: the privileges a role lacks; keep INSERT and UPDATE */
    return g_strdup (_("INSERT and UPDATE"));
  if (missing->len == 1)
    return g_strdup (g_ptr_array_index (missing, 0));
#endif
  return g_strdup ("INSERT");
}

/**
 * liaison_store_check_writable:
 *
 * Whether the role may change the inventory (team.md 3); else a
 * %LIAISON_ERROR_READ_ONLY error that names the privilege it lacks.
 */
gboolean
liaison_store_check_writable (LiaisonStore  *self,
                              GError       **error)
{
  g_autoptr(LiaisonStoreDescription) description = NULL;
  g_autofree char *missing = NULL;

  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);

  if (!self->read_only)
    return TRUE;

  description = liaison_store_describe (self);
  missing = missing_privileges (self);
  g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_READ_ONLY,
               /* TRANSLATORS: the first %s is the database's URI, the second the role's name,
                * the third the privileges it lacks (INSERT, UPDATE) */
               _("%s: role “%s” may only read this inventory: it lacks %s on table communication"),
               self->path, description->role != NULL ? description->role : "?", missing);
  return FALSE;
}

/* Whether the conninfo of @uri holds a password, by libpq's own reading. */
static gboolean
has_password (const char *uri)
{
#ifdef HAVE_LIBPQ
  PQconninfoOption *options = PQconninfoParse (uri, NULL);
  gboolean found = FALSE;

  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, "password") && o->val != NULL && *o->val != '\0')
      found = TRUE;
  PQconninfoFree (options);
  return found;
#else
  return FALSE;
#endif
}

/**
 * liaison_store_uri_without_password:
 * @uri: a file, or a server's URI
 * @had_password: (out) (optional): whether @uri held a password
 *
 * What the preferences keep of a typed URI (team.md 1): the URI without a
 * password in its user part or its parameters. A file is kept as it is.
 *
 * Returns: (transfer full): the URI to keep
 */
char *
liaison_store_uri_without_password (const char *uri,
                                    gboolean   *had_password)
{
  g_autoptr(GString) kept = NULL;
  const char *authority, *at, *end, *query;
  gboolean found;

  if (had_password != NULL)
    *had_password = FALSE;
  if (!liaison_store_is_server_uri (uri))
    return g_strdup (uri);

  found = has_password (uri);
  authority = strstr (uri, "://") + 3;
  end = authority + strcspn (authority, "/?");
  query = strchr (end, '?');
  kept = g_string_new_len (uri, authority - uri);

  /* user:password@ → user@ */
  at = g_strstr_len (authority, end - authority, "@");
  if (at != NULL)
    {
      g_string_append_len (kept, authority, strcspn (authority, ":@"));
      found |= authority[strcspn (authority, ":@")] == ':';
      authority = at;
    }
  g_string_append_len (kept, authority, (query != NULL ? query : authority + strlen (authority)) - authority);

  if (query != NULL)
    {
      g_auto(GStrv) parameters = g_strsplit (query + 1, "&", -1);
      char separator = '?';

      for (guint i = 0; parameters[i] != NULL; i++)
        {
          if (g_ascii_strncasecmp (parameters[i], "password=", strlen ("password=")) == 0)
            {
              found = TRUE;
              continue;
            }
          g_string_append_c (kept, separator);
          g_string_append (kept, parameters[i]);
          separator = '&';
        }
    }

  if (had_password != NULL)
    *had_password = found;
  return g_string_free (g_steal_pointer (&kept), FALSE);
}
