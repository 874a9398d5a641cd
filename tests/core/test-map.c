/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "liaison-error.h"
#include "liaison-map.h"
#include "liaison-services.h"
#include "liaison-store-communications.h"
#include "liaison-store-groups.h"
#include "map-fixture.h"

/*
 * The map of the hand-built store (map-fixture.h), node by node and edge by
 * edge, against figures worked out by hand from statistics.md:
 *
 * netstat part, per statistics record (total, active, ports): created with
 * total 1 by the first sample it is active in, total + 1 in each later sample
 * of its host where its listener is found, active + 1 and ports + k when it
 * has k client ports. Persistence is 100 * active / total, weight ports /
 * active, summed over an edge's records first.
 *
 * netflow part (I = 300 s, E = 2026-11-22T00:10): events are distinct client
 * ports per file; web01 -> dns01 53/udp has 10-11 s, 60-61 s (file one) and
 * 05:10-05:11 (file two): holes of 49 s and 249 s are within I, so active
 * 00:00:10 to 00:05:11 = 301 s; web02's 00:00:20-21 and 00:09:00-01 leave a
 * gap of 519 s > I: active 2 s.
 *
 * silent: a netstat part is silent from its last found to its host's newest
 * sample (T3 2026-11-22), a netflow part E - last found when that is over I
 * (else 0), a record the smaller of its parts, an edge the smallest of its
 * records. 192.168.10.5 -> web01 443: netstat 1 day, netflow E - 00:02:30 =
 * 450 s: 450 s.
 */

#define DAY 86400000

typedef struct
{
  const char *client;
  const char *listener;
  guint       port;
  const char *protocol;
  const char *service;
  gint64      records;
  gint64      ns_total;          /* -1: no netstat part */
  gint64      ns_active;
  gint64      ns_ports;
  double      persistence;
  double      weight;
  gint64      events;            /* -1: no netflow part */
  gint64      flow_samples;
  gint64      flow_span;         /* ms */
  const char *first;             /* NULL: none */
  const char *last;
  gint64      silent;            /* ms, -1: not known */
} Expected;

#define T1 "2026-11-20T00:00:00Z"
#define T2 "2026-11-21T00:00:00Z"
#define T3 "2026-11-22T00:00:00Z"

/* The whole map by device, in the map's order: client node, listener node,
 * protocol, port; nodes are devices by name, then addresses in order. */
static const Expected by_device[] = {
  { "db01", "db01", 5432, "tcp", "postgresql", 1, 3, 1, 1, 100.0 / 3, 1.0, -1, 0, 0, T1, T1, 2 * DAY },
  { "db01", "db02", 3306, "tcp", "mysql", 1, 3, 2, 2, 200.0 / 3, 1.0, -1, 0, 0, T1, T2, DAY },
  { "db01", "dns01", 53, "udp", "domain", 1, -1, 0, 0, -1, -1, 1, 1, 1000,
    "2026-11-22T00:00:30Z", "2026-11-22T00:00:31Z", 569000 },
  { "db02", "dns01", 53, "udp", "domain", 1, -1, 0, 0, -1, -1, 1, 1, 1000,
    "2026-11-22T00:00:40Z", "2026-11-22T00:00:41Z", 559000 },
  { "db02", "web01", 8080, "tcp", "http-alt", 1, 3, 1, 1, 100.0 / 3, 1.0, -1, 0, 0, T1, T1, 2 * DAY },
  /* 00:06:01 is 239 s before E: pending, not silent. */
  { "dns01", "198.51.100.1", 53, "udp", "domain", 1, -1, 0, 0, -1, -1, 1, 1, 1000,
    "2026-11-22T00:06:00Z", "2026-11-22T00:06:01Z", 0 },
  { "web01", "db01", 5432, "tcp", "postgresql", 1, 3, 2, 2, 200.0 / 3, 1.0, -1, 0, 0, T1, T2, DAY },
  { "web01", "db02", 3306, "tcp", "mysql", 1, 3, 1, 1, 100.0 / 3, 1.0, -1, 0, 0, T1, T1, 2 * DAY },
  { "web01", "dns01", 53, "tcp", "domain", 1, 1, 1, 1, 100.0, 1.0, -1, 0, 0, T3, T3, 0 },
  { "web01", "dns01", 53, "udp", "domain", 1, -1, 0, 0, -1, -1, 3, 2, 301000,
    "2026-11-22T00:00:10Z", "2026-11-22T00:05:11Z", 0 },
  { "web01", "web01", 6379, "tcp", "redis", 1, 3, 2, 2, 200.0 / 3, 1.0, -1, 0, 0, T1, T2, DAY },
  /* Typed in by hand: no statistics, no times. */
  { "web01", "203.0.113.10", 443, "tcp", "https", 1, -1, 0, 0, -1, -1, -1, 0, 0, NULL, NULL, -1 },
  { "web02", "db01", 5432, "tcp", "postgresql", 1, 3, 3, 4, 100.0, 4.0 / 3, -1, 0, 0, T1, T3, 0 },
  { "web02", "dns01", 53, "udp", "domain", 1, -1, 0, 0, -1, -1, 2, 2, 2000,
    "2026-11-22T00:00:20Z", "2026-11-22T00:09:01Z", 0 },
  { "192.168.10.5", "dns01", 53, "udp", "domain", 1, -1, 0, 0, -1, -1, 1, 1, 1000,
    "2026-11-22T00:00:50Z", "2026-11-22T00:00:51Z", 549000 },
  /* Both parts: the record's netflow part is 00:02:00-00:02:30. */
  { "192.168.10.5", "web01", 443, "tcp", "https", 1, 3, 2, 3, 200.0 / 3, 1.5, 1, 1, 30000,
    T1, "2026-11-22T00:02:30Z", 450000 },
  { "192.168.10.6", "web01", 443, "tcp", "https", 1, 1, 1, 1, 100.0, 1.0, -1, 0, 0, T3, T3, 0 },
  { "192.168.10.6", "web02", 443, "tcp", "https", 1, 3, 2, 3, 200.0 / 3, 1.5, -1, 0, 0, T1, T2, DAY },
  { "192.168.20.7", "web01", 443, "tcp", "https", 1, 3, 1, 1, 100.0 / 3, 1.0, -1, 0, 0, T1, T1, 2 * DAY },
};

