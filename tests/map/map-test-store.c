/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "liaison-map-export.h"
#include "map-test-store.h"

/* The store, written by make-map-store ($LIAISON_MAP_STORE), in a new
 * temporary folder. */
MapTestStore *
map_test_store_new (void)
{
  const char *maker = g_getenv ("LIAISON_MAP_STORE");
  g_autoptr(GError) error = NULL;
  MapTestStore *self = g_new0 (MapTestStore, 1);
  int status = 0;

  g_assert_nonnull (maker);
  self->dir = g_dir_make_tmp ("liaison-map-XXXXXX", &error);
  g_assert_no_error (error);
  self->database = g_build_filename (self->dir, "liaison.db", NULL);
  {
    const char *argv[] = { maker, self->database, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                                 &status, &error));
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  self->store = liaison_store_open (self->database, &error);
  g_assert_no_error (error);
  return self;
}

void
map_test_store_free (MapTestStore *self)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (self == NULL)
    return;
  g_clear_object (&self->store);
  dir = g_dir_open (self->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (self->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (self->dir);
  g_free (self->dir);
  g_free (self->database);
  g_free (self);
}

/* The scene of the map with @filter and @grouping, laid out by Graphviz. */
LiaisonMapScene *
map_test_store_scene (MapTestStore             *self,
                      const LiaisonMapFilter   *filter,
                      const LiaisonMapGrouping *grouping)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonMap) map = liaison_map_new (self->store, filter, grouping, NULL, &error);
  LiaisonMapLayout *layout;

  g_assert_no_error (error);
  layout = liaison_map_layout_compute (map, LIAISON_LAYOUT_AUTO, NULL, &error);
  g_assert_no_error (error);
  return liaison_map_scene_new (map, layout);
}

/* What the core writes for that map in @format (json, nftables, csv), as
 * `liaison-cli map` and `rules` write it. */
char *
map_test_store_export (MapTestStore             *self,
                       const LiaisonMapFilter   *filter,
                       const LiaisonMapGrouping *grouping,
                       const char               *format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonMap) map = liaison_map_new (self->store, filter, grouping, NULL, &error);
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  LiaisonMapExport options = { 0, self->store, NULL };

  g_assert_no_error (error);
  g_assert_true (liaison_map_format_parse (format, &options.format, &error));
  g_assert_true (liaison_map_export (map, &options, stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (stream, "", 1, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (stream, NULL, NULL));
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
}

/* The line from @client to @listener, by their ids. */
guint
map_test_store_find_link (LiaisonMapScene *scene,
                          const char      *client,
                          const char      *listener)
{
  const LiaisonMapLayout *layout = liaison_map_scene_get_layout (scene);
  LiaisonMap *map = liaison_map_scene_get_map (scene);

  for (guint i = 0; i < layout->n_links; i++)
    if (g_str_equal (liaison_map_get_node (map, layout->links[i].client)->id, client) &&
        g_str_equal (liaison_map_get_node (map, layout->links[i].listener)->id, listener))
      return i;
  g_assert_not_reached ();
}
