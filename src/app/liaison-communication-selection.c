/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-communication-selection"

#include "config.h"

#include "liaison-communication-model-private.h"
#include "liaison-communication-row-private.h"
#include "liaison-communication-selection.h"

/*
 * LiaisonCommunicationSelection: a multiple selection over the model, kept
 * as a set of positions only.
 *
 * GtkMultiSelection (GTK 4.8) holds a reference to every selected row's
 * object and, when an items-changed replaces a selected row, asks for every
 * added item until it finds that object again; the list item manager does
 * the same for the rows it tracks (the scroll anchor, the focus). Either
 * way a reload of a million rows built a million row objects. This
 * selection holds no objects: a row that a reload replaces stays selected
 * if its id is among the new rows, found by id in the model's id list. A
 * reload that adds many rows reaches the views in three changes: the first
 * rows replaced in place (the model's row objects there stay the same, so
 * a view showing the top keeps its row widgets), then the other old rows
 * going, then the new ones coming, so that no view looks for its old rows
 * among a million new ones.
 */

struct _LiaisonCommunicationSelection
{
  GObject                    parent_instance;

  LiaisonCommunicationModel *model;
  GtkBitset                 *selected;
  guint                      n_items;    /* as the views were last told */

  /* Between the two halves of a split change: positions from shift_from
   * on are the model's positions from shift_from + shift_by on. */
  guint                      shift_from;
  guint                      shift_by;
};

static void selection_list_model_iface_init (GListModelInterface *iface);
static void selection_model_iface_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LiaisonCommunicationSelection, liaison_communication_selection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, selection_list_model_iface_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL, selection_model_iface_init))

static GType
selection_get_item_type (GListModel *model)
{
  return LIAISON_TYPE_COMMUNICATION_ROW;
}

static guint
selection_get_n_items (GListModel *model)
{
  return LIAISON_COMMUNICATION_SELECTION (model)->n_items;
}

static gpointer
selection_get_item (GListModel *model,
                    guint       position)
{
  LiaisonCommunicationSelection *self = LIAISON_COMMUNICATION_SELECTION (model);

  gpointer item;

  if (position >= self->n_items)
    return NULL;
  if (position >= self->shift_from)
    position += self->shift_by;

  /* While a big change is told in steps, the views know of rows the model
   * no longer has (a list grown shorter): an empty place stands in for
   * one until the step that takes it away. */
  item = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  return item != NULL ? item : liaison_communication_row_new (position);
}

static void
selection_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = selection_get_item_type;
  iface->get_n_items = selection_get_n_items;
  iface->get_item = selection_get_item;
}

static gboolean
selection_is_selected (GtkSelectionModel *model,
                       guint              position)
{
  return gtk_bitset_contains (LIAISON_COMMUNICATION_SELECTION (model)->selected, position);
}

static GtkBitset *
selection_get_selection_in_range (GtkSelectionModel *model,
                                  guint              position,
                                  guint              n_items)
{
  return gtk_bitset_ref (LIAISON_COMMUNICATION_SELECTION (model)->selected);
}

static gboolean
selection_set_selection (GtkSelectionModel *model,
                         GtkBitset         *selected,
                         GtkBitset         *mask)
{
  LiaisonCommunicationSelection *self = LIAISON_COMMUNICATION_SELECTION (model);
  g_autoptr(GtkBitset) changes = gtk_bitset_copy (self->selected);
  guint min, max;

  /* changes = (selected XOR self->selected) AND mask, within the list */
  gtk_bitset_difference (changes, selected);
  gtk_bitset_intersect (changes, mask);
  if (!gtk_bitset_is_empty (changes) && gtk_bitset_get_maximum (changes) >= self->n_items)
    gtk_bitset_remove_range_closed (changes, self->n_items, gtk_bitset_get_maximum (changes));
  if (gtk_bitset_is_empty (changes))
    return TRUE;

  min = gtk_bitset_get_minimum (changes);
  max = gtk_bitset_get_maximum (changes);
  gtk_bitset_difference (self->selected, changes);
  gtk_selection_model_selection_changed (model, min, max - min + 1);

  return TRUE;
}

static void
selection_model_iface_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = selection_is_selected;
  iface->get_selection_in_range = selection_get_selection_in_range;
  iface->set_selection = selection_set_selection;
}

/* The ids of the selected rows among the @removed ones at @position, read
 * while the model announces its reload; NULL if there are none or too many. */
