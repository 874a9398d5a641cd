/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "liaison-export.h"
#include "liaison-netstat-statistics-private.h"
#include "liaison-store-private.h"
#include "liaison-test-fixture.h"

/* Activity runs (statistics.md 3.6) as netstat samples make them: worked
 * by hand on a week of samples, in every order, and from a database of the
 * version before runs. Runs read as "[12-01T00:00 12-02T00:00]". */

static void
append_runs (GString      *text,
             const GArray *runs,
             gboolean      first_unknown)
{
  for (guint i = 0; i < runs->len; i++)
    {
      const LiaisonRun *run = &g_array_index (runs, LiaisonRun, i);
      char first[LIAISON_TIME_STRLEN], last[LIAISON_TIME_STRLEN];

      liaison_time_to_string (run->first, first);
      liaison_time_to_string (run->last, last);
      /* Month, day, hours and minutes. */
      first[16] = last[16] = '\0';
      g_string_append_printf (text, "%s[%s %s]%s", i > 0 ? " " : "", first + 5, last + 5,
                              i == 0 && first_unknown ? "?" : "");
    }
}

/* The runs of one statistics record. */
static char *
record_runs (GPtrArray  *records,
             const char *listener_ip,
             guint       port,
             const char *client_ip)
{
  const LiaisonStatRecord *r = liaison_test_find_record (records, listener_ip, port, client_ip, NULL);
  GString *text = g_string_new (NULL);

  g_assert_true (r->has_netstat);
  append_runs (text, r->ns_runs, r->ns_first_run_unknown);
  /* The runs begin at first found and end at last found. */
  g_assert_cmpint (g_array_index (r->ns_runs, LiaisonRun, 0).first, ==, r->ns_first_found);
  g_assert_cmpint (g_array_index (r->ns_runs, LiaisonRun, r->ns_runs->len - 1).last, ==, r->ns_last_found);
  return g_string_free (text, FALSE);
}

/* The runs of the classic record of @process. */
static char *
classic_runs (GPtrArray  *classic,
              const char *process)
{
  for (guint i = 0; i < classic->len; i++)
    {
      const LiaisonClassicRecord *r = g_ptr_array_index (classic, i);

      if (g_str_equal (r->client_process_name, process))
        {
          GString *text = g_string_new (NULL);

          append_runs (text, r->runs, r->first_run_unknown);
          return g_string_free (text, FALSE);
        }
    }
  g_error ("no classic record of %s", process);
  return NULL;
}

#define assert_record_runs(records, listener, port, client, expected) \
  G_STMT_START { \
    g_autofree char *runs_ = record_runs ((records), (listener), (port), (client)); \
    g_assert_cmpstr (runs_, ==, (expected)); \
  } G_STMT_END

#define assert_classic_runs(classic, process, expected) \
  G_STMT_START { \
    g_autofree char *runs_ = classic_runs ((classic), (process)); \
    g_assert_cmpstr (runs_, ==, (expected)); \
  } G_STMT_END

/* The week of web01 (the fixture's): 443 listens every day, 8080 only on
 * the weekends, PostgreSQL on loopback until the next Saturday. */
static void
test_week (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) classic = NULL;

  liaison_test_import_web01_week (f);
  records = liaison_test_records (f->store);
  classic = liaison_test_classic (f->store);

  /* Friday and Saturday; Monday found 443 without it. */
  assert_record_runs (records, "10.0.0.5", 443, "10.0.0.9", "[11-20T00:00 11-21T00:00]");
  /* A client that comes and goes: Saturday found 443 without it. */
  assert_record_runs (records, "10.0.0.5", 443, "10.0.0.10", "[11-20T00:00 11-20T00:00] [11-23T00:00 11-23T00:00]");
  /* The weekend-only service: on Monday nothing found 8080, which breaks
   * nothing, so both Saturdays are one run. */
  assert_record_runs (records, "10.0.0.5", 8080, "10.0.0.11", "[11-21T00:00 11-28T00:00]");
  assert_record_runs (records, "10.0.0.5", 22, "10.0.0.30", "[11-20T00:00 11-20T00:00]");
  assert_record_runs (records, "127.0.0.1", 5432, "127.0.0.1", "[11-20T00:00 11-20T00:00]");

  /* The moments that discovered each listener: the ticks of its timeline. */
  {
    static const struct { const char *ip; guint port; const char *moments; } cases[] = {
      { "10.0.0.5", 443, "11-20 11-21 11-23 11-28" },
      { "10.0.0.5", 8080, "11-21 11-28" },
      { "127.0.0.1", 5432, "11-20 11-21 11-23" },
      { "10.0.0.5", 22, "11-20" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (LiaisonTime));
        g_autoptr(GString) text = g_string_new (NULL);
        g_autoptr(GError) error = NULL;

        g_assert_true (liaison_statistics_listener_moments (f->store, "web01", cases[i].ip, cases[i].port, "tcp",
                                                            times, &error));
        g_assert_no_error (error);
        for (guint k = 0; k < times->len; k++)
          {
            char iso[LIAISON_TIME_STRLEN];

            liaison_time_to_string (g_array_index (times, LiaisonTime, k), iso);
            iso[10] = '\0';
            g_string_append_printf (text, "%s%s", k > 0 ? " " : "", iso + 5);
          }
        g_assert_cmpstr (text->str, ==, cases[i].moments);
      }
  }

  /* Classic records count every sample of their host (3.4): curl ran on
   * Friday and Saturday, and Monday's sample ended its run. */
  assert_classic_runs (classic, "curl", "[11-20T00:00 11-21T00:00]");
  assert_classic_runs (classic, "psql", "[11-20T00:00 11-20T00:00]");
}

