/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-services"

#include "config.h"

#include <string.h>

#include "liaison-services.h"

/*
 * Service names by port (map.md 2: `443/tcp` is `https`), from the IANA
 * service-name registry as the system's services database carries it:
 * /etc/services, which Debian's netbase and the Flatpak runtime ship. The
 * file is read once, on first use, into a table that every thread then
 * reads without a lock: getservbyport() shares one static result between
 * threads, and getservbyport_r() reads the whole file again on each call
 * (a map of ten thousand edges would read it ten thousand times). As with
 * getservbyport(), the first line for a port and protocol gives its name.
 */

#define SERVICES_FILE "/etc/services"

/* port << 1 | (protocol is udp) -> interned name */
static GHashTable *
read_services (void)
{
  GHashTable *table = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autofree char *contents = NULL;
  char *line, *next;

  if (!g_file_get_contents (SERVICES_FILE, &contents, NULL, NULL))
    {
      g_debug ("%s cannot be read: services have no names", SERVICES_FILE);
      return table;
    }

  for (line = contents; line != NULL && *line != '\0'; line = next)
    {
      char *end = strchr (line, '\n');
      char *name, *port_text, *protocol, *slash;
      guint64 port;
      guint key;

      next = end != NULL ? end + 1 : NULL;
      if (end != NULL)
        *end = '\0';
      if ((end = strchr (line, '#')) != NULL)
        *end = '\0';

      /* "name port/protocol [aliases]" */
      name = strtok_r (line, " \t\r", &end);
      port_text = name != NULL ? strtok_r (NULL, " \t\r", &end) : NULL;
      if (port_text == NULL || (slash = strchr (port_text, '/')) == NULL)
        continue;
      *slash = '\0';
      protocol = slash + 1;
      if (!g_ascii_string_to_unsigned (port_text, 10, 1, 65535, &port, NULL) ||
          (strcmp (protocol, "tcp") != 0 && strcmp (protocol, "udp") != 0) ||
          !g_utf8_validate (name, -1, NULL))
        continue;

      key = (guint) port << 1 | (protocol[0] == 'u');
      if (!g_hash_table_contains (table, GUINT_TO_POINTER (key)))
        g_hash_table_insert (table, GUINT_TO_POINTER (key), (gpointer) g_intern_string (name));
    }
  return table;
}

/**
 * liaison_service_name:
 * @port: 1-65535
 * @protocol: "tcp" or "udp"
 *
 * Returns: (nullable): the service's name (`https` for 443 and "tcp"),
 *   valid for the life of the program, or %NULL when it has none
 */
const char *
liaison_service_name (guint       port,
                      const char *protocol)
{
  static GHashTable *services;

  if (g_once_init_enter (&services))
    g_once_init_leave (&services, read_services ());

  if (protocol == NULL || port == 0 || port > 65535)
    return NULL;
  return g_hash_table_lookup (services,
                              GUINT_TO_POINTER ((guint) port << 1 | (protocol[0] == 'u')));
}
