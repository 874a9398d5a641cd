/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-import-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "liaison-error.h"
#include "liaison-format.h"
#include "liaison-import-dialog-private.h"
#include "liaison-job.h"
#include "liaison-toast.h"

/*
 * Importing sample files (chosen, dropped on the window, or given on the
 * command line): one dialog for the batch that asks what the core cannot
 * guess (the kind, detected; the host of netstat samples, from the file
 * name or as in the last import; the interval of netflow samples,
 * remembered; an optional time), then the import itself in a worker
 * thread on its own database connection, with progress and Cancel. The
 * core imports a batch in one transaction: all of it or nothing.
 *
 * Under the rows, a line each says where the host came from and which
 * time the samples will get: the one typed, read back, or when left
 * empty the files' own modification times (statistics.md 3.1), named.
 * What is wrong is said there too, in the space kept for it.
 */

/* Where the host row's name came from. */
typedef enum
{
  HOST_NONE,
  HOST_FROM_FILE_NAME,
  HOST_FROM_LAST_IMPORT,
} HostSource;

struct _LiaisonImportDialog
{
  AdwWindow       parent_instance;

  GtkWidget      *widget;         /* the widget that asked: toasts go near it */
  LiaisonStore   *store;
  GSettings      *settings;
  GPtrArray      *files;          /* GFile */
  char           *detected;       /* what the files are, as detected */
  GCancellable   *cancellable;
  char           *error_text;
  gboolean        running;

  GtkWidget      *cancel_button;
  GtkWidget      *import_button;
  GtkWidget      *stack;
  GtkWidget      *error_label;
  GtkWidget      *files_group;
  GtkWidget      *kind_row;
  GtkWidget      *netstat_group;
  GtkWidget      *host_row;
  GtkWidget      *sample_time_row;
  GtkWidget      *netflow_group;
  GtkWidget      *interval_spin;
  GtkWidget      *start_time_row;
  GtkWidget      *local_time_switch;
  GtkWidget      *progress_label;
  GtkWidget      *progress_bar;
  GtkWidget      *host_hint;
  GtkWidget      *sample_time_hint;
  GtkWidget      *start_time_hint;

  char           *suggested_host;  /* what the host row was filled with, or NULL */
  HostSource      host_source;
  char           *other_hosts;     /* other hosts the file names say, or NULL */
  LiaisonTime     first_modified;  /* the files' modification times */
  LiaisonTime     last_modified;
};

G_DEFINE_FINAL_TYPE (LiaisonImportDialog, liaison_import_dialog, ADW_TYPE_WINDOW)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What the worker needs; nothing in it belongs to the main thread. */
typedef struct
{
  GStrv                 paths;
  char                 *host;
  LiaisonImportOptions  options;
  LiaisonImportSummary  summary;
  LiaisonImportDialog  *dialog;    /* a reference, for progress reports */
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_pointer (&job->paths, g_strfreev);
  g_clear_pointer (&job->host, g_free);
  g_clear_object (&job->dialog);
  g_free (job);
}

/* Guessing */

/* The kind of @file and, in @names, what it is (`Zeek conn.log, gzip`). */
static LiaisonSampleKind
detect_kind (GFile      *file,
             GPtrArray  *names)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = NULL;
  LiaisonSampleKind kind = LIAISON_SAMPLE_NETSTAT;

  if (path != NULL)
    name = liaison_import_describe_file (path, &kind, NULL);
  if (name != NULL && !g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
    g_ptr_array_add (names, g_steal_pointer (&name));
  return kind;
}

static gboolean
is_noise_word (const char *word)
{
  static const char *noise[] = {
    "netstat", "ss", "lsof", "proc", "net", "tcp", "tcp6", "udp", "udp6", "raw", "unix",
    "sample", "samples", "sockets", "socket", "connections", "tunap", "tanp", "tan", "tuan",
    "tuanp", "tnp", "anp", "ano", "anob", "anv", "an", "windows", "linux", "macos", "bsd",
    "powershell", "nfcapd", "netflow", "flows", "flow", "capture", "dump", "output", "out",
    "log", "txt", "csv", "json", NULL
  };
  g_autofree char *lower = g_ascii_strdown (word, -1);
  gboolean digit = FALSE;
  gboolean date = TRUE;

  /* A number, a date or a time: 20240501, 0900, 20240501T0900Z. */
  for (const char *p = lower; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digit = TRUE;
      else if (*p != 't' && *p != 'z')
        date = FALSE;
    }

  /* A single letter is an option (lsof -i -n -P). */
  return (digit && date) || lower[1] == '\0' || g_strv_contains (noise, lower);
}

