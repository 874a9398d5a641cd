/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "liaison-time.h"

G_BEGIN_DECLS

/**
 * LiaisonColumn:
 *
 * The columns of a service communication, in the order of
 * `liaison-cli list --format csv`'s header.
 */
typedef enum
{
  LIAISON_COLUMN_ID,
  LIAISON_COLUMN_CLIENT_IP,
  LIAISON_COLUMN_CLIENT_DEVICE,
  LIAISON_COLUMN_LISTENER_IP,
  LIAISON_COLUMN_LISTENER_DEVICE,
  LIAISON_COLUMN_PORT,
  LIAISON_COLUMN_PROTOCOL,
  LIAISON_COLUMN_CLIENT_PROCESS_NAME,
  LIAISON_COLUMN_CLIENT_PROCESS_DISPLAY_NAME,
  LIAISON_COLUMN_FIRST_DETECTED,
  LIAISON_COLUMN_LAST_DETECTED,
  LIAISON_COLUMN_SOURCE,
  LIAISON_N_COLUMNS
} LiaisonColumn;

const char *liaison_column_to_string   (LiaisonColumn  column);
gboolean    liaison_column_from_string (const char    *text,
                                        LiaisonColumn *out);

#define LIAISON_TYPE_COMMUNICATION (liaison_communication_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonCommunication, liaison_communication, LIAISON, COMMUNICATION, GObject)

gint64       liaison_communication_get_id                          (LiaisonCommunication *self);
const char  *liaison_communication_get_client_ip                   (LiaisonCommunication *self);
const char  *liaison_communication_get_client_device               (LiaisonCommunication *self);
const char  *liaison_communication_get_listener_ip                 (LiaisonCommunication *self);
const char  *liaison_communication_get_listener_device             (LiaisonCommunication *self);
guint        liaison_communication_get_port                        (LiaisonCommunication *self);
const char  *liaison_communication_get_protocol                    (LiaisonCommunication *self);
const char  *liaison_communication_get_client_process_name         (LiaisonCommunication *self);
const char  *liaison_communication_get_client_process_display_name (LiaisonCommunication *self);
LiaisonTime  liaison_communication_get_first_detected              (LiaisonCommunication *self);
LiaisonTime  liaison_communication_get_last_detected               (LiaisonCommunication *self);
const char  *liaison_communication_get_source                      (LiaisonCommunication *self);
char        *liaison_communication_dup_column_text                 (LiaisonCommunication *self,
                                                                    LiaisonColumn         column);

/*
 * What a user gives to add or edit a service communication, as text. A NULL
 * field is not given (edit leaves it as it is); for the optional fields an
 * empty string clears the value.
 */
typedef struct
{
  const char *client_ip;
  const char *listener_ip;
  const char *port;
  const char *protocol;
  const char *client_device;
  const char *listener_device;
  const char *client_process_name;
  const char *client_process_display_name;
} LiaisonCommunicationInput;

gboolean liaison_communication_validate_field (LiaisonColumn   column,
                                               const char     *text,
                                               GError        **error);

G_END_DECLS
