/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *liaison_content_hash (const guint8 *data,
                            gsize         length);

G_END_DECLS
