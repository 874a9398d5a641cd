/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <arpa/inet.h>
#include <gio/gio.h>
#include <string.h>

#include "liaison-address.h"
#include "liaison-error.h"

static void
test_address_normalize (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "10.0.0.1", "10.0.0.1" },
    { "::FFFF:10.0.0.1", "10.0.0.1" },
    { "[::ffff:10.0.0.1]", "10.0.0.1" },
    { "[::1]", "::1" },
    { "::1", "::1" },
    { "FE80::0001%eth0", "fe80::1" },
    { "2001:DB8:0:0:0:0:0:1", "2001:db8::1" },
    { " 192.168.1.20 ", "192.168.1.20" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = liaison_address_normalize (cases[i].in, &error);
      g_autoptr(GInetAddress) glib = NULL;
      g_autofree char *glib_text = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (out, ==, cases[i].out);

      /* The same text as GLib's canonical form (statistics.md section 1). */
      glib = g_inet_address_new_from_string (out);
      glib_text = g_inet_address_to_string (glib);
      g_assert_cmpstr (out, ==, glib_text);
    }
}

static void
test_address_invalid (void)
{
  static const char *bad[] = { "", "10.0.0.300", "10.0.0", "::g", "host.example", "[10.0.0.1", "1.2.3.4.5",
                               "010.0.0.1", "1.2.3.04", "256.1.1.1", "1..2.3", "1.2.3.", ".1.2.3.4" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = liaison_address_normalize (bad[i], &error);
      g_autofree char *expected = g_strdup_printf ("“%s” is not an IP address", bad[i]);

      g_assert_null (out);
      g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, expected);
    }
}

/* Dotted quads as inet_pton reads them and inet_ntop writes them: every
 * octet from 0 to 255 in each of the four places. */
static void
test_address_quads (void)
{
  for (guint octet = 0; octet <= 255; octet++)
    {
      guint8 quad[4] = { octet, 255 - octet, (octet * 7) % 256, (octet * 13 + 5) % 256 };
      g_autofree char *text = g_strdup_printf ("%u.%u.%u.%u", quad[0], quad[1], quad[2], quad[3]);
      LiaisonAddress address;
      char back[LIAISON_ADDRESS_STRLEN];
      char libc[INET_ADDRSTRLEN];

      g_assert_true (liaison_address_parse (text, -1, &address));
      g_assert_cmpuint (address.family, ==, 4);
      g_assert_cmpmem (address.bytes, 4, quad, 4);
      liaison_address_to_string (&address, back);
      g_assert_cmpstr (back, ==, text);
      g_assert_nonnull (inet_ntop (AF_INET, quad, libc, sizeof libc));
      g_assert_cmpstr (back, ==, libc);
    }
}

/* Texts of digits and dots, most of them near dotted quads, read as
 * inet_pton() reads them: accepted or refused the same, to the same bytes. */
static void
test_address_quads_as_libc (void)
{
  static const char *pieces[] = { "0", "1", "9", "00", "01", "10", "25", "99", "100", "199", "249", "250",
                                  "255", "256", "300", "999", "0255", "1000", "", "." };
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  guint accepted = 0;

  for (guint i = 0; i < 200000; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint n_pieces = g_rand_boolean (rand) ? 4 : g_rand_int_range (rand, 1, 7);
      LiaisonAddress address;
      guint8 libc[4];
      gboolean ours, theirs;

      for (guint k = 0; k < n_pieces; k++)
        {
          if (k > 0)
            g_string_append_c (text, '.');
          g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
        }
      ours = liaison_address_parse (text->str, text->len, &address);
      theirs = inet_pton (AF_INET, text->str, libc) == 1;
      g_assert_cmpint (ours, ==, theirs);
      accepted += ours;
      if (ours)
        {
          g_assert_cmpuint (address.family, ==, 4);
          g_assert_cmpmem (address.bytes, 4, libc, 4);
        }
    }
  /* Both answers are tried often: about one text in twenty is a quad. */
  g_assert_cmpuint (accepted, >, 8000);
}

static void
test_address_order (void)
{
  /* Numeric order, IPv4 before IPv6. */
  static const char *sorted[] = { "9.0.0.1", "10.0.0.2", "10.0.0.10", "127.0.0.1", "::1", "2001:db8::1", "fe80::1" };
  LiaisonAddress prev, cur;

  g_assert_true (liaison_address_parse (sorted[0], -1, &prev));
  for (guint i = 1; i < G_N_ELEMENTS (sorted); i++)
    {
      guint8 a[LIAISON_ADDRESS_KEY_LEN], b[LIAISON_ADDRESS_KEY_LEN];

      g_assert_true (liaison_address_parse (sorted[i], -1, &cur));
      g_assert_cmpint (liaison_address_compare (&prev, &cur), <, 0);
      liaison_address_to_key (&prev, a);
      liaison_address_to_key (&cur, b);
      g_assert_cmpint (memcmp (a, b, sizeof a), <, 0);
      prev = cur;
    }
}

static void
test_address_loopback (void)
{
  g_assert_true (liaison_text_is_loopback ("127.0.0.1"));
  g_assert_true (liaison_text_is_loopback ("127.9.8.7"));
  g_assert_true (liaison_text_is_loopback ("::1"));
  g_assert_true (liaison_text_is_loopback ("::ffff:127.0.0.1"));
  g_assert_false (liaison_text_is_loopback ("128.0.0.1"));
  g_assert_false (liaison_text_is_loopback ("::2"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/address/normalize", test_address_normalize);
  g_test_add_func ("/address/invalid", test_address_invalid);
  g_test_add_func ("/address/quads", test_address_quads);
  g_test_add_func ("/address/quads-as-libc", test_address_quads_as_libc);
  g_test_add_func ("/address/order", test_address_order);
  g_test_add_func ("/address/loopback", test_address_loopback);

  return g_test_run ();
}
