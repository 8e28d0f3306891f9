# The CancelJobs demo, run by `canceljobs` with no arguments.
#
# canceljobs has started the emulator in-process with its demo data set and set, before this script runs:
#   $aws                       EndpointUrl, Region, AccessKey, SecretKey of the emulator (for splatting: @aws)
#   $PSDefaultParameterValues  the same four values for every CancelJobs cmdlet, so the steps below read
#                              exactly as they would against real AWS (where your profile supplies them)
#   $emulator                  the emulator's state: its jobs and the log of AWS requests it received
#
# Each step prints the command (PS> ...) and then its output, formatted with the module's table views.
# The bare PowerShell engine has no Write-Host / Format-Table, so text goes through $Host.UI.

function Write-Narration([string] $Text) {
    $Host.UI.WriteLine([ConsoleColor]::DarkGray, $Host.UI.RawUI.BackgroundColor, "# $Text")
}

function Write-Heading([string] $Text) {
    $Host.UI.WriteLine()
    $Host.UI.WriteLine([ConsoleColor]::Green, $Host.UI.RawUI.BackgroundColor, "=== $Text ===")
}

# Echoes the step's command as a transcript would, then runs it. Errors are merged into the output so each
# one shows up in its place among the results, as at an interactive prompt.
function Invoke-Step([string] $Narration, [scriptblock] $Command) {
    $Host.UI.WriteLine()
    Write-Narration $Narration
    $lines = @($Command.ToString().TrimEnd() -split "`r?`n" | Where-Object { $_.Trim() })
    $indent = $lines | ForEach-Object { $_.Length - $_.TrimStart().Length } | Measure-Least
    $prompt = 'PS> '
    foreach ($line in $lines) {
        $Host.UI.WriteLine([ConsoleColor]::White, $Host.UI.RawUI.BackgroundColor, $prompt + $line.Substring($indent))
        $prompt = '>>  '
    }
    & $Command 2>&1 | Out-Default
}

function Measure-Least {
    begin { $least = [int]::MaxValue }
    process { if ($_ -lt $least) { $least = $_ } }
    end { if ($least -eq [int]::MaxValue) { 0 } else { $least } }
}

function Get-RequestCount([string] $Operation) {
    @($emulator.Requests | Where-Object { -not $Operation -or $_.Operation -eq $Operation }).Count
}

$Host.UI.WriteLine([ConsoleColor]::Green, $Host.UI.RawUI.BackgroundColor,
    "CancelJobs $((Get-Module CancelJobs).Version) demo on PowerShell $($PSVersionTable.PSVersion) (hosted by canceljobs, no pwsh needed)")
Write-Narration "AWS here is the local emulator at $($aws.EndpointUrl) (region $($aws.Region), key $($aws.AccessKey)), seeded with demo jobs."
Write-Narration 'Against real AWS the same commands use your profile and region; nothing in this demo leaves the machine.'

# -----------------------------------------------------------------------------------------------------------
Write-Heading '1. Preview first: -WhatIf sends nothing'

Invoke-Step 'Which queued firmware-rollout executions would be cancelled?' {
    'sensor-001', 'sensor-002', 'sensor-003' | Stop-IoTJobExecution -JobId fw-rollout-7 -WhatIf
}
Write-Narration "AWS requests the emulator has received so far: $(Get-RequestCount)"

# -----------------------------------------------------------------------------------------------------------
# === Get-* STEPS GO HERE ===
# The Get-* cmdlets (Get-IoTJobExecution, Get-TwinMakerTransferJob, Get-DmsMetadataModelConversion,
# Get-DataZoneMetadataGenerationRun) are being added on another branch. When they land, add steps here that
# list what is still running and pipe it straight into Stop-*, e.g.:
#
#   Invoke-Step 'What is still queued in the rollout?' {
#       Get-IoTJobExecution -JobId fw-rollout-7 -Status QUEUED
#   }
#   Invoke-Step 'Cancel exactly those' {
#       Get-IoTJobExecution -JobId fw-rollout-7 -Status QUEUED | Stop-IoTJobExecution
#   }
#
# and list each service's jobs again in the closing summary (section 6).
# -----------------------------------------------------------------------------------------------------------

