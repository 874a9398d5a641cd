/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include "liaison-store-schema-private.h"

/*
 * The database schema, one forward migration per version. The migration for
 * version N takes a database at version N-1 to N; `PRAGMA user_version` says
 * which version a database is at. Never edit a migration once it has shipped:
 * add a new one. The one exception is a constraint or an index written
 * another way that gives every query the same answer (in 1:
 * communication.source's check, the sorts' indexes, the records by host):
 * a database made before keeps its text and the same meaning.
 *
 * Times are integers, milliseconds since the Unix epoch, UTC. Addresses are
 * stored as canonical text (for display and search) and as a 17-byte key
 * (family, then the address bytes) whose byte order is numeric order.
 *
 * A loopback address means something else on each host: `scope` holds the
 * host (device name) wherever a loopback address is part of an identity,
 * and '' everywhere else, so that unique indexes see plain values.
 */
static const char *migrations[] = {
  /* 1 */
  "CREATE TABLE device ("
  "  name TEXT PRIMARY KEY NOT NULL CHECK (name <> '')"
  ") WITHOUT ROWID;"

  "CREATE TABLE communication ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  client_ip TEXT NOT NULL,"
  "  client_key BLOB NOT NULL,"
  "  client_device TEXT REFERENCES device (name) ON UPDATE CASCADE,"
  "  listener_ip TEXT NOT NULL,"
  "  listener_key BLOB NOT NULL,"
  "  listener_device TEXT REFERENCES device (name) ON UPDATE CASCADE,"
  "  port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),"
  "  protocol TEXT NOT NULL CHECK (protocol IN ('tcp', 'udp')),"
  "  client_process_name TEXT NOT NULL DEFAULT '',"          /* '' = unknown */
  "  client_process_display_name TEXT,"
  "  first_detected INTEGER,"
  "  last_detected INTEGER,"
  /* Not `source IN (...)`: SQLite checks an IN list of three constants or
   * more against a temporary index that it fills again for every row
   * written, about 8,600 instructions a row (6 % of a first netflow
   * import's). A database made before keeps the IN list. */
  "  source TEXT NOT NULL CHECK (source = 'manual' OR source = 'netstat' OR source = 'netflow'),"
  "  scope TEXT NOT NULL DEFAULT '',"
  "  user_fields INTEGER NOT NULL DEFAULT 0"                 /* LiaisonField bits a user typed */
  ");"
  "CREATE UNIQUE INDEX communication_identity ON communication"
  "  (client_key, listener_key, port, protocol, client_process_name, scope);"
  /* The sorts' indexes end with the id without naming it: SQLite ends
   * every entry with the row's id, and walks (port) for ORDER BY port, id
   * either way as it walks (port, id). Naming it stored it twice, and made
   * each index a third slower to make after a first import's rows. A
   * database made before keeps (column, id). */
  "CREATE INDEX communication_by_listener_key ON communication (listener_key);"
  "CREATE INDEX communication_by_client_device ON communication (client_device);"
  "CREATE INDEX communication_by_listener_device ON communication (listener_device);"
  "CREATE INDEX communication_by_port ON communication (port);"
  "CREATE INDEX communication_by_protocol ON communication (protocol);"
  "CREATE INDEX communication_by_process ON communication (client_process_name);"
  "CREATE INDEX communication_by_display_name ON communication (client_process_display_name);"
  "CREATE INDEX communication_by_first_detected ON communication (first_detected);"
  "CREATE INDEX communication_by_last_detected ON communication (last_detected);"
  "CREATE INDEX communication_by_source ON communication (source);"
  "CREATE INDEX communication_by_client_key ON communication (client_key);"

  /* Substring search: a trigram index over the text columns. The store
   * keeps it row by row (liaison-store-search-index.c) rather than by
   * triggers: a trigger makes every insert a multi-row write, whose
   * statement journal flushes the index's pending data each time. */
  "CREATE VIRTUAL TABLE communication_search USING fts5 ("
  "  client_ip, client_device, listener_ip, listener_device, port, protocol,"
  "  client_process_name, client_process_display_name, source,"
  "  tokenize = 'trigram');"

  /* Listeners known to Liaison: found by netstat on a host (ip may be a
   * wildcard, 0.0.0.0 or ::), or entered by hand with a service communication. */
  "CREATE TABLE listener ("
  "  id INTEGER PRIMARY KEY,"
  "  host TEXT NOT NULL DEFAULT '',"                          /* '' for manual ones */
  "  ip TEXT NOT NULL,"
  "  ip_key BLOB NOT NULL,"
  "  port INTEGER NOT NULL,"
  "  protocol TEXT NOT NULL,"
  "  source TEXT NOT NULL CHECK (source IN ('netstat', 'manual')),"
  "  first_found INTEGER,"
  "  last_found INTEGER,"
  "  UNIQUE (ip_key, port, protocol, host, source)"
  ");"
  "CREATE INDEX listener_by_port ON listener (port, protocol);"

  /* Statistics records: listener perspective, client-IP-centric. A part
   * never measured has NULL counters (ns_* for netstat, nf_* for netflow). */
  "CREATE TABLE stat_record ("
  "  id INTEGER PRIMARY KEY,"
  "  listener_ip TEXT NOT NULL,"
  "  listener_key BLOB NOT NULL,"
  "  port INTEGER NOT NULL,"
  "  protocol TEXT NOT NULL,"
  "  client_ip TEXT NOT NULL,"
  "  client_key BLOB NOT NULL,"
  "  scope TEXT NOT NULL DEFAULT '',"
  "  listener_device TEXT,"
  "  client_device TEXT,"
  "  ns_host TEXT,"
  "  ns_total_samples INTEGER,"
  "  ns_active_samples INTEGER,"
  "  ns_total_ports INTEGER,"
  "  ns_first_found INTEGER,"
  "  ns_last_found INTEGER,"
  "  nf_interval INTEGER,"
  "  nf_active_samples INTEGER,"
  "  nf_total_events INTEGER,"
  "  nf_total_ports INTEGER,"
  "  nf_first_found INTEGER,"
  "  nf_last_found INTEGER,"
  "  nf_first_interval INTEGER,"                                /* I of the sample holding first_found */
  "  nf_gap_span INTEGER"                                       /* milliseconds */
  ");"
  "CREATE UNIQUE INDEX stat_record_identity ON stat_record"
  "  (listener_key, port, protocol, client_key, scope);"
  "CREATE INDEX stat_record_order ON stat_record"
  "  (listener_key, port, protocol, client_key, listener_device);"
  /* Only netstat's records have a host, and only `ns_host = ?` reads this:
   * the records of flows are not in it (made before: they were). */
  "CREATE INDEX stat_record_by_host ON stat_record (ns_host, port, protocol) WHERE ns_host IS NOT NULL;"

  /* Gap segments of a record's netflow part; to_interval is the I of the
   * sample holding the interval that ends the gap. */
  "CREATE TABLE gap_segment ("
  "  record_id INTEGER NOT NULL REFERENCES stat_record (id) ON DELETE CASCADE,"
  "  gap_from INTEGER NOT NULL,"
  "  gap_to INTEGER NOT NULL,"
  "  to_interval INTEGER NOT NULL,"
  "  PRIMARY KEY (record_id, gap_from)"
  ") WITHOUT ROWID;"

  /* Classic (per client service) statistics: one per service communication
   * with a known client process. */
  "CREATE TABLE classic_stat ("
  "  communication_id INTEGER PRIMARY KEY REFERENCES communication (id) ON DELETE CASCADE,"
  "  host TEXT NOT NULL,"
  "  total_samples INTEGER NOT NULL,"
  "  active_samples INTEGER NOT NULL,"
  "  total_ports INTEGER NOT NULL,"
  "  first_found INTEGER,"
  "  last_found INTEGER"
  ");"
  "CREATE INDEX classic_stat_by_host ON classic_stat (host);"

  /* Every imported sample; content_hash refuses the same file twice. */
  "CREATE TABLE sample ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL CHECK (kind IN ('netstat', 'netflow')),"
  "  content_hash TEXT NOT NULL UNIQUE,"
  "  file_name TEXT NOT NULL,"
  "  host TEXT,"
  "  sample_time INTEGER,"                                     /* netstat: T */
  "  window_start INTEGER,"                                    /* netflow: S */
  "  window_end INTEGER,"                                      /* netflow: S + I */
  "  interval INTEGER,"
  "  records INTEGER NOT NULL DEFAULT 0,"
  "  imported_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX sample_by_window_end ON sample (kind, window_end);",

  /* 2: the search index holds every value followed by two U+0001
   * characters (liaison-search.h), so that a search of one or two
   * characters begins one of its trigrams and needs no scan of the table.
   * Those are more terms to write; the index no longer keeps a copy of
   * the values (content = '': the store notes what it indexed before it
   * changes a row, liaison-store-search-index.c) nor column sizes (only
   * ranking reads them), and gathers more terms in memory before it writes them out
   * (hashsize, default 1 MB), so that an import writes and merges fewer
   * segments. The index is made again from the rows: dropping it is much
   * quicker than deleting its entries one row at a time. */
  "DROP TABLE communication_search;"
  "CREATE VIRTUAL TABLE communication_search USING fts5 ("
  "  client_ip, client_device, listener_ip, listener_device, port, protocol,"
  "  client_process_name, client_process_display_name, source,"
  "  tokenize = 'trigram', content = '', columnsize = 0);"
  "INSERT INTO communication_search (communication_search, rank) VALUES ('hashsize', 16777216);"
  "INSERT INTO communication_search (rowid, client_ip, client_device, listener_ip, listener_device,"
  "  port, protocol, client_process_name, client_process_display_name, source)"
  "  SELECT id, client_ip || char(1, 1), client_device || char(1, 1),"
  "    listener_ip || char(1, 1), listener_device || char(1, 1), port || char(1, 1),"
  "    protocol || char(1, 1), client_process_name || char(1, 1),"
  "    client_process_display_name || char(1, 1), source || char(1, 1)"
  "  FROM communication;",

  /* 3: the dependency map (map.md). User groups: named sets of devices and
   * addresses; a device or an address is in at most one group (the primary
   * key). The map finds the device of every address without reading every
   * row: the partial indexes hold the rows that name a device in address
   * order, so that one seek per distinct (address, device) walks them. The
   * newest netstat sample of each host says how long a record has been
   * silent. (IF NOT EXISTS: a database put back to an older version by hand
   * and migrated again keeps what it has.) */
  "CREATE TABLE IF NOT EXISTS user_group ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE CHECK (name <> '')"
  ");"
  "CREATE TABLE IF NOT EXISTS user_group_member ("
  "  group_id INTEGER NOT NULL REFERENCES user_group (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('device', 'address')),"
  "  member TEXT NOT NULL,"                                  /* a device name, or an address as canonical text */
  "  PRIMARY KEY (kind, member)"
  ") WITHOUT ROWID;"
  "CREATE INDEX IF NOT EXISTS user_group_member_by_group ON user_group_member (group_id, kind, member);"
  "CREATE INDEX IF NOT EXISTS communication_listener_devices ON communication (listener_key, scope, listener_device)"
  "  WHERE listener_device IS NOT NULL;"
  "CREATE INDEX IF NOT EXISTS communication_client_devices ON communication (client_key, scope, client_device)"
  "  WHERE client_device IS NOT NULL;"
  "CREATE INDEX IF NOT EXISTS stat_record_listener_devices ON stat_record (listener_key, scope, listener_device)"
  "  WHERE listener_device IS NOT NULL;"
  "CREATE INDEX IF NOT EXISTS stat_record_client_devices ON stat_record (client_key, scope, client_device)"
  "  WHERE client_device IS NOT NULL;"
  "CREATE INDEX IF NOT EXISTS sample_netstat_by_host ON sample (host, sample_time) WHERE kind = 'netstat';",
  /* 4: sample windows (statistics.md 4). A netflow sample is one window
   * [S, S + I) of the UTC epoch grid of I: a file may bring records of
   * several windows and several files may bring records of one, and
   * active_samples counts windows. The windows in which a record's pair
   * was active are kept as runs of consecutive windows, [from, to) in
   * milliseconds, so that a file of a window the record already counted
   * does not count it again, in whatever order files come: the newest run
   * in the record itself (a collector's next window only extends it), the
   * older ones in nf_window_run. Records from before this version have no
   * runs: their counters and spans stay as they are, and only windows
   * imported from now on are known. */
  "ALTER TABLE stat_record ADD COLUMN nf_run_from INTEGER;"
  "ALTER TABLE stat_record ADD COLUMN nf_run_to INTEGER;"
  "CREATE TABLE nf_window_run ("
  "  record_id INTEGER NOT NULL REFERENCES stat_record (id) ON DELETE CASCADE,"
  "  run_from INTEGER NOT NULL,"
  "  run_to INTEGER NOT NULL,"
  "  PRIMARY KEY (record_id, run_to)"
  ") WITHOUT ROWID;",
  /* 5: activity runs (statistics.md 3.6). A record's runs are its first and
   * last found and, beside them, the breaks between runs (liaison-runs.c):
   * NULL for one run. A record whose history predates runs gets one run
   * from first to last found that is not known in between: the blob of
   * flags 1 and no breaks.
   *
   * Each host's sample moments, in chunks of a few dozen (start = the
   * first moment), name the set of listeners their sample discovered:
   * what a late sample needs to extend, join or split runs. */
  "ALTER TABLE stat_record ADD COLUMN ns_runs BLOB;"
  "ALTER TABLE classic_stat ADD COLUMN runs BLOB;"
  "UPDATE stat_record SET ns_runs = x'01' WHERE ns_first_found IS NOT NULL;"
  "UPDATE classic_stat SET runs = x'01' WHERE first_found IS NOT NULL;"
  "CREATE TABLE netstat_moments ("
  "  host TEXT NOT NULL,"
  "  start INTEGER NOT NULL,"
  "  moments BLOB NOT NULL,"
  "  PRIMARY KEY (host, start)"
  ") WITHOUT ROWID;"
  "CREATE TABLE discovered_set ("
  "  id INTEGER PRIMARY KEY,"
  "  host TEXT NOT NULL,"
  "  digest INTEGER NOT NULL,"
  "  listeners BLOB NOT NULL"
  ");"
  "CREATE INDEX discovered_set_by_digest ON discovered_set (host, digest);",
  /* 6: a record's runs may be packed (liaison-runs.c), which a version
   * before cannot read; and the export's order comes from the record's
   * identity, its rare ties sorted apart, not from an index of its own. */
  "DROP INDEX IF EXISTS stat_record_order;",
  /* 7: the search index leaves out the source and the protocol. Each is
   * one of a few words (manual, netstat, netflow; tcp, udp: their checks in
   * 1), in almost every row, and was a third of the index's terms, about
   * 6 % of a first import's instructions: a search finds the rows whose
   * word holds it by that column's index instead (liaison-store-search.c).
   * The index is made again from the rows, as in 2. */
  "DROP TABLE communication_search;"
  "CREATE VIRTUAL TABLE communication_search USING fts5 ("
  "  client_ip, client_device, listener_ip, listener_device, port,"
  "  client_process_name, client_process_display_name,"
  "  tokenize = 'trigram', content = '', columnsize = 0);"
  "INSERT INTO communication_search (communication_search, rank) VALUES ('hashsize', 16777216);"
  "INSERT INTO communication_search (rowid, client_ip, client_device, listener_ip, listener_device,"
  "  port, client_process_name, client_process_display_name)"
  "  SELECT id, client_ip || char(1, 1), client_device || char(1, 1),"
  "    listener_ip || char(1, 1), listener_device || char(1, 1), port || char(1, 1),"
  "    client_process_name || char(1, 1), client_process_display_name || char(1, 1)"
  "  FROM communication;",
  /* 8: the search index holds each distinct value once, as a server's
   * does (below): communications share their addresses, ports and names,
   * so a network's rows hold far fewer values than rows (97,597 rows of
   * 100,000 pairs: 6,510 values), and an import indexes only the values it
   * brings that were not there. search_value holds a value with its
   * address's key (x'' for any other value), the column that an
   * address's lookups use; search_value_index, its trigrams: the value
   * followed by two U+0001 as in 2 (rowid: search_value's id). A search
   * finds the values that hold it there, then the rows that hold one of
   * them through each column's own index (liaison-store-search.c). A
   * value no row holds any longer stays, and finds nothing. */
  "DROP TABLE communication_search;"
  "CREATE TABLE search_value ("
  "  id INTEGER PRIMARY KEY,"
  "  value TEXT NOT NULL,"
  "  key BLOB NOT NULL,"
  "  UNIQUE (value, key)"
  ");"
  "CREATE VIRTUAL TABLE search_value_index USING fts5 ("
  "  value, tokenize = 'trigram', content = '', columnsize = 0);"
  "INSERT INTO search_value (value, key)"
  "  SELECT v, k FROM (SELECT client_ip AS v, client_key AS k FROM communication"
  "    UNION SELECT listener_ip, listener_key FROM communication"
  "    UNION SELECT client_device, x'' FROM communication"
  "    UNION SELECT listener_device, x'' FROM communication"
  "    UNION SELECT CAST (port AS TEXT), x'' FROM communication"
  "    UNION SELECT client_process_name, x'' FROM communication"
  "    UNION SELECT client_process_display_name, x'' FROM communication)"
  "  WHERE v <> '';"
  "INSERT INTO search_value_index (rowid, value) SELECT id, value || char(1, 1) FROM search_value;",
};

