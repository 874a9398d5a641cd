/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-address"

#include "config.h"

#include <arpa/inet.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "liaison-address.h"
#include "liaison-error.h"

static const guint8 v4_mapped_prefix[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

/* Reads @n bytes at @p as a dotted quad, as inet_pton() reads one: four
 * octets of one to three digits, no leading zero, at most 255. An import
 * reads two addresses a record: one octet at a time, without a loop over
 * characters that tests every case at each. */
static gboolean
read_quad (const char     *p,
           gsize           n,
           LiaisonAddress *out)
{
  const char *end = p + n;
  guint8 quad[4];

  if (n < 7 || n > 15)
    return FALSE;
  for (guint k = 0; k < 4; k++)
    {
      guint octet;

      if (k > 0 && (p == end || *p++ != '.'))
        return FALSE;
      if (p == end || (guint) (*p - '0') > 9)
        return FALSE;
      octet = (guint) (*p++ - '0');
      if (p < end && (guint) (*p - '0') <= 9)
        {
          if (octet == 0)
            return FALSE;
          octet = octet * 10 + (guint) (*p++ - '0');
          if (p < end && (guint) (*p - '0') <= 9)
            octet = octet * 10 + (guint) (*p++ - '0');
        }
      if (octet > 255)
        return FALSE;
      quad[k] = (guint8) octet;
    }
  if (p != end)
    return FALSE;
  memset (out, 0, sizeof *out);
  memcpy (out->bytes, quad, 4);
  out->family = 4;
  return TRUE;
}

/**
 * liaison_address_parse:
 * @text: an address: `10.0.0.1`, `::1`, `[::1]`, `fe80::1%eth0`, `::ffff:10.0.0.1`
 * @len: length of @text, or -1 when it is nul-terminated
 * @out: (out): the address
 *
 * Parses an IP address without allocating. Brackets and a `%zone` suffix
 * are dropped; an IPv4-mapped IPv6 address becomes the IPv4 address.
 *
 * Returns: whether @text is an IP address
 */
gboolean
liaison_address_parse (const char     *text,
                       gssize          len,
                       LiaisonAddress *out)
{
  char buf[LIAISON_ADDRESS_STRLEN + 1];
  const char *p = text;
  gsize n;

  if (len < 0)
    len = strlen (text);
  n = len;

  /* The common case, a dotted quad, read in place. */
  if (read_quad (p, n, out))
    return TRUE;

  if (n >= 2 && p[0] == '[' && p[n - 1] == ']')
    {
      p++;
      n -= 2;
    }

  for (gsize i = 0; i < n; i++)
    if (p[i] == '%')
      {
        n = i;
        break;
      }

  if (n == 0 || n > LIAISON_ADDRESS_STRLEN)
    return FALSE;

  memcpy (buf, p, n);
  buf[n] = '\0';
  memset (out, 0, sizeof *out);

  if (memchr (buf, ':', n) == NULL)
    {
      if (inet_pton (AF_INET, buf, out->bytes) != 1)
        return FALSE;
      out->family = 4;
      return TRUE;
    }

  if (inet_pton (AF_INET6, buf, out->bytes) != 1)
    return FALSE;

  out->family = 6;
  liaison_address_unmap (out);
  return TRUE;
}

/* An IPv4-mapped IPv6 address becomes the IPv4 address (statistics.md
 * section 1); any other is left as it is. */
void
liaison_address_unmap (LiaisonAddress *address)
{
  if (address->family == 6 && memcmp (address->bytes, v4_mapped_prefix, sizeof v4_mapped_prefix) == 0)
    {
      memmove (address->bytes, address->bytes + 12, 4);
      memset (address->bytes + 4, 0, 12);
      address->family = 4;
    }
}

/* The canonical text form, the same as g_inet_address_to_string(). */
void
liaison_address_to_string (const LiaisonAddress *address,
                           char                  buf[LIAISON_ADDRESS_STRLEN])
{
  if (address->family == 4)
    {
      /* A dotted quad written here: inet_ntop() goes through sprintf(), and a
       * bulk import writes four of these a new conversation. */
      char *p = buf;

      for (guint i = 0; i < 4; i++)
        {
          guint octet = address->bytes[i];

          if (octet >= 100)
            *p++ = (char) ('0' + octet / 100);
          if (octet >= 10)
            *p++ = (char) ('0' + octet / 10 % 10);
          *p++ = (char) ('0' + octet % 10);
          *p++ = i < 3 ? '.' : '\0';
        }
    }
  else if (address->family == 6)
    inet_ntop (AF_INET6, address->bytes, buf, LIAISON_ADDRESS_STRLEN);
  else
    buf[0] = '\0';
}

char *
liaison_address_dup_string (const LiaisonAddress *address)
{
  char buf[LIAISON_ADDRESS_STRLEN];

  liaison_address_to_string (address, buf);
  return g_strdup (buf);
}

gboolean
liaison_address_is_loopback (const LiaisonAddress *address)
{
  static const guint8 v6_loopback[16] = { [15] = 1 };

  if (address->family == 4)
    return address->bytes[0] == 127;
  if (address->family == 6)
    return memcmp (address->bytes, v6_loopback, 16) == 0;
  return FALSE;
}

gboolean
liaison_address_is_any (const LiaisonAddress *address)
{
  static const guint8 zero[16] = { 0 };

  return address->family != 0 && memcmp (address->bytes, zero, 16) == 0;
}

gboolean
liaison_address_equal (const LiaisonAddress *a,
                       const LiaisonAddress *b)
{
  return a->family == b->family && memcmp (a->bytes, b->bytes, 16) == 0;
}

/* Numeric order, IPv4 before IPv6. */
int
liaison_address_compare (const LiaisonAddress *a,
                         const LiaisonAddress *b)
{
  if (a->family != b->family)
    return a->family < b->family ? -1 : 1;
  return memcmp (a->bytes, b->bytes, 16);
}

guint
liaison_address_hash (const LiaisonAddress *address)
{
  guint h = 2166136261u ^ address->family;

  for (guint i = 0; i < (address->family == 4 ? 4u : 16u); i++)
    h = (h ^ address->bytes[i]) * 16777619u;
  return h;
}

void
liaison_address_to_key (const LiaisonAddress *address,
                        guint8                key[LIAISON_ADDRESS_KEY_LEN])
{
  key[0] = address->family;
  memcpy (key + 1, address->bytes, 16);
}

/**
 * liaison_address_normalize:
 * @text: an address as a user typed it
 * @error: return location for a #LIAISON_ERROR_INVALID error
 *
 * Returns: (transfer full): the canonical text of @text, or %NULL
 */
char *
liaison_address_normalize (const char  *text,
                           GError     **error)
{
  LiaisonAddress address;
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));

  if (!liaison_address_parse (stripped, -1, &address))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID,
                   _("“%s” is not an IP address"), text ? text : "");
      return NULL;
    }

  return liaison_address_dup_string (&address);
}

gboolean
liaison_text_is_loopback (const char *canonical)
{
  LiaisonAddress address;

  return canonical != NULL &&
         liaison_address_parse (canonical, -1, &address) &&
         liaison_address_is_loopback (&address);
}

const char *
liaison_protocol_to_string (LiaisonProtocol protocol)
{
  return protocol == LIAISON_PROTOCOL_UDP ? "udp" : "tcp";
}

gboolean
liaison_protocol_from_string (const char      *text,
                              LiaisonProtocol *out)
{
  if (text == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (text, "tcp") == 0)
    *out = LIAISON_PROTOCOL_TCP;
  else if (g_ascii_strcasecmp (text, "udp") == 0)
    *out = LIAISON_PROTOCOL_UDP;
  else
    return FALSE;
  return TRUE;
}
