/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "liaison-time.h"

/*
 * liaison-cli as a user runs it (cli.md): the real binary ($LIAISON_CLI) on a
 * temporary database; exit status, stdout and stderr compared exactly.
 */

#define NOBODY 65534

typedef struct
{
  char *dir;
  char *db;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static void
remove_tree (const char *path)
{
  GDir *dir;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_chmod (path, 0700);
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      if (dir != NULL)
        g_dir_close (dir);
      g_rmdir (path);
    }
  else
    g_unlink (path);
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
  remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->db, g_free);
}

static const char *
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

typedef struct
{
  const char *database;         /* --database; NULL: none */
  const char *input;            /* stdin; NULL: empty */
  const char *env_database;     /* LIAISON_DATABASE; NULL: unset */
  gboolean    as_nobody;
} RunOptions;

/* Runs liaison-cli; FALSE when it could not be started at all. */
static gboolean
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

static void
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

/* RUN (fixture, &result, "list", "--format", "csv"): with --database. */
#define RUN(fixture, result, ...) \
  run_argv ((fixture), NULL, (result), (const char * const[]) { __VA_ARGS__, NULL })
#define RUN_INPUT(fixture, input, result, ...) \
  run_argv ((fixture), (input), (result), (const char * const[]) { __VA_ARGS__, NULL })

static void
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
static char *
dump (Fixture *fixture)
{
  g_auto(Result) result = { 0 };

  RUN (fixture, &result, "list", "--format", "csv", "--sort", "id");
  assert_result (&result, 0, result.out, "");
  return g_steal_pointer (&result.out);
}

static char *
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

static void
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

#define CSV_HEADER \
  "id,client_ip,client_device,listener_ip,listener_device,port,protocol," \
  "client_process_name,client_process_display_name,first_detected,last_detected,source\n"

/* Usage errors: exit 2, one line naming what is wrong, nothing written. */
static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  static const struct {
    const char *args[8];
    const char *err;
  } cases[] = {
    { { NULL }, "liaison-cli: a command is required (see “liaison-cli --help”)\n" },
    { { "frobnicate" }, "liaison-cli: unknown command “frobnicate” (see “liaison-cli --help”)\n" },
    { { "--bogus", "list" }, "liaison-cli: unknown option “--bogus” (see “liaison-cli --help”)\n" },
    { { "list", "--bogus" }, "liaison-cli: list: Unknown option --bogus (see “liaison-cli list --help”)\n" },
    { { "list", "extra" }, "liaison-cli: list: unexpected argument “extra”\n" },
    { { "list", "--format", "xml" }, "liaison-cli: list: --format: unknown format “xml” (text, csv or json)\n" },
    { { "list", "--sort", "colour" },
      "liaison-cli: list: --sort: unknown column “colour” (columns: id, client_ip, client_device, "
      "listener_ip, listener_device, port, protocol, client_process_name, client_process_display_name, "
      "first_detected, last_detected, source)\n" },
    { { "list", "--sort", "port:up" }, "liaison-cli: list: --sort: unknown order “up” in “port:up” (asc or desc)\n" },
    { { "add", "--client-ip", "10.0.0.9", "--listener-ip", "10.0.0.5", "--protocol", "tcp" },
      "liaison-cli: add: --port is required\n" },
    { { "edit", "1" }, "liaison-cli: edit: nothing to change (give at least one option of add)\n" },
    { { "edit", "abc", "--port", "80" }, "liaison-cli: edit: “abc” is not the id of a service communication\n" },
    { { "edit", "--port", "80" }, "liaison-cli: edit: the id of a service communication is required\n" },
    { { "delete" }, "liaison-cli: delete: the id of at least one service communication is required\n" },
    { { "delete", "1", "0" }, "liaison-cli: delete: “0” is not the id of a service communication\n" },
    { { "stats", "--listener", "10.0.0.5:443" },
      "liaison-cli: stats: --listener: “10.0.0.5:443” is not IP:PORT/PROTO "
      "(for example 10.0.0.5:443/tcp or [::1]:443/tcp)\n" },
    { { "stats", "--listener", "::1:443/tcp" },
      "liaison-cli: stats: --listener: “::1:443/tcp” is not IP:PORT/PROTO "
      "(for example 10.0.0.5:443/tcp or [::1]:443/tcp)\n" },
    { { "stats", "--format", "csv" }, "liaison-cli: stats: --format: unknown format “csv” (text or json)\n" },
    { { "import-netflow", "--interval", "0", "x.csv" },
      "liaison-cli: --interval: “0” is not a number of seconds (1 or more)\n" },
    { { "import-netflow", "x.csv" }, "liaison-cli: import-netflow: --interval is required\n" },
    { { "import-netflow", "--interval", "60" },
      "liaison-cli: import-netflow: at least one FILE is required ('-' reads stdin)\n" },
    { { "import-netstat", "x.txt" }, "liaison-cli: import-netstat: --host is required\n" },
    { { "import-netstat", "--host", "web01", "--time", "yesterday", "x.txt" },
      "liaison-cli: --time: “yesterday” is not a time (ISO 8601, for example 2026-11-27T00:01:15Z)\n" },
    { { "import-netflow", "--interval", "60", "--start", "2026-13-01", "x.csv" },
      "liaison-cli: --start: “2026-13-01” is not a time (ISO 8601, for example 2026-11-27T00:01:15Z)\n" },
    { { "export-stats", "--output" },
      "liaison-cli: export-stats: Missing argument for --output (see “liaison-cli export-stats --help”)\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Result) result = { 0 };

      g_test_message ("case %u: %s", i, cases[i].err);
      run_argv (fixture, NULL, &result, cases[i].args);
      assert_result (&result, 2, "", cases[i].err);
    }

  /* None of them touched the database. */
  g_assert_false (g_file_test (fixture->db, G_FILE_TEST_EXISTS));
}

