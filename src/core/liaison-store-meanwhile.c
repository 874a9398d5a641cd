/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-error.h"
#include "liaison-store-communications.h"
#include "liaison-store-communications-private.h"
#include "liaison-store-private.h"

/*
 * What someone else did to service communications since a person saw them
 * (team.md 3): a write that a person began from the rows a list showed
 * (a delete, a device set on a selection) first compares them with the
 * rows as they are now, in its own transaction, so that no one's edit can
 * land between the check and the write.
 */

/* Rows read at a time for the check. */
#define CHECK_CHUNK 500

static LiaisonMeanwhile *
liaison_meanwhile_new (void)
{
  LiaisonMeanwhile *meanwhile = g_new0 (LiaisonMeanwhile, 1);

  meanwhile->seen = g_ptr_array_new_with_free_func (g_object_unref);
  meanwhile->now = g_ptr_array_new_with_free_func (g_object_unref);
  meanwhile->gone = g_array_new (FALSE, FALSE, sizeof (gint64));
  return meanwhile;
}

void
liaison_meanwhile_free (LiaisonMeanwhile *meanwhile)
{
  if (meanwhile == NULL)
    return;
  g_clear_pointer (&meanwhile->seen, g_ptr_array_unref);
  g_clear_pointer (&meanwhile->now, g_ptr_array_unref);
  g_clear_pointer (&meanwhile->gone, g_array_unref);
  g_free (meanwhile);
}

/**
 * liaison_communication_same_editable:
 *
 * Whether the fields a person edits are the same in both rows. What an
 * import changes (the times detected) does not count.
 */
gboolean
liaison_communication_same_editable (LiaisonCommunication *a,
                                     LiaisonCommunication *b)
{
  return g_strcmp0 (liaison_communication_get_client_ip (a), liaison_communication_get_client_ip (b)) == 0 &&
         g_strcmp0 (liaison_communication_get_listener_ip (a), liaison_communication_get_listener_ip (b)) == 0 &&
         liaison_communication_get_port (a) == liaison_communication_get_port (b) &&
         g_strcmp0 (liaison_communication_get_protocol (a), liaison_communication_get_protocol (b)) == 0 &&
         g_strcmp0 (liaison_communication_get_client_device (a), liaison_communication_get_client_device (b)) == 0 &&
         g_strcmp0 (liaison_communication_get_listener_device (a), liaison_communication_get_listener_device (b)) == 0 &&
         g_strcmp0 (liaison_communication_get_client_process_name (a),
                    liaison_communication_get_client_process_name (b)) == 0 &&
         g_strcmp0 (liaison_communication_get_client_process_display_name (a),
                    liaison_communication_get_client_process_display_name (b)) == 0;
}

/**
 * liaison_store_check_seen:
 * @seen: (element-type LiaisonCommunication): the rows as a person saw them
 * @meanwhile: (out) (optional) (transfer full): what someone else did to
 *   them since; set also when the check fails for a change
 *
 * Inside a write transaction: compares @seen with the rows now. Rows
 * deleted meanwhile are left out; when someone else changed one, the error
 * is %LIAISON_ERROR_CONFLICT and @meanwhile says which and how, so that the
 * person can choose and the caller write nothing.
 *
 * Returns: (transfer full): the ids of @seen still there, in its order; or
 *   %NULL
 */
