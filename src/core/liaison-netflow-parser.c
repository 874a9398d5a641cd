/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-netflow-parser"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include <gio/gio.h>

#include "liaison-error.h"
#include "liaison-netflow-parser.h"
#include "liaison-netflow-parser-private.h"

/*
 * Flow files (statistics.md section 4.1), detected from their content:
 *
 *  - nfdump CSV, `nfdump -r FILE -o csv`. nfdump 1.6 and 1.7.0 to 1.7.4 print
 *    `ts,te,td,sa,da,sp,dp,pr,...` (whole seconds, protocol names) and a
 *    trailing `Summary` block; 1.7.5 and later print `firstSeen,duration,
 *    proto,srcAddr,srcPort,dstAddr,dstPort,...` (milliseconds, protocol
 *    numbers, no end: it is firstSeen + duration, no summary). Columns are
 *    found by their header name, so both work.
 *  - Liaison CSV, `start,end,client_ip,client_port,listener_ip,listener_port,protocol`.
 *  - nfcapd binary files, read through the nfdump program.
 *
 * The text is scanned in place: no allocation per line, and times of
 * consecutive records, which share their date and minute, are computed
 * from a cached minute.
 */

#define MAX_LINE_LENGTH   (64 * 1024)
#define MAX_COLUMNS       512
#define MAX_QUOTED_CHARS  64

#define LIAISON_CSV_HEADER "start,end,client_ip,client_port,listener_ip,listener_port,protocol"

/* nfcapd files start with the 16-bit magic 0xA50C, little-endian. */
#define NFCAPD_MAGIC_0 0x0c
#define NFCAPD_MAGIC_1 0xa5

/* What nfdump prints for an nfcapd file: milliseconds and full IPv6 addresses. */
#define NFDUMP_FORMAT "fmt:%ts,%te,%sa,%da,%sp,%dp,%pr"

typedef enum
{
  COL_START,
  COL_END,
  COL_SRC,
  COL_SRC_PORT,
  COL_DST,
  COL_DST_PORT,
  COL_PROTOCOL,
  N_LIAISON_COLS,
  COL_DURATION = N_LIAISON_COLS,   /* nfdump only: the end when there is no end column */
  N_COLS
} Column;

/* Header names of each column, nfdump 1.6/1.7.1 first, later 1.7 second. */
static const char * const nfdump_names[N_COLS][2] = {
  [COL_START]    = { "ts", "firstSeen" },
  [COL_END]      = { "te", "lastSeen" },
  [COL_SRC]      = { "sa", "srcAddr" },
  [COL_SRC_PORT] = { "sp", "srcPort" },
  [COL_DST]      = { "da", "dstAddr" },
  [COL_DST_PORT] = { "dp", "dstPort" },
  [COL_PROTOCOL] = { "pr", "proto" },
  [COL_DURATION] = { "td", "duration" },
};

typedef struct
{
  const char  *file_name;
  gboolean     local_time;
  guint        line_number;

  /* Column of each field, the columns a line needs, the columns of the header. */
  guint        index[N_COLS];
  guint        needed;
  guint        n_header;
  gboolean     liaison;
  gboolean     has_end;

  /* The minute `YYYY-MM-DD HH:MM` of the last time read, and its moment. */
  char         minute[16];
  gboolean     minute_valid;
  LiaisonTime  minute_time;
} Parser;

typedef struct
{
  const char *text;
  gsize       len;
} Field;

static inline void
trim (const char **text,
      gsize       *len)
{
  const char *p = *text;
  gsize n = *len;

  while (n > 0 && (*p == ' ' || *p == '\t'))
    {
      p++;
      n--;
    }
  while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
    n--;
  *text = p;
  *len = n;
}

/* A value as it may appear in a message: valid UTF-8, shortened. */
static char *
quote (const char *text,
       gsize       len)
{
  g_autofree char *valid = g_utf8_make_valid (text, len);

  if (g_utf8_strlen (valid, -1) > MAX_QUOTED_CHARS)
    {
      g_autofree char *shortened = g_utf8_substring (valid, 0, MAX_QUOTED_CHARS);

      return g_strconcat (shortened, "…", NULL);
    }
  return g_steal_pointer (&valid);
}

