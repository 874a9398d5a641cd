/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-netflow-parser"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-input.h"
#include "liaison-netflow-parser.h"
#include "liaison-netflow-parser-private.h"
#include "liaison-netflow-private.h"
#include "liaison-netflow-statistics-private.h"
#include "liaison-netstat-parser.h"

/*
 * Flow files (statistics.md section 4.1), their format told from the
 * content: nfdump CSV, Liaison CSV, Zeek conn.log (TSV or JSON), AWS VPC
 * Flow Logs, each plain or gzip-compressed, and nfcapd binary files read
 * through the nfdump program. A file is read in chunks through the input
 * room (liaison-input.c), so that memory holds its records, not its text;
 * each line is given to its format's room (liaison-netflow-private.h).
 */

#define CHUNK_SIZE (4 * 1024 * 1024)

/* A read of a program's output shorter than this waits STREAM_NAP_US
 * before the next: at nfdump's 200 MB/s, half a millisecond is about
 * 100 KiB, well inside the pipe's room (liaison-netflow-nfcapd.c). */
#define STREAM_BATCH (128 * 1024)
#define STREAM_NAP_US 500

/* Where the text comes from: all of it in memory, or an input read in chunks. */
typedef struct
{
  LiaisonInput *input;
  GInputStream *stream;      /* or a program's output, read as it comes */
  GCancellable *cancellable; /* of the stream */
  const char   *text;        /* the text not yet read: [start, end) */
  gsize         start;
  gsize         end;
  gboolean      eof;
  char         *buffer;      /* of an input */
  gsize         nul;         /* the offset of the first NUL byte from start, or G_MAXSIZE */
} Source;

static void
source_find_nul (Source *source,
                 gsize   from)
{
  const char *nul = memchr (source->text + from, '\0', source->end - from);

  source->nul = nul != NULL ? (gsize) (nul - source->text) : G_MAXSIZE;
}

/* A message about the data (gzip that ends early) at @line is at the line
 * the data reached: after the lines read but not parsed yet. */
static gboolean
locate_error (Source   *source,
              guint     line,
              GError  **error)
{
  g_autofree char *prefix = NULL;
  g_autofree char *what = NULL;
  guint reached = line;

  if (*error == NULL || (*error)->code != LIAISON_ERROR_INVALID)
    return FALSE;
  prefix = g_strdup_printf ("%s:%u: ", liaison_input_get_name (source->input), line);
  if (!g_str_has_prefix ((*error)->message, prefix))
    return FALSE;

  for (const char *p = source->buffer, *end = p + source->end; (p = memchr (p, '\n', end - p)) != NULL; p++)
    reached++;
  what = g_strdup ((*error)->message + strlen (prefix));
  g_clear_error (error);
  return liaison_error_set_line (error, liaison_input_get_name (source->input), reached, "%s", what);
}

/* Moves what is left to the front of the buffer and reads more after it. */
static gboolean
source_fill (Source      *source,
             guint        line,
             GError     **error)
{
  gsize left = source->end - source->start;
  gsize from;

  if (source->eof)
    return TRUE;

  memmove (source->buffer, source->buffer + source->start, left);
  if (source->nul != G_MAXSIZE)
    source->nul -= source->start;
  source->start = 0;
  source->end = left;
  from = left;

  while (source->end < CHUNK_SIZE && !source->eof)
    {
      gssize n;

      /* A pipe gives what the program wrote so far: parse that first. */
      if (source->stream != NULL)
        {
          if (source->end > left)
            break;
          n = g_input_stream_read (source->stream, source->buffer + source->end, CHUNK_SIZE - source->end,
                                   source->cancellable, error);
          if (n < 0)
            return FALSE;
          /* A program writes a pipe a few KiB at a time; read each write
           * as it comes, and both processes spend their time waking each
           * other (a fifth of the import). Letting the pipe fill a moment
           * reads it in hundreds of KiB instead. */
          if (n > 0 && n < STREAM_BATCH)
            g_usleep (STREAM_NAP_US);
        }
      else if ((n = liaison_input_read (source->input, source->buffer + source->end,
                                        CHUNK_SIZE - source->end, line, error)) < 0)
        return locate_error (source, line, error);
      if (n == 0)
        source->eof = TRUE;
      source->end += n;
    }

  if (source->nul == G_MAXSIZE)
    source_find_nul (source, from);
  return TRUE;
}