static GArray *
selected_ids_in (LiaisonCommunicationSelection *self,
                 guint                          position,
                 guint                          removed)
{
  g_autoptr(GtkBitset) gone = NULL;
  g_autoptr(GArray) ids = NULL;
  GtkBitsetIter iter;
  guint64 size;
  guint i;

  if (removed == 0 || gtk_bitset_is_empty (self->selected))
    return NULL;

  gone = gtk_bitset_new_range (position, removed);
  gtk_bitset_intersect (gone, self->selected);
  size = gtk_bitset_get_size (gone);
  if (size == 0 || size > LIAISON_COMMUNICATION_SELECTION_KEEP_MAX)
    return NULL;

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), (guint) size);
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, gone, &i); ok; ok = gtk_bitset_iter_next (&iter, &i))
    {
      gint64 id = liaison_communication_model_get_previous_id (self->model, i);

      if (id >= 0)
        g_array_append_val (ids, id);
    }

  return g_steal_pointer (&ids);
}

/* Selects the rows with @ids among the model's rows [position, position + n). */
static void
select_ids_in (LiaisonCommunicationSelection *self,
               GArray                        *ids,
               guint                          position,
               guint                          n)
{
  g_autoptr(GHashTable) wanted = NULL;
  const gint64 *model_ids;
  guint left;

  if (ids == NULL || ids->len == 0 || n == 0)
    return;

  wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (wanted, &g_array_index (ids, gint64, i));

  model_ids = liaison_communication_model_peek_ids (self->model, NULL);
  left = g_hash_table_size (wanted);
  for (guint i = position; i < position + n && left > 0; i++)
    {
      if (g_hash_table_contains (wanted, &model_ids[i]))
        {
          gtk_bitset_add (self->selected, i);
          left--;
        }
    }
}

static void
on_model_items_changed (LiaisonCommunicationSelection *self,
                        guint                          position,
                        guint                          removed,
                        guint                          added,
                        GListModel                    *model)
{
  g_autoptr(GArray) kept = selected_ids_in (self, position, removed);
  gboolean split = added > LIAISON_COMMUNICATION_SELECTION_SPLIT_ABOVE && removed > 0;

  if (split)
    {
      guint head = MIN (LIAISON_COMMUNICATION_SELECTION_IN_PLACE, MIN (removed, added));

      /* First the rows at the top are replaced, one for one. */
      gtk_bitset_remove_range (self->selected, position, head);
      select_ids_in (self, kept, position, head);
      g_list_model_items_changed (G_LIST_MODEL (self), position, head, head);
      position += head;
      removed -= head;
      added -= head;
    }

  if (split && removed > 0)
    {
      /* Then the other old rows go; the rows after them are still there,
       * further down the model. */
      gtk_bitset_splice (self->selected, position, removed, 0);
      self->n_items -= removed;
      self->shift_from = position;
      self->shift_by = added;
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, 0);
      self->shift_from = G_MAXUINT;
      self->shift_by = 0;
      removed = 0;
    }

  gtk_bitset_splice (self->selected, position, removed, added);
  self->n_items = self->n_items - removed + added;
  select_ids_in (self, kept, position, added);
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
liaison_communication_selection_dispose (GObject *object)
{
  LiaisonCommunicationSelection *self = LIAISON_COMMUNICATION_SELECTION (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_model_items_changed, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (liaison_communication_selection_parent_class)->dispose (object);
}

static void
liaison_communication_selection_finalize (GObject *object)
{
  LiaisonCommunicationSelection *self = LIAISON_COMMUNICATION_SELECTION (object);

  g_clear_pointer (&self->selected, gtk_bitset_unref);

  G_OBJECT_CLASS (liaison_communication_selection_parent_class)->finalize (object);
}

static void
liaison_communication_selection_class_init (LiaisonCommunicationSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = liaison_communication_selection_dispose;
  object_class->finalize = liaison_communication_selection_finalize;
}

static void
liaison_communication_selection_init (LiaisonCommunicationSelection *self)
{
  self->selected = gtk_bitset_new_empty ();
  self->shift_from = G_MAXUINT;
}

/**
 * liaison_communication_selection_new:
 *
 * Returns: (transfer full): a selection of rows of @model, nothing selected
 */
LiaisonCommunicationSelection *
liaison_communication_selection_new (LiaisonCommunicationModel *model)
{
  LiaisonCommunicationSelection *self;

  g_return_val_if_fail (LIAISON_IS_COMMUNICATION_MODEL (model), NULL);

  self = g_object_new (LIAISON_TYPE_COMMUNICATION_SELECTION, NULL);
  self->model = g_object_ref (model);
  self->n_items = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_signal_connect_object (model, "items-changed", G_CALLBACK (on_model_items_changed),
                           self, G_CONNECT_SWAPPED);
  return self;
}
