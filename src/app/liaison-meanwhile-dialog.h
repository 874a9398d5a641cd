/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-store-communications.h"

G_BEGIN_DECLS

/* What the question says for one kind of write. */
typedef struct
{
  const char *question;      /* after the rows: what the two choices do */
  const char *skip_label;    /* the response that leaves the changed rows as they are */
  const char *anyway_label;  /* the response that writes them too */
  gboolean    destructive;   /* whether writing them destroys something (a delete) */
} LiaisonMeanwhileWords;

/* Tries the write on @seen (a liaison_store_*_seen() call on @store), in a worker. */
typedef gboolean (*LiaisonSeenWrite) (LiaisonStore      *store,
                                      GPtrArray         *seen,
                                      LiaisonMeanwhile **meanwhile,
                                      gpointer           user_data,
                                      GError           **error);
/* The write is done, on @seen; @gone rows chosen were deleted before it
 * began, and @meanwhile->gone says which of @seen were deleted meanwhile. */
typedef void     (*LiaisonSeenDone)  (GPtrArray         *seen,
                                      guint              gone,
                                      LiaisonMeanwhile  *meanwhile,
                                      gpointer           user_data);

/* One write on rows chosen: what its question says, what it does and
 * what follows, with the data they are given. */
typedef struct
{
  LiaisonMeanwhileWords  words;
  LiaisonSeenWrite       write;
  LiaisonSeenDone        done;
  gpointer               user_data;
  GDestroyNotify         notify;      /* (nullable): frees @user_data at the end, whatever the end */
} LiaisonMeanwhileWrite;

void       liaison_meanwhile_write            (GtkWidget                   *widget,
                                               LiaisonStore                *store,
                                               const gint64                *ids,
                                               LiaisonCommunication       **shown,
                                               guint                        n,
                                               const LiaisonMeanwhileWrite *how);
GPtrArray *liaison_meanwhile_hold_shown       (LiaisonCommunication       **shown,
                                               guint                        n);
GPtrArray *liaison_meanwhile_shown_rows       (LiaisonStore                *store,
                                               const gint64                *ids,
                                               LiaisonCommunication       **shown,
                                               guint                        n,
                                               guint                       *n_gone,
                                               GError                     **error);
char      *liaison_meanwhile_done_title       (const char                  *done,
                                               guint                        gone);

G_END_DECLS
