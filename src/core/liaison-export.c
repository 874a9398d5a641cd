/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-export"

#include "config.h"

#include <math.h>
#include <string.h>

#include "liaison-export.h"
#include "liaison-json.h"

/*
 * The statistics document of export.md, written by hand so that its layout
 * is fixed to the byte, it streams in constant memory and it is fast (a
 * million records in a few seconds): the constant parts of each record are
 * string literals copied into one reused 256 KiB buffer, numbers and times
 * are formatted here, and the buffer goes to the stream with one write when
 * it is full. liaison_json_append_string() escapes the strings that need
 * escaping (quotes, backslashes, control characters, bytes that are not
 * UTF-8); every other string is copied as it is.
 *
 * Layout (the same for `liaison-cli export-stats` and the application):
 *
 * - two spaces of indentation per level, `"key": value` (no space before
 *   the colon), one member per line, a newline after the closing brace;
 * - an empty array is `[]`; `gap_segments` is written on one line,
 *   `[["from", "to"], ["from", "to"]]`, as in export.md's example;
 * - a part or a figure that was never measured is `null`;
 * - counters are integers; `average_client_connections`, `weight` and
 *   `persistence_percent` are rounded to 6 decimals, trailing zeros dropped
 *   but always with a fractional part (`3.0`, `1.5`, `66.666667`);
 * - times are liaison_time_to_string() (ISO 8601 UTC with `Z`, milliseconds
 *   only when not zero), durations liaison_duration_to_string() (seconds,
 *   at most 3 decimals, a JSON number);
 * - strings are UTF-8: `"` and `\` are escaped, control characters (and
 *   DEL) become `\b \f \n \r \t` or `\u00XX`, every other character is
 *   written as it is; bytes that are not UTF-8 become U+FFFD.
 */

/* The output buffer, and the most one bounded append (a number, a time, a
 * literal) may need: such an append flushes first when less is left. */
#define WRITER_SIZE (256 * 1024)
#define WRITER_ROOM 256

/* Buffers in turn: one being filled, the others being written. */
#define WRITER_BUFFERS 3

/* The first time (in ms) of year 10000: below it (and from 1970) a time has a
 * four-digit year and its date can be cached. */
#define TIME_FAST_END G_GINT64_CONSTANT (253402300800000)
#define MS_PER_DAY G_GINT64_CONSTANT (86400000)

/* Dates formatted lately, by day modulo DATE_CACHE_SIZE: the times of one
 * record and of its neighbours fall on a few days of a few months. */
#define DATE_CACHE_SIZE 512

typedef struct
{
  gint64 day;                   /* days since the epoch, or -1 */
  char   date[11];              /* "YYYY-MM-DDT" */
} CachedDate;

/* A buffer handed to the writing thread. */
typedef struct
{
  char  *data;                  /* WRITER_SIZE bytes */
  gsize  len;
} Chunk;

/*
 * The document is formatted into buffers that a thread of the export's own
 * writes to the stream, so that reading the database and formatting go on
 * while the kernel copies the last buffer: about a third of the time of a
 * large export is that copy.
 */
typedef struct
{
  GOutputStream *stream;
  GCancellable  *cancellable;
  Chunk         *chunk;         /* the one being filled */
  char          *data;          /* its data */
  gsize          len;
  guint          count;         /* records in the array being written */
  CachedDate    *dates;         /* DATE_CACHE_SIZE of them */

  Chunk          chunks[WRITER_BUFFERS];
  Chunk          end;           /* queued last: the thread stops */
  GAsyncQueue   *full;          /* Chunk: to be written, in order */
  GAsyncQueue   *empty;         /* Chunk: written, to be filled again */
  GThread       *thread;
  int            failed;        /* set (atomically) once a write failed... */
  GError        *error;         /* ...with this, which the thread no longer touches */
} Writer;

static gpointer
writer_thread (gpointer data)
{
  Writer *writer = data;
  Chunk *chunk;

  while ((chunk = g_async_queue_pop (writer->full)) != &writer->end)
    {
      /* After a failure, what follows is dropped. */
      if (!g_atomic_int_get (&writer->failed) &&
          !g_output_stream_write_all (writer->stream, chunk->data, chunk->len,
                                      NULL, writer->cancellable, &writer->error))
        g_atomic_int_set (&writer->failed, 1);
      g_async_queue_push (writer->empty, chunk);
    }
  return NULL;
}

