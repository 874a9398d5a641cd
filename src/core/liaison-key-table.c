/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-map"

#include "config.h"

#include <string.h>

#include "liaison-key-table.h"

#define INITIAL_SLOTS 1024

static inline guint
hash_key (const guint32 *key,
          guint          words)
{
  guint64 h = 0x9e3779b97f4a7c15u;

  for (guint i = 0; i < words; i++)
    h = (h ^ key[i]) * 0xff51afd7ed558ccdu;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53u;
  h ^= h >> 33;
  return (guint) h;
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

/* Walks the entries: start with *@position 0; FALSE once past the last. */
gboolean
liaison_key_table_next (const LiaisonKeyTable  *table,
                        guint                  *position,
                        const guint32         **key,
                        guint32                *value)
{
  guint words = table->key_words;

  for (; *position <= table->mask; (*position)++)
    {
      const guint32 *slot = table->slots + (gsize) *position * (words + 1);

      if (slot[words] != 0)
        {
          *key = slot;
          if (value != NULL)
            *value = slot[words] - 1;
          (*position)++;
          return TRUE;
        }
    }
  return FALSE;
}
