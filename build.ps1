#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests, packages or cleans CancelJobs.
.DESCRIPTION
    Run it with the pwsh the repository pins (.config/dotnet-tools.json):
        dotnet tool restore
        dotnet pwsh ./build.ps1 -Task Test
    Test runs every suite: the .NET tests, the wire-conformance suite (official AWS SDK for JavaScript v3 clients, needs
    Node.js >= 20 and npm) and the Pester suite (tests/Pester/*.Tests.ps1, with Pester restored from NuGet by
    build/Pester), then prints one line, "N passed, N failed", over all of them. Any failure, or a Pester run with no
    tests, makes the exit code 1.
.EXAMPLE
    dotnet pwsh ./build.ps1                            # Build (Release): lays out out/CancelJobs/
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Build,Test,Package   # from bash too: the list may arrive as one string
#>
[CmdletBinding()]
param(
    # Build, Test, Package, Clean; several as a list or as one comma-separated string.
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
if ($env:NO_COLOR -or [Console]::IsOutputRedirected) { $PSStyle.OutputRendering = 'PlainText' }

$root = $PSScriptRoot
$outDir = Join-Path $root 'out'
$moduleDir = Join-Path $outDir 'CancelJobs'
$resultsDir = Join-Path $outDir 'test-results'
# The projects the tests need; bench/ stays out (see CancelJobs.Tests.slnf).
$testSolution = Join-Path $root 'CancelJobs.Tests.slnf'
$knownTasks = 'Build', 'Test', 'Package', 'Clean'

# `pwsh build.ps1 -Task Build,Test` from bash hands over one string "Build,Test".
$steps = @($Task | ForEach-Object { $_ -split ',' } | ForEach-Object Trim | Where-Object { $_ })
foreach ($step in $steps) {
    if ($step -notin $knownTasks) {
        Write-Error "Unknown task '$step'. Tasks: $($knownTasks -join ', ')." -ErrorAction Continue
        exit 2
    }
}

function Invoke-Dotnet {
    param([Parameter(Mandatory)] [string[]] $Arguments)
    Write-Host "dotnet $($Arguments -join ' ')"
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($Arguments[0]) failed with exit code $LASTEXITCODE."
    }
}

# The pwsh running this script: under `dotnet pwsh` the process is dotnet and $PSHOME holds pwsh.dll.
function Get-PwshCommand {
    $apphost = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    $dll = Join-Path $PSHOME 'pwsh.dll'
    $process = [System.IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath)
    if ($process -eq 'dotnet' -and (Test-Path $dll)) {
        return @([Environment]::ProcessPath, $dll)
    }
    if (Test-Path $apphost) {
        return @($apphost)
    }
    throw "No pwsh found in `$PSHOME ($PSHOME)."
}

function Invoke-BuildStep {
    # The CancelJobs project lays out the module folder out/CancelJobs/.
    Invoke-Dotnet -Arguments @('build', (Join-Path $root 'src/CancelJobs'), '-c', $Configuration)
}

function Get-PesterModulePath {
    $project = Join-Path $root 'build/Pester/Pester.csproj'
    Invoke-Dotnet -Arguments @('restore', $project, '--verbosity', 'quiet')
    $properties = (& dotnet msbuild $project -nologo -getProperty:NuGetPackageRoot -getProperty:PesterVersion | Out-String | ConvertFrom-Json).Properties
    $manifest = Join-Path $properties.NuGetPackageRoot "pester/$($properties.PesterVersion)/tools/Pester.psd1"
    if (-not (Test-Path $manifest)) {
        throw "Pester $($properties.PesterVersion) was restored but $manifest is missing."
    }
    $manifest
}

# Runs a command, echoing its output, and returns the lines for counting.
function Invoke-Logged {
    param([Parameter(Mandatory)] [scriptblock] $Command)
    $lines = [System.Collections.Generic.List[string]]::new()
    & $Command 2>&1 | ForEach-Object {
        $line = "$_"
        Write-Host $line
        $lines.Add($line)
    }
    [pscustomobject]@{ ExitCode = $LASTEXITCODE; Lines = $lines }
}

function Invoke-TestStep {
    $tally = [ordered]@{}
    if (Test-Path $resultsDir) { Remove-Item $resultsDir -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $resultsDir -Force

    Write-Host "== .NET tests"
    Invoke-Dotnet -Arguments @('build', $testSolution, '-c', $Configuration, '--nologo', '--verbosity', 'quiet')
    $dotnetResults = Join-Path $resultsDir 'dotnet'
    $run = Invoke-Logged { & dotnet test $testSolution -c $Configuration --no-build --nologo --logger trx --results-directory $dotnetResults }
    $passed = 0; $failed = 0
    foreach ($trx in Get-ChildItem -Path $dotnetResults -Filter *.trx -ErrorAction SilentlyContinue) {
        $counters = ([xml](Get-Content -Raw -LiteralPath $trx.FullName)).TestRun.ResultSummary.Counters
        $passed += [int]$counters.passed
        $failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    }
    $tally['.NET'] = @{ Passed = $passed; Failed = $failed; ExitCode = $run.ExitCode }

    Write-Host "== Wire conformance (tests/Conformance)"
    $env:EMULATOR_CONFIGURATION = $Configuration
    $env:EMULATOR_NO_BUILD = '1'
    # node's JUnit reporter, not its console text: a test case is passed, failed or skipped by the report's structure.
    $junit = Join-Path $resultsDir 'conformance.xml'
    $env:CONFORMANCE_JUNIT = $junit
    $run = Invoke-Logged { & bash (Join-Path $root 'tests/Conformance/run.sh') }
    $cases = if (Test-Path $junit) { @(([xml](Get-Content -Raw -LiteralPath $junit)).SelectNodes('//testcase')) } else { @() }
    $conformanceFailed = @($cases | Where-Object { $_.SelectSingleNode('failure') -or $_.SelectSingleNode('error') }).Count
    $conformancePassed = @($cases | Where-Object { -not ($_.SelectSingleNode('failure') -or $_.SelectSingleNode('error') -or $_.SelectSingleNode('skipped')) }).Count
    if ($cases.Count -eq 0) { Write-Host 'Conformance wrote no JUnit report, or one with no test case: that is a failure.'; $conformanceFailed++ }
    $tally['Conformance'] = @{ Passed = $conformancePassed; Failed = $conformanceFailed; ExitCode = $run.ExitCode }

    Write-Host "== Pester (tests/Pester, in a child pwsh $($PSVersionTable.PSVersion))"
    $pester = Get-PesterModulePath
    $summary = Join-Path $resultsDir 'pester-summary.json'
    # A child process: a binary module cannot be unloaded, and the suite imports the built module. Paths go to it as
    # arguments, never spliced into script text.
    $env:CANCELJOBS_CONFIGURATION = $Configuration
    $pwsh = Get-PwshCommand
    $runner = Join-Path $root 'build/Invoke-PesterSuite.ps1'
    $run = Invoke-Logged {
        & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $runner `
            -PesterManifest $pester -TestPath (Join-Path $root 'tests/Pester') -ResultPath (Join-Path $resultsDir 'pester.xml') -SummaryPath $summary
    }
    $pesterCounts = if (Test-Path $summary) { Get-Content -Raw $summary | ConvertFrom-Json } else { $null }
    if (-not $pesterCounts) {
        $tally['Pester'] = @{ Passed = 0; Failed = 1; ExitCode = 1 }
        Write-Host 'Pester did not finish: no summary was written.'
    }
    else {
        $ranNone = $pesterCounts.Total -eq 0
        if ($ranNone) { Write-Host 'Pester ran no tests: that is a failure.' }
        $tally['Pester'] = @{ Passed = $pesterCounts.Passed; Failed = $pesterCounts.Failed + [int]$ranNone; ExitCode = $run.ExitCode }
    }

    Write-Host "== Summary"
    foreach ($suite in $tally.GetEnumerator()) {
        Write-Host ("{0,-12} {1} passed, {2} failed (exit code {3})" -f $suite.Key, $suite.Value.Passed, $suite.Value.Failed, $suite.Value.ExitCode)
    }
    $allPassed = ($tally.Values | Measure-Object -Property Passed -Sum).Sum
    $allFailed = ($tally.Values | Measure-Object -Property Failed -Sum).Sum
    Write-Host "$allPassed passed, $allFailed failed"
    $broken = @($tally.GetEnumerator() | Where-Object { $_.Value.ExitCode -ne 0 -or $_.Value.Failed -gt 0 -or $_.Value.Passed -eq 0 })
    if ($broken) {
        throw "Failed: $(($broken | ForEach-Object Key) -join ', ')."
    }
}

function Invoke-PackageStep {
    # The module as users install it: a .nupkg for a PSResourceGet repository (Publish-PSResource does the same).
    Invoke-BuildStep
    $packages = Join-Path $outDir 'packages'
    $null = New-Item -Path $packages -ItemType Directory -Force
    Get-ChildItem -Path $packages -Filter 'CancelJobs.*.nupkg' | Remove-Item
    Compress-PSResource -Path $moduleDir -DestinationPath $packages
    $package = Get-ChildItem -Path $packages -Filter 'CancelJobs.*.nupkg' | Select-Object -First 1
    if (-not $package) { throw "Compress-PSResource wrote no package to $packages." }
    Write-Host "Packaged $($package.FullName)"
}

function Invoke-CleanStep {
    if (Test-Path $outDir) {
        Remove-Item -Path $outDir -Recurse -Force
    }
    Invoke-Dotnet -Arguments @('clean', (Join-Path $root 'CancelJobs.sln'), '-c', $Configuration)
}

try {
    foreach ($step in $steps) {
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
