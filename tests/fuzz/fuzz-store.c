/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "liaison-csv.h"
#include "liaison-export.h"
#include "liaison-statistics.h"
#include "liaison-store-communications.h"

/*
 * libFuzzer: any bytes as a database file that the store opens, then reads
 * as every command does (the list, the rows, the statistics, the export,
 * the CSV) and writes a row to. Each run is a file of its own in a
 * temporary folder.
 */

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static char *folder;
static char *path;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  folder = g_dir_make_tmp ("liaison-fuzz-store-XXXXXX", NULL);
  if (folder == NULL)
    abort ();
  path = g_build_filename (folder, "fuzz.db", NULL);
  return 0;
}

static void
check_error (const GError *error)
{
  if (error == NULL || error->message == NULL || !g_utf8_validate (error->message, -1, NULL))
    __builtin_trap ();
}

static gboolean
count_record (const LiaisonStatRecord  *record,
              gpointer                  user_data,
              GError                  **error)
{
  (*(guint *) user_data)++;
  return TRUE;
}

static gboolean
count_classic (const LiaisonClassicRecord  *record,
               gpointer                     user_data,
               GError                     **error)
{
  (*(guint *) user_data)++;
  return TRUE;
}

static void
read_everything (LiaisonStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GOutputStream) out = NULL;
  LiaisonQuery query = { NULL, LIAISON_COLUMN_ID, FALSE };
  LiaisonCommunicationInput input = { "10.0.0.9", "10.0.0.5", "443", "tcp" };
  guint records = 0;

  ids = liaison_store_query_ids (store, &query, &error);
  if (ids == NULL)
    {
      check_error (error);
      g_clear_error (&error);
    }
  else
    {
      g_autoptr(GPtrArray) rows = liaison_store_get_communications (store, (const gint64 *) (gpointer) ids->data,
                                                                    MIN (ids->len, 100), &error);

      if (rows == NULL)
        check_error (error);
      g_clear_error (&error);

      out = g_memory_output_stream_new_resizable ();
      if (!liaison_csv_write (store, (const gint64 *) (gpointer) ids->data, MIN (ids->len, 1000), out, NULL, &error))
        check_error (error);
      g_clear_error (&error);
      g_clear_object (&out);
    }

  if (!liaison_statistics_foreach_record (store, NULL, count_record, &records, &error) ||
      !liaison_statistics_foreach_classic (store, NULL, count_classic, &records, &error))
    check_error (error);
  g_clear_error (&error);

  out = g_memory_output_stream_new_resizable ();
  if (!liaison_export_statistics (store, NULL, 0, out, NULL, &error))
    check_error (error);
  g_clear_error (&error);

  if (liaison_store_add_communication (store, &input, &error) <= 0)
    check_error (error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const companions[] = { "-wal", "-shm", "-journal" };
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *file = g_strconcat (path, companions[i], NULL);

      g_unlink (file);
    }
  if (!g_file_set_contents_full (path, (const char *) data, (gssize) size, G_FILE_SET_CONTENTS_NONE, 0600, NULL))
    abort ();

  store = liaison_store_open_existing (path, &error);
  if ((store == NULL) == (error == NULL))
    __builtin_trap ();
  if (store == NULL)
    {
      check_error (error);
      return 0;
    }

  read_everything (store);
  return 0;
}
