/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "liaison-communications-page-private.h"
#include "liaison-map-page-export.h"
#include "liaison-map-page-parts.h"
#include "liaison-map-page-private.h"
#include "liaison-map-view-private.h"
#include "liaison-store-groups.h"
#include "liaison-test-utils.h"
#include "map-test-store.h"

/*
 * liaison-map-page.c and the rooms it holds, in the main window on the
 * map's hand-built store: the nodes shown, a node's impact lists, the
 * filters from the settings and their controls, the exports, a node's
 * menu (Statistics, Communications, groups), the group dialog, and the
 * pages shown for an empty map and for one too big to draw.
 */

typedef struct
{
  MapTestStore   *store;
  LiaisonWindow  *window;
  LiaisonMapPage *page;
  LiaisonMapView *view;
  GSettings      *settings;
} Page;

static const char *map_keys[] = {
  "map-grouping", "map-min-persistence", "map-min-events", "map-hide-loopback", "map-hide-hubs",
  "map-seen-within",
};

static gboolean
page_ready (gpointer data)
{
  Page *p = data;

  /* The map drawn, when the page shows it. */
  return !liaison_map_page_get_loading (p->page) &&
         (liaison_map_page_get_shown (p->page) != GTK_WIDGET (p->view) || liaison_map_view_is_rendered (p->view));
}

static void
wait_ready (Page *p)
{
  /* A change of the settings or the store is taken up after a short pause. */
  liaison_test_flush ();
  g_assert_true (liaison_test_wait (page_ready, p, 20000));
  liaison_test_flush ();
}

/* The main window, on the Map page, over @store (NULL: the map's store). */
static void
page_open (LiaisonTestFixture *fixture,
           Page               *p,
           MapTestStore       *store)
{
  p->settings = g_settings_new (APPLICATION_ID);
  for (guint i = 0; i < G_N_ELEMENTS (map_keys); i++)
    g_settings_reset (p->settings, map_keys[i]);
  /* The tests name every node by device; the page's default puts the
   * outside addresses into their subnets (see test_defaults). */
  g_settings_set_string (p->settings, "map-grouping", "device");
  p->store = store != NULL ? store : map_test_store_new ();
  p->window = liaison_window_new (fixture->app, p->store->store);
  g_object_ref_sink (p->window);
  gtk_window_set_default_size (GTK_WINDOW (p->window), 1300, 800);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (p->window->stack), "map");
  p->page = p->window->map_page;
  p->view = liaison_map_page_get_view (p->page);
  gtk_window_present (GTK_WINDOW (p->window));
  wait_ready (p);
}

static void
page_close (Page *p)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (toplevels);
  liaison_test_flush ();
  g_clear_object (&p->window);
  liaison_test_flush ();
  g_clear_pointer (&p->store, map_test_store_free);
  for (guint i = 0; i < G_N_ELEMENTS (map_keys); i++)
    g_settings_reset (p->settings, map_keys[i]);
  g_clear_object (&p->settings);
}

static LiaisonMapScene *
scene (Page *p)
{
  LiaisonMapScene *scene = liaison_map_view_get_scene (p->view);

  g_assert_nonnull (scene);
  return scene;
}

static guint
node (Page       *p,
      const char *id)
{
  guint found = liaison_map_scene_find_node (scene (p), id);

  g_assert_cmpuint (found, !=, LIAISON_MAP_SCENE_NONE);
  return found;
}

static gboolean
has_node (Page       *p,
          const char *id)
{
  return liaison_map_scene_find_node (scene (p), id) != LIAISON_MAP_SCENE_NONE;
}

/* The ids of an impact list's rows, joined by spaces. */
static char *
rows (Page                   *p,
      LiaisonImpactDirection  direction)
{
  LiaisonMapImpactList *list = liaison_map_page_get_impact_list (p->page, direction);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < liaison_map_impact_list_get_n_rows (list); i++)
    g_string_append_printf (out, "%s%s", i > 0 ? " " : "", liaison_map_impact_list_get_row_id (list, i));
  return g_string_free (out, FALSE);
}

