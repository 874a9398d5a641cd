/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-statistics-page"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-file-choice.h"
#include "liaison-job.h"
#include "liaison-listener-list.h"
#include "liaison-listener-statistics.h"
#include "liaison-stat-listener.h"
#include "liaison-statistics-export.h"
#include "liaison-statistics-page-private.h"
#include "liaison-store-server.h"
#include "liaison-toast.h"

/*
 * The Statistics page: on the left the listeners (sortable, searchable by
 * their addresses, devices and clients' addresses), on the right the
 * statistics of the selected listener (in liaison-listener-statistics.c).
 * Below about 700 pixels the two are one pane at a time, as libadwaita's
 * leaflet shows them: the listeners, then the one chosen, with a button
 * back. It reads the listeners in a worker thread when it is made and when
 * the store changes (at a million statistics records that takes about a
 * second), and exports the statistics in a worker thread too.
 */

struct _LiaisonStatisticsPage
{
  AdwBin                parent_instance;

  LiaisonStore         *store;
  gulong                changed_id;
  guint                 reload_source;
  GCancellable         *load_cancellable; /* of the listeners being read, if any */
  LiaisonJobConnection *connection;       /* the reads' own, kept from one to the next */
  guint                 folded_source;

  GListStore           *listeners;
  char                 *search;          /* casefolded; NULL: none */
  LiaisonListenerMatches *filtered;     /* the listeners the search finds */
  GtkSingleSelection   *selection;
  char                 *selected_key;
  char                 *wanted;          /* "IP PORT PROTOCOL": to show once a server's listeners come */
  gboolean              searching;        /* in apply_search() */
  guint                 details_source;   /* details after a search's frame */

  /* The export chooser while it shows: it holds the page */
  GtkFileChooserNative *file_chooser;
  gboolean              export_only_selected;
  GCancellable         *export_cancellable;
  gsize                 export_progress;
  guint                 export_pulse_source;
  GFile                *export_file;

  /* template */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkSpinner           *loading_spinner;
  AdwLeaflet           *leaflet;
  GtkSearchEntry       *search_entry;
  GtkStack             *listener_stack;
  AdwStatusPage        *no_results;
  GtkColumnView        *listener_view;
  GtkColumnViewColumn  *listener_column;
  GtkColumnViewColumn  *device_column;
  GtkColumnViewColumn  *clients_column;
  GtkColumnViewColumn  *last_found_column;
  GtkStack             *detail_stack;
  GtkScrolledWindow    *detail_scroller;
  LiaisonListenerStatistics *listener_statistics;
  GtkRevealer          *export_revealer;
  GtkLabel             *export_label;
  GtkProgressBar       *export_progress_bar;
};

G_DEFINE_FINAL_TYPE (LiaisonStatisticsPage, liaison_statistics_page, ADW_TYPE_BIN)

static void show_details (LiaisonStatisticsPage *self);

static LiaisonStatListener *
selected_listener (LiaisonStatisticsPage *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
add_toast (LiaisonStatisticsPage *self,
           const char            *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 4);
  /* On the page's own overlay while it shows, else where the user is. */
  liaison_toast_add (GTK_WIDGET (self->stack), toast);
}

/* Loading */

static gboolean
select_key (LiaisonStatisticsPage *self,
            const char            *key)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  for (guint i = 0; key != NULL && i < n; i++)
    {
      g_autoptr(LiaisonStatListener) listener = g_list_model_get_item (G_LIST_MODEL (self->selection), i);

      if (g_str_equal (liaison_stat_listener_get_key (listener), key))
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

/* Shows the listeners read, keeping the selection. */
static void
apply_listeners (LiaisonStatisticsPage *self,
                 GPtrArray             *listeners)
{
  g_autofree char *key = g_strdup (self->selected_key);

  gtk_spinner_stop (self->loading_spinner);
  g_list_store_splice (self->listeners, 0, g_list_model_get_n_items (G_LIST_MODEL (self->listeners)),
                       listeners->pdata, listeners->len);
  gtk_stack_set_visible_child_name (self->stack, listeners->len > 0 ? "statistics" : "empty");

  /* The same listener stays selected, with its figures read again. */
  if (!select_key (self, key) && key != NULL)
    gtk_single_selection_set_selected (self->selection, 0);
  show_details (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "statistics.export", listeners->len > 0);
}

/* What a read of the listeners found, or why it found nothing. */
static void
show_listeners (LiaisonStatisticsPage *self,
                GPtrArray             *listeners,
                const GError          *error)
{
  if (listeners != NULL)
    {
      apply_listeners (self, listeners);
      return;
    }

  /* A failure to read is the user's news (the toast), not a programming error. */
  g_debug ("Cannot read the statistics: %s", error->message);
  add_toast (self, _("Cannot read the statistics"));
  gtk_spinner_stop (self->loading_spinner);
  if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "loading"))
    gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* Whether the listeners are being read, or are to be read again. */
