/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "statistics-widgets.h"

/**
 * find_widget:
 * @name: (nullable): the widget name to match, or %NULL for any
 *
 * Returns: (nullable): the first widget at or below @root, depth first,
 *   of @type and @name
 */
GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (name == NULL || g_strcmp0 (gtk_widget_get_name (root), name) == 0))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
frame_painted (GdkFrameClock *clock,
               gboolean      *painted)
{
  *painted = TRUE;
}

/**
 * wait_for_frame:
 *
 * Runs the main loop until @widget's window has been laid out and drawn
 * once more, as a user sees it (at most 5 s), then what that left to do.
 * Nothing when @widget is in no window yet.
 */
void
wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  gboolean painted = FALSE;
  gulong id;

  if (clock == NULL)
    return;
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (frame_painted), &painted);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_LAYOUT);
  while (!painted && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}
