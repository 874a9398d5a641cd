/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-cli"

#include "config.h"

#include <signal.h>
#include <stdio.h>

#include <glib-unix.h>
#include <glib/gi18n.h>

#include "liaison-cli-private.h"

/*
 * The rules of repeating commands (cli.md: `--every`, `watch-netflow`): a
 * main loop that SIGINT and SIGTERM end only through the command, after
 * the work under way; a line per sample or file, flushed at once so that a
 * log shows it; a failure said on stderr, and the command goes on.
 */

static gboolean
on_signal (gpointer user_data)
{
  LiaisonCliRepeat *repeat = user_data;

  if (!repeat->stopping)
    {
      repeat->stopping = TRUE;
      repeat->stop (repeat->data);
    }
  return G_SOURCE_CONTINUE;
}

/* Signals are handled between two pieces of work, in the main loop: @stop
 * is called then, and ends the command with liaison_cli_repeat_quit() once
 * the work under way is done. */
void
liaison_cli_repeat_init (LiaisonCliRepeat *repeat,
                         void            (*stop) (gpointer data),
                         gpointer          data)
{
  repeat->loop = g_main_loop_new (NULL, FALSE);
  repeat->stop = stop;
  repeat->data = data;
  repeat->stopping = FALSE;
  repeat->sigint_id = g_unix_signal_add (SIGINT, on_signal, repeat);
  repeat->sigterm_id = g_unix_signal_add (SIGTERM, on_signal, repeat);
}

void
liaison_cli_repeat_clear (LiaisonCliRepeat *repeat)
{
  g_clear_handle_id (&repeat->sigint_id, g_source_remove);
  g_clear_handle_id (&repeat->sigterm_id, g_source_remove);
  g_clear_handle_id (&repeat->next_id, g_source_remove);
  g_clear_pointer (&repeat->loop, g_main_loop_unref);
}

void
liaison_cli_repeat_run (LiaisonCliRepeat *repeat)
{
  g_main_loop_run (repeat->loop);
}

void
liaison_cli_repeat_quit (LiaisonCliRepeat *repeat)
{
  g_main_loop_quit (repeat->loop);
}

/* Ends a command that sampled: stopped on a schedule, it is done (0);
 * a single round or sample that failed somewhere is a failure (1). */
int
liaison_cli_repeat_finish (LiaisonCliRepeat *repeat,
                           gint64            every,
                           gboolean          failed)
{
  liaison_cli_repeat_clear (repeat);
  return liaison_cli_finish_stdout (every == 0 && failed ? LIAISON_CLI_STATUS_FAILURE
                                                         : LIAISON_CLI_STATUS_OK);
}

static gboolean
on_next (gpointer user_data)
{
  LiaisonCliRepeat *repeat = user_data;

  repeat->next_id = 0;
  repeat->next (repeat->data);
  return G_SOURCE_REMOVE;
}

/* Calls @next at the start of the next period of @every on the clock's
 * grid (at 10:05, 10:10, ... for 5m), so that samplers of the same
 * schedule meet in one period. */
void
liaison_cli_repeat_schedule (LiaisonCliRepeat *repeat,
                             gint64            every,
                             void            (*next) (gpointer data))
{
  LiaisonTime now = liaison_time_now ();
  /* A little after the start, never before it: `now` is rounded down to
   * the millisecond, and the two clocks may drift apart by a little. */
  gint64 wait = liaison_period_start (now, every) + every - now + 20;

  g_clear_handle_id (&repeat->next_id, g_source_remove);
  repeat->next = next;
  repeat->next_id = g_timeout_add ((guint) MIN (wait, (gint64) G_MAXUINT), on_next, repeat);
}

/* A DURATION option (90s, 5m, 2h, 7d) of at least a second; 0 without it. */
gboolean
liaison_cli_parse_duration (const char *option,
                            const char *text,
                            gint64     *out,
                            int        *status)
{
  g_autoptr(GError) error = NULL;

  *out = 0;
  if (text == NULL)
    return TRUE;
  if (!liaison_duration_parse (text, out, &error))
    return liaison_cli_stop_usage (status, "%s: %s", option, error->message);
  if (*out < 1000)
    return liaison_cli_stop_usage (status, _("%s: “%s” is too short: at least 1s"), option, text);
  return TRUE;
}

/* --every DURATION or --period DURATION, not both: the samples of a
 * schedule belong to its periods. */
gboolean
liaison_cli_parse_schedule (const LiaisonCliCommand *command,
                            const char              *every_text,
                            const char              *period_text,
                            gint64                  *every,
                            gint64                  *period,
                            int                     *status)
{
  if (!liaison_cli_parse_duration ("--every", every_text, every, status) ||
      !liaison_cli_parse_duration ("--period", period_text, period, status))
    return FALSE;
  if (*every > 0 && *period > 0)
    return liaison_cli_stop_usage (status, _("%s: give either %s or %s"), command->name, "--every", "--period");
  if (*every > 0)
    *period = *every;
  return TRUE;
}

/* “42 sockets, 3 new service communications, 5 new statistics records” */
char *
liaison_cli_sample_counts (const LiaisonImportSummary *summary,
                           gboolean                    sockets)
{
  g_autofree char *records = NULL;
  g_autofree char *communications = NULL;
  g_autofree char *statistics = NULL;

  if (sockets)
    records = g_strdup_printf (ngettext ("%u socket", "%u sockets", summary->records), summary->records);
  else
    records = g_strdup_printf (ngettext ("%u record", "%u records", summary->records), summary->records);
  communications = g_strdup_printf (ngettext ("%u new service communication",
                                              "%u new service communications",
                                              summary->new_communications),
                                    summary->new_communications);
  statistics = g_strdup_printf (ngettext ("%u new statistics record",
                                          "%u new statistics records",
                                          summary->new_statistics),
                                summary->new_statistics);

  /* Translators: what one sample or file added: “42 sockets, 3 new
   * service communications, 5 new statistics records”. */
  return g_strdup_printf (_("%s, %s, %s"), records, communications, statistics);
}

static void
time_text (LiaisonTime time,
           char        buf[LIAISON_TIME_STRLEN])
{
  liaison_time_to_string (liaison_period_start (time, 1000), buf);
}

/* One line on stdout: “TIME LABEL: TEXT”, written out at once. */
void
liaison_cli_print_sample (LiaisonTime  time,
                          const char  *label,
                          const char  *text)
{
  g_autofree char *shown = liaison_cli_printable (label);
  char when[LIAISON_TIME_STRLEN];

  time_text (time, when);
  printf ("%s %s: %s\n", when, shown, text);
  fflush (stdout);
}

/* One line on stderr: “liaison-cli: TIME what went wrong”. */
void
liaison_cli_print_sample_error (LiaisonTime   time,
                                const GError *error)
{
  char when[LIAISON_TIME_STRLEN];

  time_text (time, when);
  liaison_cli_print_error ("%s %s", when, error->message);
}
