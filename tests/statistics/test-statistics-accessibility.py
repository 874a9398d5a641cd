#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The Statistics page of the real `liaison` program through AT-SPI: the
# client table, the timeline and its lanes, and the selected client's
# figures are reachable and named; and the mouse wheel over the timeline
# scrolls the page, as everywhere else.
#
# Run under a display and a private session bus:
#   xvfb-run -a dbus-run-session -- python3 test-statistics-accessibility.py
# Needs LIAISON_BINARY and LIAISON_CLI in the environment. The AT-SPI
# helpers are those of tests/app/test-accessibility.py.

import importlib.util
import os
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location(
    'a11y', os.path.join(HERE, '..', 'app', 'test-accessibility.py'))
a11y = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(a11y)

from gi.repository import Atspi  # noqa: E402

CLIENTS = 40


def write_samples(workdir):
    """Four netstat samples of web01: 40 clients of 10.0.0.5:443, each
    missing from one sample in four; and the seed example's netflow."""
    paths = []
    for sample in range(4):
        lines = ['State  Recv-Q Send-Q Local Address:Port Peer Address:Port',
                 'LISTEN 0      128    0.0.0.0:443        0.0.0.0:*']
        for client in range(CLIENTS):
            if client % 4 != sample:
                lines.append('ESTAB  0      0      10.0.0.5:443       10.0.2.%d:%d'
                             % (client + 1, 40000 + sample * 100 + client))
        path = os.path.join(workdir, 'web01-%d.txt' % sample)
        with open(path, 'w') as f:
            f.write('\n'.join(lines) + '\n')
        paths.append(path)
    return paths


def extents(node):
    """In the window's coordinates: GTK 4 knows no others. Under Xvfb
    without a window manager, the window is at the screen's corner."""
    return Atspi.Component.get_extents(node, Atspi.CoordType.WINDOW)


def main():
    if a11y.skipped():
        return 77

    workdir = tempfile.mkdtemp(prefix='liaison-statistics-a11y-')
    database = os.path.join(workdir, 'liaison.db')
    launcher = None
    process = None
    try:
        for i, path in enumerate(write_samples(workdir)):
            a11y.cli(database, 'import-netstat', '--host', 'web01',
                     '--time', '2026-11-2%dT00:00:00Z' % (i + 1), path)

        launcher, process, app = a11y.start_liaison(database)
        if app is None:
            return a11y.NOT_ON_BUS
        window = a11y.wait_for('the main window', lambda: a11y.find_window(app, a11y.main_window_name(database)))

        tab = a11y.wait_for('the Statistics tab', lambda: next(
            (node for node in a11y.walk(window)
             if node.get_role() in (Atspi.Role.TOGGLE_BUTTON, Atspi.Role.PUSH_BUTTON, Atspi.Role.PAGE_TAB)
             and node.get_name() == 'Statistics' and a11y.is_visible(node)), None))
        a11y.press(tab)

        table = a11y.wait_for('the client table', lambda: next(
            (node for node in a11y.walk(window)
             if node.get_name() == 'Clients' and a11y.is_visible(node)
             and node.get_role() in (Atspi.Role.TABLE, Atspi.Role.TREE_TABLE, Atspi.Role.LIST)), None))
        a11y.check(table is not None, 'no table named "Clients"')
        lanes = a11y.wait_for('the lanes of the table', lambda: [
            node for node in a11y.walk(table)
            if node.get_role() == Atspi.Role.IMAGE and (node.get_name() or '').startswith('10.0.2.')])
        a11y.check(any('seen by netstat in' in node.get_name() for node in lanes),
                   'the table\'s lanes do not say what they show: %r' % [n.get_name() for n in lanes[:3]])
        print('ok - the client table and its %d lanes in view are named' % len(lanes), flush=True)

        timeline = a11y.find(window, Atspi.Role.IMAGE, 'Activity timeline')
        a11y.check(timeline is not None, 'no image named "Activity timeline"')
        description = timeline.get_description() if timeline is not None else ''
        a11y.check('10.0.2.1: seen by netstat in' in description and 'and 10 more clients' not in description,
                   'the timeline does not describe its lanes: %r' % description[:200])
        scrollbar = a11y.find(window, Atspi.Role.SCROLL_BAR, 'Scroll the lanes')
        a11y.check(scrollbar is not None, 'the lanes have no named scrollbar')
        print('ok - the timeline describes its %d lanes and scrolls them by a named scrollbar' % CLIENTS,
              flush=True)

        detail = a11y.find(window, Atspi.Role.PANEL, 'Client details') or next(
            (node for node in a11y.walk(window) if node.get_name() == 'Client details' and a11y.is_visible(node)),
            None)
        a11y.check(detail is not None, 'no "Client details" in the page')
        a11y.check(detail is not None and any(node.get_name() == 'Total Samples' for node in a11y.walk(detail)),
                   'the client details hold no figures')
        print('ok - the selected client\'s details are reachable', flush=True)

        checked = a11y.check_names(window, 'statistics page')
        a11y.check(checked >= 10, 'only %d controls found on the statistics page' % checked)
        print('ok - %d controls of the statistics page have names' % checked, flush=True)

        # The plain wheel over the timeline scrolls the page: the timeline
        # moves up on the screen.
        before = extents(timeline)
        x, y = before.x + before.width // 2, before.y + before.height // 2
        for _ in range(5):
            Atspi.generate_mouse_event(x, y, 'b5c')
            time.sleep(0.1)
        after = a11y.wait_for('the page to scroll', lambda: (lambda e: e if e.y < before.y else None)(extents(timeline)))
        a11y.check(after.y < before.y, 'the wheel over the timeline did not scroll the page')
        print('ok - the wheel over the timeline scrolls the page (%d px)' % (before.y - after.y), flush=True)

        a11y.quit_liaison(process)
        process = None
    finally:
        a11y.clean_up(process, launcher, workdir)
    return a11y.outcome()


if __name__ == '__main__':
    sys.exit(a11y.run_attempts(main, __file__))
