/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Flow records that are not service communications (statistics.md 4.1),
 * each under the first reason that applies, in this order.
 */
typedef enum
{
  LIAISON_SKIP_NO_DATA,                 /* an AWS VPC NODATA or SKIPDATA line */
  LIAISON_SKIP_REJECTED,                /* an AWS VPC REJECTed record */
  LIAISON_SKIP_PROTOCOL,                /* a protocol other than TCP and UDP */
  LIAISON_SKIP_PORT_ZERO,               /* port 0 on either side */
  LIAISON_SKIP_ADDRESS,                 /* an unspecified, broadcast or multicast address */
  LIAISON_SKIP_BEFORE_1990,             /* a time before 1990: an exporter whose clock was not set */
  LIAISON_SKIP_END_BEFORE_START,
  LIAISON_SKIP_ATTEMPT,                 /* a TCP connection attempt (Zeek conn_state) */
  LIAISON_N_SKIP_REASONS
} LiaisonSkipReason;

/* LIAISON_SKIP_PROTOCOL counts by IP protocol number; a protocol a file
 * names but Liaison does not know is counted here. */
#define LIAISON_SKIP_OTHER_PROTOCOL 256

typedef struct
{
  guint64 reasons[LIAISON_N_SKIP_REASONS];
  guint64 protocols[LIAISON_SKIP_OTHER_PROTOCOL + 1];
} LiaisonFlowSkips;

guint64     liaison_flow_skips_total     (const LiaisonFlowSkips *skips);
void        liaison_flow_skips_add       (LiaisonFlowSkips       *skips,
                                          const LiaisonFlowSkips *other);
char       *liaison_flow_skips_describe  (const LiaisonFlowSkips *skips);
guint       liaison_ip_protocol_from_name (const char            *name,
                                           gsize                  length);
const char *liaison_ip_protocol_name      (guint                  protocol);

G_END_DECLS