/**
 * liaison_import_suggest_host:
 *
 * Guesses the host a netstat sample was taken on from its file name: the
 * name without its extension, cut into words at `-`, `_`, `.`, spaces and
 * `,@+`, and the first word that is not the name of a tool, an option, a
 * protocol or a format, nor a single letter (an option), a number, a date
 * or a time:
 * "web01-ss.txt", "ss-web01.txt", "netstat_web01_20240501T0900Z.log" and
 * "web01.example.org.txt" all say "web01". A file from a host is seldom
 * named after nothing but its tool ("ss-tunap.txt"): then there is no
 * guess, rather than this machine's name.
 *
 * Returns: (transfer full) (nullable): a host name, or %NULL
 */
char *
liaison_import_suggest_host (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);
  g_auto(GStrv) words = NULL;
  char *dot;

  if (base == NULL)
    return NULL;

  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';

  words = g_strsplit_set (base, "-_ .,@+", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && !is_noise_word (words[i]))
      return g_strdup (words[i]);

  return NULL;
}

/* The host for the batch: the first file's, else the last import's. The
 * other hosts the file names say, if any, are kept to warn of them. */
static void
suggest_host (LiaisonImportDialog  *self)
{
  g_autoptr(GString) others = g_string_new (NULL);

  for (guint i = 0; i < self->files->len; i++)
    {
      g_autofree char *host = liaison_import_suggest_host (g_ptr_array_index (self->files, i));

      if (host == NULL)
        continue;
      if (self->suggested_host == NULL)
        {
          self->suggested_host = g_steal_pointer (&host);
          self->host_source = HOST_FROM_FILE_NAME;
        }
      else if (g_strcmp0 (host, self->suggested_host) != 0 && strstr (others->str, host) == NULL)
        {
          if (others->len > 0)
            g_string_append (others, ", ");
          g_string_append (others, host);
        }
    }

  if (others->len > 0)
    self->other_hosts = g_string_free (g_steal_pointer (&others), FALSE);

  if (self->suggested_host == NULL)
    {
      g_autofree char *last = g_settings_get_string (self->settings, "import-host");

      if (*last != '\0')
        {
          self->suggested_host = g_steal_pointer (&last);
          self->host_source = HOST_FROM_LAST_IMPORT;
        }
    }

  gtk_editable_set_text (GTK_EDITABLE (self->host_row),
                         self->suggested_host != NULL ? self->suggested_host : "");
}

/* The earliest and the latest modification time of the files. */
static void
read_modification_times (LiaisonImportDialog *self)
{
  self->first_modified = LIAISON_TIME_NONE;
  self->last_modified = LIAISON_TIME_NONE;

  for (guint i = 0; i < self->files->len; i++)
    {
      g_autoptr(GFileInfo) info = g_file_query_info (g_ptr_array_index (self->files, i),
                                                     G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                                                     G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                                                     G_FILE_QUERY_INFO_NONE, NULL, NULL);
      g_autoptr(GDateTime) modified = info != NULL ? g_file_info_get_modification_date_time (info) : NULL;
      LiaisonTime time;

      if (modified == NULL)
        continue;
      time = g_date_time_to_unix (modified) * 1000 + g_date_time_get_microsecond (modified) / 1000;
      if (self->first_modified == LIAISON_TIME_NONE || time < self->first_modified)
        self->first_modified = time;
      if (self->last_modified == LIAISON_TIME_NONE || time > self->last_modified)
        self->last_modified = time;
    }
}

/* The form */

