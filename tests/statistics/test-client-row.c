/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "liaison-client-row.h"
#include "liaison-test-fixture.h"

/* The client table's rows against the core's records, without a display:
 * what each cell says, how the rows sort and which ones a filter keeps.
 *
 * web01's week (443 found on the 20th, 21st, 23rd and 28th): 10.0.0.9 is
 * active on the 20th and 21st and by netflow on the 27th (the seed
 * example, then a fourth window of another pair that makes it silent for
 * 65 s); 10.0.0.10 on the 20th and the 23rd. */

static GPtrArray *
rows_of_443 (LiaisonTestFixture *f)
{
  static const char fourth[] =
    LIAISON_TEST_CSV_HEADER
    "2026-11-27T00:04:20Z,,10.0.0.77,52001,10.0.0.6,443,tcp\n";
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GArray) moments = g_array_new (FALSE, FALSE, sizeof (LiaisonTime));
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);
  LiaisonTime netstat_end;

  liaison_test_import_web01_week (f);
  for (guint i = 0; i < 3; i++)
    liaison_test_import_netflow_text (f, 60, liaison_test_seed_files[i]);
  liaison_test_import_netflow_text (f, 60, fourth);

  g_assert_true (liaison_statistics_listener_moments (f->store, "web01", "10.0.0.5", 443, "tcp", moments, &error));
  g_assert_no_error (error);
  netstat_end = g_array_index (moments, LiaisonTime, moments->len - 1);
  g_assert_cmpint (netstat_end, ==, liaison_test_time ("2026-11-28T00:00:00Z"));

  records = liaison_test_records (f->store);
  for (guint i = 0; i < records->len; i++)
    {
      const LiaisonStatRecord *r = g_ptr_array_index (records, i);

      if (g_str_equal (r->listener_ip, "10.0.0.5") && r->port == 443)
        g_ptr_array_add (rows, liaison_client_row_new (r, netstat_end));
    }
  g_assert_cmpuint (rows->len, ==, 2);
  return rows;
}

static LiaisonClientRow *
row_of (GPtrArray  *rows,
        const char *client)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (liaison_client_row_get_client (g_ptr_array_index (rows, i)), client))
      return g_ptr_array_index (rows, i);
  g_error ("no row of %s", client);
  return NULL;
}

/* What each column shows, as the core's records give it. */
static void
test_cells (void)
{
  static const struct
  {
    const char *client;
    const char *cells[LIAISON_N_CLIENT_COLUMNS - 1];
  } expected[] = {
    /* client, device, persistence, weight, netstat, events, active, gap, silent, last found */
    { "10.0.0.9", { "10.0.0.9", "—", "50.0 %", "1.50", "2 / 4", "6", "1 min 35 s", "1 min 5 s",
                    "1 min 5 s", "2026-11-27 00:03" } },
    { "10.0.0.10", { "10.0.0.10", "—", "50.0 %", "1.00", "2 / 4", "—", "—", "—",
                     "5 d", "2026-11-23 00:00" } },
  };
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GPtrArray) rows = rows_of_443 (f);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      LiaisonClientRow *row = row_of (rows, expected[i].client);

      for (guint c = 0; c < LIAISON_N_CLIENT_COLUMNS - 1; c++)
        {
          g_autofree char *text = liaison_client_row_dup_text (row, c);

          g_test_message ("%s column %u", expected[i].client, c);
          g_assert_cmpstr (text, ==, expected[i].cells[c]);
        }
    }

  /* 10.0.0.9 is silent by netflow's reckoning for 65 s, by netstat's for a
   * week: seen by one of them until 65 s before the end, so 65 s. */
  g_assert_cmpint (liaison_client_row_get_silent (row_of (rows, "10.0.0.9")), ==, 65000);
  /* Its lane has both: the seed's spans and its netstat run. */
  {
    LiaisonTimelineLane lane = liaison_client_row_get_lane (row_of (rows, "10.0.0.9"));
    g_autofree char *activity = liaison_client_row_dup_text (row_of (rows, "10.0.0.9"), LIAISON_CLIENT_COLUMN_ACTIVITY);

    g_assert_cmpuint (lane.n_runs, ==, 1);
    g_assert_cmpuint (lane.n_gaps, ==, 1);
    g_assert_cmpint (lane.silent_end, ==, liaison_test_time ("2026-11-27T00:05:00Z"));
    g_assert_cmpstr (activity, ==, "10.0.0.9: active 1 min 35 s, gap 1 min 5 s, silent for 1 min 5 s; "
                                   "seen by netstat in 1 run");
  }
}

