/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cli-fixture.h"
#include "liaison-test-fixture.h"

void
result_clear (Result *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("liaison-cli-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db = g_build_filename (fixture->dir, "liaison.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  liaison_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->db, g_free);
}

const char *
cli_path (void)
{
  const char *path = g_getenv ("LIAISON_CLI");

  g_assert_nonnull (path);
  return path;
}

static void
drop_to_nobody (gpointer user_data)
{
  if (setgid (NOBODY) != 0 || setuid (NOBODY) != 0)
    _exit (99);
}

/* Runs liaison-cli; FALSE when it could not be started at all. */
gboolean
run_with (Fixture            *fixture,
          const RunOptions   *options,
          Result             *result,
          const char * const *args,
          GError            **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GBytes) input = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;

  g_ptr_array_add (argv, (char *) cli_path ());
  if (options->database != NULL)
    {
      g_ptr_array_add (argv, "--database");
      g_ptr_array_add (argv, (char *) options->database);
    }
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* Nothing may reach a real database by accident. */
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", fixture->dir, TRUE);
  if (options->env_database != NULL)
    g_subprocess_launcher_setenv (launcher, "LIAISON_DATABASE", options->env_database, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "LIAISON_DATABASE");
  if (options->allow_shared != NULL)
    g_subprocess_launcher_setenv (launcher, "LIAISON_ALLOW_SHARED", options->allow_shared, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "LIAISON_ALLOW_SHARED");
  if (options->tz != NULL)
    g_subprocess_launcher_setenv (launcher, "TZ", options->tz, TRUE);
  if (options->as_nobody)
    g_subprocess_launcher_set_child_setup (launcher, drop_to_nobody, NULL, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, error);
  if (process == NULL)
    return FALSE;

  input = g_bytes_new (options->input != NULL ? options->input : "",
                       options->input != NULL ? strlen (options->input) : 0);
  if (!g_subprocess_communicate (process, input, NULL, &out, &err, error))
    return FALSE;

  g_assert_true (g_subprocess_get_if_exited (process));
  result_clear (result);
  result->status = g_subprocess_get_exit_status (process);
  result->out = g_strndup (g_bytes_get_size (out) > 0 ? g_bytes_get_data (out, NULL) : "", g_bytes_get_size (out));
  result->err = g_strndup (g_bytes_get_size (err) > 0 ? g_bytes_get_data (err, NULL) : "", g_bytes_get_size (err));
  return TRUE;
}

void
run_argv (Fixture            *fixture,
          const char         *input,
          Result             *result,
          const char * const *args)
{
  g_autoptr(GError) error = NULL;
  RunOptions options = { fixture->db, input, NULL, FALSE };

  run_with (fixture, &options, result, args, &error);
  g_assert_no_error (error);
}

void
assert_result (const Result *result,
               int           status,
               const char   *out,
               const char   *err)
{
  g_assert_cmpstr (result->err, ==, err);
  g_assert_cmpstr (result->out, ==, out);
  g_assert_cmpint (result->status, ==, status);
}

/* The whole database as `list --format csv` prints it. */
char *
dump (Fixture *fixture)
{
  g_auto(Result) result = { 0 };

  RUN (fixture, &result, "list", "--format", "csv", "--sort", "id");
  assert_result (&result, 0, result.out, "");
  return g_steal_pointer (&result.out);
}

gint64
query_int (Fixture    *fixture,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (fixture->db, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

char *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

void
add_row (Fixture    *fixture,
         const char *expected_id,
         ...)
{
  g_auto(Result) result = { 0 };
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *out = g_strdup_printf ("%s\n", expected_id);
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, "add");
  va_start (ap, expected_id);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  run_argv (fixture, NULL, &result, (const char * const *) args->pdata);
  assert_result (&result, 0, out, "");
}

void
assert_usage_errors (Fixture         *fixture,
                     const UsageCase *cases,
                     guint            n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_auto(Result) result = { 0 };

      g_test_message ("case %u: %s", i, cases[i].err);
      run_argv (fixture, NULL, &result, cases[i].args);
      assert_result (&result, 2, "", cases[i].err);
    }

  /* None of them touched the database. */
  g_assert_false (g_file_test (fixture->db, G_FILE_TEST_EXISTS));
}

/* The seed example of statistics.md section 5: three Liaison CSV files,
 * interval 60. */
