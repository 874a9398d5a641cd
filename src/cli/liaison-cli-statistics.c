/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-cli"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>

#include "liaison-address.h"
#include "liaison-cli-private.h"
#include "liaison-export.h"
#include "liaison-output-file.h"
#include "liaison-statistics.h"

/* stats and export-stats: the statistics records, on a terminal or as JSON. */

/* stats */

/* IP:PORT/PROTO, the IP of an IPv6 listener in brackets: 10.0.0.5:443/tcp, [::1]:443/tcp. */
static gboolean
parse_listener (const char        *text,
                LiaisonStatFilter *filter,
                char             **ip_out,
                int               *status)
{
  g_autofree char *ip_text = NULL;
  const char *slash = strrchr (text, '/');
  const char *colon;
  LiaisonAddress address;
  LiaisonProtocol protocol;
  guint64 port;
  g_autofree char *port_text = NULL;

  if (slash == NULL)
    goto bad;
  if (!liaison_protocol_from_string (slash + 1, &protocol))
    goto bad;

  if (text[0] == '[')
    {
      const char *close = strchr (text, ']');

      if (close == NULL || close > slash || close[1] != ':')
        goto bad;
      ip_text = g_strndup (text + 1, close - text - 1);
      colon = close + 1;
    }
  else
    {
      colon = memchr (text, ':', slash - text);
      if (colon == NULL || memchr (colon + 1, ':', slash - colon - 1) != NULL)
        goto bad;
      ip_text = g_strndup (text, colon - text);
    }

  port_text = g_strndup (colon + 1, slash - colon - 1);
  if (!liaison_address_parse (ip_text, -1, &address) ||
      !g_ascii_string_to_unsigned (port_text, 10, 1, 65535, &port, NULL))
    goto bad;

  *ip_out = liaison_address_dup_string (&address);
  filter->listener_ip = *ip_out;
  filter->port = (guint) port;
  filter->protocol = liaison_protocol_to_string (protocol);
  return TRUE;

bad:
  return liaison_cli_stop_usage (status, _("stats: --listener: “%s” is not IP:PORT/PROTO "
                                           "(for example 10.0.0.5:443/tcp or [::1]:443/tcp)"), text);
}

static void
format_ratio (char   *buf,
              gsize   size,
              double  scale,
              gint64  numerator,
              gint64  denominator)
{
  gsize len;

  if (denominator <= 0)
    {
      g_strlcpy (buf, "-", size);
      return;
    }
  g_ascii_formatd (buf, size, "%.3f", scale * (double) numerator / (double) denominator);
  len = strlen (buf);
  while (len > 2 && buf[len - 1] == '0' && buf[len - 2] != '.')
    buf[--len] = '\0';
}

static const char *
time_text (LiaisonTime  time,
           char         buf[LIAISON_TIME_STRLEN])
{
  if (time == LIAISON_TIME_NONE)
    return "-";
  liaison_time_to_string (time, buf);
  return buf;
}

static const char *
duration_text (gint64 ms,
               char   buf[LIAISON_TIME_STRLEN])
{
  liaison_duration_to_string (ms, buf);
  return buf;
}

/* ngettext() for a count of gint64. */
static gulong
plural_n (gint64 n)
{
  return n < 0 ? 0 : (guint64) n > G_MAXULONG ? G_MAXULONG : (gulong) n;
}

typedef struct
{
  guint count;
} TextStats;