static gboolean
loading_listeners (LiaisonStatisticsPage *self)
{
  return self->load_cancellable != NULL || self->reload_source != 0;
}

static void
cancel_load (LiaisonStatisticsPage *self)
{
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
}

/* Reads the listeners again now, keeping the selection. */
static void
reload_now (LiaisonStatisticsPage *self)
{
  g_autoptr(GPtrArray) listeners = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->reload_source, g_source_remove);
  cancel_load (self);

  listeners = liaison_stat_listeners_load (self->store, &error);
  show_listeners (self, listeners, error);
}

/* In a worker thread: the listeners go to *@data. */
static gboolean
load_job (LiaisonStore  *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  GPtrArray **listeners = data;

  liaison_store_set_cancellable (store, cancellable);
  *listeners = liaison_stat_listeners_load (store, error);
  liaison_store_set_cancellable (store, NULL);

  return *listeners != NULL;
}

static void
free_listeners (gpointer data)
{
  GPtrArray **listeners = data;

  g_clear_pointer (listeners, g_ptr_array_unref);
  g_free (listeners);
}

static void
load_done (gpointer      source_object,
           gpointer      data,
           const GError *error)
{
  LiaisonStatisticsPage *self = source_object;
  GPtrArray **found = data;
  g_autoptr(GPtrArray) listeners = NULL;

  if (error == NULL)
    listeners = g_steal_pointer (found);
  show_listeners (self, listeners, error);
  if (self->wanted != NULL && !loading_listeners (self))
    {
      g_auto(GStrv) wanted = g_strsplit (self->wanted, " ", 3);

      g_clear_pointer (&self->wanted, g_free);
      liaison_statistics_page_show_listener (self, wanted[0], (guint) g_ascii_strtoull (wanted[1], NULL, 10), wanted[2]);
    }
}

/* Reads the listeners in a worker thread; what shows stays until then (a
 * spinner the first time). */
static void
load_in_background (LiaisonStatisticsPage *self)
{
  g_clear_handle_id (&self->reload_source, g_source_remove);
  cancel_load (self);

  if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "loading"))
    gtk_spinner_start (self->loading_spinner);

  /* Unless a newer read, or a reload, takes over. */
  liaison_job_run_latest (self, liaison_job_connection_ref (self->connection), load_job, g_new0 (GPtrArray *, 1),
                          free_listeners, &self->load_cancellable, load_done);
}

/* Whether the page reads in the background: its listeners, or the
 * statistics of the one selected (for tests: until then what shows is
 * what showed before). */
gboolean
liaison_statistics_page_get_loading (LiaisonStatisticsPage *self)
{
  g_return_val_if_fail (LIAISON_IS_STATISTICS_PAGE (self), FALSE);

  return loading_listeners (self) || liaison_listener_statistics_get_reading (self->listener_statistics);
}

/* The listener list's search entry (for tests). */
GtkSearchEntry *
liaison_statistics_page_get_search_entry (LiaisonStatisticsPage *self)
{
  g_return_val_if_fail (LIAISON_IS_STATISTICS_PAGE (self), NULL);

  return self->search_entry;
}

static void
reload_idle (gpointer data)
{
  LiaisonStatisticsPage *self = data;

  self->reload_source = 0;
  load_in_background (self);
}

