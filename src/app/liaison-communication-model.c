/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-communication-model"

#include "config.h"

#include "liaison-communication-fetch.h"
#include "liaison-communication-model-private.h"
#include "liaison-communication-row-private.h"
#include "liaison-job.h"

/*
 * A list of service communications over the core's list of row ids.
 *
 * The database does the filtering and ordering (liaison_store_query_ids);
 * this model holds only the ids and builds row objects when a view asks
 * for a position, a block of rows at a time, keeping the few blocks used
 * last. A million rows are a million integers here, never a million
 * objects.
 *
 * An item is a LiaisonCommunicationRow: the row of one position, holding
 * the service communication shown there. A reload (a new order, a search,
 * an edit) puts the new service communications into the rows the views
 * hold and tells them with notify::communication; the rows at the same
 * positions stay the same objects, so a list view finds its row widgets
 * again and only their text changes, instead of building ~200 rows of
 * cells anew.
 *
 * The model knows every row alive (those of its cache and those a view
 * holds), by position, through a weak reference. A reload that inserts or
 * removes rows moves the rows after the change along with the positions,
 * as a view moves the widgets it keeps there, and refills every row with
 * the service communication now at its position.
 *
 * On a team's server a round trip may take as long as the network does,
 * and the main thread never waits on it (team.md 3): the service
 * communications of the rows are read by a worker on the model's own
 * connection, and a row shows none (a placeholder) until they come.
 */

typedef struct
{
  guint      index;        /* block number: rows index*BLOCK_SIZE ... */
  guint64    last_used;
  GPtrArray *items;        /* LiaisonCommunicationRow (owned: the cache) */
} Block;

struct _LiaisonCommunicationModel
{
  GObject       parent_instance;

  LiaisonStore *store;
  gulong        changed_handler;

  char         *search;
  LiaisonColumn sort;
  gboolean      descending;

  GArray       *ids;       /* gint64 */
  GArray       *previous_ids; /* the ids before a reload, while it is announced */
  gint64        total;     /* rows in the database, unfiltered */
  Block         blocks[LIAISON_COMMUNICATION_MODEL_CACHE_BLOCKS];
  guint64       clock;
  GHashTable   *rows;      /* position + 1 -> LiaisonCommunicationRow (weak): every row alive */

  /* What the views asked for and what that cost, since the model was made. */
  LiaisonCommunicationModelStats stats;

  /* Background queries: liaison_communication_model_set_background(). */
  gboolean      background;
  gboolean      loading;
  GCancellable *pending;       /* of the query running, if any */
  LiaisonJobConnection *connection; /* the queries' own, kept from one to the next */

  /* Rows read in the background (a server): fetch_rows_later(). */
  gboolean      fetch_in_background;
  guint         n_fetching;    /* fetches not back yet */
  guint         generation;    /* of the ids: a fetch for older ones is dropped */
  GCancellable *fetching;      /* of every fetch, until the model goes */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LiaisonCommunicationModel, liaison_communication_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  PROP_TOTAL,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
drop_cache (LiaisonCommunicationModel *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->blocks); i++)
    {
      g_clear_pointer (&self->blocks[i].items, g_ptr_array_unref);
      self->blocks[i].last_used = 0;
    }
}

static GType
get_item_type (GListModel *model)
{
  return LIAISON_TYPE_COMMUNICATION_ROW;
}

static guint
get_n_items (GListModel *model)
{
  LiaisonCommunicationModel *self = LIAISON_COMMUNICATION_MODEL (model);

  return self->ids->len;
}

/* Rows */

static gpointer
row_key (LiaisonCommunicationRow *row)
{
  return GUINT_TO_POINTER (liaison_communication_row_get_position (row) + 1);
}

