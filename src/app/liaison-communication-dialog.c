/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-communication-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-communication-dialog-private.h"
#include "liaison-device-dialog.h"
#include "liaison-error.h"
#include "liaison-format.h"
#include "liaison-job.h"
#include "liaison-question.h"

/*
 * The form to add a service communication, or to edit one (the same form,
 * filled in, with a Delete button): two boxed lists of entry rows. Each
 * field is checked as it is typed, by the core's own rules; Save is
 * sensitive only when the whole form is valid. Why a field is wrong shows
 * under its list, in a space kept for it, so that the form does not move
 * while the user types. An edit sends only the fields the user changed, so
 * that what was not touched stays free for later imports to fill in.
 *
 * Cancel closes the form. Escape (or closing the window) on a form with
 * something typed in asks first whether to discard it; Escape while device
 * names are suggested only closes the suggestions.
 */

/* The two lists of the form. */
enum {
  GROUP_CONNECTION,
  GROUP_DEVICES,
  N_GROUPS
};

typedef struct
{
  LiaisonColumn  column;
  const char    *label;
  guint          group;
  gboolean       required;
} FieldInfo;

static const FieldInfo field_infos[] = {
  { LIAISON_COLUMN_CLIENT_IP, N_("Client IP Address"), GROUP_CONNECTION, TRUE },
  { LIAISON_COLUMN_LISTENER_IP, N_("Listener IP Address"), GROUP_CONNECTION, TRUE },
  { LIAISON_COLUMN_PORT, N_("Port"), GROUP_CONNECTION, TRUE },
  { LIAISON_COLUMN_PROTOCOL, N_("Protocol"), GROUP_CONNECTION, TRUE },
  { LIAISON_COLUMN_CLIENT_DEVICE, N_("Client Device"), GROUP_DEVICES, FALSE },
  { LIAISON_COLUMN_LISTENER_DEVICE, N_("Listener Device"), GROUP_DEVICES, FALSE },
  { LIAISON_COLUMN_CLIENT_PROCESS_DISPLAY_NAME, N_("Client Process Display Name"), GROUP_DEVICES, FALSE },
  { LIAISON_COLUMN_CLIENT_PROCESS_NAME, N_("Client Process Name"), GROUP_DEVICES, FALSE },
};

/* What a list's message space says while no field of it is wrong. */
static const char *group_hints[N_GROUPS] = {
  N_("IPv4 or IPv6 addresses, such as 192.0.2.10; a port from 1 to 65535."),
  N_("Known device names are suggested as you type."),
};

typedef struct
{
  const FieldInfo *info;
  GtkWidget       *entry;      /* an AdwEntryRow, or the AdwComboRow of the protocol */
  GtkWidget       *name;       /* the field's name before its reason */
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
  GtkWidget            *connection_group;
  GtkWidget            *devices_group;

  /* Under each list: its hint, or why its fields are wrong. The refused
   * save is said under the connection's list. */
  GtkWidget            *hints[N_GROUPS];
  GtkWidget            *message_label;

  Field                 fields[G_N_ELEMENTS (field_infos)];
  gboolean              filling;
  gboolean              discarding;      /* the user chose to lose what was typed */
  gboolean              saving;          /* a worker writes the form */
  GtkWidget            *discard_dialog;  /* weak */
  GtkWidget            *conflict_dialog; /* weak */
  LiaisonCommunication *current;         /* the row as someone else left it, during the question */
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
  if (ADW_IS_COMBO_ROW (field->entry))
    return protocols[MIN (adw_combo_row_get_selected (ADW_COMBO_ROW (field->entry)), 1)];

  return gtk_editable_get_text (GTK_EDITABLE (field->entry));
}

/* What a screen reader reads of a field: the row's text, or the row. */
static GtkAccessible *
field_accessible (Field *field)
{
  if (GTK_IS_EDITABLE (field->entry))
    return GTK_ACCESSIBLE (gtk_editable_get_delegate (GTK_EDITABLE (field->entry)));

  return GTK_ACCESSIBLE (field->entry);
}

