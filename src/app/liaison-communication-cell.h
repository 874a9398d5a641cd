/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "liaison-communication.h"
#include "liaison-types.h"

G_BEGIN_DECLS

typedef enum
{
  LIAISON_CELL_TEXT,
  LIAISON_CELL_DEVICE_LINK,   /* a button that opens the Edit dialog */
  LIAISON_CELL_TIME,          /* shown in the time zone of the setting */
} LiaisonCellKind;

/* A column of the Communications list. */
typedef struct
{
  LiaisonColumn    column;
  const char      *title;
  LiaisonCellKind  kind;
  int              width;
  gboolean         expand;
  gboolean         numeric;
} LiaisonColumnInfo;

GtkListItemFactory *liaison_communication_cell_factory_new      (LiaisonCommunicationsPage *page,
                                                                 const LiaisonColumnInfo   *info);
GtkListItem        *liaison_communication_cell_get_list_item    (GtkWidget                 *widget);
void                liaison_communication_cell_follow_time_zone (LiaisonCommunicationsPage *page);

G_END_DECLS
