/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "liaison-communication.h"
#include "liaison-error.h"
#include "liaison-store-communications-private.h"
#include "liaison-store-observations-private.h"
#include "liaison-store-pg-copy-private.h"
#include "liaison-store-samples-private.h"

/* One existing row of an observed conversation. */
typedef struct
{
  gint64 id;
  char  *process;
  char  *client_device;
  char  *listener_device;
  guint  user_fields;
  gint64 first_detected;     /* LIAISON_TIME_NONE when unset */
  gint64 last_detected;
} ObservedRow;

static void
observed_row_clear (gpointer data)
{
  ObservedRow *row = data;

  g_free (row->process);
  g_free (row->client_device);
  g_free (row->listener_device);
}

static gint
observed_row_compare (gconstpointer a,
                      gconstpointer b)
{
  gint64 x = ((const ObservedRow *) a)->id;
  gint64 y = ((const ObservedRow *) b)->id;

  return x < y ? -1 : x > y;
}

/* Appends to @rows the row whose columns start at @first: id, process,
 * client device, listener device, user fields, first and last detected. */
static void
append_observed_row (LiaisonStmt *stmt,
                     int          first,
                     GArray      *rows)
{
  ObservedRow row = {
    liaison_stmt_column_int64 (stmt, first),
    liaison_column_dup_text (stmt, first + 1),
    liaison_column_dup_text (stmt, first + 2),
    liaison_column_dup_text (stmt, first + 3),
    (guint) liaison_stmt_column_int (stmt, first + 4),
    liaison_column_time (stmt, first + 5),
    liaison_column_time (stmt, first + 6),
  };

  g_array_append_val (rows, row);
}

/* The key of an identity in store->looked_up: the keys of the addresses,
 * the port, the protocol and the scope. */
static GBytes *
identity_key (const guint8 *client_key,
              const guint8 *listener_key,
              guint         port,
              const char   *protocol,
              const char   *scope)
{
  GByteArray *key = g_byte_array_sized_new (LIAISON_ADDRESS_KEY_LEN * 2 + 16);
  guint8 port_bytes[2] = { port >> 8, port & 0xff };

  g_byte_array_append (key, client_key, LIAISON_ADDRESS_KEY_LEN);
  g_byte_array_append (key, listener_key, LIAISON_ADDRESS_KEY_LEN);
  g_byte_array_append (key, port_bytes, 2);
  g_byte_array_append (key, (const guint8 *) protocol, strlen (protocol) + 1);
  g_byte_array_append (key, (const guint8 *) scope, strlen (scope) + 1);
  return g_byte_array_free_to_bytes (key);
}

/* The rows of an identity read ahead, moved into @rows: FALSE when it was
 * not read ahead. Each is taken once: its rows change after. */
static gboolean
take_looked_up (LiaisonStore *self,
                GBytes       *key,
                GArray       *rows)
{
  gpointer found_key = NULL, found = NULL;
  GArray *looked_up;

  if (!g_hash_table_steal_extended (self->looked_up, key, &found_key, &found))
    return FALSE;
  g_bytes_unref (found_key);
  looked_up = found;
  /* the texts go to @rows */
  g_array_append_vals (rows, looked_up->data, looked_up->len);
  g_array_set_clear_func (looked_up, NULL);
  g_array_unref (looked_up);
  return TRUE;
}

/* The rows of one conversation in id order, through the identity index
 * (without the hint, an index led by id could look cheaper, and the query
 * would walk every row of the client or of the listener). They are few:
 * sorted here, not by an ORDER BY, which costs each lookup a sorter. */
