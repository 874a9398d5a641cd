/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-statistics"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "liaison-error.h"
#include "liaison-listener-set-private.h"
#include "liaison-observation-batch-private.h"
#include "liaison-statistics.h"
#include "liaison-store-communications-private.h"
#include "liaison-store-listeners-private.h"
#include "liaison-store-private.h"

/*
 * The statistics engine. Each apply function reads one parsed sample,
 * aggregates it in memory, then touches every affected row once, inside a
 * savepoint of the caller's transaction.
 */

static const char *
protocol_text (guint8 protocol)
{
  return liaison_protocol_to_string ((LiaisonProtocol) protocol);
}

static const char *
protocol_static (const unsigned char *text)
{
  return text != NULL && strcmp ((const char *) text, "udp") == 0 ? "udp" : "tcp";
}

static void
bind_key (sqlite3_stmt         *stmt,
          int                   index,
          const LiaisonAddress *address)
{
  guint8 key[LIAISON_ADDRESS_KEY_LEN];

  liaison_address_to_key (address, key);
  sqlite3_bind_blob (stmt, index, key, sizeof key, SQLITE_TRANSIENT);
}

static int
step_done (LiaisonStore  *store,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    liaison_store_set_error (store, error);
  return rc;
}

static gboolean
exec_stmt (LiaisonStore  *store,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  return step_done (store, stmt, error) == SQLITE_DONE;
}

static inline LiaisonTime
time_min (LiaisonTime a,
          LiaisonTime b)
{
  if (a == LIAISON_TIME_NONE)
    return b;
  if (b == LIAISON_TIME_NONE)
    return a;
  return MIN (a, b);
}

static inline LiaisonTime
time_max (LiaisonTime a,
          LiaisonTime b)
{
  if (a == LIAISON_TIME_NONE)
    return b;
  if (b == LIAISON_TIME_NONE)
    return a;
  return MAX (a, b);
}

/* Netstat ------------------------------------------------------------------ */

/* One counted connection, seen from the listener's side. */
typedef struct
{
  LiaisonAddress  listener;
  LiaisonAddress  client;
  guint16         port;
  guint16         client_port;
  guint8          protocol;
  const char     *process;      /* outbound only; NULL when unknown */
} Seen;

static int
seen_compare (gconstpointer a,
              gconstpointer b)
{
  const Seen *x = a;
  const Seen *y = b;
  int c;

  if ((c = liaison_address_compare (&x->listener, &y->listener)) != 0)
    return c;
  if (x->port != y->port)
    return x->port < y->port ? -1 : 1;
  if (x->protocol != y->protocol)
    return x->protocol < y->protocol ? -1 : 1;
  if ((c = liaison_address_compare (&x->client, &y->client)) != 0)
    return c;
  if ((c = g_strcmp0 (x->process, y->process)) != 0)
    return c;
  if (x->client_port != y->client_port)
    return x->client_port < y->client_port ? -1 : 1;
  return 0;
}

static gboolean
seen_same_conversation (const Seen *x,
                        const Seen *y)
{
  return x->port == y->port && x->protocol == y->protocol &&
         liaison_address_equal (&x->listener, &y->listener) &&
         liaison_address_equal (&x->client, &y->client) &&
         g_strcmp0 (x->process, y->process) == 0;
}

/* A conversation of the sample with k distinct client ports. */
typedef struct
{
  const Seen *seen;
  guint       ports;
} Conversation;

/* Sorts @seen and folds it into conversations. */
static GArray *
fold_conversations (GArray *seen)
{
  GArray *conversations = g_array_new (FALSE, FALSE, sizeof (Conversation));

  g_array_sort (seen, seen_compare);

  for (guint i = 0; i < seen->len; )
    {
      const Seen *first = &g_array_index (seen, Seen, i);
      Conversation conversation = { first, 0 };
      guint j = i;

      while (j < seen->len && seen_same_conversation (first, &g_array_index (seen, Seen, j)))
        {
          if (j == i || g_array_index (seen, Seen, j).client_port != g_array_index (seen, Seen, j - 1).client_port)
            conversation.ports++;
          j++;
        }

      g_array_append_val (conversations, conversation);
      i = j;
    }

  return conversations;
}

static gboolean
seen_is_loopback (const Seen *seen)
{
  return liaison_address_is_loopback (&seen->listener) ||
         liaison_address_is_loopback (&seen->client);
}

static gboolean
observe (LiaisonObservationBatch  *batch,
         const Seen    *seen,
         const char    *client_device,
         const char    *listener_device,
         const char    *scope,
         LiaisonTime    first,
         LiaisonTime    last,
         const char    *source,
         GError       **error)
{
  LiaisonObservation observation = { 0 };

  observation.port = seen->port;
  observation.protocol = protocol_text (seen->protocol);
  observation.process = seen->process;
  observation.client_device = client_device;
  observation.listener_device = listener_device;
  observation.scope = scope;
  observation.time_first = first;
  observation.time_last = last;
  observation.source = source;

  return liaison_observation_batch_add (batch, &seen->client, &seen->listener, &observation, error);
}

static gboolean
observe_conversations (LiaisonObservationBatch  *batch,
                       const char    *host,
                       LiaisonTime    time,
                       GArray        *in_conversations,
                       GArray        *out_conversations,
                       GError       **error)
{
  for (guint i = 0; i < in_conversations->len; i++)
    {
      const Seen *seen = g_array_index (in_conversations, Conversation, i).seen;

      /* A loopback client is on the listener's host too. */
      if (!observe (batch, seen, liaison_address_is_loopback (&seen->client) ? host : NULL, host,
                    seen_is_loopback (seen) ? host : NULL, time, time, "netstat", error))
        return FALSE;
    }
  for (guint i = 0; i < out_conversations->len; i++)
    {
      const Seen *seen = g_array_index (out_conversations, Conversation, i).seen;

      /* A loopback listener is on the client's host too. */
      if (!observe (batch, seen, host, liaison_address_is_loopback (&seen->listener) ? host : NULL,
                    seen_is_loopback (seen) ? host : NULL, time, time, "netstat", error))
        return FALSE;
    }

  return liaison_observation_batch_flush (batch, error);
}

typedef struct
{
  LiaisonStore *store;
  const char   *host;
} CountSamples;

