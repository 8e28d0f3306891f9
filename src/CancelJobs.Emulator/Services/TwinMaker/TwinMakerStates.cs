namespace CancelJobs.Emulator.Services.TwinMaker;

internal static class TwinMakerStates
{
    public const string Validating = "VALIDATING";
    public const string Pending = "PENDING";
    public const string Running = "RUNNING";
    public const string Cancelling = "CANCELLING";
    public const string Error = "ERROR";
    public const string Completed = "COMPLETED";
    public const string Cancelled = "CANCELLED";

    public static readonly string[] All = [Validating, Pending, Running, Cancelling, Error, Completed, Cancelled];
    public static readonly string[] Cancellable = [Validating, Pending, Running];
    public static readonly string[] EndpointTypes = ["s3", "iotsitewise", "iottwinmaker"];
}
