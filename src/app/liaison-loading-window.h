/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_LOADING_WINDOW (liaison_loading_window_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonLoadingWindow, liaison_loading_window, LIAISON, LOADING_WINDOW, AdwApplicationWindow)

LiaisonLoadingWindow *liaison_loading_window_new (GtkApplication *application,
                                                  GSettings      *settings,
                                                  const char     *path);

G_END_DECLS
