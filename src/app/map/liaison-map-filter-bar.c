/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-map-filter-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-map-page-parts.h"

/*
 * The map's filters (map.md 3) as controls: what a node is, how lately a
 * line was seen, the least persistence and flow events of a line, hubs,
 * loopback. Their state is the
 * settings' (map-* keys), so it is remembered, and two bars on the same
 * settings (the wide one in the page's tool bar, the narrow one in its
 * Filters popover) always agree. The page reads the settings, not the bar.
 */

struct _LiaisonMapFilterBar
{
  AdwBin     parent_instance;

  GtkWidget *layout;          /* a box across, or a grid down */
};

G_DEFINE_FINAL_TYPE (LiaisonMapFilterBar, liaison_map_filter_bar, ADW_TYPE_BIN)

static const char *grouping_nicks[] = { "device", "subnet", "groups" };

/* The time ranges of the bar (map.md 3, seen within D), in seconds. */
static const struct { guint32 seconds; const char *label; } ranges[] = {
  { 0, N_("Any time") },
  { 3600, N_("Last hour") },
  { 86400, N_("Last day") },
  { 7 * 86400, N_("Last 7 days") },
  { 30 * 86400, N_("Last 30 days") },
};

/* Settings <-> controls ----------------------------------------------------------- */

static gboolean
grouping_get (GValue   *value,
              GVariant *variant,
              gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (grouping_nicks); i++)
    if (g_str_equal (nick, grouping_nicks[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
grouping_set (const GValue       *value,
              const GVariantType *expected_type,
              gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  return i < G_N_ELEMENTS (grouping_nicks) ? g_variant_new_string (grouping_nicks[i]) : NULL;
}

/* A number of seconds not in the list (set by hand) shows as the next longer one. */
static gboolean
range_get (GValue   *value,
           GVariant *variant,
           gpointer  user_data)
{
  guint32 seconds = g_variant_get_uint32 (variant);
  guint i = 1;

  while (seconds > 0 && i + 1 < G_N_ELEMENTS (ranges) && ranges[i].seconds < seconds)
    i++;
  g_value_set_uint (value, seconds == 0 ? 0 : i);
  return TRUE;
}

static GVariant *
range_set (const GValue       *value,
           const GVariantType *expected_type,
           gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  return i < G_N_ELEMENTS (ranges) ? g_variant_new_uint32 (ranges[i].seconds) : NULL;
}

/* 0 hubs: none. */
static gboolean
hubs_output (GtkSpinButton *spin)
{
  if (gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin)) >= 1)
    return FALSE;
  /* TRANSLATORS: no hubs (the hubs filter of the map is off) */
  gtk_editable_set_text (GTK_EDITABLE (spin), _("Off"));
  return TRUE;
}

static int
hubs_input (GtkSpinButton *spin,
            double        *value)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));

  if (g_ascii_strcasecmp (text, _("Off")) != 0)
    return FALSE;
  *value = 0;
  return TRUE;
}

/* Controls ---------------------------------------------------------------------- */

static GtkWidget *
spin (GSettings  *settings,
      const char *key,
      double      upper,
      double      step,
      int         chars,
      const char *tooltip)
{
  GtkAdjustment *adjustment = gtk_adjustment_new (0, 0, upper, step, step * 10, 0);
  GtkWidget *button = gtk_spin_button_new (adjustment, 1, 0);

  gtk_editable_set_width_chars (GTK_EDITABLE (button), chars);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (button), FALSE);
  /* GSettings maps a whole number key to the adjustment's double itself. */
  g_settings_bind (settings, key, adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  return button;
}

/* A control with its label before it (and a unit after it), across or down. */
static void
add (LiaisonMapFilterBar *self,
     int                  row,
     const char          *mnemonic,
     GtkWidget           *control,
     const char          *unit)
{
  GtkWidget *label = mnemonic != NULL ? gtk_label_new_with_mnemonic (mnemonic) : NULL;
  GtkWidget *group = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  if (label != NULL)
    {
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), control);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
    }
  if (GTK_IS_BOX (self->layout))
    {
      if (label != NULL)
        gtk_box_append (GTK_BOX (group), label);
      gtk_box_append (GTK_BOX (group), control);
      if (unit != NULL)
        gtk_box_append (GTK_BOX (group), gtk_label_new (unit));
      gtk_box_append (GTK_BOX (self->layout), group);
      return;
    }

  gtk_box_append (GTK_BOX (group), control);
  if (unit != NULL)
    gtk_box_append (GTK_BOX (group), gtk_label_new (unit));
  gtk_widget_set_halign (group, GTK_ALIGN_END);
  gtk_widget_set_hexpand (group, TRUE);
  if (label != NULL)
    gtk_grid_attach (GTK_GRID (self->layout), label, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (self->layout), group, label != NULL ? 1 : 0, row, label != NULL ? 1 : 2, 1);
}

