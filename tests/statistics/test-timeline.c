/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "liaison-timeline-private.h"
#include "statistics-fixture.h"

#define WIDTH  624      /* a plot of 600 pixels between the 12-pixel margins */
#define HEIGHT 200

static void
wait_for_allocation (GtkWidget *widget,
                     int        width)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while ((gtk_widget_get_width (widget) != width || !gtk_widget_get_mapped (widget)) &&
         g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (gtk_widget_get_width (widget), ==, width);
}

/* @timeline in a window of its own, laid out at WIDTH × HEIGHT. */
static GtkWindow *
put_in_window (GtkWidget *timeline)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_widget_set_size_request (timeline, WIDTH, HEIGHT);
  gtk_widget_set_halign (timeline, GTK_ALIGN_START);
  gtk_widget_set_valign (timeline, GTK_ALIGN_START);
  gtk_window_set_default_size (window, WIDTH + 40, HEIGHT + 40);
  gtk_window_set_child (window, timeline);
  gtk_window_present (window);
  wait_for_allocation (timeline, WIDTH);
  return window;
}

static GtkWidget *
timeline_in_window (GtkWindow **window)
{
  GtkWidget *timeline = liaison_timeline_new ();

  *window = put_in_window (timeline);
  return timeline;
}

/* The seed example (statistics.md section 5). */
static void
set_seed_lane (LiaisonTimeline *timeline)
{
  LiaisonGap gap;
  LiaisonTimelineLane lane = seed_lane (&gap);

  liaison_timeline_set_lanes (timeline, &lane, 1);
}

