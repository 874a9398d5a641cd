/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <string.h>

#include "liaison-communication-private.h"
#include "liaison-search.h"
#include "liaison-store-communications.h"
#include "liaison-store-private.h"
#include "liaison-store-schema-private.h"

/*
 * The list of service communications: sorted, searched, in pages or as
 * every id. How a search runs is planned per query (below).
 */

/* A search of a trigram or more is a phrase of the trigram index of values;
 * a shorter one is found through the index terms that begin with it
 * (liaison-search.h). */
#define TRIGRAM 3

#define CONTAINS_ANY_COLUMN \
  "liaison_contains (?1, client_ip, client_device, listener_ip, listener_device, port, protocol," \
  " client_process_name, client_process_display_name, source)"

/* On a server made before the search's own index, a search with three
 * letters or digits in a row first asks the trigram index (LIAISON_PG_SEARCH_TEXT), with ?1 as a LIKE pattern;
 * the rows it gives are tested by CONTAINS_ANY_COLUMN all the same. */
#define SERVER_TRIGRAM_FILTER \
  LIAISON_PG_SEARCH_TEXT " LIKE '%' || replace (replace (replace (?1, '\\', '\\\\')," \
  " '%', '\\%'), '_', '\\_') || '%' AND "

/*
 * How a search runs. Which is quickest depends on how many rows match and
 * on whether the caller wants one page or every id:
 *
 * - EMPTY: the index finds no row for the search, so no row holds it:
 *   nothing more is read.
 * - INDEX: the trigram index lists the values that hold the search (three
 *   characters or more), and each column's own index the rows that hold
 *   one of them, with the rows whose source or protocol holds it; each is
 *   looked up in id order and tested (the index folds case as Unicode
 *   does, a search only ASCII letters), and the matches are sorted. Quick
 *   while matches are few.
 * - GRAMS: the same for a search of one or two characters: the values of
 *   the index terms that begin with it give the rows.
 * - WALK: the sort order is walked and each row tested until a page is
 *   full. Quick for a first page when matches are many.
 * - SWEEP: the table is read in storage order, every row tested, and the
 *   matches sorted: one pass instead of a walk of the sort order with a
 *   lookup per row. For every id of a search that matches very often, and
 *   for short searches the index cannot serve (below).
 * - MATCHES: on a server, its own index lists the rows that contain the
 *   search (liaison_search_rows(), liaison-store-schema.c), and they are
 *   sorted. Any length of search, as INDEX and GRAMS are on a file.
 */
typedef enum
{
  SEARCH_NONE,
  SEARCH_EMPTY,
  SEARCH_INDEX,
  SEARCH_GRAMS,
  SEARCH_WALK,
  SEARCH_SWEEP,
  SEARCH_MATCHES,
} SearchPlan;

/* Above this many index matches, walking the sort order finds a first page sooner. */
#define DENSE_MATCHES 20000

/* Above this many of the index's values that hold a short search (about
 * 20 ms to list them all), a page of it is first looked for by a walk. */
#define MANY_VALUES 1000

/* Above this many matches of a search, reading every row once costs less
 * than looking each match up. */
#define GRAM_ROWS 200000

/* Rows sampled to tell whether a short search matches often; and how many
 * matches among them make walking the sort order worth it (about 1 in 1000:
 * below that, a walk visits more rows at random than a sweep reads in order). */
#define SAMPLE_ROWS 4096
#define DENSE_IN_SAMPLE 4

/* On a server, a walk of the sort order costs more a row than on a file
 * (each row is fetched from the heap): it is chosen only when more rows
 * than this among the first of the sort order match (about 1 in 64), so
 * that a page is found within a few thousand rows. */
#define SERVER_DENSE_IN_SAMPLE 64

/* The index terms that begin with the folded short search ?1: from it up to
 * it followed by the two largest characters. */
#define GRAM_RANGE "term >= ?1 AND term <= ?1 || char(1114111, 1114111)"

