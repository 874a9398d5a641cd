/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-error.h"
#include "liaison-store-private.h"
#include "liaison-store-schema-private.h"

/*
 * A team's server's schema (team.md 2): made by the first user of an empty
 * database, checked by everyone after, and brought up to date by its owner
 * when a version of Liaison after the one that made it opens it.
 */

/* Whether this connection's role owns @table, or is a member of the role
 * that does: the one who may change a server's schema (team.md 4). */
gboolean
liaison_pg_owns (LiaisonStore  *self,
                 const char    *table,
                 gboolean      *owns,
                 GError       **error)
{
  g_autoptr(LiaisonStmt) stmt = liaison_store_prepare (self,
                                                       "SELECT pg_catalog.pg_has_role (relowner, 'USAGE')::int"
                                                       " FROM pg_catalog.pg_class WHERE oid = ?1::regclass",
                                                       error);
  gint64 value = 0;

  if (stmt == NULL)
    return FALSE;
  liaison_stmt_bind_text (stmt, 1, table, -1, LIAISON_STATIC);
  if (!liaison_store_step_int (self, stmt, &value, error))
    return FALSE;
  *owns = value != 0;
  return TRUE;
}

#ifdef HAVE_LIBPQ

static void
rollback (LiaisonStore *self)
{
  g_autoptr(GError) ignored = NULL;

  liaison_pg_exec (self, "ROLLBACK", &ignored);
}

/* Brings a server's schema from @version up to this Liaison's (team.md 2),
 * step by step in one transaction under LIAISON_PG_SCHEMA_LOCK. Only its
 * owner may; anyone else is told to have the owner open it. */
static gboolean
pg_migrate (LiaisonStore  *self,
            gint64         version,
            const char    *set_version,
            GError       **error)
{
  guint latest = liaison_schema_pg_version ();
  gboolean owns = FALSE;

  /* A server's steps are the last ones, each after the other: from the
   * first of them on, it can take them all. */
  if (version < 1 || liaison_schema_pg_migration ((guint) version + 1) == NULL)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE,
                   _("%s: the database's schema (version %lld) is older than any this version "
                     "of Liaison can migrate on a server"), self->path, (long long) version);
      return FALSE;
    }
  if (!liaison_pg_owns (self, "liaison_schema", &owns, error))
    return FALSE;
  if (!owns)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE,
                   _("%s: the database's schema (version %lld) is older than this version of "
                     "Liaison's (%u); its owner must open it once with this version to bring it "
                     "up to date"), self->path, (long long) version, latest);
      return FALSE;
    }

  /* Another owner may have brought it up to date meanwhile. */
  if (!liaison_pg_exec (self, LIAISON_PG_SCHEMA_LOCK, error) ||
      !liaison_pg_query_int (self, "SELECT max(version) FROM liaison_schema", &version, error))
    goto fail;
  for (guint v = (guint) version + 1; v <= latest; v++)
    if (*liaison_schema_pg_migration (v) != '\0' && !liaison_pg_exec (self, liaison_schema_pg_migration (v), error))
      goto fail;
  if ((version < latest && !liaison_pg_exec (self, set_version, error)) ||
      !liaison_pg_exec (self, "COMMIT", error))
    goto fail;
  return TRUE;

fail:
  rollback (self);
  return FALSE;
}

/* What the current schema holds, read in one statement so that a schema
 * another first user commits meanwhile is seen whole or not at all. */
typedef enum {
  SCHEMA_EMPTY = 0,             /* the numbers schema_holds()'s query gives */
  SCHEMA_LIAISONS = 1,
  SCHEMA_OTHERS = 2,
} SchemaHolds;

static gboolean
schema_holds (LiaisonStore  *self,
              SchemaHolds   *holds,
              GError       **error)
{
  gint64 value = SCHEMA_EMPTY;

  if (!liaison_pg_query_int (self, "SELECT CASE WHEN bool_or (tablename = 'liaison_schema') THEN 1"
                             " WHEN count(*) > 0 THEN 2 ELSE 0 END"
                             " FROM pg_catalog.pg_tables WHERE schemaname = current_schema()",
                             &value, error))
    return FALSE;
  if (value == SCHEMA_OTHERS)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE,
                   _("%s: the database's schema holds tables that are not Liaison's; "
                     "give Liaison a database (or schema) of its own"), self->path);
      return FALSE;
    }
  *holds = (SchemaHolds) value;
  return TRUE;
}

/* Makes the schema on a database that holds none (team.md 2), or checks
 * the version of the one there, bringing an older one up to date. */
gboolean
liaison_pg_check_schema (LiaisonStore  *self,
                         GError       **error)
{
  gint64 version = 0;
  guint latest = liaison_schema_pg_version ();
  g_autofree char *set_version = g_strdup_printf ("INSERT INTO liaison_schema (version) VALUES (%u)", latest);
  SchemaHolds holds = SCHEMA_EMPTY;

  if (!schema_holds (self, &holds, error))
    return FALSE;

  if (holds == SCHEMA_EMPTY)
    {
      /* Two first users at once: the second waits, then finds the tables. */
      if (!liaison_pg_exec (self, LIAISON_PG_SCHEMA_LOCK, error))
        return FALSE;
      if (!schema_holds (self, &holds, error))
        goto fail;
      if (holds == SCHEMA_EMPTY &&
          (!liaison_pg_exec (self, liaison_schema_pg (), error) ||
           !liaison_pg_exec (self, set_version, error)))
        goto fail;
      if (!liaison_pg_exec (self, "COMMIT", error))
        goto fail;
    }

  if (!liaison_pg_query_int (self, "SELECT max(version) FROM liaison_schema", &version, error))
    return FALSE;
  if (version < latest &&
      (!pg_migrate (self, version, set_version, error) ||
       !liaison_pg_query_int (self, "SELECT max(version) FROM liaison_schema", &version, error)))
    return FALSE;
  if (version > latest)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NEWER_DATABASE,
                   _("%s: this database was written by a newer version of Liaison "
                     "(database version %lld, this version understands up to %u); "
                     "update Liaison to open it"),
                   self->path, (long long) version, latest);
      return FALSE;
    }
  return TRUE;

fail:
  rollback (self);
  return FALSE;
}

#endif /* HAVE_LIBPQ */