/* Each column sorts by its figure, a figure never measured first, ties by
 * the client's address in numeric order (10.0.0.9 before 10.0.0.10). */
static void
test_sort (void)
{
  static const struct
  {
    LiaisonClientColumn column;
    const char         *first;
  } cases[] = {
    { LIAISON_CLIENT_COLUMN_CLIENT, "10.0.0.9" },
    { LIAISON_CLIENT_COLUMN_DEVICE, "10.0.0.9" },
    { LIAISON_CLIENT_COLUMN_PERSISTENCE, "10.0.0.9" },
    { LIAISON_CLIENT_COLUMN_WEIGHT, "10.0.0.10" },
    { LIAISON_CLIENT_COLUMN_NETSTAT_SAMPLES, "10.0.0.9" },
    { LIAISON_CLIENT_COLUMN_NETFLOW_EVENTS, "10.0.0.10" },
    { LIAISON_CLIENT_COLUMN_ACTIVE, "10.0.0.10" },
    { LIAISON_CLIENT_COLUMN_GAP, "10.0.0.10" },
    { LIAISON_CLIENT_COLUMN_SILENT, "10.0.0.9" },
    { LIAISON_CLIENT_COLUMN_LAST_FOUND, "10.0.0.10" },
    { LIAISON_CLIENT_COLUMN_ACTIVITY, "10.0.0.9" },
  };
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GPtrArray) rows = rows_of_443 (f);
  LiaisonClientRow *nine = row_of (rows, "10.0.0.9");
  LiaisonClientRow *ten = row_of (rows, "10.0.0.10");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      LiaisonClientRow *first = g_str_equal (cases[i].first, "10.0.0.9") ? nine : ten;
      LiaisonClientRow *second = first == nine ? ten : nine;

      g_test_message ("column %u", cases[i].column);
      g_assert_cmpint (liaison_client_row_compare (first, second, cases[i].column), <, 0);
      g_assert_cmpint (liaison_client_row_compare (second, first, cases[i].column), >, 0);
      g_assert_cmpint (liaison_client_row_compare (first, first, cases[i].column), ==, 0);
    }
}

/* A filter keeps the rows that match all of it. */
static void
test_filter (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GPtrArray) rows = rows_of_443 (f);
  LiaisonClientRow *nine = row_of (rows, "10.0.0.9");
  LiaisonClientRow *ten = row_of (rows, "10.0.0.10");
  LiaisonClientFilter filter = {
    .data_end = liaison_test_time ("2026-11-28T00:00:00Z"),
    .range_start = LIAISON_TIME_NONE,
    .range_end = LIAISON_TIME_NONE,
  };

  g_assert_true (liaison_client_row_matches (nine, &filter));
  g_assert_true (liaison_client_row_matches (ten, &filter));

  /* A search in the address */
  filter.search = "0.10";
  g_assert_false (liaison_client_row_matches (nine, &filter));
  g_assert_true (liaison_client_row_matches (ten, &filter));
  filter.search = NULL;

  /* Silent a day or more */
  filter.silent_at_least = 86400000;
  g_assert_false (liaison_client_row_matches (nine, &filter));
  g_assert_true (liaison_client_row_matches (ten, &filter));
  filter.silent_at_least = 0;

  /* Seen in the last day before the data's end: netflow saw 10.0.0.9 on
   * the 27th; netstat saw 10.0.0.10 last on the 23rd. */
  filter.seen_within = 86400000;
  g_assert_true (liaison_client_row_matches (nine, &filter));
  g_assert_false (liaison_client_row_matches (ten, &filter));
  filter.seen_within = 0;

  /* Seen from the 22nd to the 24th: a run of 10.0.0.10 on the 23rd. */
  filter.range_start = liaison_test_time ("2026-11-22T00:00:00Z");
  filter.range_end = liaison_test_time ("2026-11-24T00:00:00Z");
  g_assert_false (liaison_client_row_matches (nine, &filter));
  g_assert_true (liaison_client_row_matches (ten, &filter));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client-row/cells", test_cells);
  g_test_add_func ("/client-row/sort", test_sort);
  g_test_add_func ("/client-row/filter", test_filter);

  return g_test_run ();
}
