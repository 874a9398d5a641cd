/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-map"

#include "config.h"

#include <string.h>

#include "liaison-error.h"
#include "liaison-map-reader-private.h"
#include "liaison-store-map-private.h"
#include "liaison-store-private.h"

/*
 * Reading a million rows out of SQLite takes longer than summing them into
 * the map, so the statistics records and the service communications are
 * read on two threads of their own, side by side, each with its own
 * connection to the database (WAL lets readers run together), and handed
 * to the calling thread in batches as they come: the map does not depend
 * on the order of its rows (liaison-map.c). A reader runs at most BATCHES
 * batches ahead.
 *
 * Inside a transaction the other connections would not see what it
 * changed: then the rows are read on the calling thread.
 */

#define BATCH_ROWS 2048
#define BATCHES 4
#define NO_TEXT G_MAXUINT32

typedef struct _Reader Reader;

typedef struct
{
  Reader       *reader;
  LiaisonMapRow rows[BATCH_ROWS];
  guint8        keys[BATCH_ROWS][2][LIAISON_ADDRESS_KEY_LEN];
  guint32       scopes[BATCH_ROWS];        /* offsets in text: a loopback row's host */
  GByteArray   *text;
  guint         n;
  gboolean      last;                      /* the reader is done */
  GError       *error;                     /* why it stopped early */
} Batch;

struct _Reader
{
  char          *path;
  gboolean       communications;           /* else statistics records */
  const LiaisonMapRange *range;     /* the caller's, or NULL */
  GCancellable  *cancellable;
  GAsyncQueue   *full;                     /* Batch, to the calling thread (shared) */
  GAsyncQueue   *empty;                    /* Batch, back to this reader */
  Batch         *batch;                    /* being filled */
  int           *abort;                    /* set by the calling thread */
  GThread       *thread;
  Batch          batches[BATCHES];
};

static guint32
add_scope (Batch      *batch,
           guint       row,
           const char *scope)
{
  guint32 offset;

  if (scope[0] == '\0')
    return NO_TEXT;
  /* Rows of one sample share their host: keep the previous row's. */
  if (row > 0 && batch->scopes[row - 1] != NO_TEXT &&
      strcmp ((const char *) batch->text->data + batch->scopes[row - 1], scope) == 0)
    return batch->scopes[row - 1];

  offset = batch->text->len;
  g_byte_array_append (batch->text, (const guint8 *) scope, (guint) strlen (scope) + 1);
  return offset;
}

static gboolean
on_row (const LiaisonMapRow  *row,
        gpointer              user_data,
        GError              **error)
{
  Reader *reader = user_data;
  Batch *batch = reader->batch;
  guint i = batch->n;

  /* The calling thread failed and has its own error: this one is dropped. */
  if (g_atomic_int_get (reader->abort))
    {
      g_set_error_literal (error, LIAISON_ERROR, LIAISON_ERROR_CANCELLED, "stopped");
      return FALSE;
    }

  batch->rows[i] = *row;
  /* Runs and host are the reading thread's, and the map needs only seen. */
  batch->rows[i].runs = NULL;
  batch->rows[i].n_runs = 0;
  batch->rows[i].ns_host = NULL;
  memcpy (batch->keys[i][0], row->client_key, LIAISON_ADDRESS_KEY_LEN);
  memcpy (batch->keys[i][1], row->listener_key, LIAISON_ADDRESS_KEY_LEN);
  batch->scopes[i] = add_scope (batch, i, row->scope);

  if (++batch->n == BATCH_ROWS)
    {
      g_async_queue_push (reader->full, batch);
      reader->batch = batch = g_async_queue_pop (reader->empty);
      batch->n = 0;
      g_byte_array_set_size (batch->text, 0);
    }
  return TRUE;
}

static gpointer
reader_thread (gpointer data)
{
  Reader *reader = data;
  g_autoptr(LiaisonStore) store = NULL;
  GError *error = NULL;
  gboolean ok;

  store = liaison_store_open_existing (reader->path, &error);
  ok = store != NULL && liaison_store_map_open_reader (store, &error) &&
       (reader->communications
        ? liaison_store_map_foreach_communication (store, reader->range, reader->range != NULL,
                                                   on_row, reader, reader->cancellable, &error)
        : liaison_store_map_foreach_record (store, reader->range, reader->range != NULL,
                                            on_row, reader, reader->cancellable, &error));

  reader->batch->last = TRUE;
  reader->batch->error = ok ? NULL : error;
  g_async_queue_push (reader->full, reader->batch);
  return NULL;
}

