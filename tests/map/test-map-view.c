/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "liaison-map-view-private.h"
#include "liaison-test-utils.h"
#include "map-test-store.h"

/*
 * liaison-map-view.c (and -input.c): the map of the hand-built store drawn
 * by the widget, rendered to a texture by the cairo renderer, with the
 * colours of persistence where its lines are, in light and dark style; the
 * view under zoom and pan; every node a named, focusable child; and the
 * keyboard going through the nodes, pressed through the X server.
 */

#define WIDTH  900
#define HEIGHT 560

typedef struct
{
  MapTestStore    *store;
  LiaisonMapScene *scene;
  GtkWindow       *window;
  LiaisonMapView  *view;
  GtkWidget       *after;      /* a button after the map, for the focus to leave to */
} View;

static gboolean
rendered (gpointer data)
{
  return liaison_map_view_is_rendered (data);
}

static void
wait_rendered (LiaisonMapView *view)
{
  g_assert_true (liaison_test_wait (rendered, view, 10000));
  liaison_test_flush ();
}

static void
view_open (View *v)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  v->store = map_test_store_new ();
  v->scene = map_test_store_scene (v->store, NULL, NULL);
  v->view = LIAISON_MAP_VIEW (liaison_map_view_new ());
  v->after = gtk_button_new_with_label ("after");
  gtk_widget_set_vexpand (GTK_WIDGET (v->view), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (v->view));
  gtk_box_append (GTK_BOX (box), v->after);

  v->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (v->window, WIDTH, HEIGHT + 40);
  gtk_window_set_child (v->window, box);
  liaison_map_view_set_scene (v->view, v->scene, FALSE);
  gtk_window_present (v->window);
  wait_rendered (v->view);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (v->view)), ==, WIDTH);
}

static void
view_close (View *v)
{
  gtk_window_destroy (v->window);
  liaison_test_flush ();
  g_clear_pointer (&v->scene, liaison_map_scene_unref);
  g_clear_pointer (&v->store, map_test_store_free);
}

/* Pixels -------------------------------------------------------------------------- */

typedef struct
{
  int     width;
  int     height;
  guint8 *data;          /* B8G8R8A8 premultiplied, opaque here */
} Pixels;

static void
pixels_free (Pixels *pixels)
{
  g_free (pixels->data);
  g_free (pixels);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pixels, pixels_free)

/* The view's snapshot as the cairo renderer draws it. */
static Pixels *
render (LiaisonMapView *view)
{
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  Pixels *pixels = g_new0 (Pixels, 1);

  pixels->width = gtk_widget_get_width (GTK_WIDGET (view));
  pixels->height = gtk_widget_get_height (GTK_WIDGET (view));
  GTK_WIDGET_GET_CLASS (view)->snapshot (GTK_WIDGET (view), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  g_assert_true (gsk_renderer_realize (renderer, NULL, &error));
  g_assert_no_error (error);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, pixels->width, pixels->height));
  pixels->data = g_malloc ((gsize) pixels->width * pixels->height * 4);
  gdk_texture_download (texture, pixels->data, (gsize) pixels->width * 4);
  gsk_renderer_unrealize (renderer);
  return pixels;
}

static guint
distance (const Pixels *pixels,
          int           x,
          int           y,
          const char   *expected)
{
  const guint8 *p = &pixels->data[((gsize) y * pixels->width + x) * 4];
  GdkRGBA want;

  g_assert_true (gdk_rgba_parse (&want, expected));
  return (guint) (abs (p[2] - (int) round (want.red * 255)) + abs (p[1] - (int) round (want.green * 255)) +
                  abs (p[0] - (int) round (want.blue * 255)));
}

static void
dump (const Pixels *pixels,
      double        x,
      double        y)
{
  const char *path = g_getenv ("LIAISON_TEST_DUMP");
  cairo_surface_t *image;
  cairo_t *cr;

  if (path == NULL)
    return;
  image = cairo_image_surface_create_for_data (pixels->data, CAIRO_FORMAT_ARGB32, pixels->width,
                                               pixels->height, pixels->width * 4);
  cr = cairo_create (image);
  cairo_set_source_rgb (cr, 1, 0, 1);
  cairo_arc (cr, x, y, 6, 0, 2 * G_PI);
  cairo_stroke (cr);
  cairo_destroy (cr);
  cairo_surface_write_to_png (image, path);
  cairo_surface_destroy (image);
}

/* The pixel at (@x, @y), or one next to it (a line one pixel wide lies on
 * one of them), is @expected, to a rounding. */
