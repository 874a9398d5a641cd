/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/time.h>

#include "liaison-error.h"
#include "liaison-import.h"
#include "liaison-statistics.h"
#include "liaison-store-communications.h"
#include "liaison-store-private.h"

/* Fixture: a database and a folder for sample files ------------------------ */

typedef struct
{
  char         *dir;
  LiaisonStore *store;
  guint         files;
} Fixture;

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
fixture_open (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("liaison-import-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "liaison.db", NULL);
  f->store = liaison_store_open (path, &error);
  g_assert_no_error (error);
  f->files = 0;
}

static void
fixture_close (Fixture *f)
{
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  fixture_open (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  fixture_close (f);
}

static LiaisonTime
t (const char *text)
{
  LiaisonTime time = LIAISON_TIME_NONE;

  g_assert_true (liaison_time_parse (text, -1, FALSE, &time));
  return time;
}

/* Writes a sample file; returns its path. */
static char *
write_sample (Fixture    *f,
              const char *name,
              const char *content)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, content, -1, &error);
  g_assert_no_error (error);
  f->files++;
  return path;
}

static gboolean
import_netflow (Fixture             *f,
                guint                interval,
                const char * const  *paths,
                LiaisonImportSummary *summary,
                GError             **error)
{
  LiaisonImportOptions options = { 0 };

  options.kind = LIAISON_SAMPLE_NETFLOW;
  options.interval = interval;
  options.start = LIAISON_TIME_NONE;
  options.time = LIAISON_TIME_NONE;
  return liaison_import_files (f->store, &options, paths, NULL, NULL, NULL, summary, error);
}

static void
import_netflow_one (Fixture    *f,
                    guint       interval,
                    const char *path)
{
  g_autoptr(GError) error = NULL;
  const char *paths[] = { path, NULL };

  g_assert_true (import_netflow (f, interval, paths, NULL, &error));
  g_assert_no_error (error);
}

