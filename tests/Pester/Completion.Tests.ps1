#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Tab completion as a user meets it in pwsh: -Region offers the public partition's regions first (no endpoint
# variants such as us-east-1-regional); identifiers complete only jobs that can still be cancelled, in the container typed.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-BuiltModule
    $null = Start-TestEmulator
    $global:aws = New-AwsSplat
    Reset-Emulator
    Add-EmulatorSeed @{
        iot = @(
            @{ jobId = 'fw-7'; thingName = 'sensor-1'; status = 'QUEUED' }
            @{ jobId = 'fw-7'; thingName = 'sensor-2'; status = 'SUCCEEDED' }
            @{ jobId = 'fw-7'; thingName = 'sensor-3'; status = 'CANCELED' }
            @{ jobId = 'fw-7'; thingName = 'sensor-4'; status = 'IN_PROGRESS' }
            @{ jobId = 'fw-8'; thingName = 'sensor-5'; status = 'QUEUED' })
        dms = @(
            @{ migrationProject = 'proj-a'; requestIdentifier = 'req-1'; status = 'IN_PROGRESS' }
            @{ migrationProject = 'proj-a'; requestIdentifier = 'req-2'; status = 'CANCELED' }
            @{ migrationProject = 'proj-b'; requestIdentifier = 'req-3'; status = 'IN_PROGRESS' })
        twinMaker = @(
            @{ id = 'tm-1'; workspaceId = 'factory-twin'; state = 'RUNNING' }
            @{ id = 'tm-2'; workspaceId = 'assembly-line'; state = 'RUNNING' })
        dataZone = @(@{ domainId = 'dzd_sales01'; id = 'run-1'; status = 'IN_PROGRESS' })
    }
    function Complete([string] $Line) { @((TabExpansion2 $Line $Line.Length).CompletionMatches.CompletionText) }
    # The completion runspace imports the module on first use; until then identifiers offer nothing rather than wait.
    $null = Complete 'Stop-IoTJobExecution -Region us-'
    $null = Wait-Until { (Complete 'Stop-IoTJobExecution fw-7 @aws -ThingName ').Count -gt 0 } -TimeoutSeconds 30
}

AfterAll {
    Remove-Variable -Scope Global -Name aws -ErrorAction SilentlyContinue
    Stop-TestEmulator
}

Describe 'Tab completion' {
    It '-Region us- offers the public regions first, and no endpoint variants' {
        $regions = Complete 'Get-IoTJobExecution -Region us-'

        $regions[0..3] | Should -Be @('us-east-1', 'us-east-2', 'us-west-1', 'us-west-2')
        $regions | Should -Not -Contain 'us-east-1-regional'
        [array]::IndexOf($regions, 'us-gov-west-1') | Should -BeGreaterThan 3
    }

    It 'thing names complete only executions that can still be cancelled, of the job typed by position' {
        Complete 'Stop-IoTJobExecution fw-7 @aws -ThingName ' | Should -Be @('sensor-1', 'sensor-4')
        Complete 'Stop-IoTJobExecution fw-8 @aws -ThingName ' | Should -Be @('sensor-5')
    }

    It 'container parameters complete from the service (workspaces, migration projects, domains), not from file names' {
        Complete 'Get-TwinMakerTransferJob @aws -WorkspaceId ' | Should -Be @('factory-twin', 'assembly-line')
        Complete 'Get-TwinMakerTransferJob @aws -WorkspaceId as' | Should -Be @('assembly-line')
        Complete 'Stop-DmsMetadataModelConversion @aws -MigrationProjectIdentifier ' | Should -Be @('proj-a', 'proj-b')
        Complete 'Stop-DataZoneMetadataGenerationRun @aws -DomainIdentifier ' | Should -Be @('dzd_sales01')
        @(Get-EmulatorRequests | ForEach-Object operation | Sort-Object -Unique) | Should -Contain 'ListWorkspaces'
        @(Get-EmulatorRequests -Operation DescribeMigrationProjects).Count | Should -BeGreaterThan 0
        @(Get-EmulatorRequests -Operation ListDomains).Count | Should -BeGreaterThan 0
    }

    It 'request identifiers complete only the typed project''s cancellable requests' {
        Complete 'Stop-DmsMetadataModelConversion proj-a @aws -RequestIdentifier ' | Should -Be @('req-1')
    }
}
