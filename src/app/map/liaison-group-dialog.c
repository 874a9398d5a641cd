/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-group-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-map-page-parts.h"
#include "liaison-job.h"
#include "liaison-store-groups.h"
#include "liaison-toast.h"

/*
 * Groups… and Add to Group…: the user groups of map.md 1, made and edited
 * here. Each group is an expander row with its name (rename it in place),
 * its members (each with a button that takes it out), a row to add a device
 * or an address, and a button that removes the group. Opened from a node,
 * the dialog first offers to put the node's members into a group, an
 * existing one or a new one, and closes when that is done. Every change is
 * one transaction of the store, made in a worker with the groups read after
 * it, one at a time; the dialog's store then tells the map to redraw. A refused
 * change (a member in another group already, a name that is a device)
 * shows the store's reason and changes nothing.
 */

struct _LiaisonGroupDialog
{
  AdwWindow     parent_instance;

  LiaisonStore *store;
  GtkWidget    *notify;          /* the widget to toast near when done */
  GStrv         adding;          /* members to add, or NULL */
  GPtrArray    *rows;            /* rows added to the groups' lists */
  gboolean      busy;            /* a worker makes a change */

  GtkWidget    *toast_overlay;
  GtkWidget    *page;
  GtkWidget    *add_group;
  GtkWidget    *new_group_row;
  GtkWidget    *groups_group;
  GtkWidget    *create_row;
};

G_DEFINE_FINAL_TYPE (LiaisonGroupDialog, liaison_group_dialog, ADW_TYPE_WINDOW)

static void
show_error (LiaisonGroupDialog *self,
            const GError       *error)
{
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toast_overlay), adw_toast_new (error->message));
}

static char *
members_text (const char * const *members)
{
  g_autofree char *joined = g_strjoinv (", ", (char **) members);
  guint n = g_strv_length ((char **) members);

  if (n <= 3)
    return g_steal_pointer (&joined);
  /* TRANSLATORS: the first member, then how many others */
  return g_strdup_printf (ngettext ("%s and %u other", "%s and %u others", n - 1), members[0], n - 1);
}

/* Changes, in a worker ------------------------------------------------------------ */

typedef enum
{
  CHANGE_NONE,    /* only the groups read */
  CHANGE_ADD,
  CHANGE_RENAME,
  CHANGE_REMOVE,
} ChangeKind;

/* A change of the groups, then the groups as they are, read in a worker
 * (a server's take round trips, team.md 3). */
typedef struct
{
  ChangeKind  kind;
  char       *group;
  char       *name;       /* the new name of a rename */
  GStrv       members;    /* added or taken out; NULL: none added, or the whole group removed */
  gboolean    closes;     /* the dialog closes once done, reading nothing */
  gboolean    changed;    /* the change was made */
  GPtrArray  *groups;     /* as they are after it */
} Change;

static void
change_free (Change *change)
{
  g_free (change->group);
  g_free (change->name);
  g_strfreev (change->members);
  g_clear_pointer (&change->groups, g_ptr_array_unref);
  g_free (change);
}

static gboolean
change_job (LiaisonStore  *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Change *change = data;
  const char * const *members = (const char * const *) change->members;

  switch (change->kind)
    {
    case CHANGE_ADD:
      change->changed = liaison_store_group_add (store, change->group, members, error);
      break;
    case CHANGE_RENAME:
      change->changed = liaison_store_group_rename (store, change->group, change->name, error);
      break;
    case CHANGE_REMOVE:
      change->changed = liaison_store_group_remove (store, change->group, members, error);
      break;
    case CHANGE_NONE:
    default:
      change->changed = TRUE;
      break;
    }
  if (!change->changed || change->closes)
    return change->changed;

  change->groups = liaison_store_list_groups (store, error);
  return change->groups != NULL;
}

static void show_groups (LiaisonGroupDialog *self,
                         GPtrArray          *groups);

static void
on_changed (gpointer      source,
            gpointer      data,
            const GError *error)
{
  LiaisonGroupDialog *self = source;
  Change *change = data;

  self->busy = FALSE;
  gtk_widget_set_sensitive (self->page, TRUE);
  /* The map draws again: the dialog's store saw no write of its own. */
  if (change->kind != CHANGE_NONE && change->changed)
    liaison_store_changed (self->store);
  if (error != NULL)
    {
      show_error (self, error);
      return;
    }

  if (change->closes)
    {
      g_autofree char *members = members_text ((const char * const *) change->members);
      g_autofree char *title = NULL;

      /* TRANSLATORS: a toast: "web01 added to shop" */
      title = g_strdup_printf (_("%s added to %s"), members, change->group);
      if (self->notify != NULL)
        liaison_toast_add (self->notify, adw_toast_new (title));
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (change->kind == CHANGE_ADD && change->members == NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->create_row), "");
  show_groups (self, change->groups);
}

