/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-window.h"

G_BEGIN_DECLS

void liaison_tasks_sample_host        (LiaisonWindow *window);
void liaison_tasks_export_csv         (LiaisonWindow *window,
                                       GArray        *ids);
void liaison_tasks_export_csv_to_file (LiaisonWindow *window,
                                       GArray        *ids,
                                       GFile         *file);

G_END_DECLS
