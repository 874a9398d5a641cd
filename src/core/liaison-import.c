/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-import"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "liaison-error.h"
#include "liaison-content-hash.h"
#include "liaison-import.h"
#include "liaison-input.h"
#include "liaison-listener-set-private.h"
#include "liaison-memory-private.h"
#include "liaison-netflow-parser-private.h"
#include "liaison-netflow-statistics-private.h"
#include "liaison-netstat-statistics-private.h"
#include "liaison-store-listeners-private.h"
#include "liaison-store-statistics-private.h"
#include "liaison-store-samples-private.h"

/*
 * Importing samples (cli.md): every file is read, checked against the
 * samples already imported and parsed, and all of them are applied in the
 * order of their sample times, in one transaction that any failure, bad
 * file or Cancel rolls back whole.
 */

/* Parsed samples kept in memory while files out of time order are read;
 * past this many records (56 bytes each), files are parsed again when
 * their turn comes. */
#define KEEP_RECORDS_MAX 1000000

/* How much of a file is read to tell what it is. */
#define DETECT_BYTES (64 * 1024)

/**
 * liaison_import_detect:
 * @data: the start of a file, decompressed (a few kilobytes are enough)
 * @length: length of @data
 *
 * Tells a netflow file (nfcapd binary, nfdump CSV, Liaison CSV, Zeek
 * conn.log, AWS VPC Flow Logs) from a netstat sample by its content.
 *
 * Returns: the kind of sample @data holds
 */
LiaisonSampleKind
liaison_import_detect (const char *data,
                       gsize       length)
{
  LiaisonNetflowFormat format;

  if (data == NULL || length == 0)
    return LIAISON_SAMPLE_NETSTAT;

  if (liaison_netflow_is_nfcapd (data, length))
    return LIAISON_SAMPLE_NETFLOW;
  /* UTF-16, PowerShell's CSV with its many commas: a socket table */
  if (liaison_netstat_sniff (data, length))
    return LIAISON_SAMPLE_NETSTAT;
  if (memchr (data, '\0', MIN (length, 4096)) != NULL)
    return LIAISON_SAMPLE_NETFLOW;

  return liaison_netflow_sniff (data, length, &format) ? LIAISON_SAMPLE_NETFLOW : LIAISON_SAMPLE_NETSTAT;
}

/**
 * liaison_import_describe_file:
 * @path: a file
 * @kind: (out): the kind of sample it holds
 * @error: return location for a #LIAISON_ERROR_IO error
 *
 * Reads the start of @path (decompressed, when it is gzip-compressed) and
 * tells what it is, as the import dialog shows it.
 *
 * Returns: (transfer full): the name of its format (`Zeek conn.log`,
 *   `socket table`), or %NULL with @error set
 */
