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
Write-Heading '1. What is running? Each Get-* lists (and pages) one service'

Invoke-Step 'IoT: the firmware rollout''s executions that have not finished' {
    Get-IoTJobExecution -JobId fw-rollout-7 -Status QUEUED
    Get-IoTJobExecution -JobId fw-rollout-7 -Status IN_PROGRESS
}
Invoke-Step 'TwinMaker: metadata transfers in the factory-twin workspace' {
    Get-TwinMakerTransferJob -WorkspaceId factory-twin
}
Invoke-Step 'DMS: schema conversions of the migration project' {
    Get-DmsMetadataModelConversion -MigrationProjectIdentifier legacy-oracle-to-aurora
}
Invoke-Step 'DataZone: metadata generation runs in the sales domain' {
    Get-DataZoneMetadataGenerationRun -DomainIdentifier dzd_sales01 -Status IN_PROGRESS
}

# -----------------------------------------------------------------------------------------------------------
Write-Heading '2. Preview first: -WhatIf sends nothing'

$before = Get-RequestCount 'CancelJobExecution'
Invoke-Step 'Which queued executions would be cancelled?' {
    Get-IoTJobExecution -JobId fw-rollout-7 -Status QUEUED | Stop-IoTJobExecution -WhatIf
}
Write-Narration "Cancel requests the emulator received during the preview: $((Get-RequestCount 'CancelJobExecution') - $before)"

# -----------------------------------------------------------------------------------------------------------
Write-Heading '3. Cancel by pipeline: list, then stop exactly what was listed'

Invoke-Step 'The queued executions: Get-* output binds straight into Stop-* (JobId and ThingName by property name)' {
    Get-IoTJobExecution -JobId fw-rollout-7 -Status QUEUED | Stop-IoTJobExecution
}

Invoke-Step 'The devices already running it: -CancelInProgress (the API''s force), -Force to skip the device warning prompt' {
    Get-IoTJobExecution -JobId fw-rollout-7 -Status IN_PROGRESS | Stop-IoTJobExecution -CancelInProgress -Force
}

Invoke-Step 'Thing names as plain strings work too' {
    'gateway-01' | Stop-IoTJobExecution -JobId cert-rotation-2
}

Write-Heading '4. TwinMaker metadata transfer jobs: one bad id in the middle of the pipeline'

Invoke-Step 'Cancel three factory-twin transfers; the second id does not exist, the others still go through' {
    'mtj-assembly-line-01', 'mtj-assembly-line-99', 'mtj-assembly-line-02' | Stop-TwinMakerTransferJob
}
Write-Narration 'The error is non-terminating (ErrorId JobNotFound, category ObjectNotFound): the runbook keeps going.'

# -----------------------------------------------------------------------------------------------------------
Write-Heading '5. DMS schema conversions: rows as Import-Csv returns them'

Invoke-Step 'conversions.csv (MigrationProject,RequestId) - the rows bind by property name; -Wait polls to the final state' {
    $rows = @(
        [pscustomobject]@{ MigrationProject = 'legacy-oracle-to-aurora'; RequestId = 'conv-hr-schema' }
        [pscustomobject]@{ MigrationProject = 'legacy-oracle-to-aurora'; RequestId = 'conv-sales-schema' }
    )
    $rows | Stop-DmsMetadataModelConversion -Wait
}

# -----------------------------------------------------------------------------------------------------------
Write-Heading '6. DataZone metadata generation runs: run ids by value, and objects by property name'

Invoke-Step 'Cancel what is in progress in the dzd_sales01 domain, straight from the list' {
    Get-DataZoneMetadataGenerationRun -DomainIdentifier dzd_sales01 -Status IN_PROGRESS | Stop-DataZoneMetadataGenerationRun
}

Invoke-Step 'Objects shaped like ConvertFrom-Json output ({"domainId":...,"id":...}) bind by property name' {
    [pscustomobject]@{ domainId = 'dzd_sales01'; id = 'mgr_customers_names' } | Stop-DataZoneMetadataGenerationRun
}

# -----------------------------------------------------------------------------------------------------------
Write-Heading '7. List again: the new states'

Invoke-Step 'IoT' { Get-IoTJobExecution -JobId fw-rollout-7 }
Invoke-Step 'TwinMaker' { Get-TwinMakerTransferJob -WorkspaceId factory-twin }
Invoke-Step 'DMS' { Get-DmsMetadataModelConversion -MigrationProjectIdentifier legacy-oracle-to-aurora }
Invoke-Step 'DataZone' { Get-DataZoneMetadataGenerationRun -DomainIdentifier dzd_sales01 }

# -----------------------------------------------------------------------------------------------------------
Write-Heading '8. Summary from the emulator'

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
