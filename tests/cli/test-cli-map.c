/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <string.h>

#include "cli-fixture.h"
#include "map-fixture.h"

/*
 * liaison-cli-map.c: map, impact, rules and group, end to end on the
 * hand-built store of the map's core tests (tests/core/map-fixture.h), whose
 * figures tests/core/test-map.c works out edge by edge. The outputs here are
 * those figures as a user gets them, byte for byte.
 */

/* The map's store, and liaison-cli pointed at it. */
typedef struct
{
  LiaisonTestFixture *store;
  Fixture             cli;
} MapFixture;

static void
map_fixture_set_up (MapFixture    *f,
                    gconstpointer  data)
{
  f->store = map_fixture_new ();
  f->cli.dir = g_strdup (f->store->dir);
  f->cli.db = g_strdup (f->store->db);
}

static void
map_fixture_tear_down (MapFixture    *f,
                       gconstpointer  data)
{
  g_free (f->cli.dir);
  g_free (f->cli.db);
  liaison_test_fixture_free (f->store);
}

static void
add_map_test (const char *path,
              void      (*func) (MapFixture *, gconstpointer))
{
  g_test_add (path, MapFixture, NULL, map_fixture_set_up, func, map_fixture_tear_down);
}

/* map ---------------------------------------------------------------------- */

/* The group "shop" (web01, web02) as one node; only TCP edges at 100 %:
 * shop -> db01 5432 sums web01's (3, 2) and web02's (3, 3) samples, 5 of 6,
 * and 192.168.10.6 -> shop 443 sums (1, 1) and (3, 2), 3 of 4: both go.
 * web01 -> dns01 53/tcp, one sample of T3, active, one port, stays. */
static const char grouped_json[] =
  "{\n"
  "  \"format\": \"liaison-map\",\n"
  "  \"version\": 1,\n"
  "  \"generator\": \"liaison " PACKAGE_VERSION "\",\n"
  "  \"filters\": \"--min-persistence 100 --protocol tcp\",\n"
  "  \"grouping\": \"groups\",\n"
  "  \"nodes\": [\n"
  "    {\n"
  "      \"id\": \"shop\",\n"
  "      \"kind\": \"group\",\n"
  "      \"addresses\": [\"10.0.1.11\"],\n"
  "      \"hub\": false,\n"
  "      \"client_nodes\": 0,\n"
  "      \"listener_nodes\": 1\n"
  "    },\n"
  "    {\n"
  "      \"id\": \"dns01\",\n"
  "      \"kind\": \"device\",\n"
  "      \"addresses\": [\"10.0.3.53\"],\n"
  "      \"hub\": false,\n"
  "      \"client_nodes\": 1,\n"
  "      \"listener_nodes\": 0\n"
  "    }\n"
  "  ],\n"
  "  \"edges\": [\n"
  "    {\n"
  "      \"client\": \"shop\",\n"
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
  "    }\n"
  "  ]\n"
  "}\n";

static void
test_map_json (MapFixture    *f,
               gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autofree char *path = g_build_filename (f->cli.dir, "map.json", NULL);
  g_autofree char *written = NULL;

  RUN (&f->cli, &result, "map", "--format", "json", "--group", "groups",
       "--protocol", "tcp", "--min-persistence", "100");
  assert_result (&result, 0, grouped_json, "");

  /* --output writes the same bytes, and nothing on stdout. */
  result_clear (&result);
  RUN (&f->cli, &result, "map", "--min-persistence", "100", "--format", "json", "--protocol", "tcp",
       "--group", "groups", "--output", path);
  assert_result (&result, 0, "", "");
  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, grouped_json);
}

