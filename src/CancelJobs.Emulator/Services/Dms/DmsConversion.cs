using System;

namespace CancelJobs.Emulator.Services.Dms;

/// <summary>A DMS metadata model conversion request within a migration project.</summary>
public sealed record DmsConversion
{
    /// <summary>The migration project's name (ARNs given by clients are reduced to it).</summary>
    public required string MigrationProject { get; init; }
    public required string RequestIdentifier { get; init; }
    public double ProgressPercent { get; init; }
    public long TotalObjects { get; init; }
    public string? ErrorMessage { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The status as last written; CANCELING settles into CANCELED lazily, on read.</summary>
    internal string RecordedStatus { get; init; } = DmsStatuses.InProgress;

    /// <summary>When a CANCELING request reads as CANCELED.</summary>
    public DateTimeOffset? CancelCompletesAt { get; init; }

    /// <summary>The current status.</summary>
    public string Status => StatusAt(DateTimeOffset.UtcNow);

    internal string StatusAt(DateTimeOffset now) =>
        RecordedStatus == DmsStatuses.Canceling && CancelCompletesAt is { } done && now >= done
            ? DmsStatuses.Canceled
            : RecordedStatus;
}
