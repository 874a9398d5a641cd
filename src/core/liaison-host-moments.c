/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-statistics"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-error.h"
#include "liaison-host-moments-private.h"
#include "liaison-runs-private.h"
#include "liaison-store-runs-private.h"

/*
 * A host's sample moments, read from the store a chunk at a time as a
 * search walks through them, with the sets of listeners they name decoded
 * once. A listener is discovered at a moment when the moment's set covers
 * it (a wildcard covers every address of its port, statistics.md 3.2);
 * with no listener, every moment counts (classic records, 3.4).
 *
 * A chunk holds at most MAX_CHUNK moments (about 400 bytes); a moment
 * added to a full chunk splits it in two.
 */

#define MAX_CHUNK 96

typedef struct
{
  LiaisonTime time;
  gint64      set;
} Moment;

typedef struct
{
  LiaisonTime start;
  GArray     *moments;   /* Moment, time order */
} Chunk;

struct _LiaisonHostMoments
{
  LiaisonStore *store;
  char         *host;
  GHashTable   *chunks;  /* start -> Chunk, as read */
  GHashTable   *sets;    /* set id -> LiaisonListenerSet */
  GByteArray   *buffer;
};

static void
chunk_free (gpointer data)
{
  Chunk *chunk = data;

  g_array_unref (chunk->moments);
  g_free (chunk);
}

static void
set_free (gpointer data)
{
  LiaisonListenerSet *set = data;

  liaison_listener_set_clear (set);
  g_free (set);
}

LiaisonHostMoments *
liaison_host_moments_new (LiaisonStore *store,
                          const char   *host)
{
  LiaisonHostMoments *self = g_new0 (LiaisonHostMoments, 1);

  self->store = g_object_ref (store);
  self->host = g_strdup (host);
  self->chunks = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, chunk_free);
  self->sets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, set_free);
  self->buffer = g_byte_array_new ();
  return self;
}

void
liaison_host_moments_free (LiaisonHostMoments *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->chunks, g_hash_table_unref);
  g_clear_pointer (&self->sets, g_hash_table_unref);
  g_clear_pointer (&self->buffer, g_byte_array_unref);
  g_clear_object (&self->store);
  g_free (self->host);
  g_free (self);
}

static gboolean
damaged (LiaisonHostMoments  *self,
         GError             **error)
{
  g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE,
               _("%s: the database is damaged: the netstat sample moments of “%s” cannot be read"),
               liaison_store_get_path (self->store), self->host);
  return FALSE;
}

/* Reads the chunk @where @time (NULL in *@chunk when there is none). */
static gboolean
read_chunk (LiaisonHostMoments   *self,
            LiaisonTime           time,
            LiaisonMomentsWhere   where,
            Chunk               **chunk,
            GError              **error)
{
  LiaisonTime start;
  const guint8 *p, *end;
  LiaisonTime at;

  *chunk = NULL;
  if (!liaison_store_read_moments (self->store, self->host, time, where, &start, self->buffer, error))
    return FALSE;
  if (start == LIAISON_TIME_NONE)
    return TRUE;

  *chunk = g_hash_table_lookup (self->chunks, &start);
  if (*chunk != NULL)
    return TRUE;

  *chunk = g_new0 (Chunk, 1);
  (*chunk)->start = start;
  (*chunk)->moments = g_array_new (FALSE, FALSE, sizeof (Moment));
  g_hash_table_insert (self->chunks, &(*chunk)->start, *chunk);

  p = self->buffer->data;
  end = p + self->buffer->len;
  at = start;
  while (p < end)
    {
      guint64 delta, set;
      Moment moment;

      if (!liaison_varint_get (&p, end, &delta) || !liaison_varint_get (&p, end, &set) ||
          delta > (guint64) G_MAXINT64 - (guint64) at || set > G_MAXINT64)
        return damaged (self, error);
      at += (gint64) delta;
      moment = (Moment) { at, (gint64) set };
      g_array_append_val ((*chunk)->moments, moment);
    }
  return TRUE;
}