static void
test_help (Fixture       *fixture,
           gconstpointer  data)
{
  g_auto(Result) result = { 0 };

  RUN (fixture, &result, "--help");
  g_assert_cmpint (result.status, ==, 0);
  g_assert_true (g_str_has_prefix (result.out, "Usage: liaison-cli [--database FILE] COMMAND [OPTIONS] [FILE...]\n"));
  g_assert_cmpstr (result.err, ==, "");

  RUN (fixture, &result, "list", "--help");
  g_assert_cmpint (result.status, ==, 0);
  g_assert_true (g_str_has_prefix (result.out, "Usage:\n  liaison-cli list [OPTION…]\n"));
  g_assert_nonnull (strstr (result.out, "--sort=COLUMN[:desc]"));
  g_assert_cmpstr (result.err, ==, "");

  g_assert_false (g_file_test (fixture->db, G_FILE_TEST_EXISTS));
}

static void
test_add (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *csv = NULL;

  add_row (fixture, "1", "--client-ip", "10.0.0.9", "--listener-ip", "10.0.0.5", "--port", "443",
           "--protocol", "tcp", NULL);
  /* Canonical forms: mapped IPv4 unmapped, protocol in lower case. */
  add_row (fixture, "2", "--client-ip", "::ffff:10.0.0.8", "--listener-ip", "2001:DB8::1", "--port", "53",
           "--protocol", "UDP", "--client-device", "app01", "--listener-device", "dns01",
           "--client-process-name", "dig", "--client-process-display-name", "DNS lookup", NULL);

  csv = dump (fixture);
  g_assert_cmpstr (csv, ==,
                   CSV_HEADER
                   "1,10.0.0.9,,10.0.0.5,,443,tcp,,,,,manual\n"
                   "2,10.0.0.8,app01,2001:db8::1,dns01,53,udp,dig,DNS lookup,,,manual\n");
}

