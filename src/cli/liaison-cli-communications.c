/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>

#include "liaison-cli-private.h"
#include "liaison-communication.h"
#include "liaison-csv.h"
#include "liaison-json.h"
#include "liaison-store-communications.h"
#include "liaison-typed-offset-private.h"

/* add, edit, delete and list: the service communications themselves. */

/* How many service communications `list` reads from the store at a time. */
#define LIST_CHUNK 256

/* An id as typed: a positive integer. */
static gboolean
parse_id (const char *command,
          const char *text,
          gint64     *out,
          int        *status)
{
  if (g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, out, NULL))
    return TRUE;
  return liaison_cli_stop_usage (status, _("%s: “%s” is not the id of a service communication"),
                                 command, text);
}

/* add and edit */

/* Where a field's value goes in LiaisonCommunicationInput. */
#define INPUT_MEMBER(member) LIAISON_TYPED_OFFSET (LiaisonCommunicationInput, member, const char *)

/* The fields add and edit take, each with the member of
 * LiaisonCommunicationInput it fills. */
static const struct
{
  const char    *option;
  gsize          input_offset;
  LiaisonColumn  column;
  gboolean       required;          /* by add */
  const char    *description;
  const char    *arg_description;
} known_fields[] = {
  { "--client-ip", INPUT_MEMBER (client_ip), LIAISON_COLUMN_CLIENT_IP, TRUE,
    N_("The client's IP address"), N_("IP") },
  { "--listener-ip", INPUT_MEMBER (listener_ip), LIAISON_COLUMN_LISTENER_IP, TRUE,
    N_("The listener's IP address"), N_("IP") },
  { "--port", INPUT_MEMBER (port), LIAISON_COLUMN_PORT, TRUE,
    N_("The listener's port, 1 to 65535"), N_("N") },
  { "--protocol", INPUT_MEMBER (protocol), LIAISON_COLUMN_PROTOCOL, TRUE,
    N_("tcp or udp"), N_("PROTO") },
  { "--client-device", INPUT_MEMBER (client_device), LIAISON_COLUMN_CLIENT_DEVICE, FALSE,
    N_("The client's device name"), N_("NAME") },
  { "--listener-device", INPUT_MEMBER (listener_device), LIAISON_COLUMN_LISTENER_DEVICE, FALSE,
    N_("The listener's device name"), N_("NAME") },
  { "--client-process-name", INPUT_MEMBER (client_process_name), LIAISON_COLUMN_CLIENT_PROCESS_NAME, FALSE,
    N_("The client process's name"), N_("NAME") },
  { "--client-process-display-name", INPUT_MEMBER (client_process_display_name),
    LIAISON_COLUMN_CLIENT_PROCESS_DISPLAY_NAME, FALSE,
    N_("A name to show for the client process"), N_("TEXT") },
};

/* As many rows as LiaisonCommunicationInput has members. */
G_STATIC_ASSERT (sizeof (LiaisonCommunicationInput) == G_N_ELEMENTS (known_fields) * sizeof (const char *));

/* What the options gave of each of known_fields, or NULL. */
typedef struct
{
  char *values[G_N_ELEMENTS (known_fields)];
} FieldOptions;

static void
field_options_clear (FieldOptions *fields)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields->values); i++)
    g_free (fields->values[i]);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FieldOptions, field_options_clear)

/* Checks each given field with the core's rules before the database is
 * touched, and names the option in the message. */
static gboolean
validate_fields (const FieldOptions *fields,
                 int                *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_fields); i++)
    {
      g_autoptr(GError) error = NULL;

      if (fields->values[i] == NULL)
        continue;
      if (!liaison_communication_validate_field (known_fields[i].column, fields->values[i], &error))
        return liaison_cli_stop_usage (status, "%s: %s", known_fields[i].option, error->message);
    }
  return TRUE;
}

/* Whether the options gave any field. */
static gboolean
fields_given (const FieldOptions *fields)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields->values); i++)
    if (fields->values[i] != NULL)
      return TRUE;
  return FALSE;
}

/* Parses the options of add and edit into @fields. */
static gboolean
parse_fields (const LiaisonCliCommand   *command,
              FieldOptions              *fields,
              int                       *argc,
              char                    ***argv,
              int                       *status)
{
  GOptionEntry entries[G_N_ELEMENTS (known_fields) + 1] = { { NULL } };
  g_auto(LiaisonCliOptions) options = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (known_fields); i++)
    entries[i] = (GOptionEntry) { known_fields[i].option + strlen ("--"), 0, 0, G_OPTION_ARG_STRING,
                                  &fields->values[i], known_fields[i].description,
                                  known_fields[i].arg_description };
  return liaison_cli_parse_options (command, entries, &options, argc, argv, status);
}

/* Checks @fields, fills @input from them and opens the store; NULL (and
 * @status) when the command must stop. */
static LiaisonStore *
open_store_for_fields (const FieldOptions        *fields,
                       LiaisonCommunicationInput *input,
                       int                       *status)
{
  if (!validate_fields (fields, status))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (known_fields); i++)
    G_STRUCT_MEMBER (const char *, input, known_fields[i].input_offset) = fields->values[i];
  return liaison_cli_open_store_to_write (status);
}

