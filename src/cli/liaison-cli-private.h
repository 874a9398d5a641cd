/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "liaison-import.h"
#include "liaison-live-sample.h"
#include "liaison-map.h"
#include "liaison-store.h"
#include "liaison-time.h"

G_BEGIN_DECLS

/*
 * What the files of liaison-cli share. liaison-cli.c reads the global
 * options and runs a command of the command table; each
 * liaison-cli-<group>.c holds one group of commands and its rows of the
 * table; liaison-cli-options.c parses the options that several commands
 * take. The work itself is done by src/core.
 */

/* cli.md: 0 done, 2 bad usage or bad input, 1 any other failure. */
enum
{
  LIAISON_CLI_STATUS_OK = 0,
  LIAISON_CLI_STATUS_FAILURE = 1,
  LIAISON_CLI_STATUS_USAGE = 2,
};

/* What --format can name. */
typedef enum
{
  LIAISON_CLI_FORMAT_TEXT = 1 << 0,
  LIAISON_CLI_FORMAT_CSV = 1 << 1,
  LIAISON_CLI_FORMAT_JSON = 1 << 2,
  LIAISON_CLI_FORMAT_DOT = 1 << 3,
  LIAISON_CLI_FORMAT_SVG = 1 << 4,
  LIAISON_CLI_FORMAT_PNG = 1 << 5,
  LIAISON_CLI_FORMAT_NFTABLES = 1 << 6,
} LiaisonCliFormat;

/* What --format takes for one command. */
typedef struct
{
  LiaisonCliFormat  accepted;       /* a mask of formats */
  LiaisonCliFormat  fallback;       /* without --format */
  const char       *description;    /* in its --help: "text (default) or json" */
  const char       *choices;        /* in the error: "text or json" */
} LiaisonCliFormats;

/* text (the default) or json. */
extern const LiaisonCliFormats liaison_cli_text_json_formats;

/*
 * The other shared options a command can take. A new one is a flag here,
 * its entries and checks in liaison-cli-options.c and its value in
 * LiaisonCliOptions; the FILTER words of cli.md (--min-persistence,
 * --hide-loopback, ...) are one such flag, so that every command that
 * takes them spells and checks them the same way.
 */
typedef enum
{
  LIAISON_CLI_OPTION_LOCAL_TIME = 1 << 0,   /* --local-time */
  LIAISON_CLI_OPTION_OUTPUT = 1 << 1,       /* --output FILE, -o FILE */
  LIAISON_CLI_OPTION_FILTER = 1 << 2,       /* the FILTER words of the map (map.md 3) */
  LIAISON_CLI_OPTION_INTERVAL = 1 << 3,     /* --interval SECONDS of a netflow command, required */
} LiaisonCliOptionFlags;

typedef struct _LiaisonCliCommand LiaisonCliCommand;

/* One command: its row of the command table. The texts are marked for
 * translation where they are written and translated where they are shown. */
struct _LiaisonCliCommand
{
  const char               *name;
  const char               *help;         /* its line in `liaison-cli --help` */
  const char               *parameters;   /* its arguments in its --help; NULL: it takes none */
  const char               *summary;      /* the first line of its --help */
  const LiaisonCliFormats  *formats;      /* what --format takes; NULL: no --format */
  LiaisonCliOptionFlags     options;      /* the other shared options it takes */
  int                     (*run) (const LiaisonCliCommand  *command,
                                  int                       argc,
                                  char                    **argv);
};

/* The command groups, each ending with an empty row; liaison-cli.c lists
 * them in the order of `liaison-cli --help`. */
extern const LiaisonCliCommand liaison_cli_communications_commands[];
extern const LiaisonCliCommand liaison_cli_import_commands[];
extern const LiaisonCliCommand liaison_cli_sampling_commands[];
extern const LiaisonCliCommand liaison_cli_statistics_commands[];
extern const LiaisonCliCommand liaison_cli_map_commands[];

/* liaison-cli.c: what every command reports and prints through. */
void          liaison_cli_print_error   (const char   *format,
                                         ...) G_GNUC_PRINTF (1, 2);
