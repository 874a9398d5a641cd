/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-application-private.h"
#include "liaison-communication-model.h"
#include "liaison-communication-row.h"
#include "liaison-communications-page.h"
#include "liaison-store-communications.h"
#include "liaison-test-pg.h"
#include "liaison-window-private.h"

G_BEGIN_DECLS

/*
 * What every test of the application starts from, and the one way to
 * register a test: liaison_test_add(). A test program calls
 * liaison_test_init(), adds its tests and runs g_test_run().
 */

typedef gboolean (*LiaisonTestCondition) (gpointer user_data);
typedef gboolean (*LiaisonTestMatch)     (GtkWidget     *widget,
                                          gconstpointer  data);

typedef enum
{
  LIAISON_TEST_WINDOW,    /* a main window on a database of its own */
  LIAISON_TEST_DATABASE,  /* the database only */
  LIAISON_TEST_FOLDER,    /* a folder, and the path of a database not made yet */
} LiaisonTestStart;

typedef struct
{
  LiaisonTestStart   start;
  void             (*fill) (LiaisonStore *store);  /* rows put in the database first */
} LiaisonTestSetup;

typedef struct
{
  char               *dir;
  char               *path;    /* the database: a file in dir, or a server's URI */
  LiaisonTestPg      *pg;      /* on a server (LIAISON_TEST_SERVER): the test's own schema */
  LiaisonApplication *app;
  LiaisonStore       *store;   /* NULL for LIAISON_TEST_FOLDER */
  LiaisonWindow      *window;  /* only for LIAISON_TEST_WINDOW */
} LiaisonTestFixture;

typedef void (*LiaisonTestFunc) (LiaisonTestFixture *fixture,
                                 gconstpointer       setup);

void       liaison_test_init         (int                  *argc,
                                      char               ***argv);
void       liaison_test_add          (const char           *path,
                                      LiaisonTestFunc       func,
                                      const LiaisonTestSetup *setup);
void       liaison_test_add_file     (const char           *path,
                                      LiaisonTestFunc       func,
                                      const LiaisonTestSetup *setup);
gboolean   liaison_test_wait         (LiaisonTestCondition  condition,
                                      gpointer              user_data,
                                      guint                 timeout_ms);
void       liaison_test_flush        (void);
gint64     liaison_test_add_row      (LiaisonStore         *store,
                                      const char           *client_ip,
                                      const char           *listener_ip,
                                      const char           *port,
                                      const char           *client_device);
void       liaison_test_type         (GtkEditable          *editable,
                                      const char           *text);
GtkWindow *liaison_test_find_window  (GType                 type);
AdwMessageDialog *liaison_test_wait_for_question (const char *heading);
void       liaison_test_answer       (AdwMessageDialog     *question,
                                      const char           *label);
GtkWindow *liaison_test_wait_for_window (GType              type);
void       liaison_test_wait_for_no_window (GType           type);
gboolean   liaison_test_suggestions_shown  (gpointer        completion);
gboolean   liaison_test_suggestions_hidden (gpointer        completion);
gboolean   liaison_test_connection_banner_shown  (gpointer  window);
gboolean   liaison_test_connection_banner_hidden (gpointer  window);
GtkWidget *liaison_test_find_widget  (GtkWidget            *root,
                                      GType                 type,
                                      LiaisonTestMatch      match,
                                      gconstpointer         data);
gboolean   liaison_test_shows_label  (GtkWidget            *widget,
                                      const char           *text);
char      *liaison_test_label_texts  (GtkWidget            *widget);
gboolean   liaison_test_wait_for_label (GtkWidget          *widget,
                                      const char           *text,
                                      guint                 timeout_ms);
void       liaison_test_press_keys   (GtkWindow            *window,
                                      const char           *keys);
void       liaison_test_import_netstat (LiaisonStore       *store,
                                      const char           *name,
                                      const char           *host,
                                      LiaisonTime           time);
gint64     liaison_test_count_samples (const char        *database_path);
GtkFileChooser *liaison_test_wait_for_chooser (void);
void       liaison_test_answer_chooser (GtkFileChooser     *chooser,
                                      int                   response);
void       liaison_test_accept_chooser_on (GtkFileChooser  *chooser,
                                      GFile                *file);

/* Layout: a window of a given size, laid out; what is cut short. */
void       liaison_test_resize         (LiaisonWindow      *window,
                                        int                 width,
                                        int                 height);
gboolean   liaison_test_label_in_full  (GtkWidget          *label);
gboolean   liaison_test_text_fits      (GtkWidget          *widget,
                                        const char         *text);
GPtrArray *liaison_test_get_column_titles (GtkColumnView    *view);

/* Rows for the tests of the list, for LiaisonTestSetup.fill. */
#define LIAISON_TEST_ROWS 1234
#define LIAISON_TEST_MANY_ROWS 50000
void       liaison_test_fill_rows      (LiaisonStore       *store);
void       liaison_test_fill_many_rows (LiaisonStore       *store);

/* The main window's Communications page and what its list shows. */
LiaisonCommunicationsPage *liaison_test_get_page (LiaisonTestFixture *fixture);
guint                      liaison_test_n_rows   (LiaisonTestFixture *fixture);
LiaisonCommunication      *liaison_test_get_row  (LiaisonTestFixture *fixture,
                                                  guint               position);

G_END_DECLS
