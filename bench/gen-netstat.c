/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-bench"

#include "config.h"

#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>

/*
 * gen-netstat: writes one busy host's socket table in one of the formats of
 * statistics.md 3.1 that came after ss, each as its tool lays it out:
 *
 *   net-tools   German `netstat -tunapeo` (User, Inode, Timer columns)
 *   windows     German `netstat -anob`, CP850 as cmd.exe writes it
 *   bsd         macOS `netstat -anv` with the process:pid column
 *   lsof        `lsof -i -n -P`
 *   ps-csv      PowerShell 5.1 `Get-NetTCPConnection | Export-Csv` (every property)
 *   ps-json     PowerShell 5.1 `Get-NetTCPConnection | ConvertTo-Json` (every property)
 *   ps-json-select  PowerShell 7 `Get-NetTCPConnection | Select-Object LocalAddress,
 *               LocalPort, RemoteAddress, RemotePort, State, OwningProcess | ConvertTo-Json`
 *
 * N sockets: one in 50 listening, one in 12 TIME_WAIT, the rest established,
 * a third of them IPv6, process names from a small set (some beyond ASCII).
 * The same options give the same bytes.
 */

static gint opt_connections = 1000000;
static char *opt_format = NULL;
static char *opt_output = NULL;

typedef struct
{
  gboolean    v6;
  gboolean    listen;
  gboolean    time_wait;
  char        local[48];
  guint       local_port;
  char        peer[48];
  guint       peer_port;
  const char *process;
  guint       pid;
} Socket;

static const char * const processes[] = { "nginx", "postgres", "Überwachung", "java", "sshd", "Kundenprüfung" };

static void
make_socket (guint   i,
             Socket *s)
{
  memset (s, 0, sizeof *s);
  s->v6 = i % 3 == 0;
  s->listen = i % 50 == 0;
  s->time_wait = !s->listen && i % 12 == 5;
  s->process = processes[i % G_N_ELEMENTS (processes)];
  s->pid = 1000 + i % 5000;
  if (s->v6)
    {
      g_snprintf (s->local, sizeof s->local, "2001:db8::%x", i % 65536);
      g_snprintf (s->peer, sizeof s->peer, "2001:db8:1::%x", (i * 7) % 65536);
    }
  else
    {
      g_snprintf (s->local, sizeof s->local, "10.%u.%u.%u", (i >> 16) % 256, (i >> 8) % 256, i % 256);
      g_snprintf (s->peer, sizeof s->peer, "172.16.%u.%u", (i * 7) % 256, (i * 13) % 256);
    }
  s->local_port = s->listen ? 443 + i % 1000 : 1024 + i % 60000;
  s->peer_port = s->listen ? 0 : 80 + (i * 31) % 9000;
}

static void
net_tools (GString *out, const Socket *s, guint i)
{
  char local[64], peer[64], program[64];

  if (i == 0)
    g_string_append (out, "Aktive Internetverbindungen (Server und stehende Verbindungen)\n"
                          "Proto Recv-Q Send-Q Local Address           Foreign Address         State       "
                          "Benutzer   Inode      PID/Program name     Timer\n");
  g_snprintf (local, sizeof local, "%s:%u", s->local, s->local_port);
  g_snprintf (program, sizeof program, "%u/%s", s->pid, s->process);
  if (s->listen)
    g_snprintf (peer, sizeof peer, "%s:*", s->v6 ? "::" : "0.0.0.0");
  else
    g_snprintf (peer, sizeof peer, "%s:%u", s->peer, s->peer_port);
  g_string_append_printf (out, "%-4s  %6d %6d %-23s %-23s %-11s %-10d %-10u %-20s %s\n",
                          s->v6 ? "tcp6" : "tcp", 0, 0, local, peer,
                          s->listen ? "LISTEN" : s->time_wait ? "TIME_WAIT" : "VERBUNDEN",
                          s->time_wait ? 0 : 1000, s->time_wait ? 0 : 20000 + i,
                          s->time_wait ? "-" : program,
                          s->time_wait ? "timewait (59.93/0/0)" : "aus (0.00/0/0)");
}