static void
test_add_duplicate (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  add_row (fixture, "1", "--client-ip", "10.0.0.9", "--listener-ip", "10.0.0.5", "--port", "443",
           "--protocol", "tcp", NULL);
  add_row (fixture, "2", "--client-ip", "10.0.0.9", "--listener-ip", "10.0.0.5", "--port", "443",
           "--protocol", "tcp", "--client-process-name", "curl", NULL);
  before = dump (fixture);

  RUN (fixture, &result, "add", "--client-ip", "10.0.0.9", "--listener-ip", "10.0.0.5", "--port", "443",
       "--protocol", "tcp", "--client-device", "app01");
  assert_result (&result, 2, "",
                 "liaison-cli: service communication 10.0.0.9 → 10.0.0.5:443/tcp exists already as id 1\n");

  RUN (fixture, &result, "add", "--client-ip", "::ffff:10.0.0.9", "--listener-ip", "10.0.0.5", "--port", "443",
       "--protocol", "TCP", "--client-process-name", "curl");
  assert_result (&result, 2, "",
                 "liaison-cli: service communication 10.0.0.9 → 10.0.0.5:443/tcp from process curl "
                 "exists already as id 2\n");

  after = dump (fixture);
  g_assert_cmpstr (after, ==, before);
}

static void
test_add_invalid (Fixture       *fixture,
                  gconstpointer  data)
{
  static const struct {
    const char *option;
    const char *value;
    const char *err;
  } cases[] = {
    { "--client-ip", "300.1.1.1", "liaison-cli: --client-ip: “300.1.1.1” is not an IP address\n" },
    { "--listener-ip", "web01", "liaison-cli: --listener-ip: “web01” is not an IP address\n" },
    { "--port", "0", "liaison-cli: --port: port “0” is not between 1 and 65535\n" },
    { "--port", "70000", "liaison-cli: --port: port “70000” is not between 1 and 65535\n" },
    { "--port", "https", "liaison-cli: --port: port “https” is not a number\n" },
    { "--protocol", "icmp", "liaison-cli: --protocol: protocol “icmp” is not tcp or udp\n" },
  };
  g_autofree char *before = NULL;

  add_row (fixture, "1", "--client-ip", "10.0.0.9", "--listener-ip", "10.0.0.5", "--port", "443",
           "--protocol", "tcp", NULL);
  before = dump (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Result) result = { 0 };
      g_autofree char *after = NULL;
      const char *args[] = {
        "add", "--client-ip", "10.0.0.1", "--listener-ip", "10.0.0.2", "--port", "22",
        "--protocol", "tcp", cases[i].option, cases[i].value, NULL
      };

      g_test_message ("case %u: %s %s", i, cases[i].option, cases[i].value);
      run_argv (fixture, NULL, &result, args);
      assert_result (&result, 2, "", cases[i].err);

      /* The same value through edit is refused the same way. */
      {
        const char *edit_args[] = { "edit", "1", cases[i].option, cases[i].value, NULL };

        run_argv (fixture, NULL, &result, edit_args);
        assert_result (&result, 2, "", cases[i].err);
      }

      after = dump (fixture);
      g_assert_cmpstr (after, ==, before);
    }
}