/*
 * The list's search on a server (team.md 4): an index of its own, made and
 * kept by the server, of the values rather than of the rows. search_value
 * holds each distinct value of the searched columns once (communications
 * share their addresses, ports, names and words: far fewer values than
 * rows), kept by triggers on communication, so that every write path feeds
 * it: an insert statement's rows cost one set-based statement, not an index
 * entry per row and gram, and an update costs only where it changes a
 * searched value. liaison_search_grams()
 * cuts a value, folded as liaison_contains() folds (ASCII only: lower() in
 * the "C" collation), into every run of one to four characters; a GIN
 * index of search_value holds them. A search of up to four characters is
 * one of them; a longer one holds each of its runs of four
 * (liaison_search_keys()). An address is kept with its key, the column
 * its sort and its lookups use. liaison_search_rows() lists the rows that
 * contain a search, up to a bound (NULL: all): the values that contain it
 * through that index, then the rows that hold one of them through each
 * column's own index. A value no row holds any longer stays (a deleted row
 * or an edited device name) and finds nothing. Nothing here needs an
 * extension or a superuser. Servers made before it get it from their owner
 * when opened (liaison-store-search-index.c), and lose the index they had
 * (pg_trgm's, or the grams of every row); the roles that could read or
 * write the communications may then do the same with search_value.
 */
