/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-address.h"
#include "liaison-communication-private.h"
#include "liaison-error.h"
#include "liaison-store-communications.h"
#include "liaison-store-communications-private.h"
#include "liaison-store-pg-copy-private.h"
#include "liaison-store-private.h"

/* The parts of a service communication once validated and normalized. */
typedef struct
{
  LiaisonAddress client;
  LiaisonAddress listener;
  char   *client_ip;
  guint8  client_key[LIAISON_ADDRESS_KEY_LEN];
  gboolean client_loopback;
  char   *listener_ip;
  guint8  listener_key[LIAISON_ADDRESS_KEY_LEN];
  gboolean listener_loopback;
  guint   port;
  char   *protocol;
  char   *client_device;
  char   *listener_device;
  char   *client_process_name;           /* "" unknown */
  char   *client_process_display_name;
} Fields;

static void
fields_clear (Fields *f)
{
  g_free (f->client_ip);
  g_free (f->listener_ip);
  g_free (f->protocol);
  g_free (f->client_device);
  g_free (f->listener_device);
  g_free (f->client_process_name);
  g_free (f->client_process_display_name);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Fields, fields_clear)

static gboolean
set_address (const char      *text,
             LiaisonAddress  *address,
             char           **out_text,
             guint8           key[LIAISON_ADDRESS_KEY_LEN],
             gboolean        *loopback)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (!liaison_address_parse (stripped, -1, address))
    return FALSE;

  g_free (*out_text);
  *out_text = liaison_address_dup_string (address);
  liaison_address_to_key (address, key);
  *loopback = liaison_address_is_loopback (address);
  return TRUE;
}

/* An optional text: NULL for "" or blanks. */
static char *
optional_text (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  return *stripped != '\0' ? g_steal_pointer (&stripped) : NULL;
}

/* Applies what @input gives to @f, validating each given field. */
static gboolean
fields_apply_input (Fields                          *f,
                    const LiaisonCommunicationInput *input,
                    GError                         **error)
{
  static const struct { LiaisonColumn column; gsize offset; } text_fields[] = {
    { LIAISON_COLUMN_CLIENT_DEVICE, G_STRUCT_OFFSET (LiaisonCommunicationInput, client_device) },
    { LIAISON_COLUMN_LISTENER_DEVICE, G_STRUCT_OFFSET (LiaisonCommunicationInput, listener_device) },
    { LIAISON_COLUMN_CLIENT_PROCESS_NAME, G_STRUCT_OFFSET (LiaisonCommunicationInput, client_process_name) },
    { LIAISON_COLUMN_CLIENT_PROCESS_DISPLAY_NAME, G_STRUCT_OFFSET (LiaisonCommunicationInput, client_process_display_name) },
  };

  if (input->client_ip != NULL)
    {
      if (!liaison_communication_validate_field (LIAISON_COLUMN_CLIENT_IP, input->client_ip, error))
        return FALSE;
      set_address (input->client_ip, &f->client, &f->client_ip, f->client_key, &f->client_loopback);
    }
  if (input->listener_ip != NULL)
    {
      if (!liaison_communication_validate_field (LIAISON_COLUMN_LISTENER_IP, input->listener_ip, error))
        return FALSE;
      set_address (input->listener_ip, &f->listener, &f->listener_ip, f->listener_key, &f->listener_loopback);
    }
  if (input->port != NULL)
    {
      if (!liaison_communication_validate_field (LIAISON_COLUMN_PORT, input->port, error))
        return FALSE;
      f->port = (guint) g_ascii_strtoull (input->port, NULL, 10);
    }
  if (input->protocol != NULL)
    {
      LiaisonProtocol protocol;
      g_autofree char *stripped = g_strstrip (g_strdup (input->protocol));

      if (!liaison_communication_validate_field (LIAISON_COLUMN_PROTOCOL, input->protocol, error))
        return FALSE;
      liaison_protocol_from_string (stripped, &protocol);
      g_free (f->protocol);
      f->protocol = g_strdup (liaison_protocol_to_string (protocol));
    }

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      const char *text = G_STRUCT_MEMBER (const char *, input, text_fields[i].offset);
      char **target = NULL;

      if (text == NULL)
        continue;
      if (!liaison_communication_validate_field (text_fields[i].column, text, error))
        return FALSE;

      switch (text_fields[i].column)
        {
        case LIAISON_COLUMN_CLIENT_DEVICE: target = &f->client_device; break;
        case LIAISON_COLUMN_LISTENER_DEVICE: target = &f->listener_device; break;
        case LIAISON_COLUMN_CLIENT_PROCESS_NAME: target = &f->client_process_name; break;
        case LIAISON_COLUMN_CLIENT_PROCESS_DISPLAY_NAME: target = &f->client_process_display_name; break;
        default: g_assert_not_reached ();
        }
      g_free (*target);
      *target = optional_text (text);
    }

  if (f->client_process_name == NULL)
    f->client_process_name = g_strdup ("");

  return TRUE;
}