static gboolean
observation_rows (LiaisonStore  *self,
                  const guint8  *client_key,
                  const guint8  *listener_key,
                  guint          port,
                  const char    *protocol,
                  const char    *scope,
                  GArray        *rows,
                  GError       **error)
{
  g_autoptr(LiaisonStmt) stmt = liaison_store_prepare (self,
                                                       "SELECT id, client_process_name, client_device, listener_device, user_fields,"
                                                       "  first_detected, last_detected"
                                                       " FROM communication INDEXED BY communication_identity"
                                                       " WHERE client_key = ? AND listener_key = ? AND port = ? AND protocol = ?"
                                                       "   AND scope = ?",
                                                       error);
  int rc;

  if (self->looked_up != NULL)
    {
      g_autoptr(GBytes) key = identity_key (client_key, listener_key, port, protocol, scope);

      if (take_looked_up (self, key, rows))
        {
          if (rows->len > 1)
            g_array_sort (rows, observed_row_compare);
          return TRUE;
        }
    }
  if (stmt == NULL)
    return FALSE;
  liaison_stmt_bind_blob (stmt, 1, client_key, LIAISON_ADDRESS_KEY_LEN, LIAISON_STATIC);
  liaison_stmt_bind_blob (stmt, 2, listener_key, LIAISON_ADDRESS_KEY_LEN, LIAISON_STATIC);
  liaison_stmt_bind_int (stmt, 3, (int) port);
  liaison_bind_text (stmt, 4, protocol);
  liaison_bind_text (stmt, 5, scope);

  while ((rc = liaison_stmt_step (stmt)) == LIAISON_ROW)
    append_observed_row (stmt, 0, rows);
  if (!liaison_store_read_done (self, rc, error))
    return FALSE;
  if (rows->len > 1)
    g_array_sort (rows, observed_row_compare);
  return TRUE;
}

/*
 * The merge rule of statistics.md 3.5, shared by the store (rows in the
 * table) and the import's batch of new rows (rows held in memory,
 * liaison-observation-batch.c).
 */

/**
 * liaison_observation_merge_times:
 * @first: (inout): a row's first detection, LIAISON_TIME_NONE if unset
 * @last: (inout): its last detection
 *
 * The times of a row after observation @o: the earliest and the latest (a
 * new row starts from LIAISON_TIME_NONE). An observation without a time
 * leaves none, as SQL's min() and max() of a NULL do.
 */
void
liaison_observation_merge_times (const LiaisonObservation *o,
                                 LiaisonTime              *first,
                                 LiaisonTime              *last)
{
  LiaisonTime time_first = o->time_first;
  LiaisonTime time_last = o->time_last != LIAISON_TIME_NONE ? o->time_last : o->time_first;

  if (time_first == LIAISON_TIME_NONE)
    *first = LIAISON_TIME_NONE;
  else
    *first = *first == LIAISON_TIME_NONE ? time_first : MIN (*first, time_first);
  if (time_last == LIAISON_TIME_NONE)
    *last = LIAISON_TIME_NONE;
  else
    *last = *last == LIAISON_TIME_NONE ? time_last : MAX (*last, time_last);
}

/**
 * liaison_observation_merge:
 * @processes: (array length=n_rows): the client processes of the rows of
 *   the observation's identity, in id order ("" or %NULL: unknown)
 * @row: (out): the row, for %LIAISON_MERGE_SAME and %LIAISON_MERGE_UNKNOWN
 *
 * Which rows observation @o updates.
 */
LiaisonMerge
liaison_observation_merge (const LiaisonObservation *o,
                           const char *const        *processes,
                           guint                     n_rows,
                           guint                    *row)
{
  gboolean known = o->process != NULL && *o->process != '\0';
  guint same = G_MAXUINT, unknown = G_MAXUINT;

  /* An unknown process is news of every row of the conversation. */
  if (!known)
    return n_rows > 0 ? LIAISON_MERGE_ALL : LIAISON_MERGE_NEW;

  for (guint i = 0; i < n_rows && same == G_MAXUINT; i++)
    {
      if (g_strcmp0 (processes[i], o->process) == 0)
        same = i;
      else if (unknown == G_MAXUINT && (processes[i] == NULL || *processes[i] == '\0'))
        unknown = i;
    }

  if (same != G_MAXUINT)
    {
      *row = same;
      return LIAISON_MERGE_SAME;
    }
  if (unknown != G_MAXUINT)
    {
      *row = unknown;
      return LIAISON_MERGE_UNKNOWN;
    }
  return LIAISON_MERGE_NEW;
}

/* Whether an import may set a device field: it says one, the row has
 * another, and no user typed the row's value. */
static gboolean
device_changes (const char *observed,
                const char *current,
                guint       user_fields,
                guint       bit)
{
  return observed != NULL && (user_fields & bit) == 0 && g_strcmp0 (observed, current) != 0;
}

/* Held last detections written by one statement, and written when this many wait. */
#define LAST_PER_STATEMENT 64
#define HELD_LAST_MAX 4096

