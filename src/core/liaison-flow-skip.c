/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-flow-skip"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "liaison-flow-skip.h"

/* Flow records skipped as not service communications (statistics.md 4.1):
 * counted by reason, and told to the user in one line. */

typedef struct
{
  guint8      number;
  const char *name;            /* as Liaison shows it */
  const char *other_names[3];  /* as files write it (nfdump, Zeek, IANA), any case */
} IpProtocol;

static const IpProtocol ip_protocols[] = {
  { 1, "ICMP", { "icmp", NULL } },
  { 2, "IGMP", { NULL } },
  { 4, "IPIP", { "ipv4", "ip-in-ip", NULL } },
  { 6, "TCP", { NULL } },
  { 17, "UDP", { NULL } },
  { 41, "IPv6", { "ipv6", NULL } },
  { 47, "GRE", { NULL } },
  { 50, "ESP", { "ipsec-esp", NULL } },
  { 51, "AH", { "ipsec-ah", NULL } },
  { 58, "ICMPv6", { "icmp6", "ipv6-icmp", NULL } },
  { 88, "EIGRP", { NULL } },
  { 89, "OSPF", { "ospfigp", NULL } },
  { 103, "PIM", { NULL } },
  { 112, "VRRP", { NULL } },
  { 115, "L2TP", { NULL } },
  { 132, "SCTP", { NULL } },
  { 136, "UDPLite", { NULL } },
};

static gboolean
name_is (const char *name,
         const char *text,
         gsize       length)
{
  return strlen (name) == length && g_ascii_strncasecmp (name, text, length) == 0;
}

/**
 * liaison_ip_protocol_from_name:
 *
 * Returns: the IP protocol number of @name (`ICMP`, `icmp6`, `47`, ...), or
 *   %LIAISON_SKIP_OTHER_PROTOCOL for a name Liaison does not know
 */
guint
liaison_ip_protocol_from_name (const char *name,
                               gsize       length)
{
  guint number = 0;

  if (length > 0 && length <= 3)
    {
      gsize i;

      for (i = 0; i < length && g_ascii_isdigit (name[i]); i++)
        number = number * 10 + (guint) (name[i] - '0');
      if (i == length && number <= 255)
        return number;
    }

  for (guint i = 0; i < G_N_ELEMENTS (ip_protocols); i++)
    {
      const IpProtocol *p = &ip_protocols[i];

      if (name_is (p->name, name, length))
        return p->number;
      for (guint k = 0; p->other_names[k] != NULL; k++)
        if (name_is (p->other_names[k], name, length))
          return p->number;
    }
  return LIAISON_SKIP_OTHER_PROTOCOL;
}

/* The name of IP protocol @protocol, NULL when Liaison knows none. */
const char *
liaison_ip_protocol_name (guint protocol)
{
  for (guint i = 0; i < G_N_ELEMENTS (ip_protocols); i++)
    if (ip_protocols[i].number == protocol)
      return ip_protocols[i].name;
  return NULL;
}

guint64
liaison_flow_skips_total (const LiaisonFlowSkips *skips)
{
  guint64 total = 0;

  for (guint i = 0; i < LIAISON_N_SKIP_REASONS; i++)
    total += skips->reasons[i];
  return total;
}

void
liaison_flow_skips_add (LiaisonFlowSkips       *skips,
                        const LiaisonFlowSkips *other)
{
  for (guint i = 0; i < LIAISON_N_SKIP_REASONS; i++)
    skips->reasons[i] += other->reasons[i];
  for (guint i = 0; i <= LIAISON_SKIP_OTHER_PROTOCOL; i++)
    skips->protocols[i] += other->protocols[i];
}

/* ngettext wants an unsigned long; counts beyond it are plural anyway. */
static gulong
plural (guint64 n)
{
  return n > G_MAXULONG ? G_MAXULONG : (gulong) n;
}