static void
import_netstat_text (Fixture    *f,
                     const char *host,
                     const char *time,
                     const char *content)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("netstat-%u.txt", f->files);
  g_autofree char *path = write_sample (f, name, content);
  const char *paths[] = { path, NULL };
  LiaisonImportOptions options = { 0 };

  options.kind = LIAISON_SAMPLE_NETSTAT;
  options.host = host;
  options.time = t (time);
  options.start = LIAISON_TIME_NONE;
  g_assert_true (liaison_import_files (f->store, &options, paths, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
import_netflow_text (Fixture    *f,
                     guint       interval,
                     const char *content)
{
  g_autofree char *name = g_strdup_printf ("netflow-%u.csv", f->files);
  g_autofree char *path = write_sample (f, name, content);

  import_netflow_one (f, interval, path);
}

/* Reading back --------------------------------------------------------------- */

static void
stat_record_free (gpointer data)
{
  LiaisonStatRecord *r = data;

  g_free (r->listener_ip);
  g_free (r->client_ip);
  g_free (r->listener_device);
  g_free (r->client_device);
  g_array_unref (r->nf_gaps);
  g_free (r);
}

static gboolean
collect_record (const LiaisonStatRecord  *record,
                gpointer                  user_data,
                GError                  **error)
{
  GPtrArray *records = user_data;
  LiaisonStatRecord *copy = g_memdup2 (record, sizeof *record);

  copy->listener_ip = g_strdup (record->listener_ip);
  copy->client_ip = g_strdup (record->client_ip);
  copy->listener_device = g_strdup (record->listener_device);
  copy->client_device = g_strdup (record->client_device);
  copy->nf_gaps = g_array_copy (record->nf_gaps);
  g_ptr_array_add (records, copy);
  return TRUE;
}

static GPtrArray *
get_records (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records = g_ptr_array_new_with_free_func (stat_record_free);

  g_assert_true (liaison_statistics_foreach_record (f->store, NULL, collect_record, records, &error));
  g_assert_no_error (error);
  return records;
}

static const LiaisonStatRecord *
find_record (GPtrArray  *records,
             const char *listener_ip,
             guint       port,
             const char *client_ip,
             const char *listener_device)
{
  const LiaisonStatRecord *found = NULL;

  for (guint i = 0; i < records->len; i++)
    {
      const LiaisonStatRecord *r = g_ptr_array_index (records, i);

      if (g_str_equal (r->listener_ip, listener_ip) && r->port == port &&
          g_str_equal (r->client_ip, client_ip) &&
          (listener_device == NULL || g_strcmp0 (r->listener_device, listener_device) == 0))
        {
          g_assert_null (found);
          found = r;
        }
    }

  if (found == NULL)
    g_error ("no statistics record %s:%u <- %s", listener_ip, port, client_ip);
  return found;
}

static void
classic_free (gpointer data)
{
  LiaisonClassicRecord *r = data;

  g_free (r->client_ip);
  g_free (r->listener_ip);
  g_free (r->client_process_name);
  g_free (r->client_process_display_name);
  g_free (r->client_device);
  g_free (r);
}

static gboolean
collect_classic (const LiaisonClassicRecord  *record,
                 gpointer                     user_data,
                 GError                     **error)
{
  GPtrArray *records = user_data;
  LiaisonClassicRecord *copy = g_memdup2 (record, sizeof *record);

  copy->client_ip = g_strdup (record->client_ip);
  copy->listener_ip = g_strdup (record->listener_ip);
  copy->client_process_name = g_strdup (record->client_process_name);
  copy->client_process_display_name = g_strdup (record->client_process_display_name);
  copy->client_device = g_strdup (record->client_device);
  g_ptr_array_add (records, copy);
  return TRUE;
}

static GPtrArray *
get_classic (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records = g_ptr_array_new_with_free_func (classic_free);

  g_assert_true (liaison_statistics_foreach_classic (f->store, NULL, collect_classic, records, &error));
  g_assert_no_error (error);
  return records;
}

/* One text value of the database, NULL when none or NULL. */
static char *
query_text (Fixture    *f,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (liaison_store_get_db (f->store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static gint64
query_int (Fixture    *f,
           const char *sql)
{
  g_autofree char *text = query_text (f, sql);

  g_assert_nonnull (text);
  return g_ascii_strtoll (text, NULL, 10);
}

/* The rows the search index has. */
static gint64
indexed_rows (Fixture *f)
{
  g_assert_cmpint (sqlite3_exec (liaison_store_get_db (f->store),
                                 "CREATE VIRTUAL TABLE IF NOT EXISTS temp.test_terms"
                                 " USING fts5vocab (main, communication_search, 'instance')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  return query_int (f, "SELECT count(DISTINCT doc) FROM temp.test_terms");
}

/* Every row of every table, as text: equal dumps are equal databases. */
static char *
dump_database (Fixture *f)
{
  static const char *tables[] = {
    "SELECT * FROM device ORDER BY name",
    "SELECT * FROM communication ORDER BY id",
    "SELECT * FROM listener ORDER BY id",
    "SELECT * FROM stat_record ORDER BY id",
    "SELECT * FROM gap_segment ORDER BY record_id, gap_from",
    "SELECT * FROM classic_stat ORDER BY communication_id",
    "SELECT * FROM sample ORDER BY id",
    /* The search index keeps no values: its terms are its data. */
    "SELECT * FROM communication_search_data ORDER BY id",
    "SELECT * FROM communication_search_idx ORDER BY segid, term",
  };
  GString *dump = g_string_new (NULL);
  sqlite3 *db = liaison_store_get_db (f->store);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, tables[i], -1, &stmt, NULL), ==, SQLITE_OK);
      g_string_append_printf (dump, "%s\n", tables[i]);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              if (sqlite3_column_type (stmt, c) == SQLITE_NULL)
                g_string_append (dump, "NULL|");
              else if (sqlite3_column_type (stmt, c) == SQLITE_BLOB)
                {
                  const guint8 *blob = sqlite3_column_blob (stmt, c);
                  for (int b = 0; b < sqlite3_column_bytes (stmt, c); b++)
                    g_string_append_printf (dump, "%02x", blob[b]);
                  g_string_append_c (dump, '|');
                }
              else
                g_string_append_printf (dump, "%s|", sqlite3_column_text (stmt, c));
            }
          g_string_append_c (dump, '\n');
        }
      sqlite3_finalize (stmt);
    }

  return g_string_free (dump, FALSE);
}

/* The seed example (statistics.md section 5) ------------------------------- */

#define LIAISON_CSV_HEADER "start,end,client_ip,client_port,listener_ip,listener_port,protocol\n"

static const char *seed_files[3] = {
  LIAISON_CSV_HEADER
  "2026-11-27T00:01:15Z,,10.0.0.9,51001,10.0.0.5,443,tcp\n"
  "2026-11-27T00:01:45Z,,10.0.0.9,51002,10.0.0.5,443,tcp\n",
  LIAISON_CSV_HEADER
  "2026-11-27T00:02:10Z,,10.0.0.9,51003,10.0.0.5,443,tcp\n"
  "2026-11-27T00:02:45Z,,10.0.0.9,51004,10.0.0.5,443,tcp\n",
  LIAISON_CSV_HEADER
  "2026-11-27T00:03:50Z,,10.0.0.9,51005,10.0.0.5,443,tcp\n"
  "2026-11-27T00:03:55Z,,10.0.0.9,51006,10.0.0.5,443,tcp\n",
};

static const guint permutations[6][3] = {
  { 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 }, { 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 },
};

static void
assert_seed_figures (Fixture *f)
{
  g_autoptr(GPtrArray) records = get_records (f);
  const LiaisonStatRecord *r;
  const LiaisonGap *gap;

  g_assert_cmpuint (records->len, ==, 1);
  r = find_record (records, "10.0.0.5", 443, "10.0.0.9", NULL);
  g_assert_cmpstr (r->protocol, ==, "tcp");
  g_assert_false (r->has_netstat);
  g_assert_true (r->has_netflow);
  g_assert_cmpuint (r->nf_interval, ==, 60);
  g_assert_cmpint (r->nf_active_samples, ==, 3);
  g_assert_cmpint (r->nf_total_events, ==, 6);
  g_assert_cmpint (r->nf_total_ports, ==, 6);
  g_assert_cmpint (r->nf_first_found, ==, t ("2026-11-27T00:01:15Z"));
  g_assert_cmpint (r->nf_last_found, ==, t ("2026-11-27T00:03:55Z"));
  g_assert_cmpint (r->nf_active_ms, ==, 95000);
  g_assert_cmpint (r->nf_gap_ms, ==, 65000);
  g_assert_cmpint (r->nf_pending_ms, ==, 5000);
  g_assert_cmpuint (r->nf_gaps->len, ==, 1);
  gap = &g_array_index (r->nf_gaps, LiaisonGap, 0);
  g_assert_cmpint (gap->from, ==, t ("2026-11-27T00:02:45Z"));
  g_assert_cmpint (gap->to, ==, t ("2026-11-27T00:03:50Z"));

  /* The pair made its service communication (section 4.2). */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM communication"), ==, 1);
  {
    g_autofree char *row = query_text (f, "SELECT client_ip || ' ' || listener_ip || ':' || port || '/' || protocol"
                                          " || ' [' || client_process_name || '] ' || source FROM communication");
    g_assert_cmpstr (row, ==, "10.0.0.9 10.0.0.5:443/tcp [] netflow");
  }
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM sample WHERE kind = 'netflow'"), ==, 3);
  g_assert_cmpint (query_int (f, "SELECT max(window_end) FROM sample"), ==, t ("2026-11-27T00:04:00Z"));
}

static void
test_seed_separate_imports (void)
{
  for (guint p = 0; p < G_N_ELEMENTS (permutations); p++)
    {
      Fixture f = { 0 };

      fixture_open (&f);
      for (guint i = 0; i < 3; i++)
        {
          guint which = permutations[p][i];
          g_autofree char *name = g_strdup_printf ("seed-%u.csv", which + 1);
          g_autofree char *path = write_sample (&f, name, seed_files[which]);

          import_netflow_one (&f, 60, path);
        }
      assert_seed_figures (&f);
      fixture_close (&f);
    }
}

static void
test_seed_one_batch (void)
{
  for (guint p = 0; p < G_N_ELEMENTS (permutations); p++)
    {
      g_autoptr(GError) error = NULL;
      char *paths[4] = { NULL };
      LiaisonImportSummary summary;
      Fixture f = { 0 };

      fixture_open (&f);
      for (guint i = 0; i < 3; i++)
        {
          guint which = permutations[p][i];
          g_autofree char *name = g_strdup_printf ("seed-%u.csv", which + 1);

          paths[i] = write_sample (&f, name, seed_files[which]);
        }
      g_assert_true (import_netflow (&f, 60, (const char * const *) paths, &summary, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (summary.files, ==, 3);
      g_assert_cmpuint (summary.records, ==, 6);
      g_assert_cmpuint (summary.new_communications, ==, 1);
      g_assert_cmpuint (summary.new_statistics, ==, 1);

      /* Applied in the order of sample times, whatever the command line. */
      {
        g_autofree char *order = query_text (&f, "SELECT group_concat(window_start, ',') FROM"
                                                 " (SELECT window_start FROM sample ORDER BY id)");
        g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT,
                                                     t ("2026-11-27T00:01:00Z"), t ("2026-11-27T00:02:00Z"),
                                                     t ("2026-11-27T00:03:00Z"));
        g_assert_cmpstr (order, ==, expected);
      }

      assert_seed_figures (&f);
      for (guint i = 0; i < 3; i++)
        g_free (paths[i]);
      fixture_close (&f);
    }
}

/* Importing an older sample later splits a gap (section 4.4). */
static void
test_netflow_gap_split (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  const LiaisonStatRecord *r;

  import_netflow_text (f, 60, LIAISON_CSV_HEADER
                       "2026-11-27T00:00:10Z,2026-11-27T00:00:20Z,10.0.0.9,51001,10.0.0.5,443,tcp\n");
  import_netflow_text (f, 60, LIAISON_CSV_HEADER
                       "2026-11-27T00:05:00Z,2026-11-27T00:05:30Z,10.0.0.9,51002,10.0.0.5,443,tcp\n");

  before = get_records (f);
  r = find_record (before, "10.0.0.5", 443, "10.0.0.9", NULL);
  g_assert_cmpuint (r->nf_gaps->len, ==, 1);
  g_assert_cmpint (r->nf_gap_ms, ==, 280000);            /* 00:00:20 to 00:05:00 */
  g_assert_cmpint (r->nf_active_ms, ==, 40000);
  g_assert_cmpint (r->nf_pending_ms, ==, 30000);         /* to 00:06:00 */

  /* 00:02:30-00:02:40 lies in the gap: 00:00:20-00:02:30 and 00:02:40-00:05:00
   * are both longer than 60 s, so the gap splits in two. */
  import_netflow_text (f, 60, LIAISON_CSV_HEADER
                       "2026-11-27T00:02:30Z,2026-11-27T00:02:40Z,10.0.0.9,51003,10.0.0.5,443,tcp\n");
  after = get_records (f);
  r = find_record (after, "10.0.0.5", 443, "10.0.0.9", NULL);
  g_assert_cmpuint (r->nf_gaps->len, ==, 2);
  g_assert_cmpint (g_array_index (r->nf_gaps, LiaisonGap, 0).from, ==, t ("2026-11-27T00:00:20Z"));
  g_assert_cmpint (g_array_index (r->nf_gaps, LiaisonGap, 0).to, ==, t ("2026-11-27T00:02:30Z"));
  g_assert_cmpint (g_array_index (r->nf_gaps, LiaisonGap, 1).from, ==, t ("2026-11-27T00:02:40Z"));
  g_assert_cmpint (g_array_index (r->nf_gaps, LiaisonGap, 1).to, ==, t ("2026-11-27T00:05:00Z"));
  g_assert_cmpint (r->nf_gap_ms, ==, 130000 + 140000);
  g_assert_cmpint (r->nf_active_ms, ==, 320000 - 270000);
  g_assert_cmpint (r->nf_active_samples, ==, 3);
  g_assert_cmpint (r->nf_pending_ms, ==, 30000);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM gap_segment"), ==, 2);
}

/* Netflow events and ports (section 4.3) ------------------------------------ */

static void
test_netflow_events_ports (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) records = NULL;
  const LiaisonStatRecord *r;

  /* 51001 split into two records: 2 events; 51002: 1; no client port: 1
   * event and no port. Events 4, ports 2. */
  import_netflow_text (f, 300, LIAISON_CSV_HEADER
                       "2026-11-27T00:00:10Z,2026-11-27T00:01:00Z,10.0.0.9,51001,10.0.0.5,443,tcp\n"
                       "2026-11-27T00:01:00Z,2026-11-27T00:02:00Z,10.0.0.9,51001,10.0.0.5,443,tcp\n"
                       "2026-11-27T00:02:00Z,2026-11-27T00:02:05Z,10.0.0.9,51002,10.0.0.5,443,tcp\n"
                       "2026-11-27T00:03:00Z,,10.0.0.9,,10.0.0.5,443,tcp\n");
  records = get_records (f);
  r = find_record (records, "10.0.0.5", 443, "10.0.0.9", NULL);
  g_assert_cmpint (r->nf_active_samples, ==, 1);
  g_assert_cmpint (r->nf_total_events, ==, 4);
  g_assert_cmpint (r->nf_total_ports, ==, 2);
  g_assert_cmpint (r->nf_first_found, ==, t ("2026-11-27T00:00:10Z"));
  g_assert_cmpint (r->nf_last_found, ==, t ("2026-11-27T00:03:00Z"));
  g_assert_cmpuint (r->nf_gaps->len, ==, 0);
  g_assert_cmpint (r->nf_pending_ms, ==, 120000);        /* window 00:00-00:05 */
  g_clear_pointer (&records, g_ptr_array_unref);

  /* The next sample uses 51001 again: ports are counted per sample, summed. */
  import_netflow_text (f, 300, LIAISON_CSV_HEADER
                       "2026-11-27T00:05:10Z,2026-11-27T00:05:20Z,10.0.0.9,51001,10.0.0.5,443,tcp\n");
  records = get_records (f);
  r = find_record (records, "10.0.0.5", 443, "10.0.0.9", NULL);
  g_assert_cmpint (r->nf_active_samples, ==, 2);
  g_assert_cmpint (r->nf_total_events, ==, 5);
  g_assert_cmpint (r->nf_total_ports, ==, 3);
  g_assert_cmpfloat_with_epsilon (liaison_stat_ratio (r->nf_total_ports, r->nf_active_samples), 1.5, 1e-9);
  g_assert_cmpint (r->nf_last_found, ==, t ("2026-11-27T00:05:20Z"));
  /* 00:03:00 to 00:05:10 is 130 s, within I = 300: active. */
  g_assert_cmpint (r->nf_gap_ms, ==, 0);
  g_assert_cmpint (r->nf_active_ms, ==, 310000);
}

/* Netflow orientation (section 4.2), nfdump CSV ---------------------------- */

#define NFDUMP_HEADER \
  "ts,te,td,sa,da,sp,dp,pr,flg,fwd,stos,ipkt,ibyt,opkt,obyt,in,out,sas,das,smk,dmk,dtos,dir,nh,nhb," \
  "svln,dvln,ismc,odmc,idmc,osmc,mpls1,mpls2,mpls3,mpls4,mpls5,mpls6,mpls7,mpls8,mpls9,mpls10,cl,sl,al,ra,eng,exid,tr\n"

#define NFDUMP_TAIL \
  ",.AP.SF,0,0,4,300,0,0,0,0,0,0,0,0,0,0,0.0.0.0,0.0.0.0,0,0,00:00:00:00:00:00,00:00:00:00:00:00," \
  "00:00:00:00:00:00,00:00:00:00:00:00,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0," \
  "0.000,0.000,0.000,0.0.0.0,0/0,1,1970-01-01 00:00:00.000\n"

#define NFDUMP_FLOW(ts, te, sa, da, sp, dp, pr) \
  ts "," te ",1.000," sa "," da "," sp "," dp "," pr NFDUMP_TAIL

#define NFDUMP_SUMMARY \
  "Summary\n" \
  "flows,bytes,packets,avg_bps,avg_pps,avg_bpp\n" \
  "2,600,8,0,0,75\n"

static void
test_netflow_orientation (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) records = NULL;
  const LiaisonStatRecord *r;
  g_autoptr(GError) error = NULL;
  LiaisonCommunicationInput manual = { 0 };

  /* Netstat found a listener on an ephemeral port of db01. */
  import_netstat_text (f, "db01", "2026-11-26T00:00:00Z",
                       "State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n"
                       "LISTEN 0      128    10.0.0.20:40000    0.0.0.0:*\n");

  /* A listener entered by hand. */
  manual.client_ip = "10.0.0.51";
  manual.listener_ip = "10.0.0.50";
  manual.port = "45000";
  manual.protocol = "tcp";
  g_assert_cmpint (liaison_store_add_communication (f->store, &manual, &error), >, 0);
  g_assert_no_error (error);

  import_netflow_text (f, 300,
                       NFDUMP_HEADER
                       /* known (netstat): request and reply fold into one event */
                       NFDUMP_FLOW ("2026-11-27 00:00:01.000", "2026-11-27 00:00:02.000", "10.0.0.21", "10.0.0.20", "5000", "40000", "TCP")
                       NFDUMP_FLOW ("2026-11-27 00:00:01.500", "2026-11-27 00:00:02.000", "10.0.0.20", "10.0.0.21", "40000", "5000", "TCP")
                       /* known (by hand): the reply alone is oriented by its source */
                       NFDUMP_FLOW ("2026-11-27 00:00:03.000", "2026-11-27 00:00:04.000", "10.0.0.50", "10.0.0.51", "45000", "1000", "TCP")
                       /* ephemeral range: 8443 listens, not 50000 */
                       NFDUMP_FLOW ("2026-11-27 00:00:05.000", "2026-11-27 00:00:06.000", "10.0.0.31", "10.0.0.30", "8443", "50000", "TCP")
                       /* neither ephemeral: the lower port listens */
                       NFDUMP_FLOW ("2026-11-27 00:00:07.000", "2026-11-27 00:00:08.000", "10.0.0.42", "10.0.0.43", "1500", "2000", "UDP")
                       /* both ephemeral: the lower port listens */
                       NFDUMP_FLOW ("2026-11-27 00:00:09.000", "2026-11-27 00:00:10.000", "10.0.0.44", "10.0.0.45", "50000", "40000", "TCP")
                       /* one connection as two one-way flows, twice (a split): 2 events */
                       NFDUMP_FLOW ("2026-11-27 00:00:11.000", "2026-11-27 00:00:12.000", "10.0.0.60", "10.0.0.61", "33000", "22", "TCP")
                       NFDUMP_FLOW ("2026-11-27 00:00:11.000", "2026-11-27 00:00:12.000", "10.0.0.61", "10.0.0.60", "22", "33000", "TCP")
                       NFDUMP_FLOW ("2026-11-27 00:00:13.000", "2026-11-27 00:00:14.000", "10.0.0.60", "10.0.0.61", "33000", "22", "TCP")
                       NFDUMP_FLOW ("2026-11-27 00:00:13.000", "2026-11-27 00:00:14.000", "10.0.0.61", "10.0.0.60", "22", "33000", "TCP")
                       NFDUMP_FLOW ("2026-11-27 00:00:15.000", "2026-11-27 00:00:16.000", "10.0.0.61", "10.0.0.60", "22", "33000", "TCP")
                       NFDUMP_SUMMARY);

  records = get_records (f);
  g_assert_cmpuint (records->len, ==, 6);

  r = find_record (records, "10.0.0.20", 40000, "10.0.0.21", NULL);
  g_assert_cmpint (r->nf_total_events, ==, 1);
  g_assert_cmpint (r->nf_total_ports, ==, 1);
  g_assert_cmpint (r->nf_first_found, ==, t ("2026-11-27T00:00:01Z"));
  g_assert_cmpint (r->nf_last_found, ==, t ("2026-11-27T00:00:02Z"));

  r = find_record (records, "10.0.0.50", 45000, "10.0.0.51", NULL);
  g_assert_cmpint (r->nf_total_events, ==, 1);

  r = find_record (records, "10.0.0.31", 8443, "10.0.0.30", NULL);
  g_assert_cmpint (r->nf_total_events, ==, 1);

  r = find_record (records, "10.0.0.42", 1500, "10.0.0.43", NULL);
  g_assert_cmpstr (r->protocol, ==, "udp");

  r = find_record (records, "10.0.0.45", 40000, "10.0.0.44", NULL);
  g_assert_cmpint (r->nf_total_ports, ==, 1);

  /* One 5-tuple, 2 records client -> listener and 3 listener -> client:
   * max(2, 3) = 3 events, one client port. */
  r = find_record (records, "10.0.0.61", 22, "10.0.0.60", NULL);
  g_assert_cmpint (r->nf_total_events, ==, 3);
  g_assert_cmpint (r->nf_total_ports, ==, 1);

  /* Every pair has its service communication, unknown process; the one
   * entered by hand stays one row and keeps its source. */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM communication WHERE source = 'netflow'"
                                 " AND client_process_name = ''"), ==, 5);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM communication WHERE source = 'manual'"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM communication"), ==, 6);
}

