#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that liaison-cli speaks German with LANGUAGE=de and English without,
and that its --help, put together from a message per command, is whole in German.

  check-cli-german.py LIAISON_CLI LOCALEDIR

LOCALEDIR holds the translations of this build (de/LC_MESSAGES/liaison.mo);
liaison-cli reads them from $LIAISON_LOCALEDIR.
"""

import os
import subprocess
import sys
import tempfile

ARGS = ['add', '--client-ip', '10.0.0.300', '--listener-ip', '10.0.0.5',
        '--port', '443', '--protocol', 'tcp']

EXPECTED = {
    'de': 'liaison-cli: --client-ip: »10.0.0.300« ist keine IP-Adresse\n',
    None: 'liaison-cli: --client-ip: “10.0.0.300” is not an IP address\n',
}

HELP_DE = (
    'Aufruf: liaison-cli [--database DATEI] BEFEHL [OPTIONEN] [DATEI …]\n'
    '\n'
    'Befehle:\n'
    '  add             eine Dienstkommunikation hinzufügen; gibt ihre ID aus\n'
    '  edit ID         die angegebenen Felder einer Dienstkommunikation ändern\n'
    '  delete ID …     Dienstkommunikationen löschen (samt ihren klassischen\n'
    '                  Statistiken)\n'
    '  list            Dienstkommunikationen auflisten\n'
    '  import-netstat  Netstat-Stichproben importieren (Format wird erkannt; »-« liest\n'
    '                  die Standardeingabe)\n'
    '  sample-host     jetzt eine Netstat-Stichprobe dieses Rechners erfassen\n'
    '  import-netflow  Flussdatensätze in Stichprobenfenster importieren\n'
    '  watch-netflow   jede Datei importieren, die ein Kollektor in ORDNER abschließt\n'
    '  sample-ssh      über SSH eine Netstat-Stichprobe jedes entfernten Hosts\n'
    '                  erfassen\n'
    '  stats           Statistikdatensätze anzeigen\n'
    '  export-stats    alle Statistiken als JSON schreiben; standardmäßig in die\n'
    '                  Standardausgabe\n'
    '  map             die Abhängigkeitskarte: wer mit wem spricht\n'
    '  impact          was von einem Knoten abhängt (oder wovon er abhängt)\n'
    '  compare         was zwischen zwei Zeiträumen neu, weggefallen oder\n'
    '                  geblieben ist\n'
    '  rules           Firewall-Freigaberegeln aus der Karte\n'
    '  group           Benutzergruppen von Geräten und Adressen\n'
    '\n'
    'Optionen:\n'
    '  --database DATEI  die Datenbank (Vorgabe: $LIAISON_DATABASE, sonst\n'
    '                    $XDG_DATA_HOME/liaison/liaison.db)\n'
    '  --allow-shared    eine Datenbank verwenden, die einem anderen Benutzer\n'
    '                    gehört oder die andere beschreiben dürfen\n'
    '  -h, --help        diese Hilfe anzeigen\n'
    '  --version         die Version anzeigen\n'
    '\n'
    'Führen Sie »liaison-cli BEFEHL --help« aus, um die Optionen eines Befehls\n'
    'zu sehen.\n'
)


def run(cli, localedir, database, language, args=ARGS):
    env = {key: value for key, value in os.environ.items()
           if key not in ('LANGUAGE', 'LANG') and not key.startswith('LC_')}
    env['LC_ALL'] = 'C.UTF-8'
    env['LIAISON_LOCALEDIR'] = localedir
    if language is not None:
        env['LANGUAGE'] = language
    return subprocess.run([cli, '--database', database, *args], env=env,
                          capture_output=True, check=False)


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    cli, localedir = sys.argv[1], sys.argv[2]
    status = 0

    with tempfile.TemporaryDirectory(prefix='liaison-cli-german-') as tmp:
        database = os.path.join(tmp, 'liaison.db')
        for language, expected in EXPECTED.items():
            result = run(cli, localedir, database, language)
            stderr = result.stderr.decode('utf-8', 'replace')
            shown = f'LANGUAGE={language}' if language else 'no LANGUAGE'
            if result.returncode != 2 or stderr != expected or result.stdout:
                print(f'{shown}: exit status {result.returncode}, stderr {stderr!r}, '
                      f'stdout {result.stdout!r}; expected status 2 and {expected!r}')
                status = 1
            else:
                print(f'{shown}: {stderr.strip()}')

        result = run(cli, localedir, database, 'de', ['--help'])
        stdout = result.stdout.decode('utf-8', 'replace')
        if result.returncode != 0 or stdout != HELP_DE or result.stderr:
            print(f'LANGUAGE=de --help: exit status {result.returncode}, stdout {stdout!r}, '
                  f'stderr {result.stderr!r}; expected status 0 and {HELP_DE!r}')
            status = 1
        else:
            print('LANGUAGE=de --help: the whole help in German')

    return status


if __name__ == '__main__':
    sys.exit(main())
