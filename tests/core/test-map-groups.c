/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "liaison-error.h"
#include "liaison-store-groups.h"
#include "map-fixture.h"

/* User groups (map.md 1): stored, listed, edited; a device or an address
 * in one group at most; bad input changes nothing. */

static char *
describe_groups (LiaisonTestFixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) groups = liaison_store_list_groups (f->store, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < groups->len; i++)
    {
      const LiaisonGroup *group = g_ptr_array_index (groups, i);
      g_autofree char *devices = g_strjoinv (",", group->devices);
      g_autofree char *addresses = g_strjoinv (",", group->addresses);

      g_string_append_printf (out, "%s[%s|%s]", group->name, devices, addresses);
    }
  return g_string_free (out, FALSE);
}

static void
assert_groups (LiaisonTestFixture *f,
               const char *expected)
{
  g_autofree char *text = describe_groups (f);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_edit (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  g_autoptr(GError) error = NULL;
  const char *payments[] = { "db01", " 10.0.2.22 ", "::ffff:192.168.10.6", "192.168.10.5", NULL };
  const char *again[] = { "db01", NULL };
  const char *out[] = { "192.168.10.6", "db01", NULL };

  /* The fixture made "shop" of web01 and web02. */
  assert_groups (f, "shop[web01,web02|]");

  g_assert_true (liaison_store_group_add (f->store, "payments", payments, &error));
  g_assert_no_error (error);
  /* Devices by name, addresses canonical and in numeric order. */
  assert_groups (f, "payments[db01|10.0.2.22,192.168.10.5,192.168.10.6]shop[web01,web02|]");

  /* Adding a member twice to its own group changes nothing. */
  g_assert_true (liaison_store_group_add (f->store, "payments", again, &error));
  g_assert_no_error (error);

  g_assert_true (liaison_store_group_remove (f->store, "payments", out, &error));
  g_assert_no_error (error);
  assert_groups (f, "payments[|10.0.2.22,192.168.10.5]shop[web01,web02|]");

  g_assert_true (liaison_store_group_rename (f->store, "payments", "billing", &error));
  g_assert_no_error (error);
  assert_groups (f, "billing[|10.0.2.22,192.168.10.5]shop[web01,web02|]");

  /* An empty group is a group. */
  g_assert_true (liaison_store_group_add (f->store, "empty", NULL, &error));
  g_assert_no_error (error);
  assert_groups (f, "billing[|10.0.2.22,192.168.10.5]empty[|]shop[web01,web02|]");

  g_assert_true (liaison_store_group_remove (f->store, "billing", NULL, &error));
  g_assert_no_error (error);
  assert_groups (f, "empty[|]shop[web01,web02|]");
}

static void
test_bad_input (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  static const struct
  {
    const char   *group;
    const char   *members[3];
    LiaisonError  code;
    const char   *message;
  } adds[] = {
    { "web", { "db01", "web01" }, LIAISON_ERROR_INVALID,
      "“web01” is in the group “shop” already; a device or an address is in one group at most" },
    { "db", { "db01", "db09" }, LIAISON_ERROR_INVALID, "“db09” is neither an IP address nor a known device" },
    { "db", { "127.0.0.1" }, LIAISON_ERROR_INVALID,
      "“127.0.0.1” is no host’s own address (a loopback address belongs to the device it was seen on: add the device)" },
    { "db", { "0.0.0.0" }, LIAISON_ERROR_INVALID,
      "“0.0.0.0” is no host’s own address (a loopback address belongs to the device it was seen on: add the device)" },
    { "db", { "db01", " " }, LIAISON_ERROR_INVALID, "a group member is empty" },
    { " ", { "db01" }, LIAISON_ERROR_INVALID, "a group needs a name" },
    { "db01", { "db02" }, LIAISON_ERROR_INVALID, "“db01” is a device; give the group another name" },
    { "10.0.0.1", { "db02" }, LIAISON_ERROR_INVALID, "“10.0.0.1” is an IP address; give the group another name" },
    { "a\tb", { "db02" }, LIAISON_ERROR_INVALID, "the group name “a\tb” holds a control character" },
  };
  const char *not_member[] = { "db01", NULL };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (adds); i++)
    {
      g_autoptr(GError) add_error = NULL;

      g_assert_false (liaison_store_group_add (f->store, adds[i].group, adds[i].members, &add_error));
      g_assert_error (add_error, LIAISON_ERROR, (gint) adds[i].code);
      g_assert_cmpstr (add_error->message, ==, adds[i].message);
      /* Nothing changed: not even the group the first member went into. */
      assert_groups (f, "shop[web01,web02|]");
    }

  g_assert_false (liaison_store_group_remove (f->store, "shop", not_member, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "“db01” is not in the group “shop”");
  g_clear_error (&error);

  g_assert_false (liaison_store_group_remove (f->store, "nosuch", NULL, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "there is no group “nosuch”");
  g_clear_error (&error);

  g_assert_true (liaison_store_group_add (f->store, "db", not_member, &error));
  g_assert_false (liaison_store_group_rename (f->store, "db", "shop", &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE);
  g_assert_cmpstr (error->message, ==, "there is a group “shop” already");
  g_clear_error (&error);

  g_assert_false (liaison_store_group_rename (f->store, "nosuch", "other", &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND);
  assert_groups (f, "db[db01|]shop[web01,web02|]");
}

/* Groups are stored: another connection to the database sees them. */
static void
test_stored (void)
{
  g_autoptr(LiaisonTestFixture) f = map_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) other = liaison_store_open_existing (liaison_store_get_path (f->store), &error);
  g_autoptr(GPtrArray) groups = NULL;
  const LiaisonGroup *group;

  g_assert_no_error (error);
  groups = liaison_store_list_groups (other, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, ==, 1);
  group = g_ptr_array_index (groups, 0);
  g_assert_cmpstr (group->name, ==, "shop");
  g_assert_cmpuint (g_strv_length (group->devices), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/map-groups/edit", test_edit);
  g_test_add_func ("/map-groups/bad-input", test_bad_input);
  g_test_add_func ("/map-groups/stored", test_stored);

  return g_test_run ();
}
