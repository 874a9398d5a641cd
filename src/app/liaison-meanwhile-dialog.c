/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-meanwhile-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-error.h"
#include "liaison-format.h"
#include "liaison-job.h"
#include "liaison-meanwhile-dialog.h"
#include "liaison-question.h"
#include "liaison-toast.h"

/*
 * A write on rows a person saw in the list (a delete, a device set on a
 * selection) that meets someone else's change (team.md 3): the rows
 * changed meanwhile are shown as the person saw them and as they are now,
 * and the person writes them too, leaves them as they are, or cancels.
 * Rows deleted meanwhile are just gone; the caller says so. The check and
 * the write are one transaction in the store; asked again if yet another
 * change came in while the person chose. Both run in a worker, on a
 * connection of the write's own.
 */

/* Changed rows the question shows; it counts the others. */
#define SHOWN_CHANGES 5

/* Rows read at a time for rows the list holds no object of. */
#define FETCH_CHUNK 500

typedef struct
{
  GtkWidget             *widget;
  LiaisonStore          *store;      /* the main thread's: its path, and ::changed after a write */
  GPtrArray             *seen;       /* NULL until the rows chosen are read */
  GArray                *ids;        /* the rows chosen, until then */
  GPtrArray             *shown;      /* each as the list showed it, or NULL */
  guint                  gone;       /* rows chosen that were deleted before */
  LiaisonMeanwhileWrite  how;
  LiaisonMeanwhile      *meanwhile;  /* of the change asked about, or of the write done */
} SeenWrite;

static void
seen_write_free (SeenWrite *w)
{
  g_clear_object (&w->widget);
  g_clear_object (&w->store);
  g_clear_pointer (&w->seen, g_ptr_array_unref);
  g_clear_pointer (&w->ids, g_array_unref);
  g_clear_pointer (&w->shown, g_ptr_array_unref);
  g_clear_pointer (&w->meanwhile, liaison_meanwhile_free);
  if (w->how.notify != NULL)
    w->how.notify (w->how.user_data);
  g_free (w);
}

static void
object_unref0 (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

/**
 * liaison_meanwhile_hold_shown:
 * @shown: (array length=n): rows as the list shows them, or %NULL where it
 *   holds none
 *
 * Returns: (transfer container): @shown, each row held, to be written on later
 */
GPtrArray *
liaison_meanwhile_hold_shown (LiaisonCommunication **shown,
                              guint                  n)
{
  GPtrArray *held = g_ptr_array_new_full (n, object_unref0);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (held, shown[i] != NULL ? g_object_ref (shown[i]) : NULL);
  return held;
}

/* The write, for the next try: @w keeps nothing. */
static SeenWrite *
seen_write_steal (SeenWrite *w)
{
  SeenWrite *next = g_memdup2 (w, sizeof *w);

  w->widget = NULL;
  w->store = NULL;
  w->seen = NULL;
  w->ids = NULL;
  w->shown = NULL;
  w->meanwhile = NULL;
  w->how.notify = NULL;
  return next;
}

static void try_write (SeenWrite *w);

static void
on_response (AdwMessageDialog *dialog,
             const char       *response,
             SeenWrite        *w)
{
  gboolean anyway = g_strcmp0 (response, "anyway") == 0;
  g_autoptr(GPtrArray) rows = NULL;
  SeenWrite *next;

  if (!anyway && g_strcmp0 (response, "skip") != 0)
    return;

  rows = liaison_meanwhile_resolve (w->meanwhile, w->seen, anyway);
  next = seen_write_steal (w);
  g_ptr_array_unref (next->seen);
  next->seen = g_steal_pointer (&rows);
  g_clear_pointer (&next->meanwhile, liaison_meanwhile_free);
  try_write (next);
}

static GtkWidget *
grid_label (const char *text,
            gboolean    caption)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), caption ? 1.0f : 0.0f);
  gtk_label_set_yalign (GTK_LABEL (label), 0.0f);
  if (caption)
    gtk_widget_add_css_class (label, "dim-label");
  else
    {
      /* As wide as a row of IPv4 addresses usually is: wrapped only when longer. */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_width_chars (GTK_LABEL (label), 44);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_set_hexpand (label, TRUE);
    }
  return label;
}

/* Each changed row as the person saw it and as it is now, one under the
 * other, so that what changed lines up. */
