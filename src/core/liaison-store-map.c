/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <string.h>

#include "liaison-map-private.h"
#include "liaison-store-map.h"
#include "liaison-store-private.h"

/* Rows between two looks at the cancellable. */
#define CHECK_EVERY 16384

/*
 * The devices named for each address, one seek per distinct (address,
 * scope, device) in the partial indexes of schema version 3: a few
 * thousand seeks rather than a read of a million rows. Listener sides come
 * first: the host an address was found listening on owns it.
 */
static gboolean
foreach_device_side (LiaisonStore          *store,
                     const char            *sql,
                     gboolean               listener_side,
                     LiaisonMapDeviceFunc   func,
                     gpointer               user_data,
                     GCancellable          *cancellable,
                     GError               **error)
{
  g_autoptr(GBytes) key = g_bytes_new (NULL, 0);
  g_autofree char *scope = g_strdup ("");
  g_autofree char *device = g_strdup ("");

  for (;;)
    {
      g_autoptr(LiaisonStmt) stmt = liaison_store_prepare (store, sql, error);
      gsize key_len;
      int rc;

      if (stmt == NULL)
        return FALSE;
      /* An empty blob, not NULL, before the first key. */
      if (g_bytes_get_size (key) == 0)
        sqlite3_bind_zeroblob (stmt, 1, 0);
      else
        sqlite3_bind_blob (stmt, 1, g_bytes_get_data (key, NULL), (int) g_bytes_get_size (key), SQLITE_STATIC);
      liaison_bind_text (stmt, 2, scope);
      liaison_bind_text (stmt, 3, device);

      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        return TRUE;
      if (rc != SQLITE_ROW)
        return liaison_store_set_error (store, error);

      /* Where the next seek starts. */
      g_bytes_unref (key);
      key = g_bytes_new (sqlite3_column_blob (stmt, 0), (gsize) sqlite3_column_bytes (stmt, 0));
      g_free (scope);
      scope = liaison_column_dup_text (stmt, 1);
      g_free (device);
      device = liaison_column_dup_text (stmt, 2);
      if (scope == NULL || device == NULL)
        return liaison_store_set_error (store, error);

      if (liaison_map_check_cancelled (cancellable, error))
        return FALSE;
      if (g_bytes_get_size (key) == LIAISON_ADDRESS_KEY_LEN &&
          !func (g_bytes_get_data (key, &key_len), scope, device, listener_side, user_data, error))
        return FALSE;
    }
}

/**
 * liaison_store_map_foreach_device:
 *
 * Calls @func for each distinct (address, scope, device) that a service
 * communication names: every listener side, then every client side.
 */
gboolean
liaison_store_map_foreach_device (LiaisonStore          *store,
                                  LiaisonMapDeviceFunc   func,
                                  gpointer               user_data,
                                  GCancellable          *cancellable,
                                  GError               **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);

  return foreach_device_side (store,
                              "SELECT listener_key, scope, listener_device FROM communication"
                              " WHERE listener_device IS NOT NULL"
                              "   AND (listener_key, scope, listener_device) > (?1, ?2, ?3)"
                              " ORDER BY listener_key, scope, listener_device LIMIT 1",
                              TRUE, func, user_data, cancellable, error) &&
         foreach_device_side (store,
                              "SELECT client_key, scope, client_device FROM communication"
                              " WHERE client_device IS NOT NULL"
                              "   AND (client_key, scope, client_device) > (?1, ?2, ?3)"
                              " ORDER BY client_key, scope, client_device LIMIT 1",
                              FALSE, func, user_data, cancellable, error);
}

/* The time of the newest netstat sample of each host (host -> LiaisonTime),
 * one seek per host. */
static GHashTable *
newest_netstat_samples (LiaisonStore  *store,
                        GError       **error)
{
  g_autoptr(GHashTable) newest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *host = g_strdup ("");

  for (;;)
    {
      g_autoptr(LiaisonStmt) next = liaison_store_prepare (store,
                                                           "SELECT host, max(sample_time) FROM sample"
                                                           " WHERE kind = 'netstat' AND host = ("
                                                           "   SELECT host FROM sample WHERE kind = 'netstat'"
                                                           "   AND host > ?1 ORDER BY host LIMIT 1)",
                                                           error);
      LiaisonTime time;

      if (next == NULL)
        return NULL;
      liaison_bind_text (next, 1, host);
      if (sqlite3_step (next) != SQLITE_ROW)
        {
          liaison_store_set_error (store, error);
          return NULL;
        }
      if (sqlite3_column_type (next, 0) == SQLITE_NULL)
        break;
      g_free (host);
      host = liaison_column_dup_text (next, 0);
      time = liaison_column_time (next, 1);
      g_hash_table_insert (newest, g_strdup (host), g_memdup2 (&time, sizeof time));
    }
  return g_steal_pointer (&newest);
}

