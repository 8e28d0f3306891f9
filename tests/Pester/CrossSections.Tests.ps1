#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# One realistic Get-X | Stop-X pipeline per Stop-* command, in real pwsh against the emulator started as a child
# process: the Get-* lists (paging on its own), the objects bind with no glue, the connection the Get-* used travels
# into the Stop-* (no @aws on the Stop side), and the result is checked three ways: the objects returned, the emulator's
# state, and its request log (one signed cancel per listed job, the one each result's ServiceRequestId names).
# Behaviour case by case (errors, -WhatIf, binding shapes, validation) lives in tests/CancelJobs.Tests; see tests/README.md.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-BuiltModule
    $null = Start-TestEmulator
    $aws = New-AwsSplat
    # 120 executions of one job, every third already SUCCEEDED: listing the QUEUED ones takes several pages.
    $executions = foreach ($i in 1..120) {
        @{ jobId = 'fw-9'; thingName = ('t-{0:000}' -f $i); status = $(if ($i % 3 -eq 0) { 'SUCCEEDED' } else { 'QUEUED' }) }
    }
    $seed = @{
        iot       = @($executions) + @(
            @{ jobId = 'fw-7'; thingName = 'sensor-1'; status = 'QUEUED' }
            @{ jobId = 'fw-7'; thingName = 'sensor-2'; status = 'IN_PROGRESS' })
        iotJobs   = @(
            @{ jobId = 'fw-7'; status = 'IN_PROGRESS'; thingGroupName = 'sensors' }
            @{ jobId = 'fw-8'; status = 'IN_PROGRESS'; thingGroupName = 'sensors' }
            @{ jobId = 'fw-6'; status = 'COMPLETED'; thingGroupName = 'sensors' }
            @{ jobId = 'fw-9'; status = 'IN_PROGRESS'; thingGroupName = 'gateways' })
        twinMaker = @(
            @{ id = 'tm-1'; workspaceId = 'factory-twin'; state = 'RUNNING' }
            @{ id = 'tm-2'; workspaceId = 'factory-twin'; state = 'COMPLETED' }
            @{ id = 'tm-4'; workspaceId = 'factory-twin'; state = 'RUNNING' }
            @{ id = 'tm-3'; workspaceId = 'other-twin'; state = 'RUNNING' })
        dms       = @(
            @{ migrationProject = 'legacy-oracle'; requestIdentifier = 'req-1'; status = 'IN_PROGRESS' }
            @{ migrationProject = 'legacy-oracle'; requestIdentifier = 'req-2'; status = 'SUCCESS' }
            @{ migrationProject = 'legacy-oracle'; requestIdentifier = 'req-3'; status = 'IN_PROGRESS' }
            @{ migrationProject = 'other-project'; requestIdentifier = 'req-4'; status = 'IN_PROGRESS' })
        dataZone  = @(
            @{ domainId = 'dzd_sales01'; id = 'run-1'; status = 'IN_PROGRESS' }
            @{ domainId = 'dzd_sales01'; id = 'run-2'; status = 'SUCCEEDED' }
            @{ domainId = 'dzd_sales01'; id = 'run-3'; status = 'IN_PROGRESS' }
            @{ domainId = 'dzd_other01'; id = 'run-4'; status = 'IN_PROGRESS' })
    }

    # The request log agrees with the results: exactly one cancel per result, answered 200, found by the result's
    # ServiceRequestId and naming that result's job in its path or body; every request validly signed. The problems are
    # gathered and asserted once, so a failure lists them all.
    function Assert-OneLoggedCancelPerResult {
        param([object[]] $Results, [string] $Operation, [string] $IdProperty)
        $requests = @(Get-EmulatorRequests)
        $problems = [System.Collections.Generic.List[string]]::new()
        foreach ($request in $requests | Where-Object signature -NE 'Valid') { $problems.Add("$($request.path): signature $($request.signature)") }
        $cancels = @($requests | Where-Object { $_.PSObject.Properties['operation'] -and $_.operation -eq $Operation })
        if ($cancels.Count -ne $Results.Count) { $problems.Add("$($cancels.Count) $Operation requests for $($Results.Count) results") }
        $byRequestId = @{}
        foreach ($cancel in $cancels) { $byRequestId[$cancel.requestId] = $cancel }
        if ($byRequestId.Count -ne $cancels.Count) { $problems.Add('two cancels share a request id') }
        foreach ($result in $Results) {
            $id = $result.$IdProperty
            $logged = $byRequestId[$result.ServiceRequestId]
            if (-not $logged) { $problems.Add("no $Operation in the log under the request id of $id's result"); continue }
            if ($logged.status -ne 200) { $problems.Add("$id was answered $($logged.status)") }
            if ("$($logged.path) $($logged.body)" -notlike "*$id*") { $problems.Add("the request under $id's request id names another job: $($logged.path) $($logged.body)") }
        }
        $problems | Should -BeNullOrEmpty
    }

    function Assert-DeclaredOutputType {
        param([object[]] $Results, [string] $Command)
        $declared = (Get-Command -Name $Command -Module CancelJobs).OutputType[0].Name
        @($Results | Where-Object { $_.PSObject.TypeNames[0] -ne $declared }).Count | Should -Be 0 -Because "every result is a $declared"
    }
}