/* dot, the default, and svg are the drawing of every node and line. */
static void
test_map_drawings (MapFixture    *f,
                   gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autofree char *path = g_build_filename (f->cli.dir, "map.png", NULL);
  g_autofree char *png = NULL;
  gsize length = 0;

  RUN (&f->cli, &result, "map", "--hide-loopback");
  g_assert_cmpstr (result.err, ==, "");
  g_assert_cmpint (result.status, ==, 0);
  g_assert_true (g_str_has_prefix (result.out, "digraph map {"));
  g_assert_nonnull (strstr (result.out, "\tdb01\t["));
  g_assert_nonnull (strstr (result.out, "\tweb01 -> db01\t["));
  g_assert_nonnull (strstr (result.out, "tooltip=\"web01 → db01: 5432/postgresql; persistence 66.7 %\""));
  g_assert_nonnull (strstr (result.out, "xlabel=\"5432/postgresql\""));
  g_assert_null (strstr (result.out, "6379/redis"));

  result_clear (&result);
  RUN (&f->cli, &result, "map", "--format", "svg");
  g_assert_cmpint (result.status, ==, 0);
  g_assert_true (g_str_has_prefix (result.out, "<?xml"));
  g_assert_nonnull (strstr (result.out, ">dns01</text>"));

  result_clear (&result);
  RUN (&f->cli, &result, "map", "--format", "png", "-o", path);
  assert_result (&result, 0, "", "");
  g_assert_true (g_file_get_contents (path, &png, &length, NULL));
  g_assert_cmpuint (length, >, 8);
  g_assert_cmpmem (png, 8, "\x89PNG\r\n\x1a\n", 8);
}

/* impact ------------------------------------------------------------------- */

/* web01 and web02 call db01; db02 calls web01, and the outside clients call
 * the web tier; db01 -> db02 -> web01 -> db01 is a cycle. */
static const char db01_dependents[] =
  "Dependents of db01, what breaks if it goes away: 6 nodes\n"
  "depth  node\n"
  "    1  web01\n"
  "    1  web02\n"
  "    2  db02\n"
  "    2  192.168.10.5\n"
  "    2  192.168.10.6\n"
  "    2  192.168.20.7\n"
  "cycle  db01, db02, web01\n";

/* dns01 has five client nodes: with --hide-hubs 3 it is a hub, listed and
 * not gone through (not to its upstream 198.51.100.1) unless asked. */
static const char web01_dependencies[] =
  "Dependencies of web01, what it needs to move with it: 4 nodes\n"
  "depth  node\n"
  "    1  db01\n"
  "    1  db02\n"
  "    1  dns01 (hub: not followed)\n"
  "    1  203.0.113.10\n"
  "cycle  db01, db02, web01\n";

static const char web01_through_hubs[] =
  "Dependencies of web01, what it needs to move with it: 5 nodes\n"
  "depth  node\n"
  "    1  db01\n"
  "    1  db02\n"
  "    1  dns01 (hub)\n"
  "    1  203.0.113.10\n"
  "    2  198.51.100.1\n"
  "cycle  db01, db02, web01\n";

/* A group by its name; one edge deep. */
static const char shop_json[] =
  "{\n"
  "  \"node\": \"shop\",\n"
  "  \"direction\": \"dependencies\",\n"
  "  \"depth\": 1,\n"
  "  \"through_hubs\": false,\n"
  "  \"filters\": \"\",\n"
  "  \"nodes\": [\n"
  "    {\"id\": \"db01\", \"kind\": \"device\", \"distance\": 1, \"hub\": false},\n"
  "    {\"id\": \"db02\", \"kind\": \"device\", \"distance\": 1, \"hub\": false},\n"
  "    {\"id\": \"dns01\", \"kind\": \"device\", \"distance\": 1, \"hub\": false},\n"
  "    {\"id\": \"203.0.113.10\", \"kind\": \"address\", \"distance\": 1, \"hub\": false}\n"
  "  ],\n"
  "  \"cycles\": []\n"
  "}\n";

