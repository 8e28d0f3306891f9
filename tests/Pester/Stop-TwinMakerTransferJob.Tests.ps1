#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Stop-TwinMakerTransferJob against the emulator: a cancel answers CANCELLING, the job reads CANCELLED a moment later.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-BuiltModule
    $null = Start-TestEmulator
    $aws = New-AwsSplat
    # Long enough to see CANCELLING right after the call, short enough for -Wait to finish quickly.
    Set-EmulatorSetting @{ twinMakerCancelDelayMs = 1500 }
    $seed = @{
        twinMaker = @(
            @{ id = 'tm-1'; state = 'RUNNING' }
            @{ id = 'tm-2'; state = 'PENDING' }
            @{ id = 'tm-3'; state = 'VALIDATING' }
            @{ id = 'tm-done'; state = 'COMPLETED' }
        )
    }

    function Get-TransferJob([string] $Id) {
        @((Get-EmulatorJobs).twinMaker) | Where-Object { $_.id -eq $Id }
    }
}

AfterAll {
    Stop-TestEmulator
}

Describe 'Stop-TwinMakerTransferJob' {
    BeforeEach {
        Reset-Emulator
        Add-EmulatorSeed $seed
    }

    Context 'pipeline input' {
        It 'cancels ids piped by value, in input order, with typed results' {
            $results = 'tm-2', 'tm-1' | Stop-TwinMakerTransferJob @aws

            $results.MetadataTransferJobId | Should -Be @('tm-2', 'tm-1')
            $results | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'CancelJobs.Engine.TwinMaker.TwinMakerTransferJobCancellation' }
            $results | ForEach-Object { $_.Status | Should -Be 'CANCELLING' }
            (Get-TransferJob 'tm-1').state | Should -Be 'CANCELLING'
            (Get-TransferJob 'tm-3').state | Should -Be 'VALIDATING'
            @(Get-EmulatorRequests -Operation CancelMetadataTransferJob).Count | Should -Be 2
            Get-EmulatorRequests | ForEach-Object { $_.signature | Should -Be 'Valid' }
        }

        It 'settles from CANCELLING to CANCELLED after the emulator delay' {
            $null = Stop-TwinMakerTransferJob -MetadataTransferJobId tm-1 @aws

            (Get-TransferJob 'tm-1').state | Should -Be 'CANCELLING'
            Wait-Until { (Get-TransferJob 'tm-1').state -eq 'CANCELLED' } -TimeoutSeconds 15 | Should -BeTrue
        }

        It 'emits the terminal state with -Wait' {
            $result = Stop-TwinMakerTransferJob tm-1 -Wait -Timeout 30 @aws

            $result.Status | Should -Be 'CANCELLED'
            $result.Completed | Should -BeTrue
            (Get-TransferJob 'tm-1').state | Should -Be 'CANCELLED'
            @(Get-EmulatorRequests -Operation GetMetadataTransferJob).Count | Should -BeGreaterThan 0
        }

        It 'binds ConvertFrom-Json objects (metadataTransferJobId, as the AWS CLI prints) by property name' {
            $objects = '[{"metadataTransferJobId":"tm-1","status":{"state":"RUNNING"}},{"metadataTransferJobId":"tm-2"}]' | ConvertFrom-Json

            $results = $objects | Stop-TwinMakerTransferJob @aws

            $results.MetadataTransferJobId | Should -Be @('tm-1', 'tm-2')
            (Get-TransferJob 'tm-2').state | Should -Be 'CANCELLING'
        }

        It 'binds Import-Csv rows by their MetadataTransferJobId column' {
            $rows = "MetadataTransferJobId`ntm-1`ntm-3" | ConvertFrom-Csv

            $results = $rows | Stop-TwinMakerTransferJob @aws

            $results.MetadataTransferJobId | Should -Be @('tm-1', 'tm-3')
            (Get-TransferJob 'tm-3').state | Should -Be 'CANCELLING'
        }

        It 'refuses rows whose only column is the <Column> alias other services share, and sends nothing' -ForEach @(
            @{ Column = 'Id' }
            @{ Column = 'JobId' }
        ) {
            # An IoT export's JobId column (or a DataZone Id) must never become a TwinMaker job id.
            $rows = "$Column`ntm-1`ntm-3" | ConvertFrom-Csv

            $results = $rows | Stop-TwinMakerTransferJob @aws -ErrorVariable errs -ErrorAction SilentlyContinue

            @($results).Count | Should -Be 0
            $errs.Count | Should -Be 2
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'AmbiguousInput,*'
            $errs[0].Exception.Message | Should -BeLike '*Name it MetadataTransferJobId*'
            @(Get-EmulatorRequests).Count | Should -Be 0
        }
    }

    Context '-WhatIf' {
        It 'sends nothing under -WhatIf' {
            $results = 'tm-1', 'tm-2' | Stop-TwinMakerTransferJob -WhatIf @aws

            @($results).Count | Should -Be 0
            @(Get-EmulatorRequests).Count | Should -Be 0
            (Get-TransferJob 'tm-1').state | Should -Be 'RUNNING'
        }

        It 'sends nothing under -WhatIf with -Force' {
            Stop-TwinMakerTransferJob -MetadataTransferJobId tm-1 -WhatIf -Force @aws

            @(Get-EmulatorRequests).Count | Should -Be 0
        }

        It 'sends nothing when -WhatIf is inherited from a calling function' {
            function Invoke-Cleanup {
                [CmdletBinding(SupportsShouldProcess)]
                param([hashtable] $Connection)
                'tm-1', 'tm-2' | Stop-TwinMakerTransferJob -Force @Connection
            }

            Invoke-Cleanup -Connection $aws -WhatIf

            @(Get-EmulatorRequests).Count | Should -Be 0
            (Get-TransferJob 'tm-2').state | Should -Be 'PENDING'
        }
    }

    Context 'errors' {
        It 'reports a finished job as InvalidJobState and a missing one as JobNotFound, and later items still succeed' {
            $results = 'tm-done', 'nope', 'tm-1' | Stop-TwinMakerTransferJob @aws -ErrorVariable errs -ErrorAction SilentlyContinue

            $errs.Count | Should -Be 2
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidJobState,*'
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
            $errs[0].TargetObject | Should -Be 'tm-done'
            $errs[1].FullyQualifiedErrorId | Should -BeLike 'JobNotFound,*'
            $errs[1].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $errs[1].TargetObject | Should -Be 'nope'
            $results.MetadataTransferJobId | Should -Be 'tm-1'
            (Get-TransferJob 'tm-done').state | Should -Be 'COMPLETED'
            (Get-TransferJob 'tm-1').state | Should -Be 'CANCELLING'
        }

        It 'names the piped object as TargetObject when a ConvertFrom-Json item fails' {
            $objects = '[{"metadataTransferJobId":"nope"},{"metadataTransferJobId":"tm-1"}]' | ConvertFrom-Json

            $results = $objects | Stop-TwinMakerTransferJob @aws -ErrorVariable errs -ErrorAction SilentlyContinue

            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'JobNotFound,*'
            $errs[0].TargetObject.metadataTransferJobId | Should -Be 'nope'
            $results.MetadataTransferJobId | Should -Be 'tm-1'
        }

        It 'stops at the first failure with -ErrorAction Stop' {
            $thrown = { 'nope', 'tm-1', 'tm-2' | Stop-TwinMakerTransferJob -ThrottleLimit 1 -ErrorAction Stop @aws } |
                Should -Throw -PassThru

            $thrown.FullyQualifiedErrorId | Should -BeLike 'JobNotFound,*'
            (Get-TransferJob 'tm-2').state | Should -Be 'PENDING'
        }

        It 'sends nothing for the invalid id <Id>' -ForEach @(
            @{ Id = 'bad id' }
            @{ Id = 'ends-with-' }
            @{ Id = 'x' * 129 }
        ) {
            $null = Stop-TwinMakerTransferJob -MetadataTransferJobId $Id @aws -ErrorVariable errs -ErrorAction SilentlyContinue

            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidIdentifier,*'
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $errs[0].Exception.Message | Should -BeLike '*MetadataTransferJobId*'
            @(Get-EmulatorRequests).Count | Should -Be 0
        }

        It 'sends the valid items of a batch that also holds an invalid id' {
            $results = 'bad id', 'tm-1' | Stop-TwinMakerTransferJob @aws -ErrorVariable errs -ErrorAction SilentlyContinue

            $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidIdentifier,*'
            $errs[0].TargetObject | Should -Be 'bad id'
            $results.MetadataTransferJobId | Should -Be 'tm-1'
            @(Get-EmulatorRequests).Count | Should -Be 1
        }
    }
}
