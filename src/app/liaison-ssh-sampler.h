/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "liaison-schedule.h"
#include "liaison-store.h"

G_BEGIN_DECLS

/* What the Hosts window shows of one remote host. */
typedef struct
{
  LiaisonTime  time;        /* of the last result; LIAISON_TIME_NONE: none yet */
  char        *text;        /* what it said, or why it failed */
  gboolean     failed;
  gboolean     busy;        /* in the round under way */
} LiaisonSshHostState;

#define LIAISON_TYPE_SSH_SAMPLER (liaison_ssh_sampler_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonSshSampler, liaison_ssh_sampler, LIAISON, SSH_SAMPLER, GObject)

LiaisonSshSampler         *liaison_ssh_sampler_new          (LiaisonStore       *store,
                                                             GSettings          *settings);
char                     **liaison_ssh_sampler_dup_hosts    (LiaisonSshSampler  *self);
gboolean                   liaison_ssh_sampler_add_host     (LiaisonSshSampler  *self,
                                                             const char         *host,
                                                             GError            **error);
void                       liaison_ssh_sampler_remove_host  (LiaisonSshSampler  *self,
                                                             const char         *host);
void                       liaison_ssh_sampler_run          (LiaisonSshSampler  *self);
void                       liaison_ssh_sampler_test         (LiaisonSshSampler  *self,
                                                             const char         *host);
void                       liaison_ssh_sampler_cancel       (LiaisonSshSampler  *self);
const LiaisonSshHostState *liaison_ssh_sampler_get_state    (LiaisonSshSampler  *self,
                                                             const char         *host);
LiaisonSchedule           *liaison_ssh_sampler_get_schedule (LiaisonSshSampler  *self);
gboolean                   liaison_ssh_sampler_get_running  (LiaisonSshSampler  *self);
guint                      liaison_ssh_sampler_get_done     (LiaisonSshSampler  *self);
guint                      liaison_ssh_sampler_get_total    (LiaisonSshSampler  *self);

G_END_DECLS
