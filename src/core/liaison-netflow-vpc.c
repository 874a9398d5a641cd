/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-netflow-parser"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-netflow-private.h"

/*
 * AWS VPC Flow Logs (statistics.md 4.1), as they arrive from S3 or
 * CloudWatch Logs: one record a line, fields separated by spaces.
 *
 *  - The default format, version 2: `version account-id interface-id srcaddr
 *    dstaddr srcport dstport protocol packets bytes start end action
 *    log-status`. A file with no header line is read as this layout only.
 *  - A custom format: the first line names the fields, as S3 objects begin
 *    (`version vpc-id ... tcp-flags log-status`, or `${srcaddr}` as the
 *    format is written when a flow log is made), in any order, with the
 *    fields of versions 3 to 8 and of transit gateway flow logs among them.
 *    A line repeating a header, where objects were joined, is a header again.
 *
 * `NODATA`/`SKIPDATA` lines and `REJECT`ed records are skipped. Where the
 * format has `pkt-srcaddr`/`pkt-dstaddr` and they are not `-`, they are the
 * endpoints (the packet's own addresses behind a NAT gateway or of an EKS
 * pod). `start` and `end` are seconds since the epoch. A TCP record whose
 * `tcp-flags` show the handshake says who listens (statistics.md 4.2):
 * SYN-ACK (18) was sent by the listener, SYN (2) without it by the client;
 * AWS ORs the flags of a record, so 19 is SYN-ACK with FIN.
 */

enum
{
  V_SRCADDR,
  V_DSTADDR,
  V_SRCPORT,
  V_DSTPORT,
  V_PROTOCOL,
  V_START,
  V_N_REQUIRED,
  V_END = V_N_REQUIRED,
  V_ACTION,
  V_LOG_STATUS,
  V_PKT_SRCADDR,
  V_PKT_DSTADDR,
  V_TCP_FLAGS,
  V_N_FIELDS
};

static const char * const vpc_names[V_N_FIELDS] = {
  [V_SRCADDR] = "srcaddr",
  [V_DSTADDR] = "dstaddr",
  [V_SRCPORT] = "srcport",
  [V_DSTPORT] = "dstport",
  [V_PROTOCOL] = "protocol",
  [V_START] = "start",
  [V_END] = "end",
  [V_ACTION] = "action",
  [V_LOG_STATUS] = "log-status",
  [V_PKT_SRCADDR] = "pkt-srcaddr",
  [V_PKT_DSTADDR] = "pkt-dstaddr",
  [V_TCP_FLAGS] = "tcp-flags",
};

/* The default format, version 2. */
static const char * const default_layout[] = {
  "version", "account-id", "interface-id", "srcaddr", "dstaddr", "srcport", "dstport",
  "protocol", "packets", "bytes", "start", "end", "action", "log-status", NULL
};
#define DEFAULT_N_FIELDS 14

#define TCP_SYN      0x02
#define TCP_SYN_ACK  0x12

typedef struct
{
  gint  index[V_N_FIELDS];     /* the field of each, -1 when the format has none */
  guint n_fields;
} Vpc;

/* Splits @line at runs of spaces. */
static guint
split_words (const char *line,
             gsize       len,
             FlowField  *words,
             guint       max)
{
  const char *p = line;
  const char *end = line + len;
  guint n = 0;

  while (p < end && n < max)
    {
      const char *stop;

      while (p < end && (*p == ' ' || *p == '\t'))
        p++;
      if (p == end)
        break;
      stop = p;
      while (stop < end && *stop != ' ' && *stop != '\t')
        stop++;
      words[n].text = p;
      words[n].len = stop - p;
      n++;
      p = stop;
    }
  return n;
}

/* Whether @word is a field name, `srcaddr` or `${srcaddr}`; @word is left
 * without the braces. */
static gboolean
field_name (FlowField *word)
{
  if (word->len > 3 && word->text[0] == '$' && word->text[1] == '{' && word->text[word->len - 1] == '}')
    {
      word->text += 2;
      word->len -= 3;
    }
  if (word->len == 0 || !g_ascii_islower (word->text[0]))
    return FALSE;
  for (gsize i = 0; i < word->len; i++)
    if (!g_ascii_islower (word->text[i]) && !g_ascii_isdigit (word->text[i]) && word->text[i] != '-')
      return FALSE;
  return TRUE;
}

