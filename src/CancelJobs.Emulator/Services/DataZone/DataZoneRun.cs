using System;

namespace CancelJobs.Emulator;

/// <summary>An Amazon DataZone metadata generation run. DataZone cancels take effect at once.</summary>
public sealed record DataZoneRun
{
    public required string DomainId { get; init; }
    public required string Id { get; init; }
    public required string Status { get; init; }
    public string Type { get; init; } = "BUSINESS_DESCRIPTIONS";
    public required string OwningProjectId { get; init; }
    public required string TargetIdentifier { get; init; }
    public string? TargetRevision { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string CreatedBy { get; init; } = "emulator-user";
}

internal static class DataZoneValues
{
    public const string Submitted = "SUBMITTED";
    public const string InProgress = "IN_PROGRESS";
    public const string Canceled = "CANCELED";

    public static readonly string[] Statuses = [Submitted, InProgress, Canceled, "SUCCEEDED", "FAILED", "PARTIALLY_SUCCEEDED"];
    public static readonly string[] Cancellable = [Submitted, InProgress];
    public static readonly string[] Types = ["BUSINESS_DESCRIPTIONS", "BUSINESS_NAMES", "BUSINESS_GLOSSARY_ASSOCIATIONS"];
}
