/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-compare-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-map-page-parts.h"
#include "liaison-job.h"

/*
 * Compare…: what changed between two time ranges (map.md 5), with the
 * filters of the page. Four times, then three ordinary lists that a screen
 * reader reads row by row: what is new, what is gone, and what was kept
 * with its persistence and flow events before and after where they can be
 * told. The comparison runs off the main thread; a time that does not
 * parse, or a range that is empty, is named in a toast and nothing runs.
 */

/* Rows of one list drawn at most; the rest are counted. */
#define MAX_ROWS 1000

struct _LiaisonCompareDialog
{
  AdwWindow         parent_instance;

  LiaisonStore     *store;
  LiaisonMapFilter  filter;           /* hide_ports is not used by the page */
  GCancellable     *cancellable;

  GtkWidget        *toast_overlay;
  GtkWidget        *entries[4];       /* before from, to; after from, to */
  GtkWidget        *spinner;
  GtkWidget        *groups[3];        /* by LiaisonCompareState */
  GtkWidget        *lists[3];
};

G_DEFINE_FINAL_TYPE (LiaisonCompareDialog, liaison_compare_dialog, ADW_TYPE_WINDOW)

typedef struct
{
  LiaisonMapFilter filter;
  LiaisonMapRange  ranges[2];
  GArray          *rows;
} CompareJob;

static void
compare_job_free (gpointer data)
{
  CompareJob *job = data;

  g_clear_pointer (&job->rows, g_array_unref);
  g_free (job);
}

static gboolean
compare_job (LiaisonStore  *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  CompareJob *job = data;

  job->rows = liaison_map_compare (store, &job->filter, &job->ranges[0], &job->ranges[1], cancellable, error);
  return job->rows != NULL;
}

/* "100 %", or a dash where it cannot be told. */
static char *
told (double ratio,
      gint64 count)
{
  if (ratio >= 0)
    /* TRANSLATORS: a persistence in percent */
    return g_strdup_printf (_("%.0f %%"), ratio);
  if (count >= 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, count);
  return g_strdup ("–");
}

static GtkWidget *
compare_row (const LiaisonCompareRow *row)
{
  GtkWidget *widget = adw_action_row_new ();
  g_autofree char *title = g_strdup_printf ("%s → %s", row->client_ip, row->listener_ip);
  g_autofree char *subtitle = NULL;

  if (row->service != NULL)
    subtitle = g_strdup_printf ("%u/%s (%s)", row->port, row->protocol, row->service);
  else
    subtitle = g_strdup_printf ("%u/%s", row->port, row->protocol);
  if (row->state == LIAISON_COMPARE_KEPT)
    {
      g_autofree char *p0 = told (row->persistence[0], -1), *p1 = told (row->persistence[1], -1);
      g_autofree char *e0 = told (-1, row->events[0]), *e1 = told (-1, row->events[1]);
      g_autofree char *port = g_steal_pointer (&subtitle);

      /* TRANSLATORS: a kept address pair: its port, then its persistence and
       * flow events before → after */
      subtitle = g_strdup_printf (_("%s; persistence %s → %s, flow events %s → %s"), port, p0, p1, e0, e1);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (widget), subtitle);
  return widget;
}

