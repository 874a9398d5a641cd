/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-map-page"

#include "config.h"

#include <glib/gi18n.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "liaison-job.h"
#include "liaison-map-page-export.h"
#include "liaison-map-page-parts.h"
#include "liaison-map-page-private.h"
#include "liaison-map-view-private.h"
#include "liaison-store-server.h"
#include "liaison-toast.h"

/*
 * The Map page: who talks to whom (map.md). The filters of its tool bar
 * live in the settings (liaison-map-filter-bar.c); when they or the
 * database change, the map and its layout are made again in a worker
 * (liaison_job_run: liaison_map_new(), liaison_map_layout_compute(), the
 * scene's grid and counts), and a newer job cancels the one under way. The
 * map shown stays until the new one comes. The first map is made when the
 * page is first shown, not at start.
 *
 * A node selected on the map (or from a list) shows its impact beside it,
 * dependents and dependencies as ordinary lists, and highlighted on the
 * map. Its menu opens the Statistics page on one of its listeners, the
 * Communications page searched for it, or puts it into a group.
 */

#define RELOAD_DELAY_MS   300
#define MAX_STATISTICS    8
/* More nodes than a person can read, and than Graphviz lays out in seconds. */
#define MAX_DRAWN_NODES   4000

struct _LiaisonMapPage
{
  GtkWidget             parent_instance;

  LiaisonStore         *store;
  GSettings            *settings;
  LiaisonMapScene      *scene;
  LiaisonImpact        *dependents;
  LiaisonImpact        *dependencies;
  GCancellable         *cancellable;     /* the map being made */
  LiaisonJobConnection *connection;      /* the maps' own, kept from one to the next: a
                                          * server's takes round trips to open (team.md 3) */
  guint                 reload_source;
  gboolean              stale;           /* made again when next shown */
  gboolean              keep_view;
  char                 *selected_id;     /* selected again in a new map */
  gulong                changed_id;

  GtkWidget            *box;
  GtkWidget            *wide_filters;
  GtkWidget            *narrow_filters;
  GtkWidget            *flap;
  GtkWidget            *stack;
  GtkWidget            *view;
  GtkWidget            *loading_spinner;
  GtkWidget            *busy_spinner;
  GtkWidget            *empty_page;
  GtkWidget            *error_page;
  GtkWidget            *too_big_page;
  GtkWidget            *legend;
  GtkWidget            *legend_button;
  GtkWidget            *sidebar_button;
  GtkWidget            *nothing_selected;
  GtkWidget            *details;
  GtkWidget            *node_title;
  GtkWidget            *node_subtitle;
  GtkWidget            *node_menu_button;
  GtkWidget            *dependents_bin;
  GtkWidget            *dependencies_bin;
  GtkWidget            *dependents_list;
  GtkWidget            *dependencies_list;
};

G_DEFINE_FINAL_TYPE (LiaisonMapPage, liaison_map_page, GTK_TYPE_WIDGET)

static void     reload            (LiaisonMapPage *self,
                                   gboolean        keep_view);
static void     reload_timeout_cb (gpointer        data);

/* The filters --------------------------------------------------------------------- */

typedef struct
{
  LiaisonMapFilter    filter;
  LiaisonMapGrouping  grouping;
  LiaisonMapScene    *scene;
  guint               n_nodes;     /* of a map too big to draw */
} MapJob;

static void
map_job_free (gpointer data)
{
  MapJob *job = data;

  g_clear_pointer (&job->scene, liaison_map_scene_unref);
  g_free (job);
}

/* The filters and grouping the settings say. */
static void
read_settings (LiaisonMapPage *self,
               MapJob         *job)
{
  g_autofree char *grouping = g_settings_get_string (self->settings, "map-grouping");

  job->filter.min_persistence = g_settings_get_double (self->settings, "map-min-persistence");
  job->filter.min_events = g_settings_get_uint (self->settings, "map-min-events");
  job->filter.hide_loopback = g_settings_get_boolean (self->settings, "map-hide-loopback");
  job->filter.hide_hubs = g_settings_get_uint (self->settings, "map-hide-hubs");
  job->filter.seen_within = (gint64) g_settings_get_uint (self->settings, "map-seen-within") * 1000;
  if (!liaison_map_grouping_parse (grouping, &job->grouping, NULL))
    memset (&job->grouping, 0, sizeof job->grouping);
}

