/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "liaison-address.h"
#include "liaison-error.h"
#include "liaison-import.h"
#include "liaison-netstat-parser.h"
#include "liaison-statistics.h"
#include "liaison-store.h"
#include "liaison-test-fixture.h"

/* Every language, encoding and layout of statistics.md 3.1, on the captures
 * of tests/data/netstat (see tests/data/README.md, "i18n-*"):
 *
 * - i18n-*: one moment of one network namespace, printed by ss (English),
 *   net-tools netstat in seven locales, lsof and /proc. The same sockets:
 *   listeners python3 127.0.0.1:8080, dualsrv *:6060, v6echo [::1]:9090,
 *   Überwacher 10.9.0.1:7070, udpsrv 127.0.0.1:5514 and [::1]:5515; the
 *   client 接続テスト (two connections to 7070, one to 9090, one to 6060, one
 *   half closed to 6060, a connected UDP socket, a SYN_SENT to 10.9.0.2:443);
 *   clientb (two to 8080 from 127.0.0.3, one to [::1]:6060); a peer
 *   10.9.0.2 holding SYN_RECV (40001), FIN_WAIT1 (40002), LAST_ACK (40003)
 *   and CLOSING (40004) at 7070; two TIME_WAIT of curl on 8080.
 * - windows-netstat-anob.de.*, powershell-*, macos-netstat-anv.txt: the
 *   sockets of one German Windows host, written by hand in each layout. */

#define TCP LIAISON_PROTOCOL_TCP
#define UDP LIAISON_PROTOCOL_UDP
#define LISTENING LIAISON_SOCKET_LISTENING
#define COUNTED LIAISON_SOCKET_CONNECTION
#define IGNORED LIAISON_SOCKET_IGNORED

static const char * const languages[] = { "en", "de", "fr", "cs", "ja", "pt_BR", "et" };

static char *
parse_error (const char *name,
             const char *text,
             gssize      length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonNetstatTable) table = NULL;

  table = liaison_netstat_parse (name, text, length >= 0 ? (gsize) length : strlen (text), &error);
  g_assert_null (table);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  return g_strdup (error->message);
}

static void
assert_has (const LiaisonNetstatTable *table,
            const char                *expected)
{
  g_autofree char *text = liaison_test_table_text (table, TRUE);
  g_autofree char *line = g_strconcat (expected, "\n", NULL);

  if (strstr (text, line) == NULL)
    g_error ("no socket “%s” in\n%s", expected, text);
}

static void
assert_same (const char *a_name,
             const char *b_name,
             gboolean    with_process)
{
  g_autoptr(LiaisonNetstatTable) a = liaison_test_parse_netstat (a_name);
  g_autoptr(LiaisonNetstatTable) b = liaison_test_parse_netstat (b_name);
  g_autofree char *a_text = liaison_test_table_text (a, with_process);
  g_autofree char *b_text = liaison_test_table_text (b, with_process);

  g_test_message ("%s = %s", a_name, b_name);
  g_assert_cmpstr (a_text, ==, b_text);
}

/* Every net-tools capture, in every language, has the records of the same
 * moment's ss -tanp / -tuanp and of /proc. */
static void
test_languages_same_records (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *tanp = g_strdup_printf ("i18n-netstat-tanp.%s.txt", languages[i]);
      g_autofree char *tunapeo = g_strdup_printf ("i18n-netstat-tunapeo.%s.txt", languages[i]);
      g_autoptr(LiaisonNetstatTable) table = liaison_test_parse_netstat (tunapeo);

      g_assert_cmpint (table->format, ==, LIAISON_NETSTAT_FORMAT_NET_TOOLS);
      assert_same (tanp, "i18n-ss-tanp.txt", FALSE);
      assert_same (tunapeo, "i18n-ss-tuanp.txt", FALSE);
    }
  assert_same ("i18n-proc-net.txt", "i18n-ss-tuanp.txt", FALSE);
}

/* Field by field, in each language: every state word, the process column
 * after -e's User and Inode, and never the Timer. */