GArray *
liaison_store_check_seen (LiaisonStore      *self,
                          GPtrArray         *seen,
                          LiaisonMeanwhile **meanwhile,
                          GError           **error)
{
  g_autoptr(LiaisonMeanwhile) found = liaison_meanwhile_new ();
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), seen->len);
  g_autofree gint64 *chunk = g_new (gint64, CHECK_CHUNK);
  guint changed;

  for (guint first = 0; first < seen->len; first += CHECK_CHUNK)
    {
      guint n = MIN (CHECK_CHUNK, seen->len - first);
      g_autoptr(GPtrArray) now = NULL;
      guint k = 0;

      for (guint i = 0; i < n; i++)
        chunk[i] = liaison_communication_get_id (g_ptr_array_index (seen, first + i));
      /* In the order of the ids asked for, the deleted ones left out. */
      now = liaison_store_get_communications (self, chunk, n, error);
      if (now == NULL)
        return NULL;

      for (guint i = 0; i < n; i++)
        {
          LiaisonCommunication *was = g_ptr_array_index (seen, first + i);
          LiaisonCommunication *is = NULL;

          if (k < now->len && liaison_communication_get_id (g_ptr_array_index (now, k)) == chunk[i])
            is = g_ptr_array_index (now, k++);

          if (is == NULL)
            {
              g_array_append_val (found->gone, chunk[i]);
              continue;
            }
          g_array_append_val (ids, chunk[i]);
          if (!liaison_communication_same_editable (was, is))
            {
              g_ptr_array_add (found->seen, g_object_ref (was));
              g_ptr_array_add (found->now, g_object_ref (is));
            }
        }
    }

  changed = found->now->len;
  if (changed > 0)
    g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_CONFLICT,
                 ngettext ("someone else changed %u service communication since it was shown",
                           "someone else changed %u service communications since they were shown",
                           changed),
                 changed);
  if (meanwhile != NULL)
    *meanwhile = g_steal_pointer (&found);
  return changed > 0 ? NULL : g_steal_pointer (&ids);
}

/**
 * liaison_store_check_ids:
 * @rows: what to write on; its @meanwhile gets what someone else did to
 *   its @seen since (one there from an earlier run of the write is let go)
 *
 * Inside the transaction of a write on rows a person saw: @seen checked
 * (liaison_store_check_seen()), so that the write goes only to what the
 * person saw.
 *
 * Returns: (transfer full) (element-type gint64): the ids to write: those of
 *   @seen still there, or else @ids; %NULL with @error set
 */
GArray *
liaison_store_check_ids (LiaisonStore     *self,
                         LiaisonSeenRows  *rows,
                         GError          **error)
{
  GArray *ids;

  if (rows->seen != NULL)
    {
      g_clear_pointer (&rows->meanwhile, liaison_meanwhile_free);
      return liaison_store_check_seen (self, rows->seen, &rows->meanwhile, error);
    }
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), rows->n_ids);
  g_array_append_vals (ids, rows->ids, rows->n_ids);
  return ids;
}

/* Hands what liaison_store_check_ids() found to the caller that asked for
 * it in @out, or lets it go. */
void
liaison_meanwhile_give (LiaisonSeenRows   *rows,
                        LiaisonMeanwhile **out)
{
  if (out != NULL)
    *out = g_steal_pointer (&rows->meanwhile);
  g_clear_pointer (&rows->meanwhile, liaison_meanwhile_free);
}

/**
 * liaison_meanwhile_resolve:
 * @seen: (element-type LiaisonCommunication): the rows a write was tried with
 * @anyway: %TRUE to write over the others' changes, %FALSE to leave the
 *   rows they changed as they are
 *
 * What to try the write with once the person has chosen: @seen with the
 * rows changed meanwhile as they are now, or without them.
 *
 * Returns: (transfer container) (element-type LiaisonCommunication): the rows
 */
GPtrArray *
liaison_meanwhile_resolve (LiaisonMeanwhile *meanwhile,
                           GPtrArray        *seen,
                           gboolean          anyway)
{
  g_autoptr(GHashTable) changed = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree gint64 *ids = NULL;
  GPtrArray *rows;

  g_return_val_if_fail (meanwhile != NULL, NULL);
  g_return_val_if_fail (seen != NULL, NULL);

  ids = g_new (gint64, MAX (meanwhile->now->len, 1));
  for (guint i = 0; i < meanwhile->now->len; i++)
    {
      ids[i] = liaison_communication_get_id (g_ptr_array_index (meanwhile->now, i));
      g_hash_table_insert (changed, &ids[i], g_ptr_array_index (meanwhile->now, i));
    }

  rows = g_ptr_array_new_full (seen->len, g_object_unref);
  for (guint i = 0; i < seen->len; i++)
    {
      LiaisonCommunication *row = g_ptr_array_index (seen, i);
      gint64 id = liaison_communication_get_id (row);
      LiaisonCommunication *now = g_hash_table_lookup (changed, &id);

      if (now == NULL)
        g_ptr_array_add (rows, g_object_ref (row));
      else if (anyway)
        g_ptr_array_add (rows, g_object_ref (now));
    }
  return rows;
}
