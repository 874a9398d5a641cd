/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-listener-matches"

#include "config.h"

#include <string.h>

#include "liaison-listener-list.h"
#include "liaison-stat-listener.h"

/*
 * The listeners a search of the list finds, in the listeners' order: a
 * list model over the page's listeners, as a filter model would be, made
 * for 100,000 of them.
 *
 * Every listener's search text (liaison_stat_listener_matches_search())
 * is kept in one block, each followed by a separator, so that a search is
 * one strstr() sweep over it rather than a call, a lookup and a strstr()
 * per listener. A match of a search without the separator cannot span two
 * listeners; a search with it (no one types it) looks at each alone.
 * A new search tells the views only what changed between the old matches
 * and the new: the rows before and after the change keep their widgets.
 */

struct _LiaisonListenerMatches
{
  GObject     parent_instance;

  GListModel *listeners;
  GPtrArray  *all;          /* LiaisonStatListener, the listeners' order */
  GString    *texts;        /* their search texts, each followed by SEPARATOR */
  GArray     *starts;       /* guint: where each text begins in texts */
  GPtrArray  *matches;      /* LiaisonStatListener (borrowed from all) */
  char       *search;       /* casefolded, or NULL for every listener */
};

static GType
liaison_listener_matches_get_item_type (GListModel *model)
{
  return LIAISON_TYPE_STAT_LISTENER;
}

static guint
liaison_listener_matches_get_n_items (GListModel *model)
{
  return LIAISON_LISTENER_MATCHES (model)->matches->len;
}

static gpointer
liaison_listener_matches_get_item (GListModel *model,
                                   guint       position)
{
  LiaisonListenerMatches *self = LIAISON_LISTENER_MATCHES (model);

  if (position >= self->matches->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->matches, position));
}

static void
liaison_listener_matches_model_init (GListModelInterface *iface)
{
  iface->get_item_type = liaison_listener_matches_get_item_type;
  iface->get_n_items = liaison_listener_matches_get_n_items;
  iface->get_item = liaison_listener_matches_get_item;
}

#define SEPARATOR '\x1f'

G_DEFINE_FINAL_TYPE_WITH_CODE (LiaisonListenerMatches, liaison_listener_matches, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, liaison_listener_matches_model_init))

/* The listeners that hold the search, in order. */
static GPtrArray *
find_matches (LiaisonListenerMatches *self)
{
  GPtrArray *found;
  const char *at = self->texts->str;
  guint i = 0;

  if (self->search == NULL || strchr (self->search, SEPARATOR) != NULL)
    {
      found = g_ptr_array_sized_new (self->all->len);
      for (guint k = 0; k < self->all->len; k++)
        if (liaison_stat_listener_matches_search (g_ptr_array_index (self->all, k), self->search))
          g_ptr_array_add (found, g_ptr_array_index (self->all, k));
      return found;
    }

  found = g_ptr_array_new ();
  while (TRUE)
    {
      const char *hit = strstr (at, self->search);
      guint offset;

      if (hit == NULL)
        break;
      /* The listener whose text holds the hit; the next search starts
       * with the text after it. */
      offset = hit - self->texts->str;
      while (i + 1 < self->starts->len && g_array_index (self->starts, guint, i + 1) <= offset)
        i++;
      g_ptr_array_add (found, g_ptr_array_index (self->all, i));
      if (++i >= self->starts->len)
        break;
      at = self->texts->str + g_array_index (self->starts, guint, i);
    }
  return found;
}

/* Shows @found instead of the matches, telling only what changed. */
static void
show_matches (LiaisonListenerMatches *self,
              GPtrArray              *found)
{
  GPtrArray *old = self->matches;
  guint head = 0, tail = 0;

  while (head < old->len && head < found->len &&
         g_ptr_array_index (old, head) == g_ptr_array_index (found, head))
    head++;
  while (tail < old->len - head && tail < found->len - head &&
         g_ptr_array_index (old, old->len - 1 - tail) == g_ptr_array_index (found, found->len - 1 - tail))
    tail++;

  self->matches = found;
  if (old->len != found->len || head < old->len)
    g_list_model_items_changed (G_LIST_MODEL (self), head, old->len - head - tail, found->len - head - tail);
  g_ptr_array_unref (old);
}

