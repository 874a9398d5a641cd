/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-export"

#include "config.h"

#include <string.h>

#include "liaison-export.h"

/*
 * The statistics document of export.md, written by hand so that its layout
 * is fixed to the byte and its memory use does not grow with the number of
 * records: each record is formatted into one reused GString and written to a
 * buffered stream before the next one is read.
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

typedef struct
{
  GOutputStream *stream;        /* buffered */
  GCancellable  *cancellable;
  GString       *buffer;
  guint          count;
} Writer;

static void
append_string (GString    *out,
               const char *text)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (*p < 0x20 || *p == 0x7f)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
          break;
        }
    }
  g_string_append_c (out, '"');
}

static void
append_time (GString     *out,
             LiaisonTime  time)
{
  char buf[LIAISON_TIME_STRLEN];

  if (time == LIAISON_TIME_NONE)
    {
      g_string_append (out, "null");
      return;
    }

  liaison_time_to_string (time, buf);
  g_string_append_c (out, '"');
  g_string_append (out, buf);
  g_string_append_c (out, '"');
}

static void
append_duration (GString *out,
                 gint64   milliseconds)
{
  char buf[LIAISON_TIME_STRLEN];

  liaison_duration_to_string (milliseconds, buf);
  g_string_append (out, buf);
}

/* @scale * @numerator / @denominator, 6 decimals at most, at least one;
 * null when @denominator is not positive. */
static void
append_ratio (GString *out,
              double   scale,
              gint64   numerator,
              gint64   denominator)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  gsize len;

  if (denominator <= 0)
    {
      g_string_append (out, "null");
      return;
    }

  g_ascii_formatd (buf, sizeof buf, "%.6f", scale * (double) numerator / (double) denominator);
  len = strlen (buf);
  while (len > 2 && buf[len - 1] == '0' && buf[len - 2] != '.')
    len--;
  g_string_append_len (out, buf, len);
}

static void
append_key (GString    *out,
            guint       indent,
            const char *key)
{
  g_string_append_printf (out, "%*s\"%s\": ", indent, "", key);
}

static void
member_string (GString    *out,
               guint       indent,
               const char *key,
               const char *value,
               gboolean    last)
{
  append_key (out, indent, key);
  append_string (out, value);
  g_string_append (out, last ? "\n" : ",\n");
}

static void
member_int (GString    *out,
            guint       indent,
            const char *key,
            gint64      value,
            gboolean    last)
{
  append_key (out, indent, key);
  g_string_append_printf (out, "%" G_GINT64_FORMAT, value);
  g_string_append (out, last ? "\n" : ",\n");
}

static void
member_time (GString     *out,
             guint        indent,
             const char  *key,
             LiaisonTime  value,
             gboolean     last)
{
  append_key (out, indent, key);
  append_time (out, value);
  g_string_append (out, last ? "\n" : ",\n");
}

static void
member_duration (GString    *out,
                 guint       indent,
                 const char *key,
                 gint64      value,
                 gboolean    last)
{
  append_key (out, indent, key);
  append_duration (out, value);
  g_string_append (out, last ? "\n" : ",\n");
}

static void
member_ratio (GString    *out,
              guint       indent,
              const char *key,
              double      scale,
              gint64      numerator,
              gint64      denominator,
              gboolean    last)
{
  append_key (out, indent, key);
  append_ratio (out, scale, numerator, denominator);
  g_string_append (out, last ? "\n" : ",\n");
}

static void
append_record (GString                 *out,
               const LiaisonStatRecord *record)
{
  g_string_append (out, "    {\n");
  member_string (out, 6, "listener_ip", record->listener_ip, FALSE);
  member_int (out, 6, "port", record->port, FALSE);
  member_string (out, 6, "protocol", record->protocol, FALSE);
  member_string (out, 6, "client_ip", record->client_ip, FALSE);
  member_string (out, 6, "listener_device", record->listener_device, FALSE);
  member_string (out, 6, "client_device", record->client_device, FALSE);

  append_key (out, 6, "netstat");
  if (!record->has_netstat)
    g_string_append (out, "null,\n");
  else
    {
      g_string_append (out, "{\n");
      member_int (out, 8, "total_samples", record->ns_total_samples, FALSE);
      member_int (out, 8, "active_samples", record->ns_active_samples, FALSE);
      member_int (out, 8, "total_ports", record->ns_total_ports, FALSE);
      member_ratio (out, 8, "average_client_connections", 1.0,
                    record->ns_total_ports, record->ns_active_samples, FALSE);
      member_ratio (out, 8, "weight", 1.0,
                    record->ns_total_ports, record->ns_active_samples, FALSE);
      member_ratio (out, 8, "persistence_percent", 100.0,
                    record->ns_active_samples, record->ns_total_samples, FALSE);
      member_time (out, 8, "first_found", record->ns_first_found, FALSE);
      member_time (out, 8, "last_found", record->ns_last_found, TRUE);
      g_string_append (out, "      },\n");
    }

  append_key (out, 6, "netflow");
  if (!record->has_netflow)
    g_string_append (out, "null\n");
  else
    {
      guint n_gaps = record->nf_gaps != NULL ? record->nf_gaps->len : 0;

      g_string_append (out, "{\n");
      member_int (out, 8, "sample_interval", record->nf_interval, FALSE);
      member_int (out, 8, "active_samples", record->nf_active_samples, FALSE);
      member_int (out, 8, "total_events", record->nf_total_events, FALSE);
      member_int (out, 8, "total_ports", record->nf_total_ports, FALSE);
      member_ratio (out, 8, "average_client_connections", 1.0,
                    record->nf_total_ports, record->nf_active_samples, FALSE);
      member_time (out, 8, "first_found", record->nf_first_found, FALSE);
      member_time (out, 8, "last_found", record->nf_last_found, FALSE);
      member_duration (out, 8, "active_span", record->nf_active_ms, FALSE);
      member_duration (out, 8, "gap_span", record->nf_gap_ms, FALSE);
      member_duration (out, 8, "pending_span", record->nf_pending_ms, FALSE);

      append_key (out, 8, "gap_segments");
      g_string_append_c (out, '[');
      for (guint i = 0; i < n_gaps; i++)
        {
          const LiaisonGap *gap = &g_array_index (record->nf_gaps, LiaisonGap, i);

          if (i > 0)
            g_string_append (out, ", ");
          g_string_append_c (out, '[');
          append_time (out, gap->from);
          g_string_append (out, ", ");
          append_time (out, gap->to);
          g_string_append_c (out, ']');
        }
      g_string_append (out, "]\n");
      g_string_append (out, "      }\n");
    }

  g_string_append (out, "    }");
}

