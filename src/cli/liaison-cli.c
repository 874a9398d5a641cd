/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-cli"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "liaison-address.h"
#include "liaison-communication.h"
#include "liaison-csv.h"
#include "liaison-error.h"
#include "liaison-export.h"
#include "liaison-output-file.h"
#include "liaison-import.h"
#include "liaison-statistics.h"
#include "liaison-store-communications.h"
#include "liaison-store.h"
#include "liaison-time.h"

/* cli.md: 0 done, 2 bad usage or bad input, 1 any other failure. */
enum {
  STATUS_OK = 0,
  STATUS_FAILURE = 1,
  STATUS_USAGE = 2,
};

/* How many service communications `list` reads from the store at a time. */
#define LIST_CHUNK 256

/* Translators: the command names and option names stay as they are. */
static const char *global_usage =
  N_("Usage: liaison-cli [--database FILE] COMMAND [OPTIONS] [FILE...]\n"
  "\n"
  "Commands:\n"
  "  add             add a service communication; prints its id\n"
  "  edit ID         change the given fields of one service communication\n"
  "  delete ID...    delete service communications (and their classic statistics)\n"
  "  list            list service communications\n"
  "  import-netstat  import netstat samples (format detected; '-' reads stdin)\n"
  "  sample-host     take a netstat sample of this machine now\n"
  "  import-netflow  import netflow samples, one sample per file\n"
  "  stats           show statistics records\n"
  "  export-stats    write all statistics as JSON; stdout by default\n"
  "\n"
  "Options:\n"
  "  --database FILE  the database (default: $LIAISON_DATABASE, else\n"
  "                   $XDG_DATA_HOME/liaison/liaison.db)\n"
  "  -h, --help       show this help\n"
  "  --version        show the version\n"
  "\n"
  "Run “liaison-cli COMMAND --help” for the options of a command.\n");

static const char *database_path;

/* One line on stderr: newlines inside a message would break the "one line
 * each" promise of cli.md, so they become spaces. */
static void G_GNUC_PRINTF (1, 2)
print_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  for (char *p = message; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r')
      *p = ' ';

  fprintf (stderr, "liaison-cli: %s\n", message);
}

/* Prints @error and returns the exit status it means. */
static int
fail (const GError *error)
{
  print_error ("%s", error->message);

  if (liaison_error_is_bad_input (error) || error->domain == G_OPTION_ERROR)
    return STATUS_USAGE;
  return STATUS_FAILURE;
}

static int G_GNUC_PRINTF (1, 2)
usage_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  print_error ("%s", message);
  return STATUS_USAGE;
}

/* Ends a command that printed to stdout: a failed write is a failure too. */
static int
finish_stdout (int status)
{
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      int saved = errno;

      print_error (_("cannot write to standard output: %s"), g_strerror (saved));
      return STATUS_FAILURE;
    }
  return status;
}

/* The options several commands share. */

typedef enum
{
  FORMAT_TEXT = 1 << 0,
  FORMAT_CSV = 1 << 1,
  FORMAT_JSON = 1 << 2,
} Format;

/* What --format takes for one command. */
typedef struct
{
  Format      accepted;         /* a mask of formats */
  Format      fallback;         /* without --format */
  const char *description;      /* for --help, N_() */
  const char *choices;          /* for the error, N_() */
} Formats;

static const struct {
  Format      format;
  const char *name;
} format_names[] = {
  { FORMAT_TEXT, "text" },
  { FORMAT_CSV, "csv" },
  { FORMAT_JSON, "json" },
};

typedef enum
{
  OPTION_LOCAL_TIME = 1 << 0,   /* --local-time */
  OPTION_OUTPUT = 1 << 1,       /* --output FILE, -o FILE */
} OptionFlags;

typedef struct _Command Command;

/* One command: its row of the command table. */
struct _Command
{
  const char    *name;
  const char    *parameters;    /* its arguments in --help, N_(); NULL: it takes none */
  const char    *summary;       /* the first line of its --help, N_() */
  const Formats *formats;       /* what --format takes; NULL: no --format */
  OptionFlags    options;       /* the other shared options it takes */
  int          (*run) (const Command  *command,
                       int             argc,
                       char          **argv);
};

/* What the shared options of one command said. */
typedef struct
{
  Format    format;
  gboolean  local_time;
  char     *output;             /* NULL: standard output */

  char     *format_text;
} Options;

static void
options_clear (Options *options)
{
  g_clear_pointer (&options->output, g_free);
  g_clear_pointer (&options->format_text, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

/* The entries of the shared options that @command takes, after its own
 * ones, so that --help lists them last. */
static void
add_shared_entries (GOptionContext *context,
                    const Command  *command,
                    Options        *options)
{
  const GOptionEntry format_entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &options->format_text,
      command->formats != NULL ? command->formats->description : NULL, N_("FORMAT") },
    { NULL }
  };
  const GOptionEntry local_time_entries[] = {
    { "local-time", 0, 0, G_OPTION_ARG_NONE, &options->local_time,
      N_("Times without an offset are local time, not UTC"), NULL },
    { NULL }
  };
  const GOptionEntry output_entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options->output,
      N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };

  if (command->formats != NULL)
    g_option_context_add_main_entries (context, format_entries, GETTEXT_PACKAGE);
  if (command->options & OPTION_LOCAL_TIME)
    g_option_context_add_main_entries (context, local_time_entries, GETTEXT_PACKAGE);
  if (command->options & OPTION_OUTPUT)
    g_option_context_add_main_entries (context, output_entries, GETTEXT_PACKAGE);
}

