/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-stat-listener"

#include "config.h"

#include <string.h>

#include "liaison-address.h"
#include "liaison-stat-listener.h"
#include "liaison-statistics.h"

/*
 * A listener of the Statistics page's list: (listener IP, port, protocol),
 * with its device, its number of clients and when a client was last found.
 * The list is aggregated in memory from the statistics records, which come
 * in listener order. A loopback listener is one per device (statistics.md
 * section 1).
 */

struct _LiaisonStatListener
{
  GObject      parent_instance;

  char        *listener_ip;
  guint        port;
  const char  *protocol;
  char        *device;
  char        *key;
  char        *title;
  char        *search_text;
  gboolean     is_loopback;
  guint        clients;
  LiaisonTime  last_found;
  guint        position;
  GString     *client_ips;   /* while loading */
};

enum {
  PROP_0,
  PROP_TITLE,
  PROP_DEVICE,
  PROP_CLIENTS,
  PROP_LAST_FOUND,
  PROP_SEARCH_TEXT,
  PROP_POSITION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonStatListener, liaison_stat_listener, G_TYPE_OBJECT)

static void
liaison_stat_listener_finalize (GObject *object)
{
  LiaisonStatListener *self = LIAISON_STAT_LISTENER (object);

  g_free (self->listener_ip);
  g_free (self->device);
  g_free (self->key);
  g_free (self->title);
  g_free (self->search_text);
  if (self->client_ips != NULL)
    g_string_free (self->client_ips, TRUE);

  G_OBJECT_CLASS (liaison_stat_listener_parent_class)->finalize (object);
}

