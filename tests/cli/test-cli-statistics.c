/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

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
  "        \"silent_span\": 0,\n"
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

/* A database with @pairs statistics records: an export of a few hundred
 * bytes each. */
static void
import_pairs (Fixture *fixture,
              guint    pairs)
{
  g_auto(Result) result = { 0 };
  GString *csv = g_string_new ("start,end,client_ip,client_port,listener_ip,listener_port,protocol\n");
  g_autofree char *path = NULL;

  for (guint i = 0; i < pairs; i++)
    g_string_append_printf (csv, "2026-11-27T00:01:15Z,,10.1.%u.%u,50000,10.0.0.5,443,tcp\n", i / 200, i % 200 + 1);
  path = write_file (fixture, "pairs.csv", csv->str);
  g_string_free (csv, TRUE);
  RUN (fixture, &result, "import-netflow", "--interval", "60", path);
  g_assert_cmpint (result.status, ==, 0);
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_lstat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

/* The temporary files of writes to @name in the fixture's folder. */
static guint
count_temporaries (Fixture    *fixture,
                   const char *name)
{
  g_autofree char *prefix = g_strdup_printf (".%s.liaison-", name);
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *entry;
  guint n = 0;

  while ((entry = g_dir_read_name (dir)) != NULL)
    n += g_str_has_prefix (entry, prefix);
  return n;
}

/* An export is no wider than the database: a new file is its owner's only
 * (whatever the umask), a file that is there keeps its mode, and a
 * symbolic link is written through, not replaced. */
static void
test_export_file_modes (Fixture       *fixture,
                        gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autofree char *fresh = g_build_filename (fixture->dir, "fresh.json", NULL);
  g_autofree char *private = write_file (fixture, "private.json", "old\n");
  g_autofree char *shared = write_file (fixture, "shared.json", "old\n");
  g_autofree char *real = write_file (fixture, "real.json", "old\n");
  g_autofree char *link = g_build_filename (fixture->dir, "link.json", NULL);
  g_autofree char *contents = NULL;

  import_pairs (fixture, 3);
  g_assert_cmpint (g_chmod (private, 0600), ==, 0);
  g_assert_cmpint (g_chmod (shared, 0644), ==, 0);
  g_assert_cmpint (g_chmod (real, 0640), ==, 0);
  g_assert_cmpint (symlink ("real.json", link), ==, 0);

  RUN (fixture, &result, "export-stats", "--output", fresh);
  assert_result (&result, 0, "", "");
  g_assert_cmpuint (file_mode (fresh), ==, 0600);

  RUN (fixture, &result, "export-stats", "--output", private);
  assert_result (&result, 0, "", "");
  g_assert_cmpuint (file_mode (private), ==, 0600);

  RUN (fixture, &result, "export-stats", "--output", shared);
  assert_result (&result, 0, "", "");
  g_assert_cmpuint (file_mode (shared), ==, 0644);

  RUN (fixture, &result, "export-stats", "--output", link);
  assert_result (&result, 0, "", "");
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_assert_cmpuint (file_mode (real), ==, 0640);
  g_assert_true (g_file_get_contents (real, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "{\n  \"format\": \"liaison-statistics\""));
  g_assert_cmpuint (count_temporaries (fixture, "real.json"), ==, 0);
}

static void
limit_file_size (gpointer user_data)
{
  struct rlimit size = { 64 * 1024, 64 * 1024 };
  struct rlimit core = { 0, 0 };

  setrlimit (RLIMIT_CORE, &core);
  setrlimit (RLIMIT_FSIZE, &size);
}

/* An export killed half-way leaves the file as it was and its temporary
 * file behind; the next export to the same file removes it. (The kill
 * comes from the file size limit, SIGXFSZ, in the middle of a write: no
 * handler runs, as with kill -9, and at a known point.) */
static void
test_export_killed (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = write_file (fixture, "out.json", "old\n");
  g_autofree char *contents = NULL;

  import_pairs (fixture, 400);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", fixture->dir, TRUE);
  g_subprocess_launcher_set_child_setup (launcher, limit_file_size, NULL, NULL);
  process = g_subprocess_launcher_spawn (launcher, &error, cli_path (), "--database", fixture->db,
                                         "export-stats", "--output", output, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_true (g_subprocess_get_if_signaled (process));
  g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGXFSZ);

  g_assert_true (g_file_get_contents (output, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old\n");
  g_assert_cmpuint (count_temporaries (fixture, "out.json"), ==, 1);

  RUN (fixture, &result, "export-stats", "--output", output);
  assert_result (&result, 0, "", "");
  g_assert_cmpuint (count_temporaries (fixture, "out.json"), ==, 0);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (output, &contents, NULL, NULL));
  g_assert_true (g_str_has_suffix (contents, "\n  \"classic_statistics\": []\n}\n"));
  g_assert_cmpuint (strlen (contents), >, 64 * 1024);
}

/* Netstat activity runs (statistics.md 3.6) and a silent netflow tail
 * (4.4), as `stats` prints them. */
static void
test_runs_and_silent (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char *days[] = {
    "State  Recv-Q Send-Q Local Address:Port Peer Address:Port\n"
    "LISTEN 0      128    0.0.0.0:22         0.0.0.0:*\n"
    "ESTAB  0      0      10.0.0.5:22        10.0.0.9:40001\n",
    "State  Recv-Q Send-Q Local Address:Port Peer Address:Port\n"
    "LISTEN 0      128    0.0.0.0:22         0.0.0.0:*\n"
    "ESTAB  0      0      10.0.0.5:22        10.0.0.9:40002\n",
    "State  Recv-Q Send-Q Local Address:Port Peer Address:Port\n"
    "LISTEN 0      128    0.0.0.0:22         0.0.0.0:*\n",
    "State  Recv-Q Send-Q Local Address:Port Peer Address:Port\n"
    "LISTEN 0      128    0.0.0.0:22         0.0.0.0:*\n"
    "ESTAB  0      0      10.0.0.5:22        10.0.0.9:40003\n",
  };
  static const char *times[] = {
    "2026-11-25T00:00:00Z", "2026-11-26T00:00:00Z", "2026-11-27T00:00:00Z", "2026-11-28T00:00:00Z",
  };
  g_auto(Result) result = { 0 };
  g_auto(GStrv) paths = write_seed_files (fixture);
  g_autofree char *other = write_file (fixture, "other.csv",
                                       "start,end,client_ip,client_port,listener_ip,listener_port,protocol\n"
                                       "2026-11-27T00:04:20Z,,10.0.0.77,52001,10.0.0.5,443,tcp\n");

  /* Day 3 is imported last: it splits the run of days 2 to 4. */
  for (guint i = 0; i < 4; i++)
    {
      guint day = i < 2 ? i : i == 2 ? 3 : 2;
      g_autofree char *name = g_strdup_printf ("web01-%u.txt", day);
      g_autofree char *path = write_file (fixture, name, days[day]);

      RUN (fixture, &result, "import-netstat", "--host", "web01", "--time", times[day], path);
      g_assert_cmpint (result.status, ==, 0);
    }
  RUN (fixture, &result, "import-netflow", "--interval", "60", paths[0], paths[1], paths[2], other);
  g_assert_cmpint (result.status, ==, 0);

  RUN (fixture, &result, "stats", "--listener", "10.0.0.5:22/tcp");
  assert_result (&result, 0,
                 "10.0.0.5:22/tcp <- 10.0.0.9\n"
                 "  listener device: web01\n"
                 "  client device:   -\n"
                 "  netstat: 3 of 4 samples active, persistence 75.0 %\n"
                 "           3 client ports, average 1.0 client connections (weight 1.0)\n"
                 "           found 2026-11-25T00:00:00Z to 2026-11-28T00:00:00Z\n"
                 "           run 2026-11-25T00:00:00Z to 2026-11-26T00:00:00Z\n"
                 "           run 2026-11-28T00:00:00Z to 2026-11-28T00:00:00Z\n"
                 "  netflow: none\n",
                 "");

  /* The fourth window (another pair's) makes the seed's 5 s pending a
   * silence of 65 s. */
  RUN (fixture, &result, "stats", "--listener", "10.0.0.5:443/tcp");
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out,
                            "10.0.0.5:443/tcp <- 10.0.0.9\n"
                            "  listener device: -\n"
                            "  client device:   -\n"
                            "  netstat: none\n"
                            "  netflow: 3 active samples of 60 s, 6 events\n"
                            "           6 client ports, average 2.0 client connections\n"
                            "           found 2026-11-27T00:01:15Z to 2026-11-27T00:03:55Z\n"
                            "           active span 95 s, gap span 65 s, silent for 65 s\n"));

  RUN (fixture, &result, "stats", "--listener", "10.0.0.5:22/tcp", "--format", "json");
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out,
                            "      \"runs\": [[\"2026-11-25T00:00:00Z\", \"2026-11-26T00:00:00Z\"],"
                            " [\"2026-11-28T00:00:00Z\", \"2026-11-28T00:00:00Z\"]],\n"
                            "      \"runs_known_since\": null\n"));
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
  add_test ("/cli/statistics/export-file-modes", test_export_file_modes);
  add_test ("/cli/statistics/export-killed", test_export_killed);
  add_test ("/cli/statistics/runs-and-silent", test_runs_and_silent);

  return g_test_run ();
}