char *
liaison_import_describe_file (const char         *path,
                              LiaisonSampleKind  *kind,
                              GError            **error)
{
  g_autoptr(LiaisonInput) input = liaison_input_open (path, error);
  g_autofree char *head = NULL;
  LiaisonNetflowFormat format;
  gsize length = 0;
  const char *name;

  if (input == NULL)
    return NULL;

  head = g_malloc (DETECT_BYTES);
  while (length < DETECT_BYTES)
    {
      gssize n = liaison_input_read (input, head + length, DETECT_BYTES - length, 1, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      length += n;
    }

  *kind = liaison_import_detect (head, length);
  if (*kind == LIAISON_SAMPLE_NETSTAT)
    name = _("socket table");
  else if (liaison_netflow_is_nfcapd (head, length))
    name = liaison_netflow_format_name (LIAISON_NETFLOW_FORMAT_NFCAPD);
  else if (liaison_netflow_sniff (head, length, &format))
    name = liaison_netflow_format_name (format);
  else
    name = _("flow records");

  if (liaison_input_is_gzip (input))
    /* Translators: a format, then that the file is compressed: “Zeek conn.log, gzip” */
    return g_strdup_printf (_("%s, gzip"), name);
  return g_strdup (name);
}

typedef struct
{
  guint                index;          /* on the command line */
  char                *path;           /* NULL for stdin */
  char                *name;           /* for messages and the sample row */
  char                *checksum;
  LiaisonNetstatTable *table;
  LiaisonFlowFile     *flows;
  LiaisonTime          time;           /* netstat: T; netflow: the start of its first window */
  LiaisonTime          window_end;     /* netflow: the end of its last window */
  guint                records;
  LiaisonFlowSkips     skipped;        /* netflow: once its flows are let go */
} Sample;

static void
sample_free (gpointer data)
{
  Sample *sample = data;

  g_free (sample->path);
  g_free (sample->name);
  g_free (sample->checksum);
  g_clear_pointer (&sample->table, liaison_netstat_table_free);
  g_clear_pointer (&sample->flows, liaison_flow_file_free);
  g_free (sample);
}

static int
sample_compare (gconstpointer a,
                gconstpointer b)
{
  const Sample *x = *(Sample * const *) a;
  const Sample *y = *(Sample * const *) b;

  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* The whole of a netstat sample, through the input room: read, not mapped;
 * standard input bounded; gzip decompressed. */
static GBytes *
read_bytes (const char  *path,
            char       **checksum,
            GError     **error)
{
  g_autoptr(LiaisonInput) input = liaison_input_open (path != NULL ? path : "-", error);
  GBytes *bytes;

  if (input == NULL)
    return NULL;
  bytes = liaison_input_read_all (input, error);
  if (bytes != NULL)
    *checksum = g_strdup (liaison_input_get_checksum (input));
  return bytes;
}

static LiaisonTime
file_time (const char *path)
{
  GStatBuf st;

  if (path == NULL || g_stat (path, &st) != 0)
    return liaison_time_now ();

  return (LiaisonTime) st.st_mtim.tv_sec * 1000 + st.st_mtim.tv_nsec / 1000000;
}

static LiaisonTime
floor_to_grid (LiaisonTime time,
               guint       interval)
{
  gint64 step = (gint64) interval * 1000;
  gint64 q = time / step;

  if (time % step != 0 && time < 0)
    q--;
  return q * step;
}

/* Reads and parses @sample; sets its table or flows, its record count and
 * the fingerprint of its bytes (which @checksum, when given, must match).
 * With @known, the flows of a file (not standard input, which cannot be
 * read again if @known turns out not to be the store's) are gathered as
 * they are read, oriented by @known. */
static gboolean
read_sample (Sample                      *sample,
             const LiaisonImportOptions  *options,
             const LiaisonListenerSet    *known,
             const char                  *checksum,
             GCancellable                *cancellable,
             GError                     **error)
{
  g_autofree char *read_checksum = NULL;

  if (options->kind == LIAISON_SAMPLE_NETSTAT)
    {
      g_autoptr(GBytes) bytes = read_bytes (sample->path, &read_checksum, error);
      const char *data;
      gsize length;

      if (bytes == NULL)
        return FALSE;
      if (checksum != NULL && strcmp (checksum, read_checksum) != 0)
        goto changed;
      data = g_bytes_get_data (bytes, &length);
      sample->table = liaison_netstat_parse (sample->name, data != NULL ? data : "", length, error);
      if (sample->table == NULL)
        return FALSE;
      sample->records = sample->table->sockets->len;
    }
  else
    {
      LiaisonFlowReadOptions read_options = { options->local_time, options->strict, cancellable, 0, NULL };

      if (known != NULL && sample->path != NULL)
        {
          read_options.gather_interval = options->interval;
          read_options.gather_known = known;
        }
      sample->flows = liaison_netflow_read_file (sample->path != NULL ? sample->path : "-", &read_options, error);
      if (sample->flows == NULL)
        return FALSE;
      read_checksum = g_strdup (sample->flows->checksum);
      if (checksum != NULL && strcmp (checksum, read_checksum) != 0)
        goto changed;
      sample->records = liaison_flow_file_count (sample->flows);
    }

  if (sample->checksum == NULL)
    sample->checksum = g_steal_pointer (&read_checksum);
  return TRUE;

changed:
  g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_IO,
               _("%s: the file changed while it was being imported; nothing was imported"), sample->name);
  return FALSE;
}

static gboolean
check_not_imported (LiaisonStore  *store,
                    const Sample  *sample,
                    GError       **error)
{
  g_autofree char *file_name = NULL;
  LiaisonTime imported_at = LIAISON_TIME_NONE;
  gboolean found = FALSE;

  if (!liaison_store_find_sample (store, sample->checksum, &found, &file_name, &imported_at, error))
    return FALSE;

  if (found)
    {
      char date[LIAISON_TIME_STRLEN];

      liaison_time_to_string (imported_at, date);
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE,
                   _("%s: already imported (on %s as %s)"),
                   sample->name, date, file_name);
      if (error != NULL)
        liaison_error_set_time (*error, imported_at);
      return FALSE;
    }

  return TRUE;
}

