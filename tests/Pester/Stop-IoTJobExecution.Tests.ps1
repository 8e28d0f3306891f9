#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Mirrors tests/CancelJobs.Tests/StopIoTJobExecutionTests.cs against the emulator started as a child process.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-BuiltModule
    $null = Start-TestEmulator
    $aws = New-AwsSplat
    $seed = @{
        iot = @(
            @{ jobId = 'fw-7'; thingName = 'sensor-1'; status = 'QUEUED' }
            @{ jobId = 'fw-7'; thingName = 'sensor-2'; status = 'QUEUED' }
            @{ jobId = 'fw-7'; thingName = 'sensor-3'; status = 'IN_PROGRESS'; versionNumber = 4 }
            @{ jobId = 'fw-7'; thingName = 'sensor-4'; status = 'SUCCEEDED' }
            @{ jobId = 'fw-7'; thingName = 'plant:line-1'; status = 'QUEUED' }
        )
    }

    function Get-Execution([string] $ThingName) {
        @((Get-EmulatorJobs).iot) | Where-Object { $_.jobId -eq 'fw-7' -and $_.thingName -eq $ThingName }
    }
}

AfterAll {
    Stop-TestEmulator
}

Describe 'Stop-IoTJobExecution' {
    BeforeEach {
        Reset-Emulator
        Add-EmulatorSeed $seed
    }

    Context 'pipeline input' {
        It 'cancels thing names piped by value, in input order, with typed results' {
            $results = 'sensor-2', 'sensor-1' | Stop-IoTJobExecution -JobId fw-7 @aws

            $results.ThingName | Should -Be @('sensor-2', 'sensor-1')
            $results | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'CancelJobs.Engine.IoT.IoTJobExecutionCancellation' }
            $results | ForEach-Object { $_.Status | Should -Be 'CANCELED' }
            (Get-Execution 'sensor-1').status | Should -Be 'CANCELED'
            (Get-Execution 'sensor-2').status | Should -Be 'CANCELED'
            (Get-Execution 'plant:line-1').status | Should -Be 'QUEUED'
            Get-EmulatorRequests | ForEach-Object { $_.signature | Should -Be 'Valid' }
        }

        It 'binds Import-Csv rows by property name' {
            $rows = "ThingName,JobId`nsensor-1,fw-7`nsensor-2,fw-7" | ConvertFrom-Csv

            $results = $rows | Stop-IoTJobExecution @aws

            $results.ThingName | Should -Be @('sensor-1', 'sensor-2')
            (Get-Execution 'sensor-2').status | Should -Be 'CANCELED'
        }

        It 'binds ConvertFrom-Json objects (camelCase, as the AWS CLI prints) by property name' {
            $objects = '[{"thingName":"sensor-1","jobId":"fw-7"},{"thingName":"sensor-2","jobId":"fw-7"}]' | ConvertFrom-Json

            $results = $objects | Stop-IoTJobExecution @aws

            $results.ThingName | Should -Be @('sensor-1', 'sensor-2')
            (Get-Execution 'sensor-1').status | Should -Be 'CANCELED'
        }

        It 'binds AWS Tools list output through ThingArn' {
            $summary = [pscustomobject]@{ ThingArn = 'arn:aws:iot:us-east-1:123456789012:thing/plant:line-1'; JobExecutionSummary = $null }

            $result = $summary | Stop-IoTJobExecution -JobId fw-7 @aws

            $result.ThingName | Should -Be 'plant:line-1'
            (Get-Execution 'plant:line-1').status | Should -Be 'CANCELED'
            (Get-EmulatorRequests -Operation CancelJobExecution).path | Should -BeLike '*plant%3Aline-1*'
        }
    }

    Context '-WhatIf' {
        It 'sends nothing under -WhatIf' {
            $results = 'sensor-1', 'sensor-2' | Stop-IoTJobExecution -JobId fw-7 -WhatIf @aws

            @($results).Count | Should -Be 0
            @(Get-EmulatorRequests).Count | Should -Be 0
            (Get-Execution 'sensor-1').status | Should -Be 'QUEUED'
        }

        It 'sends nothing under -WhatIf with -Force, also with -CancelInProgress' {
            Stop-IoTJobExecution -ThingName sensor-1 -JobId fw-7 -WhatIf -Force @aws
            Stop-IoTJobExecution -ThingName sensor-3 -JobId fw-7 -CancelInProgress -Force -WhatIf @aws

            @(Get-EmulatorRequests).Count | Should -Be 0
            (Get-Execution 'sensor-3').status | Should -Be 'IN_PROGRESS'
        }

        It 'sends nothing when -WhatIf is inherited from a calling function' {
            function Invoke-Rollback {
                [CmdletBinding(SupportsShouldProcess)]
                param([hashtable] $Connection)
                'sensor-1', 'sensor-2' | Stop-IoTJobExecution -JobId fw-7 -Force @Connection
            }

            Invoke-Rollback -Connection $aws -WhatIf

            @(Get-EmulatorRequests).Count | Should -Be 0
            (Get-Execution 'sensor-1').status | Should -Be 'QUEUED'
        }
    }

    Context 'errors' {
        It 'reports IN_PROGRESS without -CancelInProgress and a missing execution, and later items still succeed' {
            $results = 'sensor-3', 'nope', 'sensor-1' |
                Stop-IoTJobExecution -JobId fw-7 @aws -ErrorVariable errs -ErrorAction SilentlyContinue

            $errs.Count | Should -Be 2
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidJobState,*'
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
            $errs[0].TargetObject | Should -Be 'sensor-3'
            $errs[0].Exception.Message | Should -BeLike '*-CancelInProgress*'
            $errs[1].FullyQualifiedErrorId | Should -BeLike 'JobNotFound,*'
            $errs[1].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $errs[1].TargetObject | Should -Be 'nope'
            $results.ThingName | Should -Be 'sensor-1'
            (Get-Execution 'sensor-3').status | Should -Be 'IN_PROGRESS'
            (Get-Execution 'sensor-1').status | Should -Be 'CANCELED'
        }

        It 'reports an execution already in a terminal state as InvalidJobState' {
            $null = Stop-IoTJobExecution -ThingName sensor-4 -JobId fw-7 @aws -ErrorVariable errs -ErrorAction SilentlyContinue

            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidJobState,*'
            (Get-Execution 'sensor-4').status | Should -Be 'SUCCEEDED'
        }

        It 'names the piped row as TargetObject when a CSV row fails' {
            $rows = "ThingName,JobId`nnope,fw-7`nsensor-1,fw-7" | ConvertFrom-Csv

            $results = $rows | Stop-IoTJobExecution @aws -ErrorVariable errs -ErrorAction SilentlyContinue

            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'JobNotFound,*'
            $errs[0].TargetObject.ThingName | Should -Be 'nope'
            $results.ThingName | Should -Be 'sensor-1'
        }

        It 'reports an expected-version mismatch as VersionConflict' {
            $null = Stop-IoTJobExecution fw-7 sensor-1 -ExpectedVersion 9 @aws -ErrorVariable errs -ErrorAction SilentlyContinue

            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'VersionConflict,*'
            (Get-Execution 'sensor-1').status | Should -Be 'QUEUED'
        }

        It 'stops at the first failure with -ErrorAction Stop' {
            $thrown = { 'nope', 'sensor-1', 'sensor-2' | Stop-IoTJobExecution -JobId fw-7 -ThrottleLimit 1 -ErrorAction Stop @aws } |
                Should -Throw -PassThru

            $thrown.FullyQualifiedErrorId | Should -BeLike 'JobNotFound,*'
            (Get-Execution 'sensor-2').status | Should -Be 'QUEUED'
        }

        It 'sends nothing for an invalid <Name>' -ForEach @(
            @{ Name = 'thing name'; Arguments = @{ ThingName = 'bad thing'; JobId = 'fw-7' }; Expected = '*ThingName*' }
            @{ Name = 'job id'; Arguments = @{ ThingName = 'sensor-1'; JobId = 'j' * 65 }; Expected = '*JobId*' }
            @{ Name = 'status detail key'; Arguments = @{ ThingName = 'sensor-1'; JobId = 'fw-7'; StatusDetail = @{ 'bad key!' = 'x' } }; Expected = '*StatusDetail key*' }
        ) {
            $null = Stop-IoTJobExecution @Arguments @aws -ErrorVariable errs -ErrorAction SilentlyContinue

            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidIdentifier,*'
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $errs[0].Exception.Message | Should -BeLike $Expected
            @(Get-EmulatorRequests).Count | Should -Be 0
        }

        It 'sends nothing for more than 10 status details' {
            $details = @{}
            1..11 | ForEach-Object { $details["k$_"] = 'v' }

            $null = Stop-IoTJobExecution -ThingName sensor-1 -JobId fw-7 -StatusDetail $details @aws -ErrorVariable errs -ErrorAction SilentlyContinue

            $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidIdentifier,*'
            $errs[0].Exception.Message | Should -BeLike '*at most 10*'
            @(Get-EmulatorRequests).Count | Should -Be 0
        }
    }

    Context 'IN_PROGRESS executions' {
        It 'cancels with -CancelInProgress -Force without prompting and sends the API force flag' {
            $result = Stop-IoTJobExecution -ThingName sensor-3 -JobId fw-7 -CancelInProgress -Force @aws

            $result.Forced | Should -BeTrue
            $execution = Get-Execution 'sensor-3'
            $execution.status | Should -Be 'CANCELED'
            $execution.forceCanceled | Should -BeTrue
            (Get-EmulatorRequests -Operation CancelJobExecution).query | Should -BeLike '*force=true*'
        }

        It 'accepts the AWS Tools alias -Enforce' {
            $result = Stop-IoTJobExecution -ThingName sensor-3 -JobId fw-7 -Enforce -Force @aws

            $result.Status | Should -Be 'CANCELED'
            (Get-Execution 'sensor-3').status | Should -Be 'CANCELED'
        }

        It 'sends the expected version and status details' {
            $null = Stop-IoTJobExecution fw-7 sensor-3 -CancelInProgress -Force -ExpectedVersion 4 -StatusDetail @{ reason = 'bad-firmware' } @aws

            $execution = Get-Execution 'sensor-3'
            $execution.statusDetails.reason | Should -Be 'bad-firmware'
            $execution.versionNumber | Should -Be 5
            (Get-EmulatorRequests -Operation CancelJobExecution).body | Should -BeLike '*"expectedVersion":4*'
        }
    }
}
