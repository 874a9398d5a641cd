/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <string.h>

#include "liaison-error.h"
#include "liaison-netflow-parser.h"

G_BEGIN_DECLS

/*
 * What the rooms of the flow parser share (statistics.md 4.1):
 *
 *   liaison-netflow-parser.c       the file: reading it line by line, telling its format
 *   liaison-netflow-detect.c       which format a first line begins
 *   liaison-netflow-records.c      fields, values, and the records that are skipped
 *   liaison-netflow-nfdump.c       nfdump CSV (and the rows nfdump prints for nfcapd files)
 *   liaison-netflow-nfcapd.c       nfcapd files, read through the nfdump program
 *   liaison-netflow-liaison-csv.c  Liaison's own flow CSV
 *   liaison-netflow-zeek.c         Zeek conn.log, TSV and JSON
 *   liaison-netflow-vpc.c          AWS VPC Flow Logs
 *
 * Each format reads one line at a time, in place: a line is split into
 * fields that point into the text, so a record costs no allocation.
 */

#define FLOW_MAX_LINE_LENGTH  (64 * 1024)
#define FLOW_MAX_COLUMNS      512

#define LIAISON_CSV_HEADER "start,end,client_ip,client_port,listener_ip,listener_port,protocol"

/* 1990-01-01T00:00:00Z: flows stamped before it come from an exporter
 * whose clock was not set. */
#define FLOW_EPOCH_1990 G_GINT64_CONSTANT (631152000000)

/* nfcapd files start with the 16-bit magic 0xA50C, little-endian. */
#define NFCAPD_MAGIC "\x0c\xa5"

typedef struct
{
  const char *text;
  gsize       len;
} FlowField;

typedef struct _FlowParser FlowParser;

/* Reads one line that is not blank; a record is added or counted as skipped. */
typedef gboolean (*FlowLineFunc) (FlowParser  *parser,
                                  const char  *line,
                                  gsize        len,
                                  GError     **error);

struct _FlowParser
{
  const char      *file_name;
  gboolean         local_time;
  gboolean         strict;
  gboolean         by_record;       /* positions are record numbers (nfcapd), not lines */
  guint            line;
  LiaisonFlowFile *file;

  FlowLineFunc     line_func;       /* NULL until the format is known */
  gboolean         done;            /* the rest is not records (nfdump's Summary) */

  /* The minute `YYYY-MM-DD HH:MM` of the last text time read, and its moment. */
  char             minute[16];
  gboolean         minute_valid;
  LiaisonTime      minute_time;

  gpointer         state;           /* the format's own */
  GDestroyNotify   free_state;
};

typedef enum
{
  FLOW_KIND_UNKNOWN,
  FLOW_KIND_NFDUMP_CSV,
  FLOW_KIND_LIAISON_CSV,
  FLOW_KIND_ZEEK_TSV,
  FLOW_KIND_ZEEK_JSON,
  FLOW_KIND_VPC,
} FlowKind;

/* liaison-netflow-detect.c */
FlowKind    flow_detect_line          (const char *line,
                                       gsize       len);
gboolean    flow_is_csv_header        (const char *line,
                                       gsize       len);

