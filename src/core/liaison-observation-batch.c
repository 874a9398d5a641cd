/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-statistics"

#include "config.h"

#include <string.h>

#include "liaison-observation-batch-private.h"
#include "liaison-store-communications-private.h"
#include "liaison-store-private.h"

/*
 * The service communications of a sample (statistics.md 3.5), observed as
 * a batch.
 *
 * liaison_store_observe_communication() looks up the rows of the
 * observation's identity (client, listener, port, protocol, scope), then
 * updates them or adds one: a statement or more per observation. When the
 * table has no row yet (the first sample of a new database), every
 * conversation of the sample is new, and the batch keeps the rows in memory
 * instead: it merges a later observation of the same identity into them by
 * the same rule, and writes them several to a statement, in the order they
 * were made, so that they get the ids and the values one observation at a
 * time would have given them. Any other observation goes through
 * liaison_store_observe_communication(), once the rows held before it are
 * written.
 *
 * A batch that looks up (liaison_observation_batch_look_up(): a netflow
 * sample, whose pairs are each observed once) holds new rows beside a
 * table that has rows too: an observation of a conversation the table has
 * no row of makes a held row, and the table's rows are left to the store's
 * own lookup (liaison_store_observe_existing()).
 */

/* Rows held before they are written: past this, the batch writes what it
 * holds and merges later observations of those identities in the table. */
#define NEW_ROWS_HELD_MAX 16384

typedef struct
{
  LiaisonAddress client;         /* canonical (liaison_address_parse()) */
  LiaisonAddress listener;
  guint          port;
  const char    *protocol;       /* interned in the batch */
  const char    *scope;          /* interned in the batch */

  /* Rows of the identity the batch holds: indexes + 1 in `held`, 0 none. */
  guint          first_row;
  guint          last_row;
  gboolean       written;        /* its rows are in the table */
  const char    *client_device;  /* a client device an observation named */
  gboolean       named_device;   /* an observation named a device */
} Identity;

static guint
identity_hash (gconstpointer data)
{
  const Identity *id = data;

  return liaison_address_hash (&id->client) * 31u + liaison_address_hash (&id->listener) +
         id->port * 2654435761u + g_direct_hash (id->protocol) + g_direct_hash (id->scope);
}

static gboolean
identity_equal (gconstpointer a,
                gconstpointer b)
{
  const Identity *x = a;
  const Identity *y = b;

  /* Interned texts: equal texts are the same pointer. */
  return x->port == y->port && x->protocol == y->protocol && x->scope == y->scope &&
         liaison_address_equal (&x->client, &y->client) &&
         liaison_address_equal (&x->listener, &y->listener);
}

/* Which identity a held row is of, and the identity's next held row. */
typedef struct
{
  Identity *identity;
  guint     next;                /* index + 1 in `held`, 0 none */
} HeldLink;

struct _LiaisonObservationBatch
{
  LiaisonStore *store;
  gboolean      fresh;           /* the table had no row when the batch began */
  gboolean      look_up;         /* hold rows of conversations the table has none of */
  gboolean      devices_differ;  /* observations of one identity named two client devices */
  GStringChunk *texts;
  GHashTable   *identities;      /* Identity (owned): of every observation while fresh */
  GArray       *held;            /* LiaisonNewCommunication: new rows not written yet, texts interned */
  GArray       *links;           /* HeldLink: one per held row */
  GArray       *rows;            /* guint: the held rows of one identity, reused */
  GPtrArray    *processes;       /* their processes, reused */
};

/**
 * liaison_observation_batch_new:
 *
 * Starts a batch of the observations of one sample, inside the caller's
 * transaction.
 *
 * Returns: (transfer full): the batch, or %NULL with @error set
 */
LiaisonObservationBatch *
liaison_observation_batch_new (LiaisonStore  *store,
                               GError       **error)
{
  g_autoptr(LiaisonObservationBatch) batch = g_new0 (LiaisonObservationBatch, 1);
  gboolean any = FALSE;

  batch->store = store;
  batch->texts = g_string_chunk_new (1024);
  batch->identities = g_hash_table_new_full (identity_hash, identity_equal, g_free, NULL);
  batch->held = g_array_new (FALSE, FALSE, sizeof (LiaisonNewCommunication));
  batch->links = g_array_new (FALSE, FALSE, sizeof (HeldLink));
  batch->rows = g_array_new (FALSE, FALSE, sizeof (guint));
  batch->processes = g_ptr_array_new ();

  if (!liaison_store_has_communications (store, &any, error))
    return NULL;
  /* One row at a time, as the reference the held rows are tested against. */
  batch->fresh = !any && !store->single_rows;
  return g_steal_pointer (&batch);
}

