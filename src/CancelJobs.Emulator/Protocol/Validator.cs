using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

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

    /// <summary>Checks length and pattern when the value is present.</summary>
    /// <param name="modelPattern">The pattern as the model writes it, when <paramref name="pattern"/> is .NET's translation of it.</param>
    public string? Text(string? value, string member, int min, int max, Regex? pattern = null, string? modelPattern = null)
    {
        if (value is null) return null;
        if (value.Length < min)
            throw Constraint(Quote(value), member, $"Member must have length greater than or equal to {min}");
        if (value.Length > max)
            throw Constraint(Quote(value), member, $"Member must have length less than or equal to {max}");
        if (pattern is not null && !pattern.IsMatch(value))
            throw Constraint(Quote(value), member, $"Member must satisfy regular expression pattern: {modelPattern ?? pattern.ToString()}");
        return value;
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
