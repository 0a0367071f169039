; 攻坚台账 Windows installer (NSIS 3, Unicode). Per-user: no administrator rights needed.
;
; Build on Windows after `pyinstaller --noconfirm build.spec` (README, "安装包"):
;   makensis /INPUTCHARSET UTF8 /DVERSION=0.1.0 packaging\windows\gongjian.nsi
; Build on Linux from the Windows bundle (CI's Windows lane, packaging/windows/lane.sh):
;   BUNDLE=dist-windows/gongjian bash packaging/windows/build_installer.sh
;
; Defines: VERSION (required), PUBLISHER (default 攻坚台账), BUNDLE (the one-folder bundle,
;          default dist/gongjian), OUTFILE (default dist/攻坚台账-<VERSION>-安装程序.exe).
;          Relative paths are from this folder (makensis works in the script's folder); forward
;          slashes work on both systems. Either target works: x86-unicode (makensis' default on
;          Windows) or amd64-unicode (-XTarget amd64-unicode, what CI runs under 64-bit wine).
;
; Silent use (IT departments): `攻坚台账-0.1.0-安装程序.exe /S` installs; `卸载攻坚台账.exe /S`
; uninstalls and keeps the data; `卸载攻坚台账.exe /S /PURGE` deletes the data as well.

Unicode true
ManifestDPIAware true
!ifdef NO_COMPRESSION
  SetCompress off  ; CI's stand-in for an older release: only installed, never handed out
!else ifdef FAST_COMPRESSION
  SetCompressor zlib  ; CI: seconds instead of minutes, a larger file
!else
  SetCompressor /SOLID lzma
!endif

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"
!include "Sections.nsh"
!include "WinVer.nsh"
!include "x64.nsh"

!define APPNAME "攻坚台账"
!define APPID "gongjian"
!ifndef PUBLISHER
  !define PUBLISHER "攻坚台账"
!endif
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPID}"
!ifndef VERSION
  !error "VERSION is required: makensis /DVERSION=0.1.0 gongjian.nsi"
!endif
!ifndef BUNDLE
  !define BUNDLE "../../dist/gongjian"
!endif
!ifndef OUTFILE
  !define OUTFILE "../../dist/${APPNAME}-${VERSION}-安装程序.exe"
!endif

Name "${APPNAME} ${VERSION}"
OutFile "${OUTFILE}"
; Per-user install: %LOCALAPPDATA%\Programs\gongjian, as other per-user programs do.
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${APPID}"
InstallDirRegKey HKCU "Software\${APPID}" "InstallDir"
BrandingText "${APPNAME} ${VERSION}"

; 属性 → 详细信息 of the installer (VERSION has three numbers; Windows wants four).
VIProductVersion "${VERSION}.0"
VIFileVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=2052 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APPNAME} ${VERSION} 安装程序"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "© ${PUBLISHER}"

!define MUI_ICON "../../resources/icons/gongjian.ico"
!define MUI_UNICON "../../resources/icons/gongjian.ico"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "将在本机为当前用户安装 ${APPNAME} ${VERSION}，不需要管理员权限，也不需要联网。$\r$\n$\r$\n您的数据（数据库、备份、设置）保存在 %APPDATA%\gongjian，重新安装或升级不会改动它们。"
!define MUI_FINISHPAGE_RUN "$INSTDIR\gongjianw.exe"
!define MUI_FINISHPAGE_RUN_TEXT "现在打开${APPNAME}"
!define MUI_UNCOMPONENTSPAGE_TEXT_TOP "默认只卸载程序，保留您的数据库、备份和设置。如需一并删除，请勾选第二项。"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese"

Section "${APPNAME}" SecProgram
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; An upgrade replaces the program files; the data folder beside a portable copy is not touched.
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE}/*.*"
  WriteUninstaller "$INSTDIR\卸载${APPNAME}.exe"

  CreateDirectory "$SMPROGRAMS\${APPNAME}"
  CreateShortcut "$SMPROGRAMS\${APPNAME}\${APPNAME}.lnk" "$INSTDIR\gongjianw.exe" "" "$INSTDIR\gongjianw.exe" 0
  CreateShortcut "$SMPROGRAMS\${APPNAME}\卸载${APPNAME}.lnk" "$INSTDIR\卸载${APPNAME}.exe"
  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\gongjianw.exe" "" "$INSTDIR\gongjianw.exe" 0

  WriteRegStr HKCU "Software\${APPID}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\gongjianw.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\卸载${APPNAME}.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\卸载${APPNAME}.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "un.卸载程序" UnSecProgram
  SectionIn RO
  ; Only what the installer put there: a portable copy's data folder and marker stay.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\gongjian.exe"
  Delete "$INSTDIR\gongjianw.exe"
  Delete "$INSTDIR\卸载${APPNAME}.exe"
  RMDir "$INSTDIR"
  Delete "$DESKTOP\${APPNAME}.lnk"
  RMDir /r "$SMPROGRAMS\${APPNAME}"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\${APPID}"
SectionEnd

Section /o "un.同时删除我的数据（数据库、备份、设置、日志）" UnSecData
  RMDir /r "$APPDATA\${APPID}"
  RMDir /r "$INSTDIR\data"
  Delete "$INSTDIR\gongjian-portable.txt"
  RMDir "$INSTDIR"
SectionEnd

; Qt 6 runs on 64-bit Windows 10 1809 (build 17763) or later and Windows 11 only: say so here,
; not with a program that will not start after installing.
Function .onInit
  ${IfNot} ${AtLeastWin10}
  ${OrIfNot} ${AtLeastBuild} 17763
  ${OrIfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "${APPNAME} 需要 64 位的 Windows 10（1809 或更新版本）或 Windows 11。$\r$\n这台电脑的系统版本过旧，无法安装。" /SD IDOK
    Abort
  ${EndIf}
FunctionEnd

; /PURGE on the uninstaller's command line ticks 同时删除我的数据 (for silent uninstalls).
Function un.onInit
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/PURGE" $R1
  ${IfNot} ${Errors}
    !insertmacro SelectSection ${UnSecData}
  ${EndIf}
FunctionEnd

!insertmacro MUI_UNFUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${UnSecProgram} "删除程序文件、开始菜单和桌面快捷方式。"
  !insertmacro MUI_DESCRIPTION_TEXT ${UnSecData} "不可恢复：删除 %APPDATA%\gongjian 中的数据库、自动备份、设置和日志。放在其他位置的数据库文件不会被删除。"
!insertmacro MUI_UNFUNCTION_DESCRIPTION_END