static gboolean
is_status_page (GtkWidget     *widget,
                gconstpointer  data)
{
  return g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), data) == 0;
}

/* The nodes ----------------------------------------------------------------------- */

static void
test_nodes (LiaisonTestFixture *fixture,
            gconstpointer       data)
{
  Page p = { 0 };
  guint items = 0;

  page_open (fixture, &p, NULL);
  g_assert_true (liaison_map_page_get_shown (p.page) == GTK_WIDGET (p.view));
  g_assert_cmpuint (liaison_map_scene_get_n_nodes (scene (&p)), ==, 10);
  g_assert_cmpuint (liaison_map_scene_get_n_links (scene (&p)), ==, 18);
  g_assert_true (has_node (&p, "db01"));
  g_assert_true (has_node (&p, "203.0.113.10"));
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (p.view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    items += gtk_widget_get_focusable (child);
  g_assert_cmpuint (items, ==, 10);
  page_close (&p);
}

/* The page opens with addresses no device is named for by /24, and hubs of
 * more than 20 clients set apart. */
static void
test_defaults (LiaisonTestFixture *fixture,
               gconstpointer       data)
{
  Page p = { 0 };
  g_autofree char *grouping = NULL;

  page_open (fixture, &p, NULL);
  g_settings_reset (p.settings, "map-grouping");
  grouping = g_settings_get_string (p.settings, "map-grouping");
  g_assert_cmpstr (grouping, ==, "subnet");
  g_assert_cmpuint (g_settings_get_uint (p.settings, "map-hide-hubs"), ==, 20);
  wait_ready (&p);
  g_assert_true (has_node (&p, "192.168.10.0/24"));
  g_assert_false (has_node (&p, "192.168.10.5"));
  g_assert_true (has_node (&p, "web01"));
  g_assert_cmpuint (liaison_map_scene_get_n_nodes (scene (&p)), ==, 9);
  page_close (&p);
}

/* Impact ----------------------------------------------------------------------------- */

static gboolean
is_list_box (GtkWidget     *widget,
             gconstpointer  data)
{
  return TRUE;
}

static void
test_impact (LiaisonTestFixture *fixture,
             gconstpointer       data)
{
  Page p = { 0 };
  LiaisonMapImpactList *dependents, *dependencies;
  g_autofree char *up = NULL;
  g_autofree char *down = NULL;
  GtkWidget *list;
  GtkListBoxRow *row;

  page_open (fixture, &p, NULL);
  dependents = liaison_map_page_get_impact_list (p.page, LIAISON_IMPACT_DEPENDENTS);
  dependencies = liaison_map_page_get_impact_list (p.page, LIAISON_IMPACT_DEPENDENCIES);
  g_assert_cmpuint (liaison_map_impact_list_get_n_rows (dependents), ==, 0);

  /* db01: the web tier calls it; db02, and who calls the web tier, through them. */
  liaison_map_view_select (p.view, node (&p, "db01"));
  wait_ready (&p);
  up = rows (&p, LIAISON_IMPACT_DEPENDENTS);
  down = rows (&p, LIAISON_IMPACT_DEPENDENCIES);
  g_assert_cmpstr (up, ==, "web01 web02 db02 192.168.10.5 192.168.10.6 192.168.20.7");
  g_assert_cmpstr (down, ==, "db02 dns01 web01 198.51.100.1 203.0.113.10");
  g_assert_cmpstr (liaison_map_impact_list_get_heading (dependents), ==, "What breaks if db01 goes away: 6 nodes");
  g_assert_cmpstr (liaison_map_impact_list_get_heading (dependencies), ==, "What db01 needs: 5 nodes");
  g_assert_true (liaison_test_shows_label (GTK_WIDGET (p.page), "calls it directly"));
  g_assert_true (liaison_test_shows_label (GTK_WIDGET (p.page), "2 steps away"));
  g_assert_true (liaison_test_shows_label (GTK_WIDGET (p.page), "Device · 10.0.2.21, 127.0.0.1"));

  /* A row activated selects its node on the map. */
  list = liaison_test_find_widget (GTK_WIDGET (dependents), GTK_TYPE_LIST_BOX, is_list_box, NULL);
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1);
  g_signal_emit_by_name (list, "row-activated", row);
  wait_ready (&p);
  g_assert_cmpuint (liaison_map_view_get_selected (p.view), ==, node (&p, "web02"));
  g_clear_pointer (&up, g_free);
  up = rows (&p, LIAISON_IMPACT_DEPENDENTS);
  g_assert_cmpstr (up, ==, "192.168.10.6");

  /* Nothing calls the upstream resolver's callers' callers... it calls nothing. */
  liaison_map_view_select (p.view, node (&p, "198.51.100.1"));
  wait_ready (&p);
  g_assert_cmpuint (liaison_map_impact_list_get_n_rows (dependencies), ==, 0);
  g_assert_true (liaison_test_shows_label (GTK_WIDGET (p.page), "It depends on nothing on this map."));

  /* Nothing selected: the lists empty, the sidebar says what to do. */
  liaison_map_view_select (p.view, LIAISON_MAP_SCENE_NONE);
  wait_ready (&p);
  g_assert_cmpuint (liaison_map_impact_list_get_n_rows (dependents), ==, 0);
  g_assert_true (liaison_test_shows_label (GTK_WIDGET (p.page),
                                           "Select a node to see what depends on it, and what it needs."));
  page_close (&p);
}