static void
show_error (LiaisonImportDialog *self,
            const char          *message)
{
  g_free (self->error_text);
  self->error_text = g_strdup (message);

  gtk_label_set_text (GTK_LABEL (self->error_label), message != NULL ? message : "");
  gtk_widget_set_visible (self->error_label, message != NULL);
}

static gboolean
parse_optional_time (GtkWidget   *row,
                     gboolean     local_time,
                     LiaisonTime *out)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  *out = LIAISON_TIME_NONE;
  if (*text == '\0')
    return TRUE;

  return liaison_time_parse (text, -1, local_time, out);
}

/* A line under the rows: dim, or in the error colour when it says what is wrong. */
static void
set_hint (GtkWidget  *label,
          const char *text,
          gboolean    wrong)
{
  gtk_label_set_text (GTK_LABEL (label), text);
  if (wrong)
    {
      gtk_widget_remove_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "liaison-field-reason");
    }
  else
    {
      gtk_widget_remove_css_class (label, "liaison-field-reason");
      gtk_widget_add_css_class (label, "dim-label");
    }
}

static void
update_host_hint (LiaisonImportDialog *self,
                  const char          *host)
{
  g_autofree char *text = NULL;

  if (*host == '\0')
    text = g_strdup (_("Host: required, the name of the machine the samples were taken on, such as web01."));
  else if (g_strcmp0 (host, self->suggested_host) != 0)
    text = g_strdup (_("Host: the machine the samples were taken on."));
  else if (self->host_source == HOST_FROM_LAST_IMPORT)
    text = g_strdup (_("Host: as in the last import; no file name says one."));
  else if (self->other_hosts != NULL)
    /* TRANSLATORS: %s is a list of host names, e.g. “web02, web03” */
    text = g_strdup_printf (_("Host: from the first file’s name; other file names say %s. Import each host’s files on their own."),
                            self->other_hosts);
  else
    text = g_strdup (_("Host: from the file name."));

  set_hint (self->host_hint, text, self->other_hosts != NULL && g_strcmp0 (host, self->suggested_host) == 0);
}

/* What a time row says: read back, what an empty one means, or what is wrong. */
static gboolean
update_time_hint (LiaisonImportDialog *self,
                  GtkWidget           *row,
                  GtkWidget           *hint,
                  gboolean             netstat,
                  LiaisonTime         *time)
{
  gboolean local_time = gtk_switch_get_active (GTK_SWITCH (self->local_time_switch));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *said = NULL;
  gboolean valid = parse_optional_time (row, local_time, time);

  if (!valid)
    {
      /* TRANSLATORS: %s is what the user typed in a time field */
      said = netstat ? g_strdup_printf (_("Sample time: “%s” is not a time. Write it as 2026-11-27 10:15 or 2026-11-27T10:15:00Z, or leave it empty."), text)
                     : g_strdup_printf (_("Start time: “%s” is not a time. Write it as 2026-11-27 10:15 or 2026-11-27T10:15:00Z, or leave it empty."), text);
    }
  else if (*time != LIAISON_TIME_NONE)
    {
      g_autofree char *when = liaison_format_time (*time);

      /* TRANSLATORS: %s is the time typed, as Liaison read it */
      said = netstat ? g_strdup_printf (_("Sample time: read as %s. Write it as 2026-11-27 10:15 or 2026-11-27T10:15:00Z."), when)
                     : g_strdup_printf (_("Start time: read as %s; the files cover the sample periods from there on."), when);
    }
  else if (!netstat)
    {
      said = g_strdup (_("Start time: empty, so the times of the flows say which sample periods each file covers."));
    }
  else if (self->first_modified == LIAISON_TIME_NONE)
    {
      said = g_strdup (_("Sample time: empty, so each file’s modification time is used."));
    }
  else if (self->files->len == 1 || self->first_modified == self->last_modified)
    {
      g_autofree char *when = liaison_format_time_long (self->first_modified);

      /* TRANSLATORS: %s is the file's modification time */
      said = g_strdup_printf (_("Sample time: empty, so the file’s modification time is used: %s. Type the time the sample was taken if that is not it."),
                              when);
    }
  else
    {
      g_autofree char *first = liaison_format_time_long (self->first_modified);
      g_autofree char *last = liaison_format_time_long (self->last_modified);

      /* TRANSLATORS: the first and the last modification time of the files */
      said = g_strdup_printf (_("Sample time: empty, so each file’s modification time is used, from %s to %s."),
                              first, last);
    }

  set_hint (hint, said, !valid);
  return valid;
}

