/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-map"

#include "config.h"

#include <string.h>

#include "liaison-key-table-private.h"

#define INITIAL_SLOTS 1024
#define INITIAL_ID_SLOTS 16

/* MurmurHash3's finalizer: every bit of @h moves every bit of the result. */
static inline guint
mix (guint64 h)
{
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdu;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53u;
  h ^= h >> 33;
  return (guint) h;
}

static inline guint
hash_key (const guint32 *key,
          guint          words)
{
  guint64 h = 0x9e3779b97f4a7c15u;

  for (guint i = 0; i < words; i++)
    h = (h ^ key[i]) * 0xff51afd7ed558ccdu;
  return mix (h);
}

void
liaison_key_table_init (LiaisonKeyTable *table,
                        guint            key_words)
{
  g_return_if_fail (key_words >= 1 && key_words <= LIAISON_KEY_TABLE_MAX_WORDS);

  table->key_words = key_words;
  table->mask = INITIAL_SLOTS - 1;
  table->count = 0;
  table->slots = g_new0 (guint32, (gsize) INITIAL_SLOTS * (key_words + 1));
}

void
liaison_key_table_clear (LiaisonKeyTable *table)
{
  g_clear_pointer (&table->slots, g_free);
  table->count = 0;
}

static inline guint32 *
find_slot (guint32       *slots,
           guint          mask,
           guint          words,
           const guint32 *key)
{
  guint i = hash_key (key, words) & mask;

  for (;;)
    {
      guint32 *slot = slots + (gsize) i * (words + 1);

      if (slot[words] == 0 || memcmp (slot, key, words * sizeof (guint32)) == 0)
        return slot;
      i = (i + 1) & mask;
    }
}

static void
grow (LiaisonKeyTable *table)
{
  guint words = table->key_words;
  guint old_slots = table->mask + 1;
  guint new_mask = old_slots * 2 - 1;
  guint32 *slots = g_new0 (guint32, (gsize) (new_mask + 1) * (words + 1));

  for (guint i = 0; i < old_slots; i++)
    {
      const guint32 *old = table->slots + (gsize) i * (words + 1);

      if (old[words] != 0)
        memcpy (find_slot (slots, new_mask, words, old), old, (words + 1) * sizeof (guint32));
    }
  g_free (table->slots);
  table->slots = slots;
  table->mask = new_mask;
}

/* The value of @key; when there is none, @key is added with @value (less
 * than G_MAXUINT32) and @inserted set. */
guint32
liaison_key_table_insert (LiaisonKeyTable *table,
                          const guint32   *key,
                          guint32          value,
                          gboolean        *inserted)
{
  guint words = table->key_words;
  guint32 *slot;

  g_return_val_if_fail (value < G_MAXUINT32, 0);

  slot = find_slot (table->slots, table->mask, words, key);
  if (slot[words] != 0)
    {
      if (inserted != NULL)
        *inserted = FALSE;
      return slot[words] - 1;
    }

  memcpy (slot, key, words * sizeof (guint32));
  slot[words] = value + 1;
  if (inserted != NULL)
    *inserted = TRUE;
  /* At most three quarters full. */
  if (++table->count * 4 > (table->mask + 1) * 3)
    grow (table);
  return value;
}

gboolean
liaison_key_table_lookup (const LiaisonKeyTable *table,
                          const guint32         *key,
                          guint32               *value)
{
  const guint32 *slot = find_slot (table->slots, table->mask, table->key_words, key);

  if (slot[table->key_words] == 0)
    return FALSE;
  if (value != NULL)
    *value = slot[table->key_words] - 1;
  return TRUE;
}

/* One-word keys ------------------------------------------------------------ */

void
liaison_id_table_init (LiaisonIdTable *table,
                       gboolean        with_values)
{
  table->mask = INITIAL_ID_SLOTS - 1;
  table->count = 0;
  table->keys = g_new0 (guint64, INITIAL_ID_SLOTS);
  table->values = with_values ? g_new (guint32, INITIAL_ID_SLOTS) : NULL;
}

