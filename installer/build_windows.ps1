<#
.SYNOPSIS
    Builds the Windows release of anquanyue desktop: venv, tests, PyInstaller folder, installer.

.DESCRIPTION
    From the repository root (or anywhere):

        powershell -NoProfile -ExecutionPolicy Bypass -File installer\build_windows.ps1

    1. creates build\venv-windows with Python 3.12+ x64 (py launcher, or -Python PATH)
    2. installs exactly the versions in installer\requirements-windows.txt (--require-hashes),
       then the program itself without dependencies
    3. runs the test suite (python -m pytest); stops here if anything fails
    4. PyInstaller installer\anquanyue.spec -> dist\anquanyue\ (anquanyue.exe, anquanyue-cli.exe)
    5. installer\smoke_frozen.py: every export of the frozen CLI, notices, the frozen GUI
    6. the portable build: dist\anquanyue-portable-<version>.zip (the folder, zipped)
    7. Inno Setup 7.0.2+ (ISCC.exe) installer\anquanyue.iss -> dist\anquanyue-setup-<version>.exe

    See installer\BUILD.md. This file is ASCII on purpose (Windows PowerShell 5.1 reads
    BOM-less scripts in the ANSI code page).

.PARAMETER Python
    Python 3.12+ x64 interpreter to create the venv with. Default: "py -3.12", then "python".

.PARAMETER Iscc
    Path to ISCC.exe (Inno Setup 7.0.2+). Default: on PATH, then the usual install folders.

.PARAMETER Fresh
    Delete and recreate the build venv first.

.PARAMETER SkipInstaller
    Stop after the PyInstaller folder (no Inno Setup needed).
#>
[CmdletBinding()]
param(
    [string]$Python = "",
    [string]$Iscc = "",
    [switch]$Fresh,
    [switch]$SkipInstaller
)

Set-StrictMode -Version Latest
$ErrorActionPreference = "Stop"

$Root = Split-Path -Parent $PSScriptRoot
$Venv = Join-Path $Root "build\venv-windows"
$VenvPython = Join-Path $Venv "Scripts\python.exe"
$Dist = Join-Path $Root "dist"
$WorkPath = Join-Path $Root "build\pyinstaller"
$Spec = Join-Path $PSScriptRoot "anquanyue.spec"
$IssFile = Join-Path $PSScriptRoot "anquanyue.iss"
$AppDir = Join-Path $Dist "anquanyue"

function Invoke-Step {
    # Runs a native command; any non-zero exit code stops the whole build.
    param([string]$What, [scriptblock]$Command)
    Write-Host ""
    Write-Host "==> $What" -ForegroundColor Cyan
    $previous = $ErrorActionPreference
    $ErrorActionPreference = "Continue"   # native tools write progress to stderr
    try {
        & $Command
        $code = $LASTEXITCODE
    } finally {
        $ErrorActionPreference = $previous
    }
    if ($code -ne 0) {
        throw "$What failed (exit code $code)."
    }
}

function Find-BasePython {
    if ($Python) {
        return (Resolve-Path $Python).Path
    }
    if (Get-Command py -ErrorAction SilentlyContinue) {
        # "py -3.12" prints an error when 3.12 is missing; that must not stop the script here.
        $previous = $ErrorActionPreference
        $ErrorActionPreference = "Continue"
        try {
            $exe = & py -3.12 -c "import sys; print(sys.executable)" 2>$null
            $code = $LASTEXITCODE
        } finally {
            $ErrorActionPreference = $previous
        }
        if ($code -eq 0 -and $exe) { return ([string]$exe).Trim() }
    }
    $cmd = Get-Command python -ErrorAction SilentlyContinue
    if ($cmd) { return $cmd.Source }
    throw "Python 3.12 x64 not found. Install it from python.org or pass -Python C:\path\to\python.exe."
}

function Find-Iscc {
    if ($Iscc) {
        return (Resolve-Path $Iscc).Path
    }
    $cmd = Get-Command ISCC.exe -ErrorAction SilentlyContinue
    if ($cmd) { return $cmd.Source }
    $candidates = @(
        (Join-Path ${env:ProgramFiles(x86)} "Inno Setup 7\ISCC.exe"),
        (Join-Path $env:ProgramFiles "Inno Setup 7\ISCC.exe"),
        (Join-Path $env:LOCALAPPDATA "Programs\Inno Setup 7\ISCC.exe")
    )
    foreach ($candidate in $candidates) {
        if (Test-Path $candidate) { return $candidate }
    }
    throw "ISCC.exe (Inno Setup 7) not found. Install Inno Setup 7.0.2+ or pass -Iscc C:\path\to\ISCC.exe (or use -SkipInstaller)."
}