/* total_samples += 1 for the records of the host that @address covers. */
static gboolean
count_sample (const LiaisonAddress  *address,
              gboolean               ipv4_only,
              guint16                port,
              guint8                 protocol,
              gpointer               user_data,
              GError               **error)
{
  static const guint8 v4_low[LIAISON_ADDRESS_KEY_LEN] = { 4 };
  static const guint8 v4_high[LIAISON_ADDRESS_KEY_LEN] = { 4, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                                           0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
  CountSamples *count = user_data;
  LiaisonStore *store = count->store;
  g_autoptr(LiaisonStmt) stmt = NULL;

  if (address != NULL)
    stmt = liaison_store_prepare (store,
                                  "UPDATE stat_record SET ns_total_samples = ns_total_samples + 1"
                                  " WHERE ns_host = ?1 AND port = ?2 AND protocol = ?3 AND listener_key = ?4"
                                  "   AND ns_total_samples IS NOT NULL",
                                  error);
  else if (!ipv4_only)
    /* :: covers every address of the port. */
    stmt = liaison_store_prepare (store,
                                  "UPDATE stat_record SET ns_total_samples = ns_total_samples + 1"
                                  " WHERE ns_host = ?1 AND port = ?2 AND protocol = ?3"
                                  "   AND ns_total_samples IS NOT NULL",
                                  error);
  else
    /* 0.0.0.0 covers every IPv4 address of the port. */
    stmt = liaison_store_prepare (store,
                                  "UPDATE stat_record SET ns_total_samples = ns_total_samples + 1"
                                  " WHERE ns_host = ?1 AND port = ?2 AND protocol = ?3"
                                  "   AND listener_key BETWEEN ?4 AND ?5"
                                  "   AND ns_total_samples IS NOT NULL",
                                  error);
  if (stmt == NULL)
    return FALSE;

  liaison_bind_text (stmt, 1, count->host);
  sqlite3_bind_int (stmt, 2, port);
  liaison_bind_text (stmt, 3, protocol_text (protocol));
  if (address != NULL)
    bind_key (stmt, 4, address);
  else if (ipv4_only)
    {
      sqlite3_bind_blob (stmt, 4, v4_low, sizeof v4_low, SQLITE_STATIC);
      sqlite3_bind_blob (stmt, 5, v4_high, sizeof v4_high, SQLITE_STATIC);
    }
  return exec_stmt (store, stmt, error);
}

/* Section 3.3 step 2: total_samples += 1 for the records of @host whose
 * listener is in @discovered. Each record is counted once even when several
 * discovered listeners cover it. */
static gboolean
count_discovered (LiaisonStore              *store,
                  const char                *host,
                  const LiaisonListenerSet  *discovered,
                  GError                   **error)
{
  CountSamples count = { store, host };

  return liaison_listener_set_foreach (discovered, count_sample, &count, error);
}

/* What a sample adds to a statistics record that exists (statistics.md 3.3),
 * for a record given as `excluded`. */
#define NETSTAT_RECORD_UPSERT \
  " ON CONFLICT (listener_key, port, protocol, client_key, scope) DO UPDATE SET" \
  "  listener_device = coalesce(listener_device, excluded.listener_device)," \
  "  ns_host = coalesce(ns_host, excluded.ns_host)," \
  "  ns_total_samples = coalesce(ns_total_samples, 1)," \
  "  ns_active_samples = coalesce(ns_active_samples, 0) + 1," \
  "  ns_total_ports = coalesce(ns_total_ports, 0) + excluded.ns_total_ports," \
  "  ns_first_found = min(coalesce(ns_first_found, excluded.ns_first_found), excluded.ns_first_found)," \
  "  ns_last_found = max(coalesce(ns_last_found, excluded.ns_last_found), excluded.ns_last_found)"

/* Section 3.3 step 3 for one (listener, client_ip) with k inbound ports. */
static gboolean
count_inbound (LiaisonStore         *store,
               const char           *host,
               LiaisonTime           time,
               const Conversation   *conversation,
               GError              **error)
{
  g_autoptr(LiaisonStmt) stmt = NULL;
  const Seen *seen = conversation->seen;
  const char *scope = seen_is_loopback (seen) ? host : "";
  guint8 listener_key[LIAISON_ADDRESS_KEY_LEN];
  guint8 client_key[LIAISON_ADDRESS_KEY_LEN];
  char client_ip[LIAISON_ADDRESS_STRLEN];
  char listener_ip[LIAISON_ADDRESS_STRLEN];

  liaison_address_to_key (&seen->listener, listener_key);
  liaison_address_to_key (&seen->client, client_key);

  /* A record that has its devices and host already only needs its counters:
   * an update that leaves the indexed columns alone, which the upsert below
   * would rewrite. The same expressions as the upsert's. */
  stmt = liaison_store_prepare (store,
                                "UPDATE stat_record SET"
                                "  ns_total_samples = coalesce(ns_total_samples, 1),"
                                "  ns_active_samples = coalesce(ns_active_samples, 0) + 1,"
                                "  ns_total_ports = coalesce(ns_total_ports, 0) + ?6,"
                                "  ns_first_found = min(coalesce(ns_first_found, ?7), ?7),"
                                "  ns_last_found = max(coalesce(ns_last_found, ?7), ?7)"
                                " WHERE listener_key = ?1 AND port = ?2 AND protocol = ?3"
                                "   AND client_key = ?4 AND scope = ?5"
                                "   AND listener_device IS NOT NULL AND ns_host IS NOT NULL",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, 1, listener_key, sizeof listener_key, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, seen->port);
  liaison_bind_text (stmt, 3, protocol_text (seen->protocol));
  sqlite3_bind_blob (stmt, 4, client_key, sizeof client_key, SQLITE_STATIC);
  liaison_bind_text (stmt, 5, scope);
  sqlite3_bind_int64 (stmt, 6, conversation->ports);
  liaison_bind_time (stmt, 7, time);
  if (!exec_stmt (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (liaison_store_get_db (store)) > 0)
    return TRUE;
  g_clear_pointer (&stmt, liaison_stmt_release);

  stmt = liaison_store_prepare (store,
                                "INSERT INTO stat_record (listener_ip, listener_key, port, protocol,"
                                "  client_ip, client_key, scope, listener_device, client_device, ns_host,"
                                "  ns_total_samples, ns_active_samples, ns_total_ports, ns_first_found, ns_last_found)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
                                "  (SELECT client_device FROM communication"
                                "    WHERE client_key = ?6 AND listener_key = ?2 AND port = ?3 AND protocol = ?4"
                                "      AND scope = ?7 AND client_device IS NOT NULL LIMIT 1),"
                                "  ?8, 1, 1, ?9, ?10, ?10)"
                                NETSTAT_RECORD_UPSERT,
                                error);
  if (stmt == NULL)
    return FALSE;

  liaison_address_to_string (&seen->listener, listener_ip);
  liaison_address_to_string (&seen->client, client_ip);

  liaison_bind_text (stmt, 1, listener_ip);
  sqlite3_bind_blob (stmt, 2, listener_key, sizeof listener_key, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, seen->port);
  liaison_bind_text (stmt, 4, protocol_text (seen->protocol));
  liaison_bind_text (stmt, 5, client_ip);
  sqlite3_bind_blob (stmt, 6, client_key, sizeof client_key, SQLITE_STATIC);
  liaison_bind_text (stmt, 7, scope);
  liaison_bind_text (stmt, 8, host);
  sqlite3_bind_int64 (stmt, 9, conversation->ports);
  liaison_bind_time (stmt, 10, time);

  return exec_stmt (store, stmt, error);
}

/* Records written by one statement of add_first_records(). */
#define RECORDS_PER_STATEMENT 64

/*
 * The statement of count_inbound()'s insert for @rows records: ?1 the host,
 * ?2 the time, then per record its listener ip and key, port, protocol,
 * client ip and key, scope, total ports, and with @devices its client
 * device (else the subquery that finds it).
 */
static char *
first_records_sql (guint    rows,
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

  g_string_append (sql, NETSTAT_RECORD_UPSERT);
  return g_string_free (sql, FALSE);
}

/*
 * Section 3.3 step 3 when there is no record at all yet: every inbound
 * conversation makes a record, by count_inbound()'s insert, written
 * RECORDS_PER_STATEMENT records at a time, in the same order.
 *
 * A record names the client device of a service communication of its
 * identity. When the table had no service communication before this sample
 * (@batch is fresh), those rows are all this sample's, and their client
 * device is the one the sample's observations of the identity named, if
 * they named one: the batch knows it, and the statement needs no subquery.
 */
static gboolean
add_first_records (LiaisonStore  *store,
                   const char    *host,
                   LiaisonTime    time,
                   GArray        *conversations,
                   LiaisonObservationBatch  *batch,
                   GError       **error)
{
  g_autofree const char **devices = g_new0 (const char *, MAX (conversations->len, 1));
  g_autofree char *sql_many = NULL;
  g_autofree char *sql_one = NULL;
  gboolean known = TRUE;
  guint done = 0;

  for (guint i = 0; known && i < conversations->len; i++)
    {
      const Seen *seen = g_array_index (conversations, Conversation, i).seen;
      LiaisonObservation o = { 0 };

      o.port = seen->port;
      o.protocol = protocol_text (seen->protocol);
      o.scope = seen_is_loopback (seen) ? host : NULL;
      known = liaison_observation_batch_client_device (batch, &seen->client, &seen->listener, &o, &devices[i]);
    }

  sql_many = first_records_sql (RECORDS_PER_STATEMENT, known);
  sql_one = first_records_sql (1, known);

  while (done < conversations->len)
    {
      guint n = conversations->len - done >= RECORDS_PER_STATEMENT ? RECORDS_PER_STATEMENT : 1;
      g_autoptr(LiaisonStmt) stmt = liaison_store_prepare (store, n > 1 ? sql_many : sql_one, error);

      if (stmt == NULL)
        return FALSE;
      liaison_bind_text (stmt, 1, host);
      liaison_bind_time (stmt, 2, time);
      for (guint i = 0; i < n; i++)
        {
          const Conversation *conversation = &g_array_index (conversations, Conversation, done + i);
          const Seen *seen = conversation->seen;
          guint8 key[LIAISON_ADDRESS_KEY_LEN];
          char ip[LIAISON_ADDRESS_STRLEN];
          int b = 3 + 9 * i;

          liaison_address_to_string (&seen->listener, ip);
          liaison_bind_text (stmt, b, ip);
          liaison_address_to_key (&seen->listener, key);
          sqlite3_bind_blob (stmt, b + 1, key, sizeof key, SQLITE_TRANSIENT);
          sqlite3_bind_int (stmt, b + 2, seen->port);
          liaison_bind_text (stmt, b + 3, protocol_text (seen->protocol));
          liaison_address_to_string (&seen->client, ip);
          liaison_bind_text (stmt, b + 4, ip);
          liaison_address_to_key (&seen->client, key);
          sqlite3_bind_blob (stmt, b + 5, key, sizeof key, SQLITE_TRANSIENT);
          liaison_bind_text (stmt, b + 6, seen_is_loopback (seen) ? host : "");
          sqlite3_bind_int64 (stmt, b + 7, conversation->ports);
          if (known)
            liaison_bind_text (stmt, b + 8, devices[done + i]);
        }
      if (!exec_stmt (store, stmt, error))
        return FALSE;
      done += n;
    }

  return TRUE;
}

/* Section 3.4 for one outbound (client_ip, listener, process) with k ports.
 * Single-row statements only: a statement that may write several rows needs
 * a statement journal, which makes SQLite flush the search index each time. */
static gboolean
count_classic (LiaisonStore         *store,
               const char           *host,
               LiaisonTime           time,
               const Conversation   *conversation,
               GError              **error)
{
  const Seen *seen = conversation->seen;
  gint64 id = 0;

  guint8 client_key[LIAISON_ADDRESS_KEY_LEN];
  guint8 listener_key[LIAISON_ADDRESS_KEY_LEN];

  liaison_address_to_key (&seen->client, client_key);
  liaison_address_to_key (&seen->listener, listener_key);
  if (!liaison_store_find_communication (store, client_key, listener_key, seen->port, protocol_text (seen->protocol),
                                         seen->process, seen_is_loopback (seen) ? host : "", 0, &id, error))
    return FALSE;

  /* The observation just made sure the row exists; this is only a guard. */
  if (id == 0)
    return TRUE;

  {
    g_autoptr(LiaisonStmt) stmt = NULL;

    stmt = liaison_store_prepare (store,
                                  "UPDATE classic_stat SET"
                                  "  active_samples = active_samples + 1,"
                                  "  total_ports = total_ports + ?2,"
                                  "  first_found = min(coalesce(first_found, ?3), ?3),"
                                  "  last_found = max(coalesce(last_found, ?3), ?3)"
                                  " WHERE communication_id = ?1",
                                  error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, id);
    sqlite3_bind_int64 (stmt, 2, conversation->ports);
    liaison_bind_time (stmt, 3, time);
    if (!exec_stmt (store, stmt, error))
      return FALSE;
    if (sqlite3_changes (liaison_store_get_db (store)) > 0)
      return TRUE;
  }

  {
    g_autoptr(LiaisonStmt) stmt = NULL;

    stmt = liaison_store_prepare (store,
                                  "INSERT INTO classic_stat (communication_id, host, total_samples,"
                                  "  active_samples, total_ports, first_found, last_found)"
                                  " VALUES (?1, ?2, 1, 1, ?3, ?4, ?4)",
                                  error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, id);
    liaison_bind_text (stmt, 2, host);
    sqlite3_bind_int64 (stmt, 3, conversation->ports);
    liaison_bind_time (stmt, 4, time);
    return exec_stmt (store, stmt, error);
  }
}

/* An outbound connection names the client device of the record it belongs to. */
static gboolean
name_client_device (LiaisonStore   *store,
                    const char     *host,
                    const Seen     *seen,
                    GError        **error)
{
  g_autoptr(LiaisonStmt) stmt = NULL;

  stmt = liaison_store_prepare (store,
                                "UPDATE stat_record SET client_device = ?6"
                                " WHERE listener_key = ?1 AND port = ?2 AND protocol = ?3"
                                "   AND client_key = ?4 AND scope = ?5 AND client_device IS NULL",
                                error);
  if (stmt == NULL)
    return FALSE;

  bind_key (stmt, 1, &seen->listener);
  sqlite3_bind_int (stmt, 2, seen->port);
  liaison_bind_text (stmt, 3, protocol_text (seen->protocol));
  bind_key (stmt, 4, &seen->client);
  liaison_bind_text (stmt, 5, seen_is_loopback (seen) ? host : "");
  liaison_bind_text (stmt, 6, host);

  return exec_stmt (store, stmt, error);
}

static gboolean
apply_netstat (LiaisonStore              *store,
               const char                *host,
               LiaisonTime                time,
               const LiaisonNetstatTable *table,
               LiaisonListenerSet               *known,
               LiaisonListenerSet               *discovered,
               GArray                    *inbound,
               GArray                    *outbound,
               LiaisonObservationBatch  **batch,
               GError                   **error)
{
  g_autoptr(GArray) in_conversations = NULL;
  g_autoptr(GArray) out_conversations = NULL;
  g_autoptr(LiaisonStmt) stmt = NULL;

  if (!liaison_store_load_host_listeners (store, host, known, error))
    return FALSE;

  /* Section 3.2: this sample's listeners join those found before. */
  for (guint i = 0; i < table->sockets->len; i++)
    {
      const LiaisonSocket *socket = &g_array_index (table->sockets, LiaisonSocket, i);

      if (socket->kind != LIAISON_SOCKET_LISTENING || socket->local.family == 0 || socket->local_port == 0)
        continue;

      liaison_listener_set_add (known, &socket->local, socket->local_port, socket->protocol);
      liaison_listener_set_add (discovered, &socket->local, socket->local_port, socket->protocol);
      if (!liaison_store_add_listener (store, host, &socket->local, socket->local_port, socket->protocol,
                                       time, error))
        return FALSE;
    }

  for (guint i = 0; i < table->sockets->len; i++)
    {
      const LiaisonSocket *socket = &g_array_index (table->sockets, LiaisonSocket, i);
      Seen seen;

      if (socket->kind != LIAISON_SOCKET_CONNECTION || socket->peer.family == 0 || socket->local.family == 0)
        continue;

      memset (&seen, 0, sizeof seen);
      seen.protocol = socket->protocol;

      if (socket->local_port != 0 &&
          liaison_listener_set_covers (known, &socket->local, socket->local_port, socket->protocol))
        {
          seen.listener = socket->local;
          seen.port = socket->local_port;
          seen.client = socket->peer;
          seen.client_port = socket->peer_port;
          liaison_listener_set_add_covering (discovered, known, &socket->local, socket->local_port, socket->protocol);
          g_array_append_val (inbound, seen);
        }
      else if (socket->peer_port != 0)
        {
          seen.listener = socket->peer;
          seen.port = socket->peer_port;
          seen.client = socket->local;
          seen.client_port = socket->local_port;
          seen.process = socket->process != NULL && socket->process[0] != '\0' ? socket->process : NULL;
          g_array_append_val (outbound, seen);
        }
    }

  in_conversations = fold_conversations (inbound);
  out_conversations = fold_conversations (outbound);

  /* Section 3.5: the service communications. */
  *batch = liaison_observation_batch_new (store, error);
  if (*batch == NULL ||
      !observe_conversations (*batch, host, time, in_conversations, out_conversations, error))
    return FALSE;

  /* Section 3.3. */
  if (!count_discovered (store, host, discovered, error))
    return FALSE;
  {
    g_autoptr(LiaisonStmt) any = liaison_store_prepare (store, "SELECT EXISTS (SELECT 1 FROM stat_record)", error);
    gboolean no_records;

    if (any == NULL)
      return FALSE;
    if (sqlite3_step (any) != SQLITE_ROW)
      return liaison_store_set_error (store, error);
    no_records = sqlite3_column_int (any, 0) == 0;
    g_clear_pointer (&any, liaison_stmt_release);

    /* With no record before this sample, each inbound conversation (one per
     * record identity) makes a new one: an update could not find a row. */
    if (no_records)
      {
        if (!add_first_records (store, host, time, in_conversations, *batch, error))
          return FALSE;
      }
    else
      {
        for (guint i = 0; i < in_conversations->len; i++)
          if (!count_inbound (store, host, time, &g_array_index (in_conversations, Conversation, i),
                              error))
            return FALSE;
      }
  }

  /* Section 3.4. */
  stmt = liaison_store_prepare (store,
                                "UPDATE classic_stat SET total_samples = total_samples + 1 WHERE host = ?1",
                                error);
  if (stmt == NULL)
    return FALSE;
  liaison_bind_text (stmt, 1, host);
  if (!exec_stmt (store, stmt, error))
    return FALSE;

  for (guint i = 0; i < out_conversations->len; i++)
    {
      const Conversation *conversation = &g_array_index (out_conversations, Conversation, i);

      if (conversation->seen->process != NULL &&
          !count_classic (store, host, time, conversation, error))
        return FALSE;

      /* One device update per (client, listener), not per process. */
      if ((i == 0 ||
           !liaison_address_equal (&conversation->seen->client,
                                   &g_array_index (out_conversations, Conversation, i - 1).seen->client) ||
           !liaison_address_equal (&conversation->seen->listener,
                                   &g_array_index (out_conversations, Conversation, i - 1).seen->listener) ||
           conversation->seen->port != g_array_index (out_conversations, Conversation, i - 1).seen->port ||
           conversation->seen->protocol != g_array_index (out_conversations, Conversation, i - 1).seen->protocol) &&
          !name_client_device (store, host, conversation->seen, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * liaison_statistics_apply_netstat:
 * @store: the store, normally inside a transaction
 * @host: the host H the sample was taken on
 * @time: the moment T of the sample
 * @table: the socket table
 * @error: return location for an error
 *
 * Applies one netstat sample (statistics.md sections 3.2 to 3.5). Either the
 * whole sample is applied or nothing is.
 */
gboolean
liaison_statistics_apply_netstat (LiaisonStore              *store,
                                  const char                *host,
                                  LiaisonTime                time,
                                  const LiaisonNetstatTable *table,
                                  GError                   **error)
{
  g_autoptr(GArray) inbound = NULL;
  g_autoptr(GArray) outbound = NULL;
  LiaisonListenerSet known;
  LiaisonListenerSet discovered;
  g_autoptr(LiaisonObservationBatch) batch = NULL;
  gboolean ret;

  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);
  g_return_val_if_fail (table != NULL, FALSE);

  if (host == NULL || host[0] == '\0')
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                   _("a netstat sample needs the name of the host it was taken on"));
      return FALSE;
    }

  if (!liaison_store_begin (store, error))
    return FALSE;

  inbound = g_array_new (FALSE, FALSE, sizeof (Seen));
  outbound = g_array_new (FALSE, FALSE, sizeof (Seen));
  liaison_listener_set_init (&known);
  liaison_listener_set_init (&discovered);

  ret = apply_netstat (store, host, time, table, &known, &discovered, inbound, outbound, &batch, error);

  liaison_listener_set_clear (&known);
  liaison_listener_set_clear (&discovered);

  if (!ret)
    {
      liaison_store_rollback (store);
      return FALSE;
    }

  return liaison_store_commit (store, error);
}

/* Netflow ------------------------------------------------------------------ */

/* The flows of one (client, listener) in one sample. */
typedef struct
{
  Seen    key;            /* client_port and process unused */
  GArray *intervals;      /* LiaisonSpanInterval */
  GArray *ports;          /* guint32: client port << 1 | (1 when listener -> client) */
  LiaisonTime first;
  LiaisonTime last;
} Pair;

static guint
pair_hash (gconstpointer data)
{
  const Seen *s = data;

  return (liaison_address_hash (&s->listener) * 31u) ^ liaison_address_hash (&s->client) ^
         ((guint) s->port << 8) ^ s->protocol;
}

static gboolean
pair_equal (gconstpointer a,
            gconstpointer b)
{
  const Seen *x = a;
  const Seen *y = b;

  return x->port == y->port && x->protocol == y->protocol &&
         liaison_address_equal (&x->client, &y->client) &&
         liaison_address_equal (&x->listener, &y->listener);
}

static void
pair_free (gpointer data)
{
  Pair *pair = data;

  g_array_unref (pair->intervals);
  g_array_unref (pair->ports);
  g_free (pair);
}

static int
pair_compare (gconstpointer a,
              gconstpointer b)
{
  const Pair *x = *(Pair * const *) a;
  const Pair *y = *(Pair * const *) b;

  return seen_compare (&x->key, &y->key);
}

static int
interval_compare (gconstpointer a,
                  gconstpointer b)
{
  const LiaisonSpanInterval *x = a;
  const LiaisonSpanInterval *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return 0;
}

static int
guint32_compare (gconstpointer a,
                 gconstpointer b)
{
  guint32 x = *(const guint32 *) a;
  guint32 y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

static inline gboolean
is_ephemeral (guint16 port)
{
  return port >= 32768;
}

/* Section 4.2: which side of a flow listens. Returns TRUE when dst does. */
static gboolean
dst_listens (const LiaisonListenerSet *known,
             const LiaisonFlow *flow)
{
  gboolean src_ephemeral, dst_ephemeral;

  if (flow->oriented)
    return TRUE;
  if (liaison_listener_set_covers (known, &flow->dst, flow->dst_port, flow->protocol))
    return TRUE;
  if (liaison_listener_set_covers (known, &flow->src, flow->src_port, flow->protocol))
    return FALSE;

  src_ephemeral = is_ephemeral (flow->src_port);
  dst_ephemeral = is_ephemeral (flow->dst_port);
  if (src_ephemeral != dst_ephemeral)
    return src_ephemeral;

  /* Neither or both: the lower port listens; on equal ports, dst. A port of
   * 0 (none) never listens. */
  if (flow->dst_port == 0)
    return FALSE;
  if (flow->src_port == 0)
    return TRUE;
  return flow->dst_port <= flow->src_port;
}

/* Section 4.3: events and ports of a pair in one sample. */
static void
count_events (GArray *ports,
              gint64 *events,
              gint64 *distinct_ports)
{
  *events = 0;
  *distinct_ports = 0;

  g_array_sort (ports, guint32_compare);

  for (guint i = 0; i < ports->len; )
    {
      guint32 port = g_array_index (ports, guint32, i) >> 1;
      gint64 forward = 0, reverse = 0;

      while (i < ports->len && (g_array_index (ports, guint32, i) >> 1) == port)
        {
          if (g_array_index (ports, guint32, i) & 1)
            reverse++;
          else
            forward++;
          i++;
        }

      *events += MAX (forward, reverse);
      if (port != 0)
        (*distinct_ports)++;
    }
}

static gboolean
gaps_equal (GArray *a,
            GArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      const LiaisonGap *x = &g_array_index (a, LiaisonGap, i);
      const LiaisonGap *y = &g_array_index (b, LiaisonGap, i);

      if (x->from != y->from || x->to != y->to || x->to_interval != y->to_interval)
        return FALSE;
    }
  return TRUE;
}

static gboolean
apply_pair (LiaisonStore  *store,
            guint          interval,
            Pair          *pair,
            GArray        *old_gaps,
            GError       **error)
{
  char client_ip[LIAISON_ADDRESS_STRLEN];
  char listener_ip[LIAISON_ADDRESS_STRLEN];
  const Seen *key = &pair->key;
  LiaisonSpans spans;
  gint64 record_id = 0;
  gint64 active_samples = 0, total_events = 0, total_ports = 0;
  gint64 events, ports;
  gboolean has_netflow = FALSE;
  gboolean ok = FALSE;
  int rc;

  liaison_address_to_string (&key->client, client_ip);
  liaison_address_to_string (&key->listener, listener_ip);

  {
    LiaisonObservation observation = { 0 };

    observation.client_ip = client_ip;
    observation.listener_ip = listener_ip;
    observation.port = key->port;
    observation.protocol = protocol_text (key->protocol);
    observation.time_first = pair->first;
    observation.time_last = pair->last;
    observation.source = "netflow";
    if (!liaison_store_observe_communication (store, &observation, error))
      return FALSE;
  }

  liaison_spans_init (&spans);
  g_array_set_size (old_gaps, 0);

  {
    g_autoptr(LiaisonStmt) stmt = NULL;

    stmt = liaison_store_prepare (store,
                                  "SELECT id, nf_active_samples, nf_total_events, nf_total_ports,"
                                  "  nf_first_found, nf_last_found, nf_first_interval"
                                  " FROM stat_record"
                                  " WHERE listener_key = ?1 AND port = ?2 AND protocol = ?3"
                                  "   AND client_key = ?4 AND scope = ''",
                                  error);
    if (stmt == NULL)
      goto out;
    bind_key (stmt, 1, &key->listener);
    sqlite3_bind_int (stmt, 2, key->port);
    liaison_bind_text (stmt, 3, protocol_text (key->protocol));
    bind_key (stmt, 4, &key->client);

    rc = sqlite3_step (stmt);
    if (rc == SQLITE_ROW)
      {
        record_id = sqlite3_column_int64 (stmt, 0);
        has_netflow = sqlite3_column_type (stmt, 1) != SQLITE_NULL;
        if (has_netflow)
          {
            active_samples = sqlite3_column_int64 (stmt, 1);
            total_events = sqlite3_column_int64 (stmt, 2);
            total_ports = sqlite3_column_int64 (stmt, 3);
            spans.first = liaison_column_time (stmt, 4);
            spans.last = liaison_column_time (stmt, 5);
            spans.first_interval = sqlite3_column_int (stmt, 6);
          }
      }
    else if (rc != SQLITE_DONE)
      {
        liaison_store_set_error (store, error);
        goto out;
      }
  }

  if (has_netflow)
    {
      g_autoptr(LiaisonStmt) stmt = NULL;

      stmt = liaison_store_prepare (store,
                                    "SELECT gap_from, gap_to, to_interval FROM gap_segment"
                                    " WHERE record_id = ?1 ORDER BY gap_from",
                                    error);
      if (stmt == NULL)
        goto out;
      sqlite3_bind_int64 (stmt, 1, record_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          LiaisonGap gap;

          gap.from = sqlite3_column_int64 (stmt, 0);
          gap.to = sqlite3_column_int64 (stmt, 1);
          gap.to_interval = sqlite3_column_int (stmt, 2);
          g_array_append_val (spans.gaps, gap);
          g_array_append_val (old_gaps, gap);
        }
      if (rc != SQLITE_DONE)
        {
          liaison_store_set_error (store, error);
          goto out;
        }
    }

  /* Flows usually come in time order; sort only when they do not. */
  for (guint i = 1; i < pair->intervals->len; i++)
    if (interval_compare (&g_array_index (pair->intervals, LiaisonSpanInterval, i - 1),
                          &g_array_index (pair->intervals, LiaisonSpanInterval, i)) > 0)
      {
        g_array_sort (pair->intervals, interval_compare);
        break;
      }
  liaison_spans_add (&spans, (const LiaisonSpanInterval *) (gpointer) pair->intervals->data,
                     pair->intervals->len);

  count_events (pair->ports, &events, &ports);

  if (record_id == 0)
    {
      g_autoptr(LiaisonStmt) stmt = NULL;

      stmt = liaison_store_prepare (store,
                                    "INSERT INTO stat_record (listener_ip, listener_key, port, protocol,"
                                    "  client_ip, client_key, scope, listener_device, client_device,"
                                    "  nf_interval, nf_active_samples, nf_total_events, nf_total_ports,"
                                    "  nf_first_found, nf_last_found, nf_first_interval, nf_gap_span)"
                                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, '',"
                                    "  (SELECT listener_device FROM communication"
                                    "    WHERE client_key = ?6 AND listener_key = ?2 AND port = ?3 AND protocol = ?4"
                                    "      AND scope = '' AND listener_device IS NOT NULL LIMIT 1),"
                                    "  (SELECT client_device FROM communication"
                                    "    WHERE client_key = ?6 AND listener_key = ?2 AND port = ?3 AND protocol = ?4"
                                    "      AND scope = '' AND client_device IS NOT NULL LIMIT 1),"
                                    "  ?7, 1, ?8, ?9, ?10, ?11, ?12, ?13)",
                                    error);
      if (stmt == NULL)
        goto out;
      liaison_bind_text (stmt, 1, listener_ip);
      bind_key (stmt, 2, &key->listener);
      sqlite3_bind_int (stmt, 3, key->port);
      liaison_bind_text (stmt, 4, protocol_text (key->protocol));
      liaison_bind_text (stmt, 5, client_ip);
      bind_key (stmt, 6, &key->client);
      sqlite3_bind_int (stmt, 7, interval);
      sqlite3_bind_int64 (stmt, 8, events);
      sqlite3_bind_int64 (stmt, 9, ports);
      liaison_bind_time (stmt, 10, spans.first);
      liaison_bind_time (stmt, 11, spans.last);
      sqlite3_bind_int (stmt, 12, spans.first_interval);
      sqlite3_bind_int64 (stmt, 13, liaison_spans_gap_ms (&spans));
      if (!exec_stmt (store, stmt, error))
        goto out;
      record_id = sqlite3_last_insert_rowid (liaison_store_get_db (store));
    }
  else
    {
      g_autoptr(LiaisonStmt) stmt = NULL;

      stmt = liaison_store_prepare (store,
                                    "UPDATE stat_record SET nf_interval = ?2, nf_active_samples = ?3,"
                                    "  nf_total_events = ?4, nf_total_ports = ?5, nf_first_found = ?6,"
                                    "  nf_last_found = ?7, nf_first_interval = ?8, nf_gap_span = ?9"
                                    " WHERE id = ?1",
                                    error);
      if (stmt == NULL)
        goto out;
      sqlite3_bind_int64 (stmt, 1, record_id);
      sqlite3_bind_int (stmt, 2, interval);
      sqlite3_bind_int64 (stmt, 3, active_samples + 1);
      sqlite3_bind_int64 (stmt, 4, total_events + events);
      sqlite3_bind_int64 (stmt, 5, total_ports + ports);
      liaison_bind_time (stmt, 6, spans.first);
      liaison_bind_time (stmt, 7, spans.last);
      sqlite3_bind_int (stmt, 8, spans.first_interval);
      sqlite3_bind_int64 (stmt, 9, liaison_spans_gap_ms (&spans));
      if (!exec_stmt (store, stmt, error))
        goto out;
    }

  /* Gap rows are rewritten only when they changed. */
  if (!gaps_equal (old_gaps, spans.gaps))
    {
      g_autoptr(LiaisonStmt) stmt = NULL;

      if (old_gaps->len > 0)
        {
          stmt = liaison_store_prepare (store, "DELETE FROM gap_segment WHERE record_id = ?1", error);
          if (stmt == NULL)
            goto out;
          sqlite3_bind_int64 (stmt, 1, record_id);
          if (!exec_stmt (store, stmt, error))
            goto out;
          g_clear_pointer (&stmt, liaison_stmt_release);
        }

      stmt = liaison_store_prepare (store,
                                    "INSERT INTO gap_segment (record_id, gap_from, gap_to, to_interval)"
                                    " VALUES (?1, ?2, ?3, ?4)",
                                    error);
      if (stmt == NULL)
        goto out;
      for (guint i = 0; i < spans.gaps->len; i++)
        {
          const LiaisonGap *gap = &g_array_index (spans.gaps, LiaisonGap, i);

          sqlite3_reset (stmt);
          sqlite3_bind_int64 (stmt, 1, record_id);
          sqlite3_bind_int64 (stmt, 2, gap->from);
          sqlite3_bind_int64 (stmt, 3, gap->to);
          sqlite3_bind_int (stmt, 4, gap->to_interval);
          if (!exec_stmt (store, stmt, error))
            goto out;
        }
    }

  ok = TRUE;

out:
  liaison_spans_clear (&spans);
  return ok;
}

static gboolean
apply_netflow (LiaisonStore           *store,
               guint                   interval,
               const LiaisonFlowFile  *file,
               GHashTable             *pairs,
               GError                **error)
{
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GArray) old_gaps = NULL;
  LiaisonListenerSet known;
  GHashTableIter iter;
  gpointer value;
  Pair *last_pair = NULL;
  gboolean ret;

  liaison_listener_set_init (&known);
  ret = liaison_store_load_known_listeners (store, &known, error);
  if (!ret)
    {
      liaison_listener_set_clear (&known);
      return FALSE;
    }

  for (guint i = 0; i < file->flows->len; i++)
    {
      const LiaisonFlow *flow = &g_array_index (file->flows, LiaisonFlow, i);
      LiaisonSpanInterval span;
      Seen key;
      Pair *pair;
      guint32 port_entry;
      gboolean forward;

      if (flow->src.family == 0 || flow->dst.family == 0)
        continue;

      forward = dst_listens (&known, flow);

      memset (&key, 0, sizeof key);
      key.protocol = flow->protocol;
      if (forward)
        {
          key.listener = flow->dst;
          key.port = flow->dst_port;
          key.client = flow->src;
          key.client_port = flow->src_port;
        }
      else
        {
          key.listener = flow->src;
          key.port = flow->src_port;
          key.client = flow->dst;
          key.client_port = flow->dst_port;
        }

      /* A listener needs a port. */
      if (key.port == 0)
        continue;

      if (last_pair != NULL && pair_equal (&last_pair->key, &key))
        pair = last_pair;
      else
        {
          pair = g_hash_table_lookup (pairs, &key);
          if (pair == NULL)
            {
              pair = g_new0 (Pair, 1);
              pair->key = key;
              pair->key.client_port = 0;
              pair->intervals = g_array_new (FALSE, FALSE, sizeof (LiaisonSpanInterval));
              pair->ports = g_array_new (FALSE, FALSE, sizeof (guint32));
              pair->first = LIAISON_TIME_NONE;
              pair->last = LIAISON_TIME_NONE;
              g_hash_table_add (pairs, pair);
            }
          last_pair = pair;
        }

      span.start = flow->start;
      span.end = flow->end == LIAISON_TIME_NONE ? flow->start : MAX (flow->end, flow->start);
      span.interval = interval;
      g_array_append_val (pair->intervals, span);

      port_entry = ((guint32) key.client_port << 1) | (forward ? 0 : 1);
      g_array_append_val (pair->ports, port_entry);

      pair->first = time_min (pair->first, span.start);
      pair->last = time_max (pair->last, span.end);
    }

  liaison_listener_set_clear (&known);

  /* In key order, so that the rows are written in index order. */
  sorted = g_ptr_array_sized_new (g_hash_table_size (pairs));
  g_hash_table_iter_init (&iter, pairs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (sorted, value);
  g_ptr_array_sort (sorted, pair_compare);

  old_gaps = g_array_new (FALSE, FALSE, sizeof (LiaisonGap));
  for (guint i = 0; i < sorted->len; i++)
    if (!apply_pair (store, interval, g_ptr_array_index (sorted, i), old_gaps, error))
      return FALSE;

  return TRUE;
}

/**
 * liaison_statistics_apply_netflow:
 * @store: the store, normally inside a transaction
 * @window_start: S, the start of the sample period
 * @interval: I, the sample interval in seconds
 * @file: the flows of the sample
 * @error: return location for an error
 *
 * Applies one netflow sample (statistics.md sections 4.2 to 4.4). The
 * caller records the sample itself in `sample`, whose newest window end
 * decides the pending spans. Either the whole sample is applied or nothing is.
 */
gboolean
liaison_statistics_apply_netflow (LiaisonStore           *store,
                                  LiaisonTime             window_start,
                                  guint                   interval,
                                  const LiaisonFlowFile  *file,
                                  GError                **error)
{
  g_autoptr(GHashTable) pairs = NULL;

  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);
  g_return_val_if_fail (file != NULL, FALSE);

  if (interval == 0)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                   _("the sample interval must be at least one second"));
      return FALSE;
    }

  if (!liaison_store_begin (store, error))
    return FALSE;

  pairs = g_hash_table_new_full (pair_hash, pair_equal, NULL, pair_free);

  if (!apply_netflow (store, interval, file, pairs, error))
    {
      liaison_store_rollback (store);
      return FALSE;
    }

  return liaison_store_commit (store, error);
}

