/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* For the tests: read at most @limit bytes from a stream (0: the default). */
void liaison_input_set_stream_limit (guint64 limit);

G_END_DECLS
