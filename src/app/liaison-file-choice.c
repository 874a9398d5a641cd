/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-file-choice"

#include "config.h"

#include "liaison-file-choice.h"

typedef struct
{
  LiaisonFileChosen  chosen;
  LiaisonFilesChosen files_chosen;
  gpointer           user_data;
  GDestroyNotify     user_data_free;
} Choice;

static void
choice_free (Choice *choice)
{
  if (choice->user_data_free != NULL)
    choice->user_data_free (choice->user_data);
  g_free (choice);
}

static void
on_response (GtkNativeDialog *chooser,
             int              response,
             Choice          *choice)
{
  if (response == GTK_RESPONSE_ACCEPT && choice->files_chosen != NULL)
    {
      g_autoptr(GListModel) list = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        g_ptr_array_add (files, g_list_model_get_item (list, i));
      choice->files_chosen (choice->user_data, (GFile **) files->pdata, files->len);
    }
  else if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        choice->chosen (choice->user_data, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/* Shows @chooser, and answers it with @chosen or @files_chosen, whichever
 * is given. */
static void
choice_show (GtkFileChooserNative *chooser,
             LiaisonFileChosen     chosen,
             LiaisonFilesChosen    files_chosen,
             gpointer              user_data,
             GDestroyNotify        user_data_free)
{
  Choice *choice = g_new0 (Choice, 1);

  choice->chosen = chosen;
  choice->files_chosen = files_chosen;
  choice->user_data = user_data;
  choice->user_data_free = user_data_free;
  g_signal_connect_data (chooser, "response", G_CALLBACK (on_response),
                         choice, (GClosureNotify) (void (*) (void)) choice_free, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * liaison_file_choice_show:
 * @chooser: (transfer full): a chooser of one file, not shown yet
 * @chosen: called with the file chosen, if one is
 * @user_data_free: (nullable): frees @user_data once @chooser is answered
 *
 * Shows @chooser; once it is answered with a file, does with it what
 * @chosen does.
 */
void
liaison_file_choice_show (GtkFileChooserNative *chooser,
                          LiaisonFileChosen     chosen,
                          gpointer              user_data,
                          GDestroyNotify        user_data_free)
{
  g_return_if_fail (GTK_IS_FILE_CHOOSER_NATIVE (chooser));
  g_return_if_fail (chosen != NULL);

  choice_show (chooser, chosen, NULL, user_data, user_data_free);
}

/**
 * liaison_file_choice_show_files:
 * @chooser: (transfer full): a chooser of several files, not shown yet
 * @files_chosen: called with the files chosen, if the person accepts
 * @user_data_free: (nullable): frees @user_data once @chooser is answered
 *
 * Like liaison_file_choice_show(), for a chooser that selects several files.
 */
void
liaison_file_choice_show_files (GtkFileChooserNative *chooser,
                                LiaisonFilesChosen    files_chosen,
                                gpointer              user_data,
                                GDestroyNotify        user_data_free)
{
  g_return_if_fail (GTK_IS_FILE_CHOOSER_NATIVE (chooser));
  g_return_if_fail (files_chosen != NULL);

  choice_show (chooser, NULL, files_chosen, user_data, user_data_free);
}
