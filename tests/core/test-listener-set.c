/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "liaison-listener-set-private.h"
#include "liaison-test-fixture.h"

/* The known listeners (statistics.md 3.2 and 4.2): which addresses a
 * listener covers, concrete or a wildcard. */

static LiaisonAddress
address (const char *text)
{
  LiaisonAddress out;

  g_assert_true (liaison_address_parse (text, -1, &out));
  return out;
}

static gboolean
covers (const LiaisonListenerSet *set,
        const char               *ip,
        guint16                   port,
        LiaisonProtocol           protocol)
{
  LiaisonAddress a = address (ip);

  return liaison_listener_set_covers (set, &a, port, protocol);
}

static void
add (LiaisonListenerSet *set,
     const char         *ip,
     guint16             port,
     LiaisonProtocol     protocol)
{
  LiaisonAddress a = address (ip);

  liaison_listener_set_add (set, &a, port, protocol);
}

/* Equal when they hold the same listeners, whatever the order they came
 * in; an IPv4-mapped address is its IPv4 one. */
static void
test_equal (void)
{
  LiaisonListenerSet a, b;

  liaison_listener_set_init (&a);
  liaison_listener_set_init (&b);
  g_assert_true (liaison_listener_set_equal (&a, &b));

  add (&a, "10.0.0.5", 443, LIAISON_PROTOCOL_TCP);
  g_assert_false (liaison_listener_set_equal (&a, &b));
  add (&a, "0.0.0.0", 53, LIAISON_PROTOCOL_UDP);
  add (&b, "0.0.0.0", 53, LIAISON_PROTOCOL_UDP);
  add (&b, "::ffff:10.0.0.5", 443, LIAISON_PROTOCOL_TCP);
  g_assert_true (liaison_listener_set_equal (&a, &b));

  add (&b, "10.0.0.5", 443, LIAISON_PROTOCOL_UDP);
  g_assert_false (liaison_listener_set_equal (&a, &b));
  liaison_listener_set_clear (&a);
  liaison_listener_set_clear (&b);
}

static void
test_exact (void)
{
  LiaisonListenerSet set;

  liaison_listener_set_init (&set);
  g_assert_false (covers (&set, "10.0.0.5", 443, LIAISON_PROTOCOL_TCP));

  add (&set, "10.0.0.5", 443, LIAISON_PROTOCOL_TCP);
  g_assert_true (covers (&set, "10.0.0.5", 443, LIAISON_PROTOCOL_TCP));
  g_assert_true (covers (&set, "::ffff:10.0.0.5", 443, LIAISON_PROTOCOL_TCP));
  g_assert_false (covers (&set, "10.0.0.6", 443, LIAISON_PROTOCOL_TCP));
  g_assert_false (covers (&set, "10.0.0.5", 444, LIAISON_PROTOCOL_TCP));
  g_assert_false (covers (&set, "10.0.0.5", 443, LIAISON_PROTOCOL_UDP));
  liaison_listener_set_clear (&set);
}

/* 0.0.0.0 covers every IPv4 address of its port, :: every address. */
static void
test_wildcards (void)
{
  LiaisonListenerSet set;

  liaison_listener_set_init (&set);
  add (&set, "0.0.0.0", 80, LIAISON_PROTOCOL_TCP);
  add (&set, "::", 22, LIAISON_PROTOCOL_TCP);

  g_assert_true (covers (&set, "10.1.2.3", 80, LIAISON_PROTOCOL_TCP));
  g_assert_true (covers (&set, "127.0.0.1", 80, LIAISON_PROTOCOL_TCP));
  g_assert_false (covers (&set, "2001:db8::1", 80, LIAISON_PROTOCOL_TCP));
  g_assert_false (covers (&set, "10.1.2.3", 80, LIAISON_PROTOCOL_UDP));

  g_assert_true (covers (&set, "10.1.2.3", 22, LIAISON_PROTOCOL_TCP));
  g_assert_true (covers (&set, "2001:db8::1", 22, LIAISON_PROTOCOL_TCP));
  g_assert_true (covers (&set, "::1", 22, LIAISON_PROTOCOL_TCP));
  g_assert_false (covers (&set, "::1", 23, LIAISON_PROTOCOL_TCP));
  liaison_listener_set_clear (&set);
}

