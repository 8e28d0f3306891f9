#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Stop-DmsMetadataModelConversion the against emulator: a cancel answers CANCELING, the conversion reads CANCELED a moment later.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-BuiltModule
    $null = Start-TestEmulator
    $aws = New-AwsSplat
    Set-EmulatorSetting @{ dmsCancelDelayMs = 1500 }
    $projectArn = 'arn:aws:dms:us-east-1:123456789012:migration-project:proj-1'
    $seed = @{
        dms = @(
            @{ migrationProject = 'proj-1'; requestIdentifier = 'req-1'; status = 'IN_PROGRESS' }
            @{ migrationProject = 'proj-1'; requestIdentifier = 'req-2'; status = 'RECEIVED' }
            @{ migrationProject = 'proj-1'; requestIdentifier = 'req-3'; status = 'IN_PROGRESS' }
            @{ migrationProject = 'proj-1'; requestIdentifier = 'req-done'; status = 'SUCCESS' }
        )
    }

    function Get-Conversion([string] $RequestIdentifier) {
        @((Get-EmulatorJobs).dms) | Where-Object { $_.migrationProject -eq 'proj-1' -and $_.requestIdentifier -eq $RequestIdentifier }
    }
}

AfterAll {
    Stop-TestEmulator
}

Describe 'Stop-DmsMetadataModelConversion' {
    BeforeEach {
        Reset-Emulator
        Add-EmulatorSeed $seed
    }

    Context 'pipeline input' {
        It 'cancels request identifiers piped by value, in input order, with typed results' {
            $results = 'req-2', 'req-1' | Stop-DmsMetadataModelConversion -MigrationProjectIdentifier proj-1 @aws

            $results.RequestIdentifier | Should -Be @('req-2', 'req-1')
            $results | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'CancelJobs.Engine.Dms.DmsMetadataModelConversionCancellation' }
            $results | ForEach-Object { $_.Status | Should -Be 'CANCELING' }
            $results | ForEach-Object { $_.MigrationProjectArn | Should -Be $projectArn }
            (Get-Conversion 'req-1').status | Should -Be 'CANCELING'
            (Get-Conversion 'req-3').status | Should -Be 'IN_PROGRESS'
            Get-EmulatorRequests | ForEach-Object { $_.signature | Should -Be 'Valid' }
        }

        It 'settles from CANCELING to CANCELED after the emulator delay' {
            $null = Stop-DmsMetadataModelConversion proj-1 req-1 @aws

            (Get-Conversion 'req-1').status | Should -Be 'CANCELING'
            Wait-Until { (Get-Conversion 'req-1').status -eq 'CANCELED' } -TimeoutSeconds 15 | Should -BeTrue
        }

        It 'emits the terminal state with -Wait' {
            $result = Stop-DmsMetadataModelConversion -RequestIdentifier req-1 -MigrationProjectIdentifier proj-1 -Wait -Timeout 30 @aws

            $result.Status | Should -Be 'CANCELED'
            $result.Completed | Should -BeTrue
            @(Get-EmulatorRequests -Operation DescribeMetadataModelConversions).Count | Should -BeGreaterThan 0
        }

        It 'binds DescribeMetadataModelConversions output from ConvertFrom-Json through MigrationProjectArn' {
            $described = @"
{"Requests":[
  {"Status":"IN_PROGRESS","RequestIdentifier":"req-1","MigrationProjectArn":"$projectArn"},
  {"Status":"RECEIVED","RequestIdentifier":"req-2","MigrationProjectArn":"$projectArn"}
]}
"@ | ConvertFrom-Json

            $results = $described.Requests | Stop-DmsMetadataModelConversion @aws

            $results.RequestIdentifier | Should -Be @('req-1', 'req-2')
            (Get-Conversion 'req-2').status | Should -Be 'CANCELING'
        }

        It 'binds Import-Csv rows by property name' {
            $rows = "RequestIdentifier,MigrationProjectIdentifier`nreq-1,proj-1`nreq-3,proj-1" | ConvertFrom-Csv

            $results = $rows | Stop-DmsMetadataModelConversion @aws

            $results.RequestIdentifier | Should -Be @('req-1', 'req-3')
            (Get-Conversion 'req-3').status | Should -Be 'CANCELING'
        }

        It 'binds the RequestId and MigrationProject aliases' {
            $row = [pscustomobject]@{ RequestId = 'req-1'; MigrationProject = 'proj-1' }

            $result = $row | Stop-DmsMetadataModelConversion @aws

            $result.RequestIdentifier | Should -Be 'req-1'
        }
    }

    Context '-WhatIf' {
        It 'sends nothing under -WhatIf' {
            $results = 'req-1', 'req-2' | Stop-DmsMetadataModelConversion -MigrationProjectIdentifier proj-1 -WhatIf @aws

            @($results).Count | Should -Be 0
            @(Get-EmulatorRequests).Count | Should -Be 0
            (Get-Conversion 'req-1').status | Should -Be 'IN_PROGRESS'
        }

        It 'sends nothing under -WhatIf with -Force' {
            Stop-DmsMetadataModelConversion proj-1 req-1 -WhatIf -Force @aws

            @(Get-EmulatorRequests).Count | Should -Be 0
        }

        It 'sends nothing when -WhatIf is inherited from a calling function' {
            function Invoke-Cleanup {
                [CmdletBinding(SupportsShouldProcess)]
                param([hashtable] $Connection)
                'req-1', 'req-2' | Stop-DmsMetadataModelConversion -MigrationProjectIdentifier proj-1 -Force @Connection
            }

            Invoke-Cleanup -Connection $aws -WhatIf

            @(Get-EmulatorRequests).Count | Should -Be 0
            (Get-Conversion 'req-2').status | Should -Be 'RECEIVED'
        }
    }

    Context 'errors' {
        It 'reports a finished conversion as InvalidJobState and a missing one as JobNotFound, and later items still succeed' {
            $results = 'req-done', 'nope', 'req-1' |
                Stop-DmsMetadataModelConversion -MigrationProjectIdentifier proj-1 @aws -ErrorVariable errs -ErrorAction SilentlyContinue

            $errs.Count | Should -Be 2
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidJobState,*'
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
            $errs[0].TargetObject | Should -Be 'req-done'
            $errs[1].FullyQualifiedErrorId | Should -BeLike 'JobNotFound,*'
            $errs[1].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $errs[1].TargetObject | Should -Be 'nope'
            $results.RequestIdentifier | Should -Be 'req-1'
            (Get-Conversion 'req-done').status | Should -Be 'SUCCESS'
            (Get-Conversion 'req-1').status | Should -Be 'CANCELING'
        }

        It 'reports a conversion in an unknown migration project as JobNotFound' {
            $null = Stop-DmsMetadataModelConversion other-project req-1 @aws -ErrorVariable errs -ErrorAction SilentlyContinue

            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'JobNotFound,*'
            (Get-Conversion 'req-1').status | Should -Be 'IN_PROGRESS'
        }

        It 'names the piped row as TargetObject when a CSV row fails' {
            $rows = "RequestIdentifier,MigrationProjectIdentifier`nnope,proj-1`nreq-1,proj-1" | ConvertFrom-Csv

            $results = $rows | Stop-DmsMetadataModelConversion @aws -ErrorVariable errs -ErrorAction SilentlyContinue

            $errs.Count | Should -Be 1
            $errs[0].TargetObject.RequestIdentifier | Should -Be 'nope'
            $results.RequestIdentifier | Should -Be 'req-1'
        }

        It 'stops at the first failure with -ErrorAction Stop' {
            $thrown = { 'nope', 'req-1', 'req-2' | Stop-DmsMetadataModelConversion -MigrationProjectIdentifier proj-1 -ThrottleLimit 1 -ErrorAction Stop @aws } |
                Should -Throw -PassThru

            $thrown.FullyQualifiedErrorId | Should -BeLike 'JobNotFound,*'
            (Get-Conversion 'req-2').status | Should -Be 'RECEIVED'
        }

        It 'sends nothing for an invalid <Name>' -ForEach @(
            # The model constrains RequestIdentifier no further than "required": blank and control characters are what is refused.
            @{ Name = 'blank request identifier'; Arguments = @{ RequestIdentifier = '   '; MigrationProjectIdentifier = 'proj-1' }; Expected = '*RequestIdentifier*blank*' }
            @{ Name = 'request identifier with a newline'; Arguments = @{ RequestIdentifier = "req-1`n"; MigrationProjectIdentifier = 'proj-1' }; Expected = '*RequestIdentifier*control character*' }
            @{ Name = 'migration project length'; Arguments = @{ RequestIdentifier = 'req-1'; MigrationProjectIdentifier = 'p' * 256 }; Expected = '*MigrationProjectIdentifier*' }
        ) {
            $null = Stop-DmsMetadataModelConversion @Arguments @aws -ErrorVariable errs -ErrorAction SilentlyContinue

            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidIdentifier,*'
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $errs[0].Exception.Message | Should -BeLike $Expected
            @(Get-EmulatorRequests).Count | Should -Be 0
        }
    }
}
