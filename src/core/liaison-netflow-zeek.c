/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-netflow-parser"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-netflow-private.h"

/*
 * Zeek conn.log (statistics.md 4.1), as Zeek's ASCII writer writes it:
 *
 *  - TSV: `#separator \x09`, `#set_separator`, `#empty_field (empty)`,
 *    `#unset_field -`, `#path conn`, `#open`, `#fields ts uid id.orig_h
 *    ...`, `#types ...`, the records, `#close`. Columns are found by their
 *    #fields names, so a cluster's extra columns (`_node_name`) and every
 *    Zeek version's layout read alike; logs joined with `cat` start again
 *    at their own directives.
 *  - JSON lines: one object a line with the same names (`"id.orig_h"`);
 *    unset fields are left out; `ts` is seconds since the epoch, or an
 *    ISO 8601 time from the writer's ISO mode.
 *
 * The originator (`id.orig_h:id.orig_p`) is the client, the responder the
 * listener: Zeek saw who opened the connection. A record is one
 * connection: `ts` is its start, `ts + duration` its end, a point when
 * there is no duration. Times have microseconds and are rounded to the
 * millisecond. TCP attempts that never completed a handshake are skipped.
 */

enum
{
  Z_TS,
  Z_ORIG_H,
  Z_ORIG_P,
  Z_RESP_H,
  Z_RESP_P,
  Z_PROTO,
  Z_N_REQUIRED,
  Z_DURATION = Z_N_REQUIRED,
  Z_CONN_STATE,
  Z_PATH,                       /* JSON only: which log the line belongs to */
  Z_N_FIELDS
};

static const char * const zeek_names[Z_N_FIELDS] = {
  [Z_TS] = "ts",
  [Z_ORIG_H] = "id.orig_h",
  [Z_ORIG_P] = "id.orig_p",
  [Z_RESP_H] = "id.resp_h",
  [Z_RESP_P] = "id.resp_p",
  [Z_PROTO] = "proto",
  [Z_DURATION] = "duration",
  [Z_CONN_STATE] = "conn_state",
  [Z_PATH] = "_path",
};

/* TCP states of a handshake that never completed: a scan, a refused or an
 * unanswered attempt, not a communication. */
static const char * const attempt_states[] = {
  "S0", "REJ", "RSTOS0", "RSTRH", "SH", "SHR", NULL
};

typedef struct
{
  char     separator;
  char     unset[32];
  gint     index[Z_N_FIELDS];   /* the column of each field, -1 when there is none */
  guint    n_fields;            /* the columns #fields names */
  guint    needed;              /* the columns up to the last one read */
  gboolean have_fields;
} Zeek;

static void
zeek_init (Zeek *self)
{
  memset (self, 0, sizeof *self);
  self->separator = '\t';
  strcpy (self->unset, "-");
  for (guint i = 0; i < Z_N_FIELDS; i++)
    self->index[i] = -1;
}

static gboolean
is_unset (const Zeek      *self,
          const FlowField *field)
{
  return flow_field_is (field, self->unset);
}

static gboolean
is_attempt (const FlowField *state)
{
  /* most records are SF, S1 or OTH: a glance tells them */
  if (state->len < 2 || (state->text[0] != 'S' && state->text[0] != 'R'))
    return FALSE;
  if (state->len == 2 && state->text[1] != '0' && state->text[1] != 'H')
    return FALSE;
  for (guint i = 0; attempt_states[i] != NULL; i++)
    if (flow_field_is (state, attempt_states[i]))
      return TRUE;
  return FALSE;
}

/* `ts`: seconds since the epoch, or ISO 8601 with up to nine decimals. */
static gboolean
parse_ts (FlowParser *parser,
          FlowField   field,
          gint64     *nanoseconds)
{
  const char *dot;
  char whole[40];
  gsize head, digits, tail;
  gint64 fraction = 0, scale = 100000000;
  LiaisonTime seconds;

  if (flow_parse_seconds (field.text, field.len, nanoseconds))
    return TRUE;

  /* 2020-06-05T14:39:59.305988Z: the fraction apart, the rest as ISO 8601 */
  dot = memchr (field.text, '.', field.len);
  if (dot == NULL)
    head = field.len;
  else
    head = dot - field.text;
  for (digits = head + 1; dot != NULL && digits < field.len && g_ascii_isdigit (field.text[digits]); digits++)
    {
      fraction += (field.text[digits] - '0') * scale;
      scale /= 10;
    }
  if (dot == NULL)
    digits = field.len;
  tail = field.len - digits;
  if (head + tail >= sizeof whole || (dot != NULL && digits == head + 1))
    return FALSE;
  memcpy (whole, field.text, head);
  memcpy (whole + head, field.text + digits, tail);
  if (!liaison_time_parse (whole, head + tail, parser->local_time, &seconds) ||
      seconds > G_MAXINT64 / 1000000 - 1 || seconds < G_MININT64 / 1000000 + 1)
    return FALSE;
  *nanoseconds = seconds * 1000000 + fraction;
  return TRUE;
}

