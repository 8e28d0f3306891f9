using System;
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
}
