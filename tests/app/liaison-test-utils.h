/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-application.h"
#include "liaison-store-communications.h"
#include "liaison-application-private.h"
#include "liaison-communication-model.h"
#include "liaison-communication-row.h"
#include "liaison-window-private.h"

G_BEGIN_DECLS

typedef gboolean (*LiaisonTestCondition) (gpointer user_data);

typedef struct
{
  char               *dir;
  char               *path;
  LiaisonApplication *app;
  LiaisonStore       *store;
  LiaisonWindow      *window;
} LiaisonTestFixture;

void     liaison_test_init           (int                  *argc,
                                      char               ***argv);
gboolean liaison_test_wait           (LiaisonTestCondition  condition,
                                      gpointer              user_data,
                                      guint                 timeout_ms);
void     liaison_test_flush          (void);
void     liaison_test_fixture_setup  (LiaisonTestFixture   *fixture,
                                      gconstpointer         data);
void     liaison_test_fixture_teardown (LiaisonTestFixture *fixture,
                                      gconstpointer         data);
gint64   liaison_test_add_row        (LiaisonStore         *store,
                                      const char           *client_ip,
                                      const char           *listener_ip,
                                      const char           *port,
                                      const char           *client_device);
void     liaison_test_type           (GtkEditable          *editable,
                                      const char           *text);
GtkWindow *liaison_test_find_window  (GType                 type);
void     liaison_test_press_keys     (GtkWindow            *window,
                                      const char           *keys);

G_END_DECLS
