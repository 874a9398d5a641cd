/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "liaison-runs-private.h"
#include "liaison-test-fixture.h"

/* The run arithmetic of statistics.md 3.6 in memory (liaison-runs.c):
 * the stored form, and what one moment does. Times are minutes here. */

#define M(minutes) ((LiaisonTime) (minutes) * 60000)

static GArray *
runs_of (const LiaisonTime *pairs,
         guint              n)
{
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (LiaisonRun));

  for (guint i = 0; i < n; i++)
    {
      LiaisonRun run = { M (pairs[2 * i]), M (pairs[2 * i + 1]) };

      g_array_append_val (runs, run);
    }
  return runs;
}

/* "[0 10] [20 20]", in minutes. */
static char *
runs_text (const GArray *runs)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < runs->len; i++)
    {
      const LiaisonRun *run = &g_array_index (runs, LiaisonRun, i);

      g_string_append_printf (text, "%s[%" G_GINT64_FORMAT " %" G_GINT64_FORMAT "]",
                              i > 0 ? " " : "", run->first / 60000, run->last / 60000);
    }
  return g_string_free (text, FALSE);
}

static void
assert_round_trip (const GArray *runs,
                   gboolean      first_unknown,
                   gsize         expected_length)
{
  g_autoptr(GArray) back = g_array_new (FALSE, FALSE, sizeof (LiaisonRun));
  g_autofree guint8 *blob = NULL;
  g_autofree char *want = runs_text (runs);
  g_autofree char *got = NULL;
  gboolean unknown = !first_unknown;
  gsize length;

  blob = liaison_runs_encode (runs, first_unknown, &length);
  g_assert_cmpuint (length, ==, expected_length);
  g_assert_true ((blob == NULL) == (expected_length == 0));
  g_assert_true (liaison_runs_decode (blob, length, g_array_index (runs, LiaisonRun, 0).first,
                                      g_array_index (runs, LiaisonRun, runs->len - 1).last, back, &unknown));
  got = runs_text (back);
  g_assert_cmpstr (got, ==, want);
  g_assert_true (unknown == first_unknown);
}

/* One known run stores nothing; a break costs its two lengths. */
static void
test_stored_form (void)
{
  static const LiaisonTime one[] = { 0, 10080 };
  static const LiaisonTime three[] = { 0, 5, 10, 10, 1440, 2880 };
  g_autoptr(GArray) single = runs_of (one, 1);
  g_autoptr(GArray) several = runs_of (three, 3);
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (LiaisonRun));
  static const guint8 short_blob[] = { 0, 0x80 };
  static const guint8 too_long[] = { 0, 1, 1 };
  static const guint8 zero_unit[] = { 2, 0, 1, 1 };
  gboolean unknown;

  assert_round_trip (single, FALSE, 0);
  /* The flag of a first run that is not known in between: one byte. */
  assert_round_trip (single, TRUE, 1);
  /* Lengths of 5, 5, 0 and 1430 min: in units of 5 min (300,000 ms, 3
   * bytes), 1, 1, 0 and 286: 5 bytes as numbers, 22 bits packed (the
   * runs' 1 and 0 in 3 and 1, the breaks' 0 and 285 less one in 1 and 17)
   * in 3 bytes after a byte of orders. */
  assert_round_trip (several, FALSE, 1 + 3 + 1 + 3);
  /* A millisecond off the grid: no unit, lengths in milliseconds. */
  g_array_index (several, LiaisonRun, 1).first += 1;
  g_array_index (several, LiaisonRun, 1).last += 1;
  assert_round_trip (several, FALSE, 1 + 3 + 3 + 1 + 4);

  /* No first found: no runs. */
  g_assert_true (liaison_runs_decode (NULL, 0, LIAISON_TIME_NONE, LIAISON_TIME_NONE, runs, &unknown));
  g_assert_cmpuint (runs->len, ==, 0);

  /* A blob that does not fit its record is refused, leaving one run. */
  g_assert_false (liaison_runs_decode (short_blob, sizeof short_blob, M (0), M (10), runs, &unknown));
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_false (liaison_runs_decode (too_long, sizeof too_long, M (0), M (0) + 1, runs, &unknown));
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpint (g_array_index (runs, LiaisonRun, 0).last, ==, 1);
  g_assert_false (liaison_runs_decode (zero_unit, sizeof zero_unit, M (0), M (10), runs, &unknown));
}

/* A record that comes and goes: a hundred runs of one sample, five minutes
 * apart, with breaks of 1 to 8 samples. As numbers, two bytes a break;
 * packed, a bit a run and 2 to 6 bits a break (order 1). */
static void
test_packed (void)
{
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (LiaisonRun));
  g_autoptr(GArray) back = g_array_new (FALSE, FALSE, sizeof (LiaisonRun));
  g_autofree guint8 *blob = NULL;
  LiaisonTime t = M (0);
  gboolean unknown;
  gsize length;

  for (guint i = 0; i < 100; i++)
    {
      LiaisonRun run = { t, t };

      g_array_append_val (runs, run);
      t += M (5) * (1 + i % 8);
    }
  /* 99 bits of runs, 392 of breaks: 62 bytes, against 1 + 3 + 198. */
  assert_round_trip (runs, FALSE, 1 + 3 + 1 + 62);
  assert_round_trip (runs, TRUE, 1 + 3 + 1 + 62);

  /* Cut short, it does not fit its record. */
  blob = liaison_runs_encode (runs, FALSE, &length);
  g_assert_false (liaison_runs_decode (blob, length - 1, M (0), g_array_index (runs, LiaisonRun, 99).last,
                                       back, &unknown));
  g_assert_cmpuint (back->len, ==, 1);
  /* Its first byte of codes alone: a run of 0 ("1"), a break of 1 less
   * one ("10" in order 1), then the zeros that fill the byte up. */
  blob[5] = 0xC0;
  g_assert_true (liaison_runs_decode (blob, 6, M (0), M (10), back, &unknown));
  g_assert_cmpuint (back->len, ==, 2);
  g_assert_cmpint (g_array_index (back, LiaisonRun, 1).first, ==, M (5));
  /* A break past the record's last found does not fit. */
  blob[5] = 0xE0;                     /* a break of 2 less one ("11") */
  g_assert_false (liaison_runs_decode (blob, 6, M (0), M (5), back, &unknown));
}

