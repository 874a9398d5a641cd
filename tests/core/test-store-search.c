/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "liaison-error.h"
#include "liaison-store-communications.h"
#include "liaison-store-observations-private.h"
#include "liaison-store-private.h"
#include "liaison-store-schema-private.h"
#include "liaison-store-server.h"
#include "liaison-test-fixture.h"
#include "liaison-test-pg.h"

/*
 * The list's search, held against a brute-force reading of every row: a
 * search matches a row when any of its nine text columns contains it,
 * ignoring the case of ASCII letters. Each search's ids and first pages,
 * under several sorts, must be exactly the rows of the sort order that
 * match, whatever way the store finds them.
 */

#define N_SEARCHED 9

typedef struct
{
  gint64  id;
  char   *values[N_SEARCHED];       /* NULL for a NULL column */
} Row;

static void
row_clear (gpointer data)
{
  Row *row = data;

  for (guint i = 0; i < N_SEARCHED; i++)
    g_free (row->values[i]);
}

/* Rows, in id order. */
static GArray *
rows_new (void)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (Row));

  g_array_set_clear_func (rows, row_clear);
  return rows;
}

/* Every row's searched columns, read straight from the table. */
static void
load_rows (LiaisonTestFixture *f,
           GArray             *rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStmt) stmt = liaison_store_prepare (f->store,
                                                       "SELECT id, client_ip, client_device, listener_ip, listener_device, port,"
                                                       " protocol, client_process_name, client_process_display_name, source"
                                                       " FROM communication ORDER BY id",
                                                       &error);

  g_assert_no_error (error);
  g_array_set_size (rows, 0);
  while (liaison_stmt_step (stmt) == LIAISON_ROW)
    {
      Row row = { liaison_stmt_column_int64 (stmt, 0) };

      for (guint i = 0; i < N_SEARCHED; i++)
        if (liaison_stmt_column_type (stmt, i + 1) != LIAISON_NULL)
          row.values[i] = g_strdup ((const char *) liaison_stmt_column_text (stmt, i + 1));
      g_array_append_val (rows, row);
    }
}

static gboolean
row_matches (const Row  *row,
             const char *folded)
{
  for (guint i = 0; i < N_SEARCHED; i++)
    {
      g_autofree char *value = NULL;

      if (row->values[i] == NULL)
        continue;
      value = g_ascii_strdown (row->values[i], -1);
      if (strstr (value, folded) != NULL)
        return TRUE;
    }
  return FALSE;
}

static const Row *
find_row (GArray *rows,
          gint64  id)
{
  guint lo = 0, hi = rows->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      const Row *row = &g_array_index (rows, Row, mid);

      if (row->id == id)
        return row;
      if (row->id < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  g_assert_not_reached ();
}

static void
sort_order (LiaisonTestFixture  *f,
            GArray              *rows,
            LiaisonColumn        sort,
            gboolean             descending,
            GArray             **out)
{
  LiaisonQuery all = { NULL, sort, descending };
  g_autoptr(GError) error = NULL;

  *out = liaison_store_query_ids (f->store, &all, &error);
  g_assert_no_error (error);
  g_assert_cmpuint ((*out)->len, ==, rows->len);
}

/* Checks @search's ids and two pages against the brute-force matches. */
static guint
check_search (LiaisonTestFixture *f,
              GArray             *rows,
              GArray             *order,
              const char         *search,
              LiaisonColumn       sort,
              gboolean            descending)
{
  LiaisonQuery query = { search, sort, descending };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) ids = NULL;
  g_autofree char *folded = g_ascii_strdown (search, -1);
  const guint offsets[] = { 0, 70 };

  for (guint i = 0; i < order->len; i++)
    {
      gint64 id = g_array_index (order, gint64, i);

      if (row_matches (find_row (rows, id), folded))
        g_array_append_val (expected, id);
    }

  ids = liaison_store_query_ids (f->store, &query, &error);
  g_assert_no_error (error);
  if (ids->len != expected->len)
    g_error ("search “%s” (sort %u%s): %u ids, expected %u", search, sort,
             descending ? " desc" : "", ids->len, expected->len);
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, g_array_index (expected, gint64, i));

  for (guint o = 0; o < G_N_ELEMENTS (offsets); o++)
    {
      g_autoptr(GPtrArray) page = liaison_store_query_page (f->store, &query, offsets[o], 100, &error);
      guint want = expected->len > offsets[o] ? MIN (100, expected->len - offsets[o]) : 0;

      g_assert_no_error (error);
      if (page->len != want)
        g_error ("search “%s” (sort %u%s), page at %u: %u rows, expected %u", search, sort,
                 descending ? " desc" : "", offsets[o], page->len, want);
      for (guint i = 0; i < page->len; i++)
        g_assert_cmpint (liaison_communication_get_id (g_ptr_array_index (page, i)), ==,
                         g_array_index (expected, gint64, offsets[o] + i));
    }
  return expected->len;
}