static gboolean
print_stat_text (const LiaisonStatRecord  *record,
                 gpointer                  user_data,
                 GError                  **error)
{
  TextStats *stats = user_data;
  g_autofree char *listener_device = NULL;
  g_autofree char *client_device = NULL;
  gboolean v6 = strchr (record->listener_ip, ':') != NULL;
  char a[LIAISON_TIME_STRLEN], b[LIAISON_TIME_STRLEN], c[LIAISON_TIME_STRLEN];
  char r1[G_ASCII_DTOSTR_BUF_SIZE], r2[G_ASCII_DTOSTR_BUF_SIZE];

  if (record->listener_device != NULL)
    listener_device = liaison_cli_printable (record->listener_device);
  if (record->client_device != NULL)
    client_device = liaison_cli_printable (record->client_device);

  if (stats->count++ > 0)
    putchar ('\n');

  printf ("%s%s%s:%u/%s <- %s\n", v6 ? "[" : "", record->listener_ip, v6 ? "]" : "",
          record->port, record->protocol, record->client_ip);
  /* Translators: the labels of the two device lines of `liaison-cli stats`;
   * pad them with spaces so that their values line up. */
  printf ("  ");
  printf (_("listener device: %s"), listener_device != NULL ? listener_device : "-");
  printf ("\n  ");
  printf (_("client device:   %s"), client_device != NULL ? client_device : "-");
  putchar ('\n');

  /* The lines after the first of each part are indented by 11 spaces, the
   * width of “  netstat: ”. */
  if (!record->has_netstat)
    printf ("  %s\n", _("netstat: none"));
  else
    {
      format_ratio (r1, sizeof r1, 1.0, record->ns_total_ports, record->ns_active_samples);
      format_ratio (r2, sizeof r2, 100.0, record->ns_active_samples, record->ns_total_samples);
      printf ("  ");
      printf (_("netstat: %lld of %lld samples active, persistence %s %%"),
              (long long) record->ns_active_samples, (long long) record->ns_total_samples, r2);
      printf ("\n           ");
      printf (ngettext ("%lld client port, average %s client connections (weight %s)",
                        "%lld client ports, average %s client connections (weight %s)",
                        plural_n (record->ns_total_ports)),
              (long long) record->ns_total_ports, r1, r1);
      printf ("\n           ");
      printf (_("found %s to %s"),
              time_text (record->ns_first_found, a), time_text (record->ns_last_found, b));
      putchar ('\n');
      for (guint i = 0; record->ns_runs != NULL && i < record->ns_runs->len; i++)
        {
          const LiaisonRun *run = &g_array_index (record->ns_runs, LiaisonRun, i);

          printf ("           ");
          if (i == 0 && record->ns_first_run_unknown)
            /* Translators: a record's first activity run when the database
             * kept no runs yet: only its two ends are known. */
            printf (_("run %s to %s, not known in between (recorded before runs were kept)"),
                    time_text (run->first, a), time_text (run->last, b));
          else
            printf (_("run %s to %s"), time_text (run->first, a), time_text (run->last, b));
          putchar ('\n');
        }
    }

  if (!record->has_netflow)
    printf ("  %s\n", _("netflow: none"));
  else
    {
      g_autofree char *samples = NULL;
      g_autofree char *events = NULL;

      format_ratio (r1, sizeof r1, 1.0, record->nf_total_ports, record->nf_active_samples);
      samples = g_strdup_printf (ngettext ("netflow: %lld active sample of %u s",
                                           "netflow: %lld active samples of %u s",
                                           plural_n (record->nf_active_samples)),
                                 (long long) record->nf_active_samples, record->nf_interval);
      events = g_strdup_printf (ngettext ("%lld event", "%lld events", plural_n (record->nf_total_events)),
                                (long long) record->nf_total_events);
      /* Translators: “netflow: 3 active samples of 300 s”, then “12 events”. */
      printf ("  ");
      printf (_("%s, %s"), samples, events);
      printf ("\n           ");
      printf (ngettext ("%lld client port, average %s client connections",
                        "%lld client ports, average %s client connections",
                        plural_n (record->nf_total_ports)),
              (long long) record->nf_total_ports, r1);
      printf ("\n           ");
      printf (_("found %s to %s"),
              time_text (record->nf_first_found, a), time_text (record->nf_last_found, b));
      printf ("\n           ");
      /* Pending and silent are never both more than 0 (statistics.md 4.4). */
      if (record->nf_silent_ms > 0)
        printf (_("active span %s s, gap span %s s, silent for %s s"),
                duration_text (record->nf_active_ms, a), duration_text (record->nf_gap_ms, b),
                duration_text (record->nf_silent_ms, c));
      else
        printf (_("active span %s s, gap span %s s, pending %s s"),
                duration_text (record->nf_active_ms, a), duration_text (record->nf_gap_ms, b),
                duration_text (record->nf_pending_ms, c));
      putchar ('\n');
      for (guint i = 0; record->nf_gaps != NULL && i < record->nf_gaps->len; i++)
        {
          const LiaisonGap *gap = &g_array_index (record->nf_gaps, LiaisonGap, i);

          printf ("           ");
          printf (_("gap %s to %s"), time_text (gap->from, a), time_text (gap->to, b));
          putchar ('\n');
        }
    }

  if (ferror (stdout))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("cannot write to standard output: %s"), g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

/* The `statistics` array of the export document, re-indented as a
 * document of its own: the same objects, byte for byte. Strings in the
 * document never hold a raw newline, so the markers below are unique. */
static gboolean
print_stats_json (LiaisonStore             *store,
                  const LiaisonStatFilter  *filter,
                  GError                  **error)
{
  static const char open_marker[] = "\n  \"statistics\": [";
  static const char close_marker[] = ",\n  \"classic_statistics\": [";
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GString) out = NULL;
  const char *doc, *start, *end;

  if (!liaison_export_statistics (store, filter, 0, memory, NULL, error) ||
      !g_output_stream_write_all (memory, "", 1, NULL, NULL, error) ||
      !g_output_stream_close (memory, NULL, error))
    return FALSE;

  doc = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory));
  start = strstr (doc, open_marker);
  end = strstr (doc, close_marker);
  if (start == NULL || end == NULL || end < start)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("the statistics document does not have its expected layout"));
      return FALSE;
    }
  start += strlen (open_marker) - 1;    /* at the '[' */

  out = g_string_sized_new (end - start + 2);
  for (const char *p = start; p < end;)
    {
      const char *eol = memchr (p, '\n', end - p);
      const char *stop = eol != NULL ? eol + 1 : end;

      if (p != start && stop - p >= 2 && p[0] == ' ' && p[1] == ' ')
        p += 2;
      g_string_append_len (out, p, stop - p);
      p = stop;
    }
  g_string_append_c (out, '\n');
  fwrite (out->str, 1, out->len, stdout);
  return TRUE;
}

