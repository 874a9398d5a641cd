/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_STORE (liaison_store_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonStore, liaison_store, LIAISON, STORE, GObject)

char         *liaison_store_default_path (void);
LiaisonStore *liaison_store_open         (const char    *path,
                                          GError       **error);
LiaisonStore *liaison_store_open_existing (const char   *path,
                                           GError      **error);
const char   *liaison_store_get_path     (LiaisonStore  *self);
gboolean      liaison_store_begin        (LiaisonStore  *self,
                                          GError       **error);
gboolean      liaison_store_begin_large  (LiaisonStore  *self,
                                          guint64        rows,
                                          GError       **error);
gboolean      liaison_store_commit       (LiaisonStore  *self,
                                          GError       **error);
void          liaison_store_rollback     (LiaisonStore  *self);
gboolean      liaison_store_begin_read   (LiaisonStore  *self,
                                          GError       **error);
void          liaison_store_end_read     (LiaisonStore  *self);
void          liaison_store_changed      (LiaisonStore  *self);
void          liaison_store_watch_others (LiaisonStore  *self);
gboolean      liaison_store_reconnect    (LiaisonStore  *self,
                                          GError       **error);

typedef struct _LiaisonStoreConnection LiaisonStoreConnection;

LiaisonStoreConnection *liaison_store_connection_new  (LiaisonStore            *store);
gboolean                liaison_store_connection_open (LiaisonStoreConnection  *self,
                                                       GError                 **error);
void                    liaison_store_connection_free (LiaisonStoreConnection  *self);
void                    liaison_store_adopt_connection (LiaisonStore           *self,
                                                        LiaisonStoreConnection *connection);
void          liaison_store_set_cancellable (LiaisonStore *self,
                                             GCancellable *cancellable);
gboolean      liaison_store_retry        (LiaisonStore  *self,
                                          guint         *attempt,
                                          GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonStoreConnection, liaison_store_connection_free)

G_END_DECLS
