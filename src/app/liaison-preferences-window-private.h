/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-preferences-window.h"

G_BEGIN_DECLS

/* What the Open Other Database chooser does with the file picked, for the tests. */
void liaison_preferences_window_open_database (LiaisonPreferencesWindow *self,
                                               GFile                    *file);

G_END_DECLS