/* Reading ------------------------------------------------------------------ */

static gboolean
newest_window_end (LiaisonStore  *store,
                   LiaisonTime   *out,
                   GError       **error)
{
  g_autoptr(LiaisonStmt) stmt = NULL;

  stmt = liaison_store_prepare (store,
                                "SELECT max(window_end) FROM sample WHERE kind = 'netflow'",
                                error);
  if (stmt == NULL)
    return FALSE;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    return liaison_store_set_error (store, error);

  *out = liaison_column_time (stmt, 0);
  return TRUE;
}

/* Appends the WHERE clause of @filter; binds start at @first_param. */
static gboolean
filter_sql (GString                 *sql,
            const char              *prefix,
            const LiaisonStatFilter *filter,
            guint8                   key[LIAISON_ADDRESS_KEY_LEN],
            gboolean                *has_key,
            GError                 **error)
{
  gboolean where = FALSE;

  *has_key = FALSE;
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
      liaison_address_to_key (&address, key);
      *has_key = TRUE;
      g_string_append_printf (sql, " WHERE %s.listener_key = ?1", prefix);
      where = TRUE;
    }
  if (filter->port != 0)
    {
      g_string_append_printf (sql, " %s %s.port = ?2", where ? "AND" : "WHERE", prefix);
      where = TRUE;
    }
  if (filter->protocol != NULL && filter->protocol[0] != '\0')
    {
      LiaisonProtocol protocol;

      if (!liaison_protocol_from_string (filter->protocol, &protocol))
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                       _("“%s” is not a protocol (tcp or udp)"), filter->protocol);
          return FALSE;
        }
      g_string_append_printf (sql, " %s %s.protocol = ?3", where ? "AND" : "WHERE", prefix);
    }

  return TRUE;
}

