/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-map"

#include "config.h"

#include <string.h>

#include "liaison-map-compare.h"
#include "liaison-services.h"
#include "liaison-statistics.h"
#include "liaison-store-map-private.h"

/*
 * Compare (map.md 5). Every statistics record and service communication
 * seen in either range (statistics.md 3.6) is put under its (client
 * address, listener address, port, protocol); each is new, gone or kept.
 *
 * For a kept one, what can be told of each range:
 * - persistence: of the samples of the record's host inside the range that
 *   discovered its listener (the samples that could have seen it), the
 *   share that lies in one of its runs (each such sample was an active
 *   one); not told when no such sample lies in the range, or when one lies
 *   in a first run that predates runs (not known in between);
 * - flow events: all of the record's events when its netflow activity lies
 *   inside the range, none when it lies outside; not told when it crosses
 *   an end of the range (events are not kept per window).
 * The FILTER words apply to each record as to an edge of its own.
 */

#define KEY_LEN (2 * LIAISON_ADDRESS_KEY_LEN + 3)

typedef struct
{
  guint8       key[KEY_LEN];       /* client key, listener key, port (2 bytes), protocol */
  guint        seen;               /* bit 0: before, bit 1: after */
  gboolean     has_netstat;
  char        *ns_host;
  GArray      *runs;               /* LiaisonRun */
  gboolean     first_run_unknown;
  gboolean     has_netflow;
  LiaisonTime  nf_first;
  LiaisonTime  nf_last;
  gint64       events;
} Entry;

typedef struct
{
  const LiaisonMapFilter *filter;
  GHashTable             *index;   /* key -> Entry, owned */
} Compare;

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->ns_host);
  g_clear_pointer (&entry->runs, g_array_unref);
  g_free (entry);
}

static guint
key_hash (gconstpointer key)
{
  const guint8 *p = key;
  guint hash = 5381;

  for (guint i = 0; i < KEY_LEN; i++)
    hash = hash * 33 + p[i];
  return hash;
}

static gboolean
key_equal (gconstpointer a,
           gconstpointer b)
{
  return memcmp (a, b, KEY_LEN) == 0;
}

/* map.md 3, for one record as for an edge of its own. */
static gboolean
row_passes (const LiaisonMapFilter *filter,
            const LiaisonMapRow    *row)
{
  LiaisonProtocol protocol;

  if (filter->protocol != NULL && liaison_protocol_from_string (filter->protocol, &protocol) &&
      protocol != row->protocol)
    return FALSE;
  for (guint i = 0; i < filter->n_hide_ports; i++)
    if (filter->hide_ports[i] == row->port)
      return FALSE;
  if (filter->hide_loopback &&
      (row->scope[0] != '\0' || memcmp (row->client_key, row->listener_key, LIAISON_ADDRESS_KEY_LEN) == 0))
    return FALSE;
  if (filter->min_persistence > 0 &&
      !(row->has_netstat
        ? 100.0 * (double) row->ns_active_samples / (double) row->ns_total_samples >= filter->min_persistence
        : row->has_netflow && row->nf_total_events > 0))
    return FALSE;
  if (filter->min_events > 0 &&
      !(row->has_netflow ? row->nf_total_events >= filter->min_events : row->has_netstat))
    return FALSE;
  if (filter->silent_at_least > 0 && (row->silent_span < 0 || row->silent_span < filter->silent_at_least))
    return FALSE;
  if (filter->seen_within > 0 && (row->silent_span < 0 || row->silent_span >= filter->seen_within))
    return FALSE;
  return TRUE;
}

