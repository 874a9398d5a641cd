/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <string.h>

#include "cli-fixture.h"

/*
 * liaison-cli-import.c: import-netstat, import-netflow and sample-host
 * (with the rules of repeating commands of liaison-cli-repeat.c).
 */

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  static const UsageCase cases[] = {
    { { "import-netflow", "--interval", "0", "x.csv" },
      "liaison-cli: --interval: “0” is not a number of seconds (1 or more)\n" },
    { { "import-netflow", "x.csv" }, "liaison-cli: import-netflow: --interval is required\n" },
    { { "import-netflow", "--interval", "60" },
      "liaison-cli: import-netflow: at least one FILE is required ('-' reads stdin)\n" },
    { { "import-netstat", "x.txt" }, "liaison-cli: import-netstat: --host is required\n" },
  };

  assert_usage_errors (fixture, cases, G_N_ELEMENTS (cases));
}

static const char netstat_sample[] =
  "State  Recv-Q Send-Q Local Address:Port  Peer Address:Port Process\n"
  "LISTEN 0      128         0.0.0.0:22         0.0.0.0:*\n"
  "ESTAB  0      0          10.0.0.5:22        10.0.0.9:51000\n"
  "ESTAB  0      0          10.0.0.5:22        10.0.0.9:51001\n";

static void
test_import_netstat (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autofree char *path = write_file (fixture, "ss.txt", netstat_sample);
  g_autofree char *csv = NULL;

  RUN (fixture, &result, "import-netstat", "--host", "web01", "--time", "2026-11-27 01:00:00+01:00", path);
  assert_result (&result, 0,
                 "imported 1 file: 3 records, 1 new service communication, 1 new statistics record\n", "");

  csv = dump (fixture);
  g_assert_cmpstr (csv, ==,
                   CSV_HEADER
                   "1,10.0.0.9,,10.0.0.5,web01,22,tcp,,,2026-11-27T00:00:00Z,2026-11-27T00:00:00Z,netstat\n");

  RUN (fixture, &result, "stats", "--format", "json");
  assert_result (&result, 0,
                 "[\n"
                 "  {\n"
                 "    \"listener_ip\": \"10.0.0.5\",\n"
                 "    \"port\": 22,\n"
                 "    \"protocol\": \"tcp\",\n"
                 "    \"client_ip\": \"10.0.0.9\",\n"
                 "    \"listener_device\": \"web01\",\n"
                 "    \"client_device\": null,\n"
                 "    \"netstat\": {\n"
                 "      \"total_samples\": 1,\n"
                 "      \"active_samples\": 1,\n"
                 "      \"total_ports\": 2,\n"
                 "      \"average_client_connections\": 2.0,\n"
                 "      \"weight\": 2.0,\n"
                 "      \"persistence_percent\": 100.0,\n"
                 "      \"first_found\": \"2026-11-27T00:00:00Z\",\n"
                 "      \"last_found\": \"2026-11-27T00:00:00Z\",\n"
                 "      \"runs\": [[\"2026-11-27T00:00:00Z\", \"2026-11-27T00:00:00Z\"]],\n"
                 "      \"runs_known_since\": null\n"
                 "    },\n"
                 "    \"netflow\": null\n"
                 "  }\n"
                 "]\n",
                 "");
}

/* '-' reads stdin. */
static void
test_import_stdin (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autofree char *csv = NULL;

  RUN_INPUT (fixture, seed_files[0], &result, "import-netflow", "--interval", "60", "-");
  assert_result (&result, 0,
                 "imported 1 file: 2 records, 1 new service communication, 1 new statistics record\n", "");
  csv = dump (fixture);
  g_assert_cmpstr (csv, ==,
                   CSV_HEADER
                   "1,10.0.0.9,,10.0.0.5,,443,tcp,,,2026-11-27T00:01:15Z,2026-11-27T00:01:45Z,netflow\n");
}

/* A sample of this machine: whatever its sockets are, it is one sample
 * that names the host given. */
