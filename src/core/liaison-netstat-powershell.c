/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-netstat-parser"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-netstat-private.h"

/* Windows PowerShell's Get-NetTCPConnection and Get-NetUDPEndpoint, as
 * Export-Csv writes them (a `#TYPE` line or none, commas or -UseCulture's
 * semicolons, every value quoted or not) and as ConvertTo-Json does (an
 * array of objects, or one object). The properties are those of the
 * MSFT_NetTCPConnection and MSFT_NetUDPEndpoint classes: LocalAddress,
 * LocalPort, RemoteAddress, RemotePort, State (a name in CSV, a number in
 * JSON), OwningProcess (a PID, which names no process), and a ProcessName
 * the user may have added. A record without State or RemoteAddress is a UDP
 * endpoint. Both readers scan the text once, without a tree. */

typedef enum
{
  FIELD_LOCAL_ADDRESS,
  FIELD_LOCAL_PORT,
  FIELD_REMOTE_ADDRESS,
  FIELD_REMOTE_PORT,
  FIELD_STATE,
  FIELD_PROCESS_NAME,
  FIELD_CIM_CLASS,
  N_FIELDS
} Field;

static const char * const field_names[N_FIELDS] = {
  "LocalAddress", "LocalPort", "RemoteAddress", "RemotePort", "State", "ProcessName", "CimClass",
};

typedef struct
{
  Span     value[N_FIELDS];
  gboolean present[N_FIELDS];
  GString *decoded[N_FIELDS];     /* JSON strings with escapes */
} Record;

static gboolean
field_of (Span   name,
          Field *out)
{
  Field field;

  /* the names we read all differ in length: one comparison a name */
  switch (name.len)
    {
    case 12: field = FIELD_LOCAL_ADDRESS; break;
    case 9:  field = FIELD_LOCAL_PORT; break;
    case 13: field = FIELD_REMOTE_ADDRESS; break;
    case 10: field = FIELD_REMOTE_PORT; break;
    case 5:  field = FIELD_STATE; break;
    case 11: field = FIELD_PROCESS_NAME; break;
    case 8:  field = FIELD_CIM_CLASS; break;
    default: return FALSE;
    }
  if (memcmp (name.p, field_names[field], name.len) != 0)
    return FALSE;
  *out = field;
  return TRUE;
}

static gboolean
read_address (NetstatParser   *self,
              Span             text,
              LiaisonAddress  *out,
              GError         **error)
{
  const char *percent = memchr (text.p, '%', text.len);
  gsize len = percent != NULL ? (gsize) (percent - text.p) : text.len;

  if (!liaison_address_parse (text.p, len, out))
    return netstat_fail_value (self, error, _("“%s” is not an IP address"), text);
  return TRUE;
}

static gboolean
read_port (NetstatParser  *self,
           Span            text,
           guint          *out,
           GError        **error)
{
  if (!netstat_parse_uint (text, 65535, out))
    return netstat_fail_value (self, error, _("port “%s” is not between 1 and 65535"), text);
  return TRUE;
}

static gboolean
add_record (NetstatParser  *self,
            Record         *record,
            GError        **error)
{
  LiaisonAddress local;
  LiaisonAddress peer = { 0 };
  guint local_port;
  guint peer_port = 0;
  SocketState state = STATE_NONE;
  LiaisonProtocol protocol = LIAISON_PROTOCOL_TCP;
  Span process = { NULL, 0 };

  if (record->present[FIELD_CIM_CLASS] &&
      g_strstr_len (record->value[FIELD_CIM_CLASS].p, record->value[FIELD_CIM_CLASS].len, "UDP") != NULL)
    protocol = LIAISON_PROTOCOL_UDP;
  else if (!record->present[FIELD_STATE] && !record->present[FIELD_REMOTE_ADDRESS])
    protocol = LIAISON_PROTOCOL_UDP;

  if (!record->present[FIELD_LOCAL_ADDRESS] || !record->present[FIELD_LOCAL_PORT])
    return netstat_fail (self, error, _("a record without LocalAddress and LocalPort"));
  if (!read_address (self, record->value[FIELD_LOCAL_ADDRESS], &local, error) ||
      !read_port (self, record->value[FIELD_LOCAL_PORT], &local_port, error))
    return FALSE;

  if (protocol == LIAISON_PROTOCOL_TCP)
    {
      if (!netstat_lookup_state (STATE_WORDS_POWERSHELL, record->value[FIELD_STATE], &state))
        return netstat_fail_state (self, error, record->value[FIELD_STATE]);
      if (record->present[FIELD_REMOTE_ADDRESS] && record->value[FIELD_REMOTE_ADDRESS].len > 0 &&
          (!read_address (self, record->value[FIELD_REMOTE_ADDRESS], &peer, error) ||
           !read_port (self, record->value[FIELD_REMOTE_PORT], &peer_port, error)))
        return FALSE;
    }

  if (record->present[FIELD_PROCESS_NAME])
    process = netstat_trim (record->value[FIELD_PROCESS_NAME].p, record->value[FIELD_PROCESS_NAME].len);

  netstat_append_socket (self, &local, local_port, &peer, peer_port, protocol, state, process);
  return TRUE;
}