Write-Heading '2. IoT job executions: thing names piped by value'

Invoke-Step 'Cancel the queued executions of fw-rollout-7' {
    'sensor-001', 'sensor-002', 'sensor-003' | Stop-IoTJobExecution -JobId fw-rollout-7
}

Invoke-Step 'The devices already running it: -CancelInProgress (the API''s force), -Force to skip the device warning prompt' {
    'sensor-004', 'sensor-005', 'sensor-006' | Stop-IoTJobExecution -JobId fw-rollout-7 -CancelInProgress -Force
}

# -----------------------------------------------------------------------------------------------------------
Write-Heading '3. TwinMaker metadata transfer jobs: one bad id in the middle of the pipeline'

Invoke-Step 'Cancel three factory-twin transfers; the second id does not exist, the others still go through' {
    'mtj-assembly-line-01', 'mtj-assembly-line-99', 'mtj-assembly-line-02' | Stop-TwinMakerTransferJob
}
Write-Narration 'The error is non-terminating (ErrorId JobNotFound, category ObjectNotFound): the runbook keeps going.'

# -----------------------------------------------------------------------------------------------------------
Write-Heading '4. DMS schema conversions: rows as Import-Csv returns them'

Invoke-Step 'conversions.csv (MigrationProject,RequestId) - the rows bind by property name; -Wait polls to the final state' {
    $rows = @(
        [pscustomobject]@{ MigrationProject = 'legacy-oracle-to-aurora'; RequestId = 'conv-hr-schema' }
        [pscustomobject]@{ MigrationProject = 'legacy-oracle-to-aurora'; RequestId = 'conv-sales-schema' }
    )
    $rows | Stop-DmsMetadataModelConversion -Wait
}

# -----------------------------------------------------------------------------------------------------------
Write-Heading '5. DataZone metadata generation runs: run ids by value, and objects by property name'

Invoke-Step 'Cancel a run by id in the dzd_sales01 domain' {
    'mgr_orders_desc' | Stop-DataZoneMetadataGenerationRun -DomainIdentifier dzd_sales01
}

Invoke-Step 'Objects shaped like ConvertFrom-Json output ({"domainId":...,"id":...}) bind by property name' {
    [pscustomobject]@{ domainId = 'dzd_sales01'; id = 'mgr_customers_names' } | Stop-DataZoneMetadataGenerationRun
}

# -----------------------------------------------------------------------------------------------------------
Write-Heading '6. Summary from the emulator'

Write-Narration 'Job states the emulator now holds, per service:'
$state = $emulator.Export()
$summary = foreach ($service in @(
        @{ Name = 'IoT TwinMaker'; Jobs = $state.TwinMaker; Status = 'State' }
        @{ Name = 'IoT'; Jobs = $state.Iot; Status = 'Status' }
        @{ Name = 'DMS'; Jobs = $state.Dms; Status = 'Status' }
        @{ Name = 'DataZone'; Jobs = $state.DataZone; Status = 'Status' })) {
    $counts = [ordered]@{}
    foreach ($job in $service.Jobs) { $counts[$job.($service.Status)] = 1 + [int]$counts[$job.($service.Status)] }
    [pscustomobject]@{
        Service   = $service.Name
        Jobs      = @($service.Jobs).Count
        Cancelled = @($service.Jobs | Where-Object { $_.($service.Status) -match '^CANCEL' }).Count
        States    = ($counts.GetEnumerator() | ForEach-Object { "$($_.Key) $($_.Value)" }) -join ', '
    }
}
$summary | Out-Default

$cancels = @($emulator.Requests | Where-Object { $_.Operation -like 'Cancel*' })
Write-Narration ("AWS requests received: $(Get-RequestCount) in all; $($cancels.Count) cancel calls " +
    "($(@($cancels | Where-Object { $_.StatusCode -lt 300 }).Count) succeeded), every one SigV4-signed and verified: " +
    "$(@($emulator.Requests | Where-Object { $_.Signature -ne 'Valid' }).Count -eq 0).")
Write-Narration 'Done.'
