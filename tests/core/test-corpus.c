/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "liaison-address.h"
#include "liaison-netstat-parser.h"
#include "liaison-test-fixture.h"

/* Every file of the corpus of other projects' captures (../shared/corpus from
 * the project's root, see its README.md) imported with liaison-cli as a user
 * would, checked against its MANIFEST.tsv expectation:
 *
 *   import               exit 0, the records of an independent reading (below)
 *   refused-with-hint    exit 2, one line FILE:LINE that says to run with -n
 *   refused-needs-start  exit 2, one line that says --start is needed
 *   refused              exit 2, one line FILE:LINE
 *
 * and nothing imported when refused. Without the corpus the test is skipped
 * and says so. */

typedef struct
{
  const char *path;
  guint       records;
  const char *skipped;          /* flow files: the records skipped, as the summary says */
} Reading;

/* The records of each file to import, read independently of Liaison: the
 * TCP and UDP rows of each table (ss: Netid tcp/udp, or every row without a
 * Netid column; net-tools and Windows: tcp, tcp6, udp, udp6 / TCP, UDP;
 * BSD: tcp4, tcp6, tcp46, udp4, udp6, udp46; /proc: the numbered rows),
 * counted by a script over the bytes. Flow files: the records that are service
 * communications and the others by reason (statistics.md 4.1), counted by
 * tests/data/count-flow-records.py (Python's csv module and nfdump's own
 * rows), whose output is the netflow part of this table. */