/* The statement that writes @rows held last detections: ?(2 i + 1) the
 * id, ?(2 i + 2) the time (typed: a server gives VALUES of parameters no
 * type of their own). */
static char *
last_detected_sql (guint rows)
{
  GString *sql = g_string_new ("UPDATE communication SET last_detected = v.column2 FROM (VALUES");

  for (guint i = 0; i < rows; i++)
    g_string_append_printf (sql, "%s (CAST(?%u AS BIGINT), CAST(?%u AS BIGINT))", i == 0 ? "" : ",",
                            2 * i + 1, 2 * i + 2);
  g_string_append (sql, ") AS v WHERE communication.id = v.column1");
  return g_string_free (sql, FALSE);
}

static gint
held_time_compare (gconstpointer a,
                   gconstpointer b)
{
  const LiaisonHeldTime *x = a;
  const LiaisonHeldTime *y = b;

  if (x->id != y->id)
    return x->id < y->id ? -1 : 1;
  return x->last < y->last ? -1 : x->last > y->last;
}

static gboolean
write_held_last (LiaisonStore  *self,
                 GError       **error)
{
  static char *sql_many, *sql_one;
  static gsize sql_made;
  GArray *held = self->held_last;
  guint done = 0, n_rows = 0;

  /* A row observed twice: its latest time, once (UPDATE ... FROM takes
   * one of a row's matches, any). Each time held is past the row's last
   * detection when it was held, and times written meanwhile are held too:
   * the latest is the row's, as liaison_observation_merge_times() gives. */
  g_array_sort (held, held_time_compare);
  for (guint i = 0; i < held->len; i++)
    {
      if (n_rows > 0 && g_array_index (held, LiaisonHeldTime, n_rows - 1).id == g_array_index (held, LiaisonHeldTime, i).id)
        n_rows--;
      g_array_index (held, LiaisonHeldTime, n_rows++) = g_array_index (held, LiaisonHeldTime, i);
    }
  g_array_set_size (held, n_rows);

  if (liaison_store_copies_rows (self, held->len))
    {
      gboolean ok = liaison_pg_write_last_detected (self, (const LiaisonHeldTime *) (gpointer) held->data,
                                                    held->len, error);

      g_array_set_size (held, 0);
      return ok;
    }

  if (g_once_init_enter (&sql_made))
    {
      sql_one = last_detected_sql (1);
      sql_many = last_detected_sql (LAST_PER_STATEMENT);
      g_once_init_leave (&sql_made, 1);
    }

  while (done < held->len)
    {
      guint n = held->len - done >= LAST_PER_STATEMENT ? LAST_PER_STATEMENT : 1;
      g_autoptr(LiaisonStmt) stmt = liaison_store_prepare (self, n > 1 ? sql_many : sql_one, error);

      if (stmt == NULL)
        return FALSE;
      for (guint i = 0; i < n; i++)
        {
          const LiaisonHeldTime *t = &g_array_index (held, LiaisonHeldTime, done + i);

          liaison_stmt_bind_int64 (stmt, 2 * i + 1, t->id);
          liaison_bind_time (stmt, 2 * i + 2, t->last);
        }
      if (!liaison_store_step_done (self, stmt, error))
        return FALSE;
      done += n;
    }
  g_array_set_size (held, 0);
  return TRUE;
}

/**
 * liaison_store_hold_last_detected:
 *
 * From now on, until liaison_store_write_last_detected(), an observation
 * that moves only the last detection of a row holds the new time and
 * writes it with others. For the observations of one sample, whose times
 * nothing reads meanwhile: a row observed again is read with its last
 * detection as it was, and the latest of its times held is written. One
 * row at a time (the reference, liaison_store_set_single_rows()) writes
 * them at once.
 */
void
liaison_store_hold_last_detected (LiaisonStore *self)
{
  g_return_if_fail (self->depth > 0);

  if (self->single_rows || self->held_last != NULL)
    return;
  self->held_last = g_array_new (FALSE, FALSE, sizeof (LiaisonHeldTime));
}

/**
 * liaison_store_write_last_detected:
 *
 * Writes the last detections held and holds no more. Call it before the
 * transaction ends, also when it is rolled back (the times are then let go).
 */
