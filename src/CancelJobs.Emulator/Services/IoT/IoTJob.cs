using System;

namespace CancelJobs.Emulator.Services.IoT;

/// <summary>
/// An AWS IoT job as a whole. A job with executions but no record of its own (seeded as executions only) is read as an
/// IN_PROGRESS snapshot job, and gets a record the first time a job operation touches it.
/// </summary>
public sealed record IoTJob
{
    public required string JobId { get; init; }
    public required string Status { get; init; }
    public string TargetSelection { get; init; } = "SNAPSHOT";
    public string? ThingGroupName { get; init; }
    public string? ThingGroupId { get; init; }
    public string? Description { get; init; }
    public bool ForceCanceled { get; init; }
    public string? ReasonCode { get; init; }
    public string? Comment { get; init; }
    public bool IsConcurrent { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset LastUpdatedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
}
