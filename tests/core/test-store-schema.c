/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "liaison-store-communications.h"
#include "liaison-store-private.h"
#include "liaison-test-fixture.h"

/*
 * The schema's indexes as a new database has them, and as a database made
 * before has them (liaison-store-schema.c): the same rows in the same order,
 * each read in an index's order rather than sorted; and the search index
 * without the columns of a few words, of values rather than rows.
 */

/* The indexes a database made before has, where a new one has others. */
static const char made_before[] =
  "DROP INDEX communication_by_listener_key;"
  "DROP INDEX communication_by_client_device;"
  "DROP INDEX communication_by_listener_device;"
  "DROP INDEX communication_by_port;"
  "DROP INDEX communication_by_protocol;"
  "DROP INDEX communication_by_process;"
  "DROP INDEX communication_by_display_name;"
  "DROP INDEX communication_by_first_detected;"
  "DROP INDEX communication_by_last_detected;"
  "DROP INDEX communication_by_source;"
  "DROP INDEX communication_by_client_key;"
  "DROP INDEX stat_record_by_host;"
  "CREATE INDEX communication_by_listener_key ON communication (listener_key, id);"
  "CREATE INDEX communication_by_client_device ON communication (client_device, id);"
  "CREATE INDEX communication_by_listener_device ON communication (listener_device, id);"
  "CREATE INDEX communication_by_port ON communication (port, id);"
  "CREATE INDEX communication_by_protocol ON communication (protocol, id);"
  "CREATE INDEX communication_by_process ON communication (client_process_name, id);"
  "CREATE INDEX communication_by_display_name ON communication (client_process_display_name, id);"
  "CREATE INDEX communication_by_first_detected ON communication (first_detected, id);"
  "CREATE INDEX communication_by_last_detected ON communication (last_detected, id);"
  "CREATE INDEX communication_by_source ON communication (source, id);"
  "CREATE INDEX communication_by_client_key ON communication (client_key, id);"
  "CREATE INDEX stat_record_by_host ON stat_record (ns_host, port, protocol);";

static void
keep_statement (const char *sql,
                gpointer    data)
{
  g_ptr_array_add (data, g_strdup (sql));
}