/* A connection to a known listener discovers the listeners that cover its
 * address, and only those. */
static void
test_add_covering (void)
{
  LiaisonListenerSet known, discovered;
  LiaisonAddress local = address ("10.0.0.5");

  liaison_listener_set_init (&known);
  liaison_listener_set_init (&discovered);
  add (&known, "10.0.0.5", 443, LIAISON_PROTOCOL_TCP);
  add (&known, "0.0.0.0", 443, LIAISON_PROTOCOL_TCP);
  add (&known, "::", 443, LIAISON_PROTOCOL_TCP);
  add (&known, "10.0.0.6", 443, LIAISON_PROTOCOL_TCP);
  add (&known, "0.0.0.0", 8080, LIAISON_PROTOCOL_TCP);

  liaison_listener_set_add_covering (&discovered, &known, &local, 443, LIAISON_PROTOCOL_TCP);
  g_assert_true (covers (&discovered, "10.0.0.5", 443, LIAISON_PROTOCOL_TCP));
  g_assert_true (covers (&discovered, "10.9.9.9", 443, LIAISON_PROTOCOL_TCP));
  g_assert_true (covers (&discovered, "2001:db8::1", 443, LIAISON_PROTOCOL_TCP));
  g_assert_false (covers (&discovered, "10.0.0.5", 8080, LIAISON_PROTOCOL_TCP));
  g_assert_cmpuint (g_hash_table_size (discovered.exact), ==, 1);

  liaison_listener_set_clear (&known);
  liaison_listener_set_clear (&discovered);
}

static gboolean
describe (const LiaisonListener  *listener,
          gpointer                user_data,
          GError                **error)
{
  GPtrArray *calls = user_data;
  char ip[LIAISON_ADDRESS_STRLEN];

  if (listener->address != NULL)
    liaison_address_to_string (listener->address, ip);
  g_ptr_array_add (calls, g_strdup_printf ("%s:%u/%s",
                                           listener->address != NULL ? ip : listener->ipv4_only ? "0.0.0.0" : "::",
                                           listener->port, liaison_protocol_to_string (listener->protocol)));
  return TRUE;
}

static int
compare_text (gconstpointer a,
              gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Each address the set covers is covered by one call: a concrete listener
 * under a wildcard of its port, and 0.0.0.0 beside ::, are left out. */
static void
test_foreach (void)
{
  g_autoptr(GPtrArray) calls = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;
  LiaisonListenerSet set;

  liaison_listener_set_init (&set);
  add (&set, "10.0.0.5", 443, LIAISON_PROTOCOL_TCP);
  add (&set, "0.0.0.0", 443, LIAISON_PROTOCOL_TCP);
  add (&set, "2001:db8::5", 443, LIAISON_PROTOCOL_TCP);
  add (&set, "10.0.0.5", 22, LIAISON_PROTOCOL_TCP);
  add (&set, "::", 22, LIAISON_PROTOCOL_TCP);
  add (&set, "0.0.0.0", 22, LIAISON_PROTOCOL_TCP);
  add (&set, "10.0.0.5", 53, LIAISON_PROTOCOL_UDP);
  add (&set, "0.0.0.0", 53, LIAISON_PROTOCOL_TCP);

  g_assert_true (liaison_listener_set_foreach (&set, describe, calls, NULL));
  g_ptr_array_sort (calls, compare_text);
  g_ptr_array_add (calls, NULL);
  text = g_strjoinv (" ", (char **) calls->pdata);
  g_assert_cmpstr (text, ==, "0.0.0.0:443/tcp 0.0.0.0:53/tcp 10.0.0.5:53/udp 2001:db8::5:443/tcp :::22/tcp");
  liaison_listener_set_clear (&set);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/listener-set/exact", test_exact);
  g_test_add_func ("/listener-set/wildcards", test_wildcards);
  g_test_add_func ("/listener-set/add-covering", test_add_covering);
  g_test_add_func ("/listener-set/foreach", test_foreach);
  g_test_add_func ("/listener-set/equal", test_equal);

  return g_test_run ();
}