static void
show_rows (LiaisonCompareDialog *self,
           GArray               *rows)
{
  static const char *titles[] = { N_("New (%u)"), N_("Gone (%u)"), N_("Kept (%u)") };
  guint counts[3] = { 0 };

  for (guint s = 0; s < 3; s++)
    {
      GtkWidget *child;

      while ((child = gtk_widget_get_first_child (self->lists[s])) != NULL)
        gtk_list_box_remove (GTK_LIST_BOX (self->lists[s]), child);
    }

  for (guint i = 0; i < rows->len; i++)
    {
      const LiaisonCompareRow *row = &g_array_index (rows, LiaisonCompareRow, i);

      if (counts[row->state]++ < MAX_ROWS)
        gtk_list_box_append (GTK_LIST_BOX (self->lists[row->state]), compare_row (row));
    }

  for (guint s = 0; s < 3; s++)
    {
      g_autofree char *title = g_strdup_printf (_(titles[s]), counts[s]);

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->groups[s]), title);
      gtk_widget_set_visible (self->groups[s], TRUE);
      gtk_widget_set_visible (self->lists[s], counts[s] > 0);
      if (counts[s] > MAX_ROWS)
        {
          g_autofree char *more = NULL;

          /* TRANSLATORS: below a list cut short; %u is how many are not shown */
          more = g_strdup_printf (ngettext ("And %u more: liaison-cli compare lists them all",
                                            "And %u more: liaison-cli compare lists them all",
                                            counts[s] - MAX_ROWS), counts[s] - MAX_ROWS);
          adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->groups[s]), more);
        }
      else
        adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->groups[s]),
                                               counts[s] == 0 ? _("None") : NULL);
    }
}

static void
compare_done (gpointer      source_object,
              gpointer      data,
              const GError *error)
{
  LiaisonCompareDialog *self = source_object;
  CompareJob *job = data;

  gtk_spinner_stop (GTK_SPINNER (self->spinner));
  gtk_widget_set_visible (self->spinner, FALSE);

  if (error != NULL)
    {
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toast_overlay), adw_toast_new (error->message));
      return;
    }
  show_rows (self, job->rows);
}

/* Reads the entry @index into @time; names it in a toast when it is not a time. */
static gboolean
read_time (LiaisonCompareDialog *self,
           guint                 index,
           LiaisonTime          *time)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entries[index]));
  g_autofree char *field = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->entries[index])));
  g_autofree char *message = NULL;
  char *to = field;

  if (liaison_time_parse (text, -1, FALSE, time))
    return TRUE;
  /* The field's title without its mnemonic. */
  for (const char *from = field; *from != '\0'; from++)
    if (*from != '_')
      *to++ = *from;
  *to = '\0';
  /* TRANSLATORS: %s is the field ("Before, from"), then what was typed */
  message = g_strdup_printf (_("%s: “%s” is not a time (ISO 8601, for example 2026-11-27T00:01:15Z)"), field, text);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toast_overlay), adw_toast_new (message));
  return FALSE;
}

static void
compare_clicked_cb (LiaisonCompareDialog *self)
{
  CompareJob *job = g_new0 (CompareJob, 1);

  for (guint r = 0; r < 2; r++)
    {
      if (!read_time (self, 2 * r, &job->ranges[r].from) || !read_time (self, 2 * r + 1, &job->ranges[r].to))
        {
          compare_job_free (job);
          return;
        }
      if (job->ranges[r].from >= job->ranges[r].to)
        {
          char from[LIAISON_TIME_STRLEN], to[LIAISON_TIME_STRLEN];
          g_autofree char *message = NULL;

          liaison_time_to_string (job->ranges[r].from, from);
          liaison_time_to_string (job->ranges[r].to, to);
          message = g_strdup_printf (r == 0 ? _("Before: the time range from %s to %s is empty")
                                            : _("After: the time range from %s to %s is empty"), from, to);
          adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toast_overlay), adw_toast_new (message));
          compare_job_free (job);
          return;
        }
    }

  job->filter = self->filter;
  gtk_widget_set_visible (self->spinner, TRUE);
  gtk_spinner_start (GTK_SPINNER (self->spinner));
  liaison_job_run_latest (self, liaison_job_connection_new (liaison_store_get_path (self->store)), compare_job, job,
                          compare_job_free, &self->cancellable, compare_done);
}

static GtkWidget *
time_row (LiaisonCompareDialog *self,
          guint                 index,
          const char           *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (compare_clicked_cb), self);
  self->entries[index] = row;
  return row;
}