static void
settings_changed_cb (LiaisonMapPage *self,
                     const char     *key)
{
  if (key == NULL || !g_str_has_prefix (key, "map-") || g_str_equal (key, "map-show-legend"))
    return;
  /* Typing a figure makes one map, not one a key. */
  g_clear_handle_id (&self->reload_source, g_source_remove);
  self->keep_view = FALSE;
  self->reload_source = g_timeout_add_once (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

/* The map ---------------------------------------------------------------------------- */

static gboolean
map_job (LiaisonStore  *store,
         gpointer       data,
         GCancellable  *cancellable,
         GError       **error)
{
  MapJob *job = data;
  g_autoptr(LiaisonMap) map = NULL;
  LiaisonMapLayout *layout;

  map = liaison_map_new (store, &job->filter, &job->grouping, cancellable, error);
  if (map == NULL)
    return FALSE;
  if (liaison_map_get_n_nodes (map) > MAX_DRAWN_NODES)
    {
      job->n_nodes = liaison_map_get_n_nodes (map);
      return TRUE;
    }
  layout = liaison_map_layout_compute (map, LIAISON_LAYOUT_AUTO, cancellable, error);
  if (layout == NULL)
    return FALSE;
  job->scene = liaison_map_scene_new (map, layout);
#ifdef __GLIBC__
  /* What counting a million rows took is free again: give it back. */
  malloc_trim (0);
#endif
  return TRUE;
}

static gboolean
any_filter (const MapJob *job)
{
  return job->filter.min_persistence > 0 || job->filter.min_events > 0 || job->filter.hide_loopback ||
         job->filter.seen_within > 0;
}

static void
show_scene (LiaisonMapPage  *self,
            LiaisonMapScene *scene,
            gboolean         filtered)
{
  LiaisonMapView *view = LIAISON_MAP_VIEW (self->view);
  guint selected;

  g_clear_pointer (&self->scene, liaison_map_scene_unref);
  self->scene = liaison_map_scene_ref (scene);
  liaison_map_view_set_scene (view, scene, self->keep_view);

  if (liaison_map_scene_get_n_nodes (scene) == 0)
    {
      adw_status_page_set_description (ADW_STATUS_PAGE (self->empty_page),
                                       filtered
                                       ? _("No line passes the filters. Ease them to see more.")
                                       : _("Import netstat or netflow samples, or add service communications, "
                                           "to see who talks to whom."));
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
    }
  else
    gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "map");

  /* The node selected before, if it is still there. */
  selected = liaison_map_scene_find_node (scene, self->selected_id);
  liaison_map_view_select (view, selected);
  if (selected == LIAISON_MAP_SCENE_NONE)
    liaison_map_page_show_impact (self);
}

static void
map_done (gpointer      source_object,
          gpointer      data,
          const GError *error)
{
  LiaisonMapPage *self = source_object;
  MapJob *job = data;

  gtk_spinner_stop (GTK_SPINNER (self->loading_spinner));
  gtk_spinner_stop (GTK_SPINNER (self->busy_spinner));
  gtk_widget_set_visible (self->busy_spinner, FALSE);

  if (error != NULL)
    {
      adw_status_page_set_description (ADW_STATUS_PAGE (self->error_page), error->message);
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "error");
      return;
    }
  if (job->scene == NULL)
    {
      g_autofree char *description = NULL;

      /* TRANSLATORS: %u is a number of nodes, more than 4000 */
      description = g_strdup_printf (_("This map has %u nodes, too many to draw and to read. Put the addresses "
                                       "of a subnet together, or leave out more lines with the filters."),
                                     job->n_nodes);
      adw_status_page_set_description (ADW_STATUS_PAGE (self->too_big_page), description);
      g_clear_pointer (&self->scene, liaison_map_scene_unref);
      liaison_map_view_set_scene (LIAISON_MAP_VIEW (self->view), NULL, FALSE);
      liaison_map_page_show_impact (self);
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "too-big");
      return;
    }
  show_scene (self, job->scene, any_filter (job));
}

