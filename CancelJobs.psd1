@{
    # The one place the module version is set (in the repository-root copy); the build reads it from there.
    ModuleVersion        = '0.1.0'
    GUID                 = '5f0c7a0e-2b8e-4d55-9a43-2f6f3c7d9b11'
    Author               = 'CancelJobs contributors'
    Copyright            = '(c) CancelJobs contributors. MIT License (see LICENSE).'
    Description          = 'Cancel long-running AWS jobs (IoT TwinMaker metadata transfers, IoT job executions, DMS metadata model conversions, DataZone metadata generation runs) safely and in bulk from PowerShell pipelines.'
    # Windows PowerShell 5.1 (Desktop) or PowerShell 7.4 and later (Core): one manifest cannot say both, so the loader
    # refuses PowerShell 7.0-7.3, whose .NET cannot load the module's net8.0 dependencies, with a message saying so.
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Core', 'Desktop')
    # The repository-root CancelJobs.psd1 is the source; the build writes the importable copy to out/CancelJobs/,
    # where these paths are relative to the module folder (in the source they start with out/CancelJobs/).
    RootModule           = 'out/CancelJobs/CancelJobs.dll'
    # Loaded first: registers the resolver that loads the engine and AWSSDK.Core from dependencies/.
    NestedModules        = @('out/CancelJobs/CancelJobs.Loader.dll')
    FormatsToProcess     = @('out/CancelJobs/CancelJobs.Format.ps1xml', 'out/CancelJobs/Formats/IoTJob.Format.ps1xml')
    CmdletsToExport      = @(
        'Stop-TwinMakerTransferJob'
        'Stop-IoTJobExecution'
        'Stop-DmsMetadataModelConversion'
        'Stop-DataZoneMetadataGenerationRun'
        'Get-TwinMakerTransferJob'
        'Get-IoTJobExecution'
        'Get-DmsMetadataModelConversion'
        'Get-DataZoneMetadataGenerationRun'
        'Stop-IoTJob'
        'Get-IoTJob'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('AWS', 'IoT', 'TwinMaker', 'DMS', 'DataZone', 'Cancel', 'Jobs', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            ReleaseNotes = @'
0.1.0
- Stop-TwinMakerTransferJob, Stop-IoTJobExecution, Stop-DmsMetadataModelConversion, Stop-DataZoneMetadataGenerationRun:
  cancel in bulk from the pipeline with -WhatIf/-Confirm, -Force, -Wait, -ThrottleLimit and -MaxRequestsPerSecond; the
  request rate adapts to the service's quota and throttled requests are sent again until -ThrottleTimeout; one outcome
  per input, per-item errors with stable ErrorIds.
- Get-TwinMakerTransferJob, Get-IoTJobExecution, Get-DmsMetadataModelConversion, Get-DataZoneMetadataGenerationRun:
  list and page what is running; their output pipes straight into the Stop-* cmdlets.
- AWS Tools parameter names for region, profile, credentials and endpoint; AWSSDK.Core isolated in its own load
  context on PowerShell 7, so the module works beside AWS Tools.
'@
        }
    }
}
