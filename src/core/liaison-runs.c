/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-statistics"

#include "config.h"

#include "liaison-runs-private.h"

/*
 * The run arithmetic of statistics.md 3.6, in memory: a sample at moment T
 * joins, extends or makes a run where it is active, and splits the run it
 * falls in where its listener was discovered but it was not active.
 *
 * What decides is the sample's neighbours: of the moments at which the
 * record's listener was discovered (on the record's host), the latest
 * before T and the earliest after T. Every such moment inside a run was an
 * active one, so a split ends the left part at the first and starts the
 * right part at the second; and a run ending before T joins T when the
 * latest discovered moment before T is the run's own end (nothing broke it
 * in between). The result depends on the set of samples only, never on the
 * order they came in.
 *
 * Blob: the unsigned LEB128 numbers flags (bit 0: the first run is not
 * known in between; bit 1: a unit follows), the unit when there is one,
 * then for each break between two runs the first run's length from its
 * start and the break's length, in units (else milliseconds). The unit is
 * the largest that divides every length: samples taken every five minutes
 * make each length a small number of one byte. A record seen in one known
 * run has no blob at all.
 *
 * Packed (bit 2 of the flags, where it is shorter): after the unit, a byte
 * of two orders, then the same lengths, each an exponential-Golomb code
 * (the run's of the first order, the break's less one of the second), most
 * significant bit first, the last byte filled up with zeros. A record that
 * comes and goes makes runs of one sample and short breaks: a byte or less
 * a break instead of two.
 */

#define FLAG_FIRST_UNKNOWN 1
#define FLAG_UNIT          2
#define FLAG_PACKED        4

/* The orders of a packed blob's codes: the runs' in the low three bits,
 * the breaks' in the five above. */
#define MAX_RUN_ORDER   7
#define MAX_BREAK_ORDER 31
/* Lengths packed at the most: far beyond any span of time in units. */
#define CODE_LIMIT      (G_GUINT64_CONSTANT (1) << 48)

void
liaison_varint_put (GByteArray *out,
                    guint64     value)
{
  guint8 bytes[10];
  guint n = 0;

  do
    {
      bytes[n] = value & 0x7f;
      value >>= 7;
      if (value != 0)
        bytes[n] |= 0x80;
      n++;
    }
  while (value != 0);
  g_byte_array_append (out, bytes, n);
}

gboolean
liaison_varint_get (const guint8 **p,
                    const guint8  *end,
                    guint64       *value)
{
  guint64 result = 0;

  for (guint shift = 0; shift < 64 && *p < end; shift += 7)
    {
      guint8 byte = *(*p)++;

      result |= (guint64) (byte & 0x7f) << shift;
      if ((byte & 0x80) == 0)
        {
          *value = result;
          return TRUE;
        }
    }
  return FALSE;
}

typedef struct
{
  const guint8 *p, *end;
  guint         bit;                  /* of *p, from 7 (most significant) down */
} BitReader;

static gboolean
read_bit (BitReader *in,
          guint     *bit)
{
  if (in->p == in->end)
    return FALSE;
  *bit = (*in->p >> in->bit) & 1;
  if (in->bit-- == 0)
    {
      in->p++;
      in->bit = 7;
    }
  return TRUE;
}

/* Whether a one bit is left: the zeros that fill the last byte up end the
 * codes, since every code holds a one. */
static gboolean
bits_left (const BitReader *in)
{
  for (const guint8 *q = in->p; q < in->end; q++)
    if ((q == in->p ? *q & ((2u << in->bit) - 1) : *q) != 0)
      return TRUE;
  return FALSE;
}

/* An exponential-Golomb code of @order: the bits of (v >> order) + 1 after
 * as many zeros as it has bits but one, then the low @order bits of v. */
static gboolean
read_code (BitReader *in,
           guint      order,
           guint64   *value)
{
  guint zeros = 0, bit = 0;
  guint64 high = 1, low = 0;

  while (read_bit (in, &bit) && bit == 0)
    zeros++;
  if (bit == 0 || zeros + order > 62)
    return FALSE;
  for (guint i = 0; i < zeros; i++)
    {
      if (!read_bit (in, &bit))
        return FALSE;
      high = high << 1 | bit;
    }
  for (guint i = 0; i < order; i++)
    {
      if (!read_bit (in, &bit))
        return FALSE;
      low = low << 1 | bit;
    }
  *value = (high - 1) << order | low;
  return TRUE;
}

