/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A fingerprint being taken of bytes that come in pieces. */
typedef struct
{
  guint64 lanes[4];
  guint64 length;
  guint8  block[32];           /* the bytes of a block not yet complete */
  guint   pending;
} LiaisonContentHash;

char *liaison_content_hash        (const guint8       *data,
                                   gsize               length);
void  liaison_content_hash_init   (LiaisonContentHash *state);
void  liaison_content_hash_update (LiaisonContentHash *state,
                                   const guint8       *data,
                                   gsize               length);
char *liaison_content_hash_end    (LiaisonContentHash *state);

G_END_DECLS
