/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <gvc.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "liaison-error.h"
#include "liaison-map-export.h"
#include "liaison-store-communications.h"
#include "map-fixture.h"

/*
 * The exports of map.md 6 on the hand-built store (map-fixture.h): JSON and
 * the allow-list rules byte for byte (the rules also through `nft --check`
 * where nft works), the DOT drawing against the layout it comes from, SVG
 * and PNG as what they are.
 */

static GBytes *
export (LiaisonMap             *map,
        LiaisonMapFormat        format,
        LiaisonStore           *store,
        const LiaisonMapLayout *layout)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  LiaisonMapExport options = { format, store, layout };

  g_assert_true (liaison_map_export (map, &options, stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
}

static char *
export_text (LiaisonMap       *map,
             LiaisonMapFormat  format,
             LiaisonStore     *store)
{
  g_autoptr(GBytes) bytes = export (map, format, store, NULL);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* JSON ------------------------------------------------------------------------ */

static const char small_json[] =
  "{\n"
  "  \"format\": \"liaison-map\",\n"
  "  \"version\": 1,\n"
  "  \"generator\": \"liaison " PACKAGE_VERSION "\",\n"
  "  \"filters\": \"--min-persistence 100 --protocol tcp\",\n"
  "  \"grouping\": \"device\",\n"
  "  \"nodes\": [\n"
  "    {\n"
  "      \"id\": \"db01\",\n"
  "      \"kind\": \"device\",\n"
  "      \"addresses\": [\"10.0.2.21\"],\n"
  "      \"hub\": false,\n"
  "      \"client_nodes\": 1,\n"
  "      \"listener_nodes\": 0\n"
  "    },\n"
  "    {\n"
  "      \"id\": \"dns01\",\n"
  "      \"kind\": \"device\",\n"
  "      \"addresses\": [\"10.0.3.53\"],\n"
  "      \"hub\": false,\n"
  "      \"client_nodes\": 1,\n"
  "      \"listener_nodes\": 0\n"
  "    },\n"
  "    {\n"
  "      \"id\": \"web01\",\n"
  "      \"kind\": \"device\",\n"
  "      \"addresses\": [\"10.0.1.11\"],\n"
  "      \"hub\": false,\n"
  "      \"client_nodes\": 1,\n"
  "      \"listener_nodes\": 1\n"
  "    },\n"
  "    {\n"
  "      \"id\": \"web02\",\n"
  "      \"kind\": \"device\",\n"
  "      \"addresses\": [\"10.0.1.12\"],\n"
  "      \"hub\": false,\n"
  "      \"client_nodes\": 0,\n"
  "      \"listener_nodes\": 1\n"
  "    },\n"
  "    {\n"
  "      \"id\": \"192.168.10.6\",\n"
  "      \"kind\": \"address\",\n"
  "      \"addresses\": [\"192.168.10.6\"],\n"
  "      \"hub\": false,\n"
  "      \"client_nodes\": 0,\n"
  "      \"listener_nodes\": 1\n"
  "    }\n"
  "  ],\n"
  "  \"edges\": [\n"
  "    {\n"
  "      \"client\": \"web01\",\n"
  "      \"listener\": \"dns01\",\n"
  "      \"port\": 53,\n"
  "      \"protocol\": \"tcp\",\n"
  "      \"service\": \"domain\",\n"
  "      \"records\": 1,\n"
  "      \"persistence_percent\": 100.0,\n"
  "      \"weight\": 1.0,\n"
  "      \"flow_events\": null,\n"
  "      \"flow_active_samples\": null,\n"
  "      \"flow_active_span\": null,\n"
  "      \"first_found\": \"2026-11-22T00:00:00Z\",\n"
  "      \"last_found\": \"2026-11-22T00:00:00Z\",\n"
  "      \"silent_span\": 0,\n"
  "      \"to_hub\": false\n"
  "    },\n"
  "    {\n"
  "      \"client\": \"web02\",\n"
  "      \"listener\": \"db01\",\n"
  "      \"port\": 5432,\n"
  "      \"protocol\": \"tcp\",\n"
  "      \"service\": \"postgresql\",\n"
  "      \"records\": 1,\n"
  "      \"persistence_percent\": 100.0,\n"
  "      \"weight\": 1.333333,\n"
  "      \"flow_events\": null,\n"
  "      \"flow_active_samples\": null,\n"
  "      \"flow_active_span\": null,\n"
  "      \"first_found\": \"2026-11-20T00:00:00Z\",\n"
  "      \"last_found\": \"2026-11-22T00:00:00Z\",\n"
  "      \"silent_span\": 0,\n"
  "      \"to_hub\": false\n"
  "    },\n"
  "    {\n"
  "      \"client\": \"192.168.10.6\",\n"
  "      \"listener\": \"web01\",\n"
  "      \"port\": 443,\n"
  "      \"protocol\": \"tcp\",\n"
  "      \"service\": \"https\",\n"
  "      \"records\": 1,\n"
  "      \"persistence_percent\": 100.0,\n"
  "      \"weight\": 1.0,\n"
  "      \"flow_events\": null,\n"
  "      \"flow_active_samples\": null,\n"
  "      \"flow_active_span\": null,\n"
  "      \"first_found\": \"2026-11-22T00:00:00Z\",\n"
  "      \"last_found\": \"2026-11-22T00:00:00Z\",\n"
  "      \"silent_span\": 0,\n"
  "      \"to_hub\": false\n"
  "    }\n"
  "  ]\n"
  "}\n";

static void
test_json_bytes (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  LiaisonMapFilter filter = { .min_persistence = 100, .protocol = "tcp" };
  g_autoptr(LiaisonMap) map = map_fixture_map (f, &filter, NULL);
  g_autofree char *text = export_text (map, LIAISON_MAP_FORMAT_JSON, NULL);

  g_assert_cmpstr (text, ==, small_json);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonObject *
find_edge (JsonArray  *edges,
           const char *client,
           const char *listener,
           gint64      port,
           const char *protocol)
{
  for (guint i = 0; i < json_array_get_length (edges); i++)
    {
      JsonObject *edge = json_array_get_object_element (edges, i);

      if (g_str_equal (json_object_get_string_member (edge, "client"), client) &&
          g_str_equal (json_object_get_string_member (edge, "listener"), listener) &&
          json_object_get_int_member (edge, "port") == port &&
          g_str_equal (json_object_get_string_member (edge, "protocol"), protocol))
        return edge;
    }
  g_assert_not_reached ();
}

/* Every figure of map.md 2, and edges into hubs marked. */
static void
test_json_figures (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  LiaisonMapFilter filter = { .hide_hubs = 4 };
  g_autoptr(LiaisonMap) map = map_fixture_map (f, &filter, NULL);
  g_autofree char *text = export_text (map, LIAISON_MAP_FORMAT_JSON, NULL);
  g_autoptr(JsonNode) root = parse (text);
  JsonObject *document = json_node_get_object (root);
  JsonArray *nodes = json_object_get_array_member (document, "nodes");
  JsonArray *edges = json_object_get_array_member (document, "edges");
  JsonObject *edge;
  guint to_hub = 0;

  g_assert_cmpstr (json_object_get_string_member (document, "format"), ==, "liaison-map");
  g_assert_cmpint (json_object_get_int_member (document, "version"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (document, "filters"), ==, "--hide-hubs 4");
  g_assert_cmpuint (json_array_get_length (nodes), ==, 10);
  g_assert_cmpuint (json_array_get_length (edges), ==, 19);
  for (guint i = 0; i < json_array_get_length (edges); i++)
    to_hub += json_object_get_boolean_member (json_array_get_object_element (edges, i), "to_hub");
  g_assert_cmpuint (to_hub, ==, 6);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (nodes, 2), "hub"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (nodes, 2), "id"), ==, "dns01");

  /* Both parts. */
  edge = find_edge (edges, "192.168.10.5", "web01", 443, "tcp");
  g_assert_cmpint (json_object_get_int_member (edge, "records"), ==, 1);
  g_assert_cmpfloat (json_object_get_double_member (edge, "persistence_percent"), ==, 66.666667);
  g_assert_cmpfloat (json_object_get_double_member (edge, "weight"), ==, 1.5);
  g_assert_cmpint (json_object_get_int_member (edge, "flow_events"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (edge, "flow_active_samples"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (edge, "flow_active_span"), ==, 30);
  g_assert_cmpstr (json_object_get_string_member (edge, "first_found"), ==, "2026-11-20T00:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (edge, "last_found"), ==, "2026-11-22T00:02:30Z");
  g_assert_cmpint (json_object_get_int_member (edge, "silent_span"), ==, 450);
  g_assert_false (json_object_get_boolean_member (edge, "to_hub"));

  /* Netflow only, into the hub: 301 s active. */
  edge = find_edge (edges, "web01", "dns01", 53, "udp");
  g_assert_true (json_object_get_null_member (edge, "persistence_percent"));
  g_assert_true (json_object_get_null_member (edge, "weight"));
  g_assert_cmpint (json_object_get_int_member (edge, "flow_events"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (edge, "flow_active_span"), ==, 301);
  g_assert_true (json_object_get_boolean_member (edge, "to_hub"));

  /* Typed in by hand: nothing measured. */
  edge = find_edge (edges, "web01", "203.0.113.10", 443, "tcp");
  g_assert_true (json_object_get_null_member (edge, "flow_events"));
  g_assert_true (json_object_get_null_member (edge, "first_found"));
  g_assert_true (json_object_get_null_member (edge, "silent_span"));
  g_assert_cmpstr (json_object_get_string_member (edge, "service"), ==, "https");
}

/* A device can be named anything: the JSON stays valid and says it back. */
static const char odd_name[] = "we\"ird\\dev\nice\t\x01 ☃";

/* @client calls the odd device at @listener, on 8443. */
static void
add_odd_device (LiaisonTestFixture *f,
                const char         *client,
                const char         *listener)
{
  g_autoptr(GError) error = NULL;
  LiaisonCommunicationInput input = { 0 };

  input.client_ip = client;
  input.listener_ip = listener;
  input.port = "8443";
  input.protocol = "tcp";
  input.listener_device = odd_name;
  g_assert_cmpint (liaison_store_add_communication (f->store, &input, &error), >, 0);
  g_assert_no_error (error);
}

static void
test_json_any_name (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  g_autoptr(LiaisonMap) map = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;

  add_odd_device (f, "10.0.9.9", "10.0.9.1");
  map = map_fixture_map (f, NULL, NULL);
  text = export_text (map, LIAISON_MAP_FORMAT_JSON, NULL);
  root = parse (text);
  g_assert_nonnull (strstr (text, "\"we\\\"ird\\\\dev\\nice\\t\\u0001 ☃\""));
  g_assert_cmpstr (json_object_get_string_member (find_edge (json_object_get_array_member (json_node_get_object (root), "edges"),
                                                             "10.0.9.9", odd_name, 8443, "tcp"), "listener"),
                   ==, odd_name);
}

/* Rules ------------------------------------------------------------------------ */

#define RULES_HEADER(filters, nodes) \
  "# Allow-list rules from the dependency map of Liaison " PACKAGE_VERSION "\n" \
  "# Filters: " filters "\n" \
  "# Nodes by: " nodes "\n"

#define NFT_TOP(filters, nodes) \
  "#!/usr/sbin/nft -f\n" \
  RULES_HEADER (filters, nodes) \
  "# Use: nft -f FILE, then \"jump allow\" to this table's chain from an input or\n" \
  "# forward chain of the firewall (table inet liaison).\n" \
  "\n" \
  "table inet liaison\n" \
  "flush table inet liaison\n" \
  "\n" \
  "table inet liaison {\n" \
  "\tchain allow {\n"

/* Grouped by listener node, in the map's order; one rule per edge. */
static const char all_nft[] =
  NFT_TOP ("none", "device")
  "\t\t# db01\n"
  "\t\tip saddr 127.0.0.1 ip daddr 127.0.0.1 tcp dport 5432 accept comment \"db01 -> db01 5432/postgresql\"\n"
  "\t\tip saddr 10.0.1.11 ip daddr 10.0.2.21 tcp dport 5432 accept comment \"web01 -> db01 5432/postgresql\"\n"
  "\t\tip saddr 10.0.1.12 ip daddr 10.0.2.21 tcp dport 5432 accept comment \"web02 -> db01 5432/postgresql\"\n"
  "\n"
  "\t\t# db02\n"
  "\t\tip saddr 10.0.2.21 ip daddr 10.0.2.22 tcp dport 3306 accept comment \"db01 -> db02 3306/mysql\"\n"
  "\t\tip saddr 10.0.1.11 ip daddr 10.0.2.22 tcp dport 3306 accept comment \"web01 -> db02 3306/mysql\"\n"
  "\n"
  "\t\t# dns01\n"
  "\t\tip saddr 10.0.2.21 ip daddr 10.0.3.53 udp dport 53 accept comment \"db01 -> dns01 53/domain\"\n"
  "\t\tip saddr 10.0.2.22 ip daddr 10.0.3.53 udp dport 53 accept comment \"db02 -> dns01 53/domain\"\n"
  "\t\tip saddr 10.0.1.11 ip daddr 10.0.3.53 tcp dport 53 accept comment \"web01 -> dns01 53/domain\"\n"
  "\t\tip saddr 10.0.1.11 ip daddr 10.0.3.53 udp dport 53 accept comment \"web01 -> dns01 53/domain\"\n"
  "\t\tip saddr 10.0.1.12 ip daddr 10.0.3.53 udp dport 53 accept comment \"web02 -> dns01 53/domain\"\n"
  "\t\tip saddr 192.168.10.5 ip daddr 10.0.3.53 udp dport 53 accept comment \"192.168.10.5 -> dns01 53/domain\"\n"
  "\n"
  "\t\t# web01\n"
  "\t\tip saddr 10.0.2.22 ip daddr 10.0.1.11 tcp dport 8080 accept comment \"db02 -> web01 8080/http-alt\"\n"
  "\t\tip saddr 127.0.0.1 ip daddr 127.0.0.1 tcp dport 6379 accept comment \"web01 -> web01 6379/redis\"\n"
  "\t\tip saddr 192.168.10.5 ip daddr 10.0.1.11 tcp dport 443 accept comment \"192.168.10.5 -> web01 443/https\"\n"
  "\t\tip saddr 192.168.10.6 ip daddr 10.0.1.11 tcp dport 443 accept comment \"192.168.10.6 -> web01 443/https\"\n"
  "\t\tip saddr 192.168.20.7 ip daddr 10.0.1.11 tcp dport 443 accept comment \"192.168.20.7 -> web01 443/https\"\n"
  "\n"
  "\t\t# web02\n"
  "\t\tip saddr 192.168.10.6 ip daddr 10.0.1.12 tcp dport 443 accept comment \"192.168.10.6 -> web02 443/https\"\n"
  "\n"
  "\t\t# 198.51.100.1\n"
  "\t\tip saddr 10.0.3.53 ip daddr 198.51.100.1 udp dport 53 accept comment \"dns01 -> 198.51.100.1 53/domain\"\n"
  "\n"
  "\t\t# 203.0.113.10\n"
  "\t\tip saddr 10.0.1.11 ip daddr 203.0.113.10 tcp dport 443 accept comment \"web01 -> 203.0.113.10 443/https\"\n"
  "\t}\n"
  "}\n";

/* 192.168.0.0/16 -> web01 passes 50 % with (3+1+3, 2+1+1): 4 of 7; all
 * three clients are in its rule, as a set. */
static const char filtered_nft[] =
  NFT_TOP ("--min-persistence 50 --hide-loopback", "subnet:16")
  "\t\t# db01\n"
  "\t\tip saddr 10.0.1.11 ip daddr 10.0.2.21 tcp dport 5432 accept comment \"web01 -> db01 5432/postgresql\"\n"
  "\t\tip saddr 10.0.1.12 ip daddr 10.0.2.21 tcp dport 5432 accept comment \"web02 -> db01 5432/postgresql\"\n"
  "\n"
  "\t\t# db02\n"
  "\t\tip saddr 10.0.2.21 ip daddr 10.0.2.22 tcp dport 3306 accept comment \"db01 -> db02 3306/mysql\"\n"
  "\n"
  "\t\t# dns01\n"
  "\t\tip saddr 10.0.2.21 ip daddr 10.0.3.53 udp dport 53 accept comment \"db01 -> dns01 53/domain\"\n"
  "\t\tip saddr 10.0.2.22 ip daddr 10.0.3.53 udp dport 53 accept comment \"db02 -> dns01 53/domain\"\n"
  "\t\tip saddr 10.0.1.11 ip daddr 10.0.3.53 tcp dport 53 accept comment \"web01 -> dns01 53/domain\"\n"
  "\t\tip saddr 10.0.1.11 ip daddr 10.0.3.53 udp dport 53 accept comment \"web01 -> dns01 53/domain\"\n"
  "\t\tip saddr 10.0.1.12 ip daddr 10.0.3.53 udp dport 53 accept comment \"web02 -> dns01 53/domain\"\n"
  "\t\tip saddr 192.168.10.5 ip daddr 10.0.3.53 udp dport 53 accept comment \"192.168.0.0/16 -> dns01 53/domain\"\n"
  "\n"
  "\t\t# web01\n"
  "\t\tip saddr { 192.168.10.5, 192.168.10.6, 192.168.20.7 } ip daddr 10.0.1.11 tcp dport 443 accept"
  " comment \"192.168.0.0/16 -> web01 443/https\"\n"
  "\n"
  "\t\t# web02\n"
  "\t\tip saddr 192.168.10.6 ip daddr 10.0.1.12 tcp dport 443 accept comment \"192.168.0.0/16 -> web02 443/https\"\n"
  "\n"
  "\t\t# 198.51.0.0/16\n"
  "\t\tip saddr 10.0.3.53 ip daddr 198.51.100.1 udp dport 53 accept comment \"dns01 -> 198.51.0.0/16 53/domain\"\n"
  "\t}\n"
  "}\n";

static const char all_csv[] =
  RULES_HEADER ("none", "device")
  "client_ip,listener_ip,port,protocol,service,persistence_percent,flow_events,last_found\n"
  "127.0.0.1,127.0.0.1,5432,tcp,postgresql,33.333333,,2026-11-20T00:00:00Z\n"
  "10.0.1.11,10.0.2.21,5432,tcp,postgresql,66.666667,,2026-11-21T00:00:00Z\n"
  "10.0.1.12,10.0.2.21,5432,tcp,postgresql,100.0,,2026-11-22T00:00:00Z\n"
  "10.0.2.21,10.0.2.22,3306,tcp,mysql,66.666667,,2026-11-21T00:00:00Z\n"
  "10.0.1.11,10.0.2.22,3306,tcp,mysql,33.333333,,2026-11-20T00:00:00Z\n"
  "10.0.2.21,10.0.3.53,53,udp,domain,,1,2026-11-22T00:00:31Z\n"
  "10.0.2.22,10.0.3.53,53,udp,domain,,1,2026-11-22T00:00:41Z\n"
  "10.0.1.11,10.0.3.53,53,tcp,domain,100.0,,2026-11-22T00:00:00Z\n"
  "10.0.1.11,10.0.3.53,53,udp,domain,,3,2026-11-22T00:05:11Z\n"
  "10.0.1.12,10.0.3.53,53,udp,domain,,2,2026-11-22T00:09:01Z\n"
  "192.168.10.5,10.0.3.53,53,udp,domain,,1,2026-11-22T00:00:51Z\n"
  "10.0.2.22,10.0.1.11,8080,tcp,http-alt,33.333333,,2026-11-20T00:00:00Z\n"
  "127.0.0.1,127.0.0.1,6379,tcp,redis,66.666667,,2026-11-21T00:00:00Z\n"
  "192.168.10.5,10.0.1.11,443,tcp,https,66.666667,1,2026-11-22T00:02:30Z\n"
  "192.168.10.6,10.0.1.11,443,tcp,https,100.0,,2026-11-22T00:00:00Z\n"
  "192.168.20.7,10.0.1.11,443,tcp,https,33.333333,,2026-11-20T00:00:00Z\n"
  "192.168.10.6,10.0.1.12,443,tcp,https,66.666667,,2026-11-21T00:00:00Z\n"
  "10.0.3.53,198.51.100.1,53,udp,domain,,1,2026-11-22T00:06:01Z\n"
  "10.0.1.11,203.0.113.10,443,tcp,https,,,\n";

static void
test_nftables (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  g_autoptr(LiaisonMap) map = map_fixture_map (f, NULL, NULL);
  g_autofree char *text = export_text (map, LIAISON_MAP_FORMAT_NFTABLES, f->store);

  g_assert_cmpstr (text, ==, all_nft);
  map_fixture_assert_nft_check (f->dir, text);
}

static void
test_nftables_filtered (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  LiaisonMapFilter filter = { .min_persistence = 50, .hide_loopback = TRUE };
  LiaisonMapGrouping grouping = { .subnets = TRUE, .ipv4_bits = 16 };
  g_autoptr(LiaisonMap) map = map_fixture_map (f, &filter, &grouping);
  g_autofree char *text = export_text (map, LIAISON_MAP_FORMAT_NFTABLES, f->store);

  g_assert_cmpstr (text, ==, filtered_nft);
  map_fixture_assert_nft_check (f->dir, text);
}

/* Odd names make safe comments; IPv6 gets ip6 rules; a port with no
 * service name says its protocol. */
static void
test_nftables_odd (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  LiaisonMapFilter filter = { .hide_ports = (guint[]) { 443, 53, 5432, 3306, 8080, 6379 }, .n_hide_ports = 6 };
  g_autoptr(LiaisonMap) map = NULL;
  g_autofree char *text = NULL;

  add_odd_device (f, "10.0.9.9", "10.0.9.1");
  add_odd_device (f, "2001:db8::9", "2001:db8::1");
  add_odd_device (f, "2001:db8::8", "2001:db8::1");

  map = map_fixture_map (f, &filter, NULL);
  text = export_text (map, LIAISON_MAP_FORMAT_NFTABLES, f->store);
  g_assert_cmpstr (text, ==,
                   NFT_TOP ("--hide-ports 53,443,3306,5432,6379,8080", "device")
                   "\t\t# we\"ird\\dev ice   \xe2\x98\x83\n"
                   "\t\tip saddr 10.0.9.9 ip daddr 10.0.9.1 tcp dport 8443 accept"
                   " comment \"10.0.9.9 -> we_ird_dev_ice__ \xe2\x98\x83 8443/tcp\"\n"
                   "\t\tip6 saddr 2001:db8::8 ip6 daddr 2001:db8::1 tcp dport 8443 accept"
                   " comment \"2001:db8::8 -> we_ird_dev_ice__ \xe2\x98\x83 8443/tcp\"\n"
                   "\t\tip6 saddr 2001:db8::9 ip6 daddr 2001:db8::1 tcp dport 8443 accept"
                   " comment \"2001:db8::9 -> we_ird_dev_ice__ \xe2\x98\x83 8443/tcp\"\n"
                   "\t}\n"
                   "}\n");
  map_fixture_assert_nft_check (f->dir, text);
}

static void
test_csv (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  g_autoptr(LiaisonMap) map = map_fixture_map (f, NULL, NULL);
  g_autofree char *text = export_text (map, LIAISON_MAP_FORMAT_CSV, f->store);

  g_assert_cmpstr (text, ==, all_csv);
}

/* Drawings ---------------------------------------------------------------------- */

/* The DOT drawing puts every node where the layout did (Graphviz's points,
 * y up) and draws one edge per link. */
static void
test_dot (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonMap) map = map_fixture_map (f, NULL, NULL);
  g_autoptr(LiaisonMapLayout) layout = liaison_map_layout_compute (map, LIAISON_LAYOUT_AUTO, NULL, &error);
  g_autoptr(GBytes) bytes = export (map, LIAISON_MAP_FORMAT_DOT, NULL, layout);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  Agraph_t *g = agmemread (text);

  g_assert_nonnull (g);
  g_assert_cmpint (agnnodes (g), ==, (int) layout->n_nodes);
  g_assert_cmpint (agnedges (g), ==, (int) layout->n_links);
  for (guint i = 0; i < layout->n_nodes; i++)
    {
      Agnode_t *node = agnode (g, (char *) liaison_map_get_node (map, i)->id, FALSE);
      double x = 0, y = 0;

      g_assert_nonnull (node);
      g_assert_cmpint (sscanf (agget (node, (char *) "pos"), "%lf,%lf", &x, &y), ==, 2);
      g_assert_cmpfloat_with_epsilon (x, layout->nodes[i].x, 0.01);
      g_assert_cmpfloat_with_epsilon (y, layout->height - layout->nodes[i].y, 0.01);
    }
  g_assert_nonnull (strstr (text, "xlabel=\"5432/postgresql\""));
  agclose (g);
}

static void
test_svg (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  g_autoptr(LiaisonMap) map = map_fixture_map (f, NULL, NULL);
  g_autofree char *text = export_text (map, LIAISON_MAP_FORMAT_SVG, NULL);
  g_auto(GStrv) nodes = g_strsplit (text, "class=\"node\"", -1);
  g_auto(GStrv) edges = g_strsplit (text, "class=\"edge\"", -1);

  g_assert_true (g_str_has_prefix (text, "<?xml"));
  g_assert_nonnull (strstr (text, "<svg"));
  g_assert_nonnull (strstr (text, ">web01</text>"));
  g_assert_nonnull (strstr (text, ">web02</text>"));
  g_assert_nonnull (strstr (text, "Lines by persistence"));
  g_assert_cmpuint (g_strv_length (nodes) - 1, ==, 10);
  g_assert_cmpuint (g_strv_length (edges) - 1, ==, 18);
}

/* The SVG of a map with an odd device name is well-formed XML. */
static void
test_svg_any_name (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  g_autoptr(LiaisonMap) map = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  GMarkupParser parser = { 0 };

  add_odd_device (f, "10.0.9.9", "10.0.9.1");
  map = map_fixture_map (f, NULL, NULL);
  text = export_text (map, LIAISON_MAP_FORMAT_SVG, NULL);
  /* GMarkup reads XML without a DTD: skip the prologue up to <svg. */
  context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  g_assert_true (g_markup_parse_context_parse (context, strstr (text, "<svg"), -1, &error) &&
                 g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "we&quot;ird\\dev"));
}

static guint32
read_be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

static void
test_png (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  static const guint8 signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonMap) map = map_fixture_map (f, NULL, NULL);
  g_autoptr(LiaisonMapLayout) layout = liaison_map_layout_compute (map, LIAISON_LAYOUT_AUTO, NULL, &error);
  g_autoptr(GBytes) bytes = export (map, LIAISON_MAP_FORMAT_PNG, NULL, layout);
  const guint8 *png = g_bytes_get_data (bytes, NULL);
  guint32 width, height;

  g_assert_cmpuint (g_bytes_get_size (bytes), >, 33);
  g_assert_cmpmem (png, sizeof signature, signature, sizeof signature);
  g_assert_cmpmem (png + 12, 4, "IHDR", 4);
  width = read_be32 (png + 16);
  height = read_be32 (png + 20);
  /* 96 pixels an inch; the legend below may be wider than the map. */
  g_assert_cmpuint (width, >=, (guint32) (layout->width * 96 / 72));
  g_assert_cmpuint (height, >=, (guint32) (layout->height * 96 / 72));
  g_assert_cmpuint (height, <=, (guint32) (layout->height * 96 / 72) + 120);
}

/* A file appears only when complete, with what the stream would have got. */
static void
test_file (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonMap) map = map_fixture_map (f, NULL, NULL);
  g_autofree char *path = g_build_filename (f->dir, "rules.csv", NULL);
  g_autofree char *contents = NULL;
  LiaisonMapExport options = { LIAISON_MAP_FORMAT_CSV, f->store, NULL };

  g_assert_true (liaison_map_export_file (map, &options, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, all_csv);
}

static void
test_bad_input (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonMap) map = map_fixture_map (f, NULL, NULL);
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autofree char *path = g_build_filename (f->dir, "no-such-folder", "rules.nft", NULL);
  LiaisonMapExport options = { LIAISON_MAP_FORMAT_NFTABLES, NULL, NULL };
  LiaisonMapFormat format = LIAISON_MAP_FORMAT_CSV;

  g_assert_true (liaison_map_format_parse ("SVG", &format, &error));
  g_assert_cmpint (format, ==, LIAISON_MAP_FORMAT_SVG);
  g_assert_false (liaison_map_format_parse ("pdf", &format, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "“pdf” is not a format of the map (json, dot, svg, png, nftables or csv)");
  g_clear_error (&error);

  g_assert_false (liaison_map_export (map, &options, stream, NULL, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "the rules are read from the database the map was made from; none was given");
  g_clear_error (&error);

  /* Nothing is left behind where a file cannot be written. */
  options.store = f->store;
  g_assert_false (liaison_map_export_file (map, &options, path, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/map-export/json/bytes", test_json_bytes);
  g_test_add_func ("/map-export/json/figures", test_json_figures);
  g_test_add_func ("/map-export/json/any-name", test_json_any_name);
  g_test_add_func ("/map-export/nftables", test_nftables);
  g_test_add_func ("/map-export/nftables/filtered", test_nftables_filtered);
  g_test_add_func ("/map-export/nftables/odd", test_nftables_odd);
  g_test_add_func ("/map-export/csv", test_csv);
  g_test_add_func ("/map-export/dot", test_dot);
  g_test_add_func ("/map-export/svg", test_svg);
  g_test_add_func ("/map-export/svg/any-name", test_svg_any_name);
  g_test_add_func ("/map-export/png", test_png);
  g_test_add_func ("/map-export/file", test_file);
  g_test_add_func ("/map-export/bad-input", test_bad_input);

  return g_test_run ();
}