static void
windows (GString *out, const Socket *s, guint i)
{
  char local[64], peer[64];

  if (i == 0)
    g_string_append (out, "\r\nAktive Verbindungen\r\n\r\n"
                          "  Proto  Lokale Adresse         Remoteadresse          Status           PID\r\n");
  if (s->v6)
    {
      g_snprintf (local, sizeof local, "[%s]:%u", s->local, s->local_port);
      g_snprintf (peer, sizeof peer, s->listen ? "[::]:0" : "[%s]:%u", s->peer, s->peer_port);
    }
  else
    {
      g_snprintf (local, sizeof local, "%s:%u", s->local, s->local_port);
      g_snprintf (peer, sizeof peer, s->listen ? "0.0.0.0:0" : "%s:%u", s->peer, s->peer_port);
    }
  g_string_append_printf (out, "  %-7s%-22s %-22s %-15s %u\r\n", "TCP", local, peer,
                          s->listen ? "ABHÖREN" : s->time_wait ? "WARTEND" : "HERGESTELLT",
                          s->time_wait ? 0 : s->pid);
  if (!s->time_wait)
    g_string_append_printf (out, " [%s.exe]\r\n", s->process);
}

static void
bsd (GString *out, const Socket *s, guint i)
{
  char local[64], peer[64], owner[64];

  if (i == 0)
    g_string_append (out, "Active Internet connections (including servers)\n"
                          "Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)          "
                          "rxbytes      txbytes  rhiwat  shiwat          process:pid    state  options           "
                          "gencnt    flags   flags1 usecnt rtncnt fltrs\n");
  g_snprintf (local, sizeof local, "%s.%u", s->local, s->local_port);
  g_snprintf (peer, sizeof peer, s->listen ? "*.*" : "%s.%u", s->peer, s->peer_port);
  g_snprintf (owner, sizeof owner, "%s:%u", s->process, s->pid);
  g_string_append_printf (out, "%-6s%5d%7d  %-22s %-22s %-11s %12d %12d %7d %7d %22s 00102 00000008 "
                               "00000000000e4a9a 00000081 04000900      1      0 000000\n",
                          s->v6 ? "tcp6" : "tcp4", 0, 0, local, peer,
                          s->listen ? "LISTEN" : s->time_wait ? "TIME_WAIT" : "ESTABLISHED",
                          0, 0, 131072, 131072, s->time_wait ? "" : owner);
}

static void
lsof (GString *out, const Socket *s, guint i)
{
  g_autoptr(GString) command = g_string_new (NULL);

  if (i == 0)
    g_string_append (out, "COMMAND     PID   USER   FD   TYPE   DEVICE SIZE/OFF NODE NAME\n");
  if (s->time_wait)
    return;
  /* lsof writes each byte beyond ASCII as \xNN and cuts COMMAND after 9 characters */
  for (const char *p = s->process; *p != '\0'; p++)
    if ((guchar) *p < 0x80)
      g_string_append_c (command, *p);
    else
      g_string_append_printf (command, "\\x%02x", (guchar) *p);
  g_string_append_printf (out, "%-9.9s %7u %6s %4ud %6s %8u %8s %4s ",
                          command->str, s->pid, "root", 3 + i % 1000, s->v6 ? "IPv6" : "IPv4", 100000 + i, "0t0", "TCP");
  if (s->v6)
    g_string_append_printf (out, "[%s]:%u", s->local, s->local_port);
  else
    g_string_append_printf (out, "%s:%u", s->local, s->local_port);
  if (s->listen)
    g_string_append (out, " (LISTEN)\n");
  else if (s->v6)
    g_string_append_printf (out, "->[%s]:%u (ESTABLISHED)\n", s->peer, s->peer_port);
  else
    g_string_append_printf (out, "->%s:%u (ESTABLISHED)\n", s->peer, s->peer_port);
}

