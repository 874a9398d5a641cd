/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-statistics"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "liaison-error.h"
#include "liaison-span.h"
#include "liaison-statistics.h"
#include "liaison-store-records-private.h"

/*
 * The statistics records as read back (export.md): the stored figures and
 * the ones derived from them (statistics.md 4.4).
 */

/* Checks @filter and turns it into what the store compares. */
static gboolean
check_filter (const LiaisonStatFilter  *filter,
              LiaisonRecordFilter      *out,
              GError                  **error)
{
  memset (out, 0, sizeof *out);
  if (filter == NULL)
    return TRUE;

  if (filter->listener_ip != NULL && filter->listener_ip[0] != '\0')
    {
      LiaisonAddress address;

      if (!liaison_address_parse (filter->listener_ip, -1, &address))
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                       _("“%s” is not an IP address"), filter->listener_ip);
          return FALSE;
        }
      liaison_address_to_key (&address, out->listener_key);
      out->by_listener = TRUE;
    }
  out->port = filter->port;
  if (filter->protocol != NULL && filter->protocol[0] != '\0')
    {
      LiaisonProtocol protocol;

      if (!liaison_protocol_from_string (filter->protocol, &protocol))
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                       _("“%s” is not a protocol (tcp or udp)"), filter->protocol);
          return FALSE;
        }
      out->protocol = liaison_protocol_to_string (protocol);
    }

  return TRUE;
}

typedef struct
{
  LiaisonTime            newest_end;
  LiaisonStatRecordFunc  func;
  gpointer               user_data;
} Derive;

/* Adds the derived spans to a record read, and passes it on. */
static gboolean
derive_spans (const LiaisonStatRecord  *stored,
              gpointer                  user_data,
              GError                  **error)
{
  Derive *derive = user_data;
  LiaisonStatRecord record = *stored;
  LiaisonSpans spans;

  record.nf_active_ms = 0;
  record.nf_gap_ms = 0;
  record.nf_pending_ms = 0;
  if (record.has_netflow)
    {
      spans.first = record.nf_first_found;
      spans.last = record.nf_last_found;
      spans.first_interval = record.nf_interval;
      spans.gaps = record.nf_gaps;

      record.nf_gap_ms = liaison_spans_gap_ms (&spans);
      record.nf_active_ms = liaison_spans_active_ms (&spans);
      record.nf_pending_ms = liaison_spans_pending_ms (&spans, derive->newest_end);
    }

  return derive->func (&record, derive->user_data, error);
}

/**
 * liaison_statistics_foreach_record:
 * @store: the store
 * @filter: (nullable): which records
 * @func: called for each record, in export.md order
 * @user_data: for @func
 * @error: return location for an error
 *
 * Streams the statistics records with their gap segments and derived spans;
 * memory use does not grow with the number of records.
 */
gboolean
liaison_statistics_foreach_record (LiaisonStore               *store,
                                   const LiaisonStatFilter    *filter,
                                   LiaisonStatRecordFunc       func,
                                   gpointer                    user_data,
                                   GError                    **error)
{
  Derive derive = { LIAISON_TIME_NONE, func, user_data };
  LiaisonRecordFilter checked;
  gboolean ok;

  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  /* The newest window end and the records of one state of the database. */
  if (!check_filter (filter, &checked, error) ||
      !liaison_store_begin_read (store, error))
    return FALSE;
  ok = liaison_store_newest_window_end (store, &derive.newest_end, error) &&
       liaison_store_foreach_stat_record (store, &checked, derive_spans, &derive, error);
  liaison_store_end_read (store);
  return ok;
}

/**
 * liaison_statistics_foreach_classic:
 * @store: the store
 * @filter: (nullable): which records, by listener
 * @func: called for each record, in export.md order
 * @user_data: for @func
 * @error: return location for an error
 *
 * Streams the classic (per client service) statistics records.
 */
gboolean
liaison_statistics_foreach_classic (LiaisonStore               *store,
                                    const LiaisonStatFilter    *filter,
                                    LiaisonClassicRecordFunc    func,
                                    gpointer                    user_data,
                                    GError                    **error)
{
  LiaisonRecordFilter checked;

  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  return check_filter (filter, &checked, error) &&
         liaison_store_foreach_classic (store, &checked, func, user_data, error);
}

/**
 * liaison_stat_ratio:
 *
 * Returns: @numerator / @denominator, or -1 when @denominator is 0
 */
double
liaison_stat_ratio (gint64 numerator,
                    gint64 denominator)
{
  if (denominator == 0)
    return -1;
  return (double) numerator / (double) denominator;
}