static void
liaison_stat_listener_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LiaisonStatListener *self = LIAISON_STAT_LISTENER (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DEVICE:
      g_value_set_string (value, self->device);
      break;
    case PROP_CLIENTS:
      g_value_set_uint (value, self->clients);
      break;
    case PROP_LAST_FOUND:
      g_value_set_int64 (value, self->last_found);
      break;
    case PROP_SEARCH_TEXT:
      g_value_set_string (value, self->search_text);
      break;
    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_stat_listener_class_init (LiaisonStatListenerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = liaison_stat_listener_finalize;
  object_class->get_property = liaison_stat_listener_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEVICE] =
    g_param_spec_string ("device", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENTS] =
    g_param_spec_uint ("clients", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_FOUND] =
    g_param_spec_int64 ("last-found", NULL, NULL, G_MININT64, G_MAXINT64, LIAISON_TIME_NONE,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH_TEXT] =
    g_param_spec_string ("search-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_stat_listener_init (LiaisonStatListener *self)
{
  self->last_found = LIAISON_TIME_NONE;
}

static char *
listener_key (const char *listener_ip,
              guint       port,
              const char *protocol,
              const char *device,
              gboolean    is_loopback)
{
  return g_strdup_printf ("%s|%u|%s|%s", listener_ip, port, protocol,
                          is_loopback && device != NULL ? device : "");
}

const char *
liaison_stat_listener_get_listener_ip (LiaisonStatListener *self)
{
  g_return_val_if_fail (LIAISON_IS_STAT_LISTENER (self), NULL);
  return self->listener_ip;
}

guint
liaison_stat_listener_get_port (LiaisonStatListener *self)
{
  g_return_val_if_fail (LIAISON_IS_STAT_LISTENER (self), 0);
  return self->port;
}

const char *
liaison_stat_listener_get_protocol (LiaisonStatListener *self)
{
  g_return_val_if_fail (LIAISON_IS_STAT_LISTENER (self), NULL);
  return self->protocol;
}

/* Returns: (nullable): the listener's device, several joined by commas */
const char *
liaison_stat_listener_get_device (LiaisonStatListener *self)
{
  g_return_val_if_fail (LIAISON_IS_STAT_LISTENER (self), NULL);
  return self->device;
}

/* Returns: what identifies the listener across reloads */
const char *
liaison_stat_listener_get_key (LiaisonStatListener *self)
{
  g_return_val_if_fail (LIAISON_IS_STAT_LISTENER (self), NULL);
  return self->key;
}

/* Returns: `IP:port/protocol`, with IPv6 addresses in brackets */
const char *
liaison_stat_listener_get_title (LiaisonStatListener *self)
{
  g_return_val_if_fail (LIAISON_IS_STAT_LISTENER (self), NULL);
  return self->title;
}

gboolean
liaison_stat_listener_get_is_loopback (LiaisonStatListener *self)
{
  g_return_val_if_fail (LIAISON_IS_STAT_LISTENER (self), FALSE);
  return self->is_loopback;
}

guint
liaison_stat_listener_get_clients (LiaisonStatListener *self)
{
  g_return_val_if_fail (LIAISON_IS_STAT_LISTENER (self), 0);
  return self->clients;
}

LiaisonTime
liaison_stat_listener_get_last_found (LiaisonStatListener *self)
{
  g_return_val_if_fail (LIAISON_IS_STAT_LISTENER (self), LIAISON_TIME_NONE);
  return self->last_found;
}

/* Returns: what a search of the listeners looks in, casefolded: its
 * address, port, protocol, devices and clients' addresses */
const char *
liaison_stat_listener_get_search_text (LiaisonStatListener *self)
{
  g_return_val_if_fail (LIAISON_IS_STAT_LISTENER (self), NULL);

  return self->search_text;
}

/**
 * liaison_stat_listener_matches_search:
 * @folded: a search, casefolded (g_utf8_casefold())
 *
 * Returns: whether the listener's address, port, protocol, devices or a
 *   client's address hold @folded
 */
gboolean
liaison_stat_listener_matches_search (LiaisonStatListener *self,
                                      const char          *folded)
{
  g_return_val_if_fail (LIAISON_IS_STAT_LISTENER (self), FALSE);

  return folded == NULL || folded[0] == '\0' || strstr (self->search_text, folded) != NULL;
}

/* Whether @self is the listener (@listener_ip in any spelling). */
gboolean
liaison_stat_listener_matches (LiaisonStatListener *self,
                               const char          *listener_ip,
                               guint                port,
                               const char          *protocol)
{
  LiaisonAddress address;
  char canonical[LIAISON_ADDRESS_STRLEN];

  g_return_val_if_fail (LIAISON_IS_STAT_LISTENER (self), FALSE);

  if (listener_ip == NULL || !liaison_address_parse (listener_ip, -1, &address))
    return FALSE;
  liaison_address_to_string (&address, canonical);

  return self->port == port &&
         g_str_equal (self->listener_ip, canonical) &&
         protocol != NULL && g_ascii_strcasecmp (self->protocol, protocol) == 0;
}

/* Loading */

typedef struct
{
  GPtrArray           *listeners;
  LiaisonStatListener *current;
  GHashTable          *clients;     /* "key|client IP" seen */
  GHashTable          *by_key;      /* key → listener */
} LoadState;

static void
add_device (LiaisonStatListener *self,
            const char          *device)
{
  if (device == NULL || device[0] == '\0')
    return;

  if (self->device == NULL)
    self->device = g_strdup (device);
  else
    {
      g_auto(GStrv) devices = g_strsplit (self->device, ", ", -1);

      if (!g_strv_contains ((const char * const *) devices, device))
        {
          char *joined = g_strconcat (self->device, ", ", device, NULL);

          g_free (self->device);
          self->device = joined;
        }
    }
}

static gboolean
load_record (const LiaisonStatRecord  *record,
             gpointer                  user_data,
             GError                  **error)
{
  LoadState *state = user_data;
  LiaisonStatListener *self;
  g_autofree char *key = NULL;
  gboolean is_loopback = liaison_text_is_loopback (record->listener_ip);
  LiaisonTime last = LIAISON_TIME_NONE;

  key = listener_key (record->listener_ip, record->port, record->protocol,
                      record->listener_device, is_loopback);

  if (state->current == NULL || !g_str_equal (state->current->key, key))
    {
      self = g_hash_table_lookup (state->by_key, key);
      if (self == NULL)
        {
          self = g_object_new (LIAISON_TYPE_STAT_LISTENER, NULL);
          self->listener_ip = g_strdup (record->listener_ip);
          self->port = record->port;
          self->protocol = record->protocol;
          self->key = g_steal_pointer (&key);
          self->is_loopback = is_loopback;
          self->position = state->listeners->len;
          if (strchr (self->listener_ip, ':') != NULL)
            self->title = g_strdup_printf ("[%s]:%u/%s", self->listener_ip, self->port, self->protocol);
          else
            self->title = g_strdup_printf ("%s:%u/%s", self->listener_ip, self->port, self->protocol);
          g_ptr_array_add (state->listeners, self);
          g_hash_table_insert (state->by_key, self->key, self);
        }
      state->current = self;
    }
  self = state->current;

  add_device (self, record->listener_device);
  if (g_hash_table_add (state->clients, g_strconcat (self->key, "|", record->client_ip, NULL)))
    {
      self->clients++;
      if (self->client_ips == NULL)
        self->client_ips = g_string_new (NULL);
      g_string_append_c (self->client_ips, ' ');
      g_string_append (self->client_ips, record->client_ip);
    }

  if (record->has_netstat)
    last = record->ns_last_found;
  if (record->has_netflow && (last == LIAISON_TIME_NONE || record->nf_last_found > last))
    last = record->nf_last_found;
  if (last != LIAISON_TIME_NONE &&
      (self->last_found == LIAISON_TIME_NONE || last > self->last_found))
    self->last_found = last;

  return TRUE;
}

/**
 * liaison_stat_listeners_load:
 *
 * Returns: (transfer full) (element-type LiaisonStatListener): the
 *   listeners with statistics, in address order, or %NULL on error
 */
GPtrArray *
liaison_stat_listeners_load (LiaisonStore  *store,
                             GError       **error)
{
  g_autoptr(GPtrArray) listeners = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) clients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  LoadState state = { listeners, NULL, clients, by_key };

  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);

  if (!liaison_statistics_foreach_record (store, NULL, load_record, &state, error))
    return NULL;

  /* What a search looks in, casefolded once: the listener, its devices
   * and its clients' addresses. */
  for (guint i = 0; i < listeners->len; i++)
    {
      LiaisonStatListener *self = g_ptr_array_index (listeners, i);
      g_autofree char *text = g_strconcat (self->title, " ", self->device != NULL ? self->device : "",
                                           self->client_ips != NULL ? self->client_ips->str : "", NULL);

      self->search_text = g_utf8_casefold (text, -1);
      if (self->client_ips != NULL)
        {
          g_string_free (self->client_ips, TRUE);
          self->client_ips = NULL;
        }
    }

  return g_steal_pointer (&listeners);
}
