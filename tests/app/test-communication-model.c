/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-communication-model"

#include "config.h"

#include <glib/gstdio.h>

#include "liaison-communication-model.h"
#include "liaison-test-utils.h"

#define N_ROWS 1234

typedef struct
{
  char         *dir;
  char         *path;
  LiaisonStore *store;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  static const char *devices[] = { "web01", "Web02", "db01", "cache", NULL };
  static const char *processes[] = { "nginx", "postgres", "", "java" };
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("liaison-model-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "liaison.db", NULL);
  fixture->store = liaison_store_open (fixture->path, &error);
  g_assert_no_error (error);

  g_assert_true (liaison_store_begin (fixture->store, &error));
  for (guint i = 0; i < N_ROWS; i++)
    {
      LiaisonCommunicationInput input = { 0 };
      g_autofree char *client = g_strdup_printf ("10.%u.%u.%u", i % 7, (i / 7) % 250, 1 + i % 200);
      g_autofree char *listener = g_strdup_printf ("192.168.%u.%u", i % 3, 1 + i % 13);
      g_autofree char *port = g_strdup_printf ("%u", 1 + (i * 37) % 9000);

      input.client_ip = client;
      input.listener_ip = listener;
      input.port = port;
      input.protocol = i % 5 == 0 ? "udp" : "tcp";
      input.client_device = devices[i % 5];
      input.client_process_name = processes[i % 4];
      liaison_store_add_communication (fixture->store, &input, &error);
      g_assert_no_error (error);
    }
  g_assert_true (liaison_store_commit (fixture->store, &error));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_remove (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
assert_same_rows (LiaisonCommunicationModel *model,
                  LiaisonStore              *store,
                  const LiaisonQuery        *query)
{
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GError) error = NULL;
  guint limit = LIAISON_COMMUNICATION_MODEL_BLOCK_SIZE * LIAISON_COMMUNICATION_MODEL_CACHE_BLOCKS;
  guint n;

  expected = liaison_store_query_page (store, query, 0, G_MAXINT, &error);
  g_assert_no_error (error);

  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, ==, expected->len);

  /* Forwards, then backwards, then jumping about: the same rows each time,
   * and never more objects held than the cache. */
  for (guint pass = 0; pass < 3; pass++)
    {
      for (guint k = 0; k < n; k++)
        {
          guint i = pass == 0 ? k : pass == 1 ? n - 1 - k : (k * 7919) % n;
          g_autoptr(LiaisonCommunication) item = g_list_model_get_item (G_LIST_MODEL (model), i);
          LiaisonCommunication *want = g_ptr_array_index (expected, i);

          g_assert_nonnull (item);
          g_assert_cmpint (liaison_communication_get_id (item), ==, liaison_communication_get_id (want));
          g_assert_cmpint (liaison_communication_model_get_id (model, i), ==, liaison_communication_get_id (want));
          for (LiaisonColumn c = 0; c < LIAISON_N_COLUMNS; c++)
            {
              g_autofree char *got = liaison_communication_dup_column_text (item, c);
              g_autofree char *exp = liaison_communication_dup_column_text (want, c);

              g_assert_cmpstr (got, ==, exp);
            }
          g_assert_cmpuint (liaison_communication_model_get_n_cached (model), <=, limit);
        }
    }

  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), n));
}

static void
test_queries (Fixture       *fixture,
              gconstpointer  data)
{
  static const struct { const char *search; LiaisonColumn sort; gboolean descending; } cases[] = {
    { NULL, LIAISON_COLUMN_ID, FALSE },
    { NULL, LIAISON_COLUMN_PORT, TRUE },
    { NULL, LIAISON_COLUMN_CLIENT_IP, FALSE },
    { NULL, LIAISON_COLUMN_CLIENT_DEVICE, TRUE },
    { "web", LIAISON_COLUMN_CLIENT_DEVICE, FALSE },
    { "WEB0", LIAISON_COLUMN_LISTENER_IP, TRUE },
    { "192.168.2.", LIAISON_COLUMN_PORT, FALSE },
    { "udp", LIAISON_COLUMN_CLIENT_PROCESS_NAME, TRUE },
    { "no such text", LIAISON_COLUMN_ID, FALSE },
  };
  g_autoptr(LiaisonCommunicationModel) model = liaison_communication_model_new (fixture->store);
  g_autoptr(GError) error = NULL;

  g_assert_true (liaison_communication_model_reload (model, &error));
  g_assert_no_error (error);
  g_assert_cmpint (liaison_communication_model_get_total (model), ==, N_ROWS);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      LiaisonQuery query = { cases[i].search, cases[i].sort, cases[i].descending };

      g_test_message ("search %s, sort %s%s", cases[i].search,
                      liaison_column_to_string (cases[i].sort),
                      cases[i].descending ? " descending" : "");
      liaison_communication_model_set_search (model, cases[i].search);
      liaison_communication_model_set_sort (model, cases[i].sort, cases[i].descending);
      assert_same_rows (model, fixture->store, &query);
      g_assert_cmpint (liaison_communication_model_get_total (model), ==, N_ROWS);
    }
}

typedef struct
{
  guint calls;
  guint removed;
  guint added;
} Changes;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->calls++;
  changes->removed += removed;
  changes->added += added;
}

static void
test_one_change_per_query (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(LiaisonCommunicationModel) model = liaison_communication_model_new (fixture->store);
  g_autoptr(GError) error = NULL;
  Changes changes = { 0 };
  gint64 id;

  g_assert_true (liaison_communication_model_reload (model, &error));
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &changes);

  liaison_communication_model_set_sort (model, LIAISON_COLUMN_PORT, FALSE);
  g_assert_cmpuint (changes.calls, ==, 1);

  /* A change in the store is followed at once. */
  id = liaison_test_add_row (fixture->store, "10.200.0.1", "10.200.0.2", "1", NULL);
  g_assert_cmpuint (changes.calls, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_ROWS + 1);
  g_assert_true (liaison_communication_model_find_id (model, id, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/communication-model/queries", Fixture, NULL, fixture_setup, test_queries, fixture_teardown);
  g_test_add ("/communication-model/one-change-per-query", Fixture, NULL,
              fixture_setup, test_one_change_per_query, fixture_teardown);

  return g_test_run ();
}