static void
store_changed_cb (LiaisonStatisticsPage *self,
                  LiaisonStore          *store)
{
  /* Several changes in a row make one reload. */
  if (self->reload_source == 0)
    self->reload_source = g_idle_add_once (reload_idle, self);
}

/* The selected listener */

static void
show_details (LiaisonStatisticsPage *self)
{
  LiaisonStatListener *listener = selected_listener (self);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->selected_key, g_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "statistics.export-selected", listener != NULL);

  if (liaison_store_path_is_server (liaison_store_get_path (self->store)))  /* in a worker (team.md 3) */
    liaison_listener_statistics_show_later (self->listener_statistics, self->connection, listener);
  else if (!liaison_listener_statistics_show (self->listener_statistics, self->store, listener, &error))
    {
      g_debug ("Cannot read the statistics of %s: %s",
                 liaison_stat_listener_get_title (listener), error->message);
      add_toast (self, _("Cannot read the statistics"));
    }

  if (listener == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }

  self->selected_key = g_strdup (liaison_stat_listener_get_key (listener));
  gtk_stack_set_visible_child_name (self->detail_stack, "listener");
}

static void
follow_selection (LiaisonStatisticsPage *self)
{
  LiaisonStatListener *listener = selected_listener (self);

  if (listener != NULL && g_strcmp0 (liaison_stat_listener_get_key (listener), self->selected_key) == 0)
    return;

  show_details (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->detail_scroller), 0);
}

static void
details_idle (gpointer data)
{
  LiaisonStatisticsPage *self = data;

  self->details_source = 0;
  follow_selection (self);
}

/* A search that moves the selection shows its matches in the next frame
 * and the listener then selected after it: reading a listener of many
 * clients takes longer than a frame. */
static void
selection_changed_cb (LiaisonStatisticsPage *self,
                      GParamSpec            *pspec,
                      GtkSingleSelection    *selection)
{
  if (self->searching || self->details_source != 0)
    {
      if (self->details_source == 0)
        self->details_source = g_idle_add_once (details_idle, self);
      return;
    }
  follow_selection (self);
}

/* Search */

/* The list, or a status when the search finds nothing. */
static void
update_no_results (LiaisonStatisticsPage *self)
{
  gboolean none = self->search != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0;

  if (none)
    {
      g_autofree char *description = NULL;

      /* TRANSLATORS: when a search of the listeners finds none; %s is the search */
      description = g_strdup_printf (_("No listener, device or client address holds “%s”"),
                                     gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
      adw_status_page_set_description (self->no_results, description);
    }
  gtk_stack_set_visible_child_name (self->listener_stack, none ? "none" : "list");
}

static void
apply_search (LiaisonStatisticsPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_free (self->search);
  self->search = text[0] != '\0' ? g_utf8_casefold (text, -1) : NULL;
  self->searching = TRUE;
  liaison_listener_matches_set_search (self->filtered, self->search);
  self->searching = FALSE;
  update_no_results (self);
}

static void
search_changed_cb (LiaisonStatisticsPage *self,
                   GtkSearchEntry        *entry)
{
  apply_search (self);
}

static void
stop_search_cb (LiaisonStatisticsPage *self,
                GtkSearchEntry        *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

/* One pane at a time */

static void
show_listener_pane (LiaisonStatisticsPage *self)
{
  if (adw_leaflet_get_folded (self->leaflet) && selected_listener (self) != NULL)
    adw_leaflet_set_visible_child_name (self->leaflet, "listener");
}

static void
folded_idle (gpointer data)
{
  LiaisonStatisticsPage *self = data;
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  self->folded_source = 0;
  liaison_listener_statistics_set_back_visible (self->listener_statistics, folded);
  /* One pane at a time is narrow: the listener's address needs the room,
   * and under 500 pixels its device leaves too (it is in the listener's
   * own pane). */
  gtk_column_view_column_set_visible (self->last_found_column, !folded);
  gtk_column_view_column_set_visible (self->device_column,
                                      !folded || gtk_widget_get_width (GTK_WIDGET (self)) >= 500);
}

/* The leaflet folds while it is allocated: what follows changes sizes, so
 * it comes after. */
static void
folded_cb (LiaisonStatisticsPage *self)
{
  if (self->folded_source == 0)
    self->folded_source = g_idle_add_once (folded_idle, self);
}

static void
listener_activated_cb (LiaisonStatisticsPage *self,
                       guint                  position)
{
  show_listener_pane (self);
}

static gboolean
show_listener_pane_idle (gpointer data)
{
  show_listener_pane (data);
  return G_SOURCE_REMOVE;
}

/* A click on a listener shows it, when one pane shows at a time: once the
 * list has selected it. */
static void
listener_clicked_cb (LiaisonStatisticsPage *self,
                     int                    n_press,
                     double                 x,
                     double                 y)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, show_listener_pane_idle, g_object_ref (self), g_object_unref);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LiaisonStatisticsPage *self = LIAISON_STATISTICS_PAGE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "listeners");
}