static gboolean
validate (LiaisonImportDialog *self)
{
  gboolean netstat = liaison_import_dialog_get_kind (self) == LIAISON_SAMPLE_NETSTAT;
  gboolean valid = TRUE;
  LiaisonTime time;
  GtkWidget *time_row = netstat ? self->sample_time_row : self->start_time_row;
  GtkWidget *time_hint = netstat ? self->sample_time_hint : self->start_time_hint;

  if (netstat)
    {
      g_autofree char *host = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->host_row))));

      if (*host == '\0')
        valid = FALSE;
      update_host_hint (self, host);
    }

  if (!update_time_hint (self, time_row, time_hint, netstat, &time))
    {
      gtk_widget_add_css_class (time_row, "error");
      valid = FALSE;
    }
  else
    {
      gtk_widget_remove_css_class (time_row, "error");
    }

  gtk_widget_set_sensitive (self->import_button, valid && !self->running);
  return valid;
}

static void
on_option_changed (LiaisonImportDialog *self)
{
  validate (self);
}

static void
on_kind_changed (LiaisonImportDialog *self)
{
  gboolean netstat = liaison_import_dialog_get_kind (self) == LIAISON_SAMPLE_NETSTAT;
  const char *meaning = netstat ? _("Socket tables taken on one host") : _("Flows seen on the network");
  g_autofree char *subtitle = NULL;

  gtk_widget_set_visible (self->netstat_group, netstat);
  gtk_widget_set_visible (self->netflow_group, !netstat);
  /* What the kind chosen means, and what the files were found to be. */
  if (self->detected != NULL && self->detected[0] != '\0')
    /* TRANSLATORS: the kind chosen, then what the files are: “Flows seen on the network; detected: Zeek conn.log, gzip” */
    subtitle = g_strdup_printf (_("%s; detected: %s"), meaning, self->detected);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->kind_row), subtitle != NULL ? subtitle : meaning);
  validate (self);
}

/* Running */

typedef struct
{
  LiaisonImportDialog *dialog;
  guint                done;
  guint                total;
  double               within;     /* of the file after them */
} Progress;

static gboolean
show_progress (gpointer data)
{
  Progress *progress = data;
  LiaisonImportDialog *self = progress->dialog;
  g_autofree char *text = NULL;

  if (self->running && progress->total > 0)
    {
      /* Per file, and within one as its records are applied. */
      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar),
                                     MIN ((progress->done + progress->within) / progress->total, 1.0));
      text = g_strdup_printf (ngettext ("Importing %u of %u file…",
                                        "Importing %u of %u files…", progress->total),
                              MIN (progress->done + 1, progress->total), progress->total);
      gtk_label_set_text (GTK_LABEL (self->progress_label), text);
    }

  return G_SOURCE_REMOVE;
}

static void
progress_free (Progress *progress)
{
  g_clear_object (&progress->dialog);
  g_free (progress);
}

/* Called on the worker thread. */
static void
report_progress (guint    done,
                 guint    total,
                 double   within,
                 gpointer user_data)
{
  ImportJob *job = user_data;
  Progress *progress = g_new0 (Progress, 1);

  progress->dialog = g_object_ref (job->dialog);
  progress->done = done;
  progress->total = total;
  progress->within = within;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, show_progress, progress,
                              (GDestroyNotify) progress_free);
}

static gboolean
import_job (LiaisonStore  *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  ImportJob *job = data;

  return liaison_import_files (store, &job->options, (const char * const *) job->paths,
                               cancellable, report_progress, job, &job->summary, error);
}

static void
set_running (LiaisonImportDialog *self,
             gboolean             running)
{
  self->running = running;
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), running ? "progress" : "options");
  gtk_widget_set_visible (self->import_button, !running);
  validate (self);
}

