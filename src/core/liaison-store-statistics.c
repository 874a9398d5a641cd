/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <string.h>

#include "liaison-error.h"
#include "liaison-store-private.h"
#include "liaison-store-runs-private.h"
#include "liaison-store-statistics-private.h"

static const char *
protocol_text (guint8 protocol)
{
  return liaison_protocol_to_string ((LiaisonProtocol) protocol);
}

/* Binds a record's identity to ?1 to ?5 (LIAISON_COUNTED_RECORD_WHERE). */
void
liaison_bind_record_key (LiaisonStmt            *stmt,
                         const LiaisonRecordKey *key)
{
  liaison_bind_address_key (stmt, 1, key->listener);
  liaison_stmt_bind_int (stmt, 2, key->port);
  liaison_bind_text (stmt, 3, protocol_text (key->protocol));
  liaison_bind_address_key (stmt, 4, key->client);
  liaison_bind_text (stmt, 5, key->scope);
}

/* Whether the statistics records table has a row. */
gboolean
liaison_store_has_stat_records (LiaisonStore  *self,
                                gboolean      *any,
                                GError       **error)
{
  return liaison_store_query_bool (self, "SELECT EXISTS (SELECT 1 FROM stat_record)", any, error);
}

/**
 * liaison_store_add_listener_samples:
 * @listener: a concrete listener, or a wildcard
 * @samples: how many samples found the listener
 *
 * Statistics.md 3.3 step 2 for one listener that netstat samples of @host
 * found: total_samples += @samples for the records of @host it covers.
 */
