/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-import"

#include "config.h"

#include <errno.h>
#include <gio/gunixinputstream.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "liaison-error.h"
#include "liaison-content-hash.h"
#include "liaison-import.h"
#include "liaison-netflow-parser-private.h"
#include "liaison-netflow-statistics-private.h"
#include "liaison-netstat-statistics-private.h"
#include "liaison-store-samples-private.h"

/*
 * Importing samples (cli.md): every file is read, checked against the
 * samples already imported and parsed before anything is written; then all
 * of them are applied in the order of their sample times, in one transaction.
 */

#define STDIN_NAME "(standard input)"

/* Parsed samples kept in memory between the two phases; past this many
 * records, files are parsed again when their turn comes. */
#define KEEP_RECORDS_MAX 4000000

/**
 * liaison_import_detect:
 * @data: the start of a file (a few kilobytes are enough)
 * @length: length of @data
 *
 * Tells a netflow file (nfcapd binary, nfdump CSV, Liaison CSV) from a
 * netstat sample by its content.
 *
 * Returns: the kind of sample @data holds
 */
LiaisonSampleKind
liaison_import_detect (const char *data,
                       gsize       length)
{
  const char *line, *end, *limit;
  guint commas = 0;

  if (data == NULL || length == 0)
    return LIAISON_SAMPLE_NETSTAT;

  if (liaison_netflow_is_nfcapd (data, length))
    return LIAISON_SAMPLE_NETFLOW;
  /* UTF-16, PowerShell's CSV with its many commas: a socket table */
  if (liaison_netstat_sniff (data, length))
    return LIAISON_SAMPLE_NETSTAT;
  if (memchr (data, '\0', MIN (length, 4096)) != NULL)
    return LIAISON_SAMPLE_NETFLOW;

  /* The first line that is not blank: a CSV header or a table heading. */
  limit = data + length;
  line = data;
  while (line < limit && g_ascii_isspace (*line))
    line++;
  end = memchr (line, '\n', limit - line);
  if (end == NULL)
    end = limit;

  for (const char *p = line; p < end; p++)
    if (*p == ',')
      commas++;

  /* Netstat headings have no commas; flow CSV has at least six per line. */
  return commas >= 6 ? LIAISON_SAMPLE_NETFLOW : LIAISON_SAMPLE_NETSTAT;
}

typedef struct
{
  guint                index;          /* on the command line */
  char                *path;           /* NULL for stdin */
  char                *name;           /* for messages and the sample row */
  char                *checksum;
  gboolean             nfcapd;
  LiaisonNetstatTable *table;
  LiaisonFlowFile     *flows;
  LiaisonTime          time;           /* netstat: T; netflow: S */
  guint                records;
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

static GBytes *
read_stdin (GError **error)
{
  g_autoptr(GInputStream) in = g_unix_input_stream_new (0, FALSE);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) local_error = NULL;

  if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &local_error) < 0)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_IO,
                   _("%s: cannot read: %s"), STDIN_NAME, local_error->message);
      return NULL;
    }

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static GBytes *
read_file (const char  *path,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GMappedFile *mapped;
  char *contents = NULL;
  gsize length = 0;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_IO,
                   _("%s: is a folder, not a file"), path);
      return NULL;
    }

  /* Large captures are mapped; pipes and the like are read. */
  mapped = g_mapped_file_new (path, FALSE, NULL);
  if (mapped != NULL)
    {
      GBytes *bytes = g_mapped_file_get_bytes (mapped);

      g_mapped_file_unref (mapped);
      return bytes;
    }

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_IO,
                   _("%s: cannot read: %s"), path, local_error->message);
      return NULL;
    }

  return g_bytes_new_take (contents, length);
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

/* Parses @sample's content; sets its table or flows and its record count. */
static gboolean
parse_sample (Sample                      *sample,
              const LiaisonImportOptions  *options,
              GBytes                      *bytes,
              GError                     **error)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  if (options->kind == LIAISON_SAMPLE_NETSTAT)
    {
      sample->table = liaison_netstat_parse (sample->name, data != NULL ? data : "", length, error);
      if (sample->table == NULL)
        return FALSE;
      sample->records = sample->table->sockets->len;
      return TRUE;
    }

  if (sample->nfcapd)
    {
      if (sample->path == NULL)
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                       _("%s: an nfcapd file cannot be read from standard input; give its name"),
                       sample->name);
          return FALSE;
        }
      sample->flows = liaison_netflow_read_file (sample->path, options->local_time, error);
    }
  else
    sample->flows = liaison_netflow_parse (sample->name, data != NULL ? data : "", length,
                                           options->local_time, error);

  if (sample->flows == NULL)
    return FALSE;
  sample->records = sample->flows->flows->len;
  return TRUE;
}