static void
bind_filter (sqlite3_stmt            *stmt,
             const LiaisonStatFilter *filter,
             const guint8            *key,
             gboolean                 has_key)
{
  LiaisonProtocol protocol;

  if (filter == NULL)
    return;
  if (has_key)
    sqlite3_bind_blob (stmt, 1, key, LIAISON_ADDRESS_KEY_LEN, SQLITE_TRANSIENT);
  if (filter->port != 0)
    sqlite3_bind_int (stmt, 2, filter->port);
  if (filter->protocol != NULL && liaison_protocol_from_string (filter->protocol, &protocol))
    liaison_bind_text (stmt, 3, liaison_protocol_to_string (protocol));
}

static void
set_string (GString    **string,
            const char  *text,
            char       **out)
{
  if (text == NULL)
    {
      *out = NULL;
      return;
    }
  if (*string == NULL)
    *string = g_string_new (NULL);
  g_string_assign (*string, text);
  *out = (*string)->str;
}

typedef struct
{
  GString *listener_ip;
  GString *client_ip;
  GString *listener_device;
  GString *client_device;
} RecordText;

static void
record_text_clear (RecordText *text)
{
  for (GString **s = &text->listener_ip; s <= &text->client_device; s++)
    if (*s != NULL)
      g_string_free (*s, TRUE);
}