/* Netflow's own guesses never make a listener known: the same reply is
 * oriented the same way whether or not the request came first. */
static void
test_netflow_guess_not_known (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) records = NULL;

  import_netflow_text (f, 300,
                       NFDUMP_HEADER
                       NFDUMP_FLOW ("2026-11-27 00:00:01.000", "2026-11-27 00:00:02.000", "10.0.0.1", "10.0.0.2", "40000", "41000", "TCP")
                       NFDUMP_SUMMARY);
  import_netflow_text (f, 300,
                       NFDUMP_HEADER
                       NFDUMP_FLOW ("2026-11-27 00:05:01.000", "2026-11-27 00:05:02.000", "10.0.0.2", "10.0.0.1", "2000", "40000", "TCP")
                       NFDUMP_SUMMARY);
  records = get_records (f);
  g_assert_cmpuint (records->len, ==, 2);
  find_record (records, "10.0.0.1", 40000, "10.0.0.2", NULL);
  find_record (records, "10.0.0.2", 2000, "10.0.0.1", NULL);
}

/* Netstat statistics (section 3.3) ------------------------------------------ */

#define SS_HEADER "State      Recv-Q Send-Q  Local Address:Port   Peer Address:Port  Process\n"

/* web01 is 10.0.0.5; 443 listens on every address, 8080 only on weekends,
 * PostgreSQL on loopback; [::]:22 covers IPv4 too. */
static const char web01_friday[] =
  SS_HEADER
  "LISTEN     0      128     0.0.0.0:443          0.0.0.0:*          users:((\"nginx\",pid=10,fd=6))\n"
  "LISTEN     0      128     127.0.0.1:5432       0.0.0.0:*          users:((\"postgres\",pid=20,fd=5))\n"
  "LISTEN     0      128     [::]:22              [::]:*             users:((\"sshd\",pid=30,fd=3))\n"
  "ESTAB      0      0       10.0.0.5:443         10.0.0.9:50001     users:((\"nginx\",pid=11,fd=7))\n"
  "ESTAB      0      0       10.0.0.5:443         10.0.0.9:50002     users:((\"nginx\",pid=11,fd=8))\n"
  "ESTAB      0      0       10.0.0.5:443         10.0.0.10:50010    users:((\"nginx\",pid=11,fd=9))\n"
  "TIME-WAIT  0      0       10.0.0.5:443         10.0.0.9:49999\n"
  "SYN-SENT   0      1       10.0.0.5:43999       10.0.0.21:5432     users:((\"curl\",pid=41,fd=3))\n"
  "ESTAB      0      0       10.0.0.5:22          10.0.0.30:60000    users:((\"sshd\",pid=31,fd=4))\n"
  "ESTAB      0      0       127.0.0.1:5432       127.0.0.1:41000    users:((\"postgres\",pid=21,fd=9))\n"
  "ESTAB      0      0       127.0.0.1:41000      127.0.0.1:5432     users:((\"psql\",pid=50,fd=3))\n"
  "ESTAB      0      0       10.0.0.5:43000       10.0.0.20:5432     users:((\"curl\",pid=40,fd=3))\n";

