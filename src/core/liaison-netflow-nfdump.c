/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-netflow-parser"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "liaison-netflow-private.h"

/*
 * nfdump CSV, `nfdump -r FILE -o csv`. nfdump 1.6 and 1.7.0 to 1.7.4 print
 * `ts,te,td,sa,da,sp,dp,pr,...` (whole seconds, protocol names) and a
 * trailing `Summary` block; 1.7.5 and later print `firstSeen,duration,
 * proto,srcAddr,srcPort,dstAddr,dstPort,...` (milliseconds, protocol
 * numbers, no end: it is firstSeen + duration, no summary). Columns are
 * found by their header name, so both work. The rows nfdump prints for an
 * nfcapd file (liaison-netflow-nfcapd.c) are read here too, with fixed
 * columns and no header.
 */

typedef enum
{
  COL_START,
  COL_END,
  COL_SRC,
  COL_SRC_PORT,
  COL_DST,
  COL_DST_PORT,
  COL_PROTOCOL,
  N_RECORD_COLS,
  COL_DURATION = N_RECORD_COLS,   /* the end when there is no end column */
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
  guint    index[N_COLS];    /* the column of each field */
  guint    needed;           /* the columns a row needs */
  guint    n_header;         /* the columns of the header */
  gboolean has_end;          /* else COL_END is the duration column */
  gboolean seconds_start;    /* the start is seconds since 1970 (`%tsr`) */
} Nfdump;

/* nfdump's duration, or its `%tsr` time since 1970: seconds with up to 3
 * decimals, in milliseconds. */
