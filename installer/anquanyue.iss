; Inno Setup script for 安全生产月 desktop. Needs Inno Setup 7.0.2 or newer, which ships the
; Simplified Chinese wizard messages (Languages\ChineseSimplified.isl); the script is UTF-8.
;
; Build the PyInstaller folder first (installer\build_windows.ps1 does both steps), then:
;     ISCC.exe installer\anquanyue.iss
; Output: dist\anquanyue-setup-<version>.exe (next to the PyInstaller folder dist\anquanyue).
;
; Per user only (no administrator rights, into %LOCALAPPDATA%\Programs\anquanyue): an
; all-users install would make every later upgrade need an administrator, which township
; offices rarely have at hand.
;
; The user's data (%LOCALAPPDATA%\anquanyue\anquanyue-desktop: the database, media, backups)
; is never written or removed by this installer or by its uninstaller: there is deliberately
; no [UninstallDelete] or [Dirs] entry for it. Uninstall removes only the program folder.

#if Ver < EncodeVer(7, 0, 2)
  #error Inno Setup 7.0.2 or newer is required (it ships the Simplified Chinese wizard texts).
#endif

#define AppName "安全生产月"
#define AppPublisher "安全生产月桌面版开发组"
#define AppCopyright "Copyright (C) 2022-2026 安全生产月桌面版开发组"
#define AppExeName "anquanyue.exe"
; Keep in step with RUNNING_MUTEX_NAME in anquanyue_desktop/ui/app_mutex.py.
#define RunningMutex "AnquanyueDesktopRunning"
#ifndef DistDir
  ; The PyInstaller one-folder build (COLLECT name "anquanyue").
  #define DistDir AddBackslash(SourcePath) + "..\dist\anquanyue"
#endif
#ifndef OutputDir
  #define OutputDir AddBackslash(SourcePath) + "..\dist"
#endif
; The version is read from the built program itself, so the installer can never claim another
; one; no fallback: without the built exe there is nothing to install.
#if !FileExists(AddBackslash(DistDir) + AppExeName)
  #error The built program is missing: run PyInstaller first (installer\build_windows.ps1).
#endif
#define AppVersion GetStringFileInfo(AddBackslash(DistDir) + AppExeName, PRODUCT_VERSION)
#define AppVersionNumbers GetVersionNumbersString(AddBackslash(DistDir) + AppExeName)
#if AppVersion == "" || AppVersionNumbers == ""
  #error Could not read the version from the built program's version resource.
#endif

[Setup]
; Fixed for the life of the product: upgrades and the uninstaller find the installation by it.
; Never change or reuse it. ("{{" is Inno's escape for a literal "{".)
AppId={{15F74750-2455-41F2-AA56-B92502E992AD}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
AppCopyright={#AppCopyright}
VersionInfoCopyright={#AppCopyright}
VersionInfoVersion={#AppVersionNumbers}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} 安装程序
; Per-user only: no all-users page (see the note at the top).
PrivilegesRequired=lowest
; {autopf} is %LOCALAPPDATA%\Programs for a per-user install. An ASCII folder name keeps
; paths simple for support; menus and "Apps & features" show the Chinese name.
DefaultDirName={autopf}\anquanyue
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 supports Windows 10 1809 (build 17763) and later.
MinVersion=10.0.17763
SourceDir={#DistDir}
OutputDir={#OutputDir}
OutputBaseFilename=anquanyue-setup-{#AppVersion}
SetupIconFile={#AddBackslash(SourcePath)}..\resources\icons\app.ico
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
; Offer to close a running copy (Restart Manager) before files are replaced or removed.
CloseApplications=yes
RestartApplications=no
; The program holds this mutex while it runs: setup and uninstall ask to close it first.
AppMutex={#RunningMutex},Global\{#RunningMutex}
; One setup at a time.
SetupMutex=AnquanyueDesktopSetup,Global\AnquanyueDesktopSetup

[Languages]
; Chinese only. Inno Setup 7.0.2+ ships ChineseSimplified.isl (checked above); a build without
; it fails here instead of shipping an English wizard.
#if !FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
  #error Languages\ChineseSimplified.isl is missing from this Inno Setup installation.
#endif
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade replaces the whole runtime folder, so no file of an older build is left behind.
; This is inside {app} only, never the user's data folder.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] section on purpose: see the note at the top about the user's data.

[Code]
// A newer installed version is not replaced by an older installer without a clear question.
function InstalledVersion(): String;
var
  Key: String;
begin
  Result := '';
  Key := 'Software\Microsoft\Windows\CurrentVersion\Uninstall\{#SetupSetting("AppId")}_is1';
  if not RegQueryStringValue(HKCU, Key, 'DisplayVersion', Result) then
    Result := '';
end;

function InitializeSetup(): Boolean;
var
  Installed: String;
  InstalledPacked, ThisPacked: Int64;
begin
  Result := True;
  Installed := InstalledVersion();
  if (Installed = '') or not StrToVersion(Installed, InstalledPacked) then
    Exit;
  if not StrToVersion('{#AppVersion}', ThisPacked) then
    Exit;
  if ComparePackedVersion(InstalledPacked, ThisPacked) > 0 then
    Result := SuppressibleMsgBox(
      '这台电脑上已经安装了较新的版本 ' + Installed + '，' +
      '而本安装程序是较旧的版本 {#AppVersion}。' + #13#10#13#10 +
      '用旧版本覆盖新版本后，新版本保存过的数据可能无法打开（数据本身不会被删除）。' + #13#10#13#10 +
      '确实要安装旧版本吗？',
      mbConfirmation, MB_YESNO or MB_DEFBUTTON2, IDNO) = IDYES;
end;