void
liaison_id_table_clear (LiaisonIdTable *table)
{
  g_clear_pointer (&table->keys, g_free);
  g_clear_pointer (&table->values, g_free);
  table->count = 0;
}

static inline guint
find_id (const guint64 *keys,
         guint          mask,
         guint64        key)
{
  guint i = mix (key) & mask;

  while (keys[i] != 0 && keys[i] != key)
    i = (i + 1) & mask;
  return i;
}

static void
grow_ids (LiaisonIdTable *table)
{
  guint old_slots = table->mask + 1;
  guint new_mask = old_slots * 2 - 1;
  guint64 *keys = g_new0 (guint64, (gsize) new_mask + 1);
  guint32 *values = table->values != NULL ? g_new (guint32, (gsize) new_mask + 1) : NULL;

  for (guint i = 0; i < old_slots; i++)
    if (table->keys[i] != 0)
      {
        guint at = find_id (keys, new_mask, table->keys[i]);

        keys[at] = table->keys[i];
        if (values != NULL)
          values[at] = table->values[i];
      }
  g_free (table->keys);
  g_free (table->values);
  table->keys = keys;
  table->values = values;
  table->mask = new_mask;
}

/* The value of @key (not 0); when there is none, @key is added with @value
 * and @inserted set. A set returns 0. */
guint32
liaison_id_table_insert (LiaisonIdTable *table,
                         guint64         key,
                         guint32         value,
                         gboolean       *inserted)
{
  guint at = find_id (table->keys, table->mask, key);

  if (table->keys[at] != 0)
    {
      if (inserted != NULL)
        *inserted = FALSE;
      return table->values != NULL ? table->values[at] : 0;
    }

  table->keys[at] = key;
  if (table->values != NULL)
    table->values[at] = value;
  if (inserted != NULL)
    *inserted = TRUE;
  if (++table->count * 4 > (table->mask + 1) * 3)
    grow_ids (table);
  return table->values != NULL ? value : 0;
}

gboolean
liaison_id_table_lookup (const LiaisonIdTable *table,
                         guint64               key,
                         guint32              *value)
{
  guint at = find_id (table->keys, table->mask, key);

  if (table->keys[at] == 0)
    return FALSE;
  if (value != NULL && table->values != NULL)
    *value = table->values[at];
  return TRUE;
}

/* Three numbers ------------------------------------------------------------ */

#define NARROW_LIMIT (1u << 23)

static inline gboolean
pack (guint    a,
      guint    b,
      guint    c,
      guint64 *key)
{
  if (a >= NARROW_LIMIT || b >= NARROW_LIMIT)
    return FALSE;
  /* c + 1 so that no key is 0. */
  *key = (guint64) a << 41 | (guint64) b << 18 | (c + 1);
  return TRUE;
}

void
liaison_triple_table_init (LiaisonTripleTable *table,
                           gboolean            with_values)
{
  liaison_id_table_init (&table->narrow, with_values);
  liaison_key_table_init (&table->wide, 3);
}

void
liaison_triple_table_clear (LiaisonTripleTable *table)
{
  liaison_id_table_clear (&table->narrow);
  liaison_key_table_clear (&table->wide);
}

guint32
liaison_triple_table_insert (LiaisonTripleTable *table,
                             guint               a,
                             guint               b,
                             guint               c,
                             guint32             value,
                             gboolean           *inserted)
{
  guint32 words[3] = { a, b, c };
  guint64 key;

  g_return_val_if_fail (c < (1u << 18) - 1, 0);

  if (pack (a, b, c, &key))
    return liaison_id_table_insert (&table->narrow, key, value, inserted);
  return liaison_key_table_insert (&table->wide, words, table->narrow.values != NULL ? value : 0, inserted);
}

gboolean
liaison_triple_table_lookup (const LiaisonTripleTable *table,
                             guint                     a,
                             guint                     b,
                             guint                     c,
                             guint32                  *value)
{
  guint32 words[3] = { a, b, c };
  guint64 key;

  if (pack (a, b, c, &key))
    return liaison_id_table_lookup (&table->narrow, key, value);
  return liaison_key_table_lookup (&table->wide, words, value);
}
