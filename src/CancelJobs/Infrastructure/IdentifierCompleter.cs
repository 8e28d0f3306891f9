using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;

namespace CancelJobs.Infrastructure
{
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
}
