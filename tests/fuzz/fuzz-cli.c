/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

/*
 * libFuzzer: liaison-cli's argument parsing and commands, on a database of
 * their own. The input is the arguments, separated by NUL bytes; they
 * follow `liaison-cli --database fuzz.db`, in a temporary folder that is
 * the working directory and holds two files to import, ss.txt and
 * flows.csv. Each run starts from the same database, with rows and
 * statistics. No argument may name a path outside the folder (no `/`),
 * choose another database, or run a command that reads this machine or
 * the network or runs until interrupted: nothing outside the folder is
 * read or written. Run with -close_fd_mask=3: what the commands print goes
 * to /dev/null.
 */

/* liaison-cli.c's main(), renamed for this program. */
int liaison_cli_main (int    argc,
                      char **argv);

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

#define MAX_ARGS 24

static char *folder;
static GBytes *database;

static const char * const refused_commands[] = {
  "sample-host", "sample-ssh", "watch-netflow",
};

/* The files that stay in the folder from run to run. */
static const char * const kept[] = { "ss.txt", "flows.csv", NULL };

static int
run_cli (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char **copy = NULL;

  g_ptr_array_add (argv, "liaison-cli");
  g_ptr_array_add (argv, "--database");
  g_ptr_array_add (argv, "fuzz.db");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);

  /* GOption takes arguments out of the array it is given. */
  copy = g_new0 (char *, argv->len + 1);
  memcpy (copy, argv->pdata, argv->len * sizeof (char *));
  g_unsetenv ("LIAISON_ALLOW_SHARED");
  return liaison_cli_main ((int) argv->len, copy);
}

static void
copy_data (const char *data,
           const char *from,
           const char *to)
{
  g_autofree char *path = g_build_filename (data, from, NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL) ||
      !g_file_set_contents (to, contents, (gssize) length, NULL))
    abort ();
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  const char *data = g_getenv ("LIAISON_FUZZ_DATA");
  const char *netstat[] = { "import-netstat", "--host", "web01", "--time", "2026-11-27T00:00:00Z", "ss.txt", NULL };
  const char *netflow[] = { "import-netflow", "--interval", "300", "flows.csv", NULL };
  g_autofree char *contents = NULL;
  gsize length = 0;
  int null_fd;

  folder = g_dir_make_tmp ("liaison-fuzz-cli-XXXXXX", NULL);
  if (folder == NULL || chdir (folder) != 0)
    abort ();
  g_setenv ("XDG_DATA_HOME", folder, TRUE);
  g_unsetenv ("LIAISON_DATABASE");

  /* '-' reads standard input: nothing. */
  null_fd = open ("/dev/null", O_RDONLY | O_CLOEXEC);
  if (null_fd < 0 || dup2 (null_fd, STDIN_FILENO) < 0)
    abort ();
  close (null_fd);

  /* The database every run starts from. */
  if (data != NULL)
    {
      copy_data (data, "netstat/i18n-netstat-tanp.en.txt", kept[0]);
      copy_data (data, "netflow/nfcapd.sample1.csv", kept[1]);
      run_cli (netstat);
      run_cli (netflow);
    }
  else
    {
      const char *list[] = { "list", NULL };

      run_cli (list);
    }
  if (!g_file_get_contents ("fuzz.db", &contents, &length, NULL))
    abort ();
  database = g_bytes_new_take (g_steal_pointer (&contents), length);
  return 0;
}

static gboolean
allowed (const char *arg)
{
  if (strchr (arg, '/') != NULL || g_str_has_prefix (arg, "--database") || g_str_has_prefix (arg, "--every"))
    return FALSE;
  /* GOption prints a command's --help and exits: the fuzzer would stop. */
  if (g_str_has_prefix (arg, "--help") ||
      (arg[0] == '-' && arg[1] != '-' && (strchr (arg, 'h') != NULL || strchr (arg, '?') != NULL)))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (refused_commands); i++)
    if (g_str_equal (arg, refused_commands[i]))
      return FALSE;
  return TRUE;
}

/* What the last command wrote goes; the database is as at the start. */
static void
reset_folder (void)
{
  g_autoptr(GDir) dir = g_dir_open (".", 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (!g_strv_contains (kept, name))
      g_unlink (name);
  if (!g_file_set_contents_full ("fuzz.db", g_bytes_get_data (database, NULL), (gssize) g_bytes_get_size (database),
                                 G_FILE_SET_CONTENTS_NONE, 0600, NULL))
    abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  const char *end = (const char *) data + size;

  for (const char *start = (const char *) data; start < end && args->len < MAX_ARGS; )
    {
      const char *nul = memchr (start, '\0', end - start);
      gsize len = (nul != NULL ? nul : end) - start;
      g_autofree char *arg = g_strndup (start, len);

      if (!allowed (arg))
        return 0;
      g_ptr_array_add (args, g_steal_pointer (&arg));
      start += len + 1;
    }
  g_ptr_array_add (args, NULL);

  reset_folder ();
  run_cli ((const char * const *) args->pdata);
  return 0;
}
