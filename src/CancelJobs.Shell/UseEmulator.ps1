# Run by `canceljobs -Emulator` (and the demo) when the session opens, after the module is imported and $aws is set:
# every CancelJobs cmdlet gets the emulator's connection as a default, so commands read exactly as against real AWS.
foreach ($command in Get-Command -Module CancelJobs) {
    foreach ($setting in $aws.GetEnumerator()) {
        $global:PSDefaultParameterValues["$($command.Name):$($setting.Key)"] = $setting.Value
    }
}
