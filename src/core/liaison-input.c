/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-input"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "liaison-content-hash.h"
#include "liaison-error.h"
#include "liaison-input.h"
#include "liaison-input-private.h"

/*
 * Reading an input file (cli.md, and issue 15's "input is bounded and
 * stable"). Files are read with read(2), never mapped: a mapped file that
 * shrinks under the reader (a log rotated by truncation) kills the process
 * with SIGBUS. A regular file is read to the size it had when it was opened,
 * and its size, times and identity are checked again at the end: a file that
 * changed meanwhile is an error, and the caller imports nothing. What has no
 * size of its own (standard input, a pipe, a device, a /proc file, which says
 * it is empty) is read as a stream, up to a limit.
 *
 * gzip-compressed input (Zeek's rotated logs, AWS flow-log objects) is
 * decompressed on the way, through GIO's GZlibDecompressor (zlib), member
 * after member. The fingerprint that refuses a file imported twice is taken
 * of the bytes as they are in the file.
 */

#define RAW_BUFFER_SIZE  (256 * 1024)
#define GZIP_MAGIC       "\x1f\x8b"

static guint64 stream_limit = LIAISON_INPUT_STREAM_MAX;

struct _LiaisonInput
{
  char               *name;          /* for messages */
  char               *path;          /* NULL for standard input */
  int                 fd;
  gboolean            stream;        /* no size of its own */
  struct stat         opened;        /* what fstat said at the start */

  LiaisonContentHash  hash;
  char               *checksum;      /* once the end was reached */
  guint64             raw_read;

  guint8             *raw;           /* bytes read, not yet given out */
  gsize               raw_start;
  gsize               raw_end;
  gboolean            raw_eof;

  gboolean            gzip;
  GConverter         *decompressor;
  gboolean            member_ended;  /* a gzip member ended: another, or the end? */
  guint64             produced;      /* bytes given out (decompressed) */
  gboolean            finished;      /* the content ended */
};

/* For the tests: a smaller limit than LIAISON_INPUT_STREAM_MAX. */
void
liaison_input_set_stream_limit (guint64 limit)
{
  stream_limit = limit > 0 ? limit : LIAISON_INPUT_STREAM_MAX;
}

/* The limit as the documentation says it: `1 GiB`. */
static char *
limit_text (void)
{
  if (stream_limit % (G_GUINT64_CONSTANT (1) << 30) == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT " GiB", stream_limit >> 30);
  if (stream_limit % (1 << 20) == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT " MiB", stream_limit >> 20);
  return g_strdup_printf ("%" G_GUINT64_FORMAT " KiB", (stream_limit + 1023) >> 10);
}

static gboolean
set_io_error (LiaisonInput  *self,
              int            saved_errno,
              GError       **error)
{
  g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_IO, _("%s: cannot read: %s"),
               self->name, g_strerror (saved_errno));
  return FALSE;
}

/* Reads raw bytes into @buffer: counted, fingerprinted, bounded. Returns
 * how many, 0 at the end, -1 on an error. */
static gssize
read_raw (LiaisonInput  *self,
          guint8        *buffer,
          gsize          size,
          GError       **error)
{
  gssize n;

  do
    n = read (self->fd, buffer, size);
  while (n < 0 && errno == EINTR);

  if (n < 0)
    {
      set_io_error (self, errno, error);
      return -1;
    }
  if (n == 0)
    {
      self->raw_eof = TRUE;
      return 0;
    }

  liaison_content_hash_update (&self->hash, buffer, n);
  self->raw_read += n;

  if (self->stream && self->raw_read > stream_limit)
    {
      g_autofree char *limit = limit_text ();

      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                   _("%s: more than %s from standard input, a pipe or a device; "
                     "save it to a file and import the file"),
                   self->name, limit);
      return -1;
    }
  if (!self->stream && self->raw_read > (guint64) self->opened.st_size)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_IO,
                   _("%s: the file changed while it was being read (it grew); nothing was imported"),
                   self->name);
      return -1;
    }
  return n;
}