gboolean
liaison_store_add_listener_samples (LiaisonStore           *self,
                                    const char             *host,
                                    const LiaisonListener  *listener,
                                    gint64                  samples,
                                    GError                **error)
{
  static const guint8 v4_low[LIAISON_ADDRESS_KEY_LEN] = { 4 };
  static const guint8 v4_high[LIAISON_ADDRESS_KEY_LEN] = { 4, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                                           0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
  g_autoptr(LiaisonStmt) stmt = NULL;

  if (listener->address != NULL)
    stmt = liaison_store_prepare (self,
                                  "UPDATE stat_record SET ns_total_samples = ns_total_samples + ?6"
                                  " WHERE ns_host = ?1 AND port = ?2 AND protocol = ?3 AND listener_key = ?4"
                                  "   AND ns_total_samples IS NOT NULL",
                                  error);
  else if (!listener->ipv4_only)
    /* :: covers every address of the port. */
    stmt = liaison_store_prepare (self,
                                  "UPDATE stat_record SET ns_total_samples = ns_total_samples + ?6"
                                  " WHERE ns_host = ?1 AND port = ?2 AND protocol = ?3"
                                  "   AND ns_total_samples IS NOT NULL",
                                  error);
  else
    /* 0.0.0.0 covers every IPv4 address of the port. */
    stmt = liaison_store_prepare (self,
                                  "UPDATE stat_record SET ns_total_samples = ns_total_samples + ?6"
                                  " WHERE ns_host = ?1 AND port = ?2 AND protocol = ?3"
                                  "   AND listener_key BETWEEN ?4 AND ?5"
                                  "   AND ns_total_samples IS NOT NULL",
                                  error);
  if (stmt == NULL)
    return FALSE;

  liaison_bind_text (stmt, 1, host);
  liaison_stmt_bind_int (stmt, 2, listener->port);
  liaison_bind_text (stmt, 3, protocol_text (listener->protocol));
  if (listener->address != NULL)
    liaison_bind_address_key (stmt, 4, listener->address);
  else if (listener->ipv4_only)
    {
      liaison_stmt_bind_blob (stmt, 4, v4_low, sizeof v4_low, LIAISON_STATIC);
      liaison_stmt_bind_blob (stmt, 5, v4_high, sizeof v4_high, LIAISON_STATIC);
    }
  liaison_stmt_bind_int64 (stmt, 6, samples);
  return liaison_store_step_done (self, stmt, error);
}

/**
 * liaison_store_count_listener_sample:
 * @listener: a concrete listener, or a wildcard
 *
 * Statistics.md 3.3 step 2 for one listener a netstat sample of @host
 * found: total_samples += 1 for the records of @host it covers, now or,
 * when the store holds statistics, when they are written.
 */
gboolean
liaison_store_count_listener_sample (LiaisonStore           *self,
                                     const char             *host,
                                     const LiaisonListener  *listener,
                                     GError                **error)
{
  if (liaison_store_hold_listener_sample (self, host, listener))
    return TRUE;
  return liaison_store_add_listener_samples (self, host, listener, 1, error);
}

/* What a sample adds to a statistics record that exists (statistics.md 3.3),
 * for a record given as `excluded`; @runs is its runs from now on (3.6). */
#define NETSTAT_RECORD_UPSERT(runs) \
  " ON CONFLICT (listener_key, port, protocol, client_key, scope) DO UPDATE SET" \
  "  ns_runs = " runs "," \
  "  listener_device = coalesce(stat_record.listener_device, excluded.listener_device)," \
  "  ns_host = coalesce(stat_record.ns_host, excluded.ns_host)," \
  "  ns_total_samples = coalesce(stat_record.ns_total_samples, 1)," \
  "  ns_active_samples = coalesce(stat_record.ns_active_samples, 0) + 1," \
  "  ns_total_ports = coalesce(stat_record.ns_total_ports, 0) + excluded.ns_total_ports," \
  "  ns_first_found = min(coalesce(stat_record.ns_first_found, excluded.ns_first_found), excluded.ns_first_found)," \
  "  ns_last_found = max(coalesce(stat_record.ns_last_found, excluded.ns_last_found), excluded.ns_last_found)"

/*
 * A server has no liaison_runs_add() in SQL (it would be a function of
 * the server's, which only a superuser may add in C): there, the record's
 * runs after the moment are computed here from the row as it is, and the
 * statement binds them. @select reads runs, first and last found of the
 * one row its parameters bind; @bind binds them.
 */
typedef void (*BindKey) (LiaisonStmt *stmt, gconstpointer key);

static gboolean
server_runs_after (LiaisonStore  *self,
                   const char    *select,
                   BindKey        bind,
                   gconstpointer  key,
                   LiaisonTime    time,
                   LiaisonTime    before,
                   LiaisonTime    after,
                   GBytes       **runs,
                   GError       **error)
{
  g_autoptr(LiaisonStmt) stmt = liaison_store_prepare (self, select, error);
  g_autoptr(GBytes) blob = NULL;
  int rc;

  *runs = NULL;
  if (stmt == NULL)
    return FALSE;
  bind (stmt, key);
  rc = liaison_stmt_step (stmt);
  if (rc == LIAISON_DONE)
    return TRUE;
  if (rc != LIAISON_ROW)
    return liaison_store_set_error (self, error);
  if (liaison_stmt_column_type (stmt, 0) != LIAISON_NULL)
    blob = g_bytes_new (liaison_stmt_column_blob (stmt, 0), (gsize) liaison_stmt_column_bytes (stmt, 0));
  if (!liaison_store_runs_after (blob, liaison_column_time (stmt, 1), liaison_column_time (stmt, 2),
                                 time, before, after, runs))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE,
                   "%s: the activity runs of a statistics record are damaged",
                   liaison_store_get_path (self));
      return FALSE;
    }
  return TRUE;
}

static void
bind_blob_or_null (LiaisonStmt *stmt,
                   int          index,
                   GBytes      *bytes)
{
  if (bytes == NULL)
    liaison_stmt_bind_null (stmt, index);
  else
    liaison_stmt_bind_blob (stmt, index, g_bytes_get_data (bytes, NULL),
                            (int) g_bytes_get_size (bytes), LIAISON_STATIC);
}