static void
append_protocols (GString                *text,
                  const LiaisonFlowSkips *skips)
{
  for (guint p = 0; p <= LIAISON_SKIP_OTHER_PROTOCOL; p++)
    {
      guint64 n = skips->protocols[p];
      const char *name = liaison_ip_protocol_name (p);

      if (n == 0)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      if (p == LIAISON_SKIP_OTHER_PROTOCOL)
        /* Translators: records of protocols Liaison has no name for. */
        g_string_append_printf (text, ngettext ("%lu of another protocol",
                                                "%lu of other protocols", plural (n)), (gulong) n);
      else if (name != NULL)
        /* Translators: “2 ICMP”: two records of that protocol. */
        g_string_append_printf (text, _("%lu %s"), (gulong) n, name);
      else
        /* Translators: “2 of protocol 253”. */
        g_string_append_printf (text, _("%lu of protocol %u"), (gulong) n, p);
    }
}

/**
 * liaison_flow_skips_describe:
 *
 * What was skipped, for a summary: `skipped 3 records: 2 ICMP, 1 to port 0`.
 *
 * Returns: (transfer full) (nullable): the text, %NULL when nothing was skipped
 */
char *
liaison_flow_skips_describe (const LiaisonFlowSkips *skips)
{
  g_autoptr(GString) reasons = g_string_new (NULL);
  guint64 total = liaison_flow_skips_total (skips);
  g_autofree char *head = NULL;

  if (total == 0)
    return NULL;

  for (guint r = 0; r < LIAISON_N_SKIP_REASONS; r++)
    {
      guint64 n = skips->reasons[r];

      if (n == 0)
        continue;
      if (r == LIAISON_SKIP_PROTOCOL)
        {
          append_protocols (reasons, skips);
          continue;
        }
      if (reasons->len > 0)
        g_string_append (reasons, ", ");

      switch ((LiaisonSkipReason) r)
        {
        case LIAISON_SKIP_NO_DATA:
          g_string_append_printf (reasons, ngettext ("%lu NODATA or SKIPDATA line",
                                                     "%lu NODATA or SKIPDATA lines", plural (n)), (gulong) n);
          break;
        case LIAISON_SKIP_REJECTED:
          g_string_append_printf (reasons, ngettext ("%lu rejected",
                                                     "%lu rejected", plural (n)), (gulong) n);
          break;
        case LIAISON_SKIP_PORT_ZERO:
          g_string_append_printf (reasons, ngettext ("%lu to port 0",
                                                     "%lu to port 0", plural (n)), (gulong) n);
          break;
        case LIAISON_SKIP_ADDRESS:
          g_string_append_printf (reasons, ngettext ("%lu with a broadcast, multicast or unspecified address",
                                                     "%lu with a broadcast, multicast or unspecified address",
                                                     plural (n)), (gulong) n);
          break;
        case LIAISON_SKIP_BEFORE_1990:
          g_string_append_printf (reasons, ngettext ("%lu stamped before 1990",
                                                     "%lu stamped before 1990", plural (n)), (gulong) n);
          break;
        case LIAISON_SKIP_END_BEFORE_START:
          g_string_append_printf (reasons, ngettext ("%lu ending before it starts",
                                                     "%lu ending before they start", plural (n)), (gulong) n);
          break;
        case LIAISON_SKIP_ATTEMPT:
          g_string_append_printf (reasons, ngettext ("%lu connection attempt",
                                                     "%lu connection attempts", plural (n)), (gulong) n);
          break;
        case LIAISON_SKIP_PROTOCOL:
        case LIAISON_N_SKIP_REASONS:
        default:
          g_assert_not_reached ();
        }
    }

  head = g_strdup_printf (ngettext ("skipped %lu record",
                                    "skipped %lu records", plural (total)), (gulong) total);
  /* Translators: “skipped 3 records”, then why: “2 ICMP, 1 to port 0”. */
  return g_strdup_printf (_("%s: %s"), head, reasons->str);
}
