/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#define _GNU_SOURCE

#include <fcntl.h>
#include <locale.h>
#include <string.h>
#include <sys/ioctl.h>

#include <gio/gunixinputstream.h>
#include <json-glib/json-glib.h>

#include "cli-fixture.h"

/*
 * liaison-cli-communications.c: add, edit, delete and list.
 */

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  static const UsageCase cases[] = {
    { { "list", "--sort", "colour" },
      "liaison-cli: list: --sort: unknown column “colour” (columns: id, client_ip, client_device, "
      "listener_ip, listener_device, port, protocol, client_process_name, client_process_display_name, "
      "first_detected, last_detected, source)\n" },
    { { "list", "--sort", "port:up" }, "liaison-cli: list: --sort: unknown order “up” in “port:up” (asc or desc)\n" },
    { { "add", "--client-ip", "10.0.0.9", "--listener-ip", "10.0.0.5", "--protocol", "tcp" },
      "liaison-cli: add: --port is required\n" },
    { { "edit", "1" }, "liaison-cli: edit: nothing to change (give at least one option of add)\n" },
    { { "edit", "abc", "--port", "80" }, "liaison-cli: edit: “abc” is not the id of a service communication\n" },
    { { "edit", "--port", "80" }, "liaison-cli: edit: the id of a service communication is required\n" },
    { { "delete" }, "liaison-cli: delete: the id of at least one service communication is required\n" },
    { { "delete", "1", "0" }, "liaison-cli: delete: “0” is not the id of a service communication\n" },
  };

  assert_usage_errors (fixture, cases, G_N_ELEMENTS (cases));
}

static void
test_add (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *csv = NULL;

  add_row (fixture, "1", "--client-ip", "10.0.0.9", "--listener-ip", "10.0.0.5", "--port", "443",
           "--protocol", "tcp", NULL);
  /* Canonical forms: mapped IPv4 unmapped, protocol in lower case. */
  add_row (fixture, "2", "--client-ip", "::ffff:10.0.0.8", "--listener-ip", "2001:DB8::1", "--port", "53",
           "--protocol", "UDP", "--client-device", "app01", "--listener-device", "dns01",
           "--client-process-name", "dig", "--client-process-display-name", "DNS lookup", NULL);

  csv = dump (fixture);
  g_assert_cmpstr (csv, ==,
                   CSV_HEADER
                   "1,10.0.0.9,,10.0.0.5,,443,tcp,,,,,manual\n"
                   "2,10.0.0.8,app01,2001:db8::1,dns01,53,udp,dig,DNS lookup,,,manual\n");
}

static void
test_add_duplicate (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  add_row (fixture, "1", "--client-ip", "10.0.0.9", "--listener-ip", "10.0.0.5", "--port", "443",
           "--protocol", "tcp", NULL);
  add_row (fixture, "2", "--client-ip", "10.0.0.9", "--listener-ip", "10.0.0.5", "--port", "443",
           "--protocol", "tcp", "--client-process-name", "curl", NULL);
  before = dump (fixture);

  RUN (fixture, &result, "add", "--client-ip", "10.0.0.9", "--listener-ip", "10.0.0.5", "--port", "443",
       "--protocol", "tcp", "--client-device", "app01");
  assert_result (&result, 2, "",
                 "liaison-cli: service communication 10.0.0.9 → 10.0.0.5:443/tcp exists already as id 1\n");

  RUN (fixture, &result, "add", "--client-ip", "::ffff:10.0.0.9", "--listener-ip", "10.0.0.5", "--port", "443",
       "--protocol", "TCP", "--client-process-name", "curl");
  assert_result (&result, 2, "",
                 "liaison-cli: service communication 10.0.0.9 → 10.0.0.5:443/tcp from process curl "
                 "exists already as id 2\n");

  after = dump (fixture);
  g_assert_cmpstr (after, ==, before);
}