static gboolean
is_blank (const char *line,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (line[i] != ' ' && line[i] != '\t')
      return FALSE;
  return TRUE;
}

static gboolean
is_text (const char *line,
         gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) line[i];

      if (c < 0x20 && c != '\t')
        return FALSE;
    }
  return g_utf8_validate (line, len, NULL);
}

/* The first line that is not blank tells the format. */
static gboolean
begin_format (FlowParser  *parser,
              const char  *line,
              gsize        len,
              GError     **error)
{
  if (!is_text (line, len))
    return flow_error (parser, error, _("binary data, not a flow file"));

  flow_trim (&line, &len);
  switch (flow_detect_line (line, len))
    {
    case FLOW_KIND_NFDUMP_CSV:
      return flow_nfdump_begin (parser, line, len, error);
    case FLOW_KIND_LIAISON_CSV:
      return flow_liaison_csv_begin (parser);
    case FLOW_KIND_ZEEK_TSV:
      return flow_zeek_tsv_begin (parser, line, len, error);
    case FLOW_KIND_ZEEK_JSON:
      return flow_zeek_json_begin (parser, line, len, error);
    case FLOW_KIND_VPC:
      return flow_vpc_begin (parser, line, len, error);
    case FLOW_KIND_UNKNOWN:
    default:
      break;
    }

  if (liaison_netstat_sniff (line, len))
    return flow_error (parser, error,
                       _("a socket table, not flow records: import it as a netstat sample "
                         "(liaison-cli import-netstat)"));
  {
    g_autofree char *value = flow_quote (line, len);

    return flow_error (parser, error,
                       _("not a flow file that Liaison reads (“%s”): it reads nfcapd files, nfdump CSV, "
                         "Zeek conn.log (TSV or JSON), AWS VPC Flow Logs and Liaison flow CSV, "
                         "also gzip-compressed"),
                       value);
  }
}

/* Reads every line of @source; the format is known after the first. */
static gboolean
read_lines (FlowParser  *parser,
            Source      *source,
            GError     **error)
{
  gboolean first = TRUE;

  for (;;)
    {
      const char *newline, *line;
      gsize len;

      newline = memchr (source->text + source->start, '\n', source->end - source->start);
      if (newline == NULL && !source->eof)
        {
          if (source->end - source->start > FLOW_MAX_LINE_LENGTH)
            {
              parser->line++;
              return flow_error (parser, error, _("line too long (more than %u bytes)"),
                                 (guint) FLOW_MAX_LINE_LENGTH);
            }
          if (!source_fill (source, parser->line + 1, error))
            return FALSE;
          continue;
        }
      if (newline == NULL && source->start == source->end)
        break;

      line = source->text + source->start;
      len = (newline != NULL ? newline : source->text + source->end) - line;
      source->start += len + (newline != NULL);
      parser->line++;

      /* Skip a byte order mark. */
      if (first && len >= 3 && memcmp (line, "\xef\xbb\xbf", 3) == 0)
        {
          line += 3;
          len -= 3;
        }

      if (len > FLOW_MAX_LINE_LENGTH)
        return flow_error (parser, error, _("line too long (%zu bytes)"), (size_t) len);
      if (len > 0 && line[len - 1] == '\r')
        len--;

      if (source->nul < source->start && (gsize) (line - source->text) <= source->nul)
        return flow_error (parser, error, _("binary data, not a flow file"));

      if (len == 0 || is_blank (line, len))
        continue;

      if (parser->line_func == NULL)
        {
          first = FALSE;
          if (!begin_format (parser, line, len, error))
            return FALSE;
        }
      else if (!parser->line_func (parser, line, len, error))
        return FALSE;

      if (parser->done)
        break;
    }

  if (parser->line_func == NULL)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                   _("%s: empty file, not a flow file"), parser->file_name);
      return FALSE;
    }
  flow_gather (parser->file);
  return TRUE;
}

