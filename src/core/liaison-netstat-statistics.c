/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-statistics"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "liaison-error.h"
#include "liaison-listener-set-private.h"
#include "liaison-netstat-runs-private.h"
#include "liaison-netstat-statistics-private.h"
#include "liaison-observation-batch-private.h"
#include "liaison-record-identity-private.h"
#include "liaison-store-communications-private.h"
#include "liaison-store-listeners-private.h"
#include "liaison-store-private.h"
#include "liaison-store-statistics-private.h"

/*
 * The netstat statistics (statistics.md 3.2 to 3.5): one socket table of a
 * host is sorted into inbound and outbound connections, folded into
 * conversations in memory, and then every affected row is touched once,
 * inside a savepoint of the caller's transaction.
 */

/* One counted connection, seen from the listener's side. */
typedef struct
{
  PairKey      pair;
  guint16      client_port;
  const char  *process;         /* outbound only; NULL when unknown */
} Seen;

static int
seen_compare (gconstpointer a,
              gconstpointer b)
{
  const Seen *x = a;
  const Seen *y = b;
  int c;

  if ((c = liaison_pair_key_compare (&x->pair, &y->pair)) != 0)
    return c;
  if ((c = g_strcmp0 (x->process, y->process)) != 0)
    return c;
  if (x->client_port != y->client_port)
    return x->client_port < y->client_port ? -1 : 1;
  return 0;
}

/* The same client, listener, port and protocol. */
static gboolean
seen_same_pair (const Seen *x,
                const Seen *y)
{
  return liaison_pair_key_compare (&x->pair, &y->pair) == 0;
}

