/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-netstat-parser"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-netstat-parser-private.h"
#include "liaison-netstat-private.h"
#include "liaison-text-decode.h"

/* statistics.md sections 3.1 and 3.2.
 *
 * The bytes are made UTF-8 first (liaison-text-decode.c), the format is told
 * from the content (liaison-netstat-detect.c), then the format's room reads
 * the text in place, one line at a time: a line is split into fields that
 * point into the text, so a row costs no allocation but its process name. */

static void
clear_socket (gpointer data)
{
  LiaisonSocket *socket = data;

  g_clear_pointer (&socket->process, g_free);
}

static void
parser_init (NetstatParser       *self,
             const char          *file_name,
             LiaisonNetstatTable *table)
{
  memset (self, 0, sizeof *self);
  self->file_name = file_name;
  self->table = table;
  self->proc_protocol = LIAISON_PROTOCOL_TCP;
  self->tool = "netstat -n";
  self->bsd_pid_column = -1;
}

static void
parser_clear (NetstatParser *self)
{
  if (self->scratch != NULL)
    g_string_free (self->scratch, TRUE);
  g_clear_pointer (&self->service, g_free);
  g_clear_pointer (&self->lsof_seen, g_free);
}

static NetstatLineFunc
line_func_of (LiaisonNetstatFormat format)
{
  switch (format)
    {
    case LIAISON_NETSTAT_FORMAT_SS:
      return netstat_ss_line;
    case LIAISON_NETSTAT_FORMAT_NET_TOOLS:
      return netstat_net_tools_line;
    case LIAISON_NETSTAT_FORMAT_WINDOWS:
      return netstat_windows_line;
    case LIAISON_NETSTAT_FORMAT_BSD:
      return netstat_bsd_line;
    case LIAISON_NETSTAT_FORMAT_LSOF:
      return netstat_lsof_line;
    case LIAISON_NETSTAT_FORMAT_PROC:
    case LIAISON_NETSTAT_FORMAT_THIS_HOST:
    case LIAISON_NETSTAT_FORMAT_POWERSHELL_CSV:
    case LIAISON_NETSTAT_FORMAT_POWERSHELL_JSON:
    default:
      return netstat_proc_line;
    }
}

static const char *
tool_of (LiaisonNetstatFormat format)
{
  switch (format)
    {
    case LIAISON_NETSTAT_FORMAT_SS:
      return "ss -n";
    case LIAISON_NETSTAT_FORMAT_LSOF:
      return "lsof -n -P";
    default:
      return "netstat -n";
    }
}

/* A line that is not UTF-8 in a table that may have such lines: net-tools
 * cuts its PID/Program name column after 19 bytes, in the middle of a
 * character as often as not ("7211/接続テス\xE3\x83"). The part of a
 * character that ends such a name is dropped; any other byte that is not
 * UTF-8 is an error. */
static gboolean
repair_line (NetstatParser  *self,
             const char    **line,
             gsize          *len,
             GError        **error)
{
  const char *p = *line;
  const char *end = *line + *len;
  const char *bad = NULL;

  if (self->table->format != LIAISON_NETSTAT_FORMAT_NET_TOOLS)
    goto not_utf8;

  if (self->scratch == NULL)
    self->scratch = g_string_new (NULL);
  g_string_truncate (self->scratch, 0);

  while (!g_utf8_validate_len (p, end - p, &bad))
    {
      guint8 lead = (guint8) *bad;
      gsize need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
      gsize have = 1;
      const char *token = bad;

      while (have < need && bad + have < end && ((guint8) bad[have] & 0xC0) == 0x80)
        have++;
      while (token > *line && !is_space (token[-1]))
        token--;
      if (need == 0 || have >= need || (bad + have < end && !is_space (bad[have])) ||
          memchr (token, '/', bad - token) == NULL)
        goto not_utf8;

      g_string_append_len (self->scratch, p, bad - p);
      p = bad + have;
    }
  g_string_append_len (self->scratch, p, end - p);
  *line = self->scratch->str;
  *len = self->scratch->len;
  return TRUE;

not_utf8:
  g_utf8_validate_len (*line, *len, &bad);
  return netstat_fail (self, error, _("the text is not UTF-8 (byte 0x%02X): convert it to UTF-8 first, "
                                      "for example with iconv"),
                       (guint8) *bad);
}

