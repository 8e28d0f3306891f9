using System;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace CancelJobs.Bench;

/// <summary>A runspace on the discarding host; optionally with a module imported and $aws splatting an endpoint.</summary>
internal sealed class PowerShellSession : IDisposable
{
    private readonly Runspace runspace;

    public PowerShellSession()
    {
        Host = new BenchHost();
        runspace = RunspaceFactory.CreateRunspace(Host, InitialSessionState.CreateDefault2());
        runspace.Open();
    }

    public BenchHost Host { get; }

    public void SetVariable(string name, object? value) => runspace.SessionStateProxy.SetVariable(name, value);

    public object? GetVariable(string name) => runspace.SessionStateProxy.GetVariable(name);

    public void Import(string manifest)
    {
        Result import = Run($"Import-Module '{manifest}' -ErrorAction Stop");
        if (import.Terminating != null || import.Errors > 0)
            throw new InvalidOperationException($"{manifest} did not import cleanly: {import.Terminating?.Message ?? import.FirstError}");
    }

    public void UseEndpoint(string endpoint) =>
        Run($"$aws = @{{ EndpointUrl = '{endpoint.TrimEnd('/')}'; Region = 'us-east-1'; AccessKey = '{Paths.AccessKey}'; SecretKey = '{Paths.SecretKey}' }}").ThrowIfFailed();

    /// <summary>Runs a script; a terminating error is captured, not thrown.</summary>
    public Result Run(string script)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddScript(script);
        Collection<PSObject> output = new();
        Exception? terminating = null;
        try
        {
            output = shell.Invoke();
        }
        catch (RuntimeException error)
        {
            terminating = error;
        }
        return new Result(output.Count, shell.Streams.Error.Count, shell.Streams.Error.FirstOrDefault()?.ToString(), terminating);
    }

    public void Dispose() => runspace.Dispose();

    public sealed record Result(int Output, int Errors, string? FirstError, Exception? Terminating)
    {
        public Result ThrowIfFailed() =>
            Terminating != null || Errors > 0 ? throw new InvalidOperationException(Terminating?.Message ?? FirstError) : this;
    }
}
