/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-device-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-device-completion.h"
#include "liaison-device-dialog.h"
#include "liaison-toast.h"

/*
 * Set Client Device… and Set Listener Device…: one device name for many
 * service communications at once, offered from the devices the database
 * knows. An empty name clears the device.
 */

typedef struct
{
  GtkWidget     *widget;
  LiaisonStore  *store;
  GArray        *ids;
  LiaisonColumn  column;
  GtkWidget     *entry;
} SetDevice;

static void
set_device_free (SetDevice *data)
{
  g_clear_object (&data->widget);
  g_clear_object (&data->store);
  g_clear_pointer (&data->ids, g_array_unref);
  g_free (data);
}

static void
on_response (AdwMessageDialog *dialog,
             const char       *response,
             SetDevice        *data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *device = NULL;
  g_autofree char *title = NULL;

  if (g_strcmp0 (response, "set") != 0)
    return;

  device = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (data->entry))));

  if (!liaison_store_set_devices (data->store,
                                  (const gint64 *) (gpointer) data->ids->data, data->ids->len,
                                  data->column,
                                  *device != '\0' ? device : NULL,
                                  &error))
    {
      liaison_toast_add_error (data->widget, error);
      return;
    }

  if (data->column == LIAISON_COLUMN_CLIENT_DEVICE)
    title = g_strdup_printf (ngettext ("Client device set for %u communication",
                                       "Client device set for %u communications",
                                       data->ids->len), data->ids->len);
  else
    title = g_strdup_printf (ngettext ("Listener device set for %u communication",
                                       "Listener device set for %u communications",
                                       data->ids->len), data->ids->len);
  liaison_toast_add (data->widget, adw_toast_new (title));
}

/**
 * liaison_device_dialog_present:
 * @widget: the widget that asked: the dialog is modal to its window and
 *   the outcome shows as a toast near it
 * @store: the database
 * @ids: the service communications to set the device of
 * @column: %LIAISON_COLUMN_CLIENT_DEVICE or %LIAISON_COLUMN_LISTENER_DEVICE
 *
 * Asks for the device name and sets it.
 */
void
liaison_device_dialog_present (GtkWidget     *widget,
                               LiaisonStore  *store,
                               GArray        *ids,
                               LiaisonColumn  column)
{
  gboolean client = column == LIAISON_COLUMN_CLIENT_DEVICE;
  g_auto(GStrv) names = NULL;
  g_autofree char *body = NULL;
  SetDevice *data;
  GtkWidget *dialog;
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (LIAISON_IS_STORE (store));
  g_return_if_fail (ids != NULL);
  g_return_if_fail (client || column == LIAISON_COLUMN_LISTENER_DEVICE);

  if (ids->len == 0)
    return;

  data = g_new0 (SetDevice, 1);
  data->widget = g_object_ref (widget);
  data->store = g_object_ref (store);
  data->ids = g_array_ref (ids);
  data->column = column;

  if (client)
    body = g_strdup_printf (ngettext ("The client device of the selected communication. Leave it empty to clear it.",
                                      "The client device of the %u selected communications. Leave it empty to clear it.",
                                      data->ids->len), data->ids->len);
  else
    body = g_strdup_printf (ngettext ("The listener device of the selected communication. Leave it empty to clear it.",
                                      "The listener device of the %u selected communications. Leave it empty to clear it.",
                                      data->ids->len), data->ids->len);

  root = gtk_widget_get_root (widget);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   client ? _("Set Client Device") : _("Set Listener Device"),
                                   body);

  data->entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (data->entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (data->entry), _("Device name"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  client ? _("Client Device") : _("Listener Device"),
                                  -1);
  names = liaison_store_list_devices (store, NULL);
  liaison_device_completion_attach (data->entry, (const char * const *) names);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), data->entry);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "set", _("_Set Device"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "set",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "set");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_signal_connect_data (dialog, "response", G_CALLBACK (on_response),
                         data, (GClosureNotify) (void (*) (void)) set_device_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