/* Filters ----------------------------------------------------------------------------- */

static gboolean
is_check_button (GtkWidget     *widget,
                 gconstpointer  data)
{
  return g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), data) == 0;
}

static gboolean
is_label (GtkWidget     *widget,
          gconstpointer  data)
{
  return g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), data) == 0;
}

static void
test_filters (LiaisonTestFixture *fixture,
              gconstpointer       data)
{
  Page p = { 0 };
  GtkWidget *loopback, *seen;
  const LiaisonMapEdge *edges;
  guint n_edges;

  page_open (fixture, &p, NULL);

  /* The controls show the settings, both ways. */
  loopback = liaison_test_find_widget (GTK_WIDGET (p.page), GTK_TYPE_CHECK_BUTTON, is_check_button, "Hide _loopback");
  g_assert_nonnull (loopback);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (loopback)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (loopback), TRUE);
  g_assert_true (g_settings_get_boolean (p.settings, "map-hide-loopback"));
  wait_ready (&p);
  /* The self-edges of web01 (6379) and db01 (5432) are gone. */
  g_assert_cmpuint (liaison_map_scene_get_n_links (scene (&p)), ==, 16);

  /* Only lines of 100 %: web01 -> dns01 53/tcp, web02 -> db01 and
   * 192.168.10.6 -> web01; and the six DNS lines with flow events only,
   * which a persistence filter lets pass (map.md 3). */
  g_settings_set_double (p.settings, "map-min-persistence", 100);
  wait_ready (&p);
  edges = liaison_map_get_edges (liaison_map_scene_get_map (scene (&p)), &n_edges);
  g_assert_cmpuint (n_edges, ==, 9);
  for (guint i = 0; i < n_edges; i++)
    g_assert_true (edges[i].has_netstat ? edges[i].persistence_percent == 100 : edges[i].flow_events > 0);
  g_assert_cmpuint (liaison_map_scene_get_n_nodes (scene (&p)), ==, 8);
  g_assert_false (has_node (&p, "203.0.113.10"));

  /* The groups as nodes: shop instead of web01 and web02. */
  g_settings_reset (p.settings, "map-min-persistence");
  g_settings_set_string (p.settings, "map-grouping", "groups");
  wait_ready (&p);
  g_assert_true (has_node (&p, "shop"));
  g_assert_false (has_node (&p, "web01"));
  g_assert_cmpuint (liaison_map_scene_get_n_nodes (scene (&p)), ==, 9);

  /* Hubs: dns01 has five clients. */
  g_settings_set_string (p.settings, "map-grouping", "device");
  g_settings_set_uint (p.settings, "map-hide-hubs", 4);
  wait_ready (&p);
  g_assert_true (liaison_map_get_node (liaison_map_scene_get_map (scene (&p)), node (&p, "dns01"))->hub);

  /* The time range, map.md 3 "seen within D": Last day keeps the ten lines
   * silent for less than a day (tests/core/test-map.c, seen-within); the
   * hand-typed one, whose silence is not known, goes too. */
  g_settings_reset (p.settings, "map-hide-hubs");
  g_settings_set_boolean (p.settings, "map-hide-loopback", FALSE);
  seen = liaison_test_find_widget (GTK_WIDGET (p.page), GTK_TYPE_LABEL, is_label, "_Seen");
  g_assert_nonnull (seen);
  seen = gtk_label_get_mnemonic_widget (GTK_LABEL (seen));
  g_assert_true (GTK_IS_DROP_DOWN (seen));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (seen)), ==, 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (seen), 2);
  g_assert_cmpuint (g_settings_get_uint (p.settings, "map-seen-within"), ==, 86400);
  wait_ready (&p);
  liaison_map_get_edges (liaison_map_scene_get_map (scene (&p)), &n_edges);
  g_assert_cmpuint (n_edges, ==, 10);
  /* web01 -> dns01 53/tcp and 53/udp are one line. */
  g_assert_cmpuint (liaison_map_scene_get_n_links (scene (&p)), ==, 9);
  g_assert_cmpuint (liaison_map_scene_get_n_nodes (scene (&p)), ==, 8);
  g_assert_false (has_node (&p, "192.168.20.7"));
  g_assert_false (has_node (&p, "203.0.113.10"));

  /* A time set by hand shows as the next longer choice. */
  g_settings_set_uint (p.settings, "map-seen-within", 7200);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (seen)), ==, 2);
  page_close (&p);
}

