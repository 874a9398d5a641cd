/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-window-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-communications-page-private.h"
#include "liaison-file-choice.h"
#include "liaison-hosts-window.h"
#include "liaison-local-file.h"
#include "liaison-sample-host.h"
#include "liaison-statistics-page.h"
#include "liaison-toast.h"
#include "liaison-watch-bar.h"
#include "liaison-window-private.h"

/*
 * The window's actions (win.*): what the header bar, the main menu and the
 * Communications page's empty state ask of the whole window. What acts on
 * one page is that page's own action, with its own keys: Ctrl+F and Ctrl+E
 * act on the page in view (see liaison-communications-page-actions.c).
 */

/* Brings the Communications page into view, for what is asked of it. */
static LiaisonCommunicationsPage *
show_communications_page (LiaisonWindow *self)
{
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->stack), "communications");
  return LIAISON_COMMUNICATIONS_PAGE (self->communications_page);
}

static void
add_activated (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  liaison_communications_page_add (show_communications_page (user_data));
}

/* Import Samples… */

static void
import_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  LiaisonWindow *self = user_data;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) samples = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import Samples"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);

  gtk_file_filter_set_name (samples, _("Netstat and netflow samples"));
  gtk_file_filter_add_mime_type (samples, "text/plain");
  gtk_file_filter_add_mime_type (samples, "text/csv");
  gtk_file_filter_add_mime_type (samples, "application/json");
  gtk_file_filter_add_mime_type (samples, "application/gzip");
  /* nfcapd files by name: every binary file is application/octet-stream
   * too, and a packet capture (.pcap) is not a sample Liaison reads. */
  gtk_file_filter_add_pattern (samples, "nfcapd.*");
  /* Zeek conn.log (rotated: conn.00:00:00-01:00:00.log.gz), AWS VPC Flow Logs (*.log.gz) */
  gtk_file_filter_add_pattern (samples, "*.gz");
  /* ss, netstat, lsof, PowerShell's Export-Csv / ConvertTo-Json, /proc/net copies */
  gtk_file_filter_add_pattern (samples, "*.txt");
  gtk_file_filter_add_pattern (samples, "*.out");
  gtk_file_filter_add_pattern (samples, "*.log");
  gtk_file_filter_add_pattern (samples, "*.csv");
  gtk_file_filter_add_pattern (samples, "*.json");
  gtk_file_filter_add_pattern (samples, "tcp");
  gtk_file_filter_add_pattern (samples, "tcp6");
  gtk_file_filter_add_pattern (samples, "udp");
  gtk_file_filter_add_pattern (samples, "udp6");
  liaison_local_file_add_filters (GTK_FILE_CHOOSER (chooser), samples);

  liaison_file_choice_show_files (chooser, (LiaisonFilesChosen) liaison_window_offer_import,
                                  g_object_ref (self), g_object_unref);
}

static void
sample_host_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  LiaisonWindow *self = user_data;

  liaison_sample_host (self->stack, self->host_sampler, action);
}

/* Hosts…: one window for this computer and the remote hosts. */
static void
hosts_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  LiaisonWindow *self = user_data;

  if (self->hosts_window == NULL)
    g_set_weak_pointer (&self->hosts_window,
                        GTK_WINDOW (liaison_hosts_window_new (GTK_WINDOW (self), self->host_sampler,
                                                              self->ssh_sampler, self->settings)));
  gtk_window_present (self->hosts_window);
}

/* Watch Folder…: a folder chosen through the portal, watched while the
 * window is open. */
static void
on_watch_folder_chosen (gpointer  user_data,
                        GFile    *folder)
{
  LiaisonWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!liaison_watch_bar_watch (LIAISON_WATCH_BAR (self->watch_bar), folder, self->store,
                                g_settings_get_uint (self->settings, "netflow-interval"), &error))
    liaison_toast_add_error (self->stack, error);
}

static void
watch_folder_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  LiaisonWindow *self = user_data;
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Watch a Collector’s Folder"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Watch"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  liaison_file_choice_show (chooser, on_watch_folder_chosen, g_object_ref (self), g_object_unref);
}

/* Export Statistics… and Export Listener Statistics…: one export, of the
 * whole page or of the listener it shows, told apart by the action's name. */
static void
export_statistics_activated (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  LiaisonWindow *self = user_data;
  gboolean listener = g_str_equal (g_action_get_name (G_ACTION (action)), "export-listener-statistics");

  liaison_statistics_page_export (self->statistics_page, GTK_WINDOW (self), listener);
}

/* Export All as CSV…, from the main menu: the Communications page's list. */
static void
export_all_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  gtk_widget_activate_action (GTK_WIDGET (show_communications_page (user_data)), "page.export-all", NULL);
}

/* Show Statistics, from a row of the Communications page. */
static void
show_statistics_activated (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  LiaisonWindow *self = user_data;
  const char *listener_ip, *protocol;
  guint port;

  g_variant_get (parameter, "(&su&s)", &listener_ip, &port, &protocol);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->stack), "statistics");
  liaison_statistics_page_show_listener (self->statistics_page, listener_ip, port, protocol);
}

/* Show Communications, from a node of the Map page: the list searched for it. */
static void
show_communications_activated (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  LiaisonCommunicationsPage *page = show_communications_page (user_data);

  g_object_set (page, "search-mode", TRUE, NULL);
  gtk_editable_set_text (GTK_EDITABLE (liaison_communications_page_get_search_entry (page)),
                         g_variant_get_string (parameter, NULL));
}

static const GActionEntry win_actions[] = {
  { "add", add_activated },
  { "import", import_activated },
  { "sample-host", sample_host_activated },
  { "hosts", hosts_activated },
  { "watch-folder", watch_folder_activated },
  { "export-statistics", export_statistics_activated },
  { "export-listener-statistics", export_statistics_activated },
  { "export-all", export_all_activated },
  { "show-statistics", show_statistics_activated, "(sus)" },
  { "show-communications", show_communications_activated, "s" },
};

void
liaison_window_actions_init (LiaisonWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions), self);
}