static void
reload (LiaisonMapPage *self,
        gboolean        keep_view)
{
  MapJob *job;

  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;
  self->keep_view = keep_view;

  if (self->scene == NULL)
    {
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "loading");
      gtk_spinner_start (GTK_SPINNER (self->loading_spinner));
    }
  else
    {
      gtk_widget_set_visible (self->busy_spinner, TRUE);
      gtk_spinner_start (GTK_SPINNER (self->busy_spinner));
    }

  job = g_new0 (MapJob, 1);
  read_settings (self, job);
  /* Unless a newer map takes over. */
  liaison_job_run_latest (self, liaison_job_connection_ref (self->connection), map_job, job, map_job_free,
                          &self->cancellable, map_done);
}

static void
reload_timeout_cb (gpointer data)
{
  LiaisonMapPage *self = data;

  self->reload_source = 0;
  reload (self, self->keep_view);
}

static void
store_changed_cb (LiaisonMapPage *self)
{
  /* An import or a group: the same view, new lines. */
  if (self->reload_source != 0)
    return;
  self->keep_view = TRUE;
  self->reload_source = g_timeout_add_once (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

/* Whether a map is being made (for tests). */
gboolean
liaison_map_page_get_loading (LiaisonMapPage *self)
{
  g_return_val_if_fail (LIAISON_IS_MAP_PAGE (self), FALSE);

  return self->cancellable != NULL || self->reload_source != 0 || self->stale;
}

/* Impact ---------------------------------------------------------------------------- */

static char *
node_subtitle (LiaisonMapScene *scene,
               guint            node)
{
  LiaisonMap *map = liaison_map_scene_get_map (scene);
  const LiaisonMapNode *n = liaison_map_get_node (map, node);
  g_auto(GStrv) addresses = liaison_map_dup_addresses (map, node);
  guint count = g_strv_length (addresses);
  GString *text = g_string_new (NULL);

  if (n->hub)
    g_string_append (text, _("Hub"));
  else if (n->kind == LIAISON_MAP_NODE_GROUP)
    g_string_append (text, _("Group"));
  else if (n->kind == LIAISON_MAP_NODE_SUBNET)
    g_string_append (text, _("Subnet"));
  else if (n->kind == LIAISON_MAP_NODE_DEVICE)
    g_string_append (text, _("Device"));
  else
    g_string_append (text, _("Address"));
  for (guint i = 0; i < count && i < 3; i++)
    g_string_append_printf (text, "%s%s", i == 0 ? " · " : ", ", addresses[i]);
  if (count > 3)
    g_string_append_printf (text, ngettext (", and %u more", ", and %u more", count - 3), count - 3);
  return g_string_free (text, FALSE);
}

/* What the selected node's menu offers: its listeners' statistics, its
 * communications, a group. */
static GMenuModel *
node_menu (LiaisonMapPage *self,
           guint           node)
{
  LiaisonMap *map = liaison_map_scene_get_map (self->scene);
  const LiaisonMapNode *n = liaison_map_get_node (map, node);
  g_auto(GStrv) addresses = liaison_map_dup_addresses (map, node);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) statistics = g_menu_new ();
  g_autoptr(GMenu) more = g_menu_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const LiaisonMapEdge *edges;
  guint n_edges;

  /* Statistics of each port it listens on, drawn edges and those into a hub alike. */
  for (guint pass = 0; pass < 2 && addresses[0] != NULL; pass++)
    {
      edges = pass == 0 ? liaison_map_get_edges (map, &n_edges) : liaison_map_get_hub_edges (map, &n_edges);
      for (guint i = 0; i < n_edges && g_hash_table_size (seen) < MAX_STATISTICS; i++)
        {
          g_autofree char *key = NULL;
          g_autofree char *label = NULL;
          g_autoptr(GMenuItem) item = NULL;

          if (edges[i].listener != node)
            continue;
          key = g_strdup_printf ("%u/%s", edges[i].port, edges[i].protocol);
          if (g_hash_table_contains (seen, key))
            continue;
          /* TRANSLATORS: a menu item: the statistics of one listening port, "5432/postgresql" */
          label = g_strdup_printf (_("Statistics of %u/%s"), edges[i].port,
                                   edges[i].service != NULL ? edges[i].service : edges[i].protocol);
          item = g_menu_item_new (label, NULL);
          g_menu_item_set_action_and_target (item, "map.show-statistics", "(sus)",
                                             addresses[0], edges[i].port, edges[i].protocol);
          g_menu_append_item (statistics, item);
          g_hash_table_add (seen, g_steal_pointer (&key));
        }
    }
  if (g_hash_table_size (seen) == 0)
    g_menu_append (statistics, _("No Statistics: It Listens on No Port"), "map.nothing");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (statistics));

  if (n->kind != LIAISON_MAP_NODE_GROUP)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("Show _Communications"), NULL);

      g_menu_item_set_action_and_target (item, "map.show-communications", "s", n->id);
      g_menu_append_item (more, item);
      g_menu_append (more, _("_Add to Group…"), "map.add-to-group");
    }
  else
    g_menu_append (more, _("_Edit Groups…"), "map.groups");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (more));
  return G_MENU_MODEL (g_steal_pointer (&menu));
}

