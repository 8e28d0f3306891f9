using System.Collections.Generic;
using System.Globalization;

namespace CancelJobs.Emulator.Protocol;

/// <summary>
/// Model constraint checks (required, length, pattern, enum, range) raising the service's own
/// validation error with AWS's "1 validation error detected" wording.
/// </summary>
internal readonly struct Validator(ErrorShape error)
{
    public AwsServiceException Fail(string message) => error.With(message);

    public string Required(string? value, string member) =>
        value ?? throw Constraint("null", member, "Member must not be null");

    public T Required<T>(T? value, string member) where T : class =>
        value ?? throw Constraint("null", member, "Member must not be null");

    /// <summary>
    /// Checks length and pattern when the value is present. Lengths count Unicode code points, as Smithy's @length
    /// does for strings (an emoji is one character, not two UTF-16 units); null bounds are ones the model does not set.
    /// </summary>
    public string? Text(string? value, string member, int? min, int? max, ModelPattern? pattern = null)
    {
        if (value is null) return null;
        int length = CodePoints(value);
        if (length < min)
            throw Constraint(Quote(value), member, $"Member must have length greater than or equal to {min}");
        if (length > max)
            throw Constraint(Quote(value), member, $"Member must have length less than or equal to {max}");
        if (pattern is not null && !pattern.IsMatch(value))
            throw Constraint(Quote(value), member, $"Member must satisfy regular expression pattern: {pattern.ModelText}");
        return value;
    }

    /// <summary>Unicode code points: a well-formed surrogate pair counts once.</summary>
    public static int CodePoints(string value)
    {
        int count = 0;
        for (int i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) i++;
            count++;
        }
        return count;
    }

    public string? OneOf(string? value, string member, IReadOnlyCollection<string> allowed)
    {
        if (value is null) return null;
        foreach (string candidate in allowed)
        {
            if (candidate == value) return value;
        }
        throw Constraint(Quote(value), member, $"Member must satisfy enum value set: [{string.Join(", ", allowed)}]");
    }

    public long? Range(long? value, string member, long min, long max)
    {
        if (value is null) return null;
        if (value < min)
            throw Constraint(Format(value.Value), member, $"Member must have value greater than or equal to {min}");
        if (value > max)
            throw Constraint(Format(value.Value), member, $"Member must have value less than or equal to {max}");
        return value;
    }

    /// <summary>Parses an integer from a query string, where malformed input is a validation error.</summary>
    public long? Integer(string? raw, string member)
    {
        if (raw is null) return null;
        return long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out long parsed)
            ? parsed
            : throw Constraint(Quote(raw), member, "Member must be an integer");
    }

    private AwsServiceException Constraint(string shownValue, string member, string constraint) =>
        error.With($"1 validation error detected: Value {shownValue} at '{member}' failed to satisfy constraint: {constraint}");

    private static string Quote(string value) => $"'{value}'";

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
