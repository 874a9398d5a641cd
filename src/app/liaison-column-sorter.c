/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-column-sorter"

#include "config.h"

#include "liaison-column-sorter.h"

/*
 * The sorter of one column of the communications list. It never sorts
 * anything: the database orders the rows. It only lets the column view
 * show a sortable header, and tells which column the user sorted by.
 *
 * GTK 4.8's GtkColumnViewSorter does not say which column is the primary
 * one (that API came with 4.10). It does ask its columns' sorters in
 * order of priority and inverts the answer of a descending column, so a
 * compare of two probe objects tells it: the first column sorter asked is
 * the primary, and an inverted answer means descending.
 */

/* The column of the probe in progress; only the main thread sorts. */
static LiaisonColumn probed_column;
static gboolean      probing;

static int
compare (gconstpointer item1,
         gconstpointer item2,
         gpointer      column)
{
  if (probing && probed_column == LIAISON_N_COLUMNS)
    probed_column = GPOINTER_TO_INT (column);

  /* Always "smaller": the column view stops at the first sorter that
   * does not answer "equal". */
  return GTK_ORDERING_SMALLER;
}

/**
 * liaison_column_sorter_new:
 *
 * Returns: (transfer full): the sorter of @column, which makes its header
 *   sortable and answers liaison_column_view_sorter_get_primary()
 */
GtkSorter *
liaison_column_sorter_new (LiaisonColumn column)
{
  return GTK_SORTER (gtk_custom_sorter_new (compare, GINT_TO_POINTER (column), NULL));
}

/**
 * liaison_column_view_sorter_get_primary:
 * @column_view_sorter: the sorter of a GtkColumnView whose columns have
 *   LiaisonColumnSorters
 *
 * Returns: %TRUE and the primary sort column and its direction, or
 *   %FALSE when the view is not sorted
 */
gboolean
liaison_column_view_sorter_get_primary (GtkSorter     *column_view_sorter,
                                        LiaisonColumn *column,
                                        gboolean      *descending)
{
  g_autoptr(GObject) probe1 = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) probe2 = g_object_new (G_TYPE_OBJECT, NULL);
  GtkOrdering ordering;

  g_return_val_if_fail (GTK_IS_SORTER (column_view_sorter), FALSE);

  probing = TRUE;
  probed_column = LIAISON_N_COLUMNS;
  ordering = gtk_sorter_compare (column_view_sorter, probe1, probe2);
  probing = FALSE;

  if (probed_column == LIAISON_N_COLUMNS || ordering == GTK_ORDERING_EQUAL)
    return FALSE;

  *column = probed_column;
  *descending = ordering == GTK_ORDERING_LARGER;

  return TRUE;
}
