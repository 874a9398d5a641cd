/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "liaison-address.h"

G_BEGIN_DECLS

typedef enum
{
  LIAISON_NETSTAT_FORMAT_SS,            /* iproute2 ss, any of -tan -tanp -tunap -tuanp, with or without Netid */
  LIAISON_NETSTAT_FORMAT_NET_TOOLS,     /* netstat -tanp / -tunap */
  LIAISON_NETSTAT_FORMAT_WINDOWS,       /* Windows netstat -ano, -an, -anob */
  LIAISON_NETSTAT_FORMAT_PROC,          /* /proc/net/tcp, tcp6, udp, udp6 (one or several concatenated) */
  LIAISON_NETSTAT_FORMAT_THIS_HOST,     /* read live by liaison_netstat_read_this_host() */
  LIAISON_NETSTAT_FORMAT_BSD,           /* FreeBSD and macOS netstat -an, -anv, -Aan */
  LIAISON_NETSTAT_FORMAT_LSOF,          /* lsof -i -n -P (Linux, macOS) */
  LIAISON_NETSTAT_FORMAT_POWERSHELL_CSV,  /* Get-NetTCPConnection / Get-NetUDPEndpoint | Export-Csv */
  LIAISON_NETSTAT_FORMAT_POWERSHELL_JSON, /* Get-NetTCPConnection / Get-NetUDPEndpoint | ConvertTo-Json */
} LiaisonNetstatFormat;

/* statistics.md section 3.2 */
typedef enum
{
  LIAISON_SOCKET_LISTENING,
  LIAISON_SOCKET_CONNECTION,            /* a counted connection */
  LIAISON_SOCKET_IGNORED,               /* TIME-WAIT, CLOSE(D), SYN-SENT, unconnected without peer that is not listening, ... */
} LiaisonSocketKind;

typedef struct
{
  LiaisonProtocol   protocol;
  LiaisonSocketKind kind;
  LiaisonAddress    local;              /* family 0 never: a wildcard is 0.0.0.0 or :: */
  guint16           local_port;
  LiaisonAddress    peer;               /* family 0 when there is no peer */
  guint16           peer_port;
  char             *process;            /* NULL when the sample does not say */
  guint             line;               /* line in the file, for messages */
} LiaisonSocket;

typedef struct
{
  LiaisonNetstatFormat format;
  GArray              *sockets;         /* LiaisonSocket; the array frees each process */
} LiaisonNetstatTable;

LiaisonNetstatTable *liaison_netstat_parse          (const char  *file_name,
                                                     const char  *data,
                                                     gsize        length,
                                                     GError     **error);
gboolean             liaison_netstat_sniff          (const char  *data,
                                                     gsize        length);
LiaisonNetstatTable *liaison_netstat_read_this_host (GError     **error);
void                 liaison_netstat_table_free     (LiaisonNetstatTable *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonNetstatTable, liaison_netstat_table_free)

G_END_DECLS
