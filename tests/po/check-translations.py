#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the translations of Liaison.

  check-translations.py potfiles SOURCE_ROOT
      Fails when a file under src/ or data/ holds translatable strings but
      is missing from po/POTFILES.in, or when POTFILES.in names a file twice
      or one that does not exist.

  check-translations.py complete SOURCE_ROOT
      Extracts the strings of the sources listed in po/POTFILES.in, merges
      them into every po/LANG.po of po/LINGUAS, and fails when a message is
      untranslated or fuzzy, or when `msgfmt --check` finds a fault.

  check-translations.py merged SOURCE_ROOT DESKTOP_FILE METAINFO_FILE
      Fails when the built desktop file or metainfo lacks the translated
      name, comment or summary of a language of po/LINGUAS.
"""

import os
import re
import subprocess
import sys
import tempfile

# What marks a translatable string: the gettext macros of <glib/gi18n.h>,
# ngettext, and translatable properties in GtkBuilder files.
MARKERS = re.compile(
    rb'(?:^|[^A-Za-z0-9_])(?:_|N_|C_|NC_|g_dngettext|g_dpgettext2|ngettext)\s*\('
    rb'|translatable="yes"')

# Files translatable by their kind, whatever they contain.
KINDS = ('.desktop.in', '.metainfo.xml.in', '.appdata.xml.in', '.gschema.xml')

# The same xgettext arguments as meson's i18n 'glib' preset.
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format', '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format', '--flag=g_printerr:1:c-format',
    '--flag=g_printf:1:c-format', '--flag=g_fprintf:2:c-format',
    '--flag=g_sprintf:2:c-format', '--flag=g_snprintf:3:c-format',
]


def read_list(path):
    with open(path, encoding='utf-8') as f:
        return [line.strip() for line in f
                if line.strip() and not line.lstrip().startswith('#')]


def is_binary(data):
    return b'\0' in data[:8192]


def translatable_files(root):
    found = []
    for top in ('src', 'data'):
        for folder, dirs, files in os.walk(os.path.join(root, top)):
            dirs.sort()
            for name in sorted(files):
                path = os.path.join(folder, name)
                rel = os.path.relpath(path, root).replace(os.sep, '/')
                if name.endswith(KINDS):
                    found.append(rel)
                    continue
                with open(path, 'rb') as f:
                    data = f.read()
                if not is_binary(data) and MARKERS.search(data):
                    found.append(rel)
    return found


def check_potfiles(root):
    listed = read_list(os.path.join(root, 'po', 'POTFILES.in'))
    faults = []

    seen = set()
    for rel in listed:
        if rel in seen:
            faults.append(f'po/POTFILES.in: {rel} is listed twice')
        seen.add(rel)
        if not os.path.isfile(os.path.join(root, rel)):
            faults.append(f'po/POTFILES.in: {rel} does not exist')

    for rel in translatable_files(root):
        if rel not in seen:
            faults.append(f'{rel} has translatable strings but is missing from po/POTFILES.in')

    for fault in faults:
        print(fault)
    if not faults:
        print(f'po/POTFILES.in lists all {len(listed)} files with translatable strings')
    return 1 if faults else 0


def run(args, **kwargs):
    return subprocess.run(args, check=False, text=True, capture_output=True, **kwargs)


def check_complete(root):
    po_dir = os.path.join(root, 'po')
    languages = read_list(os.path.join(po_dir, 'LINGUAS'))
    status = 0

    with tempfile.TemporaryDirectory(prefix='liaison-po-') as tmp:
        pot = os.path.join(tmp, 'liaison.pot')
        result = run(['xgettext', *XGETTEXT_ARGS, '--package-name=liaison',
                      '--files-from', os.path.join(po_dir, 'POTFILES.in'),
                      '--directory', root, '--output', pot])
        if result.returncode != 0:
            print(result.stderr)
            return 1

        for lang in languages:
            po = os.path.join(po_dir, lang + '.po')
            merged = os.path.join(tmp, lang + '.po')
            result = run(['msgmerge', '--quiet', '--output-file', merged, po, pot])
            if result.returncode != 0:
                print(result.stderr)
                status = 1
                continue

            result = run(['msgfmt', '--check', '--statistics', '--output-file', os.devnull, merged],
                         env={**os.environ, 'LC_ALL': 'C'})
            stats = result.stderr.strip()
            print(f'{lang}: {stats}')
            if result.returncode != 0:
                status = 1

            if re.search(r'\b[1-9][0-9]* (fuzzy|untranslated)', stats):
                status = 1

            # Name each message that needs work.
            for kind, option in (('untranslated', '--untranslated'), ('fuzzy', '--only-fuzzy')):
                listing = run(['msgattrib', option, '--no-obsolete', '--no-wrap', merged])
                for block in listing.stdout.split('\n\n'):
                    match = re.search(r'^msgid ((?:".*"\n?)+)', block, re.MULTILINE)
                    if match is None:
                        continue
                    msgid = ''.join(re.findall(r'"(.*)"', match.group(1)))
                    if msgid:
                        print(f'{lang}: {kind}: "{msgid}"')

    return status


def check_merged(root, desktop, metainfo):
    languages = read_list(os.path.join(root, 'po', 'LINGUAS'))
    with open(desktop, encoding='utf-8') as f:
        entries = dict(line.rstrip('\n').split('=', 1) for line in f if '=' in line)
    with open(metainfo, encoding='utf-8') as f:
        appstream = f.read()
    status = 0

    for lang in languages:
        for key in ('Name', 'GenericName', 'Comment', 'Keywords'):
            value = entries.get(f'{key}[{lang}]')
            if not value:
                print(f'{desktop}: no {key}[{lang}]')
                status = 1
            else:
                print(f'{key}[{lang}]={value}')
        if entries.get(f'Comment[{lang}]') == entries.get('Comment'):
            print(f'{desktop}: Comment[{lang}] is not translated')
            status = 1

        summary = re.search(rf'<summary xml:lang="{re.escape(lang)}">(.+?)</summary>', appstream)
        if summary is None:
            print(f'{metainfo}: no <summary xml:lang="{lang}">')
            status = 1
        else:
            print(f'summary[{lang}]: {summary.group(1)}')
        if f'<p xml:lang="{lang}">' not in appstream:
            print(f'{metainfo}: no translated description for {lang}')
            status = 1

    return status


def main():
    modes = {'potfiles': 3, 'complete': 3, 'merged': 5}
    if len(sys.argv) < 2 or modes.get(sys.argv[1]) != len(sys.argv):
        print(__doc__.strip(), file=sys.stderr)
        return 2

    root = sys.argv[2]
    if sys.argv[1] == 'potfiles':
        return check_potfiles(root)
    if sys.argv[1] == 'merged':
        return check_merged(root, sys.argv[3], sys.argv[4])
    return check_complete(root)


if __name__ == '__main__':
    sys.exit(main())
