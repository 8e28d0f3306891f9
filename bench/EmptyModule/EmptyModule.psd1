@{
    RootModule        = 'EmptyModule.dll'
    ModuleVersion     = '1.0.0'
    GUID              = '3f7c1d52-8a0e-4c55-9d1e-6b2f0a9e4c11'
    Author            = 'CancelJobs bench'
    Description       = 'Empty binary module: the import-time baseline for bench/CancelJobs.Bench.'
    PowerShellVersion = '5.1'
    CmdletsToExport   = @('Get-Empty')
    FunctionsToExport = @()
    AliasesToExport   = @()
    VariablesToExport = @()
}
