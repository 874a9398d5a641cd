/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-communication-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-communication-dialog-private.h"
#include "liaison-error.h"

/*
 * The form to add a service communication, or to edit one (the same form,
 * filled in, with a Delete button). Each field is checked as it is typed,
 * by the core's own rules; Save is sensitive only when the whole form is
 * valid. An edit sends only the fields the user changed, so that what was
 * not touched stays free for later imports to fill in.
 */

typedef struct
{
  LiaisonColumn  column;
  const char    *label;
  const char    *placeholder;
  gboolean       required;
} FieldInfo;

static const FieldInfo field_infos[] = {
  { LIAISON_COLUMN_CLIENT_IP, N_("Client IP Address"), N_("For example 192.0.2.10"), TRUE },
  { LIAISON_COLUMN_LISTENER_IP, N_("Listener IP Address"), N_("For example 192.0.2.20"), TRUE },
  { LIAISON_COLUMN_PORT, N_("Port"), N_("1 to 65535"), TRUE },
  { LIAISON_COLUMN_PROTOCOL, N_("Protocol"), NULL, TRUE },
  { LIAISON_COLUMN_CLIENT_DEVICE, N_("Client Device"), N_("Optional"), FALSE },
  { LIAISON_COLUMN_LISTENER_DEVICE, N_("Listener Device"), N_("Optional"), FALSE },
  { LIAISON_COLUMN_CLIENT_PROCESS_DISPLAY_NAME, N_("Client Process Display Name"), N_("Optional"), FALSE },
  { LIAISON_COLUMN_CLIENT_PROCESS_NAME, N_("Client Process Name"), N_("Optional"), FALSE },
};

typedef struct
{
  const FieldInfo *info;
  GtkWidget       *entry;      /* GtkEntry, or the GtkDropDown for the protocol */
  GtkWidget       *reason;
  char            *original;   /* the value when the form opened; "" when none */
  gboolean         touched;
} Field;

struct _LiaisonCommunicationDialog
{
  AdwWindow             parent_instance;

  LiaisonStore         *store;
  LiaisonCommunication *communication;   /* NULL when adding */

  GtkWidget            *save_button;
  GtkWidget            *delete_button;
  GtkWidget            *message_revealer;
  GtkWidget            *message_label;
  GtkWidget            *form_grid;

  Field                 fields[G_N_ELEMENTS (field_infos)];
  gboolean              filling;
};

G_DEFINE_FINAL_TYPE (LiaisonCommunicationDialog, liaison_communication_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  DELETE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *protocols[] = { "tcp", "udp" };

static Field *
get_field (LiaisonCommunicationDialog *self,
           LiaisonColumn               column)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->fields); i++)
    if (self->fields[i].info->column == column)
      return &self->fields[i];

  g_return_val_if_reached (NULL);
}

/* The current value of a field, as text for the core. */
static const char *
field_get_text (Field *field)
{
  if (GTK_IS_DROP_DOWN (field->entry))
    return protocols[MIN (gtk_drop_down_get_selected (GTK_DROP_DOWN (field->entry)), 1)];

  return gtk_editable_get_text (GTK_EDITABLE (field->entry));
}

static gboolean
field_changed (Field *field)
{
  return g_strcmp0 (field_get_text (field), field->original) != 0;
}

static void
show_message (LiaisonCommunicationDialog *self,
              const char                 *message)
{
  if (message != NULL)
    gtk_label_set_text (GTK_LABEL (self->message_label), message);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->message_revealer), message != NULL);
}

/* Checks one field; shows its reason when it is wrong. An empty required
 * field only complains once the user has been in it. */
static gboolean
validate_field (Field *field)
{
  g_autoptr(GError) error = NULL;
  const char *text = field_get_text (field);
  const char *reason = NULL;
  gboolean valid;

  if (*text == '\0')
    {
      valid = !field->info->required;
      if (!valid && field->touched)
        reason = _("This field is required");
    }
  else
    {
      valid = liaison_communication_validate_field (field->info->column, text, &error);
      if (!valid)
        reason = error->message;
    }

  if (reason != NULL)
    {
      gtk_label_set_text (GTK_LABEL (field->reason), reason);
      gtk_widget_add_css_class (field->entry, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (field->entry),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_widget_remove_css_class (field->entry, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (field->entry), GTK_ACCESSIBLE_STATE_INVALID);
    }
  gtk_widget_set_visible (field->reason, reason != NULL);

  return valid;
}

static void
validate (LiaisonCommunicationDialog *self)
{
  gboolean valid = TRUE;
  gboolean changed = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (self->fields); i++)
    {
      valid &= validate_field (&self->fields[i]);
      changed |= field_changed (&self->fields[i]);
    }

  gtk_widget_set_sensitive (self->save_button,
                            valid && (self->communication == NULL || changed));
}

