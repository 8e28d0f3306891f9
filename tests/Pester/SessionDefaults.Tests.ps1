#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# AWS Tools for PowerShell's session defaults: Set-DefaultAWSRegion keeps a region name in $StoredAWSRegion and
# Set-AWSCredential keeps an AWSPSCredentials wrapper (its AWSCredentials in a non-public property) in
# $StoredAWSCredentials. They apply after the command's parameters and a piped object's connection, and before the
# environment and the shared files, as in AWS Tools. Run in a fresh pwsh: the stand-in loads an AWSSDK.Core of its own
# (as AWS Tools does) into the default load context, which must not leak into the rest of the suite.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $url = Start-TestEmulator
    Reset-Emulator
    Add-EmulatorSeed @{ iot = @(
            @{ jobId = 'fw-7'; thingName = 'sensor-1'; status = 'QUEUED' }
            @{ jobId = 'fw-7'; thingName = 'sensor-2'; status = 'QUEUED' }
            @{ jobId = 'fw-7'; thingName = 'sensor-3'; status = 'QUEUED' }) }
    $root = Get-RepoRoot
    $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$root/out/CancelJobs/CancelJobs.psd1'
Add-Type -Path '$root/out/CancelJobs/dependencies/AWSSDK.Core.dll'
# A stand-in for AWS Tools' wrapper: same namespace and name, credentials in an internal property.
Add-Type -IgnoreWarnings -WarningAction SilentlyContinue -ReferencedAssemblies ([Amazon.Runtime.AWSCredentials].Assembly.Location), netstandard -TypeDefinition @'
namespace Amazon.PowerShell.Common {
  public class AWSPSCredentials {
    public AWSPSCredentials(Amazon.Runtime.AWSCredentials credentials, string name) { Credentials = credentials; Name = name; }
    internal Amazon.Runtime.AWSCredentials Credentials { get; private set; }
    internal string Name { get; private set; }
    public override string ToString() { return Name; }
  }
}
'@
function Stored([string] `$key) { [Amazon.PowerShell.Common.AWSPSCredentials]::new([Amazon.Runtime.BasicAWSCredentials]::new(`$key, 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'), 'default') }
function Scope { (Invoke-RestMethod '$url/_emulator/requests' | ForEach-Object { `$_ } | Select-Object -Last 1).headers.Authorization -replace '^.*Credential=([^/]+)/[^/]+/([^/]+)/.*$', '`$1 `$2' }
`$out = [ordered]@{}

`$StoredAWSRegion = 'eu-west-1'
`$StoredAWSCredentials = Stored 'AKIDEXAMPLE'
`$all = @(Get-IoTJobExecution -JobId fw-7 -ThingName sensor-1 -EndpointUrl '$url' -Verbose 4>&1)
`$verbose = `$all | Where-Object { `$_ -is [System.Management.Automation.VerboseRecord] } | Select-Object -First 1
`$out.Verbose = "`$verbose"
`$out.BothStored = Scope

Get-IoTJobExecution -JobId fw-7 -ThingName sensor-1 -EndpointUrl '$url' -Region ap-southeast-2 | Out-Null
`$out.RegionParameterWins = Scope

`$StoredAWSCredentials = Stored 'AKIDSTOREDNOTKNOWN'
Get-IoTJobExecution -JobId fw-7 -ThingName sensor-1 -EndpointUrl '$url' -AccessKey AKIDEXAMPLE -SecretKey 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' | Out-Null
`$out.KeyParametersWin = Scope
try { Get-IoTJobExecution -JobId fw-7 -ThingName sensor-1 -EndpointUrl '$url' | Out-Null; `$out.StoredKeyRejected = 'no error' }
catch { `$out.StoredKeyRejected = `$_.FullyQualifiedErrorId.Split(',')[0] + ' ' + `$_.Exception.Message }

# A piped record goes where it was listed, whatever the session default says.
`$StoredAWSCredentials = Stored 'AKIDEXAMPLE'
`$listed = @(Get-IoTJobExecution -JobId fw-7 -ThingName sensor-2 -EndpointUrl '$url' -Region us-west-2)
`$StoredAWSRegion = 'eu-west-1'
`$listed | Stop-IoTJobExecution -Force | Out-Null
`$out.PipedRecordWins = Scope

# Non-strings in `$StoredAWSRegion are ignored, as AWS Tools ignores them: the environment's region applies.
`$StoredAWSRegion = 42
Get-IoTJobExecution -JobId fw-7 -ThingName sensor-3 -EndpointUrl '$url' | Out-Null
`$out.NonStringRegionIgnored = Scope
`$out | ConvertTo-Json -Compress
"@
    $run = Invoke-FreshPwsh $script -Environment @{ AWS_REGION = 'ca-central-1'; AWS_ACCESS_KEY_ID = 'AKIDFROMENVIRONMENT'; AWS_SECRET_ACCESS_KEY = 'not-used'; AWS_PROFILE = $null }
    $json = ($run.Output -split "`n" | Where-Object { $_ -like '{*' } | Select-Object -Last 1)
    if (-not $json) { throw "The child pwsh wrote no result. Exit $($run.ExitCode). Output: $($run.Output) Errors: $($run.Errors)" }
    $result = $json | ConvertFrom-Json
}

AfterAll {
    Stop-TestEmulator
}

Describe 'AWS Tools session defaults ($StoredAWSRegion, $StoredAWSCredentials)' {
    It 'both are used over the environment (AWS_REGION, AWS_ACCESS_KEY_ID), and -Verbose names them as the source' {
        $result.BothStored | Should -Be 'AKIDEXAMPLE eu-west-1'
        $result.Verbose | Should -BeLike '*region eu-west-1 (from $StoredAWSRegion)*'
        $result.Verbose | Should -BeLike '*credentials: a credentials object (from $StoredAWSCredentials)*'
    }

    It '-Region wins over $StoredAWSRegion' {
        $result.RegionParameterWins | Should -Be 'AKIDEXAMPLE ap-southeast-2'
    }

    It '-AccessKey/-SecretKey win over $StoredAWSCredentials; without them the stored key signs (and is refused by name)' {
        $result.KeyParametersWin | Should -Be 'AKIDEXAMPLE eu-west-1'
        $result.StoredKeyRejected | Should -BeLike 'AuthenticationFailed *AKIDSTOREDNOTKNOWN*'
    }

    It 'a piped record keeps the region it was listed in' {
        $result.PipedRecordWins | Should -Be 'AKIDEXAMPLE us-west-2'
    }

    It 'a $StoredAWSRegion that is not a string is ignored (AWS_REGION applies)' {
        $result.NonStringRegionIgnored | Should -Be 'AKIDEXAMPLE ca-central-1'
    }
}