/* Reads more raw bytes into the buffer, after what is there. */
static gboolean
fill_raw (LiaisonInput  *self,
          GError       **error)
{
  gssize n;

  if (self->raw_eof)
    return TRUE;

  if (self->raw_start > 0 && self->raw_start == self->raw_end)
    self->raw_start = self->raw_end = 0;
  else if (self->raw_start > 0)
    {
      memmove (self->raw, self->raw + self->raw_start, self->raw_end - self->raw_start);
      self->raw_end -= self->raw_start;
      self->raw_start = 0;
    }
  if (self->raw_end == RAW_BUFFER_SIZE)
    return TRUE;

  n = read_raw (self, self->raw + self->raw_end, RAW_BUFFER_SIZE - self->raw_end, error);
  if (n < 0)
    return FALSE;
  self->raw_end += n;
  return TRUE;
}

/**
 * liaison_input_open:
 * @path: a file, or `-` for standard input
 * @error: return location for a #LIAISON_ERROR_IO error
 *
 * Opens @path for reading and reads its first bytes, to tell whether it
 * is gzip-compressed.
 *
 * Returns: (transfer full): the input, or %NULL
 */
LiaisonInput *
liaison_input_open (const char  *path,
                    GError     **error)
{
  g_autoptr(LiaisonInput) self = g_new0 (LiaisonInput, 1);

  g_return_val_if_fail (path != NULL, NULL);

  self->fd = -1;
  liaison_content_hash_init (&self->hash);

  if (strcmp (path, "-") == 0)
    {
      self->name = g_strdup (LIAISON_INPUT_STDIN_NAME);
      self->fd = dup (STDIN_FILENO);
      if (self->fd < 0)
        {
          set_io_error (self, errno, error);
          return NULL;
        }
    }
  else
    {
      self->name = g_strdup (path);
      self->path = g_strdup (path);
      self->fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0);
      if (self->fd < 0)
        {
          int saved_errno = errno;

          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_IO, _("%s: cannot read: %s"),
                       path, g_strerror (saved_errno));
          return NULL;
        }
    }

  if (fstat (self->fd, &self->opened) != 0)
    {
      set_io_error (self, errno, error);
      return NULL;
    }
  if (S_ISDIR (self->opened.st_mode))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_IO, _("%s: is a folder, not a file"), self->name);
      return NULL;
    }

  /* /proc files are regular files that say they are empty. */
  self->stream = !S_ISREG (self->opened.st_mode) || self->opened.st_size == 0;

  self->raw = g_malloc (RAW_BUFFER_SIZE);
  while (!self->raw_eof && self->raw_end < 2)
    if (!fill_raw (self, error))
      return NULL;

  if (self->raw_end >= 2 && memcmp (self->raw, GZIP_MAGIC, 2) == 0)
    {
      self->gzip = TRUE;
      self->decompressor = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
    }

  return g_steal_pointer (&self);
}

const char *
liaison_input_get_name (LiaisonInput *self)
{
  return self->name;
}

/* The path of the file, %NULL for standard input. */
const char *
liaison_input_get_path (LiaisonInput *self)
{
  return self->path;
}

/* The size of a regular file that is not compressed (the size of its
 * content, then), else 0. */
guint64
liaison_input_get_size (LiaisonInput *self)
{
  return self->stream || self->gzip ? 0 : (guint64) self->opened.st_size;
}

gboolean
liaison_input_is_gzip (LiaisonInput *self)
{
  return self->gzip;
}

/* Whether the file's own bytes (before any decompression) begin with @magic;
 * only the first two bytes are known for sure. */
gboolean
liaison_input_starts_with (LiaisonInput *self,
                           const char   *magic,
                           gsize         length)
{
  g_return_val_if_fail (self->produced == 0 && self->raw_start == 0, FALSE);

  return self->raw_end >= length && memcmp (self->raw, magic, length) == 0;
}

static gboolean
all_zero (const guint8 *p,
          gsize         n)
{
  for (gsize i = 0; i < n; i++)
    if (p[i] != 0)
      return FALSE;
  return TRUE;
}

