using System;
using System.Collections.Generic;
using System.Linq;
using CancelJobs.Emulator.Seeding;
using CancelJobs.Emulator.Services;
using CancelJobs.Emulator.Services.IoT;

namespace CancelJobs.Emulator;

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

/// <summary>Seed-document form of an IoT job (section "iotJobs"); jobId is the key.</summary>
public sealed class IoTJobSeed
{
    public string? JobId { get; set; }
    public string? Status { get; set; }
    public string? TargetSelection { get; set; }
    public string? ThingGroupName { get; set; }
    public string? ThingGroupId { get; set; }
    public string? Description { get; set; }
    public bool? ForceCanceled { get; set; }
    public string? ReasonCode { get; set; }
    public string? Comment { get; set; }
    public bool? IsConcurrent { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? LastUpdatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

internal static class IoTJobStatuses
{
    public const string InProgress = "IN_PROGRESS";
    public const string Canceled = "CANCELED";
    public const string Completed = "COMPLETED";
    public const string DeletionInProgress = "DELETION_IN_PROGRESS";
    public const string Scheduled = "SCHEDULED";

    public static readonly string[] All = [InProgress, Canceled, Completed, DeletionInProgress, Scheduled];
    public static readonly string[] TargetSelections = ["CONTINUOUS", "SNAPSHOT"];
}

/// <summary>The IoT jobs store and its seed section.</summary>
internal sealed class IoTJobSection() : SeedSection<string, IoTJob, IoTJobSeed>(j => j.JobId, StringComparer.Ordinal)
{
    public override string Name => "iotJobs";

    protected override IoTJob ToItem(IoTJobSeed seed, DateTimeOffset now)
    {
        string status = SeedCheck.OneOf(seed.Status ?? IoTJobStatuses.InProgress, IoTJobStatuses.All, "iotJobs", "status");
        DateTimeOffset created = seed.CreatedAt ?? now.AddHours(-1);
        return new IoTJob
        {
            JobId = SeedCheck.Key(seed.JobId, "iotJobs", "jobId"),
            Status = status,
            TargetSelection = SeedCheck.OneOf(seed.TargetSelection ?? "SNAPSHOT", IoTJobStatuses.TargetSelections, "iotJobs", "targetSelection"),
            ThingGroupName = seed.ThingGroupName,
            ThingGroupId = seed.ThingGroupId ?? (seed.ThingGroupName is null ? null : $"{seed.ThingGroupName}-id"),
            Description = seed.Description,
            ForceCanceled = seed.ForceCanceled ?? false,
            ReasonCode = seed.ReasonCode,
            Comment = seed.Comment,
            IsConcurrent = seed.IsConcurrent ?? false,
            CreatedAt = created,
            LastUpdatedAt = seed.LastUpdatedAt ?? now.AddMinutes(-1),
            CompletedAt = seed.CompletedAt ?? (status is IoTJobStatuses.Completed or IoTJobStatuses.Canceled ? now.AddMinutes(-1) : null),
        };
    }

    protected override IoTJobSeed ToSeed(IoTJob job, DateTimeOffset now) => new()
    {
        JobId = job.JobId,
        Status = job.Status,
        TargetSelection = job.TargetSelection,
        ThingGroupName = job.ThingGroupName,
        ThingGroupId = job.ThingGroupId,
        Description = job.Description,
        ForceCanceled = job.ForceCanceled,
        ReasonCode = job.ReasonCode,
        Comment = job.Comment,
        IsConcurrent = job.IsConcurrent,
        CreatedAt = job.CreatedAt,
        LastUpdatedAt = job.LastUpdatedAt,
        CompletedAt = job.CompletedAt,
    };

    // The demo's firmware rollout (its executions are in DemoSeed's "iot" section) and jobs in the other states.
    protected override IEnumerable<IoTJobSeed> DemoItems() =>
    [
        new() { JobId = "fw-rollout-7", Status = IoTJobStatuses.InProgress, ThingGroupName = "sensors-eu", Description = "Sensor firmware 7.0 rollout" },
        new() { JobId = "cert-rotation-2", Status = IoTJobStatuses.InProgress, ThingGroupName = "gateways", TargetSelection = "CONTINUOUS", Description = "Gateway certificate rotation" },
        new() { JobId = "fw-rollout-6", Status = IoTJobStatuses.Completed, ThingGroupName = "sensors-eu", Description = "Sensor firmware 6.2 rollout" },
        new() { JobId = "fw-rollout-5", Status = IoTJobStatuses.Canceled, ThingGroupName = "sensors-eu", Description = "Withdrawn firmware 6.0", ReasonCode = "BAD_BUILD" },
    ];
}

/// <summary>Test and tool access to IoT jobs, beside <see cref="EmulatorState.FindIoTExecution"/>.</summary>
public static class IoTJobLookup
{
    /// <summary>The job's record, or (for a job known only by its executions) the job as IoT would report it.</summary>
    public static IoTJob? FindIoTJob(this EmulatorState state, string jobId) =>
        state.Sections.Get<IoTJobSection>().Store.Find(jobId) ?? IoTService.ImplicitJob(state.IoTExecutions, jobId);
}