static guint
input_user_bits (const LiaisonCommunicationInput *input)
{
  guint bits = 0;

  if (input->client_device != NULL)
    bits |= LIAISON_USER_BIT (LIAISON_COLUMN_CLIENT_DEVICE);
  if (input->listener_device != NULL)
    bits |= LIAISON_USER_BIT (LIAISON_COLUMN_LISTENER_DEVICE);
  if (input->client_process_name != NULL)
    bits |= LIAISON_USER_BIT (LIAISON_COLUMN_CLIENT_PROCESS_NAME);
  if (input->client_process_display_name != NULL)
    bits |= LIAISON_USER_BIT (LIAISON_COLUMN_CLIENT_PROCESS_DISPLAY_NAME);
  return bits;
}

/* The host that scopes a loopback identity (statistics.md section 1). */
static const char *
fields_scope (const Fields *f)
{
  if (!f->client_loopback && !f->listener_loopback)
    return "";
  if (f->listener_device != NULL)
    return f->listener_device;
  if (f->client_device != NULL)
    return f->client_device;
  return "";
}

static gboolean
refuse_duplicate (LiaisonStore  *self,
                  const Fields  *f,
                  gint64         except,
                  GError       **error)
{
  gint64 existing = 0;

  if (!liaison_store_find_communication (self, f->client_key, f->listener_key, f->port, f->protocol,
                                         f->client_process_name, fields_scope (f), except, &existing, error))
    return FALSE;

  if (existing != 0)
    {
      if (*f->client_process_name != '\0')
        g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE,
                     _("service communication %s → %s:%u/%s from process %s exists already as id %lld"),
                     f->client_ip, f->listener_ip, f->port, f->protocol,
                     f->client_process_name, (long long) existing);
      else
        g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE,
                     _("service communication %s → %s:%u/%s exists already as id %lld"),
                     f->client_ip, f->listener_ip, f->port, f->protocol, (long long) existing);
      return FALSE;
    }
  return TRUE;
}

static gboolean
require (const char  *value,
         const char  *message,
         GError     **error)
{
  if (value == NULL)
    {
      g_set_error_literal (error, LIAISON_ERROR, LIAISON_ERROR_INVALID, message);
      return FALSE;
    }
  return TRUE;
}

/* Binds ?1 to ?12 of the edit statement: the columns, the scope and the
 * fields the user typed. */