/* Binds the ports of @count, @time, the neighbours of its runs and, on a
 * server, @runs (the record's runs after the sample) to ?@first on. */
static void
bind_count (LiaisonStore                    *self,
            LiaisonStmt                     *stmt,
            int                              first,
            LiaisonTime                      time,
            const LiaisonConversationCount  *count,
            GBytes                          *runs)
{
  liaison_stmt_bind_int64 (stmt, first, count->ports);
  liaison_bind_time (stmt, first + 1, time);
  liaison_bind_time (stmt, first + 2, count->run_before);
  liaison_bind_time (stmt, first + 3, count->run_after);
  if (self->engine == LIAISON_ENGINE_POSTGRESQL)
    bind_blob_or_null (stmt, first + 4, runs);
}

/* Counts a sample in a record that exists with @update, its key bound by
 * @bind and the figures of @count by bind_count() from ?@first on. Where
 * there is none, the record made next starts counting samples here: the
 * samples before it that are held must not count in it, so they are
 * written first. */
static gboolean
count_in_existing (LiaisonStore                    *self,
                   const char                      *update,
                   BindKey                          bind,
                   gconstpointer                    key,
                   int                              first,
                   LiaisonTime                      time,
                   const LiaisonConversationCount  *count,
                   GBytes                          *runs,
                   gboolean                        *counted,
                   GError                         **error)
{
  g_autoptr(LiaisonStmt) stmt = liaison_store_prepare (self, update, error);

  if (stmt == NULL)
    return FALSE;
  bind (stmt, key);
  bind_count (self, stmt, first, time, count, runs);
  if (!liaison_store_step_done (self, stmt, error))
    return FALSE;
  *counted = liaison_store_changes (self) > 0;
  if (*counted)
    return TRUE;
  g_clear_pointer (&stmt, liaison_stmt_release);
  return liaison_store_write_held_samples (self, error);
}

static void
bind_record_key (LiaisonStmt   *stmt,
                 gconstpointer  data)
{
  liaison_bind_record_key (stmt, data);
}

static void
bind_communication_id (LiaisonStmt   *stmt,
                       gconstpointer  data)
{
  liaison_stmt_bind_int64 (stmt, 1, *(const gint64 *) data);
}

/**
 * liaison_store_count_inbound:
 *
 * Statistics.md 3.3 step 3 for one inbound conversation of a netstat
 * sample of @host at @time: its record counts the sample, or is made.
 */