static void
test_edit (Fixture       *fixture,
           gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autofree char *csv = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  add_row (fixture, "1", "--client-ip", "10.0.0.9", "--listener-ip", "10.0.0.5", "--port", "443",
           "--protocol", "tcp", "--client-device", "app01", NULL);
  add_row (fixture, "2", "--client-ip", "10.0.0.8", "--listener-ip", "10.0.0.5", "--port", "443",
           "--protocol", "tcp", NULL);

  RUN (fixture, &result, "edit", "1", "--port", "8443", "--listener-device", "web01",
       "--client-process-display-name", "Browser, \"new\"");
  assert_result (&result, 0, "", "");
  /* An empty value clears an optional field. */
  RUN (fixture, &result, "edit", "--client-device", "", "1");
  assert_result (&result, 0, "", "");

  csv = dump (fixture);
  g_assert_cmpstr (csv, ==,
                   CSV_HEADER
                   "1,10.0.0.9,,10.0.0.5,web01,8443,tcp,,\"Browser, \"\"new\"\"\",,,manual\n"
                   "2,10.0.0.8,,10.0.0.5,,443,tcp,,,,,manual\n");

  before = dump (fixture);
  RUN (fixture, &result, "edit", "99", "--port", "80");
  assert_result (&result, 2, "", "liaison-cli: there is no service communication with id 99\n");
  /* Editing row 2 into row 1 is a duplicate. */
  RUN (fixture, &result, "edit", "2", "--client-ip", "10.0.0.9", "--port", "8443");
  assert_result (&result, 2, "",
                 "liaison-cli: service communication 10.0.0.9 → 10.0.0.5:8443/tcp exists already as id 1\n");
  after = dump (fixture);
  g_assert_cmpstr (after, ==, before);
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *csv = NULL;

  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", i);
      g_autofree char *client = g_strdup_printf ("10.0.0.%u", i);

      add_row (fixture, id, "--client-ip", client, "--listener-ip", "10.0.0.5", "--port", "443",
               "--protocol", "tcp", NULL);
    }

  before = dump (fixture);
  /* One missing id: nothing is deleted. */
  RUN (fixture, &result, "delete", "1", "99");
  assert_result (&result, 2, "", "liaison-cli: there is no service communication with id 99\n");
  after = dump (fixture);
  g_assert_cmpstr (after, ==, before);

  RUN (fixture, &result, "delete", "3", "1");
  assert_result (&result, 0, "", "");
  csv = dump (fixture);
  g_assert_cmpstr (csv, ==, CSV_HEADER "2,10.0.0.2,,10.0.0.5,,443,tcp,,,,,manual\n");

  RUN (fixture, &result, "delete", "1");
  assert_result (&result, 2, "", "liaison-cli: there is no service communication with id 1\n");
}

static void
add_list_rows (Fixture *fixture)
{
  add_row (fixture, "1", "--client-ip", "10.0.0.9", "--listener-ip", "10.0.0.5", "--port", "443",
           "--protocol", "tcp", "--client-device", "app01", "--listener-device", "web01",
           "--client-process-name", "curl", "--client-process-display-name", "curl, \"the\" tool", NULL);
  add_row (fixture, "2", "--client-ip", "2001:db8::7", "--listener-ip", "10.0.0.53", "--port", "53",
           "--protocol", "udp", "--listener-device", "Zürich DNS", NULL);
  add_row (fixture, "3", "--client-ip", "10.0.0.10", "--listener-ip", "10.0.0.5", "--port", "22",
           "--protocol", "tcp", "--client-device", "line\nbreak", NULL);
}

