using System;
using System.Collections.Generic;
using System.Linq;

namespace CancelJobs.Tests.ModelOracle
{
    /// <summary>
    /// Boundary values of one string member, derived from its pattern and length: the shortest and longest valid
    /// values, one shorter and one longer, and the characters at the edge of the pattern (trailing newline, space,
    /// slash, a letter outside ASCII, surrogate pairs that are one code point but two UTF-16 units, a lone half, NUL).
    /// Whether each is valid is the model's call (<see cref="MemberFacts.Accepts"/>), never the generator's.
    /// </summary>
    public static class BoundaryValues
    {
        private const string Emoji = "\U0001F600";
        private const int Unbounded = 300;

        public static IReadOnlyList<string> For(MemberFacts member)
        {
            // A modelled maximum above the search range (IoT's comment: 2028) is searched up to itself, so its edge is tested.
            var searched = member.MaxLength is int max && max >= Unbounded ? max + 1 : Unbounded;
            var validLengths = Enumerable.Range(0, searched + 1).Where(length => Fill(member, length) != null).ToList();
            if (validLengths.Count == 0)
            {
                throw new InvalidOperationException($"No valid value of {member} could be built from its pattern.");
            }
            var shortest = validLengths[0];
            var longest = validLengths[validLengths.Count - 1] == searched ? (int?)null : validLengths[validLengths.Count - 1];
            var shortValid = Fill(member, Math.Max(shortest, 1)) ?? Fill(member, shortest)!;
            var values = new List<string> { "", " ", shortValid };
            if (shortest > 1)
            {
                values.Add(shortValid.Substring(0, shortest - 1));
            }
            // The longest valid value, one more, and the same length reached with a surrogate pair (one code point, two units).
            foreach (var top in longest.HasValue ? new[] { longest.Value } : new[] { 255, 1024 })
            {
                var full = Fill(member, top) ?? Fill(member, Math.Max(shortest, 1))! + new string('a', top - Math.Max(shortest, 1));
                values.Add(full);
                values.Add(full + full[full.Length - 1]);
                values.Add(full.Substring(0, full.Length - 1) + Emoji);
                values.Add(full + Emoji);
            }
            values.Add(shortValid + "\n");
            values.Add(shortValid + "\r\n");
            values.Add("\n" + shortValid);
            values.Add(shortValid + " x");
            values.Add(shortValid + "/x");
            values.Add(shortValid + ":x");
            values.Add(shortValid + ".x");
            values.Add(shortValid + "-");
            values.Add("-" + shortValid);
            values.Add("_" + shortValid);
            values.Add(shortValid + "\u00e9");
            values.Add(shortValid + Emoji);
            values.Add(shortValid + "\uD83D");
            values.Add(shortValid + "\0");
            values.Add(shortValid + "\tx");
            return values.Distinct(StringComparer.Ordinal).ToList();
        }

        /// <summary>A valid value of exactly <paramref name="length"/> code points, or null when there is none this simple.</summary>
        public static string? Fill(MemberFacts member, int length)
        {
            foreach (var prefix in Prefixes(member.Pattern))
            {
                if (prefix.Length > length)
                {
                    continue;
                }
                foreach (var filler in new[] { 'a', '0', '_' })
                {
                    var candidate = prefix + new string(filler, length - prefix.Length);
                    if (member.Accepts(candidate))
                    {
                        return candidate;
                    }
                }
            }
            return null;
        }

        // The pattern's literal start (after ^), alone and followed by each separator a class may ask for next.
        private static IEnumerable<string> Prefixes(string? pattern)
        {
            yield return "";
            if (pattern == null)
            {
                yield break;
            }
            var literal = new string(pattern.TrimStart('^').TakeWhile(char.IsLetterOrDigit).ToArray());
            if (literal.Length == 0)
            {
                yield break;
            }
            yield return literal;
            foreach (var separator in new[] { "-", "_", ":" })
            {
                yield return literal + separator;
            }
        }
    }
}
