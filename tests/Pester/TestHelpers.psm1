#Requires -Version 7.0
<#
    Shared plumbing for the CancelJobs Pester suite: starts the local emulator as a child process, imports the
    built module and talks to the emulator's control API (/_emulator/).

    Run the suite with `dotnet pwsh ./build.ps1 -Task Test` (builds first, restores Pester from NuGet). By hand, after
    `dotnet build CancelJobs.Tests.slnf -c Release`: Invoke-Pester tests/Pester. The module is imported from
    out/CancelJobs/ and the emulator runs from src/CancelJobs.Emulator/bin/<configuration>/ ($env:CANCELJOBS_CONFIGURATION,
    else the newest build).
#>

Set-StrictMode -Version 3.0

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$script:EmulatorProcess = $null
$script:EmulatorUrl = $null

# The AWS documentation's example key pair, which the emulator trusts by default.
$script:AccessKey = 'AKIDEXAMPLE'
$script:SecretKey = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'

function Get-RepoRoot {
    [CmdletBinding()]
    [OutputType([string])]
    param()
    $script:RepoRoot
}

function Import-BuiltModule {
    <# Imports out/CancelJobs/CancelJobs.psd1 once per session (a binary module cannot be unloaded, so no -Force). #>
    [CmdletBinding()]
    param()
    $manifest = Join-Path $script:RepoRoot 'out/CancelJobs/CancelJobs.psd1'
    if (-not (Test-Path $manifest)) {
        throw "The built module was not found at $manifest. Run ./build.ps1 (or dotnet build src/CancelJobs) first."
    }
    if (-not (Get-Module -Name CancelJobs)) {
        Import-Module $manifest -ErrorAction Stop -Global
    }
}

function Get-EmulatorAssembly {
    <# The built emulator: $env:CANCELJOBS_CONFIGURATION's build, else the newest of Release and Debug. #>
    [CmdletBinding()]
    [OutputType([string])]
    param()
    $configurations = if ($env:CANCELJOBS_CONFIGURATION) { @($env:CANCELJOBS_CONFIGURATION) } else { @('Release', 'Debug') }
    $built = $configurations |
        ForEach-Object { Get-Item -Path (Join-Path $script:RepoRoot "src/CancelJobs.Emulator/bin/$_/net10.0/CancelJobs.Emulator.dll") -ErrorAction SilentlyContinue } |
        Sort-Object -Property LastWriteTimeUtc -Descending |
        Select-Object -First 1
    if (-not $built) {
        throw "The emulator is not built ($($configurations -join ' or ')). Run: dotnet build src/CancelJobs.Emulator -c $($configurations[0])"
    }
    $built.FullName
}

function Start-TestEmulator {
    <#
        Starts the built emulator (`dotnet CancelJobs.Emulator.dll --urls http://127.0.0.1:0`) and returns the URL it
        prints as its first line of standard output.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [int] $TimeoutSeconds = 120,
        # More emulator arguments, e.g. '--regions', 'eu-west-1,us-east-1' (regions of their own; control calls take ?region=).
        [string[]] $Arguments = @()
    )
    if ($script:EmulatorProcess -and -not $script:EmulatorProcess.HasExited) {
        return $script:EmulatorUrl
    }

    $startInfo = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in @((Get-EmulatorAssembly), '--urls', 'http://127.0.0.1:0') + $Arguments) {
        $startInfo.ArgumentList.Add($argument)
    }
    $startInfo.UseShellExecute = $false
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $false
    $startInfo.WorkingDirectory = $script:RepoRoot

    $process = [System.Diagnostics.Process]::Start($startInfo)
    # The emulator's first line is its URL; tolerate anything printed before it.
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    $url = $null
    $seen = [System.Collections.Generic.List[string]]::new()
    while (-not $url) {
        $left = $deadline - [DateTime]::UtcNow
        $next = $process.StandardOutput.ReadLineAsync()
        if ($left -le [TimeSpan]::Zero -or -not $next.Wait($left)) {
            $process.Kill($true)
            throw "The emulator did not print its URL within $TimeoutSeconds s. Output: $($seen -join ' | ')"
        }
        $line = $next.Result
        if ($null -eq $line) {
            throw "The emulator exited (code $($process.ExitCode)) before printing its URL. Output: $($seen -join ' | ')"
        }
        if ($line.Trim() -match '^https?://\S+$') {
            $url = $line.Trim()
        }
        else {
            $seen.Add($line)
        }
    }

    $script:EmulatorProcess = $process
    $script:EmulatorUrl = $url.TrimEnd('/')
    $script:EmulatorUrl
}