/* Exports ------------------------------------------------------------------------------ */

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static char *
export_to (Page             *p,
           LiaisonMapFormat  format,
           const char       *name,
           gsize            *length)
{
  g_autofree char *path = g_build_filename (p->store->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  liaison_map_page_export_to_file (GTK_WIDGET (p->page), p->store->database, scene (p), format, file);
  g_assert_true (liaison_test_wait (file_exists, path, 10000));
  liaison_test_flush ();
  g_assert_true (g_file_get_contents (path, &contents, length, &error));
  g_assert_no_error (error);
  return contents;
}

static void
test_export (LiaisonTestFixture *fixture,
             gconstpointer       data)
{
  Page p = { 0 };
  LiaisonMapFilter filter = { .hide_loopback = TRUE, .hide_hubs = 20 };
  g_autofree char *json = NULL;
  g_autofree char *expected_json = NULL;
  g_autofree char *rules = NULL;
  g_autofree char *expected_rules = NULL;
  g_autofree char *png = NULL;
  gsize length = 0;

  page_open (fixture, &p, NULL);
  g_settings_set_boolean (p.settings, "map-hide-loopback", TRUE);
  wait_ready (&p);

  /* What liaison-cli map and rules write for the same filters, byte for byte. */
  json = export_to (&p, LIAISON_MAP_FORMAT_JSON, "map.json", NULL);
  expected_json = map_test_store_export (p.store, &filter, NULL, "json");
  g_assert_cmpstr (json, ==, expected_json);
  g_assert_nonnull (strstr (json, "\"filters\": \"--hide-loopback --hide-hubs 20\""));
  g_assert_true (liaison_test_wait_for_label (GTK_WIDGET (p.window), "Exported to “map.json”", 5000));

  rules = export_to (&p, LIAISON_MAP_FORMAT_NFTABLES, "allow.nft", NULL);
  expected_rules = map_test_store_export (p.store, &filter, NULL, "nftables");
  g_assert_cmpstr (rules, ==, expected_rules);
  g_assert_null (strstr (rules, "127.0.0.1"));

  /* The drawing of the layout shown. */
  png = export_to (&p, LIAISON_MAP_FORMAT_PNG, "map.png", &length);
  g_assert_cmpuint (length, >, 8);
  g_assert_cmpmem (png, 8, "\x89PNG\r\n\x1a\n", 8);
  page_close (&p);
}

/* A node's menu -------------------------------------------------------------------------- */

/* The labels and targets of @model's items, "label=target" one a line. */
static void
append_items (GString    *out,
              GMenuModel *model)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      g_autofree char *label = NULL;
      g_autoptr(GVariant) target = NULL;

      if (section != NULL)
        {
          append_items (out, section);
          continue;
        }
      g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
      target = g_menu_model_get_item_attribute_value (model, i, G_MENU_ATTRIBUTE_TARGET, NULL);
      g_string_append (out, label);
      if (target != NULL)
        {
          g_autofree char *text = g_variant_print (target, FALSE);

          g_string_append_printf (out, "=%s", text);
        }
      g_string_append_c (out, '\n');
    }
}