/* Whether @line names the fields of a flow log (a header). */
gboolean
flow_vpc_is_header (const char *line,
                    gsize       len)
{
  FlowField words[FLOW_MAX_COLUMNS];
  guint n = split_words (line, len, words, FLOW_MAX_COLUMNS);
  gboolean src = FALSE, dst = FALSE;

  if (n < 2 || n == FLOW_MAX_COLUMNS)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      if (!field_name (&words[i]))
        return FALSE;
      src = src || flow_field_is (&words[i], "srcaddr");
      dst = dst || flow_field_is (&words[i], "dstaddr");
    }
  return src && dst;
}

/* Whether @line is a record of the default format, version 2. */
gboolean
flow_vpc_is_default_row (const char *line,
                         gsize       len)
{
  FlowField w[DEFAULT_N_FIELDS + 1];
  guint n = split_words (line, len, w, DEFAULT_N_FIELDS + 1);

  return n == DEFAULT_N_FIELDS && flow_field_is (&w[0], "2") &&
         (flow_field_is (&w[12], "ACCEPT") || flow_field_is (&w[12], "REJECT") || flow_field_is (&w[12], "-")) &&
         (flow_field_is (&w[13], "OK") || flow_field_is (&w[13], "NODATA") || flow_field_is (&w[13], "SKIPDATA"));
}

static gboolean
read_header (FlowParser  *parser,
             Vpc         *self,
             const char  *line,
             gsize        len,
             GError     **error)
{
  FlowField words[FLOW_MAX_COLUMNS];
  guint n = split_words (line, len, words, FLOW_MAX_COLUMNS);

  for (guint i = 0; i < V_N_FIELDS; i++)
    self->index[i] = -1;
  for (guint c = 0; c < n; c++)
    {
      field_name (&words[c]);
      for (guint i = 0; i < V_N_FIELDS; i++)
        if (self->index[i] < 0 && flow_field_is (&words[c], vpc_names[i]))
          self->index[i] = (gint) c;
    }
  for (guint i = 0; i < V_N_REQUIRED; i++)
    if (self->index[i] < 0)
      return flow_error (parser, error,
                         _("the flow log's format has no %s field: Liaison needs srcaddr, dstaddr, "
                           "srcport, dstport, protocol and start"),
                         vpc_names[i]);
  self->n_fields = n;
  return TRUE;
}

static void
default_header (Vpc *self)
{
  for (guint i = 0; i < V_N_FIELDS; i++)
    {
      self->index[i] = -1;
      for (guint c = 0; default_layout[c] != NULL; c++)
        if (strcmp (default_layout[c], vpc_names[i]) == 0)
          self->index[i] = (gint) c;
    }
  self->n_fields = DEFAULT_N_FIELDS;
}

static gboolean
is_dash (const FlowField *field)
{
  return field->len == 1 && field->text[0] == '-';
}

static gboolean
parse_epoch (FlowParser   *parser,
             FlowField     field,
             LiaisonTime  *out,
             GError      **error)
{
  gint64 nanoseconds;

  if (!flow_parse_seconds (field.text, field.len, &nanoseconds))
    return flow_bad_time (parser, field, error);
  *out = flow_round_nanoseconds (nanoseconds);
  return TRUE;
}

/* statistics.md 4.2: what a TCP record's flags say about who listens. */
static guint8
orientation (const FlowField *flags)
{
  guint value = 0;

  if (flags->len == 0 || flags->len > 3)
    return LIAISON_FLOW_GUESS;
  for (gsize i = 0; i < flags->len; i++)
    {
      if (!g_ascii_isdigit (flags->text[i]))
        return LIAISON_FLOW_GUESS;
      value = value * 10 + (guint) (flags->text[i] - '0');
    }
  if ((value & TCP_SYN_ACK) == TCP_SYN_ACK)
    return LIAISON_FLOW_SRC_LISTENER;
  if (value & TCP_SYN)
    return LIAISON_FLOW_SRC_CLIENT;
  return LIAISON_FLOW_GUESS;
}

