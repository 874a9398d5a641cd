/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "liaison-content-hash.h"
#include "liaison-error.h"
#include "liaison-input.h"
#include "liaison-input-private.h"
#include "liaison-test-fixture.h"

/* Reading input files (issue 15: read, not mapped; stable; bounded; /proc as
 * streams; gzip for every format). */

static char *
make_text (gsize size)
{
  char *text = g_malloc (size + 1);

  for (gsize i = 0; i < size; i++)
    text[i] = (i % 64 == 63) ? '\n' : 'a' + (char) (i % 26);
  text[size] = '\0';
  return text;
}

static char *
gzip_bytes (const char *data,
            gsize       length,
            gsize      *out_length)
{
  g_autoptr(GConverter) compressor = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6));
  g_autoptr(GError) error = NULL;
  char *out = g_malloc (length + 1024);
  gsize read, written;

  g_assert_cmpint (g_converter_convert (compressor, data, length, out, length + 1024,
                                        G_CONVERTER_INPUT_AT_END, &read, &written, &error),
                   ==, G_CONVERTER_FINISHED);
  g_assert_no_error (error);
  *out_length = written;
  return out;
}

/* All of @path, or NULL with @error. */
static GBytes *
read_all (const char  *path,
          GError     **error)
{
  g_autoptr(LiaisonInput) input = liaison_input_open (path, error);

  return input != NULL ? liaison_input_read_all (input, error) : NULL;
}

static void
test_regular_file (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_folder_new ();
  g_autofree char *text = make_text (700 * 1024);
  g_autofree char *path = liaison_test_write_file (f, "big.txt", text);
  g_autofree char *expected = liaison_content_hash ((const guint8 *) text, strlen (text));
  g_autoptr(LiaisonInput) input = NULL;
  g_autoptr(GString) got = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  char piece[1000];
  gssize n;

  input = liaison_input_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (liaison_input_is_gzip (input));
  g_assert_cmpuint (liaison_input_get_size (input), ==, strlen (text));
  while ((n = liaison_input_read (input, piece, sizeof piece, 1, &error)) > 0)
    g_string_append_len (got, piece, n);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 0);
  g_assert_cmpstr (got->str, ==, text);
  g_assert_true (liaison_input_finish (input, &error));
  g_assert_cmpstr (liaison_input_get_checksum (input), ==, expected);
}

/* Skipping the rest of a file (nfdump reads it; Liaison only takes its
 * fingerprint) gives the same fingerprint as reading it, and stops when
 * cancelled, with the file not read to its end. */
static void
test_skip_rest (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_folder_new ();
  g_autofree char *text = make_text (700 * 1024);
  g_autofree char *path = liaison_test_write_file (f, "big.txt", text);
  g_autofree char *expected = liaison_content_hash ((const guint8 *) text, strlen (text));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(LiaisonInput) input = NULL;
  g_autoptr(LiaisonInput) stopped = NULL;
  g_autoptr(GError) error = NULL;

  input = liaison_input_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (liaison_input_starts_with (input, "ab", 2));
  g_assert_true (liaison_input_skip_rest (input, cancellable, &error));
  g_assert_no_error (error);
  g_assert_true (liaison_input_finish (input, &error));
  g_assert_cmpstr (liaison_input_get_checksum (input), ==, expected);

  stopped = liaison_input_open (path, &error);
  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  g_assert_false (liaison_input_skip_rest (stopped, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (liaison_input_get_checksum (stopped));
}

/* A file that changes while it is read (a log rotated by truncation, one
 * still being written, one rewritten in place) is an error, not SIGBUS. */
static void
test_changed_file (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_folder_new ();
  g_autofree char *text = make_text (2 * 1024 * 1024);
  g_autofree char *path = liaison_test_write_file (f, "conn.log", text);
  g_autofree char *expected = NULL;
  char piece[4096];

  expected = g_strdup_printf ("%s: the file changed while it was being read; nothing was imported", path);

  /* shrinks */
  {
    g_autoptr(LiaisonInput) input = liaison_input_open (path, NULL);
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (liaison_input_read (input, piece, sizeof piece, 1, &error), ==, sizeof piece);
    g_assert_cmpint (truncate (path, 1024 * 1024), ==, 0);
    while (liaison_input_read (input, piece, sizeof piece, 1, &error) > 0)
      ;
    g_assert_no_error (error);
    g_assert_false (liaison_input_finish (input, &error));
    g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_IO);
    g_assert_cmpstr (error->message, ==, expected);
  }

  /* grows */
  {
    g_autoptr(LiaisonInput) input = liaison_input_open (path, NULL);
    g_autoptr(GError) error = NULL;
    g_autofree char *grew = g_strdup_printf ("%s: the file changed while it was being read (it grew); "
                                             "nothing was imported", path);
    int fd = g_open (path, O_WRONLY | O_APPEND, 0);

    g_assert_cmpint (write (fd, "more\n", 5), ==, 5);
    close (fd);
    g_assert_null (liaison_input_read_all (input, &error));
    g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_IO);
    g_assert_cmpstr (error->message, ==, grew);
  }

  /* rewritten in place, same size */
  {
    g_autoptr(LiaisonInput) input = liaison_input_open (path, NULL);
    g_autoptr(GError) error = NULL;
    struct timeval later[2] = { { 2000000000, 0 }, { 2000000000, 0 } };

    g_assert_cmpint (liaison_input_read (input, piece, sizeof piece, 1, &error), ==, sizeof piece);
    g_assert_cmpint (utimes (path, later), ==, 0);
    g_assert_false (liaison_input_finish (input, &error));
    g_assert_cmpstr (error->message, ==, expected);
  }
}