static gboolean
on_row (const LiaisonMapRow  *row,
        gpointer              user_data,
        GError              **error)
{
  Compare *compare = user_data;
  guint8 key[KEY_LEN];
  Entry *entry;

  if (!row_passes (compare->filter, row))
    return TRUE;

  memcpy (key, row->client_key, LIAISON_ADDRESS_KEY_LEN);
  memcpy (key + LIAISON_ADDRESS_KEY_LEN, row->listener_key, LIAISON_ADDRESS_KEY_LEN);
  key[2 * LIAISON_ADDRESS_KEY_LEN] = (guint8) (row->port >> 8);
  key[2 * LIAISON_ADDRESS_KEY_LEN + 1] = (guint8) row->port;
  key[2 * LIAISON_ADDRESS_KEY_LEN + 2] = (guint8) row->protocol;

  entry = g_hash_table_lookup (compare->index, key);
  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      memcpy (entry->key, key, KEY_LEN);
      g_hash_table_insert (compare->index, entry->key, entry);
    }
  entry->seen |= row->seen;

  /* A pair has one statistics record: its figures are the record's. */
  if (row->is_record && row->has_netstat && row->ns_host != NULL)
    {
      entry->has_netstat = TRUE;
      g_free (entry->ns_host);
      entry->ns_host = g_strdup (row->ns_host);
      g_clear_pointer (&entry->runs, g_array_unref);
      entry->runs = g_array_sized_new (FALSE, FALSE, sizeof (LiaisonRun), row->n_runs);
      g_array_append_vals (entry->runs, row->runs, row->n_runs);
      entry->first_run_unknown = row->first_run_unknown;
    }
  if (row->is_record && row->has_netflow)
    {
      entry->has_netflow = TRUE;
      entry->nf_first = row->nf_first_found;
      entry->nf_last = row->nf_last_found;
      entry->events = row->nf_total_events;
    }
  return TRUE;
}

static void
key_address (const guint8   *key,
             LiaisonAddress *address)
{
  address->family = key[0];
  memcpy (address->bytes, key + 1, sizeof address->bytes);
}

/* The persistence of @entry in @range, or -1 (see the top of this file). */
static gboolean
persistence_in (LiaisonStore          *store,
                const Entry           *entry,
                const char            *listener_ip,
                guint                  port,
                const char            *protocol,
                const LiaisonMapRange *ranges,
                double                *persistence,
                GError               **error)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (LiaisonTime));

  persistence[0] = persistence[1] = -1;
  if (!entry->has_netstat)
    return TRUE;
  if (!liaison_statistics_listener_moments (store, entry->ns_host, listener_ip, port, protocol, times, error))
    return FALSE;

  for (guint r = 0; r < LIAISON_MAP_MAX_RANGES; r++)
    {
      guint total = 0, active = 0, run = 0;
      gboolean unknown = FALSE;

      for (guint i = 0; i < times->len; i++)
        {
          LiaisonTime t = g_array_index (times, LiaisonTime, i);
          const LiaisonRun *runs = (const LiaisonRun *) (gpointer) entry->runs->data;

          if (t < ranges[r].from || t >= ranges[r].to)
            continue;
          total++;
          while (run < entry->runs->len && runs[run].last < t)
            run++;
          if (run < entry->runs->len && runs[run].first <= t)
            {
              active++;
              unknown |= run == 0 && entry->first_run_unknown && t != runs[0].first && t != runs[0].last;
            }
        }
      if (total > 0 && !unknown)
        persistence[r] = 100.0 * active / total;
    }
  return TRUE;
}

static gint64
events_in (const Entry           *entry,
           const LiaisonMapRange *range)
{
  if (!entry->has_netflow)
    return -1;
  if (entry->nf_first >= range->from && entry->nf_last < range->to)
    return entry->events;
  if (entry->nf_last < range->from || entry->nf_first >= range->to)
    return 0;
  return -1;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  const Entry *const *entries = data;
  const Entry *x = entries[*(const guint *) a], *y = entries[*(const guint *) b];
  LiaisonCompareState sx = x->seen == 2 ? LIAISON_COMPARE_NEW : x->seen == 1 ? LIAISON_COMPARE_GONE : LIAISON_COMPARE_KEPT;
  LiaisonCompareState sy = y->seen == 2 ? LIAISON_COMPARE_NEW : y->seen == 1 ? LIAISON_COMPARE_GONE : LIAISON_COMPARE_KEPT;

  if (sx != sy)
    return sx < sy ? -1 : 1;
  return memcmp (x->key, y->key, KEY_LEN);
}

static void
compare_row_clear (gpointer data)
{
  LiaisonCompareRow *row = data;

  g_free (row->client_ip);
  g_free (row->listener_ip);
}

