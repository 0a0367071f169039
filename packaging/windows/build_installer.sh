#!/usr/bin/env bash
# Compile the Windows installer with Debian's makensis, the built bundle (dist/gongjian) as payload.
# On Linux the payload is the Linux bundle: this proves the script compiles into a real installer;
# the installer to hand out is built the same way on Windows from the Windows bundle (README).
set -euo pipefail
cd "$(dirname "$0")/../.."
version="$(python3 -c 'import re,sys; print(re.search(r"__version__ = \"([^\"]+)\"", open("app/__init__.py", encoding="utf-8").read()).group(1))')"
out="dist/gongjian-${version}-setup.exe"
fast=()
if [ "${FAST:-}" = 1 ]; then fast=(-DFAST_COMPRESSION); fi  # zlib: seconds instead of minutes
makensis -V2 -INPUTCHARSET UTF8 "${fast[@]}" -DVERSION="$version" -DBUNDLE="$PWD/dist/gongjian" \
  -DOUTFILE="$PWD/$out" packaging/windows/gongjian.nsi
echo "$out"
