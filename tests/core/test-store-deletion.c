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

/* The rows as seen now, in the order of @ids. */
static GPtrArray *
seen_rows (LiaisonStore *store,
           const gint64 *ids,
           guint         n)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = liaison_store_get_communications (store, ids, n, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, n);
  return rows;
}

/* Deleting what a person saw, after someone else changed one row and
 * deleted another (team.md 3): refused whole with both versions of the
 * changed one; then the person keeps it (skips it) or deletes it anyway,
 * and the row deleted meanwhile is just gone. */
static void
test_delete_seen (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) other = liaison_store_open_existing (f->db, &error);
  gint64 a = liaison_test_add (f->store, "10.0.0.1", "10.0.0.5", "443", "tcp", NULL);
  gint64 b = liaison_test_add (f->store, "10.0.0.2", "10.0.0.5", "443", "tcp", NULL);
  gint64 c = liaison_test_add (f->store, "10.0.0.3", "10.0.0.5", "443", "tcp", NULL);
  gint64 d = liaison_test_add (f->store, "10.0.0.4", "10.0.0.5", "443", "tcp", NULL);
  gint64 ids[] = { a, b, c, d };
  g_autoptr(GPtrArray) seen = seen_rows (f->store, ids, 4);
  g_autoptr(GPtrArray) skip = NULL;
  g_autoptr(GPtrArray) anyway = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  g_autoptr(LiaisonMeanwhile) conflict = NULL;
  g_autoptr(LiaisonMeanwhile) meanwhile = NULL;
  g_autoptr(LiaisonDeletion) deletion = NULL;
  LiaisonCommunicationInput theirs = { .client_device = "app02" };
  LiaisonCommunication *now;

  g_assert_no_error (error);
  g_assert_true (liaison_store_edit_communication (other, b, &theirs, &error));
  g_assert_true (liaison_store_delete_communications (other, &c, 1, NULL, &error));
  g_assert_no_error (error);

  /* Nothing deleted; both versions of b, and c gone. */
  g_assert_false (liaison_store_delete_communications_seen (f->store, seen, &deletion, &conflict, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_CONFLICT);
  g_assert_cmpstr (error->message, ==, "someone else changed 1 service communication since it was shown");
  g_clear_error (&error);
  g_assert_null (deletion);
  g_assert_cmpint (liaison_store_count_communications (f->store, NULL), ==, 3);
  g_assert_cmpuint (conflict->now->len, ==, 1);
  g_assert_cmpuint (conflict->seen->len, ==, 1);
  now = g_ptr_array_index (conflict->now, 0);
  g_assert_cmpint (liaison_communication_get_id (now), ==, b);
  g_assert_cmpstr (liaison_communication_get_client_device (now), ==, "app02");
  g_assert_true (g_ptr_array_index (conflict->seen, 0) == g_ptr_array_index (seen, 1));
  g_assert_null (liaison_communication_get_client_device (g_ptr_array_index (conflict->seen, 0)));
  g_assert_cmpuint (conflict->gone->len, ==, 1);
  g_assert_cmpint (g_array_index (conflict->gone, gint64, 0), ==, c);

  /* Keep the changed row: the others go, c is said to be gone already. */
  skip = liaison_meanwhile_resolve (conflict, seen, FALSE);
  g_assert_cmpuint (skip->len, ==, 3);
  g_assert_true (liaison_store_delete_communications_seen (f->store, skip, &deletion, &meanwhile, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (liaison_deletion_get_count (deletion), ==, 2);
  g_assert_cmpuint (meanwhile->now->len, ==, 0);
  g_assert_cmpuint (meanwhile->gone->len, ==, 1);
  g_assert_cmpint (g_array_index (meanwhile->gone, gint64, 0), ==, c);
  g_assert_cmpint (liaison_store_count_communications (f->store, NULL), ==, 1);
  kept = seen_rows (f->store, &b, 1);
  g_assert_cmpstr (liaison_communication_get_client_device (g_ptr_array_index (kept, 0)), ==, "app02");

  /* Undo puts back what this deletion deleted. */
  g_assert_true (liaison_store_restore_deletion (f->store, deletion, &error));
  g_assert_no_error (error);
  g_assert_cmpint (liaison_store_count_communications (f->store, NULL), ==, 3);
  g_clear_pointer (&deletion, liaison_deletion_free);

  /* Delete anyway: the changed row as it is now. */
  g_ptr_array_remove_range (seen, 2, 2);
  anyway = liaison_meanwhile_resolve (conflict, seen, TRUE);
  g_assert_cmpuint (anyway->len, ==, 2);
  g_assert_true (g_ptr_array_index (anyway, 1) == now);
  g_clear_pointer (&meanwhile, liaison_meanwhile_free);
  g_assert_true (liaison_store_delete_communications_seen (f->store, anyway, &deletion, &meanwhile, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (liaison_deletion_get_count (deletion), ==, 2);
  g_assert_cmpuint (meanwhile->now->len, ==, 0);
  g_assert_cmpuint (meanwhile->gone->len, ==, 0);
  g_assert_cmpint (liaison_store_count_communications (f->store, NULL), ==, 1);
  g_assert_cmpint (liaison_test_query_int (f->store, "SELECT id FROM communication"), ==, d);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-deletion/delete-and-undo", test_delete_and_undo);
  g_test_add_func ("/store-deletion/delete-seen", test_delete_seen);

  return g_test_run ();
}