static gboolean
write_chunk (LiaisonHostMoments  *self,
             LiaisonTime          old_start,
             GArray              *moments,
             guint                from,
             guint                to,
             GError             **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  LiaisonTime start = g_array_index (moments, Moment, from).time;
  LiaisonTime at = start;

  for (guint i = from; i < to; i++)
    {
      const Moment *moment = &g_array_index (moments, Moment, i);

      liaison_varint_put (bytes, (guint64) (moment->time - at));
      liaison_varint_put (bytes, (guint64) moment->set);
      at = moment->time;
    }
  return liaison_store_write_moments (self->store, self->host, old_start, start, bytes->data, bytes->len, error);
}

static gboolean
set_id (LiaisonHostMoments        *self,
        const LiaisonListenerSet  *set,
        gint64                    *id,
        GError                   **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();

  liaison_listener_set_to_bytes (set, bytes);
  return liaison_store_discovered_set_id (self->store, self->host, bytes->data, bytes->len, id, error);
}

static const LiaisonListenerSet *
get_set (LiaisonHostMoments  *self,
         gint64               id,
         GError             **error)
{
  LiaisonListenerSet *set = g_hash_table_lookup (self->sets, &id);

  if (set != NULL)
    return set;

  if (!liaison_store_read_discovered_set (self->store, id, self->buffer, error))
    return NULL;
  set = g_new0 (LiaisonListenerSet, 1);
  liaison_listener_set_init (set);
  g_hash_table_insert (self->sets, g_memdup2 (&id, sizeof id), set);
  if (!liaison_listener_set_add_bytes (set, self->buffer->data, self->buffer->len))
    {
      damaged (self, error);
      return NULL;
    }
  return set;
}

/**
 * liaison_host_moments_add:
 * @discovered: the listeners the sample at @time discovered
 *
 * Keeps a sample moment of the host. A second sample at the same moment
 * adds the listeners it discovered to the first's.
 */
gboolean
liaison_host_moments_add (LiaisonHostMoments        *self,
                          LiaisonTime                time,
                          const LiaisonListenerSet  *discovered,
                          GError                   **error)
{
  g_autoptr(GArray) moments = NULL;
  Chunk *chunk;
  Moment moment = { time, 0 };
  LiaisonTime old_start = LIAISON_TIME_NONE;
  guint i;

  if (!read_chunk (self, time, LIAISON_MOMENTS_AT, &chunk, error) ||
      (chunk == NULL && !read_chunk (self, time, LIAISON_MOMENTS_AFTER, &chunk, error)))
    return FALSE;

  if (chunk != NULL)
    {
      old_start = chunk->start;
      moments = g_array_ref (chunk->moments);
    }
  else
    moments = g_array_new (FALSE, FALSE, sizeof (Moment));

  for (i = 0; i < moments->len && g_array_index (moments, Moment, i).time < time; i++)
    ;
  if (i < moments->len && g_array_index (moments, Moment, i).time == time)
    {
      const LiaisonListenerSet *before = get_set (self, g_array_index (moments, Moment, i).set, error);
      LiaisonListenerSet both;
      g_autoptr(GByteArray) bytes = g_byte_array_new ();
      gboolean ok;

      if (before == NULL)
        return FALSE;
      liaison_listener_set_init (&both);
      liaison_listener_set_to_bytes (before, bytes);
      liaison_listener_set_to_bytes (discovered, bytes);
      liaison_listener_set_add_bytes (&both, bytes->data, bytes->len);
      ok = set_id (self, &both, &g_array_index (moments, Moment, i).set, error);
      liaison_listener_set_clear (&both);
      if (!ok)
        return FALSE;
    }
  else
    {
      if (!set_id (self, discovered, &moment.set, error))
        return FALSE;
      g_array_insert_val (moments, i, moment);
    }

  /* The chunks read are stale now. */
  g_hash_table_remove_all (self->chunks);

  if (moments->len <= MAX_CHUNK)
    return write_chunk (self, old_start, moments, 0, moments->len, error);
  return write_chunk (self, old_start, moments, 0, moments->len / 2, error) &&
         write_chunk (self, LIAISON_TIME_NONE, moments, moments->len / 2, moments->len, error);
}

/* A search of the host's moments for those at which @listener was
 * discovered, or for any moment when it is NULL. */
typedef struct
{
  LiaisonHostMoments   *self;
  const LiaisonAddress *listener;
  guint16               port;
  guint8                protocol;
} Search;

