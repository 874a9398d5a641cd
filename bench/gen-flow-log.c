/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-bench"

#include "config.h"

#include <gio/gio.h>
#include <gio/gunixoutputstream.h>
#include <stdio.h>
#include <string.h>

#include "bench-rng.h"

/*
 * gen-flow-log: writes a deterministic flow log of N records in one of the
 * text formats Liaison reads besides nfdump CSV:
 *
 *   zeek-tsv   Zeek 6 conn.log, TSV with its directives and every column
 *              Zeek writes (about 140 bytes a record)
 *   zeek-json  the same records as Zeek's JSON writer writes them (about
 *              410 bytes a record)
 *   vpc        AWS VPC Flow Logs, the default version 2 format with the
 *              header line of an S3 object (about 115 bytes a record)
 *
 * One hour of a busy network, as Zeek rotates a log (2026-11-27 00:00 to
 * 01:00 UTC by default): 10,000 (client, listener) pairs on well-known ports,
 * a tenth of them carrying a third of the records; about 2% ICMP, and for
 * Zeek 3% TCP attempts (S0, REJ), for VPC 2% REJECT, which Liaison skips.
 * --gzip compresses the output as Zeek's rotation and S3 do (level 6). The
 * same options give the same bytes.
 *
 *   gen-flow-log --format FORMAT [--records N] [--start SECONDS] [--gzip] [-o FILE]
 */

static char *opt_format = NULL;
static char *opt_output = NULL;
static gint opt_records = 1000000;
static gint64 opt_start = G_GINT64_CONSTANT (1795737600);
static gboolean opt_gzip = FALSE;

#define PAIRS 10000
#define SPAN  3600

static const struct
{
  guint16     port;
  gboolean    udp;
  const char *service;
} services[] = {
  { 443, FALSE, "ssl" }, { 80, FALSE, "http" }, { 22, FALSE, "ssh" }, { 5432, FALSE, "-" },
  { 3306, FALSE, "mysql" }, { 6379, FALSE, "-" }, { 8080, FALSE, "http" }, { 9092, FALSE, "-" },
  { 53, TRUE, "dns" }, { 123, TRUE, "ntp" },
};

typedef struct
{
  char     client[48];
  char     listener[48];
  guint    service;
} Pair;

static void
make_pairs (Rng  *rng,
            Pair *pairs)
{
  for (guint i = 0; i < PAIRS; i++)
    {
      Pair *p = &pairs[i];

      p->service = rng_below (rng, G_N_ELEMENTS (services));
      if (i % 50 == 49)
        {
          g_snprintf (p->client, sizeof p->client, "2001:db8:%x::%x", rng_below (rng, 4096), rng_below (rng, 65535) + 1);
          g_snprintf (p->listener, sizeof p->listener, "2001:db8:ffff::%x", rng_below (rng, 200) + 1);
        }
      else
        {
          g_snprintf (p->client, sizeof p->client, "10.%u.%u.%u", rng_below (rng, 40), rng_below (rng, 256),
                      rng_below (rng, 254) + 1);
          g_snprintf (p->listener, sizeof p->listener, "10.200.%u.%u", rng_below (rng, 8), rng_below (rng, 254) + 1);
        }
    }
}

/* Zeek's connection ids: `C` and 17 letters or digits. */
static void
make_uid (Rng  *rng,
          char  uid[19])
{
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  uid[0] = 'C';
  for (guint i = 1; i < 18; i++)
    uid[i] = alphabet[rng_below (rng, sizeof alphabet - 1)];
  uid[18] = '\0';
}

