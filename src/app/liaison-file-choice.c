/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-file-choice"

#include "config.h"

#include "liaison-file-choice.h"

typedef struct
{
  LiaisonFileChosen chosen;
  gpointer          user_data;
  GDestroyNotify    user_data_free;
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
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        choice->chosen (choice->user_data, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
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
  Choice *choice;

  g_return_if_fail (GTK_IS_FILE_CHOOSER_NATIVE (chooser));
  g_return_if_fail (chosen != NULL);

  choice = g_new0 (Choice, 1);
  choice->chosen = chosen;
  choice->user_data = user_data;
  choice->user_data_free = user_data_free;
  g_signal_connect_data (chooser, "response", G_CALLBACK (on_response),
                         choice, (GClosureNotify) (void (*) (void)) choice_free, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