static void
test_list_formats (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(Result) result = { 0 };

  RUN (fixture, &result, "list");
  assert_result (&result, 0,
                 "id  client_ip  client_device  listener_ip  listener_device  port  protocol  "
                 "client_process_name  client_process_display_name  first_detected  last_detected  source\n",
                 "");
  RUN (fixture, &result, "list", "--format", "csv");
  assert_result (&result, 0, CSV_HEADER, "");
  RUN (fixture, &result, "list", "--format", "json");
  assert_result (&result, 0, "[]\n", "");

  add_list_rows (fixture);

  RUN (fixture, &result, "list");
  assert_result (&result, 0,
                 "id  client_ip    client_device  listener_ip  listener_device  port  protocol  "
                 "client_process_name  client_process_display_name  first_detected  last_detected  source\n"
                 " 1  10.0.0.9     app01          10.0.0.5     web01             443  tcp       "
                 "curl                 curl, \"the\" tool             -               -              manual\n"
                 " 2  2001:db8::7  -              10.0.0.53    Zürich DNS         53  udp       "
                 "-                    -                            -               -              manual\n"
                 " 3  10.0.0.10    line?break     10.0.0.5     -                  22  tcp       "
                 "-                    -                            -               -              manual\n",
                 "");

  RUN (fixture, &result, "list", "--format", "csv");
  assert_result (&result, 0,
                 CSV_HEADER
                 "1,10.0.0.9,app01,10.0.0.5,web01,443,tcp,curl,\"curl, \"\"the\"\" tool\",,,manual\n"
                 "2,2001:db8::7,,10.0.0.53,Zürich DNS,53,udp,,,,,manual\n"
                 "3,10.0.0.10,\"line\nbreak\",10.0.0.5,,22,tcp,,,,,manual\n",
                 "");

  RUN (fixture, &result, "list", "--format", "json");
  assert_result (&result, 0,
                 "[\n"
                 "  {\"id\":1,\"client_ip\":\"10.0.0.9\",\"client_device\":\"app01\",\"listener_ip\":\"10.0.0.5\","
                 "\"listener_device\":\"web01\",\"port\":443,\"protocol\":\"tcp\",\"client_process_name\":\"curl\","
                 "\"client_process_display_name\":\"curl, \\\"the\\\" tool\",\"first_detected\":null,"
                 "\"last_detected\":null,\"source\":\"manual\"},\n"
                 "  {\"id\":2,\"client_ip\":\"2001:db8::7\",\"client_device\":null,\"listener_ip\":\"10.0.0.53\","
                 "\"listener_device\":\"Zürich DNS\",\"port\":53,\"protocol\":\"udp\",\"client_process_name\":null,"
                 "\"client_process_display_name\":null,\"first_detected\":null,"
                 "\"last_detected\":null,\"source\":\"manual\"},\n"
                 "  {\"id\":3,\"client_ip\":\"10.0.0.10\",\"client_device\":\"line\\nbreak\",\"listener_ip\":\"10.0.0.5\","
                 "\"listener_device\":null,\"port\":22,\"protocol\":\"tcp\",\"client_process_name\":null,"
                 "\"client_process_display_name\":null,\"first_detected\":null,"
                 "\"last_detected\":null,\"source\":\"manual\"}\n"
                 "]\n",
                 "");
}

/* The ids `list --format json` prints, in order, as "1 2 3". */
static char *
listed_ids (Fixture            *fixture,
            const char * const *extra)
{
  g_auto(Result) result = { 0 };
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) ids = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  JsonArray *rows;

  g_ptr_array_add (args, "list");
  g_ptr_array_add (args, "--format");
  g_ptr_array_add (args, "json");
  for (guint i = 0; extra[i] != NULL; i++)
    g_ptr_array_add (args, (char *) extra[i]);
  g_ptr_array_add (args, NULL);

  run_argv (fixture, NULL, &result, (const char * const *) args->pdata);
  assert_result (&result, 0, result.out, "");

  json_parser_load_from_data (parser, result.out, -1, &error);
  g_assert_no_error (error);
  rows = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (rows); i++)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? " " : "",
                            json_object_get_int_member (json_array_get_object_element (rows, i), "id"));
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static void
test_list_search (Fixture       *fixture,
                  gconstpointer  data)
{
  static const struct {
    const char *search;
    const char *ids;
  } cases[] = {
    { "WEB", "1" },             /* listener_device, any case */
    { "zürich", "2" },          /* non-ASCII */
    { "ZÜRICH", "2" },
    { "10.0.0.5", "1 2 3" },    /* a substring of 10.0.0.53 too */
    { "UDP", "2" },
    { "\"the\"", "1" },
    { "manual", "1 2 3" },
    { "nothing like it", "" },
    { "", "1 2 3" },
  };

  add_list_rows (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *extra[] = { "--search", cases[i].search, NULL };
      g_autofree char *ids = listed_ids (fixture, extra);

      g_test_message ("search “%s”", cases[i].search);
      g_assert_cmpstr (ids, ==, cases[i].ids);
    }
}

