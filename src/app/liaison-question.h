/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWidget *liaison_question_new (GtkWidget             *widget,
                                 const char            *heading,
                                 const char            *body,
                                 AdwResponseAppearance  appearance,
                                 const char            *first_id,
                                 ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