static gboolean
insert_sample (LiaisonStore       *store,
               LiaisonSampleKind   kind,
               const char         *checksum,
               const char         *name,
               const char         *host,
               LiaisonTime         time,
               LiaisonTime         window_end,
               guint               interval,
               guint               records,
               GError            **error)
{
  LiaisonSampleRow row = { 0 };

  row.kind = kind == LIAISON_SAMPLE_NETSTAT ? "netstat" : "netflow";
  row.content_hash = checksum;
  row.file_name = name;
  row.sample_time = LIAISON_TIME_NONE;
  row.window_start = LIAISON_TIME_NONE;
  row.window_end = LIAISON_TIME_NONE;
  if (kind == LIAISON_SAMPLE_NETSTAT)
    {
      row.host = host;
      row.sample_time = time;
    }
  else
    {
      row.window_start = time;
      row.window_end = window_end;
      row.interval = interval;
    }
  row.records = records;
  row.imported_at = liaison_time_now ();

  return liaison_store_add_sample (store, &row, error);
}

static gboolean
cancelled (GCancellable  *cancellable,
           GError       **error)
{
  if (cancellable == NULL || !g_cancellable_is_cancelled (cancellable))
    return FALSE;

  g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_CANCELLED,
               _("the import was cancelled; nothing was imported"));
  return TRUE;
}

/* After a step that failed: when it failed because the import was
 * cancelled on the way, the error says so as between files. FALSE. */
static gboolean
was_cancelled (GCancellable  *cancellable,
               GError       **error)
{
  if (cancellable != NULL && g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (error);
      cancelled (cancellable, error);
    }
  return FALSE;
}

static gboolean
check_options (const LiaisonImportOptions  *options,
               const char * const          *paths,
               GError                     **error)
{
  if (paths == NULL || paths[0] == NULL)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID, _("no file to import"));
      return FALSE;
    }

  if (options->kind == LIAISON_SAMPLE_NETSTAT && (options->host == NULL || options->host[0] == '\0'))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                   _("a netstat sample needs the name of the host it was taken on (--host)"));
      return FALSE;
    }

  if (options->kind == LIAISON_SAMPLE_NETFLOW && options->interval == 0)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                   _("a netflow import needs the sample interval in seconds (--interval), at least 1"));
      return FALSE;
    }

  return TRUE;
}

/* The end of the file's records, for a message: `A to B`, or `A`. */
static char *
records_text (LiaisonTime first,
              LiaisonTime last)
{
  char a[LIAISON_TIME_STRLEN], b[LIAISON_TIME_STRLEN];

  liaison_time_to_string (first, a);
  if (last == first)
    return g_strdup (a);
  liaison_time_to_string (last, b);
  /* Translators: a stretch of time, “2026-11-27T00:01:15Z to 2026-11-27T00:03:55Z” */
  return g_strdup_printf (_("%s to %s"), a, b);
}

/*
 * statistics.md 4: the sample windows a flow file covers, [first, end):
 * the windows its records start in; for an nfcapd file with no usable
 * record, the window of its stat record's first-seen time; for any other
 * file with none, the window --start names. --start names nothing else,
 * and one more than an interval away from the file's records (their
 * starts, or the first-seen time) is bad input: it would make every pair
 * pending or silent for years.
 */
static gboolean
place_netflow_sample (Sample                      *sample,
                      const LiaisonImportOptions  *options,
                      GError                     **error)
{
  const LiaisonFlowFile *flows = sample->flows;
  gint64 step = (gint64) options->interval * 1000;
  LiaisonTime first = flows->earliest_start;
  LiaisonTime last = flows->latest_start;

  if (first == LIAISON_TIME_NONE)
    first = last = flows->first_seen;

  if (options->start != LIAISON_TIME_NONE && first != LIAISON_TIME_NONE &&
      (options->start < first - step || options->start > last + step))
    {
      char start[LIAISON_TIME_STRLEN];
      g_autofree char *records = records_text (first, last);

      liaison_time_to_string (options->start, start);
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                   flows->earliest_start != LIAISON_TIME_NONE
                   ? _("%s: --start %s is more than one interval (%u s) from the file's records (%s)")
                   : _("%s: --start %s is more than one interval (%u s) from the file's first-seen time (%s)"),
                   sample->name, start, options->interval, records);
      return FALSE;
    }

  if (first == LIAISON_TIME_NONE)
    {
      g_autofree char *skipped = liaison_flow_skips_describe (&flows->skipped);

      if (options->start == LIAISON_TIME_NONE)
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                       _("%s: no record is a service communication (%s), so nothing tells "
                         "which sample window the file covers: give it with --start"),
                       sample->name, skipped != NULL ? skipped : _("no records"));
          return FALSE;
        }
      first = last = options->start;
    }

  sample->time = floor_to_grid (first, options->interval);
  sample->window_end = floor_to_grid (last, options->interval) + step;
  return TRUE;
}

