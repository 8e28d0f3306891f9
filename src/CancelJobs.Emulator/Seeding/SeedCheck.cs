using System;
using System.Linq;

namespace CancelJobs.Emulator.Seeding;

/// <summary>Seed-document checks; failures are ArgumentExceptions the control API reports as 400.</summary>
internal static class SeedCheck
{
    public static string Key(string? value, string section, string member) =>
        string.IsNullOrEmpty(value) ? throw new ArgumentException($"A '{section}' seed item is missing its '{member}'.") : value;

    public static string OneOf(string value, string[] allowed, string section, string member) =>
        allowed.Contains(value, StringComparer.Ordinal)
            ? value
            : throw new ArgumentException($"'{value}' is not a valid {section} {member}; expected one of {string.Join(", ", allowed)}.");
}