static void
on_entry_changed (LiaisonCommunicationDialog *self,
                  GtkWidget                  *entry)
{
  if (self->filling)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (self->fields); i++)
    if (self->fields[i].entry == entry)
      self->fields[i].touched = TRUE;

  show_message (self, NULL);
  validate (self);
}

static void
add_completion (LiaisonCommunicationDialog *self,
                GtkWidget                  *entry,
                GtkListStore               *devices)
{
  g_autoptr(GtkEntryCompletion) completion = gtk_entry_completion_new ();

  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (devices));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_minimum_key_length (completion, 1);
  gtk_entry_completion_set_inline_completion (completion, FALSE);
  gtk_entry_completion_set_popup_single_match (completion, TRUE);
  gtk_entry_set_completion (GTK_ENTRY (entry), completion);
}

static GtkListStore *
load_devices (LiaisonCommunicationDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = liaison_store_list_devices (self->store, &error);
  GtkListStore *store = gtk_list_store_new (1, G_TYPE_STRING);

  if (names == NULL)
    {
      g_warning ("Cannot list the known devices: %s", error->message);
      return store;
    }

  for (guint i = 0; names[i] != NULL; i++)
    gtk_list_store_insert_with_values (store, NULL, -1, 0, names[i], -1);

  return store;
}

static void
add_heading (GtkGrid    *grid,
             const char *text,
             int         row)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_bottom (label, 6);
  if (row > 0)
    gtk_widget_set_margin_top (label, 18);
  gtk_grid_attach (grid, label, 0, row, 2, 1);
}

