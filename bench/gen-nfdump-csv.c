/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-bench"

#include "config.h"

#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench-rng.h"

/*
 * gen-nfdump-csv: writes a deterministic nfdump CSV sample, the output of
 * `nfdump -r FILE -o csv` (the 48-column set of nfdump 1.6, which nfdump 1.7.1
 * still prints: header, one line per flow, then the `Summary` block), with
 * N flow records over a fixed set of (client, listener) pairs in one sample
 * window.
 *
 * Listeners sit on well-known ports (TCP 22, 25, 80, 443, 3306, 5432, ...,
 * UDP 53, 123, 161, 514); clients use ephemeral ports 32768-60999. A
 * connection is exported as a request flow and, most of the time, a reply
 * flow in the other direction, as softflowd and routers do. Flows start and
 * end inside [start, start + window). The same options give the same bytes.
 */

static void
rng_seed (Rng    *rng,
          guint64 seed)
{
  rng->s = seed * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15) + 0x2545F4914F6CDD1D;
  if (rng->s == 0)
    rng->s = 1;
  for (int i = 0; i < 8; i++)
    rng_next (rng);
}

typedef struct
{
  guint16     port;
  gboolean    udp;
  guint       weight;
} Service;

static const Service services[] = {
  { 443, FALSE, 30 }, { 80, FALSE, 12 }, { 22, FALSE, 6 }, { 5432, FALSE, 6 },
  { 3306, FALSE, 5 }, { 6379, FALSE, 5 }, { 8080, FALSE, 6 }, { 8443, FALSE, 4 },
  { 9200, FALSE, 3 }, { 25, FALSE, 2 }, { 389, FALSE, 2 }, { 636, FALSE, 2 },
  { 5672, FALSE, 2 }, { 9092, FALSE, 3 }, { 2049, FALSE, 1 }, { 11211, FALSE, 1 },
  { 53, TRUE, 6 }, { 123, TRUE, 2 }, { 161, TRUE, 1 }, { 514, TRUE, 1 },
};

typedef struct
{
  char     client[48];
  char     listener[48];
  guint16  port;
  gboolean udp;
} Pair;

#define N_LISTENER_HOSTS 600
#define N_CLIENT_HOSTS   6000

static void
host_address (char    *buf,
              gsize    size,
              gboolean listener,
              guint    index)
{
  /* One host in twenty has an IPv6 address; a pair needs both ends IPv6, so a few pairs are. */
  if (index % 20 == 7)
    g_snprintf (buf, size, "2001:db8:%x::%x", listener ? 0x10 : 0x20, index + 1);
  else if (listener)
    g_snprintf (buf, size, "10.10.%u.%u", index / 250, index % 250 + 1);
  else
    g_snprintf (buf, size, "10.%u.%u.%u", 20 + index / 62500, (index / 250) % 250, index % 250 + 1);
}

static Pair *
make_pairs (guint   n_pairs,
            guint64 seed)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  Pair *pairs = g_new0 (Pair, n_pairs);
  guint total_weight = 0;
  Rng rng;

  rng_seed (&rng, seed);
  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    total_weight += services[i].weight;

  for (guint i = 0; i < n_pairs;)
    {
      guint client = rng_below (&rng, N_CLIENT_HOSTS);
      guint listener = rng_below (&rng, N_LISTENER_HOSTS);
      guint w = rng_below (&rng, total_weight);
      guint s = 0;
      gint64 *key;

      while (w >= services[s].weight)
        w -= services[s++].weight;
      /* Both ends of a pair are of one family. */
      if ((client % 20 == 7) != (listener % 20 == 7))
        continue;

      /* Dense keys: g_int64_hash() folds the high half onto the low one. */
      key = g_new (gint64, 1);
      *key = ((gint64) client * N_LISTENER_HOSTS + listener) * (gint64) G_N_ELEMENTS (services) + s;
      if (!g_hash_table_add (seen, key))
        continue;

      host_address (pairs[i].client, sizeof pairs[i].client, FALSE, client);
      host_address (pairs[i].listener, sizeof pairs[i].listener, TRUE, listener);
      pairs[i].port = services[s].port;
      pairs[i].udp = services[s].udp;
      i++;
    }

  return pairs;
}