const char *seed_files[3] = {
  "start,end,client_ip,client_port,listener_ip,listener_port,protocol\n"
  "2026-11-27T00:01:15Z,,10.0.0.9,52001,10.0.0.5,443,tcp\n"
  "2026-11-27T00:01:45Z,,10.0.0.9,52002,10.0.0.5,443,tcp\n",
  "start,end,client_ip,client_port,listener_ip,listener_port,protocol\n"
  "2026-11-27T00:02:10Z,,10.0.0.9,52003,10.0.0.5,443,tcp\n"
  "2026-11-27T00:02:45Z,,10.0.0.9,52004,10.0.0.5,443,tcp\n",
  "start,end,client_ip,client_port,listener_ip,listener_port,protocol\n"
  "2026-11-27T00:03:50Z,,10.0.0.9,52005,10.0.0.5,443,tcp\n"
  "2026-11-27T00:03:55Z,,10.0.0.9,52006,10.0.0.5,443,tcp\n",
};

char **
write_seed_files (Fixture *fixture)
{
  char **paths = g_new0 (char *, G_N_ELEMENTS (seed_files) + 1);

  for (guint i = 0; i < G_N_ELEMENTS (seed_files); i++)
    {
      g_autofree char *name = g_strdup_printf ("seed-%u.csv", i + 1);

      paths[i] = write_file (fixture, name, seed_files[i]);
    }
  return paths;
}

/* Replaces the value of exported_at by EXPORTED_AT after checking that it
 * is the time of the run, in whole seconds. */
char *
mask_exported_at (const char  *document,
                  LiaisonTime  before,
                  LiaisonTime  after)
{
  static const char key[] = "  \"exported_at\": \"";
  const char *start = strstr (document, key);
  const char *end;
  g_autofree char *value = NULL;
  LiaisonTime time = 0;

  g_assert_nonnull (start);
  start += strlen (key);
  end = strchr (start, '"');
  g_assert_nonnull (end);
  value = g_strndup (start, end - start);
  g_assert_cmpuint (strlen (value), ==, strlen ("2026-11-27T04:00:00Z"));
  g_assert_true (liaison_time_parse (value, -1, FALSE, &time));
  g_assert_cmpint (time, >=, before - before % 1000);
  g_assert_cmpint (time, <=, after);

  return g_strdup_printf ("%.*sEXPORTED_AT%s", (int) (start - document), document, end);
}

static void read_next_line (Background *background);

static void
on_line (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Background *background = user_data;
  g_autoptr(GError) error = NULL;
  char *line = g_data_input_stream_read_line_finish_utf8 (background->out, result, NULL, &error);

  g_assert_no_error (error);
  if (line == NULL)
    {
      background->eof = TRUE;
      return;
    }
  g_ptr_array_add (background->lines, line);
  read_next_line (background);
}

static void
read_next_line (Background *background)
{
  g_data_input_stream_read_line_async (background->out, G_PRIORITY_DEFAULT, NULL, on_line, background);
}

/* Starts liaison-cli with --database and @args; stderr goes to a file. */
Background *
run_background (Fixture            *fixture,
                const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  Background *background = g_new0 (Background, 1);

  g_ptr_array_add (argv, (char *) cli_path ());
  g_ptr_array_add (argv, "--database");
  g_ptr_array_add (argv, fixture->db);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", fixture->dir, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LIAISON_DATABASE");
  background->err_path = g_build_filename (fixture->dir, "background.err", NULL);
  g_subprocess_launcher_set_stderr_file_path (launcher, background->err_path);
  background->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  background->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (background->process));
  background->lines = g_ptr_array_new_with_free_func (g_free);
  read_next_line (background);
  return background;
}

/* Until stdout has @n lines (60 s at most). */
void
wait_for_lines (Background *background,
                guint       n)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (background->lines->len < n)
    {
      g_assert_false (background->eof);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
}

/* Sends @signal, waits for the command to end and frees @background;
 * @result gets its exit status, all its stdout and its stderr. */
void
stop_background (Background *background,
                 int         signal,
                 Result     *result)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (signal != 0)
    g_subprocess_send_signal (background->process, signal);
  while (!background->eof)
    g_main_context_iteration (NULL, TRUE);
  g_subprocess_wait (background->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (background->process));

  result_clear (result);
  result->status = g_subprocess_get_exit_status (background->process);
  for (guint i = 0; i < background->lines->len; i++)
    g_string_append_printf (out, "%s\n", (const char *) g_ptr_array_index (background->lines, i));
  result->out = g_strdup (out->str);

  g_file_get_contents (background->err_path, &result->err, NULL, &error);
  g_assert_no_error (error);

  g_free (background->err_path);
  g_object_unref (background->out);
  g_object_unref (background->process);
  g_ptr_array_unref (background->lines);
  g_free (background);
}

void
add_test (const char *path,
          void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}
