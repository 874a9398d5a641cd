/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-netflow-parser"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-netflow-private.h"
#include "liaison-netflow-statistics-private.h"

/*
 * What every flow format shares: fields and the values in them, positions
 * in messages, and statistics.md 4.1's records that are not service
 * communications. Each format reads a record in the order of 4.1's reasons
 * (its own first: a VPC NODATA line or REJECT), so that a record is skipped
 * under the first reason that applies; with --strict that reason is an
 * error at the record's position instead. Text that cannot be read as a
 * record at all is an error in any case.
 */

#define MAX_QUOTED_CHARS 64

/* A value as it may appear in a message: shortened, as
 * liaison_error_printable() shows it. */
char *
flow_quote (const char *text,
            gsize       len)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    return g_strdup ("");
  valid = g_utf8_make_valid (text, len);
  if (g_utf8_strlen (valid, -1) > MAX_QUOTED_CHARS)
    {
      g_autofree char *shortened = g_utf8_substring (valid, 0, MAX_QUOTED_CHARS);
      g_autofree char *shown = liaison_error_printable (shortened, -1);

      return g_strconcat (shown, "…", NULL);
    }
  return liaison_error_printable (valid, -1);
}

guint
flow_count_columns (const char *line,
                    gsize       len,
                    char        separator)
{
  guint n = 1;

  /* a byte at a time: the separators of a row are close together */
  for (gsize i = 0; i < len; i++)
    n += line[i] == separator;
  return n;
}

/* A port number, 0 to 65535 (0 is for the caller to skip). */
gboolean
flow_parse_port (const char *s,
                 gsize       n,
                 guint      *out)
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
  if (v > 65535)
    return FALSE;
  *out = v;
  return TRUE;
}

/*
 * A time as nfdump and Liaison CSV write it. The fast path reads
 * `YYYY-MM-DD HH:MM:SS` and an optional fraction with no offset, and
 * computes the moment from a cached minute: consecutive records share
 * their date and minute. Anything else is read by liaison_time_parse().
 */
