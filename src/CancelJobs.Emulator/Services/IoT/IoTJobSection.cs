using System;
using System.Collections.Generic;
using CancelJobs.Emulator.Seeding;

namespace CancelJobs.Emulator.Services.IoT;

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
