; Inno Setup script for Goldseam: a per-user install (no administrator rights), with an
; opt-in "all users" choice in the wizard. Built by packaging\windows\build.ps1:
;
;   iscc /DAppVersion=0.1.0 /DSourceDir=C:\...\dist\goldseam /DIconFile=C:\...\build\icons\goldseam.ico ^
;        /DOutputDir=C:\...\dist packaging\windows\goldseam.iss
;
; The vault lives in %LOCALAPPDATA%\Goldseam (the app's data folder), never in the install
; folder, so installing, upgrading or uninstalling never touches it.

#define AppName "Goldseam"
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\dist\goldseam"
#endif
#ifndef IconFile
  #define IconFile "..\build\icons\goldseam.ico"
#endif
#ifndef OutputDir
  #define OutputDir "..\dist"
#endif

[Setup]
; Never change AppId: Windows uses it to recognise upgrades and the uninstaller.
AppId={{F69897A9-3863-424E-A5D5-67923409D864}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The Goldseam authors
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} Setup
; Per-user by default: {autopf} is %LOCALAPPDATA%\Programs when not elevated.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
OutputDir={#OutputDir}
OutputBaseFilename=goldseam-{#AppVersion}-windows-x64-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\goldseam.exe
UninstallDisplayName={#AppName}
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"
Name: "de"; MessagesFile: "compiler:Languages\German.isl"
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"
Name: "pt"; MessagesFile: "compiler:Languages\Portuguese.isl"
Name: "ptbr"; MessagesFile: "compiler:Languages\BrazilianPortuguese.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the bundle whole, so files a newer build no longer ships don't linger.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\goldseam.exe"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\goldseam.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\goldseam.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
