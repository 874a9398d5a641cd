/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "cli-fixture.h"

/*
 * liaison-cli-statistics.c: stats and export-stats.
 */

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  static const UsageCase cases[] = {
    { { "stats", "--listener", "10.0.0.5:443" },
      "liaison-cli: stats: --listener: “10.0.0.5:443” is not IP:PORT/PROTO "
      "(for example 10.0.0.5:443/tcp or [::1]:443/tcp)\n" },
    { { "stats", "--listener", "::1:443/tcp" },
      "liaison-cli: stats: --listener: “::1:443/tcp” is not IP:PORT/PROTO "
      "(for example 10.0.0.5:443/tcp or [::1]:443/tcp)\n" },
  };

  assert_usage_errors (fixture, cases, G_N_ELEMENTS (cases));
}

static const char seed_statistics[] =
  "    {\n"
  "      \"listener_ip\": \"10.0.0.5\",\n"
  "      \"port\": 443,\n"
  "      \"protocol\": \"tcp\",\n"
  "      \"client_ip\": \"10.0.0.9\",\n"
  "      \"listener_device\": null,\n"
  "      \"client_device\": null,\n"
  "      \"netstat\": null,\n"
  "      \"netflow\": {\n"
  "        \"sample_interval\": 60,\n"
  "        \"active_samples\": 3,\n"
  "        \"total_events\": 6,\n"
  "        \"total_ports\": 6,\n"
  "        \"average_client_connections\": 2.0,\n"
  "        \"first_found\": \"2026-11-27T00:01:15Z\",\n"
  "        \"last_found\": \"2026-11-27T00:03:55Z\",\n"
  "        \"active_span\": 95,\n"
  "        \"gap_span\": 65,\n"
  "        \"pending_span\": 5,\n"
  "        \"gap_segments\": [[\"2026-11-27T00:02:45Z\", \"2026-11-27T00:03:50Z\"]]\n"
  "      }\n"
  "    }\n";

static const char seed_document[] =
  "{\n"
  "  \"format\": \"liaison-statistics\",\n"
  "  \"version\": 1,\n"
  "  \"generator\": \"liaison " PACKAGE_VERSION "\",\n"
  "  \"exported_at\": \"EXPORTED_AT\",\n"
  "  \"statistics\": [\n"
  "%s"
  "  ],\n"
  "  \"classic_statistics\": []\n"
  "}\n";

static void
test_import_netflow_export (Fixture       *fixture,
                            gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_auto(GStrv) paths = write_seed_files (fixture);
  g_autofree char *expected = g_strdup_printf (seed_document, seed_statistics);
  g_autofree char *masked = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *output = g_build_filename (fixture->dir, "export.json", NULL);
  g_autofree char *written = NULL;
  g_autofree char *masked_file = NULL;
  LiaisonTime before, after;
  GDir *dir;
  const char *name;
  guint n_files = 0;

  /* Given in reverse: applied in the order of their sample times. */
  RUN (fixture, &result, "import-netflow", "--interval", "60", paths[2], paths[0], paths[1]);
  assert_result (&result, 0,
                 "imported 3 files: 6 records, 1 new service communication, 1 new statistics record\n", "");

  csv = dump (fixture);
  g_assert_cmpstr (csv, ==,
                   CSV_HEADER
                   "1,10.0.0.9,,10.0.0.5,,443,tcp,,,2026-11-27T00:01:15Z,2026-11-27T00:03:55Z,netflow\n");

  before = liaison_time_now ();
  RUN (fixture, &result, "export-stats");
  after = liaison_time_now ();
  g_assert_cmpstr (result.err, ==, "");
  g_assert_cmpint (result.status, ==, 0);
  masked = mask_exported_at (result.out, before, after);
  g_assert_cmpstr (masked, ==, expected);

  /* --output: the same document in a file, and no temporary file left. */
  before = liaison_time_now ();
  RUN (fixture, &result, "export-stats", "--output", output);
  after = liaison_time_now ();
  assert_result (&result, 0, "", "");
  g_assert_true (g_file_get_contents (output, &written, NULL, NULL));
  masked_file = mask_exported_at (written, before, after);
  g_assert_cmpstr (masked_file, ==, expected);

  dir = g_dir_open (fixture->dir, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_assert_false (g_str_has_prefix (name, ".export.json"));
      n_files++;
    }
  g_dir_close (dir);
  /* liaison.db (+ -wal, -shm), three seed files, export.json */
  g_assert_cmpuint (n_files, <=, 7);

  /* A folder that does not exist: exit 1, no file. */
  {
    g_autofree char *missing = g_build_filename (fixture->dir, "missing", "export.json", NULL);
    g_autofree char *err = g_strdup_printf ("liaison-cli: %s: cannot create the file: No such file or directory\n",
                                            missing);

    RUN (fixture, &result, "export-stats", "--output", missing);
    assert_result (&result, 1, "", err);
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
}

static void
test_stats (Fixture       *fixture,
            gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_auto(GStrv) paths = write_seed_files (fixture);
  g_autofree char *json = g_strdup_printf ("[\n%s]\n", seed_statistics);
  g_autofree char *json_dedented = NULL;

  RUN (fixture, &result, "import-netflow", "--interval", "60", paths[0], paths[1], paths[2]);
  g_assert_cmpint (result.status, ==, 0);

  /* The export's objects, two spaces less indented. */
  {
    g_auto(GStrv) lines = g_strsplit (json, "\n", -1);

    for (guint i = 1; lines[i] != NULL; i++)
      if (g_str_has_prefix (lines[i], "  "))
        memmove (lines[i], lines[i] + 2, strlen (lines[i] + 2) + 1);
    json_dedented = g_strjoinv ("\n", lines);
  }

  RUN (fixture, &result, "stats", "--format", "json");
  assert_result (&result, 0, json_dedented, "");
  RUN (fixture, &result, "stats", "--listener", "10.0.0.5:443/tcp", "--format", "json");
  assert_result (&result, 0, json_dedented, "");
  RUN (fixture, &result, "stats", "--listener", "10.0.0.5:443/udp", "--format", "json");
  assert_result (&result, 0, "[]\n", "");
  RUN (fixture, &result, "stats", "--listener", "[::1]:443/tcp", "--format", "json");
  assert_result (&result, 0, "[]\n", "");

  RUN (fixture, &result, "stats", "--listener", "10.0.0.5:443/tcp");
  assert_result (&result, 0,
                 "10.0.0.5:443/tcp <- 10.0.0.9\n"
                 "  listener device: -\n"
                 "  client device:   -\n"
                 "  netstat: none\n"
                 "  netflow: 3 active samples of 60 s, 6 events\n"
                 "           6 client ports, average 2.0 client connections\n"
                 "           found 2026-11-27T00:01:15Z to 2026-11-27T00:03:55Z\n"
                 "           active span 95 s, gap span 65 s, pending 5 s\n"
                 "           gap 2026-11-27T00:02:45Z to 2026-11-27T00:03:50Z\n",
                 "");
  RUN (fixture, &result, "stats", "--listener", "10.0.0.6:443/tcp");
  assert_result (&result, 0, "", "");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  add_test ("/cli/statistics/usage", test_usage);
  add_test ("/cli/statistics/import-netflow-export", test_import_netflow_export);
  add_test ("/cli/statistics/stats", test_stats);

  return g_test_run ();
}