/* time → x at several zoom levels, with exact pixel values. */
static void
test_mapping (void)
{
  GtkWindow *window;
  LiaisonTimeline *timeline = LIAISON_TIMELINE (timeline_in_window (&window));
  LiaisonTime t0 = at ("2026-11-27T00:00:00Z");
  LiaisonTime start, end;

  /* One minute over 600 pixels: 100 ms a pixel. */
  liaison_timeline_set_visible_range (timeline, t0, t0 + 60000);
  g_assert_cmpfloat_with_epsilon (liaison_timeline_time_to_x (timeline, t0), 12.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (liaison_timeline_time_to_x (timeline, t0 + 30000), 312.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (liaison_timeline_time_to_x (timeline, t0 + 60000), 612.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (liaison_timeline_time_to_x (timeline, t0 - 1200), 0.0, 1e-9);
  g_assert_cmpint (liaison_timeline_x_to_time (timeline, 312), ==, t0 + 30000);
  g_assert_cmpint (liaison_timeline_x_to_time (timeline, 13), ==, t0 + 100);

  /* Zooming in twice around the middle keeps the middle where it is. */
  liaison_timeline_zoom (timeline, 2.0, 312);
  liaison_timeline_get_visible_range (timeline, &start, &end);
  g_assert_cmpint (start, ==, t0 + 15000);
  g_assert_cmpint (end, ==, t0 + 45000);
  g_assert_cmpfloat_with_epsilon (liaison_timeline_time_to_x (timeline, t0 + 30000), 312.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (liaison_timeline_time_to_x (timeline, t0 + 15000), 12.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (liaison_timeline_time_to_x (timeline, t0 + 16000), 32.0, 1e-9);

  /* Zooming around the pointer keeps the time under it. */
  liaison_timeline_zoom (timeline, 0.25, 112);
  g_assert_cmpfloat_with_epsilon (liaison_timeline_time_to_x (timeline, t0 + 20000), 112.0, 1e-6);
  liaison_timeline_get_visible_range (timeline, &start, &end);
  g_assert_cmpint (end - start, ==, 120000);

  /* A day: 144 s a pixel. */
  liaison_timeline_set_visible_range (timeline, t0, t0 + 86400000);
  g_assert_cmpfloat_with_epsilon (liaison_timeline_time_to_x (timeline, t0 + 6 * 3600000), 162.0, 1e-9);
  g_assert_cmpint (liaison_timeline_x_to_time (timeline, 162), ==, t0 + 6 * 3600000);

  /* Thirty days: 72 min a pixel. */
  liaison_timeline_set_visible_range (timeline, t0, t0 + G_GINT64_CONSTANT (30) * 86400000);
  g_assert_cmpfloat_with_epsilon (liaison_timeline_time_to_x (timeline, t0 + G_GINT64_CONSTANT (10) * 86400000),
                                  212.0, 1e-9);

  /* Zoom to fit: the data and the pending tail, with a margin of 4 %. */
  set_seed_lane (timeline);
  liaison_timeline_get_visible_range (timeline, &start, &end);
  g_assert_cmpint (start, <, at ("2026-11-27T00:01:15Z"));
  g_assert_cmpint (end, >, at ("2026-11-27T00:04:00Z"));
  g_assert_cmpint (end - start, ==, (165000 * 108 + 50) / 100);

  gtk_window_destroy (window);
}

/* Rendering */

static cairo_surface_t *
render (GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  /* What the widget draws, as the renderer gets it. */
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                        gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

/* The pixel at (x, y), un-premultiplied, each channel 0 to 255. */
static void
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y,
          double           rgba[4])
{
  guint32 value = *(guint32 *) (cairo_image_surface_get_data (surface)
                                + y * cairo_image_surface_get_stride (surface) + x * 4);
  double a = (value >> 24) & 0xff;

  rgba[3] = a;
  for (int i = 0; i < 3; i++)
    {
      double c = (value >> (16 - 8 * i)) & 0xff;

      rgba[i] = a > 0 ? c * 255.0 / a : 0;
    }
}

static void
assert_pixel (cairo_surface_t *surface,
              int              x,
              int              y,
              const GdkRGBA   *expected,
              double           tolerance)
{
  double rgba[4];

  pixel_at (surface, x, y, rgba);
  g_test_message ("(%d, %d): %.0f %.0f %.0f %.0f, expected %.0f %.0f %.0f %.0f", x, y,
                  rgba[0], rgba[1], rgba[2], rgba[3],
                  expected->red * 255, expected->green * 255, expected->blue * 255, expected->alpha * 255);
  g_assert_cmpfloat (fabs (rgba[3] - expected->alpha * 255), <=, tolerance);
  g_assert_cmpfloat (fabs (rgba[0] - expected->red * 255), <=, tolerance * 2);
  g_assert_cmpfloat (fabs (rgba[1] - expected->green * 255), <=, tolerance * 2);
  g_assert_cmpfloat (fabs (rgba[2] - expected->blue * 255), <=, tolerance * 2);
}

static void
check_rendering (gboolean dark)
{
  GtkWindow *window;
  GtkWidget *widget;
  LiaisonTimeline *timeline;
  cairo_surface_t *surface;
  GtkStyleContext *context;
  GdkRGBA accent, foreground, gap;
  int y;
  guint stripes = 0, wash = 0, other = 0;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);

  widget = timeline_in_window (&window);
  timeline = LIAISON_TIMELINE (widget);
  set_seed_lane (timeline);

  /* 00:03:30 to 00:04:00 over 600 pixels: 20 pixels a second. The gap runs
   * to x = 412, the last active span to 512, the pending tail to 612. */
  liaison_timeline_set_visible_range (timeline, at ("2026-11-27T00:03:30Z"), at ("2026-11-27T00:04:00Z"));
  g_assert_cmpfloat_with_epsilon (liaison_timeline_time_to_x (timeline, at ("2026-11-27T00:03:50Z")), 412.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (liaison_timeline_time_to_x (timeline, at ("2026-11-27T00:03:55Z")), 512.0, 1e-9);

  context = gtk_widget_get_style_context (widget);
  g_assert_true (gtk_style_context_lookup_color (context, "accent_bg_color", &accent));
  gtk_style_context_get_color (context, &foreground);
  gap = foreground;
  gap.alpha *= 0.4f;

  surface = render (widget);
  if (g_getenv ("LIAISON_TEST_SAVE") != NULL)
    cairo_surface_write_to_png (surface, dark ? "timeline-dark.png" : "timeline-light.png");

  y = (int) liaison_timeline_get_lane_y (timeline, 0) + 7;

  /* Active: the accent colour, solid. */
  assert_pixel (surface, 462, y, &accent, 2);
  assert_pixel (surface, 420, y, &accent, 2);
  /* Gap: a thin line of the dimmed foreground, with nothing above and below it. */
  assert_pixel (surface, 300, y, &gap, 2);
  assert_pixel (surface, 150, y, &gap, 2);
  assert_pixel (surface, 300, y - 4, &(GdkRGBA) { 0, 0, 0, 0 }, 0);
  /* Pending: hatched, stripes of the accent over a faint wash of it. */
  for (int x = 522; x < 602; x++)
    {
      double rgba[4];

      pixel_at (surface, x, y, rgba);
      if (rgba[3] > 0.55 * 255)
        stripes++;
      else if (rgba[3] > 0.08 * 255 && rgba[3] < 0.25 * 255)
        wash++;
      else
        other++;
      if (rgba[3] > 0.08 * 255)
        {
          g_assert_cmpfloat (fabs (rgba[0] - accent.red * 255), <=, 6);
          g_assert_cmpfloat (fabs (rgba[1] - accent.green * 255), <=, 6);
          g_assert_cmpfloat (fabs (rgba[2] - accent.blue * 255), <=, 6);
        }
      g_assert_cmpfloat (rgba[3], <, 250);
    }
  g_test_message ("pending: %u stripe, %u wash, %u other pixels", stripes, wash, other);
  g_assert_cmpuint (stripes, >=, 10);
  g_assert_cmpuint (wash, >=, 10);
  /* Left of the first found and below the lane: nothing. */
  assert_pixel (surface, 300, y + 30, &(GdkRGBA) { 0, 0, 0, 0 }, 0);

  cairo_surface_destroy (surface);
  gtk_window_destroy (window);
}

static void
test_rendering_light (void)
{
  check_rendering (FALSE);
}

static void
test_rendering_dark (void)
{
  check_rendering (TRUE);
}

/* 1,000 lanes of 100 segments and one of 100,000: setting and drawing stay quick. */
static void
test_many_segments (void)
{
  GtkWindow *window;
  GtkWidget *widget = timeline_in_window (&window);
  LiaisonTimeline *timeline = LIAISON_TIMELINE (widget);
  g_autoptr(GArray) lanes = g_array_new (FALSE, TRUE, sizeof (LiaisonTimelineLane));
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  LiaisonTime t0 = at ("2026-01-01T00:00:00Z");
  gint64 start_time;
  double elapsed_set, elapsed_draw;

  for (guint i = 0; i < 1001; i++)
    {
      guint n_gaps = i == 0 ? 100000 : 50;
      LiaisonGap *gaps = g_new (LiaisonGap, n_gaps);
      char *label = g_strdup_printf ("10.%u.%u.%u", i / 65536, i / 256 % 256, i % 256);
      LiaisonTimelineLane lane = { label, t0, 0, gaps, n_gaps, LIAISON_TIME_NONE };

      for (guint k = 0; k < n_gaps; k++)
        {
          gaps[k].from = t0 + (gint64) k * 600000 + 60000 + i * 1000;
          gaps[k].to = gaps[k].from + 300000;
          gaps[k].to_interval = 300;
        }
      lane.last = gaps[n_gaps - 1].to + 60000;
      lane.pending_end = lane.last + 120000;
      g_array_append_val (lanes, lane);
      g_ptr_array_add (keep, gaps);
      g_ptr_array_add (keep, label);
    }

  start_time = g_get_monotonic_time ();
  liaison_timeline_set_lanes (timeline, (LiaisonTimelineLane *) (gpointer) lanes->data, lanes->len);
  elapsed_set = (g_get_monotonic_time () - start_time) / 1000.0;

  start_time = g_get_monotonic_time ();
  for (int i = 0; i < 20; i++)
    {
      cairo_surface_t *surface;

      liaison_timeline_zoom (timeline, i < 10 ? 1.6 : 1 / 1.6, 300);
      surface = render (widget);
      cairo_surface_destroy (surface);
    }
  elapsed_draw = (g_get_monotonic_time () - start_time) / 1000.0 / 20;

  g_test_message ("set lanes: %.1f ms; zoom and draw: %.1f ms a frame", elapsed_set, elapsed_draw);
  g_assert_cmpfloat (elapsed_draw, <, 250);
  g_assert_cmpuint (liaison_timeline_get_n_lanes (timeline), ==, 1001);

  gtk_window_destroy (window);
}

static void
on_lane_activated (LiaisonTimeline *timeline,
                   guint            lane,
                   gpointer         user_data)
{
  *(gint *) user_data = (gint) lane;
}

static void
on_range_selected (LiaisonTimeline *timeline,
                   gint64           start,
                   gint64           end,
                   gpointer         user_data)
{
  gint64 *range = user_data;

  range[0] = start;
  range[1] = end;
}

/* Before it is laid out (no height yet), showing the first lane leaves the
 * lanes at the top: once the timeline has its height, lane 1 is the first. */
static void
test_scroll_before_layout (void)
{
  GtkWindow *window;
  LiaisonTimeline *timeline = LIAISON_TIMELINE (liaison_timeline_new ());
  g_autoptr(GArray) lanes = g_array_new (FALSE, TRUE, sizeof (LiaisonTimelineLane));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  LiaisonTime t0 = at ("2026-11-27T00:00:00Z");
  guint first, last;

  for (guint i = 0; i < 20; i++)
    {
      LiaisonTimelineLane lane = { NULL, t0 + i * 60000, t0 + i * 60000 + 30000, NULL, 0, LIAISON_TIME_NONE };

      lane.label = g_strdup_printf ("10.0.0.%u", i + 1);
      g_ptr_array_add (labels, (char *) lane.label);
      g_array_append_val (lanes, lane);
    }
  liaison_timeline_set_lanes (timeline, (LiaisonTimelineLane *) (gpointer) lanes->data, lanes->len);
  liaison_timeline_scroll_to_lane (timeline, 0);
  g_assert_cmpfloat (gtk_adjustment_get_value (liaison_timeline_get_vadjustment (timeline)), ==, 0);

  window = put_in_window (GTK_WIDGET (timeline));
  liaison_timeline_get_visible_lanes (timeline, &first, &last);
  g_assert_cmpuint (first, ==, 0);
  gtk_window_destroy (window);
}

/* Twenty lanes in a timeline of 200 pixels: the plain wheel is the page's,
 * Ctrl+wheel zooms, Shift+wheel and a sideways swipe pan through time;
 * the adjustment reaches every lane; a click on a lane activates it, and
 * a drag on the axis selects the time range it covers. */
static void
test_scroll_and_pointer (void)
{
  GtkWindow *window;
  LiaisonTimeline *timeline = LIAISON_TIMELINE (timeline_in_window (&window));
  g_autoptr(GArray) lanes = g_array_new (FALSE, TRUE, sizeof (LiaisonTimelineLane));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  LiaisonTime t0 = at ("2026-11-27T00:00:00Z");
  LiaisonTime start, end, start2, end2;
  GtkAdjustment *adjustment = liaison_timeline_get_vadjustment (timeline);
  gboolean handled;
  gint activated = -1;
  gint64 range[2] = { 0, 0 };
  guint first, last;

  for (guint i = 0; i < 20; i++)
    {
      LiaisonTimelineLane lane = { NULL, t0 + i * 60000, t0 + i * 60000 + 30000, NULL, 0, LIAISON_TIME_NONE };

      lane.label = g_strdup_printf ("10.0.0.%u", i + 1);
      g_ptr_array_add (labels, (char *) lane.label);
      g_array_append_val (lanes, lane);
    }
  liaison_timeline_set_lanes (timeline, (LiaisonTimelineLane *) (gpointer) lanes->data, lanes->len);
  g_signal_connect (timeline, "lane-activated", G_CALLBACK (on_lane_activated), &activated);
  g_signal_connect (timeline, "range-selected", G_CALLBACK (on_range_selected), range);

  /* 156 pixels of lanes under the axis, of 800. */
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), ==, 800);
  g_assert_cmpfloat (gtk_adjustment_get_page_size (adjustment), ==, 156);
  liaison_timeline_get_visible_lanes (timeline, &first, &last);
  g_assert_cmpuint (first, ==, 0);
  g_assert_cmpuint (last, ==, 4);

  /* The plain wheel: not the timeline's; nothing moves. */
  liaison_timeline_get_visible_range (timeline, &start, &end);
  liaison_timeline_scroll (timeline, 0, 3, 0, &handled);
  g_assert_false (handled);
  liaison_timeline_get_visible_range (timeline, &start2, &end2);
  g_assert_cmpint (start2, ==, start);
  g_assert_cmpint (end2, ==, end);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);

  /* Ctrl+wheel up zooms in, around the pointer. */
  liaison_timeline_scroll (timeline, 0, -1, GDK_CONTROL_MASK, &handled);
  g_assert_true (handled);
  liaison_timeline_get_visible_range (timeline, &start2, &end2);
  g_assert_cmpint (end2 - start2, <, end - start);

  /* Shift+wheel and a sideways swipe pan through time, keeping the zoom. */
  liaison_timeline_get_visible_range (timeline, &start, &end);
  liaison_timeline_scroll (timeline, 0, 1, GDK_SHIFT_MASK, &handled);
  g_assert_true (handled);
  liaison_timeline_get_visible_range (timeline, &start2, &end2);
  g_assert_cmpint (start2, >, start);
  g_assert_cmpint (end2 - start2, ==, end - start);
  liaison_timeline_scroll (timeline, -1, 0, 0, &handled);
  g_assert_true (handled);
  liaison_timeline_get_visible_range (timeline, &start, &end);
  g_assert_cmpint (start, <, start2);

  /* The scrollbar's adjustment reaches the last lane. */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  liaison_timeline_get_visible_lanes (timeline, &first, &last);
  g_assert_cmpuint (last, ==, 20);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 800 - 156);
  liaison_timeline_scroll_to_lane (timeline, 2);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 80);

  /* A click on the third lane row from the top: lane 2 + 2. */
  liaison_timeline_click (timeline, 300, 44 + 2 * 40 + 10);
  g_assert_cmpint (activated, ==, 4);

  /* A drag on the axis from x = 112 to 312 selects that time. */
  liaison_timeline_set_visible_range (timeline, t0, t0 + 600000);
  liaison_timeline_drag (timeline, 112, 20, 0, 0);
  liaison_timeline_drag (timeline, 112, 20, 200, 3);
  /* Announced when the drag ends. */
  g_assert_cmpint (range[0], ==, 0);
  liaison_timeline_drag_end (timeline, 200, 3);
  g_assert_cmpint (range[0], ==, t0 + 100000);
  g_assert_cmpint (range[1], ==, t0 + 300000);
  /* A drag from the lanes pans instead, and selects nothing new. */
  liaison_timeline_drag (timeline, 300, 100, 0, 0);
  liaison_timeline_drag (timeline, 300, 100, -60, 0);
  liaison_timeline_drag_end (timeline, -60, 0);
  g_assert_cmpint (range[0], ==, t0 + 100000);
  liaison_timeline_get_visible_range (timeline, &start, &end);
  g_assert_cmpint (start, ==, t0 + 60000);
  /* A click on the axis clears the range. */
  liaison_timeline_click (timeline, 300, 20);
  g_assert_cmpint (range[0], ==, LIAISON_TIME_NONE);

  gtk_window_destroy (window);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/statistics/timeline/mapping", test_mapping);
  g_test_add_func ("/statistics/timeline/rendering-light", test_rendering_light);
  g_test_add_func ("/statistics/timeline/rendering-dark", test_rendering_dark);
  g_test_add_func ("/statistics/timeline/many-segments", test_many_segments);
  g_test_add_func ("/statistics/timeline/scroll-and-pointer", test_scroll_and_pointer);
  g_test_add_func ("/statistics/timeline/scroll-before-layout", test_scroll_before_layout);

  return g_test_run ();
}