static void
test_impact (MapFixture    *f,
             gconstpointer  data)
{
  g_auto(Result) result = { 0 };

  RUN (&f->cli, &result, "impact", "db01");
  assert_result (&result, 0, db01_dependents, "");

  /* An address names its device. */
  result_clear (&result);
  RUN (&f->cli, &result, "impact", "10.0.2.21");
  assert_result (&result, 0, db01_dependents, "");

  result_clear (&result);
  RUN (&f->cli, &result, "impact", "web01", "--dependencies", "--hide-hubs", "3");
  assert_result (&result, 0, web01_dependencies, "");

  result_clear (&result);
  RUN (&f->cli, &result, "impact", "web01", "--dependencies", "--hide-hubs", "3", "--through-hubs");
  assert_result (&result, 0, web01_through_hubs, "");

  result_clear (&result);
  RUN (&f->cli, &result, "impact", "shop", "--dependencies", "--depth", "1", "--format", "json");
  assert_result (&result, 0, shop_json, "");

  /* The upstream resolver calls no one; only UDP: only DNS traffic is left. */
  result_clear (&result);
  RUN (&f->cli, &result, "impact", "198.51.100.1", "--dependencies");
  assert_result (&result, 0, "Dependencies of 198.51.100.1, what it needs to move with it: 0 nodes\n", "");
  result_clear (&result);
  RUN (&f->cli, &result, "impact", "dns01", "--protocol", "udp");
  assert_result (&result, 0,
                 "Dependents of dns01, what breaks if it goes away: 5 nodes\n"
                 "depth  node\n"
                 "    1  db01\n"
                 "    1  db02\n"
                 "    1  web01\n"
                 "    1  web02\n"
                 "    1  192.168.10.5\n", "");
}

/* rules -------------------------------------------------------------------- */

static const char udp_nft[] =
  "#!/usr/sbin/nft -f\n"
  "# Allow-list rules from the dependency map of Liaison " PACKAGE_VERSION "\n"
  "# Filters: --protocol udp\n"
  "# Nodes by: device\n"
  "# Use: nft -f FILE, then \"jump allow\" to this table's chain from an input or\n"
  "# forward chain of the firewall (table inet liaison).\n"
  "\n"
  "table inet liaison\n"
  "flush table inet liaison\n"
  "\n"
  "table inet liaison {\n"
  "\tchain allow {\n"
  "\t\t# dns01\n"
  "\t\tip saddr 10.0.2.21 ip daddr 10.0.3.53 udp dport 53 accept comment \"db01 -> dns01 53/domain\"\n"
  "\t\tip saddr 10.0.2.22 ip daddr 10.0.3.53 udp dport 53 accept comment \"db02 -> dns01 53/domain\"\n"
  "\t\tip saddr 10.0.1.11 ip daddr 10.0.3.53 udp dport 53 accept comment \"web01 -> dns01 53/domain\"\n"
  "\t\tip saddr 10.0.1.12 ip daddr 10.0.3.53 udp dport 53 accept comment \"web02 -> dns01 53/domain\"\n"
  "\t\tip saddr 192.168.10.5 ip daddr 10.0.3.53 udp dport 53 accept comment \"192.168.10.5 -> dns01 53/domain\"\n"
  "\n"
  "\t\t# 198.51.100.1\n"
  "\t\tip saddr 10.0.3.53 ip daddr 198.51.100.1 udp dport 53 accept comment \"dns01 -> 198.51.100.1 53/domain\"\n"
  "\t}\n"
  "}\n";

/* Silent for a day or more (test-map.c's silent column): the edges last
 * found at T1 or T2; web01 -> 203.0.113.10 was never measured. */
static const char silent_csv[] =
  "# Allow-list rules from the dependency map of Liaison " PACKAGE_VERSION "\n"
  "# Filters: --hide-loopback --silent-at-least 1d\n"
  "# Nodes by: device\n"
  "client_ip,listener_ip,port,protocol,service,persistence_percent,flow_events,last_found\n"
  "10.0.1.11,10.0.2.21,5432,tcp,postgresql,66.666667,,2026-11-21T00:00:00Z\n"
  "10.0.2.21,10.0.2.22,3306,tcp,mysql,66.666667,,2026-11-21T00:00:00Z\n"
  "10.0.1.11,10.0.2.22,3306,tcp,mysql,33.333333,,2026-11-20T00:00:00Z\n"
  "10.0.2.22,10.0.1.11,8080,tcp,http-alt,33.333333,,2026-11-20T00:00:00Z\n"
  "192.168.20.7,10.0.1.11,443,tcp,https,33.333333,,2026-11-20T00:00:00Z\n"
  "192.168.10.6,10.0.1.12,443,tcp,https,66.666667,,2026-11-21T00:00:00Z\n";