static char *
node_menu (Page       *p,
           const char *id)
{
  GString *out = g_string_new (NULL);

  g_signal_emit_by_name (p->view, "context-menu", node (p, id), 100.0, 100.0);
  liaison_test_flush ();
  g_assert_nonnull (p->view->menu);
  g_assert_true (gtk_widget_get_visible (p->view->menu));
  append_items (out, gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (p->view->menu)));
  gtk_popover_popdown (GTK_POPOVER (p->view->menu));
  return g_string_free (out, FALSE);
}

static void
test_menu (LiaisonTestFixture *fixture,
           gconstpointer       data)
{
  Page p = { 0 };
  g_autofree char *db01 = NULL;
  g_autofree char *client = NULL;
  GtkEditable *search;

  page_open (fixture, &p, NULL);

  /* The statistics of each port it listens on, at its address. */
  db01 = node_menu (&p, "db01");
  g_assert_cmpstr (db01, ==,
                   "Statistics of 5432/postgresql=('10.0.2.21', 5432, 'tcp')\n"
                   "Show _Communications='db01'\n"
                   "_Add to Group…\n");
  client = node_menu (&p, "192.168.20.7");
  g_assert_cmpstr (client, ==,
                   "No Statistics: It Listens on No Port\n"
                   "Show _Communications='192.168.20.7'\n"
                   "_Add to Group…\n");

  /* Show Communications: that page, searched for the node. */
  gtk_widget_activate_action (GTK_WIDGET (p.page), "map.show-communications", "s", "db01");
  liaison_test_flush ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (p.window->stack)), ==, "communications");
  search = GTK_EDITABLE (liaison_communications_page_get_search_entry (LIAISON_COMMUNICATIONS_PAGE (p.window->communications_page)));
  g_assert_cmpstr (gtk_editable_get_text (search), ==, "db01");

  /* Show Statistics: that page, on the listener. */
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (p.window->stack), "map");
  gtk_widget_activate_action (GTK_WIDGET (p.page), "map.show-statistics", "(sus)", "10.0.2.21", 5432, "tcp");
  liaison_test_flush ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (p.window->stack)), ==, "statistics");

  /* A subnet is searched for by the start of its addresses. */
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (p.window->stack), "map");
  gtk_widget_activate_action (GTK_WIDGET (p.page), "map.show-communications", "s", "192.168.10.0/24");
  liaison_test_flush ();
  g_assert_cmpstr (gtk_editable_get_text (search), ==, "192.168.10.");
  page_close (&p);
}

/* Groups --------------------------------------------------------------------------------- */

static gboolean
has_title (GtkWidget     *widget,
           gconstpointer  data)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static gboolean
has_text (GtkWidget     *widget,
          gconstpointer  data)
{
  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (widget)), data) == 0;
}

static gboolean
has_tooltip (GtkWidget     *widget,
             gconstpointer  data)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

/* The groups as `liaison-cli group list` prints them. */
static char *
groups (Page *p)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = liaison_store_list_groups (p->store->store, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      LiaisonGroup *group = g_ptr_array_index (list, i);
      g_autofree char *devices = g_strjoinv (",", group->devices);
      g_autofree char *addresses = g_strjoinv (",", group->addresses);

      g_string_append_printf (out, "%s:%s;%s\n", group->name, devices, addresses);
    }
  return g_string_free (out, FALSE);
}