/* statistics.md 4.1's reasons in order, for the fields of one record. */
static gboolean
read_record (FlowParser       *parser,
             const Zeek       *self,
             const FlowField  *f,
             GError          **error)
{
  LiaisonFlow flow;
  gboolean skipped;
  gint64 ts, duration;

  memset (&flow, 0, sizeof flow);

  if (!flow_check_protocol (parser, f[Z_PROTO], &flow.protocol, &skipped, error))
    return FALSE;
  if (skipped)
    return TRUE;

  if (!flow_check_ports (parser, f[Z_ORIG_P], f[Z_RESP_P], FALSE, &flow, &skipped, error))
    return FALSE;
  if (skipped)
    return TRUE;

  if (!flow_check_addresses (parser, f[Z_ORIG_H], f[Z_RESP_H], &flow, &skipped, error))
    return FALSE;
  if (skipped)
    return TRUE;

  if (!parse_ts (parser, f[Z_TS], &ts))
    return flow_bad_time (parser, f[Z_TS], error);
  flow.start = flow_round_nanoseconds (ts);
  flow.end = LIAISON_TIME_NONE;
  if (f[Z_DURATION].text != NULL && !is_unset (self, &f[Z_DURATION]))
    {
      /* A time before 1970 is negative: then no duration overflows it. */
      if (!flow_parse_seconds (f[Z_DURATION].text, f[Z_DURATION].len, &duration) ||
          (ts > 0 && duration > G_MAXINT64 - ts))
        {
          g_autofree char *value = flow_quote (f[Z_DURATION].text, f[Z_DURATION].len);

          return flow_error (parser, error, _("duration “%s” is not a number of seconds"), value);
        }
      flow.end = flow_round_nanoseconds (ts + duration);
    }

  if (!flow_check_times (parser, f[Z_TS], f[Z_DURATION], &flow, &skipped, error))
    return FALSE;
  if (skipped)
    return TRUE;

  if (flow.protocol == LIAISON_PROTOCOL_TCP && f[Z_CONN_STATE].text != NULL && is_attempt (&f[Z_CONN_STATE]))
    {
      g_autofree char *value = flow_quote (f[Z_CONN_STATE].text, f[Z_CONN_STATE].len);

      return flow_skip (parser, LIAISON_SKIP_ATTEMPT, 0, error,
                        _("conn_state “%s”: a connection attempt, not a communication"), value);
    }

  flow.oriented = LIAISON_FLOW_SRC_CLIENT;
  flow_add (parser, &flow);
  return TRUE;
}

/* TSV ------------------------------------------------------------------- */

static gboolean
not_conn_log (FlowParser  *parser,
              FlowField    path,
              GError     **error)
{
  g_autofree char *value = flow_quote (path.text, path.len);

  return flow_error (parser, error, _("a Zeek “%s” log, not conn.log"), value);
}

/* `#separator \x09`: the value in Zeek's escapes. */
static gboolean
read_separator (FlowParser  *parser,
                Zeek        *self,
                const char  *value,
                gsize        len,
                GError     **error)
{
  guint byte;

  if (len == 1)
    {
      self->separator = value[0];
      return TRUE;
    }
  if (len == 4 && value[0] == '\\' && value[1] == 'x' &&
      g_ascii_isxdigit (value[2]) && g_ascii_isxdigit (value[3]))
    {
      byte = g_ascii_xdigit_value (value[2]) * 16 + g_ascii_xdigit_value (value[3]);
      if (byte != 0 && byte != '\n' && byte != '\r')
        {
          self->separator = (char) byte;
          return TRUE;
        }
    }

  {
    g_autofree char *quoted = flow_quote (value, len);

    return flow_error (parser, error, _("#separator “%s” is not a separator Liaison reads"), quoted);
  }
}