/* Bad input at the parser's line. */
#define set_line_error(parser, error, ...) \
  liaison_error_set_line ((error), (parser)->file_name, (parser)->line_number, __VA_ARGS__)

static gboolean
parse_time (Parser      *parser,
            const char  *s,
            gsize        n,
            LiaisonTime *out)
{
  guint second, millis = 0;

  /* The fast path: `YYYY-MM-DD HH:MM:SS` and an optional fraction, no offset. */
  if (n >= 19 && s[4] == '-' && s[7] == '-' && (s[10] == ' ' || s[10] == 'T') &&
      s[13] == ':' && s[16] == ':' &&
      g_ascii_isdigit (s[17]) && g_ascii_isdigit (s[18]))
    {
      gsize i = 19;

      if (n > 19)
        {
          guint scale = 100;

          if (s[19] != '.' || n == 20)
            goto slow;
          for (i = 20; i < n && g_ascii_isdigit (s[i]); i++)
            {
              millis += (guint) (s[i] - '0') * scale;
              scale /= 10;
            }
          if (i != n)
            goto slow;
        }

      second = (guint) (s[17] - '0') * 10 + (guint) (s[18] - '0');
      if (second > 60)
        return FALSE;
      if (second == 60)
        second = 59;

      if (!parser->minute_valid || memcmp (parser->minute, s, 16) != 0)
        {
          LiaisonTime minute_time;

          if (!liaison_time_parse (s, 16, parser->local_time, &minute_time))
            return FALSE;
          memcpy (parser->minute, s, 16);
          parser->minute_time = minute_time;
          parser->minute_valid = TRUE;
        }

      *out = parser->minute_time + second * 1000 + millis;
      return TRUE;
    }

slow:
  return liaison_time_parse (s, n, parser->local_time, out);
}

static gboolean
parse_port (const char *s,
            gsize       n,
            guint16    *out)
{
  guint v = 0;

  if (n == 0 || n > 5)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      v = v * 10 + (guint) (s[i] - '0');
    }
  if (v < 1 || v > 65535)
    return FALSE;
  *out = (guint16) v;
  return TRUE;
}

/* nfdump's duration: seconds with up to 3 decimals. */
static gboolean
parse_duration (const char *s,
                gsize       n,
                gint64     *out)
{
  gint64 seconds = 0;
  guint millis = 0, scale = 100;
  gsize i = 0;

  for (; i < n && g_ascii_isdigit (s[i]); i++)
    {
      if (i >= 12)
        return FALSE;
      seconds = seconds * 10 + (s[i] - '0');
    }
  if (i == 0)
    return FALSE;
  if (i < n && s[i] == '.')
    {
      if (++i == n)
        return FALSE;
      for (; i < n && g_ascii_isdigit (s[i]); i++)
        {
          millis += (guint) (s[i] - '0') * scale;
          scale /= 10;
        }
    }
  if (i != n)
    return FALSE;
  *out = seconds * 1000 + millis;
  return TRUE;
}

/* TCP or UDP, by name or number; 0 for any other protocol. */
static guint8
parse_protocol (const char *s,
                gsize       n)
{
  if (n == 3 && g_ascii_strncasecmp (s, "tcp", 3) == 0)
    return LIAISON_PROTOCOL_TCP;
  if (n == 3 && g_ascii_strncasecmp (s, "udp", 3) == 0)
    return LIAISON_PROTOCOL_UDP;
  if (n == 1 && s[0] == '6')
    return LIAISON_PROTOCOL_TCP;
  if (n == 2 && s[0] == '1' && s[1] == '7')
    return LIAISON_PROTOCOL_UDP;
  return 0;
}

/* Splits @line at commas into @fields, at most @max of them; returns how many
 * there are in all when there are fewer than @max, else @max. */