/* Export */

static void
stop_export_indication (LiaisonStatisticsPage *self)
{
  g_clear_handle_id (&self->export_pulse_source, g_source_remove);
  gtk_revealer_set_reveal_child (self->export_revealer, FALSE);
}

static gboolean
export_pulse_cb (gpointer data)
{
  LiaisonStatisticsPage *self = data;
  gsize written = (gsize) g_atomic_pointer_get (&self->export_progress);
  g_autofree char *size = g_format_size (written);
  g_autofree char *name = g_file_get_basename (self->export_file);
  g_autofree char *text = NULL;

  /* TRANSLATORS: while exporting: the file name and how much was written */
  text = g_strdup_printf (_("Exporting statistics to %s… %s"), name, size);
  gtk_label_set_label (self->export_label, text);
  gtk_progress_bar_pulse (self->export_progress_bar);

  return G_SOURCE_CONTINUE;
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LiaisonStatisticsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (self->export_file);

  stop_export_indication (self);
  g_clear_object (&self->export_cancellable);

  if (!liaison_statistics_export_finish (result, &error))
    {
      GtkWidget *dialog;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          add_toast (self, _("Export cancelled"));
          return;
        }

      dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_WINDOW)),
                                       _("Could Not Export Statistics"), NULL);
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s: %s", name, error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  {
    g_autofree char *title = NULL;

    /* TRANSLATORS: a toast; %s is the file name */
    title = g_strdup_printf (_("Statistics exported to %s"), name);
    add_toast (self, title);
  }
}

static void
start_export (LiaisonStatisticsPage *self,
              GFile                 *file,
              gboolean               only_selected)
{
  LiaisonStatListener *listener = only_selected ? selected_listener (self) : NULL;
  LiaisonStatFilter filter = { 0 };
  const char *path = liaison_store_get_path (self->store);

  if (self->export_cancellable != NULL)
    return;

  if (listener != NULL)
    {
      filter.listener_ip = liaison_stat_listener_get_listener_ip (listener);
      filter.port = liaison_stat_listener_get_port (listener);
      filter.protocol = liaison_stat_listener_get_protocol (listener);
    }

  g_set_object (&self->export_file, file);
  self->export_cancellable = g_cancellable_new ();
  self->export_progress = 0;
  export_pulse_cb (self);
  gtk_revealer_set_reveal_child (self->export_revealer, TRUE);
  self->export_pulse_source = g_timeout_add (120, export_pulse_cb, self);

  liaison_statistics_export_async (path, listener != NULL ? &filter : NULL, file,
                                   &self->export_progress, self->export_cancellable,
                                   export_done_cb, g_object_ref (self));
}

static void
cancel_export_cb (LiaisonStatisticsPage *self)
{
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
}

static void
on_export_file_chosen (gpointer  user_data,
                       GFile    *file)
{
  LiaisonStatisticsPage *self = user_data;

  start_export (self, file, self->export_only_selected);
}

/**
 * liaison_statistics_page_export:
 * @parent: (nullable): the window the save dialog belongs to
 * @only_selected: only the selected listener's statistics
 *
 * Asks where to save, then writes the statistics document of export.md
 * (what `liaison-cli export-stats` writes) in a worker thread.
 */