static void
writer_init (Writer        *writer,
             GOutputStream *stream,
             GCancellable  *cancellable)
{
  memset (writer, 0, sizeof *writer);
  writer->stream = stream;
  writer->cancellable = cancellable;
  writer->dates = g_new (CachedDate, DATE_CACHE_SIZE);
  for (guint i = 0; i < DATE_CACHE_SIZE; i++)
    writer->dates[i].day = -1;

  writer->full = g_async_queue_new ();
  writer->empty = g_async_queue_new ();
  for (guint i = 1; i < WRITER_BUFFERS; i++)
    {
      writer->chunks[i].data = g_malloc (WRITER_SIZE);
      g_async_queue_push (writer->empty, &writer->chunks[i]);
    }
  writer->chunk = &writer->chunks[0];
  writer->chunk->data = g_malloc (WRITER_SIZE);
  writer->data = writer->chunk->data;
  writer->thread = g_thread_new ("liaison-export", writer_thread, writer);
}

/* Waits for everything queued to be written; FALSE (with @error) if a
 * write failed. */
static gboolean
writer_finish (Writer  *writer,
               GError **error)
{
  gboolean ok;

  g_async_queue_push (writer->full, &writer->end);
  g_thread_join (writer->thread);
  ok = !writer->failed;
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&writer->error));

  for (guint i = 0; i < WRITER_BUFFERS; i++)
    g_free (writer->chunks[i].data);
  g_async_queue_unref (writer->full);
  g_async_queue_unref (writer->empty);
  g_free (writer->dates);
  g_clear_error (&writer->error);
  return ok;
}

static const char digit_pairs[] =
  "00010203040506070809"
  "10111213141516171819"
  "20212223242526272829"
  "30313233343536373839"
  "40414243444546474849"
  "50515253545556575859"
  "60616263646566676869"
  "70717273747576777879"
  "80818283848586878889"
  "90919293949596979899";

/* 0: written as it is; 1: part of a multi-byte character (the string must be
 * valid UTF-8); 2: to be escaped. */
static const guint8 byte_class[256] = {
  2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,   /* 0x00 */
  2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,   /* 0x10 */
  0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0x20 */
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0x30 */
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0x40 */
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0,   /* 0x50 */
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0x60 */
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2,   /* 0x70 */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,   /* 0x80 */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,   /* 0x90 */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,   /* 0xa0 */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,   /* 0xb0 */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,   /* 0xc0 */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,   /* 0xd0 */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,   /* 0xe0 */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,   /* 0xf0 */
};

/* Hands what the buffer holds to the writing thread and takes an empty one. */
static void
writer_flush (Writer *writer)
{
  if (writer->len == 0)
    return;
  writer->chunk->len = writer->len;
  g_async_queue_push (writer->full, writer->chunk);
  writer->chunk = g_async_queue_pop (writer->empty);
  writer->data = writer->chunk->data;
  writer->len = 0;
}

/* Room for @size bytes (at most WRITER_ROOM) at the end of the buffer. */
static inline char *
writer_room (Writer *writer,
             gsize   size)
{
  if (G_UNLIKELY (WRITER_SIZE - writer->len < size))
    writer_flush (writer);
  return writer->data + writer->len;
}

static inline void
put_bytes (Writer     *writer,
           const char *data,
           gsize       size)
{
  while (G_UNLIKELY (WRITER_SIZE - writer->len < size))
    {
      gsize part = WRITER_SIZE - writer->len;

      /* Longer than what is left: as much as fits, then the rest. */
      memcpy (writer->data + writer->len, data, part);
      writer->len += part;
      data += part;
      size -= part;
      writer_flush (writer);
    }
  memcpy (writer->data + writer->len, data, size);
  writer->len += size;
}

/* A string literal. */
#define PUT(writer, literal) \
  G_STMT_START { \
    G_STATIC_ASSERT (sizeof (literal) - 1 <= WRITER_ROOM); \
    memcpy (writer_room ((writer), sizeof (literal) - 1), (literal), sizeof (literal) - 1); \
    (writer)->len += sizeof (literal) - 1; \
  } G_STMT_END

/* Writes @value in decimal so that it ends just before @end; returns where it begins. */
static inline char *
format_uint (char    *end,
             guint64  value)
{
  while (value >= 100)
    {
      guint i = (guint) (value % 100) * 2;

      value /= 100;
      *--end = digit_pairs[i + 1];
      *--end = digit_pairs[i];
    }
  if (value >= 10)
    {
      *--end = digit_pairs[value * 2 + 1];
      *--end = digit_pairs[value * 2];
    }
  else
    *--end = (char) ('0' + value);
  return end;
}

