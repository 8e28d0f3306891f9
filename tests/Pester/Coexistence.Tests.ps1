#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# A session with AWS Tools loaded as well: four command names are the same (PowerShell ignores case), and the module
# imported last wins the bare name. The documented forms — module-qualified names and Import-Module -Prefix — must
# still run CancelJobs' cmdlets. A stand-in module plays AWS Tools: same names, different behaviour, AWS Tools types.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-BuiltModule
    $null = Start-TestEmulator
    $aws = New-AwsSplat
    $seed = @{
        iot = @(
            @{ jobId = 'fw-7'; thingName = 'sensor-1'; status = 'QUEUED' }
            @{ jobId = 'fw-7'; thingName = 'sensor-2'; status = 'QUEUED' })
        dms = @(@{ migrationProject = 'legacy-oracle'; requestIdentifier = 'req-1'; status = 'IN_PROGRESS' })
    }

    # Imported after CancelJobs, like AWS.Tools.IoT auto-loading when a script calls Get-IOTJobExecutionsForJob.
    $standIn = New-Module -Name 'AWS.Tools.StandIn' -ScriptBlock {
        function Stop-IOTJobExecution { [CmdletBinding()] param([Parameter(ValueFromPipeline)] $InputObject, $JobId, [switch] $Force) process { 'AWS Tools stand-in' } }
        function Get-IOTJobExecution { [CmdletBinding()] param($JobId, $ThingName) 'AWS Tools stand-in' }
        function Stop-DMSMetadataModelConversion { [CmdletBinding()] param([Parameter(ValueFromPipeline)] $InputObject, $MigrationProjectIdentifier) process { 'AWS Tools stand-in' } }
        function Get-DMSMetadataModelConversion { [CmdletBinding()] param() 'AWS Tools stand-in' }
        # What AWS Tools' list cmdlet writes: Amazon.IoT.Model.JobExecutionSummaryForJob objects with a ThingArn.
        function Get-IOTJobExecutionsForJob {
            [CmdletBinding()] param($JobId, $Status)
            foreach ($thing in 'sensor-1', 'sensor-2') {
                [pscustomobject]@{
                    PSTypeName          = 'Amazon.IoT.Model.JobExecutionSummaryForJob'
                    ThingArn            = "arn:aws:iot:us-east-1:123456789012:thing/$thing"
                    JobExecutionSummary = [pscustomobject]@{ Status = 'QUEUED'; ExecutionNumber = 1 }
                }
            }
        }
        Export-ModuleMember -Function *
    } | Import-Module -Global -PassThru -Force
}

AfterAll {
    if ($standIn) { Remove-Module -ModuleInfo $standIn -ErrorAction SilentlyContinue }
    Stop-TestEmulator
}

Describe 'CancelJobs next to AWS Tools' {
    BeforeEach {
        Reset-Emulator
        Add-EmulatorSeed $seed
    }

    It 'the bare name now runs the module imported last (the hazard the documented forms avoid)' {
        (Get-Command Stop-IoTJobExecution).Source | Should -Be 'AWS.Tools.StandIn'
        (Get-Command Stop-DmsMetadataModelConversion).Source | Should -Be 'AWS.Tools.StandIn'
    }

    It 'the module-qualified name runs CancelJobs: AWS Tools output piped into CancelJobs\Stop-IoTJobExecution' {
        $results = Get-IOTJobExecutionsForJob -JobId fw-7 -Status QUEUED | CancelJobs\Stop-IoTJobExecution -JobId fw-7 @aws

        $results.Count | Should -Be 2
        $results | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'CancelJobs.Engine.IoT.IoTJobExecutionCancellation' }
        @((Get-EmulatorJobs).iot | Where-Object status -eq 'CANCELED').Count | Should -Be 2
    }

    It 'the module-qualified names work for Get-* | Stop-* and for DMS as well' {
        $results = CancelJobs\Get-IoTJobExecution -JobId fw-7 @aws | CancelJobs\Stop-IoTJobExecution -WhatIf
        $results | Should -BeNullOrEmpty
        @(Get-EmulatorRequests -Operation CancelJobExecution).Count | Should -Be 0

        $dms = CancelJobs\Stop-DmsMetadataModelConversion -RequestIdentifier req-1 -MigrationProjectIdentifier legacy-oracle @aws
        $dms.PSObject.TypeNames[0] | Should -Be 'CancelJobs.Engine.Dms.DmsMetadataModelConversionCancellation'
    }

    It 'Import-Module CancelJobs -Prefix gives names no other module has' {
        # A fresh runspace: this session already imported the module without a prefix.
        $manifest = Join-Path (Get-RepoRoot) 'out/CancelJobs/CancelJobs.psd1'
        $script = @"
Import-Module '$manifest' -Prefix CJ -ErrorAction Stop
`$aws = @{ EndpointUrl = '$($aws.EndpointUrl)'; Region = 'us-east-1'; AccessKey = '$($aws.AccessKey)'; SecretKey = '$($aws.SecretKey)' }
(Get-Command Stop-CJIoTJobExecution).Source
'sensor-2' | Stop-CJIoTJobExecution -JobId fw-7 @aws | ForEach-Object Status
try { Get-CJIoTJobExecution -JobId fw-7 -ThingName sensor-1 @aws | Stop-CJTwinMakerTransferJob @aws -ErrorAction Stop } catch { `$_.Exception.Message }
"@
        $shell = [powershell]::Create()
        try {
            $output = @($shell.AddScript($script).Invoke() | ForEach-Object { "$_" })
            $shell.Streams.Error | Should -BeNullOrEmpty
        }
        finally {
            $shell.Dispose()
        }

        $output.Count | Should -Be 3
        $output[0..1] | Should -Be @('CancelJobs', 'CANCELED')
        # Messages name the commands as this session knows them.
        $output[2] | Should -BeLike '*not input for Stop-CJTwinMakerTransferJob*pipe it to Stop-CJIoTJobExecution instead*'
        ((Get-EmulatorJobs).iot | Where-Object thingName -eq 'sensor-2').status | Should -Be 'CANCELED'
    }
}
