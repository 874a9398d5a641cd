/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Hash tables for the map's counting over a million rows: small keys stored
 * in place, one block of memory, no allocation per entry, no call through a
 * pointer.
 *
 * LiaisonKeyTable: keys of a few 32-bit words, to 32-bit values.
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


/*
 * The same for keys of one 64-bit word (not 0), kept apart from the values
 * so that a set (@with_values FALSE) takes 8 bytes a slot: the map's set
 * of a million address pairs then mostly stays in the processor's cache.
 */
typedef struct
{
  guint    mask;
  guint    count;
  guint64 *keys;           /* 0: empty */
  guint32 *values;         /* NULL for a set */
} LiaisonIdTable;

void     liaison_id_table_init   (LiaisonIdTable       *table,
                                  gboolean              with_values);
void     liaison_id_table_clear  (LiaisonIdTable       *table);
guint32  liaison_id_table_insert (LiaisonIdTable       *table,
                                  guint64               key,
                                  guint32               value,
                                  gboolean             *inserted);
gboolean liaison_id_table_lookup (const LiaisonIdTable *table,
                                  guint64               key,
                                  guint32              *value);


/*
 * Keys of three numbers (a, b, c), c below 2^18: packed in one word in a
 * LiaisonIdTable while a and b are below 2^23 (every map of this world),
 * else in a LiaisonKeyTable. Each key always goes to the same one.
 */
typedef struct
{
  LiaisonIdTable  narrow;
  LiaisonKeyTable wide;
} LiaisonTripleTable;

void     liaison_triple_table_init   (LiaisonTripleTable       *table,
                                      gboolean                  with_values);
void     liaison_triple_table_clear  (LiaisonTripleTable       *table);
guint32  liaison_triple_table_insert (LiaisonTripleTable       *table,
                                      guint                     a,
                                      guint                     b,
                                      guint                     c,
                                      guint32                   value,
                                      gboolean                 *inserted);
gboolean liaison_triple_table_lookup (const LiaisonTripleTable *table,
                                      guint                     a,
                                      guint                     b,
                                      guint                     c,
                                      guint32                  *value);

G_END_DECLS
