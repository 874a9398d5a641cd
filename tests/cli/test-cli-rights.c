/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "cli-fixture.h"
#include "liaison-test-pg.h"

/* liaison-cli on a team's server (team.md 3): a role that may only read. */

/* Every writing command stops before any work, exit 2, naming the
 * privilege the role lacks; reading commands work; nothing is written. */
static void
test_reader (Fixture       *fixture,
             gconstpointer  data)
{
  static const char * const writes[][8] = {
    { "add", "--client-ip", "10.0.0.1", "--listener-ip", "10.0.0.3", "--port", "22", "--protocol" },
    { "edit", "1", "--port", "80" },
    { "delete", "1" },
    { "import-netstat", "--host", "web1", "samples.txt" },
    { "import-netflow", "--interval", "60", "flows.csv" },
    { "sample-host" },
    { "sample-ssh", "web1" },
    { "watch-netflow", "--interval", "60", "." },
    { "group", "add", "web", "10.0.0.1" },
    { "group", "remove", "web" },
  };
  g_autoptr(LiaisonTestPg) pg = liaison_test_pg_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *refused = NULL;
  g_auto(Result) list = { 0 };

  g_free (fixture->db);
  fixture->db = g_strdup (pg->uri);
  add_row (fixture, "1", "--client-ip", "10.0.0.1", "--listener-ip", "10.0.0.2",
           "--port", "443", "--protocol", "tcp", NULL);
  before = dump (fixture);
  liaison_test_pg_grant_reader (pg);

  g_free (fixture->db);
  fixture->db = g_strdup (pg->reader_uri);
  RUN (fixture, &list, "list", "--format", "csv", "--sort", "id");
  assert_result (&list, 0, before, "");

  refused = g_strdup_printf ("liaison-cli: %s: role “liaison_reader” may only read this inventory: "
                             "it lacks INSERT and UPDATE on table communication\n", pg->reader_uri);
  for (guint i = 0; i < G_N_ELEMENTS (writes); i++)
    {
      const char *args[10] = { NULL };
      g_auto(Result) result = { 0 };

      for (guint j = 0; j < G_N_ELEMENTS (writes[i]) && writes[i][j] != NULL; j++)
        args[j] = writes[i][j];
      if (g_str_equal (args[0], "add"))
        args[8] = "tcp";
      if (g_str_has_prefix (args[0], "import-"))
        args[3] = write_file (fixture, args[3], "");
      run_argv (fixture, NULL, &result, args);
      if (g_str_has_prefix (args[0], "import-"))
        g_free ((char *) args[3]);
      g_test_message ("%s", args[0]);
      assert_result (&result, 2, "", refused);
    }

  g_free (fixture->db);
  fixture->db = g_strdup (pg->uri);
  after = dump (fixture);
  g_assert_cmpstr (after, ==, before);
}

/* Over the network without encryption: the command runs, with a warning
 * on stderr (team.md 1); through the server's socket, none. */
static void
test_unencrypted (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(LiaisonTestPg) pg = liaison_test_pg_new ();
  g_autofree char *remote = liaison_test_pg_remote_uri (pg);
  g_autofree char *host = NULL;
  g_autofree char *warning = NULL;
  g_auto(Result) local = { 0 };
  g_auto(Result) result = { 0 };

  if (remote == NULL)
    return;
  g_free (fixture->db);
  fixture->db = g_strdup (pg->uri);
  add_row (fixture, "1", "--client-ip", "10.0.0.1", "--listener-ip", "10.0.0.2",
           "--port", "443", "--protocol", "tcp", NULL);
  RUN (fixture, &local, "list", "--format", "csv", "--sort", "id");
  g_assert_cmpint (local.status, ==, 0);
  g_assert_cmpstr (local.err, ==, "");

  g_free (fixture->db);
  fixture->db = g_strdup (remote);
  RUN (fixture, &result, "list", "--format", "csv", "--sort", "id");
  host = g_strndup (remote + strlen ("postgresql://"), strcspn (remote + strlen ("postgresql://"), ":"));
  warning = g_strdup_printf ("liaison-cli: warning: the connection to %s is not encrypted: the inventory "
                             "and any password cross the network readable (ask for sslmode=verify-full "
                             "in the URI)\n", host);
  assert_result (&result, 0, local.out, warning);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  add_test ("/cli/rights/reader", test_reader);
  add_test ("/cli/rights/unencrypted", test_unencrypted);

  return g_test_run ();
}
