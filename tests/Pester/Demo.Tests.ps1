#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The demo (canceljobs with no arguments) redirected to a file or a CI log: plain text, without ANSI escapes even when
# the environment allows color, and tables as wide as they are instead of wrapped at 80 columns.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $shell = Get-ChildItem (Join-Path (Get-RepoRoot) 'src/CancelJobs.Shell/bin/*/net10.0/CancelJobs.Shell.dll') |
        Sort-Object LastWriteTimeUtc -Descending | Select-Object -First 1
    if (-not $shell) { throw 'The shell is not built: dotnet build CancelJobs.Tests.slnf' }
    $startInfo = [Diagnostics.ProcessStartInfo]::new('dotnet')
    $startInfo.ArgumentList.Add($shell.FullName)
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true
    $startInfo.UseShellExecute = $false
    $null = $startInfo.Environment.Remove('NO_COLOR')
    $startInfo.Environment['TERM'] = 'xterm-256color'
    $process = [Diagnostics.Process]::Start($startInfo)
    $stdout = $process.StandardOutput.ReadToEndAsync()
    $stderr = $process.StandardError.ReadToEndAsync()
    if (-not $process.WaitForExit(300000)) { $process.Kill($true); throw 'The demo did not finish.' }
    $exitCode = $process.ExitCode
    $out = $stdout.Result
    $err = $stderr.Result
    $process.Dispose()
}

Describe 'The demo, redirected' {
    It 'exits 0' {
        $exitCode | Should -Be 0 -Because $err
    }

    It 'writes no ANSI escape sequences' {
        $out + $err | Should -Not -Match "`e"
    }

    It 'keeps every table header on one line (no wrap at 80 columns)' {
        $out | Should -Match 'MetadataTransferJobId\s+Status\s+TotalCount\s+SucceededCount\s+FailedCount\s+UpdateDateTime'
        $out | Should -Match 'MetadataTransferJobId\s+Status\s+Completed\s+UpdateDateTime\s+RequestTime'
        $out | Should -Not -Match '(?m)^\s*teTime'
    }

    It 'still writes the per-item error to stderr, and the results around it to stdout' {
        $err | Should -Match 'mtj-assembly-line-99 was not found'
        $out | Should -Match 'mtj-assembly-line-02\s+CANCELLING'
    }
}
