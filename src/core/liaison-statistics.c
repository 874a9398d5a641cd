/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-statistics"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "liaison-error.h"
#include "liaison-host-moments-private.h"
#include "liaison-span.h"
#include "liaison-statistics.h"
#include "liaison-store-records-private.h"
#include "liaison-typed-offset-private.h"

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
  record.nf_silent_ms = 0;
  if (record.has_netflow)
    {
      spans.first = record.nf_first_found;
      spans.last = record.nf_last_found;
      spans.first_interval = record.nf_interval;
      spans.gaps = record.nf_gaps;

      record.nf_gap_ms = liaison_spans_gap_ms (&spans);
      record.nf_active_ms = liaison_spans_active_ms (&spans);
      liaison_spans_tail (&spans, derive->newest_end, record.nf_interval,
                          &record.nf_pending_ms, &record.nf_silent_ms);
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
 * liaison_statistics_newest_window_end:
 * @end: (out): E of statistics.md 4.4, the end of the newest netflow
 *   sample window, or %LIAISON_TIME_NONE when there is none
 */
gboolean
liaison_statistics_newest_window_end (LiaisonStore  *store,
                                      LiaisonTime   *end,
                                      GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);

  return liaison_store_newest_window_end (store, end, error);
}

/**
 * liaison_statistics_listener_moments:
 * @host: the host whose samples measured the listener's records
 * @times: (element-type LiaisonTime): where the moments are appended
 *
 * Appends, in time order, the moments of @host's netstat samples that
 * discovered the listener (statistics.md 3.3 step 1): the samples that
 * could have seen its clients.
 */
gboolean
liaison_statistics_listener_moments (LiaisonStore  *store,
                                     const char    *host,
                                     const char    *listener_ip,
                                     guint          port,
                                     const char    *protocol,
                                     GArray        *times,
                                     GError       **error)
{
  g_autoptr(LiaisonHostMoments) moments = NULL;
  LiaisonAddress address;
  LiaisonProtocol proto;

  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);
  g_return_val_if_fail (host != NULL && listener_ip != NULL && protocol != NULL, FALSE);

  if (!liaison_address_parse (listener_ip, -1, &address))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID, _("“%s” is not an IP address"), listener_ip);
      return FALSE;
    }
  if (!liaison_protocol_from_string (protocol, &proto))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID, _("“%s” is not a protocol (tcp or udp)"), protocol);
      return FALSE;
    }

  moments = liaison_host_moments_new (store, host);
  return liaison_host_moments_list (moments, &address, port, proto, times, error);
}

/* Copies and seen ---------------------------------------------------------- */

static GArray *
copy_array (GArray *array,
            guint   element_size)
{
  return array != NULL ? g_array_copy (array) : g_array_new (FALSE, FALSE, element_size);
}

/* The strings a record owns, by their offsets in it: what a copy
 * duplicates and what is freed with it. Each must be a `char *`; the
 * interned `const char *` protocol is not owned and cannot be listed. */
static const gsize stat_record_strings[] = {
  LIAISON_TYPED_OFFSET (LiaisonStatRecord, listener_ip, char *),
  LIAISON_TYPED_OFFSET (LiaisonStatRecord, client_ip, char *),
  LIAISON_TYPED_OFFSET (LiaisonStatRecord, listener_device, char *),
  LIAISON_TYPED_OFFSET (LiaisonStatRecord, client_device, char *),
  LIAISON_TYPED_OFFSET (LiaisonStatRecord, ns_host, char *),
};
static const gsize classic_record_strings[] = {
  LIAISON_TYPED_OFFSET (LiaisonClassicRecord, client_ip, char *),
  LIAISON_TYPED_OFFSET (LiaisonClassicRecord, listener_ip, char *),
  LIAISON_TYPED_OFFSET (LiaisonClassicRecord, client_process_name, char *),
  LIAISON_TYPED_OFFSET (LiaisonClassicRecord, client_process_display_name, char *),
  LIAISON_TYPED_OFFSET (LiaisonClassicRecord, client_device, char *),
};

