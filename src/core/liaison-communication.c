/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-communication"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "liaison-address.h"
#include "liaison-communication-private.h"
#include "liaison-error.h"

/* One service communication, as a row of the list. Immutable: a change is
 * made through the store, and the list fetches a new object. */
struct _LiaisonCommunication
{
  GObject      parent_instance;

  gint64       id;
  char        *client_ip;
  char        *client_device;
  char        *listener_ip;
  char        *listener_device;
  guint        port;
  const char  *protocol;
  char        *client_process_name;
  char        *client_process_display_name;
  LiaisonTime  first_detected;
  LiaisonTime  last_detected;
  const char  *source;
};

G_DEFINE_FINAL_TYPE (LiaisonCommunication, liaison_communication, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CLIENT_IP,
  PROP_CLIENT_DEVICE,
  PROP_LISTENER_IP,
  PROP_LISTENER_DEVICE,
  PROP_PORT,
  PROP_PROTOCOL,
  PROP_CLIENT_PROCESS_NAME,
  PROP_CLIENT_PROCESS_DISPLAY_NAME,
  PROP_FIRST_DETECTED,
  PROP_LAST_DETECTED,
  PROP_SOURCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *column_names[LIAISON_N_COLUMNS] = {
  "id",
  "client_ip",
  "client_device",
  "listener_ip",
  "listener_device",
  "port",
  "protocol",
  "client_process_name",
  "client_process_display_name",
  "first_detected",
  "last_detected",
  "source",
};

const char *
liaison_column_to_string (LiaisonColumn column)
{
  g_return_val_if_fail (column < LIAISON_N_COLUMNS, NULL);

  return column_names[column];
}

gboolean
liaison_column_from_string (const char    *text,
                            LiaisonColumn *out)
{
  for (guint i = 0; i < LIAISON_N_COLUMNS; i++)
    if (g_strcmp0 (text, column_names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

static void
liaison_communication_finalize (GObject *object)
{
  LiaisonCommunication *self = (LiaisonCommunication *)object;

  g_free (self->client_ip);
  g_free (self->client_device);
  g_free (self->listener_ip);
  g_free (self->listener_device);
  g_free (self->client_process_name);
  g_free (self->client_process_display_name);

  G_OBJECT_CLASS (liaison_communication_parent_class)->finalize (object);
}

static void
liaison_communication_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LiaisonCommunication *self = LIAISON_COMMUNICATION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_CLIENT_IP:
      g_value_set_string (value, self->client_ip);
      break;
    case PROP_CLIENT_DEVICE:
      g_value_set_string (value, self->client_device);
      break;
    case PROP_LISTENER_IP:
      g_value_set_string (value, self->listener_ip);
      break;
    case PROP_LISTENER_DEVICE:
      g_value_set_string (value, self->listener_device);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_PROTOCOL:
      g_value_set_string (value, self->protocol);
      break;
    case PROP_CLIENT_PROCESS_NAME:
      g_value_set_string (value, self->client_process_name);
      break;
    case PROP_CLIENT_PROCESS_DISPLAY_NAME:
      g_value_set_string (value, self->client_process_display_name);
      break;
    case PROP_FIRST_DETECTED:
      g_value_set_int64 (value, self->first_detected);
      break;
    case PROP_LAST_DETECTED:
      g_value_set_int64 (value, self->last_detected);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_communication_class_init (LiaisonCommunicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = liaison_communication_finalize;
  object_class->get_property = liaison_communication_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CLIENT_IP] = g_param_spec_string ("client-ip", NULL, NULL, NULL, flags);
  properties[PROP_CLIENT_DEVICE] = g_param_spec_string ("client-device", NULL, NULL, NULL, flags);
  properties[PROP_LISTENER_IP] = g_param_spec_string ("listener-ip", NULL, NULL, NULL, flags);
  properties[PROP_LISTENER_DEVICE] = g_param_spec_string ("listener-device", NULL, NULL, NULL, flags);
  properties[PROP_PORT] = g_param_spec_uint ("port", NULL, NULL, 0, 65535, 0, flags);
  properties[PROP_PROTOCOL] = g_param_spec_string ("protocol", NULL, NULL, NULL, flags);
  properties[PROP_CLIENT_PROCESS_NAME] = g_param_spec_string ("client-process-name", NULL, NULL, NULL, flags);
  properties[PROP_CLIENT_PROCESS_DISPLAY_NAME] = g_param_spec_string ("client-process-display-name", NULL, NULL, NULL, flags);
  properties[PROP_FIRST_DETECTED] = g_param_spec_int64 ("first-detected", NULL, NULL, G_MININT64, G_MAXINT64, LIAISON_TIME_NONE, flags);
  properties[PROP_LAST_DETECTED] = g_param_spec_int64 ("last-detected", NULL, NULL, G_MININT64, G_MAXINT64, LIAISON_TIME_NONE, flags);
  properties[PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_communication_init (LiaisonCommunication *self)
{
  self->first_detected = LIAISON_TIME_NONE;
  self->last_detected = LIAISON_TIME_NONE;
}

static char *
dup_text_or_null (LiaisonStmt *stmt,
                  int           index)
{
  const char *text = (const char *) liaison_stmt_column_text (stmt, index);

  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

static gint64
time_or_none (LiaisonStmt *stmt,
              int           index)
{
  if (liaison_stmt_column_type (stmt, index) == LIAISON_NULL)
    return LIAISON_TIME_NONE;
  return liaison_stmt_column_int64 (stmt, index);
}

static const char *
intern_source (const char *text)
{
  if (g_strcmp0 (text, "netstat") == 0)
    return "netstat";
  if (g_strcmp0 (text, "netflow") == 0)
    return "netflow";
  return "manual";
}

/* Builds a row from a statement that selected LIAISON_COMMUNICATION_COLUMNS. */
LiaisonCommunication *
liaison_communication_new_from_row (LiaisonStmt *stmt)
{
  LiaisonCommunication *self = g_object_new (LIAISON_TYPE_COMMUNICATION, NULL);

  self->id = liaison_stmt_column_int64 (stmt, 0);
  self->client_ip = dup_text_or_null (stmt, 1);
  self->client_device = dup_text_or_null (stmt, 2);
  self->listener_ip = dup_text_or_null (stmt, 3);
  self->listener_device = dup_text_or_null (stmt, 4);
  self->port = (guint) liaison_stmt_column_int (stmt, 5);
  self->protocol = g_strcmp0 ((const char *) liaison_stmt_column_text (stmt, 6), "udp") == 0 ? "udp" : "tcp";
  self->client_process_name = dup_text_or_null (stmt, 7);
  self->client_process_display_name = dup_text_or_null (stmt, 8);
  self->first_detected = time_or_none (stmt, 9);
  self->last_detected = time_or_none (stmt, 10);
  self->source = intern_source ((const char *) liaison_stmt_column_text (stmt, 11));

  return self;
}

gint64
liaison_communication_get_id (LiaisonCommunication *self)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATION (self), 0);
  return self->id;
}

const char *
liaison_communication_get_client_ip (LiaisonCommunication *self)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATION (self), NULL);
  return self->client_ip;
}

/* Returns: (nullable): the client device, %NULL when unknown */
const char *
liaison_communication_get_client_device (LiaisonCommunication *self)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATION (self), NULL);
  return self->client_device;
}

