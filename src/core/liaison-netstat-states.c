/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-netstat-parser"

#include "config.h"

#include "liaison-netstat-private.h"

/* The state words of each tool, in the languages the tools print them in.
 *
 * net-tools translates its state column through gettext. The translations
 * are those of Debian's net-tools 2.10 (/usr/share/locale/LANG/LC_MESSAGES/
 * net-tools.mo, read with msgunfmt): cs, de, pt_BR translate some words;
 * et, fr and ja keep the English ones. Czech "POSLEDNÍ ACK" has a space.
 *
 * Windows netstat translates its state column too. German words as public
 * captures of German Windows show them (ABHÖREN, HERGESTELLT, WARTEND,
 * SCHLIESSEN_WARTEN, FIN_WARTEN_2, SYN_GESENDET, SCHLIESSEND; FIN_WARTEN_1
 * by the same pattern); ÉTABLIE and 已建立 as statistics.md 3.1 names them.
 * French and Chinese Windows 10 keep the English words.
 *
 * Most frequent first: a table is searched in order. */

typedef struct
{
  const char  *word;
  SocketState  state;
  guint8       len;
} StateWord;

/* A word and its length in bytes */
#define W(word, state) { word, state, sizeof word - 1 }

static const StateWord ss_words[] = {
  W ("ESTAB", STATE_ESTABLISHED),
  W ("TIME-WAIT", STATE_TIME_WAIT),
  W ("LISTEN", STATE_LISTEN),
  W ("UNCONN", STATE_CLOSE),
  W ("CLOSE-WAIT", STATE_CLOSE_WAIT),
  W ("SYN-SENT", STATE_SYN_SENT),
  W ("SYN-RECV", STATE_SYN_RECV),
  W ("FIN-WAIT-1", STATE_FIN_WAIT1),
  W ("FIN-WAIT-2", STATE_FIN_WAIT2),
  W ("LAST-ACK", STATE_LAST_ACK),
  W ("CLOSING", STATE_CLOSING),
  W ("CLOSED", STATE_CLOSE),
  W ("CLOSE", STATE_CLOSE),
  { NULL, 0 }
};

static const StateWord net_tools_words[] = {
  W ("ESTABLISHED", STATE_ESTABLISHED),
  W ("TIME_WAIT", STATE_TIME_WAIT),
  W ("LISTEN", STATE_LISTEN),
  W ("CLOSE_WAIT", STATE_CLOSE_WAIT),
  W ("SYN_SENT", STATE_SYN_SENT),
  W ("SYN_RECV", STATE_SYN_RECV),
  W ("FIN_WAIT1", STATE_FIN_WAIT1),
  W ("FIN_WAIT2", STATE_FIN_WAIT2),
  W ("LAST_ACK", STATE_LAST_ACK),
  W ("CLOSING", STATE_CLOSING),
  W ("CLOSE", STATE_CLOSE),
  /* de */
  W ("VERBUNDEN", STATE_ESTABLISHED),
  /* cs */
  W ("SPOJENO", STATE_ESTABLISHED),
  W ("NASLOUCHÁ", STATE_LISTEN),
  W ("POSLEDNÍ ACK", STATE_LAST_ACK),
  W ("ZAVÍRÁ", STATE_CLOSING),
  W ("ZAVŘEN", STATE_CLOSE),
  /* pt_BR */
  W ("ESTABELECIDA", STATE_ESTABLISHED),
  W ("OUÇA", STATE_LISTEN),
  W ("ESPERANDO_FECHAR", STATE_CLOSE_WAIT),
  W ("SYN_ENVIADO", STATE_SYN_SENT),
  W ("SYN_RECEBIDO", STATE_SYN_RECV),
  W ("ESPERA_FIN1", STATE_FIN_WAIT1),
  W ("ESPERA_FIN2", STATE_FIN_WAIT2),
  W ("ÚLTIMO_ACK", STATE_LAST_ACK),
  W ("FECHANDO", STATE_CLOSING),
  W ("FECHAR", STATE_CLOSE),
  { NULL, 0 }
};

static const StateWord windows_words[] = {
  W ("ESTABLISHED", STATE_ESTABLISHED),
  W ("TIME_WAIT", STATE_TIME_WAIT),
  W ("LISTENING", STATE_LISTEN),
  W ("CLOSE_WAIT", STATE_CLOSE_WAIT),
  W ("SYN_SENT", STATE_SYN_SENT),
  W ("SYN_RECEIVED", STATE_SYN_RECV),
  W ("FIN_WAIT_1", STATE_FIN_WAIT1),
  W ("FIN_WAIT_2", STATE_FIN_WAIT2),
  W ("LAST_ACK", STATE_LAST_ACK),
  W ("CLOSING", STATE_CLOSING),
  W ("CLOSED", STATE_CLOSE),
  W ("DELETE_TCB", STATE_CLOSE),
  W ("BOUND", STATE_CLOSE),
  /* de */
  W ("HERGESTELLT", STATE_ESTABLISHED),
  W ("WARTEND", STATE_TIME_WAIT),
  W ("ABHÖREN", STATE_LISTEN),
  W ("SCHLIESSEN_WARTEN", STATE_CLOSE_WAIT),
  W ("SYN_GESENDET", STATE_SYN_SENT),
  W ("FIN_WARTEN_1", STATE_FIN_WAIT1),
  W ("FIN_WARTEN_2", STATE_FIN_WAIT2),
  W ("SCHLIESSEND", STATE_CLOSING),
  /* fr, zh */
  W ("ÉTABLIE", STATE_ESTABLISHED),
  W ("已建立", STATE_ESTABLISHED),
  { NULL, 0 }
};

