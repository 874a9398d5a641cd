/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <string.h>

#include "liaison-store-private.h"

/*
 * SQLite's dialect, as the store's rooms write it, in PostgreSQL's: the one
 * place where the dialects differ.
 *
 * - parameters `?` and `?N` become `$N`;
 * - SQLite's scalar min(a, b) and max(a, b) are LEAST() and GREATEST();
 * - a blob literal x'0A' is '\x0a'::bytea;
 * - char(N, ...) is chr(N) || ...;
 * - liaison_contains(needle, columns...) (liaison-search.c) is a test of
 *   each column, folding ASCII case as it does ("C" collation);
 * - SQLite's index hints (INDEXED BY, NOT INDEXED, a unary + before a
 *   column) are left out;
 * - a subquery in FROM without a name gets one;
 * - group_concat(x, sep) is string_agg(x::text, sep); hex(blob) is
 *   upper(encode(blob, 'hex'));
 * - liaison_runs_add(...) (liaison-store-runs.c) is a parameter, the one
 *   after the statement's others: the caller binds the runs that
 *   liaison_store_runs_after() computed from the row;
 * - json_each(array) of integers is json_array_elements_text() cast;
 * - SQLite's tuning pragmas (cache_size) mean nothing on a server: a
 *   statement that begins with PRAGMA reads 0 and does nothing.
 */
typedef struct
{
  int next_param;       /* the last parameter number met */
  int runs_param;       /* the number liaison_runs_add() becomes */
  int aliases;          /* subqueries named */
} Translation;

static void translate_into (GString *out, const char *sql, gsize length, Translation *t);

/* The first @stop between @p and @end that stands outside quotes and
 * outside parentheses opened after @p, or NULL. */
static const char *
top_level (const char *p,
           const char *end,
           char        stop)
{
  int depth = 0;
  gboolean quoted = FALSE;

  for (; p < end; p++)
    {
      if (*p == '\'')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (*p == stop && depth == 0)
        return p;
      else if (*p == '(')
        depth++;
      else if (*p == ')')
        depth--;
    }
  return NULL;
}

/* The end of the parenthesised list that starts at @open ('('), or NULL. */
static const char *
closing_parenthesis (const char *open,
                     const char *end)
{
  return top_level (open + 1, end, ')');
}

/* Splits the top-level, comma-separated arguments between @open and @close. */
static GPtrArray *
split_arguments (const char *open,
                 const char *close)
{
  GPtrArray *args = g_ptr_array_new_with_free_func (g_free);
  const char *start = open + 1;
  const char *comma;

  while ((comma = top_level (start, close, ',')) != NULL)
    {
      g_ptr_array_add (args, g_strndup (start, comma - start));
      start = comma + 1;
    }
  g_ptr_array_add (args, g_strndup (start, close - start));
  return args;
}

/* Whether the parenthesis at @open begins a subquery in FROM or JOIN
 * that has no name, which SQLite allows and PostgreSQL before 16 not. */
static gboolean
subquery_needs_alias (const char *sql,
                      const char *open,
                      const char *end)
{
  static const char *keywords[] = { "WHERE", "ORDER", "GROUP", "LIMIT", "CROSS", "JOIN", "UNION",
                                    "LEFT", "INNER", "ON", "HAVING", NULL };
  const char *before = open;
  const char *close;
  const char *after;
  const char *inner = open + 1;

  while (before > sql && before[-1] == ' ')
    before--;
  if (!((before - sql >= 4 && g_ascii_strncasecmp (before - 4, "FROM", 4) == 0) ||
        (before - sql >= 4 && g_ascii_strncasecmp (before - 4, "JOIN", 4) == 0)))
    return FALSE;
  while (*inner == ' ')
    inner++;
  if (g_ascii_strncasecmp (inner, "SELECT", 6) != 0 && g_ascii_strncasecmp (inner, "VALUES", 6) != 0)
    return FALSE;
  close = closing_parenthesis (open, end);
  if (close == NULL)
    return FALSE;
  after = close + 1;
  while (after < end && *after == ' ')
    after++;
  if (after >= end || *after == ')' || *after == ',' || *after == ';')
    return TRUE;
  for (guint i = 0; keywords[i] != NULL; i++)
    {
      gsize n = strlen (keywords[i]);
      if (g_ascii_strncasecmp (after, keywords[i], n) == 0 && !g_ascii_isalnum (after[n]) && after[n] != '_')
        return TRUE;
    }
  return FALSE;
}

