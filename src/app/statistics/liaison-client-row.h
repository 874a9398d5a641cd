/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "liaison-statistics.h"
#include "liaison-timeline-lanes.h"

G_BEGIN_DECLS

/*
 * One client of a listener as the client table shows it: its statistics
 * record, the figures of the table's columns, and its lane.
 */

#define LIAISON_TYPE_CLIENT_ROW (liaison_client_row_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonClientRow, liaison_client_row, LIAISON, CLIENT_ROW, GObject)

/* The table's columns, in the order they show. */
typedef enum
{
  LIAISON_CLIENT_COLUMN_CLIENT,
  LIAISON_CLIENT_COLUMN_DEVICE,
  LIAISON_CLIENT_COLUMN_PERSISTENCE,
  LIAISON_CLIENT_COLUMN_WEIGHT,
  LIAISON_CLIENT_COLUMN_NETSTAT_SAMPLES,
  LIAISON_CLIENT_COLUMN_NETFLOW_EVENTS,
  LIAISON_CLIENT_COLUMN_ACTIVE,
  LIAISON_CLIENT_COLUMN_GAP,
  LIAISON_CLIENT_COLUMN_SILENT,
  LIAISON_CLIENT_COLUMN_LAST_FOUND,
  LIAISON_CLIENT_COLUMN_ACTIVITY,
  LIAISON_N_CLIENT_COLUMNS,
} LiaisonClientColumn;

/* Which rows show: 0, NULL and LIAISON_TIME_NONE (not 0) for the range
 * show every row. */
typedef struct
{
  const char  *search;           /* casefolded; in the client's address or device */
  gint64       silent_at_least;  /* milliseconds */
  gint64       seen_within;      /* milliseconds before data_end */
  LiaisonTime  data_end;
  LiaisonTime  range_start;      /* seen in this time range */
  LiaisonTime  range_end;
} LiaisonClientFilter;

LiaisonClientRow          *liaison_client_row_new              (const LiaisonStatRecord    *record,
                                                                LiaisonTime                 netstat_end);
const LiaisonStatRecord   *liaison_client_row_get_record       (LiaisonClientRow           *self);
const char                *liaison_client_row_get_client       (LiaisonClientRow           *self);
double                     liaison_client_row_get_persistence  (LiaisonClientRow           *self);
double                     liaison_client_row_get_weight       (LiaisonClientRow           *self);
gint64                     liaison_client_row_get_silent       (LiaisonClientRow           *self);
LiaisonTime                liaison_client_row_get_last_found   (LiaisonClientRow           *self);
LiaisonTime                liaison_client_row_get_end          (LiaisonClientRow           *self);
LiaisonTimelineLane        liaison_client_row_get_lane         (LiaisonClientRow           *self);
char                      *liaison_client_row_dup_text         (LiaisonClientRow           *self,
                                                                LiaisonClientColumn         column);
void                       liaison_client_row_add_classic      (LiaisonClientRow           *self,
                                                                const LiaisonClassicRecord *record);
GPtrArray                 *liaison_client_row_get_classic      (LiaisonClientRow           *self);
gboolean                   liaison_client_row_matches          (LiaisonClientRow           *self,
                                                                const LiaisonClientFilter  *filter);
int                        liaison_client_row_compare          (LiaisonClientRow           *a,
                                                                LiaisonClientRow           *b,
                                                                LiaisonClientColumn         column);

G_END_DECLS