/* Six days of web02 (10.0.0.6). 443 listens every day but the fourth, when
 * it is down; 8080 only on the second and the sixth. A connects on days
 * 1, 2, 3, 5; B on 1, 3, 6; C (8080) on 2 and 6; D (8080) on 2; psql on
 * web02 reaches 10.0.0.7:5432 on days 1, 2, 4, 5. Every connection's
 * listener listens in its sample, so each is inbound whatever came before. */
#define WEB02_LISTEN_443  "LISTEN     0      128     0.0.0.0:443          0.0.0.0:*\n"
#define WEB02_LISTEN_8080 "LISTEN     0      128     10.0.0.6:8080        0.0.0.0:*\n"
#define WEB02_IN(client, port, client_port) \
  "ESTAB      0      0       10.0.0.6:" port "         " client ":" client_port "\n"
#define WEB02_PSQL(port) \
  "ESTAB      0      0       10.0.0.6:" port "       10.0.0.7:5432      users:((\"psql\",pid=50,fd=3))\n"

static const char *const web02_days[] = {
  LIAISON_TEST_SS_HEADER WEB02_LISTEN_443
  WEB02_IN ("10.0.1.1", "443", "50001") WEB02_IN ("10.0.1.2", "443", "50002") WEB02_PSQL ("41001"),
  LIAISON_TEST_SS_HEADER WEB02_LISTEN_443 WEB02_LISTEN_8080
  WEB02_IN ("10.0.1.1", "443", "50003") WEB02_IN ("10.0.1.3", "8080", "50004")
  WEB02_IN ("10.0.1.4", "8080", "50005") WEB02_PSQL ("41002"),
  LIAISON_TEST_SS_HEADER WEB02_LISTEN_443
  WEB02_IN ("10.0.1.1", "443", "50006") WEB02_IN ("10.0.1.2", "443", "50007"),
  LIAISON_TEST_SS_HEADER WEB02_PSQL ("41003"),
  LIAISON_TEST_SS_HEADER WEB02_LISTEN_443
  WEB02_IN ("10.0.1.1", "443", "50008") WEB02_PSQL ("41004"),
  LIAISON_TEST_SS_HEADER WEB02_LISTEN_443 WEB02_LISTEN_8080
  WEB02_IN ("10.0.1.2", "443", "50009") WEB02_IN ("10.0.1.3", "8080", "50010"),
};

/* Worked by hand from the table above. */
static const char web02_runs[] =
  "10.0.1.1: [12-01T00:00 12-05T00:00]\n"
  "10.0.1.2: [12-01T00:00 12-01T00:00] [12-03T00:00 12-03T00:00] [12-06T00:00 12-06T00:00]\n"
  "10.0.1.3: [12-02T00:00 12-06T00:00]\n"
  "10.0.1.4: [12-02T00:00 12-02T00:00]\n"
  "psql: [12-01T00:00 12-02T00:00] [12-04T00:00 12-05T00:00]\n";

static LiaisonTime
web02_day (guint day)
{
  return liaison_test_time ("2026-12-01T00:00:00Z") + (LiaisonTime) day * 86400000;
}

/* Every record's runs, and the figures that do not depend on the order. */
static char *
describe_runs (LiaisonStore *store)
{
  g_autoptr(GPtrArray) records = liaison_test_records (store);
  g_autoptr(GPtrArray) classic = liaison_test_classic (store);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < records->len; i++)
    {
      const LiaisonStatRecord *r = g_ptr_array_index (records, i);
      g_autofree char *runs = record_runs (records, r->listener_ip, r->port, r->client_ip);

      g_string_append_printf (text, "%s: %s\n", r->client_ip, runs);
    }
  for (guint i = 0; i < classic->len; i++)
    {
      const LiaisonClassicRecord *r = g_ptr_array_index (classic, i);
      g_autofree char *runs = classic_runs (classic, r->client_process_name);

      g_string_append_printf (text, "%s: %s\n", r->client_process_name, runs);
    }
  return g_string_free (text, FALSE);
}