#define SEARCH_VALUES_OF(rows) \
  "SELECT DISTINCT v, k FROM " rows " CROSS JOIN LATERAL (VALUES (client_ip, client_key)," \
  "  (listener_ip, listener_key), (client_device, ''::bytea), (listener_device, ''::bytea)," \
  "  (CAST (port AS TEXT) COLLATE \"C\", ''::bytea), (protocol, ''::bytea), (client_process_name, ''::bytea)," \
  "  (client_process_display_name, ''::bytea), (source, ''::bytea)) AS t (v, k) WHERE v IS NOT NULL"

/* What an update must set for its rows' values to be noted: the searched
 * columns and the addresses' keys. An update of anything else (an import's
 * last detection, most often) leaves search_value alone. */
#define SEARCHED_COLUMNS \
  "client_ip, client_key, client_device, listener_ip, listener_key, listener_device, port, protocol," \
  " client_process_name, client_process_display_name, source"

/* An update notes its row's values only where a searched one changed. */
#define SCHEMA_PG_SEARCH_ROW_TRIGGER \
  "CREATE OR REPLACE FUNCTION liaison_note_search_row () RETURNS trigger" \
  "  LANGUAGE plpgsql AS $note$" \
  " BEGIN" \
  "  INSERT INTO search_value (value, key) " SEARCH_VALUES_OF ("(SELECT NEW.*) AS written") \
  "   ON CONFLICT DO NOTHING;" \
  "  RETURN NULL;" \
  " END $note$;" \
  "CREATE TRIGGER communication_search_values_changed AFTER UPDATE OF " SEARCHED_COLUMNS \
  "  ON communication FOR EACH ROW" \
  "  WHEN ((OLD.client_ip, OLD.client_device, OLD.listener_ip, OLD.listener_device, OLD.port, OLD.protocol," \
  "         OLD.client_process_name, OLD.client_process_display_name, OLD.source)" \
  "        IS DISTINCT FROM (NEW.client_ip, NEW.client_device, NEW.listener_ip, NEW.listener_device, NEW.port," \
  "         NEW.protocol, NEW.client_process_name, NEW.client_process_display_name, NEW.source))" \
  "  EXECUTE FUNCTION liaison_note_search_row ();"