static void
liaison_map_filter_bar_class_init (LiaisonMapFilterBarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_css_name (widget_class, "mapfilterbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
liaison_map_filter_bar_init (LiaisonMapFilterBar *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Map filters"), -1);
}

/**
 * liaison_map_filter_bar_new:
 * @settings: the application's settings, whose map-* keys the bar shows and sets
 * @down: the controls one under the other (for a popover), else side by side
 */
GtkWidget *
liaison_map_filter_bar_new (GSettings *settings,
                            gboolean   down)
{
  LiaisonMapFilterBar *self;
  const char *nodes[] = { N_("Devices"), N_("Subnets"), N_("Groups"), NULL };
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) range_model = gtk_string_list_new (NULL);
  GtkWidget *grouping, *range, *persistence, *events, *hubs, *loopback;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (LIAISON_TYPE_MAP_FILTER_BAR, NULL);
  if (down)
    {
      self->layout = gtk_grid_new ();
      gtk_grid_set_row_spacing (GTK_GRID (self->layout), 8);
      gtk_grid_set_column_spacing (GTK_GRID (self->layout), 12);
    }
  else
    self->layout = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  adw_bin_set_child (ADW_BIN (self), self->layout);

  for (guint i = 0; nodes[i] != NULL; i++)
    gtk_string_list_append (model, _(nodes[i]));
  grouping = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&model)), NULL);
  gtk_widget_set_valign (grouping, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (grouping, _("A node is a device, or an address no device is named for; with "
                                           "Subnets such addresses of one /24 are one node, with Groups so "
                                           "is each group"));
  g_settings_bind_with_mapping (settings, "map-grouping", grouping, "selected", G_SETTINGS_BIND_DEFAULT,
                                grouping_get, grouping_set, NULL, NULL);
  add (self, 0, _("_Nodes"), grouping, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    gtk_string_list_append (range_model, _(ranges[i].label));
  range = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&range_model)), NULL);
  gtk_widget_set_valign (range, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (range, _("Only lines seen within this time of their hosts’ newest samples: "
                                        "what is still in use, on old captures as on new ones"));
  g_settings_bind_with_mapping (settings, "map-seen-within", range, "selected", G_SETTINGS_BIND_DEFAULT,
                                range_get, range_set, NULL, NULL);
  add (self, 1, _("_Seen"), range, NULL);

  persistence = spin (settings, "map-min-persistence", 100, 5, 3,
                      _("Leave out lines active in fewer of their netstat samples"));
  add (self, 2, _("_Persistence at least"), persistence, _("%"));

  events = spin (settings, "map-min-events", 1e9, 1, 4, _("Leave out lines with fewer netflow events"));
  add (self, 3, _("_Events at least"), events, NULL);

  hubs = spin (settings, "map-hide-hubs", 100000, 1, 4,
               _("A listener called by more nodes than this is a hub: set apart, and impact stops at it"));
  g_signal_connect (hubs, "output", G_CALLBACK (hubs_output), NULL);
  g_signal_connect (hubs, "input", G_CALLBACK (hubs_input), NULL);
  hubs_output (GTK_SPIN_BUTTON (hubs));
  add (self, 4, _("_Hubs over"), hubs, NULL);

  loopback = gtk_check_button_new_with_mnemonic (_("Hide _loopback"));
  gtk_widget_set_tooltip_text (loopback, _("Leave out a device’s connections to itself"));
  g_settings_bind (settings, "map-hide-loopback", loopback, "active", G_SETTINGS_BIND_DEFAULT);
  add (self, 5, NULL, loopback, NULL);

  return GTK_WIDGET (self);
}