/* After a gzip member ended: another member, or the end. */
static gboolean
next_member (LiaisonInput  *self,
             guint          line,
             gboolean      *more,
             GError       **error)
{
  *more = FALSE;
  for (;;)
    {
      gsize left = self->raw_end - self->raw_start;

      if (left >= 2 && memcmp (self->raw + self->raw_start, GZIP_MAGIC, 2) == 0)
        {
          g_converter_reset (self->decompressor);
          *more = TRUE;
          return TRUE;
        }
      /* Padding of zeros after the last member is what tar and some
       * uploaders leave; anything else is not gzip. */
      if (left > 0 && (left >= 2 || self->raw_eof) &&
          !all_zero (self->raw + self->raw_start, left))
        return liaison_error_set_line (error, self->name, line,
                                       _("data after the end of the gzip stream"));
      self->raw_start = self->raw_end;
      if (self->raw_eof)
        return TRUE;
      if (!fill_raw (self, error))
        return FALSE;
    }
}

static gssize
read_gzip (LiaisonInput  *self,
           char          *buffer,
           gsize          size,
           guint          line,
           GError       **error)
{
  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      GConverterResult result;
      gsize in = 0, out = 0;

      if (self->member_ended)
        {
          gboolean more;

          if (!next_member (self, line, &more, error))
            return -1;
          self->member_ended = FALSE;
          if (!more)
            {
              self->finished = TRUE;
              return 0;
            }
        }

      if (self->raw_start == self->raw_end && !self->raw_eof && !fill_raw (self, error))
        return -1;

      result = g_converter_convert (self->decompressor,
                                    self->raw + self->raw_start, self->raw_end - self->raw_start,
                                    buffer, size,
                                    self->raw_eof ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS,
                                    &in, &out, &local_error);
      if (result == G_CONVERTER_ERROR)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
            {
              if (self->raw_eof)
                {
                  liaison_error_set_line (error, self->name, line,
                                          _("the gzip data ends too early: the file is cut short"));
                  return -1;
                }
              /* more input is needed: keep what is left and read on */
              gsize had = self->raw_end - self->raw_start;

              if (!fill_raw (self, error))
                return -1;
              if (self->raw_end - self->raw_start == had && !self->raw_eof)
                {
                  liaison_error_set_line (error, self->name, line, _("the gzip data is damaged"));
                  return -1;
                }
              continue;
            }
          liaison_error_set_line (error, self->name, line, _("the gzip data is damaged (%s)"),
                                  local_error->message);
          return -1;
        }

      self->raw_start += in;
      self->produced += out;

      /* What follows a member is looked at once its bytes are given out,
       * so that a message about it is at the line after them. */
      if (result == G_CONVERTER_FINISHED)
        self->member_ended = TRUE;
      if (out > 0)
        return out;
    }
}

/**
 * liaison_input_read:
 * @buffer: (out caller-allocates) (array length=size): where the bytes go
 * @line: the line the caller has reached, for a message about bad gzip data
 * @error: return location for an error
 *
 * Reads the next bytes of the content, decompressed.
 *
 * Returns: the number of bytes read, 0 at the end, -1 on an error
 */
gssize
liaison_input_read (LiaisonInput  *self,
                    char          *buffer,
                    gsize          size,
                    guint          line,
                    GError       **error)
{
  gsize n;

  g_return_val_if_fail (size > 0, -1);

  if (self->finished)
    return 0;

  if (self->gzip)
    return read_gzip (self, buffer, size, line, error);

  if (self->raw_start == self->raw_end)
    {
      gssize direct;

      if (self->raw_eof)
        {
          self->finished = TRUE;
          return 0;
        }
      /* Big reads go straight into the caller's buffer: one copy, not two. */
      if (size >= RAW_BUFFER_SIZE)
        {
          direct = read_raw (self, (guint8 *) buffer, size, error);
          if (direct == 0)
            self->finished = TRUE;
          if (direct > 0)
            self->produced += direct;
          return direct;
        }
      if (!fill_raw (self, error))
        return -1;
      if (self->raw_start == self->raw_end)
        {
          self->finished = TRUE;
          return 0;
        }
    }

  n = MIN (size, self->raw_end - self->raw_start);
  memcpy (buffer, self->raw + self->raw_start, n);
  self->raw_start += n;
  self->produced += n;
  return n;
}