static void
bind_fields (LiaisonStmt                    *stmt,
             const Fields                    *f,
             const LiaisonCommunicationInput *input)
{
  liaison_bind_text (stmt, 1, f->client_ip);
  liaison_stmt_bind_blob (stmt, 2, f->client_key, LIAISON_ADDRESS_KEY_LEN, LIAISON_STATIC);
  liaison_bind_text (stmt, 3, f->client_device);
  liaison_bind_text (stmt, 4, f->listener_ip);
  liaison_stmt_bind_blob (stmt, 5, f->listener_key, LIAISON_ADDRESS_KEY_LEN, LIAISON_STATIC);
  liaison_bind_text (stmt, 6, f->listener_device);
  liaison_stmt_bind_int (stmt, 7, (int) f->port);
  liaison_bind_text (stmt, 8, f->protocol);
  liaison_bind_text (stmt, 9, f->client_process_name);
  liaison_bind_text (stmt, 10, f->client_process_display_name);
  liaison_bind_text (stmt, 11, fields_scope (f));
  liaison_stmt_bind_int (stmt, 12, (int) input_user_bits (input));
}

typedef struct
{
  const Fields *fields;
  guint         user_fields;
  gint64        id;         /* the new row's */
} AddedRow;

/* The insert of a row entered by hand, inside a transaction. */
static gboolean
add_row (LiaisonStore  *self,
         gpointer       data,
         GError       **error)
{
  AddedRow *added = data;
  const Fields *f = added->fields;
  LiaisonNewCommunication row;

  if (!refuse_duplicate (self, f, 0, error) ||
      !liaison_store_ensure_device (self, f->client_device, error) ||
      !liaison_store_ensure_device (self, f->listener_device, error))
    return FALSE;

  row.client = &f->client;
  row.client_device = f->client_device;
  row.listener = &f->listener;
  row.listener_device = f->listener_device;
  row.port = f->port;
  row.protocol = f->protocol;
  row.process = f->client_process_name;
  row.display_name = f->client_process_display_name;
  row.first = LIAISON_TIME_NONE;
  row.last = LIAISON_TIME_NONE;
  row.source = "manual";
  row.scope = fields_scope (f);
  row.user_fields = added->user_fields;
  return liaison_store_insert_communications (self, &row, 1, &added->id, error);
}

/**
 * liaison_store_add_communication:
 * @input: the fields; client_ip, listener_ip, port and protocol are required
 *
 * Adds a service communication entered by hand. Devices named in @input are
 * created on first use.
 *
 * Returns: the new row's id, or 0 with @error set
 */
gint64
liaison_store_add_communication (LiaisonStore                    *self,
                                 const LiaisonCommunicationInput *input,
                                 GError                         **error)
{
  g_auto(Fields) f = { 0 };
  AddedRow added = { 0 };

  g_return_val_if_fail (LIAISON_IS_STORE (self), 0);
  g_return_val_if_fail (input != NULL, 0);

  if (!require (input->client_ip, _("a client IP address is required"), error) ||
      !require (input->listener_ip, _("a listener IP address is required"), error) ||
      !require (input->port, _("a port is required"), error) ||
      !require (input->protocol, _("a protocol is required"), error) ||
      !fields_apply_input (&f, input, error))
    return 0;

  added.fields = &f;
  added.user_fields = input_user_bits (input);
  if (!liaison_store_write (self, add_row, &added, error))
    return 0;
  return added.id;
}

static gboolean
load_fields (LiaisonStore  *self,
             gint64         id,
             Fields        *f,
             GError       **error)
{
  g_autoptr(LiaisonStmt) stmt = NULL;
  int rc;

  stmt = liaison_store_prepare (self,
                                "SELECT client_ip, listener_ip, port, protocol, client_device, listener_device,"
                                " client_process_name, client_process_display_name"
                                " FROM communication WHERE id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  liaison_stmt_bind_int64 (stmt, 1, id);

  rc = liaison_stmt_step (stmt);
  if (rc == LIAISON_DONE)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND,
                   _("there is no service communication with id %lld"), (long long) id);
      return FALSE;
    }
  if (rc != LIAISON_ROW)
    return liaison_store_set_error (self, error);

  set_address ((const char *) liaison_stmt_column_text (stmt, 0), &f->client, &f->client_ip, f->client_key, &f->client_loopback);
  set_address ((const char *) liaison_stmt_column_text (stmt, 1), &f->listener, &f->listener_ip, f->listener_key, &f->listener_loopback);
  f->port = (guint) liaison_stmt_column_int (stmt, 2);
  f->protocol = liaison_column_dup_text (stmt, 3);
  f->client_device = liaison_column_dup_text (stmt, 4);
  f->listener_device = liaison_column_dup_text (stmt, 5);
  f->client_process_name = liaison_column_dup_text (stmt, 6);
  f->client_process_display_name = liaison_column_dup_text (stmt, 7);
  return TRUE;
}