static void
test_languages_records (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *tunapeo = g_strdup_printf ("i18n-netstat-tunapeo.%s.txt", languages[i]);
      g_autoptr(LiaisonNetstatTable) table = liaison_test_parse_netstat (tunapeo);

      g_test_message ("%s", tunapeo);
      g_assert_cmpuint (table->sockets->len, ==, 30);
      assert_has (table, "tcp 127.0.0.1:8080 -> -:0 listening [python3]");
      assert_has (table, "tcp 10.9.0.1:7070 -> -:0 listening [Überwacher]");
      /* net-tools cuts "PID/Program" after 19 bytes, here inside ト */
      assert_has (table, "tcp 10.9.0.1:42376 -> 10.9.0.1:7070 counted [接続テス]");
      assert_has (table, "tcp :::6060 -> -:0 listening [dualsrv]");
      assert_has (table, "tcp 127.0.0.1:6060 -> 127.0.0.1:44356 counted [dualsrv]");      /* CLOSE_WAIT */
      assert_has (table, "tcp 127.0.0.1:44356 -> 127.0.0.1:6060 counted [接続テス]");    /* FIN_WAIT2 */
      assert_has (table, "tcp 10.9.0.1:7070 -> 10.9.0.2:40001 counted []");              /* SYN_RECV */
      assert_has (table, "tcp 10.9.0.1:7070 -> 10.9.0.2:40002 counted []");              /* FIN_WAIT1 */
      assert_has (table, "tcp 10.9.0.1:7070 -> 10.9.0.2:40003 counted []");              /* LAST_ACK */
      assert_has (table, "tcp 10.9.0.1:7070 -> 10.9.0.2:40004 counted []");              /* CLOSING */
      assert_has (table, "tcp 10.9.0.1:47672 -> 10.9.0.2:443 ignored [接続テス]");       /* SYN_SENT */
      assert_has (table, "tcp 127.0.0.1:8080 -> 127.0.0.1:47720 ignored []");            /* TIME_WAIT */
      assert_has (table, "udp 127.0.0.1:5514 -> -:0 listening [udpsrv]");
      assert_has (table, "udp 127.0.0.1:34810 -> 127.0.0.1:5514 counted [接続テス]");
      assert_has (table, "udp ::1:5515 -> -:0 listening [udpsrv]");

      for (guint k = 0; k < table->sockets->len; k++)
        {
          const char *process = g_array_index (table->sockets, LiaisonSocket, k).process;

          g_assert_true (process == NULL || strchr (process, '(') == NULL);
          g_assert_true (process == NULL || strchr (process, ' ') == NULL);
          g_assert_true (process == NULL || g_utf8_validate (process, -1, NULL));
        }
    }
}

/* ss prints the whole name; the line numbers point into each file. */
static void
test_ss_names (void)
{
  g_autoptr(LiaisonNetstatTable) ss = liaison_test_parse_netstat ("i18n-ss-tuanp.txt");
  g_autoptr(LiaisonNetstatTable) cs = liaison_test_parse_netstat ("i18n-netstat-tanp.cs.txt");

  assert_has (ss, "tcp 10.9.0.1:42376 -> 10.9.0.1:7070 counted [接続テスト]");
  assert_has (ss, "udp 127.0.0.1:34810 -> 127.0.0.1:5514 counted [接続テスト]");
  /* "POSLEDNÍ ACK", with its space, is row 21 of the Czech -tanp */
  for (guint k = 0; k < cs->sockets->len; k++)
    {
      const LiaisonSocket *socket = &g_array_index (cs->sockets, LiaisonSocket, k);

      if (socket->peer_port == 40003)
        g_assert_cmpuint (socket->line, ==, 21);
    }
}

