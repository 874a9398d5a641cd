/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-german"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "liaison-communications-page-private.h"
#include "liaison-import.h"
#include "liaison-preferences-window.h"
#include "liaison-test-utils.h"

/*
 * The application in German (LANGUAGE=de), from the translations of this
 * build: labels, menus, column titles, and times in German order.
 */

typedef LiaisonTestFixture Fixture;

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text))
    return TRUE;
  /* The list's cells are inscriptions. */
  if (GTK_IS_INSCRIPTION (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;

  return FALSE;
}

/* The labels of a menu and its sections and submenus, one after another. */
static void
collect_menu_labels (GMenuModel *menu,
                     GString    *labels)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuModel) section = NULL;
      g_autoptr(GMenuModel) submenu = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        g_string_append_printf (labels, "%s|", label);

      section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      if (section != NULL)
        collect_menu_labels (section, labels);
      submenu = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SUBMENU);
      if (submenu != NULL)
        collect_menu_labels (submenu, labels);
    }
}

static void
test_window (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  AdwViewStack *stack = ADW_VIEW_STACK (liaison_test_find_widget (window, ADW_TYPE_VIEW_STACK, NULL, NULL));
  GtkMenuButton *menu_button = GTK_MENU_BUTTON (liaison_test_find_widget (window, GTK_TYPE_MENU_BUTTON, NULL, NULL));
  g_autoptr(GString) labels = g_string_new ("|");

  g_assert_nonnull (stack);
  g_assert_cmpstr (adw_view_stack_page_get_title (adw_view_stack_get_page (stack, adw_view_stack_get_child_by_name (stack, "communications"))),
                   ==, "Kommunikationen");
  g_assert_cmpstr (adw_view_stack_page_get_title (adw_view_stack_get_page (stack, adw_view_stack_get_child_by_name (stack, "statistics"))),
                   ==, "Statistiken");

  /* The empty list says so in German. */
  g_assert_true (has_label (window, "Keine Dienstkommunikationen"));

  g_assert_nonnull (menu_button);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (menu_button)), ==, "Hauptmenü");
  collect_menu_labels (gtk_menu_button_get_menu_model (menu_button), labels);
  g_assert_nonnull (strstr (labels->str, "|Stichproben _importieren …|"));
  g_assert_nonnull (strstr (labels->str, "|_Einstellungen|"));
  g_assert_nonnull (strstr (labels->str, "|_Tastenkürzel|"));
  g_assert_nonnull (strstr (labels->str, "|_Info zu Liaison|"));
}

static gboolean
shows_german_time (gpointer user_data)
{
  return has_label (user_data, "02.01.2026 03:04:05");
}

static void
test_columns_and_times (Fixture       *fixture,
                        gconstpointer  data)
{
  LiaisonCommunicationsPage *page = liaison_test_get_page (fixture);
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (liaison_communications_page_get_column_view (page)));
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "netstat", "netstat-tanp.txt", NULL);
  const char *paths[] = { path, NULL };
  LiaisonImportOptions options = { 0 };
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_ptr_array_add (titles, g_strdup (gtk_column_view_column_get_title (column)));
    }
  g_ptr_array_add (titles, NULL);
  g_assert_true (g_strv_contains ((const char * const *) titles->pdata, "Dienst-IP"));
  g_assert_true (g_strv_contains ((const char * const *) titles->pdata, "Zuerst erkannt"));
  g_assert_true (g_strv_contains ((const char * const *) titles->pdata, "Quelle"));

  /* 2026-01-02 03:04:05 UTC, shown the German way. */
  options.kind = LIAISON_SAMPLE_NETSTAT;
  options.host = "web01";
  options.time = (LiaisonTime) 1767323045 * 1000;
  options.start = LIAISON_TIME_NONE;
  g_assert_true (liaison_import_files (fixture->store, &options, paths, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  liaison_store_changed (fixture->store);

  g_assert_true (liaison_test_wait (shows_german_time, fixture->window, 5000));
  g_assert_true (has_label (GTK_WIDGET (page), "Netstat"));
}

static gboolean
is_manual (GtkWidget     *widget,
           gconstpointer  data)
{
  return gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), "Von Hand") == 0;
}

/* At 1,400 px every German column title reads in full, and so does a
 * row's source, "Von Hand". */
static void
test_columns_in_full (Fixture       *fixture,
                      gconstpointer  data)
{
  LiaisonCommunicationsPage *page = liaison_test_get_page (fixture);
  g_autoptr(GPtrArray) titles = NULL;
  GtkWidget *manual;

  liaison_test_add_row (fixture->store, "192.168.100.200", "192.168.200.100", "65535", "build-runner");
  liaison_test_flush ();
  g_assert_cmpuint (liaison_test_n_rows (fixture), ==, 1);
  liaison_test_resize (fixture->window, 1400, 900);

  titles = liaison_test_get_column_titles (liaison_communications_page_get_column_view (page));
  g_assert_cmpuint (titles->len, ==, LIAISON_COMMUNICATIONS_PAGE_N_COLUMNS);
  for (guint i = 0; i < titles->len; i++)
    {
      g_test_message ("Spalte %s", gtk_label_get_text (g_ptr_array_index (titles, i)));
      g_assert_true (liaison_test_label_in_full (g_ptr_array_index (titles, i)));
    }

  manual = liaison_test_find_widget (GTK_WIDGET (page), GTK_TYPE_INSCRIPTION, is_manual, NULL);
  g_assert_nonnull (manual);
  g_assert_true (liaison_test_text_fits (manual, "Von Hand"));
}

static gboolean
preferences_open (gpointer user_data)
{
  return liaison_test_find_window (LIAISON_TYPE_PREFERENCES_WINDOW) != NULL;
}

static void
test_preferences (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWindow *preferences;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "preferences", NULL);
  g_assert_true (liaison_test_wait (preferences_open, NULL, 5000));
  liaison_test_flush ();

  preferences = liaison_test_find_window (LIAISON_TYPE_PREFERENCES_WINDOW);
  g_assert_cmpstr (gtk_window_get_title (preferences), ==, "Einstellungen");
  g_assert_true (has_label (GTK_WIDGET (preferences), "Andere Datenbank öffnen …"));
  g_assert_true (has_label (GTK_WIDGET (preferences), "Ortszeit"));
}

int
main (int   argc,
      char *argv[])
{
  /* German messages in any locale, even C.UTF-8, from this build's catalog. */
  g_setenv ("LANGUAGE", "de", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  liaison_test_init (&argc, &argv);

  if (!g_str_equal (_("Preferences"), "Einstellungen"))
    {
      g_test_skip ("German messages are not available in this locale");
      return g_test_run ();
    }

  liaison_test_add ("/german/window", test_window, NULL);
  liaison_test_add ("/german/columns-and-times", test_columns_and_times, NULL);
  liaison_test_add_file ("/german/preferences", test_preferences, NULL);
  liaison_test_add ("/german/columns-in-full", test_columns_in_full, NULL);

  return g_test_run ();
}
