/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-address.h"
#include "liaison-store-communications.h"
#include "liaison-store.h"
#include "liaison-time.h"

G_BEGIN_DECLS

/* Bits of communication.user_fields: the fields a user typed, which imports never overwrite. */
#define LIAISON_USER_BIT(column) (1 << (column))

/* A new row of the communication table. */
typedef struct
{
  const LiaisonAddress *client;             /* as liaison_address_parse() makes it */
  const char           *client_device;      /* NULL: none */
  const LiaisonAddress *listener;
  const char           *listener_device;
  guint                 port;
  const char           *protocol;
  const char           *process;            /* "": unknown */
  const char           *display_name;       /* NULL: none */
  LiaisonTime           first;              /* LIAISON_TIME_NONE: none */
  LiaisonTime           last;
  const char           *source;
  const char           *scope;
  guint                 user_fields;        /* LIAISON_USER_BIT()s */
} LiaisonNewCommunication;

gboolean liaison_store_insert_communications (LiaisonStore                   *self,
                                              const LiaisonNewCommunication  *rows,
                                              guint                           n_rows,
                                              gint64                         *last_id,
                                              GError                        **error);
gboolean liaison_store_find_communication    (LiaisonStore                   *self,
                                              const guint8                   *client_key,
                                              const guint8                   *listener_key,
                                              guint                           port,
                                              const char                     *protocol,
                                              const char                     *process,
                                              const char                     *scope,
                                              gint64                          except,
                                              gint64                         *id,
                                              GError                        **error);
gboolean liaison_store_has_communications    (LiaisonStore                   *self,
                                              gboolean                       *any,
                                              GError                        **error);

/* liaison-store-meanwhile.c */
gboolean liaison_communication_same_editable (LiaisonCommunication           *a,
                                              LiaisonCommunication           *b);
GArray  *liaison_store_check_seen            (LiaisonStore                   *self,
                                              GPtrArray                      *seen,
                                              LiaisonMeanwhile              **meanwhile,
                                              GError                        **error);
/* The rows a write on what a person saw goes to (liaison_store_check_ids()). */
typedef struct
{
  GPtrArray        *seen;       /* (element-type LiaisonCommunication): as the person saw them, or NULL */
  const gint64     *ids;        /* without @seen: the rows as they are */
  guint             n_ids;
  LiaisonMeanwhile *meanwhile;  /* what someone else did to @seen since */
} LiaisonSeenRows;

GArray  *liaison_store_check_ids             (LiaisonStore                   *self,
                                              LiaisonSeenRows                *rows,
                                              GError                        **error);
void     liaison_meanwhile_give              (LiaisonSeenRows                *rows,
                                              LiaisonMeanwhile              **out);

G_END_DECLS
