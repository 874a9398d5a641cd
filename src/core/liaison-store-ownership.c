/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <pwd.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "liaison-error.h"
#include "liaison-store-ownership-private.h"

/*
 * Whose database it is. Everything Liaison writes to a database can be
 * read by whoever owns the file, and whoever may write to it or to its
 * folder can change the rows, or put a write-ahead log of their own beside
 * it, which SQLite would take for the database's. So, as git does with a
 * repository of another user and ssh with a key file others may write: a
 * database must belong to the user (its folder to the user or to root),
 * and neither may be writable by others, unless the user says a shared
 * database is meant (--allow-shared, LIAISON_ALLOW_SHARED=1). Group
 * write is accepted: where each user has a group of their own, new folders
 * are group-writable.
 */

/* The files SQLite keeps beside a database. */
static const char * const companions[] = { "", "-wal", "-shm", "-journal" };

static gboolean
shared_allowed (void)
{
  const char *allow = g_getenv ("LIAISON_ALLOW_SHARED");

  return allow != NULL && *allow != '\0' && g_strcmp0 (allow, "0") != 0;
}

/* "nobody (uid 65534)" */
static char *
describe_user (uid_t uid)
{
  struct passwd entry, *found = NULL;
  char buffer[1024];

  if (getpwuid_r (uid, &entry, buffer, sizeof buffer, &found) == 0 && found != NULL)
    return g_strdup_printf ("%s (uid %u)", found->pw_name, (guint) uid);
  return g_strdup_printf ("uid %u", (guint) uid);
}

static gboolean
refuse (GError     **error,
        const char  *why)
{
  /* Translators: the end of a refused shared database's message, after
   * what is wrong and how to fix it; keep the option and the variable. */
  g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE, "%s; %s", why,
               _("to use it as it is, allow a shared database with --allow-shared "
                 "(or LIAISON_ALLOW_SHARED=1)"));
  return FALSE;
}

static gboolean
check_file (const char  *path,
            const char  *file,
            gboolean     is_database,
            uid_t        me,
            GError     **error)
{
  g_autofree char *why = NULL;
  GStatBuf st;

  if (g_stat (file, &st) != 0)
    return TRUE;

  if (st.st_uid != me)
    {
      g_autofree char *owner = describe_user (st.st_uid);

      if (is_database)
        why = g_strdup_printf (_("%s: the database belongs to another user, %s, who can read and change "
                                 "everything written to it: use a copy of your own"),
                               path, owner);
      else
        why = g_strdup_printf (_("%s: the database's file %s belongs to another user, %s: "
                                 "use a copy of the database of your own"),
                               path, file, owner);
      return refuse (error, why);
    }
  if (st.st_mode & S_IWOTH)
    {
      why = g_strdup_printf (_("%s: other users may write to %s (mode %04o): run “chmod o-w %s”"),
                             path, file, (guint) (st.st_mode & 07777), file);
      return refuse (error, why);
    }
  return TRUE;
}

static gboolean
check_folder (const char  *path,
              const char  *folder,
              uid_t        me,
              GError     **error)
{
  g_autofree char *why = NULL;
  GStatBuf st;

  if (g_stat (folder, &st) != 0)
    return TRUE;                /* made for the database, for its owner only */

  if (st.st_uid != me && st.st_uid != 0)
    {
      g_autofree char *owner = describe_user (st.st_uid);

      why = g_strdup_printf (_("%s: the database's folder %s belongs to another user, %s, who can replace "
                               "the database: move it to a folder of your own"),
                             path, folder, owner);
      return refuse (error, why);
    }
  if (st.st_mode & S_IWOTH)
    {
      why = g_strdup_printf (_("%s: other users may write to the database's folder %s (mode %04o) and so "
                               "replace the database or put a journal of their own beside it: "
                               "move it to a folder of your own"),
                             path, folder, (guint) (st.st_mode & 07777));
      return refuse (error, why);
    }
  return TRUE;
}

/* @path with its symbolic links resolved, as SQLite resolves them; NULL
 * when it does not exist. */
static char *
real_path (const char *path)
{
  char *real = realpath (path, NULL);
  char *copy = real != NULL ? g_strdup (real) : NULL;

  free (real);
  return copy;
}

/**
 * liaison_store_check_ownership:
 * @path: a database file, which may not exist yet
 *
 * Refuses a database, or a folder for it, that another user owns or that
 * others may write to, unless a shared database is allowed. Reads only.
 */
gboolean
liaison_store_check_ownership (const char  *path,
                               GError     **error)
{
  uid_t me = geteuid ();
  g_autofree char *given_folder = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *target = NULL;

  if (shared_allowed ())
    return TRUE;

  given_folder = g_path_get_dirname (path);
  folder = real_path (given_folder);
  if (!check_folder (path, folder != NULL ? folder : given_folder, me, error))
    return FALSE;

  /* A link to a database elsewhere: its real folder and files too. */
  target = real_path (path);
  if (target != NULL)
    {
      g_autofree char *target_folder = g_path_get_dirname (target);

      if (g_strcmp0 (target_folder, folder) != 0 && !check_folder (path, target_folder, me, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *file = g_strconcat (target != NULL ? target : path, companions[i], NULL);

      if (!check_file (path, i == 0 ? path : file, i == 0, me, error))
        return FALSE;
    }
  return TRUE;
}