static void
build_form (LiaisonCommunicationDialog *self)
{
  g_autoptr(GtkListStore) devices = load_devices (self);
  GtkGrid *grid = GTK_GRID (self->form_grid);
  int row = 0;

  for (guint i = 0; i < G_N_ELEMENTS (field_infos); i++)
    {
      const FieldInfo *info = &field_infos[i];
      Field *field = &self->fields[i];
      GtkWidget *label;

      field->info = info;

      if (i == 0)
        add_heading (grid, _("Connection"), row++);
      else if (info->required != field_infos[i - 1].required)
        add_heading (grid, _("Devices and Process"), row++);

      label = gtk_label_new (_(info->label));
      gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (label, "dim-label");

      if (info->column == LIAISON_COLUMN_PROTOCOL)
        {
          const char *names[] = { _("TCP"), _("UDP"), NULL };

          field->entry = gtk_drop_down_new_from_strings (names);
          gtk_widget_set_halign (field->entry, GTK_ALIGN_START);
          g_signal_connect_object (field->entry, "notify::selected",
                                   G_CALLBACK (on_entry_changed), self, G_CONNECT_SWAPPED);
        }
      else
        {
          field->entry = gtk_entry_new ();
          gtk_entry_set_activates_default (GTK_ENTRY (field->entry), TRUE);
          gtk_widget_set_hexpand (field->entry, TRUE);
          if (info->placeholder != NULL)
            gtk_entry_set_placeholder_text (GTK_ENTRY (field->entry), _(info->placeholder));
          if (info->column == LIAISON_COLUMN_PORT)
            {
              gtk_entry_set_input_purpose (GTK_ENTRY (field->entry), GTK_INPUT_PURPOSE_DIGITS);
              gtk_editable_set_width_chars (GTK_EDITABLE (field->entry), 8);
              gtk_widget_set_hexpand (field->entry, FALSE);
              gtk_widget_set_halign (field->entry, GTK_ALIGN_START);
            }
          if (info->column == LIAISON_COLUMN_CLIENT_DEVICE ||
              info->column == LIAISON_COLUMN_LISTENER_DEVICE)
            add_completion (self, field->entry, devices);
          g_signal_connect_object (field->entry, "changed",
                                   G_CALLBACK (on_entry_changed), self, G_CONNECT_SWAPPED);
        }

      /* Every entry is named exactly as its label reads. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (field->entry),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(info->label),
                                      -1);
      if (info->required)
        gtk_accessible_update_property (GTK_ACCESSIBLE (field->entry),
                                        GTK_ACCESSIBLE_PROPERTY_REQUIRED, TRUE,
                                        -1);

      field->reason = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (field->reason), 0.0f);
      gtk_label_set_wrap (GTK_LABEL (field->reason), TRUE);
      gtk_widget_add_css_class (field->reason, "liaison-field-reason");
      gtk_widget_add_css_class (field->reason, "caption");
      gtk_widget_set_visible (field->reason, FALSE);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (field->entry),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, field->reason, NULL,
                                      -1);

      gtk_grid_attach (grid, label, 0, row, 1, 1);
      gtk_grid_attach (grid, field->entry, 1, row, 1, 1);
      gtk_grid_attach (grid, field->reason, 1, row + 1, 1, 1);
      row += 2;
    }
}

static void
fill_form (LiaisonCommunicationDialog *self)
{
  self->filling = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (self->fields); i++)
    {
      Field *field = &self->fields[i];
      g_autofree char *text = NULL;

      if (self->communication != NULL)
        text = liaison_communication_dup_column_text (self->communication, field->info->column);
      if (text == NULL)
        text = g_strdup (field->info->column == LIAISON_COLUMN_PROTOCOL ? "tcp" : "");

      if (GTK_IS_DROP_DOWN (field->entry))
        gtk_drop_down_set_selected (GTK_DROP_DOWN (field->entry),
                                    g_ascii_strcasecmp (text, "udp") == 0 ? 1 : 0);
      else
        gtk_editable_set_text (GTK_EDITABLE (field->entry), text);

      field->original = g_strdup (field_get_text (field));
    }

  self->filling = FALSE;
}

/* The value to send: NULL leaves a field as it is (edit) or unset (add). */
static const char *
input_value (LiaisonCommunicationDialog *self,
             LiaisonColumn               column)
{
  Field *field = get_field (self, column);
  const char *text = field_get_text (field);

  if (self->communication != NULL)
    return field_changed (field) ? text : NULL;

  return *text != '\0' ? text : NULL;
}

void
liaison_communication_dialog_save (LiaisonCommunicationDialog *self)
{
  LiaisonCommunicationInput input = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_return_if_fail (LIAISON_IS_COMMUNICATION_DIALOG (self));

  if (!gtk_widget_get_sensitive (self->save_button))
    return;

  input.client_ip = input_value (self, LIAISON_COLUMN_CLIENT_IP);
  input.listener_ip = input_value (self, LIAISON_COLUMN_LISTENER_IP);
  input.port = input_value (self, LIAISON_COLUMN_PORT);
  input.protocol = input_value (self, LIAISON_COLUMN_PROTOCOL);
  input.client_device = input_value (self, LIAISON_COLUMN_CLIENT_DEVICE);
  input.listener_device = input_value (self, LIAISON_COLUMN_LISTENER_DEVICE);
  input.client_process_name = input_value (self, LIAISON_COLUMN_CLIENT_PROCESS_NAME);
  input.client_process_display_name = input_value (self, LIAISON_COLUMN_CLIENT_PROCESS_DISPLAY_NAME);

  if (self->communication == NULL)
    {
      /* A new row always says its protocol. */
      input.protocol = field_get_text (get_field (self, LIAISON_COLUMN_PROTOCOL));
      id = liaison_store_add_communication (self->store, &input, &error);
    }
  else
    {
      id = liaison_communication_get_id (self->communication);
      if (!liaison_store_edit_communication (self->store, id, &input, &error))
        id = 0;
    }

  if (id <= 0)
    {
      show_message (self, error != NULL ? error->message : _("The service communication could not be saved"));
      gtk_widget_set_sensitive (self->save_button, FALSE);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_save_clicked (LiaisonCommunicationDialog *self)
{
  liaison_communication_dialog_save (self);
}

static void
on_delete_clicked (LiaisonCommunicationDialog *self)
{
  g_object_ref (self);
  g_signal_emit (self, signals[DELETE_REQUESTED], 0,
                 liaison_communication_get_id (self->communication));
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
liaison_communication_dialog_dispose (GObject *object)
{
  LiaisonCommunicationDialog *self = (LiaisonCommunicationDialog *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->communication);

  G_OBJECT_CLASS (liaison_communication_dialog_parent_class)->dispose (object);
}

static void
liaison_communication_dialog_finalize (GObject *object)
{
  LiaisonCommunicationDialog *self = (LiaisonCommunicationDialog *)object;

  for (guint i = 0; i < G_N_ELEMENTS (self->fields); i++)
    g_clear_pointer (&self->fields[i].original, g_free);

  G_OBJECT_CLASS (liaison_communication_dialog_parent_class)->finalize (object);
}

static void
liaison_communication_dialog_class_init (LiaisonCommunicationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_communication_dialog_dispose;
  object_class->finalize = liaison_communication_dialog_finalize;

  /**
   * LiaisonCommunicationDialog::saved:
   * @id: the row added or changed
   */
  signals[SAVED] = g_signal_new ("saved",
                                 G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * LiaisonCommunicationDialog::delete-requested:
   * @id: the row the user asked to delete; the dialog closes itself
   */
  signals[DELETE_REQUESTED] = g_signal_new ("delete-requested",
                                            G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/liaison/Liaison/liaison-communication-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonCommunicationDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCommunicationDialog, delete_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCommunicationDialog, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCommunicationDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCommunicationDialog, form_grid);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
liaison_communication_dialog_init (LiaisonCommunicationDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * liaison_communication_dialog_new:
 * @communication: (nullable): the row to edit, or %NULL to add one
 */
LiaisonCommunicationDialog *
liaison_communication_dialog_new (GtkWindow            *parent,
                                  LiaisonStore         *store,
                                  LiaisonCommunication *communication)
{
  LiaisonCommunicationDialog *self;

  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  g_return_val_if_fail (!communication || LIAISON_IS_COMMUNICATION (communication), NULL);

  self = g_object_new (LIAISON_TYPE_COMMUNICATION_DIALOG,
                       "transient-for", parent,
                       "title", communication != NULL ? _("Edit Service Communication")
                                                      : _("Add Service Communication"),
                       NULL);
  self->store = g_object_ref (store);
  g_set_object (&self->communication, communication);

  build_form (self);
  fill_form (self);
  gtk_widget_set_visible (self->delete_button, communication != NULL);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);
  gtk_window_set_focus (GTK_WINDOW (self), self->fields[0].entry);
  validate (self);

  return self;
}

gint64
liaison_communication_dialog_get_id (LiaisonCommunicationDialog *self)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATION_DIALOG (self), 0);

  return self->communication != NULL ? liaison_communication_get_id (self->communication) : 0;
}

GtkEditable *
liaison_communication_dialog_get_entry (LiaisonCommunicationDialog *self,
                                        LiaisonColumn               column)
{
  Field *field;

  g_return_val_if_fail (LIAISON_IS_COMMUNICATION_DIALOG (self), NULL);
  g_return_val_if_fail (column != LIAISON_COLUMN_PROTOCOL, NULL);

  field = get_field (self, column);
  return field != NULL ? GTK_EDITABLE (field->entry) : NULL;
}

GtkLabel *
liaison_communication_dialog_get_reason_label (LiaisonCommunicationDialog *self,
                                               LiaisonColumn               column)
{
  Field *field;

  g_return_val_if_fail (LIAISON_IS_COMMUNICATION_DIALOG (self), NULL);

  field = get_field (self, column);
  return field != NULL ? GTK_LABEL (field->reason) : NULL;
}

GtkDropDown *
liaison_communication_dialog_get_protocol (LiaisonCommunicationDialog *self)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATION_DIALOG (self), NULL);

  return GTK_DROP_DOWN (get_field (self, LIAISON_COLUMN_PROTOCOL)->entry);
}

GtkWidget *
liaison_communication_dialog_get_save_button (LiaisonCommunicationDialog *self)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATION_DIALOG (self), NULL);

  return self->save_button;
}

GtkWidget *
liaison_communication_dialog_get_delete_button (LiaisonCommunicationDialog *self)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATION_DIALOG (self), NULL);

  return self->delete_button;
}

/* The message shown above the form (a refused save), or %NULL. */
const char *
liaison_communication_dialog_get_message (LiaisonCommunicationDialog *self)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATION_DIALOG (self), NULL);

  if (!gtk_revealer_get_reveal_child (GTK_REVEALER (self->message_revealer)))
    return NULL;

  return gtk_label_get_text (GTK_LABEL (self->message_label));
}
