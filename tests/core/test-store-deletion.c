/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "liaison-error.h"
#include "liaison-store-communications.h"
#include "liaison-store-private.h"
#include "liaison-test-fixture.h"

/* Deleting service communications, and undoing it. */

static void
test_delete_and_undo (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  gint64 a = liaison_test_add (f->store, "10.0.0.1", "10.0.0.5", "443", "tcp", "curl");
  gint64 b = liaison_test_add (f->store, "10.0.0.2", "10.0.0.5", "443", "tcp", NULL);
  gint64 c = liaison_test_add (f->store, "10.0.0.3", "10.0.0.5", "443", "tcp", NULL);
  gint64 ids[] = { a, c };
  g_autofree char *before = liaison_test_list (f->store);
  g_autoptr(LiaisonDeletion) deletion = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  g_autofree char *restored = NULL;
  gint64 d;

  /* Classic statistics go with their row and come back with it. */
  g_assert_true (liaison_store_exec (f->store,
                                     "INSERT INTO classic_stat (communication_id, host, total_samples, active_samples,"
                                     " total_ports, first_found, last_found) VALUES (1, 'app01', 4, 2, 3, 1000, 2000)", NULL));

  g_assert_true (liaison_store_delete_communications (f->store, ids, 2, &deletion, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (liaison_deletion_get_count (deletion), ==, 2);
  g_assert_cmpint (liaison_store_count_communications (f->store, NULL), ==, 1);
  after = liaison_test_list (f->store);
  g_assert_true (strstr (after, "10.0.0.2") != NULL);
  g_assert_null (strstr (after, "10.0.0.1,"));

  /* A new row never takes a deleted row's id. */
  d = liaison_test_add (f->store, "10.0.0.4", "10.0.0.5", "443", "tcp", NULL);
  g_assert_cmpint (d, >, c);
  g_assert_cmpint (b, <, c);

  g_assert_true (liaison_store_restore_deletion (f->store, deletion, &error));
  g_assert_no_error (error);
  {
    LiaisonCommunicationInput none = { 0 };
    gint64 dd[] = { d };
    g_assert_true (liaison_store_delete_communications (f->store, dd, 1, NULL, &error));
    g_assert_no_error (error);
    (void) none;
  }
  restored = liaison_test_list (f->store);
  g_assert_cmpstr (restored, ==, before);

  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT total_samples FROM classic_stat WHERE communication_id = 1"), ==, 4);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT active_samples FROM classic_stat WHERE communication_id = 1"), ==, 2);

  /* Deleting a row that does not exist changes nothing. */
  {
    gint64 missing[] = { a, 424242 };
    g_assert_false (liaison_store_delete_communications (f->store, missing, 2, NULL, &error));
    g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND);
    g_assert_cmpint (liaison_store_count_communications (f->store, NULL), ==, 3);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-deletion/delete-and-undo", test_delete_and_undo);

  return g_test_run ();
}
