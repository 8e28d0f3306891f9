using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using CancelJobs.Engine.Completion;

namespace CancelJobs.Infrastructure
{
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
}
