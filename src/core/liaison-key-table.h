/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * A hash table of small fixed-size keys (a few 32-bit words, stored in
 * place) to 32-bit values, for the map's counting over a million rows: one
 * block of memory, no allocation per entry, no call through a pointer.
 */
typedef struct
{
  guint    key_words;       /* 1 to LIAISON_KEY_TABLE_MAX_WORDS */
  guint    mask;            /* slots - 1 */
  guint    count;
  guint32 *slots;           /* per slot: the key, then value + 1 (0: empty) */
} LiaisonKeyTable;

#define LIAISON_KEY_TABLE_MAX_WORDS 6

void     liaison_key_table_init   (LiaisonKeyTable       *table,
                                   guint                  key_words);
void     liaison_key_table_clear  (LiaisonKeyTable       *table);
guint32  liaison_key_table_insert (LiaisonKeyTable       *table,
                                   const guint32         *key,
                                   guint32                value,
                                   gboolean              *inserted);
gboolean liaison_key_table_lookup (const LiaisonKeyTable *table,
                                   const guint32         *key,
                                   guint32               *value);
gboolean liaison_key_table_next   (const LiaisonKeyTable *table,
                                   guint                 *position,
                                   const guint32        **key,
                                   guint32               *value);

G_END_DECLS