static const Reading readings[] = {
  { "netstat/derived__proc-net-tcp6-established.txt", 8 },
  { "netstat/derived__ss-tupna2.bom.txt", 33 },
  { "netstat/derived__ss-tupna2.crlf.txt", 33 },
  { "netstat/derived__win10-netstat-an-fixed.txt", 260 },
  { "netstat/derived__win10-netstat-aon-findstr.txt", 32 },
  { "netstat/derived__win10-netstat-aon.bom.txt", 208 },
  { "netstat/derived__win10-netstat-aon.utf16le.txt", 208 },
  { "netstat/glouton__netstat-lnp-fr.txt", 9 },
  { "netstat/insights__NETSTAT.txt", 6 },
  { "netstat/insights__NETSTAT_DOCS.txt", 4 },
  { "netstat/insights__NETSTAT_MATCH1.txt", 3 },
  { "netstat/insights__NETSTAT_NOMATCH1.txt", 3 },
  { "netstat/insights__NETSTAT_NOMATCH2.txt", 3 },
  { "netstat/insights__NETSTAT_TEST_RUNNING_PROCESSES.txt", 6 },
  { "netstat/insights__SS_TULPN_2.txt", 22 },
  { "netstat/insights__SS_TUPNA_2.txt", 33 },
  { "netstat/insights__SS_TUPNA_DOCS.txt", 8 },
  { "netstat/insights__Ss_TULPN.txt", 13 },
  { "netstat/insights__Ss_TUPNA.txt", 15 },
  { "netstat/jc__centos-7.7__netstat-sudo-lnp.out", 7 },
  { "netstat/jc__freebsd12__netstat-AanP.out", 6 },
  { "netstat/jc__freebsd12__netstat-an.out", 6 },
  { "netstat/jc__generic__netstat-no-state.out", 4 },
  { "netstat/jc__generic__netstat-old.out", 2 },
  { "netstat/jc__generic__ss-wide.out", 155 },
  { "netstat/jc__linux-proc__net_tcp", 27 },
  { "netstat/jc__linux-proc__net_tcp6", 8 },
  { "netstat/jc__ubuntu-18.04__netstat-sudo-lnp-space.out", 25 },
  { "netstat/jc__ubuntu-18.04__netstat-sudo-lnp.out", 6 },
  { "netstat/jc__ubuntu-18.04__ss-sudo-tulpen.out", 73 },
  { "netstat/jc__win10__netstat-aon.out", 208 },
  { "netstat/jc__win10__netstat-aonb.out", 318 },
  { "netstat/procfs__net_tcp", 3 },
  { "netstat/procfs__net_tcp6", 2 },
  { "netstat/procfs__net_udp6", 2 },
  { "netflow/ipfix_barracuda.nfcapd", 0, "skipped 8 records: 8 stamped before 1990" },
  { "netflow/ipfix_generic.csv", 2, "skipped 4 records: 4 ending before they start" },
  { "netflow/ipfix_generic.nfcapd", 0, "skipped 6 records: 6 ending before they start" },
  { "netflow/ipfix_ixia.csv", 3, NULL },
  { "netflow/ipfix_ixia.nfcapd", 3, NULL },
  { "netflow/ipfix_mikrotik.nfcapd", 0, "skipped 46 records: 2 ICMP, 14 with a broadcast, multicast or unspecified address, 30 stamped before 1990" },
  { "netflow/ipfix_netscaler.nfcapd", 0, "skipped 3 records: 3 stamped before 1990" },
  { "netflow/ipfix_openbsd.csv", 26, NULL },
  { "netflow/ipfix_openbsd.nfcapd", 26, NULL },
  { "netflow/ipfix_procera.nfcapd", 0, "skipped 8 records: 1 ICMP, 2 ICMPv6, 5 with a broadcast, multicast or unspecified address" },
  { "netflow/ipfix_vmware.csv", 3, NULL },
  { "netflow/ipfix_vmware.nfcapd", 3, NULL },
  { "netflow/ipfix_yaf.csv", 2, NULL },
  { "netflow/ipfix_yaf.nfcapd", 2, NULL },
  { "netflow/v5_generic.csv", 30, NULL },
  { "netflow/v5_generic.nfcapd", 30, NULL },
  { "netflow/v5_juniper_mx80.csv", 29, NULL },
  { "netflow/v5_juniper_mx80.nfcapd", 29, NULL },
  { "netflow/v5_mikrotik.csv", 28, "skipped 2 records: 2 to port 0" },
  { "netflow/v5_mikrotik.nfcapd", 28, "skipped 2 records: 2 to port 0" },
  { "netflow/v9_cisco1941.nfcapd", 0, "skipped 29 records: 29 stamped before 1990" },
  { "netflow/v9_cisco_asa1.nfcapd", 0, "skipped 14 records: 14 ICMP" },
  { "netflow/v9_fortigate.csv", 1, NULL },
  { "netflow/v9_fortigate.nfcapd", 1, NULL },
  { "netflow/v9_h3c.nfcapd", 0, "skipped 16 records: 16 to port 0" },
  { "netflow/v9_huawei.csv", 1, NULL },
  { "netflow/v9_huawei.nfcapd", 1, NULL },
  { "netflow/v9_iptnetflow.csv", 12, NULL },
  { "netflow/v9_iptnetflow.nfcapd", 12, NULL },
  { "netflow/v9_macaddr.nfcapd", 0, "skipped 29 records: 29 stamped before 1990" },
  { "netflow/v9_nprobe.csv", 1, NULL },
  { "netflow/v9_nprobe.nfcapd", 1, NULL },
  { "netflow/v9_paloalto.csv", 8, NULL },
  { "netflow/v9_paloalto.nfcapd", 8, NULL },
  { "netflow/v9_softflowd.csv", 6, "skipped 1 record: 1 ICMPv6" },
  { "netflow/v9_softflowd.nfcapd", 6, "skipped 1 record: 1 ICMPv6" },
  { "netflow/v9_streamcore.csv", 4, NULL },
  { "netflow/v9_streamcore.nfcapd", 4, NULL },
  { "netflow/v9_ubnt.csv", 10, "skipped 6 records: 6 with a broadcast, multicast or unspecified address" },
  { "netflow/v9_ubnt.nfcapd", 10, "skipped 6 records: 6 with a broadcast, multicast or unspecified address" },
  { "netflow/v9_valid01.csv", 6, "skipped 1 record: 1 ICMPv6" },
  { "netflow/v9_valid01.nfcapd", 6, "skipped 1 record: 1 ICMPv6" },
};

typedef struct
{
  const char *path;
  const char *expect;
  const char *why;
} Override;

/* Where the manifest is wrong, by our reading of the file: what Liaison does
 * instead, and why. */