/* Whether @search holds three letters or digits in a row: pg_trgm keeps
 * only those whole (other characters end its words), so only such a search
 * narrows the trigram index down; "10.20.3." would match most of it. */
static gboolean
has_word_trigram (const char *search)
{
  guint run = 0;

  for (const char *p = search; *p != '\0'; p++)
    {
      run = g_ascii_isalnum (*p) ? run + 1 : 0;
      if (run == TRIGRAM)
        return TRUE;
    }
  return FALSE;
}

/* Runs @sql, a count of at most ?2 with the text ?1. */
static gboolean
count_up_to (LiaisonStore  *self,
             const char    *sql,
             const char    *text,
             gint64         bound,
             gint64        *count,
             GError       **error)
{
  g_autoptr(LiaisonStmt) stmt = liaison_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  liaison_bind_text (stmt, 1, text);
  liaison_stmt_bind_int64 (stmt, 2, bound);
  return liaison_store_step_int (self, stmt, count, error);
}

/* A count of the rows @rows (a SELECT), up to ?2. */
#define COUNT_UP_TO(rows) "SELECT count(*) FROM (" rows " LIMIT ?2)"

/* Chooses a plan from the count of the rows @count_sql finds for
 * @needle (folded, ?1; the count up to ?2): @found for a few, none for
 * none, and for more rows than a page's or every id's bound, a walk of
 * the sort order (soon fills a page) or one sweep (every id comes sooner
 * from it than from a lookup each). */
static gboolean
plan_by_count (LiaisonStore  *self,
               const char    *count_sql,
               const char    *needle,
               gboolean       paged,
               SearchPlan     found,
               SearchPlan    *plan,
               GError       **error)
{
  gint64 bound = paged ? DENSE_MATCHES : GRAM_ROWS;
  gint64 count = 0;

  if (!count_up_to (self, count_sql, needle, bound + 1, &count, error))
    return FALSE;
  if (count == 0)
    *plan = SEARCH_EMPTY;
  else if (count <= bound)
    *plan = found;
  else
    *plan = paged ? SEARCH_WALK : SEARCH_SWEEP;
  return TRUE;
}

/* The ids of the values (search_value) that hold the search ?1 (folded),
 * of three characters or more: a phrase of the trigram index. */
#define INDEX_VALUES \
  "SELECT rowid FROM search_value_index" \
  " WHERE search_value_index MATCH '\"' || replace (?1, '\"', '\"\"') || '\"'"

/* The same for a search of one or two characters: the values of the index
 * terms that begin with it (ensure_gram_table()). */
#define GRAM_VALUES "SELECT doc FROM temp.search_grams WHERE " GRAM_RANGE

/*
 * The rows that hold one of the values @values lists (a SELECT of ids of
 * search_value), found through each column's own index, as match_id: a
 * row once however many of them it holds. The source and the protocol
 * are not in the index of values: each is one of a few words (their
 * checks, liaison-store-schema.c), in almost every row. The rows whose word
 * holds the search ?1 (folded: the words are lower case) are found by that
 * column's index; a search that no word holds reads none.
 */
#define VALUE_ROWS(values) \
  "WITH v AS MATERIALIZED (SELECT value, key FROM search_value WHERE id IN (" values "))" \
  " SELECT id AS match_id FROM communication" \
  " WHERE client_key IN (SELECT key FROM v WHERE key <> x'')" \
  " OR listener_key IN (SELECT key FROM v WHERE key <> x'')" \
  " OR client_device IN (SELECT value FROM v WHERE key = x'')" \
  " OR listener_device IN (SELECT value FROM v WHERE key = x'')" \
  " OR port IN (SELECT CAST (value AS INTEGER) FROM v WHERE key = x'' AND value NOT GLOB '*[^0-9]*')" \
  " OR client_process_name IN (SELECT value FROM v WHERE key = x'')" \
  " OR client_process_display_name IN (SELECT value FROM v WHERE key = x'')" \
  " OR source IN (SELECT column1 FROM" \
  " (VALUES ('manual'), ('netstat'), ('netflow')) WHERE instr (column1, ?1) > 0)" \
  " OR protocol IN (SELECT column1 FROM (VALUES ('tcp'), ('udp')) WHERE instr (column1, ?1) > 0)"