static char *
checksum_bytes (GBytes *bytes)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  return liaison_content_hash (data != NULL ? data : (const guint8 *) "", length);
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
      row.window_end = time + (gint64) interval * 1000;
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

/* Reads, checks and parses every file; nothing is written. */
static GPtrArray *
prepare_samples (LiaisonStore                *store,
                 const LiaisonImportOptions  *options,
                 const char * const          *paths,
                 GCancellable                *cancellable,
                 GError                     **error)
{
  g_autoptr(GPtrArray) samples = g_ptr_array_new_with_free_func (sample_free);
  g_autoptr(GHashTable) checksums = g_hash_table_new (g_str_hash, g_str_equal);
  gsize kept = 0;
  gboolean stdin_read = FALSE;

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      Sample *sample;
      const Sample *other;
      gsize length;

      if (cancelled (cancellable, error))
        return NULL;

      sample = g_new0 (Sample, 1);
      sample->index = i;
      g_ptr_array_add (samples, sample);

      if (strcmp (paths[i], "-") == 0)
        {
          if (stdin_read)
            {
              g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                           _("standard input (-) can be given only once"));
              return NULL;
            }
          stdin_read = TRUE;
          sample->name = g_strdup (STDIN_NAME);
          bytes = read_stdin (error);
        }
      else
        {
          sample->path = g_strdup (paths[i]);
          sample->name = g_strdup (paths[i]);
          bytes = read_file (paths[i], error);
        }
      if (bytes == NULL)
        return NULL;

      sample->checksum = checksum_bytes (bytes);
      other = g_hash_table_lookup (checksums, sample->checksum);
      if (other != NULL)
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE,
                       _("%s: the same content as %s, given earlier in this import"),
                       sample->name, other->name);
          return NULL;
        }
      g_hash_table_insert (checksums, sample->checksum, sample);

      if (!check_not_imported (store, sample, error))
        return NULL;

      sample->nfcapd = options->kind == LIAISON_SAMPLE_NETFLOW &&
                       liaison_netflow_is_nfcapd (g_bytes_get_data (bytes, &length), g_bytes_get_size (bytes));

      if (!parse_sample (sample, options, bytes, error))
        return NULL;

      if (options->kind == LIAISON_SAMPLE_NETSTAT)
        {
          sample->time = options->time != LIAISON_TIME_NONE ? options->time : file_time (sample->path);
        }
      else if (options->start != LIAISON_TIME_NONE)
        {
          /* Several files with one start: consecutive sample periods, in
           * the order given. */
          sample->time = options->start + (gint64) i * options->interval * 1000;
        }
      else if (sample->flows->earliest_start != LIAISON_TIME_NONE)
        {
          sample->time = floor_to_grid (sample->flows->earliest_start, options->interval);
        }
      else
        {
          /* No flow at all: the period that ends when the file was written. */
          sample->time = floor_to_grid (file_time (sample->path) - 1, options->interval);
        }

      /* Huge batches are parsed again at their turn rather than held. */
      kept += sample->records;
      if (kept > KEEP_RECORDS_MAX && sample->path != NULL)
        {
          g_clear_pointer (&sample->table, liaison_netstat_table_free);
          g_clear_pointer (&sample->flows, liaison_flow_file_free);
        }
    }

  return g_steal_pointer (&samples);
}

/* Parses a sample again whose parse was not kept; the content must not have changed. */
static gboolean
reload_sample (Sample                      *sample,
               const LiaisonImportOptions  *options,
               GError                     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *checksum = NULL;

  if (sample->table != NULL || sample->flows != NULL)
    return TRUE;

  bytes = read_file (sample->path, error);
  if (bytes == NULL)
    return FALSE;

  checksum = checksum_bytes (bytes);
  if (strcmp (checksum, sample->checksum) != 0)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_IO,
                   _("%s: the file changed while it was being imported"), sample->name);
      return FALSE;
    }

  return parse_sample (sample, options, bytes, error);
}

