/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What is done with the file a person chose. */
typedef void (*LiaisonFileChosen) (gpointer  user_data,
                                   GFile    *file);

/* What is done with the files a person chose. */
typedef void (*LiaisonFilesChosen) (gpointer   user_data,
                                    GFile    **files,
                                    guint      n_files);

void liaison_file_choice_show (GtkFileChooserNative *chooser,
                               LiaisonFileChosen     chosen,
                               gpointer              user_data,
                               GDestroyNotify        user_data_free);
void liaison_file_choice_show_files (GtkFileChooserNative *chooser,
                                     LiaisonFilesChosen    files_chosen,
                                     gpointer              user_data,
                                     GDestroyNotify        user_data_free);

G_END_DECLS
