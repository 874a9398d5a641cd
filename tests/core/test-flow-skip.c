/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>

#include "liaison-flow-skip.h"

/* Records skipped as not service communications (statistics.md 4.1), told
 * in one line, reasons in 4.1's order, protocols by number. */
static void
test_describe (void)
{
  LiaisonFlowSkips skips = { 0 };
  LiaisonFlowSkips more = { 0 };
  g_autofree char *none = liaison_flow_skips_describe (&skips);
  g_autofree char *text = NULL;
  g_autofree char *added = NULL;

  g_assert_null (none);

  skips.reasons[LIAISON_SKIP_PORT_ZERO] = 1;
  skips.reasons[LIAISON_SKIP_PROTOCOL] = 6;
  skips.protocols[58] = 1;
  skips.protocols[1] = 2;
  skips.protocols[47] = 1;
  skips.protocols[253] = 1;
  skips.protocols[LIAISON_SKIP_OTHER_PROTOCOL] = 1;
  skips.reasons[LIAISON_SKIP_ATTEMPT] = 3;
  skips.reasons[LIAISON_SKIP_NO_DATA] = 1;
  g_assert_cmpuint (liaison_flow_skips_total (&skips), ==, 11);
  text = liaison_flow_skips_describe (&skips);
  g_assert_cmpstr (text, ==, "skipped 11 records: 1 NODATA or SKIPDATA line, 2 ICMP, 1 GRE, 1 ICMPv6, "
                             "1 of protocol 253, 1 of another protocol, 1 to port 0, 3 connection attempts");

  more.reasons[LIAISON_SKIP_END_BEFORE_START] = 1;
  more.reasons[LIAISON_SKIP_BEFORE_1990] = 2;
  more.reasons[LIAISON_SKIP_REJECTED] = 1;
  more.reasons[LIAISON_SKIP_ADDRESS] = 1;
  liaison_flow_skips_add (&more, &skips);
  added = liaison_flow_skips_describe (&more);
  g_assert_cmpstr (added, ==, "skipped 16 records: 1 NODATA or SKIPDATA line, 1 rejected, 2 ICMP, 1 GRE, 1 ICMPv6, "
                              "1 of protocol 253, 1 of another protocol, 1 to port 0, "
                              "1 with a broadcast, multicast or unspecified address, 2 stamped before 1990, "
                              "1 ending before it starts, 3 connection attempts");
}

static void
test_protocol_names (void)
{
  g_assert_cmpuint (liaison_ip_protocol_from_name ("ICMP", 4), ==, 1);
  g_assert_cmpuint (liaison_ip_protocol_from_name ("icmp", 4), ==, 1);
  g_assert_cmpuint (liaison_ip_protocol_from_name ("ICMP6", 5), ==, 58);
  g_assert_cmpuint (liaison_ip_protocol_from_name ("ipv6-icmp", 9), ==, 58);
  g_assert_cmpuint (liaison_ip_protocol_from_name ("47", 2), ==, 47);
  g_assert_cmpuint (liaison_ip_protocol_from_name ("256", 3), ==, LIAISON_SKIP_OTHER_PROTOCOL);
  g_assert_cmpuint (liaison_ip_protocol_from_name ("unknown_transport", 17), ==, LIAISON_SKIP_OTHER_PROTOCOL);
  g_assert_cmpstr (liaison_ip_protocol_name (58), ==, "ICMPv6");
  g_assert_null (liaison_ip_protocol_name (253));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/flow-skip/describe", test_describe);
  g_test_add_func ("/flow-skip/protocol-names", test_protocol_names);

  return g_test_run ();
}
