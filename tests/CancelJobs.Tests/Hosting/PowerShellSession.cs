using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace CancelJobs.Tests.Hosting
{
    /// <summary>
    /// A runspace with the built module imported, on a recording host, with $aws splatting the emulator connection.
    /// The engine is Microsoft.PowerShell.SDK's, so pipelines have what a pwsh user has (Import-Csv, ConvertFrom-Json, …).
    /// </summary>
    public sealed class PowerShellSession : IDisposable
    {
        private readonly Runspace runspace;

        public PowerShellSession(Uri? emulator, string manifest)
        {
            Host = new TestHost();
            var state = InitialSessionState.CreateDefault2();
            runspace = RunspaceFactory.CreateRunspace(Host, state);
            runspace.Open();
            var import = Run($"Import-Module '{manifest}' -ErrorAction Stop");
            if (import.Terminating != null || import.Errors.Count > 0)
            {
                throw new InvalidOperationException("The module did not import cleanly: " + (import.Terminating?.ToString() ?? string.Join("; ", import.Errors)));
            }
            if (emulator != null)
            {
                var url = emulator.ToString().TrimEnd('/');
                Run($"$aws = @{{ EndpointUrl = '{url}'; Region = 'us-east-1'; AccessKey = 'AKIDEXAMPLE'; SecretKey = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }}");
            }
        }

        public TestHost Host { get; }

        /// <summary>A PowerShell on this session's runspace, for tests that drive invocation themselves (e.g. Stop()).</summary>
        public PowerShell CreateShell(string script)
        {
            var shell = PowerShell.Create();
            shell.Runspace = runspace;
            shell.AddScript(script);
            return shell;
        }

        /// <summary>Runs a script; a terminating error is captured, not thrown.</summary>
        public RunResult Run(string script)
        {
            using var shell = PowerShell.Create();
            shell.Runspace = runspace;
            shell.AddScript(script);
            Collection<PSObject> output = new Collection<PSObject>();
            Exception? terminating = null;
            try
            {
                output = shell.Invoke();
            }
            catch (RuntimeException error)
            {
                terminating = error;
            }
            return new RunResult(output, shell.Streams.Error.ToList(), terminating, shell.Streams.Warning.Select(w => w.Message).ToList());
        }

        /// <summary>
        /// Runs a script inside try/catch, which catches only terminating errors: returns the caught record, or null
        /// when the script ran to its end. Also returns everything the script wrote before it stopped.
        /// </summary>
        public (ErrorRecord? Caught, RunResult Result) RunCatchingTerminating(string script)
        {
            var result = Run("try { " + script + " } catch { [pscustomobject]@{ CaughtTerminatingError = $_ } }");
            var caught = result.Output.LastOrDefault()?.Properties["CaughtTerminatingError"]?.Value;
            return ((caught as PSObject)?.BaseObject as ErrorRecord ?? caught as ErrorRecord, result);
        }

        /// <summary>Runs a script and presses Ctrl+C (PowerShell.Stop) once <paramref name="stopWhen"/> holds.</summary>
        public RunResult RunAndStopWhen(string script, Func<bool> stopWhen, TimeSpan timeout)
        {
            using var shell = PowerShell.Create();
            shell.Runspace = runspace;
            shell.AddScript(script);
            var output = new PSDataCollection<PSObject>();
            var running = shell.BeginInvoke<PSObject, PSObject>(null, output);
            var deadline = DateTime.UtcNow + timeout;
            while (!stopWhen() && !running.IsCompleted && DateTime.UtcNow < deadline)
            {
                System.Threading.Thread.Sleep(5);
            }
            var stopRequested = DateTimeOffset.UtcNow;
            shell.Stop();
            Exception? terminating = null;
            try
            {
                shell.EndInvoke(running);
            }
            catch (RuntimeException error)
            {
                terminating = error;
            }
            return new RunResult(new Collection<PSObject>(output.ToList()), shell.Streams.Error.ToList(), terminating, shell.Streams.Warning.Select(w => w.Message).ToList())
            {
                StopRequestedAt = stopRequested,
            };
        }

        /// <summary>Runs with output sent through Out-Default, returning what a console would print.</summary>
        public string RunFormatted(string script)
        {
            var before = Host.TestUI.Text.Length;
            var result = Run(script + " | Out-Default");
            if (result.Terminating != null)
            {
                throw new InvalidOperationException(result.Terminating.Message, result.Terminating);
            }
            return Host.TestUI.Text.Substring(before);
        }

        public void Dispose() => runspace.Dispose();
    }

    public sealed class RunResult
    {
        public RunResult(Collection<PSObject> output, IReadOnlyList<ErrorRecord> errors, Exception? terminating, IReadOnlyList<string> warnings)
        {
            Output = output;
            Errors = errors;
            Terminating = terminating;
            Warnings = warnings;
        }

        public Collection<PSObject> Output { get; }

        /// <summary>When RunAndStopWhen asked for the stop (Ctrl+C): before Stop() returned, which waits for the pipeline.</summary>
        public DateTimeOffset? StopRequestedAt { get; init; }

        public IReadOnlyList<ErrorRecord> Errors { get; }
        public Exception? Terminating { get; }
        public IReadOnlyList<string> Warnings { get; }

        /// <summary>The ErrorId part of each error's FullyQualifiedErrorId (before the command name).</summary>
        public IReadOnlyList<string> ErrorIds => Errors.Select(ErrorIdOf).ToList();

        public ErrorRecord? TerminatingRecord => (Terminating as IContainsErrorRecord)?.ErrorRecord;

        public static string ErrorIdOf(ErrorRecord record) => record.FullyQualifiedErrorId.Split(',')[0];

        public IEnumerable<string> Strings(string property) => Output.Select(o => o.Properties[property]?.Value?.ToString() ?? "<null>");

        /// <summary>Fails with everything that went wrong, for asserting a clean run.</summary>
        public RunResult AssertClean()
        {
            if (Terminating != null || Errors.Count > 0)
            {
                throw new Xunit.Sdk.XunitException("Expected no errors but got: " + Terminating?.Message + " | " + string.Join(" | ", Errors.Select(e => ErrorIdOf(e) + ": " + e)));
            }
            return this;
        }
    }
}