/* A copy of the @size bytes of @record, with its own @n_strings strings. */
static gpointer
copy_record (gconstpointer  record,
             gsize          size,
             const gsize   *strings,
             guint          n_strings)
{
  gpointer copy = g_memdup2 (record, size);

  for (guint i = 0; i < n_strings; i++)
    G_STRUCT_MEMBER (char *, copy, strings[i]) = g_strdup (G_STRUCT_MEMBER (const char *, record, strings[i]));
  return copy;
}

static void
free_strings (gpointer     record,
              const gsize *strings,
              guint        n_strings)
{
  for (guint i = 0; i < n_strings; i++)
    g_free (G_STRUCT_MEMBER (char *, record, strings[i]));
}

/**
 * liaison_stat_record_copy:
 *
 * Returns: (transfer full): a copy of @record that lives on after the
 *   call it was given to
 */
LiaisonStatRecord *
liaison_stat_record_copy (const LiaisonStatRecord *record)
{
  LiaisonStatRecord *copy = copy_record (record, sizeof *record, stat_record_strings,
                                         G_N_ELEMENTS (stat_record_strings));

  copy->ns_runs = copy_array (record->ns_runs, sizeof (LiaisonRun));
  copy->nf_gaps = copy_array (record->nf_gaps, sizeof (LiaisonGap));
  return copy;
}

void
liaison_stat_record_free (LiaisonStatRecord *record)
{
  if (record == NULL)
    return;

  free_strings (record, stat_record_strings, G_N_ELEMENTS (stat_record_strings));
  g_clear_pointer (&record->ns_runs, g_array_unref);
  g_clear_pointer (&record->nf_gaps, g_array_unref);
  g_free (record);
}

/**
 * liaison_stat_record_seen_in:
 * @from: the start of a time range
 * @to: its end
 *
 * Statistics.md 3.6: a record is seen in a time range when a netstat run,
 * or a netflow activity interval (what lies between first and last found
 * and is not inside a gap), meets it.
 */
gboolean
liaison_stat_record_seen_in (const LiaisonStatRecord *record,
                             LiaisonTime              from,
                             LiaisonTime              to)
{
  if (record->has_netstat && record->ns_runs != NULL &&
      liaison_runs_meet ((const LiaisonRun *) (gpointer) record->ns_runs->data, record->ns_runs->len, from, to))
    return TRUE;

  if (record->has_netflow && record->nf_first_found != LIAISON_TIME_NONE &&
      record->nf_first_found <= to && record->nf_last_found >= from)
    {
      LiaisonTime a = MAX (from, record->nf_first_found);
      LiaisonTime b = MIN (to, record->nf_last_found);

      /* Unseen only when the range, clipped, lies inside one gap. */
      for (guint i = 0; record->nf_gaps != NULL && i < record->nf_gaps->len; i++)
        {
          const LiaisonGap *gap = &g_array_index (record->nf_gaps, LiaisonGap, i);

          if (gap->from < a && b < gap->to)
            return FALSE;
          if (gap->from >= a)
            break;
        }
      return TRUE;
    }

  return FALSE;
}

LiaisonClassicRecord *
liaison_classic_record_copy (const LiaisonClassicRecord *record)
{
  LiaisonClassicRecord *copy = copy_record (record, sizeof *record, classic_record_strings,
                                            G_N_ELEMENTS (classic_record_strings));

  copy->runs = copy_array (record->runs, sizeof (LiaisonRun));
  return copy;
}

void
liaison_classic_record_free (LiaisonClassicRecord *record)
{
  if (record == NULL)
    return;

  free_strings (record, classic_record_strings, G_N_ELEMENTS (classic_record_strings));
  g_clear_pointer (&record->runs, g_array_unref);
  g_free (record);
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
