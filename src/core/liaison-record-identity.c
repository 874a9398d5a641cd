/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-statistics"

#include "config.h"

#include <stddef.h>
#include <string.h>

#include "liaison-record-identity-private.h"

/* @client: (nullable): none, for a listener */
LiaisonRecordIdentity *
liaison_record_identity_new (const LiaisonAddress *listener,
                             guint16               port,
                             guint8                protocol,
                             const LiaisonAddress *client,
                             const char           *scope)
{
  gsize scope_length = scope != NULL ? strlen (scope) : 0;
  LiaisonRecordIdentity *identity = g_malloc0 (sizeof (LiaisonRecordIdentity) + scope_length + 1);

  liaison_address_to_key (listener, identity->listener);
  if (client != NULL)
    liaison_address_to_key (client, identity->client);
  identity->port[0] = port >> 8;
  identity->port[1] = port & 0xff;
  identity->protocol = protocol;
  if (scope_length > 0)
    memcpy (identity->scope, scope, scope_length);
  return identity;
}

guint
liaison_record_identity_hash (gconstpointer data)
{
  const LiaisonRecordIdentity *identity = data;
  guint hash = g_str_hash (identity->scope);

  for (gsize i = 0; i < offsetof (LiaisonRecordIdentity, scope); i++)
    hash = hash * 31 + ((const guint8 *) identity)[i];
  return hash;
}

gboolean
liaison_record_identity_equal (gconstpointer a,
                               gconstpointer b)
{
  const LiaisonRecordIdentity *x = a;
  const LiaisonRecordIdentity *y = b;

  return memcmp (x, y, offsetof (LiaisonRecordIdentity, scope)) == 0 && strcmp (x->scope, y->scope) == 0;
}

/* The order of the records' identity index: listener, port, protocol, client. */
int
liaison_pair_key_compare (const PairKey *x,
                          const PairKey *y)
{
  int c;

  if ((c = liaison_address_compare (&x->listener, &y->listener)) != 0)
    return c;
  if (x->port != y->port)
    return x->port < y->port ? -1 : 1;
  if (x->protocol != y->protocol)
    return x->protocol < y->protocol ? -1 : 1;
  return liaison_address_compare (&x->client, &y->client);
}