static gboolean
check_format (const Command *command,
              Options       *options,
              int           *status)
{
  const Formats *formats = command->formats;

  options->format = formats->fallback;
  if (options->format_text == NULL)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if ((formats->accepted & format_names[i].format) != 0 &&
        g_str_equal (options->format_text, format_names[i].name))
      {
        options->format = format_names[i].format;
        return TRUE;
      }

  *status = usage_error (_("%s: --format: unknown format “%s” (%s)"), command->name,
                         options->format_text, _(formats->choices));
  return FALSE;
}

/*
 * Parses the options of @command: its own @entries, then the shared ones it
 * takes, into @options. @argv[0] is the command's name; the other arguments
 * stay in @argv. Returns FALSE (and sets @status) when the command must stop.
 */
static gboolean
parse_options (const Command       *command,
               const GOptionEntry  *entries,
               Options             *options,
               int                 *argc,
               char              ***argv,
               int                 *status)
{
  static const GOptionEntry no_entries[] = { { NULL } };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("liaison-cli %s", command->name);

  g_set_prgname (prgname);
  context = g_option_context_new (command->parameters);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, command->summary);
  g_option_context_add_main_entries (context, entries != NULL ? entries : no_entries, GETTEXT_PACKAGE);
  add_shared_entries (context, command, options);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = usage_error (_("%s: %s (see “liaison-cli %s --help”)"), command->name, error->message,
                             command->name);
      return FALSE;
    }

  /* GOption leaves a "--" that ends the options in place. */
  for (int i = 1; i < *argc; i++)
    if (g_strcmp0 ((*argv)[i], "--") == 0)
      {
        memmove (&(*argv)[i], &(*argv)[i + 1], (*argc - i) * sizeof (char *));
        (*argc)--;
        break;
      }

  if (command->parameters == NULL && *argc > 1)
    {
      *status = usage_error (_("%s: unexpected argument “%s”"), command->name, (*argv)[1]);
      return FALSE;
    }

  if (command->formats != NULL && !check_format (command, options, status))
    return FALSE;

  if (options->output != NULL && *options->output == '\0')
    {
      *status = usage_error (_("%s: %s is empty"), command->name, "--output");
      return FALSE;
    }

  return TRUE;
}

/* The time an option gave, read as local time with --local-time;
 * LIAISON_TIME_NONE without the option. */
static gboolean
parse_time (const Options *options,
            const char    *option,
            const char    *text,
            LiaisonTime   *out,
            int           *status)
{
  if (text == NULL)
    {
      *out = LIAISON_TIME_NONE;
      return TRUE;
    }
  if (!liaison_time_parse (text, -1, options->local_time, out))
    {
      *status = usage_error (_("%s: “%s” is not a time (ISO 8601, for example 2026-11-27T00:01:15Z)"),
                             option, text);
      return FALSE;
    }
  return TRUE;
}

static LiaisonStore *
open_store (int *status)
{
  g_autoptr(GError) error = NULL;
  LiaisonStore *store = liaison_store_open (database_path, &error);

  if (store == NULL)
    *status = fail (error);
  return store;
}