static const struct { LiaisonColumn column; gboolean descending; } sorts[] = {
  { LIAISON_COLUMN_ID, FALSE },
  { LIAISON_COLUMN_LAST_DETECTED, TRUE },
  { LIAISON_COLUMN_CLIENT_IP, FALSE },
  { LIAISON_COLUMN_CLIENT_PROCESS_NAME, TRUE },
};

/* Checks every search of @searches under every sort. */
static void
check_searches (LiaisonTestFixture *f,
                GArray             *rows,
                GPtrArray          *searches)
{
  load_rows (f, rows);
  for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
    {
      g_autoptr(GArray) order = NULL;

      sort_order (f, rows, sorts[s].column, sorts[s].descending, &order);
      for (guint i = 0; i < searches->len; i++)
        check_search (f, rows, order, g_ptr_array_index (searches, i), sorts[s].column, sorts[s].descending);
    }
}

static guint32
next_random (guint32 *state)
{
  *state ^= *state << 13;
  *state ^= *state >> 17;
  *state ^= *state << 5;
  return *state;
}

/* "\u212Ax" and "\u017Fsh" begin with a KELVIN SIGN and a LONG S, which
 * the index folds to "k" and "s" and a search does not. */
static const char *devices[] = {
  NULL, "srv-01", "WS-Büro", "x", "AB", "Zürich-ÉTÉ", "O\"Brien", "db", "ctl\001dev", "Q", "edge.lan",
  "\u212Ax",
};
static const char *processes[] = {
  NULL, "Firefox", "ssh", "psql", "java", "k", "Ωmega", "a:b", "v1.2", "KQ", "\"", "\u017Fsh",
};
static const char *display_names[] = {
  NULL, NULL, "Firefox on desk", "ÉCOLE", "q\"z", "7",
};
static const guint ports[] = { 7, 22, 53, 443, 8080, 65535 };

/* Adds @n rows of every kind: typed by a user (source manual) and observed
 * by imports (netstat, netflow); IPv4 and IPv6; short, long, upper-case,
 * non-ASCII and quoted values. */
static void
fill (LiaisonTestFixture *f,
      guint               n)
{
  g_autoptr(GError) error = NULL;
  guint32 state = 0x9e3779b9;

  g_assert_true (liaison_store_begin (f->store, &error));
  for (guint i = 0; i < n; i++)
    {
      guint32 r = next_random (&state);
      g_autofree char *client = NULL;
      g_autofree char *listener = NULL;
      const char *client_device = devices[r % G_N_ELEMENTS (devices)];
      const char *listener_device = devices[(r >> 4) % G_N_ELEMENTS (devices)];
      const char *process = processes[(r >> 8) % G_N_ELEMENTS (processes)];
      guint port = ports[(r >> 12) % G_N_ELEMENTS (ports)];
      const char *protocol = (r >> 15) % 3 == 0 ? "udp" : "tcp";

      if (i % 9 == 4)
        client = g_strdup_printf ("2001:db8::%x", i + 1);
      else
        client = g_strdup_printf ("10.%u.%u.%u", i / 65536, (i / 256) % 256, i % 256);
      listener = g_strdup_printf ("192.168.%u.%u", (r >> 18) % 4, 1 + (r >> 20) % 200);

      if ((r >> 24) % 3 == 0)
        {
          g_autofree char *port_text = g_strdup_printf ("%u", port);
          LiaisonCommunicationInput in = {
            .client_ip = client, .listener_ip = listener, .port = port_text, .protocol = protocol,
            .client_device = client_device, .listener_device = listener_device,
            .client_process_name = process,
            .client_process_display_name = display_names[(r >> 26) % G_N_ELEMENTS (display_names)],
          };

          g_assert_cmpint (liaison_store_add_communication (f->store, &in, &error), >, 0);
        }
      else
        {
          LiaisonTime t = G_GINT64_CONSTANT (1793577600000) + (LiaisonTime) (r % 86400) * 1000;
          LiaisonObservation o = {
            client, listener, port, protocol, process != NULL ? process : "",
            client_device, listener_device, NULL, t, t + (r >> 20), (r >> 25) % 2 ? "netstat" : "netflow",
          };

          g_assert_true (liaison_store_observe_communication (f->store, &o, &error));
        }
      g_assert_no_error (error);
    }
  g_assert_true (liaison_store_commit (f->store, &error));
  g_assert_no_error (error);
}

static void
add_unique (GPtrArray  *searches,
            GHashTable *seen,
            const char *search)
{
  if (*search == '\0' || g_hash_table_contains (seen, search))
    return;
  g_hash_table_add (seen, g_strdup (search));
  g_ptr_array_add (searches, g_strdup (search));
}

/* Searches of one and two characters: every printable ASCII character,
 * every pair found in a value (as it is and in upper case), pairs found
 * nowhere, and non-ASCII ones; some longer ones beside them. */