static void
liaison_compare_dialog_dispose (GObject *object)
{
  LiaisonCompareDialog *self = LIAISON_COMPARE_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (liaison_compare_dialog_parent_class)->dispose (object);
}

static void
liaison_compare_dialog_class_init (LiaisonCompareDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = liaison_compare_dialog_dispose;
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
liaison_compare_dialog_init (LiaisonCompareDialog *self)
{
  static const char *states[] = { N_("New"), N_("Gone"), N_("Kept") };
  static const char *descriptions[] = {
    N_("Seen after, not before"), N_("Seen before, not after"), N_("Seen in both"),
  };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Compare"));
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *before = adw_preferences_group_new ();
  GtkWidget *after = adw_preferences_group_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Compare Time Ranges"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 680);

  gtk_widget_add_css_class (button, "suggested-action");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (compare_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), button);
  self->spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->spinner, FALSE);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->spinner);
  gtk_box_append (GTK_BOX (box), header);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (before), _("Before"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (before),
                                         _("Times in ISO 8601, such as 2026-11-27 or 2026-11-27T08:00:00Z; "
                                           "each range runs from its first time up to its second"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (before), time_row (self, 0, _("Before, _from")));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (before), time_row (self, 1, _("Before, _to")));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (before));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (after), _("After"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (after), time_row (self, 2, _("After, f_rom")));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (after), time_row (self, 3, _("After, t_o")));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (after));

  for (guint s = 0; s < 3; s++)
    {
      self->groups[s] = adw_preferences_group_new ();
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->groups[s]), _(states[s]));
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->groups[s]), _(descriptions[s]));
      self->lists[s] = gtk_list_box_new ();
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->lists[s]), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (self->lists[s], "boxed-list");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->lists[s]), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(descriptions[s]), -1);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->groups[s]), self->lists[s]);
      gtk_widget_set_visible (self->groups[s], FALSE);
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (self->groups[s]));
    }
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);

  self->toast_overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (self->toast_overlay), box);
  adw_window_set_content (ADW_WINDOW (self), self->toast_overlay);
}

/**
 * liaison_compare_dialog_new:
 * @widget: the widget it is opened from
 * @filter: the page's filters, which the comparison keeps
 */
GtkWidget *
liaison_compare_dialog_new (GtkWidget              *widget,
                            LiaisonStore           *store,
                            const LiaisonMapFilter *filter)
{
  LiaisonCompareDialog *self;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);

  self = g_object_new (LIAISON_TYPE_COMPARE_DIALOG,
                       "transient-for", gtk_widget_get_ancestor (widget, GTK_TYPE_WINDOW),
                       NULL);
  self->store = g_object_ref (store);
  if (filter != NULL)
    self->filter = *filter;
  self->filter.hide_ports = NULL;
  self->filter.n_hide_ports = 0;
  return GTK_WIDGET (self);
}

/* Types the four times and compares, as a person would (for the tests). */
void
liaison_compare_dialog_compare (LiaisonCompareDialog *self,
                                const char           *before_from,
                                const char           *before_to,
                                const char           *after_from,
                                const char           *after_to)
{
  const char *texts[] = { before_from, before_to, after_from, after_to };

  g_return_if_fail (LIAISON_IS_COMPARE_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    gtk_editable_set_text (GTK_EDITABLE (self->entries[i]), texts[i]);
  compare_clicked_cb (self);
}

gboolean
liaison_compare_dialog_get_busy (LiaisonCompareDialog *self)
{
  g_return_val_if_fail (LIAISON_IS_COMPARE_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

/* The list of what is new, gone or kept. */
GtkWidget *
liaison_compare_dialog_get_list (LiaisonCompareDialog *self,
                                 LiaisonCompareState   state)
{
  g_return_val_if_fail (LIAISON_IS_COMPARE_DIALOG (self), NULL);
  g_return_val_if_fail (state <= LIAISON_COMPARE_KEPT, NULL);

  return self->lists[state];
}