/**
 * liaison_map_compare:
 * @filter: (nullable): the FILTER words; its own time range is not used
 *
 * Returns: (transfer full) (element-type LiaisonCompareRow): what is new,
 *   then gone, then kept, each in address order; %NULL on error
 */
GArray *
liaison_map_compare (LiaisonStore            *store,
                     const LiaisonMapFilter  *filter,
                     const LiaisonMapRange   *before,
                     const LiaisonMapRange   *after,
                     GCancellable            *cancellable,
                     GError                 **error)
{
  static const LiaisonMapFilter no_filter = { 0 };
  LiaisonMapRange ranges[LIAISON_MAP_MAX_RANGES] = { *before, *after };
  g_autoptr(GHashTable) index = g_hash_table_new_full (key_hash, key_equal, NULL, entry_free);
  g_autoptr(GArray) rows = NULL;
  g_autofree Entry **entries = NULL;
  g_autofree guint *order = NULL;
  Compare compare = { filter != NULL ? filter : &no_filter, index };
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  g_return_val_if_fail (before != NULL && after != NULL, NULL);

  if ((filter != NULL && !liaison_map_filter_validate (filter, error)) ||
      !liaison_store_begin_read (store, error))
    return NULL;
  if (!liaison_store_map_foreach_record (store, ranges, 2, on_row, &compare, cancellable, error) ||
      !liaison_store_map_foreach_communication (store, ranges, 2, on_row, &compare, cancellable, error))
    {
      liaison_store_end_read (store);
      return NULL;
    }

  entries = g_new (Entry *, g_hash_table_size (index) + 1);
  order = g_new (guint, g_hash_table_size (index) + 1);
  g_hash_table_iter_init (&iter, index);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      order[n] = n;
      entries[n++] = value;
    }
  g_qsort_with_data (order, (gint) n, sizeof (guint), compare_rows, entries);

  rows = g_array_sized_new (FALSE, TRUE, sizeof (LiaisonCompareRow), n);
  g_array_set_clear_func (rows, compare_row_clear);
  for (guint i = 0; i < n; i++)
    {
      const Entry *entry = entries[order[i]];
      LiaisonCompareRow row = { 0 };
      LiaisonAddress address;

      row.state = entry->seen == 2 ? LIAISON_COMPARE_NEW : entry->seen == 1 ? LIAISON_COMPARE_GONE
                                                                             : LIAISON_COMPARE_KEPT;
      key_address (entry->key, &address);
      row.client_ip = liaison_address_dup_string (&address);
      key_address (entry->key + LIAISON_ADDRESS_KEY_LEN, &address);
      row.listener_ip = liaison_address_dup_string (&address);
      row.port = (guint) entry->key[2 * LIAISON_ADDRESS_KEY_LEN] << 8 | entry->key[2 * LIAISON_ADDRESS_KEY_LEN + 1];
      row.protocol = liaison_protocol_to_string (entry->key[2 * LIAISON_ADDRESS_KEY_LEN + 2]);
      row.service = liaison_service_name (row.port, row.protocol);
      row.persistence[0] = row.persistence[1] = -1;
      row.events[0] = row.events[1] = -1;
      g_array_append_val (rows, row);

      if (row.state != LIAISON_COMPARE_KEPT)
        continue;
      for (guint r = 0; r < LIAISON_MAP_MAX_RANGES; r++)
        g_array_index (rows, LiaisonCompareRow, rows->len - 1).events[r] = events_in (entry, &ranges[r]);
      if (!persistence_in (store, entry, row.listener_ip, row.port, row.protocol, ranges,
                           g_array_index (rows, LiaisonCompareRow, rows->len - 1).persistence, error))
        {
          liaison_store_end_read (store);
          return NULL;
        }
    }
  liaison_store_end_read (store);
  return g_steal_pointer (&rows);
}

const char *
liaison_compare_state_to_string (LiaisonCompareState state)
{
  static const char *names[] = { "new", "gone", "kept" };

  g_return_val_if_fail (state <= LIAISON_COMPARE_KEPT, NULL);
  return names[state];
}