static gboolean
read_fields (FlowParser  *parser,
             Zeek        *self,
             const char  *names,
             gsize        len,
             GError     **error)
{
  FlowField fields[FLOW_MAX_COLUMNS];
  guint n = flow_split (names, len, self->separator, FALSE, fields, FLOW_MAX_COLUMNS);

  if (n == FLOW_MAX_COLUMNS)
    return flow_error (parser, error, _("#fields names more than %u columns"), FLOW_MAX_COLUMNS - 1);

  for (guint i = 0; i < Z_N_FIELDS; i++)
    self->index[i] = -1;
  for (guint c = 0; c < n; c++)
    for (guint i = 0; i < Z_N_FIELDS; i++)
      if (self->index[i] < 0 && i != Z_PATH && flow_field_is (&fields[c], zeek_names[i]))
        self->index[i] = (gint) c;

  for (guint i = 0; i < Z_N_REQUIRED; i++)
    if (self->index[i] < 0)
      return flow_error (parser, error, _("#fields names no “%s” column: not a Zeek conn.log"), zeek_names[i]);

  self->n_fields = n;
  self->needed = 0;
  for (guint i = 0; i < Z_N_FIELDS; i++)
    self->needed = MAX (self->needed, (guint) (self->index[i] + 1));
  self->have_fields = TRUE;
  return TRUE;
}

static gboolean
read_directive (FlowParser  *parser,
                Zeek        *self,
                const char  *line,
                gsize        len,
                GError     **error)
{
  const char *value;
  gsize name_len, value_len;

  if (len > 11 && memcmp (line, "#separator ", 11) == 0)
    return read_separator (parser, self, line + 11, len - 11, error);

  value = memchr (line, self->separator, len);
  if (value == NULL)
    return TRUE;
  name_len = value - line;
  value++;
  value_len = line + len - value;

  if (name_len == 7 && memcmp (line, "#fields", 7) == 0)
    return read_fields (parser, self, value, value_len, error);
  if (name_len == 12 && memcmp (line, "#unset_field", 12) == 0 && value_len < sizeof self->unset)
    {
      memcpy (self->unset, value, value_len);
      self->unset[value_len] = '\0';
    }
  else if (name_len == 5 && memcmp (line, "#path", 5) == 0)
    {
      FlowField path = { value, value_len };

      if (!flow_field_is (&path, "conn"))
        return not_conn_log (parser, path, error);
    }
  else if (name_len == 6 && memcmp (line, "#close", 6) == 0)
    self->have_fields = FALSE;
  return TRUE;
}

/* Splits the first @needed columns of @line into @columns and counts the
 * rest: a row must have as many as #fields names. */
static guint
split_columns (const char *line,
               gsize       len,
               char        separator,
               FlowField  *columns,
               guint       needed)
{
  guint n = flow_split (line, len, separator, FALSE, columns, needed);
  const char *after = columns[n - 1].text + columns[n - 1].len;

  if (n == needed && after < line + len)
    n += flow_count_columns (after + 1, line + len - after - 1, separator);
  return n;
}

static gboolean
tsv_line (FlowParser  *parser,
          const char  *line,
          gsize        len,
          GError     **error)
{
  Zeek *self = parser->state;
  FlowField columns[FLOW_MAX_COLUMNS];
  FlowField f[Z_N_FIELDS];
  guint n;

  if (line[0] == '#')
    return read_directive (parser, self, line, len, error);

  if (!self->have_fields)
    return flow_error (parser, error, _("a record before the #fields line that names its columns"));

  n = split_columns (line, len, self->separator, columns, self->needed);
  if (n != self->n_fields)
    return flow_error (parser, error, _("expected %u fields, as #fields names them, found %u"),
                       self->n_fields, flow_count_columns (line, len, self->separator));

  for (guint i = 0; i < Z_N_FIELDS; i++)
    {
      f[i].text = self->index[i] >= 0 ? columns[self->index[i]].text : NULL;
      f[i].len = self->index[i] >= 0 ? columns[self->index[i]].len : 0;
    }
  return read_record (parser, self, f, error);
}

gboolean
flow_zeek_tsv_begin (FlowParser  *parser,
                     const char  *line,
                     gsize        len,
                     GError     **error)
{
  Zeek *self = g_new (Zeek, 1);

  zeek_init (self);
  parser->state = self;
  parser->free_state = g_free;
  parser->file->format = LIAISON_NETFLOW_FORMAT_ZEEK_TSV;
  parser->line_func = tsv_line;
  return tsv_line (parser, line, len, error);
}

/* JSON ------------------------------------------------------------------ */

static const char *
skip_space (const char *p,
            const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  return p;
}

/* The closing quote of a string whose opening quote is before @p. */
static const char *
string_end (const char *p,
            const char *end)
{
  for (;;)
    {
      const char *quote = memchr (p, '"', end - p);
      const char *b;

      if (quote == NULL)
        return NULL;
      /* escaped when an odd number of backslashes precede it */
      for (b = quote; b > p && b[-1] == '\\'; b--)
        ;
      if ((quote - b) % 2 == 0)
        return quote;
      p = quote + 1;
    }
}