static gboolean
counts (const Search  *search,
        const Moment  *moment,
        gboolean      *yes,
        GError       **error)
{
  const LiaisonListenerSet *set;

  *yes = TRUE;
  if (search->listener == NULL)
    return TRUE;
  if ((set = get_set (search->self, moment->set, error)) == NULL)
    return FALSE;
  *yes = liaison_listener_set_covers (set, search->listener, search->port, search->protocol);
  return TRUE;
}

/* Sets *@found to the nearest moment before @time (@where
 * %LIAISON_MOMENTS_BEFORE) or after it (%LIAISON_MOMENTS_AFTER) that
 * @search counts, reading from @chunk on in that direction; it stays
 * %LIAISON_TIME_NONE when there is none. */
static gboolean
nearest (const Search         *search,
         Chunk                *chunk,
         LiaisonTime           time,
         LiaisonMomentsWhere   where,
         LiaisonTime          *found,
         GError              **error)
{
  gboolean yes;

  for (Chunk *c = chunk; c != NULL && *found == LIAISON_TIME_NONE; )
    {
      for (guint k = 0; k < c->moments->len; k++)
        {
          guint i = where == LIAISON_MOMENTS_BEFORE ? c->moments->len - 1 - k : k;
          const Moment *moment = &g_array_index (c->moments, Moment, i);

          if (where == LIAISON_MOMENTS_BEFORE ? moment->time >= time : moment->time <= time)
            continue;
          if (!counts (search, moment, &yes, error))
            return FALSE;
          if (yes)
            {
              *found = moment->time;
              break;
            }
        }
      if (*found == LIAISON_TIME_NONE && !read_chunk (search->self, c->start, where, &c, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * liaison_host_moments_neighbours:
 * @listener: (nullable): a listener of the host, or %NULL for any moment
 * @before: (out): the latest moment before @time at which @listener was
 *   discovered, or %LIAISON_TIME_NONE
 * @after: (out): the earliest such moment after @time, or %LIAISON_TIME_NONE
 */
gboolean
liaison_host_moments_neighbours (LiaisonHostMoments    *self,
                                 LiaisonTime            time,
                                 const LiaisonAddress  *listener,
                                 guint16                port,
                                 guint8                 protocol,
                                 LiaisonTime           *before,
                                 LiaisonTime           *after,
                                 GError               **error)
{
  Search search = { self, listener, port, protocol };
  Chunk *chunk;

  *before = LIAISON_TIME_NONE;
  *after = LIAISON_TIME_NONE;

  return read_chunk (self, time, LIAISON_MOMENTS_AT, &chunk, error) &&
         nearest (&search, chunk, time, LIAISON_MOMENTS_BEFORE, before, error) &&
         (chunk != NULL || read_chunk (self, time, LIAISON_MOMENTS_AFTER, &chunk, error)) &&
         nearest (&search, chunk, time, LIAISON_MOMENTS_AFTER, after, error);
}

/**
 * liaison_host_moments_list:
 * @listener: (nullable): a listener of the host, or %NULL for every moment
 * @times: (element-type LiaisonTime): where the moments are appended
 *
 * Appends, in time order, the host's sample moments at which @listener
 * was discovered.
 */
gboolean
liaison_host_moments_list (LiaisonHostMoments    *self,
                           const LiaisonAddress  *listener,
                           guint16                port,
                           guint8                 protocol,
                           GArray                *times,
                           GError               **error)
{
  Search search = { self, listener, port, protocol };
  Chunk *chunk;
  gboolean yes;

  if (!read_chunk (self, G_MININT64 + 1, LIAISON_MOMENTS_AFTER, &chunk, error))
    return FALSE;
  while (chunk != NULL)
    {
      for (guint i = 0; i < chunk->moments->len; i++)
        {
          const Moment *moment = &g_array_index (chunk->moments, Moment, i);

          if (!counts (&search, moment, &yes, error))
            return FALSE;
          if (yes)
            g_array_append_val (times, moment->time);
        }
      if (!read_chunk (self, chunk->start, LIAISON_MOMENTS_AFTER, &chunk, error))
        return FALSE;
    }
  return TRUE;
}
