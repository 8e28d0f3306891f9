#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Many regions in one pipeline: a firmware rollout is one job id in several regions. The emulator answers as three
# regions (--regions), each with jobs, a request log and faults of its own, picked per request by the region the
# signature is scoped to; a request scoped to any other region is refused, as a regional endpoint refuses it.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-BuiltModule
    $regions = 'eu-west-1', 'us-east-1', 'ap-southeast-2'
    $url = Start-TestEmulator -Arguments '--regions', ($regions -join ',')
    $aws = @{ EndpointUrl = $url; AccessKey = 'AKIDEXAMPLE'; SecretKey = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }

    function Reset-Regions([hashtable] $Faults = @{}) {
        foreach ($region in $regions) {
            $null = Invoke-EmulatorControl -Method POST -Resource "reset?region=$region"
            # The same job id in every region, on that region's things; one execution already SUCCEEDED.
            $things = foreach ($n in 1..3) { @{ jobId = 'fw-7'; thingName = "$region-sensor-$n"; status = 'QUEUED' } }
            $seed = @{ iot = @($things) + @(@{ jobId = 'fw-7'; thingName = "$region-sensor-9"; status = 'SUCCEEDED' }) }
            $null = Invoke-EmulatorControl -Method POST -Resource "seed?region=$region" -Body ($seed | ConvertTo-Json -Depth 5 -Compress)
            $fault = if ($Faults[$region]) { $Faults[$region] } else { @{} }
            $null = Invoke-EmulatorControl -Method PUT -Resource "faults?region=$region" -Body ($fault | ConvertTo-Json -Compress)
        }
    }
    function Get-RegionRequests([string] $Region, [string] $Operation) {
        @(Invoke-EmulatorControl -Method GET -Resource "requests?region=$Region") | Where-Object { -not $Operation -or $_.operation -eq $Operation }
    }
    function Get-RegionJobs([string] $Region) { @((Invoke-EmulatorControl -Method GET -Resource "jobs?region=$Region").iot) }
}

AfterAll {
    Stop-TestEmulator
}

Describe 'Get-* with several regions' {
    BeforeEach { Reset-Regions }

    It 'lists every region, each object carrying its region, each request signed for its region' {
        $listed = @(Get-IoTJobExecution -JobId fw-7 -Status QUEUED -Region $regions @aws)

        $listed.Count | Should -Be 9
        foreach ($item in $listed) { $item.ThingName | Should -BeLike "$($item.Region)-sensor-*" }
        ($listed.Region | Sort-Object -Unique) | Should -Be ($regions | Sort-Object)
        foreach ($region in $regions) {
            $requests = @(Get-RegionRequests $region)
            $requests.Count | Should -Be 1
            $requests[0].signature | Should -Be 'Valid'
            $requests[0].headers.Authorization | Should -BeLike "*/$region/iot/aws4_request*"
        }
    }

    It 'lists the regions concurrently: each region''s request arrives before the others are answered' {
        $slow = @{}; foreach ($region in $regions) { $slow[$region] = @{ latencyMs = 1500 } }
        Reset-Regions -Faults $slow

        $null = Get-IoTJobExecution -JobId fw-7 -Region $regions @aws

        $lists = foreach ($region in $regions) { Get-RegionRequests $region 'ListJobExecutionsForJob' }
        $firstAnswer = ($lists | ForEach-Object { [DateTimeOffset] $_.answered } | Sort-Object | Select-Object -First 1)
        foreach ($list in $lists) { [DateTimeOffset] $list.time | Should -BeLessThan $firstAnswer }
    }

    It 'a region the endpoint does not serve is refused by the signature''s scope, and the error says the region is wrong' {
        $failure = $null
        try { $null = Get-IoTJobExecution -JobId fw-7 -Region eu-west-1, eu-central-1 @aws } catch { $failure = $_ }

        $failure.FullyQualifiedErrorId | Should -BeLike 'AuthenticationFailed,*'
        $failure.Exception.Message | Should -BeLike '*does not serve the region*'
    }
}

Describe 'Stop-* routes each object to its region' {
    BeforeEach { Reset-Regions }

    It 'Get-IoTJobExecution -Region a,b,c | Stop-IoTJobExecution cancels in each region, through that region''s client' {
        $results = Get-IoTJobExecution -JobId fw-7 -Status QUEUED -Region $regions @aws | Stop-IoTJobExecution -Force -Verbose 4>&1
        $using = @($results | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and "$_" -like 'Using IoT:*' })
        $results = @($results | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })

        $results.Count | Should -Be 9
        foreach ($result in $results) { $result.ThingName | Should -BeLike "$($result.Region)-sensor-*" }
        $using.Count | Should -Be 3
        foreach ($region in $regions) {
            @(Get-RegionJobs $region | Where-Object status -eq 'CANCELED').Count | Should -Be 3
            $cancels = @(Get-RegionRequests $region 'CancelJobExecution')
            $cancels.Count | Should -Be 3
            $cancels | ForEach-Object { $_.path | Should -BeLike "/things/$region-sensor-*"; $_.signature | Should -Be 'Valid' }
        }
    }

    It 'a region that throttles slows and resends only its own requests; every item is cancelled' {
        # A quota of 1/s with a burst of 1 (not random throttles, which may spare all three): its 3 cancels, sent together,
        # are refused at least twice.
        Reset-Regions -Faults @{ 'eu-west-1' = @{ requestsPerSecond = 1; burst = 1 } }

        $results = @(Get-IoTJobExecution -JobId fw-7 -Status QUEUED -Region $regions @aws | Stop-IoTJobExecution -Force)

        $results.Count | Should -Be 9
        @(Get-RegionRequests 'eu-west-1' 'CancelJobExecution' | Where-Object { $_.PSObject.Properties['errorCode'] -and $_.errorCode -eq 'ThrottlingException' }).Count | Should -BeGreaterThan 0
        @(Get-RegionRequests 'us-east-1' | Where-Object { $_.PSObject.Properties['errorCode'] -and $_.errorCode -eq 'ThrottlingException' }).Count | Should -Be 0
        @(Get-RegionRequests 'ap-southeast-2' | Where-Object { $_.PSObject.Properties['errorCode'] -and $_.errorCode -eq 'ThrottlingException' }).Count | Should -Be 0
        foreach ($region in $regions) { @(Get-RegionJobs $region | Where-Object status -eq 'CANCELED').Count | Should -Be 3 }
    }

    It 'rows exported with their Region go back to that region' {
        $csv = Get-IoTJobExecution -JobId fw-7 -Status QUEUED -Region $regions @aws | ConvertTo-Csv

        $results = @($csv | ConvertFrom-Csv | Stop-IoTJobExecution -Region $regions -Force @aws)

        $results.Count | Should -Be 9
        foreach ($region in $regions) { @(Get-RegionJobs $region | Where-Object status -eq 'CANCELED').Count | Should -Be 3 }
    }

    It 'with several regions, plain identifiers are refused as ambiguous and nothing is sent' {
        $errors = $null
        $results = @('eu-west-1-sensor-1', 'us-east-1-sensor-1' | Stop-IoTJobExecution fw-7 -Region $regions -Force @aws -ErrorVariable errors -ErrorAction SilentlyContinue)

        $results.Count | Should -Be 0
        $errors.Count | Should -Be 2
        $errors | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'AmbiguousRegion,*' }
        foreach ($region in $regions) { @(Get-RegionRequests $region).Count | Should -Be 0 }
    }
}
