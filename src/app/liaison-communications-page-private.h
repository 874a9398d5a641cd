/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-communications-page.h"
#include "liaison-export-csv.h"
#include "liaison-store-communications.h"

G_BEGIN_DECLS

/*
 * The Communications page's own, shared by its files: the page itself
 * (liaison-communications-page.c), its cells (liaison-communication-cell.c)
 * and its actions (liaison-communications-page-actions.c); and what the
 * tests look at.
 */

/* The columns of the list. */
#define LIAISON_COMMUNICATIONS_PAGE_N_COLUMNS 11

struct _LiaisonCommunicationsPage
{
  GtkWidget                      parent_instance;

  LiaisonStore                  *store;
  LiaisonCommunicationModel     *model;
  LiaisonCommunicationSelection *selection;
  GSettings                     *settings;
  GSimpleActionGroup        *column_actions;
  GMenu                     *columns_menu;
  GtkColumnViewColumn       *columns[LIAISON_COMMUNICATIONS_PAGE_N_COLUMNS];
  GtkWidget                 *context_popover;
  AdwToast                  *undo_toast;       /* weak */
  LiaisonDeletion           *deletion;         /* the last one, to undo */
  GHashTable                *time_cells;       /* bound GtkListItem → LiaisonColumnInfo */
  guint                      n_selected;
  guint                      writing;          /* deletes under way in workers */
  gboolean                   opening;          /* a row read for the Edit dialog */
  gboolean                   read_only;        /* the role may only read (team.md 3) */
  gboolean                   loaded;           /* the rows have been read once */
  guint                      search_source;    /* the search debounce */
  GtkWidget                 *search_spinner;
  gint64                     select_when_shown; /* a saved row to select once the list has it, or 0 */
  guint                      spinner_source;   /* shows the spinner when a search takes a while */

  GtkWidget                 *box;
  GtkWidget                 *search_bar;
  GtkWidget                 *search_entry;
  GtkWidget                 *stack;
  GtkWidget                 *column_view;
  GtkWidget                 *action_bar;
  GtkWidget                 *selection_label;
  GtkWidget                 *export_revealer;
  GtkWidget                 *export_label;
  GtkWidget                 *export_progress;
  LiaisonCsvExport          *export;           /* under way, or NULL */
  GMenuModel                *context_menu;
};

/* liaison-communications-page.c */
GArray    *liaison_communications_page_get_shown_columns  (LiaisonCommunicationsPage *self);
void       liaison_communications_page_popup_context_menu (LiaisonCommunicationsPage *self,
                                                           double                     x,
                                                           double                     y);
GArray    *liaison_communications_page_get_selected_ids   (LiaisonCommunicationsPage *self);
GtkWindow *liaison_communications_page_open_dialog        (LiaisonCommunicationsPage *self,
                                                           LiaisonCommunication      *communication);

/* liaison-communications-page-actions.c */
void       liaison_communications_page_class_add_actions  (GtkWidgetClass            *widget_class);
void       liaison_communications_page_update_actions     (LiaisonCommunicationsPage *self);
void       liaison_communications_page_delete_ids         (LiaisonCommunicationsPage *self,
                                                           const gint64              *ids,
                                                           guint                      n_ids);
void       liaison_communications_page_edit               (LiaisonCommunicationsPage *self,
                                                           guint                      position);
void       liaison_communications_page_undo               (LiaisonCommunicationsPage *self);
void       liaison_communications_page_follow_export      (LiaisonCommunicationsPage *self,
                                                           LiaisonCsvExport          *export);

/* For the tests */
LiaisonCommunicationModel *liaison_communications_page_get_model              (LiaisonCommunicationsPage *self);
GtkSelectionModel         *liaison_communications_page_get_selection          (LiaisonCommunicationsPage *self);
GtkColumnView             *liaison_communications_page_get_column_view        (LiaisonCommunicationsPage *self);
GtkSearchEntry            *liaison_communications_page_get_search_entry       (LiaisonCommunicationsPage *self);
const char                *liaison_communications_page_get_visible_child_name (LiaisonCommunicationsPage *self);
AdwToast                  *liaison_communications_page_get_undo_toast         (LiaisonCommunicationsPage *self);

G_END_DECLS
