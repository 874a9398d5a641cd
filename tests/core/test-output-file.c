/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <sys/stat.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "liaison-error.h"
#include "liaison-output-file.h"
#include "liaison-test-fixture.h"

/* A file written by liaison_output_file_write() appears whole or not at all. */

static gboolean
write_text (GOutputStream  *stream,
            gpointer        user_data,
            GCancellable   *cancellable,
            GError        **error)
{
  return g_output_stream_write_all (stream, user_data, strlen (user_data), NULL, cancellable, error);
}

static gboolean
write_then_fail (GOutputStream  *stream,
                 gpointer        user_data,
                 GCancellable   *cancellable,
                 GError        **error)
{
  if (!write_text (stream, user_data, cancellable, error))
    return FALSE;
  g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE, "the database went away");
  return FALSE;
}

/* Writes every byte, and is cancelled as it returns: a Cancel pressed as
 * the export ended. */
static gboolean
write_then_cancelled (GOutputStream  *stream,
                      gpointer        user_data,
                      GCancellable   *cancellable,
                      GError        **error)
{
  if (!write_text (stream, "a,b\n", cancellable, error))
    return FALSE;
  g_cancellable_cancel (cancellable);
  return TRUE;
}

static char *
read_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (folder) != NULL)
    n++;
  return n;
}

/* Cancelled after the last byte: nothing written, not the new file and no
 * temporary one, and an existing file keeps its bytes. */
static void
test_cancelled_at_the_end (void)
{
  g_autoptr(LiaisonTestFixture) fixture = liaison_test_folder_new ();
  g_autofree char *path = g_build_filename (fixture->dir, "out.csv", NULL);
  g_autofree char *old = g_build_filename (fixture->dir, "old.csv", NULL);
  g_autofree char *text = NULL;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GError) error = NULL;

      g_assert_false (liaison_output_file_write (i == 0 ? path : old, write_then_cancelled, NULL,
                                                 cancellable, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      if (i == 0)
        {
          g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
          g_assert_cmpuint (count_entries (fixture->dir), ==, 0);
          g_assert_true (g_file_set_contents (old, "old\n", -1, NULL));
        }
    }
  text = read_text (old);
  g_assert_cmpstr (text, ==, "old\n");
  g_assert_cmpuint (count_entries (fixture->dir), ==, 1);
}

static void
test_new_file (void)
{
  g_autoptr(LiaisonTestFixture) fixture = liaison_test_folder_new ();
  g_autofree char *path = g_build_filename (fixture->dir, "out.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  struct stat st;

  g_assert_true (liaison_output_file_write (path, write_text, (gpointer) "{}\n", NULL, &error));
  g_assert_no_error (error);
  text = read_text (path);
  g_assert_cmpstr (text, ==, "{}\n");

  /* Readable by its owner only, like the database. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpuint (count_entries (fixture->dir), ==, 1);
}

static void
test_keeps_mode (void)
{
  g_autoptr(LiaisonTestFixture) fixture = liaison_test_folder_new ();
  g_autofree char *path = g_build_filename (fixture->dir, "shared.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  struct stat st;

  g_assert_true (g_file_set_contents (path, "old\n", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);

  g_assert_true (liaison_output_file_write (path, write_text, (gpointer) "new\n", NULL, &error));
  g_assert_no_error (error);
  text = read_text (path);
  g_assert_cmpstr (text, ==, "new\n");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);
}

static void
test_failure_keeps_old (void)
{
  g_autoptr(LiaisonTestFixture) fixture = liaison_test_folder_new ();
  g_autofree char *path = g_build_filename (fixture->dir, "out.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "old\n", -1, NULL));
  g_assert_false (liaison_output_file_write (path, write_then_fail, (gpointer) "half", NULL, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_DATABASE);
  g_assert_cmpstr (error->message, ==, "the database went away");

  text = read_text (path);
  g_assert_cmpstr (text, ==, "old\n");
  g_assert_cmpuint (count_entries (fixture->dir), ==, 1);
}

static void
test_follows_link (void)
{
  g_autoptr(LiaisonTestFixture) fixture = liaison_test_folder_new ();
  g_autofree char *real = g_build_filename (fixture->dir, "real.json", NULL);
  g_autofree char *link = g_build_filename (fixture->dir, "link.json", NULL);
  g_autofree char *text = NULL;
  g_autofree char *target = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (real, "old\n", -1, NULL));
  g_assert_cmpint (symlink ("real.json", link), ==, 0);

  g_assert_true (liaison_output_file_write (link, write_text, (gpointer) "new\n", NULL, &error));
  g_assert_no_error (error);

  /* The link stays a link, and the file it names has the new content. */
  target = g_file_read_link (link, NULL);
  g_assert_cmpstr (target, ==, "real.json");
  text = read_text (real);
  g_assert_cmpstr (text, ==, "new\n");
}

static void
test_removes_stale (void)
{
  g_autoptr(LiaisonTestFixture) fixture = liaison_test_folder_new ();
  g_autofree char *path = g_build_filename (fixture->dir, "out.json", NULL);
  g_autofree char *stale = NULL;
  g_autofree char *other = g_build_filename (fixture->dir, ".notes.txt.liaison-1-abcdef", NULL);
  GPid pid;
  int status;
  const char *argv[] = { "true", NULL };

  /* A process that has ended left its temporary file behind. */
  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, NULL));
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  stale = g_strdup_printf ("%s/.out.json.liaison-%d-Xy12ab", fixture->dir, (int) pid);
  g_assert_true (g_file_set_contents (stale, "half", -1, NULL));
  g_assert_true (g_file_set_contents (other, "not ours", -1, NULL));

  g_assert_true (liaison_output_file_write (path, write_text, (gpointer) "{}\n", NULL, NULL));
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  /* Another target's temporary file is not this write's to remove. */
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
}

static void
test_missing_folder (void)
{
  g_autoptr(LiaisonTestFixture) fixture = liaison_test_folder_new ();
  g_autofree char *path = g_build_filename (fixture->dir, "no-such-folder", "out.json", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (liaison_output_file_write (path, write_text, (gpointer) "{}\n", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  expected = g_strdup_printf ("%s: cannot create the file: %s", path, g_strerror (ENOENT));
  g_assert_cmpstr (error->message, ==, expected);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/output-file/new-file", test_new_file);
  g_test_add_func ("/output-file/keeps-mode", test_keeps_mode);
  g_test_add_func ("/output-file/failure-keeps-old", test_failure_keeps_old);
  g_test_add_func ("/output-file/follows-link", test_follows_link);
  g_test_add_func ("/output-file/removes-stale", test_removes_stale);
  g_test_add_func ("/output-file/missing-folder", test_missing_folder);
  g_test_add_func ("/output-file/cancelled-at-the-end", test_cancelled_at_the_end);

  return g_test_run ();
}