static const char *device_nodes[] = {
  "db01", "db02", "dns01", "web01", "web02",
  "192.168.10.5", "192.168.10.6", "192.168.20.7", "198.51.100.1", "203.0.113.10",
};

static void
assert_time (LiaisonTime  time,
             const char  *expected)
{
  if (expected == NULL)
    g_assert_cmpint (time, ==, LIAISON_TIME_NONE);
  else
    g_assert_cmpint (time, ==, liaison_test_time (expected));
}

static void
assert_edge (LiaisonMap           *map,
             const LiaisonMapEdge *edge,
             const Expected       *e)
{
  g_test_message ("edge %s -> %s %u/%s", e->client, e->listener, e->port, e->protocol);
  g_assert_cmpstr (liaison_map_get_node (map, edge->client)->id, ==, e->client);
  g_assert_cmpstr (liaison_map_get_node (map, edge->listener)->id, ==, e->listener);
  g_assert_cmpuint (edge->port, ==, e->port);
  g_assert_cmpstr (edge->protocol, ==, e->protocol);
  g_assert_cmpstr (edge->service, ==, e->service);
  g_assert_cmpint (edge->records, ==, e->records);

  g_assert_cmpint (edge->has_netstat, ==, e->ns_total >= 0);
  if (e->ns_total >= 0)
    {
      g_assert_cmpint (edge->ns_total_samples, ==, e->ns_total);
      g_assert_cmpint (edge->ns_active_samples, ==, e->ns_active);
      g_assert_cmpint (edge->ns_total_ports, ==, e->ns_ports);
      g_assert_cmpfloat_with_epsilon (edge->persistence_percent, e->persistence, 1e-9);
      g_assert_cmpfloat_with_epsilon (edge->weight, e->weight, 1e-9);
    }
  else
    {
      g_assert_cmpfloat (edge->persistence_percent, ==, -1);
      g_assert_cmpfloat (edge->weight, ==, -1);
    }

  g_assert_cmpint (edge->has_netflow, ==, e->events >= 0);
  if (e->events >= 0)
    {
      g_assert_cmpint (edge->flow_events, ==, e->events);
      g_assert_cmpint (edge->flow_active_samples, ==, e->flow_samples);
      g_assert_cmpint (edge->flow_active_span, ==, e->flow_span);
    }

  assert_time (edge->first_found, e->first);
  assert_time (edge->last_found, e->last);
  g_assert_cmpint (edge->silent_span, ==, e->silent);
}

/* The drawn edges are exactly @expected, in order. */
static void
assert_edges (LiaisonMap     *map,
              const Expected *expected,
              guint           n_expected)
{
  const LiaisonMapEdge *edges;
  guint n;

  edges = liaison_map_get_edges (map, &n);
  for (guint i = 0; i < MIN (n, n_expected); i++)
    assert_edge (map, &edges[i], &expected[i]);
  g_assert_cmpuint (n, ==, n_expected);
}

static const Expected *
find_expected (const char *client,
               const char *listener,
               guint       port,
               const char *protocol)
{
  for (guint i = 0; i < G_N_ELEMENTS (by_device); i++)
    if (g_str_equal (by_device[i].client, client) && g_str_equal (by_device[i].listener, listener) &&
        by_device[i].port == port && g_str_equal (by_device[i].protocol, protocol))
      return &by_device[i];
  g_assert_not_reached ();
}

/* The drawn edges are the edges of by_device named "client>listener:port/protocol", in order. */
static void
assert_edge_names (LiaisonMap         *map,
                   const char * const *names)
{
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (Expected));

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_regex_split_simple ("[>:/]", names[i], 0, 0);

      g_assert_cmpuint (g_strv_length (parts), ==, 4);
      g_array_append_vals (expected, find_expected (parts[0], parts[1],
                                                    (guint) g_ascii_strtoull (parts[2], NULL, 10),
                                                    parts[3]), 1);
    }
  assert_edges (map, (const Expected *) (gpointer) expected->data, expected->len);
}

static void
assert_nodes (LiaisonMap         *map,
              const char * const *ids,
              guint               n_ids)
{
  for (guint i = 0; i < MIN (n_ids, liaison_map_get_n_nodes (map)); i++)
    g_assert_cmpstr (liaison_map_get_node (map, i)->id, ==, ids[i]);
  g_assert_cmpuint (liaison_map_get_n_nodes (map), ==, n_ids);
}

static void
assert_addresses (LiaisonMap *map,
                  const char *node,
                  const char *joined)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) addresses = NULL;
  g_autofree char *text = NULL;
  guint index = G_MAXUINT;

  g_assert_true (liaison_map_lookup_node (map, node, &index, &error));
  g_assert_no_error (error);
  addresses = liaison_map_dup_addresses (map, index);
  text = g_strjoinv (",", addresses);
  g_assert_cmpstr (text, ==, joined);
  g_assert_cmpuint (liaison_map_get_node (map, index)->n_addresses, ==, g_strv_length (addresses));
}

static const LiaisonMapNode *
node_named (LiaisonMap *map,
            const char *name)
{
  guint index = G_MAXUINT;

  g_assert_true (liaison_map_lookup_node (map, name, &index, NULL));
  return liaison_map_get_node (map, index);
}