static void
test_sample_host (Fixture       *fixture,
                  gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autoptr(GRegex) summary = g_regex_new ("^imported 1 file: [0-9]+ records?, [0-9]+ new service "
                                           "communications?, [0-9]+ new statistics records?\n$",
                                           0, 0, NULL);

  RUN (fixture, &result, "sample-host", "--host", "");
  assert_result (&result, 2, "", "liaison-cli: sample-host: --host is empty\n");

  RUN (fixture, &result, "sample-host", "--host", "probe01");
  g_assert_cmpstr (result.err, ==, "");
  g_assert_cmpint (result.status, ==, 0);
  g_assert_true (g_regex_match (summary, result.out, 0, NULL));

  /* Every row it made names probe01 on the side it was seen from. */
  RUN (fixture, &result, "list", "--format", "csv");
  g_assert_cmpint (result.status, ==, 0);
  {
    g_auto(GStrv) lines = g_strsplit (result.out, "\n", -1);

    for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
      g_assert_nonnull (strstr (lines[i], ",probe01,"));
  }
}

/* sample-host --every (cli.md, repeating commands): a line per sample, on
 * the clock's grid, until SIGTERM or SIGINT, which end it cleanly after
 * the sample under way: exit 0, and a sample for each line. */
static void
test_sample_host_every (Fixture       *fixture,
                        gconstpointer  data)
{
  static const int signals[] = { SIGTERM, SIGINT };
  g_autoptr(GRegex) line = g_regex_new ("^([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z) probe01: "
                                        "(?:[0-9]+ sockets?, [0-9]+ new service communications?, "
                                        "[0-9]+ new statistics records?|(already sampled in the 1s period "
                                        "from [0-9T:Z-]+; skipped))$", 0, 0, NULL);
  gint64 samples = 0;

  for (guint s = 0; s < G_N_ELEMENTS (signals); s++)
    {
      g_auto(Result) result = { 0 };
      g_auto(GStrv) lines = NULL;
      Background *background;
      LiaisonTime previous = 0;

      background = RUN_BACKGROUND (fixture, "sample-host", "--host", "probe01", "--every", "1s");
      wait_for_lines (background, 3);
      stop_background (background, signals[s], &result);
      g_assert_cmpstr (result.err, ==, "");
      g_assert_cmpint (result.status, ==, 0);

      lines = g_strsplit (result.out, "\n", -1);
      g_assert_cmpuint (g_strv_length (lines), >=, 4);
      for (guint i = 0; lines[i + 1] != NULL; i++)
        {
          g_autoptr(GMatchInfo) match = NULL;
          g_autofree char *when = NULL;
          LiaisonTime time = 0;

          g_assert_true (g_regex_match (line, lines[i], 0, &match));
          when = g_match_info_fetch (match, 1);
          g_assert_true (liaison_time_parse (when, -1, FALSE, &time));
          g_assert_cmpint (time, >, previous);
          previous = time;
          /* The first of the second run may fall in the last one's second. */
          if (g_match_info_get_match_count (match) < 3)
            samples++;
        }
      g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM sample"), ==, samples);
    }
}

/* --period: one sample for a timer; a second in the same period is skipped. */
static void
test_sample_host_period (Fixture       *fixture,
                         gconstpointer  data)
{
  static const UsageCase cases[] = {
    { { "sample-host", "--every", "0s" }, "liaison-cli: --every: “0s” is too short: at least 1s\n" },
    { { "sample-host", "--every", "5" },
      "liaison-cli: --every: “5” is not a duration (a whole number and s, m, h or d: 90s, 5m, 2h, 7d)\n" },
    { { "sample-host", "--period", "5x" },
      "liaison-cli: --period: “5x” is not a duration (a whole number and s, m, h or d: 90s, 5m, 2h, 7d)\n" },
    { { "sample-host", "--every", "5m", "--period", "5m" },
      "liaison-cli: sample-host: give either --every or --period\n" },
  };
  g_auto(Result) first = { 0 };
  g_auto(Result) second = { 0 };
  g_autoptr(GRegex) sampled = g_regex_new ("^[0-9T:Z-]+ probe01: [0-9]+ sockets?, ", 0, 0, NULL);
  g_autoptr(GRegex) skipped = g_regex_new ("^[0-9T:Z-]+ probe01: already sampled in the 1d period from "
                                           "[0-9]{4}-[0-9]{2}-[0-9]{2}T00:00:00Z; skipped\n$", 0, 0, NULL);

  assert_usage_errors (fixture, cases, G_N_ELEMENTS (cases));

  RUN (fixture, &first, "sample-host", "--host", "probe01", "--period", "1d");
  g_assert_cmpstr (first.err, ==, "");
  g_assert_cmpint (first.status, ==, 0);
  g_assert_true (g_regex_match (sampled, first.out, 0, NULL));

  RUN (fixture, &second, "sample-host", "--host", "probe01", "--period", "1d");
  g_assert_cmpstr (second.err, ==, "");
  g_assert_cmpint (second.status, ==, 0);
  /* Unless midnight came between the two. */
  if (query_int (fixture, "SELECT count(*) FROM sample") == 1)
    g_assert_true (g_regex_match (skipped, second.out, 0, NULL));
  else
    g_assert_true (g_regex_match (sampled, second.out, 0, NULL));
}

