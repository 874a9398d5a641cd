/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-communication-row"

#include "config.h"

#include "liaison-communication-row-private.h"

/*
 * A row of the Communications list: the item of one position of the list
 * model, holding the service communication shown there now. The model puts
 * another service communication into the same row when a reload brings
 * one to its position, and says so with notify::communication, so that a
 * view keeps its widgets for the row and only their text changes.
 */

struct _LiaisonCommunicationRow
{
  GObject               parent_instance;

  LiaisonCommunication *communication;   /* NULL where a row vanished */
  guint                 position;
};

G_DEFINE_FINAL_TYPE (LiaisonCommunicationRow, liaison_communication_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_COMMUNICATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
liaison_communication_row_dispose (GObject *object)
{
  LiaisonCommunicationRow *self = LIAISON_COMMUNICATION_ROW (object);

  g_clear_object (&self->communication);

  G_OBJECT_CLASS (liaison_communication_row_parent_class)->dispose (object);
}

static void
liaison_communication_row_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  LiaisonCommunicationRow *self = LIAISON_COMMUNICATION_ROW (object);

  switch (prop_id)
    {
    case PROP_COMMUNICATION:
      g_value_set_object (value, self->communication);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_communication_row_class_init (LiaisonCommunicationRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = liaison_communication_row_dispose;
  object_class->get_property = liaison_communication_row_get_property;

  properties[PROP_COMMUNICATION] =
    g_param_spec_object ("communication", NULL, NULL, LIAISON_TYPE_COMMUNICATION,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_communication_row_init (LiaisonCommunicationRow *self)
{
}

/**
 * liaison_communication_row_new:
 * @position: the position in the list it stands for
 *
 * Returns: (transfer full): an empty row
 */
LiaisonCommunicationRow *
liaison_communication_row_new (guint position)
{
  LiaisonCommunicationRow *self = g_object_new (LIAISON_TYPE_COMMUNICATION_ROW, NULL);

  self->position = position;
  return self;
}

guint
liaison_communication_row_get_position (LiaisonCommunicationRow *self)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATION_ROW (self), 0);

  return self->position;
}

void
liaison_communication_row_set_position (LiaisonCommunicationRow *self,
                                        guint                    position)
{
  g_return_if_fail (LIAISON_IS_COMMUNICATION_ROW (self));

  self->position = position;
}

void
liaison_communication_row_set_communication (LiaisonCommunicationRow *self,
                                             LiaisonCommunication    *communication)
{
  g_return_if_fail (LIAISON_IS_COMMUNICATION_ROW (self));

  if (g_set_object (&self->communication, communication))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMMUNICATION]);
}

/**
 * liaison_communication_row_get_communication:
 *
 * Returns: (transfer none) (nullable): the service communication at this
 *   row's position now, or %NULL if it was deleted since the list was read
 */
LiaisonCommunication *
liaison_communication_row_get_communication (LiaisonCommunicationRow *self)
{
  g_return_val_if_fail (LIAISON_IS_COMMUNICATION_ROW (self), NULL);

  return self->communication;
}