/* The end of the newest netflow sample window (statistics.md 4.4's E). */
static gboolean
newest_window_end (LiaisonStore  *store,
                   LiaisonTime   *end,
                   GError       **error)
{
  g_autoptr(LiaisonStmt) stmt = liaison_store_prepare (store,
                                                       "SELECT max(window_end) FROM sample WHERE kind = 'netflow'",
                                                       error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return liaison_store_set_error (store, error);
  *end = liaison_column_time (stmt, 0);
  return TRUE;
}

static LiaisonTime
time_min (LiaisonTime a,
          LiaisonTime b)
{
  if (a == LIAISON_TIME_NONE)
    return b;
  if (b == LIAISON_TIME_NONE)
    return a;
  return MIN (a, b);
}

static LiaisonTime
time_max (LiaisonTime a,
          LiaisonTime b)
{
  if (a == LIAISON_TIME_NONE)
    return b;
  if (b == LIAISON_TIME_NONE)
    return a;
  return MAX (a, b);
}

/* The smaller of two silences, -1 being unknown. */
static gint64
silent_min (gint64 a,
            gint64 b)
{
  if (a < 0)
    return b;
  if (b < 0)
    return a;
  return MIN (a, b);
}

static gboolean
step_error (LiaisonStore  *store,
            int            rc,
            GError       **error)
{
  return rc == SQLITE_DONE ? TRUE : liaison_store_set_error (store, error);
}

static void
read_endpoints (sqlite3_stmt  *stmt,
                LiaisonMapRow *row)
{
  const char *protocol;

  row->client_key = sqlite3_column_blob (stmt, 0);
  row->listener_key = sqlite3_column_blob (stmt, 1);
  row->scope = (const char *) sqlite3_column_text (stmt, 2);
  row->client_device = (const char *) sqlite3_column_text (stmt, 3);
  row->listener_device = (const char *) sqlite3_column_text (stmt, 4);
  row->port = (guint) sqlite3_column_int (stmt, 5);
  protocol = (const char *) sqlite3_column_text (stmt, 6);
  row->protocol = protocol != NULL && protocol[0] == 'u' ? LIAISON_PROTOCOL_UDP : LIAISON_PROTOCOL_TCP;
}

static gboolean
valid_keys (sqlite3_stmt *stmt)
{
  return sqlite3_column_bytes (stmt, 0) == LIAISON_ADDRESS_KEY_LEN &&
         sqlite3_column_bytes (stmt, 1) == LIAISON_ADDRESS_KEY_LEN;
}

static gboolean
foreach_record (LiaisonStore       *store,
                LiaisonMapRowFunc   func,
                gpointer            user_data,
                GCancellable       *cancellable,
                GError            **error)
{
  g_autoptr(GHashTable) newest = NULL;
  g_autoptr(LiaisonStmt) stmt = NULL;
  LiaisonTime window_end = LIAISON_TIME_NONE;
  LiaisonMapRow row = { 0 };
  guint n = 0;
  int rc;

  if (!newest_window_end (store, &window_end, error) ||
      (newest = newest_netstat_samples (store, error)) == NULL)
    return FALSE;

  stmt = liaison_store_prepare (store,
                                "SELECT client_key, listener_key, scope, client_device, listener_device,"
                                "  port, protocol, ns_host, ns_total_samples, ns_active_samples,"
                                "  ns_total_ports, ns_first_found, ns_last_found, nf_interval,"
                                "  nf_active_samples, nf_total_events, nf_first_found, nf_last_found,"
                                "  nf_gap_span"
                                " FROM stat_record",
                                error);
  if (stmt == NULL)
    return FALSE;

  row.is_record = TRUE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (++n % CHECK_EVERY == 0 && liaison_map_check_cancelled (cancellable, error))
        return FALSE;
      if (!valid_keys (stmt))
        continue;
      read_endpoints (stmt, &row);

      row.first_found = LIAISON_TIME_NONE;
      row.last_found = LIAISON_TIME_NONE;
      row.silent_span = -1;

      row.has_netstat = sqlite3_column_type (stmt, 8) != SQLITE_NULL;
      if (row.has_netstat)
        {
          const char *host = (const char *) sqlite3_column_text (stmt, 7);
          const LiaisonTime *host_newest = host != NULL ? g_hash_table_lookup (newest, host) : NULL;

          row.ns_total_samples = sqlite3_column_int64 (stmt, 8);
          row.ns_active_samples = sqlite3_column_int64 (stmt, 9);
          row.ns_total_ports = sqlite3_column_int64 (stmt, 10);
          row.first_found = liaison_column_time (stmt, 11);
          row.last_found = liaison_column_time (stmt, 12);
          /* Not active in its host's newest sample: silent since it was last found there. */
          if (host_newest != NULL && row.last_found != LIAISON_TIME_NONE)
            row.silent_span = MAX (0, *host_newest - row.last_found);
        }

      row.has_netflow = sqlite3_column_type (stmt, 14) != SQLITE_NULL;
      if (row.has_netflow)
        {
          LiaisonTime first = liaison_column_time (stmt, 16);
          LiaisonTime last = liaison_column_time (stmt, 17);
          gint64 interval_ms = sqlite3_column_int64 (stmt, 13) * 1000;

          row.nf_active_samples = sqlite3_column_int64 (stmt, 14);
          row.nf_total_events = sqlite3_column_int64 (stmt, 15);
          row.nf_active_span = first != LIAISON_TIME_NONE && last != LIAISON_TIME_NONE
                               ? (last - first) - sqlite3_column_int64 (stmt, 18) : 0;
          row.first_found = time_min (row.first_found, first);
          row.last_found = time_max (row.last_found, last);
          /* statistics.md 4.4: silent once the hole after it is longer than I. */
          if (window_end != LIAISON_TIME_NONE && last != LIAISON_TIME_NONE)
            row.silent_span = silent_min (row.silent_span,
                                          window_end - last > interval_ms ? window_end - last : 0);
        }

      if (!func (&row, user_data, error))
        return FALSE;
    }
  return step_error (store, rc, error);
}

