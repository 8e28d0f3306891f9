#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Stop-IoTJob and Get-IoTJob against the emulator: a whole job IN_PROGRESS → CANCELED (its QUEUED executions with it,
# its IN_PROGRESS ones with -CancelInProgress); CANCELED or being deleted is AlreadyCancelled; COMPLETED is InvalidJobState.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-BuiltModule
    $null = Start-TestEmulator
    $aws = New-AwsSplat
    $seed = @{
        iotJobs = @(
            @{ jobId = 'fw-7'; status = 'IN_PROGRESS'; thingGroupName = 'sensors' }
            @{ jobId = 'fw-8'; status = 'IN_PROGRESS'; thingGroupName = 'sensors' }
            @{ jobId = 'fw-6'; status = 'COMPLETED'; thingGroupName = 'sensors' }
            @{ jobId = 'fw-5'; status = 'CANCELED' }
            @{ jobId = 'fw-4'; status = 'DELETION_IN_PROGRESS' }
        )
        iot     = @(
            @{ jobId = 'fw-7'; thingName = 'sensor-1'; status = 'QUEUED' }
            @{ jobId = 'fw-7'; thingName = 'sensor-2'; status = 'IN_PROGRESS' }
        )
    }

    function Get-Job([string] $Id) { @((Get-EmulatorJobs).iotJobs) | Where-Object jobId -EQ $Id }
    function Get-Execution([string] $Thing) { @((Get-EmulatorJobs).iot) | Where-Object { $_.jobId -eq 'fw-7' -and $_.thingName -eq $Thing } }
}

AfterAll {
    Stop-TestEmulator
}

Describe 'Stop-IoTJob' {
    BeforeEach {
        Reset-Emulator
        Add-EmulatorSeed $seed
    }

    It 'cancels the IN_PROGRESS jobs Get-IoTJob lists for a thing group, with typed results' {
        $results = Get-IoTJob -ThingGroupName sensors -Status IN_PROGRESS @aws | Stop-IoTJob -ReasonCode BAD_BUILD -Force

        $results.JobId | Should -Be @('fw-7', 'fw-8')
        $results | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'CancelJobs.Engine.IoT.IoTJobCancellation' }
        $results | ForEach-Object { $_.Status | Should -Be 'CANCELED'; $_.ServiceRequestId | Should -Not -BeNullOrEmpty }
        (Get-Job 'fw-7').status | Should -Be 'CANCELED'
        (Get-Job 'fw-7').reasonCode | Should -Be 'BAD_BUILD'
        (Get-Execution 'sensor-1').status | Should -Be 'CANCELED'
        (Get-Execution 'sensor-2').status | Should -Be 'IN_PROGRESS'
        (Get-Job 'fw-6').status | Should -Be 'COMPLETED'
    }

    It '-CancelInProgress -Force also cancels the running executions' {
        $result = Stop-IoTJob fw-7 -CancelInProgress -Force @aws

        $result.Forced | Should -BeTrue
        (Get-Execution 'sensor-2').status | Should -Be 'CANCELED'
    }

    It 'reports CANCELED and DELETION_IN_PROGRESS jobs as AlreadyCancelled and a COMPLETED one as InvalidJobState' {
        $results = 'fw-5', 'fw-6', 'fw-4' | Stop-IoTJob -Force -ErrorVariable failed -ErrorAction SilentlyContinue @aws

        $results.JobId | Should -Be @('fw-5', 'fw-4')
        $results | ForEach-Object { $_.AlreadyCancelled | Should -BeTrue }
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'InvalidJobState,*'
        $failed[0].TargetObject | Should -Be 'fw-6'
    }

    It '-WhatIf sends nothing, even with -Force' {
        Clear-EmulatorRequests

        'fw-7', 'fw-8' | Stop-IoTJob -CancelInProgress -WhatIf -Force @aws

        @(Get-EmulatorRequests).Count | Should -Be 0
        (Get-Job 'fw-7').status | Should -Be 'IN_PROGRESS'
    }

    It 'refuses a job execution piped in, so one device never cancels the whole rollout' {
        $null = Get-IoTJobExecution -JobId fw-7 @aws | Stop-IoTJob -Force -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed.Count | Should -Be 2
        $failed | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'CrossServiceInput,*' }
        (Get-Job 'fw-7').status | Should -Be 'IN_PROGRESS'
    }
}

Describe 'Get-IoTJob' {
    BeforeAll {
        Reset-Emulator
        Add-EmulatorSeed $seed
    }

    It 'lists jobs page by page and describes one with its execution counts' {
        (Get-IoTJob -PageSize 2 @aws).JobId | Should -Be @('fw-7', 'fw-8', 'fw-6', 'fw-5', 'fw-4')
        $job = Get-IoTJob -JobId fw-7 @aws
        $job.QueuedThings | Should -Be 1
        $job.InProgressThings | Should -Be 1
    }

    It 'pipes a job into Get-IoTJobExecution' {
        (Get-IoTJob -JobId fw-7 @aws | Get-IoTJobExecution -Status QUEUED).ThingName | Should -Be @('sensor-1')
    }
}