/* "YYYY-MM-DD HH:MM:SS", as nfdump prints ts and te. */
static void
format_time (char   *buf,
             gsize   size,
             gint64  seconds)
{
  time_t t = (time_t) seconds;
  struct tm tm;

  gmtime_r (&t, &tm);
  strftime (buf, size, "%Y-%m-%d %H:%M:%S", &tm);
}

/* Every column after obyt is the same for all flows of this exporter. */
#define TAIL_BEFORE_TR \
  ",0,0,0,0,0,0,0,0,0,0,0.0.0.0,0.0.0.0,0,0,00:00:00:00:00:00,00:00:00:00:00:00," \
  "00:00:00:00:00:00,00:00:00:00:00:00,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0," \
  "0-0-0,0-0-0,0-0-0,    0.000,    0.000,    0.000,10.0.0.1,0/0,1,"

static const char header[] =
  "ts,te,td,sa,da,sp,dp,pr,flg,fwd,stos,ipkt,ibyt,opkt,obyt,in,out,sas,das,smk,dmk,dtos,dir,"
  "nh,nhb,svln,dvln,ismc,odmc,idmc,osmc,mpls1,mpls2,mpls3,mpls4,mpls5,mpls6,mpls7,mpls8,mpls9,"
  "mpls10,cl,sl,al,ra,eng,exid,tr\n";