/* A file with no flows yet, which gathers them when @options say. */
LiaisonFlowFile *
flow_file_new (const LiaisonFlowReadOptions *options)
{
  LiaisonFlowFile *file = g_new0 (LiaisonFlowFile, 1);

  file->flows = g_array_new (FALSE, FALSE, sizeof (LiaisonFlow));
  file->earliest_start = LIAISON_TIME_NONE;
  file->latest_start = LIAISON_TIME_NONE;
  file->first_seen = LIAISON_TIME_NONE;
  if (options != NULL && options->gather_interval > 0)
    file->sample = liaison_netflow_sample_new (options->gather_interval, options->gather_known);
  return file;
}

static void
parser_init (FlowParser                    *parser,
             const char                    *file_name,
             const LiaisonFlowReadOptions  *options,
             LiaisonFlowFile               *file)
{
  memset (parser, 0, sizeof *parser);
  parser->file_name = file_name;
  parser->local_time = options != NULL && options->local_time;
  parser->strict = options != NULL && options->strict;
  parser->file = file;
}

static void
parser_clear (FlowParser *parser)
{
  if (parser->free_state != NULL)
    g_clear_pointer (&parser->state, parser->free_state);
}

/* Room for the records of @total bytes of text, judged by the lines that
 * are not directives among the first 64 KiB of @text; a file that gathers
 * its flows holds a few at a time. */
static void
reserve (LiaisonFlowFile *file,
         const char      *text,
         gsize            length,
         guint64          total)
{
  const char *p = text;
  const char *end = text + MIN (length, 64 * 1024);
  gsize bytes = 0;
  guint lines = 0;
  guint64 n;

  if (file->sample != NULL)
    return;

  while (p < end && lines < 64)
    {
      const char *newline = memchr (p, '\n', end - p);

      if (newline == NULL)
        break;
      if (*p != '#' && newline - p > 1)
        {
          bytes += newline - p + 1;
          lines++;
        }
      p = newline + 1;
    }
  if (lines == 0 || total == 0)
    return;

  n = MIN (total / MAX (bytes / lines, 16) + 16, 64 * 1024 * 1024);
  g_array_set_size (file->flows, 0);
  g_array_free (file->flows, TRUE);
  file->flows = g_array_sized_new (FALSE, FALSE, sizeof (LiaisonFlow), (guint) n);
}

/* Reads @data with @parser, whose format may be known already (nfcapd rows). */
gboolean
flow_read_text (FlowParser  *parser,
                const char  *data,
                gsize        length,
                GError     **error)
{
  Source source = { 0 };

  source.text = data != NULL ? data : "";
  source.end = length;
  source.eof = TRUE;
  source_find_nul (&source, 0);
  reserve (parser->file, source.text, length, length);
  return read_lines (parser, &source, error);
}

/* Reads @stream with @parser, whose format is known (nfcapd rows), as the
 * program that writes it goes on: @size_hint, the records to make room for. */
gboolean
flow_read_stream (FlowParser    *parser,
                  GInputStream  *stream,
                  guint64        size_hint,
                  GCancellable  *cancellable,
                  GError       **error)
{
  Source source = { 0 };
  gboolean ok;

  source.stream = stream;
  source.cancellable = cancellable;
  source.buffer = g_malloc (CHUNK_SIZE);
  source.text = source.buffer;
  source.nul = G_MAXSIZE;

  ok = source_fill (&source, 1, error) &&
       (reserve (parser->file, source.text, source.end, size_hint), TRUE) &&
       read_lines (parser, &source, error);
  g_free (source.buffer);
  return ok;
}