static guint
split (const char *line,
       gsize       len,
       Field      *fields,
       guint       max)
{
  const char *p = line;
  const char *end = line + len;
  guint n = 0;

  while (n < max)
    {
      const char *comma = memchr (p, ',', end - p);
      const char *stop = comma ? comma : end;

      fields[n].text = p;
      fields[n].len = stop - p;
      trim (&fields[n].text, &fields[n].len);
      n++;
      if (comma == NULL)
        break;
      p = comma + 1;
    }
  return n;
}

static guint
count_columns (const char *line,
               gsize       len)
{
  guint n = 1;

  for (const char *p = line; (p = memchr (p, ',', line + len - p)) != NULL; p++)
    n++;
  return n;
}

static gboolean
field_is (const Field *field,
          const char  *name)
{
  gsize n = strlen (name);

  return field->len == n && memcmp (field->text, name, n) == 0;
}

/* Recognises the header line; sets the columns of @parser. */
static gboolean
read_header (Parser      *parser,
             const char  *line,
             gsize        len,
             GError     **error)
{
  Field fields[MAX_COLUMNS];
  guint n_fields;
  gboolean found[N_COLS] = { FALSE, };

  if (len == strlen (LIAISON_CSV_HEADER) && memcmp (line, LIAISON_CSV_HEADER, len) == 0)
    {
      static const Column liaison_order[] = {
        COL_START, COL_END, COL_SRC, COL_SRC_PORT, COL_DST, COL_DST_PORT, COL_PROTOCOL,
      };

      for (guint i = 0; i < G_N_ELEMENTS (liaison_order); i++)
        parser->index[liaison_order[i]] = i;
      parser->needed = N_LIAISON_COLS;
      parser->n_header = N_LIAISON_COLS;
      parser->liaison = TRUE;
      parser->has_end = TRUE;
      return TRUE;
    }

  n_fields = split (line, len, fields, MAX_COLUMNS);
  for (guint i = 0; i < n_fields; i++)
    for (guint c = 0; c < N_COLS; c++)
      if (!found[c] && (field_is (&fields[i], nfdump_names[c][0]) ||
                        field_is (&fields[i], nfdump_names[c][1])))
        {
          found[c] = TRUE;
          parser->index[c] = i;
        }

  /* The end is the end column, else start + duration. */
  parser->has_end = found[COL_END];
  if (!parser->has_end && found[COL_DURATION])
    {
      found[COL_END] = TRUE;
      parser->index[COL_END] = parser->index[COL_DURATION];
    }
  found[COL_DURATION] = FALSE;

  parser->needed = 0;
  for (guint c = 0; c < N_COLS; c++)
    {
      if (!found[c] && c != COL_DURATION)
        {
          g_autofree char *header = quote (line, len);

          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                       _("%s:%u: not nfdump CSV or Liaison flow CSV (header “%s”)"),
                       parser->file_name, parser->line_number, header);
          return FALSE;
        }
      if (found[c])
        parser->needed = MAX (parser->needed, parser->index[c] + 1);
    }
  parser->n_header = count_columns (line, len);
  parser->liaison = FALSE;
  return TRUE;
}

/* Reads one record; returns FALSE on an error, and sets *@skip for a record
 * of another protocol. */
