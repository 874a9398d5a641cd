/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-export-csv.h"

G_BEGIN_DECLS

/* What the file chooser's Export does with the file picked, for the tests. */
LiaisonCsvExport *liaison_export_csv_to_file (GtkWidget    *widget,
                                               LiaisonStore *store,
                                               GArray       *ids,
                                               GFile        *file);

G_END_DECLS
