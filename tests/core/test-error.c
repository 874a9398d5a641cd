/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "liaison-error.h"
#include "liaison-netflow-parser.h"
#include "liaison-netstat-parser.h"
#include "liaison-test-fixture.h"

/* The core's errors: the one form a message quotes a value in. */

/* No byte below 0x20, DEL or a C1 control (U+0080 to U+009F) anywhere. */
static void
assert_no_controls (const char *text)
{
  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_assert_false (c < 0x20 || (c >= 0x7f && c <= 0x9f));
    }
}

static void
test_printable (void)
{
  static const struct {
    const char *text;
    const char *shown;
  } cases[] = {
    { "web01", "web01" },
    { "Zürich DNS", "Zürich DNS" },
    /* a window title and a cleared screen, as a terminal would obey them */
    { "\033]0;owned\007", "\\x1B]0;owned\\x07" },
    { "\033[2J\033[H", "\\x1B[2J\\x1B[H" },
    { "tab\there", "tab\\there" },
    { "line\nbreak\r", "line\\nbreak\\r" },
    { "\001\037\177", "\\x01\\x1F\\x7F" },
    /* C1 controls: U+009B is CSI, ESC [ in one character */
    { "\302\2332J", "\\u009B2J" },
    { "\302\200\302\237", "\\u0080\\u009F" },
    /* text that reads backwards from here on */
    { "abc\342\200\256txt.exe", "abc\\u202Etxt.exe" },
    { "\342\201\246x\342\201\251", "\\u2066x\\u2069" },
    /* bytes that are not UTF-8 */
    { "caf\351", "caf\357\277\275" },
    /* a backslash is left alone: escaping again changes nothing */
    { "C:\\Users\\x1B", "C:\\Users\\x1B" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = liaison_error_printable (cases[i].text, -1);
      g_autofree char *again = liaison_error_printable (shown, -1);

      g_assert_cmpstr (shown, ==, cases[i].shown);
      g_assert_cmpstr (again, ==, shown);
      assert_no_controls (shown);
    }

  /* A length, not the end of the string. */
  {
    g_autofree char *shown = liaison_error_printable ("ab\033cd", 3);

    g_assert_cmpstr (shown, ==, "ab\\x1B");
  }
  {
    g_autofree char *shown = liaison_error_printable (NULL, -1);

    g_assert_cmpstr (shown, ==, "");
  }
}

/* Every code point below U+0020, DEL and the C1 controls come out escaped. */
static void
test_printable_every_control (void)
{
  for (gunichar c = 1; c < 0xa0; c++)
    {
      char utf8[8] = { 0 };
      g_autofree char *text = NULL;
      g_autofree char *shown = NULL;

      if (c >= 0x20 && c < 0x7f)
        continue;
      g_unichar_to_utf8 (c, utf8);
      text = g_strconcat ("<", utf8, ">", NULL);
      shown = liaison_error_printable (text, -1);
      assert_no_controls (shown);
      g_assert_true (g_str_has_prefix (shown, "<\\"));
      g_assert_true (g_str_has_suffix (shown, ">"));
    }
}

/* The name of the file, in the FILE:LINE form. */
static void
test_set_line (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (liaison_error_set_line (&error, "\033]0;x\007.csv", 7, "a bad value “%s”", "v"));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "\\x1B]0;x\\x07.csv:7: a bad value “v”");
}

/* The flow parser quotes a bad value escaped. */
static void
test_netflow_message (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonFlowFile) file = NULL;
  const char *csv =
    "start,end,client_ip,client_port,listener_ip,listener_port,protocol\n"
    "2026-11-27T00:01:15Z,,10.0.0.9\033]0;owned\007,52001,10.0.0.5,443,tcp\n";

  file = liaison_netflow_parse ("flows.csv", csv, strlen (csv), FALSE, &error);
  g_assert_null (file);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "flows.csv:2: "));
  g_assert_nonnull (strstr (error->message, "“10.0.0.9\\x1B]0;owned\\x07”"));
  assert_no_controls (error->message);
}

/* So does the socket table parser, in the values it excerpts and in the
 * character of JSON it did not expect. */
static void
test_netstat_message (void)
{
  static const struct {
    const char *text;
    const char *quoted;
  } cases[] = {
    { "Netid  State   Recv-Q Send-Q Local Address:Port  Peer Address:Port Process\n"
      "tcp    ESTAB\033[2J 0      0      10.0.0.5:443        10.0.0.9:52001\n",
      "“ESTAB\\x1B[2J”" },
    { "[{\"LocalAddress\": \"10.0.0.5\", \"LocalPort\": 443 \033]0;x\007}]\n",
      "“\\x1B”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LiaisonNetstatTable) table = NULL;

      table = liaison_netstat_parse ("sample.txt", cases[i].text, strlen (cases[i].text), &error);
      g_assert_null (table);
      g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, "sample.txt:"));
      g_assert_nonnull (strstr (error->message, cases[i].quoted));
      assert_no_controls (error->message);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/error/printable", test_printable);
  g_test_add_func ("/error/printable/every-control", test_printable_every_control);
  g_test_add_func ("/error/set-line", test_set_line);
  g_test_add_func ("/error/netflow-message", test_netflow_message);
  g_test_add_func ("/error/netstat-message", test_netstat_message);

  return g_test_run ();
}
