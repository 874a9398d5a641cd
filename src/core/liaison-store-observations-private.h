/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-address.h"
#include "liaison-store.h"
#include "liaison-time.h"

G_BEGIN_DECLS

/*
 * What an import saw of a conversation, and how it updates the service
 * communications (statistics.md section 3.5), for the statistics engine,
 * the tests and the benchmarks.
 *
 * One observation of a conversation: @process NULL or "" is unknown.
 * @scope is the host the observation was made on when an address is
 * loopback, else NULL. @client_device / @listener_device: NULL leaves the
 * device as it is.
 */
typedef struct
{
  const char *client_ip;
  const char *listener_ip;
  guint       port;
  const char *protocol;
  const char *process;
  const char *client_device;
  const char *listener_device;
  const char *scope;
  LiaisonTime time_first;
  LiaisonTime time_last;
  const char *source;          /* "netstat" or "netflow" */
} LiaisonObservation;

/* Which rows of an identity an observation updates (statistics.md 3.5). */
typedef enum
{
  LIAISON_MERGE_ALL,        /* an unknown process: every row */
  LIAISON_MERGE_SAME,       /* the row of the observed process */
  LIAISON_MERGE_UNKNOWN,    /* a row whose process is unknown, filled in */
  LIAISON_MERGE_NEW,        /* none: a new row */
} LiaisonMerge;

LiaisonMerge liaison_observation_merge           (const LiaisonObservation  *observation,
                                                  const char *const         *processes,
                                                  guint                      n_rows,
                                                  guint                     *row);
void         liaison_observation_merge_times     (const LiaisonObservation  *observation,
                                                  LiaisonTime               *first,
                                                  LiaisonTime               *last);
gboolean     liaison_store_observe_communication (LiaisonStore              *self,
                                                  const LiaisonObservation  *observation,
                                                  GError                   **error);
gboolean     liaison_store_observe_addresses     (LiaisonStore              *self,
                                                  const LiaisonAddress      *client,
                                                  const LiaisonAddress      *listener,
                                                  const LiaisonObservation  *observation,
                                                  GError                   **error);
gboolean     liaison_store_observe_existing      (LiaisonStore              *self,
                                                  const LiaisonAddress      *client,
                                                  const LiaisonAddress      *listener,
                                                  const LiaisonObservation  *observation,
                                                  gboolean                  *any_rows,
                                                  GError                   **error);

G_END_DECLS