/* A row is gone: no one holds it any more. */
static void
row_gone (gpointer  data,
          GObject  *where_the_row_was)
{
  LiaisonCommunicationModel *self = data;
  LiaisonCommunicationRow *row = (LiaisonCommunicationRow *) where_the_row_was;
  gpointer key = row_key (row);

  if (g_hash_table_lookup (self->rows, key) == row)
    g_hash_table_remove (self->rows, key);
}

/* The model stops following @row: it no longer moves nor changes. */
static void
forget_row (LiaisonCommunicationModel *self,
            LiaisonCommunicationRow   *row)
{
  g_object_weak_unref (G_OBJECT (row), row_gone, self);
}

/* The row of @position, made if no one holds it. */
static LiaisonCommunicationRow *
row_at (LiaisonCommunicationModel *self,
        guint                      position,
        gboolean                  *made)
{
  LiaisonCommunicationRow *row = g_hash_table_lookup (self->rows, GUINT_TO_POINTER (position + 1));

  *made = row == NULL;
  if (row == NULL)
    {
      row = liaison_communication_row_new (position);
      g_object_weak_ref (G_OBJECT (row), row_gone, self);
      g_hash_table_insert (self->rows, GUINT_TO_POINTER (position + 1), row);
      return row;
    }
  return g_object_ref (row);
}

/* Reads from the database the service communications now at the positions
 * of @rows (at most a block of them) into them. */
static void fetch_rows_later (LiaisonCommunicationModel *self,
                              LiaisonCommunicationRow  **rows,
                              guint                      n);

/* Puts the service communications of @fetched into the rows alive at
 * @positions that still show @ids there. */
static void
put_fetched (LiaisonCommunicationModel *self,
             GPtrArray                 *fetched,
             const guint               *positions,
             const gint64              *ids,
             guint                      n)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree gint64 *keys = g_new (gint64, MAX (fetched->len, 1));

  /* Whatever order the rows came in; a row deleted since the last query
   * leaves a hole until the next reload. */
  for (guint i = 0; i < fetched->len; i++)
    {
      LiaisonCommunication *item = g_ptr_array_index (fetched, i);

      keys[i] = liaison_communication_get_id (item);
      g_hash_table_insert (by_id, &keys[i], item);
    }
  for (guint i = 0; i < n; i++)
    {
      LiaisonCommunicationRow *row = g_hash_table_lookup (self->rows, GUINT_TO_POINTER (positions[i] + 1));

      if (row != NULL && positions[i] < self->ids->len &&
          g_array_index (self->ids, gint64, positions[i]) == ids[i])
        liaison_communication_row_set_communication (row, g_hash_table_lookup (by_id, &ids[i]));
    }
}

static void
fill_rows (LiaisonCommunicationModel *self,
           LiaisonCommunicationRow  **rows,
           guint                      n)
{
  g_autoptr(GPtrArray) fetched = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *ids = g_new (gint64, MAX (n, 1));
  g_autofree guint *positions = g_new (guint, MAX (n, 1));

  if (n == 0)
    return;

  if (self->fetch_in_background)
    {
      fetch_rows_later (self, rows, n);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      positions[i] = liaison_communication_row_get_position (rows[i]);
      ids[i] = g_array_index (self->ids, gint64, positions[i]);
    }

  fetched = liaison_store_get_communications (self->store, ids, n, &error);
  self->stats.fetches++;
  self->stats.rows_fetched += n;
  if (fetched == NULL)
    {
      g_signal_emit (self, signals[ERROR], 0, error);
      fetched = g_ptr_array_new_with_free_func (g_object_unref);
    }
  put_fetched (self, fetched, positions, ids, n);
}

/* Rows read in the background */

static void
fetch_done (gpointer      source_object,
            gpointer      data,
            const GError *error)
{
  LiaisonCommunicationModel *self = source_object;
  LiaisonFetchJob *job = data;

  self->n_fetching--;
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (self, signals[ERROR], 0, error);
      return;
    }
  /* A reload came meanwhile, and asked again for the rows alive. */
  if (job->generation == self->generation)
    put_fetched (self, job->fetched, job->positions, job->ids, job->n);
}

