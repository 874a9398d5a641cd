/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * What the tests of the core share: a temporary folder with a database,
 * the test data of tests/data, samples to import, and reading the
 * database back the way a user would see it.
 *
 * Every test registers with g_test_add_func() and makes the fixture it
 * needs itself:
 *
 *   g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
 */

#include <glib.h>

#include "liaison-communication.h"
#include "liaison-import.h"
#include "liaison-netflow-parser.h"
#include "liaison-netstat-parser.h"
#include "liaison-statistics.h"
#include "liaison-store.h"
#include "liaison-time.h"
#include "liaison-test-pg.h"

G_BEGIN_DECLS

typedef struct
{
  char         *dir;      /* a new temporary folder, removed with all it holds */
  char         *db;       /* <dir>/liaison.db, or a server's URI (LIAISON_TEST_SERVER) */
  LiaisonTestPg *pg;      /* on a server: the fixture's own schema, dropped with it */
  LiaisonStore *store;    /* open on db; NULL for liaison_test_folder_new() */
  guint         files;    /* files written with liaison_test_write_file() */
} LiaisonTestFixture;

LiaisonTestFixture *liaison_test_fixture_new          (void);
LiaisonTestFixture *liaison_test_folder_new           (void);
void                liaison_test_fixture_free         (LiaisonTestFixture  *f);
gboolean            liaison_test_on_server            (void);
void                liaison_test_add_file_func        (const char          *path,
                                                       GTestFunc            func);
void                liaison_test_remove_tree          (const char          *path);
void                liaison_test_assert_database_only (LiaisonTestFixture  *f);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonTestFixture, liaison_test_fixture_free)

/* Files */
char               *liaison_test_write_file           (LiaisonTestFixture  *f,
                                                       const char          *name,
                                                       const char          *content);
char               *liaison_test_fake_nfdump          (LiaisonTestFixture  *f,
                                                       const char          *rows,
                                                       const char          *script);
char               *liaison_test_data_path            (const char          *kind,
                                                       const char          *name);
char               *liaison_test_read_data            (const char          *kind,
                                                       const char          *name,
                                                       gsize               *length);
LiaisonTime         liaison_test_time                 (const char          *text);

/* Socket tables: a capture of tests/data/netstat parsed, and sockets as
 * sorted lines of text to compare ("tcp 127.0.0.1:8080 -> 127.0.0.3:55007 counted [python3]"). */
LiaisonNetstatTable *liaison_test_parse_netstat       (const char                *name);
char               *liaison_test_socket_text          (const LiaisonSocket       *socket,
                                                       gboolean                   with_process);
char               *liaison_test_table_text           (const LiaisonNetstatTable *table,
                                                       gboolean                   with_process);

/* Flow files: records as lines of text, in file order
 * ("tcp 10.0.0.9:51512 > 10.0.0.5:443 2026-11-27T00:01:15Z..2026-11-27T00:01:16Z client"). */
char               *liaison_test_flow_text            (const LiaisonFlow         *flow);
char               *liaison_test_flows_text           (const LiaisonFlowFile     *file);
LiaisonFlowFile    *liaison_test_read_flows           (const char                *name,
                                                       gboolean                   strict);
char               *liaison_test_flow_error           (const char                *name,
                                                       const char                *text,
                                                       gsize                      length,
                                                       gboolean                   strict);
LiaisonFlowFile    *liaison_test_parse_joined_flows   (const char                *name,
                                                       const char * const        *data_files);

/* Texts that are bad flow files, each with the message reading it gives. */
typedef struct
{
  const char *text;
  const char *message;
} LiaisonTestBadFlow;

void                liaison_test_assert_bad_flows     (const char                *name,
                                                       const LiaisonTestBadFlow  *cases,
                                                       guint                      n_cases);

/* Importing, as the CLI does */
gboolean            liaison_test_import_netflow       (LiaisonTestFixture  *f,
                                                       guint                interval,
                                                       const char * const  *paths,
                                                       LiaisonImportSummary *summary,
                                                       GError             **error);
void                liaison_test_import_netflow_file  (LiaisonTestFixture  *f,
                                                       guint                interval,
                                                       const char          *path);
void                liaison_test_import_netflow_text  (LiaisonTestFixture  *f,
                                                       guint                interval,
                                                       const char          *content);
void                liaison_test_import_netstat_text  (LiaisonTestFixture  *f,
                                                       const char          *host,
                                                       const char          *time,
                                                       const char          *content);
void                liaison_test_import_netstat_texts (LiaisonTestFixture  *f,
                                                       const char          *host,
                                                       guint                n,
                                                       const char * const  *times,
                                                       const char * const  *contents);

/* Service communications */
gint64              liaison_test_add                  (LiaisonStore        *store,
                                                       const char          *client,
                                                       const char          *listener,
                                                       const char          *port,
                                                       const char          *protocol,
                                                       const char          *process);
char               *liaison_test_list                 (LiaisonStore        *store);
void                liaison_test_assert_ids           (LiaisonStore        *store,
                                                       const char          *search,
                                                       LiaisonColumn        sort,
                                                       gboolean             descending,
                                                       const gint64        *expected,
                                                       guint                n);

/* Statistics records, copied */
GPtrArray                *liaison_test_records        (LiaisonStore        *store);
const LiaisonStatRecord  *liaison_test_find_record    (GPtrArray           *records,
                                                       const char          *listener_ip,
                                                       guint                port,
                                                       const char          *client_ip,
                                                       const char          *listener_device);
