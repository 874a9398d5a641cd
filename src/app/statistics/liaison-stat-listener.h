/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "liaison-store.h"
#include "liaison-time.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_STAT_LISTENER (liaison_stat_listener_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonStatListener, liaison_stat_listener, LIAISON, STAT_LISTENER, GObject)

const char  *liaison_stat_listener_get_listener_ip (LiaisonStatListener *self);
guint        liaison_stat_listener_get_port        (LiaisonStatListener *self);
const char  *liaison_stat_listener_get_protocol    (LiaisonStatListener *self);
const char  *liaison_stat_listener_get_device      (LiaisonStatListener *self);
const char  *liaison_stat_listener_get_key         (LiaisonStatListener *self);
const char  *liaison_stat_listener_get_title       (LiaisonStatListener *self);
gboolean     liaison_stat_listener_get_is_loopback (LiaisonStatListener *self);
guint        liaison_stat_listener_get_clients     (LiaisonStatListener *self);
LiaisonTime  liaison_stat_listener_get_last_found  (LiaisonStatListener *self);
const char  *liaison_stat_listener_get_search_text (LiaisonStatListener *self);
gboolean     liaison_stat_listener_matches_search  (LiaisonStatListener *self,
                                                    const char          *folded);
gboolean     liaison_stat_listener_matches         (LiaisonStatListener *self,
                                                    const char          *listener_ip,
                                                    guint                port,
                                                    const char          *protocol);

GPtrArray   *liaison_stat_listeners_load           (LiaisonStore        *store,
                                                    GError             **error);

G_END_DECLS
