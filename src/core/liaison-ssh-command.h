/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The shell a remote host runs commands in. */
typedef enum
{
  LIAISON_SSH_SHELL_POSIX,      /* sh, bash, zsh, fish, tcsh: the host runs `sh -c` */
  LIAISON_SSH_SHELL_WINDOWS,    /* Windows OpenSSH: cmd.exe or PowerShell */
} LiaisonSshShell;

/* How ssh is run: what the user chose on top of their own ~/.ssh/config. */
typedef struct
{
  char     *program;            /* "ssh", or a path */
  char     *config_file;        /* -F FILE; NULL: the user's own */
  GStrv     options;            /* each passed as -o OPTION, in order; NULL: none */
  gboolean  sudo;               /* run the socket tool through `sudo -n` where it may */
  gint64    time_limit;         /* milliseconds per host, all tries together */
} LiaisonSshSettings;

/* What a host's answer held. */
typedef struct
{
  char     *device;             /* what the host calls itself */
  char     *tool;               /* "ss -tunapH", "/proc/net", "netstat -ano", ... */
  gboolean  sudo_refused;       /* sudo was asked for and `sudo -n` said no */
  GBytes   *table;              /* the socket table, as the tool printed it */
} LiaisonSshOutput;

#define LIAISON_SSH_DEFAULT_TIME_LIMIT (30 * 1000)

void              liaison_ssh_settings_clear (LiaisonSshSettings        *settings);
gboolean          liaison_ssh_check_host     (const char                *host,
                                              GError                   **error);
gboolean          liaison_ssh_check_option   (const char                *option,
                                              GError                   **error);
GStrv             liaison_ssh_argv           (const LiaisonSshSettings  *settings,
                                              const char                *host,
                                              LiaisonSshShell            shell);
LiaisonSshOutput *liaison_ssh_output_read    (const char                *host,
                                              LiaisonSshShell            shell,
                                              GBytes                    *out,
                                              GBytes                    *err,
                                              int                        status,
                                              gboolean                  *other_shell,
                                              GError                   **error);
void              liaison_ssh_output_free    (LiaisonSshOutput          *output);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LiaisonSshSettings, liaison_ssh_settings_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonSshOutput, liaison_ssh_output_free)

G_END_DECLS