function Stop-TestEmulator {
    <# Stops the emulator started by Start-TestEmulator. #>
    [CmdletBinding()]
    param()
    if ($script:EmulatorProcess) {
        if (-not $script:EmulatorProcess.HasExited) {
            $script:EmulatorProcess.Kill($true)
            $null = $script:EmulatorProcess.WaitForExit(10000)
        }
        $script:EmulatorProcess.Dispose()
    }
    $script:EmulatorProcess = $null
    $script:EmulatorUrl = $null
}

function Get-EmulatorUrl {
    [CmdletBinding()]
    [OutputType([string])]
    param()
    if (-not $script:EmulatorUrl) { throw 'The emulator is not running; call Start-TestEmulator in BeforeAll.' }
    $script:EmulatorUrl
}

function New-AwsSplat {
    <# The connection parameters every Stop-* call splats: @aws. #>
    [CmdletBinding()]
    [OutputType([hashtable])]
    param()
    @{
        EndpointUrl = Get-EmulatorUrl
        Region      = 'us-east-1'
        AccessKey   = $script:AccessKey
        SecretKey   = $script:SecretKey
    }
}

function Invoke-EmulatorControl {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [ValidateSet('GET', 'POST', 'PUT', 'DELETE')] [string] $Method,
        [Parameter(Mandatory)] [string] $Resource,
        [string] $Body
    )
    $arguments = @{
        Method      = $Method
        Uri         = '{0}/_emulator/{1}' -f (Get-EmulatorUrl), $Resource
        ContentType = 'application/json'
    }
    if ($PSBoundParameters.ContainsKey('Body')) { $arguments.Body = $Body }
    # Pipe through ForEach-Object so a JSON array comes out as its elements whatever Invoke-RestMethod does with it.
    Invoke-RestMethod @arguments | ForEach-Object { $_ }
}

function Reset-Emulator {
    <# Forgets every job and the request log (settings and faults are kept). #>
    [CmdletBinding()]
    param()
    $null = Invoke-EmulatorControl -Method POST -Resource 'reset'
}

function Add-EmulatorSeed {
    <#
        Seeds jobs. -Seed is a hashtable or a JSON string in the emulator's seed form:
        @{ twinMaker = @(@{ id = 'tm-1'; state = 'RUNNING' }); iot = @(@{ jobId = 'fw-7'; thingName = 'sensor-1'; status = 'QUEUED' })
           dms = @(@{ migrationProject = 'proj-1'; requestIdentifier = 'req-1'; status = 'IN_PROGRESS' })
           dataZone = @(@{ domainId = 'dzd_abc123'; id = 'run-1'; status = 'IN_PROGRESS' }) }
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [object] $Seed
    )
    $json = if ($Seed -is [string]) { $Seed } else { $Seed | ConvertTo-Json -Depth 10 -Compress }
    $null = Invoke-EmulatorControl -Method POST -Resource 'seed' -Body $json
}

function Get-EmulatorJobs {
    <# The emulator's current jobs, as { twinMaker, iot, dms, dataZone } arrays in seed form (states as of now). #>
    [CmdletBinding()]
    param()
    Invoke-EmulatorControl -Method GET -Resource 'jobs'
}

