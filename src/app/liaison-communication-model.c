/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-communication-model"

#include "config.h"

#include "liaison-communication-model.h"

/*
 * A list of service communications over the core's list of row ids.
 *
 * The database does the filtering and ordering (liaison_store_query_ids);
 * this model holds only the ids and builds LiaisonCommunication objects
 * when a view asks for a row, a block of rows at a time, keeping the few
 * blocks used last. A million rows are a million integers here, never a
 * million objects.
 */

typedef struct
{
  guint      index;        /* block number: rows index*BLOCK_SIZE ... */
  guint64    last_used;
  GPtrArray *items;        /* LiaisonCommunication, NULL where a row vanished */
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
  gint64        total;     /* rows in the database, unfiltered */
  Block         blocks[LIAISON_COMMUNICATION_MODEL_CACHE_BLOCKS];
  guint64       clock;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LiaisonCommunicationModel, liaison_communication_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  PROP_TOTAL,
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
  return LIAISON_TYPE_COMMUNICATION;
}

static guint
get_n_items (GListModel *model)
{
  LiaisonCommunicationModel *self = LIAISON_COMMUNICATION_MODEL (model);

  return self->ids->len;
}

static Block *
load_block (LiaisonCommunicationModel *self,
            guint                      index)
{
  g_autoptr(GPtrArray) fetched = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  const gint64 *ids;
  Block *victim = &self->blocks[0];
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

  first = index * LIAISON_COMMUNICATION_MODEL_BLOCK_SIZE;
  n = MIN (LIAISON_COMMUNICATION_MODEL_BLOCK_SIZE, self->ids->len - first);
  ids = &g_array_index (self->ids, gint64, first);

  fetched = liaison_store_get_communications (self->store, ids, n, &error);
  if (fetched == NULL)
    {
      g_signal_emit (self, signals[ERROR], 0, error);
      fetched = g_ptr_array_new_with_free_func (g_object_unref);
    }

  g_clear_pointer (&victim->items, g_ptr_array_unref);
  victim->index = index;
  victim->last_used = ++self->clock;
  victim->items = g_ptr_array_new_full (n, g_object_unref);

  /* Keep the order of the id list whatever order the rows came in; a row
   * deleted since the last query leaves a hole until the next reload. */
  by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < fetched->len; i++)
    {
      LiaisonCommunication *item = g_ptr_array_index (fetched, i);
      gint64 *key = g_new (gint64, 1);

      *key = liaison_communication_get_id (item);
      g_hash_table_insert (by_id, key, item);
    }
  for (guint i = 0; i < n; i++)
    {
      LiaisonCommunication *item = g_hash_table_lookup (by_id, &ids[i]);

      g_ptr_array_add (victim->items, item != NULL ? g_object_ref (item) : NULL);
    }

  return victim;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  LiaisonCommunicationModel *self = LIAISON_COMMUNICATION_MODEL (model);
  LiaisonCommunication *item;
  Block *block;

  if (position >= self->ids->len)
    return NULL;

  block = load_block (self, position / LIAISON_COMMUNICATION_MODEL_BLOCK_SIZE);
  item = g_ptr_array_index (block->items, position % LIAISON_COMMUNICATION_MODEL_BLOCK_SIZE);

  return item != NULL ? g_object_ref (item) : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
on_store_changed (LiaisonCommunicationModel *self,
                  LiaisonStore              *store)
{
  g_autoptr(GError) error = NULL;

  if (!liaison_communication_model_reload (self, &error))
    g_signal_emit (self, signals[ERROR], 0, error);
}

static void
liaison_communication_model_dispose (GObject *object)
{
  LiaisonCommunicationModel *self = (LiaisonCommunicationModel *)object;

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_object (&self->store);
  drop_cache (self);

  G_OBJECT_CLASS (liaison_communication_model_parent_class)->dispose (object);
}

static void
liaison_communication_model_finalize (GObject *object)
{
  LiaisonCommunicationModel *self = (LiaisonCommunicationModel *)object;

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->search, g_free);

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
  self->sort = LIAISON_COLUMN_ID;
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
  self->changed_handler = g_signal_connect_object (store, "changed",
                                                   G_CALLBACK (on_store_changed), self,
                                                   G_CONNECT_SWAPPED);
  return self;
}

LiaisonStore *
liaison_communication_model_get_store (LiaisonCommunicationModel *self)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATION_MODEL (self), NULL);

  return self->store;
}

/**
 * liaison_communication_model_reload:
 *
 * Asks the database again for the rows of the current search and order and
 * announces the change with one items-changed.
 */
gboolean
liaison_communication_model_reload (LiaisonCommunicationModel  *self,
                                    GError                    **error)
{
  LiaisonQuery query = { 0 };
  g_autoptr(GArray) ids = NULL;
  gint64 total;
  guint old_len;

  g_return_val_if_fail (LIAISON_IS_COMMUNICATION_MODEL (self), FALSE);

  query.search = self->search;
  query.sort = self->sort;
  query.descending = self->descending;

  ids = liaison_store_query_ids (self->store, &query, error);
  if (ids == NULL)
    return FALSE;

  if (self->search == NULL)
    total = ids->len;
  else if ((total = liaison_store_count_communications (self->store, error)) < 0)
    return FALSE;

  old_len = self->ids->len;
  g_clear_pointer (&self->ids, g_array_unref);
  self->ids = g_steal_pointer (&ids);
  drop_cache (self);

  if (total != self->total)
    {
      self->total = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
    }

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->ids->len);
  if (old_len != self->ids->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);

  return TRUE;
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
  reload_or_complain (self);
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
  reload_or_complain (self);
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
  g_return_val_if_fail (LIAISON_IS_COMMUNICATION_MODEL (self), FALSE);

  for (guint i = 0; i < self->ids->len; i++)
    {
      if (g_array_index (self->ids, gint64, i) == id)
        {
          if (position != NULL)
            *position = i;
          return TRUE;
        }
    }

  return FALSE;
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