static guint
code_bits (guint64 value,
           guint   order)
{
  return 2 * (guint) g_bit_storage ((value >> order) + 1) - 1 + order;
}

typedef struct
{
  GByteArray *out;
  guint8      byte;
  guint       n;                      /* bits in byte */
} BitWriter;

static void
write_bits (BitWriter *w,
            guint64    bits,
            guint      n)
{
  while (n-- > 0)
    {
      w->byte = (guint8) (w->byte << 1 | ((bits >> n) & 1));
      if (++w->n == 8)
        {
          g_byte_array_append (w->out, &w->byte, 1);
          w->byte = 0;
          w->n = 0;
        }
    }
}

static void
write_code (BitWriter *w,
            guint64    value,
            guint      order)
{
  guint64 high = (value >> order) + 1;
  guint width = g_bit_storage (high);

  write_bits (w, 0, width - 1);
  write_bits (w, high, width);
  write_bits (w, value, order);
}

/* The order up to @max that codes @n values (every other one of @values,
 * each less @less) in the fewest bits, trying each from 0 until one does
 * no better; their bits in @bits. */
static guint
best_order (const guint64 *values,
            guint          n,
            guint64        less,
            guint          max,
            guint64       *bits)
{
  guint best = 0;

  *bits = G_MAXUINT64;
  for (guint order = 0; order <= max; order++)
    {
      guint64 sum = 0;

      for (guint i = 0; i < n; i++)
        sum += code_bits (values[2 * i] - less, order);
      if (sum < *bits)
        {
          *bits = sum;
          best = order;
        }
      else
        break;
    }
  return best;
}

/* The next break's two lengths, in units: a varint each, or codes. */
static gboolean
read_lengths (const guint8 **p,
              const guint8  *end,
              BitReader     *packed,
              guint          orders,
              guint64       *run,
              guint64       *gap)
{
  if (packed == NULL)
    return liaison_varint_get (p, end, run) && liaison_varint_get (p, end, gap);
  if (!read_code (packed, orders & MAX_RUN_ORDER, run) || !read_code (packed, orders >> 3, gap))
    return FALSE;
  (*gap)++;
  return TRUE;
}

/**
 * liaison_runs_decode:
 * @blob: (array length=length) (nullable): the stored breaks, or %NULL
 * @first: the record's first found; %LIAISON_TIME_NONE: no runs
 * @last: its last found
 * @runs: (element-type LiaisonRun): emptied, then filled in time order
 * @first_unknown: (out): whether the first run is not known in between
 *
 * Returns: %FALSE when the blob does not fit the record (then @runs holds
 *   one run from @first to @last)
 */
gboolean
liaison_runs_decode (const guint8 *blob,
                     gsize         length,
                     LiaisonTime   first,
                     LiaisonTime   last,
                     GArray       *runs,
                     gboolean     *first_unknown)
{
  const guint8 *p = blob;
  /* NULL + 0 is undefined: a record without runs has no blob */
  const guint8 *end = blob != NULL ? blob + length : NULL;
  LiaisonRun run;
  guint64 flags = 0;
  guint64 unit = 1;

  g_array_set_size (runs, 0);
  *first_unknown = FALSE;
  if (first == LIAISON_TIME_NONE || last == LIAISON_TIME_NONE || last < first)
    return first == LIAISON_TIME_NONE;

  run.first = first;
  if (blob != NULL && length > 0)
    {
      BitReader bits, *packed = NULL;
      guint orders = 0;

      if (!liaison_varint_get (&p, end, &flags) || flags > (FLAG_FIRST_UNKNOWN | FLAG_UNIT | FLAG_PACKED) ||
          ((flags & FLAG_UNIT) != 0 && (!liaison_varint_get (&p, end, &unit) || unit == 0 ||
                                        unit > (guint64) (last - first))))
        goto bad;
      if ((flags & FLAG_PACKED) != 0)
        {
          if (p == end)
            goto bad;
          orders = *p++;
          bits = (BitReader) { p, end, 7 };
          packed = &bits;
        }
      *first_unknown = (flags & FLAG_FIRST_UNKNOWN) != 0;
      while (packed != NULL ? bits_left (packed) : p < end)
        {
          guint64 length_ms, break_ms;

          if (!read_lengths (&p, end, packed, orders, &length_ms, &break_ms) ||
              length_ms > (guint64) (last - run.first) / unit ||
              break_ms > (guint64) (last - run.first) / unit)
            goto bad;
          length_ms *= unit;
          break_ms *= unit;
          if (break_ms == 0 || length_ms > (guint64) (last - run.first) ||
              break_ms > (guint64) (last - run.first) - length_ms)
            goto bad;
          run.last = run.first + (gint64) length_ms;
          g_array_append_val (runs, run);
          run.first = run.last + (gint64) break_ms;
        }
    }
  run.last = last;
  g_array_append_val (runs, run);
  return TRUE;

bad:
  g_array_set_size (runs, 0);
  run = (LiaisonRun) { first, last };
  g_array_append_val (runs, run);
  *first_unknown = FALSE;
  return FALSE;
}