static void
test_add_invalid (Fixture       *fixture,
                  gconstpointer  data)
{
  static const struct {
    const char *option;
    const char *value;
    const char *err;
  } cases[] = {
    { "--client-ip", "300.1.1.1", "liaison-cli: --client-ip: “300.1.1.1” is not an IP address\n" },
    { "--listener-ip", "web01", "liaison-cli: --listener-ip: “web01” is not an IP address\n" },
    { "--port", "0", "liaison-cli: --port: port “0” is not between 1 and 65535\n" },
    { "--port", "70000", "liaison-cli: --port: port “70000” is not between 1 and 65535\n" },
    { "--port", "https", "liaison-cli: --port: port “https” is not a number\n" },
    { "--protocol", "icmp", "liaison-cli: --protocol: protocol “icmp” is not tcp or udp\n" },
  };
  g_autofree char *before = NULL;

  add_row (fixture, "1", "--client-ip", "10.0.0.9", "--listener-ip", "10.0.0.5", "--port", "443",
           "--protocol", "tcp", NULL);
  before = dump (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Result) result = { 0 };
      g_autofree char *after = NULL;
      const char *args[] = {
        "add", "--client-ip", "10.0.0.1", "--listener-ip", "10.0.0.2", "--port", "22",
        "--protocol", "tcp", cases[i].option, cases[i].value, NULL
      };

      g_test_message ("case %u: %s %s", i, cases[i].option, cases[i].value);
      run_argv (fixture, NULL, &result, args);
      assert_result (&result, 2, "", cases[i].err);

      /* The same value through edit is refused the same way. */
      {
        const char *edit_args[] = { "edit", "1", cases[i].option, cases[i].value, NULL };

        run_argv (fixture, NULL, &result, edit_args);
        assert_result (&result, 2, "", cases[i].err);
      }

      after = dump (fixture);
      g_assert_cmpstr (after, ==, before);
    }
}

static void
test_edit (Fixture       *fixture,
           gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autofree char *csv = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  add_row (fixture, "1", "--client-ip", "10.0.0.9", "--listener-ip", "10.0.0.5", "--port", "443",
           "--protocol", "tcp", "--client-device", "app01", NULL);
  add_row (fixture, "2", "--client-ip", "10.0.0.8", "--listener-ip", "10.0.0.5", "--port", "443",
           "--protocol", "tcp", NULL);

  RUN (fixture, &result, "edit", "1", "--port", "8443", "--listener-device", "web01",
       "--client-process-display-name", "Browser, \"new\"");
  assert_result (&result, 0, "", "");
  /* An empty value clears an optional field. */
  RUN (fixture, &result, "edit", "--client-device", "", "1");
  assert_result (&result, 0, "", "");

  csv = dump (fixture);
  g_assert_cmpstr (csv, ==,
                   CSV_HEADER
                   "1,10.0.0.9,,10.0.0.5,web01,8443,tcp,,\"Browser, \"\"new\"\"\",,,manual\n"
                   "2,10.0.0.8,,10.0.0.5,,443,tcp,,,,,manual\n");

  before = dump (fixture);
  RUN (fixture, &result, "edit", "99", "--port", "80");
  assert_result (&result, 2, "", "liaison-cli: there is no service communication with id 99\n");
  /* Editing row 2 into row 1 is a duplicate. */
  RUN (fixture, &result, "edit", "2", "--client-ip", "10.0.0.9", "--port", "8443");
  assert_result (&result, 2, "",
                 "liaison-cli: service communication 10.0.0.9 → 10.0.0.5:8443/tcp exists already as id 1\n");
  after = dump (fixture);
  g_assert_cmpstr (after, ==, before);
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *csv = NULL;

  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", i);
      g_autofree char *client = g_strdup_printf ("10.0.0.%u", i);

      add_row (fixture, id, "--client-ip", client, "--listener-ip", "10.0.0.5", "--port", "443",
               "--protocol", "tcp", NULL);
    }

  before = dump (fixture);
  /* One missing id: nothing is deleted. */
  RUN (fixture, &result, "delete", "1", "99");
  assert_result (&result, 2, "", "liaison-cli: there is no service communication with id 99\n");
  after = dump (fixture);
  g_assert_cmpstr (after, ==, before);

  RUN (fixture, &result, "delete", "3", "1");
  assert_result (&result, 0, "", "");
  csv = dump (fixture);
  g_assert_cmpstr (csv, ==, CSV_HEADER "2,10.0.0.2,,10.0.0.5,,443,tcp,,,,,manual\n");

  RUN (fixture, &result, "delete", "1");
  assert_result (&result, 2, "", "liaison-cli: there is no service communication with id 1\n");
}

static void
add_list_rows (Fixture *fixture)
{
  add_row (fixture, "1", "--client-ip", "10.0.0.9", "--listener-ip", "10.0.0.5", "--port", "443",
           "--protocol", "tcp", "--client-device", "app01", "--listener-device", "web01",
           "--client-process-name", "curl", "--client-process-display-name", "curl, \"the\" tool", NULL);
  add_row (fixture, "2", "--client-ip", "2001:db8::7", "--listener-ip", "10.0.0.53", "--port", "53",
           "--protocol", "udp", "--listener-device", "Zürich DNS", NULL);
  add_row (fixture, "3", "--client-ip", "10.0.0.10", "--listener-ip", "10.0.0.5", "--port", "22",
           "--protocol", "tcp", "--client-device", "line\nbreak", NULL);
}