static GPtrArray *
short_searches (LiaisonTestFixture *f,
                GArray             *rows)
{
  static const char *extra[] = {
    "zq", "qz", "\001", "\001\001", "l\001", "\001d", "\"\"", "B\"", "\"z", ".1", "::", ":b", "b:",
    "ü", "Ü", "é", "É", "ür", "ÜR", "Ω", "ω", "Ωm", "€", "é-", "Éc", "\u212A", "\u017Fs",
    "srv", "FIREfox", "2001:db8", "192.168.", "ctl\001dev", "l\001d", "tcp", "netflow",
  };
  GPtrArray *searches = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (char c = ' '; c <= '~'; c++)
    {
      char one[2] = { c, '\0' };
      add_unique (searches, seen, one);
    }
  load_rows (f, rows);
  for (guint r = 0; r < rows->len; r++)
    {
      const Row *row = &g_array_index (rows, Row, r);

      for (guint i = 0; i < N_SEARCHED; i++)
        {
          const char *v = row->values[i];

          for (gsize k = 0; v != NULL && v[k] != '\0' && v[k + 1] != '\0'; k++)
            {
              char two[3] = { v[k], v[k + 1], '\0' };
              g_autofree char *upper = NULL;

              if ((guchar) two[0] >= 0x80 || (guchar) two[1] >= 0x80)
                continue;
              upper = g_ascii_strup (two, -1);
              add_unique (searches, seen, two);
              add_unique (searches, seen, upper);
            }
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (extra); i++)
    add_unique (searches, seen, extra[i]);
  return searches;
}

static void
test_short_searches_exact (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GArray) rows = rows_new ();
  g_autoptr(GPtrArray) searches = NULL;

  fill (f, 700);
  searches = short_searches (f, rows);
  g_assert_cmpuint (searches->len, >, 150);
  check_searches (f, rows, searches);
}

/* After edits, deletions and restores the index still finds exactly the
 * rows that hold a short search. */
static void
test_short_searches_follow_changes (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GArray) rows = rows_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonDeletion) deletion = NULL;
  g_autoptr(GPtrArray) searches = g_ptr_array_new_with_free_func (g_free);
  LiaisonCommunicationInput edit = { .client_device = "Y", .client_process_display_name = "" };
  const char *terms[] = { "y", "Y", "x", "k", "db", "É", "\"", "7", "zq" };
  gint64 ids[] = { 3, 5, 8 };

  fill (f, 60);
  for (guint i = 0; i < G_N_ELEMENTS (terms); i++)
    g_ptr_array_add (searches, g_strdup (terms[i]));

  g_assert_true (liaison_store_edit_communication (f->store, 2, &edit, &error));
  g_assert_true (liaison_store_delete_communications (f->store, ids, G_N_ELEMENTS (ids), &deletion, &error));
  g_assert_no_error (error);
  check_searches (f, rows, searches);

  g_assert_true (liaison_store_restore_deletion (f->store, deletion, &error));
  g_assert_no_error (error);
  check_searches (f, rows, searches);
}

/* Enough rows that the store also chooses to walk the sort order (a page
 * of a frequent search) and to read the whole table (every id of a very
 * frequent one), and a search frequent only in a few late rows. */
static void
test_short_searches_dense (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GArray) rows = rows_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) searches = g_ptr_array_new_with_free_func (g_free);
  const char *terms[] = { "1", "0", ".", "t", "T", "c", "10", "0.", "tc", "-t", "zq", "kk", "K", "ü", "Q" };
  g_autofree char *many_k = g_strnfill (150, 'k');

  g_assert_true (liaison_store_begin (f->store, &error));
  for (guint i = 0; i < 22000; i++)
    {
      g_autofree char *client = g_strdup_printf ("10.%u.%u.%u", 1 + i / 65536, (i / 256) % 256, i % 256);
      g_autofree char *port = g_strdup_printf ("%u", 1 + i % 5000);
      LiaisonCommunicationInput in = {
        .client_ip = client, .listener_ip = "10.9.9.9", .port = port, .protocol = "tcp",
        .client_process_display_name = "t-t-t-t-t-t-t-t-t-t",
        .client_process_name = i >= 20000 && i % 10 == 0 ? many_k : NULL,
      };
      g_assert_cmpint (liaison_store_add_communication (f->store, &in, &error), >, 0);
    }
  g_assert_true (liaison_store_commit (f->store, &error));

  for (guint i = 0; i < G_N_ELEMENTS (terms); i++)
    g_ptr_array_add (searches, g_strdup (terms[i]));
  check_searches (f, rows, searches);
}

/* A database made before the index held the ends of values (schema
 * version 1) is brought up to date when opened, and searches of one or two
 * characters find exactly its rows. */
