using System;
using CancelJobs.Emulator.Seeding;

namespace CancelJobs.Emulator.Services.Dms;

/// <summary>Seed-document form of a DMS conversion; migrationProject (a name) and requestIdentifier are the key.</summary>
public sealed class DmsSeed
{
    public string? MigrationProject { get; set; }
    public string? RequestIdentifier { get; set; }
    public string? Status { get; set; }
    public double? ProgressPercent { get; set; }
    public long? TotalObjects { get; set; }
    public string? ErrorMessage { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }

    internal DmsConversion ToConversion(DateTimeOffset now)
    {
        string status = SeedCheck.OneOf(Status ?? DmsStatuses.InProgress, DmsStatuses.All, "dms", "status");
        return new DmsConversion
        {
            MigrationProject = SeedCheck.Key(MigrationProject, "dms", "migrationProject"),
            RequestIdentifier = SeedCheck.Key(RequestIdentifier, "dms", "requestIdentifier"),
            RecordedStatus = status,
            CancelCompletesAt = status == DmsStatuses.Canceling ? now.AddSeconds(1) : null,
            ProgressPercent = ProgressPercent ?? status switch
            {
                DmsStatuses.Success => 100,
                DmsStatuses.Received => 0,
                _ => 40,
            },
            TotalObjects = TotalObjects ?? 250,
            ErrorMessage = ErrorMessage ?? (status == DmsStatuses.Failed ? "Conversion failed for 3 objects." : null),
            CreatedAt = CreatedAt ?? now.AddMinutes(-10),
        };
    }

    internal static DmsSeed From(DmsConversion conversion, DateTimeOffset now) => new()
    {
        MigrationProject = conversion.MigrationProject,
        RequestIdentifier = conversion.RequestIdentifier,
        Status = conversion.StatusAt(now),
        ProgressPercent = conversion.ProgressPercent,
        TotalObjects = conversion.TotalObjects,
        ErrorMessage = conversion.ErrorMessage,
        CreatedAt = conversion.CreatedAt,
    };
}
