/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-client-row"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "liaison-address.h"
#include "liaison-client-row.h"
#include "liaison-format.h"

/*
 * A client of a listener in the client table: a copy of its statistics
 * record, the classic records of its processes, and what the columns
 * show and sort by. Plain GObject, so that rows, filters and sorting are
 * tested without a display.
 *
 * Silent (statistics.md 4.4, and its netstat likeness): netflow's silent
 * span; for netstat, the time from its last found to the latest sample
 * that discovered the listener, when a sample after it did not see it. A
 * client measured by both is silent for the shorter of the two: it was
 * seen by one of them until then.
 */

struct _LiaisonClientRow
{
  GObject            parent_instance;

  LiaisonStatRecord *record;
  guint8             client_key[LIAISON_ADDRESS_KEY_LEN];
  char              *search_text;
  gint64             silent;
  LiaisonTime        last_found;
  LiaisonTime        end;
  LiaisonTime        first_found;
  GPtrArray         *classic;       /* LiaisonClassicRecord */
};

G_DEFINE_FINAL_TYPE (LiaisonClientRow, liaison_client_row, G_TYPE_OBJECT)

static void
liaison_client_row_finalize (GObject *object)
{
  LiaisonClientRow *self = LIAISON_CLIENT_ROW (object);

  g_clear_pointer (&self->record, liaison_stat_record_free);
  g_clear_pointer (&self->classic, g_ptr_array_unref);
  g_free (self->search_text);

  G_OBJECT_CLASS (liaison_client_row_parent_class)->finalize (object);
}

static void
liaison_client_row_class_init (LiaisonClientRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = liaison_client_row_finalize;
}

static void
liaison_client_row_init (LiaisonClientRow *self)
{
  self->classic = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_classic_record_free);
}

/**
 * liaison_client_row_new:
 * @record: a statistics record of the listener
 * @netstat_end: the latest moment of a sample that discovered the
 *   listener, or %LIAISON_TIME_NONE
 *
 * Returns: (transfer full): the record's row
 */
LiaisonClientRow *
liaison_client_row_new (const LiaisonStatRecord *record,
                        LiaisonTime              netstat_end)
{
  LiaisonClientRow *self = g_object_new (LIAISON_TYPE_CLIENT_ROW, NULL);
  const LiaisonStatRecord *r;
  LiaisonAddress address;
  g_autofree char *text = NULL;
  gint64 ns_silent = -1, nf_silent = -1;

  self->record = liaison_stat_record_copy (record);
  r = self->record;

  if (liaison_address_parse (r->client_ip, -1, &address))
    liaison_address_to_key (&address, self->client_key);
  text = g_strconcat (r->client_ip, " ", r->client_device != NULL ? r->client_device : "", NULL);
  self->search_text = g_utf8_casefold (text, -1);

  self->last_found = LIAISON_TIME_NONE;
  self->first_found = LIAISON_TIME_NONE;
  self->end = LIAISON_TIME_NONE;
  if (r->has_netstat)
    {
      self->last_found = r->ns_last_found;
      self->first_found = r->ns_first_found;
      self->end = liaison_time_later (r->ns_last_found, netstat_end);
      ns_silent = netstat_end != LIAISON_TIME_NONE && netstat_end > r->ns_last_found ? netstat_end - r->ns_last_found : 0;
    }
  if (r->has_netflow)
    {
      self->last_found = liaison_time_later (self->last_found, r->nf_last_found);
      self->first_found = liaison_time_earlier (self->first_found, r->nf_first_found);
      self->end = liaison_time_later (self->end, r->nf_last_found + MAX (r->nf_pending_ms, r->nf_silent_ms));
      nf_silent = r->nf_silent_ms;
    }

  if (ns_silent >= 0 && nf_silent >= 0)
    self->silent = MIN (ns_silent, nf_silent);
  else
    self->silent = MAX (0, MAX (ns_silent, nf_silent));

  return self;
}

const LiaisonStatRecord *
liaison_client_row_get_record (LiaisonClientRow *self)
{
  g_return_val_if_fail (LIAISON_IS_CLIENT_ROW (self), NULL);
  return self->record;
}

const char *
liaison_client_row_get_client (LiaisonClientRow *self)
{
  g_return_val_if_fail (LIAISON_IS_CLIENT_ROW (self), NULL);
  return self->record->client_ip;
}

/* Returns: active samples / total samples × 100, or -1 without netstat */
double
liaison_client_row_get_persistence (LiaisonClientRow *self)
{
  double ratio;

  g_return_val_if_fail (LIAISON_IS_CLIENT_ROW (self), -1);

  if (!self->record->has_netstat)
    return -1;
  ratio = liaison_stat_ratio (self->record->ns_active_samples, self->record->ns_total_samples);
  return ratio < 0 ? -1 : 100 * ratio;
}

/* Returns: total ports / active samples (netstat), or -1 without netstat */
double
liaison_client_row_get_weight (LiaisonClientRow *self)
{
  g_return_val_if_fail (LIAISON_IS_CLIENT_ROW (self), -1);

  if (!self->record->has_netstat)
    return -1;
  return liaison_stat_ratio (self->record->ns_total_ports, self->record->ns_active_samples);
}