static void
import_done (gpointer      source_object,
             gpointer      data,
             const GError *error)
{
  LiaisonImportDialog *self = source_object;
  ImportJob *job = data;
  g_autofree char *files = NULL;
  g_autofree char *found = NULL;
  g_autofree char *message = NULL;
  g_autofree char *skipped = NULL;

  g_clear_object (&self->cancellable);
  set_running (self, FALSE);

  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (error, LIAISON_ERROR, LIAISON_ERROR_CANCELLED))
        {
          liaison_toast_add (self->widget, adw_toast_new (_("Import cancelled: nothing was imported")));
          g_signal_emit (self, signals[FINISHED], 0, FALSE);
          gtk_window_destroy (GTK_WINDOW (self));
          return;
        }

      message = liaison_format_error (error);
      show_error (self, message);
      g_signal_emit (self, signals[FINISHED], 0, FALSE);
      return;
    }

  /* The worker's connection wrote: tell this one's lists. */
  liaison_store_changed (self->store);

  /* Offered again when a file name says no host. */
  if (job->options.kind == LIAISON_SAMPLE_NETSTAT)
    g_settings_set_string (self->settings, "import-host", job->host);

  files = g_strdup_printf (ngettext ("Imported %u file", "Imported %u files", job->summary.files),
                           job->summary.files);
  found = liaison_format_communications_found (job->summary.new_communications,
                                               job->summary.updated_communications);
  /* TRANSLATORS: "Imported N files" and what they brought, e.g. "3 new communications, 6 updated" */
  message = g_strdup_printf (_("%s: %s"), files, found);
  skipped = liaison_flow_skips_describe (&job->summary.skipped);
  if (skipped != NULL)
    {
      /* Translators: the import's toast, then what was skipped: “…; skipped 3 records: 2 ICMP, 1 to port 0” */
      g_autofree char *with_skipped = g_strdup_printf (_("%s; %s"), message, skipped);

      g_free (message);
      message = g_steal_pointer (&with_skipped);
    }
  liaison_toast_add (self->widget, adw_toast_new (message));

  g_signal_emit (self, signals[FINISHED], 0, TRUE);
  gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * liaison_import_dialog_start:
 *
 * Starts the import with the options shown, as the Import button does.
 */
void
liaison_import_dialog_start (LiaisonImportDialog *self)
{
  g_autoptr(GStrvBuilder) paths = g_strv_builder_new ();
  ImportJob *job;
  LiaisonTime time;

  g_return_if_fail (LIAISON_IS_IMPORT_DIALOG (self));

  if (self->running || !validate (self))
    return;

  show_error (self, NULL);

  job = g_new0 (ImportJob, 1);
  job->dialog = g_object_ref (self);
  for (guint i = 0; i < self->files->len; i++)
    {
      g_autofree char *path = g_file_get_path (g_ptr_array_index (self->files, i));

      if (path != NULL)
        g_strv_builder_add (paths, path);
    }
  job->paths = g_strv_builder_end (paths);

  job->options.kind = liaison_import_dialog_get_kind (self);
  job->options.local_time = gtk_switch_get_active (GTK_SWITCH (self->local_time_switch));
  job->options.time = LIAISON_TIME_NONE;
  job->options.start = LIAISON_TIME_NONE;

  if (job->options.kind == LIAISON_SAMPLE_NETSTAT)
    {
      job->host = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->host_row))));
      job->options.host = job->host;
      parse_optional_time (self->sample_time_row, job->options.local_time, &time);
      job->options.time = time;
    }
  else
    {
      job->options.interval = (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->interval_spin));
      parse_optional_time (self->start_time_row, job->options.local_time, &time);
      job->options.start = time;
      g_settings_set_uint (self->settings, "netflow-interval", job->options.interval);
    }

  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), 0.0);
  gtk_label_set_text (GTK_LABEL (self->progress_label), _("Importing…"));
  set_running (self, TRUE);

  liaison_job_run (self, liaison_job_connection_new (liaison_store_get_path (self->store)), import_job,
                   job, (GDestroyNotify) import_job_free,
                   self->cancellable, import_done);
}

static void
on_import_clicked (LiaisonImportDialog *self)
{
  liaison_import_dialog_start (self);
}