static gsize
varint_size (guint64 value)
{
  return value < 0x80 ? 1 : (g_bit_storage (value) + 6) / 7;
}

static guint64
gcd (guint64 a,
     guint64 b)
{
  while (b != 0)
    {
      guint64 t = a % b;

      a = b;
      b = t;
    }
  return a;
}

/**
 * liaison_runs_encode:
 * @runs: (element-type LiaisonRun): runs in time order
 * @length: (out): the blob's length
 *
 * Returns: (transfer full) (nullable): the blob to store beside the first
 *   and last found, or %NULL when there is nothing to store (one known run)
 */
guint8 *
liaison_runs_encode (const GArray *runs,
                     gboolean      first_unknown,
                     gsize        *length)
{
  GByteArray *out;
  guint64 unit = 0, run_bits, break_bits;
  g_autofree guint64 *lengths = NULL;
  gsize varint_bytes = 0;
  guint run_order, break_order;
  gboolean packed, packable = TRUE;

  *length = 0;
  if (runs->len == 0 || (runs->len == 1 && !first_unknown))
    return NULL;

  for (guint i = 0; i + 1 < runs->len; i++)
    {
      const LiaisonRun *run = &g_array_index (runs, LiaisonRun, i);
      const LiaisonRun *next = &g_array_index (runs, LiaisonRun, i + 1);

      unit = gcd (gcd (unit, (guint64) (run->last - run->first)), (guint64) (next->first - run->last));
    }

  if (unit == 0)
    unit = 1;
  /* Each break's two lengths in units, side by side (one more, so that
   * lengths + 1 points into the array when there is no break). */
  lengths = g_new (guint64, 2 * (runs->len - 1) + 1);
  for (guint i = 0; i + 1 < runs->len; i++)
    {
      const LiaisonRun *run = &g_array_index (runs, LiaisonRun, i);
      const LiaisonRun *next = &g_array_index (runs, LiaisonRun, i + 1);

      lengths[2 * i] = (guint64) (run->last - run->first) / unit;
      lengths[2 * i + 1] = (guint64) (next->first - run->last) / unit;
      varint_bytes += varint_size (lengths[2 * i]) + varint_size (lengths[2 * i + 1]);
      /* A code the reader takes has at most 62 bits after its first zeros;
       * a break is coded less one. */
      packable = packable && lengths[2 * i] < CODE_LIMIT && lengths[2 * i + 1] < CODE_LIMIT &&
                 lengths[2 * i + 1] > 0;
    }
  run_order = best_order (lengths, runs->len - 1, 0, MAX_RUN_ORDER, &run_bits);
  break_order = best_order (lengths + 1, runs->len - 1, 1, MAX_BREAK_ORDER, &break_bits);
  packed = packable && 1 + (run_bits + break_bits + 7) / 8 < varint_bytes;

  out = g_byte_array_new ();
  liaison_varint_put (out, (first_unknown ? FLAG_FIRST_UNKNOWN : 0) | (unit > 1 ? FLAG_UNIT : 0) |
                           (packed ? FLAG_PACKED : 0));
  if (unit > 1)
    liaison_varint_put (out, unit);
  if (packed)
    {
      BitWriter w = { out, 0, 0 };
      guint8 orders = (guint8) (break_order << 3 | run_order);

      g_byte_array_append (out, &orders, 1);
      for (guint i = 0; i + 1 < runs->len; i++)
        {
          write_code (&w, lengths[2 * i], run_order);
          write_code (&w, lengths[2 * i + 1] - 1, break_order);
        }
      write_bits (&w, 0, (8 - w.n) % 8);
    }
  else
    for (guint i = 0; i + 1 < runs->len; i++)
      {
        liaison_varint_put (out, lengths[2 * i]);
        liaison_varint_put (out, lengths[2 * i + 1]);
      }
  *length = out->len;
  return g_byte_array_free (out, FALSE);
}

