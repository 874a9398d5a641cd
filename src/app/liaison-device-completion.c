/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-device-completion"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-device-completion-private.h"

/*
 * Known device names, suggested under an entry as the user types one: the
 * names that begin with what was typed, in a popover that leaves the
 * keyboard in the entry. Down and Up choose a suggestion, Enter or a click
 * takes it; Escape closes the suggestions and nothing else, so that the
 * dialog the entry is in stays open with what was typed. The suggestions
 * close when the entry loses the focus.
 *
 * GtkEntryCompletion (GTK 4.8) cannot serve an AdwEntryRow, and its popup
 * takes the keyboard: an Escape meant for it closed the dialog.
 */

/* Suggestions shown at most. */
#define MAX_SUGGESTIONS 8

typedef struct
{
  GtkWidget  *entry;      /* the entry it serves; not a reference */
  GtkWidget  *popover;
  GtkWidget  *list;
  char      **names;
  gboolean    taking;     /* the entry's text is being set to a suggestion */
} Completion;

static G_DEFINE_QUARK (liaison-device-completion, completion)

static void
completion_free (Completion *completion)
{
  g_clear_pointer (&completion->names, g_strfreev);
  g_free (completion);
}

static gboolean
is_open (Completion *completion)
{
  return gtk_widget_get_visible (completion->popover);
}

static void
close_suggestions (Completion *completion)
{
  if (is_open (completion))
    gtk_popover_popdown (GTK_POPOVER (completion->popover));
}

static void
take (Completion    *completion,
      GtkListBoxRow *row)
{
  GtkWidget *label = gtk_list_box_row_get_child (row);
  const char *name = gtk_label_get_label (GTK_LABEL (label));

  completion->taking = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (completion->entry), name);
  gtk_editable_set_position (GTK_EDITABLE (completion->entry), -1);
  completion->taking = FALSE;
  close_suggestions (completion);
}

/* The names that begin with what was typed (case does not matter), but are
 * not exactly it. */
static guint
fill_suggestions (Completion *completion,
                  const char *text)
{
  g_autofree char *typed = g_utf8_casefold (text, -1);
  GtkWidget *child;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (completion->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (completion->list), child);

  for (guint i = 0; completion->names[i] != NULL && n < MAX_SUGGESTIONS; i++)
    {
      g_autofree char *name = g_utf8_casefold (completion->names[i], -1);
      GtkWidget *label;

      if (!g_str_has_prefix (name, typed) || g_str_equal (name, typed))
        continue;

      label = g_object_new (GTK_TYPE_LABEL,
                            "label", completion->names[i],
                            "xalign", 0.0f,
                            "ellipsize", PANGO_ELLIPSIZE_END,
                            "margin-start", 6,
                            "margin-end", 6,
                            "margin-top", 6,
                            "margin-bottom", 6,
                            NULL);
      gtk_list_box_append (GTK_LIST_BOX (completion->list), label);
      /* The keyboard stays in the entry. */
      gtk_widget_set_focusable (gtk_widget_get_parent (label), FALSE);
      n++;
    }

  return n;
}

static void
on_text_changed (Completion *completion)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (completion->entry));

  if (completion->taking)
    return;

  if (*text == '\0' ||
      !gtk_widget_has_focus (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (completion->entry)))) ||
      fill_suggestions (completion, text) == 0)
    {
      close_suggestions (completion);
      return;
    }

  gtk_widget_set_size_request (completion->list, gtk_widget_get_width (completion->entry), -1);
  if (!is_open (completion))
    gtk_popover_popup (GTK_POPOVER (completion->popover));
}

static void
move_selection (Completion *completion,
                int         step)
{
  GtkListBox *list = GTK_LIST_BOX (completion->list);
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (list);
  int n = 0;
  int index;

  for (GtkWidget *child = gtk_widget_get_first_child (completion->list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  if (n == 0)
    return;

  if (selected == NULL)
    index = step > 0 ? 0 : n - 1;
  else
    index = (gtk_list_box_row_get_index (selected) + step + n) % n;

  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, index));
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                Completion            *completion)
{
  GtkListBoxRow *selected;

  if (!is_open (completion))
    return FALSE;

  selected = gtk_list_box_get_selected_row (GTK_LIST_BOX (completion->list));

  switch (keyval)
    {
    case GDK_KEY_Escape:
      close_suggestions (completion);
      return TRUE;

    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_selection (completion, 1);
      return TRUE;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_selection (completion, -1);
      return TRUE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (selected == NULL)
        return FALSE;
      take (completion, selected);
      return TRUE;

    case GDK_KEY_Tab:
      if (selected != NULL)
        take (completion, selected);
      return FALSE;

    default:
      return FALSE;
    }
}

