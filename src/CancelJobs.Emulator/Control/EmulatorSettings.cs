using System;

namespace CancelJobs.Emulator.Control;

/// <summary>Runtime behaviour switches, changeable through the control API; survive a reset.</summary>
public sealed record EmulatorSettings
{
    public bool VerifySignatures { get; init; } = true;
    public int TwinMakerCancelDelayMs { get; init; } = 1000;
    public int DmsCancelDelayMs { get; init; } = 1000;

    /// <summary>
    /// How DataZone refuses to cancel a run that is no longer active: "ValidationException" (400, the form of the API
    /// reference's example) or "ConflictException" (409, the error the model lists for the operation).
    /// </summary>
    public string DataZoneCancelRefusal { get; init; } = "ValidationException";

    /// <summary>
    /// False for an opt-in region the account has not enabled: AWS refuses every signed request there as if the
    /// credentials were unknown (UnrecognizedClientException, 403), while other regions accept them.
    /// </summary>
    public bool RegionEnabled { get; init; } = true;

    /// <summary>How long temporary credentials from STS, the SSO portal and the container endpoint stay valid.</summary>
    public int IssuedCredentialSeconds { get; init; } = 3600;

    internal TimeSpan TwinMakerCancelDelay => TimeSpan.FromMilliseconds(TwinMakerCancelDelayMs);
    internal TimeSpan DmsCancelDelay => TimeSpan.FromMilliseconds(DmsCancelDelayMs);

    /// <summary>Null when valid, else why not.</summary>
    internal string? Problem() =>
        TwinMakerCancelDelayMs < 0 || DmsCancelDelayMs < 0 ? "Cancel delays must not be negative."
        : IssuedCredentialSeconds < 1 ? "issuedCredentialSeconds must be at least 1."
        : DataZoneCancelRefusal is not ("ValidationException" or "ConflictException") ? "dataZoneCancelRefusal must be ValidationException or ConflictException."
        : null;
}
