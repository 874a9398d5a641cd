/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-loading-window"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-application-private.h"
#include "liaison-store-server.h"
#include "liaison-window.h"

/*
 * What shows while a team's server is connected to at start-up (team.md 3:
 * the main thread never waits on it): the main window's size, a spinner,
 * and where the data lives. The main window takes its place once the
 * database is open.
 */

struct _LiaisonLoadingWindow
{
  AdwApplicationWindow parent_instance;
};

G_DEFINE_FINAL_TYPE (LiaisonLoadingWindow, liaison_loading_window, ADW_TYPE_APPLICATION_WINDOW)

static void
liaison_loading_window_class_init (LiaisonLoadingWindowClass *klass)
{
}

static void
liaison_loading_window_init (LiaisonLoadingWindow *self)
{
}

/**
 * liaison_loading_window_new:
 * @path: the database being opened (a URI may hold a password: it is not shown)
 *
 * Returns: (transfer none): a window of the main window's size saying that
 *   @path is being opened
 */
LiaisonLoadingWindow *
liaison_loading_window_new (GtkApplication *application,
                            GSettings      *settings,
                            const char     *path)
{
  g_autofree char *shown = liaison_store_uri_without_password (path, NULL);
  g_autofree char *escaped = g_markup_escape_text (shown, -1);
  LiaisonLoadingWindow *self;
  GtkWidget *box, *header, *status, *spinner;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (LIAISON_TYPE_LOADING_WINDOW, "application", application, "title", _("Liaison"), NULL);
  liaison_window_restore_state (GTK_WINDOW (self), settings);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (_("Liaison"), shown));
  gtk_box_append (GTK_BOX (box), header);

  spinner = gtk_spinner_new ();
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Connecting"), -1);

  status = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "network-server-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Connecting to the Team Server…"));
  /* The description is markup. */
  adw_status_page_set_description (ADW_STATUS_PAGE (status), escaped);
  adw_status_page_set_child (ADW_STATUS_PAGE (status), spinner);
  gtk_widget_set_vexpand (status, TRUE);
  gtk_box_append (GTK_BOX (box), status);

  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), box);
  return self;
}
