namespace CancelJobs.Emulator.Services.DataZone;

internal static class DataZoneValues
{
    public const string Submitted = "SUBMITTED";
    public const string InProgress = "IN_PROGRESS";
    public const string Canceled = "CANCELED";

    public static readonly string[] Statuses = [Submitted, InProgress, Canceled, "SUCCEEDED", "FAILED", "PARTIALLY_SUCCEEDED"];
    public static readonly string[] Cancellable = [Submitted, InProgress];
    public static readonly string[] Types = ["BUSINESS_DESCRIPTIONS", "BUSINESS_NAMES", "BUSINESS_GLOSSARY_ASSOCIATIONS"];
}