static void
on_row_activated (Completion    *completion,
                  GtkListBoxRow *row)
{
  take (completion, row);
}

static void
on_focus_leave (Completion *completion)
{
  close_suggestions (completion);
}

static void
on_entry_destroy (GtkWidget  *entry,
                  Completion *completion)
{
  g_clear_pointer (&completion->popover, gtk_widget_unparent);
}

/**
 * liaison_device_completion_attach:
 * @entry: a #GtkEditable widget: a #GtkEntry or an #AdwEntryRow
 * @names: the known device names, in the order to suggest them
 *
 * Suggests @names under @entry as the user types, for as long as @entry lives.
 */
void
liaison_device_completion_attach (GtkWidget          *entry,
                                  const char * const *names)
{
  Completion *completion;
  GtkEventController *controller;

  g_return_if_fail (GTK_IS_EDITABLE (entry));
  g_return_if_fail (g_object_get_qdata (G_OBJECT (entry), completion_quark ()) == NULL);

  completion = g_new0 (Completion, 1);
  completion->entry = entry;
  completion->names = g_strdupv ((char **) names);
  if (completion->names == NULL)
    completion->names = g_new0 (char *, 1);

  completion->list = gtk_list_box_new ();
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (completion->list), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (completion->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Known devices"),
                                  -1);
  g_signal_connect_swapped (completion->list, "row-activated", G_CALLBACK (on_row_activated), completion);

  completion->popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (completion->popover), completion->list);
  gtk_popover_set_autohide (GTK_POPOVER (completion->popover), FALSE);
  gtk_popover_set_has_arrow (GTK_POPOVER (completion->popover), FALSE);
  gtk_popover_set_position (GTK_POPOVER (completion->popover), GTK_POS_BOTTOM);
  gtk_widget_add_css_class (completion->popover, "menu");
  gtk_widget_set_halign (completion->popover, GTK_ALIGN_START);
  gtk_widget_set_parent (completion->popover, entry);

  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_AUTOCOMPLETE, GTK_ACCESSIBLE_AUTOCOMPLETE_LIST,
                                  GTK_ACCESSIBLE_PROPERTY_HAS_POPUP, TRUE,
                                  -1);

  /* Before the entry and the dialog see the keys. */
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), completion);
  gtk_widget_add_controller (entry, controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_focus_leave), completion);
  gtk_widget_add_controller (entry, controller);

  g_signal_connect_swapped (entry, "changed", G_CALLBACK (on_text_changed), completion);
  g_signal_connect (entry, "destroy", G_CALLBACK (on_entry_destroy), completion);
  g_object_set_qdata_full (G_OBJECT (entry), completion_quark (), completion,
                           (GDestroyNotify) completion_free);

  /* The names came after something was typed: suggest at once. */
  if (*gtk_editable_get_text (GTK_EDITABLE (entry)) != '\0')
    on_text_changed (completion);
}

/**
 * liaison_device_completion_get_popover:
 *
 * Returns: (transfer none) (nullable): the suggestions of @entry
 */
GtkPopover *
liaison_device_completion_get_popover (GtkWidget *entry)
{
  Completion *completion = g_object_get_qdata (G_OBJECT (entry), completion_quark ());

  return completion != NULL && completion->popover != NULL ? GTK_POPOVER (completion->popover) : NULL;
}

/**
 * liaison_device_completion_get_suggestions:
 *
 * Returns: (transfer full): the names suggested now under @entry, in order
 */
GStrv
liaison_device_completion_get_suggestions (GtkWidget *entry)
{
  Completion *completion = g_object_get_qdata (G_OBJECT (entry), completion_quark ());
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (completion != NULL && completion->popover != NULL && is_open (completion))
    for (GtkWidget *row = gtk_widget_get_first_child (completion->list); row != NULL;
         row = gtk_widget_get_next_sibling (row))
      g_strv_builder_add (builder, gtk_label_get_label (GTK_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)))));

  return g_strv_builder_end (builder);
}