/* Makes @change, then shows the groups; one change at a time, so that
 * none is made twice. Takes @change. */
static void
run_change (LiaisonGroupDialog *self,
            Change             *change)
{
  if (self->busy)
    {
      change_free (change);
      return;
    }
  /* The rows wait meanwhile: they show the groups as they were. */
  self->busy = TRUE;
  gtk_widget_set_sensitive (self->page, FALSE);
  liaison_job_run (self, liaison_job_connection_kept (self->store), change_job, change, (GDestroyNotify) change_free,
                        NULL, on_changed);
}

static Change *
change_new (ChangeKind          kind,
            const char         *group,
            const char * const *members)
{
  Change *change = g_new0 (Change, 1);

  change->kind = kind;
  change->group = g_strdup (group);
  change->members = g_strdupv ((char **) members);
  return change;
}

static void
refresh (LiaisonGroupDialog *self)
{
  run_change (self, change_new (CHANGE_NONE, NULL, NULL));
}

/* Adding the node's members ------------------------------------------------------ */

static void
add_to (LiaisonGroupDialog *self,
        const char         *group)
{
  Change *change = change_new (CHANGE_ADD, group, (const char * const *) self->adding);

  change->closes = TRUE;
  run_change (self, change);
}

static void
existing_group_activated_cb (LiaisonGroupDialog *self,
                             AdwActionRow       *row)
{
  add_to (self, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
}

static void
new_group_apply_cb (LiaisonGroupDialog *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_group_row))));

  if (*name != '\0')
    add_to (self, name);
}

/* Editing ----------------------------------------------------------------------- */

static void
create_apply_cb (LiaisonGroupDialog *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->create_row))));

  if (*name != '\0')
    run_change (self, change_new (CHANGE_ADD, name, NULL));
}

static const char *
row_group (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "group");
}

static void
rename_apply_cb (LiaisonGroupDialog *self,
                 AdwEntryRow        *row)
{
  Change *change = change_new (CHANGE_RENAME, row_group (GTK_WIDGET (row)), NULL);

  change->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
  run_change (self, change);
}

static void
add_member_apply_cb (LiaisonGroupDialog *self,
                     AdwEntryRow        *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  const char *members[] = { text, NULL };

  if (*text != '\0')
    run_change (self, change_new (CHANGE_ADD, row_group (GTK_WIDGET (row)), members));
}

static void
remove_member_clicked_cb (LiaisonGroupDialog *self,
                          GtkButton          *button)
{
  const char *members[] = { g_object_get_data (G_OBJECT (button), "member"), NULL };

  run_change (self, change_new (CHANGE_REMOVE, row_group (GTK_WIDGET (button)), members));
}

static void
remove_group_clicked_cb (LiaisonGroupDialog *self,
                         GtkButton          *button)
{
  run_change (self, change_new (CHANGE_REMOVE, row_group (GTK_WIDGET (button)), NULL));
}

static void
tag (gpointer    object,
     const char *group)
{
  g_object_set_data_full (G_OBJECT (object), "group", g_strdup (group), g_free);
}