static gboolean
foreach_communication (LiaisonStore       *store,
                       LiaisonMapRowFunc   func,
                       gpointer            user_data,
                       GCancellable       *cancellable,
                       GError            **error)
{
  g_autoptr(LiaisonStmt) stmt = NULL;
  LiaisonMapRow row = { 0 };
  guint n = 0;
  int rc;

  stmt = liaison_store_prepare (store,
                                "SELECT client_key, listener_key, scope, client_device, listener_device,"
                                "  port, protocol, first_detected, last_detected"
                                " FROM communication",
                                error);
  if (stmt == NULL)
    return FALSE;

  row.silent_span = -1;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (++n % CHECK_EVERY == 0 && liaison_map_check_cancelled (cancellable, error))
        return FALSE;
      if (!valid_keys (stmt))
        continue;
      read_endpoints (stmt, &row);
      row.first_found = liaison_column_time (stmt, 7);
      row.last_found = liaison_column_time (stmt, 8);
      if (!func (&row, user_data, error))
        return FALSE;
    }
  return step_error (store, rc, error);
}

/**
 * liaison_store_map_foreach_row:
 *
 * Calls @func for every statistics record, with its silence worked out,
 * then for every service communication.
 */
gboolean
liaison_store_map_foreach_row (LiaisonStore       *store,
                               LiaisonMapRowFunc   func,
                               gpointer            user_data,
                               GCancellable       *cancellable,
                               GError            **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);

  return foreach_record (store, func, user_data, cancellable, error) &&
         foreach_communication (store, func, user_data, cancellable, error);
}

gboolean
liaison_store_map_foreach_member (LiaisonStore          *store,
                                  LiaisonMapMemberFunc   func,
                                  gpointer               user_data,
                                  GError               **error)
{
  g_autoptr(LiaisonStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);

  stmt = liaison_store_prepare (store,
                                "SELECT g.name, m.kind, m.member FROM user_group_member AS m"
                                " JOIN user_group AS g ON g.id = m.group_id",
                                error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!func ((const char *) sqlite3_column_text (stmt, 0),
               (const char *) sqlite3_column_text (stmt, 1),
               (const char *) sqlite3_column_text (stmt, 2),
               user_data, error))
      return FALSE;
  return step_error (store, rc, error);
}
