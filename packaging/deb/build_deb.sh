#!/usr/bin/env bash
# Make the 统信UOS / 银河麒麟 package from the built bundle (dist/gongjian), laid out as their app
# stores expect: everything under /opt/apps/<appid>/ with entries/ (desktop entry, icon), files/
# (the program) and info (JSON). Output: dist/<appid>_<version>_amd64.deb.
#
# The bundle carries the glibc requirement of the machine it was built on: build it on the oldest
# system it must run on (UOS 20 / Kylin V10: glibc 2.28–2.31) with PySide6 6.9 or older — the last
# wheels built for manylinux_2_28 (6.10 and later need glibc 2.34). README, "安装包".
set -euo pipefail
cd "$(dirname "$0")/../.."
appid="cn.gongjian.gongjian"
version="$(python3 -c 'import re; print(re.search(r"__version__ = \"([^\"]+)\"", open("app/__init__.py", encoding="utf-8").read()).group(1))')"
arch="$(dpkg --print-architecture)"
bundle="dist/gongjian"
[ -x "$bundle/gongjian" ] || { echo "build the bundle first: pyinstaller --noconfirm build.spec" >&2; exit 1; }

root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
chmod 755 "$root"
app="$root/opt/apps/$appid"
mkdir -p "$app/files" "$app/entries/applications" "$app/entries/icons/hicolor/256x256/apps" \
  "$app/entries/icons/hicolor/scalable/apps" "$root/DEBIAN"
cp -a "$bundle/." "$app/files/"
cp resources/icons/gongjian.png "$app/entries/icons/hicolor/256x256/apps/$appid.png"
cp resources/icons/gongjian.svg "$app/entries/icons/hicolor/scalable/apps/$appid.svg"

cat > "$app/entries/applications/$appid.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Version=1.0
Name=攻坚台账
Name[zh_CN]=攻坚台账
GenericName=重点项目攻坚管理
Comment=重点项目百日攻坚：项目卡片、倒排工期、挂图作战、问题台账与统计通报
Exec=/opt/apps/$appid/files/gongjian %f
Icon=$appid
Terminal=false
Categories=Office;ProjectManagement;
MimeType=application/vnd.sqlite3;
StartupWMClass=gongjian
DESKTOP

cat > "$app/info" <<INFO
{
  "appid": "$appid",
  "name": "攻坚台账",
  "version": "$version",
  "arch": ["$arch"],
  "permissions": {
    "autostart": false,
    "notification": false,
    "trayicon": false,
    "clipboard": true,
    "account": false,
    "bluetooth": false,
    "camera": false,
    "audio_record": false,
    "installed_apps": false
  }
}
INFO

size_kb="$(du -sk "$root/opt" | cut -f1)"
# The X11 libraries Qt's xcb platform plugin loads from the system (not bundled), and CUPS
# (build.spec: printing uses the system's print library).
cat > "$root/DEBIAN/control" <<CONTROL
Package: $appid
Version: $version
Architecture: $arch
Maintainer: 攻坚台账 <gongjian@localhost>
Installed-Size: $size_kb
Depends: libc6 (>= 2.28), libcups2, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-image0, libxcb-render-util0, libxcb-xinerama0, libxcb-xkb1, libxkbcommon-x11-0, libegl1, libgl1, libfontconfig1, libdbus-1-3
Section: office
Priority: optional
Homepage: https://localhost/gongjian
Description: 攻坚台账 — 重点项目百日攻坚管理（离线）
 项目卡片、倒排工期与挂图作战、问题台账与督办、统计通报与月通报，
 以及与上级和责任单位交换 Excel 表格。数据只保存在本机，不需要联网。
CONTROL

out="dist/${appid}_${version}_${arch}.deb"
compress=(-Zxz)
if [ "${FAST:-}" = 1 ]; then compress=(-Zgzip -z1); fi  # CI: seconds instead of a minute
dpkg-deb --root-owner-group "${compress[@]}" --build "$root" "$out" >/dev/null
echo "$out"