static inline void
put_uint (Writer  *writer,
          guint64  value)
{
  char buf[24];
  char *start = format_uint (buf + sizeof buf, value);
  gsize len = (gsize) (buf + sizeof buf - start);

  memcpy (writer_room (writer, len), start, len);
  writer->len += len;
}

static inline void
put_int (Writer *writer,
         gint64  value)
{
  if (value < 0)
    {
      PUT (writer, "-");
      put_uint (writer, (guint64) 0 - (guint64) value);
    }
  else
    put_uint (writer, (guint64) value);
}

static inline char *
put_two_digits (char  *p,
                guint  value)
{
  p[0] = digit_pairs[value * 2];
  p[1] = digit_pairs[value * 2 + 1];
  return p + 2;
}

/* A string that needs escaping. */
static void G_GNUC_NO_INLINE
put_escaped_string (Writer     *writer,
                    const char *text)
{
  g_autoptr(GString) json = g_string_new (NULL);

  liaison_json_append_string (json, text);
  put_bytes (writer, json->str, json->len);
}

static void
put_string (Writer     *writer,
            const char *text)
{
  const guchar *p;
  guint classes = 0;
  gsize len;

  if (text == NULL)
    {
      PUT (writer, "null");
      return;
    }

  for (p = (const guchar *) text; *p != '\0'; p++)
    classes |= byte_class[*p];
  len = (gsize) ((const char *) p - text);

  if (G_UNLIKELY (classes != 0) &&
      (classes > 1 || !g_utf8_validate (text, (gssize) len, NULL)))
    {
      put_escaped_string (writer, text);
      return;
    }

  PUT (writer, "\"");
  put_bytes (writer, text, len);
  PUT (writer, "\"");
}

/* liaison_time_to_string() in quotes, or null. */
static void
put_time (Writer      *writer,
          LiaisonTime  time)
{
  char *start, *p;
  CachedDate *cached;
  gint64 day;
  guint in_day, secs, ms;

  if (time == LIAISON_TIME_NONE)
    {
      PUT (writer, "null");
      return;
    }

  start = p = writer_room (writer, LIAISON_TIME_STRLEN + 2);
  *p++ = '"';

  if (G_UNLIKELY (time < 0 || time >= TIME_FAST_END))
    {
      liaison_time_to_string (time, p);
      p += strlen (p);
    }
  else
    {
      day = time / MS_PER_DAY;
      in_day = (guint) (time - day * MS_PER_DAY);
      cached = &writer->dates[day % DATE_CACHE_SIZE];
      if (cached->day != day)
        {
          char buf[LIAISON_TIME_STRLEN];

          /* "YYYY-MM-DDT00:00:00Z": keep the date and the T. */
          liaison_time_to_string (day * MS_PER_DAY, buf);
          memcpy (cached->date, buf, sizeof cached->date);
          cached->day = day;
        }
      memcpy (p, cached->date, sizeof cached->date);
      p += sizeof cached->date;

      secs = in_day / 1000;
      ms = in_day % 1000;
      p = put_two_digits (p, secs / 3600);
      *p++ = ':';
      p = put_two_digits (p, secs / 60 % 60);
      *p++ = ':';
      p = put_two_digits (p, secs % 60);
      if (ms != 0)
        {
          *p++ = '.';
          *p++ = (char) ('0' + ms / 100);
          p = put_two_digits (p, ms % 100);
        }
      *p++ = 'Z';
    }

  *p++ = '"';
  writer->len += (gsize) (p - start);
}

/* liaison_duration_to_string(). */
static void
put_duration (Writer *writer,
              gint64  milliseconds)
{
  guint frac;
  char *p;

  if (G_UNLIKELY (milliseconds < 0))
    {
      char buf[LIAISON_TIME_STRLEN];

      liaison_duration_to_string (milliseconds, buf);
      put_bytes (writer, buf, strlen (buf));
      return;
    }

  put_uint (writer, (guint64) (milliseconds / 1000));
  frac = (guint) (milliseconds % 1000);
  if (frac == 0)
    return;

  p = writer_room (writer, 4);
  p[0] = '.';
  p[1] = (char) ('0' + frac / 100);
  p[2] = (char) ('0' + frac / 10 % 10);
  p[3] = (char) ('0' + frac % 10);
  writer->len += frac % 100 == 0 ? 2 : frac % 10 == 0 ? 3 : 4;
}