/* The seed example of statistics.md section 5: three Liaison CSV files,
 * interval 60. */
static const char *seed_files[] = {
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

static char **
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

/* Replaces the value of exported_at by EXPORTED_AT after checking that it
 * is the time of the run, in whole seconds. */
static char *
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
                 "      \"last_found\": \"2026-11-27T00:00:00Z\"\n"
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

/* Rows whose every column sorts in a known, different order. */
static void
test_list_sort (Fixture       *fixture,
                gconstpointer  data)
{
  static const struct {
    const char *sort;
    const char *ascending;
    const char *descending;
  } cases[] = {
    { "id", "1 2 3 4 5", "5 4 3 2 1" },
    { "client_ip", "2 5 4 1 3", "3 1 4 5 2" },                  /* numeric, not text order */
    { "client_device", "4 5 2 1 3", "3 1 2 5 4" },              /* unknown first */
    { "listener_ip", "1 4 5 3 2", "2 3 5 4 1" },
    { "listener_device", "4 5 3 1 2", "2 1 3 5 4" },
    { "port", "1 3 4 2 5", "5 2 4 3 1" },
    { "protocol", "1 3 4 5 2", "2 5 4 3 1" },
    { "client_process_name", "4 5 3 2 1", "1 2 3 5 4" },
    { "client_process_display_name", "4 5 2 1 3", "3 1 2 5 4" },
    { "first_detected", "1 2 3 5 4", "4 5 3 2 1" },
    { "last_detected", "1 2 3 4 5", "5 4 3 2 1" },
    { "source", "1 2 3 4 5", "5 4 3 2 1" },
  };
  g_auto(Result) result = { 0 };
  g_auto(GStrv) paths = write_seed_files (fixture);
  g_autofree char *early = write_file (fixture, "early.csv",
                                       "start,end,client_ip,client_port,listener_ip,listener_port,protocol\n"
                                       "2026-11-27T00:00:50Z,,10.0.0.8,53001,10.0.0.6,8080,tcp\n");
  g_autofree char *late = write_file (fixture, "late.csv",
                                      "start,end,client_ip,client_port,listener_ip,listener_port,protocol\n"
                                      "2026-11-27T00:04:10Z,,10.0.0.8,53002,10.0.0.6,8080,tcp\n");

  add_row (fixture, "1", "--client-ip", "10.0.0.20", "--listener-ip", "10.0.0.5", "--port", "22",
           "--protocol", "tcp", "--client-device", "m-beta", "--listener-device", "web-b",
           "--client-process-name", "ssh", "--client-process-display-name", "Shell", NULL);
  add_row (fixture, "2", "--client-ip", "10.0.0.3", "--listener-ip", "192.168.0.1", "--port", "5432",
           "--protocol", "udp", "--client-device", "m-alpha", "--listener-device", "web-c",
           "--client-process-name", "psql", "--client-process-display-name", "Postgres", NULL);
  add_row (fixture, "3", "--client-ip", "172.16.0.1", "--listener-ip", "10.0.0.10", "--port", "443",
           "--protocol", "tcp", "--client-device", "m-gamma", "--listener-device", "web-a",
           "--client-process-name", "curl", "--client-process-display-name", "Transfer", NULL);
  RUN (fixture, &result, "import-netflow", "--interval", "60", paths[0], paths[1], paths[2]);
  g_assert_cmpint (result.status, ==, 0);
  RUN (fixture, &result, "import-netflow", "--interval", "60", early, late);
  g_assert_cmpint (result.status, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *asc_arg = g_strdup_printf ("%s:asc", cases[i].sort);
      g_autofree char *desc_arg = g_strdup_printf ("%s:desc", cases[i].sort);
      const char *plain[] = { "--sort", cases[i].sort, NULL };
      const char *asc[] = { "--sort", asc_arg, NULL };
      const char *desc[] = { "--sort", desc_arg, NULL };
      g_autofree char *ids_plain = listed_ids (fixture, plain);
      g_autofree char *ids_asc = listed_ids (fixture, asc);
      g_autofree char *ids_desc = listed_ids (fixture, desc);

      g_test_message ("sort %s", cases[i].sort);
      g_assert_cmpstr (ids_plain, ==, cases[i].ascending);
      g_assert_cmpstr (ids_asc, ==, cases[i].ascending);
      g_assert_cmpstr (ids_desc, ==, cases[i].descending);
    }
}

/* LIAISON_DATABASE names the database when --database does not. */
static void
test_environment (Fixture       *fixture,
                  gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *other = g_build_filename (fixture->dir, "sub", "other.db", NULL);
  g_autofree char *csv = NULL;
  const char *add[] = { "add", "--client-ip", "10.0.0.9", "--listener-ip", "10.0.0.5", "--port", "443",
                        "--protocol", "tcp", NULL };
  const char *list[] = { "list", "--format", "csv", NULL };
  RunOptions env = { NULL, NULL, other, FALSE };
  RunOptions both = { fixture->db, NULL, other, FALSE };
  GStatBuf st;

  g_assert_true (run_with (fixture, &env, &result, add, &error));
  assert_result (&result, 0, "1\n", "");
  /* Created with its folder, for its owner only. */
  g_assert_cmpint (g_stat (other, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* --database wins over the environment. */
  g_assert_true (run_with (fixture, &both, &result, list, &error));
  assert_result (&result, 0, CSV_HEADER, "");

  g_assert_true (run_with (fixture, &env, &result, list, &error));
  assert_result (&result, 0, CSV_HEADER "1,10.0.0.9,,10.0.0.5,,443,tcp,,,,,manual\n", "");
  csv = dump (fixture);
  g_assert_cmpstr (csv, ==, CSV_HEADER);
}

static void
test_not_a_database (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autofree char *text = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  const char *not_db = "these are notes, not a database; a database would start with its header\n"
                       "and this text is long enough for SQLite to read a whole header of it.\n";

  g_free (fixture->db);
  fixture->db = write_file (fixture, "notes.txt", not_db);
  err = g_strdup_printf ("liaison-cli: %s: not a Liaison database (file is not a database)\n", fixture->db);

  RUN (fixture, &result, "list");
  assert_result (&result, 1, "", err);
  RUN (fixture, &result, "add", "--client-ip", "10.0.0.9", "--listener-ip", "10.0.0.5", "--port", "443",
       "--protocol", "tcp");
  assert_result (&result, 1, "", err);

  g_assert_true (g_file_get_contents (fixture->db, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, not_db);

  /* A folder in its place. */
  g_free (fixture->db);
  fixture->db = g_build_filename (fixture->dir, "folder.db", NULL);
  g_assert_cmpint (g_mkdir (fixture->db, 0700), ==, 0);
  g_free (err);
  err = g_strdup_printf ("liaison-cli: %s: is a folder, not a database\n", fixture->db);
  RUN (fixture, &result, "list");
  assert_result (&result, 1, "", err);
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *folder = g_build_filename (fixture->dir, "ro", NULL);
  g_autofree char *copy = g_build_filename (folder, "liaison.db", NULL);
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  gboolean as_root = geteuid () == 0;
  const char *add[] = { "add", "--client-ip", "10.0.0.8", "--listener-ip", "10.0.0.5", "--port", "443",
                        "--protocol", "tcp", NULL };
  RunOptions options = { copy, NULL, NULL, as_root };

  add_row (fixture, "1", "--client-ip", "10.0.0.9", "--listener-ip", "10.0.0.5", "--port", "443",
           "--protocol", "tcp", NULL);
  before = dump (fixture);

  /* A copy of the database (checkpointed: the copy holds everything). */
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (fixture->db, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (g_file_get_contents (fixture->db, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));
  g_assert_cmpint (g_chmod (copy, 0400), ==, 0);

  /* root writes whatever the mode says: the CLI runs as nobody then, owning
   * a read-only file in a folder it may write to. */
  if (as_root)
    {
      g_assert_cmpint (chown (folder, NOBODY, NOBODY), ==, 0);
      g_assert_cmpint (chown (copy, NOBODY, NOBODY), ==, 0);
      g_assert_cmpint (g_chmod (fixture->dir, 0711), ==, 0);
      if (access (cli_path (), X_OK) != 0 ||
          !run_with (fixture, &options, &result, add, &error) ||
          result.status == 99)
        {
          g_test_skip ("running as root and liaison-cli cannot be run as nobody here");
          return;
        }
    }
  else
    {
      g_assert_true (run_with (fixture, &options, &result, add, &error));
    }

  err = g_strdup_printf ("liaison-cli: %s: cannot write to the database: it is read-only\n", copy);
  if (result.status == 1 && strstr (result.err, "cannot create") != NULL)
    {
      /* nobody could not reach the folder at all (a parent is closed to others). */
      g_test_skip (result.err);
      return;
    }
  assert_result (&result, 1, "", err);

  /* The copy is as it was. */
  {
    g_autofree char *now = NULL;
    gsize now_length = 0;

    g_assert_true (g_file_get_contents (copy, &now, &now_length, NULL));
    g_assert_cmpmem (now, now_length, contents, length);
  }
  after = dump (fixture);
  g_assert_cmpstr (after, ==, before);
}

/* Another process holds the write lock: the CLI gives up after its busy
 * timeout (about 5 s) with a message, instead of hanging. */
static void
test_locked (Fixture       *fixture,
             gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *err = NULL;
  sqlite3 *db = NULL;
  gint64 start, elapsed;

  add_row (fixture, "1", "--client-ip", "10.0.0.9", "--listener-ip", "10.0.0.5", "--port", "443",
           "--protocol", "tcp", NULL);
  before = dump (fixture);

  g_assert_cmpint (sqlite3_open (fixture->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);

  start = g_get_monotonic_time ();
  RUN (fixture, &result, "add", "--client-ip", "10.0.0.8", "--listener-ip", "10.0.0.5", "--port", "443",
       "--protocol", "tcp");
  elapsed = g_get_monotonic_time () - start;

  err = g_strdup_printf ("liaison-cli: %s: the database is locked by another program; "
                         "try again when it is done (database is locked)\n", fixture->db);
  assert_result (&result, 1, "", err);
  g_assert_cmpint (elapsed, >=, 4 * G_USEC_PER_SEC);
  g_assert_cmpint (elapsed, <, 30 * G_USEC_PER_SEC);

  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  after = dump (fixture);
  g_assert_cmpstr (after, ==, before);
}

static void
add_test (const char *path,
          void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  add_test ("/cli/usage", test_usage);
  add_test ("/cli/help", test_help);
  add_test ("/cli/add", test_add);
  add_test ("/cli/add-duplicate", test_add_duplicate);
  add_test ("/cli/add-invalid", test_add_invalid);
  add_test ("/cli/edit", test_edit);
  add_test ("/cli/delete", test_delete);
  add_test ("/cli/list-formats", test_list_formats);
  add_test ("/cli/list-search", test_list_search);
  add_test ("/cli/list-sort", test_list_sort);
  add_test ("/cli/environment", test_environment);
  add_test ("/cli/import-netflow-export", test_import_netflow_export);
  add_test ("/cli/stats", test_stats);
  add_test ("/cli/import-netstat", test_import_netstat);
  add_test ("/cli/import-stdin", test_import_stdin);
  add_test ("/cli/sample-host", test_sample_host);
  add_test ("/cli/import-bad-file", test_import_bad_file);
  add_test ("/cli/import-twice", test_import_twice);
  add_test ("/cli/not-a-database", test_not_a_database);
  add_test ("/cli/read-only", test_read_only);
  add_test ("/cli/locked", test_locked);

  return g_test_run ();
}