static void
test_list_formats (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(Result) result = { 0 };

  RUN (fixture, &result, "list");
  assert_result (&result, 0,
                 "id  client_ip  client_device  listener_ip  listener_device  port  protocol  "
                 "client_process_name  client_process_display_name  first_detected  last_detected  source\n",
                 "");
  RUN (fixture, &result, "list", "--format", "csv");
  assert_result (&result, 0, CSV_HEADER, "");
  RUN (fixture, &result, "list", "--format", "json");
  assert_result (&result, 0, "[]\n", "");

  add_list_rows (fixture);

  RUN (fixture, &result, "list");
  assert_result (&result, 0,
                 "id  client_ip    client_device  listener_ip  listener_device  port  protocol  "
                 "client_process_name  client_process_display_name  first_detected  last_detected  source\n"
                 " 1  10.0.0.9     app01          10.0.0.5     web01             443  tcp       "
                 "curl                 curl, \"the\" tool             -               -              manual\n"
                 " 2  2001:db8::7  -              10.0.0.53    Zürich DNS         53  udp       "
                 "-                    -                            -               -              manual\n"
                 " 3  10.0.0.10    line?break     10.0.0.5     -                  22  tcp       "
                 "-                    -                            -               -              manual\n",
                 "");

  RUN (fixture, &result, "list", "--format", "csv");
  assert_result (&result, 0,
                 CSV_HEADER
                 "1,10.0.0.9,app01,10.0.0.5,web01,443,tcp,curl,\"curl, \"\"the\"\" tool\",,,manual\n"
                 "2,2001:db8::7,,10.0.0.53,Zürich DNS,53,udp,,,,,manual\n"
                 "3,10.0.0.10,\"line\nbreak\",10.0.0.5,,22,tcp,,,,,manual\n",
                 "");

  RUN (fixture, &result, "list", "--format", "json");
  assert_result (&result, 0,
                 "[\n"
                 "  {\"id\":1,\"client_ip\":\"10.0.0.9\",\"client_device\":\"app01\",\"listener_ip\":\"10.0.0.5\","
                 "\"listener_device\":\"web01\",\"port\":443,\"protocol\":\"tcp\",\"client_process_name\":\"curl\","
                 "\"client_process_display_name\":\"curl, \\\"the\\\" tool\",\"first_detected\":null,"
                 "\"last_detected\":null,\"source\":\"manual\"},\n"
                 "  {\"id\":2,\"client_ip\":\"2001:db8::7\",\"client_device\":null,\"listener_ip\":\"10.0.0.53\","
                 "\"listener_device\":\"Zürich DNS\",\"port\":53,\"protocol\":\"udp\",\"client_process_name\":null,"
                 "\"client_process_display_name\":null,\"first_detected\":null,"
                 "\"last_detected\":null,\"source\":\"manual\"},\n"
                 "  {\"id\":3,\"client_ip\":\"10.0.0.10\",\"client_device\":\"line\\nbreak\",\"listener_ip\":\"10.0.0.5\","
                 "\"listener_device\":null,\"port\":22,\"protocol\":\"tcp\",\"client_process_name\":null,"
                 "\"client_process_display_name\":null,\"first_detected\":null,"
                 "\"last_detected\":null,\"source\":\"manual\"}\n"
                 "]\n",
                 "");
}