/* An import under way: the files read so far, and the transaction. */
typedef struct
{
  LiaisonStore                *store;
  const LiaisonImportOptions  *options;
  GCancellable                *cancellable;
  LiaisonImportProgress        progress;
  gpointer                     user_data;
  guint                        n_paths;
  GPtrArray                   *samples;      /* Sample, in the order given */
  GHashTable                  *checksums;    /* of every file read: the Sample */
  gboolean                     stdin_read;
  gboolean                     begun;        /* the transaction is open */
  LiaisonNewRows               base;         /* the tables when it began */
  guint                        reported;     /* files reported applied, never fewer */
  guint                        applying;     /* files applied before the one under way */
  LiaisonListenerSet           known;        /* netflow: the listeners the store knows */
  gboolean                     gather;       /* netflow: files gather their flows by them */
} Import;

/* The sample of file @i, not read yet, among the import's. */
static Sample *
add_sample (Import      *import,
            guint        i,
            const char  *path,
            GError     **error)
{
  Sample *sample;

  if (cancelled (import->cancellable, error))
    return NULL;

  sample = g_new0 (Sample, 1);
  sample->index = i;
  g_ptr_array_add (import->samples, sample);

  if (strcmp (path, "-") == 0)
    {
      if (import->stdin_read)
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                       _("standard input (-) can be given only once"));
          return NULL;
        }
      import->stdin_read = TRUE;
      sample->name = g_strdup (LIAISON_INPUT_STDIN_NAME);
    }
  else
    {
      sample->path = g_strdup (path);
      sample->name = g_strdup (path);
    }
  return sample;
}

/* Checks and places @sample, once read; nothing is written. */
static Sample *
check_sample (Import   *import,
              Sample   *sample,
              GError  **error)
{
  const LiaisonImportOptions *options = import->options;
  const Sample *other;

  other = g_hash_table_lookup (import->checksums, sample->checksum);
  if (other != NULL)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE,
                   _("%s: the same content as %s, given earlier in this import"),
                   sample->name, other->name);
      return NULL;
    }
  g_hash_table_insert (import->checksums, sample->checksum, sample);

  if (!check_not_imported (import->store, sample, error))
    return NULL;

  if (options->kind == LIAISON_SAMPLE_NETSTAT)
    sample->time = options->time != LIAISON_TIME_NONE ? options->time : file_time (sample->path);
  else if (!place_netflow_sample (sample, options, error))
    return NULL;

  return sample;
}

/* The listeners files gather their flows by, or NULL: they keep them. */
static const LiaisonListenerSet *
known_for_reads (Import *import)
{
  return import->gather ? &import->known : NULL;
}

/* Reads, checks, parses and places file @i; nothing is written. */
static Sample *
read_one (Import      *import,
          guint        i,
          const char  *path,
          GError     **error)
{
  Sample *sample = add_sample (import, i, path, error);

  if (sample == NULL)
    return NULL;
  if (!read_sample (sample, import->options, known_for_reads (import), NULL, import->cancellable, error))
    {
      was_cancelled (import->cancellable, error);
      return NULL;
    }
  return check_sample (import, sample, error);
}

/*
 * The next file, read on a thread of its own while the one before is
 * applied (issue: several files' nfdump runs overlap when there are cores
 * for them). Only reading happens there, with nothing of the store; its
 * checks against the store wait for the import's thread. A read ahead
 * that is no longer wanted is cancelled and waited for.
 */
