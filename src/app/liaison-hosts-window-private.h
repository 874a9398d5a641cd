/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-hosts-window.h"

G_BEGIN_DECLS

/* The Hosts window's own, read by the tests. */
struct _LiaisonHostsWindow
{
  AdwPreferencesWindow  parent_instance;

  LiaisonHostSampler   *host_sampler;
  LiaisonSshSampler    *ssh_sampler;
  GSettings            *settings;
  GHashTable           *rows;            /* host -> its AdwActionRow */

  GtkWidget            *this_row;
  GtkWidget            *this_spinner;
  GtkWidget            *this_button;
  GtkWidget            *this_schedule_row;
  GtkWidget            *this_switch;
  GtkWidget            *this_minutes;
  GtkWidget            *hosts_group;
  GtkWidget            *run_button;
  GtkWidget            *progress_row;
  GtkWidget            *progress_bar;
  GtkWidget            *cancel_button;
  GtkWidget            *add_row;
  GtkWidget            *ssh_schedule_row;
  GtkWidget            *ssh_switch;
  GtkWidget            *ssh_minutes;
  GtkWidget            *ssh_jobs;
  GtkWidget            *ssh_sudo;
};

G_END_DECLS
