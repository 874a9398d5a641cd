/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "liaison-netstat-parser.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonNetstatTable) table = NULL;

  /* The import dialog's question first: any answer, no crash. */
  (void) liaison_netstat_sniff ((const char *) data, size);

  table = liaison_netstat_parse ("fuzz.txt", (const char *) data, size, &error);

  /* Exactly one of a table and an error, and every error names the file. */
  if ((table == NULL) == (error == NULL))
    __builtin_trap ();
  if (error != NULL && !g_str_has_prefix (error->message, "fuzz.txt"))
    __builtin_trap ();

  if (table != NULL)
    for (guint i = 0; i < table->sockets->len; i++)
      {
        const LiaisonSocket *socket = &g_array_index (table->sockets, LiaisonSocket, i);

        /* A socket always has a local address; a peer only with a port. */
        if (socket->local.family != 4 && socket->local.family != 6)
          __builtin_trap ();
        if ((socket->peer.family == 0) != (socket->peer_port == 0))
          __builtin_trap ();
        if (socket->process != NULL && !g_utf8_validate (socket->process, -1, NULL))
          __builtin_trap ();
      }

  return 0;
}