static void
test_rules (MapFixture    *f,
            gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autofree char *path = g_build_filename (f->cli.dir, "allow.nft", NULL);
  g_autofree char *written = NULL;

  RUN (&f->cli, &result, "rules", "--protocol", "udp");
  assert_result (&result, 0, udp_nft, "");
  map_fixture_assert_nft_check (f->cli.dir, result.out);

  result_clear (&result);
  RUN (&f->cli, &result, "rules", "--protocol", "udp", "--format", "nftables", "-o", path);
  assert_result (&result, 0, "", "");
  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, udp_nft);

  /* Every rule of the whole map passes nft too. */
  result_clear (&result);
  RUN (&f->cli, &result, "rules");
  g_assert_cmpint (result.status, ==, 0);
  map_fixture_assert_nft_check (f->cli.dir, result.out);

  result_clear (&result);
  RUN (&f->cli, &result, "rules", "--format", "csv", "--silent-at-least", "1d", "--hide-loopback");
  assert_result (&result, 0, silent_csv, "");
}

/* group -------------------------------------------------------------------- */

static void
test_group (MapFixture    *f,
            gconstpointer  data)
{
  g_auto(Result) result = { 0 };

  RUN (&f->cli, &result, "group", "add", "resolvers", "dns01", "198.51.100.1");
  assert_result (&result, 0, "", "");
  result_clear (&result);
  RUN (&f->cli, &result, "group", "list");
  assert_result (&result, 0, "resolvers: dns01, 198.51.100.1\nshop: web01, web02\n", "");
  result_clear (&result);
  RUN (&f->cli, &result, "group", "list", "--format", "json");
  assert_result (&result, 0,
                 "[\n"
                 "  {\"name\": \"resolvers\", \"devices\": [\"dns01\"], \"addresses\": [\"198.51.100.1\"]},\n"
                 "  {\"name\": \"shop\", \"devices\": [\"web01\", \"web02\"], \"addresses\": []}\n"
                 "]\n", "");

  /* The map shows it as one node, and the shop too: what calls the resolvers. */
  result_clear (&result);
  RUN (&f->cli, &result, "impact", "resolvers", "--depth", "1");
  assert_result (&result, 0,
                 "Dependents of resolvers, what breaks if it goes away: 4 nodes\n"
                 "depth  node\n"
                 "    1  shop\n"
                 "    1  db01\n"
                 "    1  db02\n"
                 "    1  192.168.10.5\n", "");

  /* A member in a group already: refused, nothing changed. */
  result_clear (&result);
  RUN (&f->cli, &result, "group", "add", "resolvers", "10.0.1.11");
  assert_result (&result, 0, "", "");
  result_clear (&result);
  RUN (&f->cli, &result, "group", "add", "other", "web01", "db01");
  assert_result (&result, 2, "",
                 "liaison-cli: “web01” is in the group “shop” already; "
                 "a device or an address is in one group at most\n");

  result_clear (&result);
  RUN (&f->cli, &result, "group", "remove", "resolvers", "198.51.100.1", "10.0.1.11");
  assert_result (&result, 0, "", "");
  result_clear (&result);
  RUN (&f->cli, &result, "group", "remove", "shop");
  assert_result (&result, 0, "", "");
  result_clear (&result);
  RUN (&f->cli, &result, "group", "list");
  assert_result (&result, 0, "resolvers: dns01\n", "");

  result_clear (&result);
  RUN (&f->cli, &result, "group", "remove", "shop");
  assert_result (&result, 2, "", "liaison-cli: there is no group “shop”\n");
  result_clear (&result);
  RUN (&f->cli, &result, "group", "remove", "resolvers", "db01");
  assert_result (&result, 2, "", "liaison-cli: “db01” is not in the group “resolvers”\n");
  result_clear (&result);
  RUN (&f->cli, &result, "group", "add", "g", "nosuchhost");
  assert_result (&result, 2, "", "liaison-cli: “nosuchhost” is neither an IP address nor a known device\n");
  result_clear (&result);
  RUN (&f->cli, &result, "group", "list");
  assert_result (&result, 0, "resolvers: dns01\n", "");
}

/* compare -------------------------------------------------------------------- */