/* Standard input, pipes and devices are read up to a limit. */
static void
test_stream_limit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  liaison_input_set_stream_limit (1024 * 1024);
  bytes = read_all ("/dev/zero", &error);
  liaison_input_set_stream_limit (0);
  g_assert_null (bytes);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "/dev/zero: more than 1 MiB from standard input, a pipe or a device; "
                                       "save it to a file and import the file");
}

/* `yes | liaison-cli import-netstat --host h -`: bounded, with a message. */
static void
test_stdin_limit (void)
{
  g_autoptr(LiaisonTestFixture) f = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[] = { "-", NULL };
  LiaisonImportOptions options = { 0 };
  int fds[2];

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  /* a writer that never stops, on standard input */
  g_assert_cmpint (pipe (fds), ==, 0);
  if (fork () == 0)
    {
      close (fds[0]);
      for (;;)
        if (write (fds[1], "y\ny\ny\ny\n", 8) < 0)
          _exit (0);
    }
  close (fds[1]);
  g_assert_cmpint (dup2 (fds[0], 0), ==, 0);

  f = liaison_test_fixture_new ();
  liaison_input_set_stream_limit (256 * 1024);
  options.kind = LIAISON_SAMPLE_NETSTAT;
  options.host = "h";
  options.time = LIAISON_TIME_NONE;
  options.start = LIAISON_TIME_NONE;
  g_assert_false (liaison_import_files (f->store, &options, paths, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "(standard input): more than 256 KiB from standard input, a pipe or a "
                                       "device; save it to a file and import the file");
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT count(*) FROM sample"), ==, 0);
}

/* /proc files say they are empty: they are read as streams. */
static void
test_proc (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) status = read_all ("/proc/self/status", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (status), >, 100);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (status, NULL), "Name:"));

  if (g_file_test ("/proc/net/tcp", G_FILE_TEST_EXISTS))
    {
      g_autoptr(GBytes) tcp = read_all ("/proc/net/tcp", &error);
      g_autoptr(LiaisonNetstatTable) table = NULL;

      g_assert_no_error (error);
      table = liaison_netstat_parse ("/proc/net/tcp", g_bytes_get_data (tcp, NULL), g_bytes_get_size (tcp), &error);
      g_assert_no_error (error);
      g_assert_cmpint (table->format, ==, LIAISON_NETSTAT_FORMAT_PROC);
    }
}

/* gzip: member after member (as `cat a.gz b.gz` or S3 multipart objects),
 * zero padding after the last; anything else after it, damage and a file
 * cut short are errors at the line the data reached. */
static void
test_gzip (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_folder_new ();
  g_autofree char *a = make_text (300 * 1024);
  g_autofree char *b = g_strdup ("second member\nlast line\n");
  g_autofree char *ga = NULL;
  g_autofree char *gb = NULL;
  g_autofree char *path = g_build_filename (f->dir, "joined.gz", NULL);
  g_autoptr(GByteArray) joined = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *both = g_strconcat (a, b, NULL);
  g_autofree char *expected = NULL;
  gsize la, lb;
  static const guint8 zeros[512] = { 0 };

  ga = gzip_bytes (a, strlen (a), &la);
  gb = gzip_bytes (b, strlen (b), &lb);
  g_byte_array_append (joined, (guint8 *) ga, la);
  g_byte_array_append (joined, (guint8 *) gb, lb);
  g_byte_array_append (joined, zeros, sizeof zeros);
  g_file_set_contents (path, (char *) joined->data, joined->len, &error);
  g_assert_no_error (error);

  bytes = read_all (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, strlen (both));
  g_assert_cmpint (memcmp (g_bytes_get_data (bytes, NULL), both, strlen (both)), ==, 0);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* not gzip after the last member */
  g_byte_array_append (joined, (guint8 *) "trailing", 8);
  g_file_set_contents (path, (char *) joined->data, joined->len, &error);
  g_assert_no_error (error);
  bytes = read_all (path, &error);
  g_assert_null (bytes);
  expected = g_strdup_printf ("%s:4803: data after the end of the gzip stream", path);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  g_clear_pointer (&expected, g_free);

  /* damaged in the middle */
  ga[la / 2] ^= 0x55;
  ga[la / 2 + 1] ^= 0x55;
  g_file_set_contents (path, ga, la, &error);
  g_assert_no_error (error);
  bytes = read_all (path, &error);
  g_assert_null (bytes);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
  expected = g_strdup_printf ("%s:", path);
  g_assert_true (g_str_has_prefix (error->message, expected));
  g_assert_nonnull (strstr (error->message, ": the gzip data is damaged"));
}

static void
test_not_files (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_folder_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonInput) input = NULL;
  g_autofree char *expected = g_strdup_printf ("%s: is a folder, not a file", f->dir);

  input = liaison_input_open (f->dir, &error);
  g_assert_null (input);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_IO);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  input = liaison_input_open ("/nonexistent/conn.log", &error);
  g_assert_null (input);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_IO);
  g_assert_cmpstr (error->message, ==, "/nonexistent/conn.log: cannot read: No such file or directory");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/input/regular-file", test_regular_file);
  g_test_add_func ("/input/changed-file", test_changed_file);
  g_test_add_func ("/input/skip-rest", test_skip_rest);
  g_test_add_func ("/input/stream-limit", test_stream_limit);
  g_test_add_func ("/input/stdin-limit", test_stdin_limit);
  g_test_add_func ("/input/proc", test_proc);
  g_test_add_func ("/input/gzip", test_gzip);
  g_test_add_func ("/input/not-files", test_not_files);

  return g_test_run ();
}