static void
append_classic (GString                    *out,
                const LiaisonClassicRecord *record)
{
  g_string_append (out, "    {\n");
  member_string (out, 6, "client_ip", record->client_ip, FALSE);
  member_string (out, 6, "listener_ip", record->listener_ip, FALSE);
  member_int (out, 6, "port", record->port, FALSE);
  member_string (out, 6, "protocol", record->protocol, FALSE);
  member_string (out, 6, "client_process_name", record->client_process_name, FALSE);
  member_string (out, 6, "client_process_display_name", record->client_process_display_name, FALSE);
  member_string (out, 6, "client_device", record->client_device, FALSE);
  member_int (out, 6, "total_samples", record->total_samples, FALSE);
  member_int (out, 6, "active_samples", record->active_samples, FALSE);
  member_int (out, 6, "total_ports", record->total_ports, FALSE);
  member_ratio (out, 6, "average_client_connections", 1.0,
                record->total_ports, record->active_samples, FALSE);
  member_ratio (out, 6, "persistence_percent", 100.0,
                record->active_samples, record->total_samples, FALSE);
  member_time (out, 6, "first_found", record->first_found, FALSE);
  member_time (out, 6, "last_found", record->last_found, TRUE);
  g_string_append (out, "    }");
}

/* Writes what the buffer holds and empties it. */
static gboolean
writer_flush_buffer (Writer  *writer,
                     GError **error)
{
  gboolean ok;

  /* A buffered write does not look at the cancellable: look here, once a record. */
  if (g_cancellable_set_error_if_cancelled (writer->cancellable, error))
    return FALSE;

  ok = g_output_stream_write_all (writer->stream, writer->buffer->str, writer->buffer->len,
                                  NULL, writer->cancellable, error);
  g_string_truncate (writer->buffer, 0);
  return ok;
}

static gboolean
write_record (const LiaisonStatRecord  *record,
              gpointer                  user_data,
              GError                  **error)
{
  Writer *writer = user_data;

  g_string_append (writer->buffer, writer->count++ > 0 ? ",\n" : "\n");
  append_record (writer->buffer, record);
  return writer_flush_buffer (writer, error);
}

static gboolean
write_classic (const LiaisonClassicRecord  *record,
               gpointer                     user_data,
               GError                     **error)
{
  Writer *writer = user_data;

  g_string_append (writer->buffer, writer->count++ > 0 ? ",\n" : "\n");
  append_classic (writer->buffer, record);
  return writer_flush_buffer (writer, error);
}

/* Closes an array opened with `[`: `[]` when it stayed empty. */
static void
close_array (Writer     *writer,
             const char *after)
{
  g_string_append (writer->buffer, writer->count > 0 ? "\n  ]" : "]");
  g_string_append (writer->buffer, after);
  writer->count = 0;
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
  g_autoptr(GOutputStream) buffered = NULL;
  g_autoptr(GString) buffer = NULL;
  Writer writer;

  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  buffered = g_buffered_output_stream_new_sized (stream, 64 * 1024);
  g_filter_output_stream_set_close_base_stream (G_FILTER_OUTPUT_STREAM (buffered), FALSE);
  buffer = g_string_sized_new (2048);

  writer.stream = buffered;
  writer.cancellable = cancellable;
  writer.buffer = buffer;
  writer.count = 0;

  g_string_append (buffer, "{\n");
  member_string (buffer, 2, "format", "liaison-statistics", FALSE);
  member_int (buffer, 2, "version", 1, FALSE);
  member_string (buffer, 2, "generator", "liaison " PACKAGE_VERSION, FALSE);
  member_time (buffer, 2, "exported_at", exported_at, FALSE);
  append_key (buffer, 2, "statistics");
  g_string_append_c (buffer, '[');
  if (!writer_flush_buffer (&writer, error))
    return FALSE;

  if (!liaison_statistics_foreach_record (store, filter, write_record, &writer, error))
    return FALSE;

  close_array (&writer, ",\n");
  append_key (buffer, 2, "classic_statistics");
  g_string_append_c (buffer, '[');
  if (!writer_flush_buffer (&writer, error))
    return FALSE;

  if (!liaison_statistics_foreach_classic (store, filter, write_classic, &writer, error))
    return FALSE;

  close_array (&writer, "\n}\n");
  if (!writer_flush_buffer (&writer, error))
    return FALSE;

  return g_output_stream_flush (buffered, cancellable, error);
}