typedef struct
{
  GtkWidget        *root;
  GType             type;
  LiaisonTestMatch  match;
  gconstpointer     data;
  GtkWidget        *found;
} Find;

static gboolean
found (gpointer user_data)
{
  Find *find = user_data;

  find->found = liaison_test_find_widget (find->root, find->type, find->match, find->data);
  return find->found != NULL;
}

/* The widget, once the dialog shows it (its groups are read in a worker). */
static GtkWidget *
wait_for_widget (GtkWidget        *root,
                 GType             type,
                 LiaisonTestMatch  match,
                 gconstpointer     data)
{
  Find find = { root, type, match, data, NULL };

  g_assert_true (liaison_test_wait (found, &find, 5000));
  return find.found;
}

static gboolean
sensitive (gpointer widget)
{
  return gtk_widget_is_sensitive (widget);
}

/* The dialog shows web02 out of storefront, and waits no more. */
static gboolean
web02_taken_out (gpointer dialog)
{
  GtkWidget *kept = liaison_test_find_widget (dialog, GTK_TYPE_BUTTON, has_tooltip, "Remove web01 from storefront");

  return kept != NULL && gtk_widget_is_sensitive (kept) &&
         liaison_test_find_widget (dialog, GTK_TYPE_BUTTON, has_tooltip, "Remove web02 from storefront") == NULL;
}

typedef struct
{
  Page       *page;
  const char *expected;
} Groups;

static gboolean
groups_are (gpointer user_data)
{
  Groups *wanted = user_data;
  g_autofree char *now = groups (wanted->page);

  return g_strcmp0 (now, wanted->expected) == 0;
}

static void
test_groups (LiaisonTestFixture *fixture,
             gconstpointer       data)
{
  Page p = { 0 };
  GtkWindow *dialog;
  GtkWidget *row, *button;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *renamed = NULL;

  page_open (fixture, &p, NULL);
  g_settings_set_string (p.settings, "map-grouping", "groups");
  wait_ready (&p);

  /* Add to Group…: db01 into a new group; the map shows it as a node. */
  liaison_map_view_select (p.view, node (&p, "db01"));
  gtk_widget_activate_action (GTK_WIDGET (p.page), "map.add-to-group", NULL);
  dialog = liaison_test_wait_for_window (LIAISON_TYPE_GROUP_DIALOG);
  row = liaison_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, has_title, "Into a _new group named");
  g_assert_nonnull (row);
  /* It waits while the groups are read. */
  g_assert_false (gtk_widget_is_sensitive (row));
  g_assert_true (liaison_test_wait (sensitive, row, 5000));
  gtk_editable_set_text (GTK_EDITABLE (row), "data");
  g_signal_emit_by_name (row, "apply");
  liaison_test_wait_for_no_window (LIAISON_TYPE_GROUP_DIALOG);
  after = groups (&p);
  g_assert_cmpstr (after, ==, "data:db01;\nshop:web01,web02;\n");
  g_assert_true (liaison_test_wait_for_label (GTK_WIDGET (p.window), "db01 added to data", 5000));
  wait_ready (&p);
  g_assert_true (has_node (&p, "data"));
  g_assert_false (has_node (&p, "db01"));

  /* Groups…: rename shop, take web02 out of it. */
  gtk_widget_activate_action (GTK_WIDGET (p.page), "map.groups", NULL);
  dialog = liaison_test_wait_for_window (LIAISON_TYPE_GROUP_DIALOG);
  row = wait_for_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, has_text, "shop");
  gtk_editable_set_text (GTK_EDITABLE (row), "storefront");
  g_signal_emit_by_name (row, "apply");
  button = wait_for_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, has_tooltip, "Remove web02 from storefront");
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (liaison_test_wait (groups_are, &(Groups) { &p, "data:db01;\nstorefront:web01;\n" }, 5000));
  g_assert_true (liaison_test_wait (web02_taken_out, dialog, 5000));
  renamed = groups (&p);
  g_assert_cmpstr (renamed, ==, "data:db01;\nstorefront:web01;\n");

  /* A member of another group already: refused, with the reason, nothing changed. */
  before = g_steal_pointer (&renamed);
  row = liaison_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_EXPANDER_ROW, has_title, "storefront");
  g_assert_nonnull (row);
  row = liaison_test_find_widget (row, ADW_TYPE_ENTRY_ROW, has_title, "Add a device or an address");
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "db01");
  g_signal_emit_by_name (row, "apply");
  g_assert_true (liaison_test_wait_for_label (GTK_WIDGET (dialog),
                                              "“db01” is in the group “data” already; "
                                              "a device or an address is in one group at most", 5000));
  renamed = groups (&p);
  g_assert_cmpstr (renamed, ==, before);
  page_close (&p);
}