static void
write_record (GString    *out,
              const char *format,
              Rng        *rng,
              const Pair *pairs,
              guint       i,
              guint       n)
{
  const Pair *p = &pairs[rng_below (rng, 10) < 3 ? rng_below (rng, PAIRS / 10) : rng_below (rng, PAIRS)];
  guint roll = rng_below (rng, 100);
  gboolean icmp = roll < 2;
  gboolean udp = services[p->service].udp;
  const char *proto = icmp ? "icmp" : udp ? "udp" : "tcp";
  guint sport = icmp ? 8 : 32768 + rng_below (rng, 28000);
  guint dport = icmp ? 0 : services[p->service].port;
  gint64 usec = opt_start * G_GINT64_CONSTANT (1000000) + (gint64) i * SPAN * G_GINT64_CONSTANT (1000000) / n +
                rng_below (rng, 1000);
  guint duration_us = rng_below (rng, 30000000);
  guint ob = rng_below (rng, 5000), rb = rng_below (rng, 50000);
  char uid[19];

  if (strcmp (format, "vpc") == 0)
    {
      gint64 start = usec / 1000000;

      g_string_append_printf (out, "2 123456789010 eni-0a1b2c3d4e5f%05u %s %s %u %u %u %u %u %" G_GINT64_FORMAT
                              " %" G_GINT64_FORMAT " %s OK\n",
                              p->service * 1000 + 7, p->client, p->listener, sport, dport, icmp ? 1 : udp ? 17 : 6,
                              2 + ob % 40, ob + rb, start, start + duration_us / 1000000,
                              roll >= 2 && roll < 4 ? "REJECT" : "ACCEPT");
      return;
    }

  make_uid (rng, uid);
  {
    const char *state = icmp ? "OTH" : (!udp && roll < 5) ? (roll == 4 ? "REJ" : "S0") : "SF";
    const char *history = icmp ? "-" : udp ? "Dd" : strcmp (state, "SF") == 0 ? "ShADadFf" : "S";

    if (strcmp (format, "zeek-tsv") == 0)
      g_string_append_printf (out, "%" G_GINT64_FORMAT ".%06u\t%s\t%s\t%u\t%s\t%u\t%s\t%s\t%u.%06u\t%u\t%u\t%s"
                              "\tT\tF\t0\t%s\t%u\t%u\t%u\t%u\t-\t%u\n",
                              usec / 1000000, (guint) (usec % 1000000), uid, p->client, sport, p->listener, dport,
                              proto, icmp ? "-" : services[p->service].service,
                              duration_us / 1000000, duration_us % 1000000, ob, rb, state, history,
                              4 + ob % 30, 200 + ob, 3 + rb % 40, 160 + rb, icmp ? 1 : udp ? 17 : 6);
    else
      {
        g_string_append_printf (out, "{\"ts\":%" G_GINT64_FORMAT ".%06u,\"uid\":\"%s\",\"id.orig_h\":\"%s\","
                                "\"id.orig_p\":%u,\"id.resp_h\":\"%s\",\"id.resp_p\":%u,\"proto\":\"%s\",",
                                usec / 1000000, (guint) (usec % 1000000), uid, p->client, sport, p->listener,
                                dport, proto);
        if (!icmp && strcmp (services[p->service].service, "-") != 0)
          g_string_append_printf (out, "\"service\":\"%s\",", services[p->service].service);
        g_string_append_printf (out, "\"duration\":%u.%06u%010u,\"orig_bytes\":%u,\"resp_bytes\":%u,"
                                "\"conn_state\":\"%s\",\"local_orig\":true,\"local_resp\":false,\"missed_bytes\":0,"
                                "\"history\":\"%s\",\"orig_pkts\":%u,\"orig_ip_bytes\":%u,\"resp_pkts\":%u,"
                                "\"resp_ip_bytes\":%u,\"ip_proto\":%u}\n",
                                duration_us / 1000000, duration_us % 1000000, rng_below (rng, 1000000000),
                                ob, rb, state, history, 4 + ob % 30, 200 + ob, 3 + rb % 40, 160 + rb,
                                icmp ? 1 : udp ? 17 : 6);
      }
  }
}

static void
write_header (GString    *out,
              const char *format)
{
  if (strcmp (format, "vpc") == 0)
    g_string_append (out, "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes "
                          "start end action log-status\n");
  else if (strcmp (format, "zeek-tsv") == 0)
    g_string_append (out,
                     "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n"
                     "#open\t2026-11-27-00-00-00\n"
                     "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration"
                     "\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts"
                     "\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents\tip_proto\n"
                     "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring"
                     "\tbool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]\tcount\n");
}

/* Writes @text to @out, through @compressor when there is one. */
static gboolean
emit (GOutputStream  *out,
      GString        *text,
      GError        **error)
{
  gboolean ok = g_output_stream_write_all (out, text->str, text->len, NULL, NULL, error);

  g_string_truncate (text, 0);
  return ok;
}

int
main (int   argc,
      char *argv[])
{
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format, "zeek-tsv, zeek-json or vpc", "FORMAT" },
    { "records", 'n', 0, G_OPTION_ARG_INT, &opt_records, "Records (default 1000000)", "N" },
    { "start", 0, 0, G_OPTION_ARG_INT64, &opt_start, "The hour's start, seconds since the epoch", "SECONDS" },
    { "gzip", 'z', 0, G_OPTION_ARG_NONE, &opt_gzip, "Compress with gzip", NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, "Output file (default stdout)", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- write a flow log for the benchmarks");
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) file = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GString) text = g_string_sized_new (1 << 20);
  g_autofree Pair *pairs = g_new0 (Pair, PAIRS);
  Rng rng;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || opt_format == NULL || opt_records < 1 ||
      (strcmp (opt_format, "zeek-tsv") != 0 && strcmp (opt_format, "zeek-json") != 0 && strcmp (opt_format, "vpc") != 0))
    {
      g_printerr ("gen-flow-log: %s\n", error != NULL ? error->message : "--format zeek-tsv|zeek-json|vpc");
      return 2;
    }

  if (opt_output != NULL)
    {
      g_autoptr(GFile) target = g_file_new_for_path (opt_output);

      file = G_OUTPUT_STREAM (g_file_replace (target, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error));
    }
  else
    file = g_unix_output_stream_new (1, FALSE);
  if (file == NULL)
    {
      g_printerr ("gen-flow-log: %s\n", error->message);
      return 1;
    }
  if (opt_gzip)
    {
      g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6);

      out = g_converter_output_stream_new (file, G_CONVERTER (compressor));
    }
  else
    out = g_object_ref (file);

  rng.s = G_GUINT64_CONSTANT (0x2545F4914F6CDD1D) ^ (guint64) opt_start;
  make_pairs (&rng, pairs);
  write_header (text, opt_format);
  for (guint i = 0; i < (guint) opt_records; i++)
    {
      write_record (text, opt_format, &rng, pairs, i, opt_records);
      if (text->len > (1 << 20) && !emit (out, text, &error))
        break;
    }
  if (error == NULL && strcmp (opt_format, "zeek-tsv") == 0)
    g_string_append (text, "#close\t2026-11-27-01-00-00\n");
  if (error == NULL)
    emit (out, text, &error);
  if (error == NULL)
    g_output_stream_close (out, NULL, &error);
  if (error != NULL)
    {
      g_printerr ("gen-flow-log: %s\n", error->message);
      return 1;
    }
  return 0;
}