static void
reader_start (Reader                *reader,
              const char            *path,
              gboolean               communications,
              const LiaisonMapRange *range,
              GAsyncQueue           *full,
              GCancellable          *cancellable,
              int                   *abort)
{
  memset (reader, 0, sizeof *reader);
  reader->path = g_strdup (path);
  reader->communications = communications;
  reader->range = range;
  reader->cancellable = cancellable;
  reader->abort = abort;
  reader->full = g_async_queue_ref (full);
  reader->empty = g_async_queue_new ();
  for (guint i = 0; i < BATCHES; i++)
    {
      reader->batches[i].reader = reader;
      reader->batches[i].text = g_byte_array_new ();
      if (i > 0)
        g_async_queue_push (reader->empty, &reader->batches[i]);
    }
  reader->batch = &reader->batches[0];
  reader->thread = g_thread_new (communications ? "liaison-map-communications" : "liaison-map-records",
                                 reader_thread, reader);
}

/* Hands the rows of both readers to @func as they come, until both are
 * done; after a failure (of @func or of a reader) only takes the batches
 * back so that the readers can end. */
static gboolean
consume (GAsyncQueue        *full,
         LiaisonMapRowFunc   func,
         gpointer            user_data,
         int                *abort,
         GError            **error)
{
  gboolean ok = TRUE;
  guint running = 2;

  while (running > 0)
    {
      Batch *batch = g_async_queue_pop (full);

      for (guint i = 0; ok && i < batch->n; i++)
        {
          LiaisonMapRow *row = &batch->rows[i];

          row->client_key = batch->keys[i][0];
          row->listener_key = batch->keys[i][1];
          row->scope = batch->scopes[i] == NO_TEXT ? "" : (const char *) batch->text->data + batch->scopes[i];
          if (!func (row, user_data, error))
            {
              ok = FALSE;
              g_atomic_int_set (abort, 1);
            }
        }

      if (batch->last)
        {
          if (batch->error != NULL && ok)
            {
              g_propagate_error (error, g_steal_pointer (&batch->error));
              ok = FALSE;
              g_atomic_int_set (abort, 1);
            }
          g_clear_error (&batch->error);
          running--;
          continue;
        }
      batch->n = 0;
      g_byte_array_set_size (batch->text, 0);
      g_async_queue_push (batch->reader->empty, batch);
    }
  return ok;
}

static void
reader_finish (Reader *reader)
{
  g_thread_join (reader->thread);
  for (guint i = 0; i < BATCHES; i++)
    g_byte_array_unref (reader->batches[i].text);
  g_async_queue_unref (reader->full);
  g_async_queue_unref (reader->empty);
  g_free (reader->path);
}

/**
 * liaison_map_read_rows:
 *
 * Calls @func on the calling thread for every statistics record and every
 * service communication of @store (liaison-store-map-private.h), in no set order;
 * with @range, of those seen in it.
 */
gboolean
liaison_map_read_rows (LiaisonStore          *store,
                       const LiaisonMapRange *range,
                       LiaisonMapRowFunc      func,
                       gpointer               user_data,
                       GCancellable          *cancellable,
                       GError               **error)
{
  GAsyncQueue *full;
  Reader *readers;
  int abort = 0;
  gboolean ok;

  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);

  /* This connection's transaction or snapshot: read on it. */
  if (store->depth > 0 || store->reading > 0)
    return liaison_store_map_foreach_record (store, range, range != NULL, func, user_data, cancellable, error) &&
           liaison_store_map_foreach_communication (store, range, range != NULL, func, user_data, cancellable, error);

  full = g_async_queue_new ();
  readers = g_new (Reader, 2);
  reader_start (&readers[0], liaison_store_get_path (store), FALSE, range, full, cancellable, &abort);
  reader_start (&readers[1], liaison_store_get_path (store), TRUE, range, full, cancellable, &abort);
  ok = consume (full, func, user_data, &abort, error);
  reader_finish (&readers[0]);
  reader_finish (&readers[1]);
  g_free (readers);
  g_async_queue_unref (full);
  return ok;
}
