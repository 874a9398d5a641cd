/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-error.h"
#include "liaison-store-private.h"
#include "liaison-store-samples-private.h"

/**
 * liaison_store_find_sample:
 * @found: (out): whether a sample with @content_hash was imported
 * @file_name: (out) (optional): its file name, when found
 * @imported_at: (out) (optional): when it was imported, when found
 *
 * Looks up an imported sample by the hash of its content.
 */
gboolean
liaison_store_find_sample (LiaisonStore  *self,
                           const char    *content_hash,
                           gboolean      *found,
                           char         **file_name,
                           LiaisonTime   *imported_at,
                           GError       **error)
{
  g_autoptr(LiaisonStmt) stmt = NULL;
  int rc;

  stmt = liaison_store_prepare (self,
                                "SELECT file_name, imported_at FROM sample WHERE content_hash = ?1",
                                error);
  if (stmt == NULL)
    return FALSE;

  liaison_bind_text (stmt, 1, content_hash);
  rc = liaison_stmt_step (stmt);
  if (rc != LIAISON_ROW && rc != LIAISON_DONE)
    return liaison_store_set_error (self, error);

  *found = rc == LIAISON_ROW;
  if (*found && file_name != NULL)
    *file_name = liaison_column_dup_text (stmt, 0);
  if (*found && imported_at != NULL)
    *imported_at = liaison_stmt_column_int64 (stmt, 1);
  return TRUE;
}

/**
 * liaison_store_add_sample:
 *
 * Records an imported sample. A sample whose content was imported before
 * is refused with %LIAISON_ERROR_DUPLICATE.
 */
gboolean
liaison_store_add_sample (LiaisonStore            *self,
                          const LiaisonSampleRow  *sample,
                          GError                 **error)
{
  g_autoptr(LiaisonStmt) stmt = NULL;

  stmt = liaison_store_prepare (self,
                                "INSERT INTO sample (kind, content_hash, file_name, host, sample_time,"
                                "  window_start, window_end, interval, records, imported_at)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                                error);
  if (stmt == NULL)
    return FALSE;

  liaison_bind_text (stmt, 1, sample->kind);
  liaison_bind_text (stmt, 2, sample->content_hash);
  liaison_bind_text (stmt, 3, sample->file_name);
  liaison_bind_text (stmt, 4, sample->host);
  liaison_bind_time (stmt, 5, sample->sample_time);
  liaison_bind_time (stmt, 6, sample->window_start);
  liaison_bind_time (stmt, 7, sample->window_end);
  if (sample->interval != 0)
    liaison_stmt_bind_int (stmt, 8, sample->interval);
  liaison_stmt_bind_int64 (stmt, 9, sample->records);
  liaison_bind_time (stmt, 10, sample->imported_at);

  if (liaison_stmt_step (stmt) != LIAISON_DONE)
    {
      if (liaison_store_failed_constraint (self))
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE,
                       _("%s: already imported"), sample->file_name);
          return FALSE;
        }
      return liaison_store_set_error (self, error);
    }

  return TRUE;
}

/* The service communications an import changed, by id (gint64 keys), kept
 * on the store while it imports: a set in memory, as one of them changes
 * with every observation of a busy sample. */
static G_DEFINE_QUARK (liaison-store-updated, updated)

static GHashTable *
updated_set (LiaisonStore *self)
{
  GHashTable *set = g_object_get_qdata (G_OBJECT (self), updated_quark ());

  if (set == NULL)
    {
      set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_object_set_qdata_full (G_OBJECT (self), updated_quark (), set, (GDestroyNotify) g_hash_table_unref);
    }

  return set;
}

/**
 * liaison_store_note_updated:
 *
 * Notes that an import changed service communication @communication_id
 * (its times, a device, its process), once however often it does.
 */
void
liaison_store_note_updated (LiaisonStore *self,
                            gint64        communication_id)
{
  GHashTable *set = updated_set (self);

  if (!g_hash_table_contains (set, &communication_id))
    g_hash_table_add (set, g_memdup2 (&communication_id, sizeof communication_id));
}

/**
 * liaison_store_new_rows_begin:
 * @base: (out): the largest ids now
 *
 * A new row always gets an id above the largest existing one, so the rows
 * above @base are what an import adds: counted by a range of ids
 * (liaison_store_new_rows_count()), not by counting whole tables twice.
 * The rows below it that the import changes are noted as it goes
 * (liaison_store_note_updated()).
 */
gboolean
liaison_store_new_rows_begin (LiaisonStore    *self,
                              LiaisonNewRows  *base,
                              GError         **error)
{
  base->updated_communication = 0;
  g_hash_table_remove_all (updated_set (self));
  return liaison_store_query_int (self, "SELECT coalesce(max(id), 0) FROM communication", &base->communication, error) &&
         liaison_store_query_int (self, "SELECT coalesce(max(id), 0) FROM stat_record", &base->record, error);
}

/* How many rows there are above the ids of @base, and how many below it
 * were changed. */
gboolean
liaison_store_new_rows_count (LiaisonStore          *self,
                              const LiaisonNewRows  *base,
                              LiaisonNewRows        *added,
                              GError               **error)
{
  GHashTableIter iter;
  gint64 *id;

  added->updated_communication = 0;
  g_hash_table_iter_init (&iter, updated_set (self));
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    if (*id <= base->communication)
      added->updated_communication++;
  g_hash_table_remove_all (updated_set (self));

  return liaison_store_query_int_with (self, "SELECT count(*) FROM communication WHERE id > ?1", base->communication,
                                       &added->communication, error) &&
         liaison_store_query_int_with (self, "SELECT count(*) FROM stat_record WHERE id > ?1", base->record,
                                       &added->record, error);
}