static const Override manifest_disagreements[] = {
  { "netstat/jc__osx-10.14.6__netstat.out", "refused-with-hint",
    "made without -n: `kbrazil-mac.attl.62979`, `40.77.18.167.https`" },
  { "netstat/jc__osx-10.14.6__netstat-An.out", "refused",
    "-A without -W: macOS cut the addresses to 18 characters (`2600:1700:bab0:d.5`, "
    "`192.168.1.221.5486` for port 5486x), so no row can be trusted" },
  /* statistics.md 4: a text file with no usable record needs --start. These CSVs
   * hold only records stamped 1970 (or to port 0, or ICMP and multicast), which 4.1
   * skips; their nfcapd files import, in the window of their stat record. */
  { "netflow/ipfix_barracuda.csv", "refused-needs-start", "all 8 records stamped 1970-01-01" },
  { "netflow/ipfix_mikrotik.csv", "refused-needs-start",
    "30 records stamped 1970, 14 multicast or unspecified, 2 ICMP" },
  { "netflow/ipfix_netscaler.csv", "refused-needs-start", "all 3 records stamped 1970-01-01" },
  { "netflow/ipfix_procera.csv", "refused-needs-start", "3 ICMP and ICMPv6, 5 from and to ::" },
  { "netflow/v9_cisco1941.csv", "refused-needs-start", "all 29 records stamped 1970-01-01" },
  { "netflow/v9_h3c.csv", "refused-needs-start", "all 16 records to port 0 (nfdump decodes H3C's ports as 0)" },
  { "netflow/v9_macaddr.csv", "refused-needs-start", "all 29 records stamped 1970-01-01" },
};

/* Files whose expectation Liaison does not meet yet: none. A path (or a
 * folder's prefix) here is imported and its outcome reported, not checked. */
static const char * const known_pending[] = {
  NULL
};

/* A handful of files, record by record (the socket, its kind, its process). */
typedef struct
{
  const char *path;
  const char *sockets[6];
} Records;

static const Records records[] = {
  { "netstat/insights__NETSTAT.txt", {
      "tcp 192.168.0.1:53 -> 192.168.0.53:53 counted [dnsd]",
      "tcp 127.0.0.1:53644 -> -:0 listening [Passenger Rac]",
      "tcp 10.24.1.245:80 -> 10.24.36.145:32790 counted []",
      "tcp 0.0.0.0:5672 -> -:0 listening [qpidd]" } },
  { "netstat/insights__NETSTAT_TEST_RUNNING_PROCESSES.txt", {
      "tcp ::1:5432 -> -:0 listening []",
      "tcp 0.0.0.0:5672 -> -:0 listening []",
      "tcp 127.0.0.1:27017 -> -:0 listening [mongod]" } },
  { "netstat/glouton__netstat-lnp-fr.txt", {
      "udp 0.0.0.0:5353 -> -:0 listening [avahi-daemon:]",
      "tcp :::111 -> -:0 listening [rpcbind]",
      "udp :::8125 -> -:0 listening [telegraf]" } },
  { "netstat/jc__win10__netstat-aonb.out", {
      "tcp 0.0.0.0:135 -> -:0 listening [svchost.exe (RpcSs)]",
      "tcp 0.0.0.0:445 -> -:0 listening []",
      "tcp 0.0.0.0:7070 -> -:0 listening [AnyDesk.exe]" } },
  { "netstat/jc__freebsd12__netstat-AanP.out", {
      "tcp 192.168.71.163:22 -> 192.168.71.1:64330 counted []",
      "tcp 127.0.0.1:25 -> -:0 listening []",
      "tcp :::22 -> -:0 listening []",
      "udp 0.0.0.0:514 -> -:0 listening []" } },
  { "netstat/insights__Ss_TUPNA.txt", {
      "tcp 192.168.0.106:22 -> 192.168.0.101:59232 counted [sshd]",
      "tcp 192.168.0.106:739 -> 192.168.0.105:2049 counted []" } },
};

