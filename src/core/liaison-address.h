/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Big enough for the canonical text of any address (INET6_ADDRSTRLEN). */
#define LIAISON_ADDRESS_STRLEN 46

/**
 * LiaisonAddress:
 * @family: 4 or 6 (0: no address)
 * @bytes: the address, network order; IPv4 uses the first four bytes, the rest are zero
 *
 * An IP address by value. IPv4-mapped IPv6 addresses are stored as IPv4
 * (statistics.md section 1), so equal addresses have equal bytes.
 */
typedef struct
{
  guint8 family;
  guint8 bytes[16];
} LiaisonAddress;

/* The sort key of an address is 17 bytes: family, then the 16 address bytes.
 * memcmp() order on keys is numeric order with IPv4 before IPv6. */
#define LIAISON_ADDRESS_KEY_LEN 17

typedef enum
{
  LIAISON_PROTOCOL_TCP = 6,
  LIAISON_PROTOCOL_UDP = 17,
} LiaisonProtocol;

gboolean     liaison_address_parse        (const char           *text,
                                           gssize                len,
                                           LiaisonAddress       *out);
void         liaison_address_unmap        (LiaisonAddress       *address);
void         liaison_address_to_string    (const LiaisonAddress *address,
                                           char                  buf[LIAISON_ADDRESS_STRLEN]);
char        *liaison_address_dup_string   (const LiaisonAddress *address);
gboolean     liaison_address_is_loopback  (const LiaisonAddress *address);
gboolean     liaison_address_is_any       (const LiaisonAddress *address);
gboolean     liaison_address_equal        (const LiaisonAddress *a,
                                           const LiaisonAddress *b);
int          liaison_address_compare      (const LiaisonAddress *a,
                                           const LiaisonAddress *b);
guint        liaison_address_hash         (const LiaisonAddress *address);
void         liaison_address_to_key       (const LiaisonAddress *address,
                                           guint8                key[LIAISON_ADDRESS_KEY_LEN]);
char        *liaison_address_normalize    (const char           *text,
                                           GError              **error);
gboolean     liaison_text_is_loopback     (const char           *canonical);

const char  *liaison_protocol_to_string   (LiaisonProtocol       protocol);
gboolean     liaison_protocol_from_string (const char           *text,
                                           LiaisonProtocol      *out);

G_END_DECLS
