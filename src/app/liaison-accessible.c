/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-accessible"

#include "config.h"

#include "liaison-accessible.h"

static GtkLabel *
find_label (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *label = GTK_IS_LABEL (child) ? GTK_LABEL (child) : find_label (child);

      if (label != NULL)
        return label;
    }
  return NULL;
}

/**
 * liaison_accessible_name_mnemonic_buttons:
 *
 * GTK 4.8 gives a button whose label has a mnemonic the raw label and the
 * text as its accessible name, so a screen reader says "underscore Save
 * Save". The buttons under @root are named after their text alone.
 */
void
liaison_accessible_name_mnemonic_buttons (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root))
    {
      GtkLabel *label = find_label (root);

      if (label != NULL && gtk_label_get_use_underline (label))
        gtk_accessible_update_property (GTK_ACCESSIBLE (root),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, gtk_label_get_text (label),
                                        -1);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    liaison_accessible_name_mnemonic_buttons (child);
}
