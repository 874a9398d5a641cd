/* SPDX-License-Identifier: GPL-3.0-or-later */
/* (being written) */
typedef int liaison_placeholder_liaison_proc_sampler;