/**
 * liaison_observation_batch_look_up:
 *
 * From now on, an observation of a conversation that has no row in the
 * table makes a held row even when the table has other rows: the batch
 * asks the table for each conversation it does not hold. For samples that
 * observe each conversation once.
 */
void
liaison_observation_batch_look_up (LiaisonObservationBatch *batch)
{
  batch->look_up = !batch->store->single_rows;
}

void
liaison_observation_batch_free (LiaisonObservationBatch *batch)
{
  if (batch == NULL)
    return;
  g_clear_pointer (&batch->texts, g_string_chunk_free);
  g_clear_pointer (&batch->identities, g_hash_table_unref);
  g_clear_pointer (&batch->held, g_array_unref);
  g_clear_pointer (&batch->links, g_array_unref);
  g_clear_pointer (&batch->rows, g_array_unref);
  g_clear_pointer (&batch->processes, g_ptr_array_unref);
  g_free (batch);
}

static const char *
intern (LiaisonObservationBatch *batch,
        const char              *text)
{
  return text != NULL ? g_string_chunk_insert_const (batch->texts, text) : NULL;
}

/* What liaison_address_parse() makes of the address's text: IPv4-mapped
 * IPv6 becomes IPv4. FALSE for no address. */
static gboolean
canonical_address (const LiaisonAddress *address,
                   LiaisonAddress       *out)
{
  memset (out, 0, sizeof *out);
  if (address->family == 4)
    {
      out->family = 4;
      memcpy (out->bytes, address->bytes, 4);
    }
  else if (address->family == 6)
    {
      *out = *address;
      liaison_address_unmap (out);
    }
  else
    return FALSE;
  return TRUE;
}

/**
 * liaison_observation_batch_flush:
 *
 * Writes the rows held, in the order they were made; from then on their
 * identities are merged in the table.
 */
gboolean
liaison_observation_batch_flush (LiaisonObservationBatch  *batch,
                                 GError                  **error)
{
  if (batch->held->len == 0)
    return TRUE;

  if (!liaison_store_insert_communications (batch->store, (const LiaisonNewCommunication *) (gpointer) batch->held->data,
                                            batch->held->len, NULL, error))
    return FALSE;

  for (guint i = 0; i < batch->links->len; i++)
    {
      Identity *identity = g_array_index (batch->links, HeldLink, i).identity;

      identity->first_row = identity->last_row = 0;
      identity->written = TRUE;
    }
  g_array_set_size (batch->held, 0);
  g_array_set_size (batch->links, 0);
  return TRUE;
}

/* The identity of an observation, as liaison_store_observe_communication()
 * reads it; FALSE when it is no pair of addresses. */
static gboolean
observation_identity (LiaisonObservationBatch  *batch,
                      const LiaisonAddress     *client,
                      const LiaisonAddress     *listener,
                      const LiaisonObservation *o,
                      Identity                 *identity)
{
  memset (identity, 0, sizeof *identity);
  if (!canonical_address (client, &identity->client) ||
      !canonical_address (listener, &identity->listener))
    return FALSE;
  identity->port = o->port;
  identity->protocol = intern (batch, o->protocol);
  if (!liaison_address_is_loopback (&identity->client) && !liaison_address_is_loopback (&identity->listener))
    identity->scope = intern (batch, "");
  else
    identity->scope = intern (batch, o->scope != NULL ? o->scope : "");
  return TRUE;
}

/* What liaison_store_observe_communication() does to a row in the table,
 * on a held row (a row an import made: no field typed by a user). */