static void
test_migration_rebuilds_index (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GArray) rows = rows_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) searches = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpuint (liaison_schema_version (), >=, 2);
  fill (f, 300);
  searches = short_searches (f, rows);

  /* Put the index back as version 1 wrote it. */
  db = liaison_store_get_db (f->store);
  g_assert_cmpint (sqlite3_exec (db,
                                 "BEGIN;"
                                 "DROP TABLE nf_window_run;"
                                 "ALTER TABLE stat_record DROP COLUMN nf_run_from;"
                                 "ALTER TABLE stat_record DROP COLUMN nf_run_to;"
                                 "DROP TABLE search_value;"
                                 "DROP TABLE search_value_index;"
                                 "CREATE VIRTUAL TABLE communication_search USING fts5 ("
                                 "  client_ip, client_device, listener_ip, listener_device, port, protocol,"
                                 "  client_process_name, client_process_display_name, source,"
                                 "  tokenize = 'trigram');"
                                 "INSERT INTO communication_search (rowid, client_ip, client_device, listener_ip,"
                                 "  listener_device, port, protocol, client_process_name,"
                                 "  client_process_display_name, source)"
                                 "  SELECT id, client_ip, client_device, listener_ip, listener_device, port, protocol,"
                                 "  client_process_name, client_process_display_name, source FROM communication;"
                                 /* And without what later versions added. */
                                 "ALTER TABLE stat_record DROP COLUMN ns_runs;"
                                 "ALTER TABLE classic_stat DROP COLUMN runs;"
                                 "DROP TABLE netstat_moments;"
                                 "DROP TABLE discovered_set;"
                                 "PRAGMA user_version = 1;"
                                 "COMMIT;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_object (&f->store);

  f->store = liaison_store_open (f->db, &error);
  g_assert_no_error (error);
  db = liaison_store_get_db (f->store);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, liaison_schema_version ());
  sqlite3_finalize (stmt);

  /* Every value of every row is in the index once (version 8), with its
   * end (version 2); not the rows' sources nor protocols (version 7), which
   * are found by their own indexes. */
  g_assert_cmpint (liaison_test_indexed_rows (f->store), ==, 300);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM search_value"), ==,
                   liaison_test_query_int (f->store,
                                           "SELECT count(*) FROM (SELECT client_ip, client_key FROM communication"
                                           " UNION SELECT listener_ip, listener_key FROM communication"
                                           " UNION SELECT v, x'' FROM (SELECT client_device AS v FROM communication"
                                           " UNION SELECT listener_device FROM communication"
                                           " UNION SELECT CAST (port AS TEXT) FROM communication"
                                           " UNION SELECT client_process_name FROM communication"
                                           " UNION SELECT client_process_display_name FROM communication)"
                                           " WHERE v <> '')"));
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT count(DISTINCT doc), count(DISTINCT CASE WHEN"
                                       " substr (term, 2) = char(1, 1) THEN doc END), (SELECT count(*) FROM"
                                       " pragma_table_info ('search_value_index')) FROM temp.test_terms",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, liaison_test_query_int (f->store, "SELECT count(*) FROM search_value"));
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, sqlite3_column_int (stmt, 0));
  g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 1);
  sqlite3_finalize (stmt);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM sqlite_schema"
                                                     " WHERE name = 'communication_search'"), ==, 0);

  check_searches (f, rows, searches);

  /* Rows added after the migration are indexed the same way. */
  {
    LiaisonCommunicationInput in = {
      .client_ip = "172.16.0.1", .listener_ip = "172.16.0.2", .port = "9", .protocol = "udp",
      .client_device = "J",
    };
    gint64 id = liaison_store_add_communication (f->store, &in, &error);
    g_autoptr(GPtrArray) j = g_ptr_array_new_with_free_func (g_free);

    g_assert_no_error (error);
    g_assert_cmpint (id, >, 0);
    g_ptr_array_add (j, g_strdup ("j"));
    g_ptr_array_add (j, g_strdup ("9"));
    check_searches (f, rows, j);
  }
}

/* A row as the list shows it, without its id (a server numbers rows its
 * own way). */
static char *
row_text (LiaisonCommunication *c)
{
  return g_strdup_printf ("%s|%s|%s|%s|%u|%s|%s|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%s",
                          liaison_communication_get_client_ip (c),
                          liaison_communication_get_client_device (c),
                          liaison_communication_get_listener_ip (c),
                          liaison_communication_get_listener_device (c),
                          (guint) liaison_communication_get_port (c),
                          liaison_communication_get_protocol (c),
                          liaison_communication_get_client_process_name (c),
                          liaison_communication_get_client_process_display_name (c),
                          (gint64) liaison_communication_get_first_detected (c),
                          (gint64) liaison_communication_get_last_detected (c),
                          liaison_communication_get_source (c));
}

/* The first page of @search in @store, as text; @count gets how many ids it has. */
static char *
first_page_text (LiaisonStore  *store,
                 const char    *search,
                 LiaisonColumn  sort,
                 gboolean       descending,
                 guint         *count)
{
  LiaisonQuery query = { search, sort, descending };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = liaison_store_query_page (store, &query, 0, 100, &error);
  g_autoptr(GArray) ids = liaison_store_query_ids (store, &query, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < page->len; i++)
    {
      g_autofree char *row = row_text (g_ptr_array_index (page, i));
      g_string_append_printf (text, "%s\n", row);
    }
  *count = ids->len;
  return g_string_free (text, FALSE);
}

static void
count_index_use (const char *sql,
                 gpointer    data)
{
  if (strstr (sql, "liaison_search_rows (?1, NULL)") != NULL)
    (*(guint *) data)++;
}

