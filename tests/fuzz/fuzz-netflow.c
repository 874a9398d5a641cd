/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>

#include "liaison-netflow-parser.h"

/* libFuzzer: any bytes through the flow file parser, as UTC and as local time. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  for (guint local_time = 0; local_time < 2; local_time++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LiaisonFlowFile) file = NULL;

      file = liaison_netflow_parse ("fuzz.csv", (const char *) data, size, local_time, &error);
      g_assert ((file == NULL) != (error == NULL));
      if (file != NULL)
        {
          g_assert (file->flows != NULL);
          for (guint i = 0; i < file->flows->len; i++)
            {
              const LiaisonFlow *flow = &g_array_index (file->flows, LiaisonFlow, i);

              g_assert (flow->protocol == LIAISON_PROTOCOL_TCP || flow->protocol == LIAISON_PROTOCOL_UDP);
              g_assert (flow->end == LIAISON_TIME_NONE || flow->end >= flow->start);
              g_assert (flow->start >= file->earliest_start);
            }
        }
      else
        g_assert (g_utf8_validate (error->message, -1, NULL));
    }
  return 0;
}