/* Returns: how long the client has not been seen, in milliseconds; 0 when
 * it was seen by the newest sample (or is pending) */
gint64
liaison_client_row_get_silent (LiaisonClientRow *self)
{
  g_return_val_if_fail (LIAISON_IS_CLIENT_ROW (self), 0);
  return self->silent;
}

/* Returns: the latest last found of both parts */
LiaisonTime
liaison_client_row_get_last_found (LiaisonClientRow *self)
{
  g_return_val_if_fail (LIAISON_IS_CLIENT_ROW (self), LIAISON_TIME_NONE);
  return self->last_found;
}

/* Returns: the end of what is known of the client: its last found, or the
 * end of its pending or silent tail */
LiaisonTime
liaison_client_row_get_end (LiaisonClientRow *self)
{
  g_return_val_if_fail (LIAISON_IS_CLIENT_ROW (self), LIAISON_TIME_NONE);
  return self->end;
}

/**
 * liaison_client_row_get_lane:
 *
 * Returns: the client's lane of the timeline; it points into @self
 */
LiaisonTimelineLane
liaison_client_row_get_lane (LiaisonClientRow *self)
{
  const LiaisonStatRecord *r;
  LiaisonTimelineLane lane = { 0 };

  g_return_val_if_fail (LIAISON_IS_CLIENT_ROW (self), lane);

  r = self->record;
  lane.label = r->client_ip;
  lane.first = LIAISON_TIME_NONE;
  lane.last = LIAISON_TIME_NONE;
  lane.pending_end = LIAISON_TIME_NONE;
  lane.silent_end = LIAISON_TIME_NONE;
  if (r->has_netflow && r->nf_first_found != LIAISON_TIME_NONE)
    {
      lane.first = r->nf_first_found;
      lane.last = r->nf_last_found;
      lane.gaps = (const LiaisonGap *) (gpointer) r->nf_gaps->data;
      lane.n_gaps = r->nf_gaps->len;
      if (r->nf_pending_ms > 0)
        lane.pending_end = r->nf_last_found + r->nf_pending_ms;
      if (r->nf_silent_ms > 0)
        lane.silent_end = r->nf_last_found + r->nf_silent_ms;
    }
  if (r->has_netstat && r->ns_runs != NULL)
    {
      lane.runs = (const LiaisonRun *) (gpointer) r->ns_runs->data;
      lane.n_runs = r->ns_runs->len;
      lane.first_run_unknown = r->ns_first_run_unknown;
    }
  return lane;
}

static char *
duration_or_none (gboolean measured,
                  gint64   milliseconds)
{
  return measured ? liaison_format_duration (milliseconds) : g_strdup (LIAISON_FORMAT_NONE);
}

/**
 * liaison_client_row_dup_text:
 *
 * Returns: (transfer full): what the cell of @column shows
 */