/**
 * liaison_netflow_parse:
 * @file_name: the name used in messages
 * @data: (array length=length): the text of a flow file
 * @length: its length
 * @options: (nullable): how to read it
 * @error: return location for a #LIAISON_ERROR_INVALID error
 *
 * Parses the text of a flow file: nfdump CSV, Liaison flow CSV, Zeek
 * conn.log or AWS VPC Flow Logs, told apart by the content. Records that
 * are not service communications are counted in the file's skips (with
 * @options' strict, they are errors).
 *
 * Returns: (transfer full): the records, or %NULL
 */
LiaisonFlowFile *
liaison_netflow_parse (const char                    *file_name,
                       const char                    *data,
                       gsize                          length,
                       const LiaisonFlowReadOptions  *options,
                       GError                       **error)
{
  g_autoptr(LiaisonFlowFile) file = NULL;
  FlowParser parser;
  gboolean ok;

  g_return_val_if_fail (file_name != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  file = flow_file_new (options);
  parser_init (&parser, file_name, options, file);
  ok = flow_read_text (&parser, data, length, error);
  parser_clear (&parser);

  return ok ? g_steal_pointer (&file) : NULL;
}

/**
 * liaison_netflow_is_nfcapd:
 *
 * Whether @data begins with the magic number of an nfcapd file, 0xA50C,
 * little-endian: two bytes.
 */
gboolean
liaison_netflow_is_nfcapd (const char *data,
                           gsize       length)
{
  return length >= 2 && memcmp (data, NFCAPD_MAGIC, 2) == 0;
}

static LiaisonFlowFile *
read_input (LiaisonInput                  *input,
            const LiaisonFlowReadOptions  *options,
            GError                       **error)
{
  g_autoptr(LiaisonFlowFile) file = flow_file_new (options);
  FlowParser parser;
  Source source = { 0 };
  gboolean ok;

  parser_init (&parser, liaison_input_get_name (input), options, file);
  file->compressed = liaison_input_is_gzip (input);

  source.input = input;
  source.buffer = g_malloc (CHUNK_SIZE);
  source.text = source.buffer;
  source.nul = G_MAXSIZE;

  ok = source_fill (&source, 1, error) &&
       (reserve (file, source.text, source.end, liaison_input_get_size (input)), TRUE) &&
       read_lines (&parser, &source, error) &&
       liaison_input_finish (input, error);

  parser_clear (&parser);
  g_free (source.buffer);
  if (!ok)
    return NULL;

  file->checksum = g_strdup (liaison_input_get_checksum (input));
  return g_steal_pointer (&file);
}

/* The fingerprint of an nfcapd file, read on a thread of its own while
 * nfdump reads the file: the import does not wait for it after nfdump.
 * It stops when the read is cancelled or nfdump fails. */
typedef struct
{
  LiaisonInput *input;
  GCancellable *cancellable;
  GError       *error;
  gboolean      ok;
} Fingerprint;

static gpointer
fingerprint_run (gpointer data)
{
  Fingerprint *fingerprint = data;

  fingerprint->ok = liaison_input_skip_rest (fingerprint->input, fingerprint->cancellable, &fingerprint->error);
  return NULL;
}

static void
cancel_fingerprint (GCancellable *read,
                    gpointer      fingerprint)
{
  g_cancellable_cancel (fingerprint);
}

static LiaisonFlowFile *
read_nfcapd (LiaisonInput                  *input,
             const char                    *path,
             const LiaisonFlowReadOptions  *options,
             GError                       **error)
{
  g_autofree char *display_name = g_filename_display_name (path);
  g_autoptr(GCancellable) stop = g_cancellable_new ();
  GCancellable *read = options != NULL ? options->cancellable : NULL;
  Fingerprint fingerprint = { input, stop, NULL, FALSE };
  GThread *thread = NULL;
  LiaisonFlowFile *file;
  gulong handler = 0;

  if (g_get_num_processors () > 1)
    {
      if (read != NULL)
        handler = g_cancellable_connect (read, G_CALLBACK (cancel_fingerprint), stop, NULL);
      thread = g_thread_new ("liaison-fingerprint", fingerprint_run, &fingerprint);
    }
  file = flow_read_nfcapd (path, display_name, options, error);
  if (thread != NULL)
    {
      if (file == NULL)
        g_cancellable_cancel (stop);
      g_thread_join (thread);
      g_cancellable_disconnect (read, handler);
      if (!fingerprint.ok && file != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&fingerprint.error));
          g_clear_pointer (&file, liaison_flow_file_free);
        }
      g_clear_error (&fingerprint.error);
    }
  if (file == NULL)
    return NULL;

  /* nfdump read the file itself: it must be the file this one read. */
  if (!liaison_input_finish (input, error))
    {
      liaison_flow_file_free (file);
      return NULL;
    }
  file->checksum = g_strdup (liaison_input_get_checksum (input));
  return file;
}

