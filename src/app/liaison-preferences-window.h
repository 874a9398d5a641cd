/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-application.h"
#include "liaison-window-private.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_PREFERENCES_WINDOW (liaison_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonPreferencesWindow, liaison_preferences_window, LIAISON, PREFERENCES_WINDOW, AdwPreferencesWindow)

LiaisonPreferencesWindow *liaison_preferences_window_new             (LiaisonWindow            *window);
LiaisonWindow            *liaison_preferences_window_get_main_window (LiaisonPreferencesWindow *self);
void                      liaison_preferences_window_set_main_window (LiaisonPreferencesWindow *self,
                                                                      LiaisonWindow            *window);
void                      liaison_preferences_window_open_database   (LiaisonPreferencesWindow *self,
                                                                      GFile                    *file);

G_END_DECLS