/* A grep of the rows: no header, the shape says it all. */
static void
test_headerless (void)
{
  static const struct { const char *file; const char *word; guint rows; } cases[] = {
    { "i18n-netstat-tanp.de.txt", "VERBUNDEN", 14 },
    { "i18n-netstat-tanp.cs.txt", "SPOJENO", 14 },
    { "i18n-netstat-tanp.pt_BR.txt", "ESTABELECIDA", 14 },
    { "i18n-lsof-i-n-P.txt", "ESTABLISHED", 14 },
    { "windows-netstat-anob.de.cp850.txt", "HERGESTELLT", 4 },
    { "macos-netstat-anv.txt", "ESTABLISHED", 4 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LiaisonNetstatTable) table = NULL;
      g_autofree char *contents = NULL;
      g_auto(GStrv) lines = NULL;
      GString *grep = g_string_new (NULL);
      g_autofree char *text = NULL;
      gsize length;

      contents = liaison_test_read_data ("netstat", cases[i].file, &length);
      lines = g_strsplit (contents, "\n", -1);
      for (guint k = 0; lines[k] != NULL; k++)
        if (strstr (lines[k], cases[i].word) != NULL)
          g_string_append_printf (grep, "%s\n", lines[k]);
      text = g_string_free (grep, FALSE);

      table = liaison_netstat_parse ("grep.txt", text, strlen (text), &error);
      g_assert_no_error (error);
      g_test_message ("%s | grep %s", cases[i].file, cases[i].word);
      g_assert_cmpuint (table->sockets->len, ==, cases[i].rows);
      for (guint k = 0; k < table->sockets->len; k++)
        g_assert_cmpint (g_array_index (table->sockets, LiaisonSocket, k).kind, ==, COUNTED);
    }
}

/* UTF-16 both ways, a byte-order mark with CRLF, and a Latin-2 table, which
 * is refused: Linux tools write UTF-8, and Czech in Latin-2 cannot be told
 * from Latin-1 by its bytes. */
static void
test_encodings (void)
{
  g_autofree char *latin2 = NULL;
  g_autofree char *message = NULL;
  gsize length;

  assert_same ("i18n-ss-tuanp.utf16le.txt", "i18n-ss-tuanp.txt", TRUE);
  assert_same ("i18n-ss-tuanp.utf16be.txt", "i18n-ss-tuanp.txt", TRUE);
  assert_same ("i18n-netstat-tunapeo.cs.bom-crlf.txt", "i18n-netstat-tunapeo.cs.txt", TRUE);

  latin2 = liaison_test_read_data ("netstat", "i18n-netstat-tanp.cs.latin2.txt", &length);
  message = parse_error ("latin2.txt", latin2, length);
  g_assert_cmpstr (message, ==, "latin2.txt:1: the text is not UTF-8 (byte 0xED): "
                                "convert it to UTF-8 first, for example with iconv");
}

/* German Windows netstat -anob as cmd.exe writes it (CP850), as PowerShell's
 * Out-File -Encoding Default does (Windows-1252) and as its > does (UTF-16):
 * the same table, names and all. */
static void
test_windows (void)
{
  g_autoptr(LiaisonNetstatTable) table = liaison_test_parse_netstat ("windows-netstat-anob.de.cp850.txt");

  g_assert_cmpint (table->format, ==, LIAISON_NETSTAT_FORMAT_WINDOWS);
  g_assert_cmpuint (table->sockets->len, ==, 15);
  assert_has (table, "tcp 0.0.0.0:135 -> -:0 listening [svchost.exe (RpcSs)]");
  assert_has (table, "tcp 0.0.0.0:445 -> -:0 listening []");       /* ownership cannot be told */
  assert_has (table, "tcp 127.0.0.1:8080 -> -:0 listening [Überwachung.exe]");
  assert_has (table, "tcp 127.0.0.1:8080 -> 127.0.0.1:50712 counted [Überwachung.exe]");
  assert_has (table, "tcp 127.0.0.1:8080 -> 127.0.0.1:50713 counted [Überwachung.exe]");   /* SCHLIESSEN_WARTEN */
  assert_has (table, "tcp 127.0.0.1:8080 -> 127.0.0.1:50701 ignored []");                   /* WARTEND */
  assert_has (table, "tcp 127.0.0.1:50713 -> 127.0.0.1:8080 counted [Kundenprüfung.exe]"); /* FIN_WARTEN_2 */
  assert_has (table, "tcp 10.0.0.5:50800 -> 10.0.0.9:443 ignored [Kundenprüfung.exe]");    /* SYN_GESENDET */
  assert_has (table, "tcp ::1:50720 -> ::1:49670 counted [svchost.exe (Dnscache)]");
  assert_has (table, "udp :::5353 -> -:0 listening [svchost.exe (Dnscache)]");

  assert_same ("windows-netstat-anob.de.cp1252.txt", "windows-netstat-anob.de.cp850.txt", TRUE);
  assert_same ("windows-netstat-anob.de.utf16le.txt", "windows-netstat-anob.de.cp850.txt", TRUE);
}