static void
listeners_changed_cb (LiaisonListenerMatches *self,
                      guint                   position,
                      guint                   removed,
                      guint                   added,
                      GListModel             *listeners)
{
  GPtrArray *old_all = self->all;
  guint n = g_list_model_get_n_items (listeners);

  /* The old matches hold their listeners until the views have let go. */
  self->all = g_ptr_array_new_full (n, g_object_unref);
  g_string_truncate (self->texts, 0);
  g_array_set_size (self->starts, 0);
  for (guint i = 0; i < n; i++)
    {
      LiaisonStatListener *listener = g_list_model_get_item (listeners, i);
      guint start = self->texts->len;

      g_ptr_array_add (self->all, listener);
      g_array_append_val (self->starts, start);
      g_string_append (self->texts, liaison_stat_listener_get_search_text (listener));
      g_string_append_c (self->texts, SEPARATOR);
    }

  show_matches (self, find_matches (self));
  g_ptr_array_unref (old_all);
}

/**
 * liaison_listener_matches_set_search:
 * @folded: (nullable): a search, casefolded (g_utf8_casefold()), or %NULL
 *   (or empty) for every listener
 *
 * Shows the listeners that hold @folded.
 */
void
liaison_listener_matches_set_search (LiaisonListenerMatches *self,
                                     const char             *folded)
{
  g_return_if_fail (LIAISON_IS_LISTENER_MATCHES (self));

  if (folded != NULL && folded[0] == '\0')
    folded = NULL;
  if (g_strcmp0 (folded, self->search) == 0)
    return;
  g_free (self->search);
  self->search = g_strdup (folded);
  show_matches (self, find_matches (self));
}

static void
liaison_listener_matches_dispose (GObject *object)
{
  LiaisonListenerMatches *self = LIAISON_LISTENER_MATCHES (object);

  if (self->listeners != NULL)
    g_signal_handlers_disconnect_by_data (self->listeners, self);
  g_clear_object (&self->listeners);

  G_OBJECT_CLASS (liaison_listener_matches_parent_class)->dispose (object);
}

static void
liaison_listener_matches_finalize (GObject *object)
{
  LiaisonListenerMatches *self = LIAISON_LISTENER_MATCHES (object);

  g_ptr_array_unref (self->matches);
  g_ptr_array_unref (self->all);
  g_string_free (self->texts, TRUE);
  g_array_unref (self->starts);
  g_free (self->search);

  G_OBJECT_CLASS (liaison_listener_matches_parent_class)->finalize (object);
}

static void
liaison_listener_matches_class_init (LiaisonListenerMatchesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = liaison_listener_matches_dispose;
  object_class->finalize = liaison_listener_matches_finalize;
}

static void
liaison_listener_matches_init (LiaisonListenerMatches *self)
{
  self->all = g_ptr_array_new_with_free_func (g_object_unref);
  self->texts = g_string_new (NULL);
  self->starts = g_array_new (FALSE, FALSE, sizeof (guint));
  self->matches = g_ptr_array_new ();
}

/**
 * liaison_listener_matches_new:
 * @listeners: (element-type LiaisonStatListener): the listeners
 *
 * Returns: (transfer full): the listeners of @listeners that hold the
 *   search; every one until a search is set
 */
LiaisonListenerMatches *
liaison_listener_matches_new (GListModel *listeners)
{
  LiaisonListenerMatches *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (listeners), NULL);

  self = g_object_new (LIAISON_TYPE_LISTENER_MATCHES, NULL);
  self->listeners = g_object_ref (listeners);
  g_signal_connect_object (listeners, "items-changed", G_CALLBACK (listeners_changed_cb), self, G_CONNECT_SWAPPED);
  listeners_changed_cb (self, 0, 0, g_list_model_get_n_items (listeners), listeners);
  return self;
}