/* Asks a worker for the service communications at the positions of @rows;
 * a row that showed another one until now shows none until they come. */
static void
fetch_rows_later (LiaisonCommunicationModel *self,
                  LiaisonCommunicationRow  **rows,
                  guint                      n)
{
  LiaisonFetchJob *job = liaison_fetch_job_new (self->generation, n);

  for (guint i = 0; i < n; i++)
    {
      LiaisonCommunication *shown = liaison_communication_row_get_communication (rows[i]);

      job->positions[i] = liaison_communication_row_get_position (rows[i]);
      job->ids[i] = g_array_index (self->ids, gint64, job->positions[i]);
      if (shown != NULL && liaison_communication_get_id (shown) != job->ids[i])
        liaison_communication_row_set_communication (rows[i], NULL);
    }
  self->stats.fetches++;
  self->stats.rows_fetched += n;
  self->n_fetching++;
  liaison_job_run (self, liaison_job_connection_ref (self->connection), liaison_fetch_job_run, job, (GDestroyNotify) liaison_fetch_job_free,
                      self->fetching, fetch_done);
}

static gint
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  guint x = liaison_communication_row_get_position (*(LiaisonCommunicationRow * const *) a);
  guint y = liaison_communication_row_get_position (*(LiaisonCommunicationRow * const *) b);

  return x < y ? -1 : x > y;
}

/*
 * After a reload: the rows before the change keep their positions, those
 * after it move by the change in length (a view moves the widgets it keeps
 * there along with their objects), those in it keep their position if it
 * still exists; the others are forgotten. Then every row alive gets the
 * service communication now at its position.
 */
static void
move_and_refill_rows (LiaisonCommunicationModel *self,
                        guint                      prefix,
                        guint                      old_len,
                        guint                      suffix,
                        guint                      added)
{
  g_autoptr(GPtrArray) alive = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;
  guint new_len = self->ids->len;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (alive, value);
  g_hash_table_steal_all (self->rows);

  for (guint i = 0; i < alive->len; )
    {
      LiaisonCommunicationRow *row = g_ptr_array_index (alive, i);
      guint position = liaison_communication_row_get_position (row);

      if (position >= prefix && position >= old_len - suffix)
        position = position + new_len - old_len;
      else if (position >= prefix + added)
        {
          forget_row (self, row);
          g_ptr_array_remove_index_fast (alive, i);
          continue;
        }
      liaison_communication_row_set_position (row, position);
      g_hash_table_insert (self->rows, GUINT_TO_POINTER (position + 1), row);
      i++;
    }

  g_ptr_array_sort (alive, compare_positions);
  for (guint i = 0; i < alive->len; i += LIAISON_COMMUNICATION_MODEL_BLOCK_SIZE)
    fill_rows (self, (LiaisonCommunicationRow **) alive->pdata + i,
                 MIN (LIAISON_COMMUNICATION_MODEL_BLOCK_SIZE, alive->len - i));
}

