#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Installing the module the way users do: publish the built module to a local PSResourceGet repository, install it
# into a clean user scope (a temporary HOME, so nothing of this machine's modules or repositories is seen or touched),
# then import it by name in a fresh pwsh, cancel against the emulator and read its full help.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $repoRoot = Get-RepoRoot
    $builtModule = Join-Path $repoRoot 'out/CancelJobs'
    $version = (Import-PowerShellDataFile (Join-Path $repoRoot 'CancelJobs.psd1')).ModuleVersion
    $null = Start-TestEmulator

    $scratch = Join-Path ([System.IO.Path]::GetTempPath()) "canceljobs-install-$([guid]::NewGuid().ToString('N'))"
    $repository = Join-Path $scratch 'repository'
    $null = New-Item -ItemType Directory -Path $repository -Force
    # A fresh user: PowerShell's user module path, PSResourceGet's repository list and caches all live under these.
    $isolated = @{
        HOME            = Join-Path $scratch 'home'
        XDG_DATA_HOME   = Join-Path $scratch 'home/.local/share'
        XDG_CONFIG_HOME = Join-Path $scratch 'home/.config'
        XDG_CACHE_HOME  = Join-Path $scratch 'home/.cache'
        PSModulePath    = $null
    }
    if ($IsWindows) {
        $isolated.USERPROFILE = $isolated.HOME
        $isolated.LOCALAPPDATA = Join-Path $scratch 'home/AppData/Local'
        $isolated.APPDATA = Join-Path $scratch 'home/AppData/Roaming'
    }
    # .NET names a special folder only when it exists; PSResourceGet would otherwise keep its repository list in a
    # relative path under the current directory.
    foreach ($folder in $isolated.Values) {
        if ($folder) { $null = New-Item -ItemType Directory -Path $folder -Force }
    }

    $install = Invoke-FreshPwsh -Environment $isolated -Script @"
`$ErrorActionPreference = 'Stop'
if (Get-PSResourceRepository -Name CancelJobsLocal -ErrorAction SilentlyContinue) { throw 'The user scope is not clean: CancelJobsLocal is already registered.' }
Register-PSResourceRepository -Name CancelJobsLocal -Uri '$repository' -Trusted
Publish-PSResource -Path '$builtModule' -Repository CancelJobsLocal
Install-PSResource -Name CancelJobs -Repository CancelJobsLocal -Scope CurrentUser -TrustRepository
`$installed = Get-InstalledPSResource -Name CancelJobs
"installed: `$(`$installed.Version) at `$(`$installed.InstalledLocation)"
"@
}

AfterAll {
    Stop-TestEmulator
    if ($scratch -and (Test-Path $scratch)) { Remove-Item -Path $scratch -Recurse -Force }
}

Describe 'build.ps1 -Task Package' {
    It 'writes a .nupkg with the module, its help under en-US/ and the license' {
        $run = Invoke-FreshPwsh -Script "& '$(Join-Path $repoRoot 'build.ps1')' -Task Package"
        $run.ExitCode | Should -Be 0 -Because "$($run.Output)`n$($run.Errors)"

        $package = Get-Item -Path (Join-Path $repoRoot "out/packages/CancelJobs.$version.nupkg")
        $run.Output | Should -Match ([regex]::Escape("Packaged $($package.FullName)"))
        $zip = [System.IO.Compression.ZipFile]::OpenRead($package.FullName)
        try {
            $entries = @($zip.Entries.FullName)
            $manifest = [System.IO.StreamReader]::new($zip.GetEntry('CancelJobs.psd1').Open()).ReadToEnd()
        }
        finally {
            $zip.Dispose()
        }
        $entries | Should -Contain 'LICENSE'
        $entries | Should -Contain 'en-US/CancelJobs.dll-Help.xml'
        $entries | Should -Contain 'en-US/about_CancelJobs.help.txt'
        $entries | Should -Contain 'CancelJobs.dll'
        $entries | Should -Contain 'CancelJobs.Loader.dll'
        $entries | Should -Contain 'dependencies/CancelJobs.Engine.dll'
        $manifest | Should -Not -Match 'example\.invalid|out/CancelJobs/CancelJobs|  has these'
        $manifest | Should -Match "RootModule\s*=\s*'CancelJobs.dll'"
        $manifest | Should -Match 'ReleaseNotes'
    }
}

Describe 'Install-PSResource from a local repository' {
    It 'publishes a package with the license and installs it into the clean user scope' {
        $install.ExitCode | Should -Be 0 -Because "$($install.Output)`n$($install.Errors)"
        $install.Output | Should -Match "installed: $([regex]::Escape($version)) at $([regex]::Escape($isolated.HOME))"

        $package = Get-Item -Path (Join-Path $repository "CancelJobs.$version.nupkg")
        $zip = [System.IO.Compression.ZipFile]::OpenRead($package.FullName)
        try {
            $entries = @($zip.Entries.FullName)
        }
        finally {
            $zip.Dispose()
        }
        $entries | Should -Contain 'LICENSE'
        $entries | Should -Contain 'en-US/CancelJobs.dll-Help.xml'
        $entries | Should -Contain 'CancelJobs.psd1'
    }

    It 'imports by name in a fresh pwsh, cancels against the emulator and shows the full help' {
        $aws = New-AwsSplat
        Reset-Emulator
        Add-EmulatorSeed @{ iot = @(@{ jobId = 'fw-7'; thingName = 'sensor-1'; status = 'QUEUED' }) }

        $run = Invoke-FreshPwsh -Environment $isolated -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module CancelJobs
"base: `$((Get-Module CancelJobs).ModuleBase)"
`$aws = @{ EndpointUrl = '$($aws.EndpointUrl)'; Region = '$($aws.Region)'; AccessKey = '$($aws.AccessKey)'; SecretKey = '$($aws.SecretKey)' }
`$result = 'sensor-1' | Stop-IoTJobExecution -JobId fw-7 @aws
"cancelled: `$(`$result.ThingName) `$(`$result.Status)"
Get-Help Stop-IoTJobExecution -Full | Out-String -Width 200
"@

        $run.ExitCode | Should -Be 0 -Because "$($run.Output)`n$($run.Errors)"
        $run.Output | Should -Match "base: $([regex]::Escape($isolated.HOME)).*CancelJobs"
        $run.Output | Should -Match 'cancelled: sensor-1 CANCELED'
        (Get-EmulatorJobs).iot[0].status | Should -Be 'CANCELED'
        # The MAML help from en-US/: synopsis, description, parameters with their text, examples.
        $run.Output | Should -Match 'SYNOPSIS\s+\S'
        $run.Output | Should -Match 'DESCRIPTION\s+\S'
        $run.Output | Should -Match '-CancelInProgress'
        $run.Output | Should -Match 'EXAMPLE 1'
        $run.Output | Should -Not -Match '-InputObject'
    }
}