/* The end of an array or object that starts at @p. */
static const char *
nested_end (const char *p,
            const char *end)
{
  guint depth = 0;

  for (; p < end; p++)
    {
      if (*p == '"')
        {
          p = string_end (p + 1, end);
          if (p == NULL)
            return NULL;
        }
      else if (*p == '{' || *p == '[')
        depth++;
      else if ((*p == '}' || *p == ']') && --depth == 0)
        return p + 1;
    }
  return NULL;
}

/* Which field @key names, or -1: by length first, for the keys of every line. */
static gint
json_key (const char *key,
          gsize       len)
{
  switch (len)
    {
    case 2:
      return memcmp (key, "ts", 2) == 0 ? Z_TS : -1;
    case 5:
      return memcmp (key, "proto", 5) == 0 ? Z_PROTO : memcmp (key, "_path", 5) == 0 ? Z_PATH : -1;
    case 8:
      return memcmp (key, "duration", 8) == 0 ? Z_DURATION : -1;
    case 9:
      if (memcmp (key, "id.", 3) != 0)
        return -1;
      for (guint i = Z_ORIG_H; i <= Z_RESP_P; i++)
        if (memcmp (key, zeek_names[i], 9) == 0)
          return (gint) i;
      return -1;
    case 10:
      return memcmp (key, "conn_state", 10) == 0 ? Z_CONN_STATE : -1;
    default:
      return -1;
    }
}

static gboolean
all_found (const FlowField *f)
{
  for (guint i = 0; i < Z_N_REQUIRED; i++)
    if (f[i].text == NULL)
      return FALSE;
  return TRUE;
}

static gboolean
json_line (FlowParser  *parser,
           const char  *line,
           gsize        len,
           GError     **error)
{
  Zeek *self = parser->state;
  const char *p = line;
  const char *end = line + len;
  FlowField f[Z_N_FIELDS] = { { NULL, 0 }, };

  while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
    end--;
  if (p == end || *p != '{' || end[-1] != '}')
    return flow_error (parser, error, _("not a JSON object: a Zeek JSON log has one object a line"));

  p = skip_space (p + 1, end);
  while (p < end && *p != '}')
    {
      const char *key, *key_end, *value, *value_end;
      gint which;

      if (*p != '"' || (key_end = string_end (p + 1, end)) == NULL)
        goto bad;
      key = p + 1;
      p = skip_space (key_end + 1, end);
      if (p == end || *p != ':')
        goto bad;
      p = skip_space (p + 1, end);
      if (p == end)
        goto bad;

      if (*p == '"')
        {
          value = p + 1;
          value_end = string_end (value, end);
          if (value_end == NULL)
            goto bad;
          p = value_end + 1;
        }
      else if (*p == '{' || *p == '[')
        {
          value = p;
          value_end = p = nested_end (p, end);
          if (p == NULL)
            goto bad;
        }
      else
        {
          value = p;
          while (p < end && *p != ',' && *p != '}' && *p != ' ')
            p++;
          value_end = p;
          /* null is as good as absent */
          if (value_end - value == 4 && memcmp (value, "null", 4) == 0)
            value = NULL;
        }

      which = json_key (key, key_end - key);
      if (which >= 0 && value != NULL)
        {
          f[which].text = value;
          f[which].len = value_end - value;
          /* Zeek writes conn_state after the fields read here: the rest
           * of the line (bytes, packets, history) is not needed. */
          if (which == Z_CONN_STATE && all_found (f))
            break;
        }

      p = skip_space (p, end);
      if (p < end && *p == ',')
        p = skip_space (p + 1, end);
      else if (p == end || *p != '}')
        goto bad;
    }

  if (f[Z_PATH].text != NULL && !flow_field_is (&f[Z_PATH], "conn"))
    return not_conn_log (parser, f[Z_PATH], error);
  for (guint i = 0; i < Z_N_REQUIRED; i++)
    if (f[i].text == NULL)
      return flow_error (parser, error, _("no “%s” in this record: not a Zeek conn.log"), zeek_names[i]);

  return read_record (parser, self, f, error);

bad:
  return flow_error (parser, error, _("not a JSON object: a Zeek JSON log has one object a line"));
}

gboolean
flow_zeek_json_begin (FlowParser  *parser,
                      const char  *line,
                      gsize        len,
                      GError     **error)
{
  Zeek *self = g_new (Zeek, 1);

  zeek_init (self);
  /* unset fields are left out of JSON, or null */
  self->unset[0] = '\0';
  parser->state = self;
  parser->free_state = g_free;
  parser->file->format = LIAISON_NETFLOW_FORMAT_ZEEK_JSON;
  parser->line_func = json_line;
  return json_line (parser, line, len, error);
}