/* map.md 5: "each (client address, listener address, port, protocol) seen in
 * either is new (seen in B, not in A), gone (seen in A, not in B), or kept
 * (both), with, for kept ones, the persistence and flow events in each range
 * where they can be told".
 *
 * A = [T1, T2) holds the samples of T1; B = [T2, 2026-11-23) those of T2 and
 * T3 and both netflow files. Persistence in a range: of the samples of the
 * record's host in it that found its listener, the share in one of its runs:
 * web01 -> db01 5432 ran T1-T2 and db01 found 5432 at T1, T2, T3: 1 of 1,
 * then 1 of 2. 192.168.10.5 -> web01 443's flow (00:02:00-00:02:30 of T3)
 * lies outside A (0 events) and inside B (1). web02 -> db01 ran T1-T3. Only
 * netstat and flows are told; the edge typed in by hand has no time, and is
 * in neither range. */
static const char compare_text[] =
  "From 2026-11-20T00:00:00Z..2026-11-21T00:00:00Z to 2026-11-21T00:00:00Z..2026-11-23T00:00:00Z: "
  "8 new, 4 gone, 6 kept\n"
  "new   10.0.1.11 -> 10.0.3.53 53/tcp (domain)\n"
  "new   10.0.1.11 -> 10.0.3.53 53/udp (domain)\n"
  "new   10.0.1.12 -> 10.0.3.53 53/udp (domain)\n"
  "new   10.0.2.21 -> 10.0.3.53 53/udp (domain)\n"
  "new   10.0.2.22 -> 10.0.3.53 53/udp (domain)\n"
  "new   10.0.3.53 -> 198.51.100.1 53/udp (domain)\n"
  "new   192.168.10.5 -> 10.0.3.53 53/udp (domain)\n"
  "new   192.168.10.6 -> 10.0.1.11 443/tcp (https)\n"
  "gone  10.0.1.11 -> 10.0.2.22 3306/tcp (mysql)\n"
  "gone  10.0.2.22 -> 10.0.1.11 8080/tcp (http-alt)\n"
  "gone  127.0.0.1 -> 127.0.0.1 5432/tcp (postgresql)\n"
  "gone  192.168.20.7 -> 10.0.1.11 443/tcp (https)\n"
  "kept  10.0.1.11 -> 10.0.2.21 5432/tcp (postgresql)  persistence 100.0 -> 50.0, events - -> -\n"
  "kept  10.0.1.12 -> 10.0.2.21 5432/tcp (postgresql)  persistence 100.0 -> 100.0, events - -> -\n"
  "kept  10.0.2.21 -> 10.0.2.22 3306/tcp (mysql)  persistence 100.0 -> 50.0, events - -> -\n"
  "kept  127.0.0.1 -> 127.0.0.1 6379/tcp (redis)  persistence 100.0 -> 50.0, events - -> -\n"
  "kept  192.168.10.5 -> 10.0.1.11 443/tcp (https)  persistence 100.0 -> 50.0, events 0 -> 1\n"
  "kept  192.168.10.6 -> 10.0.1.12 443/tcp (https)  persistence 100.0 -> 50.0, events - -> -\n";

/* A = [T1, T3), B = [T3, 2026-11-23), TCP only, without loopback: at T3
 * web01 found 443 listening without 192.168.10.5 (0 of 1). */
static const char compare_csv[] =
  "state,client_ip,listener_ip,port,protocol,service,before_persistence_percent,"
  "after_persistence_percent,before_flow_events,after_flow_events\n"
  "new,10.0.1.11,10.0.3.53,53,tcp,domain,,,,\n"
  "new,192.168.10.6,10.0.1.11,443,tcp,https,,,,\n"
  "gone,10.0.1.11,10.0.2.21,5432,tcp,postgresql,,,,\n"
  "gone,10.0.1.11,10.0.2.22,3306,tcp,mysql,,,,\n"
  "gone,10.0.2.21,10.0.2.22,3306,tcp,mysql,,,,\n"
  "gone,10.0.2.22,10.0.1.11,8080,tcp,http-alt,,,,\n"
  "gone,192.168.10.6,10.0.1.12,443,tcp,https,,,,\n"
  "gone,192.168.20.7,10.0.1.11,443,tcp,https,,,,\n"
  "kept,10.0.1.12,10.0.2.21,5432,tcp,postgresql,100.0,100.0,,\n"
  "kept,192.168.10.5,10.0.1.11,443,tcp,https,100.0,0.0,0,1\n";