/* The ids `list --format json` prints, in order, as "1 2 3". */
static char *
listed_ids (Fixture            *fixture,
            const char * const *extra)
{
  g_auto(Result) result = { 0 };
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) ids = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  JsonArray *rows;

  g_ptr_array_add (args, "list");
  g_ptr_array_add (args, "--format");
  g_ptr_array_add (args, "json");
  for (guint i = 0; extra[i] != NULL; i++)
    g_ptr_array_add (args, (char *) extra[i]);
  g_ptr_array_add (args, NULL);

  run_argv (fixture, NULL, &result, (const char * const *) args->pdata);
  assert_result (&result, 0, result.out, "");

  json_parser_load_from_data (parser, result.out, -1, &error);
  g_assert_no_error (error);
  rows = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (rows); i++)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? " " : "",
                            json_object_get_int_member (json_array_get_object_element (rows, i), "id"));
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static void
test_list_search (Fixture       *fixture,
                  gconstpointer  data)
{
  static const struct {
    const char *search;
    const char *ids;
  } cases[] = {
    { "WEB", "1" },             /* listener_device, any case */
    { "zürich", "2" },          /* ASCII letters in any case, others as they are */
    { "ZüRICH", "2" },
    { "ZÜRICH", "" },
    { "10.0.0.5", "1 2 3" },    /* a substring of 10.0.0.53 too */
    { "UDP", "2" },
    { "\"the\"", "1" },
    { "manual", "1 2 3" },
    { "nothing like it", "" },
    { "", "1 2 3" },
  };

  add_list_rows (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *extra[] = { "--search", cases[i].search, NULL };
      g_autofree char *ids = listed_ids (fixture, extra);

      g_test_message ("search “%s”", cases[i].search);
      g_assert_cmpstr (ids, ==, cases[i].ids);
    }
}

/* Rows whose every column sorts in a known, different order. */
static void
test_list_sort (Fixture       *fixture,
                gconstpointer  data)
{
  static const struct {
    const char *sort;
    const char *ascending;
    const char *descending;
  } cases[] = {
    { "id", "1 2 3 4 5", "5 4 3 2 1" },
    { "client_ip", "2 5 4 1 3", "3 1 4 5 2" },                  /* numeric, not text order */
    { "client_device", "4 5 2 1 3", "3 1 2 5 4" },              /* unknown first */
    { "listener_ip", "1 4 5 3 2", "2 3 5 4 1" },
    { "listener_device", "4 5 3 1 2", "2 1 3 5 4" },
    { "port", "1 3 4 2 5", "5 2 4 3 1" },
    { "protocol", "1 3 4 5 2", "2 5 4 3 1" },
    { "client_process_name", "4 5 3 2 1", "1 2 3 5 4" },
    { "client_process_display_name", "4 5 2 1 3", "3 1 2 5 4" },
    { "first_detected", "1 2 3 5 4", "4 5 3 2 1" },
    { "last_detected", "1 2 3 4 5", "5 4 3 2 1" },
    { "source", "1 2 3 4 5", "5 4 3 2 1" },
  };
  g_auto(Result) result = { 0 };
  g_auto(GStrv) paths = write_seed_files (fixture);
  g_autofree char *early = write_file (fixture, "early.csv",
                                       "start,end,client_ip,client_port,listener_ip,listener_port,protocol\n"
                                       "2026-11-27T00:00:50Z,,10.0.0.8,53001,10.0.0.6,8080,tcp\n");
  g_autofree char *late = write_file (fixture, "late.csv",
                                      "start,end,client_ip,client_port,listener_ip,listener_port,protocol\n"
                                      "2026-11-27T00:04:10Z,,10.0.0.8,53002,10.0.0.6,8080,tcp\n");

  add_row (fixture, "1", "--client-ip", "10.0.0.20", "--listener-ip", "10.0.0.5", "--port", "22",
           "--protocol", "tcp", "--client-device", "m-beta", "--listener-device", "web-b",
           "--client-process-name", "ssh", "--client-process-display-name", "Shell", NULL);
  add_row (fixture, "2", "--client-ip", "10.0.0.3", "--listener-ip", "192.168.0.1", "--port", "5432",
           "--protocol", "udp", "--client-device", "m-alpha", "--listener-device", "web-c",
           "--client-process-name", "psql", "--client-process-display-name", "Postgres", NULL);
  add_row (fixture, "3", "--client-ip", "172.16.0.1", "--listener-ip", "10.0.0.10", "--port", "443",
           "--protocol", "tcp", "--client-device", "m-gamma", "--listener-device", "web-a",
           "--client-process-name", "curl", "--client-process-display-name", "Transfer", NULL);
  RUN (fixture, &result, "import-netflow", "--interval", "60", paths[0], paths[1], paths[2]);
  g_assert_cmpint (result.status, ==, 0);
  RUN (fixture, &result, "import-netflow", "--interval", "60", early, late);
  g_assert_cmpint (result.status, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *asc_arg = g_strdup_printf ("%s:asc", cases[i].sort);
      g_autofree char *desc_arg = g_strdup_printf ("%s:desc", cases[i].sort);
      const char *plain[] = { "--sort", cases[i].sort, NULL };
      const char *asc[] = { "--sort", asc_arg, NULL };
      const char *desc[] = { "--sort", desc_arg, NULL };
      g_autofree char *ids_plain = listed_ids (fixture, plain);
      g_autofree char *ids_asc = listed_ids (fixture, asc);
      g_autofree char *ids_desc = listed_ids (fixture, desc);

      g_test_message ("sort %s", cases[i].sort);
      g_assert_cmpstr (ids_plain, ==, cases[i].ascending);
      g_assert_cmpstr (ids_asc, ==, cases[i].ascending);
      g_assert_cmpstr (ids_desc, ==, cases[i].descending);
    }
}

