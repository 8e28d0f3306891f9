namespace CancelJobs.Emulator.Services.IoT;

internal static class IoTJobStatuses
{
    public const string InProgress = "IN_PROGRESS";
    public const string Canceled = "CANCELED";
    public const string Completed = "COMPLETED";
    public const string DeletionInProgress = "DELETION_IN_PROGRESS";
    public const string Scheduled = "SCHEDULED";

    public static readonly string[] All = [InProgress, Canceled, Completed, DeletionInProgress, Scheduled];
    public static readonly string[] TargetSelections = ["CONTINUOUS", "SNAPSHOT"];
}
