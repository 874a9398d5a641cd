/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-tooltip"

#include "config.h"

#include "liaison-tooltip.h"

/*
 * A tooltip's text, kept and given when the tooltip is about to show.
 * gtk_widget_set_tooltip_text() asks the display where the pointer is at
 * once (a round trip to the X server): at each bind of a list's cell, or
 * for each figure of a client, those add up to most of a frame.
 */

static G_DEFINE_QUARK (liaison-tooltip-text, tooltip_text)

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  const char *text = g_object_get_qdata (G_OBJECT (widget), tooltip_text_quark ());

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* @text: (nullable): the tooltip's text, or %NULL for none */
void
liaison_tooltip_set_text (GtkWidget  *widget,
                          const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (g_object_get_qdata (G_OBJECT (widget), tooltip_text_quark ()) == NULL && text == NULL)
    return;
  if (!g_signal_handler_find (widget, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, query_tooltip_cb, NULL))
    g_signal_connect (widget, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  g_object_set_qdata_full (G_OBJECT (widget), tooltip_text_quark (), g_strdup (text), g_free);
  if (gtk_widget_get_has_tooltip (widget) != (text != NULL))
    gtk_widget_set_has_tooltip (widget, text != NULL);
}
