#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the build in BUILDDIR into a temporary DESTDIR and checks that
# every file a user and a packager expect is in place:
#
#   check-install.sh BUILDDIR PATH...
#
# Each PATH is an absolute installed path (under the prefix). Also checks
# that the programs run, the schema compiles, and the desktop file and the
# message catalogs are valid.
set -eu

builddir=$1
shift

meson=${MESON:-meson}
destdir=$(mktemp -d "${TMPDIR:-/tmp}/liaison-install-XXXXXX")
trap 'rm -rf "$destdir"' EXIT INT TERM

if ! "$meson" install -C "$builddir" --no-rebuild --quiet --destdir "$destdir" >"$destdir.log" 2>&1; then
  cat "$destdir.log"
  rm -f "$destdir.log"
  echo "FAIL: meson install"
  exit 1
fi
rm -f "$destdir.log"

status=0
fail() {
  echo "FAIL: $*"
  status=1
}

# The programs read the installed schema.
for path in "$@"; do
  case "$path" in
    */glib-2.0/schemas/*.xml)
      if [ -e "$destdir$path" ] && command -v glib-compile-schemas >/dev/null 2>&1; then
        mkdir -p "$destdir/.schemas"
        glib-compile-schemas --targetdir "$destdir/.schemas" "$(dirname "$destdir$path")"
        GSETTINGS_SCHEMA_DIR="$destdir/.schemas"
        GSETTINGS_BACKEND=memory
        export GSETTINGS_SCHEMA_DIR GSETTINGS_BACKEND
      fi ;;
  esac
done

for path in "$@"; do
  if [ -e "$destdir$path" ]; then
    echo "ok: $path"
  else
    fail "$path is not installed"
  fi
  case "$path" in
    */bin/*)
      [ -x "$destdir$path" ] || fail "$path is not executable"
      version=$("$destdir$path" --version 2>&1) || fail "$path --version does not run: $version"
      echo "   $version" ;;
    *.desktop)
      if command -v desktop-file-validate >/dev/null 2>&1; then
        desktop-file-validate "$destdir$path" || fail "$path is not a valid desktop file"
      fi ;;
    *.mo)
      if command -v msgunfmt >/dev/null 2>&1; then
        msgunfmt "$destdir$path" >/dev/null || fail "$path is not a message catalog"
      fi ;;
    */glib-2.0/schemas/*.xml)
      if command -v glib-compile-schemas >/dev/null 2>&1; then
        glib-compile-schemas --strict --dry-run "$(dirname "$destdir$path")" || fail "$path does not compile"
      fi ;;
  esac
done

exit $status
