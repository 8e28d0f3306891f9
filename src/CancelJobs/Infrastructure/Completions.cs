using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

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
}