/* The whole map -------------------------------------------------------------- */

static void
test_by_device (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  g_autoptr(LiaisonMap) map = map_fixture_map (f, NULL, NULL);
  guint n_hub = 99;

  assert_nodes (map, device_nodes, G_N_ELEMENTS (device_nodes));
  g_assert_cmpint (node_named (map, "db01")->kind, ==, LIAISON_MAP_NODE_DEVICE);
  g_assert_cmpint (node_named (map, "192.168.10.5")->kind, ==, LIAISON_MAP_NODE_ADDRESS);

  /* A loopback address belongs to each device it was seen on. */
  assert_addresses (map, "web01", "10.0.1.11,127.0.0.1");
  assert_addresses (map, "db01", "10.0.2.21,127.0.0.1");
  assert_addresses (map, "dns01", "10.0.3.53");
  assert_addresses (map, "203.0.113.10", "203.0.113.10");

  /* Other nodes calling it, other nodes it calls (self-edges do not count). */
  g_assert_cmpuint (node_named (map, "web01")->client_nodes, ==, 4);
  g_assert_cmpuint (node_named (map, "web01")->listener_nodes, ==, 4);
  g_assert_cmpuint (node_named (map, "dns01")->client_nodes, ==, 5);
  g_assert_cmpuint (node_named (map, "dns01")->listener_nodes, ==, 1);
  g_assert_cmpuint (node_named (map, "192.168.10.6")->client_nodes, ==, 0);
  g_assert_cmpuint (node_named (map, "192.168.10.6")->listener_nodes, ==, 2);
  for (guint i = 0; i < liaison_map_get_n_nodes (map); i++)
    g_assert_false (liaison_map_get_node (map, i)->hub);

  assert_edges (map, by_device, G_N_ELEMENTS (by_device));
  liaison_map_get_hub_edges (map, &n_hub);
  g_assert_cmpuint (n_hub, ==, 0);
}

/* Filters (map.md 3) ---------------------------------------------------------- */

static void
test_min_persistence (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  LiaisonMapFilter filter = { .min_persistence = 50 };
  g_autoptr(LiaisonMap) map = map_fixture_map (f, &filter, NULL);
  /* Netstat edges at 50 % or more; edges with only netflow pass with their
   * events; the edge typed by hand has neither. */
  const char *names[] = {
    "db01>db02:3306/tcp", "db01>dns01:53/udp", "db02>dns01:53/udp", "dns01>198.51.100.1:53/udp",
    "web01>db01:5432/tcp", "web01>dns01:53/tcp", "web01>dns01:53/udp", "web01>web01:6379/tcp",
    "web02>db01:5432/tcp", "web02>dns01:53/udp", "192.168.10.5>dns01:53/udp",
    "192.168.10.5>web01:443/tcp", "192.168.10.6>web01:443/tcp", "192.168.10.6>web02:443/tcp", NULL
  };
  const char *nodes[] = {
    "db01", "db02", "dns01", "web01", "web02", "192.168.10.5", "192.168.10.6", "198.51.100.1",
  };

  assert_edge_names (map, names);
  /* A node with no edge left is not in the map. */
  assert_nodes (map, nodes, G_N_ELEMENTS (nodes));
  assert_addresses (map, "db01", "10.0.2.21");
}

static void
test_min_events (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  LiaisonMapFilter filter = { .min_events = 2 };
  g_autoptr(LiaisonMap) map = map_fixture_map (f, &filter, NULL);
  /* Netflow edges with 2 events or more; edges netstat found and netflow
   * did not pass; 192.168.10.5 -> web01 has 1 event. */
  const char *names[] = {
    "db01>db01:5432/tcp", "db01>db02:3306/tcp", "db02>web01:8080/tcp", "web01>db01:5432/tcp",
    "web01>db02:3306/tcp", "web01>dns01:53/tcp", "web01>dns01:53/udp", "web01>web01:6379/tcp",
    "web02>db01:5432/tcp", "web02>dns01:53/udp", "192.168.10.6>web01:443/tcp",
    "192.168.10.6>web02:443/tcp", "192.168.20.7>web01:443/tcp", NULL
  };

  assert_edge_names (map, names);
}

static void
test_hide_loopback (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  LiaisonMapFilter filter = { .hide_loopback = TRUE };
  g_autoptr(LiaisonMap) map = map_fixture_map (f, &filter, NULL);
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (Expected));

  for (guint i = 0; i < G_N_ELEMENTS (by_device); i++)
    if (!g_str_equal (by_device[i].client, by_device[i].listener))
      g_array_append_vals (expected, &by_device[i], 1);
  g_assert_cmpuint (expected->len, ==, G_N_ELEMENTS (by_device) - 2);
  assert_edges (map, (const Expected *) (gpointer) expected->data, expected->len);
  assert_nodes (map, device_nodes, G_N_ELEMENTS (device_nodes));
  assert_addresses (map, "web01", "10.0.1.11");
}

static void
test_hide_ports (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  guint ports[] = { 443, 8080 };
  LiaisonMapFilter filter = { .hide_ports = ports, .n_hide_ports = 2 };
  g_autoptr(LiaisonMap) map = map_fixture_map (f, &filter, NULL);
  const char *names[] = {
    "db01>db01:5432/tcp", "db01>db02:3306/tcp", "db01>dns01:53/udp", "db02>dns01:53/udp",
    "dns01>198.51.100.1:53/udp", "web01>db01:5432/tcp", "web01>db02:3306/tcp", "web01>dns01:53/tcp",
    "web01>dns01:53/udp", "web01>web01:6379/tcp", "web02>db01:5432/tcp", "web02>dns01:53/udp",
    "192.168.10.5>dns01:53/udp", NULL
  };

  assert_edge_names (map, names);
}

