/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "liaison-address.h"
#include "liaison-error.h"
#include "liaison-store-groups.h"
#include "liaison-store-private.h"

void
liaison_group_free (LiaisonGroup *group)
{
  if (group == NULL)
    return;
  g_free (group->name);
  g_strfreev (group->devices);
  g_strfreev (group->addresses);
  g_free (group);
}

/* The first column of the row @sql (one text parameter) finds, or 0 when none. */
static gboolean
lookup (LiaisonStore  *self,
        const char    *sql,
        const char    *text,
        gint64        *value,
        GError       **error)
{
  g_autoptr(LiaisonStmt) stmt = liaison_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  liaison_bind_text (stmt, 1, text);
  rc = liaison_stmt_step (stmt);
  if (rc != LIAISON_ROW && rc != LIAISON_DONE)
    return liaison_store_set_error (self, error);
  *value = rc == LIAISON_ROW ? liaison_stmt_column_int64 (stmt, 0) : 0;
  return TRUE;
}

static gboolean
device_exists (LiaisonStore  *self,
               const char    *name,
               gboolean      *exists,
               GError       **error)
{
  gint64 found = 0;

  if (!lookup (self, "SELECT 1 FROM device WHERE name = ?1", name, &found, error))
    return FALSE;
  *exists = found != 0;
  return TRUE;
}

/* The id of group @name, or 0 when there is none. */
static gboolean
find_group (LiaisonStore  *self,
            const char    *name,
            gint64        *id,
            GError       **error)
{
  return lookup (self, "SELECT id FROM user_group WHERE name = ?1", name, id, error);
}

static gboolean
find_existing_group (LiaisonStore  *self,
                     const char    *name,
                     gint64        *id,
                     GError       **error)
{
  if (!find_group (self, name, id, error))
    return FALSE;
  if (*id == 0)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND,
                   _("there is no group “%s”"), name);
      return FALSE;
    }
  return TRUE;
}

/* A group name, trimmed; it must not read as an address or name a device,
 * so that a node named on the command line means one thing. */
static char *
valid_group_name (LiaisonStore  *self,
                  const char    *text,
                  GError       **error)
{
  g_autofree char *name = g_strstrip (g_strdup (text != NULL ? text : ""));
  LiaisonAddress address;
  gboolean is_device = FALSE;

  if (*name == '\0')
    {
      g_set_error_literal (error, LIAISON_ERROR, LIAISON_ERROR_INVALID, _("a group needs a name"));
      return NULL;
    }
  for (const char *p = name; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      {
        g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                     _("the group name “%s” holds a control character"), name);
        return NULL;
      }
  if (liaison_address_parse (name, -1, &address))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                   _("“%s” is an IP address; give the group another name"), name);
      return NULL;
    }
  if (!device_exists (self, name, &is_device, error))
    return NULL;
  if (is_device)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                   _("“%s” is a device; give the group another name"), name);
      return NULL;
    }
  return g_steal_pointer (&name);
}

/* What a member names: an address (canonical text) or a device. A device
 * must be known when @known_device is set. */
static gboolean
classify_member (LiaisonStore  *self,
                 const char    *text,
                 gboolean       known_device,
                 const char   **kind,
                 char         **member,
                 GError       **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  LiaisonAddress address;
  gboolean exists = FALSE;

  if (*stripped == '\0')
    {
      g_set_error_literal (error, LIAISON_ERROR, LIAISON_ERROR_INVALID, _("a group member is empty"));
      return FALSE;
    }

  if (liaison_address_parse (stripped, -1, &address))
    {
      if (liaison_address_is_loopback (&address) || liaison_address_is_any (&address))
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                       _("“%s” is no host’s own address (a loopback address belongs to the "
                         "device it was seen on: add the device)"), stripped);
          return FALSE;
        }
      *kind = "address";
      *member = liaison_address_dup_string (&address);
      return TRUE;
    }

  if (known_device && !device_exists (self, stripped, &exists, error))
    return FALSE;
  if (known_device && !exists)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                   _("“%s” is neither an IP address nor a known device"), stripped);
      return FALSE;
    }
  *kind = "device";
  *member = g_steal_pointer (&stripped);
  return TRUE;
}

