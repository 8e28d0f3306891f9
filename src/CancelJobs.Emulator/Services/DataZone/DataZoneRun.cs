using System;

namespace CancelJobs.Emulator.Services.DataZone;

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
