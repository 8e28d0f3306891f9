#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Get-X | Stop-X for all four services: lists page automatically, objects bind with no glue,
# and the connection a Get-* used travels into the Stop-* (no @aws on the Stop side).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-BuiltModule
    $null = Start-TestEmulator
    $aws = New-AwsSplat
    $iot = foreach ($i in 1..120) {
        @{ jobId = 'fw-9'; thingName = ('t-{0:000}' -f $i); status = $(if ($i % 3 -eq 0) { 'SUCCEEDED' } else { 'QUEUED' }) }
    }
    $seed = @{
        iot       = @($iot)
        twinMaker = @(
            @{ id = 'tm-1'; workspaceId = 'factory-twin'; state = 'RUNNING' }
            @{ id = 'tm-2'; workspaceId = 'factory-twin'; state = 'COMPLETED' }
            @{ id = 'tm-3'; workspaceId = 'other-twin'; state = 'RUNNING' })
        dms       = @(
            @{ migrationProject = 'legacy-oracle'; requestIdentifier = 'req-1'; status = 'IN_PROGRESS' }
            @{ migrationProject = 'legacy-oracle'; requestIdentifier = 'req-2'; status = 'SUCCESS' })
        dataZone  = @(
            @{ domainId = 'dzd_sales01'; id = 'run-1'; status = 'IN_PROGRESS' }
            @{ domainId = 'dzd_sales01'; id = 'run-2'; status = 'SUCCEEDED' })
    }
}

AfterAll {
    Stop-TestEmulator
}

Describe 'Get-* piped into Stop-*' {
    BeforeEach {
        Reset-Emulator
        Add-EmulatorSeed $seed
    }

    It 'IoT: cancels exactly the listed QUEUED executions across pages' {
        $results = Get-IoTJobExecution -JobId fw-9 -Status QUEUED -PageSize 25 @aws | Stop-IoTJobExecution -Force

        $results.Count | Should -Be 80
        $jobs = @((Get-EmulatorJobs).iot)
        @($jobs | Where-Object status -eq 'CANCELED').Count | Should -Be 80
        @($jobs | Where-Object status -eq 'SUCCEEDED').Count | Should -Be 40
        @(Get-EmulatorRequests -Operation ListJobExecutionsForJob).Count | Should -Be 4
        @(Get-EmulatorRequests) | ForEach-Object { $_.signature | Should -Be 'Valid' }
    }

    It 'IoT: -MaxItems fetches no further page' {
        $listed = @(Get-IoTJobExecution -JobId fw-9 -MaxItems 10 @aws)

        $listed.Count | Should -Be 10
        @(Get-EmulatorRequests -Operation ListJobExecutionsForJob).Count | Should -Be 1
    }

    It 'TwinMaker: a workspace''s RUNNING jobs' {
        $results = Get-TwinMakerTransferJob -WorkspaceId factory-twin -State RUNNING @aws | Stop-TwinMakerTransferJob -Force

        $results.MetadataTransferJobId | Should -Be @('tm-1')
        (@((Get-EmulatorJobs).twinMaker) | Where-Object id -eq 'tm-3').state | Should -Be 'RUNNING'
    }

    It 'DMS: the project''s IN_PROGRESS conversions' {
        $results = Get-DmsMetadataModelConversion -MigrationProjectIdentifier legacy-oracle -Status IN_PROGRESS @aws | Stop-DmsMetadataModelConversion -Force

        $results.RequestIdentifier | Should -Be @('req-1')
    }

    It 'DataZone: the domain''s IN_PROGRESS runs' {
        $results = Get-DataZoneMetadataGenerationRun -DomainIdentifier dzd_sales01 -Status IN_PROGRESS @aws | Stop-DataZoneMetadataGenerationRun -Force

        $results.Identifier | Should -Be @('run-1')
        @(Get-EmulatorRequests -Operation CancelMetadataGenerationRun).Count | Should -Be 1
    }

    It 'previews with -WhatIf and sends no cancel' {
        Get-IoTJobExecution -JobId fw-9 -Status QUEUED @aws | Stop-IoTJobExecution -WhatIf

        @(Get-EmulatorRequests -Operation CancelJobExecution).Count | Should -Be 0
    }
}