gboolean
flow_parse_text_time (FlowParser  *parser,
                      const char  *s,
                      gsize        n,
                      LiaisonTime *out)
{
  guint second, millis = 0;

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

/*
 * Seconds as Zeek and AWS write them: `1591367999.305988`, `0.254115`,
 * `1418530010`, or a JSON number with an exponent (`1.19e-06`), in
 * nanoseconds. Negative values and values past the year 2262 are refused.
 */
gboolean
flow_parse_seconds (const char *s,
                    gsize       n,
                    gint64     *nanoseconds)
{
  static const guint32 scale[10] = {
    1000000000, 100000000, 10000000, 1000000, 100000, 10000, 1000, 100, 10, 1
  };
  guint64 significand = 0;
  gint exponent = 0;             /* of ten, on the significand */
  guint digits = 0;
  gsize i = 0;
  gboolean any = FALSE;

  /* The usual form: seconds up to the year 2262, a fraction, no exponent. */
  {
    guint64 whole = 0, fraction = 0;
    gsize k = 0, f;

    while (k < n && k < 10 && (guint) (s[k] - '0') <= 9)
      whole = whole * 10 + (guint) (s[k++] - '0');
    if (k > 0 && whole < G_GUINT64_CONSTANT (9223372035) && (k == n || s[k] == '.'))
      {
        for (f = k + 1; f < n && f - k <= 9 && (guint) (s[f] - '0') <= 9; f++)
          fraction = fraction * 10 + (guint) (s[f] - '0');
        if (k < n && f == k + 1)
          goto general;
        if (k < n)
          {
            fraction *= scale[f - k - 1];
            /* past nanoseconds: rounded by the next digit, the rest ignored */
            if (f < n && (guint) (s[f] - '0') <= 9)
              {
                fraction += s[f] >= '5';
                while (f < n && (guint) (s[f] - '0') <= 9)
                  f++;
              }
          }
        else
          f = n;
        if (f == n)
          {
            *nanoseconds = (gint64) (whole * 1000000000 + fraction);
            return TRUE;
          }
      }
  }

general:
  for (; i < n && g_ascii_isdigit (s[i]); i++, any = TRUE)
    {
      if (digits < 19)
        {
          significand = significand * 10 + (guint) (s[i] - '0');
          if (significand != 0)
            digits++;
        }
      else
        exponent++;
    }
  if (i < n && s[i] == '.')
    {
      for (i++; i < n && g_ascii_isdigit (s[i]); i++, any = TRUE)
        if (digits < 19)
          {
            significand = significand * 10 + (guint) (s[i] - '0');
            if (significand != 0)
              digits++;
            exponent--;
          }
    }
  if (!any)
    return FALSE;
  if (i < n && (s[i] == 'e' || s[i] == 'E'))
    {
      gboolean negative = FALSE;
      gint e = 0;
      gsize first;

      i++;
      if (i < n && (s[i] == '-' || s[i] == '+'))
        negative = s[i++] == '-';
      first = i;
      for (; i < n && g_ascii_isdigit (s[i]); i++)
        if (e < 1000)
          e = e * 10 + (s[i] - '0');
      if (i == first)
        return FALSE;
      exponent += negative ? -e : e;
    }
  if (i != n)
    return FALSE;

  /* significand * 10^(exponent + 9) nanoseconds, rounded */
  exponent += 9;
  if (significand == 0)
    {
      *nanoseconds = 0;
      return TRUE;
    }
  while (exponent < 0)
    {
      if (exponent == -1)
        significand = (significand + 5) / 10;
      else
        significand /= 10;
      exponent++;
      if (significand == 0)
        {
          *nanoseconds = 0;
          return TRUE;
        }
    }
  while (exponent > 0)
    {
      if (significand > G_MAXINT64 / 10)
        return FALSE;
      significand *= 10;
      exponent--;
    }
  if (significand > G_MAXINT64)
    return FALSE;
  *nanoseconds = (gint64) significand;
  return TRUE;
}

/* Times are kept to the millisecond (statistics.md 2): rounded, half up. */
LiaisonTime
flow_round_nanoseconds (gint64 nanoseconds)
{
  return (nanoseconds + 500000) / 1000000;
}

/* Bad input at the parser's position, said by @format and @args. */
static void
set_position_error_valist (FlowParser  *parser,
                           GError     **error,
                           const char  *format,
                           va_list      args)
{
  g_autofree char *what = g_strdup_vprintf (format, args);

  if (parser->by_record)
    g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                 /* Translators: “FILE: record 4: what is wrong” */
                 _("%s: record %u: %s"), parser->file_name, parser->line, what);
  else
    liaison_error_set_line (error, parser->file_name, parser->line, "%s", what);
}

/* Bad input at the parser's position: `FILE:LINE: what`, or for an nfcapd
 * file `FILE: record N: what`. Returns %FALSE. */
gboolean
flow_error (FlowParser  *parser,
            GError     **error,
            const char  *format,
            ...)
{
  va_list args;

  va_start (args, format);
  set_position_error_valist (parser, error, format, args);
  va_end (args);
  return FALSE;
}

/* A field that is not what it should be: @format says so, with the
 * field's text quoted for its one %s. Returns %FALSE. */
static gboolean
bad_field (FlowParser  *parser,
           FlowField    field,
           GError     **error,
           const char  *format)
{
  g_autofree char *value = flow_quote (field.text, field.len);

  return flow_error (parser, error, format, value);
}

/* A field that should hold a time. Returns %FALSE. */
gboolean
flow_bad_time (FlowParser  *parser,
               FlowField    field,
               GError     **error)
{
  return bad_field (parser, field, error, _("“%s” is not a time"));
}

/* Counts the record as skipped for @reason; with --strict, the reason is
 * an error instead. Returns %FALSE on that error. */