static const char *
state_name (const Socket *s)
{
  return s->listen ? "Listen" : s->time_wait ? "TimeWait" : "Established";
}

static void
ps_csv (GString *out, const Socket *s, guint i)
{
  const char *any = s->v6 ? "::" : "0.0.0.0";

  if (i == 0)
    g_string_append (out, "#TYPE Microsoft.Management.Infrastructure.CimInstance#ROOT/StandardCimv2/MSFT_NetTCPConnection\r\n"
                          "\"State\",\"AppliedSetting\",\"OwningProcess\",\"CreationTime\",\"OffloadState\",\"Caption\","
                          "\"Description\",\"ElementName\",\"InstanceID\",\"CommunicationStatus\",\"DetailedStatus\","
                          "\"HealthState\",\"InstallDate\",\"Name\",\"OperatingStatus\",\"OperationalStatus\","
                          "\"PrimaryStatus\",\"Status\",\"StatusDescriptions\",\"AvailableRequestedStates\","
                          "\"EnabledDefault\",\"EnabledState\",\"OtherEnabledState\",\"RequestedState\","
                          "\"TimeOfLastStateChange\",\"TransitioningToState\",\"AggregationBehavior\",\"Directionality\","
                          "\"LocalAddress\",\"LocalPort\",\"RemoteAddress\",\"RemotePort\",\"PSComputerName\","
                          "\"CimClass\",\"CimInstanceProperties\",\"CimSystemProperties\"\r\n");
  g_string_append_printf (out, "\"%s\",\"Internet\",\"%u\",\"27.11.2026 05:07:04\",\"InHost\",\"\",\"\",\"\","
                               "\"%s++%u++%s++%u\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"2\",\"\",\"\","
                               "\"5\",\"\",\"12\",\"\",\"\",\"%s\",\"%u\",\"%s\",\"%u\",\"\","
                               "\"ROOT/StandardCimv2:MSFT_NetTCPConnection\","
                               "\"Microsoft.Management.Infrastructure.Internal.Data.CimPropertiesCollection\","
                               "\"Microsoft.Management.Infrastructure.CimSystemProperties\"\r\n",
                          state_name (s), s->time_wait ? 0 : s->pid, s->local, s->local_port,
                          s->listen ? any : s->peer, s->peer_port,
                          s->local, s->local_port, s->listen ? any : s->peer, s->peer_port);
}

static void
ps_json (GString *out, const Socket *s, guint i, guint n)
{
  static const char * const nulls[] = {
    "Caption", "Description", "ElementName", "CommunicationStatus", "DetailedStatus", "HealthState",
    "InstallDate", "Name", "OperatingStatus", "OperationalStatus", "PrimaryStatus", "Status",
    "StatusDescriptions", "AvailableRequestedStates", "EnabledState", "OtherEnabledState",
    "TimeOfLastStateChange", "AggregationBehavior", "Directionality", "PSComputerName",
  };

  if (i == 0)
    g_string_append (out, "[\r\n");
  g_string_append_printf (out, "    {\r\n        \"State\":  %d,\r\n        \"AppliedSetting\":  0,\r\n"
                               "        \"OwningProcess\":  %u,\r\n        \"CreationTime\":  \"\\/Date(1795756024000)\\/\",\r\n"
                               "        \"OffloadState\":  0,\r\n        \"InstanceID\":  \"%s++%u\",\r\n",
                          s->listen ? 2 : s->time_wait ? 11 : 5, s->pid, s->local, s->local_port);
  for (guint k = 0; k < G_N_ELEMENTS (nulls); k++)
    g_string_append_printf (out, "        \"%s\":  null,\r\n", nulls[k]);
  g_string_append_printf (out, "        \"LocalAddress\":  \"%s\",\r\n        \"LocalPort\":  %u,\r\n"
                               "        \"RemoteAddress\":  \"%s\",\r\n        \"RemotePort\":  %u,\r\n"
                               "        \"CimClass\":  {\r\n"
                               "                         \"CimSuperClassName\":  \"MSFT_NetTransportConnection\",\r\n"
                               "                         \"CimClassMethods\":  \"RequestStateChange\"\r\n"
                               "                     },\r\n"
                               "        \"CimInstanceProperties\":  [\r\n"
                               "                                      \"Caption\",\r\n"
                               "                                      \"Description\"\r\n"
                               "                                  ]\r\n    }%s\r\n",
                          s->local, s->local_port, s->listen ? (s->v6 ? "::" : "0.0.0.0") : s->peer, s->peer_port,
                          i + 1 < n ? "," : "");
  if (i + 1 == n)
    g_string_append (out, "]\r\n");
}

