/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-statistics"

#include "config.h"

#include <string.h>

#include "liaison-listener-set-private.h"

typedef struct
{
  LiaisonAddress address;
  guint16        port;
  guint8         protocol;
} Endpoint;

static guint
endpoint_hash (gconstpointer data)
{
  const Endpoint *e = data;

  return liaison_address_hash (&e->address) ^ ((guint) e->port * 2654435761u) ^ e->protocol;
}

static gboolean
endpoint_equal (gconstpointer a,
                gconstpointer b)
{
  const Endpoint *x = a;
  const Endpoint *y = b;

  return x->port == y->port && x->protocol == y->protocol &&
         liaison_address_equal (&x->address, &y->address);
}

#define PORT_PROTOCOL(port, protocol) GUINT_TO_POINTER (((guint) (port) << 8) | (protocol))

void
liaison_listener_set_init (LiaisonListenerSet *set)
{
  set->exact = g_hash_table_new_full (endpoint_hash, endpoint_equal, g_free, NULL);
  set->wild4 = g_hash_table_new (NULL, NULL);
  set->wild6 = g_hash_table_new (NULL, NULL);
}

void
liaison_listener_set_clear (LiaisonListenerSet *set)
{
  g_clear_pointer (&set->exact, g_hash_table_unref);
  g_clear_pointer (&set->wild4, g_hash_table_unref);
  g_clear_pointer (&set->wild6, g_hash_table_unref);
}

void
liaison_listener_set_add (LiaisonListenerSet   *set,
                          const LiaisonAddress *address,
                          guint16               port,
                          guint8                protocol)
{
  if (liaison_address_is_any (address))
    {
      g_hash_table_add (address->family == 4 ? set->wild4 : set->wild6,
                        PORT_PROTOCOL (port, protocol));
    }
  else
    {
      Endpoint *e = g_new0 (Endpoint, 1);

      e->address = *address;
      e->port = port;
      e->protocol = protocol;
      g_hash_table_add (set->exact, e);
    }
}

static gboolean
has_exact (const LiaisonListenerSet *set,
           const LiaisonAddress     *address,
           guint16                   port,
           guint8                    protocol)
{
  Endpoint e;

  if (g_hash_table_size (set->exact) == 0)
    return FALSE;

  memset (&e, 0, sizeof e);
  e.address = *address;
  e.port = port;
  e.protocol = protocol;
  return g_hash_table_contains (set->exact, &e);
}

/* Whether the set has no listener at all. */
gboolean
liaison_listener_set_is_empty (const LiaisonListenerSet *set)
{
  return g_hash_table_size (set->exact) == 0 && g_hash_table_size (set->wild4) == 0 &&
         g_hash_table_size (set->wild6) == 0;
}

gboolean
liaison_listener_set_covers (const LiaisonListenerSet *set,
                             const LiaisonAddress     *address,
                             guint16                   port,
                             guint8                    protocol)
{
  gpointer pp = PORT_PROTOCOL (port, protocol);

  if (has_exact (set, address, port, protocol))
    return TRUE;
  if (address->family == 4 && g_hash_table_contains (set->wild4, pp))
    return TRUE;
  return g_hash_table_contains (set->wild6, pp);
}

/* Adds to @set the listeners of @from that cover the address. */
void
liaison_listener_set_add_covering (LiaisonListenerSet       *set,
                                   const LiaisonListenerSet *from,
                                   const LiaisonAddress     *address,
                                   guint16                   port,
                                   guint8                    protocol)
{
  gpointer pp = PORT_PROTOCOL (port, protocol);

  if (has_exact (from, address, port, protocol))
    liaison_listener_set_add (set, address, port, protocol);
  if (address->family == 4 && g_hash_table_contains (from->wild4, pp))
    g_hash_table_add (set->wild4, pp);
  if (g_hash_table_contains (from->wild6, pp))
    g_hash_table_add (set->wild6, pp);
}

/**
 * liaison_listener_set_foreach:
 *
 * Calls @func for the listeners of @set that no wildcard of @set covers:
 * the concrete ones, then those on ::, then those on 0.0.0.0. Each address
 * a listener of the set covers is thus covered by exactly one call. Stops
 * at the first call that returns %FALSE.
 */
gboolean
liaison_listener_set_foreach (const LiaisonListenerSet  *set,
                              LiaisonListenerFunc        func,
                              gpointer                   user_data,
                              GError                   **error)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, set->exact);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const Endpoint *e = key;
      gpointer pp = PORT_PROTOCOL (e->port, e->protocol);

      if (g_hash_table_contains (set->wild6, pp) ||
          (e->address.family == 4 && g_hash_table_contains (set->wild4, pp)))
        continue;
      if (!func (&e->address, FALSE, e->port, e->protocol, user_data, error))
        return FALSE;
    }

  g_hash_table_iter_init (&iter, set->wild6);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint pp = GPOINTER_TO_UINT (key);

      if (!func (NULL, FALSE, pp >> 8, pp & 0xff, user_data, error))
        return FALSE;
    }

  g_hash_table_iter_init (&iter, set->wild4);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint pp = GPOINTER_TO_UINT (key);

      if (g_hash_table_contains (set->wild6, key))
        continue;
      if (!func (NULL, TRUE, pp >> 8, pp & 0xff, user_data, error))
        return FALSE;
    }

  return TRUE;
}