static gboolean
read_record (Parser       *parser,
             const char   *line,
             gsize         len,
             LiaisonFlow  *flow,
             gboolean     *skip,
             GError      **error)
{
  Field fields[N_LIAISON_COLS + 1];
  const Field *f;
  guint n_fields;
  guint needed = parser->needed;

  g_assert (needed <= MAX_COLUMNS);

  if (parser->liaison)
    n_fields = split (line, len, fields, N_LIAISON_COLS + 1);
  else
    {
      /* Only the columns up to the last one needed are split. */
      Field all[MAX_COLUMNS];

      n_fields = split (line, len, all, needed);
      /* Every index is below `needed` (the header made it so). */
      for (guint c = 0; c < N_LIAISON_COLS && n_fields >= needed; c++)
        if (parser->index[c] < n_fields)
          fields[c] = all[parser->index[c]];
    }

  if (parser->liaison ? n_fields != N_LIAISON_COLS : n_fields < needed)
    {
      set_line_error (parser, error, _("expected %u columns, found %u"),
                      parser->n_header, count_columns (line, len));
      return FALSE;
    }

  *skip = FALSE;

  f = &fields[COL_PROTOCOL];
  flow->protocol = parse_protocol (f->text, f->len);
  if (flow->protocol == 0)
    {
      if (parser->liaison)
        {
          g_autofree char *value = quote (f->text, f->len);

          set_line_error (parser, error, _("protocol “%s” is not tcp or udp"), value);
          return FALSE;
        }
      *skip = TRUE;
      return TRUE;
    }

  f = &fields[COL_START];
  if (!parse_time (parser, f->text, f->len, &flow->start))
    {
      g_autofree char *value = quote (f->text, f->len);

      set_line_error (parser, error, _("“%s” is not a time"), value);
      return FALSE;
    }

  /* Without an end column, COL_END is the duration column. */
  f = &fields[COL_END];
  if (!parser->has_end)
    {
      gint64 duration;

      if (!parse_duration (f->text, f->len, &duration))
        {
          g_autofree char *value = quote (f->text, f->len);

          set_line_error (parser, error, _("duration “%s” is not a number of seconds"), value);
          return FALSE;
        }
      flow->end = flow->start + duration;
    }
  else if (parser->liaison && f->len == 0)
    flow->end = LIAISON_TIME_NONE;
  else if (!parse_time (parser, f->text, f->len, &flow->end))
    {
      g_autofree char *value = quote (f->text, f->len);

      set_line_error (parser, error, _("“%s” is not a time"), value);
      return FALSE;
    }
  else if (flow->end < flow->start)
    {
      g_autofree char *end = quote (f->text, f->len);
      g_autofree char *start = quote (fields[COL_START].text, fields[COL_START].len);

      set_line_error (parser, error, _("end “%s” is before start “%s”"), end, start);
      return FALSE;
    }

  for (guint i = 0; i < 2; i++)
    {
      Column col = i == 0 ? COL_SRC : COL_DST;

      f = &fields[col];
      if (!liaison_address_parse (f->text, f->len, i == 0 ? &flow->src : &flow->dst))
        {
          g_autofree char *value = quote (f->text, f->len);

          set_line_error (parser, error, _("“%s” is not an IP address"), value);
          return FALSE;
        }
    }

  f = &fields[COL_SRC_PORT];
  if (parser->liaison && f->len == 0)
    flow->src_port = 0;
  else if (!parse_port (f->text, f->len, &flow->src_port))
    {
      g_autofree char *value = quote (f->text, f->len);

      set_line_error (parser, error, _("port “%s” is not between 1 and 65535"), value);
      return FALSE;
    }

  f = &fields[COL_DST_PORT];
  if (!parse_port (f->text, f->len, &flow->dst_port))
    {
      g_autofree char *value = quote (f->text, f->len);

      set_line_error (parser, error, _("port “%s” is not between 1 and 65535"), value);
      return FALSE;
    }

  flow->oriented = parser->liaison;
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

/*
 * Parses @data. With @columns set, there is no header line and every line
 * is an nfdump record with those columns (the output of NFDUMP_FORMAT).
 */
static LiaisonFlowFile *
parse_text (const char   *file_name,
            const char   *data,
            gsize         length,
            gboolean      local_time,
            const guint  *columns,
            GError      **error)
{
  g_autoptr(LiaisonFlowFile) file = NULL;
  Parser parser = { 0, };
  const char *p = data;
  const char *end = data + length;
  const char *nul;
  gboolean have_header = FALSE;
  LiaisonTime earliest = LIAISON_TIME_NONE;

  parser.file_name = file_name;
  parser.local_time = local_time;

  if (columns != NULL)
    {
      for (guint c = 0; c < N_LIAISON_COLS; c++)
        {
          parser.index[c] = columns[c];
          parser.needed = MAX (parser.needed, columns[c] + 1);
        }
      parser.n_header = N_LIAISON_COLS;
      parser.has_end = TRUE;
      have_header = TRUE;
    }

  /* Skip a byte order mark. */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  nul = memchr (p, '\0', end - p);

  file = g_new0 (LiaisonFlowFile, 1);
  file->format = columns != NULL ? LIAISON_NETFLOW_FORMAT_NFCAPD : LIAISON_NETFLOW_FORMAT_NFDUMP_CSV;
  file->earliest_start = LIAISON_TIME_NONE;

  while (p < end)
    {
      const char *newline = memchr (p, '\n', end - p);
      const char *line = p;
      gsize len = (newline ? newline : end) - p;
      LiaisonFlow flow;
      gboolean skip;

      p = newline ? newline + 1 : end;
      parser.line_number++;

      if (len > MAX_LINE_LENGTH)
        {
          set_line_error (&parser, error, _("line too long (%zu bytes)"), (size_t) len);
          return NULL;
        }
      if (len > 0 && line[len - 1] == '\r')
        len--;

      if (nul != NULL && nul < line + len)
        {
          set_line_error (&parser, error, _("binary data, not a flow file"));
          return NULL;
        }

      if (!have_header)
        {
          gsize first_length;

          if (is_blank (line, len))
            continue;
          if (!is_text (line, len))
            {
              set_line_error (&parser, error, _("binary data, not a flow file"));
              return NULL;
            }
          trim (&line, &len);
          if (!read_header (&parser, line, len, error))
            return NULL;
          have_header = TRUE;
          file->format = parser.liaison ? LIAISON_NETFLOW_FORMAT_LIAISON_CSV
                                        : LIAISON_NETFLOW_FORMAT_NFDUMP_CSV;

          /* Room for every record, judged by the length of the next line. */
          newline = memchr (p, '\n', end - p);
          first_length = MAX ((gsize) ((newline ? newline : end) - p), 32);
          file->flows = g_array_sized_new (FALSE, FALSE, sizeof (LiaisonFlow),
                                           (guint) MIN ((gsize) (end - p) / first_length + 16,
                                                        G_MAXUINT / 2));
          continue;
        }

      if (file->flows == NULL)
        file->flows = g_array_sized_new (FALSE, FALSE, sizeof (LiaisonFlow),
                                         (guint) MIN ((gsize) (end - p) / 96 + 16, G_MAXUINT / 2));

      if (len == 0)
        continue;

      if (!parser.liaison)
        {
          /* nfdump's trailing summary block is not flows; nor is its note
           * about an empty file. */
          if (len == 7 && memcmp (line, "Summary", 7) == 0)
            break;
          if (len == 17 && memcmp (line, "No matching flows", 17) == 0)
            continue;
        }

      if (is_blank (line, len))
        continue;

      if (!read_record (&parser, line, len, &flow, &skip, error))
        return NULL;
      if (skip)
        continue;

      if (earliest == LIAISON_TIME_NONE || flow.start < earliest)
        earliest = flow.start;
      g_array_append_val (file->flows, flow);
    }

  if (!have_header)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                   _("%s: empty file, not a flow file"), file_name);
      return NULL;
    }

  if (file->flows == NULL)
    file->flows = g_array_new (FALSE, FALSE, sizeof (LiaisonFlow));
  file->earliest_start = earliest;
  return g_steal_pointer (&file);
}

