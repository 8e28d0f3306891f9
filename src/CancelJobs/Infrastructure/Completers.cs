using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using System.Threading;
using CancelJobs.Engine.Completion;
using CancelJobs.Engine.Connection;

namespace CancelJobs.Infrastructure
{
    /// <summary>Shared pieces of the completers: prefix matching and quoting.</summary>
    internal static class Completions
    {
        public static IEnumerable<CompletionResult> Matching(string wordToComplete, IEnumerable<(string Value, string ToolTip)> candidates)
        {
            var typed = wordToComplete.Trim('\'', '"');
            return candidates
                .Where(candidate => candidate.Value.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Select(candidate => new CompletionResult(Quote(candidate.Value), candidate.Value, CompletionResultType.ParameterValue, candidate.ToolTip));
        }

        /// <summary>Single-quoted when the value would not survive as a bare word (a space, a colon-free ARN is fine).</summary>
        private static string Quote(string value) =>
            value.Any(c => char.IsWhiteSpace(c) || "'\"`$;,(){}@#|&<>".IndexOf(c) >= 0) ? "'" + value.Replace("'", "''") + "'" : value;
    }

    /// <summary>-Region: the regions AWSSDK.Core knows, with their names as tooltips.</summary>
    public sealed class RegionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            CompletionRunspace.Warm();
            return Completions.Matching(wordToComplete, CompletionSources.Regions().Select(region => (region.Key, region.Value)));
        }
    }

    /// <summary>-ProfileName: the profiles of the shared config and credentials files (or of -ProfileLocation).</summary>
    public sealed class ProfileNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            CompletionRunspace.Warm();
            var location = fakeBoundParameters?["ProfileLocation"] as string;
            return Completions.Matching(wordToComplete, CompletionSources.ProfileNames(location).Select(name => (name, "AWS profile " + name)));
        }
    }

    /// <summary>
    /// Identifiers of a Stop-*, read with its Get-* partner: the same command noun (and import prefix), the identifiers
    /// the Get-* needs and the AWS parameters already typed, at most <see cref="MaxItems"/> items. The Get-* runs in a
    /// runspace of its own under a hard time budget, so a slow sign-in or endpoint costs at most that long and never
    /// hangs the prompt; it then offers nothing.
    /// </summary>
    public sealed class IdentifierCompleter : IArgumentCompleter
    {
        public const int MaxItems = 50;

        /// <summary>
        /// For the whole completion: waiting for the completion runspace to import the module (once per process; Region
        /// and ProfileName completion start it early), sign-in and the Get-* call.
        /// </summary>
        public static readonly TimeSpan Budget = TimeSpan.FromSeconds(1);

        private static readonly string[] AwsParameters =
            { "Region", "ProfileName", "ProfileLocation", "Credential", "AccessKey", "SecretKey", "SessionToken", "EndpointUrl", "RetryMode" };

        /// <summary>A job in a state its service can still cancel (not terminal, not already cancelled); an unknown state counts.</summary>
        private static bool StillCancellable(string noun, string? status) =>
            string.IsNullOrEmpty(status)
            || StopCommandShape.All.FirstOrDefault(shape => string.Equals(shape.CommandName, "Stop-" + noun, StringComparison.OrdinalIgnoreCase))?.StillCancellable(status!) != false;

        /// <summary>Per Stop-* noun and parameter: the parameters its Get-* must be given, and the property that holds the value.</summary>
        private static readonly (string Noun, string Parameter, string[] Needs, string Property, string Detail)[] Sources =
        {
            ("TwinMakerTransferJob", "MetadataTransferJobId", new string[0], "MetadataTransferJobId", "Status"),
            ("IoTJobExecution", "ThingName", new[] { "JobId" }, "ThingName", "Status"),
            ("IoTJobExecution", "JobId", new[] { "ThingName" }, "JobId", "Status"),
            ("DmsMetadataModelConversion", "RequestIdentifier", new[] { "MigrationProjectIdentifier" }, "RequestIdentifier", "Status"),
            ("DataZoneMetadataGenerationRun", "Identifier", new[] { "DomainIdentifier" }, "Identifier", "Status"),
        };

        /// <summary>
        /// A Stop-* without a row in <see cref="Sources"/> completes from its own declaration: the Get-* of the same noun,
        /// given the Stop-*'s other identifiers, and the property named like the parameter (what a new command needs no row for).
        /// </summary>
        private static (string Noun, string Parameter, string[] Needs, string Property, string Detail) Derived(string noun, string parameterName)
        {
            var shape = StopCommandShape.All
                .Where(s => noun.EndsWith(s.CommandName.Substring(s.CommandName.IndexOf('-') + 1), StringComparison.OrdinalIgnoreCase))
                .OrderByDescending(s => s.CommandName.Length)
                .FirstOrDefault();
            var slot = shape?.Slots.FirstOrDefault(s => string.Equals(s.Parameter, parameterName, StringComparison.OrdinalIgnoreCase));
            if (shape == null || slot == null)
            {
                return default;
            }
            var needs = shape.Slots.Where(s => s != slot).Select(s => s.Parameter).ToArray();
            return (shape.CommandName.Substring(shape.CommandName.IndexOf('-') + 1), slot.Parameter, needs, slot.Parameter, "Status");
        }

        /// <summary>The AWS parameters bound on the command line, then those in splats and $PSDefaultParameterValues.</summary>
        internal static Dictionary<string, object> AwsParametersOf(string bare, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var parameters = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in AwsParameters)
            {
                if (fakeBoundParameters.Contains(name) && fakeBoundParameters[name] != null)
                {
                    parameters[name] = fakeBoundParameters[name]!;
                }
            }
            AddSessionAwsParameters(parameters, bare, commandAst);
            return parameters;
        }

        /// <summary>Adds an AWS parameter (named in any case) that was not given yet; anything else is ignored.</summary>
        private static void AddAwsParameter(IDictionary<string, object> parameters, string? key, object? value)
        {
            var name = key == null ? null : AwsParameters.FirstOrDefault(p => string.Equals(p, key, StringComparison.OrdinalIgnoreCase));
            if (name != null && value != null && !parameters.ContainsKey(name))
            {
                parameters[name] = value;
            }
        }

        /// <summary>A variable of the user's session (completers run on its pipeline thread), or null.</summary>
        internal static object? SessionVariable(string name)
        {
            try
            {
                using (var shell = PowerShell.Create(RunspaceMode.CurrentRunspace))
                {
                    // $ExecutionContext is there in every host (Get-Variable is not in a bare engine); the name is passed as data.
                    var value = shell.AddScript("param($name) $ExecutionContext.SessionState.PSVariable.GetValue($name)").AddArgument(name).Invoke().FirstOrDefault();
                    return value?.BaseObject;
                }
            }
            catch (Exception)
            {
                return null;
            }
        }

        /// <summary>The AWS parameters a completion cannot see as bound: those in splatted session variables and in $PSDefaultParameterValues.</summary>
        internal static void AddSessionAwsParameters(IDictionary<string, object> parameters, string bare, CommandAst commandAst)
        {
            // Completion does not expand splats; the README's `@aws` holds the connection, so read it from the session.
            foreach (var splat in commandAst.CommandElements.OfType<VariableExpressionAst>().Where(variable => variable.Splatted))
            {
                if (SessionVariable(splat.VariablePath.UserPath) is IDictionary table)
                {
                    foreach (DictionaryEntry entry in table)
                    {
                        AddAwsParameter(parameters, entry.Key as string, entry.Value);
                    }
                }
            }
            // Nor does it apply $PSDefaultParameterValues, where a session may keep its connection ('Stop-*:Region' = …).
            if (SessionVariable("PSDefaultParameterValues") is IDictionary defaults)
            {
                foreach (DictionaryEntry entry in defaults)
                {
                    var key = entry.Key as string ?? "";
                    var colon = key.IndexOf(':');
                    if (colon > 0 && !(entry.Value is ScriptBlock)
                        && WildcardPattern.Get(key.Substring(0, colon).Trim(), WildcardOptions.IgnoreCase).IsMatch(bare))
                    {
                        AddAwsParameter(parameters, key.Substring(colon + 1).Trim(), entry.Value);
                    }
                }
            }
        }

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            // "CancelJobs\Stop-CJIoTJobExecution" → "Stop-CJIoTJobExecution": the prefix stays, so the partner is Get-CJ….
            var bare = commandName.Substring(commandName.LastIndexOf('\\') + 1);
            var dash = bare.IndexOf('-');
            if (dash < 0 || fakeBoundParameters == null)
            {
                return Array.Empty<CompletionResult>();
            }
            var noun = bare.Substring(dash + 1);
            var source = Sources.FirstOrDefault(s => noun.EndsWith(s.Noun, StringComparison.OrdinalIgnoreCase)
                && string.Equals(s.Parameter, parameterName, StringComparison.OrdinalIgnoreCase));
            if (source.Noun == null)
            {
                source = Derived(noun, parameterName);
            }
            if (source.Noun == null || source.Needs.Any(need => !(fakeBoundParameters[need] is string value) || value.Length == 0))
            {
                return Array.Empty<CompletionResult>();
            }

            var parameters = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in source.Needs.Concat(AwsParameters))
            {
                if (fakeBoundParameters.Contains(name) && fakeBoundParameters[name] != null)
                {
                    parameters[name] = fakeBoundParameters[name]!;
                }
            }
            AddSessionAwsParameters(parameters, bare, commandAst);
            // Only jobs that can still be cancelled: a finished or already cancelled job is not worth offering to Stop-*.
            var items = CompletionRunspace.Read(source.Noun, parameters, Budget)
                .Where(item => StillCancellable(source.Noun, item.Properties["Status"]?.Value as string));
            return Completions.Matching(wordToComplete, items
                .Select(item => (Value: item.Properties[source.Property]?.Value as string ?? "", ToolTip: $"{source.Detail}: {item.Properties[source.Detail]?.Value}"))
                .Where(item => item.Value.Length > 0)
                .GroupBy(item => item.Value, StringComparer.Ordinal)
                .Select(group => group.First()));
        }
    }

    /// <summary>
    /// Container parameters (-WorkspaceId, -MigrationProjectIdentifier, -DomainIdentifier): the workspaces, projects or
    /// domains the service lists (ListWorkspaces, DescribeMigrationProjects, ListDomains) with the AWS parameters typed,
    /// splatted or defaulted (and AWS Tools' session defaults), within the same 1 s budget as identifiers; else nothing.
    /// </summary>
    public sealed class ContainerCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            if (fakeBoundParameters == null || !ContainerSources.Parameters.Contains(parameterName, StringComparer.OrdinalIgnoreCase))
            {
                return Array.Empty<CompletionResult>();
            }
            var bare = commandName.Substring(commandName.LastIndexOf('\\') + 1);
            var parameters = IdentifierCompleter.AwsParametersOf(bare, commandAst, fakeBoundParameters);
            string? Text(string name) => parameters.TryGetValue(name, out var value) ? (value is PSObject wrapped ? wrapped.BaseObject : value) switch
            {
                string text => text,
                object[] { Length: 1 } one => one[0]?.ToString(),
                _ => null,
            } : null;
            var (accessKey, secretKey, credentials) = AwsCmdlet.SplitCredential(
                parameters.TryGetValue("Credential", out var credential) ? credential : null, Text("AccessKey"), Text("SecretKey"));
            var connection = AwsConnection.FromParameters(Text("Region"), Text("ProfileName"), Text("ProfileLocation"), Text("EndpointUrl"),
                accessKey, secretKey, Text("SessionToken"), credentials);
            var storedRegion = IdentifierCompleter.SessionVariable("StoredAWSRegion") as string;
            var storedCredentials = AwsCmdlet.StoredCredentials(IdentifierCompleter.SessionVariable("StoredAWSCredentials"));
            if (!string.IsNullOrEmpty(storedRegion) || storedCredentials != null)
            {
                connection = connection.OverlayOn(AwsConnection.SessionDefaults(string.IsNullOrEmpty(storedRegion) ? null : storedRegion, storedCredentials));
            }
            var containers = ContainerSources.Read(parameterName, connection, IdentifierCompleter.Budget);
            return Completions.Matching(wordToComplete, containers.Select(container => (container.Key, container.Value)));
        }
    }

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
