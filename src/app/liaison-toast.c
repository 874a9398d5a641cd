/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-toast"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-toast.h"

/*
 * Toasts show where the work was asked for and where the user sees them:
 * on the nearest toast overlay above the widget that asked (the window's,
 * for its pages; a page's own, where it has one) that is on the screen. A
 * page the window hides (the Statistics page, exporting while the
 * Communications page shows) gives its toasts to the window's overlay. No
 * one needs to know which window that is.
 */

static GtkWidget *
overlay_above (GtkWidget *widget)
{
  return widget != NULL ? gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY) : NULL;
}

/**
 * liaison_toast_add:
 * @widget: the widget the toast is about
 * @toast: (transfer full): the toast
 *
 * Shows @toast on the nearest #AdwToastOverlay above @widget that is shown,
 * else on the nearest one (a window not shown yet). A widget that has left
 * its window (a page being replaced) has none: the toast is dropped.
 */
void
liaison_toast_add (GtkWidget *widget,
                   AdwToast  *toast)
{
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  overlay = overlay_above (widget);
  for (GtkWidget *shown = overlay; shown != NULL; shown = overlay_above (gtk_widget_get_parent (shown)))
    if (gtk_widget_get_mapped (shown))
      {
        overlay = shown;
        break;
      }

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (toast);
}

/* A toast that shows @text as it is: a toast's title is markup, and a
 * message may hold a server's URI, whose & is not. */
AdwToast *
liaison_toast_new_text (const char *text)
{
  g_autofree char *title = g_markup_escape_text (text, -1);

  return adw_toast_new (title);
}

/* Says what went wrong, before the toasts that wait. */
void
liaison_toast_add_error (GtkWidget    *widget,
                         const GError *error)
{
  AdwToast *toast;

  g_return_if_fail (error != NULL);

  toast = liaison_toast_new_text (error->message);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  liaison_toast_add (widget, toast);
}

/**
 * liaison_toast_add_export:
 * @widget: the widget that asked for the export
 * @error: (nullable): what went wrong, %NULL when the file was written
 * @file: where it was to be written
 *
 * Tells how an export's job went: its error, that it was cancelled and
 * wrote nothing, or the file it was written to.
 *
 * Returns: whether the file was written
 */
gboolean
liaison_toast_add_export (GtkWidget    *widget,
                          const GError *error,
                          GFile        *file)
{
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        liaison_toast_add (widget, adw_toast_new (_("Export cancelled: no file was written")));
      else
        liaison_toast_add_error (widget, error);
      return FALSE;
    }
  name = g_file_get_basename (file);
  /* Translators: %s is a file name */
  message = g_strdup_printf (_("Exported to “%s”"), name);
  liaison_toast_add (widget, adw_toast_new (message));
  return TRUE;
}