AfterAll {
    Stop-TestEmulator
}

Describe 'One Get | Stop pipeline per command' {
    BeforeEach {
        Reset-Emulator
        Add-EmulatorSeed $seed
    }

    It 'Stop-IoTJobExecution: the QUEUED executions of a job, listed over four pages' {
        $results = @(Get-IoTJobExecution -JobId fw-9 -Status QUEUED -PageSize 25 @aws | Stop-IoTJobExecution -Force)

        $results.Count | Should -Be 80
        Assert-DeclaredOutputType $results Stop-IoTJobExecution
        @($results | Where-Object Status -NE 'CANCELED').Count | Should -Be 0
        $jobs = @((Get-EmulatorJobs).iot | Where-Object jobId -EQ 'fw-9')
        @($jobs | Where-Object status -EQ 'CANCELED').thingName | Sort-Object | Should -Be ($results.ThingName | Sort-Object)
        @($jobs | Where-Object status -EQ 'SUCCEEDED').Count | Should -Be 40
        @((Get-EmulatorJobs).iot | Where-Object thingName -EQ 'sensor-1').status | Should -Be 'QUEUED'
        @(Get-EmulatorRequests -Operation ListJobExecutionsForJob).Count | Should -Be 4
        Assert-OneLoggedCancelPerResult $results CancelJobExecution ThingName
    }

    It 'Stop-IoTJob: the IN_PROGRESS jobs of a thing group, with a reason code' {
        $results = @(Get-IoTJob -ThingGroupName sensors -Status IN_PROGRESS @aws | Stop-IoTJob -ReasonCode BAD_BUILD -Force)

        $results.JobId | Should -Be @('fw-7', 'fw-8')
        Assert-DeclaredOutputType $results Stop-IoTJob
        $results | ForEach-Object { $_.Status | Should -Be 'CANCELED' }
        $state = Get-EmulatorJobs
        foreach ($id in 'fw-7', 'fw-8') {
            $job = @($state.iotJobs | Where-Object jobId -EQ $id)[0]
            $job.status | Should -Be 'CANCELED'
            $job.reasonCode | Should -Be 'BAD_BUILD'
        }
        @($state.iotJobs | Where-Object jobId -EQ 'fw-6')[0].status | Should -Be 'COMPLETED'
        @($state.iotJobs | Where-Object jobId -EQ 'fw-9')[0].status | Should -Be 'IN_PROGRESS'
        # A job's cancel takes its QUEUED executions with it; IN_PROGRESS ones only with -CancelInProgress.
        @($state.iot | Where-Object thingName -EQ 'sensor-1')[0].status | Should -Be 'CANCELED'
        @($state.iot | Where-Object thingName -EQ 'sensor-2')[0].status | Should -Be 'IN_PROGRESS'
        Assert-OneLoggedCancelPerResult $results CancelJob JobId
        (Get-EmulatorRequests -Operation CancelJob) | ForEach-Object { $_.body | Should -BeLike '*"reasonCode":"BAD_BUILD"*' }
    }

    It 'Stop-TwinMakerTransferJob: the RUNNING jobs of a workspace' {
        $results = @(Get-TwinMakerTransferJob -WorkspaceId factory-twin -State RUNNING @aws | Stop-TwinMakerTransferJob -Force)

        $results.MetadataTransferJobId | Sort-Object | Should -Be @('tm-1', 'tm-4')
        Assert-DeclaredOutputType $results Stop-TwinMakerTransferJob
        $results | ForEach-Object { $_.Status | Should -BeIn 'CANCELLING', 'CANCELLED' }
        $state = @((Get-EmulatorJobs).twinMaker)
        @($state | Where-Object id -In 'tm-1', 'tm-4').state | ForEach-Object { $_ | Should -BeIn 'CANCELLING', 'CANCELLED' }
        @($state | Where-Object id -EQ 'tm-2')[0].state | Should -Be 'COMPLETED'
        @($state | Where-Object id -EQ 'tm-3')[0].state | Should -Be 'RUNNING'
        Assert-OneLoggedCancelPerResult $results CancelMetadataTransferJob MetadataTransferJobId
    }

    It 'Stop-DmsMetadataModelConversion: the IN_PROGRESS conversions of a migration project' {
        $results = @(Get-DmsMetadataModelConversion -MigrationProjectIdentifier legacy-oracle -Status IN_PROGRESS @aws | Stop-DmsMetadataModelConversion -Force)

        $results.RequestIdentifier | Sort-Object | Should -Be @('req-1', 'req-3')
        Assert-DeclaredOutputType $results Stop-DmsMetadataModelConversion
        $results | ForEach-Object { $_.Status | Should -BeIn 'CANCELING', 'CANCELED' }
        $state = @((Get-EmulatorJobs).dms)
        @($state | Where-Object requestIdentifier -In 'req-1', 'req-3').status | ForEach-Object { $_ | Should -BeIn 'CANCELING', 'CANCELED' }
        @($state | Where-Object requestIdentifier -EQ 'req-2')[0].status | Should -Be 'SUCCESS'
        @($state | Where-Object requestIdentifier -EQ 'req-4')[0].status | Should -Be 'IN_PROGRESS'
        Assert-OneLoggedCancelPerResult $results CancelMetadataModelConversion RequestIdentifier
    }

    It 'Stop-DataZoneMetadataGenerationRun: the IN_PROGRESS runs of a domain' {
        $results = @(Get-DataZoneMetadataGenerationRun -DomainIdentifier dzd_sales01 -Status IN_PROGRESS @aws | Stop-DataZoneMetadataGenerationRun -Force)

        $results.Identifier | Sort-Object | Should -Be @('run-1', 'run-3')
        Assert-DeclaredOutputType $results Stop-DataZoneMetadataGenerationRun
        $results | ForEach-Object { $_.Status | Should -Be 'CANCELED'; $_.DomainIdentifier | Should -Be 'dzd_sales01' }
        $state = @((Get-EmulatorJobs).dataZone)
        @($state | Where-Object id -In 'run-1', 'run-3').status | Should -Be @('CANCELED', 'CANCELED')
        @($state | Where-Object id -EQ 'run-2')[0].status | Should -Be 'SUCCEEDED'
        @($state | Where-Object id -EQ 'run-4')[0].status | Should -Be 'IN_PROGRESS'
        Assert-OneLoggedCancelPerResult $results CancelMetadataGenerationRun Identifier
    }
}
