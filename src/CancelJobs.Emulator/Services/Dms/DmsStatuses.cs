namespace CancelJobs.Emulator.Services.Dms;

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
