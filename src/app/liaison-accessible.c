/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-accessible"

#include "config.h"

#include "liaison-accessible.h"

/*
 * GTK 4.8 names a button that has a text label twice: gtk_button_set_label()
 * sets the button's accessible label to the raw text ("_Save") and also
 * makes the button labelled by its label child ("Save"), and the name a
 * screen reader speaks joins both: "_Save Save", or "Cancel Cancel"
 * without a mnemonic. The label child alone names such a button once, as
 * it reads. This applies to every button in the application, those of its
 * own windows and those libadwaita makes (toasts, message dialogs, the
 * About window), whenever they show.
 */

static void
name_button_once (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) &&
      gtk_button_get_label (GTK_BUTTON (widget)) != NULL &&
      GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (widget))))
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/* Each button at or below @root, pages a window does not show yet (a
 * hidden stack page, a dialog's other page) too: a screen reader can list
 * them. */
static void
name_buttons (GtkWidget *root)
{
  name_button_once (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_buttons (child);
}

/* A window that shows: all of it; any other widget that shows (a toast's
 * button, a popover's, a list's): itself. */
static gboolean
on_map (GSignalInvocationHint *hint,
        guint                  n_values,
        const GValue          *values,
        gpointer               user_data)
{
  GtkWidget *widget = g_value_get_object (&values[0]);

  if (GTK_IS_WINDOW (widget))
    name_buttons (widget);
  else
    name_button_once (widget);

  return TRUE;
}

/**
 * liaison_accessible_init:
 *
 * From now on, every button with a text label is named once, by its label,
 * when it or its window shows. Call once, when the application starts.
 */
void
liaison_accessible_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      /* The signal exists once the class does. */
      gpointer widget_class = g_type_class_ref (GTK_TYPE_WIDGET);

      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0, on_map, NULL, NULL);
      g_type_class_unref (widget_class);
      g_once_init_leave (&done, 1);
    }
}
