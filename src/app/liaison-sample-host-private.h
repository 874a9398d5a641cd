/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-import.h"
#include "liaison-sample-host.h"

G_BEGIN_DECLS

/* What the toast says a sample found, for the tests. */
char *liaison_sample_host_describe (const char                 *host,
                                    const LiaisonImportSummary *summary);

G_END_DECLS