const char *
liaison_communication_get_listener_ip (LiaisonCommunication *self)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATION (self), NULL);
  return self->listener_ip;
}

/* Returns: (nullable): the listener device, %NULL when unknown */
const char *
liaison_communication_get_listener_device (LiaisonCommunication *self)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATION (self), NULL);
  return self->listener_device;
}

guint
liaison_communication_get_port (LiaisonCommunication *self)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATION (self), 0);
  return self->port;
}

/* Returns: "tcp" or "udp" */
const char *
liaison_communication_get_protocol (LiaisonCommunication *self)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATION (self), NULL);
  return self->protocol;
}

/* Returns: (nullable): the client process name, %NULL when unknown */
const char *
liaison_communication_get_client_process_name (LiaisonCommunication *self)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATION (self), NULL);
  return self->client_process_name;
}

/* Returns: (nullable): the display name a user gave the process */
const char *
liaison_communication_get_client_process_display_name (LiaisonCommunication *self)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATION (self), NULL);
  return self->client_process_display_name;
}

LiaisonTime
liaison_communication_get_first_detected (LiaisonCommunication *self)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATION (self), LIAISON_TIME_NONE);
  return self->first_detected;
}

LiaisonTime
liaison_communication_get_last_detected (LiaisonCommunication *self)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATION (self), LIAISON_TIME_NONE);
  return self->last_detected;
}

/* Returns: "manual", "netstat" or "netflow" */
const char *
liaison_communication_get_source (LiaisonCommunication *self)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATION (self), NULL);
  return self->source;
}

/**
 * liaison_communication_dup_column_text:
 *
 * Returns: (transfer full) (nullable): the value of @column as text, as
 *   `liaison-cli list` prints it; %NULL for an unknown value
 */