static gboolean
apply_samples (LiaisonStore                *store,
               const LiaisonImportOptions  *options,
               GPtrArray                   *samples,
               GCancellable                *cancellable,
               LiaisonImportProgress        progress,
               gpointer                     user_data,
               GError                     **error)
{
  for (guint i = 0; i < samples->len; i++)
    {
      Sample *sample = g_ptr_array_index (samples, i);
      gboolean ok;

      if (cancelled (cancellable, error))
        return FALSE;

      if (!reload_sample (sample, options, error))
        return FALSE;

      if (options->kind == LIAISON_SAMPLE_NETSTAT)
        ok = liaison_statistics_apply_netstat (store, options->host, sample->time, sample->table, error);
      else
        ok = liaison_statistics_apply_netflow (store, sample->time, options->interval, sample->flows, error);

      if (!ok ||
          !insert_sample (store, options->kind, sample->checksum, sample->name, options->host,
                          sample->time, options->interval, sample->records, error))
        return FALSE;

      /* Done with it: keep memory to one sample at a time from here. */
      g_clear_pointer (&sample->table, liaison_netstat_table_free);
      g_clear_pointer (&sample->flows, liaison_flow_file_free);

      if (progress != NULL)
        progress (i + 1, samples->len, user_data);
    }

  return TRUE;
}

/**
 * liaison_import_files:
 * @store: the store
 * @options: what kind of samples and how to read them
 * @paths: the files, `-` for standard input
 * @cancellable: (nullable): checked between files; cancelling writes nothing
 * @progress: (nullable): called after each file is applied
 * @user_data: for @progress
 * @summary: (out) (optional): what the import added
 * @error: return location for an error
 *
 * Imports the files as one transaction, in the order of their sample times.
 * A file that was imported before, or is given twice, is refused, and so is
 * a batch with any file that cannot be read or parsed; then nothing is written.
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
  g_autoptr(GPtrArray) samples = NULL;
  LiaisonNewRows base = { 0 }, added = { 0 };

  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  if (summary != NULL)
    memset (summary, 0, sizeof *summary);

  if (!check_options (options, paths, error))
    return FALSE;

  samples = prepare_samples (store, options, paths, cancellable, error);
  if (samples == NULL)
    return FALSE;

  g_ptr_array_sort (samples, sample_compare);

  if (!liaison_store_begin (store, error))
    return FALSE;

  if (!liaison_store_new_rows_begin (store, &base, error) ||
      !apply_samples (store, options, samples, cancellable, progress, user_data, error) ||
      !liaison_store_new_rows_count (store, &base, &added, error))
    {
      liaison_store_rollback (store);
      return FALSE;
    }

  if (!liaison_store_commit (store, error))
    return FALSE;

  if (summary != NULL)
    {
      summary->files = samples->len;
      for (guint i = 0; i < samples->len; i++)
        summary->records += ((Sample *) g_ptr_array_index (samples, i))->records;
      summary->new_communications = added.communication;
      summary->updated_communications = added.updated_communication;
      summary->new_statistics = added.record;
    }

  return TRUE;
}

/**
 * liaison_import_this_host:
 * @store: the store
 * @host: (nullable): the name to file the sample under; %NULL for this
 *   machine's host name
 * @summary: (out) (optional): what the sample added
 * @error: return location for an error
 *
 * Takes a netstat sample of this machine now and applies it.
 */
gboolean
liaison_import_this_host (LiaisonStore          *store,
                          const char            *host,
                          LiaisonImportSummary  *summary,
                          GError               **error)
{
  g_autoptr(LiaisonNetstatTable) table = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *identity = NULL;
  LiaisonNewRows base = { 0 }, added = { 0 };
  LiaisonTime now;

  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);

  if (summary != NULL)
    memset (summary, 0, sizeof *summary);

  if (host == NULL || host[0] == '\0')
    host = g_get_host_name ();

  table = liaison_netstat_read_this_host (error);
  if (table == NULL)
    return FALSE;

  /* A live sample has no file: it is identified by host and moment. */
  now = liaison_time_now ();
  identity = g_strdup_printf ("this host\n%s\n%" G_GINT64_FORMAT, host, now);
  checksum = liaison_content_hash ((const guint8 *) identity, strlen (identity));

  if (!liaison_store_begin (store, error))
    return FALSE;

  if (!liaison_store_new_rows_begin (store, &base, error) ||
      !liaison_statistics_apply_netstat (store, host, now, table, error) ||
      !insert_sample (store, LIAISON_SAMPLE_NETSTAT, checksum, "this host", host, now, 0,
                      table->sockets->len, error) ||
      !liaison_store_new_rows_count (store, &base, &added, error))
    {
      liaison_store_rollback (store);
      return FALSE;
    }

  if (!liaison_store_commit (store, error))
    return FALSE;

  if (summary != NULL)
    {
      summary->files = 1;
      summary->records = table->sockets->len;
      summary->new_communications = added.communication;
      summary->updated_communications = added.updated_communication;
      summary->new_statistics = added.record;
    }

  return TRUE;
}
