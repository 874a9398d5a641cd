/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <string.h>

#include "liaison-error.h"
#include "liaison-netstat-parser.h"

G_BEGIN_DECLS

/*
 * What the rooms of the netstat parser share: the text as spans that point
 * into the input, endpoints, the classification of statistics.md 3.2, the
 * table of state words, and the parser's state. Each format family has a
 * room of its own (liaison-netstat-ss.c, -net-tools.c, -windows.c, -proc.c,
 * -bsd.c, -lsof.c, -powershell.c); liaison-netstat-detect.c tells them apart
 * and liaison-netstat-parser.c runs them.
 */

#define NETSTAT_MAX_LINE_LENGTH (64 * 1024)
#define NETSTAT_MAX_FIELDS      24

typedef struct
{
  const char *p;
  gsize       len;
} Span;

typedef enum
{
  STATE_NONE,           /* no state column: udp in net-tools, Windows, BSD */
  STATE_ESTABLISHED,
  STATE_SYN_SENT,
  STATE_SYN_RECV,
  STATE_FIN_WAIT1,
  STATE_FIN_WAIT2,
  STATE_TIME_WAIT,
  STATE_CLOSE,          /* CLOSE, CLOSED, UNCONN, BOUND, DELETE_TCB */
  STATE_CLOSE_WAIT,
  STATE_LAST_ACK,
  STATE_LISTEN,
  STATE_CLOSING,
} SocketState;

/* Which tool's words: each has its own table (liaison-netstat-states.c). */
typedef enum
{
  STATE_WORDS_SS,
  STATE_WORDS_NET_TOOLS,
  STATE_WORDS_WINDOWS,
  STATE_WORDS_BSD,
  STATE_WORDS_LSOF,
  STATE_WORDS_POWERSHELL,
} StateWords;

/* One row, before its endpoints are read. */
typedef struct
{
  LiaisonProtocol protocol;
  guint8          family_hint;  /* 4 or 6 when the row says (tcp6, udp6), else 0 */
  Span            local;
  Span            peer;
  SocketState     state;
  Span            process;      /* len 0: unknown */
} Row;

typedef enum
{
  ENDPOINT_OK,
  ENDPOINT_BAD,
  ENDPOINT_BAD_PORT,
} EndpointResult;

typedef struct
{
  LiaisonAddress address;       /* family 0 when the address is `*` */
  gboolean       star;
  guint          port;          /* 0 when the port is `*` */
  Span           port_text;
} Endpoint;

/* Where a tool separates the port: `10.0.0.1:22` or BSD's `10.0.0.1.22`. */
typedef enum
{
  PORT_AFTER_COLON,
  PORT_AFTER_DOT,
} PortSeparator;

typedef struct _NetstatParser NetstatParser;

typedef gboolean (*NetstatLineFunc) (NetstatParser *self,
                                     const char    *line,
                                     gsize          len,
                                     GError       **error);

struct _NetstatParser
{
  const char          *file_name;
  LiaisonNetstatTable *table;
  guint                line;
  const char          *tool;           /* "netstat", "ss", "lsof": for the -n hint */
  gboolean             text_is_utf8;   /* every line was checked already */
  GString             *scratch;        /* a line repaired (net-tools' cut names) */

  /* ss: whether rows start with the Netid column */
  gboolean             ss_netid;
  /* /proc/net: the protocol of the file whose header came last */
  LiaisonProtocol      proc_protocol;
  /* rows were seen (ss: the first tells whether there is a Netid column);
   * net-tools: inside a "(Not all processes ...)" note;
   * the Internet part is over (a UNIX domain socket section follows) */
  gboolean             rows_seen;
  gboolean             in_note;
  gboolean             done;
  /* Windows -b: the socket the process and service lines after it name */
  guint                last_socket;
  gboolean             have_last_socket;
  char                *service;
  /* BSD: columns before Proto (-A), width of the address columns,
   * header columns after (state) up to pid or process:pid (-v) */
  guint                bsd_prefix;
  guint                bsd_width;
  gint                 bsd_pid_column;
  gboolean             bsd_process_pid;
  /* lsof: the sockets seen (DEVICE and protocol, an open-addressed set of
   * key + 1), for each is printed once per file descriptor */
  guint64             *lsof_seen;
  gsize                lsof_seen_size;
  gsize                lsof_seen_used;
};

/* liaison-netstat-common.c */
extern const guint8 netstat_blank[256];

static inline gboolean
is_space (char c)
{
  return netstat_blank[(guint8) c];
}