static int
command_stats (const LiaisonCliCommand  *command,
               int                       argc,
               char                    **argv)
{
  g_autofree char *listener = NULL;
  g_autofree char *listener_ip = NULL;
  GOptionEntry entries[] = {
    { "listener", 0, 0, G_OPTION_ARG_STRING, &listener, N_("Only the records of one listener"), "IP:PORT/PROTO" },
    { NULL }
  };
  g_auto(LiaisonCliOptions) options = { 0 };
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonStatFilter filter = { 0 };
  int status = LIAISON_CLI_STATUS_OK;

  if (!liaison_cli_parse_options (command, entries, &options, &argc, &argv, &status))
    return status;

  if (listener != NULL && !parse_listener (listener, &filter, &listener_ip, &status))
    return status;

  if ((store = liaison_cli_open_store (&status)) == NULL)
    return status;

  if (options.format == LIAISON_CLI_FORMAT_JSON)
    {
      if (!print_stats_json (store, &filter, &error))
        return liaison_cli_finish_stdout (liaison_cli_fail (error));
    }
  else
    {
      TextStats stats = { 0 };

      if (!liaison_statistics_foreach_record (store, &filter, print_stat_text, &stats, &error))
        return liaison_cli_finish_stdout (liaison_cli_fail (error));
    }

  return liaison_cli_finish_stdout (LIAISON_CLI_STATUS_OK);
}

/* export-stats */

typedef struct
{
  LiaisonStore *store;
  LiaisonTime   exported_at;
} ExportJob;

static gboolean
write_export (GOutputStream  *stream,
              gpointer        user_data,
              GCancellable   *cancellable,
              GError        **error)
{
  ExportJob *job = user_data;

  return liaison_export_statistics (job->store, NULL, job->exported_at, stream, cancellable, error);
}

static int
command_export_stats (const LiaisonCliCommand  *command,
                      int                       argc,
                      char                    **argv)
{
  g_auto(LiaisonCliOptions) options = { 0 };
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status = LIAISON_CLI_STATUS_OK;
  LiaisonTime now;

  if (!liaison_cli_parse_options (command, NULL, &options, &argc, &argv, &status))
    return status;

  if ((store = liaison_cli_open_store (&status)) == NULL)
    return status;

  /* Whole seconds: the document says when, not how long it took. */
  now = liaison_time_now ();
  now -= now % 1000;

  if (options.output != NULL)
    {
      ExportJob job = { store, now };

      if (!liaison_output_file_write (options.output, write_export, &job, NULL, &error))
        return liaison_cli_fail (error);
      return LIAISON_CLI_STATUS_OK;
    }
  else
    {
      g_autoptr(GOutputStream) stream = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

      fflush (stdout);
      if (!liaison_export_statistics (store, NULL, now, stream, NULL, &error))
        return liaison_cli_fail_stream (error);
      return LIAISON_CLI_STATUS_OK;
    }
}

const LiaisonCliCommand liaison_cli_statistics_commands[] = {
  {
    .name = "stats",
    /* Translators: its line in “liaison-cli --help”: keep the command and the column of the text. */
    .help = N_("  stats           show statistics records\n"),
    .summary = N_("Shows statistics records."),
    .formats = &liaison_cli_text_json_formats,
    .run = command_stats,
  },
  {
    .name = "export-stats",
    /* Translators: its line in “liaison-cli --help”: keep the command and the column of the text. */
    .help = N_("  export-stats    write all statistics as JSON; stdout by default\n"),
    .summary = N_("Writes all statistics as JSON."),
    .options = LIAISON_CLI_OPTION_OUTPUT,
    .run = command_export_stats,
  },
  { NULL }
};