static gboolean
parse_seconds (const char *s,
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

/* A date as nfdump prints it. A time of zero is a date of zeros in `%ts`
 * and `%te` from nfdump 1.7.4 on and in its CSV from 1.7.5 on, where 1.7.1
 * prints 1970-01-01: the same moment, which flow_check_times() then skips
 * as stamped before 1990. */
static gboolean
parse_date (FlowParser      *parser,
            const FlowField *f,
            LiaisonTime     *out)
{
  static const char zero[] = "0000-00-00 00:00:00";
  gsize i = sizeof zero - 1;

  if (f->len >= i && memcmp (f->text, zero, i) == 0)
    {
      if (i < f->len && f->text[i] == '.' && i + 1 < f->len)
        for (i++; i < f->len && f->text[i] == '0'; i++)
          ;
      if (i != f->len)
        return FALSE;
      *out = 0;
      return TRUE;
    }
  return flow_parse_text_time (parser, f->text, f->len, out);
}

/* Reads one row; statistics.md 4.1's reasons in order. */
static gboolean
read_row (FlowParser  *parser,
          const char  *line,
          gsize        len,
          GError     **error)
{
  Nfdump *self = parser->state;
  FlowField all[FLOW_MAX_COLUMNS];
  FlowField fields[N_RECORD_COLS];
  LiaisonFlow flow;
  guint n_fields;
  gboolean skipped;
  const FlowField *f;

  /* nfdump's trailing summary block is not flows; nor is its note about
   * an empty file. */
  if (len == 7 && memcmp (line, "Summary", 7) == 0)
    {
      parser->done = TRUE;
      return TRUE;
    }
  if (len == 17 && memcmp (line, "No matching flows", 17) == 0)
    return TRUE;

  /* Only the columns up to the last one needed are split. */
  n_fields = flow_split (line, len, ',', TRUE, all, self->needed);
  if (n_fields < self->needed)
    return flow_error (parser, error, _("expected %u columns, found %u"),
                       self->n_header, flow_count_columns (line, len, ','));
  for (guint c = 0; c < N_RECORD_COLS; c++)
    fields[c] = all[self->index[c]];

  memset (&flow, 0, sizeof flow);

  if (!flow_check_protocol (parser, fields[COL_PROTOCOL], &flow.protocol, &skipped, error))
    return FALSE;
  if (skipped)
    return TRUE;

  if (!flow_check_ports (parser, fields[COL_SRC_PORT], fields[COL_DST_PORT], FALSE, &flow, &skipped, error))
    return FALSE;
  if (skipped)
    return TRUE;

  if (!flow_check_addresses (parser, fields[COL_SRC], fields[COL_DST], &flow, &skipped, error))
    return FALSE;
  if (skipped)
    return TRUE;

  f = &fields[COL_START];
  if (self->seconds_start ? !parse_seconds (f->text, f->len, &flow.start)
                          : !parse_date (parser, f, &flow.start))
    return flow_bad_time (parser, *f, error);

  /* Without an end column, COL_END is the duration column. */
  f = &fields[COL_END];
  if (!self->has_end)
    {
      gint64 duration;

      if (!parse_seconds (f->text, f->len, &duration))
        {
          g_autofree char *value = flow_quote (f->text, f->len);

          return flow_error (parser, error, _("duration “%s” is not a number of seconds"), value);
        }
      flow.end = flow.start + duration;
    }
  else if (!parse_date (parser, f, &flow.end))
    return flow_bad_time (parser, *f, error);

  /* A message tells nfdump's seconds as a date (a field with no text). */
  if (self->seconds_start)
    fields[COL_START] = (FlowField) { NULL, 0 };
  if (!flow_check_times (parser, fields[COL_START], fields[COL_END], &flow, &skipped, error))
    return FALSE;
  if (skipped)
    return TRUE;

  flow.oriented = LIAISON_FLOW_GUESS;
  flow_add (parser, &flow);
  return TRUE;
}

/* Reads the header of nfdump CSV; its columns are found by name. */
gboolean
flow_nfdump_begin (FlowParser  *parser,
                   const char  *header,
                   gsize        len,
                   GError     **error)
{
  Nfdump *self = g_new0 (Nfdump, 1);
  FlowField fields[FLOW_MAX_COLUMNS];
  gboolean found[N_COLS] = { FALSE, };
  guint n_fields;

  parser->state = self;
  parser->free_state = g_free;
  parser->file->format = LIAISON_NETFLOW_FORMAT_NFDUMP_CSV;

  n_fields = flow_split (header, len, ',', TRUE, fields, FLOW_MAX_COLUMNS);
  for (guint i = 0; i < n_fields; i++)
    for (guint c = 0; c < N_COLS; c++)
      if (!found[c] && (flow_field_is (&fields[i], nfdump_names[c][0]) ||
                        flow_field_is (&fields[i], nfdump_names[c][1])))
        {
          found[c] = TRUE;
          self->index[c] = i;
        }

  /* The end is the end column, else start + duration. */
  self->has_end = found[COL_END];
  if (!self->has_end && found[COL_DURATION])
    {
      found[COL_END] = TRUE;
      self->index[COL_END] = self->index[COL_DURATION];
    }

  for (guint c = 0; c < N_RECORD_COLS; c++)
    {
      if (!found[c])
        {
          g_autofree char *value = flow_quote (header, len);

          return flow_error (parser, error, _("not nfdump CSV or Liaison flow CSV (header “%s”)"), value);
        }
      self->needed = MAX (self->needed, self->index[c] + 1);
    }
  self->n_header = flow_count_columns (header, len, ',');
  parser->line_func = read_row;
  return TRUE;
}

/* The rows of `nfdump -o "fmt:%tsr,%te,%sa,%da,%sp,%dp,%pr"`: no header,
 * the start in seconds since 1970 (nfdump prints it faster than a date; its
 * `%ter` drops the hundreds of milliseconds in nfdump 1.7.1, so the end
 * stays a date). */
void
flow_nfdump_begin_rows (FlowParser *parser)
{
  static const guint columns[N_RECORD_COLS] = {
    [COL_START] = 0, [COL_END] = 1, [COL_SRC] = 2, [COL_DST] = 3,
    [COL_SRC_PORT] = 4, [COL_DST_PORT] = 5, [COL_PROTOCOL] = 6,
  };
  Nfdump *self = g_new0 (Nfdump, 1);

  for (guint c = 0; c < N_RECORD_COLS; c++)
    {
      self->index[c] = columns[c];
      self->needed = MAX (self->needed, columns[c] + 1);
    }
  self->n_header = N_RECORD_COLS;
  self->has_end = TRUE;
  self->seconds_start = TRUE;

  parser->state = self;
  parser->free_state = g_free;
  parser->line_func = read_row;
}