/* The same rows on a file and on a server give the same first pages, in
 * the same order, and as many matches, for every short search (non-ASCII,
 * upper case, quotes, U+0001) and longer ones with dots and non-ASCII
 * letters, under sorts both ways; the server answers many of them from its
 * own index. */
static void
test_server_same_as_file (void)
{
  g_autoptr(LiaisonTestFixture) file = liaison_test_folder_new ();
  g_autoptr(LiaisonTestFixture) server = liaison_test_folder_new ();
  g_autoptr(LiaisonTestPg) pg = liaison_test_pg_new ();
  g_autoptr(GArray) rows = rows_new ();
  g_autoptr(GPtrArray) searches = NULL;
  g_autoptr(GError) error = NULL;
  /* With longer searches whose non-ASCII letters differ in case from a
   * value's: a file's trigram index folds their case, but its matches are
   * tested as a server's are. */
  const char *longer[] = {
    "10.0.", "0.1.", "192.168.2.", "büro", "ZüRICH-ÉTÉ", "srv-01", "a:b", "v1.2", "q\"z",
    "BÜRO", "zürich-été", "école", "ωMEGA",
  };
  /* Columns that hold no NULL: where one does, the engines order NULL
   * apart (SQLite first, PostgreSQL last), whatever the search. */
  const LiaisonColumn columns[] = {
    LIAISON_COLUMN_ID, LIAISON_COLUMN_CLIENT_IP, LIAISON_COLUMN_PORT, LIAISON_COLUMN_CLIENT_PROCESS_NAME,
  };
  guint from_index = 0, found = 0, empty = 0;

  file->store = liaison_store_open (file->db, &error);
  g_assert_no_error (error);
  server->store = liaison_store_open (pg->uri, &error);
  g_assert_no_error (error);
  fill (file, 700);
  fill (server, 700);
  searches = short_searches (file, rows);
  for (guint i = 0; i < G_N_ELEMENTS (longer); i++)
    g_ptr_array_add (searches, g_strdup (longer[i]));

  liaison_store_set_statement_hook (server->store, count_index_use, &from_index);
  for (guint s = 0; s < G_N_ELEMENTS (columns); s++)
    for (guint i = 0; i < searches->len; i++)
      for (guint way = 0; way < 2; way++)
        {
          const char *search = g_ptr_array_index (searches, i);
          gboolean descending = way == 1;
          guint on_file = 0, on_server = 0;
          g_autofree char *expected = first_page_text (file->store, search, columns[s], descending, &on_file);
          g_autofree char *got = first_page_text (server->store, search, columns[s], descending, &on_server);

          if (g_strcmp0 (got, expected) != 0 || on_server != on_file)
            g_error ("search “%s” (sort %u%s): %u matches on the server, %u in the file; first page:\n%s\nexpected:\n%s",
                     search, columns[s], descending ? " desc" : "", on_server, on_file, got, expected);
          if (on_file > 0)
            found++;
          else
            empty++;
        }
  liaison_store_set_statement_hook (server->store, NULL, NULL);

  g_assert_cmpuint (found, >, 2 * G_N_ELEMENTS (columns) * 100);
  g_assert_cmpuint (empty, >, 2 * G_N_ELEMENTS (columns) * 10);
  g_assert_cmpuint (from_index, >, searches->len);
}

/* A server's search as the versions before this one made it: the grams
 * of every row in a GIN index of `communication` (@trigrams FALSE), or,
 * before that, pg_trgm's index where the server has that extension. */
static void
put_back_previous_search (LiaisonTestPg *pg,
                          gboolean       trigrams)
{
  g_autofree char *sql = g_strdup_printf (
    "SET search_path = %s;"
    "DROP FUNCTION liaison_search_rows (text, bigint);"
    "DROP TRIGGER communication_search_values_added ON communication;"
    "DROP TRIGGER communication_search_values_changed ON communication;"
    "DROP FUNCTION liaison_note_search_values ();"
    "DROP TABLE search_value;"
    "CREATE INDEX communication_search_grams ON communication USING gin ((liaison_search_grams (client_ip,"
    "  client_device, listener_ip, listener_device, CAST (port AS TEXT), protocol, client_process_name,"
    "  client_process_display_name, source)));", pg->schema);
  g_autofree char *trgm = g_strdup_printf (
    "SET search_path = %s;"
    "DROP INDEX communication_search_grams;"
    "DROP FUNCTION liaison_search_keys (text);"
    "DROP FUNCTION liaison_search_grams (text[]);"
    "DO $search$ BEGIN"
    "  EXECUTE format ($index$CREATE INDEX communication_search_trigrams ON communication"
    "    USING gin ((" LIAISON_PG_SEARCH_TEXT ") %%s.gin_trgm_ops)$index$,"
    "    (SELECT extnamespace::regnamespace::text FROM pg_catalog.pg_extension WHERE extname = 'pg_trgm'));"
    "EXCEPTION WHEN undefined_object OR syntax_error OR null_value_not_allowed THEN"
    "  NULL;"
    "END $search$;", pg->schema);

  liaison_test_pg_exec (pg, sql);
  if (trigrams)
    liaison_test_pg_exec (pg, trgm);
}

