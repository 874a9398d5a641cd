/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "cli-fixture.h"

/*
 * liaison-cli-options.c: the options several commands share (--format, --local-time,
 * --output, the arguments a command takes), parsed and checked the same way
 * for each.
 */

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  static const UsageCase cases[] = {
    { { "list", "--bogus" }, "liaison-cli: list: Unknown option --bogus (see “liaison-cli list --help”)\n" },
    { { "list", "extra" }, "liaison-cli: list: unexpected argument “extra”\n" },
    { { "list", "--format", "xml" }, "liaison-cli: list: --format: unknown format “xml” (text, csv or json)\n" },
    { { "stats", "--format", "csv" }, "liaison-cli: stats: --format: unknown format “csv” (text or json)\n" },
    { { "import-netstat", "--host", "web01", "--time", "yesterday", "x.txt" },
      "liaison-cli: --time: “yesterday” is not a time (ISO 8601, for example 2026-11-27T00:01:15Z)\n" },
    { { "import-netflow", "--interval", "60", "--start", "2026-13-01", "x.csv" },
      "liaison-cli: --start: “2026-13-01” is not a time (ISO 8601, for example 2026-11-27T00:01:15Z)\n" },
    { { "export-stats", "--output" },
      "liaison-cli: export-stats: Missing argument for --output (see “liaison-cli export-stats --help”)\n" },
    { { "export-stats", "--output", "" }, "liaison-cli: export-stats: --output is empty\n" },
    { { "export-stats", "-o", "x.json", "extra" }, "liaison-cli: export-stats: unexpected argument “extra”\n" },
    { { "stats", "--format", "text", "--", "extra" }, "liaison-cli: stats: unexpected argument “extra”\n" },
  };

  assert_usage_errors (fixture, cases, G_N_ELEMENTS (cases));
}

/* A command's own options first, then the shared ones it takes. */
static void
test_help (Fixture       *fixture,
           gconstpointer  data)
{
  g_auto(Result) result = { 0 };

  RUN (fixture, &result, "list", "--help");
  g_assert_cmpint (result.status, ==, 0);
  g_assert_true (g_str_has_prefix (result.out, "Usage:\n  liaison-cli list [OPTION…]\n"));
  g_assert_nonnull (strstr (result.out, "--sort=COLUMN[:desc]"));
  g_assert_cmpstr (result.err, ==, "");
  g_assert_true (g_str_has_suffix (result.out,
                                   "Application Options:\n"
                                   "  --search=TEXT            Only rows with TEXT in any text column\n"
                                   "  --sort=COLUMN[:desc]     Sort by COLUMN (a csv header name), :desc for descending\n"
                                   "  --raw                    With csv: every cell as stored, with no ' before a formula\n"
                                   "  --format=FORMAT          text (default), csv or json\n"
                                   "\n"));

  RUN (fixture, &result, "import-netflow", "--help");
  g_assert_cmpint (result.status, ==, 0);
  g_assert_true (g_str_has_prefix (result.out, "Usage:\n  liaison-cli import-netflow [OPTION…] FILE...\n"));
  g_assert_true (g_str_has_suffix (result.out,
                                   "Application Options:\n"
                                   "  --interval=SECONDS     The sample interval in seconds (nfcapd rotates every 300)\n"
                                   "  --start=TIME           The sample window of a file with no usable record\n"
                                   "  --strict               Refuse a record that is not a service communication instead of skipping it\n"
                                   "  --local-time           Times without an offset are local time, not UTC\n"
                                   "\n"));
  g_assert_cmpstr (result.err, ==, "");

  RUN (fixture, &result, "export-stats", "--help");
  g_assert_cmpint (result.status, ==, 0);
  g_assert_true (g_str_has_suffix (result.out,
                                   "Application Options:\n"
                                   "  -o, --output=FILE     Write to FILE instead of standard output\n"
                                   "\n"));
  g_assert_cmpstr (result.err, ==, "");

  g_assert_false (g_file_test (fixture->db, G_FILE_TEST_EXISTS));
}

/* --local-time: a time without an offset is the local time of the machine
 * (here one hour east of UTC) instead of UTC. */
static void
test_local_time (Fixture       *fixture,
                 gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *first = write_file (fixture, "first.txt",
                                       "State  Recv-Q Send-Q Local Address:Port  Peer Address:Port Process\n"
                                       "LISTEN 0      128         0.0.0.0:22         0.0.0.0:*\n"
                                       "ESTAB  0      0          10.0.0.5:22        10.0.0.9:51000\n");
  g_autofree char *second = write_file (fixture, "second.txt",
                                        "State  Recv-Q Send-Q Local Address:Port  Peer Address:Port Process\n"
                                        "LISTEN 0      128         0.0.0.0:22         0.0.0.0:*\n"
                                        "ESTAB  0      0          10.0.0.5:22        10.0.0.9:51001\n");
  const char *local[] = { "import-netstat", "--host", "web01", "--time", "2026-11-27 01:00:00", "--local-time",
                          first, NULL };
  const char *utc[] = { "import-netstat", "--host", "web01", "--time", "2026-11-27 01:00:00", second, NULL };
  RunOptions east = { fixture->db, NULL, NULL, FALSE, "CET-1" };
  g_autofree char *csv = NULL;

  g_assert_true (run_with (fixture, &east, &result, local, &error));
  assert_result (&result, 0,
                 "imported 1 file: 2 records, 1 new service communication, 1 new statistics record\n", "");
  g_assert_true (run_with (fixture, &east, &result, utc, &error));
  assert_result (&result, 0,
                 "imported 1 file: 2 records, 0 new service communications, 0 new statistics records\n", "");

  csv = dump (fixture);
  g_assert_cmpstr (csv, ==,
                   CSV_HEADER
                   "1,10.0.0.9,,10.0.0.5,web01,22,tcp,,,2026-11-27T00:00:00Z,2026-11-27T01:00:00Z,netstat\n");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  add_test ("/cli/options/usage", test_usage);
  add_test ("/cli/options/help", test_help);
  add_test ("/cli/options/local-time", test_local_time);

  return g_test_run ();
}
