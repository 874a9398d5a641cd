/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-device-completion.h"

G_BEGIN_DECLS

/* What the suggestions under an entry show, for the tests. */
GtkPopover *liaison_device_completion_get_popover     (GtkWidget *entry);
GStrv       liaison_device_completion_get_suggestions (GtkWidget *entry);

G_END_DECLS