/* Adding an active moment with its neighbours among the moments at which
 * the listener was discovered. */
static void
test_add (void)
{
  static const struct
  {
    const char *before;           /* runs, in minutes */
    gboolean    unknown;
    LiaisonTime time;
    LiaisonTime prev;             /* negative: none */
    LiaisonTime next;
    const char *after;
  } cases[] = {
    /* Nothing discovered in between: it extends the run. */
    { "[0 10]", FALSE, 15, 10, -1, "[0 15]" },
    /* A discovered moment in between (12) broke it: a run of its own. */
    { "[0 10]", FALSE, 15, 12, -1, "[0 10] [15 15]" },
    /* Late, before the run, nothing discovered between: extends it back. */
    { "[10 20]", FALSE, 5, -1, 10, "[5 20]" },
    { "[10 20]", FALSE, 5, -1, 7, "[5 5] [10 20]" },
    /* Between two runs with nothing discovered either side: joins them. */
    { "[0 10] [20 30]", FALSE, 15, 10, 20, "[0 30]" },
    { "[0 10] [20 30]", FALSE, 15, 12, 20, "[0 10] [15 30]" },
    { "[0 10] [20 30]", FALSE, 15, 10, 18, "[0 15] [20 30]" },
    { "[0 10] [20 30]", FALSE, 15, 12, 18, "[0 10] [15 15] [20 30]" },
    /* Inside a run: nothing changes. */
    { "[0 10] [20 30]", FALSE, 25, 20, 30, "[0 10] [20 30]" },
    /* The first run predates runs: a moment after it never extends it;
     * one before it is taken in. */
    { "[0 10]", TRUE, 15, 10, -1, "[0 10] [15 15]" },
    { "[0 10]", TRUE, -5, -1, 0, "[-5 10]" },
    { "[0 10] [20 30]", TRUE, 15, 10, 20, "[0 10] [15 30]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (LiaisonRun));
      g_auto(GStrv) pairs = g_strsplit_set (cases[i].before, "[] ", -1);
      g_autofree char *text = NULL;
      LiaisonTime values[8];
      guint n = 0;

      for (guint k = 0; pairs[k] != NULL; k++)
        if (pairs[k][0] != '\0')
          values[n++] = g_ascii_strtoll (pairs[k], NULL, 10);
      g_array_unref (runs);
      runs = runs_of (values, n / 2);

      liaison_runs_add (runs, cases[i].unknown, M (cases[i].time),
                        cases[i].prev < 0 ? LIAISON_TIME_NONE : M (cases[i].prev),
                        cases[i].next < 0 ? LIAISON_TIME_NONE : M (cases[i].next));
      text = runs_text (runs);
      g_test_message ("case %u: %s + %" G_GINT64_FORMAT, i, cases[i].before, cases[i].time);
      g_assert_cmpstr (text, ==, cases[i].after);
    }
}

/* A moment at which the listener was discovered and the record was not
 * active splits the run it lies strictly inside. */
static void
test_split (void)
{
  static const LiaisonTime pairs[] = { 0, 30, 40, 40 };
  g_autoptr(GArray) runs = runs_of (pairs, 2);
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;

  g_assert_false (liaison_runs_split (runs, FALSE, M (35), M (30), M (40)));
  g_assert_false (liaison_runs_split (runs, FALSE, M (40), M (30), M (45)));
  g_assert_true (liaison_runs_split (runs, FALSE, M (15), M (10), M (20)));
  text = runs_text (runs);
  g_assert_cmpstr (text, ==, "[0 10] [20 30] [40 40]");

  /* A first run not known in between is never split. */
  g_assert_false (liaison_runs_split (runs, TRUE, M (5), M (0), M (10)));
  g_assert_true (liaison_runs_split (runs, TRUE, M (25), M (20), M (30)));
  text2 = runs_text (runs);
  g_assert_cmpstr (text2, ==, "[0 10] [20 20] [30 30] [40 40]");
}

/* Seen in a time range: a run meets it. */
static void
test_meet (void)
{
  static const LiaisonTime pairs[] = { 0, 10, 20, 30 };
  g_autoptr(GArray) runs = runs_of (pairs, 2);
  const LiaisonRun *r = (const LiaisonRun *) (gpointer) runs->data;

  g_assert_true (liaison_runs_meet (r, 2, M (5), M (6)));
  g_assert_true (liaison_runs_meet (r, 2, M (10), M (12)));
  g_assert_false (liaison_runs_meet (r, 2, M (11), M (19)));
  g_assert_true (liaison_runs_meet (r, 2, M (11), M (20)));
  g_assert_false (liaison_runs_meet (r, 2, M (31), M (40)));
  g_assert_false (liaison_runs_meet (r, 2, M (-5), M (-1)));
  g_assert_false (liaison_runs_meet (r, 0, M (0), M (40)));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/runs/stored-form", test_stored_form);
  g_test_add_func ("/runs/packed", test_packed);
  g_test_add_func ("/runs/add", test_add);
  g_test_add_func ("/runs/split", test_split);
  g_test_add_func ("/runs/meet", test_meet);

  return g_test_run ();
}