/* The edit of one row, inside a transaction. */
static gboolean
edit_row (LiaisonStore                    *self,
          gint64                           id,
          const LiaisonCommunicationInput *input,
          GError                         **error)
{
  g_auto(Fields) f = { 0 };
  g_autoptr(LiaisonStmt) stmt = NULL;

  if (!load_fields (self, id, &f, error) ||
      !fields_apply_input (&f, input, error) ||
      !refuse_duplicate (self, &f, id, error) ||
      !liaison_store_ensure_device (self, f.client_device, error) ||
      !liaison_store_ensure_device (self, f.listener_device, error))
    return FALSE;

  if (!liaison_store_search_row_changing (self, id, error))
    return FALSE;
  stmt = liaison_store_prepare (self,
                                "UPDATE communication SET client_ip = ?, client_key = ?, client_device = ?,"
                                " listener_ip = ?, listener_key = ?, listener_device = ?, port = ?, protocol = ?,"
                                " client_process_name = ?, client_process_display_name = ?, scope = ?,"
                                " user_fields = user_fields | ?"
                                " WHERE id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;

  bind_fields (stmt, &f, input);
  liaison_stmt_bind_int64 (stmt, 13, id);

  return liaison_store_step_done (self, stmt, error);
}

typedef struct
{
  LiaisonCommunication            *seen;     /* NULL: the row as it is */
  gint64                           id;
  const LiaisonCommunicationInput *input;
  LiaisonCommunication            *current;  /* the row now, when changed since @seen */
} Edit;

/* The edit of one row, inside a transaction, checked against what the
 * person saw when there is @seen. */
static gboolean
edit_checked (LiaisonStore  *self,
              gpointer       data,
              GError       **error)
{
  Edit *edit = data;
  g_autoptr(LiaisonCommunication) now = NULL;

  if (edit->seen == NULL)
    return edit_row (self, edit->id, edit->input, error);

  now = liaison_store_get_communication (self, edit->id, error);
  if (now == NULL)
    return FALSE;
  if (!liaison_communication_same_editable (edit->seen, now))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_CONFLICT,
                   _("someone else changed this service communication after the edit began"));
      g_set_object (&edit->current, now);
      return FALSE;
    }
  return edit_row (self, edit->id, edit->input, error);
}

/**
 * liaison_store_edit_communication:
 * @input: the fields to change; NULL fields stay as they are, "" clears an optional one
 *
 * Changes one service communication. The fields given count as typed by a
 * user: later imports never overwrite them.
 */
gboolean
liaison_store_edit_communication (LiaisonStore                    *self,
                                  gint64                           id,
                                  const LiaisonCommunicationInput *input,
                                  GError                         **error)
{
  Edit edit = { .id = id, .input = input };

  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  g_return_val_if_fail (input != NULL, FALSE);

  return liaison_store_write (self, edit_checked, &edit, error);
}

/**
 * liaison_store_edit_communication_seen:
 * @seen: the row as the person saw it when they began to edit it
 * @current: (out) (optional) (transfer full): the row as it is now, when
 *   someone else changed it meanwhile
 *
 * liaison_store_edit_communication() for an edit begun from @seen: when
 * another program changed a field a person edits since (team.md 3), nothing
 * is written, the error is %LIAISON_ERROR_CONFLICT and @current says what
 * the row is now, so that the person can keep theirs (edit again from
 * @current) or take the other. Changes of an import (times detected) are
 * not a conflict.
 */