GPtrArray                *liaison_test_classic        (LiaisonStore        *store);

/* The database itself */
char               *liaison_test_query_text           (LiaisonStore        *store,
                                                       const char          *sql);
gint64              liaison_test_query_int            (LiaisonStore        *store,
                                                       const char          *sql);
gint64              liaison_test_indexed_rows         (LiaisonStore        *store);
char               *liaison_test_dump_database        (LiaisonStore        *store);
char               *liaison_test_netflow_figures      (LiaisonStore        *store);
char               *liaison_test_export               (LiaisonStore            *store,
                                                       const LiaisonStatFilter *filter,
                                                       const char              *exported_at);

/* What a g_memory_output_stream_new_resizable() holds, as a string; the
 * stream is closed. */
char               *liaison_test_memory_text          (GOutputStream       *memory);

/*
 * Another program that commits at a chosen point of a read: once armed,
 * when f->store starts the statement that contains @match (after @skip
 * such statements), @commit runs on a second connection to the same
 * database (as f->store, for the fixture's helpers).
 */
typedef struct
{
  LiaisonTestFixture  *f;
  const char          *match;
  guint                skip;
  void               (*commit) (LiaisonTestFixture *f);

  /*< private >*/
  LiaisonStore        *other;
  gboolean             done;
} LiaisonTestIntruder;

void                liaison_test_intruder_arm         (LiaisonTestIntruder *in);
/* Checks that it did commit. */
void                liaison_test_intruder_disarm      (LiaisonTestIntruder *in);

/* Samples to import */

/* The header of Liaison's own flow CSV. */
#define LIAISON_TEST_CSV_HEADER "start,end,client_ip,client_port,listener_ip,listener_port,protocol\n"

/* nfdump -o csv (the 1.6 column set), one flow a line, and its summary. */
#define LIAISON_TEST_NFDUMP_HEADER \
  "ts,te,td,sa,da,sp,dp,pr,flg,fwd,stos,ipkt,ibyt,opkt,obyt,in,out,sas,das,smk,dmk,dtos,dir,nh,nhb," \
  "svln,dvln,ismc,odmc,idmc,osmc,mpls1,mpls2,mpls3,mpls4,mpls5,mpls6,mpls7,mpls8,mpls9,mpls10,cl,sl,al,ra,eng,exid,tr\n"
#define LIAISON_TEST_NFDUMP_TAIL \
  ",.AP.SF,0,0,4,300,0,0,0,0,0,0,0,0,0,0,0.0.0.0,0.0.0.0,0,0,00:00:00:00:00:00,00:00:00:00:00:00," \
  "00:00:00:00:00:00,00:00:00:00:00:00,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0," \
  "0.000,0.000,0.000,0.0.0.0,0/0,1,1970-01-01 00:00:00.000\n"
#define LIAISON_TEST_NFDUMP_FLOW(ts, te, sa, da, sp, dp, pr) \
  ts "," te ",1.000," sa "," da "," sp "," dp "," pr LIAISON_TEST_NFDUMP_TAIL
#define LIAISON_TEST_NFDUMP_SUMMARY \
  "Summary\n" \
  "flows,bytes,packets,avg_bps,avg_pps,avg_bpp\n" \
  "2,600,8,0,0,75\n"

/* The heading of `ss -tanp`. */
#define LIAISON_TEST_SS_HEADER "State      Recv-Q Send-Q  Local Address:Port   Peer Address:Port  Process\n"

/* The seed example (statistics.md section 5): three samples of 10.0.0.9 ->
 * 10.0.0.5:443, one minute each. */
extern const char *const liaison_test_seed_files[3];

/* A week of web01 (10.0.0.5): 443 listens on every address, 8080 only on
 * weekends, PostgreSQL on loopback; [::]:22 covers IPv4 too. And db01. */
extern const char liaison_test_web01_friday[];
extern const char liaison_test_web01_saturday[];
extern const char liaison_test_web01_monday[];
extern const char liaison_test_web01_next_saturday[];

#define LIAISON_TEST_DB01_SAMPLE \
  LIAISON_TEST_SS_HEADER \
  "LISTEN     0      128     127.0.0.1:5432       0.0.0.0:*          users:((\"postgres\",pid=20,fd=5))\n" \
  "ESTAB      0      0       127.0.0.1:5432       127.0.0.1:42000    users:((\"postgres\",pid=21,fd=9))\n" \
  "ESTAB      0      0       127.0.0.1:42000      127.0.0.1:5432     users:((\"psql\",pid=50,fd=3))\n"
extern const char liaison_test_db01_sample[];

void liaison_test_assert_seed_figures (LiaisonTestFixture *f);
void liaison_test_import_web01_week   (LiaisonTestFixture *f);

/* SQL that puts a file's search index back as versions 2 to 7 had it, an
 * index of rows, for a test that puts a database back to such a version
 * (schema version 8 made it an index of values). */
#define LIAISON_TEST_SEARCH_INDEX_OF_ROWS \
  "DROP TABLE search_value;" \
  "DROP TABLE search_value_index;" \
  "CREATE VIRTUAL TABLE communication_search USING fts5 (" \
  "  client_ip, client_device, listener_ip, listener_device, port," \
  "  client_process_name, client_process_display_name," \
  "  tokenize = 'trigram', content = '', columnsize = 0);"

G_END_DECLS