static void
test_protocol (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  LiaisonMapFilter filter = { .protocol = "UDP" };
  g_autoptr(LiaisonMap) map = map_fixture_map (f, &filter, NULL);
  const char *names[] = {
    "db01>dns01:53/udp", "db02>dns01:53/udp", "dns01>198.51.100.1:53/udp", "web01>dns01:53/udp",
    "web02>dns01:53/udp", "192.168.10.5>dns01:53/udp", NULL
  };
  const char *nodes[] = { "db01", "db02", "dns01", "web01", "web02", "192.168.10.5", "198.51.100.1" };

  assert_edge_names (map, names);
  assert_nodes (map, nodes, G_N_ELEMENTS (nodes));
}

static void
test_hide_hubs (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  /* dns01 has 5 client nodes, web01 4: with 4, only dns01 is a hub. */
  LiaisonMapFilter filter = { .hide_hubs = 4 };
  g_autoptr(LiaisonMap) map = map_fixture_map (f, &filter, NULL);
  g_autoptr(GArray) drawn = g_array_new (FALSE, FALSE, sizeof (Expected));
  g_autoptr(GArray) into_hub = g_array_new (FALSE, FALSE, sizeof (Expected));
  const LiaisonMapEdge *hub_edges;
  guint n_hub;

  for (guint i = 0; i < G_N_ELEMENTS (by_device); i++)
    g_array_append_vals (g_str_equal (by_device[i].listener, "dns01") ? into_hub : drawn, &by_device[i], 1);
  g_assert_cmpuint (into_hub->len, ==, 6);

  assert_edges (map, (const Expected *) (gpointer) drawn->data, drawn->len);
  hub_edges = liaison_map_get_hub_edges (map, &n_hub);
  g_assert_cmpuint (n_hub, ==, into_hub->len);
  for (guint i = 0; i < n_hub; i++)
    assert_edge (map, &hub_edges[i], &g_array_index (into_hub, Expected, i));

  /* Drawn once, apart: still a node, with its figures. */
  assert_nodes (map, device_nodes, G_N_ELEMENTS (device_nodes));
  g_assert_true (node_named (map, "dns01")->hub);
  g_assert_cmpuint (node_named (map, "dns01")->client_nodes, ==, 5);
  g_assert_false (node_named (map, "web01")->hub);
  g_assert_cmpuint (node_named (map, "web01")->client_nodes, ==, 4);
}

static void
test_silent_at_least (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  g_autoptr(GError) error = NULL;
  LiaisonMapFilter filter = { 0 };
  g_autoptr(LiaisonMap) map = NULL;
  const char *names[] = {
    "db01>db01:5432/tcp", "db01>db02:3306/tcp", "db02>web01:8080/tcp", "web01>db01:5432/tcp",
    "web01>db02:3306/tcp", "web01>web01:6379/tcp", "192.168.10.6>web02:443/tcp",
    "192.168.20.7>web01:443/tcp", NULL
  };
  const char *names_555s[] = {
    "db01>db01:5432/tcp", "db01>db02:3306/tcp", "db01>dns01:53/udp", "db02>dns01:53/udp",
    "db02>web01:8080/tcp", "web01>db01:5432/tcp", "web01>db02:3306/tcp", "web01>web01:6379/tcp",
    "192.168.10.6>web02:443/tcp", "192.168.20.7>web01:443/tcp", NULL
  };

  g_assert_true (liaison_duration_parse ("1d", &filter.silent_at_least, &error));
  g_assert_no_error (error);
  map = map_fixture_map (f, &filter, NULL);
  assert_edge_names (map, names);
  g_clear_pointer (&map, liaison_map_unref);

  /* db01 -> dns01 has been silent for 569 s, db02 -> dns01 for 559 s,
   * 192.168.10.5 -> dns01 for 549 s: 10 minutes takes none of them, 555 s
   * the first two. */
  g_assert_true (liaison_duration_parse ("10m", &filter.silent_at_least, &error));
  map = map_fixture_map (f, &filter, NULL);
  assert_edge_names (map, names);
  g_clear_pointer (&map, liaison_map_unref);

  g_assert_true (liaison_duration_parse ("555s", &filter.silent_at_least, &error));
  map = map_fixture_map (f, &filter, NULL);
  assert_edge_names (map, names_555s);
}

/* map.md 3: "silent at least D: only edges silent for at least D
 * (decommission work), or seen within D": the edges whose silence is known
 * fall into one or the other; the edge typed in by hand into neither. */
static void
test_seen_within (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  LiaisonMapFilter filter = { 0 };
  g_autoptr(LiaisonMap) map = NULL;
  g_autoptr(GError) error = NULL;
  const char *within_1d[] = {
    "db01>dns01:53/udp", "db02>dns01:53/udp", "dns01>198.51.100.1:53/udp", "web01>dns01:53/tcp",
    "web01>dns01:53/udp", "web02>db01:5432/tcp", "web02>dns01:53/udp", "192.168.10.5>dns01:53/udp",
    "192.168.10.5>web01:443/tcp", "192.168.10.6>web01:443/tcp", NULL
  };
  /* 569 s and 559 s are not within 555 s; 549 s and 450 s are. */
  const char *within_555s[] = {
    "dns01>198.51.100.1:53/udp", "web01>dns01:53/tcp", "web01>dns01:53/udp", "web02>db01:5432/tcp",
    "web02>dns01:53/udp", "192.168.10.5>dns01:53/udp", "192.168.10.5>web01:443/tcp",
    "192.168.10.6>web01:443/tcp", NULL
  };

  g_assert_true (liaison_duration_parse ("1d", &filter.seen_within, &error));
  g_assert_no_error (error);
  map = map_fixture_map (f, &filter, NULL);
  assert_edge_names (map, within_1d);
  g_clear_pointer (&map, liaison_map_unref);

  g_assert_true (liaison_duration_parse ("555s", &filter.seen_within, &error));
  map = map_fixture_map (f, &filter, NULL);
  assert_edge_names (map, within_555s);
}

