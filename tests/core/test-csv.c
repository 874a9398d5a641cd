/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "liaison-csv.h"
#include "liaison-store-private.h"
#include "liaison-test-fixture.h"

/* Service communications as CSV: the writer of list --format csv and of
 * the application's Export Selected as CSV. */

#define HEADER \
  "id,client_ip,client_device,listener_ip,listener_device,port,protocol," \
  "client_process_name,client_process_display_name,first_detected,last_detected,source\n"

static char *
write_csv (LiaisonStore    *store,
           LiaisonCsvFlags  flags)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  const gint64 ids[] = { 1, 2 };

  g_assert_true (liaison_csv_write_full (store, ids, G_N_ELEMENTS (ids), flags, out, NULL, &error));
  g_assert_no_error (error);
  return liaison_test_memory_text (out);
}

/* Every cell that starts as a spreadsheet formula does (=, +, -, @, a tab,
 * a carriage return, a line feed) is written after a `'`: by default, and
 * so in the application's export, which calls liaison_csv_write(). */
static void
test_formulas (void)
{
  g_autoptr(LiaisonTestFixture) f = liaison_test_fixture_new ();
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *safe = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *text = NULL;
  const gint64 ids[] = { 1, 2 };

  liaison_test_add (f->store, "10.0.0.9", "10.0.0.5", "443", "tcp", "=cmd|' /C calc'!A0");
  liaison_test_add (f->store, "::1", "2001:db8::5", "22", "tcp", "@SUM(1)");
  /* Imports keep what a file says; a form strips the blanks around a name. */
  g_assert_true (liaison_store_exec (f->store,
                                     "INSERT INTO device (name) VALUES (char(9) || 'calc'), (char(13) || '=1'),"
                                     " (char(10) || '+1'), ('-2+3');"
                                     "UPDATE communication SET client_device = char(9) || 'calc',"
                                     " listener_device = char(13) || '=1' WHERE id = 1;"
                                     "UPDATE communication SET client_device = char(10) || '+1',"
                                     " listener_device = '-2+3', client_process_display_name = 'a=b' WHERE id = 2",
                                     &error));
  g_assert_no_error (error);

  safe = write_csv (f->store, LIAISON_CSV_NONE);
  g_assert_cmpstr (safe, ==,
                   HEADER
                   "1,10.0.0.9,'\tcalc,10.0.0.5,\"'\r=1\",443,tcp,'=cmd|' /C calc'!A0,,,,manual\n"
                   "2,::1,\"'\n+1\",2001:db8::5,'-2+3,22,tcp,'@SUM(1),a=b,,,manual\n");

  raw = write_csv (f->store, LIAISON_CSV_RAW);
  g_assert_cmpstr (raw, ==,
                   HEADER
                   "1,10.0.0.9,\tcalc,10.0.0.5,\"\r=1\",443,tcp,=cmd|' /C calc'!A0,,,,manual\n"
                   "2,::1,\"\n+1\",2001:db8::5,-2+3,22,tcp,@SUM(1),a=b,,,manual\n");

  /* liaison_csv_write() is the safe one. */
  g_assert_true (liaison_csv_write (f->store, ids, G_N_ELEMENTS (ids), out, NULL, &error));
  text = liaison_test_memory_text (out);
  g_assert_cmpstr (text, ==, safe);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/formulas", test_formulas);

  return g_test_run ();
}