/* An id as typed: a positive integer. */
static gboolean
parse_id (const char *command,
          const char *text,
          gint64     *out,
          int        *status)
{
  gint64 value;

  if (!g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      *status = usage_error (_("%s: “%s” is not the id of a service communication"), command, text);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

/* add and edit */

typedef struct
{
  char *client_ip;
  char *listener_ip;
  char *port;
  char *protocol;
  char *client_device;
  char *listener_device;
  char *client_process_name;
  char *client_process_display_name;
} FieldOptions;

static void
field_options_clear (FieldOptions *fields)
{
  g_free (fields->client_ip);
  g_free (fields->listener_ip);
  g_free (fields->port);
  g_free (fields->protocol);
  g_free (fields->client_device);
  g_free (fields->listener_device);
  g_free (fields->client_process_name);
  g_free (fields->client_process_display_name);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FieldOptions, field_options_clear)

/* Checks each given field with the core's rules before the database is
 * touched, and names the option in the message. */
static gboolean
validate_fields (const FieldOptions *fields,
                 int                *status)
{
  const struct {
    const char    *option;
    LiaisonColumn  column;
    const char    *value;
  } checks[] = {
    { "--client-ip", LIAISON_COLUMN_CLIENT_IP, fields->client_ip },
    { "--listener-ip", LIAISON_COLUMN_LISTENER_IP, fields->listener_ip },
    { "--port", LIAISON_COLUMN_PORT, fields->port },
    { "--protocol", LIAISON_COLUMN_PROTOCOL, fields->protocol },
    { "--client-device", LIAISON_COLUMN_CLIENT_DEVICE, fields->client_device },
    { "--listener-device", LIAISON_COLUMN_LISTENER_DEVICE, fields->listener_device },
    { "--client-process-name", LIAISON_COLUMN_CLIENT_PROCESS_NAME, fields->client_process_name },
    { "--client-process-display-name", LIAISON_COLUMN_CLIENT_PROCESS_DISPLAY_NAME,
      fields->client_process_display_name },
  };

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      g_autoptr(GError) error = NULL;

      if (checks[i].value == NULL)
        continue;
      if (!liaison_communication_validate_field (checks[i].column, checks[i].value, &error))
        {
          *status = usage_error ("%s: %s", checks[i].option, error->message);
          return FALSE;
        }
    }
  return TRUE;
}

static void
fields_to_input (const FieldOptions        *fields,
                 LiaisonCommunicationInput *input)
{
  input->client_ip = fields->client_ip;
  input->listener_ip = fields->listener_ip;
  input->port = fields->port;
  input->protocol = fields->protocol;
  input->client_device = fields->client_device;
  input->listener_device = fields->listener_device;
  input->client_process_name = fields->client_process_name;
  input->client_process_display_name = fields->client_process_display_name;
}

#define FIELD_OPTION_ENTRIES(fields) \
  { "client-ip", 0, 0, G_OPTION_ARG_STRING, &(fields).client_ip, N_("The client's IP address"), N_("IP") }, \
  { "listener-ip", 0, 0, G_OPTION_ARG_STRING, &(fields).listener_ip, N_("The listener's IP address"), N_("IP") }, \
  { "port", 0, 0, G_OPTION_ARG_STRING, &(fields).port, N_("The listener's port, 1 to 65535"), N_("N") }, \
  { "protocol", 0, 0, G_OPTION_ARG_STRING, &(fields).protocol, N_("tcp or udp"), N_("PROTO") }, \
  { "client-device", 0, 0, G_OPTION_ARG_STRING, &(fields).client_device, N_("The client's device name"), N_("NAME") }, \
  { "listener-device", 0, 0, G_OPTION_ARG_STRING, &(fields).listener_device, N_("The listener's device name"), N_("NAME") }, \
  { "client-process-name", 0, 0, G_OPTION_ARG_STRING, &(fields).client_process_name, \
    N_("The client process's name"), N_("NAME") }, \
  { "client-process-display-name", 0, 0, G_OPTION_ARG_STRING, &(fields).client_process_display_name, \
    N_("A name to show for the client process"), N_("TEXT") }

static int
command_add (const Command  *command,
             int            argc,
             char         **argv)
{
  g_auto(FieldOptions) fields = { 0 };
  GOptionEntry entries[] = {
    FIELD_OPTION_ENTRIES (fields),
    { NULL }
  };
  g_auto(Options) options = { 0 };
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonCommunicationInput input = { 0 };
  int status = STATUS_OK;
  gint64 id;

  if (!parse_options (command, entries, &options, &argc, &argv, &status))
    return status;

  {
    const char *required[] = { "--client-ip", "--listener-ip", "--port", "--protocol" };
    const char *values[] = { fields.client_ip, fields.listener_ip, fields.port, fields.protocol };

    for (guint i = 0; i < G_N_ELEMENTS (required); i++)
      if (values[i] == NULL)
        return usage_error (_("%s: %s is required"), command->name, required[i]);
  }

  if (!validate_fields (&fields, &status))
    return status;

  if ((store = open_store (&status)) == NULL)
    return status;

  fields_to_input (&fields, &input);
  id = liaison_store_add_communication (store, &input, &error);
  if (id <= 0)
    return fail (error);

  printf ("%" G_GINT64_FORMAT "\n", id);
  return finish_stdout (STATUS_OK);
}

static int
command_edit (const Command  *command,
              int            argc,
              char         **argv)
{
  g_auto(FieldOptions) fields = { 0 };
  GOptionEntry entries[] = {
    FIELD_OPTION_ENTRIES (fields),
    { NULL }
  };
  g_auto(Options) options = { 0 };
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonCommunicationInput input = { 0 };
  int status = STATUS_OK;
  gint64 id;

  if (!parse_options (command, entries, &options, &argc, &argv, &status))
    return status;

  if (argc < 2)
    return usage_error (_("%s: the id of a service communication is required"), command->name);
  if (argc > 2)
    return usage_error (_("%s: unexpected argument “%s”"), command->name, argv[2]);
  if (!parse_id (command->name, argv[1], &id, &status))
    return status;

  if (fields.client_ip == NULL && fields.listener_ip == NULL && fields.port == NULL &&
      fields.protocol == NULL && fields.client_device == NULL && fields.listener_device == NULL &&
      fields.client_process_name == NULL && fields.client_process_display_name == NULL)
    return usage_error (_("%s: nothing to change (give at least one option of add)"), command->name);

  if (!validate_fields (&fields, &status))
    return status;

  if ((store = open_store (&status)) == NULL)
    return status;

  fields_to_input (&fields, &input);
  if (!liaison_store_edit_communication (store, id, &input, &error))
    return fail (error);

  return STATUS_OK;
}

static int
command_delete (const Command  *command,
                int            argc,
                char         **argv)
{
  g_auto(Options) options = { 0 };
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(LiaisonDeletion) deletion = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  int status = STATUS_OK;

  if (!parse_options (command, NULL, &options, &argc, &argv, &status))
    return status;

  if (argc < 2)
    return usage_error (_("%s: the id of at least one service communication is required"), command->name);

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), argc - 1);
  for (int i = 1; i < argc; i++)
    {
      gint64 id;

      if (!parse_id (command->name, argv[i], &id, &status))
        return status;
      g_array_append_val (ids, id);
    }

  if ((store = open_store (&status)) == NULL)
    return status;

  if (!liaison_store_delete_communications (store, (const gint64 *) ids->data, ids->len,
                                            &deletion, &error))
    return fail (error);

  return STATUS_OK;
}

/* list */

static const Formats list_formats = {
  FORMAT_TEXT | FORMAT_CSV | FORMAT_JSON, FORMAT_TEXT,
  N_("text (default), csv or json"), N_("text, csv or json"),
};