/**
 * liaison_map_page_show_impact:
 *
 * Shows the impact of the node selected on the map (or nothing).
 */
void
liaison_map_page_show_impact (LiaisonMapPage *self)
{
  LiaisonMapView *view = LIAISON_MAP_VIEW (self->view);
  guint node = liaison_map_view_get_selected (view);
  g_autofree guint8 *marks = NULL;
  LiaisonMap *map;

  g_clear_pointer (&self->dependents, liaison_impact_free);
  g_clear_pointer (&self->dependencies, liaison_impact_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.add-to-group", FALSE);

  if (self->scene == NULL || node == LIAISON_MAP_SCENE_NONE)
    {
      g_clear_pointer (&self->selected_id, g_free);
      liaison_map_impact_list_show (LIAISON_MAP_IMPACT_LIST (self->dependents_list), NULL, NULL);
      liaison_map_impact_list_show (LIAISON_MAP_IMPACT_LIST (self->dependencies_list), NULL, NULL);
      gtk_widget_set_visible (self->details, FALSE);
      gtk_widget_set_visible (self->dependents_bin, FALSE);
      gtk_widget_set_visible (self->dependencies_bin, FALSE);
      gtk_widget_set_visible (self->nothing_selected, TRUE);
      liaison_map_view_set_marks (view, NULL);
      liaison_map_legend_set_selection (LIAISON_MAP_LEGEND (self->legend), FALSE);
      return;
    }

  map = liaison_map_scene_get_map (self->scene);
  g_free (self->selected_id);
  self->selected_id = g_strdup (liaison_map_get_node (map, node)->id);
  self->dependents = liaison_map_impact (map, node, LIAISON_IMPACT_DEPENDENTS, 0, FALSE);
  self->dependencies = liaison_map_impact (map, node, LIAISON_IMPACT_DEPENDENCIES, 0, FALSE);
  liaison_map_impact_list_show (LIAISON_MAP_IMPACT_LIST (self->dependents_list), map, self->dependents);
  liaison_map_impact_list_show (LIAISON_MAP_IMPACT_LIST (self->dependencies_list), map, self->dependencies);

  marks = g_new0 (guint8, liaison_map_scene_get_n_nodes (self->scene));
  marks[node] = LIAISON_MAP_MARK_SELECTED;
  for (guint i = 0; i < self->dependents->nodes->len; i++)
    marks[g_array_index (self->dependents->nodes, LiaisonImpactNode, i).node] |= LIAISON_MAP_MARK_DEPENDENT;
  for (guint i = 0; i < self->dependencies->nodes->len; i++)
    marks[g_array_index (self->dependencies->nodes, LiaisonImpactNode, i).node] |= LIAISON_MAP_MARK_DEPENDENCY;
  liaison_map_view_set_marks (view, marks);
  liaison_map_legend_set_selection (LIAISON_MAP_LEGEND (self->legend), TRUE);

  {
    g_autofree char *subtitle = node_subtitle (self->scene, node);
    g_autoptr(GMenuModel) menu = node_menu (self, node);

    gtk_label_set_text (GTK_LABEL (self->node_title), self->selected_id);
    gtk_label_set_text (GTK_LABEL (self->node_subtitle), subtitle);
    gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->node_menu_button), menu);
  }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.add-to-group",
                                 liaison_map_get_node (map, node)->kind != LIAISON_MAP_NODE_GROUP &&
                                 !liaison_store_is_read_only (self->store));
  gtk_widget_set_visible (self->nothing_selected, FALSE);
  gtk_widget_set_visible (self->details, TRUE);
  gtk_widget_set_visible (self->dependents_bin, TRUE);
  gtk_widget_set_visible (self->dependencies_bin, TRUE);
}

