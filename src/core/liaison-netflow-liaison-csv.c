/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-netflow-parser"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-netflow-private.h"

/*
 * Liaison's own flow CSV (statistics.md 4.1): the header
 * `start,end,client_ip,client_port,listener_ip,listener_port,protocol`,
 * then one record a line. Here the file says which side is the listener;
 * `end` and `client_port` may be empty (a point; an event without a port).
 */

enum
{
  START,
  END,
  CLIENT,
  CLIENT_PORT,
  LISTENER,
  LISTENER_PORT,
  PROTOCOL,
  N_FIELDS
};

static gboolean
read_row (FlowParser  *parser,
          const char  *line,
          gsize        len,
          GError     **error)
{
  FlowField f[N_FIELDS + 1];
  LiaisonFlow flow;
  guint n_fields;
  gboolean skipped;

  n_fields = flow_split (line, len, ',', TRUE, f, N_FIELDS + 1);
  if (n_fields != N_FIELDS)
    return flow_error (parser, error, _("expected %u columns, found %u"),
                       N_FIELDS, flow_count_columns (line, len, ','));

  memset (&flow, 0, sizeof flow);

  if (!flow_check_protocol (parser, f[PROTOCOL], &flow.protocol, &skipped, error))
    return FALSE;
  if (skipped)
    return TRUE;

  if (!flow_check_ports (parser, f[CLIENT_PORT], f[LISTENER_PORT], TRUE, &flow, &skipped, error))
    return FALSE;
  if (skipped)
    return TRUE;

  if (!flow_check_addresses (parser, f[CLIENT], f[LISTENER], &flow, &skipped, error))
    return FALSE;
  if (skipped)
    return TRUE;

  if (!flow_parse_text_time (parser, f[START].text, f[START].len, &flow.start))
    return flow_bad_time (parser, f[START], error);
  if (f[END].len == 0)
    flow.end = LIAISON_TIME_NONE;
  else if (!flow_parse_text_time (parser, f[END].text, f[END].len, &flow.end))
    return flow_bad_time (parser, f[END], error);

  if (!flow_check_times (parser, f[START], f[END], &flow, &skipped, error))
    return FALSE;
  if (skipped)
    return TRUE;

  flow.oriented = LIAISON_FLOW_SRC_CLIENT;
  flow_add (parser, &flow);
  return TRUE;
}

gboolean
flow_liaison_csv_begin (FlowParser *parser)
{
  parser->file->format = LIAISON_NETFLOW_FORMAT_LIAISON_CSV;
  parser->line_func = read_row;
  return TRUE;
}
