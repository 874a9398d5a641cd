/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-export"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "liaison-error.h"
#include "liaison-export.h"
#include "liaison-netflow-parser.h"
#include "liaison-netstat-parser.h"
#include "liaison-netflow-statistics-private.h"
#include "liaison-netstat-statistics-private.h"
#include "liaison-statistics.h"
#include "liaison-store.h"
#include "liaison-time.h"
#include "liaison-test-fixture.h"

/* The statistics export (export.md): the exact document, and JSON that
 * stays valid whatever the names hold. */

#define EXPORTED_AT "2026-11-27T04:00:00Z"

static LiaisonAddress
address (const char *text)
{
  LiaisonAddress out;

  g_assert_true (liaison_address_parse (text, -1, &out));
  return out;
}

/* A socket table built by hand: what a parser would give. */
static void
add_listener (GArray     *sockets,
              const char *ip,
              guint16     port)
{
  LiaisonSocket socket = { 0 };

  socket.protocol = LIAISON_PROTOCOL_TCP;
  socket.kind = LIAISON_SOCKET_LISTENING;
  socket.local = address (ip);
  socket.local_port = port;
  socket.line = sockets->len + 2;
  g_array_append_val (sockets, socket);
}

static void
add_connection (GArray     *sockets,
                const char *local,
                guint16     local_port,
                const char *peer,
                guint16     peer_port,
                const char *process)
{
  LiaisonSocket socket = { 0 };

  socket.protocol = LIAISON_PROTOCOL_TCP;
  socket.kind = LIAISON_SOCKET_CONNECTION;
  socket.local = address (local);
  socket.local_port = local_port;
  socket.peer = address (peer);
  socket.peer_port = peer_port;
  socket.process = g_strdup (process);
  socket.line = sockets->len + 2;
  g_array_append_val (sockets, socket);
}

static void
apply_sockets (LiaisonStore *store,
               const char   *host,
               const char   *time,
               GArray       *sockets)
{
  g_autoptr(GError) error = NULL;
  LiaisonNetstatTable table = { LIAISON_NETSTAT_FORMAT_SS, sockets };

  liaison_statistics_apply_netstat (store, host, liaison_test_time (time), &table, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < sockets->len; i++)
    g_free (g_array_index (sockets, LiaisonSocket, i).process);
  g_array_set_size (sockets, 0);
}

/*
 * Three samples of web01: 10.0.0.5:443 listens in all three; 10.0.0.9
 * connects from two ports in the first and one in the third. web01's psql
 * talks to 10.0.0.7:5432 in the first.
 *   statistics record: total 3, active 2, ports 3 -> 1.5, persistence 66.666667
 *   classic record:    total 3, active 1, ports 1 -> 1.0, persistence 33.333333
 */
static void
add_netstat_samples (LiaisonStore *store,
                     const char   *host,
                     const char   *process)
{
  g_autoptr(GArray) sockets = g_array_new (FALSE, TRUE, sizeof (LiaisonSocket));

  add_listener (sockets, "10.0.0.5", 443);
  add_connection (sockets, "10.0.0.5", 443, "10.0.0.9", 51000, NULL);
  add_connection (sockets, "10.0.0.5", 443, "10.0.0.9", 51001, NULL);
  add_connection (sockets, "10.0.0.5", 40000, "10.0.0.7", 5432, process);
  apply_sockets (store, host, "2026-11-25T00:00:00Z", sockets);

  add_listener (sockets, "10.0.0.5", 443);
  apply_sockets (store, host, "2026-11-26T00:00:00Z", sockets);

  add_listener (sockets, "10.0.0.5", 443);
  add_connection (sockets, "10.0.0.5", 443, "10.0.0.9", 51002, NULL);
  apply_sockets (store, host, "2026-11-27T00:00:00.250Z", sockets);
}