static GtkWidget *
changes_grid (LiaisonMeanwhile *meanwhile)
{
  GtkWidget *grid = gtk_grid_new ();
  guint n = meanwhile->now->len;
  int line = 0;

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  for (guint i = 0; i < MIN (n, SHOWN_CHANGES); i++)
    {
      g_autofree char *was = liaison_format_communication (g_ptr_array_index (meanwhile->seen, i));
      g_autofree char *now = liaison_format_communication (g_ptr_array_index (meanwhile->now, i));
      /* TRANSLATORS: the caption of a row as the person saw it in the list */
      GtkWidget *caption = grid_label (_("You saw"), TRUE);
      GtkWidget *text = grid_label (was, FALSE);

      /* A gap between one row's pair and the next. */
      gtk_widget_set_margin_top (caption, i > 0 ? 10 : 0);
      gtk_widget_set_margin_top (text, i > 0 ? 10 : 0);
      gtk_grid_attach (GTK_GRID (grid), caption, 0, line, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), text, 1, line++, 1, 1);
      /* TRANSLATORS: the caption of the same row as someone else made it */
      gtk_grid_attach (GTK_GRID (grid), grid_label (_("Now"), TRUE), 0, line, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), grid_label (now, FALSE), 1, line++, 1, 1);
    }
  if (n > SHOWN_CHANGES)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("And %u more.", "And %u more.", n - SHOWN_CHANGES),
                                               n - SHOWN_CHANGES);
      GtkWidget *label = grid_label (more, FALSE);

      gtk_widget_set_margin_top (label, 10);
      gtk_grid_attach (GTK_GRID (grid), label, 1, line, 1, 1);
    }
  return grid;
}

/* The question: how many changed (and were deleted) meanwhile, what the
 * choices do, and the changed rows both ways. */
static void
ask (SeenWrite *w)
{
  LiaisonMeanwhile *meanwhile = w->meanwhile;
  guint n = meanwhile->now->len;
  guint gone = meanwhile->gone->len;
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *dialog;

  g_string_append_printf (body,
                          ngettext ("Someone else changed %u of these communications after the list showed it.",
                                    "Someone else changed %u of these communications after the list showed them.",
                                    n), n);
  if (gone > 0)
    {
      g_string_append_c (body, ' ');
      g_string_append_printf (body,
                              ngettext ("%u other was deleted by someone else meanwhile.",
                                        "%u others were deleted by someone else meanwhile.",
                                        gone), gone);
    }
  g_string_append_printf (body, "\n\n%s", w->how.words.question);

  dialog = liaison_question_new (w->widget, _("Changed Meanwhile"), body->str,
                                 w->how.words.destructive ? ADW_RESPONSE_DESTRUCTIVE : ADW_RESPONSE_SUGGESTED,
                                 "cancel", _("_Cancel"),
                                 "skip", w->how.words.skip_label,
                                 "anyway", w->how.words.anyway_label,
                                 NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), changes_grid (meanwhile));
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_response),
                         w, (GClosureNotify) (void (*) (void)) seen_write_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* In a worker: the rows chosen as the list showed them (read where it
 * showed none), then the write on them. */
static gboolean
seen_write_job (LiaisonStore  *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  SeenWrite *w = data;

  if (w->seen == NULL)
    {
      w->seen = liaison_meanwhile_shown_rows (store, (const gint64 *) (gpointer) w->ids->data,
                                              (LiaisonCommunication **) w->shown->pdata,
                                              w->ids->len, &w->gone, error);
      if (w->seen == NULL)
        return FALSE;
    }
  return w->how.write (store, w->seen, &w->meanwhile, w->how.user_data, error);
}

static void
on_written (gpointer      source,
            gpointer      data,
            const GError *error)
{
  SeenWrite *w = data;

  if (error == NULL)
    {
      /* The others' models read again; this store saw no write of its own. */
      liaison_store_changed (w->store);
      w->how.done (w->seen, w->gone, w->meanwhile, w->how.user_data);
      seen_write_free (w);
      return;
    }
  if (g_error_matches (error, LIAISON_ERROR, LIAISON_ERROR_CONFLICT) && w->meanwhile != NULL)
    {
      ask (w);
      return;
    }
  liaison_toast_add_error (w->widget, error);
  seen_write_free (w);
}

/* Takes @w. */
static void
try_write (SeenWrite *w)
{
  g_clear_pointer (&w->meanwhile, liaison_meanwhile_free);
  liaison_job_run (w->widget, liaison_job_connection_kept (w->store), seen_write_job, w, NULL,
                   NULL, on_written);
}

