/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-address.h"
#include "liaison-listener-set-private.h"
#include "liaison-span.h"
#include "liaison-store-private.h"
#include "liaison-time.h"

G_BEGIN_DECLS

/*
 * The statistics tables as the statistics engine updates them: statistics
 * records (stat_record, gap_segment) and classic statistics (classic_stat).
 */

/* The identity of a statistics record. */
typedef struct
{
  const LiaisonAddress *listener;
  const LiaisonAddress *client;
  guint16               port;
  guint8                protocol;
  const char           *scope;         /* the host for a loopback identity, else "" */
} LiaisonRecordKey;

/* A conversation of a netstat sample (statistics.md 3.3 and 3.4), with the
 * neighbours of the sample's moment that its record's runs need (3.6,
 * liaison_runs_add()). */
typedef struct
{
  LiaisonRecordKey      record;
  gint64                ports;         /* its distinct client ports in the sample */
  LiaisonTime           run_before;
  LiaisonTime           run_after;
} LiaisonConversationCount;

/* The netflow counters of a statistics record (statistics.md 4.3), and the
 * newest run of sample windows its pair was active in (statistics.md 4;
 * older runs are rows of nf_window_run). */
typedef struct
{
  gint64                active_samples;
  gint64                total_events;
  gint64                total_ports;
  LiaisonTime           run_from;      /* LIAISON_TIME_NONE: no run known */
  LiaisonTime           run_to;
} LiaisonNetflowCounts;

/* A run of consecutive sample windows in which a record's pair was active
 * (statistics.md 4): [from, to) in milliseconds. */
typedef struct
{
  LiaisonTime           from;
  LiaisonTime           to;
} LiaisonWindowRun;

/* The netflow part of a statistics record: the spans' figures as the
 * record holds them after a sample (liaison_netflow_part_init()). */
typedef struct
{
  guint                 interval;
  LiaisonNetflowCounts  counts;
  LiaisonTime           first;
  LiaisonTime           last;
  guint32               first_interval;
  gint64                gap_ms;
} LiaisonNetflowPart;

/* A new statistics record of a netflow sample
 * (liaison_store_add_netflow_records()). */
typedef struct
{
  LiaisonRecordKey      key;
  LiaisonNetflowPart    part;
  gboolean              no_devices;    /* its service communications name no device */
} LiaisonNetflowRecordRow;

/* The netflow part of a statistics record after a sample
 * (liaison_store_update_netflow_records()). */
typedef struct
{
  gint64                record_id;
  LiaisonNetflowPart    part;
} LiaisonNetflowRecordUpdate;

/* A gap segment of a record, and an older run of windows of a record. */
typedef struct
{
  gint64                record_id;
  LiaisonGap            gap;
} LiaisonGapRow;

typedef struct
{
  gint64                record_id;
  LiaisonWindowRun      run;
} LiaisonWindowRunRow;

/* The statistics record of a key bound by liaison_bind_record_key(). */
#define LIAISON_RECORD_KEY_WHERE \
  " WHERE listener_key = ?1 AND port = ?2 AND protocol = ?3" \
  "   AND client_key = ?4 AND scope = ?5"

/* The same record when it exists with its devices, host and a count of
 * samples: a sample only changes its counters. */
#define LIAISON_COUNTED_RECORD_WHERE \
  LIAISON_RECORD_KEY_WHERE \
  "   AND listener_device IS NOT NULL AND ns_host IS NOT NULL" \
  "   AND ns_total_samples IS NOT NULL"

void     liaison_bind_record_key              (LiaisonStmt                     *stmt,
                                               const LiaisonRecordKey          *key);
void     liaison_netflow_part_init            (LiaisonNetflowPart              *part,
                                               guint                            interval,
                                               const LiaisonNetflowCounts      *counts,
                                               const LiaisonSpans              *spans);
gboolean liaison_store_has_stat_records       (LiaisonStore                    *self,
                                               gboolean                        *any,
                                               GError                         **error);
gboolean liaison_store_count_listener_sample  (LiaisonStore                    *self,
                                               const char                      *host,
                                               const LiaisonListener           *listener,
                                               GError                         **error);
gboolean liaison_store_add_listener_samples   (LiaisonStore                    *self,
                                               const char                      *host,
                                               const LiaisonListener           *listener,
                                               gint64                           samples,
                                               GError                         **error);
gboolean liaison_store_add_classic_samples    (LiaisonStore                    *self,
                                               const char                      *host,
                                               gint64                           samples,
                                               GError                         **error);
gboolean liaison_store_count_inbound          (LiaisonStore                    *self,
                                               const char                      *host,
                                               LiaisonTime                      time,
                                               const LiaisonConversationCount  *count,
                                               GError                         **error);
