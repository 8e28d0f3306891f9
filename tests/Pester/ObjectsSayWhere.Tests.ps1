#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Objects say where they live: every listed and cancelled object carries Region (the region its request was signed
# for), TwinMaker jobs their workspace; the tables stay as narrow as before. Times keep their zone in Format-List,
# Export-Csv and ConvertTo-Json whatever the culture, and Format-List shows identifiers and Status first.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-BuiltModule
    $null = Start-TestEmulator
    $aws = New-AwsSplat
    $aws.Region = 'eu-west-1'
    $seed = @{
        twinMaker = @(
            @{ id = 'tm-1'; workspaceId = 'ws-a'; state = 'RUNNING' }
            @{ id = 'tm-2'; workspaceId = 'ws-b'; state = 'RUNNING' })
        iot       = @(@{ jobId = 'fw-7'; thingName = 'sensor-1'; status = 'QUEUED' })
        dms       = @(@{ migrationProject = 'proj-1'; requestIdentifier = 'req-1'; status = 'IN_PROGRESS' })
        dataZone  = @(@{ domainId = 'dzd_sales01'; id = 'run-1'; status = 'IN_PROGRESS' })
    }
    $reads = @{
        TwinMaker = { Get-TwinMakerTransferJob -WorkspaceId ws-a @aws }
        IoT       = { Get-IoTJobExecution fw-7 @aws }
        Dms       = { Get-DmsMetadataModelConversion proj-1 @aws }
        DataZone  = { Get-DataZoneMetadataGenerationRun dzd_sales01 @aws }
    }
    $cancels = @{
        TwinMaker = 'Stop-TwinMakerTransferJob'
        IoT       = 'Stop-IoTJobExecution'
        Dms       = 'Stop-DmsMetadataModelConversion'
        DataZone  = 'Stop-DataZoneMetadataGenerationRun'
    }
}

AfterAll {
    Stop-TestEmulator
}

Describe 'Region and workspace on every object' {
    BeforeEach {
        Reset-Emulator
        Add-EmulatorSeed $seed
    }

    It '<_>: the listed object and the cancellation carry the region they were signed for' -ForEach 'TwinMaker', 'IoT', 'Dms', 'DataZone' {
        $listed = @(& $reads[$_])
        $listed.Count | Should -Be 1
        $listed[0].Region | Should -Be 'eu-west-1'
        $result = $listed | & $cancels[$_] -Force
        $result.Region | Should -Be 'eu-west-1'
        (Get-EmulatorRequests)[-1].headers.Authorization | Should -BeLike '*/eu-west-1/*'
    }

    It 'TwinMaker jobs listed over several workspaces say which workspace each is in; a job read by id too' {
        $listed = 'ws-a', 'ws-b' | ForEach-Object { Get-TwinMakerTransferJob -WorkspaceId $_ @aws }

        ($listed | ForEach-Object { "$($_.MetadataTransferJobId)@$($_.WorkspaceId)" }) | Should -Be @('tm-1@ws-a', 'tm-2@ws-b')
        (Get-TwinMakerTransferJob tm-2 @aws).WorkspaceId | Should -Be 'ws-b'
    }

    It 'the tables are as narrow as before (no Region or WorkspaceId column)' {
        $table = Get-TwinMakerTransferJob -WorkspaceId ws-a @aws | Format-Table | Out-String -Width 200
        $header = ($table -split "`n" | Where-Object { $_ -match 'MetadataTransferJobId' } | Select-Object -First 1).Trim()
        $header -split '\s+' | Should -Be @('MetadataTransferJobId', 'Status', 'TotalCount', 'SucceededCount', 'FailedCount', 'UpdateDateTime')
        $iot = Get-IoTJobExecution fw-7 @aws | Format-Table | Out-String -Width 200
        ($iot -split "`n" | Where-Object { $_ -match '^JobId' }).Trim() -split '\s+' | Should -Be @('JobId', 'ThingName', 'Status', 'ExecutionNumber', 'LastUpdatedAt')
    }
}

Describe 'Times keep their zone; lists show identifiers and Status first' {
    BeforeAll {
        Reset-Emulator
        Add-EmulatorSeed $seed
        $culture = [cultureinfo]::CurrentCulture
        [cultureinfo]::CurrentCulture = 'de-DE'
        $listed = Get-IoTJobExecution fw-7 @aws
        $result = $listed | Stop-IoTJobExecution -Force
    }
    AfterAll {
        [cultureinfo]::CurrentCulture = $culture
    }

    It 'Export-Csv writes the offset with every time' {
        $row = $result | ConvertTo-Csv | ConvertFrom-Csv
        $row.RequestTime | Should -Match '\+00:00$'
        ($listed | ConvertTo-Csv | ConvertFrom-Csv).LastUpdatedAt | Should -Match '\+00:00$'
    }

    It 'ConvertTo-Json writes ISO 8601 with the offset' {
        ($result | ConvertTo-Json -Compress) | Should -Match '"RequestTime":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00"'
    }

    It 'Format-List shows identifiers, then Status, then Region; times as UTC with their zone' {
        $lines = @(($result | Format-List | Out-String) -split "`n" | Where-Object { $_.Trim() })
        ($lines[0..3] | ForEach-Object { ($_ -split ':')[0].Trim() }) | Should -Be @('JobId', 'ThingName', 'Status', 'AlreadyCancelled')
        ($lines | Where-Object { $_ -like 'RequestTime*' }) | Should -Match 'RequestTime\s+: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ'
        $listedLines = @(($listed | Format-List | Out-String) -split "`n" | Where-Object { $_.Trim() })
        ($listedLines[0..3] | ForEach-Object { ($_ -split ':')[0].Trim() }) | Should -Be @('JobId', 'ThingName', 'Status', 'Region')
    }
}