gboolean
liaison_store_write_last_detected (LiaisonStore  *self,
                                   GError       **error)
{
  g_autoptr(GArray) held = NULL;
  gboolean ok;

  if (self->held_last == NULL)
    return TRUE;
  ok = write_held_last (self, error);
  held = g_steal_pointer (&self->held_last);
  return ok;
}

static gboolean
observation_apply (LiaisonStore              *self,
                   const LiaisonObservation  *o,
                   const ObservedRow         *row,
                   gboolean                   fill_process,
                   GError                   **error)
{
  gboolean client_device = device_changes (o->client_device, row->client_device, row->user_fields,
                                           LIAISON_USER_BIT (LIAISON_COLUMN_CLIENT_DEVICE));
  gboolean listener_device = device_changes (o->listener_device, row->listener_device, row->user_fields,
                                             LIAISON_USER_BIT (LIAISON_COLUMN_LISTENER_DEVICE));
  LiaisonTime first = row->first_detected;
  LiaisonTime last = row->last_detected;

  /* Both times are indexed: a time that does not change is not written, so
   * that its index entry is left alone. */
  liaison_observation_merge_times (o, &first, &last);

  /* A row that was there before this transaction, changed: the import's
   * summary counts it as updated. */
  if ((first != row->first_detected || last != row->last_detected ||
       client_device || listener_device || fill_process) &&
      row->id <= self->search_base)
    liaison_store_note_updated (self, row->id);

  /* Times are not searched: a plain single-row update, or held. */
  if (first == row->first_detected && last != row->last_detected && last != LIAISON_TIME_NONE &&
      self->held_last != NULL)
    {
      LiaisonHeldTime held = { row->id, last };

      g_array_append_val (self->held_last, held);
      if (self->held_last->len >= HELD_LAST_MAX && !write_held_last (self, error))
        return FALSE;
    }
  else if (first != row->first_detected || last != row->last_detected)
    {
      g_autoptr(LiaisonStmt) times = NULL;

      /* No time clears the row's: the times held before go first. */
      if (self->held_last != NULL && last == LIAISON_TIME_NONE && !write_held_last (self, error))
        return FALSE;

      if (first != row->first_detected && last != row->last_detected)
        times = liaison_store_prepare (self,
                                       "UPDATE communication SET first_detected = ?1, last_detected = ?2"
                                       " WHERE id = ?3",
                                       error);
      else if (first != row->first_detected)
        times = liaison_store_prepare (self,
                                       "UPDATE communication SET first_detected = ?1 WHERE id = ?3",
                                       error);
      else
        times = liaison_store_prepare (self,
                                       "UPDATE communication SET last_detected = ?2 WHERE id = ?3",
                                       error);
      if (times == NULL)
        return FALSE;
      liaison_bind_time (times, 1, first);
      liaison_bind_time (times, 2, last);
      liaison_stmt_bind_int64 (times, 3, row->id);
      if (!liaison_store_step_done (self, times, error))
        return FALSE;

      /* a time held before for the row must not undo this one */
      if (self->held_last != NULL && last != LIAISON_TIME_NONE)
        {
          LiaisonHeldTime held = { row->id, last };

          g_array_append_val (self->held_last, held);
        }
    }

  if (client_device || listener_device || fill_process)
    {
      g_autoptr(LiaisonStmt) text = liaison_store_prepare (self,
                                                           "UPDATE communication SET"
                                                           " client_device = coalesce(?1, client_device),"
                                                           " listener_device = coalesce(?2, listener_device),"
                                                           " client_process_name = coalesce(?3, client_process_name)"
                                                           " WHERE id = ?4",
                                                           error);
      if (text == NULL || !liaison_store_search_row_changing (self, row->id, error))
        return FALSE;
      liaison_bind_text (text, 1, client_device ? o->client_device : NULL);
      liaison_bind_text (text, 2, listener_device ? o->listener_device : NULL);
      liaison_bind_text (text, 3, fill_process ? o->process : NULL);
      liaison_stmt_bind_int64 (text, 4, row->id);
      if (!liaison_store_step_done (self, text, error))
        return FALSE;
    }

  return TRUE;
}

/* What liaison_store_observe_communication() does, up to the new row, for
 * the canonical addresses @client and @listener (liaison_address_parse()):
 * @any_rows tells whether the identity has a row at all. When it has none,
 * a new row is made only with @insert. */