static const char compare_json[] =
  "[\n"
  "  {\"state\": \"new\", \"client_ip\": \"192.168.10.6\", \"listener_ip\": \"10.0.1.11\", \"port\": 443, "
  "\"protocol\": \"tcp\", \"service\": \"https\", \"before_persistence_percent\": null, "
  "\"after_persistence_percent\": null, \"before_flow_events\": null, \"after_flow_events\": null},\n"
  "  {\"state\": \"kept\", \"client_ip\": \"192.168.10.5\", \"listener_ip\": \"10.0.1.11\", \"port\": 443, "
  "\"protocol\": \"tcp\", \"service\": \"https\", \"before_persistence_percent\": 100.0, "
  "\"after_persistence_percent\": 0.0, \"before_flow_events\": 0, \"after_flow_events\": 1}\n"
  "]\n";

static void
test_compare (MapFixture    *f,
              gconstpointer  data)
{
  g_auto(Result) result = { 0 };

  RUN (&f->cli, &result, "compare", "--before", "2026-11-20T00:00:00Z..2026-11-21T00:00:00Z",
       "--after", "2026-11-21T00:00:00Z..2026-11-23T00:00:00Z");
  assert_result (&result, 0, compare_text, "");

  result_clear (&result);
  RUN (&f->cli, &result, "compare", "--before", "2026-11-20T00:00:00Z..2026-11-22T00:00:00Z",
       "--after", "2026-11-22T00:00:00Z..2026-11-23T00:00:00Z", "--format", "csv",
       "--protocol", "tcp", "--hide-loopback");
  assert_result (&result, 0, compare_csv, "");

  /* The FILTER words: only port 443, only what was seen within a day. */
  result_clear (&result);
  RUN (&f->cli, &result, "compare", "--before", "2026-11-20T00:00:00Z..2026-11-22T00:00:00Z",
       "--after", "2026-11-22T00:00:00Z..2026-11-23T00:00:00Z", "--format", "json",
       "--hide-ports", "53,3306,5432,6379,8080", "--seen-within", "1d");
  assert_result (&result, 0, compare_json, "");
}

/* map --from --to and --seen-within (map.md 3), as tests/core/test-map.c
 * works them out: in [00:03, 00:05) of T3 only web01 -> dns01 53/udp was
 * active; seen within 500 s are the edges silent for less. */
static void
test_map_time_words (MapFixture    *f,
                     gconstpointer  data)
{
  g_auto(Result) result = { 0 };

  RUN (&f->cli, &result, "rules", "--format", "csv", "--from", "2026-11-22T00:03:00Z",
       "--to", "2026-11-22T00:05:00Z");
  assert_result (&result, 0,
                 "# Allow-list rules from the dependency map of Liaison " PACKAGE_VERSION "\n"
                 "# Filters: --from 2026-11-22T00:03:00Z --to 2026-11-22T00:05:00Z\n"
                 "# Nodes by: device\n"
                 "client_ip,listener_ip,port,protocol,service,persistence_percent,flow_events,last_found\n"
                 "10.0.1.11,10.0.3.53,53,udp,domain,,3,2026-11-22T00:05:11Z\n", "");

  /* Silent for less than 500 s: of the edges to dns01 (53/udp), the ones
   * silent 549 s, 559 s and 569 s go. */
  result_clear (&result);
  RUN (&f->cli, &result, "rules", "--format", "csv", "--seen-within", "500s", "--protocol", "udp");
  assert_result (&result, 0,
                 "# Allow-list rules from the dependency map of Liaison " PACKAGE_VERSION "\n"
                 "# Filters: --protocol udp --seen-within 500s\n"
                 "# Nodes by: device\n"
                 "client_ip,listener_ip,port,protocol,service,persistence_percent,flow_events,last_found\n"
                 "10.0.1.11,10.0.3.53,53,udp,domain,,3,2026-11-22T00:05:11Z\n"
                 "10.0.1.12,10.0.3.53,53,udp,domain,,2,2026-11-22T00:09:01Z\n"
                 "10.0.3.53,198.51.100.1,53,udp,domain,,1,2026-11-22T00:06:01Z\n", "");
}

/* Bad input ------------------------------------------------------------------ */