/* Writes @units millionths: the integer part, a point and the six decimals
 * without their trailing zeros, at least one (g_ascii_formatd "%.6f", trimmed). */
static inline void
put_millionths (Writer  *writer,
                guint64  units)
{
  guint frac = (guint) (units % 1000000);
  char *p;
  gsize len;

  put_uint (writer, units / 1000000);
  p = writer_room (writer, 7);
  p[0] = '.';
  p[1] = (char) ('0' + frac / 100000);
  put_two_digits (p + 2, frac / 1000 % 100);
  put_two_digits (p + 4, frac % 1000 / 10);
  p[6] = (char) ('0' + frac % 10);
  len = 7;
  while (len > 2 && p[len - 1] == '0')
    len--;
  writer->len += len;
}

/* @scale * @numerator / @denominator, 6 decimals at most, at least one;
 * null when @denominator is not positive. */
static void
put_ratio (Writer *writer,
           double  scale,
           gint64  numerator,
           gint64  denominator)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double value;
  gsize len;

  if (denominator <= 0)
    {
      PUT (writer, "null");
      return;
    }

  value = scale * (double) numerator / (double) denominator;

#ifdef __SIZEOF_INT128__
  /* What printf's "%.6f" gives, without printf: the double is exactly
   * mantissa / 2^shift, so value * 10^6 is exactly mantissa * 10^6 / 2^shift
   * (at most 73 bits over at most 112), rounded to the nearest integer with
   * ties to even as glibc does. */
  if (value >= 0x1p-60 && value < 1e12)
    {
      int exponent;
      guint64 mantissa, units;
      guint shift;
      unsigned __int128 scaled, rest, half;

      mantissa = (guint64) ldexp (frexp (value, &exponent), 53);
      shift = (guint) (53 - exponent);
      scaled = (unsigned __int128) mantissa * 1000000u;
      units = (guint64) (scaled >> shift);
      rest = scaled - ((unsigned __int128) units << shift);
      half = (unsigned __int128) 1 << (shift - 1);
      if (rest > half || (rest == half && (units & 1) != 0))
        units++;
      put_millionths (writer, units);
      return;
    }
#endif
  if (value == 0.0 && !signbit (value))
    {
      PUT (writer, "0.0");
      return;
    }

  g_ascii_formatd (buf, sizeof buf, "%.6f", value);
  len = strlen (buf);
  while (len > 2 && buf[len - 1] == '0' && buf[len - 2] != '.')
    len--;
  put_bytes (writer, buf, len);
}

/* Pairs of times on one line, `[["a", "b"], ["c", "d"]]`: the first two
 * times of each of @n elements of @stride bytes from @data. */
static void
put_time_pairs (Writer     *writer,
                const void *data,
                guint       n,
                gsize       stride)
{
  PUT (writer, "[");
  for (guint i = 0; i < n; i++)
    {
      const LiaisonTime *pair = (const LiaisonTime *) (gconstpointer) ((const char *) data + i * stride);

      if (i > 0)
        PUT (writer, ", [");
      else
        PUT (writer, "[");
      put_time (writer, pair[0]);
      PUT (writer, ", ");
      put_time (writer, pair[1]);
      PUT (writer, "]");
    }
  PUT (writer, "]");
}

/* `runs` and `runs_known_since` (statistics.md 3.6), after a last_found:
 * @indent is the newline and indentation of a member. A first run that
 * predates runs ends where the runs are known since; else that is null. */
static void
put_runs (Writer       *writer,
          const GArray *runs,
          gboolean      first_unknown,
          const char   *indent)
{
  guint n = runs != NULL ? runs->len : 0;

  PUT (writer, ",");
  put_bytes (writer, indent, strlen (indent));
  PUT (writer, "\"runs\": ");
  put_time_pairs (writer, n > 0 ? runs->data : NULL, n, sizeof (LiaisonRun));
  PUT (writer, ",");
  put_bytes (writer, indent, strlen (indent));
  PUT (writer, "\"runs_known_since\": ");
  put_time (writer, first_unknown && n > 0 ? g_array_index (runs, LiaisonRun, 0).last : LIAISON_TIME_NONE);
}

