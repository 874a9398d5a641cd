/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "liaison-address.h"
#include "liaison-flow-skip.h"
#include "liaison-time.h"

G_BEGIN_DECLS

typedef enum
{
  LIAISON_NETFLOW_FORMAT_NFDUMP_CSV,    /* nfdump -o csv, 1.6 or 1.7 column set */
  LIAISON_NETFLOW_FORMAT_NFCAPD,        /* nfcapd binary, read through the nfdump program */
  LIAISON_NETFLOW_FORMAT_LIAISON_CSV,   /* start,end,client_ip,client_port,listener_ip,listener_port,protocol */
  LIAISON_NETFLOW_FORMAT_ZEEK_TSV,      /* Zeek conn.log, #fields header, tab-separated */
  LIAISON_NETFLOW_FORMAT_ZEEK_JSON,     /* Zeek conn.log, one JSON object a line */
  LIAISON_NETFLOW_FORMAT_VPC,           /* AWS VPC Flow Logs, default version 2 or a custom layout */
} LiaisonNetflowFormat;

/* Who opened the connection of a flow, when the file says (statistics.md 4.2). */
typedef enum
{
  LIAISON_FLOW_GUESS = 0,               /* the file does not say: guessed from ports and listeners */
  LIAISON_FLOW_SRC_CLIENT = 1,          /* src is the client, dst the listener */
  LIAISON_FLOW_SRC_LISTENER = 2,        /* src is the listener (a reply), dst the client */
} LiaisonFlowOrientation;

/* One flow record that is a service communication (statistics.md 4.1);
 * the others are counted in the file's LiaisonFlowSkips. */
typedef struct
{
  LiaisonTime     start;
  LiaisonTime     end;                  /* LIAISON_TIME_NONE when the record has none */
  LiaisonAddress  src;
  LiaisonAddress  dst;
  guint16         src_port;             /* 0: no port (Liaison CSV with an empty client_port) */
  guint16         dst_port;
  guint8          protocol;             /* LiaisonProtocol */
  guint8          oriented;             /* LiaisonFlowOrientation */
} LiaisonFlow;

/* The flows of a file filed under their pairs (liaison-netflow-sample.c). */
typedef struct _LiaisonNetflowSample LiaisonNetflowSample;
struct _LiaisonListenerSet;

typedef struct
{
  LiaisonNetflowFormat format;
  gboolean             compressed;      /* the file was gzip-compressed */
  GArray              *flows;           /* LiaisonFlow; none when they were gathered */
  LiaisonNetflowSample *sample;         /* the flows gathered as they were read, or NULL */
  guint64              gathered;        /* how many */
  LiaisonTime          earliest_start;  /* of the flows; LIAISON_TIME_NONE when there is none */
  LiaisonTime          latest_start;
  LiaisonTime          first_seen;      /* nfcapd: its stat record's first seen (nfdump -I), else NONE */
  LiaisonFlowSkips     skipped;         /* records that are not service communications */
  char                *checksum;        /* the fingerprint of the file's bytes, when read from a file */
} LiaisonFlowFile;

typedef struct
{
  gboolean local_time;                  /* times with no offset are local time */
  gboolean strict;                      /* a record that is not a service communication is an error */
  GCancellable *cancellable;            /* (nullable): stops reading an nfcapd file's rows */
  /* When not 0: the flows are filed under their pairs as they are read,
   * into the file's sample of this interval, oriented by gather_known
   * (nullable; it must outlive the file), and not kept one by one. */
  guint gather_interval;
  const struct _LiaisonListenerSet *gather_known;
} LiaisonFlowReadOptions;

LiaisonFlowFile *liaison_netflow_parse       (const char                    *file_name,
                                              const char                    *data,
                                              gsize                          length,
                                              const LiaisonFlowReadOptions  *options,
                                              GError                       **error);
LiaisonFlowFile *liaison_netflow_read_file   (const char                    *path,
                                              const LiaisonFlowReadOptions  *options,
                                              GError                       **error);
const char      *liaison_netflow_format_name (LiaisonNetflowFormat           format);
guint64          liaison_flow_file_count     (const LiaisonFlowFile *file);
void             liaison_flow_file_free      (LiaisonFlowFile *file);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonFlowFile, liaison_flow_file_free)

G_END_DECLS