static gboolean
observe (LiaisonStore              *self,
         const LiaisonAddress      *client_address,
         const LiaisonAddress      *listener_address,
         const LiaisonObservation  *o,
         gboolean                   insert,
         gboolean                  *any_rows,
         GError                   **error)
{
  LiaisonAddress client = *client_address, listener = *listener_address;
  guint8 client_key[LIAISON_ADDRESS_KEY_LEN], listener_key[LIAISON_ADDRESS_KEY_LEN];
  const char *scope = o->scope != NULL ? o->scope : "";
  gboolean known = o->process != NULL && *o->process != '\0';
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (ObservedRow));
  g_autofree const char **processes = NULL;
  guint target = 0;
  LiaisonNewCommunication row;

  g_array_set_clear_func (rows, observed_row_clear);

  liaison_address_to_key (&client, client_key);
  liaison_address_to_key (&listener, listener_key);
  if (!liaison_address_is_loopback (&client) && !liaison_address_is_loopback (&listener))
    scope = "";

  if (!liaison_store_ensure_device (self, o->client_device, error) ||
      !liaison_store_ensure_device (self, o->listener_device, error) ||
      !observation_rows (self, client_key, listener_key, o->port, o->protocol, scope, rows, error))
    return FALSE;

  *any_rows = rows->len > 0;
  if (rows->len == 0 && !insert)
    return TRUE;

  processes = g_new (const char *, MAX (rows->len, 1));
  for (guint i = 0; i < rows->len; i++)
    processes[i] = g_array_index (rows, ObservedRow, i).process;

  switch (liaison_observation_merge (o, processes, rows->len, &target))
    {
    case LIAISON_MERGE_ALL:
      for (guint i = 0; i < rows->len; i++)
        if (!observation_apply (self, o, &g_array_index (rows, ObservedRow, i), FALSE, error))
          return FALSE;
      return TRUE;
    case LIAISON_MERGE_SAME:
      return observation_apply (self, o, &g_array_index (rows, ObservedRow, target), FALSE, error);
    case LIAISON_MERGE_UNKNOWN:
      return observation_apply (self, o, &g_array_index (rows, ObservedRow, target), TRUE, error);
    case LIAISON_MERGE_NEW:
    default:
      break;
    }

  row.client = &client;
  row.client_device = o->client_device;
  row.listener = &listener;
  row.listener_device = o->listener_device;
  row.port = o->port;
  row.protocol = o->protocol;
  row.process = known ? o->process : "";
  row.display_name = NULL;
  row.first = LIAISON_TIME_NONE;
  row.last = LIAISON_TIME_NONE;
  liaison_observation_merge_times (o, &row.first, &row.last);
  row.source = o->source;
  row.scope = scope;
  row.user_fields = 0;
  return liaison_store_insert_communications (self, &row, 1, NULL, error);
}

/**
 * liaison_store_observe_communication:
 *
 * Records that an import saw a conversation (statistics.md section 3.5): an
 * observation with an unknown process updates every row of the same
 * (client, listener, port, protocol) and creates one only when there is
 * none; one with process P fills in a row whose process is unknown, else
 * updates or creates the row of P. Values a user typed are kept. Call
 * inside a transaction.
 */
gboolean
liaison_store_observe_communication (LiaisonStore              *self,
                                     const LiaisonObservation  *o,
                                     GError                   **error)
{
  LiaisonAddress client, listener;
  gboolean any_rows;

  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);

  if (!liaison_address_parse (o->client_ip, -1, &client) ||
      !liaison_address_parse (o->listener_ip, -1, &listener))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                   _("“%s” → “%s” is not a pair of IP addresses"), o->client_ip, o->listener_ip);
      return FALSE;
    }
  return observe (self, &client, &listener, o, TRUE, &any_rows, error);
}

/**
 * liaison_store_observe_addresses:
 * @client: the client's address, canonical (as liaison_address_parse()
 *   reads it); the observation's texts are not read
 * @listener: the listener's, canonical
 *
 * liaison_store_observe_communication() of addresses already parsed.
 */