static const char web01_saturday[] =
  SS_HEADER
  "LISTEN     0      128     0.0.0.0:443          0.0.0.0:*          users:((\"nginx\",pid=10,fd=6))\n"
  "LISTEN     0      128     10.0.0.5:8080        0.0.0.0:*          users:((\"weekend\",pid=60,fd=3))\n"
  "LISTEN     0      128     127.0.0.1:5432       0.0.0.0:*          users:((\"postgres\",pid=20,fd=5))\n"
  "ESTAB      0      0       10.0.0.5:443         10.0.0.9:50003     users:((\"nginx\",pid=11,fd=7))\n"
  "ESTAB      0      0       10.0.0.5:8080        10.0.0.11:51000    users:((\"weekend\",pid=60,fd=4))\n"
  "ESTAB      0      0       10.0.0.5:8080        10.0.0.11:51001    users:((\"weekend\",pid=60,fd=5))\n"
  "ESTAB      0      0       10.0.0.5:8080        10.0.0.11:51002    users:((\"weekend\",pid=60,fd=6))\n"
  "ESTAB      0      0       10.0.0.5:43001       10.0.0.20:5432     users:((\"curl\",pid=40,fd=3))\n"
  "ESTAB      0      0       10.0.0.5:43002       10.0.0.20:5432     users:((\"curl\",pid=42,fd=3))\n";

/* No 8080, no curl; 10.0.0.10 comes back. */
static const char web01_monday[] =
  SS_HEADER
  "LISTEN     0      128     0.0.0.0:443          0.0.0.0:*          users:((\"nginx\",pid=10,fd=6))\n"
  "LISTEN     0      128     127.0.0.1:5432       0.0.0.0:*          users:((\"postgres\",pid=20,fd=5))\n"
  "ESTAB      0      0       10.0.0.5:443         10.0.0.10:50011    users:((\"nginx\",pid=11,fd=7))\n";

/* The next Saturday: PostgreSQL is not running; 8080 has one connection
 * but its listening socket is not in this sample: the listener found
 * before still makes it inbound. */
static const char web01_next_saturday[] =
  SS_HEADER
  "LISTEN     0      128     0.0.0.0:443          0.0.0.0:*          users:((\"nginx\",pid=10,fd=6))\n"
  "ESTAB      0      0       10.0.0.5:8080        10.0.0.11:51003    users:((\"weekend\",pid=60,fd=4))\n";

#define DB01_SAMPLE \
  SS_HEADER \
  "LISTEN     0      128     127.0.0.1:5432       0.0.0.0:*          users:((\"postgres\",pid=20,fd=5))\n" \
  "ESTAB      0      0       127.0.0.1:5432       127.0.0.1:42000    users:((\"postgres\",pid=21,fd=9))\n" \
  "ESTAB      0      0       127.0.0.1:42000      127.0.0.1:5432     users:((\"psql\",pid=50,fd=3))\n"

static const char db01_sample[] = DB01_SAMPLE;

static void
import_web01_week (Fixture *f)
{
  import_netstat_text (f, "web01", "2026-11-20T00:00:00Z", web01_friday);
  import_netstat_text (f, "web01", "2026-11-21T00:00:00Z", web01_saturday);
  import_netstat_text (f, "web01", "2026-11-23T00:00:00Z", web01_monday);
  import_netstat_text (f, "web01", "2026-11-28T00:00:00Z", web01_next_saturday);
}

static void
assert_netstat (const LiaisonStatRecord *r,
                gint64                   total_samples,
                gint64                   active_samples,
                gint64                   total_ports,
                const char              *first,
                const char              *last)
{
  g_assert_true (r->has_netstat);
  g_assert_cmpint (r->ns_total_samples, ==, total_samples);
  g_assert_cmpint (r->ns_active_samples, ==, active_samples);
  g_assert_cmpint (r->ns_total_ports, ==, total_ports);
  g_assert_cmpint (r->ns_first_found, ==, t (first));
  g_assert_cmpint (r->ns_last_found, ==, t (last));
}

/* A sample older than the ones imported before moves first_detected and
 * ns_first_found back and leaves the last ones alone; a newer one the
 * reverse; a repeated conversation keeps its row. */
static void
test_netstat_out_of_order_times (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) records = NULL;
  const LiaisonStatRecord *r;
  const char *row = "SELECT %s FROM communication WHERE client_ip = '10.0.0.9'"
                    " AND listener_ip = '10.0.0.5' AND port = 443";
  g_autofree char *first_sql = g_strdup_printf (row, "first_detected");
  g_autofree char *last_sql = g_strdup_printf (row, "last_detected");
  g_autofree char *count_sql = g_strdup_printf (row, "count(*)");

  import_netstat_text (f, "web01", "2026-11-21T00:00:00Z", web01_saturday);
  g_assert_cmpint (query_int (f, first_sql), ==, t ("2026-11-21T00:00:00Z"));
  g_assert_cmpint (query_int (f, last_sql), ==, t ("2026-11-21T00:00:00Z"));

  import_netstat_text (f, "web01", "2026-11-20T00:00:00Z", web01_friday);
  g_assert_cmpint (query_int (f, count_sql), ==, 1);
  g_assert_cmpint (query_int (f, first_sql), ==, t ("2026-11-20T00:00:00Z"));
  g_assert_cmpint (query_int (f, last_sql), ==, t ("2026-11-21T00:00:00Z"));

  import_netstat_text (f, "web01", "2026-11-28T00:00:00Z", web01_next_saturday);
  import_netstat_text (f, "web01", "2026-11-27T00:00:00Z", web01_monday);
  g_assert_cmpint (query_int (f, count_sql), ==, 1);
  g_assert_cmpint (query_int (f, first_sql), ==, t ("2026-11-20T00:00:00Z"));
  g_assert_cmpint (query_int (f, last_sql), ==, t ("2026-11-21T00:00:00Z"));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM communication WHERE first_detected IS NULL"
                                 " OR last_detected IS NULL OR first_detected > last_detected"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT last_detected FROM communication WHERE client_ip = '10.0.0.10'"
                                 " AND listener_ip = '10.0.0.5' AND port = 443"), ==, t ("2026-11-27T00:00:00Z"));

  /* The statistics records: the same figures in any order. */
  records = get_records (f);
  r = find_record (records, "10.0.0.5", 443, "10.0.0.9", NULL);
  assert_netstat (r, 4, 2, 3, "2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z");
  g_assert_cmpstr (r->listener_device, ==, "web01");
  r = find_record (records, "10.0.0.5", 443, "10.0.0.10", NULL);
  assert_netstat (r, 3, 2, 2, "2026-11-20T00:00:00Z", "2026-11-27T00:00:00Z");
}

static void
test_netstat_statistics (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) records = NULL;
  const LiaisonStatRecord *r;

  import_web01_week (f);
  records = get_records (f);

  /* 443 <- 10.0.0.9: active Friday (2 ports) and Saturday (1 port); 443 is
   * discovered in all 4 samples. weight 1.5, persistence 50. */
  r = find_record (records, "10.0.0.5", 443, "10.0.0.9", NULL);
  assert_netstat (r, 4, 2, 3, "2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z");
  g_assert_cmpfloat_with_epsilon (liaison_stat_ratio (r->ns_total_ports, r->ns_active_samples), 1.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (100 * liaison_stat_ratio (r->ns_active_samples, r->ns_total_samples), 50.0, 1e-9);
  g_assert_cmpstr (r->listener_device, ==, "web01");
  g_assert_false (r->has_netflow);

  r = find_record (records, "10.0.0.5", 443, "10.0.0.10", NULL);
  assert_netstat (r, 4, 2, 2, "2026-11-20T00:00:00Z", "2026-11-23T00:00:00Z");

  /* Only on weekends: total_samples grows only when 8080 is found, so
   * persistence is 100 (section 3.3). */
  r = find_record (records, "10.0.0.5", 8080, "10.0.0.11", NULL);
  assert_netstat (r, 2, 2, 4, "2026-11-21T00:00:00Z", "2026-11-28T00:00:00Z");
  g_assert_cmpfloat_with_epsilon (100 * liaison_stat_ratio (r->ns_active_samples, r->ns_total_samples), 100.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (liaison_stat_ratio (r->ns_total_ports, r->ns_active_samples), 2.0, 1e-9);

  /* [::]:22 covers the IPv4 address; the record names the concrete one. */
  r = find_record (records, "10.0.0.5", 22, "10.0.0.30", NULL);
  assert_netstat (r, 1, 1, 1, "2026-11-20T00:00:00Z", "2026-11-20T00:00:00Z");

  /* Loopback: discovered Friday, Saturday, Monday; not the next Saturday. */
  r = find_record (records, "127.0.0.1", 5432, "127.0.0.1", "web01");
  assert_netstat (r, 3, 1, 1, "2026-11-20T00:00:00Z", "2026-11-20T00:00:00Z");

  /* Outbound connections make no listener record; TIME-WAIT and SYN-SENT count nothing. */
  g_assert_cmpuint (records->len, ==, 5);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM communication WHERE listener_ip = '10.0.0.21'"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM communication WHERE client_ip = '10.0.0.9'"
                                 " AND port = 443"), ==, 1);

  /* The listeners netstat found, kept per host (wildcards as they are). */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM listener WHERE host = 'web01' AND source = 'netstat'"), ==, 4);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM listener WHERE ip = '::' AND port = 22"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT last_found FROM listener WHERE ip = '0.0.0.0' AND port = 443"), ==,
                   t ("2026-11-28T00:00:00Z"));

  /* export.md order: listener address numerically, then port, then client. */
  {
    static const char *order[] = {
      "10.0.0.5:22<-10.0.0.30", "10.0.0.5:443<-10.0.0.9", "10.0.0.5:443<-10.0.0.10",
      "10.0.0.5:8080<-10.0.0.11", "127.0.0.1:5432<-127.0.0.1",
    };
    for (guint i = 0; i < records->len; i++)
      {
        const LiaisonStatRecord *x = g_ptr_array_index (records, i);
        g_autofree char *text = g_strdup_printf ("%s:%u<-%s", x->listener_ip, x->port, x->client_ip);
        g_assert_cmpstr (text, ==, order[i]);
      }
  }
}

