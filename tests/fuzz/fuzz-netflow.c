/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "liaison-netflow-parser.h"

/* libFuzzer: any bytes through the flow file parser (nfdump CSV, Liaison CSV,
 * Zeek conn.log TSV and JSON, AWS VPC Flow Logs), as UTC and as local time,
 * skipping and strict; gzip-compressed bytes through a file, as they are read. */

static void
check (LiaisonFlowFile *file,
       GError          *error)
{
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
          g_assert (flow->start <= file->latest_start);
          g_assert (flow->oriented <= LIAISON_FLOW_SRC_LISTENER);
        }
    }
  else
    g_assert (g_utf8_validate (error->message, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  for (guint mode = 0; mode < 4; mode++)
    {
      LiaisonFlowReadOptions options = { mode & 1, (mode & 2) != 0 };
      g_autoptr(GError) error = NULL;
      g_autoptr(LiaisonFlowFile) file = NULL;

      file = liaison_netflow_parse ("fuzz.csv", (const char *) data, size, &options, &error);
      check (file, error);
    }

  /* gzip: decompressed on the way, through the input room */
  if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b)
    {
      g_autofree char *path = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(LiaisonFlowFile) file = NULL;
      int fd = g_file_open_tmp ("fuzz-netflow-XXXXXX.gz", &path, NULL);

      g_assert (fd >= 0);
      g_assert (write (fd, data, size) == (gssize) size);
      close (fd);
      file = liaison_netflow_read_file (path, NULL, &error);
      check (file, error);
      g_unlink (path);
    }
  return 0;
}