/* What SQLite does for @sql, one step a line. */
static char *
plan_of (LiaisonStore *store,
         const char   *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  sqlite3 *db = liaison_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  GString *plan = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (db, explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  return g_string_free (plan, FALSE);
}

/* A first page of every sort, each way: its ids, one sort a line. Each
 * page is read in its index's order, never sorted. */
static char *
pages_of_every_sort (LiaisonStore *store)
{
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func (g_free);
  GString *pages = g_string_new (NULL);

  liaison_store_set_statement_hook (store, keep_statement, statements);
  for (guint column = 0; column < LIAISON_N_COLUMNS; column++)
    for (guint descending = 0; descending < 2; descending++)
      {
        LiaisonQuery query = { NULL, column, descending };
        g_autoptr(GError) error = NULL;
        g_autoptr(GPtrArray) page = NULL;
        g_autofree char *plan = NULL;
        const char *sql;

        g_ptr_array_set_size (statements, 0);
        page = liaison_store_query_page (store, &query, 0, 100, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (statements->len, ==, 1);
        sql = g_ptr_array_index (statements, 0);
        g_assert_nonnull (strstr (sql, "ORDER BY"));
        plan = plan_of (store, sql);
        if (strstr (plan, "TEMP B-TREE") != NULL)
          g_error ("sort %u%s is sorted, not read in order:\n%s%s", column, descending ? " desc" : "", sql, plan);

        g_string_append_printf (pages, "%u%s:", column, descending ? " desc" : "");
        for (guint i = 0; i < page->len; i++)
          g_string_append_printf (pages, " %" G_GINT64_FORMAT,
                                  liaison_communication_get_id (g_ptr_array_index (page, i)));
        g_string_append_c (pages, '\n');
      }
  liaison_store_set_statement_hook (store, NULL, NULL);
  return g_string_free (pages, FALSE);
}

/* Rows with ties and NULL in every sorted column: flows (no device, no
 * display name, one protocol), netstat's (a host, processes) and some by
 * hand. */
static void
add_tied_rows (LiaisonTestFixture *f)
{
  g_autoptr(GError) error = NULL;

  liaison_test_import_netflow_text (f, 60, liaison_test_seed_files[0]);
  liaison_test_import_netstat_text (f, "web01", "2026-11-20T00:00:00Z", liaison_test_web01_friday);
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *client = g_strdup_printf ("10.9.0.%u", i % 4 + 1);
      g_autofree char *listener = g_strdup_printf ("10.9.1.%u", i / 4 + 1);
      LiaisonCommunicationInput in = {
        .client_ip = client, .listener_ip = listener, .port = i % 2 ? "443" : "53",
        .protocol = i % 3 ? "tcp" : "udp", .client_process_name = i % 2 ? "curl" : NULL,
        .client_device = i % 3 ? "app-1" : NULL, .listener_device = i % 4 ? NULL : "db-1",
        .client_process_display_name = i % 5 ? NULL : "Backup",
      };

      g_assert_cmpint (liaison_store_add_communication (f->store, &in, &error), >, 0);
      g_assert_no_error (error);
    }
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM communication"), ==, 17);
}

/* A new database's sorts' indexes name only their column (SQLite ends each
 * entry with the row's id): every sort reads one in order, and gives the
 * same pages as a database made before, whose indexes name the id. */
static void
test_sort_indexes (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autofree char *pages = NULL;
  g_autofree char *pages_before = NULL;
  g_autofree char *integrity = NULL;

  g_assert_cmpint (liaison_test_query_int (f->store,
                                           "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
                                           " AND name LIKE 'communication\\_by\\_%' ESCAPE '\\'"), ==, 11);
  g_assert_cmpint (liaison_test_query_int (f->store,
                                           "SELECT count(*) FROM sqlite_schema AS s, pragma_index_info (s.name)"
                                           " WHERE s.type = 'index' AND s.name LIKE 'communication\\_by\\_%' ESCAPE '\\'"),
                   ==, 11);

  add_tied_rows (f);
  pages = pages_of_every_sort (f->store);

  g_assert_true (liaison_store_exec (f->store, made_before, NULL));
  g_assert_cmpint (liaison_test_query_int (f->store,
                                           "SELECT count(*) FROM sqlite_schema AS s, pragma_index_info (s.name)"
                                           " WHERE s.type = 'index' AND s.name LIKE 'communication\\_by\\_%' ESCAPE '\\'"),
                   ==, 22);
  pages_before = pages_of_every_sort (f->store);
  g_assert_cmpstr (pages, ==, pages_before);

  /* and a database made before takes an import as it did */
  liaison_test_import_netflow_text (f, 60, liaison_test_seed_files[1]);
  integrity = liaison_test_query_text (f->store, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
}

/* The records of a host's netstat samples are found by its index, which
 * holds no record of flows (they have no host). */
static void
test_records_by_host (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func (g_free);
  guint by_host = 0;

  liaison_test_import_netflow_text (f, 60, LIAISON_TEST_CSV_HEADER
                                    "2026-11-27T00:01:15Z,,10.7.0.9,51001,10.7.0.5,443,tcp\n"
                                    "2026-11-27T00:01:45Z,,10.7.0.8,51002,10.7.0.5,443,tcp\n");
  liaison_test_import_netstat_text (f, "web01", "2026-11-20T00:00:00Z", liaison_test_web01_friday);
  liaison_store_set_statement_hook (f->store, keep_statement, statements);
  liaison_test_import_netstat_text (f, "web01", "2026-11-21T00:00:00Z", liaison_test_web01_saturday);
  liaison_store_set_statement_hook (f->store, NULL, NULL);

  for (guint i = 0; i < statements->len; i++)
    {
      const char *sql = g_ptr_array_index (statements, i);
      g_autofree char *plan = NULL;

      if (strstr (sql, "ns_host = ?1") == NULL)
        continue;
      plan = plan_of (f->store, sql);
      if (strstr (plan, "USING INDEX stat_record_by_host") == NULL)
        g_error ("not by the host's index:\n%s\n%s", sql, plan);
      by_host++;
    }
  g_assert_cmpuint (by_host, >, 0);

  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM stat_record WHERE ns_host IS NULL"), ==, 2);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM stat_record WHERE ns_host = 'web01'"), >, 0);
  g_assert_cmpint (liaison_test_query_int (f->store,
                                           "SELECT count(*) FROM stat_record INDEXED BY stat_record_by_host"
                                           " WHERE ns_host >= ''"),
                   ==,
                   liaison_test_query_int (f->store, "SELECT count(*) FROM stat_record WHERE ns_host IS NOT NULL"));
  g_assert_cmpint (liaison_test_query_int (f->store,
                                           "SELECT partial FROM pragma_index_list ('stat_record')"
                                           " WHERE name = 'stat_record_by_host'"), ==, 1);
}

/* The source and the protocol are not in the trigram index (schema version
 * 7): a search that one of their words holds finds the rows by that
 * column's own index, a few among many or most of them, of any length. */
