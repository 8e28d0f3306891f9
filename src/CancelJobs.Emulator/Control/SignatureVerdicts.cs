namespace CancelJobs.Emulator.Control;

/// <summary>The values of <see cref="RequestLogEntry.Signature"/>.</summary>
public static class SignatureVerdicts
{
    public const string Valid = "Valid";
    public const string Invalid = "Invalid";
    public const string UnknownKey = "UnknownKey";
    public const string Missing = "Missing";
    public const string Expired = "Expired";
    public const string NotChecked = "NotChecked";
}