void
liaison_statistics_page_export (LiaisonStatisticsPage *self,
                                GtkWindow             *parent,
                                gboolean               only_selected)
{
  LiaisonStatListener *listener;

  g_return_if_fail (LIAISON_IS_STATISTICS_PAGE (self));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  if (self->file_chooser != NULL || self->export_cancellable != NULL)
    return;

  listener = only_selected ? selected_listener (self) : NULL;
  if (only_selected && listener == NULL)
    return;

  self->export_only_selected = only_selected;
  g_set_weak_pointer (&self->file_chooser, liaison_statistics_export_chooser_new (parent, listener));
  liaison_file_choice_show (self->file_chooser, on_export_file_chosen, g_object_ref (self), g_object_unref);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LiaisonStatisticsPage *self = LIAISON_STATISTICS_PAGE (widget);

  liaison_statistics_page_export (self, GTK_WINDOW (gtk_widget_get_ancestor (widget, GTK_TYPE_WINDOW)),
                                  g_str_equal (action_name, "statistics.export-selected"));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LiaisonStatisticsPage *self = LIAISON_STATISTICS_PAGE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "listeners");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Showing a listener from elsewhere */

static GtkWidget *
find_list_view (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;
  return NULL;
}

/**
 * liaison_statistics_page_show_listener:
 * @listener_ip: the listener's address, in any spelling
 *
 * Selects the listener, clearing the search when it hides it.
 */
void
liaison_statistics_page_show_listener (LiaisonStatisticsPage *self,
                                       const char            *listener_ip,
                                       guint                  port,
                                       const char            *protocol)
{
  guint n;

  g_return_if_fail (LIAISON_IS_STATISTICS_PAGE (self));
  g_return_if_fail (listener_ip != NULL);
  g_return_if_fail (protocol != NULL);

  g_clear_pointer (&self->wanted, g_free);
  if (loading_listeners (self) && !liaison_store_path_is_server (liaison_store_get_path (self->store)))
    reload_now (self);
  else if (loading_listeners (self))
    {
      /* A server's listeners are on their way: it shows once they come. */
      self->wanted = g_strdup_printf ("%s %u %s", listener_ip, port, protocol);
      return;
    }

  for (int attempt = 0; attempt < 2; attempt++)
    {
      n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(LiaisonStatListener) listener = g_list_model_get_item (G_LIST_MODEL (self->selection), i);
          GtkWidget *list_view;

          if (!liaison_stat_listener_matches (listener, listener_ip, port, protocol))
            continue;

          gtk_single_selection_set_selected (self->selection, i);
          list_view = find_list_view (GTK_WIDGET (self->listener_view));
          if (list_view != NULL)
            gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", i);
          show_listener_pane (self);
          return;
        }

      /* Perhaps the search hides it. */
      if (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] == '\0')
        break;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      apply_search (self);
    }

  {
    g_autofree char *title = NULL;

    /* TRANSLATORS: a toast; %s:%u/%s is the listener, e.g. 10.0.0.5:443/tcp */
    title = g_strdup_printf (_("No statistics for %s:%u/%s yet"), listener_ip, port, protocol);
    add_toast (self, title);
  }
}

/* Object */

static void
liaison_statistics_page_dispose (GObject *object)
{
  LiaisonStatisticsPage *self = LIAISON_STATISTICS_PAGE (object);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_handle_id (&self->folded_source, g_source_remove);
  g_clear_handle_id (&self->details_source, g_source_remove);
  cancel_load (self);
  g_clear_handle_id (&self->export_pulse_source, g_source_remove);
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  g_clear_weak_pointer (&self->file_chooser);
  g_clear_object (&self->export_file);
  g_clear_signal_handler (&self->changed_id, self->store);

  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->listeners);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (liaison_statistics_page_parent_class)->dispose (object);
}

static void
liaison_statistics_page_finalize (GObject *object)
{
  LiaisonStatisticsPage *self = LIAISON_STATISTICS_PAGE (object);

  g_free (self->selected_key);
  g_free (self->wanted);
  g_free (self->search);
  g_clear_pointer (&self->connection, liaison_job_connection_unref);

  G_OBJECT_CLASS (liaison_statistics_page_parent_class)->finalize (object);
}

