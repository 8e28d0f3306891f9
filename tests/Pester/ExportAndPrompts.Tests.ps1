#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Results exported for a change ticket show the job and its audit trail, not the connection they carry; a session that
# cannot prompt is told to add -Force instead of getting PowerShell's generic non-interactive error.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-BuiltModule
    $null = Start-TestEmulator
    $aws = New-AwsSplat
    $seed = @{
        iot = @(
            @{ jobId = 'fw-7'; thingName = 'sensor-1'; status = 'QUEUED' }
            @{ jobId = 'fw-7'; thingName = 'sensor-3'; status = 'IN_PROGRESS' })
    }
}

AfterAll {
    Stop-TestEmulator
}

Describe 'Exported results' {
    BeforeEach {
        Reset-Emulator
        Add-EmulatorSeed $seed
    }

    It 'Export-Csv and ConvertTo-Json show the job, the request id and the attempts, but no Connection' {
        $listed = Get-IoTJobExecution -JobId fw-7 -ThingName sensor-1 @aws
        # No @aws on Stop: the connection still travels with the listed object.
        $results = $listed | Stop-IoTJobExecution
        $results.Status | Should -Be 'CANCELED'

        $csv = $results | ConvertTo-Csv
        $json = $results | ConvertTo-Json | ConvertFrom-Json
        $listedJson = $listed | ConvertTo-Json | ConvertFrom-Json

        $csv[0] | Should -Not -Match 'Connection'
        $csv[0] | Should -Match '"ServiceRequestId"'
        $json.PSObject.Properties.Name | Should -Not -Contain 'Connection'
        $listedJson.PSObject.Properties.Name | Should -Not -Contain 'Connection'
        $json.ServiceRequestId | Should -Be (Get-EmulatorRequests -Operation CancelJobExecution)[0].requestId
        $json.Attempts | Should -Be 1
    }
}

Describe 'Prompts in a session that cannot answer' {
    BeforeEach {
        Reset-Emulator
        Add-EmulatorSeed $seed
    }

    It '-CancelInProgress without -Force says to add -Force and sends nothing' {
        # A runspace without a user interface, as a runbook or `pwsh -NonInteractive` has.
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript("Import-Module '$(Join-Path (Get-RepoRoot) 'out/CancelJobs/CancelJobs.psd1')'; `$a = `$args[0]; Stop-IoTJobExecution fw-7 sensor-3 -CancelInProgress @a").AddArgument($aws)
            $null = $shell.Invoke()
            $failure = @($shell.Streams.Error)[0]
            $failure.FullyQualifiedErrorId | Should -BeLike 'ConfirmationRequired,*'
            $failure.Exception.Message | Should -BeLike '*Add -Force*'
        }
        finally {
            $shell.Dispose()
        }
        @(Get-EmulatorRequests).Count | Should -Be 0
    }

    It '-CancelInProgress in a pwsh whose input is closed (cron, CI) says to add -Force and sends nothing' {
        $manifest = Join-Path (Get-RepoRoot) 'out/CancelJobs/CancelJobs.psd1'
        $script = "Import-Module '$manifest'; try { " +
            "Stop-IoTJobExecution fw-7 sensor-3 -CancelInProgress -EndpointUrl '$($aws.EndpointUrl)' -Region us-east-1 -AccessKey AKIDEXAMPLE -SecretKey x " +
            "} catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message }"
        $child = Invoke-FreshPwsh $script -ClosedStdin

        $child.Output | Should -BeLike '*ConfirmationRequired,*'
        $child.Output | Should -BeLike '*Add -Force*'
        $child.Output + $child.Errors | Should -Not -BeLike '*NullReference*'
        @(Get-EmulatorRequests).Count | Should -Be 0
    }
}