/* The same steps on a server, from the version after the first a server
 * had (5): each one's SQL, run by the owner (liaison_pg_check_schema()). */
static const char *pg_migrations[] = {
  /* 6: as on a file; and the row trigger on UPDATE where the first version
   * of the index of values left its statement trigger, which noted the
   * values of every updated row, above all of each pair whose last
   * detection an import updated. */
  "DROP INDEX IF EXISTS stat_record_order;"
  "DO $step$ BEGIN"
  "  IF EXISTS (SELECT FROM pg_catalog.pg_trigger WHERE tgrelid = 'communication'::regclass"
  "             AND tgname = 'communication_search_values_changed' AND (tgtype & 1) = 0) THEN"
  "    DROP TRIGGER communication_search_values_changed ON communication;"
  "    " SCHEMA_PG_SEARCH_ROW_TRIGGER
  "  END IF;"
  " END $step$;",
  /* 7: nothing: a server's search has its own index of values. A step
   * that is "" leaves a server's version as it is (liaison_schema_pg_version()). */
  "",
  /* 8: nothing: a file's search index took the server's shape. */
  "",
};

#define PG_FIRST_VERSION (G_N_ELEMENTS (migrations) - G_N_ELEMENTS (pg_migrations))

#define SCHEMA_PG_SEARCH \
  "CREATE OR REPLACE FUNCTION liaison_search_grams (VARIADIC v text[]) RETURNS text[]" \
  "  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $grams$" \
  " DECLARE t text; r text[] := '{}'; l integer; k integer := 0;" \
  " BEGIN" \
  "  FOREACH t IN ARRAY v LOOP" \
  "   CONTINUE WHEN t IS NULL;" \
  "   t := lower (t COLLATE \"C\");" \
  "   l := length (t);" \
  "   FOR i IN 1 .. l LOOP" \
  "    k := k + 1; r[k] := substr (t, i, 1);" \
  "    IF i < l THEN k := k + 1; r[k] := substr (t, i, 2); END IF;" \
  "    IF i + 1 < l THEN k := k + 1; r[k] := substr (t, i, 3); END IF;" \
  "    IF i + 2 < l THEN k := k + 1; r[k] := substr (t, i, 4); END IF;" \
  "   END LOOP;" \
  "  END LOOP;" \
  "  RETURN r;" \
  " END $grams$;" \
  "CREATE OR REPLACE FUNCTION liaison_search_keys (needle text) RETURNS text[]" \
  "  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $keys$" \
  "  SELECT CASE WHEN length (needle) <= 4 THEN ARRAY[lower (needle COLLATE \"C\")]" \
  "    ELSE ARRAY (SELECT substr (lower (needle COLLATE \"C\"), i, 4)" \
  "                FROM generate_series (1, length (needle) - 3) AS i) END" \
  " $keys$;" \
  "CREATE TABLE search_value (" \
  "  value TEXT COLLATE \"C\" NOT NULL," \
  "  key BYTEA NOT NULL," \
  "  PRIMARY KEY (value, key)" \
  ");" \
  "CREATE INDEX search_value_grams ON search_value USING gin ((liaison_search_grams (value)));" \
  "CREATE OR REPLACE FUNCTION liaison_note_search_values () RETURNS trigger" \
  "  LANGUAGE plpgsql AS $note$" \
  " BEGIN" \
  "  INSERT INTO search_value (value, key) " SEARCH_VALUES_OF ("written") " ON CONFLICT DO NOTHING;" \
  "  RETURN NULL;" \
  " END $note$;" \
  "CREATE TRIGGER communication_search_values_added AFTER INSERT ON communication" \
  "  REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION liaison_note_search_values ();" \
  SCHEMA_PG_SEARCH_ROW_TRIGGER \
  "INSERT INTO search_value (value, key) " SEARCH_VALUES_OF ("communication") ";" \
  "DO $grants$ DECLARE r record; BEGIN" \
  "  FOR r IN SELECT a.privilege_type AS what," \
  "             CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident (g.rolname) END AS who" \
  "           FROM pg_catalog.pg_class AS c CROSS JOIN LATERAL aclexplode (c.relacl) AS a" \
  "           LEFT JOIN pg_catalog.pg_roles AS g ON g.oid = a.grantee" \
  "           WHERE c.oid = 'communication'::regclass AND a.grantee <> c.relowner" \
  "             AND a.privilege_type IN ('SELECT', 'INSERT', 'UPDATE')" \
  "  LOOP" \
  "    EXECUTE format ('GRANT %s ON search_value TO %s', r.what, r.who);" \
  "  END LOOP;" \
  " END $grants$;" \
  "CREATE OR REPLACE FUNCTION liaison_search_rows (needle text, bound bigint) RETURNS SETOF communication" \
  "  LANGUAGE plpgsql STABLE ROWS 1000 SET enable_seqscan = off SET jit = off AS $rows$" \
  " DECLARE m text[] COLLATE \"C\"; k bytea[]; p bigint[];" \
  " BEGIN" \
  "  SELECT array_agg (value), array_agg (key) FILTER (WHERE key <> '') INTO m, k FROM search_value" \
  "   WHERE liaison_search_grams (value) @> liaison_search_keys (needle)" \
  "     AND strpos (lower (value COLLATE \"C\"), needle) > 0;" \
  "  p := ARRAY (SELECT CAST (x AS BIGINT) FROM unnest (m) AS x" \
  "              WHERE length (x) BETWEEN 1 AND 5 AND translate (x, '0123456789', '') = '');" \
  "  RETURN QUERY SELECT * FROM communication" \
  "   WHERE (client_key = ANY (k) OR listener_key = ANY (k) OR client_device = ANY (m)" \
  "          OR listener_device = ANY (m) OR port = ANY (p) OR protocol = ANY (m)" \
  "          OR client_process_name = ANY (m) OR client_process_display_name = ANY (m) OR source = ANY (m))" \
  "     AND liaison_contains (needle, client_ip, client_device, listener_ip, listener_device, port, protocol," \
  "       client_process_name, client_process_display_name, source)" \
  "   LIMIT bound;" \
  " END $rows$;"