static void
test_search_words (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) flows = g_string_new (LIAISON_TEST_CSV_HEADER);
  g_autoptr(GArray) all = NULL;
  LiaisonQuery every = { "flow", LIAISON_COLUMN_ID, FALSE };
  g_autoptr(GError) error = NULL;
  gint64 manual[3];
  gboolean by_index = FALSE;

  for (guint i = 0; i < 600; i++)
    g_string_append_printf (flows, "2026-11-27T00:01:15Z,,10.7.%u.%u,51001,10.8.0.5,53,udp\n", i / 200, i % 200);
  liaison_test_import_netflow_text (f, 60, flows->str);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *client = g_strdup_printf ("10.5.0.%u", i + 1);

      manual[i] = liaison_test_add (f->store, client, "10.5.1.1", "8080", "tcp", NULL);
    }

  liaison_store_set_statement_hook (f->store, keep_statement, statements);
  liaison_test_assert_ids (f->store, "manu", LIAISON_COLUMN_ID, FALSE, manual, 3);
  liaison_store_set_statement_hook (f->store, NULL, NULL);
  for (guint i = 0; i < statements->len; i++)
    by_index |= strstr (g_ptr_array_index (statements, i), "MATCH") != NULL &&
                strstr (g_ptr_array_index (statements, i), "source IN") != NULL;
  g_assert_true (liaison_test_on_server () || by_index);

  liaison_test_assert_ids (f->store, "TCP", LIAISON_COLUMN_PORT, FALSE, manual, 3);
  liaison_test_assert_ids (f->store, "ual", LIAISON_COLUMN_ID, TRUE, (gint64[]) { manual[2], manual[1], manual[0] }, 3);
  liaison_test_assert_ids (f->store, "tc", LIAISON_COLUMN_ID, FALSE, manual, 3);
  liaison_test_assert_ids (f->store, "anual", LIAISON_COLUMN_ID, FALSE, manual, 3);
  liaison_test_assert_ids (f->store, "manual tcp", LIAISON_COLUMN_ID, FALSE, NULL, 0);
  all = liaison_store_query_ids (f->store, &every, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 600);
  every.search = "Udp";
  g_clear_pointer (&all, g_array_unref);
  all = liaison_store_query_ids (f->store, &every, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 600);
}

/* The search index holds each distinct value once (schema version 8): an
 * address and a device named as that address are two values, and a search
 * finds the rows of each through its own column; rows that bring values
 * the index holds add only their new ones; a row's changed value is found. */
static void
test_search_values (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  LiaisonCommunicationInput named = {
    .client_ip = "10.5.5.5", .listener_ip = "10.6.6.6", .port = "8443", .protocol = "tcp",
    .client_device = "10.0.0.1",
  };
  gint64 by_address, by_name, other, values;
  gboolean by_index = FALSE;

  /* In one transaction: both values go in at its commit. */
  g_assert_true (liaison_store_begin (f->store, &error));
  by_address = liaison_test_add (f->store, "10.0.0.1", "10.0.0.2", "443", "tcp", NULL);
  by_name = liaison_store_add_communication (f->store, &named, &error);
  g_assert_no_error (error);
  g_assert_true (liaison_store_commit (f->store, &error));
  liaison_store_set_statement_hook (f->store, keep_statement, statements);
  liaison_test_assert_ids (f->store, "10.0.0.1", LIAISON_COLUMN_ID, FALSE, (gint64[]) { by_address, by_name }, 2);
  liaison_store_set_statement_hook (f->store, NULL, NULL);
  for (guint i = 0; i < statements->len; i++)
    by_index |= strstr (g_ptr_array_index (statements, i), "search_value_index MATCH") != NULL;
  g_assert_true (liaison_test_on_server () || by_index);
  liaison_test_assert_ids (f->store, "0.0.1", LIAISON_COLUMN_ID, TRUE, (gint64[]) { by_name, by_address }, 2);
  liaison_test_assert_ids (f->store, "443", LIAISON_COLUMN_ID, FALSE, (gint64[]) { by_address, by_name }, 2);
  liaison_test_assert_ids (f->store, "84", LIAISON_COLUMN_ID, FALSE, (gint64[]) { by_name }, 1);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM search_value WHERE value = '10.0.0.1'"), ==, 2);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM search_value WHERE value = '443'"), ==, 1);

  /* Only the port is new. */
  values = liaison_test_query_int (f->store, "SELECT count(*) FROM search_value");
  other = liaison_test_add (f->store, "10.0.0.1", "10.0.0.2", "80", "tcp", NULL);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM search_value"), ==, values + 1);

  named.client_device = "edge-7";
  g_assert_true (liaison_store_edit_communication (f->store, by_name, &named, &error));
  g_assert_no_error (error);
  liaison_test_assert_ids (f->store, "EDGE", LIAISON_COLUMN_ID, FALSE, (gint64[]) { by_name }, 1);
  liaison_test_assert_ids (f->store, "10.0.0.1", LIAISON_COLUMN_ID, FALSE, (gint64[]) { by_address, other }, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  liaison_test_add_file_func ("/store/schema/sort-indexes", test_sort_indexes);
  liaison_test_add_file_func ("/store/schema/records-by-host", test_records_by_host);
  g_test_add_func ("/store/schema/search-words", test_search_words);
  g_test_add_func ("/store/schema/search-values", test_search_values);

  return g_test_run ();
}