/**
 * liaison_input_read_all:
 *
 * Reads the rest of the content, decompressed; from standard input, a
 * pipe, a device or a gzip stream at most LIAISON_INPUT_STREAM_MAX bytes.
 * Then liaison_input_finish().
 *
 * Returns: (transfer full): the content, or %NULL with @error set
 */
GBytes *
liaison_input_read_all (LiaisonInput  *self,
                        GError       **error)
{
  g_autoptr(GByteArray) content = NULL;
  gsize chunk = 1024 * 1024;
  gboolean bounded = self->stream || self->gzip;
  guint line = 1;

  content = g_byte_array_sized_new (!bounded ? (guint) MIN ((guint64) self->opened.st_size + 1, G_MAXUINT / 2)
                                             : (guint) chunk);

  for (;;)
    {
      guint used = content->len;
      gssize n;

      if (bounded && used > stream_limit)
        {
          g_autofree char *limit = limit_text ();

          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                       self->gzip ? _("%s: more than %s once decompressed; decompress it first")
                                  : _("%s: more than %s from standard input, a pipe or a device; "
                                      "save it to a file and import the file"),
                       self->name, limit);
          return NULL;
        }

      g_byte_array_set_size (content, used + chunk);
      n = liaison_input_read (self, (char *) content->data + used, chunk, line, error);
      if (n < 0)
        return NULL;
      g_byte_array_set_size (content, used + n);
      if (n == 0)
        break;

      /* the line reached, for a message about the gzip data that follows */
      if (self->gzip)
        for (const guint8 *p = content->data + used, *end = p + n;
             (p = memchr (p, '\n', end - p)) != NULL; p++)
          line++;
    }

  if (!liaison_input_finish (self, error))
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&content));
}

/**
 * liaison_input_skip_rest:
 *
 * Reads whatever is left of the file's own bytes, for its fingerprint
 * only: another program reads the file (nfdump). It may be called on a
 * thread of its own, which then alone uses the input until it returns;
 * @cancellable (nullable) stops it between reads.
 *
 * Returns: %TRUE if the file was read to its end
 */
gboolean
liaison_input_skip_rest (LiaisonInput  *self,
                         GCancellable  *cancellable,
                         GError       **error)
{
  while (!self->raw_eof)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      self->raw_start = self->raw_end;
      if (!fill_raw (self, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * liaison_input_finish:
 *
 * Reads whatever is left of the file's own bytes (for its fingerprint) and
 * checks that a regular file is still what it was when it was opened.
 *
 * Returns: %TRUE if the file was read whole and did not change
 */
gboolean
liaison_input_finish (LiaisonInput  *self,
                      GError       **error)
{
  struct stat now;

  if (self->checksum != NULL)
    return TRUE;

  if (!liaison_input_skip_rest (self, NULL, error))
    return FALSE;

  if (!self->stream)
    {
      if (fstat (self->fd, &now) != 0)
        return set_io_error (self, errno, error);

      if (self->raw_read != (guint64) self->opened.st_size ||
          now.st_size != self->opened.st_size ||
          now.st_ino != self->opened.st_ino ||
          now.st_dev != self->opened.st_dev ||
          now.st_mtim.tv_sec != self->opened.st_mtim.tv_sec ||
          now.st_mtim.tv_nsec != self->opened.st_mtim.tv_nsec)
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_IO,
                       _("%s: the file changed while it was being read; nothing was imported"),
                       self->name);
          return FALSE;
        }
    }

  self->checksum = liaison_content_hash_end (&self->hash);
  return TRUE;
}

/* The fingerprint of the file's bytes, once liaison_input_finish() succeeded. */
const char *
liaison_input_get_checksum (LiaisonInput *self)
{
  return self->checksum;
}

void
liaison_input_free (LiaisonInput *self)
{
  if (self == NULL)
    return;

  if (self->fd >= 0)
    close (self->fd);
  g_clear_object (&self->decompressor);
  g_free (self->raw);
  g_free (self->checksum);
  g_free (self->path);
  g_free (self->name);
  g_free (self);
}