/*
 * The sorts by a column that may hold NULL: the list puts NULL first going
 * up and last going down, as SQLite does by itself (liaison-store-search.c);
 * a server's index walks that order only if it keeps NULL first.
 */
#define SCHEMA_PG_NULLABLE_SORTS \
  "CREATE INDEX communication_by_client_device ON communication (client_device NULLS FIRST, id);" \
  "CREATE INDEX communication_by_listener_device ON communication (listener_device NULLS FIRST, id);" \
  "CREATE INDEX communication_by_display_name ON communication" \
  "  (client_process_display_name NULLS FIRST, id);" \
  "CREATE INDEX communication_by_first_detected ON communication (first_detected NULLS FIRST, id);" \
  "CREATE INDEX communication_by_last_detected ON communication (last_detected NULLS FIRST, id);"

/*
 * The same tables on a PostgreSQL server (team.md 2), at the latest
 * version: no server database predates it. Integers are 64 bits; text
 * compares byte by byte, as SQLite's does ("C"), so that sorting and
 * searching give the same rows; blobs are bytea. The search index is
 * SQLite's own (FTS5): a server has its own (SCHEMA_PG_SEARCH).
 * liaison_schema holds the version.
 */
static const char schema_pg[] =
  "CREATE TABLE liaison_schema (version INTEGER NOT NULL);"
  "CREATE TABLE device ("
  "  name TEXT COLLATE \"C\" PRIMARY KEY CHECK (name <> '')"
  ");"
  "CREATE TABLE communication ("
  "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
  "  client_ip TEXT COLLATE \"C\" NOT NULL,"
  "  client_key BYTEA NOT NULL,"
  "  client_device TEXT COLLATE \"C\" REFERENCES device (name) ON UPDATE CASCADE,"
  "  listener_ip TEXT COLLATE \"C\" NOT NULL,"
  "  listener_key BYTEA NOT NULL,"
  "  listener_device TEXT COLLATE \"C\" REFERENCES device (name) ON UPDATE CASCADE,"
  "  port BIGINT NOT NULL CHECK (port BETWEEN 1 AND 65535),"
  "  protocol TEXT COLLATE \"C\" NOT NULL CHECK (protocol IN ('tcp', 'udp')),"
  "  client_process_name TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
  "  client_process_display_name TEXT COLLATE \"C\","
  "  first_detected BIGINT,"
  "  last_detected BIGINT,"
  "  source TEXT COLLATE \"C\" NOT NULL CHECK (source IN ('manual', 'netstat', 'netflow')),"
  "  scope TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
  "  user_fields BIGINT NOT NULL DEFAULT 0"
  ");"
  "CREATE UNIQUE INDEX communication_identity ON communication"
  "  (client_key, listener_key, port, protocol, client_process_name, scope);"
  "CREATE INDEX communication_by_listener_key ON communication (listener_key, id);"
  SCHEMA_PG_NULLABLE_SORTS
  "CREATE INDEX communication_by_port ON communication (port, id);"
  "CREATE INDEX communication_by_protocol ON communication (protocol, id);"
  "CREATE INDEX communication_by_process ON communication (client_process_name, id);"
  "CREATE INDEX communication_by_source ON communication (source, id);"
  "CREATE INDEX communication_by_client_key ON communication (client_key, id);"
  "CREATE INDEX communication_listener_devices ON communication (listener_key, scope, listener_device)"
  "  WHERE listener_device IS NOT NULL;"
  "CREATE INDEX communication_client_devices ON communication (client_key, scope, client_device)"
  "  WHERE client_device IS NOT NULL;"
  "CREATE TABLE listener ("
  "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
  "  host TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
  "  ip TEXT COLLATE \"C\" NOT NULL,"
  "  ip_key BYTEA NOT NULL,"
  "  port BIGINT NOT NULL,"
  "  protocol TEXT COLLATE \"C\" NOT NULL,"
  "  source TEXT COLLATE \"C\" NOT NULL CHECK (source IN ('netstat', 'manual')),"
  "  first_found BIGINT,"
  "  last_found BIGINT,"
  "  UNIQUE (ip_key, port, protocol, host, source)"
  ");"
  "CREATE INDEX listener_by_port ON listener (port, protocol);"
  "CREATE TABLE stat_record ("
  "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
  "  listener_ip TEXT COLLATE \"C\" NOT NULL,"
  "  listener_key BYTEA NOT NULL,"
  "  port BIGINT NOT NULL,"
  "  protocol TEXT COLLATE \"C\" NOT NULL,"
  "  client_ip TEXT COLLATE \"C\" NOT NULL,"
  "  client_key BYTEA NOT NULL,"
  "  scope TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
  "  listener_device TEXT COLLATE \"C\","
  "  client_device TEXT COLLATE \"C\","
  "  ns_host TEXT COLLATE \"C\","
  "  ns_total_samples BIGINT,"
  "  ns_active_samples BIGINT,"
  "  ns_total_ports BIGINT,"
  "  ns_first_found BIGINT,"
  "  ns_last_found BIGINT,"
  "  nf_interval BIGINT,"
  "  nf_active_samples BIGINT,"
  "  nf_total_events BIGINT,"
  "  nf_total_ports BIGINT,"
  "  nf_first_found BIGINT,"
  "  nf_last_found BIGINT,"
  "  nf_first_interval BIGINT,"
  "  nf_gap_span BIGINT,"
  "  nf_run_from BIGINT,"
  "  nf_run_to BIGINT,"
  "  ns_runs BYTEA"
  ");"
  "CREATE UNIQUE INDEX stat_record_identity ON stat_record"
  "  (listener_key, port, protocol, client_key, scope);"
  "CREATE INDEX stat_record_by_host ON stat_record (ns_host, port, protocol);"
  "CREATE INDEX stat_record_listener_devices ON stat_record (listener_key, scope, listener_device)"
  "  WHERE listener_device IS NOT NULL;"
  "CREATE INDEX stat_record_client_devices ON stat_record (client_key, scope, client_device)"
  "  WHERE client_device IS NOT NULL;"
  "CREATE TABLE gap_segment ("
  "  record_id BIGINT NOT NULL REFERENCES stat_record (id) ON DELETE CASCADE,"
  "  gap_from BIGINT NOT NULL,"
  "  gap_to BIGINT NOT NULL,"
  "  to_interval BIGINT NOT NULL,"
  "  PRIMARY KEY (record_id, gap_from)"
  ");"
  "CREATE TABLE classic_stat ("
  "  communication_id BIGINT PRIMARY KEY REFERENCES communication (id) ON DELETE CASCADE,"
  "  host TEXT COLLATE \"C\" NOT NULL,"
  "  total_samples BIGINT NOT NULL,"
  "  active_samples BIGINT NOT NULL,"
  "  total_ports BIGINT NOT NULL,"
  "  first_found BIGINT,"
  "  last_found BIGINT,"
  "  runs BYTEA"
  ");"
  "CREATE INDEX classic_stat_by_host ON classic_stat (host);"
  "CREATE TABLE sample ("
  "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
  "  kind TEXT COLLATE \"C\" NOT NULL CHECK (kind IN ('netstat', 'netflow')),"
  "  content_hash TEXT COLLATE \"C\" NOT NULL UNIQUE,"
  "  file_name TEXT COLLATE \"C\" NOT NULL,"
  "  host TEXT COLLATE \"C\","
  "  sample_time BIGINT,"
  "  window_start BIGINT,"
  "  window_end BIGINT,"
  "  interval BIGINT,"
  "  records BIGINT NOT NULL DEFAULT 0,"
  "  imported_at BIGINT NOT NULL"
  ");"
  "CREATE INDEX sample_by_window_end ON sample (kind, window_end);"
  "CREATE INDEX sample_netstat_by_host ON sample (host, sample_time) WHERE kind = 'netstat';"
  "CREATE TABLE user_group ("
  "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
  "  name TEXT COLLATE \"C\" NOT NULL UNIQUE CHECK (name <> '')"
  ");"
  "CREATE TABLE user_group_member ("
  "  group_id BIGINT NOT NULL REFERENCES user_group (id) ON DELETE CASCADE,"
  "  kind TEXT COLLATE \"C\" NOT NULL CHECK (kind IN ('device', 'address')),"
  "  member TEXT COLLATE \"C\" NOT NULL,"
  "  PRIMARY KEY (kind, member)"
  ");"
  "CREATE INDEX user_group_member_by_group ON user_group_member (group_id, kind, member);"
  "CREATE TABLE nf_window_run ("
  "  record_id BIGINT NOT NULL REFERENCES stat_record (id) ON DELETE CASCADE,"
  "  run_from BIGINT NOT NULL,"
  "  run_to BIGINT NOT NULL,"
  "  PRIMARY KEY (record_id, run_to)"
  ");"
  "CREATE TABLE netstat_moments ("
  "  host TEXT COLLATE \"C\" NOT NULL,"
  "  start BIGINT NOT NULL,"
  "  moments BYTEA NOT NULL,"
  "  PRIMARY KEY (host, start)"
  ");"
  "CREATE TABLE discovered_set ("
  "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
  "  host TEXT COLLATE \"C\" NOT NULL,"
  "  digest BIGINT NOT NULL,"
  "  listeners BYTEA NOT NULL"
  ");"
  "CREATE INDEX discovered_set_by_digest ON discovered_set (host, digest);"
  SCHEMA_PG_SEARCH;