static void
selection_changed_cb (LiaisonMapPage *self)
{
  liaison_map_page_show_impact (self);
}

static void
node_activated_cb (LiaisonMapPage *self,
                   guint           node)
{
  /* Enter or a double click: the impact beside the map, in view. */
  if (adw_flap_get_folded (ADW_FLAP (self->flap)))
    adw_flap_set_reveal_flap (ADW_FLAP (self->flap), TRUE);
}

static void
context_menu_cb (LiaisonMapPage *self,
                 guint           node,
                 double          x,
                 double          y)
{
  g_autoptr(GMenuModel) menu = NULL;

  if (self->scene == NULL)
    return;
  menu = node_menu (self, node);
  liaison_map_view_popup_menu (LIAISON_MAP_VIEW (self->view), menu, x, y);
}

/* A node chosen in an impact list: shown and selected on the map. */
static void
list_node_activated_cb (LiaisonMapPage *self,
                        guint           node)
{
  LiaisonMapView *view = LIAISON_MAP_VIEW (self->view);

  liaison_map_view_select (view, node);
  liaison_map_view_show_node (view, node);
  gtk_widget_grab_focus (liaison_map_view_get_item (view, node));
}

/* Actions ------------------------------------------------------------------------------ */

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LiaisonMapView *view = LIAISON_MAP_VIEW (LIAISON_MAP_PAGE (widget)->view);

  if (g_str_equal (action_name, "map.zoom-in"))
    liaison_map_view_zoom_step (view, 1);
  else if (g_str_equal (action_name, "map.zoom-out"))
    liaison_map_view_zoom_step (view, -1);
  else
    liaison_map_view_fit (view);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LiaisonMapPage *self = LIAISON_MAP_PAGE (widget);
  LiaisonMapFormat format;

  if (self->scene == NULL || !liaison_map_format_parse (g_variant_get_string (parameter, NULL), &format, NULL))
    return;
  liaison_map_page_export (widget, liaison_store_get_path (self->store), self->scene, format);
}

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LiaisonMapPage *self = LIAISON_MAP_PAGE (widget);
  MapJob job = { 0 };

  read_settings (self, &job);
  gtk_window_present (GTK_WINDOW (liaison_compare_dialog_new (widget, self->store, &job.filter)));
}

static void
groups_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LiaisonMapPage *self = LIAISON_MAP_PAGE (widget);

  gtk_window_present (GTK_WINDOW (liaison_group_dialog_new (widget, self->store, NULL)));
}

static void
group_subnets_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  g_settings_set_string (LIAISON_MAP_PAGE (widget)->settings, "map-grouping", "subnet");
}

/* What a group takes of a node: its device, its address, a subnet's addresses. */
static GStrv
node_members (LiaisonMapScene *scene,
              guint            node)
{
  LiaisonMap *map = liaison_map_scene_get_map (scene);
  const LiaisonMapNode *n = liaison_map_get_node (map, node);

  if (n->kind == LIAISON_MAP_NODE_DEVICE)
    {
      const char *members[] = { n->id, NULL };

      return g_strdupv ((char **) members);
    }
  return liaison_map_dup_addresses (map, node);
}