/* The cache: the rows of the blocks used last. */
static Block *
load_block (LiaisonCommunicationModel *self,
            guint                      index)
{
  Block *victim = &self->blocks[0];
  g_autoptr(GPtrArray) made = g_ptr_array_new ();
  guint first, n;

  for (guint i = 0; i < G_N_ELEMENTS (self->blocks); i++)
    {
      Block *block = &self->blocks[i];

      if (block->items != NULL && block->index == index)
        {
          block->last_used = ++self->clock;
          return block;
        }

      if (block->items == NULL ||
          (victim->items != NULL && block->last_used < victim->last_used))
        victim = block;
    }

  /* The rows of the block given up stay with the views that hold them. */
  g_clear_pointer (&victim->items, g_ptr_array_unref);
  victim->index = index;
  victim->last_used = ++self->clock;

  first = index * LIAISON_COMMUNICATION_MODEL_BLOCK_SIZE;
  n = MIN (LIAISON_COMMUNICATION_MODEL_BLOCK_SIZE, self->ids->len - first);
  victim->items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      gboolean is_new;
      LiaisonCommunicationRow *row = row_at (self, first + i, &is_new);

      g_ptr_array_add (victim->items, row);
      if (is_new)
        g_ptr_array_add (made, row);
    }
  /* The rows alive already have their service communications. */
  fill_rows (self, (LiaisonCommunicationRow **) made->pdata, made->len);

  return victim;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  LiaisonCommunicationModel *self = LIAISON_COMMUNICATION_MODEL (model);
  Block *block;

  self->stats.get_item_calls++;
  if (position >= self->ids->len)
    return NULL;

  block = load_block (self, position / LIAISON_COMMUNICATION_MODEL_BLOCK_SIZE);

  return g_object_ref (g_ptr_array_index (block->items, position % LIAISON_COMMUNICATION_MODEL_BLOCK_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void request_reload (LiaisonCommunicationModel *self);

static void
on_store_changed (LiaisonCommunicationModel *self,
                  LiaisonStore              *store)
{
  request_reload (self);
}

static void
liaison_communication_model_dispose (GObject *object)
{
  LiaisonCommunicationModel *self = (LiaisonCommunicationModel *)object;

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_object (&self->store);
  if (self->pending != NULL)
    g_cancellable_cancel (self->pending);
  g_clear_object (&self->pending);
  g_cancellable_cancel (self->fetching);
  g_clear_object (&self->fetching);
  drop_cache (self);
  if (self->rows != NULL)
    {
      GHashTableIter iter;
      gpointer value;

      /* The views may keep their rows a while: they no longer move. */
      g_hash_table_iter_init (&iter, self->rows);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        forget_row (self, value);
      g_clear_pointer (&self->rows, g_hash_table_unref);
    }

  G_OBJECT_CLASS (liaison_communication_model_parent_class)->dispose (object);
}

static void
liaison_communication_model_finalize (GObject *object)
{
  LiaisonCommunicationModel *self = (LiaisonCommunicationModel *)object;

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->connection, liaison_job_connection_unref);

  G_OBJECT_CLASS (liaison_communication_model_parent_class)->finalize (object);
}

static void
liaison_communication_model_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  LiaisonCommunicationModel *self = LIAISON_COMMUNICATION_MODEL (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;

    case PROP_TOTAL:
      g_value_set_int64 (value, self->total);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_communication_model_class_init (LiaisonCommunicationModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = liaison_communication_model_dispose;
  object_class->finalize = liaison_communication_model_finalize;
  object_class->get_property = liaison_communication_model_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TOTAL] =
    g_param_spec_int64 ("total", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LiaisonCommunicationModel::error:
   *
   * The database could not be read.
   */
  signals[ERROR] = g_signal_new ("error",
                                 G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
liaison_communication_model_init (LiaisonCommunicationModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->rows = g_hash_table_new (NULL, NULL);
  self->sort = LIAISON_COLUMN_ID;
  self->fetching = g_cancellable_new ();
}

/**
 * liaison_communication_model_new:
 *
 * Returns: (transfer full): an empty model; liaison_communication_model_reload()
 *   fills it, and it follows the store's changes from then on
 */
LiaisonCommunicationModel *
liaison_communication_model_new (LiaisonStore *store)
{
  LiaisonCommunicationModel *self;

  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);

  self = g_object_new (LIAISON_TYPE_COMMUNICATION_MODEL, NULL);
  self->store = g_object_ref (store);
  self->connection = liaison_job_connection_new (liaison_store_get_path (store));
  self->changed_handler = g_signal_connect_object (store, "changed",
                                                   G_CALLBACK (on_store_changed), self,
                                                   G_CONNECT_SWAPPED);
  return self;
}

/* Puts the rows of a query in place and tells the views what changed. */
static void
apply_rows (LiaisonCommunicationModel *self,
            GArray                    *ids,
            gint64                     total)
{
  g_autoptr(GArray) old_ids = NULL;
  const gint64 *a, *b;
  guint old_len, new_len, prefix = 0, suffix = 0;

  old_len = self->ids->len;
  new_len = ids->len;
  a = (const gint64 *) (gpointer) self->ids->data;
  b = (const gint64 *) (gpointer) ids->data;
  while (prefix < old_len && prefix < new_len && a[prefix] == b[prefix])
    prefix++;
  while (suffix < old_len - prefix && suffix < new_len - prefix &&
         a[old_len - 1 - suffix] == b[new_len - 1 - suffix])
    suffix++;

  old_ids = g_steal_pointer (&self->ids);
  self->ids = g_array_ref (ids);
  self->generation++;
  drop_cache (self);
  move_and_refill_rows (self, prefix, old_len, suffix, new_len - prefix - suffix);

  if (total != self->total)
    {
      self->total = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
    }

  if (prefix + suffix < MAX (old_len, new_len))
    {
      /* Listeners may ask what was there before, while they are told. */
      self->previous_ids = old_ids;
      g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                                  old_len - prefix - suffix, new_len - prefix - suffix);
      self->previous_ids = NULL;
    }
  if (old_len != new_len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
set_loading (LiaisonCommunicationModel *self,
             gboolean                   loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Stops the query running in the background, if any: what it finds is
 * out of date. The model stays loading until the query that replaces it
 * has put its rows in place. */
static void
cancel_background_query (LiaisonCommunicationModel *self)
{
  if (self->pending != NULL)
    {
      g_cancellable_cancel (self->pending);
      g_clear_object (&self->pending);
    }
}

/**
 * liaison_communication_model_reload:
 *
 * Asks the database again for the rows of the current search and order,
 * puts them into the row objects handed out from the cache (their content
 * may have changed even where the ids did not) and announces the change
 * with at most one items-changed: the rows from the first id that differs
 * to the last one. A new search or order changes nearly every position; an
 * edit or a deletion in the store usually a few, or none. A query running
 * in the background is given up: this one is newer.
 */
gboolean
liaison_communication_model_reload (LiaisonCommunicationModel  *self,
                                    GError                    **error)
{
  LiaisonQuery query = { 0 };
  g_autoptr(GArray) ids = NULL;
  gint64 total = 0, start = g_get_monotonic_time (), queried;

  g_return_val_if_fail (LIAISON_IS_COMMUNICATION_MODEL (self), FALSE);

  cancel_background_query (self);

  query.search = self->search;
  query.sort = self->sort;
  query.descending = self->descending;
  ids = liaison_communication_query_rows (self->store, &query, &total, error);
  if (ids == NULL)
    {
      set_loading (self, FALSE);
      return FALSE;
    }
  queried = g_get_monotonic_time ();

  apply_rows (self, ids, total);
  set_loading (self, FALSE);

  g_debug ("reload: %u rows, query %.1f ms, announced in %.1f ms",
           ids->len, (queried - start) / 1000.0, (g_get_monotonic_time () - queried) / 1000.0);

  return TRUE;
}

/* Background queries */

static void
query_done (gpointer      source_object,
            gpointer      data,
            const GError *error)
{
  LiaisonCommunicationModel *self = source_object;
  LiaisonQueryJob *job = data;

  if (error != NULL)
    g_signal_emit (self, signals[ERROR], 0, error);
  else
    apply_rows (self, job->ids, job->total);

  /* Unless what was told of the rows asked for another query. */
  if (self->pending == NULL)
    set_loading (self, FALSE);
}

static void reload_or_complain (LiaisonCommunicationModel *self);

/* Reloads for a new search or order, or a change in the store: at once,
 * or in the background. */
static void
request_reload (LiaisonCommunicationModel *self)
{
  LiaisonQueryJob *job;

  if (!self->background)
    {
      reload_or_complain (self);
      return;
    }

  job = g_new0 (LiaisonQueryJob, 1);
  job->search = g_strdup (self->search);
  job->sort = self->sort;
  job->descending = self->descending;

  /* Unless a newer query, or a reload, takes over. */
  liaison_job_run_latest (self, liaison_job_connection_ref (self->connection), liaison_query_job_run, job,
                          (GDestroyNotify) liaison_query_job_free, &self->pending, query_done);
  set_loading (self, TRUE);
}

/**
 * liaison_communication_model_refresh:
 *
 * Asks the database again for the rows, as a change in the store does: at
 * once, or in the background (liaison_communication_model_set_background()).
 */
void
liaison_communication_model_refresh (LiaisonCommunicationModel *self)
{
  g_return_if_fail (LIAISON_IS_COMMUNICATION_MODEL (self));

  request_reload (self);
}

/**
 * liaison_communication_model_set_fetch_later:
 *
 * With @later, the service communications of the rows a view asks for are
 * read by a worker (a server's take round trips, team.md 3): a row holds
 * none until they come. Without (the default), get_item() returns rows
 * that hold theirs.
 */
void
liaison_communication_model_set_fetch_later (LiaisonCommunicationModel *self,
                                             gboolean                   later)
{
  g_return_if_fail (LIAISON_IS_COMMUNICATION_MODEL (self));

  self->fetch_in_background = !!later;
}

/* How many reads of rows are on their way (for tests). */
guint
liaison_communication_model_get_n_fetching (LiaisonCommunicationModel *self)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATION_MODEL (self), 0);

  return self->n_fetching;
}

/**
 * liaison_communication_model_set_background:
 *
 * With @background, a new search or order, and a change in the store, are
 * looked up in a worker thread (a window stays responsive while a search
 * over a million rows runs, and typing on stops the search it replaces);
 * #LiaisonCommunicationModel:loading is %TRUE meanwhile and the rows stay as
 * they were until it is done. Without (the default), set_search(),
 * set_sort() and a change in the store return with the rows in place;
 * turning it off stops a query running in the background.
 */
void
liaison_communication_model_set_background (LiaisonCommunicationModel *self,
                                            gboolean                   background)
{
  g_return_if_fail (LIAISON_IS_COMMUNICATION_MODEL (self));

  self->background = !!background;
  if (!self->background && self->pending != NULL)
    {
      /* Whatever it would find is no longer wanted. */
      cancel_background_query (self);
      set_loading (self, FALSE);
    }
}

gboolean
liaison_communication_model_get_loading (LiaisonCommunicationModel *self)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATION_MODEL (self), FALSE);

  return self->loading;
}

/**
 * liaison_communication_model_get_previous_id:
 *
 * While the model announces a reload (in an items-changed handler): the id
 * that was at @position before it, or -1.
 */
gint64
liaison_communication_model_get_previous_id (LiaisonCommunicationModel *self,
                                             guint                      position)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATION_MODEL (self), -1);

  if (self->previous_ids == NULL || position >= self->previous_ids->len)
    return -1;

  return g_array_index (self->previous_ids, gint64, position);
}