/**
 * liaison_netflow_read_file:
 * @path: a flow file, `-` for standard input
 * @options: (nullable): how to read it; nfcapd files carry real moments
 *   and are not read as local time
 * @error: return location for a #LIAISON_ERROR error
 *
 * Reads a flow file of any format liaison_netflow_parse() reads, plain or
 * gzip-compressed, or an nfcapd file (through the nfdump program). The
 * file is read, not mapped; a file that changes meanwhile is an error.
 *
 * Returns: (transfer full): the records, with the file's fingerprint, or %NULL
 */
LiaisonFlowFile *
liaison_netflow_read_file (const char                    *path,
                           const LiaisonFlowReadOptions  *options,
                           GError                       **error)
{
  g_autoptr(LiaisonInput) input = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  input = liaison_input_open (path, error);
  if (input == NULL)
    return NULL;

  if (!liaison_input_starts_with (input, NFCAPD_MAGIC, 2))
    return read_input (input, options, error);

  if (liaison_input_get_path (input) == NULL)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                   _("%s: an nfcapd file cannot be read from standard input; give its name"),
                   liaison_input_get_name (input));
      return NULL;
    }

  return read_nfcapd (input, path, options, error);
}

/* The name of @format, as the import dialog shows it. */
const char *
liaison_netflow_format_name (LiaisonNetflowFormat format)
{
  static const char *names[] = {
    [LIAISON_NETFLOW_FORMAT_NFDUMP_CSV] = N_("nfdump CSV"),
    [LIAISON_NETFLOW_FORMAT_NFCAPD] = N_("nfcapd file (NetFlow, IPFIX, sFlow)"),
    [LIAISON_NETFLOW_FORMAT_LIAISON_CSV] = N_("Liaison flow CSV"),
    [LIAISON_NETFLOW_FORMAT_ZEEK_TSV] = N_("Zeek conn.log"),
    [LIAISON_NETFLOW_FORMAT_ZEEK_JSON] = N_("Zeek conn.log (JSON)"),
    [LIAISON_NETFLOW_FORMAT_VPC] = N_("AWS VPC Flow Logs"),
  };

  if ((guint) format < G_N_ELEMENTS (names) && names[format] != NULL)
    return _(names[format]);
  return _("flow records");
}

/* How many records of @file are service communications: its flows, or
 * those it gathered. */
guint64
liaison_flow_file_count (const LiaisonFlowFile *file)
{
  return file->flows->len + file->gathered;
}

void
liaison_flow_file_free (LiaisonFlowFile *file)
{
  if (file == NULL)
    return;
  g_clear_pointer (&file->flows, g_array_unref);
  g_clear_pointer (&file->sample, liaison_netflow_sample_free);
  g_free (file->checksum);
  g_free (file);
}
