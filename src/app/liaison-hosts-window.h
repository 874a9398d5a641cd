/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-sample-host.h"
#include "liaison-ssh-sampler.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_HOSTS_WINDOW (liaison_hosts_window_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonHostsWindow, liaison_hosts_window, LIAISON, HOSTS_WINDOW, AdwPreferencesWindow)

LiaisonHostsWindow *liaison_hosts_window_new (GtkWindow          *parent,
                                              LiaisonHostSampler *host_sampler,
                                              LiaisonSshSampler  *ssh_sampler,
                                              GSettings          *settings);

G_END_DECLS