static GtkWidget *
member_row (LiaisonGroupDialog *self,
            const char         *group,
            const char         *member)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  g_autofree char *label = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), member);
  /* TRANSLATORS: a button's accessible name: "Remove web01 from shop" */
  label = g_strdup_printf (_("Remove %s from %s"), member, group);
  gtk_widget_set_tooltip_text (remove, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  tag (remove, group);
  g_object_set_data_full (G_OBJECT (remove), "member", g_strdup (member), g_free);
  g_signal_connect_swapped (remove, "clicked", G_CALLBACK (remove_member_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static GtkWidget *
group_row (LiaisonGroupDialog *self,
           const LiaisonGroup *group)
{
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *name = adw_entry_row_new ();
  GtkWidget *add = adw_entry_row_new ();
  GtkWidget *remove_row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_with_mnemonic (_("_Remove Group"));
  g_autoptr(GPtrArray) members = g_ptr_array_new ();
  g_autofree char *subtitle = NULL;

  for (guint i = 0; group->devices[i] != NULL; i++)
    g_ptr_array_add (members, group->devices[i]);
  for (guint i = 0; group->addresses[i] != NULL; i++)
    g_ptr_array_add (members, group->addresses[i]);
  g_ptr_array_add (members, NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), group->name);
  subtitle = members->len > 1 ? members_text ((const char * const *) members->pdata) : g_strdup (_("No members"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name), _("Name"));
  gtk_editable_set_text (GTK_EDITABLE (name), group->name);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (name), TRUE);
  tag (name, group->name);
  g_signal_connect_swapped (name, "apply", G_CALLBACK (rename_apply_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), name);

  for (guint i = 0; i + 1 < members->len; i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                              member_row (self, group->name, g_ptr_array_index (members, i)));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add), _("Add a device or an address"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (add), TRUE);
  tag (add, group->name);
  g_signal_connect_swapped (add, "apply", G_CALLBACK (add_member_apply_cb), self);
  g_signal_connect_swapped (add, "entry-activated", G_CALLBACK (add_member_apply_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), add);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "destructive-action");
  tag (remove, group->name);
  g_signal_connect_swapped (remove, "clicked", G_CALLBACK (remove_group_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (remove_row), remove);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), remove_row);
  return expander;
}

/* The groups as they are, in place of those shown. */
static void
show_groups (LiaisonGroupDialog *self,
             GPtrArray          *groups)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP)),
                                    row);
    }
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < groups->len; i++)
    {
      LiaisonGroup *group = g_ptr_array_index (groups, i);
      GtkWidget *row;

      row = group_row (self, group);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->groups_group), row);
      g_ptr_array_add (self->rows, row);

      if (self->adding != NULL)
        {
          row = adw_action_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), group->name);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("list-add-symbolic"));
          g_signal_connect_swapped (row, "activated", G_CALLBACK (existing_group_activated_cb), self);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->add_group), row);
          g_ptr_array_add (self->rows, row);
        }
    }
}

/* Object ------------------------------------------------------------------------- */

static void
liaison_group_dialog_dispose (GObject *object)
{
  LiaisonGroupDialog *self = LIAISON_GROUP_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->notify);
  g_clear_pointer (&self->adding, g_strfreev);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (liaison_group_dialog_parent_class)->dispose (object);
}

static void
liaison_group_dialog_class_init (LiaisonGroupDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_group_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/liaison/Liaison/map/liaison-group-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonGroupDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LiaisonGroupDialog, page);
  gtk_widget_class_bind_template_child (widget_class, LiaisonGroupDialog, add_group);
  gtk_widget_class_bind_template_child (widget_class, LiaisonGroupDialog, new_group_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonGroupDialog, groups_group);
  gtk_widget_class_bind_template_child (widget_class, LiaisonGroupDialog, create_row);
  gtk_widget_class_bind_template_callback (widget_class, new_group_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, create_apply_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
liaison_group_dialog_init (LiaisonGroupDialog *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * liaison_group_dialog_new:
 * @widget: the widget that asked: the dialog is modal to its window, and
 *   "added" shows as a toast near it
 * @store: the database
 * @adding: (nullable) (array zero-terminated=1): devices and addresses to
 *   put into a group; %NULL to edit the groups
 */
GtkWidget *
liaison_group_dialog_new (GtkWidget          *widget,
                          LiaisonStore       *store,
                          const char * const *adding)
{
  LiaisonGroupDialog *self;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);

  self = g_object_new (LIAISON_TYPE_GROUP_DIALOG,
                       "transient-for", gtk_widget_get_ancestor (widget, GTK_TYPE_WINDOW),
                       NULL);
  self->store = g_object_ref (store);
  self->notify = g_object_ref (widget);
  if (adding != NULL && adding[0] != NULL)
    {
      g_autofree char *members = members_text (adding);
      g_autofree char *title = NULL;

      self->adding = g_strdupv ((char **) adding);
      /* TRANSLATORS: the title of the dialog's first part: "Add web01 to a group" */
      title = g_strdup_printf (_("Add %s to a group"), members);
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->add_group), title);
      gtk_window_set_title (GTK_WINDOW (self), _("Add to Group"));
      gtk_widget_set_visible (self->add_group, TRUE);
      gtk_widget_set_visible (self->create_row, FALSE);
    }
  refresh (self);
  return GTK_WIDGET (self);
}