gboolean
liaison_store_edit_communication_seen (LiaisonStore                    *self,
                                       LiaisonCommunication            *seen,
                                       const LiaisonCommunicationInput *input,
                                       LiaisonCommunication           **current,
                                       GError                         **error)
{
  Edit edit = { .seen = seen, .input = input };
  gboolean ok;

  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIAISON_IS_COMMUNICATION (seen), FALSE);
  g_return_val_if_fail (input != NULL, FALSE);

  edit.id = liaison_communication_get_id (seen);
  ok = liaison_store_write (self, edit_checked, &edit, error);
  if (current != NULL && !ok)
    *current = g_steal_pointer (&edit.current);
  g_clear_object (&edit.current);
  return ok;
}

typedef struct
{
  LiaisonSeenRows  rows;
  const char      *sql;
  const char      *name;
} SetDevices;

/* Inside a transaction: sets the device in the rows @ids, or, when @seen
 * is given, in those of @seen still there once liaison_store_check_seen()
 * finds no change. */
static gboolean
set_devices_rows (LiaisonStore  *self,
                  gpointer       data,
                  GError       **error)
{
  SetDevices *set = data;
  g_autoptr(GArray) checked = liaison_store_check_ids (self, &set->rows, error);
  const gint64 *ids;

  if (checked == NULL || !liaison_store_ensure_device (self, set->name, error))
    return FALSE;

  ids = (const gint64 *) (gpointer) checked->data;
  for (guint i = 0; i < checked->len; i++)
    {
      g_autoptr(LiaisonStmt) stmt = liaison_store_prepare (self, set->sql, error);

      if (stmt == NULL || !liaison_store_search_row_changing (self, ids[i], error))
        return FALSE;
      liaison_bind_text (stmt, 1, set->name);
      liaison_stmt_bind_int64 (stmt, 2, ids[i]);
      if (!liaison_store_step_done (self, stmt, error))
        return FALSE;
      if (liaison_store_changes (self) == 0)
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND,
                       _("there is no service communication with id %lld"), (long long) ids[i]);
          return FALSE;
        }
    }
  return TRUE;
}

/* One transaction: set_devices_rows() of @column to @device. */
static gboolean
set_devices_checked (LiaisonStore      *self,
                     GPtrArray         *seen,
                     const gint64      *ids,
                     guint              n_ids,
                     LiaisonColumn      column,
                     const char        *device,
                     LiaisonMeanwhile **meanwhile,
                     GError           **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE communication SET %s = ?, user_fields = user_fields | %d WHERE id = ?",
                                          liaison_column_to_string (column), LIAISON_USER_BIT (column));
  g_autofree char *name = NULL;
  SetDevices set = { { seen, ids, n_ids, NULL }, sql, NULL };
  gboolean ok;

  if (!liaison_communication_validate_field (column, device, error))
    return FALSE;
  name = device != NULL ? optional_text (device) : NULL;
  set.name = name;

  ok = liaison_store_write (self, set_devices_rows, &set, error);
  liaison_meanwhile_give (&set.rows, meanwhile);
  return ok;
}

/**
 * liaison_store_set_devices:
 * @column: %LIAISON_COLUMN_CLIENT_DEVICE or %LIAISON_COLUMN_LISTENER_DEVICE
 * @device: (nullable): the device name; %NULL or "" clears it
 *
 * Sets one device of several service communications, as a user would in the
 * edit form.
 */
gboolean
liaison_store_set_devices (LiaisonStore  *self,
                           const gint64  *ids,
                           guint          n_ids,
                           LiaisonColumn  column,
                           const char    *device,
                           GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  g_return_val_if_fail (column == LIAISON_COLUMN_CLIENT_DEVICE || column == LIAISON_COLUMN_LISTENER_DEVICE, FALSE);

  return set_devices_checked (self, NULL, ids, n_ids, column, device, NULL, error);
}

