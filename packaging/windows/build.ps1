# Build the Windows release: dist\goldseam\ (goldseam.exe + goldseam-cli.exe), smoke-tested,
# as a portable zip and, when Inno Setup's iscc is available, a per-user installer.
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1 [-Python C:\Python311\python.exe]
#
# Output: dist\goldseam-<version>-windows-x64.zip and dist\goldseam-<version>-windows-x64-setup.exe.
#
# Optional Authenticode signing, only when both are set (otherwise skipped, and said so):
#   WINDOWS_CERT_PFX_BASE64, WINDOWS_CERT_PASSWORD   (signtool from the Windows SDK must be installed)
# Environment: GOLDSEAM_BUILD_VENV (default build\venv).
param(
    [string]$Python = "python"
)
$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest
$Root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $Root

function Step($text) { Write-Host ""; Write-Host "== $text" }
function Invoke-Checked {
    param([string]$Exe, [string[]]$Arguments)
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

$Version = (Select-String -Path src\goldseam\__init__.py -Pattern '^__version__ = "(.*)"').Matches[0].Groups[1].Value
$Venv = if ($env:GOLDSEAM_BUILD_VENV) { $env:GOLDSEAM_BUILD_VENV } else { "build\venv" }
$Zip = "dist\goldseam-$Version-windows-x64.zip"

Step "build environment ($Venv)"
if (-not (Test-Path "$Venv\Scripts\python.exe")) { Invoke-Checked $Python @("-m", "venv", $Venv) }
$Py = (Resolve-Path "$Venv\Scripts\python.exe").Path
Invoke-Checked $Py @("-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", ".[build]")
Invoke-Checked $Py @("-c", "import sys, PyInstaller, PySide6; print('Python', sys.version.split()[0], 'PyInstaller', PyInstaller.__version__, 'PySide6', PySide6.__version__)")

Step "catalogs and icons"
Invoke-Checked $Py @("tools\i18n_catalogs.py", "compile", "--output", "build\locale")
Invoke-Checked $Py @("packaging\make_icons.py", "--out", "build\icons")

Step "PyInstaller"
if (Test-Path dist\goldseam) { Remove-Item -Recurse -Force dist\goldseam }
Invoke-Checked $Py @("-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN", "--distpath", "dist",
    "--workpath", "build\pyinstaller", "packaging\goldseam.spec")

# Optional signing -------------------------------------------------------------------------
$SignTool = $null
$Pfx = $null
if ($env:WINDOWS_CERT_PFX_BASE64 -and $env:WINDOWS_CERT_PASSWORD) {
    $SignTool = (Get-Command signtool.exe -ErrorAction SilentlyContinue).Source
    if (-not $SignTool) {
        $SignTool = Get-ChildItem "${env:ProgramFiles(x86)}\Windows Kits\10\bin\*\x64\signtool.exe" -ErrorAction SilentlyContinue |
            Sort-Object FullName | Select-Object -Last 1 -ExpandProperty FullName
    }
    if (-not $SignTool) { throw "signing credentials are set but signtool.exe was not found" }
    $Pfx = Join-Path $Root "build\signing.pfx"
    [IO.File]::WriteAllBytes($Pfx, [Convert]::FromBase64String($env:WINDOWS_CERT_PFX_BASE64))
}
function Sign-Files([string[]]$Files) {
    if (-not $SignTool) { return }
    Invoke-Checked $SignTool (@("sign", "/fd", "sha256", "/tr", "http://timestamp.digicert.com", "/td", "sha256",
        "/f", $Pfx, "/p", $env:WINDOWS_CERT_PASSWORD) + $Files)
}

try {
    Step "code signing"
    if ($SignTool) {
        Sign-Files @("dist\goldseam\goldseam.exe", "dist\goldseam\goldseam-cli.exe")
        Write-Host "signed goldseam.exe and goldseam-cli.exe"
    } else {
        Write-Host "skipped: WINDOWS_CERT_PFX_BASE64 and WINDOWS_CERT_PASSWORD are not set"
    }

    Step "smoke tests of the frozen app (console twin goldseam-cli.exe)"
    $Cli = "dist\goldseam\goldseam-cli.exe"
    $out = (& $Cli --version | Out-String).Trim()
    if ($LASTEXITCODE -ne 0 -or $out -ne "Goldseam $Version") { throw "unexpected --version output: $out" }
    Write-Host $out
    $t = Measure-Command { Invoke-Checked $Cli @("--self-test") | Out-Host }
    Write-Host ("({0:N2} s)" -f $t.TotalSeconds)
    $env:QT_QPA_PLATFORM = "offscreen"
    $t = Measure-Command { Invoke-Checked $Cli @("--self-test", "--self-test-gui") | Out-Host }
    Remove-Item Env:QT_QPA_PLATFORM
    Write-Host ("({0:N2} s)" -f $t.TotalSeconds)
    # The windowed exe must start too (no console, so only its exit code tells).
    $gui = Start-Process -FilePath "dist\goldseam\goldseam.exe" -ArgumentList "--self-test" -Wait -PassThru -NoNewWindow
    if ($gui.ExitCode -ne 0) { throw "goldseam.exe --self-test exited with $($gui.ExitCode)" }
    if (Get-ChildItem -Recurse dist\goldseam -Include *.po, *.pot) { throw ".po/.pot files in the bundle" }

    Step "portable zip"
    if (Test-Path $Zip) { Remove-Item $Zip }
    Invoke-Checked $Py @("-c", "import shutil, sys; shutil.make_archive(sys.argv[1], 'zip', 'dist', 'goldseam')", $Zip.Replace(".zip", ""))

    Step "installer (Inno Setup)"
    $Iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
    if (-not $Iscc) {
        foreach ($candidate in @("${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe", "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
                "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe")) {
            if (Test-Path $candidate) { $Iscc = $candidate; break }
        }
    }
    $Setup = $null
    if ($Iscc) {
        Invoke-Checked $Iscc @("/Q", "/DAppVersion=$Version", "/DSourceDir=$Root\dist\goldseam",
            "/DIconFile=$Root\build\icons\goldseam.ico", "/DOutputDir=$Root\dist", "packaging\windows\goldseam.iss")
        $Setup = "dist\goldseam-$Version-windows-x64-setup.exe"
        Sign-Files @($Setup)
    } else {
        Write-Host "skipped: iscc.exe (Inno Setup 6) not found; install it with: choco install innosetup"
    }

    Step "result"
    $files = Get-ChildItem -Recurse -File dist\goldseam
    $bytes = ($files | Measure-Object -Property Length -Sum).Sum
    Write-Host ("bundle:   {0}\dist\goldseam  {1:N1} MiB ({2} files)" -f $Root, ($bytes / 1MB), $files.Count)
    foreach ($artifact in @($Zip, $Setup)) {
        if ($artifact -and (Test-Path $artifact)) {
            $size = (Get-Item $artifact).Length
            Write-Host ("artifact: {0}\{1}  {2:N1} MiB ({3} bytes)" -f $Root, $artifact, ($size / 1MB), $size)
        }
    }
} finally {
    if ($Pfx -and (Test-Path $Pfx)) { Remove-Item -Force $Pfx }
}