int           liaison_cli_fail          (const GError *error);
int           liaison_cli_fail_stream   (const GError *error);
int           liaison_cli_usage_error   (const char   *format,
                                         ...) G_GNUC_PRINTF (1, 2);
gboolean      liaison_cli_stop_usage    (int          *status,
                                         const char   *format,
                                         ...) G_GNUC_PRINTF (2, 3);
int           liaison_cli_finish_stdout (int           status);
char         *liaison_cli_printable     (const char   *text);
LiaisonStore *liaison_cli_open_store    (int          *status);
LiaisonStore *liaison_cli_open_store_to_write (int    *status);

/* liaison-cli-options.c: what the shared options of one command said. */
typedef struct
{
  LiaisonCliFormat  format;
  gboolean          local_time;
  char             *output;             /* NULL: standard output */
  LiaisonMapFilter  filter;             /* the FILTER words; all zero without them */
  guint             interval;           /* --interval; 0 without it */

  /*< private >*/
  char             *format_text;
  char             *interval_text;
  char             *min_persistence_text;
  char             *min_events_text;
  char             *hide_ports_text;
  char             *protocol_text;
  char             *hide_hubs_text;
  char             *silent_text;
  char             *seen_within_text;
  char             *from_text;
  char             *to_text;
  guint            *hide_ports;
} LiaisonCliOptions;

void     liaison_cli_options_clear (LiaisonCliOptions         *options);
gboolean liaison_cli_parse_range   (const char                *command,
                                    const char                *option,
                                    const char                *text,
                                    LiaisonMapRange           *range,
                                    int                       *status);
gboolean liaison_cli_parse_options (const LiaisonCliCommand   *command,
                                    const GOptionEntry        *entries,
                                    LiaisonCliOptions         *options,
                                    int                       *argc,
                                    char                    ***argv,
                                    int                       *status);
gboolean liaison_cli_parse_time    (const LiaisonCliOptions   *options,
                                    const char                *option,
                                    const char                *text,
                                    LiaisonTime               *out,
                                    int                       *status);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LiaisonCliOptions, liaison_cli_options_clear)

/* liaison-cli-repeat.c: the rules of repeating commands (cli.md). */
typedef struct
{
  GMainLoop  *loop;
  void      (*stop) (gpointer data);   /* SIGINT or SIGTERM came */
  void      (*next) (gpointer data);   /* the next period began */
  gpointer    data;
  gboolean    stopping;
  guint       sigint_id;
  guint       sigterm_id;
  guint       next_id;
} LiaisonCliRepeat;

void     liaison_cli_repeat_init        (LiaisonCliRepeat            *repeat,
                                         void                       (*stop) (gpointer data),
                                         gpointer                     data);
void     liaison_cli_repeat_clear       (LiaisonCliRepeat            *repeat);
void     liaison_cli_repeat_run         (LiaisonCliRepeat            *repeat);
void     liaison_cli_repeat_quit        (LiaisonCliRepeat            *repeat);
int      liaison_cli_repeat_finish      (LiaisonCliRepeat            *repeat,
                                         gint64                       every,
                                         gboolean                     failed);
void     liaison_cli_repeat_schedule    (LiaisonCliRepeat            *repeat,
                                         gint64                       every,
                                         void                       (*next) (gpointer data));
gboolean liaison_cli_parse_duration     (const char                  *option,
                                         const char                  *text,
                                         gint64                      *out,
                                         int                         *status);
gboolean liaison_cli_parse_schedule     (const LiaisonCliCommand     *command,
                                         const char                  *every_text,
                                         const char                  *period_text,
                                         gint64                      *every,
                                         gint64                      *period,
                                         int                         *status);
char    *liaison_cli_sample_counts      (const LiaisonImportSummary  *summary,
                                         gboolean                     sockets);
void     liaison_cli_print_sample       (LiaisonTime                  time,
                                         const char                  *label,
                                         const char                  *text);
void     liaison_cli_print_sample_error (LiaisonTime                  time,
                                         const GError                *error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LiaisonCliRepeat, liaison_cli_repeat_clear)

G_END_DECLS
