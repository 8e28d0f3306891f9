using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using CancelJobs.Engine.Completion;

namespace CancelJobs.Infrastructure
{
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
}