static gboolean
seen_is_loopback (const Seen *seen)
{
  return liaison_address_is_loopback (&seen->pair.listener) ||
         liaison_address_is_loopback (&seen->pair.client);
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

      while (j < seen->len && seen_same_pair (first, &g_array_index (seen, Seen, j)) &&
             g_strcmp0 (first->process, g_array_index (seen, Seen, j).process) == 0)
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

/* A netstat sample of one host being applied. */
typedef struct
{
  LiaisonStore            *store;
  const char              *host;
  LiaisonTime              time;
  LiaisonListenerSet       known;              /* the listeners found on the host so far */
  LiaisonListenerSet       discovered;         /* those this sample shows (3.3 step 1) */
  GArray                  *inbound;            /* Seen */
  GArray                  *outbound;
  GArray                  *in_conversations;   /* Conversation */
  GArray                  *out_conversations;
  LiaisonObservationBatch *batch;
  LiaisonNetstatRuns      *runs;               /* section 3.6 */
} NetstatSample;

static void
netstat_sample_clear (NetstatSample *sample)
{
  liaison_listener_set_clear (&sample->known);
  liaison_listener_set_clear (&sample->discovered);
  g_clear_pointer (&sample->in_conversations, g_array_unref);
  g_clear_pointer (&sample->out_conversations, g_array_unref);
  g_clear_pointer (&sample->inbound, g_array_unref);
  g_clear_pointer (&sample->outbound, g_array_unref);
  g_clear_pointer (&sample->batch, liaison_observation_batch_free);
  g_clear_pointer (&sample->runs, liaison_netstat_runs_free);
}

/* A conversation as the statistics tables count it. */
static LiaisonConversationCount
conversation_count (const NetstatSample *sample,
                    const Conversation  *conversation)
{
  const Seen *seen = conversation->seen;
  LiaisonConversationCount count;

  count.record.listener = &seen->pair.listener;
  count.record.client = &seen->pair.client;
  count.record.port = seen->pair.port;
  count.record.protocol = seen->pair.protocol;
  count.record.scope = seen_is_loopback (seen) ? sample->host : "";
  count.ports = conversation->ports;
  count.run_before = LIAISON_TIME_NONE;
  count.run_after = LIAISON_TIME_NONE;
  return count;
}

/* Section 3.2: this sample's listeners join those found before. */
static gboolean
add_listeners (NetstatSample              *sample,
               const LiaisonNetstatTable  *table,
               GError                    **error)
{
  if (!liaison_store_load_host_listeners (sample->store, sample->host, &sample->known, error))
    return FALSE;

  for (guint i = 0; i < table->sockets->len; i++)
    {
      const LiaisonSocket *socket = &g_array_index (table->sockets, LiaisonSocket, i);

      if (socket->kind != LIAISON_SOCKET_LISTENING || socket->local.family == 0 || socket->local_port == 0)
        continue;

      liaison_listener_set_add (&sample->known, &socket->local, socket->local_port, socket->protocol);
      liaison_listener_set_add (&sample->discovered, &socket->local, socket->local_port, socket->protocol);
      if (!liaison_store_add_listener (sample->store, sample->host, &socket->local, socket->local_port,
                                       socket->protocol, sample->time, error))
        return FALSE;
    }

  return TRUE;
}

/* Sorts the connections of the sample: inbound to a known listener, else
 * outbound; then folds each kind into conversations. */
static void
sort_connections (NetstatSample             *sample,
                  const LiaisonNetstatTable *table)
{
  for (guint i = 0; i < table->sockets->len; i++)
    {
      const LiaisonSocket *socket = &g_array_index (table->sockets, LiaisonSocket, i);
      Seen seen;

      if (socket->kind != LIAISON_SOCKET_CONNECTION || socket->peer.family == 0 || socket->local.family == 0)
        continue;

      memset (&seen, 0, sizeof seen);
      seen.pair.protocol = socket->protocol;

      if (socket->local_port != 0 &&
          liaison_listener_set_covers (&sample->known, &socket->local, socket->local_port, socket->protocol))
        {
          seen.pair.listener = socket->local;
          seen.pair.port = socket->local_port;
          seen.pair.client = socket->peer;
          seen.client_port = socket->peer_port;
          liaison_listener_set_add_covering (&sample->discovered, &sample->known, &socket->local,
                                             socket->local_port, socket->protocol);
          g_array_append_val (sample->inbound, seen);
        }
      else if (socket->peer_port != 0)
        {
          seen.pair.listener = socket->peer;
          seen.pair.port = socket->peer_port;
          seen.pair.client = socket->local;
          seen.client_port = socket->local_port;
          seen.process = socket->process != NULL && socket->process[0] != '\0' ? socket->process : NULL;
          g_array_append_val (sample->outbound, seen);
        }
    }

  sample->in_conversations = fold_conversations (sample->inbound);
  sample->out_conversations = fold_conversations (sample->outbound);
}

static gboolean
observe (NetstatSample  *sample,
         const Seen     *seen,
         const char     *client_device,
         const char     *listener_device,
         GError        **error)
{
  LiaisonObservation observation = { 0 };

  observation.port = seen->pair.port;
  observation.protocol = liaison_protocol_to_string ((LiaisonProtocol) seen->pair.protocol);
  observation.process = seen->process;
  observation.client_device = client_device;
  observation.listener_device = listener_device;
  observation.scope = seen_is_loopback (seen) ? sample->host : NULL;
  observation.time_first = sample->time;
  observation.time_last = sample->time;
  observation.source = "netstat";

  return liaison_observation_batch_add (sample->batch, &seen->pair.client, &seen->pair.listener, &observation, error);
}

/* Section 3.5: the service communications of the sample's conversations. */
static gboolean
observe_conversations (NetstatSample  *sample,
                       GError        **error)
{
  const char *host = sample->host;

  sample->batch = liaison_observation_batch_new (sample->store, error);
  if (sample->batch == NULL)
    return FALSE;
  /* One time for all: the last detections the sample moves may wait. */
  liaison_store_hold_last_detected (sample->store);

  for (guint i = 0; i < sample->in_conversations->len; i++)
    {
      const Seen *seen = g_array_index (sample->in_conversations, Conversation, i).seen;

      /* A loopback client is on the listener's host too. */
      if (!observe (sample, seen, liaison_address_is_loopback (&seen->pair.client) ? host : NULL, host, error))
        return FALSE;
    }
  for (guint i = 0; i < sample->out_conversations->len; i++)
    {
      const Seen *seen = g_array_index (sample->out_conversations, Conversation, i).seen;

      /* A loopback listener is on the client's host too. */
      if (!observe (sample, seen, host, liaison_address_is_loopback (&seen->pair.listener) ? host : NULL, error))
        return FALSE;
    }

  return liaison_observation_batch_flush (sample->batch, error) &&
         liaison_store_write_last_detected (sample->store, error);
}

static gboolean
count_listener_sample (const LiaisonListener  *listener,
                       gpointer                user_data,
                       GError                **error)
{
  NetstatSample *sample = user_data;

  return liaison_store_count_listener_sample (sample->store, sample->host, listener, error);
}

/*
 * Section 3.3 step 3 when there is no record at all yet: every inbound
 * conversation makes a record, several to a statement.
 *
 * A record names the client device of a service communication of its
 * identity. When the table had no service communication before this sample,
 * those rows are all this sample's, and their client device is the one the
 * sample's observations of the identity named, if they named one: the batch
 * knows it, and the store needs no lookup.
 */
static gboolean
add_first_records (NetstatSample  *sample,
                   GError        **error)
{
  GArray *conversations = sample->in_conversations;
  g_autofree LiaisonConversationCount *counts = g_new (LiaisonConversationCount, MAX (conversations->len, 1));
  g_autofree const char **devices = g_new0 (const char *, MAX (conversations->len, 1));
  gboolean known = TRUE;

  for (guint i = 0; i < conversations->len; i++)
    {
      const Seen *seen = g_array_index (conversations, Conversation, i).seen;
      LiaisonObservation o = { 0 };

      counts[i] = conversation_count (sample, &g_array_index (conversations, Conversation, i));
      liaison_netstat_runs_active_record (sample->runs, &counts[i].record);
      if (!known)
        continue;
      o.port = seen->pair.port;
      o.protocol = liaison_protocol_to_string ((LiaisonProtocol) seen->pair.protocol);
      o.scope = seen_is_loopback (seen) ? sample->host : NULL;
      known = liaison_observation_batch_client_device (sample->batch, &seen->pair.client, &seen->pair.listener, &o, &devices[i]);
    }

  return liaison_store_add_inbound_records (sample->store, sample->host, sample->time, counts, conversations->len,
                                            known ? devices : NULL, error);
}

/* Section 3.3: the statistics records of the listeners the sample shows. */
static gboolean
count_records (NetstatSample  *sample,
               GError        **error)
{
  gboolean any = FALSE;

  /* Step 2: each record of a discovered listener counts the sample. */
  if (!liaison_listener_set_foreach (&sample->discovered, count_listener_sample, sample, error) ||
      !liaison_store_has_stat_records (sample->store, &any, error))
    return FALSE;

  /* With no record before this sample, each inbound conversation (one per
   * record identity) makes a new one: an update could not find a row. */
  if (!any)
    return add_first_records (sample, error);

  for (guint i = 0; i < sample->in_conversations->len; i++)
    {
      LiaisonConversationCount count = conversation_count (sample, &g_array_index (sample->in_conversations,
                                                                                  Conversation, i));

      liaison_netstat_runs_active_record (sample->runs, &count.record);
      if (!liaison_netstat_runs_listener (sample->runs, count.record.listener, count.record.port,
                                          count.record.protocol, &count.run_before, &count.run_after, error) ||
          !liaison_store_count_inbound (sample->store, sample->host, sample->time, &count, error))
        return FALSE;
    }

  return TRUE;
}

/* Section 3.4 for one outbound (client, listener, process) with k ports. */
static gboolean
count_classic (NetstatSample                   *sample,
               const Seen                      *seen,
               const LiaisonConversationCount  *count,
               GError                         **error)
{
  guint8 client_key[LIAISON_ADDRESS_KEY_LEN];
  guint8 listener_key[LIAISON_ADDRESS_KEY_LEN];
  gint64 id = 0;

  liaison_address_to_key (&seen->pair.client, client_key);
  liaison_address_to_key (&seen->pair.listener, listener_key);
  if (!liaison_store_find_communication (sample->store, client_key, listener_key, seen->pair.port,
                                         liaison_protocol_to_string ((LiaisonProtocol) seen->pair.protocol),
                                         seen->process, count->record.scope, 0, &id, error))
    return FALSE;

  /* The observation just made sure the row exists; this is only a guard. */
  if (id == 0)
    return TRUE;

  liaison_netstat_runs_active_classic (sample->runs, id);
  return liaison_store_count_classic (sample->store, sample->host, sample->time, id, count, error);
}

/* Section 3.4: the classic statistics of the host's client processes; and
 * an outbound conversation names the client device of its record. */
static gboolean
count_outbound (NetstatSample  *sample,
                GError        **error)
{
  GArray *conversations = sample->out_conversations;

  if (!liaison_store_count_classic_samples (sample->store, sample->host, error))
    return FALSE;

  for (guint i = 0; i < conversations->len; i++)
    {
      const Conversation *conversation = &g_array_index (conversations, Conversation, i);
      LiaisonConversationCount count = conversation_count (sample, conversation);

      /* A classic record counts every sample of its host (section 3.4). */
      liaison_netstat_runs_host (sample->runs, &count.run_before, &count.run_after);

      if (conversation->seen->process != NULL &&
          !count_classic (sample, conversation->seen, &count, error))
        return FALSE;

      /* One device update per (client, listener), not per process. */
      if ((i == 0 || !seen_same_pair (conversation->seen, g_array_index (conversations, Conversation, i - 1).seen)) &&
          !liaison_store_name_client_device (sample->store, sample->host, &count, error))
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
  NetstatSample sample = { 0 };
  gboolean ok;

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

  sample.store = store;
  sample.host = host;
  sample.time = time;
  sample.inbound = g_array_new (FALSE, FALSE, sizeof (Seen));
  sample.outbound = g_array_new (FALSE, FALSE, sizeof (Seen));
  liaison_listener_set_init (&sample.known);
  liaison_listener_set_init (&sample.discovered);

  ok = add_listeners (&sample, table, error);
  if (ok)
    {
      sort_connections (&sample, table);
      sample.runs = liaison_netstat_runs_begin (store, host, time, &sample.discovered, error);
    }
  ok = ok && sample.runs != NULL &&
       observe_conversations (&sample, error) &&
       count_records (&sample, error) &&
       count_outbound (&sample, error) &&
       liaison_netstat_runs_finish (sample.runs, error);

  netstat_sample_clear (&sample);

  if (!ok)
    {
      liaison_store_rollback (store);
      return FALSE;
    }

  return liaison_store_commit (store, error);
}
