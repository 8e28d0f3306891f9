namespace CancelJobs.Emulator.Services.IoT;

internal static class IoTStatuses
{
    public const string Queued = "QUEUED";
    public const string InProgress = "IN_PROGRESS";
    public const string Canceled = "CANCELED";

    public static readonly string[] All =
        [Queued, InProgress, "SUCCEEDED", "FAILED", "TIMED_OUT", "REJECTED", "REMOVED", Canceled];

    public static readonly string[] Terminal = ["SUCCEEDED", "FAILED", "TIMED_OUT", "REJECTED", "REMOVED", Canceled];
}