static int
command_add (const LiaisonCliCommand  *command,
             int                       argc,
             char                    **argv)
{
  g_auto(FieldOptions) fields = { 0 };
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonCommunicationInput input = { 0 };
  int status = LIAISON_CLI_STATUS_OK;
  gint64 id;

  if (!parse_fields (command, &fields, &argc, &argv, &status))
    return status;

  for (guint i = 0; i < G_N_ELEMENTS (known_fields); i++)
    if (known_fields[i].required && fields.values[i] == NULL)
      return liaison_cli_usage_error (_("%s: %s is required"), command->name, known_fields[i].option);

  if ((store = open_store_for_fields (&fields, &input, &status)) == NULL)
    return status;

  id = liaison_store_add_communication (store, &input, &error);
  if (id <= 0)
    return liaison_cli_fail (error);

  printf ("%" G_GINT64_FORMAT "\n", id);
  return liaison_cli_finish_stdout (LIAISON_CLI_STATUS_OK);
}

static int
command_edit (const LiaisonCliCommand  *command,
              int                       argc,
              char                    **argv)
{
  g_auto(FieldOptions) fields = { 0 };
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonCommunicationInput input = { 0 };
  int status = LIAISON_CLI_STATUS_OK;
  gint64 id;

  if (!parse_fields (command, &fields, &argc, &argv, &status))
    return status;

  if (argc < 2)
    return liaison_cli_usage_error (_("%s: the id of a service communication is required"), command->name);
  if (argc > 2)
    return liaison_cli_usage_error (_("%s: unexpected argument “%s”"), command->name, argv[2]);
  if (!parse_id (command->name, argv[1], &id, &status))
    return status;

  if (!fields_given (&fields))
    return liaison_cli_usage_error (_("%s: nothing to change (give at least one option of add)"),
                                    command->name);

  if ((store = open_store_for_fields (&fields, &input, &status)) == NULL)
    return status;

  if (!liaison_store_edit_communication (store, id, &input, &error))
    return liaison_cli_fail (error);

  return LIAISON_CLI_STATUS_OK;
}

static int
command_delete (const LiaisonCliCommand  *command,
                int                       argc,
                char                    **argv)
{
  g_auto(LiaisonCliOptions) options = { 0 };
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(LiaisonDeletion) deletion = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  int status = LIAISON_CLI_STATUS_OK;

  if (!liaison_cli_parse_options (command, NULL, &options, &argc, &argv, &status))
    return status;

  if (argc < 2)
    return liaison_cli_usage_error (_("%s: the id of at least one service communication is required"),
                                    command->name);

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), argc - 1);
  for (int i = 1; i < argc; i++)
    {
      gint64 id;

      if (!parse_id (command->name, argv[i], &id, &status))
        return status;
      g_array_append_val (ids, id);
    }

  if ((store = liaison_cli_open_store_to_write (&status)) == NULL)
    return status;

  if (!liaison_store_delete_communications (store, (const gint64 *) ids->data, ids->len,
                                            &deletion, &error))
    return liaison_cli_fail (error);

  return LIAISON_CLI_STATUS_OK;
}

/* list */

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
        return liaison_cli_stop_usage (status, _("list: --sort: unknown order “%s” in “%s” (asc or desc)"),
                                       colon + 1, text);
    }

  if (!liaison_column_from_string (name, &query->sort))
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < LIAISON_N_COLUMNS; i++)
        g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", liaison_column_to_string (i));
      return liaison_cli_stop_usage (status, _("list: --sort: unknown column “%s” (columns: %s)"),
                                     name, names->str);
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
      g_autofree char *shown = text != NULL ? liaison_cli_printable (text) : NULL;

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

      cells[c] = text != NULL ? liaison_cli_printable (text) : g_strdup ("-");
    }
  print_text_cells ((const char * const *) cells, widths);
  for (guint c = 0; c < LIAISON_N_COLUMNS; c++)
    g_free (cells[c]);
  return TRUE;
}

/* One object per line, written by hand so that it is valid JSON for any
 * value (liaison_json_append_string()). */
static gboolean
print_json_row (LiaisonCommunication *communication,
                gpointer              user_data)
{
  guint *count = user_data;
  g_autoptr(GString) row = g_string_new ((*count)++ > 0 ? ",\n  {" : "\n  {");

  for (guint c = 0; c < LIAISON_N_COLUMNS; c++)
    {
      if (c > 0)
        g_string_append_c (row, ',');
      liaison_json_append_string (row, liaison_column_to_string (c));
      g_string_append_c (row, ':');
      if (c == LIAISON_COLUMN_ID)
        g_string_append_printf (row, "%" G_GINT64_FORMAT, liaison_communication_get_id (communication));
      else if (c == LIAISON_COLUMN_PORT)
        g_string_append_printf (row, "%u", liaison_communication_get_port (communication));
      else
        {
          g_autofree char *text = column_text (communication, c);

          liaison_json_append_string (row, text);
        }
    }
  g_string_append_c (row, '}');
  fwrite (row->str, 1, row->len, stdout);
  return TRUE;
}