/* The next permutation of @order in lexicographic order; FALSE after the last. */
static gboolean
next_permutation (guint *order,
                  guint  n)
{
  guint i = n - 1, j = n - 1;

  while (i > 0 && order[i - 1] >= order[i])
    i--;
  if (i == 0)
    return FALSE;
  while (order[j] <= order[i - 1])
    j--;
  { guint t = order[i - 1]; order[i - 1] = order[j]; order[j] = t; }
  for (j = n - 1; i < j; i++, j--)
    { guint t = order[i]; order[i] = order[j]; order[j] = t; }
  return TRUE;
}

/* The same runs in each of the 720 orders of the six samples: late samples
 * extend, join and split runs, and the fourth day (443 not discovered)
 * breaks none of them. */
static void
test_every_order (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  LiaisonNetstatTable *tables[G_N_ELEMENTS (web02_days)];
  guint order[G_N_ELEMENTS (web02_days)];
  guint orders = 0;

  for (guint i = 0; i < G_N_ELEMENTS (web02_days); i++)
    {
      g_autoptr(GError) error = NULL;

      tables[i] = liaison_netstat_parse ("web02", web02_days[i], strlen (web02_days[i]), &error);
      g_assert_no_error (error);
      order[i] = i;
    }

  do
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *runs = NULL;

      /* Each order from the same empty database: applied in a transaction
       * that is rolled back. */
      g_assert_true (liaison_store_begin (f->store, &error));
      for (guint i = 0; i < G_N_ELEMENTS (order); i++)
        {
          g_assert_true (liaison_statistics_apply_netstat (f->store, "web02", web02_day (order[i]),
                                                           tables[order[i]], &error));
          g_assert_no_error (error);
        }
      runs = describe_runs (f->store);
      liaison_store_rollback (f->store);

      if (g_strcmp0 (runs, web02_runs) != 0)
        {
          g_autoptr(GString) name = g_string_new (NULL);

          for (guint i = 0; i < G_N_ELEMENTS (order); i++)
            g_string_append_printf (name, " %u", order[i] + 1);
          g_test_message ("days in the order%s", name->str);
        }
      g_assert_cmpstr (runs, ==, web02_runs);
      orders++;
    }
  while (next_permutation (order, G_N_ELEMENTS (order)));

  g_assert_cmpuint (orders, ==, 720);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    liaison_netstat_table_free (tables[i]);
}

/* Applies web02's sample of @day (0 is December 1st). */
static void
apply_web02_day (LiaisonTestFixture *f,
                 guint               day)
{
  g_autoptr(GError) error = NULL;
  LiaisonNetstatTable *table = liaison_netstat_parse ("web02", web02_days[day], strlen (web02_days[day]), &error);

  g_assert_no_error (error);
  g_assert_true (liaison_statistics_apply_netstat (f->store, "web02", web02_day (day), table, &error));
  g_assert_no_error (error);
  liaison_netstat_table_free (table);
}

/* A late sample splits a run only where its listener was discovered and
 * its record was not active; the parts end and start at the moments
 * around it that discovered the listener. One where the listener was not
 * discovered splits nothing. */
static void
test_late_split (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();

  apply_web02_day (f, 0);
  apply_web02_day (f, 2);
  apply_web02_day (f, 4);
  {
    g_autoptr(GPtrArray) records = liaison_test_records (f->store);
    g_autoptr(GPtrArray) classic = liaison_test_classic (f->store);

    assert_record_runs (records, "10.0.0.6", 443, "10.0.1.1", "[12-01T00:00 12-05T00:00]");
    /* B on days 1 and 3, nothing between them yet: one run. */
    assert_record_runs (records, "10.0.0.6", 443, "10.0.1.2", "[12-01T00:00 12-03T00:00]");
    assert_classic_runs (classic, "psql", "[12-01T00:00 12-01T00:00] [12-05T00:00 12-05T00:00]");
  }

  /* Day 2 comes late: 443 listens, B is not there: B's run splits. psql
   * was there: its first run grows to it. */
  apply_web02_day (f, 1);
  {
    g_autoptr(GPtrArray) records = liaison_test_records (f->store);
    g_autoptr(GPtrArray) classic = liaison_test_classic (f->store);

    assert_record_runs (records, "10.0.0.6", 443, "10.0.1.1", "[12-01T00:00 12-05T00:00]");
    assert_record_runs (records, "10.0.0.6", 443, "10.0.1.2", "[12-01T00:00 12-01T00:00] [12-03T00:00 12-03T00:00]");
    assert_classic_runs (classic, "psql", "[12-01T00:00 12-02T00:00] [12-05T00:00 12-05T00:00]");
  }

  /* Day 4 comes late: 443 is down, A is not there, and nothing breaks;
   * psql was there, and joins day 5. */
  apply_web02_day (f, 3);
  {
    g_autoptr(GPtrArray) records = liaison_test_records (f->store);
    g_autoptr(GPtrArray) classic = liaison_test_classic (f->store);

    assert_record_runs (records, "10.0.0.6", 443, "10.0.1.1", "[12-01T00:00 12-05T00:00]");
    assert_classic_runs (classic, "psql", "[12-01T00:00 12-02T00:00] [12-04T00:00 12-05T00:00]");
  }
}