static gboolean
field_changed (Field *field)
{
  return g_strcmp0 (field_get_text (field), field->original) != 0;
}

/* A list's hint shows while nothing under it says what is wrong. */
static void
update_hints (LiaisonCommunicationDialog *self)
{
  gboolean said[N_GROUPS] = { gtk_widget_get_visible (self->message_label), FALSE };

  for (guint i = 0; i < G_N_ELEMENTS (self->fields); i++)
    said[self->fields[i].info->group] |= gtk_widget_get_visible (self->fields[i].reason);

  for (guint g = 0; g < N_GROUPS; g++)
    gtk_widget_set_visible (self->hints[g], !said[g]);
}

static void
show_message (LiaisonCommunicationDialog *self,
              const char                 *message)
{
  if (message != NULL)
    gtk_label_set_text (GTK_LABEL (self->message_label), message);
  gtk_widget_set_visible (self->message_label, message != NULL);
  update_hints (self);
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
      gtk_accessible_update_state (field_accessible (field),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_widget_remove_css_class (field->entry, "error");
      gtk_accessible_reset_state (field_accessible (field), GTK_ACCESSIBLE_STATE_INVALID);
    }
  gtk_widget_set_visible (field->reason, reason != NULL);
  gtk_widget_set_visible (field->name, reason != NULL);

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
                            valid && (self->communication == NULL || changed) && !self->saving);
  update_hints (self);
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

/* The space under a list for its hint and for what is wrong with its
 * fields, kept whether or not anything is said in it. */
static GtkWidget *
add_message_space (GtkWidget  *group,
                   const char *hint)
{
  GtkWidget *space = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label;

  gtk_widget_add_css_class (space, "liaison-form-messages");
  label = g_object_new (GTK_TYPE_LABEL,
                        "label", hint,
                        "xalign", 0.0f,
                        "wrap", TRUE,
                        "wrap-mode", PANGO_WRAP_WORD_CHAR,
                        "css-classes", (const char *[]) { "caption", "dim-label", NULL },
                        NULL);
  gtk_box_append (GTK_BOX (space), label);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), space);

  return label;
}

static GtkWidget *
new_reason_label (void)
{
  return g_object_new (GTK_TYPE_LABEL,
                       "xalign", 0.0f,
                       "wrap", TRUE,
                       "wrap-mode", PANGO_WRAP_WORD_CHAR,
                       "visible", FALSE,
                       "css-classes", (const char *[]) { "caption", "liaison-field-reason", NULL },
                       NULL);
}