static gboolean
word_at (const char *p,
         const char *sql,
         const char *word)
{
  gsize n = strlen (word);

  if (p > sql && (g_ascii_isalnum (p[-1]) || p[-1] == '_'))
    return FALSE;
  if (g_ascii_strncasecmp (p, word, n) != 0)
    return FALSE;
  p += n;
  while (*p == ' ')
    p++;
  return *p == '(';
}

static void
translate_argument (GString     *out,
                    GPtrArray   *args,
                    guint        i,
                    Translation *t)
{
  const char *arg = g_ptr_array_index (args, i);

  translate_into (out, arg, strlen (arg), t);
}

/* Each rewrites a call of SQLite's whose name is @name and whose
 * arguments, already split, are @args; @call is the text from its name to
 * its closing parenthesis. */
typedef void (*Rewrite) (GString     *out,
                         const char  *call,
                         GPtrArray   *args,
                         Translation *t);

static void
rewrite_json_each (GString *out, const char *call, GPtrArray *args, Translation *t)
{
  g_string_append (out, "(SELECT j.value::bigint AS value FROM json_array_elements_text ((");
  translate_argument (out, args, 0, t);
  g_string_append (out, ")::json) AS j) AS json_each");
}

static void
rewrite_hex (GString *out, const char *call, GPtrArray *args, Translation *t)
{
  g_string_append (out, "upper(encode((");
  translate_argument (out, args, 0, t);
  g_string_append (out, ")::bytea, 'hex'))");
}

static void
rewrite_group_concat (GString *out, const char *call, GPtrArray *args, Translation *t)
{
  g_string_append (out, "string_agg((");
  translate_argument (out, args, 0, t);
  g_string_append (out, ")::text, ");
  if (args->len > 1)
    translate_argument (out, args, 1, t);
  else
    g_string_append (out, "','");
  g_string_append_c (out, ')');
}

static void
rewrite_runs_add (GString *out, const char *call, GPtrArray *args, Translation *t)
{
  g_autoptr(GString) ignored = g_string_new (NULL);

  /* Its arguments count among the statement's parameters. */
  for (guint i = 0; i < args->len; i++)
    translate_argument (ignored, args, i, t);
  g_string_append_printf (out, "$%d::bytea", t->runs_param);
}

static void
rewrite_char (GString *out, const char *call, GPtrArray *args, Translation *t)
{
  for (guint i = 0; i < args->len; i++)
    {
      g_string_append (out, i == 0 ? "(chr(" : " || chr(");
      translate_argument (out, args, i, t);
      g_string_append_c (out, ')');
    }
  g_string_append_c (out, ')');
}

static void
rewrite_contains (GString *out, const char *call, GPtrArray *args, Translation *t)
{
  g_autoptr(GString) needle = g_string_new (NULL);

  translate_argument (needle, args, 0, t);
  g_string_append_c (out, '(');
  for (guint i = 1; i < args->len; i++)
    {
      g_string_append (out, i == 1 ? "strpos(lower((" : " OR strpos(lower((");
      translate_argument (out, args, i, t);
      g_string_append_printf (out, ")::text COLLATE \"C\"), %s::text) > 0", needle->str);
    }
  g_string_append_c (out, ')');
}

/* min() and max() of one argument are aggregates in both dialects. */
static void
rewrite_min_max (GString *out, const char *call, GPtrArray *args, Translation *t)
{
  gboolean min = g_ascii_strncasecmp (call, "min", 3) == 0;

  g_string_append (out, args->len == 1 ? (min ? "min(" : "max(") : (min ? "LEAST(" : "GREATEST("));
  for (guint i = 0; i < args->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      translate_argument (out, args, i, t);
    }
  g_string_append_c (out, ')');
}

static const struct
{
  const char *name;
  Rewrite     rewrite;
} rewrites[] = {
  { "json_each", rewrite_json_each },
  { "hex", rewrite_hex },
  { "group_concat", rewrite_group_concat },
  { "liaison_runs_add", rewrite_runs_add },
  { "char", rewrite_char },
  { "liaison_contains", rewrite_contains },
  { "min", rewrite_min_max },
  { "max", rewrite_min_max },
};

