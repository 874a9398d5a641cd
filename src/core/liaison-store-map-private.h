/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "liaison-address.h"
#include "liaison-map.h"
#include "liaison-runs.h"
#include "liaison-store.h"
#include "liaison-time.h"

G_BEGIN_DECLS

/*
 * What the dependency map reads from the store (map.md 1 and 2), for
 * liaison-map.c: the devices the rows name for each address, every
 * statistics record and every service communication, one row at a time, in
 * the order they lie in the database. Nothing is held: memory does not
 * grow with the rows.
 */

/* One statistics record or one service communication. Pointers are valid
 * during the call only. With @n_ranges time ranges (at most
 * LIAISON_MAP_MAX_RANGES), only the rows seen in at least one of them are
 * given. */
#define LIAISON_MAP_MAX_RANGES 2

typedef struct
{
  const guint8    *client_key;          /* LIAISON_ADDRESS_KEY_LEN bytes */
  const guint8    *listener_key;
  const char      *scope;               /* "" unless an address is loopback: the host it was seen on */
  guint            port;
  LiaisonProtocol  protocol;
  gboolean         is_record;           /* a statistics record; else a service communication */

  /* Statistics records only (statistics.md 3.3, 4.3, 4.4). */
  gboolean         has_netstat;
  gint64           ns_total_samples;
  gint64           ns_active_samples;
  gint64           ns_total_ports;
  gboolean         has_netflow;
  gint64           nf_active_samples;
  gint64           nf_total_events;
  gint64           nf_active_span;      /* ms */

  LiaisonTime      first_found;         /* a record's parts, or a communication's first and last detected */
  LiaisonTime      last_found;
  gint64           silent_span;         /* ms; -1: not known */

  /* With time ranges only: bit i set when the row was seen in range i
   * (statistics.md 3.6); what compare needs to tell figures in a range. */
  guint            seen;
  const LiaisonRun *runs;               /* netstat (or classic) runs; NULL when none */
  guint            n_runs;
  gboolean         first_run_unknown;
  const char      *ns_host;             /* NULL when none */
  LiaisonTime      nf_first_found;      /* LIAISON_TIME_NONE when no netflow part */
  LiaisonTime      nf_last_found;
} LiaisonMapRow;

/* A device named for an address: on the listener side of a service
 * communication or statistics record (@listener_side), or on the client side. */
typedef gboolean (*LiaisonMapDeviceFunc) (const guint8  *key,
                                          const char    *scope,
                                          const char    *device,
                                          gboolean       listener_side,
                                          gpointer       user_data,
                                          GError       **error);
typedef gboolean (*LiaisonMapRowFunc)    (const LiaisonMapRow *row,
                                          gpointer             user_data,
                                          GError             **error);

/* A user group's member: @kind is "device" or "address" (canonical text). */
typedef gboolean (*LiaisonMapMemberFunc) (const char    *group,
                                          const char    *kind,
                                          const char    *member,
                                          gpointer       user_data,
                                          GError       **error);

gboolean liaison_store_map_open_reader    (LiaisonStore          *store,
                                           GError               **error);
gboolean liaison_store_map_foreach_device (LiaisonStore          *store,
                                           LiaisonMapDeviceFunc   func,
                                           gpointer               user_data,
                                           GCancellable          *cancellable,
                                           GError               **error);
gboolean liaison_store_map_foreach_record (LiaisonStore          *store,
                                           const LiaisonMapRange *ranges,
                                           guint                  n_ranges,
                                           LiaisonMapRowFunc      func,
                                           gpointer               user_data,
                                           GCancellable          *cancellable,
                                           GError               **error);
gboolean liaison_store_map_foreach_communication (LiaisonStore          *store,
                                                  const LiaisonMapRange *ranges,
                                                  guint                  n_ranges,
                                                  LiaisonMapRowFunc      func,
                                                  gpointer               user_data,
                                                  GCancellable          *cancellable,
                                                  GError               **error);
gboolean liaison_store_map_foreach_member (LiaisonStore          *store,
                                           LiaisonMapMemberFunc   func,
                                           gpointer               user_data,
                                           GError               **error);

G_END_DECLS