static int
command_list (const LiaisonCliCommand  *command,
              int                       argc,
              char                    **argv)
{
  g_autofree char *search = NULL;
  g_autofree char *sort = NULL;
  gboolean raw = FALSE;
  GOptionEntry entries[] = {
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Only rows with TEXT in any text column"), N_("TEXT") },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort, N_("Sort by COLUMN (a csv header name), :desc for descending"), N_("COLUMN[:desc]") },
    { "raw", 0, 0, G_OPTION_ARG_NONE, &raw,
      N_("With csv: every cell as stored, with no ' before a formula"),
      NULL },
    { NULL }
  };
  g_auto(LiaisonCliOptions) options = { 0 };
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  LiaisonQuery query = { 0 };
  int status = LIAISON_CLI_STATUS_OK;

  if (!liaison_cli_parse_options (command, entries, &options, &argc, &argv, &status) ||
      !parse_sort (sort, &query, &status))
    return status;
  if (raw && options.format != LIAISON_CLI_FORMAT_CSV)
    return liaison_cli_usage_error (_("%s: --raw is for --format csv"), command->name);

  query.search = search;

  if ((store = liaison_cli_open_store (&status)) == NULL)
    return status;

  /* The ids and every page of rows from one state of the database, whatever
   * an import commits meanwhile; ended when the store is closed. */
  if (!liaison_store_begin_read (store, &error))
    return liaison_cli_fail (error);

  ids = liaison_store_query_ids (store, &query, &error);
  if (ids == NULL)
    return liaison_cli_fail (error);

  switch (options.format)
    {
    case LIAISON_CLI_FORMAT_TEXT:
      {
        gsize widths[LIAISON_N_COLUMNS];
        const char *header[LIAISON_N_COLUMNS];

        for (guint c = 0; c < LIAISON_N_COLUMNS; c++)
          {
            header[c] = liaison_column_to_string (c);
            widths[c] = strlen (header[c]);
          }
        if (!foreach_row (store, ids, measure_row, widths, &error))
          return liaison_cli_fail (error);
        print_text_cells (header, widths);
        if (!foreach_row (store, ids, print_text_row, widths, &error))
          return liaison_cli_finish_stdout (liaison_cli_fail (error));
      }
      break;

    case LIAISON_CLI_FORMAT_CSV:
      {
        g_autoptr(GOutputStream) stream = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

        if (fflush (stdout) != 0)
          return liaison_cli_finish_stdout (LIAISON_CLI_STATUS_FAILURE);
        if (!liaison_csv_write_full (store, (const gint64 *) (gpointer) ids->data, ids->len,
                                     raw ? LIAISON_CSV_RAW : LIAISON_CSV_NONE, stream, NULL, &error))
          return liaison_cli_fail_stream (error);
      }
      break;

    case LIAISON_CLI_FORMAT_JSON:
      {
        guint count = 0;

        putchar ('[');
        if (!foreach_row (store, ids, print_json_row, &count, &error))
          return liaison_cli_finish_stdout (liaison_cli_fail (error));
        fputs (count > 0 ? "\n]\n" : "]\n", stdout);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  return liaison_cli_finish_stdout (LIAISON_CLI_STATUS_OK);
}

static const LiaisonCliFormats list_formats = {
  .accepted = LIAISON_CLI_FORMAT_TEXT | LIAISON_CLI_FORMAT_CSV | LIAISON_CLI_FORMAT_JSON,
  .fallback = LIAISON_CLI_FORMAT_TEXT,
  .description = N_("text (default), csv or json"),
  .choices = N_("text, csv or json"),
};

const LiaisonCliCommand liaison_cli_communications_commands[] = {
  {
    .name = "add",
    /* Translators: its line in “liaison-cli --help”: keep the command and the column of the text. */
    .help = N_("  add             add a service communication; prints its id\n"),
    .summary = N_("Adds a service communication and prints its id."),
    .run = command_add,
  },
  {
    .name = "edit",
    /* Translators: its line in “liaison-cli --help”: keep the command and the column of the text. */
    .help = N_("  edit ID         change the given fields of one service communication\n"),
    .parameters = N_("ID"),
    .summary = N_("Changes the given fields of one service communication."),
    .run = command_edit,
  },
  {
    .name = "delete",
    /* Translators: its line in “liaison-cli --help”: keep the command and the column of the text. */
    .help = N_("  delete ID...    delete service communications (and their classic statistics)\n"),
    .parameters = N_("ID..."),
    .summary = N_("Deletes service communications and their classic statistics."),
    .run = command_delete,
  },
  {
    .name = "list",
    /* Translators: its line in “liaison-cli --help”: keep the command and the column of the text. */
    .help = N_("  list            list service communications\n"),
    .summary = N_("Lists service communications."),
    .formats = &list_formats,
    .run = command_list,
  },
  { NULL }
};
