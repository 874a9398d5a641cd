/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <string.h>

#include "liaison-store-listeners-private.h"
#include "liaison-store-private.h"

/**
 * liaison_store_add_listener:
 * @address: the listening address, maybe a wildcard (0.0.0.0, ::)
 * @time: the moment of the sample that found it
 *
 * Notes that a netstat sample of @host found a listener (statistics.md 3.2),
 * widening the times it was found between.
 */
gboolean
liaison_store_add_listener (LiaisonStore          *self,
                            const char            *host,
                            const LiaisonAddress  *address,
                            guint16                port,
                            guint8                 protocol,
                            LiaisonTime            time,
                            GError               **error)
{
  g_autoptr(LiaisonStmt) stmt = NULL;
  char ip[LIAISON_ADDRESS_STRLEN];

  stmt = liaison_store_prepare (self,
                                "INSERT INTO listener (host, ip, ip_key, port, protocol, source,"
                                "  first_found, last_found)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, 'netstat', ?6, ?6)"
                                " ON CONFLICT (ip_key, port, protocol, host, source) DO UPDATE SET"
                                "  first_found = min(coalesce(listener.first_found, excluded.first_found), excluded.first_found),"
                                "  last_found = max(coalesce(listener.last_found, excluded.last_found), excluded.last_found)",
                                error);
  if (stmt == NULL)
    return FALSE;

  liaison_address_to_string (address, ip);
  liaison_bind_text (stmt, 1, host);
  liaison_bind_text (stmt, 2, ip);
  liaison_bind_address_key (stmt, 3, address);
  liaison_stmt_bind_int (stmt, 4, port);
  liaison_bind_text (stmt, 5, liaison_protocol_to_string ((LiaisonProtocol) protocol));
  liaison_bind_time (stmt, 6, time);

  return liaison_store_step_done (self, stmt, error);
}

/* Adds the listeners of @stmt's rows (ip_key, port, protocol) to @set. */
static gboolean
read_listeners (LiaisonStore        *self,
                LiaisonStmt        *stmt,
                LiaisonListenerSet  *set,
                GError             **error)
{
  int rc;

  while ((rc = liaison_stmt_step (stmt)) == LIAISON_ROW)
    {
      const guint8 *key = liaison_stmt_column_blob (stmt, 0);
      LiaisonAddress address;
      LiaisonProtocol protocol;

      if (key == NULL || liaison_stmt_column_bytes (stmt, 0) != LIAISON_ADDRESS_KEY_LEN ||
          !liaison_protocol_from_string ((const char *) liaison_stmt_column_text (stmt, 2), &protocol))
        continue;

      address.family = key[0];
      memcpy (address.bytes, key + 1, 16);
      liaison_listener_set_add (set, &address, liaison_stmt_column_int (stmt, 1), protocol);
    }

  return liaison_store_read_done (self, rc, error);
}

/* Adds to @set the listeners earlier samples of @host found. */
gboolean
liaison_store_load_host_listeners (LiaisonStore        *self,
                                   const char          *host,
                                   LiaisonListenerSet  *set,
                                   GError             **error)
{
  g_autoptr(LiaisonStmt) stmt = liaison_store_prepare (self,
                                                       "SELECT ip_key, port, protocol FROM listener"
                                                       " WHERE host = ?1 AND source = 'netstat'",
                                                       error);

  if (stmt == NULL)
    return FALSE;
  liaison_bind_text (stmt, 1, host);
  return read_listeners (self, stmt, set, error);
}

/* Adds to @set every listener netstat found on any host, and every
 * listener of a service communication entered by hand. */
gboolean
liaison_store_load_known_listeners (LiaisonStore        *self,
                                    LiaisonListenerSet  *set,
                                    GError             **error)
{
  g_autoptr(LiaisonStmt) stmt = liaison_store_prepare (self,
                                                       "SELECT ip_key, port, protocol FROM listener"
                                                       " UNION "
                                                       "SELECT listener_key, port, protocol FROM communication"
                                                       " WHERE source = 'manual'",
                                                       error);

  if (stmt == NULL)
    return FALSE;
  return read_listeners (self, stmt, set, error);
}
