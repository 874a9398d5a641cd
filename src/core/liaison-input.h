/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * An input file as every importer reads it: a regular file, standard input
 * (`-`), a pipe, a device or a /proc file, gzip-compressed or not. Files are
 * read, never mapped; a regular file that changes while it is read is an
 * error; standard input, pipes, devices and /proc files are read up to
 * LIAISON_INPUT_STREAM_MAX bytes.
 */

/* How much is read from standard input, a pipe, a device or a /proc file (1 GiB). */
#define LIAISON_INPUT_STREAM_MAX (G_GUINT64_CONSTANT (1) << 30)

/* The name standard input goes by in messages. */
#define LIAISON_INPUT_STDIN_NAME "(standard input)"

typedef struct _LiaisonInput LiaisonInput;

LiaisonInput *liaison_input_open          (const char    *path,
                                           GError       **error);
const char   *liaison_input_get_name      (LiaisonInput  *self);
const char   *liaison_input_get_path      (LiaisonInput  *self);
gboolean      liaison_input_is_gzip       (LiaisonInput  *self);
guint64       liaison_input_get_size      (LiaisonInput  *self);
gboolean      liaison_input_starts_with   (LiaisonInput  *self,
                                           const char    *magic,
                                           gsize          length);
gssize        liaison_input_read          (LiaisonInput  *self,
                                           char          *buffer,
                                           gsize          size,
                                           guint          line,
                                           GError       **error);
GBytes       *liaison_input_read_all      (LiaisonInput  *self,
                                           GError       **error);
gboolean      liaison_input_skip_rest     (LiaisonInput  *self,
                                           GCancellable  *cancellable,
                                           GError       **error);
gboolean      liaison_input_finish        (LiaisonInput  *self,
                                           GError       **error);
const char   *liaison_input_get_checksum  (LiaisonInput  *self);
void          liaison_input_free          (LiaisonInput  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonInput, liaison_input_free)

G_END_DECLS
