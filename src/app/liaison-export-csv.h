/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-store.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_CSV_EXPORT (liaison_csv_export_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonCsvExport, liaison_csv_export, LIAISON, CSV_EXPORT, GObject)

/* Told of an export once its file is chosen. */
typedef void (*LiaisonExportCsvStarted) (LiaisonCsvExport *export,
                                         gpointer          user_data);

void      liaison_export_csv             (GtkWidget               *widget,
                                          LiaisonStore            *store,
                                          GArray                  *ids,
                                          const char              *title,
                                          LiaisonExportCsvStarted  started,
                                          gpointer                 user_data);

guint     liaison_csv_export_get_written (LiaisonCsvExport        *self);
guint     liaison_csv_export_get_total   (LiaisonCsvExport        *self);
gboolean  liaison_csv_export_get_running (LiaisonCsvExport        *self);
GFile    *liaison_csv_export_get_file    (LiaisonCsvExport        *self);
void      liaison_csv_export_cancel      (LiaisonCsvExport        *self);

G_END_DECLS