gboolean
flow_skip (FlowParser         *parser,
           LiaisonSkipReason   reason,
           guint               protocol,
           GError            **error,
           const char         *format,
           ...)
{
  LiaisonFlowSkips *skips = &parser->file->skipped;

  if (parser->strict)
    {
      va_list args;

      va_start (args, format);
      set_position_error_valist (parser, error, format, args);
      va_end (args);
      return FALSE;
    }

  skips->reasons[reason]++;
  if (reason == LIAISON_SKIP_PROTOCOL)
    skips->protocols[MIN (protocol, LIAISON_SKIP_OTHER_PROTOCOL)]++;
  return TRUE;
}

/* 4.1: a protocol other than TCP and UDP is skipped. */
gboolean
flow_check_protocol (FlowParser  *parser,
                     FlowField    field,
                     guint8      *protocol,
                     gboolean    *skipped,
                     GError     **error)
{
  guint number;

  /* the usual ones first: nfdump's names (TCP), Zeek's (tcp), numbers (6) */
  if (field.len == 3 && (field.text[1] | 0x20) == 'c' && (field.text[0] | 0x20) == 't' &&
      (field.text[2] | 0x20) == 'p')
    number = 6;
  else if (field.len == 3 && (field.text[1] | 0x20) == 'd' && (field.text[0] | 0x20) == 'u' &&
           (field.text[2] | 0x20) == 'p')
    number = 17;
  else if (field.len == 1 && field.text[0] == '6')
    number = 6;
  else
    number = liaison_ip_protocol_from_name (field.text, field.len);

  *skipped = FALSE;
  if (number == 6 || number == 17)
    {
      *protocol = (guint8) number;
      return TRUE;
    }

  {
    g_autofree char *value = flow_quote (field.text, field.len);

    *skipped = TRUE;
    return flow_skip (parser, LIAISON_SKIP_PROTOCOL, number, error,
                      _("protocol “%s” is not tcp or udp"), value);
  }
}

/* 4.1: a port 0 on either side is skipped. An empty @src is no port when
 * @src_may_be_empty (Liaison CSV's client_port). */
gboolean
flow_check_ports (FlowParser   *parser,
                  FlowField     src,
                  FlowField     dst,
                  gboolean      src_may_be_empty,
                  LiaisonFlow  *flow,
                  gboolean     *skipped,
                  GError      **error)
{
  guint sp = 0, dp;
  const FlowField *zero = NULL;

  *skipped = FALSE;
  if (!(src_may_be_empty && src.len == 0) && !flow_parse_port (src.text, src.len, &sp))
    return bad_field (parser, src, error, _("port “%s” is not between 1 and 65535"));
  if (!flow_parse_port (dst.text, dst.len, &dp))
    return bad_field (parser, dst, error, _("port “%s” is not between 1 and 65535"));

  if (sp == 0 && src.len > 0)
    zero = &src;
  else if (dp == 0)
    zero = &dst;
  if (zero != NULL)
    {
      g_autofree char *value = flow_quote (zero->text, zero->len);

      *skipped = TRUE;
      return flow_skip (parser, LIAISON_SKIP_PORT_ZERO, 0, error,
                        _("port “%s” is not between 1 and 65535"), value);
    }

  flow->src_port = (guint16) sp;
  flow->dst_port = (guint16) dp;
  return TRUE;
}

typedef enum
{
  HOST,
  UNSPECIFIED,
  BROADCAST,
  MULTICAST,
} AddressUse;

static AddressUse
address_use (const LiaisonAddress *address)
{
  const guint8 *b = address->bytes;

  if (liaison_address_is_any (address))
    return UNSPECIFIED;
  if (address->family == 4 && b[0] == 255 && b[1] == 255 && b[2] == 255 && b[3] == 255)
    return BROADCAST;
  if ((address->family == 4 && (b[0] & 0xf0) == 0xe0) ||
      (address->family == 6 && b[0] == 0xff))
    return MULTICAST;
  return HOST;
}

/* 4.1: an unspecified, limited broadcast or multicast address on either
 * side is skipped. */
