/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "liaison-address.h"
#include "liaison-time.h"

G_BEGIN_DECLS

typedef enum
{
  LIAISON_NETFLOW_FORMAT_NFDUMP_CSV,    /* nfdump -o csv, 1.6 or 1.7 column set */
  LIAISON_NETFLOW_FORMAT_NFCAPD,        /* nfcapd binary, read through the nfdump program */
  LIAISON_NETFLOW_FORMAT_LIAISON_CSV,   /* start,end,client_ip,client_port,listener_ip,listener_port,protocol */
} LiaisonNetflowFormat;

/* One flow record. Records of protocols other than TCP and UDP are skipped by the parser. */
typedef struct
{
  LiaisonTime     start;
  LiaisonTime     end;                  /* LIAISON_TIME_NONE when the file has none */
  LiaisonAddress  src;
  LiaisonAddress  dst;
  guint16         src_port;             /* 0: no port (Liaison CSV with an empty client_port) */
  guint16         dst_port;
  guint8          protocol;             /* LiaisonProtocol */
  guint8          oriented;             /* TRUE: the file says src is the client and dst the listener */
} LiaisonFlow;

typedef struct
{
  LiaisonNetflowFormat format;
  GArray              *flows;           /* LiaisonFlow */
  LiaisonTime          earliest_start;  /* LIAISON_TIME_NONE when there is no flow */
} LiaisonFlowFile;

LiaisonFlowFile *liaison_netflow_parse     (const char  *file_name,
                                            const char  *data,
                                            gsize        length,
                                            gboolean     local_time,
                                            GError     **error);
LiaisonFlowFile *liaison_netflow_read_file (const char  *path,
                                            gboolean     local_time,
                                            GError     **error);
void             liaison_flow_file_free    (LiaisonFlowFile *file);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonFlowFile, liaison_flow_file_free)

G_END_DECLS