static gboolean
read_lines (NetstatParser    *self,
            NetstatLineFunc   parse_line,
            const char       *text,
            gsize             length,
            GError          **error)
{
  const char *p = text;
  const char *end = text + length;

  while (p < end && !self->done)
    {
      const char *newline = memchr (p, '\n', end - p);
      const char *line = p;
      gsize len = (newline != NULL ? newline : end) - p;
      gsize i;

      p = newline != NULL ? newline + 1 : end;
      self->line++;

      if (len > 0 && line[len - 1] == '\r')
        len--;

      if (len > NETSTAT_MAX_LINE_LENGTH)
        return netstat_fail (self, error, _("line too long (%zu bytes)"), (size_t) len);

      if (!self->text_is_utf8 && !g_utf8_validate_len (line, len, NULL) &&
          !repair_line (self, &line, &len, error))
        return FALSE;

      for (i = 0; i < len && is_space (line[i]); i++)
        ;
      if (i == len)
        continue;

      if (!parse_line (self, line, len, error))
        return FALSE;
    }

  return TRUE;
}

/* @text is UTF-8 when @utf8 (else it may have net-tools' cut names). */
static LiaisonNetstatTable *
parse_text (const char  *file_name,
            const char  *text,
            gsize        length,
            gboolean     utf8,
            GError     **error)
{
  g_autoptr(LiaisonNetstatTable) table = NULL;
  NetstatParser self;
  LiaisonNetstatFormat format;
  guint first_line = 0;
  gboolean ok;

  if (!netstat_detect (text, length, &format, &first_line))
    {
      if (first_line == 0)
        g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                     _("%s: empty file, not a socket table"), file_name);
      else
        liaison_error_set_line (error, file_name, first_line,
                                _("not a socket table that Liaison reads: ss, netstat (Linux, Windows, "
                                  "BSD, macOS), PowerShell Get-NetTCPConnection or Get-NetUDPEndpoint "
                                  "(Export-Csv, ConvertTo-Json), lsof -i or /proc/net"));
      return NULL;
    }

  /* about a row in 100 bytes: fewer reallocations of a big table */
  table = liaison_netstat_table_new (MIN (length / 100, 1 << 22));
  table->format = format;

  parser_init (&self, file_name, table);
  self.text_is_utf8 = utf8;
  self.tool = tool_of (format);

  if (format == LIAISON_NETSTAT_FORMAT_POWERSHELL_CSV)
    ok = netstat_read_powershell_csv (&self, text, length, error);
  else if (format == LIAISON_NETSTAT_FORMAT_POWERSHELL_JSON)
    ok = netstat_read_powershell_json (&self, text, length, error);
  else
    ok = read_lines (&self, line_func_of (format), text, length, error);

  parser_clear (&self);
  return ok ? g_steal_pointer (&table) : NULL;
}

/* Text in a code page. Windows writes its console's (CP850 for Western
 * Europe, which reads CP437's letters the same) when cmd.exe redirects
 * netstat, and the ANSI code page (Windows-1252) when PowerShell writes a
 * file with -Encoding Default; the bytes choose, and if the table does not
 * read in one, the other is tried. Other formats come from machines that
 * write UTF-8, and are not guessed at; net-tools' names cut in the middle of
 * a character are not text in a code page (repair_line()). */
static LiaisonNetstatTable *
parse_code_page (const char   *file_name,
                 LiaisonText  *text,
                 GError      **error)
{
  LiaisonNetstatFormat format;
  LiaisonTextEncoding preferred;
  LiaisonTextEncoding candidates[2];
  g_autoptr(GError) first_error = NULL;
  guint first_line = 0;

  if (!netstat_detect (text->text, text->length, &format, &first_line) ||
      format == LIAISON_NETSTAT_FORMAT_NET_TOOLS)
    return parse_text (file_name, text->text, text->length, FALSE, error);

  if (format != LIAISON_NETSTAT_FORMAT_WINDOWS &&
      format != LIAISON_NETSTAT_FORMAT_POWERSHELL_CSV &&
      format != LIAISON_NETSTAT_FORMAT_POWERSHELL_JSON)
    {
      liaison_error_set_line (error, file_name, text->line,
                              _("the text is not UTF-8 (byte 0x%02X): convert it to UTF-8 first, "
                                "for example with iconv"),
                              text->byte);
      return NULL;
    }

  preferred = format == LIAISON_NETSTAT_FORMAT_WINDOWS ? LIAISON_TEXT_CP850 : LIAISON_TEXT_WINDOWS_1252;
  candidates[0] = liaison_text_guess_code_page (text->text, text->length, preferred);
  candidates[1] = candidates[0] == LIAISON_TEXT_CP850 ? LIAISON_TEXT_WINDOWS_1252 : LIAISON_TEXT_CP850;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      LiaisonText decoded = { 0 };
      LiaisonNetstatTable *table;
      g_autoptr(GError) local_error = NULL;

      liaison_text_from_code_page (&decoded, text->text, text->length, candidates[i]);
      table = parse_text (file_name, decoded.text, decoded.length, TRUE, &local_error);
      liaison_text_clear (&decoded);
      if (table != NULL)
        return table;
      if (first_error == NULL)
        first_error = g_steal_pointer (&local_error);
    }

  g_propagate_error (error, g_steal_pointer (&first_error));
  return NULL;
}