/* The call of SQLite's at @p that a rewrite takes, written; its closing
 * parenthesis, or NULL when there is none. */
static const char *
rewrite_call (GString     *out,
              const char  *sql,
              const char  *p,
              const char  *end,
              Translation *t)
{
  for (guint i = 0; i < G_N_ELEMENTS (rewrites); i++)
    {
      const char *open, *close;
      g_autoptr(GPtrArray) args = NULL;

      if (!word_at (p, sql, rewrites[i].name))
        continue;
      open = strchr (p, '(');
      close = closing_parenthesis (open, end);
      if (close == NULL)
        return NULL;
      args = split_arguments (open, close);
      rewrites[i].rewrite (out, p, args, t);
      return close;
    }
  return NULL;
}

static void
translate_into (GString     *out,
                const char  *sql,
                gsize        length,
                Translation *t)
{
  const char *end = sql + length;

  for (const char *p = sql; p < end; p++)
    {
      const char *close;

      if (*p == '\'')
        {
          const char *q = p + 1;
          while (q < end && *q != '\'')
            q++;
          g_string_append_len (out, p, MIN (q + 1, end) - p);
          p = MIN (q, end - 1);
        }
      else if (*p == '?')
        {
          const char *q = p + 1;
          int n = 0;

          while (q < end && g_ascii_isdigit (*q))
            n = n * 10 + (*q++ - '0');
          if (q == p + 1)
            n = ++t->next_param;
          else
            t->next_param = MAX (t->next_param, n);
          g_string_append_printf (out, "$%d", n);
          p = q - 1;
        }
      else if ((*p == 'x' || *p == 'X') && p + 1 < end && p[1] == '\'' &&
               (p == sql || !g_ascii_isalnum (p[-1])))
        {
          const char *q = p + 2;
          g_string_append (out, "'\\x");
          while (q < end && *q != '\'')
            g_string_append_c (out, g_ascii_tolower (*q++));
          g_string_append (out, "'::bytea");
          p = q;
        }
      else if (*p == '+' && p + 1 < end && (g_ascii_isalpha (p[1]) || p[1] == '_') &&
               p > sql && (p[-1] == ' ' || p[-1] == '('))
        continue;
      else if (g_ascii_strncasecmp (p, "NOT INDEXED", 11) == 0 && p > sql && p[-1] == ' ' &&
               !g_ascii_isalnum (p[11]))
        p += 10;
      else if (g_ascii_strncasecmp (p, "INDEXED BY ", 11) == 0 && p > sql && p[-1] == ' ')
        {
          /* SQLite's index hint: the server's planner chooses. */
          const char *q = p + 11;
          while (q < end && (g_ascii_isalnum (*q) || *q == '_'))
            q++;
          p = q - 1;
        }
      else if (*p == '(' && subquery_needs_alias (sql, p, end))
        {
          close = closing_parenthesis (p, end);
          g_string_append_c (out, '(');
          translate_into (out, p + 1, close - p - 1, t);
          g_string_append_printf (out, ") AS subquery_%d", ++t->aliases);
          p = close;
        }
      else if ((close = rewrite_call (out, sql, p, end, t)) != NULL)
        p = close;
      else
        g_string_append_c (out, *p);
    }
}

/* Exposed for the tests: @sql in PostgreSQL's dialect; @n_params gets how many parameters. */
char *
liaison_pg_translate (const char *sql,
                      int        *n_params)
{
  GString *out = g_string_sized_new (strlen (sql) + 16);
  Translation t = { 0, 0, 0 };

  if (g_ascii_strncasecmp (sql, "PRAGMA", 6) == 0)
    {
      if (n_params != NULL)
        *n_params = 0;
      g_string_append (out, "SELECT 0");
      return g_string_free (out, FALSE);
    }

  /* Once to number the parameters, then for good. */
  translate_into (out, sql, strlen (sql), &t);
  if (strstr (sql, "liaison_runs_add") != NULL)
    {
      t.runs_param = t.next_param + 1;
      t.next_param = 0;
      g_string_truncate (out, 0);
      translate_into (out, sql, strlen (sql), &t);
      t.next_param = t.runs_param;
    }
  if (n_params != NULL)
    *n_params = t.next_param;
  return g_string_free (out, FALSE);
}