/* A bad file anywhere in an import: exit 2, FILE:LINE, nothing imported. */
static void
test_import_bad_file (Fixture       *fixture,
                      gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_auto(GStrv) paths = write_seed_files (fixture);
  g_autofree char *bad = write_file (fixture, "bad.csv",
                                     "start,end,client_ip,client_port,listener_ip,listener_port,protocol\n"
                                     "2026-11-27T00:04:10Z,,10.0.0.9,52007,10.0.0.5,443,tcp\n"
                                     "2026-11-27T00:04:20Z,,10.0.0.9,52008,10.0.0.500,443,tcp\n");
  g_autofree char *prefix = g_strdup_printf ("liaison-cli: %s:3: ", bad);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *stats_before = NULL;

  RUN (fixture, &result, "import-netflow", "--interval", "60", paths[0]);
  g_assert_cmpint (result.status, ==, 0);
  before = dump (fixture);
  RUN (fixture, &result, "export-stats");
  stats_before = mask_exported_at (result.out, 0, G_MAXINT64);

  RUN (fixture, &result, "import-netflow", "--interval", "60", paths[1], bad, paths[2]);
  g_assert_cmpint (result.status, ==, 2);
  g_assert_cmpstr (result.out, ==, "");
  g_test_message ("stderr: %s", result.err);
  g_assert_true (g_str_has_prefix (result.err, prefix));
  g_assert_nonnull (strstr (result.err, "10.0.0.500"));
  g_assert_true (g_str_has_suffix (result.err, "\n"));
  g_assert_true (strchr (result.err, '\n') == result.err + strlen (result.err) - 1);   /* one line */

  after = dump (fixture);
  g_assert_cmpstr (after, ==, before);
  RUN (fixture, &result, "export-stats");
  {
    g_autofree char *stats_after = mask_exported_at (result.out, 0, G_MAXINT64);
    g_assert_cmpstr (stats_after, ==, stats_before);
  }

  /* The good files were not imported: they still can be. */
  RUN (fixture, &result, "import-netflow", "--interval", "60", paths[1], paths[2]);
  assert_result (&result, 0,
                 "imported 2 files: 4 records, 0 new service communications, 0 new statistics records\n", "");

  /* A file that does not exist is a failure, not bad input. */
  {
    g_autofree char *missing = g_build_filename (fixture->dir, "missing.csv", NULL);

    RUN (fixture, &result, "import-netflow", "--interval", "60", missing);
    g_assert_cmpint (result.status, ==, 1);
    g_assert_true (g_str_has_prefix (result.err, "liaison-cli: "));
    g_assert_nonnull (strstr (result.err, missing));
  }
}

static void
test_import_twice (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_auto(GStrv) paths = write_seed_files (fixture);
  g_autofree char *copy = write_file (fixture, "copy.csv", seed_files[0]);
  g_autofree char *prefix = g_strdup_printf ("liaison-cli: %s: already imported (on ", copy);
  g_autofree char *suffix = g_strdup_printf (" as %s)\n", paths[0]);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *date = NULL;
  LiaisonTime time;

  RUN (fixture, &result, "import-netflow", "--interval", "60", paths[0]);
  g_assert_cmpint (result.status, ==, 0);
  before = dump (fixture);

  /* The same content under another name, with a new file: all refused. */
  RUN (fixture, &result, "import-netflow", "--interval", "60", paths[1], copy);
  g_assert_cmpint (result.status, ==, 2);
  g_assert_cmpstr (result.out, ==, "");
  g_assert_true (g_str_has_prefix (result.err, prefix));
  g_assert_true (g_str_has_suffix (result.err, suffix));
  date = g_strndup (result.err + strlen (prefix), strlen (result.err) - strlen (prefix) - strlen (suffix));
  g_assert_true (liaison_time_parse (date, -1, FALSE, &time));

  /* The same file twice in one command. */
  RUN (fixture, &result, "import-netflow", "--interval", "60", paths[1], paths[1]);
  {
    g_autofree char *err = g_strdup_printf ("liaison-cli: %s: the same content as %s, given earlier in this import\n",
                                            paths[1], paths[1]);
    assert_result (&result, 2, "", err);
  }

  after = dump (fixture);
  g_assert_cmpstr (after, ==, before);
}

