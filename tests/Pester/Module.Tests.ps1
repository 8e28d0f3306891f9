#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The module's shape: manifest, exported commands, ShouldProcess support and declared output types.

BeforeDiscovery {
    # Every Stop-* the manifest declares (the hosted ModuleTests check that list against each operation's declaration).
    $manifestPath = Join-Path $PSScriptRoot '../../CancelJobs.psd1'
    $expectedCommands = @((Import-PowerShellDataFile $manifestPath).CmdletsToExport | Where-Object { $_ -like 'Stop-*' } | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-BuiltModule
    $repoRoot = Get-RepoRoot
    $builtManifest = Join-Path $repoRoot 'out/CancelJobs/CancelJobs.psd1'
    $sourceManifest = Join-Path $repoRoot 'CancelJobs.psd1'
    $stopCommands = @((Import-PowerShellDataFile $sourceManifest).CmdletsToExport | Where-Object { $_ -like 'Stop-*' } | Sort-Object)
}

Describe 'CancelJobs module' {
    Context 'manifest' {
        It 'the built manifest passes Test-ModuleManifest' {
            $manifest = Test-ModuleManifest -Path $builtManifest -ErrorAction Stop

            $manifest.Name | Should -Be 'CancelJobs'
            $manifest.Version | Should -Be ([version](Import-PowerShellDataFile $sourceManifest).ModuleVersion)
        }

        It 'the repository-root manifest passes Test-ModuleManifest after a build' {
            { Test-ModuleManifest -Path $sourceManifest -ErrorAction Stop } | Should -Not -Throw
        }

        It 'the built manifest exports no functions, variables or aliases' {
            $data = Import-PowerShellDataFile $builtManifest

            @($data.FunctionsToExport).Count | Should -Be 0
            @($data.VariablesToExport).Count | Should -Be 0
            @($data.AliasesToExport).Count | Should -Be 0
        }
    }

    Context 'exported commands' {
        It 'exports exactly the Stop-* cmdlets the manifest lists' {
            # Get-* cmdlets are added separately; this suite only pins the Stop-* set.
            $exported = @(Get-Command -Module CancelJobs -Verb Stop | Select-Object -ExpandProperty Name | Sort-Object)

            $exported | Should -Be $stopCommands
        }

        It 'exports only cmdlets, exactly those the manifest lists' {
            $listed = @((Import-PowerShellDataFile $builtManifest).CmdletsToExport | Sort-Object)
            $exported = @(Get-Command -Module CancelJobs)

            $exported | ForEach-Object { $_.CommandType | Should -Be 'Cmdlet' }
            @($exported.Name | Sort-Object) | Should -Be $listed
        }
    }

    Context '<Name>' -ForEach $expectedCommands {
        BeforeAll {
            $command = Get-Command -Name $Name -Module CancelJobs -ErrorAction Stop
            $cmdletAttribute = $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true) | Select-Object -First 1
        }

        It 'supports ShouldProcess (-WhatIf and -Confirm)' {
            $cmdletAttribute.SupportsShouldProcess | Should -BeTrue
            $command.Parameters.Keys | Should -Contain 'WhatIf'
            $command.Parameters.Keys | Should -Contain 'Confirm'
        }

        It 'has ConfirmImpact Medium, or High (a cancel that reaches a whole fleet)' {
            # Each command's own impact is pinned by the hosted ConfirmationTests, from the operation's declaration.
            $cmdletAttribute.ConfirmImpact | Should -BeIn @([System.Management.Automation.ConfirmImpact]::Medium, [System.Management.Automation.ConfirmImpact]::High)
        }

        It 'declares one [OutputType], its engine result type' {
            $command.OutputType.Count | Should -Be 1
            $command.OutputType[0].Name | Should -BeLike 'CancelJobs.Engine.*Cancellation'
        }

        It 'takes the common AWS and bulk parameters' {
            foreach ($parameter in 'Region', 'ProfileName', 'ProfileLocation', 'Credential', 'AccessKey', 'SecretKey', 'SessionToken', 'EndpointUrl',
                'Force', 'ThrottleLimit', 'MaxRequestsPerSecond', 'Wait', 'Timeout') {
                $command.Parameters.Keys | Should -Contain $parameter
            }
        }
    }
}
