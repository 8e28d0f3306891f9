using System;
using System.Collections.Generic;
using System.Linq;

namespace CancelJobs.Engine.Validation
{
    /// <summary>"Did you mean" for mistyped names (profiles, regions): the candidate fewest edits away, if close enough.</summary>
    public static class Spelling
    {
        /// <summary>
        /// The candidate closest to <paramref name="typed"/> (ties: ordinal order), or null when even that one needs more
        /// than <paramref name="maxEdits"/> single-character edits.
        /// </summary>
        public static string? Nearest(string typed, IEnumerable<string> candidates, int maxEdits, bool ignoreCase = false)
        {
            var key = ignoreCase ? typed.ToLowerInvariant() : typed;
            var best = candidates
                .Select(name => (Name: name, Edits: EditDistance(key, ignoreCase ? name.ToLowerInvariant() : name)))
                .OrderBy(candidate => candidate.Edits).ThenBy(candidate => candidate.Name, StringComparer.Ordinal)
                .FirstOrDefault();
            return best.Name != null && best.Edits <= maxEdits ? best.Name : null;
        }

        /// <summary>Levenshtein distance: insertions, deletions and substitutions, one each.</summary>
        public static int EditDistance(string a, string b)
        {
            var previous = Enumerable.Range(0, b.Length + 1).ToArray();
            for (var i = 1; i <= a.Length; i++)
            {
                var current = new int[b.Length + 1];
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                }
                previous = current;
            }
            return previous[b.Length];
        }
    }
}
