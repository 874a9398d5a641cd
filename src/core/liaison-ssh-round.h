/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "liaison-import.h"
#include "liaison-ssh-command.h"
#include "liaison-time.h"

G_BEGIN_DECLS

/* What became of one host of a round. */
typedef struct
{
  char                 *host;          /* as it was given */
  char                 *device;        /* what it calls itself; NULL when ssh failed */
  char                 *tool;          /* the socket tool that answered; NULL when ssh failed */
  gboolean              sudo_refused;
  LiaisonTime           time;          /* when the table was taken, or when it failed */
  guint                 sockets;
  gboolean              imported;      /* FALSE for a test, a skip or a failure */
  LiaisonImportSummary  summary;       /* what the sample added */
  GError               *error;         /* NULL: sampled; LIAISON_ERROR_DUPLICATE: skipped */
} LiaisonSshResult;

#define LIAISON_TYPE_SSH_ROUND (liaison_ssh_round_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonSshRound, liaison_ssh_round, LIAISON, SSH_ROUND, GObject)

LiaisonSshRound *liaison_ssh_round_new        (const LiaisonSshSettings  *settings,
                                               const char * const        *hosts,
                                               guint                      jobs,
                                               const char                *database_path,
                                               gint64                     period);
void             liaison_ssh_round_run        (LiaisonSshRound           *self,
                                               GCancellable              *cancellable,
                                               GAsyncReadyCallback        callback,
                                               gpointer                   user_data);
gboolean         liaison_ssh_round_run_finish (LiaisonSshRound           *self,
                                               GAsyncResult              *result,
                                               GError                   **error);
guint            liaison_ssh_round_get_total  (LiaisonSshRound           *self);
guint            liaison_ssh_round_get_done   (LiaisonSshRound           *self);
guint            liaison_ssh_round_get_failed (LiaisonSshRound           *self);

G_END_DECLS