/**
 * liaison_store_set_devices_seen:
 * @seen: (element-type LiaisonCommunication): the rows as the person saw
 *   them when they chose to set the device
 * @meanwhile: (out) (optional) (transfer full): what someone else did to
 *   @seen since (liaison_store_check_seen())
 *
 * liaison_store_set_devices() for rows a person saw (team.md 3), checked
 * and written in one transaction: rows deleted meanwhile are passed over;
 * when someone else changed one, nothing is written and the error is
 * %LIAISON_ERROR_CONFLICT. To set it anyway, call again with the rows as
 * they are now; to keep those, call again without them.
 */
gboolean
liaison_store_set_devices_seen (LiaisonStore      *self,
                                GPtrArray         *seen,
                                LiaisonColumn      column,
                                const char        *device,
                                LiaisonMeanwhile **meanwhile,
                                GError           **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  g_return_val_if_fail (seen != NULL, FALSE);
  g_return_val_if_fail (column == LIAISON_COLUMN_CLIENT_DEVICE || column == LIAISON_COLUMN_LISTENER_DEVICE, FALSE);

  return set_devices_checked (self, seen, NULL, 0, column, device, meanwhile, error);
}

LiaisonCommunication *
liaison_store_get_communication (LiaisonStore  *self,
                                 gint64         id,
                                 GError       **error)
{
  g_autoptr(GPtrArray) rows = liaison_store_get_communications (self, &id, 1, error);

  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND,
                   _("there is no service communication with id %lld"), (long long) id);
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (rows, 0));
}

/**
 * liaison_store_get_communications:
 *
 * Returns: (transfer container) (element-type LiaisonCommunication): the rows
 *   with @ids, in the order of @ids; ids that no longer exist are left out
 */
GPtrArray *
liaison_store_get_communications (LiaisonStore  *self,
                                  const gint64  *ids,
                                  guint          n_ids,
                                  GError       **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_full (n_ids, g_object_unref);
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GString) list = NULL;
  g_autoptr(LiaisonStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);

  if (n_ids == 0)
    return g_steal_pointer (&rows);

  /* One statement for the whole block: a list view asks for a hundred rows
   * at a time, and each statement outside a transaction takes and drops
   * the database's read lock. */
  list = g_string_sized_new (n_ids * 8 + 2);
  g_string_append_c (list, '[');
  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (list, "%s%" G_GINT64_FORMAT, i ? "," : "", ids[i]);
  g_string_append_c (list, ']');

  stmt = liaison_store_prepare (self,
                                "SELECT " LIAISON_COMMUNICATION_COLUMNS " FROM communication"
                                " WHERE id IN (SELECT value FROM json_each (?1))",
                                error);
  if (stmt == NULL)
    return NULL;
  liaison_stmt_bind_text (stmt, 1, list->str, (int) list->len, LIAISON_STATIC);

  by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  while ((rc = liaison_stmt_step (stmt)) == LIAISON_ROW)
    {
      LiaisonCommunication *row = liaison_communication_new_from_row (stmt);
      gint64 *key = g_new (gint64, 1);

      *key = liaison_communication_get_id (row);
      g_hash_table_insert (by_id, key, row);
    }
  if (!liaison_store_read_done (self, rc, error))
    return NULL;

  for (guint i = 0; i < n_ids; i++)
    {
      LiaisonCommunication *row = g_hash_table_lookup (by_id, &ids[i]);

      if (row != NULL)
        g_ptr_array_add (rows, g_object_ref (row));
    }

  return g_steal_pointer (&rows);
}

gint64
liaison_store_count_communications (LiaisonStore  *self,
                                    GError       **error)
{
  gint64 count;

  if (!liaison_store_query_int (self, "SELECT count(*) FROM communication", &count, error))
    return -1;
  return count;
}

/**
 * liaison_store_list_devices:
 *
 * Returns: (transfer full): the known device names, sorted
 */
