# The CancelJobs demo, run by `canceljobs` with no arguments.
#
# canceljobs has started the emulator in-process with its demo data set and set, before this script runs:
#   $aws                       EndpointUrl, Region, AccessKey, SecretKey of the emulator (for splatting: @aws)
#   $PSDefaultParameterValues  the same four values for every CancelJobs cmdlet, so the steps below read
#                              exactly as they would against real AWS (where your profile supplies them)
#   $emulator                  the emulator's state: its jobs and the log of AWS requests it received
#
# Each step prints the command (PS> ...) and then its output, formatted with the module's table views.

# Redirected to a file or a CI log: plain text (no ANSI escapes) and a width that fits the tables, instead of the
# 80 columns a host without a console assumes (which wraps headers like UpdateDa/teTime).
$script:Redirected = [Console]::IsOutputRedirected
if ($script:Redirected) {
    $PSStyle.OutputRendering = 'PlainText'
}
$script:Width = 160

# Output as at the prompt in a terminal. Redirected: tables at a fixed, wide enough width, errors still through
# Out-Default (so they stay on stderr, in their place among the results).
function Out-Demo {
    begin {
        $batch = [System.Collections.Generic.List[object]]::new()
        $terminal = if (-not $script:Redirected) { { Out-Default }.GetSteppablePipeline() }
        if ($terminal) { $terminal.Begin($true) }
        function Write-Batch {
            if ($batch.Count -gt 0) { $batch | Out-String -Width $script:Width -Stream | Out-Host; $batch.Clear() }
        }
    }
    process {
        if ($terminal) { $terminal.Process($_) }
        elseif ($_ -is [System.Management.Automation.ErrorRecord]) { Write-Batch; $_ | Out-Default }
        else { $batch.Add($_) }
    }
    end {
        if ($terminal) { $terminal.End() } else { Write-Batch }
    }
}

function Write-Narration([string] $Text) { Write-Host "# $Text" -ForegroundColor DarkGray }

function Write-Heading([string] $Text) { Write-Host "`n=== $Text ===" -ForegroundColor Green }

# Echoes the step's command as a transcript would, then runs it. Errors are merged into the output so each
# one shows up in its place among the results, as at an interactive prompt.
function Invoke-Step([string] $Narration, [scriptblock] $Command) {
    Write-Host
    Write-Narration $Narration
    $lines = @($Command.ToString().TrimEnd() -split "`r?`n" | Where-Object { $_.Trim() })
    $indent = ($lines | ForEach-Object { $_.Length - $_.TrimStart().Length } | Measure-Object -Minimum).Minimum
    $prompt = 'PS> '
    foreach ($line in $lines) {
        Write-Host ($prompt + $line.Substring($indent)) -ForegroundColor White
        $prompt = '>>  '
    }
    & $Command 2>&1 | Out-Demo
}

function Get-RequestCount([string] $Operation) {
    @($emulator.Requests | Where-Object { -not $Operation -or $_.Operation -eq $Operation }).Count
}

Write-Host "CancelJobs $((Get-Module CancelJobs).Version) demo on PowerShell $($PSVersionTable.PSVersion) (canceljobs: no separate pwsh needed)" -ForegroundColor Green
Write-Narration "AWS here is the local emulator at $($aws.EndpointUrl) (region $($aws.Region), key $($aws.AccessKey)), seeded with demo jobs."
Write-Narration 'Against real AWS the same commands use your profile and region; nothing in this demo leaves the machine.'

# -----------------------------------------------------------------------------------------------------------
Write-Heading '1. What is running? Each Get-* lists (and pages) one service'

Invoke-Step 'IoT: the jobs still rolling out' {
    Get-IoTJob -Status IN_PROGRESS
}
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

Invoke-Step 'Or stop a whole job in one request, however many devices it targets: Stop-IoTJob (ConfirmImpact High: -Force skips the prompt)' {
    Get-IoTJob -ThingGroupName gateways | Stop-IoTJob -ReasonCode ROTATION_PAUSED -Force
}

Write-Heading '4. TwinMaker metadata transfer jobs: one bad id in the middle of the pipeline'

Invoke-Step 'Cancel three factory-twin transfers; the second id does not exist, the others still go through' {
    'mtj-assembly-line-01', 'mtj-assembly-line-99', 'mtj-assembly-line-02' | Stop-TwinMakerTransferJob
}
Write-Narration 'The error is non-terminating (ErrorId JobNotFound, category ObjectNotFound): the runbook keeps going.'

# -----------------------------------------------------------------------------------------------------------
Write-Heading '5. DMS schema conversions: a CSV from a change ticket'

$csv = Join-Path ([System.IO.Path]::GetTempPath()) "canceljobs-demo-$PID.csv"
@'
MigrationProject,RequestId
legacy-oracle-to-aurora,conv-hr-schema
legacy-oracle-to-aurora,conv-sales-schema
'@ | Set-Content -Path $csv
Invoke-Step 'conversions.csv (MigrationProject,RequestId): the rows bind by property name; -Wait polls to the final state' {
    Import-Csv $csv | Stop-DmsMetadataModelConversion -Wait
}
Remove-Item $csv

# -----------------------------------------------------------------------------------------------------------
Write-Heading '6. DataZone metadata generation runs: run ids by value, and objects by property name'

Invoke-Step 'Cancel what is in progress in the dzd_sales01 domain, straight from the list' {
    Get-DataZoneMetadataGenerationRun -DomainIdentifier dzd_sales01 -Status IN_PROGRESS | Stop-DataZoneMetadataGenerationRun
}

Invoke-Step 'JSON as another tool exported it ({"domainId":...,"id":...}) binds by property name' {
    '[{"domainId":"dzd_sales01","id":"mgr_customers_names"}]' | ConvertFrom-Json | Stop-DataZoneMetadataGenerationRun
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
@(
    @{ Name = 'IoT TwinMaker'; Jobs = $state.TwinMaker; Status = 'State' }
    @{ Name = 'IoT'; Jobs = $state.Iot; Status = 'Status' }
    @{ Name = 'DMS'; Jobs = $state.Dms; Status = 'Status' }
    @{ Name = 'DataZone'; Jobs = $state.DataZone; Status = 'Status' }
) | ForEach-Object {
    $statuses = @($_.Jobs | ForEach-Object -MemberName $_.Status)
    [pscustomobject]@{
        Service   = $_.Name
        Jobs      = $statuses.Count
        Cancelled = @($statuses -match '^CANCEL').Count
        States    = ($statuses | Group-Object | ForEach-Object { "$($_.Name) $($_.Count)" }) -join ', '
    }
} | Format-Table -AutoSize | Out-Demo

$cancels = @($emulator.Requests | Where-Object Operation -like 'Cancel*')
Write-Narration ("AWS requests received: $(Get-RequestCount) in all; $($cancels.Count) cancel calls " +
    "($(@($cancels | Where-Object StatusCode -lt 300).Count) succeeded), every one SigV4-signed and verified: " +
    "$(@($emulator.Requests | Where-Object Signature -ne 'Valid').Count -eq 0).")
Write-Narration 'Done.'