/* ------------------------------------------------------------------ CSV */

typedef struct
{
  const char *p;
  const char *end;
  guint       line;             /* of p */
} Cursor;

/* One field at @c; @value is the text between the quotes (a doubled quote
 * inside stays doubled: no property of ours has one). Returns FALSE at the
 * end of the record. */
static gboolean
csv_field (Cursor *c,
           char    separator,
           Span   *value,
           gboolean *last)
{
  const char *p = c->p;

  if (p < c->end && *p == '"')
    {
      const char *start = ++p;

      for (;;)
        {
          const char *quote = memchr (p, '"', c->end - p);

          if (quote == NULL)
            return FALSE;
          for (const char *q = memchr (p, '\n', quote - p); q != NULL; q = memchr (q + 1, '\n', quote - q - 1))
            c->line++;
          if (quote + 1 < c->end && quote[1] == '"')
            {
              p = quote + 2;
              continue;
            }
          *value = (Span) { start, quote - start };
          p = quote + 1;
          break;
        }
    }
  else
    {
      const char *start = p;

      while (p < c->end && *p != separator && *p != '\n' && *p != '\r')
        p++;
      *value = (Span) { start, p - start };
    }

  if (p < c->end && *p == separator)
    {
      c->p = p + 1;
      *last = FALSE;
      return TRUE;
    }
  while (p < c->end && *p == '\r')
    p++;
  if (p < c->end && *p != '\n')
    return FALSE;
  c->p = p < c->end ? p + 1 : p;
  *last = TRUE;
  return TRUE;
}

gboolean
netstat_read_powershell_csv (NetstatParser  *self,
                             const char     *text,
                             gsize           length,
                             GError        **error)
{
  Cursor c = { text, text + length, 1 };
  gint column[N_FIELDS];
  g_autofree gint8 *field_at = NULL;       /* per column: a Field, or -1 */
  guint n_columns = 0;
  guint wanted_last = 0;
  char separator = ',';
  gboolean have_header = FALSE;

  for (guint i = 0; i < N_FIELDS; i++)
    column[i] = -1;

  while (c.p < c.end)
    {
      const char *line_end = memchr (c.p, '\n', c.end - c.p);
      Span line = netstat_trim (c.p, (line_end != NULL ? line_end : c.end) - c.p);
      Record record = { 0 };
      gboolean last = FALSE;
      guint i;

      self->line = c.line;
      if (line.len == 0 || span_has_prefix (line, "#TYPE "))
        {
          c.p = line_end != NULL ? line_end + 1 : c.end;
          c.line++;
          continue;
        }

      if (!have_header)
        {
          guint commas = 0;
          guint semicolons = 0;

          for (gsize k = 0; k < line.len; k++)
            {
              commas += line.p[k] == ',';
              semicolons += line.p[k] == ';';
            }
          separator = semicolons > commas ? ';' : ',';

          for (i = 0; !last; i++)
            {
              Span name;
              Field field;

              if (!csv_field (&c, separator, &name, &last))
                return netstat_fail (self, error, _("a CSV header that does not end"));
              if (field_of (name, &field) && column[field] < 0)
                {
                  column[field] = i;
                  wanted_last = MAX (wanted_last, i);
                }
            }
          n_columns = i;
          field_at = g_new (gint8, n_columns);
          memset (field_at, -1, n_columns);
          for (guint f = 0; f < N_FIELDS; f++)
            if (column[f] >= 0)
              field_at[column[f]] = (gint8) f;
          c.line++;
          have_header = TRUE;
          if (column[FIELD_LOCAL_ADDRESS] < 0 || column[FIELD_LOCAL_PORT] < 0)
            return netstat_fail (self, error, _("no LocalAddress and LocalPort columns"));
          continue;
        }

      for (i = 0; !last; i++)
        {
          Span value;

          if (!csv_field (&c, separator, &value, &last))
            return netstat_fail (self, error, _("a quoted value that does not end"));
          if (i <= wanted_last && field_at[i] >= 0)
            {
              record.value[field_at[i]] = value;
              record.present[field_at[i]] = TRUE;
            }
        }
      if (i != n_columns)
        return netstat_fail_columns (self, error, n_columns, i);

      if (!add_record (self, &record, error))
        return FALSE;
      c.line++;
    }

  return TRUE;
}

/* ----------------------------------------------------------------- JSON */