static char *
flow_data (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "netflow", name, NULL);
}

/* Records that are not service communications: the rest imports, and the
 * summary says what was skipped and why; --strict refuses the file at the
 * first of them, at its line, or its record number in an nfcapd file. */
static void
test_import_skipped (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autofree char *csv = flow_data ("nfcapd.odd.csv");
  g_autofree char *nfcapd = flow_data ("nfcapd.odd");
  g_autofree char *nfdump = g_find_program_in_path (NFDUMP_PROGRAM);
  g_autofree char *strict_csv = g_strdup_printf ("liaison-cli: %s:5: port “0” is not between 1 and 65535\n", csv);
  g_autofree char *strict_nfcapd = g_strdup_printf ("liaison-cli: %s: record 4: port “0” is not between 1 and 65535\n",
                                                    nfcapd);
  g_autofree char *empty = NULL;

  RUN (fixture, &result, "import-netflow", "--interval", "300", "--strict", csv);
  assert_result (&result, 2, "", strict_csv);
  empty = dump (fixture);
  g_assert_cmpstr (empty, ==, CSV_HEADER);

  if (nfdump != NULL)
    {
      RUN (fixture, &result, "import-netflow", "--interval", "300", "--strict", nfcapd);
      assert_result (&result, 2, "", strict_nfcapd);
    }

  RUN (fixture, &result, "import-netflow", "--interval", "300", csv);
  assert_result (&result, 0,
                 "imported 1 file: 5 records, 3 new service communications, 3 new statistics records; "
                 "skipped 5 records: 1 ICMP, 1 to port 0, 2 with a broadcast, multicast or unspecified address, "
                 "1 stamped before 1990\n", "");
}

/* Zeek's rotated log, gzip-compressed, and AWS's flow-log object: told by
 * their content; one cut short is refused at its line, nothing imported. */
static void
test_import_zeek_vpc (Fixture       *fixture,
                      gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autofree char *log = NULL;
  g_autofree char *compressed = NULL;
  g_autofree char *vpc = flow_data ("123456789010_vpcflowlogs_us-east-1_fl-1234abcd_20141214T0420Z_0a1b2c3d.log.gz");
  g_autofree char *cut = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (vpc, &compressed, &length, NULL));
  cut = g_build_filename (fixture->dir, "conn.00:00:00-01:00:00.log.gz", NULL);
  g_assert_true (g_file_set_contents (cut, compressed, length - 12, NULL));

  RUN (fixture, &result, "import-netflow", "--interval", "300", vpc);
  assert_result (&result, 0,
                 "imported 1 file: 2 records, 2 new service communications, 2 new statistics records; "
                 "skipped 5 records: 2 NODATA or SKIPDATA lines, 2 rejected, 1 ICMP\n", "");
  before = dump (fixture);

  RUN (fixture, &result, "import-netflow", "--interval", "300", cut);
  expected = g_strdup_printf ("liaison-cli: %s:8: the gzip data ends too early: the file is cut short\n", cut);
  assert_result (&result, 2, "", expected);
  after = dump (fixture);
  g_assert_cmpstr (after, ==, before);

  log = flow_data ("zeek-conn.docs.json.log");
  RUN (fixture, &result, "import-netflow", "--interval", "300", log);
  assert_result (&result, 0,
                 "imported 1 file: 6 records, 5 new service communications, 5 new statistics records; "
                 "skipped 3 records: 3 ICMP\n", "");
}