typedef struct
{
  Sample                      *sample;       /* the import's */
  const LiaisonImportOptions  *options;
  const LiaisonListenerSet    *known;        /* the import's, which does not change meanwhile */
  GCancellable                *cancellable;  /* the read's own */
  GCancellable                *import_cancellable;
  gulong                       handler;
  GThread                     *thread;
  GError                      *error;
} ReadAhead;

static gpointer
read_ahead_run (gpointer data)
{
  ReadAhead *ahead = data;

  read_sample (ahead->sample, ahead->options, ahead->known, NULL, ahead->cancellable, &ahead->error);
  return NULL;
}

static void
cancel_read_ahead (GCancellable *import_cancellable,
                   gpointer      data)
{
  g_cancellable_cancel (data);
}

/* Starts reading file @i, or returns NULL when it is better read in turn:
 * one core, standard input, or not a file after this one. */
static ReadAhead *
read_ahead_start (Import      *import,
                  guint        i,
                  const char  *path)
{
  ReadAhead *ahead;
  Sample *sample;

  if (path == NULL || strcmp (path, "-") == 0 || g_get_num_processors () < 2)
    return NULL;
  sample = add_sample (import, i, path, NULL);
  if (sample == NULL)
    return NULL;

  ahead = g_new0 (ReadAhead, 1);
  ahead->sample = sample;
  ahead->options = import->options;
  ahead->known = known_for_reads (import);
  ahead->cancellable = g_cancellable_new ();
  if (import->cancellable != NULL)
    {
      ahead->import_cancellable = g_object_ref (import->cancellable);
      ahead->handler = g_cancellable_connect (import->cancellable, G_CALLBACK (cancel_read_ahead),
                                              g_object_ref (ahead->cancellable), g_object_unref);
    }
  ahead->thread = g_thread_new ("liaison-read-ahead", read_ahead_run, ahead);
  return ahead;
}

/* Waits for the read; its sample checked, or NULL with @error set (when
 * @error is NULL, the read is cancelled first: it is not wanted). */
static Sample *
read_ahead_finish (Import     *import,
                   ReadAhead  *ahead,
                   GError    **error)
{
  Sample *sample = NULL;

  if (error == NULL)
    g_cancellable_cancel (ahead->cancellable);
  g_thread_join (ahead->thread);
  if (ahead->import_cancellable != NULL)
    {
      g_cancellable_disconnect (ahead->import_cancellable, ahead->handler);
      g_object_unref (ahead->import_cancellable);
    }
  g_object_unref (ahead->cancellable);

  if (ahead->error != NULL)
    {
      g_propagate_error (error, ahead->error);
      was_cancelled (import->cancellable, error);
    }
  else if (error != NULL)
    sample = check_sample (import, ahead->sample, error);
  g_free (ahead);
  return sample;
}

/* Lets go of a sample's parse, keeping what it skipped. */
static void
let_go (Sample *sample)
{
  if (sample->flows != NULL)
    sample->skipped = sample->flows->skipped;
  g_clear_pointer (&sample->table, liaison_netstat_table_free);
  g_clear_pointer (&sample->flows, liaison_flow_file_free);
}

/* The same, but standard input cannot be read again: its parse stays. */
static void
drop_parse (Sample *sample)
{
  if (sample->path != NULL)
    let_go (sample);
}

/* Parses a sample again whose parse was not kept; the content must not have changed. */
static gboolean
reload_sample (Import   *import,
               Sample   *sample,
               GError  **error)
{
  if (sample->table != NULL || sample->flows != NULL)
    return TRUE;

  return read_sample (sample, import->options, known_for_reads (import), sample->checksum,
                      import->cancellable, error);
}

/* Inside the transaction: the listeners the store knows now must be those
 * the files read so far gathered their flows by. When they are not (the
 * store changed between), they are taken, and those files are read again
 * at their turn. */
static gboolean
check_known (Import   *import,
             GError  **error)
{
  LiaisonListenerSet known;
  gboolean ok;

  if (!import->gather)
    return TRUE;

  liaison_listener_set_init (&known);
  ok = liaison_store_load_known_listeners (import->store, &known, error);
  if (!ok || liaison_listener_set_equal (&known, &import->known))
    {
      liaison_listener_set_clear (&known);
      return ok;
    }

  for (guint i = 0; i < import->samples->len; i++)
    {
      Sample *sample = g_ptr_array_index (import->samples, i);

      if (sample->flows != NULL && sample->flows->sample != NULL)
        let_go (sample);
    }
  liaison_listener_set_clear (&import->known);
  import->known = known;
  return TRUE;
}

