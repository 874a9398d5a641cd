/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-statistics-export"

#include "config.h"

#include <string.h>

#include "liaison-statistics-export.h"
#include "statistics-fixture.h"

/* The page's export is what `liaison-cli export-stats` writes, but for exported_at. */

static void
export_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static char *
without_exported_at (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);
  guint found = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (strstr (lines[i], "\"exported_at\"") != NULL && found++ == 0)
        continue;
      g_string_append (out, lines[i]);
      g_string_append_c (out, '\n');
    }
  g_assert_cmpuint (found, ==, 1);
  return g_string_free (out, FALSE);
}

static void
test_export_matches_cli (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *cli = g_getenv ("LIAISON_CLI");
  g_autofree char *app_path = g_build_filename (fixture->dir, "app.json", NULL);
  g_autofree char *cli_path = g_build_filename (fixture->dir, "cli.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (app_path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *app_text = NULL;
  g_autofree char *cli_text = NULL;
  g_autofree char *app_rest = NULL;
  g_autofree char *cli_rest = NULL;
  int status;
  gsize progress = 0;
  const char *argv[] = { cli, "--database", fixture->database, "export-stats", "--output", cli_path, NULL };

  if (cli == NULL)
    {
      g_test_skip ("LIAISON_CLI is not set");
      return;
    }

  import_netflow (fixture, 0, 2);
  import_netstat (fixture, NETSTAT_SAMPLE);

  liaison_statistics_export_async (fixture->database, NULL, file, &progress, NULL, export_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  liaison_statistics_export_finish (result, &error);
  g_assert_no_error (error);

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);

  g_file_get_contents (app_path, &app_text, NULL, &error);
  g_assert_no_error (error);
  g_file_get_contents (cli_path, &cli_text, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (progress, ==, strlen (app_text));
  g_assert_nonnull (strstr (app_text, "\"active_span\": 95"));
  app_rest = without_exported_at (app_text);
  cli_rest = without_exported_at (cli_text);
  g_assert_cmpstr (app_rest, ==, cli_rest);
}

/* Exporting into a folder that does not exist fails with the file's name
 * and leaves nothing behind. */
static void
test_export_error (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "missing", "out.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  import_netflow (fixture, 0, 2);
  liaison_statistics_export_async (fixture->database, NULL, file, NULL, NULL, export_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (liaison_statistics_export_finish (result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/statistics/export/matches-cli", Fixture, NULL,
              fixture_set_up, test_export_matches_cli, fixture_tear_down);
  g_test_add ("/statistics/export/error", Fixture, NULL,
              fixture_set_up, test_export_error, fixture_tear_down);

  return g_test_run ();
}