/* The rows VALUE_ROWS() finds for @values, looked up: CROSS JOIN keeps
 * the matches as the outer loop; in id order, the lookups read the table
 * in order. (LIMIT -1: a subquery with a limit is kept whole, not merged
 * into the join, where the lookups would go in the indexes' order.) */
#define MATCHED_ROWS(values) \
  "(" VALUE_ROWS (values) " ORDER BY id LIMIT -1) CROSS JOIN communication ON id = match_id"

/* Counts the rows among the first that contain @needle (folded). */
static gboolean
count_sample_matches (LiaisonStore  *self,
                      const char    *needle,
                      gint64        *count,
                      GError       **error)
{
  return count_up_to (self,
                      "SELECT count(*) FROM (SELECT * FROM communication ORDER BY id LIMIT ?2)"
                      " WHERE " CONTAINS_ANY_COLUMN,
                      needle, SAMPLE_ROWS, count, error);
}

/* Each occurrence of each index term, with its row: a table of this
 * connection, made on first use. */
static gboolean
ensure_gram_table (LiaisonStore  *self,
                   GError       **error)
{
  return liaison_store_exec (self,
                             "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_grams"
                             " USING fts5vocab (main, search_value_index, 'instance')",
                             error);
}

/* Chooses the plan of a search, @needle (folded), on a server with the
 * search's own index: a walk of the sort order (@order, an ORDER BY) when
 * its first rows show that it soon fills a page, else the matches the
 * index lists, unless they are too many to sort. */
static gboolean
plan_server_search (LiaisonStore  *self,
                    const char    *needle,
                    const char    *order,
                    gboolean       paged,
                    SearchPlan    *plan,
                    GError       **error)
{
  g_autofree char *sample_sql = g_strdup_printf ("SELECT count(*) FROM (SELECT * FROM communication"
                                                 " ORDER BY %s LIMIT ?2) WHERE " CONTAINS_ANY_COLUMN,
                                                 order);
  gint64 sample = 0;

  if (!count_up_to (self, sample_sql, needle, SAMPLE_ROWS, &sample, error))
    return FALSE;
  if (sample >= SERVER_DENSE_IN_SAMPLE)
    {
      *plan = paged ? SEARCH_WALK : SEARCH_SWEEP;
      return TRUE;
    }
  /* The rows that contain it, through the server's own index. */
  return plan_by_count (self, "SELECT count(*) FROM liaison_search_rows (?1, ?2)",
                        needle, paged, SEARCH_MATCHES, plan, error);
}

/* Chooses the plan of a search of one or two characters, @needle (folded). */
static gboolean
plan_short_search (LiaisonStore  *self,
                   const char    *needle,
                   gboolean       paged,
                   SearchPlan    *plan,
                   GError       **error)
{
  gint64 values = 0;
  gint64 sample = 0;

  /* The index folds the case of every letter, and only an ASCII search is
   * sure to be folded the same way here: any other tests every row. */
  if (!g_str_is_ascii (needle))
    {
      *plan = SEARCH_SWEEP;
      if (paged)
        {
          if (!count_sample_matches (self, needle, &sample, error))
            return FALSE;
          if (sample >= DENSE_IN_SAMPLE)
            *plan = SEARCH_WALK;
        }
      return TRUE;
    }

  if (!ensure_gram_table (self, error))
    return FALSE;

  /* A page of a search that many values hold (a value once for each place
   * that holds it): when many of the first rows hold it too, a walk of the
   * sort order fills it sooner than the index lists those values. */
  if (paged && !count_up_to (self, COUNT_UP_TO (GRAM_VALUES), needle, MANY_VALUES + 1, &values, error))
    return FALSE;
  if (values > MANY_VALUES)
    {
      if (!count_sample_matches (self, needle, &sample, error))
        return FALSE;
      if (sample >= DENSE_IN_SAMPLE)
        {
          *plan = SEARCH_WALK;
          return TRUE;
        }
    }

  /* The rows the index finds: at least the rows that contain it, and
   * none only if none does. */
  return plan_by_count (self, COUNT_UP_TO (VALUE_ROWS (GRAM_VALUES)), needle, paged, SEARCH_GRAMS, plan, error);
}