static void
assert_color_near (const Pixels *pixels,
                   double        x,
                   double        y,
                   const char   *expected)
{
  guint best = G_MAXUINT;

  for (int dy = -1; dy <= 1; dy++)
    for (int dx = -1; dx <= 1; dx++)
      {
        int px = (int) floor (x) + dx, py = (int) floor (y) + dy;

        if (px >= 0 && py >= 0 && px < pixels->width && py < pixels->height)
          best = MIN (best, distance (pixels, px, py, expected));
      }
  if (best > 9)
    {
      dump (pixels, x, y);
      g_error ("no pixel near (%.1f, %.1f) is %s (closest: %u off)", x, y, expected, best);
    }
}

/* A thin line, smoothed: a pixel at (@x, @y) or next to it is @expected laid
 * over @background, at least three quarters covered, and of that hue. */
static void
assert_line_near (const Pixels *pixels,
                  double        x,
                  double        y,
                  const char   *expected,
                  const char   *background)
{
  GdkRGBA line, under;
  double best_cover = 0;

  g_assert_true (gdk_rgba_parse (&line, expected) && gdk_rgba_parse (&under, background));
  for (int dy = -1; dy <= 1; dy++)
    for (int dx = -1; dx <= 1; dx++)
      {
        int px = (int) floor (x) + dx, py = (int) floor (y) + dy;
        const guint8 *p = &pixels->data[((gsize) py * pixels->width + px) * 4];
        double want[3] = { line.red * 255, line.green * 255, line.blue * 255 };
        double bg[3] = { under.red * 255, under.green * 255, under.blue * 255 };
        double got[3] = { p[2], p[1], p[0] };
        double num = 0, den = 0, cover, off = 0;

        /* The cover that best explains the pixel, and what it leaves. */
        for (guint c = 0; c < 3; c++)
          {
            num += (got[c] - bg[c]) * (want[c] - bg[c]);
            den += (want[c] - bg[c]) * (want[c] - bg[c]);
          }
        cover = den > 0 ? num / den : 0;
        for (guint c = 0; c < 3; c++)
          off += fabs (bg[c] + cover * (want[c] - bg[c]) - got[c]);
        if (off <= 12 && cover > best_cover)
          best_cover = cover;
      }
  if (best_cover < 0.75)
    {
      dump (pixels, x, y);
      g_error ("no pixel near (%.1f, %.1f) is a line of %s (best cover %.2f)", x, y, expected, best_cover);
    }
}

static gboolean
inside (double x,
        double y,
        double cx,
        double cy,
        double width,
        double height)
{
  return fabs (x - cx) <= width / 2 + 6 && fabs (y - cy) <= height / 2 + 6;
}

/* A point of the line from @client to @listener, in the view: the one
 * nearest the middle of its curve that neither its label nor a node covers. */
static void
link_point (View       *v,
            const char *client,
            const char *listener,
            double     *x,
            double     *y)
{
  const LiaisonMapLayout *layout = liaison_map_scene_get_layout (v->scene);
  const LiaisonLayoutLink *l = &layout->links[map_test_store_find_link (v->scene, client, listener)];
  const LiaisonPoint *p = &layout->points[l->first_point];
  double scale = liaison_map_view_get_zoom (v->view);
  double cx, cy, lx = 0, ly = 0;
  gboolean found = FALSE;

  /* From the middle of the curve outwards. */
  for (guint piece = 0; !found && piece + 3 < l->n_points; piece += 3)
    for (int step = 0; !found && step < 19; step++)
      {
        double t = 0.5 + (step % 2 == 0 ? 1 : -1) * 0.05 * ((step + 1) / 2), u = 1 - t;

        lx = u * u * u * p[piece].x + 3 * u * u * t * p[piece + 1].x + 3 * u * t * t * p[piece + 2].x +
             t * t * t * p[piece + 3].x;
        ly = u * u * u * p[piece].y + 3 * u * u * t * p[piece + 1].y + 3 * u * t * t * p[piece + 2].y +
             t * t * t * p[piece + 3].y;
        found = !inside (lx, ly, l->label_at.x, l->label_at.y, l->label_width, l->label_height);
        for (guint n = 0; found && n < layout->n_nodes; n++)
          found = !inside (lx, ly, layout->nodes[n].x, layout->nodes[n].y, layout->nodes[n].width,
                           layout->nodes[n].height);
      }
  g_assert_true (found);

  /* widget = layout * scale + offset: the offset from node 0. */
  liaison_map_view_node_position (v->view, 0, &cx, &cy);
  *x = lx * scale + cx - layout->nodes[0].x * scale;
  *y = ly * scale + cy - layout->nodes[0].y * scale;
}

