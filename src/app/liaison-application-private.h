/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-application.h"

G_BEGIN_DECLS

/* For the tests and benchmarks: the database the application works on
 * (as --database says), and the one it opened. */
void          liaison_application_set_database_path (LiaisonApplication *self,
                                                     const char         *path);
LiaisonStore *liaison_application_get_store         (LiaisonApplication *self);
/* What Open Other Database…'s chooser does with the file chosen. */
void          liaison_application_open_database     (LiaisonApplication *self,
                                                     GFile              *file);

/* What shows while a team's server is connected to at start-up. */
#define LIAISON_TYPE_LOADING_WINDOW (liaison_loading_window_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonLoadingWindow, liaison_loading_window, LIAISON, LOADING_WINDOW, AdwApplicationWindow)

LiaisonLoadingWindow *liaison_loading_window_new (GtkApplication *application,
                                                  GSettings      *settings,
                                                  const char     *path);

G_END_DECLS