/* A NODE the map does not hold: exit 2, one line that names it. */
static void
test_unknown_node (MapFixture    *f,
                   gconstpointer  data)
{
  g_auto(Result) result = { 0 };

  RUN (&f->cli, &result, "impact", "db99");
  assert_result (&result, 2, "",
                 "liaison-cli: impact: “db99” is not in the map: no device, address or group "
                 "of that name has an edge that passes the filters\n");

  /* There, but not once the filters are applied. */
  result_clear (&result);
  RUN (&f->cli, &result, "impact", "203.0.113.10", "--protocol", "udp");
  assert_result (&result, 2, "",
                 "liaison-cli: impact: “203.0.113.10” is not in the map: no device, address or group "
                 "of that name has an edge that passes the filters\n");

  result_clear (&result);
  RUN (&f->cli, &result, "impact", "127.0.0.1");
  assert_result (&result, 2, "",
                 "liaison-cli: impact: “127.0.0.1” is a loopback address: it is part of each device "
                 "it was seen on; name the device\n");
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  static const UsageCase cases[] = {
    { { "map", "--silent-at-least", "5x" },
      "liaison-cli: map: --silent-at-least: “5x” is not a duration "
      "(a whole number and s, m, h or d: 90s, 5m, 2h, 7d)\n" },
    { { "rules", "--silent-at-least", "1.5h" },
      "liaison-cli: rules: --silent-at-least: “1.5h” is not a duration "
      "(a whole number and s, m, h or d: 90s, 5m, 2h, 7d)\n" },
    { { "impact", "db01", "--silent-at-least", "" },
      "liaison-cli: impact: --silent-at-least: “” is not a duration "
      "(a whole number and s, m, h or d: 90s, 5m, 2h, 7d)\n" },
    { { "map", "--min-persistence", "120" },
      "liaison-cli: map: --min-persistence: “120” is not a percentage from 0 to 100\n" },
    { { "map", "--min-persistence", "half" },
      "liaison-cli: map: --min-persistence: “half” is not a percentage from 0 to 100\n" },
    { { "rules", "--min-events", "-1" },
      "liaison-cli: rules: --min-events: “-1” is not a whole number of events\n" },
    { { "map", "--hide-ports", "22,99999" },
      "liaison-cli: map: --hide-ports: “22,99999”: port “99999” is not between 1 and 65535\n" },
    { { "map", "--protocol", "icmp" },
      "liaison-cli: map: --protocol: “icmp” is not a protocol (tcp or udp)\n" },
    { { "impact", "db01", "--hide-hubs", "0" },
      "liaison-cli: impact: --hide-hubs: “0” is not a number of client nodes (1 or more)\n" },
    { { "map", "--group", "town" },
      "liaison-cli: map: --group: “town” is not a grouping (device, subnet, subnet:BITS or groups)\n" },
    { { "map", "--format", "csv" },
      "liaison-cli: map: --format: unknown format “csv” (dot, json, svg or png)\n" },
    { { "rules", "--format", "json" },
      "liaison-cli: rules: --format: unknown format “json” (nftables or csv)\n" },
    { { "impact" },
      "liaison-cli: impact: a NODE is required (a device, an address or a group)\n" },
    { { "impact", "db01", "web01" },
      "liaison-cli: impact: unexpected argument “web01”\n" },
    { { "impact", "db01", "--depth", "0" },
      "liaison-cli: impact: --depth: “0” is not a number of edges (1 or more)\n" },
    { { "group" },
      "liaison-cli: group: add, remove or list is required\n" },
    { { "group", "rename", "a", "b" },
      "liaison-cli: group: unknown action “rename” (add, remove or list)\n" },
    { { "group", "add" },
      "liaison-cli: group add: a group NAME is required\n" },
    { { "group", "add", "shop" },
      "liaison-cli: group add: at least one MEMBER is required (a device or an address)\n" },
    { { "group", "add", "shop", "web01", "--format", "json" },
      "liaison-cli: group: --format is for list only\n" },
    { { "group", "list", "extra" },
      "liaison-cli: group: unexpected argument “extra”\n" },
    { { "map", "--seen-within", "soon" },
      "liaison-cli: map: --seen-within: “soon” is not a duration "
      "(a whole number and s, m, h or d: 90s, 5m, 2h, 7d)\n" },
    { { "map", "--from", "yesterday" },
      "liaison-cli: map: --from: “yesterday” is not a time (ISO 8601, for example 2026-11-27T00:01:15Z)\n" },
    /* An empty time range. */
    { { "rules", "--from", "2026-11-22T00:00:00Z", "--to", "2026-11-21T00:00:00Z" },
      "liaison-cli: rules: --from, --to: the time range from 2026-11-22T00:00:00Z "
      "to 2026-11-21T00:00:00Z is empty\n" },
    { { "impact", "db01", "--from", "2026-11-22T00:00:00Z", "--to", "2026-11-22T00:00:00Z" },
      "liaison-cli: impact: --from, --to: the time range from 2026-11-22T00:00:00Z "
      "to 2026-11-22T00:00:00Z is empty\n" },
    { { "compare", "--after", "2026-11-21T00:00:00Z..2026-11-22T00:00:00Z" },
      "liaison-cli: compare: --before FROM..TO is required\n" },
    { { "compare", "--before", "2026-11-21T00:00:00Z", "--after", "2026-11-21T00:00:00Z..2026-11-22T00:00:00Z" },
      "liaison-cli: compare: --before: “2026-11-21T00:00:00Z” is not a time range FROM..TO\n" },
    { { "compare", "--before", "noon..2026-11-22T00:00:00Z", "--after", "2026-11-21T00:00:00Z..2026-11-22T00:00:00Z" },
      "liaison-cli: compare: --before: “noon..2026-11-22T00:00:00Z” is not a time range FROM..TO "
      "of two times (ISO 8601, for example 2026-11-27T00:01:15Z)\n" },
    { { "compare", "--before", "2026-11-20T00:00:00Z..2026-11-21T00:00:00Z",
        "--after", "2026-11-22T00:00:00Z..2026-11-21T00:00:00Z" },
      "liaison-cli: compare: --after: the time range from 2026-11-22T00:00:00Z to 2026-11-21T00:00:00Z is empty\n" },
    { { "compare", "--before", "2026-11-20T00:00:00Z..2026-11-21T00:00:00Z",
        "--after", "2026-11-21T00:00:00Z..2026-11-22T00:00:00Z", "--from", "2026-11-20T00:00:00Z" },
      "liaison-cli: compare: the time ranges are --before and --after, not --from and --to\n" },
    { { "compare", "--before", "2026-11-20T00:00:00Z..2026-11-21T00:00:00Z",
        "--after", "2026-11-21T00:00:00Z..2026-11-22T00:00:00Z", "--format", "dot" },
      "liaison-cli: compare: --format: unknown format “dot” (text, csv or json)\n" },
  };

  assert_usage_errors (fixture, cases, G_N_ELEMENTS (cases));
}

