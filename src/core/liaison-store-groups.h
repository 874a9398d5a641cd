/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-store.h"

G_BEGIN_DECLS

/*
 * User groups (map.md 1): named sets of devices and addresses, such as an
 * application or a move group, that the map can collapse to one node. A
 * device or an address belongs to at most one group. A member is an
 * address when it reads as one, else the name of a known device.
 */

typedef struct
{
  char  *name;
  GStrv  devices;      /* by name */
  GStrv  addresses;    /* canonical text, in numeric order */
} LiaisonGroup;

void       liaison_group_free            (LiaisonGroup        *group);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonGroup, liaison_group_free)

gboolean   liaison_store_group_add       (LiaisonStore        *self,
                                          const char          *name,
                                          const char * const  *members,
                                          GError             **error);
gboolean   liaison_store_group_remove    (LiaisonStore        *self,
                                          const char          *name,
                                          const char * const  *members,
                                          GError             **error);
gboolean   liaison_store_group_rename    (LiaisonStore        *self,
                                          const char          *name,
                                          const char          *new_name,
                                          GError             **error);
GPtrArray *liaison_store_list_groups     (LiaisonStore        *self,
                                          GError             **error);

G_END_DECLS