Push-Location $Root
try {
    # --- 1. venv ------------------------------------------------------------------------------
    $basePython = Find-BasePython
    # 3.12+: None is immortal there (PEP 683), so no Qt binding bug can abort the program
    # by draining its reference count (what PySide6 6.12.0 does on 3.11).
    Invoke-Step "Check Python ($basePython) is 3.12+ x64" {
        & $basePython -c "import struct, sys; v = sys.version_info; ok = v[:2] >= (3, 12) and struct.calcsize('P') == 8; print(sys.version); sys.exit(0 if ok else 1)"
    }
    if ($Fresh -and (Test-Path $Venv)) {
        Write-Host "Removing $Venv"
        Remove-Item -Recurse -Force $Venv
    }
    if (-not (Test-Path $VenvPython)) {
        Invoke-Step "Create venv $Venv" { & $basePython -m venv $Venv }
    }

    # --- 2. dependencies ----------------------------------------------------------------------
    Invoke-Step "Upgrade pip" { & $VenvPython -m pip install --upgrade pip }
    # Exactly the tested versions (installer\update_lock.py bumps them after a full test run).
    Invoke-Step "pip install the locked versions" {
        & $VenvPython -m pip install --require-hashes -r (Join-Path $PSScriptRoot "requirements-windows.txt")
    }
    Invoke-Step "pip install the program (no other packages)" {
        & $VenvPython -m pip install --no-deps .
    }

    # --- 3. tests -----------------------------------------------------------------------------
    $env:QT_QPA_PLATFORM = "offscreen"
    Invoke-Step "Run the tests" { & $VenvPython -m pytest }
    Remove-Item Env:\QT_QPA_PLATFORM

    # --- 4. PyInstaller -----------------------------------------------------------------------
    Invoke-Step "PyInstaller $Spec" {
        & $VenvPython -m PyInstaller --noconfirm --clean --distpath $Dist --workpath $WorkPath $Spec
    }

    # --- 5. smoke test of the frozen build (never touches the user's real data folder) -------
    Invoke-Step "Smoke test of the frozen build" {
        & $VenvPython (Join-Path $PSScriptRoot "smoke_frozen.py") $AppDir
    }
    foreach ($required in @("anquanyue.exe", "_internal\resources\fonts\DroidSansFallbackFull.ttf")) {
        if (-not (Test-Path (Join-Path $AppDir $required))) { throw "Build is missing $required" }
    }
    $qm = Get-ChildItem -Path $AppDir -Recurse -Filter "qtbase_zh_CN.qm"
    if (-not $qm) { throw "Build is missing Qt's qtbase_zh_CN.qm translation" }

    $sizeMB = [math]::Round(((Get-ChildItem -Recurse -File $AppDir | Measure-Object -Sum Length).Sum / 1MB), 1)
    Write-Host "Program folder: $AppDir ($sizeMB MB)" -ForegroundColor Green

    $version = (& $VenvPython -c "import anquanyue_desktop; print(anquanyue_desktop.__version__)").Trim()

    # --- 6. portable build (免安装版): the same folder, zipped ---------------------------------
    $portable = Join-Path $Dist "anquanyue-portable-$version"
    Invoke-Step "Portable zip" {
        & $VenvPython -c "import shutil, sys; shutil.make_archive(sys.argv[1], 'zip', sys.argv[2], 'anquanyue')" $portable $Dist
    }
    $zipMB = [math]::Round(((Get-Item "$portable.zip").Length / 1MB), 1)
    Write-Host "Portable: $portable.zip ($zipMB MB)" -ForegroundColor Green

    # --- 7. Inno Setup (the version is read from the built anquanyue.exe) ---------------------
    if ($SkipInstaller) {
        Write-Host "Skipping the installer (-SkipInstaller)."
        return
    }
    $isccExe = Find-Iscc
    Invoke-Step "Inno Setup: $IssFile (version $version)" {
        & $isccExe "/DDistDir=$AppDir" "/DOutputDir=$Dist" $IssFile
    }
    $setup = Join-Path $Dist "anquanyue-setup-$version.exe"
    $setupMB = [math]::Round(((Get-Item $setup).Length / 1MB), 1)
    Write-Host "Installer: $setup ($setupMB MB)" -ForegroundColor Green
} finally {
    Pop-Location
}