gboolean
liaison_store_observe_addresses (LiaisonStore              *self,
                                 const LiaisonAddress      *client,
                                 const LiaisonAddress      *listener,
                                 const LiaisonObservation  *o,
                                 GError                   **error)
{
  gboolean any_rows;

  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);

  return observe (self, client, listener, o, TRUE, &any_rows, error);
}

/**
 * liaison_store_observe_existing:
 * @client: the client's address, canonical (as liaison_address_parse()
 *   reads it); the observation's texts are not read
 * @listener: the listener's, canonical
 * @any_rows: (out): whether the conversation has a row in the table
 *
 * liaison_store_observe_communication() for a conversation that has rows
 * in the table; one that has none is left to the caller, who makes its
 * row (an import's batch of new rows, liaison-observation-batch.c).
 */
gboolean
liaison_store_observe_existing (LiaisonStore              *self,
                                const LiaisonAddress      *client,
                                const LiaisonAddress      *listener,
                                const LiaisonObservation  *o,
                                gboolean                  *any_rows,
                                GError                   **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);

  return observe (self, client, listener, o, FALSE, any_rows, error);
}

/* A row of liaison_pg_read_identities(): to its identity's rows. */
static void
looked_up_row (LiaisonStmt *stmt,
               guint        index,
               gpointer     data)
{
  GArray **by_index = data;

  append_observed_row (stmt, 1, by_index[index]);
}

/**
 * liaison_store_look_up_identities:
 * @identities: (array length=n_identities): identities, canonical addresses
 *
 * On a server, reads the service communications of many identities at
 * once, for an import that observes each of them once, inside its
 * transaction: the next liaison_store_observe_existing() (and the like) of
 * each takes its rows from what was read, without a round trip. Elsewhere,
 * or for few identities, does nothing, and returns FALSE in @staged (then
 * TRUE: the identities are staged on the server for
 * liaison_store_scan_netflow_records()). Until
 * liaison_store_forget_identities() or the end of the transaction.
 */
gboolean
liaison_store_look_up_identities (LiaisonStore           *self,
                                  const LiaisonIdentity  *identities,
                                  guint                   n_identities,
                                  gboolean               *staged,
                                  GError                **error)
{
  g_autofree GArray **by_index = NULL;
  gboolean any = FALSE;

  g_return_val_if_fail (self->depth > 0, FALSE);

  liaison_store_forget_identities (self);
  *staged = FALSE;
  if (!liaison_store_copies_rows (self, n_identities))
    return TRUE;
  *staged = TRUE;
  if (!liaison_store_has_communications (self, &any, error))
    return FALSE;
  /* staged all the same, for liaison_store_scan_netflow_records() */
  if (!any)
    return liaison_pg_read_identities (self, identities, n_identities, NULL, NULL, error);

  /* Every identity asked for has its rows, none or some. */
  self->looked_up = g_hash_table_new_full (g_bytes_hash, g_bytes_equal, (GDestroyNotify) g_bytes_unref,
                                           (GDestroyNotify) g_array_unref);
  by_index = g_new (GArray *, n_identities);
  for (guint i = 0; i < n_identities; i++)
    {
      const LiaisonIdentity *identity = &identities[i];
      guint8 client_key[LIAISON_ADDRESS_KEY_LEN], listener_key[LIAISON_ADDRESS_KEY_LEN];
      GBytes *key;

      liaison_address_to_key (&identity->client, client_key);
      liaison_address_to_key (&identity->listener, listener_key);
      key = identity_key (client_key, listener_key, identity->port, identity->protocol, identity->scope);
      by_index[i] = g_hash_table_lookup (self->looked_up, key);
      if (by_index[i] != NULL)
        {
          g_bytes_unref (key);
          continue;
        }
      by_index[i] = g_array_new (FALSE, FALSE, sizeof (ObservedRow));
      g_array_set_clear_func (by_index[i], observed_row_clear);
      g_hash_table_insert (self->looked_up, key, by_index[i]);
    }

  if (!liaison_pg_read_identities (self, identities, n_identities, looked_up_row, by_index, error))
    {
      liaison_store_forget_identities (self);
      return FALSE;
    }
  return TRUE;
}

/**
 * liaison_store_forget_identities:
 *
 * Lets go of what liaison_store_look_up_identities() read.
 */
void
liaison_store_forget_identities (LiaisonStore *self)
{
  g_clear_pointer (&self->looked_up, g_hash_table_unref);
}
