/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-store.h"
#include "liaison-types.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_COMMUNICATIONS_PAGE (liaison_communications_page_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonCommunicationsPage, liaison_communications_page, LIAISON, COMMUNICATIONS_PAGE, GtkWidget)

void                       liaison_communications_page_set_store        (LiaisonCommunicationsPage *self,
                                                                         LiaisonStore              *store);
LiaisonCommunicationModel *liaison_communications_page_get_model        (LiaisonCommunicationsPage *self);
GtkSelectionModel         *liaison_communications_page_get_selection    (LiaisonCommunicationsPage *self);
GtkColumnView             *liaison_communications_page_get_column_view  (LiaisonCommunicationsPage *self);
GMenuModel                *liaison_communications_page_get_columns_menu (LiaisonCommunicationsPage *self);
GActionGroup              *liaison_communications_page_get_columns_actions (LiaisonCommunicationsPage *self);
GtkSearchEntry            *liaison_communications_page_get_search_entry (LiaisonCommunicationsPage *self);
const char                *liaison_communications_page_get_visible_child_name (LiaisonCommunicationsPage *self);
GArray                    *liaison_communications_page_get_selected_ids (LiaisonCommunicationsPage *self);
GtkWindow                 *liaison_communications_page_add              (LiaisonCommunicationsPage *self);
GtkWindow                 *liaison_communications_page_edit             (LiaisonCommunicationsPage *self,
                                                                         guint                      position);
void                       liaison_communications_page_delete_ids       (LiaisonCommunicationsPage *self,
                                                                         const gint64              *ids,
                                                                         guint                      n_ids);
AdwToast                  *liaison_communications_page_get_undo_toast   (LiaisonCommunicationsPage *self);

G_END_DECLS