/* Opens the import's transaction; a huge import bounds its log
 * (liaison_store_begin_large()). */
static gboolean
begin (Import   *import,
       guint64   records,
       GError  **error)
{
  if (!liaison_store_begin_large (import->store, records, error))
    return FALSE;
  import->begun = TRUE;
  /* A host's samples rewrite the same statistics records: each is written once. */
  if (import->options->kind == LIAISON_SAMPLE_NETSTAT)
    liaison_store_hold_statistics (import->store);
  return check_known (import, error) && liaison_store_new_rows_begin (import->store, &import->base, error);
}

/* Records of the file under way applied: told unless the file was told
 * of already, before a restart in time order. */
static void
report_within (guint64  applied,
               guint64  records,
               gpointer user_data)
{
  Import *import = user_data;

  if (import->progress != NULL && import->applying == import->reported && records > 0)
    import->progress (import->applying, import->n_paths, (double) applied / records, import->user_data);
}

/* Applies @sample inside the transaction and records it; its parse is let go. */
static gboolean
apply_one (Import   *import,
           Sample   *sample,
           guint     done,
           GError  **error)
{
  const LiaisonImportOptions *options = import->options;
  gboolean ok;

  if (cancelled (import->cancellable, error))
    return FALSE;

  import->applying = done - 1;
  if (!reload_sample (import, sample, error))
    return was_cancelled (import->cancellable, error);

  if (options->kind == LIAISON_SAMPLE_NETSTAT)
    ok = liaison_statistics_apply_netstat (import->store, options->host, sample->time, sample->table, error);
  else
    ok = liaison_statistics_apply_netflow (import->store, options->interval, sample->flows,
                                           import->cancellable, report_within, import, error);

  if (!ok)
    return was_cancelled (import->cancellable, error);
  if (!insert_sample (import->store, options->kind, sample->checksum, sample->name, options->host,
                      sample->time, sample->window_end, options->interval, sample->records, error))
    return FALSE;

  drop_parse (sample);

  /* Files applied again after a restart in time order are not told twice. */
  if (import->progress != NULL && done > import->reported)
    {
      import->reported = done;
      import->progress (done, import->n_paths, 0.0, import->user_data);
    }
  return TRUE;
}

/*
 * Files given in the order of their sample times, as a collector names
 * them, are applied one at a time as they are read, the next read while
 * one is applied: memory holds two files, whatever their number. A file earlier than one applied already undoes
 * what was applied; the rest are read, then all are applied in time order,
 * each parsed again at its turn but the first KEEP_RECORDS_MAX records'.
 */
static gboolean
read_and_apply_ahead (Import              *import,
                      const char * const  *paths,
                      ReadAhead          **ahead,
                      GError             **error)
{
  const Sample *last = NULL;
  gboolean in_order = TRUE;
  gsize kept = 0;

  for (guint i = 0; paths[i] != NULL; i++)
    {
      Sample *sample;

      if (*ahead != NULL)
        sample = read_ahead_finish (import, g_steal_pointer (ahead), error);
      else
        sample = read_one (import, i, paths[i], error);
      if (sample == NULL)
        return FALSE;

      if (in_order && last != NULL && sample_compare (&last, &sample) > 0)
        {
          liaison_store_rollback (import->store);
          import->begun = FALSE;
          in_order = FALSE;
        }

      if (in_order)
        {
          /* The first file tells about how many records they all hold. */
          if (!import->begun && !begin (import, (guint64) sample->records * import->n_paths, error))
            return FALSE;
          *ahead = read_ahead_start (import, i + 1, paths[i + 1]);
          if (!apply_one (import, sample, i + 1, error))
            return FALSE;
          last = sample;
          continue;
        }

      kept += sample->records;
      if (kept > KEEP_RECORDS_MAX)
        drop_parse (sample);
    }

  if (!in_order)
    {
      g_autoptr(GPtrArray) sorted = g_ptr_array_copy (import->samples, NULL, NULL);
      guint64 records = 0;

      g_ptr_array_set_free_func (sorted, NULL);
      g_ptr_array_sort (sorted, sample_compare);
      for (guint i = 0; i < sorted->len; i++)
        records += ((Sample *) g_ptr_array_index (sorted, i))->records;
      if (!begin (import, records, error))
        return FALSE;
      for (guint i = 0; i < sorted->len; i++)
        if (!apply_one (import, g_ptr_array_index (sorted, i), i + 1, error))
          return FALSE;
    }

  return TRUE;
}