/* A cell that a spreadsheet would run as a formula is written after a `'`
 * (OWASP), in every text column; --raw writes the cells as stored. */
static void
test_list_csv_formulas (Fixture       *fixture,
                        gconstpointer  data)
{
  g_auto(Result) result = { 0 };

  add_row (fixture, "1", "--client-ip", "10.0.0.9", "--listener-ip", "10.0.0.5", "--port", "443",
           "--protocol", "tcp", "--client-device", "=cmd|' /C calc'!A0", "--listener-device", "@SUM(1+1)",
           "--client-process-name", "-bash", "--client-process-display-name", "+1", NULL);
  add_row (fixture, "2", "--client-ip", "::1", "--listener-ip", "2001:db8::5", "--port", "22",
           "--protocol", "tcp", "--client-device", "\"=1\"", "--listener-device", "-1+cmd|' /C calc'!A0",
           "--client-process-name", "-1", "--client-process-display-name", "a=b, c", NULL);

  RUN (fixture, &result, "list", "--format", "csv");
  assert_result (&result, 0,
                 CSV_HEADER
                 "1,10.0.0.9,'=cmd|' /C calc'!A0,10.0.0.5,'@SUM(1+1),443,tcp,'-bash,'+1,,,manual\n"
                 "2,::1,\"\"\"=1\"\"\",2001:db8::5,'-1+cmd|' /C calc'!A0,22,tcp,'-1,\"a=b, c\",,,manual\n",
                 "");

  RUN (fixture, &result, "list", "--format", "csv", "--raw");
  assert_result (&result, 0,
                 CSV_HEADER
                 "1,10.0.0.9,=cmd|' /C calc'!A0,10.0.0.5,@SUM(1+1),443,tcp,-bash,+1,,,manual\n"
                 "2,::1,\"\"\"=1\"\"\",2001:db8::5,-1+cmd|' /C calc'!A0,22,tcp,-1,\"a=b, c\",,,manual\n",
                 "");

  /* The other formats show the values as they are. */
  RUN (fixture, &result, "list", "--format", "json", "--raw");
  assert_result (&result, 2, "", "liaison-cli: list: --raw is for --format csv\n");
}

/* A Liaison CSV of @pairs clients of 10.0.0.5:443 at @time. */
static char *
many_pairs (guint       pairs,
            const char *time)
{
  GString *csv = g_string_new ("start,end,client_ip,client_port,listener_ip,listener_port,protocol\n");

  for (guint i = 0; i < pairs; i++)
    g_string_append_printf (csv, "%s,,10.1.%u.%u,50000,10.0.0.5,443,tcp\n", time, i / 200, i % 200 + 1);
  return g_string_free (csv, FALSE);
}

/* `list` reads the ids, then the rows a page at a time, twice for the
 * table (widths, then lines). An import that commits while it waits for
 * its reader (a full pipe, between two pages) is not seen: the whole
 * table is from before it. */
