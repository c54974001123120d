; Inno Setup 6 script for 安全生产月 desktop (Inno Setup 6.3 or newer; the script is UTF-8).
;
; Build the PyInstaller folder first (installer\build_windows.ps1 does both steps), then:
;     ISCC.exe /DAppVersion=0.1.0 installer\anquanyue.iss
; Output: dist\anquanyue-setup-<version>.exe (next to the PyInstaller folder dist\anquanyue).
;
; Installs per user by default (no administrator rights needed, into
; %LOCALAPPDATA%\Programs\anquanyue); the first page lets a user with admin rights choose
; "install for all users" instead (Program Files).
;
; The user's data (%APPDATA%\anquanyue\anquanyue-desktop: the database, backups, lock file)
; is never written or removed by this installer or by its uninstaller: there is deliberately
; no [UninstallDelete] or [Dirs] entry for it. Uninstall removes only the program folder.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "安全生产月"
#define AppPublisher "anquanyue"
#define AppExeName "anquanyue.exe"
#ifndef DistDir
  ; The PyInstaller one-folder build (COLLECT name "anquanyue").
  #define DistDir AddBackslash(SourcePath) + "..\dist\anquanyue"
#endif
#ifndef OutputDir
  #define OutputDir AddBackslash(SourcePath) + "..\dist"
#endif

[Setup]
; Fixed for the life of the product: upgrades and the uninstaller find the installation by it.
; Never change or reuse it. ("{{" is Inno's escape for a literal "{".)
AppId={{15F74750-2455-41F2-AA56-B92502E992AD}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} 安装程序
; Per-user install by default; the dialog lets an administrator install for all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
; {autopf} is %LOCALAPPDATA%\Programs per user, Program Files for all users. An ASCII folder
; name keeps paths simple for support; menus and "Apps & features" show the Chinese name.
DefaultDirName={autopf}\anquanyue
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
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

[Languages]
; Simplified Chinese is an unofficial Inno Setup translation (not shipped with Inno Setup).
; Get ChineseSimplified.isl from the "Unofficial" translations on the Inno Setup website
; (jrsoftware.org, Translations page) or the issrc repository (Files\Languages\Unofficial),
; matching your Inno Setup version, and either put it into the Inno Setup "Languages" folder
; or next to this script. Without it the wizard falls back to English (Default.isl).
#if FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "{#AddBackslash(SourcePath)}ChineseSimplified.isl"
#elif FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
  #pragma warning "ChineseSimplified.isl not found: the setup wizard will be in English"
Name: "english"; MessagesFile: "compiler:Default.isl"
#endif

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