static void
held_row_apply (LiaisonObservationBatch  *batch,
                guint                     index,
                const LiaisonObservation *o,
                gboolean                  fill_process)
{
  LiaisonNewCommunication *row = &g_array_index (batch->held, LiaisonNewCommunication, index);

  liaison_observation_merge_times (o, &row->first, &row->last);
  if (o->client_device != NULL)
    row->client_device = intern (batch, o->client_device);
  if (o->listener_device != NULL)
    row->listener_device = intern (batch, o->listener_device);
  if (fill_process)
    row->process = intern (batch, o->process);
}

/* Adds a row of @identity with the values of @o. */
static void
held_row_add (LiaisonObservationBatch  *batch,
              Identity                 *identity,
              const LiaisonObservation *o)
{
  gboolean known = o->process != NULL && *o->process != '\0';
  LiaisonNewCommunication row;
  HeldLink link = { identity, 0 };

  memset (&row, 0, sizeof row);
  row.client = &identity->client;
  row.listener = &identity->listener;
  row.port = identity->port;
  row.protocol = identity->protocol;
  row.scope = identity->scope;
  row.process = intern (batch, known ? o->process : "");
  row.client_device = intern (batch, o->client_device);
  row.listener_device = intern (batch, o->listener_device);
  row.first = row.last = LIAISON_TIME_NONE;
  liaison_observation_merge_times (o, &row.first, &row.last);
  row.source = intern (batch, o->source);
  g_array_append_val (batch->held, row);
  g_array_append_val (batch->links, link);

  if (identity->last_row != 0)
    g_array_index (batch->links, HeldLink, identity->last_row - 1).next = batch->held->len;
  else
    identity->first_row = batch->held->len;
  identity->last_row = batch->held->len;
}

/* liaison_store_observe_communication() on the rows the batch holds of an
 * identity: the same rule (liaison_observation_merge()). */
static void
held_rows_observe (LiaisonObservationBatch  *batch,
                   Identity                 *identity,
                   const LiaisonObservation *o)
{
  GArray *held = batch->rows;
  GPtrArray *processes = batch->processes;
  LiaisonMerge merge;
  guint target = 0;

  g_array_set_size (held, 0);
  g_ptr_array_set_size (processes, 0);
  for (guint i = identity->first_row; i != 0; i = g_array_index (batch->links, HeldLink, i - 1).next)
    {
      guint index = i - 1;

      g_array_append_val (held, index);
      g_ptr_array_add (processes, (gpointer) g_array_index (batch->held, LiaisonNewCommunication, index).process);
    }

  merge = liaison_observation_merge (o, (const char *const *) processes->pdata, processes->len, &target);
  switch (merge)
    {
    case LIAISON_MERGE_ALL:
      for (guint i = 0; i < held->len; i++)
        held_row_apply (batch, g_array_index (held, guint, i), o, FALSE);
      return;
    case LIAISON_MERGE_SAME:
    case LIAISON_MERGE_UNKNOWN:
      /* A row of an unknown process takes the observed one. */
      held_row_apply (batch, g_array_index (held, guint, target), o, merge == LIAISON_MERGE_UNKNOWN);
      return;
    case LIAISON_MERGE_NEW:
    default:
      held_row_add (batch, identity, o);
      return;
    }
}

/* The addresses of @o as the store reads them, in @client_ip and @listener_ip. */
static void
set_addresses (LiaisonObservation   *o,
               const LiaisonAddress *client,
               const LiaisonAddress *listener,
               char                  client_ip[LIAISON_ADDRESS_STRLEN],
               char                  listener_ip[LIAISON_ADDRESS_STRLEN])
{
  liaison_address_to_string (client, client_ip);
  liaison_address_to_string (listener, listener_ip);
  o->client_ip = client_ip;
  o->listener_ip = listener_ip;
}

/**
 * liaison_observation_batch_add:
 * @o: the observation; its addresses are filled in here, when it goes to
 *   the store
 *
 * Adds one observation of @client and @listener.
 */