/* Why data that is not text, or not text this reads, is no socket table. */
static const char *
not_a_table (LiaisonTextStatus status)
{
  if (status == LIAISON_TEXT_GZIP)
    return _("gzip-compressed data, not a socket table: decompress it first");
  if (status == LIAISON_TEXT_ZIP)
    return _("a zip archive, not a socket table: unpack it first");
  if (status == LIAISON_TEXT_UTF32)
    return _("UTF-32 text: save it as UTF-8 or UTF-16 first");
  return _("binary data, not a socket table");
}

/**
 * liaison_netstat_parse:
 * @file_name: the name of the file, for messages
 * @data: the contents of the file
 * @length: the length of @data
 * @error: return location for a #LIAISON_ERROR_INVALID error
 *
 * Reads a socket table (statistics.md 3.1): `ss`, net-tools `netstat`,
 * Windows `netstat -ano`/`-anob`, PowerShell `Get-NetTCPConnection` and
 * `Get-NetUDPEndpoint` as CSV or JSON, BSD and macOS `netstat -an`/`-anv`,
 * `lsof -i -n -P`, or the text of `/proc/net/tcp`, `tcp6`, `udp`, `udp6`
 * (several concatenated); in any language, as UTF-8 (with or without a
 * byte-order mark), UTF-16 or a Windows console's code page. The format is
 * told from the content.
 *
 * Returns: (transfer full): the table, or %NULL with @error set
 */
LiaisonNetstatTable *
liaison_netstat_parse (const char  *file_name,
                       const char  *data,
                       gsize        length,
                       GError     **error)
{
  LiaisonText text;
  LiaisonNetstatTable *table = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data == NULL)
    data = "";
  if (file_name == NULL)
    file_name = "(input)";

  liaison_text_decode (data, length, &text);

  switch (text.status)
    {
    case LIAISON_TEXT_OK:
      table = parse_text (file_name, text.text, text.length, TRUE, error);
      break;
    case LIAISON_TEXT_NOT_UTF8:
      table = parse_code_page (file_name, &text, error);
      break;
    default:
      liaison_error_set_line (error, file_name, text.line, "%s", not_a_table (text.status));
      break;
    }

  liaison_text_clear (&text);
  return table;
}

/**
 * liaison_netstat_sniff:
 * @data: the start of a file (a few kilobytes are enough)
 * @length: its length
 *
 * Returns: whether @data begins a socket table of a format
 *   liaison_netstat_parse() reads, in any of its encodings
 */
gboolean
liaison_netstat_sniff (const char *data,
                       gsize       length)
{
  LiaisonText text;
  LiaisonNetstatFormat format;
  guint line;
  gboolean found;

  liaison_text_decode (data, length, &text);
  found = (text.status == LIAISON_TEXT_OK || text.status == LIAISON_TEXT_NOT_UTF8 ||
           text.status == LIAISON_TEXT_BAD_UTF16) &&
          netstat_detect (text.text, text.length, &format, &line);
  liaison_text_clear (&text);
  return found;
}

/* An empty table with room for @reserved sockets, whose array frees the
 * sockets' processes. */
LiaisonNetstatTable *
liaison_netstat_table_new (guint reserved)
{
  LiaisonNetstatTable *table = g_new0 (LiaisonNetstatTable, 1);

  table->sockets = g_array_sized_new (FALSE, FALSE, sizeof (LiaisonSocket), reserved);
  g_array_set_clear_func (table->sockets, clear_socket);
  return table;
}

void
liaison_netstat_table_free (LiaisonNetstatTable *table)
{
  if (table == NULL)
    return;

  g_clear_pointer (&table->sockets, g_array_unref);
  g_free (table);
}