/**
 * liaison_meanwhile_write:
 * @widget: the widget that asked: the question is modal to its window, and
 *   a failure shows as a toast near it
 * @store: the database
 * @ids: (array length=n): the rows a person chose
 * @shown: (array length=n): each row as the list showed it, or %NULL where
 *   the list held no object of it; the rows are read as they are now there
 * @how: the question's words, the write (tried on the rows it is given, in
 *   a worker) and what follows once it is done (not when the person cancels
 *   or it fails)
 *
 * Writes on the rows chosen, in a worker (a server's take round trips,
 * team.md 3), asking the person when someone else changed some of them
 * meanwhile, and again until the write goes through or they cancel.
 */
void
liaison_meanwhile_write (GtkWidget                   *widget,
                         LiaisonStore                *store,
                         const gint64                *ids,
                         LiaisonCommunication       **shown,
                         guint                        n,
                         const LiaisonMeanwhileWrite *how)
{
  SeenWrite *w;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (LIAISON_IS_STORE (store));
  g_return_if_fail (n == 0 || (ids != NULL && shown != NULL));

  w = g_new0 (SeenWrite, 1);
  w->widget = g_object_ref (widget);
  w->store = g_object_ref (store);
  w->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  g_array_append_vals (w->ids, ids, n);
  w->shown = liaison_meanwhile_hold_shown (shown, n);
  w->how = *how;
  try_write (w);
}

/**
 * liaison_meanwhile_shown_rows:
 * @ids: (array length=n): the rows a person chose
 * @shown: (array length=n): each row as the list shows it, or %NULL where
 *   the list holds no object of it (never shown, or scrolled away)
 * @n_gone: (out): how many of @ids were already deleted
 *
 * The rows a write begins from: as the list shows them, or as they are now
 * where it shows none.
 *
 * Returns: (transfer container) (element-type LiaisonCommunication): the rows,
 *   in the order of @ids, those deleted left out; %NULL on a failure
 */
GPtrArray *
liaison_meanwhile_shown_rows (LiaisonStore          *store,
                              const gint64          *ids,
                              LiaisonCommunication **shown,
                              guint                  n,
                              guint                 *n_gone,
                              GError               **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_full (n, g_object_unref);
  g_autoptr(GArray) missing = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) fetched = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  guint gone = 0;

  for (guint i = 0; i < n; i++)
    if (shown[i] == NULL || liaison_communication_get_id (shown[i]) != ids[i])
      g_array_append_val (missing, ids[i]);

  if (missing->len > 0 && !liaison_store_begin_read (store, error))
    return NULL;
  for (guint first = 0; first < missing->len; first += FETCH_CHUNK)
    {
      g_autoptr(GPtrArray) now = liaison_store_get_communications (store, &g_array_index (missing, gint64, first),
                                                                   MIN (FETCH_CHUNK, missing->len - first), error);

      if (now == NULL)
        {
          liaison_store_end_read (store);
          return NULL;
        }
      for (guint i = 0; i < now->len; i++)
        {
          LiaisonCommunication *row = g_ptr_array_index (now, i);
          gint64 id = liaison_communication_get_id (row);

          g_hash_table_insert (fetched, g_memdup2 (&id, sizeof id), g_object_ref (row));
        }
    }
  if (missing->len > 0)
    liaison_store_end_read (store);

  for (guint i = 0; i < n; i++)
    {
      LiaisonCommunication *row = shown[i];

      if (row == NULL || liaison_communication_get_id (row) != ids[i])
        row = g_hash_table_lookup (fetched, &ids[i]);
      if (row != NULL)
        g_ptr_array_add (rows, g_object_ref (row));
      else
        gone++;
    }

  *n_gone = gone;
  return g_steal_pointer (&rows);
}

/**
 * liaison_meanwhile_done_title:
 * @done: what the write did ("2 communications deleted")
 * @gone: how many of the rows someone else had deleted already
 *
 * Returns: (transfer full): the toast's title: @done, and the rows that
 *   were gone, if any
 */
char *
liaison_meanwhile_done_title (const char *done,
                              guint       gone)
{
  g_autofree char *others = NULL;

  if (gone == 0)
    return g_strdup (done);

  others = g_strdup_printf (ngettext ("%u was already deleted by someone else",
                                      "%u were already deleted by someone else", gone), gone);
  /* TRANSLATORS: a toast: what was done ("2 communications deleted"), then
   * how many rows were gone ("1 was already deleted by someone else") */
  return g_strdup_printf (_("%s, %s"), done, others);
}
