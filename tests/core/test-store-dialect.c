/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "liaison-store-private.h"

/*
 * liaison_pg_translate(): the store's SQLite dialect as a PostgreSQL server
 * takes it, one rule at a time (liaison-store-dialect.c).
 */

typedef struct
{
  const char *sqlite;
  const char *server;
  int         n_params;
} Case;

static void
test_translate (void)
{
  static const Case cases[] = {
    { "SELECT id FROM communication WHERE port = ? AND protocol = ?",
      "SELECT id FROM communication WHERE port = $1 AND protocol = $2", 2 },
    { "UPDATE t SET a = ?2 WHERE id = ?1 OR id = ?2", "UPDATE t SET a = $2 WHERE id = $1 OR id = $2", 2 },
    { "SELECT min(coalesce(a, ?1), ?1), max(b), min(c)", "SELECT LEAST(coalesce(a, $1), $1), max(b), min(c)", 1 },
    { "SELECT x'01fF', 'it''s ?', char(1, 1)", "SELECT '\\x01ff'::bytea, 'it''s ?', (chr(1) || chr( 1))", 0 },
    { "SELECT count(*) FROM (SELECT 1 FROM t LIMIT ?1)", "SELECT count(*) FROM (SELECT 1 FROM t LIMIT $1) AS subquery_1", 1 },
    { "SELECT * FROM (SELECT a FROM t) AS named", "SELECT * FROM (SELECT a FROM t) AS named", 0 },
    { "SELECT group_concat(a || ' ', ',') FROM t", "SELECT string_agg((a || ' ')::text,  ',') FROM t", 0 },
    { "SELECT hex(k) FROM t", "SELECT upper(encode((k)::bytea, 'hex')) FROM t", 0 },
    { "SELECT id FROM communication INDEXED BY communication_identity WHERE +r.port = ?",
      "SELECT id FROM communication  WHERE r.port = $1", 1 },
    { "SELECT id FROM communication NOT INDEXED WHERE 1", "SELECT id FROM communication  WHERE 1", 0 },
    { "SELECT * FROM c WHERE id IN (SELECT value FROM json_each (?1))",
      "SELECT * FROM c WHERE id IN (SELECT value FROM (SELECT j.value::bigint AS value FROM "
      "json_array_elements_text (($1)::json) AS j) AS json_each)", 1 },
    { "SELECT 1 WHERE liaison_contains (?1, a, port)",
      "SELECT 1 WHERE (strpos(lower(( a)::text COLLATE \"C\"), $1::text) > 0"
      " OR strpos(lower(( port)::text COLLATE \"C\"), $1::text) > 0)", 1 },
    /* The runs come after every other parameter, its own arguments' too. */
    { "UPDATE r SET runs = liaison_runs_add (runs, ?2, ?3) WHERE id = ?1",
      "UPDATE r SET runs = $4::bytea WHERE id = $1", 4 },
    { "PRAGMA cache_size = -512", "SELECT 0", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int n = -1;
      g_autofree char *server = liaison_pg_translate (cases[i].sqlite, &n);

      g_assert_cmpstr (server, ==, cases[i].server);
      g_assert_cmpint (n, ==, cases[i].n_params);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store-dialect/translate", test_translate);
  return g_test_run ();
}