/* Empty and too big ----------------------------------------------------------------------- */

static void
test_empty (LiaisonTestFixture *fixture,
            gconstpointer       data)
{
  Page p = { 0 };
  MapTestStore *store = g_new0 (MapTestStore, 1);
  g_autoptr(GError) error = NULL;
  GtkWidget *shown;

  store->dir = g_dir_make_tmp ("liaison-map-XXXXXX", &error);
  store->database = g_build_filename (store->dir, "liaison.db", NULL);
  store->store = liaison_store_open (store->database, &error);
  g_assert_no_error (error);
  page_open (fixture, &p, store);

  shown = liaison_map_page_get_shown (p.page);
  g_assert_true (ADW_IS_STATUS_PAGE (shown));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (shown)), ==, "Nothing to Map");
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (shown)), ==,
                   "Import netstat or netflow samples, or add service communications, to see who talks to whom.");

  /* A row added: the map comes. */
  liaison_test_add_row (p.store->store, "10.0.0.9", "10.0.0.5", "443", "laptop");
  wait_ready (&p);
  g_assert_true (liaison_map_page_get_shown (p.page) == GTK_WIDGET (p.view));
  g_assert_cmpuint (liaison_map_scene_get_n_nodes (scene (&p)), ==, 2);

  /* Typed in by hand, it has no persistence: the filter leaves it out, and
   * the page says what to do. */
  g_settings_set_double (p.settings, "map-min-persistence", 50);
  wait_ready (&p);
  shown = liaison_map_page_get_shown (p.page);
  g_assert_true (shown == liaison_test_find_widget (GTK_WIDGET (p.page), ADW_TYPE_STATUS_PAGE, is_status_page,
                                                    "Nothing to Map"));
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (shown)), ==,
                   "No line passes the filters. Ease them to see more.");
  page_close (&p);
}

/* 4,001 clients of one listener: more than the page draws, until the
 * addresses of each /24 are put together. */
static void
test_too_big (LiaisonTestFixture *fixture,
              gconstpointer       data)
{
  Page p = { 0 };
  MapTestStore *store = g_new0 (MapTestStore, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *grouping = NULL;
  GtkWidget *shown;

  store->dir = g_dir_make_tmp ("liaison-map-XXXXXX", &error);
  store->database = g_build_filename (store->dir, "liaison.db", NULL);
  store->store = liaison_store_open (store->database, &error);
  g_assert_no_error (error);
  g_assert_true (liaison_store_begin (store->store, &error));
  for (guint i = 0; i < 4001; i++)
    {
      char client[32];

      g_snprintf (client, sizeof client, "10.20.%u.%u", i / 250, i % 250 + 1);
      liaison_test_add_row (store->store, client, "10.9.9.9", "443", NULL);
    }
  g_assert_true (liaison_store_commit (store->store, &error));
  page_open (fixture, &p, store);

  shown = liaison_map_page_get_shown (p.page);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (shown)), ==, "Too Many Nodes");
  g_assert_true (g_str_has_prefix (adw_status_page_get_description (ADW_STATUS_PAGE (shown)),
                                   "This map has 4002 nodes, too many to draw and to read."));

  gtk_widget_activate_action (GTK_WIDGET (p.page), "map.group-subnets", NULL);
  grouping = g_settings_get_string (p.settings, "map-grouping");
  g_assert_cmpstr (grouping, ==, "subnet");
  wait_ready (&p);
  g_assert_true (liaison_map_page_get_shown (p.page) == GTK_WIDGET (p.view));
  /* 10.20.0.0/24 ... 10.20.16.0/24, and the listener's 10.9.9.0/24. */
  g_assert_cmpuint (liaison_map_scene_get_n_nodes (scene (&p)), ==, 18);
  g_assert_true (has_node (&p, "10.9.9.0/24"));
  page_close (&p);
}

