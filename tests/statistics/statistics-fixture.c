/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "statistics-fixture"

#include "config.h"

#include <glib/gstdio.h>

#include "liaison-import.h"
#include "statistics-fixture.h"

/* The seed example (statistics.md section 5): interval 60, three sample
 * files of two events each between 10.1.1.1 and 10.0.0.5:443/tcp. */
static const char *seed_files[] = {
  "start,end,client_ip,client_port,listener_ip,listener_port,protocol\n"
  "2026-11-27T00:01:15Z,,10.1.1.1,50001,10.0.0.5,443,tcp\n"
  "2026-11-27T00:01:45Z,,10.1.1.1,50002,10.0.0.5,443,tcp\n",
  "start,end,client_ip,client_port,listener_ip,listener_port,protocol\n"
  "2026-11-27T00:02:10Z,,10.1.1.1,50003,10.0.0.5,443,tcp\n"
  "2026-11-27T00:02:45Z,,10.1.1.1,50004,10.0.0.5,443,tcp\n",
  "start,end,client_ip,client_port,listener_ip,listener_port,protocol\n"
  "2026-11-27T00:03:50Z,,10.1.1.1,50005,10.0.0.5,443,tcp\n"
  "2026-11-27T00:03:55Z,,10.1.1.1,50006,10.0.0.5,443,tcp\n",
};

LiaisonTime
at (const char *iso)
{
  LiaisonTime time;

  g_assert_true (liaison_time_parse (iso, -1, FALSE, &time));
  return time;
}

/* The seed example as the timeline's lane, its one gap in *@gap: 95 s
 * active, a gap of 65 s, 5 s pending. */
LiaisonTimelineLane
seed_lane (LiaisonGap *gap)
{
  *gap = (LiaisonGap) { at ("2026-11-27T00:02:45Z"), at ("2026-11-27T00:03:50Z"), 60 };

  return (LiaisonTimelineLane) {
    .label = "10.1.1.1",
    .first = at ("2026-11-27T00:01:15Z"),
    .last = at ("2026-11-27T00:03:55Z"),
    .gaps = gap,
    .n_gaps = 1,
    .pending_end = at ("2026-11-27T00:04:00Z"),
  };
}

char *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* Imports the seed example's samples @first to @last (0 to 2). */
void
import_netflow (Fixture *fixture,
                guint    first,
                guint    last)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  LiaisonImportOptions options = {
    .kind = LIAISON_SAMPLE_NETFLOW,
    .interval = 60,
    .start = LIAISON_TIME_NONE,
    .time = LIAISON_TIME_NONE,
  };

  for (guint i = first; i <= last; i++)
    {
      g_autofree char *name = g_strdup_printf ("sample-%u.csv", i + 1);

      g_ptr_array_add (paths, write_file (fixture, name, seed_files[i]));
    }
  g_ptr_array_add (paths, NULL);

  liaison_import_files (fixture->store, &options, (const char * const *) paths->pdata,
                        NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* Imports @sample as taken on web01 at 2026-11-27T00:05:00Z. */
void
import_netstat (Fixture    *fixture,
                const char *sample)
{
  g_autofree char *path = write_file (fixture, "web01-netstat.txt", sample);
  const char *paths[] = { path, NULL };
  g_autoptr(GError) error = NULL;
  LiaisonImportOptions options = {
    .kind = LIAISON_SAMPLE_NETSTAT,
    .host = "web01",
    .start = LIAISON_TIME_NONE,
  };

  g_assert_true (liaison_time_parse ("2026-11-27T00:05:00Z", -1, FALSE, &options.time));
  liaison_import_files (fixture->store, &options, paths, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("liaison-statistics-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->database = g_build_filename (fixture->dir, "liaison.db", NULL);
  fixture->store = liaison_store_open (fixture->database, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_remove (child);
    }
  g_rmdir (path);
}

void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->database);
  g_free (fixture->dir);
}