/* The FILTER words are in the --help of each command that takes them. */
static void
test_help (Fixture       *fixture,
           gconstpointer  data)
{
  const char *commands[] = { "map", "impact", "rules", "compare" };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Result) result = { 0 };

      RUN (fixture, &result, commands[i], "--help");
      g_assert_cmpint (result.status, ==, 0);
      g_assert_nonnull (strstr (result.out, "--min-persistence=PERCENT"));
      g_assert_nonnull (strstr (result.out, "--hide-loopback"));
      g_assert_nonnull (strstr (result.out, "--silent-at-least=DURATION"));
      g_assert_nonnull (strstr (result.out, "--seen-within=DURATION"));
      g_assert_nonnull (strstr (result.out, "--from=TIME"));
      g_assert_nonnull (strstr (result.out, "--to=TIME"));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  add_map_test ("/cli/map/json", test_map_json);
  add_map_test ("/cli/map/drawings", test_map_drawings);
  add_map_test ("/cli/impact", test_impact);
  add_map_test ("/cli/rules", test_rules);
  add_map_test ("/cli/group", test_group);
  add_map_test ("/cli/compare", test_compare);
  add_map_test ("/cli/map/time-words", test_map_time_words);
  add_map_test ("/cli/impact/unknown-node", test_unknown_node);
  add_test ("/cli/map/usage", test_usage);
  add_test ("/cli/map/help", test_help);

  return g_test_run ();
}
