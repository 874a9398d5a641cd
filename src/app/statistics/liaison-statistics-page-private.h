/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-statistics-page.h"

G_BEGIN_DECLS

/* For the tests, which wait until the page has read its listeners. */
gboolean liaison_statistics_page_get_loading (LiaisonStatisticsPage *self);

G_END_DECLS