static char *
export (LiaisonStore            *store,
        const LiaisonStatFilter *filter)
{
  return liaison_test_export (store, filter, EXPORTED_AT);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (g_utf8_validate (text, -1, NULL));
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
assert_member_order (JsonObject  *object,
                     const char **expected)
{
  GList *members = json_object_get_members (object);
  guint i = 0;

  for (GList *l = members; l != NULL; l = l->next, i++)
    {
      g_assert_nonnull (expected[i]);
      g_assert_cmpstr (l->data, ==, expected[i]);
    }
  g_assert_null (expected[i]);
  g_list_free (members);
}

static void
test_empty (void)
{
  g_autoptr(LiaisonTestFixture) fixture = liaison_test_fixture_new ();
  g_autofree char *text = export (fixture->store, NULL);

  g_assert_cmpstr (text, ==,
                   "{\n"
                   "  \"format\": \"liaison-statistics\",\n"
                   "  \"version\": 1,\n"
                   "  \"generator\": \"liaison " PACKAGE_VERSION "\",\n"
                   "  \"exported_at\": \"" EXPORTED_AT "\",\n"
                   "  \"statistics\": [],\n"
                   "  \"classic_statistics\": []\n"
                   "}\n");

  liaison_test_assert_database_only (fixture);
}

static const char netstat_document[] =
  "{\n"
  "  \"format\": \"liaison-statistics\",\n"
  "  \"version\": 1,\n"
  "  \"generator\": \"liaison " PACKAGE_VERSION "\",\n"
  "  \"exported_at\": \"" EXPORTED_AT "\",\n"
  "  \"statistics\": [\n"
  "    {\n"
  "      \"listener_ip\": \"10.0.0.5\",\n"
  "      \"port\": 443,\n"
  "      \"protocol\": \"tcp\",\n"
  "      \"client_ip\": \"10.0.0.9\",\n"
  "      \"listener_device\": \"web01\",\n"
  "      \"client_device\": null,\n"
  "      \"netstat\": {\n"
  "        \"total_samples\": 3,\n"
  "        \"active_samples\": 2,\n"
  "        \"total_ports\": 3,\n"
  "        \"average_client_connections\": 1.5,\n"
  "        \"weight\": 1.5,\n"
  "        \"persistence_percent\": 66.666667,\n"
  "        \"first_found\": \"2026-11-25T00:00:00Z\",\n"
  "        \"last_found\": \"2026-11-27T00:00:00.250Z\",\n"
  /* Active on the 25th and the 27th; the 26th discovered 443 and broke the run. */
  "        \"runs\": [[\"2026-11-25T00:00:00Z\", \"2026-11-25T00:00:00Z\"], [\"2026-11-27T00:00:00.250Z\", \"2026-11-27T00:00:00.250Z\"]],\n"
  "        \"runs_known_since\": null\n"
  "      },\n"
  "      \"netflow\": null\n"
  "    }\n"
  "  ],\n"
  "  \"classic_statistics\": [\n"
  "    {\n"
  "      \"client_ip\": \"10.0.0.5\",\n"
  "      \"listener_ip\": \"10.0.0.7\",\n"
  "      \"port\": 5432,\n"
  "      \"protocol\": \"tcp\",\n"
  "      \"client_process_name\": \"psql\",\n"
  "      \"client_process_display_name\": null,\n"
  "      \"client_device\": \"web01\",\n"
  "      \"total_samples\": 3,\n"
  "      \"active_samples\": 1,\n"
  "      \"total_ports\": 1,\n"
  "      \"average_client_connections\": 1.0,\n"
  "      \"persistence_percent\": 33.333333,\n"
  "      \"first_found\": \"2026-11-25T00:00:00Z\",\n"
  "      \"last_found\": \"2026-11-25T00:00:00Z\",\n"
  "      \"runs\": [[\"2026-11-25T00:00:00Z\", \"2026-11-25T00:00:00Z\"]],\n"
  "      \"runs_known_since\": null\n"
  "    }\n"
  "  ]\n"
  "}\n";

static void
test_netstat_document (void)
{
  g_autoptr(LiaisonTestFixture) fixture = liaison_test_fixture_new ();
  g_autofree char *text = NULL;

  add_netstat_samples (fixture->store, "web01", "psql");
  text = export (fixture->store, NULL);
  g_assert_cmpstr (text, ==, netstat_document);

  liaison_test_assert_database_only (fixture);
}

/* The seed example (statistics.md section 5), applied straight to the engine. */
static void
add_seed_netflow (LiaisonStore *store)
{
  static const char *files[] = {
    "start,end,client_ip,client_port,listener_ip,listener_port,protocol\n"
    "2026-11-27T00:01:15Z,,10.0.0.9,52001,10.0.0.5,443,tcp\n"
    "2026-11-27T00:01:45Z,,10.0.0.9,52002,10.0.0.5,443,tcp\n",
    "start,end,client_ip,client_port,listener_ip,listener_port,protocol\n"
    "2026-11-27T00:02:10Z,,10.0.0.9,52003,10.0.0.5,443,tcp\n"
    "2026-11-27T00:02:45Z,,10.0.0.9,52004,10.0.0.5,443,tcp\n",
    "start,end,client_ip,client_port,listener_ip,listener_port,protocol\n"
    "2026-11-27T00:03:50Z,,10.0.0.9,52005,10.0.0.5,443,tcp\n"
    "2026-11-27T00:03:55Z,,10.0.0.9,52006,10.0.0.5,443,tcp\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LiaisonFlowFile) file = NULL;

      file = liaison_netflow_parse ("seed.csv", files[i], strlen (files[i]), NULL, &error);
      g_assert_no_error (error);
      liaison_statistics_apply_netflow (store, 60, file, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }
}

/* Both parts of one record, and a record with netflow only: nulls where
 * nothing was measured, integers for counters, numbers with a fractional
 * part for the derived figures. */
static void
test_types (void)
{
  g_autoptr(LiaisonTestFixture) fixture = liaison_test_fixture_new ();
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *records;
  JsonObject *record, *netstat, *netflow;
  JsonArray *gaps;
  const char *record_keys[] = {
    "listener_ip", "port", "protocol", "client_ip", "listener_device", "client_device",
    "netstat", "netflow", NULL
  };
  const char *netstat_keys[] = {
    "total_samples", "active_samples", "total_ports", "average_client_connections", "weight",
    "persistence_percent", "first_found", "last_found", "runs", "runs_known_since", NULL
  };
  const char *netflow_keys[] = {
    "sample_interval", "active_samples", "total_events", "total_ports", "average_client_connections",
    "first_found", "last_found", "active_span", "gap_span", "pending_span", "silent_span", "gap_segments", NULL
  };

  add_netstat_samples (fixture->store, "web01", "psql");
  add_seed_netflow (fixture->store);
  {
    /* A second client seen by netflow only. */
    static const char csv[] =
      "start,end,client_ip,client_port,listener_ip,listener_port,protocol\n"
      "2026-11-27T00:03:10Z,2026-11-27T00:03:12.5Z,10.0.0.10,52100,10.0.0.5,443,tcp\n";
    g_autoptr(GError) error = NULL;
    g_autoptr(LiaisonFlowFile) file = liaison_netflow_parse ("b.csv", csv, strlen (csv), NULL, &error);

    g_assert_no_error (error);
    liaison_statistics_apply_netflow (fixture->store, 60, file, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
  }

  text = export (fixture->store, NULL);
  root = parse_json (text);
  records = json_object_get_array_member (json_node_get_object (root), "statistics");
  g_assert_cmpuint (json_array_get_length (records), ==, 2);

  /* 10.0.0.9: both parts. */
  record = json_array_get_object_element (records, 0);
  assert_member_order (record, record_keys);
  g_assert_cmpstr (json_object_get_string_member (record, "client_ip"), ==, "10.0.0.9");
  g_assert_true (json_object_get_null_member (record, "client_device"));
  g_assert_cmpstr (json_object_get_string_member (record, "listener_device"), ==, "web01");
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (record, "port")), ==, G_TYPE_INT64);

  netstat = json_object_get_object_member (record, "netstat");
  assert_member_order (netstat, netstat_keys);
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (netstat, "total_samples")), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (netstat, "weight")), ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_object_get_double_member (netstat, "weight"), ==, 1.5);

  netflow = json_object_get_object_member (record, "netflow");
  assert_member_order (netflow, netflow_keys);
  g_assert_cmpint (json_object_get_int_member (netflow, "sample_interval"), ==, 60);
  g_assert_cmpint (json_object_get_int_member (netflow, "active_samples"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (netflow, "total_events"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (netflow, "total_ports"), ==, 6);
  /* 2.0, not 2: a double for json-glib. */
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (netflow, "average_client_connections")),
                   ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_object_get_double_member (netflow, "average_client_connections"), ==, 2.0);
  g_assert_cmpstr (json_object_get_string_member (netflow, "first_found"), ==, "2026-11-27T00:01:15Z");
  g_assert_cmpstr (json_object_get_string_member (netflow, "last_found"), ==, "2026-11-27T00:03:55Z");
  g_assert_cmpint (json_object_get_int_member (netflow, "active_span"), ==, 95);
  g_assert_cmpint (json_object_get_int_member (netflow, "gap_span"), ==, 65);
  /* pending_span depends on the sample windows the importer records; the
   * engine was fed directly here, so only its type is checked (test-cli
   * checks the value through a real import). */
  g_assert_true (JSON_NODE_HOLDS_VALUE (json_object_get_member (netflow, "pending_span")));
  gaps = json_object_get_array_member (netflow, "gap_segments");
  g_assert_cmpuint (json_array_get_length (gaps), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (gaps, 0), 0), ==,
                   "2026-11-27T00:02:45Z");
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (gaps, 0), 1), ==,
                   "2026-11-27T00:03:50Z");
  g_assert_nonnull (strstr (text, "        \"gap_segments\": [[\"2026-11-27T00:02:45Z\", \"2026-11-27T00:03:50Z\"]]\n"));

  /* 10.0.0.10: netflow only; a span with milliseconds is a fractional number. */
  record = json_array_get_object_element (records, 1);
  assert_member_order (record, record_keys);
  g_assert_cmpstr (json_object_get_string_member (record, "client_ip"), ==, "10.0.0.10");
  g_assert_true (json_object_get_null_member (record, "listener_device"));
  g_assert_true (json_object_get_null_member (record, "netstat"));
  netflow = json_object_get_object_member (record, "netflow");
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (netflow, "active_span")), ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_object_get_double_member (netflow, "active_span"), ==, 2.5);
  g_assert_cmpstr (json_object_get_string_member (netflow, "last_found"), ==, "2026-11-27T00:03:12.500Z");
  g_assert_cmpint (json_object_get_int_member (netflow, "gap_span"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (netflow, "gap_segments")), ==, 0);
  g_assert_nonnull (strstr (text, "        \"gap_segments\": []\n"));

  liaison_test_assert_database_only (fixture);
}