/* Chinese Windows translates the title and the header, not the states (as
 * public captures show it), and cmd.exe writes them in GBK: the rows read
 * the same in UTF-8 and in GBK. */
static void
test_windows_chinese (void)
{
  static const char utf8[] =
    "\r\n活动连接\r\n\r\n  协议  本地地址          外部地址        状态           PID\r\n"
    "  TCP    127.0.0.1:4321         0.0.0.0:0              LISTENING       46172\r\n"
    "  TCP    127.0.0.1:4321         127.0.0.1:55160        ESTABLISHED     46172\r\n"
    "  UDP    127.0.0.1:4321         *:*                                    1234\r\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *gbk = NULL;
  gsize gbk_length;
  const char *texts[2];
  gsize lengths[2];

  gbk = g_convert (utf8, -1, "GBK", "UTF-8", NULL, &gbk_length, &error);
  g_assert_no_error (error);
  texts[0] = utf8;
  lengths[0] = strlen (utf8);
  texts[1] = gbk;
  lengths[1] = gbk_length;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(LiaisonNetstatTable) table = liaison_netstat_parse ("zh.txt", texts[i], lengths[i], &error);
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      text = liaison_test_table_text (table, TRUE);
      g_assert_cmpstr (text, ==,
                       "tcp 127.0.0.1:4321 -> -:0 listening []\n"
                       "tcp 127.0.0.1:4321 -> 127.0.0.1:55160 counted []\n"
                       "udp 127.0.0.1:4321 -> -:0 listening []\n");
    }
}

