using System;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using CancelJobs.Emulator;

namespace CancelJobs.Shell;

/// <summary>A runspace on the console host with the CancelJobs module imported; runs scripts as pwsh runs them.</summary>
internal sealed class ShellSession : IDisposable
{
    private const string StatusVariable = "CancelJobsShellLastStatus";

    private readonly Runspace runspace;
    private readonly object gate = new();
    private PowerShell? running;

    public ShellSession(ConsoleHost host)
    {
        Host = host;
        InitialSessionState state = InitialSessionState.CreateDefault2();
        if (OperatingSystem.IsWindows()) state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
        runspace = RunspaceFactory.CreateRunspace(host, state);
        runspace.Open();
        if (!host.ConsoleUI.SupportsVirtualTerminal)
        {
            // No ANSI escapes in redirected output or under NO_COLOR.
            Invoke(ps => ps.AddScript("$PSStyle.OutputRendering = 'PlainText'"));
        }
    }

    public ConsoleHost Host { get; }

    /// <summary>The built module: next to the exe (Modules/CancelJobs), else out/CancelJobs above it; $env:CANCELJOBS_MODULE overrides.</summary>
    public static string? FindModuleManifest()
    {
        string? overridden = Environment.GetEnvironmentVariable("CANCELJOBS_MODULE");
        if (!string.IsNullOrEmpty(overridden)) return overridden;
        string beside = Path.Combine(AppContext.BaseDirectory, "Modules", "CancelJobs", "CancelJobs.psd1");
        if (File.Exists(beside)) return beside;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            string built = Path.Combine(dir.FullName, "out", "CancelJobs", "CancelJobs.psd1");
            if (File.Exists(built)) return built;
        }
        return null;
    }

    /// <summary>Imports the module; false (with the error shown) if it does not import.</summary>
    public bool ImportModule(string manifest) =>
        RunInteractive(ps => ps.AddCommand("Import-Module", useLocalScope: false).AddParameter("Name", manifest).AddParameter("ErrorAction", ActionPreference.Stop)) == 0;

    /// <summary>
    /// Points the session at the emulator: $aws for splatting, $PSDefaultParameterValues for every cmdlet the module
    /// exports (so Get-* cmdlets added later are covered too), and $emulator for its state.
    /// </summary>
    public void UseEmulator(EmulatorHost emulator)
    {
        runspace.SessionStateProxy.SetVariable("emulator", emulator.State);
        runspace.SessionStateProxy.SetVariable("CancelJobsEmulatorUrl", emulator.BaseUri.ToString().TrimEnd('/'));
        Invoke(ps => ps.AddScript($$"""
            $aws = [ordered]@{
                EndpointUrl = $CancelJobsEmulatorUrl
                Region      = 'us-east-1'
                AccessKey   = '{{EmulatorOptions.ExampleAccessKey}}'
                SecretKey   = '{{EmulatorOptions.ExampleSecretKey}}'
            }
            Remove-Variable CancelJobsEmulatorUrl
            foreach ($command in Get-Command -Module CancelJobs) {
                foreach ($setting in $aws.GetEnumerator()) {
                    $PSDefaultParameterValues["$($command.Name):$($setting.Key)"] = $setting.Value
                }
            }
            """));
    }

    /// <summary>
    /// Runs script text as pwsh -Command does. Exit code: the script's 'exit N'; else 1 after a terminating error or
    /// when its last statement failed ($? false, e.g. a cmdlet wrote an error for an item); else 0.
    /// </summary>
    public int RunScript(string script)
    {
        // $? must be read inside the same pipeline: the host's next pipeline starts with a fresh one.
        string withStatus = script + "\n$global:" + StatusVariable + " = $?";
        int code = RunInteractive(ps => ps.AddScript(withStatus));
        if (code != 0) return code;
        object? status = runspace.SessionStateProxy.GetVariable(StatusVariable);
        runspace.SessionStateProxy.PSVariable.Remove(StatusVariable);
        return status is false ? 1 : 0;
    }

    /// <summary>
    /// Runs a command as pwsh's console does: errors merged into output, everything through Out-Default, a
    /// terminating error shown rather than thrown. Returns the script's 'exit N'; else 1 after a terminating error
    /// or Ctrl+C; else 0.
    /// </summary>
    public int RunInteractive(Action<PowerShell> build)
    {
        using PowerShell ps = PowerShell.Create();
        ps.Runspace = runspace;
        build(ps);
        ps.Commands.Commands[0].MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
        ps.AddCommand("Out-Default");
        bool terminated = false;
        lock (gate) running = ps;
        try
        {
            ps.Invoke();
        }
        catch (RuntimeException error)
        {
            terminated = true;
            // 'exit' at the top level surfaces through SetShouldExit, not as a failure to display.
            if (Host.ExitCode == null) Show(error.ErrorRecord);
        }
        finally
        {
            lock (gate) running = null;
        }
        if (Host.ExitCode is { } code) return code;
        return terminated || ps.InvocationStateInfo.State == PSInvocationState.Stopped ? 1 : 0;
    }

    /// <summary>Ctrl+C: stop whatever is running (the cmdlets cancel in-flight requests and report what was sent).</summary>
    public void StopRunning()
    {
        lock (gate) running?.BeginStop(null, null);
    }

    public void Dispose() => runspace.Dispose();

    /// <summary>A terminating error that escaped the script, on stderr: "Command: message" (or "Exception: message").</summary>
    private void Show(ErrorRecord record)
    {
        string? source = record.InvocationInfo?.MyCommand?.Name;
        string prefix = string.IsNullOrEmpty(source) ? record.Exception.GetType().Name : source;
        Host.UI.WriteErrorLine(prefix + ": " + (record.ErrorDetails?.Message ?? record.Exception.Message));
    }

    private Collection<PSObject> Invoke(Action<PowerShell> build)
    {
        using PowerShell ps = PowerShell.Create();
        ps.Runspace = runspace;
        build(ps);
        return ps.Invoke();
    }
}
