/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-map"

#include "config.h"

#include <string.h>

#include "liaison-map-impact.h"
#include "liaison-map-private.h"

/*
 * A breadth-first walk from the origin along the edges (dependencies) or
 * against them (dependents), every edge of the map counted, those into
 * hubs too: the first time a node is reached is along a shortest path. A
 * hub is listed where it is reached but not gone through unless asked for
 * (map.md 3: everything asks the DNS server, which does not make
 * everything depend on what the DNS server calls). A node at the depth
 * limit is not gone through either. Nothing is visited twice, so a cycle
 * costs nothing; the cycles are then found once each, as the strongly
 * connected parts of what was walked (Tarjan's algorithm, without
 * recursion).
 */

#define UNSEEN G_MAXUINT

/* The neighbours of each node in the walk's direction, in one array. */
typedef struct
{
  guint *first;       /* n_nodes + 1 */
  guint *next;
} Adjacency;

static void
adjacency_init (Adjacency              *adj,
                LiaisonMap             *map,
                LiaisonImpactDirection  direction)
{
  guint n_nodes = map->nodes->len;
  guint n_edges = map->edges->len;
  g_autofree guint *fill = g_new0 (guint, n_nodes);

  adj->first = g_new0 (guint, n_nodes + 1);
  adj->next = g_new (guint, MAX (n_edges, 1));

  for (guint i = 0; i < n_edges; i++)
    {
      const LiaisonMapEdge *edge = &g_array_index (map->edges, LiaisonMapEdge, i);

      if (edge->client != edge->listener)
        adj->first[(direction == LIAISON_IMPACT_DEPENDENCIES ? edge->client : edge->listener) + 1]++;
    }
  for (guint i = 0; i < n_nodes; i++)
    adj->first[i + 1] += adj->first[i];
  for (guint i = 0; i < n_edges; i++)
    {
      const LiaisonMapEdge *edge = &g_array_index (map->edges, LiaisonMapEdge, i);
      guint from, to;

      if (edge->client == edge->listener)
        continue;
      from = direction == LIAISON_IMPACT_DEPENDENCIES ? edge->client : edge->listener;
      to = direction == LIAISON_IMPACT_DEPENDENCIES ? edge->listener : edge->client;
      adj->next[adj->first[from] + fill[from]++] = to;
    }
}

static void
adjacency_clear (Adjacency *adj)
{
  g_free (adj->first);
  g_free (adj->next);
}

typedef struct
{
  guint node;
  guint edge;          /* the next neighbour to look at */
} Frame;

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

/* Cycles by their first node (each node is in one cycle at most). */
static int
compare_cycles (gconstpointer a,
                gconstpointer b)
{
  const GArray *x = *(const GArray * const *) a, *y = *(const GArray * const *) b;

  return compare_uint (x->data, y->data);
}

/*
 * The strongly connected parts of the graph of the nodes with @include
 * set, along the edges out of the nodes with @follow set: each such node
 * gets the number of its part in @part (the others UNSEEN). Parts are
 * numbered in the order they are found, which is such that every part
 * reachable from a part has a smaller number. Returns how many there are.
 */
static guint
strong_parts (const Adjacency *adj,
              guint            n_nodes,
              const gboolean  *include,
              const gboolean  *follow,
              guint           *part)
{
  g_autofree guint *index = g_new (guint, n_nodes);
  g_autofree guint *low = g_new (guint, n_nodes);
  g_autofree gboolean *on_stack = g_new0 (gboolean, n_nodes);
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (Frame));
  guint counter = 0, n_parts = 0;

  for (guint i = 0; i < n_nodes; i++)
    index[i] = part[i] = UNSEEN;

  for (guint root = 0; root < n_nodes; root++)
    {
      Frame start = { root, 0 };

      if (!include[root] || index[root] != UNSEEN)
        continue;

      g_array_append_val (frames, start);
      index[root] = low[root] = counter++;
      g_array_append_val (stack, root);
      on_stack[root] = TRUE;

      while (frames->len > 0)
        {
          Frame *frame = &g_array_index (frames, Frame, frames->len - 1);
          guint v = frame->node;
          guint end = follow[v] ? adj->first[v + 1] : adj->first[v];

          if (adj->first[v] + frame->edge < end)
            {
              guint w = adj->next[adj->first[v] + frame->edge++];

              if (!include[w])
                continue;
              if (index[w] == UNSEEN)
                {
                  Frame next = { w, 0 };

                  index[w] = low[w] = counter++;
                  g_array_append_val (stack, w);
                  on_stack[w] = TRUE;
                  g_array_append_val (frames, next);
                }
              else if (on_stack[w])
                low[v] = MIN (low[v], index[w]);
              continue;
            }

          /* v is done. */
          g_array_set_size (frames, frames->len - 1);
          if (frames->len > 0)
            {
              guint parent = g_array_index (frames, Frame, frames->len - 1).node;

              low[parent] = MIN (low[parent], low[v]);
            }
          if (low[v] == index[v])
            {
              guint w;

              do
                {
                  w = g_array_index (stack, guint, stack->len - 1);
                  g_array_set_size (stack, stack->len - 1);
                  on_stack[w] = FALSE;
                  part[w] = n_parts;
                }
              while (w != v);
              n_parts++;
            }
        }
    }
  return n_parts;
}