static void
build_form (LiaisonCommunicationDialog *self)
{
  GtkWidget *groups[N_GROUPS] = { self->connection_group, self->devices_group };
  GtkWidget *spaces[N_GROUPS];

  for (guint g = 0; g < N_GROUPS; g++)
    {
      self->hints[g] = add_message_space (groups[g], _(group_hints[g]));
      spaces[g] = gtk_widget_get_parent (self->hints[g]);
    }

  /* A refused save, first under the connection's list. */
  self->message_label = new_reason_label ();
  gtk_widget_add_css_class (self->message_label, "liaison-form-message");
  gtk_label_set_selectable (GTK_LABEL (self->message_label), TRUE);
  gtk_box_prepend (GTK_BOX (spaces[GROUP_CONNECTION]), self->message_label);

  for (guint i = 0; i < G_N_ELEMENTS (field_infos); i++)
    {
      const FieldInfo *info = &field_infos[i];
      Field *field = &self->fields[i];
      GtkWidget *line;

      field->info = info;

      if (info->column == LIAISON_COLUMN_PROTOCOL)
        {
          const char *names[] = { _("TCP"), _("UDP"), NULL };
          g_autoptr(GtkStringList) model = gtk_string_list_new (names);

          field->entry = adw_combo_row_new ();
          adw_combo_row_set_model (ADW_COMBO_ROW (field->entry), G_LIST_MODEL (model));
          g_signal_connect_object (field->entry, "notify::selected",
                                   G_CALLBACK (on_entry_changed), self, G_CONNECT_SWAPPED);
        }
      else
        {
          field->entry = adw_entry_row_new ();
          adw_entry_row_set_activates_default (ADW_ENTRY_ROW (field->entry), TRUE);
          if (info->column == LIAISON_COLUMN_PORT)
            adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (field->entry), GTK_INPUT_PURPOSE_DIGITS);
          if (info->column == LIAISON_COLUMN_CLIENT_DEVICE ||
              info->column == LIAISON_COLUMN_LISTENER_DEVICE)
            liaison_device_entry_offer_devices (field->entry, self->store);
          g_signal_connect_object (field->entry, "changed",
                                   G_CALLBACK (on_entry_changed), self, G_CONNECT_SWAPPED);
        }

      /* The row's title names the field, to a screen reader too. */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->entry), _(info->label));
      if (info->required)
        gtk_accessible_update_property (field_accessible (field),
                                        GTK_ACCESSIBLE_PROPERTY_REQUIRED, TRUE,
                                        -1);

      /* The field's name, then why it is wrong, in the order of the
       * fields, before the hint. */
      line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      field->name = g_object_new (GTK_TYPE_LABEL,
                                  "label", _(info->label),
                                  "xalign", 0.0f,
                                  "valign", GTK_ALIGN_START,
                                  "visible", FALSE,
                                  "css-classes", (const char *[]) { "caption-heading", "liaison-field-reason", NULL },
                                  NULL);
      field->reason = new_reason_label ();
      gtk_widget_set_hexpand (field->reason, TRUE);
      gtk_box_append (GTK_BOX (line), field->name);
      gtk_box_append (GTK_BOX (line), field->reason);
      gtk_box_insert_child_after (GTK_BOX (spaces[info->group]), line,
                                  gtk_widget_get_prev_sibling (self->hints[info->group]));
      gtk_accessible_update_relation (field_accessible (field),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, field->reason, NULL,
                                      -1);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (groups[info->group]), field->entry);
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

      if (ADW_IS_COMBO_ROW (field->entry))
        adw_combo_row_set_selected (ADW_COMBO_ROW (field->entry),
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

static gboolean destroy_later (gpointer user_data);

static char *
form_text (gpointer      dialog,
           LiaisonColumn column)
{
  return g_strdup (field_get_text (get_field (dialog, column)));
}

static char *
describe_form (LiaisonCommunicationDialog *self)
{
  return liaison_format_communication_fields (form_text, self);
}

static gboolean
save_later (gpointer user_data)
{
  liaison_communication_dialog_save (user_data);
  return G_SOURCE_REMOVE;
}

static void
on_conflict_response (AdwMessageDialog           *dialog,
                      const char                 *response,
                      LiaisonCommunicationDialog *self)
{
  g_autoptr(LiaisonCommunication) current = g_steal_pointer (&self->current);

  if (g_strcmp0 (response, "theirs") == 0)
    {
      /* Theirs stays: the form closes without writing. */
      self->discarding = TRUE;
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      g_idle_add_full (G_PRIORITY_DEFAULT, destroy_later, g_object_ref (self), g_object_unref);
    }
  else if (g_strcmp0 (response, "mine") == 0 && current != NULL)
    {
      /* The fields this person changed, over the row as it is now; once
       * the question, which is over the form, has closed. */
      g_set_object (&self->communication, current);
      g_idle_add_full (G_PRIORITY_DEFAULT, save_later, g_object_ref (self), g_object_unref);
    }
}

/* Someone else changed the row since the form opened: both versions, and
 * the person chooses (team.md 3), never a silent last write. */
static void
ask_conflict (LiaisonCommunicationDialog *self,
              LiaisonCommunication       *current)
{
  g_autofree char *theirs = liaison_format_communication (current);
  g_autofree char *mine = describe_form (self);
  g_autofree char *body = g_strdup_printf (_("Someone else changed this service communication after you opened it.\n\n"
                                             "Now: %s\nYours: %s\n\n"
                                             "Keeping yours writes the fields you changed over theirs."),
                                           theirs, mine);
  GtkWidget *dialog = liaison_question_new (GTK_WIDGET (self), _("Changed Meanwhile"), body, ADW_RESPONSE_SUGGESTED,
                                            "back", _("_Go Back"),
                                            "theirs", _("_Take Theirs"),
                                            "mine", _("_Keep Mine"),
                                            NULL);

  g_set_object (&self->current, current);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_conflict_response), self, 0);

  g_set_weak_pointer (&self->conflict_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A save, in a worker: the form's values copied, and what came of it. */
typedef struct
{
  char                 *values[8];     /* owned; what input points to */
  LiaisonCommunicationInput input;
  LiaisonCommunication *seen;          /* the row as the form opened on it; NULL when adding */
  LiaisonCommunication *current;       /* the row as someone else left it, on a conflict */
  gint64                id;            /* the row saved */
} Save;

static void
save_free (Save *save)
{
  for (guint i = 0; i < G_N_ELEMENTS (save->values); i++)
    g_free (save->values[i]);
  g_clear_object (&save->seen);
  g_clear_object (&save->current);
  g_free (save);
}

static gboolean
save_job (LiaisonStore  *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Save *save = data;

  if (save->seen == NULL)
    {
      save->id = liaison_store_add_communication (store, &save->input, error);
      return save->id > 0;
    }

  save->id = liaison_communication_get_id (save->seen);
  return liaison_store_edit_communication_seen (store, save->seen, &save->input, &save->current, error);
}

static void
on_saved (gpointer      source,
          gpointer      data,
          const GError *error)
{
  LiaisonCommunicationDialog *self = source;
  Save *save = data;
  gboolean saved = error == NULL;

  self->saving = FALSE;
  if (saved)
    /* The list reads again: the window's store saw no write of its own. */
    liaison_store_changed (self->store);
  if (self->discarding)
    return;

  if (g_error_matches (error, LIAISON_ERROR, LIAISON_ERROR_CONFLICT) && save->current != NULL)
    {
      validate (self);
      ask_conflict (self, save->current);
      return;
    }
  if (!saved)
    {
      /* The form stays with what was typed, and says why. */
      show_message (self, error != NULL ? error->message : _("The service communication could not be saved"));
      gtk_widget_set_sensitive (self->save_button, FALSE);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, save->id);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Saves the form in a worker (a server's take round trips, team.md 3);
 * Save waits meanwhile, so that the row is not written twice. */
void
liaison_communication_dialog_save (LiaisonCommunicationDialog *self)
{
  const LiaisonColumn columns[] = {
    LIAISON_COLUMN_CLIENT_IP, LIAISON_COLUMN_LISTENER_IP, LIAISON_COLUMN_PORT, LIAISON_COLUMN_PROTOCOL,
    LIAISON_COLUMN_CLIENT_DEVICE, LIAISON_COLUMN_LISTENER_DEVICE,
    LIAISON_COLUMN_CLIENT_PROCESS_NAME, LIAISON_COLUMN_CLIENT_PROCESS_DISPLAY_NAME,
  };
  Save *save;

  g_return_if_fail (LIAISON_IS_COMMUNICATION_DIALOG (self));
  G_STATIC_ASSERT (G_N_ELEMENTS (columns) == G_N_ELEMENTS (save->values));

  if (!gtk_widget_get_sensitive (self->save_button) || self->saving)
    return;

  save = g_new0 (Save, 1);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    save->values[i] = g_strdup (input_value (self, columns[i]));
  /* A new row always says its protocol. */
  if (self->communication == NULL)
    {
      g_free (save->values[3]);
      save->values[3] = g_strdup (field_get_text (get_field (self, LIAISON_COLUMN_PROTOCOL)));
    }
  save->input = (LiaisonCommunicationInput) {
    save->values[0], save->values[1], save->values[2], save->values[3],
    save->values[4], save->values[5], save->values[6], save->values[7],
  };
  if (self->communication != NULL)
    save->seen = g_object_ref (self->communication);

  self->saving = TRUE;
  show_message (self, NULL);
  gtk_widget_set_sensitive (self->save_button, FALSE);
  liaison_job_run (self, liaison_job_connection_kept (self->store), save_job, save, (GDestroyNotify) save_free,
                   NULL, on_saved);
}

static void
on_save_clicked (LiaisonCommunicationDialog *self)
{
  liaison_communication_dialog_save (self);
}

static void
on_cancel_clicked (LiaisonCommunicationDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Whether the form holds anything the user typed. */
static gboolean
is_dirty (LiaisonCommunicationDialog *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->fields); i++)
    if (field_changed (&self->fields[i]))
      return TRUE;

  return FALSE;
}

static gboolean
destroy_later (gpointer user_data)
{
  gtk_window_destroy (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
on_discard_response (AdwMessageDialog           *dialog,
                     const char                 *response,
                     LiaisonCommunicationDialog *self)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;

  /* Once the question, which is over the form, has closed. */
  self->discarding = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_idle_add_full (G_PRIORITY_DEFAULT, destroy_later, g_object_ref (self), g_object_unref);
}

/* Asks whether to lose what was typed, as closing an unsaved document does. */
static void
ask_discard (LiaisonCommunicationDialog *self)
{
  gboolean adding = self->communication == NULL;
  GtkWidget *dialog;

  if (self->discard_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->discard_dialog));
      return;
    }

  dialog = liaison_question_new (GTK_WIDGET (self),
                                 adding ? _("Discard the New Service Communication?") : _("Discard Your Changes?"),
                                 adding ? _("What you typed in the form will be lost.")
                                        : _("The changes you made to this service communication will be lost."),
                                 ADW_RESPONSE_DESTRUCTIVE,
                                 "keep", _("_Keep Editing"),
                                 "discard", _("_Discard"),
                                 NULL);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response), self, 0);

  g_set_weak_pointer (&self->discard_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Escape, Ctrl+W or the window's close: a form with something typed in
 * asks first. */
static gboolean
liaison_communication_dialog_close_request (GtkWindow *window)
{
  LiaisonCommunicationDialog *self = LIAISON_COMMUNICATION_DIALOG (window);

  if (!self->discarding && is_dirty (self))
    {
      ask_discard (self);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (liaison_communication_dialog_parent_class)->close_request (window);
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

  if (self->discard_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->discard_dialog));
  g_clear_weak_pointer (&self->discard_dialog);
  g_clear_object (&self->store);
  g_clear_object (&self->communication);
  g_clear_object (&self->current);
  g_clear_weak_pointer (&self->conflict_dialog);

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
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = liaison_communication_dialog_dispose;
  object_class->finalize = liaison_communication_dialog_finalize;
  window_class->close_request = liaison_communication_dialog_close_request;

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
  gtk_widget_class_bind_template_child (widget_class, LiaisonCommunicationDialog, connection_group);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCommunicationDialog, devices_group);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
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
  gtk_window_set_focus (GTK_WINDOW (self),
                        GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self->fields[0].entry))));
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

AdwComboRow *
liaison_communication_dialog_get_protocol (LiaisonCommunicationDialog *self)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATION_DIALOG (self), NULL);

  return ADW_COMBO_ROW (get_field (self, LIAISON_COLUMN_PROTOCOL)->entry);
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

/* The question of a save that met someone else's change, while it is open. */
GtkWidget *
liaison_communication_dialog_get_conflict_dialog (LiaisonCommunicationDialog *self)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATION_DIALOG (self), NULL);

  return self->conflict_dialog;
}

/* The message shown under the connection (a refused save), or %NULL. */
const char *
liaison_communication_dialog_get_message (LiaisonCommunicationDialog *self)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATION_DIALOG (self), NULL);

  if (!gtk_widget_get_visible (self->message_label))
    return NULL;

  return gtk_label_get_text (GTK_LABEL (self->message_label));
}