GStrv
liaison_store_list_devices (LiaisonStore  *self,
                            GError       **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(LiaisonStmt) stmt = liaison_store_prepare (self, "SELECT name FROM device ORDER BY lower(name), name", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = liaison_stmt_step (stmt)) == LIAISON_ROW)
    g_strv_builder_add (builder, (const char *) liaison_stmt_column_text (stmt, 0));
  if (!liaison_store_read_done (self, rc, error))
    return NULL;
  return g_strv_builder_end (builder);
}

/* The statement of liaison_store_insert_communications(), for one row and
 * for ROWS_PER_STATEMENT rows. */
#define INSERT_INTO \
  "INSERT INTO communication (client_ip, client_key, client_device, listener_ip, listener_key," \
  " listener_device, port, protocol, client_process_name, client_process_display_name," \
  " first_detected, last_detected, source, scope, user_fields) VALUES "
#define ROW_VALUES "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define VALUES_PER_ROW 15
#define ROWS_4 ROW_VALUES ", " ROW_VALUES ", " ROW_VALUES ", " ROW_VALUES
#define ROWS_16 ROWS_4 ", " ROWS_4 ", " ROWS_4 ", " ROWS_4
#define ROWS_64 ROWS_16 ", " ROWS_16 ", " ROWS_16 ", " ROWS_16
#define ROWS_PER_STATEMENT 64

static const char insert_one[] = INSERT_INTO ROW_VALUES;
static const char insert_many[] = INSERT_INTO ROWS_64;

/* The texts and keys of one row, alive while its statement runs. */
typedef struct
{
  char   client_ip[LIAISON_ADDRESS_STRLEN];
  char   listener_ip[LIAISON_ADDRESS_STRLEN];
  guint8 client_key[LIAISON_ADDRESS_KEY_LEN];
  guint8 listener_key[LIAISON_ADDRESS_KEY_LEN];
} RowValues;

static void
bind_static_text (LiaisonStmt *stmt,
                  int           index,
                  const char   *text)
{
  if (text != NULL)
    liaison_stmt_bind_text (stmt, index, text, -1, LIAISON_STATIC);
}

/* Binds the values of @row from ?first on, in the order of INSERT_INTO. */
static void
bind_new_row (LiaisonStmt                  *stmt,
              int                            first,
              const LiaisonNewCommunication *row,
              RowValues                     *values)
{
  liaison_address_to_string (row->client, values->client_ip);
  liaison_address_to_string (row->listener, values->listener_ip);
  liaison_address_to_key (row->client, values->client_key);
  liaison_address_to_key (row->listener, values->listener_key);

  /* @row's texts and @values outlive the statement's step. */
  liaison_stmt_bind_text (stmt, first, values->client_ip, -1, LIAISON_STATIC);
  liaison_stmt_bind_blob (stmt, first + 1, values->client_key, LIAISON_ADDRESS_KEY_LEN, LIAISON_STATIC);
  bind_static_text (stmt, first + 2, row->client_device);
  liaison_stmt_bind_text (stmt, first + 3, values->listener_ip, -1, LIAISON_STATIC);
  liaison_stmt_bind_blob (stmt, first + 4, values->listener_key, LIAISON_ADDRESS_KEY_LEN, LIAISON_STATIC);
  bind_static_text (stmt, first + 5, row->listener_device);
  liaison_stmt_bind_int (stmt, first + 6, (int) row->port);
  bind_static_text (stmt, first + 7, row->protocol);
  bind_static_text (stmt, first + 8, row->process);
  bind_static_text (stmt, first + 9, row->display_name);
  liaison_bind_time (stmt, first + 10, row->first);
  liaison_bind_time (stmt, first + 11, row->last);
  bind_static_text (stmt, first + 12, row->source);
  bind_static_text (stmt, first + 13, row->scope);
  liaison_stmt_bind_int (stmt, first + 14, (int) row->user_fields);
}

/**
 * liaison_store_insert_communications:
 * @rows: (array length=n_rows): the rows, in the order of their ids to be
 * @last_id: (out) (optional): the id of the last row
 *
 * Adds rows to the communication table, several to a statement, and notes
 * them for the search index. Their devices must exist
 * (liaison_store_ensure_device()). Call inside a transaction.
 */
