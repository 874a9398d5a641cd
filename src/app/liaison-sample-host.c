/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-sample-host"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-format.h"
#include "liaison-import.h"
#include "liaison-job.h"
#include "liaison-sample-host-private.h"
#include "liaison-toast.h"

/*
 * Sample This Host: a netstat sample of this computer, taken and imported
 * in a worker thread while a toast says so; another toast tells what it
 * found: new and updated service communications, or only listeners.
 */

typedef struct
{
  LiaisonStore         *store;
  GSimpleAction        *action;
  AdwToast             *busy_toast;  /* "Sampling…", dismissed when done */
  char                 *host;
  LiaisonImportSummary  summary;     /* filled by the worker */
} SampleHost;

static void
sample_host_free (SampleHost *sample)
{
  g_clear_object (&sample->store);
  g_clear_object (&sample->action);
  g_clear_object (&sample->busy_toast);
  g_clear_pointer (&sample->host, g_free);
  g_free (sample);
}

static gboolean
sample_host_job (LiaisonStore  *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  SampleHost *sample = data;

  return liaison_import_this_host (store, sample->host, &sample->summary, error);
}

/**
 * liaison_sample_host_describe:
 *
 * Returns: (transfer full): what a sample of @host found, for its toast:
 *   the new and the updated service communications, or that it found
 *   listening sockets and no connection yet, or no socket at all
 */
char *
liaison_sample_host_describe (const char                 *host,
                              const LiaisonImportSummary *summary)
{
  g_autofree char *found = NULL;

  if (summary->new_communications > 0 || summary->updated_communications > 0)
    {
      found = liaison_format_communications_found (summary->new_communications,
                                                   summary->updated_communications);
      /* TRANSLATORS: the host sampled and what it found, e.g. "3 new communications" */
      return g_strdup_printf (_("Sampled %s: %s"), host, found);
    }

  if (summary->records > 0)
    return g_strdup_printf (_("Sampled %s: only listening sockets, no connections yet. Sample again while clients are connected."),
                            host);

  return g_strdup_printf (_("Sampled %s: no sockets found"), host);
}

static void
sample_host_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GtkWidget *widget = GTK_WIDGET (object);
  SampleHost *sample = liaison_job_get_data (result);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (sample->action != NULL)
    g_simple_action_set_enabled (sample->action, TRUE);
  adw_toast_dismiss (sample->busy_toast);

  if (!liaison_job_finish (result, &error))
    {
      liaison_toast_add_error (widget, error);
      return;
    }

  /* Another connection wrote: tell this one's lists. */
  liaison_store_changed (sample->store);

  message = liaison_sample_host_describe (sample->host, &sample->summary);
  liaison_toast_add (widget, adw_toast_new (message));
}

/**
 * liaison_sample_host:
 * @widget: the widget that asked: the toasts show near it
 * @store: the database the sample goes into
 * @action: (nullable): the action that asked, disabled until the sample is in
 *
 * Samples this computer in a worker thread.
 */
void
liaison_sample_host (GtkWidget     *widget,
                     LiaisonStore  *store,
                     GSimpleAction *action)
{
  SampleHost *sample;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (LIAISON_IS_STORE (store));
  g_return_if_fail (action == NULL || G_IS_SIMPLE_ACTION (action));

  sample = g_new0 (SampleHost, 1);
  sample->store = g_object_ref (store);
  sample->action = action != NULL ? g_object_ref (action) : NULL;
  sample->host = g_strdup (g_get_host_name ());

  if (action != NULL)
    g_simple_action_set_enabled (action, FALSE);
  sample->busy_toast = adw_toast_new (_("Sampling this host…"));
  adw_toast_set_timeout (sample->busy_toast, 0);
  liaison_toast_add (widget, g_object_ref (sample->busy_toast));

  liaison_job_run (widget, liaison_store_get_path (store), sample_host_job,
                   sample, (GDestroyNotify) sample_host_free,
                   NULL, sample_host_done, NULL);
}
