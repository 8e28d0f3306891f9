using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace CancelJobs.Infrastructure
{
    /// <summary>One runspace per process with the module imported, in which completers run Get-* commands.</summary>
    internal static class CompletionRunspace
    {
        private static readonly object Gate = new object();
        private static Runspace? runspace;
        private static System.Threading.Tasks.Task? opening;
        private static PowerShell? running;

        /// <summary>
        /// Runs CancelJobs\Get-&lt;noun&gt; with -MaxItems and the parameters; returns what arrived within the budget, or
        /// nothing. A call still running from an earlier completion is stopped and this one gives up: the prompt comes first.
        /// </summary>
        public static IReadOnlyList<PSObject> Read(string noun, IDictionary<string, object> parameters, TimeSpan budget)
        {
            PowerShell shell;
            System.Threading.Tasks.Task ready;
            Runspace target;
            lock (Gate)
            {
                if (running != null)
                {
                    // Another session of this process is completing right now; one runspace serves one call at a time.
                    return Array.Empty<PSObject>();
                }
                ready = EnsureOpening();
                target = runspace!;
                shell = PowerShell.Create();
                running = shell;
            }

            var output = new PSDataCollection<PSObject>();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                if (!ready.Wait(budget) || target.RunspaceStateInfo.State != RunspaceState.Opened)
                {
                    // Still importing: the next completion finds it ready.
                    Release(shell);
                    return Array.Empty<PSObject>();
                }
                shell.Runspace = target;
                // The runspace imported the module without a prefix; a prefixed import in the user's session is the same module.
                shell.AddCommand("CancelJobs\\Get-" + noun).AddParameters(new Dictionary<string, object>(parameters) { ["MaxItems"] = IdentifierCompleter.MaxItems });
                var invocation = shell.BeginInvoke<PSObject, PSObject>(null, output);
                var left = budget - clock.Elapsed;
                if (left <= TimeSpan.Zero || !invocation.AsyncWaitHandle.WaitOne(left))
                {
                    Abandon(shell);
                    return Array.Empty<PSObject>();
                }
                shell.EndInvoke(invocation);
                Release(shell);
                return output.ToList();
            }
            catch (Exception)
            {
                Release(shell);
                return output.ToList();
            }
        }

        /// <summary>Starts importing the module into the completion runspace, so the first identifier completion finds it ready.</summary>
        public static void Warm()
        {
            lock (Gate)
            {
                EnsureOpening();
            }
        }

        /// <summary>Under the lock: the runspace being opened (a new one after a failure or an abandoned call).</summary>
        private static System.Threading.Tasks.Task EnsureOpening()
        {
            if (runspace != null && runspace.RunspaceStateInfo.State == RunspaceState.Broken)
            {
                runspace.Dispose();
                runspace = null;
            }
            if (runspace == null || opening == null)
            {
                var manifest = Path.Combine(Path.GetDirectoryName(typeof(CompletionRunspace).Assembly.Location) ?? ".", "CancelJobs.psd1");
                var state = InitialSessionState.CreateDefault2();
                state.ImportPSModule(new[] { manifest });
                var created = RunspaceFactory.CreateRunspace(state);
                runspace = created;
                // Open returns once the module is imported (OpenAsync reports Opened while the import still runs).
                opening = System.Threading.Tasks.Task.Run(() => created.Open());
            }
            return opening;
        }

        /// <summary>
        /// Over budget: leave the call and its runspace to finish stopping in the background (a blocking sign-in may
        /// not notice the stop at once), and give the next completion a fresh runspace instead of a busy one.
        /// </summary>
        private static void Abandon(PowerShell shell)
        {
            Runspace? stale;
            lock (Gate)
            {
                stale = runspace;
                runspace = null;
                running = null;
                // Start the replacement now, so the next completion finds it imported.
                EnsureOpening();
            }
            System.Threading.Tasks.Task.Run(() =>
            {
                try
                {
                    shell.Stop();
                    shell.Dispose();
                    stale?.Dispose();
                }
                catch (Exception)
                {
                    // Nothing to tell: the user has long moved on.
                }
            });
        }

        private static void Release(PowerShell shell)
        {
            lock (Gate)
            {
                if (running == shell)
                {
                    running = null;
                }
            }
            try
            {
                shell.Dispose();
            }
            catch (Exception)
            {
                // Disposing a pipeline that is still stopping must not surface in the user's prompt.
            }
        }
    }
}
