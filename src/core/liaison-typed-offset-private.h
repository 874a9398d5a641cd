/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * G_STRUCT_OFFSET (Struct, member), for a member that must be of type
 * Type: it fails to compile when the member is of any other type (a
 * `const char *` where a `char *` is asked for, say). A table of offsets
 * read through G_STRUCT_MEMBER loses the compiler's check that naming the
 * member would have kept; this puts the check back where the table is
 * written.
 */
#define LIAISON_TYPED_OFFSET(Struct, member, Type) \
  _Generic (((Struct *) 0)->member, Type: G_STRUCT_OFFSET (Struct, member))

G_END_DECLS