gboolean
liaison_store_count_inbound (LiaisonStore                    *self,
                             const char                      *host,
                             LiaisonTime                      time,
                             const LiaisonConversationCount  *count,
                             GError                         **error)
{
  g_autoptr(LiaisonStmt) stmt = NULL;
  g_autoptr(GBytes) runs = NULL;
  gboolean counted = FALSE;
  guint8 listener_key[LIAISON_ADDRESS_KEY_LEN];
  guint8 client_key[LIAISON_ADDRESS_KEY_LEN];
  char client_ip[LIAISON_ADDRESS_STRLEN];
  char listener_ip[LIAISON_ADDRESS_STRLEN];
  gboolean held = FALSE;

  if (!liaison_store_hold_inbound (self, time, count, &held, error))
    return FALSE;
  if (held)
    return TRUE;

  liaison_address_to_key (count->record.listener, listener_key);
  liaison_address_to_key (count->record.client, client_key);

  if (self->engine == LIAISON_ENGINE_POSTGRESQL &&
      !server_runs_after (self,
                          "SELECT ns_runs, ns_first_found, ns_last_found FROM stat_record"
                          LIAISON_RECORD_KEY_WHERE,
                          bind_record_key, &count->record, time, count->run_before, count->run_after,
                          &runs, error))
    return FALSE;

  /* A record that has its devices, host and a count of samples already only
   * needs its counters: an update that leaves the indexed columns alone,
   * which the upsert below would rewrite. The same expressions as the
   * upsert's. */
  if (!count_in_existing (self,
                          "UPDATE stat_record SET"
                          "  ns_total_samples = coalesce(ns_total_samples, 1),"
                          "  ns_active_samples = coalesce(ns_active_samples, 0) + 1,"
                          "  ns_total_ports = coalesce(ns_total_ports, 0) + ?6,"
                          "  ns_first_found = min(coalesce(ns_first_found, ?7), ?7),"
                          "  ns_last_found = max(coalesce(ns_last_found, ?7), ?7),"
                          "  ns_runs = liaison_runs_add (ns_runs, ns_first_found, ns_last_found, ?7, ?8, ?9)"
                          LIAISON_COUNTED_RECORD_WHERE,
                          bind_record_key, &count->record, 6, time, count, runs, &counted, error))
    return FALSE;
  if (counted)
    return TRUE;

  stmt = liaison_store_prepare (self,
                                "INSERT INTO stat_record (listener_ip, listener_key, port, protocol,"
                                "  client_ip, client_key, scope, listener_device, client_device, ns_host,"
                                "  ns_total_samples, ns_active_samples, ns_total_ports, ns_first_found, ns_last_found)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
                                "  (SELECT client_device FROM communication"
                                "    WHERE client_key = ?6 AND listener_key = ?2 AND port = ?3 AND protocol = ?4"
                                "      AND scope = ?7 AND client_device IS NOT NULL LIMIT 1),"
                                "  ?8, 1, 1, ?9, ?10, ?10)"
                                NETSTAT_RECORD_UPSERT ("liaison_runs_add (stat_record.ns_runs, stat_record.ns_first_found, stat_record.ns_last_found,"
                                                       " excluded.ns_first_found, ?11, ?12)"),
                                error);
  if (stmt == NULL)
    return FALSE;

  liaison_address_to_string (count->record.listener, listener_ip);
  liaison_address_to_string (count->record.client, client_ip);

  liaison_bind_text (stmt, 1, listener_ip);
  liaison_stmt_bind_blob (stmt, 2, listener_key, sizeof listener_key, LIAISON_STATIC);
  liaison_stmt_bind_int (stmt, 3, count->record.port);
  liaison_bind_text (stmt, 4, protocol_text (count->record.protocol));
  liaison_bind_text (stmt, 5, client_ip);
  liaison_stmt_bind_blob (stmt, 6, client_key, sizeof client_key, LIAISON_STATIC);
  liaison_bind_text (stmt, 7, count->record.scope);
  liaison_bind_text (stmt, 8, host);
  bind_count (self, stmt, 9, time, count, runs);

  return liaison_store_step_done (self, stmt, error);
}

/* Records written by one statement of liaison_store_add_inbound_records(). */
#define RECORDS_PER_STATEMENT 64

/*
 * The statement of liaison_store_count_inbound()'s insert for @rows
 * records: ?1 the host, ?2 the time, then per record its listener ip and
 * key, port, protocol, client ip and key, scope, total ports, and with
 * @devices its client device (else the subquery that finds it).
 */
