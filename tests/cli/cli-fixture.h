/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "liaison-time.h"

G_BEGIN_DECLS

/*
 * liaison-cli as a user runs it (cli.md): the real binary ($LIAISON_CLI) on a
 * temporary database; exit status, stdout and stderr compared exactly. One
 * fixture for the tests of every file of src/cli.
 */

/* The user the CLI runs as when a test runs as root and needs a user that
 * the file modes hold back. */
#define NOBODY 65534

typedef struct
{
  char *dir;                    /* a temporary folder, removed afterwards */
  char *db;                     /* liaison.db in it, given as --database */
} Fixture;

/* What one run of liaison-cli did. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

void result_clear (Result *result);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

typedef struct
{
  const char *database;         /* --database; NULL: none */
  const char *input;            /* stdin; NULL: empty */
  const char *env_database;     /* LIAISON_DATABASE; NULL: unset */
  gboolean    as_nobody;
  const char *tz;               /* TZ; NULL: the test's own */
  const char *allow_shared;     /* LIAISON_ALLOW_SHARED; NULL: unset */
} RunOptions;

const char *cli_path      (void);

/* Runs liaison-cli; FALSE when it could not be started at all. */
gboolean    run_with      (Fixture            *fixture,
                           const RunOptions   *options,
                           Result             *result,
                           const char * const *args,
                           GError            **error);
/* Runs liaison-cli with --database, and @input on stdin. */
void        run_argv      (Fixture            *fixture,
                           const char         *input,
                           Result             *result,
                           const char * const *args);

/* RUN (fixture, &result, "list", "--format", "csv"): with --database. */
#define RUN(fixture, result, ...) \
  run_argv ((fixture), NULL, (result), (const char * const[]) { __VA_ARGS__, NULL })
#define RUN_INPUT(fixture, input, result, ...) \
  run_argv ((fixture), (input), (result), (const char * const[]) { __VA_ARGS__, NULL })

void        assert_result (const Result       *result,
                           int                 status,
                           const char         *out,
                           const char         *err);

#define CSV_HEADER \
  "id,client_ip,client_device,listener_ip,listener_device,port,protocol," \
  "client_process_name,client_process_display_name,first_detected,last_detected,source\n"

/* The whole database as `list --format csv` prints it. */
char       *dump          (Fixture            *fixture);
/* A number the database gives for @sql, read directly. */
gint64      query_int     (Fixture            *fixture,
                           const char         *sql);
/* A file @name in the fixture's folder; returns its path. */
char       *write_file    (Fixture            *fixture,
                           const char         *name,
                           const char         *contents);
/* `add` with the options after @expected_id, up to NULL; it must print
 * @expected_id. */
void        add_row       (Fixture            *fixture,
                           const char         *expected_id,
                           ...) G_GNUC_NULL_TERMINATED;

/* A command line that is bad usage, and the line it must print. */
typedef struct
{
  const char *args[8];
  const char *err;
} UsageCase;

/* Usage errors: exit 2, one line naming what is wrong, nothing written;
 * none of @cases touches the database. */
void        assert_usage_errors (Fixture         *fixture,
                                 const UsageCase *cases,
                                 guint            n_cases);

/* The seed example of statistics.md section 5: three Liaison CSV files,
 * interval 60, and their paths once written. */
extern const char *seed_files[3];
char      **write_seed_files (Fixture         *fixture);

/* Replaces the value of exported_at by EXPORTED_AT after checking that it
 * is a time from @before to @after, in whole seconds. */
char       *mask_exported_at (const char      *document,
                              LiaisonTime      before,
                              LiaisonTime      after);

/* A repeating command (`--every`, watch-netflow) running in the background:
 * its stdout read line by line as it comes, until a signal stops it. */
typedef struct
{
  GSubprocess      *process;
  GDataInputStream *out;
  GPtrArray        *lines;      /* of stdout so far, without their newline */
  gboolean          eof;
  char             *err_path;   /* where its stderr goes */
} Background;

Background *run_background  (Fixture            *fixture,
                             const char * const *args);
void        wait_for_lines  (Background         *background,
                             guint               n);
void        stop_background (Background         *background,
                             int                 signal,
                             Result             *result);

#define RUN_BACKGROUND(fixture, ...) \
  run_background ((fixture), (const char * const[]) { __VA_ARGS__, NULL })

/* A test of /cli with a fresh Fixture. */
void        add_test      (const char         *path,
                           void              (*func) (Fixture *, gconstpointer));

G_END_DECLS