static inline gboolean
span_eq (Span        span,
         const char *text)
{
  gsize len = strlen (text);

  return span.len == len && memcmp (span.p, text, len) == 0;
}

static inline gboolean
span_has_prefix (Span        span,
                 const char *prefix)
{
  gsize len = strlen (prefix);

  return span.len >= len && memcmp (span.p, prefix, len) == 0;
}

static inline gboolean
span_is_digits (Span span)
{
  if (span.len == 0)
    return FALSE;
  for (gsize i = 0; i < span.len; i++)
    if (!g_ascii_isdigit (span.p[i]))
      return FALSE;
  return TRUE;
}

guint       netstat_split_fields      (const char    *p,
                                       gsize          len,
                                       Span          *fields,
                                       guint          max);
guint       netstat_split_first       (const char    *p,
                                       gsize          len,
                                       Span          *fields,
                                       guint          max);
Span        netstat_rest_of_line      (const char    *line,
                                       gsize          len,
                                       Span           field);
Span        netstat_trim              (const char    *p,
                                       gsize          len);
gboolean    netstat_parse_uint        (Span           text,
                                       guint          max,
                                       guint         *out);
char       *netstat_excerpt           (Span           span);

/* Bad input at the parser's line; FALSE. */
#define netstat_fail(self, error, ...) \
  liaison_error_set_line ((error), (self)->file_name, (self)->line, __VA_ARGS__)

gboolean    netstat_fail_value        (NetstatParser *self,
                                       GError       **error,
                                       const char    *format,
                                       Span           value);
gboolean    netstat_fail_columns      (NetstatParser *self,
                                       GError       **error,
                                       guint          expected,
                                       guint          found);
gboolean    netstat_fail_state        (NetstatParser *self,
                                       GError       **error,
                                       Span           word);
gboolean    netstat_fail_protocol     (NetstatParser *self,
                                       GError       **error,
                                       Span           word);

EndpointResult netstat_parse_endpoint (Span           text,
                                       PortSeparator  separator,
                                       Endpoint      *out);
gboolean    netstat_read_endpoint     (NetstatParser *self,
                                       Span           text,
                                       PortSeparator  separator,
                                       Endpoint      *out,
                                       GError       **error);
gboolean    netstat_add_row           (NetstatParser *self,
                                       const Row     *row,
                                       PortSeparator  separator,
                                       GError       **error);
void        netstat_append_socket     (NetstatParser        *self,
                                       const LiaisonAddress *local,
                                       guint                 local_port,
                                       const LiaisonAddress *peer,
                                       guint                 peer_port,
                                       LiaisonProtocol       protocol,
                                       SocketState           state,
                                       Span                  process);
void        netstat_set_wildcard      (LiaisonAddress *address,
                                       guint8          family);

/* liaison-netstat-states.c */
gboolean    netstat_lookup_state      (StateWords     words,
                                       Span           text,
                                       SocketState   *out);
gsize       netstat_match_state       (StateWords     words,
                                       Span           text,
                                       SocketState   *out);

/* liaison-netstat-detect.c */
gboolean    netstat_detect            (const char           *text,
                                       gsize                 length,
                                       LiaisonNetstatFormat *format,
                                       guint                *line);
gboolean    netstat_is_ss_row         (const Span    *f,
                                       guint          n,
                                       gboolean      *netid);
gboolean    netstat_is_title_line     (Span           trimmed);
PortSeparator netstat_port_separator  (Span           endpoint);

/* The families: a function per line, or one for the whole text. */
gboolean    netstat_ss_line           (NetstatParser *self, const char *line, gsize len, GError **error);
gboolean    netstat_net_tools_line    (NetstatParser *self, const char *line, gsize len, GError **error);
gboolean    netstat_windows_line      (NetstatParser *self, const char *line, gsize len, GError **error);
gboolean    netstat_proc_line         (NetstatParser *self, const char *line, gsize len, GError **error);
gboolean    netstat_bsd_line          (NetstatParser *self, const char *line, gsize len, GError **error);
gboolean    netstat_lsof_line         (NetstatParser *self, const char *line, gsize len, GError **error);
gboolean    netstat_read_powershell_csv  (NetstatParser *self,
                                          const char    *text,
                                          gsize          length,
                                          GError       **error);
gboolean    netstat_read_powershell_json (NetstatParser *self,
                                          const char    *text,
                                          gsize          length,
                                          GError       **error);

G_END_DECLS
