/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sys/time.h>

#include "liaison-error.h"
#include "liaison-test-fixture.h"

/* Importing samples (cli.md): sample times, refusals and rollbacks,
 * cancelling, telling the kind of a file. */

/* Sample times ---------------------------------------------------------------- */

static void
test_netstat_file_time (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = liaison_test_write_file (f, "sample.txt", liaison_test_web01_monday);
  const char *paths[] = { path, NULL };
  LiaisonImportOptions options = { 0 };
  struct timeval times[2] = { { 1764201600, 0 }, { 1764201600, 0 } };   /* 2025-11-27T00:00:00Z */

  g_assert_cmpint (utimes (path, times), ==, 0);
  options.kind = LIAISON_SAMPLE_NETSTAT;
  options.host = "web01";
  options.time = LIAISON_TIME_NONE;
  options.start = LIAISON_TIME_NONE;
  g_assert_true (liaison_import_files (f->store, &options, paths, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT sample_time FROM sample"), ==, liaison_test_time ("2025-11-27T00:00:00Z"));
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT ns_first_found FROM stat_record"), ==, liaison_test_time ("2025-11-27T00:00:00Z"));
}

/* A netflow import of I = 60 s with no --start. */
static LiaisonImportOptions
netflow_options (void)
{
  LiaisonImportOptions options = { 0 };

  options.kind = LIAISON_SAMPLE_NETFLOW;
  options.interval = 60;
  options.time = LIAISON_TIME_NONE;
  options.start = LIAISON_TIME_NONE;
  return options;
}

static gboolean
import_with_start (LiaisonTestFixture  *f,
                   const char          *start,
                   const char * const  *paths,
                   GError             **error)
{
  LiaisonImportOptions options = netflow_options ();

  options.start = start != NULL ? liaison_test_time (start) : LIAISON_TIME_NONE;
  return liaison_import_files (f->store, &options, paths, NULL, NULL, NULL, NULL, error);
}

#define ICMP_ONLY LIAISON_TEST_CSV_HEADER \
  "2026-11-27T00:05:10Z,,10.0.0.9,,10.0.0.5,8,icmp\n"

/* statistics.md 4: a file's records place its sample window; --start
 * names the window only of a file with no usable record, on the epoch grid. */
static void
test_netflow_start_option (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = liaison_test_write_file (f, "flows.csv", liaison_test_seed_files[0]);
  g_autofree char *icmp = liaison_test_write_file (f, "icmp.csv", ICMP_ONLY);
  const char *paths[] = { path, NULL };
  const char *icmp_paths[] = { icmp, NULL };
  g_autoptr(GPtrArray) records = NULL;

  /* within one interval of the records (00:01:15 to 00:01:45): accepted, and the records decide */
  g_assert_true (import_with_start (f, "2026-11-27T00:01:30Z", paths, &error));
  g_assert_no_error (error);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT window_start FROM sample"), ==, liaison_test_time ("2026-11-27T00:01:00Z"));
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT window_end FROM sample"), ==, liaison_test_time ("2026-11-27T00:02:00Z"));
  records = liaison_test_records (f->store);
  g_assert_cmpint (liaison_test_find_record (records, "10.0.0.5", 443, "10.0.0.9", NULL)->nf_pending_ms, ==, 15000);

  /* no usable record: --start names the window that holds it */
  g_assert_true (import_with_start (f, "2026-11-27T00:05:30Z", icmp_paths, &error));
  g_assert_no_error (error);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT window_start FROM sample WHERE file_name LIKE '%icmp.csv'"),
                   ==, liaison_test_time ("2026-11-27T00:05:00Z"));
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT window_end FROM sample WHERE file_name LIKE '%icmp.csv'"),
                   ==, liaison_test_time ("2026-11-27T00:06:00Z"));
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT records FROM sample WHERE file_name LIKE '%icmp.csv'"), ==, 0);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM stat_record"), ==, 1);
}

/* issue 15: --start more than one interval from the file's records is bad
 * input, naming both times; nothing is imported. */
