/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "liaison-error.h"
#include "liaison-store-communications.h"
#include "liaison-store-observations-private.h"
#include "liaison-store-private.h"

typedef struct
{
  char         *dir;
  char         *path;
  LiaisonStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("liaison-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "sub", "liaison.db", NULL);
  f->store = liaison_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
add (LiaisonStore *store,
     const char   *client,
     const char   *listener,
     const char   *port,
     const char   *protocol,
     const char   *process)
{
  g_autoptr(GError) error = NULL;
  LiaisonCommunicationInput in = {
    .client_ip = client, .listener_ip = listener, .port = port, .protocol = protocol,
    .client_process_name = process,
  };
  gint64 id = liaison_store_add_communication (store, &in, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* All rows as one line each, in id order: what a user would see. */
static char *
dump (LiaisonStore *store)
{
  LiaisonQuery q = { NULL, LIAISON_COLUMN_ID, FALSE };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = liaison_store_query_page (store, &q, 0, 1000, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      for (guint c = 0; c < LIAISON_N_COLUMNS; c++)
        {
          g_autofree char *v = liaison_communication_dup_column_text (g_ptr_array_index (rows, i), c);
          g_string_append_printf (out, "%s%s", c ? "," : "", v ? v : "-");
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static void
test_open_creates_private_file (Fixture *f, gconstpointer data)
{
  GStatBuf st;
  g_autofree char *dir = g_path_get_dirname (f->path);

  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
}

static void
test_open_wal_and_version (Fixture *f, gconstpointer data)
{
  sqlite3 *db = liaison_store_get_db (f->store);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA foreign_keys", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), >=, 1);
  sqlite3_finalize (stmt);
}

static void
test_open_newer_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) again = NULL;
  g_autofree char *expected = NULL;

  g_assert_true (liaison_store_exec (f->store, "PRAGMA user_version = 999", NULL));
  g_clear_object (&f->store);

  again = liaison_store_open (f->path, &error);
  g_assert_null (again);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_NEWER_DATABASE);
  expected = g_strdup_printf ("%s: this database was written by a newer version of Liaison", f->path);
  g_assert_true (g_str_has_prefix (error->message, expected));
}

static void
test_open_not_a_database (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "notes.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) store = NULL;
  g_autofree char *expected = g_strdup_printf ("%s: not a Liaison database", path);

  g_assert_true (g_file_set_contents (path, "these are not the rows you are looking for\n", -1, NULL));
  store = liaison_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE);
  g_assert_true (g_str_has_prefix (error->message, expected));
}

static void
test_open_foreign_sqlite (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) store = NULL;
  g_autofree char *expected = g_strdup_printf ("%s: this SQLite database was not made by Liaison", path);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = liaison_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_add_and_get (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  LiaisonCommunicationInput in = {
    .client_ip = "::ffff:10.0.0.9", .listener_ip = "[2001:DB8::5]", .port = "443", .protocol = "TCP",
    .client_device = "app01", .listener_device = "web01",
    .client_process_name = "curl", .client_process_display_name = "Nightly fetch",
  };
  gint64 id = liaison_store_add_communication (f->store, &in, &error);
  g_autoptr(LiaisonCommunication) c = NULL;
  g_auto(GStrv) devices = NULL;

  g_assert_no_error (error);
  c = liaison_store_get_communication (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_communication_get_client_ip (c), ==, "10.0.0.9");
  g_assert_cmpstr (liaison_communication_get_listener_ip (c), ==, "2001:db8::5");
  g_assert_cmpuint (liaison_communication_get_port (c), ==, 443);
  g_assert_cmpstr (liaison_communication_get_protocol (c), ==, "tcp");
  g_assert_cmpstr (liaison_communication_get_client_device (c), ==, "app01");
  g_assert_cmpstr (liaison_communication_get_listener_device (c), ==, "web01");
  g_assert_cmpstr (liaison_communication_get_client_process_name (c), ==, "curl");
  g_assert_cmpstr (liaison_communication_get_client_process_display_name (c), ==, "Nightly fetch");
  g_assert_cmpstr (liaison_communication_get_source (c), ==, "manual");
  g_assert_cmpint (liaison_communication_get_first_detected (c), ==, LIAISON_TIME_NONE);

  devices = liaison_store_list_devices (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (devices), ==, 2);
  g_assert_cmpstr (devices[0], ==, "app01");
  g_assert_cmpstr (devices[1], ==, "web01");
}

static void
test_add_invalid (Fixture *f, gconstpointer data)
{
  static const struct { LiaisonCommunicationInput in; const char *message; } cases[] = {
    { { "10.0.0.300", "10.0.0.5", "443", "tcp" }, "“10.0.0.300” is not an IP address" },
    { { "10.0.0.9", "web", "443", "tcp" }, "“web” is not an IP address" },
    { { "10.0.0.9", "10.0.0.5", "0", "tcp" }, "port “0” is not between 1 and 65535" },
    { { "10.0.0.9", "10.0.0.5", "70000", "tcp" }, "port “70000” is not between 1 and 65535" },
    { { "10.0.0.9", "10.0.0.5", "https", "tcp" }, "port “https” is not a number" },
    { { "10.0.0.9", "10.0.0.5", "443", "icmp" }, "protocol “icmp” is not tcp or udp" },
    { { NULL, "10.0.0.5", "443", "tcp" }, "a client IP address is required" },
    { { "10.0.0.9", "10.0.0.5", NULL, "tcp" }, "a port is required" },
    { { "0.0.0.0", "10.0.0.5", "443", "tcp" }, "“0.0.0.0” is not an IP address" },
  };
  g_autofree char *before = dump (f->store);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (liaison_store_add_communication (f->store, &cases[i].in, &error), ==, 0);
      g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  {
    g_autofree char *after = dump (f->store);
    g_assert_cmpstr (before, ==, after);
  }
}

static void
test_add_duplicate (Fixture *f, gconstpointer data)
{
  gint64 first = add (f->store, "10.0.0.9", "10.0.0.5", "443", "tcp", "curl");
  g_autoptr(GError) error = NULL;
  LiaisonCommunicationInput again = { "::ffff:10.0.0.9", "10.0.0.5", "443", "tcp", .client_process_name = "curl" };
  g_autofree char *expected = g_strdup_printf ("service communication 10.0.0.9 → 10.0.0.5:443/tcp from process curl "
                                               "exists already as id %" G_GINT64_FORMAT, first);

  g_assert_cmpint (liaison_store_add_communication (f->store, &again, &error), ==, 0);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE);
  g_assert_cmpstr (error->message, ==, expected);

  /* Another process, or another protocol, is another communication. */
  add (f->store, "10.0.0.9", "10.0.0.5", "443", "tcp", "wget");
  add (f->store, "10.0.0.9", "10.0.0.5", "443", "udp", "curl");
}

static void
test_loopback_scoped_by_device (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  LiaisonCommunicationInput db1 = { "127.0.0.1", "127.0.0.1", "5432", "tcp", .listener_device = "db01" };
  LiaisonCommunicationInput db2 = { "127.0.0.1", "127.0.0.1", "5432", "tcp", .listener_device = "db02" };

  g_assert_cmpint (liaison_store_add_communication (f->store, &db1, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (liaison_store_add_communication (f->store, &db2, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (liaison_store_add_communication (f->store, &db2, &error), ==, 0);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE);
}

static void
test_edit (Fixture *f, gconstpointer data)
{
  gint64 id = add (f->store, "10.0.0.9", "10.0.0.5", "443", "tcp", NULL);
  gint64 other = add (f->store, "10.0.0.9", "10.0.0.5", "8443", "tcp", NULL);
  g_autoptr(GError) error = NULL;
  LiaisonCommunicationInput change = { .port = "8080", .client_device = "app01" };
  LiaisonCommunicationInput clash = { .port = "8443" };
  LiaisonCommunicationInput clear = { .client_device = "" };
  g_autoptr(LiaisonCommunication) c = NULL;
  g_autoptr(LiaisonCommunication) d = NULL;
  g_autofree char *expected = g_strdup_printf ("service communication 10.0.0.9 → 10.0.0.5:8443/tcp exists already as id %"
                                               G_GINT64_FORMAT, other);

  g_assert_true (liaison_store_edit_communication (f->store, id, &change, &error));
  g_assert_no_error (error);
  c = liaison_store_get_communication (f->store, id, &error);
  g_assert_cmpuint (liaison_communication_get_port (c), ==, 8080);
  g_assert_cmpstr (liaison_communication_get_client_device (c), ==, "app01");
  g_assert_cmpstr (liaison_communication_get_listener_ip (c), ==, "10.0.0.5");

  g_assert_false (liaison_store_edit_communication (f->store, id, &clash, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  g_assert_true (liaison_store_edit_communication (f->store, id, &clear, &error));
  d = liaison_store_get_communication (f->store, id, &error);
  g_assert_null (liaison_communication_get_client_device (d));

  g_assert_false (liaison_store_edit_communication (f->store, 9999, &clear, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "there is no service communication with id 9999");
}

static void
test_delete_and_undo (Fixture *f, gconstpointer data)
{
  gint64 a = add (f->store, "10.0.0.1", "10.0.0.5", "443", "tcp", "curl");
  gint64 b = add (f->store, "10.0.0.2", "10.0.0.5", "443", "tcp", NULL);
  gint64 c = add (f->store, "10.0.0.3", "10.0.0.5", "443", "tcp", NULL);
  gint64 ids[] = { a, c };
  g_autofree char *before = dump (f->store);
  g_autoptr(LiaisonDeletion) deletion = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  g_autofree char *restored = NULL;
  gint64 d;

  /* Classic statistics go with their row and come back with it. */
  g_assert_true (liaison_store_exec (f->store,
                                     "INSERT INTO classic_stat VALUES (1, 'app01', 4, 2, 3, 1000, 2000)", NULL));

  g_assert_true (liaison_store_delete_communications (f->store, ids, 2, &deletion, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (liaison_deletion_get_count (deletion), ==, 2);
  g_assert_cmpint (liaison_store_count_communications (f->store, NULL), ==, 1);
  after = dump (f->store);
  g_assert_true (strstr (after, "10.0.0.2") != NULL);
  g_assert_null (strstr (after, "10.0.0.1,"));

  /* A new row never takes a deleted row's id. */
  d = add (f->store, "10.0.0.4", "10.0.0.5", "443", "tcp", NULL);
  g_assert_cmpint (d, >, c);
  g_assert_cmpint (b, <, c);

  g_assert_true (liaison_store_restore_deletion (f->store, deletion, &error));
  g_assert_no_error (error);
  {
    LiaisonCommunicationInput none = { 0 };
    gint64 dd[] = { d };
    g_assert_true (liaison_store_delete_communications (f->store, dd, 1, NULL, &error));
    g_assert_no_error (error);
    (void) none;
  }
  restored = dump (f->store);
  g_assert_cmpstr (restored, ==, before);

  {
    sqlite3_stmt *stmt = NULL;
    sqlite3_prepare_v2 (liaison_store_get_db (f->store),
                        "SELECT total_samples, active_samples FROM classic_stat WHERE communication_id = 1", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 4);
    g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 2);
    sqlite3_finalize (stmt);
  }

  /* Deleting a row that does not exist changes nothing. */
  {
    gint64 missing[] = { a, 424242 };
    g_assert_false (liaison_store_delete_communications (f->store, missing, 2, NULL, &error));
    g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND);
    g_assert_cmpint (liaison_store_count_communications (f->store, NULL), ==, 3);
  }
}

static void
test_set_devices (Fixture *f, gconstpointer data)
{
  gint64 a = add (f->store, "10.0.0.1", "10.0.0.5", "443", "tcp", NULL);
  gint64 b = add (f->store, "10.0.0.2", "10.0.0.5", "443", "tcp", NULL);
  gint64 ids[] = { a, b };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_true (liaison_store_set_devices (f->store, ids, 2, LIAISON_COLUMN_LISTENER_DEVICE, "web01", &error));
  g_assert_no_error (error);
  rows = liaison_store_get_communications (f->store, ids, 2, &error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (liaison_communication_get_listener_device (g_ptr_array_index (rows, 0)), ==, "web01");
  g_assert_cmpstr (liaison_communication_get_listener_device (g_ptr_array_index (rows, 1)), ==, "web01");
}

static void
check_ids (LiaisonStore *store, const char *search, LiaisonColumn sort, gboolean desc,
           const gint64 *expected, guint n)
{
  LiaisonQuery q = { search, sort, desc };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = liaison_store_query_ids (store, &q, &error);
  g_autoptr(GPtrArray) page = liaison_store_query_page (store, &q, 0, 100, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, n);
  g_assert_cmpuint (page->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpint (g_array_index (ids, gint64, i), ==, expected[i]);
      g_assert_cmpint (liaison_communication_get_id (g_ptr_array_index (page, i)), ==, expected[i]);
    }
}

static void
test_query (Fixture *f, gconstpointer data)
{
  gint64 a = add (f->store, "10.0.0.10", "10.0.0.5", "443", "tcp", "Firefox");
  gint64 b = add (f->store, "10.0.0.2", "10.0.0.5", "22", "tcp", "ssh");
  gint64 c = add (f->store, "2001:db8::1", "10.0.0.6", "53", "udp", NULL);
  gint64 d = add (f->store, "9.9.9.9", "10.0.0.6", "5432", "tcp", "psql");

  /* Addresses sort numerically, IPv4 before IPv6; ties by id. */
  check_ids (f->store, NULL, LIAISON_COLUMN_CLIENT_IP, FALSE, (gint64[]) { d, b, a, c }, 4);
  check_ids (f->store, NULL, LIAISON_COLUMN_CLIENT_IP, TRUE, (gint64[]) { c, a, b, d }, 4);
  check_ids (f->store, NULL, LIAISON_COLUMN_PORT, FALSE, (gint64[]) { b, c, a, d }, 4);
  check_ids (f->store, NULL, LIAISON_COLUMN_LISTENER_IP, FALSE, (gint64[]) { a, b, c, d }, 4);
  check_ids (f->store, NULL, LIAISON_COLUMN_PROTOCOL, TRUE, (gint64[]) { c, d, b, a }, 4);

  /* Case-insensitive substring, through the index (3+ characters) and by scan. */
  check_ids (f->store, "FIRE", LIAISON_COLUMN_ID, FALSE, (gint64[]) { a }, 1);
  check_ids (f->store, "efo", LIAISON_COLUMN_ID, FALSE, (gint64[]) { a }, 1);
  check_ids (f->store, "db8", LIAISON_COLUMN_ID, FALSE, (gint64[]) { c }, 1);
  check_ids (f->store, "10.0.0.6", LIAISON_COLUMN_ID, TRUE, (gint64[]) { d, c }, 2);
  check_ids (f->store, "543", LIAISON_COLUMN_ID, FALSE, (gint64[]) { d }, 1);
  check_ids (f->store, "UD", LIAISON_COLUMN_ID, FALSE, (gint64[]) { c }, 1);
  check_ids (f->store, "43", LIAISON_COLUMN_ID, FALSE, (gint64[]) { a, d }, 2);
  check_ids (f->store, "Db", LIAISON_COLUMN_ID, FALSE, (gint64[]) { c }, 1);
  check_ids (f->store, "s", LIAISON_COLUMN_PORT, FALSE, (gint64[]) { b, d }, 2);
  check_ids (f->store, "%", LIAISON_COLUMN_ID, FALSE, NULL, 0);
  check_ids (f->store, "\"quoted\"", LIAISON_COLUMN_ID, FALSE, NULL, 0);
  check_ids (f->store, "manual", LIAISON_COLUMN_ID, FALSE, (gint64[]) { a, b, c, d }, 4);
}

static void
test_query_dense_search (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  LiaisonQuery q = { "10.1.", LIAISON_COLUMN_PORT, TRUE };
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) page = NULL;

  /* More matches than the index plan takes: the scan plan must agree. */
  g_assert_true (liaison_store_begin (f->store, NULL));
  for (guint i = 0; i < 25000; i++)
    {
      g_autofree char *client = g_strdup_printf ("10.%u.%u.%u", 1 + i % 2, (i / 256) % 256, i % 256);
      g_autofree char *port = g_strdup_printf ("%u", 1 + i % 60000);
      LiaisonCommunicationInput in = { client, "10.9.9.9", port, "tcp" };
      g_assert_cmpint (liaison_store_add_communication (f->store, &in, &error), >, 0);
    }
  g_assert_true (liaison_store_commit (f->store, NULL));

  ids = liaison_store_query_ids (f->store, &q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 12500);
  page = liaison_store_query_page (f->store, &q, 0, 3, &error);
  g_assert_cmpuint (page->len, ==, 3);
  g_assert_cmpuint (liaison_communication_get_port (g_ptr_array_index (page, 0)), ==, 24999);
  g_assert_cmpstr (liaison_communication_get_client_ip (g_ptr_array_index (page, 0)), ==, "10.1.97.166");
  g_assert_cmpuint (liaison_communication_get_port (g_ptr_array_index (page, 1)), ==, 24997);

  /* Two characters, too short for the index, in every row ("10.9.9.9"):
   * the page walks the sort order, every id comes from one sweep. */
  {
    LiaisonQuery short_query = { "9.", LIAISON_COLUMN_PORT, TRUE };
    g_autoptr(GArray) all = liaison_store_query_ids (f->store, &short_query, &error);
    g_autoptr(GPtrArray) first = liaison_store_query_page (f->store, &short_query, 0, 2, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (all->len, ==, 25000);
    g_assert_cmpuint (first->len, ==, 2);
    g_assert_cmpuint (liaison_communication_get_port (g_ptr_array_index (first, 0)), ==, 25000);
    g_assert_cmpstr (liaison_communication_get_client_ip (g_ptr_array_index (first, 0)), ==, "10.2.97.167");
    g_assert_cmpint (g_array_index (all, gint64, 0), ==, liaison_communication_get_id (g_ptr_array_index (first, 0)));
    g_assert_cmpint (g_array_index (all, gint64, 1), ==, liaison_communication_get_id (g_ptr_array_index (first, 1)));
  }
}

static void
observe (LiaisonStore *store, const char *client, const char *listener, guint port,
         const char *process, const char *client_device, const char *listener_device,
         const char *scope, LiaisonTime t)
{
  g_autoptr(GError) error = NULL;
  LiaisonObservation o = {
    client, listener, port, "tcp", process, client_device, listener_device, scope, t, t, "netstat",
  };

  g_assert_true (liaison_store_begin (store, &error));
  g_assert_true (liaison_store_observe_communication (store, &o, &error));
  g_assert_no_error (error);
  g_assert_true (liaison_store_commit (store, &error));
}

static void
test_observe_merge_rule (Fixture *f, gconstpointer data)
{
  g_autofree char *text = NULL;

  /* Unknown process: one row. */
  observe (f->store, "10.0.0.9", "10.0.0.5", 443, NULL, NULL, "web01", NULL, 1000);
  /* A known process fills in the unknown row instead of adding one. */
  observe (f->store, "10.0.0.9", "10.0.0.5", 443, "curl", "app01", NULL, NULL, 2000);
  /* Another process makes its own row. */
  observe (f->store, "10.0.0.9", "10.0.0.5", 443, "wget", "app01", NULL, NULL, 3000);
  /* Unknown again updates every row of the conversation and adds none. */
  observe (f->store, "10.0.0.9", "10.0.0.5", 443, NULL, NULL, "web01", NULL, 4000);

  text = dump (f->store);
  g_assert_cmpstr (text, ==,
                   "1,10.0.0.9,app01,10.0.0.5,web01,443,tcp,curl,-,1970-01-01T00:00:01Z,1970-01-01T00:00:04Z,netstat\n"
                   "2,10.0.0.9,app01,10.0.0.5,web01,443,tcp,wget,-,1970-01-01T00:00:03Z,1970-01-01T00:00:04Z,netstat\n");
}

static void
test_observe_keeps_user_values (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  LiaisonCommunicationInput in = { "10.0.0.9", "10.0.0.5", "443", "tcp", .listener_device = "frontend" };
  gint64 id = liaison_store_add_communication (f->store, &in, &error);
  g_autoptr(LiaisonCommunication) c = NULL;

  observe (f->store, "10.0.0.9", "10.0.0.5", 443, NULL, "app01", "web01", NULL, 5000);
  c = liaison_store_get_communication (f->store, id, &error);
  g_assert_cmpstr (liaison_communication_get_listener_device (c), ==, "frontend");
  g_assert_cmpstr (liaison_communication_get_client_device (c), ==, "app01");
  g_assert_cmpint (liaison_communication_get_last_detected (c), ==, 5000);
  g_assert_cmpstr (liaison_communication_get_source (c), ==, "manual");
}

static void
test_observe_loopback_hosts (Fixture *f, gconstpointer data)
{
  observe (f->store, "127.0.0.1", "127.0.0.1", 5432, NULL, NULL, "db01", "db01", 1000);
  observe (f->store, "127.0.0.1", "127.0.0.1", 5432, NULL, NULL, "db02", "db02", 1000);
  observe (f->store, "127.0.0.1", "127.0.0.1", 5432, NULL, NULL, "db01", "db01", 2000);
  g_assert_cmpint (liaison_store_count_communications (f->store, NULL), ==, 2);
}

static void
test_nested_rollback (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  LiaisonCommunicationInput ok = { "10.0.0.1", "10.0.0.5", "443", "tcp" };

  g_assert_true (liaison_store_begin (f->store, &error));
  g_assert_cmpint (liaison_store_add_communication (f->store, &ok, &error), >, 0);
  /* A failing add inside rolls back only itself. */
  g_assert_cmpint (liaison_store_add_communication (f->store, &ok, &error), ==, 0);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE);
  g_assert_cmpint (liaison_store_count_communications (f->store, NULL), ==, 1);
  liaison_store_rollback (f->store);
  g_assert_cmpint (liaison_store_count_communications (f->store, NULL), ==, 0);
}

static void
test_search_follows_changes (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonDeletion) deletion = NULL;
  gint64 kept = add (f->store, "10.0.0.1", "10.0.0.5", "443", "tcp", "keeper");
  gint64 gone = 0, fresh = 0;
  LiaisonCommunicationInput rename = { .client_device = "renamed-host" };

  /* Added, changed and deleted inside one transaction. */
  g_assert_true (liaison_store_begin (f->store, &error));
  gone = add (f->store, "10.0.0.2", "10.0.0.5", "443", "tcp", "goner");
  fresh = add (f->store, "10.0.0.3", "10.0.0.5", "443", "tcp", "freshling");
  g_assert_true (liaison_store_edit_communication (f->store, kept, &rename, &error));
  g_assert_true (liaison_store_delete_communications (f->store, &gone, 1, &deletion, &error));
  g_assert_true (liaison_store_commit (f->store, &error));
  g_assert_no_error (error);

  check_ids (f->store, "freshling", LIAISON_COLUMN_ID, FALSE, (gint64[]) { fresh }, 1);
  check_ids (f->store, "renamed-host", LIAISON_COLUMN_ID, FALSE, (gint64[]) { kept }, 1);
  check_ids (f->store, "goner", LIAISON_COLUMN_ID, FALSE, NULL, 0);

  /* A restored row is found again. */
  g_assert_true (liaison_store_restore_deletion (f->store, deletion, &error));
  g_assert_no_error (error);
  check_ids (f->store, "goner", LIAISON_COLUMN_ID, FALSE, (gint64[]) { gone }, 1);

  /* Rows indexed before the transaction: changed twice, by hand and by a
   * device set on them, and deleted; each found by its new values only. */
  {
    LiaisonCommunicationInput first = { .client_process_name = "firstname" };
    LiaisonCommunicationInput second = { .client_process_name = "secondname" };

    g_assert_true (liaison_store_begin (f->store, &error));
    g_assert_true (liaison_store_edit_communication (f->store, kept, &first, &error));
    g_assert_true (liaison_store_edit_communication (f->store, kept, &second, &error));
    g_assert_true (liaison_store_set_devices (f->store, &kept, 1, LIAISON_COLUMN_CLIENT_DEVICE, "other-host", &error));
    g_assert_true (liaison_store_delete_communications (f->store, &fresh, 1, NULL, &error));
    g_assert_true (liaison_store_commit (f->store, &error));
    g_assert_no_error (error);

    check_ids (f->store, "keeper", LIAISON_COLUMN_ID, FALSE, NULL, 0);
    check_ids (f->store, "firstname", LIAISON_COLUMN_ID, FALSE, NULL, 0);
    check_ids (f->store, "secondname", LIAISON_COLUMN_ID, FALSE, (gint64[]) { kept }, 1);
    check_ids (f->store, "renamed-host", LIAISON_COLUMN_ID, FALSE, NULL, 0);
    check_ids (f->store, "other-host", LIAISON_COLUMN_ID, FALSE, (gint64[]) { kept }, 1);
    check_ids (f->store, "freshling", LIAISON_COLUMN_ID, FALSE, NULL, 0);
    check_ids (f->store, "10.0.0.", LIAISON_COLUMN_ID, FALSE, (gint64[]) { kept, gone }, 2);
  }

  /* A change rolled back leaves the index as it was. */
  {
    LiaisonCommunicationInput third = { .client_process_name = "thirdname" };

    g_assert_true (liaison_store_begin (f->store, &error));
    g_assert_true (liaison_store_edit_communication (f->store, kept, &third, &error));
    g_assert_true (liaison_store_delete_communications (f->store, &gone, 1, NULL, &error));
    liaison_store_rollback (f->store);

    check_ids (f->store, "thirdname", LIAISON_COLUMN_ID, FALSE, NULL, 0);
    check_ids (f->store, "secondname", LIAISON_COLUMN_ID, FALSE, (gint64[]) { kept }, 1);
    check_ids (f->store, "goner", LIAISON_COLUMN_ID, FALSE, (gint64[]) { gone }, 1);
  }

  /* And the index is whole. */
  g_assert_true (liaison_store_exec (f->store,
                                     "INSERT INTO communication_search (communication_search, rank)"
                                     " VALUES ('integrity-check', 0)",
                                     &error));
  g_assert_no_error (error);
}

static void
test_device_after_rollback (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) devices = NULL;
  LiaisonCommunicationInput in = { "10.0.0.1", "10.0.0.5", "443", "tcp", .client_device = "phantom" };

  /* A device made in a transaction that is rolled back is made again later. */
  g_assert_true (liaison_store_begin (f->store, &error));
  g_assert_cmpint (liaison_store_add_communication (f->store, &in, &error), >, 0);
  liaison_store_rollback (f->store);

  g_assert_cmpint (liaison_store_add_communication (f->store, &in, &error), >, 0);
  g_assert_no_error (error);
  devices = liaison_store_list_devices (f->store, &error);
  g_assert_cmpuint (g_strv_length (devices), ==, 1);
  g_assert_cmpstr (devices[0], ==, "phantom");
}

/* Another connection to an open database never makes a new one. */
static void
test_open_existing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *gone = g_build_filename (f->dir, "moved-away.db", NULL);
  g_autoptr(LiaisonStore) again = liaison_store_open_existing (f->path, &error);
  g_autoptr(LiaisonStore) missing = NULL;
  g_autofree char *expected = g_strdup_printf ("%s: the database is gone (moved or deleted)", gone);

  g_assert_no_error (error);
  g_assert_nonnull (again);

  missing = liaison_store_open_existing (gone, &error);
  g_assert_null (missing);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_false (g_file_test (gone, G_FILE_TEST_EXISTS));
}

static void
test_query_cancelled (Fixture *f, gconstpointer data)
{
  LiaisonQuery query = { "10.1.0.", LIAISON_COLUMN_ID, FALSE };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;

  /* Enough rows for the query to outlast the connection's first check. */
  g_assert_true (liaison_store_begin (f->store, &error));
  for (guint i = 0; i < 500; i++)
    {
      char client[32];

      g_snprintf (client, sizeof client, "10.1.%u.%u", i / 250, 1 + i % 250);
      add (f->store, client, "10.0.0.5", "443", "tcp", NULL);
    }
  g_assert_true (liaison_store_commit (f->store, &error));

  /* A cancellable not cancelled changes nothing. */
  liaison_store_set_cancellable (f->store, cancellable);
  ids = liaison_store_query_ids (f->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 250);
  g_clear_pointer (&ids, g_array_unref);

  /* Once cancelled, a query stops with an error and returns nothing... */
  g_cancellable_cancel (cancellable);
  ids = liaison_store_query_ids (f->store, &query, &error);
  g_assert_null (ids);
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* ...until the connection is given no cancellable again. */
  liaison_store_set_cancellable (f->store, NULL);
  ids = liaison_store_query_ids (f->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 250);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/open/private-file", test_open_creates_private_file);
  ADD ("/store/open/wal-and-version", test_open_wal_and_version);
  ADD ("/store/open/newer-refused", test_open_newer_refused);
  ADD ("/store/open/not-a-database", test_open_not_a_database);
  ADD ("/store/open/foreign-sqlite", test_open_foreign_sqlite);
  ADD ("/store/open/existing", test_open_existing);
  ADD ("/store/communication/add-and-get", test_add_and_get);
  ADD ("/store/communication/add-invalid", test_add_invalid);
  ADD ("/store/communication/add-duplicate", test_add_duplicate);
  ADD ("/store/communication/loopback-scoped", test_loopback_scoped_by_device);
  ADD ("/store/communication/edit", test_edit);
  ADD ("/store/communication/delete-and-undo", test_delete_and_undo);
  ADD ("/store/communication/set-devices", test_set_devices);
  ADD ("/store/query/sort-and-search", test_query);
  ADD ("/store/query/dense-search", test_query_dense_search);
  ADD ("/store/query/cancelled", test_query_cancelled);
  ADD ("/store/observe/merge-rule", test_observe_merge_rule);
  ADD ("/store/observe/keeps-user-values", test_observe_keeps_user_values);
  ADD ("/store/observe/loopback-hosts", test_observe_loopback_hosts);
  ADD ("/store/transaction/nested-rollback", test_nested_rollback);
  ADD ("/store/transaction/search-follows-changes", test_search_follows_changes);
  ADD ("/store/transaction/device-after-rollback", test_device_after_rollback);
#undef ADD

  return g_test_run ();
}
