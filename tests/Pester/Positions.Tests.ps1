#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Positions: the same within each Get/Stop pair, the container before the job, and AWS Tools' positional parameter
# where AWS Tools has one for the same operation (Stop-IOTJobExecution: JobId; Get-DMSMetadataModelConversion:
# MigrationProjectIdentifier; Stop-/Get-IOTTMMetadataTransferJob: MetadataTransferJobId). A value in a position it
# cannot mean says so instead of returning nothing.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-BuiltModule
    $null = Start-TestEmulator
    $aws = New-AwsSplat
    $seed = @{
        twinMaker = @(@{ id = 'mtj-assembly-line-01'; workspaceId = 'assembly-line'; state = 'RUNNING' })
        iot       = @(@{ jobId = 'fw-7'; thingName = 'sensor-1'; status = 'QUEUED' })
        dms       = @(@{ migrationProject = 'legacy-oracle-to-aurora'; requestIdentifier = 'conv-hr-schema'; status = 'IN_PROGRESS' })
        dataZone  = @(@{ domainId = 'dzd_sales01'; id = 'run-1'; status = 'IN_PROGRESS' })
    }

    function Get-Positions([string] $Command, [string] $ParameterSet) {
        $sets = (Get-Command $Command).ParameterSets | Where-Object { -not $ParameterSet -or $_.Name -eq $ParameterSet }
        @($sets[0].Parameters | Where-Object Position -ge 0 | Sort-Object Position | ForEach-Object Name)
    }
}

AfterAll {
    Stop-TestEmulator
}

Describe 'Positional parameters' {
    It 'each Get/Stop pair takes the container first, then the job' {
        Get-Positions Stop-IoTJobExecution | Should -Be @('JobId', 'ThingName')
        Get-Positions Get-IoTJobExecution Describe | Should -Be @('JobId', 'ThingName')
        Get-Positions Stop-DmsMetadataModelConversion | Should -Be @('MigrationProjectIdentifier', 'RequestIdentifier')
        Get-Positions Get-DmsMetadataModelConversion | Should -Be @('MigrationProjectIdentifier', 'RequestIdentifier')
        Get-Positions Stop-DataZoneMetadataGenerationRun | Should -Be @('DomainIdentifier', 'Identifier')
        Get-Positions Get-DataZoneMetadataGenerationRun Get | Should -Be @('DomainIdentifier', 'Identifier')
        Get-Positions Stop-TwinMakerTransferJob | Should -Be @('MetadataTransferJobId')
        Get-Positions Get-TwinMakerTransferJob Get | Should -Be @('MetadataTransferJobId')
        Get-Positions Get-TwinMakerTransferJob List | Should -BeNullOrEmpty
    }
}

Describe 'Positional calls as a user writes them' {
    BeforeEach {
        Reset-Emulator
        Add-EmulatorSeed $seed
    }

    It 'Stop-DmsMetadataModelConversion PROJECT REQUEST cancels that request, as Get-DmsMetadataModelConversion reads it' {
        (Get-DmsMetadataModelConversion legacy-oracle-to-aurora conv-hr-schema @aws).Status | Should -Be 'IN_PROGRESS'
        $result = Stop-DmsMetadataModelConversion legacy-oracle-to-aurora conv-hr-schema -Force @aws

        $result.RequestIdentifier | Should -Be 'conv-hr-schema'
        $body = (Get-EmulatorRequests -Operation CancelMetadataModelConversion)[0].body | ConvertFrom-Json
        $body.MigrationProjectIdentifier | Should -Be 'legacy-oracle-to-aurora'
        $body.RequestIdentifier | Should -Be 'conv-hr-schema'
    }

    It 'Get-TwinMakerTransferJob JOBID gets the job (it is not taken for a workspace)' {
        $job = Get-TwinMakerTransferJob mtj-assembly-line-01 @aws

        $job.MetadataTransferJobId | Should -Be 'mtj-assembly-line-01'
        @(Get-EmulatorRequests -Operation GetMetadataTransferJob).Count | Should -Be 1
        Stop-TwinMakerTransferJob mtj-assembly-line-01 -Force @aws | ForEach-Object MetadataTransferJobId | Should -Be 'mtj-assembly-line-01'
    }

    It 'Stop-IoTJobExecution JOB THING and a piped thing with the job by position' {
        (Stop-IoTJobExecution fw-7 sensor-1 -Force @aws).ThingName | Should -Be 'sensor-1'
        Reset-Emulator
        Add-EmulatorSeed $seed
        ('sensor-1' | Stop-IoTJobExecution fw-7 -Force @aws).JobId | Should -Be 'fw-7'
        (Get-EmulatorRequests -Operation CancelJobExecution)[0].path | Should -Be '/things/sensor-1/jobs/fw-7/cancel'
    }

    It 'Stop-DataZoneMetadataGenerationRun DOMAIN RUN' {
        (Stop-DataZoneMetadataGenerationRun dzd_sales01 run-1 -Force @aws).Identifier | Should -Be 'run-1'
    }

    It 'a job id given as -WorkspaceId says there is no such workspace; a workspace with nothing to list writes nothing' {
        $failure = $null
        $null = Get-TwinMakerTransferJob -WorkspaceId mtj-assembly-line-01 @aws -ErrorVariable failure -ErrorAction SilentlyContinue

        $failure[0].FullyQualifiedErrorId | Should -BeLike 'JobNotFound,*'
        $failure[0].Exception.Message | Should -BeLike 'TwinMaker workspace mtj-assembly-line-01 was not found*-MetadataTransferJobId*'
        $quiet = $null
        @(Get-TwinMakerTransferJob -WorkspaceId assembly-line -State COMPLETED @aws -ErrorVariable quiet).Count | Should -Be 0
        $quiet | Should -BeNullOrEmpty
    }

    It 'a thing name where the job goes says the job was not found' {
        $failure = $null
        $null = Get-IoTJobExecution sensor-1 @aws -ErrorVariable failure -ErrorAction SilentlyContinue

        $failure[0].FullyQualifiedErrorId | Should -BeLike 'JobNotFound,*'
        $failure[0].Exception.Message | Should -BeLike '*job sensor-1 was not found*'
    }

    It 'a run id where the domain goes is refused, naming -DomainIdentifier, and nothing is sent' {
        $failure = $null
        $null = Stop-DataZoneMetadataGenerationRun run-1 dzd_sales01 -Force @aws -ErrorVariable failure -ErrorAction SilentlyContinue

        $failure[0].FullyQualifiedErrorId | Should -BeLike 'InvalidIdentifier,*'
        $failure[0].Exception.Message | Should -BeLike '*DomainIdentifier*'
        @(Get-EmulatorRequests).Count | Should -Be 0
    }
}