static gint64
count_indexes (LiaisonStore *store,
               const char   *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM pg_catalog.pg_indexes"
                                          " WHERE schemaname = current_schema() AND indexname = '%s'", name);

  return liaison_test_query_int (store, sql);
}

/* A server made by a version before (rows' grams, or pg_trgm's index): a
 * reader opens it read-only as it is and finds every search's rows without
 * the index; the owner's opening adds the index of values (and drops the
 * one before) in one transaction, giving the reader the same right on it;
 * rows written after that are found through it, by the owner and by the
 * reader. */
static void
check_server_migration (gboolean trigrams)
{
  g_autoptr(LiaisonTestPg) pg = liaison_test_pg_new ();
  g_autoptr(LiaisonTestFixture) f = liaison_test_folder_new ();
  g_autoptr(GArray) rows = rows_new ();
  g_autoptr(GPtrArray) searches = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) reader = NULL;
  LiaisonCommunicationInput in = {
    .client_ip = "172.16.0.1", .listener_ip = "172.16.0.2", .port = "9", .protocol = "udp",
    .client_device = "J",
  };
  guint from_index = 0;

  f->store = liaison_store_open (pg->uri, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_indexes (f->store, "search_value_grams"), ==, 1);
  fill (f, 300);
  searches = short_searches (f, rows);
  /* The version before that, rarer by now, with one search in eight. */
  for (guint i = searches->len; trigrams && i-- > 0;)
    if (i % 8 != 0)
      g_ptr_array_remove_index (searches, i);
  g_ptr_array_add (searches, g_strdup ("192.168.1."));
  g_ptr_array_add (searches, g_strdup ("zürich"));
  g_clear_object (&f->store);
  put_back_previous_search (pg, trigrams);
  liaison_test_pg_grant_reader (pg);

  /* A reader may not add the index: it searches as before. */
  f->store = liaison_store_open (pg->reader_uri, &error);
  g_assert_no_error (error);
  g_assert_true (liaison_store_is_read_only (f->store));
  g_assert_cmpint (count_indexes (f->store, "search_value_grams"), ==, 0);
  liaison_store_set_statement_hook (f->store, count_index_use, &from_index);
  check_searches (f, rows, searches);
  g_assert_cmpuint (from_index, ==, 0);
  g_clear_object (&f->store);

  /* The owner's opening adds it. */
  f->store = liaison_store_open (pg->uri, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_indexes (f->store, "search_value_grams"), ==, 1);
  g_assert_cmpint (count_indexes (f->store, "communication_search_grams"), ==, 0);
  g_assert_cmpint (count_indexes (f->store, "communication_search_trigrams"), ==, 0);
  liaison_store_set_statement_hook (f->store, count_index_use, &from_index);
  check_searches (f, rows, searches);
  g_assert_cmpuint (from_index, >, 0);
  g_assert_cmpint (liaison_store_add_communication (f->store, &in, &error), >, 0);
  g_assert_no_error (error);
  g_ptr_array_add (searches, g_strdup ("j"));
  check_searches (f, rows, searches);

  /* And the reader uses it, opening again, with the right it had. */
  reader = liaison_store_open (pg->reader_uri, &error);
  g_assert_no_error (error);
  g_clear_object (&f->store);
  f->store = g_steal_pointer (&reader);
  from_index = 0;
  liaison_store_set_statement_hook (f->store, count_index_use, &from_index);
  check_searches (f, rows, searches);
  g_assert_cmpuint (from_index, >, 0);
}

static void
test_server_migration_from_grams (void)
{
  check_server_migration (FALSE);
}

static void
test_server_migration_from_trigrams (void)
{
  check_server_migration (TRUE);
}

static const char statement_triggers[] =
  "SELECT count(*) FROM pg_catalog.pg_trigger WHERE tgrelid = 'communication'::regclass"
  " AND tgname = 'communication_search_values_changed' AND (tgtype & 1) = 0";

/* A server made by the first version of the index of values (schema 5, a
 * statement trigger on UPDATE noted every updated row's values): a reader
 * is refused it as it is; the owner's opening puts the row trigger in its
 * place, with the rest of version 6. */