static void
put_record (Writer                  *writer,
            const LiaisonStatRecord *record)
{
  PUT (writer, "    {\n      \"listener_ip\": ");
  put_string (writer, record->listener_ip);
  PUT (writer, ",\n      \"port\": ");
  put_uint (writer, record->port);
  PUT (writer, ",\n      \"protocol\": ");
  put_string (writer, record->protocol);
  PUT (writer, ",\n      \"client_ip\": ");
  put_string (writer, record->client_ip);
  PUT (writer, ",\n      \"listener_device\": ");
  put_string (writer, record->listener_device);
  PUT (writer, ",\n      \"client_device\": ");
  put_string (writer, record->client_device);

  if (!record->has_netstat)
    PUT (writer, ",\n      \"netstat\": null,\n");
  else
    {
      PUT (writer, ",\n      \"netstat\": {\n        \"total_samples\": ");
      put_int (writer, record->ns_total_samples);
      PUT (writer, ",\n        \"active_samples\": ");
      put_int (writer, record->ns_active_samples);
      PUT (writer, ",\n        \"total_ports\": ");
      put_int (writer, record->ns_total_ports);
      PUT (writer, ",\n        \"average_client_connections\": ");
      put_ratio (writer, 1.0, record->ns_total_ports, record->ns_active_samples);
      PUT (writer, ",\n        \"weight\": ");
      put_ratio (writer, 1.0, record->ns_total_ports, record->ns_active_samples);
      PUT (writer, ",\n        \"persistence_percent\": ");
      put_ratio (writer, 100.0, record->ns_active_samples, record->ns_total_samples);
      PUT (writer, ",\n        \"first_found\": ");
      put_time (writer, record->ns_first_found);
      PUT (writer, ",\n        \"last_found\": ");
      put_time (writer, record->ns_last_found);
      put_runs (writer, record->ns_runs, record->ns_first_run_unknown, "\n        ");
      PUT (writer, "\n      },\n");
    }

  if (!record->has_netflow)
    PUT (writer, "      \"netflow\": null\n");
  else
    {
      guint n_gaps = record->nf_gaps != NULL ? record->nf_gaps->len : 0;

      PUT (writer, "      \"netflow\": {\n        \"sample_interval\": ");
      put_int (writer, record->nf_interval);
      PUT (writer, ",\n        \"active_samples\": ");
      put_int (writer, record->nf_active_samples);
      PUT (writer, ",\n        \"total_events\": ");
      put_int (writer, record->nf_total_events);
      PUT (writer, ",\n        \"total_ports\": ");
      put_int (writer, record->nf_total_ports);
      PUT (writer, ",\n        \"average_client_connections\": ");
      put_ratio (writer, 1.0, record->nf_total_ports, record->nf_active_samples);
      PUT (writer, ",\n        \"first_found\": ");
      put_time (writer, record->nf_first_found);
      PUT (writer, ",\n        \"last_found\": ");
      put_time (writer, record->nf_last_found);
      PUT (writer, ",\n        \"active_span\": ");
      put_duration (writer, record->nf_active_ms);
      PUT (writer, ",\n        \"gap_span\": ");
      put_duration (writer, record->nf_gap_ms);
      PUT (writer, ",\n        \"pending_span\": ");
      put_duration (writer, record->nf_pending_ms);
      PUT (writer, ",\n        \"silent_span\": ");
      put_duration (writer, record->nf_silent_ms);
      PUT (writer, ",\n        \"gap_segments\": ");
      put_time_pairs (writer, record->nf_gaps != NULL ? record->nf_gaps->data : NULL, n_gaps, sizeof (LiaisonGap));
      PUT (writer, "\n      }\n");
    }

  PUT (writer, "    }");
}

static void
put_classic (Writer                     *writer,
             const LiaisonClassicRecord *record)
{
  PUT (writer, "    {\n      \"client_ip\": ");
  put_string (writer, record->client_ip);
  PUT (writer, ",\n      \"listener_ip\": ");
  put_string (writer, record->listener_ip);
  PUT (writer, ",\n      \"port\": ");
  put_uint (writer, record->port);
  PUT (writer, ",\n      \"protocol\": ");
  put_string (writer, record->protocol);
  PUT (writer, ",\n      \"client_process_name\": ");
  put_string (writer, record->client_process_name);
  PUT (writer, ",\n      \"client_process_display_name\": ");
  put_string (writer, record->client_process_display_name);
  PUT (writer, ",\n      \"client_device\": ");
  put_string (writer, record->client_device);
  PUT (writer, ",\n      \"total_samples\": ");
  put_int (writer, record->total_samples);
  PUT (writer, ",\n      \"active_samples\": ");
  put_int (writer, record->active_samples);
  PUT (writer, ",\n      \"total_ports\": ");
  put_int (writer, record->total_ports);
  PUT (writer, ",\n      \"average_client_connections\": ");
  put_ratio (writer, 1.0, record->total_ports, record->active_samples);
  PUT (writer, ",\n      \"persistence_percent\": ");
  put_ratio (writer, 100.0, record->active_samples, record->total_samples);
  PUT (writer, ",\n      \"first_found\": ");
  put_time (writer, record->first_found);
  PUT (writer, ",\n      \"last_found\": ");
  put_time (writer, record->last_found);
  put_runs (writer, record->runs, record->first_run_unknown, "\n      ");
  PUT (writer, "\n    }");
}