gboolean liaison_store_add_inbound_records    (LiaisonStore                    *self,
                                               const char                      *host,
                                               LiaisonTime                      time,
                                               const LiaisonConversationCount  *counts,
                                               guint                            n_counts,
                                               const char * const              *client_devices,
                                               GError                         **error);
gboolean liaison_store_name_client_device     (LiaisonStore                    *self,
                                               const char                      *host,
                                               const LiaisonConversationCount  *count,
                                               GError                         **error);
gboolean liaison_store_count_classic_samples  (LiaisonStore                    *self,
                                               const char                      *host,
                                               GError                         **error);
gboolean liaison_store_count_classic          (LiaisonStore                    *self,
                                               const char                      *host,
                                               LiaisonTime                      time,
                                               gint64                           communication_id,
                                               const LiaisonConversationCount  *count,
                                               GError                         **error);

/* Statistics held in memory for one transaction
 * (liaison-store-held-statistics.c). */
void     liaison_store_hold_statistics        (LiaisonStore                    *self);
void     liaison_store_drop_held_statistics   (LiaisonStore                    *self);
gboolean liaison_store_hold_listener_sample   (LiaisonStore                    *self,
                                               const char                      *host,
                                               const LiaisonListener           *listener);
gboolean liaison_store_hold_classic_sample    (LiaisonStore                    *self,
                                               const char                      *host);
gboolean liaison_store_hold_inbound           (LiaisonStore                    *self,
                                               LiaisonTime                      time,
                                               const LiaisonConversationCount  *count,
                                               gboolean                        *held,
                                               GError                         **error);
gboolean liaison_store_write_held_samples     (LiaisonStore                    *self,
                                               GError                         **error);
gboolean liaison_store_write_held_records     (LiaisonStore                    *self,
                                               GError                         **error);
gboolean liaison_store_write_held_statistics  (LiaisonStore                    *self,
                                               GError                         **error);

typedef struct _LiaisonNetflowScan LiaisonNetflowScan;

gboolean liaison_store_max_stat_record_id     (LiaisonStore                    *self,
                                               gint64                          *max,
                                               GError                         **error);

LiaisonNetflowScan *liaison_store_scan_netflow_records (LiaisonStore           *self,
                                                        gboolean                staged,
                                                        GError                **error);
gboolean liaison_netflow_scan_read            (LiaisonNetflowScan              *scan,
                                               const LiaisonRecordKey          *key,
                                               gint64                          *record_id,
                                               LiaisonNetflowCounts            *counts,
                                               LiaisonSpans                    *spans,
                                               GError                         **error);
void     liaison_netflow_scan_free            (LiaisonNetflowScan              *scan);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonNetflowScan, liaison_netflow_scan_free)

gboolean liaison_store_read_netflow_record    (LiaisonStore                    *self,
                                               const LiaisonRecordKey          *key,
                                               gint64                          *record_id,
                                               LiaisonNetflowCounts            *counts,
                                               LiaisonSpans                    *spans,
                                               GError                         **error);
gboolean liaison_store_add_netflow_records    (LiaisonStore                    *self,
                                               const LiaisonNetflowRecordRow   *rows,
                                               guint                            n_rows,
                                               gint64                          *first_id,
                                               GError                         **error);
gboolean liaison_store_update_netflow_records (LiaisonStore                   *self,
                                               const LiaisonNetflowRecordUpdate *rows,
                                               guint                            n_rows,
                                               GError                         **error);
gboolean liaison_store_add_gaps               (LiaisonStore                    *self,
                                               const LiaisonGapRow             *rows,
                                               guint                            n_rows,
                                               GError                         **error);
gboolean liaison_store_add_window_runs        (LiaisonStore                    *self,
                                               const LiaisonWindowRunRow       *rows,
                                               guint                            n_rows,
                                               GError                         **error);
gboolean liaison_store_replace_gaps           (LiaisonStore                    *self,
                                               gint64                           record_id,
                                               gboolean                         had_gaps,
                                               GArray                          *gaps,
                                               GError                         **error);

gboolean liaison_store_read_window_runs       (LiaisonStore                    *self,
                                               gint64                           record_id,
                                               LiaisonTime                      from,
                                               LiaisonTime                      to,
                                               GArray                          *runs,
                                               GError                         **error);
gboolean liaison_store_replace_window_runs    (LiaisonStore                    *self,
                                               gint64                           record_id,
                                               LiaisonTime                      from,
                                               LiaisonTime                      to,
                                               gboolean                         had_runs,
                                               GArray                          *runs,
                                               GError                         **error);

G_END_DECLS
