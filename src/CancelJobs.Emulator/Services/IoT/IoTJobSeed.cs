using System;

namespace CancelJobs.Emulator.Services.IoT;

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
