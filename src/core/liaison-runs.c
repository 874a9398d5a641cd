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
 */

#define FLAG_FIRST_UNKNOWN 1
#define FLAG_UNIT          2

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
      if (!liaison_varint_get (&p, end, &flags) ||
          ((flags & FLAG_UNIT) != 0 && (!liaison_varint_get (&p, end, &unit) || unit == 0 ||
                                        unit > (guint64) (last - first))))
        goto bad;
      *first_unknown = (flags & FLAG_FIRST_UNKNOWN) != 0;
      while (p < end)
        {
          guint64 length_ms, break_ms;

          if (!liaison_varint_get (&p, end, &length_ms) ||
              !liaison_varint_get (&p, end, &break_ms) ||
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
  guint64 unit = 0;

  *length = 0;
  if (runs->len == 0 || (runs->len == 1 && !first_unknown))
    return NULL;

  for (guint i = 0; i + 1 < runs->len; i++)
    {
      const LiaisonRun *run = &g_array_index (runs, LiaisonRun, i);
      const LiaisonRun *next = &g_array_index (runs, LiaisonRun, i + 1);

      unit = gcd (gcd (unit, (guint64) (run->last - run->first)), (guint64) (next->first - run->last));
    }

  out = g_byte_array_new ();
  liaison_varint_put (out, (first_unknown ? FLAG_FIRST_UNKNOWN : 0) | (unit > 1 ? FLAG_UNIT : 0));
  if (unit > 1)
    liaison_varint_put (out, unit);
  else
    unit = 1;
  for (guint i = 0; i + 1 < runs->len; i++)
    {
      const LiaisonRun *run = &g_array_index (runs, LiaisonRun, i);
      const LiaisonRun *next = &g_array_index (runs, LiaisonRun, i + 1);

      liaison_varint_put (out, (guint64) (run->last - run->first) / unit);
      liaison_varint_put (out, (guint64) (next->first - run->last) / unit);
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