/* map.md 3: "a time range [from, to): only records seen in it
 * (statistics.md 3.6: a netstat run or a netflow activity interval meets
 * it), with every figure computed from the whole record as defined above". */
static void
test_time_range (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  LiaisonMapFilter filter = { .time_range = TRUE };
  g_autoptr(LiaisonMap) map = NULL;
  /* [T1, T2): what T1's samples found; 192.168.10.5 -> web01 keeps its
   * figures of T2, T3 and its flow. The edge typed by hand has no times. */
  const char *t1[] = {
    "db01>db01:5432/tcp", "db01>db02:3306/tcp", "db02>web01:8080/tcp", "web01>db01:5432/tcp",
    "web01>db02:3306/tcp", "web01>web01:6379/tcp", "web02>db01:5432/tcp", "192.168.10.5>web01:443/tcp",
    "192.168.10.6>web02:443/tcp", "192.168.20.7>web01:443/tcp", NULL
  };
  /* [T2, T3): runs that reach T2. db02 -> web01 8080 ran at T1 only: web01's
   * sample of T2 found 8080 listening without it, which ended its run. */
  const char *t2[] = {
    "db01>db02:3306/tcp", "web01>db01:5432/tcp", "web01>web01:6379/tcp", "web02>db01:5432/tcp",
    "192.168.10.5>web01:443/tcp", "192.168.10.6>web02:443/tcp", NULL
  };
  /* [00:03, 00:05) of 2026-11-22: no sample; web01 -> dns01 53/udp was
   * active 00:00:10 to 00:05:11 without a gap; web02's 00:00:21 to 00:09:00
   * is a gap, and the range lies inside it. */
  const char *flows[] = { "web01>dns01:53/udp", NULL };

  filter.range.from = liaison_test_time (T1);
  filter.range.to = liaison_test_time (T2);
  map = map_fixture_map (f, &filter, NULL);
  assert_edge_names (map, t1);
  g_clear_pointer (&map, liaison_map_unref);

  filter.range.from = liaison_test_time (T2);
  filter.range.to = liaison_test_time (T3);
  map = map_fixture_map (f, &filter, NULL);
  assert_edge_names (map, t2);
  g_clear_pointer (&map, liaison_map_unref);

  filter.range.from = liaison_test_time ("2026-11-22T00:03:00Z");
  filter.range.to = liaison_test_time ("2026-11-22T00:05:00Z");
  map = map_fixture_map (f, &filter, NULL);
  assert_edge_names (map, flows);
}

static void
test_filters_together (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  LiaisonMapFilter filter = { .min_persistence = 50, .hide_loopback = TRUE, .protocol = "tcp" };
  g_autoptr(LiaisonMap) map = map_fixture_map (f, &filter, NULL);
  const char *names[] = {
    "db01>db02:3306/tcp", "web01>db01:5432/tcp", "web01>dns01:53/tcp", "web02>db01:5432/tcp",
    "192.168.10.5>web01:443/tcp", "192.168.10.6>web01:443/tcp", "192.168.10.6>web02:443/tcp", NULL
  };

  assert_edge_names (map, names);
}

/* Grouping (map.md 1) --------------------------------------------------------- */

static void
test_group_subnets (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  LiaisonMapGrouping grouping = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonMap) map = NULL;
  const char *nodes[] = {
    "db01", "db02", "dns01", "web01", "web02",
    "192.168.10.0/24", "192.168.20.0/24", "198.51.100.0/24", "203.0.113.0/24",
  };
  /* 192.168.10.5 and .6 to web01 in one edge of two records: netstat
   * (3, 2, 3) + (1, 1, 1); the netflow part of .5's; silent: .6's is 0. */
  const Expected merged = {
    "192.168.10.0/24", "web01", 443, "tcp", "https", 2, 4, 3, 4, 75.0, 4.0 / 3, 1, 1, 30000,
    T1, "2026-11-22T00:02:30Z", 0
  };

  g_assert_true (liaison_map_grouping_parse ("subnet:24", &grouping, &error));
  g_assert_no_error (error);
  map = map_fixture_map (f, NULL, &grouping);
  assert_nodes (map, nodes, G_N_ELEMENTS (nodes));
  g_assert_cmpint (node_named (map, "192.168.10.0/24")->kind, ==, LIAISON_MAP_NODE_SUBNET);
  assert_addresses (map, "192.168.10.0/24", "192.168.10.5,192.168.10.6");
  /* Devices stay devices. */
  assert_addresses (map, "web01", "10.0.1.11,127.0.0.1");
  assert_edge (map, map_fixture_edge (map, "192.168.10.0/24", "web01", 443, "tcp"), &merged);
  /* An address finds its subnet. */
  g_assert_true (node_named (map, "192.168.10.6") == node_named (map, "192.168.10.0/24"));
  g_clear_pointer (&map, liaison_map_unref);

  /* /16 puts the two outside /24s together. */
  g_assert_true (liaison_map_grouping_parse ("subnet:16", &grouping, &error));
  map = map_fixture_map (f, NULL, &grouping);
  assert_addresses (map, "192.168.0.0/16", "192.168.10.5,192.168.10.6,192.168.20.7");
  g_assert_cmpint (map_fixture_edge (map, "192.168.0.0/16", "web01", 443, "tcp")->records, ==, 3);
}