/* The parts of more than one node among the nodes walked, along the edges
 * out of nodes gone through. */
static GPtrArray *
find_cycles (LiaisonMap      *map,
             const Adjacency *adj,
             const guint     *distance,
             const gboolean  *expanded)
{
  guint n_nodes = map->nodes->len;
  GPtrArray *cycles = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autofree gboolean *walked = g_new (gboolean, n_nodes);
  g_autofree guint *part = g_new (guint, n_nodes);
  g_autoptr(GPtrArray) parts = NULL;
  guint n_parts;

  for (guint i = 0; i < n_nodes; i++)
    walked[i] = distance[i] != UNSEEN;
  n_parts = strong_parts (adj, n_nodes, walked, expanded, part);

  /* Each part's nodes, in node order. */
  parts = g_ptr_array_new_full (n_parts, NULL);
  g_ptr_array_set_size (parts, n_parts);
  for (guint i = 0; i < n_nodes; i++)
    {
      GArray *nodes;

      if (part[i] == UNSEEN)
        continue;
      if ((nodes = g_ptr_array_index (parts, part[i])) == NULL)
        nodes = g_ptr_array_index (parts, part[i]) = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (nodes, i);
    }
  for (guint p = 0; p < n_parts; p++)
    {
      GArray *nodes = g_ptr_array_index (parts, p);

      if (nodes->len > 1)
        g_ptr_array_add (cycles, nodes);
      else
        g_array_unref (nodes);
    }

  g_ptr_array_sort (cycles, compare_cycles);
  return cycles;
}

static int
compare_impact_nodes (gconstpointer a,
                      gconstpointer b)
{
  const LiaisonImpactNode *x = a, *y = b;

  if (x->distance != y->distance)
    return x->distance < y->distance ? -1 : 1;
  return (x->node > y->node) - (x->node < y->node);
}

/**
 * liaison_map_impact:
 * @origin: a node of @map (liaison_map_lookup_node())
 * @max_depth: the longest path followed; 0 for no limit
 * @through_hubs: go on through hubs rather than stop at them
 *
 * Returns: (transfer full): the dependents or the dependencies of @origin
 */
LiaisonImpact *
liaison_map_impact (LiaisonMap              *map,
                    guint                    origin,
                    LiaisonImpactDirection   direction,
                    guint                    max_depth,
                    gboolean                 through_hubs)
{
  guint n_nodes;
  LiaisonImpact *impact;
  Adjacency adj;
  g_autofree guint *distance = NULL;
  g_autofree gboolean *expanded = NULL;
  g_autofree guint *queue = NULL;
  guint head = 0, tail = 0;

  g_return_val_if_fail (map != NULL, NULL);
  g_return_val_if_fail (origin < map->nodes->len, NULL);

  n_nodes = map->nodes->len;
  adjacency_init (&adj, map, direction);
  distance = g_new (guint, n_nodes);
  expanded = g_new0 (gboolean, n_nodes);
  queue = g_new (guint, n_nodes);
  for (guint i = 0; i < n_nodes; i++)
    distance[i] = UNSEEN;

  impact = g_new0 (LiaisonImpact, 1);
  impact->origin = origin;
  impact->direction = direction;
  impact->nodes = g_array_new (FALSE, FALSE, sizeof (LiaisonImpactNode));

  distance[origin] = 0;
  queue[tail++] = origin;
  while (head < tail)
    {
      guint v = queue[head++];
      const LiaisonMapNode *node = &g_array_index (map->nodes, LiaisonMapNode, v);

      if (v != origin)
        {
          LiaisonImpactNode found = { v, distance[v], node->hub };

          g_array_append_val (impact->nodes, found);
          if ((node->hub && !through_hubs) || (max_depth > 0 && distance[v] >= max_depth))
            continue;
        }

      expanded[v] = TRUE;
      for (guint e = adj.first[v]; e < adj.first[v + 1]; e++)
        {
          guint w = adj.next[e];

          if (distance[w] == UNSEEN)
            {
              distance[w] = distance[v] + 1;
              queue[tail++] = w;
            }
        }
    }

  g_array_sort (impact->nodes, compare_impact_nodes);
  impact->cycles = find_cycles (map, &adj, distance, expanded);
  adjacency_clear (&adj);
  return impact;
}