static char *
corpus_dir (void)
{
  /* the project's root is the nearest folder up with meson_options.txt */
  g_autofree char *dir = g_strdup (g_test_get_dir (G_TEST_DIST));

  while (dir != NULL && strlen (dir) > 1)
    {
      g_autofree char *options = g_build_filename (dir, "meson_options.txt", NULL);
      char *parent;

      if (g_file_test (options, G_FILE_TEST_EXISTS))
        return g_build_filename (dir, "..", "shared", "corpus", NULL);
      parent = g_path_get_dirname (dir);
      g_free (dir);
      dir = parent;
    }
  return NULL;
}

static gboolean
is_pending (const char *path)
{
  for (guint i = 0; known_pending[i] != NULL; i++)
    if (g_str_has_prefix (path, known_pending[i]))
      return TRUE;
  return FALSE;
}

static const Reading *
reading_of (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (readings); i++)
    if (strcmp (readings[i].path, path) == 0)
      return &readings[i];
  return NULL;
}

static int
run_cli (const char  *database,
         const char * const *args,
         char       **out,
         char       **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_ptr_array_add (argv, (gpointer) g_getenv ("LIAISON_CLI"));
  g_ptr_array_add (argv, "--database");
  g_ptr_array_add (argv, (gpointer) database);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
check_records (const char *corpus,
               const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (records); i++)
    {
      g_autofree char *file = NULL;
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(LiaisonNetstatTable) table = NULL;
      gsize length;

      if (strcmp (records[i].path, path) != 0)
        continue;

      file = g_build_filename (corpus, path, NULL);
      g_file_get_contents (file, &contents, &length, &error);
      g_assert_no_error (error);
      table = liaison_netstat_parse (path, contents, length, &error);
      g_assert_no_error (error);

      for (guint k = 0; k < G_N_ELEMENTS (records[i].sockets) && records[i].sockets[k] != NULL; k++)
        {
          gboolean found = FALSE;

          for (guint s = 0; s < table->sockets->len && !found; s++)
            {
              g_autofree char *text = liaison_test_socket_text (&g_array_index (table->sockets, LiaisonSocket, s), TRUE);

              found = strcmp (text, records[i].sockets[k]) == 0;
            }
          if (!found)
            g_error ("%s: no socket “%s”", path, records[i].sockets[k]);
        }
    }
}

static const char * const database_files[] = { "", "-wal", "-shm" };

