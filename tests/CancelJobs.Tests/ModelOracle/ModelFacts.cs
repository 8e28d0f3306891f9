using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using CancelJobs.Tests.Hosting;

namespace CancelJobs.Tests.ModelOracle
{
    /// <summary>One input member of one operation, as models/aws-model-constraints.json records it.</summary>
    public sealed class MemberFacts
    {
        private Regex? regex;

        public string Service { get; init; } = "";
        public string Operation { get; init; } = "";
        public string Member { get; init; } = "";
        public string? Location { get; init; }
        public int? MinLength { get; init; }
        public int? MaxLength { get; init; }
        public string? Pattern { get; init; }
        public IReadOnlyList<string>? Enum { get; init; }

        /// <summary>The model's verdict: @length in Unicode code points, @pattern as ECMA-262 reads it (not anchored unless it says so).</summary>
        public bool Accepts(string value)
        {
            var length = CodePoints(value);
            if (length < MinLength || length > MaxLength)
            {
                return false;
            }
            return Pattern == null || PatternRegex().IsMatch(value);
        }

        public override string ToString() => $"{Service} {Operation}.{Member}";

        private Regex PatternRegex() => regex ??= new Regex(ForDotNet(Pattern!), RegexOptions.CultureInvariant);

        /// <summary>
        /// The model's pattern as .NET must run it to mean the same: "$" only at the very end (\z), and a character class
        /// that excludes \p{C} still takes a whole surrogate pair (one code point) while refusing a lone half.
        /// </summary>
        public static string ForDotNet(string pattern)
        {
            var text = pattern.Replace(@"[^\p{C}]", @"(?:[^\p{C}]|[\uD800-\uDBFF][\uDC00-\uDFFF])")
                // Java's POSIX classes (IoT's reasonCode), ASCII only as AWS's Java services read them; .NET has no such names.
                .Replace(@"\p{Upper}", "A-Z").Replace(@"\p{Digit}", "0-9");
            return text.EndsWith("$", StringComparison.Ordinal) ? text.Substring(0, text.Length - 1) + @"\z" : text;
        }

        public static int CodePoints(string value)
        {
            var count = 0;
            for (var i = 0; i < value.Length; i++)
            {
                if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    i++;
                }
                count++;
            }
            return count;
        }
    }

    /// <summary>A modelled error of an operation: its code and HTTP status.</summary>
    public sealed record ModelledError(string Code, int Status);

    /// <summary>models/aws-model-constraints.json, read once.</summary>
    public static class ModelFacts
    {
        public static string FilePath { get; } = Path.Combine(RepoPaths.Root, "models", "aws-model-constraints.json");

        private static readonly Lazy<JsonElement> Document = new Lazy<JsonElement>(() =>
            JsonDocument.Parse(File.ReadAllText(FilePath)).RootElement.Clone());

        public static JsonElement Services => Document.Value.GetProperty("services");

        public static JsonElement OperationOf(string service, string operation) =>
            Services.GetProperty(service).GetProperty("operations").GetProperty(operation);

        public static MemberFacts Member(string service, string operation, string member)
        {
            foreach (var row in OperationOf(service, operation).GetProperty("input").EnumerateArray())
            {
                if (row.GetProperty("member").GetString() != member)
                {
                    continue;
                }
                return new MemberFacts
                {
                    Service = service,
                    Operation = operation,
                    Member = member,
                    Location = row.TryGetProperty("location", out var location) ? location.GetString() : null,
                    MinLength = row.TryGetProperty("length", out var length) && length.TryGetProperty("min", out var min) ? min.GetInt32() : null,
                    MaxLength = row.TryGetProperty("length", out length) && length.TryGetProperty("max", out var max) ? max.GetInt32() : null,
                    Pattern = row.TryGetProperty("pattern", out var pattern) ? pattern.GetString() : null,
                    Enum = row.TryGetProperty("enum", out var values) ? values.EnumerateArray().Select(v => v.GetString()!).ToList() : null,
                };
            }
            throw new InvalidOperationException($"{FilePath} has no member {member} of {service} {operation}.");
        }

        public static IReadOnlyList<ModelledError> Errors(string service, string operation) =>
            OperationOf(service, operation).GetProperty("errors").EnumerateArray()
                .Select(e => new ModelledError(e.GetProperty("code").GetString()!, e.GetProperty("status").GetInt32())).ToList();
    }
}
