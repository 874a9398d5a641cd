/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-statistics-page.h"

G_BEGIN_DECLS

/* For the tests, which wait until the page has read its listeners and
 * the statistics of the one selected. */
gboolean liaison_statistics_page_get_loading (LiaisonStatisticsPage *self);

/* The listener list's search (the page holds other search entries: the
 * client table's). */
GtkSearchEntry *liaison_statistics_page_get_search_entry (LiaisonStatisticsPage *self);

G_END_DECLS