static void
read_record (sqlite3_stmt      *stmt,
             RecordText        *text,
             LiaisonStatRecord *record)
{
  record->id = sqlite3_column_int64 (stmt, 0);
  set_string (&text->listener_ip, (const char *) sqlite3_column_text (stmt, 1), &record->listener_ip);
  record->port = sqlite3_column_int (stmt, 2);
  record->protocol = protocol_static (sqlite3_column_text (stmt, 3));
  set_string (&text->client_ip, (const char *) sqlite3_column_text (stmt, 4), &record->client_ip);
  set_string (&text->listener_device, (const char *) sqlite3_column_text (stmt, 5), &record->listener_device);
  set_string (&text->client_device, (const char *) sqlite3_column_text (stmt, 6), &record->client_device);

  record->has_netstat = sqlite3_column_type (stmt, 7) != SQLITE_NULL;
  record->ns_total_samples = sqlite3_column_int64 (stmt, 7);
  record->ns_active_samples = sqlite3_column_int64 (stmt, 8);
  record->ns_total_ports = sqlite3_column_int64 (stmt, 9);
  record->ns_first_found = liaison_column_time (stmt, 10);
  record->ns_last_found = liaison_column_time (stmt, 11);

  record->has_netflow = sqlite3_column_type (stmt, 13) != SQLITE_NULL;
  record->nf_interval = sqlite3_column_int (stmt, 12);
  record->nf_active_samples = sqlite3_column_int64 (stmt, 13);
  record->nf_total_events = sqlite3_column_int64 (stmt, 14);
  record->nf_total_ports = sqlite3_column_int64 (stmt, 15);
  record->nf_first_found = liaison_column_time (stmt, 16);
  record->nf_last_found = liaison_column_time (stmt, 17);
  g_array_set_size (record->nf_gaps, 0);
}