gboolean
liaison_observation_batch_add (LiaisonObservationBatch  *batch,
                               const LiaisonAddress     *client,
                               const LiaisonAddress     *listener,
                               LiaisonObservation       *o,
                               GError                  **error)
{
  char client_ip[LIAISON_ADDRESS_STRLEN];
  char listener_ip[LIAISON_ADDRESS_STRLEN];
  Identity key;
  Identity *identity = NULL;

  /* With rows in the table before the batch, the store looks up each
   * observation's rows itself: a second lookup here would cost as much as
   * what holding the new rows saves, unless the batch looks up. */
  if (!observation_identity (batch, client, listener, o, &key))
    goto in_texts;
  if (!batch->fresh && !batch->look_up)
    goto in_table;

  identity = g_hash_table_lookup (batch->identities, &key);
  if (identity == NULL && !batch->fresh)
    {
      gboolean any_rows = FALSE;

      /* Not one of the batch's: the table's rows, if it has any, take it.
       * A known process may add a row beside them, after the rows held. */
      if ((o->process != NULL && *o->process != '\0' && !liaison_observation_batch_flush (batch, error)) ||
          !liaison_store_observe_existing (batch->store, &key.client, &key.listener, o, &any_rows, error))
        return FALSE;
      if (any_rows)
        return TRUE;
    }
  if (identity == NULL)
    {
      identity = g_memdup2 (&key, sizeof key);
      g_hash_table_add (batch->identities, identity);
    }
  if (o->client_device != NULL || o->listener_device != NULL)
    identity->named_device = TRUE;
  if (o->client_device != NULL)
    {
      if (identity->client_device == NULL)
        identity->client_device = intern (batch, o->client_device);
      else if (strcmp (identity->client_device, o->client_device) != 0)
        batch->devices_differ = TRUE;
    }
  if (identity->written)
    goto in_table;

  if (!liaison_store_ensure_device (batch->store, o->client_device, error) ||
      !liaison_store_ensure_device (batch->store, o->listener_device, error))
    return FALSE;

  if (identity->first_row == 0 && batch->held->len >= NEW_ROWS_HELD_MAX &&
      !liaison_observation_batch_flush (batch, error))
    return FALSE;

  held_rows_observe (batch, identity, o);
  return TRUE;

in_table:
  return liaison_observation_batch_flush (batch, error) &&
         liaison_store_observe_addresses (batch->store, &key.client, &key.listener, o, error);

in_texts:
  /* no pair of addresses: the store says so */
  set_addresses (o, client, listener, client_ip, listener_ip);
  return liaison_observation_batch_flush (batch, error) &&
         liaison_store_observe_communication (batch->store, o, error);
}

/**
 * liaison_observation_batch_client_device:
 * @o: the port, protocol and scope of the identity
 * @device: (out): the client device the batch's observations of the
 *   identity named, %NULL for none
 *
 * Tells the client device of a row of the identity of @client, @listener
 * and @o, when the batch knows it without a lookup: the table had no row
 * before the batch, so the batch's rows are all there are, and none of
 * its identities was named two client devices.
 *
 * Returns: %FALSE when the batch cannot tell
 */
gboolean
liaison_observation_batch_client_device (LiaisonObservationBatch   *batch,
                                         const LiaisonAddress      *client,
                                         const LiaisonAddress      *listener,
                                         const LiaisonObservation  *o,
                                         const char               **device)
{
  const Identity *identity;
  Identity key;

  if (!batch->fresh || batch->devices_differ ||
      !observation_identity (batch, client, listener, o, &key))
    return FALSE;

  /* Addresses as given: a lookup in the table would look for them so. */
  identity = g_hash_table_lookup (batch->identities, &key);
  if (identity == NULL ||
      !liaison_address_equal (&key.client, client) ||
      !liaison_address_equal (&key.listener, listener))
    return FALSE;

  *device = identity->client_device;
  return TRUE;
}

/**
 * liaison_observation_batch_made_without_devices:
 * @o: the port, protocol and scope of the identity
 *
 * Whether the rows of the identity of @client, @listener and @o are all
 * the batch's own and none of its observations named a device: then the
 * rows name no device, and the store needs no lookup to tell.
 */
gboolean
liaison_observation_batch_made_without_devices (LiaisonObservationBatch   *batch,
                                                const LiaisonAddress      *client,
                                                const LiaisonAddress      *listener,
                                                const LiaisonObservation  *o)
{
  const Identity *identity;
  Identity key;

  if ((!batch->fresh && !batch->look_up) || !observation_identity (batch, client, listener, o, &key))
    return FALSE;

  identity = g_hash_table_lookup (batch->identities, &key);
  return identity != NULL && !identity->named_device;
}
