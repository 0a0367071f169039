#!/usr/bin/env bash
# Compile the Windows installer with Debian's makensis around a built Windows bundle.
#   BUNDLE  the one-folder Windows bundle (default dist/gongjian; CI's Windows lane builds it under
#           wine into dist-windows/gongjian, packaging/windows/lane.sh)
#   OUT     the installer to write (default dist/gongjian-<version>-setup.exe)
#   VERSION defaults to app.__version__ (the lane builds an older one to test upgrading)
#   TARGET  amd64-unicode (default: runs on 64-bit wine) or x86-unicode
#   FAST=1  zlib instead of solid LZMA: seconds instead of minutes, a larger file
#   FAST=0  no compression at all (the lane's stand-in older release, only installed)
# Prints the installer's path on its last line.
set -euo pipefail
cd "$(dirname "$0")/../.."
field() { python3 -c 'import re,sys; print(re.search(sys.argv[1] + r" = \"([^\"]+)\"", open("app/__init__.py", encoding="utf-8").read()).group(1))' "$1"; }
version="${VERSION:-$(field __version__)}"
publisher="$(field PUBLISHER)"
bundle="${BUNDLE:-dist/gongjian}"
out="${OUT:-dist/gongjian-${version}-setup.exe}"
[ -f "$bundle/gongjianw.exe" ] || { echo "not a Windows bundle (no gongjianw.exe): $bundle" >&2; exit 1; }
mkdir -p "$(dirname "$out")"
fast=()
if [ "${FAST:-}" = 1 ]; then fast=(-DFAST_COMPRESSION); fi
if [ "${FAST:-}" = 0 ]; then fast=(-DNO_COMPRESSION); fi
makensis -V2 -INPUTCHARSET UTF8 "-XTarget ${TARGET:-amd64-unicode}" "${fast[@]}" \
  -DVERSION="$version" -DPUBLISHER="$publisher" -DBUNDLE="$(realpath "$bundle")" \
  -DOUTFILE="$(realpath -m "$out")" packaging/windows/gongjian.nsi >&2
echo "$out"