static void
test_list_snapshot (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autoptr(GSubprocess) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *first_csv = many_pairs (1500, "2026-11-27T00:01:15Z");
  g_autofree char *second_csv = many_pairs (1500, "2026-11-27T00:02:15Z");
  g_autofree char *before = NULL;
  g_autofree char *during = NULL;
  g_autofree char *err = NULL;
  g_autofree char *after = NULL;
  int fd, capacity, waiting = 0, queued = 0;

  first = write_file (fixture, "first.csv", first_csv);
  second = write_file (fixture, "second.csv", second_csv);
  RUN (fixture, &result, "import-netflow", "--interval", "60", first);
  g_assert_cmpint (result.status, ==, 0);
  RUN (fixture, &result, "list");
  assert_result (&result, 0, result.out, "");
  before = g_steal_pointer (&result.out);
  g_assert_cmpuint (strlen (before), >, 4 * 65536);

  list = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                           cli_path (), "--database", fixture->db, "list", NULL);
  g_assert_no_error (error);

  /* Wait until it waits: the pipe is full. */
  fd = g_unix_input_stream_get_fd (G_UNIX_INPUT_STREAM (g_subprocess_get_stdout_pipe (list)));
  capacity = fcntl (fd, F_GETPIPE_SZ);
  g_assert_cmpint (capacity, >, 4096);
  while (queued < capacity - 4096 && waiting++ < 3000)
    {
      g_usleep (10000);
      g_assert_cmpint (ioctl (fd, FIONREAD, &queued), ==, 0);
    }
  g_assert_cmpint (queued, >=, capacity - 4096);

  RUN (fixture, &result, "import-netflow", "--interval", "60", second);
  g_assert_cmpint (result.status, ==, 0);

  g_assert_true (g_subprocess_communicate_utf8 (list, NULL, NULL, &during, &err, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (g_subprocess_get_exit_status (list), ==, 0);
  g_assert_cmpstr (during, ==, before);

  /* The import changed every row. */
  RUN (fixture, &result, "list");
  after = g_steal_pointer (&result.out);
  g_assert_cmpstr (after, !=, before);
}

/* JSON as RFC 8259 has it: no raw control character (a newline only
 * between values), and it parses; returns the parsed root. */
static JsonNode *
parse_strict_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  for (const char *p = text; *p != '\0'; p++)
    g_assert_true ((guchar) *p >= 0x20 || *p == '\n');
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* Every code point below U+0020 and DEL, in names, comes back out of
 * list --format json, stats --format json and export-stats as it went in.
 * (U+0000 cannot: no command-line argument or C string holds it.) */
static void
test_json_any_name (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autoptr(GString) name = g_string_new ("ctl<");
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) stats = NULL;
  g_autoptr(JsonNode) document = NULL;
  g_autofree char *sample = NULL;
  JsonObject *row;

  for (char c = 1; c < 0x20; c++)
    g_string_append_c (name, c);
  g_string_append (name, "\177>");

  add_row (fixture, "1", "--client-ip", "10.0.0.9", "--listener-ip", "10.0.0.5", "--port", "443",
           "--protocol", "tcp", "--client-device", name->str, "--client-process-name", name->str, NULL);
  sample = write_file (fixture, "ss.txt",
                       "Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n"
                       "tcp ESTAB 0 0 10.0.0.5:22 10.0.0.9:52001\n"
                       "tcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:*\n");
  RUN (fixture, &result, "import-netstat", "--host", name->str, "--time", "2026-11-27T00:00:00Z", sample);
  g_assert_cmpint (result.status, ==, 0);

  RUN (fixture, &result, "list", "--format", "json", "--sort", "id");
  assert_result (&result, 0, result.out, "");
  list = parse_strict_json (result.out);
  row = json_array_get_object_element (json_node_get_array (list), 0);
  g_assert_cmpstr (json_object_get_string_member (row, "client_device"), ==, name->str);
  g_assert_cmpstr (json_object_get_string_member (row, "client_process_name"), ==, name->str);
  row = json_array_get_object_element (json_node_get_array (list), 1);
  g_assert_cmpstr (json_object_get_string_member (row, "listener_device"), ==, name->str);

  RUN (fixture, &result, "stats", "--format", "json");
  assert_result (&result, 0, result.out, "");
  stats = parse_strict_json (result.out);
  row = json_array_get_object_element (json_node_get_array (stats), 0);
  g_assert_cmpstr (json_object_get_string_member (row, "listener_device"), ==, name->str);

  RUN (fixture, &result, "export-stats");
  assert_result (&result, 0, result.out, "");
  document = parse_strict_json (result.out);
  row = json_array_get_object_element (json_object_get_array_member (json_node_get_object (document),
                                                                     "statistics"), 0);
  g_assert_cmpstr (json_object_get_string_member (row, "listener_device"), ==, name->str);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  add_test ("/cli/communications/usage", test_usage);
  add_test ("/cli/communications/add", test_add);
  add_test ("/cli/communications/add-duplicate", test_add_duplicate);
  add_test ("/cli/communications/add-invalid", test_add_invalid);
  add_test ("/cli/communications/edit", test_edit);
  add_test ("/cli/communications/delete", test_delete);
  add_test ("/cli/communications/list-formats", test_list_formats);
  add_test ("/cli/communications/list-search", test_list_search);
  add_test ("/cli/communications/list-sort", test_list_sort);
  add_test ("/cli/communications/json-any-name", test_json_any_name);
  add_test ("/cli/communications/list-csv-formulas", test_list_csv_formulas);
  add_test ("/cli/communications/list-snapshot", test_list_snapshot);

  return g_test_run ();
}