typedef struct
{
  NetstatParser *self;
  Cursor         c;
  GError       **error;
} Json;

static gboolean
json_fail (Json       *j,
           const char *what)
{
  j->self->line = j->c.line;
  if (j->c.p >= j->c.end)
    return netstat_fail (j->self, j->error, _("JSON: %s, found the end of the file"), what);
  {
    gsize len = MIN ((gsize) g_utf8_skip[*(const guchar *) j->c.p], (gsize) (j->c.end - j->c.p));
    g_autofree char *found = liaison_error_printable (j->c.p, len);

    return netstat_fail (j->self, j->error, _("JSON: %s, found “%s”"), what, found);
  }
}

static inline void
json_space (Json *j)
{
  const char *p = j->c.p;
  const char *end = j->c.end;

  while (p < end && (guint8) *p <= ' ')
    {
      if (*p == ' ')
        {
          /* PowerShell 5.1 indents deeply: eight spaces at a time */
          while (end - p >= 8)
            {
              guint64 v;

              memcpy (&v, p, 8);
              v ^= G_GUINT64_CONSTANT (0x2020202020202020);
              if (v != 0)
                {
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
                  p += __builtin_ctzll (v) / 8;
#endif
                  break;
                }
              p += 8;
            }
          while (p < end && *p == ' ')
            p++;
          continue;
        }
      if (*p == '\r' && end - p >= 2 && p[1] == '\n')
        {
          j->c.line++;
          p += 2;
          continue;
        }
      if (*p == '\n')
        j->c.line++;
      else if (*p != '\t' && *p != '\r')
        break;
      p++;
    }
  j->c.p = p;
}

/* A string at the opening quote; @out gets its text, decoded into @buffer
 * when it has escapes. */
static gboolean
json_string (Json     *j,
             Span     *out,
             GString **buffer)
{
  const char *start = ++j->c.p;
  const char *p = start;
  gboolean escapes = FALSE;

  /* the closing quote: the first one that no backslash escapes */
  for (;;)
    {
      const char *quote = memchr (p, '"', j->c.end - p);
      gsize backslashes = 0;

      if (quote == NULL)
        {
          j->c.p = j->c.end;
          return json_fail (j, _("a string that does not end"));
        }
      while (quote - backslashes > start && quote[-1 - (gssize) backslashes] == '\\')
        backslashes++;
      p = quote;
      if (backslashes % 2 == 0)
        break;
      escapes = TRUE;
      p++;
    }
  if (!escapes && buffer != NULL && memchr (start, '\\', p - start) != NULL)
    escapes = TRUE;
  j->c.p = p + 1;

  if (!escapes || buffer == NULL)
    {
      if (out != NULL)
        *out = (Span) { start, p - start };
      return TRUE;
    }

  if (*buffer == NULL)
    *buffer = g_string_new (NULL);
  g_string_truncate (*buffer, 0);
  for (const char *q = start; q < p; q++)
    {
      gunichar c;

      if (*q != '\\')
        {
          g_string_append_c (*buffer, *q);
          continue;
        }
      switch (*++q)
        {
        case 'b': g_string_append_c (*buffer, '\b'); break;
        case 'f': g_string_append_c (*buffer, '\f'); break;
        case 'n': g_string_append_c (*buffer, '\n'); break;
        case 'r': g_string_append_c (*buffer, '\r'); break;
        case 't': g_string_append_c (*buffer, '\t'); break;
        case 'u':
          c = 0;
          for (guint k = 1; k <= 4; k++)
            {
              int v = q + k < p ? g_ascii_xdigit_value (q[k]) : -1;

              if (v < 0)
                return json_fail (j, _("a \\u escape of four hex digits"));
              c = c * 16 + (gunichar) v;
            }
          q += 4;
          if (c >= 0xD800 && c < 0xDC00 && q + 6 < p && q[1] == '\\' && q[2] == 'u')
            {
              gunichar low = 0;

              for (guint k = 3; k <= 6; k++)
                low = low * 16 + (gunichar) MAX (g_ascii_xdigit_value (q[k]), 0);
              if (low >= 0xDC00 && low < 0xE000)
                {
                  c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                  q += 6;
                }
            }
          if (c == 0 || (c >= 0xD800 && c < 0xE000))
            c = 0xFFFD;
          g_string_append_unichar (*buffer, c);
          break;
        default:
          g_string_append_c (*buffer, *q);
          break;
        }
    }
  if (out != NULL)
    *out = (Span) { (*buffer)->str, (*buffer)->len };
  return TRUE;
}

static gboolean json_value (Json *j, Span *out, GString **buffer, guint depth);

/* Before the next member of an object or element of a list: its comma,
 * unless @first; @done when @close ends it instead. */