/**
 * liaison_runs_find:
 * @runs: (array length=n_runs): runs in time order
 *
 * Returns: the index of the first run that ends at or after @time
 *   (@n_runs when none does)
 */
guint
liaison_runs_find (const LiaisonRun *runs,
                   guint             n_runs,
                   LiaisonTime       time)
{
  guint lo = 0, hi = n_runs;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (runs[mid].last < time)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static guint
first_run_ending_after (const GArray *runs,
                        LiaisonTime   time)
{
  return liaison_runs_find ((const LiaisonRun *) (gpointer) runs->data, runs->len, time);
}

/**
 * liaison_runs_add:
 * @runs: (element-type LiaisonRun): a record's runs
 * @first_unknown: whether its first run is not known in between
 * @time: a moment at which the record was active
 * @before: the latest moment before @time at which the record's listener
 *   was discovered, or %LIAISON_TIME_NONE
 * @after: the earliest such moment after @time, or %LIAISON_TIME_NONE
 *
 * Adds an active moment: it extends the run before it when nothing broke
 * that run since, the run after it likewise, joins the two when both hold,
 * else makes a run of its own. A first run that is not known in between
 * takes in moments before its end and is never extended past it.
 */
void
liaison_runs_add (GArray      *runs,
                  gboolean     first_unknown,
                  LiaisonTime  time,
                  LiaisonTime  before,
                  LiaisonTime  after)
{
  guint i = first_run_ending_after (runs, time);
  LiaisonRun *previous = i > 0 ? &g_array_index (runs, LiaisonRun, i - 1) : NULL;
  LiaisonRun *next = i < runs->len ? &g_array_index (runs, LiaisonRun, i) : NULL;
  gboolean join_previous, join_next;
  LiaisonRun run = { time, time };

  if (next != NULL && next->first <= time)
    return;

  if (first_unknown && i == 0 && next != NULL)
    {
      next->first = time;
      return;
    }

  join_previous = previous != NULL && !(first_unknown && i == 1) &&
                  (before == LIAISON_TIME_NONE || before <= previous->last);
  join_next = next != NULL && (after == LIAISON_TIME_NONE || after >= next->first);

  if (join_previous && join_next)
    {
      previous->last = next->last;
      g_array_remove_index (runs, i);
    }
  else if (join_previous)
    previous->last = time;
  else if (join_next)
    next->first = time;
  else
    g_array_insert_val (runs, i, run);
}

/**
 * liaison_runs_split:
 * @time: a moment at which the record's listener was discovered and the
 *   record was not active
 * @before: the latest moment before @time at which the listener was
 *   discovered
 * @after: the earliest such moment after @time
 *
 * Splits the run that holds @time strictly inside, if any, into the part
 * up to @before and the part from @after.
 *
 * Returns: whether a run was split
 */
gboolean
liaison_runs_split (GArray      *runs,
                    gboolean     first_unknown,
                    LiaisonTime  time,
                    LiaisonTime  before,
                    LiaisonTime  after)
{
  guint i = first_run_ending_after (runs, time);
  LiaisonRun *run;
  LiaisonRun right;

  if (i >= runs->len)
    return FALSE;
  run = &g_array_index (runs, LiaisonRun, i);
  if (run->first >= time || run->last <= time || (first_unknown && i == 0))
    return FALSE;

  /* The run's own ends were discovered moments: the neighbours lie between. */
  if (before == LIAISON_TIME_NONE || before < run->first || before >= time)
    before = run->first;
  if (after == LIAISON_TIME_NONE || after > run->last || after <= time)
    after = run->last;

  right = (LiaisonRun) { after, run->last };
  run->last = before;
  g_array_insert_val (runs, i + 1, right);
  return TRUE;
}

/**
 * liaison_runs_meet:
 * @runs: (array length=n_runs): runs in time order
 * @from: the start of a time range
 * @to: its end
 *
 * Returns: whether a run meets [@from, @to] (statistics.md 3.6: the record
 *   was seen in that time range)
 */
gboolean
liaison_runs_meet (const LiaisonRun *runs,
                   guint             n_runs,
                   LiaisonTime       from,
                   LiaisonTime       to)
{
  guint k = liaison_runs_find (runs, n_runs, from);

  return k < n_runs && runs[k].first <= to;
}
