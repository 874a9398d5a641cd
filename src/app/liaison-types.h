/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The application's types, declared once: a header that only names a type
 * (a parameter, a return value) includes this one instead of the header of
 * the room that defines it.
 */

typedef struct _LiaisonApplication            LiaisonApplication;
typedef struct _LiaisonCommunicationDialog    LiaisonCommunicationDialog;
typedef struct _LiaisonCommunicationModel     LiaisonCommunicationModel;
typedef struct _LiaisonCommunicationRow       LiaisonCommunicationRow;
typedef struct _LiaisonCommunicationSelection LiaisonCommunicationSelection;
typedef struct _LiaisonCommunicationsPage     LiaisonCommunicationsPage;
typedef struct _LiaisonImportDialog           LiaisonImportDialog;
typedef struct _LiaisonMapPage                LiaisonMapPage;
typedef struct _LiaisonPreferencesWindow      LiaisonPreferencesWindow;
typedef struct _LiaisonStatisticsPage         LiaisonStatisticsPage;
typedef struct _LiaisonWindow                 LiaisonWindow;

G_END_DECLS
