using System;
using System.Collections.Generic;

namespace CancelJobs.Emulator.Services.IoT;

/// <summary>An AWS IoT job execution (one job on one thing). IoT cancels take effect at once.</summary>
public sealed record IoTJobExecution
{
    public required string JobId { get; init; }
    public required string ThingName { get; init; }
    public required string Status { get; init; }
    public long VersionNumber { get; init; } = 1;
    public long ExecutionNumber { get; init; } = 1;
    public int RetryAttempt { get; init; }
    public bool ForceCanceled { get; init; }
    public IReadOnlyDictionary<string, string> StatusDetails { get; init; } = new Dictionary<string, string>();
    public DateTimeOffset QueuedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset LastUpdatedAt { get; init; }
}
