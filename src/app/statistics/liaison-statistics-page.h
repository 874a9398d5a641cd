/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-store.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_STATISTICS_PAGE (liaison_statistics_page_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonStatisticsPage, liaison_statistics_page, LIAISON, STATISTICS_PAGE, AdwBin)

LiaisonStatisticsPage *liaison_statistics_page_new           (LiaisonStore          *store);
void                   liaison_statistics_page_register_resources (void);
void                   liaison_statistics_page_show_listener (LiaisonStatisticsPage *self,
                                                              const char            *listener_ip,
                                                              guint                  port,
                                                              const char            *protocol);
void                   liaison_statistics_page_export        (LiaisonStatisticsPage *self,
                                                              GtkWindow             *parent,
                                                              gboolean               only_selected);

G_END_DECLS
