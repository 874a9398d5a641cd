#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that liaison-cli speaks German with LANGUAGE=de and English without.

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


def run(cli, localedir, database, language):
    env = {key: value for key, value in os.environ.items()
           if key not in ('LANGUAGE', 'LANG') and not key.startswith('LC_')}
    env['LC_ALL'] = 'C.UTF-8'
    env['LIAISON_LOCALEDIR'] = localedir
    if language is not None:
        env['LANGUAGE'] = language
    return subprocess.run([cli, '--database', database, *ARGS], env=env,
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

    return status


if __name__ == '__main__':
    sys.exit(main())