/* A file of a kind Liaison does not read says which kinds it reads. */
static void
test_import_unknown_kind (Fixture       *fixture,
                          gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autofree char *path = write_file (fixture, "flows.txt",
                                      "Date first seen  Event  Proto  Src IP Addr:Port\n");
  g_autofree char *expected = g_strdup_printf ("liaison-cli: %s:1: not a flow file that Liaison reads "
                                               "(“Date first seen  Event  Proto  Src IP Addr:Port”): "
                                               "it reads nfcapd files, nfdump CSV, Zeek conn.log (TSV or JSON), "
                                               "AWS VPC Flow Logs and Liaison flow CSV, also gzip-compressed\n", path);

  RUN (fixture, &result, "import-netflow", "--interval", "300", path);
  assert_result (&result, 2, "", expected);
}

/* --start more than one interval from the file's records: exit 2, both times named. */
static void
test_import_start_far (Fixture       *fixture,
                       gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_auto(GStrv) paths = write_seed_files (fixture);
  g_autofree char *expected = g_strdup_printf ("liaison-cli: %s: --start 1990-01-01T00:00:00Z is more than one interval "
                                               "(60 s) from the file's records (2026-11-27T00:01:15Z to "
                                               "2026-11-27T00:01:45Z)\n", paths[0]);
  g_autofree char *rows = NULL;

  RUN (fixture, &result, "import-netflow", "--interval", "60", "--start", "1990-01-01T00:00:00Z", paths[0]);
  assert_result (&result, 2, "", expected);
  rows = dump (fixture);
  g_assert_cmpstr (rows, ==, CSV_HEADER);
}

/* /proc files say they are empty; they are read as streams. */
static void
test_import_proc (Fixture       *fixture,
                  gconstpointer  data)
{
  g_auto(Result) result = { 0 };

  if (!g_file_test ("/proc/net/tcp", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /proc/net/tcp here");
      return;
    }

  RUN (fixture, &result, "import-netstat", "--host", "here", "/proc/net/tcp");
  g_test_message ("%s%s", result.out, result.err);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_true (g_str_has_prefix (result.out, "imported 1 file: "));
  g_assert_cmpstr (result.err, ==, "");
}

/* On a terminal, a line per file as it is applied, before the summary. */
static void
test_import_progress (Fixture       *fixture,
                      gconstpointer  data)
{
  g_auto(GStrv) paths = write_seed_files (fixture);
  g_autofree char *script = g_find_program_in_path ("script");
  g_autofree char *command = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) line = g_string_new (NULL);
  int status = 0;

  if (script == NULL)
    {
      g_test_skip ("script is not installed (Debian: bsdutils)");
      return;
    }

  /* script(1) runs the command on a terminal of its own and copies it. */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *quoted = g_shell_quote (paths[i]);

      g_string_append_printf (line, " %s", quoted);
    }
  {
    g_autofree char *cli = g_shell_quote (cli_path ());
    g_autofree char *db = g_shell_quote (fixture->db);

    command = g_strdup_printf ("LC_ALL=C %s --database %s import-netflow --interval 60%s", cli, db, line->str);
  }
  {
    const char *argv[] = { script, "-qec", command, "/dev/null", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                                 &status, &error));
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (out, ==,
                   "applied file 1 of 3\r\n"
                   "applied file 2 of 3\r\n"
                   "applied file 3 of 3\r\n"
                   "imported 3 files: 6 records, 1 new service communication, 1 new statistics record\r\n");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  add_test ("/cli/import/usage", test_usage);
  add_test ("/cli/import/netstat", test_import_netstat);
  add_test ("/cli/import/stdin", test_import_stdin);
  add_test ("/cli/import/progress", test_import_progress);
  add_test ("/cli/import/sample-host", test_sample_host);
  add_test ("/cli/import/sample-host-every", test_sample_host_every);
  add_test ("/cli/import/sample-host-period", test_sample_host_period);
  add_test ("/cli/import/bad-file", test_import_bad_file);
  add_test ("/cli/import/twice", test_import_twice);
  add_test ("/cli/import/skipped", test_import_skipped);
  add_test ("/cli/import/zeek-vpc", test_import_zeek_vpc);
  add_test ("/cli/import/unknown-kind", test_import_unknown_kind);
  add_test ("/cli/import/start-far", test_import_start_far);
  add_test ("/cli/import/proc", test_import_proc);

  return g_test_run ();
}