const char *
liaison_schema_pg (void)
{
  return schema_pg;
}

/* What a server made before the search's own index of values gets (in one
 * transaction, by the owner): that index, in place of pg_trgm's or of the
 * grams of every row, and the sorts' indexes that keep NULL first, which
 * came with the first of those (made again on a server that has them). */
const char *
liaison_schema_pg_search (void)
{
  return "SET LOCAL maintenance_work_mem = '256MB';"
         "DROP INDEX IF EXISTS communication_search_trigrams;"
         "DROP FUNCTION IF EXISTS liaison_search_rows (text, bigint);"
         "DROP INDEX IF EXISTS communication_search_grams;"
         "DROP INDEX communication_by_client_device, communication_by_listener_device,"
         "  communication_by_display_name, communication_by_first_detected,"
         "  communication_by_last_detected;"
         SCHEMA_PG_NULLABLE_SORTS SCHEMA_PG_SEARCH;
}

guint
liaison_schema_version (void)
{
  return G_N_ELEMENTS (migrations);
}

const char *
liaison_schema_migration (guint version)
{
  g_return_val_if_fail (version >= 1 && version <= G_N_ELEMENTS (migrations), NULL);

  return migrations[version - 1];
}

/* The version a server's schema is at with this Liaison: that of its last
 * step that changes a server. A step only a file needs leaves it, so that
 * the server's users need not all take the version that brings it, nor its
 * owner open it first. */
guint
liaison_schema_pg_version (void)
{
  guint version = G_N_ELEMENTS (migrations);

  while (version > PG_FIRST_VERSION + 1 && *pg_migrations[version - PG_FIRST_VERSION - 1] == '\0')
    version--;
  return version;
}

/* The SQL that takes a server from @version - 1 to @version ("" when
 * nothing changes on a server); NULL where a server never had @version - 1. */
const char *
liaison_schema_pg_migration (guint version)
{
  g_return_val_if_fail (version >= 1 && version <= G_N_ELEMENTS (migrations), NULL);

  return version > PG_FIRST_VERSION ? pg_migrations[version - PG_FIRST_VERSION - 1] : NULL;
}
