/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-runs.h"
#include "liaison-span.h"
#include "liaison-store.h"

G_BEGIN_DECLS

/*
 * The statistics records as read back (export.md): the stored figures of
 * statistics.md sections 3 and 4 and the spans derived from them. Samples
 * are applied by liaison-netstat-statistics.c and liaison-netflow-statistics.c.
 */

/* One statistics record as read back, with the derived figures. A part never
 * measured has has_netstat / has_netflow FALSE. Times are LIAISON_TIME_NONE
 * when unknown. */
typedef struct
{
  gint64       id;
  char        *listener_ip;
  guint        port;
  const char  *protocol;          /* static string */
  char        *client_ip;
  char        *listener_device;   /* NULL: unknown */
  char        *client_device;

  gboolean     has_netstat;
  gint64       ns_total_samples;
  gint64       ns_active_samples;
  gint64       ns_total_ports;
  LiaisonTime  ns_first_found;
  LiaisonTime  ns_last_found;
  char        *ns_host;           /* the host whose samples measured it */
  GArray      *ns_runs;           /* LiaisonRun, time order (statistics.md 3.6) */
  gboolean     ns_first_run_unknown; /* the first run predates runs: not known in between */

  gboolean     has_netflow;
  guint        nf_interval;
  gint64       nf_active_samples;
  gint64       nf_total_events;
  gint64       nf_total_ports;
  LiaisonTime  nf_first_found;
  LiaisonTime  nf_last_found;
  gint64       nf_active_ms;
  gint64       nf_gap_ms;
  gint64       nf_pending_ms;
  gint64       nf_silent_ms;      /* statistics.md 4.4: pending and silent are never both > 0 */
  GArray      *nf_gaps;           /* LiaisonGap, time order; empty when none */
} LiaisonStatRecord;

/* A classic (per client service) statistics record. */
typedef struct
{
  gint64       communication_id;
  char        *client_ip;
  char        *listener_ip;
  guint        port;
  const char  *protocol;
  char        *client_process_name;
  char        *client_process_display_name;   /* NULL when not set */
  char        *client_device;
  gint64       total_samples;
  gint64       active_samples;
  gint64       total_ports;
  LiaisonTime  first_found;
  LiaisonTime  last_found;
  GArray      *runs;              /* LiaisonRun, time order (statistics.md 3.6) */
  gboolean     first_run_unknown;
} LiaisonClassicRecord;

/* Which records to read: NULL/0 fields match everything. */
typedef struct
{
  const char *listener_ip;
  guint       port;
  const char *protocol;
} LiaisonStatFilter;

/* Called for each record in export.md order; the record is valid during the call only.
 * Return FALSE to stop (and set @error to say why). */
typedef gboolean (*LiaisonStatRecordFunc)    (const LiaisonStatRecord    *record,
                                              gpointer                    user_data,
                                              GError                    **error);
typedef gboolean (*LiaisonClassicRecordFunc) (const LiaisonClassicRecord *record,
                                              gpointer                    user_data,
                                              GError                    **error);

gboolean liaison_statistics_foreach_record  (LiaisonStore               *store,
                                             const LiaisonStatFilter    *filter,
                                             LiaisonStatRecordFunc       func,
                                             gpointer                    user_data,
                                             GError                    **error);
gboolean liaison_statistics_foreach_classic (LiaisonStore               *store,
                                             const LiaisonStatFilter    *filter,
                                             LiaisonClassicRecordFunc    func,
                                             gpointer                    user_data,
                                             GError                    **error);

LiaisonStatRecord    *liaison_stat_record_copy    (const LiaisonStatRecord    *record);
void                  liaison_stat_record_free    (LiaisonStatRecord          *record);
gboolean              liaison_stat_record_seen_in (const LiaisonStatRecord    *record,
                                                   LiaisonTime                 from,
                                                   LiaisonTime                 to);
LiaisonClassicRecord *liaison_classic_record_copy (const LiaisonClassicRecord *record);
void                  liaison_classic_record_free (LiaisonClassicRecord       *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonStatRecord, liaison_stat_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonClassicRecord, liaison_classic_record_free)

gboolean liaison_statistics_newest_window_end (LiaisonStore   *store,
                                               LiaisonTime    *end,
                                               GError        **error);
gboolean liaison_statistics_listener_moments  (LiaisonStore   *store,
                                               const char     *host,
                                               const char     *listener_ip,
                                               guint           port,
                                               const char     *protocol,
                                               GArray         *times,
                                               GError        **error);

/* Derived figures; -1 when the divisor is 0. */
double   liaison_stat_ratio                 (gint64 numerator,
                                             gint64 denominator);

G_END_DECLS