/* Cancel stops a running import, else closes the dialog. */
static void
on_cancel_clicked (LiaisonImportDialog *self)
{
  if (self->running)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
liaison_import_dialog_close_request (GtkWindow *window)
{
  LiaisonImportDialog *self = LIAISON_IMPORT_DIALOG (window);

  /* Closing a running import cancels it; the dialog goes when it stopped. */
  if (self->running)
    {
      g_cancellable_cancel (self->cancellable);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (liaison_import_dialog_parent_class)->close_request (window);
}

/* GObject */

static void
liaison_import_dialog_dispose (GObject *object)
{
  LiaisonImportDialog *self = (LiaisonImportDialog *)object;

  g_clear_object (&self->widget);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (liaison_import_dialog_parent_class)->dispose (object);
}

static void
liaison_import_dialog_finalize (GObject *object)
{
  LiaisonImportDialog *self = (LiaisonImportDialog *)object;

  g_clear_pointer (&self->error_text, g_free);
  g_clear_pointer (&self->suggested_host, g_free);
  g_clear_pointer (&self->other_hosts, g_free);
  g_clear_pointer (&self->detected, g_free);

  G_OBJECT_CLASS (liaison_import_dialog_parent_class)->finalize (object);
}

static void
liaison_import_dialog_class_init (LiaisonImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = liaison_import_dialog_dispose;
  object_class->finalize = liaison_import_dialog_finalize;
  window_class->close_request = liaison_import_dialog_close_request;

  /**
   * LiaisonImportDialog::finished:
   * @success: whether the files were imported
   */
  signals[FINISHED] = g_signal_new ("finished",
                                    G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/liaison/Liaison/liaison-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonImportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonImportDialog, files_group);
  gtk_widget_class_bind_template_child (widget_class, LiaisonImportDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonImportDialog, netstat_group);
  gtk_widget_class_bind_template_child (widget_class, LiaisonImportDialog, host_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonImportDialog, sample_time_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonImportDialog, netflow_group);
  gtk_widget_class_bind_template_child (widget_class, LiaisonImportDialog, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, LiaisonImportDialog, start_time_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonImportDialog, local_time_switch);
  gtk_widget_class_bind_template_child (widget_class, LiaisonImportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, LiaisonImportDialog, host_hint);
  gtk_widget_class_bind_template_child (widget_class, LiaisonImportDialog, sample_time_hint);
  gtk_widget_class_bind_template_child (widget_class, LiaisonImportDialog, start_time_hint);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_option_changed);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
liaison_import_dialog_init (LiaisonImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->local_time_switch, "notify::active",
                           G_CALLBACK (on_option_changed), self, G_CONNECT_SWAPPED);
}

/**
 * liaison_import_dialog_new:
 * @widget: the widget that asked: the dialog is transient for its window,
 *   and the outcome shows as a toast near it
 * @store: the database the files go into
 * @settings: the application's settings (the netflow interval, the last
 *   import's host)
 * @files: (array length=n_files): the files to import
 *
 * Returns: (transfer none): the dialog, not shown yet
 */
LiaisonImportDialog *
liaison_import_dialog_new (GtkWidget     *widget,
                           LiaisonStore  *store,
                           GSettings     *settings,
                           GFile        **files,
                           guint          n_files)
{
  LiaisonImportDialog *self;
  GtkRoot *root;
  g_autofree char *description = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint n_netflow = 0;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (n_files > 0, NULL);

  root = gtk_widget_get_root (widget);
  self = g_object_new (LIAISON_TYPE_IMPORT_DIALOG,
                       "transient-for", GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                       NULL);
  self->widget = g_object_ref (widget);
  self->store = g_object_ref (store);
  self->settings = g_object_ref (settings);
  self->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_files; i++)
    {
      g_ptr_array_add (self->files, g_object_ref (files[i]));
      if (detect_kind (files[i], names) == LIAISON_SAMPLE_NETFLOW)
        n_netflow++;
    }
  /* Detected: the format of each kind of file, “Zeek conn.log, gzip” */
  g_ptr_array_add (names, NULL);
  self->detected = g_strjoinv (", ", (char **) names->pdata);

  if (n_files == 1)
    {
      g_autofree char *name = g_file_get_basename (files[0]);

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->files_group), name);
    }
  else
    {
      g_autofree char *title = g_strdup_printf (ngettext ("%u file", "%u files", n_files), n_files);
      GString *names = g_string_new (NULL);

      for (guint i = 0; i < MIN (n_files, 3); i++)
        {
          g_autofree char *name = g_file_get_basename (files[i]);

          if (i > 0)
            g_string_append (names, ", ");
          g_string_append (names, name);
        }
      if (n_files > 3)
        g_string_append (names, ", …");

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->files_group), title);
      description = g_string_free (names, FALSE);
    }
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->files_group), description);

  /* The kind most of the files look like; the user can change it. */
  liaison_import_dialog_set_kind (self, n_netflow * 2 > n_files ? LIAISON_SAMPLE_NETFLOW
                                                                : LIAISON_SAMPLE_NETSTAT);

  suggest_host (self);
  read_modification_times (self);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->interval_spin),
                             g_settings_get_uint (settings, "netflow-interval"));

  gtk_window_set_default_widget (GTK_WINDOW (self), self->import_button);
  on_kind_changed (self);

  return self;
}