static inline gboolean
json_next (Json     *j,
           char      close,
           gboolean *first,
           gboolean *done)
{
  json_space (j);
  *done = j->c.p < j->c.end && *j->c.p == close;
  if (*done)
    {
      j->c.p++;
      return TRUE;
    }
  if (!*first)
    {
      if (j->c.p >= j->c.end || *j->c.p != ',')
        return json_fail (j, close == '}' ? _("“,” or the end of an object") : _("“,” or the end of a list"));
      j->c.p++;
      json_space (j);
    }
  *first = FALSE;
  return TRUE;
}

/* `"name":` */
static inline gboolean
json_name (Json *j,
           Span *name)
{
  if (j->c.p >= j->c.end || *j->c.p != '"')
    return json_fail (j, _("a name in quotes"));
  if (!json_string (j, name, NULL))
    return FALSE;
  json_space (j);
  if (j->c.p >= j->c.end || *j->c.p != ':')
    return json_fail (j, _("“:”"));
  j->c.p++;
  json_space (j);
  return TRUE;
}

/* An object or an array at its opening bracket, skipped. */
static gboolean
json_skip_nested (Json  *j,
                  guint  depth)
{
  char close = *j->c.p == '{' ? '}' : ']';
  gboolean first = TRUE;
  gboolean done = FALSE;

  if (depth > 64)
    return json_fail (j, _("values nested less deeply"));
  j->c.p++;
  for (;;)
    {
      if (!json_next (j, close, &first, &done))
        return FALSE;
      if (done)
        return TRUE;
      if (close == '}' && !json_name (j, NULL))
        return FALSE;
      if (!json_value (j, NULL, NULL, depth + 1))
        return FALSE;
    }
}

static gboolean
json_value (Json     *j,
            Span     *out,
            GString **buffer,
            guint     depth)
{
  const char *start = j->c.p;

  if (out != NULL)
    *out = (Span) { NULL, 0 };
  if (j->c.p >= j->c.end)
    return json_fail (j, _("a value"));

  switch (*j->c.p)
    {
    case '"':
      return json_string (j, out, buffer);
    case '{':
    case '[':
      return json_skip_nested (j, depth);
    default:
      if (j->c.end - j->c.p >= 4 && memcmp (j->c.p, "null", 4) == 0)
        {
          j->c.p += 4;
          return TRUE;
        }
      while (j->c.p < j->c.end && (g_ascii_isalnum (*j->c.p) || *j->c.p == '-' || *j->c.p == '+' || *j->c.p == '.'))
        j->c.p++;
      if (j->c.p == start)
        return json_fail (j, _("a value"));
      if (out != NULL && !(j->c.p - start == 4 && memcmp (start, "null", 4) == 0))
        *out = (Span) { start, j->c.p - start };
      return TRUE;
    }
}

static gboolean
json_record (Json   *j,
             Record *record)
{
  gboolean first = TRUE;
  gboolean done = FALSE;
  guint line = j->c.line;

  if (j->c.p >= j->c.end || *j->c.p != '{')
    return json_fail (j, _("an object of Get-NetTCPConnection or Get-NetUDPEndpoint"));
  j->c.p++;

  for (;;)
    {
      Span name;
      Field field;

      if (!json_next (j, '}', &first, &done))
        return FALSE;
      if (done)
        {
          j->self->line = line;
          return add_record (j->self, record, j->error);
        }
      if (!json_name (j, &name))
        return FALSE;

      if (field_of (name, &field))
        {
          if (!json_value (j, &record->value[field], &record->decoded[field], 1))
            return FALSE;
          record->present[field] = record->value[field].p != NULL;
        }
      else if (!json_value (j, NULL, NULL, 1))
        return FALSE;
    }
}

gboolean
netstat_read_powershell_json (NetstatParser  *self,
                              const char     *text,
                              gsize           length,
                              GError        **error)
{
  Json j = { self, { text, text + length, 1 }, error };
  Record record = { 0 };
  gboolean array;
  gboolean ok = FALSE;

  json_space (&j);
  array = j.c.p < j.c.end && *j.c.p == '[';
  if (array)
    j.c.p++;

  for (gboolean first = TRUE, done = FALSE;;)
    {
      if (array && !json_next (&j, ']', &first, &done))
        goto out;
      if (done)
        break;

      for (guint f = 0; f < N_FIELDS; f++)
        record.present[f] = FALSE;
      if (!json_record (&j, &record))
        goto out;
      if (!array)
        break;
    }

  json_space (&j);
  if (j.c.p < j.c.end)
    {
      json_fail (&j, _("the end of the file"));
      goto out;
    }
  ok = TRUE;

out:
  for (guint f = 0; f < N_FIELDS; f++)
    if (record.decoded[f] != NULL)
      g_string_free (record.decoded[f], TRUE);
  return ok;
}
