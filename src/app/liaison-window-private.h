/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-sample-host.h"
#include "liaison-ssh-sampler.h"
#include "liaison-window.h"

G_BEGIN_DECLS

/*
 * The main window's own, shared by its files (liaison-window.c, its actions
 * in liaison-window-actions.c) and read by the tests.
 */

struct _LiaisonWindow
{
  AdwApplicationWindow   parent_instance;

  LiaisonStore          *store;
  GSettings             *settings;

  GtkWidget             *toast_overlay;
  GtkWidget             *stack;
  GtkWidget             *communications_page;
  GtkWidget             *statistics_bin;
  LiaisonStatisticsPage *statistics_page;
  GtkWidget             *map_bin;
  LiaisonMapPage        *map_page;
  GtkWidget             *search_button;
  GMenu                 *columns_section;
  GtkWidget             *switcher_title;
  GtkWidget             *database_squeezer;
  GtkWidget             *database_button;
  GtkWidget             *database_label;
  guint                  follow_title_source;
  gboolean               showing_search_state;

  /* Sampling while the window is open: this computer, the remote hosts,
   * a collector's folder (the bar under the header bar). */
  LiaisonHostSampler    *host_sampler;
  LiaisonSshSampler     *ssh_sampler;
  GtkWidget             *watch_bar;

  /* A team server's lost connection: the banner, and the next try. */
  GtkWidget             *connection_banner;
  GtkWidget             *connection_label;
  guint                  reconnect_source;
  gboolean               probing;          /* a worker asks whether the server answers */
  GtkWindow             *hosts_window;     /* weak */
};

void          liaison_window_actions_init          (LiaisonWindow *self);

LiaisonStore *liaison_window_get_store             (LiaisonWindow *self);
GSettings    *liaison_window_get_settings          (LiaisonWindow *self);
GtkWidget    *liaison_window_get_communications_page (LiaisonWindow *self);
GtkWidget    *liaison_window_get_statistics_bin    (LiaisonWindow *self);

G_END_DECLS
