/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-address.h"

G_BEGIN_DECLS

/*
 * A set of known listeners (statistics.md 3.2 and 4.2): concrete ones, and
 * wildcards per (port, protocol). 0.0.0.0 covers every IPv4 address, ::
 * every address.
 */
typedef struct _LiaisonListenerSet
{
  GHashTable *exact;    /* concrete listeners (owned) */
  GHashTable *wild4;    /* port << 8 | protocol */
  GHashTable *wild6;
} LiaisonListenerSet;

/*
 * One listener of a set: @address is a concrete listener, or %NULL for a
 * wildcard, which covers every address of @port (every IPv4 one when
 * @ipv4_only).
 */
typedef struct
{
  const LiaisonAddress  *address;
  gboolean               ipv4_only;
  guint16                port;
  guint8                 protocol;
} LiaisonListener;

/* Called by liaison_listener_set_foreach() for each listener of a set that
 * no other listener of the set covers. */
typedef gboolean (*LiaisonListenerFunc) (const LiaisonListener  *listener,
                                         gpointer                user_data,
                                         GError                **error);

void     liaison_listener_set_init         (LiaisonListenerSet        *set);
void     liaison_listener_set_clear        (LiaisonListenerSet        *set);
void     liaison_listener_set_add          (LiaisonListenerSet        *set,
                                            const LiaisonAddress      *address,
                                            guint16                    port,
                                            guint8                     protocol);
gboolean liaison_listener_set_is_empty     (const LiaisonListenerSet  *set);
gboolean liaison_listener_set_equal        (const LiaisonListenerSet  *a,
                                            const LiaisonListenerSet  *b);
gboolean liaison_listener_set_covers       (const LiaisonListenerSet  *set,
                                            const LiaisonAddress      *address,
                                            guint16                    port,
                                            guint8                     protocol);
void     liaison_listener_set_add_covering (LiaisonListenerSet        *set,
                                            const LiaisonListenerSet  *from,
                                            const LiaisonAddress      *address,
                                            guint16                    port,
                                            guint8                     protocol);
gboolean liaison_listener_set_foreach      (const LiaisonListenerSet  *set,
                                            LiaisonListenerFunc        func,
                                            gpointer                   user_data,
                                            GError                   **error);

/* A set as bytes, the same bytes for the same set, and back. */
#define LIAISON_LISTENER_ENTRY_LEN (LIAISON_ADDRESS_KEY_LEN + 3)
void     liaison_listener_set_to_bytes     (const LiaisonListenerSet  *set,
                                            GByteArray                *out);
gboolean liaison_listener_set_add_bytes    (LiaisonListenerSet        *set,
                                            const guint8              *data,
                                            gsize                      length);

G_END_DECLS
