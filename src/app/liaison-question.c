/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-question"

#include "config.h"

#include "liaison-question.h"

/**
 * liaison_question_new:
 * @widget: the widget that asks: the question is modal to its window
 * @heading: the question's heading
 * @body: (nullable): what it says under the heading
 * @appearance: how the last response shows (suggested, or destructive)
 * @first_id: the id of the response that leaves things as they are,
 *   followed by its label, then the other responses as id and label, the
 *   one that acts last, and %NULL
 *
 * A question whose first response is also what Escape, the window's close
 * and Enter give, so that nothing is done unless the person chooses it.
 *
 * Returns: (transfer none): the dialog, not yet presented
 */
GtkWidget *
liaison_question_new (GtkWidget             *widget,
                      const char            *heading,
                      const char            *body,
                      AdwResponseAppearance  appearance,
                      const char            *first_id,
                      ...)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  AdwMessageDialog *question = ADW_MESSAGE_DIALOG (dialog);
  const char *last = first_id;
  va_list args;

  va_start (args, first_id);
  for (const char *id = first_id; id != NULL; id = va_arg (args, const char *))
    {
      adw_message_dialog_add_response (question, id, va_arg (args, const char *));
      last = id;
    }
  va_end (args);

  adw_message_dialog_set_response_appearance (question, last, appearance);
  adw_message_dialog_set_default_response (question, first_id);
  adw_message_dialog_set_close_response (question, first_id);
  return dialog;
}