static void
test_server_migration_row_trigger (void)
{
  g_autoptr(LiaisonTestPg) pg = liaison_test_pg_new ();
  g_autoptr(LiaisonTestFixture) f = liaison_test_folder_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *statement_trigger = g_strdup_printf (
    "SET search_path = %s; DROP TRIGGER communication_search_values_changed ON communication;"
    "CREATE TRIGGER communication_search_values_changed AFTER UPDATE ON communication"
    "  REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION liaison_note_search_values ();"
    "UPDATE liaison_schema SET version = 5;", pg->schema);
  LiaisonCommunicationInput edit = { .client_device = "vorarlberg" };
  gint64 id;

  f->store = liaison_store_open (pg->uri, &error);
  g_assert_no_error (error);
  id = liaison_test_add (f->store, "10.0.0.1", "10.0.0.2", "443", "tcp", "curl");
  g_clear_object (&f->store);
  liaison_test_pg_exec (pg, statement_trigger);
  liaison_test_pg_grant_reader (pg);

  g_assert_null (liaison_store_open (pg->reader_uri, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE);
  g_clear_error (&error);

  f->store = liaison_store_open (pg->uri, &error);
  g_assert_no_error (error);
  g_assert_cmpint (liaison_test_query_int (f->store, statement_triggers), ==, 0);
  g_assert_true (liaison_store_edit_communication (f->store, id, &edit, &error));
  g_assert_no_error (error);
  /* Found through search_value: the row trigger noted it. */
  liaison_test_assert_ids (f->store, "vorarl", LIAISON_COLUMN_ID, FALSE, (gint64[]) { id }, 1);
}

static void
test_query (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  gint64 a = liaison_test_add (f->store, "10.0.0.10", "10.0.0.5", "443", "tcp", "Firefox");
  gint64 b = liaison_test_add (f->store, "10.0.0.2", "10.0.0.5", "22", "tcp", "ssh");
  gint64 c = liaison_test_add (f->store, "2001:db8::1", "10.0.0.6", "53", "udp", NULL);
  gint64 d = liaison_test_add (f->store, "9.9.9.9", "10.0.0.6", "5432", "tcp", "psql");

  /* Addresses sort numerically, IPv4 before IPv6; ties by id. */
  liaison_test_assert_ids (f->store, NULL, LIAISON_COLUMN_CLIENT_IP, FALSE, (gint64[]) { d, b, a, c }, 4);
  liaison_test_assert_ids (f->store, NULL, LIAISON_COLUMN_CLIENT_IP, TRUE, (gint64[]) { c, a, b, d }, 4);
  liaison_test_assert_ids (f->store, NULL, LIAISON_COLUMN_PORT, FALSE, (gint64[]) { b, c, a, d }, 4);
  liaison_test_assert_ids (f->store, NULL, LIAISON_COLUMN_LISTENER_IP, FALSE, (gint64[]) { a, b, c, d }, 4);
  liaison_test_assert_ids (f->store, NULL, LIAISON_COLUMN_PROTOCOL, TRUE, (gint64[]) { c, d, b, a }, 4);

  /* Case-insensitive substring, through the index (3+ characters) and by scan. */
  liaison_test_assert_ids (f->store, "FIRE", LIAISON_COLUMN_ID, FALSE, (gint64[]) { a }, 1);
  liaison_test_assert_ids (f->store, "efo", LIAISON_COLUMN_ID, FALSE, (gint64[]) { a }, 1);
  liaison_test_assert_ids (f->store, "db8", LIAISON_COLUMN_ID, FALSE, (gint64[]) { c }, 1);
  liaison_test_assert_ids (f->store, "10.0.0.6", LIAISON_COLUMN_ID, TRUE, (gint64[]) { d, c }, 2);
  liaison_test_assert_ids (f->store, "543", LIAISON_COLUMN_ID, FALSE, (gint64[]) { d }, 1);
  liaison_test_assert_ids (f->store, "UD", LIAISON_COLUMN_ID, FALSE, (gint64[]) { c }, 1);
  liaison_test_assert_ids (f->store, "43", LIAISON_COLUMN_ID, FALSE, (gint64[]) { a, d }, 2);
  liaison_test_assert_ids (f->store, "Db", LIAISON_COLUMN_ID, FALSE, (gint64[]) { c }, 1);
  liaison_test_assert_ids (f->store, "s", LIAISON_COLUMN_PORT, FALSE, (gint64[]) { b, d }, 2);
  liaison_test_assert_ids (f->store, "%", LIAISON_COLUMN_ID, FALSE, NULL, 0);
  liaison_test_assert_ids (f->store, "\"quoted\"", LIAISON_COLUMN_ID, FALSE, NULL, 0);
  liaison_test_assert_ids (f->store, "manual", LIAISON_COLUMN_ID, FALSE, (gint64[]) { a, b, c, d }, 4);
}

/* A column that may be empty sorts the empty ones first going up and last
 * going down, on a server as in a file (the suite runs on both). */
static void
test_sort_empty_first (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  LiaisonCommunicationInput with = {
    .client_ip = "10.0.0.2", .listener_ip = "10.0.0.5", .port = "443", .protocol = "tcp",
    .client_device = "app-1", .listener_device = "db-1", .client_process_display_name = "Backup",
  };
  gint64 a = liaison_test_add (f->store, "10.0.0.1", "10.0.0.5", "443", "tcp", NULL);
  gint64 b = liaison_store_add_communication (f->store, &with, &error);
  gint64 c = liaison_test_add (f->store, "10.0.0.3", "10.0.0.5", "443", "tcp", NULL);
  const LiaisonColumn columns[] = {
    LIAISON_COLUMN_CLIENT_DEVICE, LIAISON_COLUMN_LISTENER_DEVICE,
    LIAISON_COLUMN_CLIENT_PROCESS_DISPLAY_NAME, LIAISON_COLUMN_FIRST_DETECTED,
    LIAISON_COLUMN_LAST_DETECTED,
  };
  g_autoptr(LiaisonStmt) stmt = NULL;

  g_assert_no_error (error);
  stmt = liaison_store_prepare (f->store,
                                "UPDATE communication SET first_detected = ?1, last_detected = ?1 WHERE id = ?2",
                                &error);
  g_assert_no_error (error);
  liaison_stmt_bind_int64 (stmt, 1, 1700000000);
  liaison_stmt_bind_int64 (stmt, 2, b);
  g_assert_cmpint (liaison_stmt_step (stmt), ==, LIAISON_DONE);

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      liaison_test_assert_ids (f->store, NULL, columns[i], FALSE, (gint64[]) { a, c, b }, 3);
      liaison_test_assert_ids (f->store, NULL, columns[i], TRUE, (gint64[]) { b, c, a }, 3);
      /* and a search's pages, whichever way it is found */
      liaison_test_assert_ids (f->store, "10.0.0", columns[i], FALSE, (gint64[]) { a, c, b }, 3);
      liaison_test_assert_ids (f->store, "10.0.0", columns[i], TRUE, (gint64[]) { b, c, a }, 3);
    }
}

