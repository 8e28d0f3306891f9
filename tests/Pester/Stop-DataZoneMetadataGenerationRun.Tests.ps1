#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Stop-DataZoneMetadataGenerationRun the against emulator: SUBMITTED/IN_PROGRESS → CANCELED; SUCCEEDED cannot be canceled.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-BuiltModule
    $null = Start-TestEmulator
    $aws = New-AwsSplat
    $domain = 'dzd_abc123'
    $seed = @{
        dataZone = @(
            @{ domainId = $domain; id = 'run-1'; status = 'IN_PROGRESS' }
            @{ domainId = $domain; id = 'run-2'; status = 'SUBMITTED' }
            @{ domainId = $domain; id = 'run-3'; status = 'IN_PROGRESS' }
            @{ domainId = $domain; id = 'run-ok'; status = 'SUCCEEDED' }
        )
    }

    function Get-Run([string] $Id) {
        @((Get-EmulatorJobs).dataZone) | Where-Object { $_.domainId -eq $domain -and $_.id -eq $Id }
    }
}

AfterAll {
    Stop-TestEmulator
}

Describe 'Stop-DataZoneMetadataGenerationRun' {
    BeforeEach {
        Reset-Emulator
        Add-EmulatorSeed $seed
    }

    Context 'pipeline input' {
        It 'cancels run ids piped by value, in input order, with typed results' {
            $results = 'run-2', 'run-1' | Stop-DataZoneMetadataGenerationRun -DomainIdentifier $domain @aws

            $results.Identifier | Should -Be @('run-2', 'run-1')
            $results | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'CancelJobs.Engine.DataZone.DataZoneMetadataGenerationRunCancellation' }
            $results | ForEach-Object { $_.Status | Should -Be 'CANCELED' }
            $results | ForEach-Object { $_.DomainIdentifier | Should -Be $domain }
            (Get-Run 'run-1').status | Should -Be 'CANCELED'
            (Get-Run 'run-2').status | Should -Be 'CANCELED'
            (Get-Run 'run-3').status | Should -Be 'IN_PROGRESS'
            Get-EmulatorRequests | ForEach-Object { $_.signature | Should -Be 'Valid' }
        }

        It 'binds ListMetadataGenerationRuns output from ConvertFrom-Json through domainId and id' {
            $listed = @"
{"items":[
  {"domainId":"$domain","id":"run-1","status":"IN_PROGRESS","type":"BUSINESS_DESCRIPTIONS"},
  {"domainId":"$domain","id":"run-2","status":"SUBMITTED","type":"BUSINESS_DESCRIPTIONS"}
]}
"@ | ConvertFrom-Json

            $results = $listed.items | Stop-DataZoneMetadataGenerationRun @aws

            $results.Identifier | Should -Be @('run-1', 'run-2')
            (Get-Run 'run-2').status | Should -Be 'CANCELED'
        }

        It 'binds Import-Csv rows by property name' {
            $rows = "DomainIdentifier,Identifier`n$domain,run-1`n$domain,run-3" | ConvertFrom-Csv

            $results = $rows | Stop-DataZoneMetadataGenerationRun @aws

            $results.Identifier | Should -Be @('run-1', 'run-3')
            (Get-Run 'run-3').status | Should -Be 'CANCELED'
        }

        It 'binds the RunId and DomainId aliases' {
            $row = [pscustomobject]@{ RunId = 'run-1'; DomainId = $domain }

            $result = $row | Stop-DataZoneMetadataGenerationRun @aws

            $result.Identifier | Should -Be 'run-1'
            (Get-Run 'run-1').status | Should -Be 'CANCELED'
        }

        It 'reports CANCELED with -Wait' {
            $result = Stop-DataZoneMetadataGenerationRun -Identifier run-1 -DomainIdentifier $domain -Wait -Timeout 30 @aws

            $result.Status | Should -Be 'CANCELED'
            $result.Completed | Should -BeTrue
        }
    }

    Context '-WhatIf' {
        It 'sends nothing under -WhatIf' {
            $results = 'run-1', 'run-2' | Stop-DataZoneMetadataGenerationRun -DomainIdentifier $domain -WhatIf @aws

            @($results).Count | Should -Be 0
            @(Get-EmulatorRequests).Count | Should -Be 0
            (Get-Run 'run-1').status | Should -Be 'IN_PROGRESS'
        }

        It 'sends nothing under -WhatIf with -Force' {
            Stop-DataZoneMetadataGenerationRun $domain run-1 -WhatIf -Force @aws

            @(Get-EmulatorRequests).Count | Should -Be 0
        }

        It 'sends nothing when -WhatIf is inherited from a calling function' {
            function Invoke-Cleanup {
                [CmdletBinding(SupportsShouldProcess)]
                param([hashtable] $Connection, [string] $Domain)
                'run-1', 'run-2' | Stop-DataZoneMetadataGenerationRun -DomainIdentifier $Domain -Force @Connection
            }

            Invoke-Cleanup -Connection $aws -Domain $domain -WhatIf

            @(Get-EmulatorRequests).Count | Should -Be 0
            (Get-Run 'run-2').status | Should -Be 'SUBMITTED'
        }
    }

    Context 'errors' {
        It 'reports a SUCCEEDED run as InvalidJobState and a missing one as JobNotFound, and later items still succeed' {
            $results = 'run-ok', 'nope', 'run-1' |
                Stop-DataZoneMetadataGenerationRun -DomainIdentifier $domain @aws -ErrorVariable errs -ErrorAction SilentlyContinue

            $errs.Count | Should -Be 2
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidJobState,*'
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
            $errs[0].TargetObject | Should -Be 'run-ok'
            $errs[1].FullyQualifiedErrorId | Should -BeLike 'JobNotFound,*'
            $errs[1].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $errs[1].TargetObject | Should -Be 'nope'
            $results.Identifier | Should -Be 'run-1'
            (Get-Run 'run-ok').status | Should -Be 'SUCCEEDED'
            (Get-Run 'run-1').status | Should -Be 'CANCELED'
        }

        It 'names the piped object as TargetObject when a ConvertFrom-Json item fails' {
            $objects = "[{`"domainId`":`"$domain`",`"id`":`"nope`"},{`"domainId`":`"$domain`",`"id`":`"run-1`"}]" | ConvertFrom-Json

            $results = $objects | Stop-DataZoneMetadataGenerationRun @aws -ErrorVariable errs -ErrorAction SilentlyContinue

            $errs.Count | Should -Be 1
            $errs[0].TargetObject.id | Should -Be 'nope'
            $results.Identifier | Should -Be 'run-1'
        }

        It 'stops at the first failure with -ErrorAction Stop' {
            $thrown = { 'run-ok', 'run-1', 'run-2' | Stop-DataZoneMetadataGenerationRun -DomainIdentifier $domain -ThrottleLimit 1 -ErrorAction Stop @aws } |
                Should -Throw -PassThru

            $thrown.FullyQualifiedErrorId | Should -BeLike 'InvalidJobState,*'
            (Get-Run 'run-2').status | Should -Be 'SUBMITTED'
        }

        It 'sends nothing for an invalid <Name>' -ForEach @(
            @{ Name = 'domain id'; Arguments = @{ Identifier = 'run-1'; DomainIdentifier = 'abc123' }; Expected = '*DomainIdentifier*' }
            @{ Name = 'run id'; Arguments = @{ Identifier = 'bad id'; DomainIdentifier = 'dzd_abc123' }; Expected = '*Identifier*' }
            @{ Name = 'run id length'; Arguments = @{ Identifier = 'r' * 37; DomainIdentifier = 'dzd_abc123' }; Expected = '*Identifier*' }
        ) {
            $null = Stop-DataZoneMetadataGenerationRun @Arguments @aws -ErrorVariable errs -ErrorAction SilentlyContinue

            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidIdentifier,*'
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $errs[0].Exception.Message | Should -BeLike $Expected
            @(Get-EmulatorRequests).Count | Should -Be 0
        }
    }
}