static void
load_style (void)
{
  static gsize loaded;

  if (g_once_init_enter (&loaded))
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
      GdkDisplay *display = gdk_display_get_default ();

      gtk_css_provider_load_from_resource (provider,
                                           "/io/github/liaison/Liaison/statistics/liaison-statistics.css");
      if (display != NULL)
        gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                                    GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_once_init_leave (&loaded, 1);
    }
}

extern void liaison_statistics_ui_register_resource (void);

/**
 * liaison_statistics_page_register_resources:
 *
 * Registers the page's resources (its templates, its style, its icon),
 * once. The application does so when it is made: the icon theme lists the
 * icons there are when it first looks, before any page exists.
 */
void
liaison_statistics_page_register_resources (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      liaison_statistics_ui_register_resource ();
      g_once_init_leave (&done, 1);
    }
}

static void
liaison_statistics_page_class_init (LiaisonStatisticsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_statistics_page_dispose;
  object_class->finalize = liaison_statistics_page_finalize;

  liaison_statistics_page_register_resources ();
  g_type_ensure (LIAISON_TYPE_LISTENER_STATISTICS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/liaison/Liaison/statistics/liaison-statistics-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonStatisticsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LiaisonStatisticsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonStatisticsPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, LiaisonStatisticsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LiaisonStatisticsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LiaisonStatisticsPage, listener_stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonStatisticsPage, no_results);
  gtk_widget_class_bind_template_child (widget_class, LiaisonStatisticsPage, listener_view);
  gtk_widget_class_bind_template_child (widget_class, LiaisonStatisticsPage, listener_column);
  gtk_widget_class_bind_template_child (widget_class, LiaisonStatisticsPage, device_column);
  gtk_widget_class_bind_template_child (widget_class, LiaisonStatisticsPage, clients_column);
  gtk_widget_class_bind_template_child (widget_class, LiaisonStatisticsPage, last_found_column);
  gtk_widget_class_bind_template_child (widget_class, LiaisonStatisticsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonStatisticsPage, detail_scroller);
  gtk_widget_class_bind_template_child (widget_class, LiaisonStatisticsPage, listener_statistics);
  gtk_widget_class_bind_template_child (widget_class, LiaisonStatisticsPage, export_revealer);
  gtk_widget_class_bind_template_child (widget_class, LiaisonStatisticsPage, export_label);
  gtk_widget_class_bind_template_child_full (widget_class, "export_progress", FALSE,
                                             G_STRUCT_OFFSET (LiaisonStatisticsPage, export_progress_bar));
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, listener_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_export_cb);

  gtk_widget_class_install_action (widget_class, "statistics.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "statistics.export-selected", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "statistics.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "statistics.back", NULL, back_action);
}

static void
liaison_statistics_page_init (LiaisonStatisticsPage *self)
{
  g_autoptr(GtkSortListModel) sorted = NULL;
  GtkGesture *click;

  load_style ();
  gtk_widget_init_template (GTK_WIDGET (self));

  liaison_listener_columns_set_up (self->listener_column, self->device_column, self->clients_column,
                                   self->last_found_column);

  self->listeners = g_list_store_new (LIAISON_TYPE_STAT_LISTENER);
  self->filtered = liaison_listener_matches_new (G_LIST_MODEL (self->listeners));
  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                    g_object_ref (gtk_column_view_get_sorter (self->listener_view)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (sorted)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_column_view_set_model (self->listener_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  /* Before the list's own handling of the click: it has selected the row
   * when the release comes. */
  click = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "released", G_CALLBACK (listener_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->listener_view), GTK_EVENT_CONTROLLER (click));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "statistics.export", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "statistics.export-selected", FALSE);
}

/**
 * liaison_statistics_page_new:
 * @store: the store to show
 *
 * Returns: (transfer floating): a new Statistics page
 */
LiaisonStatisticsPage *
liaison_statistics_page_new (LiaisonStore *store)
{
  LiaisonStatisticsPage *self;

  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);

  self = g_object_new (LIAISON_TYPE_STATISTICS_PAGE, NULL);
  self->store = g_object_ref (store);
  self->connection = liaison_job_connection_new (liaison_store_get_path (store));
  self->changed_id = g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self,
                                              G_CONNECT_SWAPPED);
  load_in_background (self);
  return self;
}