static void
test_group_groups (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  LiaisonMapGrouping grouping = { .groups = TRUE };
  g_autoptr(LiaisonMap) map = map_fixture_map (f, NULL, &grouping);
  LiaisonMapFilter filter = { .hide_loopback = TRUE };
  const char *nodes[] = {
    "shop", "db01", "db02", "dns01",
    "192.168.10.5", "192.168.10.6", "192.168.20.7", "198.51.100.1", "203.0.113.10",
  };
  const Expected expected[] = {
    /* web01 and web02 to db01: (3, 2, 2) + (3, 3, 4). */
    { "shop", "db01", 5432, "tcp", "postgresql", 2, 6, 5, 6, 500.0 / 6, 1.2, -1, 0, 0, T1, T3, 0 },
    /* web01's own loopback stays inside the group's node. */
    { "shop", "shop", 6379, "tcp", "redis", 1, 3, 2, 2, 200.0 / 3, 1.0, -1, 0, 0, T1, T2, DAY },
    /* 3 + 2 events, 2 + 2 samples, 301 + 2 s. */
    { "shop", "dns01", 53, "udp", "domain", 2, -1, 0, 0, -1, -1, 5, 4, 303000,
      "2026-11-22T00:00:10Z", "2026-11-22T00:09:01Z", 0 },
    { "192.168.10.6", "shop", 443, "tcp", "https", 2, 4, 3, 4, 75.0, 4.0 / 3, -1, 0, 0, T1, T3, 0 },
    { "db02", "shop", 8080, "tcp", "http-alt", 1, 3, 1, 1, 100.0 / 3, 1.0, -1, 0, 0, T1, T1, 2 * DAY },
  };

  assert_nodes (map, nodes, G_N_ELEMENTS (nodes));
  g_assert_cmpint (node_named (map, "shop")->kind, ==, LIAISON_MAP_NODE_GROUP);
  assert_addresses (map, "shop", "10.0.1.11,10.0.1.12,127.0.0.1");
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    assert_edge (map, map_fixture_edge (map, expected[i].client, expected[i].listener,
                                        expected[i].port, expected[i].protocol), &expected[i]);
  g_assert_null (map_fixture_edge (map, "web01", "db01", 5432, "tcp"));
  /* A member finds its group, by name or by address. */
  g_assert_true (node_named (map, "web02") == node_named (map, "shop"));
  g_assert_true (node_named (map, "10.0.1.11") == node_named (map, "shop"));
  g_clear_pointer (&map, liaison_map_unref);

  /* Hiding loopback takes web01's redis out, not the group's other edges. */
  map = map_fixture_map (f, &filter, &grouping);
  g_assert_null (map_fixture_edge (map, "shop", "shop", 6379, "tcp"));
  assert_edge (map, map_fixture_edge (map, "shop", "db01", 5432, "tcp"), &expected[0]);
}

/* A statistics record whose service communications were deleted is still
 * on the map; a pair seen by several processes is one record. */
static void
test_records_counted_once (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonMap) map = NULL;
  g_autoptr(GArray) ids = NULL;
  LiaisonQuery query = { .search = "8080" };

  /* A second process on db02 calling web01:8080: two rows, one pair. */
  liaison_test_add (f->store, "10.0.2.22", "10.0.1.11", "8080", "tcp", "healthcheck");
  map = map_fixture_map (f, NULL, NULL);
  g_assert_cmpint (map_fixture_edge (map, "db02", "web01", 8080, "tcp")->records, ==, 1);
  g_clear_pointer (&map, liaison_map_unref);

  ids = liaison_store_query_ids (f->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, >=, 2);
  g_assert_true (liaison_store_delete_communications (f->store, (const gint64 *) (gpointer) ids->data,
                                                      ids->len, NULL, &error));
  g_assert_no_error (error);
  map = map_fixture_map (f, NULL, NULL);
  assert_edge (map, map_fixture_edge (map, "db02", "web01", 8080, "tcp"),
               find_expected ("db02", "web01", 8080, "tcp"));
}

/* Inside a transaction the map sees what the transaction changed. */
static void
test_in_transaction (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonMap) map = NULL;

  g_assert_true (liaison_store_begin (f->store, &error));
  g_assert_no_error (error);
  liaison_test_add (f->store, "10.0.9.9", "10.0.1.11", "22", "tcp", NULL);
  map = map_fixture_map (f, NULL, NULL);
  g_assert_cmpint (map_fixture_edge (map, "10.0.9.9", "web01", 22, "tcp")->records, ==, 1);
  g_assert_cmpstr (map_fixture_edge (map, "10.0.9.9", "web01", 22, "tcp")->service, ==, "ssh");
  liaison_store_rollback (f->store);
}

static void
commit_new_device (LiaisonTestFixture *f)
{
  g_autoptr(GError) error = NULL;
  LiaisonCommunicationInput input = { .client_ip = "10.0.9.9", .listener_ip = "10.0.1.11", .port = "22",
                                      .protocol = "tcp", .client_device = "newdev" };

  g_assert_cmpint (liaison_store_add_communication (f->store, &input, &error), >, 0);
  g_assert_no_error (error);
}

/* The map is of one state of the database: a device committed after its
 * devices were read and before its rows (read on connections of their
 * own) is on it whole, by its name, or not at all. */
static void
test_one_state (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  g_autoptr(LiaisonMap) map = NULL;
  LiaisonTestIntruder in = { f, "client_device FROM stat_record", 0, commit_new_device };
  const LiaisonMapEdge *edge;

  liaison_test_intruder_arm (&in);
  map = map_fixture_map (f, NULL, NULL);
  liaison_test_intruder_disarm (&in);

  edge = map_fixture_edge (map, "newdev", "web01", 22, "tcp");
  g_assert_nonnull (edge);
  g_assert_cmpint (edge->records, ==, 1);
  g_assert_true (node_named (map, "10.0.9.9") == node_named (map, "newdev"));
}

