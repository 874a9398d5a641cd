/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-store.h"
#include "liaison-types.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_COMMUNICATIONS_PAGE (liaison_communications_page_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonCommunicationsPage, liaison_communications_page, LIAISON, COMMUNICATIONS_PAGE, GtkWidget)

void          liaison_communications_page_set_store           (LiaisonCommunicationsPage *self,
                                                               LiaisonStore              *store);
GMenuModel   *liaison_communications_page_get_columns_menu    (LiaisonCommunicationsPage *self);
GActionGroup *liaison_communications_page_get_columns_actions (LiaisonCommunicationsPage *self);
GtkWindow    *liaison_communications_page_add                 (LiaisonCommunicationsPage *self);

G_END_DECLS
