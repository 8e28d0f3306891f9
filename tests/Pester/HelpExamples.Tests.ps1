#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Every example of every command's Get-Help runs, exactly as written, against the emulator seeded with the ids the
# examples use, and writes no error: an example that stops working fails the build. One fresh pwsh runs them all, signed
# in through the environment (AWS_ENDPOINT_URL, AWS_REGION, keys) as a user rehearsing against the emulator would be,
# with a stand-in for the AWS Tools list command one example pipes from.

BeforeDiscovery {
    $commands = Get-ChildItem (Join-Path $PSScriptRoot '../../docs/help') -Filter '*-*.md' | ForEach-Object { @{ Name = $_.BaseName } }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $url = Start-TestEmulator
    $root = Get-RepoRoot
    # The ids the examples use, each in a state its example can act on.
    $seed = @{
        twinMaker = @(
            @{ id = 'transfer-17'; workspaceId = 'factory-twin'; state = 'RUNNING' }
            @{ id = 'transfer-18'; workspaceId = 'factory-twin'; state = 'RUNNING' }
            @{ id = 'transfer-19'; workspaceId = 'factory-twin'; state = 'COMPLETED' })
        iot       = @(
            @{ jobId = 'fw-rollout-7'; thingName = 'sensor-001'; status = 'QUEUED' }
            @{ jobId = 'fw-rollout-7'; thingName = 'sensor-002'; status = 'QUEUED' }
            @{ jobId = 'fw-rollout-7'; thingName = 'sensor-003'; status = 'IN_PROGRESS' }
            @{ jobId = 'fw-rollout-7'; thingName = 'sensor-004'; status = 'SUCCEEDED' })
        # The whole jobs Get-IoTJob and Stop-IoTJob examples name, in the thing group they filter on.
        iotJobs   = @(@{ jobId = 'fw-rollout-7'; status = 'IN_PROGRESS'; thingGroupName = 'sensors-eu' })
        dms       = @(
            @{ migrationProject = 'legacy-oracle-to-aurora'; requestIdentifier = 'req-1'; status = 'IN_PROGRESS' }
            @{ migrationProject = 'legacy-oracle-to-aurora'; requestIdentifier = 'req-2'; status = 'IN_PROGRESS' }
            @{ migrationProject = 'legacy-oracle'; requestIdentifier = 'req-1'; status = 'IN_PROGRESS' })
        dataZone  = @(
            @{ domainId = 'dzd_sales01'; id = '4mv3rtbfa2kpe1'; status = 'IN_PROGRESS'; type = 'BUSINESS_DESCRIPTIONS' }
            @{ domainId = 'dzd_sales01'; id = '5nw4sucgb3lqf2'; status = 'SUBMITTED'; type = 'BUSINESS_DESCRIPTIONS' }
            @{ domainId = 'dzd_sales01'; id = '6ox5tvdhc4mrg3'; status = 'SUCCEEDED'; type = 'BUSINESS_NAMES' })
    } | ConvertTo-Json -Depth 5 -Compress
    $work = Join-Path ([IO.Path]::GetTempPath()) ("cancel-jobs-help-" + [guid]::NewGuid())
    $null = New-Item -ItemType Directory $work
    # The files the examples read.
    Set-Content (Join-Path $work 'to-cancel.csv') "ThingName,JobId`nsensor-001,fw-rollout-7`nsensor-002,fw-rollout-7"
    Set-Content (Join-Path $work 'runs.json') '[{"Id":"4mv3rtbfa2kpe1","DomainId":"dzd_sales01"},{"Id":"5nw4sucgb3lqf2","DomainId":"dzd_sales01"}]'
    $script = @"
`$ErrorActionPreference = 'Continue'
`$env:PSModulePath = '$root/out' + [IO.Path]::PathSeparator + `$env:PSModulePath
Import-Module CancelJobs
Invoke-RestMethod -Method PUT '$url/_emulator/settings' -ContentType application/json -Body '{"twinMakerCancelDelayMs":100,"dmsCancelDelayMs":100}' | Out-Null
# AWS Tools' list command, as Coexistence.Tests.ps1 stands it in: JobExecutionSummaryForJob objects with a ThingArn.
function global:Get-IOTJobExecutionsForJob([string] `$JobId, [string] `$Status) {
    foreach (`$thing in 'sensor-001', 'sensor-002') {
        [pscustomobject]@{ PSTypeName = 'Amazon.IoT.Model.JobExecutionSummaryForJob'; ThingArn = "arn:aws:iot:us-east-1:123456789012:thing/`$thing" }
    }
}
Set-Location '$work'
`$results = foreach (`$name in (Get-Command -Module CancelJobs | Where-Object Name -NotLike '*-CJ*').Name) {
    `$number = 0
    foreach (`$example in (Get-Help `$name -Full).examples.example) {
        `$number++
        Invoke-RestMethod -Method POST '$url/_emulator/reset' | Out-Null
        Invoke-RestMethod -Method POST '$url/_emulator/seed' -ContentType application/json -Body '$seed' | Out-Null
        `$Error.Clear()
        `$code = (`$example.code | Out-String).Trim()
        `$output = try { & ([scriptblock]::Create(`$code)) 2>&1 3>&1 | Out-String -Width 200 } catch { `$_ }
        `$errors = @(`$Error | ForEach-Object { "`$(`$_.FullyQualifiedErrorId): `$_" })
        [pscustomobject]@{ Command = `$name; Example = `$number; Code = `$code; Errors = `$errors; Output = "`$output"; Requests = @(Invoke-RestMethod '$url/_emulator/requests' | ForEach-Object { `$_ } | ForEach-Object { "`$(`$_.operation)" }) }
    }
}
'RESULTS ' + (ConvertTo-Json @(`$results) -Depth 4 -Compress)
"@
    $run = Invoke-FreshPwsh $script -Environment @{
        AWS_ENDPOINT_URL = $url; AWS_REGION = 'us-east-1'; AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE'
        AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'; AWS_PROFILE = $null; HOME = $work
    }
    $line = $run.Output -split "`n" | Where-Object { $_ -like 'RESULTS *' } | Select-Object -Last 1
    if (-not $line) { throw "The child pwsh wrote no results. Exit $($run.ExitCode). Output: $($run.Output) Errors: $($run.Errors)" }
    $results = $line.Substring(8) | ConvertFrom-Json
}

AfterAll {
    Stop-TestEmulator
    if ($work) { Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue }
}

Describe 'Get-Help examples run as written' {
    It '<Name> has examples, and each runs as written without an error' -ForEach $commands {
        $mine = @($results | Where-Object Command -eq $Name)
        $mine.Count | Should -BeGreaterThan 1 -Because "$Name's help has examples"
        foreach ($example in $mine) {
            $example.Errors | Should -BeNullOrEmpty -Because "example $($example.Example) of $Name ($($example.Code)) must run as written; it wrote: $($example.Output)"
            $previewOnly = -not ($example.Code -split "`n" | Where-Object { $_ -match 'Stop-' -and $_ -notmatch '-WhatIf' })
            if ($previewOnly) {
                @($example.Requests | Where-Object { $_ -like 'Cancel*' }) | Should -BeNullOrEmpty -Because "example $($example.Example) of $Name only previews"
            }
            else {
                # It cancels something: an example whose list finds nothing to cancel runs "without an error" and does nothing.
                @($example.Requests | Where-Object { $_ -like 'Cancel*' }).Count | Should -BeGreaterThan 0 -Because "example $($example.Example) of $Name ($($example.Code)) cancels what it says; it wrote: $($example.Output)"
            }
        }
    }
}
