/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-schedule.h"

G_BEGIN_DECLS

/* For the tests: the period begins now. */
void liaison_schedule_fire (LiaisonSchedule *self);

G_END_DECLS
