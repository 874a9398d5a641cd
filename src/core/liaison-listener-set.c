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

/* Whether @a and @b hold the same listeners: their bytes are the same. */
gboolean
liaison_listener_set_equal (const LiaisonListenerSet *a,
                            const LiaisonListenerSet *b)
{
  g_autoptr(GByteArray) x = g_byte_array_new ();
  g_autoptr(GByteArray) y = g_byte_array_new ();

  liaison_listener_set_to_bytes (a, x);
  liaison_listener_set_to_bytes (b, y);
  return x->len == y->len && (x->len == 0 || memcmp (x->data, y->data, x->len) == 0);
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
      LiaisonListener listener = { &e->address, FALSE, e->port, e->protocol };

      if (!func (&listener, user_data, error))
        return FALSE;
    }

  /* The wildcards on ::, then those on 0.0.0.0 that no :: covers. */
  for (gboolean ipv4 = FALSE; ipv4 <= TRUE; ipv4++)
    {
      g_hash_table_iter_init (&iter, ipv4 ? set->wild4 : set->wild6);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          guint pp = GPOINTER_TO_UINT (key);
          LiaisonListener listener = { NULL, ipv4, pp >> 8, pp & 0xff };

          if (ipv4 && g_hash_table_contains (set->wild6, key))
            continue;
          if (!func (&listener, user_data, error))
            return FALSE;
        }
    }

  return TRUE;
}

static void
put_entry (GArray               *entries,
           const LiaisonAddress *address,
           guint                 port,
           guint                 protocol)
{
  guint8 entry[LIAISON_LISTENER_ENTRY_LEN];

  liaison_address_to_key (address, entry);
  entry[LIAISON_ADDRESS_KEY_LEN] = port >> 8;
  entry[LIAISON_ADDRESS_KEY_LEN + 1] = port & 0xff;
  entry[LIAISON_ADDRESS_KEY_LEN + 2] = protocol;
  g_array_append_vals (entries, entry, 1);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  return memcmp (a, b, LIAISON_LISTENER_ENTRY_LEN);
}

static void
put_wildcards (GArray     *entries,
               GHashTable *wild,
               guint8      family)
{
  GHashTableIter iter;
  gpointer key;
  LiaisonAddress any;

  memset (&any, 0, sizeof any);
  any.family = family;
  g_hash_table_iter_init (&iter, wild);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    put_entry (entries, &any, GPOINTER_TO_UINT (key) >> 8, GPOINTER_TO_UINT (key) & 0xff);
}

/**
 * liaison_listener_set_to_bytes:
 * @out: where the bytes are appended
 *
 * Appends the listeners of @set, each as LIAISON_LISTENER_ENTRY_LEN bytes
 * (its address's key, a wildcard as 0.0.0.0 or ::, then port and protocol)
 * in byte order, so that equal sets give equal bytes.
 */
void
liaison_listener_set_to_bytes (const LiaisonListenerSet *set,
                               GByteArray               *out)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, LIAISON_LISTENER_ENTRY_LEN);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, set->exact);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const Endpoint *e = key;

      put_entry (entries, &e->address, e->port, e->protocol);
    }
  put_wildcards (entries, set->wild4, 4);
  put_wildcards (entries, set->wild6, 6);

  g_array_sort (entries, compare_entries);
  g_byte_array_append (out, (const guint8 *) entries->data, entries->len * LIAISON_LISTENER_ENTRY_LEN);
}

/* Adds the listeners of liaison_listener_set_to_bytes()'s bytes to @set;
 * FALSE when they are not such bytes. */
gboolean
liaison_listener_set_add_bytes (LiaisonListenerSet *set,
                                const guint8       *data,
                                gsize               length)
{
  if (length % LIAISON_LISTENER_ENTRY_LEN != 0)
    return FALSE;

  for (gsize i = 0; i < length; i += LIAISON_LISTENER_ENTRY_LEN)
    {
      const guint8 *entry = data + i;
      LiaisonAddress address;

      if (entry[0] != 4 && entry[0] != 6)
        return FALSE;
      memset (&address, 0, sizeof address);
      address.family = entry[0];
      memcpy (address.bytes, entry + 1, 16);
      liaison_listener_set_add (set, &address, (entry[LIAISON_ADDRESS_KEY_LEN] << 8) | entry[LIAISON_ADDRESS_KEY_LEN + 1],
                                entry[LIAISON_ADDRESS_KEY_LEN + 2]);
    }
  return TRUE;
}
