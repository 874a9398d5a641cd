/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * Real servers that tests start for themselves, in a folder of their own:
 * OpenSSH's sshd on 127.0.0.1, and nfcapd fed by a NetFlow v5 sender on
 * loopback. A program that is not installed makes the constructor return
 * NULL after g_test_skip() says which; the test then returns.
 */

/*
 * sshd on free ports of 127.0.0.1, with a host key and a user key made for
 * the test, and an ssh_config (`ssh -F`) that names the hosts:
 *
 *   ss-host            a host with the machine's ss and netstat
 *   proc-host          a host where neither runs: its commands see a PATH
 *                      with only sh, cat and hostname, so it reads /proc;
 *                      it calls itself "liaison-proc-host" where the test
 *                      may give its sshd a host name of its own (a UTS
 *                      namespace, as root), else the machine's name
 *   unknown-key-host   ss-host's sshd under a name known_hosts lacks
 *   refused-key-host   ss-host's sshd with a key it does not accept
 *   closed-port-host   a port nobody listens on
 *   nowhere            a name that does not resolve (nowhere.invalid)
 *   slow-host          a host that answers after two seconds (also as
 *                      slow-host-2 and slow-host-3)
 *   stuck-host         a host that answers after a minute (also as
 *                      stuck-host-2)
 *   host01 .. hostNN   with liaison_test_sshd_add_hosts(): one sshd port each
 */
typedef struct
{
  char       *dir;
  gboolean    own_dir;        /* made here, removed with all it holds */
  char       *config;         /* for ssh -F */
  char       *ss_device;      /* what ss-host calls itself */
  guint16     ss_port;        /* ss-host's port on 127.0.0.1 */
  char       *proc_device;    /* what proc-host calls itself */
  GPtrArray  *servers;        /* GSubprocess */
  GString    *hosts;          /* the Host blocks of config */
  guint       n_hosts;        /* host01.. so far */
} LiaisonTestSshd;

LiaisonTestSshd *liaison_test_sshd_new       (const char      *dir);
void             liaison_test_sshd_add_hosts (LiaisonTestSshd *sshd,
                                              guint            n);
void             liaison_test_sshd_free      (LiaisonTestSshd *sshd);
guint16          liaison_test_free_port      (int              type);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonTestSshd, liaison_test_sshd_free)

/*
 * nfcapd -w DIR rotating its file every two seconds, and the NetFlow v5
 * packets a test sends it: one flow each, client CLIENT:PORT to
 * LISTENER:443/tcp.
 */
typedef struct
{
  char        *dir;           /* where nfcapd writes */
  guint16      port;          /* where it listens, on 127.0.0.1 */
  GSubprocess *process;
  GSocket     *socket;        /* the sender's */
  guint32      sequence;
} LiaisonTestNfcapd;

LiaisonTestNfcapd *liaison_test_nfcapd_new  (const char        *dir);
void               liaison_test_nfcapd_send (LiaisonTestNfcapd *nfcapd,
                                             const char        *client,
                                             guint16            client_port,
                                             const char        *listener);
void               liaison_test_nfcapd_free (LiaisonTestNfcapd *nfcapd);
guint              liaison_test_count_files (const char        *dir,
                                             const char        *prefix);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonTestNfcapd, liaison_test_nfcapd_free)

/*
 * Sockets of the test's own on loopback, for a sample to find: a TCP
 * listener with a connection to it, and a UDP socket with a connected
 * client. The process that owns them is the test, named @process.
 */
typedef struct
{
  GSocket *listener;
  GSocket *client;
  GSocket *accepted;
  GSocket *udp_server;
  GSocket *udp_client;
  guint16  tcp_port;
  guint16  udp_port;
  char    *process;       /* this process's name, as ss prints it */
} LiaisonTestSockets;

LiaisonTestSockets *liaison_test_sockets_new  (void);
char               *liaison_test_sockets_row  (const LiaisonTestSockets *sockets,
                                               const char               *device,
                                               const char               *protocol);
char               *liaison_test_sockets_process (const LiaisonTestSockets *sockets,
                                                  const char               *list,
                                                  const char               *device,
                                                  const char               *protocol);
void                liaison_test_sockets_free (LiaisonTestSockets       *sockets);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonTestSockets, liaison_test_sockets_free)

G_END_DECLS
