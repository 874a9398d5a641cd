/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-address.h"

G_BEGIN_DECLS

/*
 * A statistics record's identity (listener, port, protocol, client, scope),
 * or a listener's (no client, scope ""), as the key of a hash table:
 * liaison_record_identity_hash() and liaison_record_identity_equal(),
 * freed with g_free().
 */
typedef struct
{
  guint8 listener[LIAISON_ADDRESS_KEY_LEN];
  guint8 client[LIAISON_ADDRESS_KEY_LEN];
  guint8 port[2];
  guint8 protocol;
  char   scope[];               /* "" for a listener */
} LiaisonRecordIdentity;

/* A (client, listener) pair: the identity of its statistics record, but
 * for its scope, as the netflow and netstat samples gather their counts. */
typedef struct
{
  LiaisonAddress listener;
  LiaisonAddress client;
  guint16        port;
  guint8         protocol;
} PairKey;

LiaisonRecordIdentity *liaison_record_identity_new   (const LiaisonAddress *listener,
                                                      guint16               port,
                                                      guint8                protocol,
                                                      const LiaisonAddress *client,
                                                      const char           *scope);
guint                  liaison_record_identity_hash  (gconstpointer         identity);
gboolean               liaison_record_identity_equal (gconstpointer         a,
                                                      gconstpointer         b);

int                    liaison_pair_key_compare      (const PairKey        *x,
                                                      const PairKey        *y);

G_END_DECLS