static gboolean
parse_sort (const char   *text,
            LiaisonQuery *query,
            int          *status)
{
  g_autofree char *name = NULL;
  const char *colon;

  query->sort = LIAISON_COLUMN_ID;
  query->descending = FALSE;
  if (text == NULL)
    return TRUE;

  colon = strrchr (text, ':');
  name = colon != NULL ? g_strndup (text, colon - text) : g_strdup (text);

  if (colon != NULL)
    {
      if (g_str_equal (colon + 1, "desc"))
        query->descending = TRUE;
      else if (!g_str_equal (colon + 1, "asc"))
        {
          *status = usage_error (_("list: --sort: unknown order “%s” in “%s” (asc or desc)"), colon + 1, text);
          return FALSE;
        }
    }

  if (!liaison_column_from_string (name, &query->sort))
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < LIAISON_N_COLUMNS; i++)
        g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", liaison_column_to_string (i));
      *status = usage_error (_("list: --sort: unknown column “%s” (columns: %s)"), name, names->str);
      return FALSE;
    }
  return TRUE;
}

/* The value of one column as text; NULL when unknown. Optional text columns
 * that hold "" are unknown too. */
static char *
column_text (LiaisonCommunication *communication,
             LiaisonColumn         column)
{
  char *text = liaison_communication_dup_column_text (communication, column);

  if (text != NULL && *text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/* Text for a terminal: control characters would break the layout. */
static char *
printable (const char *text)
{
  GString *out = g_string_new (NULL);
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        g_string_append_c (out, '?');
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static gsize
display_width (const char *text)
{
  gsize width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

static gboolean
column_is_number (LiaisonColumn column)
{
  return column == LIAISON_COLUMN_ID || column == LIAISON_COLUMN_PORT;
}

/* Calls @func for every service communication of @ids, in order, reading
 * them from the store a chunk at a time. */
typedef gboolean (*RowFunc) (LiaisonCommunication *communication,
                             gpointer              user_data);

static gboolean
foreach_row (LiaisonStore  *store,
             GArray        *ids,
             RowFunc        func,
             gpointer       user_data,
             GError       **error)
{
  for (guint offset = 0; offset < ids->len; offset += LIST_CHUNK)
    {
      guint n = MIN (LIST_CHUNK, ids->len - offset);
      g_autoptr(GPtrArray) rows = NULL;

      rows = liaison_store_get_communications (store, &g_array_index (ids, gint64, offset), n, error);
      if (rows == NULL)
        return FALSE;
      for (guint i = 0; i < rows->len; i++)
        if (!func (g_ptr_array_index (rows, i), user_data))
          return TRUE;
    }
  return TRUE;
}

static gboolean
measure_row (LiaisonCommunication *communication,
             gpointer              user_data)
{
  gsize *widths = user_data;

  for (guint c = 0; c < LIAISON_N_COLUMNS; c++)
    {
      g_autofree char *text = column_text (communication, c);
      g_autofree char *shown = text != NULL ? printable (text) : NULL;

      widths[c] = MAX (widths[c], shown != NULL ? display_width (shown) : 1);
    }
  return TRUE;
}

static void
print_text_cells (const char * const *cells,
                  const gsize        *widths)
{
  for (guint c = 0; c < LIAISON_N_COLUMNS; c++)
    {
      gsize width = display_width (cells[c]);
      gsize pad = widths[c] > width ? widths[c] - width : 0;
      gboolean last = c + 1 == LIAISON_N_COLUMNS;

      if (c > 0)
        fputs ("  ", stdout);
      if (column_is_number (c))
        printf ("%*s%s", (int) pad, "", cells[c]);
      else
        printf ("%s%*s", cells[c], last ? 0 : (int) pad, "");
    }
  putchar ('\n');
}

static gboolean
print_text_row (LiaisonCommunication *communication,
                gpointer              user_data)
{
  const gsize *widths = user_data;
  char *cells[LIAISON_N_COLUMNS + 1] = { NULL };

  for (guint c = 0; c < LIAISON_N_COLUMNS; c++)
    {
      g_autofree char *text = column_text (communication, c);

      cells[c] = text != NULL ? printable (text) : g_strdup ("-");
    }
  print_text_cells ((const char * const *) cells, widths);
  for (guint c = 0; c < LIAISON_N_COLUMNS; c++)
    g_free (cells[c]);
  return TRUE;
}

typedef struct
{
  JsonGenerator *generator;
  guint          count;
} JsonRows;

static gboolean
print_json_row (LiaisonCommunication *communication,
                gpointer              user_data)
{
  JsonRows *rows = user_data;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *data = NULL;

  json_builder_begin_object (builder);
  for (guint c = 0; c < LIAISON_N_COLUMNS; c++)
    {
      json_builder_set_member_name (builder, liaison_column_to_string (c));
      if (c == LIAISON_COLUMN_ID)
        json_builder_add_int_value (builder, liaison_communication_get_id (communication));
      else if (c == LIAISON_COLUMN_PORT)
        json_builder_add_int_value (builder, liaison_communication_get_port (communication));
      else
        {
          g_autofree char *text = column_text (communication, c);

          if (text == NULL)
            json_builder_add_null_value (builder);
          else
            {
              g_autofree char *valid = g_utf8_make_valid (text, -1);

              json_builder_add_string_value (builder, valid);
            }
        }
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (rows->generator, root);
  data = json_generator_to_data (rows->generator, NULL);
  printf ("%s  %s", rows->count++ > 0 ? ",\n" : "\n", data);
  return TRUE;
}

static int
command_list (const Command  *command,
              int            argc,
              char         **argv)
{
  g_autofree char *search = NULL;
  g_autofree char *sort = NULL;
  GOptionEntry entries[] = {
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Only rows with TEXT in any text column"), N_("TEXT") },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort, N_("Sort by COLUMN (a csv header name), :desc for descending"), N_("COLUMN[:desc]") },
    { NULL }
  };
  g_auto(Options) options = { 0 };
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  LiaisonQuery query = { 0 };
  int status = STATUS_OK;

  if (!parse_options (command, entries, &options, &argc, &argv, &status) ||
      !parse_sort (sort, &query, &status))
    return status;

  query.search = search;

  if ((store = open_store (&status)) == NULL)
    return status;

  ids = liaison_store_query_ids (store, &query, &error);
  if (ids == NULL)
    return fail (error);

  switch (options.format)
    {
    case FORMAT_TEXT:
      {
        gsize widths[LIAISON_N_COLUMNS];
        const char *header[LIAISON_N_COLUMNS];

        for (guint c = 0; c < LIAISON_N_COLUMNS; c++)
          {
            header[c] = liaison_column_to_string (c);
            widths[c] = strlen (header[c]);
          }
        if (!foreach_row (store, ids, measure_row, widths, &error))
          return fail (error);
        print_text_cells (header, widths);
        if (!foreach_row (store, ids, print_text_row, widths, &error))
          return finish_stdout (fail (error));
      }
      break;

    case FORMAT_CSV:
      {
        g_autoptr(GOutputStream) stream = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

        if (fflush (stdout) != 0)
          return finish_stdout (STATUS_FAILURE);
        if (!liaison_csv_write (store, (const gint64 *) (gpointer) ids->data, ids->len,
                                stream, NULL, &error))
          {
            if (error->domain == LIAISON_ERROR)
              return fail (error);
            print_error (_("cannot write to standard output: %s"), error->message);
            return STATUS_FAILURE;
          }
      }
      break;

    case FORMAT_JSON:
      {
        g_autoptr(JsonGenerator) generator = json_generator_new ();
        JsonRows rows = { generator, 0 };

        putchar ('[');
        if (!foreach_row (store, ids, print_json_row, &rows, &error))
          return finish_stdout (fail (error));
        fputs (rows.count > 0 ? "\n]\n" : "]\n", stdout);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  return finish_stdout (STATUS_OK);
}

/* imports */

static void
print_summary (const LiaisonImportSummary *summary)
{
  g_autofree char *files = NULL;
  g_autofree char *records = NULL;
  g_autofree char *communications = NULL;
  g_autofree char *statistics = NULL;

  files = g_strdup_printf (ngettext ("imported %u file", "imported %u files", summary->files),
                           summary->files);
  records = g_strdup_printf (ngettext ("%u record", "%u records", summary->records),
                             summary->records);
  communications = g_strdup_printf (ngettext ("%u new service communication",
                                              "%u new service communications",
                                              summary->new_communications),
                                    summary->new_communications);
  statistics = g_strdup_printf (ngettext ("%u new statistics record",
                                          "%u new statistics records",
                                          summary->new_statistics),
                                summary->new_statistics);

  /* Translators: the summary of an import: “imported 2 files”, then the
   * records read, the new service communications and the new statistics
   * records. */
  printf (_("%s: %s, %s, %s"), files, records, communications, statistics);
  putchar ('\n');
}

static int
run_import (const LiaisonImportOptions  *options,
            int                          argc,
            char                       **argv)
{
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  LiaisonImportSummary summary = { 0 };
  int status = STATUS_OK;

  for (int i = 1; i < argc; i++)
    g_ptr_array_add (paths, argv[i]);
  g_ptr_array_add (paths, NULL);

  if ((store = open_store (&status)) == NULL)
    return status;

  if (!liaison_import_files (store, options, (const char * const *) paths->pdata,
                             NULL, NULL, NULL, &summary, &error))
    return fail (error);

  print_summary (&summary);
  return finish_stdout (STATUS_OK);
}

static int
command_import_netstat (const Command  *command,
                        int            argc,
                        char         **argv)
{
  g_autofree char *host = NULL;
  g_autofree char *time_text = NULL;
  GOptionEntry entries[] = {
    { "host", 0, 0, G_OPTION_ARG_STRING, &host, N_("The host (device name) the samples were taken on"), N_("NAME") },
    { "time", 0, 0, G_OPTION_ARG_STRING, &time_text, N_("When the samples were taken (default: each file's modification time)"), N_("TIME") },
    { NULL }
  };
  g_auto(Options) options = { 0 };
  LiaisonImportOptions import = { 0 };
  int status = STATUS_OK;

  if (!parse_options (command, entries, &options, &argc, &argv, &status))
    return status;

  if (host == NULL || *g_strstrip (host) == '\0')
    return usage_error (_("%s: %s is required"), command->name, "--host");
  if (argc < 2)
    return usage_error (_("%s: at least one FILE is required ('-' reads stdin)"), command->name);

  import.kind = LIAISON_SAMPLE_NETSTAT;
  import.host = host;
  import.local_time = options.local_time;
  if (!parse_time (&options, "--time", time_text, &import.time, &status))
    return status;
  import.start = LIAISON_TIME_NONE;

  return run_import (&import, argc, argv);
}

static int
command_import_netflow (const Command  *command,
                        int            argc,
                        char         **argv)
{
  g_autofree char *interval_text = NULL;
  g_autofree char *start_text = NULL;
  GOptionEntry entries[] = {
    { "interval", 0, 0, G_OPTION_ARG_STRING, &interval_text, N_("The sample interval in seconds (nfcapd rotates every 300)"), N_("SECONDS") },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start_text, N_("When the sample period starts (default: on the epoch grid of the interval)"), N_("TIME") },
    { NULL }
  };
  g_auto(Options) options = { 0 };
  LiaisonImportOptions import = { 0 };
  int status = STATUS_OK;
  guint64 interval;

  if (!parse_options (command, entries, &options, &argc, &argv, &status))
    return status;

  if (interval_text == NULL)
    return usage_error (_("%s: %s is required"), command->name, "--interval");
  if (!g_ascii_string_to_unsigned (interval_text, 10, 1, G_MAXUINT32, &interval, NULL))
    return usage_error (_("--interval: “%s” is not a number of seconds (1 or more)"), interval_text);
  if (argc < 2)
    return usage_error (_("%s: at least one FILE is required ('-' reads stdin)"), command->name);

  import.kind = LIAISON_SAMPLE_NETFLOW;
  import.interval = (guint) interval;
  import.local_time = options.local_time;
  import.time = LIAISON_TIME_NONE;
  if (!parse_time (&options, "--start", start_text, &import.start, &status))
    return status;

  return run_import (&import, argc, argv);
}

static int
command_sample_host (const Command  *command,
                     int            argc,
                     char         **argv)
{
  g_autofree char *host = NULL;
  GOptionEntry entries[] = {
    { "host", 0, 0, G_OPTION_ARG_STRING, &host, N_("The device name to record (default: this machine's host name)"), N_("NAME") },
    { NULL }
  };
  g_auto(Options) options = { 0 };
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonImportSummary summary = { 0 };
  int status = STATUS_OK;

  if (!parse_options (command, entries, &options, &argc, &argv, &status))
    return status;

  if (host != NULL && *g_strstrip (host) == '\0')
    return usage_error (_("%s: %s is empty"), command->name, "--host");

  if ((store = open_store (&status)) == NULL)
    return status;

  if (!liaison_import_this_host (store, host != NULL ? host : g_get_host_name (), &summary, &error))
    return fail (error);

  print_summary (&summary);
  return finish_stdout (STATUS_OK);
}

/* stats */

/* IP:PORT/PROTO, the IP of an IPv6 listener in brackets: 10.0.0.5:443/tcp, [::1]:443/tcp. */
static gboolean
parse_listener (const char        *text,
                LiaisonStatFilter *filter,
                char             **ip_out,
                int               *status)
{
  g_autofree char *ip_text = NULL;
  const char *slash = strrchr (text, '/');
  const char *colon;
  LiaisonAddress address;
  LiaisonProtocol protocol;
  guint64 port;
  g_autofree char *port_text = NULL;

  if (slash == NULL)
    goto bad;
  if (!liaison_protocol_from_string (slash + 1, &protocol))
    goto bad;

  if (text[0] == '[')
    {
      const char *close = strchr (text, ']');

      if (close == NULL || close > slash || close[1] != ':')
        goto bad;
      ip_text = g_strndup (text + 1, close - text - 1);
      colon = close + 1;
    }
  else
    {
      colon = memchr (text, ':', slash - text);
      if (colon == NULL || memchr (colon + 1, ':', slash - colon - 1) != NULL)
        goto bad;
      ip_text = g_strndup (text, colon - text);
    }

  port_text = g_strndup (colon + 1, slash - colon - 1);
  if (!liaison_address_parse (ip_text, -1, &address) ||
      !g_ascii_string_to_unsigned (port_text, 10, 1, 65535, &port, NULL))
    goto bad;

  *ip_out = liaison_address_dup_string (&address);
  filter->listener_ip = *ip_out;
  filter->port = (guint) port;
  filter->protocol = liaison_protocol_to_string (protocol);
  return TRUE;

bad:
  *status = usage_error (_("stats: --listener: “%s” is not IP:PORT/PROTO "
                           "(for example 10.0.0.5:443/tcp or [::1]:443/tcp)"), text);
  return FALSE;
}

static void
format_ratio (char   *buf,
              gsize   size,
              double  scale,
              gint64  numerator,
              gint64  denominator)
{
  gsize len;

  if (denominator <= 0)
    {
      g_strlcpy (buf, "-", size);
      return;
    }
  g_ascii_formatd (buf, size, "%.3f", scale * (double) numerator / (double) denominator);
  len = strlen (buf);
  while (len > 2 && buf[len - 1] == '0' && buf[len - 2] != '.')
    buf[--len] = '\0';
}

static const char *
time_text (LiaisonTime  time,
           char         buf[LIAISON_TIME_STRLEN])
{
  if (time == LIAISON_TIME_NONE)
    return "-";
  liaison_time_to_string (time, buf);
  return buf;
}

static const char *
duration_text (gint64 ms,
               char   buf[LIAISON_TIME_STRLEN])
{
  liaison_duration_to_string (ms, buf);
  return buf;
}

/* ngettext() for a count of gint64. */
static gulong
plural_n (gint64 n)
{
  return n < 0 ? 0 : (guint64) n > G_MAXULONG ? G_MAXULONG : (gulong) n;
}

typedef struct
{
  guint count;
} TextStats;

static gboolean
print_stat_text (const LiaisonStatRecord  *record,
                 gpointer                  user_data,
                 GError                  **error)
{
  TextStats *stats = user_data;
  g_autofree char *listener_device = record->listener_device ? printable (record->listener_device) : NULL;
  g_autofree char *client_device = record->client_device ? printable (record->client_device) : NULL;
  gboolean v6 = strchr (record->listener_ip, ':') != NULL;
  char a[LIAISON_TIME_STRLEN], b[LIAISON_TIME_STRLEN], c[LIAISON_TIME_STRLEN];
  char r1[G_ASCII_DTOSTR_BUF_SIZE], r2[G_ASCII_DTOSTR_BUF_SIZE];

  if (stats->count++ > 0)
    putchar ('\n');

  printf ("%s%s%s:%u/%s <- %s\n", v6 ? "[" : "", record->listener_ip, v6 ? "]" : "",
          record->port, record->protocol, record->client_ip);
  /* Translators: the labels of the two device lines of `liaison-cli stats`;
   * pad them with spaces so that their values line up. */
  printf ("  ");
  printf (_("listener device: %s"), listener_device != NULL ? listener_device : "-");
  printf ("\n  ");
  printf (_("client device:   %s"), client_device != NULL ? client_device : "-");
  putchar ('\n');

  /* The lines after the first of each part are indented by 11 spaces, the
   * width of “  netstat: ”. */
  if (!record->has_netstat)
    printf ("  %s\n", _("netstat: none"));
  else
    {
      format_ratio (r1, sizeof r1, 1.0, record->ns_total_ports, record->ns_active_samples);
      format_ratio (r2, sizeof r2, 100.0, record->ns_active_samples, record->ns_total_samples);
      printf ("  ");
      printf (_("netstat: %lld of %lld samples active, persistence %s %%"),
              (long long) record->ns_active_samples, (long long) record->ns_total_samples, r2);
      printf ("\n           ");
      printf (ngettext ("%lld client port, average %s client connections (weight %s)",
                        "%lld client ports, average %s client connections (weight %s)",
                        plural_n (record->ns_total_ports)),
              (long long) record->ns_total_ports, r1, r1);
      printf ("\n           ");
      printf (_("found %s to %s"),
              time_text (record->ns_first_found, a), time_text (record->ns_last_found, b));
      putchar ('\n');
    }

  if (!record->has_netflow)
    printf ("  %s\n", _("netflow: none"));
  else
    {
      g_autofree char *samples = NULL;
      g_autofree char *events = NULL;

      format_ratio (r1, sizeof r1, 1.0, record->nf_total_ports, record->nf_active_samples);
      samples = g_strdup_printf (ngettext ("netflow: %lld active sample of %u s",
                                           "netflow: %lld active samples of %u s",
                                           plural_n (record->nf_active_samples)),
                                 (long long) record->nf_active_samples, record->nf_interval);
      events = g_strdup_printf (ngettext ("%lld event", "%lld events", plural_n (record->nf_total_events)),
                                (long long) record->nf_total_events);
      /* Translators: “netflow: 3 active samples of 300 s”, then “12 events”. */
      printf ("  ");
      printf (_("%s, %s"), samples, events);
      printf ("\n           ");
      printf (ngettext ("%lld client port, average %s client connections",
                        "%lld client ports, average %s client connections",
                        plural_n (record->nf_total_ports)),
              (long long) record->nf_total_ports, r1);
      printf ("\n           ");
      printf (_("found %s to %s"),
              time_text (record->nf_first_found, a), time_text (record->nf_last_found, b));
      printf ("\n           ");
      printf (_("active span %s s, gap span %s s, pending %s s"),
              duration_text (record->nf_active_ms, a), duration_text (record->nf_gap_ms, b),
              duration_text (record->nf_pending_ms, c));
      putchar ('\n');
      for (guint i = 0; record->nf_gaps != NULL && i < record->nf_gaps->len; i++)
        {
          const LiaisonGap *gap = &g_array_index (record->nf_gaps, LiaisonGap, i);

          printf ("           ");
          printf (_("gap %s to %s"), time_text (gap->from, a), time_text (gap->to, b));
          putchar ('\n');
        }
    }

  if (ferror (stdout))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("cannot write to standard output: %s"), g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

/* The `statistics` array of the export document, re-indented as a
 * document of its own: the same objects, byte for byte. Strings in the
 * document never hold a raw newline, so the markers below are unique. */
static gboolean
print_stats_json (LiaisonStore             *store,
                  const LiaisonStatFilter  *filter,
                  GError                  **error)
{
  static const char open_marker[] = "\n  \"statistics\": [";
  static const char close_marker[] = ",\n  \"classic_statistics\": [";
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GString) out = NULL;
  const char *doc, *start, *end;

  if (!liaison_export_statistics (store, filter, 0, memory, NULL, error) ||
      !g_output_stream_write_all (memory, "", 1, NULL, NULL, error) ||
      !g_output_stream_close (memory, NULL, error))
    return FALSE;

  doc = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory));
  start = strstr (doc, open_marker);
  end = strstr (doc, close_marker);
  if (start == NULL || end == NULL || end < start)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("the statistics document does not have its expected layout"));
      return FALSE;
    }
  start += strlen (open_marker) - 1;    /* at the '[' */

  out = g_string_sized_new (end - start + 2);
  for (const char *p = start; p < end;)
    {
      const char *eol = memchr (p, '\n', end - p);
      const char *stop = eol != NULL ? eol + 1 : end;

      if (p != start && stop - p >= 2 && p[0] == ' ' && p[1] == ' ')
        p += 2;
      g_string_append_len (out, p, stop - p);
      p = stop;
    }
  g_string_append_c (out, '\n');
  fwrite (out->str, 1, out->len, stdout);
  return TRUE;
}

static int
command_stats (const Command  *command,
               int            argc,
               char         **argv)
{
  g_autofree char *listener = NULL;
  g_autofree char *listener_ip = NULL;
  GOptionEntry entries[] = {
    { "listener", 0, 0, G_OPTION_ARG_STRING, &listener, N_("Only the records of one listener"), "IP:PORT/PROTO" },
    { NULL }
  };
  g_auto(Options) options = { 0 };
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonStatFilter filter = { 0 };
  int status = STATUS_OK;

  if (!parse_options (command, entries, &options, &argc, &argv, &status))
    return status;

  if (listener != NULL && !parse_listener (listener, &filter, &listener_ip, &status))
    return status;

  if ((store = open_store (&status)) == NULL)
    return status;

  if (options.format == FORMAT_JSON)
    {
      if (!print_stats_json (store, &filter, &error))
        return finish_stdout (fail (error));
    }
  else
    {
      TextStats stats = { 0 };

      if (!liaison_statistics_foreach_record (store, &filter, print_stat_text, &stats, &error))
        return finish_stdout (fail (error));
    }

  return finish_stdout (STATUS_OK);
}

/* export-stats */

typedef struct
{
  LiaisonStore *store;
  LiaisonTime   exported_at;
} ExportJob;

static gboolean
write_export (GOutputStream  *stream,
              gpointer        user_data,
              GCancellable   *cancellable,
              GError        **error)
{
  ExportJob *job = user_data;

  return liaison_export_statistics (job->store, NULL, job->exported_at, stream, cancellable, error);
}

static int
command_export_stats (const Command  *command,
                      int            argc,
                      char         **argv)
{
  g_auto(Options) options = { 0 };
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status = STATUS_OK;
  LiaisonTime now;

  if (!parse_options (command, NULL, &options, &argc, &argv, &status))
    return status;

  if ((store = open_store (&status)) == NULL)
    return status;

  /* Whole seconds: the document says when, not how long it took. */
  now = liaison_time_now ();
  now -= now % 1000;

  if (options.output != NULL)
    {
      ExportJob job = { store, now };

      if (!liaison_output_file_write (options.output, write_export, &job, NULL, &error))
        return fail (error);
      return STATUS_OK;
    }
  else
    {
      g_autoptr(GOutputStream) stream = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

      fflush (stdout);
      if (!liaison_export_statistics (store, NULL, now, stream, NULL, &error))
        {
          if (error->domain == LIAISON_ERROR)
            return fail (error);
          print_error (_("cannot write to standard output: %s"), error->message);
          return STATUS_FAILURE;
        }
      return STATUS_OK;
    }
}

static const Formats stats_formats = {
  FORMAT_TEXT | FORMAT_JSON, FORMAT_TEXT,
  N_("text (default) or json"), N_("text or json"),
};

static const Command commands[] = {
  {
    .name = "add",
    .summary = N_("Adds a service communication and prints its id."),
    .run = command_add,
  },
  {
    .name = "edit",
    .parameters = N_("ID"),
    .summary = N_("Changes the given fields of one service communication."),
    .run = command_edit,
  },
  {
    .name = "delete",
    .parameters = N_("ID..."),
    .summary = N_("Deletes service communications and their classic statistics."),
    .run = command_delete,
  },
  {
    .name = "list",
    .summary = N_("Lists service communications."),
    .formats = &list_formats,
    .run = command_list,
  },
  {
    .name = "import-netstat",
    .parameters = N_("FILE..."),
    .summary = N_("Imports netstat samples (format detected from the content; '-' reads stdin)."),
    .options = OPTION_LOCAL_TIME,
    .run = command_import_netstat,
  },
  {
    .name = "sample-host",
    .summary = N_("Takes a netstat sample of this machine now."),
    .run = command_sample_host,
  },
  {
    .name = "import-netflow",
    .parameters = N_("FILE..."),
    .summary = N_("Imports netflow samples, one sample per file ('-' reads stdin)."),
    .options = OPTION_LOCAL_TIME,
    .run = command_import_netflow,
  },
  {
    .name = "stats",
    .summary = N_("Shows statistics records."),
    .formats = &stats_formats,
    .run = command_stats,
  },
  {
    .name = "export-stats",
    .summary = N_("Writes all statistics as JSON."),
    .options = OPTION_OUTPUT,
    .run = command_export_stats,
  },
};

int
main (int    argc,
      char **argv)
{
  const char *localedir;
  int i;

  /* $LIAISON_LOCALEDIR: the translations of an uninstalled build (tests). */
  localedir = g_getenv ("LIAISON_LOCALEDIR");
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("liaison-cli");

  for (i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--database"))
        {
          if (i + 1 >= argc)
            return usage_error (_("--database needs a FILE"));
          database_path = argv[++i];
        }
      else if (g_str_has_prefix (arg, "--database="))
        database_path = arg + strlen ("--database=");
      else if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        {
          fputs (_(global_usage), stdout);
          return finish_stdout (STATUS_OK);
        }
      else if (g_str_equal (arg, "--version"))
        {
          puts ("liaison-cli " PACKAGE_VERSION);
          return finish_stdout (STATUS_OK);
        }
      else if (arg[0] == '-')
        return usage_error (_("unknown option “%s” (see “liaison-cli --help”)"), arg);
      else
        break;
    }

  if (database_path != NULL && *database_path == '\0')
    return usage_error (_("--database needs a FILE"));

  if (i >= argc)
    return usage_error (_("a command is required (see “liaison-cli --help”)"));

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    if (g_str_equal (argv[i], commands[c].name))
      return commands[c].run (&commands[c], argc - i, argv + i);

  return usage_error (_("unknown command “%s” (see “liaison-cli --help”)"), argv[i]);
}
