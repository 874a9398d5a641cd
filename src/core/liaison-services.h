/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *liaison_service_name (guint       port,
                                  const char *protocol);

G_END_DECLS
