/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "map-fixture.h"

/*
 * make-map-store FILE: writes the map's hand-built store (map-fixture.h) to
 * FILE, for the tests of the Map page, which cannot link the core tests'
 * fixture beside the application tests' own.
 */
int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  LiaisonTestFixture *f;
  gsize length;

  g_test_init (&argc, &argv, NULL);
  if (argc != 2)
    {
      g_printerr ("usage: make-map-store FILE\n");
      return 2;
    }

  /* It writes a file: the store is built in one, whatever the tests run on. */
  g_unsetenv ("LIAISON_TEST_SERVER");
  f = map_fixture_new ();
  /* The last connection closed: the whole database is in its file. */
  g_clear_object (&f->store);
  if (!g_file_get_contents (f->db, &contents, &length, &error) ||
      !g_file_set_contents (argv[1], contents, (gssize) length, &error))
    {
      g_printerr ("make-map-store: %s\n", error->message);
      liaison_test_fixture_free (f);
      return 1;
    }
  liaison_test_fixture_free (f);
  return 0;
}