static void
reload_or_complain (LiaisonCommunicationModel *self)
{
  g_autoptr(GError) error = NULL;

  if (!liaison_communication_model_reload (self, &error))
    g_signal_emit (self, signals[ERROR], 0, error);
}

void
liaison_communication_model_set_search (LiaisonCommunicationModel *self,
                                        const char                *search)
{
  g_return_if_fail (LIAISON_IS_COMMUNICATION_MODEL (self));

  if (search != NULL && *search == '\0')
    search = NULL;

  if (g_strcmp0 (search, self->search) == 0)
    return;

  g_free (self->search);
  self->search = g_strdup (search);
  request_reload (self);
}

const char *
liaison_communication_model_get_search (LiaisonCommunicationModel *self)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATION_MODEL (self), NULL);

  return self->search;
}

void
liaison_communication_model_set_sort (LiaisonCommunicationModel *self,
                                      LiaisonColumn              column,
                                      gboolean                   descending)
{
  g_return_if_fail (LIAISON_IS_COMMUNICATION_MODEL (self));
  g_return_if_fail (column < LIAISON_N_COLUMNS);

  descending = !!descending;
  if (self->sort == column && self->descending == descending)
    return;

  self->sort = column;
  self->descending = descending;
  request_reload (self);
}

/* The id of the row at @position, without building the row. */
gint64
liaison_communication_model_get_id (LiaisonCommunicationModel *self,
                                    guint                      position)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATION_MODEL (self), -1);
  g_return_val_if_fail (position < self->ids->len, -1);

  return g_array_index (self->ids, gint64, position);
}