gboolean
liaison_store_insert_communications (LiaisonStore                   *self,
                                     const LiaisonNewCommunication  *rows,
                                     guint                           n_rows,
                                     gint64                         *last_id,
                                     GError                        **error)
{
  g_autofree RowValues *values = NULL;
  guint done = 0;
  gint64 last = 0;

  /* A server indexes its rows for search by itself. */
  if (liaison_store_copies_rows (self, n_rows))
    return liaison_pg_insert_communications (self, rows, n_rows, last_id != NULL ? last_id : &last, error);

  values = g_new (RowValues, MIN (n_rows, ROWS_PER_STATEMENT));
  while (done < n_rows)
    {
      g_autoptr(LiaisonStmt) stmt = NULL;
      guint n = n_rows - done >= ROWS_PER_STATEMENT ? ROWS_PER_STATEMENT : 1;

      stmt = liaison_store_prepare (self, n > 1 ? insert_many : insert_one, error);
      if (stmt == NULL)
        return FALSE;
      for (guint i = 0; i < n; i++)
        bind_new_row (stmt, 1 + VALUES_PER_ROW * i, &rows[done + i], &values[i]);
      if (!liaison_store_step_done (self, stmt, error))
        return FALSE;

      /* One statement's new rows have consecutive ids (AUTOINCREMENT, and
       * this connection holds the write lock): the last one's and those below. */
      last = liaison_store_last_insert_id (self);
      for (guint i = 0; i < n; i++)
        if (!liaison_store_search_row_added (self, last - (n - 1) + i, error))
          return FALSE;
      done += n;
    }

  if (last_id != NULL)
    *last_id = last;
  return TRUE;
}

/**
 * liaison_store_find_communication:
 * @process: the client process, "" for unknown
 * @except: an id to pass over, 0 for none
 * @id: (out): the id of the row of that identity, 0 when there is none
 *
 * Looks a row up by its identity (client, listener, port, protocol,
 * process, scope).
 */
gboolean
liaison_store_find_communication (LiaisonStore  *self,
                                  const guint8  *client_key,
                                  const guint8  *listener_key,
                                  guint          port,
                                  const char    *protocol,
                                  const char    *process,
                                  const char    *scope,
                                  gint64         except,
                                  gint64        *id,
                                  GError       **error)
{
  g_autoptr(LiaisonStmt) stmt = NULL;
  int rc;

  stmt = liaison_store_prepare (self,
                                "SELECT id FROM communication"
                                " WHERE client_key = ?1 AND listener_key = ?2 AND port = ?3 AND protocol = ?4"
                                "   AND client_process_name = ?5 AND scope = ?6 AND id <> ?7",
                                error);
  if (stmt == NULL)
    return FALSE;

  liaison_stmt_bind_blob (stmt, 1, client_key, LIAISON_ADDRESS_KEY_LEN, LIAISON_STATIC);
  liaison_stmt_bind_blob (stmt, 2, listener_key, LIAISON_ADDRESS_KEY_LEN, LIAISON_STATIC);
  liaison_stmt_bind_int (stmt, 3, (int) port);
  liaison_bind_text (stmt, 4, protocol);
  liaison_bind_text (stmt, 5, process);
  liaison_bind_text (stmt, 6, scope);
  liaison_stmt_bind_int64 (stmt, 7, except);

  rc = liaison_stmt_step (stmt);
  if (rc == LIAISON_ROW)
    *id = liaison_stmt_column_int64 (stmt, 0);
  else if (rc == LIAISON_DONE)
    *id = 0;
  else
    return liaison_store_set_error (self, error);
  return TRUE;
}

/* Whether the communication table has a row. */
gboolean
liaison_store_has_communications (LiaisonStore  *self,
                                  gboolean      *any,
                                  GError       **error)
{
  return liaison_store_query_bool (self, "SELECT EXISTS (SELECT 1 FROM communication)", any, error);
}