static gboolean
count_filtered (const LiaisonStatRecord  *record,
                gpointer                  user_data,
                GError                  **error)
{
  guint *count = user_data;

  g_assert_cmpstr (record->listener_ip, ==, "10.0.0.5");
  g_assert_cmpuint (record->port, ==, 443);
  (*count)++;
  return TRUE;
}

static void
test_netstat_filter (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LiaisonStatFilter filter = { "::ffff:10.0.0.5", 443, "tcp" };
  guint count = 0;

  import_web01_week (f);
  g_assert_true (liaison_statistics_foreach_record (f->store, &filter, count_filtered, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 2);

  filter.listener_ip = "not-an-address";
  g_assert_false (liaison_statistics_foreach_record (f->store, &filter, count_filtered, &count, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
}

static void
test_netstat_loopback_hosts (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) records = NULL;
  const LiaisonStatRecord *r;

  import_netstat_text (f, "web01", "2026-11-20T00:00:00Z", web01_friday);
  import_netstat_text (f, "db01", "2026-11-20T00:00:00Z", db01_sample);
  records = get_records (f);

  /* 127.0.0.1:5432 on db01 and on web01 never merge. */
  r = find_record (records, "127.0.0.1", 5432, "127.0.0.1", "db01");
  assert_netstat (r, 1, 1, 1, "2026-11-20T00:00:00Z", "2026-11-20T00:00:00Z");
  r = find_record (records, "127.0.0.1", 5432, "127.0.0.1", "web01");
  assert_netstat (r, 1, 1, 1, "2026-11-20T00:00:00Z", "2026-11-20T00:00:00Z");
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM stat_record WHERE listener_ip = '127.0.0.1'"), ==, 2);

  /* One service communication per host, each seen from both ends: the
   * client side's process fills the listener side's unknown one. */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM communication WHERE listener_ip = '127.0.0.1'"), ==, 2);
  {
    g_autofree char *rows = query_text (f, "SELECT group_concat(scope || ':' || client_process_name || ':'"
                                           " || client_device || ':' || listener_device, ' ')"
                                           " FROM (SELECT * FROM communication WHERE listener_ip = '127.0.0.1'"
                                           " ORDER BY scope)");
    g_assert_cmpstr (rows, ==, "db01:psql:db01:db01 web01:psql:web01:web01");
  }

  /* A second sample of db01 leaves web01's record alone. */
  import_netstat_text (f, "db01", "2026-11-21T00:00:00Z", DB01_SAMPLE "\n");
  g_clear_pointer (&records, g_ptr_array_unref);
  records = get_records (f);
  r = find_record (records, "127.0.0.1", 5432, "127.0.0.1", "db01");
  assert_netstat (r, 2, 2, 2, "2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z");
  r = find_record (records, "127.0.0.1", 5432, "127.0.0.1", "web01");
  assert_netstat (r, 1, 1, 1, "2026-11-20T00:00:00Z", "2026-11-20T00:00:00Z");
}

/* Classic statistics (section 3.4) ------------------------------------------ */

static void
test_classic_statistics (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) classic = NULL;
  const LiaisonClassicRecord *c;

  import_web01_week (f);
  classic = get_classic (f);

  /* Ordered by client_ip: 10.0.0.5 (curl) before 127.0.0.1 (psql). */
  g_assert_cmpuint (classic->len, ==, 2);

  /* curl: 4 samples of web01, active Friday (1 port) and Saturday (2 ports):
   * the numbers of the export.md example. */
  c = g_ptr_array_index (classic, 0);
  g_assert_cmpstr (c->client_ip, ==, "10.0.0.5");
  g_assert_cmpstr (c->listener_ip, ==, "10.0.0.20");
  g_assert_cmpuint (c->port, ==, 5432);
  g_assert_cmpstr (c->protocol, ==, "tcp");
  g_assert_cmpstr (c->client_process_name, ==, "curl");
  g_assert_cmpstr (c->client_device, ==, "web01");
  g_assert_cmpint (c->total_samples, ==, 4);
  g_assert_cmpint (c->active_samples, ==, 2);
  g_assert_cmpint (c->total_ports, ==, 3);
  g_assert_cmpfloat_with_epsilon (liaison_stat_ratio (c->total_ports, c->active_samples), 1.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (100 * liaison_stat_ratio (c->active_samples, c->total_samples), 50.0, 1e-9);
  g_assert_cmpint (c->first_found, ==, t ("2026-11-20T00:00:00Z"));
  g_assert_cmpint (c->last_found, ==, t ("2026-11-21T00:00:00Z"));

  /* psql over loopback: active only on Friday. */
  c = g_ptr_array_index (classic, 1);
  g_assert_cmpstr (c->client_ip, ==, "127.0.0.1");
  g_assert_cmpstr (c->client_process_name, ==, "psql");
  g_assert_cmpint (c->total_samples, ==, 4);
  g_assert_cmpint (c->active_samples, ==, 1);
  g_assert_cmpint (c->total_ports, ==, 1);

  /* A sample of another host does not count for web01's processes. */
  import_netstat_text (f, "db01", "2026-11-29T00:00:00Z", db01_sample);
  g_clear_pointer (&classic, g_ptr_array_unref);
  classic = get_classic (f);
  g_assert_cmpuint (classic->len, ==, 3);
  c = g_ptr_array_index (classic, 0);
  g_assert_cmpstr (c->client_process_name, ==, "curl");
  g_assert_cmpint (c->total_samples, ==, 4);

  g_assert_cmpfloat (liaison_stat_ratio (3, 0), ==, -1);
}

/* The merging rule (section 3.5) -------------------------------------------- */

static void
test_merge_rule (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *rows = NULL;

  /* app01 runs two clients of web02:80. */
  import_netstat_text (f, "app01", "2026-11-20T00:00:00Z",
                       SS_HEADER
                       "ESTAB 0 0 10.0.0.7:40000 10.0.0.5:80 users:((\"curl\",pid=1,fd=3))\n"
                       "ESTAB 0 0 10.0.0.7:40001 10.0.0.5:80 users:((\"wget\",pid=2,fd=3))\n");
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM communication"), ==, 2);

  /* web02 sees a connection from app01: unknown process, so it updates
   * both rows and creates none. */
  import_netstat_text (f, "web02", "2026-11-21T00:00:00Z",
                       SS_HEADER
                       "LISTEN 0 128 0.0.0.0:80 0.0.0.0:*\n"
                       "ESTAB 0 0 10.0.0.5:80 10.0.0.7:40002\n");
  rows = query_text (f, "SELECT group_concat(client_process_name || ':' || client_device || ':'"
                        " || listener_device || ':' || first_detected || ':' || last_detected || ':' || source, ' ')"
                        " FROM (SELECT * FROM communication ORDER BY client_process_name)");
  {
    g_autofree char *expected = g_strdup_printf ("curl:app01:web02:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":netstat "
                                                 "wget:app01:web02:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":netstat",
                                                 t ("2026-11-20T00:00:00Z"), t ("2026-11-21T00:00:00Z"),
                                                 t ("2026-11-20T00:00:00Z"), t ("2026-11-21T00:00:00Z"));
    g_assert_cmpstr (rows, ==, expected);
  }

  /* Netflow makes a row with an unknown process; netstat on the client
   * later fills it in rather than adding one. */
  import_netflow_text (f, 300, LIAISON_CSV_HEADER
                       "2026-11-22T00:00:00Z,,10.0.0.8,50000,10.0.0.5,80,tcp\n");
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM communication WHERE client_ip = '10.0.0.8'"), ==, 1);
  import_netstat_text (f, "app02", "2026-11-23T00:00:00Z",
                       SS_HEADER
                       "ESTAB 0 0 10.0.0.8:40000 10.0.0.5:80 users:((\"nc\",pid=1,fd=3))\n");
  g_clear_pointer (&rows, g_free);
  rows = query_text (f, "SELECT group_concat(client_process_name || ':' || client_device || ':' || source, ' ')"
                        " FROM communication WHERE client_ip = '10.0.0.8'");
  g_assert_cmpstr (rows, ==, "nc:app02:netflow");

  /* Another process of the same client is a row of its own. */
  import_netstat_text (f, "app02", "2026-11-24T00:00:00Z",
                       SS_HEADER
                       "ESTAB 0 0 10.0.0.8:40001 10.0.0.5:80 users:((\"curl\",pid=1,fd=3))\n");
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM communication WHERE client_ip = '10.0.0.8'"), ==, 2);

  /* The statistics record of 10.0.0.8 -> 10.0.0.5:80 names the client device. */
  {
    g_autoptr(GPtrArray) records = get_records (f);
    const LiaisonStatRecord *r = find_record (records, "10.0.0.5", 80, "10.0.0.8", NULL);

    g_assert_cmpstr (r->client_device, ==, "app02");
    r = find_record (records, "10.0.0.5", 80, "10.0.0.7", NULL);
    g_assert_cmpstr (r->listener_device, ==, "web02");
    g_assert_cmpstr (r->client_device, ==, "app01");
  }
}

/* A sample's new service communications are written together: the rows,
 * their ids and the records must be those of one observation at a time. More
 * rows than one statement writes, merges inside the sample (a loopback
 * conversation seen from both ends, an unknown process filled in, a second
 * process), IPv4-mapped addresses; then a sample of another host that adds
 * rows beside ones it merges into. */
/* The first sample of test_netstat_new_rows(), of host gw01. */
static GString *
new_rows_sample (void)
{
  GString *sample = g_string_new (SS_HEADER
                                  "LISTEN 0 128 0.0.0.0:80 0.0.0.0:*\n"
                                  "LISTEN 0 128 127.0.0.1:5432 0.0.0.0:*\n"
                                  "LISTEN 0 128 [::]:443 [::]:*\n");

  /* 150 clients of 10.0.0.9:80, the 7th with two ports. */
  for (guint i = 150; i >= 1; i--)
    g_string_append_printf (sample, "ESTAB 0 0 10.0.0.9:80 10.1.0.%u:40000\n", i);
  g_string_append (sample,
                   "ESTAB 0 0 10.0.0.9:80 10.1.0.7:40001\n"
                   "ESTAB 0 0 [::ffff:10.0.0.9]:443 [::ffff:10.2.0.1]:50000\n"
                   "ESTAB 0 0 127.0.0.1:5432 127.0.0.1:41000 users:((\"postgres\",pid=1,fd=3))\n"
                   "ESTAB 0 0 127.0.0.1:5432 127.0.0.1:41001 users:((\"postgres\",pid=1,fd=4))\n"
                   "ESTAB 0 0 127.0.0.1:41000 127.0.0.1:5432 users:((\"psql\",pid=2,fd=3))\n"
                   "ESTAB 0 0 127.0.0.1:41001 127.0.0.1:5432 users:((\"pgbench\",pid=3,fd=3))\n"
                   "ESTAB 0 0 127.0.0.1:5432 127.0.0.2:42000 users:((\"postgres\",pid=1,fd=5))\n"
                   "ESTAB 0 0 10.0.0.9:45002 10.3.0.1:8080 users:((\"wget\",pid=5,fd=3))\n"
                   "ESTAB 0 0 10.0.0.9:45001 10.3.0.1:8080 users:((\"curl\",pid=4,fd=3))\n"
                   "ESTAB 0 0 10.0.0.9:45000 10.3.0.1:8080\n"
                   "ESTAB 0 0 10.0.0.9:45003 10.3.0.2:8080 users:((\"curl\",pid=4,fd=4))\n"
                   "ESTAB 0 0 10.0.0.9:45004 10.1.0.3:80 users:((\"curl\",pid=4,fd=5))\n");
  return sample;
}

/* The second one, of web02: 10.0.0.9 with no process, and 70 new clients. */
static GString *
new_rows_second_sample (void)
{
  GString *sample = g_string_new (SS_HEADER "LISTEN 0 128 0.0.0.0:8080 0.0.0.0:*\n"
                                            "ESTAB 0 0 10.3.0.1:8080 10.0.0.9:45001\n");

  for (guint i = 1; i <= 70; i++)
    g_string_append_printf (sample, "ESTAB 0 0 10.3.0.1:8080 10.4.0.%u:40000\n", i);
  return sample;
}

static void
test_netstat_new_rows (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GString) sample = new_rows_sample ();
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *rows = NULL;
  LiaisonTime t1 = t ("2026-11-20T00:00:00Z");
  LiaisonTime t2 = t ("2026-11-21T00:00:00Z");

  import_netstat_text (f, "gw01", "2026-11-20T00:00:00Z", sample->str);

  /* Inbound conversations first, in the order of listener and client, then
   * outbound ones; a row's values are those after the whole sample. */
  for (guint i = 1; i <= 150; i++)
    g_string_append_printf (expected, "%u 10.1.0.%u|10.0.0.9:80/tcp||gw01||\n", i, i);
  g_string_append (expected,
                   "151 10.2.0.1|10.0.0.9:443/tcp||gw01||\n"
                   "152 127.0.0.1|127.0.0.1:5432/tcp|gw01|gw01|pgbench|gw01\n"
                   "153 127.0.0.2|127.0.0.1:5432/tcp|gw01|gw01||gw01\n"
                   "154 10.0.0.9|10.1.0.3:80/tcp|gw01||curl|\n"
                   "155 10.0.0.9|10.3.0.1:8080/tcp|gw01||curl|\n"
                   "156 10.0.0.9|10.3.0.1:8080/tcp|gw01||wget|\n"
                   "157 10.0.0.9|10.3.0.2:8080/tcp|gw01||curl|\n"
                   "158 127.0.0.1|127.0.0.1:5432/tcp|gw01|gw01|psql|gw01\n");
  rows = query_text (f, "SELECT group_concat(id || ' ' || client_ip || '|' || listener_ip || ':' || port || '/' || protocol"
                        " || '|' || coalesce(client_device, '') || '|' || coalesce(listener_device, '')"
                        " || '|' || client_process_name || '|' || scope || char(10), '')"
                        " FROM (SELECT * FROM communication ORDER BY id)");
  g_assert_cmpstr (rows, ==, expected->str);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM communication WHERE source = 'netstat'"
                                 " AND first_detected = 1795132800000 AND last_detected = 1795132800000"
                                 " AND client_process_display_name IS NULL AND user_fields = 0"), ==, 158);
  g_assert_cmpint (t1, ==, 1795132800000);

  /* One record per inbound conversation, in the same order; the loopback
   * ones name the client device their service communications have (for
   * 127.0.0.2, whose client side the sample does not show, only they do). */
  g_string_truncate (expected, 0);
  for (guint i = 1; i <= 150; i++)
    g_string_append_printf (expected, "%u 10.1.0.%u|10.0.0.9:80||gw01|%u\n", i, i, i == 7 ? 2 : 1);
  g_string_append (expected,
                   "151 10.2.0.1|10.0.0.9:443||gw01|1\n"
                   "152 127.0.0.1|127.0.0.1:5432|gw01|gw01|2\n"
                   "153 127.0.0.2|127.0.0.1:5432|gw01|gw01|1\n");
  g_clear_pointer (&rows, g_free);
  rows = query_text (f, "SELECT group_concat(id || ' ' || client_ip || '|' || listener_ip || ':' || port"
                        " || '|' || coalesce(client_device, '') || '|' || coalesce(listener_device, '')"
                        " || '|' || ns_total_ports || char(10), '')"
                        " FROM (SELECT * FROM stat_record ORDER BY id)");
  g_assert_cmpstr (rows, ==, expected->str);

  /* The search index has every new row. */
  g_assert_cmpint (indexed_rows (f), ==, 158);

  /* web02 (10.3.0.1) sees 10.0.0.9 with no process: both rows of that
   * conversation get their listener device and time; its 70 other clients
   * are new rows. */
  g_string_free (sample, TRUE);
  sample = new_rows_second_sample ();
  import_netstat_text (f, "web02", "2026-11-21T00:00:00Z", sample->str);

  g_string_truncate (expected, 0);
  g_string_append_printf (expected,
                          "155 10.0.0.9|curl|gw01|web02|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "\n"
                          "156 10.0.0.9|wget|gw01|web02|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "\n",
                          t1, t2, t1, t2);
  for (guint i = 1; i <= 70; i++)
    g_string_append_printf (expected, "%u 10.4.0.%u|||web02|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "\n",
                            158 + i, i, t2, t2);
  g_clear_pointer (&rows, g_free);
  rows = query_text (f, "SELECT group_concat(id || ' ' || client_ip || '|' || client_process_name"
                        " || '|' || coalesce(client_device, '') || '|' || coalesce(listener_device, '')"
                        " || '|' || first_detected || '|' || last_detected || char(10), '')"
                        " FROM (SELECT * FROM communication WHERE listener_ip = '10.3.0.1' ORDER BY id)");
  g_assert_cmpstr (rows, ==, expected->str);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM communication"), ==, 228);
  g_assert_cmpint (indexed_rows (f), ==, 228);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM communication_search WHERE rowid = 155"
                                 " AND communication_search MATCH 'listener_device : web02'"), ==, 1);
}