static void
test_empty_store (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(LiaisonMap) map = map_fixture_map (f, NULL, NULL);
  guint n = 99;

  g_assert_cmpuint (liaison_map_get_n_nodes (map), ==, 0);
  liaison_map_get_edges (map, &n);
  g_assert_cmpuint (n, ==, 0);
}

static void
test_cancelled (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  LiaisonMap *map;

  g_cancellable_cancel (cancellable);
  map = liaison_map_new (f->store, NULL, NULL, cancellable, &error);
  g_assert_null (map);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_CANCELLED);
}

/* Names ---------------------------------------------------------------------- */

static void
test_lookup (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  g_autoptr(LiaisonMap) map = map_fixture_map (f, NULL, NULL);
  static const struct { const char *text; const char *message; } bad[] = {
    { "nosuch", "“nosuch” is not in the map: no device, address or group of that name has an edge that passes the filters" },
    { "10.9.9.9", "“10.9.9.9” is not in the map: no device, address or group of that name has an edge that passes the filters" },
    { "127.0.0.1", "“127.0.0.1” is a loopback address: it is part of each device it was seen on; name the device" },
    { "shop", "“shop” is a group, and this map does not show groups as nodes" },
    { "", "“” is not in the map: no device, address or group of that name has an edge that passes the filters" },
  };

  g_assert_cmpstr (node_named (map, "web01")->id, ==, "web01");
  g_assert_cmpstr (node_named (map, " web01 ")->id, ==, "web01");
  g_assert_cmpstr (node_named (map, "10.0.1.12")->id, ==, "web02");
  g_assert_cmpstr (node_named (map, "::ffff:10.0.2.21")->id, ==, "db01");
  g_assert_cmpstr (node_named (map, "192.168.10.5")->id, ==, "192.168.10.5");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      guint index = G_MAXUINT;

      g_assert_false (liaison_map_lookup_node (map, bad[i].text, &index, &error));
      g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, bad[i].message);
      g_assert_cmpuint (index, ==, G_MAXUINT);
    }
}

static void
test_describe (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  guint ports[] = { 22, 443 };
  LiaisonMapFilter filter = {
    .min_persistence = 50.5, .min_events = 3, .hide_loopback = TRUE, .hide_ports = ports,
    .n_hide_ports = 2, .protocol = "TCP", .hide_hubs = 4, .silent_at_least = 7 * DAY,
  };
  LiaisonMapGrouping subnets = { .subnets = TRUE, .ipv4_bits = 16 };
  LiaisonMapGrouping both = { .subnets = TRUE, .groups = TRUE };
  g_autoptr(LiaisonMap) map = map_fixture_map (f, &filter, &subnets);
  g_autoptr(LiaisonMap) plain = map_fixture_map (f, NULL, NULL);
  g_autoptr(LiaisonMap) grouped = map_fixture_map (f, NULL, &both);
  g_autofree char *filters = liaison_map_describe_filters (map);
  g_autofree char *grouping = liaison_map_describe_grouping (map);
  g_autofree char *plain_filters = liaison_map_describe_filters (plain);
  g_autofree char *plain_grouping = liaison_map_describe_grouping (plain);
  g_autofree char *both_grouping = liaison_map_describe_grouping (grouped);

  g_assert_cmpstr (filters, ==, "--min-persistence 50.5 --min-events 3 --hide-loopback --hide-ports 22,443"
                                " --protocol tcp --hide-hubs 4 --silent-at-least 7d");
  g_assert_cmpstr (grouping, ==, "subnet:16");
  g_assert_cmpstr (plain_filters, ==, "");
  g_assert_cmpstr (plain_grouping, ==, "device");
  g_assert_cmpstr (both_grouping, ==, "groups, subnet:24");
}

/* Bad input: a clear message, nothing made. */
static void
test_bad_input (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  static const struct { LiaisonMapFilter filter; const char *message; } filters[] = {
    { { .min_persistence = 101 }, "a minimum persistence is a percentage from 0 to 100, not 101" },
    { { .min_persistence = -1 }, "a minimum persistence is a percentage from 0 to 100, not -1" },
    { { .min_events = -2 }, "a minimum of events is 0 or more, not -2" },
    { { .protocol = "icmp" }, "“icmp” is not a protocol (tcp or udp)" },
    { { .silent_at_least = -1 }, "a silence is a duration of 0 or more" },
  };
  static const struct { const char *text; const char *message; } durations[] = {
    { "", "“” is not a duration (a whole number and s, m, h or d: 90s, 5m, 2h, 7d)" },
    { "5", "“5” is not a duration (a whole number and s, m, h or d: 90s, 5m, 2h, 7d)" },
    { "5x", "“5x” is not a duration (a whole number and s, m, h or d: 90s, 5m, 2h, 7d)" },
    { "-5m", "“-5m” is not a duration (a whole number and s, m, h or d: 90s, 5m, 2h, 7d)" },
    { "1.5h", "“1.5h” is not a duration (a whole number and s, m, h or d: 90s, 5m, 2h, 7d)" },
    { "5 m", "“5 m” is not a duration (a whole number and s, m, h or d: 90s, 5m, 2h, 7d)" },
    { "99999999999d", "“99999999999d” is not a duration (a whole number and s, m, h or d: 90s, 5m, 2h, 7d)" },
  };
  static const struct { const char *text; const char *message; } groupings[] = {
    { "cluster", "“cluster” is not a grouping (device, subnet, subnet:BITS or groups)" },
    { "subnet:0", "“subnet:0”: the bits of an IPv4 subnet are 1 to 32" },
    { "subnet:33", "“subnet:33”: the bits of an IPv4 subnet are 1 to 32" },
    { "subnet:", "“subnet:”: the bits of an IPv4 subnet are 1 to 32" },
  };
  static const struct { const char *text; const char *message; } port_lists[] = {
    { "22,x", "port “x” is not a number" },
    { "0", "port “0” is not between 1 and 65535" },
    { "70000", "port “70000” is not between 1 and 65535" },
    { "22,,23", "a port is required" },
  };
  guint bad_port = 0;
  LiaisonMapFilter ports = { .hide_ports = &bad_port, .n_hide_ports = 1 };
  LiaisonMapGrouping grouping = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (liaison_map_new (f->store, &filters[i].filter, NULL, NULL, &error));
      g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, filters[i].message);
    }
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (liaison_map_new (f->store, &ports, NULL, NULL, &error));
    g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==, "port “0” is not between 1 and 65535");
  }

  for (guint i = 0; i < G_N_ELEMENTS (durations); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 ms = 42;

      g_assert_false (liaison_duration_parse (durations[i].text, &ms, &error));
      g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, durations[i].message);
      g_assert_cmpint (ms, ==, 42);
    }

  for (guint i = 0; i < G_N_ELEMENTS (groupings); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (liaison_map_grouping_parse (groupings[i].text, &grouping, &error));
      g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, groupings[i].message);
    }

  for (guint i = 0; i < G_N_ELEMENTS (port_lists); i++)
    {
      g_autoptr(GError) error = NULL;
      guint n = 0;

      g_assert_null (liaison_map_ports_parse (port_lists[i].text, &n, &error));
      g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, port_lists[i].message);
    }
}