/* The SQL expression a column sorts by: its name, but addresses sort in
 * numeric order, by their key. */
static const char *
sort_expression (LiaisonColumn column)
{
  switch (column)
    {
    case LIAISON_COLUMN_CLIENT_IP:
      return "client_key";
    case LIAISON_COLUMN_LISTENER_IP:
      return "listener_key";
    default:
      return liaison_column_to_string (column);
    }
}

/* The columns that may hold NULL. SQLite puts NULL first going up and last
 * going down; PostgreSQL the other way round unless told. Both are told,
 * so that a file and a server list the same rows in the same order (a
 * server's indexes of these columns keep NULL first: liaison-store-schema.c). */
static gboolean
sort_may_be_null (LiaisonColumn column)
{
  switch (column)
    {
    case LIAISON_COLUMN_CLIENT_DEVICE:
    case LIAISON_COLUMN_LISTENER_DEVICE:
    case LIAISON_COLUMN_CLIENT_PROCESS_DISPLAY_NAME:
    case LIAISON_COLUMN_FIRST_DETECTED:
    case LIAISON_COLUMN_LAST_DETECTED:
      return TRUE;
    default:
      return FALSE;
    }
}

/* The ORDER BY of @query: its column, then the id, the same way. */
static char *
order_by_of (const LiaisonQuery *query)
{
  const char *order = query->descending ? "DESC" : "ASC";
  const char *nulls = !sort_may_be_null (query->sort) ? ""
                      : query->descending ? " NULLS LAST" : " NULLS FIRST";

  return g_strdup_printf ("%s %s%s, id %s", sort_expression (query->sort), order, nulls, order);
}

/* Builds the SQL of a list query and the value bound as ?1. @paged: only a
 * page is wanted, not every id. */
static char *
build_query (LiaisonStore        *self,
             const LiaisonQuery  *query,
             const char          *what,
             gboolean             paged,
             char               **out_param,
             GError             **error)
{
  g_autofree char *order_by = NULL;
  const char *from = "communication";
  const char *where = "";
  SearchPlan plan = SEARCH_NONE;

  g_return_val_if_fail (query->sort < LIAISON_N_COLUMNS, NULL);
  order_by = order_by_of (query);
  *out_param = NULL;

  if (query->search != NULL && *query->search != '\0')
    {
      /* The search folded as the rows' values are tested, bound as ?1. */
      g_autofree char *needle = liaison_search_fold (query->search);

      if (self->engine == LIAISON_ENGINE_POSTGRESQL && self->pg_search_grams)
        {
          if (!plan_server_search (self, needle, order_by, paged, &plan, error))
            return NULL;
        }
      else if (self->engine == LIAISON_ENGINE_POSTGRESQL)
        {
          /* A server made before the search's own index, opened by a
           * role that may not add it: it tests the rows, and its planner
           * chooses how to walk them. */
          plan = SEARCH_WALK;
        }
      else if (strchr (query->search, '\x01') != NULL)
        {
          /* The index's own end of value characters (liaison-search.h)
           * would match it at the end of every value. */
          plan = paged ? SEARCH_WALK : SEARCH_SWEEP;
        }
      else if (g_utf8_strlen (query->search, -1) >= TRIGRAM)
        {
          /* Counting through the index is quick (200,000 of 1,000,000
           * rows: 40 ms); looking that many rows up is not. */
          if (!plan_by_count (self, COUNT_UP_TO (VALUE_ROWS (INDEX_VALUES)), needle, paged,
                              SEARCH_INDEX, &plan, error))
            return NULL;
        }
      else if (!plan_short_search (self, needle, paged, &plan, error))
        return NULL;

      switch (plan)
        {
        case SEARCH_EMPTY:
          where = "WHERE 1 = 0";
          break;
        case SEARCH_INDEX:
          /* The index folds the case of every letter, a search only of
           * ASCII letters (as a server's does): its matches are tested. */
          from = MATCHED_ROWS (INDEX_VALUES);
          where = "WHERE " CONTAINS_ANY_COLUMN;
          break;
        case SEARCH_GRAMS:
          from = MATCHED_ROWS (GRAM_VALUES);
          where = "WHERE " CONTAINS_ANY_COLUMN;
          break;
        case SEARCH_WALK:
          if (self->engine == LIAISON_ENGINE_POSTGRESQL && !self->pg_search_grams &&
              has_word_trigram (query->search))
            where = "WHERE " SERVER_TRIGRAM_FILTER CONTAINS_ANY_COLUMN;
          else
            where = "WHERE " CONTAINS_ANY_COLUMN;
          break;
        case SEARCH_SWEEP:
          from = "communication NOT INDEXED";
          where = "WHERE " CONTAINS_ANY_COLUMN;
          break;
        case SEARCH_MATCHES:
          from = "liaison_search_rows (?1, NULL) AS communication";
          break;
        case SEARCH_NONE:
        default:
          g_assert_not_reached ();
        }
      if (plan != SEARCH_EMPTY)
        *out_param = g_steal_pointer (&needle);
    }

  return g_strdup_printf ("SELECT %s FROM %s %s ORDER BY %s%s",
                          what, from, where, order_by, paged ? " LIMIT ?2 OFFSET ?3" : "");
}