/* Before a record: FALSE (with @error) when the export is cancelled or a
 * write failed. A write to the buffer does not look at the cancellable: look
 * here, once a record. */
static gboolean
writer_check (Writer  *writer,
              GError **error)
{
  if (g_atomic_int_get (&writer->failed))
    {
      g_propagate_error (error, g_error_copy (writer->error));
      return FALSE;
    }
  return !g_cancellable_set_error_if_cancelled (writer->cancellable, error);
}

/* Before each element of an array: stops on an error or a cancel, else
 * writes the separator. */
static gboolean
begin_element (Writer  *writer,
               GError **error)
{
  if (!writer_check (writer, error))
    return FALSE;

  if (writer->count++ > 0)
    PUT (writer, ",\n");
  else
    PUT (writer, "\n");
  return TRUE;
}

static gboolean
write_record (const LiaisonStatRecord  *record,
              gpointer                  user_data,
              GError                  **error)
{
  Writer *writer = user_data;

  if (!begin_element (writer, error))
    return FALSE;
  put_record (writer, record);
  return TRUE;
}

static gboolean
write_classic (const LiaisonClassicRecord  *record,
               gpointer                     user_data,
               GError                     **error)
{
  Writer *writer = user_data;

  if (!begin_element (writer, error))
    return FALSE;
  put_classic (writer, record);
  return TRUE;
}

/* Closes an array opened with `[`: `[]` when it stayed empty. */
static void
close_array (Writer *writer)
{
  if (writer->count > 0)
    PUT (writer, "\n  ]");
  else
    PUT (writer, "]");
  writer->count = 0;
}

static gboolean
export_document (Writer                   *writer,
                 LiaisonStore             *store,
                 const LiaisonStatFilter  *filter,
                 LiaisonTime               exported_at,
                 GError                  **error)
{
  PUT (writer, "{\n  \"format\": \"liaison-statistics\",\n  \"version\": 1,\n  \"generator\": ");
  put_string (writer, "liaison " PACKAGE_VERSION);
  PUT (writer, ",\n  \"exported_at\": ");
  put_time (writer, exported_at);
  PUT (writer, ",\n  \"statistics\": [");
  writer_flush (writer);
  if (!writer_check (writer, error))
    return FALSE;

  if (!liaison_statistics_foreach_record (store, filter, write_record, writer, error))
    return FALSE;

  close_array (writer);
  PUT (writer, ",\n  \"classic_statistics\": [");
  if (!writer_check (writer, error))
    return FALSE;

  if (!liaison_statistics_foreach_classic (store, filter, write_classic, writer, error))
    return FALSE;

  close_array (writer);
  PUT (writer, "\n}\n");
  writer_flush (writer);
  return writer_check (writer, error);
}

/**
 * liaison_export_statistics:
 * @store: the database
 * @filter: (nullable): which records; %NULL for all of them
 * @exported_at: the time written as `exported_at`
 * @stream: where the document goes; it is flushed, not closed
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Writes the statistics document of export.md to @stream. On failure what
 * was written so far stays in @stream: a caller writing a file writes to a
 * temporary one and renames it only on success.
 *
 * Returns: whether the whole document was written
 */
gboolean
liaison_export_statistics (LiaisonStore             *store,
                           const LiaisonStatFilter  *filter,
                           LiaisonTime               exported_at,
                           GOutputStream            *stream,
                           GCancellable             *cancellable,
                           GError                  **error)
{
  Writer writer;
  gboolean ok;

  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* One state of the database for the whole document, whatever an import
   * commits meanwhile. */
  if (!liaison_store_begin_read (store, error))
    return FALSE;
  writer_init (&writer, stream, cancellable);
  ok = export_document (&writer, store, filter, exported_at, error);
  liaison_store_end_read (store);
  /* The thread has written all it was given: a failure of its own counts
   * when the document was otherwise complete. */
  if (!writer_finish (&writer, ok ? error : NULL))
    ok = FALSE;

  return ok && g_output_stream_flush (stream, cancellable, error);
}