/* Applies the socket table @text of web01 at @time. */
static void
apply_web01 (LiaisonTestFixture *f,
             const char         *time,
             const char         *text)
{
  g_autoptr(GError) error = NULL;
  LiaisonNetstatTable *table = liaison_netstat_parse ("web01", text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_true (liaison_statistics_apply_netstat (f->store, "web01", liaison_test_time (time), table, &error));
  g_assert_no_error (error);
  liaison_netstat_table_free (table);
}

/* The schema version before the activity runs' migration (the last in
 * src/core/liaison-store-schema.c). */
#define VERSION_BEFORE_RUNS 4

/* A database of the version before runs: each record with a netstat part
 * (and each classic record) gets one run from first to last found, not
 * known in between; it is never split, and new samples make runs after it. */
static void
test_migration (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autofree char *document = NULL;

  liaison_test_import_web01_week (f);

  /* The same database as the version before runs kept it. */
  g_assert_cmpint (sqlite3_exec (liaison_store_get_db (f->store),
                                 "ALTER TABLE stat_record DROP COLUMN ns_runs;"
                                 "ALTER TABLE classic_stat DROP COLUMN runs;"
                                 "DROP TABLE netstat_moments;"
                                 "DROP TABLE discovered_set;"
                                 LIAISON_TEST_SEARCH_INDEX_OF_ROWS
                                 "PRAGMA user_version = " G_STRINGIFY (VERSION_BEFORE_RUNS) ";",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_object (&f->store);
  f->store = liaison_store_open (f->db, &error);
  g_assert_no_error (error);

  {
    g_autoptr(GPtrArray) records = liaison_test_records (f->store);
    g_autoptr(GPtrArray) classic = liaison_test_classic (f->store);

    /* "?": the first run is not known in between. */
    assert_record_runs (records, "10.0.0.5", 443, "10.0.0.9", "[11-20T00:00 11-21T00:00]?");
    assert_record_runs (records, "10.0.0.5", 443, "10.0.0.10", "[11-20T00:00 11-23T00:00]?");
    assert_record_runs (records, "10.0.0.5", 22, "10.0.0.30", "[11-20T00:00 11-20T00:00]?");
    assert_classic_runs (classic, "curl", "[11-20T00:00 11-21T00:00]?");
  }

  /* The export says since when the runs are known. */
  g_assert_true (liaison_export_statistics (f->store, NULL, 0, memory, NULL, &error));
  g_assert_no_error (error);
  document = liaison_test_memory_text (memory);
  g_assert_nonnull (strstr (document,
                            "        \"runs\": [[\"2026-11-20T00:00:00Z\", \"2026-11-23T00:00:00Z\"]],\n"
                            "        \"runs_known_since\": \"2026-11-23T00:00:00Z\"\n"));

  /* A new sample after them, then one that comes late inside them. */
  apply_web01 (f, "2026-11-30T00:00:00Z", liaison_test_web01_monday);
  apply_web01 (f, "2026-11-22T00:00:00Z", liaison_test_web01_saturday);
  {
    g_autoptr(GPtrArray) records = liaison_test_records (f->store);
    g_autoptr(GPtrArray) classic = liaison_test_classic (f->store);

    /* Active after its old run: a run of its own, never an extension. */
    assert_record_runs (records, "10.0.0.5", 443, "10.0.0.9", "[11-20T00:00 11-21T00:00]? [11-22T00:00 11-22T00:00]");
    /* Not active on the 22nd, inside a run not known in between: kept. */
    assert_record_runs (records, "10.0.0.5", 443, "10.0.0.10", "[11-20T00:00 11-23T00:00]? [11-30T00:00 11-30T00:00]");
    assert_classic_runs (classic, "curl", "[11-20T00:00 11-21T00:00]? [11-22T00:00 11-22T00:00]");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/netstat-runs/week", test_week);
  g_test_add_func ("/netstat-runs/every-order", test_every_order);
  g_test_add_func ("/netstat-runs/late-split", test_late_split);
  liaison_test_add_file_func ("/netstat-runs/migration", test_migration);

  return g_test_run ();
}