static char *
inbound_records_sql (guint    rows,
                     gboolean devices)
{
  GString *sql = g_string_new ("INSERT INTO stat_record (listener_ip, listener_key, port, protocol,"
                               "  client_ip, client_key, scope, listener_device, client_device, ns_host,"
                               "  ns_total_samples, ns_active_samples, ns_total_ports, ns_first_found, ns_last_found)"
                               " VALUES");

  for (guint i = 0; i < rows; i++)
    {
      guint b = 3 + 9 * i;

      g_string_append_printf (sql, "%s (?%u, ?%u, ?%u, ?%u, ?%u, ?%u, ?%u, ?1,",
                              i == 0 ? "" : ",", b, b + 1, b + 2, b + 3, b + 4, b + 5, b + 6);
      if (devices)
        g_string_append_printf (sql, " ?%u,", b + 8);
      else
        g_string_append_printf (sql,
                                "  (SELECT client_device FROM communication"
                                "    WHERE client_key = ?%u AND listener_key = ?%u AND port = ?%u AND protocol = ?%u"
                                "      AND scope = ?%u AND client_device IS NOT NULL LIMIT 1),",
                                b + 5, b + 1, b + 2, b + 3, b + 6);
      g_string_append_printf (sql, " ?1, 1, 1, ?%u, ?2, ?2)", b + 7);
    }

  /* Records made by the first sample: no record has runs yet. */
  g_string_append (sql, NETSTAT_RECORD_UPSERT ("stat_record.ns_runs"));
  return g_string_free (sql, FALSE);
}

/**
 * liaison_store_add_inbound_records:
 * @counts: (array length=n_counts): inbound conversations of one sample,
 *   none with a record yet
 * @client_devices: (array length=n_counts) (nullable): the client device
 *   of each record (%NULL: none); %NULL to take it from a service
 *   communication of the record's identity
 *
 * liaison_store_count_inbound() for conversations that make new records,
 * RECORDS_PER_STATEMENT records to a statement, in the same order.
 */
gboolean
liaison_store_add_inbound_records (LiaisonStore                    *self,
                                   const char                      *host,
                                   LiaisonTime                      time,
                                   const LiaisonConversationCount  *counts,
                                   guint                            n_counts,
                                   const char * const              *client_devices,
                                   GError                         **error)
{
  g_autofree char *sql_many = inbound_records_sql (RECORDS_PER_STATEMENT, client_devices != NULL);
  g_autofree char *sql_one = inbound_records_sql (1, client_devices != NULL);
  guint done = 0;

  /* New records count the samples from here on (liaison_store_count_inbound()). */
  if (!liaison_store_write_held_samples (self, error))
    return FALSE;

  while (done < n_counts)
    {
      guint n = n_counts - done >= RECORDS_PER_STATEMENT ? RECORDS_PER_STATEMENT : 1;
      g_autoptr(LiaisonStmt) stmt = liaison_store_prepare (self, n > 1 ? sql_many : sql_one, error);

      if (stmt == NULL)
        return FALSE;
      liaison_bind_text (stmt, 1, host);
      liaison_bind_time (stmt, 2, time);
      for (guint i = 0; i < n; i++)
        {
          const LiaisonConversationCount *count = &counts[done + i];
          char ip[LIAISON_ADDRESS_STRLEN];
          int b = 3 + 9 * i;

          liaison_address_to_string (count->record.listener, ip);
          liaison_bind_text (stmt, b, ip);
          liaison_bind_address_key (stmt, b + 1, count->record.listener);
          liaison_stmt_bind_int (stmt, b + 2, count->record.port);
          liaison_bind_text (stmt, b + 3, protocol_text (count->record.protocol));
          liaison_address_to_string (count->record.client, ip);
          liaison_bind_text (stmt, b + 4, ip);
          liaison_bind_address_key (stmt, b + 5, count->record.client);
          liaison_bind_text (stmt, b + 6, count->record.scope);
          liaison_stmt_bind_int64 (stmt, b + 7, count->ports);
          if (client_devices != NULL)
            liaison_bind_text (stmt, b + 8, client_devices[done + i]);
        }
      if (!liaison_store_step_done (self, stmt, error))
        return FALSE;
      done += n;
    }

  return TRUE;
}

/**
 * liaison_store_name_client_device:
 *
 * An outbound conversation of a netstat sample of @host names @host the
 * client device of the record it belongs to, if the record names none.
 */
