/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-client-table.h"

G_BEGIN_DECLS

/* What the tests look at and steer, as a user would. */

GtkColumnView       *liaison_client_table_get_column_view (LiaisonClientTable  *self);
GtkColumnViewColumn *liaison_client_table_get_column      (LiaisonClientTable  *self,
                                                           LiaisonClientColumn  column);
void                 liaison_client_table_set_filter      (LiaisonClientTable  *self,
                                                           const char          *search,
                                                           guint                silent_choice,
                                                           guint                seen_choice);
const char          *liaison_client_table_get_count_text  (LiaisonClientTable  *self);
gboolean             liaison_client_table_get_showing_none (LiaisonClientTable *self);

G_END_DECLS
