using System;
using System.Collections.Generic;

namespace CancelJobs.Emulator.Services.TwinMaker;

/// <summary>An IoT TwinMaker metadata transfer job as the emulator holds it.</summary>
public sealed record TwinMakerJob
{
    public required string Id { get; init; }
    public required string WorkspaceId { get; init; }
    /// <summary>The types of the job's sources; a job with several is listed under each source/destination pair.</summary>
    public IReadOnlyList<string> SourceTypes { get; init; } = ["s3"];
    public string DestinationType { get; init; } = "iottwinmaker";
    public string? Description { get; init; }
    public string? ReportUrl { get; init; }
    public DateTimeOffset CreationDateTime { get; init; }
    public int TotalCount { get; init; }
    public int SucceededCount { get; init; }
    public int SkippedCount { get; init; }
    public int FailedCount { get; init; }
    public int? QueuedPosition { get; init; }
    public string? ErrorCode { get; init; }
    public string? ErrorMessage { get; init; }

    /// <summary>The state as last written; CANCELLING settles into CANCELLED lazily, on read.</summary>
    internal string RecordedState { get; init; } = TwinMakerStates.Running;
    internal DateTimeOffset RecordedUpdateDateTime { get; init; }

    /// <summary>When a CANCELLING job reads as CANCELLED.</summary>
    public DateTimeOffset? CancelCompletesAt { get; init; }

    /// <summary>The current state (same as <see cref="State"/>).</summary>
    public string Status => StateAt(DateTimeOffset.UtcNow);

    public string State => Status;

    public DateTimeOffset UpdateDateTime => UpdatedAt(DateTimeOffset.UtcNow);

    internal bool CancelSettled(DateTimeOffset now) =>
        RecordedState == TwinMakerStates.Cancelling && CancelCompletesAt is { } done && now >= done;

    internal string StateAt(DateTimeOffset now) => CancelSettled(now) ? TwinMakerStates.Cancelled : RecordedState;

    internal DateTimeOffset UpdatedAt(DateTimeOffset now) => CancelSettled(now) ? CancelCompletesAt!.Value : RecordedUpdateDateTime;
}
