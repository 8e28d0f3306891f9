using System;
using CancelJobs.Emulator.Seeding;

namespace CancelJobs.Emulator.Services.DataZone;

/// <summary>Seed-document form of a DataZone run; domainId and id are the key.</summary>
public sealed class DataZoneSeed
{
    public string? DomainId { get; set; }
    public string? Id { get; set; }
    public string? Status { get; set; }
    public string? Type { get; set; }
    public string? OwningProjectId { get; set; }
    public string? TargetIdentifier { get; set; }
    public string? TargetRevision { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public string? CreatedBy { get; set; }

    internal DataZoneRun ToRun(DateTimeOffset now) => new()
    {
        DomainId = SeedCheck.Key(DomainId, "dataZone", "domainId"),
        Id = SeedCheck.Key(Id, "dataZone", "id"),
        Status = SeedCheck.OneOf(Status ?? DataZoneValues.Submitted, DataZoneValues.Statuses, "dataZone", "status"),
        Type = SeedCheck.OneOf(Type ?? DataZoneValues.Types[0], DataZoneValues.Types, "dataZone", "type"),
        OwningProjectId = OwningProjectId ?? "prj_default",
        TargetIdentifier = TargetIdentifier ?? "asset-1",
        TargetRevision = TargetRevision ?? "1",
        CreatedAt = CreatedAt ?? now.AddMinutes(-10),
        CreatedBy = CreatedBy ?? "emulator-user",
    };

    internal static DataZoneSeed From(DataZoneRun run) => new()
    {
        DomainId = run.DomainId,
        Id = run.Id,
        Status = run.Status,
        Type = run.Type,
        OwningProjectId = run.OwningProjectId,
        TargetIdentifier = run.TargetIdentifier,
        TargetRevision = run.TargetRevision,
        CreatedAt = run.CreatedAt,
        CreatedBy = run.CreatedBy,
    };
}
