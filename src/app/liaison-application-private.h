/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-application.h"

G_BEGIN_DECLS

/* For the tests: the database the application works on, once it opened one. */
LiaisonStore *liaison_application_get_store (LiaisonApplication *self);

G_END_DECLS