/**
 * liaison_netflow_parse:
 * @file_name: the name used in messages
 * @data: (array length=length): the text of a flow file
 * @length: its length
 * @local_time: read times with no offset (all of nfdump's) as local time
 * @error: return location for a #LIAISON_ERROR_INVALID error
 *
 * Parses nfdump CSV or Liaison flow CSV, told apart by the header.
 * Records of protocols other than TCP and UDP are skipped.
 *
 * Returns: (transfer full): the records, or %NULL
 */
LiaisonFlowFile *
liaison_netflow_parse (const char  *file_name,
                       const char  *data,
                       gsize        length,
                       gboolean     local_time,
                       GError     **error)
{
  g_return_val_if_fail (file_name != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return parse_text (file_name, data, length, local_time, NULL, error);
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
  return length >= 2 &&
         (guchar) data[0] == NFCAPD_MAGIC_0 &&
         (guchar) data[1] == NFCAPD_MAGIC_1;
}

/* The first line nfdump wrote to stderr, for a message. */
static char *
first_line (GBytes *bytes)
{
  gsize len = 0;
  const char *text = bytes ? g_bytes_get_data (bytes, &len) : NULL;
  const char *newline;

  if (text == NULL)
    return g_strdup ("");
  while (len > 0 && g_ascii_isspace (*text))
    {
      text++;
      len--;
    }
  newline = memchr (text, '\n', len);
  if (newline != NULL)
    len = newline - text;
  while (len > 0 && g_ascii_isspace (text[len - 1]))
    len--;
  return quote (text, len);
}

static LiaisonFlowFile *
read_nfcapd (const char  *path,
             const char  *display_name,
             GError     **error)
{
  static const guint columns[N_LIAISON_COLS] = {
    [COL_START] = 0, [COL_END] = 1, [COL_SRC] = 2, [COL_DST] = 3,
    [COL_SRC_PORT] = 4, [COL_DST_PORT] = 5, [COL_PROTOCOL] = 6,
  };
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(LiaisonFlowFile) file = NULL;
  g_autofree char *program = g_find_program_in_path (NFDUMP_PROGRAM);
  const char *data;
  gsize length;

  if (program == NULL)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_UNSUPPORTED,
                   _("%s: is an nfcapd file; reading it needs the nfdump program, which is not installed"),
                   display_name);
      return NULL;
    }

  /* -q: no header and no summary; -6: IPv6 addresses in full. TZ=UTC makes
   * nfdump print UTC, whatever the zone of this machine. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "TZ", "UTC", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &local_error,
                                         program, "-q", "-6", "-r", path,
                                         "-o", NFDUMP_FORMAT, NULL);
  if (process == NULL ||
      !g_subprocess_communicate (process, NULL, NULL, &out, &err, &local_error))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_IO,
                   _("%s: could not run nfdump: %s"), display_name, local_error->message);
      return NULL;
    }

  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    {
      g_autofree char *message = first_line (err);

      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                   _("%s: nfdump failed: %s"), display_name,
                   *message ? message : _("no message"));
      return NULL;
    }

  data = g_bytes_get_data (out, &length);
  file = parse_text (display_name, data ? data : "", length, FALSE, columns, error);
  if (file == NULL)
    return NULL;

  /* nfdump reports some unreadable files on stderr only. */
  if (file->flows->len == 0 && err != NULL && g_bytes_get_size (err) > 0)
    {
      g_autofree char *message = first_line (err);

      if (*message)
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                       _("%s: nfdump failed: %s"), display_name, message);
          return NULL;
        }
    }

  return g_steal_pointer (&file);
}

/**
 * liaison_netflow_read_file:
 * @path: a flow file: nfdump CSV, Liaison flow CSV or an nfcapd file
 * @local_time: read times with no offset as local time (nfcapd files carry
 *   real moments and are not affected)
 * @error: return location for a #LIAISON_ERROR error
 *
 * Returns: (transfer full): the records, or %NULL
 */
LiaisonFlowFile *
liaison_netflow_read_file (const char  *path,
                           gboolean     local_time,
                           GError     **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display_name = NULL;
  const char *data;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display_name = g_filename_display_name (path);

  mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped == NULL)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_IO,
                   "%s", local_error->message);
      return NULL;
    }

  data = g_mapped_file_get_contents (mapped);
  length = g_mapped_file_get_length (mapped);

  if (liaison_netflow_is_nfcapd (data, length))
    return read_nfcapd (path, display_name, error);

  return parse_text (display_name, data ? data : "", length, local_time, NULL, error);
}

void
liaison_flow_file_free (LiaisonFlowFile *file)
{
  if (file == NULL)
    return;
  g_clear_pointer (&file->flows, g_array_unref);
  g_free (file);
}