int
main (int    argc,
      char **argv)
{
  gint64 n_records = 1000000;
  gint n_pairs = 10000;
  gint64 seed = 1;
  gint64 start = 1795737600;     /* 2026-11-27T00:00:00Z */
  gint window = 300;
  gboolean every_pair = FALSE;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "records", 'n', 0, G_OPTION_ARG_INT64, &n_records, "Number of flow records (1000000)", "N" },
    { "pairs", 'p', 0, G_OPTION_ARG_INT, &n_pairs, "Number of (client, listener) pairs (10000)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Seed of the pairs (1)", "N" },
    { "start", 0, 0, G_OPTION_ARG_INT64, &start, "Window start, seconds since the epoch (2026-11-27T00:00:00Z)", "SECONDS" },
    { "window", 'w', 0, G_OPTION_ARG_INT, &window, "Window length in seconds (300)", "SECONDS" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Output file (standard output)", "FILE" },
    { "every-pair", 0, 0, G_OPTION_ARG_NONE, &every_pair,
      "The first connections go to every pair in turn, so that all of them are in the file", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- write a generated nfdump CSV sample");
  g_autoptr(GError) error = NULL;
  g_autofree Pair *pairs = NULL;
  static char buffer[1 << 20];
  guint64 total_bytes = 0, total_packets = 0;
  gint64 window_ms;
  gint64 first_ms = G_MAXINT64, last_ms = 0;
  char ts[32], te[32], tr[40];
  FILE *out;
  Rng rng;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("gen-nfdump-csv: %s\n", error->message);
      return 2;
    }
  if (n_records < 0 || n_pairs < 1 || window < 2)
    {
      g_printerr ("gen-nfdump-csv: --records must be >= 0, --pairs >= 1, --window >= 2\n");
      return 2;
    }

  out = output != NULL ? fopen (output, "w") : stdout;
  if (out == NULL)
    {
      g_printerr ("gen-nfdump-csv: %s: %s\n", output, g_strerror (errno));
      return 1;
    }
  setvbuf (out, buffer, _IOFBF, sizeof buffer);

  pairs = make_pairs ((guint) n_pairs, (guint64) seed);
  /* The records depend on the pairs' seed and on the window, so that the
   * next window of the same network is another sample of the same pairs. */
  rng_seed (&rng, (guint64) seed * 1000003u + (guint64) start);
  window_ms = (gint64) window * 1000;

  {
    char now[32];
    format_time (now, sizeof now, start + window);
    g_snprintf (tr, sizeof tr, "%s.%03u", now, 250u);
  }

  fputs (header, out);
  for (gint64 i = 0, connection = 0; i < n_records; connection++)
    {
      /* Some pairs talk much more than others: the square of a uniform
       * number puts a third of the flows on the first tenth of the pairs. */
      double u = rng_unit (&rng);
      const Pair *pair = every_pair && connection < n_pairs ? &pairs[connection]
                                                            : &pairs[(guint) (u * u * n_pairs) % (guint) n_pairs];
      guint16 client_port = (guint16) (32768 + rng_below (&rng, 28232));
      gint64 duration_ms;
      gint64 begin_ms, end_ms;
      gboolean reply = rng_below (&rng, 10) < 8;
      guint packets, bytes;

      if (pair->udp)
        duration_ms = rng_below (&rng, 50);
      else if (rng_below (&rng, 10) == 0)
        duration_ms = 2000 + rng_below (&rng, 60000);
      else
        duration_ms = rng_below (&rng, 2000);
      if (duration_ms >= window_ms)
        duration_ms = window_ms - 1;

      /* Times rise through the window, as an exporter reports them, with jitter. */
      begin_ms = (gint64) ((double) i / (double) MAX (n_records, 1) * (double) (window_ms - duration_ms))
                 + rng_below (&rng, 500);
      if (begin_ms + duration_ms >= window_ms)
        begin_ms = window_ms - duration_ms - 1;
      begin_ms += start * 1000;
      end_ms = begin_ms + duration_ms;
      first_ms = MIN (first_ms, begin_ms);
      last_ms = MAX (last_ms, end_ms);

      format_time (ts, sizeof ts, begin_ms / 1000);
      format_time (te, sizeof te, end_ms / 1000);

      for (int direction = 0; direction < (reply ? 2 : 1) && i < n_records; direction++, i++)
        {
          const char *sa = direction == 0 ? pair->client : pair->listener;
          const char *da = direction == 0 ? pair->listener : pair->client;
          guint sp = direction == 0 ? client_port : pair->port;
          guint dp = direction == 0 ? pair->port : client_port;

          packets = 1 + rng_below (&rng, pair->udp ? 4 : 40);
          bytes = packets * (40 + rng_below (&rng, pair->udp ? 400 : 1400));
          total_packets += packets;
          total_bytes += bytes;

          fprintf (out, "%s,%s,%" G_GINT64_FORMAT ".%03d,%s,%s,%u,%u,%s,%s,0,0,%u,%u" TAIL_BEFORE_TR "%s\n",
                   ts, te, duration_ms / 1000, (int) (duration_ms % 1000),
                   sa, da, sp, dp,
                   pair->udp ? "UDP" : "TCP",
                   pair->udp ? "......" : "...AP.SF",
                   packets, bytes, tr);
        }
    }

  {
    double seconds = n_records > 0 ? MAX ((double) (last_ms - first_ms) / 1000.0, 0.001) : 1.0;

    fprintf (out, "Summary\nflows,bytes,packets,avg_bps,avg_pps,avg_bpp\n"
             "%" G_GINT64_FORMAT ",%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT ",%.0f,%.0f,%" G_GUINT64_FORMAT "\n",
             n_records, total_bytes, total_packets,
             (double) total_bytes * 8.0 / seconds, (double) total_packets / seconds,
             total_packets > 0 ? total_bytes / total_packets : 0);
  }

  if (fflush (out) != 0 || (out != stdout && fclose (out) != 0))
    {
      g_printerr ("gen-nfdump-csv: %s: %s\n", output != NULL ? output : "stdout", g_strerror (errno));
      return 1;
    }
  return 0;
}