/* The statement of build_query() for @query, its search text bound as ?1
 * (NULL without one); a paged one takes its limit and offset as ?2 and ?3. */
static LiaisonStmt *
prepare_query (LiaisonStore        *self,
               const LiaisonQuery  *query,
               const char          *what,
               gboolean             paged,
               GError             **error)
{
  g_autofree char *param = NULL;
  g_autofree char *sql = build_query (self, query, what, paged, &param, error);
  LiaisonStmt *stmt;

  if (sql == NULL || (stmt = liaison_store_prepare (self, sql, error)) == NULL)
    return NULL;
  if (param != NULL)
    liaison_bind_text (stmt, 1, param);
  return stmt;
}

/**
 * liaison_store_query_ids:
 *
 * Returns: (transfer full) (element-type gint64): the ids of the rows that
 *   match @query, in its order
 */
GArray *
liaison_store_query_ids (LiaisonStore        *self,
                         const LiaisonQuery  *query,
                         GError             **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(LiaisonStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);

  stmt = prepare_query (self, query, "id", FALSE, error);
  if (stmt == NULL)
    return NULL;

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = liaison_stmt_step (stmt)) == LIAISON_ROW)
    {
      gint64 id = liaison_stmt_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (!liaison_store_read_done (self, rc, error))
    return NULL;

  return g_steal_pointer (&ids);
}

/**
 * liaison_store_query_page:
 *
 * Returns: (transfer container) (element-type LiaisonCommunication): at most
 *   @limit rows of @query from @offset on
 */
GPtrArray *
liaison_store_query_page (LiaisonStore        *self,
                          const LiaisonQuery  *query,
                          guint                offset,
                          guint                limit,
                          GError             **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(LiaisonStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);

  stmt = prepare_query (self, query, LIAISON_COMMUNICATION_COLUMNS, TRUE, error);
  if (stmt == NULL)
    return NULL;
  liaison_stmt_bind_int64 (stmt, 2, limit);
  liaison_stmt_bind_int64 (stmt, 3, offset);

  rows = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = liaison_stmt_step (stmt)) == LIAISON_ROW)
    g_ptr_array_add (rows, liaison_communication_new_from_row (stmt));
  if (!liaison_store_read_done (self, rc, error))
    return NULL;

  return g_steal_pointer (&rows);
}