/**
 * liaison_map_impact_counts:
 * @counts: (out caller-allocates) (array): one count per node of @map
 *
 * Counts, for every node at once, the nodes that liaison_map_impact() with
 * no depth limit and stopping at hubs lists. Every node reaches what the
 * strongly connected part it is in reaches, so the parts' reach, as
 * bitmaps, is summed once in the order Tarjan's algorithm finds them, and
 * a node's count is that of the parts of its neighbours: a few passes over
 * the edges, not a walk from each node.
 */
void
liaison_map_impact_counts (LiaisonMap             *map,
                           LiaisonImpactDirection  direction,
                           guint                  *counts)
{
  guint n_nodes;
  guint words;
  Adjacency adj;
  g_autofree gboolean *all = NULL;
  g_autofree gboolean *follow = NULL;
  g_autofree guint *part = NULL;
  g_autofree guint *first = NULL;
  g_autofree guint *members = NULL;
  g_autofree guint64 *reach = NULL;
  g_autofree guint64 *found = NULL;
  guint n_parts;

  g_return_if_fail (map != NULL);
  g_return_if_fail (counts != NULL);

  n_nodes = map->nodes->len;
  if (n_nodes == 0)
    return;
  words = (n_nodes + 63) / 64;
  adjacency_init (&adj, map, direction);
  all = g_new (gboolean, n_nodes);
  follow = g_new (gboolean, n_nodes);
  part = g_new (guint, n_nodes);
  for (guint i = 0; i < n_nodes; i++)
    {
      all[i] = TRUE;
      /* A hub is listed where it is reached, not gone through. */
      follow[i] = !g_array_index (map->nodes, LiaisonMapNode, i).hub;
    }
  n_parts = strong_parts (&adj, n_nodes, all, follow, part);

  /* The members of each part, part by part. */
  first = g_new0 (guint, n_parts + 1);
  members = g_new (guint, n_nodes);
  for (guint i = 0; i < n_nodes; i++)
    first[part[i] + 1]++;
  for (guint p = 0; p < n_parts; p++)
    first[p + 1] += first[p];
  {
    g_autofree guint *fill = g_new0 (guint, n_parts);

    for (guint i = 0; i < n_nodes; i++)
      members[first[part[i]] + fill[part[i]]++] = i;
  }

  /* What each part reaches, itself included: what its members follow to
   * lies in parts found before it. */
  reach = g_new0 (guint64, (gsize) n_parts * words);
  for (guint p = 0; p < n_parts; p++)
    {
      guint64 *bits = &reach[(gsize) p * words];

      for (guint m = first[p]; m < first[p + 1]; m++)
        {
          guint v = members[m];

          bits[v / 64] |= G_GUINT64_CONSTANT (1) << (v % 64);
          for (guint e = adj.first[v]; follow[v] && e < adj.first[v + 1]; e++)
            {
              guint q = part[adj.next[e]];

              if (q != p)
                for (guint w = 0; w < words; w++)
                  bits[w] |= reach[(gsize) q * words + w];
            }
        }
    }

  /* A walk starts by going through its origin, hub or not. */
  found = g_new (guint64, words);
  for (guint v = 0; v < n_nodes; v++)
    {
      guint count = 0;

      memset (found, 0, words * sizeof (guint64));
      for (guint e = adj.first[v]; e < adj.first[v + 1]; e++)
        for (guint w = 0; w < words; w++)
          found[w] |= reach[(gsize) part[adj.next[e]] * words + w];
      found[v / 64] &= ~(G_GUINT64_CONSTANT (1) << (v % 64));
      for (guint w = 0; w < words; w++)
        count += (guint) __builtin_popcountll (found[w]);
      counts[v] = count;
    }
  adjacency_clear (&adj);
}

void
liaison_impact_free (LiaisonImpact *impact)
{
  if (impact == NULL)
    return;
  g_array_unref (impact->nodes);
  g_ptr_array_unref (impact->cycles);
  g_free (impact);
}