static void
test_netflow_start_far (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = liaison_test_write_file (f, "flows.csv", liaison_test_seed_files[0]);
  g_autofree char *before = liaison_test_dump_database (f->store);
  g_autofree char *after = NULL;
  g_autofree char *expected = NULL;
  const char *paths[] = { path, NULL };

  g_assert_false (import_with_start (f, "1990-01-01T00:00:00Z", paths, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
  expected = g_strdup_printf ("%s: --start 1990-01-01T00:00:00Z is more than one interval (60 s) from the "
                              "file's records (2026-11-27T00:01:15Z to 2026-11-27T00:01:45Z)", path);
  g_assert_cmpstr (error->message, ==, expected);
  after = liaison_test_dump_database (f->store);
  g_assert_cmpstr (after, ==, before);
  g_clear_error (&error);

  /* one interval and a second away, on either side */
  g_assert_false (import_with_start (f, "2026-11-27T00:00:14Z", paths, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (import_with_start (f, "2026-11-27T00:02:46Z", paths, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
  g_clear_error (&error);

  /* exactly one interval away is within it */
  g_assert_true (import_with_start (f, "2026-11-27T00:02:45Z", paths, &error));
  g_assert_no_error (error);
}

/* A text file with no usable record and no --start: nothing tells its window. */
static void
test_netflow_needs_start (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *icmp = liaison_test_write_file (f, "icmp.csv", ICMP_ONLY);
  g_autofree char *expected = NULL;
  const char *paths[] = { icmp, NULL };

  g_assert_false (import_with_start (f, NULL, paths, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
  expected = g_strdup_printf ("%s: no record is a service communication (skipped 1 record: 1 ICMP), so nothing "
                              "tells which sample window the file covers: give it with --start", icmp);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM sample"), ==, 0);
}

/* Refusals and rollbacks --------------------------------------------------- */

static void
test_duplicate_refused (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *first = liaison_test_write_file (f, "seed-1.csv", liaison_test_seed_files[0]);
  g_autofree char *copy = liaison_test_write_file (f, "copy-of-seed-1.csv", liaison_test_seed_files[0]);
  g_autofree char *second = liaison_test_write_file (f, "seed-2.csv", liaison_test_seed_files[1]);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected = NULL;
  const char *again[] = { second, copy, NULL };
  const char *twice[] = { second, second, NULL };

  liaison_test_import_netflow_file (f, 60, first);
  before = liaison_test_dump_database (f->store);

  g_assert_false (liaison_test_import_netflow (f, 60, again, NULL, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE);
  g_assert_true (g_str_has_prefix (error->message, copy));
  expected = g_strdup_printf ("%s: already imported (on ", copy);
  g_assert_true (g_str_has_prefix (error->message, expected));
  g_assert_nonnull (strstr (error->message, first));
  g_assert_true (liaison_error_is_bad_input (error));
  /* The error carries the time it names, through a copy too (a job's
   * result), for the application to say it its own way. */
  {
    g_autoptr(GError) copy_of_error = g_error_copy (error);
    char when[LIAISON_TIME_STRLEN];

    g_assert_cmpint (liaison_error_get_time (copy_of_error), !=, LIAISON_TIME_NONE);
    g_assert_cmpint (liaison_error_get_time (copy_of_error), ==, liaison_error_get_time (error));
    liaison_time_to_string (liaison_error_get_time (error), when);
    g_assert_nonnull (strstr (error->message, when));
  }
  after = liaison_test_dump_database (f->store);
  g_assert_cmpstr (after, ==, before);
  g_clear_error (&error);
  g_clear_pointer (&after, g_free);

  /* The same file twice in one batch. */
  g_assert_false (liaison_test_import_netflow (f, 60, twice, NULL, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE);
  g_assert_true (g_str_has_prefix (error->message, second));
  g_assert_cmpint (liaison_error_get_time (error), ==, LIAISON_TIME_NONE);
  after = liaison_test_dump_database (f->store);
  g_assert_cmpstr (after, ==, before);
}

/* A netstat sample of @host at @time, with its summary. */
static void
import_netstat_summary (LiaisonTestFixture   *f,
                        const char           *name,
                        const char           *time,
                        const char           *content,
                        LiaisonImportSummary *summary)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = liaison_test_write_file (f, name, content);
  const char *paths[] = { path, NULL };
  LiaisonImportOptions options = { 0 };

  options.kind = LIAISON_SAMPLE_NETSTAT;
  options.host = "web01";
  options.time = liaison_test_time (time);
  options.start = LIAISON_TIME_NONE;
  g_assert_true (liaison_import_files (f->store, &options, paths, NULL, NULL, NULL, summary, &error));
  g_assert_no_error (error);
}

/* A later snapshot of what was imported says how many service
 * communications it updated, not only the new ones (none, often). */
static void
test_summary_updated (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *first = liaison_test_write_file (f, "seed-1.csv", liaison_test_seed_files[0]);
  g_autofree char *second = liaison_test_write_file (f, "seed-2.csv", liaison_test_seed_files[1]);
  const char *one[] = { first, NULL };
  const char *two[] = { second, NULL };
  LiaisonImportSummary summary;
  gint64 before, seen_again;

  /* Netflow: the pair is new, then seen again. */
  g_assert_true (liaison_test_import_netflow (f, 60, one, &summary, &error));
  g_assert_cmpuint (summary.new_communications, ==, 1);
  g_assert_cmpuint (summary.updated_communications, ==, 0);
  g_assert_true (liaison_test_import_netflow (f, 60, two, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.new_communications, ==, 0);
  g_assert_cmpuint (summary.updated_communications, ==, 1);

  /* Netstat, on a database of its own: every conversation of Friday that
   * Saturday sees again is updated, once each, and none that Saturday adds. */
  g_clear_pointer (&f, liaison_test_fixture_free);
  f = liaison_test_fixture_new ();
  import_netstat_summary (f, "friday.txt", "2026-11-20T00:00:00Z", liaison_test_web01_friday, &summary);
  g_assert_cmpuint (summary.new_communications, >, 0);
  g_assert_cmpuint (summary.updated_communications, ==, 0);
  before = liaison_test_query_int (f->store, "SELECT max(id) FROM communication");

  import_netstat_summary (f, "saturday.txt", "2026-11-21T00:00:00Z", liaison_test_web01_saturday, &summary);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM communication WHERE id <= %" G_GINT64_FORMAT
                                            " AND last_detected = %" G_GINT64_FORMAT,
                                            before, liaison_test_time ("2026-11-21T00:00:00Z"));

    seen_again = liaison_test_query_int (f->store, sql);
  }
  g_assert_cmpint (seen_again, >, 0);
  g_assert_cmpuint (summary.updated_communications, ==, seen_again);
  g_assert_cmpuint (summary.new_communications, ==,
                    liaison_test_query_int (f->store, "SELECT max(id) FROM communication") - before);
}

static void
test_bad_file_rolls_back (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *first = liaison_test_write_file (f, "seed-1.csv", liaison_test_seed_files[0]);
  g_autofree char *second = liaison_test_write_file (f, "seed-2.csv", liaison_test_seed_files[1]);
  g_autofree char *third = liaison_test_write_file (f, "seed-3.csv", liaison_test_seed_files[2]);
  g_autofree char *bad = liaison_test_write_file (f, "bad.csv", LIAISON_TEST_CSV_HEADER
                                                     "2026-11-27T00:04:10Z,,10.0.0.9,51007,10.0.0.5,443,tcp\n"
                                                     "2026-11-27T00:04:20Z,,10.0.0.9,51008,10.0.0.300,443,tcp\n");
  g_autofree char *missing = g_build_filename (f->dir, "no-such-file.csv", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *batch[] = { second, bad, third, NULL };
  const char *batch_missing[] = { second, third, missing, NULL };
  const char *good[] = { second, third, NULL };

  liaison_test_import_netflow_file (f, 60, first);
  before = liaison_test_dump_database (f->store);

  g_assert_false (liaison_test_import_netflow (f, 60, batch, NULL, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, bad));
  after = liaison_test_dump_database (f->store);
  g_assert_cmpstr (after, ==, before);
  g_clear_error (&error);
  g_clear_pointer (&after, g_free);

  g_assert_false (liaison_test_import_netflow (f, 60, batch_missing, NULL, &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, missing));
  after = liaison_test_dump_database (f->store);
  g_assert_cmpstr (after, ==, before);
  g_clear_error (&error);

  /* A netstat import without a host is refused before anything is read. */
  {
    LiaisonImportOptions options = { 0 };

    options.kind = LIAISON_SAMPLE_NETSTAT;
    options.time = LIAISON_TIME_NONE;
    options.start = LIAISON_TIME_NONE;
    g_assert_false (liaison_import_files (f->store, &options, good, NULL, NULL, NULL, NULL, &error));
    g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* The good files still import afterwards, giving the seed figures. */
  g_assert_true (liaison_test_import_netflow (f, 60, good, NULL, &error));
  g_assert_no_error (error);
  liaison_test_assert_seed_figures (f);
}

typedef struct
{
  GCancellable *cancellable;
  guint         calls;
  guint         total;
} ProgressData;

static void
cancel_after_first (guint    done,
                    guint    total,
                    double   within,
                    gpointer user_data)
{
  ProgressData *data = user_data;

  data->calls++;
  data->total = total;
  g_assert_cmpuint (done, ==, data->calls);
  if (done == 1)
    g_cancellable_cancel (data->cancellable);
}

static void
count_progress (guint    done,
                guint    total,
                double   within,
                gpointer user_data)
{
  ProgressData *data = user_data;

  data->calls++;
  data->total = total;
  g_assert_cmpuint (done, ==, data->calls);
}

static void
test_cancel_rolls_back (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *first = liaison_test_write_file (f, "seed-1.csv", liaison_test_seed_files[0]);
  g_autofree char *second = liaison_test_write_file (f, "seed-2.csv", liaison_test_seed_files[1]);
  g_autofree char *third = liaison_test_write_file (f, "seed-3.csv", liaison_test_seed_files[2]);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *paths[] = { third, first, second, NULL };
  LiaisonImportOptions options = netflow_options ();
  ProgressData progress = { cancellable, 0, 0 };

  before = liaison_test_dump_database (f->store);
  g_assert_false (liaison_import_files (f->store, &options, paths, cancellable,
                                        cancel_after_first, &progress, NULL, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_CANCELLED);
  g_assert_cmpuint (progress.calls, ==, 1);
  g_assert_cmpuint (progress.total, ==, 3);
  after = liaison_test_dump_database (f->store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM stat_record"), ==, 0);
  g_clear_error (&error);

  /* Not cancelled: one progress call per file. */
  memset (&progress, 0, sizeof progress);
  g_assert_true (liaison_import_files (f->store, &options, paths, NULL,
                                       count_progress, &progress, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (progress.calls, ==, 3);
  liaison_test_assert_seed_figures (f);
}

/* Files in time order are read one at a time, each while the one before
 * is applied, not sooner: memory holds two files, whatever their number.
 * The third file, turned bad once the first is applied, is read bad, and
 * undoes it all. (Whether the second was read before or after that moment
 * depends on the cores, so it is left alone.) */
typedef struct
{
  const char *later;     /* rewritten after the first file */
  guint       calls;
} SpoilData;

static void
spoil_later_file (guint    done,
                  guint    total,
                  double   within,
                  gpointer user_data)
{
  SpoilData *data = user_data;
  g_autoptr(GError) error = NULL;

  data->calls++;
  if (done == 1 && within == 0)
    {
      g_file_set_contents (data->later, "this is no flow file\nnor is this\n", -1, &error);
      g_assert_no_error (error);
    }
}

static void
test_one_file_at_a_time (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *first = liaison_test_write_file (f, "seed-1.csv", liaison_test_seed_files[0]);
  g_autofree char *second = liaison_test_write_file (f, "seed-2.csv", liaison_test_seed_files[1]);
  g_autofree char *third = liaison_test_write_file (f, "seed-3.csv", liaison_test_seed_files[2]);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *paths[] = { first, second, third, NULL };
  LiaisonImportOptions options = netflow_options ();
  SpoilData data = { third, 0 };

  before = liaison_test_dump_database (f->store);
  g_assert_false (liaison_import_files (f->store, &options, paths, NULL, spoil_later_file, &data, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, third));
  g_assert_cmpuint (data.calls, ==, 2);
  after = liaison_test_dump_database (f->store);
  g_assert_cmpstr (after, ==, before);
}

/* The next file is read while one is applied; a Cancel then stops its
 * nfdump too, which would otherwise hold the import for ten minutes. */
static void
cancel_when_applied (guint    done,
                     guint    total,
                     double   within,
                     gpointer user_data)
{
  if (done == 1 && within == 0)
    g_cancellable_cancel (user_data);
}

static void
test_cancel_stops_read_ahead (void)
{
  g_autofree char *cat = g_find_program_in_path ("cat");
  g_autofree char *sleep = g_find_program_in_path ("sleep");
  g_autoptr(LiaisonTestFixture) f = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *script = NULL;
  g_autofree char *first = NULL;
  g_autofree char *slow = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  LiaisonImportOptions options = netflow_options ();

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  f = liaison_test_fixture_new ();
  script = g_strdup_printf ("case \"$*\" in *slow.nfcapd*) exec '%s' 600;; esac\nexec '%s' '%%1$s'\n",
                            sleep, cat);
  first = liaison_test_fake_nfdump (f, "1795737601.000,2026-11-27 00:00:01.999,"
                                       "10.0.7.1,10.1.0.1,40000,443,TCP\n", script);
  slow = liaison_test_write_file (f, "slow.nfcapd", "\x0c\xa5 a slow nfcapd file");
  {
    const char *paths[] = { first, slow, NULL };

    before = liaison_test_dump_database (f->store);
    g_assert_false (liaison_import_files (f->store, &options, paths, cancellable,
                                          cancel_when_applied, cancellable, NULL, &error));
  }
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_CANCELLED);
  g_assert_cmpstr (error->message, ==, "the import was cancelled; nothing was imported");
  after = liaison_test_dump_database (f->store);
  g_assert_cmpstr (after, ==, before);
}

typedef struct
{
  guint  calls;
  guint  within_calls;
  double last;
} WithinData;

static void
record_within (guint    done,
               guint    total,
               double   within,
               gpointer user_data)
{
  WithinData *data = user_data;
  double at = (done + within) / total;

  /* It never goes back, and stays inside the file under way. */
  g_assert_cmpfloat (at, >=, data->last);
  g_assert_cmpfloat (within, >=, 0);
  g_assert_cmpfloat (within, <, 1);
  data->last = at;
  data->calls++;
  if (within > 0)
    {
      g_assert_cmpuint (done, ==, 0);
      data->within_calls++;
    }
}

/* One file of 5,000 pairs: progress moves as its records are applied. */
static void
test_progress_within_file (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (LIAISON_TEST_CSV_HEADER);
  g_autofree char *path = NULL;
  const char *paths[] = { NULL, NULL };
  LiaisonImportOptions options = netflow_options ();
  WithinData data = { 0 };

  for (guint k = 0; k < 5000; k++)
    g_string_append_printf (text, "2026-11-27T00:00:%02uZ,,10.1.%u.%u,%u,10.9.%u.1,443,tcp\n",
                            k % 60, k / 250, k % 250 + 1, 40000 + k % 1000, k % 7);
  path = liaison_test_write_file (f, "pairs.csv", text->str);
  paths[0] = path;
  g_assert_true (liaison_import_files (f->store, &options, paths, NULL, record_within, &data, NULL, &error));
  g_assert_no_error (error);
  /* every 1,024 pairs of 5,000, then the file done */
  g_assert_cmpuint (data.within_calls, ==, 4);
  g_assert_cmpuint (data.calls, ==, 5);
  g_assert_cmpfloat (data.last, ==, 1.0);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM stat_record"), ==, 5000);
}

/* Another program's netstat sample: db01 listens on 10.0.0.20:40000. */
static void
commit_listener (LiaisonTestFixture *f)
{
  liaison_test_import_netstat_text (f, "db01", "2026-11-26T00:00:00Z",
                                    "State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n"
                                    "LISTEN 0      128    10.0.0.20:40000    0.0.0.0:*\n");
}

/* A file's flows are oriented as they are read, by the listeners known
 * before the import. A listener another program records after that read
 * and before the import's transaction still orients them: the file is
 * read again. Without the listener, 5000 would be the listening port
 * (40000 is ephemeral). */
static void
test_listener_known_meanwhile (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *path = liaison_test_write_file (f, "flows.csv",
                                                   LIAISON_TEST_NFDUMP_HEADER
                                                   LIAISON_TEST_NFDUMP_FLOW ("2026-11-27 00:00:01.000", "2026-11-27 00:00:02.000",
                                                                             "10.0.0.21", "10.0.0.20", "5000", "40000", "TCP")
                                                   LIAISON_TEST_NFDUMP_SUMMARY);
  const char *paths[] = { path, NULL };
  LiaisonImportOptions options = netflow_options ();
  LiaisonTestIntruder in = { f, "FROM sample WHERE content_hash", 0, commit_listener };
  const LiaisonStatRecord *r;

  liaison_test_intruder_arm (&in);
  g_assert_true (liaison_import_files (f->store, &options, paths, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  liaison_test_intruder_disarm (&in);

  records = liaison_test_records (f->store);
  g_assert_cmpuint (records->len, ==, 1);
  r = liaison_test_find_record (records, "10.0.0.20", 40000, "10.0.0.21", NULL);
  g_assert_cmpint (r->nf_total_events, ==, 1);
  g_assert_cmpint (r->nf_first_found, ==, liaison_test_time ("2026-11-27T00:00:01Z"));
}

static void
test_detect (void)
{
  static const char nfcapd[] = { 0x0c, (char) 0xa5, 0x02, 0x00, 0x00, 0x00 };

  g_assert_cmpint (liaison_import_detect (liaison_test_web01_friday, strlen (liaison_test_web01_friday)), ==, LIAISON_SAMPLE_NETSTAT);
  g_assert_cmpint (liaison_import_detect (liaison_test_seed_files[0], strlen (liaison_test_seed_files[0])), ==, LIAISON_SAMPLE_NETFLOW);
  g_assert_cmpint (liaison_import_detect (LIAISON_TEST_NFDUMP_HEADER, strlen (LIAISON_TEST_NFDUMP_HEADER)), ==, LIAISON_SAMPLE_NETFLOW);
  g_assert_cmpint (liaison_import_detect (nfcapd, sizeof nfcapd), ==, LIAISON_SAMPLE_NETFLOW);
  g_assert_cmpint (liaison_import_detect (liaison_test_db01_sample, strlen (liaison_test_db01_sample)), ==, LIAISON_SAMPLE_NETSTAT);

  /* The magic number alone is an nfcapd file, as the netflow parser reads it. */
  g_assert_cmpint (liaison_import_detect (nfcapd, 2), ==, LIAISON_SAMPLE_NETFLOW);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/netstat/file-time", test_netstat_file_time);
  g_test_add_func ("/import/netflow/start-option", test_netflow_start_option);
  g_test_add_func ("/import/netflow/start-far", test_netflow_start_far);
  g_test_add_func ("/import/netflow/needs-start", test_netflow_needs_start);
  g_test_add_func ("/import/duplicate", test_duplicate_refused);
  g_test_add_func ("/import/summary-updated", test_summary_updated);
  g_test_add_func ("/import/bad-file", test_bad_file_rolls_back);
  g_test_add_func ("/import/cancel", test_cancel_rolls_back);
  g_test_add_func ("/import/one-file-at-a-time", test_one_file_at_a_time);
  g_test_add_func ("/import/cancel-stops-read-ahead", test_cancel_stops_read_ahead);
  g_test_add_func ("/import/progress-within-file", test_progress_within_file);
  g_test_add_func ("/import/listener-known-meanwhile", test_listener_known_meanwhile);
  g_test_add_func ("/import/detect", test_detect);

  return g_test_run ();
}