char *
liaison_communication_dup_column_text (LiaisonCommunication *self,
                                       LiaisonColumn         column)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATION (self), NULL);

  switch (column)
    {
    case LIAISON_COLUMN_ID:
      return g_strdup_printf ("%" G_GINT64_FORMAT, self->id);
    case LIAISON_COLUMN_CLIENT_IP:
      return g_strdup (self->client_ip);
    case LIAISON_COLUMN_CLIENT_DEVICE:
      return g_strdup (self->client_device);
    case LIAISON_COLUMN_LISTENER_IP:
      return g_strdup (self->listener_ip);
    case LIAISON_COLUMN_LISTENER_DEVICE:
      return g_strdup (self->listener_device);
    case LIAISON_COLUMN_PORT:
      return g_strdup_printf ("%u", self->port);
    case LIAISON_COLUMN_PROTOCOL:
      return g_strdup (self->protocol);
    case LIAISON_COLUMN_CLIENT_PROCESS_NAME:
      return g_strdup (self->client_process_name);
    case LIAISON_COLUMN_CLIENT_PROCESS_DISPLAY_NAME:
      return g_strdup (self->client_process_display_name);
    case LIAISON_COLUMN_FIRST_DETECTED:
      return self->first_detected == LIAISON_TIME_NONE ? NULL : liaison_time_dup_string (self->first_detected);
    case LIAISON_COLUMN_LAST_DETECTED:
      return self->last_detected == LIAISON_TIME_NONE ? NULL : liaison_time_dup_string (self->last_detected);
    case LIAISON_COLUMN_SOURCE:
      return g_strdup (self->source);
    case LIAISON_N_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * liaison_communication_validate_field:
 * @column: which field
 * @text: what the user typed
 * @error: return location for a #LIAISON_ERROR_INVALID error whose message
 *   is one line a form can show under the field
 *
 * Checks one field of the add and edit forms. Optional fields accept an
 * empty value; required ones (addresses, port, protocol) do not.
 */
gboolean
liaison_communication_validate_field (LiaisonColumn   column,
                                      const char     *text,
                                      GError        **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  switch (column)
    {
    case LIAISON_COLUMN_CLIENT_IP:
    case LIAISON_COLUMN_LISTENER_IP:
      {
        LiaisonAddress address;

        if (*stripped == '\0')
          {
            g_set_error_literal (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                                 column == LIAISON_COLUMN_CLIENT_IP ? _("a client IP address is required")
                                                                    : _("a listener IP address is required"));
            return FALSE;
          }
        if (!liaison_address_parse (stripped, -1, &address) || liaison_address_is_any (&address))
          {
            g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                         _("“%s” is not an IP address"), text);
            return FALSE;
          }
        return TRUE;
      }

    case LIAISON_COLUMN_PORT:
      {
        guint64 port = 0;
        const char *p;

        if (*stripped == '\0')
          {
            g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID, _("a port is required"));
            return FALSE;
          }
        for (p = stripped; *p != '\0'; p++)
          if (!g_ascii_isdigit (*p))
            {
              g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                           _("port “%s” is not a number"), text);
              return FALSE;
            }
        if (strlen (stripped) > 6 || (port = g_ascii_strtoull (stripped, NULL, 10)) < 1 || port > 65535)
          {
            g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                         _("port “%s” is not between 1 and 65535"), text);
            return FALSE;
          }
        return TRUE;
      }

    case LIAISON_COLUMN_PROTOCOL:
      {
        LiaisonProtocol protocol;

        if (!liaison_protocol_from_string (stripped, &protocol))
          {
            g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                         _("protocol “%s” is not tcp or udp"), text != NULL ? text : "");
            return FALSE;
          }
        return TRUE;
      }

    case LIAISON_COLUMN_CLIENT_DEVICE:
    case LIAISON_COLUMN_LISTENER_DEVICE:
    case LIAISON_COLUMN_CLIENT_PROCESS_NAME:
    case LIAISON_COLUMN_CLIENT_PROCESS_DISPLAY_NAME:
      if (text != NULL && !g_utf8_validate (text, -1, NULL))
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID, _("the text is not valid UTF-8"));
          return FALSE;
        }
      if (text != NULL && strlen (text) > 1024)
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                       _("the text is too long (%zu bytes, at most 1024)"), strlen (text));
          return FALSE;
        }
      return TRUE;

    case LIAISON_COLUMN_ID:
    case LIAISON_COLUMN_FIRST_DETECTED:
    case LIAISON_COLUMN_LAST_DETECTED:
    case LIAISON_COLUMN_SOURCE:
    case LIAISON_N_COLUMNS:
    default:
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                   _("%s cannot be changed"), liaison_column_to_string (column));
      return FALSE;
    }
}
