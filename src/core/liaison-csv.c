/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-csv"

#include "config.h"

#include <string.h>

#include "liaison-csv.h"
#include "liaison-store-communications.h"

/* Rows read from the store per round trip, and written per write. */
#define CHUNK 500

/* What a spreadsheet takes for the start of a formula (OWASP's list, and a
 * line feed): a cell that starts with one is written after a `'`, which
 * makes it text. The numeric columns (id, port) never start with one: a
 * `-` in any other column is a process name or worse, never a number. */
static gboolean
is_formula_start (char c)
{
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\n';
}

/* A field is quoted when it holds a comma, a quote or a line break; quotes
 * inside are doubled. Unknown values (NULL or "") are empty fields. */
static void
append_field (GString         *out,
              const char      *text,
              LiaisonCsvFlags  flags)
{
  gboolean neutralize;

  if (text == NULL)
    return;

  neutralize = (flags & LIAISON_CSV_RAW) == 0 && is_formula_start (text[0]);
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      if (neutralize)
        g_string_append_c (out, '\'');
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  if (neutralize)
    g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_header (GString *out)
{
  for (LiaisonColumn column = 0; column < LIAISON_N_COLUMNS; column++)
    {
      if (column > 0)
        g_string_append_c (out, ',');
      g_string_append (out, liaison_column_to_string (column));
    }
  g_string_append_c (out, '\n');
}

static void
append_communication (GString              *out,
                      LiaisonCommunication *communication,
                      LiaisonCsvFlags       flags)
{
  for (LiaisonColumn column = 0; column < LIAISON_N_COLUMNS; column++)
    {
      g_autofree char *text = liaison_communication_dup_column_text (communication, column);

      if (column > 0)
        g_string_append_c (out, ',');
      append_field (out, text, flags);
    }
  g_string_append_c (out, '\n');
}

/* The header, then the rows @ids a chunk at a time, every chunk from one
 * state of the database. */
static gboolean
write_rows (LiaisonStore        *store,
            const gint64        *ids,
            guint                n_ids,
            LiaisonCsvFlags      flags,
            LiaisonCsvProgress   progress,
            gpointer             user_data,
            GOutputStream       *stream,
            GCancellable        *cancellable,
            GError             **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean ok = TRUE;

  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!liaison_store_begin_read (store, error))
    return FALSE;

  append_header (out);

  for (guint first = 0; ok && first < n_ids; first += CHUNK)
    {
      g_autoptr(GPtrArray) rows = NULL;

      ok = !g_cancellable_set_error_if_cancelled (cancellable, error);
      if (ok)
        rows = liaison_store_get_communications (store, ids + first, MIN (CHUNK, n_ids - first), error);
      if (rows == NULL)
        {
          ok = FALSE;
          break;
        }

      for (guint i = 0; i < rows->len; i++)
        append_communication (out, g_ptr_array_index (rows, i), flags);

      ok = g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error);
      g_string_truncate (out, 0);

      if (ok && progress != NULL)
        progress (first + rows->len, n_ids, user_data);
    }

  if (ok && out->len > 0)
    ok = g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error);

  liaison_store_end_read (store);
  return ok;
}

/*
 * Writes the header and then the rows @ids, in that order, to @stream,
 * reading them from @store a chunk at a time. @stream is left open. A cell
 * that a spreadsheet would run as a formula is written after a `'`.
 */
gboolean
liaison_csv_write (LiaisonStore   *store,
                   const gint64   *ids,
                   guint           n_ids,
                   GOutputStream  *stream,
                   GCancellable   *cancellable,
                   GError        **error)
{
  return liaison_csv_write_full (store, ids, n_ids, LIAISON_CSV_NONE, stream, cancellable, error);
}

/* liaison_csv_write(), and with LIAISON_CSV_RAW every cell as it is stored. */
gboolean
liaison_csv_write_full (LiaisonStore     *store,
                        const gint64     *ids,
                        guint             n_ids,
                        LiaisonCsvFlags   flags,
                        GOutputStream    *stream,
                        GCancellable     *cancellable,
                        GError          **error)
{
  return write_rows (store, ids, n_ids, flags, NULL, NULL, stream, cancellable, error);
}

/**
 * liaison_csv_write_progress:
 * @progress: (nullable): told how many rows are written after each chunk
 *
 * liaison_csv_write(), saying how far it is: an export of a whole list
 * shows its progress and can be cancelled between chunks.
 */
gboolean
liaison_csv_write_progress (LiaisonStore        *store,
                            const gint64        *ids,
                            guint                n_ids,
                            GOutputStream       *stream,
                            LiaisonCsvProgress   progress,
                            gpointer             user_data,
                            GCancellable        *cancellable,
                            GError             **error)
{
  return write_rows (store, ids, n_ids, LIAISON_CSV_NONE, progress, user_data, stream, cancellable, error);
}
