/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-netflow-parser"

#include "config.h"

#include "liaison-netflow-parser-private.h"
#include "liaison-netflow-private.h"

/*
 * statistics.md 4.1: a flow file's format is told from its content, by the
 * first line that is not blank, never by its name:
 *
 *  - Zeek conn.log, TSV: a `#separator`, `#fields` or other `#` directive;
 *  - Zeek conn.log, JSON: an object with `"id.orig_h"`;
 *  - Liaison's own CSV: its exact header;
 *  - AWS VPC Flow Logs: a header of field names (`version account-id ...`
 *    or `${version} ${account-id} ...`), or a record of the default
 *    version-2 layout when the file has no header;
 *  - nfdump CSV: any other line of comma-separated values, whose names
 *    the nfdump room checks.
 */

static const char * const zeek_directives[] = {
  "#separator", "#set_separator", "#empty_field", "#unset_field", "#path",
  "#open", "#fields", "#types", "#close", NULL
};

static gboolean
starts_with (const char *line,
             gsize       len,
             const char *prefix)
{
  gsize n = strlen (prefix);

  return len >= n && memcmp (line, prefix, n) == 0;
}

static gboolean
is_zeek_directive (const char *line,
                   gsize       len)
{
  for (guint i = 0; zeek_directives[i] != NULL; i++)
    {
      gsize n = strlen (zeek_directives[i]);

      if (starts_with (line, len, zeek_directives[i]) &&
          (len == n || line[n] == ' ' || line[n] == '\t'))
        return TRUE;
    }
  return FALSE;
}

static gboolean
contains (const char *line,
          gsize       len,
          const char *needle)
{
  gsize n = strlen (needle);

  for (const char *p = line; (gsize) (line + len - p) >= n; p++)
    {
      p = memchr (p, needle[0], line + len - p);
      if (p == NULL || (gsize) (line + len - p) < n)
        return FALSE;
      if (memcmp (p, needle, n) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Whether @line is a header of CSV columns (a comma outside quotes). */
gboolean
flow_is_csv_header (const char *line,
                    gsize       len)
{
  return memchr (line, ',', len) != NULL;
}

/* The format that a file whose first line (not blank, trimmed) is @line is in. */
FlowKind
flow_detect_line (const char *line,
                  gsize       len)
{
  if (len == 0)
    return FLOW_KIND_UNKNOWN;

  if (line[0] == '#')
    return is_zeek_directive (line, len) ? FLOW_KIND_ZEEK_TSV : FLOW_KIND_UNKNOWN;

  if (line[0] == '{')
    return contains (line, len, "\"id.orig_h\"") ? FLOW_KIND_ZEEK_JSON : FLOW_KIND_UNKNOWN;

  if (len == strlen (LIAISON_CSV_HEADER) && memcmp (line, LIAISON_CSV_HEADER, len) == 0)
    return FLOW_KIND_LIAISON_CSV;

  if (flow_vpc_is_header (line, len) || flow_vpc_is_default_row (line, len))
    return FLOW_KIND_VPC;

  if (flow_is_csv_header (line, len))
    return FLOW_KIND_NFDUMP_CSV;

  return FLOW_KIND_UNKNOWN;
}

/**
 * liaison_netflow_sniff:
 * @data: the start of a file, decompressed (a few kilobytes are enough)
 * @length: its length
 * @format: (out): the format, when it is one
 *
 * Returns: whether @data begins a flow file of a text format
 *   liaison_netflow_parse() reads
 */
gboolean
liaison_netflow_sniff (const char           *data,
                       gsize                 length,
                       LiaisonNetflowFormat *format)
{
  const char *p = data;
  const char *end = data + length;

  if (length >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  while (p < end)
    {
      const char *newline = memchr (p, '\n', end - p);
      const char *line = p;
      gsize len = (newline != NULL ? newline : end) - p;

      p = newline != NULL ? newline + 1 : end;
      if (len > 0 && line[len - 1] == '\r')
        len--;
      flow_trim (&line, &len);
      if (len == 0)
        continue;

      switch (flow_detect_line (line, len))
        {
        case FLOW_KIND_NFDUMP_CSV:
          /* nfdump's columns, not any CSV: at least seven of them */
          *format = LIAISON_NETFLOW_FORMAT_NFDUMP_CSV;
          return flow_count_columns (line, len, ',') >= 7;
        case FLOW_KIND_LIAISON_CSV:
          *format = LIAISON_NETFLOW_FORMAT_LIAISON_CSV;
          return TRUE;
        case FLOW_KIND_ZEEK_TSV:
          *format = LIAISON_NETFLOW_FORMAT_ZEEK_TSV;
          return TRUE;
        case FLOW_KIND_ZEEK_JSON:
          *format = LIAISON_NETFLOW_FORMAT_ZEEK_JSON;
          return TRUE;
        case FLOW_KIND_VPC:
          *format = LIAISON_NETFLOW_FORMAT_VPC;
          return TRUE;
        case FLOW_KIND_UNKNOWN:
        default:
          return FALSE;
        }
    }
  return FALSE;
}
