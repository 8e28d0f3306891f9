using System;
using System.Linq;
using CancelJobs.Emulator.Seeding;

namespace CancelJobs.Emulator.Services.TwinMaker;

/// <summary>Seed-document form of a TwinMaker job (camelCase JSON); everything but the id is optional.</summary>
public sealed class TwinMakerSeed
{
    public string? Id { get; set; }
    public string? WorkspaceId { get; set; }
    public string? State { get; set; }

    /// <summary>Accepted as an alias of <see cref="State"/>, since the other services say "status".</summary>
    public string? Status { get; set; }
    public string? SourceType { get; set; }

    /// <summary>Several source types (a job importing from s3 and iotsitewise); replaces <see cref="SourceType"/>.</summary>
    public string[]? SourceTypes { get; set; }
    public string? DestinationType { get; set; }
    public string? Description { get; set; }
    public string? ReportUrl { get; set; }
    public DateTimeOffset? CreationDateTime { get; set; }
    public DateTimeOffset? UpdateDateTime { get; set; }
    public int? TotalCount { get; set; }
    public int? SucceededCount { get; set; }
    public int? SkippedCount { get; set; }
    public int? FailedCount { get; set; }
    public string? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }

    internal TwinMakerJob ToJob(DateTimeOffset now, TimeSpan cancelDelay)
    {
        string id = SeedCheck.Key(Id, "twinMaker", "id");
        string state = SeedCheck.OneOf(State ?? Status ?? TwinMakerStates.Running, TwinMakerStates.All, "twinMaker", "state");
        DateTimeOffset created = CreationDateTime ?? now.AddMinutes(-10);
        bool failed = state == TwinMakerStates.Error;
        return new TwinMakerJob
        {
            Id = id,
            WorkspaceId = WorkspaceId ?? "default-workspace",
            RecordedState = state,
            SourceTypes = (SourceTypes is { Length: > 0 } several ? several : [SourceType ?? "s3"])
                .Select(type => SeedCheck.OneOf(type, TwinMakerStates.EndpointTypes, "twinMaker", "sourceType")).Distinct().ToArray(),
            DestinationType = SeedCheck.OneOf(DestinationType ?? "iottwinmaker", TwinMakerStates.EndpointTypes, "twinMaker", "destinationType"),
            Description = Description,
            ReportUrl = ReportUrl,
            CreationDateTime = created,
            RecordedUpdateDateTime = UpdateDateTime ?? now.AddMinutes(-1),
            // A job seeded as CANCELLING settles as after a fresh cancel: once the configured delay has passed.
            CancelCompletesAt = state == TwinMakerStates.Cancelling ? now + cancelDelay : null,
            TotalCount = TotalCount ?? 100,
            SucceededCount = SucceededCount ?? 0,
            SkippedCount = SkippedCount ?? 0,
            FailedCount = FailedCount ?? 0,
            QueuedPosition = state == TwinMakerStates.Pending ? 1 : null,
            ErrorCode = ErrorCode ?? (failed ? "PROCESSING_ERROR" : null),
            ErrorMessage = ErrorMessage ?? (failed ? "The metadata transfer job failed." : null),
        };
    }

    internal static TwinMakerSeed From(TwinMakerJob job, DateTimeOffset now) => new()
    {
        Id = job.Id,
        WorkspaceId = job.WorkspaceId,
        State = job.StateAt(now),
        SourceType = job.SourceTypes[0],
        SourceTypes = job.SourceTypes.Count > 1 ? [.. job.SourceTypes] : null,
        DestinationType = job.DestinationType,
        Description = job.Description,
        ReportUrl = job.ReportUrl,
        CreationDateTime = job.CreationDateTime,
        UpdateDateTime = job.UpdatedAt(now),
        TotalCount = job.TotalCount,
        SucceededCount = job.SucceededCount,
        SkippedCount = job.SkippedCount,
        FailedCount = job.FailedCount,
        ErrorCode = job.ErrorCode,
        ErrorMessage = job.ErrorMessage,
    };
}