static void
check_file (const char *corpus,
            const char *path,
            const char *kind,
            const char *expect)
{
  g_autofree char *dir = g_dir_make_tmp ("liaison-corpus-XXXXXX", NULL);
  g_autofree char *database = g_build_filename (dir, "corpus.db", NULL);
  g_autofree char *file = g_build_filename (corpus, path, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *list = NULL;
  const char *netstat_args[] = { "import-netstat", "--host", "h1", "--time", "2026-11-20T00:00:00Z", file, NULL };
  const char *netflow_args[] = { "import-netflow", "--interval", "300", file, NULL };
  const char *list_args[] = { "list", "--format", "csv", NULL };
  int status;

  for (guint i = 0; i < G_N_ELEMENTS (manifest_disagreements); i++)
    if (strcmp (manifest_disagreements[i].path, path) == 0)
      {
        g_test_message ("%s: the manifest says %s; Liaison %s: %s", path, expect,
                        manifest_disagreements[i].expect, manifest_disagreements[i].why);
        expect = manifest_disagreements[i].expect;
      }

  status = run_cli (database, strcmp (kind, "netflow") == 0 ? netflow_args : netstat_args, &out, &err);

  if (is_pending (path))
    {
      g_test_message ("PENDING %s (%s): exit %d %s%s", path, expect, status, out, err);
    }
  else if (strcmp (expect, "import") == 0)
    {
      const Reading *reading = reading_of (path);
      g_autofree char *imported = NULL;

      if (reading == NULL)
        g_error ("%s: no independent reading of its records in readings[]", path);
      imported = g_strdup_printf ("imported 1 file: %u record%s,", reading->records, reading->records == 1 ? "" : "s");
      g_test_message ("%s: exit %d, %s", path, status, status == 0 ? out : err);
      g_assert_cmpint (status, ==, 0);
      g_assert_true (g_str_has_prefix (out, imported));
      if (reading->skipped != NULL)
        {
          g_autofree char *tail = g_strdup_printf ("; %s\n", reading->skipped);

          g_assert_true (g_str_has_suffix (out, tail));
        }
      else
        g_assert_null (strstr (out, "skipped"));
      check_records (corpus, path);
    }
  else
    {
      g_autofree char *prefix = g_strdup_printf ("liaison-cli: %s:", file);

      g_test_message ("%s: exit %d, %s", path, status, err);
      g_assert_cmpint (status, ==, 2);
      g_assert_cmpstr (out, ==, "");
      g_assert_true (g_str_has_prefix (err, prefix));
      g_assert_nonnull (strchr (err, '\n'));
      g_assert_cmpstr (strchr (err, '\n'), ==, "\n");       /* one line */
      if (strcmp (expect, "refused-with-hint") == 0)
        g_assert_nonnull (strstr (err, " -n"));
      else if (strcmp (expect, "refused-needs-start") == 0)
        g_assert_nonnull (strstr (err, "--start"));
      else
        {
          /* refused: FILE:LINE, with a line number */
          g_assert_true (g_ascii_isdigit (err[strlen (prefix)]));
          g_assert_null (strstr (err, " -n "));
        }

      /* nothing imported */
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      if (g_file_test (database, G_FILE_TEST_EXISTS))
        {
          g_assert_cmpint (run_cli (database, list_args, &list, &err), ==, 0);
          /* the CSV header, no row */
          g_assert_nonnull (strchr (list, '\n'));
          g_assert_cmpstr (strchr (list, '\n'), ==, "\n");
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (database_files); i++)
    {
      g_autofree char *name = g_strconcat (database, database_files[i], NULL);

      g_remove (name);
    }
  g_rmdir (dir);
}

static void
test_corpus (void)
{
  g_autofree char *corpus = corpus_dir ();
  g_autofree char *manifest_path = NULL;
  g_autofree char *manifest = NULL;
  g_auto(GStrv) lines = NULL;
  guint checked = 0;
  guint present = 0;

  if (corpus == NULL)
    {
      g_test_skip ("the project's root was not found, so neither was ../shared/corpus");
      return;
    }
  manifest_path = g_build_filename (corpus, "MANIFEST.tsv", NULL);
  if (!g_file_get_contents (manifest_path, &manifest, NULL, NULL))
    {
      g_autofree char *message = g_strdup_printf ("no corpus at %s: skipped", corpus);

      g_test_skip (message);
      return;
    }

  lines = g_strsplit (manifest, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_autofree char *file = NULL;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], "\t", 4);
      g_assert_cmpuint (g_strv_length (fields), ==, 4);

      file = g_build_filename (corpus, fields[0], NULL);
      if (!g_file_test (file, G_FILE_TEST_EXISTS))
        {
          g_test_message ("%s is not in this copy of the corpus: skipped", fields[0]);
          continue;
        }
      present++;
      check_file (corpus, fields[0], fields[1], fields[2]);
      checked += !is_pending (fields[0]);
    }

  g_test_message ("%u files of the corpus checked, %u pending", checked, present - checked);
  g_assert_cmpuint (checked, >, 0);
}

/* Every independent reading is of a file the manifest lists to import. */
static void
test_readings_listed (void)
{
  g_autofree char *corpus = corpus_dir ();
  g_autofree char *manifest_path = corpus != NULL ? g_build_filename (corpus, "MANIFEST.tsv", NULL) : NULL;
  g_autofree char *manifest = NULL;

  if (manifest_path == NULL || !g_file_get_contents (manifest_path, &manifest, NULL, NULL))
    {
      g_test_skip ("no corpus at ../shared/corpus: skipped");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (readings); i++)
    {
      g_autofree char *line = g_strdup_printf ("%s\t", readings[i].path);
      const char *found = strstr (manifest, line);

      g_assert_nonnull (found);
      g_assert_true (found == manifest || found[-1] == '\n');
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/corpus/manifest", test_corpus);
  g_test_add_func ("/corpus/readings-listed", test_readings_listed);

  return g_test_run ();
}