/* What the samples of test_netstat_new_rows() and the real captures make,
 * as text: every column of the service communications but the id, in id
 * order, and every statistics record. */
static char *
imported_rows (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) first = new_rows_sample ();
  g_autoptr(GString) second = new_rows_second_sample ();
  g_autofree char *capture = g_test_build_filename (G_TEST_DIST, "data", "netstat", "ss-tunap.txt", NULL);
  const char *paths[] = { capture, NULL };
  LiaisonImportOptions options = { 0 };
  g_autofree char *communications = NULL;
  g_autofree char *records = NULL;

  import_netstat_text (f, "gw01", "2026-11-20T00:00:00Z", first->str);
  import_netstat_text (f, "web02", "2026-11-21T00:00:00Z", second->str);
  options.kind = LIAISON_SAMPLE_NETSTAT;
  options.host = "lab01";
  options.time = t ("2026-11-27T05:07:04.460Z");
  options.start = LIAISON_TIME_NONE;
  g_assert_true (liaison_import_files (f->store, &options, paths, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  communications = query_text (f, "SELECT group_concat(concat_all, char(10)) FROM"
                                  " (SELECT client_ip || '|' || hex(client_key) || '|' || coalesce(client_device, '-')"
                                  "  || '|' || listener_ip || '|' || hex(listener_key) || '|' || coalesce(listener_device, '-')"
                                  "  || '|' || port || '|' || protocol || '|' || client_process_name"
                                  "  || '|' || coalesce(client_process_display_name, '-') || '|' || coalesce(first_detected, '-')"
                                  "  || '|' || coalesce(last_detected, '-') || '|' || source || '|' || scope || '|' || user_fields"
                                  "  AS concat_all FROM communication WHERE source != 'manual' ORDER BY id)");
  records = query_text (f, "SELECT group_concat(id || '|' || listener_ip || '|' || port || '|' || client_ip"
                           " || '|' || coalesce(client_device, '-') || '|' || coalesce(listener_device, '-')"
                           " || '|' || ns_total_samples || '|' || ns_active_samples || '|' || ns_total_ports, char(10))"
                           " FROM (SELECT * FROM stat_record ORDER BY id)");
  return g_strconcat (communications, "\n--\n", records, NULL);
}

/* New rows are held and written together only while the table is empty;
 * beside an existing row, every observation goes to the store one at a
 * time. Both must make the same rows and records. */
static void
test_netstat_new_rows_either_way (Fixture       *f,
                                  gconstpointer  data)
{
  Fixture beside = { 0 };
  LiaisonCommunicationInput manual = { "192.0.2.1", "192.0.2.2", "9", "udp" };
  g_autoptr(GError) error = NULL;
  g_autofree char *together = NULL;
  g_autofree char *one_by_one = NULL;

  together = imported_rows (f);

  fixture_open (&beside);
  g_assert_cmpint (liaison_store_add_communication (beside.store, &manual, &error), >, 0);
  g_assert_no_error (error);
  one_by_one = imported_rows (&beside);
  fixture_close (&beside);

  g_assert_cmpuint (strlen (together), >, 10000);
  g_assert_cmpstr (together, ==, one_by_one);
}

/* More new rows than a sample holds in memory: those written first are
 * merged into in the table. 10.0.0.9 connects to itself, so its client
 * side's process fills in the first row, written by then. */
static void
test_netstat_many_new_rows (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GString) sample = g_string_new (SS_HEADER "LISTEN 0 128 0.0.0.0:80 0.0.0.0:*\n");
  g_autofree char *rows = NULL;
  const guint clients = 20000;

  g_string_append (sample, "ESTAB 0 0 10.0.0.9:80 10.0.0.9:50000\n");
  for (guint i = 0; i < clients; i++)
    g_string_append_printf (sample, "ESTAB 0 0 10.0.0.9:80 10.1.%u.%u:40000\n", i / 200, i % 200 + 1);
  g_string_append (sample, "ESTAB 0 0 10.0.0.9:50000 10.0.0.9:80 users:((\"curl\",pid=4,fd=3))\n");
  import_netstat_text (f, "gw01", "2026-11-20T00:00:00Z", sample->str);

  g_assert_cmpint (query_int (f, "SELECT count(*) FROM communication"), ==, clients + 1);
  g_assert_cmpint (indexed_rows (f), ==, clients + 1);
  rows = query_text (f, "SELECT group_concat(id || ' ' || client_ip || '|' || coalesce(client_device, '')"
                        " || '|' || listener_device || '|' || client_process_name, ' ')"
                        " FROM communication WHERE id IN (1, 2, 16384, 16385, 20001)");
  g_assert_cmpstr (rows, ==, "1 10.0.0.9|gw01|gw01|curl 2 10.1.0.1||gw01| "
                             "16384 10.1.81.183||gw01| 16385 10.1.81.184||gw01| "
                             "20001 10.1.99.200||gw01|");
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM communication WHERE client_process_name = ''"
                                 " AND client_device IS NULL AND listener_device = 'gw01'"), ==, clients);

  /* Records in the same order; 10.0.0.9's names its client device. */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM stat_record"), ==, clients + 1);
  g_clear_pointer (&rows, g_free);
  rows = query_text (f, "SELECT group_concat(id || ' ' || client_ip || '|' || coalesce(client_device, ''), ' ')"
                        " FROM stat_record WHERE id IN (1, 2, 20001)");
  g_assert_cmpstr (rows, ==, "1 10.0.0.9|gw01 2 10.1.0.1| 20001 10.1.99.200|");
}