char *
liaison_client_row_dup_text (LiaisonClientRow    *self,
                             LiaisonClientColumn  column)
{
  const LiaisonStatRecord *r;

  g_return_val_if_fail (LIAISON_IS_CLIENT_ROW (self), NULL);

  r = self->record;
  switch (column)
    {
    case LIAISON_CLIENT_COLUMN_CLIENT:
      return g_strdup (r->client_ip);
    case LIAISON_CLIENT_COLUMN_DEVICE:
      return g_strdup (r->client_device != NULL ? r->client_device : LIAISON_FORMAT_NONE);
    case LIAISON_CLIENT_COLUMN_PERSISTENCE:
      return liaison_format_percent (liaison_client_row_get_persistence (self));
    case LIAISON_CLIENT_COLUMN_WEIGHT:
      return liaison_format_decimal (liaison_client_row_get_weight (self));
    case LIAISON_CLIENT_COLUMN_NETSTAT_SAMPLES:
      if (!r->has_netstat)
        return g_strdup (LIAISON_FORMAT_NONE);
      {
        g_autofree char *active = liaison_format_count (r->ns_active_samples);
        g_autofree char *total = liaison_format_count (r->ns_total_samples);

        /* TRANSLATORS: netstat samples of a client: active of total, e.g. “3 / 4” */
        return g_strdup_printf (_("%s / %s"), active, total);
      }
    case LIAISON_CLIENT_COLUMN_NETFLOW_EVENTS:
      return r->has_netflow ? liaison_format_count (r->nf_total_events) : g_strdup (LIAISON_FORMAT_NONE);
    case LIAISON_CLIENT_COLUMN_ACTIVE:
      return duration_or_none (r->has_netflow, r->nf_active_ms);
    case LIAISON_CLIENT_COLUMN_GAP:
      return duration_or_none (r->has_netflow, r->nf_gap_ms);
    case LIAISON_CLIENT_COLUMN_SILENT:
      return duration_or_none (self->silent > 0, self->silent);
    case LIAISON_CLIENT_COLUMN_LAST_FOUND:
      return liaison_format_time_short (self->last_found);
    case LIAISON_CLIENT_COLUMN_ACTIVITY:
      {
        LiaisonTimelineLane lane = liaison_client_row_get_lane (self);
        g_autoptr(LiaisonTimelineLanes) lanes = liaison_timeline_lanes_new (&lane, 1);

        return liaison_timeline_lanes_describe (lanes, 0);
      }
    case LIAISON_N_CLIENT_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Keeps a classic record of one of the client's processes, for its figures. */
void
liaison_client_row_add_classic (LiaisonClientRow           *self,
                                const LiaisonClassicRecord *record)
{
  g_return_if_fail (LIAISON_IS_CLIENT_ROW (self));

  g_ptr_array_add (self->classic, liaison_classic_record_copy (record));
}

/* Returns: (transfer none) (element-type LiaisonClassicRecord): the
 * classic records of the client's processes */
GPtrArray *
liaison_client_row_get_classic (LiaisonClientRow *self)
{
  g_return_val_if_fail (LIAISON_IS_CLIENT_ROW (self), NULL);
  return self->classic;
}

/* Whether the row shows under @filter. */
gboolean
liaison_client_row_matches (LiaisonClientRow          *self,
                            const LiaisonClientFilter *filter)
{
  g_return_val_if_fail (LIAISON_IS_CLIENT_ROW (self), FALSE);

  if (filter->search != NULL && filter->search[0] != '\0' && strstr (self->search_text, filter->search) == NULL)
    return FALSE;
  if (filter->silent_at_least > 0 && self->silent < filter->silent_at_least)
    return FALSE;
  if (filter->seen_within > 0 && filter->data_end != LIAISON_TIME_NONE &&
      !liaison_stat_record_seen_in (self->record, filter->data_end - filter->seen_within, filter->data_end))
    return FALSE;
  if (filter->range_start != LIAISON_TIME_NONE &&
      !liaison_stat_record_seen_in (self->record, filter->range_start, filter->range_end))
    return FALSE;
  return TRUE;
}

static int
compare_numbers (double a,
                 double b)
{
  return a < b ? -1 : a > b ? 1 : 0;
}

static int
compare_text (const char *a,
              const char *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);
  return g_utf8_collate (a, b);
}

/**
 * liaison_client_row_compare:
 *
 * Returns: the order of @a and @b by @column, ascending; rows that are
 *   equal there in the order of their client's address. A figure never
 *   measured comes before every measured one.
 */
int
liaison_client_row_compare (LiaisonClientRow    *a,
                            LiaisonClientRow    *b,
                            LiaisonClientColumn  column)
{
  const LiaisonStatRecord *x = a->record;
  const LiaisonStatRecord *y = b->record;
  int c = 0;

  switch (column)
    {
    case LIAISON_CLIENT_COLUMN_CLIENT:
      break;
    case LIAISON_CLIENT_COLUMN_DEVICE:
      c = compare_text (x->client_device, y->client_device);
      break;
    case LIAISON_CLIENT_COLUMN_PERSISTENCE:
      c = compare_numbers (liaison_client_row_get_persistence (a), liaison_client_row_get_persistence (b));
      break;
    case LIAISON_CLIENT_COLUMN_WEIGHT:
      c = compare_numbers (liaison_client_row_get_weight (a), liaison_client_row_get_weight (b));
      break;
    case LIAISON_CLIENT_COLUMN_NETSTAT_SAMPLES:
      c = compare_numbers (x->has_netstat ? x->ns_active_samples : -1, y->has_netstat ? y->ns_active_samples : -1);
      if (c == 0)
        c = compare_numbers (x->has_netstat ? x->ns_total_samples : -1, y->has_netstat ? y->ns_total_samples : -1);
      break;
    case LIAISON_CLIENT_COLUMN_NETFLOW_EVENTS:
      c = compare_numbers (x->has_netflow ? x->nf_total_events : -1, y->has_netflow ? y->nf_total_events : -1);
      break;
    case LIAISON_CLIENT_COLUMN_ACTIVE:
      c = compare_numbers (x->has_netflow ? x->nf_active_ms : -1, y->has_netflow ? y->nf_active_ms : -1);
      break;
    case LIAISON_CLIENT_COLUMN_GAP:
      c = compare_numbers (x->has_netflow ? x->nf_gap_ms : -1, y->has_netflow ? y->nf_gap_ms : -1);
      break;
    case LIAISON_CLIENT_COLUMN_SILENT:
      c = compare_numbers (a->silent, b->silent);
      break;
    case LIAISON_CLIENT_COLUMN_LAST_FOUND:
      c = compare_numbers (a->last_found, b->last_found);
      break;
    case LIAISON_CLIENT_COLUMN_ACTIVITY:
      c = compare_numbers (a->first_found, b->first_found);
      break;
    case LIAISON_N_CLIENT_COLUMNS:
    default:
      g_return_val_if_reached (0);
    }

  if (c == 0)
    c = memcmp (a->client_key, b->client_key, LIAISON_ADDRESS_KEY_LEN);
  return c;
}
