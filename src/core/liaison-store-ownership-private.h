/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean liaison_store_check_ownership (const char  *path,
                                        GError     **error);

G_END_DECLS
