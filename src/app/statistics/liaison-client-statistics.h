/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-statistics.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_CLIENT_STATISTICS (liaison_client_statistics_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonClientStatistics, liaison_client_statistics, LIAISON, CLIENT_STATISTICS, AdwBin)

GtkWidget *liaison_client_statistics_new (const LiaisonStatRecord    *record);
GtkWidget *liaison_classic_row_new       (const LiaisonClassicRecord *record);

G_END_DECLS