static void
add_to_group_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LiaisonMapPage *self = LIAISON_MAP_PAGE (widget);
  guint node = liaison_map_view_get_selected (LIAISON_MAP_VIEW (self->view));
  g_auto(GStrv) members = NULL;

  if (self->scene == NULL || node == LIAISON_MAP_SCENE_NONE)
    return;
  members = node_members (self->scene, node);
  gtk_window_present (GTK_WINDOW (liaison_group_dialog_new (widget, self->store, (const char * const *) members)));
}

static void
show_statistics_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  gtk_widget_activate_action_variant (widget, "win.show-statistics", parameter);
}

/* The Communications page searches for what names the node: a device or an
 * address as it is, a subnet by the start of its addresses (10.1.2. for
 * 10.1.2.0/24). */
static void
show_communications_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  const char *id = g_variant_get_string (parameter, NULL);
  const char *slash = strchr (id, '/');
  g_autofree char *search = NULL;

  if (slash != NULL && strchr (id, ':') == NULL)
    {
      guint64 bits = g_ascii_strtoull (slash + 1, NULL, 10);
      g_auto(GStrv) octets = g_strsplit (id, ".", 4);
      GString *prefix = g_string_new (NULL);

      for (guint i = 0; i < bits / 8 && octets[i] != NULL; i++)
        g_string_append_printf (prefix, "%s.", octets[i]);
      search = g_string_free (prefix, FALSE);
    }
  else if (slash != NULL)
    {
      /* An IPv6 /64: the first four groups. */
      g_auto(GStrv) groups = g_strsplit (id, ":", 5);

      search = g_strdup_printf ("%s:%s:%s:%s:", groups[0], groups[1] != NULL ? groups[1] : "",
                                groups[1] != NULL && groups[2] != NULL ? groups[2] : "",
                                groups[1] != NULL && groups[2] != NULL && groups[3] != NULL ? groups[3] : "");
    }
  gtk_widget_activate_action (widget, "win.show-communications", "s", search != NULL ? search : id);
}

/* Object -------------------------------------------------------------------------------- */

static void
liaison_map_page_map (GtkWidget *widget)
{
  LiaisonMapPage *self = LIAISON_MAP_PAGE (widget);

  GTK_WIDGET_CLASS (liaison_map_page_parent_class)->map (widget);
  if (self->stale || self->scene == NULL)
    reload (self, self->scene != NULL);
}

static void
liaison_map_page_dispose (GObject *object)
{
  LiaisonMapPage *self = LIAISON_MAP_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIAISON_TYPE_MAP_PAGE);
  g_clear_pointer (&self->scene, liaison_map_scene_unref);
  g_clear_pointer (&self->dependents, liaison_impact_free);
  g_clear_pointer (&self->dependencies, liaison_impact_free);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (liaison_map_page_parent_class)->dispose (object);
}

static void
liaison_map_page_finalize (GObject *object)
{
  LiaisonMapPage *self = LIAISON_MAP_PAGE (object);

  g_free (self->selected_id);
  g_clear_pointer (&self->connection, liaison_job_connection_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (liaison_map_page_parent_class)->finalize (object);
}

extern void liaison_map_ui_register_resource (void);

static void
liaison_map_page_class_init (LiaisonMapPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_map_page_dispose;
  object_class->finalize = liaison_map_page_finalize;
  widget_class->map = liaison_map_page_map;

  /* The resources live in a static library: register them by hand. */
  liaison_map_ui_register_resource ();
  g_type_ensure (LIAISON_TYPE_MAP_VIEW);
  g_type_ensure (LIAISON_TYPE_MAP_LEGEND);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/liaison/Liaison/map/liaison-map-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonMapPage, box);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMapPage, wide_filters);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMapPage, narrow_filters);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMapPage, flap);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMapPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMapPage, view);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMapPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMapPage, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMapPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMapPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMapPage, too_big_page);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMapPage, legend);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMapPage, legend_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMapPage, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMapPage, nothing_selected);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMapPage, details);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMapPage, node_title);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMapPage, node_subtitle);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMapPage, node_menu_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMapPage, dependents_bin);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMapPage, dependencies_bin);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, node_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, context_menu_cb);

  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "map.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "map.groups", NULL, groups_action);
  gtk_widget_class_install_action (widget_class, "map.compare", NULL, compare_action);
  gtk_widget_class_install_action (widget_class, "map.group-subnets", NULL, group_subnets_action);
  gtk_widget_class_install_action (widget_class, "map.add-to-group", NULL, add_to_group_action);
  gtk_widget_class_install_action (widget_class, "map.show-statistics", "(sus)", show_statistics_action);
  gtk_widget_class_install_action (widget_class, "map.show-communications", "s", show_communications_action);
}

