/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-address.h"
#include "liaison-statistics.h"
#include "liaison-store.h"

G_BEGIN_DECLS

/* Which records to read, checked: all-zero reads every record. */
typedef struct
{
  gboolean    by_listener;
  guint8      listener_key[LIAISON_ADDRESS_KEY_LEN];
  guint       port;               /* 0: any */
  const char *protocol;           /* NULL: any; else "tcp" or "udp" */
} LiaisonRecordFilter;

gboolean liaison_store_newest_window_end    (LiaisonStore               *self,
                                             LiaisonTime                *end,
                                             GError                    **error);
gboolean liaison_store_foreach_stat_record  (LiaisonStore               *self,
                                             const LiaisonRecordFilter  *filter,
                                             LiaisonStatRecordFunc       func,
                                             gpointer                    user_data,
                                             GError                    **error);
gboolean liaison_store_foreach_classic      (LiaisonStore               *self,
                                             const LiaisonRecordFilter  *filter,
                                             LiaisonClassicRecordFunc    func,
                                             gpointer                    user_data,
                                             GError                    **error);

G_END_DECLS