static gboolean
read_record (FlowParser       *parser,
             const Vpc        *self,
             const FlowField  *w,
             GError          **error)
{
  const gint *ix = self->index;
  LiaisonFlow flow;
  FlowField src, dst;
  gboolean skipped;

  memset (&flow, 0, sizeof flow);

  if (ix[V_LOG_STATUS] >= 0 &&
      (flow_field_is (&w[ix[V_LOG_STATUS]], "NODATA") || flow_field_is (&w[ix[V_LOG_STATUS]], "SKIPDATA")))
    {
      g_autofree char *value = flow_quote (w[ix[V_LOG_STATUS]].text, w[ix[V_LOG_STATUS]].len);

      return flow_skip (parser, LIAISON_SKIP_NO_DATA, 0, error,
                        _("log-status “%s”: no flow was recorded"), value);
    }
  if (ix[V_ACTION] >= 0 && flow_field_is (&w[ix[V_ACTION]], "REJECT"))
    return flow_skip (parser, LIAISON_SKIP_REJECTED, 0, error,
                      _("action “REJECT”: a rejected flow is not a communication"));

  if (!flow_check_protocol (parser, w[ix[V_PROTOCOL]], &flow.protocol, &skipped, error))
    return FALSE;
  if (skipped)
    return TRUE;

  if (!flow_check_ports (parser, w[ix[V_SRCPORT]], w[ix[V_DSTPORT]], FALSE, &flow, &skipped, error))
    return FALSE;
  if (skipped)
    return TRUE;

  src = w[ix[V_SRCADDR]];
  dst = w[ix[V_DSTADDR]];
  if (ix[V_PKT_SRCADDR] >= 0 && !is_dash (&w[ix[V_PKT_SRCADDR]]))
    src = w[ix[V_PKT_SRCADDR]];
  if (ix[V_PKT_DSTADDR] >= 0 && !is_dash (&w[ix[V_PKT_DSTADDR]]))
    dst = w[ix[V_PKT_DSTADDR]];
  if (!flow_check_addresses (parser, src, dst, &flow, &skipped, error))
    return FALSE;
  if (skipped)
    return TRUE;

  if (!parse_epoch (parser, w[ix[V_START]], &flow.start, error))
    return FALSE;
  flow.end = LIAISON_TIME_NONE;
  if (ix[V_END] >= 0 && !is_dash (&w[ix[V_END]]) &&
      !parse_epoch (parser, w[ix[V_END]], &flow.end, error))
    return FALSE;
  if (!flow_check_times (parser, w[ix[V_START]], ix[V_END] >= 0 ? w[ix[V_END]] : w[ix[V_START]],
                         &flow, &skipped, error))
    return FALSE;
  if (skipped)
    return TRUE;

  flow.oriented = LIAISON_FLOW_GUESS;
  if (flow.protocol == LIAISON_PROTOCOL_TCP && ix[V_TCP_FLAGS] >= 0)
    flow.oriented = orientation (&w[ix[V_TCP_FLAGS]]);

  flow_add (parser, &flow);
  return TRUE;
}

static gboolean
vpc_line (FlowParser  *parser,
          const char  *line,
          gsize        len,
          GError     **error)
{
  Vpc *self = parser->state;
  FlowField words[FLOW_MAX_COLUMNS];
  guint n;

  /* Objects joined end to end: each one's header. */
  if (g_ascii_islower (line[0]) || line[0] == '$')
    if (flow_vpc_is_header (line, len))
      return read_header (parser, self, line, len, error);

  n = split_words (line, len, words, MIN (self->n_fields + 1, FLOW_MAX_COLUMNS));
  if (n != self->n_fields)
    return flow_error (parser, error, _("expected %u fields, found %u"), self->n_fields,
                       n > self->n_fields ? split_words (line, len, words, FLOW_MAX_COLUMNS) : n);

  return read_record (parser, self, words, error);
}

gboolean
flow_vpc_begin (FlowParser  *parser,
                const char  *line,
                gsize        len,
                GError     **error)
{
  Vpc *self = g_new0 (Vpc, 1);

  parser->state = self;
  parser->free_state = g_free;
  parser->file->format = LIAISON_NETFLOW_FORMAT_VPC;
  parser->line_func = vpc_line;

  /* A file with no header is in the default format. */
  default_header (self);
  return vpc_line (parser, line, len, error);
}