/* liaison-netflow-records.c: values */
static inline void
flow_trim (const char **text,
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

static inline gboolean
flow_field_is (const FlowField *field,
               const char      *name)
{
  gsize n = strlen (name);

  return field->len == n && memcmp (field->text, name, n) == 0;
}

/* Splits @line at @separator into @fields, at most @max of them; returns
 * how many there are in all when there are fewer than @max, else @max. */
static inline guint
flow_split (const char *line,
            gsize       len,
            char        separator,
            gboolean    trim,
            FlowField  *fields,
            guint       max)
{
  const char *p = line;
  const char *end = line + len;
  guint n = 0;

  while (n < max)
    {
      const char *sep = memchr (p, separator, end - p);
      const char *stop = sep ? sep : end;

      fields[n].text = p;
      fields[n].len = stop - p;
      if (trim)
        flow_trim (&fields[n].text, &fields[n].len);
      n++;
      if (sep == NULL)
        break;
      p = sep + 1;
    }
  return n;
}

char       *flow_quote                (const char   *text,
                                       gsize         len);
guint       flow_count_columns        (const char   *line,
                                       gsize         len,
                                       char          separator);
gboolean    flow_parse_port           (const char   *s,
                                       gsize         n,
                                       guint        *out);
gboolean    flow_parse_text_time      (FlowParser   *parser,
                                       const char   *s,
                                       gsize         n,
                                       LiaisonTime  *out);
gboolean    flow_parse_seconds        (const char   *s,
                                       gsize         n,
                                       gint64       *nanoseconds);
LiaisonTime flow_round_nanoseconds    (gint64        nanoseconds);

/* liaison-netflow-records.c: positions, checks and skips */
gboolean    flow_error                (FlowParser   *parser,
                                       GError      **error,
                                       const char   *format,
                                       ...) G_GNUC_PRINTF (3, 4);
gboolean    flow_bad_time             (FlowParser   *parser,
                                       FlowField     field,
                                       GError      **error);
gboolean    flow_skip                 (FlowParser   *parser,
                                       LiaisonSkipReason reason,
                                       guint         protocol,
                                       GError      **error,
                                       const char   *format,
                                       ...) G_GNUC_PRINTF (5, 6);
gboolean    flow_check_protocol       (FlowParser   *parser,
                                       FlowField     field,
                                       guint8       *protocol,
                                       gboolean     *skipped,
                                       GError      **error);
gboolean    flow_check_ports          (FlowParser   *parser,
                                       FlowField     src,
                                       FlowField     dst,
                                       gboolean      src_may_be_empty,
                                       LiaisonFlow  *flow,
                                       gboolean     *skipped,
                                       GError      **error);
gboolean    flow_check_addresses      (FlowParser   *parser,
                                       FlowField     src,
                                       FlowField     dst,
                                       LiaisonFlow  *flow,
                                       gboolean     *skipped,
                                       GError      **error);
gboolean    flow_check_times          (FlowParser   *parser,
                                       FlowField     start,
                                       FlowField     end,
                                       LiaisonFlow  *flow,
                                       gboolean     *skipped,
                                       GError      **error);
void        flow_add                  (FlowParser   *parser,
                                       const LiaisonFlow *flow);

/* Flows gathered at a time: a few hundred KiB, which stay in the cache. */
#define GATHER_FLOWS 4096
void        flow_gather               (LiaisonFlowFile *file);

/* The formats */
gboolean    flow_nfdump_begin         (FlowParser   *parser,
                                       const char   *header,
                                       gsize         len,
                                       GError      **error);
void        flow_nfdump_begin_rows    (FlowParser   *parser);
gboolean    flow_liaison_csv_begin    (FlowParser   *parser);
gboolean    flow_zeek_tsv_begin       (FlowParser   *parser,
                                       const char   *line,
                                       gsize         len,
                                       GError      **error);
gboolean    flow_zeek_json_begin      (FlowParser   *parser,
                                       const char   *line,
                                       gsize         len,
                                       GError      **error);
gboolean    flow_vpc_begin            (FlowParser   *parser,
                                       const char   *line,
                                       gsize         len,
                                       GError      **error);
gboolean    flow_vpc_is_header        (const char   *line,
                                       gsize         len);
gboolean    flow_vpc_is_default_row   (const char   *line,
                                       gsize         len);

/* liaison-netflow-parser.c, for liaison-netflow-nfcapd.c */
gboolean    flow_read_text            (FlowParser   *parser,
                                       const char   *data,
                                       gsize         length,
                                       GError      **error);
LiaisonFlowFile *flow_file_new       (const LiaisonFlowReadOptions  *options);
gboolean    flow_read_stream          (FlowParser   *parser,
                                       GInputStream *stream,
                                       guint64       size_hint,
                                       GCancellable *cancellable,
                                       GError      **error);

/* liaison-netflow-nfcapd.c */
LiaisonFlowFile *flow_read_nfcapd     (const char                    *path,
                                       const char                    *display_name,
                                       const LiaisonFlowReadOptions  *options,
                                       GError                       **error);

G_END_DECLS
