using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace CancelJobs.Engine.Validation
{
    /// <summary>A model constraint on one identifier: length bounds and an anchored pattern.</summary>
    public sealed class IdentifierRule
    {
        private readonly Regex? pattern;

        public IdentifierRule(string shape, int minLength, int maxLength, string? pattern)
        {
            Shape = shape;
            MinLength = minLength;
            MaxLength = maxLength;
            PatternText = pattern;
            // .NET's "$" also matches before a final newline; the model's anchors mean the end of the value.
            this.pattern = pattern == null ? null : new Regex(pattern.EndsWith("$", StringComparison.Ordinal) ? pattern.Substring(0, pattern.Length - 1) + @"\z" : pattern, RegexOptions.CultureInvariant);
        }

        public string Shape { get; }
        public int MinLength { get; }
        public int MaxLength { get; }
        public string? PatternText { get; }

        /// <summary>Null when the value is valid, else a sentence saying what is wrong with it.</summary>
        public string? Check(string parameterName, string? value)
        {
            if (value == null || value.Length == 0)
            {
                return $"{parameterName} is empty; a {Shape} is required.";
            }
            if (pattern == null && value.Trim().Length == 0)
            {
                // Where the model has no pattern to refuse it, a value of only spaces (a blank CSV cell) still names nothing.
                return $"{parameterName} is blank; a {Shape} is required.";
            }
            var control = IdentifierText.IndexOfControl(value);
            if (control >= 0)
            {
                // Checked first and for every identifier, patterned or not: a newline or NUL is never meant.
                return $"{parameterName} '{Shorten(value)}' contains a control character ({IdentifierText.Escape(value[control].ToString())} at position {control + 1}); a {Shape} cannot.";
            }
            // Smithy's @length counts Unicode code points: an emoji is one character, not two UTF-16 units.
            var length = CodePoints(value);
            if (length < MinLength || length > MaxLength)
            {
                return MaxLength == int.MaxValue
                    ? $"{parameterName} '{Shorten(value)}' is {length} characters long; a {Shape} must be at least {MinLength}."
                    : $"{parameterName} '{Shorten(value)}' is {length} characters long; a {Shape} must be {MinLength} to {MaxLength}.";
            }
            if (pattern != null && !pattern.IsMatch(value))
            {
                return $"{parameterName} '{Shorten(value)}' is not a valid {Shape}: it must match {PatternText}.";
            }
            return null;
        }

        /// <summary>Unicode code points: a well-formed surrogate pair counts once (a lone half is a control character, refused before).</summary>
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

        // A message should identify the value, not repeat a runaway one in full.
        private static string Shorten(string value) => IdentifierText.Escape(value.Length <= 64 ? value : value.Substring(0, 61) + "...");
    }

    /// <summary>
    /// The identifier constraints of the four services' models (models/aws-model-constraints.json, checked against it by
    /// ModelBoundaryTests). Where one is stricter than the model, the comment says why and the tests list it as a deviation.
    /// Every rule also refuses the empty value (each member is required, or its model minimum is 1) and control characters.
    /// </summary>
    public static class IdentifierRules
    {
        public static readonly IdentifierRule TwinMakerId = new IdentifierRule("TwinMaker Id", 1, 128, @"^[a-zA-Z_0-9][a-zA-Z_\-0-9]*[a-zA-Z0-9]+$");
        public static readonly IdentifierRule IoTJobId = new IdentifierRule("IoT JobId", 1, 64, @"^[a-zA-Z0-9_-]+$");
        public static readonly IdentifierRule IoTThingName = new IdentifierRule("IoT ThingName", 1, 128, @"^[a-zA-Z0-9:_-]+$");
        public static readonly IdentifierRule IoTStatusDetailKey = new IdentifierRule("status detail key", 1, 128, @"^[a-zA-Z0-9:_-]+$");
        // The model's [^\p{C}]+ counts whole characters; .NET's regex sees the two halves of an emoji (Cs) instead, and
        // lone halves are already refused as control characters. The model sets no maximum; 1,024 is the IoT API
        // reference's (JobExecutionState: "The maximum length of the value in the name/value pair is 1,024 characters").
        public static readonly IdentifierRule IoTStatusDetailValue = new IdentifierRule("status detail value", 1, 1024, @"^[^\p{Cc}\p{Cf}\p{Co}\p{Cn}]+$");
        public const int IoTMaxStatusDetails = 10;
        // The model's minimum is 0, but an empty name or ARN names no project (the API reference: "The migration project
        // name or Amazon Resource Name (ARN)", required).
        public static readonly IdentifierRule DmsMigrationProject = new IdentifierRule("DMS migration project name or ARN", 1, 255, null);
        // The model sets nothing beyond "required": no length, no pattern.
        public static readonly IdentifierRule DmsRequestIdentifier = new IdentifierRule("DMS request identifier", 1, int.MaxValue, null);
        public static readonly IdentifierRule DataZoneDomainId = new IdentifierRule("DataZone domain id", 5, 40, @"^dzd[-_][a-zA-Z0-9_-]{1,36}$");
        public static readonly IdentifierRule DataZoneRunId = new IdentifierRule("DataZone metadata generation run id", 1, 36, @"^[a-zA-Z0-9_-]{1,36}$");
        public static readonly IdentifierRule DataZoneEntityId = new IdentifierRule("DataZone asset id", 1, 36, @"^[a-zA-Z0-9_-]{1,36}$");

        /// <summary>Runs each check and collects the problems, so one message names all of them.</summary>
        public static IReadOnlyList<string> Collect(params string?[] problems)
        {
            var list = new List<string>();
            foreach (var problem in problems)
            {
                if (problem != null)
                {
                    list.Add(problem);
                }
            }
            return list;
        }
    }
}