static void
finish_record (LiaisonStatRecord *record,
               LiaisonTime        newest_end)
{
  LiaisonSpans spans;

  record->nf_active_ms = 0;
  record->nf_gap_ms = 0;
  record->nf_pending_ms = 0;
  if (!record->has_netflow)
    return;

  spans.first = record->nf_first_found;
  spans.last = record->nf_last_found;
  spans.first_interval = record->nf_interval;
  spans.gaps = record->nf_gaps;

  record->nf_gap_ms = liaison_spans_gap_ms (&spans);
  record->nf_active_ms = liaison_spans_active_ms (&spans);
  record->nf_pending_ms = liaison_spans_pending_ms (&spans, newest_end);
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
  g_autoptr(GString) sql = NULL;
  g_autoptr(LiaisonStmt) stmt = NULL;
  g_autoptr(GArray) gaps = NULL;
  guint8 key[LIAISON_ADDRESS_KEY_LEN];
  RecordText text = { 0 };
  LiaisonStatRecord record;
  LiaisonTime newest_end = LIAISON_TIME_NONE;
  gboolean has_key;
  gboolean pending = FALSE;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (!newest_window_end (store, &newest_end, error))
    return FALSE;

  sql = g_string_new ("SELECT r.id, r.listener_ip, r.port, r.protocol, r.client_ip,"
                      "  r.listener_device, r.client_device,"
                      "  r.ns_total_samples, r.ns_active_samples, r.ns_total_ports,"
                      "  r.ns_first_found, r.ns_last_found,"
                      "  r.nf_interval, r.nf_active_samples, r.nf_total_events, r.nf_total_ports,"
                      "  r.nf_first_found, r.nf_last_found,"
                      "  g.gap_from, g.gap_to, g.to_interval"
                      " FROM stat_record AS r LEFT JOIN gap_segment AS g ON g.record_id = r.id");
  if (!filter_sql (sql, "r", filter, key, &has_key, error))
    return FALSE;
  g_string_append (sql, " ORDER BY r.listener_key, r.port, r.protocol, r.client_key,"
                        " r.listener_device, r.id, g.gap_from");

  stmt = liaison_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  bind_filter (stmt, filter, key, has_key);

  gaps = g_array_new (FALSE, FALSE, sizeof (LiaisonGap));
  memset (&record, 0, sizeof record);
  record.nf_gaps = gaps;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (!pending || id != record.id)
        {
          if (pending)
            {
              finish_record (&record, newest_end);
              if (!func (&record, user_data, error))
                {
                  ok = FALSE;
                  break;
                }
            }
          read_record (stmt, &text, &record);
          pending = TRUE;
        }

      if (sqlite3_column_type (stmt, 18) != SQLITE_NULL)
        {
          LiaisonGap gap;

          gap.from = sqlite3_column_int64 (stmt, 18);
          gap.to = sqlite3_column_int64 (stmt, 19);
          gap.to_interval = sqlite3_column_int (stmt, 20);
          g_array_append_val (gaps, gap);
        }
    }

  if (ok && rc != SQLITE_DONE)
    ok = liaison_store_set_error (store, error);

  if (ok && pending)
    {
      finish_record (&record, newest_end);
      ok = func (&record, user_data, error);
    }

  record_text_clear (&text);
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
  g_autoptr(GString) sql = NULL;
  g_autoptr(LiaisonStmt) stmt = NULL;
  guint8 key[LIAISON_ADDRESS_KEY_LEN];
  gboolean has_key;
  int rc;

  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  sql = g_string_new ("SELECT c.id, c.client_ip, c.listener_ip, c.port, c.protocol,"
                      "  c.client_process_name, c.client_process_display_name, c.client_device,"
                      "  s.total_samples, s.active_samples, s.total_ports, s.first_found, s.last_found"
                      " FROM classic_stat AS s JOIN communication AS c ON c.id = s.communication_id");
  if (!filter_sql (sql, "c", filter, key, &has_key, error))
    return FALSE;
  g_string_append (sql, " ORDER BY c.client_key, c.listener_key, c.port, c.protocol,"
                        " c.client_process_name, c.id");

  stmt = liaison_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  bind_filter (stmt, filter, key, has_key);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LiaisonClassicRecord record;

      record.communication_id = sqlite3_column_int64 (stmt, 0);
      record.client_ip = (char *) sqlite3_column_text (stmt, 1);
      record.listener_ip = (char *) sqlite3_column_text (stmt, 2);
      record.port = sqlite3_column_int (stmt, 3);
      record.protocol = protocol_static (sqlite3_column_text (stmt, 4));
      record.client_process_name = (char *) sqlite3_column_text (stmt, 5);
      record.client_process_display_name = (char *) sqlite3_column_text (stmt, 6);
      record.client_device = (char *) sqlite3_column_text (stmt, 7);
      record.total_samples = sqlite3_column_int64 (stmt, 8);
      record.active_samples = sqlite3_column_int64 (stmt, 9);
      record.total_ports = sqlite3_column_int64 (stmt, 10);
      record.first_found = liaison_column_time (stmt, 11);
      record.last_found = liaison_column_time (stmt, 12);

      if (!func (&record, user_data, error))
        return FALSE;
    }

  if (rc != SQLITE_DONE)
    return liaison_store_set_error (store, error);
  return TRUE;
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