static gboolean
read_and_apply (Import              *import,
                const char * const  *paths,
                GError             **error)
{
  ReadAhead *ahead = NULL;
  gboolean ok = read_and_apply_ahead (import, paths, &ahead, error);

  /* A file read ahead of one that failed is not wanted. */
  if (ahead != NULL)
    read_ahead_finish (import, ahead, NULL);
  return ok;
}

/* One run of liaison_import_files(), with what @import was given (and the
 * files it reported applied already): reads and applies the files in a
 * transaction, from the start. */
static gboolean
import_once (Import                *import,
             const char * const    *paths,
             LiaisonImportSummary  *summary,
             GError               **error)
{
  g_autoptr(GPtrArray) samples = g_ptr_array_new_with_free_func (sample_free);
  g_autoptr(GHashTable) checksums = g_hash_table_new (g_str_hash, g_str_equal);
  LiaisonStore *store = import->store;
  LiaisonNewRows added = { 0 };
  guint64 records = 0;

  import->samples = samples;
  import->checksums = checksums;
  import->stdin_read = FALSE;
  import->begun = FALSE;
  import->applying = 0;
  memset (&import->base, 0, sizeof import->base);

  /* Flows are filed under their pairs as the files are read, by the
   * listeners known before the import; its transaction checks them. */
  liaison_listener_set_clear (&import->known);
  liaison_listener_set_init (&import->known);
  import->gather = import->options->kind == LIAISON_SAMPLE_NETFLOW;
  if (import->gather && !liaison_store_load_known_listeners (store, &import->known, error))
    return FALSE;

  if (!read_and_apply (import, paths, error) ||
      !liaison_store_new_rows_count (store, &import->base, &added, error))
    {
      if (import->begun)
        liaison_store_rollback (store);
      return FALSE;
    }

  if (!liaison_store_commit (store, error))
    return FALSE;

  if (summary != NULL)
    {
      for (guint i = 0; i < samples->len; i++)
        {
          Sample *sample = g_ptr_array_index (samples, i);

          let_go (sample);
          records += sample->records;
          liaison_flow_skips_add (&summary->skipped, &sample->skipped);
        }
      summary->files = samples->len;
      summary->records = (guint) records;
      summary->new_communications = added.communication;
      summary->updated_communications = added.updated_communication;
      summary->new_statistics = added.record;
    }

  return TRUE;
}

/**
 * liaison_import_files:
 * @store: the store
 * @options: what kind of samples and how to read them
 * @paths: the files, `-` for standard input
 * @cancellable: (nullable): checked between files; cancelling writes nothing
 * @progress: (nullable): called after each file is applied, and within a
 *   flow file as its records are applied
 * @user_data: for @progress
 * @summary: (out) (optional): what the import added
 * @error: return location for an error
 *
 * Imports the files as one transaction, in the order of their sample times.
 * A file that was imported before, or is given twice, is refused, and so is
 * a batch with any file that cannot be read or parsed; then nothing is written.
 * When a server aborts the transaction for another's sake, it is rolled back
 * and the files are read and applied again, from the first (liaison_store_retry());
 * standard input, which cannot be read again, is not.
 */
gboolean
liaison_import_files (LiaisonStore                *store,
                      const LiaisonImportOptions  *options,
                      const char * const          *paths,
                      GCancellable                *cancellable,
                      LiaisonImportProgress        progress,
                      gpointer                     user_data,
                      LiaisonImportSummary        *summary,
                      GError                     **error)
{
  g_autoptr(GError) local = NULL;
  Import import = { 0 };
  guint attempt = 0;

  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  if (summary != NULL)
    memset (summary, 0, sizeof *summary);

  if (!check_options (options, paths, error))
    return FALSE;

  liaison_memory_reserve_heap (LIAISON_MEMORY_IMPORT_HEAP);
  import.store = store;
  import.options = options;
  import.cancellable = cancellable;
  import.progress = progress;
  import.user_data = user_data;
  import.n_paths = g_strv_length ((char **) paths);
  while (!import_once (&import, paths, summary, &local))
    if (g_strv_contains (paths, "-") || !liaison_store_retry (store, &attempt, &local))
      break;
  liaison_listener_set_clear (&import.known);
  if (local == NULL)
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}
