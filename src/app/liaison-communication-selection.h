/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "liaison-types.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_COMMUNICATION_SELECTION (liaison_communication_selection_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonCommunicationSelection, liaison_communication_selection, LIAISON, COMMUNICATION_SELECTION, GObject)

/* A reload that adds more rows than this is shown to views as the old rows
 * going and then the new ones coming. */
#define LIAISON_COMMUNICATION_SELECTION_SPLIT_ABOVE 10000
/* ...after replacing this many rows at the top in place (GTK 4.8's list
 * views keep widgets for 200 rows). */
#define LIAISON_COMMUNICATION_SELECTION_IN_PLACE 400

/* A reload keeps the selection of at most this many of the rows it replaces. */
#define LIAISON_COMMUNICATION_SELECTION_KEEP_MAX 100000

LiaisonCommunicationSelection *liaison_communication_selection_new (LiaisonCommunicationModel *model);

G_END_DECLS