/* A point inside @id's box, left of its label. */
static void
node_inside (View       *v,
             const char *id,
             double     *x,
             double     *y)
{
  guint node = liaison_map_scene_find_node (v->scene, id);
  LiaisonMapRect r;

  liaison_map_scene_get_node_rect (v->scene, node, &r);
  liaison_map_view_node_position (v->view, node, x, y);
  *x -= (r.x1 - r.x0) / 2 * liaison_map_view_get_zoom (v->view) - 4;
}

typedef struct
{
  const char *background;
  const char *device;       /* a device's fill */
  const char *strong;       /* 80 % or more */
  const char *steady;       /* 50 % or more */
} Palette;

static void
assert_palette (View          *v,
                const Palette *palette)
{
  g_autoptr(Pixels) pixels = NULL;
  double x, y;

  _liaison_map_view_set_hover (v->view, LIAISON_MAP_SCENE_NONE, LIAISON_MAP_SCENE_NONE);
  pixels = render (v->view);

  assert_color_near (pixels, 2, 2, palette->background);
  assert_color_near (pixels, WIDTH - 3, HEIGHT - 3, palette->background);
  node_inside (v, "db01", &x, &y);
  assert_color_near (pixels, x, y, palette->device);
  node_inside (v, "web02", &x, &y);
  assert_color_near (pixels, x, y, palette->device);

  /* 192.168.10.6 -> web01 443 and web01 -> dns01 53/tcp: 100 %; web01 ->
   * db01 5432 and 192.168.10.6 -> web02 443: 66.7 %. */
  link_point (v, "web01", "dns01", &x, &y);
  assert_line_near (pixels, x, y, palette->strong, palette->background);
  link_point (v, "web01", "db01", &x, &y);
  assert_line_near (pixels, x, y, palette->steady, palette->background);
  link_point (v, "192.168.10.6", "web01", &x, &y);
  assert_line_near (pixels, x, y, palette->strong, palette->background);
  link_point (v, "192.168.10.6", "web02", &x, &y);
  assert_line_near (pixels, x, y, palette->steady, palette->background);
}

static void
test_colors (LiaisonTestFixture *fixture,
             gconstpointer       data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  /* The view's background; a device 6 % (light) or 12 % (dark) of the way
   * to the text colour; the GNOME palette's blue and green, lighter in dark. */
  static const Palette light = { "#ffffff", "#f0f0f0", "#1c71d8", "#26a269" };
  static const Palette dark = { "#1e1e1e", "#393939", "#62a0ea", "#57e389" };
  View v = { 0 };
  guint renders;

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  view_open (&v);
  assert_palette (&v, &light);

  /* Dark: drawn again in the dark colours. */
  renders = liaison_map_view_get_n_renders (v.view);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  liaison_test_flush ();
  wait_rendered (v.view);
  g_assert_cmpuint (liaison_map_view_get_n_renders (v.view), >, renders);
  assert_palette (&v, &dark);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  view_close (&v);
}

/* A selected node: its outline in the accent colour, and what does not
 * depend on it nor it on it faded. Here every node is one or the other but
 * 192.168.10.5, 192.168.10.6 and 192.168.20.7 for dns01's dependencies. */
static void
test_highlight (LiaisonTestFixture *fixture,
                gconstpointer       data)
{
  View v = { 0 };
  g_autoptr(Pixels) before = NULL;
  g_autoptr(Pixels) after = NULL;
  g_autofree guint8 *marks = NULL;
  guint dns01, client;
  LiaisonMapRect r;
  double x, y, scale;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  view_open (&v);
  _liaison_map_view_set_hover (v.view, LIAISON_MAP_SCENE_NONE, LIAISON_MAP_SCENE_NONE);
  before = render (v.view);

  dns01 = liaison_map_scene_find_node (v.scene, "dns01");
  client = liaison_map_scene_find_node (v.scene, "192.168.20.7");
  marks = g_new0 (guint8, liaison_map_scene_get_n_nodes (v.scene));
  marks[dns01] = LIAISON_MAP_MARK_SELECTED;
  marks[liaison_map_scene_find_node (v.scene, "198.51.100.1")] = LIAISON_MAP_MARK_DEPENDENCY;
  liaison_map_view_set_marks (v.view, marks);
  wait_rendered (v.view);
  after = render (v.view);

  /* The accent outline 2.5 points outside dns01's box, 3 wide. */
  scale = liaison_map_view_get_zoom (v.view);
  liaison_map_scene_get_node_rect (v.scene, dns01, &r);
  liaison_map_view_node_position (v.view, dns01, &x, &y);
  assert_color_near (before, x, y - ((r.y1 - r.y0) / 2 + 4) * scale, "#ffffff");
  assert_color_near (after, x, y - ((r.y1 - r.y0) / 2 + 4) * scale, "#3584e4");

  /* 192.168.20.7 is neither: its dashed border fades towards the background. */
  liaison_map_scene_get_node_rect (v.scene, client, &r);
  liaison_map_view_node_position (v.view, client, &x, &y);
  {
    int px = (int) round (x), py = (int) round (y - (r.y1 - r.y0) / 2 * scale);
    guint darkest_before = 255 * 3, darkest_after = 255 * 3;

    for (int dx = -30; dx <= 30; dx++)
      for (int dy = -1; dy <= 1; dy++)
        {
          darkest_before = MIN (darkest_before, 765 - distance (before, px + dx, py + dy, "#ffffff"));
          darkest_after = MIN (darkest_after, 765 - distance (after, px + dx, py + dy, "#ffffff"));
        }
    g_assert_cmpuint (darkest_after, >, darkest_before + 60);
  }

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  view_close (&v);
}

