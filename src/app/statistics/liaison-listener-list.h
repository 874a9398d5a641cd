/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The Statistics page's list of listeners: its columns
 * (liaison-listener-columns.c), and the listeners a search finds
 * (liaison-listener-matches.c). */

void liaison_listener_columns_set_up (GtkColumnViewColumn *listener,
                                      GtkColumnViewColumn *device,
                                      GtkColumnViewColumn *clients,
                                      GtkColumnViewColumn *last_found);

#define LIAISON_TYPE_LISTENER_MATCHES (liaison_listener_matches_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonListenerMatches, liaison_listener_matches, LIAISON, LISTENER_MATCHES, GObject)

LiaisonListenerMatches *liaison_listener_matches_new        (GListModel             *listeners);
void                    liaison_listener_matches_set_search (LiaisonListenerMatches *self,
                                                             const char             *folded);

G_END_DECLS