gboolean
liaison_store_name_client_device (LiaisonStore                    *self,
                                  const char                      *host,
                                  const LiaisonConversationCount  *count,
                                  GError                         **error)
{
  g_autoptr(LiaisonStmt) stmt = NULL;

  stmt = liaison_store_prepare (self,
                                "UPDATE stat_record SET client_device = ?6"
                                LIAISON_RECORD_KEY_WHERE " AND client_device IS NULL",
                                error);
  if (stmt == NULL)
    return FALSE;

  liaison_bind_record_key (stmt, &count->record);
  liaison_bind_text (stmt, 6, host);

  return liaison_store_step_done (self, stmt, error);
}

/* Statistics.md 3.4: total_samples += @samples for the classic records of @host. */
gboolean
liaison_store_add_classic_samples (LiaisonStore  *self,
                                   const char    *host,
                                   gint64         samples,
                                   GError       **error)
{
  g_autoptr(LiaisonStmt) stmt = NULL;

  stmt = liaison_store_prepare (self,
                                "UPDATE classic_stat SET total_samples = total_samples + ?2 WHERE host = ?1",
                                error);
  if (stmt == NULL)
    return FALSE;
  liaison_bind_text (stmt, 1, host);
  liaison_stmt_bind_int64 (stmt, 2, samples);
  return liaison_store_step_done (self, stmt, error);
}

/* The same for one sample, now or when held statistics are written. */
gboolean
liaison_store_count_classic_samples (LiaisonStore  *self,
                                     const char    *host,
                                     GError       **error)
{
  if (liaison_store_hold_classic_sample (self, host))
    return TRUE;
  return liaison_store_add_classic_samples (self, host, 1, error);
}

/**
 * liaison_store_count_classic:
 * @communication_id: the service communication of an outbound conversation
 * @count: its distinct client ports in the sample, and its runs' neighbours
 *
 * Statistics.md 3.4 for one outbound conversation of a netstat sample of
 * @host at @time: its classic record counts the sample, or is made. Single
 * row statements only: a statement that may write several rows needs a
 * statement journal, which makes SQLite flush the search index each time.
 */
gboolean
liaison_store_count_classic (LiaisonStore                    *self,
                             const char                      *host,
                             LiaisonTime                      time,
                             gint64                           communication_id,
                             const LiaisonConversationCount  *count,
                             GError                         **error)
{
  g_autoptr(LiaisonStmt) stmt = NULL;
  g_autoptr(GBytes) runs = NULL;
  gboolean counted = FALSE;

  if (self->engine == LIAISON_ENGINE_POSTGRESQL &&
      !server_runs_after (self,
                          "SELECT runs, first_found, last_found FROM classic_stat WHERE communication_id = ?1",
                          bind_communication_id, &communication_id, time,
                          count->run_before, count->run_after, &runs, error))
    return FALSE;

  if (!count_in_existing (self,
                          "UPDATE classic_stat SET"
                          "  active_samples = active_samples + 1,"
                          "  total_ports = total_ports + ?2,"
                          "  first_found = min(coalesce(first_found, ?3), ?3),"
                          "  last_found = max(coalesce(last_found, ?3), ?3),"
                          "  runs = liaison_runs_add (runs, first_found, last_found, ?3, ?4, ?5)"
                          " WHERE communication_id = ?1",
                          bind_communication_id, &communication_id, 2, time, count, runs, &counted, error))
    return FALSE;
  if (counted)
    return TRUE;

  stmt = liaison_store_prepare (self,
                                "INSERT INTO classic_stat (communication_id, host, total_samples,"
                                "  active_samples, total_ports, first_found, last_found)"
                                " VALUES (?1, ?2, 1, 1, ?3, ?4, ?4)",
                                error);
  if (stmt == NULL)
    return FALSE;
  liaison_stmt_bind_int64 (stmt, 1, communication_id);
  liaison_bind_text (stmt, 2, host);
  liaison_stmt_bind_int64 (stmt, 3, count->ports);
  liaison_bind_time (stmt, 4, time);
  return liaison_store_step_done (self, stmt, error);
}