/* The view ------------------------------------------------------------------------- */

static void
test_zoom_pan (LiaisonTestFixture *fixture,
               gconstpointer       data)
{
  View v = { 0 };
  double fit, x0, y0, x1, y1;
  guint renders;

  view_open (&v);
  fit = liaison_map_view_get_zoom (v.view);
  g_assert_cmpfloat (fit, >, 0.3);

  /* Around a point: db01 stays where it is. */
  liaison_map_view_node_position (v.view, liaison_map_scene_find_node (v.scene, "db01"), &x0, &y0);
  renders = liaison_map_view_get_n_renders (v.view);
  liaison_map_view_zoom (v.view, 2, x0, y0);
  g_assert_cmpfloat_with_epsilon (liaison_map_view_get_zoom (v.view), 2 * fit, 1e-9);
  liaison_map_view_node_position (v.view, liaison_map_scene_find_node (v.scene, "db01"), &x1, &y1);
  g_assert_cmpfloat_with_epsilon (x1, x0, 1e-3);
  g_assert_cmpfloat_with_epsilon (y1, y0, 1e-3);

  /* Shown scaled until the zoom settles, then drawn anew at the new scale. */
  g_assert_false (liaison_map_view_is_rendered (v.view));
  wait_rendered (v.view);
  g_assert_cmpuint (liaison_map_view_get_n_renders (v.view), ==, renders + 1);

  liaison_map_view_pan (v.view, -40, 25);
  liaison_map_view_node_position (v.view, liaison_map_scene_find_node (v.scene, "db01"), &x1, &y1);
  g_assert_cmpfloat_with_epsilon (x1, x0 - 40, 1e-3);
  g_assert_cmpfloat_with_epsilon (y1, y0 + 25, 1e-3);

  /* Keys: + and - by a quarter, 0 fits again. */
  liaison_map_view_zoom_step (v.view, -1);
  g_assert_cmpfloat_with_epsilon (liaison_map_view_get_zoom (v.view), 2 * fit / 1.25, 1e-9);
  liaison_map_view_fit (v.view);
  g_assert_cmpfloat_with_epsilon (liaison_map_view_get_zoom (v.view), fit, 1e-9);
  liaison_map_view_node_position (v.view, liaison_map_scene_find_node (v.scene, "db01"), &x1, &y1);
  g_assert_cmpfloat_with_epsilon (x1, x0, 1e-3);
  g_assert_cmpfloat_with_epsilon (y1, y0, 1e-3);

  /* Never smaller than half the fit, nor bigger than six times. */
  liaison_map_view_zoom (v.view, 0.01, 10, 10);
  g_assert_cmpfloat_with_epsilon (liaison_map_view_get_zoom (v.view), MIN (0.5, fit / 2), 1e-9);
  liaison_map_view_zoom (v.view, 1000, 10, 10);
  g_assert_cmpfloat_with_epsilon (liaison_map_view_get_zoom (v.view), 6, 1e-9);
  view_close (&v);
}

/* Every node a focusable button named with its counts, in keyboard order. */
static void
test_items (LiaisonTestFixture *fixture,
            gconstpointer       data)
{
  View v = { 0 };
  GtkWidget *child;
  guint n = 0;

  view_open (&v);
  for (child = gtk_widget_get_first_child (GTK_WIDGET (v.view)); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      g_assert_true (child == liaison_map_view_get_item (v.view, liaison_map_scene_node_at_position (v.scene, n)));
      g_assert_true (gtk_widget_get_focusable (child));
      g_assert_false (gtk_widget_get_can_target (child));
      g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (child)), ==, GTK_ACCESSIBLE_ROLE_BUTTON);
      n++;
    }
  g_assert_cmpuint (n, ==, 10);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (v.view)), ==, GTK_ACCESSIBLE_ROLE_GROUP);
  view_close (&v);
}

