@{
    # The one place the module version is set; the build reads it from here.
    ModuleVersion        = '0.1.0'
    GUID                 = '5f0c7a0e-2b8e-4d55-9a43-2f6f3c7d9b11'
    Author               = 'CancelJobs developers'
    CompanyName          = 'CancelJobs'
    Copyright            = '(c) CancelJobs developers. MIT License.'
    Description          = 'Cancel long-running AWS jobs (IoT TwinMaker metadata transfers, IoT job executions, DMS metadata model conversions, DataZone metadata generation runs) safely and in bulk from PowerShell pipelines.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Core', 'Desktop')
    # From the repository root this manifest loads the built module; the copy in out/CancelJobs/ has these paths without the out/CancelJobs/ prefix.
    RootModule           = 'out/CancelJobs/CancelJobs.dll'
    # Loaded first: registers the resolver that loads the engine and AWSSDK.Core from dependencies/.
    NestedModules        = @('out/CancelJobs/CancelJobs.Loader.dll')
    FormatsToProcess     = @('out/CancelJobs/CancelJobs.Format.ps1xml')
    CmdletsToExport      = @(
        'Stop-TwinMakerTransferJob'
        'Stop-IoTJobExecution'
        'Stop-DmsMetadataModelConversion'
        'Stop-DataZoneMetadataGenerationRun'
        'Get-TwinMakerTransferJob'
        'Get-IoTJobExecution'
        'Get-DmsMetadataModelConversion'
        'Get-DataZoneMetadataGenerationRun'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('AWS', 'IoT', 'TwinMaker', 'DMS', 'DataZone', 'Cancel', 'Jobs')
            ProjectUri = 'https://example.invalid/canceljobs'
        }
    }
}