/* Compare ------------------------------------------------------------------------------ */

static gboolean
compare_idle (gpointer data)
{
  return !liaison_compare_dialog_get_busy (data);
}

static guint
n_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL; child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

/* map.md 5 on the page: the two ranges of tests/cli/test-cli-map.c
 * (compare), [T1, T2) and [T2, 2026-11-23): 8 new, 4 gone, 6 kept, each an
 * ordinary row; web01 -> db01 5432 kept at 1 of 1, then 1 of 2 samples. */
static void
test_compare (LiaisonTestFixture *fixture,
              gconstpointer       data)
{
  Page p = { 0 };
  LiaisonCompareDialog *dialog;
  GtkWidget *list, *row;

  page_open (fixture, &p, NULL);
  gtk_widget_activate_action (GTK_WIDGET (p.page), "map.compare", NULL);
  dialog = LIAISON_COMPARE_DIALOG (liaison_test_wait_for_window (LIAISON_TYPE_COMPARE_DIALOG));

  /* A time that is none: nothing runs, the lists stay hidden. */
  liaison_compare_dialog_compare (dialog, "2026-11-20", "yesterday", "2026-11-21", "2026-11-23");
  g_assert_false (liaison_compare_dialog_get_busy (dialog));
  g_assert_false (gtk_widget_is_visible (liaison_compare_dialog_get_list (dialog, LIAISON_COMPARE_NEW)));

  liaison_compare_dialog_compare (dialog, "2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z",
                                  "2026-11-21T00:00:00Z", "2026-11-23T00:00:00Z");
  g_assert_true (liaison_test_wait (compare_idle, dialog, 20000));
  g_assert_cmpuint (n_rows (liaison_compare_dialog_get_list (dialog, LIAISON_COMPARE_NEW)), ==, 8);
  g_assert_cmpuint (n_rows (liaison_compare_dialog_get_list (dialog, LIAISON_COMPARE_GONE)), ==, 4);
  list = liaison_compare_dialog_get_list (dialog, LIAISON_COMPARE_KEPT);
  g_assert_cmpuint (n_rows (list), ==, 6);
  g_assert_true (gtk_widget_is_visible (list));
  g_assert_true (GTK_IS_LIST_BOX (list));

  row = gtk_widget_get_first_child (list);
  g_assert_true (ADW_IS_ACTION_ROW (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "10.0.1.11 → 10.0.2.21");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "5432/tcp (postgresql); persistence 100 % → 50 %, flow events – → –");

  gtk_window_destroy (GTK_WINDOW (dialog));
  page_close (&p);
}

int
main (int    argc,
      char **argv)
{
  static const LiaisonTestSetup folder = { LIAISON_TEST_FOLDER, NULL };

  liaison_test_init (&argc, &argv);

  liaison_test_add ("/map-page/nodes", test_nodes, &folder);
  liaison_test_add ("/map-page/defaults", test_defaults, &folder);
  liaison_test_add ("/map-page/impact", test_impact, &folder);
  liaison_test_add ("/map-page/filters", test_filters, &folder);
  liaison_test_add ("/map-page/export", test_export, &folder);
  liaison_test_add ("/map-page/menu", test_menu, &folder);
  liaison_test_add ("/map-page/groups", test_groups, &folder);
  liaison_test_add ("/map-page/compare", test_compare, &folder);
  liaison_test_add ("/map-page/empty", test_empty, &folder);
  liaison_test_add ("/map-page/too-big", test_too_big, &folder);

  return g_test_run ();
}
