/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-device-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-device-completion.h"
#include "liaison-device-dialog.h"
#include "liaison-job.h"
#include "liaison-meanwhile-dialog.h"
#include "liaison-question.h"
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
  GArray        *ids;       /* the rows chosen */
  GPtrArray     *shown;     /* each as the person saw it when they asked, or NULL */
  LiaisonColumn  column;
  GtkWidget     *entry;
  char          *device;    /* as typed, once set */
} SetDevice;

static void
set_device_clear (gpointer data)
{
  SetDevice *set = data;

  g_clear_object (&set->widget);
  g_clear_object (&set->store);
  g_clear_pointer (&set->ids, g_array_unref);
  g_clear_pointer (&set->shown, g_ptr_array_unref);
  g_clear_pointer (&set->device, g_free);
}

static void
set_device_release (gpointer data)
{
  g_rc_box_release_full (data, set_device_clear);
}

static gboolean
set_device_write (LiaisonStore      *store,
                  GPtrArray         *seen,
                  LiaisonMeanwhile **meanwhile,
                  gpointer           user_data,
                  GError           **error)
{
  SetDevice *data = user_data;

  return liaison_store_set_devices_seen (store, seen, data->column,
                                         *data->device != '\0' ? data->device : NULL,
                                         meanwhile, error);
}

static void
set_device_done (GPtrArray        *seen,
                 guint             gone,
                 LiaisonMeanwhile *meanwhile,
                 gpointer          user_data)
{
  SetDevice *data = user_data;
  guint n = seen->len - meanwhile->gone->len;
  g_autofree char *done = NULL;
  g_autofree char *title = NULL;

  if (data->column == LIAISON_COLUMN_CLIENT_DEVICE)
    done = g_strdup_printf (ngettext ("Client device set for %u communication",
                                      "Client device set for %u communications", n), n);
  else
    done = g_strdup_printf (ngettext ("Listener device set for %u communication",
                                      "Listener device set for %u communications", n), n);
  title = liaison_meanwhile_done_title (done, gone + meanwhile->gone->len);
  liaison_toast_add (data->widget, adw_toast_new (title));
}

static void
on_response (AdwMessageDialog *dialog,
             const char       *response,
             SetDevice        *data)
{
  const LiaisonMeanwhileWords words = {
    _("Set the device of the changed ones as well, or leave them as they are now?"),
    _("_Leave Changed"),
    _("_Set Anyway"),
    FALSE,
  };

  if (g_strcmp0 (response, "set") != 0)
    return;

  g_free (data->device);
  data->device = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (data->entry))));
  liaison_meanwhile_write (data->widget, data->store, (const gint64 *) (gpointer) data->ids->data,
                           (LiaisonCommunication **) data->shown->pdata, data->ids->len,
                           &(LiaisonMeanwhileWrite) { words, set_device_write, set_device_done,
                                                      g_rc_box_acquire (data), set_device_release });
}

static gboolean
list_devices_job (LiaisonStore  *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  char ***names = data;

  *names = liaison_store_list_devices (store, error);
  return *names != NULL;
}

static void
free_names (gpointer data)
{
  char ***names = data;

  g_strfreev (*names);
  g_free (names);
}

/* The devices the database knows are offered once a worker has read them. */
static void
on_devices_listed (gpointer      source,
                   gpointer      data,
                   const GError *error)
{
  char ***names = data;

  if (error == NULL)
    {
      /* Not for a dialog closed meanwhile. */
      if (gtk_widget_get_root (GTK_WIDGET (source)) != NULL)
        liaison_device_completion_attach (GTK_WIDGET (source), (const char * const *) *names);
    }
  else
    g_warning ("Cannot list the known devices: %s", error->message);
}

/**
 * liaison_device_entry_offer_devices:
 * @entry: a device's entry
 * @store: the database
 *
 * Offers the devices @store knows as @entry's suggestions, once a worker
 * has read them (a server's take round trips, team.md 3).
 */
void
liaison_device_entry_offer_devices (GtkWidget    *entry,
                                    LiaisonStore *store)
{
  g_return_if_fail (GTK_IS_WIDGET (entry));
  g_return_if_fail (LIAISON_IS_STORE (store));

  liaison_job_run (entry, liaison_job_connection_kept (store), list_devices_job,
                   g_new0 (char **, 1), free_names, NULL, on_devices_listed);
}

/**
 * liaison_device_dialog_present:
 * @widget: the widget that asked: the dialog is modal to its window and
 *   the outcome shows as a toast near it
 * @store: the database
 * @ids: (array length=n): the service communications to set the device of
 * @shown: (array length=n): each as the person sees it, or %NULL where the
 *   list holds no object of it
 * @column: %LIAISON_COLUMN_CLIENT_DEVICE or %LIAISON_COLUMN_LISTENER_DEVICE
 *
 * Asks for the device name and sets it, in a worker; asks again what to do
 * with rows that someone else changed meanwhile (team.md 3).
 */
void
liaison_device_dialog_present (GtkWidget              *widget,
                               LiaisonStore           *store,
                               const gint64           *ids,
                               LiaisonCommunication  **shown,
                               guint                   n,
                               LiaisonColumn           column)
{
  gboolean client = column == LIAISON_COLUMN_CLIENT_DEVICE;
  g_autofree char *body = NULL;
  SetDevice *data;
  GtkWidget *dialog;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (LIAISON_IS_STORE (store));
  g_return_if_fail (n == 0 || (ids != NULL && shown != NULL));
  g_return_if_fail (client || column == LIAISON_COLUMN_LISTENER_DEVICE);

  if (n == 0)
    return;

  data = g_rc_box_new0 (SetDevice);
  data->widget = g_object_ref (widget);
  data->store = g_object_ref (store);
  data->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  g_array_append_vals (data->ids, ids, n);
  data->shown = liaison_meanwhile_hold_shown (shown, n);
  data->column = column;

  if (client)
    body = g_strdup_printf (ngettext ("The client device of the selected communication. Leave it empty to clear it.",
                                      "The client device of the %u selected communications. Leave it empty to clear it.",
                                      n), n);
  else
    body = g_strdup_printf (ngettext ("The listener device of the selected communication. Leave it empty to clear it.",
                                      "The listener device of the %u selected communications. Leave it empty to clear it.",
                                      n), n);

  dialog = liaison_question_new (widget, client ? _("Set Client Device") : _("Set Listener Device"), body,
                                 ADW_RESPONSE_SUGGESTED,
                                 "cancel", _("_Cancel"),
                                 "set", _("_Set Device"),
                                 NULL);
  /* Enter in the entry sets the device. */
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "set");

  data->entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (data->entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (data->entry), _("Device name"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  client ? _("Client Device") : _("Listener Device"),
                                  -1);
  liaison_device_entry_offer_devices (data->entry, store);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), data->entry);

  g_signal_connect_data (dialog, "response", G_CALLBACK (on_response),
                         data, (GClosureNotify) (void (*) (void)) set_device_release, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
