using CancelJobs.Emulator.Control;
using CancelJobs.Emulator.Protocol;

namespace CancelJobs.Emulator.Signing;

/// <summary>The outcome of a signature check; <see cref="Error"/> is null when the request may proceed.</summary>
internal sealed record SignatureCheck(string Verdict, ErrorShape? Error = null, string? Message = null, string? Note = null, string? Principal = null)
{
    public static readonly SignatureCheck NotChecked = new(SignatureVerdicts.NotChecked);
}