gboolean
flow_check_addresses (FlowParser   *parser,
                      FlowField     src,
                      FlowField     dst,
                      LiaisonFlow  *flow,
                      gboolean     *skipped,
                      GError      **error)
{
  const FlowField *fields[2] = { &src, &dst };
  LiaisonAddress *addresses[2] = { &flow->src, &flow->dst };

  *skipped = FALSE;
  for (guint i = 0; i < 2; i++)
    if (!liaison_address_parse (fields[i]->text, fields[i]->len, addresses[i]))
      {
        g_autofree char *value = flow_quote (fields[i]->text, fields[i]->len);

        return flow_error (parser, error, _("“%s” is not an IP address"), value);
      }

  for (guint i = 0; i < 2; i++)
    {
      AddressUse use = address_use (addresses[i]);
      g_autofree char *value = NULL;

      if (use == HOST)
        continue;
      value = flow_quote (fields[i]->text, fields[i]->len);
      *skipped = TRUE;
      if (use == UNSPECIFIED)
        return flow_skip (parser, LIAISON_SKIP_ADDRESS, 0, error,
                          _("“%s” is the unspecified address, not a host"), value);
      if (use == BROADCAST)
        return flow_skip (parser, LIAISON_SKIP_ADDRESS, 0, error,
                          _("“%s” is the broadcast address, not a host"), value);
      return flow_skip (parser, LIAISON_SKIP_ADDRESS, 0, error,
                        _("“%s” is a multicast address, not a host"), value);
    }
  return TRUE;
}

/* @field for a message, or @time as a date when the field has no text:
 * what the file holds is not text the user has seen (nfdump's seconds). */
static char *
quote_time (FlowField   field,
            LiaisonTime time)
{
  return field.text != NULL ? flow_quote (field.text, field.len) : liaison_time_dup_string (time);
}

/* 4.1: a time before 1990, then an end before its start, are skipped.
 * @start and @end are the fields the times came from, for a message; a
 * field with no text is told by its time. */
gboolean
flow_check_times (FlowParser   *parser,
                  FlowField     start,
                  FlowField     end,
                  LiaisonFlow  *flow,
                  gboolean     *skipped,
                  GError      **error)
{
  *skipped = TRUE;

  if (flow->start < FLOW_EPOCH_1990)
    {
      g_autofree char *value = quote_time (start, flow->start);

      return flow_skip (parser, LIAISON_SKIP_BEFORE_1990, 0, error,
                        _("start “%s” is before 1990: the exporter's clock was not set"), value);
    }
  if (flow->end != LIAISON_TIME_NONE && flow->end < flow->start)
    {
      g_autofree char *end_value = quote_time (end, flow->end);
      g_autofree char *start_value = quote_time (start, flow->start);

      return flow_skip (parser, LIAISON_SKIP_END_BEFORE_START, 0, error,
                        _("end “%s” is before start “%s”"), end_value, start_value);
    }

  *skipped = FALSE;
  return TRUE;
}

/* A record that is a service communication. */
void
flow_add (FlowParser        *parser,
          const LiaisonFlow *flow)
{
  LiaisonFlowFile *file = parser->file;

  g_array_append_vals (file->flows, flow, 1);
  if (file->earliest_start == LIAISON_TIME_NONE || flow->start < file->earliest_start)
    file->earliest_start = flow->start;
  if (file->latest_start == LIAISON_TIME_NONE || flow->start > file->latest_start)
    file->latest_start = flow->start;
  if (file->sample != NULL && file->flows->len >= GATHER_FLOWS)
    flow_gather (file);
}

/* Files the flows read since the last time under their pairs, in the
 * file's sample, and lets them go. */
void
flow_gather (LiaisonFlowFile *file)
{
  if (file->sample == NULL || file->flows->len == 0)
    return;
  liaison_netflow_sample_add (file->sample, (const LiaisonFlow *) (gpointer) file->flows->data, file->flows->len);
  file->gathered += file->flows->len;
  g_array_set_size (file->flows, 0);
}