/* Names hold quotes, backslashes, non-ASCII and control characters; the
 * document stays valid JSON and gives the names back as they were. */
static void
test_names (void)
{
  g_autoptr(LiaisonTestFixture) fixture = liaison_test_fixture_new ();
  static const char host[] = "we\"b\\01 \xc3\xa9\xe2\x98\x83 \x01\t\n\x1f\x7f end";
  static const char process[] = "p\"s\\q/l \xf0\x9f\x90\x98 \r\b\f";
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *document, *record, *classic;
  const char *document_keys[] = {
    "format", "version", "generator", "exported_at", "statistics", "classic_statistics", NULL
  };

  add_netstat_samples (fixture->store, host, process);
  text = export (fixture->store, NULL);

  /* No raw control character anywhere but the layout's newlines. */
  for (const char *p = text; *p != '\0'; p++)
    g_assert_true ((guchar) *p >= 0x20 || *p == '\n');
  g_assert_nonnull (strstr (text, "\"listener_device\": \"we\\\"b\\\\01 \xc3\xa9\xe2\x98\x83 "
                                  "\\u0001\\t\\n\\u001f\\u007f end\",\n"));
  g_assert_nonnull (strstr (text, "\"client_process_name\": \"p\\\"s\\\\q/l \xf0\x9f\x90\x98 \\r\\b\\f\",\n"));

  root = parse_json (text);
  document = json_node_get_object (root);
  assert_member_order (document, document_keys);
  g_assert_cmpstr (json_object_get_string_member (document, "format"), ==, "liaison-statistics");
  g_assert_cmpint (json_object_get_int_member (document, "version"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (document, "exported_at"), ==, EXPORTED_AT);

  record = json_array_get_object_element (json_object_get_array_member (document, "statistics"), 0);
  g_assert_cmpstr (json_object_get_string_member (record, "listener_device"), ==, host);
  classic = json_array_get_object_element (json_object_get_array_member (document, "classic_statistics"), 0);
  g_assert_cmpstr (json_object_get_string_member (classic, "client_process_name"), ==, process);
  g_assert_cmpstr (json_object_get_string_member (classic, "client_device"), ==, host);

  liaison_test_assert_database_only (fixture);
}

/* Names longer than the export's output buffer (256 KiB), one written as it
 * is and one that needs escaping: whole, in place, the layout unchanged. */
static void
test_long_names (void)
{
  g_autoptr(LiaisonTestFixture) fixture = liaison_test_fixture_new ();
  g_autoptr(GString) host = g_string_new (NULL);
  g_autoptr(GString) process = g_string_new (NULL);
  g_autoptr(GString) escaped = g_string_new (NULL);
  g_autofree char *expected_host = NULL;
  g_autofree char *expected_process = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *document, *classic;

  for (guint i = 0; host->len < 300 * 1024; i++)
    g_string_append_printf (host, "host-%u\xc3\xa9", i);
  for (guint i = 0; process->len < 300 * 1024; i++)
    {
      g_string_append_printf (process, "p\"%u\\\x1f", i);
      g_string_append_printf (escaped, "p\\\"%u\\\\\\u001f", i);
    }

  add_netstat_samples (fixture->store, host->str, process->str);
  text = export (fixture->store, NULL);

  expected_host = g_strdup_printf ("      \"listener_device\": \"%s\",\n", host->str);
  g_assert_nonnull (strstr (text, expected_host));
  expected_process = g_strdup_printf ("      \"client_process_name\": \"%s\",\n", escaped->str);
  g_assert_nonnull (strstr (text, expected_process));
  g_assert_true (g_str_has_suffix (text, "    }\n  ]\n}\n"));

  root = parse_json (text);
  document = json_node_get_object (root);
  classic = json_array_get_object_element (json_object_get_array_member (document, "classic_statistics"), 0);
  g_assert_cmpstr (json_object_get_string_member (classic, "client_process_name"), ==, process->str);
  g_assert_cmpstr (json_object_get_string_member (classic, "client_device"), ==, host->str);

  liaison_test_assert_database_only (fixture);
}

/* A server's indexes hold at most some kilobytes a value: a name that long
 * is refused with the server's reason, and nothing of the sample is kept. */
static void
test_long_names_on_server (void)
{
  g_autoptr(LiaisonTestFixture) fixture = liaison_test_fixture_new ();
  g_autoptr(GString) host = g_string_new (NULL);
  g_autoptr(GArray) sockets = g_array_new (FALSE, TRUE, sizeof (LiaisonSocket));
  g_autoptr(GError) error = NULL;
  LiaisonNetstatTable table = { LIAISON_NETSTAT_FORMAT_SS, sockets };
  g_autofree char *expected = NULL;

  for (guint i = 0; host->len < 300 * 1024; i++)
    g_string_append_printf (host, "host-%u\xc3\xa9", i);
  add_listener (sockets, "10.0.0.5", 443);
  add_connection (sockets, "10.0.0.5", 443, "10.0.0.9", 51000, NULL);

  g_assert_false (liaison_statistics_apply_netstat (fixture->store, host->str,
                                                    liaison_test_time ("2026-11-25T00:00:00Z"), &table, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
  expected = g_strdup_printf ("%s: a value is too long for the server (", liaison_store_get_path (fixture->store));
  g_assert_true (g_str_has_prefix (error->message, expected));
  g_assert_cmpint (liaison_test_query_int (fixture->store, "SELECT count(*) FROM listener"), ==, 0);
  g_assert_cmpint (liaison_test_query_int (fixture->store, "SELECT count(*) FROM stat_record"), ==, 0);
  for (guint i = 0; i < sockets->len; i++)
    g_free (g_array_index (sockets, LiaisonSocket, i).process);
}

static void
test_filter (void)
{
  g_autoptr(LiaisonTestFixture) fixture = liaison_test_fixture_new ();
  LiaisonStatFilter other = { "10.0.0.5", 80, "tcp" };
  LiaisonStatFilter same = { "10.0.0.5", 443, "tcp" };
  g_autofree char *none = NULL;
  g_autofree char *all = NULL;
  g_autofree char *one = NULL;

  add_netstat_samples (fixture->store, "web01", "psql");
  none = export (fixture->store, &other);
  g_assert_nonnull (strstr (none, "  \"statistics\": [],\n"));
  all = export (fixture->store, NULL);
  one = export (fixture->store, &same);
  g_assert_nonnull (strstr (one, "\"client_ip\": \"10.0.0.9\""));
  g_assert_null (strstr (one, "\"statistics\": []"));
  g_assert_cmpstr (all, ==, netstat_document);

  liaison_test_assert_database_only (fixture);
}

/* A stream that fails, and a cancelled export: FALSE with the reason. */
static void
test_errors (void)
{
  g_autoptr(LiaisonTestFixture) fixture = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) small = NULL;
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  char buffer[64];

  add_netstat_samples (fixture->store, "web01", "psql");

  small = g_memory_output_stream_new (buffer, sizeof buffer, NULL, NULL);
  g_assert_false (liaison_export_statistics (fixture->store, NULL, 0, small, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  g_assert_false (liaison_export_statistics (fixture->store, NULL, 0, memory, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  liaison_test_assert_database_only (fixture);
}

/* Many records stream through: the document stays whole and in order. */
static void
test_many (void)
{
  g_autoptr(LiaisonTestFixture) fixture = liaison_test_fixture_new ();
  g_autoptr(GArray) sockets = g_array_new (FALSE, TRUE, sizeof (LiaisonSocket));
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *records;

  add_listener (sockets, "10.0.0.5", 443);
  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *client = g_strdup_printf ("10.%u.%u.%u", i / 65536, (i / 256) % 256, i % 256);

      add_connection (sockets, "10.0.0.5", 443, client, 50000, NULL);
    }
  apply_sockets (fixture->store, "web01", "2026-11-27T00:00:00Z", sockets);

  text = export (fixture->store, NULL);
  root = parse_json (text);
  records = json_object_get_array_member (json_node_get_object (root), "statistics");
  g_assert_cmpuint (json_array_get_length (records), ==, 3000);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (records, 0), "client_ip"),
                   ==, "10.0.0.0");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (records, 1), "client_ip"),
                   ==, "10.0.0.1");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (records, 256), "client_ip"),
                   ==, "10.0.1.0");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (records, 2999), "client_ip"),
                   ==, "10.0.11.183");

  /* A stream that fills up after several buffers went out: FALSE with the
   * reason, however far the export got before it was told. */
  {
    g_autofree char *buffer = g_malloc (400 * 1024);
    g_autoptr(GOutputStream) small = g_memory_output_stream_new (buffer, 400 * 1024, NULL, NULL);
    g_autoptr(GError) error = NULL;

    g_assert_cmpuint (strlen (text), >, 3 * 400 * 1024);
    g_assert_false (liaison_export_statistics (fixture->store, NULL, 0, small, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  }

  liaison_test_assert_database_only (fixture);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/empty", test_empty);
  g_test_add_func ("/export/netstat-document", test_netstat_document);
  g_test_add_func ("/export/types-and-nulls", test_types);
  g_test_add_func ("/export/names", test_names);
  liaison_test_add_file_func ("/export/long-names", test_long_names);
  if (liaison_test_on_server ())
    g_test_add_func ("/export/long-names-on-server", test_long_names_on_server);
  g_test_add_func ("/export/filter", test_filter);
  g_test_add_func ("/export/errors", test_errors);
  g_test_add_func ("/export/many", test_many);

  return g_test_run ();
}