static gboolean
add_member (LiaisonStore  *self,
            gint64         group_id,
            const char    *text,
            GError       **error)
{
  g_autoptr(LiaisonStmt) find = NULL;
  g_autoptr(LiaisonStmt) insert = NULL;
  g_autofree char *member = NULL;
  const char *kind = NULL;
  int rc;

  if (!classify_member (self, text, TRUE, &kind, &member, error))
    return FALSE;

  find = liaison_store_prepare (self,
                                "SELECT g.id, g.name FROM user_group_member AS m"
                                " JOIN user_group AS g ON g.id = m.group_id"
                                " WHERE m.kind = ?1 AND m.member = ?2",
                                error);
  if (find == NULL)
    return FALSE;
  liaison_bind_text (find, 1, kind);
  liaison_bind_text (find, 2, member);
  rc = liaison_stmt_step (find);
  if (rc == LIAISON_ROW)
    {
      if (liaison_stmt_column_int64 (find, 0) == group_id)
        return TRUE;
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                   _("“%s” is in the group “%s” already; a device or an address is in one group at most"),
                   member, (const char *) liaison_stmt_column_text (find, 1));
      return FALSE;
    }
  if (!liaison_store_read_done (self, rc, error))
    return FALSE;

  insert = liaison_store_prepare (self,
                                  "INSERT INTO user_group_member (group_id, kind, member) VALUES (?1, ?2, ?3)",
                                  error);
  if (insert == NULL)
    return FALSE;
  liaison_stmt_bind_int64 (insert, 1, group_id);
  liaison_bind_text (insert, 2, kind);
  liaison_bind_text (insert, 3, member);
  return liaison_store_step_done (self, insert, error);
}

/* A change of groups: what it is given, the same each time it runs. */
typedef struct
{
  const char         *name;
  const char * const *members;
  const char         *new_name;
} GroupChange;

/* Inside a transaction: liaison_store_group_add() of @data, a GroupChange. */
static gboolean
group_add (LiaisonStore  *self,
           gpointer       data,
           GError       **error)
{
  const GroupChange *change = data;
  const char * const *members = change->members;
  g_autofree char *stripped = g_strstrip (g_strdup (change->name != NULL ? change->name : ""));
  gint64 id = 0;

  if (!find_group (self, stripped, &id, error))
    return FALSE;
  if (id == 0)
    {
      g_autofree char *valid = valid_group_name (self, stripped, error);
      g_autoptr(LiaisonStmt) insert = NULL;

      if (valid == NULL)
        return FALSE;
      insert = liaison_store_prepare (self, "INSERT INTO user_group (name) VALUES (?1)", error);
      if (insert == NULL)
        return FALSE;
      liaison_bind_text (insert, 1, valid);
      if (!liaison_store_step_done (self, insert, error))
        return FALSE;
      id = liaison_store_last_insert_id (self);
    }

  for (guint i = 0; members != NULL && members[i] != NULL; i++)
    if (!add_member (self, id, members[i], error))
      return FALSE;
  return TRUE;
}

/**
 * liaison_store_group_add:
 * @name: the group; made when there is none of that name
 * @members: (nullable) (array zero-terminated=1): devices and addresses to add
 *
 * Adds members to a group, making the group first if need be. Fails, and
 * changes nothing, when a member is in another group already, is neither an
 * address nor a known device, or when a new group's name reads as an
 * address or names a device.
 */
gboolean
liaison_store_group_add (LiaisonStore        *self,
                         const char          *name,
                         const char * const  *members,
                         GError             **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);

  return liaison_store_write (self, group_add, &(GroupChange) { name, members, NULL }, error);
}