function Get-EmulatorRequests {
    <# The AWS requests the emulator received since the last reset (control calls are not logged). #>
    [CmdletBinding()]
    param(
        [string] $Operation
    )
    $requests = @(Invoke-EmulatorControl -Method GET -Resource 'requests')
    if ($Operation) {
        # Members that are null are left out of the log's JSON, so look the property up instead of dotting into it.
        $requests = @($requests | Where-Object { $_.PSObject.Properties['operation'] -and $_.PSObject.Properties['operation'].Value -eq $Operation })
    }
    $requests
}

function Clear-EmulatorRequests {
    [CmdletBinding()]
    param()
    $null = Invoke-EmulatorControl -Method DELETE -Resource 'requests'
}

function Set-EmulatorSetting {
    <# Patches the emulator's settings, e.g. @{ twinMakerCancelDelayMs = 200 }. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [hashtable] $Setting
    )
    $null = Invoke-EmulatorControl -Method PUT -Resource 'settings' -Body ($Setting | ConvertTo-Json -Compress)
}

function Wait-Until {
    <# Polls a condition until it is true or the timeout passes; returns whether it became true. #>
    [CmdletBinding()]
    [OutputType([bool])]
    param(
        [Parameter(Mandatory, Position = 0)] [scriptblock] $Condition,
        [double] $TimeoutSeconds = 10
    )
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ([DateTime]::UtcNow -lt $deadline) {
        if (& $Condition) { return $true }
        Start-Sleep -Milliseconds 100
    }
    [bool](& $Condition)
}

function Invoke-FreshPwsh {
    <#
        Runs a script in a new pwsh process (the same pwsh as this one, $PSHOME) and returns its exit code and output.
        -Environment sets (or, with $null, removes) environment variables of the child only. -ClosedStdin runs it as
        cron or CI would: without -NonInteractive, its standard input at end of file.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [string] $Script,
        [hashtable] $Environment = @{},
        [int] $TimeoutSeconds = 300,
        [switch] $ClosedStdin
    )
    # Under the .NET tool (`dotnet pwsh`) this process is dotnet and $PSHOME holds pwsh.dll.
    $isDotnet = [System.IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet'
    $startInfo = [System.Diagnostics.ProcessStartInfo]::new($(if ($isDotnet) { [Environment]::ProcessPath } else { Join-Path $PSHOME 'pwsh' }))
    if ($isDotnet) { $startInfo.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
    $arguments = if ($ClosedStdin) { '-NoProfile', '-Command', $Script } else { '-NoProfile', '-NonInteractive', '-Command', $Script }
    foreach ($argument in $arguments) { $startInfo.ArgumentList.Add($argument) }
    $startInfo.RedirectStandardInput = [bool] $ClosedStdin
    $startInfo.UseShellExecute = $false
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true
    $startInfo.Environment['NO_COLOR'] = '1'
    foreach ($name in $Environment.Keys) {
        if ($null -eq $Environment[$name]) { $null = $startInfo.Environment.Remove($name) } else { $startInfo.Environment[$name] = $Environment[$name] }
    }
    $process = [System.Diagnostics.Process]::Start($startInfo)
    if ($ClosedStdin) { $process.StandardInput.Close() }
    try {
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
            $process.Kill($true)
            throw "The child pwsh did not finish within $TimeoutSeconds s."
        }
        [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $stdout.Result; Errors = $stderr.Result }
    }
    finally {
        $process.Dispose()
    }
}

Export-ModuleMember -Function Get-RepoRoot, Import-BuiltModule, Invoke-FreshPwsh, Start-TestEmulator, Stop-TestEmulator, Get-EmulatorUrl, New-AwsSplat,
    Invoke-EmulatorControl, Reset-Emulator, Add-EmulatorSeed, Get-EmulatorJobs, Get-EmulatorRequests, Clear-EmulatorRequests,
    Set-EmulatorSetting, Wait-Until
