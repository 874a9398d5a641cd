/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "liaison-map-layout.h"
#include "liaison-map.h"
#include "liaison-store.h"

G_BEGIN_DECLS

/* The exports of map.md 6. */
typedef enum
{
  LIAISON_MAP_FORMAT_JSON,      /* {"format": "liaison-map", "version": 1, ...} */
  LIAISON_MAP_FORMAT_DOT,       /* the drawing, as Graphviz DOT with its positions */
  LIAISON_MAP_FORMAT_SVG,
  LIAISON_MAP_FORMAT_PNG,
  LIAISON_MAP_FORMAT_NFTABLES,  /* allow-list rules */
  LIAISON_MAP_FORMAT_CSV,       /* allow-list rules, one line per address pair */
} LiaisonMapFormat;

typedef struct
{
  LiaisonMapFormat        format;
  LiaisonStore           *store;   /* the rules: the store the map was made from */
  const LiaisonMapLayout *layout;  /* the drawings: NULL lays the map out first */
} LiaisonMapExport;

gboolean liaison_map_format_parse (const char              *text,
                                   LiaisonMapFormat        *format,
                                   GError                 **error);
gboolean liaison_map_export       (LiaisonMap              *map,
                                   const LiaisonMapExport  *options,
                                   GOutputStream           *stream,
                                   GCancellable            *cancellable,
                                   GError                 **error);
gboolean liaison_map_export_file  (LiaisonMap              *map,
                                   const LiaisonMapExport  *options,
                                   const char              *path,
                                   GCancellable            *cancellable,
                                   GError                 **error);

G_END_DECLS
