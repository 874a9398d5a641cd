/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "liaison-client-row.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_CLIENT_TABLE (liaison_client_table_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonClientTable, liaison_client_table, LIAISON, CLIENT_TABLE, GtkBox)

void              liaison_client_table_set_rows     (LiaisonClientTable *self,
                                                     GPtrArray          *rows,
                                                     LiaisonTime         data_end,
                                                     gboolean            keep_filters);
GListModel       *liaison_client_table_get_shown    (LiaisonClientTable *self);
guint             liaison_client_table_get_n_rows   (LiaisonClientTable *self);
LiaisonClientRow *liaison_client_table_get_selected (LiaisonClientTable *self);
void              liaison_client_table_select       (LiaisonClientTable *self,
                                                     guint               position);
gboolean          liaison_client_table_select_client (LiaisonClientTable *self,
                                                     const char         *client_ip);
void              liaison_client_table_set_range    (LiaisonClientTable *self,
                                                     LiaisonTime         start,
                                                     LiaisonTime         end);
void              liaison_client_table_set_axis     (LiaisonClientTable *self,
                                                     double              start,
                                                     double              end);

G_END_DECLS
