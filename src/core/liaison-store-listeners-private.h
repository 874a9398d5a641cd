/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-listener-set-private.h"
#include "liaison-store.h"
#include "liaison-time.h"

G_BEGIN_DECLS

/* The listeners netstat found on each host, and those of the service
 * communications entered by hand (table `listener`). */

gboolean liaison_store_add_listener          (LiaisonStore          *self,
                                              const char            *host,
                                              const LiaisonAddress  *address,
                                              guint16                port,
                                              guint8                 protocol,
                                              LiaisonTime            time,
                                              GError               **error);
gboolean liaison_store_load_host_listeners   (LiaisonStore          *self,
                                              const char            *host,
                                              LiaisonListenerSet    *set,
                                              GError               **error);
gboolean liaison_store_load_known_listeners  (LiaisonStore          *self,
                                              LiaisonListenerSet    *set,
                                              GError               **error);

G_END_DECLS
