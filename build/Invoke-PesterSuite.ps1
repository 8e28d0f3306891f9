<#
.SYNOPSIS
    Runs the Pester suite and writes its counts as JSON. build.ps1 -Task Test starts it in a child pwsh (a binary
    module cannot be unloaded) and passes every path as an argument.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $PesterManifest,
    [Parameter(Mandatory)] [string] $TestPath,
    [Parameter(Mandatory)] [string] $ResultPath,
    [Parameter(Mandatory)] [string] $SummaryPath
)
$ErrorActionPreference = 'Stop'
# Plain text in logs and under NO_COLOR, as pwsh does for other output.
if ($env:NO_COLOR -or [Console]::IsOutputRedirected) { $PSStyle.OutputRendering = 'PlainText' }
Import-Module -Name $PesterManifest
$configuration = New-PesterConfiguration
$configuration.Run.Path = $TestPath
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Normal'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputPath = $ResultPath
$result = Invoke-Pester -Configuration $configuration
[ordered]@{ Passed = $result.PassedCount; Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount; Total = $result.TotalCount } |
    ConvertTo-Json | Set-Content -LiteralPath $SummaryPath
