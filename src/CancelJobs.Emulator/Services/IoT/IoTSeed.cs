using System;
using System.Collections.Generic;
using CancelJobs.Emulator.Seeding;

namespace CancelJobs.Emulator.Services.IoT;

/// <summary>Seed-document form of an IoT job execution; jobId and thingName are the key.</summary>
public sealed class IoTSeed
{
    public string? JobId { get; set; }
    public string? ThingName { get; set; }
    public string? Status { get; set; }
    public long? VersionNumber { get; set; }
    public long? ExecutionNumber { get; set; }
    public int? RetryAttempt { get; set; }
    public bool? ForceCanceled { get; set; }
    public Dictionary<string, string>? StatusDetails { get; set; }
    public DateTimeOffset? QueuedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? LastUpdatedAt { get; set; }

    internal IoTJobExecution ToExecution(DateTimeOffset now)
    {
        string status = SeedCheck.OneOf(Status ?? IoTStatuses.Queued, IoTStatuses.All, "iot", "status");
        DateTimeOffset queued = QueuedAt ?? now.AddMinutes(-10);
        return new IoTJobExecution
        {
            JobId = SeedCheck.Key(JobId, "iot", "jobId"),
            ThingName = SeedCheck.Key(ThingName, "iot", "thingName"),
            Status = status,
            VersionNumber = VersionNumber ?? 1,
            ExecutionNumber = ExecutionNumber ?? 1,
            RetryAttempt = RetryAttempt ?? 0,
            ForceCanceled = ForceCanceled ?? false,
            StatusDetails = new Dictionary<string, string>(StatusDetails ?? [], StringComparer.Ordinal),
            QueuedAt = queued,
            StartedAt = StartedAt ?? (status == IoTStatuses.Queued ? null : queued.AddMinutes(1)),
            LastUpdatedAt = LastUpdatedAt ?? now.AddMinutes(-1),
        };
    }

    internal static IoTSeed From(IoTJobExecution execution) => new()
    {
        JobId = execution.JobId,
        ThingName = execution.ThingName,
        Status = execution.Status,
        VersionNumber = execution.VersionNumber,
        ExecutionNumber = execution.ExecutionNumber,
        RetryAttempt = execution.RetryAttempt,
        ForceCanceled = execution.ForceCanceled,
        StatusDetails = new Dictionary<string, string>(execution.StatusDetails, StringComparer.Ordinal),
        QueuedAt = execution.QueuedAt,
        StartedAt = execution.StartedAt,
        LastUpdatedAt = execution.LastUpdatedAt,
    };
}
