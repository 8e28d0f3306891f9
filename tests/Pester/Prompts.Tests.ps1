#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# -Confirm -CancelInProgress asks once per item (the confirmation already names the force-cancel and its risk), in a
# real pwsh console host answering from its standard input (the hosted tests answer through a test host instead); a pwsh
# whose standard input is closed, as under cron or CI, is told to add -Force.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-BuiltModule
    $url = Start-TestEmulator
    $aws = New-AwsSplat
    $seed = @{
        iot = @(
            @{ jobId = 'fw-7'; thingName = 'sensor-1'; status = 'IN_PROGRESS' }
            @{ jobId = 'fw-7'; thingName = 'sensor-2'; status = 'QUEUED' })
    }

    # A console pwsh whose prompts read the given answers from standard input; returns what it wrote.
    function Invoke-AnsweringPwsh([string] $Command, [string[]] $Answers) {
        $isDotnet = [IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet'
        $startInfo = [Diagnostics.ProcessStartInfo]::new($(if ($isDotnet) { [Environment]::ProcessPath } else { Join-Path $PSHOME 'pwsh' }))
        if ($isDotnet) { $startInfo.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        $manifest = Join-Path (Get-RepoRoot) 'out/CancelJobs/CancelJobs.psd1'
        foreach ($argument in '-NoProfile', '-Command', "Import-Module '$manifest'; $Command") { $startInfo.ArgumentList.Add($argument) }
        $startInfo.RedirectStandardInput = $true
        $startInfo.RedirectStandardOutput = $true
        $startInfo.RedirectStandardError = $true
        $startInfo.UseShellExecute = $false
        $startInfo.Environment['NO_COLOR'] = '1'
        $process = [Diagnostics.Process]::Start($startInfo)
        try {
            $process.StandardInput.Write(($Answers -join "`n") + "`n")
            $process.StandardInput.Close()
            $stdout = $process.StandardOutput.ReadToEndAsync()
            $stderr = $process.StandardError.ReadToEndAsync()
            if (-not $process.WaitForExit(120000)) { $process.Kill($true); throw 'The child pwsh did not finish.' }
            $stdout.Result + $stderr.Result
        }
        finally { $process.Dispose() }
    }
    $connection = "-EndpointUrl $url -Region us-east-1 -AccessKey AKIDEXAMPLE -SecretKey wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
}

AfterAll {
    Stop-TestEmulator
}

Describe 'One prompt per item with -CancelInProgress' {
    BeforeEach {
        Reset-Emulator
        Add-EmulatorSeed $seed
    }

    It '-Confirm asks once per item, and its question names the force-cancel and the device risk' {
        $text = Invoke-AnsweringPwsh "'sensor-1', 'sensor-2' | Stop-IoTJobExecution -JobId fw-7 -CancelInProgress -Confirm $connection | Format-Table ThingName, Status" -Answers 'y', 'y', 'y', 'y'

        ([regex]::Matches($text, 'Are you sure you want to perform this action\?')).Count | Should -Be 2
        ([regex]::Matches($text, 'force-cancels it if\s+IN_PROGRESS, which may leave the device unable to report')).Count | Should -Be 2
        $text | Should -Not -BeLike '*Cancel an in-progress job execution?*'
        @((Get-EmulatorJobs).iot | Where-Object status -eq 'CANCELED').Count | Should -Be 2
    }

    It '$ConfirmPreference = ''Medium'' asks once per item too' {
        $text = Invoke-AnsweringPwsh "`$ConfirmPreference = 'Medium'; 'sensor-1', 'sensor-2' | Stop-IoTJobExecution -JobId fw-7 -CancelInProgress $connection | Format-Table ThingName, Status" -Answers 'y', 'y', 'y', 'y'

        ([regex]::Matches($text, 'Are you sure you want to perform this action\?')).Count | Should -Be 2
        $text | Should -Not -BeLike '*Cancel an in-progress job execution?*'
    }

    It 'without -Confirm the device question is asked once per item (No spares the item)' {
        $text = Invoke-AnsweringPwsh "'sensor-1', 'sensor-2' | Stop-IoTJobExecution -JobId fw-7 -CancelInProgress $connection | Format-Table ThingName, Status" -Answers 'n', 'y'

        ([regex]::Matches($text, 'Cancel an in-progress job execution\?')).Count | Should -Be 2
        $text | Should -Not -BeLike '*Are you sure you want to perform this action?*'
        ((Get-EmulatorJobs).iot | Where-Object thingName -eq 'sensor-1').status | Should -Be 'IN_PROGRESS'
        ((Get-EmulatorJobs).iot | Where-Object thingName -eq 'sensor-2').status | Should -Be 'CANCELED'
    }
}

Describe 'A pwsh that cannot prompt' {
    BeforeEach {
        Reset-Emulator
        Add-EmulatorSeed $seed
    }

    It '-CancelInProgress in a pwsh whose input is closed (cron, CI) says to add -Force and sends nothing' {
        $manifest = Join-Path (Get-RepoRoot) 'out/CancelJobs/CancelJobs.psd1'
        $script = "Import-Module '$manifest'; try { " +
            "Stop-IoTJobExecution fw-7 sensor-1 -CancelInProgress $connection " +
            "} catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message }"
        $child = Invoke-FreshPwsh $script -ClosedStdin

        $child.Output | Should -BeLike '*ConfirmationRequired,*'
        $child.Output | Should -BeLike '*Add -Force*'
        $child.Output + $child.Errors | Should -Not -BeLike '*NullReference*'
        @(Get-EmulatorRequests).Count | Should -Be 0
        ((Get-EmulatorJobs).iot | Where-Object thingName -eq 'sensor-1').status | Should -Be 'IN_PROGRESS'
    }
}
