/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "liaison-address.h"
#include "liaison-content-hash.h"
#include "liaison-error.h"
#include "liaison-time.h"

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
  static const char *bad[] = { "", "10.0.0.300", "10.0.0", "::g", "host.example", "[10.0.0.1", "1.2.3.4.5" };

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

static void
test_time_parse (void)
{
  static const struct { const char *in; gint64 ms; } cases[] = {
    { "2026-11-27T00:01:15Z", G_GINT64_CONSTANT (1795737675000) },
    { "2026-11-27 00:01:15", G_GINT64_CONSTANT (1795737675000) },
    { "2026-11-27T00:01:15.250Z", G_GINT64_CONSTANT (1795737675250) },
    { "2026-11-27T00:01:15,5", G_GINT64_CONSTANT (1795737675500) },
    { "2026-11-27T01:01:15+01:00", G_GINT64_CONSTANT (1795737675000) },
    { "2026-11-26T19:01:15-0500", G_GINT64_CONSTANT (1795737675000) },
    { "1970-01-01T00:00:00Z", 0 },
    { "2024-02-29", G_GINT64_CONSTANT (1709164800000) },
    { "@1795737675", G_GINT64_CONSTANT (1795737675000) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      LiaisonTime t = 0;

      g_assert_true (liaison_time_parse (cases[i].in, -1, FALSE, &t));
      g_assert_cmpint (t, ==, cases[i].ms);
    }
}

static void
test_time_invalid (void)
{
  static const char *bad[] = { "", "yesterday", "2026-13-01", "2026-02-30", "2023-02-29",
                               "2026-11-27T24:00:00", "2026-11-27T00:60", "2026-11-27T00:01:15Q",
                               "2026-11-27T00:01:15+25:00", "26-11-27" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      LiaisonTime t = 0;

      g_assert_false (liaison_time_parse (bad[i], -1, FALSE, &t));
    }
}

static void
test_time_local (void)
{
  LiaisonTime utc = 0, local = 0;
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) dt = g_date_time_new (tz, 2026, 11, 27, 0, 1, 15);

  g_assert_true (liaison_time_parse ("2026-11-27 00:01:15", -1, FALSE, &utc));
  g_assert_true (liaison_time_parse ("2026-11-27 00:01:15", -1, TRUE, &local));
  g_assert_cmpint (local, ==, g_date_time_to_unix (dt) * 1000);
  /* An explicit offset wins over --local-time. */
  g_assert_true (liaison_time_parse ("2026-11-27 00:01:15Z", -1, TRUE, &local));
  g_assert_cmpint (local, ==, utc);
}

static void
test_time_format (void)
{
  char buf[LIAISON_TIME_STRLEN];

  liaison_time_to_string (G_GINT64_CONSTANT (1795737675000), buf);
  g_assert_cmpstr (buf, ==, "2026-11-27T00:01:15Z");
  liaison_time_to_string (G_GINT64_CONSTANT (1795737675250), buf);
  g_assert_cmpstr (buf, ==, "2026-11-27T00:01:15.250Z");
  liaison_time_to_string (-1, buf);
  g_assert_cmpstr (buf, ==, "1969-12-31T23:59:59.999Z");
  liaison_time_to_string (G_GINT64_CONSTANT (951782400000), buf);
  g_assert_cmpstr (buf, ==, "2000-02-29T00:00:00Z");

  liaison_duration_to_string (95000, buf);
  g_assert_cmpstr (buf, ==, "95");
  liaison_duration_to_string (250, buf);
  g_assert_cmpstr (buf, ==, "0.25");
  liaison_duration_to_string (1001, buf);
  g_assert_cmpstr (buf, ==, "1.001");
  liaison_duration_to_string (0, buf);
  g_assert_cmpstr (buf, ==, "0");
}

static void
test_time_round_trip (void)
{
  /* Every second of a leap day and around the epoch turns back into itself. */
  for (gint64 t = G_GINT64_CONSTANT (951782400000) - 86400000; t < G_GINT64_CONSTANT (951782400000) + 86400000 * 2; t += 997)
    {
      char buf[LIAISON_TIME_STRLEN];
      LiaisonTime back = 0;

      liaison_time_to_string (t, buf);
      g_assert_true (liaison_time_parse (buf, -1, FALSE, &back));
      g_assert_cmpint (back, ==, t);
    }
}

static void
test_content_hash (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint8 buf[100] = { 0 };
  g_autofree char *empty = liaison_content_hash ((const guint8 *) "", 0);
  g_autofree char *again = NULL;

  /* The length is part of the text, so files of different sizes never match. */
  g_assert_true (g_str_has_prefix (empty, "c128-0-"));
  g_assert_cmpuint (strlen (empty), ==, strlen ("c128-0-") + 32);

  /* Every length from 0 to 100 of zeros, and every single-bit change of a
   * 100-byte buffer, gives a fingerprint of its own. */
  for (gsize n = 0; n <= sizeof buf; n++)
    g_assert_true (g_hash_table_add (seen, liaison_content_hash (buf, n)));
  for (guint byte = 0; byte < sizeof buf; byte++)
    for (guint bit = 0; bit < 8; bit++)
      {
        buf[byte] ^= 1u << bit;
        g_assert_true (g_hash_table_add (seen, liaison_content_hash (buf, sizeof buf)));
        buf[byte] ^= 1u << bit;
      }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 101 + 800);

  /* The same bytes, the same fingerprint. */
  again = liaison_content_hash ((const guint8 *) "", 0);
  g_assert_cmpstr (again, ==, empty);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/address/normalize", test_address_normalize);
  g_test_add_func ("/address/invalid", test_address_invalid);
  g_test_add_func ("/address/order", test_address_order);
  g_test_add_func ("/address/loopback", test_address_loopback);
  g_test_add_func ("/time/parse", test_time_parse);
  g_test_add_func ("/time/invalid", test_time_invalid);
  g_test_add_func ("/time/local", test_time_local);
  g_test_add_func ("/time/format", test_time_format);
  g_test_add_func ("/time/round-trip", test_time_round_trip);
  g_test_add_func ("/content-hash/distinct", test_content_hash);

  return g_test_run ();
}