gboolean
liaison_import_dialog_is_running (LiaisonImportDialog *self)
{
  g_return_val_if_fail (LIAISON_IS_IMPORT_DIALOG (self), FALSE);

  return self->running;
}

LiaisonSampleKind
liaison_import_dialog_get_kind (LiaisonImportDialog *self)
{
  g_return_val_if_fail (LIAISON_IS_IMPORT_DIALOG (self), LIAISON_SAMPLE_NETSTAT);

  return adw_combo_row_get_selected (ADW_COMBO_ROW (self->kind_row)) == 1
         ? LIAISON_SAMPLE_NETFLOW : LIAISON_SAMPLE_NETSTAT;
}

void
liaison_import_dialog_set_kind (LiaisonImportDialog *self,
                                LiaisonSampleKind    kind)
{
  g_return_if_fail (LIAISON_IS_IMPORT_DIALOG (self));

  adw_combo_row_set_selected (ADW_COMBO_ROW (self->kind_row),
                              kind == LIAISON_SAMPLE_NETFLOW ? 1 : 0);
}

const char *
liaison_import_dialog_get_host (LiaisonImportDialog *self)
{
  g_return_val_if_fail (LIAISON_IS_IMPORT_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->host_row));
}

/* The message of the last failed import, or %NULL. */
const char *
liaison_import_dialog_get_error (LiaisonImportDialog *self)
{
  g_return_val_if_fail (LIAISON_IS_IMPORT_DIALOG (self), NULL);

  return self->error_text;
}

/* Whether the Import button can be pressed now. */
gboolean
liaison_import_dialog_get_can_import (LiaisonImportDialog *self)
{
  g_return_val_if_fail (LIAISON_IS_IMPORT_DIALOG (self), FALSE);

  return gtk_widget_get_sensitive (self->import_button);
}

GtkEditable *
liaison_import_dialog_get_host_row (LiaisonImportDialog *self)
{
  g_return_val_if_fail (LIAISON_IS_IMPORT_DIALOG (self), NULL);

  return GTK_EDITABLE (self->host_row);
}

GtkEditable *
liaison_import_dialog_get_sample_time_row (LiaisonImportDialog *self)
{
  g_return_val_if_fail (LIAISON_IS_IMPORT_DIALOG (self), NULL);

  return GTK_EDITABLE (self->sample_time_row);
}

/* The line under the rows about "host", "sample-time" or "start-time". */
GtkWidget *
liaison_import_dialog_get_hint (LiaisonImportDialog *self,
                                const char          *which)
{
  g_return_val_if_fail (LIAISON_IS_IMPORT_DIALOG (self), NULL);

  if (g_str_equal (which, "host"))
    return self->host_hint;
  if (g_str_equal (which, "sample-time"))
    return self->sample_time_hint;
  g_return_val_if_fail (g_str_equal (which, "start-time"), NULL);
  return self->start_time_hint;
}