static void
test_parse (void)
{
  g_autoptr(GError) error = NULL;
  LiaisonMapGrouping grouping;
  g_autofree guint *ports = NULL;
  guint n = 0;
  gint64 ms = 0;

  g_assert_true (liaison_duration_parse ("90s", &ms, &error));
  g_assert_cmpint (ms, ==, 90000);
  g_assert_true (liaison_duration_parse (" 5m", &ms, &error));
  g_assert_cmpint (ms, ==, 300000);
  g_assert_true (liaison_duration_parse ("2h", &ms, &error));
  g_assert_cmpint (ms, ==, 7200000);
  g_assert_true (liaison_duration_parse ("7d", &ms, &error));
  g_assert_cmpint (ms, ==, 7 * (gint64) DAY);
  g_assert_true (liaison_duration_parse ("0s", &ms, &error));
  g_assert_cmpint (ms, ==, 0);
  g_assert_no_error (error);

  g_assert_true (liaison_map_grouping_parse ("device", &grouping, &error));
  g_assert_false (grouping.subnets || grouping.groups);
  g_assert_true (liaison_map_grouping_parse ("subnet", &grouping, &error));
  g_assert_true (grouping.subnets);
  g_assert_cmpuint (grouping.ipv4_bits, ==, 24);
  g_assert_cmpuint (grouping.ipv6_bits, ==, 64);
  g_assert_true (liaison_map_grouping_parse ("subnet:20", &grouping, &error));
  g_assert_cmpuint (grouping.ipv4_bits, ==, 20);
  g_assert_true (liaison_map_grouping_parse ("groups", &grouping, &error));
  g_assert_true (grouping.groups && !grouping.subnets);
  g_assert_no_error (error);

  ports = liaison_map_ports_parse ("443, 22,443", &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (ports[0], ==, 22);
  g_assert_cmpuint (ports[1], ==, 443);
}

/* The system's services database names the ports (map.md 2). */
static void
test_services (void)
{
  g_assert_cmpstr (liaison_service_name (443, "tcp"), ==, "https");
  g_assert_cmpstr (liaison_service_name (5432, "tcp"), ==, "postgresql");
  g_assert_cmpstr (liaison_service_name (53, "udp"), ==, "domain");
  g_assert_cmpstr (liaison_service_name (22, "tcp"), ==, "ssh");
  g_assert_null (liaison_service_name (22, "udp"));
  g_assert_null (liaison_service_name (0, "tcp"));
  g_assert_null (liaison_service_name (443, NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/map/by-device", test_by_device);
  g_test_add_func ("/map/one-state", test_one_state);
  g_test_add_func ("/map/filter/min-persistence", test_min_persistence);
  g_test_add_func ("/map/filter/min-events", test_min_events);
  g_test_add_func ("/map/filter/hide-loopback", test_hide_loopback);
  g_test_add_func ("/map/filter/hide-ports", test_hide_ports);
  g_test_add_func ("/map/filter/protocol", test_protocol);
  g_test_add_func ("/map/filter/hide-hubs", test_hide_hubs);
  g_test_add_func ("/map/filter/silent-at-least", test_silent_at_least);
  g_test_add_func ("/map/filter/time-range", test_time_range);
  g_test_add_func ("/map/filter/seen-within", test_seen_within);
  g_test_add_func ("/map/filter/together", test_filters_together);
  g_test_add_func ("/map/group/subnets", test_group_subnets);
  g_test_add_func ("/map/group/groups", test_group_groups);
  g_test_add_func ("/map/records-counted-once", test_records_counted_once);
  g_test_add_func ("/map/cancelled", test_cancelled);
  g_test_add_func ("/map/in-transaction", test_in_transaction);
  g_test_add_func ("/map/lookup", test_lookup);
  g_test_add_func ("/map/describe", test_describe);
  g_test_add_func ("/map/bad-input", test_bad_input);
  g_test_add_func ("/map/empty-store", test_empty_store);
  g_test_add_func ("/map/parse", test_parse);
  g_test_add_func ("/map/services", test_services);

  return g_test_run ();
}
