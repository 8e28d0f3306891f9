#Requires -Version 7.0
<#
.SYNOPSIS
    Builds, tests, packages or cleans CancelJobs.
.EXAMPLE
    ./build.ps1                              # Build (Release): lays out out/CancelJobs/
.EXAMPLE
    ./build.ps1 -Task Build, Test, Package -Configuration Release
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Clean')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$root = $PSScriptRoot
$outDir = Join-Path $root 'out'
$moduleDir = Join-Path $outDir 'CancelJobs'

function Invoke-Dotnet {
    param([Parameter(Mandatory)] [string[]] $Arguments)
    Write-Host "dotnet $($Arguments -join ' ')"
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($Arguments[0]) failed with exit code $LASTEXITCODE."
    }
}

function Invoke-BuildStep {
    # The CancelJobs project lays out the module folder out/CancelJobs/.
    Invoke-Dotnet -Arguments @('build', (Join-Path $root 'src/CancelJobs'), '-c', $Configuration)
}

function Invoke-TestStep {
    Invoke-Dotnet -Arguments @('test', (Join-Path $root 'CancelJobs.sln'), '-c', $Configuration)

    $pester = Get-Module -ListAvailable -Name Pester |
        Where-Object { $_.Version -ge [version]'5.0.0' } |
        Sort-Object -Property Version -Descending |
        Select-Object -First 1
    if (-not $pester) {
        Write-Warning 'Pester 5 or later is not installed; the Pester suite (tests/Pester) was skipped. Install-Module Pester -MinimumVersion 5.0 to run it.'
        return
    }

    # The Pester suite imports out/CancelJobs/ and starts the emulator with `dotnet run --no-build`, which runs the
    # Debug build (dotnet run's default configuration), so make sure both exist.
    if (-not (Test-Path (Join-Path $moduleDir 'CancelJobs.psd1'))) {
        Invoke-BuildStep
    }
    Invoke-Dotnet -Arguments @('build', (Join-Path $root 'src/CancelJobs.Emulator'))

    # Run Pester in a child pwsh: a binary module cannot be unloaded, and -CI makes failures set the exit code.
    $pwsh = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    $pesterScript = "Import-Module Pester -RequiredVersion $($pester.Version); Invoke-Pester -Path '$(Join-Path $root 'tests/Pester')' -CI"
    & $pwsh -NoProfile -NonInteractive -Command $pesterScript
    if ($LASTEXITCODE -ne 0) {
        throw "The Pester suite failed (exit code $LASTEXITCODE)."
    }
}

function Invoke-PackageStep {
    $manifest = Join-Path $moduleDir 'CancelJobs.psd1'
    if (-not (Test-Path $manifest)) {
        throw "No built module at $moduleDir; run ./build.ps1 -Task Build first."
    }
    $version = (Import-PowerShellDataFile -Path (Join-Path $root 'CancelJobs.psd1')).ModuleVersion

    $packageDir = Join-Path $outDir "package/CancelJobs/$version"
    if (Test-Path $packageDir) {
        Remove-Item -Path $packageDir -Recurse -Force
    }
    $null = New-Item -Path $packageDir -ItemType Directory -Force
    Copy-Item -Path (Join-Path $moduleDir '*') -Destination $packageDir -Recurse -Force

    $zip = Join-Path $outDir "CancelJobs.$version.zip"
    Compress-Archive -Path (Join-Path $outDir 'package/CancelJobs') -DestinationPath $zip -Force
    Write-Host "Packaged CancelJobs $version to $zip"
}

function Invoke-CleanStep {
    if (Test-Path $outDir) {
        Remove-Item -Path $outDir -Recurse -Force
    }
    Invoke-Dotnet -Arguments @('clean', (Join-Path $root 'CancelJobs.sln'), '-c', $Configuration)
}

try {
    foreach ($step in $Task) {
        Write-Host "== $step ($Configuration)"
        switch ($step) {
            'Build' { Invoke-BuildStep }
            'Test' { Invoke-TestStep }
            'Package' { Invoke-PackageStep }
            'Clean' { Invoke-CleanStep }
        }
    }
}
catch {
    Write-Error -ErrorRecord $_ -ErrorAction Continue
    exit 1
}
exit 0
