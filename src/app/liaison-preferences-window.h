/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-types.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_PREFERENCES_WINDOW (liaison_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonPreferencesWindow, liaison_preferences_window, LIAISON, PREFERENCES_WINDOW, AdwPreferencesWindow)

LiaisonPreferencesWindow *liaison_preferences_window_new               (GtkWindow                *parent,
                                                                        GSettings                *settings,
                                                                        const char               *database_path);
void                      liaison_preferences_window_set_database_path (LiaisonPreferencesWindow *self,
                                                                        const char               *database_path);
void                      liaison_preferences_window_show_error        (LiaisonPreferencesWindow *self,
                                                                        const GError             *error);

G_END_DECLS