static void
ps_json_select (GString *out, const Socket *s, guint i, guint n)
{
  if (i == 0)
    g_string_append (out, "[\n");
  g_string_append_printf (out, "  {\n    \"LocalAddress\": \"%s\",\n    \"LocalPort\": %u,\n"
                               "    \"RemoteAddress\": \"%s\",\n    \"RemotePort\": %u,\n"
                               "    \"State\": %d,\n    \"OwningProcess\": %u\n  }%s\n",
                          s->local, s->local_port, s->listen ? (s->v6 ? "::" : "0.0.0.0") : s->peer, s->peer_port,
                          s->listen ? 2 : s->time_wait ? 11 : 5, s->pid, i + 1 < n ? "," : "");
  if (i + 1 == n)
    g_string_append (out, "]\n");
}

int
main (int   argc,
      char *argv[])
{
  GOptionEntry entries[] = {
    { "connections", 'n', 0, G_OPTION_ARG_INT, &opt_connections, "Sockets (default 1000000)", "N" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format, "net-tools, windows, bsd, lsof, ps-csv, ps-json, ps-json-select", "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, "Output file (default stdout)", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- write a socket table of one busy host");
  g_autoptr(GError) error = NULL;
  GString *out = g_string_sized_new (1 << 20);
  FILE *file = stdout;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || opt_format == NULL || opt_connections < 1)
    {
      g_printerr ("gen-netstat: %s\n", error != NULL ? error->message : "--format FORMAT and --connections N >= 1");
      return 2;
    }

  if (opt_output != NULL && (file = fopen (opt_output, "wb")) == NULL)
    {
      g_printerr ("gen-netstat: %s: %s\n", opt_output, g_strerror (errno));
      return 1;
    }

  for (guint i = 0; i < (guint) opt_connections; i++)
    {
      Socket s;

      make_socket (i, &s);
      if (strcmp (opt_format, "net-tools") == 0)
        net_tools (out, &s, i);
      else if (strcmp (opt_format, "windows") == 0)
        windows (out, &s, i);
      else if (strcmp (opt_format, "bsd") == 0)
        bsd (out, &s, i);
      else if (strcmp (opt_format, "lsof") == 0)
        lsof (out, &s, i);
      else if (strcmp (opt_format, "ps-csv") == 0)
        ps_csv (out, &s, i);
      else if (strcmp (opt_format, "ps-json") == 0)
        ps_json (out, &s, i, opt_connections);
      else if (strcmp (opt_format, "ps-json-select") == 0)
        ps_json_select (out, &s, i, opt_connections);
      else
        {
          g_printerr ("gen-netstat: unknown format “%s”\n", opt_format);
          return 2;
        }

      if (out->len > (1 << 20) || i + 1 == (guint) opt_connections)
        {
          if (strcmp (opt_format, "windows") == 0)
            {
              /* cmd.exe's redirect: the console's code page */
              g_autofree char *cp850 = g_convert (out->str, out->len, "CP850", "UTF-8", NULL, NULL, NULL);

              fputs (cp850, file);
            }
          else
            fwrite (out->str, 1, out->len, file);
          g_string_truncate (out, 0);
        }
    }

  g_string_free (out, TRUE);
  if (file != stdout)
    fclose (file);
  return 0;
}