/* The page's icons, once per display. */
static void
add_icons (GtkWidget *widget)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));
  g_auto(GStrv) paths = gtk_icon_theme_get_resource_path (theme);

  if (paths == NULL || !g_strv_contains ((const char * const *) paths, "/io/github/liaison/Liaison/map/icons"))
    gtk_icon_theme_add_resource_path (theme, "/io/github/liaison/Liaison/map/icons");
}

static void
liaison_map_page_init (LiaisonMapPage *self)
{
  add_icons (GTK_WIDGET (self));
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  adw_bin_set_child (ADW_BIN (self->wide_filters), liaison_map_filter_bar_new (self->settings, FALSE));
  adw_bin_set_child (ADW_BIN (self->narrow_filters), liaison_map_filter_bar_new (self->settings, TRUE));
  g_settings_bind (self->settings, "map-show-legend", self->legend_button, "active", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);

  self->dependents_list = liaison_map_impact_list_new (LIAISON_IMPACT_DEPENDENTS);
  self->dependencies_list = liaison_map_impact_list_new (LIAISON_IMPACT_DEPENDENCIES);
  adw_bin_set_child (ADW_BIN (self->dependents_bin), self->dependents_list);
  adw_bin_set_child (ADW_BIN (self->dependencies_bin), self->dependencies_list);
  g_signal_connect_swapped (self->dependents_list, "node-activated", G_CALLBACK (list_node_activated_cb), self);
  g_signal_connect_swapped (self->dependencies_list, "node-activated", G_CALLBACK (list_node_activated_cb), self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.add-to-group", FALSE);
  liaison_map_page_show_impact (self);
}

/**
 * liaison_map_page_new:
 * @store: the database to map
 */
LiaisonMapPage *
liaison_map_page_new (LiaisonStore *store)
{
  LiaisonMapPage *self;

  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);

  self = g_object_new (LIAISON_TYPE_MAP_PAGE, NULL);
  self->store = g_object_ref (store);
  self->connection = liaison_job_connection_new (liaison_store_get_path (store));
  self->changed_id = g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self,
                                              G_CONNECT_SWAPPED);
  self->stale = TRUE;
  return self;
}

/* For tests: what the page shows (the map, or a status page), the view,
 * and the lists. */
GtkWidget *
liaison_map_page_get_shown (LiaisonMapPage *self)
{
  g_return_val_if_fail (LIAISON_IS_MAP_PAGE (self), NULL);

  return gtk_stack_get_visible_child (GTK_STACK (self->stack));
}

LiaisonMapView *
liaison_map_page_get_view (LiaisonMapPage *self)
{
  g_return_val_if_fail (LIAISON_IS_MAP_PAGE (self), NULL);

  return LIAISON_MAP_VIEW (self->view);
}

LiaisonMapImpactList *
liaison_map_page_get_impact_list (LiaisonMapPage         *self,
                                  LiaisonImpactDirection  direction)
{
  g_return_val_if_fail (LIAISON_IS_MAP_PAGE (self), NULL);

  return LIAISON_MAP_IMPACT_LIST (direction == LIAISON_IMPACT_DEPENDENTS ? self->dependents_list
                                                                         : self->dependencies_list);
}