/* Bad input through liaison-cli: exit 2, one line FILE:LINE, nothing imported. */
static void
test_cli_refuses (void)
{
  static const char bad[] =
    "\"LocalAddress\",\"LocalPort\",\"RemoteAddress\",\"RemotePort\",\"State\"\r\n"
    "\"0.0.0.0\",\"135\",\"0.0.0.0\",\"0\",\"Listen\"\r\n"
    "\"0.0.0.0\",\"445\",\"0.0.0.0\",\"0\",\"Listening\"\r\n";
  g_autofree char *dir = g_dir_make_tmp ("liaison-formats-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "tcp.csv", NULL);
  g_autofree char *db = g_build_filename (dir, "l.db", NULL);
  g_autofree char *expected = g_strdup_printf ("liaison-cli: %s:3: unknown state “Listening”\n", file);
  const char *import[] = { g_getenv ("LIAISON_CLI"), "--database", db, "import-netstat", "--host", "w",
                           "--time", "2026-12-03T06:00:00Z", file, NULL };
  const char *list[] = { g_getenv ("LIAISON_CLI"), "--database", db, "list", "--format", "csv", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *rows = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (g_file_set_contents (file, bad, -1, NULL));
  g_spawn_sync (NULL, (char **) import, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL) == FALSE);
  g_assert_cmpint (WEXITSTATUS (status), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, expected);

  g_clear_pointer (&err, g_free);
  g_spawn_sync (NULL, (char **) list, NULL, G_SPAWN_DEFAULT, NULL, NULL, &rows, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_nonnull (strchr (rows, '\n'));
  g_assert_cmpstr (strchr (rows, '\n'), ==, "\n");     /* the header, no row */

  g_remove (file);
  g_remove (db);
  g_rmdir (dir);
}

/* PowerShell as CSV (with #TYPE, UTF-16, every property; without, ';',
 * UTF-8, a ProcessName column) and as JSON (numbers, UTF-16; names, one
 * object): the sockets of the same host as its netstat -anob. */
static void
test_powershell (void)
{
  g_autoptr(LiaisonNetstatTable) csv = liaison_test_parse_netstat ("powershell-get-nettcpconnection.utf16le.csv");
  g_autoptr(LiaisonNetstatTable) udp = liaison_test_parse_netstat ("powershell-get-netudpendpoint.csv");
  g_autoptr(LiaisonNetstatTable) named = liaison_test_parse_netstat ("powershell-get-nettcpconnection-processname.de.csv");
  g_autoptr(LiaisonNetstatTable) json = liaison_test_parse_netstat ("powershell-get-nettcpconnection.utf16le.json");
  g_autoptr(LiaisonNetstatTable) one = liaison_test_parse_netstat ("powershell-get-nettcpconnection-one.json");
  g_autoptr(LiaisonNetstatTable) windows = liaison_test_parse_netstat ("windows-netstat-anob.de.cp850.txt");
  g_autofree char *csv_text = NULL;
  g_autofree char *udp_text = NULL;
  g_autofree char *windows_text = liaison_test_table_text (windows, FALSE);
  g_autofree char *both = NULL;

  g_assert_cmpint (csv->format, ==, LIAISON_NETSTAT_FORMAT_POWERSHELL_CSV);
  g_assert_cmpint (json->format, ==, LIAISON_NETSTAT_FORMAT_POWERSHELL_JSON);
  g_assert_cmpuint (csv->sockets->len, ==, 13);
  g_assert_cmpuint (udp->sockets->len, ==, 2);

  /* Get-NetTCPConnection and Get-NetUDPEndpoint together: netstat -anob */
  g_array_append_vals (csv->sockets, udp->sockets->data, udp->sockets->len);
  g_array_set_clear_func (udp->sockets, NULL);
  csv_text = liaison_test_table_text (csv, FALSE);
  g_assert_cmpstr (csv_text, ==, windows_text);

  assert_same ("powershell-get-nettcpconnection.utf16le.json", "powershell-get-nettcpconnection-processname.de.csv", FALSE);
  udp_text = liaison_test_table_text (udp, TRUE);
  g_assert_cmpstr (udp_text, ==, "udp 0.0.0.0:5353 -> -:0 listening []\nudp :::5353 -> -:0 listening []\n");
  both = liaison_test_table_text (one, TRUE);
  g_assert_cmpstr (both, ==, "tcp 127.0.0.1:8080 -> -:0 listening [Überwachung]\n");

  /* OwningProcess is a PID: only ProcessName names */
  assert_has (csv, "tcp 127.0.0.1:8080 -> 127.0.0.1:50712 counted []");
  assert_has (named, "tcp 127.0.0.1:8080 -> 127.0.0.1:50712 counted [Überwachung]");
  assert_has (named, "tcp 127.0.0.1:50713 -> 127.0.0.1:8080 counted [Kundenprüfung]");
  assert_has (named, "tcp 127.0.0.1:8080 -> 127.0.0.1:50701 ignored [Idle]");
  assert_has (json, "tcp 10.0.0.5:50800 -> 10.0.0.9:443 ignored []");
  for (guint k = 0; k < json->sockets->len; k++)
    g_assert_cmpuint (g_array_index (json->sockets, LiaisonSocket, k).line, ==, 2 + 54 * k);
}

/* macOS netstat -anv with process:pid; FreeBSD and macOS captures are in
 * the corpus (test-corpus). */
static void
test_bsd (void)
{
  g_autoptr(LiaisonNetstatTable) table = liaison_test_parse_netstat ("macos-netstat-anv.txt");
  g_autoptr(LiaisonNetstatTable) windows = liaison_test_parse_netstat ("windows-netstat-anob.de.cp850.txt");
  g_autofree char *a = liaison_test_table_text (table, FALSE);
  g_autofree char *b = liaison_test_table_text (windows, FALSE);

  g_assert_cmpint (table->format, ==, LIAISON_NETSTAT_FORMAT_BSD);
  g_assert_cmpstr (a, ==, b);
  assert_has (table, "tcp 0.0.0.0:135 -> -:0 listening [svchost]");
  assert_has (table, "tcp :::135 -> -:0 listening [svchost]");
  assert_has (table, "tcp 127.0.0.1:8080 -> 127.0.0.1:50701 ignored []");
  assert_has (table, "tcp ::1:50720 -> ::1:49670 counted [Helper (Dns)]");
  assert_has (table, "udp 0.0.0.0:5353 -> -:0 listening [mDNSResponder]");
}

/* lsof prints only sockets that a process holds, once per socket. */
static void
test_lsof (void)
{
  g_autoptr(LiaisonNetstatTable) lsof = liaison_test_parse_netstat ("i18n-lsof-i-n-P.txt");
  g_autoptr(LiaisonNetstatTable) ss = liaison_test_parse_netstat ("i18n-ss-tuanp.txt");
  g_autofree char *ss_text = liaison_test_table_text (ss, FALSE);
  g_autofree char *lsof_text = liaison_test_table_text (lsof, FALSE);
  g_auto(GStrv) lines = g_strsplit (lsof_text, "\n", -1);

  g_assert_cmpint (lsof->format, ==, LIAISON_NETSTAT_FORMAT_LSOF);
  g_assert_cmpuint (lsof->sockets->len, ==, 24);
  for (guint k = 0; lines[k] != NULL && *lines[k] != '\0'; k++)
    {
      g_autofree char *line = g_strconcat (lines[k], "\n", NULL);

      g_assert_nonnull (strstr (ss_text, line));
    }

  assert_has (lsof, "tcp 127.0.0.1:8080 -> 127.0.0.3:55007 counted [python3]");
  assert_has (lsof, "tcp :::6060 -> -:0 listening [dualsrv]");
  assert_has (lsof, "tcp 127.0.0.1:6060 -> 127.0.0.1:44356 counted [dualsrv]");
  /* COMMAND is cut after 9 bytes: `\xc3\x9cb` is "Üb"; `\xe6\x8e` no character */
  assert_has (lsof, "tcp 10.9.0.1:7070 -> -:0 listening [Üb]");
  assert_has (lsof, "tcp 10.9.0.1:42376 -> 10.9.0.1:7070 counted []");
  assert_has (lsof, "udp 127.0.0.1:34810 -> 127.0.0.1:5514 counted []");
  assert_has (lsof, "udp ::1:5515 -> -:0 listening [udpsrv]");
}

/* Output made without -n, and a state word no table has. */
static void
test_names_and_unknown_words (void)
{
  static const struct { const char *text; const char *message; } cases[] = {
    { "Aktive Internetverbindungen (Nur Server)\n"
      "Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name\n"
      "tcp        0      0 localhost:ipp           0.0.0.0:*               LISTEN      817/cupsd\n",
      "t.txt:3: “localhost:ipp” is a name, not an address and port: run netstat -n to print numbers" },
    { "Aktive Internetverbindungen (Nur Server)\n"
      "tcp        0      0 127.0.0.1:631           0.0.0.0:*               HÖRT        817/cupsd\n",
      "t.txt:2: unknown state “HÖRT”" },
    { "\nAktive Verbindungen\n\n  Proto  Lokale Adresse         Remoteadresse          Status           PID\n"
      "  TCP    0.0.0.0:135            0.0.0.0:0              LAUSCHEN        1052\n",
      "t.txt:5: unknown state “LAUSCHEN”" },
    { "  TCP    127.0.0.1:1031         api:1032               ESTABLISHED\n",
      "t.txt:1: “api:1032” is a name, not an address and port: run netstat -n to print numbers" },
    { "tcp4       0      0  kbrazil-mac.attl.62979 40.77.18.167.https     ESTABLISHED\n",
      "t.txt:1: “kbrazil-mac.attl.62979” is a name, not an address and port: run netstat -n to print numbers" },
    { "Active Internet connections\n"
      "Socket           Flowhash Proto Recv-Q Send-Q  Local Address      Foreign Address    (state)\n"
      "7fb03cb94d505aed cedd0cbf tcp4       0      0  192.168.1.221.5486 140.82.113.26.443  ESTABLISHED\n"
      "7fb03cb946c1cbcd  3c023c0 tcp6       0      0  2600:1700:bab0:d.5 2607:f8b0:4003:c.9 ESTABLISHED\n",
      "t.txt:4: “2600:1700:bab0:d.5” is cut short (netstat shortens addresses that do not fit): run netstat -W" },
    { "tcp4       0      0  10.0.0.5.22            10.0.0.9.50000         ESTABLISHED\n"
      "tcp4       0      0  10.0.0.5.22            10.0.0.9.50001         ESTAB\n",
      "t.txt:2: unknown state “ESTAB”" },
    { "COMMAND   PID USER   FD   TYPE DEVICE SIZE/OFF NODE NAME\n"
      "sshd      700 root    3u  IPv4  12345      0t0  TCP *:ssh (LISTEN)\n",
      "t.txt:2: “*:ssh” is a name, not an address and port: run lsof -n -P to print numbers" },
    { "COMMAND   PID USER   FD   TYPE DEVICE SIZE/OFF NODE NAME\n"
      "sshd      700 root    3u  IPv4  12345      0t0  TCP *:22 (HORCHEN)\n",
      "t.txt:2: unknown state “HORCHEN”" },
    { "\"LocalAddress\",\"LocalPort\",\"RemoteAddress\",\"RemotePort\",\"State\"\n"
      "\"0.0.0.0\",\"135\",\"0.0.0.0\",\"0\",\"Listen\"\n"
      "\"0.0.0.0\",\"445\",\"0.0.0.0\",\"0\",\"Listening\"\n",
      "t.txt:3: unknown state “Listening”" },
    { "\"LocalAddress\";\"LocalPort\";\"State\"\n\"10.0.0.300\";\"135\";\"Listen\"\n",
      "t.txt:2: “10.0.0.300” is not an IP address" },
    { "LocalAddress,LocalPort,State\n10.0.0.1,70000,Listen\n",
      "t.txt:2: port “70000” is not between 1 and 65535" },
    { "LocalAddress,LocalPort,State\n10.0.0.1,22\n",
      "t.txt:2: expected 3 columns, found 2" },
    { "LocalAddress,LocalPort,State\n\"10.0.0.1,22,Listen\n",
      "t.txt:2: a quoted value that does not end" },
    { "[\n  {\n    \"LocalAddress\": \"0.0.0.0\",\n    \"LocalPort\": 135,\n    \"State\": 2\n  },\n"
      "  {\n    \"LocalAddress\": \"0.0.0.0\",\n    \"LocalPort\": 445,\n    \"State\": 13\n  }\n]\n",
      "t.txt:7: unknown state “13”" },
    { "[\n  {\n    \"LocalAddress\": \"0.0.0.0\",\n    \"LocalPort\": 135\n    \"State\": 2\n  }\n]\n",
      "t.txt:5: JSON: “,” or the end of an object, found “\"”" },
    { "{ \"LocalAddress\": \"0.0.0.0\", \"State\": 2 }",
      "t.txt:1: a record without LocalAddress and LocalPort" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = parse_error ("t.txt", cases[i].text, -1);

      g_test_message ("case %u", i);
      g_assert_cmpstr (message, ==, cases[i].message);
    }
}

/* What the bytes look like when they are no text Liaison reads. */
static void
test_not_text (void)
{
  static const struct { const char *text; gssize length; const char *message; } cases[] = {
    { "\x1f\x8b\x08\x00\x00\x00\x00\x00", 8, "z.txt:1: gzip-compressed data, not a socket table: decompress it first" },
    { "PK\x03\x04\x14\x00", 6, "z.txt:1: a zip archive, not a socket table: unpack it first" },
    { "\xff\xfe\x00\x00S\x00\x00\x00", 8, "z.txt:1: UTF-32 text: save it as UTF-8 or UTF-16 first" },
    { "State Recv-Q\n\x01\x02\x03\x89", 17, "z.txt:2: binary data, not a socket table" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = parse_error ("z.txt", cases[i].text, cases[i].length);

      g_assert_cmpstr (message, ==, cases[i].message);
    }
}

/* Which kind of sample a file is, as the import dialog and drag and drop
 * ask: UTF-16 and PowerShell's CSV are socket tables, not flows. */
static void
test_sample_kind (void)
{
  static const char * const names[] = {
    "i18n-ss-tuanp.utf16le.txt", "powershell-get-nettcpconnection.utf16le.csv",
    "powershell-get-netudpendpoint.csv", "powershell-get-nettcpconnection-processname.de.csv",
    "powershell-get-nettcpconnection.utf16le.json", "macos-netstat-anv.txt", "i18n-lsof-i-n-P.txt",
    "windows-netstat-anob.de.cp850.txt", "i18n-netstat-tunapeo.ja.txt",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *contents = NULL;
      gsize length;

      contents = liaison_test_read_data ("netstat", names[i], &length);
      g_test_message ("%s", names[i]);
      g_assert_cmpint (liaison_import_detect (contents, MIN (length, 4096)), ==, LIAISON_SAMPLE_NETSTAT);
    }
}

typedef struct
{
  GString *text;
} Records;

static gboolean
collect_record (const LiaisonStatRecord  *record,
                gpointer                  user_data,
                GError                  **error)
{
  Records *records = user_data;

  g_string_append_printf (records->text, "%s:%u/%s <- %s total %" G_GINT64_FORMAT " active %" G_GINT64_FORMAT
                          " ports %" G_GINT64_FORMAT "\n",
                          record->listener_ip, record->port, record->protocol, record->client_ip,
                          record->ns_total_samples, record->ns_active_samples, record->ns_total_ports);
  return TRUE;
}

/* One host sampled three times, each time by another tool: netstat -anob at
 * 06:00, Get-NetTCPConnection and Get-NetUDPEndpoint as CSV at 06:05, the
 * same as JSON at 06:10. Worked by hand from the tables: 127.0.0.1:8080 has
 * two client ports from 127.0.0.1 in each (50712 ESTABLISHED, 50713
 * CLOSE_WAIT; 50701 is TIME_WAIT), [::1]:49670 one from ::1 (50720); the
 * SYN_SENT to 10.0.0.9:443 counts nowhere. So: 3 of 3 samples, 6 and 3
 * client ports. */
static void
test_statistics (void)
{
  g_autofree char *dir = g_dir_make_tmp ("liaison-formats-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "l.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) store = NULL;
  static const char * const times[] = { "2026-12-03T06:00:00Z", "2026-12-03T06:05:00Z", "2026-12-03T06:10:00Z" };
  static const char * const files[][3] = {
    { "windows-netstat-anob.de.cp850.txt", NULL },
    { "powershell-get-nettcpconnection.utf16le.csv", "powershell-get-netudpendpoint.csv", NULL },
    { "powershell-get-nettcpconnection.utf16le.json", NULL },
  };
  Records records = { g_string_new (NULL) };
  g_autofree char *text = NULL;

  store = liaison_store_open (db, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
      LiaisonImportOptions options = { LIAISON_SAMPLE_NETSTAT, "win10-de", 0 };
      LiaisonImportSummary summary = { 0 };
      g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (times[i], NULL);

      for (guint k = 0; files[i][k] != NULL; k++)
        g_ptr_array_add (paths, g_test_build_filename (G_TEST_DIST, "data", "netstat", files[i][k], NULL));
      g_ptr_array_add (paths, NULL);

      options.time = g_date_time_to_unix (when) * 1000;
      options.start = LIAISON_TIME_NONE;
      g_assert_true (liaison_import_files (store, &options, (const char * const *) paths->pdata,
                                           NULL, NULL, NULL, &summary, &error));
      g_assert_no_error (error);
    }

  g_assert_true (liaison_statistics_foreach_record (store, NULL, collect_record, &records, &error));
  g_assert_no_error (error);
  text = g_string_free (records.text, FALSE);
  g_assert_cmpstr (text, ==,
                   "127.0.0.1:8080/tcp <- 127.0.0.1 total 3 active 3 ports 6\n"
                   "::1:49670/tcp <- ::1 total 3 active 3 ports 3\n");

  g_clear_object (&store);
  g_remove (db);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/netstat-formats/languages/same-records", test_languages_same_records);
  g_test_add_func ("/netstat-formats/languages/records", test_languages_records);
  g_test_add_func ("/netstat-formats/languages/ss-names", test_ss_names);
  g_test_add_func ("/netstat-formats/headerless", test_headerless);
  g_test_add_func ("/netstat-formats/encodings", test_encodings);
  g_test_add_func ("/netstat-formats/windows", test_windows);
  g_test_add_func ("/netstat-formats/windows-chinese", test_windows_chinese);
  g_test_add_func ("/netstat-formats/powershell", test_powershell);
  g_test_add_func ("/netstat-formats/bsd", test_bsd);
  g_test_add_func ("/netstat-formats/lsof", test_lsof);
  g_test_add_func ("/netstat-formats/names-and-unknown-words", test_names_and_unknown_words);
  g_test_add_func ("/netstat-formats/not-text", test_not_text);
  g_test_add_func ("/netstat-formats/sample-kind", test_sample_kind);
  g_test_add_func ("/netstat-formats/statistics", test_statistics);
  g_test_add_func ("/netstat-formats/cli-refuses", test_cli_refuses);

  return g_test_run ();
}