/* LIKE's own characters in a search are looked for as they are, as
 * liaison_contains() looks: a server made before its own search index asks
 * pg_trgm's with LIKE (the reader of check_server_migration() searches so). */
static void
test_query_like_characters (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  gint64 a = liaison_test_add (f->store, "10.0.0.10", "10.0.0.5", "443", "tcp", "Back_Up\\D%X");
  gint64 b = liaison_test_add (f->store, "10.0.0.11", "10.0.0.5", "443", "tcp", "backXupD");

  liaison_test_assert_ids (f->store, "back_up\\d%x", LIAISON_COLUMN_ID, FALSE, (gint64[]) { a }, 1);
  liaison_test_assert_ids (f->store, "up\\d%", LIAISON_COLUMN_ID, FALSE, (gint64[]) { a }, 1);
  liaison_test_assert_ids (f->store, "ck_up", LIAISON_COLUMN_ID, FALSE, (gint64[]) { a }, 1);
  liaison_test_assert_ids (f->store, "ck%up", LIAISON_COLUMN_ID, FALSE, NULL, 0);
  liaison_test_assert_ids (f->store, "backxup", LIAISON_COLUMN_ID, FALSE, (gint64[]) { b }, 1);
  liaison_test_assert_ids (f->store, "BACK", LIAISON_COLUMN_ID, TRUE, (gint64[]) { b, a }, 2);
}

/* Case is folded for ASCII letters only (as a server's "C" collation does),
 * however a search is found: also through the index, which folds others. */
static void
test_query_non_ascii_case (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  gint64 a = liaison_test_add (f->store, "10.0.0.10", "10.0.0.5", "443", "tcp", "Zürich-db");
  gint64 b = liaison_test_add (f->store, "10.0.0.11", "10.0.0.5", "443", "tcp", "ZÜRICH-app");

  liaison_test_assert_ids (f->store, "zürich", LIAISON_COLUMN_ID, FALSE, (gint64[]) { a }, 1);
  liaison_test_assert_ids (f->store, "ZÜRICH", LIAISON_COLUMN_ID, FALSE, (gint64[]) { b }, 1);
  liaison_test_assert_ids (f->store, "zÜr", LIAISON_COLUMN_ID, FALSE, (gint64[]) { b }, 1);
  liaison_test_assert_ids (f->store, "ÜR", LIAISON_COLUMN_ID, FALSE, (gint64[]) { b }, 1);
  liaison_test_assert_ids (f->store, "ü", LIAISON_COLUMN_ID, FALSE, (gint64[]) { a }, 1);
  liaison_test_assert_ids (f->store, "RICH-", LIAISON_COLUMN_ID, TRUE, (gint64[]) { b, a }, 2);
}

static void
test_query_dense_search (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-search/sort-and-search", test_query);
  g_test_add_func ("/store-search/like-characters", test_query_like_characters);
  g_test_add_func ("/store-search/sort-empty-first", test_sort_empty_first);
  g_test_add_func ("/store-search/non-ascii-case", test_query_non_ascii_case);
  g_test_add_func ("/store-search/dense-search", test_query_dense_search);
  g_test_add_func ("/store-search/short/exact", test_short_searches_exact);
  g_test_add_func ("/store-search/short/follow-changes", test_short_searches_follow_changes);
  g_test_add_func ("/store-search/short/dense", test_short_searches_dense);
  liaison_test_add_file_func ("/store-search/migration/rebuilds-index", test_migration_rebuilds_index);
  g_test_add_func ("/store-search/server/same-as-file", test_server_same_as_file);
  g_test_add_func ("/store-search/server/migration/from-grams", test_server_migration_from_grams);
  g_test_add_func ("/store-search/server/migration/from-trigrams", test_server_migration_from_trigrams);
  g_test_add_func ("/store-search/server/migration/row-trigger", test_server_migration_row_trigger);

  return g_test_run ();
}