/* Keyboard -------------------------------------------------------------------------- */

static guint
order (View *v,
       guint position)
{
  return liaison_map_scene_node_at_position (v->scene, position);
}

/* Presses @keys, separated by spaces, one after the other. */
static void
press (View       *v,
       const char *keys)
{
  g_auto(GStrv) each = g_strsplit (keys, " ", -1);

  for (guint i = 0; each[i] != NULL; i++)
    {
      liaison_test_press_keys (v->window, each[i]);
      liaison_test_flush ();
      g_usleep (20000);
      liaison_test_flush ();
    }
}

static void
test_keyboard (LiaisonTestFixture *fixture,
               gconstpointer       data)
{
  View v = { 0 };
  guint right;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  view_open (&v);

  /* The focus comes in at the first node, then goes down the columns. */
  gtk_widget_grab_focus (v.after);
  press (&v, "shift+Tab");
  g_assert_cmpuint (liaison_map_view_get_focus_node (v.view), ==, order (&v, 9));
  press (&v, "Home");
  g_assert_cmpuint (liaison_map_view_get_focus_node (v.view), ==, order (&v, 0));
  press (&v, "Down");
  g_assert_cmpuint (liaison_map_view_get_focus_node (v.view), ==, order (&v, 1));
  press (&v, "Tab Tab");
  g_assert_cmpuint (liaison_map_view_get_focus_node (v.view), ==, order (&v, 3));
  press (&v, "Up shift+Tab");
  g_assert_cmpuint (liaison_map_view_get_focus_node (v.view), ==, order (&v, 1));
  press (&v, "End");
  g_assert_cmpuint (liaison_map_view_get_focus_node (v.view), ==, order (&v, 9));

  /* Right: the nearest node to the right of the first. */
  press (&v, "Home Right");
  right = liaison_map_scene_neighbour (v.scene, order (&v, 0), 1, 0);
  g_assert_cmpuint (right, !=, LIAISON_MAP_SCENE_NONE);
  g_assert_cmpuint (liaison_map_view_get_focus_node (v.view), ==, right);

  /* The focus ring around it, in the accent colour. */
  {
    g_autoptr(Pixels) pixels = NULL;
    LiaisonMapRect r;
    double x, y;

    _liaison_map_view_set_hover (v.view, LIAISON_MAP_SCENE_NONE, LIAISON_MAP_SCENE_NONE);
    pixels = render (v.view);
    liaison_map_scene_get_node_rect (v.scene, right, &r);
    liaison_map_view_node_position (v.view, right, &x, &y);
    /* 2 pixels wide, 4 to 6 pixels out, at 80 % over the background. */
    assert_line_near (pixels, x, y - (r.y1 - r.y0) / 2 * liaison_map_view_get_zoom (v.view) - 5, "#3584e4", "#ffffff");
  }

  /* Enter selects, Escape lets go. */
  press (&v, "Return");
  g_assert_cmpuint (liaison_map_view_get_selected (v.view), ==, right);
  press (&v, "Escape");
  g_assert_cmpuint (liaison_map_view_get_selected (v.view), ==, LIAISON_MAP_SCENE_NONE);

  /* Back in, it comes to where it was selected... */
  press (&v, "Return");
  gtk_widget_grab_focus (v.after);
  press (&v, "shift+Tab");
  g_assert_cmpuint (liaison_map_view_get_focus_node (v.view), ==, right);

  /* ...and leaves by Tab past the last node, or by Ctrl+Tab. */
  press (&v, "End Tab");
  g_assert_true (gtk_widget_has_focus (v.after));
  press (&v, "shift+Tab Home ctrl+Tab");
  g_assert_true (gtk_widget_has_focus (v.after));

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  view_close (&v);
}

int
main (int    argc,
      char **argv)
{
  static const LiaisonTestSetup folder = { LIAISON_TEST_FOLDER, NULL };

  liaison_test_init (&argc, &argv);

  liaison_test_add ("/map-view/colors", test_colors, &folder);
  liaison_test_add ("/map-view/highlight", test_highlight, &folder);
  liaison_test_add ("/map-view/zoom-pan", test_zoom_pan, &folder);
  liaison_test_add ("/map-view/items", test_items, &folder);
  liaison_test_add ("/map-view/keyboard", test_keyboard, &folder);

  return g_test_run ();
}