/* Sample times ---------------------------------------------------------------- */

static void
test_netstat_file_time (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_sample (f, "sample.txt", web01_monday);
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
  g_assert_cmpint (query_int (f, "SELECT sample_time FROM sample"), ==, t ("2025-11-27T00:00:00Z"));
  g_assert_cmpint (query_int (f, "SELECT ns_first_found FROM stat_record"), ==, t ("2025-11-27T00:00:00Z"));
}

static void
test_netflow_start_option (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_sample (f, "flows.csv", seed_files[0]);
  const char *paths[] = { path, NULL };
  LiaisonImportOptions options = { 0 };
  g_autoptr(GPtrArray) records = NULL;

  options.kind = LIAISON_SAMPLE_NETFLOW;
  options.interval = 60;
  options.start = t ("2026-11-27T00:01:30Z");
  options.time = LIAISON_TIME_NONE;
  g_assert_true (liaison_import_files (f->store, &options, paths, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT window_start FROM sample"), ==, t ("2026-11-27T00:01:30Z"));
  g_assert_cmpint (query_int (f, "SELECT window_end FROM sample"), ==, t ("2026-11-27T00:02:30Z"));
  records = get_records (f);
  g_assert_cmpint (find_record (records, "10.0.0.5", 443, "10.0.0.9", NULL)->nf_pending_ms, ==, 45000);
}

/* Refusals and rollbacks --------------------------------------------------- */

static void
test_duplicate_refused (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = write_sample (f, "seed-1.csv", seed_files[0]);
  g_autofree char *copy = write_sample (f, "copy-of-seed-1.csv", seed_files[0]);
  g_autofree char *second = write_sample (f, "seed-2.csv", seed_files[1]);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected = NULL;
  const char *again[] = { second, copy, NULL };
  const char *twice[] = { second, second, NULL };

  import_netflow_one (f, 60, first);
  before = dump_database (f);

  g_assert_false (import_netflow (f, 60, again, NULL, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE);
  g_assert_true (g_str_has_prefix (error->message, copy));
  expected = g_strdup_printf ("%s: already imported (on ", copy);
  g_assert_true (g_str_has_prefix (error->message, expected));
  g_assert_nonnull (strstr (error->message, first));
  g_assert_true (liaison_error_is_bad_input (error));
  after = dump_database (f);
  g_assert_cmpstr (after, ==, before);
  g_clear_error (&error);
  g_clear_pointer (&after, g_free);

  /* The same file twice in one batch. */
  g_assert_false (import_netflow (f, 60, twice, NULL, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE);
  g_assert_true (g_str_has_prefix (error->message, second));
  after = dump_database (f);
  g_assert_cmpstr (after, ==, before);
}

static void
test_bad_file_rolls_back (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = write_sample (f, "seed-1.csv", seed_files[0]);
  g_autofree char *second = write_sample (f, "seed-2.csv", seed_files[1]);
  g_autofree char *third = write_sample (f, "seed-3.csv", seed_files[2]);
  g_autofree char *bad = write_sample (f, "bad.csv", LIAISON_CSV_HEADER
                                       "2026-11-27T00:04:10Z,,10.0.0.9,51007,10.0.0.5,443,tcp\n"
                                       "2026-11-27T00:04:20Z,,10.0.0.9,51008,10.0.0.300,443,tcp\n");
  g_autofree char *missing = g_build_filename (f->dir, "no-such-file.csv", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *batch[] = { second, bad, third, NULL };
  const char *batch_missing[] = { second, third, missing, NULL };
  const char *good[] = { second, third, NULL };

  import_netflow_one (f, 60, first);
  before = dump_database (f);

  g_assert_false (import_netflow (f, 60, batch, NULL, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, bad));
  after = dump_database (f);
  g_assert_cmpstr (after, ==, before);
  g_clear_error (&error);
  g_clear_pointer (&after, g_free);

  g_assert_false (import_netflow (f, 60, batch_missing, NULL, &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, missing));
  after = dump_database (f);
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
  g_assert_true (import_netflow (f, 60, good, NULL, &error));
  g_assert_no_error (error);
  assert_seed_figures (f);
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
                gpointer user_data)
{
  ProgressData *data = user_data;

  data->calls++;
  data->total = total;
  g_assert_cmpuint (done, ==, data->calls);
}

static void
test_cancel_rolls_back (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *first = write_sample (f, "seed-1.csv", seed_files[0]);
  g_autofree char *second = write_sample (f, "seed-2.csv", seed_files[1]);
  g_autofree char *third = write_sample (f, "seed-3.csv", seed_files[2]);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *paths[] = { third, first, second, NULL };
  LiaisonImportOptions options = { 0 };
  ProgressData progress = { cancellable, 0, 0 };

  options.kind = LIAISON_SAMPLE_NETFLOW;
  options.interval = 60;
  options.time = LIAISON_TIME_NONE;
  options.start = LIAISON_TIME_NONE;

  before = dump_database (f);
  g_assert_false (liaison_import_files (f->store, &options, paths, cancellable,
                                        cancel_after_first, &progress, NULL, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_CANCELLED);
  g_assert_cmpuint (progress.calls, ==, 1);
  g_assert_cmpuint (progress.total, ==, 3);
  after = dump_database (f);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM stat_record"), ==, 0);
  g_clear_error (&error);

  /* Not cancelled: one progress call per file. */
  memset (&progress, 0, sizeof progress);
  g_assert_true (liaison_import_files (f->store, &options, paths, NULL,
                                       count_progress, &progress, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (progress.calls, ==, 3);
  assert_seed_figures (f);
}


/* The real captures of tests/data/netstat (facts in tests/data/README.md). */
static void
test_netstat_captures (Fixture       *f,
                       gconstpointer  data)
{
  static const struct {
    const char *listener_ip;
    guint       port;
    const char *client_ip;
    gint64      total_ports;
  } expected[] = {
    { "127.0.0.1", 6060, "127.0.0.1", 4 },
    { "127.0.0.1", 8080, "127.0.0.1", 5 },
    { "127.0.0.1", 8080, "127.0.0.3", 3 },
    { "::1", 6060, "::1", 2 },
    { "::1", 9090, "::1", 3 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) classic = NULL;
  g_autofree char *first = g_test_build_filename (G_TEST_DIST, "data", "netstat", "ss-tunap.txt", NULL);
  g_autofree char *second = g_test_build_filename (G_TEST_DIST, "data", "netstat", "ss-tunap-2.txt", NULL);
  const char *paths[2][2] = { { first, NULL }, { second, NULL } };
  const char *times[2] = { "2026-11-27T05:07:04.460Z", "2026-11-27T05:07:09.494Z" };
  guint found = 0;

  for (guint i = 0; i < 2; i++)
    {
      LiaisonImportOptions options = { 0 };

      options.kind = LIAISON_SAMPLE_NETSTAT;
      options.host = "lab01";
      options.time = t (times[i]);
      options.start = LIAISON_TIME_NONE;
      g_assert_true (liaison_import_files (f->store, &options, paths[i], NULL, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }

  /* README: five records, each total 2, active 2, persistence 100. */
  records = get_records (f);
  g_assert_cmpuint (records->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const LiaisonStatRecord *r = g_ptr_array_index (records, i);

      /* Also the export order: 127.0.0.1 before ::1, ports ascending. */
      g_assert_cmpstr (r->listener_ip, ==, expected[i].listener_ip);
      g_assert_cmpuint (r->port, ==, expected[i].port);
      g_assert_cmpstr (r->client_ip, ==, expected[i].client_ip);
      g_assert_cmpstr (r->protocol, ==, "tcp");
      g_assert_cmpstr (r->listener_device, ==, "lab01");
      assert_netstat (r, 2, 2, expected[i].total_ports, times[0], times[1]);
      found++;
    }
  g_assert_cmpuint (found, ==, 5);

  /* Classic: clienta -> 127.0.0.1:8080 with 3 then 2 ports; clientb ->
   * 127.0.0.1:6060 with 2 then 1 (the orphaned FIN-WAIT-2 socket has no
   * process); clienta -> 127.0.0.1:5514/udp, 1 each time. */
  classic = get_classic (f);
  for (guint i = 0; i < classic->len; i++)
    {
      const LiaisonClassicRecord *c = g_ptr_array_index (classic, i);
      g_autofree char *text = g_strdup_printf ("%s>%s:%u/%s %s %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                                               c->client_ip, c->listener_ip, c->port, c->protocol,
                                               c->client_process_name, c->total_samples,
                                               c->active_samples, c->total_ports);

      if (g_str_equal (c->client_ip, "127.0.0.1") && c->port == 8080)
        g_assert_cmpstr (text, ==, "127.0.0.1>127.0.0.1:8080/tcp clienta 2/2/5");
      else if (g_str_equal (c->client_ip, "127.0.0.1") && c->port == 6060)
        g_assert_cmpstr (text, ==, "127.0.0.1>127.0.0.1:6060/tcp clientb 2/2/3");
      else if (c->port == 5514)
        g_assert_cmpstr (text, ==, "127.0.0.1>127.0.0.1:5514/udp clienta 2/2/2");
    }
  /* 8080 x2 clients, 6060 x2, 9090, 5514 */
  g_assert_cmpuint (classic->len, ==, 6);
}

static void
test_detect (void)
{
  static const char nfcapd[] = { 0x0c, (char) 0xa5, 0x02, 0x00, 0x00, 0x00 };

  g_assert_cmpint (liaison_import_detect (web01_friday, strlen (web01_friday)), ==, LIAISON_SAMPLE_NETSTAT);
  g_assert_cmpint (liaison_import_detect (seed_files[0], strlen (seed_files[0])), ==, LIAISON_SAMPLE_NETFLOW);
  g_assert_cmpint (liaison_import_detect (NFDUMP_HEADER, strlen (NFDUMP_HEADER)), ==, LIAISON_SAMPLE_NETFLOW);
  g_assert_cmpint (liaison_import_detect (nfcapd, sizeof nfcapd), ==, LIAISON_SAMPLE_NETFLOW);
  g_assert_cmpint (liaison_import_detect (db01_sample, strlen (db01_sample)), ==, LIAISON_SAMPLE_NETSTAT);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/seed/separate-imports", test_seed_separate_imports);
  g_test_add_func ("/import/seed/one-batch", test_seed_one_batch);
  g_test_add ("/import/netflow/gap-split", Fixture, NULL, fixture_set_up, test_netflow_gap_split, fixture_tear_down);
  g_test_add ("/import/netflow/events-ports", Fixture, NULL, fixture_set_up, test_netflow_events_ports, fixture_tear_down);
  g_test_add ("/import/netflow/orientation", Fixture, NULL, fixture_set_up, test_netflow_orientation, fixture_tear_down);
  g_test_add ("/import/netflow/guess-not-known", Fixture, NULL, fixture_set_up, test_netflow_guess_not_known, fixture_tear_down);
  g_test_add ("/import/netflow/start-option", Fixture, NULL, fixture_set_up, test_netflow_start_option, fixture_tear_down);
  g_test_add ("/import/netstat/statistics", Fixture, NULL, fixture_set_up, test_netstat_statistics, fixture_tear_down);
  g_test_add ("/import/netstat/out-of-order-times", Fixture, NULL, fixture_set_up, test_netstat_out_of_order_times, fixture_tear_down);
  g_test_add ("/import/netstat/filter", Fixture, NULL, fixture_set_up, test_netstat_filter, fixture_tear_down);
  g_test_add ("/import/netstat/loopback-hosts", Fixture, NULL, fixture_set_up, test_netstat_loopback_hosts, fixture_tear_down);
  g_test_add ("/import/netstat/new-rows", Fixture, NULL, fixture_set_up, test_netstat_new_rows, fixture_tear_down);
  g_test_add ("/import/netstat/many-new-rows", Fixture, NULL, fixture_set_up, test_netstat_many_new_rows, fixture_tear_down);
  g_test_add ("/import/netstat/new-rows-either-way", Fixture, NULL, fixture_set_up, test_netstat_new_rows_either_way, fixture_tear_down);
  g_test_add ("/import/netstat/file-time", Fixture, NULL, fixture_set_up, test_netstat_file_time, fixture_tear_down);
  g_test_add ("/import/netstat/captures", Fixture, NULL, fixture_set_up, test_netstat_captures, fixture_tear_down);
  g_test_add ("/import/classic", Fixture, NULL, fixture_set_up, test_classic_statistics, fixture_tear_down);
  g_test_add ("/import/merge-rule", Fixture, NULL, fixture_set_up, test_merge_rule, fixture_tear_down);
  g_test_add ("/import/duplicate", Fixture, NULL, fixture_set_up, test_duplicate_refused, fixture_tear_down);
  g_test_add ("/import/bad-file", Fixture, NULL, fixture_set_up, test_bad_file_rolls_back, fixture_tear_down);
  g_test_add ("/import/cancel", Fixture, NULL, fixture_set_up, test_cancel_rolls_back, fixture_tear_down);
  g_test_add_func ("/import/detect", test_detect);

  return g_test_run ();
}
