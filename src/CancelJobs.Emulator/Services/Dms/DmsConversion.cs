using System;
using System.Text.RegularExpressions;

namespace CancelJobs.Emulator;

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

internal static class DmsStatuses
{
    public const string Received = "RECEIVED";
    public const string InProgress = "IN_PROGRESS";
    public const string Success = "SUCCESS";
    public const string Failed = "FAILED";
    public const string Canceling = "CANCELING";
    public const string Canceled = "CANCELED";

    public static readonly string[] All = [Received, InProgress, Success, Failed, Canceling, Canceled];
    public static readonly string[] Cancellable = [Received, InProgress];
}

/// <summary>DMS accepts a migration project by name or by ARN; the emulator keys projects by name.</summary>
internal static class DmsProjects
{
    private static readonly Regex Arn = new(@"^arn:aws[a-z-]*:dms:[a-z0-9-]+:[0-9]{12}:migration-project:(?<name>.+)$", RegexOptions.Compiled);

    public static string NameOf(string identifier)
    {
        Match arn = Arn.Match(identifier);
        return arn.Success ? arn.Groups["name"].Value : identifier;
    }
}