gboolean
liaison_communication_model_find_id (LiaisonCommunicationModel *self,
                                     gint64                     id,
                                     guint                     *position)
{
  const gint64 *ids;
  guint n;

  g_return_val_if_fail (LIAISON_IS_COMMUNICATION_MODEL (self), FALSE);

  /* A plain pass over the ids (8 MB for a million rows, about a
   * millisecond): cheaper than keeping an index for a lookup this rare. */
  ids = (const gint64 *) (gpointer) self->ids->data;
  n = self->ids->len;
  for (guint i = 0; i < n; i++)
    {
      if (ids[i] == id)
        {
          if (position != NULL)
            *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * liaison_communication_model_peek_shown:
 *
 * Returns: (transfer none) (nullable): the service communication a row
 *   object of @position holds (as a view shows it, or the cache keeps it),
 *   without reading the database; %NULL when no row is alive there
 */
LiaisonCommunication *
liaison_communication_model_peek_shown (LiaisonCommunicationModel *self,
                                        guint                      position)
{
  LiaisonCommunicationRow *row;

  g_return_val_if_fail (LIAISON_IS_COMMUNICATION_MODEL (self), NULL);

  row = g_hash_table_lookup (self->rows, GUINT_TO_POINTER (position + 1));
  return row != NULL ? liaison_communication_row_get_communication (row) : NULL;
}

/**
 * liaison_communication_model_peek_ids:
 *
 * Returns: (transfer none) (array length=n_ids): the ids of the rows, in
 *   list order, valid until the next reload
 */
const gint64 *
liaison_communication_model_peek_ids (LiaisonCommunicationModel *self,
                                      guint                     *n_ids)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATION_MODEL (self), NULL);

  if (n_ids != NULL)
    *n_ids = self->ids->len;
  return (const gint64 *) (gpointer) self->ids->data;
}

/* How many rows the database holds, whatever the search. */
gint64
liaison_communication_model_get_total (LiaisonCommunicationModel *self)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATION_MODEL (self), 0);

  return self->total;
}

/* How many row objects the cache holds now (for tests). */
guint
liaison_communication_model_get_n_cached (LiaisonCommunicationModel *self)
{
  guint n = 0;

  g_return_val_if_fail (LIAISON_IS_COMMUNICATION_MODEL (self), 0);

  for (guint i = 0; i < G_N_ELEMENTS (self->blocks); i++)
    if (self->blocks[i].items != NULL)
      n += self->blocks[i].items->len;

  return n;
}

/**
 * liaison_communication_model_get_stats:
 *
 * How often views asked for a row and how many rows that read from the
 * database, since the model was made (for tests and benchmarks).
 */
void
liaison_communication_model_get_stats (LiaisonCommunicationModel      *self,
                                       LiaisonCommunicationModelStats *stats)
{
  g_return_if_fail (LIAISON_IS_COMMUNICATION_MODEL (self));
  g_return_if_fail (stats != NULL);

  *stats = self->stats;
}