/* FreeBSD and macOS netinet/tcp_fsm.h tcpstates[] */
static const StateWord bsd_words[] = {
  W ("ESTABLISHED", STATE_ESTABLISHED),
  W ("TIME_WAIT", STATE_TIME_WAIT),
  W ("LISTEN", STATE_LISTEN),
  W ("CLOSE_WAIT", STATE_CLOSE_WAIT),
  W ("SYN_SENT", STATE_SYN_SENT),
  W ("SYN_RCVD", STATE_SYN_RECV),
  W ("FIN_WAIT_1", STATE_FIN_WAIT1),
  W ("FIN_WAIT_2", STATE_FIN_WAIT2),
  W ("LAST_ACK", STATE_LAST_ACK),
  W ("CLOSING", STATE_CLOSING),
  W ("CLOSED", STATE_CLOSE),
  { NULL, 0 }
};

/* lsof's `(STATE)`: the kernel's names on Linux, the BSD ones on macOS. */
static const StateWord lsof_words[] = {
  W ("ESTABLISHED", STATE_ESTABLISHED),
  W ("LISTEN", STATE_LISTEN),
  W ("CLOSE_WAIT", STATE_CLOSE_WAIT),
  W ("SYN_SENT", STATE_SYN_SENT),
  W ("SYN_RECV", STATE_SYN_RECV),
  W ("SYN_RECEIVED", STATE_SYN_RECV),
  W ("SYN_RCVD", STATE_SYN_RECV),
  W ("FIN_WAIT1", STATE_FIN_WAIT1),
  W ("FIN_WAIT_1", STATE_FIN_WAIT1),
  W ("FIN_WAIT2", STATE_FIN_WAIT2),
  W ("FIN_WAIT_2", STATE_FIN_WAIT2),
  W ("TIME_WAIT", STATE_TIME_WAIT),
  W ("LAST_ACK", STATE_LAST_ACK),
  W ("CLOSING", STATE_CLOSING),
  W ("CLOSE", STATE_CLOSE),
  W ("CLOSED", STATE_CLOSE),
  W ("IDLE", STATE_CLOSE),
  W ("BOUND", STATE_CLOSE),
  { NULL, 0 }
};

/* Get-NetTCPConnection's State as Export-Csv writes it (the names of the
 * MSFT_NetTCPConnection State values); ConvertTo-Json writes the numbers
 * (MIB_TCP_STATE, and 100 for Bound), read by netstat_lookup_state too. */
static const StateWord powershell_words[] = {
  W ("Established", STATE_ESTABLISHED),
  W ("Listen", STATE_LISTEN),
  W ("TimeWait", STATE_TIME_WAIT),
  W ("Bound", STATE_CLOSE),
  W ("CloseWait", STATE_CLOSE_WAIT),
  W ("SynSent", STATE_SYN_SENT),
  W ("SynReceived", STATE_SYN_RECV),
  W ("FinWait1", STATE_FIN_WAIT1),
  W ("FinWait2", STATE_FIN_WAIT2),
  W ("LastAck", STATE_LAST_ACK),
  W ("Closing", STATE_CLOSING),
  W ("Closed", STATE_CLOSE),
  W ("DeleteTCB", STATE_CLOSE),
  { NULL, 0 }
};

static const SocketState powershell_numbers[] = {
  [1] = STATE_CLOSE,
  [2] = STATE_LISTEN,
  [3] = STATE_SYN_SENT,
  [4] = STATE_SYN_RECV,
  [5] = STATE_ESTABLISHED,
  [6] = STATE_FIN_WAIT1,
  [7] = STATE_FIN_WAIT2,
  [8] = STATE_CLOSE_WAIT,
  [9] = STATE_CLOSING,
  [10] = STATE_LAST_ACK,
  [11] = STATE_TIME_WAIT,
  [12] = STATE_CLOSE,
};

static const StateWord *
table_of (StateWords words)
{
  switch (words)
    {
    case STATE_WORDS_SS:
      return ss_words;
    case STATE_WORDS_NET_TOOLS:
      return net_tools_words;
    case STATE_WORDS_WINDOWS:
      return windows_words;
    case STATE_WORDS_BSD:
      return bsd_words;
    case STATE_WORDS_LSOF:
      return lsof_words;
    case STATE_WORDS_POWERSHELL:
    default:
      return powershell_words;
    }
}

/* @text is the whole word. PowerShell's numbers are read here too. */
gboolean
netstat_lookup_state (StateWords   words,
                      Span         text,
                      SocketState *out)
{
  SocketState state;
  guint number;

  /* A word as long as @text is the longest that can begin it. */
  if (text.len > 0 && netstat_match_state (words, text, &state) == text.len)
    {
      *out = state;
      return TRUE;
    }

  if (words == STATE_WORDS_POWERSHELL && netstat_parse_uint (text, 100, &number))
    {
      if (number == 100)
        *out = STATE_CLOSE;
      else if (number < G_N_ELEMENTS (powershell_numbers) && number > 0)
        *out = powershell_numbers[number];
      else
        return FALSE;
      return TRUE;
    }

  return FALSE;
}

/* The state word that @text begins with, followed by a blank or the end:
 * its length, 0 when there is none. The longest wins, so that a word with
 * a space ("POSLEDNÍ ACK") is read whole. */
gsize
netstat_match_state (StateWords   words,
                     Span         text,
                     SocketState *out)
{
  const StateWord *table = table_of (words);
  gsize best = 0;

  if (text.len == 0)
    return 0;

  for (guint i = 0; table[i].word != NULL; i++)
    {
      gsize len = table[i].len;

      if (len > best && len <= text.len && text.p[0] == table[i].word[0] &&
          memcmp (text.p, table[i].word, len) == 0 &&
          (len == text.len || is_space (text.p[len])))
        {
          best = len;
          *out = table[i].state;
        }
    }
  return best;
}