/* Inside a transaction: liaison_store_group_remove() of @data, a GroupChange. */
static gboolean
group_remove (LiaisonStore  *self,
              gpointer       data,
              GError       **error)
{
  const GroupChange *change = data;
  const char *name = change->name;
  const char * const *members = change->members;
  gint64 id = 0;

  if (!find_existing_group (self, name, &id, error))
    return FALSE;

  if (members == NULL || members[0] == NULL)
    {
      g_autoptr(LiaisonStmt) stmt = liaison_store_prepare (self, "DELETE FROM user_group WHERE id = ?1", error);

      if (stmt == NULL)
        return FALSE;
      liaison_stmt_bind_int64 (stmt, 1, id);
      return liaison_store_step_done (self, stmt, error);
    }

  for (guint i = 0; members[i] != NULL; i++)
    {
      g_autoptr(LiaisonStmt) stmt = NULL;
      g_autofree char *member = NULL;
      const char *kind = NULL;

      if (!classify_member (self, members[i], FALSE, &kind, &member, error))
        return FALSE;
      stmt = liaison_store_prepare (self,
                                    "DELETE FROM user_group_member WHERE group_id = ?1 AND kind = ?2 AND member = ?3",
                                    error);
      if (stmt == NULL)
        return FALSE;
      liaison_stmt_bind_int64 (stmt, 1, id);
      liaison_bind_text (stmt, 2, kind);
      liaison_bind_text (stmt, 3, member);
      if (!liaison_store_step_done (self, stmt, error))
        return FALSE;
      if (liaison_store_changes (self) == 0)
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                       _("“%s” is not in the group “%s”"), member, name);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * liaison_store_group_remove:
 * @members: (nullable) (array zero-terminated=1): the members to take out;
 *   %NULL or empty removes the whole group
 *
 * Takes members out of a group, or removes the group. Fails, and changes
 * nothing, when there is no such group or a member is not in it.
 */
gboolean
liaison_store_group_remove (LiaisonStore        *self,
                            const char          *name,
                            const char * const  *members,
                            GError             **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return liaison_store_write (self, group_remove, &(GroupChange) { name, members, NULL }, error);
}

/* Inside a transaction: liaison_store_group_rename() of @data, a GroupChange. */
static gboolean
group_rename (LiaisonStore  *self,
              gpointer       data,
              GError       **error)
{
  const GroupChange *change = data;
  const char *name = change->name;
  g_autoptr(LiaisonStmt) stmt = NULL;
  g_autofree char *valid = NULL;
  gint64 id = 0, other = 0;

  if (!find_existing_group (self, name, &id, error))
    return FALSE;
  valid = valid_group_name (self, change->new_name, error);
  if (valid == NULL || !find_group (self, valid, &other, error))
    return FALSE;
  if (other != 0 && other != id)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE,
                   _("there is a group “%s” already"), valid);
      return FALSE;
    }

  stmt = liaison_store_prepare (self, "UPDATE user_group SET name = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  liaison_stmt_bind_int64 (stmt, 1, id);
  liaison_bind_text (stmt, 2, valid);
  return liaison_store_step_done (self, stmt, error);
}

gboolean
liaison_store_group_rename (LiaisonStore  *self,
                            const char    *name,
                            const char    *new_name,
                            GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return liaison_store_write (self, group_rename, &(GroupChange) { name, NULL, new_name }, error);
}

static int
compare_addresses (gconstpointer a,
                   gconstpointer b)
{
  LiaisonAddress x, y;

  liaison_address_parse (*(const char * const *) a, -1, &x);
  liaison_address_parse (*(const char * const *) b, -1, &y);
  return liaison_address_compare (&x, &y);
}

static GStrv
steal_strv (GPtrArray *array,
            gboolean   addresses)
{
  if (addresses)
    g_ptr_array_sort (array, compare_addresses);
  g_ptr_array_add (array, NULL);
  return (GStrv) g_ptr_array_free (array, FALSE);
}

/**
 * liaison_store_list_groups:
 *
 * Returns: (transfer full) (element-type LiaisonGroup): every group, by name
 */
GPtrArray *
liaison_store_list_groups (LiaisonStore  *self,
                           GError       **error)
{
  g_autoptr(LiaisonStmt) stmt = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GPtrArray) addresses = NULL;
  LiaisonGroup *group = NULL;
  gint64 group_id = 0;
  int rc;

  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);

  stmt = liaison_store_prepare (self,
                                "SELECT g.id, g.name, m.kind, m.member FROM user_group AS g"
                                " LEFT JOIN user_group_member AS m ON m.group_id = g.id"
                                " ORDER BY g.name, g.id, m.kind, m.member",
                                error);
  if (stmt == NULL)
    return NULL;

  groups = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_group_free);
  while ((rc = liaison_stmt_step (stmt)) == LIAISON_ROW)
    {
      const char *kind = (const char *) liaison_stmt_column_text (stmt, 2);

      if (group == NULL || liaison_stmt_column_int64 (stmt, 0) != group_id)
        {
          if (group != NULL)
            {
              group->devices = steal_strv (g_steal_pointer (&devices), FALSE);
              group->addresses = steal_strv (g_steal_pointer (&addresses), TRUE);
            }
          group = g_new0 (LiaisonGroup, 1);
          group->name = liaison_column_dup_text (stmt, 1);
          group_id = liaison_stmt_column_int64 (stmt, 0);
          g_ptr_array_add (groups, group);
          devices = g_ptr_array_new ();
          addresses = g_ptr_array_new ();
        }
      if (kind != NULL)
        g_ptr_array_add (g_str_equal (kind, "address") ? addresses : devices,
                         liaison_column_dup_text (stmt, 3));
    }
  if (!liaison_store_read_done (self, rc, error))
    {
      if (devices != NULL)
        g_ptr_array_set_free_func (devices, g_free);
      if (addresses != NULL)
        g_ptr_array_set_free_func (addresses, g_free);
      return NULL;
    }
  if (group != NULL)
    {
      group->devices = steal_strv (g_steal_pointer (&devices), FALSE);
      group->addresses = steal_strv (g_steal_pointer (&addresses), TRUE);
    }
  return g_steal_pointer (&groups);
}
